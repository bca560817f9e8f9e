"""Apply a reviewer's decisions to the claims table, after extraction and before events are grouped.

The table is read back from its store an article at a time; articles no decision names pass
through unchanged, those named are changed in the decisions' order (files in turn, rows in
file order, so a later decision about the same claim wins), and the rows go into a new store.
Events, grading and every count are then made from the corrected table.

What a decision does (see :mod:`geo.corrections.decisions` for the words):

``verify``   the claim (or, with ``place_text``, that place of it) is right: ``verified``
``reject``   the whole claim leaves the public outputs; it stays in the audit file, with why
``change``   new values for the claim (claimant, striker, target, stance, date, casualties ...) and
             for the place named (moved; with no new place, "wrong place" takes the place away):
             ``corrected``. A change that changes nothing is a verification.
``add``      a claim the extractor missed: ``added`` (where the extractor now finds it, the values
             are applied to that claim instead)
``note``     the reviewer's note, kept in ``review_note`` with who and when (any decision may carry one)

Every applied decision and every decision not applied is a row of the audit
(:data:`AUDIT_COLUMNS`); those not applied -- stale (their claim is gone), ambiguous, or
naming a place the gazetteer lacks -- are also in the run report and on the command line.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from ..articles import Article
from ..store import ClaimStore
from ..table import COLUMNS, REVIEW_STATUSES, Row
from .added import find_articles, locate_mention, locate_sentence
from .decisions import ADD, CHANGE, NOTE, REJECT, VERIFY, Book, Decision, Invalid, normal
from .identity import ArticleClaims, Found, Miss, WorkingClaim
from .places import Located, PlaceError, locate

UNREVIEWED, VERIFIED, CORRECTED, ADDED = REVIEW_STATUSES
REJECTED = "rejected"
#: The audit file's columns: the decision, what came of it, the field changed, and the row as it was before
#: (for an added claim, as added; for a rejected claim, all of it: it is kept nowhere else).
AUDIT_COLUMNS = ("file", "line", "decision", "reason", "note", "decided_by", "decided_at", "outcome", "field", "before",
                 "after", *(c for c in COLUMNS if c != "event_id"), "latitude", "longitude")
_PLACE_COLUMNS = ("place", "place_id", "precision", "location_qualifier", "country", "admin1", "uncertainty_km")
#: Columns extraction derives from a field that no rule here can derive again (a canonical place from the
#: mention), where the claims table has them: a reviewer's new value makes them stale, so they are emptied,
#: and readers fall back to the reviewer's value. (A new claimant's one name, ``claimant_actor``, is derived
#: as extraction derives it.)
DERIVED = {"place": ("place_canonical",)}
_CLAIM_FIELDS = ("claimant", "claimant_actor", "claimant_type", "claimant_country", "striker", "striker_country", "stance", "event_type",
                 "target", "target_affiliation", "casualties", "casualties_min", "casualties_max", "event_date",
                 "date_precision")


@dataclass
class Outcome:
    """What came of one decision: ``applied``, or why not (``stale``, ``ambiguous``, ``invalid``)."""

    kind: str
    message: str
    file: str
    line: int
    decision: str
    article: str
    claim_id: str = ""

    @property
    def applied(self) -> bool:
        return self.kind == "applied"

    def record(self) -> dict:
        """For the run report."""
        return {"file": self.file, "line": self.line, "decision": self.decision, "article": self.article,
                "problem": self.kind, "message": self.message}


@dataclass
class Review:
    """A run's corrections: the corrected claims table, what came of each decision, and the audit rows."""

    store: ClaimStore
    book: Book
    outcomes: list[Outcome]
    audit: list[dict]
    rejected: int  # claims rejected

    def not_applied(self) -> list[Outcome]:
        """Decisions not applied, in the files' order."""
        return [o for o in self.outcomes if not o.applied]

    def report(self) -> dict:
        """The run report's ``corrections``: the files, counts, and every decision not applied with why."""
        kinds = Counter(o.kind for o in self.outcomes)
        return {
            "files": self.book.files,
            "decisions": len(self.outcomes),
            "applied": kinds["applied"],
            "stale": kinds["stale"],
            "ambiguous": kinds["ambiguous"],
            "invalid": kinds["invalid"],
            "rows_without_decision": self.book.undecided,
            "not_applied": [o.record() for o in self.not_applied()],
        }


