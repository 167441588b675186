"""--jobs when a worker process dies: never a hang, one retry, then a one-line error naming the chunk.

The workers are forked, so a hook patched into :class:`Geoparser` here runs in
them: it kills its own worker with SIGKILL (what ``kill -9`` and the kernel's
OOM killer do) when it meets the article ``boom``. A blank spaCy pipeline
stands in for the French model, so these tests are fast.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from geonews.config import Settings
from geonews.errors import GeonewsError, WorkerError
from geonews.model import Article, ArticleResult
from geonews.parallel import parse_parallel
from geonews.pipeline import Geoparser

#: A run that is not over after this long is a hang (it takes a few seconds at most).
HANG = 120.0

TEXTS = ["Kim est arrivé à Vladivostok, en Russie.", "Le sommet de Paris, au Texas.", "Rien ici."]


@pytest.fixture(scope="module")
def blank_nlp() -> Any:
    import spacy

    return spacy.blank("fr")


def _articles(n: int, boom: int | None = None) -> list[Article]:
    return [Article(id="boom" if i == boom else f"a{i}", text=TEXTS[i % len(TEXTS)]) for i in range(n)]


def _kill_on(monkeypatch: pytest.MonkeyPatch, should_die: Callable[[Article], bool]) -> None:
    """Make a worker SIGKILL itself when it starts on a chunk holding an article for which ``should_die``."""
    real = Geoparser.parse_stream

    def parse_stream(self: Geoparser, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        articles = list(articles)
        if any(should_die(a) for a in articles):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(self, articles)

    monkeypatch.setattr(Geoparser, "parse_stream", parse_stream)


def _parallel(articles: list[Article], settings: Settings, nlp: Any) -> Iterator[ArticleResult]:
    """``parse_parallel`` as ``Geoparser.parse(jobs=2)`` calls it: each worker opens a geoparser with ``nlp``."""
    return parse_parallel(articles, open_worker=partial(Geoparser.open, settings, nlp=nlp), settings=settings, jobs=2)


def _run_bounded(fn: Callable[[], Any]) -> tuple[list[Any], BaseException | None]:
    """Run ``fn`` (which appends results to the list it returns) in a thread; fail the test on a hang."""
    out: list[Any] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            for item in fn():
                out.append(item)
        except BaseException as exc:  # handed to the test
            error.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(HANG)
    assert not thread.is_alive(), f"parse_parallel hung after a worker died (still running after {HANG} s)"
    return out, (error[0] if error else None)


def test_a_worker_dying_on_a_chunk_ends_the_run_with_one_line(
    mini_gazetteer_path: Path, blank_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(gazetteer_file=mini_gazetteer_path, use_cache=False, batch_size=2)  # chunks of 8
    articles = _articles(60, boom=20)  # the third chunk: articles 17-24
    _kill_on(monkeypatch, lambda a: a.id == "boom")
    results, error = _run_bounded(lambda: _parallel(articles, settings, blank_nlp))
    assert isinstance(error, WorkerError) and isinstance(error, GeonewsError) and isinstance(error, RuntimeError)
    message = str(error)
    assert "\n" not in message
    # its chunk (articles 17-24) was tried twice, then each of its articles alone: the message names the culprit
    assert message == ("a worker process died (signal 9, SIGKILL) while parsing article 21 "
                       "(id 'boom'), on its retry too"), message
    # everything before it came out, in order
    assert [r.article.id for r in results] == [a.id for a in articles[:20]]


def test_a_worker_killed_once_is_replaced_and_the_results_are_complete(
    mini_gazetteer_path: Path, blank_nlp: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = Settings(gazetteer_file=mini_gazetteer_path, use_cache=False, batch_size=2)
    articles = _articles(40, boom=13)
    marker = tmp_path / "killed-once"

    def once(article: Article) -> bool:  # the first worker to meet "boom" dies; the retry goes through
        if article.id != "boom":
            return False
        try:
            marker.touch(exist_ok=False)
        except FileExistsError:
            return False
        return True

    with Geoparser.open(settings, nlp=blank_nlp) as one:
        serial = list(one.parse(articles))
    _kill_on(monkeypatch, once)
    results, error = _run_bounded(lambda: _parallel(articles, settings, blank_nlp))
    assert error is None
    assert marker.exists(), "the fault was injected"
    assert results == serial


def test_a_worker_killed_from_outside_does_not_hang_the_run(
    mini_gazetteer_path: Path, blank_nlp: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``kill -9`` of a worker's pid by someone else (the OOM killer), while it parses."""
    settings = Settings(gazetteer_file=mini_gazetteer_path, use_cache=False, batch_size=2)
    articles = _articles(40, boom=30)
    pids = tmp_path / "pids"
    real = Geoparser.parse_stream

    def parse_stream(self: Geoparser, chunk: Iterable[Article]) -> Iterator[ArticleResult]:
        chunk = list(chunk)
        if any(a.id == "boom" for a in chunk):
            with pids.open("a") as f:
                f.write(f"{os.getpid()}\n")
            threading.Event().wait(HANG)  # stuck until killed
        return real(self, chunk)

    monkeypatch.setattr(Geoparser, "parse_stream", parse_stream)

    def killer() -> None:
        killed: set[int] = set()
        for _ in range(int(HANG / 0.05)):
            if pids.exists():
                for line in pids.read_text().split():
                    if int(line) not in killed:
                        killed.add(int(line))
                        os.kill(int(line), signal.SIGKILL)
                if len(killed) >= 4:  # twice on its chunk, then twice on the article alone
                    return
            threading.Event().wait(0.05)

    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    results, error = _run_bounded(lambda: _parallel(articles, settings, blank_nlp))
    assert isinstance(error, WorkerError)
    assert "signal 9" in str(error) and "article 31 (id 'boom')" in str(error)
    assert [r.article.id for r in results] == [a.id for a in articles[:30]]


