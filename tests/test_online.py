"""Online geocoders, against a local fake Nominatim on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import contextlib
import json
import threading
import time
import warnings
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from geopy.exc import GeocoderServiceError

from geonews.cache import GeocodeCache
from geonews.configfile import ONLINE_PROVIDERS
from geonews.errors import ConfigurationError, GeocodingError, RateLimitedError
from geonews.gazetteer.store import NameMatch
from geonews.model import LatLon, Place
from geonews.resolve.online import (
    POLICIES,
    FallbackSource,
    OnlineSource,
    OnlineUnavailableWarning,
    location_to_place,
    online_source_from_config,
)

# --------------------------------------------------------------------------- recorded replies

VOSTOCHNY = {
    "place_id": 123, "licence": "Data © OpenStreetMap contributors, ODbL 1.0.", "osm_type": "way",
    "osm_id": 4567, "lat": "51.8840", "lon": "128.3340", "class": "landuse", "type": "military",
    "place_rank": 22, "importance": 0.41, "addresstype": "military", "name": "Космодром Восточный",
    "display_name": "Космодром Восточный, Amur Oblast, Russia",
    "address": {"state": "Amur Oblast", "country": "Russia", "country_code": "ru"},
    "boundingbox": ["51.7", "52.0", "128.1", "128.5"],
}
PARIS = {
    "place_id": 1, "osm_type": "relation", "osm_id": 7444, "lat": "48.8588897", "lon": "2.3200410",
    "class": "boundary", "type": "administrative", "addresstype": "city", "name": "Paris",
    "display_name": "Paris, Île-de-France, France métropolitaine, France",
    "address": {"city": "Paris", "state": "Île-de-France", "country_code": "fr"},
    "extratags": {"capital": "yes", "population": "2165423"},
}
KHASAN_STATION = {
    "osm_type": "node", "osm_id": 99, "lat": "42.4302", "lon": "130.6414", "class": "railway",
    "type": "station", "name": "Хасан", "display_name": "Хасан, Primorsky Krai, Russia",
    "address": {"country_code": "ru"},
}
PHOTON = {
    "type": "Feature", "geometry": {"type": "Point", "coordinates": [131.8869, 43.1155]},
    "properties": {"osm_type": "R", "osm_id": 2, "osm_key": "place", "osm_value": "city",
                   "name": "Vladivostok", "countrycode": "RU", "state": "Primorsky Krai", "type": "city"},
}
PELIAS = {
    "type": "Feature", "geometry": {"type": "Point", "coordinates": [37.6173, 55.7558]},
    "properties": {"gid": "whosonfirst:locality:101748417", "layer": "locality", "name": "Moscow",
                   "country_a": "RUS", "region": "Moscow", "population": 11514330},
}
ARCGIS = {
    "address": "Pyongyang", "location": {"x": 125.7543, "y": 39.0339}, "score": 100,
    "attributes": {"PlaceName": "Pyongyang", "Type": "National Capital", "Country": "PRK"},
}


@pytest.mark.parametrize(
    ("raw", "provider", "expected"),
    [
        (VOSTOCHNY, "nominatim",
         Place("nominatim:w4567", "Космодром Восточный", LatLon(51.884, 128.334), "military_base", "RU",
               "Amur Oblast", source="online:nominatim")),
        (PARIS, "nominatim",
         Place("nominatim:r7444", "Paris", LatLon(48.8588897, 2.320041), "capital", "FR", "Île-de-France",
               population=2165423, source="online:nominatim")),
        (KHASAN_STATION, "nominatim",
         Place("nominatim:n99", "Хасан", LatLon(42.4302, 130.6414), "station", "RU", source="online:nominatim")),
        (PHOTON, "photon",
         Place("photon:r2", "Vladivostok", LatLon(43.1155, 131.8869), "city", "RU", "Primorsky Krai",
               source="online:photon")),
        (PELIAS, "pelias",
         Place("pelias:whosonfirst:locality:101748417", "Moscow", LatLon(55.7558, 37.6173), "city", "RU",
               "Moscow", population=11514330, source="online:pelias")),
        (ARCGIS, "arcgis",
         Place("arcgis:Pyongyang@39.03390,125.75430", "Pyongyang", LatLon(39.0339, 125.7543), "capital", "KP",
               source="online:arcgis")),
    ],
)
def test_location_to_place(raw: dict[str, Any], provider: str, expected: Place) -> None:
    assert location_to_place(raw, provider=provider) == expected


def test_location_to_place_accepts_a_geopy_location() -> None:
    from geopy.location import Location

    loc = Location("Paris, France", (48.8588897, 2.320041), PARIS)
    assert location_to_place(loc, provider="nominatim").feature == "capital"


@pytest.mark.parametrize("raw", [{"lat": "abc", "lon": "1"}, {"lat": "95", "lon": "0"}, {"name": "x"}, "garbage"])
def test_location_to_place_refuses_unusable_coordinates(raw: Any) -> None:
    with pytest.raises(GeocodingError):
        location_to_place(raw, provider="nominatim")


def test_providers_agree_with_configfile() -> None:
    assert set(POLICIES) == set(ONLINE_PROVIDERS)


# --------------------------------------------------------------------------- a fake Nominatim

class FakeNominatim:
    """What the local server answers: ``mode`` is ok, slow, 429, 500 or garbage."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.requests: list[dict[str, list[str]]] = []
        self.user_agents: list[str] = []
        self.lock = threading.Lock()

    def reply(self, query: str) -> list[dict[str, Any]]:
        return {"vostotchny": [VOSTOCHNY], "paris": [PARIS], "khassan": [KHASAN_STATION]}.get(query.lower(), [])


