"""Decoding input bytes: UTF-8 first, then Western European (cp1252/latin-1), then detection.

    >>> decode_text("été".encode(), source="a.txt")
    ('été', 'utf-8')
    >>> decode_text("Le président à Besançon".encode("latin-1"), source="a.txt")
    ('Le président à Besançon', 'cp1252')
    >>> decode_text("L’œuvre coûte 5 €".encode("cp1252"), source="a.txt")
    ('L’œuvre coûte 5 €', 'cp1252')
"""

from __future__ import annotations

import re

from geonews.errors import ArticleReadError

__all__ = ["decode_text", "looks_western"]

#: Characters allowed between two letters of a word besides letters (apostrophes, hyphens, middle dot).
_INWORD = frozenset("’‘'-·\u00ad")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def looks_western(text: str) -> bool:
    """True if ``text`` reads like French/English/Western European text rather than mojibake.

    Few non-ASCII letters among the letters, no control characters, and no
    symbol glued inside a word (what Polish or Cyrillic bytes read as cp1252 give).

    >>> looks_western("Le président à Besançon"), looks_western("Ïóòèí ïðèáûë"), looks_western("Za¿ó³æ gêœl¹")
    (True, False, False)
    """
    if _CONTROL.search(text):
        return False
    letters = non_ascii = 0
    for i, ch in enumerate(text):
        if ch.isalpha():
            letters += 1
            non_ascii += not ch.isascii()
        elif (
            not ch.isascii()
            and ch not in _INWORD
            and 0 < i < len(text) - 1
            and text[i - 1].isalpha()
            and text[i + 1].isalpha()
        ):
            return False
    return letters == 0 or non_ascii <= 0.3 * letters


def decode_text(data: bytes, *, source: str) -> tuple[str, str]:
    """Decode ``data`` and name the encoding used; refuse binary data and UTF-16.

    UTF-8 (with or without BOM) is tried first, then cp1252 (a superset of
    latin-1's printable characters) when the result reads like Western
    European text, then ``charset-normalizer``'s best guess.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleReadError(source, "UTF-16 text, expected UTF-8")
    if b"\x00" in data:
        raise ArticleReadError(source, "binary file (contains NUL bytes), expected UTF-8 text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and looks_western(text):
        return text, "cp1252"
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        raise ArticleReadError(source, utf8_error) from None
    best = from_bytes(data).best()
    if best is None:
        raise ArticleReadError(source, f"{utf8_error}, and no other text encoding fits")
    text = str(best)
    if _CONTROL.search(text):
        raise ArticleReadError(source, f"{utf8_error}, and no other text encoding fits (binary?)")
    return text, best.encoding
