"""Self-contained, offline HTML maps of the places articles mention.

The page is built with folium, but nothing is linked from a CDN: Leaflet's
JS/CSS are inlined (see :mod:`geonews.render.assets`), the world basemap
(Natural Earth 1:110m) is embedded, and the places travel as JSON drawn by a
short script, so a map with tens of thousands of places stays light: one
blob of columns (names, coordinates, styles...) read at load, and one of
popups, read on the first click, where every piece repeated between popups
is sent once.

Layers, bottom to top: the embedded basemap (its own pane, under the tiles),
OpenStreetMap tiles (dropped as soon as they fail to load, so the basemap
shows offline), shaded areas for countries and regions, then one circle
marker per place. Big maps group nearby markers into numbered bubbles
(styled by Leaflet.markercluster's stylesheet, clustered by the page's own
script, zoom level by zoom level). A side panel beside the map lists the
articles and their places, with a place search and, when articles are
dated, a date-range slider; the layer control toggles each article and a
heat map. The page script and styles are files (see :mod:`geonews.render.frontend`).

    >>> page = render_map([], {})
    >>> page.startswith("<!DOCTYPE html>") and "GeoNames" in page
    True
    >>> from geonews.render.assets import external_resources
    >>> external_resources(page)
    []
"""

from __future__ import annotations

import colorsys
import datetime as _dt
import json
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import folium
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from geonews.model import Article, PlaceSummary
from geonews.render.areas import AREA_RADIUS_KM, CountryShapes
from geonews.render.assets import external_resources, inline_assets, markercluster_css, script_tag, style_tag
from geonews.render.basemap import Label, detail_blob, detail_boxes, labels_blob, story_points
from geonews.render.escape import MARK_CLOSE, MARK_OPEN, escape_html, scrub_surrogates
from geonews.render.frontend import page_css, page_js
from geonews.render.i18n import Messages, messages, ui_lang_of
from geonews.render.popup import Quote, place_location, popup_parts, top_resolution
from geonews.render.view import ViewPoint, story_bounds, story_max_zoom

__all__ = [
    "ATTRIBUTION",
    "CLUSTER_THRESHOLD",
    "COLOR_MODES",
    "MAX_ZOOM",
    "OSM_TILES",
    "PALETTE",
    "confidence_opacity",
    "load_basemap",
    "marker_color",
    "marker_radius",
    "render_map",
    "write_map",
]

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
MAX_ZOOM = 18
_ATTR_DATA = (
    'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC-BY 4.0) · '
    'Basemap: <a href="https://www.naturalearthdata.com/">Natural Earth</a>'
)
_ATTR_OSM = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
#: What the map credits while the OSM tiles show (without the OSM part once they are dropped).
ATTRIBUTION = f"{_ATTR_DATA} · {_ATTR_OSM}"

#: Marker colours by confidence band: (lower bound, fill, label's key in the messages).
_BANDS: tuple[tuple[float, str, str], ...] = (
    (0.75, "#1f6fb4", "band_high"),
    (0.5, "#f08c00", "band_mid"),
    (0.0, "#d62728", "band_low"),
)
#: Marker radius in pixels: base, step per square root of the mention count, cap (the page uses them too).
_RADIUS = (6.0, 4.0, 28.0)
#: Maps of at most this many places carry the correction tools (mentions and runners-up of each place).
CORRECTIONS_LIMIT = 5000
#: Maps with at least this many places cluster their markers (``cluster=None``).
CLUSTER_THRESHOLD = 200
#: Clustering: markers closer than this many pixels share a bubble, up to (not including) this zoom.
_CLUSTER_RADIUS_PX = 45
_CLUSTER_UNTIL_ZOOM = 15
#: In a printed map (report mode), the biggest places that carry their name.
_REPORT_LABELS = 40
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_WORLD_CENTER = (20.0, 10.0)


def marker_radius(mention_count: int) -> float:
    """Circle radius in pixels: ``6 + 4·√n``, capped at 28.

    >>> marker_radius(1), marker_radius(4), marker_radius(10_000)
    (10.0, 14.0, 28.0)
    """
    base, step, cap = _RADIUS
    return round(min(base + step * math.sqrt(max(1, mention_count)), cap), 1)


