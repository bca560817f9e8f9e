"""Write the claims table as RFC 7946 GeoJSON through GDAL (pyogrio).

GDAL's GeoJSON driver with ``RFC7946=YES`` writes lon/lat WGS84 with no ``crs``
member and ``COORDINATE_PRECISION`` caps the decimals. Properties stay flat and
one type per key: text columns are strings ("" when empty), counts are integers
or null. The file is written beside the target and renamed into place, so a
failed run never leaves half a file.

A table too large to hold at once is written from batches of rows
(:func:`write_geojson_batches`): GDAL writes each batch's features, one a line,
and they are joined into one collection, the bytes GDAL gives for the whole.
"""
from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd

from .atomic import atomic_path

COORDINATE_DECIMALS = 7
_LAYER_OPTIONS = {"RFC7946": "YES", "COORDINATE_PRECISION": str(COORDINATE_DECIMALS), "WRITE_NON_FINITE_VALUES": "NO"}
_END = b"\n]\n}\n"  # after the last feature (GDAL puts a blank line there when there is none)


def _in_4326(table: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return table.to_crs("EPSG:4326") if table.crs and table.crs.to_epsg() != 4326 else table


def write_geojson(table: gpd.GeoDataFrame, path: str | Path, layer: str = "strikes") -> Path:
    """Write ``table`` to ``path`` (EPSG:4326, RFC 7946); returns the path."""
    import pyogrio

    with atomic_path(path) as tmp:
        pyogrio.write_dataframe(_in_4326(table), tmp, driver="GeoJSON", layer=layer, layer_options=_LAYER_OPTIONS)
    return Path(path)


def _collection(frame: gpd.GeoDataFrame, layer: str) -> tuple[bytes, bytes]:
    """GDAL's GeoJSON of ``frame``: the collection's opening, and its features (one a line, comma-ended but the last)."""
    import pyogrio

    buffer = io.BytesIO()
    pyogrio.write_dataframe(_in_4326(frame), buffer, driver="GeoJSON", layer=layer, layer_options=_LAYER_OPTIONS)
    text = buffer.getvalue()
    head, found, rest = text.partition(b'"features": [\n')
    if not found or not rest.endswith(_END):
        raise ValueError("GDAL's GeoJSON is not laid out as expected: cannot join batches")
    return head + found, rest[:-len(_END)]


def write_geojson_batches(frames: Iterable[gpd.GeoDataFrame], path: str | Path, layer: str = "strikes") -> Path:
    """Write the rows of ``frames`` (batches of one table, same columns and types) to ``path`` as one collection:
    the same bytes as :func:`write_geojson` of their concatenation."""
    with atomic_path(path) as tmp, open(tmp, "wb") as out:
        head, written = None, False
        for frame in frames:
            opening, features = _collection(frame, layer)
            if head is None:
                head = out.write(opening)
            if features:
                out.write(b",\n" if written else b"")
                out.write(features)
                written = True
        if head is None:
            raise ValueError("no rows to write, not even an empty batch")
        out.write(_END)
    return Path(path)