@pytest.fixture
def server() -> Iterator[tuple[FakeNominatim, str]]:
    fake = FakeNominatim()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, status: int, body: bytes, ctype: str = "application/json", **headers: str) -> None:
            with contextlib.suppress(OSError):  # the client gave up (timeout tests)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in headers.items():
                    self.send_header(k.replace("_", "-"), v)
                self.end_headers()
                self.wfile.write(body)

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            params = parse_qs(url.query)
            with fake.lock:
                fake.requests.append(params)
                fake.user_agents.append(self.headers.get("User-Agent", ""))
            if url.path != "/search" or params.get("format") != ["json"]:
                self._send(404, b'{"error": "not found"}')
            elif fake.mode == "slow":
                time.sleep(1.0)
                self._send(200, b"[]")
            elif fake.mode == "429":
                self._send(429, b'{"error": "Too Many Requests"}', Retry_After="7")
            elif fake.mode == "500":
                self._send(500, b"Internal Server Error", "text/plain")
            elif fake.mode == "garbage":
                self._send(200, b"<html>this is not json", "text/html")
            else:
                self._send(200, json.dumps(fake.reply(params["q"][0])).encode())

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield fake, f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _source(url: str, clock: FakeClock | None = None, **kwargs: Any) -> OnlineSource:
    clock = clock or FakeClock()
    kwargs.setdefault("user_agent", "geonews-tests/1.0 (tests@example.org)")
    return OnlineSource("nominatim", base_url=url, clock=clock, sleep=clock.sleep, proxies={}, **kwargs)


def test_normal_answer(server: tuple[FakeNominatim, str]) -> None:
    fake, url = server
    source = _source(url)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        matches = source.lookup("Vostotchny")
    assert matches == [NameMatch(location_to_place(VOSTOCHNY, provider="nominatim"), "main", "Vostotchny")]
    assert fake.requests[0]["q"] == ["Vostotchny"]
    assert fake.requests[0]["addressdetails"] == ["1"] and fake.requests[0]["limit"] == ["5"]
    assert fake.user_agents == ["geonews-tests/1.0 (tests@example.org)"]
    assert source.lookup("Atlantide") == []


