"""The rendered map in a real, offline, headless Chromium."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from geonews.model import Article, PlaceSummary
from geonews.render.map import marker_radius
from geonews.render.popup import popup_html

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
    ids = markers.evaluate_all("els => els.map(e => e.getAttribute('data-place-id'))")
    assert sorted(ids) == sorted(s.place.id for s in sample_summaries)
    dashed = markers.evaluate_all("els => els.filter(e => e.getAttribute('stroke-dasharray')).map(e => e.dataset.name)")
    assert dashed == ["Moscou"]
    # the view holds every place of the story from the start; Moscou, used for its government, is left out
    inside = "pts => pts.every(p => map_geonews.getBounds().contains(p))"
    story = [s for s in sample_summaries if s.place.display_name != "Moscou"]
    assert offline_page.page.evaluate(inside, [[s.place.point.lat, s.place.point.lon] for s in story])
    assert not offline_page.page.evaluate(inside, [[55.7522, 37.6156]])
    # the page sizes markers as marker_radius does
    offline_page.page.evaluate("map_geonews.setView([50, 90], 2, {animate: false})")
    widths = markers.evaluate_all("els => els.map(e => Math.round(e.getBBox().width * 10) / 10)")
    assert widths == [2 * marker_radius(1)] * len(sample_summaries)


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


def _as_browser_html(page, html: str) -> str:  # type: ignore[no-untyped-def]
    return page.evaluate("h => { const d = document.createElement('div'); d.innerHTML = h; return d.innerHTML; }", html)


def test_click_vladivostok_shows_highlighted_popup(
    offline_page,
    map_file: Path,
    tmp_path: Path,
    sample_summaries: list[PlaceSummary],
    sample_articles: dict[str, Article],
) -> None:
    offline_page.open(map_file)
    page = offline_page.page
    page.wait_for_function("document.querySelector('.geonews-offline') !== null")
    page.locator('path.geonews-marker[data-name="Vladivostok"]').click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert popup.locator("mark").first.inner_text() == "Vladivostok"
    # the page puts the popup back together from its shared pieces: exactly popup_html's markup, then the
    # correction tools the page adds (issue 17)
    vlad = next(s for s in sample_summaries if s.place.name == "Vladivostok")
    # the tools sit beside the popup's markup, in the element Leaflet shows (the content's one child)
    without_tools = ("e => { const c = e.firstElementChild.cloneNode(true); c.querySelector('.gn-fix').remove();"
                     " return c.innerHTML; }")
    shown = popup.evaluate(without_tools)
    assert shown == _as_browser_html(page, popup_html(vlad, sample_articles))
    assert popup.locator(".gn-fix .gn-fix-none").count() == 1
    assert "seul lieu de ce nom (ville)" in popup.inner_text()  # the reason, for French readers
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
    assert popup.locator("mark").all_inner_texts() == ["Oulan-Bator"]  # after an emoji and a 𝒳
    assert popup.locator("script, img, a").count() == 0  # javascript: URL not linked
    page.wait_for_timeout(200)
    assert offline_page.dialogs == []
    assert offline_page.page_errors == []


def test_tooltip_names_the_place(offline_page, map_file: Path) -> None:
    offline_page.open(map_file)
    page = offline_page.page
    page.evaluate("map_geonews.setView([50, 90], 2, {animate: false})")  # Moscou, an actor, is outside the first view
    page.locator('path.geonews-marker[data-name="Moscou"]').hover()
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text() == "Moscou"


# --- panel, search, filters, clustering --------------------------------------------------------------------


def _visible_names(page) -> list[str]:  # type: ignore[no-untyped-def]
    names = page.locator("path.geonews-marker").evaluate_all("els => els.map(e => e.getAttribute('data-name'))")
    return sorted(names)


def test_panel_sits_beside_the_map(offline_page, map_file: Path) -> None:
    offline_page.open(map_file)
    page = offline_page.page
    panel = page.locator("#gn-panel").bounding_box()
    mapbox = page.locator(".folium-map").bounding_box()
    assert panel is not None and mapbox is not None
    assert panel["x"] + panel["width"] <= mapbox["x"] + 1  # beside, never over the markers
    titles = page.locator("#gn-articles .gn-art-name").all_inner_texts()
    assert titles == ["Kim Jong-un à Vladivostok", '<script>alert("title")</script> "sommet"']
    page.locator("#gn-panel-toggle").click()
    page.wait_for_function("document.getElementById('gn-panel').offsetWidth === 0")
    wide = page.locator(".folium-map").bounding_box()
    assert wide is not None and wide["width"] > mapbox["width"]
    assert offline_page.page_errors == [] and offline_page.dialogs == []


def test_panel_collapses_on_narrow_screens(offline_page, map_file: Path) -> None:
    page = offline_page.page
    page.set_viewport_size({"width": 480, "height": 760})
    offline_page.open(map_file)
    assert page.locator("#gn-panel").is_hidden()
    page.locator("#gn-panel-toggle").click()
    assert page.locator("#gn-panel").is_visible()
    panel = page.locator("#gn-panel").bounding_box()
    mapbox = page.locator(".folium-map").bounding_box()
    assert panel is not None and mapbox is not None
    assert panel["y"] + panel["height"] <= mapbox["y"] + 1 and mapbox["height"] > 300


def test_search_finds_vladivostok_and_opens_its_popup(offline_page, map_file: Path) -> None:
    offline_page.open(map_file)
    page = offline_page.page
    box = page.locator("#gn-search")
    box.click()
    box.press_sequentially("vladiv")  # accents and case do not matter
    results = page.locator("#gn-results .gn-place")
    results.first.wait_for(state="visible")
    assert results.all_inner_texts() == ["Vladivostok"]
    box.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert popup.locator("mark").first.inner_text() == "Vladivostok"
    assert offline_page.page_errors == []


def test_click_place_in_panel_opens_popup(offline_page, map_file: Path) -> None:
    offline_page.open(map_file)
    page = offline_page.page
    page.locator("#gn-articles .gn-place", has_text="Moscou").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert popup.locator("h3").inner_text().startswith("Moscou")


def test_click_article_zooms_to_its_places(offline_page, map_file: Path) -> None:
    offline_page.open(map_file)
    page = offline_page.page
    page.evaluate("map_geonews.setView([-30, -60], 5, {animate: false})")
    inside = "pts => pts.every(p => map_geonews.getBounds().contains(p))"
    kim = [[43.1056, 131.8735], [55.7522, 37.6156], [39.0339, 125.7543]]
    assert page.evaluate(inside, kim) is False
    page.locator('#gn-articles [data-zoom="0"]').click()
    page.wait_for_function(f"({inside})({kim})")
    assert page.evaluate("map_geonews.getBounds().contains([-30, -60])") is False
    page.locator('#gn-articles [data-zoom="1"]').click()  # a single place: centred on it
    page.wait_for_function("map_geonews.getBounds().contains([47.9077, 106.8832])")


def test_time_slider_filters_by_article_date(offline_page, dated_map_file: Path) -> None:
    offline_page.open(dated_map_file)
    page = offline_page.page
    assert page.locator("#gn-time").is_visible()
    assert "2023-09-12 → 2023-09-19" in page.locator("#gn-time-label").inner_text()
    before = _visible_names(page)
    assert "Oulan-Bator" in before and len(before) == 5
    page.evaluate(
        "() => { const to = document.getElementById('gn-time-to');"
        " to.value = '0'; to.dispatchEvent(new Event('input', {bubbles: true})); }"
    )
    assert _visible_names(page) == sorted(n for n in before if n != "Oulan-Bator")
    assert page.locator("#gn-time-label").inner_text() == "2023-09-12 → 2023-09-12"
    page.evaluate(
        "() => { const f = document.getElementById('gn-time-from');"
        " f.value = '1'; f.dispatchEvent(new Event('input', {bubbles: true})); }"
    )
    assert _visible_names(page) == ["Oulan-Bator"]
    assert page.locator(".geonews-area").count() == 0  # Russia's area went with its article
    assert offline_page.page_errors == []


def test_country_is_a_clickable_area(offline_page, dated_map_file: Path) -> None:
    offline_page.open(dated_map_file)
    page = offline_page.page
    area = page.locator(".leaflet-geonews-areas-pane path.geonews-area")
    assert area.count() == 1 and area.get_attribute("data-name") == "Russie"
    page.evaluate("map_geonews.setView([62, 75], 3, {animate: false})")  # inside Russia, away from its marker
    page.mouse.click(*_map_point(page, 62, 75))
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert popup.locator("h3").inner_text().startswith("Russie")


def _map_point(page, lat: float, lon: float) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    x, y = page.evaluate(
        "ll => { const p = map_geonews.latLngToContainerPoint(ll); return [p.x, p.y]; }", [lat, lon]
    )
    box = page.locator(".folium-map").bounding_box()
    return box["x"] + x, box["y"] + y


def test_layer_control_toggles_articles_and_heat(offline_page, map_file: Path) -> None:
    offline_page.open(map_file)
    page = offline_page.page
    assert len(_visible_names(page)) == 4
    page.locator(".leaflet-control-layers").hover()
    kim = page.locator(".leaflet-control-layers-overlays label", has_text="Kim Jong-un").locator("input")
    kim.uncheck()
    assert _visible_names(page) == ["Oulan-Bator"]
    assert page.locator("#gn-articles .gn-art.gn-off").count() == 1
    kim.check()
    assert len(_visible_names(page)) == 4
    assert page.locator("canvas.gn-heat").count() == 0  # off by default
    heat = page.locator(".leaflet-control-layers-overlays label", has_text="Carte de chaleur")  # a French map
    heat.locator("input").check()
    assert page.locator("canvas.gn-heat").count() == 1
    assert page.locator(".gn-fullscreen a").count() == 1
    assert offline_page.page_errors == []
    assert _real_errors(offline_page.console_errors) == []


def test_screenshot_two_articles(offline_page, dated_map_file: Path, tmp_path: Path) -> None:
    offline_page.open(dated_map_file)
    page = offline_page.page
    page.wait_for_timeout(200)
    shot = tmp_path / "two-articles.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")


def test_clusters_on_5000_places(offline_page, big_map_file: Path, tmp_path: Path) -> None:
    offline_page.open(big_map_file, ready=".marker-cluster")
    page = offline_page.page
    # chunked loading: wait until every place is in a cluster or drawn on its own
    page.wait_for_function(
        "[...document.querySelectorAll('.marker-cluster')].reduce((n, c) => n + (+c.innerText), 0)"
        " + document.querySelectorAll('path.geonews-marker').length === 5000",
        timeout=15_000,
    )
    assert 5 <= page.locator(".marker-cluster").count() < 500
    box = page.locator("#gn-search")
    box.click()
    box.press_sequentially("Ville 4321")
    page.locator("#gn-results .gn-place").first.wait_for(state="visible")
    box.press("Enter")  # zooms into the cluster, then opens the popup
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=10_000)
    assert popup.locator("h3").inner_text() == "Ville 4321"
    shot = tmp_path / "clusters.png"
    page.screenshot(path=str(shot))
    print(f"screenshot: {shot}")
    assert offline_page.page_errors == []
    assert _real_errors(offline_page.console_errors) == []


def test_clustered_regions_show_their_disc_with_their_marker(offline_page, clustered_region_map_file: Path) -> None:
    offline_page.open(clustered_region_map_file, ready=".leaflet-container")
    page = offline_page.page
    page.evaluate("map_geonews.setView([40, 110], 3, {animate: false})")  # the story's view is closer: zoom out
    page.wait_for_selector(".marker-cluster")
    bubble = page.locator(".marker-cluster")
    counts = sorted(int(t) for t in bubble.all_inner_texts())
    singles = page.locator("path.geonews-marker").count()
    assert sum(counts) + singles == 5 and counts  # every place is drawn, in a bubble or on its own
    assert page.locator(".geonews-area").count() == 0  # Primorye is in a bubble with Vladivostok
    zoom = page.evaluate("map_geonews.getZoom()")
    page.locator(".marker-cluster", has_text="2").first.click()  # zooms in until the bubble splits
    page.wait_for_function(f"map_geonews.getZoom() > {zoom}")
    page.locator('path.geonews-marker[data-name="Primorskiy kray"]').wait_for(state="attached")
    area = page.locator(".leaflet-geonews-areas-pane path.geonews-area")
    assert area.count() == 1 and area.get_attribute("data-name") == "Primorskiy kray"
    page.evaluate("map_geonews.setView([20, 0], 1, {animate: false})")  # back to bubbles
    assert page.locator(".geonews-area").count() == 0
    box = page.locator("#gn-search")
    box.click()
    box.press_sequentially("primor")
    box.press("Enter")  # zooms until Primorye leaves its bubble, draws its disc, opens its popup
    page.locator(".leaflet-popup-content mark").first.wait_for(state="visible")
    assert page.locator(".leaflet-popup-content h3").inner_text() == "Primorskiy kray"
    assert page.locator(".geonews-area").count() == 1
    assert offline_page.page_errors == []


def test_panel_lists_places_as_they_scroll_into_view(offline_page, many_articles_map_file: Path) -> None:
    offline_page.open(many_articles_map_file, ready=".marker-cluster")
    page = offline_page.page
    assert page.locator("#gn-articles .gn-art").count() == 120  # every article is listed at once...
    last = page.locator('#gn-articles .gn-art[data-art="119"]')
    assert last.locator(".gn-place").count() == 0  # ...its places only when it comes near the view
    first_chips = page.locator('#gn-articles .gn-art[data-art="0"] .gn-place')
    first_chips.first.wait_for(state="attached")
    assert first_chips.count() == 10
    last.scroll_into_view_if_needed()
    last.locator(".gn-place").first.wait_for(state="attached")
    assert last.locator(".gn-place").count() == 10
    last.locator(".gn-place").first.click()  # zooms out of the bubble and opens the popup
    page.locator(".leaflet-popup-content h3").wait_for(state="visible")
    assert page.locator(".leaflet-popup-content h3").inner_text().startswith("Bourg")
    assert offline_page.page_errors == []
