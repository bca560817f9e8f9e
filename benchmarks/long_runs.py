"""Time to read hostile article shapes at growing sizes: does any cost the square of its length?

    python benchmarks/long_runs.py [--sizes 100000 400000 1600000]

Each shape is one article of the given size in characters: a list of names with
no sentence end, a run-on sentence repeated, a quotation repeated, one token of
hyphen-joined names, capitalised words with no punctuation, and a page of
initials. Each is read as `strikemap run` reads a file (one process, the
gazetteer loaded first); the seconds, claims rows and notes are printed. Time
that grows four-fold when the size doubles is a defect. Figures only; nothing
here asserts a speed.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

SHAPES = {
    "list of names": lambda rnd: "Jets struck " + ", ".join(rnd.choice(["Homs", "Hama", "Idlib", "Rastan"]) for _ in range(10**6)),
    "run-on sentence": lambda rnd: ", ".join(["Russian jets struck Homs and Hama and the Observatory said"] * 50000),
    "quotation": lambda rnd: " ".join(['"Russian jets struck Homs," said'] * 50000),
    "hyphen-joined token": lambda rnd: "Russian jets struck " + "-".join(["Homs"] * 200000),
    "capitals only": lambda rnd: " ".join(rnd.choice(["Homs", "Hama", "Al", "Deir", "Ez", "Zor", "The"]) for _ in range(300000)),
    "initials": lambda rnd: "Russian jets struck Homs. " + "A. B. " * 200000,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 400_000, 1_600_000])
    args = ap.parse_args()
    from geo.pipeline import _tools, process_file

    _tools()  # the gazetteer is loaded before timing
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in SHAPES.items():
            body = make(random.Random(1))
            for size in args.sizes:
                path = Path(tmp) / "article.txt"
                path.write_text("Title: x\n\n" + (body * (1 + size // len(body)))[:size], encoding="utf-8")
                t0 = time.perf_counter()
                result = process_file(path)
                took = time.perf_counter() - t0
                print(f"{name:20} {size / 1000:6.0f} KB  {took:6.2f} s  {len(result.rows):6} rows  "
                      f"{len(result.notes)} note(s) {len(result.problems)} problem(s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
