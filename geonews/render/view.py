"""The first view of a map: where the story is, not every country it names once.

A story about a launch in the Russian Far East names "la Russie", "les
États-Unis" and "Washington craint…" too; framing every place would open on
the whole world. :func:`story_bounds` frames the densest group of the story's
own places instead. Countries, continents and metonymic uses (a capital
standing for its government: "Washington craint…") are left out of the frame;
each other place weighs its mentions times how much it pins the story down (a
town more than a region). The group within :data:`STORY_RADIUS_KM` of a heavy
place is framed when it holds :data:`_GROUP_SHARE` of the weight; otherwise all those
places are (a story spread over several places stays whole). With nothing but
countries, they are framed. Readers zoom out for the rest; nothing is hidden.

>>> from geonews.model import LatLon
>>> far_east = [ViewPoint(LatLon(43.1, 131.9), "city"), ViewPoint(LatLon(42.4, 130.6), "station"),
...             ViewPoint(LatLon(39.0, 125.8), "capital"), ViewPoint(LatLon(60.0, 100.0), "country", mentions=4),
...             ViewPoint(LatLon(38.9, -77.0), "capital", metonymic=True)]
>>> story_bounds(far_east)
((39.0, 125.8), (43.1, 131.9))
>>> story_bounds([ViewPoint(LatLon(43.1, 131.9), "city"), ViewPoint(LatLon(48.9, 2.3), "capital")])
((43.1, 2.3), (48.9, 131.9))
>>> story_bounds([ViewPoint(LatLon(60.0, 100.0), "country")])
((60.0, 100.0), (60.0, 100.0))
>>> story_bounds([]) is None
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from geonews.model import LatLon

__all__ = ["STORY_RADIUS_KM", "ViewPoint", "story_bounds", "story_max_zoom"]

#: Places this close to the heaviest one belong to its group.
STORY_RADIUS_KM = 1200.0
#: How much a kind of place pins a story down (others: 1).
_KIND_WEIGHT = {"country": 0.1, "continent": 0.05, "region": 0.3, "admin1": 0.5, "admin2": 0.8, "sea": 0.3}
#: A metonymic use ("Washington craint…") names an actor more than a place of the story.
_METONYMIC_WEIGHT = 0.2
#: The share of the weight a group must hold to be the frame alone.
_GROUP_SHARE = 0.7
#: The heaviest places tried as a group's centre (the work stays linear in the number of places).
_CENTRES = 40
#: Kinds left out of the frame (their point is a centroid far from anything).
_BROAD = frozenset({"country", "continent"})

Bounds = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True, slots=True)
class ViewPoint:
    """A place as the first view weighs it."""

    point: LatLon
    feature: str
    mentions: int = 1
    metonymic: bool = False

    @property
    def weight(self) -> float:
        w = _KIND_WEIGHT.get(self.feature, 1.0) * max(1, self.mentions)
        return w * _METONYMIC_WEIGHT if self.metonymic else w


#: The closest first view: a town's streets for a local story, a continent for countries alone.
_MAX_ZOOM_PLACES = 9
_MAX_ZOOM_BROAD = 4


def story_max_zoom(points: Sequence[ViewPoint]) -> int:
    """How close the first view may zoom: places other than countries allow a local view.

    >>> from geonews.model import LatLon
    >>> story_max_zoom([ViewPoint(LatLon(44.0, 4.4), "town")]), story_max_zoom([ViewPoint(LatLon(46, 2), "country")])
    (9, 4)
    """
    return _MAX_ZOOM_PLACES if any(p.feature not in _BROAD for p in points) else _MAX_ZOOM_BROAD


def _box(points: Sequence[ViewPoint]) -> Bounds:
    lats = [p.point.lat for p in points]
    lons = [p.point.lon for p in points]
    return (min(lats), min(lons)), (max(lats), max(lons))


def story_bounds(points: Sequence[ViewPoint]) -> Bounds | None:
    """South-west and north-east corners of the first view, or ``None`` for no place."""
    if not points:
        return None
    local = [p for p in points if p.feature not in _BROAD and not p.metonymic]
    if not local:
        return _box([p for p in points if p.feature not in _BROAD] or points)
    total = sum(p.weight for p in local)
    best: list[ViewPoint] = []
    best_weight = -1.0
    for centre in sorted(local, key=lambda p: -p.weight)[:_CENTRES]:
        group = [p for p in local if p.point.distance_km(centre.point) <= STORY_RADIUS_KM]
        weight = sum(p.weight for p in group)
        if weight > best_weight:
            best, best_weight = group, weight
    return _box(best if best_weight >= _GROUP_SHARE * total else local)
