"""The basemap's detail and town names in a real, offline, headless Chromium (a regional story: a flood in the Gard)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from geonews.model import Article, LatLon, Mention, Place, PlaceSummary, Resolution
from geonews.render import render_map, write_map
from geonews.render.basemap import LabelIndex, labels_for

pytestmark = pytest.mark.browser

TEXT = "Crue dans le Gard : le Gardon a débordé à Alès et à Anduze. Les secours sont venus de Nîmes."
PLACES = (("Alès", 44.1249, 4.0808), ("Anduze", 44.0617, 3.9867), ("Nîmes", 43.8367, 4.3601))
#: A small town index: the story's towns, villages next to them, far towns, a world city.
TOWNS = (
    ("Ales", "Alès", 44.1249, 4.0808, 42_000),
    ("Anduze", None, 44.0617, 3.9867, 3_300),
    ("Nimes", "Nîmes", 43.8367, 4.3601, 150_000),
    ("Montpellier", None, 43.6109, 3.8772, 290_000),
    ("Avignon", None, 43.9493, 4.8055, 90_000),
    ("Saint-Christol-les-Ales", None, 44.0833, 4.0767, 6_100),
    ("Saint-Martin-de-Valgalgues", None, 44.1637, 4.0839, 4_700),
    ("Bagard", None, 44.0711, 4.0533, 2_200),
    ("Boisset-et-Gaujac", None, 44.0475, 4.0078, 2_500),
    ("Tokyo", None, 35.69, 139.69, 8_300_000),
)


@pytest.fixture(scope="module")
def gard_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    article = Article(id="gard", text=TEXT, title="Crue dans le Gard", date="2026-10-12")
    summaries = []
    for name, lat, lon in PLACES:
        place = Place(f"gn:{name}", name, LatLon(lat, lon), "town", country_code="FR")
        start = TEXT.index(name)
        mention = Mention("gard", start, start + len(name), name, TEXT, 0)
        summaries.append(PlaceSummary(place, (Resolution(mention, place, confidence=0.9),)))
    index = LabelIndex.of([(name, fr, None, lat, lon, pop) for name, fr, lat, lon, pop in TOWNS])
    labels = labels_for(index, summaries, lang="fr")
    path = tmp_path_factory.mktemp("basemap") / "gard.html"
    write_map(render_map(summaries, {"gard": article}, title="Crue dans le Gard", labels=labels), path)
    return path


def _zoom(page, z: int, center: tuple[float, float] = (44.09, 4.04)) -> None:
    page.evaluate("([z, c]) => map_geonews.setView(c, z, {animate: false})", [z, list(center)])
    page.wait_for_function(f"map_geonews.getZoom() === {z}")


def _labels(page) -> set[str]:
    return set(page.locator(".leaflet-geonews-labels-pane .gn-label span").all_inner_texts())


def test_town_names_at_zoom_6_9_and_12(offline_page, gard_map: Path) -> None:
    offline_page.open(gard_map)
    page = offline_page.page
    _zoom(page, 6)
    at6 = _labels(page)
    # Nîmes is a place of the story (named from zoom 5); Montpellier's name would cross Nîmes' circle until 7
    assert "Nîmes" in at6 and "Montpellier" not in at6 and "Bagard" not in at6
    _zoom(page, 7)
    assert "Montpellier" in _labels(page)
    _zoom(page, 9)
    at9 = _labels(page)
    assert {"Alès", "Nîmes", "Anduze", "Avignon"} <= at9  # the story's towns first
    _zoom(page, 12, (44.10, 4.06))
    at12 = _labels(page)
    assert {"Alès", "Saint-Christol-les-Ales", "Bagard", "Saint-Martin-de-Valgalgues"} <= at12
    assert "Montpellier" not in at12  # out of view: only what is near the view is in the page
    # DOM text, not pixels, set as text; under the markers' pane and the tiles
    assert page.evaluate("getComputedStyle(document.querySelector('.leaflet-geonews-labels-pane')).zIndex") == "180"
    assert offline_page.page_errors == []


def test_world_cities_named_when_zoomed_out(offline_page, gard_map: Path) -> None:
    offline_page.open(gard_map)
    page = offline_page.page
    _zoom(page, 4, (35.69, 139.69))
    assert "Tokyo" in _labels(page)


def test_regions_rivers_and_finer_coast_at_story_zoom(offline_page, gard_map: Path) -> None:
    offline_page.open(gard_map)
    page = offline_page.page
    _zoom(page, 3)
    assert page.locator(".leaflet-geonews-detail-pane path").count() == 0  # the world map is enough, nothing built
    _zoom(page, 6)
    for name in ("land", "coast", "borders"):
        assert page.locator(f"path.gn-detail-{name}").count() == 1, name
    assert page.locator("path.gn-detail-admin1").count() == 0  # dense layers wait for zoom 7
    _zoom(page, 9)
    for name in ("land", "coast", "admin1", "rivers", "sea"):  # (no country border near Alès)
        path = page.locator(f"path.gn-detail-{name}")
        assert path.count() == 1, name
        assert len(path.get_attribute("d") or "") > 20, name  # drawn in view, not an empty "M0 0"
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "Natural Earth" in attribution and "GSHHG" in attribution and "LGPL" in attribution
    # nothing was fetched: only map tiles tried to leave the machine
    hosts = {urlsplit(u).hostname for u in offline_page.blocked}
    assert hosts <= {"tile.openstreetmap.org"}, hosts
    assert offline_page.page_errors == []
