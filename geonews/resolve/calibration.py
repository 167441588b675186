"""Calibrated confidence: how likely a resolved place is to be the right one.

A candidate's score ranks the readings of one name; it is not a probability. What a
resolution reports as ``confidence`` is the probability that its point is right
(within 161 km of the place the text means, or inside the country or region it
means), estimated by a small logistic model on a handful of features of the
mention's ranking (:data:`FEATURE_NAMES`, computed by :func:`confidence_features`).
The model's coefficients are fitted on annotated news with ``python3
scripts/calibrate.py`` and kept in ``geonews/data/calibration.json`` with the
date and corpora of the fit; they are read once, on first use.

Readings that are the same place to a reader share their mass: a town and the
region named after it (Rafah, Kidal), a country listed twice, two entries a few
kilometres apart (:func:`same_place`). So "Kidal" is not a coin toss between the
town and its region::

    >>> from geonews.model import Candidate, LatLon, Mention, Place
    >>> town = Candidate(Place("t", "Kidal", LatLon(18.44, 1.41), "town", "ML", population=25617), 6.14,
    ...                  name_tier="main", matched_name="Kidal")
    >>> region = Candidate(Place("r", "Kidal", LatLon(19.5, 1.3), "admin1", "ML"), 5.97, name_tier="main",
    ...                    matched_name="Kidal")
    >>> village = Candidate(Place("v", "Kidal", LatLon(-7.9, 112.7), "village", "ID"), 2.3, name_tier="main",
    ...                     matched_name="Kidal")
    >>> m = Mention("a", 0, 5, "Kidal", "Kidal.", 0)
    >>> f = dict(zip(FEATURE_NAMES, confidence_features([town, region, village], m)))
    >>> round(f["share"], 2), round(f["gap"], 2), f["alone"]
    (4.45, 3.84, 0.0)
    >>> sure = calibrated_confidence([town, region, village], m)
    >>> sure > 0.8, abs(sure - calibrated_confidence([town, village], m)) < 0.01
    (True, True)
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from geonews.model import Candidate, Mention, Place
from geonews.resolve.features import CONTEXT_FEATURES

__all__ = [
    "FEATURE_NAMES",
    "SAME_PLACE_KM",
    "CalibrationModel",
    "calibrated_confidence",
    "confidence_features",
    "load_model",
    "same_place",
]

#: Two readings closer than this are the same place to a reader (the evaluation's threshold is 161 km).
SAME_PLACE_KM = 100.0
#: A settlement and a region of the same country named alike, closer than this, are one place to a reader.
NAMESAKE_REGION_KM = 250.0
#: How far the log-odds of the top reading's share may go (a lone candidate gets the upper bound).
SHARE_BOUND = 8.0
#: A top ahead of every other place by more than this (e^4: 55 to 1) is not surer for being further ahead.
GAP_BOUND = 4.0

_COUNTRIES = frozenset({"country", "continent"})
_REGIONS = frozenset({"admin1", "admin2", "region"})
_CITIES = frozenset({"capital", "city"})
_LOCAL = frozenset({"town", "village", "district"})
_NATURAL = frozenset({"river", "lake", "sea", "gulf", "strait", "mountain", "mountain_range", "desert", "island",
                      "peninsula", "valley"})
#: Post-ranking steps that put a reading first without a score of its own.
_STEPS = frozenset({"namesake_city_first", "namesake_country_first", "per_mention"})

#: The model's inputs, in order (the fitted coefficients follow this order).
FEATURE_NAMES: tuple[str, ...] = (
    "share",          # log-odds of the top reading's softmax mass, readings of the same place merged
    "alone",          # no other place under that name
    "gap",            # score of the top minus the best other place's (at most GAP_BOUND)
    "score",          # the top's score
    "tier_alt",       # matched by an untagged alternate name
    "tier_translit",  # ... by a transliteration
    "tier_demonym",   # ... by an adjective or demonym
    "tier_user",      # ... by the user's extra gazetteer
    "exact",          # the gazetteer name is exactly the text's
    "kind_continent",  # a continent
    "kind_country",   # a country
    "kind_admin1",    # a first-level region (state, province)
    "kind_admin2",    # a second-level region (county, département)
    "kind_region",    # an informal or historical region (Sahel, Middle East)
    "kind_capital",   # a capital
    "kind_city",      # a city
    "kind_town",      # a town
    "kind_village",   # a village or district
    "kind_natural",   # a river, sea, mountain...
    "population",     # log10 of its population (0 when unknown)
    "gazetteer_rule",  # found by the gazetteer ruler, not the recogniser
    "repeats",        # log of how many mentions the article makes of the name
    "context",        # score the article's context gives the top (countries, regions, anchors, neighbours)
    "rival_context",  # the most any other place gets from the context
    "against",        # penalties of the top (far from every anchor, a trigger word that does not fit)
    "promoted",       # put first by a step (namesake city or country, a stated namesake)
    "candidates",     # log of how many distinct places the name may be
    "hint",           # a trigger word goes with the mention ("gare de", "région de")
    "short_name",     # four characters or fewer ("Niger", "US", "Ain")
)


def same_place(a: Place, b: Place, *, km: float = SAME_PLACE_KM) -> bool:
    """Whether two readings are the same place to a reader.

    Two entries within ``km`` of each other; a country (or continent) and another entry
    of the same country at that level; a settlement and a region of its country named
    alike within :data:`NAMESAKE_REGION_KM` (a town and its namesake region).

    >>> from geonews.model import LatLon
    >>> gaza = Place("c", "Gaza", LatLon(31.50, 34.47), "city", "PS")
    >>> same_place(gaza, Place("r", "Gaza", LatLon(31.45, 34.40), "admin1", "PS"))
    True
    >>> same_place(gaza, Place("m", "Gaza", LatLon(-23.0, 33.0), "admin1", "MZ"))
    False
    >>> chad = Place("a", "Chad", LatLon(15, 19), "country", "TD")
    >>> same_place(chad, Place("b", "Tchad", LatLon(12, 17), "country", "TD"))
    True
    """
    if a.feature in _COUNTRIES and b.feature in _COUNTRIES and a.country_code and a.country_code == b.country_code:
        return True
    if a.point.lat_gap_km(b.point) > max(km, NAMESAKE_REGION_KM):
        return False  # further apart than either test below allows
    distance = a.point.distance_km(b.point)
    if distance <= km:
        return True
    pair = {a.feature in _REGIONS, b.feature in _REGIONS}
    settlement = a.feature in _CITIES | _LOCAL or b.feature in _CITIES | _LOCAL
    return (pair == {True, False} and settlement and a.country_code is not None
            and a.country_code == b.country_code and distance <= NAMESAKE_REGION_KM)


def _context(c: Candidate) -> float:
    return sum(delta for name, delta, _ in c.contributions if name in CONTEXT_FEATURES and delta > 0)


def confidence_features(
    ranked: Sequence[Candidate], mention: Mention, *, repeats: int = 1, limit: int = 20,
) -> tuple[float, ...]:
    """The model's inputs for the top of ``ranked`` (best first), in :data:`FEATURE_NAMES` order.

    ``repeats`` is how many mentions the article makes of the name (this one included);
    only the first ``limit`` candidates count.

    >>> from geonews.model import LatLon
    >>> lyon = Candidate(Place("l", "Lyon", LatLon(45.76, 4.84), "city", "FR", population=500000), 9.0,
    ...                  name_tier="fr", contributions=(("exact_name", 0.3, ""),))
    >>> f = dict(zip(FEATURE_NAMES, confidence_features([lyon], Mention("a", 0, 4, "Lyon", "Lyon.", 0))))
    >>> f["share"], f["alone"], f["kind_city"], f["exact"], f["short_name"], round(f["population"], 1)
    (8.0, 1.0, 1.0, 1.0, 1.0, 5.7)
    """
    top = ranked[0]
    place = top.place
    others = [c for c in ranked[1:limit] if not same_place(place, c.place)]
    same = sum(math.exp(c.score - top.score) for c in ranked[:limit] if not any(c is o for o in others))
    rest = sum(math.exp(c.score - top.score) for c in others)
    share = SHARE_BOUND if rest <= 0 else max(-SHARE_BOUND, min(SHARE_BOUND, math.log(same / rest)))
    gap = min(GAP_BOUND, top.score - others[0].score) if others else GAP_BOUND
    names = {name for name, _, _ in top.contributions}
    tier = top.name_tier
    feature = place.feature
    distinct: list[Place] = []
    for c in ranked[:limit]:
        if not any(same_place(c.place, d) for d in distinct):
            distinct.append(c.place)
    return (
        share,
        float(not others),
        gap,
        max(-5.0, min(25.0, top.score)),
        float(tier == "alt"),
        float(tier == "translit"),
        float(tier == "demonym"),
        float(tier == "user"),
        float("exact_name" in names),
        float(feature == "continent"),
        float(feature == "country"),
        float(feature == "admin1"),
        float(feature == "admin2"),
        float(feature == "region"),
        float(feature == "capital"),
        float(feature == "city"),
        float(feature == "town"),
        float(feature in ("village", "district")),
        float(feature in _NATURAL),
        math.log10(place.population + 1) if place.population > 0 else 0.0,
        float(mention.label == "GAZ"),
        math.log(max(1, repeats)),
        _context(top),
        max((_context(c) for c in others), default=0.0),
        -sum(delta for name, delta, _ in top.contributions if delta < 0 and name not in _STEPS),
        float(bool(names & _STEPS)),
        math.log(len(distinct)),
        float(mention.hint is not None),
        float(len(mention.text) <= 4),
    )


@dataclass(frozen=True, slots=True)
class CalibrationModel:
    """A logistic model: ``1 / (1 + exp(-(intercept + sum(coef * (x - mean) / scale))))``.

    Inputs are standardised with the fit's ``mean`` and ``scale``; ``fit`` records
    how and on what the coefficients were fitted.
    """

    intercept: float
    coefficients: Mapping[str, float]
    mean: Mapping[str, float]
    scale: Mapping[str, float]
    fit: Mapping[str, Any]

    def probability(self, features: Sequence[float]) -> float:
        """The probability the model gives a feature vector (:data:`FEATURE_NAMES` order).

        >>> m = CalibrationModel(0.0, {"share": 1.0}, {"share": 0.0}, {"share": 1.0}, {})
        >>> round(m.probability([2.0] + [0.0] * (len(FEATURE_NAMES) - 1)), 3)
        0.881
        """
        z = self.intercept
        for name, x in zip(FEATURE_NAMES, features, strict=True):
            coef = self.coefficients.get(name)
            if coef:
                z += coef * (x - self.mean.get(name, 0.0)) / (self.scale.get(name) or 1.0)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> CalibrationModel:
        """The model of a ``calibration.json``-like mapping (unknown feature names are an error)."""
        coefficients = {str(k): float(v) for k, v in data["coefficients"].items()}
        unknown = sorted(set(coefficients) - set(FEATURE_NAMES))
        if unknown:
            raise ValueError(f"calibration: unknown feature(s) {', '.join(unknown)}")
        return cls(
            intercept=float(data["intercept"]),
            coefficients=coefficients,
            mean={str(k): float(v) for k, v in data.get("mean", {}).items()},
            scale={str(k): float(v) for k, v in data.get("scale", {}).items()},
            fit=dict(data.get("fit", {})),
        )


@functools.lru_cache(maxsize=1)
def load_model() -> CalibrationModel:
    """The fitted model shipped in ``geonews/data/calibration.json`` (read once)."""
    text = (resources.files("geonews") / "data" / "calibration.json").read_text(encoding="utf-8")
    return CalibrationModel.from_mapping(json.loads(text))


def calibrated_confidence(
    ranked: Sequence[Candidate], mention: Mention, *, repeats: int = 1, model: CalibrationModel | None = None,
) -> float:
    """The probability that the top of ``ranked`` is where ``mention`` is (0 when there is no candidate)."""
    if not ranked:
        return 0.0
    return (model or load_model()).probability(confidence_features(ranked, mention, repeats=repeats))
