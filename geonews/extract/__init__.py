"""Stage 2: find place mentions in articles (spaCy NER + pure span rules)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from geonews.extract.mentions import mentions_from_entities, mentions_from_spans
from geonews.extract.ruler import Lookup
from geonews.model import Article, Mention

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["extract_mentions", "mentions_from_entities", "mentions_from_spans"]


def extract_mentions(
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = 16,
    lookup: Lookup | None = None,
    drop_unknown: bool = True,
) -> Iterator[tuple[Article, list[Mention]]]:
    """Run the recogniser over ``articles`` (batched) and yield their mentions, in order.

    ``lookup`` (name -> gazetteer matches) turns on the gazetteer ruler and the
    demonym and common-noun filters (:mod:`geonews.extract.ruler`).
    """
    pending: list[Article] = []

    def flush() -> Iterator[tuple[Article, list[Mention]]]:
        docs = nlp.pipe((a.text for a in pending), batch_size=batch_size)
        for article, doc in zip(pending, docs, strict=True):
            ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            yield article, mentions_from_entities(article, ents, lookup=lookup, drop_unknown=drop_unknown)
        pending.clear()

    for article in articles:
        pending.append(article)
        if len(pending) >= batch_size:
            yield from flush()
    if pending:
        yield from flush()
