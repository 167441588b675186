"""``--dask-scheduler ADDRESS``: parse a corpus on a dask.distributed cluster, results in input order.

The client (:class:`ClusterParser`) cuts the articles into partitions of
whole spaCy batches, sends a bounded number of them to the cluster at a time
(so a corpus of any size streams through in constant memory) and yields the
results partition by partition, in input order. The output is the one a
single process gives: same batches, same stores, same code.

Each worker process keeps one :class:`~geonews.pipeline.Geoparser` for its
whole life (:func:`worker_geoparser`): the gazetteer is built on the worker's
own disk the first time (once per machine: a file lock keeps the worker
processes of one machine from building it side by side), the spaCy model is
loaded once, and the geocode cache is the worker's own. Settings travel with
every task, so their paths (``cache_dir``, ``--gazetteer``) are paths on the
workers. Caches of several workers are merged with ``geonews cache export`` /
``geonews cache import``.

dask is an optional dependency (the ``dask`` extra); it is
imported only when a cluster is used. Start workers with one thread each
(``dask worker ADDRESS --nthreads 1 --nworkers N``): a worker process parses
one partition at a time.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from geonews.config import Settings
from geonews.errors import ClusterError, GeonewsError
from geonews.extract import chunks
from geonews.extract.lang import with_lang
from geonews.model import Article, ArticleResult, Resolution
from geonews.pipeline import Geoparser, RunStats

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["PARTITION_BATCHES", "ClusterError", "ClusterParser", "worker_geoparser"]

#: spaCy batches (``settings.batch_size`` articles each) in one partition: one dask task.
PARTITION_BATCHES = 4
#: Partitions waiting or running per worker thread; more are sent only as results come back.
IN_FLIGHT_PER_THREAD = 2
#: How long to try to reach the scheduler before giving up (dask's own default).
CONNECT_TIMEOUT_S = 30.0


# ----------------------------------------------------------------------------- worker side

#: The worker process's own geoparser and the settings it was opened with. This is the one
#: mutable global, and it is per process by construction: each dask worker process opens it on
#: its first task and keeps it (model loaded once) until it exits or a run with other settings
#: comes; the client process never sets it. ``_LOCK`` makes the tasks of a multi-threaded
#: worker take turns (one spaCy pipeline, one memory zone at a time).
_WORKER: dict[str, Geoparser] = {}
_LOCK = threading.Lock()


@contextlib.contextmanager
def _build_lock(cache_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``cache_dir`` so one process per machine builds the gazetteer."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock, at worst two builds (both atomic)
        yield
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    with (cache_dir / ".geonews-build.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _close_worker() -> None:
    """At exit: close the worker's geoparser, which records its run in the worker's cache."""
    with _LOCK:
        for geoparser in _WORKER.values():
            geoparser.close()
        _WORKER.clear()


atexit.register(_close_worker)  # a no-op in every process but a worker's


def worker_geoparser(settings: Settings) -> Geoparser:
    """This process's geoparser for ``settings``: opened once (gazetteer built if missing), then reused.

    Call it with ``_LOCK`` held. A call with other settings closes the
    previous geoparser and keeps its loaded model when the model is the same.
    """
    key = repr(settings)
    current = _WORKER.get(key)
    if current is not None:
        return current
    recognisers = None
    for old in _WORKER.values():
        if (old.settings.model, old.settings.models, old.settings.trust_model) == (
                settings.model, settings.models, settings.trust_model):
            recognisers = old.recognisers  # the models it loaded are kept
        old.close()
    _WORKER.clear()
    if settings.gazetteer_file is None:  # the index may have to be built here
        with _build_lock(settings.cache_dir):
            geoparser = Geoparser.open(settings, recognisers=recognisers)
    else:
        geoparser = Geoparser.open(settings, recognisers=recognisers)
    _WORKER[key] = geoparser
    return geoparser


@dataclass(frozen=True, slots=True)
class _Partition:
    """What a worker sends back for one partition (the client still has the articles)."""

    resolutions: list[tuple[Resolution, ...]]
    data_version: str
    stats: RunStats
    worker: str


def _combine(a: RunStats, b: RunStats, *, sign: int = 1) -> RunStats:
    """``a + b`` (or ``a - b`` with ``sign=-1``), field by field."""
    return RunStats(**{f.name: getattr(a, f.name) + sign * getattr(b, f.name) for f in fields(RunStats)})


def _parse_partition(settings: Settings, articles: list[Article]) -> _Partition:
    """A dask task: parse one partition with this worker process's geoparser."""
    with _LOCK:
        geoparser = worker_geoparser(settings)
        before = geoparser.stats()
        resolutions = [result.resolutions for result in geoparser.parse(articles)]
        return _Partition(resolutions, geoparser.data_version, _combine(geoparser.stats(), before, sign=-1), _where())


