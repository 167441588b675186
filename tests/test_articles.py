"""Reading input articles (geonews.articles)."""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geonews.articles import (
    DEFAULT_MAX_BYTES,
    TITLE_MAX,
    ReadOptions,
    derive_title,
    iter_articles,
    normalize_text,
    parse_jsonl_line,
    parse_text_article,
    read_gold_documents,
)
from geonews.errors import ArticleReadError, GeonewsError

SEED = Path(__file__).resolve().parents[1] / "seeds" / "vostotchny-putin-kim.fr.txt"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def read_all(paths: list[str], **kwargs: object) -> tuple[list, list[ArticleReadError]]:
    errors: list[ArticleReadError] = []
    articles = list(iter_articles(paths, on_error=errors.append, **kwargs))  # type: ignore[arg-type]
    return articles, errors


# --------------------------------------------------------------------------- plain text


def test_seed_article() -> None:
    [art] = iter_articles([str(SEED)])
    assert art.id == "vostotchny-putin-kim.fr"
    assert art.source == str(SEED)
    assert art.title.startswith("Vladimir Poutine et Kim Jong-Un")
    assert len(art.title) <= TITLE_MAX
    assert "Vostotchny" in art.text


def test_plain_text_normalised(tmp_path: Path) -> None:
    raw = "\ufeffLe Caire\r\n\r\nA\u0300 Ismai\u0308lia.\rFin"
    path = write(tmp_path / "caire.txt", raw)
    [art] = iter_articles([str(path)])
    assert art.text == "Le Caire\n\nÀ Ismaïlia.\nFin"
    assert unicodedata.is_normalized("NFC", art.text)
    assert art.title == "Le Caire"
    assert art.id == "caire"
    start = art.text.index("Ismaïlia")
    assert art.text[start : start + len("Ismaïlia")] == "Ismaïlia"


def test_title_first_non_empty_line_and_shortened() -> None:
    long_line = "mot " * 60
    art = parse_text_article(f"\n   \n{long_line}\nsuite", id="x")
    assert art.title.endswith("…")
    assert len(art.title) <= TITLE_MAX
    assert art.text.startswith("\n   \n")  # the text itself is never cut


def test_markdown_heading_stripped_from_title(tmp_path: Path) -> None:
    path = write(tmp_path / "note.md", "## Kim à Vostotchny\n\nTexte.")
    [art] = iter_articles([str(path)])
    assert art.title == "Kim à Vostotchny"
    assert art.text.startswith("## Kim")


# --------------------------------------------------------------------------- paths


def test_directory_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "B")
    write(tmp_path / "a.md", "A")
    write(tmp_path / "sub" / "c.txt", "C")
    write(tmp_path / "image.png", b"\x89PNG\x00\x00")
    write(tmp_path / ".hidden" / "d.txt", "D")
    write(tmp_path / ".e.txt", "E")
    arts, errors = read_all([str(tmp_path)])
    assert errors == []
    assert [a.id for a in arts] == ["a", "b", "c"]


def test_glob_pattern(tmp_path: Path) -> None:
    write(tmp_path / "x1.txt", "one")
    write(tmp_path / "x2.txt", "two")
    write(tmp_path / "y.txt", "three")
    arts, errors = read_all([str(tmp_path / "x*.txt")])
    assert errors == []
    assert [a.text for a in arts] == ["one", "two"]


def test_glob_matching_nothing(tmp_path: Path) -> None:
    arts, errors = read_all([str(tmp_path / "*.nothing")])
    assert arts == []
    assert "no file matches" in errors[0].reason


def test_ids_deduplicated_across_batch(tmp_path: Path) -> None:
    for d in ("a", "b", "c"):
        write(tmp_path / d / "same.txt", d)
    arts, _ = read_all([str(tmp_path)])
    assert [a.id for a in arts] == ["same", "same-2", "same-3"]
    assert [a.text for a in arts] == ["a", "b", "c"]


