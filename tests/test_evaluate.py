import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geonews.cli import main
from geonews.evaluate import evaluate, report_to_dict


def test_perfect_and_empty() -> None:
    gold = {"d": [{"start": 0, "end": 4, "lat": 10.0, "lon": 20.0}]}
    r = evaluate(gold, gold)
    assert (r.exact.f1, r.overlap.f1, r.acc161, r.median_km, r.auc) == (1.0, 1.0, 1.0, 0.0, 0.0)
    empty = evaluate(gold, {})
    assert (empty.exact.f1, empty.acc161, empty.end_to_end_acc161) == (0.0, None, 0.0)


def test_tolerance_and_types() -> None:
    gold = {"d": [{"start": 0, "end": 6, "lat": 60.0, "lon": 100.0, "tolerance_km": 1166.5, "type": "country"},
                  {"start": 10, "end": 15, "lat": 48.85, "lon": 2.35, "type": "city"}]}
    pred = {"d": [{"start": 0, "end": 6, "lat": 60.0, "lon": 90.0}, {"start": 9, "end": 15, "lat": 45.75, "lon": 4.85}]}
    r = evaluate(gold, pred)
    assert r.exact.true_positives == 1 and r.overlap.true_positives == 2
    assert r.by_type == {"city": (0, 1), "country": (1, 1)}
    assert r.acc161 == 0.5
    json.dumps(report_to_dict(r))


def test_overlap_pairs_are_one_to_one() -> None:
    gold = {"d": [{"start": 0, "end": 10}, {"start": 5, "end": 8}]}
    pred = {"d": [{"start": 4, "end": 9}]}
    assert evaluate(gold, pred).overlap.true_positives == 1


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 10)), max_size=8))
def test_scores_are_bounded(spans: list[tuple[int, int]]) -> None:
    places = [{"start": a, "end": a + n} for a, n in spans]
    r = evaluate({"d": places}, {"d": places[::2]})
    for prf in (r.exact, r.overlap):
        assert 0.0 <= prf.precision <= 1.0 and 0.0 <= prf.recall <= 1.0 and 0.0 <= prf.f1 <= 1.0


def test_evaluate_command(tmp_path: Path, mini_gazetteer_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Paris, au Texas, a voté."
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "x", "text": text, "places": [
        {"start": 0, "end": 5, "lat": 33.66, "lon": -95.56}, {"start": 10, "end": 15, "lat": 31.25, "lon": -99.25}]})
        + "\n", encoding="utf-8")
    code = main(["-q", "--gazetteer", str(mini_gazetteer_path), "--cache-dir", str(tmp_path),
                 "evaluate", str(gold), "--mode", "resolve", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["acc161"] == 1.0 and data["recognition_exact"]["f1"] == 1.0


def test_evaluate_scores_geonews_own_output(tmp_path: Path, mini_gazetteer_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """`evaluate GOLD -p OUT` takes the output of `geonews resolve`/`extract` as the README says: it has no
    "text" (the gold file has it); a bad predictions line is one error naming file:line, the rest scored."""
    text = "Paris, au Texas, a voté."
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "x", "text": text, "places": [
        {"start": 0, "end": 5, "lat": 33.66, "lon": -95.56}, {"start": 10, "end": 15, "lat": 31.25, "lon": -99.25}]})
        + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    common = ["-q", "--gazetteer", str(mini_gazetteer_path), "--cache-dir", str(tmp_path)]
    assert main([*common, "resolve", str(gold), "-o", str(out)]) == 0
    assert "text" not in json.loads(out.read_text(encoding="utf-8"))
    capsys.readouterr()
    code = main([*common, "evaluate", str(gold), "-p", str(out), "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    data = json.loads(captured.out)
    assert data["acc161"] == 1.0 and data["recognition_exact"]["f1"] == 1.0
    # a broken line and a line whose "places" is not a list: one line each, named, exit 1, the rest still scored
    with out.open("a", encoding="utf-8") as f:
        f.write('{"id": "y", "places": [\n{"id": "z", "places": 5}\n{"places": []}\n')
    code = main([*common, "evaluate", str(gold), "-p", str(out), "--json"])
    captured = capsys.readouterr()
    assert code == 1
    assert [line.split(": ")[2] for line in captured.err.splitlines()] == [f"{out}:2", f"{out}:3", f"{out}:4"]
    assert json.loads(captured.out)["acc161"] == 1.0
