"""Value types that flow through the pipeline.

Small frozen dataclasses, no I/O, no third-party imports. Coordinates are
always ``(lat, lon)``; GeoJSON's ``[lon, lat]`` order appears only through
:meth:`LatLon.as_geojson`, at export time.

    >>> paris = LatLon(48.8534, 2.3488)
    >>> paris.as_geojson()
    [2.3488, 48.8534]
    >>> round(paris.distance_km(LatLon(45.7485, 4.8467)))
    393
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from geonews.errors import InvalidCoordinateError

__all__ = [
    "AGAINST",
    "AREA_FEATURES",
    "FEATURES",
    "Article",
    "ArticleResult",
    "Candidate",
    "LatLon",
    "Mention",
    "Place",
    "PlaceSummary",
    "Resolution",
    "reader_lang",
]

#: Feature types a place can have, coarse enough to explain to a reader.
FEATURES: frozenset[str] = frozenset(
    {
        "continent",
        "country",
        "admin1",
        "admin2",
        "region",  # informal or historical region (Donbass, Sibérie, Sahel)
        "capital",
        "city",
        "town",
        "village",
        "district",
        "airport",
        "spaceport",
        "station",
        "port",
        "border_crossing",
        "military_base",
        "plant",
        "landmark",
        "building",
        "island",
        "peninsula",
        "sea",
        "strait",
        "gulf",
        "lake",
        "river",
        "mountain",
        "mountain_range",
        "desert",
        "valley",
        "other",
    }
)

#: Features that cover an area rather than a point (drawn as areas on maps).
AREA_FEATURES: frozenset[str] = frozenset(
    {"continent", "country", "admin1", "admin2", "region", "sea", "desert"}
)

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class LatLon:
    """A WGS84 point, latitude first."""

    lat: float
    lon: float

    def __post_init__(self) -> None:
        if not (isinstance(self.lat, (int, float)) and isinstance(self.lon, (int, float))):
            raise InvalidCoordinateError(f"coordinates must be numbers, got {self.lat!r}, {self.lon!r}")
        if math.isnan(self.lat) or not -90.0 <= self.lat <= 90.0:
            raise InvalidCoordinateError(f"latitude {self.lat!r} is outside [-90, 90]")
        if math.isnan(self.lon) or not -180.0 <= self.lon <= 180.0:
            raise InvalidCoordinateError(f"longitude {self.lon!r} is outside [-180, 180]")

    def lat_gap_km(self, other: LatLon) -> float:
        """A floor of :meth:`distance_km`, much cheaper: the distance between the two parallels.

            >>> a, b = LatLon(48.85, 2.35), LatLon(45.76, 4.84)
            >>> round(a.lat_gap_km(b)), round(a.distance_km(b))
            (344, 391)
        """
        return EARTH_RADIUS_KM * math.radians(abs(self.lat - other.lat))

    def as_geojson(self) -> list[float]:
        """Return ``[lon, lat]``, the GeoJSON order."""
        return [self.lon, self.lat]

    def distance_km(self, other: LatLon) -> float:
        """Great-circle (haversine) distance in kilometres (never less than :meth:`lat_gap_km`)."""
        p1, p2 = math.radians(self.lat), math.radians(other.lat)
        dp = p2 - p1
        dl = math.radians(other.lon - self.lon)
        a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class Article:
    """One input document. ``text`` is NFC-normalised; every offset refers to it."""

    id: str
    text: str
    title: str = ""
    source: str = ""
    url: str | None = None
    date: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in an article.

    ``start``/``end`` delimit the toponym itself (``article.text[start:end] ==
    text``); ``trigger`` keeps the words around it that told us what kind of
    place it is ("cosmodrome de"), ``hint`` the feature they imply and
    ``qualifier`` a direction ("east" for "l'Est de la Russie"). ``label`` says
    who found it: the recogniser's label (LOC, MISC...), ``GAZ`` for the
    gazetteer ruler, ``GOLD`` for given spans.

    ``sentence`` is the mention's sentence, starting at offset
    ``sentence_start`` of the text; in a very long sentence, only a window of it
    around the mention (see :func:`geonews.extract.sentences.context_window`),
    and ``sentence_cut`` says whether the sentence goes on before and after it.
    """

    #: what readers see where a long sentence was cut
    ELLIPSIS: ClassVar[str] = "…"

    article_id: str
    start: int
    end: int
    text: str
    sentence: str
    sentence_start: int
    label: str = "LOC"
    hint: str | None = None
    trigger: str | None = None
    qualifier: str | None = None
    #: "place", or "adjective" for a demonym such as "russe" or "Américains" (off maps by default)
    kind: str = "place"
    #: ``(before, after)``: whether :attr:`sentence` is a window of a longer sentence that goes on there
    sentence_cut: tuple[bool, bool] = (False, False)

    @property
    def context(self) -> str:
        """:attr:`sentence` as readers see it, with an ellipsis where a long sentence was cut.

        >>> Mention("a", 10, 15, "Paris", "vers Paris, Paris", 5, sentence_cut=(True, False)).context
        '… vers Paris, Paris'
        >>> Mention("a", 3, 8, "Paris", "À Paris.", 0).context
        'À Paris.'
        """
        before, after = self.sentence_cut
        return f"{self.ELLIPSIS} " * before + self.sentence + f" {self.ELLIPSIS}" * after

    @property
    def sentence_offsets(self) -> tuple[int, int]:
        """Offsets of the mention inside :attr:`sentence`."""
        return self.start - self.sentence_start, self.end - self.sentence_start


