"""``--jobs N``: parse articles in N worker processes, results in input order.

Each worker opens its own stores (the read-only gazetteer, already built by
the parent, and the geocode cache, which is safe with several writers) and
runs the same :class:`~geonews.pipeline.Geoparser`. The spaCy pipeline is
loaded once in the parent before the workers are forked, so they share its
memory pages instead of loading it N times. Articles travel in chunks of
``batch_size`` so the model still works in batches.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from geonews.config import Settings
from geonews.model import Article, ArticleResult

if TYPE_CHECKING:
    from geonews.pipeline import Geoparser

__all__ = ["parse_parallel"]

#: The worker process's own geoparser. Process-local by construction: each
#: forked worker sets it once in its initializer; the parent never does.
_worker: Geoparser | None = None


def _init_worker(settings: Settings, nlp: Any) -> None:
    global _worker  # one per worker process, see above
    from geonews.pipeline import Geoparser

    _worker = Geoparser.open(settings)
    _worker._nlp = nlp


def _parse_chunk(chunk: list[Article]) -> list[ArticleResult]:
    assert _worker is not None, "worker not initialised"
    return list(_worker.parse(chunk))


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def parse_parallel(
    articles: Iterable[Article], *, settings: Settings, nlp: Any, jobs: int
) -> Iterator[ArticleResult]:
    """Like :meth:`Geoparser.parse`, with ``jobs`` worker processes (fork; Linux and macOS)."""
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_init_worker, initargs=(settings, nlp)) as pool:
        for results in pool.imap(_parse_chunk, _chunks(articles, settings.batch_size)):
            yield from results
