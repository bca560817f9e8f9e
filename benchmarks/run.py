#!/usr/bin/env python3
"""Throughput, stage times and memory of `strikemap run`, at several corpus sizes.

    python benchmarks/run.py [--sizes 1000 10000 100000] [--seed 1] [--corpora DIR] [--strike-share 1]

For each size, a synthetic corpus (benchmarks/make_corpus.py, deterministic by
seed; kept in --corpora between runs; ``--strike-share 0.2`` for a feed where
four articles in five are about other things) is processed:

- in this process, one core, stage by stage: reading, screening (texts with no
  strike or casualty word are not geoparsed), geoparsing, claim extraction,
  claims table, events, GeoJSON export, map rendering;
- end to end as `strikemap run` (start-up included) with --jobs 1 and with all
  cores, reporting articles/s, MB/s, the process's own peak memory and its
  largest worker's.

Figures only; nothing here asserts a speed.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from _measure import measured, own_cache, timed
from make_corpus import write as write_corpus


def corpus(root: Path, size: int, seed: int, strike_share: float = 1.0) -> tuple[Path, float]:
    folder = root / (f"corpus-{size}-seed{seed}" + (f"-share{strike_share:g}" if strike_share < 1 else ""))
    marker = folder / ".complete"
    if not marker.exists():
        write_corpus(folder, size, seed, strike_share)
        marker.write_text("ok")
    megabytes = sum(p.stat().st_size for p in folder.rglob("*.txt")) / 2**20
    return folder, megabytes


def stages(folder: Path, out: Path) -> dict[str, float]:
    """Seconds spent in each stage, one core, in this process."""
    from geo.articles import Problem, article_paths, read_path
    from geo.claims.extract import ClaimExtractor
    from geo.doc import make_doc
    from geo.events import build_events
    from geo.geoparser import Geoparser
    from geo.output.geojson import write_geojson
    from geo.output.webmap import write_map
    from geo.table import claims_table

    t: dict[str, float] = dict.fromkeys(("read", "screen", "geoparse", "claims", "table", "events", "geojson", "map"), 0.0)
    parser, extractor = Geoparser(), ClaimExtractor()
    claims = []
    for path in article_paths([folder]):
        start = time.perf_counter()
        items = [] if isinstance(path, Problem) else list(read_path(path))
        t["read"] += time.perf_counter() - start
        for article in items:
            if isinstance(article, Problem):
                continue
            start = time.perf_counter()
            wanted = extractor.may_claim(article.text)
            t["screen"] += time.perf_counter() - start
            if not wanted:
                continue
            start = time.perf_counter()
            doc = parser(make_doc(article.text, article))
            t["geoparse"] += time.perf_counter() - start
            start = time.perf_counter()
            claims.extend(extractor(doc).claims)
            t["claims"] += time.perf_counter() - start
    for name, step in (("table", lambda: claims_table(claims)),):
        start = time.perf_counter()
        table = step()
        t[name] += time.perf_counter() - start
    start = time.perf_counter()
    events, table = build_events(table)
    t["events"] = time.perf_counter() - start
    start = time.perf_counter()
    write_geojson(table, out / "strikes.geojson")
    write_geojson(events, out / "events.geojson", layer="events")
    t["geojson"] = time.perf_counter() - start
    start = time.perf_counter()
    write_map(table, out / "strikes.html", events=events)
    t["map"] = time.perf_counter() - start
    t["claims_found"] = float(table["claim_id"].nunique())
    t["html_mb"] = (out / "strikes.html").stat().st_size / 2**20
    return t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpora", type=Path, default=Path(tempfile.gettempdir()) / "strikemap-corpora")
    ap.add_argument("--skip-stages", action="store_true", help="only the end-to-end runs")
    ap.add_argument("--strike-share", type=float, default=1.0, help="share of strike articles in the corpora (default 1: all)")
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    env = dict(os.environ)
    timed(["-c", "from geo.gazetteer import Gazetteer; Gazetteer.default()"], env)  # warm the index cache
    for size in args.sizes:
        folder, mb = corpus(args.corpora, size, args.seed, args.strike_share)
        print(f"== {size} articles, {mb:.1f} MB" + (f", strike share {args.strike_share:g}" if args.strike_share < 1 else ""))
        with tempfile.TemporaryDirectory() as tmp:
            if not args.skip_stages:
                t = stages(folder, Path(tmp))
                core = t["read"] + t["screen"] + t["geoparse"] + t["claims"] + t["table"]
                print(f"  stages (1 core, s): read {t['read']:.2f} | screen {t['screen']:.2f} | geoparse {t['geoparse']:.2f} | claims {t['claims']:.2f} | "
                      f"table {t['table']:.2f} | events {t['events']:.2f} | geojson {t['geojson']:.2f} | map {t['map']:.2f}")
                print(f"  read+screen+geoparse+claims+table: {size / core:,.0f} articles/s per core; "
                      f"{t['claims_found']:,.0f} claims; map {t['html_mb']:.1f} MB rendered in {t['map']:.1f} s")
            for jobs in sorted({1, cores}):
                # Each run starts with an empty extraction cache (of its own): a first run over the archive.
                m = measured(["-m", "geo.cli", "run", str(folder), "--out", str(Path(tmp) / f"out{jobs}"),
                              "--jobs", str(jobs), "--quiet"], own_cache(Path(tmp) / f"cache{jobs}"))
                workers = f", largest worker {m.child_peak_mb:.0f} MB" if m.child_peak_mb else ""
                print(f"  strikemap run --jobs {jobs}: {m.wall:.1f} s = {size / m.wall:,.0f} articles/s, {mb / m.wall:.2f} MB/s, "
                      f"peak {m.peak_mb:.0f} MB{workers}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
