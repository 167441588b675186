"""--dask-scheduler: the corpus split across dask workers, results in input order, output identical."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from geonews.cli import main
from geonews.config import Settings
from geonews.export import result_to_record
from geonews.model import Article
from geonews.pipeline import Geoparser

distributed = pytest.importorskip("distributed")

TEXTS = [
    "Kim est arrivé à Vladivostok, en Russie.", "Le sommet de Paris, au Texas.", "Washington craint le pire.",
    "Rien ici.", "La Géorgie et Tbilissi.", "Le cosmodrome de Vostotchny, dans la région du Primorié.",
    "Kim est arrivé à la gare de Khassan.",
]


def _corpus(path: Path, n: int) -> list[Article]:
    articles = [Article(id=f"a{i:03d}", text=TEXTS[i % len(TEXTS)] + f" Dépêche {i}.") for i in range(n)]
    path.write_text("".join(json.dumps({"id": a.id, "text": a.text}, ensure_ascii=False) + "\n" for a in articles),
                    encoding="utf-8")
    return articles


def test_unreachable_scheduler_is_one_line(tmp_path: Path, mini_gazetteer_path: Path,
                                           capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import geonews.cluster

    monkeypatch.setattr(geonews.cluster, "CONNECT_TIMEOUT_S", 2.0)
    corpus = tmp_path / "c.jsonl"
    _corpus(corpus, 2)
    code = main(["-q", "--gazetteer", str(mini_gazetteer_path), "--cache-dir", str(tmp_path), "extract", str(corpus),
                 "--dask-scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("geonews: error: cannot reach the dask scheduler at tcp://127.0.0.1:9")


def test_jobs_and_dask_do_not_mix(tmp_path: Path, mini_gazetteer_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "c.jsonl"
    _corpus(corpus, 2)
    code = main(["-q", "--gazetteer", str(mini_gazetteer_path), "extract", str(corpus), "-j", "2",
                 "--dask-scheduler", "tcp://127.0.0.1:9"])
    assert code == 1
    assert "--jobs does not apply with --dask-scheduler" in capsys.readouterr().err


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """Two worker processes, one thread each, on loopback only."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as local:
        yield local.scheduler_address


@pytest.mark.slow
def test_dask_output_is_the_single_process_output(cluster: str, tmp_path: Path, mini_gazetteer_path: Path,
                                                  nlp, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus.jsonl"
    articles = _corpus(corpus, 45)  # 45 articles, batch size 2: 6 partitions of 8, the last one short
    settings = Settings(gazetteer_file=mini_gazetteer_path, cache_dir=tmp_path / "cache", use_cache=False,
                        batch_size=2)
    with Geoparser.open(settings, nlp=nlp) as single:
        expected = [result_to_record(r, data_version=single.data_version) for r in single.parse(articles)]

    from geonews.cluster import ClusterParser

    with ClusterParser(distributed.Client(cluster, set_as_default=False), settings=settings, own_client=True) as dask:
        results = list(dask.parse(articles))
        assert dask.stats().articles == len(articles)
        assert [result_to_record(r, data_version=dask.data_version) for r in results] == expected

    out = tmp_path / "out.jsonl"
    code = main(["-q", "--gazetteer", str(mini_gazetteer_path), "--cache-dir", str(tmp_path / "worker-cache"),
                 "extract", str(corpus), "--dask-scheduler", cluster, "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [a.id for a in articles]
    assert [json.loads(line)["places"] for line in lines] == [r["places"] for r in expected]
    assert (tmp_path / "worker-cache" / "geocode.sqlite").exists()  # each worker keeps its own cache there
