"""Sentences and word tokens with character offsets into the original text.

Every span here indexes the text it came from exactly (Python ``str`` offsets),
so evidence quoted in the outputs can always be found again in the article.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from itertools import accumulate, compress
from operator import itemgetter
from typing import NamedTuple, overload

# A word: letters/digits, with inner apostrophes, ʿayn marks, hyphens and dots
# kept inside ("Sha’ar", "al-Numan", "U.S.", "Su-24M").
_TOKEN_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|[^\W_]+(?:[’'‘ʿ`\-\.][^\W_]+)*\.?|[^\w\s]", re.UNICODE)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen lt col capt sgt cpl maj adm gov sen rep rev prof jr sr vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec inc corp ltd co no u.s u.k u.n e.g i.e".split()
)
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"”’')\]]*(?=\s)|\n\s*\n|\n")


@dataclass(frozen=True, slots=True)
class Span:
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
_TOKEN_SPLIT_RE = re.compile(f"({_TOKEN_RE.pattern})", re.UNICODE)
_new_token = partial(tuple.__new__, Token)
_first_letter = itemgetter(0)


class SentenceTokens(Sequence):
    """The tokens of one sentence, as :func:`tokens` gives them, made only when read.

    Splitting and measuring the words runs in C; a :class:`Token` is built only for
    a position something asks about (the capitalised words and their neighbours),
    not for the many lower-case words nobody looks at. ``words``, ``starts`` and
    ``ends`` hold every token's text and offsets.
    """

    __slots__ = ("words", "starts", "ends", "_made", "_hyphen")

    def __init__(self, text: str, offset: int = 0):
        pieces = _TOKEN_SPLIT_RE.split(text)
        bounds = list(accumulate(map(len, pieces), initial=offset))
        self.words: list[str] = pieces[1::2]
        self.starts: list[int] = bounds[1:-1:2]
        self.ends: list[int] = bounds[2::2]
        words, ends = self.words, self.ends
        for i in [i for i, w in enumerate(words) if w[-1] == "." and len(w) > 1]:
            if not _keeps_dot(words[i]):
                words[i] = words[i][:-1]
                ends[i] -= 1
        self._made: list[Token | None] = [None] * len(words)
        self._hyphen = "-" in text

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, i: int) -> Token: ...

    @overload
    def __getitem__(self, i: slice) -> list[Token]: ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self.words)))]
        made = self._made[i]
        if made is None:
            i %= len(self.words)
            word = self.words[i]
            made = self._made[i] = _new_token((self.starts[i], self.ends[i], word, i, word.lower(), word[0].isupper()))
        return made

    def capitalised_or_hyphenated(self) -> list[int]:
        """Positions of the words that may open a name: capitalised, or with a hyphen
        among their first letters ("al-Numan"), in order."""
        words = self.words
        found = list(compress(range(len(words)), map(str.isupper, map(_first_letter, words))))
        if self._hyphen:  # a lower-case word with a hyphen near its start: rare
            hyphenated = [i for i, w in enumerate(words) if "-" in w[1:5] and not w[0].isupper()]
            found = sorted(found + hyphenated) if hyphenated else found
        return found


def sentences(text: str) -> list[Span]:
    """Sentence spans of ``text``: split at ., ! or ? followed by space, and at line breaks.

    A full stop after a known abbreviation ("Capt.", "U.S.") or an initial does
    not end a sentence. Leading and trailing whitespace is excluded from spans.
    """
    spans = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
        end = m.end()
        if m.group().startswith(".") and _is_abbreviation_before(text, m.start()):
            continue
        _append_trimmed(spans, text, start, end)
        start = end
    _append_trimmed(spans, text, start, len(text))
    return spans


def _is_abbreviation_before(text: str, dot: int) -> bool:
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end, text[start:end]))
