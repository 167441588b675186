"""Map file names: unique in a run (case-insensitively, after NFC), short in bytes, safe, deterministic."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from geonews.render.filenames import MAX_STEM_BYTES, RESERVED, map_file_names


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def _check(ids: list[str], names: list[str]) -> None:
    assert len(names) == len(ids)
    assert len({_key(n) for n in names}) == len(names), names
    for name in names:
        stem = name.removesuffix(".html")
        assert name.endswith(".html") and stem
        assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES
        assert "/" not in name and "\\" not in name and "\x00" not in name
        assert not name.startswith((".", "-"))
        assert _key(stem) not in RESERVED
        assert unicodedata.normalize("NFC", name) == name
        name.encode("utf-8")  # no lone surrogates


def test_plain_ids_keep_their_names() -> None:
    assert map_file_names(["a", "vostotchny-putin-kim.fr", "Sommet de l'OTAN"]) == [
        "a.html", "vostotchny-putin-kim.fr.html", "Sommet-de-l-OTAN.html"]


def test_case_and_normalisation_twins_get_different_names() -> None:
    nfc, nfd = "caf\u00e9", "cafe\u0301"
    names = map_file_names(["Paris", "paris", nfc, nfd])
    assert names[0] == "Paris.html" and names[2] == "café.html"
    assert names[1] != names[0] and names[1].lower() != names[0].lower()
    assert names[3] != names[2]
    _check(["Paris", "paris", nfc, nfd], names)


def test_index_and_combined_are_reserved() -> None:
    ids = ["index", "combined", "INDEX", "Combined"]
    names = map_file_names(ids)
    assert not {"index.html", "combined.html"} & {n.lower() for n in names}
    _check(ids, names)


def test_mirror_paths_with_the_same_stem_do_not_collide() -> None:
    ids = ["site/a/index.html", "site/b/index.html", "index", "index-2"]
    names = map_file_names(ids)
    _check(ids, names)


def test_long_cjk_id_is_cut_on_a_character_boundary_with_a_hash() -> None:
    long_id = "東京" * 40  # 80 characters, 240 bytes: "File name too long" on most file systems
    other = "東京" * 40 + "大阪"
    names = map_file_names([long_id, other])
    _check([long_id, other], names)
    assert names[0] != names[1] and names[0].startswith("東京東京")
    assert all(len(n.encode("utf-8")) <= MAX_STEM_BYTES + len(".html") for n in names)


def test_deterministic() -> None:
    ids = ["Paris", "paris", "x" * 300, "index"]
    assert map_file_names(ids) == map_file_names(list(ids))


def test_empty_and_punctuation_ids() -> None:
    ids = ["", "...", "///", "-", "\ud800"]
    names = map_file_names(ids)
    _check(ids, names)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=120) | st.sampled_from(["index", "Combined", "a/index.html", "é", "e\u0301"]),
                max_size=12))
def test_any_ids_give_unique_bounded_safe_names(ids: list[str]) -> None:
    _check(ids, map_file_names(ids))


@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=60), max_size=8))
def test_a_name_depends_on_earlier_ids_only(ids: list[str]) -> None:
    """Adding articles at the end never renames the earlier maps."""
    names = map_file_names(ids)
    for n in range(len(ids)):
        assert map_file_names(ids[:n]) == names[:n]
