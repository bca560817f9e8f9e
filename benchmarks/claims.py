#!/usr/bin/env python3
"""Claim extraction scored against gold files: the seed articles and the corpora here.

    python benchmarks/claims.py [--shared ../shared] [--out DIR] [FOLDER ...]

Runs ``strikemap run`` on ``seeds/`` (gold: ``../shared/gold/seeds.json``) and on each
folder of ``benchmarks/claims_corpus/`` (gold: the folder's ``gold.json``), or on the
folders given, and prints ``../shared/tools/score_claims.py``'s summary for each:
recall, precision, claimant accuracy, negatives mapped. Figures only.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from _measure import ROOT


def score(folder: Path, gold: Path, scorer: Path, out: Path) -> str:
    run = subprocess.run([sys.executable, "-m", "geo.cli", "run", str(folder), "--out", str(out), "--jobs", "1", "--quiet"],
                         cwd=ROOT, capture_output=True, text=True)
    if not (out / "strikes.geojson").exists():
        return f"strikemap run failed ({run.returncode}): {run.stderr.strip()[-300:]}"
    scored = subprocess.run([sys.executable, str(scorer), str(gold), str(out / "strikes.geojson")],
                            capture_output=True, text=True)
    return (scored.stdout.strip().splitlines() or [scored.stderr.strip()])[-1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="*", type=Path, help="folders of articles with a gold.json each")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    scorer = args.shared / "tools" / "score_claims.py"
    if not scorer.exists():
        print(f"score_claims.py not found at {scorer} (use --shared)")
        return 1
    jobs = [(ROOT / "seeds", args.shared / "gold" / "seeds.json")]
    folders = args.folders or sorted((p for p in (ROOT / "benchmarks" / "claims_corpus").iterdir() if p.is_dir()),
                                     key=lambda p: (len(p.name), p.name))  # set2 before set10
    jobs += [(folder, folder / "gold.json") for folder in folders]
    with tempfile.TemporaryDirectory() as tmp:
        for k, (folder, gold) in enumerate(jobs):
            print(f"{folder.name:>8}: {score(folder, gold, scorer, Path(tmp) / str(k))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
