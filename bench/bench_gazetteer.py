"""Gazetteer benchmark: build time, file size, cold open, lookup latency, memory.

    python3 bench/bench_gazetteer.py [--out DIR] [--lookups N]

Builds a fresh index into a temporary directory (or DIR), then measures in
separate processes so that "cold open" and memory are not flattered by the
build. Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

#: Names of the kind news articles contain (French and English, hits and misses).
QUERIES = [
    "Russie", "Ukraine", "Washington", "Vladivostok", "Primorié", "Corée du Nord", "États-Unis", "Pyongyang",
    "Kremlin", "Paris", "Londres", "Pékin", "Alexandrie", "Kharkiv", "Zaporijjia", "Bretagne", "Crimée",
    "Springfield", "Georgia", "Victoria", "Newcastle", "Donetsk", "Gaza", "Tel Aviv", "Atlantide", "Xyzzy",
    "Saint-Pétersbourg", "New York", "Sahel", "Mer Noire",
]

_PROBE = r"""
import json, resource, sys, time, random
t0 = time.perf_counter()
from geonews.gazetteer.store import Gazetteer
imported = time.perf_counter() - t0
t0 = time.perf_counter()
g = Gazetteer(sys.argv[1])
opened = time.perf_counter() - t0
queries = json.loads(sys.argv[2]); n = int(sys.argv[3])
rng = random.Random(42)
times = []
for _ in range(n):
    q = rng.choice(queries)
    t = time.perf_counter(); g.lookup(q, limit=50); times.append(time.perf_counter() - t)
times.sort()
print(json.dumps({"import_ms": imported * 1000, "open_ms": opened * 1000, "p50_us": times[len(times)//2] * 1e6,
                  "p99_us": times[int(len(times)*0.99)] * 1e6,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--lookups", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5, help="open/lookup probes (median reported)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="geonews-bench-"))
    path = out / "gazetteer.sqlite"
    build = subprocess.run(
        [sys.executable, "-c", "import resource, sys, time, json; from pathlib import Path;"
         "from geonews.gazetteer.build import build_index; t=time.perf_counter();"
         "c=build_index(Path(sys.argv[1])); print(json.dumps({'s': time.perf_counter()-t, **c,"
         "'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024}))", str(path)],
        capture_output=True, text=True, check=True,
    )
    built = json.loads(build.stdout)
    probes = []
    for _ in range(args.runs):
        r = subprocess.run([sys.executable, "-c", _PROBE, str(path), json.dumps(QUERIES), str(args.lookups)],
                           capture_output=True, text=True, check=True)
        probes.append(json.loads(r.stdout))
    med = {k: statistics.median(p[k] for p in probes) for k in probes[0]}
    print("| measure | value |\n|---|---|")
    print(f"| build time | {built['s']:.1f} s (peak RSS {built['rss_mb']:.0f} MB) |")
    print(f"| places / name keys | {built['places']:,} / {built['names']:,} |")
    print(f"| file size | {path.stat().st_size / 1e6:.1f} MB |")
    print(f"| cold open (new process, median of {args.runs}) | {med['open_ms']:.1f} ms "
          f"(+ {med['import_ms']:.0f} ms to import the module) |")
    print(f"| lookup p50 / p99 ({args.lookups:,} lookups of {len(QUERIES)} names, <= 50 places each) | "
          f"{med['p50_us']:.1f} µs / {med['p99_us']:.1f} µs |")
    print(f"| RSS after open + lookups | {med['rss_mb']:.0f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
