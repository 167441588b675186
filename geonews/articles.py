"""Reading input articles: plain text, Markdown, JSON Lines, JSON, saved web pages,
CSV tables, RSS/Atom feeds and stdin.

The parsing helpers are pure (strings in, :class:`~geonews.model.Article`
out); only :func:`iter_articles`, :func:`expand_path` and
:func:`read_gold_documents` touch the file system.

    >>> art = parse_text_article("Titre\\r\\n\\r\\nLe cosmodrome de Vostotchny.\\r\\n", id="a")
    >>> art.title, art.text
    ('Titre', 'Titre\\n\\nLe cosmodrome de Vostotchny.\\n')
    >>> parse_jsonl_line('{"id": "d1", "text": "À Kyiv.", "places": []}', source="gold.jsonl", lineno=1).text
    'À Kyiv.'

Every problem with an input is an :class:`~geonews.errors.ArticleReadError`
naming the file (``gold.jsonl:12`` for a line of a JSON Lines or CSV file) and a
short reason.

Files are decoded as UTF-8 (with or without BOM), else as cp1252/latin-1 when
that reads like Western European text, else in the encoding
``charset-normalizer`` detects; binary files, UTF-16 and files over
:attr:`ReadOptions.max_bytes` are refused. The format readers live in
:mod:`geonews.readers`; dates are normalised to ISO 8601 when they can be parsed.
"""

from __future__ import annotations

import codecs
import glob
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import IO, Any, TextIO

from geonews.errors import ArticleReadError, ConfigurationError
from geonews.model import Article
from geonews.readers.dates import normalize_date
from geonews.readers.encoding import decode_text

__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "STDIN_SOURCE",
    "TITLE_MAX",
    "ReadOptions",
    "article_from_fields",
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
    "read_predictions",
    "shorten",
    "unique_id",
]

#: File suffixes a directory is searched for (lower case); ``.xml`` files only when they are feeds.
ARTICLE_SUFFIXES: tuple[str, ...] = (
    ".txt", ".md", ".jsonl", ".json", ".html", ".htm", ".csv", ".tsv", ".rss", ".atom", ".xml",
)  # fmt: skip
#: Files larger than this (20 MB, where a MB is 1,000,000 bytes as in ``--max-size``) are refused
#: unless :attr:`ReadOptions.max_bytes` says otherwise.
DEFAULT_MAX_BYTES = 20_000_000
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_CSV_SUFFIXES = (".csv", ".tsv")
_FEED_SUFFIXES = (".rss", ".atom")
#: Titles longer than this are shortened for display.
TITLE_MAX = 120
#: The name standard input goes by in messages and ``Article.source``.
STDIN_SOURCE = "<stdin>"

_GLOB_CHARS = frozenset("*?[")
_OPTIONAL_FIELDS = ("title", "url", "date", "lang")

