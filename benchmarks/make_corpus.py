#!/usr/bin/env python3
"""Write a synthetic corpus of strike articles, deterministic by seed.

    python benchmarks/make_corpus.py OUT_DIR --articles 10000 [--seed 1]

Each article (about 2.5 KB) has a header block (title, date, source, URL), a
dateline, and paragraphs mixing strike reports by varied claimants (state
media, ministries, monitors, opposition, foreign governments), targets and
affiliations, places drawn from the gazetteer (towns of Syria, Iraq and Yemen,
and their governorates), quotes with attributions after them, denials,
casualty figures, relative dates, and background sentences naming capitals and
meeting places that are not strike locations. The same seed gives the same files.
"""
from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

CLAIMANTS = [
    "Syrian state news agency SANA", "The Russian Defence Ministry", "The Syrian Observatory for Human Rights",
    "Activists", "The White Helmets civil defence group", "US Central Command", "The Iraqi Joint Operations Command",
    "Local residents", "The National Coalition", "Turkish officials", "A spokesman for the Saudi-led coalition",
    "Houthi-run Al Masirah television", "State television", "Airwars researchers",
]
STRIKERS = ["Russian jets", "Syrian government aircraft", "US-led coalition warplanes", "Turkish drones",
            "Saudi-led coalition aircraft", "Iraqi helicopters", "government forces"]
TARGETS = [
    ("a command post", "ISIL"), ("an ammunition depot", "Islamic State"), ("a training camp", "Nusra Front"),
    ("a market", "civilian"), ("a hospital", "civilian"), ("rebel positions", "Free Syrian Army"),
    ("a weapons storage site", "al-Qaeda"), ("residential buildings", "civilian"), ("a communications centre", "ISIS"),
    ("oil facilities", "Islamic State"), ("a school", "civilian"), ("militant hideouts", "militants"),
]
TIMES = ["on Monday", "on Tuesday", "on Wednesday", "overnight", "earlier in the week", "last month", "yesterday", "today", ""]
COUNTS = ["at least 12 civilians", "more than 30 people", "dozens of fighters", "a family of six", "between 10 and 15 militants",
          "five children", "hundreds of people"]
BACKGROUND = [
    "Diplomats met in Geneva on Thursday to discuss a ceasefire.",
    "Moscow has informed Washington of its plans, officials in Ankara said.",
    "The talks in New York ended without agreement.",
    "Rebels made rapid gains in the region earlier this year, analysts in London said.",
    "The conflict has displaced millions of people since it began.",
    "Warships in the Mediterranean have been placed on alert.",
    "Aid agencies in Amman warned of shortages of food and medicine.",
    "The United Nations said it could not independently verify the reports.",
]
OUTLETS = ["Reuters", "AFP", "Al Jazeera", "BBC", "Associated Press", "Middle East Eye", "Enab Baladi", "The National"]
DATELINES = ["BEIRUT", "DAMASCUS", "BAGHDAD", "ISTANBUL", "AMMAN", "MOSCOW", "SANAA", "GENEVA"]


def places(rng: random.Random) -> list[tuple[str, str]]:
    """(town, governorate) pairs from the gazetteer, for Syria, Iraq and Yemen."""
    from geo.gazetteer import Gazetteer

    gaz = Gazetteer.default()
    cols = gaz.index.columns
    admin1_names = {}
    out = []
    for row in range(len(gaz.index)):
        if cols["country"][row] in ("SY", "IQ", "YE") and cols["precision"][row] == "locality" and cols["population"][row] >= 5000:
            key = (cols["country"][row], cols["admin1"][row])
            if key not in admin1_names:
                division = gaz.admin1_of(gaz.index.place(row))
                admin1_names[key] = division.name if division else ""
            if admin1_names[key] and cols["name"][row].isascii():
                out.append((cols["name"][row], admin1_names[key]))
    out.sort()
    rng.shuffle(out)
    return out


def article(rng: random.Random, towns: list[tuple[str, str]], i: int, start: date) -> str:
    published = start + timedelta(days=rng.randrange(120))
    outlet = rng.choice(OUTLETS)
    town, division = rng.choice(towns)
    other, other_division = rng.choice(towns)
    claimant, striker = rng.choice(CLAIMANTS), rng.choice(STRIKERS)
    target, affiliation = rng.choice(TARGETS)
    when = rng.choice(TIMES)
    lines = [
        f"Title: {striker.capitalize()} hit {town}, {claimant.lower().removeprefix('the ')} says",
        f"Date: {published.isoformat()}",
        f"Source: {outlet}",
        f"URL: https://news.example.org/{published.year}/{i:07d}",
        "",
        f"{rng.choice(DATELINES)} ({outlet}) - {claimant} said {striker} struck {target} of {affiliation} in {town} "
        f"in {division} province {when}, killing {rng.choice(COUNTS)}.",
        "",
        f"\u201cThe strikes targeted {affiliation} positions around {other} and {town},\u201d {claimant.removeprefix('The ')} said in a statement.",
        "",
    ]
    if rng.random() < 0.3:
        lines += [f"The Russian Defence Ministry denied that its aircraft had struck {target} in {town}.", ""]
    if rng.random() < 0.5:
        lines += [f"According to activists, {striker} also bombed villages near {other} in {other_division} province {rng.choice(TIMES)}.", ""]
    while sum(len(x) for x in lines) < 2300:
        lines += [rng.choice(BACKGROUND) + " " + rng.choice(BACKGROUND), ""]
    return "\n".join(lines)


def write(out: Path, n: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    towns = places(random.Random(seed))
    out.mkdir(parents=True, exist_ok=True)
    start = date(2015, 9, 1)
    for i in range(n):
        # A nested layout, as scrapers write it: a folder per thousand articles.
        folder = out / f"{i // 1000:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"a{i:07d}.txt").write_text(article(rng, towns, i, start), encoding="utf-8")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    write(args.out, args.articles, args.seed)
    print(f"wrote {args.articles} articles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
