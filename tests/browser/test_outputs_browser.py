"""Embedded maps in a real browser, offline: two fragments on one page, and the Jupyter iframe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from geonews.model import Article, PlaceSummary
from geonews.render import render_map
from geonews.render.embed import MapDisplay, fragment

pytestmark = pytest.mark.browser

HOST = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Host</title>
<style>body{{margin:20px;background:rgb(250, 240, 230)}}</style></head>
<body><h1 id="map">Host page</h1><p>Before.</p>
{first}
<p>Between.</p>
{second}
<p id="after">After.</p></body></html>
"""


def _host(tmp_path: Path, first: str, second: str) -> Path:
    path = tmp_path / "host.html"
    path.write_text(HOST.format(first=first, second=second), encoding="utf-8")
    return path


_NETWORK = ("net::ERR_INTERNET_DISCONNECTED",)


def _assert_clean(offline_page: Any) -> None:
    # failed tile requests (browser believes it is online) are the network failing, not the page
    errors = [m for m in offline_page.console_errors if not any(n in m for n in _NETWORK)]
    assert errors == []
    if offline_page.page.evaluate("navigator.onLine") is False:
        assert offline_page.console_errors == []
    assert all(u.startswith("https://tile.openstreetmap.org/") for u in offline_page.blocked)
    assert offline_page.page_errors == []
    assert offline_page.dialogs == []


def test_two_fragments_on_one_page(
    offline_page: Any,
    tmp_path: Path,
    sample_summaries: list[PlaceSummary],
    sample_articles: dict[str, Article],
) -> None:
    kim = {"kim": sample_articles["kim"]}
    first = render_map(sample_summaries, sample_articles, title="Tout")
    second = render_map([s for s in sample_summaries if "kim" in s.article_ids], kim, title="Kim seul")
    path = _host(tmp_path, fragment(first, height_px=420), fragment(second, height_px=360))
    page = offline_page.page
    offline_page.open(path)
    embeds = page.locator(".gn-embed")  # Playwright's locators look inside the shadow roots
    embeds.nth(1).wait_for(state="attached")
    embeds.nth(1).locator("path.geonews-marker").first.wait_for(state="attached")
    assert embeds.nth(0).locator("path.geonews-marker").count() == len(sample_summaries)
    assert embeds.nth(1).locator("path.geonews-marker").count() == 3
    assert embeds.nth(1).locator('path.geonews-marker[data-name="Oulan-Bator"]').count() == 0
    heights = [round(embeds.nth(i).bounding_box()["height"]) for i in range(2)]
    assert heights == [420, 360]
    for i in range(2):  # each map fills its fragment under its own title bar
        box = embeds.nth(i).locator(".leaflet-container").bounding_box()
        assert box["height"] > 250 and box["width"] > 600
        assert embeds.nth(i).locator(".gn-legend").count() == 1
    # the host page keeps its own page-wide styles; ids did not clash
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(250, 240, 230)"
    assert page.evaluate("getComputedStyle(document.body).display") == "block"
    assert page.evaluate("getComputedStyle(document.getElementById('map')).position") == "static"
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids))
    assert page.evaluate("Object.keys(window.__geonewsLibs).length") >= 1
    # a click in the second map opens its popup there, not in the first
    embeds.nth(1).locator('path.geonews-marker[data-name="Vladivostok"]').click()
    embeds.nth(1).locator(".leaflet-popup-content").wait_for(state="visible")
    assert "Vladivostok" in embeds.nth(1).locator(".leaflet-popup-content").inner_text()
    assert embeds.nth(0).locator(".leaflet-popup-content").count() == 0
    page.locator("#after").scroll_into_view_if_needed()
    _assert_clean(offline_page)


@pytest.mark.parametrize("cluster", [False, True])
def test_same_map_twice(
    cluster: bool,
    offline_page: Any,
    tmp_path: Path,
    sample_summaries: list[PlaceSummary],
    sample_articles: dict[str, Article],
) -> None:
    page_html = render_map(sample_summaries, sample_articles, title="Deux fois", cluster=cluster)
    path = _host(tmp_path, fragment(page_html), fragment(page_html))
    offline_page.open(path)
    page = offline_page.page
    for i in range(2):  # both copies drew their places (near the first view: clustered maps draw no more)
        page.locator(".gn-embed").nth(i).locator("path.geonews-marker").first.wait_for(state="attached")
    # the side panel of the second copy drives the second map only
    second = page.locator(".gn-embed").nth(1)
    chip = second.locator(".gn-place", has_text="Vladivostok").first
    if chip.count():
        chip.click()
        second.locator(".leaflet-popup-content").wait_for(state="visible")
        assert page.locator(".gn-embed").nth(0).locator(".leaflet-popup-content").count() == 0
    _assert_clean(offline_page)


