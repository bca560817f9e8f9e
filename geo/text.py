"""Sentences and word tokens with character offsets into the original text.

Every span here indexes the text it came from exactly (Python ``str`` offsets),
so evidence quoted in the outputs can always be found again in the article.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import partial
from itertools import accumulate, compress
from operator import itemgetter, methodcaller
from typing import NamedTuple

from . import vocab

# A word: letters/digits, with inner apostrophes, ʿayn marks, hyphens and dots
# kept inside ("Sha’ar", "al-Numan", "U.S.", "Su-24M").
# A wire story's dateline: "KYIV, Ukraine (AP) —", "ODESA, June 3 (Reuters) -", "BEIRUT -",
# "MINNEAPOLIS -- ", "Washington (CNN)"; a dash lost in copying reads "\ufffd".
# The agencies and broadcasters a dateline names in brackets.
DATELINE_AGENCIES = ("AP", "AFP", "Reuters", "CNN", "UPI", "dpa", "Xinhua", "Anadolu", "IANS", "PTI", "Sputnik", "TASS",
                     "Interfax", "Ukrinform", "WAFA", "SANA", "IRNA")
_AGENCY_DATELINE = (r"[A-Z][A-Za-z'’.\- ]{2,30}?(?:,\s*[^—–(\n]{1,40}?)?\s*\((?P<agency>"
                    + "|".join(DATELINE_AGENCIES) + r")\)")
DATELINE_RE = re.compile(
    r"(?:[A-Z][A-Z'’.\- ]{2,}(?:,\s*[^—–(\n]{1,40}?)?(?:\s*\([^)\n]{1,30}\))?\s*(?:--|[-—–\ufffd])\s"
    r"|" + _AGENCY_DATELINE + r"\s*(?:(?:--|[-—–\ufffd:])\s*)?)")
# A line that opens with an agency's dateline, its ``agency`` group naming the agency: "ODESA, June 3
# (Reuters) -", "GAZA, November 14, 2024, WAFA -" (the agency after a comma), "MOSCOW, February 21. /TASS/."
AGENCY_DATELINE_LINE_RE = re.compile(
    "^(?:" + _AGENCY_DATELINE + r"|[A-Z][A-Z'’.\- ]{2,}(?:,[^\n,]{1,30}){0,2}(?:,\s*|\.?\s*/)(?P<after>"
    + "|".join(DATELINE_AGENCIES) + r")(?:/\.?|\s*[-—–]))", re.MULTILINE)
_TOKEN_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|[^\W_]+(?:[’'‘ʿ`\-\.][^\W_]+)*\.?|[^\w\s]", re.UNICODE)
_ABBREVIATIONS = vocab.words("abbreviations")
# Sentence ends: r"[.!?]+[\"”’')\]]*(?=\s)|\n\s*\n|\n", written to open with the one character
# class every end starts with, which lets the engine skip the rest of the text at C speed.
SENTENCE_END_PLAIN = r"[.!?]+[\"”’')\]]*(?=\s)|\n\s*\n|\n"
_SENTENCE_END_RE = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"”’')\]]*(?=\s)|(?<=\n)\s*\n|(?<=\n))")


class Span(NamedTuple):
    """A stretch of text: ``text`` is ``source[start:end]``. A tuple: texts have many sentences."""

    start: int
    end: int
    text: str


class Token(NamedTuple):
    """A word or punctuation mark; ``index`` is its position in its sentence.

    A tuple, not a dataclass: articles have thousands of tokens and tuples are
    much cheaper to create. ``lower`` and ``is_capitalised`` are computed once.
    """

    start: int
    end: int
    text: str
    index: int
    lower: str
    is_capitalised: bool


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Word and punctuation tokens of ``text``; offsets are shifted by ``offset``."""
    out: list[Token] = []
    append, new = out.append, tuple.__new__  # the hottest loop of the geoparser: no per-token frames
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        start = m.start() + offset
        if word[-1] == "." and len(word) > 1 and not _keeps_dot(word):
            word = word[:-1]
        append(new(Token, (start, start + len(word), word, len(out), word.lower(), word[:1].isupper())))
    return out


def _keeps_dot(word: str) -> bool:
    """A trailing dot belongs to abbreviations ("Capt.", "U.S.") and initials ("Gino D. Bassett")."""
    return word[:-1].lower() in _ABBREVIATIONS or "." in word[:-1] or (len(word) == 2 and word[0].isupper())


# The token pattern as a splitting group: the text falls into gap, word, gap, word ... gap.
# Written to open with one character class (what may start a token), so the engine skips the
# white space between tokens at C speed; the lookbehinds then pick the alternative.
_TOKEN_SPLIT_RE = re.compile(
    r"([^\s_](?:(?<=\d)\d{0,2}(?:,\d{3})+(?:\.\d+)?|(?<=[^\W_])[^\W_]*(?:[’'‘ʿ`\-\.][^\W_]+)*\.?|(?<=[^\w\s])))",
    re.UNICODE)
