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
is started. A cache that cannot be created or written (read-only or full file
system) warns once (:class:`CacheDegradedWarning`) and goes on read-only, with
what the file holds if it can be read; only a path that can never be a cache (a
directory, or under a file) raises :class:`~geonews.errors.CacheError`.

Stored answers are not trusted blindly: :func:`payload_problem` checks their
shape and coordinates on :meth:`GeocodeCache.import_jsonl` (a bad line is skipped
with a :class:`CacheImportWarning` naming the file and line) and on every
lookup (a malformed stored answer is a miss, reported once per instance with a
:class:`CacheEntryWarning`, and the caller's fresh answer replaces it).

Several processes may share one file: it is in WAL mode, waits for locks
(``busy_timeout``) and retries a busy database. If a write fails anyway (disk
full, read-only file system, locked for too long) the cache warns once
(:class:`CacheDegradedWarning`) and carries on read-only: the run never stops
because of its cache. :meth:`GeocodeCache.export_jsonl` and
:meth:`GeocodeCache.import_jsonl` share a cache as JSON Lines.
"""

from __future__ import annotations

import json
import math
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
from typing import Any, TextIO

from geonews.errors import CacheError
from geonews.serialize import place_from_dict

__all__ = [
    "DEFAULT_CACHE_PATH",
    "DEFAULT_NEGATIVE_TTL_S",
    "ON_CONFLICT",
    "SCHEMA_VERSION",
    "CacheDegradedWarning",
    "CacheEntry",
    "CacheEntryWarning",
    "CacheHit",
    "CacheImportWarning",
    "CacheRecoveredWarning",
    "CacheStats",
    "GeocodeCache",
    "payload_problem",
]

#: Where the CLI keeps the cache unless told otherwise (relative to the working directory).
DEFAULT_CACHE_PATH = Path("cache/geocode.sqlite")
#: Negative answers are forgotten after a week: gazetteers and geocoders improve.
DEFAULT_NEGATIVE_TTL_S = 7 * 86400.0
SCHEMA_VERSION = 1

_APPLICATION = "geonews-geocode-cache"
_SQLITE_HEADER = b"SQLite format 3\x00"
#: How :meth:`GeocodeCache.import_jsonl` treats an entry the cache already has.
ON_CONFLICT = ("newer", "replace", "keep")
_BUSY_TIMEOUT_MS = 30_000
_RETRIES = 8
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

#: Provider names whose answers have a known shape (checked on import and on every lookup):
#: ``gazetteer:<data version>`` holds ``{"matches": [{"place": {...}, "tier": str, "matched": str}]}``
#: (:mod:`geonews.resolve.sources`), ``online:<service>:<url>`` holds ``{"places": [{...}]}``
#: (:mod:`geonews.resolve.online`); a place is a :func:`~geonews.serialize.place_to_dict` dict.
GAZETTEER_PROVIDER_PREFIX = "gazetteer:"
ONLINE_PROVIDER_PREFIX = "online:"
#: Bad lines of an import reported one by one; the rest are counted in one last line.
_IMPORT_REPORTS = 10

#: ``(provider, query, context, payload)``, as given to :meth:`GeocodeCache.put_many`.
CacheEntry = tuple[str, str, str, dict[str, Any] | None]


class CacheRecoveredWarning(UserWarning):
    """A corrupt or foreign cache file was moved aside and a fresh cache started."""


class CacheDegradedWarning(UserWarning):
    """A write to the cache failed (disk full…); the cache goes on read-only for this run."""


class CacheEntryWarning(UserWarning):
    """A stored answer is malformed (hand-edited, older version…): it is treated as a miss."""


class CacheImportWarning(UserWarning):
    """A line of a JSON Lines import is malformed: it is skipped, the other lines are imported."""


def _is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


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


def _place_problem(value: object) -> str | None:
    if not isinstance(value, dict):
        return f"a place must be an object, got {type(value).__name__}"
    try:
        place_from_dict(value)
    except (ValueError, TypeError) as exc:
        return str(exc)
    return None


def _coordinates_problem(value: object) -> str | None:
    """The first ``lat``/``lon`` anywhere in ``value`` that is not a finite number in range."""
    if isinstance(value, list):
        return next((p for p in map(_coordinates_problem, value) if p), None)
    if not isinstance(value, dict):
        return None
    for key, item in value.items():
        if key in ("lat", "lon"):
            bound = 90.0 if key == "lat" else 180.0
            if isinstance(item, bool) or not isinstance(item, (int, float)):
                return f"{key!r} must be a number, got {type(item).__name__}"
            if not math.isfinite(item) or abs(item) > bound:
                return f"{key!r} {item!r} is outside [-{bound:g}, {bound:g}]"
        else:
            problem = _coordinates_problem(item)
            if problem:
                return problem
    return None


def payload_problem(provider: str, payload: object) -> str | None:
    """Why ``payload`` is not an answer geonews could have stored for ``provider`` (``None`` if it is).

    A payload is a JSON object (or ``None``, "no such place"); the gazetteer's and the online
    geocoders' answers must have their exact shape, and any ``lat``/``lon`` must be a finite
    number in range:

    >>> payload_problem("nominatim", {"lat": 51.88, "lon": 128.33}) is None
    True
    >>> payload_problem("nominatim", {"lat": 151.88, "lon": 128.33})
    "'lat' 151.88 is outside [-90, 90]"
    >>> payload_problem("gazetteer:v1", {"matches": 3})
    '"matches" must be a list'
    """
    if payload is None:
        return None
    if not isinstance(payload, dict):
        return f"the answer must be an object or null, got {type(payload).__name__}"
    if provider.startswith(GAZETTEER_PROVIDER_PREFIX):
        matches = payload.get("matches")
        if not isinstance(matches, list):
            return '"matches" must be a list'
        for match in matches:
            if not isinstance(match, dict):
                return '"matches" must hold objects'
            if not isinstance(match.get("tier"), str) or not isinstance(match.get("matched"), str):
                return 'a match needs "tier" and "matched" strings'
            problem = _place_problem(match.get("place"))
            if problem:
                return problem
        return None
    if provider.startswith(ONLINE_PROVIDER_PREFIX):
        places = payload.get("places")
        if not isinstance(places, list):
            return '"places" must be a list'
        return next((p for p in map(_place_problem, places) if p), None)
    return _coordinates_problem(payload)


class _BadEntry(Exception):
    """Internal: a stored payload is malformed (its reason is the message)."""


def _decode(text: str | None, provider: str, *, validate: bool = True) -> CacheHit:
    """The stored ``text`` as a hit; raises :class:`_BadEntry` if it is not a well-formed answer
    (only if it is not a JSON object, when not ``validate``)."""
    if text is None:
        return CacheHit(None)
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise _BadEntry(f"not JSON: {exc}") from None
    if not validate:
        if not isinstance(value, dict):
            raise _BadEntry(f"the answer must be an object or null, got {type(value).__name__}")
        return CacheHit(value)
    problem = payload_problem(provider, value)
    if problem:
        raise _BadEntry(problem)
    return CacheHit(value)


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
        self._degraded: str | None = None
        self._doomed = False  # a write failed inside the current transaction
        self._bad_entries = 0  # malformed stored answers met (reported once)
        self._conn: sqlite3.Connection | None = self._open_or_degrade()

    # ------------------------------------------------------------------ opening

    @property
    def path(self) -> Path:
        """The cache file."""
        return self._path

    def _fail(self, reason: object) -> CacheError:
        text = str(reason).strip().splitlines()[0] if str(reason).strip() else "unknown error"
        error = CacheError(f"cannot use the geocode cache {self._path}: {text}")
        error.reason = text  # type: ignore[attr-defined]
        return error

    @property
    def read_only(self) -> bool:
        """True once a write has failed: the cache then only answers lookups."""
        return self._degraded is not None

    def _open_or_degrade(self) -> sqlite3.Connection:
        """Open the cache; if it cannot be created or written (read-only or full file system, locked
        for too long…), warn once and go on read-only: with what the file holds if it can be read,
        else with an empty cache in memory. A path that can never be a cache (a directory, a file in
        the way) raises :class:`CacheError`.
        """
        self._check_location()
        try:
            conn = self._open_retrying()
        except CacheError as exc:
            reason = getattr(exc, "reason", str(exc))
        else:
            return conn
        conn = self._open_read_only()
        self._degrade(reason)
        return conn

    def _check_location(self) -> None:
        if self._path.is_dir():
            raise self._fail("it is a directory")
        for parent in self._path.parents:
            if parent.exists():
                if not parent.is_dir():
                    raise self._fail(f"{parent} is not a directory")
                return

    def _open_read_only(self) -> sqlite3.Connection:
        """The existing cache file opened read-only if it can be, else an empty cache in memory."""
        with suppress(OSError):
            if self._path.is_file() and self._path.stat().st_size > 0:
                uri = self._path.absolute().as_uri()
                for options in ("mode=ro", "immutable=1"):  # immutable: a WAL file in a read-only directory
                    try:
                        conn = sqlite3.connect(
                            f"{uri}?{options}", uri=True, isolation_level=None, check_same_thread=False
                        )
                    except sqlite3.Error:
                        continue
                    try:
                        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
                        if {"meta", "geocode"} <= tables and self._schema_problem(conn) is None:
                            return conn
                    except sqlite3.Error:
                        pass
                    conn.close()
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.executescript(_SCHEMA)
        return conn

    def _open_retrying(self) -> sqlite3.Connection:
        """:meth:`_open`, retried while another process holds a lock (creating the file, switching to WAL)."""
        for attempt in range(_RETRIES + 1):
            try:
                return self._open()
            except _Busy as busy:
                if attempt == _RETRIES:
                    raise self._fail(busy.args[0]) from None
                time.sleep(min(0.05 * 2**attempt, 2.0))
        raise AssertionError("unreachable")  # pragma: no cover

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
            if _is_busy(exc):
                raise _Busy(exc) from None
            raise self._fail(exc) from None
        except sqlite3.DatabaseError as exc:
            reason = f"not a readable SQLite database ({exc})"
        if reason:
            conn.close()
            self._move_aside(reason)
            conn = self._connect()
        try:
            conn.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            with suppress(sqlite3.Error):
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            conn.close()
            if _is_busy(exc):
                raise _Busy(exc) from None
            raise self._fail(exc) from None
        return conn

    def _connect(self) -> sqlite3.Connection:
        try:
            return sqlite3.connect(
                str(self._path), timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
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
            raise self._fail(f"it is {reason}, and it cannot be moved aside: {exc.strerror or exc}") from None
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

    def get(self, provider: str, query: str, context: str = "", *, validate: bool = True) -> CacheHit | None:
        """The cached answer for the key, or ``None`` on a miss (absent, expired or malformed).

        A malformed answer (see :func:`payload_problem`) is a miss, reported once per instance
        (:meth:`report_malformed`). A caller that rebuilds its objects from the payload anyway
        may pass ``validate=False`` (only "is it a JSON object" is checked) and report what it
        cannot rebuild itself: the check then costs nothing on the hot path.
        """
        with self._lock:
            if self._conn is None:
                raise CacheError(f"the geocode cache {self._path} is closed")
            try:
                row = self._conn.execute(
                    "SELECT payload, created_at FROM geocode WHERE provider = ? AND query = ? AND context = ?",
                    (provider, query, context),
                ).fetchone()
            except sqlite3.OperationalError as exc:  # locked or I/O error: a miss, never a crash
                self._degrade(exc)
                row = None
            hit = None
            if row is not None and not self._expired(row[0], row[1], self._clock()):
                try:
                    hit = _decode(row[0], provider, validate=validate)
                except _BadEntry as bad:
                    self._bad_entry(provider, query, str(bad))
            if hit is None:
                self._misses += 1
            else:
                self._hits += 1
            return hit

    def report_malformed(self, provider: str, query: str, reason: str) -> None:
        """Say that the answer :meth:`get` just returned for ``(provider, query)`` is malformed.

        It is counted as a miss instead of a hit, and warned about like the ones :meth:`get` finds
        (:class:`CacheEntryWarning`, once per instance).
        """
        with self._lock:
            self._hits -= 1
            self._misses += 1
            self._bad_entry(provider, query, reason)

    def _bad_entry(self, provider: str, query: str, reason: str) -> None:
        """Warn about the first malformed stored answer of this instance (a run); count the others."""
        self._bad_entries += 1
        if self._bad_entries == 1:
            warnings.warn(
                f"geocode cache {self._path}: the stored answer for {query!r} ({provider}) is malformed"
                f" ({reason}); treated as a miss, and so is any other malformed answer",
                CacheEntryWarning,
                stacklevel=4,
            )

    def put(self, provider: str, query: str, context: str, payload: dict[str, Any] | None) -> None:
        """Store ``payload`` (a JSON-able dict, or ``None`` for "no such place") under the key."""
        self.put_many([(provider, query, context, payload)])

    def put_many(self, entries: Iterable[CacheEntry]) -> int:
        """Store many entries in one transaction; return how many (0 once the cache is read-only)."""
        with self._lock:
            now = self._clock()
            rows = [(p, q, c, _encode(payload), now) for p, q, c, payload in entries]
            if not rows or self._degraded is not None:
                self._check_open()
                return 0
            written = self._write(
                "INSERT OR REPLACE INTO geocode (provider, query, context, payload, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                rows,
            )
            return len(rows) if written is not None else 0

    def _check_open(self) -> sqlite3.Connection:
        if self._conn is None:
            raise CacheError(f"the geocode cache {self._path} is closed")
        return self._conn

    def _degrade(self, exc: BaseException | str) -> None:
        """Warn (once) and go read-only: a cache must never stop the run."""
        if self._depth:
            self._doomed = True
        if self._degraded is None:
            self._degraded = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            warnings.warn(
                f"geocode cache {self._path}: {self._degraded}; going on without writing to the cache",
                CacheDegradedWarning,
                stacklevel=4,
            )

    def _write(self, sql: str, rows: list[tuple[Any, ...]]) -> int | None:
        """Run one write statement over ``rows`` in a transaction, retrying a busy database.

        Returns the number of changed rows, or ``None`` if the write failed and the cache went read-only.
        """
        conn = self._check_open()
        for attempt in range(_RETRIES + 1):
            before = conn.total_changes
            try:
                with self.transaction():
                    if self._degraded is not None:
                        return None
                    try:
                        conn.executemany(sql, rows)
                    except sqlite3.Error as exc:
                        if _is_busy(exc) and self._depth == 1:
                            raise _Busy(exc) from None
                        self._degrade(exc)
                        return None
            except _Busy as busy:
                if attempt == _RETRIES:
                    self._degrade(busy.args[0])
                    return None
                time.sleep(min(0.05 * 2**attempt, 2.0))
                continue
            return None if self._degraded is not None else conn.total_changes - before
        return None  # pragma: no cover

    @contextmanager
    def transaction(self) -> Iterator[GeocodeCache]:
        """Group writes in one transaction (much faster for many :meth:`put`); nests.

        Rolled back if the block raises.
        A busy database is waited for (``busy_timeout``, then retries); if the
        transaction cannot start or commit (disk full…), the cache warns and goes
        read-only instead of raising, and the block's writes are dropped.
        """
        with self._lock:
            conn = self._check_open()
            savepoint = f"geonews_{self._depth}"
            active = self._degraded is None
            if active and self._depth == 0:
                active = self._begin(conn)
            elif active:
                active = self._quiet(conn, f"SAVEPOINT {savepoint}")
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth -= 1
                if active and self._conn is not None:
                    if self._depth == 0:
                        self._quiet(conn, "ROLLBACK")
                        self._doomed = False
                    else:
                        self._quiet(conn, f"ROLLBACK TO {savepoint}")
                        self._quiet(conn, f"RELEASE {savepoint}")
                raise
            self._depth -= 1
            if not active or self._conn is None:
                return
            if self._depth > 0:
                self._quiet(conn, f"RELEASE {savepoint}")
            elif self._doomed or self._degraded is not None:
                self._quiet(conn, "ROLLBACK")
                self._doomed = False
            elif not self._quiet(conn, "COMMIT"):
                self._quiet(conn, "ROLLBACK")

    def _quiet(self, conn: sqlite3.Connection, sql: str) -> bool:
        """Run a transaction statement; on failure go read-only and return False."""
        try:
            conn.execute(sql)
        except sqlite3.Error as exc:
            if sql == "ROLLBACK" or sql.startswith("RELEASE"):
                return False  # nothing left to undo
            self._degrade(exc)
            return False
        return True

    def _begin(self, conn: sqlite3.Connection) -> bool:
        for attempt in range(_RETRIES + 1):
            try:
                conn.execute("BEGIN IMMEDIATE")
                return True
            except sqlite3.Error as exc:
                if _is_busy(exc) and attempt < _RETRIES:
                    time.sleep(min(0.05 * 2**attempt, 2.0))
                    continue
                self._degrade(exc)
                return False
        return False  # pragma: no cover

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

    def record_run(self, summary: dict[str, Any]) -> None:
        """Remember what the last run did (shown by ``geonews cache stats``); a no-op once read-only."""
        with self._lock:
            if self._degraded is None:
                self._write("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_run', ?)",
                            [(json.dumps(summary, sort_keys=True),)])

    def last_run(self) -> dict[str, Any] | None:
        """The summary given to :meth:`record_run` by the last run, if any."""
        with self._lock:
            row = self._execute("SELECT value FROM meta WHERE key = 'last_run'").fetchone()
        if row is None:
            return None
        try:
            value = json.loads(row[0])
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    # ------------------------------------------------------------------ sharing

    def export_jsonl(self, stream: TextIO) -> int:
        """Write every entry to ``stream`` as JSON Lines; return how many.

        One object per line, sorted by key:
        ``{"provider", "query", "context", "payload" (an object or null), "created_at" (seconds)}``.
        A malformed stored answer is left out (with one :class:`CacheEntryWarning`).
        """
        with self._lock:
            rows = self._execute(
                "SELECT provider, query, context, payload, created_at FROM geocode ORDER BY provider, query, context"
            ).fetchall()
        written = 0
        for provider, query, context, payload, created_at in rows:
            try:
                hit = _decode(payload, provider)
            except _BadEntry as bad:
                self._bad_entry(provider, query, str(bad))
                continue
            record = {
                "provider": provider,
                "query": query,
                "context": context,
                "payload": hit.payload,
                "created_at": created_at,
            }
            stream.write(json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")
            written += 1
        return written

    def import_jsonl(
        self, stream: Iterable[str], *, on_conflict: str = "newer", source: str | None = None
    ) -> int:
        """Add the entries of a JSON Lines export; return how many were written.

        ``on_conflict`` says what to do with a key the cache already has:
        ``"newer"`` keeps the entry with the later ``created_at``, ``"replace"``
        takes the imported one, ``"keep"`` keeps the local one. Each line must have
        the shape :meth:`export_jsonl` writes (string keys, a finite ``created_at``,
        a payload that :func:`payload_problem` accepts): a bad line is skipped with a
        :class:`CacheImportWarning` naming ``source`` (default: the stream's ``name``)
        and the line number, and the other lines are imported. A failed write raises
        :class:`CacheError`.
        """
        if on_conflict not in ON_CONFLICT:
            raise ValueError(f"on_conflict must be one of {', '.join(ON_CONFLICT)}, got {on_conflict!r}")
        if source is None:
            source = str(getattr(stream, "name", None) or "<input>")
        rows = []
        bad = 0
        for lineno, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                rows.append(_import_row(line))
            except ValueError as exc:
                bad += 1
                if bad <= _IMPORT_REPORTS:
                    warnings.warn(f"{source}:{lineno}: skipped: {exc}", CacheImportWarning, stacklevel=2)
        if bad > _IMPORT_REPORTS:
            warnings.warn(f"{source}: {bad} bad lines skipped in all (the first {_IMPORT_REPORTS} are shown)",
                          CacheImportWarning, stacklevel=2)
        insert = "INSERT INTO geocode (provider, query, context, payload, created_at) VALUES (?, ?, ?, ?, ?)"
        sql = {
            "replace": insert.replace("INSERT", "INSERT OR REPLACE", 1),
            "keep": insert.replace("INSERT", "INSERT OR IGNORE", 1),
            "newer": insert + " ON CONFLICT (provider, query, context) DO UPDATE SET payload = excluded.payload,"
            " created_at = excluded.created_at WHERE excluded.created_at > geocode.created_at",
        }[on_conflict]
        with self._lock:
            self._check_open()
            if self._degraded is not None:
                raise self._fail(f"read-only after an earlier error ({self._degraded})")
            if not rows:
                return 0
            written = self._write(sql, rows)
            if written is None:
                raise self._fail(self._degraded or "write failed")
            return written

    def clear(self) -> None:
        """Forget every entry (the hit/miss counters are kept)."""
        with self._lock:
            self._check_open()
            if self._degraded is not None:
                raise self._fail(f"read-only after an earlier error ({self._degraded})")
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
        state = "closed" if self._conn is None else "read-only" if self._degraded else "open"
        return f"GeocodeCache({str(self._path)!r}, {state})"


class _Busy(Exception):
    """Internal: the database was locked by another process (retried)."""


def _import_row(line: str) -> tuple[str, str, str, str | None, float]:
    """One line of an export as a row; raises :class:`ValueError` saying what is wrong."""
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise ValueError(f"invalid JSON ({exc})") from None
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object")
    key = []
    for name in ("provider", "query", "context"):
        value = record.get(name, "" if name == "context" else None)
        if not isinstance(value, str) or (not value and name != "context"):
            raise ValueError(f'"{name}" must be a {"" if name == "context" else "non-empty "}string')
        key.append(value)
    payload = record.get("payload")
    problem = payload_problem(key[0], payload)
    if problem:
        raise ValueError(f'"payload": {problem}')
    created_at = record.get("created_at")
    if isinstance(created_at, bool) or not isinstance(created_at, (int, float)):
        raise ValueError('"created_at" must be a number')
    if not math.isfinite(created_at) or created_at < 0:
        raise ValueError(f'"created_at" must be a finite number of seconds, got {created_at!r}')
    try:
        encoded = _encode(payload)
    except ValueError as exc:
        raise ValueError(f'"payload": {exc}') from None
    return key[0], key[1], key[2], encoded, float(created_at)
