"""The ``stated_location`` feature: "Moscou, dans l'Idaho", "Tripoli, au nord du Liban", "X (Ontario)"."""

from __future__ import annotations

import pytest

from geonews.gazetteer.store import NameMatch
from geonews.model import Article, LatLon, Place
from geonews.resolve.disambiguate import ResolverSettings, resolve_article
from geonews.resolve.neighbours import StatedPair, apposition_hints, inside, stated_boosts, stated_pairs
from geonews.resolve.weights import ScoringWeights
from tests.helpers import mentions_of

MOSCOW = Place("mow", "Moscow", LatLon(55.75, 37.62), "capital", "RU", "48", population=10_381_222,
               name_fr="Moscou")
MOSCOW_ID = Place("mow-id", "Moscow", LatLon(46.73, -117.0), "town", "US", "ID", population=25_060)
IDAHO = Place("id", "Idaho", LatLon(44.5, -114.25), "admin1", "US", "ID", population=1_246_149)
PARIS = Place("par", "Paris", LatLon(48.85, 2.35), "capital", "FR", "11", population=2_138_551)
PARIS_TX = Place("par-tx", "Paris", LatLon(33.66, -95.56), "town", "US", "TX", population=24_171)
TEXAS = Place("tx", "Texas", LatLon(31.25, -99.25), "admin1", "US", "TX", population=22_000_000)
FRANCE = Place("fr", "France", LatLon(46.0, 2.0), "country", "FR", population=67_000_000)
TRIPOLI_LY = Place("tip", "Tripoli", LatLon(32.89, 13.19), "capital", "LY", "77", population=1_302_947)
TRIPOLI_LB = Place("tip-lb", "Tripoli", LatLon(34.44, 35.85), "city", "LB", "09", population=229_398)
LEBANON = Place("lb", "Lebanon", LatLon(33.83, 35.83), "country", "LB", population=6_000_000, name_fr="Liban")
SEINE_ST_DENIS = Place("93", "Seine-Saint-Denis", LatLon(48.91, 2.48), "admin2", "FR", "11", population=1_489_532)
ST_DENIS_RE = Place("sd-re", "Saint-Denis", LatLon(-20.88, 55.45), "capital", "RE", "RE", population=154_765)
ST_DENIS_93 = Place("sd-93", "Saint-Denis", LatLon(48.94, 2.36), "town", "FR", "11", population=96_128)

BELLEVUE_CH = Place("bel", "Bellevue", LatLon(46.26, 6.15), "village", "CH", "GE", population=3_300)

TABLE: dict[str, list[NameMatch]] = {
    "Bellevue": [NameMatch(BELLEVUE_CH, "main", "Bellevue")],
    "Moscou": [NameMatch(MOSCOW, "fr", "Moscou")],
    "Moscow": [NameMatch(MOSCOW, "main", "Moscow"), NameMatch(MOSCOW_ID, "main", "Moscow")],
    "Idaho": [NameMatch(IDAHO, "fr", "Idaho")],
    "Paris": [NameMatch(PARIS, "fr", "Paris"), NameMatch(PARIS_TX, "main", "Paris")],
    "Texas": [NameMatch(TEXAS, "fr", "Texas")],
    "France": [NameMatch(FRANCE, "fr", "France")],
    "Tripoli": [NameMatch(TRIPOLI_LY, "fr", "Tripoli"), NameMatch(TRIPOLI_LB, "main", "Tripoli")],
    "Liban": [NameMatch(LEBANON, "fr", "Liban")],
    "Seine-Saint-Denis": [NameMatch(SEINE_ST_DENIS, "fr", "Seine-Saint-Denis")],
    "Saint-Denis": [NameMatch(ST_DENIS_RE, "main", "Saint-Denis"), NameMatch(ST_DENIS_93, "main", "Saint-Denis")],
}


class _Source:
    def lookup(self, name: str) -> list[NameMatch]:
        return TABLE.get(name, [])




