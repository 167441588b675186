"""Two readings of names the gazetteer lacks: an acronym the article defines, a misspelt well-known place."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from geonews.gazetteer.store import NameMatch
from geonews.model import Article, LatLon, Place, Resolution
from geonews.resolve.acronyms import defined_acronyms, spells
from geonews.resolve.disambiguate import ResolverSettings, resolve_article
from geonews.resolve.spelling import close_spellings, slips
from tests.helpers import TableSource, sentence_mentions

# invented places, shaped like the gazetteer's
LYON = Place("ly", "Lyon", LatLon(45.76, 4.84), "city", "FR", population=520_000)
MACL = Place("macl", "Macl", LatLon(-3.0, 120.0), "village", "ID", population=300)
BORDEAUX = Place("bx", "Bordeaux", LatLon(44.84, -0.58), "city", "FR", population=260_000)
SANTA_FE = Place("sf", "Santa Fe", LatLon(35.69, -105.94), "capital", "US", population=88_000)
HAMLET = Place("hm", "Bordaix", LatLon(46.0, 1.0), "village", "FR", population=80)
FRANCE = Place("fr", "France", LatLon(46.0, 2.0), "country", "FR", population=67_000_000)

TABLE: dict[str, list[NameMatch]] = {
    "Lyon": [NameMatch(LYON, "fr", "Lyon")],
    "MACL": [NameMatch(MACL, "main", "Macl")],
    "Bordeaux": [NameMatch(BORDEAUX, "main", "Bordeaux")],
    "Bordaix": [NameMatch(HAMLET, "main", "Bordaix")],
    "Santa Fe": [NameMatch(SANTA_FE, "main", "Santa Fe")],
    "France": [NameMatch(FRANCE, "fr", "France")],
}


class _Cache:
    """A caching wrapper, as the pipeline puts around the gazetteer: respellings must go under it."""

    def __init__(self, inner: TableSource) -> None:
        self.inner = inner
        self.asked: list[str] = []

    def lookup(self, name: str) -> list[NameMatch]:
        self.asked.append(name)
        return self.inner.lookup(name)


def _resolve(text: str, names: list[str], source: object = None, **settings: object) -> tuple[Resolution, ...]:
    return resolve_article(Article("a", text, lang="fr"), sentence_mentions(text, names),
                           source=source or TableSource(TABLE), settings=ResolverSettings(**settings))  # type: ignore[arg-type]


# -- defined_acronym

MACL_TEXT = ("Le Musée d'art contemporain de Lyon (MACL) expose Soulages en France. "
             "Le MACL a prêté trois toiles.")
MACL_NAMES = ["Musée d'art contemporain de Lyon", "MACL", "France", "MACL"]


def test_an_acronym_the_article_defines_means_its_long_name() -> None:
    res = _resolve(MACL_TEXT, MACL_NAMES)
    assert res[0].place == LYON  # the museum, placed in its city
    assert res[1].place == LYON and res[3].place == LYON  # never the village spelt M-A-C-L


def test_without_the_step_the_acronym_is_its_namesake() -> None:
    res = _resolve(MACL_TEXT, MACL_NAMES, disabled=frozenset({"defined_acronym"}))
    assert res[3].place == MACL


def test_an_acronym_of_no_known_place_stays_unresolved() -> None:
    text = "La Mission d'appui au contrôle local (MACL) a ouvert. Le MACL recrute."
    res = _resolve(text, ["MACL", "MACL"])
    assert res[0].place is None and res[1].place is None


def test_an_undefined_acronym_is_looked_up_as_it_is() -> None:
    res = _resolve("Le MACL recrute à Lyon.", ["MACL", "Lyon"])
    assert res[0].place == MACL


def test_defined_acronyms_needs_the_initials() -> None:
    assert defined_acronyms("la Banque centrale européenne (BCE)") == {"BCE": "Banque centrale européenne"}
    assert defined_acronyms("le Programme alimentaire mondial (PAM) et l'Union africaine (UA)") == {
        "PAM": "Programme alimentaire mondial", "UA": "Union africaine"}
    assert defined_acronyms("the World Health Organization (WHO)") == {"WHO": "World Health Organization"}
    assert defined_acronyms("à Lyon (LY), au Havre (76) ou à Sète (Hérault)") == {}
    # defined twice, differently: the text does not say which it means
    assert defined_acronyms("la Banque centrale (BC) ... le Bureau central (BC)") == {}


@given(st.text(max_size=300))
def test_defined_acronyms_never_fails_and_only_spells(text: str) -> None:
    for acronym, name in defined_acronyms(text).items():
        assert spells(acronym, name) and name in text


# -- spelling

def test_a_misspelt_city_is_read_as_the_city_less_surely() -> None:
    res = _resolve("Le tramway de Bordaeux, en France.", ["Bordaeux", "France"])
    assert res[0].place == BORDEAUX
    assert any("one letter apart" in r for r in res[0].reasons)
    right = _resolve("Le tramway de Bordeaux, en France.", ["Bordeaux", "France"])[0]
    assert res[0].confidence <= right.confidence


def test_a_respelling_the_article_does_not_back_is_left_out() -> None:
    # nothing else in the article is in France or near Bordeaux: a town the gazetteer lacks, not a typo
    assert _resolve("Le tramway de Bordaeux et celui de Santa Fee.", ["Bordaeux", "Santa Fee"])[0].place is None


def test_without_the_step_a_misspelt_name_stays_unresolved() -> None:
    res = _resolve("Le tramway de Bordaeux, en France.", ["Bordaeux", "France"], disabled=frozenset({"spelling"}))
    assert res[0].place is None


def test_a_slip_that_finds_only_a_hamlet_is_no_reading() -> None:
    # "Bordiax" is one swap from the 80-people "Bordaix" only: a typo of a place nobody writes about is a guess
    assert _resolve("Le tramway de Bordiax, en France.", ["Bordiax", "France"])[0].place is None


def test_short_names_and_capitals_are_not_respelt() -> None:
    assert close_spellings(lambda n: TABLE.get(n, []), "Lyno") is None
    assert close_spellings(lambda n: TABLE.get(n, []), "BORDAEUX") is None


def test_respellings_bypass_the_cache() -> None:
    inner = TableSource(TABLE)
    cached = _Cache(inner)
    _resolve("Le tramway de Bordaeux, en France.", ["Bordaeux", "France"], source=cached)
    assert "Bordeaux" in inner.asked and "Bordeaux" not in cached.asked


def test_respellings_are_never_sent_online() -> None:
    from geonews.resolve.online import FallbackSource

    offline, online = TableSource(TABLE), TableSource(TABLE)
    res = _resolve("Le tramway de Bordaeux, en France.", ["Bordaeux", "France"],
                   source=FallbackSource(_Cache(offline), online))
    assert res[0].place == BORDEAUX
    assert "Bordaeux" in online.asked and "Bordeaux" not in online.asked  # none of its respellings went online


@given(st.text(alphabet="abcdeéxyz -", max_size=12))
def test_slips_are_one_letter_shorter_or_a_swap(name: str) -> None:
    for other in slips(name):
        assert other != name
        assert len(other) == len(name) - 1 or sorted(other) == sorted(name)
