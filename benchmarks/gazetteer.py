#!/usr/bin/env python3
"""Gazetteer quality, printed as figures (nothing asserted): resolution with countries and
first-level divisions apart from everything else, and false namesakes.

    python benchmarks/gazetteer.py [--shared ../shared] [--corpus XML:PREFIX ...] [--code DIR ...]

1. For each corpus (GeoWebNews, ``../shared/benchmarks/GWN.xml``, by default; LGL and TR-News
   with ``--corpus PATH/lgl.xml:LGL --corpus PATH/TR-News.xml:TRN``, of which only the
   development split is read: articles whose ``sha1(id)`` starts with 5-f, as
   ``/work/realnews`` splits them), ``strikemap geoparse --json`` is run once and scored as
   ``../shared/tools/score_geoparse.py`` scores it (recognition P/R/F1, acc@161 km), and
   acc@161 is also given apart for gold mentions of a country or a first-level division
   and for all others: a country's point is a convention (GeoNames' or the Factbook's), a
   town's is resolution.
   A gold mention is a country or division when its GeoNames feature code says so (LGL,
   TR-News), when its GeoNames id is one of ``data/countries.csv``'s or ``data/admin1.csv``'s
   (GeoWebNews), or, with no id, when its name is a country's or division's and its point
   lies within that area's radius of it.
2. False namesakes: places predicted where the gold has no toponym, or more than 161 km from
   the gold's, whose name is not one of the place's own names (a consonant-skeleton match)
   or is a group's or person's name (``data/vocab/not_place_names.csv``); their count, and
   the first of them.
3. What ``strikemap geocode`` answers for the names the issue lists.

``--code DIR`` scores another checkout (e.g. ``/work/base``) with the same corpora.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from _measure import ROOT

sys.path.insert(0, str(ROOT))

GEOCODE_NAMES = ["Hamas", "Hezbollah", "Erdogan", "Donbas", "Darfur", "Qandil", "Kristina", "Holopaw", "Prisi",
                 "Akuressa", "Foua", "Tamarasheni"]
AREA_CODES = ("PCL", "ADM1", "TERR")
MISSES: list[str] | None = None  # --misses: the far misses among other mentions


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _num(el, path):
    text = el.findtext(path)
    try:
        return float(text) if text and text.strip() else None
    except ValueError:
        return None


def load(path: Path, prefix: str) -> list[tuple[str, str, list[dict]]]:
    """(doc id, text, gold toponyms) of a corpus; LGL/TR-News: the development split only."""
    docs = []
    for i, art in enumerate(ET.parse(path).getroot().findall("article")):
        if prefix:
            width = 8 if prefix == "LGL" else 7
            doc = f"{prefix}_{int(art.get('docid').strip()):0{width}d}"
            if hashlib.sha1(doc.encode()).hexdigest()[0] in "01234":
                continue  # held out
        else:
            doc = art.get("file") or art.get("docid") or str(i)
        gold = []
        for t in art.find("toponyms") if art.find("toponyms") is not None else []:
            start, end = t.findtext("start"), t.findtext("end")
            if start is None or end is None:
                continue
            tag = t.find("gaztag")
            gold.append({"start": int(start), "end": int(end),
                         "lat": _num(t, "latitude") if tag is None else _num(tag, "lat"),
                         "lon": _num(t, "longitude") if tag is None else _num(tag, "lon"),
                         "id": (t.findtext("geonamesID") or "").strip() if tag is None else tag.get("geonameid", ""),
                         "fcode": "" if tag is None else (tag.findtext("fcode") or ""),
                         "name": t.findtext("extractedName") or t.findtext("phrase") or ""})
        docs.append((doc, art.findtext("text") or "", gold))
    return docs


class Areas:
    """Countries and first-level divisions: their GeoNames ids, names, points and radii."""

    def __init__(self):
        from geo.gazetteer import name_key
        from geo.gazetteer.areas import area_km2
        from geo.resources import data_file

        self.name_key = name_key
        self.ids, self.by_name = set(), {}
        for file in ("countries.csv", "admin1.csv"):
            with open(data_file(file), encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(line for line in fh if not line.startswith("#")):
                    self.ids.add(row["place_id"].split(":")[1])
                    radius = math.sqrt((area_km2(row["place_id"]) or 1000.0) / math.pi)
                    for name in {row["name"], *filter(None, row.get("alternate_names", "").split("|"))}:
                        self.by_name.setdefault(name_key(name), []).append((float(row["lat"]), float(row["lon"]), radius))

    def is_area(self, g: dict) -> bool:
        if g["fcode"]:
            return g["fcode"].startswith(AREA_CODES)
        if g["id"]:
            return g["id"] in self.ids
        if g["lat"] is None:
            return False
        return any(km(g["lat"], g["lon"], lat, lon) <= max(radius, 50.0)
                   for lat, lon, radius in self.by_name.get(self.name_key(g["name"]), ()))


def geoparse(code: Path, folder: Path) -> dict[str, list[dict]]:
    proc = subprocess.run([sys.executable, "-m", "geo.cli", "geoparse", str(folder), "--json"], cwd=code,
                          env={**os.environ, "PYTHONPATH": str(code)}, capture_output=True, text=True)
    if proc.returncode not in (0, 2):
        raise SystemExit(proc.stderr[-2000:])
    predicted: dict[str, list[dict]] = {}
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            r = json.loads(line)
            predicted.setdefault(Path(r["file"]).stem, []).append(r)
    return predicted


def score(docs, predicted, areas: Areas, gazetteer) -> dict:
    from geo.gazetteer import name_key
    from geo.gazetteer.gazetteer import not_place_names

    n_pred = pred_ok = n_gold = matched = 0
    errors = {"area": [], "other": []}
    namesakes = []
    never = not_place_names()
    for doc, text, gold in docs:
        preds = predicted.get(doc, [])
        n_pred += len(preds)
        for p in preds:
            over = [g for g in gold if p["start"] < g["end"] and p["end"] > g["start"]]
            pred_ok += bool(over)
            if p.get("lat") is None or not p.get("literal", True):  # demonyms and adjectives name no namesake
                continue
            far = not over or all(g["lat"] is None or km(g["lat"], g["lon"], p["lat"], p["lon"]) >= 161 for g in over)
            if far:
                key = name_key(gazetteer.parse_query(p["text"]).name)
                own = {gazetteer.index.columns["place_id"][r] for r in gazetteer.index.rows_by_name(key)}
                if p["place_id"].split("#")[0] not in own or key in never:
                    namesakes.append(f"{doc}: {p['text']!r} -> {p['name']} ({p['country']})")
        used = set()
        for g in gold:
            if g["lat"] is None:
                continue
            n_gold += 1
            for j, p in enumerate(preds):
                if j in used or not (p["start"] < g["end"] and p["end"] > g["start"]):
                    continue
                used.add(j)
                matched += 1
                error = 20039.0 if p.get("lat") is None else km(g["lat"], g["lon"], p["lat"], p["lon"])
                kind = "area" if areas.is_area(g) else "other"
                errors[kind].append(error)
                if kind == "other" and error >= 161 and MISSES is not None:
                    MISSES.append(f"{doc}: {text[g['start']:g['end']]!r} -> {p.get('name')} ({p.get('country')}) {error:.0f} km")
                break
    precision = pred_ok / n_pred if n_pred else 0.0
    recall = matched / n_gold if n_gold else 0.0
    every = errors["area"] + errors["other"]
    acc = {k: (sum(e < 161 for e in v) / len(v) if v else 0.0, len(v)) for k, v in (("all", every), *errors.items())}
    return {"docs": len(docs), "P": precision, "R": recall, "F1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "acc": acc, "namesakes": namesakes}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--corpus", action="append", default=[], metavar="XML[:PREFIX]",
                    help="another corpus; PREFIX LGL or TRN reads its development split only")
    ap.add_argument("--code", type=Path, action="append", default=[], help="another checkout to score beside this one")
    ap.add_argument("--show", type=int, default=12, help="false namesakes listed per corpus")
    ap.add_argument("--misses", action="store_true", help="list the far misses among mentions that are no country or division")
    args = ap.parse_args()
    global MISSES
    MISSES = [] if args.misses else None
    from geo.gazetteer import Gazetteer

    gazetteer, areas = Gazetteer.default(), Areas()
    corpora = [(args.shared / "benchmarks" / "GWN.xml", "")]
    corpora += [(Path(c.rsplit(":", 1)[0]), c.rsplit(":", 1)[1] if ":" in c else "") for c in args.corpus]
    for path, prefix in corpora:
        docs = load(path, prefix)
        with tempfile.TemporaryDirectory() as tmp:
            for doc, text, _ in docs:
                Path(tmp, f"{doc}.txt").write_text(text, encoding="utf-8", newline="")
            for code in [ROOT, *args.code]:
                s = score(docs, geoparse(code, Path(tmp)), areas, gazetteer)
                a = s["acc"]
                print(f"{path.name} ({s['docs']} docs) {code}: P {s['P']:.3f} R {s['R']:.3f} F1 {s['F1']:.3f} | acc@161 "
                      f"{a['all'][0]:.3f} ({a['all'][1]}) | countries and divisions {a['area'][0]:.3f} ({a['area'][1]}) | "
                      f"other mentions {a['other'][0]:.3f} ({a['other'][1]}) | false namesakes {len(s['namesakes'])}")
                for line in s["namesakes"][:args.show]:
                    print("    " + line)
                if MISSES:
                    print("\n".join("    miss " + m for m in MISSES))
                    MISSES.clear()
    print("geocode (no context):")
    for name in GEOCODE_NAMES:
        res = gazetteer.resolve(name)
        answer = f"{res.place.name} ({res.place.precision}, {res.place.country})" if res.place else f"unknown: {res.reason}"
        print(f"    {name:12} {answer}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
