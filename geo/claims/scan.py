"""Scanning helpers shared by the claim modules: fewer passes over the same text."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .. import vocab
from ..text import Token
from ..vocab.keywords import KeywordIndex, branches, fold

_NAMED_GROUP_RE = re.compile(r"\(\?P<\w+>")


class FirstOf:
    """The earliest match among ``patterns`` (the earlier pattern on a tie), found in one scan.

    :meth:`search` gives what searching with each pattern and keeping the
    leftmost would give: the pattern's index and its own match there.
    """

    def __init__(self, patterns: tuple[re.Pattern, ...]):
        self.patterns = patterns
        flags = {p.flags for p in patterns}
        if len(flags) != 1 or flags.pop() & ~(re.IGNORECASE | re.UNICODE):
            raise ValueError("patterns with different or unusual flags")
        # One alternation, the alternatives named p<index> and tried in order; groups inside unnamed.
        bodies = [_NAMED_GROUP_RE.sub("(?:", p.pattern) for p in patterns]
        # A word boundary that opens every alternative is tested once: most positions fail it.
        boundary = all(all(branch.startswith(r"\b") for branch in branches(b)) for b in bodies)
        bodies = [b if not boundary else "|".join(branch[2:] for branch in branches(b)) for b in bodies]
        alternatives = "|".join(f"(?P<p{k}>{b})" for k, b in enumerate(bodies))
        self.regex = re.compile(rf"\b(?:{alternatives})" if boundary else alternatives, patterns[0].flags)

    def search(self, text: str, pos: int = 0) -> tuple[int, re.Match] | None:
        found = self.regex.search(text, pos)
        if found is None:
            return None
        index = int(found.lastgroup[1:])
        return index, self.patterns[index].match(text, found.start())

    def finditer(self, text: str) -> list[tuple[int, re.Match]]:
        """Every match :meth:`search` finds, each searched for after the one before."""
        out, pos = [], 0
        while (found := self.search(text, pos)) is not None:
            out.append(found)
            pos = max(found[1].end(), found[1].start() + 1)
        return out


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

    def first(self, start: int, end: int) -> Token | None:
        """The first token of :meth:`within`, with no list made."""
        i = bisect_left(self._starts, start)
        return self.tokens[i] if i < len(self.tokens) and self._ends[i] <= end else None


class VocabularyScan:
    """Vocabulary patterns found in one pass: what ``finditer`` of each would give, in pattern order.

    The patterns' openings (:class:`~geo.vocab.keywords.KeywordIndex`) give the positions where
    a pattern may match; each pattern is then tried at its own positions only, in the order
    its own ``finditer`` would meet them.
    """

    def __init__(self, patterns: tuple[vocab.Pattern, ...]):
        self.patterns = patterns
        self.index = KeywordIndex(p.body for p in patterns)

    def finditer(self, text: str, pos: int = 0) -> list[tuple[vocab.Pattern, re.Match]]:
        """(pattern, match) for each pattern in turn, its matches from ``pos`` on in text order."""
        folded = fold(text) if self.index.usable else None
        if folded is None:
            return [(p, m) for p in self.patterns for m in p.regex.finditer(text, pos)]
        hits = self.index.candidates(folded, pos)
        found = []
        for k, p in enumerate(self.patterns):
            resume = pos
            for at, which in hits:
                if at < resume or k not in which:  # inside this pattern's last match, or it cannot open here
                    continue
                m = p.regex.match(text, at)
                if m is None:
                    continue
                if m.end() == at:  # finditer's rules for empty matches: let it apply them
                    return [(q, m) for q in self.patterns for m in q.regex.finditer(text, pos)]
                found.append((p, m))
                resume = m.end()
        return found
