from geonews.extract import mentions_from_spans
from geonews.gazetteer.store import Gazetteer
from geonews.model import Article
from geonews.resolve import GazetteerSource, resolve_article
from geonews.resolve.metonymy import is_metonymic
from geonews.resolve.scoring import Context, confidence, score_candidates


def _resolve(gaz: Gazetteer, text: str, names: list[str], lang: str = "fr"):  # type: ignore[no-untyped-def]
    article = Article("t", text, lang=lang)
    spans = []
    pos = 0
    for name in names:
        start = text.index(name, pos)
        spans.append((start, start + len(name)))
        pos = start + len(name)
    return resolve_article(article, mentions_from_spans(article, spans), source=GazetteerSource(gaz))


def test_context_country_picks_the_namesake(mini_gazetteer: Gazetteer) -> None:
    us = _resolve(mini_gazetteer, "Paris, au Texas, a voté.", ["Paris", "Texas"])
    fr = _resolve(mini_gazetteer, "Paris et la France ont voté.", ["Paris", "France"])
    assert us[0].place.country_code == "US"
    assert fr[0].place.country_code == "FR"
    assert any("Texas" in r or "US" in r for r in us[0].reasons)


def test_georgia_near_tbilisi_vs_atlanta(mini_gazetteer: Gazetteer) -> None:
    caucasus = _resolve(mini_gazetteer, "La Géorgie, dont la capitale est Tbilissi.", ["Géorgie", "Tbilissi"])
    usa = _resolve(mini_gazetteer, "Atlanta, Géorgie, aux États-Unis.", ["Atlanta", "Géorgie", "États-Unis"])
    assert caucasus[0].place.feature == "country"
    assert usa[1].place.id == "gn:4197000"


def test_trigger_hint_and_context_beat_a_far_village(mini_gazetteer: Gazetteer) -> None:
    text = "Kim à la gare de Khassan, dans la région du Primorié, en Russie."
    res = _resolve(mini_gazetteer, text, ["Khassan", "Primorié", "Russie"])
    assert res[0].place.id == "sup:khasan"
    assert res[0].mention.hint == "station"
    assert res[0].alternatives and res[0].alternatives[0].place.country_code == "IR"
    assert res[1].place.feature == "admin1"
    assert 0 < res[0].confidence <= 1


def test_metonymic_capital_is_mapped_and_flagged(mini_gazetteer: Gazetteer) -> None:
    res = _resolve(mini_gazetteer, "Des inquiétudes à Washington, qui craint un accord.", ["Washington"])
    assert res[0].place.id == "gn:4140963"
    assert res[0].metonymic is True
    plain = _resolve(mini_gazetteer, "Il a grandi à Washington et y vit.", ["Washington"])
    assert plain[0].metonymic is False


def test_same_name_same_answer(mini_gazetteer: Gazetteer) -> None:
    res = _resolve(mini_gazetteer, "Paris. Puis Paris encore, au Texas.", ["Paris", "Paris", "Texas"])
    assert res[0].place == res[1].place


def test_unknown_name_is_unresolved_with_reason(mini_gazetteer: Gazetteer) -> None:
    res = _resolve(mini_gazetteer, "À Atlantide.", ["Atlantide"])
    assert res[0].place is None and res[0].reasons == ("not in the gazetteer",)


def test_scores_are_ordered_and_explained(mini_gazetteer: Gazetteer) -> None:
    ranked = score_candidates(mini_gazetteer.lookup("Washington"), query="Washington", hint=None, context=Context())
    assert [c.score for c in ranked] == sorted((c.score for c in ranked), reverse=True)
    assert all(c.reasons for c in ranked)
    assert 0.5 < confidence(ranked) < 1


def test_metonymy_rules() -> None:
    assert is_metonymic("Moscou a dénoncé la décision", 0, 6, "capital")
    assert not is_metonymic("Moscou a dénoncé la décision", 0, 6, "village")
    assert not is_metonymic("Il vit à Moscou depuis 2010", 9, 15, "capital")


def test_dateline_country_is_home(mini_gazetteer: Gazetteer) -> None:
    from geonews.resolve.disambiguate import is_dateline

    text = "WASHINGTON (AP) — Le sénat de Paris, au Texas, a voté."
    res = _resolve(mini_gazetteer, text, ["WASHINGTON", "Paris", "Texas"])
    assert is_dateline(text, res[0].mention)
    assert res[1].place.country_code == "US"
    assert any("dispatch" in r for r in res[1].reasons)


def test_publishing_country_counts_for_local_namesakes(mini_gazetteer: Gazetteer) -> None:
    matches = mini_gazetteer.lookup("Washington")
    plain = score_candidates(matches, query="Washington", hint=None, context=Context(lang="en"))
    local = score_candidates(matches, query="Washington", hint=None, context=Context(lang="en", published="GB"))
    gb_plain = next(c for c in plain if c.place.country_code == "GB")
    gb_local = next(c for c in local if c.place.country_code == "GB")
    assert gb_local.score > gb_plain.score
    assert "in GB, where the article was published" in gb_local.reasons


def test_article_url_gives_the_publishing_country(mini_gazetteer: Gazetteer) -> None:
    from geonews.resolve.disambiguate import rank_article

    text = "Washington residents met on Friday."
    article = Article("t", text, lang="en", url="https://www.sunderlandecho.co.uk/news/1")
    ranked = rank_article(article, mentions_from_spans(article, [(0, 10)]), source=GazetteerSource(mini_gazetteer))
    gb = next(c for c in next(iter(ranked.values())) if c.place.country_code == "GB")
    assert any("published" in r for r in gb.reasons)
