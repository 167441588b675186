"""The geocode cache (geonews.cache)."""

from __future__ import annotations

import io
import json
import multiprocessing
import sqlite3
import threading
import warnings
from pathlib import Path

import pytest

from geonews.cache import (
    CacheDegradedWarning,
    CacheEntryWarning,
    CacheHit,
    CacheImportWarning,
    CacheRecoveredWarning,
    CacheStats,
    GeocodeCache,
)
from geonews.errors import CacheError

PAYLOAD = {"lat": 51.884, "lon": 128.334, "name": "Vostotchny", "tags": ["spaceport"]}


class FakeClock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "geocode.sqlite"


def test_put_get_hit_and_miss(path: Path) -> None:
    with GeocodeCache(path) as cache:
        assert cache.get("nominatim", "vostotchny", "fr") is None
        cache.put("nominatim", "vostotchny", "fr", PAYLOAD)
        assert cache.get("nominatim", "vostotchny", "fr") == CacheHit(PAYLOAD)
        # every part of the key matters
        assert cache.get("nominatim", "vostotchny", "en") is None
        assert cache.get("photon", "vostotchny", "fr") is None
        assert cache.get("nominatim", "Vostotchny", "fr") is None


def test_negative_entry_is_not_a_miss(path: Path) -> None:
    with GeocodeCache(path) as cache:
        cache.put("nominatim", "atlantide", "", None)
        hit = cache.get("nominatim", "atlantide", "")
        assert hit is not None and hit.payload is None and hit.negative
        stats = cache.stats()
        assert (stats.entries, stats.negatives, stats.hits, stats.misses) == (1, 1, 1, 0)


def test_put_replaces(path: Path) -> None:
    with GeocodeCache(path) as cache:
        cache.put("p", "q", "c", None)
        cache.put("p", "q", "c", {"v": 2})
        assert cache.get("p", "q", "c") == CacheHit({"v": 2})
        assert cache.stats().entries == 1


def test_ttl_expiry_with_fake_clock(path: Path) -> None:
    clock = FakeClock()
    with GeocodeCache(path, clock=clock, ttl_s=100.0, negative_ttl_s=10.0) as cache:
        cache.put("p", "paris", "", PAYLOAD)
        cache.put("p", "nowhere", "", None)
        clock.now += 9
        assert cache.get("p", "nowhere", "") == CacheHit(None)
        clock.now += 1
        assert cache.get("p", "nowhere", "") is None  # negative expired after 10 s
        assert cache.get("p", "paris", "") == CacheHit(PAYLOAD)
        clock.now += 90
        assert cache.get("p", "paris", "") is None  # positive expired after 100 s
        assert cache.stats().entries == 2  # expired entries stay until replaced


def test_default_ttls(path: Path) -> None:
    clock = FakeClock()
    with GeocodeCache(path, clock=clock) as cache:
        cache.put("p", "paris", "", PAYLOAD)
        cache.put("p", "nowhere", "", None)
        clock.now += 7 * 86400 - 1
        assert cache.get("p", "nowhere", "") is not None
        clock.now += 10 * 365 * 86400
        assert cache.get("p", "nowhere", "") is None
        assert cache.get("p", "paris", "") == CacheHit(PAYLOAD)  # positives never expire by default


def test_reopen_persistence(path: Path) -> None:
    with GeocodeCache(path) as cache:
        cache.put("p", "kyiv", "ua", {"lat": 50.45, "lon": 30.52, "name": "Київ"})
        cache.put("p", "none", "", None)
    with GeocodeCache(path) as cache:
        assert cache.get("p", "kyiv", "ua") == CacheHit({"lat": 50.45, "lon": 30.52, "name": "Київ"})
        assert cache.get("p", "none", "") == CacheHit(None)
        assert cache.stats().entries == 2


def test_payload_is_json_not_pickle(path: Path) -> None:
    with GeocodeCache(path) as cache:
        cache.put("p", "q", "", {"b": 1, "a": "é"})
    conn = sqlite3.connect(path)
    try:
        [(payload,)] = conn.execute("SELECT payload FROM geocode").fetchall()
        [(version,)] = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        [(mode,)] = conn.execute("PRAGMA journal_mode").fetchall()
    finally:
        conn.close()
    assert payload == '{"a":"é","b":1}'
    assert version == "1"
    assert mode == "wal"


