"""A reviewer's corrections, applied end to end on the seed articles.

Each kind of decision (verify, reject, move by gazetteer id, name or point, take a place away,
change the claim's values, note, add a missed claim), decisions that cannot be applied (stale,
ambiguous, invalid) reported with their line, and the outputs -- GeoJSON, CSV, events, report,
audit -- made from the corrected claims, the same bytes for the same inputs and corrections.
"""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo.corrections import CORRECTION_COLUMNS, CorrectionsError, apply_corrections, read_books
from geo.corrections.decisions import text_out

from .conftest import ROOT

SEEDS = ROOT / "seeds"
MINISTRY = "000_261dfbfb12848b76"  # the Russian Defense Ministry's targets in Aleppo, Idlib and Hama
OBSERVATORY = "001_db6aeaf2ee40e66c"
SANA = "002_99e24934e41de514"  # Talbiseh, Rastan and Salamiyah; "northern Homs" contested
SOURCES = "003_81ab35c3196de9bd"
STATE_TV = "004_0b6b2d731c3ca980"  # the Sha'ar gas field, Qaryatain, Atshan, Hama province
WHO = {"decided_by": "Ana Reviewer", "decided_at": "2024-05-31"}


@pytest.fixture(scope="module")
def extracted():
    """The seeds' claims table as extracted (one store for every test here; applying never changes it)."""
    from geo.pipeline import extract

    store, articles, problems, _ = extract([SEEDS], jobs=1)
    assert articles == 5 and not problems
    yield store
    store.close()


def rows_of(store, where: str = "1", params=()) -> list[dict]:
    from geo.table import COLUMNS

    names = ", ".join(f'"{c}"' for c in COLUMNS)
    return [dict(zip((*COLUMNS, "lon", "lat"), r))
            for r in store.query(f"SELECT {names}, lon, lat FROM claims WHERE {where} ORDER BY pos", params)]


def claim_row(store, article: str, place_text: str = "", start: int | None = None, claimant: str = "") -> dict:
    """The row a reviewer would look at: by article, place as written and (where that says too little) sentence
    start or claimant."""
    found = [r for r in rows_of(store, "article = ?", (article,))
             if r["place_text"] == place_text and (start is None or r["sentence_start"] == start)
             and (not claimant or r["claimant"] == claimant)]
    assert len(found) == 1, (article, place_text, start, len(found))
    return found[0]


def about(row: dict, **decision) -> dict:
    """A decision about ``row``, naming it as the review sheet does (article, sentence, place as written)."""
    return {"article": row["article"], "sentence": row["sentence"], "place_text": row["place_text"], **WHO, **decision}


def write_decisions(path: Path, decisions: list[dict], columns=CORRECTION_COLUMNS) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for d in decisions:
            writer.writerow([text_out(d.get(c, "")) for c in columns])
    return path


def apply(extracted, tmp_path, decisions: list[dict], name: str = "decisions.csv"):
    review = apply_corrections(extracted, read_books([write_decisions(tmp_path / name, decisions)]), [SEEDS])
    return review, rows_of(review.store)


def test_verify_marks_that_place_of_the_claim_verified_and_changes_nothing_else(extracted, tmp_path):
    idlib = claim_row(extracted, MINISTRY, "Idlib")
    sana = claim_row(extracted, SANA, "Rastan")
    review, rows = apply(extracted, tmp_path, [about(idlib, decision="correct"), about(sana, decision="verify")])
    assert [o.kind for o in review.outcomes] == ["applied", "applied"]
    after = {(r["claim_id"], r["place_text"]): r for r in rows}
    assert after[(idlib["claim_id"], "Idlib")]["review_status"] == "verified"
    assert after[(idlib["claim_id"], "Idlib")]["reviewed_by"] == "Ana Reviewer"
    # Only the place named is checked: SANA's other towns stay unreviewed.
    sana_rows = [r for r in rows if r["claim_id"] == sana["claim_id"]]
    assert {r["place_text"]: r["review_status"] for r in sana_rows} == {
        "towns of Talbiseh": "unreviewed", "Rastan": "verified", "Salamiyah": "unreviewed"}
    before = {(r["claim_id"], r["place_text"]): r for r in rows_of(extracted)}
    for key, row in after.items():
        assert {c: v for c, v in row.items() if not c.startswith("review")} == \
               {c: v for c, v in before[key].items() if not c.startswith("review")}


