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

A news archive is mostly about other things: ``--strike-share 0.2`` makes four
articles in five general news from the same places (politics, trade, weather,
sport; now and then an accident with its dead), as a scraper's dump or a feed
would hold them. The default, 1, writes strike articles only.
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
OTHER_TOPICS = [
    ("Talks on {town} water supply resume", [
        "Officials from {town} and {capital} met on {day} to discuss repairs to the water network.",
        "Engineers said the pumping station near {town} needed new parts from {city}.",
        "The governor of {division} province promised that work would start before the winter.",
    ]),
    ("Prices rise in {town} markets", [
        "Traders in {town} said the price of bread had doubled since the summer.",
        "Fuel shipments from {city} arrived late, the chamber of commerce in {capital} said.",
        "Economists in {city} expect inflation to ease next year.",
    ]),
    ("Heavy rain floods roads around {town}", [
        "Heavy rain flooded roads between {town} and {other} on {day}.",
        "The meteorological office in {capital} forecast more storms across {division} province.",
        "Schools in {town} closed for two days.",
    ]),
    ("{town} club wins regional cup", [
        "The team from {town} beat visitors from {other} 2-1 in the final on {day}.",
        "Fans celebrated in the streets of {town} until late at night.",
        "The coach said the squad would now prepare for a tournament in {city}.",
    ]),
    ("Ministers in {city} discuss trade", [
        "Trade ministers met in {city} on {day} to discuss tariffs on cement and steel.",
        "A delegation from {capital} asked for new routes through {town}.",
        "The talks will continue next month in {other_city}.",
    ]),
]
ACCIDENTS = [
    "A bus overturned on the road from {town} to {other}, killing {count}, police said.",
    "A fire at a warehouse in {town} killed {count}, the civil defence directorate said.",
]
CITIES = ["Geneva", "Vienna", "Cairo", "Amman", "Istanbul", "Dubai", "London", "Paris", "Moscow", "Doha"]
CAPITALS = ["Damascus", "Baghdad", "Sanaa", "Beirut", "Amman", "Ankara"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
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


def other_article(rng: random.Random, towns: list[tuple[str, str]], i: int, start: date) -> str:
    """General news from the same places: no strike in it, now and then an accident's dead."""
    published = start + timedelta(days=rng.randrange(120))
    outlet = rng.choice(OUTLETS)
    (town, division), (other, _) = rng.choice(towns), rng.choice(towns)
    title, pool = rng.choice(OTHER_TOPICS)
    words = {"town": town, "other": other, "division": division, "capital": rng.choice(CAPITALS),
             "city": rng.choice(CITIES), "other_city": rng.choice(CITIES), "day": rng.choice(DAYS),
             "count": rng.choice(COUNTS)}
    lines = [f"Title: {title.format(**words)}", f"Date: {published.isoformat()}", f"Source: {outlet}",
             f"URL: https://news.example.org/{published.year}/{i:07d}", ""]
    body = [sentence.format(**words) for sentence in pool]
    if rng.random() < 0.2:
        body.append(rng.choice(ACCIDENTS).format(**words))
    while sum(len(x) for x in lines + body) < 2300:
        body.append(rng.choice(pool).format(**{**words, "day": rng.choice(DAYS), "city": rng.choice(CITIES)}))
    lines.append(f"{rng.choice(DATELINES)} ({outlet}) - " + body[0])
    for k in range(1, len(body), 2):
        lines += ["", " ".join(body[k:k + 2])]
    return "\n".join(lines)


def write(out: Path, n: int, seed: int = 1, strike_share: float = 1.0) -> Path:
    rng = random.Random(seed)
    towns = places(random.Random(seed))
    out.mkdir(parents=True, exist_ok=True)
    start = date(2015, 9, 1)
    for i in range(n):
        # A nested layout, as scrapers write it: a folder per thousand articles.
        folder = out / f"{i // 1000:03d}"
        folder.mkdir(exist_ok=True)
        # The share is drawn only when asked for, so strike-only corpora stay as they were.
        strike = strike_share >= 1 or rng.random() < strike_share
        text = article(rng, towns, i, start) if strike else other_article(rng, towns, i, start)
        (folder / f"a{i:07d}.txt").write_text(text, encoding="utf-8")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--strike-share", type=float, default=1.0, help="share of strike articles (default 1: all)")
    args = ap.parse_args()
    write(args.out, args.articles, args.seed, args.strike_share)
    print(f"wrote {args.articles} articles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
