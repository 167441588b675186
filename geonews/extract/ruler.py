"""The gazetteer-backed ruler: place names the recogniser missed, and what it got wrong.

Pure functions over the text; the gazetteer is reached through a ``lookup``
callable (name -> matches) so that tests pass a dictionary and the pipeline
passes the cached candidate source.

- :func:`name_spans` proposes capitalised or upper-case name sequences
  ("Rostov-sur-le-Don", "PETROGRAD", "Saint-Gall");
- :func:`ruler_spans` keeps those the gazetteer knows as *notable* places
  (countries, regions, capitals, cities of 20,000 people or more, curated
  features), outside every recognised entity;
- :func:`classify` tells a place from an adjective or demonym ("Américains")
  and from a capitalised common noun ("l'Etat").

    >>> text = "Les délégués de PETROGRAD et de Rostov-sur-le-Don sont à Berne."
    >>> [text[a:b] for a, b in name_spans(text)]
    ['Les', 'PETROGRAD', 'Rostov-sur-le-Don', 'Berne']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from geonews.extract.intervals import SpanSet
from geonews.extract.rules import Rules, TraceEvent
from geonews.gazetteer.normalize import normalize_name, stop_word_keys
from geonews.gazetteer.store import NameMatch
from geonews.lexicon import DE_OF, alternation, en, fr, ocr, prepositions, press

__all__ = [
    "GENERIC_NOUNS",
    "INSTITUTIONS",
    "LISTING_MIN_ENTRIES",
    "NOTABLE_FEATURES",
    "PLACE_OF",
    "PLACE_OF_MODERN",
    "PLACE_OF_OCR",
    "STREET",
    "VENUE",
    "after_person_title",
    "classify",
    "common_word",
    "cued_spans",
    "is_notable",
    "is_sure",
    "name_spans",
    "opens_segment",
    "organisation_name",
    "public_body_head",
    "region_abbreviation",
    "road_spans",
    "ruler_spans",
    "street_spans",
    "surnames",
    "venue_spans"
]

Lookup = Callable[[str], Sequence[NameMatch]]

_UPPER = "A-ZÀ-ÖØ-ÞŒ"
_WORD = rf"[{_UPPER}][\w'’]*(?:(?:-|{ocr.LINE_BREAK}\s?)[\w'’]+)*"  # an OCR line break inside the word ("Alle¬magne")
_WORD_NO_BREAK = rf"[{_UPPER}][\w'’]*(?:-[\w'’]+)*"  # the rule ocr_line_breaks off
_CONNECTORS = alternation((*fr.NAME_CONNECTORS, *press.NAME_CONNECTORS, *en.NAME_CONNECTORS))
#: Name words joined by the connectors French and English place names use.
_NAME_SEQ = re.compile(
    rf"{_WORD}(?:(?:\s+|\s+(?:{_CONNECTORS})\s+|\s+d['’]|-){_WORD})*"
)
_NAME_SEQ_NO_BREAK = re.compile(rf"{_WORD_NO_BREAK}(?:(?:\s+|\s+(?:{_CONNECTORS})\s+|\s+d['’]|-){_WORD_NO_BREAK})*")

#: Feature types notable enough to be taken from the gazetteer alone.
NOTABLE_FEATURES = frozenset(
    {
        "continent", "country", "admin1", "region", "capital", "sea", "strait", "gulf", "river", "lake",
        "mountain_range", "mountain", "desert", "peninsula", "island", "valley", "spaceport", "plant",
        "building", "landmark", "military_base",
    }
)
#: Cities below this population are only taken when the recogniser found them.
NOTABLE_POPULATION = 20_000
#: Capitalised words that name a kind of place or institution, not a place, when they stand alone.
GENERIC_NOUNS = frozenset(normalize_name(w) for w in (*fr.GENERIC_NOUNS, *en.GENERIC_NOUNS))
#: Words that open the name of an institution: "Conseil général de Neuchâtel" is not a place.
INSTITUTIONS = re.compile(rf"^(?:Grand[- ])?(?:{alternation((*fr.INSTITUTIONS, *en.INSTITUTIONS))})\b", re.IGNORECASE)
_ROMAN = re.compile(r"^(?:[IVXLCDM]+|[IVXLC]+(?:e|er|ème))$")  # "II", and centuries: "XXe", "Xe"
#: A generic noun and lower-case words only: "État américain", "Etat-clé", "États de l'UE".
_GENERIC_PHRASE = re.compile(r"^(?P<head>[^\W\d_]+)(?:[\s-]+[a-zà-ÿ][\w'’]*)+$")
#: A title or honorific opening a name: "Dr Haydar Frangoul", "Premier ministre Hamdok".
_TITLE_FIRST = re.compile(rf"^(?:(?:{alternation(press.HONORIFICS)})\.?|(?:premier\s+)?"
                          rf"(?:{alternation(fr.PERSON_TITLES)}))\s+(?-i:[A-ZÀ-Ý])", re.IGNORECASE)


#: A dotted abbreviation in capitals: "U.S.", "B.C.", "N.Y." (not after a number: "500 B.C.").
_DOTTED = re.compile(r"(?<![\w.])(?<!\d\s)(?:[A-Z]\.){2,}(?![\w-])")
#: What an abbreviation of a country or region looks like: dotted, or two or three capitals.
_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,3}")
#: A press abbreviation of a state or province, its dot after it: "Ga.", "Pa.", "Ala.", "Calif." (rule
#: ``state_abbreviations``).
_STATE_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,4}")
#: What comes before it: a capitalised name and a comma ("COLUMBUS, Ga.", "Phenix City, Ala.").
_AFTER_TOWN = re.compile(r"[A-Z][\w'’.-]*,[ \t]*$")


def state_abbreviation(text: str, start: int, end: int, lookup: Lookup) -> int | None:
    """The end (its dot included) of the abbreviation of a state or province ``text[start:end]`` after a town and a
    comma, or ``None``.

    Wire copy places a town in its state so ("COLUMBUS, Ga. -", "Phenix City, Ala."). Such keys are
    short ("Ga"): the dot, the town and the comma before, and an English name of a region make them sure.
    A dateline may drop the dot or write the postal code ("EDMONTON, Ky (WBKO)", "LOUISVILLE, KY--"): then
    punctuation, not a word, must follow.

    >>> from geonews.model import LatLon, Place
    >>> ky = Place("ky", "Kentucky", LatLon(37.5, -85.0), "admin1", "US")
    >>> lookup = lambda name: [NameMatch(ky, "en", "Ky.")] if name.rstrip(".").lower() == "ky" else []
    >>> text = "EDMONTON, Ky (WBKO) -- LOUISVILLE, KY--(Wire) PARIS, Ky. - Smith, Ky Jones"
    >>> [state_abbreviation(text, text.index(k), text.index(k) + 2, lookup) for k in ("Ky (", "KY-", "Ky.", "Ky J")]
    [12, 37, 56, None]
    """
    surface = text[start:end]
    dotted = text[end:end + 1] == "."
    if not (_STATE_ABBREVIATION.fullmatch(surface) or (not dotted and _POSTAL_CODE.fullmatch(surface))):
        return None
    if not dotted and not _PUNCTUATION_AFTER.match(text, end):
        return None
    if not _AFTER_TOWN.search(text[max(0, start - 60):start]):
        return None
    if any(m.place.feature == "admin1" and m.tier == "en" for m in lookup(surface + ".")):
        return end + 1 if dotted else end
    return None


#: A US state's or Canadian province's postal code ("KY", "ON"), read only in a dateline without a dot.
_POSTAL_CODE = re.compile(r"[A-Z]{2}")
#: Punctuation after an undotted abbreviation: " (WBKO)", "--", ",", end of text; not a word ("Smith, Ky Jones").
_PUNCTUATION_AFTER = re.compile(r"[^\S\n]*(?:[-–—(),:;]|$)")
#: Degrees written after a name ("Charles W. Murphy, M.D."), which share keys with state abbreviations.
_DEGREES = frozenset(en.DEGREES)
#: An English possessive at the end of a name: "Russia’s", "Ankara's".
_POSSESSIVE = en.POSSESSIVES


def name_spans(text: str, *, dotted: bool = True, line_breaks: bool = True) -> list[tuple[int, int]]:
    """Maximal sequences of capitalised name words (with connectors), and dotted abbreviations, as offsets.

    ``dotted`` (the rule dotted_abbreviations) reads "U.S." as one name; ``line_breaks`` (the rule
    ocr_line_breaks) reads "Alle¬magne" as one word.

    >>> text = "The U.S. and Russia’s envoy in Alle¬magne"
    >>> [text[a:b] for a, b in name_spans(text)]
    ['The', 'U.S.', 'Russia’s', 'Alle¬magne']
    >>> [text[a:b] for a, b in name_spans(text, dotted=False, line_breaks=False)]
    ['The U', 'S', 'Russia’s', 'Alle']
    """
    abbreviations = [(m.start(), m.end()) for m in _DOTTED.finditer(text)] if dotted else []
    pieces, pos = [], 0
    for start, end in abbreviations:  # blanked out (offsets kept), so that "The U.S." does not read "The U"
        pieces += [text[pos:start], " " * (end - start)]
        pos = end
    masked = "".join([*pieces, text[pos:]])
    pattern = _NAME_SEQ if line_breaks else _NAME_SEQ_NO_BREAK
    return sorted([(m.start(), m.end()) for m in pattern.finditer(masked)] + abbreviations)


def region_abbreviation(surface: str, matches: Sequence[NameMatch]) -> bool:
    """Whether an abbreviation names a country ("US", "UK", "U.S.") or, dotted, a region ("B.C.").

    Such keys are short, and some are function words ("us"): they are kept all the same.
    """
    if not _ABBREVIATION.fullmatch(surface) or surface in _DEGREES:
        return False
    kinds = ("country", "admin1") if "." in surface else ("country",)
    return any(m.place.feature in kinds and m.tier in ("en", "fr", "main", "user") for m in matches)


#: The most words a name the ruler looks up may have. Real names are shorter ("Santa Cruz de la
#: Sierra": five words, connectors included); the gazetteer's few longer keys are transcriptions split
#: into syllables. Without a bound, a run of n capitalised words ("Lyon Lyon Lyon …" with no
#: punctuation) would cost n² lookups.
MAX_NAME_WORDS = 12


def _name_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The words of the name ``text[start:end]``, as offsets."""
    return [(m.start() + start, m.end() + start) for m in re.finditer(_WORD, text[start:end])]


