"""Build ``geonews/data/world_110m.geojson``, the offline basemap of geonews maps.

Source: Natural Earth 1:110m Admin 0 countries (public domain), as
redistributed in TopoJSON by the npm package ``world-atlas@2.0.2``::

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 scripts/build_basemap.py /tmp/package/countries-110m.json

What it does, in plain Python (shapely only to clip rings at the antimeridian):

1. decodes the quantised, delta-encoded arcs with the topology's ``transform``;
2. stitches each ring from its arcs (a negative index ``~i`` is arc ``i`` reversed,
   and each following arc's first point repeats the previous arc's last one);
3. fixes rings that cross the antimeridian (Russia, Fiji): the ring is unwrapped
   so consecutive points never jump by more than 180°, then clipped into the
   [-180, 180] world and the parts beyond it shifted back by 360°, so no polygon
   streaks across the map; a ring that goes round a pole (Antarctica) is closed
   along that pole instead;
4. rounds coordinates to 2 decimals, drops repeated points and degenerate rings;
5. keeps only the ``name`` property and the ISO 3166 numeric ``id``;
6. writes compact JSON with an ``attribution`` foreign member.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path

from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry

Point = tuple[float, float]
Ring = list[Point]

ATTRIBUTION = "Natural Earth (public domain)"
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "geonews" / "data" / "world_110m.geojson"
DECIMALS = 2


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Absolute ``(lon, lat)`` points of every arc of a (quantised) topology.

    >>> topo = {"transform": {"scale": [0.5, 0.25], "translate": [-10, 20]},
    ...         "arcs": [[[0, 0], [2, 4], [-1, 0]]]}
    >>> decode_arcs(topo)
    [[(-10.0, 20.0), (-9.0, 21.0), (-9.5, 21.0)]]
    """
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points: list[Point] = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def stitch_ring(indexes: Iterable[int], arcs: Sequence[Sequence[Point]]) -> Ring:
    """Join arcs into one ring; ``~i`` means arc ``i`` reversed.

    >>> arcs = [[(0, 0), (1, 0), (1, 1)], [(0, 0), (0, 1), (1, 1)]]
    >>> stitch_ring([0, ~1], arcs)
    [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]
    """
    ring: Ring = []
    for i in indexes:
        points = list(arcs[i]) if i >= 0 else list(arcs[~i])[::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def unwrap(ring: Ring) -> Ring:
    """Shift longitudes by multiples of 360° so no step exceeds 180°.

    >>> unwrap([(179.0, 0.0), (-179.0, 1.0), (-179.0, 0.0), (179.0, 0.0)])
    [(179.0, 0.0), (181.0, 1.0), (181.0, 0.0), (179.0, 0.0)]
    """
    out: Ring = [ring[0]]
    for lon, lat in ring[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while prev - lon > 180:
            lon += 360
        out.append((lon, lat))
    return out


def close_polar(ring: Ring) -> Ring:
    """Close a ring that goes round a pole along that pole (lat ±90).

    ``ring`` is unwrapped and its last point is 360° away from its first; a
    midpoint keeps every step of the closing edge within 180°.

    >>> close_polar([(-180.0, -80.0), (0.0, -70.0), (180.0, -80.0)])[3:]
    [(180.0, -90.0), (0.0, -90.0), (-180.0, -90.0), (-180.0, -80.0)]
    """
    pole = -90.0 if sum(lat for _, lat in ring) < 0 else 90.0
    (lon0, lat0), (lon1, _) = ring[0], ring[-1]
    return [*ring, (lon1, pole), ((lon0 + lon1) / 2, pole), (lon0, pole), (lon0, lat0)]


def _polygons(geom: BaseGeometry) -> list[Polygon]:
    if isinstance(geom, Polygon):
        return [] if geom.is_empty else [geom]
    if isinstance(geom, MultiPolygon):
        return [g for g in geom.geoms if not g.is_empty]
    return [g for part in getattr(geom, "geoms", ()) for g in _polygons(part)]


def fix_polygon(rings: list[Ring]) -> list[list[Ring]]:
    """Split a polygon (outer ring + holes) that crosses the antimeridian.

    Returns one or more polygons, every longitude within [-180, 180].

    >>> fiji_like = [[(178.0, -16.0), (-179.0, -16.0), (-179.0, -17.0), (178.0, -17.0), (178.0, -16.0)]]
    >>> parts = fix_polygon(fiji_like)
    >>> sorted(sorted({p[0] for p in part[0]}) for part in parts)
    [[-180.0, -179.0], [178.0, 180.0]]
    """
    outer = rings[0]
    if not any(abs(a[0] - b[0]) > 180 for a, b in pairwise(outer)):
        return [rings]
    unwrapped = [unwrap(r) for r in rings]
    outer = unwrapped[0]
    if abs(outer[-1][0] - outer[0][0]) > 180:  # goes round a pole (Antarctica)
        closed = close_polar(outer)
        lo = min(p[0] for p in closed)
        shift = -360.0 * round((lo + 180.0) / 360.0)
        return [[[(lon + shift, lat) for lon, lat in closed], *rings[1:]]]
    shape = Polygon(outer, unwrapped[1:]).buffer(0)
    parts: list[list[Ring]] = []
    for k in (-1, 0, 1):
        window = box(-180 + 360 * k, -90, 180 + 360 * k, 90)
        for piece in _polygons(shape.intersection(window)):
            shifted = [
                [(x - 360 * k, y) for x, y in ring.coords] for ring in (piece.exterior, *piece.interiors)
            ]
            parts.append(shifted)
    return parts


def clean_ring(ring: Ring, decimals: int = DECIMALS) -> list[list[float]] | None:
    """Round, drop repeated points; ``None`` if fewer than 4 points remain.

    >>> clean_ring([(0.001, 0.0), (1.0, 0.0), (1.004, 0.0), (1.0, 1.0), (0.0, 0.0)])
    [[0, 0], [1, 0], [1, 1], [0, 0]]
    >>> clean_ring([(0.0, 0.0), (0.001, 0.0), (0.0, 0.002), (0.0, 0.0)]) is None
    True
    """
    out: list[list[float]] = []
    for lon, lat in ring:
        p = [_compact(round(lon, decimals)), _compact(round(lat, decimals))]
        if not out or p != out[-1]:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def _compact(x: float) -> float:
    """``2.0`` -> ``2`` so the JSON stays short; ``-0.0`` -> ``0``."""
    return int(x) if x == int(x) else x


def convert(topology: dict, object_name: str = "countries") -> dict:
    """TopoJSON object ``object_name`` -> GeoJSON FeatureCollection (dict)."""
    arcs = decode_arcs(topology)
    features = []
    for geom in topology["objects"][object_name]["geometries"]:
        if geom["type"] == "Polygon":
            polygons = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polygons = geom["arcs"]
        else:
            continue
        out_polys: list[list[list[list[float]]]] = []
        for polygon in polygons:
            rings = [stitch_ring(r, arcs) for r in polygon]
            for part in fix_polygon(rings):
                cleaned = [clean_ring(r) for r in part]
                if cleaned[0] is None:
                    continue
                out_polys.append([r for r in cleaned if r is not None])
        if not out_polys:
            continue
        geometry = (
            {"type": "Polygon", "coordinates": out_polys[0]}
            if len(out_polys) == 1
            else {"type": "MultiPolygon", "coordinates": out_polys}
        )
        feature: dict = {"type": "Feature"}
        if "id" in geom:
            feature["id"] = str(geom["id"])
        feature["properties"] = {"name": (geom.get("properties") or {}).get("name", "")}
        feature["geometry"] = geometry
        features.append(feature)
    return {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="path to world-atlas' countries-110m.json")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT, help="GeoJSON file to write")
    args = parser.parse_args(argv)
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    collection = convert(topology)
    text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.output.with_suffix(args.output.suffix + ".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(args.output)
    print(
        f"wrote {args.output} ({len(collection['features'])} countries, {len(text) / 1024:.0f} KiB)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
