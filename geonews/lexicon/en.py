"""English words of the recognition rules (each list defined once; :mod:`geonews.lexicon` builds regexes from them).

    >>> TRIGGERS["airport"], "battle" in CUE_NOUNS
    ('airport', True)
"""

from __future__ import annotations

#: Function words that tell English text from French (:func:`geonews.extract.lang.detect_lang`).
FUNCTION_WORDS = ("the", "of", "and", "to", "in", "is", "was", "for", "on", "that", "with", "by", "at", "from", "it",
                  "he", "she", "are", "were", "has", "have", "said", "be")
#: "of (the)" before a name.
OF = ("of the", "of")
#: The definite article.
ARTICLES = ("the",)
#: Prepositions that put the next name on the map ("at Garmisch").
LOCATIVES = ("at", "near")
#: Connectors inside a place name ("Stratford upon Avon", "Isle of Man").
NAME_CONNECTORS = ("of", "the", "upon", "on")

#: Generic words that announce a place, and the feature they imply.
TRIGGERS: dict[str, str] = {
    "spaceport": "spaceport",
    "airport": "airport",
    "county": "admin",
    "state": "admin",
    "city": "city",
    "town": "city",
    "river": "river",
}
#: Direction words and the qualifier they give.
DIRECTIONS: dict[str, str] = {"north": "north", "south": "south", "east": "east", "west": "west"}
#: Head words *after* a name that make it a region ("Washington state", "New York Gov. Andrew Cuomo").
TRIGGERS_AFTER = ("state", "province", "Gov.", "Governor", "governor")
#: Capitalised direction words before a name ("Far North Queensland", "Western Canada", "North London"): when the
#: gazetteer lacks the whole, the place is the name after them (see :data:`geonews.lexicon.fr.DIRECTIONS` for the
#: French "nord de la France"). A name they make with it ("North Carolina", "Western Australia") is looked up first.
DIRECTION_PREFIXES = ("Far", "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
                      "Northeast", "Northwest", "Southeast", "Southwest", "Northeastern", "Northwestern",
                      "Southeastern", "Southwestern", "Central", "Mid", "Upstate", "Downstate")  # hyphenated too
#: Lower-case designators written after a name inside a span ("Sichuan province", "Puge county", "Xinmo village")
#: and the hint they give: the name is the place, of that kind.
DESIGNATORS: dict[str, str] = {
    "county": "admin", "province": "admin", "state": "admin", "district": "admin", "region": "admin",
    "prefecture": "admin", "municipality": "admin", "parish": "admin", "oblast": "admin", "governorate": "admin",
    "territory": "admin", "township": "city", "borough": "city", "city": "city", "town": "city",
    "village": "village",
}
#: Head words of a public body's name after the county or town it serves ("Laurel County Sheriff's Office",
#: "Bantam Superior Court", "New Milford Police Department", "Calgary MLA Sandra Jansen"): the place before them is
#: a place mention (annotators and readers take it), though the whole is an organisation.
PUBLIC_BODY_HEADS = ("Sheriff", "Sheriff's", "Sheriff’s", "Police", "Fire", "Coroner", "Coroner's", "Coroner’s",
                     "Detention", "Jail", "Regional", "Superior", "Circuit", "Crown", "Magistrates", "Magistrates'",
                     "Magistrates’", "Council", "EMS", "Mayor", "MLA", "MP", "MPP", "Councillor", "Councilman",
                     "Commissioners", "Prosecutor", "Prosecutor's", "Prosecutor’s", "Attorney", "City Council",
                     "Town Council", "City Hall")

#: Capitalised words that name a kind of place, not a place, when they stand alone.
GENERIC_NOUNS = ("State", "States", "Nation", "City", "County", "Kingdom", "Republic", "North", "South", "East",
                 "West")
#: Words that open the name of an institution.
INSTITUTIONS = ("Council", "Chamber", "Court", "Bank", "Company", "University", "Ministry", "Department", "Institute")
#: Capitalised words that open or close a place name of their own ("Upper Volta", "Greater Manchester"); see
#: :data:`geonews.lexicon.fr.NAME_MODIFIERS`.
NAME_MODIFIERS = ("New", "Old", "Upper", "Lower", "Greater", "Great", "Little", "Northern", "Southern", "Eastern",
                  "Western", "Central", "Saint", "St", "Mount", "Lake", "Port", "Fort", "Cape", "Isle", "Island",
                  "Islands", "River", "Bay", "Coast", "Valley", "Plateau", "Highlands", "Lowlands", "Midlands",
                  "Plains", "Delta")
#: Abbreviated name words written with a dot inside a place name ("Fort St. John", "Mt. Vernon", "Ft. Worth"): the
#: dot ends no name.
NAME_ABBREVIATIONS = ("St.", "Ste.", "Mt.", "Ft.", "Pt.")
#: Ordinal suffixes after a number ("1st", "4th").
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
#: Titles and ranks before a person's name.
PERSON_TITLES = ("president", "senator", "governor", "mister", "sir", "lord", "lady")
#: Nouns after which a capitalised name is a place ("the battle of Hastings").
CUE_NOUNS = ("battle", "siege", "banks", "bank", "outskirts")
#: Degrees written after a name ("Charles W. Murphy, M.D."), which share keys with state abbreviations.
DEGREES = ("M.D.", "D.O.", "R.N.", "B.A.", "M.A.", "B.S.", "M.S.", "J.D.", "D.D.S.", "M.B.A.", "P.A.")
#: The possessive at the end of a name ("Russia’s").
POSSESSIVES = ("’s", "'s")
#: Nouns before a name that say it is a natural feature ("the waters of the Dnieper", "the island of Crete");
#: see :data:`geonews.lexicon.fr.FEATURE_CUES`.
FEATURE_CUES: dict[str, str] = {
    "river": "river", "tributary": "river",
    "waters": "water", "shores": "water", "mouth": "water", "estuary": "water",
    "sea": "sea", "gulf": "sea", "strait": "sea", "straits": "sea", "bay": "sea", "ocean": "sea",
    "lake": "lake",
    "island": "island", "islands": "island", "isle": "island", "archipelago": "island",
    "mount": "mountain", "mountains": "mountain", "volcano": "mountain", "desert": "relief", "cape": "relief",
}
#: Column names an English table gives each field of an article (CSV inputs: the columns guessed when none is named).
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "article text", "full text", "story", "summary", "description"),
    "title": ("title", "headline", "heading"),
    "id": ("id", "guid", "uuid", "article id"),
    "url": ("url", "link", "source url", "web url", "permalink"),
    "date": ("date", "published", "publication date", "pubdate", "published at", "datetime"),
    "lang": ("lang", "language"),
    "source": ("source", "site", "publisher", "outlet", "media"),
}
