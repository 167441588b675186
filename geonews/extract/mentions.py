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
from geonews.extract.lang import detect_lang
from geonews.extract.ruler import (
    PLACE_OF,
    Lookup,
    after_person_title,
    classify,
    common_word,
    cued_spans,
    is_notable,
    is_sure,
    name_spans,
    opens_segment,
    ruler_spans,
    street_spans,
    venue_spans,
)
from geonews.extract.sentences import SentenceIndex
from geonews.extract.spans import hint_after, hint_before, refine_span
from geonews.gazetteer.store import NameMatch
from geonews.model import Article, Mention

__all__ = ["PLACE_LABELS", "mentions_from_entities", "mentions_from_spans"]

#: NER labels taken as places as they are (French models: LOC; English: GPE/LOC/FAC).
PLACE_LABELS = frozenset({"LOC", "GPE", "FAC"})
#: Labels kept only when a generic place word starts them ("cosmodrome de Vostotchny" is MISC).
TRIGGERED_LABELS = frozenset({"MISC", "ORG"})


#: A recognised place whose name opens with a lower-case generic word: "mer Noire", "lac de Bretaye".
_GENERIC_HEAD = re.compile(r"^[a-zà-ÿ][\w’'-]*\s+(?:(?:de\s+la|de|du|des)\s+|d['’]\s*|l['’]\s*)?[A-ZÀ-ÝŒ]")


#: A code or a number, not a name: no word of three letters ("R-4", "96 N", "RM4.50").
_CODE = re.compile(r"^(?=.*\d)(?!.*[^\W\d_]{3})")


def _mention(article: Article, sentences: SentenceIndex, start: int, end: int, label: str) -> Mention | None:
    refined = refine_span(article.text, start, end)
    text = article.text[refined.start : refined.end]
    if not text or not (text[0].isupper() or text[0].isdigit()
                        or (label in PLACE_LABELS and _GENERIC_HEAD.match(text))):
        return None
    if _CODE.match(text):
        return None
    if label in TRIGGERED_LABELS and (refined.trigger is None or refined.start == start):
        return None
    s_start, sentence, cut_before, cut_after = sentences.context_at(refined.start, refined.end)
    return Mention(
        article_id=article.id,
        start=refined.start,
        end=refined.end,
        text=text,
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
    r"(?:^|[\s(])(?:à|au|aux|près\s+de|vers|jusqu['’]à|depuis|at|near)\s+(?:la\s+|le\s+|les\s+|l['’]\s*)?$",
    re.IGNORECASE,
)

#: A named event or body "of" a place, lower-case head first: "conférence de Genève", "siège de
#: Paris", "coupe d'Europe". The place inside is a place mention of its own (as annotators mark it).
_NESTED_OF = re.compile(r"^[a-zà-ÿ][\w’'-]*(?:\s+[a-zà-ÿ][\w’'-]*){0,3}\s+(?:de\s+l['’]\s*|de\s+|d['’]\s*|du\s+)"
                        r"(?P<name>[A-ZÀ-Ý][\w’'-]*(?:[\s-]+[A-ZÀ-Ý][\w’'-]*){0,3})$")
#: What a whole "misc" entity may be when the gazetteer knows it under a tagged name ("Moyen-Orient").
_AREA_FEATURES = frozenset({"continent", "country", "region", "admin1", "sea", "ocean", "mountain_range", "desert"})


def _locative(text: str, start: int) -> bool:
    window = text[max(0, start - 40) : start]
    return bool(_LOCATIVE_BEFORE.search(window) or PLACE_OF.search(window))


def _misc_place(article: Article, sentences: SentenceIndex, start: int, end: int, label: str,
                lookup: Lookup) -> Mention | None:
    """A place inside a MISC/ORG entity: the whole entity if it is a known area, or the place "of" it."""
    text = article.text[start:end]
    m = _NESTED_OF.match(text)
    if m is not None:
        inner_start = start + m.start("name")
        if is_notable(lookup(m.group("name"))):
            return _mention(article, sentences, inner_start, end, "LOC")
        return None
    if label != "MISC" or not text[:1].isupper():
        return None
    matches = lookup(text)
    if any(x.tier in ("fr", "en", "main") and x.place.feature in _AREA_FEATURES for x in matches):
        return _mention(article, sentences, start, end, "LOC")
    return None


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


