"""Spellings of historical OCR pages: words misread from old type, used only on text of that class.

    >>> CUE_NOUNS
    ('fortereffe',)
"""

from __future__ import annotations

#: Cue nouns (:data:`geonews.lexicon.fr.CUE_NOUNS`) as OCR misreads the long s ("fortereffe": forteresse).
CUE_NOUNS = ("fortereffe",)
#: The OCR mark of a word cut by a line break ("Alle¬magne").
LINE_BREAK = "¬"
