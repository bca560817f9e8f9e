#!/usr/bin/env python3
"""Instructions an article costs, counted by valgrind: a per-article figure no busy machine blurs.

    python benchmarks/instructions.py [--articles DIR] [--sample 300] [--reports 100] [--code DIR ...]

Wall and CPU times on a shared machine move by 10 % from run to run, more than a rule or an
optimisation changes them. Valgrind's ``callgrind`` counts the instructions a process executes,
which is the same from run to run. For this checkout and each ``--code`` checkout, it counts
``strikemap run --jobs 1 --no-cache`` on two corpora, each whole and its first half:

- ``--sample`` real-news articles (every k-th file of ``--articles``, as
  ``benchmarks/realnews/write_articles.py`` wrote them);
- ``--reports`` synthetic strike reports (``benchmarks/make_corpus.py``, seed 1);

and prints the instructions an article adds: (whole - half) / (articles in the other half). Start-up,
the gazetteer and the outputs' own set-up cost the same for both runs, and drop out. Under
valgrind a run is about 50 times slower: the defaults take several minutes per checkout.
Needs valgrind (Debian package ``valgrind``). Figures only; nothing asserted.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _measure import ROOT
from make_corpus import write as write_corpus

_COLLECTED_RE = re.compile(r"Collected\s*:\s*(\d+)")


def compile_package(code: Path) -> None:
    """Write the checkout's bytecode before counting: the first run would otherwise compile the package and the
    second not, and the difference between them would count the compiler (PYTHONDONTWRITEBYTECODE may be set)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "geo")], env=env, check=True, capture_output=True)


def instructions(code: Path, folder: Path, out: Path) -> int:
    """Instructions ``strikemap run`` executes on ``folder`` with the checkout ``code``."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-m", "geo.cli",
                           "run", str(folder), "--out", str(out), "--jobs", "1", "--no-cache", "--quiet"],
                          cwd=code, env=env, capture_output=True, text=True)
    found = _COLLECTED_RE.search(proc.stderr)
    if proc.returncode != 0 or found is None:
        raise SystemExit(f"valgrind run failed in {code} ({proc.returncode}): {proc.stderr.strip()[-300:]}")
    return int(found.group(1))


def corpora(tmp: Path, articles: Path | None, sample: int, reports: int) -> dict[str, tuple[Path, Path, int]]:
    """The corpora counted, by name: (its first half, the whole, the articles in its second half)."""
    out = {}
    if articles is not None:
        files = sorted(p for p in articles.iterdir() if p.suffix == ".txt")
        chosen = files[::max(1, len(files) // sample)][:sample]
        out["real news"] = _halves(tmp / "real", chosen)
    synthetic = sorted(write_corpus(tmp / "reports-all", reports, seed=1, strike_share=1.0).rglob("*.txt"))
    out["strike reports"] = _halves(tmp / "reports", synthetic)
    return out


def _halves(folder: Path, files: list[Path]) -> tuple[Path, Path, int]:
    half, whole = folder / "half", folder / "whole"
    for k, p in enumerate(files):
        for target in ((half, whole) if k < len(files) // 2 else (whole,)):
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy(p, target / f"{k:05d}_{p.name}")
    return half, whole, len(files) - len(files) // 2


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=Path, help="real-news articles written by benchmarks/realnews/write_articles.py")
    ap.add_argument("--sample", type=int, default=300)
    ap.add_argument("--reports", type=int, default=100)
    ap.add_argument("--code", type=Path, action="append", default=[], help="another checkout to count beside this one")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind not found (apt-get install valgrind)")
        return 1
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folders = corpora(tmp, args.articles, args.sample, args.reports)
        for code in [ROOT, *args.code]:
            compile_package(code)
            parts = []
            for name, (half, whole, added) in folders.items():
                extra = instructions(code, whole, tmp / "out") - instructions(code, half, tmp / "out")
                parts.append(f"{name} {extra / added / 1e6:.1f} M instructions an article (the {added} of the second half)")
            print(f"{str(code):>24}: " + " | ".join(parts), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
