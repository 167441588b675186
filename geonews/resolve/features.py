"""The ranking features: named, documented, switchable units of a candidate's score.

A candidate's score is the sum of the enabled features' contributions, in the
order of :data:`FEATURES`. Every feature is a pure function of the gazetteer
match, the text's name, its trigger word (``hint``), the article's
:class:`Context` and the :class:`~geonews.resolve.weights.ScoringWeights`; it
returns ``None`` when it does not fire, else ``(delta, reason)``. The reason is
what popups and exports show (``""`` for a silent adjustment).

:data:`STEPS` are the rules that adjust scores outside one candidate's own
features: the neighbours in the text (:mod:`geonews.resolve.neighbours`) and the
promotion of a namesake city or country (:mod:`geonews.resolve.scoring`). Both
kinds can be switched off by name (``ResolverSettings(disabled=...)``).

    >>> [f.name for f in list_features()][:3]
    ['feature_prior', 'name_tier', 'exact_name']
    >>> from geonews.model import LatLon, Place
    >>> from geonews.gazetteer.store import NameMatch
    >>> m = NameMatch(Place("p", "Lyon", LatLon(45.76, 4.84), "city", population=500000), "fr", "Lyon")
    >>> delta, reason = FEATURES["population"].compute(m, "Lyon", None, Context(), DEFAULT_WEIGHTS)
    >>> round(delta, 2), reason
    (2.28, 'population 500 000')
    >>> FEATURES["trigger_word"].compute(m, "Lyon", None, Context(), DEFAULT_WEIGHTS) is None
    True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from geonews.gazetteer.store import NameMatch
from geonews.model import LatLon
from geonews.resolve.weights import DEFAULT_WEIGHTS, ScoringWeights

__all__ = [
    "ALL_NAMES",
    "DEFAULT_WEIGHTS",
    "FEATURES",
    "LOCAL_KINDS",
    "SETTLEMENTS",
    "STEPS",
    "WEAK_TIERS",
    "Context",
    "Feature",
    "ScoringWeights",
    "check_names",
    "format_features",
    "list_features",
    "world_cities",
]

SETTLEMENTS = frozenset({"capital", "city", "town", "village", "district"})

#: (feature name, score delta, reason) — one line of a candidate's trace.
Contribution = tuple[str, float, str]
#: What a feature computes: ``None`` when it does not fire, else ``(delta, reason)``.
Outcome = tuple[float, str] | None


@dataclass(frozen=True, slots=True)
class Context:
    """What the rest of the article says: countries, regions and anchor points.

    ``countries`` and ``admin1s`` map a code to how many *other* toponyms of
    the article support it; ``anchors`` are confidently placed points;
    ``neighbours`` maps a place id to the bonus and reason the toponym's
    neighbours in the text give it (:mod:`geonews.resolve.neighbours`).
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
    #: place id -> (bonus, reason) from the toponym's neighbours in the text
    neighbours: Mapping[str, tuple[float, str]] = field(default_factory=dict)
    #: place id -> (bonus, reason) where the text states the mention's location ("Moscou, dans l'Idaho")
    stated: Mapping[str, tuple[float, str]] = field(default_factory=dict)
    #: ids of the candidates that are world cities among their namesakes (see :func:`world_cities`)
    prominent: frozenset[str] = frozenset()
    #: a span the gazetteer lacks, read as the name inside it: ("facility" or "span", the span's text)
    read_as: tuple[str, str] | None = None
    #: the anchors that are settlements, districts or sites, not regions: where a local story happens
    local_anchors: tuple[tuple[str, LatLon], ...] = ()
    #: place id -> its nearest anchor (name, km), filled as features ask (several ask for the same place)
    nearest: dict[str, tuple[str, float] | None] = field(default_factory=dict, init=False, repr=False,
                                                          compare=False)

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
        local = tuple(a for a in self.local_anchors if a[0] != anchor_name)
        return replace(self, countries=minus(self.countries, country), admin1s=minus(self.admin1s, admin1),
                       anchors=anchors, members=minus(self.members, member), local_anchors=local)


