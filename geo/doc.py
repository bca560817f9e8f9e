"""The document model: one article as every stage of the pipeline sees it.

A :class:`Doc` is made once per article (:func:`make_doc`: its sentences and tokens,
with exact offsets) and passed along; each stage reads it and adds to it, as spaCy's
pipeline components do with theirs:

=======================  ====================================  ===============================
attribute                what                                  added by
=======================  ====================================  ===============================
``text``, ``article``    the text and the article's metadata   :func:`make_doc`
``sentences``            sentence spans                        :func:`make_doc` (geo.text)
``tokens``               every word's offsets, per sentence    :func:`make_doc` (geo.text)
``mentions``             place mentions, resolved              :class:`geo.geoparser.Geoparser`
``countries``            the countries the text is about       :class:`geo.geoparser.Geoparser`
``quotations``           quoted passages across sentences      on first use
``actors``               names of sources (the actor           on first use
                         vocabulary), with their types
``attacks``              strike words that tell of an attack,  on first use (geo.claims.frame)
                         with its kind
``times``                time phrases ("on Tuesday")           on first use
``numbers``              casualty figures ("at least 12        on first use
                         civilians")
``table_row``            a sentence that is a row of a table   on first use (geo.claims.tables)
``claims``               strike claims                         :class:`geo.claims.ClaimExtractor`
``trace``                which rules fired, when asked         the claim rules (``explain``)
=======================  ====================================  ===============================

Every offset indexes ``text``. Annotations computed on first use are computed at most
once, per sentence, so an article with no strike word never pays for them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from .text import Span, TextTokens, Token, split_sentences

if TYPE_CHECKING:  # the stages import this module, not the other way round
    from .articles import Article
    from .claims.casualties import Casualties
    from .claims.dates import TimePhrase
    from .claims.frame import AttackWord
    from .claims.tables import TableRow
    from .geoparser import Mention


class ActorMention(NamedTuple):
    """A source's name the actor vocabulary knows ("the Syrian Observatory"), with its type."""

    start: int
    end: int
    text: str
    type: str  # claimant type (actors.csv)
    country: str