@dataclass(frozen=True, slots=True)
class Place:
    """An entry of the gazetteer (or of an online geocoder's answer)."""

    id: str
    name: str
    point: LatLon
    feature: str
    country_code: str | None = None
    admin1: str | None = None
    population: int = 0
    geonameid: int | None = None
    source: str = "geonames"
    name_fr: str | None = None
    name_en: str | None = None
    #: the first-level region the place is in (French name, then English), to tell namesakes apart
    region: str | None = None
    region_en: str | None = None

    @property
    def display_name(self) -> str:
        """The French name where we have one, else the main name."""
        return self.name_fr or self.name

    def region_in(self, lang: str) -> str | None:
        """The first-level region's name in ``lang`` ("fr" or "en"), else in the other one."""
        return (self.region_en or self.region) if lang == "en" else (self.region or self.region_en)

    def name_in(self, lang: str | None) -> str:
        """The name shown to readers of ``lang``: English for ``"en"`` (else the main name), French otherwise.

            >>> p = Place("g", "Philadelphia", LatLon(39.95, -75.16), "city", name_fr="Philadelphie")
            >>> p.name_in("en"), p.name_in("fr"), p.name_in(None)
            ('Philadelphia', 'Philadelphie', 'Philadelphie')
        """
        if reader_lang([lang]) == "en":
            return self.name_en or self.name
        return self.display_name

    def other_name(self, lang: str | None) -> str | None:
        """The name in the other language (French or English), when it differs from :meth:`name_in`."""
        other = self.name_in("fr" if reader_lang([lang]) == "en" else "en")
        return other if other != self.name_in(lang) else None


#: What a reason that counts against a candidate starts with (``Candidate.reasons``, ``Resolution.reasons``):
#: readers see reasons without their scores, so the sign is in the text.
AGAINST = "against: "


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a mention may refer to, with the score that ranks it."""

    place: Place
    score: float
    matched_name: str = ""
    name_tier: str = "main"
    reasons: tuple[str, ...] = ()
    #: the trace behind ``score`` and ``reasons``: (feature name, score delta, reason); not compared or exported
    contributions: tuple[tuple[str, float, str], ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a mention was resolved to, and why."""

    mention: Mention
    place: Place | None
    score: float = 0.0
    confidence: float = 0.0
    reasons: tuple[str, ...] = ()
    alternatives: tuple[Candidate, ...] = ()
    metonymic: bool = False


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything geonews learnt about one article."""

    article: Article
    resolutions: tuple[Resolution, ...] = ()

    @property
    def mapped(self) -> tuple[Resolution, ...]:
        """Resolutions that have a place."""
        return tuple(r for r in self.resolutions if r.place is not None)


@dataclass(frozen=True, slots=True)
class PlaceSummary:
    """One place on the map: every mention of it across articles."""

    place: Place
    resolutions: tuple[Resolution, ...] = field(default=())

    @property
    def mention_count(self) -> int:
        return len(self.resolutions)

    @property
    def article_ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for r in self.resolutions:
            seen.setdefault(r.mention.article_id, None)
        return tuple(seen)

    @property
    def confidence(self) -> float:
        """Best confidence among its mentions."""
        return max((r.confidence for r in self.resolutions), default=0.0)

    def lang(self, articles: Mapping[str, Article]) -> str:
        """The language its name is shown in: English when every article naming it is (:func:`reader_lang`)."""
        return reader_lang(articles[a].lang for a in self.article_ids if a in articles)


def reader_lang(langs: Iterable[str | None]) -> str:
    """The language to name places in for the readers of articles in ``langs``: ``"en"`` when every one is
    English, else ``"fr"`` (French names on a mixed or French map, as before).

        >>> reader_lang(["en", "en-GB"]), reader_lang(["en", "fr"]), reader_lang([None]), reader_lang([])
        ('en', 'fr', 'fr', 'fr')
    """
    codes = [(lang or "fr").strip()[:2].lower() for lang in langs]
    return "en" if codes and all(code == "en" for code in codes) else "fr"
