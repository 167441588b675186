"""geonews: maps of the places news articles mention, offline."""

from __future__ import annotations

__version__ = "0.1.0"
