"""popup_html: content, highlighting and escaping of hostile article text."""

from __future__ import annotations

import html
import re

import pytest

from geonews.model import Article, Candidate, LatLon, Mention, Place, PlaceSummary, Resolution
from geonews.render.popup import popup_html, safe_url

TEXT = "Kim Jong-un est arrivé à Vladivostok mardi. Moscou a salué la visite depuis Vladivostok."
HOSTILE_TEXT = 'Alerte <script>alert(1)</script> à "Paris" l\'après-midi <img src=x onerror=alert(2)>.'


def mention(article_id: str, text: str, word: str, *, occurrence: int = 0) -> Mention:
    """A mention of ``word`` (its n-th occurrence) with the sentence it sits in."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    s_start = text.rfind(". ", 0, start)
    s_start = 0 if s_start < 0 else s_start + 2
    s_end = text.find(".", start)
    sentence = text[s_start : s_end + 1 if s_end >= 0 else len(text)]
    return Mention(article_id, start, start + len(word), word, sentence, s_start)


VLAD = Place(
    "gn:2013348",
    "Vladivostok",
    LatLon(43.1056, 131.8735),
    "city",
    country_code="RU",
    admin1="Primorye",
    population=604901,
    geonameid=2013348,
)
MOSCOW = Place(
    "gn:524901",
    "Moscow",
    LatLon(55.7522, 37.6156),
    "capital",
    country_code="RU",
    name_fr="Moscou",
    population=10381222,
    geonameid=524901,
)
PARIS_TX = Place("gn:4717560", "Paris", LatLon(33.6609, -95.5555), "city", country_code="US")
PARIS = Place("gn:2988507", "Paris", LatLon(48.8534, 2.3488), "capital", country_code="FR")


@pytest.fixture
def article() -> Article:
    return Article(
        id="a1",
        text=TEXT,
        title="Kim à Vladivostok",
        url="https://example.org/kim?x=1&y=2",
        date="2023-09-12",
        lang="fr",
    )


@pytest.fixture
def hostile() -> Article:
    return Article(
        id="evil",
        text=HOSTILE_TEXT,
        title="<script>alert(1)</script> \"quoted\" & 'single'",
        url="javascript:alert(1)",
        date='<b onmouseover="x">2024</b>',
    )


@pytest.fixture
def vlad_summary() -> PlaceSummary:
    alt = Candidate(Place("gn:1", "Vladivostok Bay", LatLon(43.0, 131.9), "gulf", country_code="RU"), 0.31)
    r1 = Resolution(
        mention("a1", TEXT, "Vladivostok"),
        VLAD,
        score=0.91,
        confidence=0.93,
        reasons=("only city of that name", "co-mentioned with Russia"),
        alternatives=(alt,),
    )
    r2 = Resolution(mention("a1", TEXT, "Vladivostok", occurrence=1), VLAD, score=0.8, confidence=0.85)
    return PlaceSummary(VLAD, (r1, r2))


@pytest.fixture
def moscow_summary() -> PlaceSummary:
    r = Resolution(
        mention("a1", TEXT, "Moscou"),
        MOSCOW,
        score=0.7,
        confidence=0.66,
        reasons=("capital",),
        metonymic=True,
    )
    return PlaceSummary(MOSCOW, (r,))


@pytest.fixture
def hostile_summary() -> PlaceSummary:
    alt = Candidate(PARIS_TX, 0.2)
    m = mention("evil", HOSTILE_TEXT, "Paris")
    evil_mention = Mention(m.article_id, m.start, m.end, m.text, HOSTILE_TEXT, 0)
    r = Resolution(
        evil_mention,
        PARIS,
        score=0.5,
        confidence=0.4,
        reasons=('<script>alert("reason")</script>',),
        alternatives=(alt,),
    )
    return PlaceSummary(PARIS, (r,))


def test_vladivostok_highlighted(vlad_summary: PlaceSummary, article: Article) -> None:
    out = popup_html(vlad_summary, {"a1": article})
    assert "<mark>Vladivostok</mark>" in out
    assert out.count("<mark>") == 2  # two sentences, one mention each
    assert "Kim Jong-un est arrivé à <mark>Vladivostok</mark> mardi." in out


def test_place_facts_reasons_and_runner_up(vlad_summary: PlaceSummary, article: Article) -> None:
    out = popup_html(vlad_summary, {"a1": article})
    assert "<h3>Vladivostok" in out
    assert "ville · Russie" in out
    # the two mentions were answered with 93 % and 85 %: the range, and each quote its own
    assert "confiance 85–93 % · 2 mentions" in out
    assert '<mark>Vladivostok</mark> mardi. <span class="gn-conf">93 %</span>' in out
    assert '<mark>Vladivostok</mark>. <span class="gn-conf">85 %</span>' in out
    # the resolver's reasons, for French readers; one without a pattern stays as written
    assert "seul lieu de ce nom (ville)" in out and "co-mentioned with Russia" in out
    assert "Vladivostok Bay (Russie)" in out and "score 0.31" in out
    assert "metonymic" not in out


def test_article_link_and_date(vlad_summary: PlaceSummary, article: Article) -> None:
    out = popup_html(vlad_summary, {"a1": article})
    assert '<a href="https://example.org/kim?x=1&amp;y=2" target="_blank" rel="noopener noreferrer">' in out
    assert "Kim à Vladivostok</a>" in out
    assert "12 septembre 2023" in out


def test_metonymic_badge_and_french_name(moscow_summary: PlaceSummary, article: Article) -> None:
    out = popup_html(moscow_summary, {"a1": article})
    assert 'class="gn-badge"' in out and "métonymie" in out
    assert "<h3>Moscou" in out
    assert "<mark>Moscou</mark> a salué la visite" in out
    assert "confiance 66 %" in out


def test_hostile_text_only_escaped(hostile_summary: PlaceSummary, hostile: Article) -> None:
    out = popup_html(hostile_summary, {"evil": hostile})
    assert "<script" not in out.lower()
    assert "<img" not in out.lower()
    assert "<b " not in out
    assert "javascript:" not in out  # not linked, and the URL itself is never shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#x27;single&#x27;" in out
    assert "&lt;script&gt;alert(&quot;reason&quot;)&lt;/script&gt;" in out
    assert "<mark>Paris</mark>" in out
    # only our own tags survive: every '<' starts a tag we emit
    ours = {"div", "span", "h3", "ul", "li", "p", "mark", "a"}
    for tag in re.findall(r"</?([a-zA-Z0-9]+)", out):
        assert tag in ours
    # quoted sentence survives a round trip
    assert html.unescape(re.sub(r"<[^>]+>", "", out)).count("onerror=alert(2)") == 1


def test_hostile_url_with_quotes_cannot_break_out_of_href(vlad_summary: PlaceSummary) -> None:
    art = Article(id="a1", text=TEXT, title="t", url='https://example.org/"><script>alert(1)</script>')
    out = popup_html(vlad_summary, {"a1": art})
    assert "<script" not in out
    assert 'href="https://example.org/&quot;&gt;&lt;script&gt;' in out


def test_max_sentences_caps_quotes(vlad_summary: PlaceSummary, article: Article) -> None:
    out = popup_html(vlad_summary, {"a1": article}, max_sentences=1)
    assert out.count('class="gn-sentence"') == 1
    assert "et 1 autre phrase" in out


def test_missing_article_falls_back_to_id(vlad_summary: PlaceSummary) -> None:
    out = popup_html(vlad_summary, {})
    assert '<span class="gn-title">a1</span>' in out
    assert "<mark>Vladivostok</mark>" in out


def test_wrong_offsets_are_refound_by_text() -> None:
    sentence = "Des tirs près de Donetsk."
    bad = Mention("a", 100, 107, "Donetsk", sentence, 50)  # offsets point past the sentence
    place = Place("p", "Donetsk", LatLon(48.0, 37.8), "city", country_code="UA")
    out = popup_html(PlaceSummary(place, (Resolution(bad, place, confidence=0.5),)), {})
    assert "près de <mark>Donetsk</mark>." in out


def test_long_sentence_is_quoted_as_a_window_with_ellipses() -> None:
    """Issue 12: a mention in a sentence of 35,000 characters is quoted with 200 characters around it."""
    from geonews.extract import mentions_from_spans

    text = "Lyon, " * 3000 + "Paris, " * 5000
    start = text.index("Paris") + 7 * 2500
    art = Article(id="p", text=text, title="Paris")
    [m] = mentions_from_spans(art, [(start, start + 5)])
    out = popup_html(PlaceSummary(PARIS, (Resolution(m, PARIS, confidence=0.9),)), {"p": art})
    quote = re.search(r'<p class="gn-sentence">(.*?)</p>', out).group(1)
    assert quote.startswith("… Paris, ") and quote.endswith(" …")
    assert quote.count("<mark>Paris</mark>") == 1
    assert 390 <= len(html.unescape(re.sub("<[^>]+>", "", quote))) <= 420


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org", "https://example.org"),
        ("http://example.org/a", "http://example.org/a"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("vbscript:x", None),
        ("/relative", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_reasons_carry_their_sign() -> None:
    from geonews.model import AGAINST, LatLon, Mention, Place, PlaceSummary, Resolution

    lyon = Place("g", "Lyon", LatLon(45.76, 4.84), "city")
    reasons = ("population 500 000", f"{AGAINST}far from every other place of the article")
    res = Resolution(Mention("a", 2, 6, "Lyon", "À Lyon.", 0), lyon, confidence=0.9, reasons=reasons)
    out = popup_html(PlaceSummary(lyon, (res,)), {}, lang="en")
    assert '<li class="gn-for"><span class="gn-sign" title="for this place">+</span>population 500 000</li>' in out
    assert ('<li class="gn-against"><span class="gn-sign" title="against this place">−</span>'
            "far from every other place of the article</li>") in out
    assert AGAINST not in out and "gn-conf" not in out  # one mention: no per-quote confidence


def test_namesakes_are_told_apart_by_region() -> None:
    from geonews.model import Candidate, LatLon, Mention, Place, PlaceSummary, Resolution

    def county(state: str, lat: float) -> Place:
        return Place(f"c-{state}", "Clark County", LatLon(lat, -100.0), "admin2", country_code="US", region=state)

    nevada, ohio, indiana = county("Nevada", 36.2), county("Ohio", 39.9), county("Indiana", 38.5)
    res = Resolution(Mention("a", 0, 12, "Clark County", "Clark County votes.", 0), nevada, confidence=0.7,
                     alternatives=(Candidate(nevada, 3.0), Candidate(ohio, 2.5), Candidate(indiana, 2.0)))
    out = popup_html(PlaceSummary(nevada, (res,)), {})
    assert "département ou comté · Nevada, États-Unis" in out
    assert "Clark County (Ohio, États-Unis)" in out and "Clark County (Indiana, États-Unis)" in out


def test_reasons_speak_the_readers_language(vlad_summary: PlaceSummary, article: Article) -> None:
    assert "only city of that name" in popup_html(vlad_summary, {"a1": article}, lang="en")
    assert "only city of that name" not in popup_html(vlad_summary, {"a1": article}, lang="fr")
