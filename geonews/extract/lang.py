"""Which language an article is in (French or English), from its function words.

    >>> detect_lang("Les deux dirigeants se sont rencontrés dans l'Est de la Russie.")
    'fr'
    >>> detect_lang("The two leaders met in the east of Russia on Wednesday.")
    'en'
"""

from __future__ import annotations

import re
from dataclasses import replace

from geonews.lexicon import en, fr
from geonews.model import Article

__all__ = ["detect_lang", "model_lang", "with_lang"]

_FR = frozenset(fr.FUNCTION_WORDS)
_EN = frozenset(en.FUNCTION_WORDS)
_WORDS = re.compile(r"[a-zàâçéèêëîïôûùüÿœ']+")


def detect_lang(text: str, *, default: str = "fr") -> str:
    """``"fr"`` or ``"en"``, whichever has more of its function words (``default`` on a tie)."""
    fr = en = 0
    for word in _WORDS.findall(text[:5000].lower()):
        fr += word in _FR
        en += word in _EN
    if fr == en:
        return default
    return "fr" if fr > en else "en"


def model_lang(lang: str | None) -> str | None:
    """The two-letter language of a ``lang`` field ("en-US", "EN", "fr_FR"), None when not given.

        >>> model_lang("en-GB"), model_lang("FR_fr"), model_lang(""), model_lang(None)
        ('en', 'fr', None, None)
    """
    if not lang or not lang.strip():
        return None
    return lang.strip().replace("_", "-").split("-")[0].lower()


def with_lang(article: Article, given: str | None = None) -> Article:
    """``article`` with the language it is read in when it gives none: ``given`` (``--lang``), else detected.

        >>> with_lang(Article(id="a", text="The talks were held in Paris.")).lang
        'en'
        >>> with_lang(Article(id="a", text="x", lang="fr-CH"), "en").lang
        'fr-CH'
    """
    if article.lang:
        return article
    return replace(article, lang=model_lang(given) or detect_lang(article.text))
