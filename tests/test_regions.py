"""The regions news names (``data/regions.csv``): each lies in its country, resolves by the names
news uses, and a union's outline holds its point."""
from __future__ import annotations

import csv
import json

import pytest
import shapely
from shapely.geometry import shape

from geo.gazetteer import Context
from geo.gazetteer.areas import area_km2, outline
from geo.resources import data_file


def _regions() -> list[dict]:
    with open(data_file("regions.csv"), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def _country_outline(iso2: str):
    with open(data_file("basemap", "countries", f"{iso2}.geojson"), encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    return shapely.union_all([shape(f["geometry"]) for f in features if f["properties"].get("kind") == "country"])


@pytest.mark.parametrize("row", _regions(), ids=lambda r: r["name"])
def test_each_region_lies_in_its_country_and_says_where_from(row):
    point = shapely.Point(float(row["lon"]), float(row["lat"]))
    country = _country_outline(row["country"])
    assert country.buffer(0.02).contains(point), f"{row['name']} is not in {row['country']}"
    assert row["precision"] == "region" and row["source"]
    drawn = outline(row["place_id"])
    if drawn is not None:  # a union of divisions: its outline holds its point and lies in the country
        geometry = shape(drawn)
        assert geometry.buffer(0.02).contains(point)
        assert geometry.difference(country.buffer(0.05)).area < 0.01 * geometry.area
        assert area_km2(row["place_id"]) > 10_000


def test_regions_resolve_by_the_names_news_uses(gazetteer):
    def where(name: str, **countries: float):
        place = gazetteer.resolve(name, Context(countries=countries)).place
        return place and (place.place_id, place.precision)

    assert where("Donbas") == ("strikemap:donbas", "region")
    assert where("the Donbass", UA=1.0) == ("strikemap:donbas", "region")
    assert where("Darfur", SD=1.0) == ("strikemap:darfur", "region")
    assert where("Qandil", IQ=1.0, TR=0.8) == ("strikemap:qandil-mountains", "region")
    assert where("Iraqi Kurdistan") == ("strikemap:kurdistan-region", "region")
    assert where("South Ossetia") == ("strikemap:south-ossetia", "region")
    assert where("the Gaza Strip") == ("geonames:281132", "admin1")
    assert where("Idlib countryside", SY=1.0) == ("geonames:169387", "admin1")
    assert where("eastern Ghouta", SY=1.0) == ("strikemap:eastern-ghouta", "region")
