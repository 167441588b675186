"""Pure ranking of candidate places for one toponym, with the reasons.

Each candidate gets a score that is a sum of named features; every feature
that fires adds a human-readable reason, shown in popups and exports::

    >>> from geonews.model import LatLon, Place
    >>> from geonews.gazetteer.store import NameMatch
    >>> dc = NameMatch(Place("gn:4140963", "Washington", LatLon(38.895, -77.036), "capital",
    ...                      country_code="US", population=689545), "main", "Washington")
    >>> uk = NameMatch(Place("gn:2634715", "Washington", LatLon(54.9, -1.52), "town",
    ...                      country_code="GB", population=67085), "main", "Washington")
    >>> ranked = score_candidates([uk, dc], query="Washington", hint=None, context=Context())
    >>> ranked[0].place.country_code, ranked[0].reasons[0]
    ('US', 'capital')
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from geonews.gazetteer.store import NameMatch
from geonews.model import AGAINST, Candidate
from geonews.resolve.features import FEATURES, SETTLEMENTS, Context, Contribution, Outcome, world_cities
from geonews.resolve.weights import DEFAULT_WEIGHTS, ScoringWeights

__all__ = [
    "AGAINST",
    "CONFIDENT_SCORE",
    "FEATURE_PRIOR",
    "HINT_BONUS",
    "NAMESAKE_KM",
    "PUBLISHED_BONUS",
    "SETTLEMENTS",
    "STRICT_HINTS",
    "TIER_WEIGHT",
    "WATER_FEATURES",
    "Context",
    "ScoringWeights",
    "confidence",
    "contributions_of",
    "score_candidates",
    "signed_reason",
]

#: The default weights under their former names (see :class:`ScoringWeights` for every weight).
FEATURE_PRIOR: Mapping[str, float] = DEFAULT_WEIGHTS.feature_prior
HINT_BONUS: Mapping[str, Mapping[str, float]] = DEFAULT_WEIGHTS.hint_bonus
TIER_WEIGHT: Mapping[str, float] = DEFAULT_WEIGHTS.tier_weight
PUBLISHED_BONUS = DEFAULT_WEIGHTS.published_bonus
CONFIDENT_SCORE = DEFAULT_WEIGHTS.confident_score
NAMESAKE_KM = DEFAULT_WEIGHTS.namesake_km

#: Kinds of place that hold water.
WATER_FEATURES = frozenset({"river", "lake", "sea", "gulf", "strait"})
#: Areas whose waters or shores a text may name ("les eaux de la Libye", "the banks of Crimea").
_AREAS = frozenset({"continent", "country", "admin1", "admin2", "region", "peninsula", "island"})

#: Hints only some kinds of place can fit: a theatre of a listing is a building, never a namesake town; after
#: "la crue de", "la rivière", "le fleuve" only a water feature (or a county named after its river, which it
#: drains: "la rivière Androscoggin"), after "les eaux de", "la mer", "le lac" a water
#: feature or an area, after "le mont" a mountain; never a namesake village ("la crue du Gardon" is not
#: Gardonne): the mention stays unresolved when the gazetteer lacks the feature.
STRICT_HINTS: dict[str, frozenset[str]] = {
    "venue": frozenset({"building", "landmark"}),
    "river": WATER_FEATURES | {"admin2"},
    "water": WATER_FEATURES | _AREAS,
    "sea": WATER_FEATURES | _AREAS,
    "lake": WATER_FEATURES | _AREAS,
    # "le mont Cameroun", "le volcan Stromboli": a summit, a range, a volcanic island or a headland, never the
    # country or town of the same name
    "mountain": frozenset({"mountain", "mountain_range", "island", "peninsula"}),
}


def contributions_of(
    match: NameMatch, *, query: str, hint: str | None, context: Context,
    weights: ScoringWeights = DEFAULT_WEIGHTS, disabled: frozenset[str] = frozenset(),
) -> tuple[Contribution, ...]:
    """Every enabled feature that fires for ``match``: ``(name, delta, reason)``, in summing order.

    >>> from geonews.model import LatLon, Place
    >>> m = NameMatch(Place("p", "Lyon", LatLon(45.76, 4.84), "city"), "fr", "Lyon")
    >>> contributions_of(m, query="Lyon", hint="gare", context=Context(), disabled=frozenset({"exact_name"}))
    (('feature_prior', 2.5, 'city'), ('name_tier', 2.5, 'FR name “Lyon”'), ('trigger_word_mismatch', -1.0, ''))
    """
    out: list[Contribution] = []
    for name, compute in _enabled(disabled):
        fired = compute(match, query, hint, context, weights)
        if fired is not None:
            out.append((name, fired[0], fired[1]))
    return tuple(out)


_Compute = Callable[[NameMatch, str, str | None, Context, ScoringWeights], Outcome]


@functools.lru_cache(maxsize=64)
def _enabled(disabled: frozenset[str]) -> tuple[tuple[str, _Compute], ...]:
    """The features that compute a score and are not ``disabled``, in summing order (asked once per set)."""
    return tuple((name, f.compute) for name, f in FEATURES.items() if name not in disabled and f.compute is not None)


def _score(
    match: NameMatch, *, query: str, hint: str | None, context: Context,
    weights: ScoringWeights = DEFAULT_WEIGHTS, disabled: frozenset[str] = frozenset(),
) -> Candidate:
    trace = contributions_of(match, query=query, hint=hint, context=context, weights=weights, disabled=disabled)
    score = 0.0
    for _, delta, _ in trace:  # summed left to right, in FEATURES order
        score += delta
    return Candidate(place=match.place, score=round(score, 4), matched_name=match.matched_name,
                     name_tier=match.tier, reasons=tuple(signed_reason(d, r) for _, d, r in trace if r),
                     contributions=trace)


def signed_reason(delta: float, reason: str) -> str:
    """A reason as readers see it: one that lowered the score says so.

    >>> signed_reason(1.5, "in FR, a country the article mentions")
    'in FR, a country the article mentions'
    >>> signed_reason(-1.0, "far from every other place of the article")
    'against: far from every other place of the article'
    """
    return f"{AGAINST}{reason}" if delta < 0 else reason


def score_candidates(
    matches: Sequence[NameMatch], *, query: str, hint: str | None, context: Context,
    boosts: Mapping[str, tuple[float, str]] | None = None,
    weights: ScoringWeights = DEFAULT_WEIGHTS, disabled: frozenset[str] = frozenset(),
    stated: Mapping[str, tuple[float, str]] | None = None,
) -> list[Candidate]:
    """Score every match and return them best first (ties: population, then id).

    ``boosts`` maps a place id to an extra bonus and its reason (what the
    toponym's neighbours in the text say, see :mod:`geonews.resolve.neighbours`);
    it replaces ``context.neighbours``; ``stated`` likewise replaces
    ``context.stated`` (where the text states the mention's location).
    ``disabled`` names features and steps (:mod:`geonews.resolve.features`)
    that contribute nothing. The world city among the matches, if any
    (:func:`~geonews.resolve.features.world_cities`), is found here.
    """
    changes: dict[str, object] = {}
    if boosts is not None:
        changes["neighbours"] = boosts
    if stated is not None:
        changes["stated"] = stated
    if not context.prominent and "world_city" not in disabled:  # a context may name them already (tests)
        changes["prominent"] = world_cities(matches, weights, context.local_anchors)
    if changes:
        context = replace(context, **changes)  # type: ignore[arg-type]
    scored = [_score(m, query=query, hint=hint, context=context, weights=weights, disabled=disabled)
              for m in matches]
    scored.sort(key=lambda c: (-c.score, -c.place.population, c.place.id))
    return _namesake_city_first(scored, hint=hint, weights=weights, disabled=disabled)


def _promote(ranked: list[Candidate], i: int, step: str, reason: str, weights: ScoringWeights) -> list[Candidate]:
    c, top = ranked[i], ranked[0]
    score = max(c.score, top.score + weights.promotion_margin)
    promoted = replace(c, score=score, reasons=(*c.reasons, reason),
                       contributions=(*c.contributions, (step, score - c.score, reason)))
    return [promoted, *ranked[:i], *ranked[i + 1 :]]


def _namesake_city_first(
    ranked: list[Candidate], *, hint: str | None,
    weights: ScoringWeights = DEFAULT_WEIGHTS, disabled: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Settle a region, a country and the city they share a name with.

    The city wins over the region named after it ("Donetsk", "Téhéran")
    unless told "région de" (step ``namesake_city_first``); the country wins
    over its namesake capital ("Mexico", "Djibouti", "Koweït") unless told
    "ville de" (step ``namesake_country_first``).
    """
    if not ranked:
        return ranked
    top = ranked[0]
    window = ranked[1 : weights.namesake_window + 1]
    if top.place.feature in ("capital", "city") and hint not in ("city", "village", "station", "port", "airport"):
        if "namesake_country_first" in disabled:
            return ranked
        for i, c in enumerate(window, 1):
            if (c.place.feature == "country" and c.place.country_code == top.place.country_code
                    and c.score >= top.score - weights.namesake_country_margin):
                return _promote(ranked, i, "namesake_country_first",
                                f"the country {top.place.display_name} is named after", weights)
        return ranked
    if hint == "admin" or top.place.feature not in ("admin1", "admin2") or "namesake_city_first" in disabled:
        return ranked
    region = ranked[0]
    for i, c in enumerate(window, 1):
        if (
            c.place.feature in ("capital", "city")
            and c.score >= region.score - weights.namesake_city_margin
            and c.place.point.distance_km(region.place.point) < weights.namesake_km
        ):
            return _promote(ranked, i, "namesake_city_first",
                            f"the city that gives {region.place.display_name} its name", weights)
    return ranked


def confidence(ranked: Sequence[Candidate], weights: ScoringWeights = DEFAULT_WEIGHTS) -> float:
    """How far ahead of the others the top candidate is, in [0, 1]: the resolver's own certainty.

    The softmax probability of the top against the others, times how good
    the top is on its own (a logistic of its score centred on
    ``weights.confident_score``): a lone village matched by an untagged alternate
    name is not a sure answer just because it has no rival. The first pass uses
    it to choose which answers make the article's context and anchors; what a
    resolution reports as its confidence is the calibrated probability of
    :func:`geonews.resolve.calibration.calibrated_confidence`.

    >>> from geonews.model import LatLon, Place
    >>> p = Place("x", "x", LatLon(0, 0), "city")
    >>> round(confidence([Candidate(p, 9.0), Candidate(p, 7.0)]), 2)
    0.88
    >>> round(confidence([Candidate(p, 1.6)]), 2)
    0.13
    """
    if not ranked:
        return 0.0
    top = ranked[0].score
    total = sum(math.exp(c.score - top) for c in ranked[:20])
    absolute = 1.0 / (1.0 + math.exp(-(top - weights.confident_score)))
    return absolute / total
