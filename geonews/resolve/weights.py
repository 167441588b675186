"""Every number of the resolver's ranking, in one typed object.

:class:`ScoringWeights` holds the weights of the ranking features (see
:mod:`geonews.resolve.features`), with defaults equal to the values geonews
was tuned with. A ``[scoring]`` table in ``geonews.toml`` overrides some of
them: scalar weights by name, the per-type weights as sub-tables merged onto
the defaults::

    [scoring]
    published_bonus = 1.0
    disabled = ["published_site"]     # feature names (see geonews.resolve.features)

    [scoring.feature_prior]
    village = 0.0

    [scoring.hint_bonus.station]
    station = 4.0

    >>> w = ScoringWeights.from_mapping({"published_bonus": 1, "feature_prior": {"village": 0}})
    >>> w.published_bonus, w.feature_prior["village"], w.feature_prior["city"]
    (1.0, 0.0, 2.5)
    >>> ScoringWeights.from_mapping({"publishd_bonus": 1})
    Traceback (most recent call last):
    ...
    ValueError: unknown key 'publishd_bonus' (did you mean 'published_bonus'?)
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

__all__ = ["DEFAULT_WEIGHTS", "ScoringWeights"]


def _feature_prior() -> dict[str, float]:
    return {
        "continent": 5.0,
        "country": 5.0,
        "capital": 4.0,
        "admin1": 3.0,
        "region": 3.0,
        "city": 2.5,
        "sea": 3.0, "strait": 3.0, "gulf": 3.0, "river": 2.5, "lake": 2.5, "mountain_range": 3.0,
        "mountain": 2.5, "desert": 3.0, "peninsula": 3.0, "island": 2.5, "valley": 2.0,
        "building": 3.0, "landmark": 3.0, "spaceport": 3.0, "plant": 2.5, "military_base": 2.5,
        "port": 2.0, "airport": 1.5, "station": 1.5, "border_crossing": 2.0,
        "admin2": 1.5,
        "town": 1.5,
        "district": 1.0,
        "village": 0.5,
    }


def _hint_bonus() -> dict[str, dict[str, float]]:
    return {
        "spaceport": {"spaceport": 4.0, "town": 0.5, "village": 0.5},
        "station": {"station": 3.0, "village": 1.5, "town": 1.5, "city": 1.0, "border_crossing": 1.5},
        "airport": {"airport": 3.0, "city": 1.0, "capital": 1.0, "town": 1.0},
        "port": {"port": 3.0, "city": 1.0, "town": 1.0, "capital": 1.0},
        "plant": {"plant": 4.0, "town": 1.0, "city": 1.0, "village": 1.0},
        "military_base": {"military_base": 4.0, "town": 0.5, "city": 0.5},
        "admin": {"admin1": 3.0, "admin2": 2.5, "region": 2.0, "country": 0.5},
        "city": {"capital": 2.0, "city": 2.0, "town": 2.0, "village": 1.5},
        "village": {"village": 2.0, "town": 1.5},
        "river": {"river": 4.0},
        # natural-feature cues (geonews.lexicon FEATURE_CUES): "eaux de", "mer", "lac", "île", "mont"
        "water": {"river": 3.0, "lake": 3.0, "sea": 3.0, "gulf": 3.0, "strait": 3.0},
        "sea": {"sea": 4.0, "gulf": 4.0, "strait": 4.0, "lake": 2.0},
        "lake": {"lake": 4.0, "sea": 1.0},
        # many islands are countries or regions ("the island of Bohol", "l'île de Chypre"): they fit too
        "island": {"island": 4.0, "country": 0.5, "admin1": 0.5, "admin2": 0.5, "region": 0.5},
        "relief": {"mountain": 4.0, "mountain_range": 4.0, "desert": 4.0, "peninsula": 3.0, "valley": 1.0},
        "mountain": {"mountain": 4.0, "mountain_range": 4.0, "island": 1.0, "peninsula": 1.0},
        "border_crossing": {"border_crossing": 3.0, "station": 1.0, "village": 1.0, "town": 1.0},
        "venue": {"building": 2.0, "landmark": 2.0},
        "country": {"country": 3.0},
    }


def _tier_weight() -> dict[str, float]:
    return {"user": 6.0, "fr": 2.0, "en": 1.5, "main": 1.5, "alt": 0.0, "translit": -1.0, "demonym": 1.0}


@dataclass(frozen=True)
class ScoringWeights:
    """The weights of the ranking features and post-ranking steps (defaults: the tuned values)."""

    # -- feature_prior
    #: what a bare name most likely means in the news, by feature type
    feature_prior: dict[str, float] = field(default_factory=_feature_prior)
    #: prior of a feature type missing from ``feature_prior``
    default_prior: float = 1.0
    #: a capital of fewer people than this is a small capital ("Saint-Georges" of Grenada): its prior is
    #: ``small_capital_prior``, as a town's, so a namesake commune of the article's own country can win
    small_capital_population: int = 10_000
    small_capital_prior: float = 1.5
    # -- name_tier
    #: how much a name's language tag says (French articles trust French-tagged names most)
    tier_weight: dict[str, float] = field(default_factory=_tier_weight)
    #: extra for a name tagged in the article's own language
    same_language_tier: float = 0.5
    # -- exact_name
    #: the gazetteer name is exactly the text's
    exact_name: float = 0.3
    # -- population
    #: per decade of population, for settlements and countries
    population_per_decade: float = 0.4
    #: per decade of population, for a region (the sum of its places': weighs less)
    region_population_per_decade: float = 0.25
    # -- trigger_word, trigger_word_mismatch
    #: bonus when a trigger word ("gare de", "région de") agrees with a feature type: hint -> type -> bonus
    hint_bonus: dict[str, dict[str, float]] = field(default_factory=_hint_bonus)
    #: a trigger word that fits none of the place's kind (a negative number)
    hint_mismatch: float = -1.0
    # -- article context
    #: a country that contains other places of the article
    country_of_places: float = 1.5
    #: a first-level region that contains another place of the article
    region_of_places: float = 2.0
    #: a place in a country the article mentions ...
    mentioned_country: float = 2.0
    #: ... plus this for each further supporting toponym ...
    mentioned_country_step: float = 0.25
    #: ... up to this many
    mentioned_country_max_steps: int = 4
    #: a place in the country of the article's dateline
    dateline: float = 0.5
    #: a place in the country of the site that published the article (local news names local places)
    published_bonus: float = 2.0
    #: a place in a region the article mentions
    mentioned_region: float = 1.5
    # -- placed_elsewhere
    #: the very place another mention of the article was confidently put on (same name, same point)
    placed_elsewhere: float = 3.0
    #: how close that point must be, in km
    placed_elsewhere_km: float = 1.0
    # -- near_anchor, far_from_anchors
    near_anchor_km: float = 250.0
    near_anchor: float = 1.0
    mid_anchor_km: float = 1000.0
    mid_anchor: float = 0.5
    far_anchor_km: float = 3000.0
    #: a place far from every confidently placed point (a negative number)
    far_from_anchors: float = -1.0
    # -- neighbours (geonews.resolve.neighbours)
    #: each reading of a consistent "place, region" pair ("Buffalo, New York")
    containment_bonus: float = 3.0
    #: a candidate of the same kind as its listed neighbours' answers
    list_bonus: float = 2.0
    # -- stated_location (geonews.resolve.neighbours)
    #: a reading the text states the location of ("Moscou, dans l'Idaho"), and the region that contains it
    stated_location: float = 4.0
    #: a reading in another country than every reading of the region the text states ("la commune de X, dans la
    #: région de Y" and X is only known in another country): a namesake, not the place (a negative number)
    stated_elsewhere: float = -4.0
    #: a place within this distance of a département (second-level region) of its region is in it
    stated_admin2_km: float = 150.0
    # -- world_city
    #: a city of at least this many people ...
    world_city_population: int = 2_000_000
    #: ... and this many times the population of every namesake settlement (farther than ``world_city_km``) ...
    world_city_ratio: float = 30.0
    world_city_km: float = 50.0
    #: ... is what a bare mention of the name means in the news ("Rome", "Sydney" in an American story)
    world_city: float = 1.5
    # -- partial_name
    #: a name cut out of a longer span ("Kinshasa Gentiny Ngobila") is a country, a capital, a first-level
    #: region or a settlement of at least this many people
    partial_min_population: int = 100_000
    #: a span read as the name inside it: less sure than the name alone (a negative number)
    partial_span: float = -0.5
    #: a span that names two places ("Niger-Mali"), read as the first: only half right (a negative number)
    partial_pair: float = -5.0
    #: a facility the gazetteer lacks, placed at the settlement or landmark its name ends in (a negative number)
    facility_at_host: float = -2.0
    # -- spelling (geonews.resolve.disambiguate)
    #: a name the gazetteer lacks, read as the one prominent place one slip away ("Bordaeux"): a country, capital,
    #: first-level region or settlement of at least this many people
    spelling_min_population: int = 100_000
    #: ... less sure than the name spelt right (a negative number)
    spelling: float = -1.0
    # -- namesakes_together (geonews.resolve.disambiguate)
    #: bonus of two readings of two ambiguous names of the article that lie this close to each other
    together: float = 2.5
    together_km: float = 30.0
    #: ... when the two names' first readings lie at least this far apart (else they already agree)
    together_far_km: float = 1000.0
    #: how many of each name's first-pass readings are compared
    together_candidates: int = 3
    # -- short_form (geonews.resolve.disambiguate)
    #: the settlement a bare name is the short form of, named in full before ("Montreuil-sur-Mer ... Montreuil")
    short_form: float = 3.0
    # -- namesake_city_first, namesake_country_first
    #: a region and the city it is named after are "the same place" to a reader within this distance
    namesake_km: float = 250.0
    #: how far below the region a city may score and still be promoted
    namesake_city_margin: float = 2.0
    #: how far below the city a country may score and still be promoted
    namesake_country_margin: float = 2.5
    #: how many runners-up are looked at for a namesake
    namesake_window: int = 5
    #: how much above the former top a promoted candidate scores
    promotion_margin: float = 0.01
    # -- confidence
    #: a top score at which the answer is a coin toss on its own (see scoring.confidence)
    confident_score: float = 3.5

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The weights' names, as ``[scoring]`` keys."""
        return tuple(f.name for f in fields(cls))

    @classmethod
    def from_mapping(cls, table: Mapping[str, Any], base: ScoringWeights | None = None) -> ScoringWeights:
        """``base`` (the defaults) with the weights of a ``[scoring]``-like table.

        Scalars replace; per-type tables (``feature_prior``, ``tier_weight``,
        ``hint_bonus.<hint>``) are merged onto ``base``'s. A bad key or value
        raises :class:`ValueError` with a one-line message.

        >>> ScoringWeights.from_mapping({"hint_bonus": {"station": {"station": 5}}}).hint_bonus["station"]["town"]
        1.5
        >>> ScoringWeights.from_mapping({"namesake_km": "far"})
        Traceback (most recent call last):
        ...
        ValueError: namesake_km must be a number, got 'far'
        """
        base = base or DEFAULT_WEIGHTS
        known = cls.names()
        changes: dict[str, Any] = {}
        for key, value in table.items():
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(sorted(known))}"
                raise ValueError(f"unknown key {key!r} ({hint})")
            current = getattr(base, key)
            if key == "hint_bonus":
                merged = {h: dict(bonus) for h, bonus in current.items()}
                for hint, bonus in _table(value, key).items():
                    merged.setdefault(hint, {}).update(_numbers(bonus, f"{key}.{hint}"))
                changes[key] = merged
            elif isinstance(current, dict):
                changes[key] = {**current, **_numbers(value, key)}
            elif isinstance(current, int):
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise ValueError(f"{key} must be a whole number >= 0, got {value!r}")
                changes[key] = value
            else:
                changes[key] = _number(value, key)
        return replace(base, **changes)


def _table(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError(f"{where} must be a table, got {value!r}")
    return value


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or abs(value) == float("inf"):
        raise ValueError(f"{where} must be a number, got {value!r}")
    return float(value)


def _numbers(value: Any, where: str) -> dict[str, float]:
    return {str(k): _number(v, f"{where}.{k}") for k, v in _table(value, where).items()}


#: The tuned defaults.
DEFAULT_WEIGHTS = ScoringWeights()
