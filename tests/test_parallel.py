"""--jobs: the same results, in the same order, from worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from geonews.cache import GeocodeCache
from geonews.config import Settings
from geonews.errors import ConfigurationError
from geonews.gazetteer.store import Gazetteer, NameMatch
from geonews.model import Article
from geonews.pipeline import Geoparser

pytestmark = pytest.mark.slow


def test_jobs_give_identical_results(mini_gazetteer_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(gazetteer_file=mini_gazetteer_path, use_cache=False, batch_size=2)
    texts = ["Kim est arrivé à Vladivostok, en Russie.", "Le sommet de Paris, au Texas.",
             "Washington craint le pire.", "Rien ici.", "La Géorgie et Tbilissi."] * 3
    articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    with Geoparser.open(settings, nlp=nlp) as one:
        serial = list(one.parse(articles))
    with Geoparser.open(settings, nlp=nlp) as two:
        parallel = list(two.parse(articles, jobs=2))
        assert two.stats().articles == len(articles)
    assert [r.article.id for r in parallel] == [a.id for a in articles]
    assert parallel == serial


TEXTS = ["Kim est arrivé à Vladivostok, en Russie.", "Le sommet de Paris, au Texas.", "Rien ici."]


@pytest.fixture(scope="module")
def blank_nlp():  # type: ignore[no-untyped-def]
    import spacy

    return spacy.blank("fr")


def test_jobs_reopen_the_stores_passed_to_the_geoparser(
    mini_gazetteer_path: Path, blank_nlp, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    """Workers open the injected gazetteer and cache files, not the ones ``settings`` names (which do not exist)."""
    settings = Settings(cache_dir=tmp_path / "elsewhere", gazetteer_file=tmp_path / "missing.sqlite", batch_size=2)
    articles = [Article(id=str(i), text=TEXTS[i % len(TEXTS)]) for i in range(20)]
    with Geoparser(gazetteer=Gazetteer(mini_gazetteer_path), nlp=blank_nlp, settings=settings) as one:
        serial = list(one.parse(articles))
    cache_path = tmp_path / "mine.sqlite"
    with Geoparser(gazetteer=Gazetteer(mini_gazetteer_path), cache=GeocodeCache(cache_path), nlp=blank_nlp,
                   settings=settings) as parser:
        parallel = list(parser.parse(articles, jobs=2))
    assert parallel == serial
    with GeocodeCache(cache_path) as cache:
        assert cache.stats().entries > 0, "the workers looked names up through the injected cache"
    assert not (tmp_path / "elsewhere").exists()


class _Online:
    def lookup(self, name: str) -> list[NameMatch]:
        return []


def test_jobs_refuse_an_injected_online_geocoder(mini_gazetteer_path: Path, blank_nlp) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(gazetteer_file=mini_gazetteer_path, use_cache=False, batch_size=2)
    with Geoparser(gazetteer=Gazetteer(mini_gazetteer_path), online=_Online(), nlp=blank_nlp,
                   settings=settings) as parser:
        assert len(list(parser.parse([Article(id="a", text=TEXTS[0])]))) == 1  # one process: fine
        with pytest.raises(ConfigurationError, match=r"cannot reopen an online geocoder passed to Geoparser"):
            list(parser.parse([Article(id="a", text=TEXTS[0])], jobs=2))


def test_jobs_refuse_an_injected_gazetteer_with_an_extra_index(
    mini_gazetteer_path: Path, blank_nlp  # type: ignore[no-untyped-def]
) -> None:
    settings = Settings(gazetteer_file=mini_gazetteer_path, use_cache=False, batch_size=2)
    extra = Gazetteer(mini_gazetteer_path, extra=mini_gazetteer_path)
    with (Geoparser(gazetteer=extra, nlp=blank_nlp, settings=settings) as parser,
          pytest.raises(ConfigurationError, match=r"cannot reopen the extra index .*mini\.sqlite")):
        list(parser.parse([Article(id="a", text=TEXTS[0])], jobs=2))
