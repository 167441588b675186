"""Words that state where a place is: "Moscou, dans l'Idaho", "Victoria, capitale des Seychelles", "London in Ontario".

Used by the ``stated_location`` ranking feature (:mod:`geonews.resolve.neighbours`). Each list is keyed by language,
like :data:`geonews.lexicon.LEXICONS`.

    >>> "dans l'" in INSIDE["fr"], "chef-lieu" in APPOSITION_HEADS["fr"], INSIDE["en"]
    (True, True, ('in the', 'in'))
"""

from __future__ import annotations

#: Prepositions after a comma that put the place inside the next one ("Moscou, dans l'Idaho", "Saint-Denis,
#: en Seine-Saint-Denis", "Paris, au Texas"). Longest first where one is a prefix of another.
INSIDE: dict[str, tuple[str, ...]] = {
    "fr": ("dans le", "dans la", "dans l'", "dans les", "dans", "en", "au", "aux"),
    "en": ("in the", "in"),
}
#: The prepositions of :data:`INSIDE` that say "inside" even without a comma ("Berlin dans le New Hampshire",
#: "London in Ontario"); "de Paris au Texas" is a journey, not a location.
INSIDE_WITHOUT_COMMA: dict[str, tuple[str, ...]] = {
    "fr": ("dans le", "dans la", "dans l'", "dans les", "dans"),
    "en": ("in the", "in"),
}
#: Nouns of an apposition that says what the place is, and in what ("Victoria, capitale des Seychelles",
#: "Moscou, petite ville universitaire de l'Idaho", "Birmingham, the largest city in Alabama").
APPOSITION_HEADS: dict[str, tuple[str, ...]] = {
    "fr": ("capitale", "chef-lieu", "préfecture", "sous-préfecture", "ville", "village", "commune", "cité",
           "métropole", "bourg", "bourgade", "localité", "agglomération", "municipalité", "hameau", "port",
           "banlieue", "quartier", "faubourg", "arrondissement"),
    "en": ("capital", "city", "town", "village", "county seat", "seat", "community", "suburb", "hamlet",
           "municipality", "port", "district", "neighbourhood", "neighborhood"),
}
#: What links an apposition's head to the region it names ("capitale *des* Seychelles", "city *in* Alabama").
APPOSITION_LINKS: dict[str, tuple[str, ...]] = {
    "fr": ("de la", "de l'", "du", "des", "de", "d'"),
    "en": ("of the", "of", "in the", "in"),
}
#: "Saint-Denis de La Réunion", "Saint-Louis du Sénégal": the region right after the name, without a comma.
OF: dict[str, tuple[str, ...]] = {
    "fr": ("de la", "de l'", "du", "des", "de", "d'"),
    "en": (),
}
#: Direction words between the preposition and the region ("au nord du Liban", "in northern Idaho").
DIRECTIONS: dict[str, tuple[str, ...]] = {
    "fr": ("nord-est", "nord-ouest", "sud-est", "sud-ouest", "nord", "sud", "est", "ouest", "centre"),
    "en": ("northeastern", "northwestern", "southeastern", "southwestern", "northern", "southern", "eastern",
           "western", "central"),
}
#: What links a direction word to the region ("au nord *du* Liban"); English needs none ("in northern Idaho").
DIRECTION_LINKS: dict[str, tuple[str, ...]] = {
    "fr": ("de la", "de l'", "du", "des", "de", "d'"),
    "en": (),
}
#: Region nouns between the preposition and the region's name ("dans l'État de New York", "in the state of
#: Georgia"), and what links them to it.
REGION_NOUNS: dict[str, tuple[str, ...]] = {
    "fr": ("État", "province", "région", "département", "comté", "canton", "territoire", "île", "pays"),
    "en": ("state", "province", "region", "county", "territory", "island", "country"),
}
REGION_LINKS: dict[str, tuple[str, ...]] = {
    "fr": ("de la", "de l'", "du", "des", "de", "d'"),
    "en": ("of the", "of"),
}
#: Between a region and a place that it is said to contain, the place's kind: "the Idaho town of Moscow",
#: "the Ontario city London".
KIND_BEFORE: dict[str, tuple[str, ...]] = {
    "fr": (),
    "en": ("capital", "city", "town", "village", "community", "suburb", "hamlet", "port", "county seat"),
}
KIND_BEFORE_LINKS: dict[str, tuple[str, ...]] = {
    "fr": (),
    "en": ("of",),
}
#: Possessive endings that put the next name in the previous one ("Alabama's Birmingham").
POSSESSIVES: dict[str, tuple[str, ...]] = {
    "fr": (),
    "en": ("'s", "’s"),
}
#: The head noun of an apposition that says what kind of place a name is ("Géorgie, ancienne république
#: soviétique": a country; "Atlanta, la capitale de l'État": a city), as the trigger hint it gives
#: (see ``ScoringWeights.hint_bonus``).
APPOSITION_KINDS: dict[str, dict[str, str]] = {
    "fr": {"république": "country", "pays": "country", "royaume": "country", "émirat": "country",
           "principauté": "country", "sultanat": "country", "monarchie": "country",
           "capitale": "city", "chef-lieu": "city", "préfecture": "city", "ville": "city", "cité": "city",
           "métropole": "city", "village": "village", "bourg": "village", "bourgade": "village",
           "hameau": "village", "commune": "village",
           "province": "admin", "région": "admin", "département": "admin", "comté": "admin",
           "fleuve": "river", "rivière": "river"},
    "en": {"republic": "country", "country": "country", "kingdom": "country", "nation": "country",
           "emirate": "country", "capital": "city", "city": "city", "town": "city", "village": "village",
           "hamlet": "village", "province": "admin", "state": "admin", "county": "admin", "river": "river"},
}
#: Words that start a new clause, not an adjective of the apposition's noun ("Géorgie, puis la république
#: tchèque" names no kind of Géorgie).
NOT_ADJECTIVES: dict[str, tuple[str, ...]] = {
    "fr": ("puis", "et", "ou", "mais", "donc", "or", "ni", "car", "comme", "où", "qui", "que", "dont", "avec",
           "sans", "vers", "avant", "après", "dans", "en", "à", "au", "aux", "de", "du", "des", "sur", "par", "pour"),
    "en": ("then", "and", "or", "but", "as", "where", "which", "who", "that", "with", "without", "to", "in", "of",
           "on", "at", "by", "for", "from"),
}
#: Plural nouns for the banks of a water body, before its name ("sur les bords du Mississippi", "on the banks of the
#: Thames"): the name is the river, lake or sea. Singular "bord" is left out ("à bord du Charles-de-Gaulle" is on a
#: ship), and so is "bank" ("the Bank of England").
BANKS: dict[str, tuple[str, ...]] = {
    "fr": ("bords", "berges", "rives"),
    "en": ("banks", "shores"),
}
#: What links a bank noun to the name ("bords *du*", "banks *of the*").
BANK_LINKS: dict[str, tuple[str, ...]] = {
    "fr": ("de la", "de l'", "du", "des", "de", "d'"),
    "en": ("of the", "of"),
}