def _resolve(text: str, names: list[str], lang: str = "fr", **settings: object) -> list[Place | None]:
    article = Article("a", text, lang=lang)
    res = resolve_article(article, mentions_of(text, names), source=_Source(),
                          settings=ResolverSettings(**settings))  # type: ignore[arg-type]
    return [r.place for r in res]


# ------------------------------------------------------------------ the words that state a location

@pytest.mark.parametrize(("text", "names", "lang"), [
    ("Il a quitté Moscou, dans l'Idaho, hier.", ["Moscou", "Idaho"], "fr"),
    ("La ville de Paris, dans le nord-est du Texas, expose.", ["Paris", "Texas"], "fr"),
    ("Paris, au Texas, expose.", ["Paris", "Texas"], "fr"),
    ("Tripoli, au nord du Liban, a voté.", ["Tripoli", "Liban"], "fr"),
    ("Victoria, capitale des Seychelles, a rouvert.", ["Victoria", "Seychelles"], "fr"),
    ("à Moscou, petite ville universitaire de l'Idaho, selon", ["Moscou", "Idaho"], "fr"),
    ("à Saint-Denis, en Seine-Saint-Denis, lundi", ["Saint-Denis", "Seine-Saint-Denis"], "fr"),
    ("des lycéens de Saint-Denis de La Réunion reçus", ["Saint-Denis", "La Réunion"], "fr"),
    ("Berlin dans le New Hampshire mise sur le quad", ["Berlin", "New Hampshire"], "fr"),
    ("London (Ontario) a voté.", ["London", "Ontario"], "fr"),
    ("Bus drivers in London in Ontario walked off.", ["London", "Ontario"], "en"),
    ("Birmingham, the largest city in Alabama, will lend", ["Birmingham", "Alabama"], "en"),
    ("Moscow, in northern Idaho, was covered", ["Moscow", "Idaho"], "en"),
    ("Berlin, dans le nord de l'État de New Hampshire, mise", ["Berlin", "New Hampshire"], "fr"),
    ("Moscow, a small city in northern Idaho, was covered", ["Moscow", "Idaho"], "en"),
    ("Athens, in the state of Georgia, was covered", ["Athens", "Georgia"], "en"),
])
def test_stated_location_phrases(text: str, names: list[str], lang: str) -> None:
    ms = mentions_of(text, names)
    assert [(p.place, p.region) for p in stated_pairs(text, ms, lang)] == [(0, 1)]


@pytest.mark.parametrize(("text", "names"), [
    ("Alabama's Birmingham to lend its archive", ["Alabama", "Birmingham"]),
    ("Smoke covered the Idaho town of Moscow on Monday", ["Idaho", "Moscow"]),
    ("Strikers in the Ontario city London walked off", ["Ontario", "London"]),
])
def test_region_first_states_the_location_the_other_way_round(text: str, names: list[str]) -> None:
    ms = mentions_of(text, names)
    assert [(p.place, p.region) for p in stated_pairs(text, ms, "en")] == [(1, 0)]
    assert stated_pairs(text, ms, "fr") == []  # French has neither form


@pytest.mark.parametrize(("text", "names"), [
    ("He flew from Idaho to Moscow on Monday", ["Idaho", "Moscow"]),
    ("Idaho and Moscow", ["Idaho", "Moscow"]),
    ("Idaho's governor met Moscow's mayor", ["Idaho", "Moscow"]),
])
def test_no_region_first_location(text: str, names: list[str]) -> None:
    assert stated_pairs(text, mentions_of(text, names), "en") == []


