"""Vocabulary files and the scanners built from them."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from geo import vocab
from geo.vocab.layers import file_rows


def test_the_openings_every_match_starts_with():
    from geo.vocab.keywords import KeywordIndex, openings

    # up to the first group or class; a class of a few plain characters gives one opening for each
    assert openings(r"Sky News(?: Arabia)?|Al[- ]Jazeera") == ["sky news", "al-jazeera", "al jazeera"]
    assert openings(r"al[- ]?Nusra") == ["al"] and openings(r"x[a-z]y") == ["x"]
    assert openings(r"University of (?:[A-Z][\w’'-]+ ?)+") == ["university of "]
    assert openings(r"(?:field |s)?strikes?") == ["field strikes", "field strike", "sstrikes", "sstrike", "strikes", "strike"]
    assert openings(r"[A-Z]+") == [""] and openings(r"(?:a){2}b") is None
    # An opening too short to rule much out, or none at all, makes a set no shortcut.
    assert not KeywordIndex(["bomb", "[A-Z]+"]).usable and not KeywordIndex(["ab", "bomb"], shortest=3).usable
    index = KeywordIndex(["air ?raids?", "bomb(?:ed|s)?"])
    assert index.usable and index.candidates("two airraids, one bomb") == [(4, frozenset({0})), (18, frozenset({1}))]


def test_organisation_rows_are_case_sensitive_as_the_file_says():
    """Every row of organisations.csv says "sensitive" in the case column (not in expand)."""
    for row in vocab.organisations():
        assert row.attrs["case"] == "sensitive" and not row.regex.flags & re.IGNORECASE
        assert row.attrs["expand"] in ("", "left")


_WORDS = ["Free Syrian Army", "Reuters", "University of Aleppo", "Times", "Post", "al-Qaeda in Iraq", "Al Jazeera",
          "Washington Institute", "Sky", "News", "the", " ", ", ", "-", "Syrian", "Institute", "\n", "é"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=20))
def test_organisation_scanners_find_what_their_regexes_find(parts):
    text = "".join(parts)
    for scanner in vocab.organisations_regex():
        assert scanner.spans(text) == [m.span() for m in scanner.regex.finditer(text)]


def test_a_vocabulary_row_with_too_few_or_too_many_fields_is_named(tmp_path):
    """organisations.csv once lost its case column this way, unseen; now the file and row are named."""
    import pytest

    for body, fields in (("Free Syrian Army,organisation,sensitive\n", 3), ("a,b,c,d,e\n", 5)):
        path = tmp_path / "bad.csv"
        path.write_text("# a comment\npattern,kind,expand,case\n" + body, encoding="utf-8")
        with pytest.raises(vocab.VocabularyError, match=rf"bad.csv, data row 1: {fields} fields where the header has 4"):
            file_rows(path)
    ok = tmp_path / "ok.csv"
    ok.write_text("pattern,kind\nx,y\n", encoding="utf-8")
    assert [r.values for r in file_rows(ok)] == [{"pattern": "x", "kind": "y"}]


UKRAINE_LAYER = """vocabulary,pattern,claimant_type,country,affiliation
actors,Kyiv Independent,media,UA,
actors,(?:Oleh )?Syniehubov,government,UA,
affiliations,Azov(?: Brigade)?,,,Ukrainian forces
"""
UKRAINE_ARTICLE = """Title: Missiles hit Kharkiv and Odesa
Date: 2024-05-21

Russian missiles struck a fuel depot in Kharkiv on Tuesday, Syniehubov said.

