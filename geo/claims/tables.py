"""Rows of a table in an article: the incident logs monitors and NGOs publish.

    No. | Date | Location | Type | Alleged perpetrator | Civilian casualties | Sources
    08 | 8 Feb | Khartoum Bahri, Haj Yousif (East Nile) | Drone strike | SAF | 3 killed | Residents

A row is a line of its own with cells set apart by ``|`` (plain text and Markdown
tables alike). Its cells are no prose: nobody in it "said" anything (the log is the
publisher's own account), and only the cells under a heading that names a place
("Location", "Place", "Village") say where the attack was; the others name the
sources, the perpetrator, the dead. The table's heading row is the first line of its
block of rows when no cell of it holds a figure.
"""
from __future__ import annotations

import re

from dataclasses import dataclass

from .. import vocab

SEPARATOR = "|"
MIN_CELLS = 3  # "a | b" is a line with a bar in it; a table has at least three columns
#: Headings of the column that says where an incident was.
PLACE_HEADINGS = vocab.words("table_place_headings")
AREA_HEADINGS = vocab.words("table_area_headings")


@dataclass(frozen=True)
class TableRow:
    """One row: its cells' spans (text offsets, blanks trimmed) and the headings above them ("" where none)."""

    cells: tuple[tuple[int, int], ...]
    headings: tuple[str, ...]
    heading_row: bool = False  # the row of headings itself

    def cell_at(self, pos: int) -> int | None:
        """The index of the cell holding text offset ``pos``."""
        return next((k for k, (start, end) in enumerate(self.cells) if start <= pos <= end), None)

    @property
    def place_column(self) -> int | None:
        """The column whose heading names a place, if the table has one."""
        fine = next((k for k, h in enumerate(self.headings) if set(h.split()) & PLACE_HEADINGS), None)
        return fine if fine is not None else next((k for k, h in enumerate(self.headings) if set(h.split()) & AREA_HEADINGS),
                                                  None)


def table_row(text: str, start: int, end: int) -> TableRow | None:
    """The table row that the sentence ``text[start:end]`` is, or None."""
    if text.count(SEPARATOR, start, end) < MIN_CELLS - 1:
        return None
    line_start, line_end = text.rfind("\n", 0, start) + 1, _line_end(text, end)
    if text[line_start:start].strip() or text[end:line_end].strip():
        return None  # a sentence inside a line of prose with bars in it, not a line of its own
    cells = _cells(text, line_start, line_end)
    if len(cells) < MIN_CELLS:
        return None
    first = line_start  # the block's first line: walk up over the rows right above with as many cells
    while first > 0:
        above = text.rfind("\n", 0, first - 1) + 1
        if _RULE_RE.fullmatch(text, above, first - 1) and above > 0:
            # a rule under the headings ("-------+------", "|---|---|"): the headings are the line above it
            over = text.rfind("\n", 0, above - 1) + 1
            if len(_cells(text, over, above - 1)) == len(cells):
                first = over
            break
        if len(_cells(text, above, first - 1)) != len(cells):
            break
        first = above
    top = cells if first == line_start else _cells(text, first, _line_end(text, first))
    if any(ch.isdigit() for start_, end_ in top for ch in text[start_:end_]):
        return TableRow(tuple(cells), ("",) * len(cells))
    headings = tuple(" ".join(text[s:e].lower().split()) for s, e in top)
    return TableRow(tuple(cells), headings, heading_row=first == line_start)


_RULE_RE = re.compile(r"[ \t]*[-=+:|]*-{3,}[-=+:| \t]*")


def _line_end(text: str, pos: int) -> int:
    found = text.find("\n", pos)
    return len(text) if found < 0 else found


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of a line's cells, blanks trimmed; a Markdown row's outer bars open and close no cell."""
    line = text[start:end]
    if line.count(SEPARATOR) < MIN_CELLS - 1:
        return []
    spans, at = [], start
    for piece in line.split(SEPARATOR):
        lead = len(piece) - len(piece.lstrip())
        spans.append((at + lead, at + len(piece.rstrip())))
        at += len(piece) + 1
    if line.strip().startswith(SEPARATOR):
        spans = spans[1:]
    if line.strip().endswith(SEPARATOR):
        spans = spans[:-1]
    return spans
