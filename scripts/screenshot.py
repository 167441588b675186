"""Screenshot a geonews map in headless Debian Chromium (for docs/), optionally with a popup open.

    python3 scripts/screenshot.py maps/vostotchny-putin-kim.fr.html docs/seed-map.png --click Vladivostok

The basemap pictures of docs/ (an invented article about a flood in the Gard, and the seed map)::

    python3 -m geonews map docs/examples/crue-gard.fr.txt -o /tmp/gard.html
    python3 scripts/screenshot.py /tmp/gard.html docs/basemap-desktop.png --width 1280 --height 800 \\
        --zoom 9 --center 43.98,4.12
    python3 scripts/screenshot.py /tmp/gard.html docs/basemap-phone.png --width 390 --height 844 \\
        --zoom 9 --center 44.0,4.08
    python3 -m geonews map seeds/ -o /tmp/seed.html
    python3 scripts/screenshot.py /tmp/seed.html docs/basemap-seed.png --width 1280 --height 800 \\
        --zoom 7 --center 43.4,132.5
    python3 scripts/screenshot.py /tmp/seed.html docs/basemap-seed-phone.png --width 390 --height 844 \\
        --zoom 7 --center 43.3,131.9

Needs `playwright` (pip) and Debian's `chromium`; no network is used: every
request that is not a local file is refused, as on an offline machine.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--click", help="data-name of a marker to click first")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=720)
    parser.add_argument("--zoom", type=int, help="zoom to this level (around --center, else the view's centre)")
    parser.add_argument("--center", help="LAT,LON to centre the view on (with --zoom)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from geonews.render.snapshot import OFFLINE_FLAGS

    executable = shutil.which("chromium")
    if executable is None:
        print("screenshot: Debian chromium is not installed", file=sys.stderr)
        return 1
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=list(OFFLINE_FLAGS))
        context = browser.new_context(viewport={"width": args.width, "height": args.height})
        context.set_offline(True)
        page = context.new_page()
        page.goto(args.html.resolve().as_uri())
        page.wait_for_selector("path.geonews-marker", state="attached")
        if args.zoom is not None:
            center = [float(v) for v in args.center.split(",")] if args.center else None
            page.evaluate(
                "([z, c]) => map_geonews.setView(c || map_geonews.getCenter(), z, {animate: false})",
                [args.zoom, center],
            )
            page.wait_for_timeout(500)
        if args.click:
            page.locator(f'path.geonews-marker[data-name="{args.click}"]').click()
            page.locator(".leaflet-popup-content").wait_for(state="visible")
            page.wait_for_timeout(400)
        args.png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.png))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
