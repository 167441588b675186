"""Self-contained, offline HTML maps of the places articles mention.

The page is built with folium, but nothing is linked from a CDN: Leaflet's
JS/CSS are inlined (see :mod:`geonews.render.assets`), the world basemap
(Natural Earth 1:110m) is embedded, and the places travel as one JSON blob
drawn by a short script, so a map with thousands of places stays light.

Layers, bottom to top: the embedded basemap (its own pane, under the tiles),
OpenStreetMap tiles (dropped as soon as they fail to load, so the basemap
shows offline), then one circle marker per place.

    >>> page = render_map([], {})
    >>> page.startswith("<!DOCTYPE html>") and "GeoNames" in page
    True
    >>> from geonews.render.assets import external_resources
    >>> external_resources(page)
    []
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, MacroElement
from folium.map import FitBounds
from folium.template import Template

from geonews.model import AREA_FEATURES, Article, PlaceSummary
from geonews.render.assets import external_resources, inline_assets, style_tag
from geonews.render.escape import escape_html
from geonews.render.popup import POPUP_CSS, popup_html

__all__ = [
    "ATTRIBUTION",
    "MAX_ZOOM",
    "OSM_TILES",
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
_MAX_RADIUS = 28.0
_WORLD_CENTER = (20.0, 10.0)


def marker_radius(mention_count: int) -> float:
    """Circle radius in pixels: ``6 + 4·√n``, capped at 28.

    >>> marker_radius(1), marker_radius(4), marker_radius(10_000)
    (10.0, 14.0, 28.0)
    """
    return round(min(6.0 + 4.0 * math.sqrt(max(1, mention_count)), _MAX_RADIUS), 1)


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


def _json_for_html(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">`` (no ``<``, ``>``, ``&``).

    >>> _json_for_html({"a": "</script><b>&"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _json_script(element_id: str, payload: str) -> str:
    return f'<script type="application/json" id="{element_id}">{payload}</script>'


class _OfflineMap(folium.Map):
    """A folium Map that links nothing: its assets are added inline by :func:`render_map`."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 - folium's own API shape
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


