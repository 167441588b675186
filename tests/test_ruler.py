"""The gazetteer ruler and the mention filters, on a hand-made gazetteer."""

import re

from geonews.extract.mentions import mentions_from_entities
from geonews.extract.ruler import classify, name_spans, ruler_spans
from geonews.gazetteer.build import write_index
from geonews.gazetteer.sources import NameRecord, PlaceRecord
from geonews.gazetteer.store import Gazetteer, NameMatch
from geonews.model import Article


def _gaz(tmp_path):  # type: ignore[no-untyped-def]
    def rec(key, name, feature, pop=0, names=(), cc="CH"):  # type: ignore[no-untyped-def]
        return PlaceRecord(key, name, 46.5, 6.6, feature, cc, population=pop,
                           names=[NameRecord(name, "main"), *(NameRecord(n, t) for n, t in names)])

    places = [
        rec("gn:1", "Lausanne", "city", 140_000),
        rec("gn:2", "Marin", "village", 4_000),
        rec("gn:3", "Saint Petersburg", "city", 5_000_000, [("Petrograd", "alt")], "RU"),
        rec("gn:4", "Switzerland", "country", 8_000_000, [("Suisse", "fr"), ("Suisses", "demonym")]),
        rec("gn:5", "Germany", "country", 83_000_000, [("Allemagne", "fr"), ("Allemands", "demonym")], "DE"),
        rec("gn:6", "Les Allemands", "village", 600, cc="FR"),
        rec("gn:7", "Rostov-on-Don", "city", 1_100_000, [("Rostov-sur-le-Don", "fr")], "RU"),
        rec("gn:8", "United States", "country", 330_000_000, [("US", "en"), ("U.S.", "en")], "US"),
        rec("gn:9", "Us", "village", 1_200, cc="FR"),
        rec("gn:10", "Maryland", "admin1", 6_000_000, [("Md.", "en")], "US"),
    ]
    path = tmp_path / "g.sqlite"
    write_index(places, path, version="t")
    return Gazetteer(path)


def test_name_spans_keep_connectors() -> None:
    text = "De Rostov-sur-le-Don à Saint-Gall, puis Aix en Provence"
    assert [text[a:b] for a, b in name_spans(text)] == ["De Rostov-sur-le-Don", "Saint-Gall", "Aix en Provence"]


def test_ruler_finds_notable_places_missed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    text = "PETROGRAD, 20 (Havas). Les délégués sont arrivés à Lausanne puis à Rostov-sur-le-Don."
    spans = ruler_spans(text, lookup=gaz.lookup, taken=[])
    assert [text[a:b] for a, b in spans] == ["PETROGRAD", "Lausanne", "Rostov-sur-le-Don"]


