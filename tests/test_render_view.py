"""The first view of a map: the story's own places, not every country it names."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from geonews.model import LatLon
from geonews.render.view import ViewPoint, story_bounds, story_max_zoom

GARD = [ViewPoint(LatLon(43.84, 4.36), "town", 3), ViewPoint(LatLon(44.13, 4.08), "town"),
        ViewPoint(LatLon(43.96, 4.21), "village"), ViewPoint(LatLon(44.0, 4.2), "admin2", 2)]
FRANCE = ViewPoint(LatLon(46.0, 2.0), "country", 2)
PARIS_ACTOR = ViewPoint(LatLon(48.85, 2.35), "capital", metonymic=True)


def test_a_local_story_is_framed_without_its_country_and_actors() -> None:
    (south, west), (north, east) = story_bounds([*GARD, FRANCE, PARIS_ACTOR])  # type: ignore[misc]
    assert (south, west, north, east) == (43.84, 4.08, 44.13, 4.36)
    assert story_max_zoom(GARD) == 9


def test_a_story_over_two_continents_stays_whole() -> None:
    lyon, osaka = ViewPoint(LatLon(45.76, 4.84), "city"), ViewPoint(LatLon(34.69, 135.5), "city")
    assert story_bounds([lyon, osaka, FRANCE]) == ((34.69, 4.84), (45.76, 135.5))  # the country's point left out


def test_countries_alone_are_framed_and_kept_far() -> None:
    japan = ViewPoint(LatLon(36.0, 138.0), "country")
    assert story_bounds([FRANCE, japan]) == ((36.0, 2.0), (46.0, 138.0))
    assert story_max_zoom([FRANCE, japan]) == 4


def test_a_heavy_actor_does_not_beat_the_places_it_acts_on() -> None:
    washington = ViewPoint(LatLon(38.9, -77.0), "capital", 5, metonymic=True)
    assert story_bounds([*GARD, washington]) == ((43.84, 4.08), (44.13, 4.36))


points = st.builds(
    ViewPoint,
    st.builds(LatLon, st.floats(-80, 80), st.floats(-179, 179)),
    st.sampled_from(["town", "city", "country", "admin1", "capital"]),
    st.integers(1, 5),
    st.booleans(),
)


@given(st.lists(points, min_size=1, max_size=30))
def test_the_view_holds_a_place_and_stays_within_them_all(pts: list[ViewPoint]) -> None:
    bounds = story_bounds(pts)
    assert bounds is not None
    (south, west), (north, east) = bounds
    assert south <= north and west <= east
    assert min(p.point.lat for p in pts) <= south and north <= max(p.point.lat for p in pts)
    assert any(south <= p.point.lat <= north and west <= p.point.lon <= east for p in pts)