def test_reject_takes_the_whole_claim_out_and_the_audit_keeps_it(extracted, tmp_path):
    noise = claim_row(extracted, MINISTRY, "", start=59)  # "Tensions between the USA and Russia ..." is no strike report
    twice = claim_row(extracted, SANA, "towns of Talbiseh")
    review, rows = apply(extracted, tmp_path, [about(noise, decision="not a strike"),
                                               about(twice, decision="duplicate", note="SANA's own story, again")])
    ids = {r["claim_id"] for r in rows}
    assert noise["claim_id"] not in ids and twice["claim_id"] not in ids  # all three of SANA's places go
    assert review.rejected == 2
    kept = [a for a in review.audit if a["after"] == "rejected"]
    assert {(a["claim_id"], a["reason"]) for a in kept} == {(noise["claim_id"], "not a strike"),
                                                            (twice["claim_id"], "duplicate")}
    rastan = next(a for a in kept if a["place_text"] == "Rastan")
    assert rastan["place"] == "Rastan" and rastan["claimant"] == "Syrian state news agency SANA"
    assert rastan["latitude"] and rastan["sentence"] == twice["sentence"]  # the rejected claim, whole


def test_move_by_gazetteer_id_by_name_and_by_point(extracted, tmp_path):
    hama = claim_row(extracted, MINISTRY, "Hama")
    qaryatain = claim_row(extracted, STATE_TV, "village of Qaryatain")
    atshan = claim_row(extracted, STATE_TV, "Atshan")
    review, rows = apply(extracted, tmp_path, [
        about(hama, decision="wrong place", new_place="geonames:170015"),  # Hama province, not the city
        about(qaryatain, decision="change", new_place="Palmyra", new_country="SY"),
        about(atshan, decision="wrong place", new_lat="35.2301", new_lon="37.0802", new_precision="locality",
              new_place="Atshan (as the observatory places it)"),
    ])
    assert [o.kind for o in review.outcomes] == ["applied"] * 3
    by = {(r["claim_id"], r["place_text"]): r for r in rows}
    moved = by[(hama["claim_id"], "Hama")]
    assert (moved["place_id"], moved["precision"], moved["country"]) == ("geonames:170015", "admin1", "SY")
    assert moved["uncertainty_km"] > 50 and moved["review_status"] == "corrected"
    palmyra = by[(qaryatain["claim_id"], "village of Qaryatain")]
    assert palmyra["place"] == "Tadmur" and palmyra["country"] == "SY" and abs(palmyra["lon"] - 38.28) < 0.05
    point = by[(atshan["claim_id"], "Atshan")]
    assert (point["lat"], point["lon"], point["precision"], point["country"]) == (35.2301, 37.0802, "locality", "SY")
    assert point["place_id"] == "reviewer:35.23010,37.08020" and point["admin1"] == hama["admin1"]  # Hama province
    assert point["place"] == "Atshan (as the observatory places it)" and point["uncertainty_km"] == 5.0
    # The place as written stays: it is what finds the claim next time.
    assert point["place_text"] == "Atshan" and point["mention_start"] == atshan["mention_start"]


def test_wrong_place_with_no_better_one_takes_the_place_away(extracted, tmp_path):
    rastan = claim_row(extracted, SANA, "Rastan")
    idlib = claim_row(extracted, MINISTRY, "Idlib")
    review, rows = apply(extracted, tmp_path, [about(rastan, decision="wrong place"), about(idlib, decision="wrong place")])
    assert [o.kind for o in review.outcomes] == ["applied", "applied"]
    sana = [r for r in rows if r["claim_id"] == rastan["claim_id"]]
    assert [r["place_text"] for r in sana] == ["towns of Talbiseh", "Salamiyah"]  # the claim keeps its other places
    assert {r["review_status"] for r in sana} == {"corrected"}
    (ministry,) = [r for r in rows if r["claim_id"] == idlib["claim_id"]]  # its only place: the claim stays, placeless
    assert ministry["place"] == "" and ministry["lon"] is None and ministry["review_status"] == "corrected"


