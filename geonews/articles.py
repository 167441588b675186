"""Reading input articles: plain text, Markdown, JSON Lines, JSON and stdin.

The parsing helpers are pure (strings in, :class:`~geonews.model.Article`
out); only :func:`iter_articles`, :func:`expand_path` and
:func:`read_gold_documents` touch the file system.

    >>> art = parse_text_article("Titre\\r\\n\\r\\nLe cosmodrome de Vostotchny.\\r\\n", id="a")
    >>> art.title, art.text
    ('Titre', 'Titre\\n\\nLe cosmodrome de Vostotchny.\\n')
    >>> parse_jsonl_line('{"id": "d1", "text": "À Kyiv.", "places": []}', source="gold.jsonl", lineno=1).text
    'À Kyiv.'

Every problem with an input is an :class:`~geonews.errors.ArticleReadError`
naming the file (``gold.jsonl:12`` for a line of a JSON Lines file) and a
short reason.
"""

from __future__ import annotations

import glob
import json
import os
import sys
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from geonews.errors import ArticleReadError
from geonews.model import Article

__all__ = [
    "ARTICLE_SUFFIXES",
    "STDIN_SOURCE",
    "TITLE_MAX",
    "article_from_record",
    "decode_article_bytes",
    "decode_json_object",
    "derive_title",
    "expand_path",
    "iter_articles",
    "normalize_text",
    "parse_json_document",
    "parse_jsonl_line",
    "parse_text_article",
    "read_gold_documents",
    "shorten",
    "unique_id",
]

#: File suffixes a directory is searched for (lower case).
ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".jsonl", ".json")
#: Titles longer than this are shortened for display.
TITLE_MAX = 120
#: The name standard input goes by in messages and ``Article.source``.
STDIN_SOURCE = "<stdin>"

_GLOB_CHARS = frozenset("*?[")
_OPTIONAL_FIELDS = ("title", "url", "date", "lang")

ErrorHandler = Callable[[ArticleReadError], None]


# --------------------------------------------------------------------------- pure helpers


def normalize_text(raw: str) -> str:
    """NFC-normalise ``raw``, turn ``\\r\\n`` and ``\\r`` into ``\\n`` and drop a leading BOM.

    >>> normalize_text("\\ufeffe\\u0301t\\u00e9\\r\\nhiver\\r")
    'été\\nhiver\\n'
    """
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def shorten(text: str, *, limit: int = TITLE_MAX) -> str:
    """Cut ``text`` to at most ``limit`` characters, at a word boundary, ending with "…".

    >>> shorten("Poutine et Kim au cosmodrome", limit=15)
    'Poutine et Kim…'
    >>> shorten("court", limit=15)
    'court'
    """
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    space = cut.rfind(" ")
    if not text[len(cut)].isspace() and space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" \t,;:.-–—") + "…"


def derive_title(text: str, *, markdown: bool = False, limit: int = TITLE_MAX) -> str:
    """The first non-empty line of ``text``, stripped and shortened for display.

    With ``markdown`` a leading heading marker (``#``) is dropped.

    >>> derive_title("\\n\\n  Poutine reçoit Kim  \\nLe texte.")
    'Poutine reçoit Kim'
    >>> derive_title("# Vostotchny\\n", markdown=True)
    'Vostotchny'
    >>> derive_title("   ")
    ''
    """
    for line in text.split("\n"):
        title = line.strip()
        if markdown and title.startswith("#"):
            title = title.lstrip("#").strip()
        if title:
            return shorten(title, limit=limit)
    return ""


def parse_text_article(raw: str, *, id: str, source: str = "", markdown: bool = False) -> Article:
    """Build an :class:`Article` from the content of a plain-text (or Markdown) file.

    The text is normalised (:func:`normalize_text`) so that offsets refer to
    what is shown; the title is its first non-empty line.

    >>> parse_text_article("Kim à Vostotchny\\n\\nTexte.", id="k", source="k.txt").title
    'Kim à Vostotchny'
    >>> parse_text_article(" \\n", id="k", source="k.txt")
    Traceback (most recent call last):
    ...
    geonews.errors.ArticleReadError: k.txt: empty article
    """
    text = normalize_text(raw)
    if not text.strip():
        raise ArticleReadError(source or id, "empty article")
    return Article(id=id, text=text, title=derive_title(text, markdown=markdown), source=source)


