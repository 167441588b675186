"""Ranking features as named components: each alone, switched off, traced, described."""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable
from typing import Any

import pytest

from geonews.gazetteer.store import NameMatch
from geonews.model import LatLon, Place
from geonews.resolve.disambiguate import ResolverSettings, explain_candidates, format_explanation
from geonews.resolve.features import (
    ALL_NAMES,
    FEATURES,
    STEPS,
    Context,
    check_names,
    format_features,
    list_features,
)
from geonews.resolve.neighbours import neighbour_boosts
from geonews.resolve.scoring import _namesake_city_first, contributions_of, score_candidates, signed_reason
from geonews.resolve.weights import DEFAULT_WEIGHTS, ScoringWeights
from tests.helpers import mentions_of

LYON = Place("lyon", "Lyon", LatLon(45.76, 4.84), "city", "FR", "84", population=522000)
RHONE = Place("rhone", "Rhône", LatLon(45.9, 4.6), "admin2", "FR", "84", population=1800000)
ARA = Place("ara", "Auvergne-Rhône-Alpes", LatLon(45.5, 4.5), "admin1", "FR", "84", population=8000000)
FRANCE = Place("fr", "France", LatLon(46.0, 2.0), "country", "FR", population=67000000)
GARE = Place("gare", "Lyon-Part-Dieu", LatLon(45.76, 4.86), "station", "FR", "84")
SAONE = Place("saone", "Saône", LatLon(46.78, 4.85), "river", "FR")
PARIS = LatLon(48.86, 2.35)
SYDNEY = LatLon(-33.87, 151.21)


def _m(place: Place, tier: str = "fr", name: str | None = None) -> NameMatch:
    return NameMatch(place, tier, name or place.name)


# feature -> (match, query, hint, context) where it fires with a reason containing `why`, and one where it does not
Fires = tuple[NameMatch, str, str | None, Context, str]
Silent = tuple[NameMatch, str, str | None, Context]
CASES: dict[str, tuple[Fires, Silent | None]] = {
    "feature_prior": ((_m(LYON), "Lyon", None, Context(), "city"), None),  # always fires
    "name_tier": ((_m(LYON), "Lyon", None, Context(), "FR name “Lyon”"), None),  # always fires
    "exact_name": ((_m(LYON), "Lyon", None, Context(), ""), (_m(LYON), "LYON", None, Context())),
    "population": ((_m(LYON), "Lyon", None, Context(), "population 522 000"), (_m(GARE), "Lyon", None, Context())),
    "trigger_word": ((_m(GARE), "Lyon", "station", Context(), "“station” context fits a station"),
                     (_m(GARE), "Lyon", "river", Context())),
    "trigger_word_mismatch": ((_m(GARE), "Lyon", "river", Context(), ""), (_m(GARE), "Lyon", "station", Context())),
    "country_of_places": ((_m(FRANCE), "France", None, Context(countries={"FR": 1}),
                           "other places of the article are in it"),
                          (_m(FRANCE), "France", None, Context(countries={"DE": 1}))),
    "region_of_places": ((_m(ARA), "ARA", None, Context(members={("FR", "84"): 1}),
                          "contains another place of the article"),
                         (_m(ARA), "ARA", None, Context(members={("FR", "11"): 1}))),
    "mentioned_country": ((_m(LYON), "Lyon", None, Context(countries={"FR": 2}),
                           "in FR, a country the article mentions"),
                          (_m(FRANCE), "France", None, Context(countries={"FR": 2}))),
    "dateline": ((_m(LYON), "Lyon", None, Context(home=frozenset({"FR"})), "in FR, where the dispatch comes from"),
                 (_m(LYON), "Lyon", None, Context(home=frozenset({"BE"})))),
    "published_site": ((_m(LYON), "Lyon", None, Context(published="FR"), "in FR, where the article was published"),
                       (_m(LYON), "Lyon", None, Context(published="CA"))),
    "mentioned_region": ((_m(LYON), "Lyon", None, Context(admin1s={("FR", "84"): 1}),
                          "in a region the article mentions"),
                         (_m(LYON), "Lyon", None, Context(admin1s={("FR", "93"): 1}))),
    "near_anchor": ((_m(LYON), "Lyon", None, Context(anchors=(("Paris", PARIS),)), "392 km from Paris"),
                    (_m(LYON), "Lyon", None, Context(anchors=(("Sydney", SYDNEY),)))),
    "far_from_anchors": ((_m(LYON), "Lyon", None, Context(anchors=(("Sydney", SYDNEY),)),
                          "far from every other place of the article"),
                         (_m(LYON), "Lyon", None, Context(anchors=(("Sydney", SYDNEY),), countries={"FR": 1}))),
    "placed_elsewhere": ((_m(SAONE), "Saône", None, Context(anchors=(("Saône", SAONE.point),)),
                          "another mention of the article is Saône"),
                         (_m(LYON), "Lyon", None, Context(anchors=(("Lyon", LYON.point),)))),  # a city: no
    "world_city": ((_m(LYON), "Lyon", None, Context(prominent=frozenset({"lyon"})),
                    "a world city; its namesakes are at least 30 times smaller"),
                   (_m(LYON), "Lyon", None, Context(prominent=frozenset({"rhone"})))),
    "partial_name": ((_m(LYON), "Lyon", None, Context(read_as=("facility", "musée des Confluences de Lyon")),
                      "placed at Lyon, named in “musée des Confluences de Lyon”, which is not in the gazetteer"),
                     (_m(LYON), "Lyon", None, Context())),
    "neighbours": ((_m(LYON), "Lyon", None, Context(neighbours={"lyon": (3.0, "“Lyon, Rhône”: in Rhône")}),
                    "“Lyon, Rhône”: in Rhône"),
                   (_m(LYON), "Lyon", None, Context(neighbours={"rhone": (3.0, "x")}))),
    "stated_location": ((_m(LYON), "Lyon", None,
                         Context(stated={"lyon": (4.0, "the text says it is in Rhône: “Lyon, dans le Rhône”")}),
                         "the text says it is in Rhône: “Lyon, dans le Rhône”"),
                        (_m(LYON), "Lyon", None, Context(stated={"rhone": (4.0, "x")}))),
}


