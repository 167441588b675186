"""Model objects to and from plain JSON-able dicts (pure, lossless).

Dicts use flat ``lat``/``lon`` keys (never a nested LatLon) and leave out
``None`` values; tuples become lists. Rounding for display is
:mod:`geonews.export`'s business, not this module's.

    >>> from geonews.model import LatLon, Place
    >>> p = Place(id="gn:2013348", name="Vostochny Cosmodrome", point=LatLon(51.884, 128.334),
    ...           feature="spaceport", country_code="RU", geonameid=2013348)
    >>> d = place_to_dict(p)
    >>> d["lat"], d["lon"], "admin1" in d
    (51.884, 128.334, False)
    >>> place_from_dict(d) == p
    True

The ``*_from_dict`` functions raise :class:`ValueError` (or its subclass
:class:`~geonews.errors.InvalidCoordinateError`) on a malformed dict.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geonews.model import Candidate, LatLon, Mention, Place, Resolution

__all__ = [
    "candidate_from_dict",
    "candidate_to_dict",
    "mention_from_dict",
    "mention_to_dict",
    "place_from_dict",
    "place_to_dict",
    "resolution_from_dict",
    "resolution_to_dict",
]


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def _require(d: Mapping[str, Any], key: str, kind: type | tuple[type, ...], what: str) -> Any:
    if key not in d:
        raise ValueError(f"{what}: missing {key!r}")
    value = d[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ValueError(f"{what}: {key!r} has the wrong type ({type(value).__name__})")
    return value


def _optional(d: Mapping[str, Any], key: str, kind: type | tuple[type, ...], what: str) -> Any:
    if d.get(key) is None:
        return None
    return _require(d, key, kind, what)


def _str_tuple(d: Mapping[str, Any], key: str, what: str) -> tuple[str, ...]:
    value = d.get(key) or []
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{what}: {key!r} must be a list of strings")
    return tuple(value)


# --------------------------------------------------------------------------- Place


def place_to_dict(place: Place) -> dict[str, Any]:
    """A :class:`Place` as a flat dict (``lat``, ``lon``; ``None`` fields left out)."""
    return _drop_none(
        {
            "id": place.id,
            "name": place.name,
            "lat": place.point.lat,
            "lon": place.point.lon,
            "feature": place.feature,
            "country_code": place.country_code,
            "admin1": place.admin1,
            "population": place.population,
            "geonameid": place.geonameid,
            "source": place.source,
            "name_fr": place.name_fr,
            "name_en": place.name_en,
            "region": place.region,
            "region_en": place.region_en,
        }
    )


def place_from_dict(d: Mapping[str, Any]) -> Place:
    """The inverse of :func:`place_to_dict`.

    >>> place_from_dict({"id": "x", "name": "Kyiv", "lat": 50.45, "lon": 30.52, "feature": "capital"}).point
    LatLon(lat=50.45, lon=30.52)
    >>> place_from_dict({"id": "x", "name": "Kyiv", "lat": 95, "lon": 0, "feature": "city"})
    Traceback (most recent call last):
    ...
    geonews.errors.InvalidCoordinateError: latitude 95 is outside [-90, 90]
    """
    what = "place"
    num = (int, float)
    return Place(
        id=_require(d, "id", str, what),
        name=_require(d, "name", str, what),
        point=LatLon(_require(d, "lat", num, what), _require(d, "lon", num, what)),
        feature=_require(d, "feature", str, what),
        country_code=_optional(d, "country_code", str, what),
        admin1=_optional(d, "admin1", str, what),
        population=_optional(d, "population", int, what) or 0,
        geonameid=_optional(d, "geonameid", int, what),
        source=_optional(d, "source", str, what) or "geonames",
        name_fr=_optional(d, "name_fr", str, what),
        name_en=_optional(d, "name_en", str, what),
        region=_optional(d, "region", str, what),
        region_en=_optional(d, "region_en", str, what),
    )


# --------------------------------------------------------------------------- Candidate


def candidate_to_dict(candidate: Candidate) -> dict[str, Any]:
    """A :class:`Candidate` as ``{"place": {...}, "score", "matched_name", "name_tier", "reasons"}``."""
    return {
        "place": place_to_dict(candidate.place),
        "score": candidate.score,
        "matched_name": candidate.matched_name,
        "name_tier": candidate.name_tier,
        "reasons": list(candidate.reasons),
    }


def candidate_from_dict(d: Mapping[str, Any]) -> Candidate:
    """The inverse of :func:`candidate_to_dict`."""
    what = "candidate"
    return Candidate(
        place=place_from_dict(_require(d, "place", Mapping, what)),
        score=float(_require(d, "score", (int, float), what)),
        matched_name=_optional(d, "matched_name", str, what) or "",
        name_tier=_optional(d, "name_tier", str, what) or "main",
        reasons=_str_tuple(d, "reasons", what),
    )


# --------------------------------------------------------------------------- Mention


def mention_to_dict(mention: Mention) -> dict[str, Any]:
    """A :class:`Mention` as a dict (``None`` fields left out).

    >>> m = Mention("a", 3, 8, "Paris", "À Paris.", 0)
    >>> mention_to_dict(m)["text"], "hint" in mention_to_dict(m)
    ('Paris', False)
    """
    return _drop_none(
        {
            "article_id": mention.article_id,
            "start": mention.start,
            "end": mention.end,
            "text": mention.text,
            "sentence": mention.sentence,
            "sentence_start": mention.sentence_start,
            "label": mention.label,
            "hint": mention.hint,
            "trigger": mention.trigger,
            "qualifier": mention.qualifier,
            "kind": mention.kind,
        }
    )


def mention_from_dict(d: Mapping[str, Any]) -> Mention:
    """The inverse of :func:`mention_to_dict`."""
    what = "mention"
    return Mention(
        article_id=_require(d, "article_id", str, what),
        start=_require(d, "start", int, what),
        end=_require(d, "end", int, what),
        text=_require(d, "text", str, what),
        sentence=_require(d, "sentence", str, what),
        sentence_start=_require(d, "sentence_start", int, what),
        label=_optional(d, "label", str, what) or "LOC",
        hint=_optional(d, "hint", str, what),
        trigger=_optional(d, "trigger", str, what),
        qualifier=_optional(d, "qualifier", str, what),
        kind=_optional(d, "kind", str, what) or "place",
    )


# --------------------------------------------------------------------------- Resolution


def resolution_to_dict(res: Resolution, *, alternatives: int = 3) -> dict[str, Any]:
    """A :class:`Resolution` as a dict, keeping at most ``alternatives`` alternatives.

    ``place`` is left out when the mention is unresolved.

    >>> m = Mention("a", 3, 8, "Paris", "À Paris.", 0)
    >>> d = resolution_to_dict(Resolution(m, None))
    >>> "place" in d, d["alternatives"], d["metonymic"]
    (False, [], False)
    """
    return _drop_none(
        {
            "mention": mention_to_dict(res.mention),
            "place": place_to_dict(res.place) if res.place is not None else None,
            "score": res.score,
            "confidence": res.confidence,
            "reasons": list(res.reasons),
            "alternatives": [candidate_to_dict(c) for c in res.alternatives[: max(alternatives, 0)]],
            "metonymic": res.metonymic,
        }
    )


def resolution_from_dict(d: Mapping[str, Any]) -> Resolution:
    """The inverse of :func:`resolution_to_dict` (alternatives beyond the limit are lost)."""
    what = "resolution"
    place = _optional(d, "place", Mapping, what)
    alts = d.get("alternatives") or []
    if not isinstance(alts, list):
        raise ValueError(f"{what}: 'alternatives' must be a list")
    return Resolution(
        mention=mention_from_dict(_require(d, "mention", Mapping, what)),
        place=place_from_dict(place) if place is not None else None,
        score=float(_optional(d, "score", (int, float), what) or 0.0),
        confidence=float(_optional(d, "confidence", (int, float), what) or 0.0),
        reasons=_str_tuple(d, "reasons", what),
        alternatives=tuple(candidate_from_dict(c) for c in alts),
        metonymic=bool(_optional(d, "metonymic", bool, what)),
    )
