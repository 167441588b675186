"""Readers' corrections: the file format, each scope, stale and hostile files, merging, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geonews.cli import main
from geonews.corrections import Correction, Corrections, apply_corrections, load_corrections, merge_corrections
from geonews.model import Article, ArticleResult, LatLon, Mention, Place, Resolution

TEXT = "Inondations à Valence. Valence reste sous l'eau."
VALENCE_ES = Place("gn:es", "Valencia", LatLon(39.47, -0.38), "city", country_code="ES", name_fr="Valence")
VALENCE_FR = Place("gn:fr", "Valence", LatLon(44.93, 4.89), "city", country_code="FR")
PLACES = {p.id: p for p in (VALENCE_ES, VALENCE_FR)}


def _result(article_id: str = "a", text: str = TEXT) -> ArticleResult:
    spans = [i for i in range(len(text)) if text.startswith("Valence", i)]
    res = tuple(Resolution(Mention(article_id, s, s + 7, "Valence", text, 0), VALENCE_ES, confidence=0.6)
                for s in spans)
    return ArticleResult(Article(id=article_id, text=text), res)


def _apply(results: list[ArticleResult], *corrections: Correction) -> tuple[list[ArticleResult], list[str]]:
    problems: list[str] = []
    out = list(apply_corrections(results, Corrections.of(corrections), PLACES.get, problems.append))
    return out, problems


def _ids(result: ArticleResult) -> list[str | None]:
    return [r.place.id if r.place else None for r in result.resolutions]


def test_mention_scope_fixes_that_mention_only() -> None:
    (out,), problems = _apply([_result()], Correction("a", 14, 21, "Valence", "gn:fr", source="fix.jsonl"))
    assert _ids(out) == ["gn:fr", "gn:es"] and problems == []
    assert out.resolutions[0].reasons == ("corrected (fix.jsonl)",) and out.resolutions[0].confidence == 1.0


def test_article_scope_fixes_the_name_in_that_article() -> None:
    out, _ = _apply([_result("a"), _result("b")], Correction("a", 14, 21, "Valence", "gn:fr", scope="article"))
    assert _ids(out[0]) == ["gn:fr", "gn:fr"] and _ids(out[1]) == ["gn:es", "gn:es"]


def test_name_scope_fixes_every_article() -> None:
    out, _ = _apply([_result("a"), _result("b")], Correction("z", 0, 7, "Valence", "gn:fr", scope="name"))
    assert _ids(out[0]) == _ids(out[1]) == ["gn:fr", "gn:fr"]


def test_not_a_place_and_this_point() -> None:
    (out,), _ = _apply([_result()], Correction("a", 14, 21, "Valence", None),
                       Correction("a", 23, 30, "Valence", None, 44.0, 4.0))
    assert out.resolutions[0].place is None and out.resolutions[0].reasons[0].endswith("not a place")
    point = out.resolutions[1].place
    assert point is not None and point.point == LatLon(44.0, 4.0) and point.feature == "point"


def test_a_stale_correction_is_reported_and_skipped() -> None:
    changed = "Inondations à Valencia. Valence reste sous l'eau."
    (out,), problems = _apply([_result(text=changed)], Correction("a", 14, 21, "Valence", "gn:fr", source="f"))
    assert _ids(out) == ["gn:es"]
    assert len(problems) == 1 and "no longer matches" in problems[0] and "'Valence'" in problems[0]


def test_an_unknown_place_id_is_reported() -> None:
    (out,), problems = _apply([_result()], Correction("a", 14, 21, "Valence", "gn:nowhere", source="f"))
    assert _ids(out) == ["gn:es", "gn:es"] and problems == ["f: unknown place id 'gn:nowhere' (for 'Valence'): skipped"]


def test_hostile_file_bad_lines_are_one_line_each_and_the_rest_applies(tmp_path: Path) -> None:
    good = {"article": "a", "start": 14, "end": 21, "name": "Valence", "place_id": "gn:fr"}
    lines = [
        "not json",
        json.dumps([1, 2]),
        json.dumps({**good, "start": "14"}),
        json.dumps({**good, "place_id": None, "lat": 95.0, "lon": 4.0}),
        json.dumps({**good, "place_id": None, "lat": 44.0}),
        json.dumps({**good, "scope": "everything"}),
        json.dumps({**good, "end": 99}),
        '{"article": "a", "start": 0, "end": 1, "name": "V", "lat": NaN, "lon": 1, "place_id": null}',
        "x" * 200_000,
        json.dumps(good),
    ]
    path = tmp_path / "fix.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems: list[str] = []
    loaded = load_corrections(path, problems.append)
    assert [c.place_id for c in loaded] == ["gn:fr"]
    assert len(problems) == 9 and all(p.startswith(f"{path}:") for p in problems)
    assert [p.split(":")[1] for p in problems] == [str(n) for n in range(1, 10)]


def test_merge_later_wins_and_lists_conflicts() -> None:
    a = [Correction("a", 14, 21, "Valence", "gn:fr", source="a.jsonl")]
    b = [Correction("a", 14, 21, "Valence", "gn:es", source="b.jsonl"), Correction("b", 0, 7, "Valence", None)]
    merged, conflicts = merge_corrections([a, b])
    assert [(c.article, c.place_id) for c in merged] == [("a", "gn:es"), ("b", None)]
    assert conflicts == ["a 14-21 'Valence': gn:fr replaced by gn:es (b.jsonl)"]


def test_cli_extract_applies_corrections_and_merge(
    tmp_path: Path, mini_gazetteer_path: Path, nlp, capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("geonews.extract.nlp.load_pipeline", lambda model="": nlp)
    base = ["--gazetteer", str(mini_gazetteer_path), "--no-cache", "--cache-dir", str(tmp_path / "c"), "-q"]
    article = tmp_path / "a.txt"
    article.write_text("Visite\nLe président est arrivé à Paris mardi.\n", encoding="utf-8")
    assert main([*base, "extract", str(article), "-f", "jsonl"]) == 0
    record = json.loads(capsys.readouterr().out.splitlines()[0])
    paris = next(p for p in record["places"] if p["name"] == "Paris")
    assert paris["place_id"] == "gn:2988507"
    fix = {"article": record["id"], "start": paris["start"], "end": paris["end"], "name": "Paris",
           "place_id": "gn:4717560", "scope": "mention"}
    fixes = tmp_path / "fix.jsonl"
    fixes.write_text(json.dumps(fix) + "\nbroken\n", encoding="utf-8")
    assert main([*base, "extract", str(article), "-f", "jsonl", "--corrections", str(fixes)]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"geonews: error: {fixes}:2: not JSON (Expecting value)"]  # the rest applied
    fixed = next(p for p in json.loads(out.splitlines()[0])["places"] if p["name"] == "Paris")
    assert fixed["place_id"] == "gn:4717560" and fixed["confidence"] == 1.0
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({**fix, "place_id": None}) + "\n", encoding="utf-8")
    merged = tmp_path / "merged.jsonl"
    assert main(["corrections", "merge", str(fixes), str(other), "-o", str(merged)]) == 1  # fixes.jsonl:2
    assert "conflict: " in capsys.readouterr().err
    assert [json.loads(line)["place_id"] for line in merged.read_text().splitlines()] == [None]
    assert main([*base, "extract", str(article), "-f", "jsonl", "--corrections", str(merged)]) == 0
    names = [p["name"] for p in json.loads(capsys.readouterr().out.splitlines()[0])["places"] if p.get("lat")]
    assert "Paris" not in names  # "not a place"


@pytest.mark.parametrize("scope", ["mention", "article", "name"])
def test_round_trip_of_a_correction(scope: str, tmp_path: Path) -> None:
    c = Correction("a", 14, 21, "Valence", "gn:fr", scope=scope, source="f.jsonl")
    path = tmp_path / "f.jsonl"
    path.write_text(c.to_json() + "\n", encoding="utf-8")
    assert load_corrections(path, pytest.fail) == [c]


def test_a_file_over_the_size_limit_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import geonews.corrections as corrections

    monkeypatch.setattr(corrections, "MAX_BYTES", 100)
    path = tmp_path / "huge.jsonl"
    path.write_text(Correction("a", 0, 7, "Valence", "gn:fr").to_json() + "\n" + " " * 200, encoding="utf-8")
    with pytest.raises(corrections.CorrectionError, match=r"huge\.jsonl: corrections file larger than"):
        load_corrections(path, pytest.fail)


def test_corrections_listed_in_geonews_toml_apply(
    tmp_path: Path, mini_gazetteer_path: Path, nlp, capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("geonews.extract.nlp.load_pipeline", lambda model="": nlp)
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "a.txt"
    article.write_text("Visite\nLe président est arrivé à Paris mardi.\n", encoding="utf-8")
    start = article.read_text(encoding="utf-8").index("Paris")
    (tmp_path / "fix.jsonl").write_text(json.dumps(
        {"article": "a", "start": start, "end": start + 5, "name": "Paris", "place_id": "gn:4717560"}) + "\n")
    (tmp_path / "geonews.toml").write_text('corrections = ["fix.jsonl"]\n', encoding="utf-8")
    base = ["--gazetteer", str(mini_gazetteer_path), "--no-cache", "--cache-dir", str(tmp_path / "c"), "-q"]
    assert main([*base, "extract", str(article), "-f", "jsonl"]) == 0
    record = json.loads(capsys.readouterr().out.splitlines()[0])
    assert [p["place_id"] for p in record["places"] if p["name"] == "Paris"] == ["gn:4717560"]