def test_every_feature_has_a_case() -> None:
    assert set(CASES) == set(FEATURES)


@pytest.mark.parametrize("name", sorted(FEATURES))
def test_feature_fires_alone_with_its_reason(name: str) -> None:
    (match, query, hint, context, why), _ = CASES[name]
    compute = FEATURES[name].compute
    assert compute is not None
    fired = compute(match, query, hint, context, DEFAULT_WEIGHTS)
    assert fired is not None and fired[1] == why
    # summed into the score, under its own name, with its reason shown when it has one
    candidate = score_candidates([match], query=query, hint=hint, context=context)[0]
    assert (name, fired[0], why) in candidate.contributions
    assert (signed_reason(fired[0], why) in candidate.reasons) == bool(why)  # "against: ..." for a penalty


@pytest.mark.parametrize("name", sorted(set(FEATURES) - {"feature_prior", "name_tier"}))
def test_feature_does_not_fire(name: str) -> None:
    silent = CASES[name][1]
    assert silent is not None
    match, query, hint, context = silent
    compute = FEATURES[name].compute
    assert compute is not None
    assert compute(match, query, hint, context, DEFAULT_WEIGHTS) is None
    assert name not in [n for n, _, _ in contributions_of(match, query=query, hint=hint, context=context)]


@pytest.mark.parametrize("name", ["feature_prior", "name_tier"])
def test_always_on_features_depend_on_the_place(name: str) -> None:
    compute = FEATURES[name].compute
    assert compute is not None
    village = dataclasses.replace(LYON, feature="village")
    assert compute(_m(LYON), "Lyon", None, Context(), DEFAULT_WEIGHTS) != compute(
        _m(village, "translit"), "Lyon", None, Context(), DEFAULT_WEIGHTS)


