"""Each recognition rule alone, on its pass and fail cases (tests/rules/<rule>.json).

A case file names the rule, the other rules it needs (``with``: a drop rule needs a
rule that proposes spans) and its cases: text, recogniser entities (surface, label,
in order), a small gazetteer (name: [feature, country, population, tier]), the
article language, and the places expected (``"text (kind)"`` for a mention that is not
a place). Every other rule is off.

- a ``pass`` case gives ``places`` with the rule on, and something else with it off:
  the rule does the work;
- a ``fail`` case gives ``places`` with the rule on and off: the rule does not misfire.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from geonews.extract.mentions import mentions_from_entities
from geonews.extract.rules import PHASES, RULES, Rules, TraceEvent, check_rule_names, format_rules, list_rules
from geonews.gazetteer.normalize import normalize_name
from geonews.gazetteer.store import NameMatch
from geonews.model import Article, LatLon, Place
from geonews.resolve.features import list_features

CASES = Path(__file__).parent / "rules"
ROOT = Path(__file__).resolve().parents[1]


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def _lookup(gazetteer: dict[str, list[Any]]) -> Any:
    table: dict[str, list[NameMatch]] = {}
    for name, (feature, cc, population, tier) in gazetteer.items():
        place = Place(f"t:{name}", name, LatLon(0.0, 0.0), feature, cc, population=population)
        table.setdefault(normalize_name(name), []).append(NameMatch(place, tier, name))
    return lambda surface: table.get(normalize_name(surface), [])


def _run(case: dict[str, Any], enabled: frozenset[str], trace: list[TraceEvent] | None = None) -> list[str]:
    text = case["text"]
    entities, pos = [], 0
    for surface, label in case["entities"]:
        start = text.index(surface, pos)
        entities.append((start, start + len(surface), label))
        pos = start + len(surface)
    article = Article(id="t", text=text, lang=case.get("lang", "fr"))
    mentions = mentions_from_entities(article, entities, lookup=_lookup(case.get("gazetteer", {})),
                                      disabled=frozenset(RULES) - enabled, trace=trace)
    return [m.text if m.kind == "place" else f"{m.text} ({m.kind})" for m in mentions]


def _cases() -> list[Any]:
    out = []
    for path in sorted(CASES.glob("*.json")):
        data = _load(path.stem)
        for kind in ("pass", "fail"):
            for i in range(len(data[kind])):
                out.append(pytest.param(path.stem, kind, i, id=f"{path.stem}-{kind}-{i}"))
    return out


def test_every_rule_has_pass_and_fail_cases() -> None:
    names = {p.stem for p in CASES.glob("*.json")}
    assert names == set(RULES)
    for name in names:
        data = _load(name)
        assert data["rule"] == name and data["pass"] and data["fail"], name
        check_rule_names(data["with"])


@pytest.mark.parametrize(("rule", "kind", "index"), _cases())
def test_rule_alone(rule: str, kind: str, index: int) -> None:
    data = _load(rule)
    case = data[kind][index]
    base = frozenset(data["with"])
    trace: list[TraceEvent] = []
    on = _run(case, base | {rule}, trace)
    off = _run(case, base)
    assert on == case["places"], (on, trace)
    if kind == "pass":
        assert off != on, f"{rule} changed nothing: {off}"
        assert any(e.rule == rule for e in trace) or rule in ("toponym_narrowing", "ner_places"), trace
    else:
        assert off == on, f"{rule} misfired: {on} against {off}"


def test_every_rule_is_described_and_documented() -> None:
    docs = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in list_rules():
        assert rule.phase in PHASES and rule.languages <= {"fr", "en"} and rule.languages
        assert rule.description.endswith((".", ")")) and rule.text_class, rule.name
        assert f"`{rule.name}`" in docs, f"docs/rules.md does not document {rule.name}"
    assert docs == rules_markdown(), "docs/rules.md is out of date: python3 -m tests.test_rules > docs/rules.md"


def rules_markdown() -> str:
    """docs/rules.md, made from the registry."""
    lines = [
        "# Recognition rules and ranking features",
        "",
        "Generated from `geonews.extract.rules.RULES` (`python3 -m tests.test_rules > docs/rules.md`; a test",
        "keeps it up to date). Each rule can be switched off with `--disable-rule NAME` or",
        "`disabled_rules = [...]` under `[rules]` in geonews.toml; `geonews explain TEXT` shows which",
        "rules proposed, refined or dropped each span. Its pass and fail cases, run with the rule alone,",
        "are in `tests/rules/NAME.json`; the ablation figures are in docs/accuracy.md.",
        "",
        "| rule | phase | languages | text class | what it does | where |",
        "|---|---|---|---|---|---|",
    ]
    for r in list_rules():
        langs = ", ".join(x for x in ("fr", "en") if x in r.languages)
        lines.append(f"| `{r.name}` | {r.phase} | {langs} | {r.text_class} | {r.description.replace('|', '/')} "
                     f"| `{r.where}` |")
    lines += [
        "",
        "## Ranking features",
        "",
        "Generated from `geonews.resolve.features.FEATURES` and `STEPS`. A candidate's score is the sum of",
        "the features that fire, each adding a reason (shown in popups); the steps then adjust the",
        "ranking. Each can be switched off with `disabled = [...]` under `[scoring]` in geonews.toml, and",
        "its weights set there by name (`geonews.resolve.weights.ScoringWeights`); `geonews explain TEXT`",
        "shows every feature's contribution to each candidate.",
        "",
        "| feature | kind | what it does | weights |",
        "|---|---|---|---|",
    ]
    for f in list_features():
        weights = ", ".join(f"`{w}`" for w in f.weights)
        lines.append(f"| `{f.name}` | {f.kind} | {f.description.replace('|', '/')} | {weights} |")
    return "\n".join(lines) + "\n"


def test_every_ranking_feature_is_described_and_documented() -> None:
    docs = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for feature in list_features():
        assert feature.description.strip(), feature.name
        assert f"`{feature.name}`" in docs, f"docs/rules.md does not document {feature.name}"


def test_unknown_rule_names_are_refused_with_the_valid_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown rule 'venue' \(valid: venues, ner_places"):
        check_rule_names(["venue"])


def test_rules_apply_only_to_their_languages() -> None:
    assert not Rules(frozenset(), "en").on("venues") and Rules(frozenset(), "fr").on("venues")
    assert Rules(frozenset(), "en").on("english_lone_persons") and not Rules(frozenset(), "fr").on(
        "english_lone_persons")


def test_format_rules_marks_disabled_rules() -> None:
    lines = format_rules({"venues"}).splitlines()
    assert len(lines) == len(RULES)
    assert re.match(r"venues +propose \(off\) +fr +OCR listings", lines[0])
    assert "(off)" not in "".join(lines[1:])


def test_modern_sports_fixture_is_no_place_but_a_listing_has_venues() -> None:
    lookup = _lookup({"OM": ["city", "FR", 30000, "main"]})
    sport = Article(id="s", text="Ligue 1 : PSG - OM, 21 h, au Parc des Princes. Le match est complet.", lang="fr")
    assert [m.text for m in mentions_from_entities(sport, [], lookup=lookup)] == []
    listing = Article(id="l", text="SPECTACLES. OM, 8 h. 30, Mélo. GYMNASE, 9 h., Lakmé.", lang="fr")
    assert [(m.text, m.label) for m in mentions_from_entities(listing, [], lookup=lookup)] == [
        ("OM", "VENUE"), ("GYMNASE", "VENUE")]


def test_trace_is_empty_unless_asked_and_names_known_rules() -> None:
    data = _load("codes_dropped")
    trace: list[TraceEvent] = []
    _run(data["pass"][0], frozenset(RULES), trace)
    assert {e.rule for e in trace} <= set(RULES) and {e.action for e in trace} <= {"proposed", "refined", "dropped"}
    assert any(e.rule == "codes_dropped" and e.action == "dropped" and e.text == "R-4" for e in trace)


if __name__ == "__main__":
    print(rules_markdown(), end="")
