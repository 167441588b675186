"""JavaScript and CSS that geonews maps inline, read from the installed XStatic packages.

folium links Leaflet, jQuery, Bootstrap and Font Awesome from CDNs, so an
offline page is blank. geonews maps carry their own copies instead: Leaflet
(JS + CSS, its images turned into ``data:`` URIs) and, on request, jQuery.
Nothing returned here refers to another host or file.

    >>> js, css = leaflet_js(), leaflet_css()
    >>> "Leaflet 1.9.3" in js and ".leaflet-container" in css
    True
    >>> "url(images/" in css or "sourceMappingURL" in js
    False
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import xstatic.pkg.jquery
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster

__all__ = [
    "InlineAssets",
    "external_resources",
    "inline_assets",
    "jquery_js",
    "leaflet_css",
    "leaflet_js",
    "markercluster_css",
    "markercluster_js",
    "script_tag",
    "style_tag",
]

_LEAFLET_DIR = Path(xstatic.pkg.leaflet.BASE_DIR)
_JQUERY_DIR = Path(xstatic.pkg.jquery.BASE_DIR)
_CLUSTER_DIR = Path(xstatic.pkg.leaflet_markercluster.BASE_DIR)

_SOURCE_MAP = re.compile(r"^\s*//[#@] sourceMappingURL=.*$|/\*# sourceMappingURL=.*?\*/", re.MULTILINE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_URL = re.compile(r"""url\((['"]?)(images/[^'")]+)\1\)""")
_RESOURCE_TAG = re.compile(r"<(?:script|link|img|iframe|source|embed|object)\b[^>]*>", re.IGNORECASE)
_RESOURCE_ATTR = re.compile(r"""\b(?:src|href|data|srcset)\s*=\s*(["']?)([^"'\s>]*)""", re.IGNORECASE)
_RESOURCE_TAGS = frozenset(
    ("script", "link", "img", "iframe", "frame", "source", "embed", "object", "video", "audio", "track", "input",
     "image", "use")  # the last two: SVG
)
#: ``<script type=...>`` blocks that hold data, not code: never markup, never run.
_DATA_TYPE = re.compile(r"application/(?:[\w.+-]+\+)?json", re.IGNORECASE)
_CSS_IMPORT = re.compile(
    r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)"""  # @import "x.css" / @import url(x.css)
    r"""|url\(\s*["']?((?:https?:)?//[^"')\s]+)""",  # url(//host/...) anywhere in CSS
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class InlineAssets:
    """Ready-to-paste ``<script>``/``<style>`` blocks and their versions."""

    scripts: tuple[str, ...]
    styles: tuple[str, ...]
    versions: dict[str, str]

    def head_html(self) -> str:
        """All styles, then all scripts, as one HTML fragment for ``<head>``."""
        return "\n".join((*self.styles, *self.scripts))


def _read(path: Path) -> str:
    return _SOURCE_MAP.sub("", path.read_text(encoding="utf-8"))


def _data_uri(match: re.Match[str]) -> str:
    image = _LEAFLET_DIR / match.group(2)
    mime = "image/png" if image.suffix == ".png" else "application/octet-stream"
    payload = base64.b64encode(image.read_bytes()).decode("ascii")
    return f'url("data:{mime};base64,{payload}")'


@lru_cache(maxsize=1)
def leaflet_js() -> str:
    """Minified Leaflet (its licence banner kept, source-map comment removed)."""
    return _read(_LEAFLET_DIR / "leaflet.js")


@lru_cache(maxsize=1)
def leaflet_css() -> str:
    """Leaflet's stylesheet, comments dropped, ``images/*.png`` inlined as ``data:`` URIs."""
    css = _CSS_COMMENT.sub("", _read(_LEAFLET_DIR / "leaflet.css"))
    return _CSS_URL.sub(_data_uri, css)


@lru_cache(maxsize=1)
def jquery_js() -> str:
    """Minified jQuery (only needed by folium plugins such as its Popup)."""
    return _read(_JQUERY_DIR / "jquery.min.js")


@lru_cache(maxsize=1)
def markercluster_js() -> str:
    """Minified Leaflet.markercluster (from ``xstatic-leaflet-markercluster``).

    >>> "markerClusterGroup" in markercluster_js() and "sourceMappingURL" not in markercluster_js()
    True
    """
    return _read(_CLUSTER_DIR / "leaflet.markercluster.js")


@lru_cache(maxsize=1)
def markercluster_css() -> str:
    """Leaflet.markercluster's two stylesheets (base + default cluster icons), comments dropped."""
    return "\n".join(
        _CSS_COMMENT.sub("", _read(_CLUSTER_DIR / name)) for name in ("MarkerCluster.css", "MarkerCluster.Default.css")
    )


def script_tag(code: str) -> str:
    """Wrap JavaScript in a ``<script>`` block, refusing code that would close it early.

    >>> script_tag("var a = 1;")
    '<script>var a = 1;</script>'
    >>> script_tag("'</script>'")
    Traceback (most recent call last):
    ...
    ValueError: inline script contains '</script'
    """
    if "</script" in code.lower():
        raise ValueError("inline script contains '</script'")
    return f"<script>{code}</script>"


def style_tag(css: str) -> str:
    """Wrap CSS in a ``<style>`` block, refusing CSS that would close it early.

    >>> style_tag("b{color:red}")
    '<style>b{color:red}</style>'
    """
    if "</style" in css.lower():
        raise ValueError("inline stylesheet contains '</style'")
    return f"<style>{css}</style>"


class _ResourceFinder(HTMLParser):
    """Walks a page's markup, collecting the URLs it would load (see :func:`external_resources`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._block: str | None = None  # "css", "code" or "data": what the open <style>/<script> holds

    def _url(self, url: str) -> None:
        url = url.strip()
        if url and not url.lower().startswith(("data:", "#")):
            self.found.append(url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "style":
                self.found.extend(_css_urls(value))
            elif tag in _RESOURCE_TAGS and name in ("src", "href", "data", "poster", "xlink:href"):
                self._url(value)
            elif tag in _RESOURCE_TAGS and name == "srcset":
                for candidate in value.split(","):
                    self._url(candidate.strip().split(" ")[0])
        if tag == "style":
            self._block = "css"
        elif tag == "script":
            kind = dict(attrs).get("type") or ""
            self._block = "data" if _DATA_TYPE.fullmatch(kind.strip()) else "code"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._block = None

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._block = None

    def handle_data(self, data: str) -> None:
        if self._block == "css":
            self.found.extend(_css_urls(data))
        elif self._block == "code":
            self.found.extend(_tag_urls(data))  # markup a script would write into the page
        # text and JSON data blocks are data, not markup

    def finish(self) -> list[str]:
        self.close()
        rest = self.rawdata  # an unclosed <style>/<script> at the very end: read it as the browser would
        if rest:
            self.found.extend(_tag_urls(rest) + _css_urls(rest))
        return self.found


def _css_urls(css: str) -> list[str]:
    return [imp.group(1) or imp.group(2) for imp in _CSS_IMPORT.finditer(css)]


def _tag_urls(code: str) -> list[str]:
    found: list[str] = []
    for tag in _RESOURCE_TAG.finditer(code):
        for attr in _RESOURCE_ATTR.finditer(tag.group(0)):
            url = attr.group(2)
            if url and not url.lower().startswith(("data:", "#")):
                found.append(url)
    return found


def external_resources(html: str) -> list[str]:
    """URLs that the markup of ``html`` would load from elsewhere: resource tags, CSS imports and ``url()``.

    The page is parsed as HTML: resource tags' ``src``/``href``/``srcset``, CSS in
    ``<style>`` blocks and ``style`` attributes, and tags written by inline
    scripts are checked. Text and ``<script type="application/json">`` data
    blocks are data, not markup, and are not read: an article that says
    "@import" or "url(//...)" loads nothing. ``data:`` URIs and in-page anchors
    are fine; links in ``<a href>`` are not resources (attribution links are allowed).

    >>> external_resources('<script src="https://cdn.example/x.js"></script><a href="https://osm.org">OSM</a>')
    ['https://cdn.example/x.js']
    >>> external_resources('<link rel="stylesheet" href="style.css"><img src="data:image/png;base64,AA">')
    ['style.css']
    >>> external_resources("<style>@import 'https://f.example/a.css'; b{background:url(//x.ex/i.png)}")
    ['https://f.example/a.css', '//x.ex/i.png']
    >>> external_resources('<p>@import theme; url(//cdn.example/a.png) &lt;img src=x&gt;</p>')
    []
    >>> external_resources('<script type="application/json">{"t": "<img src=x>"}</script><div style="x:url(//a.ex/i)">')
    ['//a.ex/i']
    >>> external_resources('<svg><image href="https://i.example/a.svg"/><use xlink:href="#dot"/></svg>')
    ['https://i.example/a.svg']
    """
    finder = _ResourceFinder()
    finder.feed(html)
    return finder.finish()


def inline_assets(*, jquery: bool = False, markercluster: bool = False) -> InlineAssets:
    """Leaflet (and jQuery, Leaflet.markercluster if asked) as inline blocks.

    >>> assets = inline_assets(jquery=True)
    >>> len(assets.scripts), len(assets.styles), sorted(assets.versions)
    (2, 1, ['jquery', 'leaflet'])
    >>> external_resources(assets.head_html())
    []
    >>> clustered = inline_assets(markercluster=True)
    >>> len(clustered.scripts), len(clustered.styles), sorted(clustered.versions)
    (2, 2, ['leaflet', 'markercluster'])
    >>> external_resources(clustered.head_html())
    []
    """
    scripts = [script_tag(leaflet_js())]
    styles = [style_tag(leaflet_css())]
    versions = {"leaflet": xstatic.pkg.leaflet.VERSION}
    if jquery:
        scripts.append(script_tag(jquery_js()))
        versions["jquery"] = xstatic.pkg.jquery.VERSION
    if markercluster:
        scripts.append(script_tag(markercluster_js()))
        styles.append(style_tag(markercluster_css()))
        versions["markercluster"] = xstatic.pkg.leaflet_markercluster.VERSION
    return InlineAssets(scripts=tuple(scripts), styles=tuple(styles), versions=versions)