def apply_corrections(store: ClaimStore, book: Book, paths: Iterable[str | Path] = ()) -> Review:
    """The claims table of ``store`` with ``book``'s decisions applied, in a new store (``store`` is left as it is).

    ``paths``: the run's inputs, where the articles of added claims are read again.
    """
    wanted: dict[str, list[tuple[int, Decision]]] = defaultdict(list)
    for i, decision in enumerate(book.decisions):
        wanted[decision.article].append((i, decision))
    texts = find_articles(paths, {d.article for d in book.decisions if d.kind == ADD})
    results: dict[int, tuple[Outcome, list[dict]]] = {}
    out = ClaimStore()
    rejected = 0
    names = ", ".join(f'"{c}"' for c in COLUMNS)
    rows = store.query(f"SELECT {names}, lon, lat FROM claims ORDER BY pos")
    for article, fetched in groupby(rows, key=lambda r: r[2]):  # "article" is the third column
        if article not in wanted:
            out.add((*r[:-2], None if r[-2] is None else (r[-2], r[-1])) for r in fetched)
            continue
        work = _Article(article, list(fetched), texts.get(article))
        rejected += work.apply(wanted.pop(article), results)
        out.add(work.rows())
    for article, decisions in sorted(wanted.items()):  # articles with no claims in this run
        work = _Article(article, [], texts.get(article))
        rejected += work.apply(decisions, results)
        out.add(work.rows())
    out.finish()
    made = [(_invalid(bad), [_audit_row(bad, _invalid(bad), None, "", "", "")]) for bad in book.invalid]
    made += [results[i] for i in range(len(book.decisions))]
    order = {name: i for i, name in enumerate(book.files)}
    made.sort(key=lambda m: (order.get(m[0].file, len(order)), m[0].line))  # as the files list them
    return Review(out, book, [outcome for outcome, _ in made], [row for _, rows_ in made for row in rows_], rejected)


def _invalid(bad: Invalid) -> Outcome:
    return Outcome("invalid", bad.message, bad.file, bad.line, bad.decision, bad.article)


def _row(values: tuple) -> dict:
    row = dict(zip(COLUMNS, values[:-2]))
    row["point"] = None if values[-2] is None else (values[-2], values[-1])
    return row