def test_change_the_claims_values(extracted, tmp_path):
    homs = claim_row(extracted, SANA, "northern Homs")
    kremlin = claim_row(extracted, MINISTRY, "", start=1117)
    review, rows = apply(extracted, tmp_path, [
        about(homs, decision="change", new_striker="Syrian government jets", new_target="a bakery",
              new_target_affiliation="civilians", new_event_type="Shelling/artillery/missile attack", new_event_date="2015-09-30",
              new_casualties_min="12", new_casualties_max="15", new_claimant_type="opposition"),
        about(kremlin, decision="wrong claimant", new_claimant="Kremlin spokesman Dmitry Peskov", new_stance="asserts",
              new_event_date="2015-09", new_casualties_min="-", new_casualties_max="-"),
    ])
    assert [o.kind for o in review.outcomes] == ["applied", "applied"], review.not_applied()
    changed = next(r for r in rows if r["claim_id"] == homs["claim_id"])
    assert (changed["striker"], changed["striker_country"], changed["target"], changed["target_affiliation"]) == (
        "Syrian government jets", "SY", "a bakery", "civilians")
    assert (changed["event_type"], changed["event_date"], changed["date_precision"]) == (
        "shelling/artillery/missile attack", "2015-09-30", "day")
    assert (changed["casualties"], changed["casualties_min"], changed["casualties_max"]) == (12, 12, 15)
    assert changed["claimant_type"] == "opposition" and changed["review_status"] == "corrected"
    peskov = next(r for r in rows if r["claim_id"] == kremlin["claim_id"])
    assert peskov["claimant"] == "Kremlin spokesman Dmitry Peskov" and peskov["stance"] == "asserts"
    assert peskov["claimant_type"] and (peskov["event_date"], peskov["date_precision"]) == ("2015-09-01", "month")
    assert (peskov["casualties"], peskov["casualties_min"], peskov["casualties_max"]) == (None, None, None)
    fields = {a["field"] for a in review.audit if a["claim_id"] == homs["claim_id"]}
    assert {"striker", "target", "event_type", "event_date", "casualties_min", "review_status"} <= fields


def test_a_change_that_changes_nothing_is_a_check_and_notes_say_who_and_when(extracted, tmp_path):
    idlib = claim_row(extracted, MINISTRY, "Idlib")
    review, rows = apply(extracted, tmp_path, [
        about(idlib, decision="change", new_claimant=idlib["claimant"]),
        about(idlib, decision="note", note="the ministry's own list", decided_by="Bo", decided_at="2024-06-01T09:30"),
        about(idlib, decision="", note="matches the video"),  # a note with no decision word is a note
    ])
    assert [o.kind for o in review.outcomes] == ["applied"] * 3
    row = next(r for r in rows if r["claim_id"] == idlib["claim_id"])
    assert row["review_status"] == "verified"
    assert row["review_note"] == ("the ministry's own list (Bo, 2024-06-01T09:30) | "
                                  "matches the video (Ana Reviewer, 2024-05-31)")


def test_add_a_claim_the_extractor_missed(extracted, tmp_path):
    sentence = "The British group said Tajamu Alezzah was also targeted Wednesday."
    review, rows = apply(extracted, tmp_path, [
        {"article": SOURCES, "sentence": "The British group said Tajamu  Alezzah was also targeted Wednesday",
         "decision": "add", "new_claimant": "Syrian Observatory for Human Rights", "new_target": "Tajamu Alezzah",
         "new_target_affiliation": "FSA / Western-backed rebels", "new_place": "Latamneh", "new_country": "SY",
         "new_event_date": "2015-09-30", **WHO},
        {"article": STATE_TV, "sentence": "forces had targeted militants at the Sha’ar gas field", "place_text": "Hama",
         "decision": "add", "new_claimant": "State television", "new_place": "Hama", **WHO},
    ])
    assert [o.kind for o in review.outcomes] == ["applied", "applied"], review.not_applied()
    added = [r for r in rows if r["review_status"] == "added"]
    first = next(r for r in added if r["article"] == SOURCES)
    text = (SEEDS / f"{SOURCES}.txt").read_text(encoding="utf-8")
    assert first["sentence"] == sentence == text[first["sentence_start"]:first["sentence_end"]]
    assert first["claimant_type"] == "monitor/NGO" and first["place"] == "Al-Lataminah" and first["lon"] is not None
    assert first["article_title"] == "Aftermath of Russia’s air strikes in Syria" and first["claim_id"].startswith("a")
    # Part of a sentence quoted: the claim gets the whole sentence, and the mention's offsets in it.
    second = next(r for r in added if r["article"] == STATE_TV)
    tv = (SEEDS / f"{STATE_TV}.txt").read_text(encoding="utf-8")
    assert second["sentence"].startswith("State television said") and second["sentence_end"] > second["sentence_start"]
    assert tv[second["mention_start"]:second["mention_end"]] == "Hama"
    assert second["place"] == "Ḩamāh"


