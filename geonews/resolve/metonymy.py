"""Metonymy: "Washington craint", "le porte-parole du Kremlin".

Countries act as subjects all the time ("la Russie soutiendrait"); flagging
them would flag nearly every country, so only capitals and seats of power are
considered.

A capital or a seat of power often stands for a government. The place is still
mapped (it is where the decision is made) but flagged, so readers and
exports can tell a place from an actor. The rule is lexical and pure: it reads
the words right after and right before the mention in its sentence, with the
word lists of :data:`LEXICONS` (one per language, defined once).

An auxiliary ("a", "est", "has", "was") is not a verb of saying or deciding on
its own: it counts only before the participle of one ("a annoncé", "n'a pas
commenté", "s'est dit", "has said").

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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LEXICONS", "METONYMIC_FEATURES", "Lexicon", "is_metonymic"]

#: Feature types that can stand for a government or an institution.
METONYMIC_FEATURES = frozenset({"capital", "building"})


@dataclass(frozen=True, slots=True)
class Lexicon:
    """One language's words for spotting a place that acts or speaks."""

    #: finite verbs of stance, speech, decision or action the press gives governments (and modals)
    verbs: tuple[str, ...]
    #: auxiliaries: they count only before one of ``participles``
    auxiliaries: tuple[str, ...]
    #: participles of verbs of saying or deciding ("annoncé", "said", "considering")
    participles: tuple[str, ...]
    #: words that may stand between an auxiliary and its participle ("pas", "déjà", "not")
    adverbs: tuple[str, ...]
    #: relative pronouns of a subject clause after a comma ("Washington, qui craint")
    relatives: tuple[str, ...]
    #: locative prepositions: a place after one is where something happens, not who acts
    #: ("le recteur de son université à Tokyo menace"), unless a relative clause follows
    locatives: tuple[str, ...]
    #: clitics between the subject and its verb ("ne", "n'", "s'")
    clitics: tuple[str, ...]
    #: words before a place that make it an actor ("le porte-parole du", "according to")
    before: tuple[str, ...]
    #: articles and prepositions between those words and the place ("du", "de la", "the")
    articles: tuple[str, ...]


#: The word lists, by language. Every list is matched case-insensitively, on word boundaries.
LEXICONS: dict[str, Lexicon] = {
    "fr": Lexicon(
        verbs=(
            "craint", "craignent", "redoute", "pourrait", "pourraient", "peut", "veut", "souhaite", "estime",
            "juge", "accuse", "dénonce", "affirme", "annonce", "assure", "menace", "répond", "refuse", "exige",
            "condamne", "réclame", "promet", "prévient", "critique", "soutient", "salue", "nie", "dément",
            "appelle", "insiste", "considère", "envisage", "prépare", "cherche", "tente", "entend", "compte",
            "va", "devrait", "doit", "semble", "reste", "continue", "poursuit", "maintient", "rejette",
            "réagit", "riposte", "déclare", "dit", "décide", "décident", "proteste", "confirme", "indique",
            "réplique", "ordonne", "exhorte", "convoque",
        ),
        auxiliaries=("a", "avait", "aurait", "ont", "avaient", "auraient", "est", "était", "serait"),
        participles=(
            "déclaré", "dit", "annoncé", "affirmé", "assuré", "averti", "menacé", "répondu", "répliqué",
            "refusé", "exigé", "condamné", "réclamé", "promis", "prévenu", "critiqué", "soutenu", "salué",
            "nié", "démenti", "appelé", "insisté", "considéré", "envisagé", "estimé", "jugé", "accusé",
            "dénoncé", "rejeté", "réagi", "riposté", "décidé", "protesté", "commenté", "confirmé", "indiqué",
            "précisé", "expliqué", "reconnu", "admis", "ordonné", "autorisé", "approuvé", "adopté", "signé",
            "voté", "imposé", "demandé", "proposé", "réaffirmé", "réitéré", "convoqué", "expulsé",
            "suspendu", "interdit", "exhorté", "souhaité", "voulu", "redouté", "fait savoir", "mis en garde",
            "engagé", "opposé", "félicité", "inquiété",
        ),
        adverbs=("pas", "plus", "jamais", "guère", "déjà", "aussi", "encore", "également", "finalement",
                 "toujours", "officiellement", "immédiatement", "rapidement", "pourtant", "enfin"),
        relatives=("qui",),
        locatives=("à", "en", "dans"),
        clitics=("ne", "n'", "n’", "y", "s'", "s’", "se"),
        before=("porte-parole", "diplomatie", "position", "réponse", "décision", "selon", "pour", "accuse",
                "accusé", "critique"),
        articles=("du", "de la", "de l'", "de l’", "de", "d'", "d’", "des"),
    ),
    "en": Lexicon(
        verbs=(
            "says", "said", "warns", "warned", "fears", "feared", "wants", "wanted", "accused", "accuses",
            "denied", "denies", "announced", "announces", "insists", "claims", "claimed", "could", "would",
            "will", "should", "must", "might", "may", "seeks", "sought", "rejected", "rejects", "responded",
            "threatens", "threatened", "urged", "urges", "hopes", "believes", "considers", "plans",
            "protests", "protested", "decided", "decides", "confirmed", "confirms", "declared", "declares",
        ),
        auxiliaries=("has", "had", "have", "is", "was", "are", "were"),
        participles=(
            "said", "warned", "announced", "denied", "rejected", "accused", "urged", "threatened",
            "responded", "insisted", "claimed", "sought", "decided", "confirmed", "protested", "refused",
            "demanded", "called", "condemned", "criticized", "criticised", "welcomed", "vowed", "pledged",
            "promised", "ordered", "approved", "imposed", "agreed", "declined", "dismissed",
            "saying", "warning", "considering", "seeking", "planning", "threatening", "urging", "demanding",
            "weighing", "preparing", "insisting", "refusing", "pushing", "pressing",
        ),
        adverbs=("not", "also", "already", "now", "never", "long", "since", "repeatedly", "previously", "publicly",
                 "officially", "formally", "reportedly", "strongly", "firmly", "quickly"),
        relatives=("which", "who"),
        locatives=("in", "at"),
        clitics=(),
        before=("spokesman", "spokeswoman", "spokesperson", "according to", "officials in", "official in"),
        articles=("the",),
    ),
}


