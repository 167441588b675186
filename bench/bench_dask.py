"""``--dask-scheduler`` vs one process: same output, and the time each takes.

    python3 bench/bench_dask.py [--articles 1000] [--workers 2] [--repeat 1]
    python3 bench/bench_dask.py --scheduler tcp://HOST:8786     # a real cluster instead of a local one

Starts a ``LocalCluster`` of ``--workers`` processes with one thread each, on
loopback (or uses ``--scheduler``), then runs ``geonews -q --no-cache
extract CORPUS -o OUT`` in this process, once on its own (model loaded
beforehand) and once with ``--dask-scheduler``, alternating. The workers are
warmed up first (each loads the model once and keeps it), so times are after
the model load on both sides. The two outputs must be byte for byte identical.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import count_lines, interleaved, preloaded_model, run_geonews, wall
from bench.corpus import write_corpus
from geonews.extract.nlp import load_pipeline


@contextlib.contextmanager
def scheduler(address: str | None, workers: int) -> Iterator[str]:
    if address:
        yield address
        return
    from distributed import LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="size of the generated corpus")
    parser.add_argument("--corpus", type=Path, help="use this JSONL file instead")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scheduler", help="address of a running dask scheduler")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    corpus = args.corpus or write_corpus(args.articles)
    n = count_lines(corpus)
    tmp = Path(tempfile.mkdtemp(prefix="geonews-bench-"))
    nlp = load_pipeline()
    common = ["-q", "--no-cache", "extract", str(corpus), "--max-size", "0"]
    with scheduler(args.scheduler, args.workers) as address, preloaded_model(nlp):
        started = time.perf_counter()
        run_geonews(["-q", "--no-cache", "extract", str(write_corpus(10)), "-o", str(tmp / "warm.jsonl"),
                     "--dask-scheduler", address])
        warm_s = time.perf_counter() - started
        times = interleaved({
            "single process": lambda: run_geonews([*common, "-o", str(tmp / "single.jsonl")]),
            "dask": lambda: run_geonews([*common, "-o", str(tmp / "dask.jsonl"), "--dask-scheduler", address]),
        }, repeat=args.repeat)
    same = (tmp / "single.jsonl").read_bytes() == (tmp / "dask.jsonl").read_bytes()
    one, dask = wall(times["single process"]), wall(times["dask"])
    where = args.scheduler or f"LocalCluster, {args.workers} worker processes x 1 thread, loopback"
    print(f"{n} articles ({corpus}); {where}; workers ready (model loaded) in {warm_s:.1f} s")
    print("| measure | single process | dask | speed-up |")
    print("|---|---|---|---|")
    print(f"| seconds (median of {args.repeat}) | {one:.2f} | {dask:.2f} | {one / dask:.2f}x |")
    print(f"output identical: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
