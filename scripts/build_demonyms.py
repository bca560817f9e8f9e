"""Derive ``data/vocab/demonyms_countries.csv``: one demonym per country, from ``countryinfo``.

The curated ``data/vocab/demonyms.csv`` wins where both have a word; this file
fills in the countries it lacks. A demonym shared by two countries ("Dominican",
"Congolese") says nothing about which one is meant and is left out, as are
entries that are no demonyms (a country's own name, "Serbian/Montenegrin").

Source: ``countryinfo`` (PyPI, code MIT), whose ``demonym`` fields come from
public country data. Rerun (needs ``pip install -e .[data]``)::

    python scripts/build_demonyms.py
"""
from __future__ import annotations

import csv
import glob
import json
import os
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "vocab" / "demonyms_countries.csv"


def main() -> None:
    import countryinfo

    by_word: dict[str, set[str]] = defaultdict(set)
    for path in sorted(glob.glob(os.path.join(os.path.dirname(countryinfo.__file__), "data", "*.json"))):
        with open(path, encoding="utf-8") as fh:
            country = json.load(fh)
        iso2 = (country.get("ISO") or {}).get("alpha2", "")
        for word in (country.get("demonym") or "").split(","):
            word = word.strip()
            if iso2 and word and "/" not in word and word != country.get("name"):
                by_word[word].add(iso2)
    rows = sorted((word, codes.pop()) for word, codes in by_word.items() if len(codes) == 1)
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write("# Derived by scripts/build_demonyms.py from countryinfo; edit demonyms.csv instead.\n")
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["demonym", "country"])
        writer.writerows(rows)
    print(f"{len(rows)} demonyms -> {OUT}")


if __name__ == "__main__":
    main()