def test_an_added_claim_the_extractor_finds_now_gets_the_values_given(extracted, tmp_path):
    idlib = claim_row(extracted, MINISTRY, "Idlib")
    review, rows = apply(extracted, tmp_path, [about(idlib, decision="add", new_target_affiliation="Nusra Front")])
    assert review.outcomes[0].applied and "finds this claim now" in review.outcomes[0].message
    assert not [r for r in rows if r["review_status"] == "added"]
    row = next(r for r in rows if r["claim_id"] == idlib["claim_id"])
    assert (row["target_affiliation"], row["review_status"]) == ("Nusra Front", "corrected")


def test_decisions_that_cannot_be_applied_are_reported_and_never_applied_elsewhere(extracted, tmp_path):
    aleppo = claim_row(extracted, MINISTRY, "province of Aleppo")
    review, rows = apply(extracted, tmp_path, [
        about(aleppo, decision="verify", place_text="Damascus"),  # no claim of this sentence names Damascus
        {**about(aleppo, decision="verify"), "sentence": "No sentence of the article reads like this one at all."},
        {**about(aleppo, decision="verify"), "article": "no_such_article"},
        about(aleppo, decision="wrong claimant"),  # no claimant given
        about(aleppo, decision="change", new_place="Narnia"),  # only a likeness of spelling (Nizhyn): not taken
        about(aleppo, decision="change", new_stance="perhaps", new_event_type="carpet bombing"),
        about(aleppo, decision="verify", decided_by=""),
        about(aleppo, decision="verify", decided_at="last Tuesday"),
        {**about(aleppo, decision="verify"), "place_text": ""},  # the sentence has three claims: which?
        about(aleppo, decision="not a strike"),
        about(aleppo, decision="verify"),  # after it was rejected
    ])
    kinds = [(o.kind, o.line) for o in review.outcomes]
    assert kinds == [("stale", 2), ("stale", 3), ("stale", 4), ("invalid", 5), ("invalid", 6), ("invalid", 7),
                     ("invalid", 8), ("invalid", 9), ("ambiguous", 10), ("applied", 11), ("stale", 12)]
    messages = [o.message for o in review.outcomes]
    assert "names 'Damascus'; its claims name 'Hama', 'Idlib', 'province of Aleppo'" in messages[0]
    assert "no place 'Narnia'" in messages[4] and "rejected" in messages[10]
    report = review.report()
    assert report["applied"] == 1 and len(report["not_applied"]) == 10
    assert all(a["outcome"].startswith("not applied") for a in review.audit if a["line"] != 11)
    # Nothing but the one rejection changed the table.
    assert not [r for r in rows if r["review_status"] != "unreviewed"]


def test_files_spreadsheets_save_are_read(extracted, tmp_path):
    idlib = claim_row(extracted, MINISTRY, "Idlib")
    hama = claim_row(extracted, MINISTRY, "Hama")
    # Semicolons, a byte-order mark, Windows line ends, columns in another order and upper case, extra columns.
    columns = ["Decided_By", "DECISION", "article", "sentence", "place_text", "decided_at", "my own column", "note"]
    lines = [";".join(columns)]
    for row, decision, note in ((idlib, "Correct", "=HYPERLINK(x)"), (hama, "Verified", "")):
        cells = ["Ana", decision, row["article"], row["sentence"], row["place_text"], "2024-05-31", "x", text_out(note)]
        lines.append(";".join('"' + c.replace('"', '""') + '"' for c in cells))
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")
    review = apply_corrections(extracted, read_books([path]), [SEEDS])
    assert [o.kind for o in review.outcomes] == ["applied", "applied"]
    assert next(r for r in rows_of(review.store) if r["place_text"] == "Idlib")["review_note"].startswith("=HYPERLINK")


