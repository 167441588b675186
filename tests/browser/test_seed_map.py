"""The seed article's map, made by the real CLI, in a real browser with no network."""

from __future__ import annotations

from pathlib import Path

import pytest

from geonews.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "vostotchny-putin-kim.fr.txt"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def seed_map(full_gazetteer_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seedmap") / "seed.html"
    assert main(["-q", "--gazetteer", str(full_gazetteer_path), "--no-cache", "map", str(SEED), "-o", str(out)]) == 0
    return out


def test_seed_map_offline(offline_page, seed_map: Path) -> None:  # type: ignore[no-untyped-def]
    offline_page.open(seed_map)
    page = offline_page.page
    page.wait_for_function("document.querySelector('.geonews-offline') !== null")
    assert offline_page.page_errors == []
    if page.evaluate("navigator.onLine") is False:
        assert offline_page.console_errors == []
    names = page.locator("path.geonews-marker").evaluate_all("els => els.map(e => e.getAttribute('data-name'))")
    assert "Vladivostok" in names and "Stockholm" not in names
    assert len(names) == len(set(names)) >= 10  # one marker per place
    assert page.locator(".leaflet-geonews-basemap-pane path").count() > 100

    page.locator('path.geonews-marker[data-name="Vladivostok"]').click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert popup.locator("mark").first.inner_text() == "Vladivostok"
    assert "précédente visite à Vladivostok en 2019" in popup.inner_text()
    assert offline_page.page_errors == []