@dataclass(frozen=True, slots=True)
class Feature:
    """A named ranking feature or step.

    ``compute`` is ``None`` for a step, which is applied where it lives
    (``module``) rather than summed per candidate.
    """

    name: str
    description: str
    compute: Callable[[NameMatch, str, str | None, Context, ScoringWeights], Outcome] | None = None
    #: the :class:`ScoringWeights` fields it reads
    weights: tuple[str, ...] = ()
    module: str = "geonews.resolve.features"

    @property
    def kind(self) -> str:
        """``"feature"`` (summed per candidate) or ``"step"``."""
        return "feature" if self.compute is not None else "step"


# --------------------------------------------------------------------------- features


def feature_prior(match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights) -> Outcome:
    """>>> from geonews.model import Place
    >>> feature_prior(NameMatch(Place("p", "X", LatLon(0, 0), "mountain_range"), "main", "X"), "X", None,
    ...               Context(), DEFAULT_WEIGHTS)
    (3.0, 'mountain range')
    """
    feature = match.place.feature
    population = match.place.population
    if feature == "capital" and 0 < population < w.small_capital_population:
        return w.small_capital_prior, f"capital of {population:,} people".replace(",", " ")
    return w.feature_prior.get(feature, w.default_prior), feature.replace("_", " ")


def name_tier(match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights) -> Outcome:
    weight = w.tier_weight.get(match.tier, 0.0)
    if match.tier == context.lang:
        weight += w.same_language_tier
    if match.tier in ("fr", "en"):
        reason = f"{match.tier.upper()} name “{match.matched_name}”"
    elif match.tier == "user":
        reason = f"your gazetteer extra names it “{match.matched_name}”"
    elif match.tier == "main":
        reason = "main name"
    elif match.tier == "demonym":
        reason = f"“{match.matched_name}” is its adjective or demonym"
    else:
        reason = f"alternate name “{match.matched_name}”"
    return weight, reason


def exact_name(match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights) -> Outcome:
    return (w.exact_name, "") if match.matched_name == query else None


def population(match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights) -> Outcome:
    place = match.place
    if place.population > 0 and (place.feature in SETTLEMENTS or place.feature == "country"):
        return (w.population_per_decade * math.log10(place.population + 1),
                f"population {place.population:,}".replace(",", " "))
    if place.population > 0 and place.feature in ("admin1", "admin2"):
        return (w.region_population_per_decade * math.log10(place.population + 1),
                f"region of {place.population:,} people".replace(",", " "))
    return None


def trigger_word(match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights) -> Outcome:
    if not hint:
        return None
    feature = match.place.feature
    bonus = w.hint_bonus.get(hint, {}).get(feature, 0.0)
    return (bonus, f"“{hint}” context fits a {feature.replace('_', ' ')}") if bonus else None


def trigger_word_mismatch(
    match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights
) -> Outcome:
    if not hint or w.hint_bonus.get(hint, {}).get(match.place.feature, 0.0):
        return None
    return w.hint_mismatch, ""


def country_of_places(match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights) -> Outcome:
    cc = match.place.country_code
    if cc and match.place.feature == "country" and context.countries.get(cc, 0):
        return w.country_of_places, "other places of the article are in it"
    return None


def region_of_places(match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights) -> Outcome:
    place = match.place
    cc = place.country_code
    if cc and place.feature == "admin1" and place.admin1 and context.members.get((cc, place.admin1), 0):
        return w.region_of_places, "contains another place of the article"
    return None


def _in_country(match: NameMatch) -> str | None:
    """The country code of a place that is not itself a country."""
    cc = match.place.country_code
    return cc if cc and match.place.feature != "country" else None


def mentioned_country(match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights) -> Outcome:
    cc = _in_country(match)
    support = context.countries.get(cc, 0) if cc else 0
    if not support:
        return None
    delta = w.mentioned_country + w.mentioned_country_step * min(support - 1, w.mentioned_country_max_steps)
    return delta, f"in {cc}, a country the article mentions"


