"""Resolution on modern news: world cities, a name under two trigger words, spans that run past a name."""

from __future__ import annotations

from geonews.extract import mentions_from_entities, mentions_from_spans
from geonews.gazetteer.store import NameMatch
from geonews.model import Article, LatLon, Place, Resolution
from geonews.resolve.disambiguate import ResolverSettings, resolve_article
from geonews.resolve.features import world_cities
from tests.helpers import sentence_mentions

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




def _resolve(text: str, names: list[str], **settings: object) -> tuple[Resolution, ...]:
    return resolve_article(Article("a", text, lang="fr"), sentence_mentions(text, names), source=_Source(),
                           settings=ResolverSettings(**settings))  # type: ignore[arg-type]


# -- world_city

VERONA_TEXT = "Le chœur du New Jersey part en tournée aux États-Unis, puis chantera à Vérone en juillet."
VERONA_NAMES = ["New Jersey", "États-Unis", "Vérone"]


def test_a_world_city_beats_a_small_namesake_of_the_story_s_state() -> None:
    res = _resolve(VERONA_TEXT, VERONA_NAMES)
    assert res[2].place == VERONA
    assert any("world city" in r for r in res[2].reasons)


def test_without_world_city_the_story_s_state_wins() -> None:
    res = _resolve(VERONA_TEXT, VERONA_NAMES, disabled=frozenset({"world_city"}))
    assert res[2].place == VERONA_NJ


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


# -- partial_name: spans the gazetteer lacks as a whole

HARBOURTON = Place("hb", "Harbourton", LatLon(44.0, -70.0), "city", "CA", "QC", population=400_000)
HARBOURTON_TOWN = Place("hb-t", "Harbourton", LatLon(44.5, -70.3), "village", "CA", "QC", population=900)
CANADA = Place("ca", "Canada", LatLon(60.0, -95.0), "country", "CA", population=38_000_000)
VALDORIA = Place("vd", "Valdoria", LatLon(10.0, 20.0), "country", "VD", population=12_000_000)
MERIDIA = Place("md", "Méridia", LatLon(12.0, 24.0), "country", "MD", population=9_000_000)
SOUTHERN = Place("sud", "Sud", LatLon(18.0, -73.0), "admin1", "HT", "HT-SD", population=700_000)
KELP_VILLAGE = Place("kelp", "Kelp", LatLon(47.0, 3.0), "village", "FR", population=300)
KELP_ISLE = Place("kelp-i", "Kelp", LatLon(49.0, -6.0), "island", "GB")
KELP_COUNTY = Place("kelp-c", "Kelp County", LatLon(44.0, -70.0), "admin2", "US", "ME", population=100_000)
PARTIAL: dict[str, list[NameMatch]] = {
    "Harbourton": [NameMatch(HARBOURTON, "fr", "Harbourton"), NameMatch(HARBOURTON_TOWN, "main", "Harbourton")],
    "Canada": [NameMatch(CANADA, "fr", "Canada")],
    "Valdoria": [NameMatch(VALDORIA, "fr", "Valdoria")],
    "Méridia": [NameMatch(MERIDIA, "fr", "Méridia")],
    "Sud": [NameMatch(SOUTHERN, "fr", "Sud")],
    "Kelp": [NameMatch(KELP_VILLAGE, "main", "Kelp")],
    "Oursin": [NameMatch(KELP_ISLE, "fr", "Oursin"), NameMatch(KELP_VILLAGE, "main", "Oursin")],
    "Ormeau": [NameMatch(KELP_COUNTY, "main", "Ormeau"), NameMatch(KELP_VILLAGE, "main", "Ormeau")],
}


class _Partial:
    def lookup(self, name: str) -> list[NameMatch]:
        return PARTIAL.get(name, [])


def _one(text: str, span: str, **settings: object) -> Resolution:
    start = text.index(span)
    mentions = list(mentions_from_spans(Article("a", text, lang="fr"), [(start, start + len(span))]))
    return resolve_article(Article("a", text, lang="fr"), mentions, source=_Partial(),
                           settings=ResolverSettings(**settings))[0]  # type: ignore[arg-type]


def test_a_facility_is_placed_at_the_settlement_its_name_ends_in_less_surely() -> None:
    text = "Le Musée des beaux-arts de Harbourton expose des peintres flamands."
    res = _one(text, "Musée des beaux-arts de Harbourton")
    assert res.place == HARBOURTON
    assert any("placed at Harbourton" in r and "not in the gazetteer" in r for r in res.reasons)
    plain = _one("Les peintres flamands sont à Harbourton.", "Harbourton")
    assert plain.place == HARBOURTON and res.confidence < plain.confidence


