"""The claims table: one row per (claim, place), a GeoDataFrame in EPSG:4326.

A claim that names no place gets one row with no geometry: it is counted and
exported, never dropped. Rows are sorted (article, position in the article,
place order) so the same input always gives the same table.
"""
from __future__ import annotations

import math
import operator
from array import array
from collections.abc import Iterable, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .claims.model import Claim
from .gazetteer.areas import area_km2
from .gazetteer.place import Place

#: Columns of the claims table, in output order (geometry comes last).
COLUMNS = (
    "claim_id", "event_id", "article", "article_title", "article_url", "published", "source",
    "place", "place_canonical", "place_text", "place_id", "precision", "location_qualifier", "country", "admin1", "uncertainty_km",
    "claimant", "claimant_actor", "claimant_type", "claimant_country", "striker", "striker_country", "stance", "event_type",
    "target", "target_category", "target_affiliation",
    "casualties", "casualties_min", "casualties_max", "casualty_type", "casualty_phrase",
    "event_date", "date_precision", "date_phrase",
    "trigger", "sentence", "sentence_start", "sentence_end", "mention_start", "mention_end",
    "review_status", "review_note", "reviewed_by", "reviewed_at",
)
#: What a reviewer made of a row (``review_status``): nothing yet, checked as extracted, changed, or added by hand.
#: Rejected claims leave the table (see :mod:`geo.corrections`).
REVIEW_STATUSES = ("unreviewed", "verified", "corrected", "added")
INTEGER_COLUMNS = ("casualties", "casualties_min", "casualties_max", "sentence_start", "sentence_end", "mention_start", "mention_end")
_TEXT_COLUMNS = [c for c in COLUMNS if c not in INTEGER_COLUMNS and c != "uncertainty_km"]

# How far a point of each precision may be from where the event was, in km,
# when the gazetteer has no area for the place.
UNCERTAINTY_KM = {"site": 1.0, "locality": 5.0, "region": 25.0, "admin2": 30.0}
# Precisions whose radius is always the one above: points, and second-level divisions (no areas bundled).
_FIXED = frozenset(("site", "locality", "admin2"))


def uncertainty_km(place: Place) -> float:
    """Radius of the area a point of this place stands for: an equal-area circle for divisions,
    countries and the regions with an extent of their own (Donbas, Darfur: ``data/regions.csv``),
    half of it for a part of one ("northern Homs"); else the precision's own radius."""
    if place.precision in _FIXED:
        return UNCERTAINTY_KM[place.precision]
    area = area_km2(place.place_id.split("#")[0])
    if area:
        radius = math.sqrt(area / math.pi)
        return round(radius / 2 if "#" in place.place_id else radius, 1)
    return UNCERTAINTY_KM.get(place.precision) or {"admin1": 100.0, "country": 300.0}.get(place.precision, 1000.0)


# How far from a place a strike said to be only near it may be, in km, added to the place's
# own radius: "near X", "on the outskirts of X", "north of X" (with no distance given),
# "on the road to X", "between X and Y". A stated distance ("30 km south of") is used instead.
QUALIFIER_KM = {"near": 10.0, "outskirts": 5.0, "road to": 30.0, "between": 20.0}
_DIRECTION_KM = 25.0


def qualified_uncertainty_km(place: Place, qualifier: str, distance_km: float | None) -> float:
    """The radius of a place's point grown by how far from it the text puts the strike; for a distance
    and a compass direction ("80 km south-east of"), the radius around the point moved there (see
    :func:`qualified_point`): the direction's eighth of the compass and the rounded distance."""
    radius = uncertainty_km(place)
    if not qualifier or qualifier == "in":
        return radius
    if distance_km is not None:
        if _bearing(qualifier) is not None:
            return round(radius + distance_km * _MOVED_SPREAD, 1)
        return round(radius + distance_km * 1.2, 1)  # a stated distance is rounded: a fifth more
    return round(radius + QUALIFIER_KM.get(qualifier, _DIRECTION_KM), 1)


