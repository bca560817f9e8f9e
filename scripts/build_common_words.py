"""Derive ``data/vocab/common_words.txt``: everyday English words ("human", "border", "star").

A capitalised everyday word standing alone ("Border Patrol", "Star paid") is
rarely the village of that name; the geoparser takes it for a place only when
the place is big or the text says it is one ("in Hope", "Hope, Arkansas").

A word is listed when Webster's Second International dictionary (public
domain, through the ``english-words`` package, MIT) writes it in lower case,
so it is no proper name there, and it is common in today's English (a Zipf
frequency of at least 4, about once per 100,000 words, by the ``wordfreq``
package, code Apache-2.0, data CC BY-SA 4.0). Rerun (needs ``pip install -e .[data]``)::

    python scripts/build_common_words.py
"""
from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "vocab" / "common_words.txt"
MIN_ZIPF = 4.0


def main() -> None:
    from english_words import get_english_words_set
    from wordfreq import zipf_frequency

    words = get_english_words_set(["web2"], lower=False, alpha=True)
    common = sorted(w for w in words if w.islower() and len(w) > 2 and zipf_frequency(w, "en") >= MIN_ZIPF)
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# Everyday English words (lower case in Webster's Second, Zipf frequency >= 4 in wordfreq).\n")
        fh.write("# Derived by scripts/build_common_words.py; do not edit.\n")
        fh.writelines(f"{w}\n" for w in common)
    print(f"{len(common)} words -> {OUT}")


if __name__ == "__main__":
    main()
