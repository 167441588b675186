"""Outputs: JSON Lines records, GeoJSON, CSV (pure builders) and thin atomic writers.

Every output carries the fields of one schema, :data:`EXPORT_FIELDS` (one row per
mention; README, "Export schema", is generated from it): CSV, the DataFrames and
the GeoPackage/KML layers have exactly its columns; JSON Lines and GeoJSON nest
them (see :func:`result_to_record` and :func:`summaries_to_geojson`).

Coordinates are ``(lat, lon)`` everywhere except in GeoJSON geometry, which
is ``[lon, lat]``. Coordinates are rounded to 5 decimals (about a metre),
scores and confidences to 3; non-finite numbers become ``null``.

    >>> from geonews.model import Article, ArticleResult, LatLon, Mention, Place, Resolution
    >>> art = Article(id="a", text="Kim à Vostotchny.", title="Kim")
    >>> m = Mention("a", 6, 16, "Vostotchny", art.text, 0)
    >>> p = Place(id="gn:1", name="Vostochny", point=LatLon(51.8841234, 128.3341234), feature="spaceport")
    >>> rec = result_to_record(ArticleResult(art, (Resolution(m, p, confidence=0.91234),)))
    >>> rec["places"][0]["name"], rec["places"][0]["lat"], rec["places"][0]["confidence"]
    ('Vostotchny', 51.88412, 0.912)
"""

from __future__ import annotations

import csv
import functools
import json
import math
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TextIO
from urllib.parse import urlsplit

from geonews.model import Article, ArticleResult, Candidate, Place, PlaceSummary, Resolution, reader_lang

__all__ = [
    "COORD_DIGITS",
    "CSV_FIELDS",
    "EXPORT_FIELDS",
    "SCORE_DIGITS",
    "ExportField",
    "atomic_path",
    "atomic_write",
    "csv_rows",
    "export_rows",
    "result_to_record",
    "schema_markdown",
    "summaries_to_geojson",
    "write_csv",
    "write_json",
    "write_jsonl",
]

COORD_DIGITS = 5
SCORE_DIGITS = 3

FieldType = Literal["str", "int", "float", "bool", "json"]


@dataclass(frozen=True, slots=True)
class ExportField:
    """One field of the export schema.

    ``scope`` says what it describes: the ``article``, the ``mention`` or the ``place``
    it was resolved to (empty for a mention recognised but not placed). ``json``
    fields are lists: native in JSON Lines and GeoJSON, JSON text in the tabular formats.
    """

    name: str
    type: FieldType
    scope: Literal["article", "mention", "place"]
    description: str


#: The export schema, one row per mention, shared by every format (README, "Export schema").
EXPORT_FIELDS: tuple[ExportField, ...] = (
    ExportField("article_id", "str", "article", "the article's id"),
    ExportField("title", "str", "article", "its title"),
    ExportField("date", "str", "article", "its date, as read (ISO 8601 where the source gave one)"),
    ExportField("url", "str", "article", "its address"),
    ExportField("site", "str", "article", "the site it is from: the host name of `url`, without `www.`"),
    ExportField("mention", "str", "mention", "the words of the article that name the place"),
    ExportField("start", "int", "mention", "offset of the mention in the article's text (`text[start:end]`)"),
    ExportField("end", "int", "mention", "offset just after the mention"),
    ExportField("sentence", "str", "mention",
                "its sentence (in a very long one, a window of it with `…` where it was cut)"),
    ExportField("place_id", "str", "place", "the gazetteer's id of the place (`gn:` + GeoNames id)"),
    ExportField("place_name", "str", "place", "the place's name in the article's language"),
    ExportField("feature", "str", "place", "its kind: city, country, admin1, airport, river..."),
    ExportField("region", "str", "place", "the first-level region it is in, in the article's language"),
    ExportField("country", "str", "place", "its country's name, in the article's language"),
    ExportField("country_code", "str", "place", "its country's ISO 3166 code"),
    ExportField("geonameid", "int", "place", "its GeoNames id"),
    ExportField("lat", "float", "place", "latitude, WGS84 (EPSG:4326), 5 decimals; empty when not placed"),
    ExportField("lon", "float", "place", "longitude, WGS84 (EPSG:4326), 5 decimals; empty when not placed"),
    ExportField("confidence", "float", "place", "how sure geonews is, 0 to 1"),
    ExportField("metonymic", "bool", "mention",
                "the name stands for its people or government (\"Washington s'inquiète\")"),
    ExportField("reasons", "json", "mention", "why this place: a list of short sentences"),
    ExportField("alternatives", "json", "mention",
                "the runners-up: a list of {name, lat, lon, score, feature, country_code}"),
)

