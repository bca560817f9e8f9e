"""Scanning helpers shared by the claim modules: fewer passes over the same text."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from .. import vocab
from ..text import Token

_NAMED_GROUP_RE = re.compile(r"\(\?P<\w+>")


class FirstOf:
    """The earliest match among ``patterns`` (the earlier pattern on a tie), found in one scan.

    :meth:`search` gives what searching with each pattern and keeping the
    leftmost would give: the pattern's index and its own match there.
    """

    def __init__(self, patterns: tuple[re.Pattern, ...]):
        self.patterns = patterns
        self.regex = _first_of(patterns)

    def search(self, text: str, pos: int = 0) -> tuple[int, re.Match] | None:
        found = self.regex.search(text, pos)
        if found is None:
            return None
        index = int(found.lastgroup.split("_", 1)[0][1:])
        return index, self.patterns[index].match(text, found.start())

    def finditer(self, text: str) -> list[tuple[int, re.Match]]:
        """Every match :meth:`search` finds, each searched for after the one before."""
        out, pos = [], 0
        while (found := self.search(text, pos)) is not None:
            out.append(found)
            pos = max(found[1].end(), found[1].start() + 1)
        return out


def _first_of(patterns: tuple[re.Pattern, ...]) -> re.Pattern:
    """Alternatives named ``p<index>...``, tried in order, so the first pattern matching at the
    earliest position names the match. Named groups inside become non-capturing."""
    flags = {p.flags for p in patterns}
    if len(flags) != 1 or flags.pop() & ~(re.IGNORECASE | re.UNICODE):
        raise ValueError("patterns with different or unusual flags")
    ignorecase = bool(patterns[0].flags & re.IGNORECASE)
    bodies = [_NAMED_GROUP_RE.sub("(?:", p.pattern) for p in patterns]
    lead = ""
    if all(b.startswith(r"\b") and not _alternates(b) for b in bodies):  # checked once per position, not per pattern
        bodies = [b[2:] for b in bodies]
        # Phrases that start with a word character start only where one follows the boundary.
        lead = r"\b(?=\w)" if all(map(starts_with_word_character, bodies)) else r"\b"
    letters = by_first_letter([(f"p{k}", b, ignorecase, "") for k, b in enumerate(bodies)])
    if letters is None:
        letters = "(?:" + "|".join(f"(?P<p{k}>(?i:{b}))" if ignorecase else f"(?P<p{k}>{b})" for k, b in enumerate(bodies)) + ")"
    return re.compile(lead + letters)


def _alternates(pattern: str) -> bool:
    """Whether ``pattern`` has a ``|`` outside all groups (a leading ``\\b`` would bind its first branch only)."""
    return len(branches(pattern)) > 1


def _outside_classes(pattern: str) -> Iterator[tuple[int, str]]:
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


_SPECIAL = frozenset("()[]{}?*+|.^$\\")


def literal_openings(pattern: str, limit: int = 256) -> list[str] | None:
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
    out.append((head + rest[:i]).lower())
    return len(out) <= limit


def least(strings: list[str]) -> tuple[str, ...]:
    """The strings none of the others lies in: one of them is in any text one of ``strings`` is in."""
    kept: list[str] = []
    for s in sorted(set(strings), key=lambda s: (len(s), s)):
        if not any(k in s for k in kept):
            kept.append(s)
    return tuple(kept)


def by_first_letter(alternatives: list[tuple[str | None, str, bool, str]]) -> str | None:
    """One alternation of patterns, its branches gathered under their first character.

    ``alternatives`` are (name, pattern, ignore case, tail): each pattern's branches
    (:func:`expand`) get ``tail`` appended and, when ``name`` is given, sit in groups
    named ``name_<i>_<j>``. At a position only the branches that open with its
    letter (or with a digit) are tried, in the order the plain alternation would
    try them, so the match, and the pattern it comes from, are the same; but the
    engine passes over the other letters at a glance instead of entering every
    branch. ``None`` when a branch does not open with a letter, a digit or ``\\d``.
    """
    groups: dict[str, list[tuple[str | None, str, str, bool, str]]] = {}
    for name, pattern, ignorecase, tail in alternatives:
        if _NUMBERED_RE.search(pattern):
            return None
        branches_ = expand(pattern)
        if branches_ is None:
            return None
        for b in branches_:
            head = _head(b)
            if head is None:
                return None
            first, rest = head
            # Letters of different keys never match one another, even ignoring case; digits share one key.
            key = first.lower() if first.isalpha() else r"\d"
            groups.setdefault(key, []).append((name, first, rest, ignorecase, tail))
    source = "(?:" + "|".join(_first_group(i, key, items) for i, (key, items) in enumerate(groups.items())) + ")"
    try:
        re.compile(source)
    except re.error:  # a pattern this rewriting does not foresee: keep to the plain alternation
        return None
    return source


# Group names and numbers, which copies of a branch or a longer alternation would break.
_NUMBERED_RE = re.compile(r"\\[1-9]|\(\?P[<=]")
_COUNT_RE = re.compile(r"\{(\d+)(,?)(\d*)\}")


def _head(branch: str) -> tuple[str, str] | None:
    """(first character, the rest) of a branch that opens with a required letter, digit or ``\\d``."""
    if branch[:1].isascii() and branch[:1].isalnum():
        first, after = branch[0], branch[1:]
    elif branch.startswith(r"\d"):
        first, after = r"\d", branch[2:]
    else:
        return None
    if after[:1] in ("?", "*"):
        return None
    if after[:1] == "+":  # "x+" is "x" then "x*"
        return None if after[1:2] in ("?", "+") else (first, f"{first}*{after[1:]}")
    count = _COUNT_RE.match(after)
    if count is None:
        return None if after[:1] == "{" else (first, after)
    low, comma, high = int(count[1]), count[2], count[3]
    if low < 1 or (high and int(high) < low) or after[count.end():count.end() + 1] in ("?", "+"):
        return None
    fewer = f"{{{low - 1}{comma}{int(high) - 1 if high else ''}}}"  # "x{1,3}" is "x" then "x{0,2}"
    return first, f"{first}{fewer}{after[count.end():]}"


def _first_group(index: int, key: str, items: list[tuple[str | None, str, str, bool, str]]) -> str:
    firsts = {first for _, first, _, _, _ in items}
    shared = len(firsts) > 1 or any(ignorecase and key != r"\d" for _, _, _, ignorecase, _ in items)
    lead = (key if key == r"\d" else f"(?i:{key})") if shared else items[0][1]
    runs: list[tuple[str | None, list[str]]] = []
    for name, first, rest, ignorecase, tail in items:
        # A branch whose first character is narrower than the lead's checks it.
        narrower = shared and first != r"\d" and not (ignorecase and first.isalpha())
        check = f"(?<={first})" if narrower else ""
        branch = f"{check}(?i:{rest}){tail}" if ignorecase else f"{check}(?:{rest}){tail}"
        if runs and runs[-1][0] == name:
            runs[-1][1].append(branch)
        else:
            runs.append((name, [branch]))
    inner = "|".join(f"(?P<{name}_{index}_{j}>{'|'.join(b)})" if name else "|".join(b) for j, (name, b) in enumerate(runs))
    return f"{lead}(?:{inner})"


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


class TokenIndex:
    """A sentence's tokens, with the runs between two offsets found by bisection."""

    __slots__ = ("tokens", "_starts", "_ends")

    def __init__(self, toks: list[Token]):
        self.tokens = toks
        # Tokens never overlap, so starts and ends both increase.
        self._starts = [t.start for t in toks]
        self._ends = [t.end for t in toks]

    def within(self, start: int, end: int) -> list[Token]:
        """The tokens that start at or after ``start`` and end at or before ``end``."""
        return self.tokens[bisect_left(self._starts, start):bisect_right(self._ends, end)]


