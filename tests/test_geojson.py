"""The claims written as GeoJSON by strikemap itself: the bytes GDAL's GeoJSON driver writes of the same table."""
from __future__ import annotations

import io
import random

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely

from geo.output.geojson import _LAYER_OPTIONS, gdal_coordinate, gdal_real, write_claims_geojson, write_geojson_batches
from geo.store import ClaimStore

from .test_table import _row


def _gdal(frame: gpd.GeoDataFrame) -> list[str]:
    """GDAL's features of ``frame``, one a line."""
    buffer = io.BytesIO()
    pyogrio.write_dataframe(frame, buffer, driver="GeoJSON", layer="t", layer_options=_LAYER_OPTIONS)
    return buffer.getvalue().decode().splitlines()[5:-2]


def _seven_decimals(rng: random.Random, limit: int) -> float:
    """A coordinate as the claims table holds them (rounded to 7 decimals), often ending in runs of zeros or
    nines, where GDAL trims its digits."""
    whole = rng.randint(-limit, limit - 1)
    decimals = int(rng.choice(["0000001", "9999999", "1000001", "0999999", "5000000", "0000000", "1200000",
                               "0000010", "9999990", "4999999", "0000009"]) if rng.random() < 0.4
                   else rng.randint(0, 9_999_999))
    value = round(whole + (decimals if whole >= 0 else -decimals) / 1e7, 7)
    return max(-limit, min(limit, value))


def test_coordinates_have_gdals_digits():
    rng = random.Random(7)
    lons = [_seven_decimals(rng, 180) for _ in range(20_000)] + [0.0, -0.0, 180.0, -180.0, 1e-7, 145.1000001, -99.9999999]
    lats = [_seven_decimals(rng, 90) for _ in range(len(lons))]
    frame = gpd.GeoDataFrame({"a": pd.array(["x"] * len(lons), dtype="str")},
                             geometry=gpd.GeoSeries(shapely.points(lons, lats), crs="EPSG:4326"), crs="EPSG:4326")
    written = [line.split('"coordinates": [ ')[1].split(" ]")[0] for line in _gdal(frame)]
    assert written == [f"{gdal_coordinate(lon)}, {gdal_coordinate(lat)}" for lon, lat in zip(lons, lats)]


def test_real_numbers_have_gdals_digits():
    rng = random.Random(8)
    values = ([round(rng.uniform(0, 2000), rng.randint(0, 6)) for _ in range(5000)]
              + [rng.uniform(-1e6, 1e6) for _ in range(5000)]
              + [10 ** rng.uniform(-12, 22) * rng.choice([1, -1]) for _ in range(5000)]
              + [0.0, -0.0, 0.1, 0.3, 1 / 3, 5e-8, 1e16, 1e17, 1e21, 1e22, 242.8, 1000.0])
    frame = gpd.GeoDataFrame({"u": pd.array(values, dtype="Float64")},
                             geometry=gpd.GeoSeries([None] * len(values), crs="EPSG:4326"), crs="EPSG:4326")
    written = [line.split('"u": ')[1].split(" }")[0] for line in _gdal(frame)]
    assert written == [gdal_real(v) for v in values]


def _store(rows) -> ClaimStore:
    store = ClaimStore()
    store.add(rows)
    store.finish()
    return store


TEXTS = ["", "plain", 'a "quote" and a \\ backslash / slash', "tab\tnew\nline\rcr\bback\fform", "\x01\x1f\x7f\x80",
         "Ḥamāh \u201cquoted\u201d \u2028\u2029 \U0001F600", "{{ braces }} <script>", "before\x00after", "\x00",
         "a literal \\u0000 escape", "".join(map(chr, range(32, 0x250)))]


def test_the_claims_are_written_as_gdal_writes_them(tmp_path):
    rng = random.Random(9)
    rows = []
    for i in range(300):
        text = TEXTS[i % len(TEXTS)]
        point = None if i % 7 == 0 else (_seven_decimals(rng, 180), _seven_decimals(rng, 90))
        rows.append(_row(f"c{i:03d}", f"a{i % 5}", i, None if i % 3 == 0 else i + 1, text or "x", point,
                         sentence=text, target=TEXTS[(i * 7) % len(TEXTS)], casualties=None if i % 2 else i * 2**33,
                         casualties_min=-i, uncertainty_km=None if i % 11 == 0 else rng.choice([5.0, 242.8, 1e-7, 1 / 3])))
    store = _store(rows)
    ours, gdals = write_claims_geojson(store, tmp_path / "ours.geojson"), tmp_path / "gdal.geojson"
    write_geojson_batches(store.batches(size=64), gdals)
    assert ours.read_bytes() == gdals.read_bytes()
    assert b"before" in ours.read_bytes() and b"before\\u0000" not in ours.read_bytes()  # GDAL's text ends at a NUL


def test_no_claims_and_other_layers_as_gdal_writes_them(tmp_path):
    store = _store([])
    write_geojson_batches(store.batches(), tmp_path / "gdal.geojson", layer="interceptions")
    ours = write_claims_geojson(store, tmp_path / "ours.geojson", layer="interceptions")
    assert ours.read_bytes() == (tmp_path / "gdal.geojson").read_bytes()


def test_what_the_writer_has_not_been_shown_to_write_goes_through_gdal(tmp_path):
    store = _store([_row("c1", "a", 1, 2, "Nowhere", (200.0, 95.0))])  # off the globe
    with pytest.raises(Exception) as gdal:
        write_geojson_batches(store.batches(), tmp_path / "gdal.geojson")
    with pytest.raises(type(gdal.value), match="outside"):
        write_claims_geojson(store, tmp_path / "ours.geojson")
    assert not (tmp_path / "ours.geojson").exists()
