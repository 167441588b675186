"""Embed a map from :func:`geonews.render.render_map` in another page or in Jupyter, offline.

:func:`fragment` turns the full page into a ``<geonews-map>`` element of fixed
height that can be pasted into any HTML page, several times. The map lives in
the element's shadow root, where the host page's styles cannot reach it (its
``:host`` rule resets every inherited property and wins over the host's
``!important`` rules):

- the page's markup and data travel in a ``<template>``; a small script moves
  them into the shadow root and gives the map's own scripts a scoped
  ``document`` (``with`` + a Proxy): ``getElementById``/``querySelector`` look
  inside the shadow root, and ``document.body`` is the map's wrapper, so the
  page's layout classes land on it;
- page-wide CSS (``html``, ``body``, ``:root``) is re-pointed at the wrapper,
  folium's ``#map`` rule is dropped; folium's global variables (``var
  map_geonews = L.map(...)``) get a per-call suffix;
- vendor libraries (Leaflet, ...) travel inert (``type="text/plain"``) and a
  tiny loader runs each of them once per host page, whichever fragment is first.

    >>> from geonews.render import render_map
    >>> frag = fragment(render_map([], {}), height_px=300)
    >>> frag.startswith('<geonews-map data-gn-fragment="') and "html,body" not in frag and "<body" not in frag
    True
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from geonews.render.escape import escape_html
from geonews.render.frontend import page_js, static_text

__all__ = ["MapDisplay", "fragment"]

_TAG = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
_JSON_TYPE = re.compile(r"""type\s*=\s*["']application/(?:ld\+)?json["']""", re.I)
_ID_ATTR = re.compile(
    r"""\b(id|for|aria-controls|aria-labelledby|aria-describedby|list)(\s*=\s*)(["'])([^"']+)\3""", re.I
)
_HASH_HREF = re.compile(r"""\bhref(\s*=\s*)(["'])#([^"']+)\2""", re.I)
_BODY = re.compile(r"<body\b[^>]*>(.*?)(?:</body\s*>|$)", re.S | re.I)
_VAR_DECL = re.compile(r"\b(?:var|let|const)\s+([A-Za-z_$][\w$]*)\s*=\s*L\.")
_L_MAP_BY_ID = re.compile(r"""L\.map\(\s*(["'])([^"']+)\1""")
_PAGE_ROOT = re.compile(r"^\s*(?:html\s*,?\s*)?(?:body|:root)(?![\w-])", re.I)

def _split_rules(css: str) -> list[tuple[str, str]]:
    """Top-level ``(prelude, block)`` pairs of a stylesheet; text outside rules is ``(text, "")``."""
    rules: list[tuple[str, str]] = []
    depth, start, brace = 0, 0, -1
    for i, ch in enumerate(css):
        if ch == "{":
            if depth == 0:
                brace = i
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
            if depth == 0:
                rules.append((css[start:brace], css[brace + 1 : i]))
                start = i + 1
    if css[start:].strip():
        rules.append((css[start:], ""))
    return rules


def _scope_css(css: str, root: str, rename: Callable[[str], str]) -> str:
    """Point page-wide rules (``html``, ``body``, ``:root``) at ``root`` and drop folium's ``#map``.

    >>> print(_scope_css("html, body {margin:0} body.x .a{c:d} .b{e:f} #map {top:0} @media (w){body{g:h}}",
    ...                  "#R", lambda s: s))
    #R{margin:0}
    #R.x .a{c:d}
    .b{e:f}
    @media (w){#R{g:h}}
    """
    out: list[str] = []
    for prelude, block in _split_rules(css):
        head = prelude.strip()
        if not block and not head.endswith(")"):
            continue
        if head.startswith("@"):
            inner = _scope_css(block, root, rename) if head.lower().startswith(("@media", "@supports")) else block
            out.append(f"{head}{{{inner}}}")
            continue
        selectors = []
        for sel in head.split(","):
            sel = sel.strip()
            if re.fullmatch(r"html|#map", sel, re.I):
                continue
            sel = re.sub(r"^html\s+", "", sel, flags=re.I)
            sel = _PAGE_ROOT.sub(root, sel)
            selectors.append(rename(sel))
        if selectors:
            out.append(f"{','.join(dict.fromkeys(selectors))}{{{block}}}")
    return "\n".join(out)


def fragment(html: str, *, height_px: int = 480) -> str:
    """An embeddable ``<geonews-map>`` element (shadow DOM) of the map page ``html``.

    ``height_px`` is the height of the whole map (title bar included); its
    width follows the host element. A host page can hold several fragments,
    even of the same map.
    """
    if not isinstance(height_px, int) or height_px < 100:
        raise ValueError(f"height_px must be an integer >= 100, got {height_px!r}")
    suffix = "_" + uuid.uuid4().hex[:10]

    body_match = _BODY.search(html)
    if body_match is None or "folium-map" not in html:
        raise ValueError("not a geonews map page: no <body> with a folium map")
    body_start = body_match.start()
    blocks = list(_TAG.finditer(html))
    body_markup = _TAG.sub("", body_match.group(1))
    ids = {m.group(4) for m in _ID_ATTR.finditer(body_markup) if m.group(1).lower() == "id"}
    ids |= {m.group(4) for b in blocks for m in _ID_ATTR.finditer(b.group(2)) if m.group(1).lower() == "id"}
    id_pattern = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True)) or "(?!)"

    styles: list[str] = []
    libraries: list[str] = []
    apps: list[str] = []
    quoted_id = re.compile(r"""["'#](?:""" + id_pattern + r""")["'\s\]]""")
    for b in blocks:
        tag, attrs, text = b.group(1).lower(), b.group(2), b.group(3)
        if tag == "style":
            styles.append(text)
        elif _JSON_TYPE.search(attrs):
            continue  # data: kept in place with the body markup below
        elif b.start() < body_start and len(text) > 4000 and not quoted_id.search(text):
            libraries.append(text)  # a vendor library (Leaflet, jQuery, plugins): run once per host page
        else:
            apps.append(text)  # the map's own code: runs per fragment, with a scoped `document`

    # folium's global variables (var map_xyz = L.map(...)) get the suffix; L.map finds its <div> in the shadow root
    ours = page_js().strip()  # the page script declares its own variables inside functions: left alone
    names = {m.group(1) for text in apps if text.strip() != ours for m in _VAR_DECL.finditer(text)}
    name_pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) or "(?!)"
    name_re = re.compile(r"(?<![\w$'\"-])(" + name_pattern + r")(?![\w$'\"-])")  # names, not strings

    def rename_js(text: str) -> str:
        quoted = _L_MAP_BY_ID
        text = quoted.sub(lambda m: f"L.map(document.getElementById({m.group(1)}{m.group(2)}{m.group(1)})", text)
        return name_re.sub(lambda m: m.group(1) + suffix, text)

    def keep_data(m: re.Match[str]) -> str:
        return m.group(0) if _JSON_TYPE.search(m.group(2)) else ""  # code runs below, scoped to this fragment

    css = "\n".join(_scope_css(s, ".gn-embed", lambda sel: sel) for s in styles)
    markup = _TAG.sub(keep_data, body_match.group(1)).strip()
    parts = [
        f'<template data-gn-template="{suffix[1:]}"><style>{static_text("embed.css")}'
        f":host{{height:{height_px}px !important}}\n{css}</style>"
        f'<div class="gn-embed">{markup}</div></template>'
    ]
    loader = static_text("embed-loader.js")
    for text in libraries:
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        parts.append(f'<script type="text/plain" data-gn-lib="{key}">{text}</script><script>{loader}</script>')
    attach = f"{static_text('embed-scope.js')}(window, document, document.currentScript.parentNode);"
    parts.append(f"<script>{attach}</script>")
    scoped = f"window.__geonewsScopes[{json.dumps(suffix)}]"
    for text in apps:
        parts.append(f"<script>with ({{document: {scoped}}}) {{\n{rename_js(text)}\n}}</script>")
    host = f'<geonews-map data-gn-fragment="{suffix}" style="display:block;height:{height_px}px">'
    return host + "\n".join(parts) + "</geonews-map>"


@dataclass(frozen=True)
class MapDisplay:
    """Rich display of a map page for Jupyter: ``MapDisplay(render_map(...))`` as a cell's last line.

    >>> shown = MapDisplay('<p title="x">A & B</p>', height_px=200)._repr_html_()
    >>> shown.startswith("<iframe") and 'srcdoc="&lt;p title=&quot;x&quot;&gt;A &amp; B&lt;/p&gt;"' in shown
    True
    """

    html: str
    height_px: int = 480

    @classmethod
    def from_file(cls, path: Path | str, *, height_px: int = 480) -> MapDisplay:
        """Display a map file written by :func:`geonews.render.write_map`."""
        return cls(Path(path).read_text(encoding="utf-8"), height_px=height_px)

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{escape_html(self.html)}" title="geonews map" '
            f'style="width:100%;height:{int(self.height_px)}px;border:1px solid #c9d3dd" '
            "allowfullscreen></iframe>"
        )