The Kyiv Independent reported that drones hit a power plant in Odesa overnight.
"""


def _claimants(out) -> dict[str, tuple[str, str]]:
    import json

    features = json.loads((out / "strikes.geojson").read_text(encoding="utf-8"))["features"]
    return {f["properties"]["claimant"]: (f["properties"]["claimant_type"], f["properties"]["claimant_country"]) for f in features}


def test_a_user_layer_adds_an_outlet_and_an_official_end_to_end(tmp_path):
    """A newsroom covering another war adds its outlet and an official in one CSV; the claims
    they make then carry their types in the GeoJSON. The bundled vocabulary is untouched."""
    import os
    import subprocess
    import sys

    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "kharkiv.txt").write_text(UKRAINE_ARTICLE, encoding="utf-8")
    (tmp_path / "ukraine.csv").write_text(UKRAINE_LAYER, encoding="utf-8")
    env = {**os.environ, "STRIKEMAP_VOCAB_DIR": str(tmp_path / "vocab")}

    def strikemap(*args):
        return subprocess.run([sys.executable, "-m", "geo.cli", *args], env=env, capture_output=True, text=True, timeout=300)

    before = strikemap("run", str(tmp_path / "articles"), "--out", str(tmp_path / "before"), "--jobs", "1", "--quiet")
    assert before.returncode == 0, before.stderr
    assert _claimants(tmp_path / "before")["Syniehubov"][0] == "person"

    imported = strikemap("vocab", "import", str(tmp_path / "ukraine.csv"), "--name", "ukraine")
    assert imported.returncode == 0 and "actors.csv +2" in imported.stdout, imported.stderr
    assert "ukraine" in strikemap("vocab", "list").stdout

    after = strikemap("run", str(tmp_path / "articles"), "--out", str(tmp_path / "after"), "--jobs", "1", "--quiet")
    assert after.returncode == 0, after.stderr
    claimants = _claimants(tmp_path / "after")
    assert claimants["Syniehubov"] == ("government", "UA")
    assert claimants["Kyiv Independent"] == ("media", "UA")


def test_a_bad_user_layer_is_refused_whole_with_file_and_row(tmp_path):
    import pytest

    from geo.vocab.user import import_file

    bad = tmp_path / "bad.csv"
    bad.write_text("vocabulary,pattern,claimant_type\nactors,Kyiv Independent,media\nactors,(unclosed,media\n", encoding="utf-8")
    with pytest.raises(vocab.VocabularyError, match=r"bad.csv \(actors\), data row 2: bad pattern"):
        import_file(bad, folder=tmp_path / "vocab")
    assert not (tmp_path / "vocab").exists()
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("vocabulary,pattern\nmunitions,Shahed\n", encoding="utf-8")
    with pytest.raises(vocab.VocabularyError, match="no vocabulary 'munitions'"):
        import_file(unknown, folder=tmp_path / "vocab")


def test_user_layers_come_before_the_bundled_rows_and_reload_forgets(tmp_path, monkeypatch):
    from geo.vocab.user import import_file

    monkeypatch.setenv("STRIKEMAP_VOCAB_DIR", str(tmp_path / "vocab"))
    layer = tmp_path / "actors.csv"
    layer.write_text("pattern,claimant_type,country\nState News Network,monitor/NGO,\n", encoding="utf-8")
    try:
        import_file(layer, "mine")
        first = vocab.actors()[0]
        assert first.body == "State News Network" and first.label == "monitor/NGO"
        assert vocab.alternation("actors").search("the State News Network said")[1].label == "monitor/NGO"
    finally:
        monkeypatch.delenv("STRIKEMAP_VOCAB_DIR")
        vocab.reload()
    assert vocab.actors()[0].body != "State News Network"


def test_the_labels_the_code_keys_on_are_the_labels_the_files_use():
    """Code reads labels through constants; every bundled row uses one of them, and each kind
    the code asks for is present, so renaming a label in a file cannot silently switch a rule off."""
    assert {p.label for p in vocab.actors()} <= set(vocab.CLAIMANT_TYPES)
    assert {p.attrs["kind"] for p in vocab.affiliations()} <= set(vocab.AFFILIATION_KINDS)
    assert all(vocab.affiliation_labels(kind) for kind in vocab.AFFILIATION_KINDS)
    assert {p.attrs["specific"] for p in vocab.targets()} == {"yes", "no"}
    assert set(vocab.triggers()) == set(vocab.TRIGGER_KINDS)
    from geo.vocab.layers import vocabulary_names

    assert "words.csv" in vocabulary_names()
    for name in ("locative", "strike_verbs", "arabic_articles", "venue_nouns", "skippable"):
        assert vocab.words(name), name



def test_a_word_list_continued_on_more_rows_has_them_together():
    """Rows of one name join into one list: rows that stand apart are two lists merged by mistake."""
    from itertools import groupby

    from geo.resources import data_file
    names = [line.split(",", 1)[0] for line in data_file("vocab", "words.csv").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    runs = [name for name, _ in groupby(names)]
    assert len(runs) == len(set(runs)), sorted(n for n in set(runs) if runs.count(n) > 1)
