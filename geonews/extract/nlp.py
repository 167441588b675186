"""Loading the spaCy pipeline: once per run, only the components geonews uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from geonews.config import DEFAULT_MODEL
from geonews.errors import ModelUnavailableError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["DEFAULT_MODEL", "NEEDED_COMPONENTS", "UNNEEDED_COMPONENTS", "load_pipeline"]

#: The NER and the token vectors it listens to; sentences come from
#: :mod:`geonews.extract.sentences`, so the parser, senter, morphologizer and
#: lemmatizer are not loaded at all (faster load, ~2x faster per document).
NEEDED_COMPONENTS = ("tok2vec", "ner")
UNNEEDED_COMPONENTS = (
    "parser", "senter", "morphologizer", "tagger", "lemmatizer", "attribute_ruler",
    "trainable_lemmatizer", "textcat", "textcat_multilabel", "entity_linker", "spancat",
)


def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load ``model`` with only :data:`NEEDED_COMPONENTS`.

    Raises :class:`ModelUnavailableError` with an install hint when the model
    package is missing.
    """
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ModelUnavailableError("spaCy is not installed: pip install spacy") from exc
    try:
        return spacy.load(model, exclude=list(UNNEEDED_COMPONENTS))
    except OSError as exc:
        raise ModelUnavailableError(
            f"spaCy model {model!r} is not installed (pip install {model.replace('_', '-')})"
        ) from exc
