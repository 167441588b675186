"""Cheap exact shortcuts: whole-word occurrences without a regex per article, a floor of a distance."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from geonews.extract.mentions import whole_occurrences


def _by_regex(text: str, names: set[str]) -> list[tuple[int, int]]:
    names = {n for n in names if n}
    if not names:
        return []
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return [m.span() for m in re.finditer(rf"(?<![\w'’-])(?:{alternation})(?![\w'’-])", text)]


_LETTERS = st.sampled_from(list("aAbé -'’.,\n"))


@given(st.lists(_LETTERS, max_size=60).map("".join),
       st.sets(st.lists(_LETTERS, min_size=1, max_size=5).map("".join), max_size=4))
def test_same_as_the_regex_alternation(text: str, names: set[str]) -> None:
    assert whole_occurrences(text, names) == _by_regex(text, names)


def test_examples() -> None:
    text = "Khan Younès : à Khan Younès, Younès, Khan Younèsville."
    assert [text[a:b] for a, b in whole_occurrences(text, {"Khan Younès", "Younès"})] == [
        "Khan Younès", "Khan Younès", "Younès"]


_LAT = st.floats(min_value=-90, max_value=90, allow_nan=False)
_LON = st.floats(min_value=-180, max_value=180, allow_nan=False)


@given(_LAT, _LON, _LAT, _LON)
def test_the_parallels_gap_is_a_floor_of_the_distance(lat1: float, lon1: float, lat2: float, lon2: float) -> None:
    """The resolver skips a haversine when the gap between parallels already decides (anchors, same_place)."""
    from geonews.model import LatLon

    a, b = LatLon(lat1, lon1), LatLon(lat2, lon2)
    assert a.lat_gap_km(b) <= a.distance_km(b) + 1e-6


_WORDS = ["la ", "gare de ", "Khassan", " ", "nord ", "l'", "U.S.", ", ", "Ga.", "COLUMBUS", "province", " state",
          "Washington", "\n", "Mt. ", "de la ", "rivière ", "Paris", "'s"]
_TEXT = st.lists(st.sampled_from(_WORDS), max_size=30).map("".join)


@settings(max_examples=300)
@given(_TEXT, st.data())
def test_refine_span_reads_only_the_words_around_the_span(text: str, data: st.DataObject) -> None:
    """refine_span answers from a window around the span (and keeps answers by that window): the same as on the
    whole text."""
    from geonews.extract.spans import _refine_around, refine_span

    if len(text) < 2:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    assert refine_span(text, start, end) == _refine_around.__wrapped__(text, start, end)
