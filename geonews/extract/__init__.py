"""Stage 2: find place mentions in articles (spaCy NER + pure span rules)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from geonews.extract.labels import LabelScheme
from geonews.extract.mentions import mentions_from_entities, mentions_from_spans
from geonews.extract.pieces import PIECE_CHARS, piece_bounds
from geonews.extract.ruler import Lookup
from geonews.model import Article, Mention

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["chunks", "extract_mentions", "mentions_from_entities", "mentions_from_spans", "recognise"]

Entities = list[tuple[int, int, str]]


def chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of ``size`` articles (the last may be shorter), read lazily.

    >>> [[a.id for a in c] for c in chunks((Article(id=str(i), text="x") for i in range(5)), 2)]
    [['0', '1'], ['2', '3'], ['4']]
    """
    iterator = iter(articles)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def extract_mentions(
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = 16,
    group_batches: int = 1,
    lookup: Lookup | None = None,
    drop_unknown: bool = True,
    disabled: frozenset[str] = frozenset(),
    scheme: LabelScheme | None = None,
) -> Iterator[tuple[Article, list[Mention]]]:
    """Run the recogniser over ``articles`` (batched) and yield their mentions, in order.

    spaCy runs over ``group_batches`` batches of ``batch_size`` articles at a
    time, keeping only their entities, before the span rules run over the
    group: the model's weights stay in the processor's caches, which the
    rules' work in between would evict (about 4 % of the run time with groups
    of 16 batches against groups of one).

    ``lookup`` (name -> gazetteer matches) turns on the gazetteer ruler and the
    demonym and common-noun filters (:mod:`geonews.extract.ruler`). ``disabled`` names the
    recognition rules switched off (:mod:`geonews.extract.rules`). ``scheme`` says what the
    pipeline's labels mean (by default: read from its recogniser, :mod:`geonews.extract.labels`).
    """
    if scheme is None:
        from geonews.extract.nlp import pipeline_scheme

        scheme = pipeline_scheme(nlp)
    for group in chunks(articles, batch_size * group_batches):
        found = recognise(nlp, [a.text for a in group], batch_size=batch_size)
        for article, ents in zip(group, found, strict=True):
            yield article, mentions_from_entities(article, ents, lookup=lookup, drop_unknown=drop_unknown,
                                                         disabled=disabled, scheme=scheme)


def recognise(nlp: Language, texts: Sequence[str], *, batch_size: int = 16) -> list[Entities]:
    """The ``(start, end, label)`` entities spaCy finds in each of ``texts``, in order.

    Texts of up to ``min(nlp.max_length, PIECE_CHARS)`` characters go through
    ``nlp.pipe`` whole, in batches; a longer one goes through in pieces
    (:func:`geonews.extract.pieces.piece_bounds`), one at a time, with offsets
    into the whole text. Only plain tuples leave spaCy.
    """
    limit = min(getattr(nlp, "max_length", PIECE_CHARS), PIECE_CHARS)  # a stand-in pipeline may have no limit
    short = [text for text in texts if len(text) <= limit]
    docs = nlp.pipe(short, batch_size=batch_size)
    found = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]
    if len(short) == len(texts):
        return found
    whole = iter(found)
    return [next(whole) if len(text) <= limit else _recognise_long(nlp, text, limit) for text in texts]


def _recognise_long(nlp: Language, text: str, limit: int) -> Entities:
    """The entities of a text too long for spaCy, found a piece at a time (each piece's memory freed in turn)."""
    bounds = piece_bounds(text, limit)
    docs = nlp.pipe((text[a:b] for a, b in bounds), batch_size=1)
    return [(a + e.start_char, a + e.end_char, e.label_) for (a, _b), doc in zip(bounds, docs, strict=True)
            for e in doc.ents]
