"""Model <-> JSON-able dicts (geonews.serialize)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geonews.errors import InvalidCoordinateError
from geonews.model import FEATURES, Candidate, LatLon, Mention, Place, Resolution
from geonews.serialize import (
    candidate_from_dict,
    candidate_to_dict,
    mention_from_dict,
    mention_to_dict,
    place_from_dict,
    place_to_dict,
    resolution_from_dict,
    resolution_to_dict,
)

opt_text = st.none() | st.text(max_size=20)

places = st.builds(
    Place,
    id=st.text(min_size=1, max_size=20),
    name=st.text(min_size=1, max_size=40),
    point=st.builds(
        LatLon,
        st.floats(min_value=-90, max_value=90, allow_nan=False),
        st.floats(min_value=-180, max_value=180, allow_nan=False),
    ),
    feature=st.sampled_from(sorted(FEATURES)),
    country_code=st.none() | st.text(min_size=2, max_size=2),
    admin1=opt_text,
    population=st.integers(min_value=0, max_value=40_000_000),
    geonameid=st.none() | st.integers(min_value=1, max_value=20_000_000),
    source=st.sampled_from(["geonames", "supplement", "nominatim"]),
    name_fr=opt_text,
    name_en=opt_text,
)

mentions = st.builds(
    Mention,
    article_id=st.text(min_size=1, max_size=10),
    start=st.integers(min_value=0, max_value=10_000),
    end=st.integers(min_value=0, max_value=10_000),
    text=st.text(max_size=20),
    sentence=st.text(max_size=80),
    sentence_start=st.integers(min_value=0, max_value=10_000),
    label=st.sampled_from(["LOC", "GPE", "GOLD"]),
    hint=opt_text,
    trigger=opt_text,
    qualifier=st.none() | st.sampled_from(["north", "east", "south", "west"]),
)

scores = st.floats(min_value=-10, max_value=10, allow_nan=False)
reasons = st.lists(st.text(max_size=10), max_size=3).map(tuple)
candidates = st.builds(
    Candidate,
    place=places,
    score=scores,
    matched_name=st.text(max_size=10),
    name_tier=st.sampled_from(["main", "alt", "fr"]),
    reasons=reasons,
)
resolutions = st.builds(
    Resolution,
    mention=mentions,
    place=st.none() | places,
    score=scores,
    confidence=st.floats(min_value=0, max_value=1),
    reasons=reasons,
    alternatives=st.lists(candidates, max_size=3).map(tuple),
    metonymic=st.booleans(),
)


def no_none_anywhere(value: object) -> bool:
    if isinstance(value, dict):
        return all(v is not None and no_none_anywhere(v) for v in value.values())
    if isinstance(value, list):
        return all(no_none_anywhere(v) for v in value)
    return True


@given(places)
def test_place_round_trip(place: Place) -> None:
    d = place_to_dict(place)
    assert d["lat"] == place.point.lat and d["lon"] == place.point.lon
    assert "point" not in d
    assert no_none_anywhere(d)
    assert place_from_dict(json.loads(json.dumps(d))) == place


@given(candidates)
def test_candidate_round_trip(candidate: Candidate) -> None:
    d = candidate_to_dict(candidate)
    assert no_none_anywhere(d)
    assert candidate_from_dict(json.loads(json.dumps(d))) == candidate


@given(mentions)
def test_mention_round_trip(mention: Mention) -> None:
    d = mention_to_dict(mention)
    assert no_none_anywhere(d)
    assert mention_from_dict(json.loads(json.dumps(d))) == mention


@given(resolutions)
def test_resolution_round_trip(res: Resolution) -> None:
    d = resolution_to_dict(res, alternatives=3)
    assert no_none_anywhere(d)
    assert ("place" in d) == (res.place is not None)
    assert resolution_from_dict(json.loads(json.dumps(d))) == res


def test_resolution_alternatives_limited() -> None:
    p = Place(id="p", name="P", point=LatLon(1.0, 2.0), feature="city")
    m = Mention("a", 0, 1, "P", "P", 0)
    res = Resolution(m, p, alternatives=tuple(Candidate(p, float(i)) for i in range(5)))
    assert len(resolution_to_dict(res)["alternatives"]) == 3
    assert len(resolution_to_dict(res, alternatives=1)["alternatives"]) == 1
    assert resolution_to_dict(res, alternatives=0)["alternatives"] == []


def test_place_dict_defaults() -> None:
    p = place_from_dict({"id": "x", "name": "Lyon", "lat": 45.75, "lon": 4.85, "feature": "city"})
    assert (p.population, p.source, p.geonameid) == (0, "geonames", None)


@pytest.mark.parametrize(
    "bad",
    [
        {"name": "Lyon", "lat": 45.75, "lon": 4.85, "feature": "city"},
        {"id": "x", "name": "Lyon", "lat": "45.75", "lon": 4.85, "feature": "city"},
        {"id": "x", "name": "Lyon", "lat": True, "lon": 4.85, "feature": "city"},
        {"id": "x", "name": "Lyon", "lat": 45.75, "lon": 4.85, "feature": "city", "geonameid": "1"},
    ],
)
def test_place_from_bad_dict(bad: dict) -> None:
    with pytest.raises(ValueError):
        place_from_dict(bad)


def test_place_from_dict_bad_coordinates() -> None:
    with pytest.raises(InvalidCoordinateError):
        place_from_dict({"id": "x", "name": "Nowhere", "lat": 10.0, "lon": 200.0, "feature": "city"})
