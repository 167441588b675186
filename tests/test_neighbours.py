"""Neighbours in the text: "place, region" containment and lists of one kind."""

from __future__ import annotations

from geonews.extract import mentions_from_spans
from geonews.gazetteer.store import Gazetteer
from geonews.model import Article, LatLon, Place
from geonews.resolve import GazetteerSource, resolve_article
from geonews.resolve.neighbours import CONTAINMENT_BONUS, LIST_BONUS, neighbour_boosts
from tests.helpers import mentions_of

GA_STATE = Place("ga", "Georgia", LatLon(32.75, -83.5), "admin1", "US", "GA")
GE_COUNTRY = Place("ge", "Georgia", LatLon(42.0, 43.5), "country", "GE")
ATLANTA = Place("atl", "Atlanta", LatLon(33.75, -84.39), "city", "US", "GA")
ARMENIA = Place("am", "Armenia", LatLon(40.25, 45.0), "country", "AM")
IRAQ = Place("iq", "Iraq", LatLon(33.0, 44.0), "country", "IQ")
OHIO = Place("oh", "Ohio", LatLon(40.25, -82.75), "admin1", "US", "OH")
OREGON_STATE = Place("or", "Oregon", LatLon(44.0, -120.5), "admin1", "US", "OR")
OREGON_OHIO = Place("or-oh", "Oregon", LatLon(41.64, -83.49), "town", "US", "OH")


def test_place_comma_region_boosts_both_consistent_readings() -> None:
    text = "from Atlanta, Georgia to Kansas"
    ms = mentions_of(text, ["Atlanta", "Georgia"])
    boosts = neighbour_boosts(text, [(ms[0], "atl"), (ms[1], "geo")],
                              {"atl": [ATLANTA], "geo": [GE_COUNTRY, GA_STATE]}, {})
    assert boosts["geo"] == {"ga": (CONTAINMENT_BONUS, "“Atlanta, Georgia”: contains Atlanta")}
    assert boosts["atl"]["atl"][0] == CONTAINMENT_BONUS


def test_no_containment_without_a_comma_or_a_consistent_reading() -> None:
    text = "Atlanta and Georgia"
    ms = mentions_of(text, ["Atlanta", "Georgia"])
    assert neighbour_boosts(text, [(ms[0], "a"), (ms[1], "g")], {"a": [ATLANTA], "g": [GE_COUNTRY, GA_STATE]},
                            {}) == {}
    text = "Tbilisi, Georgia"
    ms = mentions_of(text, ["Tbilisi", "Georgia"])
    paris = Place("p", "Tbilisi", LatLon(48.85, 2.35), "capital", "FR")  # no reading lies in either Georgia
    assert neighbour_boosts(text, [(ms[0], "t"), (ms[1], "g")], {"t": [paris], "g": [GE_COUNTRY, GA_STATE]},
                            {}) == {}


def test_a_list_of_countries_votes_for_the_country_reading() -> None:
    text = "Armenia, Georgia, and Iraq"
    ms = mentions_of(text, ["Armenia", "Georgia", "Iraq"])
    keys = [(ms[0], "am"), (ms[1], "geo"), (ms[2], "iq")]
    candidates = {"am": [ARMENIA], "geo": [GA_STATE, GE_COUNTRY], "iq": [IRAQ]}
    boosts = neighbour_boosts(text, keys, candidates, {"am": ARMENIA, "iq": IRAQ})
    assert boosts["geo"] == {"ge": (LIST_BONUS, "listed with other countries")}


def test_a_list_of_regions_votes_for_a_region_of_the_same_country() -> None:
    text = "Michigan, Oregon, Ohio"
    ms = mentions_of(text, ["Michigan", "Oregon", "Ohio"])
    michigan = Place("mi", "Michigan", LatLon(44.25, -85.5), "admin1", "US", "MI")
    keys = [(ms[0], "mi"), (ms[1], "or"), (ms[2], "oh")]
    boosts = neighbour_boosts(text, keys, {"mi": [michigan], "or": [OREGON_STATE, OREGON_OHIO], "oh": [OHIO]},
                              {"mi": michigan, "oh": OHIO})
    assert set(boosts["or"]) == {"or"}
    assert boosts["or"]["or"][1] == "listed with other regions of US"


def test_us_state_after_a_city_beats_the_country(mini_gazetteer: Gazetteer) -> None:
    text = "The flight from Atlanta, Georgia landed."
    article = Article("t", text, lang="en")
    start = text.index("Atlanta")
    spans = [(start, start + 7), (start + 9, start + 16)]
    res = resolve_article(article, mentions_from_spans(article, spans), source=GazetteerSource(mini_gazetteer))
    assert res[1].place is not None and res[1].place.id == "gn:4197000"
    assert any("Atlanta, Georgia" in r for r in res[1].reasons)


def test_inside_a_longer_list_a_region_name_is_an_item_not_a_town() -> None:
    # Oregon the town (Ohio) first: without the list, "Oregon, Ohio" reads as containment
    text = "states including Georgia, Oregon, Ohio and Iraq"
    ms = mentions_of(text, ["Georgia", "Oregon", "Ohio", "Iraq"])
    keys = ["geo", "or", "oh", "iq"]
    matches = {"geo": [GE_COUNTRY, GA_STATE], "or": [OREGON_OHIO, OREGON_STATE], "oh": [OHIO], "iq": [IRAQ]}
    boosts = neighbour_boosts(text, list(zip(ms, keys, strict=True)), matches, {})
    assert "or-oh" not in boosts.get("or", {})
    pair = "from Oregon, Ohio to Kansas"  # two names alone: the town of Ohio
    ms = mentions_of(pair, ["Oregon", "Ohio"])
    boosts = neighbour_boosts(pair, [(ms[0], "or"), (ms[1], "oh")], matches, {})
    assert boosts["or"]["or-oh"][0] == CONTAINMENT_BONUS
