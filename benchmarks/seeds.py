#!/usr/bin/env python3
"""Time `strikemap run` on the seed articles and print the figures.

    python benchmarks/seeds.py [--repeat N]

Reports: the gazetteer index build (cold, into a fresh cache directory), the
index load (warm), and the wall time of the whole `strikemap run` command on
seeds/ with a warm cache (median of N runs, start-up included), plus its peak
memory. Figures only; nothing here asserts a speed.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# Runs ``-c CODE`` or ``-m MODULE ARGS`` in the child and writes the child's own
# peak RSS (KB) to a file on exit, so each measured process reports only itself.
_WRAPPER = (
    "import atexit, resource, runpy, sys\n"
    "out = sys.argv.pop(1)\n"
    "atexit.register(lambda: open(out, 'w').write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))\n"
    "mode, target = sys.argv[1], sys.argv[2]\n"
    "sys.argv = [target] + sys.argv[3:]\n"
    "exec(target) if mode == '-c' else runpy.run_module(target, run_name='__main__', alter_sys=True)\n"
)


def _timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one Python child: ``args`` is ["-c", code] or ["-m", module, ...]."""
    with tempfile.NamedTemporaryFile(suffix=".rss") as rss:
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", _WRAPPER, rss.name, *args], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        peak_kb = float(Path(rss.name).read_text() or 0)
    if proc.returncode not in (0,):
        raise SystemExit(f"command failed ({proc.returncode}): {args}")
    return wall, peak_kb / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
        env = {**os.environ, "STRIKEMAP_CACHE_DIR": cache}
        load = ["-c", "from geo.gazetteer import Gazetteer; Gazetteer.default()"]
        cold, cold_mem = _timed(load, env)
        warm, warm_mem = _timed(load, env)
        run = ["-m", "geo.cli", "run", "seeds", "--out", out]
        walls = [_timed(run, env)[0] for _ in range(args.repeat)]
        _, run_mem = _timed(run, env)
    print(f"gazetteer index build (cold cache): {cold:.2f} s, peak {cold_mem:.0f} MB")
    print(f"gazetteer load (warm cache):        {warm:.2f} s, peak {warm_mem:.0f} MB")
    print(f"strikemap run seeds/ (warm cache):  median {statistics.median(walls):.2f} s "
          f"(min {min(walls):.2f}, max {max(walls):.2f}, n={len(walls)}), peak {run_mem:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
