"""The rendered map in a real, offline, headless Chromium."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from geonews.model import PlaceSummary

pytestmark = pytest.mark.browser


def _real_errors(messages: list[str]) -> list[str]:
    # When the browser believes it is online, the aborted tile requests are
    # reported as console errors: that is the network failing, not the page.
    return [m for m in messages if "net::ERR_INTERNET_DISCONNECTED" not in m]


def test_loads_offline_without_errors(offline_page, map_file: Path) -> None:
    offline_page.open(map_file)
    page = offline_page.page
    page.wait_for_function("document.querySelector('.geonews-offline') !== null")
    assert offline_page.page_errors == []
    assert offline_page.dialogs == []
    assert _real_errors(offline_page.console_errors) == []
    if page.evaluate("navigator.onLine") is False:
        assert offline_page.console_errors == []  # known offline: not one failed request
    assert page.evaluate("typeof L") == "object"
    # the only requests that tried to leave the machine were map tiles
    hosts = {urlsplit(u).hostname for u in offline_page.blocked}
    assert hosts <= {"tile.openstreetmap.org"}, hosts


def test_one_marker_per_place(offline_page, map_file: Path, sample_summaries: list[PlaceSummary]) -> None:
    offline_page.open(map_file)
    markers = offline_page.page.locator("path.geonews-marker")
    assert markers.count() == len(sample_summaries)
    names = sorted(markers.evaluate_all("els => els.map(e => e.getAttribute('data-name'))"))
    assert names == sorted(s.place.display_name for s in sample_summaries)


def test_basemap_drawn_under_tiles_and_tiles_dropped(offline_page, map_file: Path, tmp_path: Path) -> None:
    offline_page.open(map_file)
    page = offline_page.page
    page.wait_for_function("document.querySelector('.geonews-offline') !== null")
    paths = page.locator(".leaflet-geonews-basemap-pane path")
    assert paths.count() > 100
    z = page.evaluate(
        "[getComputedStyle(document.querySelector('.leaflet-geonews-basemap-pane')).zIndex,"
        " getComputedStyle(document.querySelector('.leaflet-tile-pane')).zIndex]"
    )
    assert int(z[0]) < int(z[1])
    assert page.locator(".leaflet-tile-pane img").count() == 0  # failed OSM layer removed
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "GeoNames (CC-BY 4.0)" in attribution and "Natural Earth" in attribution
    shot = tmp_path / "overview.png"
    page.screenshot(path=str(shot))
    print(f"screenshot: {shot}")


def test_click_vladivostok_shows_highlighted_popup(offline_page, map_file: Path, tmp_path: Path) -> None:
    offline_page.open(map_file)
    page = offline_page.page
    page.wait_for_function("document.querySelector('.geonews-offline') !== null")
    page.locator('path.geonews-marker[data-name="Vladivostok"]').click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert popup.locator("mark").first.inner_text() == "Vladivostok"
    assert "only city of that name" in popup.inner_text()
    link = popup.locator("a")
    assert link.get_attribute("href") == "https://example.org/kim"
    assert link.get_attribute("rel") == "noopener noreferrer"
    page.wait_for_timeout(300)  # let the popup's pan animation settle
    shot = tmp_path / "map.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")
    assert offline_page.page_errors == []


def test_hostile_article_stays_text(offline_page, map_file: Path) -> None:
    offline_page.open(map_file)
    page = offline_page.page
    page.locator('path.geonews-marker[data-name="Oulan-Bator"]').click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    text = popup.inner_text()
    assert '<script>alert("title")</script> "sommet"' in text
    assert "<img src=x onerror=alert(2)>" in text
    assert popup.locator("script, img, a").count() == 0  # javascript: URL not linked
    page.wait_for_timeout(200)
    assert offline_page.dialogs == []
    assert offline_page.page_errors == []


def test_tooltip_names_the_place(offline_page, map_file: Path) -> None:
    offline_page.open(map_file)
    page = offline_page.page
    page.locator('path.geonews-marker[data-name="Moscou"]').hover()
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text() == "Moscou"