def test_a_file_that_is_no_corrections_file_stops_the_run_before_it_starts(tmp_path):
    (tmp_path / "notes.csv").write_text("name,comment\nx,y\n", encoding="utf-8")
    with pytest.raises(CorrectionsError, match="no article and no decision column"):
        read_books([tmp_path / "notes.csv"])
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "geo.cli", "run", str(SEEDS), "--out", str(out), "--jobs", "1",
                           "--corrections", str(tmp_path / "notes.csv")], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1 and "not a corrections file" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()
    proc = subprocess.run([sys.executable, "-m", "geo.cli", "run", str(SEEDS), "--out", str(out), "--corrections",
                           str(tmp_path / "missing.csv")], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1 and "no such corrections file" in proc.stderr


def _run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "geo.cli", "run", str(SEEDS), "--jobs", "1", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})})


def test_events_grading_and_every_output_come_from_the_corrected_claims(extracted, tmp_path):
    """Khoja's "all civilian" makes the Homs event contested; rejected as a duplicate, the event is not."""
    khoja = claim_row(extracted, SANA, "northern Homs")
    idlib = claim_row(extracted, MINISTRY, "Idlib")
    path = write_decisions(tmp_path / "decided.csv", [about(khoja, decision="duplicate"), about(idlib, decision="correct")])
    proc = _run("--out", tmp_path / "out", "--corrections", path)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "out"
    events = [f["properties"] for f in json.loads((out / "events.geojson").read_text())["features"]]
    homs = next(e for e in events if "Talbiseh" in e["places"])
    assert homs["grading"] == "single source" and khoja["claim_id"] not in homs["claim_ids"]
    assert "contested" not in {e["grading"] for e in events}
    idlib_event = next(e for e in events if idlib["claim_id"] in e["claim_ids"])
    assert (idlib_event["review_status"], idlib_event["n_reviewed"]) == ("partly reviewed", 1)
    claims = [f["properties"] for f in json.loads((out / "strikes.geojson").read_text())["features"]]
    assert khoja["claim_id"] not in {c["claim_id"] for c in claims}
    assert {c["review_status"] for c in claims} == {"unreviewed", "verified"}
    table = list(csv.DictReader(open(out / "strikes.csv", encoding="utf-8")))
    assert next(r for r in table if r["location"] == "Idlib" and r["claimant"] == idlib["claimant"])["review_status"] == "verified"
    report = json.loads((out / "run-report.json").read_text())
    review = report["counts"]["review"]
    assert (review["verified"], review["rejected"], review["unreviewed"]) == (1, 1, report["counts"]["claims"] - 1)
    assert report["corrections"]["applied"] == 2 and report["corrections"]["not_applied"] == []
    assert f"1 of {report['counts']['claims']} claims reviewed (1 verified); 1 rejected" in proc.stdout
    page = (out / "strikes.html").read_text(encoding="utf-8")
    assert f"1 of {report['counts']['claims']} claims reviewed (1 verified); 1 rejected" in page
    import pyogrio

    layer = pyogrio.read_dataframe(out / "strikes.gpkg", layer="claims")
    assert set(layer["review_status"]) == {"unreviewed", "verified"} and khoja["claim_id"] not in set(layer["claim_id"])
    audit = list(csv.DictReader(open(out / "review-audit.csv", encoding="utf-8")))
    assert {a["decision"] for a in audit} == {"duplicate", "correct"}
    # A later run with no corrections leaves no stale audit behind.
    proc = _run("--out", out)
    assert proc.returncode == 0 and not (out / "review-audit.csv").exists()