ErrorHandler = Callable[[ArticleReadError], None]


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How :func:`iter_articles` reads its inputs (the CLI's ``--text-column``, ``--max-size``…).

    The ``*_column`` options name the CSV columns; ``text_column`` must exist.
    The others are used when the table has them, and are required when set
    to a name other than their default. ``None`` ignores a column.
    ``csv_delimiter`` is sniffed from the header when ``None`` (tab for
    ``.tsv``). ``max_bytes`` refuses larger files (``None``: no limit).
    ``use_trafilatura=False`` reads web pages with the standard library only.

    >>> ReadOptions(text_column="body").text_column
    'body'
    >>> ReadOptions(max_bytes=0)
    Traceback (most recent call last):
    ...
    geonews.errors.ConfigurationError: max_bytes must be positive or None, got 0
    """

    text_column: str = "text"
    title_column: str | None = "title"
    id_column: str | None = "id"
    url_column: str | None = "url"
    date_column: str | None = "date"
    lang_column: str | None = "lang"
    source_column: str | None = "source"
    csv_delimiter: str | None = None
    max_bytes: int | None = DEFAULT_MAX_BYTES
    use_trafilatura: bool = True

    def __post_init__(self) -> None:
        if self.max_bytes is not None and self.max_bytes <= 0:
            raise ConfigurationError(f"max_bytes must be positive or None, got {self.max_bytes!r}")
        if not self.text_column:
            raise ConfigurationError("text_column must be a column name")
        if self.csv_delimiter is not None and len(self.csv_delimiter) != 1:
            raise ConfigurationError(f"csv_delimiter must be one character, got {self.csv_delimiter!r}")

    def csv_columns(self) -> tuple[dict[str, str | None], frozenset[str]]:
        """``({field: column}, fields whose column must exist)`` for :func:`geonews.readers.tables.csv_records`."""
        defaults = {f.name: f.default for f in fields(self)}
        columns: dict[str, str | None] = {}
        required = set()
        for field_name in ("title", "id", "url", "date", "lang", "source"):
            option = f"{field_name}_column"
            columns[field_name] = getattr(self, option)
            if getattr(self, option) is not None and getattr(self, option) != defaults[option]:
                required.add(field_name)
        if self.text_column != defaults["text_column"]:
            required.add("text")  # named by the user: never guessed
        return columns, frozenset(required)


DEFAULT_OPTIONS = ReadOptions()


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
    """Decode the bytes of an input file: UTF-8 (BOM accepted) or a detected encoding; not binary, not empty.

    >>> decode_article_bytes("\\ufeffété".encode(), source="a.txt")
    'été'
    >>> decode_article_bytes(b"caf\\xe9 \\x93cr\\xe8me\\x94", source="a.txt")  # cp1252
    'café “crème”'
    >>> decode_article_bytes(b"PNG\\x00\\x01", source="a.txt")
    Traceback (most recent call last):
    ...
    geonews.errors.ArticleReadError: a.txt: binary file (contains NUL bytes), expected UTF-8 text
    """
    text, _encoding = decode_text(data, source=source)
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


#: A JSON escape of a UTF-16 surrogate (``\\ud800``-``\\udfff``): only pairs of them make text.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _lone_surrogate(value: object) -> bool:
    """Whether a decoded JSON value holds a string with a lone surrogate (not encodable as UTF-8)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_lone_surrogate(k) or _lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_lone_surrogate(v) for v in value)
    return False


def load_json(raw: str, *, where: str, multiline: bool = False, check_strings: bool = True) -> Any:
    """Parse a JSON text, turning everything Python's parser can raise into one :class:`ArticleReadError`.

    Besides syntax errors: nesting too deep, an integer of more than 4,300
    digits (Python's conversion limit) and a string holding a lone surrogate
    escape, which no output could encode (``check_strings=False`` leaves that
    to the caller, see :func:`check_json_strings`). ``multiline`` names the
    line of a syntax error too (a whole ``.json`` file rather than one line).

    >>> load_json('{"n": 1}', where="x.jsonl:1")
    {'n': 1}
    >>> load_json('"\\\\ud83d\\\\ude00"', where="x.jsonl:1") == "\\U0001f600"  # a pair is one character
    True
    >>> load_json('{"n": ' + "9" * 5000 + '}', where="x.jsonl:2")
    Traceback (most recent call last):
    ...
    geonews.errors.ArticleReadError: x.jsonl:2: invalid JSON (number too long: more than 4,300 digits)
    >>> load_json('["\\\\ud800"]', where="x.jsonl:3")
    Traceback (most recent call last):
    ...
    geonews.errors.ArticleReadError: x.jsonl:3: invalid JSON (a string holds a lone surrogate escape such as \\ud800)
    """
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        at = f"line {exc.lineno} column {exc.colno}" if multiline else f"column {exc.colno}"
        raise ArticleReadError(where, f"invalid JSON ({exc.msg} at {at})") from None
    except RecursionError:
        raise ArticleReadError(where, "invalid JSON (nested too deeply)") from None
    except ValueError:  # int("9" * 5000): the only other ValueError json.loads raises
        raise ArticleReadError(where, "invalid JSON (number too long: more than 4,300 digits)") from None
    if check_strings and _SURROGATE_ESCAPE.search(raw):
        check_json_strings(value, where=where)
    return value


def check_json_strings(value: object, *, where: str) -> None:
    """Refuse a decoded JSON value whose strings hold a lone surrogate (see :func:`load_json`)."""
    if _lone_surrogate(value):
        raise ArticleReadError(where, "invalid JSON (a string holds a lone surrogate escape such as \\ud800)")


def decode_json_object(raw: str, *, where: str) -> dict[str, Any]:
    """Parse one JSON object; ``where`` (``file:line``) names it in errors.

    >>> decode_json_object('{"id": "a"}', where="x.jsonl:1")
    {'id': 'a'}
    >>> decode_json_object('[1]', where="x.jsonl:2")
    Traceback (most recent call last):
    ...
    geonews.errors.ArticleReadError: x.jsonl:2: expected a JSON object, got an array
    """
    value = load_json(raw, where=where)
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
    fields["date"] = normalize_date(fields["date"])
    title = fields.pop("title") or derive_title(text.replace("\r", "\n"))
    return Article(id=doc_id, text=text, title=title, source=source, **fields)


