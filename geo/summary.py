"""One account of what a run found, from which every count a reader sees is taken.

The command line, ``run-report.json``, the map's header, legend, layer list and
panels, the static map's alt text and the screen-reader description all read
their numbers from one :class:`Summary`, so they cannot disagree. Each claim is
counted once, by the best place it names:

``at_point``
    at least one town or site: drawn as a point;
``as_area``
    else a region, district or governorate: drawn as an area;
``country_only``
    else only a whole country: listed beside the map, not drawn;
``no_place``
    no place at all: listed beside the map.

Layer groups (claimant, target affiliation, and any grouping the claims table
gains, such as an event type) count the claims on the map per value, so each
group's counts add up to ``on_map``.

Where a reviewer's corrections were applied (:mod:`geo.corrections`), ``review``
counts the claims by review status -- a claim counts as its most reviewed row:
added, else corrected, else verified -- and the claims rejected; the map header
says it in words (:meth:`Summary.review_words`).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .store import ClaimStore
from .table import COLUMNS, REVIEW_STATUSES

#: The precisions drawn as points; every other precision below a country is drawn as an area.
POINT_PRECISIONS = ("site", "locality")
#: Places that stand for a whole country (or more): not drawn, they would cover the map.
COUNTRY_PRECISIONS = ("country", "macroregion")
#: The rows the map draws: located below the country level.
DRAWN = f"lon IS NOT NULL AND precision NOT IN {COUNTRY_PRECISIONS!r}"


@dataclass(frozen=True)
class Grouping:
    """A way to split the claims into map layers: by the first of ``columns`` the claims table has.

    Several columns stand for one grouping where a canonical field may come beside
    the field as written (``claimant_actor`` before ``claimant``): a claim whose
    canonical value is empty takes the next column's.
    """

    title: str
    columns: tuple[str, ...]
    empty: str = "not stated"  # what a claim with no value is listed as
    show: bool = False  # on when the map opens
    limit: int = 0  # layers at most (the rest share one, ``other``); 0 for no limit
    other: str = ""

    def expression(self, columns=COLUMNS) -> str | None:
        """The SQL giving a row's value, or ``None`` when the table has none of the columns."""
        present = [c for c in self.columns if c in columns]
        if not present:
            return None
        if len(present) == 1:
            return f'"{present[0]}"'
        return "coalesce(" + ", ".join(f"nullif(\"{c}\", '')" for c in present) + ", '')"


#: The map's claim layer groups, in the layer list's order. A grouping whose columns the
#: claims table lacks is left out, so a new field (an event type) needs only a line here.
GROUPINGS = (
    Grouping("Claimant", ("claimant_actor", "claimant"), empty="unattributed", show=True, limit=12,
             other="Other claimants"),
    Grouping("Target affiliation", ("target_affiliation",)),
    Grouping("Event type", ("event_type",), empty="type not stated"),
)


def groupings(columns=COLUMNS) -> list[tuple[Grouping, str]]:
    """The groupings the claims table can give, with the SQL of each row's value."""
    return [(g, expr) for g in GROUPINGS if (expr := g.expression(columns)) is not None]


