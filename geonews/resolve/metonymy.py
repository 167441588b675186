"""Metonymy: "Washington craint", "le porte-parole du Kremlin".

Countries act as subjects all the time ("la Russie soutiendrait"); flagging
them would flag nearly every country, so only capitals and seats of power are
considered.

A capital or a seat of power often stands for a government. The place is still
mapped (it is where the decision is made) but flagged, so readers and
exports can tell a place from an actor. The rule is lexical and pure: it reads
the words right after and right before the mention in its sentence.

    >>> is_metonymic("des inquiétudes à Washington, qui craint qu’un accord", 18, 28, "capital")
    True
    >>> is_metonymic("le porte-parole du Kremlin, Dmitri Peskov", 19, 26, "building")
    True
    >>> is_metonymic("une visite à Vladivostok en 2019", 13, 24, "city")
    False
    >>> is_metonymic("Pyongyang pourrait rechercher", 0, 9, "capital")
    True
"""

from __future__ import annotations

import re

__all__ = ["METONYMIC_FEATURES", "is_metonymic"]

#: Feature types that can stand for a government or an institution.
METONYMIC_FEATURES = frozenset({"capital", "building"})

_VERBS = (
    # French: stance, speech and action verbs the press gives governments
    "craint|craignent|redoute|pourrait|pourraient|peut|veut|souhaite|estime|juge|accuse|dénonce|affirme|"
    "annonce|assure|menace|répond|refuse|exige|condamne|réclame|promet|prévient|critique|soutient|"
    "salue|nie|dément|appelle|insiste|considère|envisage|prépare|cherche|tente|entend|compte|a|avait|"
    "aurait|va|devrait|doit|semble|reste|continue|poursuit|maintient|rejette|réagit|riposte|"
    # English
    "says|said|warns|warned|fears|feared|wants|wanted|accused|accuses|denied|denies|announced|announces|"
    "insists|claims|claimed|could|would|will|has|had|is|was|should|must|might|may|seeks|sought|"
    "rejected|rejects|responded|threatens|threatened|urged|urges|hopes|believes|considers|plans"
)
_AFTER = re.compile(
    rf"^\s*(?:,\s*(?:qui|which|who)\s+)?(?:ne\s+|n['’]\s*|y\s+|s['’]\s*|se\s+)?(?:{_VERBS})\b",
    re.IGNORECASE,
)
_BEFORE = re.compile(
    r"(?:porte-parole|spokes(?:man|woman|person)|diplomatie|position|réponse|décision|"
    r"selon|according\s+to|pour|accuse|accusé|critique|officials?\s+in)\s+"
    r"(?:du\s+|de\s+la\s+|de\s+l['’]\s*|de\s+|d['’]\s*|des\s+|the\s+)?$",
    re.IGNORECASE,
)


def is_metonymic(sentence: str, start: int, end: int, feature: str) -> bool:
    """Whether the place at ``sentence[start:end]`` stands for an institution."""
    if feature not in METONYMIC_FEATURES:
        return False
    after = sentence[end : end + 60]
    before = sentence[max(0, start - 40) : start]
    return bool(_AFTER.match(after) or _BEFORE.search(before))
