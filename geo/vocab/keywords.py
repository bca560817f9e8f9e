"""Where vocabulary patterns may match, found by plain string search before any regex runs.

Most texts, and most positions in a text, hold no vocabulary word. Every match of a
vocabulary pattern opens with one of a few literal strings (its *openings*: ``air ?raids?``
opens with "air raid", "air raids", "airraid" or "airraids"), read from the pattern's text by
:func:`openings`. A :class:`KeywordIndex` puts the openings of many patterns into one
Aho-Corasick automaton (``pyahocorasick``), which finds all their occurrences in a text in one
pass at C speed; a pattern is then tried only where one of its openings stands. Openings are
compared in lower case, so they find every match of a pattern that ignores case and of one
that does not (whose regex then decides).

Openings are read from the patterns as vocabulary files write them: alternatives of plain
words, optional characters (``s?``), and non-capturing groups at the start (``(?:field |s)?strikes?``).
A pattern that opens otherwise (a character class, ``\\w``, a repeat) has no openings, and a
set of patterns holding one is scanned by its regexes alone: never a match missed.
"""
from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

import ahocorasick

# Characters that end a run of plain characters in a pattern.
_SPECIAL = frozenset("()[]{}?*+|.^$\\")
_ESCAPED_LITERALS = frozenset(".$^*+?()[]{}|\\-/ #&~")  # "\\$" stands for "$"
_SMALL_CLASS = 4  # characters: a class this small is read as that many openings
# Letters that match an ASCII letter in a pattern that ignores case, but lower-case to something else.
ASCII_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str | None:
    """``text`` in lower case, position for position (``None`` when lower-casing would move
    positions: a rare letter such as "İ" that lower-cases to two characters)."""
    folded = text.lower()
    if len(folded) != len(text):
        folded = text.translate(ASCII_TWINS).lower()
        if len(folded) != len(text):
            return None
    elif "\u017f" in folded or "\u0131" in folded:  # "ſ", "ı": letters that match "s", "i" ignoring case
        folded = folded.translate(ASCII_TWINS)
    return folded


# -- reading a pattern's openings ------------------------------------------------------------
def _outside_classes(pattern: str) -> Iterable[tuple[int, str]]:
    """Positions and characters of ``pattern`` outside escapes and character classes."""
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i += 2 if pattern.startswith("^", i + 1) else 1
            i += 1 if pattern.startswith("]", i) else 0  # a "]" first in a class is itself
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            i += 1
            continue
        yield i, c
        i += 1


def branches(pattern: str) -> list[str]:
    """The alternatives of ``pattern`` at its top level (outside all groups and classes)."""
    out, depth, start = [], 0, 0
    for i, c in _outside_classes(pattern):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


def expand(pattern: str, limit: int = 512) -> list[str] | None:
    """``pattern`` as alternatives that do not open with a group, in the order the engine tries them.

    A leading non-capturing group is distributed over what follows it
    ("(?:a|b)?c" is "ac|bc|c", "(?:a|b)+c" is "a(?:a|b)*c|b(?:a|b)*c"); ``None``
    when a pattern opens otherwise (a capturing group, a lazy or counted repeat)
    or expands past ``limit`` alternatives.
    """
    out: list[str] = []
    return out if all(_expand(b, out, limit) for b in branches(pattern)) else None


def _expand(branch: str, out: list[str], limit: int) -> bool:
    if branch.startswith("\\b"):  # a word boundary takes no characters: the match opens with what follows
        return _expand(branch[2:], out, limit)
    if branch.startswith(("(?<=", "(?<!")):  # nor does a look-behind (tried against the text before the opening)
        close = _closing(branch)
        return close > 0 and _expand(branch[close + 1:], out, limit)
    if branch.startswith("(?-i:"):  # a case-sensitive group opens with the same letters
        branch = "(?:" + branch[5:]
    if not branch.startswith("(?:"):
        out.append(branch)
        return len(out) <= limit
    close = _closing(branch)
    if close < 0:
        return False
    group, after = branch[:close + 1], branch[close + 1:]
    inner = group[3:-1]
    if after.startswith("++"):  # possessive: not a plain repeat
        return False
    if after[:1] == "+":  # "(?:X)+" is "(?:X)(?:X)*"
        after = f"{group}*{after[1:]}"
    optional = after[:1] == "?"
    after = after[1:] if optional else after
    if after[:1] in ("?", "*", "+", "{"):
        return False
    # A greedy "?" tries the group first, then goes on without it.
    return all(_expand(b + after, out, limit) for b in branches(inner)) and (not optional or _expand(after, out, limit))


def starts_with_word_character(pattern: str) -> bool:
    """Whether every match of ``pattern`` starts with a word character.

    Checked conservatively (``False`` when unsure): each alternative, leading
    groups distributed, must open with a letter, a digit, ``\\d`` or ``\\w`` that is
    not optional.
    """
    alternatives = expand(pattern)
    return alternatives is not None and all(map(_opens_with_word_character, alternatives))


def _opens_with_word_character(branch: str) -> bool:
    if branch[:1].isascii() and branch[:1].isalnum():
        return _required(branch[1:])
    return branch[:2] in (r"\d", r"\w") and _required(branch[2:])


