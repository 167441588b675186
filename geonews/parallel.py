"""``--jobs N``: parse articles in N worker processes, results in input order.

Each worker opens its own stores (the read-only gazetteer, already built by
the parent, and the geocode cache, which is safe with several writers) and
runs the same :class:`~geonews.pipeline.Geoparser`: the caller hands over how
to open one (``open_worker``, called in each worker after the fork; this
module never imports the pipeline, which imports it). The spaCy pipeline is
loaded once in the parent before the workers are forked, so they share its
memory pages instead of loading it N times. Articles travel in chunks of
whole batches (``batch_size`` articles each, the same batches one process
makes), and only a few chunks per worker are in flight: the input is read as
the workers need it, so memory stays flat on a corpus of any size. Workers
send back the resolutions only; the parent still has the articles.

A worker that dies (``kill -9``, the kernel's OOM killer, a crash in native
code) never leaves the run waiting: :class:`concurrent.futures.ProcessPoolExecutor`
notices the death at once. The chunks that were not finished are handed to a
fresh pool, once: the chunk the dead worker was parsing may be to blame. If a
worker dies on it a second time, the chunk is split into its articles, each
tried alone (twice at most), so that only the article that kills its worker is
lost. With an ``on_error`` handler, that article is reported to it as a
one-line :class:`~geonews.errors.WorkerError` ("a worker process died (signal
9, SIGKILL) while parsing article 151 (id 'x'), on its retry too: skipped") and
the run goes on; without one, the run stops with that error, every result
before the article having been yielded first.

With an online geocoder, the workers share one request schedule
(:class:`geonews.resolve.online.RequestGate`, made here before forking), so
the provider's minimum delay between requests holds for the whole run, not
per worker.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from geonews.cache import CacheDegradedWarning
from geonews.config import Settings
from geonews.errors import GeonewsError, WorkerError
from geonews.extract import chunks
from geonews.extract.lang import with_lang
from geonews.model import Article, ArticleResult, Resolution

if TYPE_CHECKING:
    from geonews.resolve.online import RequestGate

__all__ = ["CHUNK_BATCHES", "IN_FLIGHT_PER_JOB", "MAX_CHUNK_ATTEMPTS", "ChunkParser", "parse_parallel"]

#: spaCy batches in one chunk of work sent to a worker (64 articles, which its spaCy runs back to
#: back, see :data:`geonews.pipeline.GROUP_BATCHES`; small enough to keep two workers evenly busy).
CHUNK_BATCHES = 4
#: Chunks waiting or running per worker; the next ones are read only as results come back.
IN_FLIGHT_PER_JOB = 3
#: A chunk on which a worker died is tried this many times in all before the run stops.
MAX_CHUNK_ATTEMPTS = 2


class ChunkParser(Protocol):
    """What a worker process parses with (:class:`geonews.pipeline.Geoparser` is one)."""

    def parse_stream(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Results for ``articles``, in order; called again with each next chunk."""
        ...

    def share_request_gate(self, gate: RequestGate) -> None:
        """Space online requests with ``gate``, shared by all the workers."""
        ...


#: The worker process's own geoparser. Process-local by construction: each
#: forked worker sets it once in its initializer; the parent never does.
_worker: ChunkParser | None = None
#: A geonews error raised while the worker opened its stores, re-raised with its first chunk
#: (so that the parent prints it as one line instead of the pool breaking).
_init_error: GeonewsError | None = None
#: This worker's row in the pool's shared board (see :class:`_Board`).
_slot: int = -1
_board: _Board | None = None


class _Board:
    """What each worker of one pool is doing, in shared memory: ``(pid, chunk number or -1)`` per row.

    Written by the workers (each its own row, so no lock), read by the parent
    after a worker died, to tell which chunk was lost with it.
    """

    def __init__(self, context: Any, rows: int) -> None:
        self.rows = rows
        self.cells = context.RawArray("q", [-1] * (2 * rows))
        self.next_row = context.Value("i", 0)

    def claim(self) -> int:
        """A row for the calling worker (-1 when the board is full; workers are never replaced)."""
        with self.next_row.get_lock():
            row = int(self.next_row.value)
            self.next_row.value = row + 1
        if row >= self.rows:
            return -1
        self.cells[2 * row] = os.getpid()
        return row

    def set(self, row: int, chunk: int) -> None:
        if row >= 0:
            self.cells[2 * row + 1] = chunk

    def busy(self) -> dict[int, int]:
        """``{pid: chunk number}`` of the workers that were in the middle of a chunk."""
        out: dict[int, int] = {}
        for row in range(self.rows):
            pid, chunk = int(self.cells[2 * row]), int(self.cells[2 * row + 1])
            if pid > 0 and chunk >= 0:
                out[pid] = chunk
        return out


