"""Step ``foreign_namesake``: a small settlement known by the name only as an untagged alternate, abroad."""

from __future__ import annotations

from geonews.gazetteer.store import NameMatch
from geonews.model import Article, LatLon, Place
from geonews.resolve.disambiguate import ResolverSettings, resolve_article
from tests.helpers import TableSource, sentence_mentions

# invented places, shaped like the gazetteer's
VILLAGE_TH = Place("v-th", "Sanom", LatLon(15.2, 103.8), "village", "TH", population=3_000)
VILLAGE_NE = Place("v-ne", "Tamou", LatLon(12.8, 2.2), "village", "NE", population=4_000)
NIGER = Place("ne", "Niger", LatLon(17.6, 8.1), "country", "NE", population=22_000_000)
BORDES_FR = Place("b-fr", "Bordes", LatLon(43.2, -0.3), "village", "FR", population=2_900)
THAILAND = Place("th", "Thaïlande", LatLon(15.5, 101.0), "country", "TH", population=69_000_000)

TABLE: dict[str, list[NameMatch]] = {
    "Sanam": [NameMatch(VILLAGE_TH, "alt", "Sanam")],
    "Tamou": [NameMatch(VILLAGE_NE, "main", "Tamou")],
    "Niger": [NameMatch(NIGER, "fr", "Niger")],
    "Bordes": [NameMatch(BORDES_FR, "main", "Bordes")],
    "Thaïlande": [NameMatch(THAILAND, "fr", "Thaïlande")],
}


def _places(text: str, names: list[str], **settings: object) -> list[Place | None]:
    res = resolve_article(Article("a", text, lang="fr"), sentence_mentions(text, names), source=TableSource(TABLE),
                          settings=ResolverSettings(**settings))  # type: ignore[arg-type]
    return [r.place for r in res]


def test_an_alternate_name_of_a_village_abroad_is_no_reading() -> None:
    text = "Au Niger, quatorze soldats ont été tués dans la commune de Sanam."
    assert _places(text, ["Niger", "Sanam"]) == [NIGER, None]
    assert _places(text, ["Niger", "Sanam"], disabled=frozenset({"foreign_namesake"})) == [NIGER, VILLAGE_TH]


def test_a_village_under_its_own_name_or_in_a_country_the_article_names_stays() -> None:
    assert _places("Au Niger, des soldats ont été tués à Tamou.", ["Niger", "Tamou"]) == [NIGER, VILLAGE_NE]
    text = "En Thaïlande, une crue a touché Sanam."
    assert _places(text, ["Thaïlande", "Sanam"]) == [THAILAND, VILLAGE_TH]


def test_an_article_that_names_no_country_keeps_the_reading() -> None:
    assert _places("Une crue a touché Sanam hier.", ["Sanam"]) == [VILLAGE_TH]


def test_a_facility_is_not_put_at_a_small_namesake_abroad() -> None:
    text = "Au Niger, le Centre de santé de Bordes a rouvert."
    assert _places(text, ["Niger", "Centre de santé de Bordes"]) == [NIGER, None]
    off = _places(text, ["Niger", "Centre de santé de Bordes"], disabled=frozenset({"foreign_namesake"}))
    assert off == [NIGER, BORDES_FR]
