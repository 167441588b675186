"""Extraction throughput: spaCy NER alone vs geonews end to end, on the same texts, in one run.

    python3 bench/bench_extract.py CORPUS.jsonl [--repeat 3]

Both sides use the same loaded pipeline (``tok2vec`` + ``ner``) and the same
batch size, so the ratio is what geonews adds on top of the language model:
the span rules, the gazetteer ruler, resolution and per-article context (the
geocode cache is off, so every name is looked up in the gazetteer). Prints
medians of ``--repeat`` runs and their ratio as a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geonews.config import Settings
from geonews.extract.nlp import load_pipeline
from geonews.model import Article
from geonews.pipeline import Geoparser


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="JSONL with a 'text' per line")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in args.corpus.open(encoding="utf-8") if line.strip()]
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    nlp = load_pipeline()
    load_s = time.perf_counter() - started
    settings = Settings(use_cache=False)
    spacy_s, geonews_s = [], []
    with Geoparser.open(settings) as geoparser:
        geoparser._nlp = nlp  # the same loaded pipeline on both sides
        for _ in range(args.repeat):
            t = time.perf_counter()
            for _doc in nlp.pipe(texts, batch_size=settings.batch_size):
                pass
            spacy_s.append(time.perf_counter() - t)
            articles = [Article(id=str(i), text=text) for i, text in enumerate(texts)]
            t = time.perf_counter()
            for _result in geoparser.parse(articles):
                pass
            geonews_s.append(time.perf_counter() - t)
    s, g = statistics.median(spacy_s), statistics.median(geonews_s)
    print(f"{len(texts)} articles, {words:,} words; model load {load_s:.1f} s")
    print("| measure | spaCy NER alone | geonews extract | ratio (throughput) |")
    print("|---|---|---|---|")
    print(f"| seconds (median of {args.repeat}) | {s:.2f} | {g:.2f} | {s / g:.2f}x |")
    print(f"| words per second | {words / s:,.0f} | {words / g:,.0f} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
