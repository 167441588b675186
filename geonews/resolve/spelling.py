"""Misspelt names of well-known places: "Bordaeux" for Bordeaux, "Milwaukkee" for Milwaukee.

News copy has typos, and a name the gazetteer lacks by one slip of the keyboard is most often a well-known
place. A name no reading of which is known is tried again with one letter dropped or two neighbouring letters
swapped (the slips that keep a word's letters); what such a spelling finds is kept only when it is one
prominent place (a country, a capital, a first-level region or a city of ``min_population`` people or more),
the same for every slip that finds something. The resolver then keeps it only when the article backs it (a
country, region or place of the article near it): "Kasindi", a town the gazetteer lacks, is one slip from
"kaindi", an alternate name of Kandy in Sri Lanka. Names shorter than :data:`MIN_LETTERS` letters and
acronyms are never respelt ("Eta" is no typo of "Etna"). Pure: the lookups go through the source passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from geonews.gazetteer.store import NameMatch

__all__ = ["MIN_LETTERS", "close_spellings", "slips"]

#: Shorter names are not respelt: too many short words are one slip from a place.
MIN_LETTERS = 5
#: Kinds of place a respelt name may find (plus settlements of the minimum population).
_PROMINENT = frozenset({"country", "capital", "admin1"})
_SETTLEMENTS = frozenset({"city", "town", "village", "capital"})
#: Name tiers that are no spelling to respell towards: transliterations, demonyms.
_WEAK = frozenset({"translit", "demonym"})


def slips(name: str) -> Iterator[str]:
    """The spellings one dropped letter or one swap of neighbouring letters away, in order, each once.

    >>> sorted(set(slips("Bordaeux")) & {"Bordeaux", "Bordaux", "Brdaeux"})
    ['Bordaux', 'Bordeaux', 'Brdaeux']
    >>> "Santa Fe" in set(slips("Santa Fee")), "Santa Fe" in set(slips("Santa Fe"))
    (True, False)
    """
    seen = {name}
    for i, char in enumerate(name):
        if char.isalpha():
            dropped = name[:i] + name[i + 1 :]
            if dropped not in seen and dropped.strip():
                seen.add(dropped)
                yield dropped
        if i + 1 < len(name) and char.isalpha() and name[i + 1].isalpha() and char != name[i + 1]:
            swapped = name[:i] + name[i + 1] + char + name[i + 2 :]
            if swapped not in seen:
                seen.add(swapped)
                yield swapped


def _prominent(match: NameMatch, min_population: int) -> bool:
    place = match.place
    return match.tier not in _WEAK and (
        place.feature in _PROMINENT or (place.feature in _SETTLEMENTS and place.population >= min_population)
    )


def close_spellings(
    lookup: Callable[[str], list[NameMatch]], name: str, *, min_population: int = 100_000,
    lookup_many: Callable[[list[str]], dict[str, list[NameMatch]]] | None = None,
) -> tuple[str, list[NameMatch]] | None:
    """The one prominent place a one-slip respelling of ``name`` finds, as (the spelling, its matches).

    ``lookup`` is a candidate source's lookup; ``lookup_many``, if the source has one, asks for every
    respelling at once. ``None`` when the name is too short, an acronym, or when no respelling or more than
    one place is found.

    >>> from geonews.model import LatLon, Place
    >>> bordeaux = Place("gn:1", "Bordeaux", LatLon(44.84, -0.58), "city", "FR", population=260_000)
    >>> bordes = Place("gn:2", "Bordes", LatLon(43.2, -0.3), "village", "FR", population=2_900)
    >>> names = {"Bordeaux": [NameMatch(bordeaux, "main", "Bordeaux")], "Bordes": [NameMatch(bordes, "main", "Bordes")]}
    >>> close_spellings(lambda n: names.get(n, []), "Bordaeux")[0]
    'Bordeaux'
    >>> close_spellings(lambda n: names.get(n, []), "Bordes") is None  # a name the gazetteer has is no typo
    True
    >>> close_spellings(lambda n: names.get(n, []), "BORDAEUX") is None  # capitals: an acronym, or a headline
    True
    >>> close_spellings(lambda n: names.get(n, []), "Bordess") is None  # only a small village one slip away
    True
    >>> close_spellings(lambda n: [], "Bordaeux", lookup_many=lambda ns: {n: names[n] for n in ns if n in names})[0]
    'Bordeaux'
    """
    letters = [c for c in name if c.isalpha()]
    if len(letters) < MIN_LETTERS or all(c.isupper() for c in letters) or lookup(name):
        return None
    found: dict[str, tuple[str, list[NameMatch]]] = {}
    spellings = list(slips(name))
    answers = lookup_many(spellings) if lookup_many is not None else {s: lookup(s) for s in spellings}
    for spelling in spellings:
        matches = [m for m in answers.get(spelling, ()) if _prominent(m, min_population)]
        for match in matches:
            found.setdefault(match.place.id, (spelling, []))[1].append(match)
    if len(found) != 1:
        return None
    return next(iter(found.values()))
