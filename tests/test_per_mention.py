"""Per-mention answers: a name's mentions share evidence, but a mention whose own context says more gets its own."""

from __future__ import annotations

from geonews.gazetteer.store import NameMatch
from geonews.model import Article, LatLon, Place, Resolution
from geonews.resolve.disambiguate import ResolverSettings, rank_mentions, resolve_article
from tests.helpers import sentence_mentions

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




def _resolve(text: str, names: list[str], lang: str = "fr", **settings: object) -> tuple[Resolution, ...]:
    return resolve_article(Article("a", text, lang=lang), sentence_mentions(text, names), source=_Source(),
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
    ranked = rank_mentions(Article("a", PARIS_TEXT, lang="fr"), sentence_mentions(PARIS_TEXT, PARIS_NAMES),
                           source=_Source())
    assert len(ranked) == 4
    assert [c.place for c in ranked[0][:2]] == [PARIS_TX, PARIS]
    assert [c.place for c in ranked[2][:2]] == [PARIS, PARIS_TX]


ST_DENIS_RE = Place("sd-re", "Saint-Denis", LatLon(-20.88, 55.45), "capital", "RE", "RE", population=154_765)
ST_DENIS_93 = Place("sd-93", "Saint-Denis", LatLon(48.94, 2.36), "town", "FR", "11", population=96_128)
REUNION = Place("re", "Réunion", LatLon(-21.1, 55.6), "country", "RE", population=840_000, name_fr="La Réunion")
SEINE_ST_DENIS = Place("93", "Seine-Saint-Denis", LatLon(48.91, 2.48), "admin2", "FR", "11", population=1_489_532)
TABLE.update({
    "Saint-Denis": [NameMatch(ST_DENIS_RE, "main", "Saint-Denis"), NameMatch(ST_DENIS_93, "main", "Saint-Denis")],
    "La Réunion": [NameMatch(REUNION, "fr", "La Réunion")],
    "Seine-Saint-Denis": [NameMatch(SEINE_ST_DENIS, "fr", "Seine-Saint-Denis")],
})


def test_a_repeat_in_the_sentence_of_a_stated_namesake() -> None:
    # the shared answer, Paris in France, is not the one the sentence states: the repeat is Paris
    res = _resolve("Paris, au Texas, présente ses films à Paris. La France attend.",
                   ["Paris", "Texas", "Paris", "France"])
    assert res[0].place == PARIS_TX and res[2].place == PARIS
    # no other reading stated, and the shared answer is the stated one: a repeat is the same place
    same = _resolve("Paris Gardens est à Paris, au Texas.", ["Paris", "Paris", "Texas"])
    assert same[0].place == same[1].place == PARIS_TX
    later = _resolve("Paris, au Texas, présente ses films. Paris est fière.", ["Paris", "Texas", "Paris"])
    assert later[2].place == PARIS_TX  # in another sentence, the one just stated


def test_after_stated_namesakes_that_disagree_the_last_one_stated() -> None:
    text = ("Des lycéens de Saint-Denis de La Réunion reçus à Saint-Denis. Les lycéens de Saint-Denis, "
            "chef-lieu de La Réunion, ont été reçus à Saint-Denis, en Seine-Saint-Denis. "
            "En avril, une délégation de Saint-Denis partira.")
    names = ["Saint-Denis", "La Réunion", "Saint-Denis", "Saint-Denis", "La Réunion", "Saint-Denis",
             "Seine-Saint-Denis", "Saint-Denis"]
    res = _resolve(text, names)
    assert [r.place for r in res if r.mention.text == "Saint-Denis"] == [
        ST_DENIS_RE, ST_DENIS_93, ST_DENIS_RE, ST_DENIS_93, ST_DENIS_93]
    assert any("placed just before" in r for r in res[-1].reasons)
    # a mention that only follows another has no evidence of its own: less sure than the stated one
    # (the calibrated confidence of a near tie still counts what else is known of the reading: a town, in a
    # French text; see geonews.resolve.calibration)
    assert res[-1].confidence < res[5].confidence - 0.03
    assert any("places elsewhere" in r for r in res[2].reasons)


def test_explain_shows_a_mention_ranked_on_its_own() -> None:
    from geonews.resolve.disambiguate import explain_candidates, format_explanation

    out = explain_candidates(Article("a", PARIS_TEXT, lang="fr"), sentence_mentions(PARIS_TEXT, PARIS_NAMES),
                             source=_Source())
    assert [(e.text, e.start) for e in out] == [("Paris", None), ("Paris", 0), ("Texas", None), ("France", None)]
    assert out[0].candidates[0].place == PARIS and out[1].candidates[0].place == PARIS_TX
    assert format_explanation(out[1]).startswith("Paris at 0  (confidence")