def dateline(match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights) -> Outcome:
    cc = _in_country(match)
    return (w.dateline, f"in {cc}, where the dispatch comes from") if cc and cc in context.home else None


def published_site(match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights) -> Outcome:
    cc = _in_country(match)
    return (w.published_bonus, f"in {cc}, where the article was published") if cc and cc == context.published else None


def mentioned_region(match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights) -> Outcome:
    cc = _in_country(match)
    admin1 = match.place.admin1
    if cc and admin1 and context.admin1s.get((cc, admin1), 0):
        return w.mentioned_region, "in a region the article mentions"
    return None


def _nearest_anchor(point: LatLon, anchors: Iterable[tuple[str, LatLon]]) -> tuple[str, float] | None:
    best: tuple[str, float] | None = None
    for name, anchor in anchors:
        if best is not None and point.lat_gap_km(anchor) >= best[1]:
            continue  # further than the best one already, whatever the longitudes
        d = point.distance_km(anchor)
        if best is None or d < best[1]:
            best = (name, d)
    return best


def _anchor(match: NameMatch, context: Context) -> tuple[str, float] | None:
    if match.place.feature in ("country", "continent") or not context.anchors:
        return None
    place = match.place
    if place.id not in context.nearest:
        context.nearest[place.id] = _nearest_anchor(place.point, context.anchors)
    return context.nearest[place.id]


def near_anchor(match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights) -> Outcome:
    near = _anchor(match, context)
    if near is None:
        return None
    name, km = near
    if km < w.near_anchor_km:
        return w.near_anchor, f"{km:.0f} km from {name}"
    if km < w.mid_anchor_km:
        return w.mid_anchor, f"{km:.0f} km from {name}"
    return None


def far_from_anchors(match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights) -> Outcome:
    near = _anchor(match, context)
    cc = match.place.country_code
    if near is None or near[1] < w.near_anchor_km or near[1] < w.mid_anchor_km or near[1] <= w.far_anchor_km:
        return None  # near_anchor's ranges, or not far
    if cc and context.countries.get(cc):
        return None  # far, but in a country the article names
    return w.far_from_anchors, "far from every other place of the article"


#: Features that say the article itself supports a reading (its countries, regions, anchors, neighbours).
CONTEXT_FEATURES = frozenset({"country_of_places", "region_of_places", "mentioned_country", "dateline",
                              "published_site", "mentioned_region", "near_anchor", "placed_elsewhere",
                              "neighbours", "stated_location"})


#: Natural features: a river or a mountain named once with its cue keeps its sense in the article.
NATURAL_FEATURES = frozenset({"river", "lake", "sea", "gulf", "strait", "mountain", "mountain_range", "desert",
                              "island", "peninsula", "valley"})


def placed_elsewhere(match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights) -> Outcome:
    """The article already put another mention on this very natural feature, confidently ("la rive gauche du
    Dniepr" makes the bare "le Dniepr" of the next sentence the river, not the city). Settlements are left to the
    other features: "Mexico City" does not make a later bare "Mexico" the city."""
    if match.place.feature not in NATURAL_FEATURES:
        return None
    name = match.place.display_name
    for anchor_name, point in context.anchors:
        if anchor_name == name and match.place.point.distance_km(point) < w.placed_elsewhere_km:
            return w.placed_elsewhere, f"another mention of the article is {name}"
    return None


#: How weakly a name may match and still be a namesake of the name's own places: an untagged alternate name
#: ("Rome" among Lomé's), a transliteration or a demonym names no rival of a world city.
WEAK_TIERS = frozenset({"alt", "translit", "demonym"})


#: Kinds of confident answer that say where a local story happens (a region's centroid does not).
LOCAL_KINDS = SETTLEMENTS | {"admin2", "building", "landmark", "station", "airport", "port", "plant",
                             "military_base", "spaceport", "border_crossing"}


