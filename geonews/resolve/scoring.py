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

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from geonews.gazetteer.store import NameMatch
from geonews.model import Candidate, LatLon

__all__ = ["FEATURE_PRIOR", "HINT_BONUS", "STRICT_HINTS", "Context", "confidence", "score_candidates"]

#: What a bare name most likely means in the news, by feature type.
FEATURE_PRIOR: dict[str, float] = {
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
SETTLEMENTS = frozenset({"capital", "city", "town", "village", "district"})

#: Bonus when a trigger word ("gare de", "région de") agrees with a feature type.
HINT_BONUS: dict[str, dict[str, float]] = {
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
    "border_crossing": {"border_crossing": 3.0, "station": 1.0, "village": 1.0, "town": 1.0},
    "venue": {"building": 2.0, "landmark": 2.0},
}
#: Hints only some kinds of place can fit: a theatre of a listing is a building, never a namesake town.
STRICT_HINTS: dict[str, frozenset[str]] = {"venue": frozenset({"building", "landmark"})}

#: Bonus for a place in the country of the site that published the article (local news names local places).
PUBLISHED_BONUS = 2.0

#: A top score at which the answer is a coin toss on its own (see :func:`confidence`).
CONFIDENT_SCORE = 3.5

#: How much a name's language tag says (French articles trust French-tagged names most).
TIER_WEIGHT: dict[str, float] = {
    "user": 6.0, "fr": 2.0, "en": 1.5, "main": 1.5, "alt": 0.0, "translit": -1.0, "demonym": 1.0,
}


@dataclass(frozen=True, slots=True)
class Context:
    """What the rest of the article says: countries, regions and anchor points.

    ``countries`` and ``admin1s`` map a code to how many *other* toponyms of
    the article support it; ``anchors`` are confidently placed points.
    """

    lang: str = "fr"
    countries: dict[str, int] = field(default_factory=dict)
    admin1s: dict[tuple[str, str], int] = field(default_factory=dict)
    anchors: tuple[tuple[str, LatLon], ...] = ()
    members: dict[tuple[str, str], int] = field(default_factory=dict)
    #: countries of the article's datelines ("PARIS, 20 (Havas)"): where the story is told from
    home: frozenset[str] = frozenset()
    #: the country of the site that published the article (its country-code domain: cbc.ca, bbc.co.uk)
    published: str | None = None

    def without(
        self, country: str | None, admin1: tuple[str, str] | None, anchor_name: str | None,
        member: tuple[str, str] | None = None,
    ) -> Context:
        """The context minus one toponym's own contribution (no self-support)."""

        def minus(counts: dict, key: object) -> dict:
            out = dict(counts)
            if key is not None and out.get(key):
                out[key] -= 1
            return out

        anchors = tuple(a for a in self.anchors if a[0] != anchor_name)
        return Context(self.lang, minus(self.countries, country), minus(self.admin1s, admin1), anchors,
                       minus(self.members, member), self.home, self.published)


def _nearest_anchor(point: LatLon, anchors: Iterable[tuple[str, LatLon]]) -> tuple[str, float] | None:
    best: tuple[str, float] | None = None
    for name, anchor in anchors:
        d = point.distance_km(anchor)
        if best is None or d < best[1]:
            best = (name, d)
    return best


def _score(
    match: NameMatch, *, query: str, hint: str | None, context: Context,
    boosts: Mapping[str, tuple[float, str]],
) -> Candidate:
    place = match.place
    reasons: list[str] = []
    prior = FEATURE_PRIOR.get(place.feature, 1.0)
    score = prior
    reasons.append(place.feature.replace("_", " "))
    tier_weight = TIER_WEIGHT.get(match.tier, 0.0)
    if match.tier == context.lang:
        tier_weight += 0.5
    score += tier_weight
    if match.tier in ("fr", "en"):
        reasons.append(f"{match.tier.upper()} name “{match.matched_name}”")
    elif match.tier == "user":
        reasons.append(f"your gazetteer extra names it “{match.matched_name}”")
    elif match.tier == "main":
        reasons.append("main name")
    elif match.tier == "demonym":
        reasons.append(f"“{match.matched_name}” is its adjective or demonym")
    else:
        reasons.append(f"alternate name “{match.matched_name}”")
    if match.matched_name == query:
        score += 0.3
    if place.population > 0 and place.feature in SETTLEMENTS | {"country"}:
        score += 0.4 * math.log10(place.population + 1)
        reasons.append(f"population {place.population:,}".replace(",", " "))
    elif place.population > 0 and place.feature in ("admin1", "admin2"):
        # a region's population is the sum of its places': weigh it less than a city's own
        score += 0.25 * math.log10(place.population + 1)
        reasons.append(f"region of {place.population:,} people".replace(",", " "))
    if hint:
        bonus = HINT_BONUS.get(hint, {}).get(place.feature, 0.0)
        if bonus:
            score += bonus
            reasons.append(f"“{hint}” context fits a {place.feature.replace('_', ' ')}")
        else:
            score -= 1.0
    cc = place.country_code
    if cc and place.feature == "country" and context.countries.get(cc, 0):
        score += 1.5
        reasons.append("other places of the article are in it")
    if cc and place.feature == "admin1" and place.admin1 and context.members.get((cc, place.admin1), 0):
        score += 2.0
        reasons.append("contains another place of the article")
    if cc and place.feature != "country":
        support = context.countries.get(cc, 0)
        if support:
            score += 2.0 + 0.25 * min(support - 1, 4)
            reasons.append(f"in {cc}, a country the article mentions")
        if cc in context.home:
            score += 0.5
            reasons.append(f"in {cc}, where the dispatch comes from")
        if cc == context.published:
            score += PUBLISHED_BONUS
            reasons.append(f"in {cc}, where the article was published")
        if place.admin1 and context.admin1s.get((cc, place.admin1), 0):
            score += 1.5
            reasons.append("in a region the article mentions")
    if place.feature not in ("country", "continent") and context.anchors:
        near = _nearest_anchor(place.point, context.anchors)
        if near is not None:
            name, km = near
            if km < 250:
                score += 1.0
                reasons.append(f"{km:.0f} km from {name}")
            elif km < 1000:
                score += 0.5
                reasons.append(f"{km:.0f} km from {name}")
            elif km > 3000 and not (cc and context.countries.get(cc)):
                score -= 1.0
                reasons.append("far from every other place of the article")
    boost = boosts.get(place.id)
    if boost is not None:
        score += boost[0]
        reasons.append(boost[1])
    return Candidate(place=place, score=round(score, 4), matched_name=match.matched_name,
                     name_tier=match.tier, reasons=tuple(reasons))


def score_candidates(
    matches: Sequence[NameMatch], *, query: str, hint: str | None, context: Context,
    boosts: Mapping[str, tuple[float, str]] | None = None,
) -> list[Candidate]:
    """Score every match and return them best first (ties: population, then id).

    ``boosts`` maps a place id to an extra bonus and its reason (what the
    toponym's neighbours in the text say, see :mod:`geonews.resolve.neighbours`).
    """
    scored = [_score(m, query=query, hint=hint, context=context, boosts=boosts or {}) for m in matches]
    scored.sort(key=lambda c: (-c.score, -c.place.population, c.place.id))
    return _namesake_city_first(scored, hint=hint)


#: A region and the city it is named after are "the same place" to a reader within this distance.
NAMESAKE_KM = 250.0


def _promote(ranked: list[Candidate], i: int, reason: str) -> list[Candidate]:
    c, top = ranked[i], ranked[0]
    promoted = Candidate(place=c.place, score=max(c.score, top.score + 0.01), matched_name=c.matched_name,
                         name_tier=c.name_tier, reasons=(*c.reasons, reason))
    return [promoted, *ranked[:i], *ranked[i + 1 :]]


def _namesake_city_first(ranked: list[Candidate], *, hint: str | None) -> list[Candidate]:
    """Settle a region, a country and the city they share a name with.

    The city wins over the region named after it ("Donetsk", "Téhéran")
    unless told "région de"; the country wins over its namesake capital
    ("Mexico", "Djibouti", "Koweït") unless told "ville de".
    """
    if not ranked:
        return ranked
    top = ranked[0]
    if top.place.feature in ("capital", "city") and hint not in ("city", "village", "station", "port", "airport"):
        for i, c in enumerate(ranked[1:6], 1):
            if (c.place.feature == "country" and c.place.country_code == top.place.country_code
                    and c.score >= top.score - 2.5):
                return _promote(ranked, i, f"the country {top.place.display_name} is named after")
        return ranked
    if hint == "admin" or top.place.feature not in ("admin1", "admin2"):
        return ranked
    region = ranked[0]
    for i, c in enumerate(ranked[1:6], 1):
        if (
            c.place.feature in ("capital", "city")
            and c.score >= region.score - 2.0
            and c.place.point.distance_km(region.place.point) < NAMESAKE_KM
        ):
            return _promote(ranked, i, f"the city that gives {region.place.display_name} its name")
    return ranked


def confidence(ranked: Sequence[Candidate]) -> float:
    """How sure we are of the top candidate, in [0, 1].

    The softmax probability of the top against the others, times how good
    the top is on its own (a logistic of its score centred on
    :data:`CONFIDENT_SCORE`): a lone village matched by an untagged alternate
    name is not a sure answer just because it has no rival.

    >>> from geonews.model import Place
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
    absolute = 1.0 / (1.0 + math.exp(-(top - CONFIDENT_SCORE)))
    return absolute / total
