"""Stage 5: group resolutions by place (pure).

    >>> from geonews.model import Article, ArticleResult, LatLon, Mention, Place, Resolution
    >>> kyiv = Place("gn:703448", "Kyiv", LatLon(50.45, 30.52), "capital")
    >>> m1 = Mention("a", 0, 4, "Kyiv", "Kyiv.", 0)
    >>> m2 = Mention("b", 0, 4, "Kiev", "Kiev.", 0)
    >>> results = [ArticleResult(Article("a", "Kyiv."), (Resolution(m1, kyiv),)),
    ...            ArticleResult(Article("b", "Kiev."), (Resolution(m2, kyiv), Resolution(m2, None)))]
    >>> [(s.place.name, s.mention_count, s.article_ids) for s in by_place(results)]
    [('Kyiv', 2, ('a', 'b'))]
"""

from __future__ import annotations

from collections.abc import Iterable

from geonews.model import ArticleResult, Place, PlaceSummary, Resolution

__all__ = ["by_place"]


def by_place(results: Iterable[ArticleResult]) -> list[PlaceSummary]:
    """One summary per place, most mentioned first (then by name, then id)."""
    grouped: dict[str, list[Resolution]] = {}
    places: dict[str, Place] = {}
    for result in results:
        for res in result.resolutions:
            if res.place is None:
                continue
            grouped.setdefault(res.place.id, []).append(res)
            places.setdefault(res.place.id, res.place)
    summaries = [PlaceSummary(places[pid], tuple(rs)) for pid, rs in grouped.items()]
    summaries.sort(key=lambda s: (-s.mention_count, s.place.display_name, s.place.id))
    return summaries
