"""File names for the maps of a run: one per article, unique, short and safe on any file system.

An article's map is ``<slug of its id>.html``. The slug keeps letters, digits,
``_``, ``.`` and ``-`` (any script) of the NFC-normalised id, turns every other
run of characters into ``-``, and never starts or ends with ``.`` or ``-``.
Then, in the order of the articles:

- a slug longer than :data:`MAX_STEM_BYTES` bytes of UTF-8 is cut on a
  character boundary and gets ``-`` and 8 hex digits of a hash of the id;
- a name already given in the run (compared case-insensitively and after NFC
  normalisation, as macOS and Windows file systems compare them) or a
  :data:`RESERVED` one (``index``, ``combined``, Windows device names) gets the
  hash suffix too (another hash if that is taken as well).

So names are deterministic, and a name depends only on the ids before it:
adding articles at the end of a run never renames the earlier maps.

    >>> map_file_names(["Paris", "paris", "index", "Sommet à Paris"])
    ['Paris.html', 'paris-1670f2e4.html', 'index-1bc04b52.html', 'Sommet-à-Paris.html']
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

__all__ = ["MAX_STEM_BYTES", "RESERVED", "map_file_names"]

#: Longest name, in bytes of UTF-8, before ``.html`` (file systems allow 255).
MAX_STEM_BYTES = 100
#: Names (compared case-insensitively) an article's map never gets: the run's own pages, Windows devices.
RESERVED = frozenset(
    ("index", "combined", "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10)))
)
_SUFFIX_BYTES = 9  # "-" + 8 hex digits
_UNSAFE = re.compile(r"[^\w.-]+")


def _slug(article_id: str) -> str:
    """The id's letters, digits, ``_ . -``; other runs of characters become ``-``.

    >>> _slug("Sommet de l'OTAN / Vilnius"), _slug("../../etc/passwd"), _slug("")
    ('Sommet-de-l-OTAN-Vilnius', 'etc-passwd', 'article')
    """
    text = unicodedata.normalize("NFC", article_id)
    return _UNSAFE.sub("-", text).strip("-.") or "article"


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8, on a character boundary.

    >>> _cut("東京", 5), _cut("abc", 5)
    ('東', 'abc')
    """
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def _digest(article_id: str, attempt: int) -> str:
    data = article_id.encode("utf-8", errors="surrogatepass") + (f"\x00{attempt}".encode() if attempt else b"")
    return hashlib.sha256(data).hexdigest()[:8]


def _key(stem: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", stem).casefold())


def map_file_names(ids: Iterable[str]) -> list[str]:
    """One file name (``<stem>.html``) per article id, in order; see the module's rules.

    Every name is unique in the list (even case-insensitively and after NFC
    normalisation), at most ``MAX_STEM_BYTES`` bytes before ``.html``, holds
    no ``/`` or ``\\``, does not start with ``.`` or ``-``, and is never
    ``index.html`` or ``combined.html``.

    >>> names = map_file_names(["東京" * 40, "site/a/index.html", "site/b/index.html"])
    >>> [len(n.encode()) <= MAX_STEM_BYTES + 5 for n in names], names[1] != names[2]
    ([True, True, True], True)
    >>> map_file_names(["", "..."])
    ['article.html', 'article-ab5df625.html']
    """
    used: set[str] = set()
    names: list[str] = []
    for article_id in ids:
        slug = _slug(article_id)
        stem = slug
        if len(slug.encode("utf-8")) > MAX_STEM_BYTES:
            stem = f"{_cut(slug, MAX_STEM_BYTES - _SUFFIX_BYTES).rstrip('-.') or 'article'}-{_digest(article_id, 0)}"
        attempt = 0
        while _key(stem) in used or _key(stem) in RESERVED:
            base = _cut(slug, MAX_STEM_BYTES - _SUFFIX_BYTES).rstrip("-.") or "article"
            stem = f"{base}-{_digest(article_id, attempt)}"
            attempt += 1
        used.add(_key(stem))
        names.append(f"{stem}.html")
    return names
