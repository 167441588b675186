"""geonews as a spaCy pipeline component: ``nlp.add_pipe("geonews")``.

The factory is registered through spaCy's entry points (``spacy_factories`` in
``pyproject.toml``), so installing geonews is enough; importing this module
registers it too. The component finds the places of each doc and puts them in
``doc.spans["places"]`` (the key is ``span_key``), each span carrying
``span._.geonews``: a dict with ``lat``, ``lon``, ``name`` (the place's name in
the doc's language), ``place_id``, ``geonameid``, ``feature``, ``country``,
``confidence``, ``score``, ``metonymic``, ``kind`` and ``label``. A mention the
resolver found but placed nowhere is kept, with ``lat``/``lon``/``place_id``
None and confidence 0 (``unresolved=False`` drops it).

Which entities: with ``entities="auto"`` (the default) the doc's own entities
are used when a recogniser of the host pipeline ran before the component
(``fr_core_news_md`` with its ``ner``); a doc no recogniser touched
(``spacy.blank("fr")``) is read by geonews' own recogniser for its language,
loaded once, on first need. ``"doc"`` and ``"geonews"`` force one or the other.
geonews' span rules, gazetteer ruler and resolver run in both cases.

The stores (gazetteer, geocode cache) are opened once per component, on its
first doc, from ``cache_dir`` (``gazetteer`` names an index file to use as it
is); they are reopened in each process of ``nlp.pipe(..., n_process=N)``, and
never pickled.
"""

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from geonews.config import Settings
from geonews.errors import ConfigurationError
from geonews.extract.labels import LabelScheme, scheme_of
from geonews.extract.nlp import LANG_MODELS, pipeline_scheme
from geonews.model import Article, ArticleResult, Resolution
from geonews.pipeline import Geoparser

__all__ = ["EXTENSION", "GeonewsComponent", "make_geonews"]

#: The name of the span extension: ``span._.geonews``.
EXTENSION = "geonews"
_ENTITY_MODES = ("auto", "doc", "geonews")


def _register_extension() -> None:
    if not Span.has_extension(EXTENSION):
        Span.set_extension(EXTENSION, default=None)


_register_extension()


