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
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from geonews.model import Article
from geonews.render.frontend import static_text

__all__ = ["UI_LANGS", "Messages", "country_name", "messages", "ui_lang_of"]

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

    def reason(self, text: str) -> str:
        """A resolver's reason (written in English) for readers of this language.

        >>> fr = messages("fr")
        >>> fr.reason("FR name “Vladivostok”"), fr.reason("population 604 901"), fr.reason("city")
        ('nom français « Vladivostok »', 'population 604 901', 'ville')
        >>> fr.reason("in RU, a country the article mentions"), fr.reason("334 km from Kraï du Primorié")
        ('dans un pays que l’article cite (Russie)', 'à 334 km de Kraï du Primorié')
        >>> fr.reason("a reason nobody wrote a pattern for"), messages("en").reason("city")
        ('a reason nobody wrote a pattern for', 'city')
        """
        if self.lang == "en":
            return text
        if text in self.features:
            return self.feature(text)
        templates = _catalogue().get(f"reasons_{self.lang}", {})
        for pattern, key in _REASONS:
            found = pattern.fullmatch(text)
            if found and key in templates:
                fields = found.groupdict()
                if "cc" in fields:
                    fields["country"] = country_name(fields.pop("cc"), self.lang)
                if "kind" in fields:
                    fields["kind"] = self.feature(fields["kind"].replace(" ", "_"))
                return str(templates[key]).format(**fields)
        return text

    def for_script(self) -> dict[str, Any]:
        """The table the page script reads (``cfg.msg``)."""
        return {"lang": self.lang, **self.table}


@functools.lru_cache(maxsize=512)
def country_name(code: str, lang: str = "fr") -> str:
    """The country's name for readers (CLDR via babel), or the code when unknown.

    >>> country_name("RU"), country_name("KP"), country_name("QQ")
    ('Russie', 'Corée du Nord', 'QQ')
    """
    from babel import Locale

    return Locale(lang).territories.get(code.upper(), code)


#: The resolver's reasons (English sentences made by geonews.resolve) and their keys in ``reasons_<lang>``.
_REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), k) for p, k in (
    (r"FR name “(?P<x>.+)”", "fr_name"),
    (r"alternate name “(?P<x>.+)”", "alt_name"),
    (r"main name", "main_name"),
    (r"“(?P<x>.+)” is its adjective or demonym", "demonym"),
    (r"population (?P<n>[\d\s\u202f]+)", "population"),
    (r"region of (?P<n>[\d\s\u202f]+) people", "region_pop"),
    (r"capital of (?P<n>[\d\s\u202f]+) people", "capital_pop"),
    (r"other places of the article are in it", "contains_others"),
    (r"contains another place of the article", "contains_one"),
    (r"in (?P<cc>[A-Z]{2}), a country the article mentions", "in_country"),
    (r"in (?P<cc>[A-Z]{2}), where the dispatch comes from", "dateline"),
    (r"in (?P<cc>[A-Z]{2}), where the article was published", "published"),
    (r"in a region the article mentions", "in_region"),
    (r"far from every other place of the article", "far"),
    (r"listed with other countries", "listed_countries"),
    (r"(?P<n>[\d\s\u202f]+) km from (?P<x>.+)", "km_from"),
    (r"“(?P<x>.+)” context fits a (?P<kind>[\w ]+)", "context_fits"),
    (r"a world city; its namesakes are at least (?P<n>\d+) times smaller", "world_city"),
    (r"not in the gazetteer", "not_in_gazetteer"),
    (r"another mention of the article is (?P<x>.+)", "another_mention"),
    (r"only (?P<kind>[\w ]+) of that name", "only_kind"),
    (r"the text says it is in (?P<x>.+)", "text_says_in"),
    (r"the text says it contains (?P<x>.+)", "text_says_contains"),
    (r"corrected \((?P<x>.+)\): not a place", "corrected_not_place"),
    (r"corrected \((?P<x>.+)\)", "corrected"),
))


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
