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

import datetime as _dt
import json
import math
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
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
from geonews.render.popup import Quote, popup_parts

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

#: Marker colours by confidence band: (lower bound, fill, label).
_BANDS: tuple[tuple[float, str, str], ...] = (
    (0.75, "#1f6fb4", "confident (≥ 75 %)"),
    (0.5, "#f08c00", "likely (50–75 %)"),
    (0.0, "#d62728", "uncertain (< 50 %)"),
)
#: Marker radius in pixels: base, step per square root of the mention count, cap (the page uses them too).
_RADIUS = (6.0, 4.0, 28.0)
#: Maps with at least this many places cluster their markers (``cluster=None``).
CLUSTER_THRESHOLD = 200
#: Clustering: markers closer than this many pixels share a bubble, up to (not including) this zoom.
_CLUSTER_RADIUS_PX = 45
_CLUSTER_UNTIL_ZOOM = 15
_WORLD_CENTER = (20.0, 10.0)
_FIT_MAX_ZOOM = 6


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


def _article_records(articles: Mapping[str, Article], color_by: str) -> list[dict[str, Any]]:
    groups: dict[str, str] = {}
    records = []
    for article in articles.values():
        key = _group_key(article, color_by)
        color = groups.setdefault(key, PALETTE[len(groups) % len(PALETTE)])
        records.append(
            {
                "id": article.id,
                "title": escape_html(article.title or article.id),
                "date": escape_html(article.date) if article.date else None,
                "day": _day_number(article.date),
                "group": escape_html(key),
                "color": color,
            }
        )
    return records


def _legend_html(mode: str, arts: Sequence[Mapping[str, Any]], has_areas: bool) -> str:
    rows: list[str] = []
    if mode == "confidence":
        rows.append('<div class="gn-legend-title">Confidence</div>')
        rows.extend(f'<div><i style="background:{color}"></i>{label}</div>' for _, color, label in _BANDS)
    else:
        rows.append(f'<div class="gn-legend-title">{"Source" if mode == "source" else "Article"}</div>')
        seen: dict[str, str] = {}
        for a in arts:
            seen.setdefault(a["color"], a["group"] if mode == "source" else a["title"])
        items = list(seen.items())
        rows.extend(
            f'<div class="gn-legend-row" title="{label}"><i style="background:{color}"></i>{label}</div>'
            for color, label in items[:8]
        )
        if len(items) > 8:
            rows.append(f'<div class="gn-legend-note">+{len(items) - 8} more (see the panel)</div>')
        rows.append(f'<div><i style="background:{SHARED_COLOR}"></i>in several</div>')
        rows.append(
            '<div class="gn-legend-note">confidence: '
            + "".join(f'<i style="background:#555;opacity:{o}"></i>' for o in _OPACITIES)
            + "high → low</div>"
        )
    rows.append('<div><i class="gn-meto"></i>metonymic (dashed)</div>')
    if has_areas:
        rows.append('<div><i class="gn-area"></i>country or region</div>')
    rows.append('<div class="gn-legend-note">size: number of mentions</div>')
    return "".join(rows)


_PANEL_HTML = """<aside class="gn-panel" id="gn-panel" aria-label="Articles and places">
<div class="gn-search"><input id="gn-search" type="search" placeholder="Find a place…" aria-label="Find a place"
 autocomplete="off" spellcheck="false"></div>
<div id="gn-results" hidden></div>
<div class="gn-time" id="gn-time" hidden><div class="gn-time-title">Article dates</div>
<input id="gn-time-from" type="range" min="0" max="0" step="1" value="0" aria-label="From date">
<input id="gn-time-to" type="range" min="0" max="0" step="1" value="0" aria-label="To date">
<div id="gn-time-label"></div></div>
<div id="gn-articles"></div>
</aside>"""


