"""The map's interface language: its strings in French and English, and which one a map speaks.

One catalogue, ``static/messages.json``, serves both sides: the page markup
written here (header, panel, legend, popups) and the page script, which gets
its language's table in its configuration. A string has ``{n}``-style
fields; a pair ``[one, many]`` is a plural.

>>> fr, en = messages("fr"), messages("en")
>>> fr("n_places", n=1), fr("n_places", n=3), en("n_places", n=3)
('1 lieu', '3 lieux', '3 places')
>>> fr.feature("river"), en.feature("admin1"), en.feature("no-such-kind")
('cours d’eau', 'region', 'no-such-kind')
>>> fr.date("2024-10-07T06:12:00+02:00"), en.date("2024-10-07"), en.date("last week")
('7 octobre 2024', '7 October 2024', 'last week')
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from geonews.model import Article
from geonews.render.frontend import static_text

__all__ = ["UI_LANGS", "Messages", "messages", "ui_lang_of"]

#: The interface languages, the default first.
UI_LANGS = ("fr", "en")
#: CLDR locales for dates: day, month, year in both ("7 October 2024").
_DATE_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


@functools.cache
def _catalogue() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(static_text("messages.json"))
    return data


@dataclass(frozen=True)
class Messages:
    """The strings of one interface language: ``m(key, **fields)``."""

    lang: str
    table: Mapping[str, str | list[str]]
    features: Mapping[str, list[str]]

    def __call__(self, key: str, **fields: object) -> str:
        text = self.table[key]
        if isinstance(text, list):
            n = fields.get("n", 0)
            text = text[0] if n == 1 or (self.lang == "fr" and n == 0) else text[1]
        return text.format(**fields) if fields else text

    def feature(self, kind: str) -> str:
        """The name of a kind of place (``Place.feature``) for readers."""
        names = self.features.get(kind)
        return names[UI_LANGS.index(self.lang)] if names else kind

    def date(self, value: str) -> str:
        """An ISO date or date-time written for people ("7 octobre 2024"); other text as it is."""
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
        from babel.dates import format_date

        return format_date(day, format="long", locale=_DATE_LOCALES[self.lang])

    def for_script(self) -> dict[str, Any]:
        """The table the page script reads (``cfg.msg``)."""
        return {"lang": self.lang, **self.table}


@functools.cache
def messages(lang: str) -> Messages:
    """The strings of ``lang`` (one of :data:`UI_LANGS`; anything else reads as the default)."""
    lang = lang if lang in UI_LANGS else UI_LANGS[0]
    data = _catalogue()
    return Messages(lang, data[lang], data["features"])


def ui_lang_of(articles: Iterable[Article]) -> str:
    """The language most of the articles are in (their ``lang``, else guessed from their words).

    >>> ui_lang_of([Article(id="a", text="The mayor of Boston said the river rose.")])
    'en'
    >>> ui_lang_of([])
    'fr'
    """
    from geonews.extract.lang import detect_lang  # a pure function of the text (loads no model)

    votes: Counter[str] = Counter()
    for article in articles:
        lang = (article.lang or detect_lang(article.text[:2000]))[:2].lower()
        if lang in UI_LANGS:
            votes[lang] += 1
    if not votes:
        return UI_LANGS[0]
    top = max(votes.values())
    return next(lang for lang in UI_LANGS if votes[lang] == top)
