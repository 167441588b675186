"""The HTML shown when a reader clicks a place on the map (pure, no folium).

Everything that comes from an article or the gazetteer goes through
:func:`~geonews.render.escape.escape_html`; the only markup here is ours. The
classes used are styled once per page by ``static/popup.css``.

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

from geonews.model import AGAINST, Article, Mention, Place, PlaceSummary, Resolution
from geonews.render.escape import MARK_CLOSE, MARK_OPEN, escape_html, highlight_spans
from geonews.render.i18n import Messages, country_name, messages

__all__ = [
    "PopupPart",
    "Quote",
    "article_heading_html",
    "country_name",
    "place_location",
    "popup_html",
    "popup_parts",
    "safe_url",
    "top_resolution",
]


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


def article_heading_html(article_id: str, article: Article | None, msg: Messages | None = None) -> str:
    """The opening of an article's block in a popup: its title (linked if safe) and date, for people.

    Maps share it between the popups of an article's places (see ``render_map``).

    >>> article_heading_html("a", Article(id="a", text="", title="<b>", url="https://x.org/", date="2024-01-02"))
    '<div class="gn-article"><span class="gn-title"><a href="https://x.org/" target="_blank" \
rel="noopener noreferrer">&lt;b&gt;</a></span><span class="gn-date">2 janvier 2024</span>'
    """
    if article is None:
        return _heading_html(article_id, "", None, None)
    date = (msg or messages("fr")).date(article.date) if article.date else None
    return _heading_html(article_id, article.title, article.url, date)


@functools.lru_cache(maxsize=4096)  # every place of an article asks for the same heading
def _heading_html(article_id: str, title: str, url: str | None, date: str | None) -> str:
    text = escape_html(title or article_id)
    link = safe_url(url)
    if link:
        text = f'<a href="{escape_html(link)}" target="_blank" rel="noopener noreferrer">{text}</a>'
    when = f'<span class="gn-date">{escape_html(date)}</span>' if date else ""  # already written for people
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


def place_location(place: Place, lang: str = "fr") -> str:
    """Where a place is, to tell namesakes apart: "Texas, États-Unis" (region, country), for readers.

    >>> from geonews.model import LatLon
    >>> paris_tx = Place("g", "Paris", LatLon(33.66, -95.56), "town", country_code="US", region="Texas")
    >>> place_location(paris_tx), place_location(paris_tx, "en")
    ('Texas, États-Unis', 'Texas, United States')
    >>> place_location(Place("f", "France", LatLon(46, 2), "country", country_code="FR"))
    ''
    """
    if not place.country_code or place.feature in ("country", "continent"):
        return ""
    region = place.region_in(lang)
    country = country_name(place.country_code, lang)
    return f"{region}, {country}" if region and region != country else country


def popup_html(
    summary: PlaceSummary,
    articles: Mapping[str, Article],
    *,
    max_sentences: int = 5,
    lang: str = "fr",
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
    parts = popup_parts(summary, articles, max_sentences=max_sentences, msg=messages(lang))
    return "".join(p.html() if isinstance(p, Quote) else p for p in parts)


def popup_parts(
    summary: PlaceSummary,
    articles: Mapping[str, Article],
    *,
    max_sentences: int = 5,
    msg: Messages | None = None,
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
    msg = msg or messages("fr")
    place = summary.place
    resolutions = summary.resolutions
    best = top_resolution(summary)
    lang = summary.lang(articles)
    parts: list[PopupPart] = ['<div class="gn-popup"><h3>', escape_html(place.name_in(lang))]

    badge = ""
    if any(r.metonymic for r in resolutions):
        badge = f'<span class="gn-badge" title="{msg("metonymic_title")}">{msg("metonymic")}</span>'

    meta = [escape_html(msg.feature(place.feature))]
    where = place_location(place, msg.lang)
    if where:
        meta.append(escape_html(where))
    levels = sorted({_percent(r.confidence) for r in resolutions}, key=lambda p: int(p.split()[0]))
    per_mention = len(levels) > 1  # mentions answered with different confidence: each quote says its own
    shown = f"{levels[0].split()[0]}–{levels[-1]}" if per_mention else _percent(summary.confidence)
    # three pieces, each shared between many popups: what and where, the confidence, the count
    parts += (f'{badge}</h3><div class="gn-meta">{" · ".join(meta)} · ', msg("confidence", p=shown),
              f' · {msg("n_mentions", n=summary.mention_count)}</div>')

    if best is not None and best.reasons:
        parts.append(f'<div class="gn-section">{msg("why")}</div><ul class="gn-reasons">')
        for reason in best.reasons:
            against = reason.startswith(AGAINST)
            mark = "−" if against else "+"
            sign = f'<span class="gn-sign" title="{msg("against" if against else "for")}">{mark}</span>'
            text = escape_html(msg.reason(reason.removeprefix(AGAINST)))
            parts.append(f'<li class="{"gn-against" if against else "gn-for"}">{sign}{text}</li>')
        parts.append("</ul>")

    if best is not None:
        alternatives = [c for c in best.alternatives if c.place.id != place.id][:3]
        if alternatives:
            parts.append(f'<div class="gn-section">{msg("runners_up")}</div><ul class="gn-alt">')
            for cand in alternatives:
                where = place_location(cand.place, msg.lang)
                country = f" ({escape_html(where)})" if where else ""
                parts.append(
                    f"<li>{escape_html(cand.place.name_in(lang))}{country}"
                    f" · {escape_html(msg.feature(cand.place.feature))} · {msg('score', s=f'{cand.score:.2f}')}</li>"
                )
            parts.append("</ul>")

    budget = max(0, max_sentences)
    skipped = 0
    for article_id in summary.article_ids:
        mine = [r for r in resolutions if r.mention.article_id == article_id]
        parts.append(article_heading_html(article_id, articles.get(article_id), msg))

        by_sentence: dict[tuple[int, str, tuple[bool, bool]], list[tuple[int, int]]] = {}
        confidence: dict[tuple[int, str, tuple[bool, bool]], float] = {}
        for r in sorted(mine, key=lambda r: (r.mention.sentence_start, r.mention.start)):
            m = r.mention
            key = (m.sentence_start, m.sentence, m.sentence_cut)
            spans = by_sentence.setdefault(key, [])
            confidence[key] = min(confidence.get(key, 1.0), r.confidence)
            span = _mention_span(m)
            if span is not None:
                spans.append(span)
        quoted = False
        tail = ""  # what ends the sentence before: "…", its confidence; glued to the next piece (one piece fewer)
        for key, spans in by_sentence.items():
            _, sentence, (cut_before, cut_after) = key
            if budget <= 0:
                skipped += 1
                continue
            budget -= 1
            opening = (tail + "</p>" if quoted else "") + '<p class="gn-sentence">' + _CUT_BEFORE * cut_before
            parts += opening, Quote.of(sentence, spans)
            tail = (_CUT_AFTER if cut_after else "") + (
                f' <span class="gn-conf">{_percent(confidence[key])}</span>' if per_mention else "")
            quoted = True
        parts.append(tail + "</p></div>" if quoted else "</div>")

    if skipped:
        parts.append(f'<div class="gn-more">{msg("more_sentences", n=skipped)}</div>')
    parts.append("</div>")
    return parts
