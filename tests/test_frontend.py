"""The front end's files: present in the package, valid JavaScript, and the one reader of the popups blob."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geonews.render.frontend import STATIC_FILES, page_css, page_js, static_text
from tests.jsnode import STATIC, node, popups_html


@pytest.mark.parametrize("name", [n for n in STATIC_FILES if n.endswith(".js")])
def test_each_script_is_valid_javascript(name: str) -> None:
    done = subprocess.run([node(), "--check", str(STATIC.joinpath(name))], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_broken_script_is_caught(tmp_path: Path) -> None:  # the check above can fail
    bad = tmp_path / "bad.js"
    bad.write_text(static_text("map.js").replace("function (map, cfg) {", "function (map, cfg) {{", 1))
    assert subprocess.run([node(), "--check", str(bad)], capture_output=True).returncode != 0


def test_scripts_pass_eslint() -> None:
    """ESLint's recommended rules plus eslint.config.mjs (``npm ci`` installs it; ``.ci/run`` does)."""
    root = Path(__file__).resolve().parent.parent
    eslint = root / "node_modules" / ".bin" / "eslint"
    if not eslint.exists():
        if os.environ.get("CI"):
            pytest.fail("eslint must run in CI: npm ci did not install it")
        pytest.skip("eslint is not installed (npm ci)")
    done = subprocess.run([str(eslint), "geonews/render/static"], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_page_assets_hold_every_file_once() -> None:
    for name in ("map.css", "popup.css", "blob.js", "map.js"):
        assert (page_js() if name.endswith(".js") else page_css()).count(static_text(name)) == 1
    assert "geonewsInit" in page_js() and ".gn-popup" in page_css()


def test_only_front_end_files_are_served() -> None:
    with pytest.raises(ValueError):
        static_text("../__init__.py")


def test_styles_name_no_map_id() -> None:  # no str.replace templating: the map is found by its class
    assert "MAPID" not in page_css() and ".folium-map{" in page_css()


_text = st.text(st.characters(codec="utf-8"), max_size=12)


@settings(max_examples=25, deadline=None)
@given(
    shared=st.lists(_text, max_size=3),
    quotes=st.lists(st.tuples(_text, st.integers(0, 12), st.integers(0, 12)), max_size=3),
)
def test_popups_blob_round_trip(shared: list[str], quotes: list[tuple[str, int, int]]) -> None:
    """blob.js joins pieces, shared pieces, the tooltip and marked quotes (offsets in UTF-16 units)."""
    items: list[object] = [*range(len(shared)), -1, "<b>x</b>"]
    expected = "".join(shared) + "TIP" + "<b>x</b>"
    for text, a, b in quotes:
        units = text.encode("utf-16-le")
        n = len(units) // 2
        a, b = sorted((min(a, n), min(b, n)))
        items.append([text, a, b])
        def part(lo: int, hi: int | None, units: bytes = units) -> str:
            return units[2 * lo : None if hi is None else 2 * hi].decode("utf-16-le", "surrogatepass")

        expected += part(0, a) + "<mark>" + part(a, b) + "</mark>" + part(b, None)
    blob = {"s": shared, "p": [items], "mark": ["<mark>", "</mark>"]}
    assert popups_html(blob, ["TIP"]) == [expected]