def test_same_file_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "A")
    arts, _ = read_all([str(path), str(tmp_path), str(path)])
    assert [a.id for a in arts] == ["a"]


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bin.txt", b"abc\x00def", "binary"),
        ("noise.txt", bytes(range(1, 256)) * 4, "not valid UTF-8"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\r\n", "empty"),
        ("utf16.txt", "Paris".encode("utf-16"), "UTF-16"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = write(tmp_path / name, content)
    with pytest.raises(ArticleReadError) as info:
        list(iter_articles([str(path)]))
    assert info.value.path == str(path)
    assert reason in info.value.reason
    assert str(info.value).startswith(f"{path}: ")
    assert "\n" not in str(info.value)


def test_error_types() -> None:
    with pytest.raises(OSError):
        list(iter_articles(["/no/such/article.txt"]))
    with pytest.raises(GeonewsError):
        list(iter_articles(["/no/such/article.txt"]))


def test_empty_directory(tmp_path: Path) -> None:
    write(tmp_path / "readme.rst", "not an article")
    with pytest.raises(ArticleReadError, match="directory has no"):
        list(iter_articles([str(tmp_path)]))


def test_one_bad_file_never_loses_the_others(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "A")
    write(tmp_path / "b.txt", b"\xff\xfe\x00")
    write(tmp_path / "c.txt", "   ")
    write(tmp_path / "d.txt", "D")
    arts, errors = read_all([str(tmp_path), "/missing.txt", str(tmp_path / "d.txt")])
    assert [a.id for a in arts] == ["a", "d"]
    assert [Path(e.path).name for e in errors] == ["b.txt", "c.txt", "missing.txt"]


# --------------------------------------------------------------------------- JSON Lines / JSON


def test_jsonl_documents(tmp_path: Path) -> None:
    lines = [
        {"id": "d1", "text": "A\u0300 Kyiv\r\nfin", "title": "T", "url": "https://x", "date": "2023-09-13",
         "lang": "fr", "places": [{"start": 3, "end": 7}]},
        {"text": "Sans id"},
        {"id": 42, "text": "id entier"},
    ]
    content = "\n".join(json.dumps(x) for x in lines[:2]) + "\n\n" + json.dumps(lines[2]) + "\n"
    path = write(tmp_path / "gold.jsonl", content)
    arts, errors = read_all([str(path)])
    assert errors == []
    a, b, c = arts
    assert a.text == "A\u0300 Kyiv\r\nfin"  # as is: gold offsets refer to it
    assert (a.id, a.title, a.url, a.date, a.lang) == ("d1", "T", "https://x", "2023-09-13", "fr")
    assert a.source == str(path)
    assert b.id == "gold.jsonl#2"
    assert b.title == "Sans id"
    assert c.id == "42"


def test_jsonl_bad_lines_report_line_numbers(tmp_path: Path) -> None:
    content = (
        '{"id": "ok", "text": "Paris"}\n{"id": "broken"\n{"id": "no-text"}\n[1, 2]\n'
        '{"id": "ok2", "text": "Lyon"}\n'
    )
    path = write(tmp_path / "c.jsonl", content)
    arts, errors = read_all([str(path)])
    assert [a.id for a in arts] == ["ok", "ok2"]
    assert [str(e).split(": ")[0] for e in errors] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert 'missing "text"' in errors[1].reason
    with pytest.raises(ArticleReadError, match=r"c\.jsonl:2: invalid JSON"):
        list(iter_articles([str(path)]))


def test_jsonl_line_separator_inside_string(tmp_path: Path) -> None:
    text = "Paris\u2028Lyon\u0085Nice"
    path = write(tmp_path / "s.jsonl", json.dumps({"id": "s", "text": text}, ensure_ascii=False) + "\r\n")
    [art] = iter_articles([str(path)])
    assert art.text == text


def test_parse_jsonl_line_ignores_extra_keys() -> None:
    line = '{"id": "x", "text": "Lyon", "places": [], "extra": 1}'
    art = parse_jsonl_line(line, source="f.jsonl", lineno=1)
    assert (art.id, art.text) == ("x", "Lyon")


def test_json_file_object_and_list(tmp_path: Path) -> None:
    one = write(tmp_path / "one.json", json.dumps({"text": "Lyon"}))
    many = write(tmp_path / "many.json", json.dumps([{"id": "m1", "text": "Nice"}, {"text": "Pau"}, "oops"]))
    arts, errors = read_all([str(one), str(many)])
    assert [a.id for a in arts] == ["one", "m1", "many.json#2"]
    assert len(errors) == 1 and "expected a JSON object" in errors[0].reason


def test_gold_documents_keep_places(tmp_path: Path) -> None:
    places = [{"start": 0, "end": 5, "name": "Paris", "lat": 48.85, "lon": 2.35, "geonameid": 2988507}]
    content = json.dumps({"id": "g", "text": "Paris est belle.", "places": places}) + "\n"
    content += json.dumps({"id": "h", "text": "Rien."}) + "\n"
    path = write(tmp_path / "gold.jsonl", content)
    docs = list(read_gold_documents(path))
    assert [(a.id, p) for a, p in docs] == [("g", places), ("h", [])]


def test_gold_documents_same_ids_kept(tmp_path: Path) -> None:
    content = "".join(json.dumps({"id": "g", "text": t}) + "\n" for t in ("a", "b"))
    path = write(tmp_path / "gold.jsonl", content)
    assert [a.id for a, _ in read_gold_documents(path)] == ["g", "g"]


# --------------------------------------------------------------------------- stdin


def test_stdin_jsonl() -> None:
    data = '{"id": "a", "text": "Paris"}\n\n{"text": "Lyon"}\n'
    arts = list(iter_articles(["-"], stdin=io.StringIO(data)))
    assert [(a.id, a.text) for a in arts] == [("a", "Paris"), ("stdin#3", "Lyon")]


def test_stdin_plain_text() -> None:
    data = "\ufeffTitre\r\n{ceci n'est pas du JSON }\nVostotchny"
    [art] = iter_articles(["-"], stdin=io.StringIO(data))
    assert (art.id, art.title, art.source) == ("stdin", "Titre", "<stdin>")
    assert art.text == "Titre\n{ceci n'est pas du JSON }\nVostotchny"


def test_stdin_jsonl_is_streamed_line_by_line() -> None:
    data = "".join(json.dumps({"id": f"d{i}", "text": "Kyiv"}) + "\n" for i in range(1000))
    stream = io.StringIO(data)
    articles = iter_articles(["-"], stdin=stream)
    assert next(articles).id == "d0"
    assert stream.tell() < len(data) / 100  # the first article came before the rest was read
    assert sum(1 for _ in articles) == 999


def test_stdin_bytes_jsonl_reports_bad_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    data = '\ufeff{"id": "a", "text": "Paris"}\r\n{broken\n{"text": "Lyon"}\n'.encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    errors: list[ArticleReadError] = []
    arts = list(iter_articles(["-"], on_error=errors.append))
    assert [(a.id, a.text) for a in arts] == [("a", "Paris"), ("stdin#3", "Lyon")]
    assert [str(e).split(":")[:2] for e in errors] == [["<stdin>", "2"]]
    bad = b'{"text": "Paris"}\n{"text": "\xe9"}\n'
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(bad), encoding="utf-8"))
    with pytest.raises(ArticleReadError, match="<stdin>:2: not valid UTF-8"):
        list(iter_articles(["-"]))


