"""The offline world basemap: country and first-level division outlines from Natural Earth.

``data/basemap/world.geojson`` holds every country at coarse detail (a quarter
of a megabyte); ``data/basemap/countries/XX.geojson`` one country's outline and
divisions at finer detail. A map takes the world at coarse detail and the fine
files of the countries in view only, so the page stays small wherever the
claims are. Both are derived by ``scripts/build_basemap.py``.
"""
from __future__ import annotations

import json
from functools import lru_cache

from ..gazetteer.sources import DATA_DIR

BASEMAP_DIR = DATA_DIR / "basemap"
#: Countries whose fine outlines a map carries at most: beyond, only those with claims.
MAX_FINE_COUNTRIES = 24


@lru_cache(maxsize=1)
def world() -> list[dict]:
    """Every country's coarse outline, with ``iso2``, ``name``, ``label`` ([lon, lat]) and ``area``."""
    with open(BASEMAP_DIR / "world.geojson", encoding="utf-8") as fh:
        return json.load(fh)["features"]


@lru_cache(maxsize=64)
def country(iso2: str) -> tuple[dict, ...]:
    """A country's fine outline (``kind`` "country") then its divisions (``kind`` "admin1"); empty when unknown."""
    path = BASEMAP_DIR / "countries" / f"{iso2.upper()}.geojson"
    if not iso2.isalpha() or not path.is_file():
        return ()
    with open(path, encoding="utf-8") as fh:
        return tuple(json.load(fh)["features"])


def division(iso2: str, place_id: str) -> dict | None:
    """The division feature with this gazetteer id (a ``#north``-style part: the whole division), or ``None``."""
    wanted = place_id.split("#")[0]
    if not wanted:
        return None
    for feature in country(iso2):
        if feature["properties"].get("place_id") == wanted:
            return feature
    return None


def _bbox(geometry: dict) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a Polygon or MultiPolygon."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    xs = [x for polygon in polygons for x, _ in polygon[0]]
    ys = [y for polygon in polygons for _, y in polygon[0]]
    return min(xs), min(ys), max(xs), max(ys)


@lru_cache(maxsize=1)
def _boxes() -> dict[str, tuple[float, float, float, float]]:
    return {f["properties"]["iso2"]: _bbox(f["geometry"]) for f in world()}


def countries_in(west: float, south: float, east: float, north: float, claimed: set[str] = frozenset()) -> list[str]:
    """The countries whose outline's box meets the view (sorted), or only ``claimed`` ones when too many do."""
    inside = sorted(iso2 for iso2, (w, s, e, n) in _boxes().items() if w <= east and e >= west and s <= north and n >= south)
    if len(inside) > MAX_FINE_COUNTRIES:
        inside = sorted(c for c in inside if c in claimed)[:MAX_FINE_COUNTRIES]
    return inside


def clipped(geometry: dict, west: float, south: float, east: float, north: float) -> dict | None:
    """The part of an outline inside a box (a big country's fine outline far beyond the view stays out of the
    page), coordinates rounded as the basemap files have them; ``None`` when nothing is inside."""
    import shapely
    from shapely.geometry import mapping, shape

    w, s, e, n = _bbox(geometry)
    if w >= west and e <= east and s >= south and n <= north:
        return geometry
    part = shapely.clip_by_rect(shape(geometry), west, south, east, north)
    if part.is_empty:
        return None
    polygons = [p for p in shapely.get_parts(part) if p.geom_type == "Polygon" and not p.is_empty]
    if not polygons:
        return None
    whole = shapely.MultiPolygon(polygons) if len(polygons) > 1 else polygons[0]
    return json.loads(json.dumps(mapping(shapely.transform(whole, lambda xy: xy.round(3)))))  # tuples to lists
