"""Strike events: claims from all articles grouped into incidents, and graded.

Two claims are about the same event when

- their places are compatible: the same place; a town inside the governorate
  (or the part of it, "northern Homs") another claim names; or two points
  closer than their uncertainty;
- their dates are compatible: the date ranges overlap, or one is unknown;
- they name the same striker, or one names none.

All places of one claim stay in one event. Country-level and place-less claims
join no event (they would swallow every incident in the country). A region with an
extent of its own wider than a town's surroundings (Donbas, Darfur) is grouped as a
governorate is: it joins one event of the towns inside its outline, never two.

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
from functools import lru_cache
from itertools import groupby

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import shape

from . import vocab
from .claims.dates import date_range
from .gazetteer.areas import outline, region_areas
from .gazetteer.place import PRECISIONS, distance_km
from .store import ClaimStore, store_of

EVENT_PRECISIONS = ("site", "locality", "region", "admin2", "admin1")

#: Columns of the events table, in output order (geometry comes last).
EVENT_COLUMNS = (
    "event_id", "place", "place_id", "precision", "country", "admin1", "uncertainty_km", "places",
    "event_date", "date_precision", "striker", "striker_country", "grading", "grading_reason",
    "n_claims", "n_sources", "claimants", "claimant_types", "sources", "targets", "target_affiliations",
    "casualties_min", "casualties_max", "review_status", "n_reviewed", "claim_ids",
)
#: An event's ``review_status``: how many of its claims a reviewer checked (see :mod:`geo.corrections`).
EVENT_REVIEW = ("unreviewed", "partly reviewed", "reviewed")


_NODES_BATCH = 4096  # rows' nodes sent to the store at once
SAME_CLAIM_KM = 50.0  # places one claim lists together ("Talbiseh, Rastan and Salamiyah") are one operation
CELL_DEGREES = 0.25  # grid for finding neighbours: wider (~28 km) than any uncertainty radius of a fine row
FINE_PRECISIONS = ("site", "locality", "region")
_CELL_KM = CELL_DEGREES * 111.2


def _wide_regions() -> tuple[str, ...]:
    """The regions whose extent is wider than a grid cell (Donbas, Darfur: equal-area radius over
    ~28 km): areas, grouped as divisions are, not the fine points other regions are."""
    return tuple(sorted(pid for pid, area in region_areas().items() if math.sqrt(area / math.pi) > _CELL_KM))


WIDE_REGIONS = frozenset(_wide_regions())


def is_fine(precision: str, place_id: str) -> bool:
    """Whether a row of this place clusters as a point (a town, a site, a region of a town's size)."""
    return precision in FINE_PRECISIONS and place_id not in WIDE_REGIONS


@dataclass(frozen=True, slots=True)
class _Row:
    """What grouping needs of one (claim, place) row, as plain values."""

    claim_id: str
    place_id: str
    precision: str
    division: tuple[str, str]
    lat: float
    lon: float
    radius: float
    dates: tuple | None
    striker: str
    sentence: tuple[str, int]  # (article, start)

    @property
    def cell(self) -> tuple[int, int]:
        return (math.floor(self.lat / CELL_DEGREES), math.floor(self.lon / CELL_DEGREES))


def _places_compatible(a: _Row, b: _Row, distance: float) -> bool:
    if a.place_id == b.place_id and "#" not in a.place_id:
        return True
    for area, other in ((a, b), (b, a)):
        if area.precision == "admin1" and other.precision != "admin1":
            # A part of a division ("northern Homs") holds only what lies within its radius.
            return area.division == other.division and ("#" not in area.place_id or distance <= area.radius)
        if area.place_id in WIDE_REGIONS and is_fine(other.precision, other.place_id):
            return in_region(area, other)
    return distance <= max(a.radius, b.radius)


_OUTLINE_SLACK = 0.05  # degrees (~5 km) around a region's outline, simplified to 0.01 degrees


@lru_cache(maxsize=64)
def _region_shape(place_id: str):
    """A wide region's outline (grown by the slack its simplification needs), prepared; None without one."""
    geometry = outline(place_id)
    if geometry is None:
        return None
    grown = shape(geometry).buffer(_OUTLINE_SLACK)
    shapely.prepare(grown)
    return grown


def in_region(region: _Row, other: _Row) -> bool:
    """Whether ``other``'s point lies in the wide region's outline (else, with none, within its radius):
    Kirkuk lies within 110 km of the Kurdistan Region's centre, but outside it."""
    drawn = _region_shape(region.place_id)
    if drawn is None:
        return distance_km(region.lat, region.lon, other.lat, other.lon) <= region.radius
    return bool(shapely.contains_xy(drawn, other.lon, other.lat))


def _compatible(a: _Row, b: _Row) -> bool:
    if a.division[0] != b.division[0]:  # events never cross a border
        return False
    if a.striker and b.striker and a.striker != b.striker:
        return False
    if a.dates and b.dates and not (a.dates[0] <= b.dates[1] and b.dates[0] <= a.dates[1]):
        return False
    return _places_compatible(a, b, distance_km(a.lat, a.lon, b.lat, b.lon))


# Eligible rows: located, at a precision events are made of.
_ELIGIBLE = "c.lon IS NOT NULL AND c.precision IN ({})".format(", ".join(f"'{p}'" for p in EVENT_PRECISIONS))
_FINE = "(c.precision IN ({}) AND c.place_id NOT IN ({}))".format(", ".join(f"'{p}'" for p in FINE_PRECISIONS),
                                                                   ", ".join(f"'{p}'" for p in sorted(WIDE_REGIONS)) or "''")
_ROW_COLUMNS = ("c.pos, c.claim_id, c.place_id, c.precision, c.country, c.admin1, c.lat, c.lon, c.uncertainty_km, "
                "c.event_date, c.date_precision, c.striker_country, c.article, c.sentence_start")


class _Reader:
    """Grouping's rows from the store's: values that repeat (divisions, date ranges) are made once."""

    def __init__(self):
        self.shared: dict = {}

    def __call__(self, fetched: tuple) -> tuple[int, _Row]:
        pos, claim_id, place_id, precision, country, admin1, lat, lon, radius, date, date_precision, striker, article, \
            start = fetched
        division = self.shared.setdefault((country, admin1), (country, admin1))
        dates_key = ("dates", date, date_precision)
        if dates_key not in self.shared:
            self.shared[dates_key] = date_range(date, date_precision)
        return pos, _Row(claim_id, place_id, precision, division, lat, lon, 0.0 if radius is None else float(radius),
                         self.shared[dates_key], striker, (article, start))


def _eligible(store: ClaimStore, where: str = "", order: str = "c.pos") -> Iterator[tuple[int, _Row]]:
    return map(_Reader(), store.query(f"SELECT {_ROW_COLUMNS} FROM claims c WHERE {_ELIGIBLE} {where} ORDER BY {order}"))


class _Groups:
    """Union-find over row positions: a cluster's root is its first position."""

    def __init__(self):
        self.parent: dict[int, int] = {}

    def add(self, i: int) -> None:
        self.parent.setdefault(i, i)

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _neighbours(cells: dict[tuple[int, int], list], cell: tuple[int, int]) -> Iterator:
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            yield from cells.get((cell[0] + dy, cell[1] + dx), ())


def _join_overlapping(kinds: list[_Kind], groups: _Groups) -> None:
    """Join the kinds (of sites compatible with each other) whose strikers and dates are compatible
    (see :func:`_compatible`): the same striker or one not named, and overlapping dates or one unknown.

    Undated kinds are compatible with every kind of a compatible striker. The dated ones are swept in
    order of their first day: the dated kinds of one striker that are still open when a kind begins
    (their last day not before its first) overlap it and each other, so they are already one cluster;
    of them only one kind and the last of their last days are kept, per striker.
    """
    by_striker: dict[str, list[_Kind]] = defaultdict(list)
    for kind in kinds:
        by_striker[kind.row.striker].append(kind)
    undated = {kind.row.striker for kind in kinds if not kind.row.dates}
    if "" in undated:  # an undated kind naming no striker is compatible with every kind
        _chain(kinds, groups)
    else:
        for striker in undated:  # with every kind of its striker, and every kind naming none
            _chain(by_striker[striker] + by_striker.get("", []), groups)
    open_: dict[str, tuple[object, int]] = {}  # striker -> (the last last day of its open kinds, one of them)
    for kind in sorted((k for k in kinds if k.row.dates), key=lambda k: k.row.dates[0]):
        (start, end), striker = kind.row.dates, kind.row.striker
        for other in (open_ if not striker else (striker, "")):
            held = open_.get(other)
            if held is not None and held[0] >= start:
                groups.union(kind.first, held[1])
        held = open_.get(striker)
        open_[striker] = (max(held[0], end), held[1]) if held is not None and held[0] >= start else (end, kind.first)


def _chain(kinds: list[_Kind], groups: _Groups) -> None:
    """Join all of ``kinds`` into one cluster."""
    for kind in kinds[1:]:
        groups.union(kinds[0].first, kind.first)


def _signature(r: _Row) -> tuple:
    """All that :func:`_compatible` reads of a row: rows alike in it are compatible with
    the same rows, so one of them can stand for all (a town reported a thousand times
    is compared once, not a thousand times: grouping stays linear in the corpus)."""
    return (r.place_id, r.precision, r.division, r.lat, r.lon, r.radius, r.dates, r.striker)


@dataclass(slots=True)
class _Kind:
    """Fine rows of one signature. They always end in one event (same place, dates and
    striker; of one claim or compatible), so grouping keeps one node for them all, the first."""

    first: int  # position of the first row
    row: _Row  # the first row: it stands for them in every comparison
    rows: int = 0
    claim: str | None = None  # their one claim, or None once they are of several


class _Grouping:
    """Clusters of the store's eligible rows, in two phases, with memory in the number of
    distinct signatures and coarse rows, not of rows (see :meth:`run`)."""

    def __init__(self, store: ClaimStore):
        self.store = store
        self.groups = _Groups()
        self.kinds: dict[tuple, _Kind] = {}
        # Of the claims and sentences that have coarse rows: the fine kinds (by first position) holding them.
        self.claim_kinds: dict[str, set[int]] = {}
        self.sentence_kinds: dict[tuple[str, int], set[int]] = {}

    def run(self) -> dict[int, int]:
        """Towns, sites and regions cluster first: rows of one claim lying close together,
        and rows compatible with each other (compared only with rows in neighbouring grid
        cells). A governorate-level row then joins one compatible cluster -- never two, so
        "Hama province" cannot chain separate town events together -- or, when none fits,
        clusters with other such rows. Returns each cluster's event number by its root,
        numbered in the order of their first rows."""
        self._fine_kinds()
        self._compatible_kinds()
        self._coarse_rows()
        roots = sorted({self.groups.find(i) for i in list(self.groups.parent)})
        return {root: n for n, root in enumerate(roots)}

    def nodes(self) -> Iterator[int]:
        """Every union-find node: each kind's first row, and each coarse row. A row's node (recorded in the
        store as it is read) is its kind's first row, or (coarse) itself."""
        return iter(self.groups.parent)

    def _fine_kinds(self) -> None:
        """The fine rows' kinds, read once in table order; each row's node is recorded in the store, and a
        claim's places close together are joined as each article's rows are read (see :meth:`_close_in_one_claim`)."""
        coarse = list(self.store.query(f"SELECT DISTINCT c.claim_id, c.article, c.sentence_start FROM claims c "
                                       f"WHERE {_ELIGIBLE} AND NOT {_FINE}"))
        self.claim_kinds = {claim: set() for claim, _, _ in coarse}
        self.sentence_kinds = {(article, start): set() for _, article, start in coarse}
        nodes: list[tuple[int, int]] = []
        article, claims = None, {}  # the rows of the article being read, by claim
        for pos, row in _eligible(self.store, f"AND {_FINE}"):
            kind = self.kinds.get(signature := _signature(row))
            if kind is None:
                kind = self.kinds[signature] = _Kind(pos, row, claim=row.claim_id)
                self.groups.add(pos)
            kind.rows += 1
            if kind.claim != row.claim_id:
                kind.claim = None
            if row.claim_id in self.claim_kinds:
                self.claim_kinds[row.claim_id].add(kind.first)
            if row.sentence in self.sentence_kinds:
                self.sentence_kinds[row.sentence].add(kind.first)
            nodes.append((pos, kind.first))
            if len(nodes) >= _NODES_BATCH:
                self.store.record_nodes(nodes)
                nodes = []
            if row.sentence[0] != article:  # an article's rows come together: its claims are all read
                self._close_in_one_claim(claims)
                article, claims = row.sentence[0], {}
            claims.setdefault(row.claim_id, []).append(row)
        self._close_in_one_claim(claims)
        self.store.record_nodes(nodes)

    def _close_in_one_claim(self, claims: dict[str, list[_Row]]) -> None:
        """A claim's places close together are one operation ("Talbiseh, Rastan and Salamiyah").

        ``claims``: the fine rows of each claim of one article, in table order (a claim id
        hashes its article, so a claim's rows are all in one).
        """
        for members in claims.values():  # a claim lists few places: compare them all
            for x, a in enumerate(members):
                for b in members[x + 1:]:
                    if distance_km(a.lat, a.lon, b.lat, b.lon) <= SAME_CLAIM_KM:
                        self.groups.union(self.kinds[_signature(a)].first, self.kinds[_signature(b)].first)

    def _compatible_kinds(self) -> None:
        """Kinds compatible with each other join (and, through them, their clusters).

        Compatibility of two fine kinds is that of their sites (place, precision, division,
        point and radius: compared once per pair of sites in neighbouring grid cells), of their
        strikers and of their dates. So the kinds of two compatible sites are joined by a sweep
        through their dates (:func:`_join_overlapping`), in time linear in their number, not
        compared pair by pair: a town reported ten thousand times costs ten thousand steps,
        not fifty million comparisons. The clusters are those of comparing every pair.
        """
        sites: dict[tuple, list[_Kind]] = defaultdict(list)
        for kind in self.kinds.values():
            r = kind.row
            sites[(r.place_id, r.precision, r.division, r.lat, r.lon, r.radius)].append(kind)
        held = list(sites.values())
        cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for n, kinds in enumerate(held):
            cells[kinds[0].row.cell].append(n)
        apart = self._one_claim_apart(held)
        for m, kinds in enumerate(held):
            a = kinds[0].row
            for n in _neighbours(cells, a.cell):
                if n < m:
                    continue
                if n == m:
                    _join_overlapping(kinds, self.groups)
                    continue
                b = held[n][0].row
                forward = _places_compatible(a, b, distance_km(a.lat, a.lon, b.lat, b.lon))
                if forward != _places_compatible(b, a, distance_km(b.lat, b.lon, a.lat, a.lon)) or (m, n) in apart:
                    self._pairwise(kinds, held[n])  # never so far: compared as before, pair by pair
                elif forward and a.division[0] == b.division[0]:
                    _join_overlapping(kinds + held[n], self.groups)

    def _one_claim_apart(self, held: list[list[_Kind]]) -> set[tuple[int, int]]:
        """Pairs of sites (by index in ``held``) with kinds of one claim alone that are not yet in one
        cluster: such kinds are never joined for being compatible (they are one report), so those
        sites are compared pair by pair. Kinds of one claim lying close together already are."""
        by_claim: dict[str, list[tuple[int, _Kind]]] = defaultdict(list)
        for n, kinds in enumerate(held):
            for kind in kinds:
                if kind.claim is not None:
                    by_claim[kind.claim].append((n, kind))
        apart = set()
        for kinds in by_claim.values():
            for x, (m, a) in enumerate(kinds):
                for n, b in kinds[x + 1:]:
                    if m != n and self.groups.find(a.first) != self.groups.find(b.first):
                        apart.add((min(m, n), max(m, n)))
        return apart

    def _pairwise(self, kinds: list[_Kind], others: list[_Kind]) -> None:
        """The kinds of two sites compared pair by pair."""
        groups = self.groups
        for kind in kinds:
            for other in others:
                first, second = (kind, other) if kind.first < other.first else (other, kind)
                i, j = first.first, second.first
                if groups.find(i) == groups.find(j):  # already joined: nothing to learn
                    continue
                # Some row of one and some row of the other must be of different claims.
                if (first.claim is None or first.claim != second.claim) and _compatible(first.row, second.row):
                    groups.union(i, j)

    def _coarse_rows(self) -> None:
        groups = self.groups
        by_division: dict[tuple[str, str], list[_Kind]] = defaultdict(list)
        sizes: Counter = Counter()
        for kind in self.kinds.values():
            by_division[kind.row.division].append(kind)
            sizes[groups.find(kind.first)] += kind.rows
        areas = _Areas(self, by_division)
        left: dict[tuple, tuple[int, _Row, set[str]]] = {}  # unplaced rows by signature: first, its row, their claims
        coarse: list[tuple[int, int]] = []
        for pos, row in _eligible(self.store, f"AND NOT {_FINE}"):
            groups.add(pos)
            coarse.append((pos, pos))
            target = self._best_cluster(row, areas.kinds_for(row), sizes)
            if target is not None:
                groups.union(target, pos)
                continue
            first, _, claims = left.setdefault(_signature(row), (pos, row, set()))
            groups.union(first, pos)
            claims.add(row.claim_id)
        self.store.record_nodes(coarse)
        unplaced = list(left.values())
        for x, (i, a, claims) in enumerate(unplaced):
            for j, b, others in unplaced[x + 1:]:
                if claims & others or _compatible(a, b):
                    groups.union(i, j)

    def _best_cluster(self, row: _Row, kinds: list[_Kind], sizes: Counter) -> int | None:
        """The cluster a governorate-level row belongs to, of those of ``kinds`` (the fine rows of its area):
        one with its own claim, else with its sentence, else the largest compatible one (the nearest among equals)."""
        groups = self.groups
        mine, said = self.claim_kinds.get(row.claim_id, ()), self.sentence_kinds.get(row.sentence, ())
        # Per cluster: whether it holds the row's claim, its sentence, and its nearest distance.
        found: dict[int, tuple[bool, bool, float]] = {}
        for kind in kinds:
            other = kind.row
            if _compatible(row, other):
                same_claim, same_sentence = kind.first in mine, kind.first in said
            elif kind.first in mine:  # only its rows of the same claim (and so the same sentence) count
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


class _Areas:
    """The fine rows (kinds) a coarse row may join: a division's own, or, for a wide region (which
    spans divisions), those of its country inside its outline and its own claim's there."""

    def __init__(self, grouping: _Grouping, by_division: dict[tuple[str, str], list[_Kind]]):
        self.grouping, self.by_division = grouping, by_division
        self.by_country: dict[str, list[_Kind]] | None = None  # made at the first wide region's row
        self.by_first: dict[int, _Kind] = {}
        self.near: dict[tuple, list[_Kind]] = {}  # by the region row's signature

    def kinds_for(self, row: _Row) -> list[_Kind]:
        if row.precision != "region":
            return self.by_division.get(row.division, [])
        if self.by_country is None:
            self.by_country = defaultdict(list)
            for kind in self.grouping.kinds.values():
                self.by_country[kind.row.division[0]].append(kind)
                self.by_first[kind.first] = kind
        country = row.division[0]
        near = self.near.get(signature := _signature(row))
        if near is None:
            near = self.near[signature] = [k for k in self.by_country.get(country, ()) if in_region(row, k.row)]
        mine = self.grouping.claim_kinds.get(row.claim_id, ())
        if not mine:
            return near
        taken = {k.first for k in near}
        own = [self.by_first[f] for f in sorted(mine) if f not in taken and self.by_first[f].row.division[0] == country]
        return near + own if own else near


def _disagree(a: set[str], b: set[str]) -> bool:
    """Civilians against fighters, or two different named armed groups."""
    civilian, generic = vocab.affiliation_labels(vocab.CIVILIAN), vocab.affiliation_labels(vocab.GENERIC) | {""}
    if bool(civilian & a) != bool(civilian & b):
        return True
    specific_a, specific_b = a - generic - civilian, b - generic - civilian
    return bool(specific_a and specific_b and not specific_a & specific_b)


def _joined(values) -> str:
    return "; ".join(dict.fromkeys(str(v) for v in values if v not in ("", None) and str(v) != "<NA>"))




_RANK = {p: i for i, p in enumerate(PRECISIONS)}
_DATE_RANK = {"day": 0, "week": 1, "month": 2}
# An event's rows in table order; ``first``: the row is its claim's first in the event (the claim's values are its).
_EVENT_ROWS = (
    "SELECT m.event, c.pos, c.place, c.place_id, c.precision, c.country, c.admin1, c.uncertainty_km, c.mention_start, "
    "c.lon, c.lat, f.pos IS NOT NULL, c.striker_country, "
    "c.stance, c.claimant_country, c.claimant_type, c.claimant, CASE WHEN c.stance = 'denies' THEN c.sentence END, "
    "c.target_affiliation, CASE WHEN c.source = '' THEN c.article ELSE c.source END, c.event_date, c.date_precision, "
    "c.casualties_min, c.casualties_max, c.striker, c.target, c.claim_id, c.review_status "
    "FROM membership m JOIN claims c ON c.pos = m.pos LEFT JOIN temp.firsts f ON f.pos = m.pos ORDER BY c.pos")
# The first row of each claim in each event (a narrow sort: a window over the rows whole sorts them whole, twice).
_FIRSTS = ("CREATE TEMP TABLE firsts (pos INTEGER PRIMARY KEY)",
           "INSERT INTO temp.firsts SELECT min(c.pos) FROM membership m JOIN claims c ON c.pos = m.pos "
           "GROUP BY m.event, c.claim_id")


class _Distinct(dict):
    """Values in order of first sight, as ``_joined`` lists them."""

    def see(self, value: str) -> None:
        if value and value != "<NA>":
            self.setdefault(value, None)

    def joined(self) -> str:
        return "; ".join(self)


class _Event:
    """An event made from its rows as they come in table order: nothing but what its fields
    need is kept (its finest place; of its claims, the distinct values and the extremes)."""

    def __init__(self):
        self.finest: tuple | None = None  # (rank, mention, position), then the place's values
        self.places, self.strikers, self.claimants, self.types = _Distinct(), _Distinct(), _Distinct(), _Distinct()
        self.targets, self.affiliations, self.source_keys = _Distinct(), _Distinct(), {}
        self.striker_countries: Counter = Counter()
        self.denials: dict[tuple[str, str], tuple] = {}  # the first denial of each (claimant country, type)
        self.said: dict[str, set[str]] = defaultdict(set)
        self.date: tuple[int, str] | None = None
        self.casualties_min: int | None = None
        self.casualties_max: int | None = None
        self.reviewed: set[str] = set()  # claims with a row a reviewer checked

    def add(self, r: tuple) -> None:
        (_, pos, place, place_id, precision, country, admin1, radius, mention, lon, lat, first, striker_country, stance,
         claimant_country, claimant_type, claimant, sentence, affiliation, source_key, date, date_precision, low, high,
         striker, target, claim_id, review_status) = r
        if review_status not in ("", "unreviewed"):
            self.reviewed.add(claim_id)
        key = (_RANK.get(precision, math.inf), math.inf if mention is None else mention, pos)
        if self.finest is None or key < self.finest[0]:
            self.finest = (key, place, place_id, precision, country, admin1, radius, lon, lat)
        self.places.see(place)
        if not first:
            return
        if striker_country:
            self.striker_countries[striker_country] += 1
        if stance == "denies":
            self.denials.setdefault((claimant_country, claimant_type), (pos, claimant, claimant_country, sentence))
        elif stance == "asserts" and affiliation:
            self.said[claimant].add(affiliation)
        self.source_keys.setdefault(source_key, None)
        if date_precision in _DATE_RANK and (self.date is None or (_DATE_RANK[date_precision], date) < self.date):
            self.date = (_DATE_RANK[date_precision], date)
        if low is not None:
            self.casualties_min = low if self.casualties_min is None else max(self.casualties_min, low)
        if high is not None:
            self.casualties_max = high if self.casualties_max is None else max(self.casualties_max, high)
        for seen, value in ((self.strikers, striker), (self.claimants, claimant), (self.types, claimant_type),
                            (self.targets, target), (self.affiliations, affiliation)):
            seen.see(value)

    def _grade(self, striker_country: str) -> tuple[str, str]:
        """The event's grading and the reason."""
        for (claimant_country, claimant_type), (_, claimant, _, sentence) in sorted(self.denials.items(),
                                                                                 key=lambda d: d[1][0]):
            same_side = striker_country and claimant_country == striker_country
            if same_side or (not striker_country and claimant_type in (vocab.GOVERNMENT, vocab.MILITARY)):
                return "denied", f"{claimant} ({claimant_country or 'striker side'}) denies it: \u201c{sentence}\u201d"
        names = sorted(self.said)
        for i, x in enumerate(names):
            for y in names[i + 1:]:
                if _disagree(self.said[x], self.said[y]):
                    return "contested", f"{x} says {', '.join(sorted(self.said[x]))}; {y} says {', '.join(sorted(self.said[y]))}"
        sources = sorted(self.source_keys)
        if len(sources) > 1:
            return "multiple sources", f"reported by {len(sources)} sources: {', '.join(sources)}"
        return "single source", f"reported only by {sources[0]}"

    def fields(self, rows: list[tuple[str, str]]) -> dict:
        """The event's row of the events table; ``rows``: its (claim id, place id) pairs, sorted."""
        claim_ids = sorted({claim for claim, _ in rows})
        row_keys = [f"{claim}@{place}" for claim, place in rows]
        _, place, place_id, precision, country, admin1, radius, lon, lat = self.finest
        striker_country = self.striker_countries.most_common(1)
        striker_country = striker_country[0][0] if striker_country else ""
        grading, reason = self._grade(striker_country)
        return {
            "event_id": "e" + hashlib.sha1("|".join(row_keys).encode()).hexdigest()[:12],
            "place": place, "place_id": place_id, "precision": precision, "country": country, "admin1": admin1,
            "uncertainty_km": radius, "places": self.places.joined(),
            "event_date": self.date[1] if self.date else "",
            "date_precision": {v: k for k, v in _DATE_RANK.items()}[self.date[0]] if self.date else "unknown",
            "striker": self.strikers.joined(), "striker_country": striker_country,
            "grading": grading, "grading_reason": reason,
            "n_claims": len(claim_ids), "n_sources": len(self.source_keys),
            "claimants": self.claimants.joined(), "claimant_types": self.types.joined(),
            "sources": "; ".join(k for k in self.source_keys if k and k != "<NA>"), "targets": self.targets.joined(),
            "target_affiliations": self.affiliations.joined(),
            "casualties_min": self.casualties_min, "casualties_max": self.casualties_max,
            "review_status": EVENT_REVIEW[0 if not self.reviewed else 2 if len(self.reviewed) == len(claim_ids) else 1],
            "n_reviewed": len(self.reviewed),
            "claim_ids": "; ".join(claim_ids),
            "geometry": shapely.Point(lon, lat),
        }


def group_events(store: ClaimStore) -> gpd.GeoDataFrame:
    """Group the claims in ``store`` into events, and record each row's event there.

    Returns one row per event (:data:`EVENT_COLUMNS`, Point geometry at the finest
    place any of its claims gives, EPSG:4326), sorted by ``event_id``; the store's
    frames then show each claim's ``event_id`` ("" for claims in no event).
    """
    grouping = _Grouping(store)
    event_of_root = grouping.run()
    store.set_membership_of_nodes((node, event_of_root[grouping.groups.find(node)]) for node in grouping.nodes())
    parts = [_Event() for _ in event_of_root]
    for statement in _FIRSTS:
        store.scratch(statement)
    for r in store.query(_EVENT_ROWS):
        parts[r[0]].add(r)
    store.scratch("DROP TABLE temp.firsts")
    # A claim naming several places is a row per place, and its places may fall in
    # different events: an event's id hashes its rows (claim and place), not its claims.
    rows = store.query("SELECT DISTINCT m.event, c.claim_id, coalesce(c.place_id, c.place, '') FROM membership m "
                       "JOIN claims c ON c.pos = m.pos ORDER BY m.event, c.claim_id, 3")
    events = [parts[event].fields([(claim, place) for _, claim, place in group])
              for event, group in groupby(rows, key=lambda r: r[0])]
    store.set_event_ids([e["event_id"] for e in events])
    frame = pd.DataFrame(events, columns=[*EVENT_COLUMNS, "geometry"])
    for col in ("n_claims", "n_sources", "casualties_min", "casualties_max", "n_reviewed"):
        frame[col] = frame[col].astype("Int64")
    frame["uncertainty_km"] = frame["uncertainty_km"].astype("Float64")
    events_gdf = gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326").sort_values("event_id", kind="stable")
    return events_gdf.reset_index(drop=True)


def build_events(table: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Group a claims table held in memory into events (see :func:`group_events`).

    Returns
    -------
    (events, claims)
        ``events`` as :func:`group_events` gives it; ``claims``: the table with
        ``event_id`` filled in ("" for claims in no event).
    """
    store = store_of(table)
    try:
        events = group_events(store)
        event_ids = [event_id for (event_id,) in store.query("SELECT event_id FROM claims ORDER BY pos")]
    finally:
        store.close()
    return events, table.assign(event_id=pd.array(event_ids, dtype="str"))
