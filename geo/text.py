"""Sentences and word tokens with character offsets into the original text.

Every span here indexes the text it came from exactly (Python ``str`` offsets),
so evidence quoted in the outputs can always be found again in the article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

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
        # A trailing dot belongs to the word only for abbreviations ("Capt.", "U.S.") and
        # initials ("Gino D. Bassett").
        if (word[-1] == "." and len(word) > 1 and word[:-1].lower() not in _ABBREVIATIONS and "." not in word[:-1]
                and not (len(word) == 2 and word[0].isupper())):
            word = word[:-1]
        append(new(Token, (start, start + len(word), word, len(out), word.lower(), word[:1].isupper())))
    return out


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
