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

import functools
import itertools
import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

from geonews.lexicon import alternation, prepositions
from geonews.lexicon import stated as _stated
from geonews.model import Mention, Place
from geonews.resolve.weights import DEFAULT_WEIGHTS, ScoringWeights

__all__ = [
    "CONTAINMENT_BONUS",
    "LIST_BONUS",
    "STATED_CONTAINERS",
    "Evidence",
    "StatedPair",
    "apposition_hints",
    "bank_hints",
    "inside",
    "neighbour_boosts",
    "neighbour_evidence",
    "stated_boosts",
    "stated_pairs",
]

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
#: place id -> (bonus, reason): what one mention's own neighbours say about each of its candidates
Bonuses = dict[str, tuple[float, str]]


def _contains(parent: Place, child: Place) -> bool:
    if parent.country_code is None or parent.country_code != child.country_code:
        return False
    if parent.feature == "country":
        return True
    return parent.admin1 is not None and parent.admin1 == child.admin1


def _add(boosts: dict, key: Hashable, place_id: str, bonus: float, reason: str) -> None:
    current = boosts.setdefault(key, {}).get(place_id)
    if current is None or current[0] < bonus:
        boosts[key][place_id] = (bonus, reason)


def _containment(
    child: tuple[Mention, Hashable], parent: tuple[Mention, Hashable],
    matches: Mapping[Hashable, Sequence[Place]], boosts: dict[int, Bonuses], bonus: float,
    indices: tuple[int, int],
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
    _add(boosts, indices[1], p.id, bonus, f"{pair}: contains {m1.text}")
    _add(boosts, indices[0], c.id, bonus, f"{pair}: in {m2.text}")


def _kind(place: Place) -> tuple[str, str | None] | None:
    if place.feature not in _LIST_KINDS:
        return None
    return (place.feature, place.country_code if place.feature == "admin1" else None)


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the neighbours say: per toponym key (``shared`` by all its mentions) and per mention (``local``).

    ``local`` is keyed by the index of the mention in the sequence given to
    :func:`neighbour_evidence`: "Buffalo, New York" speaks for that Buffalo, not
    for every Buffalo of the article.
    """

    shared: Boosts = field(default_factory=dict)
    local: dict[int, Bonuses] = field(default_factory=dict)


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
    and ``listed_with``, can be switched off through ``disabled``. What one
    mention's neighbours say counts here for every mention of its key (see
    :func:`neighbour_evidence` for the per-mention split).
    """
    evidence = neighbour_evidence(text, mentions, matches, answers, weights=weights, disabled=disabled)
    boosts: Boosts = {k: dict(v) for k, v in evidence.shared.items()}
    for i, bonuses in evidence.local.items():
        for place_id, (bonus, reason) in bonuses.items():
            _add(boosts, mentions[i][1], place_id, bonus, reason)
    return boosts


def neighbour_evidence(
    text: str,
    mentions: Sequence[tuple[Mention, Hashable]],
    matches: Mapping[Hashable, Sequence[Place]],
    answers: Mapping[Hashable, Place],
    *,
    weights: ScoringWeights = DEFAULT_WEIGHTS,
    disabled: frozenset[str] = frozenset(),
) -> Evidence:
    """:func:`neighbour_boosts` split: list bonuses per key, containment bonuses per mention index.

    >>> from geonews.model import LatLon
    >>> text = "Buffalo, New York. New York"
    >>> ms = [Mention("a", 0, 7, "Buffalo", text, 0), Mention("a", 9, 17, "New York", text, 0),
    ...       Mention("a", 19, 27, "New York", text, 0)]
    >>> buffalo = Place("b", "Buffalo", LatLon(42.9, -78.9), "city", "US", "NY")
    >>> state = Place("s", "New York", LatLon(43.0, -75.5), "admin1", "US", "NY")
    >>> ev = neighbour_evidence(text, list(zip(ms, ["k1", "k2", "k2"])), {"k1": [buffalo], "k2": [state]}, {})
    >>> sorted(ev.local), ev.shared
    ([0, 1], {})
    """
    indexed = sorted(range(len(mentions)), key=lambda i: mentions[i][0].start)
    ordered = [mentions[i] for i in indexed]
    boosts: Boosts = {}
    local: dict[int, Bonuses] = {}

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
            _containment((a, ka), (b, kb), matches, local, weights.containment_bonus, (indexed[i], indexed[i + 1]))
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
    return Evidence(shared=boosts, local=local)


# --------------------------------------------------------------------------- stated location

#: Kinds of place a text may state another is in ("dans l'Idaho", "en Seine-Saint-Denis", "au Liban").
STATED_CONTAINERS = frozenset({"country", "admin1", "admin2"})
#: Kinds a place inside a country, a region or a département may be (not another region).
_REGION_KINDS = frozenset({"country", "continent", "admin1", "admin2", "region", "sea", "ocean", "mountain_range"})
#: Punctuation that ends an apposition.
_STOP = r"[^,.;:!?()«»\"\n]"


def inside(parent: Place, child: Place, *, admin2_km: float = DEFAULT_WEIGHTS.stated_admin2_km) -> bool:
    """Whether ``child`` lies in ``parent``, a country, a first-level region or a département.

    Countries and first-level regions by their codes; a second-level region (whose
    own code the gazetteer does not keep) by its first-level region and distance.

    >>> from geonews.model import LatLon
    >>> texas = Place("tx", "Texas", LatLon(31.25, -99.25), "admin1", "US", "TX")
    >>> paris_tx = Place("ptx", "Paris", LatLon(33.66, -95.56), "town", "US", "TX")
    >>> paris = Place("p", "Paris", LatLon(48.85, 2.35), "capital", "FR", "11")
    >>> inside(texas, paris_tx), inside(texas, paris)
    (True, False)
    >>> s93 = Place("93", "Seine-Saint-Denis", LatLon(48.91, 2.48), "admin2", "FR", "11")
    >>> inside(s93, Place("sd", "Saint-Denis", LatLon(48.94, 2.36), "town", "FR", "11"))
    True
    >>> inside(s93, Place("sdre", "Saint-Denis", LatLon(-20.88, 55.45), "capital", "RE", "RE"))
    False
    """
    if parent.id == child.id or parent.country_code is None or parent.country_code != child.country_code:
        return False
    if parent.feature == "country":
        return child.feature not in ("country", "continent")
    if parent.feature == "admin1":
        return parent.admin1 is not None and parent.admin1 == child.admin1 and child.feature not in _REGION_KINDS
    if parent.feature == "admin2":
        return ((parent.admin1 is None or parent.admin1 == child.admin1) and child.feature not in _REGION_KINDS
                and parent.point.distance_km(child.point) < admin2_km)
    return False


@dataclass(frozen=True, slots=True)
class StatedPair:
    """The text states that the mention at index ``place`` is in the one at index ``region``."""

    place: int
    region: int
    #: the words that say so ("Moscou, dans l'Idaho")
    phrase: str


def _langs(lang: str | None) -> tuple[str, ...]:
    return (lang,) if lang in _stated.INSIDE else tuple(_stated.INSIDE)


@functools.cache
def _stated_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    """The text between a place and the region it is said to be in, for one language."""
    links = _stated.DIRECTION_LINKS[lang]
    # "au nord du", "dans le nord-est de l'", "in northern"
    direction = rf"(?:(?:{alternation(_stated.DIRECTIONS[lang])})\s+{prepositions(links) if links else ''})?"
    # "dans l'État de", "in the state of"
    region = rf"(?:(?:{alternation(_stated.REGION_NOUNS[lang])})\s+{prepositions(_stated.REGION_LINKS[lang])})?"
    after_comma = rf",\s*{prepositions(_stated.INSIDE[lang])}"
    patterns = [rf"^\s*(?:{after_comma}|\s{prepositions(_stated.INSIDE_WITHOUT_COMMA[lang])}){direction}{region}$"]
    heads = alternation(_stated.APPOSITION_HEADS[lang])
    # "capitale des", "petite ville universitaire de l'", "la grande ville du nord du", "a city in northern"
    patterns.append(rf"^\s*,\s*(?:[^\W\d][\w-]*['’]\s*|[^\W\d][\w-]*\s+){{0,3}}?(?:{heads})\b(?:{_STOP}{{0,50}}?)?"
                    rf"\s+{prepositions(_stated.APPOSITION_LINKS[lang])}{direction}{region}$")
    if _stated.OF[lang]:
        patterns.append(rf"^\s+{prepositions(_stated.OF[lang])}$")  # "Saint-Denis de La Réunion"
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@functools.cache
def _possessive(lang: str) -> re.Pattern[str] | None:
    """"Alabama's Birmingham", "the Idaho town of Moscow": the region first."""
    forms = []
    if _stated.POSSESSIVES[lang]:
        forms.append(rf"(?:{alternation(_stated.POSSESSIVES[lang])})\s+")
    if _stated.KIND_BEFORE[lang]:
        links = _stated.KIND_BEFORE_LINKS[lang]
        forms.append(rf"\s+(?:{alternation(_stated.KIND_BEFORE[lang])})\s+{prepositions(links) + '?' if links else ''}")
    return re.compile(rf"^(?:{'|'.join(forms)})$", re.IGNORECASE) if forms else None


def stated_pairs(text: str, mentions: Sequence[Mention], lang: str | None = None) -> list[StatedPair]:
    """Where the text says in so many words that a place is in another one.

    "X, dans l'Idaho", "X, en Seine-Saint-Denis", "X, au nord du Liban", "X,
    capitale des Seychelles", "X de La Réunion", "X (Ontario)", "X in Ontario",
    "X, the largest city in Alabama", "Alabama's X", "the Idaho town of X" (words of
    :mod:`geonews.lexicon.stated`; every language's when ``lang`` is not one of
    them). Only consecutive mentions pair; whether the second really contains a
    reading of the first is for :func:`stated_boosts` to check.

    >>> def pairs(text, names, lang="fr"):
    ...     ms = [Mention("a", text.index(n), text.index(n) + len(n), n, text, 0) for n in names]
    ...     return [(names[p.place], names[p.region], p.phrase) for p in stated_pairs(text, ms, lang)]
    >>> pairs("Il a quitté Moscou, dans l'Idaho, hier.", ["Moscou", "Idaho"])
    [('Moscou', 'Idaho', "Moscou, dans l'Idaho")]
    >>> pairs("Tripoli, la grande ville du nord du Liban.", ["Tripoli", "Liban"])
    [('Tripoli', 'Liban', 'Tripoli, la grande ville du nord du Liban')]
    >>> pairs("London (Ontario) and Alabama's Birmingham", ["London", "Ontario", "Alabama", "Birmingham"], "en")
    [('London', 'Ontario', 'London (Ontario)'), ('Birmingham', 'Alabama', "Alabama's Birmingham")]
    >>> pairs("Moscou, dans la nuit, et Paris, puis Rome.", ["Moscou", "Paris", "Rome"])
    []
    >>> pairs("Il est allé de Paris au Texas.", ["Paris", "Texas"])
    []
    """
    indexed = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    langs = _langs(lang)
    out: list[StatedPair] = []
    for i, j in itertools.pairwise(indexed):
        x, y = mentions[i], mentions[j]
        if y.start < x.end:
            continue
        between = text[x.end : y.start]
        if re.fullmatch(r"\s*\(\s*", between) and re.match(r"\s*\)", text[y.end :]):
            out.append(StatedPair(i, j, text[x.start : y.end + 1]))
        elif any(p.match(between) for lang_ in langs for p in _stated_patterns(lang_)):
            out.append(StatedPair(i, j, text[x.start : y.end]))
        elif any((p := _possessive(lang_)) is not None and p.match(between) for lang_ in langs):
            out.append(StatedPair(j, i, text[x.start : y.end]))
    return out


def stated_boosts(
    pairs: Sequence[StatedPair],
    places: Sequence[Sequence[Place]],
    *,
    weights: ScoringWeights = DEFAULT_WEIGHTS,
) -> dict[int, Bonuses]:
    """Per mention index, the bonus of the readings a stated location makes consistent (or contradicts).

    ``places`` gives each mention's candidate places, best first. For each
    pair, the best-ranked consistent reading (a candidate of the place inside a
    candidate of the region) gets ``weights.stated_location``, on both sides:
    "Paris, dans le Texas" is the Texan Paris and the American state (the
    region's side only when its own best reading is a region: in "à La
    Chaux-de-Fonds, au Locle", Locle stays a town).

    >>> from geonews.model import LatLon
    >>> paris = Place("p", "Paris", LatLon(48.85, 2.35), "capital", "FR", "11")
    >>> paris_tx = Place("ptx", "Paris", LatLon(33.66, -95.56), "town", "US", "TX")
    >>> texas = Place("tx", "Texas", LatLon(31.25, -99.25), "admin1", "US", "TX")
    >>> france = Place("fr", "France", LatLon(46.0, 2.0), "country", "FR")
    >>> stated_boosts([StatedPair(0, 1, "Paris, dans le Texas")], [[paris, paris_tx], [texas]])[0]
    {'ptx': (4.0, 'the text says it is in Texas: “Paris, dans le Texas”')}
    >>> stated_boosts([StatedPair(0, 1, "Paris, en France")], [[paris, paris_tx], [france]])[0]
    {'p': (4.0, 'the text says it is in France: “Paris, en France”')}

    A place known only in another country than the stated region's is a namesake: its readings get
    ``weights.stated_elsewhere`` (a penalty), so a lone one stays unresolved rather than on another continent.

    >>> stated_boosts([StatedPair(0, 1, "Paris, en Texas")], [[paris], [texas]])[0]
    {'p': (-4.0, 'the text says it is in Texas: “Paris, en Texas”')}
    """
    out: dict[int, Bonuses] = {}
    for pair in pairs:
        best: tuple[int, Place, Place] | None = None
        for rank_r, region in enumerate(places[pair.region]):
            if region.feature not in STATED_CONTAINERS:
                continue
            for rank_p, place in enumerate(places[pair.place]):
                if inside(region, place, admin2_km=weights.stated_admin2_km) and (
                        best is None or rank_r + rank_p < best[0]):
                    best = (rank_r + rank_p, place, region)
        if best is None:
            regions = [r for r in places[pair.region] if r.feature in STATED_CONTAINERS]
            if regions and regions[0] is places[pair.region][0]:
                codes = {r.country_code for r in regions}
                for place in places[pair.place]:
                    if place.country_code not in codes:
                        _add(out, pair.place, place.id, weights.stated_elsewhere,
                             f"the text says it is in {regions[0].display_name}: “{pair.phrase}”")
            continue
        _, place, region = best
        _add(out, pair.place, place.id, weights.stated_location,
             f"the text says it is in {region.display_name}: “{pair.phrase}”")
        if places[pair.region][0].feature in STATED_CONTAINERS:  # "à X, au Locle, à Z": a list of towns, not a region
            _add(out, pair.region, region.id, weights.stated_location,
                 f"the text says it contains {place.display_name}: “{pair.phrase}”")
    return out


@functools.cache
def _apposition_kind(lang: str) -> re.Pattern[str]:
    nouns = sorted(_stated.APPOSITION_KINDS[lang], key=len, reverse=True)
    determiners = ("le", "la", "les", "l'", "un", "une", "the", "a", "an")
    # the words between the article and the noun are adjectives ("ancienne", "largest"), not a new clause
    clause = alternation((*determiners, *_stated.NOT_ADJECTIVES[lang]))
    return re.compile(rf"^\s*,\s*{prepositions(determiners)}?(?:(?!(?:{clause})\b)[^\W\d][\w-]*\s+){{0,2}}?"
                      rf"({alternation(nouns)})\b", re.IGNORECASE)


def apposition_hints(text: str, mentions: Sequence[Mention], lang: str | None = None) -> dict[int, tuple[str, str]]:
    """Per mention index, the kind of place an apposition right after it names, as a trigger hint.

    "Géorgie, ancienne république soviétique" is a country, "Atlanta, la capitale
    de l'État" a city, "Georgia, a state" a region (the nouns of
    :data:`geonews.lexicon.stated.APPOSITION_KINDS`; every language's when
    ``lang`` is not one of them). Step ``apposition_kind``: the resolver ranks
    that mention with the hint, as if told "la république de".

    >>> text = "du vin de Géorgie, ancienne république soviétique, et de Moscou, dans la nuit."
    >>> ms = [Mention("a", 10, 17, "Géorgie", text, 0), Mention("a", 56, 62, "Moscou", text, 0)]
    >>> apposition_hints(text, ms, "fr")
    {0: ('country', 'Géorgie, ancienne république')}
    """
    out: dict[int, tuple[str, str]] = {}
    for i, m in enumerate(mentions):
        after = text[m.end : m.end + 80]
        for lang_ in _langs(lang):
            found = _apposition_kind(lang_).match(after)
            if found:
                noun = next(n for n in _stated.APPOSITION_KINDS[lang_] if n.lower() == found.group(1).lower())
                out[i] = (_stated.APPOSITION_KINDS[lang_][noun], text[m.start : m.end + found.end()])
                break
    return out


@functools.cache
def _bank(lang: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(_stated.BANKS[lang])})\s+{prepositions(_stated.BANK_LINKS[lang])}$",
                      re.IGNORECASE)


def bank_hints(text: str, mentions: Sequence[Mention], lang: str | None = None) -> dict[int, tuple[str, str]]:
    """Per mention index, the ``"water"`` hint of a bank noun right before it (step ``bank_of``).

    "sur les bords du Mississippi", "on the banks of the Thames": the name is a river, a lake or a sea
    (the nouns of :data:`geonews.lexicon.stated.BANKS`; every language's when ``lang`` is not one of them).

    >>> text = "Fondée sur les bords du Mississippi, la ville de Memphis."
    >>> ms = [Mention("a", 24, 35, "Mississippi", text, 0), Mention("a", 50, 57, "Memphis", text, 0)]
    >>> bank_hints(text, ms, "fr")
    {0: ('water', 'bords du Mississippi')}
    """
    out: dict[int, tuple[str, str]] = {}
    for i, m in enumerate(mentions):
        before = text[max(0, m.start - 40) : m.start]
        for lang_ in _langs(lang):
            found = _bank(lang_).search(before)
            if found:
                out[i] = ("water", text[m.start - len(before) + found.start() : m.end])
                break
    return out
