"""Word lists as data, one module per language (spaCy's ``lang/`` modules), and the regex fragments built from them.

Every list is defined once, in :mod:`geonews.lexicon.fr` (French), :mod:`geonews.lexicon.en` (English),
:mod:`geonews.lexicon.press` (press conventions: honorifics, nobility abbreviations, show times) or
:mod:`geonews.lexicon.ocr` (spellings of historical OCR pages). The recognition rules
(:mod:`geonews.extract`) build their regexes from them with :func:`alternation` and :func:`prepositions`.

    >>> prepositions(("de la", "d'"))
    "(?:de\\\\s+la\\\\s+|d['’]\\\\s*)"
    >>> import re
    >>> bool(re.fullmatch(DE, "de l’")), bool(re.fullmatch(DE, "des ")), bool(re.fullmatch(DE, "of the "))
    (True, True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from geonews.lexicon import en, fr, ocr, press

__all__ = ["DE", "DE_OF", "LEXICONS", "alternation", "en", "fr", "ocr", "phrase", "prepositions", "press"]

_APOSTROPHE = re.compile("['’]")

#: The word lists of each language, by language code.
LEXICONS = {"fr": fr, "en": en}


def phrase(word: str) -> str:
    """The regex of one word or phrase: spaces match any white space, an apostrophe either apostrophe.

    >>> phrase("jusqu'à"), phrase("de la")
    ("jusqu['’]à", 'de\\\\s+la')
    """
    return r"\s+".join(_APOSTROPHE.sub(r"['’]", re.escape(part)) for part in word.split(" "))


def alternation(words: Iterable[str]) -> str:
    """The words as one alternation, in the order given (``a|b|c``), each through :func:`phrase`.

    >>> alternation(["rue", "quai"])
    'rue|quai'
    """
    return "|".join(phrase(w) for w in words)


def prepositions(words: Iterable[str]) -> str:
    """A group matching one of ``words`` and what follows it: white space, or after an apostrophe
    ("d'", "l'") optional white space.

    >>> prepositions(["du", "d'"])
    "(?:du\\\\s+|d['’]\\\\s*)"
    """
    return "(?:" + "|".join(phrase(w) + (r"\s*" if w.endswith(("'", "’")) else r"\s+") for w in words) + ")"


#: "de la", "de l'", "du", "des", "de", "d'" (French "of") and what follows them.
DE = prepositions(fr.DE)
#: :data:`DE` or English "of (the)".
DE_OF = prepositions((*fr.DE, *en.OF))
