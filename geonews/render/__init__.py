"""Render stage: offline HTML maps and their popups (the only folium importer).

>>> from geonews.render import escape_html, highlight
>>> escape_html("<b>"), highlight("Vols vers Moscou", 10, 16)
('&lt;b&gt;', 'Vols vers <mark>Moscou</mark>')
"""

from __future__ import annotations

from geonews.render.assets import external_resources, inline_assets
from geonews.render.escape import escape_html, highlight, highlight_spans
from geonews.render.frontend import static_text
from geonews.render.map import ATTRIBUTION, OSM_TILES, load_basemap, render_map, write_map
from geonews.render.popup import popup_html

#: Styles for :func:`popup_html`'s classes (``static/popup.css``), for pages that show its popups.
POPUP_CSS = static_text("popup.css")

__all__ = [
    "ATTRIBUTION",
    "OSM_TILES",
    "POPUP_CSS",
    "escape_html",
    "external_resources",
    "highlight",
    "highlight_spans",
    "inline_assets",
    "load_basemap",
    "popup_html",
    "render_map",
    "write_map",
]
