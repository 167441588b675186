"""``--jobs N``: parse articles in N worker processes, results in input order.

Each worker opens its own stores (the read-only gazetteer, already built by
the parent, and the geocode cache, which is safe with several writers) and
runs the same :class:`~geonews.pipeline.Geoparser`. The spaCy pipeline is
loaded once in the parent before the workers are forked, so they share its
memory pages instead of loading it N times. Articles travel in chunks of
whole batches (``batch_size`` articles each, the same batches one process
makes), and only a few chunks per worker are in flight: the input is read as
the workers need it, so memory stays flat on a corpus of any size. Workers
send back the resolutions only; the parent still has the articles.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from geonews.config import Settings
from geonews.extract import chunks
from geonews.model import Article, ArticleResult, Resolution

if TYPE_CHECKING:
    from geonews.pipeline import Geoparser

__all__ = ["CHUNK_BATCHES", "IN_FLIGHT_PER_JOB", "parse_parallel"]

#: spaCy batches in one chunk of work sent to a worker (64 articles, which its spaCy runs back to
#: back, see :data:`geonews.pipeline.GROUP_BATCHES`; small enough to keep two workers evenly busy).
CHUNK_BATCHES = 4
#: Chunks waiting or running per worker; the next ones are read only as results come back.
IN_FLIGHT_PER_JOB = 3

#: The worker process's own geoparser. Process-local by construction: each
#: forked worker sets it once in its initializer; the parent never does.
_worker: Geoparser | None = None


def _init_worker(settings: Settings, nlp: Any) -> None:
    global _worker  # one per worker process, see above
    from geonews.pipeline import Geoparser

    _worker = Geoparser.open(settings)
    _worker._nlp = nlp


def _parse_chunk(chunk: list[Article]) -> list[tuple[Resolution, ...]]:
    assert _worker is not None, "worker not initialised"
    # the worker's memory zone stays open from chunk to chunk (renewed every ZONE_BATCHES batches)
    return [result.resolutions for result in _worker._parse_stream(chunk)]


def parse_parallel(
    articles: Iterable[Article], *, settings: Settings, nlp: Any, jobs: int
) -> Iterator[ArticleResult]:
    """Like :meth:`Geoparser.parse`, with ``jobs`` worker processes (fork; Linux and macOS)."""
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_init_worker, initargs=(settings, nlp)) as pool:
        pending: deque[tuple[list[Article], Any]] = deque()

        def collect() -> Iterator[ArticleResult]:
            chunk, future = pending.popleft()
            for article, resolutions in zip(chunk, future.get(), strict=True):
                yield ArticleResult(article=article, resolutions=resolutions)

        for chunk in chunks(articles, settings.batch_size * CHUNK_BATCHES):
            pending.append((chunk, pool.apply_async(_parse_chunk, (chunk,))))
            if len(pending) >= IN_FLIGHT_PER_JOB * jobs:
                yield from collect()
        while pending:
            yield from collect()
