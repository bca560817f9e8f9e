"""Relative dates against the publication date, and casualty figures coded after ACLED."""
from __future__ import annotations

from datetime import date

import pytest

from geo.claims.casualties import parse_casualties
from geo.claims.dates import date_range, resolve_date

THURSDAY = date(2015, 10, 1)  # a Thursday


@pytest.mark.parametrize(
    "sentence,expected,precision",
    [
        ("Russian jets struck Talbiseh on Wednesday.", "2015-09-30", "day"),
        ("Thursday's strikes focused on Idlib province.", "2015-10-01", "day"),
        ("Thursday’s strikes focused on Idlib province.", "2015-10-01", "day"),
        ("Jets pounded Rastan overnight.", "2015-09-30", "day"),
        ("Raids hit Hama yesterday.", "2015-09-30", "day"),
        ("Strikes earlier in the week killed 36 civilians.", "2015-09-28", "week"),
        ("Strikes last week hit Homs.", "2015-09-21", "week"),
        ("Jets bombed the town last month.", "2015-09-01", "month"),
        ("Jets bombed the town on 30 September.", "2015-09-30", "day"),
        ("Jets bombed the town on Sept. 27, 2015.", "2015-09-27", "day"),
        ("Jets bombed the town today.", "2015-10-01", "day"),
    ],
)
def test_relative_dates_resolve_against_publication(sentence, expected, precision):
    resolved = resolve_date(sentence, THURSDAY)
    assert (resolved.date, resolved.precision) == (expected, precision)
    assert resolved.phrase and resolved.phrase in sentence


def test_without_publication_date_the_phrase_is_kept_and_the_date_unknown():
    resolved = resolve_date("Russian jets struck Talbiseh on Wednesday.", None)
    assert (resolved.date, resolved.precision, resolved.phrase) == ("", "unknown", "on Wednesday")


def test_no_time_phrase_means_unknown_never_the_publication_date():
    assert resolve_date("Russian jets struck Talbiseh.", THURSDAY).precision == "unknown"


def test_date_ranges():
    assert date_range("2015-09-28", "week") == (date(2015, 9, 28), date(2015, 10, 4))
    assert date_range("2015-02-01", "month") == (date(2015, 2, 1), date(2015, 2, 28))
    assert date_range("", "unknown") is None


@pytest.mark.parametrize(
    "text,low,high,kind",
    [
        ("the strikes killed at least 36 civilians, including five children", 36, None, "civilians"),
        ("more than 30 people were killed", 31, None, "unspecified"),
        ("dozens of civilians were killed", 12, None, "civilians"),
        ("hundreds of fighters died", 100, None, "fighters"),
        ("a family of six was killed in the raid", 6, 6, "civilians"),
        ("between 10 and 15 militants were killed", 10, 15, "fighters"),
        ("the raid killed 7 children", 7, 7, "children"),
        ("up to 20 people were wounded", None, 20, "unspecified"),
        ("36 Syrian civilians had been killed", 36, 36, "civilians"),
    ],
)
def test_casualty_phrasings(text, low, high, kind):
    found = parse_casualties(text)
    assert (found.minimum, found.maximum, found.type) == (low, high, kind)
    assert found.phrase in text


def test_counts_that_are_not_casualties():
    assert parse_casualties("jets hit three depots and 12 vehicles").minimum is None
    assert parse_casualties("Russian aircraft destroyed 12 targets").phrase == ""


def test_a_date_that_names_an_event_after_a_possessive_is_no_date():
    from geo.claims.dates import time_phrases
    assert [t.text for t in time_phrases("since Hamas's October 7 attack on southern Israel, and on Tuesday")] == ["on Tuesday"]