def test_a_facility_host_must_be_named_exactly() -> None:
    # "La Harbourton" is not "Harbourton": no host, left unresolved
    assert _one("L'observatoire de La Harbourton est fermé.", "observatoire de La Harbourton").place is None


def test_without_partial_name_a_facility_stays_unresolved() -> None:
    text = "Le Musée des beaux-arts de Harbourton expose des peintres flamands."
    assert _one(text, "Musée des beaux-arts de Harbourton", disabled=frozenset({"partial_name"})).place is None


def test_a_span_that_runs_past_a_name_is_read_as_the_name() -> None:
    res = _one("Le gouverneur de Valdoria Jean Dupont a parlé.", "Valdoria Jean Dupont")
    assert res.place == VALDORIA and any("read as “Valdoria”" in r for r in res.reasons)
    pair = _one("La frontière Valdoria-Méridia est fermée.", "Valdoria-Méridia")
    assert pair.place == VALDORIA and any("names two places" in r for r in pair.reasons)
    assert pair.confidence < _one("La frontière de Valdoria est fermée.", "Valdoria").confidence
    assert _one("Valdoria\n\nLe ministre a parlé.", "Valdoria\n\nLe ministre").place == VALDORIA


def test_a_name_cut_out_of_a_span_must_be_prominent() -> None:
    # a village is no safe reading of a longer span
    assert _one("Le maire Kelp Dupont a parlé.", "Kelp Dupont").place is None
    # "Sud-Soudan" is one name, not the region "Sud" and a second name
    assert _one("La paix au Sud-Valdoria reste fragile.", "Sud-Valdoria").place is None


def test_a_natural_feature_cue_keeps_its_kind() -> None:
    # "l'île Oursin": the island, not the namesake village
    assert _one("Ils ont débarqué sur l'île Oursin hier.", "île Oursin").place == KELP_ISLE
    # "la rivière Kelp": the gazetteer has no river Kelp; never the village
    assert _one("La rivière Kelp a débordé.", "rivière Kelp").place is None
    assert _one("La forêt de la rivière Kelp brûle.", "forêt de la rivière Kelp").place is None


# -- namesake_kin: a name's bare mentions among namesakes

BELLE_V = Place("bv", "Bellerive", LatLon(10.0, 10.0), "town", "VD", "V1", population=40_000)
BELLE_A = Place("ba", "Bellerive", LatLon(40.0, 40.0), "town", "AR", "A1", population=30_000)
VALDOR = Place("vd", "Valdor", LatLon(11.0, 11.0), "country", "VD", population=5_000_000)
ARDANIE = Place("ar", "Ardanie", LatLon(41.0, 41.0), "country", "AR", population=6_000_000)
KIN: dict[str, list[NameMatch]] = {
    "Bellerive": [NameMatch(BELLE_V, "main", "Bellerive"), NameMatch(BELLE_A, "main", "Bellerive")],
    "Bellerive du Valdor": [NameMatch(BELLE_V, "main", "Bellerive du Valdor")],
    "Valdor": [NameMatch(VALDOR, "fr", "Valdor")],
    "Ardanie": [NameMatch(ARDANIE, "fr", "Ardanie")],
}


class _Kin:
    def lookup(self, name: str) -> list[NameMatch]:
        return KIN.get(name, [])


def _kin(text: str, names: list[str], **settings: object) -> tuple[Resolution, ...]:
    return resolve_article(Article("a", text, lang="fr"), sentence_mentions(text, names), source=_Kin(),
                           settings=ResolverSettings(**settings))  # type: ignore[arg-type]


def test_a_repeat_in_the_sentence_of_a_longer_namesake_span_is_the_other_namesake() -> None:
    text = ("Des élèves de Bellerive du Valdor reçus à Bellerive. Les élèves ont été accueillis à Bellerive, "
            "en Ardanie, lundi.")
    names = ["Bellerive du Valdor", "Bellerive", "Bellerive", "Ardanie"]
    res = _kin(text, names)
    assert res[0].place == BELLE_V and res[2].place == BELLE_A
    assert res[1].place == BELLE_A and any("places elsewhere" in r for r in res[1].reasons)
    assert _kin(text, names, disabled=frozenset({"namesake_kin"}))[1].place == BELLE_V