def test_bad_payloads_rejected(path: Path) -> None:
    with GeocodeCache(path) as cache:
        with pytest.raises(TypeError):
            cache.put("p", "q", "", ["not", "a", "dict"])  # type: ignore[arg-type]
        with pytest.raises(ValueError):
            cache.put("p", "q", "", {"lat": float("nan")})
        assert cache.stats().entries == 0


def test_stats_and_hit_rate(path: Path) -> None:
    with GeocodeCache(path) as cache:
        assert cache.stats().hit_rate == 0.0
        cache.put_many([("p", f"q{i}", "", {"i": i} if i % 2 else None) for i in range(10)])
        for i in range(10):
            cache.get("p", f"q{i}", "")
        for i in range(10, 20):
            cache.get("p", f"q{i}", "")
        stats = cache.stats()
        assert isinstance(stats, CacheStats)
        assert (stats.entries, stats.negatives, stats.hits, stats.misses) == (10, 5, 10, 10)
        assert stats.hit_rate == 0.5
        assert stats.path == path
        assert stats.size_bytes > 0
    with GeocodeCache(path) as cache:  # counters are per instance
        assert (cache.stats().hits, cache.stats().misses) == (0, 0)


def test_put_many_and_transaction(path: Path) -> None:
    with GeocodeCache(path) as cache:
        assert cache.put_many([]) == 0
        assert cache.put_many(("p", str(i), "", {"i": i}) for i in range(1000)) == 1000
        assert cache.get("p", "999", "") == CacheHit({"i": 999})
        with cache.transaction():
            for i in range(100):
                cache.put("t", str(i), "", None)
            with cache.transaction():
                cache.put_many([("t", "nested", "", {"x": 1})])
        assert cache.stats().entries == 1101
        with pytest.raises(RuntimeError), cache.transaction():
            cache.put("r", "rolled back", "", None)
            raise RuntimeError("boom")
        assert cache.get("r", "rolled back", "") is None


def test_nested_transaction_rolls_back_inner_only(path: Path) -> None:
    with GeocodeCache(path) as cache:
        with cache.transaction():
            cache.put("p", "kept", "", None)
            with pytest.raises(KeyError), cache.transaction():
                cache.put("p", "dropped", "", None)
                raise KeyError("inner")
        assert cache.get("p", "kept", "") is not None
        assert cache.get("p", "dropped", "") is None


def test_clear(path: Path) -> None:
    with GeocodeCache(path) as cache:
        cache.put("p", "q", "", PAYLOAD)
        cache.clear()
        assert cache.get("p", "q", "") is None
        assert cache.stats().entries == 0


def test_corrupt_file_moved_aside(path: Path) -> None:
    path.parent.mkdir(parents=True)
    garbage = b"this is not a database\x00\xff" * 100
    path.write_bytes(garbage)
    clock = FakeClock()
    with (
        pytest.warns(CacheRecoveredWarning, match="not a SQLite database"),
        GeocodeCache(path, clock=clock) as cache,
    ):
        cache.put("p", "q", "", PAYLOAD)
        assert cache.get("p", "q", "") == CacheHit(PAYLOAD)
    [aside] = path.parent.glob("geocode.sqlite.corrupt-*")
    assert aside.read_bytes() == garbage