def _words(lists: list[tuple[str, ...]]) -> str:
    """An alternation of words, longest first, spaces as any whitespace."""
    words = sorted({w for ws in lists for w in ws}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


def _word(word: str) -> str:
    """A word that a following word joins: an elided one ("n'", "de l'") directly, else after spaces."""
    text = re.escape(word).replace(r"\ ", r"\s+")
    return text + (r"\s*" if word[-1] in "'’" else r"\s+")


def _after_pattern(lexicons: list[Lexicon]) -> re.Pattern[str]:
    verbs = _words([x.verbs for x in lexicons])
    aux = _words([x.auxiliaries for x in lexicons])
    participles = _words([x.participles for x in lexicons])
    adverbs = _words([x.adverbs for x in lexicons])
    relatives = _words([x.relatives for x in lexicons])
    clitics = "".join(f"(?:{_word(c)})?" for c in sorted({c for x in lexicons for c in x.clitics},
                                                           key=lambda c: (-len(c), c)))
    return re.compile(
        rf"^\s*(?:,\s*(?:{relatives})\s+)?{clitics}"
        rf"(?:(?:{verbs})\b|(?:{aux})\s+(?:(?:{adverbs})\s+){{0,2}}(?:{participles})(?:e|s|es)?\b)",
        re.IGNORECASE,
    )


def _before_pattern(lexicons: list[Lexicon]) -> re.Pattern[str]:
    before = _words([x.before for x in lexicons])
    articles = sorted({a for x in lexicons for a in x.articles}, key=lambda a: (-len(a), a))
    article = "|".join(_word(a) for a in articles)
    return re.compile(rf"(?:{before})\s+(?:{article})?$", re.IGNORECASE)


_AFTER = _after_pattern(list(LEXICONS.values()))
_BEFORE = _before_pattern(list(LEXICONS.values()))
_LOCATIVE = re.compile(rf"(?:^|\s)(?:{_words([x.locatives for x in LEXICONS.values()])})\s+$", re.IGNORECASE)
_RELATIVE = re.compile(rf"^\s*,\s*(?:{_words([x.relatives for x in LEXICONS.values()])})\s", re.IGNORECASE)


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
    """
    if feature not in METONYMIC_FEATURES:
        return False
    after = sentence[end : end + 60]
    before = sentence[max(0, start - 40) : start]
    if _BEFORE.search(before):
        return True
    if _LOCATIVE.search(before) and not _RELATIVE.match(after):
        return False
    return bool(_AFTER.match(after))
