"""Write the claims table as RFC 7946 GeoJSON: the bytes of GDAL's GeoJSON driver (pyogrio).

GDAL's GeoJSON driver with ``RFC7946=YES`` writes lon/lat WGS84 with no ``crs``
member and ``COORDINATE_PRECISION`` caps the decimals. Properties stay flat and
one type per key: text columns are strings ("" when empty), counts are integers
or null. The file is written beside the target and renamed into place, so a
failed run never leaves half a file.

A table too large to hold at once is written from batches of rows
(:func:`write_geojson_batches`): GDAL writes each batch's features, one a line,
and they are joined into one collection, the bytes GDAL gives for the whole.

The claims table in its store is written here, row by row, as GDAL writes it
(:func:`write_claims_geojson`): GDAL's layout, its JSON strings, its digits for
numbers (:func:`gdal_real`, :func:`gdal_coordinate`), in a fifth of the time of
frames made for GDAL. A value this writer was not shown to write as GDAL does (a
point off the globe, a number that is not finite, a value of another type) sends
the whole file through GDAL instead; the tests hold both writers to the same bytes.
"""
from __future__ import annotations

import io
from collections.abc import Iterable
from json.encoder import encode_basestring
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import atomic_path

if TYPE_CHECKING:
    import geopandas as gpd

    from ..store import ClaimStore

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


# -- the claims store, written as GDAL writes it ---------------------------------------------------
def _header(layer: str) -> str:
    return (f'{{\n"type": "FeatureCollection",\n"name": {encode_basestring(layer)},\n'
            f'"xy_coordinate_resolution": 1e-{COORDINATE_DECIMALS:02d},\n"features": [\n')


class _NotAsGdal(Exception):
    """A value the claims writer does not write: the file goes through GDAL."""


def gdal_real(value: float) -> str:
    """A real property as GDAL's GeoJSON writer gives it: 17 significant digits, or 16 to 14 where 17 end in
    a run of six nines or zeros (a rounding artefact) and fewer do not; ".0" after a whole number."""
    text = "%.17g" % value
    dot = text.find(".")
    if dot >= 0 and ("999999" in text[dot:] or "000000" in text[dot:]):
        for digits in (16, 15, 14):
            shorter = "%.*g" % (digits, value)
            dot = shorter.find(".")
            if dot >= 0 and "999999" not in shorter[dot:] and "000000" not in shorter[dot:]:
                text = shorter
                break
    return text if "." in text or "e" in text else text + ".0"


def _round_up(text: str) -> str:
    """The decimal ``text`` with its last digit one more (carried)."""
    digits = list(text)
    for i in range(len(digits) - 1, -1, -1):
        if digits[i] in ".-":
            continue
        if digits[i] != "9":
            digits[i] = chr(ord(digits[i]) + 1)
            return "".join(digits)
        digits[i] = "0"
    digits.insert(1 if digits[0] == "-" else 0, "1")
    return "".join(digits)


def _trimmed(text: str) -> str:
    """GDAL's trimming of a long fixed-point number (its ``intelliround``), as it acts on numbers of 7
    decimals (its other cases need more): a last digit after five zeros dropped, a last digit after five
    nines dropped with them and rounded up, as rounding noise."""
    if len(text) <= 10:
        return text
    tail = text[-6:-1]
    if tail == "00000":
        return text[:-1]
    if tail == "99999":
        return _round_up(text[:-6])
    return text


def gdal_coordinate(value: float) -> str:
    """A coordinate as GDAL's GeoJSON writer gives it with ``COORDINATE_PRECISION`` 7: fixed-point, its long
    forms trimmed (:func:`_trimmed`), then trailing zeros dropped but the first decimal."""
    text = _trimmed("%.7f" % value).rstrip("0")
    return text + "0" if text.endswith(".") else text


def _text(value) -> str:
    if type(value) is not str:
        if value is None:
            return "null"
        raise _NotAsGdal(f"text {value!r}")
    if "\x00" in value:  # GDAL's strings end at a NUL
        value = value[:value.index("\x00")]
    return encode_basestring(value)


def _integer(value) -> str:
    if type(value) is not int:
        if value is None:
            return "null"
        raise _NotAsGdal(f"integer {value!r}")
    return str(value)


def _real(value) -> str:
    if type(value) is not float or value != value or value in (float("inf"), float("-inf")):
        if value is None:
            return "null"
        raise _NotAsGdal(f"number {value!r}")
    return gdal_real(value)


def _geometry(lon, lat) -> str:
    if lon is None and lat is None:
        return "null"
    if type(lon) is not float or type(lat) is not float or not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        raise _NotAsGdal(f"point {lon!r}, {lat!r}")  # GDAL refuses it, and says why
    return f'{{ "type": "Point", "coordinates": [ {gdal_coordinate(lon)}, {gdal_coordinate(lat)} ] }}'


