"""Strike events: claims from all articles grouped into incidents, and graded.

Two claims are about the same event when

- their places are compatible: the same place; a town inside the governorate
  (or the part of it, "northern Homs") another claim names; or two points
  closer than their uncertainty;
- their dates are compatible: the date ranges overlap, or one is unknown;
- they name the same striker, or one names none.

All places of one claim stay in one event. Country-level and place-less claims
join no event (they would swallow every incident in the country).

Grading, after Airwars, in this order:

``denied``            the side named as the striker denies it
``contested``         claimants disagree about what or whom was hit: civilians
                      against fighters, or two different armed groups
``multiple sources``  two or more articles or outlets report it
``single source``     one report

``grading_reason`` says why, in words.
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

import geopandas as gpd
import numpy as np
import pandas as pd

from .claims.dates import date_range
from .gazetteer.place import PRECISIONS, distance_km

EVENT_PRECISIONS = ("site", "locality", "region", "admin2", "admin1")
GENERIC_AFFILIATIONS = {"militants (unspecified)", "rebels (unspecified)", ""}
CIVILIAN = "civilians"

#: Columns of the events table, in output order (geometry comes last).
EVENT_COLUMNS = (
    "event_id", "place", "place_id", "precision", "country", "admin1", "uncertainty_km", "places",
    "event_date", "date_precision", "striker", "striker_country", "grading", "grading_reason",
    "n_claims", "n_sources", "claimants", "claimant_types", "sources", "targets", "target_affiliations",
    "casualties_min", "casualties_max", "claim_ids",
)


SAME_CLAIM_KM = 50.0  # places one claim lists together ("Talbiseh, Rastan and Salamiyah") are one operation
CELL_DEGREES = 0.25  # grid for finding neighbours: wider (~28 km) than any uncertainty radius of a fine row
FINE_PRECISIONS = ("site", "locality", "region")


@dataclass(frozen=True, slots=True)
class _Row:
    """What grouping needs of one (claim, place) row, as plain values (about 150 bytes: its values are shared)."""

    claim_id: str
    place_id: str
    precision: str
    division: tuple[str, str]
    lat: float
    lon: float
    radius: float
    dates: tuple | None
    striker: str
    sentence: int  # a code: rows of one sentence (article, start) share it

    @property
    def cell(self) -> tuple[int, int]:
        return (math.floor(self.lat / CELL_DEGREES), math.floor(self.lon / CELL_DEGREES))


_ROW_COLUMNS = ["claim_id", "place_id", "precision", "country", "admin1", "geometry", "uncertainty_km", "event_date",
                "date_precision", "striker_country", "article", "sentence_start"]


def _rows(table: pd.DataFrame, positions: np.ndarray) -> list[_Row]:
    shared: dict = {}
    sentences: dict[tuple[str, int], int] = {}

    def one(value):
        """Divisions, coordinates and radii repeat: one object each, not one per row (0.0 may
        stand for -0.0: equal in every comparison and distance made here)."""
        return shared.setdefault(value, value)

    return [
        _Row(r.claim_id, r.place_id, r.precision, one((r.country, r.admin1)), one(r.geometry.y), one(r.geometry.x),
             one(float(r.uncertainty_km)) if pd.notna(r.uncertainty_km) else 0.0,
             shared.setdefault(("dates", r.event_date, r.date_precision), date_range(r.event_date, r.date_precision)),
             r.striker_country, sentences.setdefault((r.article, int(r.sentence_start)), len(sentences)))
        for r in table[_ROW_COLUMNS].iloc[positions].itertuples()  # only the columns needed are copied
    ]


def _places_compatible(a: _Row, b: _Row, distance: float) -> bool:
    if a.place_id == b.place_id and "#" not in a.place_id:
        return True
    for area, other in ((a, b), (b, a)):
        if area.precision == "admin1" and other.precision != "admin1":
            # A part of a division ("northern Homs") holds only what lies within its radius.
            return area.division == other.division and ("#" not in area.place_id or distance <= area.radius)
    return distance <= max(a.radius, b.radius)


def _compatible(a: _Row, b: _Row) -> bool:
    if a.division[0] != b.division[0]:  # events never cross a border
        return False
    if a.striker and b.striker and a.striker != b.striker:
        return False
    if a.dates and b.dates and not (a.dates[0] <= b.dates[1] and b.dates[0] <= a.dates[1]):
        return False
    return _places_compatible(a, b, distance_km(a.lat, a.lon, b.lat, b.lon))


class _Groups:
    """Union-find over row positions."""

    def __init__(self, positions: list[int]):
        self.parent = list(positions)  # the same int objects: one per row for all of grouping

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _neighbours(cells: dict[tuple[int, int], list[int]], cell: tuple[int, int]) -> Iterator[int]:
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            yield from cells.get((cell[0] + dy, cell[1] + dx), ())


def _signature(r: _Row) -> tuple:
    """All that :func:`_compatible` reads of a row: rows alike in it are compatible with
    the same rows, so one of them can stand for all (a town reported a thousand times
    is compared once, not a thousand times: grouping stays linear in the corpus)."""
    return (r.place_id, r.precision, r.division, r.lat, r.lon, r.radius, r.dates, r.striker)


@dataclass(slots=True)
class _Alike:
    """Rows with one signature: the first stands for them; the claims and sentences among them."""

    first: int
    claims: set[str]
    sentences: set[int]


def _alike(rows: list[_Row], positions: list[int], groups: _Groups) -> list[_Alike]:
    """Rows of one signature, joined: alike rows always end in one event (same place, dates
    and striker; of one claim or compatible)."""
    by_signature: dict[tuple, list[int]] = defaultdict(list)
    for i in positions:
        by_signature[_signature(rows[i])].append(i)
    out = []
    for members in by_signature.values():
        for j in members[1:]:
            groups.union(members[0], j)
        out.append(_Alike(members[0], {rows[j].claim_id for j in members}, {rows[j].sentence for j in members}))
    return out


def _group(rows: list[_Row]) -> list[list[int]]:
    """Clusters of row positions, in two phases.

    Towns, sites and regions cluster first: rows of one claim lying close
    together, and rows compatible with each other (compared only with rows in
    neighbouring grid cells). A governorate-level row then joins one compatible
    cluster -- never two, so "Hama province" cannot chain separate town events
    together -- or, when none fits, clusters with other such rows.
    """
    positions = list(range(len(rows)))
    groups = _Groups(positions)
    fine = [i for i in positions if rows[i].precision in FINE_PRECISIONS]
    coarse = [i for i in positions if rows[i].precision not in FINE_PRECISIONS]
    for _, claim in groupby(sorted(fine, key=lambda i: rows[i].claim_id), key=lambda i: rows[i].claim_id):
        members = list(claim)  # a claim lists few places: compare them all
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if distance_km(rows[i].lat, rows[i].lon, rows[j].lat, rows[j].lon) <= SAME_CLAIM_KM:
                    groups.union(i, j)
    alike = _alike(rows, fine, groups)
    cells: dict[tuple[int, int], list[_Alike]] = defaultdict(list)
    for kind in alike:
        cells[rows[kind.first].cell].append(kind)
    for kind in alike:
        a = rows[kind.first]
        for other in _neighbours(cells, a.cell):
            i, j = kind.first, other.first
            if j <= i or groups.find(i) == groups.find(j):  # already joined: nothing to learn
                continue
            # Some row of one and some row of the other must be of different claims.
            if (len(kind.claims) > 1 or kind.claims != other.claims) and _compatible(a, rows[j]):
                groups.union(i, j)
    by_division: dict[tuple[str, str], list[_Alike]] = defaultdict(list)
    for kind in alike:
        by_division[rows[kind.first].division].append(kind)
    sizes = Counter(groups.find(j) for j in fine)
    unplaced = []
    for i in coarse:
        target = _best_cluster(rows, groups, by_division, sizes, i)
        if target is None:
            unplaced.append(i)
        else:
            groups.union(target, i)
    left = _alike(rows, unplaced, groups)
    for x, kind in enumerate(left):
        for other in left[x + 1:]:
            if kind.claims & other.claims or _compatible(rows[kind.first], rows[other.first]):
                groups.union(kind.first, other.first)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in positions:
        clusters[groups.find(i)].append(i)
    return sorted(clusters.values())


def _best_cluster(rows: list[_Row], groups: _Groups, by_division: dict[tuple[str, str], list[_Alike]], sizes: Counter,
                  i: int) -> int | None:
    """The cluster a governorate-level row belongs to: one with its own claim, else
    with its sentence, else the largest compatible one (the nearest among equals)."""
    row = rows[i]
    # Per cluster: whether it holds the row's claim, its sentence, and its nearest distance.
    found: dict[int, tuple[bool, bool, float]] = {}
    for kind in by_division.get(row.division, ()):
        other = rows[kind.first]
        if _compatible(row, other):
            same_claim, same_sentence = row.claim_id in kind.claims, row.sentence in kind.sentences
        elif row.claim_id in kind.claims:  # only its rows of the same claim (and so the same sentence) count
            same_claim = same_sentence = True
        else:
            continue
        root = groups.find(kind.first)
        distance = distance_km(row.lat, row.lon, other.lat, other.lon)
        was = found.get(root)
        found[root] = (same_claim, same_sentence, distance) if was is None else (
            was[0] or same_claim, was[1] or same_sentence, min(was[2], distance))
    if not found:
        return None
    return min(found, key=lambda root: (not found[root][0], not found[root][1], -sizes[root], found[root][2], root))


def _grade(claims: pd.DataFrame, striker_country: str) -> tuple[str, str]:
    """The event's grading and the reason, from one row per claim."""
    denials = claims[claims["stance"] == "denies"]
    for _, d in denials.iterrows():
        same_side = striker_country and d["claimant_country"] == striker_country
        if same_side or (not striker_country and d["claimant_type"] in ("government", "military")):
            return "denied", f"{d['claimant']} ({d['claimant_country'] or 'striker side'}) denies it: \u201c{d['sentence']}\u201d"
    said: dict[str, set[str]] = defaultdict(set)
    for _, c in claims[claims["stance"] == "asserts"].iterrows():
        if c["target_affiliation"]:
            said[c["claimant"]].add(c["target_affiliation"])
    names = sorted(said)
    for i, x in enumerate(names):
        for y in names[i + 1:]:
            if _disagree(said[x], said[y]):
                return "contested", f"{x} says {', '.join(sorted(said[x]))}; {y} says {', '.join(sorted(said[y]))}"
    sources = sorted(set(claims["source_key"]))
    if len(sources) > 1:
        return "multiple sources", f"reported by {len(sources)} sources: {', '.join(sources)}"
    return "single source", f"reported only by {sources[0]}"