def qualified_point(place: Place, qualifier: str, distance_km: float | None) -> tuple[float, float]:
    """(lon, lat) of a strike the text puts relative to ``place``: the place's point, or for a distance
    and a compass direction ("a camp 30 km south of Hodeidah") the point that far that way from it."""
    bearing = _bearing(qualifier) if distance_km else None
    if bearing is None:
        return place.lon, place.lat
    lat1, lon1, theta, delta = math.radians(place.lat), math.radians(place.lon), math.radians(bearing), distance_km / _EARTH_KM
    lat2 = math.asin(math.sin(lat1) * math.cos(delta) + math.cos(lat1) * math.sin(delta) * math.cos(theta))
    lon2 = lon1 + math.atan2(math.sin(theta) * math.sin(delta) * math.cos(lat1), math.cos(delta) - math.sin(lat1) * math.sin(lat2))
    return (math.degrees(lon2) + 540) % 360 - 180, math.degrees(lat2)


def _bearing(qualifier: str) -> float | None:
    return _BEARINGS.get(qualifier.removesuffix(" of")) if qualifier.endswith(" of") else None


_BEARINGS = {"north": 0.0, "north-east": 45.0, "east": 90.0, "south-east": 135.0, "south": 180.0, "south-west": 225.0,
             "west": 270.0, "north-west": 315.0}
_EARTH_KM = 6371.0088
# A point moved by a direction and a distance is off by up to half the direction's sector sideways (sin 22.5°, about
# 0.38 of the distance) and by the distance's rounding: 0.45 of the distance around it.
_MOVED_SPREAD = 0.45


def _claim_values(claim: Claim) -> dict:
    return {
        "claim_id": claim.claim_id,
        "event_id": "",
        "article": claim.article,
        "article_title": claim.article_title,
        "article_url": claim.article_url,
        "published": claim.published,
        "source": claim.source,
        "claimant": claim.claimant,
        "claimant_actor": claim.claimant_actor,
        "claimant_type": claim.claimant_type,
        "claimant_country": claim.claimant_country,
        "striker": claim.striker,
        "striker_country": claim.striker_country,
        "stance": claim.stance,
        "event_type": claim.event_type,
        "target": claim.target,
        "target_category": claim.target_category,
        "target_affiliation": claim.target_affiliation,
        "casualties": claim.casualties,
        "casualties_min": claim.casualties_min,
        "casualties_max": claim.casualties_max,
        "casualty_type": claim.casualty_type,
        "casualty_phrase": claim.casualty_phrase,
        "event_date": claim.event_date,
        "date_precision": claim.date_precision,
        "date_phrase": claim.date_phrase,
        "trigger": claim.trigger,
        "sentence": claim.sentence,
        "sentence_start": claim.sentence_start,
        "sentence_end": claim.sentence_end,
        "review_status": REVIEW_STATUSES[0], "review_note": "", "reviewed_by": "", "reviewed_at": "",
    }


Row = tuple  # the values of :data:`COLUMNS`, then the point as (lon, lat) or None


# A row dict's values in COLUMNS order, in one call.
_IN_COLUMN_ORDER = operator.itemgetter(*COLUMNS)


