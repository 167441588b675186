"""``whole_occurrences`` finds what a regex alternation of the names between word boundaries finds."""

from __future__ import annotations

import re

from hypothesis import given
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
