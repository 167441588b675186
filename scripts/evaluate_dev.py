"""Measure geonews on the development corpora, scored by the evaluation's own score.py.

    python3 scripts/evaluate_dev.py [--eval ../shared/eval] [--mode resolve|extract|both] [--corpus NAME ...]

The corpora are read where they are (never copied into this repository). For
each corpus it runs ``geonews resolve`` (gold spans: resolution alone) and/or
``geonews extract`` (end to end) into a temporary directory, then prints one
Markdown table row per run with the figures score.py reports.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPORA = ("seed-fr", "trnews", "geovirus", "hipe2020-fr-train-v0.9", "newseye-fr")


def _score(score_py: Path, gold: Path, pred: Path) -> dict:
    out = subprocess.run([sys.executable, str(score_py), str(gold), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _fmt(x: object) -> str:
    return f"{x:.3f}" if isinstance(x, float) else ("-" if x is None else str(x))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "eval")
    parser.add_argument("--mode", choices=("resolve", "extract", "both"), default="both")
    parser.add_argument("--corpus", action="append", help="corpus name (file stem in dev/); repeatable")
    parser.add_argument("--geonews", default="geonews", help="the geonews command to run")
    args = parser.parse_args()
    score_py = args.eval / "score.py"
    modes = ("resolve", "extract") if args.mode == "both" else (args.mode,)
    print("| corpus | mode | rec. F1 exact | rec. F1 relaxed | acc@161 (paired) | end-to-end acc@161 "
          "| median km | AUC | seconds |")
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.corpus or DEFAULT_CORPORA:
            gold = args.eval / "dev" / f"{name}.jsonl"
            for mode in modes:
                pred = Path(tmp) / f"{name}.{mode}.jsonl"
                started = time.perf_counter()
                subprocess.run([args.geonews, "-q", mode, str(gold), "-o", str(pred)], check=True)
                seconds = time.perf_counter() - started
                s = _score(score_py, gold, pred)
                print(f"| {name} | {mode} | {_fmt(s['recognition_exact']['f1'])} "
                      f"| {_fmt(s['recognition_relaxed']['f1'])} | {_fmt(s.get('acc161'))} "
                      f"| {_fmt(s.get('end_to_end_acc161'))} | {_fmt(s.get('median_km'))} "
                      f"| {_fmt(s.get('auc'))} | {seconds:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
