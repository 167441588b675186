import pytest
from hypothesis import given
from hypothesis import strategies as st

from geonews.gazetteer.store import Gazetteer
from geonews.gazetteer.translit import TRANSLIT_COUNTRIES, has_cyrillic, to_french, variants


@pytest.mark.parametrize(
    ("cyrillic", "ukrainian", "french"),
    [
        ("Восточный", False, "Vostotchny"),
        ("Хасан", False, "Khassan"),
        ("Приморье", False, "Primorie"),
        ("Щёлково", False, "Chtchiolkovo"),
        ("Нижний Новгород", False, "Nijni Novgorod"),
        ("Горький", False, "Gorki"),
        ("Геленджик", False, "Guelendjik"),
        ("Ярославль", False, "Iaroslavl"),
        ("Запоріжжя", True, "Zaporijjia"),
        ("Часів Яр", True, "Tchassiv Iar"),
        ("Вовчанськ", True, "Vovtchansk"),
        ("Київ", True, "Kyïv"),
        ("Харків", True, "Kharkiv"),
    ],
)
def test_french_press_spelling(cyrillic: str, ukrainian: bool, french: str) -> None:
    assert to_french(cyrillic, ukrainian=ukrainian) == french


def test_only_where_russian_or_ukrainian_is_native() -> None:
    assert variants("Хасан", "RU") == ["Khassan"]
    assert variants("Хасан", "IN") == []
    assert "FR" not in TRANSLIT_COUNTRIES


RUSSIAN_UKRAINIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ"


@given(st.text(alphabet=RUSSIAN_UKRAINIAN + RUSSIAN_UKRAINIAN.upper() + " -", min_size=1, max_size=30))
def test_output_is_latin(name: str) -> None:
    for ukrainian in (False, True):
        assert not has_cyrillic(to_french(name, ukrainian=ukrainian))


@given(st.text(max_size=30), st.sampled_from(sorted(TRANSLIT_COUNTRIES)))
def test_variants_never_keep_cyrillic(name: str, country: str) -> None:
    assert not any(has_cyrillic(v) for v in variants(name, country))


#: Common French words: none of them may become a place through transliteration.
COMMON_WORDS = ["chambre", "boucher", "maison", "marche", "porte", "salle", "route", "vie", "mission", "terre",
                "bois", "mer", "lac", "pont", "tour", "monde", "pays", "ville", "sud", "nord", "est", "ouest",
                "danse", "russe", "grand", "petit", "nouvelle", "aussi", "dans", "pour", "avec", "sans", "tout"]


@pytest.mark.slow
def test_no_common_french_word_becomes_a_place(full_gazetteer_path) -> None:  # type: ignore[no-untyped-def]
    with Gazetteer(full_gazetteer_path) as gaz:
        for word in COMMON_WORDS:
            assert [m for m in gaz.lookup(word) if m.tier == "translit"] == [], word


@pytest.mark.slow
def test_frontline_towns_resolve(full_gazetteer_path) -> None:  # type: ignore[no-untyped-def]
    with Gazetteer(full_gazetteer_path) as gaz:
        for name in ("Khassan", "Zaporijjia", "Tchassiv Iar", "Vovtchansk", "Vostotchny"):
            assert gaz.lookup(name), name