@pytest.mark.parametrize(("text", "names"), [
    ("Moscou, dans la nuit de lundi, puis Kiev.", ["Moscou", "Kiev"]),  # a time expression is not a place
    ("Il est allé de Paris au Texas.", ["Paris", "Texas"]),  # a journey, not a location
    ("Paris et le Texas.", ["Paris", "Texas"]),
    ("Lyon, Marseille et Nice.", ["Lyon", "Marseille"]),  # a bare comma is the containment step's
    ("Paris, dont le maire a parlé au Texas.", ["Paris", "Texas"]),
    ("Paris. Au Texas, rien.", ["Paris", "Texas"]),
])
def test_no_stated_location(text: str, names: list[str]) -> None:
    assert stated_pairs(text, mentions_of(text, names), "fr") == []


# ------------------------------------------------------------------ containment and bonuses

def test_inside_countries_regions_and_departements() -> None:
    assert inside(TEXAS, PARIS_TX) and not inside(TEXAS, PARIS)
    assert inside(LEBANON, TRIPOLI_LB) and not inside(LEBANON, TRIPOLI_LY)
    assert inside(SEINE_ST_DENIS, ST_DENIS_93) and not inside(SEINE_ST_DENIS, ST_DENIS_RE)
    assert not inside(FRANCE, FRANCE) and not inside(PARIS, PARIS_TX)  # a city contains nothing here
    assert not inside(SEINE_ST_DENIS, ST_DENIS_93, admin2_km=1.0)


def test_stated_boosts_the_reading_inside_the_region_and_the_region() -> None:
    texas = stated_boosts([StatedPair(0, 1, "Paris, dans le Texas")], [[PARIS, PARIS_TX], [TEXAS]])
    assert set(texas[0]) == {"par-tx"} and set(texas[1]) == {"tx"}
    france = stated_boosts([StatedPair(0, 1, "Paris, en France")], [[PARIS, PARIS_TX], [FRANCE]])
    assert set(france[0]) == {"par"}
    # no Paris in Lebanon: both readings are namesakes (a penalty, so a lone weak one stays unresolved)
    lebanon = stated_boosts([StatedPair(0, 1, "Paris, au Liban")], [[PARIS, PARIS_TX], [LEBANON]])
    assert {k: v[0] for k, v in lebanon[0].items()} == {"par": -4.0, "par-tx": -4.0} and 1 not in lebanon
    weights = ScoringWeights.from_mapping({"stated_location": 1.5})
    assert stated_boosts([StatedPair(0, 1, "x")], [[PARIS_TX], [TEXAS]], weights=weights)[0]["par-tx"][0] == 1.5


# ------------------------------------------------------------------ the feature in the resolver

def test_paris_dans_le_texas_vs_paris_en_france() -> None:
    assert _resolve("Paris, dans le Texas, a voté.", ["Paris", "Texas"])[0] == PARIS_TX
    assert _resolve("Paris, en France, a voté.", ["Paris", "France"])[0] == PARIS


def test_moscou_dans_l_idaho_is_found_under_another_name() -> None:
    assert _resolve("Il a quitté Moscou, dans l'Idaho, hier.", ["Moscou", "Idaho"])[0] == MOSCOW_ID
    assert _resolve("Il a quitté Moscou, dans la nuit, puis l'Idaho.", ["Moscou", "Idaho"])[0] == MOSCOW


def test_tripoli_au_nord_du_liban_and_saint_denis_en_seine_saint_denis() -> None:
    assert _resolve("Tripoli, au nord du Liban, a voté.", ["Tripoli", "Liban"])[0] == TRIPOLI_LB
    assert _resolve("Tripoli a voté.", ["Tripoli"])[0] == TRIPOLI_LY
    assert _resolve("à Saint-Denis, en Seine-Saint-Denis, lundi.", ["Saint-Denis", "Seine-Saint-Denis"])[0] \
        == ST_DENIS_93