def _disagree(a: set[str], b: set[str]) -> bool:
    """Civilians against fighters, or two different named armed groups."""
    if (CIVILIAN in a) != (CIVILIAN in b):
        return True
    specific_a, specific_b = a - GENERIC_AFFILIATIONS - {CIVILIAN}, b - GENERIC_AFFILIATIONS - {CIVILIAN}
    return bool(specific_a and specific_b and not specific_a & specific_b)


def _joined(values) -> str:
    return "; ".join(dict.fromkeys(str(v) for v in values if v not in ("", None) and str(v) != "<NA>"))


def _event_date(rows: pd.DataFrame) -> tuple[str, str]:
    """The finest date any claim gives (earliest among equals)."""
    rank = {"day": 0, "week": 1, "month": 2}
    dated = rows[rows["date_precision"].isin(list(rank))]
    if dated.empty:
        return "", "unknown"
    best = min(zip(dated["date_precision"].map(rank), dated["event_date"]))
    return best[1], {v: k for k, v in rank.items()}[best[0]]


def _event(rows: pd.DataFrame) -> dict:
    order = {p: i for i, p in enumerate(PRECISIONS)}
    finest = rows.assign(_rank=rows["precision"].map(order)).sort_values(["_rank", "mention_start"], kind="stable").iloc[0]
    claims = rows.drop_duplicates("claim_id")
    striker_country = Counter(c for c in claims["striker_country"] if c).most_common(1)
    striker_country = striker_country[0][0] if striker_country else ""
    grading, reason = _grade(claims, striker_country)
    claim_ids = sorted(set(rows["claim_id"]))
    event_date, precision = _event_date(claims)
    mins = [int(v) for v in claims["casualties_min"] if pd.notna(v)]
    maxes = [int(v) for v in claims["casualties_max"] if pd.notna(v)]
    return {
        "event_id": "e" + hashlib.sha1("|".join(claim_ids).encode()).hexdigest()[:12],
        "place": finest["place"], "place_id": finest["place_id"], "precision": finest["precision"],
        "country": finest["country"], "admin1": finest["admin1"], "uncertainty_km": finest["uncertainty_km"],
        "places": _joined(rows["place"]),
        "event_date": event_date, "date_precision": precision,
        "striker": _joined(claims["striker"]), "striker_country": striker_country,
        "grading": grading, "grading_reason": reason,
        "n_claims": len(claim_ids), "n_sources": claims["source_key"].nunique(),
        "claimants": _joined(claims["claimant"]), "claimant_types": _joined(claims["claimant_type"]),
        "sources": _joined(claims["source_key"]), "targets": _joined(claims["target"]),
        "target_affiliations": _joined(claims["target_affiliation"]),
        "casualties_min": max(mins) if mins else None, "casualties_max": max(maxes) if maxes else None,
        "claim_ids": "; ".join(claim_ids),
        "geometry": finest.geometry,
    }