def test_ruler_respects_entities_and_small_places(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    text = "Marin est content. Il habite Marin. M. Lausanne Dupont parle."
    person = text.index("Lausanne Dupont")
    spans = ruler_spans(text, lookup=gaz.lookup, taken=[(person, person + len("Lausanne Dupont"))])
    assert spans == []  # a small village is not taken on the gazetteer's word alone; persons are kept


def test_upper_case_place_inside_an_organisation(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    text = "FRANCE PARIS 10 mars. Nouvelles de LAUSANNE SPORTS."
    org = (text.index("LAUSANNE"), len(text) - 1)
    spans = ruler_spans(text, lookup=gaz.lookup, taken=[], weak=[org])
    assert [text[a:b] for a, b in spans] == ["LAUSANNE"]


def test_classify(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    assert classify("Allemands", gaz.lookup("Allemands")) == "adjective"
    assert classify("Suisse", gaz.lookup("Suisse")) == "place"
    assert classify("Etat", gaz.lookup("Etat")) is None
    assert classify("S", []) is None
    # a city reached by an alternate name only does not outweigh the demonym ("Russe" is Ruse's)
    from geonews.model import LatLon, Place

    ruse = Place("gn:726050", "Ruse", LatLon(43.85, 25.97), "city", country_code="BG", population=121_000)
    russia = Place("gn:2017370", "Russia", LatLon(60.0, 100.0), "country", country_code="RU")
    matches = [NameMatch(ruse, "alt", "Russe"), NameMatch(russia, "demonym", "Russe")]
    assert classify("Russe", matches) == "adjective"
    assert classify("Russe", [NameMatch(ruse, "main", "Russe"), matches[1]]) == "place"


def test_mentions_with_ruler(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    text = "Les Allemands et l'Etat. PETROGRAD, 20. La Suisse répond."
    article = Article("a", text)
    ents = [(text.index("Allemands"), text.index("Allemands") + 9, "LOC"),
            (text.index("Etat"), text.index("Etat") + 4, "LOC"),
            (text.index("Suisse"), text.index("Suisse") + 6, "LOC")]
    ms = mentions_from_entities(article, ents, lookup=gaz.lookup)
    assert [(m.text, m.kind, m.label) for m in ms] == [
        ("Allemands", "adjective", "LOC"), ("PETROGRAD", "place", "GAZ"), ("Suisse", "place", "LOC")]
    for m in ms:
        assert text[m.start : m.end] == m.text


def test_detect_lang() -> None:
    from geonews.extract.lang import detect_lang

    assert detect_lang("Le président est arrivé à Moscou avec les ministres.") == "fr"
    assert detect_lang("The president arrived in Moscow with his ministers.") == "en"
    assert detect_lang("Moscou", default="en") == "en"


def test_english_article_ruler_sees_through_misc_entities(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    text = "The talks in Lausanne ended and the delegates were flying to Rostov-on-Don."
    lausanne = text.index("Lausanne")
    ents = [(lausanne - 4, lausanne + 8, "MISC")]  # a French model's guess on English text
    en = mentions_from_entities(Article("a", text, lang="en"), ents, lookup=gaz.lookup)
    fr = mentions_from_entities(Article("a", text, lang="fr"), ents, lookup=gaz.lookup,
                                disabled=frozenset({"entity_breaks"}))  # which reads the lower-case "in" as a break
    assert [m.text for m in en] == ["Lausanne", "Rostov-on-Don"]
    assert [m.text for m in fr] == ["Rostov-on-Don"]


def test_local_towns_of_the_articles_country(tmp_path) -> None:  # type: ignore[no-untyped-def]
    def rec(key, name, feature, pop, cc):  # type: ignore[no-untyped-def]
        return PlaceRecord(key, name, 47.0, 6.8, feature, cc, population=pop, names=[NameRecord(name, "main")])

    path = tmp_path / "g.sqlite"
    write_index([rec("gn:1", "Switzerland", "country", 8_000_000, "CH"), rec("gn:2", "Boudry", "town", 5_000, "CH"),
                 rec("gn:3", "Carouge", "town", 22_000, "FR")], path, version="t")
    gaz = Gazetteer(path)
    text = "En Suisse, les accusés habitent Colombier et Boudry. Un autre vit à Carouge."
    suisse = text.index("Suisse")
    gaz_lookup = {"Suisse": gaz.lookup("Switzerland")}

    def lookup(name):  # type: ignore[no-untyped-def]
        return gaz_lookup.get(name) or gaz.lookup(name)

    ms = mentions_from_entities(Article("a", text), [(suisse, suisse + 6, "LOC")], lookup=lookup)
    assert [m.text for m in ms] == ["Suisse", "Boudry"]  # the French town is not the article's country


def test_unknown_single_words_are_dropped_but_not_known_or_triggered_ones(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    text = "M. Biolley est à Lausanne. Le port de Zwobada ferme."
    ents = [(3, 10, "LOC"), (17, 25, "LOC"), (text.index("port"), text.index("ferme") - 1, "LOC")]
    ms = mentions_from_entities(Article("a", text), ents, lookup=gaz.lookup)
    assert [m.text for m in ms] == ["Lausanne", "Zwobada"]


def test_places_inside_misc_entities(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    text = "La conférence de Lausanne parle de la Suisse. Le chœur de Marin. La Banque de Lausanne."
    article = Article("a", text, lang="fr")

    def ent(phrase: str, label: str) -> tuple[int, int, str]:
        return (text.index(phrase), text.index(phrase) + len(phrase), label)

    ents = [ent("conférence de Lausanne", "MISC"), ent("Suisse", "MISC"), ent("chœur de Marin", "MISC"),
            ent("Banque de Lausanne", "ORG")]
    ms = mentions_from_entities(article, ents, lookup=gaz.lookup)
    # the place "of" an event (notable places only: Marin is a village), a whole MISC entity that is a country
    assert [(m.text, m.start) for m in ms] == [("Lausanne", text.index("Lausanne")), ("Suisse", text.index("Suisse"))]


def test_names_cued_by_the_words_before_them(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    text = "Après la bataille de Morat, sur la rive droite de la Kander, le Conseil de Berne siégea."
    article = Article("a", text, lang="fr")
    kander = text.index("Kander")
    ms = mentions_from_entities(article, [(kander, kander + 6, "PER")], lookup=gaz.lookup)
    # unknown to the gazetteer, but "bataille de", "rive droite de la" make them places; "Conseil" is not one
    assert [(m.text, m.label) for m in ms] == [("Morat", "CUE"), ("Kander", "CUE")]


def test_unknown_single_word_after_a_locative_preposition_is_kept(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    text = "Les skieurs sont à Garmisch. Garmisch gagne."
    article = Article("a", text, lang="fr")
    ents = [(text.index("Garmisch"), text.index("Garmisch") + 8, "LOC"), (29, 37, "LOC")]
    ms = mentions_from_entities(article, ents, lookup=gaz.lookup)
    assert [(m.text, m.start) for m in ms] == [("Garmisch", text.index("Garmisch"))]


def test_recognised_places_with_a_generic_lower_case_head(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    text = "Il a neigé sur la mer Noire et au lac de Bretaye, puis sur les bois de Suisse."
    article = Article("a", text, lang="fr")

    def ent(phrase: str) -> tuple[int, int, str]:
        return (text.index(phrase), text.index(phrase) + len(phrase), "LOC")

    ms = mentions_from_entities(article, [ent("mer Noire"), ent("lac de Bretaye"), ent("de Suisse")],
                                lookup=gaz.lookup, drop_unknown=False)
    assert [m.text for m in ms] == ["mer Noire", "lac de Bretaye", "Suisse"]
    # a lower-case word alone is still no place
    alone = mentions_from_entities(article, [(text.index("neigé"), text.index("neigé") + 5, "LOC")],
                                   lookup=gaz.lookup)
    assert "neigé" not in [m.text for m in alone]


def test_street_addresses_are_mentions_left_unresolved_offline(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from geonews.extract.ruler import street_spans

    text = "Réunion au 16, rue Cadet, puis rue Saint-Martin, 14 h. 30, et quai de la Tournelle."
    assert [text[a:b] for a, b in street_spans(text, taken=[])] == [
        "16, rue Cadet", "rue Saint-Martin", "quai de la Tournelle"]
    gaz = _gaz(tmp_path)
    ms = mentions_from_entities(Article("a", text, lang="fr"), [], lookup=gaz.lookup)
    assert (ms[0].text, ms[0].label, ms[0].hint) == ("16, rue Cadet", "STREET", "street")


def test_ruler_leaves_persons_after_titles_and_initials(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    text = ("M. LAUSANNE, ministre. Le colonel Lausanne et M. le marquis de Lausanne parlent. R. LAUSANNE signe. "
            "On vit à Lausanne. La S. d. N. SUISSE, 18 (Havas).")
    spans = ruler_spans(text, lookup=gaz.lookup, taken=[])
    # one place among the six capitalised "Lausanne"s; a country keeps its place after initials (a dateline)
    assert [(text[a:b], a) for a, b in spans] == [("Lausanne", text.index("à Lausanne") + 2),
                                                   ("SUISSE", text.index("SUISSE"))]


def test_ruler_leaves_words_the_text_writes_in_lower_case(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    text = "MARIN DE COMMERCE. Le marin demande place. Bureau à LAUSANNE."
    assert [text[a:b] for a, b in ruler_spans(text, lookup=gaz.lookup, taken=[], countries=frozenset({"CH"}))] == [
        "LAUSANNE"]
    text = "MARIN DE COMMERCE. Bureau à LAUSANNE."  # no lower-case "marin": the village stays a candidate
    assert [text[a:b] for a, b in ruler_spans(text, lookup=gaz.lookup, taken=[], countries=frozenset({"CH"}))] == [
        "MARIN", "LAUSANNE"]


def test_capitalised_common_word_opening_a_segment_is_dropped(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    text = "Cours du jour. — Marin ferme, le marin est calme. Le port de Marin est ouvert."
    first, second = text.index("Marin"), text.rindex("Marin")
    found = mentions_from_entities(Article(id="a", text=text), [(first, first + 5, "LOC"), (second, second + 5, "LOC")],
                                   lookup=gaz.lookup)
    assert [m.start for m in found] == [second]  # only the one inside a sentence is a place


def test_venues_of_a_french_listing_resolve_only_to_buildings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from geonews.resolve import GazetteerSource, resolve_article

    gaz = _gaz(tmp_path)
    text = "SPECTACLES. MARIN, 8 h. 30, Mélo. LAUSANNE. — Relâche. Le Marin part à 8 h. 30."
    article = Article(id="a", text=text, lang="fr")
    found = mentions_from_entities(article, [], lookup=gaz.lookup)
    assert [(m.text, m.label, m.hint) for m in found] == [("MARIN", "VENUE", "venue"), ("LAUSANNE", "VENUE", "venue")]
    # the gazetteer knows a village and a city of those names, no theatre: neither is put on the map
    assert [r.place for r in resolve_article(article, found, source=GazetteerSource(gaz))] == [None, None]
    english = Article(id="b", text="MARIN, 8.30, a show. MARIN, 8 h. 30.", lang="en")
    assert [m.label for m in mentions_from_entities(english, [], lookup=gaz.lookup)] == []


def test_codes_and_numbers_are_not_place_names(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    text = "Le mâle 972 R-4 et le navire par 96 N sont à Lausanne; Studio 28."
    ents = [(text.index("R-4"), text.index("R-4") + 3, "LOC"), (text.index("96 N"), text.index("96 N") + 4, "LOC"),
            (text.index("Studio 28"), len(text) - 1, "LOC")]
    found = mentions_from_entities(Article(id="a", text=text), ents, lookup=gaz.lookup, drop_unknown=False)
    assert [m.text for m in found] == ["Lausanne", "Studio 28"]  # a word of three letters makes it a name


def test_ocr_line_breaks_inside_words(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    text = "Le Marin¬gouin pique. Les délégués de l'Alle¬magne et de Rostov¬sur-le-Don."
    spans = ruler_spans(text, lookup=gaz.lookup, taken=[], countries=frozenset({"CH"}))
    # a word cut by a line break is one word: no "Marin" (a village) in "Maringouin"
    assert [text[a:b] for a, b in spans] == ["Alle¬magne", "Rostov¬sur-le-Don"]


def test_english_lone_words_the_french_model_calls_persons(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    text = "The talks moved to Lausanne on Monday. Mr. Lausanne said so, and Peter Lausanne agreed."
    per = [(m.start(), m.end(), "PER") for m in re.finditer("Lausanne", text)]
    per[2] = (text.index("Peter"), per[2][1], "PER")
    found = mentions_from_entities(Article(id="a", text=text, lang="en"), per, lookup=gaz.lookup,
                                   disabled=frozenset({"surnames_dropped"}))  # "Peter Lausanne" is a surname
    assert [(m.start, m.label) for m in found] == [(text.index("Lausanne"), "GAZ")]
    # in French the model's persons are trusted
    fr = mentions_from_entities(Article(id="b", text=text, lang="fr"), per, lookup=gaz.lookup)
    assert fr == []


def test_english_abbreviations_and_possessives(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    text = ("The US and the U.S. envoy met in Lausanne’s old town. Let us go. "
            "Charles Murphy, M.D., joined Rostov-on-Don's team.")
    spans = ruler_spans(text, lookup=gaz.lookup, taken=[])
    # "us" is a function word and "M.D." a degree (its key is Maryland's "Md."): neither is a place
    assert [text[a:b] for a, b in spans] == ["US", "U.S.", "Lausanne", "Rostov-on-Don"]
    assert classify("US", gaz.lookup("US")) == "place" and classify("us", gaz.lookup("us")) is None


def test_a_long_run_of_name_words_costs_linear_work(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Hostile input: "Lausanne Lausanne …" with no punctuation is one name sequence of n words. The ruler
    tries sub-spans of at most MAX_NAME_WORDS words (no gazetteer name is longer in real text), so the
    lookups grow linearly, not with n², and every occurrence is still found."""
    from geonews.extract.ruler import MAX_NAME_WORDS

    gaz = _gaz(tmp_path)
    calls = 0

    def counting(name: str) -> list[NameMatch]:
        nonlocal calls
        calls += 1
        return gaz.lookup(name)

    for n in (50, 400):
        calls = 0
        text = "Ils sont à " + "Lausanne " * n + "depuis hier."
        spans = ruler_spans(text, lookup=counting, taken=[])
        assert len(spans) == n and {text[a:b] for a, b in spans} == {"Lausanne"}
        assert calls <= MAX_NAME_WORDS * n + n, (n, calls)
    # dotted abbreviations, many of them: one pass over the text, not one copy of it per abbreviation
    text = "Les U.S. et " * 3000
    assert len(name_spans(text)) == 2 * 3000


def test_names_up_to_the_longest_gazetteer_name_are_still_found(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from geonews.extract.ruler import MAX_NAME_WORDS

    path = tmp_path / "long.sqlite"
    words = ["Santa", "Cruz", "Alta", "Norte", "Grande", "Vieja", "Nueva", "Baja", "Monte", "Sierra", "Real", "Verde"]
    assert len(words) == MAX_NAME_WORDS
    name = " ".join(words)
    write_index([PlaceRecord("x:1", name, 1.0, 2.0, "city", "ES", population=500_000,
                             names=[NameRecord(name, "main")])], path, version="t")
    with Gazetteer(path) as gaz:
        text = f"Nous étions à {name} hier."
        assert [text[a:b] for a, b in ruler_spans(text, lookup=gaz.lookup, taken=[])] == [name]


def test_unknown_word_dropped_leaves_a_longer_name_to_the_ruler(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = _gaz(tmp_path)
    text = "Les cours montent à Rostov-sur-le-Don et à Berne."
    don = text.index("Don")
    ents = [(don, don + 3, "LOC")]  # the recogniser took a piece of the name, which the gazetteer does not know
    assert [m.text for m in mentions_from_entities(Article("a", text, lang="fr"), ents, lookup=gaz.lookup)] == [
        "Rostov-sur-le-Don"]
