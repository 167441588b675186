"""Sentence boundaries for popups and context, without a language model.

One splitter serves extraction and resolution so a mention's sentence is the
same whichever way it was found. It breaks after ``. ! ? …`` (and closing
quotes) followed by a space and an upper-case letter or a quote, and at line
breaks; it does not break after common abbreviations or initials.

    >>> text = "Selon M. Dupont, la gare a fermé. Les trains vont à Lyon !\\nSuite"
    >>> [text[a:b] for a, b in sentence_bounds(text)]
    ['Selon M. Dupont, la gare a fermé.', 'Les trains vont à Lyon !', 'Suite']

A mention keeps its sentence as context, or, in a sentence longer than
:data:`WHOLE_SENTENCE_CHARS`, a window of :data:`CONTEXT_CHARS` on each side
of it (:func:`context_window`), so that a text with no full stop cannot make
every mention carry the whole text.
"""

from __future__ import annotations

import bisect
import re

from geonews.lexicon import alternation, press

__all__ = ["CONTEXT_CHARS", "WHOLE_SENTENCE_CHARS", "SentenceIndex", "context_window", "sentence_bounds"]

#: A sentence up to this long is a mention's context as it is. The longest sentence in the evaluation
#: sets is 1,397 characters (HIPE 2020, OCR), the 99th percentile 580.
WHOLE_SENTENCE_CHARS = 2_000
#: In a longer sentence, a mention's context is at most this many characters on each side of it, cut
#: at a word boundary (readers see an ellipsis there).
CONTEXT_CHARS = 200

_BREAK = re.compile(r"(?<=[.!?…])[»”\"')]*(?=\s+(?:[«“\"'(]\s*)?[A-ZÀ-ÖØ-Þ0-9])|\n+")
_ABBREV = re.compile(rf"(?:\b(?:{alternation(press.SENTENCE_ABBREVIATIONS)})|\b[A-Z])\.$")


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


def context_window(
    text: str,
    sentence: tuple[int, int],
    span: tuple[int, int],
    *,
    radius: int = CONTEXT_CHARS,
    whole: int = WHOLE_SENTENCE_CHARS,
) -> tuple[int, int, bool, bool]:
    """``(start, end, cut_before, cut_after)``: the context of ``text[span]`` inside ``text[sentence]``.

    A sentence of at most ``whole`` characters is the context as it is. In a
    longer one the context is at most ``radius`` characters on each side of
    the span, cut after a space (or anywhere when there is none), and
    ``cut_before``/``cut_after`` say on which side the sentence goes on. The
    context always contains the span.

    >>> text = "Il pleut à Brest. Il fait beau à Nice."
    >>> context_window(text, (18, 38), (33, 37))
    (18, 38, False, False)
    >>> text = "Paris, " * 10
    >>> a, b, before, after = context_window(text, (0, 69), (35, 40), radius=12, whole=20)
    >>> text[a:b], before, after
    ('Paris, Paris, Paris,', True, True)
    """
    a, b = sentence
    start, end = span
    if b - a <= whole:
        return a, b, False, False
    lo, hi = min(a, start), max(b, end)
    left = max(lo, start - radius)
    if left > lo and not text[left - 1].isspace():
        space = _SPACE.search(text, left, start)
        if space is not None:
            left = space.start()
    while left < start and text[left].isspace():
        left += 1
    right = min(hi, end + radius)
    if right < hi and not text[right].isspace():
        space_at = next((i for i in range(right - 1, end - 1, -1) if text[i].isspace()), None)
        if space_at is not None:
            right = space_at
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right, left > lo, right < hi


_SPACE = re.compile(r"\s")


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
        self._windows: dict[tuple[int, int], str] = {}  # each context string made once, shared by its mentions

    def sentence_at(self, offset: int) -> tuple[int, int, str]:
        """``(start, end, sentence)`` of the sentence at ``offset`` (the next one in a gap between two)."""
        a, b = self._bounds_at(offset)
        return a, b, self.text[a:b]

    def _bounds_at(self, offset: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        a, b = self.bounds[i]
        if offset >= b and i + 1 < len(self.bounds):
            a, b = self.bounds[i + 1]
        return a, b

    def context_at(self, start: int, end: int) -> tuple[int, str, bool, bool]:
        """``(offset, context, cut_before, cut_after)`` of the mention ``text[start:end]``
        (see :func:`context_window`); mentions with the same context share one string.

        >>> idx = SentenceIndex("Il pleut à Brest. Il fait beau à Nice.")
        >>> idx.context_at(33, 37)
        (18, 'Il fait beau à Nice.', False, False)
        >>> idx.context_at(33, 37)[1] is idx.context_at(21, 25)[1]
        True
        """
        a, b = self._bounds_at(start)
        w_start, w_end, cut_before, cut_after = context_window(self.text, (a, b), (start, end))
        key = (w_start, w_end)
        window = self._windows.get(key)
        if window is None:
            window = self._windows[key] = self.text[w_start:w_end]
        return w_start, window, cut_before, cut_after
