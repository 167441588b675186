"""Outputs (geonews.export)."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from geonews.export import (
    CSV_FIELDS,
    atomic_write,
    csv_rows,
    result_to_record,
    summaries_to_geojson,
    write_csv,
    write_json,
    write_jsonl,
)
from geonews.model import Article, ArticleResult, Candidate, LatLon, Mention, Place, PlaceSummary, Resolution

TEXT = (
    "Vladimir Poutine et Kim Jong-Un se sont rencontrés au cosmodrome de Vostotchny, "
    "dans l’Est de la Russie. Washington s’inquiète. Rien à Atlantis."
)
ARTICLE = Article(id="vpk", text=TEXT, title="Poutine et Kim", source="seeds/vpk.txt")

VOSTOCHNY = Place(
    id="gn:2013348",
    name="Vostochny Cosmodrome",
    name_fr="Cosmodrome Vostotchny",
    point=LatLon(51.88412345, 128.33398765),
    feature="spaceport",
    country_code="RU",
    geonameid=2013348,
)
RUSSIA = Place(id="gn:2017370", name="Russia", name_fr="Russie", point=LatLon(60.0, 100.0),
               feature="country", country_code="RU", geonameid=2017370)
WASHINGTON = Place(id="gn:4140963", name="Washington", point=LatLon(38.89511, -77.03637),
                   feature="capital", country_code="US", geonameid=4140963)
WASHINGTON_STATE = Place(id="gn:5815135", name="Washington State", point=LatLon(47.50012, -120.50147),
                         feature="admin1", country_code="US", geonameid=5815135)


def mention(name: str, **kw: object) -> Mention:
    start = TEXT.index(name)
    return Mention("vpk", start, start + len(name), name, TEXT, 0, **kw)  # type: ignore[arg-type]


RES_VOSTOCHNY = Resolution(mention("Vostotchny", hint="spaceport", trigger="cosmodrome de"), VOSTOCHNY,
                           score=3.21, confidence=0.91234)
RES_RUSSIA = Resolution(mention("Russie", qualifier="east"), RUSSIA, confidence=0.8)
RES_WASHINGTON = Resolution(
    mention("Washington"),
    WASHINGTON,
    confidence=0.6666666,
    metonymic=True,
    alternatives=(
        Candidate(WASHINGTON, 2.0),
        Candidate(WASHINGTON_STATE, 1.23456),
    ),
)
RES_ATLANTIS = Resolution(mention("Atlantis"), None)
RESULT = ArticleResult(ARTICLE, (RES_WASHINGTON, RES_VOSTOCHNY, RES_ATLANTIS, RES_RUSSIA))


# --------------------------------------------------------------------------- records


def test_record_contract() -> None:
    rec = result_to_record(RESULT, data_version="geonames-2024-05")
    assert rec["id"] == "vpk"
    assert rec["title"] == "Poutine et Kim"
    assert rec["geonews"] == {"data_version": "geonames-2024-05"}
    assert [p["name"] for p in rec["places"]] == ["Vostotchny", "Russie", "Washington", "Atlantis"]
    for p in rec["places"]:
        assert TEXT[p["start"] : p["end"]] == p["name"]
    v = rec["places"][0]
    assert v == {
        "start": TEXT.index("Vostotchny"),
        "end": TEXT.index("Vostotchny") + len("Vostotchny"),
        "name": "Vostotchny",
        "lat": 51.88412,
        "lon": 128.33399,
        "geonameid": 2013348,
        "feature": "spaceport",
        "confidence": 0.912,
        "place_id": "gn:2013348",
        "place_name": "Cosmodrome Vostotchny",
        "country_code": "RU",
        "hint": "spaceport",
        "source": "LOC",
        "sentence": TEXT,
        "region": None,
        "country": "Russie",
        "reasons": [],
        "alternatives": [],
    }
    json.dumps(rec, allow_nan=False)


def test_record_unresolved_mention_has_null_coordinates() -> None:
    atlantis = result_to_record(RESULT)["places"][3]
    assert atlantis["lat"] is None and atlantis["lon"] is None
    assert atlantis["place_id"] is None and atlantis["place_name"] is None
    assert "confidence" not in atlantis and "feature" not in atlantis


def test_record_metonymy_and_alternatives() -> None:
    w = result_to_record(RESULT)["places"][2]
    assert w["metonymic"] is True
    # the chosen place is not repeated among the alternatives
    assert w["alternatives"] == [
        {"name": "Washington State", "lat": 47.50012, "lon": -120.50147, "score": 1.235, "feature": "admin1",
         "country_code": "US"}
    ]
    assert "metonymic" not in result_to_record(RESULT)["places"][0]
    assert result_to_record(RESULT, alternatives=0)["places"][2]["alternatives"] == []


def test_record_without_title_or_version() -> None:
    rec = result_to_record(ArticleResult(Article(id="x", text="rien")))
    assert rec == {"id": "x", "places": []}


def test_non_finite_numbers_become_null() -> None:
    res = Resolution(mention("Russie"), RUSSIA, confidence=float("nan"))
    rec = result_to_record(ArticleResult(ARTICLE, (res,)))
    assert rec["places"][0]["confidence"] is None
    json.dumps(rec, allow_nan=False)


# --------------------------------------------------------------------------- GeoJSON


def test_geojson_lon_lat_order_and_properties() -> None:
    summaries = [
        PlaceSummary(WASHINGTON, (RES_WASHINGTON,)),
        PlaceSummary(VOSTOCHNY, (RES_VOSTOCHNY, RES_VOSTOCHNY)),
    ]
    fc = summaries_to_geojson(summaries, {"vpk": ARTICLE}, data_version="v1")
    json.loads(json.dumps(fc, allow_nan=False))
    assert fc["type"] == "FeatureCollection"
    assert fc["geonews"] == {"data_version": "v1"}
    washington, vostochny = fc["features"]
    assert washington["type"] == "Feature"
    assert washington["geometry"] == {"type": "Point", "coordinates": [-77.03637, 38.89511]}
    assert vostochny["geometry"]["coordinates"] == [128.33399, 51.88412]
    props = vostochny["properties"]
    assert props["name"] == "Cosmodrome Vostotchny"
    assert (props["feature"], props["country_code"], props["geonameid"]) == ("spaceport", "RU", 2013348)
    assert props["mentions"] == 2
    assert props["articles"] == [{"id": "vpk", "title": "Poutine et Kim"}]
    assert props["confidence"] == 0.912
    assert props["metonymic"] is False
    assert washington["properties"]["metonymic"] is True


def test_geojson_unknown_article_and_empty() -> None:
    fc = summaries_to_geojson([PlaceSummary(RUSSIA, (RES_RUSSIA,))], {})
    assert fc["features"][0]["properties"]["articles"] == [{"id": "vpk", "title": ""}]
    assert summaries_to_geojson([], {}) == {"type": "FeatureCollection", "features": []}


# --------------------------------------------------------------------------- CSV


def test_csv_rows_one_per_mention() -> None:
    rows = list(csv_rows([RESULT, ArticleResult(Article(id="empty", text="x"))]))
    assert [r["mention"] for r in rows] == ["Vostotchny", "Russie", "Washington", "Atlantis"]
    assert all(set(r) == set(CSV_FIELDS) for r in rows)
    assert rows[0]["lat"] == 51.88412 and rows[0]["lon"] == 128.33399
    assert rows[3]["lat"] is None and rows[3]["place_name"] is None


def test_csv_quoting_round_trip() -> None:
    nasty = 'Il a dit « oui, "peut-être" »,\nà Kyiv;\r\nfin'
    start = nasty.index("Kyiv")
    m = Mention("n", start, start + 4, "Kyiv", nasty, 0)
    art = Article(id="n", text=nasty, title='Titre, avec "guillemets"')
    place = Place(id="gn:703448", name="Kyiv", point=LatLon(50.45466, 30.5238), feature="capital")
    rows = list(csv_rows([ArticleResult(art, (Resolution(m, place, confidence=0.5), Resolution(m, None)))]))
    buf = io.StringIO(newline="")
    assert write_csv(rows, buf) == 2
    parsed = list(csv.DictReader(io.StringIO(buf.getvalue(), newline="")))
    assert len(parsed) == 2
    assert parsed[0]["sentence"] == nasty
    assert parsed[0]["title"] == 'Titre, avec "guillemets"'
    assert (parsed[0]["lat"], parsed[0]["lon"], parsed[0]["metonymic"]) == ("50.45466", "30.5238", "false")
    assert (parsed[1]["lat"], parsed[1]["place_name"], parsed[1]["confidence"]) == ("", "", "")


def test_csv_to_file(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    with atomic_write(path, newline="") as stream:
        write_csv(csv_rows([RESULT]), stream)
    with path.open(newline="", encoding="utf-8") as f:
        parsed = list(csv.DictReader(f))
    assert [r["mention"] for r in parsed] == ["Vostotchny", "Russie", "Washington", "Atlantis"]
    assert parsed[2]["metonymic"] == "true"


# --------------------------------------------------------------------------- writers


def test_write_jsonl() -> None:
    buf = io.StringIO()
    assert write_jsonl([result_to_record(RESULT), {"id": "x", "places": []}], buf) == 2
    lines = buf.getvalue().splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["id"] == "vpk"
    assert "Russie" in lines[0]  # not ASCII-escaped


def test_write_json_atomic(tmp_path: Path) -> None:
    path = tmp_path / "map.geojson"
    path.write_text("old")
    os.chmod(path, 0o640)
    write_json(summaries_to_geojson([PlaceSummary(RUSSIA, (RES_RUSSIA,))], {"vpk": ARTICLE}), path)
    assert json.loads(path.read_text(encoding="utf-8"))["features"][0]["properties"]["name"] == "Russie"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["map.geojson"]  # no temporary left behind


def test_write_json_new_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    write_json({"a": 1}, path)
    assert path.stat().st_mode & 0o777 == 0o644
    assert path.read_text(encoding="utf-8").endswith("\n")


def test_write_json_failure_keeps_old_file(tmp_path: Path) -> None:
    path = tmp_path / "keep.json"
    path.write_text('{"old": true}')
    with pytest.raises(TypeError):
        write_json({"bad": object()}, path)
    with pytest.raises(RuntimeError), atomic_write(path) as stream:
        stream.write("partial")
        raise RuntimeError("interrupted")
    assert path.read_text() == '{"old": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["keep.json"]


def test_csv_long_sentence_context_is_a_bounded_window_with_ellipses() -> None:
    """Issue 12: one sentence of 35,000 characters is not copied into each of its mentions' rows."""
    from geonews.extract import mentions_from_spans
    from geonews.extract.sentences import CONTEXT_CHARS

    text = "Paris, " * 5000
    art = Article(id="p", text=text, title="Paris")
    spans = [(i * 7, i * 7 + 5) for i in (0, 2500, 4999)]
    mentions = mentions_from_spans(art, spans)
    rows = list(csv_rows([ArticleResult(art, tuple(Resolution(m, None) for m in mentions))]))
    contexts = [r["sentence"] for r in rows]
    assert all(len(c) <= 2 * CONTEXT_CHARS + 5 + 4 for c in contexts)
    assert contexts[0].startswith("Paris, Paris") and contexts[0].endswith(" …")
    assert contexts[1].startswith("… Paris") and contexts[1].endswith(" …")
    assert contexts[2].startswith("… Paris") and contexts[2].endswith("Paris,")