def _warm_up(settings: Settings) -> tuple[str, str]:
    """A dask task: open this worker's geoparser and load its model; its data version."""
    with _LOCK:
        geoparser = worker_geoparser(settings)
        _ = geoparser.nlp
        return geoparser.data_version, _where()


def _where() -> str:
    import socket

    return f"{socket.gethostname()}:{os.getpid()}"


# ----------------------------------------------------------------------------- client side


def _connect(address: str, *, timeout: float) -> Client:
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError('--dask-scheduler needs dask: pip install "dask[distributed]"') from None
    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ClusterError(f"cannot reach the dask scheduler at {address}: {reason}") from None


class ClusterParser:
    """A geoparsing session whose work runs on a dask cluster; use like a :class:`Geoparser`.

    ``parse`` streams results in input order; ``data_version`` is the workers'
    (they must all agree); ``stats`` adds up the workers' counts for this run.
    """

    def __init__(
        self, client: Client, *, settings: Settings, partition_size: int | None = None, own_client: bool = False,
        timeout: float = 600.0,
    ) -> None:
        self.client = client
        self.settings = settings
        self.partition_size = partition_size or settings.batch_size * PARTITION_BATCHES
        self._own_client = own_client
        self._timeout = timeout
        self._stats = RunStats(0, 0, 0, 0, 0, 0)
        self._data_version: str | None = None

    @classmethod
    def connect(cls, address: str, *, settings: Settings, timeout: float | None = None) -> ClusterParser:
        """Connect to the scheduler at ``address`` and get every worker ready (gazetteer, model)."""
        client = _connect(address, timeout=CONNECT_TIMEOUT_S if timeout is None else timeout)
        parser = cls(client, settings=settings, own_client=True)
        try:
            parser.warm_up()
        except BaseException:
            parser.close()
            raise
        return parser

    def _threads(self) -> dict[str, int]:
        workers = self.client.scheduler_info().get("workers", {})
        return {address: int(info.get("nthreads", 1)) for address, info in workers.items()}

    def warm_up(self) -> str:
        """Open a geoparser on every worker (in parallel) and check that they share one data version."""
        threads = self._threads()
        if not threads:
            raise ClusterError("the dask cluster has no workers")
        futures = [
            self.client.submit(_warm_up, self.settings, workers=[address], allow_other_workers=False, pure=False)
            for address in threads
        ]
        versions = dict(self._gather(f) for f in futures)
        if len(set(versions)) > 1:
            raise ClusterError(f"workers have different gazetteer data versions: {sorted(versions)}")
        self._data_version = next(iter(versions))
        return self._data_version

    @property
    def data_version(self) -> str:
        return self._data_version or self.warm_up()

    def _gather(self, future: Any) -> Any:
        try:
            return future.result(timeout=self._timeout)
        except GeonewsError:
            raise
        except TimeoutError:
            raise ClusterError(f"no answer from the dask cluster in {self._timeout:.0f} s") from None
        except Exception as exc:
            if not isinstance(exc, OSError) and not type(exc).__module__.startswith("distributed"):
                raise  # an error in geonews itself: let it show
            reason = " ".join(str(exc).split()) or type(exc).__name__
            raise ClusterError(f"the dask cluster failed: {type(exc).__name__}: {reason}") from None

    def parse(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Find and resolve the places of each article on the cluster (streamed, in input order)."""
        window = max(2, IN_FLIGHT_PER_THREAD * sum(self._threads().values()))
        pending: deque[tuple[list[Article], Any]] = deque()

        def collect() -> Iterator[ArticleResult]:
            chunk, future = pending.popleft()
            part: _Partition = self._gather(future)
            if self._data_version is None:
                self._data_version = part.data_version
            elif part.data_version != self._data_version:
                raise ClusterError(
                    f"worker {part.worker} has gazetteer data version {part.data_version}, "
                    f"not {self._data_version}"
                )
            self._stats = _combine(self._stats, part.stats)
            for article, resolutions in zip(chunk, part.resolutions, strict=True):
                yield ArticleResult(article=article, resolutions=resolutions)

        try:
            given = self.settings.lang  # each article says the language it is read in, as in one process
            for partition in chunks((with_lang(a, given) for a in articles), self.partition_size):
                future = self.client.submit(_parse_partition, self.settings, partition, pure=False)
                pending.append((partition, future))
                while len(pending) >= window:
                    yield from collect()
            while pending:
                yield from collect()
        finally:
            for _, future in pending:
                future.cancel()

    def stats(self) -> RunStats:
        return self._stats

    def close(self) -> None:
        if self._own_client:
            self.client.close()

    def __enter__(self) -> ClusterParser:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