def claim_rows(claim: Claim) -> list[Row]:
    """The claim's rows of the claims table: one per located place, or one with no place.

    Plain tuples: what a worker sends back per claim, and all the parent keeps of it.
    """
    row = _claim_values(claim)
    located = [m for m in claim.places if m.place is not None]
    if not located:
        # A place the gazetteer lacks keeps its words ("village of Tlajabin"), for a reviewer to place.
        unplaced = claim.places[0] if claim.places else None
        row.update(place="", place_canonical="", place_text="; ".join(m.text for m in claim.places), place_id="", precision="",
                   location_qualifier="", country="", admin1="", uncertainty_km=None,
                   mention_start=unplaced.start if unplaced else None, mention_end=unplaced.end if unplaced else None)
        return [(*_IN_COLUMN_ORDER(row), None)]
    rows = []
    for m in located:  # one dict for all the claim's rows: each row's values are taken before the next
        p = m.place
        # The name readers know (the article's spelling, else an English or plain-letter one); GeoNames' beside it.
        row["place"], row["place_canonical"] = getattr(m, "label", "") or p.readable_name, p.name
        row["place_text"], row["place_id"], row["precision"] = m.text, p.place_id, p.precision
        qualifier, distance = claim.qualifier_of(m)
        row["location_qualifier"] = qualifier or "in"
        row["country"], row["admin1"] = p.country, p.admin1
        row["uncertainty_km"] = qualified_uncertainty_km(p, qualifier, distance)
        row["mention_start"], row["mention_end"] = m.start, m.end
        lon, lat = qualified_point(p, qualifier, distance)
        rows.append((*_IN_COLUMN_ORDER(row), (round(lon, 7), round(lat, 7))))
    return rows


# Columns whose values repeat across claims (places, claimants, vocabulary words): held
# as codes into one list of distinct strings, and in the table as pointers to them.
_SHARED_COLUMNS = frozenset(_TEXT_COLUMNS) - {"claim_id", "article", "article_title", "article_url", "sentence"}


_SORT_KEYS = ["article", "sentence_start", "mention_start", "claim_id"]
_NO_INTEGER = -(2**63)  # stands for a missing count or offset in the builder's machine arrays


def _text(value) -> str:
    """A text cell as the table holds it: "" for missing, str() of anything else that is not text."""
    if type(value) is str:
        return value
    return "" if value is None or pd.isna(value) else str(value)


class _Strings(dict):
    """Distinct strings -> codes (in order of first sight); :attr:`values` holds them by code."""

    def __init__(self):
        super().__init__()
        self.values: list[str] = []

    def __missing__(self, key) -> int:
        if type(key) is not str:  # None or a non-text value: the code of its text (only text is a key)
            return self[_text(key)]
        code = self[key] = len(self.values)
        self.values.append(key)
        return code


class TableBuilder:
    """Collects claims-table rows column by column, compactly, then makes the table.

    Counts, offsets, radii and coordinates go into machine arrays and repeated
    text into 4-byte codes: a row held while the corpus is read costs about 200
    bytes beside its own text (claim id, sentence), not a Python object per cell,
    and nothing is left behind in the heap when the table is made.
    """

    BATCH = 4096  # rows moved into the columns at once: a file's few rows at a time would cost a call per cell

    def __init__(self):
        self._strings = _Strings()
        self._columns: dict[str, list | array] = {name: _new_column(name) for name in COLUMNS}
        self._lon, self._lat = array("d"), array("d")
        self._pending: list[Row] = []

    def add(self, rows: Iterable[Row]) -> None:
        self._pending.extend(rows)
        if len(self._pending) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        *columns, points = zip(*self._pending)
        self._pending = []
        for name, values in zip(COLUMNS, columns):
            column = self._columns[name]
            if name in INTEGER_COLUMNS:
                column.extend([_NO_INTEGER if v is None else v for v in values])
            elif name == "uncertainty_km":
                column.extend([math.nan if v is None else v for v in values])
            elif name in _SHARED_COLUMNS:
                column.extend(map(self._strings.__getitem__, values))
            else:
                column.extend(map(_text, values))
        self._lon.extend([math.nan if p is None else p[0] for p in points])
        self._lat.extend([math.nan if p is None else p[1] for p in points])

    def table(self) -> gpd.GeoDataFrame:
        """The table (see :func:`claims_table`); the builder is emptied, a column at a time."""
        self._flush()
        keys = pd.DataFrame({name: self._array(name) for name in _SORT_KEYS})
        order = keys.sort_values(_SORT_KEYS, kind="stable").index.to_numpy()
        frame = {name: keys.pop(name).array.take(order) if name in _SORT_KEYS else self._array(name, order)
                 for name in COLUMNS}  # one column at a time: never two copies of the table
        lon, lat = np.frombuffer(self._lon)[order], np.frombuffer(self._lat)[order]
        self._strings, self._lon, self._lat = _Strings(), array("d"), array("d")
        geoms = np.full(len(order), None, dtype=object)
        located = ~np.isnan(lon)
        geoms[located] = shapely.points(lon[located], lat[located])
        return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"), crs="EPSG:4326",
                                copy=False)  # the columns as made: geopandas would copy every one of them

    def _array(self, name: str, order: np.ndarray | None = None):
        """A column as the table holds it, in ``order``: text "" rather than missing, counts Int64, radius Float64;
        the builder's column is released."""
        column = self._columns[name]
        self._columns[name] = _new_column(name)
        if name in INTEGER_COLUMNS or name == "uncertainty_km":
            values = np.frombuffer(column, dtype=np.int64 if name in INTEGER_COLUMNS else np.float64)
            values = values if order is None else values[order]
            if name == "uncertainty_km":
                return pd.arrays.FloatingArray(values, np.isnan(values))
            missing = values == _NO_INTEGER
            return pd.arrays.IntegerArray(np.where(missing, 1, values), missing)  # 1 under the mask, as pandas puts it
        if name in _SHARED_COLUMNS:
            values = np.array(self._strings.values, dtype=object)[np.frombuffer(column, dtype=np.int32)]
        else:
            values = np.array(column, dtype=object)
        return pd.array(values if order is None else values[order], dtype="str")