@pytest.mark.parametrize("mode", ["slow", "429", "500", "garbage"])
def test_failures_give_no_candidates_and_one_warning(server: tuple[FakeNominatim, str], mode: str,
                                                     tmp_path: Path) -> None:
    fake, url = server
    fake.mode = mode
    clock = FakeClock()
    with GeocodeCache(tmp_path / "geocode.sqlite") as cache:
        source = _source(url, clock, timeout=0.3, max_retries=1, max_failures=10, cache=cache)
        with pytest.warns(OnlineUnavailableWarning) as record:
            assert source.lookup("Vostotchny") == []
            assert source.lookup("Paris") == []
        assert len(record) == 1
        message = str(record[0].message)
        assert message.startswith("online geocoder nominatim unavailable:") and "using offline results" in message
        assert source.failures == 2
        # a failure is not a "no such place": nothing is cached, the next lookup asks again
        assert cache.stats().entries == 0
        fake.mode = "ok"
        before = len(fake.requests)
        assert source.lookup("Paris")[0].place.name == "Paris"
        assert len(fake.requests) == before + 1
    retried = mode != "429"  # a 429 is not retried at once
    assert len(fake.requests) == (2 * (1 + retried) + 1)


@pytest.mark.parametrize(
    ("mode", "error"), [("429", RateLimitedError), ("500", GeocodingError), ("garbage", GeocodingError)]
)
def test_geocode_raises_geonews_errors_from_geopy_ones(server: tuple[FakeNominatim, str], mode: str,
                                                       error: type[Exception]) -> None:
    fake, url = server
    fake.mode = mode
    with pytest.raises(error) as info:
        _source(url, max_retries=0).geocode("Paris")
    assert isinstance(info.value.__cause__, GeocoderServiceError)
    if mode == "429":
        assert isinstance(info.value, RateLimitedError) and info.value.retry_after == 7


def test_timeout_is_bounded(server: tuple[FakeNominatim, str]) -> None:
    fake, url = server
    fake.mode = "slow"
    source = _source(url, timeout=0.2, max_retries=0)
    start = time.monotonic()
    with pytest.warns(OnlineUnavailableWarning, match="unavailable"):
        assert source.lookup("Paris") == []
    assert time.monotonic() - start < 0.9


def test_gives_up_after_repeated_failures(server: tuple[FakeNominatim, str]) -> None:
    fake, url = server
    fake.mode = "500"
    source = _source(url, max_retries=0, max_failures=2)
    with pytest.warns(OnlineUnavailableWarning):
        for name in ("a1", "b2", "c3", "d4"):
            assert source.lookup(name) == []
    assert len(fake.requests) == 2 and source.disabled


def test_rate_limited_with_a_fake_clock(server: tuple[FakeNominatim, str]) -> None:
    fake, url = server
    clock = FakeClock()
    source = _source(url, clock, min_delay=1.0)
    for name in ("Paris", "Khassan", "Vostotchny"):
        assert source.lookup(name)
    assert clock.sleeps == [1.0, 1.0]
    assert len(fake.requests) == 3
    clock.now += 5  # long after the last request: no wait
    source.lookup("Atlantide")
    assert clock.sleeps == [1.0, 1.0]


def test_retries_wait_between_attempts(server: tuple[FakeNominatim, str]) -> None:
    fake, url = server
    fake.mode = "500"
    clock = FakeClock()
    source = _source(url, clock, max_retries=2, error_wait=3.0)
    with pytest.warns(OnlineUnavailableWarning):
        assert source.lookup("Paris") == []
    assert len(fake.requests) == 3 and clock.sleeps == [3.0, 3.0]


def test_public_nominatim_policy() -> None:
    for agent in (None, "", "geopy/2.4.1", "my_user_agent/1.0"):
        with pytest.raises(ConfigurationError, match="user agent"):
            OnlineSource("nominatim", user_agent=agent)
    source = OnlineSource("nominatim", user_agent="geonews-tests/1.0 (tests@example.org)", min_delay=0.1)
    assert source.min_delay == 1.0  # the policy's floor
    assert source.provider == "online:nominatim:https://nominatim.openstreetmap.org"
    assert source.geocoder.headers["User-Agent"] == "geonews-tests/1.0 (tests@example.org)"


