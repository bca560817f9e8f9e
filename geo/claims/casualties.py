"""Casualty figures as a claim states them, coded conservatively after ACLED.

====================================  ============  ===========
phrase                                minimum       maximum
====================================  ============  ===========
"36 civilians", "at least 36"         36            36 / none
"more than 30", "over 30"             31            none
"up to 15", "as many as 15"           none          15
"between 10 and 15", "10 to 15"       10            15
"dozens"                              12            none
"scores"                              20            none
"hundreds"                            100           none
"a family of six"                     6             6
====================================  ============  ===========

``casualty_type`` is ``children``, ``civilians``, ``fighters`` or
``unspecified``; the phrase is kept as written. Only counts of the dead or
wounded are read: the sentence must say someone was killed, died or was hurt.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from .. import vocab
from .scan import FirstOf

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "a dozen": 12,
}
# Vague quantities: (minimum, maximum) as ACLED codes them.
VAGUE = {"dozens": (12, None), "scores": (20, None), "hundreds": (100, None), "several": (3, None), "a few": (2, None)}

_NUM = r"\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_VAGUE = "|".join(sorted(VAGUE, key=len, reverse=True))
_WHO = (r"(?P<who>civilians?|people|persons?|children|child|kids|women|woman|men|man|boys?|girls?|teenagers?|drivers?|"
        r"fighters?|militants?|soldiers?|servicem[ae]n|troops|rebels?|members|residents?|villagers?|jihadists|combatants|"
        r"lives|dead|family|families|others|insurgents|terrorists|elements|gunmen|operatives|commanders|policem[ae]n|"
        r"officers|personnel|passengers|worshippers|farmers|herders|fishermen|workers)\b")
_MODS = r"(?:[\w-]+\s+){0,2}?"
# Right after a verb of harm (fixed-width look-behinds, one per form).
_AFTER_HARM = "(?:" + "|".join(f"(?<={verb} )" for verb in ("killed", "killing", "kills", "wounded", "wounding", "injured",
                                                             "injuring", "injures", "wounds")) + ")"
# ... and counting no people named after it, nor distances, ages, times or shares.
_NOT_COUNTED = (rf"(?!\s+{_MODS}{_WHO.replace('(?P<who>', '(?:')})(?!\s*(?:km|kilomet|mile|metre|meter|%|per|years?|hours?|days?|weeks?|months?|"
                r"minutes?|times|of\b|and\s+\d+\s+\w+\s+(?:people|civilians)))")

_PATTERNS = tuple(
    (kind, re.compile(p, re.IGNORECASE))
    for kind, p in (
        ("range", rf"\bbetween\s+(?P<a>{_NUM})\s+and\s+(?P<b>{_NUM})\s+{_MODS}{_WHO}"),
        ("range", rf"\b(?P<a>{_NUM})\s*(?:to|-|–)\s*(?P<b>{_NUM})\s+{_MODS}{_WHO}"),
        ("family", rf"\ba family of (?P<a>{_NUM})\b(?P<who>)"),
        ("upto", rf"\b(?:up to|as many as|no more than)\s+(?P<a>{_NUM})\s+{_MODS}{_WHO}"),
        ("more", rf"\b(?:more than|over)\s+(?P<a>{_NUM})\s+{_MODS}{_WHO}"),
        ("atleast", rf"\b(?:at least|at minimum|a minimum of)\s+(?P<a>{_NUM})\s+{_MODS}{_WHO}"),
        ("vague", rf"\b(?P<v>{_VAGUE})\s+(?:of\s+)?{_MODS}{_WHO}"),
        ("exact", rf"\b(?:some\s+|about\s+|around\s+|nearly\s+|almost\s+|roughly\s+)?(?P<a>{_NUM})\s+{_MODS}{_WHO}"),
        # A figure right after the verb, with nobody named: "the raids killed 19 and wounded 22".
        ("atleast", rf"\b{_AFTER_HARM}(?:at least|at minimum)\s+(?P<a>{_NUM})\b{_NOT_COUNTED}(?P<who>)"),
        ("more", rf"\b{_AFTER_HARM}(?:more than|over)\s+(?P<a>{_NUM})\b{_NOT_COUNTED}(?P<who>)"),
        ("exact", rf"\b{_AFTER_HARM}(?:some\s+|about\s+|around\s+|nearly\s+)?(?P<a>{_NUM})\b{_NOT_COUNTED}(?P<who>)"),
    )
)
_FIRST_FIGURE = FirstOf(tuple(p for _, p in _PATTERNS))
# Words saying someone was killed or hurt (triggers.csv, kind casualty); each begins and ends with a letter.
HARM_WORDS = "|".join(p.body for p in vocab.triggers()[vocab.CASUALTY])
_HARM_RE = re.compile(rf"\b(?:{HARM_WORDS})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Casualties:
    minimum: int | None
    maximum: int | None
    type: str
    phrase: str


NONE = Casualties(None, None, "", "")


def _number(text: str) -> int:
    text = text.lower()
    return NUMBER_WORDS[text] if text in NUMBER_WORDS else int(text.replace(",", ""))


def _type(who: str, context: str) -> str:
    words = f"{who} {context}".lower()
    if re.search(r"\b(?:children|kids|child)\b", who.lower()):
        return "children"
    if re.search(r"\b(?:civilians?|residents|villagers|women|family|families)\b", who.lower()):
        return "civilians"
    if re.search(r"\b(?:fighters|militants|soldiers|troops|rebels|jihadists|combatants|insurgents|terrorists|elements|gunmen|"
                 r"operatives|commanders)\b", who.lower()):
        return "fighters"
    if "civilian" in words:
        return "civilians"
    return "unspecified"


class Figure(NamedTuple):
    """A casualty figure as written ("at least 12 civilians"), with its offsets and kind."""

    start: int
    end: int
    text: str
    kind: str  # range | family | upto | more | atleast | vague | exact
    match: re.Match


def casualty_phrases(text: str, offset: int = 0) -> list[Figure]:
    """The figures of ``text`` that count people, in order (offsets shifted by ``offset``):
    the document's annotation (:meth:`geo.doc.Doc.numbers`). Whether anyone was killed or
    hurt is the sentence's to say (:func:`tells_of_harm`)."""
    return [Figure(offset + m.start(), offset + m.end(), m.group(), _PATTERNS[index][0], m)
            for index, m in _FIRST_FIGURE.finditer(text)]


