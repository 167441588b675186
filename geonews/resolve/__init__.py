"""Stages 3-4: candidates from the gazetteer (optionally cached), then disambiguation."""

from __future__ import annotations

from geonews.resolve.disambiguate import ResolverSettings, resolve_article
from geonews.resolve.sources import CachedSource, CandidateSource, GazetteerSource

__all__ = ["CachedSource", "CandidateSource", "GazetteerSource", "ResolverSettings", "resolve_article"]
