"""The geocode cache: a small SQLite store of geocoder answers, passed in, never global.

This is the only module that opens the cache file. Entries are keyed by
``(provider, query, context)`` (strings the caller has normalised) and hold a
JSON payload, or nothing for a negative answer ("no such place"), so that a
cached negative is told apart from a miss::

    >>> import tempfile
    >>> from pathlib import Path
    >>> tmp = tempfile.TemporaryDirectory()
    >>> with GeocodeCache(Path(tmp.name) / "geocode.sqlite") as cache:
    ...     cache.put("nominatim", "vostotchny", "fr", {"lat": 51.88, "lon": 128.33})
    ...     cache.put("nominatim", "atlantide", "fr", None)
    ...     cache.get("nominatim", "vostotchny", "fr")
    ...     cache.get("nominatim", "atlantide", "fr")
    ...     cache.get("nominatim", "paris", "fr") is None
    ...     cache.stats().hit_rate
    CacheHit(payload={'lat': 51.88, 'lon': 128.33})
    CacheHit(payload=None)
    True
    0.6666666666666666
    >>> tmp.cleanup()

A file that is not SQLite, or a SQLite database without this schema, is moved
aside (``geocode.sqlite.corrupt-<timestamp>``) with a warning and a fresh cache
is started; a location that cannot be written raises
:class:`~geonews.errors.CacheError`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from geonews.errors import CacheError

__all__ = [
    "DEFAULT_CACHE_PATH",
    "DEFAULT_NEGATIVE_TTL_S",
    "SCHEMA_VERSION",
    "CacheEntry",
    "CacheHit",
    "CacheRecoveredWarning",
    "CacheStats",
    "GeocodeCache",
]

#: Where the CLI keeps the cache unless told otherwise (relative to the working directory).
DEFAULT_CACHE_PATH = Path("cache/geocode.sqlite")
#: Negative answers are forgotten after a week: gazetteers and geocoders improve.
DEFAULT_NEGATIVE_TTL_S = 7 * 86400.0
SCHEMA_VERSION = 1

_APPLICATION = "geonews-geocode-cache"
_SQLITE_HEADER = b"SQLite format 3\x00"
_COLUMNS = frozenset({"provider", "query", "context", "payload", "created_at"})
_SCHEMA = f"""
BEGIN IMMEDIATE;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS geocode (
    provider TEXT NOT NULL,
    query TEXT NOT NULL,
    context TEXT NOT NULL DEFAULT '',
    payload TEXT,
    created_at REAL NOT NULL,
    PRIMARY KEY (provider, query, context)
) WITHOUT ROWID;
INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '{SCHEMA_VERSION}');
INSERT OR IGNORE INTO meta (key, value) VALUES ('application', '{_APPLICATION}');
COMMIT;
"""

#: ``(provider, query, context, payload)``, as given to :meth:`GeocodeCache.put_many`.
CacheEntry = tuple[str, str, str, dict[str, Any] | None]


class CacheRecoveredWarning(UserWarning):
    """A corrupt or foreign cache file was moved aside and a fresh cache started."""


@dataclass(frozen=True, slots=True)
class CacheHit:
    """A cached answer; ``payload is None`` means a cached "no such place"."""

    payload: dict[str, Any] | None

    @property
    def negative(self) -> bool:
        """True for a cached negative answer.

        >>> CacheHit(None).negative, CacheHit({}).negative
        (True, False)
        """
        return self.payload is None


@dataclass(frozen=True, slots=True)
class CacheStats:
    """What the cache holds; ``hits``/``misses`` count this instance's lookups."""

    entries: int
    negatives: int
    hits: int
    misses: int
    path: Path
    size_bytes: int

    @property
    def hit_rate(self) -> float:
        """Share of lookups answered from the cache (0.0 before any lookup).

        >>> CacheStats(10, 2, hits=3, misses=1, path=Path("c"), size_bytes=0).hit_rate
        0.75
        """
        lookups = self.hits + self.misses
        return self.hits / lookups if lookups else 0.0


def _encode(payload: dict[str, Any] | None) -> str | None:
    if payload is None:
        return None
    if not isinstance(payload, dict):
        raise TypeError(f"cache payload must be a dict or None, got {type(payload).__name__}")
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def _decode(text: str | None) -> CacheHit | None:
    if text is None:
        return CacheHit(None)
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return CacheHit(value) if isinstance(value, dict) else None


