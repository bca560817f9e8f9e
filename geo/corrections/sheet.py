"""The review sheet: every claim and place with its evidence and empty decision columns, the likely wrong first.

One row per (claim, place), as the claims table has them. Each row says why it may be wrong
(``check``, in words; ``check_score``, the sum of the reasons' weights, :data:`CHECKS`), and
rows are sorted by it: unreviewed rows first, the highest score first, then in table order.
The sheet is a corrections file (:mod:`geo.corrections.decisions`) with evidence beside the
decision columns: filled in and passed to ``strikemap run --corrections``, it is applied as is.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path

import geopandas as gpd

from ..gazetteer import Context
from ..gazetteer.place import distance_km
from ..store import ClaimStore
from ..table import COLUMNS
from .decisions import DECISION_COLUMNS, write_csv

#: Why a row may be wrong, and how much each reason weighs in the sort (heaviest first).
CHECKS = {
    "fuzzy": 3,  # the place as written is none of the gazetteer place's names: read by spelling likeness
    "far": 3,  # far from every other place its article names
    "unpopulated": 2,  # a town or village with no recorded population: a hamlet, or a namesake of the right one
    "unattributed": 2,  # no one is quoted: the article's own words
    "contested": 2,  # its event's claimants disagree about what was hit
    "denied": 1,  # its event is denied by the striker's side
    "no place": 1,  # no place at all: the claim may be no strike report
    "country only": 1,  # only a whole country
}
FAR_KM = 300.0  # from the nearest other place of its article
_EVIDENCE_FIRST = ("check", "article_title", "sentence", "place_text", "place", "precision", "claimant", "target",
                   "stance")
_EVIDENCE_AFTER = ("article", "article_url", "source", "published", "striker", "target_affiliation", "event_type",
                   "event_date", "date_precision", "casualties_min", "casualties_max", "claimant_type", "country",
                   "place_id", "latitude", "longitude", "event_id", "event_grading", "review_status", "review_note",
                   "reviewed_by", "reviewed_at", "sentence_start", "sentence_end", "mention_start", "check_score",
                   "claim_id")
#: The sheet's columns: what to read first, the decision columns, then the rest of the evidence.
SHEET_COLUMNS = (*_EVIDENCE_FIRST, *DECISION_COLUMNS, *_EVIDENCE_AFTER)
_COUNTRY_PRECISIONS = ("country", "macroregion")


@dataclass
class _Place:
    place_id: str
    place: str
    lat: float
    lon: float


def write_sheet(store: ClaimStore, events: gpd.GeoDataFrame, path: str | Path,
                also: Sequence[ClaimStore] = ()) -> tuple[Path, int]:
    """Write the review sheet of ``store`` (its events in ``events``) and of the claims in ``also`` (kept apart
    from the map: interceptions) to ``path``; returns the path and its rows.

    The rows are ranked a batch of articles at a time, keeping only each row's rank and checks, then read
    back in the sheet's order: memory grows by a small record per row, not by the rows.
    """
    from ..output.atomic import atomic_path

    stores = [store, *also]
    ranked = sorted(((reviewed, score, i, pos), i, pos, *rest) for i, each in enumerate(stores)
                    for (reviewed, score, _), pos, *rest in _ranked(each, events if i == 0 else None))
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as out:
        write_csv(_in_order(stores, ranked), SHEET_COLUMNS, out)
    return Path(path), len(ranked)


_NAMES = ", ".join(f'"{c}"' for c in COLUMNS)
_READ_BACK = 500  # rows fetched at once, by position


def _in_order(stores: list[ClaimStore], ranked: list[tuple]) -> Iterator[dict]:
    for start in range(0, len(ranked), _READ_BACK):
        chunk = ranked[start:start + _READ_BACK]
        rows = {}
        for i, store in enumerate(stores):
            positions = [pos for _, which, pos, *_ in chunk if which == i]
            if positions:
                rows.update({(i, r[0]): r for r in store.query(
                    f"SELECT pos, {_NAMES}, lon, lat FROM claims WHERE pos IN ({', '.join('?' * len(positions))})",
                    positions)})
        for _, which, pos, check, score, grading in chunk:
            row = dict(zip(("pos", *COLUMNS, "lon", "lat"), rows[(which, pos)]))
            yield {**row, "check": check, "check_score": score, "event_grading": grading,
                   "latitude": "" if row["lat"] is None else f"{row['lat']:.7f}",
                   "longitude": "" if row["lon"] is None else f"{row['lon']:.7f}"}


def _ranked(store: ClaimStore, events: gpd.GeoDataFrame) -> Iterator[tuple]:
    """Each row's sort key (reviewed last, then the highest score first, then table order), position, checks in
    words, score and its event's grading (``events``: None for claims in no event), an article at a time."""
    from ..claims.model import is_narration

    gradings = {} if events is None or not len(events) else dict(
        zip(events["event_id"], zip(events["grading"], events["grading_reason"])))
    columns = ("pos", "article", "event_id", "place", "place_text", "place_id", "precision", "claimant",
               "review_status", "lon", "lat")
    fetched = store.query(f"SELECT {', '.join(columns)} FROM claims ORDER BY pos")
    for _, group in groupby(fetched, key=lambda r: r[1]):  # by article
        rows = [dict(zip(columns, values)) for values in group]
        places = _places_of(rows)
        for row in rows:
            grading, reason = gradings.get(row["event_id"], ("", ""))
            reasons = list(_place_checks(row, places))
            if is_narration(row["claimant"]):
                reasons.append(("unattributed", "no one is quoted: the article's own words"))
            if grading in ("contested", "denied"):
                reasons.append((grading, f"its event is {grading}: {reason}"))
            score = sum(CHECKS[kind] for kind, _ in reasons)
            reviewed = row["review_status"] not in ("", "unreviewed")
            yield (reviewed, -score, row["pos"]), row["pos"], "; ".join(words for _, words in reasons), score, grading