def test_map_display_iframe_srcdoc(
    offline_page: Any,
    tmp_path: Path,
    sample_summaries: list[PlaceSummary],
    sample_articles: dict[str, Article],
) -> None:
    shown = MapDisplay(render_map(sample_summaries, sample_articles, title="Jupyter"), height_px=400)
    path = tmp_path / "notebook.html"
    path.write_text(f"<!DOCTYPE html><html><body>{shown._repr_html_()}</body></html>", encoding="utf-8")
    page = offline_page.page
    page.goto(path.resolve().as_uri())
    frame = page.frame_locator("iframe")
    frame.locator("path.geonews-marker").first.wait_for(state="attached")
    assert frame.locator("path.geonews-marker").count() == len(sample_summaries)
    assert round(page.locator("iframe").bounding_box()["height"]) == 402  # 400 + its 1 px border
    frame.locator('path.geonews-marker[data-name="Vladivostok"]').click()
    frame.locator(".leaflet-popup-content").wait_for(state="visible")
    _assert_clean(offline_page)


HOSTILE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Hostile</title><style>
*{box-sizing:content-box !important;text-transform:uppercase !important;color:red !important;
  font:bold 22px/3 serif !important;letter-spacing:3px !important;margin:0 !important}
html,body{background:navy !important}
div,section,geonews-map{display:inline !important;padding:30px !important;border:5px solid lime !important;
  height:20px !important;width:50% !important}
h1,h3{font-size:44px !important}
button,input{all:unset !important}
svg,path{display:none !important}
.gn-panel,.gn-legend,.leaflet-popup{position:fixed !important;top:0 !important;z-index:99999 !important}
</style></head><body><article><p>Before the map.</p>
{fragment}
<p id="after">After the map.</p></article></body></html>
"""


def test_a_fragment_keeps_its_layout_in_a_hostile_page(
    offline_page: Any, tmp_path: Path, sample_summaries: list[PlaceSummary], sample_articles: dict[str, Article]
) -> None:
    path = tmp_path / "hostile.html"
    map_html = render_map(sample_summaries, sample_articles, title="Visite de Kim")
    path.write_text(HOSTILE.replace("{fragment}", fragment(map_html, height_px=460)), encoding="utf-8")
    offline_page.open(path)
    page = offline_page.page
    host = page.locator("geonews-map")
    markers = host.locator("path.geonews-marker")
    markers.first.wait_for(state="attached")
    assert markers.count() == len(sample_summaries)
    box = host.bounding_box()
    assert box is not None and round(box["height"]) == 460 and box["width"] > 700

    def style(selector: str, prop: str) -> str:
        return str(host.locator(selector).first.evaluate(f"e => getComputedStyle(e).{prop}"))

    assert style(".gn-header h1", "color") == "rgb(255, 255, 255)"
    assert style(".gn-header h1", "fontSize") == "17px" and style(".gn-header h1", "textTransform") == "none"
    assert style(".gn-place", "textTransform") == "none" and style(".gn-place", "color") != "rgb(255, 0, 0)"
    assert style("#gn-panel", "position") == "static" and style("#gn-panel", "display") == "flex"
    assert style("path.geonews-marker", "display") != "none"
    panel, search = host.locator("#gn-panel").bounding_box(), host.locator("#gn-search").bounding_box()
    assert panel is not None and round(panel["width"]) == 300
    assert search is not None and 250 < search["width"] < 300  # the search box is whole
    leaflet = host.locator(".leaflet-container").bounding_box()
    assert leaflet is not None and leaflet["height"] > 350 and leaflet["x"] >= panel["x"] + panel["width"] - 1
    # a popup opens above the legend, inside the map
    host.locator('path.geonews-marker[data-name="Vladivostok"]').dispatch_event("click")
    popup = host.locator(".leaflet-popup")
    popup.wait_for(state="visible")
    page.wait_for_timeout(400)  # the map pans the popup into view
    assert style(".leaflet-popup", "position") == "absolute"
    close = host.locator(".leaflet-popup-close-button").bounding_box()
    assert close is not None
    hit = host.evaluate(
        "(h, [x, y]) => { const e = h.shadowRoot.elementFromPoint(x, y); return !!e?.closest('.leaflet-popup'); }",
        [close["x"] + close["width"] / 2, close["y"] + close["height"] / 2],
    )
    assert hit is True
    # the host page keeps its own styles
    assert page.evaluate("getComputedStyle(document.getElementById('after')).color") == "rgb(255, 0, 0)"
    _assert_clean(offline_page)
