"""Read-only access to the gazetteer index (a bounded store, passed in).

    >>> import tempfile, pathlib
    >>> from geonews.gazetteer.build import write_index
    >>> from geonews.gazetteer.sources import PlaceRecord, NameRecord
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.sqlite"
    >>> rec = PlaceRecord(key="gn:1", name="Moscow", lat=55.75, lon=37.62, feature="capital",
    ...                   country_code="RU", names=[NameRecord("Moscow", "main"), NameRecord("Moscou", "fr")])
    >>> _ = write_index([rec], path, version="test")
    >>> with Gazetteer(path) as gaz:
    ...     [(m.place.name, m.tier) for m in gaz.lookup("moscou")]
    [('Moscow', 'fr')]
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from geonews.errors import GazetteerError
from geonews.gazetteer.build import NOT_SQLITE, TIER_RANK, forget_verified, verify_index
from geonews.gazetteer.normalize import normalize_name
from geonews.model import LatLon, Place

__all__ = ["Gazetteer", "NameMatch"]

#: The version of the places the index gives (2: with their first-level region).
PLACE_FORMAT = 2

_TIER_NAMES = {rank: name for name, rank in TIER_RANK.items()}
_PLACE_COLUMNS = (
    "p.id, p.key, p.name, p.name_fr, p.name_en, p.lat, p.lon, p.feature, p.country_code, p.admin1, "
    "p.population, p.geonameid, p.source"
)


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A place whose name matched a lookup key, and how good that name is."""

    place: Place
    tier: str
    matched_name: str


def _place(row: tuple, regions: Mapping[tuple[str, str], tuple[str, str | None]]) -> Place:
    (_id, key, name, name_fr, name_en, lat, lon, feature, cc, admin1, pop, gid, source) = row
    region = regions.get((cc, admin1)) if cc and admin1 and feature not in _NO_REGION else None
    return Place(
        id=key,
        name=name,
        point=LatLon(lat, lon),
        feature=feature,
        country_code=cc,
        admin1=admin1,
        population=pop or 0,
        geonameid=gid,
        source=source,
        name_fr=name_fr,
        name_en=name_en,
        region=region[0] if region else None,
        region_en=region[1] if region else None,
    )


#: Kinds of place that are not inside a first-level region (or are one).
_NO_REGION = frozenset({"country", "continent", "admin1", "sea", "ocean", "region"})