class GeonewsComponent:
    """The component :func:`make_geonews` makes (see the module's documentation)."""

    def __init__(
        self, nlp: Language, name: str = "geonews", *, cache_dir: str | None = None, gazetteer: str | None = None,
        use_cache: bool = True, lang: str | None = None, model: str | None = None, entities: str = "auto",
        span_key: str = "places", unresolved: bool = True,
    ) -> None:
        if entities not in _ENTITY_MODES:
            raise ConfigurationError(f"entities must be one of {', '.join(_ENTITY_MODES)}, not {entities!r}")
        _register_extension()
        self.name = name
        self.entities = entities
        self.span_key = span_key
        self.unresolved = unresolved
        #: the docs' language, for the rules, the resolver and geonews' recogniser (None: detected per doc)
        self.lang = lang or (nlp.lang if nlp.lang in LANG_MODELS else None)
        self.settings = Settings(
            cache_dir=Path(cache_dir) if cache_dir else Settings().cache_dir, use_cache=use_cache, lang=self.lang,
            model=model, gazetteer_file=Path(gazetteer) if gazetteer else None,
        )
        self._host: Language | None = nlp
        self._scheme: LabelScheme | None = None  # the host's, once pickled without it
        self._geoparser: Geoparser | None = None
        self._pid = 0  # the process that opened the stores

    # the stores -----------------------------------------------------------------------
    @property
    def geoparser(self) -> Geoparser:
        """The geoparser of this process, its stores opened on first use (reopened in a forked child)."""
        pid = os.getpid()
        if self._geoparser is None or self._pid != pid:
            # a forked child never uses its parent's SQLite connections; it keeps the loaded recognisers
            recognisers = self._geoparser.recognisers if self._geoparser is not None else None
            self._geoparser = Geoparser.open(self.settings, recognisers=recognisers)
            self._pid = pid
        return self._geoparser

    def close(self) -> None:
        """Close the stores (a later doc opens them again)."""
        if self._geoparser is not None and self._pid == os.getpid():
            self._geoparser.close()
        self._geoparser = None

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_geoparser"], state["_pid"] = None, 0  # stores are reopened where the component lands
        state["_host"], state["_scheme"] = None, self._host_scheme()  # not the whole host pipeline, only its labels
        return state

    # processing -----------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        for _ in self.pipe([doc]):
            pass
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 32) -> Iterator[Doc]:
        """Set the places of each of ``docs``, a batch at a time (geonews' recogniser reads a batch together)."""
        for batch in minibatch(docs, size=batch_size):
            own = [doc for doc in batch if not self._has_entities(doc)]
            found = iter(list(self.geoparser.parse([self._article(doc) for doc in own])))
            read = {id(doc) for doc in own}
            for doc in batch:
                result = next(found) if id(doc) in read else self._from_entities(doc)
                self._set_places(doc, result)
                yield doc

    def _has_entities(self, doc: Doc) -> bool:
        if self.entities == "auto":
            return doc.has_annotation("ENT_IOB")  # a recogniser ran, whether or not it found anything
        return self.entities == "doc"

    def _article(self, doc: Doc) -> Article:
        return Article(id=str(id(doc)), text=doc.text, lang=self.lang)

    def _from_entities(self, doc: Doc) -> ArticleResult:
        scheme = self._host_scheme() or scheme_of(e.label_ for e in doc.ents)
        entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        return self.geoparser.parse_entities(self._article(doc), entities, scheme=scheme)

    def _host_scheme(self) -> LabelScheme | None:
        """The label scheme of the host pipeline's recogniser (read now: a component may be added after this one)."""
        return pipeline_scheme(self._host) if self._host is not None else self._scheme

    def _set_places(self, doc: Doc, result: ArticleResult) -> None:
        spans = []
        for resolution in result.resolutions:
            if resolution.place is None and not self.unresolved:
                continue
            mention = resolution.mention
            span = doc.char_span(mention.start, mention.end, label=mention.label, alignment_mode="expand")
            if span is None:  # pragma: no cover - "expand" always finds the tokens of a non-empty mention
                continue
            span._.set(EXTENSION, place_fields(resolution, result.article.lang))
            spans.append(span)
        doc.spans[self.span_key] = spans


def place_fields(resolution: Resolution, lang: str | None) -> dict[str, Any]:
    """The ``span._.geonews`` dict of one resolution (plain values: docs cross processes as bytes).

        >>> from geonews.model import Mention
        >>> m = Mention(article_id="a", start=0, end=5, text="Paris", sentence="Paris", sentence_start=0)
        >>> place_fields(Resolution(mention=m, place=None), "fr")["lat"] is None
        True
    """
    place = resolution.place
    return {
        "lat": place.point.lat if place else None,
        "lon": place.point.lon if place else None,
        "name": place.name_in(lang) if place else None,
        "place_id": place.id if place else None,
        "geonameid": place.geonameid if place else None,
        "feature": place.feature if place else None,
        "country": place.country_code if place else None,
        "confidence": resolution.confidence,
        "score": resolution.score,
        "metonymic": resolution.metonymic,
        "kind": resolution.mention.kind,
        "label": resolution.mention.label,
    }


@Language.factory(
    "geonews",
    default_config={"cache_dir": None, "gazetteer": None, "use_cache": True, "lang": None, "model": None,
                    "entities": "auto", "span_key": "places", "unresolved": True},
)
def make_geonews(
    nlp: Language, name: str, cache_dir: str | None, gazetteer: str | None, use_cache: bool, lang: str | None,
    model: str | None, entities: str, span_key: str, unresolved: bool,
) -> GeonewsComponent:
    """The ``geonews`` factory: ``nlp.add_pipe("geonews", config={"cache_dir": "cache"})``."""
    return GeonewsComponent(nlp, name, cache_dir=cache_dir, gazetteer=gazetteer, use_cache=use_cache, lang=lang,
                            model=model, entities=entities, span_key=span_key, unresolved=unresolved)
