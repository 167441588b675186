"""The index page of a run's maps."""

from __future__ import annotations

import re

from geonews.render.escape import escape_html
from geonews.render.index_page import IndexEntry, render_index, sort_entries

HOSTILE = "<script>alert(\"x\")</script><img src=x onerror=alert(1)> & 'q'"


def _hrefs(page: str) -> list[str]:
    return re.findall(r'<li[^>]*><a href="([^"]*)"', page)


def test_hostile_title_href_and_date_are_escaped() -> None:
    page = render_index(
        [IndexEntry('x.html" onclick="alert(2)', HOSTILE, '2024"><b>', 2, 3)],
        title=HOSTILE,
    )
    assert "<script>alert" not in page and "<img" not in page and "<b>" not in page
    assert 'onclick="alert' not in page
    assert escape_html(HOSTILE) in page
    assert page.count("<script") == 0
    assert "<title>" + escape_html(HOSTILE) + "</title>" in page


def test_order_combined_then_date_desc_then_title() -> None:
    entries = [
        IndexEntry("old.html", "Zeta", "2020-01-01", 1, 1),
        IndexEntry("undated.html", "Alpha", None, 1, 1),
        IndexEntry("b.html", "beta", "2024-03-01", 2, 2),
        IndexEntry("a.html", "Alpha", "2024-03-01", 2, 2),
        IndexEntry("combined.html", "All articles", None, 10, 20, combined=True),
        IndexEntry("new.html", "Omega", "2025-12-31", 1, 1),
    ]
    expected = ["combined.html", "new.html", "a.html", "b.html", "old.html", "undated.html"]
    assert [e.href for e in sort_entries(entries)] == expected
    assert _hrefs(render_index(entries, title="Maps")) == expected
    assert _hrefs(render_index(list(reversed(entries)), title="Maps")) == expected


def test_counts_and_self_contained() -> None:
    page = render_index(
        [IndexEntry("c.html", "Tout", None, 1234, 5678, combined=True), IndexEntry("a.html", "A", "2024-01-01", 1, 1)],
        title="Maps",
        ui_lang="en",
    )
    assert "1\u202f234 places" in page and "5\u202f678 mentions" in page and "1 place ·" in page
    assert "1 article<" in page  # the combined map is not counted as an article
    assert "http://" not in page and "https://" not in page and "<link" not in page
    assert page.startswith("<!DOCTYPE html>")


def test_empty() -> None:
    page = render_index([], title="Nothing", ui_lang="en")
    assert "No maps." in page and "0 articles" in page
    page = render_index([], title="Rien")
    assert "Aucune carte." in page and "0 article<" in page and '<html lang="fr">' in page


def test_dates_for_people() -> None:
    page = render_index([IndexEntry("a.html", "A", "2024-10-07T06:12:00+02:00", 2)], ui_lang="fr")
    assert '<time class="d" datetime="2024-10-07T06:12:00+02:00">7 octobre 2024</time>' in page
    assert "2 lieux" in page


def test_from_summaries() -> None:
    from geonews.model import LatLon, Mention, Place, PlaceSummary, Resolution

    place = Place("p", "Paris", LatLon(48.85, 2.35), "capital")
    mention = Mention("a", 0, 5, "Paris", "Paris.", 0)
    summaries = [PlaceSummary(place, (Resolution(mention, place), Resolution(mention, place)))]
    entry = IndexEntry.from_summaries("a.html", "A", summaries, date="2024-01-01")
    assert entry == IndexEntry("a.html", "A", "2024-01-01", 1, 2, False)
    page = render_index([IndexEntry.from_summaries("all.html", "All", summaries, combined=True)], title="T")
    assert '<span class="d">' not in page  # a combined map shows no date placeholder


def test_each_row_names_its_article_id_and_file() -> None:
    """The index is the map of ids to file names (names can differ from ids: see geonews.render.filenames)."""
    page = render_index([IndexEntry("paris-1670f2e4.html", "Sommet", article_id="paris"),
                         IndexEntry("x.html", "X", article_id=HOSTILE),
                         IndexEntry("combined.html", "All", combined=True)])
    assert "<code>paris</code> → <code>paris-1670f2e4.html</code>" in page
    assert f"<code>{escape_html(HOSTILE)}</code>" in page and "<img" not in page
    assert page.count("<code>") == 4  # the combined map has no article id
