"""Settings: one object passed from the CLI (or a library caller) to the pipeline.

    >>> s = Settings(cache_dir=Path("/tmp/gn"))
    >>> s.gazetteer_path.name.startswith("gazetteer-"), s.geocode_cache_path
    (True, PosixPath('/tmp/gn/geocode.sqlite'))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geonews.errors import ConfigurationError

if TYPE_CHECKING:  # the stages import this module, never the other way round
    from geonews.resolve.disambiguate import ResolverSettings

__all__ = ["DEFAULT_MODEL", "GAZETTEER_SCHEMA_VERSION", "Settings"]

#: The spaCy pipeline used unless the settings name another (read by :mod:`geonews.extract.nlp`).
DEFAULT_MODEL = "fr_core_news_md"
#: The layout of the gazetteer index, part of its file name: the ``SCHEMA_VERSION`` of
#: :mod:`geonews.gazetteer.build` (a test keeps them equal; that module's source is part of the
#: gazetteer's data version, so it will read it from here at its next change, not before).
GAZETTEER_SCHEMA_VERSION = "5"


@dataclass(frozen=True, slots=True)
class Settings:
    """Where things live and how geonews behaves. No globals: pass it around."""

    cache_dir: Path = Path("cache")
    #: one spaCy pipeline for every article whatever its language; None: each language's own (see ``models``)
    model: str | None = None
    #: the pipeline of a language, ``(("en", NAME), ...)``, over the defaults of :mod:`geonews.extract.nlp`
    models: tuple[tuple[str, str], ...] = ()
    #: the language of every article that does not give its own (``--lang``); None: detected from its words
    lang: str | None = None
    #: load a known model even when its weights are not the ones geonews was tested with
    trust_model: bool = False
    use_cache: bool = True
    gazetteer_file: Path | None = None
    geocode_cache_file: Path | None = None
    gazetteer_extra: Path | None = None
    batch_size: int = 16
    #: also report adjectives and demonyms ("russe", "Américains") as mentions of their place
    adjectives: bool = False
    #: let the gazetteer add notable places the recogniser missed, and filter what it got wrong
    gazetteer_ruler: bool = True
    #: the validated configuration of an online geocoder (see geonews.configfile), None when offline
    online: Mapping[str, Any] | None = None
    #: how the resolver ranks candidates; None: its defaults (``ResolverSettings()``)
    resolver: ResolverSettings | None = None
    #: recognition rules switched off by name (see geonews.extract.rules; checked where they run)
    disabled_rules: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ConfigurationError(f"batch size must be at least 1, got {self.batch_size}")

    @property
    def gazetteer_path(self) -> Path:
        """The index file (versioned name: a new schema never reads an old file)."""
        return self.gazetteer_file or self.cache_dir / f"gazetteer-v{GAZETTEER_SCHEMA_VERSION}.sqlite"

    @property
    def geocode_cache_path(self) -> Path:
        return self.geocode_cache_file or self.cache_dir / "geocode.sqlite"
