from hypothesis import given
from hypothesis import strategies as st

from geonews.gazetteer.normalize import normalize_name, strip_accents


@given(st.text())
def test_idempotent(s: str) -> None:
    assert normalize_name(normalize_name(s)) == normalize_name(s)


@given(st.text())
def test_case_and_accents_do_not_matter(s: str) -> None:
    assert normalize_name(s.upper()) == normalize_name(s.lower()) or not s.isascii()
    assert normalize_name(strip_accents(s)) == normalize_name(s)


@given(st.text())
def test_key_is_plain_words(s: str) -> None:
    key = normalize_name(s)
    assert key == key.strip()
    assert "  " not in key
    assert all(ch.isalnum() or ch == " " for ch in key)


def test_spellings_meet() -> None:
    same = ["l'Île-de-France", "Ile de France", "ÎLE-DE-FRANCE", "île‐de‐france"]
    assert len({normalize_name(s) for s in same}) == 1
    assert normalize_name("St. Petersburg") == normalize_name("Saint Petersburg")
    assert normalize_name("Les États-Unis") == "etats unis"
    assert normalize_name("Kyïv") == normalize_name("Kyiv")
    assert normalize_name("Œil") == "oeil"


def test_article_only_name_is_kept() -> None:
    # a name that is nothing but an article is not emptied
    assert normalize_name("La") == "la"
    assert normalize_name("Le Havre") == "havre"
