"""Integrity checks for the curated supplement gazetteer (geonews/data/supplement.csv).

The supplement holds news-salient places that GeoNames cities500, admin1/admin2 and
CLDR lack: seas, straits, rivers, ranges, informal regions, spaceports, power plants,
seats of power, military bases, border crossings, tiny villages in the news...
These tests are offline and only read the shipped CSV.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections import Counter
from importlib import resources

import pytest

from geonews import model

HEADER = [
    "id",
    "name",
    "name_fr",
    "name_en",
    "aliases",
    "feature",
    "lat",
    "lon",
    "country_code",
    "population",
    "source",
]
#: The supplement may use every feature type of the model except the GeoNames-derived ones.
FEATURES = model.FEATURES - {"country", "admin1", "admin2", "capital", "city"}
# Common words that must never be a whole alias: they would match ordinary text.
STOPLIST = frozenset(
    {
        "le",
        "la",
        "les",
        "l",
        "de",
        "du",
        "des",
        "d",
        "et",
        "en",
        "au",
        "aux",
        "un",
        "une",
        "nord",
        "sud",
        "est",
        "ouest",
        "centre",
        "port",
        "gare",
        "mer",
        "lac",
        "fleuve",
        "golfe",
        "canal",
        "pont",
        "mont",
        "base",
        "camp",
        "centrale",
        "barrage",
        "palais",
        "place",
        "tour",
        "ile",
        "vallee",
        "desert",
        "plateau",
        "bande",
        "zone",
        "region",
        "ville",
        "grand",
        "grande",
        "saint",
        "sainte",
        "noire",
        "rouge",
        "blanche",
        "morte",
        "jaune",
        "marais",
        "the",
        "a",
        "of",
        "north",
        "south",
        "east",
        "west",
        "sea",
        "river",
        "lake",
        "gulf",
        "bay",
        "mount",
        "bridge",
        "dam",
        "plant",
        "station",
        "island",
        "city",
        "new",
        "palace",
        "square",
        "tower",
        "valley",
        "black",
        "red",
        "white",
        "dead",
        "yellow",
    }
)
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
COORD = re.compile(r"-?\d{1,3}\.\d{4}")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def _read_text() -> str:
    return resources.files("geonews").joinpath("data", "supplement.csv").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def header() -> list[str]:
    return next(csv.reader(io.StringIO(_read_text())))


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_read_text())))


@pytest.fixture(scope="module")
def by_id(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in rows}


def _aliases(row: dict[str, str]) -> list[str]:
    return row["aliases"].split("|") if row["aliases"] else []


def test_header_is_exact(header: list[str]) -> None:
    assert header == HEADER


def test_enough_rows(rows: list[dict[str, str]]) -> None:
    assert len(rows) >= 1000


def test_no_ragged_rows(rows: list[dict[str, str]]) -> None:
    for row in rows:
        assert None not in row, f"extra fields in {row.get('id')}"
        assert all(value is not None for value in row.values()), f"missing fields in {row.get('id')}"


def test_ids_unique_and_slug_shaped(rows: list[dict[str, str]]) -> None:
    ids = [row["id"] for row in rows]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates
    bad = [i for i in ids if not SLUG.fullmatch(i)]
    assert not bad


def test_features_allowed(rows: list[dict[str, str]]) -> None:
    bad = {row["id"]: row["feature"] for row in rows if row["feature"] not in FEATURES}
    assert not bad


def test_coordinates_parse_and_are_in_range(rows: list[dict[str, str]]) -> None:
    for row in rows:
        assert COORD.fullmatch(row["lat"]), row["id"]
        assert COORD.fullmatch(row["lon"]), row["id"]
        lat, lon = float(row["lat"]), float(row["lon"])
        assert -90.0 <= lat <= 90.0, row["id"]
        assert -180.0 <= lon <= 180.0, row["id"]


def test_country_codes_and_population(rows: list[dict[str, str]]) -> None:
    for row in rows:
        assert row["country_code"] == "" or re.fullmatch(r"[A-Z]{2}", row["country_code"]), row["id"]
        assert row["population"] == "" or re.fullmatch(r"\d+", row["population"]), row["id"]


def test_names_and_sources_present(rows: list[dict[str, str]]) -> None:
    for row in rows:
        assert row["name"].strip(), row["id"]
        assert row["name_fr"].strip() or row["name_en"].strip(), row["id"]
        assert row["source"].strip(), row["id"]
        for field in ("name", "name_fr", "name_en", "aliases", "source"):
            assert row[field] == row[field].strip(), (row["id"], field)


def test_aliases_are_clean(rows: list[dict[str, str]]) -> None:
    for row in rows:
        aliases = _aliases(row)
        assert all(alias.strip() == alias and alias for alias in aliases), row["id"]
        folded = [_fold(alias) for alias in aliases]
        assert len(folded) == len(set(folded)), f"repeated alias in {row['id']}"
        common = [alias for alias, key in zip(aliases, folded, strict=True) if key in STOPLIST]
        assert not common, (row["id"], common)


def test_names_are_not_common_words(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for field in ("name", "name_fr", "name_en"):
            assert _fold(row[field]) not in STOPLIST, (row["id"], field)


def test_name_feature_pairs_unique(rows: list[dict[str, str]]) -> None:
    pairs = Counter((row["name"], row["feature"]) for row in rows)
    assert not [pair for pair, n in pairs.items() if n > 1]


def test_coverage_by_kind(rows: list[dict[str, str]]) -> None:
    counts = Counter(row["feature"] for row in rows)
    assert counts["sea"] + counts["strait"] + counts["gulf"] >= 60
    assert counts["river"] >= 100
    assert counts["lake"] >= 40
    assert counts["island"] >= 50
    assert counts["mountain"] + counts["mountain_range"] + counts["desert"] + counts["valley"] >= 40
    assert counts["region"] >= 70
    assert counts["spaceport"] >= 30
    assert counts["plant"] >= 40
    assert counts["landmark"] + counts["building"] >= 80
    assert counts["military_base"] + counts["port"] >= 30
    assert counts["continent"] >= 7


@pytest.mark.parametrize(
    ("row_id", "lat", "lon", "max_km"),
    [
        ("vostochny-cosmodrome", 51.88, 128.33, 20),
        ("khasan", 42.43, 130.64, 10),
        ("khasan-station", 42.43, 130.64, 10),
        ("kremlin", 55.752, 37.618, 2),
        ("zaporizhzhia-npp", 47.51, 34.59, 5),
        ("chernobyl-npp", 51.39, 30.10, 5),
        ("elysee-palace", 48.870, 2.317, 2),
        ("white-house", 38.898, -77.037, 2),
        ("baikonur-cosmodrome", 45.96, 63.31, 30),
        ("strait-of-hormuz", 26.57, 56.25, 60),
        ("panama-canal", 9.08, -79.68, 40),
        ("danube-delta", 45.1, 29.4, 40),
        ("fort-detrick", 39.44, -77.43, 5),
        ("nyanza-province", -0.5, 34.6, 80),
        ("wuhan-institute-of-virology", 30.376, 114.263, 3),
        ("huanan-seafood-market", 30.620, 114.257, 2),
        ("gardon", 44.01, 4.16, 5),  # at Ners, where the Gardons of Alès and Anduze meet
        ("vilaine", 47.82, -1.81, 5),
        ("columbia-river", 47.957, -118.98, 10),  # Grand Coulee Dam, middle of its course
        ("mount-cameroon", 4.203, 9.170, 3),
        ("piton-de-la-fournaise", -21.244, 55.708, 3),
    ],
)
def test_known_positions(by_id: dict[str, dict[str, str]], row_id: str, lat: float, lon: float, max_km: float) -> None:
    row = by_id[row_id]
    assert _haversine_km(float(row["lat"]), float(row["lon"]), lat, lon) <= max_km


def test_a_river_row_says_which_point_of_its_course_it_gives(rows: list[dict[str, str]]) -> None:
    rivers = [row for row in rows if row["feature"] == "river"]
    assert len(rivers) >= 100
    assert not [row["id"] for row in rivers if "point on the river at" not in row["source"]]


def test_black_sea_is_in_its_basin(by_id: dict[str, dict[str, str]]) -> None:
    row = by_id["black-sea"]
    assert row["feature"] == "sea"
    assert 40.0 <= float(row["lat"]) <= 47.0
    assert 27.0 <= float(row["lon"]) <= 42.0


def test_western_hemisphere_signs(by_id: dict[str, dict[str, str]]) -> None:
    for row_id in ("statue-of-liberty", "guiana-space-centre", "guantanamo-bay", "rio-grande", "andes"):
        assert float(by_id[row_id]["lon"]) < 0, row_id
    for row_id in ("christ-the-redeemer", "easter-island", "lake-titicaca"):
        assert float(by_id[row_id]["lat"]) < 0, row_id


@pytest.mark.parametrize(
    ("row_id", "alias"),
    [
        ("vostochny-cosmodrome", "Vostotchny"),
        ("vostochny-cosmodrome", "Vostochny"),
        ("khasan-station", "Khassan"),
        ("zaporizhzhia-npp", "Zaporijjia"),
        ("chernobyl-npp", "Tchernobyl"),
        ("kursk-npp", "Koursk"),
        ("strait-of-hormuz", "Ormuz"),
        ("bosphorus", "Bosporus"),
        ("crimean-bridge", "pont de Kertch"),
        ("rafah-crossing", "Rafah"),
    ],
)
def test_bare_toponyms_are_aliases(by_id: dict[str, dict[str, str]], row_id: str, alias: str) -> None:
    assert alias in _aliases(by_id[row_id])


def test_former_provinces_and_renamed_bases(by_id: dict[str, dict[str, str]]) -> None:
    nyanza = by_id["nyanza-province"]
    assert nyanza["feature"] == "region"
    assert nyanza["country_code"] == "KE"
    assert "Nyanza" in _aliases(nyanza)
    assert by_id["kasai-occidental"]["country_code"] == "CD"
    assert "Fort Moore" in _aliases(by_id["fort-benning"])
    assert by_id["fort-detrick"]["feature"] == "military_base"


def test_french_names_of_key_places(by_id: dict[str, dict[str, str]]) -> None:
    expected = {
        "black-sea": "Mer Noire",
        "white-house": "Maison-Blanche",
        "vostochny-cosmodrome": "Cosmodrome de Vostotchny",
        "khasan": "Khassan",
        "west-bank": "Cisjordanie",
        "english-channel": "Manche",
        "danube-delta": "Delta du Danube",
        "latin-america": "Amérique latine",
        "americas": "Amériques",
    }
    for row_id, name_fr in expected.items():
        assert by_id[row_id]["name_fr"] == name_fr


def test_khasan_is_a_small_russian_village(by_id: dict[str, dict[str, str]]) -> None:
    row = by_id["khasan"]
    assert row["feature"] == "village"
    assert row["country_code"] == "RU"
    assert row["population"] and int(row["population"]) < 1000
