"""French press transliteration of Russian and Ukrainian place names.

French newsrooms write Cyrillic names their own way (Vostotchny, Khassan,
Zaporijjia, Tchassiv Iar), which no GeoNames alternate name spells. The
gazetteer adds these spellings as a low tier ("translit") for places of the
countries where Russian or Ukrainian names are native, so they resolve without
outranking any real name::

    >>> [to_french(n, ukrainian=False) for n in ("Восточный", "Хасан", "Приморье", "Екатеринбург")]
    ['Vostotchny', 'Khassan', 'Primorie', 'Iekaterinbourg']
    >>> [to_french(n, ukrainian=True) for n in ("Запоріжжя", "Часів Яр", "Вовчанськ", "Харків")]
    ['Zaporijjia', 'Tchassiv Iar', 'Vovtchansk', 'Kharkiv']
"""

from __future__ import annotations

import re

__all__ = ["TRANSLIT_COUNTRIES", "has_cyrillic", "to_french", "variants"]

#: Countries where Russian or Ukrainian names of places are native.
TRANSLIT_COUNTRIES = frozenset({"RU", "UA", "BY", "KZ", "KG", "TJ", "MD"})

_VOWELS = set("аеёиоуыэюяіїєaeiouy")
_BASE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "j", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "ou", "ф": "f", "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "iou", "я": "ia", "і": "i", "ї": "ï", "є": "ie", "ґ": "g",
}
_UKRAINIAN = {"и": "y", "і": "i", "ї": "ï", "є": "ie", "г": "h", "ґ": "g"}
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_WORD = re.compile(r"[\u0400-\u04ff]+")


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def _word(word: str, *, ukrainian: bool) -> str:
    low = word.lower()
    table = {**_BASE, **_UKRAINIAN} if ukrainian else _BASE
    out: list[str] = []
    n = len(low)
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < n else ""
        if not ukrainian and ch in "ыи" and nxt == "й" and i + 2 == n:  # -ый, -ий endings
            out.append("y" if ch == "ы" else "i")
            continue
        if not ukrainian and ch == "й" and i + 1 == n and prev in "ыи":
            continue
        if ch == "й":
            out.append("ï" if prev in _VOWELS else "i")
        elif ch == "е" and (not prev or prev in _VOWELS or prev in "ьъ"):
            out.append("ie")
        elif ch == "с" and prev in _VOWELS and nxt in _VOWELS:
            out.append("ss")
        elif ch == "г" and not ukrainian and nxt and nxt in "еиіэ":
            out.append("gu")
        else:
            out.append(table.get(ch, ch))
    text = "".join(out)
    return text[:1].upper() + text[1:] if word[:1].isupper() else text


def to_french(name: str, *, ukrainian: bool) -> str:
    """Transliterate every Cyrillic word of ``name`` the French press way."""
    return _WORD.sub(lambda m: _word(m.group(), ukrainian=ukrainian), name)


def variants(name: str, country_code: str | None) -> list[str]:
    """French spellings of a Cyrillic ``name`` of a place in ``country_code`` (none elsewhere).

    Ukrainian places get the Ukrainian reading, and the Russian one too when
    the name has no letter that only Ukrainian uses.

    >>> variants("Донецьк", "UA"), variants("Paris", "FR"), variants("Хасан", "FR")
    (['Donetsk'], [], [])
    """
    if country_code not in TRANSLIT_COUNTRIES or not has_cyrillic(name):
        return []
    if country_code == "UA":
        out = [to_french(name, ukrainian=True)]
        if not re.search("[іїєґ]", name.lower()):
            out.append(to_french(name, ukrainian=False))
    else:
        out = [to_french(name, ukrainian=False)]
    return [v for v in dict.fromkeys(out) if not has_cyrillic(v)]