def _sub_spans(text: str, words: Sequence[tuple[int, int]]) -> Iterable[tuple[int, int, int, int, bool]]:
    """Word-aligned sub-spans of a name of ``words``, of at most :data:`MAX_NAME_WORDS` words, longest
    first, then the parts of hyphenated words ("Genève-Lausanne"); each as ``(start, end, first word,
    last word, is a part)``.

    >>> text = "Aix en Provence-Alpes"
    >>> [(text[a:b], i, j, part) for a, b, i, j, part in _sub_spans(text, _name_words(text, 0, len(text)))][-3:]
    [('Provence-Alpes', 1, 1, False), ('Provence', 1, 1, True), ('Alpes', 1, 1, True)]
    """
    n = len(words)
    for size in range(min(n, MAX_NAME_WORDS), 0, -1):
        for i in range(n - size + 1):
            yield words[i][0], words[i + size - 1][1], i, i + size - 1, False
    for i, (a, b) in enumerate(words):
        if "-" in text[a:b]:
            pos = a
            for part in text[a:b].split("-"):
                if part[:1].isupper():
                    yield pos, pos + len(part), i, i, True
                pos += len(part) + 1


def is_notable(matches: Sequence[NameMatch]) -> bool:
    """Whether some match is a place the ruler may take on the gazetteer's word alone."""
    for m in matches:
        if m.tier == "demonym":
            continue
        p = m.place
        if p.feature in NOTABLE_FEATURES or (p.feature == "city" and p.population >= NOTABLE_POPULATION):
            return True
        if m.tier in ("fr", "en", "user") and p.feature not in ("village", "station", "other"):
            return True
    return False