def world_cities(matches: Iterable[NameMatch], w: ScoringWeights = DEFAULT_WEIGHTS,
                 local_anchors: Iterable[tuple[str, LatLon]] = ()) -> frozenset[str]:
    """The id of the world city among a name's candidates, if one dwarfs every namesake settlement.

    A city of at least ``w.world_city_population`` people, ``w.world_city_ratio`` times as many as any other
    settlement of the name (one closer than ``w.world_city_km`` is the same city under another entry; one
    matched only by an untagged alternate name, a transliteration or a demonym is no namesake). A city without
    a namesake settlement has nothing to be told from: it is not marked, nor is a capital named like its
    country ("Mexico": step ``namesake_country_first`` settles those). Nor is a world city one of whose
    namesakes lies within ``w.near_anchor_km`` of a settlement or site of the article (``local_anchors``): a
    local story ("Rest Acres Road in Paris ... the County of Brant") means the namesake.

    >>> from geonews.model import Place
    >>> def m(place, tier="main"):
    ...     return NameMatch(place, tier, place.name)
    >>> rome = Place("r", "Rome", LatLon(41.89, 12.51), "capital", "IT", population=2_318_895)
    >>> rome_ny = Place("rny", "Rome", LatLon(43.21, -75.46), "town", "US", "NY", population=32_573)
    >>> lome = Place("lome", "Lomé", LatLon(6.13, 1.22), "capital", "TG", population=2_188_376)
    >>> sorted(world_cities([m(rome), m(rome_ny), m(lome, "alt")])), sorted(world_cities([m(rome), m(lome, "alt")]))
    (['r'], [])
    >>> sorted(world_cities([m(rome), m(rome_ny)], local_anchors=[("Utica", LatLon(43.1, -75.23))]))
    []
    >>> sorted(world_cities([m(rome), m(rome_ny), m(Place("it", "Rome", LatLon(42.0, 12.5), "country", "IT"))]))
    []
    >>> london_on = Place("lon", "London", LatLon(42.98, -81.23), "city", "CA", population=383_822)
    >>> sorted(world_cities([m(Place("l", "London", LatLon(51.5, -0.13), "capital", "GB", population=8_961_989)),
    ...                      m(london_on)]))
    []
    """
    matches = list(matches)
    if any(m.place.feature == "country" and m.tier not in WEAK_TIERS for m in matches):
        return frozenset()  # "Mexico", "Djibouti": the country and its capital (namesake_country_first)
    towns = [m for m in matches if m.place.feature in SETTLEMENTS and m.tier not in WEAK_TIERS]
    if not towns:
        return frozenset()
    top = max(towns, key=lambda m: m.place.population).place
    if top.population < w.world_city_population:
        return frozenset()
    namesakes = [m.place for m in towns if m.place.point.distance_km(top.point) >= w.world_city_km]
    if not namesakes or any(p.population * w.world_city_ratio > top.population for p in namesakes):
        return frozenset()  # no namesake settlement to tell it from, or one that is not far smaller
    local = [point for _, point in local_anchors]
    if any(p.point.distance_km(point) < w.near_anchor_km for p in namesakes for point in local):
        return frozenset()  # a local story about a namesake
    return frozenset({top.id})


def world_city(match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights) -> Outcome:
    """>>> from geonews.model import Place
    >>> rome = NameMatch(Place("r", "Rome", LatLon(41.89, 12.51), "capital", "IT"), "fr", "Rome")
    >>> world_city(rome, "Rome", None, Context(prominent=frozenset({"r"})), DEFAULT_WEIGHTS)[0]
    1.5
    >>> world_city(rome, "Rome", None, Context(), DEFAULT_WEIGHTS) is None
    True
    >>> stated = {"rny": (4.0, "the text says it is in New York")}
    >>> world_city(rome, "Rome", None, Context(prominent=frozenset({"r"}), stated=stated), DEFAULT_WEIGHTS) is None
    True
    """
    if match.place.id not in context.prominent or (context.stated and match.place.id not in context.stated):
        return None  # not the world city, or the text states the mention is elsewhere ("Paris, au Texas")
    return w.world_city, f"a world city; its namesakes are at least {w.world_city_ratio:.0f} times smaller"