def _header_html(
    title: str, summaries: Sequence[PlaceSummary], articles: Mapping[str, Article], *, panel: bool = True
) -> str:
    titles = [a.title or a.id for a in articles.values()]
    n_places, n_articles = len(summaries), len(titles)
    count = (
        f"{n_places} place{'s' if n_places != 1 else ''} · "
        f"{n_articles} article{'s' if n_articles != 1 else ''}"
    )
    shown = " · ".join(escape_html(t) for t in titles[:3])
    if n_articles > 3:
        shown += f" · +{n_articles - 3} more"
    full = escape_html(" · ".join(titles))
    toggle = (
        '<button type="button" class="gn-toggle" id="gn-panel-toggle" aria-controls="gn-panel"'
        ' aria-expanded="true" title="Show or hide the list of places">☰ Places</button>'
        if panel
        else ""
    )
    return (
        f'<header class="gn-header">{toggle}<h1>{escape_html(title)}</h1>'
        f'<span class="gn-count">{count}</span>'
        f'<span class="gn-articles" title="{full}">{shown}</span></header>'
    )


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
    return {"s": list(table), "p": popups, "mark": [MARK_OPEN, MARK_CLOSE]}


def _places_blob(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The places as columns (one list per field, in drawing order) plus sparse fields.

    ``style`` indexes ``styles`` (fill colour, fill opacity); ``tip`` (the name as
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
    blob: dict[str, Any] = {key: [r[key] for r in records] for key in ("id", "name", "lat", "lon", "n", "arts")}
    blob["style"] = [styles[(r["color"], r["op"])] for r in records]
    blob["styles"] = [list(style) for style in styles]
    blob["tip"] = {str(i): r["tip"] for i, r in enumerate(records) if r["tip"] != r["name"]}
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
) -> dict[str, Any]:
    place = summary.place
    name = place.display_name
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
        "parts": popup_parts(summary, articles),
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
    art_records = _article_records(articles, "source" if color_by == "source" else "article")
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
    figure.html.add_child(_Raw(_header_html(title, summaries, articles, panel=panel)), name="geonews_header")
    if panel:
        figure.html.add_child(_Raw(_PANEL_HTML), name="geonews_panel")
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

    bounds = None
    if records:
        lats = [p["lat"] for p in records]
        lons = [p["lon"] for p in records]
        bounds = [[min(lats), min(lons)], [max(lats), max(lons)]]
    config = {
        "tiles": OSM_TILES,
        "attribution": ATTRIBUTION,
        "attrData": _ATTR_DATA,
        "maxZoom": MAX_ZOOM,
        # the page opens on these bounds before it draws anything: no animation, no second drawing
        "bounds": bounds,
        "fitMaxZoom": _FIT_MAX_ZOOM,
        "cluster": clustered,
        "clusterRadius": _CLUSTER_RADIUS_PX,
        "clusterUntil": _CLUSTER_UNTIL_ZOOM,
        "radius": list(_RADIUS),
        "heat": heatmap,
        "legend": _legend_html(mode, art_records, any("poly" in p or "km" in p for p in records)),
        "maxLayers": 40,
        "listLimit": 60,
    }
    # the OSM layer is created in JS, and only when the browser is not known to be offline
    fmap.add_child(_GeonewsLayers(config), name="geonews_layers")

    page = scrub_surrogates(figure.render())
    leaked = external_resources(page)  # the page's markup only: article text and JSON data are not read
    if leaked:  # pragma: no cover - a guard against folium growing new CDN links
        raise RuntimeError(f"map would load external resources: {leaked}")
    return page


def write_map(html: str, path: Path) -> None:
    """Write ``html`` to ``path`` atomically (temp file in the same folder, then ``os.replace``).

    The file is UTF-8; a lone surrogate (which UTF-8 cannot encode) is written as U+FFFD.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     target = Path(d) / "map.html"
    ...     write_map("<!DOCTYPE html><p>hi</p>", target)
    ...     target.read_text(encoding="utf-8"), sorted(p.name for p in Path(d).iterdir())
    ('<!DOCTYPE html><p>hi</p>', ['map.html'])
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp_name, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(scrub_surrogates(html))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
