"""Issue 7: JSON Lines input streams (constant memory), the name memo is bounded, the bench corpus is reproducible."""

from __future__ import annotations

import contextlib
import json
import tracemalloc
import types
from pathlib import Path

import pytest

from bench.corpus import Chunk, assemble, write_corpus
from geonews import pipeline
from geonews.articles import ReadOptions, iter_articles, read_gold_documents
from geonews.config import Settings
from geonews.errors import ArticleReadError
from geonews.model import Article
from geonews.pipeline import Geoparser, MemoSource


def test_jsonl_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    record = {"text": "Kim est arrivé à Vladivostok, en Russie. " * 24, "title": "Kim"}
    with path.open("w", encoding="utf-8") as f:
        for i in range(20_000):
            f.write(json.dumps({"id": f"d{i}", **record}, ensure_ascii=False) + "\n")
    assert path.stat().st_size > 20_000_000
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_articles([str(path)], options=ReadOptions(max_bytes=None)))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20_000
    # reading the whole file would take twice its size at least (bytes, text, lines); what grows
    # here is the set of ids already given (ids are made unique across a run), ~120 bytes an article
    assert peak < path.stat().st_size / 4


def test_streamed_jsonl_reads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    lines = ['{"id": "a", "text": "Paris\\u2028Lyon"}', "", '{"id": "b", "text": "Kyiv"}', "{broken",
             '{"text": "Lille"}']
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    errors: list[ArticleReadError] = []
    articles = list(iter_articles([str(path)], on_error=errors.append))
    assert [(a.id, a.text) for a in articles] == [("a", "Paris\u2028Lyon"), ("b", "Kyiv"), ("odd.jsonl#5", "Lille")]
    assert [str(e) for e in errors] == [f"{path}:4: invalid JSON (Expecting property name enclosed in double quotes "
                                        "at column 2)"]
    assert [a.id for a, _ in read_gold_documents(path, on_error=lambda e: None)] == ["a", "b", "odd.jsonl#5"]


def test_non_utf8_jsonl_still_detected(tmp_path: Path) -> None:
    path = tmp_path / "latin.jsonl"
    path.write_bytes('{"id": "a", "text": "Le président à Besançon"}\n'.encode("cp1252"))
    assert [a.text for a in iter_articles([str(path)])] == ["Le président à Besançon"]
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"\xef\xbb\xbf  \n\n")
    with pytest.raises(ArticleReadError, match="empty file"):
        list(iter_articles([str(empty)]))
    too_big = tmp_path / "big.jsonl"
    too_big.write_text('{"text": "Paris"}\n' * 10, encoding="utf-8")
    with pytest.raises(ArticleReadError, match="file too large"):
        list(iter_articles([str(too_big)], options=ReadOptions(max_bytes=50)))


def test_memo_is_bounded_and_answers_fresh_lists() -> None:
    class Source:
        def __init__(self) -> None:
            self.calls = 0

        def lookup(self, name: str) -> list:  # type: ignore[type-arg]
            self.calls += 1
            return [name]

    source = Source()
    memo = MemoSource(source, size=100)  # each name and its one match weigh 2
    for i in range(1_000):
        assert memo.lookup(f"n{i % 300}") == [f"n{i % 300}"]
    assert len(memo) == 50
    first = memo.lookup("n299")
    first.append("mutated")
    assert memo.lookup("n299") == ["n299"]


def test_bench_corpus_is_reproducible(tmp_path: Path) -> None:
    sources = [Chunk("a", "fr", tuple(f"Phrase {i} à Paris." for i in range(50))),
               Chunk("b", "en", ("Paris, Texas.", "Kyiv, Ukraine."))]
    one = write_corpus(30, out_dir=tmp_path / "1", sources=sources)
    two = write_corpus(30, out_dir=tmp_path / "2", sources=sources)
    assert one.read_bytes() == two.read_bytes()
    records = [json.loads(line) for line in one.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [f"bench-{i:05d}" for i in range(1, 31)]
    assert all(r["text"] and r["lang"] in ("fr", "en") for r in records)
    assert list(assemble(sources, 5, seed=1)) != list(assemble(sources, 5, seed=2))


class _ZoneCountingNlp:
    """A stand-in pipeline: no entities; records each memory zone and the batches run inside it."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.open = False

    def pipe(self, texts, batch_size: int):  # type: ignore[no-untyped-def]
        texts = list(texts)
        assert self.open, "spaCy ran outside a memory zone"
        self.events.append(f"batch {len(texts)}")
        return iter([types.SimpleNamespace(ents=()) for _ in texts])

    @contextlib.contextmanager
    def memory_zone(self):  # type: ignore[no-untyped-def]
        self.events.append("enter")
        self.open = True
        try:
            yield
        finally:
            self.open = False
            self.events.append("exit")


def test_memory_zones_span_many_batches_and_close(mini_gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(pipeline, "ZONE_BATCHES", 2)
    monkeypatch.setattr(pipeline, "GROUP_BATCHES", 1)
    nlp = _ZoneCountingNlp()
    parser = Geoparser(gazetteer=mini_gazetteer, nlp=nlp, settings=Settings(batch_size=4))
    articles = [Article(id=f"a{i}", text="Rien.") for i in range(18)]  # 5 batches: 4 4 | 4 4 | 2
    assert len(list(parser.parse(articles))) == 18
    assert nlp.events == ["enter", "batch 4", "batch 4", "exit", "enter", "batch 4", "batch 4", "exit",
                          "enter", "batch 2", "exit"]
    # a reader that stops early still closes the zone
    nlp.events.clear()
    results = parser.parse(articles)
    next(results)
    results.close()
    assert nlp.events == ["enter", "batch 4", "exit"] and not nlp.open
    # a --jobs worker is fed chunk after chunk: its zone lasts across chunks until renewed or closed
    nlp.events.clear()
    for chunk in (articles[:4], articles[4:8], articles[8:12]):
        list(parser.parse_stream(chunk))
    assert nlp.events == ["enter", "batch 4", "batch 4", "exit", "enter", "batch 4"] and nlp.open
    parser.close()
    assert not nlp.open


def test_spacy_runs_a_group_of_batches_before_the_rules(mini_gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(pipeline, "ZONE_BATCHES", 2)
    monkeypatch.setattr(pipeline, "GROUP_BATCHES", 2)
    nlp = _ZoneCountingNlp()
    parser = Geoparser(gazetteer=mini_gazetteer, nlp=nlp, settings=Settings(batch_size=4))
    articles = [Article(id=f"a{i}", text="Rien.") for i in range(18)]  # groups of two batches: 8 | 8 | 2
    assert [r.article.id for r in parser.parse(articles)] == [a.id for a in articles]
    assert nlp.events == ["enter", "batch 8", "exit", "enter", "batch 8", "exit", "enter", "batch 2", "exit"]