@dataclass
class Doc:
    """One article's text and everything the stages found in it (see the module's table)."""

    text: str
    sentences: list[Span]
    tokens: TextTokens
    cuts: int = 0  # cuts made in runs longer than text.MAX_SENTENCE with no sentence end
    article: Article | None = None
    mentions: list[Mention] = field(default_factory=list)
    countries: dict[str, float] = field(default_factory=dict)
    claims: list = field(default_factory=list)
    unplaced: list[Mention] = field(default_factory=list)  # names not taken as places (kept only while explaining)
    trace: Any = None  # a geo.claims.rules.Trace while explaining; None otherwise (no cost)
    _by_sentence: dict[int, list[Mention]] | None = field(default=None, repr=False)
    _per_sentence: dict[tuple[str, int], Any] = field(default_factory=dict, repr=False)

    def sentence_tokens(self, si: int) -> list[Token]:
        """The tokens of sentence ``si``."""
        return self.tokens.sentence(si)

    def mentions_in(self, si: int) -> list[Mention]:
        """The place mentions of sentence ``si``, in text order."""
        if self._by_sentence is None:
            self._by_sentence = {}
            for m in self.mentions:
                self._by_sentence.setdefault(m.sentence, []).append(m)
        return self._by_sentence.get(si, [])

    # -- annotations made on first use -------------------------------------------------
    @cached_property
    def quotations(self) -> list[tuple[int, int]]:
        """(opening mark, closing mark) offsets of the quotations in the text, across sentences."""
        from .claims.attribution import quotations

        return quotations(self.text)

    def in_quotation(self, si: int) -> bool:
        """Sentence ``si`` starts inside a quotation opened in an earlier sentence."""
        start = self.sentences[si].start
        return any(opened < start < closed for opened, closed in self.quotations)

    def actors(self, si: int) -> list[ActorMention]:
        """Names of sources in sentence ``si`` that the actor vocabulary knows."""
        return self.annotation("actors", si, _find_actors)

    def attacks(self, si: int) -> list[AttackWord]:
        """The strike words of sentence ``si`` that tell of an attack, with its kind."""
        key = ("attacks", si)
        found = self._per_sentence.get(key)
        if found is None:
            from .claims.frame import attack_words

            found, rejected = attack_words(self, si)
            self._per_sentence[key] = found
            self._per_sentence[("words of no attack", si)] = rejected
        return found

    def words_of_no_attack(self, si: int) -> list[tuple[int, int, str, str]]:
        """The strike words of sentence ``si`` whose own phrase tells of no attack ("a car struck
        and killed a woman"): (start, end, verdict, word), offsets in the sentence."""
        self.attacks(si)
        return self._per_sentence[("words of no attack", si)]

    def table_row(self, si: int) -> TableRow | None:
        """Sentence ``si`` as a row of a table ("08 | 8 Feb | Haj Yousif | Drone strike | ..."), or None."""
        span = self.sentences[si]
        if "|" not in span.text:  # nearly every sentence: nothing to look up
            return None
        key = ("table row", si)
        if key not in self._per_sentence:
            from .claims.tables import table_row

            self._per_sentence[key] = table_row(self.text, span.start, span.end)
        return self._per_sentence[key]

    def paragraph_before(self, si: int, reach: int) -> list[int]:
        """Up to ``reach`` sentences before ``si`` in its paragraph (no blank line between), nearest first."""
        out, j = [], si
        while j > 0 and len(out) < reach and _BLANK_LINE_RE.search(self.text, self.sentences[j - 1].end,
                                                                    self.sentences[j].start) is None:
            j -= 1
            out.append(j)
        return out

    def paragraph_after(self, si: int, reach: int) -> list[int]:
        """Up to ``reach`` sentences after ``si`` in its paragraph, nearest first."""
        out, j = [], si
        while j + 1 < len(self.sentences) and len(out) < reach and _BLANK_LINE_RE.search(
                self.text, self.sentences[j].end, self.sentences[j + 1].start) is None:
            j += 1
            out.append(j)
        return out

    def times(self, si: int) -> list[TimePhrase]:
        """Time phrases of sentence ``si`` ("on Tuesday", "overnight"), in text order."""
        from .claims.dates import time_phrases

        return self.annotation("times", si, time_phrases)

    def numbers(self, si: int) -> list[Casualties]:
        """Casualty figures of sentence ``si`` ("at least 12 civilians"), in text order."""
        from .claims.casualties import casualty_phrases

        return self.annotation("numbers", si, casualty_phrases)

    def annotation(self, kind: str, si: int, find) -> list:
        """Sentence ``si``'s annotation ``kind``: ``find(sentence text, its offset)``, made once
        (``si`` -1: the whole text's)."""
        key = (kind, si)
        found = self._per_sentence.get(key)
        if found is None:
            text, offset = (self.text, 0) if si < 0 else (self.sentences[si].text, self.sentences[si].start)
            found = self._per_sentence[key] = find(text, offset)
        return found

    @property
    def title(self) -> str:
        return self.article.title if self.article is not None else ""


_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v]*\n")


def _find_actors(text: str, offset: int) -> list[ActorMention]:
    from . import vocab

    actors = vocab.alternation("actors")
    found = []
    for m in actors.regex.finditer(text):
        p = actors.patterns[int(m.lastgroup[1:])]
        found.append(ActorMention(offset + m.start(), offset + m.end(), m.group(), p.label, p.attrs.get("country", "")))
    return found


def make_doc(text: str, article: Article | None = None) -> Doc:
    """A :class:`Doc` of ``text``: its sentences and tokens (the first stage)."""
    spans, cuts = split_sentences(text)
    return Doc(text, spans, TextTokens(text, spans), cuts, article)
