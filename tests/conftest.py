"""Shared fixtures: a small hand-made gazetteer, the full one, the spaCy model.

Tests are offline: the full gazetteer is built from installed packages into the
repository's ``cache/`` (rebuilt only when its data version changes).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from geonews.gazetteer.build import ensure_index, write_index
from geonews.gazetteer.sources import NameRecord, PlaceRecord
from geonews.gazetteer.store import Gazetteer

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "vostotchny-putin-kim.fr.txt"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a non-loopback connection fails the test."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1")):
            return real_connect(self, address)
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)
        raise RuntimeError(f"tests must not touch the network (tried {address!r})")

    monkeypatch.setattr(socket.socket, "connect", guarded)


def _rec(key: str, name: str, lat: float, lon: float, feature: str, cc: str | None = None, *,
         pop: int = 0, admin1: str | None = None, fr: str | None = None, alts: tuple[str, ...] = ()) -> PlaceRecord:
    names = [NameRecord(name, "main")] + [NameRecord(a, "alt") for a in alts]
    if fr:
        names.append(NameRecord(fr, "fr"))
    return PlaceRecord(key=key, name=name, lat=lat, lon=lon, feature=feature, country_code=cc, admin1=admin1,
                       population=pop, name_fr=fr, names=names, source="test")


MINI_PLACES = [
    _rec("gn:2017370", "Russia", 60.0, 100.0, "country", "RU", pop=144_000_000, fr="Russie"),
    _rec("gn:3017382", "France", 46.0, 2.0, "country", "FR", pop=67_000_000, fr="France"),
    _rec("gn:6252001", "United States", 39.76, -98.5, "country", "US", pop=327_000_000, fr="États-Unis"),
    _rec("gn:614540", "Georgia", 42.0, 43.5, "country", "GE", pop=3_700_000, fr="Géorgie"),
    _rec("gn:4197000", "Georgia", 32.75, -83.5, "admin1", "US", admin1="GA", fr="Géorgie"),
    _rec("gn:611717", "Tbilisi", 41.69, 44.83, "capital", "GE", pop=1_049_498, fr="Tbilissi"),
    _rec("gn:4221552", "Atlanta", 33.749, -84.388, "city", "US", pop=463_878, admin1="GA"),
    _rec("gn:4140963", "Washington", 38.895, -77.036, "capital", "US", pop=689_545, admin1="DC"),
    _rec("gn:2634715", "Washington", 54.9, -1.52, "town", "GB", pop=67_085),
    _rec("gn:2013348", "Vladivostok", 43.106, 131.874, "city", "RU", pop=604_901, admin1="59"),
    _rec("gn:2017623", "Primorskiy kray", 45.0, 134.5, "admin1", "RU", admin1="59", fr="Primorié",
         alts=("Primorye",)),
    _rec("gn:2988507", "Paris", 48.853, 2.349, "capital", "FR", pop=2_138_551, admin1="11"),
    _rec("gn:4717560", "Paris", 33.661, -95.555, "town", "US", pop=24_171, admin1="TX"),
    _rec("gn:4736286", "Texas", 31.25, -99.25, "admin1", "US", admin1="TX"),
    _rec("gn:124000", "Hasan Nuran", 37.0, 45.2, "village", "IR", pop=593, alts=("Khassan",)),
    _rec("sup:khasan", "Khasan", 42.4306, 130.6439, "station", "RU", alts=("Khassan",)),
    _rec("sup:vostochny-cosmodrome", "Vostochny Cosmodrome", 51.884, 128.334, "spaceport", "RU",
         fr="Cosmodrome de Vostotchny", alts=("Vostotchny", "Vostochny")),
    _rec("sup:kremlin", "Kremlin", 55.752, 37.6175, "building", "RU", fr="Kremlin"),
    _rec("gn:1871859", "Pyongyang", 39.034, 125.754, "capital", "KP", pop=3_222_000),
    _rec("gn:1873107", "North Korea", 40.0, 127.0, "country", "KP", pop=25_000_000, fr="Corée du Nord"),
    _rec("gn:690791", "Ukraine", 49.0, 32.0, "country", "UA", pop=44_000_000, fr="Ukraine"),
    _rec("gn:2673730", "Stockholm", 59.333, 18.065, "capital", "SE", pop=1_515_017),
]


@pytest.fixture(scope="session")
def mini_gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gaz") / "mini.sqlite"
    write_index(MINI_PLACES, path, version="mini-test")
    return path


@pytest.fixture()
def mini_gazetteer(mini_gazetteer_path: Path) -> Iterator[Gazetteer]:
    with Gazetteer(mini_gazetteer_path) as gaz:
        yield gaz


@pytest.fixture(scope="session")
def full_gazetteer_path() -> Path:
    """The real index, built from the installed packages (slow the first time)."""
    from geonews.config import Settings

    path = Settings(cache_dir=ROOT / "cache").gazetteer_path
    ensure_index(path)
    return path


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from geonews.extract.nlp import load_pipeline

    return load_pipeline()
