"""Correcting a map in the browser, then mapping again with the downloaded corrections (issue 17)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from geonews.cli import main

pytestmark = pytest.mark.browser

TEXT = "Visite\nLe président est arrivé à Paris mardi, puis il a visité Vladivostok.\n"


@pytest.fixture
def mapper(tmp_path: Path, mini_gazetteer_path: Path, nlp: Any, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("geonews.extract.nlp.load_pipeline", lambda model="": nlp)
    article = tmp_path / "visite.txt"
    article.write_text(TEXT, encoding="utf-8")

    def run(out: Path, *extra: str) -> dict[str, Any]:
        code = main(["--gazetteer", str(mini_gazetteer_path), "--no-cache", "--cache-dir", str(tmp_path / "c"), "-q",
                     "map", str(article), "-o", str(out), *extra])
        assert code == 0
        page = out.read_text(encoding="utf-8")
        found = re.search(r'<script type="application/json" id="geonews-places">(.*?)</script>', page, re.S)
        assert found is not None
        places = json.loads(found.group(1))
        popups = re.search(r'<script type="application/json" id="geonews-popups">(.*?)</script>', page, re.S)
        assert popups is not None
        return {"names": places["name"], "lat": places["lat"], "popups": popups.group(1)}

    return run


def _correct(offline_page: Any, path: Path, act: Any, tmp_path: Path) -> tuple[list[dict[str, Any]], Path]:
    offline_page.open(path)
    page = offline_page.page
    page.locator('path.geonews-marker[data-name="Paris"]').dispatch_event("click")
    page.locator(".gn-fix").wait_for(state="visible")
    act(page)
    with page.expect_download() as info:
        page.locator(".gn-fix-save").click()
    saved = tmp_path / f"fixes-{len(list(tmp_path.glob('fixes-*')))}.jsonl"
    info.value.save_as(saved)
    assert offline_page.page_errors == []
    return [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines()], saved


def test_choose_a_runner_up_then_map_again(offline_page: Any, mapper: Any, tmp_path: Path) -> None:
    first = mapper(tmp_path / "before.html")
    assert "Paris" in first["names"] and 48.853 in first["lat"]

    def use_texas(page: Any) -> None:
        page.locator(".gn-fix-alt", has_text="Texas").first.click()
        page.locator(".gn-fix-save").wait_for(state="visible")
        moved = "Object.values(map_geonews._layers).filter(l => l.gnName === 'Paris').map(l => l.getLatLng().lat)"
        assert page.evaluate(moved) == [pytest.approx(33.661, abs=1e-3)]  # the marker moved to Texas at once
        assert "Corrigé" in page.locator(".gn-fixed").inner_text()  # its popup, open again, says so

    records, saved = _correct(offline_page, tmp_path / "before.html", use_texas, tmp_path)
    assert [(r["name"], r["place_id"], r["scope"]) for r in records] == [("Paris", "gn:4717560", "mention")]
    after = mapper(tmp_path / "after.html", "--corrections", str(saved))
    paris = [lat for name, lat in zip(after["names"], after["lat"], strict=True) if name == "Paris"]
    assert paris == [33.661]  # the chosen place; the old one is gone
    assert f"corrigé ({saved.name})" in after["popups"]  # the reason "corrected (FILE)", for French readers


def test_not_a_place_then_map_again(offline_page: Any, mapper: Any, tmp_path: Path) -> None:
    mapper(tmp_path / "before.html")
    records, saved = _correct(offline_page, tmp_path / "before.html",
                              lambda page: page.locator(".gn-fix-none").click(), tmp_path)
    assert records[0]["place_id"] is None and "lat" not in records[0]
    after = mapper(tmp_path / "after.html", "--corrections", str(saved))
    assert "Paris" not in after["names"] and "Vladivostok" in after["names"]


def test_put_it_here_then_map_again(offline_page: Any, mapper: Any, tmp_path: Path) -> None:
    mapper(tmp_path / "before.html")

    def here(page: Any) -> None:
        page.locator(".gn-fix-here").click()
        page.locator(".gn-fix-hint").wait_for(state="visible")
        box = page.locator(".folium-map").bounding_box()
        page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.6)
        page.locator(".gn-fix-save").wait_for(state="visible")

    records, saved = _correct(offline_page, tmp_path / "before.html", here, tmp_path)
    assert records[0]["place_id"] is None and isinstance(records[0]["lat"], float)
    after = mapper(tmp_path / "after.html", "--corrections", str(saved))
    paris = [lat for name, lat in zip(after["names"], after["lat"], strict=True) if name == "Paris"]
    assert paris == [round(records[0]["lat"], 4)] and paris != [48.853]
