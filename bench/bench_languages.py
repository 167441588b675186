"""Issue 15: today's code against this tree, French and mixed French/English, in one interleaved run.

    python3 bench/bench_languages.py --baseline DIR [--articles 1000] [--repeat 3] [--jobs 1,2] [--no-warm-up]

``DIR`` is a source tree of the code to compare with (e.g. ``git worktree add /tmp/base main`` or
``git archive main | tar -x -C /tmp/base``); both sides use the gazetteer of this tree's
``cache/`` (``--gazetteer``), no geocode cache, and run in fresh processes:

    python3 -m geonews -q --no-cache --gazetteer G extract CORPUS -o OUT --max-size 0

with ``PYTHONPATH`` set to the tree. Sides alternate (A B, B A…) on each corpus, so a machine
shared with other jobs slows both alike; the table gives the medians of wall clock, CPU time
(user + system of the process, from ``os.wait4``) and peak RSS, and the median of the
back-to-back pairs' ratios. The corpora come from ``bench/corpus.py``: French only
(``--lang fr``) and the usual mixed one. Last, on the mixed corpus, this tree's ``extract`` runs
in this process (one process, then ``--jobs``) with the model loader wrapped, to count the loads
of each model in each process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, count_lines, run_geonews
from bench.corpus import write_corpus
from geonews.config import Settings


def _run(tree: Path, argv: list[str]) -> tuple[float, float, float]:
    """``(wall s, CPU s, max RSS MB)`` of ``python3 -m geonews ARGV`` with ``tree``'s code."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "geonews", *argv], cwd=tree, env=env,
                               stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{tree}: geonews {' '.join(argv)} failed")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _compare(corpus: Path, baseline: Path, gazetteer: Path, repeat: int, *,
             warm: bool = True) -> dict[str, list[tuple[float, float, float]]]:
    out = Path(tempfile.mkdtemp(prefix="geonews-bench-")) / "out.jsonl"
    argv = ["-q", "--no-cache", "--gazetteer", str(gazetteer), "extract", str(corpus), "-o", str(out),
            "--max-size", "0"]
    sides = {"today": baseline, "this tree": ROOT}
    times: dict[str, list[tuple[float, float, float]]] = {name: [] for name in sides}
    if warm:
        _run(ROOT, argv)  # warm the file system cache
    for i in range(repeat):
        for name in list(sides) if i % 2 == 0 else list(reversed(sides)):
            times[name].append(_run(sides[name], argv))
            w, c, r = times[name][-1]
            print(f"  {corpus.name} run {i + 1} {name}: {w:.2f} s, CPU {c:.2f} s, {r:.0f} MB", file=sys.stderr)
    return times


def _table(title: str, times: dict[str, list[tuple[float, float, float]]], n: int) -> None:
    today, now = times["today"], times["this tree"]

    def med(runs: list[tuple[float, float, float]], k: int) -> float:
        return statistics.median(r[k] for r in runs)

    pairs = statistics.median(a[0] / b[0] for a, b in zip(today, now, strict=True))
    print(f"\n{title} ({n} articles, median of {len(today)} runs each)\n")
    print("| measure | today | this tree | speed-up |")
    print("|---|---|---|---|")
    print(f"| wall-clock seconds | {med(today, 0):.2f} | {med(now, 0):.2f} | {med(today, 0) / med(now, 0):.2f}x |")
    print(f"| CPU seconds | {med(today, 1):.2f} | {med(now, 1):.2f} | {med(today, 1) / med(now, 1):.2f}x |")
    print(f"| peak RSS | {med(today, 2):.0f} MB | {med(now, 2):.0f} MB | |")
    print(f"| median of the back-to-back pairs (wall clock) | | | {pairs:.2f}x |")


def _count_loads(corpus: Path, gazetteer: Path, jobs: int) -> Counter[tuple[int, str]]:
    """``(pid, model) -> loads`` of this tree's ``extract`` of ``corpus`` run in this process (and its workers)."""
    import geonews.extract.nlp as module

    log = Path(tempfile.mkdtemp(prefix="geonews-bench-")) / "loads.txt"
    original = module.load_pipeline

    def counted(model: str = module.DEFAULT_MODEL, **options: object) -> object:
        with log.open("a", encoding="utf-8") as f:
            f.write(f"{os.getpid()} {model}\n")
        return original(model, **options)  # type: ignore[arg-type]

    module.load_pipeline = counted  # type: ignore[assignment]
    try:
        out = log.parent / "out.jsonl"
        argv = ["-q", "--no-cache", "--gazetteer", str(gazetteer), "extract", str(corpus), "-o", str(out),
                "--max-size", "0"] + (["--jobs", str(jobs)] if jobs > 1 else [])
        run_geonews(argv)
    finally:
        module.load_pipeline = original
    loads: Counter[tuple[int, str]] = Counter()
    for line in log.read_text(encoding="utf-8").splitlines():
        pid, model = line.split()
        loads[int(pid), model] += 1
    return loads


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True, help="source tree of the code to compare with")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", default="1,2", help="the --jobs values whose model loads are counted")
    parser.add_argument("--no-warm-up", action="store_true", help="no first, untimed run (caches already warm)")
    parser.add_argument("--gazetteer", type=Path, default=Settings(cache_dir=ROOT / "cache").gazetteer_path)
    args = parser.parse_args()
    french = write_corpus(args.articles, lang="fr")
    mixed = write_corpus(args.articles)
    langs = Counter(json.loads(line).get("lang") for line in mixed.open(encoding="utf-8"))
    for title, corpus in (("French corpus", french), (f"Mixed corpus ({dict(langs)})", mixed)):
        times = _compare(corpus, args.baseline, args.gazetteer, args.repeat, warm=not args.no_warm_up)
        _table(title, times, count_lines(corpus))
    print("\nModel loads, mixed corpus, this tree (pid: model x loads)\n")
    for jobs in (int(j) for j in args.jobs.split(",") if j):
        loads = _count_loads(mixed, args.gazetteer, jobs)
        parent = os.getpid()
        shown = ", ".join(f"{'parent' if pid == parent else 'worker'}: {model} x{k}"
                          for (pid, model), k in sorted(loads.items()))
        print(f"- `--jobs {jobs}`: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