def test_stdin_empty() -> None:
    with pytest.raises(ArticleReadError, match="<stdin>: empty"):
        list(iter_articles(["-"], stdin=io.StringIO(" \n")))


# --------------------------------------------------------------------------- properties


@given(st.text())
def test_normalize_text_properties(raw: str) -> None:
    text = normalize_text(raw)
    assert "\r" not in text
    assert unicodedata.is_normalized("NFC", text)
    assert normalize_text(text) == text


@given(st.text(min_size=1).filter(lambda s: s.strip()))
def test_derive_title_is_short_and_one_line(text: str) -> None:
    title = derive_title(normalize_text(text))
    assert len(title) <= TITLE_MAX
    assert "\n" not in title


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ('{"id": "big", "text": "Lyon", "n": ' + "1" * 5000 + "}", "number too long"),
        ('{"id": "neg", "text": "Lyon", "n": -' + "9" * 4400 + "}", "number too long"),
        ('{"id": "sur", "text": "Nice \\ud800 x"}', "lone surrogate"),
        ('{"id": "sur2", "text": "Nice", "title": "\\udfff"}', "lone surrogate"),
        ('{"id": "sur3", "text": "Nice", "extra": ["\\uDC00"]}', "lone surrogate"),
    ],
    ids=["long-int", "long-negative-int", "surrogate-text", "surrogate-title", "surrogate-extra"],
)
def test_jsonl_hostile_line_is_reported_and_the_others_kept(tmp_path: Path, bad_line: str, reason: str) -> None:
    """A JSON line Python's json module parses into something unusable (an integer over the 4,300-digit
    conversion limit, a string with a lone surrogate escape) is one error naming file:line, not a crash."""
    content = '{"id": "a", "text": "Paris"}\n' + bad_line + '\n{"id": "d", "text": "Metz"}\n'
    for name in ("h.jsonl", "h.json.jsonl"):
        path = write(tmp_path / name, content)
        arts, errors = read_all([str(path)])
        assert [a.id for a in arts] == ["a", "d"]
        assert [str(e).split(": ")[0] for e in errors] == [f"{path}:2"]
        assert reason in errors[0].reason
    # the same through standard input, and through gold documents
    arts = list(iter_articles(["-"], stdin=io.StringIO(content), on_error=lambda e: None))
    assert [a.id for a in arts] == ["a", "d"]
    gold_errors: list[ArticleReadError] = []
    docs = list(read_gold_documents(str(tmp_path / "h.jsonl"), on_error=gold_errors.append))
    assert [a.id for a, _ in docs] == ["a", "d"] and len(gold_errors) == 1


