"""French words of the recognition rules (each list defined once; :mod:`geonews.lexicon` builds regexes from them).

    >>> "de l'" in DE and "forteresse" in CUE_NOUNS
    True
"""

from __future__ import annotations

#: "of": the forms before a name, longest first where one is a prefix of another.
DE = ("de la", "de l'", "du", "des", "de", "d'")
#: Function words that tell French text from English (:func:`geonews.extract.lang.detect_lang`).
FUNCTION_WORDS = ("le", "la", "les", "des", "du", "de", "un", "une", "et", "est", "dans", "pour", "sur", "au", "aux",
                  "que", "qui", "ne", "pas", "se", "sont", "été", "avec", "par", "il", "elle")
#: Definite articles.
ARTICLES = ("le", "la", "les", "l'")
#: Prepositions a recogniser may keep at the front of a span ("à Berne", "en Suisse").
LEADING_PREPOSITIONS = ("au", "aux", "à", "en")
#: Prepositions that put the next name on the map ("à Garmisch", "près de Goesgen"; not bare "de").
LOCATIVES = ("à", "au", "aux", "près de", "vers", "jusqu'à", "depuis")
#: Connectors inside a place name ("Rostov-sur-le-Don", "Aix en Provence").
NAME_CONNECTORS = ("de", "du", "des", "de la", "la", "le", "les", "sur", "en")

#: Generic words that announce a place, and the feature they imply ("gare de Khassan": a station).
TRIGGERS: dict[str, str] = {
    "cosmodrome": "spaceport",
    "base de lancement": "spaceport",
    "gare": "station",
    "gare ferroviaire": "station",
    "station": "station",
    "aéroport": "airport",
    "aéroport international": "airport",
    "port": "port",
    "centrale nucléaire": "plant",
    "centrale": "plant",
    "barrage": "plant",
    "base aérienne": "military_base",
    "base navale": "military_base",
    "base militaire": "military_base",
    "région": "admin",
    "province": "admin",
    "oblast": "admin",
    "kraï": "admin",
    "krai": "admin",
    "département": "admin",
    "canton": "admin",
    "comté": "admin",
    "état": "admin",
    "district": "admin",
    "gouvernorat": "admin",
    "wilaya": "admin",
    "ville": "city",
    "village": "village",
    "commune": "village",
    "localité": "village",
    "fleuve": "river",
    "rivière": "river",
    "poste-frontière": "border_crossing",
    "poste frontière": "border_crossing",
    "point de passage": "border_crossing",
}

#: Direction words ("l'Est de la Russie") and the qualifier they give.
DIRECTIONS: dict[str, str] = {
    "nord": "north",
    "sud": "south",
    "est": "east",
    "ouest": "west",
    "nord-est": "northeast",
    "nord-ouest": "northwest",
    "sud-est": "southeast",
    "sud-ouest": "southwest",
    "centre": "centre",
}

#: Capitalised words that name a kind of place or institution, not a place, when they stand alone.
GENERIC_NOUNS = (
    "État", "États", "Etat", "Etats", "Union", "Empire", "Royaume", "République", "Océan",
    "Mer", "Continent", "Château", "Nation", "Nations", "Pays", "Province", "Région", "Ville", "Commune",
    "Canton", "Département", "Cité", "Capitale", "Midi", "Nord", "Sud", "Est", "Ouest", "Centre", "Opéra",
    "Théâtre", "Bibliothèque", "Église", "Eglise", "Palais", "Gare", "Port",
    "Village", "Page", "Art", "Casino", "Hôtel", "Musée", "Collège", "Lycée", "École",
)
#: Words that open the name of an institution: "Conseil général de Neuchâtel" is not a place.
INSTITUTIONS = (
    "Conseil", "Chambre", "Tribunal", "Cour", "Banque", "Société", "Compagnie", "Commission", "Parlement",
    "Assemblée", "Gouvernement", "Ministère", "Université", "Académie", "Institut", "Fédération", "Union",
    "Association", "Syndicat", "Comité", "Office", "Crédit", "Caisse", "Ministre", "École", "Ecole", "Faculté",
    "Gazette",
)
#: Capitalised words that open or close a place name of their own ("Haute-Volta", "Grand Bassam"): beside a
#: place they do not make it an organisation's name (rule ``organisation_names_dropped``).
NAME_MODIFIERS = ("Haut", "Haute", "Hauts", "Hautes", "Bas", "Basse", "Grand", "Grande", "Petit", "Petite", "Nouveau",
                  "Nouvelle", "Vieux", "Saint", "Sainte", "Mont", "Lac", "Île", "Îles", "Port", "Fort", "Cap", "Vallée")
