"""ISO alpha-2 -> numeric table (from installed data) and country shapes of the embedded basemap."""

from __future__ import annotations

from geonews.render.areas import country_feature_index, iso_numeric
from geonews.render.map import load_basemap


def test_iso_numeric_table_is_derived_and_padded() -> None:
    table = iso_numeric()
    assert len(table) > 240
    assert table["RU"] == "643" and table["FR"] == "250" and table["US"] == "840" and table["AF"] == "004"
    assert all(len(v) == 3 and v.isdigit() for v in table.values())


def test_most_basemap_countries_are_reachable_by_code() -> None:
    world = load_basemap()
    ids = {f.get("id") for f in world["features"] if f.get("id")}
    codes = {v for v in iso_numeric().values()}
    assert len(ids & codes) >= len(ids) - 2


def test_country_feature_index_by_code_then_name() -> None:
    world = load_basemap()
    names = [f["properties"]["name"] for f in world["features"]]
    assert names[country_feature_index(world, "RU")] == "Russia"
    assert names[country_feature_index(world, "fr")] == "France"
    assert names[country_feature_index(world, "XK")] == "Kosovo"  # no numeric code: matched by name
    assert country_feature_index(world, None, names=("Somaliland",)) is not None
    assert country_feature_index(world, "ZZ", names=("Atlantis",)) is None
