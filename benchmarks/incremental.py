#!/usr/bin/env python3
"""An archive that grows: a full run on 10,000 articles, 100 added, the run again.

    python benchmarks/incremental.py [--articles 10000] [--added 100] [--strike-share 0.2 1] [--jobs N] [--repeat N]

For each strike share, a synthetic corpus of articles + added files is written
(benchmarks/make_corpus.py, deterministic by seed; kept in --corpora between
runs), and `strikemap run` is timed, start-up and every output included:

1. the first ``--articles`` files with the extraction cache off (a full run);
2. the same with the cache on and empty (what filling it costs);
3. after ``--added`` files are added, with the cache on (the incremental run);
4. all the files with the cache off (the full run the incremental one must equal):
   every output of 3 and 4 is compared byte for byte (cmp);

and, in this process, where a run whose files all come from the cache spends
its time (start-up, the cache, events, each output).

The cache lives in a folder of the benchmark's own (with links to the compiled
gazetteer index in the usual cache folder): the user's cache is not touched.
Figures only; nothing here asserts a speed.
"""
from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _measure import ROOT, measured, own_cache
from make_corpus import write as write_corpus

# The checkout's own code, in this process too (the stage breakdown): not an installed strikemap, whose
# fingerprint would not match the cache the timed runs filled, nor its code the one timed.
sys.path.insert(0, str(ROOT))


def corpus(root: Path, size: int, seed: int, strike_share: float) -> Path:
    folder = root / (f"corpus-{size}-seed{seed}" + (f"-share{strike_share:g}" if strike_share < 1 else ""))
    marker = folder / ".complete"
    if not marker.exists():
        write_corpus(folder, size, seed, strike_share)
        marker.write_text("ok")
    return folder


def archive(source: Path, target: Path, first: int) -> tuple[Path, list[Path]]:
    """``target`` holding links to the first ``first`` files of ``source``; the rest, to add later."""
    files = sorted(source.rglob("*.txt"))
    shutil.rmtree(target, ignore_errors=True)
    for path in files[:first]:
        link = target / path.relative_to(source)
        link.parent.mkdir(parents=True, exist_ok=True)
        os.link(path, link)
    return target, files[first:]


def strikemap_run(folder: Path, out: Path, env: dict[str, str], jobs: int, cache: bool) -> float:
    args = ["-m", "geo.cli", "run", str(folder), "--out", str(out), "--jobs", str(jobs), "--quiet"]
    return measured(args + ([] if cache else ["--no-cache"]), env).wall


def breakdown(folder: Path, out: Path, env: dict[str, str]) -> dict[str, float]:
    """Where a run whose files all come from the cache spends its time, stage by stage, one core:
    start-up (the imports of a `strikemap run` process), the cache, events, each output."""
    start_up = measured(["-c", "import geo.cli, geo.pipeline, geo.output.webmap, geo.output.gis, geo.output.geojson"],
                        env).wall
    os.environ["STRIKEMAP_CACHE_DIR"] = env["STRIKEMAP_CACHE_DIR"]
    from geo import pipeline, vocab
    from geo.cache import ExtractionCache
    from geo.events import group_events
    from geo.summary import summarise

    times = {"start-up": start_up}
    t = time.perf_counter()
    with ExtractionCache() as cache:
        store, articles, *_ = pipeline.extract([folder], jobs=1, cache=cache)
    times["claims from the cache"] = time.perf_counter() - t
    t = time.perf_counter()
    intercepted = store.split_off(f"event_type = '{vocab.INTERCEPTION}'")  # as a run does, before grouping
    events = group_events(store)
    found = summarise(store, events, articles, interceptions=intercepted)
    times["grouping events"] = time.perf_counter() - t
    for name, writer in pipeline._writers(store, events, out, "title", "subtitle", {}, False, found,
                                          intercepted).items():
        t = time.perf_counter()
        writer()
        times[f"writing {name}"] = time.perf_counter() - t
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--added", type=int, default=100)
    ap.add_argument("--strike-share", type=float, nargs="+", default=[0.2, 1.0])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=1, help="times each run is repeated; the fastest counts (a shared machine)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpora", type=Path, default=Path(tempfile.gettempdir()) / "strikemap-corpora")
    args = ap.parse_args()
    total = args.articles + args.added
    for share in args.strike_share:
        source = corpus(args.corpora, total, args.seed, share)
        print(f"== {args.articles:,} articles, then {args.added} added; strike share {share:g}; --jobs {args.jobs}; "
              f"fastest of {args.repeat}")
        with tempfile.TemporaryDirectory(prefix="strikemap-incremental-") as tmp:
            work = Path(tmp)
            best: dict[str, float] = {}
            for _ in range(args.repeat):
                for step, seconds in steps(source, work, args).items():
                    best[step] = min(best.get(step, seconds), seconds)
            full, filled, again, everything = (best[k] for k in ("full", "filled", "again", "everything"))
            line = "  {:<42}{:6.1f} s{}".format
            print(line(f"full run of {args.articles:,}, no cache:", full, f" = {args.articles / full:,.0f} articles/s"))
            print(line(f"full run of {args.articles:,}, filling the cache:", filled, f" ({filled / full - 1:+.1%})"))
            print(line(f"{args.added} added, the rest from the cache:", again, ""))
            print(line(f"full run of all {total:,}, no cache:", everything, ""))
            print(f"  incremental / full: {again / everything:.1%}")
            outputs = sorted(p.name for p in (work / "everything").iterdir())
            same = [name for name in outputs if filecmp.cmp(work / "incremental" / name, work / "everything" / name,
                                                            shallow=False)]
            differ = sorted(set(outputs) - set(same))
            print(f"  outputs identical to the full run's (cmp): {len(same)} of {len(outputs)}"
                  + (f"; DIFFERENT: {', '.join(differ)}" if differ else f" ({', '.join(outputs)})"))
            stages = breakdown(work / "archive", work / "breakdown", {**os.environ, "STRIKEMAP_CACHE_DIR": str(work / "cache")})
            print("  a run from the cache, stage by stage (1 core, s): "
                  + " | ".join(f"{name} {seconds:.2f}" for name, seconds in stages.items()))
    return 0


def steps(source: Path, work: Path, args) -> dict[str, float]:
    """One pass: full run, filling run, files added, incremental run, full run of all; seconds each."""
    env = own_cache(work / "cache")
    folder, added = archive(source, work / "archive", args.articles)
    times = {"full": strikemap_run(folder, work / "full", env, args.jobs, cache=False),
             "filled": strikemap_run(folder, work / "filled", env, args.jobs, cache=True)}
    for path in added:
        link = folder / path.relative_to(source)
        link.parent.mkdir(parents=True, exist_ok=True)
        os.link(path, link)
    times["again"] = strikemap_run(folder, work / "incremental", env, args.jobs, cache=True)
    times["everything"] = strikemap_run(folder, work / "everything", env, args.jobs, cache=False)
    return times


if __name__ == "__main__":
    sys.exit(main())
