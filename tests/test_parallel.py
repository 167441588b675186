"""--jobs: the same results, in the same order, from worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from geonews.config import Settings
from geonews.model import Article
from geonews.pipeline import Geoparser

pytestmark = pytest.mark.slow


def test_jobs_give_identical_results(mini_gazetteer_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(gazetteer_file=mini_gazetteer_path, use_cache=False, batch_size=2)
    texts = ["Kim est arrivé à Vladivostok, en Russie.", "Le sommet de Paris, au Texas.",
             "Washington craint le pire.", "Rien ici.", "La Géorgie et Tbilissi."] * 3
    articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    with Geoparser.open(settings) as one:
        one._nlp = nlp
        serial = list(one.parse(articles))
    with Geoparser.open(settings) as two:
        two._nlp = nlp
        parallel = list(two.parse(articles, jobs=2))
        assert two.stats().articles == len(articles)
    assert [r.article.id for r in parallel] == [a.id for a in articles]
    assert parallel == serial
