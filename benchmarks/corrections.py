#!/usr/bin/env python3
"""What a reviewer's corrections cost: applying them, and writing the review sheet, at corpus sizes.

    python benchmarks/corrections.py [--sizes 1000 10000] [--decisions 0.1] [--seed 1] [--corpora DIR]

For each size, a synthetic corpus (benchmarks/make_corpus.py, deterministic by seed; kept in
--corpora between runs) is extracted once, in this process, on one core. Then, with a share of the
claims-table rows decided (``--decisions``: 0.1 is one row in ten; a mix of verify, change of
claimant, move to a point, reject, note, add, and one in ten stale), it times:

- copying the claims table into a new store with no decision (the floor: apply reads and rewrites it);
- reading the corrections file; applying it (finding each claim, changing it, the audit);
- grouping events from the corrected table (for scale: a run does this anyway);
- writing the review sheet (the likely wrong first);

and reports each step's wall time, the decisions applied per second and the peak memory Python
allocated in the step (tracemalloc, measured in a second pass so the times are untraced).
Figures only; nothing here asserts a speed.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from make_corpus import write as write_corpus

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WHO = {"decided_by": "Benchmark", "decided_at": "2024-05-31"}


def decisions(store, share: float, seed: int) -> list[dict]:
    """Decisions about a share of the table's rows (picked by seed), named as the review sheet names them."""
    from geo.table import COLUMNS

    rng = random.Random(seed)
    names = ", ".join(f'"{c}"' for c in COLUMNS)
    rows = [dict(zip(COLUMNS, r)) for r in store.query(f"SELECT {names} FROM claims ORDER BY pos")]
    chosen = sorted(rng.sample(range(len(rows)), max(1, int(len(rows) * share))))
    kinds = ["verify"] * 4 + ["claimant", "point", "reject", "note", "add", "stale"]
    made = []
    for i in chosen:
        row, kind = rows[i], rng.choice(kinds)
        about = {"article": row["article"], "sentence": row["sentence"], "place_text": row["place_text"], **WHO}
        made.append({
            "verify": {**about, "decision": "verify"},
            "claimant": {**about, "decision": "wrong claimant", "new_claimant": "Syrian Civil Defence"},
            "point": {**about, "decision": "wrong place", "new_lat": "35.1", "new_lon": "36.7"},
            "reject": {**about, "decision": "not a strike"},
            "note": {**about, "decision": "note", "note": "checked against the agency's own feed"},
            "add": {**about, "place_text": "", "decision": "add", "new_claimant": "A reviewer's source"},
            "stale": {**about, "sentence": row["sentence"][::-1], "decision": "verify"},
        }[kind])
    return made


def write_decisions(path: Path, rows: list[dict]) -> Path:
    from geo.corrections import CORRECTION_COLUMNS
    from geo.corrections.decisions import write_csv

    with open(path, "w", encoding="utf-8", newline="") as out:
        write_csv(rows, CORRECTION_COLUMNS, out)
    return path


def step(run) -> tuple[float, float]:
    """Wall seconds of ``run()`` (untraced), then its peak Python allocation in MB (a traced second call)."""
    t0 = time.perf_counter()
    result = run()
    wall = time.perf_counter() - t0
    _close(result)
    tracemalloc.start()
    _close(run())
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return wall, peak


def _close(result) -> None:
    store = getattr(result, "store", result)
    if hasattr(store, "close"):
        store.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--decisions", type=float, default=0.1, help="share of the table's rows decided (default 0.1)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpora", type=Path, default=None, help="keep the corpora here between runs")
    args = ap.parse_args()

    from geo.corrections import apply_corrections, read_books
    from geo.corrections.sheet import write_sheet
    from geo.events import group_events
    from geo.pipeline import extract
    from geo.store import ClaimStore
    from geo.table import COLUMNS

    def copied(store):
        names = ", ".join(f'"{c}"' for c in COLUMNS)
        out = ClaimStore()
        out.add((*r[:-2], None if r[-2] is None else (r[-2], r[-1]))
                for r in store.query(f"SELECT {names}, lon, lat FROM claims ORDER BY pos"))
        out.finish()
        return out

    with tempfile.TemporaryDirectory() as scratch:
        corpora = args.corpora or Path(scratch)
        for size in args.sizes:
            corpus = corpora / f"corpus-{size}-seed{args.seed}"
            if not corpus.exists():
                write_corpus(corpus, size, args.seed)
            t0 = time.perf_counter()
            store, articles, _, _ = extract([corpus], jobs=1)
            extraction = time.perf_counter() - t0
            made = decisions(store, args.decisions, args.seed)
            path = write_decisions(Path(scratch) / f"decisions-{size}.csv", made)
            book = read_books([path])
            review = apply_corrections(store, book, [corpus])
            applied = sum(o.applied for o in review.outcomes)
            print(f"{articles:,} articles, {len(store):,} rows; {len(made):,} decisions ({applied:,} applied, "
                  f"{len(review.not_applied()):,} not); extraction {extraction:.1f} s")
            figures = {
                "copy the table (the floor)": step(lambda store=store: copied(store)),
                "read the corrections file": step(lambda path=path: read_books([path])),
                "apply the decisions": step(lambda store=store, book=book, corpus=corpus: apply_corrections(store, book, [corpus])),
                "group events (for scale)": step(lambda review=review: group_events(copied(review.store))),
                "write the review sheet": step(lambda review=review: write_sheet(review.store, group_events(review.store),
                                                                                  Path(scratch) / "sheet.csv")),
            }
            for name, (wall, peak) in figures.items():
                print(f"  {name:30} {wall:7.2f} s   peak {peak:7.1f} MB allocated")
            wall = figures["apply the decisions"][0]
            print(f"  {len(made) / wall:,.0f} decisions/s; applying costs {wall / extraction:.1%} of the extraction")
            review.store.close()
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
