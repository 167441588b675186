"""Entity label schemes: what a recogniser's labels mean, whatever the language of the text.

spaCy's French models are trained on WikiNER (``PER``, ``LOC``, ``ORG``, ``MISC``);
its English models on OntoNotes (``PERSON``, ``GPE``, ``LOC``, ``FAC``, ``NORP``,
``ORG``…). geonews reads labels through the scheme of the model that gave them,
so an English model on English text and a French model on English text (the
fallback when no English model is installed) each get the right meaning.

    >>> scheme_of(["LOC", "MISC", "ORG", "PER"]).name
    'wikiner'
    >>> s = scheme_of(["CARDINAL", "GPE", "PERSON", "FAC", "ORG"])
    >>> s.name, "FAC" in s.places, "PERSON" in s.persons
    ('ontonotes', True, True)
    >>> scheme_of([]).name  # no entity at all: the French model's scheme (today's default)
    'wikiner'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["ONTONOTES", "SCHEMES", "WIKINER", "LabelScheme", "scheme_of"]


@dataclass(frozen=True, slots=True)
class LabelScheme:
    """The meaning of one scheme's labels for geonews."""

    name: str
    #: labels taken as places as they are (OntoNotes' FAC too: buildings, airports, bridges, roads, as the
    #: gazetteer's buildings and landmarks are places)
    places: frozenset[str]
    #: labels kept only when a generic place word starts them ("cosmodrome de Vostotchny" is MISC)
    triggered: frozenset[str]
    #: person names: never a place, and the gazetteer ruler keeps out of them
    persons: frozenset[str]
    #: besides persons, the entities that keep the gazetteer ruler out when the model reads its own language
    blocking: frozenset[str]
    #: labels only this scheme has (how an entity list tells its scheme)
    own: frozenset[str]
    #: nationalities, religions and political groups: a mention of kind adjective when the gazetteer knows
    #: the name as a demonym ("Turkish", "Russians"), else nothing
    demonyms: frozenset[str] = frozenset()


WIKINER = LabelScheme(
    name="wikiner",
    places=frozenset({"LOC"}),
    triggered=frozenset({"MISC", "ORG"}),
    persons=frozenset({"PER"}),
    blocking=frozenset({"ORG", "MISC"}),
    own=frozenset({"PER", "MISC"}),
)

ONTONOTES = LabelScheme(
    name="ontonotes",
    places=frozenset({"GPE", "LOC", "FAC"}),
    triggered=frozenset({"ORG"}),
    persons=frozenset({"PERSON"}),
    blocking=frozenset(),
    own=frozenset({
        "PERSON", "GPE", "FAC", "NORP", "EVENT", "PRODUCT", "LAW", "LANGUAGE", "WORK_OF_ART", "DATE", "TIME",
        "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
    }),
    demonyms=frozenset({"NORP"}),
)

SCHEMES = (WIKINER, ONTONOTES)


def scheme_of(labels: Iterable[str]) -> LabelScheme:
    """The scheme whose own labels appear among ``labels`` (a model's label set or one text's entities).

    WikiNER when none tells (its labels ``LOC`` and ``ORG`` are OntoNotes' too).
    """
    seen = set(labels)
    for scheme in SCHEMES:
        if scheme is not WIKINER and seen & scheme.own:
            return scheme
    return WIKINER
