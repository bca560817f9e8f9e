"""Where a reviewer puts a claim, as the claims table holds a place: a gazetteer id, a name, or a point.

A name is resolved by the offline gazetteer as the geoparser would resolve it, preferring the
country the reviewer names (``new_country``), else the claim's, else the article's; a point given by
coordinates takes its country and province from the offline basemap's outlines, and an id of its
own (``reviewer:LAT,LON``), so that events never take two different points for one place.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..gazetteer.place import Place
from ..table import UNCERTAINTY_KM, uncertainty_km
from .decisions import NewPlace


class PlaceError(ValueError):
    """A reviewer's place strikemap cannot find."""


@dataclass(frozen=True)
class Located:
    """A place's values in the claims table (``place`` to ``uncertainty_km``) and its point."""

    place: str
    place_id: str
    precision: str
    country: str
    admin1: str
    uncertainty_km: float
    lon: float
    lat: float

    def columns(self) -> dict:
        return {"place": self.place, "place_id": self.place_id, "precision": self.precision, "country": self.country,
                "admin1": self.admin1, "uncertainty_km": self.uncertainty_km,
                "location_qualifier": "in"}  # a reviewer's place is where the strike was

    @property
    def point(self) -> tuple[float, float]:
        return (self.lon, self.lat)


def _of(place: Place) -> Located:
    return Located(place.name, place.place_id, place.precision, place.country, place.admin1, uncertainty_km(place),
                   round(place.lon, 7), round(place.lat, 7))


def locate(new: NewPlace, countries: tuple[str, ...] = ()) -> Located:
    """The table values of ``new``; ``countries``: the claim's and the article's, to prefer when a name is ambiguous."""
    if new.lat is not None:
        return _point(new)
    from ..gazetteer import Context, Gazetteer

    gazetteer = Gazetteer.default()
    text = new.name.strip()
    if ":" in text and " " not in text:  # a gazetteer id: geonames:170063, strikemap:shaar-gas-field
        base, _, part = text.partition("#")
        place = gazetteer.get(base)
        if place is None:
            raise PlaceError(f"no place with the gazetteer id {base!r} (look it up with 'strikemap geocode NAME')")
        if part:  # "geonames:169575#north": the part of a division the geoparser makes of "northern Homs"
            resolved = gazetteer.resolve(f"{part} {place.name}", Context(countries={place.country: 1.0})).place
            if resolved is None or resolved.place_id != text:
                raise PlaceError(f"no part {part!r} of {place.name} ({base})")
            place = resolved
        return _checked(_of(place), new)
    preferred = ([new.country] if new.country else []) + [c for c in countries if c and c != new.country]
    weights = {country: 1.0 - 0.1 * i for i, country in enumerate(dict.fromkeys(preferred))}
    resolution = gazetteer.resolve(text, Context(countries=weights))
    if resolution.place is None:
        raise PlaceError(f"the gazetteer knows no place {text!r}: give its gazetteer id ('strikemap geocode "
                         f"{text}' lists them) or new_lat and new_lon")
    base = resolution.place.place_id.split("#")[0]
    if not any(c.place.place_id == base and c.match != "skeleton" for c in resolution.candidates):
        # A reviewer's name is taken as written: a likeness of spelling is the geoparser's guess, not theirs.
        raise PlaceError(f"the gazetteer knows no place named {text!r} (the nearest spelling is {resolution.place.name}, "
                         f"{resolution.place.country}): give its gazetteer id, or new_lat and new_lon")
    if new.country and resolution.place.country != new.country:
        raise PlaceError(f"the gazetteer knows no {text!r} in {new.country} (it finds {resolution.place.name}, "
                         f"{resolution.place.country})")
    return _checked(_of(resolution.place), new)


def _checked(located: Located, new: NewPlace) -> Located:
    if new.precision and new.precision != located.precision:
        raise PlaceError(f"{located.place} ({located.place_id}) is a {located.precision}, not a {new.precision}")
    return located


def _point(new: NewPlace) -> Located:
    lat, lon = round(new.lat, 7), round(new.lon, 7)
    country, admin1 = where_is(lon, lat)
    if new.country and country and new.country != country:
        raise PlaceError(f"{lat}, {lon} lies in {country}, not in {new.country}")
    name = new.name.strip() or f"{lat:.4f}, {lon:.4f}"
    return Located(name, f"reviewer:{lat:.5f},{lon:.5f}", new.precision, country or new.country, admin1,
                   UNCERTAINTY_KM[new.precision], lon, lat)


def where_is(lon: float, lat: float) -> tuple[str, str]:
    """The country (ISO2) and first-level division code a point lies in, from the basemap's outlines ("" if none)."""
    import shapely

    point = shapely.Point(lon, lat)
    for iso2, shape in _countries():
        if shape.covers(point):
            return iso2, _division(iso2, point)
    return "", ""


@lru_cache(maxsize=1)
def _countries() -> tuple:
    from shapely.geometry import shape

    from ..output import basemap

    return tuple((f["properties"]["iso2"], shape(f["geometry"])) for f in basemap.world())


def _division(iso2: str, point) -> str:
    from shapely.geometry import shape

    from ..gazetteer import Gazetteer
    from ..output import basemap

    for feature in basemap.country(iso2):
        props = feature["properties"]
        if props.get("kind") == "admin1" and props.get("place_id") and shape(feature["geometry"]).covers(point):
            place = Gazetteer.default().get(props["place_id"])
            return place.admin1 if place is not None else ""
    return ""
