"""Scanning helpers shared by the claim modules: fewer passes over the same text."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .. import vocab
from ..text import Token

_NAMED_GROUP_RE = re.compile(r"\(\?P<\w+>")


def first_of(patterns: tuple[re.Pattern, ...]) -> re.Pattern:
    """One regular expression whose match starts where the earliest of ``patterns`` does.

    Alternatives are tried in order, so at that position ``lastindex - 1`` is the
    index of the first pattern matching there: one scan finds what searching with
    each pattern and keeping the leftmost (the earlier pattern on a tie) finds.
    Named groups become non-capturing; re-match the chosen pattern there for them.
    """
    flags = {p.flags for p in patterns}
    if len(flags) != 1:
        raise ValueError("patterns with different flags")
    bodies = [_NAMED_GROUP_RE.sub("(?:", p.pattern) for p in patterns]
    lead = ""
    if all(b.startswith(r"\b") and not _alternates(b) for b in bodies):  # checked once per position, not per pattern
        bodies = [b[2:] for b in bodies]
        # Phrases that start with a word character start only where one follows the boundary.
        lead = r"\b(?=\w)" if all(map(starts_with_word_character, bodies)) else r"\b"
    combined = re.compile(lead + "(?:" + "|".join(f"({b})" for b in bodies) + ")", flags.pop())
    if combined.groups != len(patterns):
        raise ValueError("patterns with unnamed groups")
    return combined


def _alternates(pattern: str) -> bool:
    """Whether ``pattern`` has a ``|`` outside all groups (a leading ``\\b`` would bind its first branch only)."""
    return len(branches(pattern)) > 1


def branches(pattern: str) -> list[str]:
    """The alternatives of ``pattern`` at its top level (outside all groups and classes)."""
    out, depth, start, i, n = [], 0, 0, 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 1
        elif c == "[":
            i += 2 if pattern.startswith("^", i + 1) else 1
            i += 1 if pattern.startswith("]", i) else 0  # a "]" first in a class is itself
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def starts_with_word_character(pattern: str) -> bool:
    """Whether every match of ``pattern`` starts with a word character.

    Checked conservatively (``False`` when unsure): each alternative must open with
    a letter, a digit or ``\\d``/``\\w`` that is not optional, or with an optional
    group whose alternatives and whatever follows it both pass.
    """
    return all(_branch_starts_with_word_character(b) for b in branches(pattern))


def _branch_starts_with_word_character(branch: str) -> bool:
    if branch.startswith(("(?:", "(?P<")):
        close = _closing(branch)
        if close < 0:
            return False
        inner = branch[branch.index(">") + 1 if branch.startswith("(?P<") else 3:close]
        after = branch[close + 1:]
        if after[:1] in ("?", "*"):
            rest = after[2:] if after[1:2] == "?" else after[1:]
            return starts_with_word_character(inner) and _branch_starts_with_word_character(rest)
        return _required(after) and starts_with_word_character(inner)
    if branch[:1].isascii() and branch[:1].isalnum():
        return _required(branch[1:])
    if branch[:2] in (r"\d", r"\w"):
        return _required(branch[2:])
    return False


def _required(after: str) -> bool:
    """Whether what follows an atom leaves it required (no ``?``, ``*`` or ``{0,...}``)."""
    if after[:1] in ("?", "*"):
        return False
    return not after.startswith("{") or (after[1:2].isdigit() and after[1:2] != "0")


def _closing(pattern: str) -> int:
    """Index of the ``)`` closing the group that opens ``pattern``; -1 when there is none."""
    depth, i, n = 0, 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 1
        elif c == "[":
            i += 2 if pattern.startswith("^", i + 1) else 1
            i += 1 if pattern.startswith("]", i) else 0
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
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
        self._hits = re.compile(f"(?={vocab.Alternation(patterns).regex.pattern})") if patterns else None

    def finditer(self, text: str) -> list[tuple[vocab.Pattern, re.Match]]:
        """(pattern, match) for each pattern in turn, each pattern's matches in text order."""
        if self._hits is None:
            return []
        hits = [(m.start(), int(m.lastgroup[1:])) for m in self._hits.finditer(text)]
        found = []
        for k, p in enumerate(self.patterns):
            resume = 0
            for pos, first in hits:
                if pos < resume or first > k:  # inside this pattern's last match, or it fails here
                    continue
                m = p.regex.match(text, pos)
                if m is None:
                    continue
                if m.end() == pos:  # finditer's rules for empty matches: let it apply them
                    return [(q, m) for q in self.patterns for m in q.regex.finditer(text)]
                found.append((p, m))
                resume = m.end()
        return found
