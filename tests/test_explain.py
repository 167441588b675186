"""`geonews rules`, `--disable-rule`, `[rules]` in geonews.toml and `geonews explain`, through geonews.cli.main."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geonews.cli import main
from geonews.extract.rules import RULES


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_rules_lists_every_rule_and_the_ranking_features(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["rules"], capsys)
    assert code == 0
    for name, rule in RULES.items():
        line = next(x for x in out.splitlines() if x.startswith(name + " "))
        assert rule.phase in line and rule.text_class in line and rule.description in line
    assert "Ranking features" in out and "dateline" in out
    assert "(off)" not in out


def test_disable_rule_marks_it_off_and_refuses_unknown_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["--disable-rule", "venues", "--disable-rule", "codes_dropped", "rules"], capsys)
    assert code == 0
    assert [x.split()[0] for x in out.splitlines() if "(off)" in x] == ["venues", "codes_dropped"]
    code, out, err = _run(["--disable-rule", "venue", "rules"], capsys)
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "unknown rule 'venue'" in err and "venues, ner_places" in err


def test_rules_table_in_geonews_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "geonews.toml").write_text('[rules]\ndisabled_rules = ["streets"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(["--disable-rule", "venues", "rules"], capsys)
    assert code == 0
    assert sorted(x.split()[0] for x in out.splitlines() if "(off)" in x) == ["streets", "venues"]
    code, out, _ = _run(["config", "--json"], capsys)
    assert json.loads(out)["rules"]["value"] == {"disabled_rules": ["streets"]}
    (tmp_path / "geonews.toml").write_text('[rules]\ndisabled_rule = ["streets"]\n', encoding="utf-8")
    code, _, err = _run(["rules"], capsys)
    assert code != 0 and "unknown key 'disabled_rule'" in err and len(err.strip().splitlines()) == 1


def test_explain_shows_rules_and_feature_contributions(tmp_path: Path, mini_gazetteer_path: Path, nlp,  # type: ignore[no-untyped-def]
                                                       capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("geonews.extract.nlp.load_pipeline", lambda model="": nlp)
    text = "Kim est arrivé à la gare de Vladivostok mardi, puis il a visité le code R-4 à Tbilissi."
    argv = ["-q", "--gazetteer", str(mini_gazetteer_path), "--no-cache", "explain", text]
    code, out, _ = _run(argv, capsys)
    assert code == 0
    assert "refined by toponym_narrowing" in out and "'Vladivostok'" in out
    assert "Vladivostok (station)" in out  # the place, with its hint
    assert "feature_prior" in out and "name_tier" in out  # each feature's contribution
    # the same, from a file, with the narrowing switched off
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    code, off, _ = _run(["--disable-rule", "toponym_narrowing", *argv[:-1], str(path)], capsys)
    assert code == 0 and "toponym_narrowing" not in off and "Vladivostok (station)" not in off


def test_disabled_rule_changes_extract_output(tmp_path: Path, mini_gazetteer_path: Path, nlp,  # type: ignore[no-untyped-def]
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("geonews.extract.nlp.load_pipeline", lambda model="": nlp)
    path = tmp_path / "a.txt"
    path.write_text("Kim est arrivé à Vladivostok mardi, via la Russie.", encoding="utf-8")
    base = ["-q", "--gazetteer", str(mini_gazetteer_path), "--no-cache"]
    code, out, _ = _run([*base, "extract", str(path)], capsys)
    names = [p["name"] for p in json.loads(out)["places"]]
    assert code == 0 and "Vladivostok" in names
    code, out, _ = _run([*base, "--disable-rule", "ner_places", "--disable-rule", "gazetteer_ruler",
                         "--disable-rule", "local_towns", "extract", str(path)], capsys)
    assert code == 0 and json.loads(out)["places"] == []
