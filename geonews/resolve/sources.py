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

from typing import Protocol

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
        hit = self.cache.get(self.provider, key, "")
        if hit is not None:
            self.hits += 1
            if hit.payload is None:
                return []
            return [
                NameMatch(place_from_dict(row["place"]), row["tier"], row["matched"])
                for row in hit.payload.get("matches", [])
            ]
        self.misses += 1
        matches = self.inner.lookup(name)
        payload = (
            {"matches": [{"place": place_to_dict(m.place), "tier": m.tier, "matched": m.matched_name} for m in matches]}
            if matches
            else None
        )
        self.cache.put(self.provider, key, "", payload)
        return matches