class VocabularyScan:
    """Vocabulary patterns found in one pass: what ``finditer`` of each would give, in pattern order.

    One scan finds the positions where any pattern matches (and the first that
    does); each pattern is then tried at those positions only, in the order its
    own ``finditer`` would meet them.
    """

    def __init__(self, patterns: tuple[vocab.Pattern, ...]):
        self.patterns = patterns
        self._hits = re.compile(_hits_pattern(patterns)) if patterns else None

    def finditer(self, text: str, pos: int = 0) -> list[tuple[vocab.Pattern, re.Match]]:
        """(pattern, match) for each pattern in turn, its matches from ``pos`` on in text order."""
        if self._hits is None:
            return []
        hits = [(m.start(), int(m.lastgroup.split("_", 1)[0][1:])) for m in self._hits.finditer(text, pos)]
        found = []
        for k, p in enumerate(self.patterns):
            resume = pos
            for at, first in hits:
                if at < resume or first > k:  # inside this pattern's last match, or it fails here
                    continue
                m = p.regex.match(text, at)
                if m is None:
                    continue
                if m.end() == at:  # finditer's rules for empty matches: let it apply them
                    return [(q, m) for q in self.patterns for m in q.regex.finditer(text, pos)]
                found.append((p, m))
                resume = m.end()
        return found


def _hits_pattern(patterns: tuple[vocab.Pattern, ...]) -> str:
    """Where any of ``patterns`` matches, the first that does named ``p<index>...``."""
    bodies = [p.body for p in patterns]
    letters = by_first_letter([(f"p{k}", b, bool(p.regex.flags & re.IGNORECASE), "") for k, (b, p) in enumerate(zip(bodies, patterns))])
    if letters is None:
        return f"(?={vocab.Alternation(patterns).regex.pattern})"
    return f"(?={vocab.guarded(letters)})"
