"""Corrections: a reader's fixes of the map, kept in a file and applied on every later run.

A corrections file is JSON Lines, one correction per line (the map's "download
corrections" writes one; so can any editor)::

    {"article": "kim-2023", "start": 123, "end": 130, "name": "Valence",
     "place_id": "gn:2971053", "lat": 44.93, "lon": 4.89, "scope": "mention"}

- ``place_id``: the place meant (a gazetteer id, as popups and exports give
  it); ``null`` with ``lat``/``lon``: "this point"; ``null`` with neither:
  "not a place".
- ``scope``: ``"mention"`` (this mention: ``article``, ``start``, ``end`` must
  still hold ``name``), ``"article"`` (every mention of ``name`` in that
  article) or ``"name"`` (``name`` in every article). Default ``"mention"``.

A bad line (not JSON, wrong types, coordinates out of range, an unknown scope)
is reported in one line naming the file and line, and nothing of it is
applied; the other lines are. A correction whose article or span no longer
holds its name is reported and skipped. A corrected answer has confidence 1
and the reason ``corrected (FILE)``.

>>> c = parse_correction('{"article": "a", "start": 3, "end": 7, "name": "Lyon", "place_id": null}', "f.jsonl", 1)
>>> c.kind, c.scope
('not a place', 'mention')
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from geonews.errors import CorrectionError
from geonews.model import ArticleResult, LatLon, Place, Resolution

__all__ = [
    "SCOPES",
    "Correction",
    "CorrectionError",
    "Corrections",
    "apply_corrections",
    "load_corrections",
    "merge_corrections",
    "parse_correction",
]

#: What a correction holds for: one mention, a name in one article, a name everywhere.
SCOPES = ("mention", "article", "name")
#: A corrections file larger than this is refused (a reader's fixes are a few KB).
MAX_BYTES = 50_000_000
_MAX_LINE = 100_000


@dataclass(frozen=True, slots=True)
class Correction:
    """One fix: which mention(s) it is for, and the place, the point, or "not a place"."""

    article: str
    start: int
    end: int
    name: str
    place_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    scope: str = "mention"
    #: the file it came from (named in the answer's reason)
    source: str = ""

    @property
    def kind(self) -> str:
        """``"place"``, ``"point"`` or ``"not a place"``."""
        if self.place_id is not None:
            return "place"
        return "point" if self.lat is not None else "not a place"

    @property
    def key(self) -> tuple[str, ...]:
        """What two corrections must share to be about the same thing (a later one replaces an earlier)."""
        if self.scope == "name":
            return ("name", self.name)
        if self.scope == "article":
            return ("article", self.article, self.name)
        return ("mention", self.article, str(self.start), str(self.end))

    def to_json(self) -> str:
        record: dict[str, Any] = {
            "article": self.article, "start": self.start, "end": self.end, "name": self.name,
            "place_id": self.place_id, "scope": self.scope,
        }
        if self.lat is not None and self.lon is not None:
            record["lat"], record["lon"] = self.lat, self.lon
        return json.dumps(record, ensure_ascii=False, sort_keys=True)


def _need(d: Mapping[str, Any], key: str, kind: type | tuple[type, ...], what: str, *, optional: bool = False) -> Any:
    value = d.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, kind):
        raise CorrectionError(f"{what}: {key!r} must be {'null or ' if optional else ''}"
                              f"{'a number' if kind == (int, float) else kind.__name__}")  # type: ignore[union-attr]
    return value


def parse_correction(line: str, source: str, number: int) -> Correction:
    """One line of a corrections file, or :class:`CorrectionError` naming ``source:number``."""
    what = f"{source}:{number}"
    if len(line) > _MAX_LINE:
        raise CorrectionError(f"{what}: line longer than {_MAX_LINE:,} characters")
    try:
        d = json.loads(line)
    except json.JSONDecodeError as exc:
        raise CorrectionError(f"{what}: not JSON ({exc.msg})") from None
    if not isinstance(d, dict):
        raise CorrectionError(f"{what}: a correction is a JSON object")
    article = _need(d, "article", str, what)
    name = _need(d, "name", str, what)
    start, end = _need(d, "start", int, what), _need(d, "end", int, what)
    if not 0 <= start < end or end - start != len(name):
        raise CorrectionError(f"{what}: start/end ({start}, {end}) do not frame the name {name!r}")
    place_id = _need(d, "place_id", str, what, optional=True)
    lat = _need(d, "lat", (int, float), what, optional=True)
    lon = _need(d, "lon", (int, float), what, optional=True)
    if (lat is None) != (lon is None):
        raise CorrectionError(f"{what}: give both lat and lon, or neither")
    if lat is not None and not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise CorrectionError(f"{what}: lat/lon ({lat}, {lon}) are outside [-90, 90] x [-180, 180]")
    scope = d.get("scope", "mention")
    if scope not in SCOPES:
        raise CorrectionError(f"{what}: scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    return Correction(article, start, end, name, place_id, None if lat is None else float(lat),
                      None if lon is None else float(lon), scope, Path(source).name)


def load_corrections(path: Path | str, on_problem: Callable[[str], None]) -> list[Correction]:
    """The good lines of a corrections file; each bad line is one ``on_problem`` message, and skipped.

    A missing, unreadable or oversized file is a :class:`CorrectionError` (one line).
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise CorrectionError(f"{path}: corrections file larger than {MAX_BYTES // 1_000_000} MB")
        handle = path.open(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise CorrectionError(f"{path}: cannot read corrections ({exc.strerror or exc})") from None
    out: list[Correction] = []
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                out.append(parse_correction(line, str(path), number))
            except CorrectionError as exc:
                on_problem(str(exc))
    return out


def merge_corrections(files: Sequence[Sequence[Correction]]) -> tuple[list[Correction], list[str]]:
    """Corrections of several files in one list (a later file wins), and the conflicts it settled.

    >>> a = Correction("x", 0, 4, "Lyon", "gn:1"); b = Correction("x", 0, 4, "Lyon", None, source="b.jsonl")
    >>> merged, conflicts = merge_corrections([[a], [b]])
    >>> [c.kind for c in merged], conflicts
    (['not a place'], ["x 0-4 'Lyon': gn:1 replaced by not a place (b.jsonl)"])
    """
    kept: dict[tuple[str, ...], Correction] = {}
    conflicts: list[str] = []
    for corrections in files:
        for c in corrections:
            old = kept.get(c.key)
            if old is not None and (old.place_id, old.lat, old.lon) != (c.place_id, c.lat, c.lon):
                where = f"{c.article} {c.start}-{c.end}" if c.scope == "mention" else f"{c.scope} {c.article}"
                conflicts.append(f"{where} {c.name!r}: {_answer(old)} replaced by {_answer(c)} ({c.source})")
            kept.pop(c.key, None)
            kept[c.key] = c
    return list(kept.values()), conflicts


def _answer(c: Correction) -> str:
    return c.place_id or (f"({c.lat}, {c.lon})" if c.lat is not None else "not a place")


@dataclass(frozen=True)
class Corrections:
    """Corrections ready to apply: indexed by mention, by (article, name) and by name."""

    by_mention: Mapping[tuple[str, int, int], Correction]
    by_article: Mapping[tuple[str, str], Correction]
    by_name: Mapping[str, Correction]

    @classmethod
    def of(cls, corrections: Iterable[Correction]) -> Corrections:
        merged, _ = merge_corrections([list(corrections)])
        return cls(
            {(c.article, c.start, c.end): c for c in merged if c.scope == "mention"},
            {(c.article, c.name): c for c in merged if c.scope == "article"},
            {c.name: c for c in merged if c.scope == "name"},
        )

    def __bool__(self) -> bool:
        return bool(self.by_mention or self.by_article or self.by_name)

    def articles(self) -> set[str]:
        return {a for a, _, _ in self.by_mention} | {a for a, _ in self.by_article}


def _corrected(res: Resolution, c: Correction, place: Place | None) -> Resolution:
    reason = f"corrected ({c.source})" if c.source else "corrected"
    if c.kind == "not a place":
        return replace(res, place=None, score=0.0, confidence=1.0, reasons=(f"{reason}: not a place",), metonymic=False)
    assert place is not None
    return replace(res, place=place, confidence=1.0, reasons=(reason,))


def apply_corrections(
    results: Iterable[ArticleResult],
    corrections: Corrections,
    get_place: Callable[[str], Place | None],
    on_problem: Callable[[str], None],
) -> Iterator[ArticleResult]:
    """``results`` with the corrections applied (streamed); a stale or unusable correction is one message.

    ``get_place`` finds a place by its id (``Gazetteer.get``). Every mention
    correction not matched by the end of the run is reported as stale.
    """
    used: set[tuple[str, int, int]] = set()
    places: dict[str, Place | None] = {}

    def target(c: Correction) -> Place | None:
        if c.kind == "point":
            assert c.lat is not None and c.lon is not None
            return Place(f"point:{c.lat:.5f},{c.lon:.5f}", c.name, LatLon(c.lat, c.lon), "point", source="correction")
        if c.kind == "place":
            assert c.place_id is not None
            if c.place_id not in places:
                places[c.place_id] = get_place(c.place_id)
                if places[c.place_id] is None:
                    on_problem(f"{c.source}: unknown place id {c.place_id!r} (for {c.name!r}): skipped")
            return places[c.place_id]
        return None

    for result in results:
        art = result.article
        changed = False
        out: list[Resolution] = []
        for res in result.resolutions:
            m = res.mention
            c = corrections.by_mention.get((art.id, m.start, m.end))
            if c is not None:
                used.add((art.id, m.start, m.end))
                if art.text[c.start:c.end] != c.name:
                    c = None  # stale: reported below
            c = c or corrections.by_article.get((art.id, m.text)) or corrections.by_name.get(m.text)
            if c is not None:
                place = target(c)
                if c.kind == "not a place" or place is not None:
                    res = _corrected(res, c, place)
                    changed = True
            out.append(res)
        for (a, start, end), c in corrections.by_mention.items():
            if a == art.id and (a, start, end) not in used:
                used.add((a, start, end))
                on_problem(f"{c.source}: correction of {c.name!r} at {start}-{end} in {a!r} no longer matches "
                           "the article (no such mention): skipped")
            elif a == art.id and art.text[start:end] != c.name:
                on_problem(f"{c.source}: correction of {c.name!r} at {start}-{end} in {a!r} no longer matches "
                           f"the article (the text there is {art.text[start:end]!r}): skipped")
        yield replace(result, resolutions=tuple(out)) if changed else result