_new_token = partial(tuple.__new__, Token)
_first_letter = itemgetter(0)
_ends_with_dot = methodcaller("endswith", ".")


class TextTokens:
    """The tokens of a whole text, as :func:`tokens` gives them sentence by sentence.

    Splitting and measuring the words runs in C, once per text; ``words``,
    ``starts`` and ``ends`` hold every token's text and offsets, and
    ``bounds[i]`` the range of token positions of sentence ``i``. Sentences
    end in white space, which no token holds, so each sentence's tokens are
    exactly those :func:`tokens` finds in the sentence alone.
    """

    __slots__ = ("words", "starts", "ends", "bounds")

    def __init__(self, text: str, spans: Sequence[Span]):
        pieces = _TOKEN_SPLIT_RE.split(text)
        bounds = list(accumulate(map(len, pieces), initial=0))
        self.words: list[str] = pieces[1::2]
        self.starts: list[int] = bounds[1:-1:2]
        self.ends: list[int] = bounds[2::2]
        words, ends = self.words, self.ends
        for i in compress(range(len(words)), map(_ends_with_dot, words)):  # few: found in C
            word = words[i]
            # A trailing dot belongs to abbreviations and initials (see _keeps_dot), short words all.
            if len(word) > 1 and (len(word) > _LONGEST_ABBREVIATION + 1 and "." not in word[:-1] or not _keeps_dot(word)):
                words[i] = word[:-1]
                ends[i] -= 1
        starts = self.starts
        # Only white space lies between sentences, so a sentence's tokens end where the next one's start.
        firsts = [bisect_left(starts, s.start) for s in spans]
        ends_at = firsts[1:] + [bisect_left(starts, spans[-1].end)] if spans else []
        self.bounds: list[tuple[int, int]] = list(zip(firsts, ends_at))

    def __len__(self) -> int:
        return len(self.words)

    def sentence(self, si: int) -> list[Token]:
        """The tokens of sentence ``si``, as :func:`tokens` gives them."""
        lo, hi = self.bounds[si]
        words = self.words[lo:hi]
        capitalised = map(str.isupper, map(_first_letter, words))
        return list(map(_new_token, zip(self.starts[lo:hi], self.ends[lo:hi], words, range(hi - lo), map(str.lower, words), capitalised)))

    def capitalised(self) -> list[int]:
        """Positions of the words whose first letter is a capital, in order."""
        words = self.words
        return list(compress(range(len(words)), map(str.isupper, map(_first_letter, words))))

    def starting_at(self, offsets: Iterable[int]) -> list[int]:
        """Positions of the words that start at these offsets of the text (others are skipped)."""
        starts, n = self.starts, len(self.starts)
        found = []
        for at in offsets:
            i = bisect_left(starts, at)
            if i < n and starts[i] == at:
                found.append(i)
        return found


#: No sentence is longer, in characters. A longer run with no sentence end (a list of thousands
#: of names, a page with no punctuation) is cut at white space: the later stages look across a
#: sentence for each name in it, so such a run would cost the square of its length.
MAX_SENTENCE = 2000


def sentences(text: str) -> list[Span]:
    """Sentence spans of ``text``: split at ., ! or ? followed by space, and at line breaks.

    A full stop after a known abbreviation ("Capt.", "U.S.") or an initial does
    not end a sentence. Leading and trailing whitespace is excluded from spans.
    A sentence longer than :data:`MAX_SENTENCE` is cut (:func:`split_sentences`).
    """
    return split_sentences(text)[0]


def split_sentences(text: str) -> tuple[list[Span], int]:
    """:func:`sentences`, and how many cuts made sentences of runs longer than :data:`MAX_SENTENCE`."""
    spans = []
    start = 0
    longest = _LONGEST_ABBREVIATION + 1
    for m in _SENTENCE_END_RE.finditer(text):
        at = m.start()
        # After five letters no abbreviation can end (one check in C, the common case).
        if text[at] == "." and not (at >= longest and text[at - longest:at].isalpha()) and _is_abbreviation_before(text, at):
            continue
        if text[at] == "." and text[max(0, at - 4):at + 1].lower() in _CLOCK_ENDS and _ZONE_AFTER_RE.match(text, at + 1):
            continue  # "at 12:15 a.m. Baghdad time", "at 3 p.m. GMT": the time goes on
        end = m.end()
        _append_trimmed(spans, text, start, end)
        start = end
    _append_trimmed(spans, text, start, len(text))
    if all(s.end - s.start <= MAX_SENTENCE for s in spans):
        return spans, 0
    cut: list[Span] = []
    for span in spans:
        _append_cut(cut, text, span)
    return cut, len(cut) - len(spans)


