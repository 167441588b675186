"""The HTML shown when a reader clicks a place on the map (pure, no folium).

Everything that comes from an article or the gazetteer goes through
:func:`~geonews.render.escape.escape_html`; the only markup here is ours. The
classes used are styled once per page by :data:`POPUP_CSS`.

:func:`popup_parts` gives a popup as the pieces it is joined from, so a map
can send each repeated piece once (see ``render_map``); :func:`popup_html`
joins them. A quoted sentence is a :class:`Quote`: its escaped text and where
the ``<mark>`` tags go.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from geonews.model import Article, Mention, PlaceSummary, Resolution
from geonews.render.escape import MARK_CLOSE, MARK_OPEN, escape_html, highlight_spans

__all__ = [
    "POPUP_CSS",
    "PopupPart",
    "Quote",
    "article_heading_html",
    "popup_html",
    "popup_parts",
    "safe_url",
    "top_resolution",
]

#: Styles for the classes :func:`popup_html` uses (put once in the page).
POPUP_CSS = """
.gn-popup{font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:340px}
.gn-popup h3{margin:0 0 2px;font-size:15px;line-height:1.25}
.gn-meta{color:#555;font-size:12px;margin-bottom:6px}
.gn-badge{display:inline-block;padding:0 5px;margin-left:4px;border-radius:8px;font-size:11px;
  background:#fde7c8;color:#8a4b00;border:1px solid #f0c27b}
.gn-section{margin:6px 0 0;font-size:11px;font-weight:600;color:#666;text-transform:uppercase;
  letter-spacing:.03em}
.gn-popup ul{margin:2px 0 0;padding-left:16px}
.gn-popup li{margin:1px 0}
.gn-alt{color:#444;font-size:12px}
.gn-article{margin-top:6px;padding-top:5px;border-top:1px solid #e4e4e4}
.gn-title{font-weight:600}
.gn-date{color:#777;font-size:11px;margin-left:4px}
.gn-popup p.gn-sentence{margin:3px 0 0;padding-left:6px;border-left:3px solid #c9d9ea;
  font-size:12px;color:#333}
.gn-sentence mark{background:#ffe58a;padding:0 1px;border-radius:2px}
.gn-more{color:#777;font-size:11px;margin-top:3px}
"""


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL, else ``None`` (never linked).

    >>> safe_url("https://example.org/a?b=1")
    'https://example.org/a?b=1'
    >>> safe_url(" JavaScript:alert(1)") is None, safe_url("data:text/html,x") is None, safe_url(None) is None
    (True, True, True)
    >>> safe_url("//evil.example/x") is None
    True
    """
    if not url:
        return None
    url = url.strip()
    if any(ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return url


def top_resolution(summary: PlaceSummary) -> Resolution | None:
    """The resolution that best explains why this place was chosen.

    Highest confidence, then highest score; the first one on ties.
    """
    best: Resolution | None = None
    for r in summary.resolutions:
        if best is None or (r.confidence, r.score) > (best.confidence, best.score):
            best = r
    return best


def _mention_span(mention: Mention) -> tuple[int, int] | None:
    """Where the mention sits in its sentence, re-found by text if the offsets disagree."""
    start, end = mention.sentence_offsets
    sentence = mention.sentence
    if 0 <= start < end <= len(sentence) and (not mention.text or sentence[start:end] == mention.text):
        return start, end
    if mention.text:
        found = sentence.find(mention.text)
        if found >= 0:
            return found, found + len(mention.text)
    return None


def article_heading_html(article_id: str, article: Article | None) -> str:
    """The opening of an article's block in a popup: its title (linked if safe) and date.

    Maps share it between the popups of an article's places (see ``render_map``).

    >>> article_heading_html("a", Article(id="a", text="", title="<b>", url="https://x.org/", date="2024-01-02"))
    '<div class="gn-article"><span class="gn-title"><a href="https://x.org/" target="_blank" \
rel="noopener noreferrer">&lt;b&gt;</a></span><span class="gn-date">2024-01-02</span>'
    """
    if article is None:
        return _heading_html(article_id, "", None, None)
    return _heading_html(article_id, article.title, article.url, article.date)


@functools.lru_cache(maxsize=4096)  # every place of an article asks for the same heading
def _heading_html(article_id: str, title: str, url: str | None, date: str | None) -> str:
    text = escape_html(title or article_id)
    link = safe_url(url)
    if link:
        text = f'<a href="{escape_html(link)}" target="_blank" rel="noopener noreferrer">{text}</a>'
    when = f'<span class="gn-date">{escape_html(date)}</span>' if date else ""
    return f'<div class="gn-article"><span class="gn-title">{text}</span>{when}'


#: Where a long sentence was cut around a quoted mention (see :attr:`~geonews.model.Mention.sentence_cut`).
_CUT_BEFORE = f"{Mention.ELLIPSIS} "
_CUT_AFTER = f" {Mention.ELLIPSIS}"

_MARK_TAG = re.compile(f"({re.escape(MARK_OPEN)}|{re.escape(MARK_CLOSE)})")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted sentence: its escaped ``text`` and the ``(start, end)`` offsets in it of each highlight.

    >>> q = Quote.of("Vols <Paris> - Moscou", [(5, 12), (15, 21)])
    >>> q.text, q.marks
    ('Vols &lt;Paris&gt; - Moscou', ((5, 18), (21, 27)))
    >>> q.html()
    'Vols <mark>&lt;Paris&gt;</mark> - <mark>Moscou</mark>'
    """

    text: str
    marks: tuple[tuple[int, int], ...] = ()

    @classmethod
    def of(cls, sentence: str, spans: Iterable[tuple[int, int]]) -> Quote:
        """``sentence`` escaped, with ``spans`` (offsets into the raw sentence) to highlight.

        Built from :func:`~geonews.render.escape.highlight_spans`, so ``Quote.of(s, spans).html()``
        is exactly what it returns.
        """
        text: list[str] = []
        marks: list[tuple[int, int]] = []
        pos = start = 0
        for piece in _MARK_TAG.split(highlight_spans(sentence, spans)):
            if piece == MARK_OPEN:  # escaped text never holds "<": every tag is ours
                start = pos
            elif piece == MARK_CLOSE:
                marks.append((start, pos))
            else:
                text.append(piece)
                pos += len(piece)
        return cls("".join(text), tuple(marks))

    def html(self) -> str:
        """The escaped sentence with its highlights in ``<mark>`` tags."""
        out: list[str] = []
        pos = 0
        for start, end in self.marks:
            out += (self.text[pos:start], MARK_OPEN, self.text[start:end], MARK_CLOSE)
            pos = end
        out.append(self.text[pos:])
        return "".join(out)


#: A piece of popup HTML: markup and escaped text, or a quoted sentence.
PopupPart = str | Quote


def _percent(value: float) -> str:
    return f"{round(max(0.0, min(1.0, value)) * 100)} %"


@functools.lru_cache(maxsize=512)
def country_name(code: str, lang: str = "fr") -> str:
    """The country's name for readers (CLDR via babel), or the code when unknown.

    >>> country_name("RU"), country_name("KP"), country_name("QQ")
    ('Russie', 'Corée du Nord', 'QQ')
    """
    from babel import Locale

    return Locale(lang).territories.get(code.upper(), code)


def popup_html(
    summary: PlaceSummary,
    articles: Mapping[str, Article],
    *,
    max_sentences: int = 5,
) -> str:
    """HTML popup for one place: what it is, why it was chosen, where articles mention it.

    At most ``max_sentences`` sentences are quoted in all (each at most once,
    every mention in it highlighted); the rest are counted. Of a very long
    sentence, the window kept around the mention is quoted, with ``…`` where
    the sentence goes on.

    >>> from geonews.model import Article, LatLon, Mention, Place, PlaceSummary, Resolution
    >>> text = "Kim est arrivé à Vladivostok mardi."
    >>> art = Article(id="a1", text=text, title="Kim & Poutine", url="https://example.org/kim")
    >>> m = Mention("a1", 17, 28, "Vladivostok", text, 0)
    >>> vlad = Place("g1", "Vladivostok", LatLon(43.1, 131.9), "city", country_code="RU")
    >>> res = Resolution(m, vlad, score=0.9, confidence=0.93, reasons=("unique city",))
    >>> out = popup_html(PlaceSummary(vlad, (res,)), {"a1": art})
    >>> "<mark>Vladivostok</mark>" in out, "Kim &amp; Poutine" in out, "93 %" in out
    (True, True, True)
    """
    parts = popup_parts(summary, articles, max_sentences=max_sentences)
    return "".join(p.html() if isinstance(p, Quote) else p for p in parts)


def popup_parts(
    summary: PlaceSummary,
    articles: Mapping[str, Article],
    *,
    max_sentences: int = 5,
) -> list[PopupPart]:
    """The pieces :func:`popup_html` joins, cut where they change from place to place.

    Markup that every popup repeats is glued to its neighbours; the place's name
    (``escape_html(place.name_in(lang))``, in the articles' language) is a piece of its own, and so is each
    article's heading (:func:`article_heading_html`) and each quoted sentence.

    >>> from geonews.model import LatLon, Mention, Place, PlaceSummary, Resolution
    >>> lyon = Place("g", "Lyon", LatLon(45.76, 4.84), "city")
    >>> res = Resolution(Mention("a", 2, 6, "Lyon", "À Lyon.", 0), lyon, confidence=0.9)
    >>> parts = popup_parts(PlaceSummary(lyon, (res,)), {})
    >>> parts[:2], parts[-4:]
    (['<div class="gn-popup"><h3>', 'Lyon'], ['<p class="gn-sentence">', Quote(text='À Lyon.', marks=((2, 6),)), \
'</p></div>', '</div>'])
    """
    place = summary.place
    resolutions = summary.resolutions
    best = top_resolution(summary)
    lang = summary.lang(articles)
    parts: list[PopupPart] = ['<div class="gn-popup"><h3>', escape_html(place.name_in(lang))]

    badge = ""
    if any(r.metonymic for r in resolutions):
        badge = '<span class="gn-badge" title="used for an institution or government">metonymic</span>'

    meta = [escape_html(place.feature)]
    if place.country_code and place.feature != "country":
        meta.append(escape_html(country_name(place.country_code)))
    meta.append(f"confidence {_percent(summary.confidence)}")
    count = summary.mention_count
    meta.append(f"{count} mention{'s' if count != 1 else ''}")
    parts.append(f'{badge}</h3><div class="gn-meta">{" · ".join(meta)}</div>')

    if best is not None and best.reasons:
        parts.append('<div class="gn-section">Why this place</div><ul>')
        parts.extend(f"<li>{escape_html(reason)}</li>" for reason in best.reasons)
        parts.append("</ul>")

    if best is not None:
        alternatives = [c for c in best.alternatives if c.place.id != place.id][:3]
        if alternatives:
            parts.append('<div class="gn-section">Runners-up</div><ul class="gn-alt">')
            for cand in alternatives:
                code = cand.place.country_code
                country = f" ({escape_html(country_name(code))})" if code and cand.place.feature != "country" else ""
                parts.append(
                    f"<li>{escape_html(cand.place.name_in(lang))}{country}"
                    f" · {escape_html(cand.place.feature)} · score {cand.score:.2f}</li>"
                )
            parts.append("</ul>")

    budget = max(0, max_sentences)
    skipped = 0
    for article_id in summary.article_ids:
        mentions = [r.mention for r in resolutions if r.mention.article_id == article_id]
        parts.append(article_heading_html(article_id, articles.get(article_id)))

        by_sentence: dict[tuple[int, str, tuple[bool, bool]], list[tuple[int, int]]] = {}
        for m in sorted(mentions, key=lambda m: (m.sentence_start, m.start)):
            spans = by_sentence.setdefault((m.sentence_start, m.sentence, m.sentence_cut), [])
            span = _mention_span(m)
            if span is not None:
                spans.append(span)
        quoted = False
        for (_, sentence, (cut_before, cut_after)), spans in by_sentence.items():
            if budget <= 0:
                skipped += 1
                continue
            budget -= 1
            opening = ("</p>" if quoted else "") + '<p class="gn-sentence">' + _CUT_BEFORE * cut_before
            parts += opening, Quote.of(sentence, spans)
            if cut_after:
                parts.append(_CUT_AFTER)
            quoted = True
        parts.append("</p></div>" if quoted else "</div>")

    if skipped:
        parts.append(f'<div class="gn-more">… and {skipped} more sentence{"s" if skipped != 1 else ""}</div>')
    parts.append("</div>")
    return parts