def test_outputs_are_byte_identical_for_the_same_inputs_and_corrections(extracted, tmp_path):
    idlib = claim_row(extracted, MINISTRY, "Idlib")
    atshan = claim_row(extracted, STATE_TV, "Atshan")
    path = write_decisions(tmp_path / "decided.csv", [
        about(idlib, decision="correct", note="checked"), about(atshan, decision="wrong place", new_place="Hama"),
        {"article": SOURCES, "sentence": "The British group said Tajamu Alezzah was also targeted Wednesday.",
         "decision": "add", "new_claimant": "Syrian Observatory for Human Rights", **WHO},
        about(idlib, decision="verify", place_text="Aleppo city"),  # stale
    ])
    runs = []
    for name, jobs in (("one", "1"), ("two", "2")):
        proc = subprocess.run([sys.executable, "-m", "geo.cli", "run", str(SEEDS), "--out", str(tmp_path / name),
                               "--jobs", jobs, "--corrections", str(path), "--embed"],
                              capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 2 and "not applied" in proc.stderr and "Aleppo city" in proc.stderr
        runs.append(tmp_path / name)
    names = sorted(p.name for p in runs[0].iterdir())
    assert "review-audit.csv" in names and names == sorted(p.name for p in runs[1].iterdir())
    for name in names:
        assert (runs[0] / name).read_bytes() == (runs[1] / name).read_bytes(), name


def test_corrections_survive_a_rule_change_that_shifts_claim_ids(extracted, tmp_path):
    """A vocabulary layer that makes "Aleppo" no place drops the ministry's first claim: the claims after it in
    the sentence take the ids of those before them. The decisions follow their claims, not the ids; the one
    about the claim that is gone is reported as stale."""
    aleppo = claim_row(extracted, MINISTRY, "province of Aleppo")
    idlib = claim_row(extracted, MINISTRY, "Idlib")
    hama = claim_row(extracted, MINISTRY, "Hama")
    path = write_decisions(tmp_path / "decided.csv", [
        about(idlib, decision="correct"),
        about(hama, decision="wrong claimant", new_claimant="Defence ministry spokesman Igor Konashenkov"),
        about(aleppo, decision="change", new_target="a command post (checked)"),
    ])
    layer = tmp_path / "vocab" / "no-aleppo"
    layer.mkdir(parents=True)
    (layer / "not_places.txt").write_text("# the rule change: Aleppo is no place\nAleppo\n", encoding="utf-8")

    def ministry(out: Path) -> dict[str, dict]:
        features = json.loads((out / "strikes.geojson").read_text(encoding="utf-8"))["features"]
        return {f["properties"]["place_text"]: f["properties"] for f in features
                if f["properties"]["article"] == MINISTRY and f["properties"]["sentence_start"] == idlib["sentence_start"]}

    before = _run("--out", tmp_path / "before", "--corrections", path)
    assert before.returncode == 0, before.stderr
    after = _run("--out", tmp_path / "after", "--corrections", path, env={"STRIKEMAP_VOCAB_DIR": str(tmp_path / "vocab")})
    assert after.returncode == 2
    was, now = ministry(tmp_path / "before"), ministry(tmp_path / "after")
    assert set(was) == {"province of Aleppo", "Idlib", "Hama"} and set(now) == {"Idlib", "Hama"}
    # The rule change handed the ids on: Idlib's claim has Aleppo's old id, Hama's has Idlib's.
    assert (now["Idlib"]["claim_id"], now["Hama"]["claim_id"]) == (aleppo["claim_id"], idlib["claim_id"])
    for run in (was, now):
        assert run["Idlib"]["review_status"] == "verified" and run["Idlib"]["claimant"] == "Russian Defense Ministry"
        assert run["Hama"]["claimant"] == "Defence ministry spokesman Igor Konashenkov"
        assert run["Hama"]["review_status"] == "corrected"
    assert was["province of Aleppo"]["target"] == "a command post (checked)"
    everything = json.loads((tmp_path / "after" / "strikes.geojson").read_text(encoding="utf-8"))["features"]
    assert "a command post (checked)" not in {f["properties"]["target"] for f in everything}  # applied to no other claim
    report = json.loads((tmp_path / "after" / "run-report.json").read_text(encoding="utf-8"))["corrections"]
    (stale,) = report["not_applied"]
    assert (stale["line"], stale["problem"]) == (4, "stale") and "'province of Aleppo'" in stale["message"]
    assert f"{path}:4" in after.stderr and "stale" in after.stderr


def test_the_map_of_reviewed_claims_only(extracted, tmp_path):
    idlib = claim_row(extracted, MINISTRY, "Idlib")
    rastan = claim_row(extracted, SANA, "Rastan")
    lavrov = claim_row(extracted, MINISTRY, "Syria", claimant="Lavrov")
    total = len({r["claim_id"] for r in rows_of(extracted)})
    path = write_decisions(tmp_path / "decided.csv", [
        about(idlib, decision="correct"), about(rastan, decision="verify"), about(lavrov, decision="verify")])
    proc = _run("--out", tmp_path / "out", "--corrections", path, "--verified-only", "--self-contained")
    assert proc.returncode == 0, proc.stderr
    assert f"only the reviewed claims (3 of {total})" in proc.stdout
    page = (tmp_path / "out" / "strikes.html").read_text(encoding="utf-8")
    popups = page[page.index("var strikemap_popups = ["):page.index("];", page.index("var strikemap_popups = ["))]
    assert popups.count("<b>Review:<\\/b> verified") == 2 and "near Tallbīsah" not in popups  # only the rows checked
    assert f"only reviewed claims shown: 3 of {total} claims reviewed (3 verified)" in page
    assert "Claims not on the map (1)" in page and "3 claims: 2 on the map at a town or site, 0 as areas, 1 with no place" in page
    # The map's events are made of the reviewed claims alone; the data files keep every claim.
    assert "Events: multiple sources" not in page
    claims = json.loads((tmp_path / "out" / "strikes.geojson").read_text(encoding="utf-8"))["features"]
    assert len({f["properties"]["claim_id"] for f in claims}) == total


def test_an_edited_article_keeps_its_decisions_where_the_sentence_reads_nearly_the_same(extracted, tmp_path):
    """A typo fixed in the sentence: found by its offsets, as it reads nearly the same. Offsets alone never
    find a sentence that reads otherwise."""
    from geo.pipeline import extract

    from .conftest import copy_seeds

    idlib = claim_row(extracted, MINISTRY, "Idlib")
    kremlin = claim_row(extracted, MINISTRY, "", start=1117)
    folder = copy_seeds(tmp_path / "in")
    article = folder / f"{MINISTRY}.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("had flown 18 sorties", "had flown eighteen sorties"),
                       encoding="utf-8")
    store, _, _, _ = extract([folder], jobs=1)
    at = lambda row: {"sentence_start": row["sentence_start"], "sentence_end": row["sentence_end"]}  # noqa: E731
    path = write_decisions(tmp_path / "decided.csv", [
        {**about(idlib, decision="correct"), **at(idlib)},
        {**about(kremlin, decision="verify"), **at(kremlin), "sentence": "The Kremlin said nothing of the kind, ever."},
    ])
    review = apply_corrections(store, read_books([path]), [folder])
    assert [o.kind for o in review.outcomes] == ["applied", "stale"]
    row = next(r for r in rows_of(review.store) if r["place_text"] == "Idlib")
    assert row["review_status"] == "verified" and "eighteen sorties" in row["sentence"]
    store.close()


