"""When a claimed strike happened, from the time words in its sentence.

Relative phrases are resolved against the article's publication date, with a
precision after ACLED's time precision:

==========================  ==========================================  =========
phrase                      date                                        precision
==========================  ==========================================  =========
"today", "this morning"     the publication date                        day
"yesterday", "overnight",   the day before publication                  day
"last night"
"on Wednesday",             the last Wednesday on or before             day
"Wednesday's strikes"       publication
"on 30 September",          that date (year of publication when          day
"September 30, 2015"        not written)
"this week", "earlier in    Monday of the publication week              week
the week"
"last week"                 Monday of the week before                   week
"this month", "earlier      first day of the publication month          month
this month"
"last month"                first day of the month before               month
==========================  ==========================================  =========

With no publication date, or no time phrase, the date is unknown: the phrase
is kept, the date is never invented.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from .. import vocab
from .scan import FirstOf

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH_RE = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"

_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("explicit", rf"\b(?:on\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_RE}(?:,?\s+(?P<year>\d{{4}}))?\b"),
        ("explicit", rf"\b(?:on\s+)?{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b"),
        ("today", r"\b(?:today|this morning|this afternoon|this evening|tonight|earlier today)\b"),
        ("yesterday", r"\b(?:yesterday|overnight|last night|the previous night|the night before)\b"),
        ("weekday", r"\b(?:on\s+|last\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:['’]s)?\b"),
        ("this_week", r"\b(?:this week|earlier (?:in )?(?:the|this) week|earlier this week|the past few days)\b"),
        ("last_week", r"\b(?:last week|the previous week|the week before)\b"),
        ("this_month", r"\b(?:this month|earlier (?:in )?(?:the|this) month)\b"),
        ("last_month", r"\b(?:last month|the previous month)\b"),
    )
)


@dataclass(frozen=True)
class EventDate:
    """``date``: ISO date ("" when unknown); ``precision``: day | week | month | unknown."""

    date: str
    precision: str
    phrase: str


UNKNOWN = EventDate("", "unknown", "")


def _month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    return next(i for i, m in enumerate(MONTHS, start=1) if m.startswith(word[:3]))


_FIRST_PHRASE = FirstOf(tuple(p for _, p in _PATTERNS))


class TimePhrase(NamedTuple):
    """A time phrase as written ("on Wednesday", "overnight"), with its offsets and kind."""

    start: int
    end: int
    text: str
    kind: str  # explicit | today | yesterday | weekday | this_week | last_week | this_month | last_month
    match: re.Match


def time_phrases(text: str, offset: int = 0) -> list[TimePhrase]:
    """The time phrases of ``text``, in order (offsets shifted by ``offset``): the document's
    annotation (:meth:`geo.doc.Doc.times`)."""
    return [TimePhrase(offset + m.start(), offset + m.end(), m.group(), _PATTERNS[index][0], m)
            for index, m in _FIRST_PHRASE.finditer(text) if not _names_an_event(text, m)]


# A date that names an event is no date of what the sentence reports: "the October 7 attack",
# "the September 11 attacks", "the 2015 Paris bombings".
_EVENT_AFTER_RE = re.compile(rf"\s*(?:(?-i:[A-Z])[\w’'-]+\s+){{0,2}}(?:{vocab.words_pattern('event_nouns')})\b", re.IGNORECASE)
_THE_BEFORE_RE = re.compile(r"(?:\b(?:the|since|after|before|of)|\w['’]s)\s+$", re.IGNORECASE)  # "Hamas's October 7 attack"


def _names_an_event(text: str, m: re.Match) -> bool:
    return (_EVENT_AFTER_RE.match(text, m.end()) is not None
            and _THE_BEFORE_RE.search(text, max(0, m.start() - 8), m.start()) is not None)


def resolve_date(text: str, published: date | None) -> EventDate:
    """The event date of a claim sentence (see the module docstring): its first time phrase."""
    found = time_phrases(text)
    return resolve(found[0] if found else None, published)


def resolve(found: TimePhrase | None, published: date | None) -> EventDate:
    """The date a time phrase gives, against the publication date."""
    if found is None:
        return UNKNOWN
    kind, m = found.kind, found.match
    phrase = m.group().strip()
    if published is None:
        return EventDate("", "unknown", phrase)
    if kind == "explicit":
        try:
            year = int(m["year"]) if m["year"] else published.year
            day = date(year, _month_number(m["month"]), int(m["day"]))
        except ValueError:
            return EventDate("", "unknown", phrase)
        if not m["year"] and day > published:
            day = day.replace(year=year - 1)  # "30 December" in a January article
        return EventDate(day.isoformat(), "day", phrase)
    if kind == "today":
        return EventDate(published.isoformat(), "day", phrase)
    if kind == "yesterday":
        return EventDate((published - timedelta(days=1)).isoformat(), "day", phrase)
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS.index(m["weekday"].lower())) % 7
        if phrase.lower().startswith("last ") and back == 0:
            back = 7
        return EventDate((published - timedelta(days=back)).isoformat(), "day", phrase)
    monday = published - timedelta(days=published.weekday())
    if kind == "this_week":
        return EventDate(monday.isoformat(), "week", phrase)
    if kind == "last_week":
        return EventDate((monday - timedelta(days=7)).isoformat(), "week", phrase)
    first = published.replace(day=1)
    if kind == "this_month":
        return EventDate(first.isoformat(), "month", phrase)
    previous = (first - timedelta(days=1)).replace(day=1)
    return EventDate(previous.isoformat(), "month", phrase)


def date_range(event_date: str, precision: str) -> tuple[date, date] | None:
    """The days an event date with its precision may stand for (``None`` when unknown)."""
    if not event_date or precision == "unknown":
        return None
    start = date.fromisoformat(event_date)
    if precision == "day":
        return start, start
    if precision == "week":
        return start, start + timedelta(days=6)
    next_month = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start, next_month - timedelta(days=1)