def partial_name(match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights) -> Outcome:
    """The gazetteer lacks the span; this is the place named inside it (step ``partial_name`` of the resolver).

    >>> from geonews.model import Place
    >>> mtl = NameMatch(Place("m", "Montréal", LatLon(45.5, -73.57), "city", "CA"), "fr", "Montréal")
    >>> partial_name(mtl, "Montréal", None, Context(read_as=("facility", "musée d'art de Montréal")),
    ...              DEFAULT_WEIGHTS)
    (-2.0, "placed at Montréal, named in “musée d'art de Montréal”, which is not in the gazetteer")
    >>> partial_name(mtl, "Montréal", None, Context(read_as=("span", "Montréal Jean Dupont")), DEFAULT_WEIGHTS)
    (-0.5, '“Montréal Jean Dupont” is not in the gazetteer: read as “Montréal”')
    >>> partial_name(mtl, "Montréal", None, Context(read_as=("pair", "Montréal-Toronto")), DEFAULT_WEIGHTS)
    (-5.0, '“Montréal-Toronto” names two places: read as the first, “Montréal”')
    >>> partial_name(mtl, "Montréal", None, Context(), DEFAULT_WEIGHTS) is None
    True
    """
    if context.read_as is None:
        return None
    kind, text = context.read_as
    if kind == "facility":
        return (w.facility_at_host,
                f"placed at {match.place.display_name}, named in “{text}”, which is not in the gazetteer")
    if kind == "pair":
        return w.partial_pair, f"“{text}” names two places: read as the first, “{query}”"
    if kind == "spelling":
        typed, spelling = text.split("=", 1)
        return w.spelling, f"“{typed}” is not in the gazetteer: read as “{spelling}”, one letter apart"
    if kind == "acronym":
        acronym, long_name = text.split("=", 1)
        return 0.0, f"“{acronym}” stands for “{long_name}”, as the article says"
    return w.partial_span, f"“{text}” is not in the gazetteer: read as “{query}”"


def neighbours(match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights) -> Outcome:
    return context.neighbours.get(match.place.id)


def stated_location(match: NameMatch, query: str, hint: str | None, context: Context, w: ScoringWeights) -> Outcome:
    """The text says where the place is, and this reading is there (bonus found by
    :func:`geonews.resolve.neighbours.stated_boosts`).

    >>> from geonews.model import Place
    >>> m = NameMatch(Place("ptx", "Paris", LatLon(33.66, -95.56), "town", "US", "TX"), "main", "Paris")
    >>> stated = {"ptx": (4.0, "the text says it is in Texas: “Paris, au Texas”")}
    >>> stated_location(m, "Paris", None, Context(stated=stated), DEFAULT_WEIGHTS)
    (4.0, 'the text says it is in Texas: “Paris, au Texas”')
    >>> stated_location(m, "Paris", None, Context(), DEFAULT_WEIGHTS) is None
    True
    """
    return context.stated.get(match.place.id)


_W = "geonews.resolve.neighbours"
_S = "geonews.resolve.scoring"

