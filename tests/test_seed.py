"""The seed article end to end, with the real model and the full gazetteer (slow).

These are the acceptance checks of the first issue; the figures come from
geonews' own output, the expectations from the article's public facts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geonews.cli import main
from geonews.model import LatLon

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "vostotchny-putin-kim.fr.txt"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_record(full_gazetteer_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("seed") / "seed.jsonl"
    code = main(["-q", "--gazetteer", str(full_gazetteer_path), "--no-cache", "extract", str(SEED), "-o", str(out)])
    assert code == 0
    return json.loads(out.read_text(encoding="utf-8"))


def _places(record: dict, name: str) -> list[dict]:
    return [p for p in record["places"] if p["name"] == name]


def _km(place: dict, lat: float, lon: float) -> float:
    return LatLon(place["lat"], place["lon"]).distance_km(LatLon(lat, lon))


def test_offsets_point_at_the_names(seed_record: dict) -> None:
    text = SEED.read_text(encoding="utf-8")
    assert seed_record["places"]
    for p in seed_record["places"]:
        assert text[p["start"] : p["end"]] == p["name"]


def test_spaceport_station_and_region(seed_record: dict) -> None:
    (vostotchny,) = _places(seed_record, "Vostotchny")
    assert vostotchny["feature"] == "spaceport" and _km(vostotchny, 51.88, 128.33) < 50
    (khassan,) = _places(seed_record, "Khassan")
    assert _km(khassan, 42.43, 130.64) < 25
    (primorie,) = _places(seed_record, "Primorié")
    assert primorie["feature"] == "admin1" and primorie["geonameid"] == 2017623


def test_metonymic_capitals(seed_record: dict) -> None:
    (washington,) = _places(seed_record, "Washington")
    assert _km(washington, 38.895, -77.036) < 25 and washington["metonymic"] is True
    (pyongyang,) = _places(seed_record, "Pyongyang")
    assert pyongyang["metonymic"] is True
    (kremlin,) = _places(seed_record, "Kremlin")
    assert _km(kremlin, 55.752, 37.6175) < 5


def test_countries_and_no_stockholm(seed_record: dict) -> None:
    names = [p["name"] for p in seed_record["places"]]
    assert names.count("Russie") == 4 and names.count("Corée du Nord") == 2
    assert "Stockholm" not in names
    (east,) = [p for p in _places(seed_record, "Russie") if p["start"] == 97]
    assert east["place_name"] in ("Russie", "Russia", "Russian Federation")