def _notable_country(matches: Sequence[NameMatch]) -> str | None:
    """The country of the best notable match of a name, if any."""
    for m in matches:
        if is_notable([m]):
            return m.place.country_code
    return None


def mentions_from_entities(
    article: Article,
    entities: Iterable[tuple[int, int, str]],
    *,
    sentences: SentenceIndex | None = None,
    lookup: Lookup | None = None,
    drop_unknown: bool = True,
) -> list[Mention]:
    """Place mentions among ``entities`` (sorted, non-overlapping).

    With a gazetteer ``lookup``, the gazetteer ruler adds the notable places
    the recogniser missed, the span rules add street addresses, the venues of
    French listings and names cued by the words before them, capitalised
    common nouns and persons are dropped, and demonyms become mentions of
    kind ``"adjective"``. ``drop_unknown`` drops
    a one-word name the gazetteer does not know (usually a surname); turn it
    off when an online geocoder may know it.
    """
    entities = sorted(entities)
    known: dict[int, Sequence[NameMatch]] = {}  # each recognised name is looked up once
    sentences = sentences or SentenceIndex(article.text)
    # the French model on English text labels places as organisations and "misc" freely:
    # there only persons keep the ruler out, elsewhere every entity does (upper case aside)
    english = lookup is not None and (article.lang or detect_lang(article.text)).startswith("en")
    # venues of a French listing ("GYMNASE, 8 h. 30") first: their names are also towns' ("MARIGNY")
    venues = [] if lookup is None or english else venue_spans(article.text, taken=[])
    out: list[Mention] = [_listed(article, sentences, start, end, "VENUE", "venue") for start, end in venues]
    venue_set = SpanSet(venues)
    last_end = -1
    for start, end, label in entities:
        if label not in PLACE_LABELS and label not in TRIGGERED_LABELS:
            continue
        if start < last_end or venue_set.overlaps(start, end):
            continue
        mention = _mention(article, sentences, start, end, label)
        if mention is None and label in TRIGGERED_LABELS and lookup is not None:
            mention = _misc_place(article, sentences, start, end, label, lookup)
        if mention is not None and lookup is not None:
            matches = known[mention.start] = lookup(mention.text)
            kind = classify(mention.text, matches)
            if kind is None and mention.trigger is None:
                continue  # but "département du Nord" is a place
            kind = kind or "place"
            if (drop_unknown and not matches and _UNKNOWN_WORD.fullmatch(mention.text) and mention.trigger is None
                    and not _locative(article.text, mention.start)):
                continue  # one unknown word: a surname or a common noun far more often than a place
            if (mention.trigger is None and _UNKNOWN_WORD.fullmatch(mention.text) and not is_sure(matches)
                    and opens_segment(article.text, mention.start) and common_word(article.text, mention.text)):
                continue  # "— Cote officielle…", "Crystal meth is…": a word the text also writes in lower case
            if kind != mention.kind:
                mention = replace(mention, kind=kind)
        if mention is not None:
            out.append(mention)
            last_end = end
    if lookup is None:
        return out
    blocking = {"PER"} if english else {"PER", "ORG", "MISC"}
    taken = [(m.start, m.end) for m in out]
    taken += [(start, end) for start, end, label in entities if label in PLACE_LABELS]
    weak = [(start, end) for start, end, label in entities
            if label in blocking and not (english and label == "PER" and _lone_word(article.text, start, end))]
    countries = frozenset(
        cc for m in out if m.kind == "place" and m.start in known  # venues were not looked up
        for cc in [_notable_country(known[m.start])] if cc is not None
    )
    names = name_spans(article.text)  # one pass over the text for the ruler and the cue rule
    for start, end in ruler_spans(article.text, lookup=lookup, taken=taken, weak=weak, countries=countries,
                                  names=names):
        mention = _mention(article, sentences, start, end, "GAZ")
        if mention is not None:
            out.append(mention)
    taken += [(m.start, m.end) for m in out]
    for start, end in [] if english else street_spans(article.text, taken=[(m.start, m.end) for m in out]):
        out.append(_listed(article, sentences, start, end, "STREET", "street"))  # French street words
    taken += [(m.start, m.end) for m in out]
    for start, end in cued_spans(article.text, taken=taken, names=names):
        mention = _mention(article, sentences, start, end, "CUE")
        if mention is not None:
            out.append(mention)
    out.sort(key=lambda m: m.start)
    return out


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
