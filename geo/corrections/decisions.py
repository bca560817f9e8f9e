"""The corrections file: one row per reviewer's decision, a CSV a spreadsheet opens and saves.

A row has three parts:

finding the claim (what a person sees, never the ``claim_id`` hash a rule change reshuffles)
    ``article`` (its id: the file name without extension, or a record's id), ``sentence`` (as written; or
    ``sentence_start`` and ``sentence_end``, offsets into the article's text), ``place_text`` (the place as
    written in the sentence; empty for the claim as a whole), ``mention_start`` (optional: which of two
    mentions of one name). ``place``, ``claimant`` and ``target``, as the reviewer saw them, only tell
    apart claims of one sentence that the rest leaves alike.
the decision
    ``decision`` (see :data:`DECISIONS`), ``reason``, the new values (``new_*``: see :data:`NEW_VALUES`;
    ``-`` clears a value, an empty cell keeps it), ``note``.
who and when
    ``decided_by`` and ``decided_at`` (an ISO date or date and time): every decision says both.

The review sheet (``strikemap review``, :mod:`geo.corrections.sheet`) and the review map's download
write this format, with more columns of evidence beside it; columns the reader does not know are ignored.
"""
from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .. import vocab

#: The columns that find a decision's claim.
FINDER_COLUMNS = ("article", "sentence", "sentence_start", "sentence_end", "place_text", "mention_start")
#: What the reviewer saw of the claim: used only to tell apart claims of one sentence.
SHOWN_COLUMNS = ("place", "claimant", "target")
#: The new values a decision may give, by the claims-table column each sets (``new_`` + column).
NEW_VALUES = ("place", "country", "lat", "lon", "precision", "claimant", "claimant_type", "striker", "target",
              "target_affiliation", "event_type", "stance", "event_date", "date_precision", "casualties_min",
              "casualties_max")
DECISION_COLUMNS = ("decision", "reason", *(f"new_{name}" for name in NEW_VALUES), "note", "decided_by", "decided_at")
#: A corrections file's columns, in the order strikemap writes them.
CORRECTION_COLUMNS = (*FINDER_COLUMNS, *SHOWN_COLUMNS, *DECISION_COLUMNS)

VERIFY, REJECT, CHANGE, ADD, NOTE = "verify", "reject", "change", "add", "note"
#: Decision words a reviewer may write (any case), and what each does: (kind, reason given, value it needs).
DECISIONS = {
    "verify": (VERIFY, "", ""), "verified": (VERIFY, "", ""), "correct": (VERIFY, "", ""), "ok": (VERIFY, "", ""),
    "reject": (REJECT, "", ""), "not a strike": (REJECT, "not a strike", ""), "duplicate": (REJECT, "duplicate", ""),
    "change": (CHANGE, "", ""), "wrong place": (CHANGE, "wrong place", ""),
    "wrong claimant": (CHANGE, "wrong claimant", "claimant"),
    "add": (ADD, "", ""), "note": (NOTE, "", ""),
}
CLEAR = "-"  # a new value that clears the field
#: Where a point given by coordinates may lie: a point cannot stand for a province or a country.
POINT_PRECISIONS = ("site", "locality", "region", "admin2")
PLACE_PRECISIONS = ("site", "locality", "region", "admin2", "admin1", "country")
DATE_PRECISIONS = ("day", "week", "month")
STANCES = ("asserts", "denies")
_FORMULA = "=+@"  # a spreadsheet would run a cell starting so; the sheet writes it after a "'"


class CorrectionsError(Exception):
    """A corrections file that cannot be read at all (missing, not a CSV, no ``article`` or ``decision`` column)."""


@dataclass(frozen=True)
class NewPlace:
    """Where a reviewer puts a claim: a gazetteer id or name (``name``, with ``country`` to help), or a point."""

    name: str = ""
    country: str = ""
    lat: float | None = None
    lon: float | None = None
    precision: str = ""


@dataclass(frozen=True)
class Decision:
    """One row of a corrections file, checked.

    ``values`` holds the new values by claims-table column (``None`` clears one);
    ``place`` the new place, if any; ``line`` the row's line in ``file``.
    """

    file: str
    line: int
    kind: str
    label: str  # the decision as written ("wrong place")
    reason: str
    article: str
    sentence: str
    sentence_start: int | None
    sentence_end: int | None
    place_text: str
    mention_start: int | None
    shown: dict[str, str]
    values: dict[str, object]
    place: NewPlace | None
    note: str
    decided_by: str
    decided_at: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def describe(self) -> str:
        """The claim the decision is about, in words: "article 000_x, 'The Russian Defense ...', at 'Idlib'"."""
        said = self.sentence if len(self.sentence) <= 70 else self.sentence[:67] + "..."
        sentence = f"'{said}'" if said else f"characters {self.sentence_start}-{self.sentence_end}"
        return f"article {self.article}, {sentence}" + (f", at '{self.place_text}'" if self.place_text else "")