def test_configuration_errors() -> None:
    with pytest.raises(ConfigurationError, match="unknown online geocoder"):
        OnlineSource("googlemaps", user_agent="x/1")
    with pytest.raises(ConfigurationError, match="needs a server URL"):
        OnlineSource("pelias")
    with pytest.raises(ConfigurationError, match="URL"):
        OnlineSource("nominatim", base_url="ftp://example.org")
    with pytest.raises(ConfigurationError, match="timeout"):
        OnlineSource("photon", timeout=0)


def test_custom_url_builds_geopy_endpoint() -> None:
    source = OnlineSource("nominatim", base_url="http://127.0.0.1:9/nominatim/")
    assert source.geocoder.api == "http://127.0.0.1:9/nominatim/search"
    assert source.min_delay == 0.0 and source.provider == "online:nominatim:http://127.0.0.1:9/nominatim"
    assert source.geocoder.headers["User-Agent"].startswith("geonews/")
    assert OnlineSource("pelias", base_url="https://pelias.example.org", api_key="k").service == "pelias"
    assert OnlineSource("photon").url == "https://photon.komoot.io"
    assert OnlineSource("arcgis").url == "https://geocode.arcgis.com"


def test_cache_hit_on_second_lookup(server: tuple[FakeNominatim, str], tmp_path: Path) -> None:
    fake, url = server
    with GeocodeCache(tmp_path / "geocode.sqlite") as cache:
        source = _source(url, cache=cache)
        first = source.lookup("Paris")
        assert source.lookup("paris") == [NameMatch(first[0].place, "main", "paris")]
        assert source.lookup("Atlantide") == [] and source.lookup("Atlantide") == []  # negative cached
        assert len(fake.requests) == 2 and source.hits == 2
        assert cache.get(source.provider, "atlantide", source.context).negative
        # another server is another provider key: no stale answers across URLs
        other = OnlineSource("nominatim", base_url=url + "/other", cache=cache, proxies={})
        assert other.provider != source.provider
        # a new session reuses the file without asking the server
        again = _source(url, cache=cache)
        assert again.lookup("PARIS")[0].place == first[0].place
        assert len(fake.requests) == 2


class DictSource:
    def __init__(self, names: dict[str, list[NameMatch]]) -> None:
        self.names = names
        self.asked: list[str] = []

    def lookup(self, name: str) -> list[NameMatch]:
        self.asked.append(name)
        return self.names.get(name, [])


def test_fallback_asks_online_only_for_unknown_names() -> None:
    paris = NameMatch(location_to_place(PARIS, provider="nominatim"), "main", "Paris")
    station = NameMatch(location_to_place(KHASAN_STATION, provider="nominatim"), "main", "Khassan")
    gazetteer = DictSource({"Paris": [paris], "Khassan": [station]})
    online = DictSource({"Vostotchny": [paris]})
    source = FallbackSource(gazetteer, online)
    assert source.lookup("Paris") == [paris]
    assert source.lookup("gare de Khassan") == []  # the resolver will try "Khassan" next, offline
    assert source.lookup("Vostotchny") == [paris]
    assert source.lookup("x") == []
    assert online.asked == ["Vostotchny"] and source.online_queries == 1