def is_sure(matches: Sequence[NameMatch]) -> bool:
    """Whether a name is a country, a continent or a capital: taken at a sentence's start too."""
    return any(m.place.feature in ("country", "continent", "capital") for m in matches)


def _whole(text: str, start: int, end: int, a: int, b: int, stop: frozenset[str]) -> bool:
    """Whether ``text[a:b]`` is the whole name ``text[start:end]``, but for a function word opening a sentence
    ("In Bangor,")."""
    return b == end and (a == start or normalize_name(text[start:a]) in stop)


def _opening(text: str, start: int, a: int, stop: frozenset[str]) -> bool:
    """Whether ``a`` opens the name that starts at ``start``, but for a function word ("The Laurel County")."""
    return a == start or normalize_name(text[start:a]) in stop


def _local(matches: Sequence[NameMatch], countries: frozenset[str]) -> bool:
    """A settlement of one of the article's countries, under one of its real names."""
    return any(
        m.place.country_code in countries
        and m.place.feature in ("town", "village", "city", "admin2")
        and (m.place.population >= 1000 or m.place.feature == "admin2")
        and m.tier in ("main", "fr", "en", "user")
        for m in matches
    )


_SENTENCE_END = re.compile(r"(?:[.!?…»\n]\s*|^\s*)$")


def _sentence_initial(text: str, start: int) -> bool:
    return start == 0 or _SENTENCE_END.search(text, max(0, start - 3), start) is not None


#: What stands before a person's name: an honorific or a rank ("M. Daru", "le colonel Bouscat",
#: "M. le marquis de Piré", "Vte de Chevilly"), or initials ("W. Churchill", "J.-J. Vital").
_PERSON_BEFORE = re.compile(
    rf"(?:(?<![\w.])(?:{alternation(press.HONORIFICS)})\.?"
    r"|(?<![\w.])(?-i:[A-Z])\.(?:-(?-i:[A-Z])\.)?"  # initials are capitals: "r. Montmartre" is a street
    rf"|\b(?:{alternation((*fr.PERSON_TITLES, *en.PERSON_TITLES))}))"
    r"\s+$"
    rf"|(?:\b(?:{'|'.join(press.NOBLE_HONORIFICS)})\.?\s+{prepositions(fr.ARTICLES[:2])}?(?:{alternation(fr.NOBILITY)})"
    rf"|(?<![\w.])(?:{alternation(press.NOBILITY_ABBREVIATIONS)}))\s+{prepositions(fr.DE[4:])}$",
    re.IGNORECASE,
)


def after_person_title(text: str, start: int) -> bool:
    """Whether the name at ``start`` follows an honorific, a rank or initials: it names a person.

    >>> text = "M. DARU, le colonel Bouscat, M. le marquis de Piré et W. Churchill, à Paris."
    >>> [after_person_title(text, text.index(n)) for n in ("DARU", "Bouscat", "Piré", "Churchill", "Paris")]
    [True, True, True, True, False]
    """
    return _PERSON_BEFORE.search(text, max(0, start - 40), start) is not None