@dataclass
class Invalid:
    """A row that is no decision strikemap can apply, and why."""

    file: str
    line: int
    message: str
    decision: str = ""
    article: str = ""

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Book:
    """Every decision of the corrections files, in the order given (files in turn, rows in file order)."""

    files: list[str] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    invalid: list[Invalid] = field(default_factory=list)
    undecided: int = 0  # sheet rows left empty: no decision, nothing to apply

    def __bool__(self) -> bool:
        return bool(self.files)


def text_in(value: str) -> str:
    """A cell as strikemap wrote it: the "'" put before a formula-like value taken off."""
    return value[1:] if value[:1] == "'" and value[1:2] in _FORMULA and value[1:2] else value


def text_out(value) -> str:
    """A cell for a sheet a spreadsheet opens: text that would start a formula is written after a "'"."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in _FORMULA and text else text


def read_books(paths: Iterable[str | Path]) -> Book:
    """The decisions of the corrections files at ``paths``; raises :class:`CorrectionsError` for a file that
    cannot be read at all. Rows that cannot be applied are kept in :attr:`Book.invalid`, each with why."""
    book = Book()
    for path in paths:
        book.files.append(str(path))
        for item in _rows(Path(path)):
            if item is None:
                book.undecided += 1
            elif isinstance(item, Invalid):
                book.invalid.append(item)
            else:
                book.decisions.append(item)
    return book


def _decoded(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorrectionsError(f"cannot read corrections file {path}: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:  # a spreadsheet saved it in its own encoding
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise CorrectionsError(f"{path} is not a text file") from None
        return str(best)


def _rows(path: Path) -> Iterator[Decision | Invalid | None]:
    text = _decoded(path)
    head = text[:4096].split("\n", 1)[0]
    try:  # spreadsheets in some locales save with ";" or tabs
        dialect = csv.Sniffer().sniff(head, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    names = {(n or "").strip().lower() for n in reader.fieldnames or ()}
    missing = [c for c in ("article", "decision") if c not in names]
    if missing:
        raise CorrectionsError(f"{path} is not a corrections file: it has no {' and no '.join(missing)} column "
                               f"(write one with 'strikemap review')")
    line = reader.line_num
    for row in reader:
        cells = {(k or "").strip().lower(): (v or "").strip() if isinstance(v, str) else "" for k, v in row.items()}
        yield _decision(str(path), line + 1, cells)
        line = reader.line_num


def _decision(file: str, line: int, cells: dict[str, str]) -> Decision | Invalid | None:
    """A row as a :class:`Decision`, an :class:`Invalid` saying why not, or ``None`` for a row with no decision."""
    label = " ".join(cells.get("decision", "").lower().replace("_", " ").split())
    new = {name: text_in(cells.get(f"new_{name}", "")) for name in NEW_VALUES}
    note = text_in(cells.get("note", ""))
    if not label:
        if not any(new.values()) and not note:
            return None  # a sheet row nobody decided on
        label = "change" if any(new.values()) else "note"  # the reviewer filled in values and left the word out
    bad = lambda message: Invalid(file, line, message, label, cells.get("article", ""))  # noqa: E731
    if label not in DECISIONS:
        return bad(f"unknown decision {label!r} (one of: {', '.join(DECISIONS)})")
    kind, reason, needs = DECISIONS[label]
    try:
        values, place = _values(new)
        finder = _finder(cells)
    except ValueError as exc:
        return bad(str(exc))
    decided_by, decided_at = cells.get("decided_by", ""), cells.get("decided_at", "")
    if not decided_by or not decided_at:
        return bad("every decision says who decided and when: decided_by and decided_at must be filled in")
    if not _is_time(decided_at):
        return bad(f"decided_at {decided_at!r} is not a date (write 2024-05-31, or 2024-05-31T14:05)")
    if needs and not values.get(needs):
        return bad(f"'{label}' needs the right value in new_{needs}")
    if kind in (VERIFY, REJECT) and (values or place):
        return bad(f"'{label}' takes no new values (write 'change' to change the claim)")
    if kind == CHANGE and not values and place is None and label != "wrong place":
        return bad("'change' needs a new value (a new_... column)")
    if kind == NOTE and not note:
        return bad("'note' needs the note")
    if kind == ADD and not finder["sentence"] and finder["sentence_start"] is None:
        return bad("'add' needs the sentence the claim is made in")
    return Decision(file, line, kind, label, text_in(cells.get("reason", "")) or reason, **finder,
                    shown={name: text_in(cells.get(name, "")) for name in SHOWN_COLUMNS},
                    values=values, place=place, note=note, decided_by=text_in(decided_by), decided_at=decided_at)


def _finder(cells: dict[str, str]) -> dict:
    article = text_in(cells.get("article", ""))
    sentence = text_in(cells.get("sentence", ""))
    start, end = _offset(cells, "sentence_start"), _offset(cells, "sentence_end")
    if not article:
        raise ValueError("no article: say which article the claim is in (its id, as the sheet lists it)")
    if not sentence and (start is None or end is None or end <= start):
        raise ValueError("no sentence: give the sentence as written, or its sentence_start and sentence_end")
    return {"article": article, "sentence": sentence, "sentence_start": start, "sentence_end": end,
            "place_text": text_in(cells.get("place_text", "")), "mention_start": _offset(cells, "mention_start")}


def _offset(cells: dict[str, str], name: str) -> int | None:
    value = cells.get(name, "")
    if not value:
        return None
    number = _integer(value, name)
    if number is None:
        raise ValueError(f"{name} cannot be cleared")
    return number


def _integer(value: str, name: str) -> int | None:
    if value == CLEAR:
        return None
    try:
        number = float(value.replace(",", ""))
    except ValueError:
        raise ValueError(f"{name} {value!r} is not a whole number") from None
    if not number.is_integer() or number < 0:
        raise ValueError(f"{name} {value!r} is not a whole number of 0 or more")
    return int(number)


def _choice(value: str, name: str, allowed: tuple[str, ...]) -> str:
    word = value.lower()
    if word not in allowed:
        raise ValueError(f"new_{name} {value!r} is not one of: {', '.join(allowed)}")
    return word


def _values(new: dict[str, str]) -> tuple[dict[str, object], NewPlace | None]:
    """The new claim values of a row, checked, and its new place."""
    values: dict[str, object] = {}
    for name in ("claimant", "striker", "target", "target_affiliation"):
        if new[name]:
            values[name] = "" if new[name] == CLEAR else new[name]
    if new["event_type"]:  # "interception" keeps the claim apart from the strikes, as extraction's do
        values["event_type"] = "" if new["event_type"] == CLEAR else _choice(new["event_type"], "event_type",
                                                                             tuple(vocab.EVENT_TYPES))
    if new["claimant_type"]:
        types = tuple(vocab.CLAIMANT_TYPES)
        values["claimant_type"] = _choice(new["claimant_type"], "claimant_type", types)
    if new["stance"]:
        values["stance"] = _choice(new["stance"], "stance", STANCES)
    if new["event_date"] or new["date_precision"]:
        values.update(_date(new["event_date"], new["date_precision"]))
    for name in ("casualties_min", "casualties_max"):
        if new[name]:
            values[name] = _integer(new[name], f"new_{name}")
    low, high = values.get("casualties_min"), values.get("casualties_max")
    if low is not None and high is not None and low > high:
        raise ValueError(f"new_casualties_min {low} is above new_casualties_max {high}")
    return values, _place(new)


def _date(value: str, precision: str) -> dict[str, str]:
    """``event_date`` and ``date_precision`` from "2015-10-01", "2015-10" (a month) or "-" (unknown)."""
    if value == CLEAR:
        return {"event_date": "", "date_precision": "unknown"}
    precision = _choice(precision, "date_precision", DATE_PRECISIONS) if precision else ""
    if not value:
        raise ValueError("new_date_precision needs new_event_date")
    if re.fullmatch(r"\d{4}-\d{2}", value):
        value, precision = value + "-01", precision or "month"
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"new_event_date {value!r} is not a date (write 2015-10-01, or 2015-10 for a month)") from None
    return {"event_date": day.isoformat(), "date_precision": precision or "day"}


def _place(new: dict[str, str]) -> NewPlace | None:
    name, lat, lon = new["place"], new["lat"], new["lon"]
    precision = _choice(new["precision"], "precision", PLACE_PRECISIONS) if new["precision"] else ""
    country = new["country"].upper()
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        raise ValueError(f"new_country {new['country']!r} is not a two-letter country code")
    if lat or lon:
        point = _coordinate(lat, "new_lat", 90), _coordinate(lon, "new_lon", 180)
        if precision and precision not in POINT_PRECISIONS:
            raise ValueError(f"a point given by new_lat and new_lon stands for a {' or '.join(POINT_PRECISIONS)}, "
                             f"not a {precision}: give the {precision} by name in new_place")
        return NewPlace(name, country, point[0], point[1], precision or "locality")
    if name == CLEAR:
        raise ValueError("new_place cannot be cleared: write 'wrong place' with no new place to take the place away")
    if precision and not name:
        raise ValueError("new_precision needs new_place, or new_lat and new_lon")
    return NewPlace(name, country, precision=precision) if name else None


def _coordinate(value: str, name: str, limit: float) -> float:
    try:
        number = float(value.replace(",", ".")) if value.count(",") == 1 and "." not in value else float(value)
    except ValueError:
        raise ValueError(f"{name} {value!r} is not a number (new_lat and new_lon go together)") from None
    if not math.isfinite(number) or abs(number) > limit:
        raise ValueError(f"{name} {value!r} is not a coordinate (between -{limit:g} and {limit:g})")
    return number


def _is_time(value: str) -> bool:
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return False
    return True


def normal(text: str) -> str:
    """Text as compared when finding a claim: Unicode-composed, quotes straightened, spaces collapsed, case folded."""
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_QUOTES)
    return " ".join(text.split()).casefold()


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"',
                         "\u00ab": '"', "\u00bb": '"', "\u00a0": " "})


def write_csv(rows: Iterable[dict], columns: tuple[str, ...], out: io.TextIOBase) -> None:
    """Rows (dicts by column) as CSV with ``columns``; formula-like text escaped for spreadsheets (:func:`text_out`)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([text_out(row.get(c, "")) for c in columns])