def _required(after: str) -> bool:
    """Whether what follows an atom leaves it required (no ``?``, ``*`` or ``{0,...}``)."""
    if after[:1] in ("?", "*"):
        return False
    return not after.startswith("{") or (after[1:2].isdigit() and after[1:2] != "0")


def _closing(pattern: str) -> int:
    """Index of the ``)`` closing the group that opens ``pattern``; -1 when there is none."""
    depth = 0
    for i, c in _outside_classes(pattern):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def openings(pattern: str, limit: int = 256) -> list[str] | None:
    """Lower-case strings one of which opens every match of ``pattern``.

    Read from its branches (:func:`expand`): each gives the plain characters it
    opens with, both with and without a character marked optional ("air ?raid"
    gives "air raid" and "airraid"); a branch opening with anything else (a class,
    an escape) gives "". ``None`` when the branches cannot be told apart
    (:func:`expand`) or there would be more than ``limit`` strings.
    """
    branches_ = expand(pattern, limit)
    if branches_ is None:
        return None
    out: list[str] = []
    return out if all(_openings(b, "", out, limit) for b in branches_) else None


def _openings(rest: str, head: str, out: list[str], limit: int) -> bool:
    if rest.startswith("\\d") and not head and _required(rest[2:]):  # a digit: one of ten openings
        return all(_openings(rest[2:], digit, out, limit) for digit in "0123456789")
    if rest[:1] == "\\" and rest[1:2] in _ESCAPED_LITERALS and _required(rest[2:]):  # "\$", "\.": the character itself
        return _openings(rest[2:], head + rest[1], out, limit)
    i = 0
    while i < len(rest) and rest[i] not in _SPECIAL:
        after = rest[i + 1:i + 2]
        if after in ("*", "{"):
            break
        if after == "?":  # with the character, then without it ("??" lazy, "?+" possessive alike)
            skip = i + (3 if rest[i + 2:i + 3] in ("?", "+") else 2)
            return _openings(rest[skip:], head + rest[:i + 1], out, limit) and _openings(rest[skip:], head + rest[:i], out, limit)
        i += 1
        if after == "+":
            break
    chars = _small_class(rest, i)
    if chars is not None:  # "al[- ]": "al-" and "al ", far rarer in text than "al"
        end = rest.index("]", i) + 1
        return all(_openings(rest[end:], head + rest[:i] + ch, out, limit) for ch in chars)
    out.append((head + rest[:i]).lower())
    return len(out) <= limit


def _small_class(rest: str, i: int) -> str | None:
    """The characters of a class of a few plain characters at ``rest[i]`` ("[- ]", "[’']"), when
    nothing makes it optional or repeats it; else None."""
    if i >= len(rest) or rest[i] != "[":
        return None
    end = rest.find("]", i + 1)
    if end < 0 or end == i + 1:
        return None
    body = rest[i + 1:end]
    if len(body) > _SMALL_CLASS or any(ch in "\\^[" for ch in body) or "-" in body.strip("-"):
        return None
    if rest[end + 1:end + 2] in ("?", "*", "+", "{"):
        return None
    return body


# -- finding them ------------------------------------------------------------------------------
class KeywordIndex:
    """The openings of several patterns (by index) in one Aho-Corasick automaton.

    ``usable`` is False when some pattern has an opening shorter than ``shortest`` (or none
    can be read): such a set is no shortcut, and its callers scan with the regexes alone.
    """

    def __init__(self, bodies: Iterable[str], shortest: int = 1):
        self.automaton = ahocorasick.Automaton()
        self.usable = True
        self.longest = 0
        by_opening: dict[str, set[int]] = {}
        for k, body in enumerate(bodies):
            found = openings(body)
            if found is None or not found or min(map(len, found)) < shortest:
                self.usable = False
                return
            for opening in found:
                by_opening.setdefault(opening, set()).add(k)
        for opening, indices in by_opening.items():
            self.automaton.add_word(opening, (len(opening), frozenset(indices)))
            self.longest = max(self.longest, len(opening))
        if by_opening:
            self.automaton.make_automaton()
        else:
            self.usable = False

    def any(self, folded: str) -> bool:
        """Whether some opening stands in ``folded`` (a text in lower case)."""
        return next(self.automaton.iter(folded), None) is not None

    def starts(self, folded: str) -> list[int]:
        """Where openings in ``folded`` start, in text order, each once."""
        return sorted({end - length + 1 for end, (length, _) in self.automaton.iter(folded)})

    def candidates(self, folded: str, pos: int = 0) -> list[tuple[int, frozenset[int]]]:
        """(position, the patterns an opening there belongs to) from ``pos`` on, in text order."""
        starts = sorted(((end - length + 1, indices) for end, (length, indices) in self.automaton.iter(folded, pos)
                         if end - length + 1 >= pos), key=_position)
        return [(at, frozenset().union(*(i for _, i in group))) for at, group in groupby(starts, key=_position)]


def _position(hit: tuple[int, frozenset[int]]) -> int:
    return hit[0]
