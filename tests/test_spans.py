import pytest
from hypothesis import given
from hypothesis import strategies as st

from geonews.extract.spans import hint_before, refine_span


@pytest.mark.parametrize(
    ("text", "span", "toponym", "hint", "qualifier"),
    [
        ("au cosmodrome de Vostotchny, dans", "cosmodrome de Vostotchny", "Vostotchny", "spaceport", None),
        ("à la gare de Khassan, près", "gare de Khassan", "Khassan", "station", None),
        ("dans l’Est de la Russie, selon", "l’Est de la Russie", "Russie", None, "east"),
        ("dans le sud-est de l'Ukraine", "sud-est de l'Ukraine", "Ukraine", None, "southeast"),
        ("Pour la France, la visite", "la France", "France", None, None),
        ("Les États-Unis ont critiqué", "Les États-Unis", "États-Unis", None, None),
        ("de la région du Primorié, Oleg", "région du Primorié", "Primorié", "admin", None),
        ("la centrale nucléaire de Zaporijjia est", "centrale nucléaire de Zaporijjia", "Zaporijjia", "plant", None),
        ("in the state of Texas today", "state of Texas", "Texas", "admin", None),
        ("à Marseille.", "Marseille.", "Marseille", None, None),
    ],
)
def test_refine(text: str, span: str, toponym: str, hint: str | None, qualifier: str | None) -> None:
    start = text.index(span)
    r = refine_span(text, start, start + len(span))
    assert text[r.start : r.end] == toponym
    assert r.hint == hint
    assert r.qualifier == qualifier


def test_trigger_before_span() -> None:
    text = "reçu au cosmodrome de Vostotchny"
    start = text.index("Vostotchny")
    r = refine_span(text, start, len(text))
    assert (r.start, r.end, r.hint, r.trigger) == (start, len(text), "spaceport", "cosmodrome de")


def test_no_trigger_far_away() -> None:
    assert hint_before("la gare est loin. Puis Lyon", 23) is None


@given(st.text(min_size=1, max_size=60), st.data())
def test_offsets_stay_inside_span(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    r = refine_span(text, start, end)
    assert start <= r.start <= r.end <= end
    assert r.start < r.end or text[start:end].strip(" ,.;:!?»«\"“”()'’-") == ""


def test_head_word_after_a_name_hints_a_region() -> None:
    from geonews.extract.spans import hint_after

    assert hint_after("a Washington state farm", 12) == ("state", "admin")
    assert hint_after("New York Governor Andrew Cuomo", 8) == ("Governor", "admin")
    assert hint_after("at Washington State University", 13) is None
    assert hint_after("Washington statesman", 10) is None
    text = "a cow from a Washington state farm"
    s = refine_span(text, 13, 23)
    assert (s.hint, s.trigger) == ("admin", "state")


def test_lower_case_preposition_kept_by_the_recogniser_is_stripped() -> None:
    text = "des bois de France et du Jura, à Des Moines"
    s = refine_span(text, text.index("de France"), text.index("de France") + 9)
    assert text[s.start : s.end] == "France"
    s = refine_span(text, text.index("du Jura"), text.index("du Jura") + 7)
    assert text[s.start : s.end] == "Jura"
    s = refine_span(text, text.index("Des Moines"), len(text))
    assert text[s.start : s.end] == "Des Moines"  # a capital "Des" is part of the name


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Épisode cévenol : la crue du Gardon inquiète", "Gardon", ("crue du", "river")),
        ("La rivière Oust est sortie de son lit", "Oust", ("rivière", "river")),
        ("Crue de l'Oust : vigilance orange", "Oust", ("Crue de l'", "river")),  # a title's capital, with "de"
        ("la crue du fleuve Niger à Niamey", "Niger", ("fleuve", "river")),
        ("les habitants de la rive gauche du Dniepr", "Dniepr", ("rive gauche du", "water")),
        ("les eaux de l'Oust montent", "Oust", ("eaux de l'", "water")),
        ("un navire en mer de Chine", "Chine", ("mer de", "sea")),
        ("sur les flancs du mont Cameroun", "Cameroun", ("mont", "mountain")),
        ("sur le massif de l'Aigoual", "Aigoual", ("massif de l'", "relief")),
        ("les traversées vers l'île de Ré", "Ré", ("île de", "island")),
        ("dams on the waters of the Columbia", "Columbia", ("waters of the", "water")),
        ("the island of Bohol", "Bohol", ("island of", "island")),
    ],
)
def test_feature_cue_before_a_name(text: str, name: str, expected: tuple[str, str]) -> None:
    assert hint_before(text, text.index(name)) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Le Mont Blanc domine Chamonix", "Blanc"),  # a capitalised cue without "de" is part of the name
        ("à Mont-de-Marsan hier", "Marsan"),
        ("au niveau de Paris", "Paris"),  # not a cue
        ("au sommet de Genève", "Genève"),  # a summit meeting, not a mountain
        ("l'armée met le cap sur Kiev", "Kiev"),  # "cap" is a cue only right before the name
        ("the central bank of Russia said", "Russia"),  # "bank" is no water cue in English
        ("la montée des eaux, Paris", "Paris"),
        ("ships enter disputed waters\n\nTokyo lodged a protest", "Tokyo"),  # never across a line break
    ],
)
def test_no_feature_cue(text: str, name: str) -> None:
    assert hint_before(text, text.index(name)) is None


def test_feature_cue_is_read_but_never_stripped_from_a_span() -> None:
    text = "un cargo en mer du Nord"
    start = text.index("mer du Nord")
    r = refine_span(text, start, len(text))
    assert (text[r.start : r.end], r.hint) == ("mer du Nord", None)


@pytest.mark.parametrize(("text", "span", "kept"), [
    ("COLUMBUS, Ga. - A tornado", "Ga.", "Ga."),  # a state abbreviation after a town and a comma keeps its dot
    ("from Phenix City, Ala., where", "Ala.", "Ala."),
    ("They went to Paris, Lyon. Then home", "Lyon.", "Lyon"),  # a name at a sentence end does not
    ("It was in Ga. and more", "Ga.", "Ga"),  # no town and comma before
])
def test_state_abbreviation_keeps_its_dot(text: str, span: str, kept: str) -> None:
    start = text.index(span)
    r = refine_span(text, start, start + len(span))
    assert text[r.start:r.end] == kept


@pytest.mark.parametrize(
    ("text", "span", "toponym", "hint"),
    [
        ("injured in Hebei province after", "Hebei province", "Hebei", "admin"),
        ("landslides in Wanzhou district of", "Wanzhou district", "Wanzhou", "admin"),
        ("the Xiaoba village was buried", "the Xiaoba village", "Xiaoba", "village"),
        ("in New York city today", "New York city", "New York", "city"),
        # a capitalised word is part of the name, and a designator alone is no name
        ("in Mexico City today", "Mexico City", "Mexico City", None),
        ("the county said", "county", "county", None),
    ],
)
def test_a_lower_case_designator_closing_a_span_gives_its_kind(text: str, span: str, toponym: str,
                                                                hint: str | None) -> None:
    start = text.index(span)
    r = refine_span(text, start, start + len(span))
    assert (text[r.start : r.end], r.hint) == (toponym, hint)
