"""Cutting a long text into pieces the recogniser accepts (pure, no spaCy import).

spaCy refuses a text longer than ``nlp.max_length`` (1,000,000 characters by
default, error E088) and its working memory grows with the text. A longer
text than :data:`PIECE_CHARS` goes through in consecutive pieces of at most
that, cut at a paragraph break, else a line break, else after a sentence,
else at a space, else anywhere; entity offsets are shifted back into the
whole text, so the rest of the pipeline never knows.

    >>> text = "Un paragraphe.\\n\\nUn autre, un peu plus long.\\n\\nLe dernier."
    >>> [text[a:b] for a, b in piece_bounds(text, 30)]
    ['Un paragraphe.\\n\\n', 'Un autre, un peu plus long.\\n\\n', 'Le dernier.']
"""

from __future__ import annotations

import re

__all__ = ["PIECE_CHARS", "piece_bounds"]

#: The longest piece of text given to spaCy at once; longer texts are cut (see :func:`piece_bounds`).
#: spaCy's working memory grows with the text: a 50,000-character piece of dense names ("Paris, " over
#: and over) takes some 300 MB on top of the model, a 100,000-character one 600 MB. News articles
#: are a few thousand characters (the longest in the evaluation sets, 23,347), so they go through
#: whole, as before.
PIECE_CHARS = 50_000

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_LINE = re.compile(r"\n\s*")
_SENTENCE = re.compile(r"[.!?…][»”\"')\]]*\s+")
_SPACE = re.compile(r"\s+")


def _last_end(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int | None:
    """The end of the last match of ``pattern`` inside ``text[lo:hi]``, if any."""
    end = None
    for m in pattern.finditer(text, lo, hi):
        end = m.end()
    return end


def piece_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` pieces covering ``text``, each at most ``limit`` characters.

    A text of ``limit`` characters or fewer is one piece. Otherwise each piece
    ends after the last paragraph break, else line break, else sentence end,
    else space inside it, else at ``limit`` (a word is cut only
    when a piece has no space at all).

    >>> piece_bounds("Il pleut à Brest. Il fait beau à Nice.", 25)
    [(0, 18), (18, 38)]
    >>> piece_bounds("abcdefghij", 4)
    [(0, 4), (4, 8), (8, 10)]
    """
    if limit < 1:
        raise ValueError(f"piece limit must be at least 1, got {limit}")
    n = len(text)
    if n <= limit:
        return [(0, n)]
    bounds: list[tuple[int, int]] = []
    start = 0
    while n - start > limit:
        hi = start + limit
        cut = None
        for pattern in (_PARAGRAPH, _LINE, _SENTENCE, _SPACE):
            cut = _last_end(pattern, text, start, hi)
            if cut is not None:
                break
        end = cut if cut is not None and cut > start else hi
        bounds.append((start, end))
        start = end
    bounds.append((start, n))
    return bounds