#: Ordinal suffixes after a number ("1er", "4e", "2ème"): a date or a rank, not a team's number name.
ORDINAL_SUFFIXES = ("er", "re", "e", "ème", "eme", "è", "ème")
#: Titles and ranks before a person's name ("le colonel Bouscat").
PERSON_TITLES = (
    "monsieur", "madame", "mademoiselle", "docteur", "président", "colonel", "général", "capitaine", "commandant",
    "lieutenant", "maréchal", "amiral", "abbé", "sénateur", "député", "surveillant", "inspecteur", "ministre", "maire",
    "gouverneur", "procureur", "juge",
)
#: Titles of nobility after "M." ("M. le marquis de Piré").
NOBILITY = ("marquis", "marquise", "comte", "comtesse", "vicomte", "vicomtesse", "baron", "baronne", "duc",
            "duchesse", "prince", "princesse")
#: Nouns after which a capitalised name is a place, known to the gazetteer or not ("la bataille de Morat").
CUE_NOUNS = ("bataille", "combat", "siège", "rives", "rive", "bords", "bord", "col", "vallée", "forteresse",
             "monastère", "abbaye", "environs", "habitants", "territoire")
#: Nouns of a settlement, a district or a site, after which a name the recogniser calls a place stays one though the
#: gazetteer does not know it ("le quartier de Bandal", "la ville frontalière de Kibanga", "le camp militaire de
#: Tessit"); an adjective may stand between noun and "de" (rule ``locative_exception``).
LOCAL_NOUNS = ("quartier", "quartiers", "camp", "poste", "ville", "villes", "village", "villages", "localité",
               "commune", "bourgade", "hameau", "banlieue", "district", "bloc", "mosquée", "église", "marché",
               "prise", "attaque", "site", "région", "province", "territoire", "zone")
#: Nouns that introduce the name of an organisation, a company, a team or a medium ("le groupe Valmor", "le club
#: Dynamo", "le quotidien Le Temps"): the name means it in the whole article (rule ``organisation_nouns``).
ORGANISATION_NOUNS = ("groupe", "société", "entreprise", "firme", "compagnie", "constructeur", "opérateur",
                      "fabricant", "distributeur", "assureur", "club", "équipe", "formation", "journal", "quotidien",
                      "hebdomadaire", "magazine", "chaîne", "radio", "agence", "marque", "enseigne", "parti")
#: "rive droite de la Kander".
CUE_SIDES = ("droite", "gauche")
#: Street words ("rue Cadet", "quai de la Tournelle").
STREETS = ("rue", "boulevard", "bd", "avenue", "quai", "place", "square", "impasse", "passage", "cours", "allée",
           "faubourg")
#: Numbered roads: the letters of their codes ("la D 349", "la RN2") and the words of their long names ("la route
#: nationale 2"); rule ``roads``.
ROAD_CODES = ("RN", "RD", "N", "D", "A")
ROAD_WORDS = ("route nationale", "route départementale", "autoroute")
#: What stands before a road's code: "la D 349", "sur la RN2".
ROAD_ARTICLES = ("la", "La")
#: Street words as small ads abbreviate them, before a dot ("53, r. Legendre").
STREET_ABBREVIATIONS = ("r", "bd", "boul", "av", "pl", "imp", "pass", "faub", "fg")
#: House number suffixes ("16 bis").
HOUSE_NUMBER_SUFFIXES = ("bis", "ter")
#: Nouns before a name that say it is a natural feature, and the hint they give ("la crue du Gardon": a
#: river, "le massif de l'Aigoual": relief). Unlike :data:`TRIGGERS`, "de" is optional ("le fleuve Niger") and
#: they are never stripped from a span ("mer du Nord" stays whole). ``river``, ``water``, ``sea``, ``lake`` and
#: ``mountain`` are strict hints: a namesake village or country is never their answer ("le mont Cameroun" is not
#: the country; :data:`geonews.resolve.scoring.STRICT_HINTS`).
FEATURE_CUES: dict[str, str] = {
    "fleuve": "river", "rivière": "river", "crue": "river", "crues": "river", "décrue": "river",
    "affluent": "river", "confluent": "river",
    "eaux": "water", "rive": "water", "rives": "water", "rive droite": "water", "rive gauche": "water",
    "berges": "water", "embouchure": "water", "estuaire": "water",
    "mer": "sea", "golfe": "sea", "détroit": "sea", "baie": "sea", "océan": "sea", "canal": "sea",
    "lac": "lake",
    "île": "island", "îles": "island", "archipel": "island",
    "massif": "relief", "mont": "mountain", "monts": "mountain", "montagne": "relief",
    "volcan": "mountain", "désert": "relief", "cap": "relief", "pic": "mountain",
}
#: Column names a French table gives each field of an article (CSV inputs: the columns guessed when none is named).
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("texte", "corps", "contenu", "article", "texte de l'article", "chapo", "résumé", "description"),
    "title": ("titre", "titre de l'article", "intitulé"),
    "id": ("identifiant",),
    "url": ("lien", "adresse", "lien de l'article"),
    "date": ("date de publication", "publication", "publié le", "date de parution"),
    "lang": ("langue",),
    "source": ("média", "journal", "site", "titre de presse"),
}
