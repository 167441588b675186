"""Saved web pages: main text and metadata (title, date, URL, site name).

``trafilatura`` extracts the main text when it is installed; a small
``html.parser`` extractor gives the metadata (``<title>``, ``og:*`` and
``article:*`` meta tags, ``<link rel=canonical>``, ``<time datetime>``) and
the text when trafilatura is missing or finds nothing.

    >>> page = extract_page('<html><head><title>Kim à Vostotchny</title>'
    ...     '<meta property="og:url" content="https://ex.org/kim"></head>'
    ...     '<body><nav>Menu</nav><article><p>Le train est arrivé à Khassan.</p></article></body></html>',
    ...     use_trafilatura=False)
    >>> page.title, page.url, page.text
    ('Kim à Vostotchny', 'https://ex.org/kim', 'Le train est arrivé à Khassan.')
    >>> html_to_text("<p>Séoul&nbsp;et <b>Pyongyang</b></p><p>Moscou</p>")
    'Séoul\\xa0et Pyongyang\\n\\nMoscou'
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from geonews.readers.dates import normalize_date

__all__ = ["PageInfo", "declared_charset", "extract_page", "html_to_text"]

_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe", "head", "select", "button"})
_BOILERPLATE = frozenset({"nav", "header", "footer", "aside", "form"})
_BLOCK = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table",
     "tr", "section", "article", "main", "figure", "figcaption", "dd", "dt", "hr", "header", "footer"}
)  # fmt: skip
_PARAGRAPH = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption"})
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "area", "base", "col", "embed", "wbr"})
_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
    "pubdate", "publishdate", "sailthru.date", "parsely-pub-date", "article.published",
)  # fmt: skip
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageInfo:
    """What a saved web page says about itself."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    sitename: str | None = None
    lang: str | None = None


def declared_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` of the page's first 4 KB, if any.

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
    'ISO-8859-1'
    """
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _squeeze(text: str) -> str:
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.lang: str | None = None
        self.title_parts: list[str] = []
        self.time_datetime: str | None = None
        self._stack: list[str] = []
        self._skip = 0
        self._boiler = 0
        self._article = 0
        self._in_title = False
        # (in_article, in_paragraph, text) segments, "\n" marks block breaks
        self.blocks: list[tuple[bool, bool, list[str]]] = []
        self._current: list[str] = []
        self._para = 0

    def _flush(self) -> None:
        text = _squeeze("".join(self._current))
        if text and not self._boiler:
            self.blocks.append((self._article > 0, self._para > 0, [text]))
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.lang = a["lang"].strip() or None
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key and "content" in a and key not in self.meta:
                self.meta[key] = a["content"].strip()
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.canonical = self.canonical or a["href"].strip()
        elif tag == "time" and a.get("datetime") and self.time_datetime is None:
            self.time_datetime = a["datetime"].strip()
        if tag == "title":
            self._in_title = True
        if tag in _VOID:
            if tag in _BLOCK:
                self._flush()
            return
        if tag in _BLOCK:
            self._flush()
        self._stack.append(tag)
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BOILERPLATE:
            self._boiler += 1
        elif tag in ("article", "main"):
            self._article += 1
        elif tag in _PARAGRAPH:
            self._para += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag not in self._stack:
            return
        if tag in _BLOCK:
            self._flush()
        while self._stack:
            top = self._stack.pop()
            if top in _SKIP:
                self._skip -= 1
            elif top in _BOILERPLATE:
                self._boiler -= 1
            elif top in ("article", "main"):
                self._article -= 1
            elif top in _PARAGRAPH:
                self._para -= 1
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skip:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def main_text(self) -> str:
        for keep in (
            lambda art, para: art and para,
            lambda art, para: art,
            lambda art, para: para,
            lambda art, para: True,
        ):
            chosen = [t[0] for art, para, t in self.blocks if keep(art, para)]
            if chosen:
                return "\n\n".join(chosen)
        return ""


def html_to_text(html: str) -> str:
    """The visible text of an HTML fragment, one blank line between blocks (feeds' summaries)."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return "\n\n".join(t[0] for _, _, t in parser.blocks)


def _trafilatura(html: str) -> dict[str, str | None] | None:
    try:
        import trafilatura
    except ImportError:
        return None
    logger = logging.getLogger("trafilatura")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.ERROR)
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_recall=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:
        return None
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return {k: (v if isinstance(v, str) and v.strip() else None) for k, v in data.items()}


def extract_page(html: str, *, use_trafilatura: bool = True) -> PageInfo:
    """Main text and metadata of a saved web page (see the module docstring)."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    meta = parser.meta
    title = meta.get("og:title") or meta.get("twitter:title") or _squeeze("".join(parser.title_parts)) or None
    raw_date = next((meta[k] for k in _DATE_META if meta.get(k)), None) or parser.time_datetime
    url = meta.get("og:url") or parser.canonical
    sitename = meta.get("og:site_name") or meta.get("application-name")
    text = parser.main_text()
    extracted = _trafilatura(html) if use_trafilatura else None
    if extracted:
        text = extracted.get("text") or text
        title = title or extracted.get("title")
        raw_date = raw_date or extracted.get("date")
        url = url or extracted.get("url")
        sitename = sitename or extracted.get("sitename")
    return PageInfo(
        text=text,
        title=title,
        date=normalize_date(raw_date),
        url=url,
        sitename=sitename,
        lang=parser.lang or meta.get("og:locale"),
    )