class Gazetteer:
    """The offline place index, opened read-only.

    ``lookup`` takes a name (normalised here) and returns every place that has
    it, best name tier first. Instances are cheap to open (~10 ms) and safe to
    share read-only between processes.

    The index (and ``extra``) is checked first (:func:`~geonews.gazetteer.build.verify_index`:
    a ``stat`` when it passed before, a full digest check when it changed); a corrupt file
    raises :class:`GazetteerError` naming it. An SQLite error during a query (the file went
    bad under a running process) is a :class:`GazetteerError` too, one line.
    """

    def __init__(self, path: Path, *, extra: Path | None = None) -> None:
        self.path = Path(path)
        #: the extra index attached to this one (``--gazetteer-extra``), if any
        self.extra = Path(extra) if extra is not None else None
        if not self.path.is_file():
            raise GazetteerError(f"no gazetteer index at {self.path} (run 'geonews gazetteer build')")
        for index in (self.path, extra):
            if index is not None:
                problem = verify_index(Path(index))
                if problem == NOT_SQLITE:
                    raise GazetteerError(f"{index} is not a geonews gazetteer index ({problem})")
                if problem is not None:
                    raise GazetteerError(f"the gazetteer index {index} is corrupt ({problem}); "
                                         "rebuild it ('geonews gazetteer build --force') or copy it again")
        try:
            self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self.meta = dict(self._conn.execute("SELECT key, value FROM meta"))
            self._schemas = ["main"]
            if extra is not None:
                self._conn.execute("ATTACH DATABASE ? AS extra", (f"file:{Path(extra)}?mode=ro",))
                extra_version = self._conn.execute("SELECT value FROM extra.meta WHERE key='data_version'")
                self.meta["data_version"] = f"{self.meta.get('data_version')};{extra_version.fetchone()[0]}"
                self._schemas.append("extra")
        except sqlite3.Error as exc:
            raise GazetteerError(f"{self.path} is not a geonews gazetteer index ({exc})") from exc
        self.lookups = 0

    def _query(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple]:
        """Run one read query; an SQLite error (a corrupt or vanished file) becomes one :class:`GazetteerError`."""
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            forget_verified(self.path)  # the next run checks the whole file again
            text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise GazetteerError(f"the gazetteer index {self.path} cannot be read ({text}); "
                                 "it may be corrupt: rebuild it ('geonews gazetteer build --force')") from None

    # context manager -------------------------------------------------------------
    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    # queries ----------------------------------------------------------------------
    @property
    def data_version(self) -> str:
        """The index's data version, and the version of the places it gives (cached lookups follow both)."""
        return f"{self.meta.get('data_version', 'unknown')}/places{PLACE_FORMAT}"

    @functools.cached_property
    def _regions(self) -> dict[tuple[str, str], tuple[str, str | None]]:
        """First-level regions by (country code, admin1 code): (French or main name, English name); read once."""
        regions: dict[tuple[str, str], tuple[str, str | None]] = {}
        for schema in self._schemas:
            for cc, code, name, name_fr in self._query(
                f"SELECT country_code, admin1, name, name_fr FROM {schema}.places "
                "WHERE feature = 'admin1' AND country_code IS NOT NULL AND admin1 IS NOT NULL"
            ):
                regions.setdefault((cc, code), (name_fr or name, name))  # name_en holds abbreviations ("Tex.")
        return regions

    def lookup(self, name: str, *, limit: int = 200) -> list[NameMatch]:
        """Places named ``name`` (any spelling the index knows), best tier first."""
        key = normalize_name(name)
        if not key:
            return []
        self.lookups += 1
        rows = []
        for schema in self._schemas:
            rows += self._query(
                f"SELECT {_PLACE_COLUMNS}, n.tier, n.name FROM {schema}.names n JOIN {schema}.places p "
                "ON p.id = n.place WHERE n.key = ? ORDER BY n.tier, p.population DESC LIMIT ?",
                (key, limit),
            )
        if len(self._schemas) > 1:
            rows.sort(key=lambda r: (r[13], -(r[10] or 0)))
        out: list[NameMatch] = []
        seen: set[str] = set()
        for row in rows[:limit]:
            if row[1] in seen:
                continue
            seen.add(row[1])
            out.append(NameMatch(_place(row[:13], self._regions), _TIER_NAMES.get(row[13], "alt"), row[14]))
        return out

    def lookup_many(self, names: Iterable[str], *, limit: int = 50) -> dict[str, list[NameMatch]]:
        """:meth:`lookup` of several names in one query: each name that matches anything, with its matches.

        For callers that try many spellings of which few exist (the resolver's respellings): one query
        instead of one per spelling.
        """
        keys: dict[str, list[str]] = {}
        for name in names:
            key = normalize_name(name)
            if key:
                keys.setdefault(key, []).append(name)
        if not keys:
            return {}
        self.lookups += 1
        marks = ",".join("?" * len(keys))
        rows = []
        for schema in self._schemas:
            rows += self._query(
                f"SELECT {_PLACE_COLUMNS}, n.tier, n.name, n.key FROM {schema}.names n JOIN {schema}.places p "
                f"ON p.id = n.place WHERE n.key IN ({marks}) ORDER BY n.tier, p.population DESC",
                tuple(keys),
            )
        by_key: dict[str, list[NameMatch]] = {}
        seen: set[tuple[str, str]] = set()
        for row in sorted(rows, key=lambda r: (r[13], -(r[10] or 0))):
            key = row[15]
            if (key, row[1]) in seen or len(by_key.get(key, ())) >= limit:
                continue
            seen.add((key, row[1]))
            by_key.setdefault(key, []).append(
                NameMatch(_place(row[:13], self._regions), _TIER_NAMES.get(row[13], "alt"), row[14]))
        return {name: by_key[key] for key, spelt in keys.items() if key in by_key for name in spelt}

    def towns(self, min_population: int) -> list[tuple[str, str | None, str | None, float, float, int]]:
        """``(name, name_fr, name_en, lat, lon, population)`` of the towns (cities, towns, villages,
        capitals) of at least ``min_population`` people, most populous first (map labels read them)."""
        rows: list[tuple[str, str | None, str | None, float, float, int]] = []
        for schema in self._schemas:
            rows += self._query(
                f"SELECT name, name_fr, name_en, lat, lon, population FROM {schema}.places "
                "WHERE population >= ? AND feature IN ('capital', 'city', 'town', 'village') "
                "ORDER BY population DESC, name, lat, lon",
                (min_population,),
            )
        if len(self._schemas) > 1:
            rows.sort(key=lambda r: (-r[5], r[0], r[3], r[4]))
        return rows

    def get(self, place_id: str) -> Place | None:
        """The place with this id (``gn:<geonameid>`` or ``sup:<slug>``)."""
        for schema in self._schemas:
            rows = self._query(f"SELECT {_PLACE_COLUMNS} FROM {schema}.places p WHERE p.key = ?", (place_id,))
            if rows:
                return _place(rows[0], self._regions)
        return None

    def stats(self) -> dict[str, int]:
        """Counts of places per feature type."""
        return dict(self._query("SELECT feature, COUNT(*) FROM places GROUP BY feature ORDER BY 2 DESC"))
