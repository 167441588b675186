"""From recognised entities to place mentions (pure, no spaCy import).

The recogniser hands over ``(start, end, label)`` triples; this module decides
which are places, narrows each to its toponym (:mod:`geonews.extract.spans`),
attaches its sentence (a bounded window of it, in a very long sentence), and keeps the invariant
``article.text[m.start:m.end] == m.text``.

    >>> from geonews.model import Article
    >>> art = Article(id="a", text="Selon le SIPRI de Stockholm International Peace Research Institute. "
    ...               "Kim est arrivé à la gare de Khassan.")
    >>> ents = [(18, 66, "ORG"), (85, 103, "LOC")]
    >>> [(m.text, m.hint) for m in mentions_from_entities(art, ents)]
    [('Khassan', 'station')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from geonews.extract.intervals import SpanSet
from geonews.extract.labels import ONTONOTES, WIKINER, LabelScheme, scheme_of
from geonews.extract.lang import detect_lang
from geonews.extract.ruler import (
    INSTITUTIONS,
    PLACE_OF,
    PLACE_OF_MODERN,
    PLACE_OF_OCR,
    Lookup,
    after_person_title,
    classify,
    common_word,
    cued_spans,
    is_notable,
    is_sure,
    name_spans,
    opens_segment,
    organisation_name,
    public_body_head,
    road_spans,
    ruler_spans,
    street_spans,
    surnames,
    venue_spans,
)
from geonews.extract.rules import RULES, Rules, TraceEvent
from geonews.extract.sentences import SentenceIndex
from geonews.extract.spans import DIRECTION_PREFIX, RefinedSpan, hint_after, hint_before, refine_span
from geonews.gazetteer.normalize import normalize_name, stop_word_keys
from geonews.gazetteer.store import NameMatch
from geonews.lexicon import DE, alternation, en, fr, prepositions, press
from geonews.model import Article, Mention

__all__ = ["PLACE_LABELS", "mentions_from_entities", "mentions_from_spans"]

#: NER labels taken as places as they are, in every scheme (:mod:`geonews.extract.labels`).
PLACE_LABELS = WIKINER.places | ONTONOTES.places
#: Labels kept only when a generic place word starts them ("cosmodrome de Vostotchny" is MISC).
TRIGGERED_LABELS = WIKINER.triggered | ONTONOTES.triggered


_DE_NO_L = prepositions(d for d in fr.DE if d != "de l'")  # "de la|du|des|de|d'", and "l'" alone
#: A recognised place whose name opens with a lower-case generic word: "mer Noire", "lac de Bretaye".
_GENERIC_HEAD = re.compile(rf"^[a-zà-ÿ][\w’'-]*\s+(?:{_DE_NO_L[3:-1]}|l['’]\s*)?[A-ZÀ-ÝŒ]")


#: Every rule on, no trace (the default of the helpers below).
_ALL = Rules(frozenset(), "fr")

#: A code or a number, not a name: no word of three letters ("R-4", "96 N", "RM4.50").
_CODE = re.compile(r"^(?=.*\d)(?!.*[^\W\d_]{3})")


def _mention(article: Article, sentences: SentenceIndex, start: int, end: int, label: str,
             rules: Rules = _ALL) -> Mention | None:
    text = article.text
    if rules.on("toponym_narrowing"):
        blank = text.find("\n\n", start, end)
        if blank > start:
            end = blank  # the recogniser ran from a title into the body: "Wisconsin\n\nMargaret Harris"
        refined = refine_span(text, start, end)
        if rules.trace is not None and ((refined.start, refined.end) != (start, end) or refined.trigger):
            rules.event("toponym_narrowing", "refined", text, refined.start, refined.end,
                        f"from {text[start:end]!r}" + (f", trigger {refined.trigger!r}" if refined.trigger else ""))
    else:
        refined = RefinedSpan(start, end)
    surface = text[refined.start : refined.end]
    if not surface:
        return None
    if not (surface[0].isupper() or surface[0].isdigit()):
        generic = label in PLACE_LABELS and rules.on("generic_head") and _GENERIC_HEAD.match(surface)
        if not generic and rules.on("lower_case_dropped"):
            rules.event("lower_case_dropped", "dropped", text, refined.start, refined.end)
            return None
        if generic:
            rules.event("generic_head", "proposed", text, refined.start, refined.end)
    if rules.on("codes_dropped") and _CODE.match(surface):
        rules.event("codes_dropped", "dropped", text, refined.start, refined.end)
        return None
    if label in TRIGGERED_LABELS and (refined.trigger is None or refined.start == start):
        return None  # an organisation or "misc" entity is a place only after a trigger word
    s_start, sentence, cut_before, cut_after = sentences.context_at(refined.start, refined.end)
    return Mention(
        article_id=article.id,
        start=refined.start,
        end=refined.end,
        text=surface,
        sentence=sentence,
        sentence_start=s_start,
        sentence_cut=(cut_before, cut_after),
        label=label,
        hint=refined.hint,
        trigger=refined.trigger,
        qualifier=refined.qualifier,
    )


_UNKNOWN_WORD = re.compile(r"[\w'’]+")

#: A preposition that puts the next name on the map: "à Garmisch", "près de Goesgen" (not bare "de");
#: the generic nouns that do the same ("bataille de Morat") are the ruler's :data:`PLACE_OF`.
_LOCATIVE_BEFORE = re.compile(
    rf"(?:^|[\s(])(?:{alternation((*fr.LOCATIVES, *en.LOCATIVES))})\s+{prepositions(fr.ARTICLES)}?$",
    re.IGNORECASE,
)

#: A named event or body "of" a place, lower-case head first: "conférence de Genève", "siège de
#: Paris", "coupe d'Europe". The place inside is a place mention of its own (as annotators mark it).
_NESTED_OF = re.compile(r"^[a-zà-ÿ][\w’'-]*(?:\s+[a-zà-ÿ][\w’'-]*){0,3}\s+"
                        + prepositions(d for d in fr.DE if d not in ("de la", "des"))  # not "de la Haye"
                        + r"(?P<name>[A-ZÀ-Ý][\w’'-]*(?:[\s-]+[A-ZÀ-Ý][\w’'-]*){0,3})$")
#: What a whole "misc" entity may be when the gazetteer knows it under a tagged name ("Moyen-Orient").
_AREA_FEATURES = frozenset({"continent", "country", "region", "admin1", "sea", "ocean", "mountain_range", "desert"})


#: A noun of a settlement or site, perhaps an adjective, then "de": "le quartier de", "la ville frontalière de".
_LOCAL_NOUN_BEFORE = re.compile(rf"\b(?:{alternation(fr.LOCAL_NOUNS)})(?:\s+[a-zà-ÿ]+)?\s+{DE}$", re.IGNORECASE)


def _locative(text: str, start: int, cue: re.Pattern[str] = PLACE_OF) -> bool:
    window = text[max(0, start - 40) : start]
    return bool(_LOCATIVE_BEFORE.search(window) or cue.search(window) or _LOCAL_NOUN_BEFORE.search(window))


def _misc_place(article: Article, sentences: SentenceIndex, start: int, end: int, label: str,
                lookup: Lookup, rules: Rules = _ALL) -> Mention | None:
    """A place inside a MISC/ORG entity: the whole entity if it is a known area, or the place "of" it."""
    text = article.text[start:end]
    m = _NESTED_OF.match(text)
    if m is not None:
        inner_start = start + m.start("name")
        if is_notable(lookup(m.group("name"))):
            return _mention(article, sentences, inner_start, end, "LOC", rules)
        return None
    if label != "MISC" or not text[:1].isupper():
        return None
    matches = lookup(text)
    if any(x.tier in ("fr", "en", "main") and x.place.feature in _AREA_FEATURES for x in matches):
        return _mention(article, sentences, start, end, "LOC", rules)
    return None


#: A locative preposition right before a name: "à", "vers", "près de" (rule ``locative_entities``).
_LOCATIVE_RIGHT_BEFORE = re.compile(rf"(?:^|[\s(])(?:{alternation(fr.LOCATIVES)})\s+$", re.IGNORECASE)


def _locative_entity(text: str, start: int, end: int, label: str, lookup: Lookup) -> bool:
    """Whether an organisation, person or misc entity is a place: a proper name right after a locative
    preposition that the gazetteer knows as a notable place ("à Des Moines", "vers Kostiantynivka"); a person
    only under its French name ("à Maurice" is Mauritius, "à Jordan" is no place of a French text).

    >>> from geonews.model import LatLon, Place
    >>> mu = Place("t", "Mauritius", LatLon(0, 0), "country", "MU", population=1_200_000)
    >>> lookup = lambda name: [NameMatch(mu, "fr", name)] if name == "Maurice" else []
    >>> text = "Des fans à Maurice, dit Maurice."
    >>> _locative_entity(text, 11, 18, "PER", lookup), _locative_entity(text, 24, 31, "PER", lookup)
    (True, False)
    >>> _locative_entity("Maurice : la saison s'ouvre", 0, 7, "PER", lookup)  # a headline's first name
    True
    """
    surface = text[start:end]
    if not surface[:1].isupper() or name_spans(surface) != [(0, len(surface))]:
        return False  # one proper name, not "Maurice, dit-il"
    headline = _HEADLINE_NAME.match(text, start) is not None and (start == 0 or text[start - 1] == "\n")
    if not headline and not _LOCATIVE_RIGHT_BEFORE.search(text, max(0, start - 20), start):
        return False
    matches = lookup(surface)
    if headline:
        return any(m.tier in ("fr", "en") and is_notable([m]) for m in matches)
    if label == "PER":
        return any(m.tier == "fr" and is_notable([m]) for m in matches)
    return is_notable(matches)


#: A dash between spaces: a break no person's name runs across.
_SPACED_DASH = re.compile(r"\s[-–—]\s")

#: A name opening a headline before a colon: "Khan Younès : au moins onze morts".
_HEADLINE_NAME = re.compile(r"[^\n:]{2,40}?\s?:\s")


#: A noun of an organisation and the one-word name it introduces: "le groupe Suez", "le club Dynamo".
_ORGANISATION_NOUN = re.compile(
    rf"\b(?:{alternation(fr.ORGANISATION_NOUNS)})\s+(?P<name>[A-ZÀ-Ý][\w'’-]*)\b(?![\w'’-])")


def _listed(article: Article, sentences: SentenceIndex, start: int, end: int, label: str, hint: str) -> Mention:
    """A mention found by its form alone (a street address, a venue of a listing), taken as it is."""
    s_start, sentence, cut_before, cut_after = sentences.context_at(start, end)
    return Mention(article_id=article.id, start=start, end=end, text=article.text[start:end], sentence=sentence,
                   sentence_start=s_start, label=label, hint=hint, sentence_cut=(cut_before, cut_after))


_NAME_BEFORE = re.compile(r"[A-ZÀ-Ý][\w'’.-]*\s+$")
_NAME_AFTER = re.compile(r"\s+[A-ZÀ-Ý]")


def _lone_word(text: str, start: int, end: int) -> bool:
    """One capitalised word with no name word or title beside it: a person to the French model on
    English text ("in Austin", "to California") far more often than to a reader ("Mr. Bush" is not)."""
    return (
        " " not in text[start:end]
        and _NAME_BEFORE.search(text, max(0, start - 30), start) is None
        and _NAME_AFTER.match(text, end) is None
        and not after_person_title(text, start)
    )


def _blocking_part(text: str, start: int, end: int, lookup: Lookup | None = None) -> tuple[int, int] | None:
    """The part of an organisation, person or "misc" entity that keeps the gazetteer ruler out
    (rule ``entity_breaks``): its proper name, up to a break. After a colon, a spaced dash or a
    lower-case word, a name is the ruler's again ("Coupe du monde en Espagne", "WikiLeaks :
    l'Équateur"); an entity opening with a lower-case or common word keeps none ("Guerre Ukraine -
    Russie" when the text writes "guerre"), an institution keeps all ("ministère de la Défense",
    "Banque de France"). A country "of" a club or group ends its name ("Zesco United de Zambie": Zambia,
    with ``lookup``), and an entity across a blank line is the recogniser's error: it keeps none.

    >>> text = "La Coupe du monde en Espagne et la Banque de France. WikiLeaks : l'Équateur"
    >>> [text[a:b] for a, b in (_blocking_part(text, *s) or (0, 0) for s in ((3, 28), (35, 51), (53, 75)))]
    ['Coupe', 'Banque de France', 'WikiLeaks']
    """
    surface = text[start:end]
    if INSTITUTIONS.match(surface):
        return start, end
    if "\n\n" in surface.strip():
        return None
    if not surface[:1].isupper():
        return None
    runs = name_spans(surface)
    if not runs or runs[0][0] != 0:
        return start, end
    first = _FIRST_WORD.match(surface)
    if (first is not None and runs[0][1] > first.end() and len(first.group()) >= 3
            and surface[first.end():first.end() + 1] == " " and surface[first.end() + 1:first.end() + 2].isupper()
            and normalize_name(first.group()) not in stop_word_keys() and common_word(text, first.group())):
        return None  # "Guerre Ukraine - Russie", "Crash du Rio-Paris": a common noun, then names
    head_end = start + runs[0][1]
    of = _COUNTRY_OF.search(text, start, head_end)
    if of is not None and lookup is not None and any(
            m.place.feature == "country" and m.tier == "fr" for m in lookup(of.group("name"))):
        return start, of.start()  # "Zesco United de Zambie", "AS Vita Club de la RD Congo"
    return start, head_end


#: A name "of" at the end of an entity's proper name (the country a club or a group is "of").
_COUNTRY_OF = re.compile(rf"\s+{_DE_NO_L}(?P<name>[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*)?)$")


_FIRST_WORD = re.compile(r"[\w]+")


def _split_unknown(text: str, entities: Sequence[tuple[int, int, str]], lookup: Lookup,
                   rules: Rules) -> list[tuple[int, int, str]]:
    """Place entities of several words the gazetteer does not know, replaced by the notable places inside them
    (rule ``unknown_span_split``): "Rwanda - RD Congo", "Conflit Russie - Ukraine", "Niger-Mali", "Ouganda Aliou
    Cissé", "musée de Pointe-à-Callière de Montréal" (Montréal), "État oriental du Bihar"; a span with none stays.

    >>> from geonews.model import LatLon, Place
    >>> def lookup(name):
    ...     ok = name in ("Rwanda", "RD Congo")
    ...     return [NameMatch(Place("t", name, LatLon(0, 0), "country"), "fr", name)] if ok else []
    >>> text = "Rwanda - RD Congo : accord. Le Stade Kigoma."
    >>> [text[a:b] for a, b, _ in _split_unknown(text, [(0, 17, "LOC"), (31, 43, "LOC")], lookup, _ALL)]
    ['Rwanda', 'RD Congo', 'Stade Kigoma']
    """
    out: list[tuple[int, int, str]] = []
    for start, end, label in entities:
        refined = refine_span(text, start, end) if label in PLACE_LABELS else None
        if refined is None or refined.trigger is not None:
            out.append((start, end, label))
            continue
        a, b = refined.start, refined.end
        blank = text.find("\n\n", a, b)
        b = blank if blank > a else b  # a title's entity running into the body
        surface = text[a:b]
        if (not surface[:1].isupper() or not re.search(r"[\s-]", surface) or INSTITUTIONS.match(surface)
                or _ORGANISATION_HEAD.match(surface) or lookup(surface)
                or (rules.lang == "en" and _directed(surface, lookup))):
            out.append((start, end, label))  # "université de Caen", "Conseil général de Vaud": other rules decide
            continue
        names = [(a + x, a + y) for x, y in name_spans(surface)]
        inner = [(x, y) for x, y in ruler_spans(text, lookup=lookup, taken=[], names=names,
                                                 disabled=rules.disabled)
                 if _whole_parts(text, x, y, a, b, lookup)]
        if any(_OWN_NAME_TIERS.isdisjoint(m.tier for m in lookup(text[x:y])) for x, y in inner):
            inner = []  # "Observatoire de La Silla": "Silla" is only an old name of Korea, no place of its own
        elif any(_JOINED_AFTER.match(text, y, b) or _JOINED_BEFORE.search(text, a, x) for x, y in inner):
            inner = []  # "Bab el-Tebbaneh", "Ras al-Khaimah": an Arabic article joins the words into one name
        beside = [m.group() for x, y in inner for m in (_WORD_BEFORE.search(text, a, x), _WORD_AFTER.match(text, y, b))
                  if m is not None]
        if any(lookup(w.strip()) for w in beside):
            inner = []  # "Paris Saint-Germain": two names side by side are one (a club's), not "Ouganda Aliou Cissé"
        if not inner or inner == [(a, b)]:
            out.append((start, end, label))
            continue
        rules.event("unknown_span_split", "refined", text, start, end,
                    "into " + ", ".join(repr(text[x:y]) for x, y in inner))
        out += [(x, y, label) for x, y in inner]
    return out


#: A place entity ending in an abbreviated name word and its dot ("Fort St."), then the rest of the name (" John").
_ABBREVIATED_END = re.compile(rf"(?<![\w.])(?:{alternation(en.NAME_ABBREVIATIONS)})$")
_NAME_REST = re.compile(r" [A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}")


def _abbreviated_names(text: str, entities: Sequence[tuple[int, int, str]], lookup: Lookup,
                       rules: Rules) -> list[tuple[int, int, str]]:
    """Place entities the recogniser cut at an abbreviation's dot inside a name, run on to the name's end when the
    gazetteer knows the whole (rule ``abbreviated_name_words``): "Fort St." and "John" are "Fort St. John"; the
    entities the longer name covers go. "Wooster St." (a street) before a new sentence stays as it is.

    >>> from geonews.model import LatLon, Place
    >>> town = Place("t", "Fort St. John", LatLon(0, 0), "town", "CA", population=21000)
    >>> lookup = lambda name: [NameMatch(town, "main", name)] if name == "Fort St. John" else []
    >>> text = "near Fort St. John will be"
    >>> [text[a:b] for a, b, _ in _abbreviated_names(text, [(5, 13, "GPE"), (14, 18, "PERSON")], lookup, _ALL)]
    ['Fort St. John']
    """
    out: list[tuple[int, int, str]] = []
    drop_until = -1
    for start, end, label in entities:
        if start < drop_until:
            continue
        rest = _NAME_REST.match(text, end) if label in PLACE_LABELS and _ABBREVIATED_END.search(
            text, max(start, end - 5), end) else None
        if rest is not None:
            # the longest run of the name words after the dot that the gazetteer knows with the start
            words = rest.group().split(" ")[1:]
            for n in range(len(words), 0, -1):
                new_end = end + len(" ".join(["", *words[:n]]))
                refined = refine_span(text, start, new_end)
                if lookup(text[refined.start : refined.end]):
                    rules.event("abbreviated_name_words", "refined", text, start, new_end,
                                f"from {text[start:end]!r}")
                    out.append((start, new_end, label))
                    drop_until = new_end
                    break
            else:
                out.append((start, end, label))
            continue
        out.append((start, end, label))
    return out


#: What lies between two pieces of one name the French tokenizer cut at a capitalised elision: " N'" ("Fada
#: N'Gourma"), " D'" ("Sidi D'Amar"): a space, one capital letter, an apostrophe.
_ELIDED_GAP = re.compile(r"[ ]?[A-Z]['’]")


def _elided_joins(text: str, entities: Sequence[tuple[int, int, str]], lookup: Lookup,
                  rules: Rules) -> list[tuple[int, int, str]]:
    """Two place entities with only a capitalised elision between them are one name when the gazetteer knows
    the whole (rule ``elided_names``): the French tokenizer reads "N'" as the negation's, so the recogniser
    finds "Fada" and "Gourma" in "Fada N'Gourma" (Burkina Faso), two wrong places.

    >>> from geonews.model import LatLon, Place
    >>> town = Place("t", "Fada N'gourma", LatLon(12.06, 0.36), "town", "BF", population=73000)
    >>> lookup = lambda name: [NameMatch(town, "main", name)] if name == "Fada N'Gourma" else []
    >>> text = "à Fada N'Gourma, hier"
    >>> [text[a:b] for a, b, _ in _elided_joins(text, [(2, 6, "LOC"), (9, 15, "LOC")], lookup, _ALL)]
    ["Fada N'Gourma"]
    """
    out: list[tuple[int, int, str]] = []
    for start, end, label in entities:
        if out and label in PLACE_LABELS and out[-1][2] in PLACE_LABELS and _ELIDED_GAP.fullmatch(
                text, out[-1][1], start):
            first = out[-1][0]
            if lookup(text[first:end]):
                rules.event("elided_names", "refined", text, first, end, f"from {text[first:out[-1][1]]!r}")
                out[-1] = (first, end, out[-1][2])
                continue
        out.append((start, end, label))
    return out


def _without_possessives(text: str, entities: Sequence[tuple[int, int, str]], lookup: Lookup,
                         rules: Rules) -> list[tuple[int, int, str]]:
    """Place entities that end in an English possessive the gazetteer does not know with it, without it (rule
    ``possessives``): "San Francisco's roads" is San Francisco; "St. John's" stays whole.

    >>> from geonews.model import LatLon, Place
    >>> places = {"San Francisco": "city", "St. John's": "city"}
    >>> def lookup(name):
    ...     kind = places.get(name)
    ...     return [NameMatch(Place("t", name, LatLon(0, 0), kind), "main", name)] if kind else []
    >>> text = "San Francisco's roads and St. John's harbour"
    >>> [text[a:b] for a, b, _ in _without_possessives(text, [(0, 15, "GPE"), (26, 36, "GPE")], lookup, _ALL)]
    ['San Francisco', "St. John's"]
    """
    out: list[tuple[int, int, str]] = []
    for start, end, label in entities:
        if label in PLACE_LABELS and text[start:end].endswith(en.POSSESSIVES) and end - start > 2:
            refined = refine_span(text, start, end)
            if not lookup(text[refined.start : refined.end]):
                rules.event("possessives", "refined", text, start, end - 2, f"from {text[start:end]!r}")
                end -= 2
        out.append((start, end, label))
    return out


def _directed(surface: str, lookup: Lookup) -> bool:
    """Whether an English name is direction words before a name the gazetteer knows ("Western Canada", "Far North
    Queensland"): one place, read as the name after them when the gazetteer lacks the whole, never split into a
    "Western" and a "Canada".

    >>> lookup = lambda name: ["x"] if name == "Canada" else []
    >>> _directed("Western Canada", lookup), _directed("Western Tanzania Fund", lookup), _directed("Canada", lookup)
    (True, False, False)
    """
    m = DIRECTION_PREFIX.match(surface)
    return m is not None and bool(lookup(surface[m.end():]))


#: Name tiers that make a piece of a longer span a place of its own: a main or language-tagged name.
_OWN_NAME_TIERS = frozenset({"main", "fr", "en", "user"})
_ORGANISATION_HEAD = re.compile(rf"(?:{alternation(fr.ORGANISATION_NOUNS)})\b", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"[A-ZÀ-Ý][\w'’-]* $")
_WORD_AFTER = re.compile(r" [A-ZÀ-Ý][\w'’-]*")
_JOINED_AFTER = re.compile(rf"[ -](?:{alternation(press.ARABIC_ARTICLES)})-\w", re.IGNORECASE)
_JOINED_BEFORE = re.compile(rf"\b(?:{alternation(press.ARABIC_ARTICLES)})-$", re.IGNORECASE)


def _repeats(article: Article, sentences: SentenceIndex, found: Sequence[Mention],
             entities: Sequence[tuple[int, int, str]], rules: Rules) -> list[Mention]:
    """The other occurrences of the article's place names (rule ``repeated_names``): a title's "Khan Younès :"
    the recogniser called a person, once the body has the place. Not inside a longer entity (but for one running
    across a blank line), nor after a title or honorific ("M. Washington")."""
    text = article.text
    organisations = {text[a:b] for a, b, label in entities if label in TRIGGERED_LABELS}  # "le Hamas" somewhere
    names = {m.text for m in found if m.kind == "place" and m.label not in ("VENUE", "STREET")
             and len(m.text) >= 3 and m.text[:1].isupper() and m.text not in organisations}
    if not names:
        return []
    spans = SpanSet([(m.start, m.end) for m in found])
    out: list[Mention] = []
    for start, end in whole_occurrences(text, names):
        if spans.overlaps(start, end) or after_person_title(text, start):
            continue
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if before is not None and normalize_name(before.group()) not in stop_word_keys():
            continue  # "Margaret Harris": part of another name
        if any(a < end and start < b
               and (label in PLACE_LABELS or ((a, b) != (start, end) and "\n\n" not in text[a:b].strip()))
               for a, b, label in entities):
            continue  # inside a longer name ("Paris Saint-Germain"), or a place entity another rule dropped
        if opens_segment(text, start) and common_word(text, text[start:end]):
            continue  # "— Marin ferme … le marin": a common noun
        mention = _mention(article, sentences, start, end, "LOC", rules)
        if mention is not None and mention.text == text[start:end]:
            rules.event("repeated_names", "proposed", text, start, end)
            out.append(mention)
    return out


#: A character that continues a word: a name is found whole only between two characters that are not.
_WORDISH = re.compile(r"[\w'’-]")


def whole_occurrences(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where ``names`` occur in ``text`` as whole words, left to right, the longest at a place, none overlapping
    (what a regex alternation of the names, longest first, between word boundaries finds; without compiling
    one per article).

    >>> text = "Saint-Denis et Denis; Saint-Denis-de-la-Réunion, Denisville, Denis."
    >>> [text[a:b] for a, b in whole_occurrences(text, {"Denis", "Saint-Denis"})]
    ['Saint-Denis', 'Denis', 'Denis']
    """
    found: list[tuple[int, int]] = []
    for name in names:
        if not name:
            continue
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if not (at > 0 and _WORDISH.match(text, at - 1)) and not _WORDISH.match(text, end):
                found.append((at, end))
            at = text.find(name, at + 1)
    found.sort(key=lambda span: (span[0], -span[1]))
    out: list[tuple[int, int]] = []
    for start, end in found:
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out


#: A capitalised article opening a name: "Le Port", "La Possession".
_NAME_ARTICLE = re.compile(r"(?:Le|La|Les|L['’])\s*")


def _article_name(text: str, start: int, end: int, lookup: Lookup) -> int | None:
    """The start of a town's name that opens with a capitalised article the narrowing took off, when the gazetteer
    knows the whole as a settlement under a real name (rule ``article_names``: "Le Port" is a town of La Réunion).

    >>> from geonews.model import LatLon, Place
    >>> town = Place("t", "Le Port", LatLon(0, 0), "town", "RE", population=33000)
    >>> lookup = lambda name: [NameMatch(town, "main", name)] if name == "Le Port" else []
    >>> _article_name("Saint-Paul et Le Port.", 14, 21, lookup), _article_name("le Port.", 0, 7, lookup)
    (14, None)
    """
    m = _NAME_ARTICLE.match(text, start, end)
    if m is None:
        return None
    ok = any(x.tier in ("main", "fr", "en", "user") and x.place.feature in ("city", "town", "village", "capital")
             for x in lookup(text[start:end]))
    return start if ok else None


def _whole_parts(text: str, x: int, y: int, a: int, b: int, lookup: Lookup) -> bool:
    """Whether ``text[x:y]``, found inside ``text[a:b]``, is a whole word, or a part of a hyphenated word whose
    parts are all notable places: "Niger-Mali", not "Toulouse-Lautrec" or "Bissau-Guinéen"."""
    m = re.search(r"[\w'’-]*$", text[a:x])
    n = re.match(r"[\w'’-]*", text[y:b])
    word = text[x - len(m.group()) if m else x : y + (len(n.group()) if n else 0)]
    if word == text[x:y]:
        return True
    return all(part and is_notable(lookup(part)) for part in word.split("-"))


def _trace_ruler(rules: Rules, text: str, start: int, end: int, lookup: Lookup, *,
                 weak: Sequence[tuple[int, int]], persons: Sequence[tuple[int, int]]) -> None:
    """Trace a span of the gazetteer ruler: the rule that took it, and the rules that shaped its name."""
    rules.event("gazetteer_ruler" if is_notable(lookup(text[start:end])) else "local_towns", "proposed", text,
                start, end)
    if "." in text[start:end]:
        rules.event("dotted_abbreviations", "proposed", text, start, end)
    if "¬" in text[start:end]:
        rules.event("ocr_line_breaks", "proposed", text, start, end)
    if text.startswith(("’s", "'s"), end):
        rules.event("possessives", "refined", text, start, end, f"from {text[start:end + 2]!r}")
    if SpanSet(weak).overlaps(start, end):
        rules.event("headline_capitals", "proposed", text, start, end)
    if SpanSet(persons).overlaps(start, end):
        rules.event("english_lone_persons", "proposed", text, start, end)


def _notable_country(matches: Sequence[NameMatch]) -> str | None:
    """The country of the best notable match of a name, if any."""
    for m in matches:
        if is_notable([m]):
            return m.place.country_code
    return None


def _ruler_countries(found: Sequence[Sequence[NameMatch]]) -> frozenset[str]:
    """The countries an English article names, by the ruler's finds: countries and regions (rule
    ``english_local_towns``; the French model's place entities, which would tell them, are dropped)."""
    return frozenset(m.place.country_code for matches in found for m in matches if m.place.country_code
                     if m.place.feature in ("country", "admin1") and m.tier in ("main", "en", "fr", "user"))


def mentions_from_entities(
    article: Article,
    entities: Iterable[tuple[int, int, str]],
    *,
    sentences: SentenceIndex | None = None,
    lookup: Lookup | None = None,
    drop_unknown: bool = True,
    disabled: frozenset[str] = frozenset(),
    trace: list[TraceEvent] | None = None,
    scheme: LabelScheme | None = None,
) -> list[Mention]:
    """Place mentions among ``entities`` (sorted, non-overlapping).

    With a gazetteer ``lookup``, the gazetteer ruler adds the notable places
    the recogniser missed, the span rules add street addresses, the venues of
    French listings and names cued by the words before them, capitalised
    common nouns and persons are dropped, and demonyms become mentions of
    kind ``"adjective"``. ``drop_unknown`` drops
    a one-word name the gazetteer does not know (usually a surname); turn it
    off when an online geocoder may know it. ``scheme`` says what the labels
    mean (:mod:`geonews.extract.labels`; by default: told by the labels themselves).

    Each step is a named rule of :mod:`geonews.extract.rules`; ``disabled``
    switches rules off by name, and ``trace``, when a list, receives what each
    rule proposed, refined or dropped:

        >>> from geonews.model import Article
        >>> art = Article(id="a", text="Le code R-4 et la ville de Lyon.")
        >>> trace = []
        >>> [m.text for m in mentions_from_entities(art, [(8, 11, "LOC"), (15, 31, "LOC")], trace=trace)]
        ['Lyon']
        >>> print("\\n".join(str(e) for e in trace))
        8-11 'R-4': proposed by ner_places
        8-11 'R-4': dropped by codes_dropped
        15-31 'la ville de Lyon': proposed by ner_places
        27-31 'Lyon': refined by toponym_narrowing  (from 'la ville de Lyon', trigger 'la ville de')
        >>> [m.text for m in mentions_from_entities(art, [(8, 11, "LOC")], disabled=frozenset({"codes_dropped"}))]
        ['R-4']
    """
    entities = sorted(entities)
    scheme = scheme or scheme_of(label for _s, _e, label in entities)
    known: dict[int, Sequence[NameMatch]] = {}  # each recognised name is looked up once
    sentences = sentences or SentenceIndex(article.text)
    text = article.text
    # the French model on English text labels places as organisations and "misc" freely:
    # there only persons keep the ruler out, elsewhere every entity does (upper case aside)
    english = lookup is not None and (article.lang or detect_lang(text)).startswith("en")
    rules = Rules(disabled, "en" if english else "fr", trace)
    rules.disabled = frozenset(name for name in RULES if not rules.on(name))  # the language's rules too
    if lookup is not None and rules.on("elided_names"):
        entities = _elided_joins(text, entities, lookup, rules)
    if lookup is not None and rules.on("abbreviated_name_words"):
        entities = _abbreviated_names(text, entities, lookup, rules)
    if lookup is not None and rules.on("possessives"):
        entities = _without_possessives(text, entities, lookup, rules)
    if lookup is not None and rules.on("unknown_span_split"):
        entities = _split_unknown(text, entities, lookup, rules)
    cue = (PLACE_OF if rules.on("ocr_cue_spellings") else PLACE_OF_MODERN) if rules.on("cued_names") else PLACE_OF_OCR
    # venues of a French listing ("GYMNASE, 8 h. 30") first: their names are also towns' ("MARIGNY")
    venues = [] if lookup is None or not rules.on("venues") else venue_spans(text, taken=[])
    for start, end in venues:
        rules.event("venues", "proposed", text, start, end)
    out: list[Mention] = [_listed(article, sentences, start, end, "VENUE", "venue") for start, end in venues]
    venue_set = SpanSet(venues)
    last_end = -1
    unknown: set[tuple[int, int]] = set()  # place entities dropped as one unknown word
    # a French model's places on English text: the gazetteer ruler does better (see the rule)
    french_on_english = english and scheme is WIKINER
    foreign = french_on_english and rules.on("french_model_places_on_english")
    for start, end, label in entities:
        if label in scheme.demonyms:
            if (lookup is not None and rules.on("english_demonyms") and start >= last_end
                    and not venue_set.overlaps(start, end)):
                demonym = _demonym(article, sentences, start, end, label, lookup, rules)
                if demonym is not None:
                    known[demonym.start] = lookup(demonym.text)
                    out.append(demonym)
                    last_end = end
            continue
        if label in PLACE_LABELS and foreign:
            if trace is not None:
                rules.event("french_model_places_on_english", "dropped", text, start, end, label)
            continue
        if label in PLACE_LABELS:
            proposer = "ner_places"
        elif label in TRIGGERED_LABELS:
            proposer = "triggered_misc"
        elif label == "PER" and lookup is not None and not english and rules.on("locative_entities"):
            proposer = "locative_entities"  # that rule alone looks at a person
        else:
            continue
        if start < last_end or venue_set.overlaps(start, end):
            continue
        mention = None
        if proposer != "locative_entities" and rules.on(proposer):
            if trace is not None and (label in PLACE_LABELS or refine_span(text, start, end).trigger is not None):
                rules.event(proposer, "proposed", text, start, end, "" if label in PLACE_LABELS else label)
            mention = _mention(article, sentences, start, end, label, rules)
        if (mention is None and label in TRIGGERED_LABELS and lookup is not None
                and rules.on("misc_nested_place")):
            mention = _misc_place(article, sentences, start, end, label, lookup, rules)
            if mention is not None and trace is not None:
                rules.event("misc_nested_place", "proposed", text, mention.start, mention.end,
                            f"in {label} {text[start:end]!r}")
        if (mention is None and label != "LOC" and label not in PLACE_LABELS and lookup is not None and not english
                and rules.on("locative_entities") and _locative_entity(text, start, end, label, lookup)):
            mention = _mention(article, sentences, start, end, "LOC", rules)
            if mention is not None:
                rules.event("locative_entities", "proposed", text, mention.start, mention.end, label)
        if mention is not None and lookup is not None:
            matches = known[mention.start] = lookup(mention.text)
            if not matches and english and rules.on("public_body_places"):
                body = _public_body_place(text, mention.start, mention.end, lookup)
                if body is not None:  # "Metcalfe County Sheriff's Office" as a facility: Metcalfe County
                    rules.event("public_body_places", "refined", text, mention.start, body,
                                f"from {mention.text!r}")
                    mention = replace(mention, end=body, text=text[mention.start:body])
                    matches = known[mention.start] = lookup(mention.text)
            kind = classify(mention.text, matches, rules.disabled)
            if kind is None and mention.trigger is None and mention.start > start and rules.on("article_names"):
                opening = _article_name(text, start, mention.end, lookup)
                if opening is not None:  # "Le Port": a town, not the generic noun "Port"
                    rules.event("article_names", "refined", text, opening, mention.end)
                    mention = replace(mention, start=opening, text=text[opening:mention.end])
                    matches = known[mention.start] = lookup(mention.text)
                    kind = "place"
            if kind is None and mention.trigger is None:
                rules.event("generic_nouns_dropped", "dropped", text, mention.start, mention.end)
                continue  # but "département du Nord" is a place
            kind = kind or "place"
            if (drop_unknown and rules.on("unknown_word_dropped") and not matches
                    and _UNKNOWN_WORD.fullmatch(mention.text) and mention.trigger is None):
                if not (rules.on("locative_exception") and _locative(text, mention.start, cue)):
                    rules.event("unknown_word_dropped", "dropped", text, mention.start, mention.end)
                    unknown.add((start, end))  # the ruler may still find a longer name there ("Tel Aviv")
                    continue  # one unknown word: a surname or a common noun far more often than a place
                rules.event("locative_exception", "refined", text, mention.start, mention.end, "kept")
            if (rules.on("common_word_dropped") and mention.trigger is None and _UNKNOWN_WORD.fullmatch(mention.text)
                    and not is_sure(matches) and opens_segment(text, mention.start)
                    and common_word(text, mention.text)):
                rules.event("common_word_dropped", "dropped", text, mention.start, mention.end)
                continue  # "— Cote officielle…", "Crystal meth is…": a word the text also writes in lower case
            if kind != mention.kind:
                rules.event("demonym_adjective", "refined", text, mention.start, mention.end, kind)
                mention = replace(mention, kind=kind)
        if mention is not None:
            out.append(mention)
            last_end = end
    if lookup is None:
        return out
    persons = scheme.persons
    blocking = persons if french_on_english else persons | scheme.blocking
    breaks = rules.on("entity_breaks")
    taken = [(m.start, m.end) for m in out]
    # a place entity opening with a lower-case word that gave no mention ("procureur général d'Ukraine")
    lower_places = [(start, end) for start, end, label in entities if label in PLACE_LABELS
                    and breaks and not text[start:start + 1].isupper()
                    ] if rules.on("ner_places") and not foreign else []
    if rules.on("ner_places") and not foreign:
        taken += [(start, end) for start, end, label in entities if label in PLACE_LABELS
                  if (start, end) not in lower_places and (start, end) not in unknown]
    # a lone word an English model calls a person is a surname when the text also names the person in full
    full_names = {w for a, b, label in entities if label in persons and " " in text[a:b] for w in text[a:b].split()}
    weak = [(start, end) for start, end, label in entities
            if label in blocking and not (english and label in persons and rules.on("english_lone_persons")
                                          and _lone_word(text, start, end)
                                          and (french_on_english or text[start:end] not in full_names))]
    if english and rules.on("public_body_places"):  # "Calgary MLA Sandra Jansen": the person is from "MLA" on
        weak = [_after_body_place(text, start, end, lookup, rules) for start, end in weak]
    whole = SpanSet([*weak, *lower_places])  # the entities before their breaks
    if breaks:  # a person's name is one name ("M. Pedro Gutierrez Alfaro", "la princesse Charlotte"), not across
        # a spaced dash ("won by Mr Trump - Wisconsin and Pennsylvania")
        person_spans = SpanSet([(start, end) for start, end, label in entities if label in persons])
        weak = [part for start, end in (*weak, *lower_places)
                for part in ([(start, end)] if person_spans.overlaps(start, end)
                             and _SPACED_DASH.search(text, start, end) is None
                             else [_blocking_part(text, start, end, lookup)])
                if part is not None]
    weak_set = SpanSet(weak)
    if not rules.on("headline_capitals"):
        taken, weak = taken + weak, []
    countries = frozenset(
        cc for m in out if m.kind == "place" and m.start in known  # venues were not looked up
        for cc in [_notable_country(known[m.start])] if cc is not None
    ) if rules.on("local_towns") else frozenset()
    # one pass over the text for the ruler and the cue rule
    names = name_spans(text, dotted=rules.on("dotted_abbreviations"), line_breaks=rules.on("ocr_line_breaks"))
    ruler_countries: frozenset[str] = frozenset()
    if rules.on("gazetteer_ruler") or rules.on("local_towns"):
        if english and not countries and rules.on("local_towns") and rules.on("english_local_towns"):
            countries = ruler_countries = _ruler_countries([lookup(text[a:b]) for a, b in ruler_spans(
                text, lookup=lookup, taken=taken, weak=weak, names=names, disabled=rules.disabled,
                state_abbreviations=rules.on("state_abbreviations"))])
        for start, end in ruler_spans(text, lookup=lookup, taken=taken, weak=weak, countries=countries, names=names,
                                      disabled=rules.disabled, trace=trace,
                                      state_abbreviations=rules.on("state_abbreviations"),
                                      local_whole=english and rules.on("english_local_towns"),
                                      public_bodies=english and rules.on("public_body_places")):
            if not rules.on("gazetteer_ruler") and is_notable(lookup(text[start:end])):
                continue
            if (breaks and whole.overlaps(start, end) and not weak_set.overlaps(start, end)
                    and not is_notable(lookup(text[start:end]))):
                continue  # inside an entity, after its break: notable places only ("chœur de Marin" is not)
            mention = _mention(article, sentences, start, end, "GAZ", rules)
            if mention is not None:
                if trace is not None:
                    _trace_ruler(rules, text, start, end, lookup, weak=weak, persons=[
                        (a, b) for a, b, label in entities if label in persons and (a, b) not in weak])
                    if breaks and whole.overlaps(start, end) and not weak_set.overlaps(start, end):
                        rules.event("entity_breaks", "proposed", text, start, end)
                    if ruler_countries and not is_notable(lookup(text[start:end])):
                        rules.event("english_local_towns", "proposed", text, start, end)
                out.append(mention)
    taken += [(m.start, m.end) for m in out]
    for start, end in road_spans(text, taken=[(m.start, m.end) for m in out]) if rules.on("roads") else []:
        rules.event("roads", "proposed", text, start, end)
        out.append(_listed(article, sentences, start, end, "STREET", "street"))  # "la D 349"
    for start, end in street_spans(text, taken=[(m.start, m.end) for m in out]) if rules.on("streets") else []:
        rules.event("streets", "proposed", text, start, end)
        out.append(_listed(article, sentences, start, end, "STREET", "street"))  # French street words
    taken += [(m.start, m.end) for m in out]
    cueing = rules.on("cued_names") or rules.on("ocr_cue_spellings")
    for start, end in cued_spans(text, taken=taken, names=names, cue=cue) if cueing else []:
        mention = _mention(article, sentences, start, end, "CUE", rules)
        if mention is not None:
            if trace is not None:
                rules.event("cued_names" if PLACE_OF_MODERN.search(text, max(0, start - 40), start) else
                            "ocr_cue_spellings", "proposed", text, start, end)
            out.append(mention)
    if rules.on("repeated_names"):
        out += _repeats(article, sentences, out, entities, rules)
    if rules.on("surnames_dropped"):
        family = surnames(text, names, lookup)
        if family:
            kept = []
            for m in out:
                surname = m.text in family and m.trigger is None and not _locative(text, m.start)
                found = lookup(m.text) if surname else None
                if found is not None and not (is_sure(found) or any(x.tier == "fr" for x in found)):
                    rules.event("surnames_dropped", "dropped", text, m.start, m.end)
                    continue
                kept.append(m)
            out = kept
    if rules.on("organisation_nouns"):
        named = {m.group("name") for m in _ORGANISATION_NOUN.finditer(text)}
        if named:
            kept = []
            for m in out:
                if m.text in named and not is_sure(lookup(m.text)):
                    rules.event("organisation_nouns", "dropped", text, m.start, m.end)
                    continue
                kept.append(m)
            out = kept
    if rules.on("organisation_names_dropped"):
        kept = []
        for m in out:
            if m.label not in ("VENUE", "STREET") and organisation_name(text, m.start, m.end, lookup):
                rules.event("organisation_names_dropped", "dropped", text, m.start, m.end)
                continue
            kept.append(m)
        out = kept
    out.sort(key=lambda m: m.start)
    return out


#: Kinds of place a public body serves ("Laurel County Sheriff's Office", "Bantam Superior Court").
_BODY_PLACES = frozenset({"admin1", "admin2", "admin3", "region", "city", "town", "village", "capital"})


def _public_body_place(text: str, start: int, end: int, lookup: Lookup) -> int | None:
    """The end of the county or town that opens ``text[start:end]``, the name of a public body the gazetteer does
    not know as a whole (rule ``public_body_places``), or ``None``.

    >>> from geonews.model import LatLon, Place
    >>> county = Place("t", "Laurel County", LatLon(0, 0), "admin2", "US")
    >>> lookup = lambda name: [NameMatch(county, "main", name)] if name == "Laurel County" else []
    >>> text = "Laurel County Sheriff's Office; Laurel County Eggs"
    >>> _public_body_place(text, 0, 30, lookup), _public_body_place(text, 32, 50, lookup)
    (13, None)
    """
    for i in range(start + 1, end):
        if text[i] == " " and public_body_head(text, i) is not None and any(
                m.tier in ("main", "en", "fr", "user") and m.place.feature in _BODY_PLACES
                for m in lookup(text[start:i])):
            return i
    return None


def _after_body_place(text: str, start: int, end: int, lookup: Lookup, rules: Rules) -> tuple[int, int]:
    """A person entity less the place that opens it before a public office ("Calgary MLA Sandra Jansen": "MLA
    Sandra Jansen" keeps the ruler out, "Calgary" is free; rule ``public_body_places``)."""
    body = _public_body_place(text, start, end, lookup)
    if body is None:
        return start, end
    rules.event("public_body_places", "refined", text, body + 1, end, f"from {text[start:end]!r}")
    return body + 1, end


def _demonym(article: Article, sentences: SentenceIndex, start: int, end: int, label: str, lookup: Lookup,
             rules: Rules) -> Mention | None:
    """A nationality entity (OntoNotes' ``NORP``: "Turkish", "Russians") the gazetteer knows as a demonym: a
    mention of kind ``"adjective"`` (rule ``english_demonyms``); ``None`` for a religion, a party or a people
    without a place ("Muslim", "Republicans", "Kurds")."""
    mention = _mention(article, sentences, start, end, label, rules)
    if mention is None or classify(mention.text, lookup(mention.text), rules.disabled) != "adjective":
        return None
    rules.event("english_demonyms", "proposed", article.text, mention.start, mention.end, label)
    return replace(mention, kind="adjective")


def mentions_from_spans(article: Article, spans: Sequence[tuple[int, int]], *, label: str = "GOLD") -> list[Mention]:
    """Mentions for given spans (``geonews resolve``): offsets kept exactly as given."""
    sentences = SentenceIndex(article.text)
    out = []
    for start, end in spans:
        s_start, sentence, cut_before, cut_after = sentences.context_at(start, end)
        before = hint_before(article.text, start) or hint_after(article.text, end)
        out.append(
            Mention(
                article_id=article.id,
                start=start,
                end=end,
                text=article.text[start:end],
                sentence=sentence,
                sentence_start=s_start,
                label=label,
                hint=before[1] if before else None,
                trigger=before[0] if before else None,
                sentence_cut=(cut_before, cut_after),
            )
        )
    return out