@pytest.mark.parametrize("name", sorted(FEATURES))
def test_disabling_a_feature_removes_its_contribution(name: str) -> None:
    (match, query, hint, context, why), _ = CASES[name]
    on = score_candidates([match], query=query, hint=hint, context=context)[0]
    off = score_candidates([match], query=query, hint=hint, context=context, disabled=frozenset({name}))[0]
    delta = next(d for n, d, _ in on.contributions if n == name)
    assert name not in [n for n, _, _ in off.contributions]
    assert off.score == pytest.approx(on.score - delta, abs=1e-3)
    if why:
        assert why not in off.reasons


def test_score_is_the_sum_of_the_trace_and_reasons_come_from_it() -> None:
    context = Context(countries={"FR": 1}, anchors=(("Paris", PARIS),), published="FR")
    for c in score_candidates([_m(LYON), _m(RHONE, "main"), _m(GARE, "alt", "Lyon Part-Dieu")], query="Lyon",
                              hint=None, context=context):
        assert c.score == round(sum(d for _, d, _ in c.contributions), 4)
        assert c.reasons == tuple(r for _, _, r in c.contributions if r)


def test_trace_does_not_change_candidate_equality() -> None:
    c = score_candidates([_m(LYON)], query="Lyon", hint=None, context=Context())[0]
    assert c.contributions and dataclasses.replace(c, contributions=()) == c


def test_a_weight_changes_the_score() -> None:
    context = Context(published="FR")
    weights = ScoringWeights.from_mapping({"published_bonus": 0.5})
    base = score_candidates([_m(LYON)], query="Lyon", hint=None, context=context)[0]
    lower = score_candidates([_m(LYON)], query="Lyon", hint=None, context=context, weights=weights)[0]
    assert base.score - lower.score == pytest.approx(1.5)


def test_every_feature_and_step_is_described() -> None:
    listed = list_features()
    assert [f.name for f in listed] == [*FEATURES, *STEPS]
    assert len({f.name for f in listed}) == len(listed) == len(ALL_NAMES)
    for f in listed:
        assert f.description.strip() and f.description.strip()[-1] in ".)", f.name
        assert all(w in ScoringWeights.names() for w in f.weights), f.name
    text = format_features(["dateline"])
    assert len(text.splitlines()) == len(listed) and "feature (off)" in text


def test_resolver_settings_survive_pickling_for_workers() -> None:
    import pickle

    settings = ResolverSettings(weights=ScoringWeights.from_mapping({"feature_prior": {"village": 0}}),
                                disabled=frozenset({"dateline"}))
    again = pickle.loads(pickle.dumps(settings))
    assert again == settings and again.weights.feature_prior["village"] == 0.0
    assert again != ResolverSettings()


def test_unknown_feature_names_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown feature 'dateline_bonus'"):
        ResolverSettings(disabled=frozenset({"dateline_bonus"}))
    assert check_names(["containment"]) == frozenset({"containment"})


# ---------------------------------------------------------------------- steps

def _ranked(*places: tuple[Place, float]) -> list:
    from geonews.model import Candidate

    return [Candidate(p, s, reasons=("r",), contributions=(("feature_prior", s, "r"),)) for p, s in places]


DONETSK_REGION = Place("dr", "Donetsk", LatLon(48.0, 37.8), "admin1", "UA", "05")
DONETSK_CITY = Place("dc", "Donetsk", LatLon(48.02, 37.8), "city", "UA", "05")
DJIBOUTI_CITY = Place("dj", "Djibouti", LatLon(11.59, 43.15), "capital", "DJ")
DJIBOUTI = Place("djc", "Djibouti", LatLon(11.8, 42.6), "country", "DJ")