def common_word(text: str, surface: str) -> bool:
    """Whether a one-word name also stands in ``text`` in lower case: a common noun written with a
    capital (a heading, a sentence's first word), not a place ("Cote officielle… la cote").

    >>> common_word("MARCHÉ DES CHANGES. Le marché est calme à Lens.", "MARCHÉ"), common_word("x", "Lens")
    (True, False)
    """
    lower = surface.lower()
    if lower == surface or not lower.isalpha() or lower not in text:
        return False
    return re.search(rf"(?<![\w¬-]){re.escape(lower)}(?![\w¬-])", text) is not None  # "occa¬sion" is not "Sion"


def opens_segment(text: str, start: int) -> bool:
    """Whether ``start`` opens a sentence, a line or a dash- or colon-led part of one ("— Blé.").

    >>> text = "MARSEILLE, 14 mars. — Blé. Le blé: Cote ferme."
    >>> [opens_segment(text, text.index(w)) for w in ("MARSEILLE", "Blé", "Cote", "ferme")]
    [True, True, True, False]
    """
    return _sentence_initial(text, start) or text[max(0, start - 3) : start].rstrip().endswith(("—", ":"))


#: The head of a public body's name right after a name: " Sheriff's Office", " Superior Court", " MLA".
_PUBLIC_BODY_HEAD = re.compile(rf" (?:{alternation(en.PUBLIC_BODY_HEADS)})(?![\w'’-])")


def public_body_head(text: str, end: int) -> int | None:
    """Where the head of a public body's name starts when one follows the name ending at ``end`` (rule
    ``public_body_places``): the county or town before it is the place the body serves ("Laurel County Sheriff's
    Office", "Bantam Superior Court", "Calgary MLA Sandra Jansen"); ``None`` if no head follows.

    >>> text = "The Laurel County Sheriff's Office and Laurel County Fire. Real Madrid Club and Fire Island."
    >>> [public_body_head(text, text.index(n) + len(n)) for n in ("Laurel County", "Real Madrid", "Island")]
    [18, None, None]
    """
    m = _PUBLIC_BODY_HEAD.match(text, end)
    return None if m is None else end + 1


