"""geonews: maps of the places news articles mention, offline."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geonews.model import ArticleResult

__version__ = "0.1.0"

__all__ = ["__version__", "to_dataframe", "to_geodataframe"]


def to_dataframe(results: Iterable[ArticleResult]) -> Any:
    """A pandas DataFrame, one row per mention (needs ``geonews[geo]``; see :mod:`geonews.frames`)."""
    from geonews.frames import to_dataframe as frame

    return frame(results)


def to_geodataframe(results: Iterable[ArticleResult]) -> Any:
    """A GeoPandas GeoDataFrame (EPSG:4326), one row per mention (needs ``geonews[geo]``; see :mod:`geonews.frames`)."""
    from geonews.frames import to_geodataframe as frame

    return frame(results)
