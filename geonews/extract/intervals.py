"""Does a span overlap any of a set of spans? Answered by binary search, for the span rules.

The rules of :mod:`geonews.extract.ruler` test every candidate span against
the spans already taken; a plain scan made that quadratic in the number of
names of an article.

    >>> taken = SpanSet([(10, 20), (0, 4), (18, 25)])
    >>> taken.overlaps(4, 10), taken.overlaps(3, 5), taken.overlaps(24, 30), taken.overlaps(25, 30)
    (False, True, True, False)
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

__all__ = ["SpanSet"]


class SpanSet:
    """Half-open ``(start, end)`` spans, merged into disjoint runs once, queried many times.

    Two spans overlap when they share a character: ``(0, 4)`` and ``(4, 9)`` do not.
    Merging keeps that answer, for any query span of one character or more.
    """

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(spans):
            if start >= end:
                continue  # an empty span covers nothing
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        self._starts = starts
        self._ends = ends

    def __len__(self) -> int:
        return len(self._starts)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with some span of the set."""
        i = bisect_right(self._starts, start) - 1  # the last run starting at or before ``start``
        if i >= 0 and self._ends[i] > start:
            return True
        return i + 1 < len(self._starts) and self._starts[i + 1] < end