def ruler_spans(
    text: str,
    *,
    lookup: Lookup,
    taken: Sequence[tuple[int, int]],
    weak: Sequence[tuple[int, int]] = (),
    countries: frozenset[str] = frozenset(),
    names: Sequence[tuple[int, int]] | None = None,
    disabled: frozenset[str] = frozenset(),
    trace: list[TraceEvent] | None = None,
    state_abbreviations: bool = False,
    local_whole: bool = False,
    public_bodies: bool = False,
) -> list[tuple[int, int]]:
    """Notable gazetteer places in ``text`` that overlap none of the ``taken`` spans.

    Upper-case names ("PARIS, 20 (Havas)") may also be taken inside ``weak``
    spans: entities the recogniser labelled as organisations or persons,
    which headlines and datelines in capitals often fool. Towns and villages
    (1,000 people or more, named by a real name, not an alternate) are taken
    too when they are in one of ``countries``, those the article is about.
    ``names`` are the text's :func:`name_spans`, when the caller has them already.
    ``disabled`` names rules (:mod:`geonews.extract.rules`) switched off; ``trace`` receives the
    drops of named rules (of names the gazetteer knows). ``state_abbreviations`` (English text) takes
    press abbreviations of states after a town and a comma with their dot (:func:`state_abbreviation`).
    ``local_whole`` takes towns only as a whole capitalised name ("Innisfail", not the "Steele" of
    "Michael Steele"), or with ``public_bodies`` as the opening of a public body's name ("Laurel County" of "the
    Laurel County Detention Center": rule ``public_body_places``).
    """
    rules = Rules(disabled, "fr", trace)  # for its trace only: the caller chose the rules for the language
    stop = stop_word_keys()
    out: list[tuple[int, int]] = []
    taken_set, weak_set = SpanSet(taken), SpanSet(weak)
    lower_case_use: dict[str, bool] = {}  # common_word scans the whole text: once per surface
    if names is None:
        names = name_spans(text, dotted="dotted_abbreviations" not in disabled,
                           line_breaks="ocr_line_breaks" not in disabled)
    for start, end in names:
        dotted = text[end - 1] == "."  # "U.S.": one word, not "U" and "S"
        # most names overlap nothing: then none of their sub-spans needs the test
        taken_here = taken_set if taken_set.overlaps(start, end) else None
        weak_here = weak_set if weak_set.overlaps(start, end) else None
        # name spans do not overlap: earlier finds are elsewhere. What this one found so far: whole words
        # (word-aligned finds all come first), then the parts of hyphenated words, by word
        words = [(start, end)] if dotted else _name_words(text, start, end)
        covered: set[int] = set()
        parts_found: dict[int, list[tuple[int, int]]] = {}
        found_here: list[tuple[int, int]] = []
        for a, b, first, last, part in _sub_spans(text, words):
            if any(w in covered for w in range(first, last + 1)):
                continue
            if part and any(not (b <= s or a >= e) for s, e in parts_found.get(first, ())):
                continue
            if taken_here is not None and taken_here.overlaps(a, b):
                continue
            surface = text[a:b]
            if weak_here is not None and weak_here.overlaps(a, b) and not surface.isupper():
                continue
            matches = None
            possessive = surface.endswith(_POSSESSIVE) and "possessives" not in disabled
            if possessive and not (matches := lookup(surface)):  # "Russia’s", not "St. John's"
                b -= 2
                surface = text[a:b]
                matches = None
            key = normalize_name(surface)
            if key in GENERIC_NOUNS and "generic_nouns_dropped" not in disabled:
                continue
            abbreviated = state_abbreviation(text, a, b, lookup) if state_abbreviations and not part else None
            if abbreviated is not None:
                rules.event("state_abbreviations", "proposed", text, a, abbreviated)
                found_here.append((a, abbreviated))
                covered.update(range(first, last + 1))
                continue  # "COLUMBUS, Ga.": Georgia, though "Ga" is short
            short = len(key.replace(" ", "")) < 3 or key in stop  # "de", "Us"; but "US", "U.S." and "B.C."
            short = short and "short_names_dropped" not in disabled
            if short and not _ABBREVIATION.fullmatch(surface):
                if trace is not None and lookup(surface):
                    rules.event("short_names_dropped", "dropped", text, a, b)
                continue
            if matches is None:
                matches = lookup(surface)
            if short and not region_abbreviation(surface, matches):
                if matches:
                    rules.event("short_names_dropped", "dropped", text, a, b)
                continue
            if not matches and ocr.LINE_BREAK in surface:  # the line break of a hyphenated name: "New¬York"
                matches = lookup(re.sub(rf"{ocr.LINE_BREAK}\s*", "-", surface))
            local = _local(matches, countries)
            body = False  # a town taken only as the opening of a public body's name
            if local and local_whole and not _whole(text, start, end, a, b, stop):
                body = public_bodies and _opening(text, start, a, stop) and public_body_head(text, b) is not None
                local = body
            if not matches or not (is_notable(matches) or local):
                continue
            single = " " not in surface and "-" not in surface
            sure = is_sure(matches)
            if (single and _sentence_initial(text, a) and not surface.isupper() and not sure
                    and "sentence_start_word_dropped" not in disabled):
                rules.event("sentence_start_word_dropped", "dropped", text, a, b)
                continue  # "Marin", "Lier", "Sion" open sentences as ordinary words too
            if single and not sure and "common_word_dropped" not in disabled:
                if surface not in lower_case_use:
                    lower_case_use[surface] = common_word(text, surface)
                if lower_case_use[surface]:
                    rules.event("common_word_dropped", "dropped", text, a, b)
                    continue  # "CHAMBRE", "MARCHÉ", "Stock" in headings and tables: the text uses them as words
            if not sure and "person_titles" not in disabled and after_person_title(text, a):
                rules.event("person_titles", "dropped", text, a, b)
                continue  # "M. DARU", "le colonel Bouscat" (but not the dateline of "la S. d. N. PARIS, 18")
            if body and not is_notable(matches):
                rules.event("public_body_places", "proposed", text, a, b)
            found_here.append((a, b))
            if part:
                parts_found.setdefault(first, []).append((a, b))
            else:
                covered.update(range(first, last + 1))
        out += found_here
    return sorted(out)


#: Capitalised words beside a place that keep it a place: parts of place names ("Haute", "New", "Lake"),
#: direction and trigger words, titles ("Boston Mayor"), honorifics, generic nouns.
_NEUTRAL_WORDS = frozenset(normalize_name(w) for w in (
    *fr.NAME_MODIFIERS, *en.NAME_MODIFIERS, *fr.DIRECTIONS, *en.DIRECTIONS, *fr.TRIGGERS, *en.TRIGGERS,
    *en.TRIGGERS_AFTER, *fr.PERSON_TITLES, *en.PERSON_TITLES, *press.HONORIFICS, *fr.GENERIC_NOUNS,
    *en.GENERIC_NOUNS))
#: A word written right before a name, a space between ("BBC Afrique", "Michelin Amérique du Nord").
_JUXTAPOSED_BEFORE = re.compile(r"(?<![\w'’&-])(?P<word>[\w'’&]+(?:-[\w'’&]+)*) $")
#: A word written right after a name ("Cardiff City FC", "France 2").
_JUXTAPOSED_AFTER = re.compile(r" (?P<word>[\w'’&]+(?:-[\w'’&]+)*)(?![\w'’&-])")
#: An elided article or preposition before a word: "l'", "d'".
_ELIDED = re.compile(r"[lLdD]['’]")
#: An acronym ("BBC", "FC"): longer words in capitals are a headline's.
_ACRONYM = re.compile(r"[A-Z]{2,4}")
#: A word in capitals just before: a headline's ("CHARBONS GROS"), not an acronym.
_CAPITALS_BEFORE = re.compile(r"\b[^\W\d_a-zà-ÿ]{2,}[ ]+$")
#: What joins several names in one span: a spaced dash, a comma ("Rwanda - RD Congo", "Servette-Lucerne, Bâle").
_LIST_MARK = re.compile(r"\s[-–—]\s|,|\d")
#: A team's number name ("76ers"), not an ordinal ("1er").
_NUMBER_NAME = re.compile(rf"\d+(?!(?:{alternation((*fr.ORDINAL_SUFFIXES, *en.ORDINAL_SUFFIXES))})\b)[^\W\d_]+")