def test_online_source_from_config(server: tuple[FakeNominatim, str]) -> None:
    fake, url = server
    assert online_source_from_config({"online": "off"}) is None
    source = online_source_from_config(
        {"online": "nominatim", "geocoder_url": url, "user_agent": "t/1", "timeout": 2.0, "max_retries": 0,
         "min_delay": None},
        proxies={},
    )
    assert source is not None and source.timeout == 2.0 and source.max_retries == 0
    assert source.lookup("Paris")[0].place.feature == "capital"
    fr = online_source_from_config({"online": "nominatim", "geocoder_url": url, "language": "fr"}, proxies={})
    assert fr is not None
    place = fr.lookup("Paris")[0].place
    assert place.name_fr == "Paris" and place.display_name == "Paris"
    assert fake.requests[-1]["accept-language"] == ["fr"]


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["slow", "429", "500", "garbage"])
def test_map_from_offline_results_when_the_geocoder_fails(  # type: ignore[no-untyped-def]
    server: tuple[FakeNominatim, str], mode: str, tmp_path: Path, mini_gazetteer_path: Path, nlp,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    """The whole CLI: the geocoder fails, the map is still made from the gazetteer, with one warning."""
    from geonews.cli import main

    fake, url = server
    fake.mode = mode
    monkeypatch.setattr("geonews.extract.nlp.load_pipeline", lambda model="": nlp)
    monkeypatch.setenv("GEONEWS_TIMEOUT", "0.3")
    monkeypatch.setenv("GEONEWS_MAX_RETRIES", "0")
    article = tmp_path / "a.txt"
    article.write_text("Sommet\nKim est allé à Paris puis à Atlantide.\n", encoding="utf-8")
    out = tmp_path / "map.html"
    code = main(["--gazetteer", str(mini_gazetteer_path), "--cache-dir", str(tmp_path), "--geocoder-url", url,
                 "--user-agent", "geonews-tests", "map", str(article), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert fake.requests, "the unknown name was asked online"
    warnings_shown = [line for line in err.splitlines() if line.startswith("geonews: warning:")]
    assert len(warnings_shown) == 1 and "using offline results" in warnings_shown[0]
    assert "Traceback" not in err
    page = out.read_text(encoding="utf-8")
    assert "Paris" in _map_names(page) and "Atlantide" not in _map_names(page)  # the offline results


@pytest.mark.slow
def test_map_with_a_corrupt_cache_file_still_works(tmp_path: Path, mini_gazetteer_path: Path,  # type: ignore[no-untyped-def]
                                                   nlp, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from geonews.cli import main

    monkeypatch.setattr("geonews.extract.nlp.load_pipeline", lambda model="": nlp)
    (tmp_path / "geocode.sqlite").write_bytes(b"this is not a database" * 50)
    article = tmp_path / "a.txt"
    article.write_text("Sommet\nKim est allé à Paris.\n", encoding="utf-8")
    code = main(["--gazetteer", str(mini_gazetteer_path), "--cache-dir", str(tmp_path), "map", str(article),
                 "-o", str(tmp_path / "map.html")])
    err = capsys.readouterr().err
    assert code == 0 and (tmp_path / "map.html").is_file()
    assert "geonews: warning:" in err and "Traceback" not in err
    assert list(tmp_path.glob("geocode.sqlite.corrupt-*"))


@pytest.mark.slow
def test_map_when_the_disk_is_full(tmp_path: Path, mini_gazetteer_path: Path, nlp,  # type: ignore[no-untyped-def]
                                   monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from geonews.cache import GeocodeCache
    from geonews.cli import main
    from tests.test_cache import _FullDisk

    real_init = GeocodeCache.__init__

    def full_disk_init(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        real_init(self, *args, **kwargs)
        self._conn = _FullDisk(self._conn)

    monkeypatch.setattr(GeocodeCache, "__init__", full_disk_init)
    monkeypatch.setattr("geonews.extract.nlp.load_pipeline", lambda model="": nlp)
    article = tmp_path / "a.txt"
    article.write_text("Sommet\nKim est allé à Paris.\n", encoding="utf-8")
    code = main(["--gazetteer", str(mini_gazetteer_path), "--cache-dir", str(tmp_path), "map", str(article),
                 "-o", str(tmp_path / "map.html")])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Paris" in _map_names((tmp_path / "map.html").read_text(encoding="utf-8"))
    assert [line for line in err.splitlines() if "disk is full" in line], err
    assert "Traceback" not in err


def _map_names(page: str) -> list[str]:
    """The place names a map carries (its places blob: one list per field)."""
    import re

    blob = re.search(r'<script type="application/json" id="geonews-places">(.*?)</script>', page, re.S)
    assert blob is not None
    names: list[str] = json.loads(blob.group(1))["name"]
    return names
