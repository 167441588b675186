"""Every exception geonews raises on purpose.

There is one root, :class:`GeonewsError`. Each subclass also inherits the
builtin exception a caller would naturally catch, so ``except OSError`` still
works around an unreadable article::

    >>> issubclass(ArticleReadError, OSError) and issubclass(ArticleReadError, GeonewsError)
    True

Errors a user can cause carry a one-line message that names the culprit; the
CLI prints it and exits non-zero, never with a traceback.
"""

from __future__ import annotations

__all__ = [
    "ArticleReadError",
    "CacheError",
    "ClusterError",
    "ConfigurationError",
    "CorrectionError",
    "GazetteerError",
    "GeocodingError",
    "GeonewsError",
    "InvalidCoordinateError",
    "MissingExtraError",
    "ModelUnavailableError",
    "RateLimitedError",
    "WorkerError",
]


class GeonewsError(Exception):
    """Root of every geonews exception."""


class ConfigurationError(GeonewsError, ValueError):
    """A setting or option has a value geonews cannot use."""


class InvalidCoordinateError(GeonewsError, ValueError):
    """A latitude or longitude is out of range or not a number."""


class ArticleReadError(GeonewsError, OSError):
    """An input article is missing, unreadable, binary, not UTF-8 or empty.

    ``path`` names the file (or ``<stdin>``) so that a batch can report it and
    carry on with the other files.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class CorrectionError(GeonewsError, ValueError):
    """A corrections file or line that cannot be used (see :mod:`geonews.corrections`)."""


class ModelUnavailableError(GeonewsError, ImportError):
    """The spaCy pipeline asked for is not installed."""


class MissingExtraError(GeonewsError, ImportError):
    """An optional extra (``geonews[geo]``: pandas, GeoPandas, pyogrio) is not installed."""


class GazetteerError(GeonewsError, OSError):
    """The gazetteer index is missing, corrupt or cannot be built."""


class CacheError(GeonewsError, OSError):
    """The geocode cache cannot be opened or written."""


class GeocodingError(GeonewsError, OSError):
    """An online geocoder failed (network, bad reply, refused)."""


class RateLimitedError(GeocodingError):
    """An online geocoder asked us to slow down."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ClusterError(GeonewsError, ConnectionError):
    """The dask cluster cannot be reached or used (no scheduler, no workers, dask not installed)."""


class WorkerError(GeonewsError, RuntimeError):
    """A ``--jobs`` worker process died (killed, out of memory, crashed) on a chunk, or could not start.

    The message names the chunk (its article numbers and ids) and how the
    worker ended; the results before that chunk have been yielded.
    """
