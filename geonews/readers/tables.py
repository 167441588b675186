"""CSV (and TSV) tables: one record per row, columns chosen by name.

    >>> rows = list(csv_records('id;body\\n1;"À Kyiv, hier."\\n', source="t.csv", text_column="body"))
    >>> rows
    [(2, {'id': '1', 'text': 'À Kyiv, hier.', 'title': None, 'url': None, 'date': None, 'lang': None})]
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator, Mapping

from geonews.errors import ArticleReadError
from geonews.gazetteer.normalize import strip_accents
from geonews.lexicon import en, fr

__all__ = ["COLUMN_NAMES", "CsvColumns", "csv_records", "guess_column", "sniff_delimiter"]

#: The column names guessed for each field of an article, French and English (lexicons' ``CSV_COLUMNS``).
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    field: tuple(dict.fromkeys((*en.CSV_COLUMNS[field], *fr.CSV_COLUMNS[field]))) for field in en.CSV_COLUMNS
}


def _fold(name: str) -> str:
    return " ".join(strip_accents(name).casefold().replace("_", " ").replace("-", " ").split())


def guess_column(field: str, header: list[str]) -> str | None:
    """The header's column for ``field``, by the common French and English names (case, accents, ``_`` aside).

    >>> guess_column("text", ["ID", "Titre", "Texte"]), guess_column("url", ["headline", "Lien"])
    ('Texte', 'Lien')
    >>> guess_column("date", ["Date_de_publication"]), guess_column("title", ["body"]) is None
    ('Date_de_publication', True)
    """
    folded = {_fold(h): h for h in reversed(header) if h}
    for name in COLUMN_NAMES.get(field, ()):
        if _fold(name) in folded:
            return folded[_fold(name)]
    return None

#: ``{field: column}`` for the record fields other than ``text``; ``None`` skips a field.
CsvColumns = Mapping[str, str | None]


def sniff_delimiter(header: str) -> str:
    """The delimiter of a CSV header line: the most frequent of ``,``, ``;``, tab and ``|``.

    >>> sniff_delimiter("id;titre;texte"), sniff_delimiter("text"), sniff_delimiter("a\\tb")
    (';', ',', '\\t')
    """
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def csv_records(
    text: str,
    *,
    source: str,
    text_column: str = "text",
    columns: CsvColumns | None = None,
    required: frozenset[str] = frozenset(),
    delimiter: str | None = None,
) -> Iterator[tuple[int, dict[str, str | None] | ArticleReadError]]:
    """``(line number, record or error)`` for each row; the header names the columns.

    ``columns`` maps record fields (``title``, ``id``, ``url``, ``date``,
    ``lang``) to column names; a missing column is skipped unless its field is
    in ``required``. A column the header lacks and the user did not name (not
    in ``required``; ``"text"`` in ``required`` for the text) is guessed from
    common French and English names (:func:`guess_column`: "texte", "titre",
    "lien", "body", "headline"…). A table without ``text_column`` (or a required column)
    raises :class:`ArticleReadError`; a bad row is yielded as an error naming
    ``file:line`` so that the caller can report it and go on.
    """
    if columns is None:
        columns = {"title": "title", "id": "id", "url": "url", "date": "date", "lang": "lang"}
    first_line = text.split("\n", 1)[0]
    if delimiter is None:
        delimiter = "\t" if source.lower().endswith(".tsv") else sniff_delimiter(first_line)
    if csv.field_size_limit() < sys.maxsize // 2:
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        header = next(reader)
    except StopIteration:
        raise ArticleReadError(source, "empty CSV file") from None
    except csv.Error as exc:
        raise ArticleReadError(f"{source}:1", f"bad CSV header ({exc})") from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    index = {name: i for i, name in reversed(list(enumerate(header)))}
    shown = ", ".join(h for h in header if h) or "none"
    if text_column not in index and "text" not in required:  # a column not named by the user: guessed
        text_column = guess_column("text", header) or text_column
    if text_column not in index:
        raise ArticleReadError(source, f'no "{text_column}" column (columns: {shown})')
    columns = {field: column if column is None or column in index or field in required
               else guess_column(field, header) or column for field, column in columns.items()}
    for field, column in columns.items():
        if column is not None and column not in index and field in required:
            raise ArticleReadError(source, f'no "{column}" column for the {field} (columns: {shown})')
    wanted = {field: index[col] for field, col in columns.items() if col is not None and col in index}
    while True:
        lineno = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield lineno, ArticleReadError(f"{source}:{lineno}", f"bad CSV row ({exc})")
            continue
        if not row or not any(cell.strip() for cell in row):
            continue
        where = f"{source}:{lineno}"
        if len(row) != len(header):
            yield lineno, ArticleReadError(where, f"{len(row)} fields, expected {len(header)} as in the header")
            continue
        body = row[index[text_column]]
        if not body.strip():
            yield lineno, ArticleReadError(where, f'empty "{text_column}"')
            continue
        record: dict[str, str | None] = {
            "id": None, "text": body, "title": None, "url": None, "date": None, "lang": None,
        }  # fmt: skip
        for field, i in wanted.items():
            record[field] = row[i].strip() or None
        yield lineno, record
