"""Peak memory: ``geonews extract`` on 100 vs 10,000 articles (max RSS of the process).

    python3 bench/bench_memory.py [--sizes 100,10000]

Each size runs ``geonews -q extract CORPUS -o OUT --max-size 0`` in a fresh
process, with the built gazetteer (``--gazetteer``) and a fresh geocode cache
in a temporary directory (so the cache fills as it would on a first run).
The peak resident set size of that process comes from ``os.wait4``. The goal
is that the largest corpus stays within 1.2x of the smallest: input and output
stream, and nothing grows per article.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, peak_rss
from bench.corpus import write_corpus
from geonews.config import Settings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,10000")
    parser.add_argument("--gazetteer", type=Path, default=Settings(cache_dir=ROOT / "cache").gazetteer_path)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    for n in sizes:
        corpus = write_corpus(n)
        with tempfile.TemporaryDirectory(prefix="geonews-bench-") as tmp:
            argv = [sys.executable, "-m", "geonews", "-q", "--gazetteer", str(args.gazetteer), "--cache-dir", tmp,
                    "extract", str(corpus), "-o", str(Path(tmp) / "out.jsonl"), "--max-size", "0"]
            rss, seconds = peak_rss(argv)
        rows.append((n, rss, seconds))
        print(f"  {n} articles: {rss:.0f} MB, {seconds:.0f} s", file=sys.stderr)
    base = rows[0][1]
    print("| articles | max RSS | vs the smallest | wall clock |")
    print("|---|---|---|---|")
    for n, rss, seconds in rows:
        print(f"| {n:,} | {rss:.0f} MB | {rss / base:.2f}x | {seconds:.0f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
