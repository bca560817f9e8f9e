"""Vocabulary files and the scanners built from them."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from geo import vocab


def test_strings_every_match_needs():
    need = vocab.required_strings
    assert need(re.compile(r"Sky News(?: Arabia)?|Al[- ]Jazeera")) == ("Sky News", "Jazeera")
    assert need(re.compile(r"(?<![\w-])(?:University of (?:[A-Z][\w’'-]+ ?)+)(?![\w-])")) == ("University of ",)
    assert need(re.compile(r"Syrian Civil Defen[cs]e")) == ("Syrian Civil Defen",)
    assert need(re.compile(r"ab?c")) == ("a",)
    assert need(re.compile(r"x(?:yz)+")) == ("yz",)
    # Nothing is promised where some match holds no plain string, or case does not count.
    assert need(re.compile(r"News|[A-Z]+")) is None
    assert need(re.compile(r"(?:Post)?")) is None
    assert need(re.compile(r"Reuters", re.IGNORECASE)) is None
    assert need(re.compile(r"(?i:Reuters)")) is None


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
            vocab._rows(path)
    ok = tmp_path / "ok.csv"
    ok.write_text("pattern,kind\nx,y\n", encoding="utf-8")
    assert vocab._rows(ok) == [{"pattern": "x", "kind": "y"}]