def _one_line(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def article_from_fields(
    record: Mapping[str, str | None], *, source: str, default_id: str, where: str | None = None
) -> Article:
    """Build an :class:`Article` from a reader's record (web page, CSV row, feed entry).

    Unlike :func:`article_from_record`, the text is normalised
    (:func:`normalize_text`), the title put on one line, the date made ISO
    8601 where possible; ``record["source"]`` (a site or feed name) replaces
    ``source`` in ``Article.source``.

    >>> a = article_from_fields({"text": "Cafe\\u0301 à Lyon\\r\\n", "date": "13/09/2023", "url": ""},
    ...                         source="t.csv", default_id="t.csv#2")
    >>> a.id, a.text, a.title, a.date, a.url, a.source
    ('t.csv#2', 'Café à Lyon\\n', 'Café à Lyon', '2023-09-13', None, 't.csv')
    """
    text = normalize_text(record.get("text") or "")
    if not text.strip():
        raise ArticleReadError(where or source, "empty article")
    title = shorten(_one_line(record.get("title"))) or derive_title(text)
    doc_id = _one_line(record.get("id")) or default_id
    return Article(
        id=doc_id,
        text=text,
        title=title,
        source=_one_line(record.get("source")) or source,
        url=_one_line(record.get("url")) or None,
        date=normalize_date(_one_line(record.get("date")) or None),
        lang=_one_line(record.get("lang")) or None,
    )


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
    lines: Iterable[tuple[int, str]], *, source: str, on_error: ErrorHandler | None
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
    value = load_json(text, where=source, multiline=True, check_strings=False)
    strings_checked = _SURROGATE_ESCAPE.search(text) is None
    if isinstance(value, dict):
        if not strings_checked:
            check_json_strings(value, where=source)
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
            if not strings_checked:
                check_json_strings(item, where=where)
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


def _is_feed_file(path: Path) -> bool:
    from geonews.readers.feeds import is_feed

    try:
        with path.open("rb") as f:
            return is_feed(f.read(4096))
    except OSError:
        return False


def _directory_articles(directory: Path) -> list[str]:
    found = [
        p
        for p in directory.rglob("*")
        if p.suffix.lower() in ARTICLE_SUFFIXES
        and not _is_hidden(p.relative_to(directory))
        and p.is_file()
        and (p.suffix.lower() != ".xml" or _is_feed_file(p))
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
            raise ArticleReadError(
                path, "directory has no .txt, .md, .jsonl, .json, .html, .csv or feed (.rss, .atom, .xml) files"
            )
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


def _size_text(n: int) -> str:
    """A file size in the unit of ``--max-size``, the MB of 1,000,000 bytes.

    >>> _size_text(14_000), _size_text(20_000_000), _size_text(20_500_000), _size_text(20_971_520)
    ('14000 bytes', '20 MB', '20.5 MB', '21.0 MB')
    """
    if n < 100_000:
        return f"{n} bytes"
    mb = n / 1_000_000
    return f"{mb:.0f} MB" if n % 1_000_000 == 0 else f"{mb:.1f} MB"


def _too_large(source: str, size: int, limit: int) -> ArticleReadError:
    return ArticleReadError(source, f"file too large ({_size_text(size)}, the limit is {_size_text(limit)})")


def _read_bytes(path: str, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    try:
        with Path(path).open("rb") as f:
            if max_bytes is None:
                return f.read()
            size = os.fstat(f.fileno()).st_size
            if size > max_bytes:
                raise _too_large(path, size, max_bytes)
            data = f.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise _too_large(path, len(data), max_bytes)
            return data
    except ArticleReadError:
        raise
    except OSError as exc:
        raise _os_read_error(path, exc) from None


def _os_read_error(path: str | Path, exc: OSError) -> ArticleReadError:
    """The one-line error a user sees when the system refuses to read ``path``."""
    path = os.fspath(path)
    if isinstance(exc, FileNotFoundError):
        return ArticleReadError(path, "no such file or directory")
    if isinstance(exc, IsADirectoryError):
        return ArticleReadError(path, "is a directory")
    return ArticleReadError(path, (exc.strerror or str(exc)).lower())


def _report(exc: ArticleReadError, on_error: ErrorHandler | None) -> None:
    if on_error is None:
        raise exc
    on_error(exc)


def _decode_html(data: bytes, *, source: str) -> str:
    from geonews.readers.html import declared_charset

    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        return decode_article_bytes(data, source=source)  # refused with the usual message
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    charset = declared_charset(data)
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_article_bytes(data, source=source)


def _html_article(data: bytes, *, path: str, options: ReadOptions) -> Article:
    from geonews.readers.html import extract_page

    page = extract_page(_decode_html(data, source=path), use_trafilatura=options.use_trafilatura)
    if not page.text.strip():
        raise ArticleReadError(path, "web page without any text")
    record = {
        "text": page.text,
        "title": page.title,
        "url": page.url,
        "date": page.date,
        "lang": page.lang,
        "source": page.sitename,
    }
    return article_from_fields(record, source=path, default_id=Path(path).stem or Path(path).name)


def _feed_articles(data: bytes, *, path: str, on_error: ErrorHandler | None) -> Iterator[Article]:
    from geonews.readers.feeds import feed_records

    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        decode_article_bytes(data, source=path)  # raises the usual message
    name = Path(path).name
    for n, record in feed_records(data, source=path):
        where = f"{path}#{n}"
        title, body = record.get("title") or "", record.get("text") or ""
        if title and not body.lstrip().startswith(title):
            # like a .txt article, the headline is the first line: its places count too
            record = {**record, "text": f"{title}\n\n{body}" if body.strip() else title}
        try:
            yield article_from_fields(record, source=path, default_id=f"{name}#{n}", where=where)
        except ArticleReadError as exc:
            _report(exc, on_error)


def _csv_articles(text: str, *, path: str, options: ReadOptions, on_error: ErrorHandler | None) -> Iterator[Article]:
    from geonews.readers.tables import csv_records

    columns, required = options.csv_columns()
    name = Path(path).name
    for lineno, record in csv_records(
        text,
        source=path,
        text_column=options.text_column,
        columns=columns,
        required=required,
        delimiter=options.csv_delimiter,
    ):
        try:
            if isinstance(record, ArticleReadError):
                raise record
            title, body = record.get("title"), record.get("text") or ""
            if title and not body.lstrip().startswith(title):  # the title is geoparsed too: it opens the text
                record = {**record, "text": f"{title}\n\n{body}"}
            yield article_from_fields(record, source=path, default_id=f"{name}#{lineno}", where=f"{path}:{lineno}")
        except ArticleReadError as exc:
            _report(exc, on_error)


def _utf8_jsonl_lines(path: str, max_bytes: int | None) -> Iterator[tuple[int, str]] | None:
    """The numbered lines of a UTF-8 JSON Lines file, read as they are needed (constant memory).

    ``None`` when the file is not plain UTF-8 text (another encoding, binary,
    UTF-16, empty): the caller then reads it whole, with the usual detection
    and messages. A first pass checks the bytes without keeping them.
    """
    try:
        with Path(path).open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            if max_bytes is not None and size > max_bytes:
                raise _too_large(path, size, max_bytes)
            decoder = codecs.getincrementaldecoder("utf-8")()
            head = f.read(2)
            if head in (b"\xff\xfe", b"\xfe\xff"):
                return None
            f.seek(0)
            text_seen = False
            while chunk := f.read(1 << 16):
                if b"\x00" in chunk:
                    return None
                decoder.decode(chunk)
                text_seen = text_seen or bool(chunk.strip().lstrip(b"\xef\xbb\xbf"))
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    except ArticleReadError:
        raise
    except OSError as exc:
        raise _os_read_error(path, exc) from None
    if not text_seen:
        return None

    def lines() -> Iterator[tuple[int, str]]:
        with Path(path).open("rb") as f:
            yield from _decoded_lines(f, source=path)

    return lines()


def _decoded_lines(raws: Iterable[bytes | str], *, source: str) -> Iterator[tuple[int, str]]:
    """Numbered JSON Lines as read from a stream: UTF-8 decoded, without their line ends, the
    first without a byte-order mark."""
    for n, raw in enumerate(raws, start=1):
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise ArticleReadError(f"{source}:{n}", "not valid UTF-8") from None
        line = raw.removesuffix("\n").removesuffix("\r")
        yield n, line.removeprefix("\ufeff") if n == 1 else line


def _file_records(
    path: str, *, on_error: ErrorHandler | None, options: ReadOptions = DEFAULT_OPTIONS
) -> Iterator[tuple[Article, dict[str, Any] | None]]:
    """Articles of one file, with their JSON objects (``None`` for other formats)."""
    if Path(path).suffix.lower() == ".jsonl":  # streamed: a corpus of any size in constant memory
        lines = _utf8_jsonl_lines(path, options.max_bytes)
        if lines is not None:
            yield from _records_from_lines(lines, source=path, on_error=on_error)
            return
    data = _read_bytes(path, options.max_bytes)
    suffix = Path(path).suffix.lower()
    if suffix in _HTML_SUFFIXES:
        yield _html_article(data, path=path, options=options), None
        return
    if suffix in _FEED_SUFFIXES or (suffix == ".xml" and _looks_like_feed(data)):
        for article in _feed_articles(data, path=path, on_error=on_error):
            yield article, None
        return
    if suffix == ".xml":
        raise ArticleReadError(path, "XML file that is not an RSS or Atom feed")
    text = decode_article_bytes(data, source=path)
    if suffix in _CSV_SUFFIXES:
        for article in _csv_articles(text, path=path, options=options, on_error=on_error):
            yield article, None
    elif suffix == ".jsonl":
        yield from _records_from_lines(_numbered_lines(text), source=path, on_error=on_error)
    elif suffix == ".json":
        yield from parse_json_document(text, source=path, on_error=on_error)
    else:
        stem = Path(path).stem or Path(path).name
        yield parse_text_article(text, id=stem, source=path, markdown=suffix in (".md", ".markdown")), None


def _looks_like_feed(data: bytes) -> bool:
    from geonews.readers.feeds import is_feed

    return is_feed(data[:4096])


def _stdin_articles(
    stdin: TextIO | None, *, on_error: ErrorHandler | None, options: ReadOptions = DEFAULT_OPTIONS
) -> Iterator[Article]:
    """Articles of standard input: JSON Lines when its first non-blank line is a JSON object (then
    read line by line, in constant memory, like a ``.jsonl`` file), else one text article."""
    buffer = getattr(sys.stdin, "buffer", None) if stdin is None else None
    stream: IO[Any] = buffer if buffer is not None else (stdin or sys.stdin)
    limit = options.max_bytes
    head: list[Any] = []  # the lines read up to the first non-blank one
    size = 0
    try:
        for raw in stream:
            head.append(raw)
            size += len(raw)
            if limit is not None and size > limit:
                raise _stdin_too_large(limit)
            if raw.strip():
                break
        first = head[-1] if head else ""
        if isinstance(first, bytes):
            first = first.decode("utf-8", errors="replace")
        if _is_json_object(first.removeprefix("\ufeff")):
            lines = _stdin_lines(head, stream, size=size, limit=limit)
            for article, _ in _records_from_lines(lines, source=STDIN_SOURCE, on_error=on_error):
                yield article
            return
        rest = stream.read() if limit is None else stream.read(limit - size + 1)
    except UnicodeDecodeError:
        raise ArticleReadError(STDIN_SOURCE, "not valid UTF-8") from None
    if buffer is not None:
        data = b"".join(head) + rest
        if limit is not None and len(data) > limit:
            raise _stdin_too_large(limit)
        text = decode_article_bytes(data, source=STDIN_SOURCE)
    else:
        text = ("".join(head) + rest).removeprefix("\ufeff")
        if limit is not None and len(text) > limit and len(text.encode("utf-8")) > limit:
            raise _stdin_too_large(limit)
        if "\x00" in text:
            raise ArticleReadError(STDIN_SOURCE, "binary input (contains NUL bytes), expected UTF-8 text")
        if not text.strip():
            raise ArticleReadError(STDIN_SOURCE, "empty input")
    yield parse_text_article(text, id="stdin", source=STDIN_SOURCE)


def _stdin_lines(head: list[Any], stream: IO[Any], *, size: int, limit: int | None) -> Iterator[tuple[int, str]]:
    """The numbered lines of JSON Lines on standard input: those already read, then the rest as needed."""

    def raws() -> Iterator[Any]:
        nonlocal size
        yield from head
        for raw in stream:
            size += len(raw)
            if limit is not None and size > limit:
                raise _stdin_too_large(limit)
            yield raw

    return _decoded_lines(raws(), source=STDIN_SOURCE)


def _stdin_too_large(limit: int) -> ArticleReadError:
    return ArticleReadError(STDIN_SOURCE, f"input too large (over {_size_text(limit)})")


def _is_json_object(line: str) -> bool:
    stripped = line.strip()
    if not (stripped.startswith("{") and stripped.endswith("}")):
        return False
    try:
        return isinstance(json.loads(stripped), dict)
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError, as is an over-long integer
        return False


def iter_articles(
    paths: Sequence[str],
    *,
    stdin: TextIO | None = None,
    on_error: ErrorHandler | None = None,
    options: ReadOptions | None = None,
) -> Iterator[Article]:
    """Read every article ``paths`` stand for, in order.

    Each path is a file, a directory (its ``.txt``, ``.md``, ``.jsonl``,
    ``.json``, ``.html``/``.htm``, ``.csv``/``.tsv``, ``.rss``/``.atom``
    files and ``.xml`` feeds, recursively, sorted; hidden ones skipped), a
    glob pattern or ``-`` for ``stdin`` (``sys.stdin`` when not given): JSON
    Lines if every non-empty line is a JSON object, else one plain-text
    article. A web page is one article (main text, title, date, URL, site
    name as ``source``); a CSV file gives one per row and a feed one per
    entry. A file reached twice is read once. Ids are made unique across the
    batch (``a``, ``a-2``…). ``options`` (:class:`ReadOptions`) chooses CSV
    columns and the size limit.

    Problems raise :class:`ArticleReadError`; with ``on_error`` they are
    passed to it instead and reading carries on with the next file or line.

    >>> import io
    >>> [a.id for a in iter_articles(["-"], stdin=io.StringIO('{"id": "x", "text": "Lyon"}\\n'))]
    ['x']
    >>> errors = []
    >>> list(iter_articles(["/nonexistent"], on_error=errors.append)), str(errors[0])
    ([], '/nonexistent: no such file or directory')
    """
    options = options or DEFAULT_OPTIONS
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
                    articles: Iterator[Article] = _stdin_articles(stdin, on_error=on_error, options=options)
                else:
                    articles = (a for a, _ in _file_records(file, on_error=on_error, options=options))
                for article in articles:
                    doc_id = unique_id(article.id, used_ids)
                    yield article if doc_id == article.id else replace(article, id=doc_id)
            except ArticleReadError as exc:
                if on_error is None:
                    raise
                on_error(exc)


def read_gold_documents(
    path: str | os.PathLike[str], *, on_error: ErrorHandler | None = None, options: ReadOptions | None = None
) -> Iterator[tuple[Article, list[dict[str, Any]]]]:
    """Documents of an annotated corpus (``.jsonl`` or ``.json``) with their ``places`` lists, unchanged.

    A document without ``places`` gets ``[]``. Ids are kept as they are.
    Errors behave as in :func:`iter_articles`.
    """
    source = os.fspath(path)
    try:
        max_bytes = (options or DEFAULT_OPTIONS).max_bytes
        lines = _utf8_jsonl_lines(source, max_bytes) if Path(source).suffix.lower() != ".json" else None
        if lines is not None:  # streamed
            records = _records_from_lines(lines, source=source, on_error=on_error)
        else:
            text = decode_article_bytes(_read_bytes(source, max_bytes), source=source)
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


def _prediction_from_record(record: Mapping[str, Any], *, where: str) -> tuple[str, list[dict[str, Any]]]:
    raw_id = record.get("id")
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        raw_id = str(raw_id)
    if not isinstance(raw_id, str) or not raw_id:
        raise ArticleReadError(where, 'missing "id"' if raw_id in (None, "") else
                               f'"id" must be a string, got {_json_type(raw_id)}')
    places = record.get("places")
    if places is None:
        places = []
    if not isinstance(places, list):
        raise ArticleReadError(where, f'"places" must be a list, got {_json_type(places)}')
    return raw_id, places


def read_predictions(
    path: str | os.PathLike[str], *, on_error: ErrorHandler | None = None, options: ReadOptions | None = None
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """``(id, places)`` of each line of a predictions file: what ``geonews extract`` or ``resolve`` wrote.

    Unlike :func:`read_gold_documents`, no ``text`` is needed (the gold file
    has it). Bad lines are reported as in :func:`iter_articles` and skipped.
    """
    source = os.fspath(path)
    try:
        max_bytes = (options or DEFAULT_OPTIONS).max_bytes
        lines = _utf8_jsonl_lines(source, max_bytes)
        if lines is None:
            lines = iter(_numbered_lines(decode_article_bytes(_read_bytes(source, max_bytes), source=source)))
        for lineno, line in lines:
            if not line.strip():
                continue
            where = f"{source}:{lineno}"
            try:
                yield _prediction_from_record(decode_json_object(line, where=where), where=where)
            except ArticleReadError as exc:
                _report(exc, on_error)
    except ArticleReadError as exc:
        _report(exc, on_error)
