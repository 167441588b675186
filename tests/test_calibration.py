"""The calibrated confidence (geonews.resolve.calibration) and its fit (scripts/calibrate.py)."""

from __future__ import annotations

import ast
import importlib.util
import json
import math
import random
from dataclasses import replace
from pathlib import Path

import pytest

from geonews.model import Candidate, LatLon, Mention, Place
from geonews.resolve.calibration import (
    FEATURE_NAMES,
    CalibrationModel,
    calibrated_confidence,
    confidence_features,
    load_model,
    same_place,
)

ROOT = Path(__file__).resolve().parent.parent


def _c(name: str, lat: float, lon: float, feature: str, cc: str | None, score: float, pop: int = 0) -> Candidate:
    return Candidate(Place(f"{name}-{feature}-{cc}-{lat}", name, LatLon(lat, lon), feature, cc, population=pop),
                     score, matched_name=name, name_tier="main", contributions=(("exact_name", 0.3, ""),))


def _m(text: str) -> Mention:
    return Mention("a", 0, len(text), text, text + ".", 0)


RAFAH_CITY = _c("Rafah", 31.30, 34.25, "city", "PS", 10.10, 126305)
RAFAH_REGION = _c("Rafah", 31.28, 34.26, "admin1", "PS", 10.09)
RAFAH_EG = _c("Rafah", 31.28, 34.24, "town", "EG", 4.86, 20000)
KIDAL_TOWN = _c("Kidal", 18.44, 1.41, "town", "ML", 6.14, 25617)
KIDAL_REGION = _c("Kidal", 19.50, 1.30, "admin1", "ML", 5.97)
KIDAL_ID = _c("Kidal", -7.90, 112.70, "village", "ID", 2.30)
PARIS = _c("Paris", 48.85, 2.35, "capital", "FR", 9.0, 2_138_551)
PARIS_TX = _c("Paris", 33.66, -95.56, "town", "US", 8.8, 25_171)


def test_a_town_and_its_namesake_region_do_not_split_the_mass() -> None:
    for town, region, far in ((RAFAH_CITY, RAFAH_REGION, RAFAH_EG), (KIDAL_TOWN, KIDAL_REGION, KIDAL_ID)):
        assert same_place(town.place, region.place)
        both = calibrated_confidence([town, region, far], _m(town.place.name))
        alone = calibrated_confidence([town, far], _m(town.place.name))
        assert both > 0.8
        assert abs(both - alone) < 0.01


def test_a_country_named_twice_is_not_halved() -> None:
    chad = _c("Tchad", 15.0, 19.0, "country", "TD", 11.0, 15_000_000)
    twin = replace(chad, place=replace(chad.place, id="other", point=LatLon(12.0, 17.0)), score=10.9)
    once = calibrated_confidence([chad], _m("Tchad"))
    twice = calibrated_confidence([chad, twin], _m("Tchad"))
    assert once > 0.9 and abs(once - twice) < 0.01


def test_two_real_places_do_split_it() -> None:
    assert not same_place(PARIS.place, PARIS_TX.place)
    close = calibrated_confidence([PARIS, PARIS_TX], _m("Paris"))
    clear = calibrated_confidence([PARIS, replace(PARIS_TX, score=2.0)], _m("Paris"))
    assert close < 0.8 < clear


def test_a_wider_gap_never_lowers_the_confidence() -> None:
    values = [calibrated_confidence([PARIS, replace(PARIS_TX, score=9.0 - gap)], _m("Paris"))
              for gap in (0.0, 0.5, 1, 2, 4, 8)]
    assert values == sorted(values)
    assert all(0.0 < v < 1.0 for v in values)


def test_no_candidate_no_confidence() -> None:
    assert calibrated_confidence([], _m("Nowhere")) == 0.0


def test_the_features_follow_their_names() -> None:
    f = confidence_features([KIDAL_TOWN, KIDAL_REGION, KIDAL_ID], replace(_m("Kidal"), label="GAZ"), repeats=3)
    assert len(f) == len(FEATURE_NAMES)
    named = dict(zip(FEATURE_NAMES, f, strict=True))
    assert named["kind_town"] == 1.0 and named["kind_admin1"] == 0.0
    assert named["gazetteer_rule"] == 1.0 and named["repeats"] == pytest.approx(math.log(3))
    assert named["candidates"] == pytest.approx(math.log(2))  # the town and its region are one place
    assert named["gap"] == pytest.approx(6.14 - 2.30)


def test_the_shipped_model_names_its_fit() -> None:
    data = json.loads((ROOT / "geonews" / "data" / "calibration.json").read_text(encoding="utf-8"))
    assert data["fit"]["date"] and data["fit"]["corpora"] and data["fit"]["command"]
    model = load_model()
    assert set(model.coefficients) <= set(FEATURE_NAMES)
    assert model.coefficients  # fitted, not the placeholder


def test_an_unknown_feature_in_a_model_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown feature"):
        CalibrationModel.from_mapping({"intercept": 0.0, "coefficients": {"sharee": 1.0}})


def test_the_runtime_needs_no_third_party_package() -> None:
    tree = ast.parse((ROOT / "geonews" / "resolve" / "calibration.py").read_text(encoding="utf-8"))
    imported = {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    imported |= {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert imported <= {"__future__", "functools", "json", "math", "collections", "dataclasses", "importlib",
                        "typing", "geonews"}


def _calibrate_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("calibrate_script", ROOT / "scripts" / "calibrate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_fit_recovers_a_known_logistic_model() -> None:
    script = _calibrate_script()
    rng = random.Random(7)
    sets: dict[str, list[tuple[list[float], bool, str]]] = {}
    for name in ("a", "b"):
        examples = []
        for _ in range(800):
            x = [0.0] * len(FEATURE_NAMES)
            x[FEATURE_NAMES.index("gap")] = rng.uniform(0, 10)
            p = 1 / (1 + math.exp(-(x[FEATURE_NAMES.index("gap")] - 3)))
            examples.append((x, rng.random() < p, "doc"))
        sets[name] = examples
    model = script.fit(sets, l2=0.01, features=("gap",))
    slope = model.coefficients["gap"] / model.scale["gap"]
    assert slope == pytest.approx(1.0, abs=0.25)
    figures = script.figures(model, sets["a"])
    assert figures["ece"] < 0.05 and figures["auroc"] > 0.8


def test_reasons_carry_their_sign() -> None:
    from geonews.gazetteer.store import NameMatch
    from geonews.model import AGAINST
    from geonews.resolve.scoring import Context, score_candidates

    far = NameMatch(Place("tx", "Paris", LatLon(33.66, -95.56), "town", "US", population=25_171), "main", "Paris")
    context = Context(anchors=(("Lyon", LatLon(45.76, 4.84)),))
    (ranked,) = score_candidates([far], query="Paris", hint=None, context=context)
    penalties = [(d, r) for name, d, r in ranked.contributions if name == "far_from_anchors"]
    assert penalties and penalties[0][0] < 0
    assert AGAINST + penalties[0][1] in ranked.reasons  # "against: far from every other place of the article"
    assert all(not r.startswith(AGAINST) for name, d, r in ranked.contributions if d >= 0)
    assert "town" in ranked.reasons  # reasons for it are unchanged
