"""Issue 12: long articles go through spaCy in pieces; each mention keeps a bounded window of its sentence."""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geonews.config import Settings
from geonews.export import csv_rows, write_csv
from geonews.extract import extract_mentions, mentions_from_spans
from geonews.extract.pieces import PIECE_CHARS, piece_bounds
from geonews.extract.sentences import CONTEXT_CHARS, WHOLE_SENTENCE_CHARS, SentenceIndex, context_window
from geonews.gazetteer.store import Gazetteer
from geonews.model import Article
from geonews.pipeline import Geoparser

# --------------------------------------------------------------------------- a stand-in recogniser


@dataclass(frozen=True)
class _Ent:
    start_char: int
    end_char: int
    label_: str


@dataclass(frozen=True)
class _Doc:
    ents: tuple[_Ent, ...]


_NAMES = re.compile(r"\b(?:Paris|Vladivostok|Lyon|Brest|Nice)\b")


class StubNLP:
    """What :func:`extract_mentions` needs of a spaCy pipeline, with spaCy's length check (E088)."""

    def __init__(self, max_length: int = 1_000_000) -> None:
        self.max_length = max_length
        self.seen: list[int] = []  # the length of every text it was given

    def pipe(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[_Doc]:
        for text in texts:
            if len(text) > self.max_length:
                raise ValueError(f"[E088] Text of length {len(text)} exceeds maximum of {self.max_length}.")
            self.seen.append(len(text))
            yield _Doc(tuple(_Ent(m.start(), m.end(), "LOC") for m in _NAMES.finditer(text)))


def _long_article(paragraphs: int = 40) -> Article:
    names = ["Paris", "Vladivostok", "Lyon", "Brest", "Nice"]
    text = "\n\n".join(
        f"Le paragraphe {i} raconte que Kim est arrivé à {names[i % 5]} mardi. Il y a vu des amis et des trains."
        for i in range(paragraphs)
    )
    return Article(id="long", text=text)


# --------------------------------------------------------------------------- pieces (pure)


def test_pieces_cover_the_text_and_prefer_paragraphs() -> None:
    text = "Un paragraphe.\n\nUn autre, plus long que le premier.\n\nLe dernier."
    bounds = piece_bounds(text, 40)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(b - a <= 40 for a, b in bounds)
    assert all(bounds[i][1] == bounds[i + 1][0] for i in range(len(bounds) - 1))
    a, b = bounds[0]
    assert text[a:b] == "Un paragraphe.\n\n"


def test_pieces_fall_back_to_sentences_then_spaces_then_a_hard_cut() -> None:
    sentences = "Il pleut à Brest. Il fait beau à Nice. Il neige à Lyon."
    assert [sentences[a:b] for a, b in piece_bounds(sentences, 40)] == [
        "Il pleut à Brest. Il fait beau à Nice. ", "Il neige à Lyon."]
    words = "Paris, " * 10
    assert all(words[a:b].endswith(" ") or b == len(words) for a, b in piece_bounds(words, 20))
    solid = "x" * 50
    assert piece_bounds(solid, 20) == [(0, 20), (20, 40), (40, 50)]


def test_short_text_is_one_piece() -> None:
    assert piece_bounds("À Paris.", 100) == [(0, 8)]
    assert piece_bounds("", 100) == [(0, 0)]


@given(st.text(alphabet=st.sampled_from("ab .\n«»"), max_size=300), st.integers(1, 60))
def test_pieces_property(text: str, limit: int) -> None:
    bounds = piece_bounds(text, limit)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    for (a, b), (c, _d) in itertools.pairwise(bounds):
        assert b == c and a < b
    assert all(b - a <= limit for a, b in bounds)


def test_a_text_longer_than_a_piece_is_cut_under_spacys_own_limit() -> None:
    """spaCy's memory grows with the text: above PIECE_CHARS, pieces, even under ``nlp.max_length``."""
    nlp = StubNLP()
    fits, over = "Paris, " * (PIECE_CHARS // 7), "Paris, " * (PIECE_CHARS // 7 + 1)
    list(extract_mentions(nlp, [Article(id="fits", text=fits), Article(id="over", text=over)]))
    assert nlp.seen[0] == len(fits) <= PIECE_CHARS < len(over) < nlp.max_length
    assert len(nlp.seen) == 3 and sum(nlp.seen[1:]) == len(over) and max(nlp.seen) <= PIECE_CHARS


# --------------------------------------------------------------------------- chunked extraction


def test_long_text_goes_through_in_pieces_with_whole_text_offsets() -> None:
    article = _long_article()
    nlp = StubNLP(max_length=500)
    assert len(article.text) > 6 * nlp.max_length
    [(got, mentions)] = list(extract_mentions(nlp, [article]))
    assert got is article
    assert max(nlp.seen) <= 500 and len(nlp.seen) > 6
    assert [m.start for m in mentions] == [m.start() for m in _NAMES.finditer(article.text)]
    for m in mentions:
        assert article.text[m.start : m.end] == m.text
        a, b = m.sentence_offsets
        assert m.sentence[a:b] == m.text


def test_normal_articles_are_given_to_spacy_whole() -> None:
    nlp = StubNLP(max_length=500)
    articles = [Article(id=str(i), text=f"Kim est à Paris ({i}).") for i in range(5)]
    out = list(extract_mentions(nlp, articles, batch_size=2))
    assert [a.id for a, _ in out] == [a.id for a in articles]
    assert nlp.seen == [len(a.text) for a in articles]


def test_long_and_short_articles_keep_their_order() -> None:
    nlp = StubNLP(max_length=500)
    articles = [Article(id="a", text="À Nice."), _long_article(), Article(id="b", text="À Brest.")]
    out = list(extract_mentions(nlp, articles, batch_size=2))
    assert [a.id for a, _ in out] == ["a", "long", "b"]
    assert [m.text for m in out[0][1]] == ["Nice"] and [m.text for m in out[2][1]] == ["Brest"]
    assert len(out[1][1]) == 40


@pytest.mark.slow
def test_real_model_with_a_small_limit(nlp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    article = _long_article(12)
    whole = [(m.start, m.end, m.text) for _, ms in extract_mentions(nlp, [article]) for m in ms]
    monkeypatch.setattr(nlp, "max_length", 300)
    pieces = [(m.start, m.end, m.text) for _, ms in extract_mentions(nlp, [article]) for m in ms]
    assert {t for _s, _e, t in pieces} >= {"Paris", "Vladivostok", "Lyon", "Brest", "Nice"}
    assert pieces[-1][0] > len(article.text) - 120  # the last paragraph's place is found
    assert all(article.text[s:e] == t for s, e, t in pieces)
    assert pieces == whole  # cut at paragraphs, the recogniser sees the same contexts


@pytest.mark.slow
def test_text_over_a_million_characters_goes_through(mini_gazetteer_path: Path) -> None:
    import spacy

    nlp = spacy.blank("fr")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "LOC", "pattern": "Vladivostok"}, {"label": "LOC", "pattern": "Pyongyang"}])
    filler = "Il ne se passe rien de notable ce jour-là dans la ville. " * 9 + "\n\n"
    text = "Kim part de Pyongyang.\n\n" + filler * (1_050_000 // len(filler)) + "Kim arrive à Vladivostok."
    assert len(text) > nlp.max_length == 1_000_000
    article = Article(id="huge", text=text)
    with Gazetteer(mini_gazetteer_path) as gaz:
        parser = Geoparser(gazetteer=gaz, nlp=nlp, settings=Settings(gazetteer_ruler=False))
        [result] = list(parser.parse([article]))
    assert [r.mention.text for r in result.resolutions] == ["Pyongyang", "Vladivostok"]
    assert [r.place.name for r in result.resolutions if r.place] == ["Pyongyang", "Vladivostok"]
    for r in result.resolutions:
        m = r.mention
        assert text[m.start : m.end] == m.text
        a, b = m.sentence_offsets
        assert m.sentence[a:b] == m.text


# --------------------------------------------------------------------------- bounded context


def test_context_window_of_a_normal_sentence_is_the_sentence() -> None:
    text = "Il pleut à Brest. Il fait beau à Nice."
    assert context_window(text, (18, 38), (33, 37)) == (18, 38, False, False)


def test_context_window_of_a_long_sentence_is_cut_at_words() -> None:
    text = "Paris, " * 1000
    start = 3500
    a, b, cut_before, cut_after = context_window(text, (0, len(text) - 1), (start, start + 5))
    assert cut_before and cut_after
    assert start - a <= CONTEXT_CHARS and b - (start + 5) <= CONTEXT_CHARS
    assert text[a - 1].isspace() and not text[a].isspace()
    assert text[b].isspace() and not text[b - 1].isspace()


@given(st.text(alphabet=st.sampled_from("ab ,.\n"), min_size=1, max_size=400), st.integers(1, 40),
       st.integers(0, 120), st.data())
def test_context_window_property(text: str, radius: int, whole: int, data: st.DataObject) -> None:
    index = SentenceIndex(text)
    a, b = data.draw(st.sampled_from(index.bounds))
    start = data.draw(st.integers(a, b - 1))
    end = data.draw(st.integers(start + 1, b))
    ws, we, cut_before, cut_after = context_window(text, (a, b), (start, end), radius=radius, whole=whole)
    assert a <= ws <= start < end <= we <= b
    assert cut_before == (ws > a) and cut_after == (we < b)
    if b - a <= whole:
        assert (ws, we) == (a, b)
    else:
        assert start - ws <= radius and we - end <= radius
        spaces_before = any(c.isspace() for c in text[max(a, start - radius) : start])
        assert not cut_before or text[ws - 1].isspace() or not spaces_before
    window_start, window, before, after = index.context_at(start, end)
    assert window[start - window_start : end - window_start] == text[start:end]
    assert window == text[window_start : window_start + len(window)]
    assert len(window) <= max(WHOLE_SENTENCE_CHARS, 2 * CONTEXT_CHARS + end - start)
    assert (before, after) == context_window(text, (a, b), (start, end))[2:]


@given(st.text(alphabet=st.sampled_from("ab ,.\n"), min_size=1, max_size=400), st.integers(1, 40),
       st.integers(0, 120), st.data())
def test_context_window_of_any_span(text: str, radius: int, whole: int, data: st.DataObject) -> None:
    """Any span, even one a sentence break cuts: a long sentence's window always holds it."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    a, b, _ = SentenceIndex(text).sentence_at(start)
    ws, we, cut_before, cut_after = context_window(text, (a, b), (start, end), radius=radius, whole=whole)
    if b - a <= whole:
        assert (ws, we, cut_before, cut_after) == (a, b, False, False)  # the sentence, as before
    else:
        assert ws <= start < end <= we and start - ws <= radius and we - end <= radius
        assert min(a, start) <= ws and we <= max(b, end)


@given(st.text(alphabet=st.sampled_from("Paris ,.\n"), min_size=1, max_size=3000), st.data())
def test_mention_offsets_into_its_context(text: str, data: st.DataObject) -> None:
    """Mentions made from any spans: ``sentence[sentence_offsets]`` is the mention, the context is bounded."""
    spans = data.draw(st.lists(st.tuples(st.integers(0, len(text) - 1), st.integers(1, 30)), max_size=5))
    spans = [(s, min(len(text), s + n)) for s, n in spans]
    index = SentenceIndex(text)
    for m in mentions_from_spans(Article(id="x", text=text), spans):
        a, b, _ = index.sentence_at(m.start)
        assert text[m.start : m.end] == m.text
        assert m.sentence == text[m.sentence_start : m.sentence_start + len(m.sentence)]
        assert len(m.sentence) <= max(WHOLE_SENTENCE_CHARS, 2 * CONTEXT_CHARS + len(m.text))
        if (a <= m.start and m.end <= b) or b - a > WHOLE_SENTENCE_CHARS:
            s, e = m.sentence_offsets
            assert m.sentence[s:e] == m.text


def test_context_window_property_on_long_sentences() -> None:
    text = ("Paris, " * 400 + "Lyon. ") * 3
    index = SentenceIndex(text)
    for start in range(0, len(text) - 5, 97):
        window_start, window, before, after = index.context_at(start, start + 5)
        assert window[start - window_start : start - window_start + 5] == text[start : start + 5]
        assert len(window) <= 2 * CONTEXT_CHARS + 5
        a, b, _ = index.sentence_at(start)
        assert before == (window_start > a) and after == (window_start + len(window) < b)


def test_mentions_of_one_long_sentence_are_bounded() -> None:
    text = "Paris, " * 3000
    article = Article(id="p", text=text)
    [(_a, mentions)] = list(extract_mentions(StubNLP(), [article]))
    assert len(mentions) == 3000
    bound = 2 * CONTEXT_CHARS + len("Paris")
    assert max(len(m.sentence) for m in mentions) <= bound
    for m in mentions:
        a, b = m.sentence_offsets
        assert m.sentence[a:b] == "Paris" == text[m.start : m.end]


def _csv_size(repeats: int, gazetteer_path: Path) -> int:
    article = Article(id="p", text="Paris, " * repeats, title="Paris")
    with Gazetteer(gazetteer_path) as gaz:
        parser = Geoparser(gazetteer=gaz, nlp=StubNLP(), settings=Settings(gazetteer_ruler=False))
        buf = io.StringIO()
        write_csv(csv_rows(parser.parse([article])), buf)
    return len(buf.getvalue().encode("utf-8"))


def test_csv_size_is_linear_in_the_input(mini_gazetteer_path: Path) -> None:
    small, large = _csv_size(1_000, mini_gazetteer_path), _csv_size(2_000, mini_gazetteer_path)
    assert large <= 2.2 * small
