"""Basemap benchmark (issue 16): what the offline basemap's layers cost, in bytes and in drawing time.

    python3 bench/bench_basemap.py [--runs 3] [--gazetteer cache/gazetteer-v5.sqlite] [--keep DIR]

Two regional stories (a flood in the Gard, the Donbass front: six places each)
are rendered three ways: the 1:110m world only (``detail=False``, no labels,
as before issue 16), with the detail layers, and with the detail and the
town names picked from the gazetteer (``--gazetteer``; the label index is
read once, as ``geonews map`` does). For each: the bytes of each JSON blob
and of the page, the Python time, and in headless Debian Chromium (offline):
time to the first marker, then the time to draw the story at zoom 6, 9 and
12 (``setView`` until two animation frames later: decoding, SVG paths, town
labels, and the paint), median of ``--runs`` fresh pages. Prints Markdown for
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geonews.model import Article, LatLon, Mention, Place, PlaceSummary, Resolution
from geonews.render import render_map, write_map
from geonews.render.basemap import LabelIndex, _detail, detail_blob, detail_boxes, label_index, labels_for, story_points
from geonews.render.snapshot import OFFLINE_FLAGS

STORIES = {
    "Gard flood": [
        ("Alès", 44.1249, 4.0808), ("Anduze", 44.0617, 3.9867), ("Nîmes", 43.8367, 4.3601),
        ("Sommières", 43.7833, 4.0897), ("Quissac", 43.9131, 4.0019), ("Saint-Jean-du-Gard", 44.1039, 3.8853),
    ],
    "Donbass front": [
        ("Bakhmout", 48.5956, 38.0003), ("Kramatorsk", 48.7231, 37.5563), ("Donetsk", 48.0159, 37.8028),
        ("Avdiïvka", 48.1394, 37.7497), ("Pokrovsk", 48.2828, 37.1807), ("Kharkiv", 49.9935, 36.2304),
    ],
}
BLOBS = ("geonews-basemap", "geonews-detail", "geonews-labels", "geonews-places", "geonews-popups")
DRAW_AT = """async ([z, c]) => {
    const t = performance.now();
    map_geonews.setView(c, z, {animate: false});
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t;
}"""


def story(name: str) -> tuple[list[PlaceSummary], dict[str, Article]]:
    places = STORIES[name]
    text = " ".join(f"À {p}, la situation s'aggrave." for p, _, _ in places)
    article = Article(id="a", text=text, title=name)
    summaries = []
    for place_name, lat, lon in places:
        place = Place(f"gn:{place_name}", place_name, LatLon(lat, lon), "town", country_code="XX")
        start = text.index(place_name)
        mention = Mention("a", start, start + len(place_name), place_name, text, 0)
        summaries.append(PlaceSummary(place, (Resolution(mention, place, confidence=0.9),)))
    return summaries, {"a": article}


def blob_sizes(page: str) -> dict[str, int]:
    sizes = {}
    for blob in BLOBS:
        m = re.search(rf'id="{blob}">(.*?)</script>', page, re.S)
        sizes[blob] = len(m.group(1).encode()) if m else 0
    return sizes


def browser_times(browser, path: Path, center: tuple[float, float], runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    """Median ms: first marker from navigation, then drawing at zoom 6, 9 and 12."""
    rows: list[list[float]] = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
        context.set_offline(True)
        page = context.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri(), wait_until="commit")
        page.wait_for_selector("path.geonews-marker", state="attached")
        first = (time.perf_counter() - t0) * 1000
        page.wait_for_load_state("load")
        rows.append([first, *(page.evaluate(DRAW_AT, [z, list(center)]) for z in (6, 9, 12))])
        context.close()
    return [statistics.median(col) for col in zip(*rows, strict=True)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--gazetteer", type=Path, default=Path("cache/gazetteer-v5.sqlite"))
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    executable = shutil.which("chromium")
    if executable is None:
        print("bench_basemap: Debian chromium is not installed", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    t0 = time.perf_counter()
    _detail()
    load_detail = time.perf_counter() - t0
    index = LabelIndex.of([])
    load_index = 0.0
    if args.gazetteer.is_file():
        from geonews.gazetteer.store import Gazetteer

        t0 = time.perf_counter()
        with Gazetteer(args.gazetteer) as store:
            index = label_index(store)
        load_index = time.perf_counter() - t0
    print(f"Once per process: detail data read {load_detail * 1000:.0f} ms; "
          f"label index ({len(index):,} towns) read {load_index * 1000:.0f} ms.\n")

    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="geonews-bench-basemap-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=list(OFFLINE_FLAGS))
        for name in STORIES:
            summaries, articles = story(name)
            t0 = time.perf_counter()
            detail_blob(detail_boxes(story_points(summaries)))
            detail_ms = (time.perf_counter() - t0) * 1000
            t0 = time.perf_counter()
            labels = labels_for(index, summaries)
            labels_ms = (time.perf_counter() - t0) * 1000
            lat = sum(s.place.point.lat for s in summaries) / len(summaries)
            lon = sum(s.place.point.lon for s in summaries) / len(summaries)
            for variant, kwargs in (
                ("1:110m world only", {"detail": False}),
                ("+ detail layers", {}),
                ("+ detail + town names", {"labels": labels}),
            ):
                t0 = time.perf_counter()
                page = render_map(summaries, articles, title=name, **kwargs)  # type: ignore[arg-type]
                build_ms = (time.perf_counter() - t0) * 1000
                path = out_dir / f"{name.split()[0].lower()}-{len(rows)}.html"
                write_map(page, path)
                times = browser_times(browser, path, (lat, lon), args.runs)
                rows.append((name, variant, len(page.encode()), blob_sizes(page), build_ms, times, len(labels)))
                print(f"{name} / {variant}: {len(page.encode()) / 1024:.0f} KB, {times}", file=sys.stderr)
            print(f"{name}: detail_blob {detail_ms:.0f} ms, labels_for {labels_ms:.0f} ms ({len(labels)} labels)")
        browser.close()
    print()
    print(
        "| story | page | HTML | world 1:110m | detail | labels | render_map | first marker"
        " | zoom 6 | zoom 9 | zoom 12 |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, variant, size, blobs, build_ms, times, _ in rows:
        print(
            f"| {name} | {variant} | {size / 1024:.0f} KB | {blobs['geonews-basemap'] / 1024:.0f} KB"
            f" | {blobs['geonews-detail'] / 1024:.1f} KB | {blobs['geonews-labels'] / 1024:.1f} KB | {build_ms:.0f} ms"
            f" | {times[0]:.0f} ms | {times[1]:.0f} ms | {times[2]:.0f} ms | {times[3]:.0f} ms |"
        )
    if not args.keep:
        shutil.rmtree(out_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
