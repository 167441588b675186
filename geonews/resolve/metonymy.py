"""Metonymy: "Washington craint", "le porte-parole du Kremlin", "la Russie a envahi".

A capital, a seat of power or a country often stands for its government,
its institutions or its people acting; a town for its council or its club.
The place is still mapped (it is where the decision is made) but flagged, so
readers and exports can tell a place from an actor. The rule is lexical and
pure: it reads the words right after and right before the mention in its
sentence, with the word lists of :data:`LEXICONS` (one per language, defined
once). The constructions:

* subject: the place, maybe after "X, qui", in a coordination ("Séoul et
  Tokyo ont") or before an apposition ("Le Pérou, un pays andin, lutte"), is
  followed by a verb of saying, deciding or acting ("Pékin proteste",
  "Washington a annoncé"). An auxiliary ("a", "est", "has") counts only before
  the participle of one ("a annoncé", "n'a pas commenté", "has said"); for a
  country, or two capitals joined, any participle after "a"/"has" does ("la
  Russie a envahi", "Tokyo and Beijing have operated"), not "a été", "a deux
  millions", "a progressé". A copula counts before a role or a stance ("n'est
  pas signataire", "est devenue candidate", "reste attaché à"). A town
  ("city", "town", "admin1", "admin2") acts only this way with a verb of saying
  or deciding ("Grenoble a repris", "Cardiff doit verser"), not after a modal
  alone ("Lyon va accueillir"), a closing quote or a capitalised word (the
  speaker of a quote, a person's name: '," Preston said').
* inverted subject, in French: "», a déclaré Lorient", "», estime Pékin".
* institution or member: a word for a government or its people comes right
  before ("les autorités du Niger", "le porte-parole du Kremlin", "selon la
  Russie", "le roi du Maroc") or, in English, right after ("Israel's military");
  any place that can act qualifies ("le gouvernement du Québec"), and a word for
  a club's members or statements makes even a town one ("ancien joueur de
  Liverpool", "un communiqué de Cardiff", "plusieurs clubs, dont Auxerre").
* agent or target: "l'invasion par la Russie", "des sanctions contre la
  Russie", "une guerre du gaz contre l'Europe", "des sanctions contre Téhéran";
  the agent of a passive for a capital or a town ("marginalisées par
  Washington"), not a route ("desservie par Nancy"); the author of an act
  ("l'intervention de la France", "un proche allié de l'Égypte", "son allié
  régional, le Venezuela"); a party to a relation ("la rivalité entre les
  États-Unis et la Chine", "la rencontre avec le Brésil"); a member of a list
  of states ("à savoir la Mauritanie, le Mali, le Niger et le Tchad").

A place after a locative ("à", "en", "au", "in", "at") is where something
happens, and a place after "de" ("le nord de la Russie", "le maire de Paris")
is a complement, not the subject of the verb that follows, unless a relative
clause follows ("à Washington, qui craint").

    >>> is_metonymic("des inquiétudes à Washington, qui craint qu’un accord", 18, 28, "capital")
    True
    >>> is_metonymic("le porte-parole du Kremlin, Dmitri Peskov", 19, 26, "building")
    True
    >>> is_metonymic("une visite à Vladivostok en 2019", 13, 24, "city")
    False
    >>> is_metonymic("Pyongyang pourrait rechercher", 0, 9, "capital")
    True
    >>> is_metonymic("Washington a annoncé mardi de nouveaux droits", 0, 10, "capital")
    True
    >>> is_metonymic("Paris a deux millions d'habitants", 0, 5, "capital")
    False
    >>> is_metonymic("la Russie soutiendrait le projet", 3, 9, "country")
    True
    >>> is_metonymic("la France compte 68 millions d'habitants", 3, 9, "country")
    False
    >>> is_metonymic("les autorités du Niger ont annoncé", 17, 22, "country")
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ACTOR_FEATURES", "LEXICONS", "METONYMIC_FEATURES", "Lexicon", "is_metonymic"]

#: Feature types that can stand for a government or an institution as the subject of a verb.
METONYMIC_FEATURES = frozenset({"capital", "building"})
#: Feature types that act as states: any participle, and an agent or target, makes them actors.
ACTOR_FEATURES = frozenset({"country"})
#: Feature types a word for a government or its people before them makes actors ("le gouvernement du Québec").
INSTITUTION_FEATURES = METONYMIC_FEATURES | ACTOR_FEATURES | frozenset({"admin1"})
#: Feature types that only an agent or a target makes actors ("une guerre du gaz contre l'Europe").
TARGET_FEATURES = frozenset({"continent"})
#: Feature types that act through their council or their club: only as the subject of a verb of saying or
#: deciding ("Grenoble a repris la gestion de son eau", "Cardiff a déclaré"), never after a modal alone
#: ("Lyon va accueillir"), or after a word for a member or a statement ("ancien joueur de Liverpool").
TOWN_FEATURES = frozenset({"city", "town", "admin1", "admin2"})


@dataclass(frozen=True, slots=True)
class Lexicon:
    """One language's words for spotting a place that acts or speaks."""

    #: finite verbs of stance, speech, decision or action the press gives governments (and modals)
    verbs: tuple[str, ...]
    #: modals and verbs of aspect ("pourrait", "va", "doit", "could"): they make a capital, a seat of power or a
    #: country an actor ("Pyongyang pourrait rechercher"), not a town ("Lyon va accueillir les Jeux")
    modals: tuple[str, ...]
    #: infinitives of paying, answering or deciding: after a modal they make a town an actor too ("Cardiff doit
    #: verser", "Leeds must pay")
    duties: tuple[str, ...]
    #: verbs that are a state on their own ("compte 68 millions", "reste en tête"): they count only
    #: before an infinitive ("compte imposer", "semble vouloir")
    statives: tuple[str, ...]
    #: the shape of an infinitive, as a regular expression
    infinitive_shape: str
    #: auxiliaries: they count only before one of ``participles``
    auxiliaries: tuple[str, ...]
    #: participles of verbs of saying or deciding ("annoncé", "said", "considering"), and an intention
    #: ("n'a pas l'intention de")
    participles: tuple[str, ...]
    #: the auxiliaries of the perfect ("a", "has"): for a country, any participle after one counts
    perfect: tuple[str, ...]
    #: the shape of a participle, as a regular expression ("envahi", "deployed")
    participle_shape: str
    #: the shape of a finite verb right after a country: a future, a conditional ("accordera"), an
    #: inverted question ("est-elle"), a past ("invaded")
    finite_shape: str
    #: words of that shape that are not participles ("été", "aussi", "depuis")
    not_participles: tuple[str, ...]
    #: words that may stand between an auxiliary and its participle ("pas", "déjà", "not")
    adverbs: tuple[str, ...]
    #: relative pronouns of a subject clause after a comma ("Washington, qui craint")
    relatives: tuple[str, ...]
    #: coordinating conjunctions of a plural subject ("Séoul et Tokyo ont")
    conjunctions: tuple[str, ...]
    #: locative prepositions: a place after one is where something happens, not who acts
    #: ("le recteur de son université à Tokyo menace"), unless a relative clause follows
    locatives: tuple[str, ...]
    #: genitive prepositions: a place after one is a complement ("le nord de la Russie")
    genitives: tuple[str, ...]
    #: generic nouns of a natural feature: a name right after one is that feature ("le fleuve Niger")
    generics: tuple[str, ...]
    #: times between a subject and its verb ("Pékin, mardi, a", "Downing Street on Tuesday ruled out")
    times: tuple[str, ...]
    #: object and reflexive clitics: after a country, a verb follows ("la Chine se positionne", "l'adopte")
    objects: tuple[str, ...]
    #: clitics between the subject and its verb ("ne", "n'", "s'")
    clitics: tuple[str, ...]
    #: words before a capital or seat of power that make it an actor ("le porte-parole du", "according to")
    before: tuple[str, ...]
    #: words for a government or its people: any place right after one is an actor ("les autorités du")
    institutions: tuple[str, ...]
    #: the same words after a possessive ("Israel's military"); empty where there is no such possessive
    possessed: tuple[str, ...]
    #: words for a member, a team or a statement of a club or a council: any populated place right after one
    #: speaks or plays ("ancien joueur de Liverpool", "un communiqué de Cardiff", "a statement from Leeds")
    members: tuple[str, ...]
    #: whether a verb of saying may come before its subject after a quote or a comma ("», a déclaré Lorient");
    #: not in English, where "said" comes before people and titles ("said London police")
    inversion: bool
    #: the same words after a possessive ("Leeds's manager"); empty where there is no such possessive
    possessed_members: tuple[str, ...]
    #: copulas and verbs of becoming ("est", "reste", "est devenue", "is")
    copulas: tuple[str, ...]
    #: stances and roles a state holds after a copula ("signataire", "candidat", "prêt", "a member"); with an
    #: optional feminine or plural ending
    roles: tuple[str, ...]
    #: prepositions of an agent or a target: a country right after one acts or is acted against ("par la")
    agents: tuple[str, ...]
    #: the agent prepositions of a passive ("par", "by"): after a participle they make any place that can act an
    #: agent ("marginalisées par Washington"), but not after one of ``motions``; never alone before a capital or
    #: a town ("passer par Paris")
    passive: tuple[str, ...]
    #: participles of motion, passage, rank or harm: "par" after one is a route or a cause ("desservi par",
    #: "suivi par", "touché par")
    motions: tuple[str, ...]
    #: plural nouns of teams: the names they list are clubs ("plusieurs clubs italiens, dont Bologne et")
    teams: tuple[str, ...]
    #: words that open such a list ("dont", "comme", "including")
    including: tuple[str, ...]
    #: nouns of a relation between states, before "entre" or "avec" ("la rivalité entre", "tensions avec")
    relations: tuple[str, ...]
    #: the prepositions after those nouns
    relation_prepositions: tuple[str, ...]
    #: nouns of an act or a stance whose complement is its author ("l'intervention de la France", "l'adhésion de")
    acts: tuple[str, ...]
    #: the words that join those nouns to the place, maybe after one adjective ("de", "of")
    act_prepositions: tuple[str, ...]
    #: verbs of extent or position: "la Russie s'étend" describes a place, not an actor
    extents: tuple[str, ...]
    #: definite articles of a country's name ("la France"): a list of them names states ("le Mali, le Niger et")
    definite: tuple[str, ...]
    #: words that govern a list: its names are places, not states ("entre le Mali et le Niger", "comme le")
    governors: tuple[str, ...]
    #: articles and prepositions between those words and the place ("du", "de la", "the")
    articles: tuple[str, ...]


