"""A small, self-contained index page listing the maps of a run (``maps/index.html``).

The combined map comes first, then one row per article map, newest first (then
by title). Each row says which article a map shows: its title, and its id
next to the map's file name (file names are made unique and short, see
:mod:`geonews.render.filenames`, so they can differ from the id).
Everything from an article (title, id, date, link) is escaped; the page links
nothing external and has no script.

    >>> page = render_index([IndexEntry("a.html", "<b>A</b>", "2024-01-02", 3, 5)], title="Maps")
    >>> "&lt;b&gt;A&lt;/b&gt;" in page and "<b>A</b>" not in page
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from geonews.model import PlaceSummary
from geonews.render.escape import escape_html
from geonews.render.frontend import static_text
from geonews.render.i18n import Messages, messages

__all__ = ["IndexEntry", "render_index", "sort_entries"]


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One map on the index: where it is (``href``, relative to the index) and what it shows."""

    href: str
    title: str
    date: str | None = None
    places: int = 0
    mentions: int = 0
    combined: bool = False
    article_id: str = ""

    @classmethod
    def from_summaries(
        cls,
        href: str,
        title: str,
        summaries: Sequence[PlaceSummary],
        *,
        date: str | None = None,
        combined: bool = False,
        article_id: str = "",
    ) -> IndexEntry:
        """The entry of a map drawn from ``summaries`` (what :func:`~geonews.render.render_map` got).

        >>> IndexEntry.from_summaries("m.html", "T", [], article_id="m").places
        0
        """
        return cls(href, title, date, len(summaries), sum(s.mention_count for s in summaries), combined, article_id)


def sort_entries(entries: Sequence[IndexEntry]) -> list[IndexEntry]:
    """Combined maps first, then by date (newest first, undated last), then by title and href.

    >>> e = [IndexEntry("b", "B", "2023-01-01"), IndexEntry("n", "N"), IndexEntry("a", "A", "2024-05-01"),
    ...      IndexEntry("c", "All", combined=True), IndexEntry("a2", "a", "2024-05-01")]
    >>> [x.href for x in sort_entries(e)]
    ['c', 'a', 'a2', 'b', 'n']
    """
    dated = sorted(
        (e for e in entries if not e.combined and e.date),
        key=lambda e: (e.title.casefold(), e.title, e.href),
    )
    dated.sort(key=lambda e: str(e.date), reverse=True)  # stable: titles stay ascending within a date
    undated = sorted(
        (e for e in entries if not e.combined and not e.date),
        key=lambda e: (e.title.casefold(), e.title, e.href),
    )
    combined = sorted((e for e in entries if e.combined), key=lambda e: (e.title.casefold(), e.href))
    return [*combined, *dated, *undated]


def _count(msg: Messages, key: str, n: int) -> str:
    """``msg(key, n=n)`` with thousands set apart by a narrow space ("1 234 lieux")."""
    return msg(key, n=n).replace(str(n), f"{n:,}".replace(",", "\u202f"), 1)


def _row(entry: IndexEntry, msg: Messages) -> str:
    tag = f'<span class="tag">{msg("all_articles")}</span>' if entry.combined else ""
    if entry.date:
        date = f'<time class="d" datetime="{escape_html(entry.date)}">{escape_html(msg.date(entry.date))}</time>'
    else:
        date = "" if entry.combined else '<span class="d">—</span>'
    count = _count(msg, "n_places", entry.places)
    if entry.mentions:
        count += f" · {_count(msg, 'n_mentions', entry.mentions)}"
    css = ' class="combined"' if entry.combined else ""
    source = ""
    if entry.article_id:
        source = (
            f'<span class="f"><code>{escape_html(entry.article_id)}</code> → '
            f"<code>{escape_html(entry.href)}</code></span>"
        )
    return (
        f'<li{css}><a href="{escape_html(entry.href)}">'
        f'<span class="t">{tag}{escape_html(entry.title or entry.href)}{source}</span>'
        f'{date}<span class="n">{escape_html(count)}</span></a></li>'
    )


def render_index(entries: Sequence[IndexEntry], *, title: str = "geonews maps", ui_lang: str = "fr") -> str:
    """The index page (a complete HTML document) listing ``entries``, in ``ui_lang`` ("fr" or "en").

    >>> page = render_index([IndexEntry("x.html", "X", places=1)], title="T")
    >>> page.startswith("<!DOCTYPE html>") and "1 lieu<" in page and "<script" not in page
    True
    >>> '<html lang="en">' in render_index([IndexEntry("x.html", "X", places=2)], ui_lang="en")
    True
    """
    msg = messages(ui_lang)
    ordered = sort_entries(entries)
    n_articles = sum(1 for e in ordered if not e.combined)
    rows = "\n".join(_row(e, msg) for e in ordered) or f'<li class="empty">{msg("no_maps")}</li>'
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{msg.lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape_html(title)}</title><style>{static_text('index.css')}</style></head>\n"
        f"<body><header><h1>{escape_html(title)}</h1><p>{_count(msg, 'n_articles', n_articles)}</p></header>\n"
        f"<main><ul>\n{rows}\n</ul></main>\n"
        f"<footer>{msg('made_with')}</footer>\n"
        "</body></html>\n"
    )
