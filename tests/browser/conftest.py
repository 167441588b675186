"""Fixtures for tests that drive a real headless Chromium through Playwright.

The browser is Debian's ``chromium`` (no Playwright browser download). Every
request that is not ``file:`` or ``data:`` is aborted, so the page runs as if
there were no network at all. Without chromium or Playwright these tests are
skipped, except under CI (environment variable ``CI`` set), where they fail.
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from geonews.model import Article, LatLon, Mention, Place, PlaceSummary, Resolution
from geonews.render import render_map, write_map
from geonews.render.snapshot import OFFLINE_FLAGS

CHROMIUM_ARGS = list(OFFLINE_FLAGS)

TEXT = (
    "Kim Jong-un est arrivé mardi à Vladivostok, dans l'Extrême-Orient russe. "
    "Moscou a salué une visite « historique ». Le train blindé venait de Pyongyang."
)
# astral characters (emoji, 𝒳) before the mention: highlights are placed in UTF-16 units, as JavaScript counts
EVIL = 'Alerte 🚨 <script>alert(1)</script> : le "sommet" 𝒳 d\'Oulan-Bator <img src=x onerror=alert(2)>.'


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)


def _mention(article_id: str, text: str, word: str) -> Mention:
    start = text.index(word)
    s_start = text.rfind(". ", 0, start)
    s_start = 0 if s_start < 0 else s_start + 2
    s_end = text.find(".", start) + 1 or len(text)
    return Mention(article_id, start, start + len(word), word, text[s_start:s_end], s_start)


@pytest.fixture(scope="session")
def sample_articles() -> dict[str, Article]:
    return {
        "kim": Article(
            id="kim",
            text=TEXT,
            title="Kim Jong-un à Vladivostok",
            date="2023-09-12",
            url="https://example.org/kim",
        ),
        "evil": Article(
            id="evil", text=EVIL, title='<script>alert("title")</script> "sommet"', url="javascript:alert(3)"
        ),
    }


@pytest.fixture(scope="session")
def sample_summaries() -> list[PlaceSummary]:
    vlad = Place("gn:2013348", "Vladivostok", LatLon(43.1056, 131.8735), "city", country_code="RU")
    moscow = Place(
        "gn:524901", "Moscow", LatLon(55.7522, 37.6156), "capital", country_code="RU", name_fr="Moscou"
    )
    pyongyang = Place("gn:1871859", "Pyongyang", LatLon(39.0339, 125.7543), "capital", country_code="KP")
    ulaanbaatar = Place(
        "gn:2028462",
        "Ulaanbaatar",
        LatLon(47.9077, 106.8832),
        "capital",
        country_code="MN",
        name_fr="Oulan-Bator",
    )
    return [
        PlaceSummary(
            vlad,
            (
                Resolution(
                    _mention("kim", TEXT, "Vladivostok"),
                    vlad,
                    score=0.9,
                    confidence=0.92,
                    reasons=("only city of that name",),
                ),
            ),
        ),
        PlaceSummary(
            moscow, (Resolution(_mention("kim", TEXT, "Moscou"), moscow, confidence=0.7, metonymic=True),)
        ),
        PlaceSummary(pyongyang, (Resolution(_mention("kim", TEXT, "Pyongyang"), pyongyang, confidence=0.4),)),
        PlaceSummary(
            ulaanbaatar, (Resolution(_mention("evil", EVIL, "Oulan-Bator"), ulaanbaatar, confidence=0.8),)
        ),
    ]


@pytest.fixture(scope="session")
def map_file(
    tmp_path_factory: pytest.TempPathFactory,
    sample_summaries: list[PlaceSummary],
    sample_articles: dict[str, Article],
) -> Path:
    path = tmp_path_factory.mktemp("maps") / "map.html"
    write_map(render_map(sample_summaries, sample_articles, title="Visite de Kim"), path)
    return path


@pytest.fixture(scope="session")
def dated_map_file(
    tmp_path_factory: pytest.TempPathFactory,
    sample_summaries: list[PlaceSummary],
    sample_articles: dict[str, Article],
) -> Path:
    """The sample map with both articles dated a week apart, plus Russia (a country, drawn as an area)."""
    articles = dict(sample_articles)
    articles["evil"] = replace(articles["evil"], date="2023-09-19")
    russia = Place("gn:2017370", "Russia", LatLon(60.0, 100.0), "country", country_code="RU", name_fr="Russie")
    text = articles["kim"].text
    summaries = [
        *sample_summaries,
        PlaceSummary(russia, (Resolution(_mention("kim", text, "russe"), russia, confidence=0.6),)),
    ]
    path = tmp_path_factory.mktemp("maps") / "dated.html"
    write_map(render_map(summaries, articles, title="Deux articles datés"), path)
    return path


@pytest.fixture(scope="session")
def big_map_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """5,000 generated places from 5 articles: clustered."""
    rnd = random.Random(7)
    sentence = "Des nouvelles de Ville."
    articles = {
        f"a{i}": Article(id=f"a{i}", text=sentence, title=f"Article {i}", date=f"2024-01-0{i + 1}") for i in range(5)
    }
    summaries = []
    for i in range(5000):
        place = Place(f"g{i}", f"Ville {i}", LatLon(rnd.uniform(-50, 65), rnd.uniform(-170, 170)), "city")
        mention = Mention(f"a{i % 5}", 17, 22, "Ville", sentence, 0)
        summaries.append(PlaceSummary(place, (Resolution(mention, place, confidence=rnd.random()),)))
    path = tmp_path_factory.mktemp("maps") / "big.html"
    write_map(render_map(summaries, articles, title="5000 places"), path)
    return path


@pytest.fixture(scope="session")
def clustered_region_map_file(
    tmp_path_factory: pytest.TempPathFactory,
    sample_summaries: list[PlaceSummary],
    sample_articles: dict[str, Article],
) -> Path:
    """The sample map, clustered, with the Primorye region (a disc) next to Vladivostok."""
    primorye = Place("gn:2017623", "Primorskiy kray", LatLon(45.0, 134.5), "admin1", country_code="RU")
    text = sample_articles["kim"].text
    summaries = [
        *sample_summaries,
        PlaceSummary(primorye, (Resolution(_mention("kim", text, "Extrême-Orient"), primorye, confidence=0.7),)),
    ]
    path = tmp_path_factory.mktemp("maps") / "clustered.html"
    write_map(render_map(summaries, sample_articles, title="Régions", cluster=True), path)
    return path


@pytest.fixture(scope="session")
def many_articles_map_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,200 places from 120 articles (10 each): a side panel much taller than the screen."""
    articles = {f"a{k:03d}": Article(id=f"a{k:03d}", text="Ville.", title=f"Article {k:03d}") for k in range(120)}
    summaries = []
    for i in range(1200):
        place = Place(f"g{i}", f"Bourg {i:04d}", LatLon(-50 + (i * 7) % 110, -170 + (i * 13) % 340), "town")
        mention = Mention(f"a{i % 120:03d}", 0, 5, "Ville", "Ville.", 0)
        summaries.append(PlaceSummary(place, (Resolution(mention, place, confidence=0.8),)))
    path = tmp_path_factory.mktemp("maps") / "many.html"
    write_map(render_map(summaries, articles, title="120 articles"), path)
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = shutil.which("chromium")
    if executable is None:
        _unavailable("Debian chromium is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class OfflinePage:
    """A Playwright page with no network, and what it said while loading."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: Path, *, ready: str = "path.geonews-marker") -> None:
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_load_state("load")
        self.page.wait_for_selector(ready, state="attached")


@pytest.fixture(params=["offline", "blocked"])
def offline_page(request: pytest.FixtureRequest, browser: Any) -> Iterator[OfflinePage]:
    """A page with no network: either the browser knows it is offline, or every request fails."""
    context = browser.new_context(viewport={"width": 1200, "height": 760}, service_workers="block")
    if request.param == "offline":
        context.set_offline(True)
    page = context.new_page()
    state = OfflinePage(page)

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(("file:", "data:")):
            r.continue_()
        else:
            state.blocked.append(url)
            r.abort("internetdisconnected")

    page.route("**/*", route)
    page.on("console", lambda msg: state.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: state.page_errors.append(str(exc)))

    def on_dialog(dialog: Any) -> None:  # an alert() would mean injected script ran
        state.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield state
    finally:
        context.close()