#: The word lists, by language. Every list is matched case-insensitively, on word boundaries.
LEXICONS: dict[str, Lexicon] = {
    "fr": Lexicon(
        verbs=(
            "craint", "craignent", "redoute", "veut", "souhaite", "estime",
            "juge", "accuse", "dénonce", "affirme", "annonce", "assure", "menace", "répond", "refuse", "exige",
            "condamne", "réclame", "promet", "prévient", "critique", "soutient", "salue", "nie", "dément",
            "appelle", "insiste", "considère", "envisage", "prépare", "entend",
            "maintient", "rejette",
            "réagit", "riposte", "déclare", "dit", "décide", "décident", "proteste", "confirme", "indique",
            "réplique", "ordonne", "exhorte", "convoque",
            "accusent", "menacent", "condamnent", "soutiennent", "dénoncent", "refusent", "veulent",
            "annoncent", "suspend", "suspendent", "négocie", "négocient",
            "accorde", "accordent", "adopte", "adoptent", "mène", "mènent", "attribue", "espère", "espèrent",
            "reproche", "inculpe", "impose", "imposent", "interdit", "interdisent", "expulse", "expulsent",
            "soutiendrait", "soutiendraient", "voudrait",
            "recevra", "recevront", "met", "mettent", "introduit", "reconnaît", "signe", "signent",
            "s'insurge", "s’insurge", "demande", "demandent", "propose", "proposent", "réclament",
            "dispose", "lance", "lancent", "déploie", "envoie", "bloque", "sanctionne", "sanctionnent",
            "renonce", "retire", "menaçait", "accusait", "soutenait", "refusait", "voulait", "cherchait",
            "lutte", "luttent", "consacre", "consacrent", "change", "vote", "votent", "votait",
        ),
        modals=("pourrait", "pourraient", "pourra", "peut", "peuvent", "va", "vont", "devrait", "devraient", "doit",
                "doivent", "continue", "poursuit", "tente", "cherche", "a pu", "ait pu", "avait pu",
                "aurait pu", "ont pu", "a dû", "aurait dû"),
        duties=("verser", "payer", "rembourser", "indemniser", "répondre", "décider", "annoncer", "signer", "voter",
                "faire appel", "trancher", "statuer", "se prononcer"),
        statives=("compte", "comptent", "reste", "restent", "semble", "semblent", "paraît", "est sur le point de",
                  "sont sur le point de", "était sur le point de"),
        infinitive_shape=r"[^\W\d_]{2,}(?:er|ir|re)",
        auxiliaries=("ayant", "ait", "aient", "a", "avait", "aurait", "ont", "avaient", "auraient", "est", "était",
                     "serait", "aura", "auront"),
        participles=(
            "déclaré", "dit", "annoncé", "affirmé", "assuré", "averti", "menacé", "répondu", "répliqué",
            "refusé", "exigé", "condamné", "réclamé", "promis", "prévenu", "critiqué", "soutenu", "salué",
            "nié", "démenti", "appelé", "insisté", "considéré", "envisagé", "estimé", "jugé", "accusé",
            "dénoncé", "rejeté", "réagi", "riposté", "décidé", "protesté", "commenté", "confirmé", "indiqué",
            "précisé", "expliqué", "reconnu", "admis", "ordonné", "autorisé", "approuvé", "adopté", "signé",
            "voté", "imposé", "demandé", "proposé", "réaffirmé", "réitéré", "convoqué", "expulsé",
            "suspendu", "interdit", "exhorté", "souhaité", "voulu", "redouté", "fait savoir", "mis en garde",
            "engagé", "opposé", "félicité", "inquiété", "fait part", "lancé", "repris", "qualifié",
            "officialisé", "accordé", "négocié", "sanctionné", "retiré", "rompu", "envahi", "saisi", "fait valoir",
            "l'intention", "l’intention", "choisi", "opté", "tranché", "statué", "renoncé",
        ),
        perfect=("ayant", "ait", "aient", "a", "ont", "avait", "avaient", "aurait", "auraient", "aura", "auront"),
        participle_shape=r"[^\W\d_]+(?:é|i|u|is|it|int|ert)",
        finite_shape=r"[^\W\d_]{2,}(?:ra|ront|rait|raient)|[^\W\d_]+-t?-?(?:elle|il|elles|ils)",
        not_participles=("été", "aussi", "ainsi", "ici", "lui", "depuis", "parmi", "aujourd'hui", "tous", "tout",
                         "sous", "nous", "vous", "ensuite", "lieu", "droit", "peu", "du", "eu", "tu", "mi", "dû",
                         "aujourd’hui", "voici", "voilà", "mardi", "lundi", "mercredi", "jeudi", "vendredi",
                         "samedi", "dimanche", "midi", "minuit", "moins", "mais", "jamais", "trois", "six",
                         "dix", "vécu", "subi", "perdu", "connu", "progressé", "reculé", "grimpé", "chuté", "baissé",
                         "augmenté", "diminué", "dépassé", "atteint", "enregistré", "gagné", "connaîtra", "connaîtront",
                         "connaîtrait", "subira", "subiront", "subirait", "enregistrera", "atteindra", "comptera"),
        adverbs=("pas", "plus", "jamais", "guère", "déjà", "aussi", "encore", "également", "finalement",
                 "toujours", "officiellement", "immédiatement", "rapidement", "pourtant", "enfin", "aussitôt",
                 "alors", "donc", "ainsi", "récemment", "longtemps", "même", "bien", "par ailleurs", "lui-même",
                 "elle-même", "pu", "dû", "directement", "plutôt", "ouvertement", "publiquement", "fermement",
                 "vivement", "sévèrement", "désormais", "de nouveau", "à nouveau"),
        relatives=("qui",),
        conjunctions=("et", "ou"),
        locatives=("à", "en", "dans", "au", "aux", "vers", "sur", "via"),
        genitives=("de", "du", "des", "d'", "d’", "de la", "de l'", "de l’"),
        generics=("fleuve", "rivière", "lac", "mont", "île", "golfe", "désert", "mer", "océan", "vallée", "delta"),
        times=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "aujourd'hui",
               "aujourd’hui", "ce matin", "ce soir", "cette semaine", "à son tour", "de son côté", "aussitôt",
               "lui aussi", "elle aussi", "en revanche", "pour sa part", "pour leur part", "de leur côté",
               "quant à elle", "quant à lui", "toutefois", "cependant", "néanmoins", "pour l'instant",
               "pour l’instant"),
        objects=("se", "s'", "s’", "l'", "l’"),
        clitics=("ne", "n'", "n’", "y", "s'", "s’", "se", "lui", "leur"),
        before=("porte-parole", "diplomatie", "position", "réponse", "décision", "selon", "pour", "accuse",
                "accusé", "critique"),
        institutions=("gouvernement", "gouvernements", "autorités", "ambassade", "ambassadeur", "ambassadrice",
                      "ambassadeurs", "diplomates", "forces de sécurité", "forces armées",
                      "président", "présidente", "présidence", "porte-parole", "diplomatie",
                      "armée", "armées", "parlement", "régime", "dirigeants", "premier ministre", "première ministre",
                      "banque centrale", "procureur général", "chef de l'État", "chef de l’État", "chef d'État",
                      "chef d’État", "délégation", "représentant", "représentants", "envoyé", "selon",
                      "position", "réponse", "décision", "intervention", "dirigeant", "chancellerie",
                      "ministère des Affaires étrangères", "au nom", "roi", "reine", "empereur", "impératrice", "émir",
                      "sultan", "monarque", "ambassadeur auprès", "ambassadrice auprès", "représentant auprès"),
        possessed=(),
        members=("joueur", "joueurs", "joueuse", "joueuses", "gardien", "gardienne", "entraîneur", "entraîneuse",
                 "sélectionneur", "attaquant", "attaquante", "défenseur", "capitaine", "buteur", "supporters",
                 "supporteurs", "dirigeants", "communiqué", "maillot", "entraîneurs", "sélection"),
        possessed_members=(),
        inversion=True,
        copulas=("est", "sont", "était", "étaient", "sera", "serait", "reste", "restent", "demeure", "devient",
                 "est devenu", "est devenue", "est-il", "est-elle", "se montre", "s'est montré", "s’est montré",
                 "s'est montrée", "s’est montrée"),
        roles=("candidat", "membre", "membres", "signataire", "signataires", "partenaire", "allié", "prêt",
               "déterminé", "favorable", "favorables", "opposé", "hostile", "hostiles", "attaché", "présent",
               "engagé", "disposé", "responsable", "responsables", "coupable", "coupables", "accusé", "résolu",
               "décidé", "impliqué", "le premier pays à", "la première nation à", "le seul pays à",
               "le premier État à", "d'accord", "d’accord", "en guerre", "en faveur", "en conflit", "en état de guerre",
               "en état de conflit", "un candidat", "une candidate", "des candidats", "un membre", "des membres",
               "un allié", "une alliée", "des alliés", "un partenaire", "des partenaires", "un club", "une équipe",
               "une menace", "la menace", "la plus grande menace", "un rival", "le rival", "un adversaire"),
        relations=("rivalité", "rivalités", "tension", "tensions", "relations", "relation", "coopération",
                   "accord", "accords", "conflit", "guerre", "sommet", "paix", "dialogue", "négociations",
                   "alliance", "lutte d'influence", "lutte d’influence", "partenariat", "différend", "crise",
                   "rapprochement", "bras de fer", "querelle", "contentieux", "pourparlers", "rencontre", "rencontres",
                   "match", "matchs", "matches", "duel", "finale"),
        relation_prepositions=("entre", "avec"),
        acts=("intervention", "adhésion", "candidature", "engagement", "influence", "position", "politique",
              "stratégie", "diplomatie", "réponse", "décision", "demande", "soutien", "participation", "retrait",
              "motivation", "note", "refus", "menace", "ingérence", "veto",
              "proposition", "plan", "riposte", "appui", "aide", "promesse", "politiques", "allié", "alliée",
              "alliés", "alliance", "partenaire", "partenaires", "ennemi", "ennemis", "rival", "rivaux",
              "adversaire", "adversaires", "sortie", "victoire", "victoires", "défaite", "triomphe", "match",
              "matchs", "matches", "maillot", "équipe", "sélection"),
        act_prepositions=("de", "du", "des", "d'", "d’"),
        extents=("étend", "étendent", "situe", "situent", "trouve", "trouvent", "compose", "composent", "divise",
                 "étire", "élève", "jette", "déverse", "prolonge", "ouvre", "appelle", "appelait", "nomme"),
        agents=("par", "contre", "accuse", "accusent", "accusé", "accuser", "reprochant à", "reproche à", "selon",
                "à l'égard", "à l’égard", "vis-à-vis", "à l'encontre", "à l’encontre", "envers", "condamner",
                "condamne", "sanctionner", "sanctionne", "de la part", "soutenu par", "soutenue par", "aider",
                "aidé", "aidée", "soutenir", "dégrade", "dégrader", "dégradé", "attaquer", "menacer", "envahir",
                "affronter", "affronte", "affrontent", "pression sur", "pressions sur",
                "face à", "victoire sur", "permettre à", "permettant à", "permet à", "obliger", "oblige", "contraindre",
                "contraint", "pousser", "pousse", "inciter", "incite", "exhorter", "exhorte", "appeler", "appelle",
                "encourager", "encourage", "inviter", "invite"),
        passive=("par",),
        motions=("passé", "arrivé", "venu", "parti", "transité", "traversé", "desservi", "relié", "suivi", "précédé",
                 "entouré", "bordé", "longé", "survolé", "dépassé", "devancé", "remplacé", "frappé", "touché",
                 "atteint", "gagné", "envahi", "occupé", "conquis", "bombardé", "visité", "accueilli", "organisé",
                 "reçu", "battu", "éliminé", "irrigué", "arrosé", "construit", "fondé", "créé", "dessiné", "peint",
                 "décrit", "photographié", "filmé"),
        teams=("clubs", "équipes", "sélections", "formations"),
        including=("dont", "comme", "notamment", "tels que", "telles que", "parmi lesquels", "parmi lesquelles"),
        definite=("le", "la", "les", "l'", "l’"),
        governors=("entre", "avec", "comme", "après", "avant", "pour", "sans", "tels que", "telles que", "sauf",
                   "frontière", "frontières", "poste-frontière"),
        articles=("du", "de la", "de l'", "de l’", "de", "d'", "d’", "des", "la", "le", "l'", "l’", "les", "à la",
                  "au", "aux"),
    ),
    "en": Lexicon(
        verbs=(
            "says", "said", "warns", "warned", "fears", "feared", "wants", "wanted", "accused", "accuses",
            "denied", "denies", "announced", "announces", "insists", "claims", "claimed",
            "seeks", "sought", "rejected", "rejects", "responded",
            "threatens", "threatened", "urged", "urges", "hopes", "believes", "considers", "plans",
            "protests", "protested", "decided", "decides", "confirmed", "confirms", "declared", "declares",
            "rules", "ruled", "lodged", "condemns", "condemned", "supports", "supported", "backs", "backed",
            "demands", "demanded", "imposes", "imposed", "refuses", "refused", "negotiates", "agreed",
            "agrees", "vowed", "vows", "insisted", "launched", "launches", "expelled", "recalled",
            "summoned", "sanctioned", "invaded", "invades", "deployed", "sent", "signed", "signs",
            "fights", "spends",
        ),
        modals=("could", "would", "will", "should", "must", "might", "may"),
        duties=("pay", "refund", "compensate", "respond", "decide", "announce", "sign", "vote", "appeal", "rule"),
        statives=("remains", "remained", "seems", "seemed", "appears", "appeared", "is about", "are about", "is set",
                  "are set", "was about", "was set"),
        infinitive_shape=r"to\s+[^\W\d_]+",
        auxiliaries=("having", "has", "had", "have", "is", "was", "are", "were"),
        participles=(
            "said", "warned", "announced", "denied", "rejected", "accused", "urged", "threatened",
            "responded", "insisted", "claimed", "sought", "decided", "confirmed", "protested", "refused",
            "demanded", "called", "condemned", "criticized", "criticised", "welcomed", "vowed", "pledged",
            "promised", "ordered", "approved", "imposed", "agreed", "declined", "dismissed",
            "saying", "warning", "considering", "seeking", "planning", "threatening", "urging", "demanding",
            "weighing", "preparing", "insisting", "refusing", "pushing", "pressing",
        ),
        perfect=("having", "has", "have", "had"),
        participle_shape=r"[^\W\d_]{3,}ed",
        finite_shape=r"[^\W\d_]{3,}ed",
        not_participles=("needed", "suffered", "experienced", "recorded", "reported", "registered", "increased",
                         "decreased", "climbed", "dropped", "ranked", "reached", "gained", "overtaken", "topped"),
        adverbs=("not", "also", "already", "now", "never", "long", "since", "repeatedly", "previously", "publicly",
                 "officially", "formally", "reportedly", "strongly", "firmly", "quickly", "directly", "openly"),
        relatives=("which", "who"),
        conjunctions=("and", "or"),
        locatives=("in", "at", "to", "from", "into", "across", "throughout", "near", "around", "over"),
        genitives=("of",),
        generics=("river", "lake", "mount", "island", "gulf", "desert", "sea", "ocean", "valley", "delta"),
        times=("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
               "yesterday", "today", "this week", "in turn", "for its part", "too", "however", "meanwhile",
               "for their part", "in response"),
        objects=(),
        clitics=(),
        before=("spokesman", "spokeswoman", "spokesperson", "according to", "officials in", "official in"),
        institutions=("government of", "authorities of", "authorities in", "embassy of", "ambassador of",
                      "president of", "prime minister of", "according to", "officials in", "spokesman",
                      "spokeswoman", "spokesperson"),
        possessed=("government", "military", "army", "navy", "air force", "parliament", "president",
                   "prime minister", "foreign ministry", "foreign minister", "defence ministry", "defense ministry",
                   "embassy", "ambassador", "envoy", "officials", "leaders", "leadership", "bid", "position",
                   "response", "decision", "regime", "authorities", "diplomats", "spokesman", "spokeswoman"),
        members=("statement from", "statement by", "players of", "fans of", "supporters of", "shirt of"),
        possessed_members=("manager", "coach", "players", "squad", "fans", "supporters", "striker", "goalkeeper",
                           "captain", "statement", "owners", "board", "council", "city council"),
        inversion=False,
        copulas=("is", "are", "was", "were", "remains", "remained", "became", "has become", "is becoming"),
        roles=("a member", "a signatory", "a candidate", "an ally", "a party", "ready", "determined", "opposed",
               "willing", "committed", "responsible", "at war", "the first country to", "the only country to", "a club",
               "a team", "candidates", "allies", "partners", "a threat", "the biggest threat", "a rival"),
        relations=("rivalry", "tensions", "tension", "relations", "cooperation", "deal", "agreement", "conflict",
                   "war", "summit", "peace", "talks", "dialogue", "negotiations", "alliance", "partnership",
                   "dispute", "standoff", "rapprochement", "protest", "match", "game", "clash", "final"),
        relation_prepositions=("between", "with"),
        acts=("intervention", "accession", "bid", "engagement", "influence", "position", "policy", "strategy",
              "response", "decision", "request", "support", "participation", "withdrawal", "refusal",
              "interference", "veto", "proposal", "plan", "policies", "ally", "allies", "partner", "enemy", "rival",
              "victory", "defeat", "exit", "team", "squad"),
        act_prepositions=("of", "by"),
        extents=(),
        agents=("by", "against", "accused", "accuses", "condemned", "sanctions on", "towards", "toward",
                "pressure on", "support for", "help", "helped", "defeated", "beat", "allowed", "forced", "urged",
                "called on", "pressed", "urge", "urging", "calls on", "calling on"),
        passive=("by",),
        motions=("passed", "followed", "preceded", "surrounded", "bordered", "crossed", "served", "connected", "linked",
                 "hit", "struck", "affected", "overtaken", "flanked", "visited", "hosted", "invaded", "occupied",
                 "conquered", "bombed", "defeated", "beaten", "eliminated", "founded", "built", "created",
                 "described", "photographed", "filmed", "painted", "reached", "replaced", "topped", "drained"),
        teams=("clubs", "teams", "sides"),
        including=("including", "such as", "among them"),
        definite=(),
        governors=("between", "with", "like", "after", "before", "for", "without", "than", "except", "border"),
        articles=("the",),
    ),
}


