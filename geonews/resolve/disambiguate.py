"""Stage 4: choose a place for every mention of an article, in two passes.

Pass 1 ranks every distinct toponym on its own (name, feature, population,
trigger words). Its confident answers become the article's context: the
countries and regions it talks about and the points it is anchored on. Pass 2
ranks again with that context, each toponym's own vote removed, so
"Khassan ... dans le Primorié ... la Russie" lands near Vladivostok and not in
Iran. Mentions of the same name (and trigger) share one answer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from geonews.extract.spans import DIRECTION_PREFIX, DIRECTIONS, FEATURE_CUES, refine_span
from geonews.gazetteer.normalize import normalize_name, strip_accents
from geonews.gazetteer.store import NameMatch
from geonews.lexicon import DE_OF, alternation, en
from geonews.model import Article, Candidate, LatLon, Mention, Place, Resolution
from geonews.resolve.acronyms import defined_acronyms
from geonews.resolve.calibration import calibrated_confidence
from geonews.resolve.features import CONTEXT_FEATURES, LOCAL_KINDS, SETTLEMENTS, WEAK_TIERS, check_names
from geonews.resolve.metonymy import is_metonymic
from geonews.resolve.neighbours import (
    STATED_CONTAINERS,
    StatedPair,
    apposition_hints,
    bank_hints,
    inside,
    neighbour_evidence,
    stated_boosts,
    stated_pairs,
)
from geonews.resolve.scoring import STRICT_HINTS, Context, confidence, score_candidates
from geonews.resolve.sources import CandidateSource
from geonews.resolve.spelling import close_spellings
from geonews.resolve.weights import DEFAULT_WEIGHTS, ScoringWeights

__all__ = [
    "Explanation",
    "ResolverSettings",
    "explain_candidates",
    "format_explanation",
    "is_dateline",
    "lookup_names",
    "published_in",
    "rank_article",
    "rank_mentions",
    "resolve_article",
]


#: A preposition some annotations and recognisers keep in the span ("de Paris").
_LEADING_DE = re.compile(r"^(?:de|du|des|d['’]|of)\s*(?=\w)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ResolverSettings:
    """Knobs of the resolver (see README "How places are found and chosen")."""

    #: below this top score a toponym is left unresolved rather than guessed
    min_score: float = 1.5
    #: confidence needed for a pass-1 answer to count as context
    context_confidence: float = 0.5
    #: confidence needed for a point to serve as a spatial anchor
    anchor_confidence: float = 0.7
    #: runner-up candidates kept per resolution
    alternatives: int = 3
    #: a runner-up closer than this to the answer is the same place, not an alternative
    alternative_min_km: float = 1.0
    #: every weight of the ranking (``[scoring]`` in geonews.toml)
    weights: ScoringWeights = field(default=DEFAULT_WEIGHTS)
    #: names of features and steps switched off (see :func:`geonews.resolve.features.list_features`)
    disabled: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "disabled", check_names(self.disabled))


def lookup_names(mention: Mention) -> list[str]:
    """Names to try for a mention, most specific first.

    >>> from geonews.model import Mention
    >>> m = Mention("a", 0, 15, "gare de Khassan", "gare de Khassan", 0)
    >>> lookup_names(m)
    ['gare de Khassan', 'Khassan']
    >>> lookup_names(Mention("a", 0, 8, "de Paris", "de Paris", 0))
    ['de Paris', 'Paris']
    """
    names = [mention.text]
    refined = refine_span(mention.text, 0, len(mention.text))
    inner = mention.text[refined.start : refined.end]
    if inner and inner != mention.text:
        names.append(inner)
    bare = _LEADING_DE.sub("", names[-1])
    if bare and bare != names[-1]:
        names.append(bare)
    if "¬" in mention.text:  # an OCR line break inside a hyphenated name ("Seine¬et-Marne")
        names.append(re.sub(r"¬\s*", "-", names[-1]))
    return names


@dataclass
class _Group:
    key: tuple[str, str | None]
    query: str
    hint: str | None
    matches: list[NameMatch]
    first: Candidate | None = None
    first_confidence: float = 0.0
    first_ranked: tuple[Place, ...] = ()
    dateline: bool = False
    #: how a span the gazetteer lacks was read (see _fallback): ("facility" or "span", the span's text)
    read_as: tuple[str, str] | None = None


#: A dateline: the name, then a day number, a news agency or a dash ("PARIS, 20 (Havas). —").
_DATELINE_AFTER = re.compile(
    r"^\s*(?:,\s*(?:\d{1,2}\b|le\s+\d|\w+\s+\d{1,2}\b)|\((?:AP|AFP|Reuters|Havas|ATS|Belga|ANSA|dpa)\)|\s*[—–]\s)"
)


def is_dateline(text: str, mention: Mention) -> bool:
    """Whether a mention opens a dispatch ("PARIS, 20 (Havas).", "WASHINGTON (AP) —").

    >>> from geonews.model import Mention
    >>> text = "Nouvelles. PARIS, 20 (Havas). — Le ministre..."
    >>> is_dateline(text, Mention("a", 11, 16, "PARIS", text, 0))
    True
    >>> text = "Il vit à Paris, 20 ans après."
    >>> is_dateline(text, Mention("a", 9, 14, "Paris", text, 0))
    False
    """
    before = text[max(0, mention.start - 3) : mention.start]
    line_start = mention.start == 0 or bool(re.search(r"(?:[.!?»\n]\s*|^\s*)$", before))
    return line_start and bool(_DATELINE_AFTER.match(text[mention.end : mention.end + 30]))


#: Two-letter domains sold worldwide, which say nothing about where a site publishes from.
_VANITY_TLDS = frozenset({"ai", "am", "cc", "co", "fm", "gg", "io", "la", "ly", "me", "nu", "sh", "so", "st", "to",
                          "tv", "ws"})


def published_in(url: str | None) -> str | None:
    """The country of a news site from its country-code domain, if it has one.

    >>> published_in("https://www.cbc.ca/news/canada/london/story"), published_in("http://www.bbc.co.uk/news")
    ('CA', 'GB')
    >>> published_in("http://www.cnn.com/2015/01/01/us/story"), published_in("https://news.tv/x"), published_in(None)
    (None, None, None)
    """
    if not url:
        return None
    host = urlsplit(url.strip() if "//" in url else f"//{url.strip()}").hostname or ""
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if len(tld) != 2 or not tld.isalpha() or tld in _VANITY_TLDS:
        return None
    return "GB" if tld == "uk" else tld.upper()


def _group_mentions(mentions: Sequence[Mention]) -> dict[tuple[str, str | None], list[Mention]]:
    groups: dict[tuple[str, str | None], list[Mention]] = {}
    for m in mentions:
        groups.setdefault((normalize_name(m.text), m.hint), []).append(m)
    return groups


#: Where a recogniser's span runs on past a name: a dash or colon between words, a line break, two spaces, or a
#: hyphen between two capitalised names ("Niger-Mali", "Rwanda - RD Congo", "Damas  Source : ...").
_RUN_ON = re.compile(r"\s+[-–—:]\s*|\s*\n|\s{2,}|(?<=[^\W\d_]{3})[-–](?=[A-ZÀ-Ý][^\W\d_]{2})")
#: A name's last "de" part: "Musée des beaux-arts de Montréal", "château de Saint-Cloud", "mosquée de la Kaaba".
_LAST_OF = re.compile(r"^(?P<head>.*\S)\s+(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*"
                      r"(?P<tail>[A-ZÀ-Ý]\S*(?:[\s-]+[A-ZÀ-Ý]\S*)*)$")
#: Cue words of natural features that open a span ("Île Maurice", "île de Wight"): the name is what follows.
_CUE_HEAD = re.compile(rf"^(?P<cue>{alternation(sorted(FEATURE_CUES, key=len, reverse=True))})\s+"
                       rf"(?:{DE_OF})?(?P<name>\w.*)$", re.IGNORECASE)
#: A preposition or article before a name ("À Saint-Louis", "en Casamance").
_LEADING_WORD = re.compile(r"^(?:à|au|aux|en|dans|de|du|des|le|la|les|l['’]|in|at|the)\s*(?<=['’\s])(?=\w)",
                           re.IGNORECASE)
#: Kinds of place a span cut short may name: what a name cut out of a longer span is sure enough to be.
_PROMINENT = frozenset({"continent", "country", "capital", "admin1"})
#: What a facility may be placed at when its name ends in the place it is in.
_FACILITY_HOSTS = SETTLEMENTS | {"building", "landmark"}
#: Natural-feature hints: a feature the gazetteer lacks stays unresolved, never put on the place in its name.
_NATURAL_HINTS = frozenset({"river", "water", "sea", "lake", "island", "relief", "mountain", "venue"})
#: English words that are no place after direction words, alone: "North Eastern", "West Midlands", "South Coast".
_NO_NAME_ALONE = frozenset(w.casefold() for w in (*en.DIRECTION_PREFIXES, *en.NAME_MODIFIERS))
#: Direction words, which open compound names ("Sud-Soudan", "Nord-Kivu") rather than pairs of names.
_DIRECTION_WORDS = frozenset(DIRECTIONS)


def _prominent(found: Sequence[NameMatch], min_population: int) -> list[NameMatch]:
    return [m for m in found if m.tier not in WEAK_TIERS and (
        m.place.feature in _PROMINENT or (m.place.feature in SETTLEMENTS and m.place.population >= min_population))]


def _spelled(name: str) -> str:
    """A name compared letter for letter, articles kept ("La Silla" is not "Silla"), case, accents and hyphens not."""
    return " ".join(strip_accents(name).casefold().replace("-", " ").split())


def _fallback(source: CandidateSource, text: str, hint: str | None, settings: ResolverSettings,
              lang: str = "fr") -> tuple[str, str | None, list[NameMatch], tuple[str, str] | None]:
    """A span the gazetteer lacks as a whole: the place name inside it, and how it was read.

    Feature ``partial_name``. Tried in turn: the name before a run-on ("Kinshasa\\nLe ...", "Rwanda - RD Congo";
    at a bare hyphen only between two known names: "Niger-Mali", not "Sud-Soudan"), the name after a
    natural-feature cue, of a kind that fits the cue ("Île Maurice": the island country; "la rivière X": a
    river, never a namesake town), the settlement or landmark a facility's name ends in ("Musée des beaux-arts
    de Montréal": ``("facility", text)``), in English, the name after direction words ("Far North Queensland":
    Queensland, "North London": London), in French, the span less its last words ("Kinshasa Gentiny Ngobila",
    "Égypte pharaonique"; English puts a compound's head last: "Penn Park"). A direction is no name of its own
    ("North London" is not "North"). A name cut out of a span must be a country, a capital, a first-level region
    or a large city; a facility's host must be named exactly, articles included (tier fr, en or main).
    """
    w = settings.weights
    fits = STRICT_HINTS.get(hint) if hint else None

    def prominent(name: str) -> list[NameMatch]:
        if all(word in _DIRECTION_WORDS for word in re.split(r"[\s-]+", name.casefold())):
            return []  # "South Pacific", "North London", "Sud-Soudan": a direction is no place of its own
        return [m for m in _prominent(source.lookup(name), w.partial_min_population)
                if fits is None or m.place.feature in fits]

    run_on = _RUN_ON.search(text)
    if run_on and text[: run_on.start()].strip():
        head, rest = text[: run_on.start()].strip(), text[run_on.end() :].strip()
        found = prominent(head)
        hyphen = run_on.group().strip() in ("-", "–") and not run_on.group().startswith(" ")
        if hyphen and (head.casefold() in _DIRECTION_WORDS or not prominent(rest)):
            found = []  # "Sud-Soudan", "Saint-Cloud": one name, not two
        if found:
            # "Niger-Mali", "Rwanda - RD Congo": two places in one span, the answer is only half of it
            two = run_on.group().strip() in ("-", "–", "—") and bool(prominent(_LEADING_WORD.sub("", rest)))
            return head, hint, found, ("pair" if two else "span", text)
        if not hyphen and rest and not _CUE_HEAD.match(head):
            # "mer\n\nÀ Saint-Louis": a stray word, then the name (less its preposition)
            name = _LEADING_WORD.sub("", rest)
            found = prominent(name) if "\n" not in name and len(name.split()) <= 4 else []
            if found:
                return name, hint, found, ("span", text)
        if not hyphen:
            text = head
    cue = _CUE_HEAD.match(text)
    if cue:
        cue_hint = FEATURE_CUES[" ".join(cue.group("cue").lower().split())]
        kinds = {kind for kind, bonus in w.hint_bonus.get(cue_hint, {}).items() if bonus > 0}
        if cue_hint == "river":
            kinds.add("admin2")  # a county named after the river it drains ("la rivière Androscoggin")
        found = [m for m in source.lookup(cue.group("name")) if m.place.feature in kinds and m.tier != "translit"]
        if found:
            return cue.group("name"), cue_hint, found, ("span", text)
        return text, hint or cue_hint, [], None  # a natural feature the gazetteer lacks: never a namesake town
    if hint in _NATURAL_HINTS:
        return text, hint, [], None
    of = _LAST_OF.match(text)
    if of:
        tail = of.group("tail")
        found = [m for m in source.lookup(tail) if m.place.feature in _FACILITY_HOSTS and m.tier not in WEAK_TIERS
                 and _spelled(m.matched_name) == _spelled(tail)]
        if found:
            return tail, None, found, ("facility", text)
    direction = DIRECTION_PREFIX.match(text) if lang == "en" else None
    if direction is not None and text[direction.end() :].casefold() not in _NO_NAME_ALONE:
        # "Far North Queensland", "Western Canada", "North London": the place after them (not "North Eastern",
        # "West Midlands", "South Coast": a direction or a generic word is no place of its own there)
        found = prominent(text[direction.end() :])
        if found:
            return text[direction.end() :], hint, found, ("span", text)
    words = text.split()
    if lang == "fr" and words and words[0][:1].isupper():  # English puts the head last: "Penn Park", "Plymouth Co."
        for n in range(len(words) - 1, 0, -1):
            name = " ".join(words[:n])
            found = prominent(name)
            if found:
                return name, hint, found, ("span", text)
    return text, hint, [], None


#: A determiner before a name: a state's abbreviation never takes one ("the Wash" is a bay, not "Wash.").
_DETERMINER_BEFORE = re.compile(r"(?:^|\s)(?:the|le|la|les|l['’])\s*$", re.IGNORECASE)


def _dotted(text: str, mention: Mention) -> bool:
    """Whether the mention may be a dotted abbreviation ("Wash.", "Ky"): not a bare word after a determiner.

    >>> text = "SEATTLE, Wash. - the Wash had held; Columbia, Ky and the Ky."
    >>> [_dotted(text, Mention("a", s, s + len(n), n, text, 0)) for n, s in (("Wash", 9), ("Wash", 21),
    ...                                                                    ("Ky", 46), ("Ky", 57))]
    [True, False, True, True]
    """
    if mention.text.endswith(".") or text[mention.end : mention.end + 1] == ".":
        return True
    return not _DETERMINER_BEFORE.search(text[max(0, mention.start - 6) : mention.start])


#: A one-word abbreviation with its dot ("Wash.", "Calif.", "Ky."), not an initialism ("U.S.", "D.C.").
_ABBREVIATION = re.compile(r"[^\W\d_]{2,}\.")
_Found = tuple[str, str | None, list[NameMatch], tuple[str, str] | None]


def _matches(source: CandidateSource, mention: Mention, settings: ResolverSettings | None = None,
             lang: str = "fr", text: str | None = None) -> _Found:
    if text is not None and "defined_acronym" not in (settings.disabled if settings else ()):
        long_name = defined_acronyms(text).get(mention.text.replace(".", "").strip())
        if long_name is not None and normalize_name(long_name) != normalize_name(mention.text):
            # "le Musée d'art contemporain de Lyon (MACL) ... le MACL": the acronym means what the long name means
            query, hint, found, read_as = _matches(source, replace(mention, text=long_name), settings, lang, text)
            return query, hint, found, read_as or ("acronym", f"{mention.text}={long_name}")
    hint = mention.hint
    fits = STRICT_HINTS.get(hint) if hint else None
    # a dotted abbreviation ("Wash." for Washington) is no reading of the same letters without the dot ("the Wash")
    undotted = text is not None and not _dotted(text, mention) and "abbreviation_dot" not in (
        settings.disabled if settings else ())
    for name in lookup_names(mention):
        found = source.lookup(name)
        if fits is not None:
            found = [m for m in found if m.place.feature in fits]
        if undotted:
            found = [m for m in found if not _ABBREVIATION.fullmatch(m.matched_name)]
        if found:
            if name != mention.text and hint is None:
                hint = refine_span(mention.text, 0, len(mention.text)).hint
            return name, hint, found, None
    settings = settings or ResolverSettings()
    found_in: _Found = (mention.text, hint, [], None)
    if "partial_name" not in settings.disabled:
        found_in = _fallback(source, mention.text, hint, settings, lang)
    if found_in[2] or found_in[3] or hint in _NATURAL_HINTS or "spelling" in settings.disabled:
        return found_in
    offline = _offline(source)
    near = close_spellings(offline.lookup, mention.text, min_population=settings.weights.spelling_min_population,
                           lookup_many=getattr(offline, "lookup_many", None))
    if near is None:
        return found_in
    return near[0], hint, near[1], ("spelling", f"{mention.text}={near[0]}")


#: Kinds of place a weak namesake is: a small settlement (town, village, district).
_SMALL_PLACES = SETTLEMENTS - {"capital", "city"}


def _foreign_namesake(ranked: Sequence[Candidate], context: Context) -> bool:
    """Whether the first reading is a small settlement known under this name only as an untagged alternate, or
    named in a facility's name ("hôpital São Bernardo"), in none of the countries the article names, and
    nothing in the article backs it (step ``foreign_namesake``)."""
    if not ranked or not any(context.countries.values()):
        return False
    top = ranked[0]
    weak = top.name_tier == "alt" or (context.read_as is not None and context.read_as[0] == "facility")
    return (weak and top.place.feature in _SMALL_PLACES
            and not context.countries.get(top.place.country_code or "") and not _supported(ranked))


def _supported(ranked: Sequence[Candidate]) -> bool:
    """Whether the article itself backs the first reading: its countries, regions, anchors or neighbours."""
    return bool(ranked) and any(name in CONTEXT_FEATURES and delta > 0 for name, delta, _ in ranked[0].contributions)


def _offline(source: CandidateSource) -> CandidateSource:
    """The gazetteer under the memo, the geocode cache and any online fallback (their ``inner`` and ``primary``):
    respellings are tried there only, never sent to an online geocoder nor remembered."""
    below = getattr(source, "primary", None) or getattr(source, "inner", None)
    while below is not None:
        source, below = below, getattr(below, "primary", None) or getattr(below, "inner", None)
    return source


def _context(
    groups: Sequence[_Group], lang: str, settings: ResolverSettings, published: str | None = None
) -> Context:
    countries: Counter[str] = Counter()
    admin1s: Counter[tuple[str, str]] = Counter()
    members: Counter[tuple[str, str]] = Counter()
    anchors: list[tuple[str, LatLon]] = []
    local: list[tuple[str, LatLon]] = []
    home: set[str] = set()
    for g in groups:
        top = g.first
        if top is None or g.first_confidence < settings.context_confidence:
            continue
        if top.place.country_code:
            countries[top.place.country_code] += 1
            if g.dateline:
                home.add(top.place.country_code)
        if top.place.feature == "admin1" and top.place.country_code and top.place.admin1:
            admin1s[(top.place.country_code, top.place.admin1)] += 1
        elif top.place.country_code and top.place.admin1 and top.place.feature not in ("country", "continent"):
            members[(top.place.country_code, top.place.admin1)] += 1
        if top.place.feature not in ("country", "continent") and g.first_confidence >= settings.anchor_confidence:
            anchors.append((top.place.display_name, top.place.point))
            if top.place.feature in LOCAL_KINDS:
                local.append((top.place.display_name, top.place.point))
    return Context(lang=lang, countries=dict(countries), admin1s=dict(admin1s), anchors=tuple(anchors),
                   members=dict(members), home=frozenset(home), published=published,
                   local_anchors=tuple(local))


Key = tuple[str, str | None]


def _without_group(context: Context, g: _Group, settings: ResolverSettings, *, anchor: bool = True) -> Context:
    """``context`` minus what toponym ``g``'s confident first-pass answer put in it (its point too if ``anchor``)."""
    own_place = g.first.place if g.first and g.first_confidence >= settings.context_confidence else None
    if own_place is None:
        return context
    region = (own_place.country_code, own_place.admin1) if own_place.country_code and own_place.admin1 else None
    return context.without(
        own_place.country_code,
        region if own_place.feature == "admin1" else None,
        own_place.display_name if anchor else None,
        region if own_place.feature != "admin1" else None,
    )


@dataclass(frozen=True, slots=True)
class _Ranked:
    #: every distinct toponym's candidates, ranked with the evidence its mentions share
    groups: dict[Key, list[Candidate]]
    #: per mention (same order as the mentions): its own ranking where its own evidence (a stated
    #: location, a "place, region" neighbour) differs from its name's, else ``None`` (the group's)
    mentions: list[list[Candidate] | None]


def _other_names(source: CandidateSource, matches: Sequence[NameMatch], query: str,
                 regions: Sequence[Place], settings: ResolverSettings, top: int = 3) -> list[NameMatch]:
    """Namesakes inside ``regions`` known under another name of the best candidates ("Moscou" -> "Moscow", Idaho)."""
    seen = {m.place.id for m in matches}
    out: list[NameMatch] = []
    names: dict[str, None] = {}
    for m in matches[:top]:
        for name in (m.place.name, m.place.name_en):
            if name and normalize_name(name) != normalize_name(query):
                names.setdefault(name, None)
    for name in names:
        for found in source.lookup(name):
            if found.place.id in seen:
                continue
            if any(inside(r, found.place, admin2_km=settings.weights.stated_admin2_km) for r in regions):
                seen.add(found.place.id)
                out.append(found)
    return out


def _merge(*bonuses: Mapping[str, tuple[float, str]] | None) -> dict[str, tuple[float, str]]:
    """Several place id -> (bonus, reason) maps as one, the largest bonus of each id kept."""
    out: dict[str, tuple[float, str]] = {}
    for b in bonuses:
        for place_id, (bonus, reason) in (b or {}).items():
            if place_id not in out or out[place_id][0] < bonus:
                out[place_id] = (bonus, reason)
    return out


def _together(groups: Sequence[_Group], settings: ResolverSettings) -> dict[Key, dict[str, tuple[float, str]]]:
    """Step ``namesakes_together``: readings of two ambiguous names that lie close to each other (group key ->
    place id -> (bonus, reason))."""
    w = settings.weights
    out: dict[Key, dict[str, tuple[float, str]]] = {}
    kinds = SETTLEMENTS | {"admin2"}
    readings = [(g, [p for p in g.first_ranked[: w.together_candidates] if p.feature in kinds])
                for g in groups if len(g.first_ranked) > 1]
    for i, (g1, c1) in enumerate(readings):
        for g2, c2 in readings[i + 1:]:
            if normalize_name(g1.query) == normalize_name(g2.query):
                continue
            if g1.first_ranked[0].point.distance_km(g2.first_ranked[0].point) < w.together_far_km:
                continue  # the first readings already agree ("Norfolk … Suffolk", "Mexico … Mexico City")
            for a in c1:
                for b in c2:
                    km = a.point.distance_km(b.point)
                    if km < w.together_km and a.id != b.id:
                        out.setdefault(g1.key, {})[a.id] = (
                            w.together, f"{km:.0f} km from {b.display_name}, a reading of “{g2.query}”")
                        out.setdefault(g2.key, {})[b.id] = (
                            w.together, f"{km:.0f} km from {a.display_name}, a reading of “{g1.query}”")
    return out


def _rank(
    article: Article, mentions: Sequence[Mention], source: CandidateSource, settings: ResolverSettings,
) -> _Ranked:
    lang = (article.lang or "fr")[:2].lower()
    groups: list[_Group] = []
    empty = Context(lang=lang)
    grouped = _group_mentions(mentions)
    for key, members in grouped.items():
        query, hint, matches, read_as = _matches(source, members[0], settings, lang, article.text)
        g = _Group(key=key, query=query, hint=hint, matches=matches, read_as=read_as,
                   dateline=any(is_dateline(article.text, m) for m in members))
        if matches:
            ranked = score_candidates(matches, query=query, hint=hint, context=empty,
                                      weights=settings.weights, disabled=settings.disabled)
            g.first, g.first_confidence = ranked[0], confidence(ranked, settings.weights)
            g.first_ranked = tuple(c.place for c in ranked)
        groups.append(g)
    by_key = {g.key: g for g in groups}
    keys = [(normalize_name(m.text), m.hint) for m in mentions]
    context = _context(groups, lang, settings, published_in(article.url))
    evidence = neighbour_evidence(
        article.text,
        list(zip(mentions, keys, strict=True)),
        {g.key: g.first_ranked for g in groups},
        {g.key: g.first.place for g in groups
         if g.first is not None and g.first_confidence >= settings.context_confidence},
        weights=settings.weights,
        disabled=settings.disabled,
    )

    # stated locations, per mention: "Moscou, dans l'Idaho" (a namesake may be known by another name)
    extra: dict[int, list[NameMatch]] = {}
    stated: dict[int, dict[str, tuple[float, str]]] = {}
    pairs: list[StatedPair] = []
    if "stated_location" not in settings.disabled:
        pairs = stated_pairs(article.text, mentions, lang)
        places = [list(by_key[k].first_ranked) for k in keys]
        for pair in pairs:
            regions = [p for p in places[pair.region] if p.feature in STATED_CONTAINERS]
            readings = places[pair.place]
            if regions and readings and not any(inside(r, c, admin2_km=settings.weights.stated_admin2_km)
                                                for r in regions for c in readings):
                g = by_key[keys[pair.place]]
                found = _other_names(source, g.matches, g.query, regions, settings)
                if found:
                    extra[pair.place] = found
                    places[pair.place] = [*readings, *(m.place for m in found)]
        stated = stated_boosts(pairs, places, weights=settings.weights)

    # a short form of a settlement named in full earlier ("Montreuil-sur-Mer ... À Montreuil"): that settlement
    short_extra: dict[Key, list[NameMatch]] = {}
    if "short_form" not in settings.disabled:
        for g in groups:
            if any(keys[i] == g.key for i in stated):
                continue  # the text states where the name is: namesakes, left to per_mention and namesake_kin
            short = _short_form(g, groups, mentions, keys, settings)
            if short is not None:
                match, reason = short
                if match.place.id not in {m.place.id for m in g.matches}:
                    short_extra[g.key] = [match]
                shared_bonus = dict(evidence.shared.get(g.key, {}))
                shared_bonus[match.place.id] = (settings.weights.short_form, reason)
                evidence.shared[g.key] = shared_bonus

    if "namesakes_together" not in settings.disabled:
        for key, bonus in _together(groups, settings).items():
            evidence.shared[key] = _merge(evidence.shared.get(key), bonus)

    per_mention = "per_mention" not in settings.disabled
    shared: dict[Key, dict[str, tuple[float, str]]] = {
        key: dict(evidence.shared.get(key, {})) for key in by_key}
    shared_stated: dict[Key, dict[str, tuple[float, str]]] = {}
    shared_extra: dict[Key, list[NameMatch]] = {}
    if not per_mention:  # one answer per name: every mention's own evidence counts for all of them
        for i, key in enumerate(keys):
            shared[key] = _merge(shared.get(key), evidence.local.get(i))
            shared_stated[key] = _merge(shared_stated.get(key), stated.get(i))
            shared_extra.setdefault(key, []).extend(
                m for m in extra.get(i, ()) if m.place.id not in {x.place.id for x in shared_extra[key]})

    # a name one of whose mentions the text places ("Paris, au Texas") is no bare world city in this article
    placed = {keys[i] for i in stated}

    def off(key: Key) -> frozenset[str]:
        return settings.disabled | {"world_city"} if key in placed else settings.disabled

    rankings: dict[Key, list[Candidate]] = {}
    contexts: dict[Key, Context] = {}
    for g in groups:
        if not g.matches:
            rankings[g.key] = []
            continue
        # no self-support: neither the toponym's own answer nor, but for its point, that of the same name under
        # another trigger word ("New York" and "la ville de New York": the city does not make the state "contain
        # a place"; "la crue du Niger" still makes a later "les eaux du Niger" the river, see placed_elsewhere)
        own_context = _without_group(context, g, settings)
        if "same_name_support" not in settings.disabled:
            for sibling in groups:
                if sibling.key != g.key and normalize_name(sibling.query) == normalize_name(g.query):
                    own_context = _without_group(own_context, sibling, settings, anchor=False)
        contexts[g.key] = replace(own_context, read_as=g.read_as) if g.read_as else own_context
        rankings[g.key] = score_candidates([*g.matches, *shared_extra.get(g.key, ()), *short_extra.get(g.key, ())],
                                           query=g.query, hint=g.hint,
                                           context=contexts[g.key], boosts=shared.get(g.key, {}),
                                           stated=shared_stated.get(g.key, {}),
                                           weights=settings.weights, disabled=off(g.key))
        if g.read_as and g.read_as[0] == "spelling" and not _supported(rankings[g.key]):
            # a respelling the article does not back ("Kasindi" read as Kandy, Sri Lanka): a guess, left out
            g.matches, rankings[g.key] = [], []
        elif "foreign_namesake" not in settings.disabled and _foreign_namesake(rankings[g.key], contexts[g.key]):
            # "la commune de Sanam" in a story about Niger: not Sanom, a village of Thailand known as "Sanam"
            g.matches, rankings[g.key] = [], []

    own: list[list[Candidate] | None] = [None] * len(mentions)
    if not per_mention:
        return _Ranked(groups=rankings, mentions=own)
    # what an apposition says the place is ("Géorgie, ancienne république soviétique"): that mention's hint
    kinds = {} if "apposition_kind" in settings.disabled else apposition_hints(article.text, mentions, lang)
    if "bank_of" not in settings.disabled:  # "sur les bords du Mississippi": the river
        kinds = {**bank_hints(article.text, mentions, lang), **kinds}
    for i, key in enumerate(keys):
        g = by_key[key]
        kind = kinds[i][0] if i in kinds and g.hint is None else None
        if not g.matches or (i not in evidence.local and i not in stated and kind is None):
            continue
        own[i] = score_candidates([*g.matches, *extra.get(i, ()), *short_extra.get(key, ())], query=g.query,
                                  hint=kind or g.hint,
                                  context=contexts[key], boosts=_merge(shared.get(key), evidence.local.get(i)),
                                  stated=stated.get(i, {}), weights=settings.weights,
                                  disabled=off(key))
    # the name's other mentions (see _follow): a repeat in the sentence of a stated namesake is the other
    # place; after stated namesakes that disagree, the one its sentence's region contains, else the last one
    # before; else what the stated ones agree on ("COLUMBIA, Ky. … in Columbia"), unless the article
    # independently supports the shared answer. Mentions of the name under a longer span or another trigger
    # word ("Saint-Denis de La Réunion", "l'État de Géorgie") count as stated ones (step namesake_kin).
    settled = [own[i] or rankings.get(k) or [] for i, k in enumerate(keys)]
    for key, g in by_key.items():
        indices = [i for i, k in enumerate(keys) if k == key]
        stated_ones = [i for i in indices if own[i]]
        kin = [] if "namesake_kin" in settings.disabled or g.hint else _kin(key, g, keys, by_key, mentions, settled,
                                                                   rankings.get(key, []), settings)
        if not (stated_ones or kin) or len(stated_ones) == len(indices) or not rankings.get(key):
            continue
        tops: set[str] = {ranked[0].place.id for ranked in (own[i] for i in stated_ones) if ranked}
        default = rankings[key]
        if len(tops) == 1:
            agreed = own[stated_ones[0]]
            assert agreed is not None
            if agreed[0].place.id != default[0].place.id and not _independent_support(default[0], agreed[0]):
                matches = list(g.matches)
                for i in indices:
                    matches.extend(m for m in extra.get(i, ()) if m.place.id not in {x.place.id for x in matches})
                rankings[key] = score_candidates(
                    matches, query=g.query, hint=g.hint, context=contexts[key],
                    boosts=_merge(shared.get(key), *(evidence.local.get(i) for i in indices)),
                    stated=_merge(*(stated.get(i) for i in indices)), weights=settings.weights,
                    disabled=off(g.key))
        view: list[list[Candidate] | None] = list(own)
        for j in kin:
            view[j] = settled[j]
        known = sorted([*stated_ones, *kin], key=lambda j: mentions[j].start)
        tops |= {settled[j][0].place.id for j in kin}
        for i in indices:
            if own[i] is None:
                regions = [] if "namesake_kin" in settings.disabled else _sentence_regions(
                    i, keys, mentions, settled, settings)
                own[i] = _follow(i, known, view, mentions, default, tops, settings.weights.promotion_margin,
                                 regions=regions, admin2_km=settings.weights.stated_admin2_km)
    if "partial_name" not in settings.disabled:
        for pair in pairs:
            if not by_key[keys[pair.place]].matches and own[pair.place] is None:
                own[pair.place] = _placed_at_host(mentions[pair.place], pair, settled[pair.region], settings)
    return _Ranked(groups=rankings, mentions=own)


#: What an unknown place may be placed at when the text says it is there: not a country, too coarse a point.
_HOSTS = _FACILITY_HOSTS | {"admin1", "admin2"}


def _placed_at_host(mention: Mention, pair: StatedPair, host: Sequence[Candidate],
                    settings: ResolverSettings) -> list[Candidate] | None:
    """A place the gazetteer lacks, at the settlement or region the text puts it in (feature ``partial_name``).

    "Kamboinsin, banlieue de Ouagadougou", "le musée Pointe-à-Callière de Montréal", "Yorsala (province de
    Loroum)": the answer is the host's, less sure (``weights.facility_at_host``), and the reason says so.
    """
    if not host or host[0].place.feature not in _HOSTS \
            or confidence(host, settings.weights) < settings.context_confidence:
        return None
    top = host[0]
    w = settings.weights.facility_at_host
    why = (f"placed at {top.place.display_name}: the text puts {mention.text} there (“{pair.phrase}”), "
           f"and {mention.text} is not in the gazetteer")
    # the host's ranking, every score lowered: as sure as the host is, and less
    return [replace(top, score=round(top.score + w, 4), reasons=(*top.reasons, why),
                    contributions=(*top.contributions, ("partial_name", w, why))),
            *(replace(c, score=round(c.score + w, 4)) for c in host[1:])]


def _short_form(g: _Group, groups: Sequence[_Group], mentions: Sequence[Mention], keys: Sequence[Key],
                settings: ResolverSettings) -> tuple[NameMatch, str] | None:
    """The settlement a bare name is the short form of, named in full before it, and the reason (step ``short_form``).

    "Montreuil-sur-Mer ... À Montreuil": a toponym named as the first words of a longer toponym of the article,
    placed on a settlement (confidently, or as the full name's only place), is that settlement. Not a name whose
    own first reading is a country or a region ("Guinée" after "Guinée-Bissau", "Corée" after "Corée du Nord"),
    nor one the text states the location of (namesakes: "Saint-Denis de La Réunion ... Saint-Denis, en
    Seine-Saint-Denis"): the caller skips those.
    """
    if g.hint is not None or (g.first is not None and g.first.place.feature in ("country", "continent", "admin1")):
        return None
    name = normalize_name(g.query)
    first = min((m.start for m, k in zip(mentions, keys, strict=True) if k == g.key), default=None)
    if not name or first is None:
        return None
    for other in groups:
        top = other.first
        if other is g or top is None or top.place.feature not in SETTLEMENTS:
            continue
        if other.first_confidence < settings.context_confidence and len({m.place.id for m in other.matches}) > 1:
            continue  # the full name is itself in doubt
        full = normalize_name(other.query)
        said = [m for m, k in zip(mentions, keys, strict=True) if k == other.key and m.start < first]
        if said and full.startswith(name + " "):
            return (NameMatch(top.place, "main", said[0].text),
                    f"short for {said[0].text}, named before in the article")
    return None


def _kin(key: Key, g: _Group, keys: Sequence[Key], by_key: Mapping[Key, _Group], mentions: Sequence[Mention],
         settled: Sequence[list[Candidate]], readings: Sequence[Candidate], settings: ResolverSettings) -> list[int]:
    """Mentions of another toponym that name one of ``g``'s readings under a longer span or another trigger word.

    "Saint-Denis de La Réunion" for "Saint-Denis", "l'État de Géorgie" for "Géorgie": confidently placed on a
    reading of the name, they tell it apart from its namesakes as a stated mention does. Only for a bare name:
    a trigger word ("les eaux du Niger") is evidence of the mention's own.
    """
    name = normalize_name(g.query)
    ids = {c.place.id for c in readings}
    out = []
    for j, k in enumerate(keys):
        if k == key or not settled[j] or settled[j][0].place.id not in ids:
            continue
        other = by_key[k]
        if not (normalize_name(other.query) == name or normalize_name(mentions[j].text).startswith(name + " ")):
            continue
        if confidence(settled[j], settings.weights) >= settings.context_confidence:
            out.append(j)
    return out


def _sentence_regions(i: int, keys: Sequence[Key], mentions: Sequence[Mention], settled: Sequence[list[Candidate]],
                      settings: ResolverSettings) -> list[Place]:
    """The countries and regions that other toponyms of mention ``i``'s sentence are confidently placed on."""
    out = []
    for j, m in enumerate(mentions):
        if j == i or keys[j] == keys[i] or m.sentence_start != mentions[i].sentence_start or not settled[j]:
            continue
        top = settled[j][0].place
        if top.feature in STATED_CONTAINERS and confidence(settled[j], settings.weights) >= settings.context_confidence:
            out.append(top)
    return out


def _follow(
    i: int, stated_ones: Sequence[int], own: Sequence[list[Candidate] | None], mentions: Sequence[Mention],
    default: list[Candidate], tops: set[str], promotion_margin: float = DEFAULT_WEIGHTS.promotion_margin,
    *, regions: Sequence[Place] = (), admin2_km: float = DEFAULT_WEIGHTS.stated_admin2_km,
) -> list[Candidate] | None:
    """The ranking of mention ``i``, a bare mention of a name other mentions of which state where they are.

    ``None``: the name's shared ranking. A bare repeat in the sentence of a stated mention is another place
    ("Saint-Denis de La Réunion reçus à Saint-Denis"): the namesake stated elsewhere in the article, else
    the name's shared answer if it is not the stated one ("Paris, au Texas, présente ses films à Paris"),
    else the same place ("Vermont's", "Paris Victory Gardens in Paris, Texas"). When stated mentions
    disagree, a bare one is the one inside a country or region of ``regions`` (those its sentence names), else
    the place last stated before it. A place chosen so is put first in the shared
    ranking by ``promotion_margin``: its confidence says that the mention itself gives no evidence.
    """
    here = [j for j in stated_ones if mentions[j].sentence_start == mentions[i].sentence_start]
    chosen: list[Candidate] | None = None
    if here:
        said = {ranked[0].place.id for ranked in (own[j] for j in here) if ranked}
        other = [ranked for ranked in (own[j] for j in stated_ones) if ranked and ranked[0].place.id not in said]
        if other:
            chosen = other[0]
        elif default[0].place.id not in said:
            return default
        else:
            return None
        why = f"not the {mentions[here[0]].text} this sentence places elsewhere"
    elif len(tops) > 1:
        # the namesake inside a country or region that the mention's own sentence names ("... à Montréal, ...
        # au Québec"), else the one placed last before it
        held = {}
        for j in stated_ones:
            ranked = own[j]
            for region in regions:
                if ranked and inside(region, ranked[0].place, admin2_km=admin2_km):
                    held[ranked[0].place.id] = (j, region)
        before = [j for j in stated_ones if mentions[j].start < mentions[i].start]
        if len(held) == 1:
            j, region = next(iter(held.values()))
            chosen = own[j]
            why = f"the {mentions[j].text} in {region.display_name}, which its sentence names"
        elif not before:
            return None
        else:
            chosen = own[before[-1]]
            why = f"the {mentions[before[-1]].text} placed just before"
    else:
        return None
    assert chosen is not None
    place = chosen[0].place
    # the shared ranking, that place first by a hair: the mention has no evidence of its own, so no more certainty
    at = next((k for k, c in enumerate(default) if c.place == place), None)
    if at is None:  # a namesake found under another name: only the stated mention's ranking has it
        top = chosen[0]
        trace = (*top.contributions, ("per_mention", 0.0, why))
        return [replace(top, reasons=(*top.reasons, why), contributions=trace), *chosen[1:]]
    c = default[at]
    score = max(c.score, default[0].score + promotion_margin)
    top = replace(c, score=score, reasons=(*c.reasons, why),
                  contributions=(*c.contributions, ("per_mention", round(score - c.score, 4), why)))
    return [top, *default[:at], *default[at + 1 :]]


#: Features that say the article itself supports a reading, and what they point at.
_SUPPORT_FEATURES = frozenset({"mentioned_country", "country_of_places", "mentioned_region", "region_of_places",
                               "near_anchor", "dateline", "published_site"})


def _support(candidate: Candidate) -> set[tuple[str, ...]]:
    """What in the article supports a candidate: its countries, regions and nearby anchors."""
    place = candidate.place
    out: set[tuple[str, ...]] = set()
    for name, delta, reason in candidate.contributions:
        if name not in _SUPPORT_FEATURES or delta <= 0:
            continue
        if name == "near_anchor":
            out.add(("near", reason.split(" km from ", 1)[-1]))
        elif name in ("mentioned_region", "region_of_places"):
            out.add(("region", place.country_code or "", place.admin1 or ""))
        else:
            out.add(("country", place.country_code or ""))
    return out


def _independent_support(default: Candidate, stated: Candidate) -> bool:
    """Whether the article supports ``default`` with a country, region or anchor that ``stated`` does not have.

    >>> from dataclasses import replace
    >>> from geonews.model import Place
    >>> paris = Candidate(Place("p", "Paris", LatLon(48.85, 2.35), "capital", "FR"), 9.0,
    ...                   contributions=(("mentioned_country", 2.0, "in FR, a country the article mentions"),))
    >>> paris_tx = Candidate(Place("t", "Paris", LatLon(33.66, -95.56), "town", "US", "TX"), 8.0,
    ...                      contributions=(("mentioned_country", 2.0, "in US, a country the article mentions"),))
    >>> _independent_support(paris, paris_tx), _independent_support(replace(paris, contributions=()), paris_tx)
    (True, False)
    """
    return bool(_support(default) - _support(stated))


def rank_article(
    article: Article,
    mentions: Sequence[Mention],
    *,
    source: CandidateSource,
    settings: ResolverSettings | None = None,
) -> dict[tuple[str, str | None], list[Candidate]]:
    """Both passes: every distinct toponym's candidates, ranked in the article's context.

    Keys are ``(normalize_name(mention.text), mention.hint)``; a toponym with
    no candidate maps to ``[]``. This is the ranking its mentions share; a
    mention with its own evidence (:func:`rank_mentions`) may rank otherwise.
    """
    return _rank(article, mentions, source, settings or ResolverSettings()).groups


def rank_mentions(
    article: Article,
    mentions: Sequence[Mention],
    *,
    source: CandidateSource,
    settings: ResolverSettings | None = None,
) -> list[list[Candidate]]:
    """Each mention's ranked candidates (same order as ``mentions``).

    A name's mentions share the article's evidence; a mention whose own
    neighbours say more ("Paris, au Texas", "Buffalo, New York") is ranked
    with that too (step ``per_mention``), so "Paris, au Texas … à Paris" gives
    two answers.
    """
    ranked = _rank(article, mentions, source, settings or ResolverSettings())
    return [own if own is not None else ranked.groups[(normalize_name(m.text), m.hint)]
            for m, own in zip(mentions, ranked.mentions, strict=True)]


def resolve_article(
    article: Article,
    mentions: Sequence[Mention],
    *,
    source: CandidateSource,
    settings: ResolverSettings | None = None,
) -> tuple[Resolution, ...]:
    """Resolve every mention of ``article`` (same order as ``mentions``), each with its own answer."""
    settings = settings or ResolverSettings()
    out: list[Resolution] = []
    repeats = Counter(normalize_name(m.text) for m in mentions)
    for m, ranked in zip(mentions, rank_mentions(article, mentions, source=source, settings=settings), strict=True):
        if not ranked:
            out.append(Resolution(mention=m, place=None, alternatives=(), reasons=("not in the gazetteer",)))
            continue
        top = ranked[0]
        if top.score < settings.min_score:
            out.append(Resolution(mention=m, place=None, alternatives=tuple(ranked[: settings.alternatives]),
                                  reasons=("no candidate good enough",)))
            continue
        alternatives = tuple(
            c for c in ranked[1:] if c.place.point.distance_km(top.place.point) > settings.alternative_min_km
        )[: settings.alternatives]
        s, e = m.sentence_offsets
        out.append(
            Resolution(
                mention=m,
                place=top.place,
                score=top.score,
                confidence=round(calibrated_confidence(ranked, m, repeats=repeats[normalize_name(m.text)]), 4),
                reasons=top.reasons,
                alternatives=alternatives,
                metonymic=is_metonymic(m.sentence, s, e, top.place.feature),
            )
        )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Explanation:
    """One toponym of an article, with its ranked candidates and what each feature gave them.

    Every candidate's ``contributions`` is the trace behind its score:
    ``(feature name, score delta, reason)`` in summing order, then the
    post-ranking steps (a namesake promotion). Its ``reasons`` are the
    non-empty reasons of that trace.
    """

    #: the text of the toponym's first mention
    text: str
    #: its trigger word ("station", "admin"...), if any
    hint: str | None
    #: best first, at most ``limit`` of them
    candidates: tuple[Candidate, ...]
    #: how likely the first one is right (see geonews.resolve.calibration)
    confidence: float
    #: where the mention starts, for a mention ranked on its own evidence ("Paris, au Texas"); ``None`` for
    #: the ranking the toponym's mentions share
    start: int | None = None


def explain_candidates(
    article: Article,
    mentions: Sequence[Mention],
    *,
    source: CandidateSource,
    settings: ResolverSettings | None = None,
    limit: int = 5,
) -> tuple[Explanation, ...]:
    """Each distinct toponym of ``article`` (first-mention order) with its best candidates and their traces.

    What ``geonews explain`` shows; the same ranking as :func:`resolve_article`. A mention whose answer is
    not its toponym's (its own stated location or neighbour, step ``per_mention``) follows its toponym's
    entry, with its offset in ``start``.
    """
    settings = settings or ResolverSettings()
    ranked = _rank(article, mentions, source, settings)
    first: dict[Key, Mention] = {}
    for m in mentions:
        first.setdefault((normalize_name(m.text), m.hint), m)
    own: dict[Key, list[tuple[Mention, list[Candidate]]]] = {}
    for m, mine in zip(mentions, ranked.mentions, strict=True):
        key = (normalize_name(m.text), m.hint)
        if mine and (not ranked.groups[key] or mine[0].place != ranked.groups[key][0].place):
            own.setdefault(key, []).append((m, mine))
    out: list[Explanation] = []
    repeats = Counter(normalize_name(m.text) for m in mentions)
    for key, m in first.items():
        out.append(Explanation(text=m.text, hint=m.hint, candidates=tuple(ranked.groups[key][:limit]),
                               confidence=round(calibrated_confidence(ranked.groups[key], m, repeats=repeats[key[0]]),
                                                4)))
        out.extend(Explanation(text=x.text, hint=x.hint, candidates=tuple(mine[:limit]),
                               confidence=round(calibrated_confidence(mine, x, repeats=repeats[key[0]]), 4),
                               start=x.start)
                   for x, mine in own.get(key, ()))
    return tuple(out)


def format_explanation(explanation: Explanation) -> str:
    """A plain-text table of an :class:`Explanation`: one block per candidate, one line per feature.

    >>> from geonews.model import Place
    >>> c = Candidate(Place("gn:1", "Lyon", LatLon(45.76, 4.84), "city", "FR"), 5.3,
    ...               contributions=(("feature_prior", 2.5, "city"), ("name_tier", 2.5, "FR name “Lyon”"),
    ...                              ("exact_name", 0.3, "")))
    >>> print(format_explanation(Explanation("Lyon", None, (c,), 0.9)))
    Lyon  (confidence 0.90)
      1. Lyon [city, FR, gn:1]  score 5.30
          +2.50  feature_prior           city
          +2.50  name_tier               FR name “Lyon”
          +0.30  exact_name
    """
    head = explanation.text + (f" ({explanation.hint})" if explanation.hint else "")
    if explanation.start is not None:
        head += f" at {explanation.start}"
    lines = [f"{head}  (confidence {explanation.confidence:.2f})"]
    if not explanation.candidates:
        lines.append("  not in the gazetteer")
    for i, c in enumerate(explanation.candidates, 1):
        where = ", ".join(x for x in (c.place.feature, c.place.country_code, c.place.id) if x)
        lines.append(f"  {i}. {c.place.display_name} [{where}]  score {c.score:.2f}")
        for name, delta, reason in c.contributions:
            lines.append(f"      {delta:+.2f}  {name:<23} {reason}".rstrip())
    return "\n".join(lines)