def test_json_document_hostile_values(tmp_path: Path) -> None:
    path = write(tmp_path / "big.json", '{"id": "x", "text": "Paris", "n": ' + "7" * 5000 + "}")
    arts, errors = read_all([str(path)])
    assert arts == [] and len(errors) == 1 and "number too long" in errors[0].reason
    path = write(tmp_path / "sur.json", '[{"id": "x", "text": "Pa\\ud800ris"}, {"id": "y", "text": "Lyon"}]')
    arts, errors = read_all([str(path)])
    assert [a.id for a in arts] == ["y"] and len(errors) == 1 and "lone surrogate" in errors[0].reason


def test_surrogate_pairs_are_text() -> None:
    """An escaped surrogate *pair* is one character (an emoji), not an error."""
    art = parse_jsonl_line('{"text": "Paris \\ud83d\\ude00"}', source="p.jsonl", lineno=1)
    assert art.text == "Paris \U0001f600"


def test_max_size_is_in_megabytes_of_one_million_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One unit everywhere: MB = 1,000,000 bytes, in the CLI's --max-size, the library and the messages."""
    from geonews.cli import main

    assert main(["extract", "--help"]) == 0
    assert "1 MB being 1,000,000 bytes" in " ".join(capsys.readouterr().out.split())
    assert DEFAULT_MAX_BYTES == 20_000_000
    path = write(tmp_path / "big.txt", "Paris\n" + "a" * 1_500_000)
    arts, errors = read_all([str(path)], options=ReadOptions(max_bytes=1_000_000))
    assert arts == [] and "1.5 MB" in errors[0].reason and "the limit is 1 MB" in errors[0].reason