def organisation_name(text: str, start: int, end: int, lookup: Lookup) -> bool:
    """Whether the place name ``text[start:end]`` is written inside the name of something else, a space and
    no connector between (rule ``organisation_names_dropped``): after a capitalised word that is no place and
    no part of a place name ("BBC Afrique", "Michelin Amérique du Nord"), or beside an acronym or an
    institution ("Cardiff City FC", "Western University").

    >>> from geonews.model import LatLon, Place
    >>> places = {"Afrique": "continent", "Cardiff": "city", "Maine": "admin1"}
    >>> def lookup(name):
    ...     kind = places.get(name)
    ...     return [NameMatch(Place("t", name, LatLon(0, 0), kind, population=10**6), "fr", name)] if kind else []
    >>> text = "Sur BBC Afrique, le Cardiff City FC. Chez Trucmuche Maine. Près de Cardiff et du Maine Dimanche."
    >>> def dropped(w, find=str.index):
    ...     return organisation_name(text, find(text, w), find(text, w) + len(w), lookup)
    >>> [dropped(w) for w in ("Afrique", "Cardiff", "Maine")], [dropped(w, str.rindex) for w in ("Cardiff", "Maine")]
    ([True, True, True], [False, False])
    >>> text = "Le JS Maine gagne."  # an acronym inside the name
    >>> dropped("JS Maine")
    True
    """
    surface = text[start:end]
    if surface.isupper():
        return False  # a headline in capitals: its words are not names
    # a part of a place name found alone ("Valley" of "Hunter Valley") goes with an acronym or institution only
    modifier = normalize_name(surface) in _NEUTRAL_WORDS
    words: list[tuple[int, int, bool]] = []  # (start, end, before the name)
    pos = start
    while len(words) < 3 and (m := _JUXTAPOSED_BEFORE.search(text, max(0, pos - 40), pos)) is not None:
        elided = _ELIDED.match(m.group("word"))  # "l'AS Saint-Étienne"
        word_start = m.start("word") + (elided.end() if elided else 0)
        if not text[word_start:word_start + 1].isupper():
            break
        words.append((word_start, m.end("word"), True))
        pos = word_start
        if elided:
            break
    first = pos
    pos = end
    while len(words) < 6 and (m := _JUXTAPOSED_AFTER.match(text, pos, pos + 40)) is not None:
        if not (m.group("word")[0].isupper() or m.group("word")[0].isdigit()) or (
                normalize_name(m.group("word")) in stop_word_keys()):
            break  # "… en Angleterre La Chambre de commerce": a new sentence
        words.append((m.start("word"), m.end("word"), False))
        pos = m.end("word")
    inside = [m.group() for m in re.finditer(r"[\w'’&]+", surface)]
    if (len(inside) > 1 and not _LIST_MARK.search(surface) and not any(w.isupper() and len(w) >= 4 for w in inside)
            and not is_notable(lookup(surface)) and any(
                _ACRONYM.fullmatch(w) and normalize_name(w) not in stop_word_keys()
                and not region_abbreviation(w, lookup(w)) for w in inside)):
        return True  # the recogniser's "Cardiff City FC", "JS Kabylie", "BBC Grands Lacs"
    if not words or is_notable(lookup(text[first:pos])):
        return False
    stop = stop_word_keys()
    for a, b, before in words:
        word = text[a:b]
        if INSTITUTIONS.match(word) or _NUMBER_NAME.fullmatch(word):
            return True  # "Université", "76ers"
        if word[0].isdigit() or any(is_notable(lookup(part)) for part in (word, *word.split("-"))):
            continue  # a number, a place, or a pair of them ("Baden-Soleure")
        if _ACRONYM.fullmatch(word) and not _CAPITALS_BEFORE.search(text, max(0, a - 30), a):
            if not region_abbreviation(word, lookup(word)):
                return True  # "BBC", "FC"; not "USA"
            continue
        if modifier or not before or word.isupper():
            continue  # after the name, a new sentence's first word as often ("… au Niger C'est la pire…")
        key = normalize_name(word)
        if stop.intersection(key.split()) or key in _NEUTRAL_WORDS or opens_segment(text, a) or common_word(text, word):
            continue
        return True
    return False


