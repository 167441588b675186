"""Normalising publication dates to ISO 8601.

    >>> normalize_date("Wed, 13 Sep 2023 08:30:00 +0200")
    '2023-09-13T08:30:00+02:00'
    >>> normalize_date("13/09/2023"), normalize_date("mercredi 13 septembre 2023")
    ('2023-09-13', '2023-09-13')
    >>> normalize_date("September 13, 2023"), normalize_date("2023-09-13T08:30:00Z")
    ('2023-09-13', '2023-09-13T08:30:00+00:00')
    >>> normalize_date("la semaine dernière")
    'la semaine dernière'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

__all__ = ["iso_from_struct", "normalize_date", "parse_date"]

_MONTHS = {
    # French
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
    "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9,
    "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_WEEKDAYS = re.compile(
    r"^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+"
)
_TIME = r"(?:\s*(?:,|a|at|t)?\s*(?P<h>\d{1,2})\s*[:h]\s*(?P<mi>\d{2})?(?::(?P<s>\d{2}))?)?"
_NUMERIC = re.compile(r"^(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})" + _TIME + r"$")
_YMD_SLASH = re.compile(r"^(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})" + _TIME + r"$")
_DAY_MONTH = re.compile(r"^(?P<d>\d{1,2})(?:er|st|nd|rd|th)?\s+(?P<mon>[a-z]+)\.?,?\s+(?P<y>\d{4})" + _TIME + r"$")
_MONTH_DAY = re.compile(r"^(?P<mon>[a-z]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME + r"$")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _from_match(m: re.Match[str], month: int) -> date | datetime | None:
    try:
        day = date(int(m["y"]), month, int(m["d"]))
        if m["h"] is None:
            return day
        return datetime(day.year, day.month, day.day, int(m["h"]), int(m["mi"] or 0), int(m["s"] or 0))
    except ValueError:
        return None


def parse_date(value: str) -> date | datetime | None:
    """A :class:`date` or :class:`datetime` for ``value``, or ``None`` if it is not a date geonews knows.

    Understands ISO 8601, RFC 822 (feeds, e-mail), day-first numeric dates
    (``13/09/2023``) and written dates in French or English.
    """
    text = value.strip()
    if not text or len(text) > 64:
        return None
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    if re.match(r"^\d{4}-\d{2}-\d{2}$", iso):
        try:
            return date.fromisoformat(iso)
        except ValueError:
            return None
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", iso):
        with_colon = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", iso)
        try:
            return datetime.fromisoformat(with_colon)
        except ValueError:
            pass
    if re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}", text):
        try:
            return parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            pass
    folded = _WEEKDAYS.sub("", _fold(text))
    for pattern in (_NUMERIC, _YMD_SLASH):
        m = pattern.match(folded)
        if m:
            return _from_match(m, int(m["m"]))
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        m = pattern.match(folded)
        if m and m["mon"] in _MONTHS:
            return _from_match(m, _MONTHS[m["mon"]])
    return None


def normalize_date(value: str | None) -> str | None:
    """``value`` as ISO 8601 (``YYYY-MM-DD``, or a full timestamp when it has a time), else unchanged."""
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        return value.strip() or None
    if isinstance(parsed, datetime):
        return parsed.isoformat(timespec="seconds")
    return parsed.isoformat()


def iso_from_struct(value: object) -> str | None:
    """ISO 8601 UTC timestamp from a ``time.struct_time`` (feedparser's ``*_parsed`` fields)."""
    if not isinstance(value, Iterable):
        return None
    try:  # year, month, day are needed (a missing one becomes 0: out of range); the time defaults to 0
        year, month, day, hour, minute, second = (*tuple(value)[:6], 0, 0, 0, 0, 0, 0)[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc).isoformat(timespec="seconds")
    except (TypeError, ValueError):
        return None
