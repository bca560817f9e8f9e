"""Events across articles, their grading, and article input formats with metadata."""
from __future__ import annotations

import json
from pathlib import Path

from geo.articles import read_articles
from geo.pipeline import run


def _write(folder: Path, name: str, title: str, source: str, body: str, date: str = "2015-10-01") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"Title: {title}\nDate: {date}\nSource: {source}\nURL: https://example.org/{name}\n\n{body}\n",
                               encoding="utf-8")


def test_same_strike_reported_by_two_outlets_is_one_event_with_two_sources(tmp_path):
    _write(tmp_path / "in", "a.txt", "Jets hit Rastan", "Outlet A",
           "SANA reported that Russian jets struck ISIL positions in Rastan on Wednesday.")
    _write(tmp_path / "in", "b.txt", "Raids on Rastan", "Outlet B",
           "Activists said Russian warplanes bombed an ISIL camp in Rastan on Wednesday.")
    result = run([tmp_path / "in"], tmp_path / "out")
    assert len(result.events) == 1
    event = result.events.iloc[0]
    assert event["grading"] == "multiple sources" and event["n_sources"] == 2
    assert event["event_date"] == "2015-09-30" and event["date_precision"] == "day"
    assert set(event["sources"].split("; ")) == {"Outlet A", "Outlet B"}
    assert set(result.table["event_id"]) == {event["event_id"]}


def test_a_claim_and_the_strikers_denial_make_a_denied_event(tmp_path):
    _write(tmp_path / "in", "a.txt", "Hospital hit", "Outlet A",
           "Activists said Russian jets bombed a hospital in Saraqib on Tuesday, killing at least 12 civilians.")
    _write(tmp_path / "in", "b.txt", "Kremlin denies", "Outlet B",
           "The Russian Defence Ministry denied reports that Russian jets struck a hospital in Saraqib.")
    result = run([tmp_path / "in"], tmp_path / "out")
    assert len(result.events) == 1
    event = result.events.iloc[0]
    assert event["grading"] == "denied"
    assert "Russian Defence Ministry" in event["grading_reason"]
    assert event["casualties_min"] == 12


def test_state_media_against_opposition_is_contested(tmp_path):
    _write(tmp_path / "in", "a.txt", "Dens destroyed", "State wire",
           "SANA reported that Russian jets hit ISIL dens around the towns of Talbiseh and Rastan.")
    _write(tmp_path / "in", "b.txt", "Civilians hit", "Opposition site",
           "“All the targets in today’s Russian air raids over northern Homs were civilian,” the National Coalition said.")
    result = run([tmp_path / "in"], tmp_path / "out")
    contested = result.events[result.events["grading"] == "contested"]
    assert len(contested) == 1
    reason = contested.iloc[0]["grading_reason"]
    assert "civilians" in reason and "ISIL" in reason
    html = (tmp_path / "out" / "strikes.html").read_text(encoding="utf-8")
    assert "Events: contested (1)" in html


def test_different_dates_or_strikers_are_different_events(tmp_path):
    _write(tmp_path / "in", "a.txt", "A", "Outlet A", "SANA reported that Russian jets struck positions in Rastan on Monday.")
    _write(tmp_path / "in", "b.txt", "B", "Outlet B", "Activists said Russian jets struck positions in Rastan last week.")
    _write(tmp_path / "in", "c.txt", "C", "Outlet C", "Activists said US jets struck positions in Rastan on Monday.")
    result = run([tmp_path / "in"], tmp_path / "out")
    assert len(result.events) == 3


def test_a_claim_whose_places_fall_in_different_events_gives_each_event_its_own_id(tmp_path):
    _write(tmp_path / "in", "a.txt", "Raids", "Outlet A",
           "State television said government forces had targeted militants around Rastan and Palmyra on Wednesday.")
    result = run([tmp_path / "in"], tmp_path / "out")
    assert len(result.table) == 2 and result.table["claim_id"].nunique() == 1
    assert len(result.events) == 2 and result.events["event_id"].is_unique
    assert set(result.table["event_id"]) == set(result.events["event_id"])


def test_events_geojson_is_flat_and_claims_carry_event_ids(tmp_path):
    _write(tmp_path / "in", "a.txt", "A", "Outlet A", "SANA reported that Russian jets struck positions in Rastan on Monday.")
    run([tmp_path / "in"], tmp_path / "out")
    data = json.loads((tmp_path / "out" / "events.geojson").read_text(encoding="utf-8"))
    assert "crs" not in data and len(data["features"]) == 1
    props = data["features"][0]["properties"]
    assert all(not isinstance(v, (dict, list)) for v in props.values())
    assert {"event_id", "grading", "grading_reason", "claimants", "sources", "claim_ids"} <= set(props)
    claims = json.loads((tmp_path / "out" / "strikes.geojson").read_text(encoding="utf-8"))
    p = claims["features"][0]["properties"]
    assert p["event_id"] == props["event_id"]
    assert (p["published"], p["source"], p["article_url"], p["article_title"]) == ("2015-10-01", "Outlet A", "https://example.org/a.txt", "A")
    assert (p["event_date"], p["date_precision"], p["date_phrase"]) == ("2015-09-28", "day", "on Monday")


