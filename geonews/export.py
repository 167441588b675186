"""Outputs: JSON Lines records, GeoJSON, CSV (pure builders) and thin atomic writers.

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
import json
import math
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TextIO

from geonews.model import Article, ArticleResult, Candidate, Place, PlaceSummary, Resolution

__all__ = [
    "COORD_DIGITS",
    "CSV_FIELDS",
    "SCORE_DIGITS",
    "atomic_write",
    "csv_rows",
    "result_to_record",
    "summaries_to_geojson",
    "write_csv",
    "write_json",
    "write_jsonl",
]

COORD_DIGITS = 5
SCORE_DIGITS = 3

#: Columns of the CSV export, one row per mention.
CSV_FIELDS: tuple[str, ...] = (
    "article_id",
    "title",
    "start",
    "end",
    "mention",
    "place_name",
    "lat",
    "lon",
    "feature",
    "country_code",
    "geonameid",
    "confidence",
    "metonymic",
    "sentence",
)


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
    others = [c for c in res.alternatives if place is None or c.place.id != place.id]
    entry["alternatives"] = [_alternative(c, lang) for c in others[: max(alternatives, 0)]]
    return entry


def result_to_record(
    result: ArticleResult, *, data_version: str | None = None, alternatives: int = 3
) -> dict[str, Any]:
    """The output record of one document: ``{"id", "title"?, "places": [...], "geonews"?}``.

    Each place entry carries the mention's ``start``/``end``/``name``
    (``text[start:end] == name``), the place's ``lat``/``lon`` (``null`` when
    the mention is unresolved), ``place_id``, ``place_name``, optional
    ``geonameid``, ``feature``, ``confidence``, ``metonymic``, ``country_code``
    and ``hint``, and up to ``alternatives`` other candidates. Mentions come
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
    if article.title:
        record["title"] = article.title
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
        },
    }


def summaries_to_geojson(
    summaries: Sequence[PlaceSummary],
    articles: Mapping[str, Article],
    *,
    data_version: str | None = None,
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: one Point (``[lon, lat]``) per place.

    Properties: ``place_id``, ``name``, ``feature``, ``country_code``,
    ``geonameid``, ``mentions`` (count), ``names`` (surface forms),
    ``articles`` (``[{"id", "title"}]``), ``confidence`` (the best one) and
    ``metonymic`` (true when every mention of the place is metonymic).

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
    if data_version is not None:
        collection["geonews"] = {"data_version": data_version}
    return collection


def csv_rows(results: Iterable[ArticleResult]) -> Iterator[dict[str, Any]]:
    """One row per mention (keys: :data:`CSV_FIELDS`); unresolved mentions have empty place columns.

    ``sentence`` is the mention's context (:attr:`~geonews.model.Mention.context`): its
    sentence, or in a very long one a window of it with ``…`` where it was cut.

    >>> from geonews.model import Article, ArticleResult, Mention, Resolution
    >>> art = Article(id="a", text="À Atlantis.", title="T")
    >>> res = Resolution(Mention("a", 2, 10, "Atlantis", art.text, 0), None)
    >>> row = next(csv_rows([ArticleResult(art, (res,))]))
    >>> row["mention"], row["lat"], row["metonymic"]
    ('Atlantis', None, False)
    """
    for result in results:
        article = result.article
        for res in _ordered(result.resolutions):
            mention, place = res.mention, res.place
            yield {
                "article_id": article.id,
                "title": article.title,
                "start": mention.start,
                "end": mention.end,
                "mention": mention.text,
                "place_name": place.name_in(article.lang) if place else None,
                "lat": _round(place.point.lat, COORD_DIGITS) if place else None,
                "lon": _round(place.point.lon, COORD_DIGITS) if place else None,
                "feature": place.feature if place else None,
                "country_code": place.country_code if place else None,
                "geonameid": place.geonameid if place else None,
                "confidence": _round(res.confidence, SCORE_DIGITS) if place else None,
                "metonymic": res.metonymic,
                "sentence": mention.context,
            }


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
def atomic_write(path: str | os.PathLike[str], *, newline: str | None = None) -> Iterator[TextIO]:
    """Open a UTF-8 text stream whose content replaces ``path`` only if the block succeeds.

    The data goes to a temporary file in the same directory, then
    ``os.replace``: readers never see a half-written file. The new file keeps
    the mode of the file it replaces (0644 for a new one).
    """
    target = Path(path)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
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
