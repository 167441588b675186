"""The span-overlap index of the span rules agrees with a plain scan."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from geonews.extract.intervals import SpanSet

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)).map(sorted).map(tuple), max_size=12)


@given(spans, st.integers(0, 60), st.integers(1, 20))
def test_overlaps_agrees_with_a_scan(given_spans: list[tuple[int, int]], start: int, length: int) -> None:
    end = start + length
    expected = any(not (end <= s or start >= e) for s, e in given_spans if s < e)
    assert SpanSet(given_spans).overlaps(start, end) is expected


def test_touching_and_nested_spans() -> None:
    spans = SpanSet([(5, 10), (10, 12), (6, 7), (20, 20)])
    assert len(spans) == 1  # (5, 12); the empty span covers nothing
    assert not spans.overlaps(12, 20) and not spans.overlaps(0, 5) and not spans.overlaps(20, 21)
    assert spans.overlaps(11, 12) and spans.overlaps(0, 6)
