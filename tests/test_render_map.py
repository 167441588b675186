"""render_map / write_map: a self-contained page, offline, one marker per place."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import pytest

from geonews.model import Article, LatLon, Mention, Place, PlaceSummary, Resolution
from geonews.render import ATTRIBUTION, OSM_TILES, external_resources, render_map, write_map
from geonews.render.frontend import static_text
from geonews.render.map import load_basemap, marker_radius
from geonews.render.popup import popup_html
from tests.jsnode import popups_html

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


def _blob(page: str, name: str) -> dict:
    found = re.search(rf'<script type="application/json" id="geonews-{name}">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found.group(1))


def _places(page: str) -> list[dict]:
    """The places of a page as records: columns, sparse fields and popups put back together."""
    data, popups = _blob(page, "places"), _blob(page, "popups")
    places = []
    for i, place_id in enumerate(data["id"]):
        p = {key: data[key][i] for key in ("name", "lat", "lon", "n", "arts")}
        p["id"] = f"gn:{place_id}" if isinstance(place_id, int) else place_id  # GeoNames ids travel as numbers
        p["tip"] = data["tip"].get(str(i), p["name"])
        p["color"], p["op"] = data["styles"][data["style"][i]]
        p["meto"] = i in data["meto"]
        for key in ("poly", "km"):
            if str(i) in data[key]:
                p[key] = data[key][str(i)]
        places.append(p)
    for p, html in zip(places, popups_html(popups, [p["tip"] for p in places]), strict=True):
        p["popup"] = html
    return places


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
        "https://www.soest.hawaii.edu/pwessel/gshhg/",  # the rivers of the basemap's detail
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
    assert next(p for p in places if p["name"] == "Moscou")["meto"] == 1


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
    assert "3 lieux · 2 articles" in page
    assert "Kim à Vladivostok" in page


def test_fit_bounds_to_the_story(summaries: Summaries, articles: Articles) -> None:
    page = render_map(summaries, articles)
    # Vladivostok and Paris; Moscow, used for its government (metonymic), is an actor: drawn, not framed
    assert _config(page)["bounds"] == [[43.1056, 2.3488], [48.8534, 131.8735]]
    assert _config(page)["fitMaxZoom"] == 9
    assert "fitBounds(" not in page.split("geonewsInit(map_geonews", 1)[1]  # the page script fits, once


def test_empty_map_is_a_world_view() -> None:
    page = render_map([], {})
    assert _places(page) == []
    assert _config(page)["bounds"] is None
    assert "0 lieu · 0 article" in page
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


def test_write_map_cleans_up_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "map.html"

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("geonews.render.map.os.fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_map("<p>x</p>", target)
    assert list(tmp_path.iterdir()) == []


def test_write_map_writes_lone_surrogates_as_replacement_characters(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    write_map("a\ud800b", target)  # UTF-8 cannot encode a lone surrogate: it used to raise
    assert target.read_text(encoding="utf-8") == "a\ufffdb"


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


# --- article colours, areas, clustering, panel data ----------------------------------------------------------


def _articles_blob(page: str) -> list[dict]:
    blob = re.search(r'<script type="application/json" id="geonews-articles">(.*?)</script>', page, re.S)
    assert blob is not None
    return json.loads(blob.group(1))


def _config(page: str) -> dict:
    found = re.search(r"geonewsInit\(map_geonews, (\{.*?\})\);", page, re.S)
    assert found is not None
    return json.loads(found.group(1))


def test_articles_blob_has_ids_dates_and_escaped_titles(summaries: Summaries, articles: Articles) -> None:
    dated = {**articles, "a1": Article(id="a1", text=TEXT, title="Kim", date="2023-09-12T08:00:00Z")}
    page = render_map(summaries, dated)
    arts = _articles_blob(page)
    assert [a["id"] for a in arts] == ["a1", "evil"]
    assert arts[0]["date"] == "12 septembre 2023" and arts[0]["day"] == 19612
    assert arts[1]["date"] is None and arts[1]["day"] is None
    assert arts[1]["title"].startswith("&lt;/script&gt;&lt;script&gt;")
    places = {p["name"]: p for p in _places(page)}
    assert places["Vladivostok"]["arts"] == [0] and places["</script>Paris"]["arts"] == [1]
    no_time = _articles_blob(render_map(summaries, dated, timeline=False))
    assert no_time[0]["day"] is None


def test_several_articles_colour_by_article_with_confidence_as_opacity(
    summaries: Summaries, articles: Articles
) -> None:
    places = {p["name"]: p for p in _places(render_map(summaries, articles))}
    assert places["Vladivostok"]["color"] == places["Moscou"]["color"] != places["</script>Paris"]["color"]
    assert places["Vladivostok"]["op"] > places["Moscou"]["op"] > places["</script>Paris"]["op"]
    by_conf = {p["name"]: p for p in _places(render_map(summaries, articles, color_by="confidence"))}
    assert by_conf["Vladivostok"]["color"] == "#1f6fb4" and by_conf["</script>Paris"]["color"] == "#d62728"
    with pytest.raises(ValueError):
        render_map(summaries, articles, color_by="rainbow")


def test_one_article_keeps_confidence_colours(summaries: Summaries, articles: Articles) -> None:
    page = render_map(summaries[:2], {"a1": articles["a1"]})
    assert {p["color"] for p in _places(page)} == {"#1f6fb4", "#f08c00"}
    assert "Confiance" in _config(page)["legend"]


def test_colour_by_source_groups_articles(summaries: Summaries) -> None:
    arts = {
        "a1": Article(id="a1", text=TEXT, title="A", source="Le Monde"),
        "evil": Article(id="evil", text=EVIL, title="B", source="Le Monde"),
    }
    assert len({p["color"] for p in _places(render_map(summaries, arts, color_by="article"))}) == 2
    one_source = _places(render_map(summaries, arts, color_by="source"))
    assert len({p["color"] for p in one_source}) == 3  # one source only: back to confidence colours


def test_country_and_region_records_carry_their_area(articles: Articles) -> None:
    russia = Place("gn:2017370", "Russia", LatLon(60.0, 100.0), "country", country_code="RU", name_fr="Russie")
    primorye = Place("gn:2017623", "Primorskiy kray", LatLon(45.0, 134.5), "admin1", country_code="RU")
    summaries = [
        PlaceSummary(russia, (Resolution(_mention("a1", TEXT, "Moscou"), russia, confidence=0.8),)),
        PlaceSummary(primorye, (Resolution(_mention("a1", TEXT, "Vladivostok"), primorye, confidence=0.8),)),
    ]
    page = render_map(summaries, articles)
    places = {p["name"]: p for p in _places(page)}
    world = load_basemap()
    assert world["features"][places["Russie"]["poly"]]["properties"]["name"] == "Russia"
    assert places["Primorskiy kray"]["km"] > 0 and "poly" not in places["Primorskiy kray"]
    flat = {p["name"]: p for p in _places(render_map(summaries, articles, areas=False))}
    assert "poly" not in flat["Russie"] and "km" not in flat["Primorskiy kray"]


def _many(n: int) -> tuple[Summaries, Articles]:
    art = Article(id="a", text="Ville.", title="Beaucoup")
    out = []
    for i in range(n):
        place = Place(f"g{i}", f"Ville {i}", LatLon(-60 + (i % 120), -170 + (i % 340)), "city")
        out.append(PlaceSummary(place, (Resolution(Mention("a", 0, 5, "Ville", "Ville.", 0), place, confidence=0.9),)))
    return out, {"a": art}


def test_clustering_only_for_big_maps(summaries: Summaries, articles: Articles) -> None:
    bubble_style = ".marker-cluster-small"  # markercluster's stylesheet: the bubbles' look
    small = render_map(summaries, articles)
    assert _config(small)["cluster"] is False and bubble_style not in small
    big_summaries, big_articles = _many(250)
    big = render_map(big_summaries, big_articles)
    assert _config(big)["cluster"] is True and bubble_style in big
    assert "L.MarkerClusterGroup" not in big  # clustered by the page's own script
    assert external_resources(big) == []
    assert _config(render_map(big_summaries, big_articles, cluster=False))["cluster"] is False
    assert bubble_style in render_map(summaries, articles, cluster=True)


def test_panel_can_be_left_out(summaries: Summaries, articles: Articles) -> None:
    page = render_map(summaries, articles)
    assert 'id="gn-panel"' in page and 'id="gn-search"' in page and 'id="gn-panel-toggle"' in page
    bare = render_map(summaries, articles, panel=False)
    assert 'id="gn-panel"' not in bare and "gn-nopanel" in bare


def test_popups_are_built_once_per_place_not_per_marker_object(summaries: Summaries, articles: Articles) -> None:
    page = render_map(summaries, articles)
    assert static_text("map.js").count(".bindPopup(") == 1  # bound lazily, from the blob, on first click or search
    assert len(_blob(page, "popups")["p"]) == len(_places(page)) == len(summaries)
    assert "popup" not in _blob(page, "places")  # read at load; popups wait for the first click


def test_template_syntax_in_articles_is_not_evaluated(summaries: Summaries) -> None:
    arts = {
        "a1": Article(id="a1", text=TEXT, title="{{ 7 * 7 }} {% if true %}x{% endif %}"),
        "evil": Article(id="evil", text=EVIL, title="B"),
    }
    page = render_map(summaries, arts, title="{{ 6 * 7 }}")
    assert "{{ 7 * 7 }}" in page and "{{ 6 * 7 }}" in page and "{% if true %}" in page


def test_popups_are_the_popup_html_of_each_place(summaries: Summaries, articles: Articles) -> None:
    page = render_map(summaries, articles)
    expected = {s.place.id: popup_html(s, articles) for s in summaries}
    assert {p["id"]: p["popup"] for p in _places(page)} == expected


def test_popups_share_repeated_pieces(summaries: Summaries, articles: Articles) -> None:
    page = render_map(summaries, articles)
    popups = _blob(page, "popups")
    heading = "https://example.org/kim"
    assert page.count(heading) == 1  # Vladivostok's and Moscou's popups share their article's heading
    assert sum(heading in p["popup"] for p in _places(page)) == 2
    assert all(-1 in p for p in popups["p"])  # the place's name is not repeated either
    both = "Kim Jong-un est arrivé à Vladivostok mardi. Moscou a salué la visite."
    arts = {"a1": Article(id="a1", text=both, title="Une phrase")}
    two = [
        PlaceSummary(s.place, (Resolution(_mention("a1", both, word), s.place, confidence=0.9),))
        for s, word in zip(summaries[:2], ("Vladivostok", "Moscou"), strict=True)
    ]
    shared = render_map(two, arts)
    assert shared.count("arrivé à Vladivostok") == 1  # one sentence, two places: sent once, marked twice
    popups_by_name = {p["name"]: p["popup"] for p in _places(shared)}
    assert "<mark>Vladivostok</mark>" in popups_by_name["Vladivostok"]
    assert "<mark>Moscou</mark>" in popups_by_name["Moscou"] and "<mark>Vladivostok" not in popups_by_name["Moscou"]


def test_highlights_land_right_after_astral_characters(articles: Articles) -> None:
    text = "🚀🇫🇷 Décollage 𝒳 vers Vladivostok. Fin."
    art = {"a": Article(id="a", text=text, title="Fusée")}
    vlad = Place("gn:2013348", "Vladivostok", LatLon(43.1056, 131.8735), "city")
    summary = PlaceSummary(vlad, (Resolution(_mention("a", text, "Vladivostok"), vlad, confidence=0.9),))
    (place,) = _places(render_map([summary], art))
    assert "vers <mark>Vladivostok</mark>." in place["popup"]
    assert place["popup"] == popup_html(summary, art)


def test_heatmap_option_reaches_the_page(summaries: Summaries, articles: Articles) -> None:
    assert _config(render_map(summaries, articles))["heat"] is True
    assert _config(render_map(summaries, articles, heatmap=False))["heat"] is False


def test_interface_language_follows_the_articles(summaries: Summaries) -> None:
    english = {"e": Article(id="e", text="The mayor of Boston said the river rose on Monday.", date="2024-10-07")}
    french = {"f": Article(id="f", text="Le maire de Lyon a dit que le fleuve montait lundi.", date="2024-10-07")}
    page_en, page_fr = render_map(summaries, english), render_map(summaries, french)
    assert page_en.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert page_fr.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert "3 places · 1 article" in page_en and "3 lieux · 1 article" in page_fr
    assert 'placeholder="Find a place…"' in page_en and 'placeholder="Chercher un lieu…"' in page_fr
    assert _config(page_en)["msg"]["lang"] == "en" and _config(page_fr)["msg"]["no_match"] == "Aucun lieu ne correspond"
    assert _blob(page_en, "articles")[0]["date"] == "7 October 2024"
    assert _blob(page_fr, "articles")[0]["date"] == "7 octobre 2024"
    forced = render_map(summaries, french, ui_lang="en")
    assert '<html lang="en">' in forced and "Confidence" in _config(forced)["legend"]


def test_popups_speak_the_interface_language(summaries: Summaries, articles: Articles) -> None:
    fr = " ".join(p["popup"] for p in _places(render_map(summaries, articles, ui_lang="fr")))
    en = " ".join(p["popup"] for p in _places(render_map(summaries, articles, ui_lang="en")))
    assert "ville · Russie" in fr and "city · Russia" in en
    assert "capitale" in fr and "métonymie" in fr and "metonymic" in en
