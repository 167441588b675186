"""The export schema (geonews.export.EXPORT_FIELDS) in every format, the DataFrames, GeoPackage and KML."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from geonews.cli import main
from geonews.errors import GeonewsError, MissingExtraError
from geonews.export import CSV_FIELDS, EXPORT_FIELDS, schema_markdown
from geonews.model import Article, ArticleResult, Candidate, LatLon, Mention, Place, Resolution

ROOT = Path(__file__).resolve().parent.parent
FIELDS = [f.name for f in EXPORT_FIELDS]
ARTICLE_FIELDS = {f.name for f in EXPORT_FIELDS if f.scope == "article"}
PLACE_FIELDS = {f.name for f in EXPORT_FIELDS if f.scope == "place"}

TEXT = "Kim à la gare de Khassan, dans la région du Primorié. Washington craint le pire. Rien à Atlantis."
NAMES = ("Khassan", "Primorié", "Washington", "Atlantis")
GOLD = {
    "id": "d1", "text": TEXT, "title": "Kim, le train", "date": "2024-09-12",
    "url": "https://www.example.org/kim.html",
    "places": [{"start": TEXT.index(n), "end": TEXT.index(n) + len(n), "name": n} for n in NAMES],
}


def test_the_schema_is_defined_once_and_typed() -> None:
    assert len(set(FIELDS)) == len(FIELDS)
    assert tuple(FIELDS) == CSV_FIELDS
    assert {f.type for f in EXPORT_FIELDS} <= {"str", "int", "float", "bool", "json"}
    assert {"article_id", "title", "date", "url", "site", "mention", "start", "end", "sentence", "place_name",
            "feature", "region", "country", "country_code", "lat", "lon", "confidence", "metonymic", "reasons",
            "alternatives"} <= set(FIELDS)


def test_the_readme_documents_the_schema() -> None:
    """README's "Export schema" table is schema_markdown(): regenerate it with
    ``python3 -c 'from geonews.export import schema_markdown; print(schema_markdown())'``."""
    readme = ROOT.joinpath("README.md").read_text(encoding="utf-8")
    start, end = "<!-- export-schema:start -->\n", "<!-- export-schema:end -->"
    assert start in readme and end in readme
    assert readme.split(start, 1)[1].split(end, 1)[0].strip() == schema_markdown().strip()


# --------------------------------------------------------------------------- every format, through the CLI


def _resolve(tmp_path: Path, gazetteer: Path, fmt: str, output: Path | None,
             capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD, ensure_ascii=False) + "\n", encoding="utf-8")
    argv = ["-q", "--gazetteer", str(gazetteer), "--cache-dir", str(tmp_path), "resolve", str(gold), "-f", fmt]
    if output is not None:
        argv += ["-o", str(output)]
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _check_rows(rows: list[dict[str, object]]) -> None:
    """Rows of the schema, read back (as text or as values): one per mention, Atlantis not placed."""
    assert [r["mention"] for r in rows] == list(NAMES)
    by_name = {r["mention"]: r for r in rows}
    assert by_name["Khassan"]["place_id"] == "sup:khasan"
    assert by_name["Khassan"]["country"] == "Russie" and by_name["Khassan"]["country_code"] == "RU"
    assert by_name["Khassan"]["site"] == "example.org" and by_name["Khassan"]["date"] == "2024-09-12"
    assert by_name["Khassan"]["sentence"] == "Kim à la gare de Khassan, dans la région du Primorié."
    assert by_name["Atlantis"]["lat"] in ("", None) or by_name["Atlantis"]["lat"] != by_name["Atlantis"]["lat"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson", "gpkg", "kml"])
def test_every_format_carries_the_schema(fmt: str, tmp_path: Path, mini_gazetteer_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / f"out.{fmt}"
    code, _, err = _resolve(tmp_path, mini_gazetteer_path, fmt, output, capsys)
    assert code == 0, err
    if fmt == "jsonl":
        record = json.loads(output.read_text(encoding="utf-8"))
        assert {"id", *ARTICLE_FIELDS - {"article_id"}} <= set(record)
        for entry in record["places"]:
            # article_id is the record's "id", mention its "name"; unplaced mentions leave out some place
            # fields, and "metonymic" is there only when true (the JSONL contract since the start)
            assert set(FIELDS) - ARTICLE_FIELDS - PLACE_FIELDS - {"mention", "metonymic"} <= set(entry)
        assert set(FIELDS) - ARTICLE_FIELDS - {"mention", "metonymic", "geonameid"} <= set(record["places"][0])
        assert record["places"][2]["metonymic"] is True
        rows = [{**{k: record.get(k) for k in ARTICLE_FIELDS}, **p, "mention": p["name"]} for p in record["places"]]
        _check_rows(rows)
    elif fmt == "csv":
        with output.open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            assert reader.fieldnames == FIELDS
            _check_rows(list(reader))
    elif fmt == "geojson":
        fc = json.loads(output.read_text(encoding="utf-8"))
        occurrences = [o for feat in fc["features"] for o in feat["properties"]["occurrences"]]
        for feat in fc["features"]:
            props = feat["properties"]
            assert {"place_id", "name", "feature", "region", "country", "country_code", "geonameid"} <= set(props)
        for o in occurrences:
            assert list(o) == [n for n in FIELDS if n not in PLACE_FIELDS or n == "confidence"]
        unplaced = fc["properties"]["unplaced"]
        assert [list(u) for u in unplaced] == [FIELDS]
        assert [u["mention"] for u in unplaced] == ["Atlantis"] and unplaced[0]["lat"] is None
        assert sorted(o["mention"] for o in occurrences) == sorted(NAMES[:3])
    else:
        gpd = pytest.importorskip("geopandas")
        frame = gpd.read_file(output)
        assert len(frame) == len(NAMES)
        if fmt == "gpkg":
            assert list(frame.columns) == [*FIELDS, "geometry"]
            assert frame.crs.to_epsg() == 4326
        else:
            # GDAL's KML reader adds KML's own columns (Name, description, begin, end...) and so renames ours
            # "end" to "end2"; Google Earth shows the placemark's ExtendedData under our names
            columns = [c if c != "end2" else "end" for c in frame.columns]
            assert set(FIELDS) <= set(columns)
            assert list(frame["Name"]) == ["Khasan", "Primorié", "Washington", "Atlantis"]  # place, else mention
            assert "<SimpleData name=\"end\">" in output.read_text(encoding="utf-8")
        assert frame.geometry.isna().sum() == 1
        assert frame.geometry.iloc[0].x == pytest.approx(130.6439)
        _check_rows(frame.to_dict("records"))


@pytest.mark.parametrize("fmt", ["gpkg", "kml"])
def test_file_formats_need_a_file(fmt: str, tmp_path: Path, mini_gazetteer_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _resolve(tmp_path, mini_gazetteer_path, fmt, None, capsys)
    assert code != 0 and out == ""
    errors = [line for line in err.splitlines() if line.startswith("geonews: error:")]
    assert len(errors) == 1 and f"--format {fmt}" in errors[0] and "-o FILE" in errors[0]


def test_a_missing_extra_is_one_line(tmp_path: Path, mini_gazetteer_path: Path,
                                     capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import geonews

    monkeypatch.setitem(sys.modules, "geopandas", None)  # "import geopandas" raises ImportError
    with pytest.raises(MissingExtraError, match=r"geonews\[geo\]") as info:
        geonews.to_geodataframe([])
    assert isinstance(info.value, GeonewsError) and isinstance(info.value, ImportError)
    assert "\n" not in str(info.value)
    code, _, err = _resolve(tmp_path, mini_gazetteer_path, "gpkg", tmp_path / "x.gpkg", capsys)
    assert code != 0 and "geonews[geo]" in err and "Traceback" not in err
    assert not (tmp_path / "x.gpkg").exists()


# --------------------------------------------------------------------------- DataFrames


def _results() -> list[ArticleResult]:
    text = "À Kyiv et à Atlantis."
    art = Article(id="a", text=text, title="T", url="https://www.bbc.com/news/1", date="2024-05-01", lang="en")
    kyiv = Place("gn:703448", "Kyiv", LatLon(50.45466, 30.5238), "capital", country_code="UA", name_fr="Kiev",
                 geonameid=703448, region="Kyiv", region_en="Kyiv City")
    kyiv_us = Place("gn:1", "Kyiv", LatLon(40.0, -80.0), "town", country_code="US")
    res = Resolution(Mention("a", 2, 6, "Kyiv", text, 0), kyiv, confidence=0.9, reasons=("capital",),
                     alternatives=(Candidate(kyiv_us, 0.2),))
    return [ArticleResult(art, (res, Resolution(Mention("a", 12, 20, "Atlantis", text, 0), None))),
            ArticleResult(Article(id="empty", text="rien"))]


def test_dataframe_columns_as_documented() -> None:
    pytest.importorskip("pandas")
    import geonews

    df = geonews.to_dataframe(_results())
    assert list(df.columns) == FIELDS
    assert len(df) == 2
    kyiv = df.iloc[0]
    assert (kyiv["place_name"], kyiv["region"], kyiv["country"], kyiv["site"]) == ("Kyiv", "Kyiv City", "Ukraine",
                                                                                   "bbc.com")
    assert json.loads(kyiv["reasons"]) == ["capital"]
    assert [a["country_code"] for a in json.loads(kyiv["alternatives"])] == ["US"]
    assert str(df["geonameid"].dtype) == "Int64" and str(df["metonymic"].dtype) == "bool"
    assert df.iloc[1]["lat"] != df.iloc[1]["lat"]  # NaN: not placed
    assert list(geonews.to_dataframe([]).columns) == FIELDS


def test_geodataframe_is_wgs84_points() -> None:
    pytest.importorskip("geopandas")
    import geonews

    gdf = geonews.to_geodataframe(_results())
    assert list(gdf.columns) == [*FIELDS, "geometry"]
    assert gdf.crs.to_epsg() == 4326
    assert (gdf.geometry.iloc[0].x, gdf.geometry.iloc[0].y) == (30.5238, 50.45466)
    assert gdf.geometry.iloc[1] is None
    assert len(geonews.to_geodataframe([])) == 0


def test_kml_is_well_formed_whatever_the_text(tmp_path: Path) -> None:
    """Markup-like and control-free but awkward text is escaped by GDAL's writer, never pasted in."""
    pytest.importorskip("geopandas")
    from xml.etree import ElementTree

    from geonews.frames import write_geopackage, write_kml

    text = 'À <b>Kyiv</b> & "Odessa" ]]> </Placemark>.'
    start = text.index("Kyiv")
    art = Article(id="x&<y>", text=text, title="<script>alert(1)</script> & co")
    kyiv = Place("gn:703448", "Kyiv <&>", LatLon(50.45466, 30.5238), "capital", country_code="UA")
    results = [ArticleResult(art, (Resolution(Mention("x&<y>", start, start + 4, "Kyiv", text, 0), kyiv),))]
    assert write_kml(results, tmp_path / "x.kml") == 1
    root = ElementTree.parse(tmp_path / "x.kml").getroot()
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    placemarks = root.findall(".//k:Placemark", ns)
    assert len(placemarks) == 1
    assert placemarks[0].findtext("k:name", namespaces=ns) == "Kyiv <&>"
    assert placemarks[0].findtext("k:description", namespaces=ns) == text
    data = {d.get("name"): d.text for d in placemarks[0].iter("{http://www.opengis.net/kml/2.2}SimpleData")}
    assert data["title"] == "<script>alert(1)</script> & co" and data["article_id"] == "x&<y>"
    assert write_geopackage(results, tmp_path / "x.gpkg") == 1
    assert [p.name for p in sorted(tmp_path.iterdir())] == ["x.gpkg", "x.kml"]  # no temporary file left