def test_cli_skips_the_article_that_kills_its_worker_with_one_line(
    mini_gazetteer_path: Path, blank_nlp: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One article that kills its worker costs that article only: one error line naming it, every other
    article written, in order, and a non-zero exit (as for any bad input)."""
    import json

    from geonews.cli import main

    monkeypatch.setattr("geonews.extract.nlp.load_pipeline", lambda model="": blank_nlp)
    _kill_on(monkeypatch, lambda a: a.id == "boom")
    source = tmp_path / "in.jsonl"
    with source.open("w", encoding="utf-8") as f:
        for article in _articles(300, boom=150):
            f.write(json.dumps({"id": article.id, "text": article.text}) + "\n")
    out_file = tmp_path / "out.jsonl"
    codes, error = _run_bounded(lambda: [main(["--gazetteer", str(mini_gazetteer_path), "--no-cache", "extract",
                                               str(source), "--format", "jsonl", "-j", "2", "-o", str(out_file)])])
    assert error is None
    _out, err = capsys.readouterr()
    assert codes[0] == 1
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("geonews: error:")]
    assert lines == ["geonews: error: a worker process died (signal 9, SIGKILL) while parsing article 151 "
                     "(id 'boom'), on its retry too: skipped"], err
    written = [json.loads(line)["id"] for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert written == [a.id for a in _articles(300, boom=150) if a.id != "boom"]


def test_a_worker_that_cannot_open_its_stores_fails_with_one_line(
    mini_gazetteer_path: Path, blank_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from geonews.errors import CacheError

    def broken_open(cls: type[Geoparser], settings: Settings, **kwargs: Any) -> Geoparser:
        raise CacheError("cache/geocode.sqlite: disk I/O error")

    settings = Settings(gazetteer_file=mini_gazetteer_path, use_cache=False, batch_size=2)
    monkeypatch.setattr(Geoparser, "open", classmethod(broken_open))
    results, error = _run_bounded(lambda: _parallel(_articles(10), settings, blank_nlp))
    assert results == []
    assert isinstance(error, WorkerError)
    assert str(error) == "a worker process could not start: cache/geocode.sqlite: disk I/O error"


def test_a_degraded_cache_is_one_warning_not_one_per_worker(
    mini_gazetteer_path: Path, blank_nlp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """The parent opens its stores first and warns that the cache is read-only; its workers, which
    meet the same directory, keep quiet about it (the warning goes to the process's stderr, as in the CLI)."""
    import sqlite3
    import warnings

    from geonews.cache import GeocodeCache

    def read_only(cache: GeocodeCache) -> sqlite3.Connection:
        raise cache._fail(sqlite3.OperationalError("attempt to write a readonly database"))

    def show(message: Any, category: Any, filename: str, lineno: int, file: Any = None, line: Any = None) -> None:
        os.write(2, f"warning: {message}\n".encode())

    monkeypatch.setattr(GeocodeCache, "_connect", read_only)
    monkeypatch.setattr(warnings, "showwarning", show)
    settings = Settings(cache_dir=tmp_path, gazetteer_file=mini_gazetteer_path, batch_size=2)
    with warnings.catch_warnings():
        warnings.simplefilter("always")  # no dedup by the registry a fork inherits: each process speaks for itself
        warnings.showwarning = show
        with Geoparser.open(settings, nlp=blank_nlp) as parser:
            results, error = _run_bounded(lambda: parser.parse(_articles(20), jobs=2))
    assert error is None and len(results) == 20
    lines = [line for line in capfd.readouterr().err.splitlines() if "read-only" in line or "readonly" in line]
    assert len(lines) == 1, lines


def test_with_an_error_handler_only_the_killing_article_is_lost(
    mini_gazetteer_path: Path, blank_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chunk a worker died on twice is split into its articles, each tried alone: the one that kills
    its worker is reported to ``on_error`` and skipped; the others come out, in input order."""
    settings = Settings(gazetteer_file=mini_gazetteer_path, use_cache=False, batch_size=2)  # chunks of 8
    articles = _articles(60, boom=20)
    _kill_on(monkeypatch, lambda a: a.id == "boom")
    errors: list[GeonewsError] = []
    results, error = _run_bounded(lambda: parse_parallel(
        articles, open_worker=partial(Geoparser.open, settings, nlp=blank_nlp), settings=settings, jobs=2,
        on_error=errors.append))
    assert error is None
    assert [r.article.id for r in results] == [a.id for a in articles if a.id != "boom"]
    assert [str(e) for e in errors] == ["a worker process died (signal 9, SIGKILL) while parsing article 21 "
                                        "(id 'boom'), on its retry too: skipped"]
    assert all(isinstance(e, WorkerError) for e in errors)
