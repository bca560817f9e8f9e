"""A reviewer's corrections: decisions kept as data, applied to every run after extraction.

The workflow: ``strikemap review`` writes a review sheet (one row per claim and place, with its
evidence and empty decision columns, the claims most likely wrong first); the reviewer fills in
the decisions, in a spreadsheet or with the review map's buttons (``strikemap run --review``,
which downloads the same CSV); ``strikemap run --corrections FILE`` applies them.

:mod:`~geo.corrections.decisions`  the corrections file: its columns, decision words, checks
:mod:`~geo.corrections.identity`   a decision's claim, found by what a person sees
:mod:`~geo.corrections.places`     where a reviewer puts a claim: gazetteer id, name or point
:mod:`~geo.corrections.added`      claims a reviewer adds: their article and sentence
:mod:`~geo.corrections.apply`      the decisions applied to the claims table; the audit
:mod:`~geo.corrections.sheet`      the review sheet, the claims most likely wrong first

Decisions find their claims by article, sentence and place as written -- never by the claim id,
which a rule change may hand to another claim -- so they outlive changes of rules; a decision whose
claim is gone is reported (run report, command line, audit file), never applied elsewhere.
"""
from __future__ import annotations

from pathlib import Path

from ..store import ClaimStore
from ..table import COLUMNS
from .apply import AUDIT_COLUMNS, Review, apply_corrections
from .decisions import CORRECTION_COLUMNS, Book, CorrectionsError, read_books

__all__ = ["AUDIT_COLUMNS", "CORRECTION_COLUMNS", "Book", "CorrectionsError", "Review", "apply_corrections",
           "read_books", "reviewed_store", "write_audit"]

AUDIT_FILE = "review-audit.csv"


def write_audit(review: Review, path: str | Path) -> Path:
    """The audit file: every decision, applied or not, each change with its before and after, rejected claims whole."""
    from ..output.atomic import atomic_path
    from .decisions import write_csv

    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as out:
        write_csv(review.audit, AUDIT_COLUMNS, out)
    return Path(path)


def reviewed_store(store: ClaimStore) -> ClaimStore:
    """A store of the rows a reviewer verified, corrected or added (for a map of reviewed claims only)."""
    names = ", ".join(f'"{c}"' for c in COLUMNS)
    rows = store.query(f"SELECT {names}, lon, lat FROM claims WHERE review_status NOT IN ('', 'unreviewed') ORDER BY pos")
    reviewed = ClaimStore()
    reviewed.add((*r[:-2], None if r[-2] is None else (r[-2], r[-1])) for r in rows)
    reviewed.finish(sort=False)
    return reviewed