def test_truncated_sqlite_file_moved_aside(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    with pytest.warns(CacheRecoveredWarning), GeocodeCache(path) as cache:
        cache.put("p", "q", "", None)
        assert cache.get("p", "q", "") == CacheHit(None)


def test_foreign_sqlite_file_moved_aside(path: Path) -> None:
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE other (x INTEGER)")
    conn.execute("INSERT INTO other VALUES (42)")
    conn.commit()
    conn.close()
    with (
        pytest.warns(CacheRecoveredWarning, match="without the geocode cache schema"),
        GeocodeCache(path) as cache,
    ):
        assert cache.stats().entries == 0
    [aside] = path.parent.glob("geocode.sqlite.corrupt-*")
    conn = sqlite3.connect(aside)
    assert conn.execute("SELECT x FROM other").fetchall() == [(42,)]
    conn.close()


def test_wrong_schema_version_moved_aside(path: Path) -> None:
    with GeocodeCache(path) as cache:
        cache.put("p", "q", "", None)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.warns(CacheRecoveredWarning, match="schema version 99"), GeocodeCache(path) as cache:
        assert cache.get("p", "q", "") is None


def test_two_recoveries_do_not_collide(path: Path) -> None:
    clock = FakeClock()
    path.parent.mkdir(parents=True)
    for _ in range(2):
        path.write_bytes(b"garbage" * 10)
        with pytest.warns(CacheRecoveredWarning):
            GeocodeCache(path, clock=clock).close()
    assert len(list(path.parent.glob("geocode.sqlite.corrupt-*"))) == 2


def test_empty_file_is_a_fresh_cache(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.touch()
    with GeocodeCache(path) as cache:
        cache.put("p", "q", "", None)
    assert not list(path.parent.glob("*.corrupt-*"))


def test_unwritable_location(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("I am a file, not a directory")
    with pytest.raises(CacheError) as info:
        GeocodeCache(blocker / "geocode.sqlite")
    assert "\n" not in str(info.value)
    assert str(blocker) in str(info.value)


def test_path_is_a_directory(tmp_path: Path) -> None:
    with pytest.raises(CacheError):
        GeocodeCache(tmp_path)


def test_closed_cache_raises(path: Path) -> None:
    cache = GeocodeCache(path)
    cache.close()
    cache.close()  # idempotent
    with pytest.raises(CacheError, match="closed"):
        cache.get("p", "q", "")


def test_invalid_ttl(path: Path) -> None:
    with pytest.raises(ValueError):
        GeocodeCache(path, ttl_s=-1)


def test_threads_share_one_cache(path: Path) -> None:
    with GeocodeCache(path) as cache:

        def work(n: int) -> None:
            for i in range(50):
                cache.put("p", f"{n}-{i}", "", {"i": i})
                assert cache.get("p", f"{n}-{i}", "") == CacheHit({"i": i})

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert cache.stats().entries == 200


# --------------------------------------------------------------------------- sharing (JSON Lines)


def test_export_import_round_trip(path: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    with GeocodeCache(path, clock=clock) as cache:
        cache.put("gazetteer", "kyiv", "ua", {"lat": 50.45, "name": "Київ"})
        cache.put("gazetteer", "atlantide", "", None)
        out = io.StringIO()
        assert cache.export_jsonl(out) == 2
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines == [
        {"provider": "gazetteer", "query": "atlantide", "context": "", "payload": None, "created_at": clock.now},
        {"provider": "gazetteer", "query": "kyiv", "context": "ua", "payload": {"lat": 50.45, "name": "Київ"},
         "created_at": clock.now},
    ]
    with GeocodeCache(tmp_path / "other.sqlite", clock=clock) as other:
        assert other.import_jsonl(io.StringIO(out.getvalue())) == 2
        assert other.get("gazetteer", "kyiv", "ua") == CacheHit({"lat": 50.45, "name": "Київ"})
        assert other.get("gazetteer", "atlantide", "") == CacheHit(None)
        assert other.import_jsonl(io.StringIO(out.getvalue())) == 0  # same age: nothing newer


@pytest.mark.parametrize(
    ("mode", "expected"), [("newer", {"v": "new"}), ("replace", {"v": "old"}), ("keep", {"v": "mine"})]
)
def test_import_conflicts(path: Path, mode: str, expected: dict) -> None:
    clock = FakeClock(1000.0)
    with GeocodeCache(path, clock=clock, ttl_s=None) as cache:
        cache.put("p", "a", "", {"v": "mine"})
        cache.put("p", "b", "", {"v": "mine"})
        imported = [
            {"provider": "p", "query": "a", "context": "", "payload": {"v": "new"}, "created_at": 2000.0},
            {"provider": "p", "query": "b", "context": "", "payload": {"v": "old"}, "created_at": 10.0},
            {"provider": "p", "query": "c", "context": "", "payload": None, "created_at": 10.0},
        ]
        stream = io.StringIO("".join(json.dumps(r) + "\n" for r in imported) + "\n")
        written = cache.import_jsonl(stream, on_conflict=mode)
        assert written == {"newer": 2, "replace": 3, "keep": 1}[mode]
        a, b = cache.get("p", "a", "").payload, cache.get("p", "b", "").payload  # type: ignore[union-attr]
        assert {"newer": a, "replace": b, "keep": b}[mode] == expected
        assert cache.stats().entries == 3


def test_import_bad_line_is_skipped_not_fatal(path: Path) -> None:
    good = json.dumps({"provider": "p", "query": "a", "context": "", "payload": None, "created_at": 1.0})
    with GeocodeCache(path) as cache:
        with pytest.warns(CacheImportWarning, match="<input>:2: skipped: invalid JSON"):
            assert cache.import_jsonl(io.StringIO(good + "\n{oops\n")) == 1
        with pytest.warns(CacheImportWarning, match='<input>:1: skipped: "created_at" must be a number'):
            assert cache.import_jsonl(io.StringIO('{"provider": "p", "query": "q", "payload": null}\n')) == 0
        with pytest.raises(ValueError, match="on_conflict"):
            cache.import_jsonl(io.StringIO(good), on_conflict="merge")
        assert cache.stats().entries == 1


# --------------------------------------------------------------------------- several processes


def _write_entries(path: str, worker: int, count: int) -> None:
    with GeocodeCache(path) as cache:
        for i in range(count):
            cache.put("p", f"w{worker}-{i}", "", {"worker": worker, "i": i})


def test_processes_writing_at_once_lose_nothing(path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_entries, args=(str(path), n, 500)) for n in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    with GeocodeCache(path) as cache:
        assert cache.stats().entries == 2000
        for n in range(4):
            assert cache.get("p", f"w{n}-499", "") == CacheHit({"worker": n, "i": 499})


# --------------------------------------------------------------------------- disk full


class _FullDisk:
    """A connection whose writes fail as on a full disk; reads go through."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def _check(self, sql: str) -> None:
        if sql.lstrip().split()[0].upper() in {"INSERT", "DELETE", "UPDATE", "COMMIT"}:
            raise sqlite3.OperationalError("database or disk is full")

    def execute(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:
        self._check(sql)
        return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows: object) -> sqlite3.Cursor:
        self._check(sql)
        return self._conn.executemany(sql, rows)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


def test_disk_full_warns_and_goes_read_only(path: Path) -> None:
    with GeocodeCache(path) as cache:
        cache.put("p", "kept", "", PAYLOAD)
        cache._conn = _FullDisk(cache._conn)  # type: ignore[assignment]
        with pytest.warns(CacheDegradedWarning, match="database or disk is full"):
            cache.put("p", "lost", "", PAYLOAD)
        assert cache.read_only
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # warned once only
            assert cache.put_many([("p", "x", "", None)]) == 0
            with cache.transaction():
                cache.put("p", "y", "", None)
        assert cache.get("p", "kept", "") == CacheHit(PAYLOAD)  # reads still work
        assert cache.get("p", "lost", "") is None
        with pytest.raises(CacheError, match="read-only"):
            cache.import_jsonl(io.StringIO('{"provider": "p", "query": "q", "payload": null, "created_at": 1}\n'))
        assert "read-only" in repr(cache)


def test_disk_full_at_commit_inside_a_transaction(path: Path) -> None:
    with GeocodeCache(path) as cache:
        real = cache._conn
        cache._conn = _FullDisk(real)  # type: ignore[assignment]
        with pytest.warns(CacheDegradedWarning), cache.transaction():
            cache.put("p", "a", "", None)
            cache.put("p", "b", "", None)
        assert cache.read_only
        cache._conn = real
        assert not real.in_transaction  # type: ignore[union-attr]
        assert cache.stats().entries == 0


# --------------------------------------------------------------------------- untrusted entries (issue 12, item 8)

GAZ_PROVIDER = "gazetteer:test"
GOOD_MATCHES = {"matches": [{"place": {"id": "gn:1", "name": "Kyiv", "lat": 50.45, "lon": 30.52,
                                       "feature": "capital"}, "tier": "fr", "matched": "Kiev"}]}


def _line(**fields: object) -> str:
    record = {"provider": GAZ_PROVIDER, "query": "kiev", "context": "", "payload": GOOD_MATCHES, "created_at": 5.0}
    record.update(fields)
    return json.dumps(record)


def test_import_skips_bad_lines_with_one_warning_each(path: Path, tmp_path: Path) -> None:
    bad_place = {"matches": [{"place": {"id": "gn:2", "name": "X", "lat": 999, "lon": 0, "feature": "city"},
                              "tier": "main", "matched": "X"}]}
    lines = [
        _line(query="kiev"),                                       # 1 good
        "{oops",                                                   # 2 not JSON
        _line(query="x", payload=bad_place),                       # 3 latitude out of range
        _line(query="y", created_at=float("inf")).replace("Infinity", "1e999"),  # 4 created_at not finite
        _line(query="z", payload={"matches": "Kyiv"}),             # 5 matches is not a list
        _line(query="w", provider=None),                           # 6 provider is not a string
        _line(query="v", payload={"places": [{"id": "a", "name": "A", "lat": "50", "lon": 3,
                                              "feature": "city"}]}, provider="online:nominatim:x"),  # 7 lat is text
        "[1, 2]",                                                  # 8 not an object
        _line(query="atlantide", payload=None),                    # 9 good (negative)
    ]
    dump = tmp_path / "team.jsonl"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with GeocodeCache(path, clock=FakeClock(10.0)) as cache, dump.open(encoding="utf-8") as stream:
        with pytest.warns(CacheImportWarning) as record:
            assert cache.import_jsonl(stream) == 2
        messages = [str(w.message) for w in record]
        assert [m.split(": ", 1)[0] for m in messages] == [f"{dump}:{n}" for n in (2, 3, 4, 5, 6, 7, 8)]
        assert all("\n" not in m and "skipped" in m for m in messages)
        assert "latitude" in messages[1] and "created_at" in messages[2]
        assert cache.get(GAZ_PROVIDER, "kiev", "") == CacheHit(GOOD_MATCHES)
        assert cache.get(GAZ_PROVIDER, "atlantide", "") == CacheHit(None)
        assert cache.stats().entries == 2


def test_import_reports_many_bad_lines_briefly(path: Path) -> None:
    stream = io.StringIO("{oops\n" * 50 + _line() + "\n")
    with GeocodeCache(path) as cache, pytest.warns(CacheImportWarning) as record:
        assert cache.import_jsonl(stream) == 1
    assert len(record) <= 11
    assert "50 bad lines skipped" in str(record[-1].message)


def _store_raw(path: Path, provider: str, query: str, payload_text: str | None) -> None:
    conn = sqlite3.connect(path)
    conn.execute("INSERT OR REPLACE INTO geocode VALUES (?, ?, '', ?, ?)", (provider, query, payload_text, 1e12))
    conn.commit()
    conn.close()


@pytest.mark.parametrize("payload_text", [
    '{"matches": [{"place": {"id": "x", "name": "Paris", "lat": 91, "lon": 2, "feature": "city"}, '
    '"tier": "main", "matched": "Paris"}]}',
    '{"matches": [{"place": {"id": "x", "name": "Paris"}, "tier": "main", "matched": "Paris"}]}',
    '{"matches": 3}',
    '{"matches": [null]}',
    "{broken json",
    "[1, 2]",
])
def test_bad_stored_entry_is_a_miss_with_one_warning(path: Path, payload_text: str, mini_gazetteer) -> None:  # type: ignore[no-untyped-def]
    from geonews.resolve.sources import CachedSource, GazetteerSource

    source = GazetteerSource(mini_gazetteer)
    with GeocodeCache(path):
        pass
    for name in ("paris", "texas"):
        _store_raw(path, source.provider, name, payload_text)
    with GeocodeCache(path) as cache:
        cached = CachedSource(source, cache)
        with pytest.warns(CacheEntryWarning) as record:
            for _ in range(3):
                assert {m.place.id for m in cached.lookup("Paris")} == {"gn:2988507", "gn:4717560"}
                assert [m.place.id for m in cached.lookup("Texas")] == ["gn:4736286"]
        assert len(record) == 1  # once per run, not once per lookup
        assert "treated as a miss" in str(record[0].message) and "\n" not in str(record[0].message)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the bad entries were replaced by good answers
        with GeocodeCache(path) as cache:
            assert CachedSource(source, cache).lookup("Paris")
            assert cache.stats().hits == 1


def test_bad_stored_online_entry_is_a_miss(path: Path) -> None:
    with GeocodeCache(path):
        pass
    _store_raw(path, "online:nominatim:https://example.org", "paris",
               '{"places": [{"id": "x", "name": "Paris", "lat": 2, "lon": 1e999, "feature": "city"}]}')
    with GeocodeCache(path) as cache, pytest.warns(CacheEntryWarning):
        assert cache.get("online:nominatim:https://example.org", "paris", "") is None


def test_export_leaves_out_bad_stored_entries(path: Path) -> None:
    with GeocodeCache(path) as cache:
        cache.put(GAZ_PROVIDER, "kiev", "", GOOD_MATCHES)
    _store_raw(path, GAZ_PROVIDER, "paris", '{"matches": 3}')
    with GeocodeCache(path) as cache, pytest.warns(CacheEntryWarning):
        out = io.StringIO()
        assert cache.export_jsonl(out) == 1
    assert [json.loads(line)["query"] for line in out.getvalue().splitlines()] == ["kiev"]


# --------------------------------------------------------------------------- read-only or full cache directory


def _read_only_disk(cache: GeocodeCache) -> sqlite3.Connection:
    """Open the cache as on a read-only file system (root ignores chmod, so tests simulate it)."""
    if not cache.path.exists():
        raise cache._fail(sqlite3.OperationalError("unable to open database file"))
    return sqlite3.connect(f"file:{cache.path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)


def test_read_only_cache_dir_without_a_cache_goes_on(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(GeocodeCache, "_connect", _read_only_disk)
    with pytest.warns(CacheDegradedWarning) as record:
        cache = GeocodeCache(path)
    assert len(record) == 1 and str(path) in str(record[0].message)
    with cache, warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cache.read_only
        assert cache.get("p", "q", "") is None
        cache.put("p", "q", "", PAYLOAD)
        assert cache.get("p", "q", "") is None
        cache.record_run({"articles": 1})


def test_read_only_cache_file_still_answers(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with GeocodeCache(path) as cache:
        cache.put("p", "kept", "", PAYLOAD)
    monkeypatch.setattr(GeocodeCache, "_connect", _read_only_disk)
    with pytest.warns(CacheDegradedWarning, match="readonly"):
        cache = GeocodeCache(path)
    with cache, warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cache.get("p", "kept", "") == CacheHit(PAYLOAD)
        cache.put("p", "new", "", PAYLOAD)
        assert cache.get("p", "new", "") is None
        with pytest.raises(CacheError, match="read-only"):  # `geonews cache clear` must not say "cleared"
            cache.clear()
        with pytest.raises(CacheError, match="read-only"):
            cache.import_jsonl(io.StringIO(_line() + "\n"))


class _FullAtOpen:
    """A connection on a full disk: every write, including the schema, fails."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def _check(self, sql: str) -> None:
        words = sql.upper().split()
        if any(w in words for w in ("INSERT", "CREATE", "DELETE", "UPDATE", "BEGIN", "COMMIT")) or "WAL" in sql.upper():
            raise sqlite3.OperationalError("database or disk is full")

    def execute(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:
        self._check(sql)
        return self._conn.execute(sql, params)

    def executescript(self, sql: str) -> sqlite3.Cursor:
        self._check(sql)
        return self._conn.executescript(sql)

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


def test_full_disk_at_start_goes_on(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = GeocodeCache._connect
    monkeypatch.setattr(GeocodeCache, "_connect", lambda self: _FullAtOpen(real(self)))
    with pytest.warns(CacheDegradedWarning, match="disk is full") as record:
        cache = GeocodeCache(path)
    assert len(record) == 1
    with cache:
        assert cache.get("p", "q", "") is None
        assert cache.put_many([("p", "q", "", None)]) == 0
        assert "read-only" in repr(cache)


def test_run_goes_on_when_the_cache_cannot_be_created(tmp_path: Path, mini_gazetteer_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from geonews.config import Settings
    from geonews.pipeline import Geoparser

    monkeypatch.setattr(GeocodeCache, "_connect", _read_only_disk)
    settings = Settings(cache_dir=tmp_path / "ro", gazetteer_file=mini_gazetteer_path)
    with pytest.warns(CacheDegradedWarning), Geoparser.open(settings) as parser:
        assert [c.place.id for c in parser.geocode("Tbilissi")][:1] == ["gn:611717"]