def test_after_namesakes_that_disagree_the_one_its_sentence_s_country_holds() -> None:
    text = ("Les élus de Bellerive, en Ardanie, sont à Bellerive, au Valdor. Le maire ira à Bellerive "
            "l'an prochain, pour un festival organisé par l'Ardanie.")
    names = ["Bellerive", "Ardanie", "Bellerive", "Valdor", "Bellerive", "Ardanie"]
    res = _kin(text, names)
    assert res[0].place == BELLE_A and res[2].place == BELLE_V
    assert res[4].place == BELLE_A and any("which its sentence names" in r for r in res[4].reasons)
    # off: the one placed just before
    assert _kin(text, names, disabled=frozenset({"namesake_kin"}))[4].place == BELLE_V


def test_no_world_city_in_a_local_story_about_a_namesake() -> None:
    # a street of the namesake's town, a hamlet nearby: the story is local
    hamlet = Place("ham", "Little Ferry", LatLon(40.85, -74.04), "city", "US", "NJ", population=60_000)
    TABLE["Little Ferry"] = [NameMatch(hamlet, "main", "Little Ferry")]
    try:
        text = "Un accident à Little Ferry a fermé la route de Vérone pendant des heures."
        res = _resolve(text, ["Little Ferry", "Vérone"])
        assert not any("world city" in r for r in res[1].reasons)
        off = _resolve(text, ["Little Ferry", "Vérone"], disabled=frozenset({"world_city"}))
        assert res[1].score == off[1].score
        # far from every settlement of the story, the namesake gives way
        far = _resolve("Un accident à Vérone a fermé la route.", ["Vérone"])
        assert far[0].place == VERONA and any("world city" in r for r in far[0].reasons)
    finally:
        del TABLE["Little Ferry"]


def test_english_keeps_a_compound_whole_and_a_direction_is_no_name() -> None:
    # "Valdoria Park" is a park, not the country; "Sud" alone is a direction
    text = "The fire in Valdoria Park spread overnight."
    start = text.index("Valdoria Park")
    article = Article("a", text, lang="en")
    mentions = list(mentions_from_spans(article, [(start, start + len("Valdoria Park"))]))
    assert resolve_article(article, mentions, source=_Partial())[0].place is None
    assert _one("Le vent du Sud Lointain souffle.", "Sud Lointain").place is None


def _en(text: str, span: str, **settings: object) -> Resolution:
    start = text.index(span)
    article = Article("a", text, lang="en")
    mentions = list(mentions_from_spans(article, [(start, start + len(span))]))
    return resolve_article(article, mentions, source=_Partial(),
                           settings=ResolverSettings(**settings))[0]  # type: ignore[arg-type]


def test_english_direction_words_before_a_name_the_gazetteer_lacks_read_as_the_name() -> None:
    # "Northern Valdoria", "Far North Harbourton": the gazetteer lacks the whole; the place is the name after them
    res = _en("Rebels hold much of Northern Valdoria this week.", "Northern Valdoria")
    assert res.place == VALDORIA and any("read as “Valdoria”" in r for r in res.reasons)
    assert _en("Youth crime rose in Far North Harbourton.", "Far North Harbourton").place == HARBOURTON
    assert _en("Birds died in North-Western Harbourton.", "North-Western Harbourton").place == HARBOURTON
    assert _en("Youth crime rose in Far North Harbourton.", "Far North Harbourton",
               disabled=frozenset({"partial_name"})).place is None
    # never a village, nor a direction alone; French text keeps its own reading ("le nord de la France")
    assert _en("The storm hit East Kelp.", "East Kelp").place is None
    assert _en("They sailed the South Pacific.", "South Pacific").place is None
    PARTIAL["Coast"] = [NameMatch(SOUTHERN, "main", "Coast")]  # an admin1 named "Coast" somewhere
    try:
        assert _en("Rain fell on the South Coast.", "South Coast").place is None
    finally:
        del PARTIAL["Coast"]
    assert _one("Le vent du Nord Valdoria souffle.", "Nord Valdoria").place is None


def test_a_lower_case_designator_in_a_span_is_the_kind_of_the_name() -> None:
    # "Ormeau county": the county, not the namesake village
    text = "Two died in Ormeau county after the rain."
    start = text.index("Ormeau county")
    article = Article("a", text, lang="en")
    mentions = mentions_from_entities(article, [(start, start + len("Ormeau county"), "GPE")])
    assert [(m.text, m.hint) for m in mentions] == [("Ormeau", "admin")]
    assert resolve_article(article, mentions, source=_Partial())[0].place == KELP_COUNTY


