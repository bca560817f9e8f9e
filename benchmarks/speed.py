#!/usr/bin/env python3
"""The two per-core speed figures the project tracks with every change to the per-article path.

    python benchmarks/speed.py [--articles DIR] [--size 10000] [--strike-share 0.3] [--repeat 3] [--code DIR ...]

- ``strikemap geoparse`` on the GeoWebNews texts x20 (4,000 articles of real 2019 news,
  ``../shared/benchmarks/GWN.xml``), one core, start-up included: articles/s.
- ``strikemap run --jobs 1`` on a realistic mix of 10,000 articles (start-up, every output and
  the map included): real news (GeoWebNews, and the articles ``benchmarks/realnews/write_articles.py``
  wrote into ``--articles`` when given) cycled to fill ``1 - strike-share`` of it, and synthetic
  strike reports (``benchmarks/make_corpus.py``, seed 1) for the rest: articles/s.

``--code DIR`` times other checkouts of strikemap (e.g. ``git worktree add /tmp/base main``) with
the same corpora, interleaved with this one, so a busy machine affects all alike; each figure
is the best of ``--repeat`` runs. Figures only; nothing asserted.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _measure import ROOT
from make_corpus import write as write_corpus
from realnews import write_gwn


def mix(folder: Path, real: list[Path], size: int, share: float) -> None:
    """``size`` articles: real news cycled to fill ``1 - share`` of them, synthetic strike reports the rest."""
    strikes = round(size * share)
    write_corpus(folder / "strikes", strikes, 1, 1.0)
    out = folder / "news"
    out.mkdir()
    for k in range(size - strikes):
        source = real[k % len(real)]
        (out / f"{k:05d}_{source.name}").write_bytes(source.read_bytes())


def best(cmd: list[str], code: Path, env: dict[str, str], repeat: int) -> float:
    walls = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(["taskset", "-c", "0", *cmd], cwd=code, env={**env, "PYTHONPATH": str(code)},
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - t0)
    return min(walls)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=Path, help="real-news articles written by benchmarks/realnews/write_articles.py")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--strike-share", type=float, default=0.3)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--code", type=Path, action="append", default=[], help="another checkout to time beside this one")
    args = ap.parse_args()
    codes = [ROOT, *args.code]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write_gwn(args.shared / "benchmarks" / "GWN.xml", tmp / "gwn")
        gwn20 = tmp / "gwn20"
        gwn20.mkdir()
        for k in range(20):
            for p in sorted((tmp / "gwn").glob("*.txt")):
                shutil.copyfile(p, gwn20 / f"{k:02d}_{p.name}")
        real = sorted((tmp / "gwn").glob("*.txt")) + (sorted(args.articles.glob("*.txt")) if args.articles else [])
        mix(tmp / "mix", real, args.size, args.strike_share)
        print(f"mix: {args.size} articles, {args.strike_share:.0%} synthetic strike reports, the rest {len(real)} real articles cycled")
        for code in codes:  # warm each checkout's gazetteer cache first
            subprocess.run([sys.executable, "-m", "geo.cli", "geocode", "Damascus"], cwd=code, stdout=subprocess.DEVNULL,
                           env={**os.environ, "PYTHONPATH": str(code)})
        for code in codes:
            geoparse = best([sys.executable, "-m", "geo.cli", "geoparse", str(gwn20), "--json"], code, dict(os.environ), args.repeat)
            # --no-cache: every repeat reads every article, as a first run does (a later one reuses the cache).
            run = best([sys.executable, "-m", "geo.cli", "run", str(tmp / "mix"), "--out", str(tmp / "out"), "--jobs", "1",
                        "--quiet", "--no-cache"], code, dict(os.environ), args.repeat)
            print(f"{str(code):>24}: geoparse GWN x20 {4000 / geoparse:6.0f} articles/s ({geoparse:.1f} s) | "
                  f"run --jobs 1 on the mix {args.size / run:6.0f} articles/s ({run:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
