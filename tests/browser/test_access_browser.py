"""Language, keyboard and phone: the map as readers without a mouse, or on a phone, use it."""

from __future__ import annotations

from pathlib import Path

import pytest

from geonews.model import Article, PlaceSummary
from geonews.render import render_map, write_map

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def english_map_file(tmp_path_factory: pytest.TempPathFactory, sample_summaries: list[PlaceSummary]) -> Path:
    text = "Kim Jong-un arrived in Vladivostok on Tuesday. Moscow welcomed the visit."
    articles = {"kim": Article(id="kim", text=text, title="Kim in Vladivostok", date="2023-09-12")}
    path = tmp_path_factory.mktemp("maps") / "english.html"
    write_map(render_map(sample_summaries, articles, title="Kim's visit"), path)
    return path


def test_language_and_interface_strings_follow_the_articles(
    offline_page, map_file: Path, english_map_file: Path
) -> None:
    page = offline_page.page
    offline_page.open(map_file)  # French articles
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.locator("#gn-search").get_attribute("placeholder") == "Chercher un lieu…"
    assert page.locator(".leaflet-control-layers-overlays").inner_text().count("Carte de chaleur") == 1
    assert page.locator(".gn-legend").inner_text().startswith("Article")  # two articles: colours by article
    assert "lieu" in page.locator("#gn-articles .gn-art-meta").first.inner_text()
    offline_page.open(english_map_file)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("#gn-search").get_attribute("placeholder") == "Find a place…"
    assert page.locator(".gn-legend").inner_text().startswith("Confidence")
    assert page.locator("#gn-articles .gn-art-meta").first.inner_text() == "12 September 2023 · 3 places"
    page.locator("path.geonews-marker[data-name='Vladivostok']").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert "city · Russia" in popup.inner_text() and "why this place" in popup.inner_text().lower()


def test_keyboard_reaches_a_marker_opens_and_closes_its_popup(offline_page, map_file: Path) -> None:
    page = offline_page.page
    offline_page.open(map_file)
    page.locator("#gn-search").focus()
    for _ in range(60):  # Tab through the page until a place's dot has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('geonews-marker')"):
            break
    else:
        pytest.fail("no marker is reachable with Tab")
    name = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "button" and name
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert popup.locator("h3").inner_text().startswith(name)
    assert page.evaluate("document.activeElement === document.querySelector('.leaflet-popup-content')")
    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == name  # focus is back on the dot
    page.keyboard.press(" ")
    popup.wait_for(state="visible")
    assert offline_page.page_errors == []


def test_phone_popup_close_button_is_visible_and_clickable(offline_page, map_file: Path) -> None:
    page = offline_page.page
    page.set_viewport_size({"width": 390, "height": 844})
    offline_page.open(map_file)
    legend = page.locator(".gn-legend")
    assert legend.locator(".gn-legend-row").first.is_hidden()  # folded: it hides no marker
    page.locator(".gn-legend-title").click()
    assert legend.locator(".gn-legend-row").first.is_visible()
    page.locator(".gn-legend-title").click()
    for name in ("Vladivostok", "Moscou", "Pyongyang", "Oulan-Bator"):
        page.locator(f"path.geonews-marker[data-name='{name}']").dispatch_event("click")
        popup = page.locator(".leaflet-popup")
        popup.wait_for(state="visible")
        page.wait_for_timeout(350)  # the map pans the popup into view
        close = page.locator(".leaflet-popup-close-button")
        box = close.bounding_box()
        assert box is not None and box["x"] >= 0 and box["y"] >= 0
        assert box["x"] + box["width"] <= 390 and box["y"] + box["height"] <= 844
        centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        on_top = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('.leaflet-popup-close-button') !== null", list(centre)
        )
        assert on_top, f"something covers the close button of {name}'s popup"
        assert legend.is_hidden()  # no control over an open popup
        close.click()
        popup.wait_for(state="detached")
    assert offline_page.page_errors == []


def test_phone_panel_closes_after_choosing_a_place(offline_page, map_file: Path) -> None:
    page = offline_page.page
    page.set_viewport_size({"width": 390, "height": 844})
    offline_page.open(map_file)
    page.locator("#gn-panel-toggle").click()
    assert page.locator("#gn-panel").is_visible()
    page.locator("#gn-articles .gn-place", has_text="Moscou").click()
    page.locator(".leaflet-popup-content").wait_for(state="visible")
    assert page.locator("#gn-panel").is_hidden()
    assert page.locator("#gn-panel-toggle").get_attribute("aria-expanded") == "false"