def build_events(table: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Group the claims table into events.

    Returns
    -------
    (events, claims)
        ``events``: one row per event (:data:`EVENT_COLUMNS`, Point geometry at the
        finest place any of its claims gives, EPSG:4326), sorted by ``event_id``;
        ``claims``: the claims table with ``event_id`` filled in ("" for claims in no event).
    """
    # Copy-on-write: the caller's table is untouched, and no column is copied that is not changed.
    table = table.assign(source_key=[s or a for s, a in zip(table["source"], table["article"])])
    eligible = np.flatnonzero(table.geometry.notna() & table["precision"].isin(EVENT_PRECISIONS))
    events = []
    event_ids = np.full(len(table), "", dtype=object)
    for members in _group(_rows(table, eligible)):
        rows = eligible[members]
        event = _event(table.iloc[rows])
        events.append(event)
        event_ids[rows] = event["event_id"]
    frame = pd.DataFrame(events, columns=[*EVENT_COLUMNS, "geometry"])
    for col in ("n_claims", "n_sources", "casualties_min", "casualties_max"):
        frame[col] = frame[col].astype("Int64")
    frame["uncertainty_km"] = frame["uncertainty_km"].astype("Float64")
    events_gdf = gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326").sort_values("event_id", kind="stable")
    claims = table.drop(columns=["source_key"]).assign(event_id=pd.array(event_ids, dtype="str"))
    return events_gdf.reset_index(drop=True), claims
