"""Results as pandas DataFrames and GeoPandas GeoDataFrames; GeoPackage and KML files (``geonews[geo]``).

One row per mention, the columns of :data:`geonews.export.EXPORT_FIELDS` in
their order: a mention recognised but not placed is a row with empty place
columns (and an empty geometry). ``reasons`` and ``alternatives`` are JSON text,
as in the CSV: ``df["reasons"].map(json.loads)`` gives the lists back.

pandas, GeoPandas and pyogrio are optional (``pip install 'geonews[geo]'``): they
are imported when a function here is called, and their absence is a
:class:`~geonews.errors.MissingExtraError` with a one-line message.

The files are written through GeoPandas with pyogrio (GDAL's ``GPKG`` and
``KML`` drivers), atomically: a temporary file next to the target, then renamed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geonews.errors import MissingExtraError
from geonews.export import EXPORT_FIELDS, atomic_path, csv_rows
from geonews.model import ArticleResult

__all__ = ["CRS", "LAYER", "require", "to_dataframe", "to_geodataframe", "write_geopackage", "write_kml"]

#: Coordinates are WGS84 longitude/latitude.
CRS = "EPSG:4326"
#: The name of the layer in GeoPackage and KML files.
LAYER = "mentions"

#: pandas dtype of each schema type (nullable integers: a place has no GeoNames id when it is not placed)
_DTYPES = {"str": "object", "int": "Int64", "float": "float64", "bool": "bool", "json": "object"}


def _module(name: str) -> Any:
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise MissingExtraError(
            f"{name} is not installed: this needs geonews' optional 'geo' extra (pip install 'geonews[geo]')"
        ) from exc


def require() -> None:
    """Raise :class:`~geonews.errors.MissingExtraError` unless pandas, GeoPandas and pyogrio are installed."""
    for name in ("pandas", "geopandas", "pyogrio"):
        _module(name)


def to_dataframe(results: Iterable[ArticleResult]) -> Any:
    """A :class:`pandas.DataFrame`, one row per mention, columns :data:`~geonews.export.EXPORT_FIELDS`.

    Empty cells are ``None`` (text) or ``NaN``/``<NA>`` (numbers); ``start``, ``end``
    and ``geonameid`` are nullable integers (``Int64``), ``metonymic`` a boolean.
    """
    pd = _module("pandas")
    rows = list(csv_rows(results))
    columns = [f.name for f in EXPORT_FIELDS]
    frame = pd.DataFrame.from_records(rows, columns=columns)
    return frame.astype({f.name: _DTYPES[f.type] for f in EXPORT_FIELDS})


def to_geodataframe(results: Iterable[ArticleResult]) -> Any:
    """A :class:`geopandas.GeoDataFrame` (EPSG:4326): :func:`to_dataframe` plus a Point ``geometry``.

    A mention that was not placed has an empty (``None``) geometry.
    """
    gpd = _module("geopandas")
    frame = to_dataframe(results)
    geometry = gpd.points_from_xy(frame["lon"], frame["lat"], crs=CRS)
    missing = frame["lat"].isna() | frame["lon"].isna()
    geometry[missing.to_numpy()] = None
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=CRS)


def _write(frame: Any, path: str | os.PathLike[str], driver: str, **options: Any) -> None:
    """Write ``frame`` with pyogrio to a temporary file next to ``path``, then rename it over ``path``."""
    _module("pyogrio")
    with atomic_path(path, suffix=Path(path).suffix, create=False) as tmp_name:  # GDAL creates the file itself
        frame.to_file(tmp_name, driver=driver, layer=LAYER, engine="pyogrio", **options)


def write_geopackage(results: Iterable[ArticleResult], path: str | os.PathLike[str]) -> int:
    """Write the mentions as a GeoPackage (layer ``mentions``, EPSG:4326); return how many rows.

    Unplaced mentions are rows with an empty geometry.
    """
    frame = to_geodataframe(results)
    _write(frame, path, "GPKG")
    return len(frame)


def write_kml(results: Iterable[ArticleResult], path: str | os.PathLike[str]) -> int:
    """Write the mentions as KML for Google Earth (GDAL's KML driver); return how many placemarks.

    Each placemark is named after the place (else the mention) and described by
    the mention's sentence; every field of the schema is in its ``ExtendedData``.
    Unplaced mentions are placemarks without a point (Google Earth lists them, off the globe).
    """
    frame = to_geodataframe(results)
    frame.insert(0, "Name", frame["place_name"].fillna(frame["mention"]))
    frame.insert(1, "Description", frame["sentence"])
    # KML has no boolean type, and GDAL's KML driver writes nullable integers as text
    frame = frame.astype({"metonymic": "int32", "start": "int64", "end": "int64"})
    _write(frame, path, "KML")
    return len(frame)