def test_first_view_frames_a_regional_story(offline_page, tmp_path: Path) -> None:
    from geonews.model import LatLon, Mention, Place, Resolution

    text = "La crue a touché Alès, Anduze et Nîmes. La France est en alerte, Paris a réagi."

    def summary(place: Place, word: str, *, metonymic: bool = False) -> PlaceSummary:
        start = text.index(word)
        mention = Mention("gard", start, start + len(word), word, text, 0)
        return PlaceSummary(place, (Resolution(mention, place, confidence=0.9, metonymic=metonymic),))

    towns = [
        Place("a", "Alès", LatLon(44.1281, 4.0817), "town", country_code="FR"),
        Place("b", "Anduze", LatLon(44.0517, 3.9858), "village", country_code="FR"),
        Place("c", "Nîmes", LatLon(43.8367, 4.3601), "city", country_code="FR"),
    ]
    summaries = [summary(t, t.name) for t in towns]
    summaries.append(summary(Place("f", "France", LatLon(46.0, 2.0), "country", country_code="FR"), "France"))
    paris = Place("p", "Paris", LatLon(48.8534, 2.3488), "capital", country_code="FR")
    summaries.append(summary(paris, "Paris", metonymic=True))
    path = tmp_path / "gard.html"
    write_map(render_map(summaries, {"gard": Article(id="gard", text=text, title="Crue dans le Gard")}), path)
    offline_page.open(path)
    page = offline_page.page
    inside = "pts => pts.every(p => map_geonews.getBounds().contains(p))"
    assert page.evaluate(inside, [[t.point.lat, t.point.lon] for t in towns])
    assert page.evaluate("map_geonews.getZoom()") >= 8  # the towns' own scale, not France's
    assert not page.evaluate(inside, [[46.0, 2.0]]) and not page.evaluate(inside, [[48.8534, 2.3488]])


def test_report_mode_is_a_still_picture(offline_page, map_file: Path) -> None:
    """What --png/--pdf capture: no controls, names on the places, one title and a source/date line."""
    page = offline_page.page
    offline_page.open(map_file)
    controls = ".leaflet-control-zoom, .gn-fullscreen, .leaflet-control-layers, #gn-panel-toggle"
    assert page.locator(controls).count() == 4 and page.locator(".gn-label").count() == 0
    assert page.locator(".gn-report-line").is_hidden()
    page.goto("about:blank")
    page.goto(map_file.resolve().as_uri() + "#gn-report")
    page.wait_for_selector(".gn-label", state="attached")
    assert page.locator(".leaflet-control-zoom, .gn-fullscreen, .leaflet-control-layers").count() == 0
    assert page.locator("#gn-panel-toggle").is_hidden()
    assert page.locator("#gn-panel").is_hidden() and page.locator(".gn-header .gn-articles").is_hidden()
    labels = page.locator(".leaflet-tooltip.gn-label").all_inner_texts()
    assert "Vladivostok" in labels and "Moscou" in labels
    line = page.locator(".gn-report-line")
    assert line.is_visible() and line.inner_text() == "Source : example.org · 12 septembre 2023"
    assert page.locator(".gn-legend .gn-legend-row").first.is_visible()
    assert page.locator(".leaflet-control-attribution").is_visible()
    assert offline_page.page_errors == []


def test_many_articles_keep_their_colours_and_toggles(offline_page, many_articles_map_file: Path) -> None:
    page = offline_page.page
    offline_page.open(many_articles_map_file, ready=".gn-art")
    colours = page.evaluate("JSON.parse(document.getElementById('geonews-articles').textContent).map(a => a.color)")
    assert len(colours) == 120 and len(set(colours)) == 120
    boxes = page.locator("#gn-articles .gn-art-show")
    assert boxes.count() == 120  # past the layer control's 40, each article still has its switch
    page.evaluate("map_geonews.on('geonews:filtered', e => { window.__shown = e.count; })")
    off = "document.querySelector('#gn-articles [data-art=\"5\"]').classList.contains('gn-off')"
    boxes.nth(5).uncheck()
    assert page.evaluate("window.__shown") == 1190 and page.evaluate(off)  # its 10 places are hidden
    boxes.nth(5).check()
    assert page.evaluate("window.__shown") == 1200 and not page.evaluate(off)
    assert offline_page.page_errors == []


def test_table_of_places(offline_page, map_file: Path) -> None:
    page = offline_page.page
    offline_page.open(map_file)
    toggle = page.locator("#gn-table-toggle")
    assert toggle.inner_text() == "Tableau des lieux" and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    table = page.locator("#gn-table table.gn-table")
    assert table.locator("caption").inner_text() == "Tableau des lieux"
    assert table.locator("thead th").all_inner_texts() == ["Lieu", "Type", "Région, pays", "Mentions", "Confiance"]
    rows = table.locator("tbody tr")
    assert rows.count() == 4
    cells = {r[0]: r for r in (rows.nth(i).locator("th, td").all_inner_texts() for i in range(4))}
    assert cells["Vladivostok"][1:] == ["ville", "Russie", "1", "92 %"]
    assert page.locator("#gn-articles").is_hidden() and toggle.get_attribute("aria-expanded") == "true"
    table.locator("button", has_text="Pyongyang").focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup-content h3").wait_for(state="visible")
    assert page.locator(".leaflet-popup-content h3").inner_text().startswith("Pyongyang")
    toggle.click()
    assert page.locator("#gn-articles").is_visible()
    assert offline_page.page_errors == []