def surnames(text: str, names: Sequence[tuple[int, int]], lookup: Lookup) -> frozenset[str]:
    """The surnames of the article's people (rule ``surnames_dropped``): the second word of a name of two words
    whose first is a capitalised word the gazetteer does not know at all, no title, no part of a place name
    and no common word ("Emiliano Sala", "Margaret Harris"). (The recogniser's persons are no help: it calls
    "Alabama's Birmingham" one.)

    >>> text = "Margaret Harris vote à Madison. Harris, dit Lucas Boston, et Le Havre."
    >>> lookup = lambda name: ["x"] if name in ("Madison", "Boston", "Havre", "Le Havre") else []
    >>> sorted(surnames(text, name_spans(text), lookup))
    ['Boston', 'Harris']
    """
    out = set()
    stop = stop_word_keys()
    for a, b in names:
        words = text[a:b].split(" ")
        if len(words) != 2 or not all(w.isalpha() and not w.isupper() for w in words):
            continue
        first = words[0]
        key = normalize_name(first)
        if (key in stop or key in _NEUTRAL_WORDS or INSTITUTIONS.match(first) or common_word(text, first)
                or lookup(first) or lookup(text[a:b])):
            continue
        out.add(words[1])
    return frozenset(out)


#: Words after which a capitalised name is a place, known to the gazetteer or not: "la bataille de
#: Morat", "la rive droite de la Kander", "le col de Titinies".
def _cue(nouns: Sequence[str]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(nouns)})\s+(?:(?:{alternation(fr.CUE_SIDES)})\s+)?{DE_OF}$", re.IGNORECASE)


PLACE_OF = _cue((*fr.CUE_NOUNS, *ocr.CUE_NOUNS, *en.CUE_NOUNS))
#: :data:`PLACE_OF` without the OCR spellings (the rule ocr_cue_spellings off).
PLACE_OF_MODERN = _cue((*fr.CUE_NOUNS, *en.CUE_NOUNS))
#: :data:`PLACE_OF` with the OCR spellings alone (the rule cued_names off).
PLACE_OF_OCR = _cue(ocr.CUE_NOUNS)


def cued_spans(
    text: str, *, taken: Sequence[tuple[int, int]], names: Sequence[tuple[int, int]] | None = None,
    cue: re.Pattern[str] = PLACE_OF,
) -> list[tuple[int, int]]:
    """Names the words before them make places (:data:`PLACE_OF`), outside every ``taken`` span.

    >>> text = "Après la bataille de Morat et le combat de Saalfeld, Pierre de Savoie rentra."
    >>> [text[a:b] for a, b in cued_spans(text, taken=[])]
    ['Morat', 'Saalfeld']
    """
    out = []
    taken_set = SpanSet(taken)
    for start, end in name_spans(text) if names is None else names:
        if taken_set.overlaps(start, end):
            continue
        if not cue.search(text, max(0, start - 40), start):
            continue
        if normalize_name(text[start:end]) in GENERIC_NOUNS or INSTITUTIONS.match(text[start:end]):  # always
            continue
        out.append((start, end))
    return out


#: A street address: "rue de Rivoli, 116", "16, rue Cadet", "quai de la Tournelle", "place de l'Opéra",
#: "53, r. Legendre", "faub. Poissonnière, 2".
#: The street word comes first (the regex scans for it alone); a house number before it is added
#: by :func:`street_spans` (:data:`_HOUSE_NUMBER`).
_STREET_DE = prepositions(d for d in fr.DE if d != "de l'")  # "(?:de la|du|des|de) |d'"
STREET = re.compile(
    rf"(?:\b(?:{alternation(fr.STREETS)})\s+"
    rf"|(?<![\w.])(?:{alternation(fr.STREET_ABBREVIATIONS)})\.\s*)"  # small ads abbreviate: "38, r. Legendre"
    rf"(?:{_STREET_DE[3:-1]}|l['’]\s*)?"
    rf"{_WORD}(?:(?:\s+|\s+(?:{alternation(fr.NAME_CONNECTORS[:4])})\s+|\s+d['’]|-){_WORD})*"
    r"(?:,\s*\d{1,4}\b(?!\s*h\b))?"
)
_HOUSE_NUMBER = re.compile(rf"\b\d{{1,4}}(?:\s*(?:{alternation(fr.HOUSE_NUMBER_SUFFIXES)}))?,?\s+$")


