#!/usr/bin/env python3
"""Geoparsing accuracy and speed, printed as figures (nothing here asserts them).

    python benchmarks/geoparse.py [--articles 4000] [--repeat 3] [--shared ../shared] [--skip-accuracy]

1. Accuracy: runs ``../shared/tools/score_geoparse.py`` on GeoWebNews
   (``../shared/benchmarks/GWN.xml``, read in place, never copied into the
   project): recognition P/R/F1, acc@161 km, median error, AUC.
2. Throughput: writes a corpus of N articles (the GeoWebNews texts, repeated)
   to a temporary folder and times ``strikemap geoparse DIR --json`` end to end
   on one core (start-up included), beside the ``geotext`` library (regex plus
   lookup, no disambiguation) run over the same files in one process. The
   repeated texts let what strikemap remembers between articles (readings of
   names, runs of words) pay off fully, so it is also timed on N distinct
   articles (synthetic strike reports from ``make_corpus.py``), where every
   article brings new names and contexts.
3. The gazetteer's warm load time and each process's own peak memory.

Each timing is repeated (``--repeat``) and printed as the median with the
range, since one run on a shared machine varies by a few percent. The package's
bytecode is compiled first, as ``pip install`` does, so start-up is what an
installed strikemap pays even where ``PYTHONDONTWRITEBYTECODE`` is set.
"""
from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from _measure import ROOT, timed

GEOTEXT_RUN = """
import sys, pathlib
from geotext import GeoText
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.txt")):
    GeoText(path.read_text(encoding="utf-8"))
"""


def write_corpus(gwn: Path, folder: Path, n: int) -> tuple[int, float]:
    """N article files made of the corpus texts in turn; returns (files, mean KB)."""
    texts = [a.findtext("text") or "" for a in ET.parse(gwn).getroot().findall("article")]
    total = 0
    for i in range(n):
        text = texts[i % len(texts)]
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return n, total / n / 1024


class Seconds(list):
    """Wall times of repeated runs, printed as the median and the range."""

    @property
    def median(self) -> float:
        return statistics.median(self) if self else float("nan")

    def rate(self, n: int) -> str:
        """Items per second at the median, with the range."""
        if not self:
            return "n/a"
        return f"{n / self.median:,.0f} ({n / max(self):,.0f}-{n / min(self):,.0f})"

    def __str__(self) -> str:
        if not self:
            return "n/a"
        return f"{self.median:.2f} s (median of {len(self)}: {min(self):.2f}-{max(self):.2f})"


def repeated(args: list[str], env: dict[str, str], times: int, one_core: bool = False) -> tuple[Seconds, float]:
    """Wall seconds of ``times`` runs and the largest peak memory (MB) among them."""
    walls, peak = Seconds(), 0.0
    for _ in range(times):
        wall, mb = timed(args, env, one_core=one_core)
        walls.append(wall)
        peak = max(peak, mb)
    return walls, peak


def race(folder: Path, env: dict[str, str], times: int) -> tuple[Seconds, float, Seconds, float]:
    """strikemap geoparse and geotext over ``folder``, run in turn so both meet the same machine load."""
    ours, theirs, ours_mb, theirs_mb = Seconds(), Seconds(), 0.0, 0.0
    for _ in range(times):
        wall, mb = timed(["-m", "geo.cli", "geoparse", str(folder), "--json"], env, one_core=True)
        ours.append(wall)
        ours_mb = max(ours_mb, mb)
        try:
            wall, mb = timed(["-c", GEOTEXT_RUN, str(folder)], env, one_core=True)
        except SystemExit:  # geotext not installed: strikemap's figures still print
            continue
        theirs.append(wall)
        theirs_mb = max(theirs_mb, mb)
    return ours, ours_mb, theirs, theirs_mb


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=4000)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing; the median is printed")
    ap.add_argument("--skip-accuracy", action="store_true")
    args = ap.parse_args()
    gwn = args.shared / "benchmarks" / "GWN.xml"
    if not gwn.exists():
        print(f"GeoWebNews not found at {gwn} (use --shared)")
        return 1
    env = dict(os.environ)
    compileall.compile_dir(ROOT / "geo", quiet=1)

    if not args.skip_accuracy:
        scorer = args.shared / "tools" / "score_geoparse.py"
        out = subprocess.run([sys.executable, str(scorer), str(gwn)], capture_output=True, text=True, cwd=ROOT, env=env)
        print("GeoWebNews:", (out.stdout.strip().splitlines() or [out.stderr.strip()])[-1])

    load = ["-c", "from geo.gazetteer import Gazetteer; Gazetteer.default()"]
    timed(load, env)  # make sure the compiled index is cached
    load_s, load_mb = repeated(load, env, args.repeat)
    print(f"gazetteer load (warm cache): {load_s}, peak {load_mb:.0f} MB")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        n, kb = write_corpus(gwn, folder, args.articles)
        ours, ours_mb, theirs, theirs_mb = race(folder, env, args.repeat)
    print(f"corpus: {n} articles, mean {kb:.1f} KB")
    print(f"strikemap geoparse (1 core, start-up included): {ours}, {ours.rate(n)} articles/s, "
          f"{n * kb / 1024 / ours.median:.1f} MB/s, peak {ours_mb:.0f} MB")
    print(f"geotext (same files, 1 core): {theirs}, {theirs.rate(n)} articles/s, peak {theirs_mb:.0f} MB")
    print(f"ratio geotext/strikemap: {ours.median / theirs.median:.1f}x")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(folder), "--articles", str(args.articles),
                        "--seed", "7"], check=True, capture_output=True, env=env, cwd=ROOT)
        files = sorted(folder.rglob("*.txt"))
        kb = sum(f.stat().st_size for f in files) / len(files) / 1024
        distinct, distinct_mb, theirs, _ = race(folder, env, args.repeat)
    print(f"distinct synthetic articles: {len(files)}, mean {kb:.1f} KB (make_corpus.py --seed 7)")
    print(f"strikemap geoparse (1 core, start-up included): {distinct}, {distinct.rate(len(files))} articles/s, "
          f"peak {distinct_mb:.0f} MB; geotext {theirs}, {theirs.rate(len(files))} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
