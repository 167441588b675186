"""Evaluation of geoparsing output against annotated documents (pure).

Both sides are documents ``{"id", "places": [{"start", "end", "lat"?, "lon"?, ...}]}``
(the output contract of ``geonews extract``). The report has:

- recognition precision, recall and F1, for exact spans and for overlapping
  spans (each gold span paired with at most one predicted span, largest
  overlaps first);
- resolution over the overlapping pairs where both sides have coordinates:
  accuracy within 161 km (or the gold place's own ``tolerance_km`` when
  larger, as for countries), median and mean error, and the area under the
  curve of log errors (0 is perfect, 1 is every point at the antipode);
- end-to-end accuracy over every gold place that has coordinates;
- resolution accuracy by type (the gold ``type`` or ``feature``, else the
  predicted ``feature``).

    >>> gold = {"d": [{"start": 0, "end": 5, "lat": 48.85, "lon": 2.35, "type": "city"},
    ...               {"start": 10, "end": 16, "lat": 46.0, "lon": 2.0}]}
    >>> pred = {"d": [{"start": 0, "end": 5, "lat": 48.86, "lon": 2.34}, {"start": 20, "end": 24}]}
    >>> r = evaluate(gold, pred)
    >>> (r.exact.f1, r.overlap.precision, r.acc161, r.end_to_end_acc161)
    (0.5, 0.5, 1.0, 0.5)
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from geonews.model import LatLon

__all__ = ["DEFAULT_TOLERANCE_KM", "PRF", "Report", "evaluate", "format_report", "report_to_dict"]

DEFAULT_TOLERANCE_KM = 161.0
_HALF_EARTH_KM = math.pi * 6371.0088

Place = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 from counts."""

    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Report:
    documents: int
    exact: PRF
    overlap: PRF
    errors_km: tuple[float, ...]
    hits: int
    gold_with_coords: int
    by_type: dict[str, tuple[int, int]] = field(default_factory=dict)  # type -> (hits, resolved)

    @property
    def acc161(self) -> float | None:
        return self.hits / len(self.errors_km) if self.errors_km else None

    @property
    def end_to_end_acc161(self) -> float | None:
        return self.hits / self.gold_with_coords if self.gold_with_coords else None

    @property
    def median_km(self) -> float | None:
        return statistics.median(self.errors_km) if self.errors_km else None

    @property
    def mean_km(self) -> float | None:
        return statistics.fmean(self.errors_km) if self.errors_km else None

    @property
    def auc(self) -> float | None:
        if not self.errors_km:
            return None
        scale = math.log1p(_HALF_EARTH_KM)
        return statistics.fmean(min(1.0, math.log1p(e) / scale) for e in self.errors_km)


def _coords(place: Place) -> LatLon | None:
    lat, lon = place.get("lat"), place.get("lon")
    if lat is None or lon is None:
        return None
    return LatLon(float(lat), float(lon))


def _overlap_pairs(gold: Sequence[Place], pred: Sequence[Place]) -> list[tuple[Place, Place]]:
    """One-to-one pairs of overlapping spans, largest overlaps first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                candidates.append((-overlap, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _neg, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], pred[pi]))
    return pairs


def evaluate(gold_docs: Mapping[str, Sequence[Place]], pred_docs: Mapping[str, Sequence[Place]]) -> Report:
    """Compare predicted places with gold places, document by document."""
    n_gold = n_pred = tp_exact = tp_overlap = hits = with_coords = 0
    errors: list[float] = []
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for doc_id, gold in gold_docs.items():
        pred = list(pred_docs.get(doc_id, ()))
        n_gold += len(gold)
        n_pred += len(pred)
        tp_exact += len({(g["start"], g["end"]) for g in gold} & {(p["start"], p["end"]) for p in pred})
        pairs = _overlap_pairs(gold, pred)
        tp_overlap += len(pairs)
        with_coords += sum(1 for g in gold if _coords(g) is not None)
        for g, p in pairs:
            g_point, p_point = _coords(g), _coords(p)
            if g_point is None or p_point is None:
                continue
            km = g_point.distance_km(p_point)
            hit = km <= max(DEFAULT_TOLERANCE_KM, float(g.get("tolerance_km") or 0.0))
            errors.append(km)
            hits += hit
            kind = str(g.get("type") or g.get("feature") or p.get("feature") or "unknown")
            by_type[kind][0] += hit
            by_type[kind][1] += 1
    return Report(
        documents=len(gold_docs),
        exact=PRF(tp_exact, n_pred, n_gold),
        overlap=PRF(tp_overlap, n_pred, n_gold),
        errors_km=tuple(errors),
        hits=hits,
        gold_with_coords=with_coords,
        by_type={k: (v[0], v[1]) for k, v in sorted(by_type.items())},
    )


def _f(x: float | None, spec: str = ".3f") -> str:
    return "-" if x is None else format(x, spec)


def format_report(report: Report) -> str:
    """The report as text for a terminal."""
    lines = [
        f"documents: {report.documents}, gold places: {report.exact.gold}, predicted: {report.exact.predicted}",
        f"recognition, exact spans:       P {_f(report.exact.precision)}  R {_f(report.exact.recall)}  "
        f"F1 {_f(report.exact.f1)}",
        f"recognition, overlapping spans: P {_f(report.overlap.precision)}  R {_f(report.overlap.recall)}  "
        f"F1 {_f(report.overlap.f1)}",
        f"resolution on {len(report.errors_km)} paired places: acc@161km {_f(report.acc161)}  "
        f"median {_f(report.median_km, '.1f')} km  mean {_f(report.mean_km, '.1f')} km  AUC {_f(report.auc)}",
        f"end to end, over {report.gold_with_coords} gold places with coordinates: "
        f"acc@161km {_f(report.end_to_end_acc161)}",
    ]
    if report.by_type:
        lines.append("by type (acc@161km, paired places):")
        width = max(len(k) for k in report.by_type)
        for kind, (hit, n) in report.by_type.items():
            lines.append(f"  {kind:<{width}}  {hit / n:.3f}  ({n})")
    return "\n".join(lines)


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as JSON-able data."""

    def prf(x: PRF) -> dict[str, float]:
        return {"precision": x.precision, "recall": x.recall, "f1": x.f1}

    return {
        "documents": report.documents,
        "gold_places": report.exact.gold,
        "predicted_places": report.exact.predicted,
        "recognition_exact": prf(report.exact),
        "recognition_overlap": prf(report.overlap),
        "resolved_pairs": len(report.errors_km),
        "acc161": report.acc161,
        "median_km": report.median_km,
        "mean_km": report.mean_km,
        "auc": report.auc,
        "gold_with_coords": report.gold_with_coords,
        "end_to_end_acc161": report.end_to_end_acc161,
        "by_type": {k: {"acc161": h / n, "places": n} for k, (h, n) in report.by_type.items()},
    }
