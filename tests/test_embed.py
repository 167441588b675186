"""Embeddable fragments and the Jupyter display of a map (no browser: see tests/browser)."""

from __future__ import annotations

import html
import re

import pytest

from geonews.model import Article, LatLon, Mention, Place, PlaceSummary, Resolution
from geonews.render import render_map
from geonews.render.embed import MapDisplay, fragment

EVIL = '<script>alert("x")</script> & "sommet"'


@pytest.fixture(scope="module")
def page() -> str:
    text = "Vols vers Moscou."
    art = Article(id="a", text=text, title=EVIL, date="2024-01-02")
    moscow = Place("m", "Moscow", LatLon(55.75, 37.62), "capital", name_fr="Moscou")
    res = Resolution(Mention("a", 10, 16, "Moscou", text, 0), moscow, confidence=0.8)
    return render_map([PlaceSummary(moscow, (res,))], {"a": art}, title="Demo")


def _ids(markup: str) -> list[str]:
    return re.findall(r'\bid="([\w-]+)"', markup)


def test_fragment_is_not_a_page(page: str) -> None:
    frag = fragment(page, height_px=400)
    low = frag.lower()
    assert not re.search(r"<(html|head|body)[\s>]|<!doctype", low)
    assert frag.startswith('<geonews-map data-gn-fragment="') and ":host{height:400px !important}" in frag
    # no page-wide rules survive: html/body rules point at the map's wrapper
    css = "".join(re.findall(r"<style>(.*?)</style>", frag, re.S))
    assert not re.search(r"(^|[\s},])(html|body)\s*[,{.]", css)
    assert not re.search(r"#map\s*\{", css)


def test_the_map_lives_in_a_shadow_root(page: str) -> None:
    frag = fragment(page)
    template = re.search(r"<template data-gn-template=[^>]*>(.*)</template>", frag, re.S)
    assert template is not None
    # the host page's light DOM gets no element with an id: every id is inside the template (then the shadow root)
    outside = frag.replace(template.group(0), "")
    assert _ids(template.group(1)) and not _ids(re.sub(r"<script\b.*?</script>", "", outside, flags=re.S))
    assert "attachShadow" in frag and 'L.map(document.getElementById("map_geonews")' in frag


def test_each_call_has_its_own_globals(page: str) -> None:
    one, two = fragment(page), fragment(page)
    var_one = re.findall(r"var (map_\w+) = L\.map", one)
    var_two = re.findall(r"var (map_\w+) = L\.map", two)
    assert var_one and var_two and var_one != var_two
    hosts = [re.search(r'data-gn-fragment="(\w+)"', f).group(1) for f in (one, two)]  # type: ignore[union-attr]
    assert hosts[0] != hosts[1]


def test_escaping_survives(page: str) -> None:
    frag = fragment(page)
    assert EVIL not in frag
    assert "<script>alert" not in frag


def test_libraries_are_shared(page: str) -> None:
    one, two = fragment(page), fragment(page)
    keys_one = re.findall(r'data-gn-lib="([0-9a-f]+)"', one)
    assert keys_one and keys_one == re.findall(r'data-gn-lib="([0-9a-f]+)"', two)
    assert "Leaflet" in one


def test_rejects_other_pages_and_bad_heights(page: str) -> None:
    with pytest.raises(ValueError):
        fragment("<!DOCTYPE html><html><body><p>hi</p></body></html>")
    with pytest.raises(ValueError):
        fragment(page, height_px=10)


def test_map_display_iframe(page: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    shown = MapDisplay(page, height_px=321)._repr_html_()
    assert shown.startswith('<iframe srcdoc="') and "height:321px" in shown
    srcdoc = re.search(r'srcdoc="([^"]*)"', shown)
    assert srcdoc is not None and html.unescape(srcdoc.group(1)) == page
    assert "<script" not in shown  # all markup of the page is escaped in the attribute
    path = tmp_path / "m.html"
    path.write_text(page, encoding="utf-8")
    assert MapDisplay.from_file(path).html == page