def _places_of(rows: list[dict]) -> list[_Place]:
    """The distinct places an article's claims put on the map."""
    seen: dict[str, _Place] = {}
    for row in rows:
        if row["lon"] is not None and row["precision"] not in _COUNTRY_PRECISIONS:
            seen.setdefault(row["place_id"], _Place(row["place_id"], row["place"], row["lat"], row["lon"]))
    return list(seen.values())


def _place_checks(row: dict, places: list[_Place]) -> Iterator[tuple[str, str]]:
    if row["lon"] is None:
        if row.get("place_text"):  # "village of Tlajabin": a place to add, by id, name or point (new_place)
            yield "no place", f"'{row['place_text']}' is a place the gazetteer lacks: where is it?"
        else:
            yield "no place", "no place named: is it a strike report?"
        return
    if row["precision"] in _COUNTRY_PRECISIONS:
        yield "country only", f"only {row['place']} as a whole"
        return
    if row["place_id"].startswith("reviewer:"):  # a reviewer put it there
        return
    base = row["place_id"].split("#")[0]
    if row["place_text"] and not _read_by_name(row["place_text"], base):
        yield "fuzzy", f"fuzzy place match: '{row['place_text']}' read as {row['place']}"
    place = _gazetteer().get(base)
    if place is not None and row["precision"] == "locality" and not place.population:
        yield "unpopulated", f"{row['place']} has no recorded population"
    others = [p for p in places if p.place_id != row["place_id"]]
    if others:
        km, nearest = min((distance_km(row["lat"], row["lon"], p.lat, p.lon), p.place) for p in others)
        if km > FAR_KM:
            yield "far", f"far from the article's other places: {km:,.0f} km from the nearest ({nearest})"


@lru_cache(maxsize=1)
def _gazetteer():
    from ..gazetteer import Gazetteer

    return Gazetteer.default()


@lru_cache(maxsize=65536)
def _read_by_name(text: str, place_id: str) -> bool:
    """Whether the gazetteer finds the place by one of its names in ``text`` (not by spelling likeness alone), in
    a text about the place's country (where a village of the fallback layer answers)."""
    place = _gazetteer().get(place_id)
    context = Context(countries={place.country: 1.0}) if place is not None and place.country else None
    return any(c.place.place_id == place_id and c.match != "skeleton" for c in _gazetteer().candidates(text, context, limit=50))
