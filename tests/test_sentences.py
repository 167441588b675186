from hypothesis import given
from hypothesis import strategies as st

from geonews.extract.sentences import SentenceIndex, sentence_bounds


def test_french_news_sentences() -> None:
    text = "Selon M. Dupont, Kim est à Vladivostok. « Tout va bien », dit-il ! Puis il part.\nFin"
    got = [text[a:b] for a, b in sentence_bounds(text)]
    assert got == ["Selon M. Dupont, Kim est à Vladivostok.", "« Tout va bien », dit-il !", "Puis il part.", "Fin"]


def test_initials_do_not_break() -> None:
    text = "Selon Siemon T. Wezeman, du SIPRI, rien."
    assert sentence_bounds(text) == [(0, len(text))]


def test_abbreviated_name_words_do_not_break() -> None:
    text = "Homes near Fort St. James and Mt. Pleasant will be affected. Ft. Worth too."
    got = [text[a:b] for a, b in sentence_bounds(text)]
    assert got == ["Homes near Fort St. James and Mt. Pleasant will be affected.", "Ft. Worth too."]


@given(st.text(max_size=200))
def test_bounds_are_ordered_and_inside(text: str) -> None:
    last = 0
    for a, b in sentence_bounds(text):
        assert last <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        last = b


@given(st.text(min_size=1, max_size=200), st.data())
def test_every_offset_has_a_sentence(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text) - 1))
    a, b, sentence = SentenceIndex(text).sentence_at(offset)
    assert sentence == text[a:b]
    if text[offset].strip():
        assert a <= offset < b