def _words(lists: list[tuple[str, ...]]) -> str:
    """An alternation of words, longest first, spaces as any whitespace.

    >>> _words([("a b", "c"), ("c",)])
    'a\\\\s+b|c'
    """
    words = sorted({w for ws in lists for w in ws}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


def _word(word: str) -> str:
    """A word that a following word joins: an elided one ("n'", "de l'") directly, else after spaces."""
    text = re.escape(word).replace(r"\ ", r"\s+")
    return text + (r"\s*" if word[-1] in "'’" else r"\s+")


def _joined(lists: list[tuple[str, ...]]) -> str:
    """An alternation of words each joined to the next word, longest first ("de l'", "du").

    >>> print(_joined([("d'", "de")]))
    d'\\s*|de\\s+
    """
    words = sorted({w for ws in lists for w in ws}, key=lambda w: (-len(w), w))
    return "|".join(_word(w) for w in words)


def _article(lexicons: list[Lexicon]) -> str:
    """An optional article or preposition, joined to the next word."""
    return f"(?:{_joined([x.articles for x in lexicons])})?"


#: A capitalised name of up to four words ("Tokyo", "Burkina Faso", "RD Congo"), case-sensitive.
_NAME = r"(?-i:[A-ZÀ-ÖØ-Þ][\w’'-]*)(?:\s+(?-i:(?:du|de|des|of)\s+)?(?-i:[A-ZÀ-ÖØ-Þ][\w’'-]*)){0,3}"


def _after_pattern(lexicons: list[Lexicon], any_participle: bool, modals: bool = True) -> re.Pattern[str]:
    """The words after an acting subject: "a annoncé", ", qui craint", " et Tokyo ont protesté".

    ``any_participle`` lets any participle follow a perfect auxiliary ("a envahi"); ``modals`` lets a modal
    alone do ("pourrait"). An apposition may stand between ("La Moldavie, voisine de l'Ukraine, a").
    """
    verbs = _words([x.verbs for x in lexicons] + ([x.modals for x in lexicons] if modals else []))
    duties = _words([x.duties for x in lexicons])
    aux = _words([x.auxiliaries for x in lexicons])
    participles = _words([x.participles for x in lexicons])
    adverbs = _words([x.adverbs for x in lexicons])
    relatives = _words([x.relatives for x in lexicons])
    conjunctions = _words([x.conjunctions for x in lexicons])
    clitics = "".join(f"(?:{_word(c)})?" for c in sorted({c for x in lexicons for c in x.clitics},
                                                           key=lambda c: (-len(c), c)))
    statives = _words([x.statives for x in lexicons])
    infinitives = "|".join(sorted({x.infinitive_shape for x in lexicons}))
    said = rf"(?:{statives})\s+(?:{infinitives})\b"
    said += rf"|(?:{aux})\s+(?:(?:{adverbs})\s+){{0,2}}(?:{participles})(?:e|s|es)?\b"
    if not modals:
        said += rf"|(?:{_words([x.modals for x in lexicons])})\s+(?:(?:{adverbs})\s+){{0,2}}(?:{duties})\b"
    copulas = _words([x.copulas for x in lexicons])
    roles = _words([x.roles for x in lexicons])
    said += rf"|(?:{copulas})\s+(?:(?:{adverbs})\s+){{0,2}}(?:{roles})(?:e|s|es)?(?![\w-])"
    if any_participle:
        perfect = _words([x.perfect for x in lexicons])
        shapes = "|".join(sorted({x.participle_shape for x in lexicons}))
        nots = _words([x.not_participles for x in lexicons] + [x.adverbs for x in lexicons]
                      + [x.statives for x in lexicons])
        finites = "|".join(sorted({x.finite_shape for x in lexicons}))
        extents = _words([x.extents for x in lexicons]) or "(?!)"
        if any(x.objects for x in lexicons):
            said += rf"|(?:{_joined([x.objects for x in lexicons])})(?!(?:{extents})\b)[^\W\d_]{{3,}}"
        said += rf"|(?!(?:{nots})\b)(?:{finites})\b"
        said += rf"|(?:{perfect})\s+(?:(?:{adverbs})\s+){{0,2}}(?!(?:{nots})\b)(?:{shapes})(?:e|s|es)?\b"
    coordination = rf"(?:(?:\s*,\s*|\s+(?:{conjunctions})\s+){_article(lexicons)}{_NAME}){{0,6}}"
    shapes = "|".join(sorted({x.participle_shape for x in lexicons}))
    prepositions = _joined([x.locatives for x in lexicons] + [x.genitives for x in lexicons]
                           + [x.governors for x in lexicons] + [x.relatives for x in lexicons]
                           + [x.conjunctions for x in lexicons] + [x.auxiliaries for x in lexicons]
                           + [x.verbs for x in lexicons] + [x.modals for x in lexicons])
    apposition = (rf"(?:\s*,\s*(?!(?:{prepositions})|(?:{shapes})(?:e|s|es)?\b)(?-i:[a-zà-ÿ])"
                  rf"[^,;:.!?«»\"“”()\n]{{0,60}},)?")
    times = _words([x.times for x in lexicons])
    return re.compile(
        rf"^{coordination}{apposition}\s*(?:,\s*(?:{relatives})\s+)?(?:,?\s*(?:{times})\s*,?\s*)?[«\"“]?\s*{clitics}"
        rf"(?:(?:{verbs})\b|{said})",
        re.IGNORECASE,
    )


def _before_pattern(words: str, lexicons: list[Lexicon], adverb: bool = False) -> re.Pattern[str]:
    """Words right before the place, then maybe an adverb and an article ("les autorités du", "l'ambassade de").

    With ``adverb``, the place may also be the second of two ("vis-à-vis des États-Unis et de la").
    """
    article = _article(lexicons)
    adverbs = rf"(?:\s+(?:{_words([x.adverbs for x in lexicons])}))?" if adverb else ""
    second = (rf"(?:{_NAME}\s+(?:{_words([x.conjunctions for x in lexicons])})\s+{article})?"
              if adverb else "")
    return re.compile(rf"(?<![\w-])(?:{words}){adverbs}\s*{article}{second}$", re.IGNORECASE)


def _list_patterns(lexicons: list[Lexicon]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A list of names with definite articles ("à savoir la Mauritanie, le Mali, le Niger et le Tchad").

    The first pattern matches the text before a member after the first, the second the text
    before a member that is not the first, the third a preposition or a locative or genitive word
    governing the list (then its names are places: "entre le Mali et le Niger", "au Mali, au Niger").
    """
    definite = _joined([x.definite for x in lexicons])
    conjunctions = _words([x.conjunctions for x in lexicons])
    governors = _words([x.governors for x in lexicons] + [x.locatives for x in lexicons]
                       + [x.genitives for x in lexicons])
    separator = rf"(?:\s*,\s*|\s+(?:{conjunctions})\s+)"
    member = rf"(?:{definite}){_NAME}"
    return (
        re.compile(rf"{member}{separator}(?:{definite})$", re.IGNORECASE),
        re.compile(rf"^{separator}{member}", re.IGNORECASE),
        re.compile(rf"(?<![\w-])(?:{governors})\s*(?:{definite})?(?:{_NAME}{separator}(?:{definite})?)*$",
                   re.IGNORECASE),
    )


def _relation_pattern(lexicons: list[Lexicon]) -> re.Pattern[str]:
    """A relation between states right before the place: "la rivalité entre la Chine et les".

    Both members are actors: the first right after the preposition, the second after a conjunction.
    """
    relations = _words([x.relations for x in lexicons])
    prepositions = _words([x.relation_prepositions for x in lexicons])
    conjunctions = _words([x.conjunctions for x in lexicons])
    article = _article(lexicons)
    return re.compile(
        rf"(?<![\w-])(?:{relations})(?:\s+[«\"“]?\s*[^\W\d_]+\s*[»\"”]?)?\s+(?:{prepositions})\s+{article}"
        rf"(?:{_NAME}\s*(?:,|(?:{conjunctions})\b)\s*{article})?$",
        re.IGNORECASE,
    )


_ALL = list(LEXICONS.values())
_AFTER = _after_pattern(_ALL, any_participle=False)
_ACTOR_AFTER = _after_pattern(_ALL, any_participle=True)
_BEFORE = _before_pattern(_words([x.before for x in _ALL]), _ALL)
_INSTITUTION = _before_pattern(_words([x.institutions for x in _ALL]), _ALL)
_AGENT = _before_pattern(_words([x.agents for x in _ALL]), _ALL, adverb=True)
#: The agents and targets that make a capital an actor ("des sanctions contre Moscou"): not a route ("par").
_TARGET = _before_pattern(_words([tuple(w for w in x.agents if w not in x.passive) for x in _ALL]), _ALL, adverb=True)
_SEPARATOR = rf"(?:\s*,\s*|\s+(?:{_words([x.conjunctions for x in _ALL])})\s+)"
#: A participle and the agent of the passive ("marginalisées par Washington", "demandées par Nantes").
_PASSIVE = re.compile(
    rf"(?<![\w'’-])(?!(?:{_words([x.motions for x in _ALL] + [x.not_participles for x in _ALL])})(?:e|s|es)?\s)"
    rf"(?:{'|'.join(sorted({x.participle_shape for x in _ALL}))})(?:e|s|es)?\s+"
    rf"(?:{_words([x.passive for x in _ALL])})\s+(?:{_joined([x.definite for x in _ALL] + [('the',)])})?$",
    re.IGNORECASE,
)
#: A name or a possessive after the place: it modifies what follows ("conducted by Ohio State University").
_MODIFIER = re.compile(r"^(?:\s+(?-i:[A-ZÀ-ÖØ-Þ])|['’]s\b)")
#: A list of clubs or teams ("plusieurs clubs italiens, dont Bologne et", "teams such as Leeds,").
_TEAMS = re.compile(
    rf"(?<![\w-])(?:{_words([x.teams for x in _ALL])})(?:\s+[^\W\d_]+){{0,2}}\s*,?\s*"
    rf"(?:{_words([x.including for x in _ALL])})\s+{_article(_ALL)}(?:{_NAME}{_SEPARATOR}{_article(_ALL)})*$",
    re.IGNORECASE,
)
_RELATION = _relation_pattern(_ALL)
_ACT = re.compile(
    rf"(?<![\w-])(?:{_words([x.acts for x in _ALL])})(?:\s+[^\W\d_]+){{0,2}}\s+"
    rf"(?:{_joined([x.act_prepositions for x in _ALL])})"
    rf"{_article(_ALL)}(?:{_NAME}\s+(?:{_words([x.conjunctions for x in _ALL])})\s+"
    rf"(?:{_joined([x.act_prepositions for x in _ALL])})?{_article(_ALL)})?$",
    re.IGNORECASE,
)
#: A state named in apposition to its role ("son allié régional, le Venezuela", "its closest ally, the UK").
_ROLE_APPOSED = re.compile(
    rf"(?<![\w-])(?:{_words([x.roles for x in _ALL])})(?:e|s|es)?(?:\s+(?-i:[a-zà-ÿ]+))?\s*,\s*"
    rf"(?:{_joined([x.definite for x in _ALL] + [('the',)])})?$",
    re.IGNORECASE,
)
#: Two capitals joined as one subject are two states ("Tokyo and Beijing have operated a hotline").
_PAIR_AFTER = re.compile(rf"^\s+(?:{_words([x.conjunctions for x in _ALL])})\s+{_article(_ALL)}{_NAME}", re.IGNORECASE)
_PAIR_BEFORE = re.compile(rf"{_NAME}\s+(?:{_words([x.conjunctions for x in _ALL])})\s+{_article(_ALL)}$", re.IGNORECASE)
_TOWN_AFTER = _after_pattern(_ALL, any_participle=False, modals=False)
_MEMBER = re.compile(
    rf"(?<![\w-])(?:{_words([x.members for x in _ALL])})\s*(?:{_joined([x.genitives for x in _ALL])})?$",
    re.IGNORECASE,
)
#: The subject of a verb of saying after it, after a quote or a comma: "», a déclaré Vicenza", ', said London'.
_INVERTING = [x for x in _ALL if x.inversion]
_INVERTED = re.compile(
    rf"[,«»\"“”]\s*(?:(?:{_words([x.perfect for x in _INVERTING])})\s+(?:{_words([x.participles for x in _INVERTING])})"
    rf"|(?:{_words([x.verbs for x in _INVERTING])}))\s+(?:{_joined([x.definite for x in _INVERTING])})?$",
    re.IGNORECASE,
)
#: Before a town, what makes it no subject: a closing quote it would be the speaker of ('," Palma said'), or a
#: capitalised word it is the end of ("Vivian Tan said", "Racing Victoria has said"), unless an article.
_NOT_TOWN_SUBJECT = re.compile(
    rf"(?:(?:[,.!?…]\"|[”»])\s*|(?<![\w'’-])(?!(?:{_words([x.definite for x in _ALL] + [x.articles for x in _ALL])})\s)"
    rf"(?-i:[A-ZÀ-ÖØ-Þ])[\w’'-]*\s+)$",
    re.IGNORECASE,
)
_LIST_BEFORE, _LIST_AFTER, _LIST_GOVERNED = _list_patterns(_ALL)
#: A member without an article between two with one ("la Nouvelle-Zélande, Singapour, la Corée du Sud").
_LIST_BARE = re.compile(
    rf"(?:{_joined([x.definite for x in _ALL])}){_NAME}(?:\s*,\s*|\s+(?:{_words([x.conjunctions for x in _ALL])})\s+)$",
    re.IGNORECASE,
)
_DEFINITE = re.compile(
    rf"(?<![\w'’])(?:{_joined([x.definite for x in _ALL])})$",
    re.IGNORECASE,
)
#: Two countries joined by a spaced dash: a match, a conflict or a dispute ("Bulgarie – France", "Russie - Ukraine").
_DASH_AFTER = re.compile(rf"^\s+[-–—]\s+{_NAME}\s*(?:[:.,;)]|$)")
_DASH_BEFORE = re.compile(rf"{_NAME}\s+[-–—]\s+$")
_MEMBER_POSSESSED = re.compile(
    rf"^['’]s\s+(?:[^\W\d_]+\s+)?(?:{_words([x.possessed_members for x in _ALL])})\b", re.IGNORECASE
)
_POSSESSED = re.compile(rf"^['’]s\s+(?:{_words([x.possessed for x in _ALL])})\b", re.IGNORECASE)
#: A place after a locative, maybe the second of two ("vers Dubaï et Addis-Abeba").
_LOCATIVE = re.compile(
    rf"(?:^|\s)(?:{_words([x.locatives for x in _ALL])})\s+{_article(_ALL)}(?:(?-i:[a-zà-ÿ]+)\s+)?"
    rf"(?:{_NAME}\s+(?:{_words([x.conjunctions for x in _ALL])})\s+{_article(_ALL)})?$",
    re.IGNORECASE,
)
#: A particle inside a name ("Corée du Sud", "Macédoine du Nord"): not a genitive that governs a list.
_PARTICLE = re.compile(r"(?<=[\w’'-])\s+(?-i:(du|de|des|of))\s+(?=[A-ZÀ-ÖØ-Þ])")
_GENITIVE = re.compile(rf"(?:^|\s)(?:{_joined([x.genitives for x in _ALL])})$", re.IGNORECASE)
_GENERIC = re.compile(rf"(?<![\w-])(?:{_words([x.generics for x in _ALL])})\s+$", re.IGNORECASE)
_RELATIVE = re.compile(rf"^\s*,\s*(?:{_words([x.relatives for x in _ALL])})\s", re.IGNORECASE)


def is_metonymic(sentence: str, start: int, end: int, feature: str) -> bool:
    """Whether the place at ``sentence[start:end]`` stands for an institution.

    >>> is_metonymic("Moscou n'a pas commenté ces informations", 0, 6, "capital")
    True
    >>> is_metonymic("Kiev n'a pas été incluse dans le sondage", 0, 4, "capital")
    False
    >>> is_metonymic("Paris is a big city", 0, 5, "capital"), is_metonymic("Paris has said no", 0, 5, "capital")
    (False, True)
    >>> is_metonymic("Une radio captée à Bogota annonce la chute", 19, 25, "capital")
    False
    >>> is_metonymic("le nord de la Russie a envahi", 14, 20, "country")
    False
    """
    town = feature in TOWN_FEATURES
    if feature in TARGET_FEATURES:
        return bool(_AGENT.search(sentence[max(0, start - 40) : start]))
    if (feature not in INSTITUTION_FEATURES and not town) or _GENERIC.search(sentence[max(0, start - 20) : start]):
        return False
    after = sentence[end : end + 80]
    before = sentence[max(0, start - 40) : start]
    if (_MEMBER.search(before) or _MEMBER_POSSESSED.match(after) or _INVERTED.search(before)
            or _TEAMS.search(sentence[max(0, start - 120) : start])):
        return True
    if feature in INSTITUTION_FEATURES and (_INSTITUTION.search(before) or _POSSESSED.match(after)):
        return True
    actor = feature in ACTOR_FEATURES
    if (town or feature in METONYMIC_FEATURES) and _PASSIVE.search(before) and not _MODIFIER.match(after):
        return True
    if feature in METONYMIC_FEATURES and _TARGET.search(before):
        return True
    if feature not in METONYMIC_FEATURES and not actor:
        if _LOCATIVE.search(before) or _GENITIVE.search(before) or _NOT_TOWN_SUBJECT.search(before):
            return False
        return bool(_TOWN_AFTER.match(after))
    if (not actor and _BEFORE.search(before)) or _RELATION.search(before):
        return True
    if (actor or feature == "building") and _AGENT.search(before):
        return True
    if actor and (_ACT.search(before) or _ROLE_APPOSED.search(before) or _DASH_AFTER.match(after)
                  or _DASH_BEFORE.search(before)):
        return True
    if _LOCATIVE.search(before) and not _RELATIVE.match(after):
        return False
    if _GENITIVE.search(before):
        return False
    if actor and ((_DEFINITE.search(before) and (_LIST_BEFORE.search(before) or _LIST_AFTER.match(after)))
                  or (_LIST_BARE.search(before) and _LIST_AFTER.match(after))):
        return not _LIST_GOVERNED.search(_PARTICLE.sub(r"_\1_", sentence[max(0, start - 160) : start]))
    paired = feature in METONYMIC_FEATURES and (_PAIR_AFTER.match(after) or _PAIR_BEFORE.search(before))
    return bool((_ACTOR_AFTER if actor or paired or feature == "building" else _AFTER).match(after))