def test_html_jsonl_and_csv_inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text(
        "<html><head><title>Raid on Rastan | News</title>"
        "<meta property='article:published_time' content='2015-10-01T08:00:00Z'>"
        "<meta property='og:site_name' content='Example News'></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        "<article><h1>Raid on Rastan</h1>"
        "<p>SANA reported that Russian jets struck ISIL positions in Rastan on Wednesday, the agency said in a statement.</p>"
        "<p>Residents described a night of heavy bombardment across the northern countryside of Homs province.</p></article>"
        "<div class='share'>Share this article on Facebook</div><div id='comments'>Leave a Reply: great post!</div>"
        "</body></html>",
        encoding="utf-8",
    )
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "r1", "url": "https://x.org/1", "title": "One", "published": "2015-10-02", "source": "Wire",
                    "text": "Activists said jets hit Saraqib on Thursday."}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "r2", "title": "No text"}) + "\n",
        encoding="utf-8",
    )
    (folder / "export.csv").write_text(
        "id,url,title,published,source,text\n"
        "c1,https://y.org/c1,Csv one,\"October 3, 2015\",Paper,\"Monitors said jets struck Ariha on Friday.\"\n",
        encoding="utf-8",
    )
    articles, problems = read_articles([folder])
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {"page", "r1", "c1"}
    page = by_id["page"]
    assert "Rastan" in page.text and "Leave a Reply" not in page.text and "Home" not in page.text
    assert (page.published, page.source) == ("2015-10-01", "Example News")
    assert (by_id["r1"].url, by_id["r1"].published, by_id["r1"].source) == ("https://x.org/1", "2015-10-02", "Wire")
    assert by_id["c1"].published == "2015-10-03"
    assert sorted(p.path.rsplit(":", 1)[-1] for p in problems) == ["2", "3"]
    assert all("skipped line" in p.message for p in problems)


def test_a_large_event_popup_shows_every_voice_and_says_how_many_more():
    from geo.output.webmap import EVENT_POPUP_CLAIMS, _shown_claims
    from geo.store import ClaimStore
    from geo.table import COLUMNS, INTEGER_COLUMNS

    voices = [("SANA", "fighters")] * 30 + [("Observatory", "civilians")] * 5 + [("SANA", "denial")]
    empty = {c: None if c in INTEGER_COLUMNS or c == "uncertainty_km" else "" for c in COLUMNS}
    claims = ClaimStore()
    claims.add((*({**empty, "claim_id": f"c{i:02d}", "event_id": "e1", "article": "a", "sentence_start": i,
                   "claimant": who, "stance": stance}[c] for c in COLUMNS), None) for i, (who, stance) in enumerate(voices))
    claims.finish()
    claims.index_events()
    shown, n_claims = _shown_claims(claims, "e1")  # positions: the claims' order here
    assert n_claims == len(voices)
    assert len(shown) == EVENT_POPUP_CLAIMS and shown == sorted(shown)
    assert {0, 30, 35} <= set(shown)  # each claimant's each stance is there


def _pairwise_compatible_kinds(self) -> None:
    """Grouping's compatible kinds as it first compared them: every pair in neighbouring grid cells."""
    from collections import defaultdict

    from geo.events import _compatible, _neighbours

    groups, kinds = self.groups, list(self.kinds.values())
    cells = defaultdict(list)
    for kind in kinds:
        cells[kind.row.cell].append(kind)
    for kind in kinds:
        for other in _neighbours(cells, kind.row.cell):
            i, j = kind.first, other.first
            if j <= i or groups.find(i) == groups.find(j):
                continue
            if (kind.claim is None or kind.claim != other.claim) and _compatible(kind.row, other.row):
                groups.union(i, j)


