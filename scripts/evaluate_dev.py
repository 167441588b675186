"""Measure geonews on the development corpora, scored by the evaluation's own score.py.

    python3 scripts/evaluate_dev.py [--eval ../shared/eval] [--mode resolve|extract|both] [--corpus NAME ...]
    python3 scripts/evaluate_dev.py --ablate [--rule NAME ...] [--corpus NAME ...] [--cache-dir cache]

The corpora are read where they are (never copied into this repository). For
each corpus it runs ``geonews resolve`` (gold spans: resolution alone) and/or
``geonews extract`` (end to end) into a temporary directory, then prints one
Markdown table row per run with the figures score.py reports.

``--ablate`` measures each recognition rule (:mod:`geonews.extract.rules`):
end to end with every rule on, then with each rule switched off in turn. spaCy
runs once per corpus (its entities are kept in ``--entities-dir``, by the
corpus file's content and the model); each ablation re-runs only the rules, and
resolves again only the articles whose mentions changed. It prints one row per
run: recognition F1 (exact spans) and end-to-end accuracy at 161 km per corpus.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_CORPORA = ("seed-fr", "trnews", "geovirus", "hipe2020-fr-train-v0.9", "newseye-fr")
ABLATION_CORPORA = ("frnews-dev", "challenge", "seed-fr", "trnews", "geovirus", "hipe2020-fr-train-v0.9",
                    "newseye-fr")
SHORT = {"hipe2020-fr-train-v0.9": "HIPE", "newseye-fr": "NewsEye", "seed-fr": "seed", "trnews": "TR-News",
         "geovirus": "GeoVirus"}


def _score(score_py: Path, gold: Path, pred: Path) -> dict:
    out = subprocess.run([sys.executable, str(score_py), str(gold), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _fmt(x: object) -> str:
    return f"{x:.3f}" if isinstance(x, float) else ("-" if x is None else str(x))


def _entities(nlp: Any, model: str, gold: Path, articles: list[Any], cache: Path) -> list[Any]:
    """spaCy's entities of each article, computed once per corpus file and model."""
    from geonews.extract import recognise

    key = hashlib.sha256(gold.read_bytes() + model.encode()).hexdigest()[:16]
    path = cache / f"{gold.stem}-{key}.pickle"
    if path.is_file():
        with path.open("rb") as f:
            return pickle.load(f)  # our own cache file
    found = recognise(nlp(), [a.text for a in articles])
    cache.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        pickle.dump(found, f)
    return found


def ablate(args: argparse.Namespace) -> int:
    """The ablation table: every rule on, then each rule off in turn (see the module docstring)."""
    from geonews.articles import iter_articles
    from geonews.config import Settings
    from geonews.export import result_to_record
    from geonews.extract import mentions_from_entities
    from geonews.extract.nlp import DEFAULT_MODEL, load_pipeline
    from geonews.extract.rules import check_rule_names, list_rules
    from geonews.pipeline import Geoparser

    rules = [None, *sorted(check_rule_names(args.rule))] if args.rule else [None, *(r.name for r in list_rules())]
    corpora = args.corpus or list(ABLATION_CORPORA)
    settings = Settings(cache_dir=args.cache_dir, use_cache=False)
    score_py = args.eval / "score.py"
    nlp_loaded: list[Any] = []

    def nlp() -> Any:
        if not nlp_loaded:
            nlp_loaded.append(load_pipeline(settings.model or DEFAULT_MODEL))
        return nlp_loaded[0]

    header = ["rule off"]
    for name in corpora:
        header += [f"{SHORT.get(name, name)} F1", f"{SHORT.get(name, name)} acc"]
    rows: dict[str | None, list[str]] = {r: [] for r in rules}
    with Geoparser.open(settings) as gp, tempfile.TemporaryDirectory() as tmp:
        lookup = gp.offline.lookup
        for name in corpora:
            started = time.perf_counter()
            gold = args.eval / "dev" / f"{name}.jsonl"
            articles = list(iter_articles([str(gold)]))
            entities = _entities(nlp, settings.model or DEFAULT_MODEL, gold, articles, args.entities_dir)
            baseline: list[Any] = []
            baseline_records: list[str] = []
            for rule in rules:
                disabled = frozenset() if rule is None else frozenset({rule})
                lines = []
                for i, (article, ents) in enumerate(zip(articles, entities, strict=True)):
                    mentions = [m for m in mentions_from_entities(article, ents, lookup=lookup, disabled=disabled)
                                if m.kind != "adjective"]
                    if rule is not None and mentions == baseline[i]:
                        lines.append(baseline_records[i])  # same mentions: same resolution
                        continue
                    record = json.dumps(result_to_record(gp._resolve(article, mentions), data_version=gp.data_version),
                                        ensure_ascii=False)
                    lines.append(record)
                    if rule is None:
                        baseline.append(mentions)
                        baseline_records.append(record)
                pred = Path(tmp) / f"{name}.jsonl"
                pred.write_text("\n".join(lines) + "\n", encoding="utf-8")
                s = _score(score_py, gold, pred)
                rows[rule] += [_fmt(s["recognition_exact"]["f1"]), _fmt(s.get("end_to_end_acc161"))]
            print(f"{name}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for rule in rules:
        print(f"| {rule or '(none: every rule on)'} | " + " | ".join(rows[rule]) + " |")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "eval")
    parser.add_argument("--mode", choices=("resolve", "extract", "both"), default="both")
    parser.add_argument("--corpus", action="append", help="corpus name (file stem in dev/); repeatable")
    parser.add_argument("--geonews", default="geonews",
                        help="the geonews command, split like a shell line ('python3 -m geonews')")
    parser.add_argument("--ablate", action="store_true", help="switch each recognition rule off in turn")
    parser.add_argument("--rule", action="append", default=[], help="with --ablate: only this rule; repeatable")
    parser.add_argument("--cache-dir", type=Path, default=Path("cache"), help="with --ablate: the gazetteer's dir")
    parser.add_argument("--entities-dir", type=Path, default=Path(tempfile.gettempdir()) / "geonews-ablate",
                        help="with --ablate: where spaCy's entities of each corpus are kept")
    args = parser.parse_args()
    if args.ablate:
        return ablate(args)
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
                subprocess.run([*shlex.split(args.geonews), "-q", mode, str(gold), "-o", str(pred)], check=True)
                seconds = time.perf_counter() - started
                s = _score(score_py, gold, pred)
                print(f"| {name} | {mode} | {_fmt(s['recognition_exact']['f1'])} "
                      f"| {_fmt(s['recognition_relaxed']['f1'])} | {_fmt(s.get('acc161'))} "
                      f"| {_fmt(s.get('end_to_end_acc161'))} | {_fmt(s.get('median_km'))} "
                      f"| {_fmt(s.get('auc'))} | {seconds:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
