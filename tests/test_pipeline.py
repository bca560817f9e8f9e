"""The whole job on the seed articles: score, file formats, map, determinism, the command line."""
from __future__ import annotations

import html as html_lib
import json
import re
import subprocess
import sys
from collections import defaultdict

import pytest

from geo.pipeline import run

from .conftest import ROOT

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("maps")
    return run([SEEDS], out)


def test_seed_claims_score_against_the_gold(seed_run, shared):
    """A floor that catches a broken extractor, not a pin: the exact scores of the seeds and of
    every development corpus are benchmarks/claims.py's to print (the seeds score 1.00 there)."""
    scorer = shared / "tools" / "score_claims.py"
    proc = subprocess.run(
        [sys.executable, str(scorer), str(shared / "gold" / "seeds.json"), str(seed_run.outputs["geojson"]), "--json"],
        capture_output=True, text=True, check=True,
    )
    report = json.loads(proc.stdout[: proc.stdout.rindex("}") + 1])
    assert report["recall"] >= 0.8, report["misses"]
    assert report["claimant"] >= 0.8, report["misses"]
    assert report["precision"] >= 0.8, report["false_positives"]
    assert report["negatives"] <= 1, report["negative_hits"]


def test_geojson_is_rfc7946_with_flat_single_typed_properties(seed_run):
    data = json.loads(seed_run.outputs["geojson"].read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    types: dict[str, set[str]] = defaultdict(set)
    required = {"claim_id", "article", "place", "place_id", "precision", "claimant", "claimant_type",
                "stance", "target", "target_category", "target_affiliation", "casualties", "sentence"}
    for feature in data["features"]:
        props = feature["properties"]
        assert required <= set(props)
        for key, value in props.items():
            assert not isinstance(value, (dict, list)), key
            if value is not None:
                types[key].add(type(value).__name__)
        geometry = feature["geometry"]
        if geometry is not None:
            lon, lat = geometry["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            assert all(len(repr(c).split(".")[-1]) <= 7 for c in (lon, lat))
        assert props["stance"] in ("asserts", "denies")
        assert props["precision"] in ("", "site", "locality", "region", "admin1", "country")
    assert all(len(t) == 1 for t in types.values()), dict(types)
    assert types["casualties"] == {"int"}
    # Claims with no place are kept, with no geometry.
    assert any(f["geometry"] is None for f in data["features"])
    # Every article's text offsets point at the quoted sentence.
    for feature in data["features"]:
        p = feature["properties"]
        text = (SEEDS / f"{p['article']}.txt").read_text(encoding="utf-8")
        assert text[p["sentence_start"]:p["sentence_end"]] == p["sentence"]


def test_seed_events_show_the_contested_northern_homs_picture(seed_run):
    events = seed_run.events
    contested = events[events["grading"] == "contested"]
    assert len(contested) == 1
    event = contested.iloc[0]
    # Places as the articles write them (GeoNames' "Tallbīsah", "Ar Rastan" are in place_canonical).
    assert {"Talbiseh", "Rastan", "northern Homs"} <= set(event["places"].split("; "))
    assert "SANA" in event["claimants"] and "Khoja" in event["claimants"]
    assert "civilians" in event["grading_reason"] and "ISIL" in event["grading_reason"]


def test_geopackage_csv_and_qgis_styles(seed_run):
    import csv
    import sqlite3
    import xml.etree.ElementTree as ET

    import pyogrio

    from geo.output.gis import ACLED_COLUMNS

    gpkg = seed_run.outputs["geopackage"]
    layers = {name: kind for name, kind in pyogrio.list_layers(gpkg)}
    assert layers["claims"] == layers["events"] == layers["places"] == "Point"
    claims = pyogrio.read_dataframe(gpkg, layer="claims")
    assert len(claims) == len(seed_run.table)
    info = pyogrio.read_info(gpkg, layer="claims")
    types = dict(zip(info["fields"], info["dtypes"]))
    assert types["casualties"] == "int64" and types["claimant"] == "object" and types["uncertainty_km"] == "float64"
    assert claims["casualties"].isna().any()  # nulls stay null
    with sqlite3.connect(gpkg) as db:
        styles = dict(db.execute("SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault = 1"))
    assert set(styles) == {"claims", "events", "places"}
    for qml in [*styles.values(), seed_run.outputs["qml"].read_text(encoding="utf-8")]:
        root = ET.fromstring(qml.split("\n", 1)[1])
        assert root.tag == "qgis" and root.find("renderer-v2") is not None
    assert seed_run.outputs["csv"].read_bytes().startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel reads UTF-8 by
    with open(seed_run.outputs["csv"], encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == [c for c, _ in ACLED_COLUMNS] and len(rows) == len(seed_run.table)
    rastan = [r for r in rows if r["location"] == "Rastan"][0]
    assert (rastan["geo_precision"], rastan["country"]) == ("1", "SY")


def test_summary_counts_every_claim(seed_run):
    c = seed_run.counts
    assert c["claims"] == c["on_map"] + c["not_on_map"] and c["no_place"] > 0
    assert c["on_map"] == c["at_point"] + c["as_area"] and c["not_on_map"] == c["no_place"] + c["country_only"]
    assert seed_run.articles == 5 and not seed_run.problems


def _layers_and_markers(html: str) -> tuple[list[str], int, int]:
    control = re.search(r"L\.control\.groupedLayers\(null, \{(.*?)\}, \{", html, re.S)
    names = re.findall(r'"((?:[^"\\]|\\.)*)"\s*:\s*feature_group_', control.group(1)) if control else []
    points = len(re.findall(r'"layer": "(?:claim|event)"', html))
    areas = len(re.findall(r"\bL\.circle\(", html)) + html.count('"properties": {}')
    return [html_lib.unescape(json.loads(f'"{n}"')) for n in names], points, areas


def test_map_has_a_layer_per_claimant_and_a_marker_per_located_row(seed_run):
    html = seed_run.outputs["map"].read_text(encoding="utf-8")
    layers, points, areas = _layers_and_markers(html)
    table = seed_run.table
    mapped = table[table.geometry.notna() & (table["precision"] != "country")]
    events = seed_run.events
    affiliations = mapped["target_affiliation"].replace("", "not stated")
    # Counts are claims on the map (a claim naming two towns counts once), as the summary gives them.
    expected = sorted(
        [f"{name} ({n})" for name, n in mapped.assign(actor=mapped["claimant_actor"].where(mapped["claimant_actor"] != "",
                                                                                       mapped["claimant"]))
         .groupby("actor")["claim_id"].nunique().items()]
        + [f"{name} ({n})" for name, n in mapped.assign(a=affiliations).groupby("a")["claim_id"].nunique().items()]
        + [f"Events: {grade} ({n})" for grade, n in events["grading"].value_counts().items()]
        + [f"{kind} ({n})" for kind, n in mapped.assign(k=mapped["event_type"].replace("", "type not stated"))
           .groupby("k")["claim_id"].nunique().items()]
    )
    assert sorted(layers) == expected
    assert any(name.startswith("SANA (") for name in layers)  # "Syrian state news agency SANA" by its one name
    assert "Events: contested (1)" in layers
    # One point per town or site claim, and one ring per event.
    assert points == int(mapped["precision"].isin(["site", "locality"]).sum()) + len(events)
    # Area claims are drawn in the layer of each grouping (claimant, target affiliation, event type).
    from geo.summary import groupings

    assert areas == len(groupings()) * int((~mapped["precision"].isin(["site", "locality"])).sum())
    assert "GeoNames" in html and "CC BY 4.0" in html


def test_the_map_is_written_as_folium_renders_it(seed_run, tmp_path):
    from geo.output.webmap import build_map, write_page

    for options in ({}, {"self_contained": True, "tiles": "none"}):
        written = write_page(build_map(seed_run.table, events=seed_run.events, **options), tmp_path / "map.html")
        rendered = build_map(seed_run.table, events=seed_run.events, **options).get_root().render()
        assert written.read_text(encoding="utf-8") == rendered


def test_outputs_are_byte_identical_across_runs(seed_run, tmp_path):
    again = run([SEEDS], tmp_path)
    for kind in ("geojson", "events", "map"):
        assert again.outputs[kind].read_bytes() == seed_run.outputs[kind].read_bytes(), kind


def test_hostile_article_text_is_escaped_in_the_map(tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text(
        "Hostile <script>alert('title')</script>\n"
        "SANA reported that jets hit <img src=x onerror=alert(1)> depots ${alert(2)} `x` in Rastan "
        "</script><script>alert(3)</script>.\n"
        "The <img src=y onerror=alert(4)> Observatory said jets hit depots in Talbiseh.\n",
        encoding="utf-8",
    )
    result = run([article], tmp_path / "out")
    html = result.outputs["map"].read_text(encoding="utf-8")
    assert len(result.table[result.table.geometry.notna()]) >= 1
    assert "<img src=x" not in html and "alert(3)</script>" not in html and "<script>alert" not in html
    assert "${alert(2)}" not in html
    # Escaped once for HTML; inside the layer's JSON the & itself is written \u0026.
    assert "&lt;img src=x onerror=alert(1)&gt;" in html or "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in html
    # Wherever text is inserted as HTML -- layer names, popups, tooltips -- it is escaped; the
    # accessible description is set with setAttribute, as plain text, so it may keep the raw characters.
    control = re.search(r"L\.control\.groupedLayers\(null, \{(.*?)\}, \{", html, re.S).group(1)
    assert "img src=y" in control and "\\u003cimg src=y" not in control and "<img src=y" not in control
    for value in re.findall(r'"(?:popup|tooltip)": "((?:[^"\\]|\\.)*)"', html):
        assert "\\u003cimg" not in value and "<img" not in value
    assert "<img src=y" not in html


def _cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "geo.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_cli_run_prints_the_summary(tmp_path):
    proc = _cli("run", str(SEEDS), "--out", str(tmp_path / "maps"), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    for line in ("articles read", "claims found", "on the map", "not on the map", "strikes.geojson", "strikes.html"):
        assert line in proc.stdout
    assert (tmp_path / "maps" / "strikes.geojson").exists()


def test_cli_reports_bad_files_without_a_traceback(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text("Title\nSANA said jets hit depots in Rastan.", encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes(b"\xff\xfe\x00\x00garbage\x00" * 50)
    proc = _cli("run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert proc.returncode == 2
    assert "bad.txt" in proc.stderr and "Traceback" not in proc.stderr
    missing = _cli("run", str(tmp_path / "nope"), cwd=tmp_path)
    assert missing.returncode == 1 and "no such file" in missing.stderr and "Traceback" not in missing.stderr


def test_cli_geoparse_json_lines(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Title\nJets hit Idleb and Ḩamāh.", encoding="utf-8")
    proc = _cli("geoparse", str(f), "--json", cwd=tmp_path)
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    text = f.read_text(encoding="utf-8")
    assert {r["name"] for r in records} >= {"Idlib", "Ḩamāh"}
    for r in records:
        assert text[r["start"]:r["end"]] == r["text"]
        assert set(r) == {"file", "start", "end", "text", "name", "lat", "lon", "place_id", "precision", "country", "literal"}


def test_article_links_are_safe_and_the_map_describes_itself(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Title: Raid on Rastan\nDate: 2015-10-01\nSource: Example News\nURL: https://example.org/raid\n\n"
                                  "SANA reported that Russian jets struck ISIL positions in Rastan on Wednesday.\n", encoding="utf-8")
    (src / "evil.txt").write_text("Title: Evil\nURL: javascript:alert(1)\n\n"
                                  "Activists said jets bombed a market in Saraqib.\n", encoding="utf-8")
    result = run([src], tmp_path / "out")
    html = result.outputs["map"].read_text(encoding="utf-8")
    assert 'href="https://example.org/raid" target="_blank" rel="noopener noreferrer"' in html
    assert 'href=\\"javascript' not in html and 'href="javascript' not in html  # never as a link
    assert "Map of 2 claims: " in html and "from 2 articles" in html and "Sources (2 articles)" in html
    assert "2015-09-30 (day" in html  # the resolved date is in the popup


def test_embed_outputs(tmp_path):
    result = run([SEEDS], tmp_path, embed=True, jobs=1)
    out = result.outputs
    snippet = out["snippet"].read_text(encoding="utf-8")
    assert '<iframe src="embed.html" title="Who says what was hit where"' in snippet
    assert "aspect-ratio" in snippet and "<noscript><img src=\"strikes.png\" alt=\"Map of " in snippet
    assert 'strikemap !== "height"' in snippet  # sizes the frame from the map's messages
    embed = out["embed"].read_text(encoding="utf-8")
    assert 'postMessage({ strikemap: "height"' in embed
    assert out["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out["png_alt"].read_text(encoding="utf-8").startswith("Map of ")
    again = run([SEEDS], tmp_path / "again", embed=True, jobs=3).outputs  # the map and the embed each written aside
    assert list(again) == list(out)
    for kind in out:
        assert again[kind].read_bytes() == out[kind].read_bytes(), kind


def test_a_claim_on_a_village_the_gazetteer_lacks_keeps_its_words_in_every_output(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Title: Idlib\n\nThe Syrian Observatory for Human Rights said an air strike on the village of Tlajabin "
                       "killed five people.\n", encoding="utf-8")
    run([article], tmp_path / "out", jobs=1)
    features = json.loads((tmp_path / "out" / "strikes.geojson").read_text(encoding="utf-8"))["features"]
    assert [(f["geometry"], f["properties"]["place_text"]) for f in features] == [(None, "village of Tlajabin")]
    csv_text = (tmp_path / "out" / "strikes.csv").read_text(encoding="utf-8-sig")
    assert ",village of Tlajabin,," in csv_text  # its location, with no coordinates
    page = html_lib.unescape((tmp_path / "out" / "strikes.html").read_text(encoding="utf-8"))
    assert "“village of Tlajabin”, a place the gazetteer lacks" in page