def _random_claims(seed: int):
    """A store of random claims at a few places close together: dates known or not, strikers named or not,
    claims naming several places (some far apart, with radii wider than a claim's own 50 km)."""
    import random

    from geo.store import ClaimStore
    from geo.table import COLUMNS, INTEGER_COLUMNS

    rng = random.Random(seed)
    sparse = rng.random() < 0.5  # few claims, each on its own day: a claim's places meet only one another
    spread = 0.5 if sparse else 0.8  # degrees: the sparse places in neighbouring grid cells, often over 50 km apart
    places = [(f"p{n}" + ("#n" if rng.random() < 0.15 else ""),
               rng.choice(["site", "locality", "region"] + ([] if sparse else ["admin1"])),
               rng.choice(["SY", "SY", "IQ"]), rng.choice(["01", "02"]), round(35 + rng.random() * spread, 4),
               round(36 + rng.random() * spread, 4), rng.choice([60.0, 130.0] if sparse else [1.0, 5.0, 25.0, 60.0, 130.0]))
              for n in range(rng.randint(2, 7))]
    empty = {c: None if c in INTEGER_COLUMNS or c == "uncertainty_km" else "" for c in COLUMNS}
    rows = []
    for n in range(rng.randint(2, 6) if sparse else rng.randint(5, 60)):
        day = rng.randint(1, 28)
        date, precision = (f"2015-10-{day:02d}", "day") if sparse else rng.choice(
            [(f"2015-10-{day:02d}", "day"), (f"2015-10-{day:02d}", "week"), ("2015-10-01", "month"), ("", "unknown")])
        striker = rng.choice(["", "RU", "RU", "US"])
        for m, (place_id, kind, country, admin1, lat, lon, radius) in enumerate(rng.sample(places, rng.randint(1, min(3, len(places))))):
            rows.append((*({**empty, "claim_id": f"c{n:03d}", "article": f"a{n % 7}", "sentence_start": n, "mention_start": m,
                            "place_id": place_id, "place": place_id, "precision": kind, "country": country,
                            "admin1": admin1, "uncertainty_km": radius, "event_date": date, "date_precision": precision,
                            "striker_country": striker}[c] for c in COLUMNS), (lon, lat)))
    store = ClaimStore()
    store.add(rows)
    store.finish()
    return store


def test_compatible_kinds_are_joined_as_comparing_every_pair_joins_them(monkeypatch):
    from geo import events

    def membership(store) -> list:
        events.group_events(store)
        return list(store.query("SELECT pos, event_id FROM claims ORDER BY pos"))

    for seed in range(300):
        swept = membership(_random_claims(seed))
        with monkeypatch.context() as patched:
            patched.setattr(events._Grouping, "_compatible_kinds", _pairwise_compatible_kinds)
            compared = membership(_random_claims(seed))
        assert swept == compared, seed


def test_a_wide_region_joins_one_town_event_and_never_chains_two(tmp_path):
    # Horlivka and Debaltseve lie 28 km apart, both well within the Donbas's 130 km: a claim
    # of shelling "across the Donbas" joins one of their events, as a governorate's claim would,
    # never both (which would make the two strikes one).
    day = "2022-06-01"
    _write(tmp_path / "in", "a.txt", "Horlivka", "Outlet A", "Russian forces shelled Horlivka on Tuesday, officials said.", day)
    _write(tmp_path / "in", "b.txt", "Debaltseve", "Outlet B",
           "Russian forces shelled Debaltseve on Tuesday, officials said.", day)
    _write(tmp_path / "in", "c.txt", "Donbas", "Outlet C",
           "Russian forces shelled towns across the Donbas on Tuesday, Ukrainian officials said.", day)
    result = run([tmp_path / "in"], tmp_path / "out", jobs=1)
    table = result.table
    assert set(table["precision"]) == {"locality", "region"}
    assert len(result.events) == 2
    donbas = table[table["place_id"] == "strikemap:donbas"].iloc[0]
    joined = result.events[result.events["event_id"] == donbas["event_id"]].iloc[0]
    assert joined["n_claims"] == 2 and joined["precision"] == "locality"  # the event is placed at its town


def test_a_wide_region_holds_the_towns_inside_its_outline_not_its_circle(tmp_path):
    # Kirkuk lies 70 km from the Kurdistan Region's centre, within its 110 km radius, but outside it: the
    # region's claim joins Erbil's event, not Kirkuk's, though Kirkuk's is the larger.
    day = "2024-02-06"
    _write(tmp_path / "in", "a.txt", "Kirkuk", "Outlet A", "Turkish drones struck a car in Kirkuk on Tuesday, officials said.", day)
    _write(tmp_path / "in", "a2.txt", "Kirkuk", "Outlet D", "A Turkish drone hit a car in Kirkuk on Tuesday, police said.", day)
    _write(tmp_path / "in", "b.txt", "Erbil", "Outlet B", "Turkish drones struck a car in Erbil on Tuesday, officials said.", day)
    _write(tmp_path / "in", "c.txt", "Kurdistan", "Outlet C",
           "Turkish drones struck targets in the Kurdistan Region on Tuesday, officials said.", day)
    result = run([tmp_path / "in"], tmp_path / "out", jobs=1)
    table = result.table
    event_of = dict(zip(table["place"], table["event_id"]))
    assert set(event_of) == {"Kirkuk", "Erbil", "Kurdistan Region"} and len(result.events) == 2
    assert event_of["Kurdistan Region"] == event_of["Erbil"] != event_of["Kirkuk"]
