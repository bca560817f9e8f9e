#!/usr/bin/env python3
"""Write ``data/power_plants.csv``: power stations, a gazetteer layer of sites.

    python scripts/build_power_plants.py GITDIR

Strike reports name the power stations they hit ("drones struck the Burshtyn thermal power plant",
"an air raid on the Ras Kanatib power station north of Hodeidah") and GeoNames' cities500 holds
none of them. The source is the World Resources Institute's Global Power Plant Database
(https://github.com/wri/global-power-plant-database, data CC BY 4.0), its per-country files
``raw_source_files/WRI/<Country>.csv`` at the commit the repository's snapshot holds (``GITDIR`` is
its git directory, as ``fetch github:wri/global-power-plant-database`` leaves it).

Kept: thermal, hydro and nuclear plants of 10 MW or more (solar and wind farms are rarely named in
strike reports and their names are often a company's). Each row is a site in the
``places_extra.csv`` format under the names news writes for it, always with a word that says it is
a power plant, so no plant takes a town's bare name: "Burshtyn power station", "Burshtyn power
plant", "Burshtyn plant", "Burshtyn thermal power plant", "Burshtyn TPP"; "Kiev CHP-5" also as "Kiev CHP"; a hydro
plant also as "X hydroelectric power plant", "X HPP" and "X dam"; a nuclear one as "X nuclear
power plant" and "X NPP". The same input gives the same bytes.
"""
from __future__ import annotations

import argparse
import csv
import io
import re
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "power_plants.csv"
COLUMNS = ("place_id", "name", "alternate_names", "lat", "lon", "kind", "precision", "country", "admin1", "population",
           "source")
SOURCE = "WRI GPPD"  # the Global Power Plant Database, CC BY 4.0; the README credits it
FOLDER = "raw_source_files/WRI"
SMALLEST_MW = 10.0
KEPT_FUELS = {"Coal": "thermal", "Gas": "thermal", "Natural Gas": "thermal", "Oil": "thermal", "Diesel": "thermal",
              "Petcoke": "thermal", "Cogeneration": "thermal", "Hydro": "hydro", "Nuclear": "nuclear"}
# Words after the plant's own name that say what it is: "Slavyansk power station", "Kiev CHP-5"
_KIND_TAIL_RE = re.compile(r"\s+(?:(?:thermal |hydroelectric |hydro |nuclear |combined[- ]cycle |gas |diesel )?"
                           r"(?:power (?:station|plant)|generating station|CHP(?:P)?(?:[- ]?\d+)?|TPP(?:[- ]?\d+)?|"
                           r"TEC|HPP(?:[- ]?\d+)?|NPP|GRES(?:[- ]?\d+)?|TETs?(?:[- ]?\d+)?|station|plant))$", re.IGNORECASE)
_PARENS_RE = re.compile(r"\s*\([^)]*\)")
_UNIT_RE = re.compile(r"\s+(?:\d+|[IVX]+|unit \d+|phase \w+|extension|expansion|new|old)$", re.IGNORECASE)


def country_codes() -> dict[str, str]:
    """English country names (as the database writes its files) to ISO codes, from the project's own table."""
    table = Path(__file__).resolve().parent.parent / "data" / "countries.csv"
    out = {}
    for row in csv.DictReader(open(table, encoding="utf-8")):
        names = [row.get("name", "")] + (row.get("alternate_names") or "").split("|")
        for name in names:
            if name:
                out.setdefault(name.casefold(), row["iso2"])
    return out


def base_name(name: str) -> str:
    """The plant's own name, without what it is or which unit: "Kiev CHP-5" -> "Kiev"."""
    name = _PARENS_RE.sub("", name).strip(" -,")
    for _ in range(2):
        name = _KIND_TAIL_RE.sub("", name).strip(" -,")
        name = _UNIT_RE.sub("", name).strip(" -,")
    return name


def names(name: str, kind: str) -> list[str]:
    """The names news writes for a plant of ``kind`` (thermal, hydro, nuclear)."""
    own = _PARENS_RE.sub("", name).strip()
    base = base_name(name)
    if len(base) < 3 or not base[:1].isupper():
        return []
    out = [own] if _KIND_TAIL_RE.search(own) else []
    out += [f"{base} power station", f"{base} power plant", f"{base} plant"]
    if kind == "thermal":
        out += [f"{base} thermal power plant", f"{base} TPP"]
        if re.search(r"\bCHP|TETs?\b|cogeneration", name, re.IGNORECASE):
            out += [f"{base} CHP"]
    elif kind == "hydro":
        out += [f"{base} hydroelectric power plant", f"{base} HPP", f"{base} dam"]
    elif kind == "nuclear":
        out += [f"{base} nuclear power plant", f"{base} NPP", f"{base} nuclear plant"]
    return list(dict.fromkeys(out))


def rows(files: dict[str, str], codes: dict[str, str]) -> list[dict]:
    out = {}
    for country_name, text in sorted(files.items()):
        code = codes.get(country_name.casefold(), "")
        for plant in csv.DictReader(io.StringIO(text)):
            kind = KEPT_FUELS.get((plant.get("Fuel") or "").strip())
            try:
                mw = float(plant.get("Capacity (MW)") or 0)
                lat, lon = float(plant["Latitude"]), float(plant["Longitude"])
            except (TypeError, ValueError):
                continue
            if kind is None or mw < SMALLEST_MW or not (-90 <= lat <= 90 and -180 <= lon <= 180):
                continue
            spelled = names(plant["Name"].strip(), kind)
            if not spelled:
                continue
            ident = f"wri:{plant['Power Plant ID'].strip()}"
            out[ident] = {
                "place_id": ident, "name": spelled[0], "alternate_names": "|".join(spelled[1:]),
                "lat": f"{lat:.4f}", "lon": f"{lon:.4f}", "kind": "power station", "precision": "site",
                "country": code, "admin1": "", "population": "0", "source": SOURCE,
            }
    return [out[k] for k in sorted(out, key=lambda k: (out[k]["country"], out[k]["name"], k))]


def read_files(gitdir: Path) -> dict[str, str]:
    """The per-country files of the snapshot, by country name."""
    listing = subprocess.run(["git", "--git-dir", str(gitdir), "ls-tree", "--name-only", "HEAD", f"{FOLDER}/"],
                             check=True, capture_output=True, text=True).stdout.split("\n")
    files = {}
    for path in filter(None, listing):
        if not path.endswith(".csv"):
            continue
        shown = subprocess.run(["git", "--git-dir", str(gitdir), "show", f"HEAD:{path}"], capture_output=True)
        if shown.returncode == 0:
            files[Path(path).stem] = shown.stdout.decode("utf-8", errors="replace")
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gitdir", type=Path, help="git directory of a snapshot of wri/global-power-plant-database")
    args = parser.parse_args()
    codes = country_codes()
    files = read_files(args.gitdir)
    unknown = sorted(name for name in files if name.casefold() not in codes)
    table = rows(files, codes)
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    print(f"wrote {OUT}: {len(table)} power stations from {len(files)} country files"
          + (f" (no country code for: {', '.join(unknown)})" if unknown else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
