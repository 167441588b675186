"""render_map / write_map: a self-contained page, offline, one marker per place."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import pytest

from geonews.model import Article, LatLon, Mention, Place, PlaceSummary, Resolution
from geonews.render import ATTRIBUTION, OSM_TILES, external_resources, render_map, write_map
from geonews.render.map import load_basemap, marker_radius

TEXT = "Kim Jong-un est arrivé à Vladivostok mardi. Moscou a salué la visite."
Summaries = list[PlaceSummary]
Articles = dict[str, Article]
EVIL = 'Alerte <script>alert(1)</script> à "Paris" l\'après-midi.'


def _mention(article_id: str, text: str, word: str) -> Mention:
    start = text.index(word)
    s_start = text.rfind(". ", 0, start)
    s_start = 0 if s_start < 0 else s_start + 2
    s_end = text.find(".", start) + 1 or len(text)
    return Mention(article_id, start, start + len(word), word, text[s_start:s_end], s_start)


@pytest.fixture
def articles() -> dict[str, Article]:
    return {
        "a1": Article(id="a1", text=TEXT, title="Kim à Vladivostok", url="https://example.org/kim"),
        "evil": Article(
            id="evil", text=EVIL, title="</script><script>alert(1)</script>\"'", url='javascript:alert("x")'
        ),
    }


@pytest.fixture
def summaries() -> list[PlaceSummary]:
    vlad = Place("gn:2013348", "Vladivostok", LatLon(43.1056, 131.8735), "city", country_code="RU")
    moscow = Place(
        "gn:524901", "Moscow", LatLon(55.7522, 37.6156), "capital", country_code="RU", name_fr="Moscou"
    )
    paris = Place("gn:2988507", "</script>Paris", LatLon(48.8534, 2.3488), "capital", country_code="FR")
    return [
        PlaceSummary(vlad, (Resolution(_mention("a1", TEXT, "Vladivostok"), vlad, confidence=0.9),)),
        PlaceSummary(
            moscow, (Resolution(_mention("a1", TEXT, "Moscou"), moscow, confidence=0.6, metonymic=True),)
        ),
        PlaceSummary(paris, (Resolution(_mention("evil", EVIL, "Paris"), paris, confidence=0.3),)),
    ]


def _places(page: str) -> list[dict]:
    blob = re.search(r'<script type="application/json" id="geonews-places">(.*?)</script>', page, re.S)
    assert blob is not None
    return json.loads(blob.group(1))


def test_no_external_script_or_stylesheet(summaries: Summaries, articles: Articles) -> None:
    page = render_map(summaries, articles)
    assert external_resources(page) == []
    assert not re.search(r"<(script|link|img)\b[^>]*\b(src|href)\s*=\s*[\"']?(https?:)?//", page, re.I)
    # the only absolute URLs: the tile template, attribution links, Leaflet's own credit, SVG namespace
    allowed = {
        OSM_TILES,
        "https://www.openstreetmap.org/copyright",
        "https://www.geonames.org/",
        "https://www.naturalearthdata.com/",
        "https://leafletjs.com",
        "http://www.w3.org/2000/svg",
        "https://example.org/kim",  # the article link, inside a popup
    }
    urls = set(re.findall(r"https?://[^\s\"'<>\\)]+", page.replace("\\/", "/")))
    assert urls <= allowed, urls - allowed


def test_contains_basemap_and_attribution(summaries: Summaries, articles: Articles) -> None:
    page = render_map(summaries, articles)
    assert 'id="geonews-basemap"' in page and '"name":"Russia"' in page
    assert "GeoNames" in page and "CC-BY 4.0" in page and "Natural Earth" in page
    assert "OpenStreetMap" in page
    assert 'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC-BY 4.0)' in ATTRIBUTION
    assert '"maxZoom": 18' in page or '"maxZoom":18' in page


def test_one_marker_per_summary(summaries: Summaries, articles: Articles) -> None:
    places = _places(render_map(summaries, articles))
    assert sorted(p["name"] for p in places) == ["</script>Paris", "Moscou", "Vladivostok"]
    assert {p["id"] for p in places} == {s.place.id for s in summaries}
    vlad = next(p for p in places if p["name"] == "Vladivostok")
    assert "<mark>Vladivostok</mark>" in vlad["popup"]
    assert (vlad["lat"], vlad["lon"]) == (43.1056, 131.8735)
    assert next(p for p in places if p["name"] == "Moscou")["meto"] is True


def test_hostile_text_cannot_escape(summaries: Summaries, articles: Articles) -> None:
    page = render_map(summaries, articles, title='<script>alert("t")</script>')
    assert "alert(1)</script>" not in page
    assert "<script>alert" not in page
    assert "javascript:" not in page
    places = _places(page)
    paris = next(p for p in places if p["name"] == "</script>Paris")
    assert paris["tip"] == "&lt;/script&gt;Paris"
    assert "<script" not in paris["popup"]
    assert "<title>&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;</title>" in page


def test_header_shows_titles_and_count(summaries: Summaries, articles: Articles) -> None:
    page = render_map(summaries, articles, title="Revue de presse")
    assert "<h1>Revue de presse</h1>" in page
    assert "3 places · 2 articles" in page
    assert "Kim à Vladivostok" in page


def test_fit_bounds_to_markers(summaries: Summaries, articles: Articles) -> None:
    page = render_map(summaries, articles)
    assert re.search(r"map_geonews\.fitBounds\(\s*\[\[43\.1056, 2\.3488\], \[55\.7522, 131\.8735\]\]", page)


def test_empty_map_is_a_world_view() -> None:
    page = render_map([], {})
    assert _places(page) == []
    assert "map_geonews.fitBounds" not in page
    assert "0 places · 0 articles" in page
    assert external_resources(page) == []


def test_deterministic(summaries: Summaries, articles: Articles) -> None:
    assert render_map(summaries, articles) == render_map(summaries, articles)


def test_one_article_map_is_small(summaries: Summaries, articles: Articles) -> None:
    one = {"a1": articles["a1"]}
    page = render_map(summaries[:2], one)
    assert len(page.encode("utf-8")) < 600 * 1024


def test_marker_radius_grows_and_caps() -> None:
    sizes = [marker_radius(n) for n in (1, 2, 5, 20, 100, 1000)]
    assert sizes == sorted(sizes) and sizes[-1] == 28.0 and sizes[0] == 10.0


def test_basemap_is_clean() -> None:
    world = load_basemap()
    assert len(world["features"]) == 177
    for feature in world["features"]:
        assert set(feature["properties"]) == {"name"}
        geom = feature["geometry"]
        polygons = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        for polygon in polygons:
            for ring in polygon:
                assert ring[0] == ring[-1] and len(ring) >= 4
                for (x1, y1), (x2, _) in pairwise(ring):
                    assert -180 <= x1 <= 180 and -90 <= y1 <= 90
                    assert abs(x2 - x1) <= 180, feature["properties"]["name"]  # no streak across the map
    names = {f["properties"]["name"] for f in world["features"]}
    assert {"Russia", "Fiji", "France", "Antarctica"} <= names


def test_basemap_file_is_commit_sized() -> None:
    path = Path(__file__).resolve().parent.parent / "geonews" / "data" / "world_110m.geojson"
    assert path.stat().st_size < 250 * 1024


def test_write_map_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "map.html"
    write_map("<p>one</p>", target)
    write_map("<p>two</p>", target)
    assert target.read_text(encoding="utf-8") == "<p>two</p>"
    assert [p.name for p in target.parent.iterdir()] == ["map.html"]


def test_write_map_cleans_up_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    with pytest.raises(UnicodeEncodeError):
        write_map("\ud800", target)  # a lone surrogate cannot be encoded
    assert list(tmp_path.iterdir()) == []


def _load_build_basemap():  # scripts/ is not a package: load the script by path
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "scripts" / "build_basemap.py"
    spec = importlib.util.spec_from_file_location("build_basemap", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_basemap_splits_antimeridian_rings() -> None:
    build = _load_build_basemap()
    # quantised topology: one island straddling 180°, one plain square, delta-encoded arcs
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.01, 0.01], "translate": [-180, -90]},
        "arcs": [
            # (178, -16) -> (-179, -16) -> (-179, -17) -> (178, -17) -> (178, -16)
            [[35800, 7400], [-35700, 0], [0, -100], [35700, 0], [0, 100]],
            # (2, 48) -> (3, 48) -> (3, 49) -> (2, 49) -> (2, 48)
            [[18200, 13800], [100, 0], [0, 100], [-100, 0], [0, -100]],
        ],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0]], "id": "242", "properties": {"name": "Fiji", "x": 1}},
                    {"type": "Polygon", "arcs": [[~1]], "properties": {"name": "Square"}},
                ],
            }
        },
    }
    fc = build.convert(topology)
    assert fc["attribution"] == "Natural Earth (public domain)"
    fiji, square = fc["features"]
    assert fiji["id"] == "242" and fiji["properties"] == {"name": "Fiji"}
    assert fiji["geometry"]["type"] == "MultiPolygon"
    spans = sorted(
        (min(x for x, _ in p[0]), max(x for x, _ in p[0])) for p in fiji["geometry"]["coordinates"]
    )
    assert spans == [(-180, -179), (178, 180)]
    assert "id" not in square and square["geometry"]["type"] == "Polygon"
    assert square["geometry"]["coordinates"][0][0] == [2, 48]
