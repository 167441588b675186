"""A reproducible benchmark corpus: N news-like articles assembled from the development corpora.

    python3 bench/corpus.py 1000                 # writes <tmp>/geonews-bench-corpus/bench-1000.jsonl
    python3 bench/corpus.py 100 1000 10000 --out-dir /tmp/corpora

The development corpora (``../shared/eval/dev/*.jsonl``, or ``--dev-dir``) are
read at generation time and never copied into the repository. Each article is
a window of whole sentences (800 to 2,400 characters, about a news story)
from a text of those corpora, continued from another text of the same language
when it ends too soon; texts, windows and lengths are drawn with a fixed seed,
so a size and a seed always give the same file, byte for byte, and a
10,000-article corpus repeats hardly any article exactly.
Lines are ``{"id", "title", "text", "lang", "source"}``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DEFAULT_DEV_DIR", "SIZES", "Chunk", "assemble", "corpus_path", "load_sources", "write_corpus"]

ROOT = Path(__file__).resolve().parent.parent
#: Where the development corpora live beside the repository (read only; a git worktree's is further up).
DEFAULT_DEV_DIR = next((p / "shared/eval/dev" for p in ROOT.parents if (p / "shared/eval/dev").is_dir()),
                       ROOT.parent / "shared" / "eval" / "dev")
#: The corpus sizes the benchmarks use.
SIZES = (100, 1_000, 10_000)
DEFAULT_SEED = 7
MIN_CHARS, MAX_CHARS = 800, 2_400

_SENTENCE_END = re.compile(r"(?<=[.!?…»”])\s+(?=[«“\"A-ZÀ-ÖØ-Þ0-9])")


@dataclass(frozen=True, slots=True)
class Chunk:
    """The sentences of one source text."""

    source: str
    lang: str
    sentences: tuple[str, ...]


def _sentences(text: str) -> tuple[str, ...]:
    """Split on sentence ends and paragraph breaks; whitespace inside a sentence is kept as it is."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        out.extend(s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip())
    return tuple(out)


def load_sources(dev_dir: Path = DEFAULT_DEV_DIR) -> list[Chunk]:
    """Every text of every ``*.jsonl`` corpus in ``dev_dir``, split into sentences (sorted: reproducible)."""
    files = sorted(dev_dir.glob("*.jsonl"))
    if not files:
        raise SystemExit(f"no *.jsonl corpus in {dev_dir} (pass --dev-dir)")
    chunks = []
    for file in files:
        with file.open(encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                record = json.loads(line)
                sentences = _sentences(record.get("text") or "")
                if sentences:
                    chunks.append(Chunk(source=file.stem, lang=record.get("lang") or "fr", sentences=sentences))
    return chunks


def assemble(sources: Sequence[Chunk], n: int, *, seed: int = DEFAULT_SEED) -> Iterator[dict[str, str]]:
    """``n`` article records, each a window of whole sentences of one source text (deterministic).

    >>> src = [Chunk("a", "fr", ("Kim à Vladivostok.", "Poutine à Moscou.", "Rien.")),
    ...        Chunk("b", "en", ("Paris, Texas.",))]
    >>> [r["id"] for r in assemble(src, 3)]
    ['bench-00001', 'bench-00002', 'bench-00003']
    >>> list(assemble(src, 5)) == list(assemble(src, 5))
    True
    """
    rng = random.Random(seed)
    by_lang: dict[str, list[Chunk]] = {}
    for chunk in sources:
        by_lang.setdefault(chunk.lang, []).append(chunk)
    for i in range(1, n + 1):
        chunk = sources[rng.randrange(len(sources))]
        same_lang = by_lang[chunk.lang]
        target = rng.randint(MIN_CHARS, MAX_CHARS)
        picked: list[str] = []
        size = 0
        for _ in range(8):  # a short text is continued by another of the same language (a news digest)
            first = rng.randrange(len(chunk.sentences))
            for sentence in chunk.sentences[first:]:
                picked.append(sentence)
                size += len(sentence) + 1
                if size >= target:
                    break
            if size >= target:
                break
            chunk = same_lang[rng.randrange(len(same_lang))]
        title = picked[0][:80].rsplit(" ", 1)[0] if len(picked[0]) > 80 else picked[0]
        yield {"id": f"bench-{i:05d}", "title": title, "text": " ".join(picked), "lang": chunk.lang,
               "source": chunk.source}


def corpus_path(n: int, *, out_dir: Path | None = None, seed: int = DEFAULT_SEED, lang: str | None = None) -> Path:
    """Where :func:`write_corpus` puts the ``n``-article corpus."""
    base = out_dir or Path(tempfile.gettempdir()) / "geonews-bench-corpus"
    suffix = ("" if seed == DEFAULT_SEED else f"-seed{seed}") + (f"-{lang}" if lang else "")
    return base / f"bench-{n}{suffix}.jsonl"


def write_corpus(
    n: int, *, out_dir: Path | None = None, seed: int = DEFAULT_SEED, dev_dir: Path = DEFAULT_DEV_DIR,
    sources: Sequence[Chunk] | None = None, lang: str | None = None,
) -> Path:
    """Write the ``n``-article corpus as JSONL (anew each time: it takes a second) and return its path.

    ``lang``: only texts of that language (``fr``: a French-only corpus); default every text.
    """
    path = corpus_path(n, out_dir=out_dir, seed=seed, lang=lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    chosen = sources if sources is not None else load_sources(dev_dir)
    if lang:
        chosen = [chunk for chunk in chosen if chunk.lang == lang]
    with tmp.open("w", encoding="utf-8") as f:
        for record in assemble(chosen, n, seed=seed):
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*", default=list(SIZES), help="numbers of articles")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out-dir", type=Path, help="default: <tmp>/geonews-bench-corpus")
    parser.add_argument("--dev-dir", type=Path, default=DEFAULT_DEV_DIR, help="the development corpora")
    parser.add_argument("--lang", help="only texts of this language (fr, en)")
    args = parser.parse_args()
    sources = load_sources(args.dev_dir)
    for n in args.sizes:
        path = write_corpus(n, out_dir=args.out_dir, seed=args.seed, sources=sources, lang=args.lang)
        chars = sum(len(json.loads(line)["text"]) for line in path.open(encoding="utf-8"))
        print(f"{path}: {n} articles, {chars:,} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