#: Columns of the CSV export, one row per mention: the names of :data:`EXPORT_FIELDS`.
CSV_FIELDS: tuple[str, ...] = tuple(f.name for f in EXPORT_FIELDS)

#: How many runners-up each mention lists.
ALTERNATIVES = 3


def _round(value: float | None, digits: int) -> float | None:
    """Round for output; ``None`` for missing or non-finite values.

    >>> _round(2.3488123456, 5), _round(float("nan"), 3), _round(None, 3)
    (2.34881, None, None)
    """
    if value is None or not math.isfinite(value):
        return None
    rounded = round(float(value), digits)
    return rounded + 0.0  # no "-0.0"


def _ordered(resolutions: Iterable[Resolution]) -> list[Resolution]:
    return sorted(resolutions, key=lambda r: (r.mention.start, r.mention.end))


def _alternative(candidate: Candidate, lang: str | None = None) -> dict[str, Any]:
    place = candidate.place
    return {
        "name": place.name_in(lang),
        "lat": _round(place.point.lat, COORD_DIGITS),
        "lon": _round(place.point.lon, COORD_DIGITS),
        "score": _round(candidate.score, SCORE_DIGITS),
        "feature": place.feature,
        "country_code": place.country_code,
    }


def _place_entry(res: Resolution, *, alternatives: int, lang: str | None = None) -> dict[str, Any]:
    mention, place = res.mention, res.place
    entry: dict[str, Any] = {
        "start": mention.start,
        "end": mention.end,
        "name": mention.text,
        "lat": _round(place.point.lat, COORD_DIGITS) if place else None,
        "lon": _round(place.point.lon, COORD_DIGITS) if place else None,
    }
    if place is not None:
        if place.geonameid is not None:
            entry["geonameid"] = place.geonameid
        entry["feature"] = place.feature
        entry["confidence"] = _round(res.confidence, SCORE_DIGITS)
    if res.metonymic:
        entry["metonymic"] = True
    entry["place_id"] = place.id if place else None
    entry["place_name"] = place.name_in(lang) if place else None  # in the article's language
    if place is not None and place.country_code is not None:
        entry["country_code"] = place.country_code
    if mention.hint is not None:
        entry["hint"] = mention.hint
    if mention.kind != "place":
        entry["kind"] = mention.kind
    if mention.qualifier is not None:
        entry["qualifier"] = mention.qualifier
    entry["source"] = mention.label
    fields = _mention_fields(res, lang, alternatives=alternatives)
    entry["sentence"] = fields["sentence"]
    if place is not None:
        entry["region"] = fields["region"]
        entry["country"] = fields["country"]
    entry["reasons"] = fields["reasons"]
    entry["alternatives"] = fields["alternatives"]
    return entry


def result_to_record(
    result: ArticleResult, *, data_version: str | None = None, alternatives: int = 3
) -> dict[str, Any]:
    """The output record of one document: ``{"id", "title"?, "date"?, "url"?, "site"?, "places": [...], "geonews"?}``.

    The fields of :data:`EXPORT_FIELDS`, nested: the article's at the top (``article_id``
    is ``id``; those without a value left out), each mention's in ``places`` (``mention``
    is ``name``; the place's fields ``null`` or left out when it was not placed, and
    ``metonymic`` only when true).

    Each place entry carries the mention's ``start``/``end``/``name``
    (``text[start:end] == name``), the place's ``lat``/``lon`` (``null`` when
    the mention is unresolved), ``place_id``, ``place_name``, optional
    ``geonameid``, ``feature``, ``confidence``, ``metonymic``, ``country_code``
    and ``hint``, ``sentence``, ``region`` and ``country`` (names in the article's
    language), ``reasons``, and up to ``alternatives`` other candidates. Mentions come
    in text order.

    >>> from geonews.model import Article, ArticleResult, Mention, Resolution
    >>> art = Article(id="a", text="À Atlantis.")
    >>> res = Resolution(Mention("a", 2, 10, "Atlantis", art.text, 0), None)
    >>> rec = result_to_record(ArticleResult(art, (res,)), data_version="gn-2024")
    >>> p = rec["places"][0]
    >>> (p["lat"], p["lon"], p["place_id"]), rec["geonews"]
    ((None, None, None), {'data_version': 'gn-2024'})
    """
    article = result.article
    record: dict[str, Any] = {"id": article.id}
    for key, value in _article_fields(article).items():
        if key != "article_id" and value is not None:
            record[key] = value
    record["places"] = [_place_entry(r, alternatives=alternatives, lang=article.lang)
                        for r in _ordered(result.resolutions)]
    if data_version is not None:
        record["geonews"] = {"data_version": data_version}
    return record