def test_namesake_city_first() -> None:
    ranked = _ranked((DONETSK_REGION, 8.0), (DONETSK_CITY, 7.0))
    out = _namesake_city_first(ranked, hint=None)
    assert out[0].place is DONETSK_CITY and out[0].score == pytest.approx(8.01)
    assert out[0].contributions[-1][0] == "namesake_city_first"
    assert out[0].reasons[-1] == out[0].contributions[-1][2] == "the city that gives Donetsk its name"
    assert _namesake_city_first(ranked, hint="admin") == ranked  # "région de Donetsk"
    assert _namesake_city_first(ranked, hint=None, disabled=frozenset({"namesake_city_first"})) == ranked
    far = _ranked((DONETSK_REGION, 8.0), (dataclasses.replace(DONETSK_CITY, point=LatLon(40.0, 30.0)), 7.0))
    assert _namesake_city_first(far, hint=None) == far


def test_namesake_country_first() -> None:
    ranked = _ranked((DJIBOUTI_CITY, 9.0), (DJIBOUTI, 8.0))
    out = _namesake_city_first(ranked, hint=None)
    assert out[0].place is DJIBOUTI and out[0].contributions[-1][0] == "namesake_country_first"
    assert _namesake_city_first(ranked, hint="city") == ranked  # "ville de Djibouti"
    assert _namesake_city_first(ranked, hint=None, disabled=frozenset({"namesake_country_first"})) == ranked
    weak = _ranked((DJIBOUTI_CITY, 9.0), (DJIBOUTI, 5.0))
    assert _namesake_city_first(weak, hint=None) == weak




GA_STATE = Place("ga", "Georgia", LatLon(32.75, -83.5), "admin1", "US", "GA")
GE_COUNTRY = Place("ge", "Georgia", LatLon(42.0, 43.5), "country", "GE")
ATLANTA = Place("atl", "Atlanta", LatLon(33.75, -84.39), "city", "US", "GA")
ARMENIA = Place("am", "Armenia", LatLon(40.25, 45.0), "country", "AM")


def _pair(text: str, first: Place, second: list[Place], answers: dict[Hashable, Place] | None = None,
          **kwargs: Any) -> dict[Hashable, dict[str, tuple[float, str]]]:
    a, b = text.split(" and ") if " and " in text else text.split(", ")
    ms = mentions_of(text, [a, b])
    return neighbour_boosts(text, [(ms[0], "a"), (ms[1], "b")], {"a": [first], "b": second}, answers or {}, **kwargs)


def test_containment_step_and_its_switch() -> None:
    assert _pair("Atlanta, Georgia", ATLANTA, [GE_COUNTRY, GA_STATE])["b"] == {
        "ga": (3.0, "“Atlanta, Georgia”: contains Atlanta")}
    weights = ScoringWeights.from_mapping({"containment_bonus": 1})
    assert _pair("Atlanta, Georgia", ATLANTA, [GE_COUNTRY, GA_STATE], weights=weights)["b"]["ga"][0] == 1
    assert _pair("Atlanta, Georgia", ATLANTA, [GE_COUNTRY, GA_STATE], disabled=frozenset({"containment"})) == {}
    assert _pair("Atlanta and Georgia", ATLANTA, [GE_COUNTRY, GA_STATE]) == {}  # no comma: no containment


def test_listed_with_step_and_its_switch() -> None:
    answers: dict[Hashable, Place] = {"a": ARMENIA}
    assert _pair("Armenia, Georgia", ARMENIA, [GA_STATE, GE_COUNTRY], answers)["b"] == {
        "ge": (2.0, "listed with other countries")}
    assert _pair("Armenia, Georgia", ARMENIA, [GA_STATE, GE_COUNTRY], answers,
                 disabled=frozenset({"listed_with"})) == {}
    assert _pair("Armenia, Georgia", ARMENIA, [GA_STATE, GE_COUNTRY]) == {}  # no confident neighbour: no vote


# ---------------------------------------------------------------------- explain

class _Source:
    def __init__(self, table: dict[str, list[NameMatch]]) -> None:
        self.table = table

    def lookup(self, name: str) -> list[NameMatch]:
        return self.table.get(name, [])