def tells_of_harm(text: str) -> bool:
    """Whether ``text`` says someone was killed or hurt."""
    return _HARM_RE.search(text) is not None


def parse_casualties(text: str) -> Casualties:
    """The first casualty figure in ``text`` (see the module docstring), or :data:`NONE`."""
    if not tells_of_harm(text):
        return NONE
    found = casualty_phrases(text)
    return casualties(found[0], text[found[0].end:found[0].end + _TAIL]) if found else NONE


_TAIL = 40  # characters after a figure that may say who the dead were ("12 people, most of them civilians")


def casualties(figure: Figure, tail: str) -> Casualties:
    """What a figure counts; ``tail``: the words after it (up to :data:`_TAIL` characters)."""
    m, kind = figure.match, figure.kind
    who = m.groupdict().get("who") or ""
    ctype = "civilians" if kind == "family" else _type(who, tail)
    if kind == "vague":
        low, high = VAGUE[m["v"].lower()]
    elif kind == "range":
        low, high = sorted((_number(m["a"]), _number(m["b"])))
    else:
        n = _number(m["a"])
        low, high = {"family": (n, n), "upto": (None, n), "more": (n + 1, None), "atleast": (n, None)}.get(kind, (n, n))
    return Casualties(low, high, ctype, m.group().strip())
