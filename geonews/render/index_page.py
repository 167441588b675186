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


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}".replace(",", "\u202f")


_CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#eef2f6;color:#1d2733}
header{background:#16324f;color:#fff;padding:18px 24px;box-shadow:0 1px 3px rgba(0,0,0,.3)}
header h1{margin:0;font-size:22px;font-weight:650}
header p{margin:4px 0 0;color:#cfe0f3;font-size:14px}
main{max-width:920px;margin:20px auto;padding:0 16px}
ul{list-style:none;margin:0;padding:0;display:grid;gap:10px}
li a{display:flex;align-items:center;gap:14px;padding:12px 16px;background:#fff;border-radius:8px;
  text-decoration:none;color:inherit;box-shadow:0 1px 3px rgba(0,0,0,.12);border-left:5px solid #1f6fb4}
li a:hover,li a:focus{box-shadow:0 2px 8px rgba(0,0,0,.22);outline:none}
li.combined a{border-left-color:#f08c00;background:#fffaf2}
.t{flex:1 1 auto;min-width:0;font-weight:600;font-size:16px;overflow-wrap:anywhere}
.d{flex:0 0 auto;color:#5b6b7c;font-size:13px;font-variant-numeric:tabular-nums}
.n{flex:0 0 auto;font-size:13px;color:#16324f;background:#e3ecf6;border-radius:12px;padding:2px 10px;
  white-space:nowrap}
.f{display:block;font-weight:400;font-size:12px;color:#5b6b7c;margin-top:2px}
.f code{font-size:12px}
.tag{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:#b35f00;margin-right:6px}
footer{max-width:920px;margin:0 auto 24px;padding:0 16px;color:#6b7785;font-size:12px}
"""


def _row(entry: IndexEntry) -> str:
    tag = '<span class="tag">all articles</span>' if entry.combined else ""
    if entry.date:
        date = f'<time class="d">{escape_html(entry.date)}</time>'
    else:
        date = "" if entry.combined else '<span class="d">—</span>'
    count = _plural(entry.places, "place")
    if entry.mentions:
        count += f" · {_plural(entry.mentions, 'mention')}"
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


def render_index(entries: Sequence[IndexEntry], *, title: str = "geonews maps") -> str:
    """The index page (a complete HTML document) listing ``entries``.

    >>> page = render_index([IndexEntry("x.html", "X", places=1)], title="T")
    >>> page.startswith("<!DOCTYPE html>") and "1 place<" in page and "<script" not in page
    True
    """
    ordered = sort_entries(entries)
    n_articles = sum(1 for e in ordered if not e.combined)
    rows = "\n".join(_row(e) for e in ordered) or '<li class="empty">No maps.</li>'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape_html(title)}</title><style>{_CSS}</style></head>\n"
        f"<body><header><h1>{escape_html(title)}</h1><p>{_plural(n_articles, 'article')}</p></header>\n"
        f"<main><ul>\n{rows}\n</ul></main>\n"
        "<footer>Made with geonews · places from GeoNames (CC-BY 4.0)</footer>\n"
        "</body></html>\n"
    )
