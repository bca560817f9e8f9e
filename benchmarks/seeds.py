#!/usr/bin/env python3
"""Time `strikemap run` on the seed articles and print the figures.

    python benchmarks/seeds.py [--repeat N]

Reports: the gazetteer index build (cold, into a fresh cache directory), the
index load (warm), and the wall time of the whole `strikemap run` command on
seeds/ with a warm index cache and no extraction cache (median of N runs, start-up included), plus its peak
memory. Figures only; nothing here asserts a speed.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile

from _measure import timed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
        env = {**os.environ, "STRIKEMAP_CACHE_DIR": cache}
        load = ["-c", "from geo.gazetteer import Gazetteer; Gazetteer.default()"]
        cold, cold_mem = timed(load, env)
        warm, warm_mem = timed(load, env)
        run = ["-m", "geo.cli", "run", "seeds", "--out", out, "--no-cache"]  # every run reads the articles
        walls = [timed(run, env)[0] for _ in range(args.repeat)]
        _, run_mem = timed(run, env)
    print(f"gazetteer index build (cold cache): {cold:.2f} s, peak {cold_mem:.0f} MB")
    print(f"gazetteer load (warm cache):        {warm:.2f} s, peak {warm_mem:.0f} MB")
    print(f"strikemap run seeds/ (warm cache):  median {statistics.median(walls):.2f} s "
          f"(min {min(walls):.2f}, max {max(walls):.2f}, n={len(walls)}), peak {run_mem:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
