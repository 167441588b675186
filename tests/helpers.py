"""Small builders shared by the tests (not fixtures: plain functions)."""

from __future__ import annotations

from geonews.gazetteer.store import NameMatch
from geonews.model import Article, Mention


def mentions_of(text: str, names: list[str]) -> list[Mention]:
    """Mentions of ``names``, found in order in ``text`` (the whole text as each one's sentence).

    >>> [(m.start, m.text) for m in mentions_of("Paris, Texas", ["Paris", "Texas"])]
    [(0, 'Paris'), (7, 'Texas')]
    """
    out, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        out.append(Mention("a", start, start + len(name), name, text, 0))
        pos = start + len(name)
    return out


def sentence_mentions(text: str, names: list[str], lang: str = "fr") -> list[Mention]:
    """Mentions of ``names``, found in order in ``text``, each with its real sentence (as extraction makes them)."""
    from geonews.extract import mentions_from_spans

    spans, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        spans.append((start, start + len(name)))
        pos = start + len(name)
    return list(mentions_from_spans(Article("a", text, lang=lang), spans))


class TableSource:
    """A candidate source over a table ``name -> matches``: what the resolver asks of a gazetteer.

    >>> TableSource({"Lyon": []}).lookup("Paris")
    []
    """

    def __init__(self, table: dict[str, list[NameMatch]]) -> None:
        self.table = table
        #: every name asked, in order
        self.asked: list[str] = []

    def lookup(self, name: str) -> list[NameMatch]:
        self.asked.append(name)
        return self.table.get(name, [])