#: The features summed into a candidate's score, in the order they are summed.
FEATURES: dict[str, Feature] = {
    f.name: f
    for f in (
        Feature("feature_prior", "What a bare name most likely means in the news, by feature type: "
                "a country over a city, a city over a village; a small capital (\"Saint-Georges\" of Grenada) "
                "counts as a town, so a namesake commune of the article's country can win.", feature_prior,
                ("feature_prior", "default_prior", "small_capital_population", "small_capital_prior")),
        Feature("name_tier", "How the name matched: a name in the article's language, or a French or English "
                "name, counts more than an untagged alternate or a transliteration.", name_tier,
                ("tier_weight", "same_language_tier")),
        Feature("exact_name", "The gazetteer name is exactly the text's, accents and case included "
                "(silent: no reason shown).", exact_name, ("exact_name",)),
        Feature("population", "The population of a settlement or country (per decade), and less so of a "
                "region, whose population is the sum of its places'.", population,
                ("population_per_decade", "region_population_per_decade")),
        Feature("trigger_word", "A trigger word or head word agrees with the feature type: "
                "“gare de” a station, “région du” a region, “Washington state” a state.", trigger_word,
                ("hint_bonus",)),
        Feature("trigger_word_mismatch", "A trigger word that fits none of the place's kind "
                "(silent penalty: no reason shown).", trigger_word_mismatch, ("hint_mismatch",)),
        Feature("country_of_places", "A country that contains other places of the article.",
                country_of_places, ("country_of_places",)),
        Feature("region_of_places", "A first-level region (state, province) that contains another place of "
                "the article.", region_of_places, ("region_of_places",)),
        Feature("mentioned_country", "A place in a country the article names (more for each further "
                "supporting place).", mentioned_country,
                ("mentioned_country", "mentioned_country_step", "mentioned_country_max_steps")),
        Feature("dateline", "A place in the country of the dispatch's dateline (“PARIS, 20 (Havas). —”).",
                dateline, ("dateline",)),
        Feature("published_site", "A place in the country of the site that published the article "
                "(its country-code domain, such as cbc.ca or bbc.co.uk).", published_site, ("published_bonus",)),
        Feature("mentioned_region", "A place in a first-level region the article names.", mentioned_region,
                ("mentioned_region",)),
        Feature("near_anchor", "Close to a confidently placed point of the article (by default: within 250 km, "
                "less within 1000 km).", near_anchor,
                ("near_anchor_km", "near_anchor", "mid_anchor_km", "mid_anchor")),
        Feature("far_from_anchors", "Far (by default: more than 3000 km) from every confidently placed point of the "
                "article, outside the countries it names (a penalty).", far_from_anchors,
                ("far_anchor_km", "far_from_anchors")),
        Feature("placed_elsewhere", "The very natural feature (river, sea, mountain...) another mention of the "
                "article was confidently put on, under another trigger word (“la rive gauche du Dniepr”, then "
                "“le Dniepr”: the river).", placed_elsewhere,
                ("placed_elsewhere", "placed_elsewhere_km")),
        Feature("world_city", "A world city among its namesakes (by default: two million people or more, 30 times "
                "any namesake settlement): a bare “Rome” or “Sydney” is the world city even in a story that names "
                "the country or state of a small namesake. Not in a local story (a namesake within 250 km of a "
                "settlement or site the article names), nor when the text states where the name is (“Rome, dans "
                "l'État de New York”): then none of that name's mentions in the article gets it.",
                world_city, ("world_city", "world_city_population", "world_city_ratio", "world_city_km")),
        Feature("partial_name", "The gazetteer lacks the span as a whole, and this is the place named inside it: "
                "a facility placed at the settlement or landmark its name ends in (“Musée des beaux-arts de "
                "Montréal”: Montréal, less sure, and the reason says so), or a span that runs past a name "
                "(“Niger-Mali”, “Kinshasa Gentiny Ngobila”, “Égypte pharaonique”, “Île Maurice”, English direction "
                "words before a name: “Far North Queensland”, “North London”) read as that name, a country, "
                "capital, first-level region or large city (a span naming two places, “Niger-Mali”, "
                "much less surely: it is only half right). A natural feature's cue word (“la "
                "rivière X”, “le mont X”) never falls back on a namesake town. Off: such spans stay unresolved.",
                partial_name, ("partial_span", "partial_pair", "facility_at_host", "partial_min_population")),
        Feature("neighbours", "What the name's neighbours in the text say (the bonus of the containment and "
                "list steps).", neighbours),
        Feature("stated_location", "The text says where the place is: “Moscou, dans l'Idaho”, “Tripoli, au nord "
                "du Liban”, “Victoria, capitale des Seychelles”, “Saint-Denis, en Seine-Saint-Denis”, “X (Ontario)”, "
                "“X in Ontario”, “Alabama's X”, “the Idaho town of X”. The reading inside the stated country, "
                "region or département wins (for that mention), and so does the region's reading that contains "
                "it; a namesake known only by another name (“Moscou” for Moscow, Idaho) is looked up under the "
                "candidates' other names. A reading in another country than every reading of the stated region is a "
                "namesake and is put back (“la commune de X, dans la région de Y”, X known only on another continent: "
                "unresolved).",
                stated_location, ("stated_location", "stated_elsewhere", "stated_admin2_km"), _W),
    )
}