@dataclass
class Summary:
    """What a run found (see the module docstring): the counts and the words for them."""

    articles: int
    claims: int
    at_point: int
    as_area: int
    country_only: int
    no_place: int
    events: int
    rows: int
    places: int  # distinct places drawn on the map
    dated_points: int  # claims at a town or site with a date (the time slider's)
    gradings: dict[str, int] = field(default_factory=dict)
    groups: dict[str, dict[str, int]] = field(default_factory=dict)  # grouping title -> value -> claims on the map
    interceptions: int = 0  # air defences' claims, kept apart: no strikes on the places they name
    review: dict[str, int] | None = None  # claims by review status and "rejected" (of the whole run); None: no review
    reviewed_only: bool = False  # these counts are of the reviewed claims alone (a map drawn with --verified-only)

    @property
    def on_map(self) -> int:
        return self.at_point + self.as_area

    @property
    def not_on_map(self) -> int:
        return self.country_only + self.no_place

    def words(self) -> str:
        """The counts as a reader reads them: "34 claims: 8 on the map at a town or site, 4 as areas, 22 ..."."""
        words = (f"{_n(self.claims, 'claim')}: {self.at_point} on the map at a town or site, {self.as_area} as areas, "
                 f"{self.not_on_map} with no place or only a country")
        return words + (f"; and {_n(self.interceptions, 'interception')} (weapons shot down: not mapped as strikes)"
                        if self.interceptions else "")

    def source_words(self) -> str:
        """Where the claims come from and how they group: "from 5 articles; 3 events"."""
        return f"from {_n(self.articles, 'article')}; {_n(self.events, 'event')}"

    def not_on_map_words(self) -> str:
        return f"{self.no_place} name no place, {self.country_only} only a whole country"

    def review_words(self) -> str:
        """How much of the run a reviewer checked: "9 of 34 claims reviewed (6 verified, 2 corrected, 1 added);
        2 rejected"; "" when no corrections were applied."""
        if self.review is None:
            return ""
        r = self.review
        total = sum(r.get(status, 0) for status in REVIEW_STATUSES)
        reviewed = total - r.get(REVIEW_STATUSES[0], 0)
        kinds = ", ".join(f"{r[s]} {s}" for s in REVIEW_STATUSES[1:] if r.get(s))
        text = f"{reviewed} of {_n(total, 'claim')} reviewed" + (f" ({kinds})" if kinds else "")
        if r.get("rejected"):
            text += f"; {r['rejected']} rejected"
        return ("only reviewed claims shown: " if self.reviewed_only else "") + text

    def as_dict(self) -> dict:
        """The counts for ``run-report.json`` (JSON types; sorted, so the same run gives the same report)."""
        return {
            "articles": self.articles, "claims": self.claims, "on_map": self.on_map, "at_point": self.at_point,
            "as_area": self.as_area, "not_on_map": self.not_on_map, "country_only": self.country_only,
            "no_place": self.no_place, "events": self.events, "places": self.places, "rows": self.rows,
            "interceptions": self.interceptions,
            "dated_points": self.dated_points, "gradings": dict(sorted(self.gradings.items())),
            "groups": {title: dict(sorted(values.items())) for title, values in self.groups.items()},
            "in_words": f"{self.words()}; {self.source_words()}",
            **({"review": {**self.review, "in_words": self.review_words()}} if self.review is not None else {}),
        }


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def review_counts(stores: list[ClaimStore], rejected: int = 0) -> dict[str, int]:
    """Claims of ``stores`` (the strikes, the interceptions) by review status, each by its most reviewed row, and
    ``rejected``: the claims a reviewer took out."""
    rank = " ".join(f"WHEN '{status}' THEN {i}" for i, status in enumerate(REVIEW_STATUSES))
    best = Counter(REVIEW_STATUSES[n or 0] for store in stores for (n,) in store.query(
        f"SELECT max(CASE review_status {rank} ELSE 0 END) FROM claims GROUP BY claim_id"))
    return {**{status: best[status] for status in REVIEW_STATUSES}, "rejected": rejected}


def summarise(store: ClaimStore, events=None, articles: int | None = None, interceptions: ClaimStore | None = None,
              review: dict[str, int] | None = None, reviewed_only: bool = False) -> Summary:
    """Count what ``store`` holds (and ``events``, the grouped incidents; ``interceptions``, the claims kept
    apart); ``articles`` read, else those with claims.

    ``review``: the run's :func:`review_counts` where corrections were applied; ``reviewed_only``: ``store``
    holds only the reviewed claims (the map of ``--verified-only``).
    """
    points = ", ".join(repr(p) for p in POINT_PRECISIONS)
    chosen = groupings()
    # One pass in table order. A claim's rows are all in its article (its id hashes the article), and an
    # article's rows come together: what is counted by claim is counted an article at a time.
    rows = store.query(f"SELECT claim_id, article, precision IN ({points}) AND lon IS NOT NULL, {DRAWN}, lon IS NOT NULL, "
                       f"place_id, event_date != '' AND precision IN ({points}), "
                       + "".join(f"{expr}, " for _, expr in chosen) + "1 FROM claims ORDER BY pos")
    kinds: Counter = Counter()
    places: set[str] = set()
    dated = n_articles = 0
    counts: list[Counter] = [Counter() for _ in chosen]
    article, best, dated_here, grouped = None, {}, set(), [set() for _ in chosen]

    def counted() -> None:
        nonlocal dated
        kinds.update(("point" if p else "area" if a else "country" if c else "none") for p, a, c in best.values())
        dated += len(dated_here)
        for count, pairs in zip(counts, grouped):
            count.update(value for value, _ in pairs)

    for claim, here, point, drawn, located, place, dated_point, *values in rows:
        if here != article:
            counted()
            article, best, dated_here, grouped = here, {}, set(), [set() for _ in chosen]
            n_articles += 1
        was = best.get(claim)
        best[claim] = (point, drawn, located) if was is None else (was[0] or point, was[1] or drawn, was[2] or located)
        if drawn:
            places.add(place)
            if dated_point:
                dated_here.add(claim)
            for pairs, value in zip(grouped, values):
                pairs.add((value, claim))
    counted()
    n_places = len(places)
    if articles is None:
        articles = n_articles
    groups = {}
    for (grouping, _), count in zip(chosen, counts):
        groups[grouping.title] = {value or grouping.empty: count[value] for value in sorted(count)}
    gradings = dict(Counter(events["grading"])) if events is not None and len(events) else {}
    return Summary(
        articles=articles, claims=sum(kinds.values()), at_point=kinds["point"], as_area=kinds["area"],
        country_only=kinds["country"], no_place=kinds["none"], events=0 if events is None else len(events),
        rows=len(store), places=n_places, dated_points=dated, gradings=gradings, groups=groups,
        interceptions=interceptions.one("SELECT count(DISTINCT claim_id) FROM claims")[0] if interceptions is not None else 0,
        review=review, reviewed_only=reviewed_only,
    )
