"""Long articles (issue 12): peak memory and output sizes for one sentence of ``"Paris, "`` repeated.

    python3 bench/bench_long_article.py [--repeats 50000] [--sizes 5000,10000,20000] [--unit "Lyon "]

The article is a title line and ``"Paris, " * REPEATS`` with no full stop
(350 KB for 50,000 repeats): one sentence holding 50,000 mentions. Each run is
``geonews -q extract ARTICLE -f csv|jsonl -o OUT`` or ``geonews -q map ARTICLE
-o OUT`` in a fresh process, with the built gazetteer (``--gazetteer``) and a
fresh geocode cache in a temporary directory; the peak resident set size of
that process comes from ``os.wait4``. Then the CSV export for each of
``--sizes`` repeats shows the output growing linearly with the input (bytes
of output per byte of input stay flat). Goals: the long article under 1 GB,
output size linear in input size. Prints Markdown tables for docs/benchmarks.md.
``--unit "Lyon "`` repeats a name with no punctuation at all: one name sequence of
50,000 capitalised words for the gazetteer ruler.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, peak_rss
from geonews.config import Settings

#: One mention of a capital and a comma, never a full stop: the whole article is one sentence.
UNIT = "Paris, "


def write_article(path: Path, repeats: int, unit: str = UNIT) -> int:
    """Write the article (a title line, then ``unit * repeats``); its size in bytes."""
    path.write_text("Paris, encore\n" + unit * repeats, encoding="utf-8")
    return path.stat().st_size


def run(command: list[str], article: Path, out: Path, gazetteer: Path, cache_dir: str) -> tuple[float, float, int]:
    """``(max RSS in MB, seconds, output bytes)`` of ``geonews -q COMMAND ARTICLE -o OUT``."""
    argv = [sys.executable, "-m", "geonews", "-q", "--gazetteer", str(gazetteer), "--cache-dir", cache_dir,
            command[0], str(article), *command[1:], "-o", str(out)]
    rss, seconds = peak_rss(argv)
    return rss, seconds, out.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=50_000)
    parser.add_argument("--sizes", default="5000,10000,20000")
    parser.add_argument("--unit", default=UNIT, help="the text repeated (default: %(default)r)")
    parser.add_argument("--gazetteer", type=Path, default=Settings(cache_dir=ROOT / "cache").gazetteer_path)
    args = parser.parse_args()
    commands = {"extract -f csv": ["extract", "-f", "csv"], "extract -f jsonl": ["extract", "-f", "jsonl"],
                "map": ["map"]}
    suffix = {"extract -f csv": ".csv", "extract -f jsonl": ".jsonl", "map": ".html"}
    with tempfile.TemporaryDirectory(prefix="geonews-bench-long-") as tmp:
        article = Path(tmp) / "paris.txt"
        size = write_article(article, args.repeats, args.unit)
        print(f"Article: {args.unit!r} x {args.repeats:,} ({size:,} bytes, one sentence)\n")
        print("| command | max RSS | wall clock | output |")
        print("|---|---|---|---|")
        for name, command in commands.items():
            with tempfile.TemporaryDirectory(dir=tmp) as cache_dir:
                rss, seconds, out_size = run(command, article, Path(tmp) / f"out{suffix[name]}", args.gazetteer,
                                             cache_dir)
            print(f"| `geonews {name}` | {rss:.0f} MB | {seconds:.0f} s | {out_size / 1e6:.1f} MB |", flush=True)
        print("\n| repeats | input | CSV output | output / input |")
        print("|---|---|---|---|")
        for repeats in (int(s) for s in args.sizes.split(",")):
            size = write_article(article, repeats, args.unit)
            with tempfile.TemporaryDirectory(dir=tmp) as cache_dir:
                _rss, _seconds, out_size = run(commands["extract -f csv"], article, Path(tmp) / "sizes.csv",
                                               args.gazetteer, cache_dir)
            print(f"| {repeats:,} | {size / 1e3:.0f} KB | {out_size / 1e6:.2f} MB | {out_size / size:.1f} |",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