class _Article:
    """One article's claims while its decisions are applied."""

    def __init__(self, article: str, fetched: list[tuple], text: Article | None):
        self.article, self.text = article, text
        claims: dict[str, WorkingClaim] = {}
        for values in fetched:
            row = _row(values)
            claims.setdefault(row["claim_id"], WorkingClaim(row["claim_id"], [])).rows.append(row)
        self.claims = ArticleClaims(article, list(claims.values()))

    def rows(self) -> Iterator[Row]:
        for claim in self.claims.live():
            for row in claim.rows:
                yield (*(row[c] for c in COLUMNS), row["point"])

    def apply(self, decisions: list[tuple[int, Decision]], results: dict) -> int:
        """Apply ``decisions`` in turn, each result into ``results`` by its number; returns the claims rejected."""
        for i, decision in decisions:
            audit: list[dict] = []
            try:
                outcome = self._apply(decision, audit)
            except PlaceError as exc:
                outcome = Outcome("invalid", str(exc), decision.file, decision.line, decision.label, decision.article)
            if not outcome.applied:
                audit = [_audit_row(decision, outcome, None, "", "", "")]
            results[i] = (outcome, audit)
        return sum(1 for c in self.claims.claims if c.rejected)

    def _apply(self, d: Decision, audit: list[dict]) -> Outcome:
        if d.kind == ADD:
            return self._add(d, audit)
        found = self.claims.find(d)
        if isinstance(found, Miss):
            return Outcome(found.kind, found.message, d.file, d.line, d.label, d.article)
        done = _applied(d, found.claim)
        if d.kind == REJECT:
            found.claim.rejected = d.reason or d.label
            found.claim.rejected_by = d.where
            for row in found.claim.rows:
                audit.append(_audit_row(d, done, row, "review_status", row["review_status"], REJECTED))
            done.message = f"rejected ({found.claim.rejected})"
            return done
        if d.kind == CHANGE:
            message = self._change(d, found, audit, done)
            if message:
                return Outcome("invalid", message, d.file, d.line, d.label, d.article)
        scope = [found.row] if found.row is not None and found.row in found.claim.rows else found.claim.rows
        if d.kind == VERIFY or (d.kind == CHANGE and not audit):  # a change that changes nothing checks the claim
            for row in scope:
                self._status(d, done, row, VERIFIED, audit)
            done.message = "verified" if d.kind == VERIFY else "verified (the claim already says so)"
        if d.note:
            for row in scope:
                before = row["review_note"]
                row["review_note"] = f"{before} | " * bool(before) + f"{d.note} ({d.decided_by}, {d.decided_at})"
                audit.append(_audit_row(d, done, row, "review_note", before, row["review_note"]))
        if d.kind == NOTE:
            done.message = "note kept"
        return done

    # -- changes ---------------------------------------------------------------------------
    def _change(self, d: Decision, found: Found, audit: list[dict], done: Outcome) -> str:
        """Apply a change's values and place; returns why it cannot be applied, or ""."""
        claim, row = found.claim, found.row
        located = [r for r in claim.rows if r["place"]]
        if (d.place is not None or d.label == "wrong place") and row is None:
            if len(claim.rows) > 1:
                return (f"the claim names {len(located)} places ({', '.join(r['place_text'] for r in located)}): "
                        "say which is wrong in place_text")
            row = claim.rows[0]
        if d.label == "wrong place" and d.place is None and not row["place"]:
            return "the claim names no place to take away: give the right place (new_place, or new_lat and new_lon)"
        moved = None
        if d.place is not None:  # found before anything changes: a place the gazetteer lacks changes nothing
            countries = [row["country"], *Counter(r["country"] for c in self.claims.live() for r in c.rows
                                                  if r["country"]).keys()]
            moved = locate(d.place, tuple(countries))
        before = {id(r): dict(r) for r in claim.rows}
        for r in claim.rows:
            _set(r, d.values)
        if moved is not None:
            _move(row, moved)
        elif d.label == "wrong place":
            self._take_place(claim, row, d, done, audit)
        for r in claim.rows:
            changed = [c for c in (*_CLAIM_FIELDS, *_PLACE_COLUMNS, "point") if r.get(c) != before[id(r)].get(c)]
            for name in changed:
                audit.append(_audit_row(d, done, before[id(r)], name, _shown(before[id(r)].get(name)), _shown(r.get(name))))
            if changed:
                self._status(d, done, r, CORRECTED, audit)
        done.message = "changed: " + ", ".join(sorted({a["field"] for a in audit})) if audit else ""
        return ""

    def _take_place(self, claim: WorkingClaim, row: dict, d: Decision, done: Outcome, audit: list[dict]) -> None:
        """"Wrong place" with no better one: the row leaves the claim, or is its last and keeps no place."""
        if len(claim.rows) > 1:
            claim.rows.remove(row)
            audit.append(_audit_row(d, done, row, "place", row["place"], ""))
            for r in claim.rows:
                self._status(d, done, r, CORRECTED, audit)
            return
        row.update({c: "" for c in (*_PLACE_COLUMNS, *DERIVED["place"]) if c in row}, uncertainty_km=None, point=None)

    def _status(self, d: Decision, done: Outcome, row: dict, status: str, audit: list[dict]) -> None:
        """Set a row's review status (an added row stays added; a corrected one is not downgraded by a check)."""
        before = row["review_status"]
        after = before if before == ADDED or (before == CORRECTED and status == VERIFIED) else status
        if after != before:
            audit.append(_audit_row(d, done, row, "review_status", before, after))
        row.update(review_status=after, reviewed_by=d.decided_by, reviewed_at=d.decided_at)

    # -- added claims ----------------------------------------------------------------------
    def _add(self, d: Decision, audit: list[dict]) -> Outcome:
        found = self.claims.find(d, exact_only=True)
        if isinstance(found, Found):  # the extractor finds it now: the reviewer's values are applied to it
            done = _applied(d, found.claim)
            message = self._change(d, found, audit, done) if (d.values or d.place) else ""
            if message:
                return Outcome("invalid", message, d.file, d.line, d.label, d.article)
            if not audit:
                self._status(d, done, found.row or found.claim.rows[0], VERIFIED, audit)
            done.message = "the extractor finds this claim now: the values given are applied to it"
            return done
        if self.text is None:
            return Outcome("stale", f"article {d.article} is not among the articles read: the claim cannot be added",
                           d.file, d.line, d.label, d.article)
        span = locate_sentence(self.text.text, d.sentence, d.sentence_start, d.sentence_end)
        if span is None:
            return Outcome("stale", f"the sentence is not in article {d.article} ({d.describe()})", d.file, d.line,
                           d.label, d.article)
        row = self._new_row(d, span)
        claim = WorkingClaim(row["claim_id"], [row])
        self.claims.claims.append(claim)
        done = _applied(d, claim)
        done.message = "added"
        audit.append(_audit_row(d, done, row, "review_status", "", ADDED))
        return done

    def _new_row(self, d: Decision, span: tuple[int, int]) -> dict:
        from ..claims.model import UNATTRIBUTED

        article, (start, end) = self.text, span
        mention = locate_mention(article.text, span, d.place_text, d.mention_start)
        row = dict.fromkeys(COLUMNS, "")
        row.update(article=article.id, article_title=article.title, article_url=article.url, published=article.published,
                   source=article.source, place_text=d.place_text, uncertainty_km=None, stance="asserts",
                   casualties=None, casualties_min=None, casualties_max=None, date_precision="unknown",
                   sentence=article.text[start:end], sentence_start=start, sentence_end=end,
                   mention_start=mention[0] if mention else None, mention_end=mention[1] if mention else None,
                   review_status=ADDED, reviewed_by=d.decided_by, reviewed_at=d.decided_at, point=None)
        _set(row, {"claimant": UNATTRIBUTED, **d.values})
        if d.note:
            row["review_note"] = f"{d.note} ({d.decided_by}, {d.decided_at})"
        if d.place is not None:
            countries = [r["country"] for c in self.claims.live() for r in c.rows if r["country"]]
            _move(row, locate(d.place, tuple(Counter(countries))))
        key = f"{article.id}|{start}|{end}|{normal(d.place_text)}|{normal(row['claimant'])}"
        row["claim_id"] = "a" + hashlib.sha1(key.encode()).hexdigest()[:12]
        return row