class _GeonewsLayers(MacroElement):
    """Basemap pane, tile fallback, markers and legend, drawn from the JSON blobs."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var read = function (id) { return JSON.parse(document.getElementById(id).textContent); };

            map.createPane("geonews-basemap");
            map.getPane("geonews-basemap").style.zIndex = 150;
            L.geoJSON(read("geonews-basemap"), {
                pane: "geonews-basemap",
                interactive: false,
                style: {color: "#9b9b93", weight: 0.6, fillColor: "#f3f1ea", fillOpacity: 1}
            }).addTo(map);

            var goOffline = function () {
                if (map.hasLayer(tiles)) {
                    map.removeLayer(tiles);  // its attribution goes with it; keep ours
                }
                map.attributionControl.addAttribution({{ this.attr_data|tojson }});
                map.getContainer().classList.add("geonews-offline");
            };
            var tiles = L.tileLayer({{ this.tiles_url|tojson }}, {
                maxZoom: {{ this.max_zoom }}, minZoom: 1, attribution: {{ this.attribution|tojson }}
            });
            var loaded = 0, failed = 0;
            tiles.on("tileload", function () { loaded += 1; });
            tiles.on("tileerror", function () {
                failed += 1;
                if (loaded === 0 || failed > loaded) { goOffline(); }
            });
            if (navigator.onLine === false) {
                goOffline();  // known offline: do not even ask for tiles
            } else {
                tiles.addTo(map);
            }

            var group = L.featureGroup().addTo(map);
            read("geonews-places").forEach(function (p) {
                var marker = L.circleMarker([p.lat, p.lon], {
                    radius: p.r,
                    color: "#ffffff",
                    weight: 1.5,
                    dashArray: p.meto ? "3 2" : null,
                    fillColor: p.color,
                    fillOpacity: 0.82,
                    className: "geonews-marker"
                });
                marker.bindTooltip(p.tip, {direction: "top", offset: [0, -p.r]});
                marker.bindPopup(p.popup, {maxWidth: 360, maxHeight: 360, className: "geonews-popup"});
                marker.addTo(group);
                var el = marker.getElement();
                if (el) {
                    el.setAttribute("data-name", p.name);
                    el.setAttribute("data-place-id", p.id);
                }
            });

            var legend = L.control({position: "bottomleft"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "gn-legend");
                div.innerHTML = {{ this.legend_html|tojson }};
                return div;
            };
            legend.addTo(map);
        })();
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "GeonewsLayers"
        self._id = "layers"
        self.tiles_url = OSM_TILES
        self.attribution = ATTRIBUTION
        self.max_zoom = MAX_ZOOM
        self.attr_data = _ATTR_DATA
        rows = "".join(f'<div><i style="background:{color}"></i>{label}</div>' for _, color, label in _BANDS)
        self.legend_html = (
            f'<div class="gn-legend-title">Confidence</div>{rows}'
            '<div><i class="gn-meto"></i>metonymic (dashed)</div>'
            '<div class="gn-legend-note">size: number of mentions</div>'
        )


_PAGE_CSS = """
html,body{height:100%;margin:0;padding:0}
body{display:flex;flex-direction:column;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.gn-header{flex:0 0 auto;display:flex;align-items:baseline;gap:12px;flex-wrap:wrap;padding:7px 14px;
  background:#16324f;color:#fff;box-shadow:0 1px 3px rgba(0,0,0,.3);z-index:1000}
.gn-header h1{margin:0;font-size:17px;font-weight:650;letter-spacing:.01em}
.gn-header .gn-count{font-size:13px;color:#cfe0f3;white-space:nowrap}
.gn-header .gn-articles{font-size:13px;color:#e8eef5;overflow:hidden;text-overflow:ellipsis;
  white-space:nowrap;min-width:0;flex:1 1 200px}
#MAPID{flex:1 1 auto;height:auto !important;min-height:0;width:100%}
.leaflet-container{background:#cddfee}
.geonews-marker{cursor:pointer}
.geonews-marker:focus{outline:none;stroke:#1a1a1a;stroke-width:2.5px}
.gn-legend{background:rgba(255,255,255,.92);padding:5px 9px;border-radius:5px;font-size:12px;line-height:1.55;
  box-shadow:0 1px 4px rgba(0,0,0,.25);color:#333}
.gn-legend i{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:6px;
  vertical-align:-1px;border:1px solid #fff;box-shadow:0 0 0 1px rgba(0,0,0,.25)}
.gn-legend i.gn-meto{background:#fff;border:1.5px dashed #555;box-shadow:none}
.gn-legend-title{font-weight:600}
.gn-legend-note{color:#666;font-size:11px}
.geonews-popup .leaflet-popup-content{margin:10px 12px}
"""


def _header_html(title: str, summaries: Sequence[PlaceSummary], articles: Mapping[str, Article]) -> str:
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
    return (
        f'<header class="gn-header"><h1>{escape_html(title)}</h1>'
        f'<span class="gn-count">{count}</span>'
        f'<span class="gn-articles" title="{full}">{shown}</span></header>'
    )


def _place_record(summary: PlaceSummary, articles: Mapping[str, Article]) -> dict[str, Any]:
    place = summary.place
    name = place.display_name
    return {
        "id": place.id,
        "name": name,
        "tip": escape_html(name),
        "lat": place.point.lat,
        "lon": place.point.lon,
        "r": marker_radius(summary.mention_count),
        "color": marker_color(summary.confidence),
        "meto": any(r.metonymic for r in summary.resolutions),
        "area": place.feature in AREA_FEATURES,
        "popup": popup_html(summary, articles),
    }


def render_map(
    summaries: Sequence[PlaceSummary],
    articles: Mapping[str, Article],
    *,
    title: str = "geonews",
) -> str:
    """A complete, self-contained HTML document mapping ``summaries``.

    ``articles`` (by id) supply the titles, links and dates shown in popups and
    in the header. The output loads nothing from the network except OSM tiles,
    and works without them. It is deterministic: same input, same bytes.

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
    records = sorted(
        (_place_record(s, articles) for s in summaries),
        key=lambda p: (-p["r"], p["name"], p["id"]),
    )

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
    figure.title = escape_html(title)

    assets = inline_assets()
    figure.header.add_child(
        Element(
            "\n".join(
                (
                    *assets.styles,
                    style_tag(_PAGE_CSS.replace("MAPID", fmap.get_name()) + POPUP_CSS),
                    *assets.scripts,
                )
            )
        ),
        name="geonews_assets",
    )
    figure.html.add_child(Element(_header_html(title, summaries, articles)), name="geonews_header")
    figure.html.add_child(
        Element(
            _json_script("geonews-basemap", _json_for_html(load_basemap()))
            + "\n"
            + _json_script("geonews-places", _json_for_html(records))
        ),
        name="geonews_data",
    )

    # the OSM layer is created in JS, and only when the browser is not known to be offline
    fmap.add_child(_GeonewsLayers(), name="geonews_layers")

    if records:
        lats = [p["lat"] for p in records]
        lons = [p["lon"] for p in records]
        bounds = FitBounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(40, 40), max_zoom=6)
        bounds._id = "bounds"
        bounds.options["animate"] = False  # open at the right view: no zoom animation under a first click
        fmap.add_child(bounds, name="bounds")

    page = figure.render()
    leaked = external_resources(page)
    if leaked:  # pragma: no cover - a guard against folium growing new CDN links
        raise RuntimeError(f"map would load external resources: {leaked}")
    return page


def write_map(html: str, path: Path) -> None:
    """Write ``html`` to ``path`` atomically (temp file in the same folder, then ``os.replace``).

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
            handle.write(html)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
