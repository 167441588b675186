"""Acronyms an article defines: "le Musée d'art contemporain de Lyon (MACL)", then "le MACL".

News writes a long name once, its acronym in brackets after it, and the acronym from then on. The acronym
means what the long name means, never a namesake place spelt with the same letters (a village "Macl"). The
long name is found as the words just before the bracket whose initials spell the acronym, the function words
of either language skipped ("des", "de", "of", "the"), elided ones too ("d'art": A), and each part of a
hyphenated word counted ("beaux-arts": B, A). Pure text analysis: which places the long name means is the
resolver's business.

>>> defined_acronyms("Le Musée d'art contemporain de Lyon (MACL) expose Soulages. Le MACL a dit...")
{'MACL': "Musée d'art contemporain de Lyon"}
>>> defined_acronyms("la Banque centrale européenne (BCE) et le Fonds monétaire international (FMI)")
{'BCE': 'Banque centrale européenne', 'FMI': 'Fonds monétaire international'}
>>> defined_acronyms("à Lyon (69) et au CHU (centre hospitalier), puis l'ONU (New York)")
{}
"""

from __future__ import annotations

import re
from functools import lru_cache

from geonews.lexicon import LEXICONS

__all__ = ["defined_acronyms", "spells"]

#: An acronym in brackets: two to eight capitals, dotted or not ("(MACL)", "(R.D.C.)").
_BRACKETED = re.compile(r"\(\s*((?:[A-ZÀ-Ý]\.?){2,8})\s*\)")
#: How many words before the bracket a long name may span.
_MAX_WORDS = 12
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    words = {w for lexicon in LEXICONS.values() for w in lexicon.FUNCTION_WORDS}
    return frozenset(w.casefold() for w in words) | {"d", "l"}


def _initials(words: list[str]) -> str:
    skip = _function_words()
    out = []
    for word in words:
        for part in re.split(r"[-‐]", word):
            part = re.sub(r"^[dlDL]['’]", "", part)
            if part and part.casefold() not in skip:
                out.append(part[0].upper())
    return "".join(out)


def spells(acronym: str, name: str) -> bool:
    """Whether the initials of ``name``'s words (function words skipped) spell ``acronym``.

    >>> spells("MBAL", "Musée des beaux-arts de Lyon"), spells("ONU", "Organisation des Nations unies")
    (True, True)
    >>> spells("RCA", "République centrafricaine"), spells("UE", "Union")
    (False, False)
    """
    letters = acronym.replace(".", "").upper()
    return len(letters) >= 2 and _initials(_WORD.findall(name)) == letters


@lru_cache(maxsize=8)
def defined_acronyms(text: str) -> dict[str, str]:
    """Each acronym the text defines in brackets, mapped to the long name just before the bracket.

    The long name is the shortest run of words before the bracket, starting with a capital, whose initials spell
    the acronym; an acronym defined twice differently is left out (the text does not say which it means).
    The answer is cached for the last few texts (the resolver asks once per name of an article): do not change it.
    """
    found: dict[str, str] = {}
    clashes: set[str] = set()
    for bracket in _BRACKETED.finditer(text):
        acronym = bracket.group(1).replace(".", "")
        before = text[max(0, bracket.start() - 200) : bracket.start()]
        line = re.split(r"[\n.;:!?«»\"()]", before)[-1]
        spans = [(m.start(), m.group()) for m in _WORD.finditer(line)][-_MAX_WORDS:]
        for i in range(len(spans) - 1, -1, -1):
            first = spans[i][1]
            if not first[:1].isupper():
                continue
            name = line[spans[i][0] :].strip()
            if spells(acronym, name):
                if found.get(acronym, name) != name:
                    clashes.add(acronym)
                found[acronym] = name
                break
    return {a: n for a, n in found.items() if a not in clashes}