def _template():
    """The columns read for each row (text first) and the feature's template putting their JSON in the table's order."""
    from ..table import COLUMNS, INTEGER_COLUMNS

    texts = [c for c in COLUMNS if c not in INTEGER_COLUMNS and c != "uncertainty_km"]
    selected = [*texts, *INTEGER_COLUMNS, "uncertainty_km"]
    slot = {c: i for i, c in enumerate(selected)}
    template = ('{{ "type": "Feature", "properties": {{ ' + ", ".join(f'"{c}": {{{slot[c]}}}' for c in COLUMNS)
                + f' }}}}, "geometry": {{{len(selected)}}} }}}}').format
    kinds = [_integer if c in INTEGER_COLUMNS else _real if c == "uncertainty_km" else _text for c in selected]
    return selected, len(texts), len(INTEGER_COLUMNS), template, kinds


def _feature_of(row: tuple, template, kinds) -> str:
    """A row's feature (the values of :func:`_template`'s columns, then lon and lat), each value on its own."""
    return template(*(kind(value) for kind, value in zip(kinds, row)), _geometry(row[-2], row[-1]))


def _features(store: "ClaimStore") -> Iterable[str]:
    """Each row's feature, as GDAL writes it: made by SQLite where it quotes text as GDAL does and the
    cells are of the table's types (see :func:`_features_in_sql`), else here."""
    return _features_in_sql(store) if _sql_writes_them(store) else _features_here(store)


def _features_here(store: "ClaimStore") -> Iterable[str]:
    """Each row's feature. The text columns are read first and encoded in one pass each row; the feature's
    template puts every value back in the table's column order."""
    selected, n_texts, n_integers, template, kinds = _template()
    columns = ", ".join(f'"{c}"' for c in selected)
    for row in store.query(f"SELECT {columns}, lon, lat FROM claims ORDER BY pos"):
        try:
            values = [*map(encode_basestring, row[:n_texts]),
                      *["null" if v is None else str(v) if type(v) is int else _integer(v)
                        for v in row[n_texts:n_texts + n_integers]],
                      _real(row[-3]), _geometry(row[-2], row[-1])]
        except TypeError:  # a text cell that is not text
            values = None
        feature = template(*values) if values is not None else ""
        if values is None or "\\u0000" in feature:  # a NUL (or its escape written out) in some text: each value apart
            feature = _feature_of(row, template, kinds)
        yield feature


_PROBE = "".join(map(chr, range(1, 0x80))) + " \u00e9\u1e24\u2028\u2029\ufeff\U0001F600"


def _sql_writes_them(store: "ClaimStore") -> bool:
    """Whether SQLite's ``json_quote`` quotes text as GDAL does (as Python's JSON encoder does, but a NUL).

    The store holds each cell in its column's type (text; a whole number or nothing; a real number or
    nothing: see :func:`geo.store.prepared`), which is what GDAL is given too."""
    import sqlite3

    try:
        return store.one("SELECT json_quote(?)", (_PROBE,))[0] == encode_basestring(_PROBE)
    except sqlite3.Error:  # an SQLite without its JSON functions
        return False


def _features_in_sql(store: "ClaimStore") -> Iterable[str]:
    """Each row's feature, its properties but the real number quoted and joined by SQLite (a few strings a row
    come back, not fifty values); the number and the point made here, once for all the rows that share them.

    A row with a NUL in some text (GDAL ends the text there), or its escape written out, is made value by value.
    """
    from ..table import COLUMNS, INTEGER_COLUMNS

    def joined(columns) -> str:  # one printf a row: a chain of || would copy the growing text at each step
        text = ", ".join(f'"{c}": %s' for c in columns)
        values = ", ".join(f"coalesce(\"{c}\", 'null')" if c in INTEGER_COLUMNS else f"json_quote(\"{c}\")"
                           for c in columns)
        return f"printf('{text}', {values})"

    cut = COLUMNS.index("uncertainty_km")
    selected, _, _, template, kinds = _template()
    reals: dict = {}
    points: dict = {}
    rows = store.query(f"SELECT {joined(COLUMNS[:cut])}, uncertainty_km, {joined(COLUMNS[cut + 1:])}, lon, lat, pos "
                       "FROM claims ORDER BY pos")
    for before, radius, after, lon, lat, pos in rows:
        if "\\u0000" in before or "\\u0000" in after:
            row = store.one(f"SELECT {', '.join(f'{chr(34)}{c}{chr(34)}' for c in selected)}, lon, lat FROM claims "
                            "WHERE pos = ?", (pos,))
            yield _feature_of(row, template, kinds)
            continue
        real = reals.get(radius)
        if real is None:
            if len(reals) > _KEPT:
                reals.clear()
            real = reals[radius] = _real(radius)
        point = points.get((lon, lat))
        if point is None:
            if len(points) > _KEPT:
                points.clear()
            point = points[(lon, lat)] = _geometry(lon, lat)
        yield f'{{ "type": "Feature", "properties": {{ {before}, "uncertainty_km": {real}, {after} }}, "geometry": {point} }}'


_KEPT = 100_000  # numbers and points made once, at most


def write_claims_geojson(store: "ClaimStore", path: str | Path, layer: str = "strikes") -> Path:
    """Write the claims in ``store`` to ``path``: the bytes :func:`write_geojson_batches` writes of its batches."""
    try:
        with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as out:
            out.write(_header(layer))
            written = False
            for feature in _features(store):
                out.write(",\n" + feature if written else feature)
                written = True
            out.write(_END.decode())
        return Path(path)
    except _NotAsGdal:
        return write_geojson_batches(store.batches(), path, layer=layer)