#: The rules that adjust scores outside one candidate's own features.
STEPS: dict[str, Feature] = {
    f.name: f
    for f in (
        Feature("containment", "“Buffalo, New York”: a place, a comma, then the region or country that "
                "contains it; both consistent readings of that pair of mentions get a bonus.", None,
                ("containment_bonus",), _W),
        Feature("listed_with", "“Michigan, Oregon, Ohio”: an item of a list gets a bonus when it is of the "
                "same kind as its neighbours' answers (a country among countries, a region among regions "
                "of one country).", None, ("list_bonus",), _W),
        Feature("per_mention", "Each mention whose own neighbours, stated location or apposition point "
                "somewhere gets its own answer, confidence and reasons (“Paris, au Texas … à Paris”). The name's "
                "other mentions: a repeat in the sentence of a stated one is the other namesake; after stated "
                "mentions that disagree, the one stated last before; else what the stated ones agree on "
                "(“COLUMBIA, Ky. … in Columbia”), unless the article supports the shared answer with a country, "
                "region or anchor of its own (“… la France”). Off: all mentions of a name share one answer.",
                None, (), "geonews.resolve.disambiguate"),
        Feature("namesakes_together", "Two ambiguous names of the article, each with a reading among its first "
                "three that lies within 30 km of the other's, their first readings 1000 km apart or more "
                "(“London … St. Thomas”: both in Ontario): both readings get a bonus.", None,
                ("together", "together_km", "together_far_km", "together_candidates"),
                "geonews.resolve.disambiguate"),
        Feature("short_form", "A bare name that is the first words of a settlement the article named in full "
                "before (“Montreuil-sur-Mer … À Montreuil”) is that settlement: it is a candidate, with a bonus "
                "(through the neighbours feature). Not when the name's own first reading is a country or region "
                "(“Guinée” after “Guinée-Bissau”).", None, ("short_form",), "geonews.resolve.disambiguate"),
        Feature("spelling", "A name no reading of which the gazetteer knows, five letters or more and not an "
                "acronym, is read as the one prominent place (a country, capital, first-level region or city of "
                "100,000 people or more) that one dropped letter or one swap of neighbouring letters finds "
                "(“Bordaeux”: Bordeaux, “Milwaukkee”: Milwaukee), less surely, and the reason says so; only when the "
                "article backs that place (its country, region or a place near it). Off: such names stay "
                "unresolved.", None, ("spelling", "spelling_min_population"),
                "geonews.resolve.disambiguate"),
        Feature("foreign_namesake", "A name whose first reading is a small settlement (town, village, "
                "district) known by it only as an untagged alternate name, in none of the countries the article "
                "names, with nothing in the article backing it, stays unresolved (“la commune de Sanam” in a "
                "story about Niger is not Sanom, a village of Thailand also spelt “Sanam”); so does a facility "
                "that would be placed at such a small namesake abroad (“l'hôpital São Bernardo” of a story "
                "about Portugal is not in São Bernardo, Brazil).", None, (),
                "geonews.resolve.disambiguate"),
        Feature("defined_acronym", "An acronym the article defines in brackets after a long name (“le Musée "
                "d'art contemporain de Lyon (MACL)”, then “le MACL”) is read as that long name, never as a namesake "
                "place spelt with its letters; when the long name is no place the gazetteer knows, the acronym "
                "stays unresolved too.", None, (), "geonews.resolve.disambiguate"),
        Feature("abbreviation_dot", "A name the gazetteer knows only as a dotted abbreviation (“Wash.”, “Ky.”) "
                "is no reading of the same letters written without the dot (“the Wash”, a bay).", None, (),
                "geonews.resolve.disambiguate"),
        Feature("namesake_kin", "For a name's bare mentions, a mention of one of its readings under a longer span or "
                "another trigger word (“Saint-Denis de La Réunion”, “l'État de Géorgie”) counts as a stated one "
                "(“Saint-Denis de La Réunion reçus à Saint-Denis”: the other Saint-Denis); and after stated "
                "namesakes that disagree, a bare mention whose sentence names the country or region of one of them "
                "is that one (“… à Montréal, … au Québec”). Off: only the name's own stated mentions count.",
                None, (), "geonews.resolve.disambiguate"),
        Feature("same_name_support", "A name does not support itself: the answer of the same name under another "
                "trigger word (“la ville de New York”, then “New York”) is left out of the article's context for it, "
                "as its own answer is (its point stays an anchor), so the city does not make the state “contain a "
                "place of the article”. Off: only the toponym's own answer is left out.", None, (),
                "geonews.resolve.disambiguate"),
        Feature("apposition_kind", "An apposition names the kind of place: “Géorgie, ancienne république "
                "soviétique” is a country, “Atlanta, la capitale de l'État” a city, “Georgia, a state” a region. "
                "That mention is ranked as if told “la république de” (the trigger word feature's bonus).",
                None, ("hint_bonus",), _W),
        Feature("namesake_country_first", "A country wins over its namesake capital (“Mexico”, "
                "“Djibouti”) unless told “ville de”.", None,
                ("namesake_country_margin", "namesake_window", "promotion_margin"), _S),
        Feature("bank_of", "A plural bank noun right before a name (“sur les bords du Mississippi”, “on the banks "
                "of the Thames”) says it is water: that mention is ranked as if told “les eaux du” (the trigger "
                "word feature's bonus), so the river wins over the state.", None, ("hint_bonus",), _W),
        Feature("namesake_city_first", "A city wins over the nearby region named after it (“Donetsk”, "
                "“Téhéran”) unless told “région de”.", None,
                ("namesake_km", "namesake_city_margin", "namesake_window", "promotion_margin"), _S),
    )
}

