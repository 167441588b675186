"""PNG and PDF snapshots of a map through headless Chromium (a subprocess)."""

from __future__ import annotations

import os
import re
import struct
import zlib
from pathlib import Path

import pytest

from geonews.errors import ConfigurationError, GeonewsError
from geonews.model import Article, LatLon, Mention, Place, PlaceSummary, Resolution
from geonews.render import render_map, write_map
from geonews.render import snapshot as snapshot_module
from geonews.render.snapshot import find_chromium, snapshot


def _need_chromium() -> None:
    if find_chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("browser tests must run in CI: Chromium is not installed")
        pytest.skip("Chromium is not installed")


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG with the stdlib: (width, height, rows of pixels)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and color in (2, 6)
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 255
            elif ftype == 2:
                line[i] = (line[i] + b) & 255
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line) if channels == 3 else bytes(v for j, v in enumerate(line) if j % 4 != 3))
        prev = line
    return width, height, rows


@pytest.fixture(scope="module")
def map_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = "Kim est à Vladivostok, pas à Moscou."
    art = Article(id="a", text=text, title="Kim", date="2023-09-12")
    vlad = Place("v", "Vladivostok", LatLon(43.1, 131.87), "city")
    moscow = Place("m", "Moscow", LatLon(55.75, 37.62), "capital", name_fr="Moscou")
    summaries = [
        PlaceSummary(vlad, (Resolution(Mention("a", 10, 21, "Vladivostok", text, 0), vlad, confidence=0.9),)),
        PlaceSummary(moscow, (Resolution(Mention("a", 29, 35, "Moscou", text, 0), moscow, confidence=0.6),)),
    ]
    path = tmp_path_factory.mktemp("snap") / "map.html"
    write_map(render_map(summaries, {"a": art}, title="Kim"), path)
    return path


@pytest.mark.browser
def test_png_has_the_size_asked_and_shows_the_map(map_path: Path, tmp_path: Path) -> None:
    _need_chromium()
    out = snapshot(map_path, tmp_path / "deep" / "map.png", width=640, height=420)
    assert out == tmp_path / "deep" / "map.png"
    width, height, rows = read_png(out.read_bytes())
    assert (width, height) == (640, 420)
    colours = {row[i : i + 3] for row in rows[::4] for i in range(0, len(row), 12)}
    assert len(colours) > 30  # a drawn map, not a blank page
    # the map reaches the bottom edge (no clipped band): the last rows are not blank either
    assert len({rows[-3][i : i + 3] for i in range(0, len(rows[-3]), 3)}) > 3
    # the header bar (dark blue) is at the top
    r, _, b = rows[5][300:303]
    assert b > r and b > 60 and r < 60
    assert not list(tmp_path.glob("deep/.*.tmp"))


@pytest.mark.browser
def test_blank_page_differs(tmp_path: Path) -> None:
    _need_chromium()
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    _, _, rows = read_png(snapshot(blank, tmp_path / "blank.png", width=200, height=120).read_bytes())
    assert {px for row in rows for px in (row[i : i + 3] for i in range(0, len(row), 3))} == {b"\xff\xff\xff"}


@pytest.mark.browser
def test_pdf(map_path: Path, tmp_path: Path) -> None:
    _need_chromium()
    data = snapshot(map_path, tmp_path / "map.PDF", width=800, height=500).read_bytes()
    assert data.startswith(b"%PDF")
    # one page of 800 x 500 CSS px (600 x 375 pt)
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert [(round(float(w)), round(float(h))) for w, h in boxes] == [(600, 375)]
    assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) == 1


def test_bad_suffix_and_size(map_path: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match=r"\.png or \.pdf"):
        snapshot(map_path, tmp_path / "map.jpg")
    with pytest.raises(ConfigurationError, match="outside"):
        snapshot(map_path, tmp_path / "map.png", width=5)
    with pytest.raises(ConfigurationError, match="no such map"):
        snapshot(tmp_path / "missing.html", tmp_path / "map.png")


def test_missing_chromium_is_a_configuration_error(
    map_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot_module.shutil, "which", lambda name: None)
    assert find_chromium() is None
    with pytest.raises(ConfigurationError, match=r"headless Chromium is not installed \(apt-get install chromium\)"):
        snapshot(map_path, tmp_path / "map.png")


def test_failed_run_is_a_geonews_error(map_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'boom: cannot start' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(snapshot_module, "find_chromium", lambda: str(fake))
    with pytest.raises(GeonewsError, match=r"exit 3\): boom: cannot start") as info:
        snapshot(map_path, tmp_path / "map.png")
    assert not isinstance(info.value, ConfigurationError)
    assert not (tmp_path / "map.png").exists()


def test_timeout_is_a_geonews_error(map_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nsleep 30\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(snapshot_module, "find_chromium", lambda: str(fake))
    with pytest.raises(GeonewsError, match=r"did not finish within 0\.5 s"):
        snapshot(map_path, tmp_path / "map.png", timeout_s=0.5)


@pytest.mark.browser
def test_png_scale_and_pdf_title(map_path: Path, tmp_path: Path) -> None:
    _need_chromium()
    width, height, _ = read_png(snapshot(map_path, tmp_path / "x2.png", width=320, height=200, scale=2).read_bytes())
    assert (width, height) == (640, 400)
    data = snapshot(map_path, tmp_path / "t.pdf", width=400, height=300).read_bytes()
    assert b"/Title (Kim)" in data  # the map's title, not the wrapper's file name


def test_snapshot_shows_the_map_in_report_mode(map_path: Path) -> None:
    page = snapshot_module._wrapper_html(map_path, 300, 200, pdf=False, title="Kim &amp; co")
    assert "#gn-report" in page and "<title>Kim &amp; co</title>" in page
    assert snapshot_module._page_title(map_path) == "Kim"


def test_bad_scale(map_path: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="scale"):
        snapshot(map_path, tmp_path / "a.png", scale=9)
