"""The claims table: one row per (claim, place), a GeoDataFrame in EPSG:4326.

A claim that names no place gets one row with no geometry: it is counted and
exported, never dropped. Rows are sorted (article, position in the article,
place order) so the same input always gives the same table.
"""
from __future__ import annotations

import math
import operator
from collections.abc import Iterable

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from .claims.extract import Claim
from .gazetteer.areas import area_km2
from .gazetteer.place import Place

#: Columns of the claims table, in output order (geometry comes last).
COLUMNS = (
    "claim_id", "event_id", "article", "article_title", "article_url", "published", "source",
    "place", "place_text", "place_id", "precision", "country", "admin1", "uncertainty_km",
    "claimant", "claimant_type", "claimant_country", "striker", "striker_country", "stance",
    "target", "target_category", "target_affiliation",
    "casualties", "casualties_min", "casualties_max", "casualty_type", "casualty_phrase",
    "event_date", "date_precision", "date_phrase",
    "trigger", "sentence", "sentence_start", "sentence_end", "mention_start", "mention_end",
)
INTEGER_COLUMNS = ("casualties", "casualties_min", "casualties_max", "sentence_start", "sentence_end", "mention_start", "mention_end")
_TEXT_COLUMNS = [c for c in COLUMNS if c not in INTEGER_COLUMNS and c != "uncertainty_km"]

# How far a point of each precision may be from where the event was, in km,
# when the gazetteer has no area for the place.
UNCERTAINTY_KM = {"site": 1.0, "locality": 5.0, "region": 25.0, "admin2": 30.0}


def uncertainty_km(place: Place) -> float:
    """Radius of the area a point of this place stands for (an equal-area circle for divisions)."""
    if place.precision in UNCERTAINTY_KM:
        return UNCERTAINTY_KM[place.precision]
    area = area_km2(place.place_id.split("#")[0])
    if area:
        radius = math.sqrt(area / math.pi)
        return round(radius / 2 if "#" in place.place_id else radius, 1)
    return {"admin1": 100.0, "country": 300.0}.get(place.precision, 1000.0)


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
        "claimant_type": claim.claimant_type,
        "claimant_country": claim.claimant_country,
        "striker": claim.striker,
        "striker_country": claim.striker_country,
        "stance": claim.stance,
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
        row.update(place="", place_text="", place_id="", precision="", country="", admin1="",
                   uncertainty_km=None, mention_start=None, mention_end=None)
        return [(*_IN_COLUMN_ORDER(row), None)]
    rows = []
    for m in located:  # one dict for all the claim's rows: each row's values are taken before the next
        p = m.place
        row["place"], row["place_text"], row["place_id"], row["precision"] = p.name, m.text, p.place_id, p.precision
        row["country"], row["admin1"], row["uncertainty_km"] = p.country, p.admin1, uncertainty_km(p)
        row["mention_start"], row["mention_end"] = m.start, m.end
        rows.append((*_IN_COLUMN_ORDER(row), (round(p.lon, 7), round(p.lat, 7))))
    return rows


# Columns whose values repeat across claims (places, claimants, vocabulary words): equal
# values share one string object in the table, instead of one copy per row.
_SHARED_COLUMNS = frozenset(_TEXT_COLUMNS) - {"claim_id", "article", "article_title", "article_url", "sentence"}


_SORT_KEYS = ["article", "sentence_start", "mention_start", "claim_id"]


class TableBuilder:
    """Collects claims-table rows column by column (no per-claim objects), then makes the table."""

    def __init__(self):
        self.columns: list[list] = [[] for _ in range(len(COLUMNS) + 1)]  # + the point
        self._shared: dict[str, str] = {}
        self._share = [name in _SHARED_COLUMNS for name in COLUMNS] + [False]

    def add(self, rows: Iterable[Row]) -> None:
        shared = self._shared
        for row in rows:
            for column, share, value in zip(self.columns, self._share, row):
                column.append(shared.setdefault(value, value) if share and type(value) is str else value)

    def table(self) -> gpd.GeoDataFrame:
        """The table (see :func:`claims_table`); the builder is emptied, a column at a time."""
        self._shared.clear()
        arrays = {name: _typed(name, values) for name, values in zip(COLUMNS, self.columns)}
        order = pd.DataFrame({k: arrays[k] for k in _SORT_KEYS}).sort_values(_SORT_KEYS, kind="stable").index.to_numpy()
        frame = {}
        for name in COLUMNS:  # reordered one column at a time: never two copies of the table
            frame[name] = arrays.pop(name).take(order)
        points = self.columns[-1]
        geoms = [None if points[i] is None else Point(points[i]) for i in order]
        self.columns = [[] for _ in self.columns]
        return gpd.GeoDataFrame(pd.DataFrame(frame, copy=False), geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"),
                                crs="EPSG:4326")


def _typed(name: str, values: list):
    """A column as the table holds it: text "" rather than missing, counts Int64, radius Float64."""
    if name in INTEGER_COLUMNS:
        array = pd.array(values, dtype="Int64")
    elif name == "uncertainty_km":
        array = pd.array(values, dtype="Float64")
    else:
        array = pd.Series(values, dtype=object).fillna("").astype(str).array
    values.clear()
    return array


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


def summary(table: gpd.GeoDataFrame) -> dict[str, int]:
    """Claims found, located (some place), with no place; rows; located rows."""
    per_claim = table.groupby("claim_id", sort=False)["geometry"].apply(lambda g: g.notna().any())
    return {
        "claims": int(per_claim.size),
        "located": int(per_claim.sum()),
        "no_place": int((~per_claim).sum()),
        "rows": int(len(table)),
    }
