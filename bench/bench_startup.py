"""Cold start: ``geonews map`` of one article in a fresh process vs ``spacy.load`` alone in a fresh process.

    python3 bench/bench_startup.py [--repeat 5] [ARTICLE]

Each run is a new Python process, timed from start to exit (wall clock):

- ``spacy.load``: ``import spacy; spacy.load("fr_core_news_md", exclude=[...])``
  with the components geonews leaves out (so the same ``tok2vec`` + ``ner``);
- ``spacy.load`` of the whole model, for reference;
- ``geonews -q map ARTICLE -o OUT.html`` (default: the seed article), with the
  gazetteer already built and the geocode cache as it is.

The three alternate (in rotating order) and the medians are compared; the
goal is ``map`` <= ``spacy.load`` + 1.0 s.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, median
from geonews.extract.nlp import DEFAULT_MODEL, UNNEEDED_COMPONENTS


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=ROOT / "seeds" / "vostotchny-putin-kim.fr.txt")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="geonews-bench-")) / "one.html"
    py = sys.executable
    sides = {
        "spacy.load (tok2vec+ner)": [py, "-c", f"import spacy; spacy.load({DEFAULT_MODEL!r}, "
                                                f"exclude={list(UNNEEDED_COMPONENTS)!r})"],
        "spacy.load (whole model)": [py, "-c", f"import spacy; spacy.load({DEFAULT_MODEL!r})"],
        "geonews map (one article)": [py, "-m", "geonews", "-q", "map", str(args.article), "-o", str(out)],
    }
    timed(sides["geonews map (one article)"])  # warm the file system cache and build nothing later
    names = list(sides)
    times: dict[str, list[float]] = {name: [] for name in names}
    for i in range(args.repeat):
        for name in names[i % 3:] + names[: i % 3]:
            times[name].append(timed(sides[name]))
            print(f"  run {i + 1} {name}: {times[name][-1]:.2f} s", file=sys.stderr)
    load, _full, geonews = (median(times[name]) for name in names)
    print(f"| fresh process, median of {args.repeat} | seconds |")
    print("|---|---|")
    for name in names:
        print(f"| {name} | {median(times[name]):.2f} |")
    print(f"| geonews map - spacy.load (tok2vec+ner) | {geonews - load:+.2f} |")
    print(f"goal: map <= spacy.load + 1.0 s: {'met' if geonews - load <= 1.0 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