def _new_column(name: str) -> list | array:
    if name in INTEGER_COLUMNS:
        return array("q")
    if name == "uncertainty_km":
        return array("d")
    return array("i") if name in _SHARED_COLUMNS else []


def rows_frame(rows: list[tuple], columns: Sequence[str] = COLUMNS, index: Sequence[int] | None = None) -> gpd.GeoDataFrame:
    """Rows (the values of ``columns``, then the point as (lon, lat) or None) as a frame with the
    claims table's types (see :func:`claims_table`), in the order given, labelled by ``index``."""
    *values, points = zip(*rows) if rows else ([()] * (len(columns) + 1))
    frame = {}
    for name, column in zip(columns, values):
        if name in INTEGER_COLUMNS:
            missing = np.array([v is None for v in column], dtype=bool)
            numbers = np.array([1 if v is None else v for v in column], dtype=np.int64)  # 1 under the mask, as pandas puts it
            frame[name] = pd.arrays.IntegerArray(numbers, missing)
        elif name == "uncertainty_km":
            numbers = np.array([math.nan if v is None else v for v in column], dtype=np.float64)
            frame[name] = pd.arrays.FloatingArray(numbers, np.isnan(numbers))
        else:
            frame[name] = pd.array(np.array(column, dtype=object), dtype="str")
    geoms = np.full(len(rows), None, dtype=object)
    located = [i for i, p in enumerate(points) if p is not None]
    if located:
        lon, lat = np.array([points[i] for i in located], dtype=np.float64).T
        geoms[located] = shapely.points(lon, lat)
    labels = pd.RangeIndex(len(rows)) if index is None else pd.Index(np.asarray(index, dtype=np.int64))
    return gpd.GeoDataFrame(pd.DataFrame(frame, index=labels, copy=False),
                            geometry=gpd.GeoSeries(geoms, index=labels, crs="EPSG:4326"), crs="EPSG:4326")


def claims_table(claims: Iterable[Claim]) -> gpd.GeoDataFrame:
    """Flatten claims into the (claim, place) table.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns :data:`COLUMNS` plus ``geometry`` (Point, or None for claims with no
        place), CRS EPSG:4326; text columns hold "" rather than missing values.
    """
    builder = TableBuilder()
    for claim in claims:
        builder.add(claim_rows(claim))
    return builder.table()
