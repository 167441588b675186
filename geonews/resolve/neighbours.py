"""What a toponym's immediate neighbours in the text say about it.

Two patterns of news writing, both pure functions of the mentions and their
first-pass candidates:

* **Containment** — "Buffalo, New York", "Atlanta, Georgia", "London,
  Ontario", "Brest, Biélorussie": a place, a comma, then the region or country
  that contains it. When a reading of the pair is consistent (the first place
  lies in the second), both readings are boosted: New York the state, Georgia
  the US state, London the Canadian city.
* **Enumeration** — "Armenia, Azerbaijan, Georgia, Iraq", "Michigan, Oregon,
  New Mexico": items of one list are of one kind. A candidate of the same kind
  as its listed neighbours' answers (a country among countries, a region among
  regions of the same country) is boosted.

    >>> from geonews.model import LatLon
    >>> text = "Buffalo, New York"
    >>> m1, m2 = Mention("a", 0, 7, "Buffalo", text, 0), Mention("a", 9, 17, "New York", text, 0)
    >>> buffalo = Place("b", "Buffalo", LatLon(42.9, -78.9), "city", "US", "NY")
    >>> city = Place("c", "New York", LatLon(40.7, -74.0), "city", "US", "NY")
    >>> state = Place("s", "New York", LatLon(43.0, -75.5), "admin1", "US", "NY")
    >>> boosts = neighbour_boosts(text, [(m1, "k1"), (m2, "k2")], {"k1": [buffalo], "k2": [city, state]}, {})
    >>> boosts["k2"]
    {'s': (3.0, '“Buffalo, New York”: contains Buffalo')}
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Hashable, Mapping, Sequence

from geonews.model import Mention, Place
from geonews.resolve.weights import DEFAULT_WEIGHTS, ScoringWeights

__all__ = ["CONTAINMENT_BONUS", "LIST_BONUS", "neighbour_boosts"]

#: Bonus for each reading of a consistent "place, region" pair (the default ``weights.containment_bonus``).
CONTAINMENT_BONUS = DEFAULT_WEIGHTS.containment_bonus
#: Bonus for a candidate of the same kind as its listed neighbours' answers (the default ``weights.list_bonus``).
LIST_BONUS = DEFAULT_WEIGHTS.list_bonus

_COMMA = re.compile(r"^,\s*$")
_LIST_SEPARATOR = re.compile(r"^\s*(?:,|;|/|,?\s+(?:and|or|et|ou)\s+)\s*$", re.IGNORECASE)
#: What may contain a place named just before it, and what may be contained.
_CONTAINERS = frozenset({"country", "admin1"})
_CONTAINED_NOT = frozenset({"country", "continent", "region", "admin1", "sea", "ocean", "mountain_range"})
#: Kinds whose lists are coherent enough to vote (a city list mixes cities, towns and villages).
_LIST_KINDS = frozenset({"country", "admin1"})

Boosts = dict[Hashable, dict[str, tuple[float, str]]]


def _contains(parent: Place, child: Place) -> bool:
    if parent.country_code is None or parent.country_code != child.country_code:
        return False
    if parent.feature == "country":
        return True
    return parent.admin1 is not None and parent.admin1 == child.admin1


def _add(boosts: Boosts, key: Hashable, place_id: str, bonus: float, reason: str) -> None:
    current = boosts.setdefault(key, {}).get(place_id)
    if current is None or current[0] < bonus:
        boosts[key][place_id] = (bonus, reason)


def _containment(
    child: tuple[Mention, Hashable], parent: tuple[Mention, Hashable],
    matches: Mapping[Hashable, Sequence[Place]], boosts: Boosts, bonus: float,
) -> None:
    (m1, k1), (m2, k2) = child, parent
    first = matches.get(k1, ())
    if first and first[0].feature in _CONTAINED_NOT:
        return  # "Michigan, Oregon, Ohio": a list of regions, not Oregon (Ohio) the town
    best: tuple[int, Place, Place] | None = None
    for rank_p, p in enumerate(matches.get(k2, ())):
        if p.feature not in _CONTAINERS:
            continue
        for rank_c, c in enumerate(matches.get(k1, ())):
            blocked = _CONTAINED_NOT - {"admin1"} if p.feature == "country" else _CONTAINED_NOT
            if c.feature in blocked or not _contains(p, c):
                continue
            # prefer the pair of the best-ranked readings (candidates come best first)
            if best is None or rank_p + rank_c < best[0]:
                best = (rank_p + rank_c, c, p)
    if best is None:
        return
    _, c, p = best
    pair = f"“{m1.text}, {m2.text}”"
    # the country case is already handled by the article's country context; the boost matters for regions
    _add(boosts, k2, p.id, bonus, f"{pair}: contains {m1.text}")
    _add(boosts, k1, c.id, bonus, f"{pair}: in {m2.text}")


def _kind(place: Place) -> tuple[str, str | None] | None:
    if place.feature not in _LIST_KINDS:
        return None
    return (place.feature, place.country_code if place.feature == "admin1" else None)


def neighbour_boosts(
    text: str,
    mentions: Sequence[tuple[Mention, Hashable]],
    matches: Mapping[Hashable, Sequence[Place]],
    answers: Mapping[Hashable, Place],
    *,
    weights: ScoringWeights = DEFAULT_WEIGHTS,
    disabled: frozenset[str] = frozenset(),
) -> Boosts:
    """Per toponym key, the bonus (and reason) each candidate place id earns from its neighbours.

    ``mentions`` pairs every mention with its toponym key; ``matches`` gives
    each key's candidate places, best first; ``answers`` the confident
    first-pass answer of the keys that have one. The two steps, ``containment``
    and ``listed_with``, can be switched off through ``disabled``.
    """
    ordered = sorted(mentions, key=lambda mk: mk[0].start)
    boosts: Boosts = {}

    def listed(i: int) -> bool:  # mentions i and i + 1 are joined by a list separator
        if not 0 <= i < len(ordered) - 1:
            return False
        (x, _), (y, _) = ordered[i], ordered[i + 1]
        return y.start >= x.end and bool(_LIST_SEPARATOR.match(text[x.end : y.start]))

    for i, ((a, ka), (b, kb)) in enumerate(itertools.pairwise(ordered)):
        if ka == kb or b.start < a.end:
            continue
        between = text[a.end : b.start]
        # "Georgia, Oklahoma, Pennsylvania, Wisconsin": inside a longer list, a name that is also a
        # region's is one more item, not a town of the next one ("Buffalo, New York, and Atlanta" is)
        in_list = (listed(i - 1) or listed(i + 1)) and any(p.feature == "admin1" for p in matches.get(ka, ()))
        if _COMMA.match(between) and not in_list and "containment" not in disabled:
            _containment((a, ka), (b, kb), matches, boosts, weights.containment_bonus)
        if "listed_with" in disabled or not _LIST_SEPARATOR.match(between):
            continue
        for key, neighbour in ((ka, kb), (kb, ka)):
            answer = answers.get(neighbour)
            kind = _kind(answer) if answer is not None else None
            if kind is None:
                continue
            label = "countries" if kind[0] == "country" else f"regions of {kind[1]}"
            for place in matches.get(key, ()):
                if _kind(place) == kind:
                    _add(boosts, key, place.id, weights.list_bonus, f"listed with other {label}")
    return boosts
