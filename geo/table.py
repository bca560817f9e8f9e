"""The claims table: one row per (claim, place), a GeoDataFrame in EPSG:4326.

A claim that names no place gets one row with no geometry: it is counted and
exported, never dropped. Rows are sorted (article, position in the article,
place order) so the same input always gives the same table.
"""
from __future__ import annotations

import math
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


def _row(claim: Claim) -> dict:
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


def claims_table(claims: Iterable[Claim]) -> gpd.GeoDataFrame:
    """Flatten claims into the (claim, place) table.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns :data:`COLUMNS` plus ``geometry`` (Point, or None for claims with no
        place), CRS EPSG:4326; text columns hold "" rather than missing values.
    """
    rows, geoms = [], []
    for claim in claims:
        base = _row(claim)
        located = [m for m in claim.places if m.place is not None]
        if not located:
            rows.append({**base, "place": "", "place_text": "", "place_id": "", "precision": "",
                         "country": "", "admin1": "", "uncertainty_km": None,
                         "mention_start": None, "mention_end": None})
            geoms.append(None)
            continue
        for m in located:
            p = m.place
            rows.append({**base, "place": p.name, "place_text": m.text, "place_id": p.place_id,
                         "precision": p.precision, "country": p.country, "admin1": p.admin1,
                         "uncertainty_km": uncertainty_km(p), "mention_start": m.start, "mention_end": m.end})
            geoms.append(Point(round(p.lon, 7), round(p.lat, 7)))
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame[_TEXT_COLUMNS] = frame[_TEXT_COLUMNS].fillna("").astype(str)
    for col in INTEGER_COLUMNS:
        frame[col] = frame[col].astype("Int64")
    frame["uncertainty_km"] = frame["uncertainty_km"].astype("Float64")
    table = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"), crs="EPSG:4326")
    order = table.sort_values(["article", "sentence_start", "mention_start", "claim_id"], kind="stable").index
    return table.loc[order].reset_index(drop=True)


def summary(table: gpd.GeoDataFrame) -> dict[str, int]:
    """Claims found, located (some place), with no place; rows; located rows."""
    per_claim = table.groupby("claim_id", sort=False)["geometry"].apply(lambda g: g.notna().any())
    return {
        "claims": int(per_claim.size),
        "located": int(per_claim.sum()),
        "no_place": int((~per_claim).sum()),
        "rows": int(len(table)),
    }
