"""A newsroom's own places (``--gazetteer-extra FILE.csv``), layered over the index.

The CSV has a header with ``name``, ``lat``, ``lon`` and optionally ``type``
(a feature type such as ``building`` or ``village``), ``country`` (ISO code),
``aliases`` (``|``-separated) and ``source``. Its places are written to a small
index of their own under the cache directory (named by the file's digest, so
an edited file is re-read) and looked up together with the main index; their
names rank above every other name, so a row overrides a namesake:

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "ours.csv").write_text("name,lat,lon,type,country,aliases\\n"
    ...                                 "Rédaction,48.8566,2.3522,building,FR,Siège|QG\\n", encoding="utf-8")
    >>> [(r.name, r.feature, [n.name for n in r.names]) for r in read_extra_csv(d / "ours.csv")]
    [('Rédaction', 'building', ['Rédaction', 'Siège', 'QG'])]
"""

from __future__ import annotations

import csv
import hashlib
import re
import warnings
from pathlib import Path

from geonews.errors import ConfigurationError
from geonews.gazetteer.build import GazetteerCorruptWarning, verify_index, write_index
from geonews.gazetteer.sources import NameRecord, PlaceRecord
from geonews.model import FEATURES

__all__ = ["ensure_extra_index", "read_extra_csv"]

_SLUG = re.compile(r"[^a-z0-9]+")


def read_extra_csv(path: Path) -> list[PlaceRecord]:
    """Parse and validate a user supplement; errors name the file and line."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"{path}: cannot read the gazetteer extra file ({exc})") from exc
    reader = csv.DictReader(text.splitlines())
    missing = {"name", "lat", "lon"} - set(reader.fieldnames or ())
    if missing:
        raise ConfigurationError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    records = []
    for lineno, row in enumerate(reader, 2):
        where = f"{path}:{lineno}"
        name = (row.get("name") or "").strip()
        if not name:
            raise ConfigurationError(f"{where}: empty name")
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (TypeError, ValueError) as exc:
            raise ConfigurationError(f"{where}: lat/lon must be numbers") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ConfigurationError(f"{where}: coordinates out of range ({lat}, {lon})")
        feature = (row.get("type") or row.get("feature") or "other").strip() or "other"
        if feature not in FEATURES:
            raise ConfigurationError(f"{where}: unknown type {feature!r} (one of: {', '.join(sorted(FEATURES))})")
        country = (row.get("country") or row.get("country_code") or "").strip().upper() or None
        slug = _SLUG.sub("-", name.casefold()).strip("-") or str(lineno)
        records.append(
            PlaceRecord(
                key=f"user:{slug}-{lineno}",
                name=name,
                lat=lat,
                lon=lon,
                feature=feature,
                country_code=country,
                source=f"{Path(path).name}: {(row.get('source') or 'user supplement').strip()}",
                names=[NameRecord(name, "user")]
                + [NameRecord(a.strip(), "user") for a in (row.get("aliases") or "").split("|") if a.strip()],
            )
        )
    return records


def ensure_extra_index(csv_path: Path, cache_dir: Path) -> Path:
    """Build (once per file content) the index of a user supplement and return its path.

    A corrupt index of it is rebuilt with one :class:`~geonews.gazetteer.build.GazetteerCorruptWarning`.
    """
    try:
        digest = hashlib.sha256(Path(csv_path).read_bytes()).hexdigest()[:16]
    except OSError as exc:
        raise ConfigurationError(f"{csv_path}: cannot read the gazetteer extra file ({exc})") from exc
    out = cache_dir / f"gazetteer-extra-{digest}.sqlite"
    if out.is_file():
        problem = verify_index(out)
        if problem is None:
            return out
        warnings.warn(f"the gazetteer index {out} (of {csv_path}) is corrupt ({problem}); rebuilding it",
                      GazetteerCorruptWarning, stacklevel=2)
    write_index(read_extra_csv(csv_path), out, version=f"extra-{digest}")
    return out
