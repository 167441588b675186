"""Helpers shared by the benchmarks: run ``geonews`` in this process with a model loaded once."""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def peak_rss(argv: list[str]) -> tuple[float, float]:
    """``(max RSS in MB, seconds)`` of one run of ``argv``."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed")
    return usage.ru_maxrss / 1024, elapsed  # KB on Linux


@contextlib.contextmanager
def preloaded_model(nlp: Any) -> Iterator[None]:
    """Make every ``geonews`` command run in this process use ``nlp`` instead of loading the model again."""
    import geonews.extract.nlp as module

    original = module.load_pipeline
    module.load_pipeline = lambda model=module.DEFAULT_MODEL, **_options: nlp
    try:
        yield
    finally:
        module.load_pipeline = original


def run_geonews(argv: Sequence[str]) -> float:
    """Run ``geonews ARGV`` in this process; its wall-clock seconds. Fails on a non-zero exit."""
    from geonews.cli import main

    started = time.perf_counter()
    code = main(list(argv))
    elapsed = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"geonews {' '.join(argv)} exited with {code}")
    return elapsed


def interleaved(sides: dict[str, Callable[[], object]], *, repeat: int) -> dict[str, list[tuple[float, float]]]:
    """Run each side ``repeat`` times, alternating (A B, B A, A B…), so drift in machine load hits both.

    Each run gives ``(wall-clock seconds, CPU seconds of this process)``; CPU time is what other
    people's processes on the machine disturb least (it leaves out worker processes).
    """
    names = list(sides)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for i in range(repeat):
        for name in names if i % 2 == 0 else reversed(names):
            wall, cpu = time.perf_counter(), time.process_time()
            sides[name]()
            times[name].append((time.perf_counter() - wall, time.process_time() - cpu))
            print(f"  run {i + 1} {name}: {times[name][-1][0]:.2f} s (CPU {times[name][-1][1]:.2f} s)",
                  file=sys.stderr)
    return times


def wall(runs: Sequence[tuple[float, float]]) -> float:
    """Median wall-clock seconds of :func:`interleaved` runs."""
    return statistics.median(w for w, _ in runs)


def cpu(runs: Sequence[tuple[float, float]]) -> float:
    """Median CPU seconds of :func:`interleaved` runs."""
    return statistics.median(c for _, c in runs)


def paired_ratio(a: Sequence[tuple[float, float]], b: Sequence[tuple[float, float]]) -> float:
    """Median over the repeats of ``a[i] / b[i]`` (wall clock): each pair ran back to back, so a
    machine that speeds up or slows down during the benchmark moves both sides of a pair alike."""
    return statistics.median(x / y for (x, _), (y, _) in zip(a, b, strict=True))


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def count_lines(path: Path) -> int:
    with path.open(encoding="utf-8") as f:
        return sum(1 for line in f if line.strip())
