"""The recognition rules as named, documented, switchable components (issue 13).

Each rule of :func:`geonews.extract.mentions.mentions_from_entities` and
:func:`geonews.extract.ruler.ruler_spans` is a :class:`Rule`: a name, the phase
it acts in (``propose`` a span, ``refine`` it, ``drop`` it), the languages and
the class of text it is for, and a one-line description. A run switches rules
off by name (``disabled``) and may record a :class:`TraceEvent` for each span a
rule proposed, refined or dropped.

    >>> RULES["venues"].text_class
    'OCR listings'
    >>> check_rule_names(["codes_dropped"])
    frozenset({'codes_dropped'})
    >>> check_rule_names(["code_dropped"])
    Traceback (most recent call last):
    ...
    ValueError: unknown rule 'code_dropped' (valid: ...)
    >>> Rules(frozenset({"venues"}), "fr").on("venues"), Rules(frozenset(), "en").on("streets")
    (False, False)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["PHASES", "RULES", "Rule", "Rules", "TraceEvent", "check_rule_names", "format_rules", "list_rules"]

#: What a rule does to a span, in the order the phases are listed.
PHASES = ("propose", "refine", "drop")
_BOTH = frozenset({"fr", "en"})
_FR = frozenset({"fr"})
_EN = frozenset({"en"})


@dataclass(frozen=True, slots=True)
class Rule:
    """A named recognition rule."""

    name: str
    #: ``propose`` (adds spans), ``refine`` (changes a span or its kind) or ``drop`` (removes spans)
    phase: str
    #: the article languages it runs on ("fr", "en")
    languages: frozenset[str]
    #: the class of text it was made for ("news", "OCR pages", "OCR listings", "English news")
    text_class: str
    #: one line: what it does, with an example
    description: str
    #: the function (or module) that implements it
    where: str


def _r(name: str, phase: str, languages: frozenset[str], text_class: str, description: str, where: str) -> Rule:
    return Rule(name, phase, languages, text_class, description, where)


_M = "geonews.extract.mentions.mentions_from_entities"
_RS = "geonews.extract.ruler.ruler_spans"

#: Every recognition rule, by name, in the order they run.
RULES: dict[str, Rule] = {r.name: r for r in (
    _r("venues", "propose", _FR, "OCR listings",
       "Theatres and halls of an entertainment listing, in capitals before a show time (\"GYMNASE, 8 h. 30\"), "
       "in a text of at least two such entries.", "geonews.extract.ruler.venue_spans"),
    _r("ner_places", "propose", _BOTH, "news",
       "The recogniser's place entities (LOC, GPE, FAC) are place mentions.", _M),
    _r("french_model_places_on_english", "drop", _EN, "English news",
       "On English text the place entities of a French model are left to the gazetteer ruler (the French model "
       "misreads English capitals); an English model's (GPE labels) are kept.", _M),
    _r("triggered_misc", "propose", _BOTH, "news",
       "A MISC or ORG entity opening with a trigger word is the place after it (\"cosmodrome de Vostotchny\").", _M),
    _r("misc_nested_place", "propose", _BOTH, "news",
       "The notable place \"of\" a MISC/ORG event or body (\"conférence de Genève\"), or a whole MISC entity the "
       "gazetteer knows as an area (\"Moyen-Orient\").", "geonews.extract.mentions._misc_place"),
    _r("locative_entities", "propose", _FR, "French news",
       "An organisation, person or misc entity right after a locative preposition that the gazetteer knows as a "
       "notable place is that place (\"à Des Moines\", \"vers Kostiantynivka\"); a person only under a French "
       "name (\"passionnés à Maurice\"). So is one opening a headline before a colon under a French or English "
       "name (\"Khan Younès : au moins onze morts\").", "geonews.extract.mentions._locative_entity"),
    _r("generic_head", "propose", _BOTH, "news",
       "A place entity opening with a lower-case generic word is kept (\"mer Noire\", \"lac de Bretaye\").", _M),
    _r("gazetteer_ruler", "propose", _BOTH, "news",
       "Notable gazetteer places the recogniser missed: countries, regions, cities of 20,000 people or more, "
       "curated features.", _RS),
    _r("local_towns", "propose", _BOTH, "news",
       "Towns and villages (1,000 people or more) of the countries the article's places are in.", _RS),
    _r("english_local_towns", "propose", _EN, "English news",
       "On English text the countries of local_towns are those of the countries and regions the gazetteer ruler "
       "finds (the French model's place entities, which tell them on French text, are dropped).",
       "geonews.extract.mentions._ruler_countries"),
    _r("public_body_places", "propose", _EN, "English local news",
       "The county or town opening the name of a public body (a sheriff's office, police or fire department, "
       "court, jail, council, an elected member) is a place mention, though the whole is an organisation or a "
       "person (\"the Laurel County Detention Center\", \"Bantam Superior Court\", \"Calgary MLA Sandra "
       "Jansen\"); a company, club or party is not (\"Real Madrid\", \"Air Berlin\").",
       "geonews.extract.ruler.public_body_head"),
    _r("headline_capitals", "propose", _BOTH, "news",
       "An upper-case place name inside an ORG or PER entity (\"PARIS, 20 (Havas)\" read as an organisation).",
       _RS),
    _r("entity_breaks", "propose", _BOTH, "news",
       "An organisation, person or misc entity keeps the gazetteer ruler out of its proper name only: a name after "
       "a colon, a spaced dash or a lower-case word in it is a place again (\"Coupe du monde en Espagne\", "
       "\"WikiLeaks : l'Équateur\", \"procureur général d'Ukraine\"); an institution keeps it out of all "
       "(\"ministère de la Défense\"). A person's name is one name, but not across a spaced dash (\"won by Mr "
       "Trump - Wisconsin\"). A country ends a club's or group's name (\"Zesco United de Zambie\"); an "
       "entity across a blank line keeps nothing out.", "geonews.extract.mentions._blocking_part"),
    _r("english_lone_persons", "propose", _EN, "English news",
       "On English text a lone capitalised word the French model calls a person (\"in Austin\") does not keep "
       "the ruler out.", _M),
    _r("possessives", "propose", _BOTH, "English news",
       "An English possessive names its place (\"Russia’s\" is Russia, and a place entity \"San Francisco's\" is "
       "San Francisco; \"St. John's\" stays whole).", _RS),
    _r("elided_names", "refine", _BOTH, "news",
       "Two place entities with only a capitalised elision between them are one name when the gazetteer knows "
       "the whole: the French tokenizer reads the \"N'\" of \"Fada N'Gourma\" as the negation's, and the "
       "recogniser finds \"Fada\" and \"Gourma\".", "geonews.extract.mentions._elided_joins"),
    _r("abbreviated_name_words", "refine", _BOTH, "English news",
       "A place entity the recogniser cut at the dot of an abbreviated name word runs on to the name's end when "
       "the gazetteer knows the whole (\"Fort St.\" and \"John\" are \"Fort St. John\"; \"Wooster St.\" before "
       "a new sentence stays).", "geonews.extract.mentions._abbreviated_names"),
    _r("dotted_abbreviations", "propose", _BOTH, "English news",
       "A dotted abbreviation in capitals is one name (\"U.S.\", \"B.C.\"), not \"U\" and \"S\".",
       "geonews.extract.ruler.name_spans"),
    _r("state_abbreviations", "propose", _EN, "English news",
       "A press abbreviation of a US state or Canadian province after a town and a comma is the region, dot "
       "included, though short (\"COLUMBUS, Ga. -\", \"Phenix City, Ala.\"); a dateline's undotted one or postal code "
       "before punctuation too (\"EDMONTON, Ky (WBKO)\", \"LOUISVILLE, KY--\").",
       "geonews.extract.ruler.state_abbreviation"),
    _r("ocr_line_breaks", "propose", _BOTH, "OCR pages",
       "A word cut by an OCR line break is one word (\"Alle¬magne\", \"New¬York\").",
       "geonews.extract.ruler.name_spans"),
    _r("streets", "propose", _FR, "news",
       "French street addresses (\"16, rue Cadet\", \"rue de Rivoli, 116\", \"53, r. Legendre\").",
       "geonews.extract.ruler.street_spans"),
    _r("roads", "propose", _FR, "French local news",
       "Numbered roads: \"la D 349\", \"la RN2\", \"la route nationale 2\" (a code after \"la\", or a road's long "
       "name and a number).", "geonews.extract.ruler.road_spans"),
    _r("cued_names", "propose", _BOTH, "news",
       "A capitalised name after a noun that makes it a place (\"bataille de Morat\", \"rive droite de la "
       "Kander\"), known to the gazetteer or not.", "geonews.extract.ruler.cued_spans"),
    _r("ocr_cue_spellings", "propose", _FR, "OCR pages",
       "The cue nouns as OCR misreads the long s (\"fortereffe de Temeswar\").", "geonews.lexicon.ocr"),
    _r("unknown_span_split", "refine", _BOTH, "news",
       "A place entity of several words the gazetteer does not know is the notable places inside it: \"Rwanda - "
       "RD Congo\", \"Niger-Mali\", \"Ouganda Aliou Cissé\", \"Musée des beaux-arts de Montréal\" (Montréal); "
       "one with none stays whole.", "geonews.extract.mentions._split_unknown"),
    _r("toponym_narrowing", "refine", _BOTH, "news",
       "An entity is narrowed to its toponym: articles, prepositions, trigger and direction words go "
       "(\"la gare de Khassan\" is Khassan, hint station), and it ends at a blank line.",
       "geonews.extract.spans.refine_span"),
    _r("demonym_adjective", "refine", _BOTH, "news",
       "A demonym or adjective (\"russe\", \"Américains\") is a mention of kind adjective, not a place.",
       "geonews.extract.ruler.classify"),
    _r("english_demonyms", "propose", _EN, "English news",
       "A nationality an English model labels NORP that the gazetteer knows as a demonym (\"Turkish\", "
       "\"Russians\") is a mention of kind adjective (on maps with --adjectives only); a religion or a people "
       "without a place (\"Muslim\", \"Kurds\") is nothing.", "geonews.extract.mentions._demonym"),
    _r("article_names", "refine", _BOTH, "news",
       "A town whose name opens with a capitalised article keeps it when the rest is a generic noun and the "
       "gazetteer knows the whole (\"Le Port\", not the generic \"Port\").", "geonews.extract.mentions._article_name"),
    _r("lower_case_dropped", "drop", _BOTH, "news",
       "A span that does not open with a capital or a digit is not a name (\"la\", \"gouvernement\").", _M),
    _r("codes_dropped", "drop", _BOTH, "news",
       "A code or a number is not a place name (\"R-4\", \"96 N\", \"RM4.50\").", _M),
    _r("generic_nouns_dropped", "drop", _BOTH, "news",
       "A generic noun or an institution is not a place (\"l'Etat\", \"Conseil général de Vaud\", \"II\", "
       "\"XXe\"), nor, unless the gazetteer knows it, a generic noun with lower-case words (\"État américain\", "
       "\"Etat-clé\") or a name opening with a title (\"Premier ministre Hamdok\", \"Dr Haydar Frangoul\").",
       "geonews.extract.ruler.classify"),
    _r("unknown_word_dropped", "drop", _BOTH, "news",
       "One word the gazetteer does not know is dropped (a surname far more often than a place).", _M),
    _r("locative_exception", "refine", _BOTH, "news",
       "An unknown word after a locative preposition, a cue noun or a noun of a settlement or site stays (\"à "
       "Garmisch\", \"près de Goesgen\", \"la ville frontalière de Kalumbo\").",
       "geonews.extract.mentions._locative"),
    _r("common_word_dropped", "drop", _BOTH, "news",
       "A capitalised word the text also writes in lower case, opening a segment, is a common noun "
       "(\"— Cote officielle… la cote\", \"CHAMBRE\").", "geonews.extract.ruler.common_word"),
    _r("short_names_dropped", "drop", _BOTH, "news",
       "The ruler skips names of fewer than three letters and function words, unless a country or region "
       "abbreviation (\"US\", \"B.C.\").", _RS),
    _r("organisation_names_dropped", "drop", _FR, "French news",
       "A place name written after a capitalised word that is no place, or beside an acronym or an institution, "
       "a space and no connector between, is part of the name of a medium, company or team (\"BBC Afrique\", "
       "\"Michelin Amérique du Nord\", \"Cardiff City FC\", \"JS Kabylie\"); English annotators count \"Quebec\" in "
       "\"Quebec Health Minister\".", "geonews.extract.ruler.organisation_name"),
    _r("repeated_names", "propose", _BOTH, "news",
       "Another occurrence of one of the article's place names is that place too, though the recogniser called it "
       "a person or missed it (a title's \"Khan Younès : …\"), unless inside a longer entity or after a title.",
       "geonews.extract.mentions._repeats"),
    _r("surnames_dropped", "drop", _BOTH, "news",
       "A one-word name that is the surname of a person the article names in full is that person, unless a "
       "country, continent or capital or a French name of the gazetteer (\"Lausanne\") (\"Margaret Harris … Harris "
       "devance\", \"Emiliano Sala … transportant Sala\").", "geonews.extract.ruler.surnames"),
    _r("organisation_nouns", "drop", _FR, "French news",
       "A one-word name the text introduces with a noun of an organisation, a company, a team or a medium means "
       "it in the whole article, unless a country, continent or capital (\"le groupe Suez … Suez perd un "
       "contrat\", \"le club Dynamo\").", "geonews.extract.mentions.mentions_from_entities"),
    _r("sentence_start_word_dropped", "drop", _FR, "French news",
       "The ruler skips one word opening a French sentence unless it is a country, continent or capital "
       "(\"Marin\", \"Sion\" are words too; English sentences open with place names: \"London is\").", _RS),
    _r("person_titles", "drop", _BOTH, "news",
       "A name after an honorific, a rank or initials is a person (\"M. DARU\", \"le colonel Bouscat\", "
       "\"W. Churchill\").", "geonews.extract.ruler.after_person_title"),
)}


def list_rules() -> tuple[Rule, ...]:
    """Every rule, in running order: what ``geonews rules`` lists."""
    return tuple(RULES.values())


def check_rule_names(names: Iterable[str]) -> frozenset[str]:
    """The names as a set, or :class:`ValueError` listing the valid names for the first unknown one."""
    out = frozenset(names)
    for name in sorted(out):
        if name not in RULES:
            raise ValueError(f"unknown rule {name!r} (valid: {', '.join(RULES)})")
    return out


def format_rules(disabled: Iterable[str] = ()) -> str:
    """One ``name  phase  languages  text class  description`` line per rule (``off`` when disabled).

    >>> [line[:64] for line in format_rules(["codes_dropped"]).splitlines() if line.startswith("codes_dropped")]
    ['codes_dropped                  drop (off) fr,en  news          A']
    """
    off = frozenset(disabled)
    width = max(len(name) for name in RULES)
    lines = []
    for r in list_rules():
        phase = f"{r.phase} (off)" if r.name in off else r.phase
        langs = ",".join(x for x in ("fr", "en") if x in r.languages)
        lines.append(f"{r.name:<{width}} {phase:<10} {langs:<6} {r.text_class:<13} {r.description}")
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class TraceEvent:
    """What a rule did to a span: ``proposed``, ``refined`` or ``dropped`` it (offsets into the article)."""

    rule: str
    action: str
    start: int
    end: int
    text: str
    detail: str = ""

    def __str__(self) -> str:
        extra = f"  ({self.detail})" if self.detail else ""
        return f"{self.start}-{self.end} {self.text!r}: {self.action} by {self.rule}{extra}"


@dataclass(slots=True)
class Rules:
    """The rules one run applies: every rule for the article's language that is not ``disabled``.

    ``trace``, when a list, receives a :class:`TraceEvent` for each span a rule acted on.
    """

    disabled: frozenset[str]
    lang: str
    trace: list[TraceEvent] | None = field(default=None)

    def on(self, name: str) -> bool:
        """Whether rule ``name`` runs here."""
        return name not in self.disabled and self.lang in RULES[name].languages

    def event(self, rule: str, action: str, text: str, start: int, end: int, detail: str = "") -> None:
        """Record what ``rule`` did to ``text[start:end]`` (nothing unless tracing)."""
        if self.trace is not None:
            self.trace.append(TraceEvent(rule, action, start, end, text[start:end], detail))
