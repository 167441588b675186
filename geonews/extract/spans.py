"""Pure rules that turn a recognised span into a toponym.

A named-entity span is often wider than the place name ("la France", "gare de
Khassan", "l'Est de la Russie") or a place name is announced by the words
before it ("au cosmodrome de Vostotchny"). :func:`refine_span` returns the
toponym's offsets and what the surrounding words say about it:

    >>> text = "reçu à la gare de Khassan, près de la frontière"
    >>> s = refine_span(text, 10, 25)
    >>> text[s.start:s.end], s.hint, s.trigger
    ('Khassan', 'station', 'gare de')
    >>> text = "dans l’Est de la Russie"
    >>> s = refine_span(text, 5, 23)
    >>> text[s.start:s.end], s.qualifier
    ('Russie', 'east')
    >>> text = "in the U.S. and in Paris."
    >>> [text[s.start:s.end] for s in (refine_span(text, 3, 11), refine_span(text, 19, 25))]
    ['U.S.', 'Paris']
    >>> text = "in Puge county of Sichuan province"
    >>> [(text[s.start:s.end], s.hint) for s in (refine_span(text, 3, 14), refine_span(text, 18, 34))]
    [('Puge', 'admin'), ('Sichuan', 'admin')]
    >>> text = "Pour la France, la visite"
    >>> s = refine_span(text, 5, 14)
    >>> text[s.start:s.end], s.hint
    ('France', None)

The invariant every rule keeps: ``start <= refined.start < refined.end <= end``
or, when the trigger lies *before* the span, the toponym offsets are the
span's own. Offsets always index the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geonews.lexicon import DE_OF, alternation, en, fr, prepositions

__all__ = ["DIRECTIONS", "DIRECTION_PREFIX", "FEATURE_CUES", "TRIGGERS", "RefinedSpan", "hint_after", "hint_before",
           "refine_span"]

_DE = DE_OF
_ARTICLE = prepositions((*fr.ARTICLES, *en.ARTICLES))

#: Generic words that announce a place and the feature they imply (French, then English). Their
#: toponym is the name after "de"; the generic word is kept as the trigger.
TRIGGERS: dict[str, str] = {**fr.TRIGGERS, **en.TRIGGERS}

#: Nouns before a name that make it a natural feature ("la crue du Gardon", "le fleuve Niger", "the waters of
#: the Dnieper") and the hint they give (French, then English). Read before a span only, never stripped.
FEATURE_CUES: dict[str, str] = {**fr.FEATURE_CUES, **en.FEATURE_CUES}

#: Direction words ("l'Est de la Russie", "the east of Russia") and the qualifier they give.
DIRECTIONS: dict[str, str] = {**fr.DIRECTIONS, **en.DIRECTIONS}

#: English capitalised direction words opening a name ("Far North Queensland", "Western Canada", "North London"):
#: when the gazetteer lacks the whole, the place is the name after them (French says "le nord de la France", read
#: by :data:`DIRECTIONS` above).
DIRECTION_PREFIX = re.compile(rf"(?:(?:{alternation(en.DIRECTION_PREFIXES)})(?:[^\S\n]+|-))+(?=[A-Z])")

_TRIGGER_ALT = "|".join(sorted((re.escape(t) for t in TRIGGERS), key=len, reverse=True))
_DIRECTION_ALT = "|".join(sorted((re.escape(d) for d in DIRECTIONS), key=len, reverse=True))

_LEADING_TRIGGER = re.compile(rf"^{_ARTICLE}?(?P<trigger>{_TRIGGER_ALT})\s+{_DE}{_ARTICLE}?", re.IGNORECASE)
_LEADING_DIRECTION = re.compile(
    rf"^{_ARTICLE}?(?P<dir>{_DIRECTION_ALT})\s+{_DE}{_ARTICLE}?", re.IGNORECASE
)
_LEADING_ARTICLE = re.compile(rf"^{_ARTICLE}", re.IGNORECASE)
#: A lower-case preposition a recogniser kept in the span ("de France", "du Jura", "à Berne"); lower
#: case only, so "Des Moines" and "De Aar" keep their first word.
_LEADING_PREPOSITION = re.compile("^" + prepositions((*fr.DE, *fr.LEADING_PREPOSITIONS)))
_TRIGGER_BEFORE = re.compile(rf"(?P<trigger>\b(?:{_TRIGGER_ALT}))\s+{_DE}{_ARTICLE}?$", re.IGNORECASE)
#: A name ending in a dotted abbreviation in capitals: "U.S.", "Washington, D.C." (not "Paris.").
_CUE_ALT = alternation(FEATURE_CUES)
#: A cue noun just before a name, with or without "de" ("rivière Oust", "crue de l'Oust"). Capitalised only
#: with "de" (a title's "Crue de l'Oust"): "Mont Blanc" and "Mer Morte" are names, not cue and name. Never across a
#: line break: a title ending in "waters" does not make the next paragraph's first name water.
_CUE_BEFORE = re.compile(rf"(?<![\w-])(?P<trigger>{_CUE_ALT})[^\S\n]+(?P<de>{_DE}{_ARTICLE}?)?$", re.IGNORECASE)
_DOTTED_END = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}$")
#: A short press abbreviation of a state after a town and a comma keeps its dot too ("COLUMBUS, Ga.").
_STATE_DOT = re.compile(r"[A-Z][a-z]{1,2}\.")
_AFTER_TOWN = re.compile(r"[A-Z][\w'’.-]*,[ \t]*$")
#: A lower-case English designator closing a span after a capitalised name: "Sichuan province", "Puge county".
_DESIGNATOR_END = re.compile(
    rf"(?:^|\s)[A-Z][\w'’.-]*(?P<space>[^\S\n]+)(?P<designator>{alternation(en.DESIGNATORS)})$")
_TRAILING = re.compile(r"[\s,.;:!?»«\"“”()'’-]+$")


@dataclass(frozen=True, slots=True)
class RefinedSpan:
    """The toponym inside (or announced before) a recognised span."""

    start: int
    end: int
    hint: str | None = None
    trigger: str | None = None
    qualifier: str | None = None


def hint_before(text: str, start: int) -> tuple[str, str] | None:
    """The trigger phrase just before ``start`` and its hint, if any.

    >>> hint_before("au cosmodrome de Vostotchny", 17)
    ('cosmodrome de', 'spaceport')
    >>> hint_before("la crue de l'Oust", 13), hint_before("le fleuve Niger", 10)
    (("crue de l'", 'river'), ('fleuve', 'river'))
    >>> hint_before("le mont Cameroun", 8), hint_before("the waters of the Dnieper", 18)
    (('mont', 'mountain'), ('waters of the', 'water'))
    >>> hint_before("Le Mont Blanc", 8) is None, hint_before("Crue de l'Oust", 10)
    (True, ("Crue de l'", 'river'))
    """
    window = text[max(0, start - 40) : start]
    m = _TRIGGER_BEFORE.search(window)
    if m is not None:
        return window[m.start("trigger") :].strip(), TRIGGERS[m.group("trigger").lower()]
    m = _CUE_BEFORE.search(window)
    if m is not None and (m.group("trigger").islower() or m.group("de")):
        return window[m.start("trigger") :].strip(), FEATURE_CUES[m.group("trigger").lower()]
    return None


#: English head words *after* a name that make it a region: "Washington state", "the Ontario
#: province", "New York Gov. Andrew Cuomo" (only a state or province has a governor). Lower-case
#: "state"/"province" only: "Washington State University" is an institution, not a hint.
_TRIGGER_AFTER = re.compile(rf"^(?:['’]s)?\s+(?P<trigger>{alternation(en.TRIGGERS_AFTER)})(?![\w-])")


def hint_after(text: str, end: int) -> tuple[str, str] | None:
    """The head word just after a name that says it is a region, if any.

    >>> hint_after("a Washington state farm", 12)
    ('state', 'admin')
    >>> hint_after("New York Gov. Andrew Cuomo", 8)
    ('Gov.', 'admin')
    >>> hint_after("at Washington State University", 13) is None
    True
    """
    m = _TRIGGER_AFTER.match(text[end : end + 20])
    if m is None:
        return None
    return m.group("trigger"), "admin"


#: How far before and after a span :func:`refine_span` reads (an abbreviation's town, a trigger, a head word).
_READS_BEFORE, _READS_AFTER = 60, 20


def refine_span(text: str, start: int, end: int) -> RefinedSpan:
    """Strip articles, generic triggers and direction words from ``text[start:end]``.

    It reads only the span and a few words around it, and several rules ask again for the same span: the
    answers for the last spans are kept, by those few words (never the whole text: no article is held).

    >>> text = "Il vit au cosmodrome de Vostotchny, en Russie."
    >>> refine_span(text, 10, 34) == refine_span(text, 10, 34) == RefinedSpan(24, 34, "spaceport", "cosmodrome de")
    True
    """
    lo, hi = max(0, start - _READS_BEFORE), min(len(text), end + _READS_AFTER)
    found = _refine_around(text[lo:hi], start - lo, end - lo)
    return RefinedSpan(found.start + lo, found.end + lo, found.hint, found.trigger, found.qualifier)


@lru_cache(maxsize=1 << 12)
def _refine_around(text: str, start: int, end: int) -> RefinedSpan:
    """:func:`refine_span` on the words around a span (``text`` is that window)."""
    span = text[start:end]
    trail = _TRAILING.search(span)
    if trail and trail.start() > 0:
        # the dot of a dotted abbreviation is part of it ("the U.S." is "U.S.", not "U.S")
        keep = 1 if span[trail.start()] == "." and _DOTTED_END.search(span, 0, trail.start() + 1) else 0
        if (span[trail.start()] == "." and _STATE_DOT.fullmatch(span, 0, trail.start() + 1)
                and _AFTER_TOWN.search(text[max(0, start - 60):start])):
            keep = 1
        end = start + trail.start() + keep
        span = text[start:end]
    hint = trigger = qualifier = None
    designator = _DESIGNATOR_END.search(span)
    if designator is not None:  # "Sichuan province": the name is the place, the designator its kind
        end = start + designator.start("space")
        span = text[start:end]
    offset = 0
    while True:
        rest = span[offset:]
        m = _LEADING_DIRECTION.match(rest)
        if m and m.end() < len(rest) and qualifier is None:
            qualifier = DIRECTIONS[m.group("dir").lower()]
            offset += m.end()
            continue
        m = _LEADING_TRIGGER.match(rest)
        if m and m.end() < len(rest) and trigger is None:
            trigger = rest[: m.end()].strip()
            hint = TRIGGERS[m.group("trigger").lower()]
            offset += m.end()
            continue
        m = _LEADING_ARTICLE.match(rest) or _LEADING_PREPOSITION.match(rest)
        if m and m.end() < len(rest):
            offset += m.end()
            continue
        break
    new_start = start + offset
    if trigger is None and designator is not None:
        trigger, hint = designator.group("designator"), en.DESIGNATORS[designator.group("designator")]
    if trigger is None:
        around = hint_before(text, new_start) or hint_after(text, end)
        if around is not None:
            trigger, hint = around
    return RefinedSpan(new_start, end, hint, trigger, qualifier)
