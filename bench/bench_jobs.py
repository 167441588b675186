"""``--jobs 2`` vs one process: ``geonews extract`` throughput after the model is loaded, same input, same output.

    python3 bench/bench_jobs.py [--articles 1000] [--repeat 3] [--jobs 2]

Both sides run the whole ``geonews -q --no-cache extract CORPUS -o OUT``
command in this process, with the model loaded once beforehand (``--jobs``
forks workers that share it), so the times are articles per second after the
model load; they include opening the stores and, for ``--jobs``, starting the
workers. Sides alternate and medians are compared; the two outputs must be
byte for byte identical.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import count_lines, interleaved, paired_ratio, preloaded_model, run_geonews, wall
from bench.corpus import write_corpus
from geonews.extract.nlp import load_pipeline


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="size of the generated corpus")
    parser.add_argument("--corpus", type=Path, help="use this JSONL file instead")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    corpus = args.corpus or write_corpus(args.articles)
    n = count_lines(corpus)
    started = time.perf_counter()
    nlp = load_pipeline()
    load_s = time.perf_counter() - started
    tmp = Path(tempfile.mkdtemp(prefix="geonews-bench-"))

    def run(jobs: int) -> float:
        out = tmp / f"out-{jobs}.jsonl"
        return run_geonews(["-q", "--no-cache", "extract", str(corpus), "-o", str(out), "--max-size", "0",
                            "-j", str(jobs)])

    with preloaded_model(nlp):
        run(1)  # warm up
        times = interleaved({"1": lambda: run(1), str(args.jobs): lambda: run(args.jobs)}, repeat=args.repeat)
    one, many = wall(times["1"]), wall(times[str(args.jobs)])
    same = (tmp / "out-1.jsonl").read_bytes() == (tmp / f"out-{args.jobs}.jsonl").read_bytes()
    print(f"{n} articles ({corpus}); model load {load_s:.1f} s (not counted)")
    print(f"| measure | --jobs 1 | --jobs {args.jobs} | speed-up |")
    print("|---|---|---|---|")
    print(f"| seconds (median of {args.repeat}) | {one:.2f} | {many:.2f} | {one / many:.2f}x |")
    print(f"| articles per second | {n / one:.1f} | {n / many:.1f} | |")
    print(f"| median of the {args.repeat} back-to-back pairs | | | "
          f"{paired_ratio(times['1'], times[str(args.jobs)]):.2f}x |")
    print(f"output identical: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
