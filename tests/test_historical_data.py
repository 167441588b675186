"""Sanity checks for the historical gazetteer table ``geonews/data/historical.csv``.

Former states, old regions, former names and old spellings of places, as found in
19th-20th century French and English press. Same columns as ``supplement.csv``.
"""

from __future__ import annotations

import csv
import math
import re
from functools import lru_cache
from importlib.resources import files

import pytest

from geonews.gazetteer.normalize import normalize_name
from geonews.gazetteer.sources import supplement_records

HEADER = [
    "id", "name", "name_fr", "name_en", "aliases", "feature", "lat", "lon", "country_code", "population", "source",
]
FEATURES = {"country", "region", "city", "town", "island", "other"}
ID_RE = re.compile(r"^hist-[a-z0-9]+(?:-[a-z0-9]+)*$")
COORD_RE = re.compile(r"^-?\d{1,3}\.\d{4}$")
MAX_SHARED_NAME_KM = 50.0


@lru_cache(maxsize=1)
def _load() -> tuple[list[str], list[dict[str, str]]]:
    resource = files("geonews") / "data" / "historical.csv"
    with resource.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def _rows() -> list[dict[str, str]]:
    return _load()[1]


def _aliases(row: dict[str, str]) -> list[str]:
    return row["aliases"].split("|") if row["aliases"] else []


def _names(row: dict[str, str]) -> list[str]:
    return [n for n in (row["name"], row["name_fr"], row["name_en"], *_aliases(row)) if n]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _point(row: dict[str, str]) -> tuple[float, float]:
    return float(row["lat"]), float(row["lon"])


def _rows_named(name: str) -> list[dict[str, str]]:
    key = normalize_name(name)
    return [r for r in _rows() if key in {normalize_name(n) for n in _names(r)}]


def test_header() -> None:
    assert _load()[0] == HEADER


def test_row_count() -> None:
    assert len(_rows()) >= 300


def test_ids_are_unique_slugs() -> None:
    ids = [r["id"] for r in _rows()]
    assert [i for i in ids if not ID_RE.match(i)] == []
    assert len(ids) == len(set(ids))


def test_every_row_is_complete() -> None:
    for row in _rows():
        assert None not in row, row  # no extra columns
        assert all(v == v.strip() for v in row.values()), row
        assert row["name"], row
        assert row["name_fr"] or row["name_en"], row
        assert row["source"], row
        assert row["feature"] in FEATURES, row
        assert row["population"] == "" or row["population"].isdigit(), row


def test_coordinates() -> None:
    for row in _rows():
        assert COORD_RE.match(row["lat"]) and COORD_RE.match(row["lon"]), row
        lat, lon = _point(row)
        assert -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0, row


def test_country_codes() -> None:
    for row in _rows():
        cc = row["country_code"]
        assert cc == "" or re.fullmatch(r"[A-Z]{2}", cc), row


def test_aliases_are_clean() -> None:
    for row in _rows():
        for alias in _aliases(row):
            assert len(alias) >= 3 and alias == alias.strip(), (row["id"], alias)
            assert len(normalize_name(alias)) >= 3, (row["id"], alias)


def test_no_name_shared_by_distant_rows() -> None:
    """A name (any column) may repeat only between rows less than 50 km apart."""
    by_name: dict[str, list[dict[str, str]]] = {}
    for row in _rows():
        for key in {normalize_name(n) for n in _names(row)}:
            by_name.setdefault(key, []).append(row)
    clashes = []
    for key, rows in by_name.items():
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                km = _km(*_point(a), *_point(b))
                if km > MAX_SHARED_NAME_KM:
                    clashes.append((key, a["id"], b["id"], round(km)))
    assert clashes == []


def test_rows_load_as_supplement_records() -> None:
    records = list(supplement_records(_rows(), source_prefix="geonews historical"))
    assert len(records) == len(_rows())
    assert all(r.names and r.source.startswith("geonews historical: ") for r in records)


def test_constantinople_is_istanbul() -> None:
    rows = _rows_named("Constantinople")
    assert rows
    assert all(_km(*_point(r), 41.01, 28.98) < 10 for r in rows)


def test_prussia_has_a_row() -> None:
    assert [r for r in _rows() if r["name_fr"] == "Prusse"]


def test_czechoslovakia_lies_in_the_czech_and_slovak_area() -> None:
    rows = _rows_named("Tchécoslovaquie")
    assert rows
    for row in rows:
        lat, lon = _point(row)
        assert 47.5 <= lat <= 51.0 and 12.0 <= lon <= 22.6, row
        assert row["feature"] == "country"


def test_inspruck_is_innsbruck() -> None:
    rows = _rows_named("Inspruck")
    assert rows
    assert all(_km(*_point(r), 47.26, 11.39) < 10 for r in rows)


@pytest.mark.parametrize(
    ("name", "lat", "lon", "max_km"),
    [
        ("Stalingrad", 48.71, 44.50, 10),  # Volgograd
        ("Tsaritsyne", 48.71, 44.50, 10),
        ("Léningrad", 59.94, 30.31, 10),  # Saint Petersburg
        ("Kœnigsberg", 54.71, 20.51, 10),  # Kaliningrad
        ("Dantzig", 54.35, 18.65, 10),  # Gdańsk
        ("Presbourg", 48.15, 17.11, 10),  # Bratislava
        ("Christiania", 59.91, 10.75, 10),  # Oslo
        ("Léopoldville", -4.33, 15.31, 10),  # Kinshasa
        ("Bône", 36.90, 7.77, 10),  # Annaba
        ("Fort-Lamy", 12.11, 15.04, 10),  # N'Djamena
        ("Saïgon", 10.82, 106.63, 10),  # Ho Chi Minh City
        ("Moukden", 41.79, 123.43, 10),  # Shenyang
        ("Yeddo", 35.69, 139.69, 10),  # Tokyo
        ("Upsal", 59.86, 17.64, 10),  # Uppsala
        ("Moravska-Ostrawa", 49.83, 18.28, 10),  # Ostrava
        ("Salonique", 40.64, 22.94, 10),  # Thessaloniki
        ("Smyrne", 38.41, 27.14, 10),  # İzmir
        ("Ciudad Trujillo", 18.47, -69.89, 10),  # Santo Domingo
        ("URSS", 60.0, 90.0, 1500),
        ("Abyssinie", 9.0, 39.5, 800),  # Ethiopia
    ],
)
def test_spot_checks(name: str, lat: float, lon: float, max_km: float) -> None:
    rows = _rows_named(name)
    assert rows, name
    assert all(_km(*_point(r), lat, lon) < max_km for r in rows), [r["id"] for r in rows]


def test_historical_states_span_borders_without_a_country_code() -> None:
    for name in ("Union soviétique", "Autriche-Hongrie", "Empire ottoman", "Yougoslavie", "Prusse"):
        rows = [r for r in _rows() if r["name_fr"] == name]
        assert rows and all(r["country_code"] == "" and r["feature"] == "country" for r in rows), name


def test_settlements_cite_their_modern_place() -> None:
    """Former names of existing cities carry the modern GeoNames city they map to."""
    for row in _rows():
        if row["feature"] in ("city", "town"):
            assert re.match(r"(GeoNames \d+ \(modern .+\)|Wikipedia: )", row["source"]), row
