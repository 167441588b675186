"""Name keys: how a place name is looked up, whatever its spelling.

The same function builds the gazetteer's keys and the queries, so "l'Île-de-
France", "Ile de France" and "ÎLE-DE-FRANCE" meet::

    >>> normalize_name("l’Île-de-France")
    'ile de france'
    >>> normalize_name("St. Petersburg") == normalize_name("Saint-Pétersbourg".replace("bourg", "burg"))
    True
    >>> normalize_name("Les États-Unis")
    'etats unis'
    >>> normalize_name("the U.S."), normalize_name("Washington, D.C."), normalize_name("U. S. A.")
    ('us', 'washington dc', 'usa')
    >>> normalize_name("Alle¬magne") == normalize_name("Allemagne")
    True

It is idempotent: ``normalize_name(normalize_name(s)) == normalize_name(s)``.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["normalize_name", "stop_word_keys", "strip_accents"]

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O",
                            "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i"})
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_INITIAL_DOT = re.compile(r"(?<![^\W\d_])([^\W\d_])\.", re.UNICODE)  # "U.S." -> "US", "D.C." -> "DC"
#: Line-break hyphens left in OCR text ("Alle¬magne", soft hyphens): the word is whole again.
_OCR_BREAK = re.compile("[\u00ac\u00ad]\\s*")
_ARTICLES = frozenset({"le", "la", "les", "l", "the"})
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def _join_letters(words: list[str]) -> list[str]:
    """Spelled-out initials are one word: ["u", "s", "a"] -> ["usa"]."""
    out: list[str] = []
    run: list[str] = []
    for w in [*words, ""]:
        if len(w) == 1 and w.isalpha():
            run.append(w)
            continue
        if len(run) >= 2:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if w:
            out.append(w)
    return out


@functools.lru_cache(maxsize=4)
def stop_word_keys(langs: tuple[str, ...] = ("fr", "en")) -> frozenset[str]:
    """Keys of the function words of ``langs`` (spaCy's stop lists): never place names on their own.

    >>> {"dans", "the"} <= stop_word_keys() and "paris" not in stop_word_keys()
    True
    """
    import importlib

    words: set[str] = set()
    for lang in langs:
        words |= importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
    return frozenset(normalize_name(w) for w in words)


def strip_accents(text: str) -> str:
    """Remove diacritics, keep the base letters.

    >>> strip_accents("Zaporijjia, Kyïv, Düsseldorf")
    'Zaporijjia, Kyiv, Dusseldorf'
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1 << 16)
def normalize_name(name: str) -> str:
    """Return the lookup key of a place name (see the module docstring)."""
    text = _OCR_BREAK.sub("", name)
    text = _INITIAL_DOT.sub(r"\1", strip_accents(text)).casefold()
    words = [w for w in _NON_WORD.sub(" ", text.replace("_", " ")).split() if w]
    words = _join_letters([_ABBREVIATIONS.get(w, w) for w in words])
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)