#: Every name that ``disabled`` may hold.
ALL_NAMES = frozenset(FEATURES) | frozenset(STEPS)


def check_names(names: Iterable[str]) -> frozenset[str]:
    """The names as a set, or :class:`ValueError` naming the first unknown one.

    >>> sorted(check_names(["dateline", "containment"]))
    ['containment', 'dateline']
    >>> check_names(["datelines"])
    Traceback (most recent call last):
    ...
    ValueError: unknown feature 'datelines' (see geonews.resolve.features.list_features())
    """
    out = frozenset(names)
    for name in sorted(out):
        if name not in ALL_NAMES:
            raise ValueError(f"unknown feature {name!r} (see geonews.resolve.features.list_features())")
    return out


def list_features() -> tuple[Feature, ...]:
    """Every feature (in summing order), then every step: what ``geonews rules`` lists."""
    return (*FEATURES.values(), *STEPS.values())


def format_features(disabled: Iterable[str] = ()) -> str:
    """One ``name  kind  description`` line per feature and step (``off`` when disabled).

    >>> print(format_features(["dateline"]).splitlines()[9])
    dateline                  feature (off)  A place in the country of the dispatch's dateline (“PARIS, 20 (Havas). —”).
    """
    off = frozenset(disabled)
    lines = []
    for f in list_features():
        kind = f"{f.kind} (off)" if f.name in off else f.kind
        lines.append(f"{f.name:<25} {kind:<14} {f.description}")
    return "\n".join(lines)