def decode_article_bytes(data: bytes, *, source: str) -> str:
    """Decode the bytes of an input file: UTF-8 (BOM accepted), not binary, not empty.

    >>> decode_article_bytes("\\ufeffété".encode(), source="a.txt")
    'été'
    >>> decode_article_bytes(b"caf\\xe9", source="a.txt")
    Traceback (most recent call last):
    ...
    geonews.errors.ArticleReadError: a.txt: not valid UTF-8 (byte 0xe9 at offset 3)
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleReadError(source, "UTF-16 text, expected UTF-8")
    if b"\x00" in data:
        raise ArticleReadError(source, "binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleReadError(
            source, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    if not text.strip():
        raise ArticleReadError(source, "empty file")
    return text


def _json_type(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "null" if value is None else type(value).__name__


def decode_json_object(raw: str, *, where: str) -> dict[str, Any]:
    """Parse one JSON object; ``where`` (``file:line``) names it in errors.

    >>> decode_json_object('{"id": "a"}', where="x.jsonl:1")
    {'id': 'a'}
    >>> decode_json_object('[1]', where="x.jsonl:2")
    Traceback (most recent call last):
    ...
    geonews.errors.ArticleReadError: x.jsonl:2: expected a JSON object, got an array
    """
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ArticleReadError(where, f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ArticleReadError(where, "invalid JSON (nested too deeply)") from None
    if not isinstance(value, dict):
        raise ArticleReadError(where, f"expected a JSON object, got {_json_type(value)}")
    return value


def article_from_record(
    record: Mapping[str, Any], *, source: str, default_id: str, where: str | None = None
) -> Article:
    """Build an :class:`Article` from a JSON document ``{"id", "text", "title"?, "url"?, ...}``.

    ``text`` is taken as is (gold offsets refer to it); a missing or empty
    ``id`` becomes ``default_id``; a missing title is derived from the text;
    unknown keys are ignored. ``where`` names the document in errors.

    >>> a = article_from_record({"text": "Kyiv\\r\\n", "lang": "en", "places": []},
    ...                         source="g.jsonl", default_id="g.jsonl#3")
    >>> a.id, a.text, a.title, a.lang
    ('g.jsonl#3', 'Kyiv\\r\\n', 'Kyiv', 'en')
    >>> article_from_record({"id": "x"}, source="g.jsonl", default_id="?", where="g.jsonl:4")
    Traceback (most recent call last):
    ...
    geonews.errors.ArticleReadError: g.jsonl:4: missing "text"
    """
    where = where or source
    if "text" not in record:
        raise ArticleReadError(where, 'missing "text"')
    text = record["text"]
    if not isinstance(text, str):
        raise ArticleReadError(where, f'"text" must be a string, got {_json_type(text)}')
    if not text.strip():
        raise ArticleReadError(where, 'empty "text"')
    raw_id = record.get("id")
    if raw_id is None or raw_id == "":
        doc_id = default_id
    elif isinstance(raw_id, str):
        doc_id = raw_id
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        doc_id = str(raw_id)
    else:
        raise ArticleReadError(where, f'"id" must be a string, got {_json_type(raw_id)}')
    fields: dict[str, str | None] = {}
    for key in _OPTIONAL_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            if isinstance(value, (list, dict)):
                raise ArticleReadError(where, f'"{key}" must be a string, got {_json_type(value)}')
            value = str(value)
        fields[key] = value
    title = fields.pop("title") or derive_title(text.replace("\r", "\n"))
    return Article(id=doc_id, text=text, title=title, source=source, **fields)


def _stem_for_ids(source: str) -> str:
    return "stdin" if source == STDIN_SOURCE else Path(source).name


def parse_jsonl_line(line: str, *, source: str, lineno: int) -> Article:
    """Build an :class:`Article` from line ``lineno`` (1-based) of a JSON Lines file.

    >>> parse_jsonl_line('{"text": "Paris"}', source="dir/g.jsonl", lineno=7).id
    'g.jsonl#7'
    >>> parse_jsonl_line('{"text": ', source="g.jsonl", lineno=12)
    Traceback (most recent call last):
    ...
    geonews.errors.ArticleReadError: g.jsonl:12: invalid JSON (Expecting value at column 10)
    """
    where = f"{source}:{lineno}"
    record = decode_json_object(line, where=where)
    return article_from_record(
        record, source=source, default_id=f"{_stem_for_ids(source)}#{lineno}", where=where
    )


def _records_from_lines(
    lines: Sequence[tuple[int, str]], *, source: str, on_error: ErrorHandler | None
) -> Iterator[tuple[Article, dict[str, Any]]]:
    """Articles (and their raw objects) of numbered JSON Lines, skipping blank ones."""
    for lineno, line in lines:
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            record = decode_json_object(line, where=where)
            article = article_from_record(
                record, source=source, default_id=f"{_stem_for_ids(source)}#{lineno}", where=where
            )
        except ArticleReadError as exc:
            if on_error is None:
                raise
            on_error(exc)
            continue
        yield article, record


def _numbered_lines(text: str) -> list[tuple[int, str]]:
    # Split on "\n" only: JSON strings may hold a raw U+2028, which splitlines() would cut.
    return [(n, line.removesuffix("\r")) for n, line in enumerate(text.split("\n"), start=1)]


def parse_json_document(
    text: str, *, source: str, on_error: ErrorHandler | None = None
) -> Iterator[tuple[Article, dict[str, Any]]]:
    """Articles of a ``.json`` file: one object or a list of objects.

    >>> [a.id for a, _ in parse_json_document('[{"text": "a"}, {"id": "b", "text": "b"}]', source="c.json")]
    ['c.json#1', 'b']
    """
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArticleReadError(
            source, f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None
    except RecursionError:
        raise ArticleReadError(source, "invalid JSON (nested too deeply)") from None
    if isinstance(value, dict):
        yield article_from_record(value, source=source, default_id=Path(source).stem), value
        return
    if not isinstance(value, list):
        raise ArticleReadError(source, f"expected a JSON object or array, got {_json_type(value)}")
    if not value:
        raise ArticleReadError(source, "empty JSON array")
    for n, item in enumerate(value, start=1):
        where = f"{source}#{n}"
        try:
            if not isinstance(item, dict):
                raise ArticleReadError(where, f"expected a JSON object, got {_json_type(item)}")
            article = article_from_record(
                item, source=source, default_id=f"{_stem_for_ids(source)}#{n}", where=where
            )
        except ArticleReadError as exc:
            if on_error is None:
                raise
            on_error(exc)
            continue
        yield article, item


def unique_id(base: str, used: set[str]) -> str:
    """Return ``base``, or ``base-2``, ``base-3``… if taken, and mark it used.

    >>> used: set[str] = set()
    >>> [unique_id("a", used) for _ in range(3)]
    ['a', 'a-2', 'a-3']
    """
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    used.add(candidate)
    return candidate


# --------------------------------------------------------------------------- file system


def _is_hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _directory_articles(directory: Path) -> list[str]:
    found = [
        p
        for p in directory.rglob("*")
        if p.suffix.lower() in ARTICLE_SUFFIXES
        and not _is_hidden(p.relative_to(directory))
        and p.is_file()
    ]
    return [str(p) for p in sorted(found, key=lambda p: p.relative_to(directory).as_posix())]


def expand_path(path: str) -> list[str]:
    """The files ``path`` stands for: itself, a directory's articles, or a glob's matches.

    ``-`` (stdin) is returned unchanged. Raises :class:`ArticleReadError` when
    nothing matches.

    >>> expand_path("-")
    ['-']
    >>> expand_path("/nonexistent/article.txt")
    Traceback (most recent call last):
    ...
    geonews.errors.ArticleReadError: /nonexistent/article.txt: no such file or directory
    """
    if path == "-":
        return [path]
    p = Path(path)
    if p.is_dir():
        files = _directory_articles(p)
        if not files:
            raise ArticleReadError(path, "directory has no .txt, .md, .jsonl or .json files")
        return files
    if p.exists() or not _GLOB_CHARS.intersection(path):
        if not p.exists():
            raise ArticleReadError(path, "no such file or directory")
        return [path]
    files = []
    for match in sorted(glob.glob(path, recursive=True)):
        files.extend(_directory_articles(Path(match)) if os.path.isdir(match) else [match])
    if not files:
        raise ArticleReadError(path, "no file matches this pattern")
    return files


def _read_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ArticleReadError(path, "no such file or directory") from None
    except IsADirectoryError:
        raise ArticleReadError(path, "is a directory") from None
    except OSError as exc:
        raise ArticleReadError(path, (exc.strerror or str(exc)).lower()) from None


def _file_records(
    path: str, *, on_error: ErrorHandler | None
) -> Iterator[tuple[Article, dict[str, Any] | None]]:
    """Articles of one file, with their JSON objects (``None`` for plain text)."""
    text = decode_article_bytes(_read_bytes(path), source=path)
    suffix = Path(path).suffix.lower()
    if suffix == ".jsonl":
        yield from _records_from_lines(_numbered_lines(text), source=path, on_error=on_error)
    elif suffix == ".json":
        yield from parse_json_document(text, source=path, on_error=on_error)
    else:
        stem = Path(path).stem or Path(path).name
        yield parse_text_article(text, id=stem, source=path, markdown=suffix in (".md", ".markdown")), None


def _stdin_articles(stdin: TextIO | None, *, on_error: ErrorHandler | None) -> Iterator[Article]:
    buffer = getattr(sys.stdin, "buffer", None) if stdin is None else None
    if buffer is not None:
        text = decode_article_bytes(buffer.read(), source=STDIN_SOURCE)
    else:
        try:
            text = (stdin or sys.stdin).read().removeprefix("\ufeff")
        except UnicodeDecodeError:
            raise ArticleReadError(STDIN_SOURCE, "not valid UTF-8") from None
        if "\x00" in text:
            raise ArticleReadError(STDIN_SOURCE, "binary input (contains NUL bytes), expected UTF-8 text")
        if not text.strip():
            raise ArticleReadError(STDIN_SOURCE, "empty input")
    lines = _numbered_lines(text)
    if all(_is_json_object(line) for _, line in lines if line.strip()):
        for article, _ in _records_from_lines(lines, source=STDIN_SOURCE, on_error=on_error):
            yield article
    else:
        yield parse_text_article(text, id="stdin", source=STDIN_SOURCE)


def _is_json_object(line: str) -> bool:
    stripped = line.strip()
    if not (stripped.startswith("{") and stripped.endswith("}")):
        return False
    try:
        return isinstance(json.loads(stripped), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def iter_articles(
    paths: Sequence[str],
    *,
    stdin: TextIO | None = None,
    on_error: ErrorHandler | None = None,
) -> Iterator[Article]:
    """Read every article ``paths`` stand for, in order.

    Each path is a file, a directory (its ``.txt``, ``.md``, ``.jsonl`` and
    ``.json`` files, recursively, sorted; hidden ones skipped), a glob pattern
    or ``-`` for ``stdin`` (``sys.stdin`` when not given): JSON Lines if every
    non-empty line is a JSON object, else one plain-text article. A file
    reached twice is read once. Ids are made unique across the batch
    (``a``, ``a-2``…).

    Problems raise :class:`ArticleReadError`; with ``on_error`` they are
    passed to it instead and reading carries on with the next file or line.

    >>> import io
    >>> [a.id for a in iter_articles(["-"], stdin=io.StringIO('{"id": "x", "text": "Lyon"}\\n'))]
    ['x']
    >>> errors = []
    >>> list(iter_articles(["/nonexistent"], on_error=errors.append)), str(errors[0])
    ([], '/nonexistent: no such file or directory')
    """
    used_ids: set[str] = set()
    seen_files: set[str] = set()
    for path in paths:
        try:
            files = expand_path(path)
        except ArticleReadError as exc:
            if on_error is None:
                raise
            on_error(exc)
            continue
        for file in files:
            if file != "-":
                real = os.path.realpath(file)
                if real in seen_files:
                    continue
                seen_files.add(real)
            try:
                if file == "-":
                    articles: Iterator[Article] = _stdin_articles(stdin, on_error=on_error)
                else:
                    articles = (a for a, _ in _file_records(file, on_error=on_error))
                for article in articles:
                    doc_id = unique_id(article.id, used_ids)
                    yield article if doc_id == article.id else replace(article, id=doc_id)
            except ArticleReadError as exc:
                if on_error is None:
                    raise
                on_error(exc)


def read_gold_documents(
    path: str | os.PathLike[str], *, on_error: ErrorHandler | None = None
) -> Iterator[tuple[Article, list[dict[str, Any]]]]:
    """Documents of an annotated corpus (``.jsonl`` or ``.json``) with their ``places`` lists, unchanged.

    A document without ``places`` gets ``[]``. Ids are kept as they are.
    Errors behave as in :func:`iter_articles`.
    """
    source = os.fspath(path)
    try:
        text = decode_article_bytes(_read_bytes(source), source=source)
        if Path(source).suffix.lower() == ".json":
            records = parse_json_document(text, source=source, on_error=on_error)
        else:
            records = _records_from_lines(_numbered_lines(text), source=source, on_error=on_error)
        for article, record in records:
            places = record.get("places", [])
            if places is None:
                places = []
            if not isinstance(places, list):
                exc = ArticleReadError(
                    f"{source} ({article.id})", f'"places" must be a list, got {_json_type(places)}'
                )
                if on_error is None:
                    raise exc
                on_error(exc)
                continue
            yield article, places
    except ArticleReadError as exc:
        if on_error is None:
            raise
        on_error(exc)