def test_stated_location_can_be_switched_off_and_weighed() -> None:
    text, names = "Il a quitté Moscou, dans l'Idaho, hier.", ["Moscou", "Idaho"]
    assert _resolve(text, names, disabled=frozenset({"stated_location"}))[0] == MOSCOW
    light = ScoringWeights.from_mapping({"stated_location": 0.0})
    assert _resolve("Tripoli, au nord du Liban, a voté.", ["Tripoli", "Liban"], weights=light)[0] == TRIPOLI_LY


def test_stated_location_gives_its_reason_and_a_sure_answer() -> None:
    text = "Il a quitté Moscou, dans l'Idaho, hier."
    res = resolve_article(Article("a", text, lang="fr"), mentions_of(text, ["Moscou", "Idaho"]), source=_Source())
    assert any(r.startswith("the text says it is in Idaho") for r in res[0].reasons)
    assert res[0].confidence >= 0.9


# ------------------------------------------------------------------ apposition_kind

GE = Place("ge", "Georgia", LatLon(42.0, 43.5), "country", "GE", population=3_700_000, name_fr="Géorgie")
GA = Place("ga", "Georgia", LatLon(32.75, -83.5), "admin1", "US", "GA", population=10_000_000, name_fr="Géorgie")
ATLANTA = Place("atl", "Atlanta", LatLon(33.75, -84.39), "city", "US", "GA", population=463_878)
TABLE.update({"Géorgie": [NameMatch(GE, "fr", "Géorgie"), NameMatch(GA, "fr", "Géorgie")],
              "Atlanta": [NameMatch(ATLANTA, "fr", "Atlanta")]})


@pytest.mark.parametrize(("after", "hint"), [
    (", ancienne république soviétique,", "country"),
    (", la capitale de l'État,", "city"),
    (", un village de 900 habitants,", "village"),
    (", province du Canada,", "admin"),
])
def test_apposition_hints(after: str, hint: str) -> None:
    text = f"Il vient de Géorgie{after} et vit à Atlanta."
    assert apposition_hints(text, mentions_of(text, ["Géorgie", "Atlanta"]), "fr")[0][0] == hint


@pytest.mark.parametrize("text", [
    "Il vient de Géorgie, dans la nuit, et vit à Atlanta.",
    "Il vient de Géorgie, puis la république tchèque, et vit à Atlanta.",
    "Il vient de Géorgie et vit à Atlanta, république.",
])
def test_no_apposition_hint(text: str) -> None:
    assert 0 not in apposition_hints(text, mentions_of(text, ["Géorgie", "Atlanta"]), "fr")


def test_apposition_kind_gives_that_mention_its_own_answer() -> None:
    text = "Des vignerons d'Atlanta, aux portes de la Géorgie. Le vin de Géorgie, ancienne république soviétique."
    places = _resolve(text, ["Atlanta", "Géorgie", "Géorgie"])
    assert places[1] == GA and places[2] == GE
    off = _resolve(text, ["Atlanta", "Géorgie", "Géorgie"], disabled=frozenset({"apposition_kind"}))
    assert off[2] == GA


def test_a_place_known_only_in_another_country_than_the_stated_one_stays_unresolved() -> None:
    # the table knows a Bellevue in Switzerland only: "Bellevue, dans le Texas" is not it
    text = "Une tornade a frappé Bellevue, dans le Texas, dimanche."
    assert _resolve(text, ["Bellevue", "Texas"]) == [None, TEXAS]
    # without the step, the lone reading is taken, on another continent
    assert _resolve(text, ["Bellevue", "Texas"], disabled=frozenset({"stated_location"}))[0] == BELLEVUE_CH
    # a world city keeps its reading: "l'offensive de Moscou, en Ukraine" is an actor, not a stated location
    assert _resolve("Une tornade a frappé Moscou, dans le Texas.", ["Moscou", "Texas"])[0] == MOSCOW


def test_a_stated_country_that_holds_a_reading_keeps_it() -> None:
    assert _resolve("Il vit à Tripoli, au nord du Liban.", ["Tripoli", "Liban"]) == [TRIPOLI_LB, LEBANON]
