"""Name keys: how a place name is looked up, whatever its spelling.

The same function builds the gazetteer's keys and the queries, so "l'Île-de-
France", "Ile de France" and "ÎLE-DE-FRANCE" meet::

    >>> normalize_name("l’Île-de-France")
    'ile de france'
    >>> normalize_name("St. Petersburg") == normalize_name("Saint-Pétersbourg".replace("bourg", "burg"))
    True
    >>> normalize_name("Les États-Unis")
    'etats unis'
    >>> normalize_name("the U.S."), normalize_name("Washington, D.C.")
    ('us', 'washington dc')

It is idempotent: ``normalize_name(normalize_name(s)) == normalize_name(s)``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_name", "strip_accents"]

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O",
                            "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i"})
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_INITIAL_DOT = re.compile(r"(?<![^\W\d_])([^\W\d_])\.", re.UNICODE)  # "U.S." -> "US", "D.C." -> "DC"
_ARTICLES = frozenset({"le", "la", "les", "l", "the"})
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def strip_accents(text: str) -> str:
    """Remove diacritics, keep the base letters.

    >>> strip_accents("Zaporijjia, Kyïv, Düsseldorf")
    'Zaporijjia, Kyiv, Dusseldorf'
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_name(name: str) -> str:
    """Return the lookup key of a place name (see the module docstring)."""
    text = _INITIAL_DOT.sub(r"\1", strip_accents(name)).casefold()
    words = [w for w in _NON_WORD.sub(" ", text.replace("_", " ")).split() if w]
    words = [_ABBREVIATIONS.get(w, w) for w in words]
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)