def test_explain_candidates_gives_each_toponym_its_traced_candidates() -> None:
    from geonews.model import Article

    text = "Lyon et Lyon, puis Nullepart."
    article = Article("a", text, lang="fr")
    mentions = mentions_of(text, ["Lyon", "Lyon", "Nullepart"])
    source = _Source({"Lyon": [_m(LYON), _m(GARE, "alt", "Lyon")]})
    out = explain_candidates(article, mentions, source=source)
    assert [e.text for e in out] == ["Lyon", "Nullepart"]
    assert out[0].candidates[0].place is LYON and out[0].candidates[0].contributions
    assert out[1].candidates == ()
    text_out = format_explanation(out[0])
    assert "feature_prior" in text_out and "Lyon-Part-Dieu" in text_out
    off = explain_candidates(article, mentions, source=source,
                             settings=ResolverSettings(disabled=frozenset({"population"})))
    assert "population" not in [n for n, _, _ in off[0].candidates[0].contributions]


# -- natural-feature cues (geonews.lexicon FEATURE_CUES): hints that make a water or relief feature outrank a namesake
OUST_RIVER = Place("oust-river", "Oust", LatLon(47.81, -2.38), "river", "FR")
OUST_VILLAGE = Place("oust", "Oust", LatLon(42.87, 1.22), "village", "FR", "76", population=500)
IRAN = Place("ir", "Iran", LatLon(32.0, 53.0), "country", "IR", population=85000000)
MOUNT_CAMEROON = Place("mount-cameroon", "Mont Cameroun", LatLon(4.2, 9.17), "mountain", "CM")


@pytest.mark.parametrize(
    ("hint", "place", "fits"),
    [("river", OUST_RIVER, True), ("water", OUST_RIVER, True), ("sea", OUST_RIVER, False),
     ("relief", MOUNT_CAMEROON, True), ("relief", OUST_VILLAGE, False), ("island", IRAN, True),
     ("water", OUST_VILLAGE, False), ("lake", OUST_VILLAGE, False)],
)
def test_feature_cue_hints_fit_their_features(hint: str, place: Place, fits: bool) -> None:
    names = [n for n, _, _ in contributions_of(_m(place), query=place.name, hint=hint, context=Context())]
    assert ("trigger_word" in names) is fits
    assert ("trigger_word_mismatch" in names) is not fits


def test_cues_put_the_feature_before_a_namesake_town() -> None:
    town = Place("aigoual-town", "Aigoual", LatLon(44.0, 3.0), "town", "FR", population=20000)
    peak = Place("mont-aigoual", "Mont Aigoual", LatLon(44.12, 3.58), "mountain", "FR")
    matches = [_m(town), _m(peak, "alt", "Aigoual")]
    assert score_candidates(matches, query="Aigoual", hint=None, context=Context())[0].place is town
    assert score_candidates(matches, query="Aigoual", hint="relief", context=Context())[0].place is peak
    river = Place("oust-river", "Oust", LatLon(47.81, -2.38), "river", "FR")
    matches = [_m(dataclasses.replace(town, name="Oust")), _m(river, "alt")]
    assert score_candidates(matches, query="Oust", hint="water", context=Context())[0].place is river


class _PlacesSource:
    def __init__(self, *places: Place) -> None:
        self.places = places

    def lookup(self, name: str) -> list[NameMatch]:
        return [_m(p) for p in self.places if p.name == name]


@pytest.mark.parametrize(
    ("hint", "places", "expected"),
    [
        (None, (OUST_VILLAGE,), "oust"),
        ("river", (OUST_VILLAGE,), None),  # "la crue de l'Oust": never the namesake village
        ("water", (OUST_VILLAGE,), None),
        ("river", (OUST_VILLAGE, OUST_RIVER), "oust-river"),
        ("water", (OUST_VILLAGE, OUST_RIVER), "oust-river"),
        ("water", (IRAN,), "ir"),  # "the waters of Iran": a country's waters
        ("river", (IRAN,), None),
        ("river", (dataclasses.replace(OUST_VILLAGE, id="oust-county", feature="admin2"),), "oust-county"),
        ("relief", (OUST_VILLAGE,), "oust"),  # relief and island cues are not strict
        ("mountain", (IRAN,), None),  # "le mont Cameroun" is never the country
        ("mountain", (IRAN, dataclasses.replace(MOUNT_CAMEROON, name="Iran")), "mount-cameroon"),
    ],
)
def test_water_cues_are_strict_hints(hint: str | None, places: tuple[Place, ...], expected: str | None) -> None:
    from geonews.model import Article
    from geonews.resolve import resolve_article

    name = places[0].name
    text = f"Les eaux de {name} montent."
    mention = dataclasses.replace(mentions_of(text, [name])[0], hint=hint)
    (res,) = resolve_article(Article(id="a", text=text, lang="fr"), [mention], source=_PlacesSource(*places))
    assert (res.place.id if res.place else None) == expected


