"""Derive ``data/vocab/given_names.txt`` and ``data/vocab/surnames.txt`` from US census name lists.

A capitalised pair "given name + surname" ("Tyler Williams", "Victoria Rowell")
is a person, even where the given name is also a town: the geoparser reads the
pair as a name and reports no place in it.

Source: the US Census Bureau's 1990 name frequency files (public domain), as
shipped by the ``names`` package (PyPI, MIT): every given name of
``dist.female.first`` and ``dist.male.first``, and the surnames of
``dist.all.last`` borne by at least 1 in 100,000 people (18,839 names).
Written upper case, one per line, sorted. Rerun (needs ``pip install -e .[data]``)::

    python scripts/build_names.py
"""
from __future__ import annotations

import os
from pathlib import Path

VOCAB = Path(__file__).resolve().parent.parent / "data" / "vocab"
MIN_SURNAME_PERCENT = 0.001  # of the population: rarer surnames are left out


def _names(path: str, min_percent: float = 0.0) -> list[str]:
    """Names of one census file: NAME, percent, cumulative percent, rank per line."""
    out = []
    with open(path, encoding="ascii") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 4 and float(parts[1]) >= min_percent:
                out.append(parts[0])
    return out


def _write(path: Path, names: set[str], about: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# {about}\n# Derived by scripts/build_names.py from the US Census Bureau's 1990 name files; do not edit.\n")
        fh.writelines(f"{n}\n" for n in sorted(names))
    print(f"{len(names)} names -> {path}")


def main() -> None:
    import names

    folder = os.path.dirname(names.__file__)
    given = set(_names(os.path.join(folder, "dist.female.first")) + _names(os.path.join(folder, "dist.male.first")))
    surnames = set(_names(os.path.join(folder, "dist.all.last"), MIN_SURNAME_PERCENT))
    _write(VOCAB / "given_names.txt", given, "Given names (upper case).")
    _write(VOCAB / "surnames.txt", surnames, "Surnames (upper case) borne by at least 1 in 100,000 people.")


if __name__ == "__main__":
    main()
