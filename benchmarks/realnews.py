#!/usr/bin/env python3
"""Claims on real news, where most articles are about something else: false claims and recall.

    python benchmarks/realnews.py [--articles DIR] [--shared ../shared] [--only GWN,WAR] [--show] [--jobs N]

Runs ``strikemap run`` on the articles of each corpus and scores the claims against the
attack sentences a reader marked in them (``benchmarks/realnews/gold/*.json``: for each
article, the offsets of its attack sentences, and of borderline ones, in the article's text
after its header block; no text is stored here). Corpora (sources, commits and licences in
``benchmarks/realnews/README.md``):

- GWN: GeoWebNews (``../shared/benchmarks/GWN.xml``, read in place; 200 articles of 2019 news);
- LGL, TRN, GEOVIRUS, BBC, REUTERS, WAR: written into ``--articles`` by
  ``benchmarks/realnews/write_articles.py`` from public repositories (the texts are never
  copied into the project).

A claim is true when its sentence overlaps an attack sentence, neutral when it overlaps only a
borderline one, false otherwise. Figures per corpus and in all: claims, false claims, those
in articles with no attack sentence ("quiet") per 100 such articles, precision (true / (true + false)),
recall (attack sentences some claim's sentence overlaps). Figures only; nothing asserted.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from _measure import ROOT

GOLD_DIR = ROOT / "benchmarks" / "realnews" / "gold"


def write_gwn(xml: Path, out: Path) -> None:
    """GeoWebNews articles as GWN_<nnn>.txt: a header block, then the corpus text exactly."""
    out.mkdir(parents=True, exist_ok=True)
    for art in ET.parse(xml).getroot().iter("article"):
        header = f"Title: {art.findtext('title') or ''}\nURL: {art.findtext('link') or ''}\n\n"
        (out / f"GWN_{int(art.get('file')):03d}.txt").write_text(header + (art.findtext("text") or ""), encoding="utf-8")


def header_length(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    at = text.find("\n\n")
    return at + 2 if at >= 0 else 0


def run(folder: Path, out: Path, jobs: int) -> list[dict]:
    proc = subprocess.run([sys.executable, "-m", "geo.cli", "run", str(folder), "--out", str(out), "--jobs", str(jobs),
                           "--quiet"], cwd=ROOT, capture_output=True, text=True)
    if not (out / "strikes.geojson").exists():
        raise SystemExit(f"strikemap run failed ({proc.returncode}): {proc.stderr[-500:]}")
    claims: dict[str, dict] = {}
    for feature in json.loads((out / "strikes.geojson").read_text(encoding="utf-8"))["features"]:
        p = feature["properties"]
        claims.setdefault(p["claim_id"], p)
    return list(claims.values())


def overlaps(a: tuple[int, int], spans: list[list[int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def score(corpus: str, folder: Path, gold: dict, claims: list[dict], show: bool) -> dict:
    files = sorted(folder.glob(f"{corpus}_*.txt"))
    shift = {p.stem: header_length(p) for p in files}
    found = {"articles": len(files), "claims": 0, "true": 0, "false": 0, "false_quiet": 0, "neutral": 0, "attack": 0,
             "recalled": 0}
    found["quiet"] = sum(1 for p in files if not gold.get(p.stem, {}).get("attack"))
    hit: dict[str, set[int]] = defaultdict(set)
    for c in claims:
        art = c["article"]
        if art not in shift:
            continue
        found["claims"] += 1
        span = (c["sentence_start"] - shift[art], c["sentence_end"] - shift[art])
        entry = gold.get(art, {})
        attack = entry.get("attack", [])
        matched = [i for i, (s, e) in enumerate(attack) if span[0] < e and s < span[1]]
        if matched:
            found["true"] += 1
            hit[art].update(matched)
        elif overlaps(span, entry.get("borderline", [])):
            found["neutral"] += 1
        else:
            found["false"] += 1
            found["false_quiet"] += not attack
            if show:
                print(f"  false  {art}: [{c['claimant']}] {c['place'] or '-'} | {' '.join(c['sentence'].split())[:150]}")
    for art, entry in gold.items():
        if art not in shift:
            continue
        found["attack"] += len(entry.get("attack", []))
        found["recalled"] += len(hit[art])
        if show:
            text = (folder / f"{art}.txt").read_text(encoding="utf-8")[shift[art]:]
            for i, (s, e) in enumerate(entry.get("attack", [])):
                if i not in hit[art]:
                    print(f"  missed {art}: {' '.join(text[s:e].split())[:150]}")
    return found


def line(name: str, f: dict) -> str:
    per100 = 100 * f["false_quiet"] / max(1, f["quiet"])
    precision = f["true"] / (f["true"] + f["false"]) if f["true"] + f["false"] else 1.0
    recall = f["recalled"] / f["attack"] if f["attack"] else 1.0
    return (f"{name:>9}: {f['articles']:5} articles ({f['quiet']:5} with no attack) | claims {f['claims']:5} "
            f"false {f['false']:4} ({f['false_quiet']:4} in quiet articles: {per100:5.2f} per 100) neutral {f['neutral']:4} | "
            f"precision {precision:.2f} | recall {recall:.2f} ({f['recalled']}/{f['attack']})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=Path, help="folder that write_articles.py filled (LGL, TRN, GEOVIRUS, BBC, REUTERS, WAR)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of gold files (default: the development gold)")
    ap.add_argument("--only", help="comma-separated corpora")
    ap.add_argument("--show", action="store_true", help="list the false claims and the missed attack sentences")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    wanted = set(args.only.upper().split(",")) if args.only else None
    total: dict[str, int] = defaultdict(int)
    with tempfile.TemporaryDirectory() as tmp:
        sources: list[tuple[str, Path]] = []
        gwn = args.shared / "benchmarks" / "GWN.xml"
        if gwn.exists() and (wanted is None or "GWN" in wanted):
            write_gwn(gwn, Path(tmp) / "gwn")
            sources.append(("GWN", Path(tmp) / "gwn"))
        if args.articles:
            corpora = sorted({p.name.split("_", 1)[0] for p in args.articles.glob("*_*.txt")})
            sources += [(c, args.articles) for c in corpora if wanted is None or c in wanted]
        claims_by_folder: dict[Path, list[dict]] = {}
        for corpus, folder in sources:
            if folder not in claims_by_folder:
                claims_by_folder[folder] = run(folder, Path(tmp) / f"out-{len(claims_by_folder)}", args.jobs)
            gold_file = args.gold / f"{corpus.lower()}.json"
            gold = json.loads(gold_file.read_text(encoding="utf-8"))["articles"] if gold_file.exists() else {}
            found = score(corpus, folder, gold, claims_by_folder[folder], args.show)
            print(line(corpus, found))
            for k, v in found.items():
                total[k] += v
    if len(sources) > 1:
        print(line("all", total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