def _feature(summary: PlaceSummary, articles: Mapping[str, Article]) -> dict[str, Any]:
    place: Place = summary.place
    names: dict[str, None] = {}
    for res in summary.resolutions:
        names.setdefault(res.mention.text, None)
    metonymic = bool(summary.resolutions) and all(r.metonymic for r in summary.resolutions)
    lang = summary.lang(articles)
    return {
        "type": "Feature",
        "id": place.id,
        "geometry": {
            "type": "Point",
            "coordinates": [_round(place.point.lon, COORD_DIGITS), _round(place.point.lat, COORD_DIGITS)],
        },
        "properties": {
            "place_id": place.id,
            "name": place.name_in(summary.lang(articles)),
            "feature": place.feature,
            "region": place.region_in(lang),
            "country": _country_name(place.country_code, lang) if place.country_code else None,
            "country_code": place.country_code,
            "geonameid": place.geonameid,
            "mentions": summary.mention_count,
            "names": list(names),
            "articles": [
                {"id": aid, "title": articles[aid].title if aid in articles else ""}
                for aid in summary.article_ids
            ],
            "confidence": _round(summary.confidence, SCORE_DIGITS),
            "metonymic": metonymic,
            "occurrences": [
                {k: v for k, v in _geojson_row(articles, res).items() if k not in _FEATURE_FIELDS}
                for res in _ordered_across(summary.resolutions, articles)
            ],
        },
    }


#: What a GeoJSON feature says once for all its mentions (its geometry gives ``lat`` and ``lon``).
_FEATURE_FIELDS = frozenset(f.name for f in EXPORT_FIELDS if f.scope == "place") - {"confidence"}


def _geojson_row(articles: Mapping[str, Article], res: Resolution) -> dict[str, Any]:
    article = articles.get(res.mention.article_id) or Article(id=res.mention.article_id, text="")
    return _row(article, res)


def _ordered_across(resolutions: Iterable[Resolution], articles: Mapping[str, Article]) -> list[Resolution]:
    order = {aid: i for i, aid in enumerate(articles)}
    return sorted(resolutions, key=lambda r: (order.get(r.mention.article_id, len(order)), r.mention.article_id,
                                              r.mention.start, r.mention.end))


