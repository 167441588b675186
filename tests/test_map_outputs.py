"""Issue 12, trustworthy map outputs: any article text renders, the offline check reads markup only.

Ordinary article text (``@import theme``, ``url(//cdn.example/a.png)``, ``<img src=x>``,
``</script>``, a lone surrogate) is data: it renders as escaped text and never trips the
check that a page loads nothing from the web, on the single map, the combined map, the
index page and the fragment.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geonews.model import Article, LatLon, Mention, Place, PlaceSummary, Resolution
from geonews.render import external_resources, render_map, write_map
from geonews.render.embed import fragment
from geonews.render.escape import scrub_surrogates
from geonews.render.index_page import IndexEntry, render_index

NASTY = [
    "@import theme",
    "@import url(https://fonts.example/a.css);",
    "url(//cdn.example/a.png)",
    "background:url(https://x.example/i.png)",
    "<img src=x>",
    '<img src="https://t.example/p.gif">',
    "<script src=//evil.example/x.js></script>",
    "</script><script>alert(1)</script>",
    "<!-- <script>",
    "<link rel=stylesheet href=//a.example/s.css>",
    "{{ jinja }} {% raw %}",
    "a\ud800b\udfffc",  # lone surrogates: possible in a Python str, not encodable as UTF-8
    "\u2028\u2029",
]


def _summary(article: Article, name: str, place_id: str = "p1") -> PlaceSummary:
    start = article.text.index("Moscou")
    mention = Mention(article.id, start, start + 6, "Moscou", article.text, 0)
    place = Place(place_id, name, LatLon(55.75, 37.62), "capital", country_code="RU", name_fr=name)
    return PlaceSummary(place, (Resolution(mention, place, confidence=0.8),))


def _article(article_id: str, extra: str, url: str | None = None) -> Article:
    return Article(id=article_id, text=f"{extra} Vols vers Moscou. {extra}", title=extra, url=url,
                   date="2024-05-01", source=extra)


def _all_pages(article_id: str, text: str, title: str, url: str | None, name: str) -> list[str]:
    art = Article(id=article_id, text=f"{text} Vols vers Moscou. {text}", title=title, url=url)
    other = _article("other", "Sommet", url="https://example.org/b")
    one = [_summary(art, name)]
    single = render_map(one, {art.id: art}, title=title or art.id)
    combined = render_map([*one, _summary(other, "Moscou", "p2")], {art.id: art, other.id: other},
                          title=title or "all")
    index = render_index([IndexEntry("a.html", title, "2024-05-01", 1, 1, article_id=article_id),
                          IndexEntry("combined.html", title, combined=True)], title=title)
    return [single, combined, index, fragment(single), fragment(combined)]


@pytest.mark.parametrize("nasty", NASTY)
def test_article_text_never_trips_the_offline_check(nasty: str) -> None:
    pages = _all_pages(nasty, nasty, nasty, nasty, nasty)
    for page in pages:
        assert external_resources(page) == []
        page.encode("utf-8")  # what write_map does


class _Tags(HTMLParser):
    """The start tags of a page and the contents of its JSON data blocks, as a browser parses them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data: list[str] = []
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_data = tag == "script" and dict(attrs).get("type") == "application/json"
        if self._in_data:
            self.data.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data[-1] += data


@pytest.mark.parametrize("nasty", NASTY)
def test_nasty_text_stays_data(nasty: str) -> None:
    """No tag of the page comes from the article, and every JSON block holds all its data."""
    single = _all_pages("a", nasty, nasty, None, nasty)[0]
    parser = _Tags()
    parser.feed(single)
    parser.close()
    assert not [t for t, _ in parser.tags if t in ("img", "link", "iframe")]
    assert not [a for t, a in parser.tags if t == "script" and "src" in a]
    blocks = [json.loads(text) for text in parser.data]  # each block ends where its JSON ends
    assert len(blocks) == 6  # basemap, articles, places, popups, basemap detail, town names
    places = blocks[2]
    assert places["name"] == [scrub_surrogates(nasty)]


def test_lone_surrogate_is_written_as_replacement_character(tmp_path: Path) -> None:
    page = _all_pages("a\ud800", "t\udc00", "T\ud800", None, "N\udfff")[0]
    target = tmp_path / "m.html"
    write_map(page, target)
    written = target.read_text(encoding="utf-8")
    assert "T\ufffd" in written and "N\ufffd" in written
    write_map("x\ud800y", target)
    assert target.read_text(encoding="utf-8") == "x\ufffdy"


def test_the_check_still_sees_the_page_markup() -> None:
    """The check reads the markup: a real resource tag or CSS import is still found."""
    assert external_resources('<body><img src="https://t.example/p.gif"></body>') == ["https://t.example/p.gif"]
    assert external_resources("<style>@import 'a.css';</style>") == ["a.css"]
    assert external_resources('<div style="background:url(//x.example/i.png)"></div>') == ["//x.example/i.png"]
    assert external_resources('<script>var s = "<script src=//e.example/x.js>";</script>') == ["//e.example/x.js"]
    # ...but text and JSON data blocks are not markup
    assert external_resources("<p>@import theme; url(//cdn.example/a.png) &lt;img src=x&gt;</p>") == []
    assert external_resources('<script type="application/json" id="d">{"a":"<img src=x>"}</script>') == []


# any text, lone surrogates included (Python strings may hold them), and the known troublemakers
_chars = st.characters() | st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
_texts = st.text(alphabet=_chars, max_size=40) | st.sampled_from(NASTY)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_id=_texts.filter(bool), text=_texts, title=_texts, url=st.none() | _texts,
       name=_texts.filter(bool))
def test_any_article_renders_every_page(article_id: str, text: str, title: str, url: str | None,
                                        name: str) -> None:
    for page in _all_pages(article_id, text, title, url, name):
        assert external_resources(page) == []
        page.encode("utf-8")


def test_template_syntax_in_a_title_is_text_not_template() -> None:
    """folium re-parses the map's init script as a Jinja template: article titles must not run in it."""
    a = _article("a", "{{ 7 * 7 }} {# x")
    b = _article("b", "{% raw %}")
    page = render_map([_summary(a, "Moscou"), _summary(b, "Moscou", "p2")], {"a": a, "b": b})
    init = re.search(r"geonewsInit\([\w$]+, (\{.*\})\);", page)
    assert init is not None
    legend = json.loads(init.group(1))["legend"]
    assert "{{ 7 * 7 }} {# x" in legend and "{% raw %}" in legend and "49" not in legend
