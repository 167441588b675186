"""escape_html / highlight: unit tests and properties (hypothesis)."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from geonews.render.escape import MARK_CLOSE, MARK_OPEN, escape_html, highlight, highlight_spans

_TAG = re.compile(r"</?mark>")


def test_escapes_the_five_characters() -> None:
    assert escape_html("&<>\"'") == "&amp;&lt;&gt;&quot;&#x27;"


def test_script_is_inert() -> None:
    assert escape_html("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_escapes_existing_entities_again() -> None:
    assert escape_html("&amp;") == "&amp;amp;"


def test_highlight_wraps_the_slice() -> None:
    assert highlight("Kim arrive à Vladivostok.", 13, 24) == "Kim arrive à <mark>Vladivostok</mark>."


def test_highlight_escapes_each_part_separately() -> None:
    assert highlight('<a> "Moscou" & co', 4, 12) == "&lt;a&gt; <mark>&quot;Moscou&quot;</mark> &amp; co"


def test_highlight_never_splits_an_entity() -> None:
    # the slice boundary falls inside what becomes "&amp;" — the entity stays whole
    assert highlight("a&b", 0, 2) == "<mark>a&amp;</mark>b"


def test_highlight_clamps_offsets() -> None:
    assert highlight("abc", -4, 1) == "<mark>a</mark>bc"
    assert highlight("abc", 2, 99) == "ab<mark>c</mark>"
    assert highlight("abc", 2, 2) == "abc"
    assert highlight("abc", 3, 1) == "abc"
    assert highlight("", 0, 0) == ""


def test_highlight_spans_merges_overlaps() -> None:
    assert highlight_spans("Moscou, Moscou", [(8, 14), (0, 6), (0, 3)]) == (
        "<mark>Moscou</mark>, <mark>Moscou</mark>"
    )


def _strip_marks(text: str) -> str:
    return _TAG.sub("", text)


@given(st.text())
def test_escape_round_trips(text: str) -> None:
    escaped = escape_html(text)
    assert html.unescape(escaped) == text
    assert not set("<>\"'") & set(escaped)


@given(st.text(), st.integers(-5, 60), st.integers(-5, 60))
def test_highlight_has_no_raw_lt_outside_our_tags(sentence: str, start: int, end: int) -> None:
    out = highlight(sentence, start, end)
    assert "<" not in _strip_marks(out)
    assert ">" not in _strip_marks(out)
    assert out.count(MARK_OPEN) == out.count(MARK_CLOSE) <= 1


@given(st.text(), st.integers(-5, 60), st.integers(-5, 60))
def test_highlight_round_trips(sentence: str, start: int, end: int) -> None:
    out = highlight(sentence, start, end)
    assert html.unescape(_strip_marks(out)) == sentence


@given(st.text(min_size=1), st.data())
def test_highlight_marks_exactly_the_slice(sentence: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(sentence) - 1))
    end = data.draw(st.integers(start + 1, len(sentence)))
    out = highlight(sentence, start, end)
    marked = re.search(r"<mark>(.*?)</mark>", out, re.DOTALL)
    assert marked is not None
    assert html.unescape(marked.group(1)) == sentence[start:end]


@given(st.text(), st.lists(st.tuples(st.integers(-3, 40), st.integers(-3, 40)), max_size=5))
def test_highlight_spans_is_safe_and_lossless(sentence: str, spans: list[tuple[int, int]]) -> None:
    out = highlight_spans(sentence, spans)
    assert "<" not in _strip_marks(out)
    assert html.unescape(_strip_marks(out)) == sentence
    assert "<mark></mark>" not in out
