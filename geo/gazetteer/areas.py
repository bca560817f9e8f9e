"""Areas and outlines of first-level divisions, countries and regions.

Areas (km², Natural Earth polygons in an equal-area projection) come from
``data/admin1.csv``, ``data/countries.csv`` and ``data/regions.csv``; outlines from
``data/boundaries/*.geojson`` (Natural Earth admin-1 and the regions made of it, simplified). Both are
small and read once, on first use.
"""
from __future__ import annotations

import csv
import json
from functools import lru_cache

from .sources import DATA_DIR

BOUNDARIES_DIR = DATA_DIR / "boundaries"


@lru_cache(maxsize=4)
def _areas_in(name: str) -> dict[str, float]:
    areas: dict[str, float] = {}
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            if row.get("area_km2"):
                areas[row["place_id"]] = float(row["area_km2"])
    return areas


@lru_cache(maxsize=1)
def _areas() -> dict[str, float]:
    return {pid: area for name in ("admin1.csv", "countries.csv", "regions.csv") for pid, area in _areas_in(name).items()}


def area_km2(place_id: str) -> float | None:
    """Area of a division, country or region, or ``None`` when unknown."""
    return _areas().get(place_id)


def region_areas() -> dict[str, float]:
    """The regions with an extent of their own (Donbas, Darfur: unions of divisions) and their areas in km²."""
    return dict(_areas_in("regions.csv"))


@lru_cache(maxsize=1)
def _outlines() -> dict[str, dict]:
    outlines: dict[str, dict] = {}
    for path in sorted(BOUNDARIES_DIR.glob("*.geojson")):
        with open(path, encoding="utf-8") as fh:
            for feature in json.load(fh).get("features", []):
                pid = feature.get("properties", {}).get("place_id")
                if pid:
                    outlines[pid] = feature["geometry"]
    return outlines


def outline(place_id: str) -> dict | None:
    """GeoJSON geometry of a division's outline, or ``None`` outside the bundled region."""
    return _outlines().get(place_id.split("#")[0])