def _init_worker(open_worker: Callable[[], ChunkParser], board: _Board, gate: RequestGate | None) -> None:
    global _worker, _init_error, _slot, _board  # one per worker process, see above
    _board = board
    _slot = board.claim()
    # the parent opened the same stores first and has said so once: a read-only or full cache is not news here
    warnings.filterwarnings("ignore", category=CacheDegradedWarning)
    try:
        _worker = open_worker()
    except GeonewsError as exc:  # e.g. an unreadable cache: the parent prints it as one line
        _init_error = exc
        return
    if gate is not None:
        _worker.share_request_gate(gate)


def _parse_chunk(number: int, chunk: list[Article]) -> list[tuple[Resolution, ...]]:
    if _init_error is not None:  # as a WorkerError: one message, which pickles whatever the error's signature
        raise WorkerError(f"a worker process could not start: {_init_error}")
    assert _worker is not None, "worker not initialised"
    if _board is not None:
        _board.set(_slot, number)
    # the worker's memory zone stays open from chunk to chunk (renewed every ZONE_BATCHES batches)
    results = [result.resolutions for result in _worker.parse_stream(chunk)]
    if _board is not None:
        _board.set(_slot, -1)
    return results


@dataclass(eq=False)  # a chunk is itself: found in the queue by identity, never by comparing its articles
class _Chunk:
    """One chunk of work: its place in the input, its articles, and how it fared."""

    number: int
    first: int  # 1-based position of its first article in the input
    articles: list[Article]
    attempts: int = 0
    #: why the run stops at this chunk (its worker died on it :data:`MAX_CHUNK_ATTEMPTS` times)
    error: str | None = None
    future: Future[list[tuple[Resolution, ...]]] | None = field(default=None, repr=False)

    def describe(self) -> str:
        if len(self.articles) == 1:
            return f"article {self.first} (id {self.articles[0].id!r})"
        last = self.first + len(self.articles) - 1
        ids = f"{self.articles[0].id!r}..{self.articles[-1].id!r}" if self.articles else "none"
        return f"articles {self.first}-{last} (ids {ids})"

    def split(self, numbers: Iterator[int]) -> list[_Chunk]:
        """One chunk per article, numbered from ``numbers``, to find the one a worker dies on."""
        return [_Chunk(next(numbers), self.first + i, [article]) for i, article in enumerate(self.articles)]


def _finished(chunk: _Chunk) -> bool:
    """Whether ``chunk`` came back with its results (before the pool broke)."""
    future = chunk.future
    return future is not None and future.done() and not future.cancelled() and future.exception() is None


def _death(exitcode: int | None) -> str:
    """How a worker process ended, for the error message.

    >>> _death(-9), _death(3), _death(None)
    ('signal 9, SIGKILL', 'exit code 3', 'cause unknown')
    """
    if exitcode is None:
        return "cause unknown"
    if exitcode < 0:
        try:
            return f"signal {-exitcode}, {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"signal {-exitcode}"
    return f"exit code {exitcode}"


