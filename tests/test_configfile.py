"""geonews.toml / [tool.geonews] / GEONEWS_* / command line, in that order of precedence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geonews.config import Settings
from geonews.configfile import (
    DEFAULTS,
    effective_settings,
    find_config_file,
    format_settings,
    load_config,
    settings_from_config,
)
from geonews.errors import ConfigurationError


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No GEONEWS_* variable of the machine running the tests leaks in; the working dir is empty."""
    import os

    for name in list(os.environ):
        if name.startswith("GEONEWS_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def test_defaults_without_any_file(tmp_path: Path) -> None:
    settings, sources = effective_settings()
    assert settings == DEFAULTS
    assert set(sources.values()) == {"default"}
    assert find_config_file(tmp_path) is None


def test_geonews_toml(tmp_path: Path) -> None:
    (tmp_path / "geonews.toml").write_text(
        'online = "nominatim"\nuser_agent = "me/1.0 (me@example.org)"\nmin_delay = 2\n'
        'cache_dir = "var/cache"\nadjectives = true\ntimeout = 5\n',
        encoding="utf-8",
    )
    settings, sources = effective_settings()
    assert settings["online"] == "nominatim" and settings["user_agent"] == "me/1.0 (me@example.org)"
    assert settings["min_delay"] == 2.0 and settings["timeout"] == 5.0 and settings["adjectives"] is True
    assert settings["cache_dir"] == tmp_path / "var" / "cache"  # relative to the file
    assert sources["online"] == str(tmp_path / "geonews.toml")
    assert sources["model"] == "default"


def test_pyproject_tool_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.geonews]\nmodel = "en_core_web_sm"\nbatch_size = 4\n', encoding="utf-8"
    )
    settings, sources = effective_settings()
    assert settings["model"] == "en_core_web_sm" and settings["batch_size"] == 4
    assert sources["model"] == f"{tmp_path / 'pyproject.toml'} [tool.geonews]"


def test_pyproject_without_table_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_config() == DEFAULTS


def test_geonews_toml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.geonews]\nmodel = "a"\ntimeout = 1\n', encoding="utf-8")
    (tmp_path / "geonews.toml").write_text('model = "b"\n', encoding="utf-8")
    settings = load_config()
    assert settings["model"] == "b" and settings["timeout"] == DEFAULTS["timeout"]


def test_precedence_file_env_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "geonews.toml").write_text('model = "file"\ntimeout = 1\nuser_agent = "file/1"\n',
                                           encoding="utf-8")
    monkeypatch.setenv("GEONEWS_MODEL", "env")
    monkeypatch.setenv("GEONEWS_TIMEOUT", "2.5")
    monkeypatch.setenv("GEONEWS_ADJECTIVES", "yes")
    monkeypatch.setenv("GEONEWS_USER_AGENT", "")  # empty: ignored
    monkeypatch.setenv("GEONEWS_SOMETHING_ELSE", "whatever")  # not a setting: ignored
    settings, sources = effective_settings({"model": "cli", "timeout": None, "cache_dir": "here"})
    assert settings["model"] == "cli" and sources["model"] == "command line"
    assert settings["timeout"] == 2.5 and sources["timeout"] == "env GEONEWS_TIMEOUT"
    assert settings["adjectives"] is True and sources["adjectives"] == "env GEONEWS_ADJECTIVES"
    assert settings["user_agent"] == "file/1" and sources["user_agent"] == str(tmp_path / "geonews.toml")
    assert settings["cache_dir"] == Path("here")  # command-line paths stay relative to the working dir


def test_explicit_env_mapping_and_cwd(tmp_path: Path) -> None:
    sub = tmp_path / "project"
    sub.mkdir()
    (sub / "geonews.toml").write_text('online = "photon"\n', encoding="utf-8")
    settings, sources = effective_settings(cwd=sub, env={"GEONEWS_ONLINE": "off"})
    assert settings["online"] is None and sources["online"] == "env GEONEWS_ONLINE"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("timeout = 0\n", "timeout"),
        ('timeout = "soon"\n', "timeout"),
        ("min_delay = -1\n", "min_delay"),
        ("max_retries = 1.5\n", "max_retries"),
        ('adjectives = "maybe"\n', "adjectives"),
        ('online = "google"\n', "online"),
        ('geocoder_url = "localhost:8080"\n', "geocoder_url"),
        ("batch_size = 0\n", "batch_size"),
        ("model = 3\n", "model"),
        ("cache_dir = 3\n", "cache_dir"),
        ('colour = "red"\n', "colour"),
    ],
)
def test_bad_file_values_name_file_and_key(tmp_path: Path, text: str, key: str) -> None:
    (tmp_path / "geonews.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError) as info:
        load_config()
    message = str(info.value)
    assert str(tmp_path / "geonews.toml") in message and key in message


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.geonews\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"pyproject\.toml: not valid TOML"):
        load_config()


