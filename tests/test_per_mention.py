"""Per-mention answers: a name's mentions share evidence, but a mention whose own context says more gets its own."""

from __future__ import annotations

from geonews.gazetteer.store import NameMatch
from geonews.model import Article, LatLon, Mention, Place, Resolution
from geonews.resolve.disambiguate import ResolverSettings, rank_mentions, resolve_article

PARIS = Place("par", "Paris", LatLon(48.85, 2.35), "capital", "FR", "11", population=2_138_551)
PARIS_TX = Place("par-tx", "Paris", LatLon(33.66, -95.56), "town", "US", "TX", population=24_171)
TEXAS = Place("tx", "Texas", LatLon(31.25, -99.25), "admin1", "US", "TX", population=22_000_000)
FRANCE = Place("fr", "France", LatLon(46.0, 2.0), "country", "FR", population=67_000_000)
COLUMBIA_SC = Place("col-sc", "Columbia", LatLon(34.0, -81.03), "city", "US", "SC", population=133_803)
COLUMBIA_KY = Place("col-ky", "Columbia", LatLon(37.1, -85.31), "village", "US", "KY", population=4_452)
KENTUCKY = Place("ky", "Kentucky", LatLon(38.2, -84.87), "admin1", "US", "KY", population=4_400_000)
BHAM_GB = Place("bham", "Birmingham", LatLon(52.48, -1.9), "city", "GB", "ENG", population=1_157_603)
BHAM_AL = Place("bham-al", "Birmingham", LatLon(33.52, -86.8), "city", "US", "AL", population=196_357)
ALABAMA = Place("al", "Alabama", LatLon(32.75, -86.75), "admin1", "US", "AL", population=4_900_000)
ENGLAND = Place("eng", "England", LatLon(52.16, -0.7), "admin1", "GB", "ENG", population=53_000_000)

TABLE: dict[str, list[NameMatch]] = {
    "Paris": [NameMatch(PARIS, "fr", "Paris"), NameMatch(PARIS_TX, "main", "Paris")],
    "Texas": [NameMatch(TEXAS, "fr", "Texas")],
    "France": [NameMatch(FRANCE, "fr", "France")],
    "Columbia": [NameMatch(COLUMBIA_SC, "main", "Columbia"), NameMatch(COLUMBIA_KY, "main", "Columbia")],
    "COLUMBIA": [NameMatch(COLUMBIA_SC, "main", "Columbia"), NameMatch(COLUMBIA_KY, "main", "Columbia")],
    "Kentucky": [NameMatch(KENTUCKY, "en", "Kentucky")],
    "Birmingham": [NameMatch(BHAM_GB, "en", "Birmingham"), NameMatch(BHAM_AL, "main", "Birmingham")],
    "Alabama": [NameMatch(ALABAMA, "en", "Alabama")],
    "England": [NameMatch(ENGLAND, "en", "England")],
}


class _Source:
    def lookup(self, name: str) -> list[NameMatch]:
        return TABLE.get(name, [])


def _mentions(text: str, names: list[str]) -> list[Mention]:
    out, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        out.append(Mention("a", start, start + len(name), name, text, 0))
        pos = start + len(name)
    return out


def _resolve(text: str, names: list[str], lang: str = "fr", **settings: object) -> tuple[Resolution, ...]:
    return resolve_article(Article("a", text, lang=lang), _mentions(text, names), source=_Source(),
                           settings=ResolverSettings(**settings))  # type: ignore[arg-type]


PARIS_TEXT = "Paris, au Texas, présente ses films à Paris. La délégation fera le voyage jusqu'en France."
PARIS_NAMES = ["Paris", "Texas", "Paris", "France"]


def test_a_stated_mention_gets_its_own_answer() -> None:
    res = _resolve(PARIS_TEXT, PARIS_NAMES)
    assert res[0].place == PARIS_TX and res[2].place == PARIS
    assert any("Texas" in r for r in res[0].reasons) and not any("Texas" in r for r in res[2].reasons)
    assert res[0].confidence != res[2].confidence


def test_per_mention_off_gives_one_answer_per_name() -> None:
    res = _resolve(PARIS_TEXT, PARIS_NAMES, disabled=frozenset({"per_mention"}))
    assert res[0].place == res[2].place


def test_other_mentions_follow_the_stated_reading_without_evidence_against_it() -> None:
    text = "COLUMBIA, Kentucky - A man was arrested. He was taken to a hospital in Columbia for treatment."
    res = _resolve(text, ["COLUMBIA", "Kentucky", "Columbia"], lang="en")
    assert res[0].place == COLUMBIA_KY and res[2].place == COLUMBIA_KY
    alone = _resolve("He was taken to a hospital in Columbia for treatment.", ["Columbia"], lang="en")
    assert alone[0].place == COLUMBIA_SC  # without the dateline, the larger namesake


def test_two_namesakes_each_stated() -> None:
    text = "A museum in Birmingham, Alabama, will lend documents to the museum in Birmingham, England."
    res = _resolve(text, ["Birmingham", "Alabama", "Birmingham", "England"], lang="en")
    assert [r.place for r in res] == [BHAM_AL, ALABAMA, BHAM_GB, ENGLAND]


def test_rank_mentions_is_per_mention() -> None:
    ranked = rank_mentions(Article("a", PARIS_TEXT, lang="fr"), _mentions(PARIS_TEXT, PARIS_NAMES),
                           source=_Source())
    assert len(ranked) == 4
    assert [c.place for c in ranked[0][:2]] == [PARIS_TX, PARIS]
    assert [c.place for c in ranked[2][:2]] == [PARIS, PARIS_TX]