class _Pool:
    """One ProcessPoolExecutor of forked workers, with its board."""

    def __init__(self, open_worker: Callable[[], ChunkParser], jobs: int, gate: RequestGate | None) -> None:
        context = multiprocessing.get_context("fork")
        self.board = _Board(context, jobs)
        self.executor = ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_init_worker, initargs=(open_worker, self.board, gate)
        )
        self._processes: dict[int, Any] = {}

    def submit(self, chunk: _Chunk) -> None:
        chunk.attempts += 1
        try:
            chunk.future = self.executor.submit(_parse_chunk, chunk.number, chunk.articles)
        except BrokenProcessPool as exc:  # a worker died before this chunk could be sent: it waits for the next pool
            chunk.future = Future()
            chunk.future.set_exception(exc)
        # the executor's own table of its processes (forked all at once on the first submit), kept to
        # read their exit codes once the pool broke; empty if a Python version renames it
        self._processes.update(getattr(self.executor, "_processes", None) or {})

    def post_mortem(self) -> tuple[dict[int, str], bool]:
        """After the pool broke: ``({chunk number: how its worker died}, identified)``.

        Waits for the executor to finish terminating the other workers (it
        sends them SIGTERM), then names the chunks whose worker died some
        other way. ``identified`` is false when no chunk could be pinned down.
        """
        self.executor.shutdown(wait=True, cancel_futures=True)
        busy = self.board.busy()
        lost: dict[int, str] = {}
        for pid, number in busy.items():
            process = self._processes.get(pid)
            code = process.exitcode if process is not None else None
            if code not in (-signal.SIGTERM, 0):
                lost[number] = _death(code)
        if not lost:  # some worker died between chunks, or its fate is unknown
            dead = [p.exitcode for p in self._processes.values() if p.exitcode not in (None, 0, -signal.SIGTERM)]
            return {n: _death(dead[0] if dead else None) for n in busy.values()}, False
        return lost, True

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def parse_parallel(
    articles: Iterable[Article], *, open_worker: Callable[[], ChunkParser], settings: Settings, jobs: int,
    on_error: Callable[[GeonewsError], None] | None = None,
) -> Iterator[ArticleResult]:
    """Like :meth:`Geoparser.parse`, with ``jobs`` worker processes (fork; Linux and macOS).

    Each worker calls ``open_worker()`` once, after the fork (e.g.
    ``functools.partial(Geoparser.open, settings, nlp=nlp)``: the pipeline
    loaded in the parent is shared), and parses its chunks with the
    ``parse_stream`` of what it returned. ``settings`` gives the chunk size
    (``batch_size``) and whether an online geocoder needs a shared schedule.

    An article on which a worker process dies twice, alone, is reported to
    ``on_error`` (a :class:`~geonews.errors.WorkerError`) and skipped; without
    ``on_error`` that error is raised, every result before the article having
    been yielded first.
    """
    gate: RequestGate | None = None
    if settings.online:  # one request schedule for every worker, made before forking
        from geonews.resolve.online import RequestGate

        gate = RequestGate.shared(multiprocessing.get_context("fork"))
    pool = _Pool(open_worker, jobs, gate)
    pending: deque[_Chunk] = deque()
    # each article says the language it is read in (given, --lang, else detected), as one process's results do
    source = chunks((with_lang(a, settings.lang) for a in articles), settings.batch_size * CHUNK_BATCHES)
    numbers = itertools.count()
    first, reading = 1, True
    try:
        while True:
            while reading and len(pending) < IN_FLIGHT_PER_JOB * jobs:
                batch = next(source, None)
                if batch is None:
                    reading = False
                    break
                chunk = _Chunk(next(numbers), first, batch)
                first += len(batch)
                pending.append(chunk)
                pool.submit(chunk)
            if not pending:
                return
            head = pending[0]
            if head.error is not None:
                if on_error is None:
                    raise WorkerError(head.error)
                on_error(WorkerError(f"{head.error}: skipped"))
                pending.popleft()
                continue
            assert head.future is not None
            try:
                resolutions = head.future.result()
            except BrokenProcessPool:
                pool = _recover(pool, pending, numbers, open_worker=open_worker, jobs=jobs, gate=gate,
                                go_on=on_error is not None)
                if on_error is None and any(c.error is not None for c in pending):
                    reading = False  # the run stops at that article: read no further
                continue
            pending.popleft()
            for article, found in zip(head.articles, resolutions, strict=True):
                yield ArticleResult(article=article, resolutions=found)
    finally:
        pool.close()


def _recover(pool: _Pool, pending: deque[_Chunk], numbers: Iterator[int], *,
             open_worker: Callable[[], ChunkParser], jobs: int, gate: RequestGate | None, go_on: bool) -> _Pool:
    """A worker died: blame its chunk, then hand the unfinished chunks to a fresh pool.

    A chunk of several articles blamed for the :data:`MAX_CHUNK_ATTEMPTS`-th
    time is split into one chunk per article (in its place in ``pending``). A
    one-article chunk blamed that often gets its ``error`` set and is not
    retried. Unless ``go_on`` (the caller skips such an article), the chunks
    after it are not retried either: the run ends there, once the results
    before it are out.
    """
    lost, identified = pool.post_mortem()
    unfinished = [c for c in pending if not _finished(c)]
    if not identified and not lost and unfinished:  # no chunk to pin it on: the oldest one takes the blame
        lost[unfinished[0].number] = _death(None)
    retry: list[_Chunk] = []
    for chunk in unfinished:
        if chunk.error is not None:  # blamed before
            if go_on:
                continue
            break
        if chunk.number in lost and chunk.attempts >= MAX_CHUNK_ATTEMPTS:
            if len(chunk.articles) > 1:  # which of its articles kills the worker? each alone
                parts = chunk.split(numbers)
                at = pending.index(chunk)
                pending.remove(chunk)
                for offset, part in enumerate(parts):
                    pending.insert(at + offset, part)
                retry += parts
                continue
            again = ", on its retry too" if chunk.attempts > 1 else ""
            chunk.error = f"a worker process died ({lost[chunk.number]}) while parsing {chunk.describe()}{again}"
            if go_on:
                continue
            break
        if chunk.number not in lost:
            chunk.attempts -= 1  # it was not to blame: this retry does not count against it
        retry.append(chunk)
    fresh = _Pool(open_worker, jobs, gate)
    for chunk in retry:
        fresh.submit(chunk)
    return fresh