def _applied(d: Decision, claim: WorkingClaim) -> Outcome:
    return Outcome("applied", "", d.file, d.line, d.label, d.article, claim.claim_id)


def _set(row: dict, values: dict[str, object]) -> None:
    """Give a row a decision's new values, with what follows from them where they change it: a new claimant's
    type and country from the actor vocabulary (unless the type is given), a new striker's country from its
    demonym; the conservative casualty figure follows the range (the minimum, else the maximum)."""
    from ..claims.actors import canonical_actor
    from ..claims.model import UNATTRIBUTED, classify, is_narration

    values = dict(values)
    if "claimant" in values:
        name = values["claimant"] = values["claimant"] or UNATTRIBUTED
        if name != row["claimant"]:
            kind, country = classify(name, (0, len(name)), []) if not is_narration(name) else ("", "")
            values.setdefault("claimant_type", kind)
            values["claimant_country"] = country
            values["claimant_actor"] = canonical_actor(name, country)  # the map groups the claim by it
    if "striker" in values and values["striker"] != row["striker"]:
        values["striker_country"] = _striker_country(str(values["striker"]))
    row.update(values)
    if "casualties_min" in values or "casualties_max" in values:
        row["casualties"] = row["casualties_min"] if row["casualties_min"] is not None else row["casualties_max"]


def _move(row: dict, moved: Located) -> None:
    """Put a row at a reviewer's place (its columns derived from the old place emptied)."""
    row.update(moved.columns(), **{c: "" for c in DERIVED["place"] if c in row})
    row["point"] = moved.point


def _striker_country(striker: str) -> str:
    from .. import vocab

    demonyms = vocab.demonyms()
    for word in striker.replace("\u2019", "'").split():
        word = word.removesuffix("'s")
        if word in demonyms:
            return demonyms[word]
    return ""


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):  # a point
        return f"{value[1]:.7f}, {value[0]:.7f}"
    return str(value)


def _audit_row(d: Decision | Invalid, outcome: Outcome, row: dict | None, name: str, before, after) -> dict:
    """One row of the audit: the decision, what came of it, the field changed, and the claim's row as it was."""
    entry = {"file": d.file, "line": d.line, "decision": d.label if isinstance(d, Decision) else d.decision,
             "reason": getattr(d, "reason", ""), "note": getattr(d, "note", ""), "decided_by": getattr(d, "decided_by", ""),
             "decided_at": getattr(d, "decided_at", ""),
             "outcome": outcome.kind if outcome.applied else f"not applied ({outcome.kind}): {outcome.message}",
             "field": name, "before": _shown(before), "after": _shown(after)}
    if row is not None:
        entry.update({c: row.get(c) for c in COLUMNS if c != "event_id"})
        point = row.get("point")
        entry["latitude"], entry["longitude"] = ("", "") if point is None else (f"{point[1]:.7f}", f"{point[0]:.7f}")
    elif isinstance(d, Decision):
        entry.update(article=d.article, sentence=d.sentence, sentence_start=d.sentence_start,
                     sentence_end=d.sentence_end, place_text=d.place_text, mention_start=d.mention_start)
    else:
        entry["article"] = d.article
    return {c: "" if entry.get(c) is None else entry.get(c, "") for c in AUDIT_COLUMNS}
