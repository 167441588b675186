"""RSS and Atom feeds: one record per entry, via ``feedparser``.

    >>> is_feed(b'<?xml version="1.0"?>\\n<rss version="2.0"><channel>'), is_feed(b"<svg/>")
    (True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from geonews.errors import ArticleReadError
from geonews.readers.dates import iso_from_struct, normalize_date
from geonews.readers.html import html_to_text

__all__ = ["FEED_SUFFIXES", "feed_records", "is_feed"]

#: Suffixes always read as feeds (``.xml`` only when :func:`is_feed` says so).
FEED_SUFFIXES: tuple[str, ...] = (".rss", ".atom")
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)[\s>/]")
_PROLOGUE = re.compile(rb"^(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL)


def is_feed(head: bytes) -> bool:
    """True if the first bytes of a file open an RSS, RDF or Atom document."""
    head = head.lstrip(b"\xef\xbb\xbf")
    prologue = _PROLOGUE.match(head)
    rest = head[prologue.end() if prologue else 0 :]
    return bool(_ROOT.match(rest))


def _entry_text(entry: Any) -> str:
    parts: list[tuple[str, str]] = []
    for content in entry.get("content") or []:
        parts.append((content.get("value") or "", content.get("type") or "text/html"))
    detail = entry.get("summary_detail") or {}
    if entry.get("summary"):
        parts.append((entry["summary"], detail.get("type") or "text/html"))
    best = ""
    for value, kind in parts:
        text = html_to_text(value) if "html" in kind else value.strip()
        if len(text) > len(best):
            best = text
    return best


def feed_records(data: bytes, *, source: str) -> Iterator[tuple[int, dict[str, str | None]]]:
    """``(entry number, record)`` per entry.

    Records hold title, text (HTML stripped), url, date (ISO), id, lang and source (the feed's title).
    """
    try:
        import feedparser
    except ImportError:  # pragma: no cover - feedparser is a dependency
        raise ArticleReadError(source, "reading feeds needs feedparser (pip install feedparser)") from None
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception") or "malformed XML").splitlines()[0]
            raise ArticleReadError(source, f"not a readable RSS or Atom feed ({reason})")
        if not parsed.get("version"):
            raise ArticleReadError(source, "not an RSS or Atom feed")
        raise ArticleReadError(source, "feed has no entries")
    feed_lang = parsed.feed.get("language") or None
    feed_title = " ".join((parsed.feed.get("title") or "").split()) or None
    for n, entry in enumerate(parsed.entries, start=1):
        title_detail = entry.get("title_detail") or {}
        title = entry.get("title") or ""
        if "html" in (title_detail.get("type") or ""):
            title = html_to_text(title)
        raw_date = entry.get("published") or entry.get("updated") or entry.get("created")
        date = normalize_date(raw_date) if raw_date else None
        if (date is None or date == (raw_date or "").strip()) and raw_date is not None:
            parsed_struct = entry.get("published_parsed") or entry.get("updated_parsed")
            date = iso_from_struct(parsed_struct) or date
        yield n, {
            "id": entry.get("id") or entry.get("link") or None,
            "title": " ".join(title.split()) or None,
            "text": _entry_text(entry),
            "url": entry.get("link") or None,
            "date": date,
            "lang": (title_detail.get("language") or feed_lang) or None,
            "source": feed_title,
        }