def summaries_to_geojson(
    summaries: Sequence[PlaceSummary],
    articles: Mapping[str, Article],
    *,
    data_version: str | None = None,
    unplaced: Iterable[Resolution] | None = None,
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: one Point (``[lon, lat]``) per place.

    Properties: ``place_id``, ``name`` (in its articles' language), ``feature``,
    ``region``, ``country``, ``country_code``, ``geonameid``, ``mentions`` (count),
    ``names`` (surface forms), ``articles`` (``[{"id", "title"}]``), ``confidence``
    (the best one), ``metonymic`` (true when every mention of the place is
    metonymic) and ``occurrences``: one object per mention with the fields of
    :data:`EXPORT_FIELDS` that are not the place's (article, mention, sentence,
    confidence, reasons, alternatives...). With ``unplaced`` (mentions recognised
    but not placed), the collection's ``properties`` hold ``{"unplaced": [...]}``,
    one object per mention with every field of :data:`EXPORT_FIELDS`.

    >>> from geonews.model import LatLon, Mention, Place, PlaceSummary, Resolution
    >>> p = Place(id="gn:1", name="Paris", point=LatLon(48.85, 2.35), feature="capital")
    >>> s = PlaceSummary(p, (Resolution(Mention("a", 0, 5, "Paris", "Paris.", 0), p, confidence=0.9),))
    >>> fc = summaries_to_geojson([s], {})
    >>> fc["features"][0]["geometry"]["coordinates"], fc["features"][0]["properties"]["mentions"]
    ([2.35, 48.85], 1)
    """
    collection: dict[str, Any] = {
        "type": "FeatureCollection",
        "features": [_feature(s, articles) for s in summaries],
    }
    if unplaced is not None:
        collection["properties"] = {
            "unplaced": [_geojson_row(articles, r) for r in _ordered_across(unplaced, articles)],
        }
    if data_version is not None:
        collection["geonews"] = {"data_version": data_version}
    return collection


def _site(url: str | None) -> str | None:
    """The host name of ``url`` without ``www.``, or ``None``.

    >>> _site("https://www.lemonde.fr/international/a.html"), _site("nope"), _site(None)
    ('lemonde.fr', None, None)
    """
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


@functools.lru_cache(maxsize=512)
def _country_name(code: str, lang: str) -> str:
    """The country's name in ``lang`` (CLDR via babel), or the code when unknown.

    >>> _country_name("RU", "fr"), _country_name("RU", "en"), _country_name("QQ", "fr")
    ('Russie', 'Russia', 'QQ')
    """
    from babel import Locale

    return str(Locale(lang).territories.get(code.upper(), code))


def _article_fields(article: Article) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "title": article.title or None,
        "date": article.date or None,
        "url": article.url or None,
        "site": _site(article.url),
    }


def _mention_fields(res: Resolution, lang: str | None, *, alternatives: int = ALTERNATIVES) -> dict[str, Any]:
    """The mention- and place-scope fields of :data:`EXPORT_FIELDS` for one resolution."""
    mention, place = res.mention, res.place
    reader = reader_lang([lang])
    others = [c for c in res.alternatives if place is None or c.place.id != place.id]
    return {
        "mention": mention.text,
        "start": mention.start,
        "end": mention.end,
        "sentence": mention.context,
        "place_id": place.id if place else None,
        "place_name": place.name_in(lang) if place else None,
        "feature": place.feature if place else None,
        "region": place.region_in(reader) if place else None,
        "country": _country_name(place.country_code, reader) if place and place.country_code else None,
        "country_code": place.country_code if place else None,
        "geonameid": place.geonameid if place else None,
        "lat": _round(place.point.lat, COORD_DIGITS) if place else None,
        "lon": _round(place.point.lon, COORD_DIGITS) if place else None,
        "confidence": _round(res.confidence, SCORE_DIGITS) if place else None,
        "metonymic": res.metonymic,
        "reasons": list(res.reasons),
        "alternatives": [_alternative(c, lang) for c in others[: max(alternatives, 0)]],
    }


def _row(article: Article, res: Resolution) -> dict[str, Any]:
    row = {**_article_fields(article), **_mention_fields(res, article.lang)}
    return {f.name: row[f.name] for f in EXPORT_FIELDS}


def export_rows(results: Iterable[ArticleResult]) -> Iterator[dict[str, Any]]:
    """One row per mention, in text order, keyed by :data:`EXPORT_FIELDS` (lists for ``json`` fields).

    A mention recognised but not placed has empty (``None``) place fields.

    >>> from geonews.model import Article, ArticleResult, LatLon, Mention, Place, Resolution
    >>> art = Article(id="a", text="À Kyiv.", url="https://www.bbc.com/x", date="2024-05-01", lang="en")
    >>> kyiv = Place("gn:703448", "Kyiv", LatLon(50.45466, 30.5238), "capital", country_code="UA", name_fr="Kiev")
    >>> row = next(export_rows([ArticleResult(art, (Resolution(Mention("a", 2, 6, "Kyiv", art.text, 0), kyiv),))]))
    >>> row["site"], row["place_name"], row["country"], row["reasons"], list(row) == list(CSV_FIELDS)
    ('bbc.com', 'Kyiv', 'Ukraine', [], True)
    """
    for result in results:
        for res in _ordered(result.resolutions):
            yield _row(result.article, res)


def _tabular(row: Mapping[str, Any]) -> dict[str, Any]:
    """``row`` with its ``json`` fields as JSON text (for CSV, DataFrames, GeoPackage and KML)."""
    out = dict(row)
    for f in EXPORT_FIELDS:
        if f.type == "json":
            out[f.name] = _dumps(row[f.name])
    return out


def csv_rows(results: Iterable[ArticleResult]) -> Iterator[dict[str, Any]]:
    """One row per mention (keys: :data:`CSV_FIELDS`); unresolved mentions have empty place columns.

    The rows of :func:`export_rows`, with ``reasons`` and ``alternatives`` as JSON text.
    ``sentence`` is the mention's context (:attr:`~geonews.model.Mention.context`): its
    sentence, or in a very long one a window of it with ``…`` where it was cut.

    >>> from geonews.model import Article, ArticleResult, Mention, Resolution
    >>> art = Article(id="a", text="À Atlantis.", title="T")
    >>> res = Resolution(Mention("a", 2, 10, "Atlantis", art.text, 0), None)
    >>> row = next(csv_rows([ArticleResult(art, (res,))]))
    >>> row["mention"], row["lat"], row["metonymic"], row["alternatives"]
    ('Atlantis', None, False, '[]')
    """
    for row in export_rows(results):
        yield _tabular(row)


def schema_markdown() -> str:
    """The export schema as a Markdown table (README, "Export schema", is this text).

    >>> schema_markdown().splitlines()[2]
    "| `article_id` | text | article | the article's id |"
    """
    kinds = {"str": "text", "int": "integer", "float": "number", "bool": "true/false", "json": "list (JSON)"}
    lines = ["| field | type | about | meaning |", "|---|---|---|---|"]
    lines += [f"| `{f.name}` | {kinds[f.type]} | {f.scope} | {f.description} |" for f in EXPORT_FIELDS]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- writers


def _dumps(obj: Any, *, indent: int | None = None) -> str:
    return json.dumps(obj, ensure_ascii=False, allow_nan=False, indent=indent)


def write_jsonl(records: Iterable[Mapping[str, Any]], stream: TextIO) -> int:
    """Write one JSON object per line (UTF-8 text, not ASCII-escaped); return how many.

    >>> import io
    >>> buf = io.StringIO()
    >>> write_jsonl([{"id": "é"}, {"id": "b"}], buf), buf.getvalue()
    (2, '{"id": "é"}\\n{"id": "b"}\\n')
    """
    count = 0
    for record in records:
        stream.write(_dumps(record))
        stream.write("\n")
        count += 1
    return count


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_csv(
    rows: Iterable[Mapping[str, Any]], stream: TextIO, *, fields: Sequence[str] = CSV_FIELDS
) -> int:
    """Write a header and ``rows`` as CSV (``None`` → empty, booleans → true/false); return the row count.

    Open files with ``newline=""``. Commas, quotes and newlines are quoted.

    >>> import io
    >>> buf = io.StringIO()
    >>> write_csv([{"a": "x, y", "b": None, "c": True}], buf, fields=("a", "b", "c")), buf.getvalue()
    (1, 'a,b,c\\n"x, y",,true\\n')
    """
    writer = csv.DictWriter(stream, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
        count += 1
    return count


@contextmanager
def atomic_path(path: str | os.PathLike[str], *, suffix: str = ".tmp", create: bool = True) -> Iterator[str]:
    """A temporary file name next to ``path`` that replaces ``path`` only if the block succeeds.

    On success the file gets the mode of the file it replaces (0644 for a new
    one) and is moved over ``path`` with ``os.replace``: readers never see a
    half-written file. On failure it is removed. ``create=False`` leaves the
    name free for a writer that creates the file itself (GDAL).
    """
    target = Path(path)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=suffix)
    os.close(fd)
    if not create:
        os.unlink(tmp_name)
    try:
        yield tmp_name
        try:
            mode = target.stat().st_mode & 0o7777
        except OSError:
            mode = 0o644
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp_name)
        raise


@contextmanager
def atomic_write(path: str | os.PathLike[str], *, newline: str | None = None) -> Iterator[TextIO]:
    """Open a UTF-8 text stream whose content replaces ``path`` only if the block succeeds (:func:`atomic_path`)."""
    with atomic_path(path) as tmp_name, open(tmp_name, "w", encoding="utf-8", newline=newline) as stream:
        yield stream
        stream.flush()
        os.fsync(stream.fileno())


def write_json(obj: Any, path: str | os.PathLike[str], *, indent: int | None = 2) -> None:
    """Write ``obj`` as JSON to ``path`` atomically (see :func:`atomic_write`).

    >>> import json, pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_json({"type": "FeatureCollection", "features": []}, pathlib.Path(d) / "map.geojson")
    ...     json.loads((pathlib.Path(d) / "map.geojson").read_text())["type"]
    'FeatureCollection'
    """
    text = _dumps(obj, indent=indent) + "\n"  # serialise first: a bad object leaves no trace
    with atomic_write(path) as stream:
        stream.write(text)