def test_a_reviewers_value_carries_what_extraction_derives_from_it():
    """A new claimant gets its one name as extraction gives it (the map's layers group by it); a canonical place
    beside a moved one, where the table has it, is emptied."""
    from geo.claims.actors import canonical_actor
    from geo.corrections.apply import _move, _set
    from geo.corrections.places import Located

    row = {"claimant": "SANA", "claimant_actor": "Syrian Arab News Agency", "claimant_type": "state media",
           "claimant_country": "SY", "place": "Idlib", "place_canonical": "Idlib", "point": (36.6, 35.9)}
    _set(row, {"claimant": "the Syrian Observatory for Human Rights"})
    assert row["claimant"] == "the Syrian Observatory for Human Rights"
    assert row["claimant_actor"] == canonical_actor(row["claimant"], row["claimant_country"]) != "Syrian Arab News Agency"
    _move(row, Located("Ariha", "geonames:1", "locality", "SY", "13", 5.0, 36.6, 35.8))
    assert (row["place"], row["place_canonical"], row["point"]) == ("Ariha", "", (36.6, 35.8))



def test_a_claim_a_reviewer_calls_an_interception_is_kept_apart_from_the_strikes(extracted, tmp_path):
    idlib = claim_row(extracted, MINISTRY, "Idlib")
    path = write_decisions(tmp_path / "decided.csv", [about(idlib, decision="change", new_event_type="interception")])
    proc = _run("--out", tmp_path / "out", "--corrections", path)
    assert proc.returncode == 0, proc.stderr
    strikes = json.loads((tmp_path / "out" / "strikes.geojson").read_text(encoding="utf-8"))["features"]
    assert idlib["claim_id"] not in {f["properties"]["claim_id"] for f in strikes}
    (kept,) = json.loads((tmp_path / "out" / "interceptions.geojson").read_text(encoding="utf-8"))["features"]
    assert (kept["properties"]["claim_id"], kept["properties"]["review_status"]) == (idlib["claim_id"], "corrected")
    counts = json.loads((tmp_path / "out" / "run-report.json").read_text(encoding="utf-8"))["counts"]
    assert counts["interceptions"] == 1 and counts["review"]["corrected"] == 1
