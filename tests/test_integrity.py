"""Gazetteer integrity (issue 12, item 9): a corrupt index is detected, never used silently."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

import pytest

from geonews.errors import GazetteerError
from geonews.gazetteer import build
from geonews.gazetteer.build import GazetteerCorruptWarning, data_version, ensure_index, verify_index, write_index
from geonews.gazetteer.store import Gazetteer
from tests.conftest import MINI_PLACES


def _flip(path: Path, offset: int, length: int = 32) -> None:
    data = bytearray(path.read_bytes())
    for i in range(offset, offset + length):
        data[i] ^= 0xFF
    with path.open("r+b") as f:  # in place, as a failing disk would
        f.write(data)


def _replace(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert data.count(old) >= 1
    with path.open("r+b") as f:
        f.write(data.replace(old, new))


@pytest.fixture
def index(tmp_path: Path) -> Path:
    path = tmp_path / "gazetteer-v5.sqlite"
    write_index(MINI_PLACES, path, version="integrity-test")
    return path


def test_intact_index_passes(index: Path) -> None:
    assert verify_index(index) is None
    with Gazetteer(index) as gaz:
        assert gaz.lookup("Tbilissi")[0].place.name == "Tbilisi"


def test_flipped_bytes_in_data_pages_are_detected(index: Path) -> None:
    size = index.stat().st_size
    assert size > 4 * 4096  # several pages: the flip lands in data, not in the header
    _flip(index, size // 2)
    assert verify_index(index)
    with pytest.raises(GazetteerError) as info:
        Gazetteer(index)
    message = str(info.value)
    assert str(index) in message and "corrupt" in message and "\n" not in message


def test_a_changed_name_that_sqlite_cannot_see_is_detected(index: Path) -> None:
    """A flipped byte inside a record: SQLite's own checks pass, and the index would answer another name."""
    _replace(index, b"Tbilisi", b"Tbilisx")
    conn = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
    conn.close()
    with pytest.raises(GazetteerError, match="corrupt"):
        Gazetteer(index)


def test_the_check_is_remembered_until_the_file_changes(index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert verify_index(index) is None
    calls = []
    real = build._content_digest
    monkeypatch.setattr(build, "_content_digest", lambda p: calls.append(p) or real(p))
    assert verify_index(index) is None
    with Gazetteer(index):
        pass
    assert calls == []  # a stat and a small sidecar, not a 90 MB hash, on every run
    _flip(index, index.stat().st_size // 2)
    assert verify_index(index)
    assert calls == [index]


def test_corrupt_index_in_the_cache_dir_is_rebuilt_with_one_warning(
    index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_index(MINI_PLACES, index, version=data_version())  # up to date: only corruption can make it rebuild
    assert ensure_index(index) is False
    built = []

    def fake_build(path: Path, progress: object = None) -> dict[str, int]:
        built.append(path)
        return write_index(MINI_PLACES, path, version=data_version())

    monkeypatch.setattr(build, "build_index", fake_build)
    _flip(index, index.stat().st_size // 2)
    with pytest.warns(GazetteerCorruptWarning) as record:
        assert ensure_index(index) is True
    assert len(record) == 1 and str(index) in str(record[0].message) and "rebuilding" in str(record[0].message)
    assert built == [index]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ensure_index(index) is False
        with Gazetteer(index) as gaz:
            assert gaz.lookup("Tbilissi")[0].place.name == "Tbilisi"


def test_sqlite_errors_during_lookups_are_one_line(index: Path) -> None:
    gaz = Gazetteer(index)
    size = index.stat().st_size
    with index.open("r+b") as f:  # the file goes bad under an open index: every page after the first
        f.seek(4096)
        f.write(b"\xa5" * (size - 4096))
    with pytest.raises(GazetteerError) as info:
        for name in ("Paris", "Tbilissi", "Texas", "Kremlin"):
            gaz.lookup(name)
    assert str(index) in str(info.value) and "\n" not in str(info.value)
    assert verify_index(index)  # and the next run checks the file again
    gaz.close()


def test_index_without_a_digest_gets_sqlite_checks(index: Path) -> None:
    """An index built before digests were recorded: SQLite's quick_check stands in."""
    conn = sqlite3.connect(index)
    conn.execute("PRAGMA application_id = 0")
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    assert verify_index(index) is None
    size = index.stat().st_size
    with index.open("r+b") as f:
        f.seek(4096)
        f.write(b"\xa5" * (size - 4096))
    assert verify_index(index)


def test_corrupt_user_given_index_is_a_one_line_error(index: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from geonews.cli import main

    _flip(index, index.stat().st_size // 2)
    code = main(["--gazetteer", str(index), "--cache-dir", str(tmp_path / "c"), "geocode", "Tbilissi"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("geonews: error:") and str(index) in err
    assert "Traceback" not in err


def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
    raise PermissionError(13, "Permission denied")


def test_index_cannot_be_written_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build.tempfile, "mkstemp", read_only)  # root ignores chmod: simulate a read-only dir
    with pytest.raises(GazetteerError) as info:
        write_index(MINI_PLACES, tmp_path / "g.sqlite", version="t")
    assert "Permission denied" in str(info.value) and str(tmp_path / "g.sqlite") in str(info.value)


def test_corrupt_extra_index_is_rebuilt(tmp_path: Path) -> None:
    from geonews.gazetteer.extra import ensure_extra_index

    csv = tmp_path / "ours.csv"
    csv.write_text("name,lat,lon,type,country\n" + "".join(
        f"Rédaction {i},48.85,2.35,building,FR\n" for i in range(400)), encoding="utf-8")
    out = ensure_extra_index(csv, tmp_path)
    _flip(out, out.stat().st_size // 2)
    with pytest.warns(GazetteerCorruptWarning):
        assert ensure_extra_index(csv, tmp_path) == out
    assert verify_index(out) is None


@pytest.mark.slow
def test_real_index_corrupted_in_the_cache_dir_is_rebuilt(tmp_path: Path) -> None:
    from geonews.config import Settings
    from geonews.pipeline import Geoparser

    settings = Settings(cache_dir=tmp_path)
    assert ensure_index(settings.gazetteer_path) is True
    path = settings.gazetteer_path
    _flip(path, path.stat().st_size // 2, 4096)
    with pytest.warns(GazetteerCorruptWarning), Geoparser.open(settings) as parser:
        assert parser.geocode("Tbilissi")[0].place.name == "Tbilisi"


def test_unwritable_cache_dir_fails_before_the_long_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = []
    monkeypatch.setattr(build, "load_sources", lambda progress=None: loaded.append(1))
    monkeypatch.setattr(build.tempfile, "mkstemp", read_only)
    with pytest.raises(GazetteerError, match=r"cannot write the gazetteer index .*Permission denied"):
        build.build_index(tmp_path / "g.sqlite")
    assert loaded == []  # one line at once, not after 20 s of reading sources


def test_index_with_a_destroyed_header_is_rebuilt_with_a_warning(index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = []
    monkeypatch.setattr(build, "build_index", lambda path, progress=None: built.append(path))
    with index.open("r+b") as f:
        f.write(b"\x00" * 4096)
    with pytest.warns(GazetteerCorruptWarning, match="rebuilding"):
        assert ensure_index(index) is True
    assert built == [index]