def street_spans(text: str, *, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Street addresses outside every ``taken`` span (places a street gazetteer or geocoder can place).

    >>> text = "Écrire au 16, rue Cadet ou rue de Rivoli, 116. La rue est calme. Ou 53, r. Legendre."
    >>> [text[a:b] for a, b in street_spans(text, taken=[])]
    ['16, rue Cadet', 'rue de Rivoli, 116', '53, r. Legendre']
    """
    taken_set = SpanSet(taken)
    spans: list[tuple[int, int]] = []
    for m in STREET.finditer(text):
        start, end = m.span()
        if taken_set.overlaps(start, end):
            continue
        after = spans[-1][1] if spans else 0  # "rue Didot, 1, avenue…": the 1 is Didot's
        number = _HOUSE_NUMBER.search(text, max(after, start - 16), start)
        if number is not None and not taken_set.overlaps(number.start(), start):
            start = number.start()
        spans.append((start, end))
    return spans



#: A numbered road: "la D 349", "la RN2", "la route nationale 2", "l'autoroute A7" (the article stays out).
ROAD = re.compile(
    rf"(?<=\b(?:{alternation(fr.ROAD_ARTICLES)})\s)(?:{alternation(fr.ROAD_CODES)})\s?\d{{1,4}}\b(?![,.]\d)"
    rf"|\b(?:{alternation(fr.ROAD_WORDS)})\s+(?:(?:{alternation(fr.ROAD_CODES)})\s?)?\d{{1,4}}\b"
)


def road_spans(text: str, *, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Numbered roads outside every ``taken`` span (rule ``roads``; local news: "la D 349 est coupée").

    >>> text = "La RN2 et la D 349 sont coupées, la route nationale 2 aussi; la D est loin, le A 4 non."
    >>> [text[a:b] for a, b in road_spans(text, taken=[])]
    ['RN2', 'D 349', 'route nationale 2']
    """
    return _outside(ROAD, text, taken)


_CAPS_WORD = rf"(?:[{_UPPER}]{{1,4}}\.\s*)?[{_UPPER}][{_UPPER}'’-]*[{_UPPER}]"
#: A venue in a French entertainment listing: a name in capitals, then a show time or "Relâche"
#: ("GYMNASE, 8 h. 30, Mélo.", "OPÉRA-COMIQUE, 8.30, Le roi d'Ys.", "TH. DE PARIS. — 8 h. 45").
VENUE = re.compile(
    rf"(?<![\w'’.-]){_CAPS_WORD}(?:\s+{_CAPS_WORD})*"
    r"(?=\s*(?:\([^)]{0,40}\))?\s*[.,]?\s*(?:—\s*)?"
    rf"{press.SHOW_TIME})"
)


#: The fewest venue entries that make a text a listing: one name before a time is a fixture
#: ("PSG - OM, 21 h"), not a listing.
LISTING_MIN_ENTRIES = 2


def venue_spans(text: str, *, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Theatres, cinemas and halls of a listing, outside every ``taken`` span (French listings).

    A text with fewer than :data:`LISTING_MIN_ENTRIES` venue entries is not a listing: none.

    >>> text = "Ce soir. GYMNASE, 8 h. 30, Mélo. OPÉRA-COMIQUE, 8.30, Lakmé. TH. DE PARIS. Relâche. LOUÉ 35,00."
    >>> [text[a:b] for a, b in venue_spans(text, taken=[])]
    ['GYMNASE', 'OPÉRA-COMIQUE', 'TH. DE PARIS']
    >>> venue_spans("Ligue 1 : PSG - OM, 21 h, au Parc des Princes.", taken=[])
    []
    """
    if len(VENUE.findall(text)) < LISTING_MIN_ENTRIES:
        return []
    return _outside(VENUE, text, taken)


def _outside(pattern: re.Pattern[str], text: str, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The matches of ``pattern`` in ``text`` that overlap none of the ``taken`` spans."""
    taken_set = SpanSet(taken)
    return [(m.start(), m.end()) for m in pattern.finditer(text) if not taken_set.overlaps(m.start(), m.end())]


def classify(surface: str, matches: Sequence[NameMatch], disabled: frozenset[str] = frozenset()) -> str | None:
    """``"adjective"`` for a demonym, ``None`` for a generic noun or junk, else ``"place"``.

    >>> from geonews.model import LatLon, Place
    >>> us = Place("gn:6252001", "United States", LatLon(39.76, -98.5), "country", country_code="US")
    >>> classify("Américains", [NameMatch(us, "demonym", "Américains")])
    'adjective'
    >>> classify("Etat", []), classify("A", []), classify("II", []), classify("Conseil général de Vaud", [])
    (None, None, None, None)
    >>> classify("XXe", []), classify("État américain", []), classify("Etat-clé", []), classify("Dr Jan Kowal", [])
    (None, None, None, None)
    >>> classify("Etat", [], frozenset({"generic_nouns_dropped"}))
    'place'

    ``disabled`` may switch off the rules generic_nouns_dropped and demonym_adjective.
    """
    key = normalize_name(surface)
    generic = "generic_nouns_dropped" not in disabled
    if generic and (len(key.replace(" ", "")) <= 1 or _ROMAN.match(surface) or INSTITUTIONS.match(surface)):
        return None
    if generic and (key in GENERIC_NOUNS or (key in stop_word_keys() and not region_abbreviation(surface, matches))):
        return None  # "l'Etat", or "However" opening an English sentence (but "US" is a country)
    if generic and not is_notable(matches):
        phrase = _GENERIC_PHRASE.match(surface)
        if phrase is not None and normalize_name(phrase.group("head")) in GENERIC_NOUNS:
            return None  # "État américain", "Etat-clé" (but "République tchèque" is a country the gazetteer knows)
        if _TITLE_FIRST.match(surface):
            return None  # "Premier ministre Hamdok": a person
    if "demonym_adjective" in disabled:
        return "place"
    if matches and matches[0].tier == "demonym":
        return "adjective"
    if any(m.tier == "demonym" for m in matches) and not is_notable(
            [m for m in matches if m.tier in ("main", "fr", "en", "user")]):
        return "adjective"  # "Allemands": the demonym, not a hamlet of that name; "Russe", not Ruse (an alternate name)
    return "place"
