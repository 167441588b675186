"""``geonews map`` outputs (issue 12): each map holds its own article, any text maps, names never collide.

These run the real command with the mini gazetteer and the spaCy model (loaded once per session).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from geonews.cli import main

pytestmark = pytest.mark.slow

TEXT = "Kim est arrivé à Vladivostok."


@pytest.fixture()
def run(tmp_path: Path, mini_gazetteer_path: Path, nlp, capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("geonews.extract.nlp.load_pipeline", lambda model="": nlp)

    def invoke(*args: str) -> tuple[int, str, str]:
        code = main(["--gazetteer", str(mini_gazetteer_path), "--no-cache", "--cache-dir", str(tmp_path / "c"),
                     "map", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def _jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _header_count(page: str) -> str:
    found = re.search(r'<span class="gn-count">([^<]*)</span>', page)
    assert found is not None
    return found.group(1)


def test_a_per_article_map_holds_only_its_article(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(f"Visite\n{TEXT}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Sommet unique\nLe sommet se tient à Paris.\n", encoding="utf-8")
    both, alone = tmp_path / "both", tmp_path / "alone"
    code, _, err = run(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--maps-dir", str(both))
    assert code == 0, err
    code, _, err = run(str(tmp_path / "a.txt"), "--maps-dir", str(alone))
    assert code == 0, err
    page = (both / "a.html").read_text(encoding="utf-8")
    assert "Sommet unique" not in page
    assert _header_count(page) == "1 lieu · 1 article"
    # the map of an article does not depend on the rest of the batch: same bytes
    assert page == (alone / "a.html").read_text(encoding="utf-8")
    combined = (both / "combined.html").read_text(encoding="utf-8")
    assert "Sommet unique" in combined and "Visite" in combined and _header_count(combined).endswith("2 articles")


def test_article_text_that_looks_like_css_or_html_maps(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    records = [
        {"id": "css", "title": "@import theme", "text": f"{TEXT} Voir url(//cdn.example/a.png)."},
        {"id": "<img src=x>", "title": "<img src=x>", "text": f"{TEXT} @import url(https://f.example/a.css);"},
        {"id": "ok", "title": "Visite", "text": TEXT},
    ]
    maps = tmp_path / "maps"
    code, _, err = run(str(_jsonl(tmp_path / "in.jsonl", records)), "--maps-dir", str(maps))
    assert code == 0, err
    assert "Traceback" not in err and "error" not in err
    written = sorted(p.name for p in maps.iterdir())
    assert len(written) == 5 and "combined.html" in written and "index.html" in written


def test_one_failing_map_does_not_stop_the_others(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    records = [{"id": name, "title": name, "text": TEXT} for name in ("a", "b", "c")]
    maps = tmp_path / "maps"
    (maps / "b.html").mkdir(parents=True)  # the map of b cannot be written there
    code, out, err = run(str(_jsonl(tmp_path / "in.jsonl", records)), "--maps-dir", str(maps), "--json")
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("geonews: error:")]
    assert len(errors) == 1 and errors[0].startswith(f"geonews: error: {maps / 'b.html'}: "), err
    assert "Traceback" not in err
    for name in ("a.html", "c.html", "combined.html", "index.html"):
        assert (maps / name).is_file(), name
    index = (maps / "index.html").read_text(encoding="utf-8")
    assert 'href="a.html"' in index and 'href="b.html"' not in index
    summary = json.loads(out)
    assert summary["errors"] == 1 and str(maps / "b.html") not in summary["maps"]


def test_map_file_names_never_collide(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    ids = ["Paris", "paris", "index", "combined", "Combined", "caf\u00e9", "cafe\u0301", "東京" * 40]
    records = [{"id": i, "title": f"Article {n}", "text": TEXT} for n, i in enumerate(ids)]
    maps = tmp_path / "maps"
    code, _, err = run(str(_jsonl(tmp_path / "in.jsonl", records)), "--maps-dir", str(maps))
    assert code == 0, err
    names = sorted(p.name for p in maps.iterdir())
    assert len(names) == len(ids) + 2  # every article, combined.html, index.html
    keys = {unicodedata.normalize("NFC", n).casefold() for n in names}
    assert len(keys) == len(names)  # no two differ only by case or normalisation
    assert all(len(n.encode("utf-8")) <= 105 for n in names)
    combined = (maps / "combined.html").read_text(encoding="utf-8")
    assert _header_count(combined).endswith(f"{len(ids)} articles")  # not overwritten by an article's map
    index = (maps / "index.html").read_text(encoding="utf-8")
    assert index.startswith("<!DOCTYPE html>") and "Article 0" in index
    for n in range(len(ids)):  # the index says which file shows which article
        assert f"Article {n}" in index
    for name in names:
        if name not in ("index.html", "combined.html"):
            assert f'href="{name}"' in index
            page = (maps / name).read_text(encoding="utf-8")
            assert _header_count(page) == "1 lieu · 1 article"


def test_mirrored_pages_named_index_do_not_overwrite_the_index(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    for part, title in (("a", "Première page"), ("b", "Deuxième page")):
        (site / part).mkdir(parents=True)
        (site / part / "index.html").write_text(
            f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{TEXT} La visite a duré trois jours et a été suivie de près par la presse.</p>"
            "</article></body></html>", encoding="utf-8")
    maps = tmp_path / "maps"
    code, _, err = run(str(site), "--maps-dir", str(maps))
    assert code == 0, err
    names = sorted(p.name for p in maps.iterdir())
    assert len(names) == 4 and "index.html" in names and "combined.html" in names, names
    index = (maps / "index.html").read_text(encoding="utf-8")
    assert "Première page" in index and "Deuxième page" in index


def test_the_map_names_the_towns_of_the_story_from_the_gazetteer(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("Sommet\nLe sommet se tient à Paris.\n", encoding="utf-8")
    code, _, err = run(str(tmp_path / "a.txt"), "-o", str(tmp_path / "a.html"))
    assert code == 0, err
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="geonews-labels">(.*?)</script>', page)
    assert found is not None
    labels = json.loads(found.group(1))
    # Paris, the story's own town, is named; Stockholm is neither near Paris nor one of the world's biggest cities
    assert "Paris" in labels["name"] and "Stockholm" not in labels["name"]
    assert 'id="geonews-detail"' in page and "GSHHG" in page