# -- abbreviation_dot, short_form

CAPE = Place("cape", "Cape State", LatLon(45.0, -100.0), "admin1", "US", "CS", population=5_000_000)
MORVAL = Place("mv", "Morval", LatLon(48.9, 2.4), "city", "FR", "11", population=110_000)
MORVAL_SM = Place("mvsm", "Morval", LatLon(50.4, 1.8), "village", "FR", "32", population=2_700)
HESDOUX = Place("hx", "Hesdoux", LatLon(50.37, 2.04), "village", "FR", "32", population=2_000)
FRANCE = Place("fr", "France", LatLon(46.0, 2.0), "country", "FR", population=67_000_000)
SHORT: dict[str, list[NameMatch]] = {
    "Cap": [NameMatch(CAPE, "en", "Cap.")],
    "Morval": [NameMatch(MORVAL, "main", "Morval"), NameMatch(MORVAL_SM, "main", "Morval")],
    "Morval-sur-Mer": [NameMatch(MORVAL_SM, "alt", "Morval-sur-Mer")],
    "Hesdoux": [NameMatch(HESDOUX, "main", "Hesdoux")],
    "France": [NameMatch(FRANCE, "fr", "France")],
}


class _Short:
    def lookup(self, name: str) -> list[NameMatch]:
        return SHORT.get(name, [])


def _short(text: str, names: list[str], lang: str = "fr", **settings: object) -> tuple[Resolution, ...]:
    return resolve_article(Article("a", text, lang=lang), sentence_mentions(text, names), source=_Short(),
                           settings=ResolverSettings(**settings))  # type: ignore[arg-type]


def test_a_dotted_abbreviation_is_no_reading_of_the_bare_letters() -> None:
    assert _short("SPRINGTON, Cap. - The storm hit.", ["Cap"], "en")[0].place == CAPE
    assert _short("The sea walls along the Cap held.", ["Cap"], "en")[0].place is None
    off = _short("The sea walls along the Cap held.", ["Cap"], "en", disabled=frozenset({"abbreviation_dot"}))
    assert off[0].place == CAPE


def test_a_short_form_is_the_settlement_named_in_full_before() -> None:
    text = "Crue à Morval-sur-Mer et à Hesdoux, en France. À Morval, cinquante maisons ont été évacuées."
    names = ["Morval-sur-Mer", "Hesdoux", "France", "Morval"]
    res = _short(text, names)
    assert res[0].place == MORVAL_SM and res[3].place == MORVAL_SM
    assert any("short for Morval-sur-Mer" in r for r in res[3].reasons)
    assert _short(text, names, disabled=frozenset({"short_form"}))[3].place == MORVAL


def test_a_short_form_must_come_after_the_full_name() -> None:
    text = "À Morval, cinquante maisons ont été évacuées. Crue à Morval-sur-Mer et à Hesdoux, en France."
    res = _short(text, ["Morval", "Morval-sur-Mer", "Hesdoux", "France"])
    assert res[0].place == MORVAL


def test_a_stray_word_then_a_name_is_read_as_the_name() -> None:
    res = _one("Vue sur la mer\n\nÀ Valdoria, le port est fermé.", "mer\n\nÀ Valdoria")
    assert res.place == VALDORIA


def test_a_river_cue_may_name_the_county_the_river_drains() -> None:
    # never the village of the same name
    assert _one("La rivière Ormeau a débordé.", "rivière Ormeau").place == KELP_COUNTY


# -- bank_of

ORVE_STATE = Place("orve-s", "Orve", LatLon(33.0, -90.0), "admin1", "US", "OV", population=3_000_000)
ORVE_RIVER = Place("orve-r", "Orve", LatLon(35.0, -90.0), "river", "US")
BANKS: dict[str, list[NameMatch]] = {
    "Orve": [NameMatch(ORVE_STATE, "fr", "Orve"), NameMatch(ORVE_RIVER, "fr", "Orve")],
}


class _Banks:
    def lookup(self, name: str) -> list[NameMatch]:
        return BANKS.get(name, [])


