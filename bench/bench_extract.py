"""Extraction throughput: spaCy NER alone vs ``geonews extract``, on the same articles, in one run.

    python3 bench/bench_extract.py [--articles 1000] [--repeat 3] [--lang fr] [CORPUS.jsonl]

The corpus is made by ``bench/corpus.py`` (``--articles`` of them, fixed seed, French texts
only unless ``--lang ''``: one model reads them all) unless a JSONL file is given. The model
is loaded once, as geonews loads it (its NER alone, :func:`geonews.extract.nlp.load_pipeline`:
no ``tok2vec``); both sides use it with the same batch size:

- spaCy alone: read the JSONL file, ``nlp.pipe(texts, batch_size=16)``;
- geonews: the whole ``geonews -q --no-cache extract CORPUS -o OUT`` command,
  run in this process (reading, span rules, gazetteer ruler, two-pass
  resolution, JSONL writing). The geocode cache is off, so every name goes
  to the gazetteer.

Sides alternate (A B, B A…) and the medians are compared: the ratio is what
geonews adds on top of the language model. Each run starts from the state of a
fresh process, as a real run does: spaCy alone runs inside one memory zone, so
the words of earlier runs are not in its vocabulary and tokenizer cache (the
model's own are), and geonews' name-normalisation memo is emptied before each
of its runs. Wall-clock and CPU time (of this
process) are both given, and the median of the ratios of the back-to-back
pairs, which a machine whose speed drifts during the run disturbs least.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import count_lines, cpu, interleaved, paired_ratio, preloaded_model, run_geonews, wall
from bench.corpus import write_corpus
from geonews.config import Settings
from geonews.extract.nlp import load_pipeline
from geonews.gazetteer.normalize import normalize_name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="size of the generated corpus")
    parser.add_argument("corpus", nargs="?", type=Path, help="use this JSONL file instead")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lang", default="fr", help="the generated corpus' language ('' for every text)")
    args = parser.parse_args()
    corpus = args.corpus or write_corpus(args.articles, lang=args.lang or None)
    n = count_lines(corpus)
    batch_size = Settings().batch_size
    started = time.perf_counter()
    nlp = load_pipeline()
    load_s = time.perf_counter() - started
    out = Path(tempfile.mkdtemp(prefix="geonews-bench-")) / "out.jsonl"

    def spacy_alone() -> float:
        t = time.perf_counter()
        with corpus.open(encoding="utf-8") as f, nlp.memory_zone():
            texts = (json.loads(line)["text"] for line in f if line.strip())
            for _doc in nlp.pipe(texts, batch_size=batch_size):
                pass
        return time.perf_counter() - t

    def geonews_extract() -> float:
        normalize_name.cache_clear()
        return run_geonews(["-q", "--no-cache", "extract", str(corpus), "-o", str(out), "--max-size", "0"])

    with preloaded_model(nlp):
        geonews_extract()  # warm up: the gazetteer's pages, the model's first batches
        times = interleaved({"spaCy": spacy_alone, "geonews": geonews_extract}, repeat=args.repeat)
    s, g = wall(times["spaCy"]), wall(times["geonews"])
    s_cpu, g_cpu = cpu(times["spaCy"]), cpu(times["geonews"])
    print(f"{n} articles ({corpus}); model load {load_s:.1f} s ({'+'.join(nlp.pipe_names)}); "
          f"batch size {batch_size}")
    print("| measure | spaCy NER alone | geonews extract | ratio (throughput) |")
    print("|---|---|---|---|")
    print(f"| wall-clock seconds (median of {args.repeat}) | {s:.2f} | {g:.2f} | {s / g:.2f}x |")
    print(f"| CPU seconds (median of {args.repeat}) | {s_cpu:.2f} | {g_cpu:.2f} | {s_cpu / g_cpu:.2f}x |")
    print(f"| articles per second (wall clock) | {n / s:.1f} | {n / g:.1f} | |")
    print(f"| median of the {args.repeat} back-to-back pairs (wall clock) | | | "
          f"{paired_ratio(times['spaCy'], times['geonews']):.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
