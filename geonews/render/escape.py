"""The one gate through which article text reaches HTML.

Every string that comes from an article (titles, sentences, URLs, names) goes
through :func:`escape_html` before it is put into markup; :func:`highlight`
escapes the parts of a sentence separately and adds only its own ``<mark>``
tags, so the only raw ``<`` in its output are ours.

    >>> escape_html('<b>"Tom" & \\'Jerry\\'</b>')
    '&lt;b&gt;&quot;Tom&quot; &amp; &#x27;Jerry&#x27;&lt;/b&gt;'
    >>> highlight("Bienvenue à <Vladivostok>!", 12, 25)
    'Bienvenue à <mark>&lt;Vladivostok&gt;</mark>!'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

__all__ = ["MARK_CLOSE", "MARK_OPEN", "escape_html", "highlight", "highlight_spans", "scrub_surrogates"]

#: The only markup :func:`highlight` adds.
MARK_OPEN = "<mark>"
MARK_CLOSE = "</mark>"


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub_surrogates(text: str) -> str:
    """Replace each surrogate code point with U+FFFD, one for one.

    A Python ``str`` may hold lone surrogates (``"\\ud800"``), which UTF-8
    cannot encode: writing them would fail. Each one becomes the replacement
    character, so lengths and offsets into ``text`` are unchanged.

    >>> scrub_surrogates("a\\ud800b\\udfff") == "a\\ufffdb\\ufffd"
    True
    >>> scrub_surrogates("Vladivostok 😀")
    'Vladivostok 😀'
    """
    return _SURROGATE.sub("\ufffd", text)


def escape_html(text: str) -> str:
    """Escape ``& < > " '`` so ``text`` is inert in element content and attributes.

    Lone surrogates become U+FFFD (see :func:`scrub_surrogates`), so the result can always be written as UTF-8.

    >>> escape_html("<script>alert(1)</script>")
    '&lt;script&gt;alert(1)&lt;/script&gt;'
    >>> escape_html("Tom & Jerry's \\"show\\"")
    'Tom &amp; Jerry&#x27;s &quot;show&quot;'
    >>> html.unescape(escape_html("a &amp; b")) == "a &amp; b"
    True
    >>> escape_html("x\\udc80") == "x\\ufffd"
    True
    """
    return html.escape(scrub_surrogates(str(text)), quote=True)


def highlight(sentence: str, start: int, end: int) -> str:
    """Escape ``sentence`` and wrap ``sentence[start:end]`` in ``<mark>``.

    Offsets are clamped to the sentence; an empty span adds no tags.

    >>> highlight("Kim arrive à Vladivostok.", 13, 24)
    'Kim arrive à <mark>Vladivostok</mark>.'
    >>> highlight("a<b", 1, 2)
    'a<mark>&lt;</mark>b'
    >>> highlight("abc", 5, 9)
    'abc'
    """
    return highlight_spans(sentence, [(start, end)])


def highlight_spans(sentence: str, spans: Iterable[tuple[int, int]]) -> str:
    """Like :func:`highlight` for several spans (overlapping spans are merged).

    >>> highlight_spans("Moscou et Moscou", [(10, 16), (0, 6)])
    '<mark>Moscou</mark> et <mark>Moscou</mark>'
    >>> highlight_spans("abcdef", [(1, 3), (2, 5)])
    'a<mark>bcde</mark>f'
    """
    n = len(sentence)
    clamped = sorted((max(0, min(s, n)), max(0, min(e, n))) for s, e in spans)
    merged: list[list[int]] = []
    for s, e in clamped:
        if s >= e:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out: list[str] = []
    pos = 0
    for s, e in merged:
        out.append(escape_html(sentence[pos:s]))
        out.append(MARK_OPEN + escape_html(sentence[s:e]) + MARK_CLOSE)
        pos = e
    out.append(escape_html(sentence[pos:]))
    return "".join(out)
