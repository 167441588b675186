"""Sentence boundaries for popups and context, without a language model.

One splitter serves extraction and resolution so a mention's sentence is the
same whichever way it was found. It breaks after ``. ! ? …`` (and closing
quotes) followed by a space and an upper-case letter or a quote, and at line
breaks; it does not break after common abbreviations or initials.

    >>> text = "Selon M. Dupont, la gare a fermé. Les trains vont à Lyon !\\nSuite"
    >>> [text[a:b] for a, b in sentence_bounds(text)]
    ['Selon M. Dupont, la gare a fermé.', 'Les trains vont à Lyon !', 'Suite']
"""

from __future__ import annotations

import bisect
import re

__all__ = ["SentenceIndex", "sentence_bounds"]

_BREAK = re.compile(r"(?<=[.!?…])[»”\"')]*(?=\s+(?:[«“\"'(]\s*)?[A-ZÀ-ÖØ-Þ0-9])|\n+")
_ABBREV = re.compile(
    r"(?:\b(?:M|MM|Mme|Mlle|Dr|St|Ste|Mr|Mrs|Ms|Jr|Sr|Prof|Gen|Gén|Col|Lt|vs|etc|p|av|J\.-C)|\b[A-Z])\.$"
)


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence, stripped of surrounding spaces."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _BREAK.finditer(text):
        newline = m.group().startswith("\n")
        if not newline and _ABBREV.search(text[max(start, m.start() - 6) : m.start()]):
            continue
        _append(bounds, text, start, m.start() if newline else m.end())
        start = m.end()
    _append(bounds, text, start, len(text))
    return bounds


def _append(bounds: list[tuple[int, int]], text: str, a: int, b: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a < b:
        bounds.append((a, b))


class SentenceIndex:
    """Find the sentence around an offset in O(log n).

    >>> idx = SentenceIndex("Il pleut à Brest. Il fait beau à Nice.")
    >>> idx.sentence_at(33)
    (18, 38, 'Il fait beau à Nice.')
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.bounds = sentence_bounds(text) or [(0, len(text))]
        self._starts = [a for a, _b in self.bounds]

    def sentence_at(self, offset: int) -> tuple[int, int, str]:
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        a, b = self.bounds[i]
        if offset >= b and i + 1 < len(self.bounds):
            a, b = self.bounds[i + 1]
        return a, b, self.text[a:b]