class GeocodeCache:
    """A bounded SQLite store of geocoder answers (see the module docstring).

    ``clock`` gives the time in seconds (injected in tests); entries older
    than ``ttl_s`` (``None``: never) and negative entries older than
    ``negative_ttl_s`` are misses. Safe to share between threads.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        clock: Callable[[], float] = time.time,
        ttl_s: float | None = None,
        negative_ttl_s: float = DEFAULT_NEGATIVE_TTL_S,
    ) -> None:
        if ttl_s is not None and ttl_s < 0:
            raise ValueError(f"ttl_s must be >= 0 or None, got {ttl_s!r}")
        if negative_ttl_s < 0:
            raise ValueError(f"negative_ttl_s must be >= 0, got {negative_ttl_s!r}")
        self._path = Path(path)
        self._clock = clock
        self.ttl_s = ttl_s
        self.negative_ttl_s = negative_ttl_s
        self._lock = threading.RLock()
        self._hits = 0
        self._misses = 0
        self._depth = 0
        self._conn: sqlite3.Connection | None = self._open()

    # ------------------------------------------------------------------ opening

    @property
    def path(self) -> Path:
        """The cache file."""
        return self._path

    def _fail(self, reason: object) -> CacheError:
        text = str(reason).strip().splitlines()[0] if str(reason).strip() else "unknown error"
        return CacheError(f"cannot use the geocode cache {self._path}: {text}")

    def _open(self) -> sqlite3.Connection:
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._fail(exc.strerror or exc) from None
        reason = self._header_problem()
        if reason:
            self._move_aside(reason)
        conn = self._connect()
        try:
            reason = self._schema_problem(conn)
        except sqlite3.OperationalError as exc:
            conn.close()
            raise self._fail(exc) from None
        except sqlite3.DatabaseError as exc:
            reason = f"not a readable SQLite database ({exc})"
        if reason:
            conn.close()
            self._move_aside(reason)
            conn = self._connect()
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            conn.close()
            raise self._fail(exc) from None
        return conn

    def _connect(self) -> sqlite3.Connection:
        try:
            return sqlite3.connect(
                str(self._path), timeout=10.0, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise self._fail(exc) from None

    def _header_problem(self) -> str | None:
        """Why the file cannot be a SQLite database, judging by its first bytes."""
        try:
            if not self._path.is_file() or self._path.stat().st_size == 0:
                return None
            with self._path.open("rb") as f:
                header = f.read(len(_SQLITE_HEADER))
        except OSError as exc:
            raise self._fail(exc.strerror or exc) from None
        return None if header == _SQLITE_HEADER else "not a SQLite database"

    @staticmethod
    def _schema_problem(conn: sqlite3.Connection) -> str | None:
        """Why an open SQLite database is not a geocode cache (``None`` if it is, or is empty)."""
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return None
        if not {"meta", "geocode"} <= tables:
            return "a SQLite database without the geocode cache schema"
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None or row[0] != str(SCHEMA_VERSION):
            found = "none" if row is None else row[0]
            return f"a geocode cache with schema version {found} (expected {SCHEMA_VERSION})"
        columns = {row[1] for row in conn.execute("PRAGMA table_info(geocode)")}
        if columns != _COLUMNS:
            return "a SQLite database without the geocode cache schema"
        return None

    def _move_aside(self, reason: str) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(self._clock()))
        base = self._path.with_name(f"{self._path.name}.corrupt-{stamp}")
        aside, n = base, 1
        while aside.exists():
            n += 1
            aside = base.with_name(f"{base.name}-{n}")
        try:
            os.replace(self._path, aside)
            for suffix in ("-wal", "-shm", "-journal"):
                extra = self._path.with_name(self._path.name + suffix)
                if extra.exists():
                    os.replace(extra, aside.with_name(aside.name + suffix))
        except OSError as exc:
            raise self._fail(f"{reason}, and it cannot be moved aside: {exc.strerror or exc}") from None
        warnings.warn(
            f"geocode cache {self._path} is {reason}; moved it to {aside.name} and started a fresh cache",
            CacheRecoveredWarning,
            stacklevel=4,
        )

    # ------------------------------------------------------------------ queries

    def _execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        if self._conn is None:
            raise CacheError(f"the geocode cache {self._path} is closed")
        try:
            return self._conn.execute(sql, tuple(params))
        except sqlite3.Error as exc:
            raise self._fail(exc) from None

    def _expired(self, payload: str | None, created_at: float, now: float) -> bool:
        ttl = self.negative_ttl_s if payload is None else self.ttl_s
        return ttl is not None and now - created_at >= ttl

    def get(self, provider: str, query: str, context: str = "") -> CacheHit | None:
        """The cached answer for the key, or ``None`` on a miss (absent or expired)."""
        with self._lock:
            row = self._execute(
                "SELECT payload, created_at FROM geocode WHERE provider = ? AND query = ? AND context = ?",
                (provider, query, context),
            ).fetchone()
            hit = None
            if row is not None and not self._expired(row[0], row[1], self._clock()):
                hit = _decode(row[0])
            if hit is None:
                self._misses += 1
            else:
                self._hits += 1
            return hit

    def put(self, provider: str, query: str, context: str, payload: dict[str, Any] | None) -> None:
        """Store ``payload`` (a JSON-able dict, or ``None`` for "no such place") under the key."""
        self.put_many([(provider, query, context, payload)])

    def put_many(self, entries: Iterable[CacheEntry]) -> int:
        """Store many entries in one transaction; return how many."""
        with self._lock:
            now = self._clock()
            rows = [(p, q, c, _encode(payload), now) for p, q, c, payload in entries]
            if not rows:
                return 0
            with self.transaction():
                assert self._conn is not None
                try:
                    self._conn.executemany(
                        "INSERT OR REPLACE INTO geocode (provider, query, context, payload, created_at)"
                        " VALUES (?, ?, ?, ?, ?)",
                        rows,
                    )
                except sqlite3.Error as exc:
                    raise self._fail(exc) from None
            return len(rows)

    @contextmanager
    def transaction(self) -> Iterator[GeocodeCache]:
        """Group writes in one transaction (much faster for many :meth:`put`); nests.

        Rolled back if the block raises.
        """
        with self._lock:
            savepoint = f"geonews_{self._depth}"
            self._execute("BEGIN IMMEDIATE" if self._depth == 0 else f"SAVEPOINT {savepoint}")
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth -= 1
                if self._conn is not None:
                    if self._depth == 0:
                        self._execute("ROLLBACK")
                    else:
                        self._execute(f"ROLLBACK TO {savepoint}")
                        self._execute(f"RELEASE {savepoint}")
                raise
            self._depth -= 1
            self._execute("COMMIT" if self._depth == 0 else f"RELEASE {savepoint}")

    def stats(self) -> CacheStats:
        """Counts of stored entries, this instance's hits and misses, and the file size."""
        with self._lock:
            entries, negatives = self._execute(
                "SELECT COUNT(*), COALESCE(SUM(payload IS NULL), 0) FROM geocode"
            ).fetchone()
            hits, misses = self._hits, self._misses
        size = 0
        for suffix in ("", "-wal"):
            with suppress(OSError):
                size += self._path.with_name(self._path.name + suffix).stat().st_size
        return CacheStats(
            entries=entries, negatives=negatives, hits=hits, misses=misses, path=self._path, size_bytes=size
        )

    def prune(self) -> int:
        """Delete expired entries; return how many."""
        with self._lock:
            now = self._clock()
            removed = self._execute(
                "DELETE FROM geocode WHERE payload IS NULL AND created_at <= ?",
                (now - self.negative_ttl_s,),
            ).rowcount
            if self.ttl_s is not None:
                removed += self._execute(
                    "DELETE FROM geocode WHERE payload IS NOT NULL AND created_at <= ?",
                    (now - self.ttl_s,),
                ).rowcount
            return removed

    def clear(self) -> None:
        """Forget every entry (the hit/miss counters are kept)."""
        with self._lock:
            self._execute("DELETE FROM geocode")

    # ------------------------------------------------------------------ lifetime

    def close(self) -> None:
        """Close the file; further use raises :class:`CacheError`. Idempotent."""
        with self._lock:
            if self._conn is not None:
                conn, self._conn = self._conn, None
                conn.close()

    def __enter__(self) -> GeocodeCache:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._conn is None else "open"
        return f"GeocodeCache({str(self._path)!r}, {state})"
