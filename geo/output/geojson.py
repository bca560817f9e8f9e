"""Write the claims table as RFC 7946 GeoJSON through GDAL (pyogrio).

GDAL's GeoJSON driver with ``RFC7946=YES`` writes lon/lat WGS84 with no ``crs``
member and ``COORDINATE_PRECISION`` caps the decimals. Properties stay flat and
one type per key: text columns are strings ("" when empty), counts are integers
or null. The file is written beside the target and renamed into place, so a
failed run never leaves half a file.
"""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from .atomic import atomic_path

COORDINATE_DECIMALS = 7


def write_geojson(table: gpd.GeoDataFrame, path: str | Path, layer: str = "strikes") -> Path:
    """Write ``table`` to ``path`` (EPSG:4326, RFC 7946); returns the path."""
    import pyogrio

    frame = table.to_crs("EPSG:4326") if table.crs and table.crs.to_epsg() != 4326 else table
    with atomic_path(path) as tmp:
        pyogrio.write_dataframe(
            frame,
            tmp,
            driver="GeoJSON",
            layer=layer,
            layer_options={
                "RFC7946": "YES",
                "COORDINATE_PRECISION": str(COORDINATE_DECIMALS),
                "WRITE_NON_FINITE_VALUES": "NO",
            },
        )
    return Path(path)
