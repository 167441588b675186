"""Online geocoders misbehaving: odd replies, slow servers, the public host behind a URL, many workers.

Every server here is a local fake on 127.0.0.1 (tests/conftest.py blocks any
other address). Each test is a regression test for issue 12, item 7.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from geonews.errors import ConfigurationError
from geonews.resolve.online import (
    OnlineReplyWarning,
    OnlineSource,
    OnlineUnavailableWarning,
    RequestGate,
    location_to_place,
    online_source_from_config,
    policy_for_url,
)
from tests.test_online import PARIS, VOSTOCHNY, FakeClock

ROOT = Path(__file__).resolve().parent.parent
AGENT = "geonews-tests/1.0 (tests@example.org)"

#: A handler: (request handler, query) -> None; it writes the whole reply itself.
Reply = Callable[[BaseHTTPRequestHandler, str], None]


class Fake:
    """A local server whose replies a test sets (``reply``); it records when each request arrived."""

    def __init__(self) -> None:
        self.reply: Reply = json_reply([])
        self.arrivals: list[float] = []
        self.queries: list[str] = []
        self.lock = threading.Lock()


def json_reply(body: Any, status: int = 200, ctype: str = "application/json") -> Reply:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()

    def send(handler: BaseHTTPRequestHandler, query: str) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", ctype)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    return send


@pytest.fixture
def fake() -> Iterator[tuple[Fake, str]]:
    state = Fake()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            params = parse_qs(urlsplit(self.path).query)
            query = params.get("q", [""])[0]
            with state.lock:
                state.arrivals.append(time.monotonic())
                state.queries.append(query)
            with contextlib.suppress(OSError):  # the client gave up
                state.reply(self, query)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def _source(url: str, **kwargs: Any) -> OnlineSource:
    clock = FakeClock()
    kwargs.setdefault("user_agent", AGENT)
    kwargs.setdefault("clock", clock)
    kwargs.setdefault("sleep", clock.sleep)
    return OnlineSource("nominatim", base_url=url, proxies={}, **kwargs)


# --------------------------------------------------------------------------- a. fields of the wrong type

MALFORMED = [
    {**VOSTOCHNY, "class": 5},
    {**VOSTOCHNY, "lat": [51.8, 51.9]},
    {**VOSTOCHNY, "name": ["Восточный"]},
    {**VOSTOCHNY, "type": {"military": True}},
    {**VOSTOCHNY, "osm_type": 3},
    {**VOSTOCHNY, "address": {"country_code": 7}},
    {**VOSTOCHNY, "address": ["ru"]},
]


@pytest.mark.parametrize("entry", MALFORMED, ids=lambda e: next(k for k in e if e[k] != VOSTOCHNY.get(k)))
def test_an_entry_with_a_wrong_field_type_is_skipped_with_one_warning(fake: tuple[Fake, str],
                                                                      entry: dict[str, Any]) -> None:
    state, url = fake
    state.reply = json_reply([entry, PARIS])
    source = _source(url, max_retries=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = source.lookup("Vostotchny")
        second = source.lookup("Paris")
    assert [m.place for m in first] == [location_to_place(PARIS, provider="nominatim")]
    assert [m.place for m in second] == [location_to_place(PARIS, provider="nominatim")]
    assert [w.category for w in caught] == [OnlineReplyWarning], [str(w.message) for w in caught]
    assert "\n" not in str(caught[0].message)


@pytest.mark.parametrize("entry", [*MALFORMED[:3], [1, 2], "x", 7])
def test_a_reply_with_nothing_readable_is_a_failure_not_a_traceback(fake: tuple[Fake, str], entry: Any,
                                                                     tmp_path: Path) -> None:
    from geonews.cache import GeocodeCache

    state, url = fake
    state.reply = json_reply([entry])
    with GeocodeCache(tmp_path / "geocode.sqlite") as cache:
        source = _source(url, max_retries=0, cache=cache)
        with pytest.warns(OnlineUnavailableWarning, match="unavailable") as record:
            assert source.lookup("Vostotchny") == []
        assert len(record) == 1
        assert cache.stats().entries == 0  # a broken reply is not "no such place"


@pytest.mark.parametrize("raw", [{"geometry": {"coordinates": 5}}, {"geometry": [1, 2]},
                                 {"geometry": {"coordinates": [1, 2]}, "properties": "x"},
                                 {"geometry": {"coordinates": [1, 2]}, "properties": {"osm_key": 1}}])
def test_photon_and_pelias_entries_with_wrong_types_raise_geocoding_errors(raw: dict[str, Any]) -> None:
    from geonews.errors import GeocodingError

    for provider in ("photon", "pelias"):
        if provider == "pelias" and raw.get("properties") == {"osm_key": 1}:
            continue  # pelias does not read osm_key
        with pytest.raises(GeocodingError):
            location_to_place(raw, provider=provider)


# --------------------------------------------------------------------------- b. a deadline per request

def dribble(interval: float, size: int = 200) -> Reply:
    """Headers at once, then the body one byte every ``interval`` seconds (each read is quick)."""

    def send(handler: BaseHTTPRequestHandler, query: str) -> None:
        body = b" " * (size - 2) + b"[]"
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.flush()
        for byte in body:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(interval)

    return send


def test_a_server_dribbling_bytes_is_abandoned_at_the_deadline(fake: tuple[Fake, str]) -> None:
    state, url = fake
    state.reply = dribble(0.2)  # 40 s for the whole body, each read well within the timeout
    source = _source(url, timeout=1.0, max_retries=0, clock=time.monotonic, sleep=time.sleep)
    start = time.monotonic()
    with pytest.warns(OnlineUnavailableWarning, match="unavailable") as record:
        assert source.lookup("Paris") == []
    elapsed = time.monotonic() - start
    assert elapsed < 5.0, f"the request was not cut at its 1 s deadline ({elapsed:.1f} s)"
    assert "within 1 s" in str(record[0].message)


# --------------------------------------------------------------------------- c. the policy follows the host

@pytest.mark.parametrize("url", ["https://nominatim.openstreetmap.org", "https://Nominatim.OpenStreetMap.org/",
                                 "http://nominatim.openstreetmap.org:443/"])
@pytest.mark.parametrize("service", ["nominatim", "photon"])
def test_the_public_nominatim_behind_a_url_keeps_its_policy(url: str, service: str) -> None:
    with pytest.raises(ConfigurationError, match="user agent"):
        OnlineSource(service, base_url=url)
    with pytest.raises(ConfigurationError, match="user agent"):
        online_source_from_config({"online": service, "geocoder_url": url})
    source = OnlineSource(service, base_url=url, user_agent=AGENT, min_delay=0.0)
    assert source.min_delay == 1.0


def test_other_hosts_have_no_floor() -> None:
    assert policy_for_url("https://nominatim.example.org") is None
    assert policy_for_url("https://openstreetmap.org.evil.example") is None
    source = OnlineSource("nominatim", base_url="https://nominatim.example.org")
    assert source.min_delay == 0.0


# --------------------------------------------------------------------------- d. one limit for all workers

@pytest.fixture(scope="module")
def ruler_nlp() -> Any:
    """A blank French pipeline that finds the invented places of :data:`NAMES` (unknown to the gazetteer)."""
    import spacy

    nlp = spacy.blank("fr")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "LOC", "pattern": name} for name in NAMES])
    return nlp


NAMES = [f"Zorglubie{chr(ord('a') + i)}" for i in range(10)]


def test_jobs_share_one_rate_limit(fake: tuple[Fake, str], mini_gazetteer_path: Path, ruler_nlp: Any) -> None:
    from geonews.config import Settings
    from geonews.model import Article
    from geonews.parallel import parse_parallel
    from geonews.pipeline import Geoparser

    state, url = fake
    min_delay = 0.4
    online = {"online": "nominatim", "geocoder_url": url, "user_agent": AGENT, "min_delay": min_delay,
              "timeout": 5.0, "max_retries": 0}
    settings = Settings(gazetteer_file=mini_gazetteer_path, use_cache=False, batch_size=1, online=online)
    # chunks of 4 articles: the two workers ask at the same time from the start
    articles = [Article(id=str(i), text=f"Le sommet de {name}.") for i, name in enumerate(NAMES)]
    open_worker = partial(Geoparser.open, settings, nlp=ruler_nlp)
    results = list(parse_parallel(articles, open_worker=open_worker, settings=settings, jobs=2))
    assert len(results) == len(NAMES)
    assert sorted(state.queries) == sorted(NAMES)
    arrivals = sorted(state.arrivals)
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    # the server sees arrivals jittered by the scheduling of a busy machine; half the delay leaves room for
    # that, not for two workers asking at once (each with its own limiter, gaps were ~0.01 s)
    assert min(gaps) >= min_delay / 2, [round(g, 3) for g in gaps]


def test_a_shared_gate_spaces_requests_of_sources_in_two_processes(fake: tuple[Fake, str]) -> None:
    import multiprocessing

    state, url = fake
    context = multiprocessing.get_context("fork")
    gate = RequestGate.shared(context)

    def ask(tag: str) -> None:
        source = OnlineSource("nominatim", base_url=url, user_agent=AGENT, proxies={}, min_delay=0.5, gate=gate)
        for i in range(3):
            source.geocode(f"{tag}{i}")

    processes = [context.Process(target=ask, args=(tag,)) for tag in "ab"]
    for p in processes:
        p.start()
    for p in processes:
        p.join(60)
    assert [p.exitcode for p in processes] == [0, 0]
    arrivals = sorted(state.arrivals)
    assert len(arrivals) == 6
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert min(gaps) >= 0.5 / 2, [round(g, 3) for g in gaps]  # jitter allowed, not two requests at once


def test_sources_sharing_a_gate_warn_once_per_failure_episode(fake: tuple[Fake, str]) -> None:
    state, url = fake
    state.reply = json_reply(b"Internal Server Error", 500, "text/plain")
    gate = RequestGate()
    one, two = (_source(url, max_retries=0, max_failures=10, gate=gate) for _ in range(2))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for source in (one, two, one, two):
            assert source.lookup("Paris") == []
        assert len(caught) == 1
        state.reply = json_reply([PARIS])
        assert one.lookup("Paris")  # the episode is over
        state.reply = json_reply(b"<html>maintenance</html>", 200, "text/html")
        assert two.lookup("Paris") == [] and one.lookup("Paris") == []
    assert [w.category for w in caught] == [OnlineUnavailableWarning] * 2


# --------------------------------------------------------------------------- e. one line, no tracebacks

@pytest.mark.parametrize("reply", [json_reply(b"Internal Server Error", 500, "text/plain"),
                                   json_reply(b"<html>this is not json", 200, "text/html")], ids=["500", "html"])
def test_failures_log_no_warning_records_only_debug_detail(fake: tuple[Fake, str], reply: Reply,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    """Python prints any WARNING record (with its traceback) when logging is not set up: there must be none."""
    state, url = fake
    state.reply = reply
    source = _source(url, max_retries=2, max_failures=3)
    caplog.set_level(logging.DEBUG)
    with pytest.warns(OnlineUnavailableWarning) as record:
        for name in ("Atlantide", "Mordor", "Gondor", "Rohan"):
            assert source.lookup(name) == []
    assert len(record) == 1 and source.disabled
    assert len(state.queries) == 3 * 3
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert loud == [], [r.getMessage() for r in loud]
    assert any(r.exc_info for r in caplog.records if r.name == "geonews.resolve.online")  # detail for -v


@pytest.mark.parametrize("reply", [json_reply(b"Internal Server Error", 500, "text/plain"),
                                   json_reply(b"<html>this is not json", 200, "text/html")], ids=["500", "html"])
def test_cli_prints_one_warning_line_and_no_traceback(fake: tuple[Fake, str], reply: Reply, tmp_path: Path,
                                                      mini_gazetteer_path: Path) -> None:
    """The real command in a subprocess (so Python's own logging fallback is what prints, as for a user)."""
    state, url = fake
    state.reply = reply
    gold = tmp_path / "gold.jsonl"
    with gold.open("w", encoding="utf-8") as f:
        for i, name in enumerate(["Atlantide", "Mordor", "Gondor", "Rohan", "Paris"]):
            text = f"Le sommet de {name}."
            start = text.index(name)
            f.write(json.dumps({"id": str(i), "text": text,
                                "places": [{"start": start, "end": start + len(name)}]}) + "\n")
    env = {**os.environ, "GEONEWS_MAX_RETRIES": "1", "GEONEWS_TIMEOUT": "5", "NO_PROXY": "*"}
    run = subprocess.run(
        [sys.executable, "-m", "geonews", "--gazetteer", str(mini_gazetteer_path), "--cache-dir", str(tmp_path),
         "--geocoder-url", url, "--user-agent", AGENT, "resolve", str(gold)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert len(state.queries) >= 3
    assert "Traceback" not in run.stderr, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    warned = [line for line in lines if line.startswith("geonews: warning:")]
    assert len(warned) == 1 and "using offline results" in warned[0], run.stderr
    assert len(run.stdout.splitlines()) == 5  # every document, with the offline results
    # -v shows the detail behind the warning: each failure, with its traceback
    verbose = subprocess.run(
        [sys.executable, "-m", "geonews", "-v", "--gazetteer", str(mini_gazetteer_path), "--cache-dir", str(tmp_path),
         "--no-cache", "--geocoder-url", url, "--user-agent", AGENT, "resolve", str(gold)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )
    assert verbose.returncode == 0, verbose.stderr
    assert "geonews: debug: geonews.resolve.online:" in verbose.stderr
    assert "Traceback" in verbose.stderr


def test_a_gate_whose_lock_holder_was_killed_does_not_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker SIGKILLed while holding the shared lock: the others go on after GATE_LOCK_TIMEOUT."""
    import multiprocessing
    import signal

    import geonews.resolve.online as online

    monkeypatch.setattr(online, "GATE_LOCK_TIMEOUT", 0.3)
    context = multiprocessing.get_context("fork")
    gate = RequestGate.shared(context)

    def grab_and_die() -> None:
        gate._lock.acquire()
        os.kill(os.getpid(), signal.SIGKILL)

    child = context.Process(target=grab_and_die)
    child.start()
    child.join(30)
    assert child.exitcode == -signal.SIGKILL
    got: list[Any] = []
    thread = threading.Thread(target=lambda: got.extend([gate.reserve(time.monotonic, 0.0), gate.failed()]),
                              daemon=True)
    thread.start()
    thread.join(30)  # two waits of 0.3 s, not forever
    assert not thread.is_alive(), "the gate waited forever for a lock its dead holder will never release"
    assert got == [0.0, 1]