def test_bad_env_and_cli_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEONEWS_MIN_DELAY", "fast")
    with pytest.raises(ConfigurationError, match="environment variable GEONEWS_MIN_DELAY: min_delay"):
        load_config()
    monkeypatch.delenv("GEONEWS_MIN_DELAY")
    with pytest.raises(ConfigurationError, match="command line: online"):
        load_config({"online": "bing"})
    with pytest.raises(ConfigurationError, match="unknown setting"):
        load_config({"colour": "red"})


def test_format_settings_text_and_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEONEWS_API_KEY", "secret")
    settings, sources = effective_settings({"online": "nominatim", "user_agent": "me/1"})
    text = format_settings(settings, sources)
    assert 'online = "nominatim"  # command line' in text
    assert 'cache_dir = "cache"  # default' in text
    assert "secret" not in text and 'api_key = "***"  # env GEONEWS_API_KEY' in text
    data = json.loads(format_settings(settings, sources, as_json=True))
    assert data["user_agent"] == {"value": "me/1", "source": "command line"}
    assert data["min_delay"] == {"value": None, "source": "default"}


def test_settings_from_config() -> None:
    settings = settings_from_config(load_config({"cache_dir": "c", "adjectives": True, "batch_size": 3}))
    assert isinstance(settings, Settings)
    assert settings.cache_dir == Path("c") and settings.adjectives and settings.batch_size == 3


def test_scoring_table_sets_weights_and_disabled_features(tmp_path: Path) -> None:
    (tmp_path / "geonews.toml").write_text(
        '[scoring]\npublished_bonus = 1\ndisabled = ["dateline", "containment"]\n\n'
        "[scoring.feature_prior]\nvillage = 0.0\n\n[scoring.hint_bonus.station]\nstation = 5\n",
        encoding="utf-8",
    )
    config, sources = effective_settings()
    assert sources["scoring"] == str(tmp_path / "geonews.toml")
    resolver = settings_from_config(config).resolver
    weights = resolver.weights
    assert weights.published_bonus == 1.0 and weights.feature_prior["village"] == 0.0
    assert weights.feature_prior["city"] == 2.5  # the other priors stay
    assert weights.hint_bonus["station"] == {**DEFAULTS_HINT_STATION, "station": 5.0}
    assert resolver.disabled == frozenset({"dateline", "containment"})
    assert "published_bonus" in format_settings(config, sources)


DEFAULTS_HINT_STATION = {"station": 3.0, "village": 1.5, "town": 1.5, "city": 1.0, "border_crossing": 1.5}


def test_no_scoring_table_means_the_default_weights() -> None:
    from geonews.resolve.weights import DEFAULT_WEIGHTS

    resolver = settings_from_config(load_config()).resolver
    assert resolver.weights == DEFAULT_WEIGHTS and resolver.disabled == frozenset()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[scoring]\npublishd_bonus = 1\n", "unknown key 'publishd_bonus' (did you mean 'published_bonus'?)"),
        ('[scoring]\nnamesake_km = "far"\n', "namesake_km must be a number, got 'far'"),
        ("[scoring]\nnamesake_window = 2.5\n", "namesake_window must be a whole number >= 0, got 2.5"),
        ("[scoring.feature_prior]\ncity = true\n", "feature_prior.city must be a number, got True"),
        ("[scoring]\nhint_bonus = 3\n", "hint_bonus must be a table, got 3"),
        ('[scoring]\ndisabled = ["datelines"]\n', "unknown feature 'datelines'"),
        ('[scoring]\ndisabled = "dateline"\n', "disabled must be a list of feature names"),
        ("scoring = 3\n", "scoring must be a table, got 3"),
    ],
)
def test_bad_scoring_table_is_one_line(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "geonews.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError) as info:
        load_config()
    assert "\n" not in str(info.value)
    assert str(info.value).startswith(f"{tmp_path / 'geonews.toml'}: scoring")
    assert message in str(info.value)


def test_scoring_from_the_environment_is_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEONEWS_SCORING", '{"list_bonus": 0.5}')
    assert settings_from_config(load_config()).resolver.weights.list_bonus == 0.5
    monkeypatch.setenv("GEONEWS_SCORING", "list_bonus=0.5")
    with pytest.raises(ConfigurationError, match="environment variable GEONEWS_SCORING: scoring must be a table"):
        load_config()
