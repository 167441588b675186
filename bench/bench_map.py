"""Map benchmark: Python build time, HTML size and browser load time for 1k / 10k / 50k places.

    python3 bench/bench_map.py [--sizes 1000,10000,50000] [--runs 3] [--keep DIR]

Synthetic places and articles (fixed seed, so every run maps the same data) go
through :func:`geonews.render.render_map` as it is in the working tree. Load time
is measured in headless Debian Chromium through Playwright, offline (every
request that is not ``file:`` is aborted, and the browser knows it is offline):
from navigation start until the first marker or cluster is drawn, until every
place is drawn (the numbers on the bubbles plus the markers drawn on their own
add up to the number of places: the maps open on a view holding them all), and
until the ``load`` event, median of ``--runs`` fresh pages. Also measures a
one-article map (40 places). Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geonews.model import Article, LatLon, Mention, Place, PlaceSummary, Resolution
from geonews.render import render_map, write_map
from geonews.render.snapshot import OFFLINE_FLAGS

FEATURES = ("city", "town", "capital", "village", "admin1", "country", "region", "landmark")
WORDS = ("visite", "frappes", "accord", "sommet", "frontière", "port", "gare", "élections", "réunion", "crise")
#: Drawn markers, clusters or areas, whatever the map uses when it runs.
DRAWN = "path.geonews-marker, .geonews-marker, .marker-cluster, .geonews-area"
#: True once every place is drawn, on its own or counted in a bubble.
ALL_DRAWN = """n => {
    let total = document.querySelectorAll("path.geonews-marker").length;
    for (const bubble of document.querySelectorAll(".marker-cluster")) { total += +bubble.innerText; }
    return total >= n;
}"""
CHROMIUM_ARGS = list(OFFLINE_FLAGS)


def synthetic(n_places: int, n_articles: int, seed: int = 20240501) -> tuple[list[PlaceSummary], dict[str, Article]]:
    """``n_places`` places spread over the land-ish world, each mentioned 1-4 times in ``n_articles`` articles."""
    rng = random.Random(seed)
    articles: dict[str, Article] = {}
    for a in range(n_articles):
        aid = f"art-{a:05d}"
        title = f"Article {a}: {rng.choice(WORDS)} à {rng.choice(WORDS).capitalize()}"
        day = 1 + a % 28
        articles[aid] = Article(
            id=aid, text=title, title=title, date=f"2024-{1 + a % 12:02d}-{day:02d}", url=f"https://example.org/{aid}"
        )
    ids = list(articles)
    summaries = []
    for i in range(n_places):
        name = f"Lieu {i:05d}"
        place = Place(
            f"gn:{i}",
            name,
            LatLon(round(rng.uniform(-55, 70), 4), round(rng.uniform(-170, 175), 4)),
            rng.choice(FEATURES),
            country_code="XX",
            population=rng.randint(0, 10**6),
        )
        resolutions = []
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):
            sentence = f"La {rng.choice(WORDS)} de {name} inquiète les voisins."
            start = sentence.index(name)
            mention = Mention(rng.choice(ids), start, start + len(name), name, sentence, 0)
            resolutions.append(
                Resolution(
                    mention,
                    place,
                    score=0.8,
                    confidence=round(rng.uniform(0.2, 1), 2),
                    reasons=("synthetic",),
                    metonymic=rng.random() < 0.03,
                )
            )
        summaries.append(PlaceSummary(place, tuple(resolutions)))
    return summaries, articles


def build(summaries: list[PlaceSummary], articles: dict[str, Article], path: Path) -> tuple[float, int]:
    t0 = time.perf_counter()
    page = render_map(summaries, articles, title=f"{len(summaries)} places")
    seconds = time.perf_counter() - t0
    write_map(page, path)
    return seconds, path.stat().st_size


def load_times(browser, path: Path, runs: int, n_places: int) -> tuple[float, float, float, int]:  # type: ignore[no-untyped-def]
    """Median seconds to the first drawn marker/cluster, to every place drawn and to the load event; count drawn."""
    drawn_s, all_s, load_s, count = [], [], [], 0
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
        context.set_offline(True)
        page = context.new_page()
        page.route(
            "**/*",
            lambda r: (
                r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort("internetdisconnected")
            ),
        )
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri(), wait_until="commit", timeout=120_000)
        page.wait_for_selector(DRAWN, state="attached", timeout=120_000)
        drawn_s.append(time.perf_counter() - t0)
        page.wait_for_function(ALL_DRAWN, arg=n_places, timeout=120_000, polling=20)
        all_s.append(time.perf_counter() - t0)
        page.wait_for_load_state("load")
        load_s.append(page.evaluate("performance.timing.loadEventEnd - performance.timing.navigationStart") / 1000)
        count = page.evaluate(f"document.querySelectorAll({DRAWN!r}).length")
        if errors:
            raise RuntimeError(f"{path.name}: page errors {errors[:3]}")
        context.close()
    return statistics.median(drawn_s), statistics.median(all_s), statistics.median(load_s), count


def git_state() -> str:
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "geonews/render"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}{' + uncommitted changes in geonews/render/' if dirty else ''}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the maps here instead of a temporary folder")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    executable = shutil.which("chromium")
    if executable is None:
        print("bench_map: Debian chromium is not installed", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="geonews-bench-map-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    cases = [("one article, 40 places", *synthetic(40, 1))]
    cases += [(f"{n:,} places, {max(1, n // 50):,} articles", *synthetic(n, max(1, n // 50))) for n in sizes]
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for label, summaries, articles in cases:
            path = out_dir / f"map-{len(summaries)}.html"
            seconds, size = build(summaries, articles, path)
            drawn, all_drawn, loaded, count = load_times(browser, path, args.runs, len(summaries))
            rows.append((label, seconds, size, drawn, all_drawn, loaded, count))
            print(
                f"{label}: build {seconds:.2f} s, {size / 2**20:.2f} MiB, drawn {drawn:.2f} s, "
                f"all drawn {all_drawn:.2f} s, load {loaded:.2f} s, {count} drawn",
                file=sys.stderr,
            )
        browser.close()
    version = subprocess.run([executable, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"Measured: render_map at {git_state()}; {version}; median of {args.runs} loads.\n")
    print(
        "| map | build (Python) | HTML size | first marker/cluster drawn | every place drawn | load event"
        " | elements drawn |"
    )
    print("|---|---|---|---|---|---|---|")
    for label, seconds, size, drawn, all_drawn, loaded, count in rows:
        size_text = f"{size / 1024:.0f} KB" if size < 2**20 else f"{size / 2**20:.1f} MB"
        print(
            f"| {label} | {seconds:.2f} s | {size_text} | {drawn:.2f} s | {all_drawn:.2f} s | {loaded:.2f} s"
            f" | {count:,} |"
        )
    if not args.keep:
        shutil.rmtree(out_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