def test_a_cue_in_one_mention_carries_to_the_bare_mentions_of_the_same_place() -> None:
    from geonews.model import Article
    from geonews.resolve import resolve_article

    river = Place("dnieper", "Dniepr", LatLon(49.45, 32.09), "river")
    city = Place("dnipro", "Dnipro", LatLon(48.47, 35.04), "city", "UA", population=968502)
    ukraine = Place("ua", "Ukraine", LatLon(49.0, 32.0), "country", "UA", population=41000000)
    found = {"Dniepr": [_m(river), _m(city, "alt", "Dniepr")], "Ukraine": [_m(ukraine)]}
    source = _PlacesSource()
    source.lookup = lambda name: found.get(name, [])  # type: ignore[method-assign]
    text = "En Ukraine, sur la rive gauche du Dniepr, les bateaux. Ils traversent le Dniepr."
    country, first, second = mentions_of(text, ["Ukraine", "Dniepr", "Dniepr"])
    first = dataclasses.replace(first, hint="water")
    article = Article(id="a", text=text, lang="fr")
    # alone, the bare "le Dniepr" of an article about Ukraine is the Ukrainian city
    assert [r.place.id for r in resolve_article(article, [country, second], source=source) if r.place] == \
        ["ua", "dnipro"]
    # after "la rive gauche du Dniepr", it is the river, unless the feature is off
    both = [country, first, second]
    assert [r.place.id for r in resolve_article(article, both, source=source) if r.place] == \
        ["ua", "dnieper", "dnieper"]
    off = ResolverSettings(disabled=frozenset({"placed_elsewhere"}))
    assert [r.place.id for r in resolve_article(article, both, source=source, settings=off) if r.place] == \
        ["ua", "dnieper", "dnipro"]


def test_a_small_capital_counts_as_a_town_and_loses_to_the_local_commune() -> None:
    from geonews.resolve.features import feature_prior

    grenada = Place("gd", "Saint-Georges", LatLon(12.05, -61.75), "capital", "GD", population=7500)
    guyane = Place("gf", "Saint-Georges", LatLon(3.89, -51.80), "village", "GF", population=2742)
    outcome = feature_prior(NameMatch(grenada, "fr", "Saint-Georges"), "Saint-Georges", None, Context(),
                            DEFAULT_WEIGHTS)
    assert outcome is not None
    prior, reason = outcome
    assert prior == DEFAULT_WEIGHTS.small_capital_prior and "capital of 7 500 people" in reason
    # negative case: a capital of more people keeps the capital's prior
    lome = Place("tg", "Lomé", LatLon(6.13, 1.22), "capital", "TG", population=749700)
    assert feature_prior(NameMatch(lome, "fr", "Lomé"), "Lomé", None, Context(),
                         DEFAULT_WEIGHTS) == (DEFAULT_WEIGHTS.feature_prior["capital"], "capital")
    # with the article in French Guiana, the commune wins
    context = Context(countries={"GF": 3}, anchors=(("Cayenne", LatLon(4.93, -52.33)),))
    matches = [NameMatch(grenada, "fr", "Saint-Georges"), NameMatch(guyane, "main", "Saint-Georges")]
    ranked = score_candidates(matches, query="Saint-Georges", hint=None, context=context)
    assert ranked[0].place.id == "gf"
