"""Where candidates come from: the gazetteer, optionally through the geocode cache.

A *candidate source* is anything with ``lookup(name) -> list[NameMatch]``.
Lookups by name are context-free, so a cached answer is right whatever the
article says; the article's context is applied afterwards by the pure scoring
(:mod:`geonews.resolve.scoring`). The cache key is therefore the normalised
query plus the provider's own query context (empty for the gazetteer; a
country bias for online geocoders), and the gazetteer's data version is part
of the provider name so a rebuilt index never serves stale answers.
"""

from __future__ import annotations

from typing import Any, Protocol

from geonews.cache import GeocodeCache
from geonews.gazetteer.normalize import normalize_name
from geonews.gazetteer.store import Gazetteer, NameMatch
from geonews.serialize import place_from_dict, place_to_dict

__all__ = ["CachedSource", "CandidateSource", "GazetteerSource"]


class CandidateSource(Protocol):
    def lookup(self, name: str) -> list[NameMatch]: ...


class GazetteerSource:
    """Candidates straight from the offline index (at most ``limit`` per name)."""

    def __init__(self, gazetteer: Gazetteer, *, limit: int = 50) -> None:
        self.gazetteer = gazetteer
        self.limit = limit
        self.provider = f"gazetteer:{gazetteer.data_version}"

    def lookup(self, name: str) -> list[NameMatch]:
        return self.gazetteer.lookup(name, limit=self.limit)

    def lookup_many(self, names: list[str]) -> dict[str, list[NameMatch]]:
        """Several names in one query (:meth:`~geonews.gazetteer.store.Gazetteer.lookup_many`)."""
        return self.gazetteer.lookup_many(names, limit=self.limit)


class CachedSource:
    """Wrap a source with the geocode cache: known names skip the source entirely."""

    def __init__(self, inner: GazetteerSource, cache: GeocodeCache) -> None:
        self.inner = inner
        self.cache = cache
        self.provider = inner.provider
        self.hits = 0
        self.misses = 0

    def lookup(self, name: str) -> list[NameMatch]:
        key = normalize_name(name)
        # the payload is checked while the matches are rebuilt from it, not twice (see GeocodeCache.get)
        hit = self.cache.get(self.provider, key, "", validate=False)
        if hit is not None:
            if hit.payload is None:
                self.hits += 1
                return []
            try:
                found = _matches_from_payload(hit.payload)
            except (ValueError, TypeError, KeyError, AttributeError) as exc:  # malformed: a miss, never a crash
                self.cache.report_malformed(self.provider, key, str(exc) or type(exc).__name__)
            else:
                self.hits += 1
                return found
        self.misses += 1
        matches = self.inner.lookup(name)
        payload = (
            {"matches": [{"place": place_to_dict(m.place), "tier": m.tier, "matched": m.matched_name} for m in matches]}
            if matches
            else None
        )
        self.cache.put(self.provider, key, "", payload)
        return matches


def _matches_from_payload(payload: dict[str, Any]) -> list[NameMatch]:
    """The matches a :class:`CachedSource` stored; raises (``ValueError``, ``TypeError``…) if malformed.

    >>> _matches_from_payload({"matches": [{"place": {"id": "x", "name": "Kyiv", "lat": 50.45, "lon": 30.52,
    ...                        "feature": "capital"}, "tier": "fr", "matched": "Kiev"}]})[0].tier
    'fr'
    >>> _matches_from_payload({"matches": 3})
    Traceback (most recent call last):
    ...
    TypeError: "matches" must be a list
    """
    rows = payload["matches"]
    if not isinstance(rows, list):
        raise TypeError('"matches" must be a list')
    out = []
    for row in rows:
        tier, matched = row["tier"], row["matched"]
        if not isinstance(tier, str) or not isinstance(matched, str):
            raise TypeError('a match needs "tier" and "matched" strings')
        place = row["place"]
        if not isinstance(place, dict):
            raise TypeError("a place must be an object")
        out.append(NameMatch(place_from_dict(place), tier, matched))
    return out