def marker_color(confidence: float) -> str:
    """Fill colour for a confidence in [0, 1].

    >>> marker_color(0.9), marker_color(0.6), marker_color(0.1)
    ('#1f6fb4', '#f08c00', '#d62728')
    """
    for lower, color, _ in _BANDS:
        if confidence >= lower:
            return color
    return _BANDS[-1][1]


@lru_cache(maxsize=1)
def _basemap_text() -> str:
    return (files("geonews") / "data" / "world_110m.geojson").read_text(encoding="utf-8")


def load_basemap() -> dict[str, Any]:
    """The embedded world basemap (Natural Earth 1:110m countries) as GeoJSON.

    >>> world = load_basemap()
    >>> world["type"], len(world["features"]) > 170, world["attribution"]
    ('FeatureCollection', True, 'Natural Earth (public domain)')
    """
    data: dict[str, Any] = json.loads(_basemap_text())
    return data


_UNSAFE_IN_SCRIPT = re.compile(r"<(?=[/!sS])")


def _json_for_script(value: Any) -> str:
    """Compact JSON for a ``<script type="application/json">`` block.

    Only what could end the block or switch the parser's script states is
    escaped (``</``, ``<!--``, ``<script``), so popup markup stays short: in a
    script block nothing else is markup, and the block ends at the first
    ``</script``, which the data can no longer hold. Lone surrogates (which
    UTF-8 cannot encode) become U+FFFD.

    >>> print(_json_for_script({"a": "</script><!-- <Script> <b>&"}))
    {"a":"\\u003c/script>\\u003c!-- \\u003cScript> <b>&"}
    >>> _json_for_script(["x\\ud800"]) == '["x\\ufffd"]'
    True
    """
    text = scrub_surrogates(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return _UNSAFE_IN_SCRIPT.sub(lambda _: "\\u003c", text)


class _Raw(Element):
    """HTML inserted as it is: never parsed as a Jinja template (article text may hold ``{{``)."""

    def __init__(self, html: str) -> None:
        super().__init__("{{ this.raw }}")
        self.raw = html


def _json_script(element_id: str, payload: str) -> str:
    return f'<script type="application/json" id="{element_id}">{payload}</script>'


class _OfflineMap(folium.Map):
    """A folium Map that links nothing: its assets are added inline by :func:`render_map`."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 - folium's own API shape
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


_TEMPLATE_OPEN = re.compile(r"\{(?=[{%#])")


def _json_for_template(value: Any) -> str:
    """JSON for a script that folium renders as a Jinja template *twice* (its macro output is re-parsed).

    Like Jinja's ``tojson`` (ASCII, sorted keys, ``< > & '`` as ``\\u`` escapes), and a ``{``
    that would open a Jinja tag (``{{``, ``{%``, ``{#``, which only occur inside strings) is
    ``\\u007b``: article text such as ``{% raw %}`` stays text.

    >>> print(_json_for_template({"t": "{{ x }} {%raw%} {#", "b": "<a href='x'>&"}))
    {"b": "\\u003ca href=\\u0027x\\u0027\\u003e\\u0026", "t": "\\u007b{ x }} \\u007b%raw%} \\u007b#"}
    >>> json.loads(_json_for_template({"t": "{{ x }}"}))
    {'t': '{{ x }}'}
    """
    text = json.dumps(value, sort_keys=True)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
        text = text.replace(char, code)
    return _TEMPLATE_OPEN.sub(lambda _: "\\u007b", text)


#: The page: branca's Figure template with the interface language on ``<html lang>`` (``render(geonews_lang=)``).
_PAGE_TEMPLATE = Template(
    "<!DOCTYPE html>\n"
    '<html lang="{{ kwargs.geonews_lang }}">\n'
    "<head>\n"
    "{% if this.title %}<title>{{ this.title }}</title>{% endif %}"
    "    {{ this.header.render(**kwargs) }}\n"
    "</head>\n"
    "<body>\n"
    "    {{ this.html.render(**kwargs) }}\n"
    "</body>\n"
    "<script>\n"
    "    {{ this.script.render(**kwargs) }}\n"
    "</script>\n"
    "</html>\n"
)


class _GeonewsLayers(MacroElement):
    """Calls ``geonewsInit`` (``map.js``, see :mod:`geonews.render.frontend`) on the folium map once it exists."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        geonewsInit({{ this._parent.get_name() }}, {{ this.config_json }});
        {% endmacro %}
        """
    )

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        self._name = "GeonewsLayers"
        self._id = "layers"
        self.config = config
        self.config_json = _json_for_template(config)


#: Colours for articles (or sources) when a map has several; cycled beyond ten.
PALETTE: tuple[str, ...] = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#17becf",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
)
def group_color(k: int) -> str:
    """The colour of the ``k``-th article (or source): :data:`PALETTE` first, then hues that stay apart.

    Past the palette, hues step by the golden angle and lightness alternates,
    so no two of the first few hundred groups share a colour.

    >>> group_color(0) == PALETTE[0], group_color(10), group_color(11)
    (True, '#b23434', '#4dcb72')
    >>> len({group_color(k) for k in range(300)})
    300
    """
    if k < len(PALETTE):
        return PALETTE[k]
    j = k - len(PALETTE)
    hue = (j * 137.508) % 360
    light = (0.45, 0.55, 0.36, 0.64)[j % 4]
    sat = (0.55, 0.5, 0.65, 0.45)[(j // 4) % 4]
    r, g, b = colorsys.hls_to_rgb(hue / 360, light, sat)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


#: Colour of places mentioned by articles of several colour groups.
SHARED_COLOR = "#222b36"
#: Values of ``render_map(color_by=...)``.
COLOR_MODES = ("auto", "confidence", "article", "source")
_OPACITIES = (0.9, 0.6, 0.32)


def confidence_opacity(confidence: float) -> float:
    """Fill opacity for a confidence, so it stays visible when colour means article.

    >>> confidence_opacity(0.9), confidence_opacity(0.6), confidence_opacity(0.1)
    (0.9, 0.6, 0.32)
    """
    for (lower, _, _), opacity in zip(_BANDS, _OPACITIES, strict=True):
        if confidence >= lower:
            return opacity
    return _OPACITIES[-1]


def _day_number(date: str | None) -> int | None:
    """Days since 1970-01-01 for an ISO date (its first 10 characters), else ``None``.

    >>> _day_number("2023-09-12"), _day_number("2023-09-12T08:00:00Z"), _day_number("hier")
    (19612, 19612, None)
    """
    if not date:
        return None
    try:
        return (_dt.date.fromisoformat(date.strip()[:10]) - _dt.date(1970, 1, 1)).days
    except ValueError:
        return None


def _group_key(article: Article, color_by: str) -> str:
    if color_by == "source":
        return article.source or urlsplit(article.url or "").hostname or article.id
    return article.id


def _article_records(articles: Mapping[str, Article], color_by: str, msg: Messages) -> list[dict[str, Any]]:
    groups: dict[str, str] = {}
    records = []
    for article in articles.values():
        key = _group_key(article, color_by)
        color = groups.get(key) or groups.setdefault(key, group_color(len(groups)))
        records.append(
            {
                "id": article.id,
                "title": escape_html(article.title or article.id),
                "date": escape_html(msg.date(article.date)) if article.date else None,
                "day": _day_number(article.date),
                "group": escape_html(key),
                "color": color,
            }
        )
    return records


def _legend_html(mode: str, arts: Sequence[Mapping[str, Any]], has_areas: bool, msg: Messages) -> str:
    rows: list[str] = []
    if mode == "confidence":
        rows.append(f'<div class="gn-legend-title">{msg("legend_confidence")}</div>')
        rows.extend(f'<div><i style="background:{color}"></i>{msg(label)}</div>' for _, color, label in _BANDS)
    else:
        heading = msg("legend_source" if mode == "source" else "legend_article")
        rows.append(f'<div class="gn-legend-title">{heading}</div>')
        seen: dict[str, str] = {}
        for a in arts:
            seen.setdefault(a["color"], a["group"] if mode == "source" else a["title"])
        items = list(seen.items())
        rows.extend(
            f'<div class="gn-legend-row" title="{label}"><i style="background:{color}"></i>{label}</div>'
            for color, label in items[:8]
        )
        if len(items) > 8:
            rows.append(f'<div class="gn-legend-note">{msg("legend_more", n=len(items) - 8)}</div>')
        rows.append(f'<div><i style="background:{SHARED_COLOR}"></i>{msg("legend_shared")}</div>')
        rows.append(
            f'<div class="gn-legend-note">{msg("legend_opacity")} '
            + "".join(f'<i style="background:#555;opacity:{o}"></i>' for o in _OPACITIES)
            + f'{msg("legend_high_low")}</div>'
        )
    rows.append(f'<div><i class="gn-meto"></i>{msg("legend_metonymic")}</div>')
    if has_areas:
        rows.append(f'<div><i class="gn-area"></i>{msg("legend_area")}</div>')
    rows.append(f'<div class="gn-legend-note">{msg("legend_size")}</div>')
    return "".join(rows)


def _panel_html(msg: Messages) -> str:
    return f"""<aside class="gn-panel" id="gn-panel" aria-label="{msg('panel_label')}">
<div class="gn-search"><input id="gn-search" type="search" placeholder="{msg('search_placeholder')}"
 aria-label="{msg('search_label')}" autocomplete="off" spellcheck="false"></div>
<div id="gn-results" hidden aria-live="polite"></div>
<button type="button" class="gn-table-toggle" id="gn-table-toggle" aria-expanded="false" aria-controls="gn-table">
{msg('place_list')}</button>
<div id="gn-table" hidden></div>
<div class="gn-time" id="gn-time" hidden><div class="gn-time-title">{msg('dates_title')}</div>
<input id="gn-time-from" type="range" min="0" max="0" step="1" value="0" aria-label="{msg('date_from')}">
<input id="gn-time-to" type="range" min="0" max="0" step="1" value="0" aria-label="{msg('date_to')}">
<div id="gn-time-label"></div></div>
<div id="gn-articles"></div>
</aside>"""


def _header_html(
    title: str, summaries: Sequence[PlaceSummary], articles: Mapping[str, Article], msg: Messages, *,
    panel: bool = True,
) -> str:
    titles = [a.title or a.id for a in articles.values()]
    count = f"{msg('n_places', n=len(summaries))} · {msg('n_articles', n=len(titles))}"
    shown = " · ".join(escape_html(t) for t in titles[:3])
    if len(titles) > 3:
        shown += f" · {msg('n_more', n=len(titles) - 3)}"
    full = escape_html(" · ".join(titles))
    toggle = (
        '<button type="button" class="gn-toggle" id="gn-panel-toggle" aria-controls="gn-panel"'
        f' aria-expanded="true" title="{msg("panel_toggle_title")}">{msg("panel_toggle")}</button>'
        if panel
        else ""
    )
    return (
        f'<header class="gn-header">{toggle}<h1>{escape_html(title)}</h1>'
        f'<span class="gn-count">{count}</span>'
        f'<span class="gn-articles" title="{full}">{shown}</span>'
        f'<p class="gn-report-line">{_report_line(articles.values(), msg)}</p></header>'
    )


def _report_line(articles: Iterable[Article], msg: Messages) -> str:
    """The source and date line of a printed map: "Sources : Le Monde, BBC · 7 octobre 2024 – 9 octobre 2024".

    >>> from geonews.render.i18n import messages
    >>> arts = [Article(id="a", text="", source="Le Monde", date="2024-10-09"),
    ...         Article(id="b", text="", url="https://www.bbc.com/x", date="2024-10-07T06:12:00+02:00")]
    >>> _report_line(arts, messages("fr"))
    'Sources : Le Monde, bbc.com · 7 octobre 2024 – 9 octobre 2024'
    """
    sources: dict[str, None] = {}
    days: set[str] = set()
    for article in articles:
        host = (urlsplit(article.url).hostname or "") if article.url else ""
        # a file path as the source: its name
        source = article.source if "://" in article.source else article.source.rsplit("/", 1)[-1]
        name = source or host.removeprefix("www.")
        if name:
            sources.setdefault(name, None)
        if article.date and _DAY.match(article.date):
            days.add(article.date[:10])
    parts = []
    if sources:
        names = list(sources)
        listed = ", ".join(names[:3]) + (f", {msg('report_more', n=len(names) - 3)}" if len(names) > 3 else "")
        parts.append(msg("report_sources", n=len(names), s=listed))
    if days:
        first, last = min(days), max(days)
        parts.append(msg.date(first) if first == last else f"{msg.date(first)} – {msg.date(last)}")
    return escape_html(" · ".join(parts))


class _Areas:
    """Basemap feature index per country, looked up once per render."""

    def __init__(self, world: Mapping[str, Any]) -> None:
        self.shapes = CountryShapes.of(world)
        self._cache: dict[tuple[str | None, tuple[str | None, ...]], int | None] = {}

    def feature(self, summary: PlaceSummary) -> int | None:
        place = summary.place
        key = (place.country_code, (place.name_en, place.name))
        if key not in self._cache:
            self._cache[key] = self.shapes.index(place.country_code, names=key[1])
        return self._cache[key]


def _js_offset(text: str, index: int) -> int:
    """``index`` into ``text`` counted as JavaScript counts: in UTF-16 code units.

    >>> _js_offset("a😀b", 2), _js_offset("àb", 1)
    (3, 1)
    """
    if text.isascii():
        return index
    return len(text[:index].encode("utf-16-le")) // 2


#: A popup piece equal to the place's name (its ``tip``) travels as this number.
_NAME_PIECE = -1


def _popups_blob(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Every popup as a list of pieces, each piece repeated between popups sent once.

    Markup and text pieces (``str``) seen in two popups or more go to the table
    ``"s"`` and are replaced by their index; the place's own name is ``-1``; a
    quoted sentence is ``[text or index, start, end, ...]``, the offsets (in
    UTF-16 units, as JavaScript slices) saying where ``"mark"`` tags go.

    >>> q = Quote("À Lyon", ((2, 6),))
    >>> blob = _popups_blob([{"tip": "Lyon", "parts": ["<h3>", "Lyon", q]}, {"tip": "Nice", "parts": ["<h3>", "Nice"]}])
    >>> blob["s"], blob["p"]
    (['<h3>'], [[0, -1, ['À Lyon', 2, 6]], [0, -1]])
    """
    counts: dict[str, int] = {}
    for record in records:
        for part in record["parts"]:
            text = part.text if isinstance(part, Quote) else part
            counts[text] = counts.get(text, 0) + 1
    table: dict[str, int] = {}

    def ref(text: str) -> str | int:
        if counts[text] < 2 or len(text) < 3:
            return text
        return table.setdefault(text, len(table))

    popups: list[list[Any]] = []
    for record in records:
        items: list[Any] = []
        for part in record["parts"]:
            if isinstance(part, Quote):
                text = part.text
                offsets = [_js_offset(text, i) for span in part.marks for i in span]
                items.append([ref(text), *offsets] if offsets else ref(text))
            elif part == record["tip"]:
                items.append(_NAME_PIECE)
            else:
                items.append(ref(part))
        popups.append(items)
    blob: dict[str, Any] = {"s": list(table), "p": popups, "mark": [MARK_OPEN, MARK_CLOSE]}
    if len(records) <= CORRECTIONS_LIMIT and all("fix" in r for r in records):
        blob["fix"] = [r["fix"] for r in records]  # the correction tools (see ``_fix_data``)
    return blob


def _fix_data(summary: PlaceSummary, art_index: Mapping[str, int], lang: str) -> dict[str, Any]:
    """What the page's correction tools need of a place: its mentions and its runners-up.

    ``m``: ``[article index, start, end, text]`` per mention (offsets into the article, as a
    corrections file gives them); ``alt``: ``[place id, name, lat, lon, where]`` per runner-up.
    """
    mentions = [[art_index[r.mention.article_id], r.mention.start, r.mention.end, r.mention.text]
                for r in summary.resolutions if r.mention.article_id in art_index]
    best = top_resolution(summary)
    alternatives = [c.place for c in (best.alternatives if best else ()) if c.place.id != summary.place.id][:5]
    alts = [[p.id, escape_html(p.name_in(lang)), round(p.point.lat, 5), round(p.point.lon, 5),
             escape_html(place_location(p, lang))] for p in alternatives]
    return {"m": mentions, "alt": alts}


def _compact_id(place_id: str) -> str | int:
    """A GeoNames id as its number ("gn:2988507" -> 2988507: 5 bytes fewer a place); other ids as they are.

    >>> _compact_id("gn:2988507"), _compact_id("sup:kremlin"), _compact_id("gn:x1")
    (2988507, 'sup:kremlin', 'gn:x1')
    """
    rest = place_id.removeprefix("gn:")
    number = rest != place_id and rest.isascii() and rest.isdigit() and not rest.startswith("0")
    return int(rest) if number else place_id


def _places_blob(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The places as columns (one list per field, in drawing order) plus sparse fields.

    ``id`` holds a GeoNames id as its number (``gn:`` left out); ``style`` indexes
    ``styles`` (fill colour, fill opacity), ``fact`` indexes
    ``facts`` (kind of place, region and country as escaped text, confidence in
    percent: the table of places); ``tip`` (the name as
    HTML) is only given where escaping changes the name; ``meto`` lists the
    metonymic places; ``poly`` (basemap feature) and ``km`` (disc radius) map a
    place's index to its area.

    >>> blob = _places_blob([{"id": "g1", "name": "A&B", "tip": "A&amp;B", "lat": 1.0, "lon": 2.0, "n": 1,
    ...                       "color": "#111", "op": 0.9, "meto": True, "arts": [0], "km": 140.0}])
    >>> blob["styles"], blob["style"], blob["tip"], blob["meto"], blob["km"], blob["poly"]
    ([['#111', 0.9]], [0], {'0': 'A&amp;B'}, [0], {'0': 140.0}, {})
    """
    styles: dict[tuple[str, float], int] = {}
    for record in records:
        styles.setdefault((record["color"], record["op"]), len(styles))
    blob: dict[str, Any] = {key: [r[key] for r in records] for key in ("name", "lat", "lon", "n", "arts")}
    blob["id"] = [_compact_id(r["id"]) for r in records]
    blob["style"] = [styles[(r["color"], r["op"])] for r in records]
    facts: dict[tuple[str, str, int], int] = {}  # (kind, where, confidence) triples repeat: each sent once
    blob["fact"] = [facts.setdefault((r.get("kind", ""), r.get("where", ""), r.get("conf", 0)), len(facts))
                    for r in records]
    blob["facts"] = [list(f) for f in facts]
    blob["styles"] = [list(style) for style in styles]
    blob["tip"] = {str(i): r["tip"] for i, r in enumerate(records) if r["tip"] != r["name"]}
    blob["aka"] = {str(i): r["aka"] for i, r in enumerate(records) if r.get("aka")}
    blob["meto"] = [i for i, r in enumerate(records) if r["meto"]]
    blob["poly"] = {str(i): r["poly"] for i, r in enumerate(records) if "poly" in r}
    blob["km"] = {str(i): r["km"] for i, r in enumerate(records) if "km" in r}
    return blob


def _place_record(
    summary: PlaceSummary,
    articles: Mapping[str, Article],
    *,
    art_index: Mapping[str, int] | None = None,
    art_colors: Sequence[str] = (),
    color_mode: str = "confidence",
    areas: _Areas | None = None,
    draw_areas: bool = True,
    msg: Messages | None = None,
) -> dict[str, Any]:
    reader = msg or messages("fr")
    place = summary.place
    lang = summary.lang(articles)  # English names on a map of English articles only
    name = place.name_in(lang)
    idx = art_index or {}
    arts = sorted({idx[a] for a in summary.article_ids if a in idx})
    if color_mode == "confidence":
        color, opacity = marker_color(summary.confidence), 0.82
    else:
        colors = {art_colors[k] for k in arts}
        color = colors.pop() if len(colors) == 1 else SHARED_COLOR
        opacity = confidence_opacity(summary.confidence)
    record: dict[str, Any] = {
        "id": place.id,
        "name": name,
        "tip": escape_html(name),
        "lat": round(place.point.lat, 4),
        "lon": round(place.point.lon, 4),
        "r": marker_radius(summary.mention_count),
        "n": summary.mention_count,
        "color": color,
        "op": opacity,
        "meto": any(r.metonymic for r in summary.resolutions),
        "arts": arts,
        # for the table of places: kind, country and confidence as readers see them
        "kind": escape_html(reader.feature(place.feature)),
        "where": escape_html(place_location(place, reader.lang)),
        "conf": round(max(0.0, min(1.0, summary.confidence)) * 100),
        "parts": popup_parts(summary, articles, msg=msg),
        "fix": _fix_data(summary, idx, reader.lang),
        "aka": place.other_name(lang),  # the search box finds it under its French and English names
    }
    if draw_areas and place.feature == "country" and areas is not None:
        feature = areas.feature(summary)
        if feature is not None:
            record["poly"] = feature
    if draw_areas and "poly" not in record and place.feature in AREA_RADIUS_KM and place.feature != "country":
        record["km"] = AREA_RADIUS_KM[place.feature]
    return record


def render_map(
    summaries: Sequence[PlaceSummary],
    articles: Mapping[str, Article],
    *,
    title: str = "geonews",
    color_by: str = "auto",
    cluster: bool | None = None,
    panel: bool = True,
    areas: bool = True,
    heatmap: bool = True,
    timeline: bool = True,
    ui_lang: str | None = None,
    labels: Sequence[Label] = (),
    detail: bool = True,
) -> str:
    """A complete, self-contained HTML document mapping ``summaries``.

    ``articles`` (by id) supply the titles, links and dates shown in popups, in
    the header and in the side panel. The output loads nothing from the
    network except OSM tiles, and works without them. It is deterministic:
    same input, same bytes.

    Options (keyword only):

    - ``color_by``: ``"confidence"`` (colour bands), ``"article"`` or
      ``"source"`` (one colour per article or per ``Article.source``, with
      confidence as fill opacity); ``"auto"`` colours by article when more
      than one article has places, else by confidence.
    - ``cluster``: cluster markers (Leaflet.markercluster, inlined only then);
      ``None`` clusters from :data:`CLUSTER_THRESHOLD` places on.
    - ``panel``: the side panel (articles, places, search, date slider).
    - ``areas``: shade countries (their basemap polygon) and regions (a disc).
    - ``heatmap``: offer a heat-map layer in the layer control (off at load).
    - ``timeline``: a date-range slider when articles carry two dates or more.
    - ``ui_lang``: the interface language (``"fr"`` or ``"en"``); by default
      the language most of ``articles`` are in (:func:`~geonews.render.i18n.ui_lang_of`).
    - ``labels``: town names to draw (DOM text, by zoom band), as
      :func:`geonews.render.basemap.select_labels` picks them from the gazetteer.
    - ``detail``: carry the basemap's detail around the places (finer coasts
      and borders, regions, rivers, lakes; :mod:`geonews.render.basemap`).

    >>> from geonews.model import LatLon, Mention, Place, PlaceSummary, Resolution
    >>> art = Article(id="a", text="Vols vers Moscou.", title="Vols")
    >>> moscow = Place("m", "Moscow", LatLon(55.75, 37.62), "capital", name_fr="Moscou")
    >>> res = Resolution(Mention("a", 10, 16, "Moscou", "Vols vers Moscou.", 0), moscow, confidence=0.8)
    >>> page = render_map([PlaceSummary(moscow, (res,))], {"a": art}, title="Demo")
    >>> "<mark>Moscou</mark>" not in page  # popups travel as escaped JSON
    True
    >>> page == render_map([PlaceSummary(moscow, (res,))], {"a": art}, title="Demo")
    True
    """
    if color_by not in COLOR_MODES:
        raise ValueError(f"color_by must be one of {COLOR_MODES}, not {color_by!r}")
    msg = messages(ui_lang or ui_lang_of(articles.values()))
    art_records = _article_records(articles, "source" if color_by == "source" else "article", msg)
    art_index = {a["id"]: i for i, a in enumerate(art_records)}
    with_places = {a for s in summaries for a in s.article_ids if a in art_index}
    mode = color_by
    if mode == "auto":
        mode = "article" if len(with_places) > 1 else "confidence"
    if mode == "source" and len({a["color"] for a in art_records}) <= 1:
        mode = "confidence"
    world = load_basemap()
    shapes = _Areas(world)
    colors = [a["color"] for a in art_records]
    records = sorted(
        (
            _place_record(
                s,
                articles,
                art_index=art_index,
                art_colors=colors,
                color_mode=mode,
                areas=shapes,
                draw_areas=areas,
                msg=msg,
            )
            for s in summaries
        ),
        key=lambda p: (-p["r"], p["name"], p["id"]),
    )
    clustered = len(records) >= CLUSTER_THRESHOLD if cluster is None else bool(cluster)

    fmap = _OfflineMap(
        location=list(_WORLD_CENTER),
        zoom_start=2,
        tiles=None,
        maxZoom=MAX_ZOOM,
        minZoom=1,
        prefer_canvas=False,
    )
    fmap._id = "geonews"
    figure = fmap.get_root()
    assert isinstance(figure, Figure), "a folium Map is made inside a branca Figure, the page"
    figure.title = escape_html(title)
    figure._template = _PAGE_TEMPLATE

    assets = inline_assets()  # bubbles: markercluster's look (its stylesheet), the page's own clustering
    figure.header.add_child(
        Element(
            "\n".join(
                (
                    *assets.styles,
                    *((style_tag(markercluster_css()),) if clustered else ()),
                    style_tag(page_css()),
                    *assets.scripts,
                    script_tag(page_js()),
                )
            )
        ),
        name="geonews_assets",
    )
    figure.html.add_child(_Raw(_header_html(title, summaries, articles, msg, panel=panel)), name="geonews_header")
    if panel:
        figure.html.add_child(_Raw(_panel_html(msg)), name="geonews_panel")
    else:
        figure.html.add_child(_Raw('<script>document.body.classList.add("gn-nopanel")</script>'), name="nopanel")
    boxes = detail_boxes(story_points(summaries)) if detail else []
    markers = [(p["lat"], p["lon"], p["r"]) for p in records]
    if not timeline:
        for record in art_records:
            record["day"] = None
    figure.html.add_child(
        _Raw(
            "\n".join(
                (
                    _json_script("geonews-basemap", _json_for_script(world)),
                    _json_script("geonews-articles", _json_for_script(art_records)),
                    _json_script("geonews-places", _json_for_script(_places_blob(records))),
                    _json_script("geonews-popups", _json_for_script(_popups_blob(records))),
                    _json_script("geonews-detail", _json_for_script(detail_blob(boxes))),
                    _json_script("geonews-labels", _json_for_script(labels_blob(labels, markers))),
                )
            )
        ),
        name="geonews_data",
    )

    view_points = [
        ViewPoint(s.place.point, s.place.feature, s.mention_count, all(r.metonymic for r in s.resolutions))
        for s in summaries
    ]
    view = story_bounds(view_points)
    bounds = [list(corner) for corner in view] if view else None
    config = {
        "tiles": OSM_TILES,
        "attribution": ATTRIBUTION,
        "attrData": _ATTR_DATA,
        "maxZoom": MAX_ZOOM,
        # the page opens on these bounds before it draws anything: no animation, no second drawing
        "bounds": bounds,
        "fitMaxZoom": story_max_zoom(view_points),
        "cluster": clustered,
        "clusterRadius": _CLUSTER_RADIUS_PX,
        "clusterUntil": _CLUSTER_UNTIL_ZOOM,
        "radius": list(_RADIUS),
        "heat": heatmap,
        "legend": _legend_html(mode, art_records, any("poly" in p or "km" in p for p in records), msg),
        "msg": msg.for_script(),
        "maxLayers": 40,
        "listLimit": 60,
        "tableLimit": 500,
        "reportLabels": _REPORT_LABELS,
    }
    # the OSM layer is created in JS, and only when the browser is not known to be offline
    fmap.add_child(_GeonewsLayers(config), name="geonews_layers")

    page = scrub_surrogates(figure.render(geonews_lang=msg.lang))
    leaked = external_resources(page)  # the page's markup only: article text and JSON data are not read
    if leaked:  # pragma: no cover - a guard against folium growing new CDN links
        raise RuntimeError(f"map would load external resources: {leaked}")
    return page


def write_map(html: str, path: Path) -> None:
    """Write ``html`` to ``path`` atomically (:func:`geonews.export.atomic_path`, synced to disk first).

    The file is UTF-8; a lone surrogate (which UTF-8 cannot encode) is written as U+FFFD.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     target = Path(d) / "map.html"
    ...     write_map("<!DOCTYPE html><p>hi</p>", target)
    ...     target.read_text(encoding="utf-8"), sorted(p.name for p in Path(d).iterdir())
    ('<!DOCTYPE html><p>hi</p>', ['map.html'])
    """
    from geonews.export import atomic_path

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp_name, open(tmp_name, "w", encoding="utf-8", newline="") as handle:
        handle.write(scrub_surrogates(html))
        handle.flush()
        os.fsync(handle.fileno())
