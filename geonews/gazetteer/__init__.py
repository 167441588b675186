"""The offline gazetteer: a read-only SQLite index built from installed data packages."""

from __future__ import annotations

from geonews.gazetteer.build import build_index, data_version, ensure_index
from geonews.gazetteer.normalize import normalize_name
from geonews.gazetteer.store import Gazetteer, NameMatch

__all__ = ["Gazetteer", "NameMatch", "build_index", "data_version", "ensure_index", "normalize_name"]