def test_on_the_banks_of_a_name_is_the_river() -> None:
    text = "La ville, fondée sur les bords de l'Orve, a grandi. L'Orve vote mardi."
    mentions = sentence_mentions(text, ["Orve", "Orve"])
    res = resolve_article(Article("a", text, lang="fr"), mentions, source=_Banks())
    assert res[0].place == ORVE_RIVER and res[1].place == ORVE_STATE
    off = resolve_article(Article("a", text, lang="fr"), mentions, source=_Banks(),
                          settings=ResolverSettings(disabled=frozenset({"bank_of"})))
    assert off[0].place == ORVE_STATE


def test_on_board_is_no_bank() -> None:
    text = "Ils sont à bord de l'Orve depuis mardi."
    res = resolve_article(Article("a", text, lang="fr"), sentence_mentions(text, ["Orve"]), source=_Banks())
    assert res[0].place == ORVE_STATE


# -- partial_name: a place the gazetteer lacks, where the text puts it

def test_an_unknown_place_is_placed_where_the_text_puts_it() -> None:
    text = "Les soldats sont à Brumevent, banlieue de Harbourton, au Canada."
    mentions = sentence_mentions(text, ["Brumevent", "Harbourton", "Canada"])
    res = resolve_article(Article("a", text, lang="fr"), mentions, source=_Partial())
    assert res[0].place == HARBOURTON
    assert any("placed at Harbourton" in r and "not in the gazetteer" in r for r in res[0].reasons)
    assert res[0].confidence < res[1].confidence
    off = resolve_article(Article("a", text, lang="fr"), mentions, source=_Partial(),
                          settings=ResolverSettings(disabled=frozenset({"partial_name"})))
    assert off[0].place is None


def test_an_unknown_place_is_not_put_on_a_country() -> None:
    text = "Les soldats sont à Brumevent, au Canada."
    res = resolve_article(Article("a", text, lang="fr"), sentence_mentions(text, ["Brumevent", "Canada"]),
                          source=_Partial())
    assert res[0].place is None


# -- namesakes_together

BRAMFORD = Place("bf", "Bramford", LatLon(51.5, -0.1), "capital", "GB", "ENG", population=9_000_000)
BRAMFORD_ON = Place("bf-on", "Bramford", LatLon(43.0, -81.2), "city", "CA", "08", population=400_000)
ST_ELMO = Place("se", "St. Elmo", LatLon(18.3, -64.9), "capital", "VI", population=20_000)
ST_ELMO_ON = Place("se-on", "St. Elmo", LatLon(42.8, -81.2), "town", "CA", "08", population=39_000)
ST_ELMO_GB = Place("se-gb", "St. Elmo", LatLon(51.9, -0.5), "city", "GB", "ENG", population=90_000)
TOGETHER: dict[str, list[NameMatch]] = {
    "Bramford": [NameMatch(BRAMFORD, "main", "Bramford"), NameMatch(BRAMFORD_ON, "main", "Bramford")],
    "St. Elmo": [NameMatch(ST_ELMO, "main", "St. Elmo"), NameMatch(ST_ELMO_ON, "main", "St. Elmo")],
}


class _Together:
    def __init__(self, extra: dict[str, list[NameMatch]] | None = None) -> None:
        self.table = {**TOGETHER, **(extra or {})}

    def lookup(self, name: str) -> list[NameMatch]:
        return self.table.get(name, [])


def _together(source: _Together, **settings: object) -> tuple[Resolution, ...]:
    text = "Bramford police say the shelter is full. Families now drive to St. Elmo for a bed."
    return resolve_article(Article("a", text, lang="en"), sentence_mentions(text, ["Bramford", "St. Elmo"], "en"),
                           source=source, settings=ResolverSettings(**settings))  # type: ignore[arg-type]


def test_two_ambiguous_names_with_readings_side_by_side_take_them() -> None:
    res = _together(_Together())
    assert (res[0].place, res[1].place) == (BRAMFORD_ON, ST_ELMO_ON)
    assert any("a reading of “St. Elmo”" in r for r in res[0].reasons)
    off = _together(_Together(), disabled=frozenset({"namesakes_together"}))
    assert off[0].place == BRAMFORD


def test_names_whose_first_readings_agree_keep_them() -> None:
    # St. Elmo's first reading is a town 50 km from Bramford the capital: the readings side by side in Ontario
    # do not move them
    extra = {"St. Elmo": [NameMatch(ST_ELMO_GB, "main", "St. Elmo"), NameMatch(ST_ELMO_ON, "main", "St. Elmo")]}
    res = _together(_Together(extra))
    assert res[0].place == BRAMFORD
