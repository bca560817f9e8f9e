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


@pytest.mark.parametrize("row", _regions(), ids=lambda r: r["name"])
def test_a_regions_uncertainty_is_its_extent(row, gazetteer):
    import math

    import geopandas as gpd

    from geo.table import UNCERTAINTY_KM, uncertainty_km

    place = gazetteer.get(row["place_id"])
    if not row["area_km2"]:  # a point with no agreed outline: a region's usual radius
        assert uncertainty_km(place) == UNCERTAINTY_KM["region"]
        return
    # The radius of a circle of the region's area, as a governorate's is of its own ...
    assert uncertainty_km(place) == round(math.sqrt(float(row["area_km2"]) / math.pi), 1) > UNCERTAINTY_KM["region"]
    # ... and that area is the outline's, measured in an equal-area projection (Mollweide).
    drawn = gpd.GeoSeries([shape(outline(row["place_id"]))], crs="EPSG:4326").to_crs("ESRI:54009").area.iloc[0] / 1e6
    assert drawn == pytest.approx(float(row["area_km2"]), rel=0.01)


def test_a_union_of_divisions_is_as_uncertain_as_a_division_of_its_size(gazetteer):
    import math

    from geo.table import uncertainty_km

    donetsk, luhansk = gazetteer.get("geonames:709716"), gazetteer.get("geonames:702657")
    together = math.sqrt((area_km2(donetsk.place_id) + area_km2(luhansk.place_id)) / math.pi)
    assert uncertainty_km(gazetteer.get("strikemap:donbas")) == pytest.approx(together, abs=0.5)  # 130 km, not 25
    assert uncertainty_km(donetsk) < uncertainty_km(gazetteer.get("strikemap:donbas")) < 2 * uncertainty_km(donetsk)


def test_claims_in_a_region_carry_its_extent(tmp_path):
    from geo.pipeline import run

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Title: Shelling\nDate: 2022-06-01\n\nRussian forces shelled towns across the Donbas "
                                  "on Tuesday, Ukrainian officials said.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Title: Raids\nDate: 2018-02-20\n\nSyrian jets bombed Eastern Ghouta on Tuesday, "
                                  "rescuers said.\n", encoding="utf-8")
    table = run([folder], tmp_path / "out", jobs=1).table
    row = table[table["place_id"] == "strikemap:donbas"].iloc[0]
    assert row["precision"] == "region" and row["uncertainty_km"] == 129.7
    assert table[table["place_id"] == "strikemap:eastern-ghouta"].iloc[0]["uncertainty_km"] == 25.0
    # The map draws a region by its outline where it has one (as a governorate), else as a circle of its radius.
    html = (tmp_path / "out" / "strikes.html").read_text(encoding="utf-8")
    ring = shape(outline("strikemap:donbas")).exterior.coords
    assert all(f"[{x}, {y}]" in html for x, y in ring[:20]) and '"radius": 129700' not in html
    assert '"radius": 25000.0' in html
