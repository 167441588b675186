"""Metonymy: a capital or seat of power that acts or speaks, not a place where something happens."""

from __future__ import annotations

import pytest

from geonews.resolve.metonymy import LEXICONS, is_metonymic


def _flag(sentence: str, name: str, feature: str = "capital") -> bool:
    start = sentence.index(name)
    return is_metonymic(sentence, start, start + len(name), feature)


@pytest.mark.parametrize(
    ("sentence", "name", "feature"),
    [
        ("Washington a annoncé mardi de nouveaux droits de douane", "Washington", "capital"),
        ("Pékin a protesté vendredi contre le passage d'une frégate", "Pékin", "capital"),
        ("Hier, le Kremlin a démenti ces informations", "Kremlin", "building"),
        ("Moscou n'a pas commenté ces informations", "Moscou", "capital"),
        ("Moscou n’a toujours pas répondu", "Moscou", "capital"),
        ("Washington s'est dit prêt à négocier", "Washington", "capital"),
        ("Washington avait déjà averti Téhéran", "Washington", "capital"),
        ("Ottawa has said it plans to stick with the deal", "Ottawa", "capital"),
        ("Ottawa has publicly said it plans to stick with it", "Ottawa", "capital"),
        ("Downing Street was considering an early election", "Downing Street", "building"),
        ("Washington craint un accord", "Washington", "capital"),
        ("Downing Street said the prime minister would travel", "Downing Street", "building"),
        ("selon le porte-parole du Kremlin, Dmitri Peskov", "Kremlin", "building"),
        ("Pékin proteste contre le passage d'une frégate", "Pékin", "capital"),
        ("Tokyo protests as ships enter disputed waters", "Tokyo", "capital"),
        ("des inquiétudes à Washington, qui craint un accord", "Washington", "capital"),
    ],
)
def test_an_acting_capital_is_metonymic(sentence: str, name: str, feature: str) -> None:
    assert _flag(sentence, name, feature)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Paris a deux millions d'habitants", "Paris"),
        ("Paris is a big city", "Paris"),
        ("Paris was founded by the Parisii", "Paris"),
        ("Paris a été le théâtre de manifestations", "Paris"),
        ("Kiev n’a pas été incluse dans le sondage", "Kiev"),
        ("Harare has been left without water", "Harare"),
        ("Vienne avait alors trois gares", "Vienne"),
        ("Paris est une grande ville", "Paris"),
        ("Il vit à Moscou depuis 2010", "Moscou"),
        ("Le recteur de son université à Tokyo menace de partir", "Tokyo"),
        ("Une radio captée à Bogota annonce la chute du régime", "Bogota"),
        ("The fog in London is continuing to cause delays", "London"),
    ],
)
def test_an_auxiliary_alone_or_a_place_is_not_metonymic(sentence: str, name: str) -> None:
    assert not _flag(sentence, name)


def test_only_capitals_and_seats_of_power() -> None:
    assert not _flag("Lyon a annoncé un plan", "Lyon", "city")
    assert _flag("Lyon a annoncé un plan", "Lyon", "capital")


def test_auxiliaries_are_not_verbs_in_any_language() -> None:
    for lang, lexicon in LEXICONS.items():
        assert lexicon.auxiliaries and lexicon.participles, lang
        assert not set(lexicon.auxiliaries) & set(lexicon.verbs), lang