#: Hard-wrapped text ("... slammed into\ntowns behind the front line ..."): most lines are cut
#: near one width, between these many characters.
_WRAP_WIDTHS = (40, 100)
_WRAPPED_SHARE = 0.5  # of the lines that stand within 20 characters under the width
_WRAP_LINES = 6  # lines a text must have for its wrapping to show
_LIST_ITEM_RE = re.compile(r"[ \t]*(?:[-*•–—]\s|\d{1,2}[:.]\d{2}\b|\d+[.)]\s)")


def unwrap(text: str) -> str:
    """``text`` with the line breaks of hard-wrapped paragraphs (:func:`soft_line_breaks`) made
    spaces: the same length, so every offset still indexes the original (but for a word after a
    hyphen the line was cut at, moved one character back onto the hyphen)."""
    soft = soft_line_breaks(text)
    if not soft:
        return text
    chars = list(text)
    for at in soft:
        if 0 < at - 1 and text[at - 1] == "-" and text[at - 2].isalpha() and at + 1 < len(text) and text[at + 1].isalpha():
            # "in Kupiansk-\nVuzlovyi": a hyphenated name cut at its hyphen is one word again, the space
            # after it (the word moves one character: offsets elsewhere hold)
            end = at + 1
            while end < len(text) and (text[end].isalnum() or text[end] in "'’-"):
                end += 1
            chars[at:end] = [*text[at + 1:end], " "]
        else:
            chars[at] = " "
    return "".join(chars)


def soft_line_breaks(text: str) -> frozenset[int]:
    """The line breaks of a hard-wrapped text that end no sentence: a line cut near the text's
    width, with more of its paragraph on the next line (not a blank line, a list item or a live
    blog's time stamp). Empty for text written one paragraph a line."""
    continued = _continued_lines(text)  # "damaging\ngrain silos": one sentence
    if text.count("\n") < _WRAP_LINES:
        return continued
    lines = text.split("\n")
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < _WRAP_LINES:
        return continued
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not _WRAP_WIDTHS[0] <= width <= _WRAP_WIDTHS[1] or sum(width - 20 <= n <= width for n in lengths) < _WRAPPED_SHARE * len(lengths):
        return continued
    soft, at = set(), 0
    for line, following in zip(lines, lines[1:]):
        at += len(line) + 1
        if len(line.rstrip()) >= 0.6 * width and following.strip() and not _LIST_ITEM_RE.match(following):
            soft.add(at - 1)
    return frozenset(soft) | continued


def _continued_lines(text: str) -> frozenset[int]:
    """Line breaks inside a sentence wherever the text is wrapped: a line of some length that ends
    in a word or a comma, and a next line that goes on in lower case."""
    out, line_start, at = [], 0, text.find("\n")
    while at >= 0:
        if (at - line_start >= _CONTINUED_LINE and text[at - 1] in _GOES_ON and at + 1 < len(text)
                and text[at + 1] in _LOWER):
            out.append(at)
        line_start, at = at + 1, text.find("\n", at + 1)
    return frozenset(out)


_CONTINUED_LINE = 40  # characters: shorter lines are headings, list items, verse
_GOES_ON = frozenset("abcdefghijklmnopqrstuvwxyz,")
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")


def _append_cut(spans: list[Span], text: str, span: Span) -> None:
    """``span`` in pieces of at most MAX_SENTENCE characters, cut at the last white space that
    allows (or the first after, in a longer run without any)."""
    start, end = span.start, span.end
    while end - start > MAX_SENTENCE:
        space = (_LAST_SPACE_RE.search(text, start, start + MAX_SENTENCE + 1)
                 or _SPACE_RE.search(text, start + MAX_SENTENCE, end))
        if space is None:
            break
        at = space.start(space.lastindex or 0)
        _append_trimmed(spans, text, start, at)
        start = at
    _append_trimmed(spans, text, start, end)


_LAST_SPACE_RE = re.compile(r"(?s:.*\S)(\s)")  # the last white space that follows something
_SPACE_RE = re.compile(r"\s")


_CLOCK_ENDS = frozenset((" a.m.", " p.m.", "0a.m.", "0p.m.") + tuple(f"{d}{h}.m." for d in "123456789" for h in "ap"))
_ZONE_AFTER_RE = re.compile(r"\s+(?:[A-Z][a-z]+\s+time\b|(?:GMT|UTC|local time|EST|EDT|CET|BST)\b)")
# No abbreviation is longer: a longer word before a full stop is none.
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))


def _is_abbreviation_before(text: str, dot: int) -> bool:
    word_start = dot
    stop = max(0, dot - _LONGEST_ABBREVIATION - 1)
    while word_start > stop and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    if dot - word_start > _LONGEST_ABBREVIATION:
        return False
    word = text[word_start:dot].lower()
    if word == "x" and text[max(0, word_start - 5):word_start].endswith((" on ", " via ")):
        return False  # "..., the governor said on X. Video showed ...": the platform, no initial
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    body = piece.strip()  # white space as str.isspace has it
    if body:
        start += piece.find(body[0])  # the first non-space character: only white space stands before it
        spans.append(Span(start, start + len(body), body))
