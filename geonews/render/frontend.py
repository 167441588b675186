"""The map page's own front end: the ``.js`` and ``.css`` files of ``geonews/render/static/``.

They are real files (linted with ``node --check`` in the tests), read once
and inlined into each page, so a map needs no network and no server.

- ``map.js`` defines ``geonewsInit(map, config)``, which reads the JSON blobs
  of the page and draws: basemap, OSM tiles (dropped when they fail), areas,
  markers, heat layer, legend, layer control, fullscreen button, side panel,
  search and time slider. It is written for maps of tens of thousands of
  places: the view is set before anything is drawn; places are columns; a
  marker is created when first drawn and its popup bound on first click; on
  clustered maps each zoom level is clustered once on a grid and only what is
  near the view is drawn.
- ``basemap.js`` and ``basemap.css`` draw the basemap's detail around the
  story and the town names (see :mod:`geonews.render.basemap`).
- ``blob.js`` reads the popups blob (the one reader of the format that
  :func:`geonews.render.map.render_map` writes); the tests run it in node.
- ``embed.css``, ``embed-loader.js`` and ``embed-scope.js`` serve
  :func:`geonews.render.embed.fragment`: the fragment's frame, a library run
  once per page, and a ``document`` scoped to one fragment.
- ``index.css`` styles ``maps/index.html``.
- ``messages.json`` holds the interface's strings in French and English
  (see :mod:`geonews.render.i18n`).
- ``map.css`` lays out the page (header, side panel, map, legend; a phone
  layout under 720 px); ``popup.css`` styles the popups.

>>> "geonewsInit" in static_text("map.js")
True
>>> static_text("popup.css").startswith(".gn-popup")
True
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["STATIC_FILES", "page_css", "page_js", "static_text"]

#: The front end's files; a map page loads the first six, in this order.
STATIC_FILES = (
    "map.css", "popup.css", "basemap.css", "blob.js", "basemap.js", "map.js",
    "embed.css", "embed-loader.js", "embed-scope.js", "messages.json", "index.css",
)

_PAGE_FILES = STATIC_FILES[:6]


@functools.cache
def static_text(name: str) -> str:
    """The text of ``geonews/render/static/<name>`` (read once per process)."""
    if name not in STATIC_FILES:
        raise ValueError(f"not a front-end file: {name!r}")
    return resources.files("geonews.render").joinpath("static").joinpath(name).read_text(encoding="utf-8")


def page_css() -> str:
    """The page's own styles: layout, then popups."""
    return "\n".join(static_text(n) for n in _PAGE_FILES if n.endswith(".css"))


def page_js() -> str:
    """The page's own scripts, the blob reader first."""
    return "\n".join(static_text(n) for n in _PAGE_FILES if n.endswith(".js"))
