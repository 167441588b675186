"""Resolution on modern news: world cities, a name under two trigger words, spans that run past a name."""

from __future__ import annotations

from geonews.extract import mentions_from_spans
from geonews.gazetteer.store import NameMatch
from geonews.model import Article, LatLon, Mention, Place, Resolution
from geonews.resolve.disambiguate import ResolverSettings, resolve_article
from geonews.resolve.features import world_cities

# invented places and populations, shaped like the gazetteer's
VERONA = Place("ver", "Vérone", LatLon(45.44, 10.99), "capital", "IT", "34", population=2_500_000)
VERONA_NJ = Place("ver-nj", "Verona", LatLon(40.83, -74.24), "town", "US", "NJ", population=13_000)
NEW_JERSEY = Place("nj", "New Jersey", LatLon(40.0, -74.5), "admin1", "US", "NJ", population=9_000_000)
TRENTON = Place("tre", "Trenton", LatLon(40.22, -74.76), "city", "US", "NJ", population=90_000)
USA = Place("us", "États-Unis", LatLon(38.0, -97.0), "country", "US", population=330_000_000)
LAKETOWN = Place("lk", "Laketown", LatLon(41.0, -80.0), "city", "US", "OH", population=300_000)
LAKETOWN_STATE = Place("lk-st", "Laketown", LatLon(38.0, -86.0), "admin1", "US", "OH", population=11_000_000)

TABLE: dict[str, list[NameMatch]] = {
    "Vérone": [NameMatch(VERONA, "fr", "Vérone"), NameMatch(VERONA_NJ, "main", "Verona")],
    "New Jersey": [NameMatch(NEW_JERSEY, "fr", "New Jersey")],
    "Trenton": [NameMatch(TRENTON, "main", "Trenton")],
    "États-Unis": [NameMatch(USA, "fr", "États-Unis")],
    "Laketown": [NameMatch(LAKETOWN_STATE, "main", "Laketown"), NameMatch(LAKETOWN, "fr", "Laketown")],
}


class _Source:
    def lookup(self, name: str) -> list[NameMatch]:
        return TABLE.get(name, [])


def _mentions(text: str, names: list[str]) -> list[Mention]:
    spans, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        spans.append((start, start + len(name)))
        pos = start + len(name)
    return list(mentions_from_spans(Article("a", text, lang="fr"), spans))


def _resolve(text: str, names: list[str], **settings: object) -> tuple[Resolution, ...]:
    return resolve_article(Article("a", text, lang="fr"), _mentions(text, names), source=_Source(),
                           settings=ResolverSettings(**settings))  # type: ignore[arg-type]


# -- world_city

VERONA_TEXT = ("Le chœur de Trenton, dans le New Jersey, part en tournée aux États-Unis, "
               "puis chantera à Vérone en juillet.")
VERONA_NAMES = ["Trenton", "New Jersey", "États-Unis", "Vérone"]


def test_a_world_city_beats_a_small_namesake_of_the_story_s_state() -> None:
    res = _resolve(VERONA_TEXT, VERONA_NAMES)
    assert res[3].place == VERONA
    assert any("world city" in r for r in res[3].reasons)


def test_without_world_city_the_story_s_state_wins() -> None:
    res = _resolve(VERONA_TEXT, VERONA_NAMES, disabled=frozenset({"world_city"}))
    assert res[3].place == VERONA_NJ


def test_a_stated_namesake_still_wins_over_the_world_city() -> None:
    text = "Le chœur de Vérone, dans le New Jersey, part en tournée."
    res = _resolve(text, ["Vérone", "New Jersey"])
    assert res[0].place == VERONA_NJ


def test_no_world_city_when_a_namesake_is_not_far_smaller() -> None:
    big_namesake = Place("x", "Vérone", LatLon(10.0, 10.0), "city", "ZZ", population=500_000)
    matches = [NameMatch(VERONA, "fr", "Vérone"), NameMatch(big_namesake, "main", "Vérone")]
    assert world_cities(matches) == frozenset()
    # the same namesake matched only by an untagged alternate name is no rival
    assert world_cities([*matches[:1], NameMatch(big_namesake, "alt", "Verone"),
                         NameMatch(VERONA_NJ, "main", "Verona")]) == frozenset({"ver"})


def test_a_small_city_is_no_world_city() -> None:
    assert world_cities([NameMatch(VERONA_NJ, "main", "Verona")]) == frozenset()


# -- same_name_support

LAKETOWN_TEXT = "Le maire de Laketown a voté. La ville de Laketown a subi la tempête. Laketown attend l'aide."
LAKETOWN_NAMES = ["Laketown", "ville de Laketown", "Laketown"]


def test_a_name_does_not_support_itself_under_another_trigger_word() -> None:
    res = _resolve(LAKETOWN_TEXT, LAKETOWN_NAMES)
    assert res[1].place == LAKETOWN  # "la ville de": the city
    assert res[0].place == LAKETOWN and res[2].place == LAKETOWN
    assert not any("contains another place" in r for r in res[0].reasons)


def test_with_self_support_the_city_makes_the_state_contain_a_place() -> None:
    res = _resolve(LAKETOWN_TEXT, LAKETOWN_NAMES, disabled=frozenset({"same_name_support"}))
    assert res[0].place == LAKETOWN_STATE
    assert any("contains another place" in r for r in res[0].reasons)
