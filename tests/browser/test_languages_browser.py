"""The map's search box finds a place under its French and its English name."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def test_search_finds_a_place_under_its_english_name(offline_page, map_file: Path) -> None:  # type: ignore[no-untyped-def]
    offline_page.open(map_file)  # a French map: "Moscou" is shown
    page = offline_page.page
    box = page.locator("#gn-search")
    box.click()
    box.press_sequentially("moscow")
    results = page.locator("#gn-results .gn-place")
    results.first.wait_for(state="visible")
    assert results.all_inner_texts() == ["Moscou"]
    assert offline_page.page_errors == []
