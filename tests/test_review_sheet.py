"""The review sheet (``strikemap review``): every claim and place with its evidence, the likely wrong first;
filled in and passed back with ``strikemap run --corrections``, it is the whole workflow."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import geopandas as gpd
import pandas as pd
import pytest

from geo.corrections.decisions import DECISION_COLUMNS
from geo.corrections.sheet import SHEET_COLUMNS, write_sheet

from .conftest import ROOT

SEEDS = ROOT / "seeds"


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "geo.cli", *map(str, args)], capture_output=True, text=True, cwd=ROOT,
                          env=dict(os.environ))


def _read(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _store(rows: list[dict]):
    from geo.store import ClaimStore
    from geo.table import COLUMNS, INTEGER_COLUMNS

    empty = {c: None if c in INTEGER_COLUMNS or c == "uncertainty_km" else "" for c in COLUMNS}
    store = ClaimStore()
    store.add((*({**empty, "review_status": "unreviewed", **row}[c] for c in COLUMNS), row.get("point"))
              for row in rows)
    store.finish()
    return store


PLACES = {  # place, place_id, precision, country, point (real gazetteer entries)
    "Talbiseh": ("Tallbīsah", "geonames:163779", "locality", "SY", (36.73092, 34.84072)),
    "Atshan": ("Atshan", "strikemap:atshan", "locality", "SY", (36.823, 35.406)),
    "Aden": ("Aden", "geonames:415189", "locality", "YE", (45.03852, 12.77957)),
    "Syria": ("Syria", "geonames:163843", "country", "SY", (38.0, 35.0)),
}


def _claim(claim_id: str, article: str, start: int, written: str = "", place: str = "", **values) -> dict:
    """A row of the claims table naming ``place`` (a key of PLACES), written in the article as ``written``."""
    row = {"claim_id": claim_id, "article": article, "sentence": f"Sentence {claim_id}.", "sentence_start": start,
           "sentence_end": start + 12, "claimant": "SANA", **values}
    if written:
        place, place_id, precision, country, point = PLACES[place or written]
        row.update(place=place, place_id=place_id, precision=precision, country=country, place_text=written, point=point,
                   mention_start=start + 1)
    return row


def test_the_likely_wrong_come_first_each_saying_why(tmp_path):
    from geo.claims.model import UNATTRIBUTED

    store = _store([
        _claim("c1", "a", 0, "Talbiseh"),  # as the gazetteer writes it: nothing to check
        _claim("c2", "a", 20, "Tallbiseh", "Talbiseh", event_id="e1"),  # read by likeness of spelling; its event contested
        _claim("c3", "a", 40, "Atshan", claimant=UNATTRIBUTED),  # no population; the article's own words
        _claim("c4", "a", 60, "Aden"),  # 2,400 km from the article's other places
        _claim("c5", "b", 0),  # no place
        _claim("c6", "b", 20, "Syria"),  # a whole country
        _claim("c7", "b", 40, "Tallbiseh", "Talbiseh", review_status="verified"),  # checked already: last, whatever its score
    ])
    events = gpd.GeoDataFrame(pd.DataFrame({"event_id": ["e1"], "grading": ["contested"],
                                            "grading_reason": ["SANA says ISIL; Khoja says civilians"]}))
    path, n = write_sheet(store, events, tmp_path / "sheet.csv")
    rows = _read(path)
    assert n == len(rows) == 7 and list(rows[0]) == list(SHEET_COLUMNS)
    order = [r["claim_id"] for r in rows]
    assert order == ["c2", "c3", "c4", "c5", "c6", "c1", "c7"]
    by = {r["claim_id"]: r for r in rows}
    assert by["c2"]["check"] == ("fuzzy place match: 'Tallbiseh' read as Tallbīsah; its event is contested: SANA says "
                                 "ISIL; Khoja says civilians") and by["c2"]["check_score"] == "5"
    assert by["c3"]["check"] == "Atshan has no recorded population; no one is quoted: the article's own words"
    assert by["c4"]["check"].startswith("far from the article's other places: 2,") and "km from the nearest" in by["c4"]["check"]
    assert by["c5"]["check"] == "no place named: is it a strike report?" and by["c6"]["check"] == "only Syria as a whole"
    assert by["c1"]["check"] == "" and by["c7"]["review_status"] == "verified"
    assert all(r[c] == "" for r in rows for c in DECISION_COLUMNS)  # the decisions are the reviewer's to fill in
    store.close()


def test_review_fill_in_and_run_is_the_whole_workflow(tmp_path):
    sheet = tmp_path / "review.csv"
    proc = _cli("review", SEEDS, "--out", sheet, "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    rows = _read(sheet)
    total = len({r["claim_id"] for r in rows})
    assert f"{len(rows)} rows (one per claim and place) from 5 articles" in proc.stdout
    qaryatain = next(r for r in rows if r["place_text"] == "village of Qaryatain")
    assert qaryatain["check"].startswith("fuzzy place match") and qaryatain["check_score"] == rows[0]["check_score"]
    assert all(r["sentence"] and r["article_title"] and r["article"] for r in rows)
    assert [int(r["check_score"]) for r in rows] == sorted((int(r["check_score"]) for r in rows), reverse=True)
    # The reviewer fills in a few rows, as in a spreadsheet, and saves.
    for row in rows:
        if row["place_text"] == "village of Qaryatain":
            row.update(decision="correct", decided_by="Ana", decided_at="2024-05-31", note="al-Qaryatayn, Homs")
        elif row["place_text"] == "northern Homs":
            row.update(decision="duplicate", decided_by="Ana", decided_at="2024-05-31")
        elif row["place_text"] == "Atshan":
            row.update(new_place="Hama", decided_by="Ana", decided_at="2024-05-31")  # a new value: a change
    with open(sheet, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, SHEET_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    # A filled-in sheet is never overwritten by a new one.
    proc = _cli("review", SEEDS, "--out", sheet, "--jobs", "1")
    assert proc.returncode == 1 and "holds a reviewer's decisions" in proc.stderr
    proc = _cli("run", SEEDS, "--out", tmp_path / "maps", "--corrections", sheet, "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    assert "corrections           3 of 3 decisions applied" in proc.stdout
    # Two rows of one claim decided (Qaryatain, Atshan): one claim reviewed.
    assert f"reviewed              1 of {total - 1} claims reviewed (1 corrected); 1 rejected" in proc.stdout

    report = json.loads((tmp_path / "maps" / "run-report.json").read_text(encoding="utf-8"))
    assert report["corrections"]["rows_without_decision"] == len(rows) - 3
    # A new sheet from the corrected claims: the reviewed rows last, saying what was decided.
    again = tmp_path / "again.csv"
    proc = _cli("review", SEEDS, "--out", again, "--corrections", sheet, "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    sheet_rows = len(rows)
    rows = _read(again)
    assert len(rows) == sheet_rows - 1 and "northern Homs" not in {r["place_text"] for r in rows}
    assert [r["review_status"] for r in rows[-2:]] == ["verified", "corrected"]
    assert rows[-2]["review_note"] == "al-Qaryatayn, Homs (Ana, 2024-05-31)" and rows[-1]["place"] == "Ḩamāh"
    proc = _cli("review", SEEDS, "--out", sheet, "--jobs", "1", "--force")
    assert proc.returncode == 0 and all(r["decision"] == "" for r in _read(sheet))


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)"])
def test_formula_like_text_is_written_so_a_spreadsheet_shows_it_and_read_back_as_written(tmp_path, value):
    from geo.corrections.decisions import text_in, text_out

    assert text_out(value) == "'" + value and text_in(text_out(value)) == value
    assert text_out("-") == "-" and text_in("'quoted'") == "'quoted'"


def test_a_claim_on_a_place_the_gazetteer_lacks_asks_where_it_is(tmp_path):
    store = _store([_claim("c1", "a", 0, place_text="village of Tlajabin")])
    path, _ = write_sheet(store, gpd.GeoDataFrame(pd.DataFrame({"event_id": [], "grading": [], "grading_reason": []})),
                          tmp_path / "sheet.csv")
    assert _read(path)[0]["check"] == "'village of Tlajabin' is a place the gazetteer lacks: where is it?"
