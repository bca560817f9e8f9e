"""Sentence-level strike claims: who says what was hit where.

For each sentence the extractor finds the source (:mod:`.attribution`), the
reported content, the strike and casualty words in it, the targets, and the
places with their roles (:mod:`.roles`). Strike places split the content into
segments, each binding the targets written before it ("a command post in Hama,
a camp in Idlib"); places listed together ("Talbiseh, Rastan and Salamiyah")
share one claim. A claim with no place is still a claim: it is kept, with no
location.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from typing import NamedTuple

from .. import vocab
from ..articles import Article
from ..geoparser import Mention, ParsedText, parse
from ..text import Span, Token
from .attribution import (
    _LEAD_SUBJECT_RE,
    PRONOUNS,
    QUOTE_PAIRS,
    Attribution,
    actor_in,
    find_attribution,
    named_opening,
    quote_spans,
)
from .casualties import HARM_WORDS, NUMBER_WORDS, parse_casualties
from .dates import resolve_date
from .roles import STRIKE_PARTICIPLES, PlaceRole, assign_roles
from .scan import TokenIndex, VocabularyScan, by_first_letter, least, literal_openings, starts_with_word_character

UNATTRIBUTED = "unattributed (article text)"
QUOTE_MARKS = frozenset(QUOTE_PAIRS) | frozenset(QUOTE_PAIRS.values())
_LEADING_THE_RE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
# Past perfect, the tense reported speech shifts into ("had also hit", "had been destroyed").
_REPORTED_TENSE_RE = re.compile(r"\bhad\s+(?:also\s+|already\s+)?(?:been\s+)?[a-z]+(?:ed|en|uck|it|own)\b")
# How a title is written before a name: "the general" is "Maj. Gen. Igor Konashenkov".
_HEAD_ABBREVIATIONS = {"general": ("gen.",), "colonel": ("col.",), "lieutenant": ("lt.",), "major": ("maj.",),
                       "governor": ("gov.",), "senator": ("sen.",)}
# Titles that stand for the person quoted last ("according to the general").
_TITLE_HEADS = vocab.words("title_heads")
# Heads of descriptions that stand for an organisation quoted before ("the British-based group").
_GROUP_HEADS = vocab.words("group_heads")
# "a spokesman for the alliance": someone speaking for a group the text names before.
_MEMBER_OF_RE = re.compile(
    rf"^((?:a|an|the)\s+(?:\w+\s+)?(?:{vocab.words_pattern('member_words')}))"
    r"\s+(?:for|of|from|with|in)\s+(the\s+[\w-]+(?:\s+[\w-]+)?)$", re.IGNORECASE)
# A sentence's opening name, up to its first comma or verb-like word: what "it" may refer back to.
_SUBJECT_RE = re.compile(r"\s*((?:The\s+)?(?:[A-Z][\w’'.-]*)(?:\s+(?:of|for|the|and|on|[A-Z][\w’'.-]*))*)[\s,(]")
_SUBJECT_MAX_WORDS = 8
_INTRODUCTION_REACH = 3  # sentences back from "The key lines:" to the organisation they quote
_BYLINE_WORDS = 6  # a line this short before the story ("17 November 2015", "By Jane Doe") is no lead
# An opening that tells when: "Days later", "Two weeks ago", "Last month".
_TIME_PHRASE_RE = re.compile(r"(?:\w+\s+){0,2}(?:later|ago|earlier|afterwards|since)|(?:last|this|next)\s+\w+", re.IGNORECASE)
# A live blog's entry time before a sentence: "09:30 The Russian Defence Ministry has ...".
_TIMESTAMP_RE = re.compile(r"\s*(?:\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|GMT|UTC))?\s+)?", re.IGNORECASE)
# Openings that are no subject: adverbials ("On Tuesday,"), conjunctions, datelines' places aside.
_NOT_A_SUBJECT_RE = re.compile(
    r"^(?:on|in|at|during|after|before|earlier|later|last|this|meanwhile|however|but|and|when|while|as|if|"
    r"although|since|for|with|from|by|according)\b", re.IGNORECASE)
# How deep "he said" may refer back through "he said" before sources are resolved in text order.
_LOOKBACK_DEPTH = 40
# Lower-case titles that stand inside a person's full name ("opposition spokesman Yahya al-Aridi").
_TITLE_WORDS = vocab.words_pattern("title_words")
_TARGET_STOPS = vocab.words("target_stops")
_DETERMINERS = vocab.words("determiners")
_ADJECTIVE_ENDINGS = vocab.word_list("adjective_endings")
_TARGET_MODIFIERS = vocab.words("target_modifiers")


@dataclass(frozen=True)
class Claim:
    """One claim: a source says a strike hit a target, at zero or more places.

    Offsets (``sentence_start``/``sentence_end``) index the article text.
    """

    claim_id: str
    article: str
    article_title: str
    article_url: str
    published: str
    source: str
    claimant: str
    claimant_type: str
    claimant_country: str
    striker: str
    striker_country: str
    target: str
    target_category: str
    target_affiliation: str
    stance: str
    casualties: int | None
    casualties_min: int | None
    casualties_max: int | None
    casualty_type: str
    casualty_phrase: str
    event_date: str
    date_precision: str
    date_phrase: str
    trigger: str
    sentence: str
    sentence_start: int
    sentence_end: int
    places: tuple[Mention, ...] = field(default=())


class _Source:
    """A claimant as the outputs name it; its type and country are worked out when first read.

    Most sources quoted in an article are never the claimant of a strike claim, so
    they are classified (``_classify(phrase, span, mentions)``) only when one is.
    """

    __slots__ = ("name", "_phrase", "_span", "_mentions", "_kind")

    def __init__(self, name: str, phrase: str, span: tuple[int, int], mentions: list[Mention]):
        self.name = name
        self._phrase, self._span, self._mentions = phrase, span, mentions
        self._kind: tuple[str, str] | None = None

    @classmethod
    def known(cls, name: str, type_: str, country: str) -> _Source:
        source = cls(name, name, (0, 0), [])
        source._kind = (type_, country)
        return source

    def _classified(self) -> tuple[str, str]:
        if self._kind is None:
            self._kind = _classify(self._phrase, self._span, self._mentions)
        return self._kind

    @property
    def type(self) -> str:
        return self._classified()[0]

    @property
    def country(self) -> str:
        return self._classified()[1]


class _Target(NamedTuple):
    start: int
    end: int
    category: str
    specific: bool


# -- claimants ---------------------------------------------------------------
def _country_in(span: tuple[int, int], mentions: list[Mention]) -> str:
    for m in mentions:
        if span[0] <= m.start and m.end <= span[1] and m.place is not None:
            return m.place.country
    return ""


def _classify(name: str, span: tuple[int, int], mentions: list[Mention]) -> tuple[str, str]:
    """Claimant type and country, from the actor vocabulary and the places in the name."""
    ctype, country = "", ""
    # The actor word nearest the start of the phrase is its head: "the defence
    # ministry in Moscow" is a ministry, not the Kremlin.
    actor = actor_in(name)
    if actor:
        ctype, country = actor.label, actor.attrs.get("country", "")
    inner = _country_in(span, mentions)
    country = inner or country
    if not ctype:
        whole = [m for m in mentions if m.start <= span[0] and span[1] <= m.end + 1 and m.place is not None]
        if whole and whole[0].place.precision == "country":
            ctype = "government"  # "France said": a country speaks through its government
        elif name[:1].isupper():
            ctype = "person"
        else:
            ctype = "other"
    return ctype, country


_QUOTE_MARK_RE = re.compile(r'[“”"]')


def _quotations(text: str) -> list[tuple[int, int]]:
    """(opening mark, closing mark) offsets of the quotations in ``text``. A straight mark
    opens after white space or a bracket and before a word; an opening mark inside an
    open quotation (a new paragraph of the same quote) does not start another; a
    quotation never closed is none."""
    found, opened = [], None
    for m in _QUOTE_MARK_RE.finditer(text):
        at, mark = m.start(), m.group()
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if mark == "“" or (mark == '"' and (before.isspace() or before in "([—–") and not after.isspace()):
            opened = at if opened is None else opened
        elif opened is not None:
            found.append((opened, at))
            opened = None
    return found


class _Sources:
    """Who speaks in each sentence of an article, worked out only for the sentences that need it.

    A sentence's source may be one quoted earlier ("he said", "the ministry said",
    "Khoja said"): resolving it looks back through the sources of earlier sentences,
    which are then worked out too. Each sentence's attribution and source are found
    at most once, and are what reading the article from its start would give.
    """

    def __init__(self, parsed: ParsedText, mentions: dict[int, list[Mention]], first: int):
        self.parsed = parsed
        self.mentions = mentions
        self.first = first  # sentences before it (a headline) quote nobody
        self._attributions: dict[int, Attribution | None] = {}
        self._sources: dict[int, _Source] = {}
        self._speakers: dict[int, tuple[Attribution, _Source] | None] = {}
        self._quotations: list[tuple[int, int]] | None = None

    def _in_quotation(self, si: int) -> bool:
        """Sentence ``si`` starts inside a quotation opened in an earlier sentence and closed in
        it or a later one: a statement quoted over several paragraphs ("The release reads:
        "... Near Rawah, one strike destroyed a tunnel entrance. ..."")."""
        if self._quotations is None:
            self._quotations = _quotations(self.parsed.text)
        start = self.parsed.sentences[si].start
        return any(opened < start < closed for opened, closed in self._quotations)

    def attribution(self, si: int) -> Attribution | None:
        if si not in self._attributions:
            self._attributions[si] = find_attribution(self.parsed.sentences[si].text)
        return self._attributions[si]

    def speaker(self, si: int) -> tuple[Attribution, _Source] | None:
        """The attribution and source of sentence ``si``: its own, or those of the quote it continues."""
        chain: list[int] = []
        j = si
        while True:  # back over quoted sentences with no source of their own
            if j < self.first:
                found = None
                break
            if j in self._speakers:
                found = self._speakers[j]
                break
            att = self.attribution(j)
            if att is not None:
                found = self._speakers[j] = (att, self.source(j))
                break
            if not self.parsed.sentences[j].text.lstrip().startswith(("“", '"')) and not self._in_quotation(j):
                found = self._speakers[j] = self._reported_on(j)
                break
            chain.append(j)
            j -= 1
        for j in reversed(chain):
            found = self._speakers[j] = self._continued(j, found) or self._introduced(j)
        return found

    def lead_source(self, si: int) -> tuple[Attribution, _Source] | None:
        """A news lead with no source of its own takes the next sentence's, when that one
        names its source: "Russian bombers have pounded Raqqa. The Defence Ministry said
        ..." (wire copy attributes the lead in the sentence after it)."""
        if si != self._lead() or si + 1 >= len(self.parsed.sentences) or quote_spans(self.parsed.sentences[si].text):
            return None
        att = self.attribution(si + 1)
        if att is None or att.denial:
            return None
        text = self.parsed.sentences[si].text
        return Attribution(att.claimant, 0, 0, 0, len(text), att.verb, False), self.source(si + 1)

    def _lead(self) -> int:
        """The first sentence of the story: after the headline and any short date or byline lines."""
        si = self.first
        while si < len(self.parsed.sentences) - 1 and len(self.parsed.sentences[si].text.split()) <= _BYLINE_WORDS:
            si += 1
        return si

    def _reported_on(self, si: int) -> tuple[Attribution, _Source] | None:
        """A sentence in the tense of reported speech right after a source's own words goes on
        reporting them: "Konashenkov said bombers had struck Raqqa. Aircraft had also hit
        positions around Deir ez-Zor." (only after a sentence that names its source)."""
        text = self.parsed.sentences[si].text
        if si - 1 < self.first or not _REPORTED_TENSE_RE.search(text) or quote_spans(text):
            return None
        att = self.attribution(si - 1)
        if att is None or att.denial:
            return None
        return Attribution(att.claimant, 0, 0, 0, len(text), att.verb, False), self.source(si - 1)

    def _continued(self, si: int, previous: tuple[Attribution, _Source] | None) -> tuple[Attribution, _Source] | None:
        """A quoted sentence with no source, right after an attributed quote, continues it."""
        prev_text = self.parsed.sentences[si - 1].text
        if previous is None or not prev_text.rstrip().endswith(("”", '"', ".", ":")) or not (
                quote_spans(prev_text) or self._in_quotation(si - 1)):
            return None
        att, source = previous
        return Attribution(att.claimant, 0, 0, 0, len(self.parsed.sentences[si].text), att.verb, att.denial), source

    def source(self, si: int, depth: int = 0) -> _Source:
        """The source of sentence ``si``, which has an attribution."""
        if si in self._sources:
            return self._sources[si]
        if depth > _LOOKBACK_DEPTH:
            self._resolve_before(si)  # long chains of "he said": resolved in text order, no deep recursion
        att = self.attribution(si)
        sentence = self.parsed.sentences[si]
        span = (sentence.start + att.claimant_start, sentence.start + att.claimant_end)
        name = att.claimant
        source = self._earlier(name, si, span[0], depth)
        if not source:
            member = _MEMBER_OF_RE.match(name)
            group = self._earlier(member.group(2), si, span[0], depth) if member else None
            if group is not None:  # "a spokesman for the alliance": the alliance quoted before, whose type it takes
                name = f"{member.group(1)} for {group.name}"
                source = _Source(_LEADING_THE_RE.sub("", name), group.name, span, self.mentions.get(si, []))
            else:
                source = _Source(_LEADING_THE_RE.sub("", name), name, span, self.mentions.get(si, []))
        self._sources[si] = source
        return source

    def _resolve_before(self, si: int) -> None:
        for j in range(self.first, si):
            if j not in self._sources and self.attribution(j) is not None:
                self.source(j)

    def _seen(self, si: int, depth: int) -> Iterator[_Source]:
        """The sources quoted before sentence ``si``, latest first."""
        for j in range(si - 1, self.first - 1, -1):
            if self.attribution(j) is not None:
                yield self.source(j, depth + 1)

    def _earlier(self, name: str, si: int, start: int, depth: int) -> _Source | None:
        low, words = name.lower(), name.split()
        if low in PRONOUNS:
            own = self._own_subject(si, start)
            if own is not None:  # "Konashenkov, briefing reporters, read out places he said were hit"
                return own
            if low == "it":  # "The Observatory ... gave a different picture. It said ..."
                subject = self._subject_of(si - 1)
                if subject is not None:
                    return subject
            return next(self._seen(si, depth), None)
        if len(words) <= 4 and words[0].lower() == "the":
            head = words[-1].lower()
            if len(words) > 1 and words[1].lower() == "same":  # "according to the same source"
                return next(self._seen(si, depth), None) or self._named_before(head, start)
            heads = (head, *_HEAD_ABBREVIATIONS.get(head, ()))
            found = next((s for s in self._seen(si, depth) if any(h in s.name.lower() for h in heads)), None)
            if found is None and head in _GROUP_HEADS:
                # "The Observatory gave a different picture. The Britain-based monitor said ...": the
                # organisation the sentence before opens with, else the last one of the same kind quoted.
                kind = actor_in(name)
                found = self._subject_of(si - 1) or next(
                    (s for s in self._seen(si, depth) if s.type not in ("person", "other", "")
                     and (kind is None or s.type == kind.label)), None)
            if found is None and head in _TITLE_HEADS:  # "according to the general": the last person quoted
                found = next(self._seen(si, depth), None)
            return found or self._named_before(head, start)
        if len(words) == 1 and words[0][:1].isupper():
            word = re.compile(rf"\b{re.escape(words[0])}\b")
            hit = next((s for s in self._seen(si, depth) if word.search(s.name)), None)
            if hit:
                return hit
            return self._titled_name(words[0], start)
        return None

    def _own_subject(self, si: int, start: int) -> _Source | None:
        """A pronoun inside its sentence refers to the name the sentence opens with, when it
        opens with one before a comma ("Ministry spokesman Igor Konashenkov, briefing ...")."""
        sentence = self.parsed.sentences[si]
        comma = sentence.text.find(",")
        if start <= sentence.start or comma < 0 or sentence.start + comma >= start:
            return None
        phrase = sentence.text[:comma].strip()
        if _NOT_A_SUBJECT_RE.match(phrase) or _TIME_PHRASE_RE.fullmatch(phrase):
            # "Days later, Colonel-General Andrei Kartapolov of the General Staff showed reporters ..."
            lead = _SUBJECT_RE.match(sentence.text, comma + 1)
            if lead is None or sentence.start + lead.end(1) >= start or actor_in(lead.group(1)) is None and len(lead.group(1).split()) < 2:
                return None
            phrase = lead.group(1)
            span = (sentence.start + lead.start(1), sentence.start + lead.end(1))
            return _Source(_LEADING_THE_RE.sub("", phrase), phrase, span, self.mentions.get(si, []))
        words = phrase.split()
        if phrase[:1] in QUOTE_MARKS:  # a quote's words, not its speaker
            return None
        if (not 1 <= len(words) <= _SUBJECT_MAX_WORDS or not any(w[:1].isupper() for w in words[1:] or words)
                or _NOT_A_SUBJECT_RE.match(phrase) or phrase.isupper()):  # nor a dateline's "BEIRUT"
            return None
        span = (sentence.start, sentence.start + len(phrase))
        return _Source(_LEADING_THE_RE.sub("", phrase), phrase, span, self.mentions.get(si, []))

    def _subject_of(self, si: int) -> _Source | None:
        """The organisation a sentence that quotes nobody opens with, as "it" refers back to it:
        "The Syrian Observatory for Human Rights, a British-based group, gave a different picture."."""
        if si < self.first or self.attribution(si) is not None:
            return None
        sentence = self.parsed.sentences[si]
        at = _TIMESTAMP_RE.match(sentence.text).end()
        for lead in (_SUBJECT_RE.match(sentence.text, at), _LEAD_SUBJECT_RE.match(sentence.text[at:]),
                     named_opening(sentence.text[at:])):
            if lead is None:
                continue
            phrase = lead.group(1)
            actor = actor_in(phrase)
            if actor is None or actor.label == "person" or len(phrase.split()) > _SUBJECT_MAX_WORDS:
                continue
            start = sentence.start + (lead.start(1) - at if lead.re is _SUBJECT_RE else at + lead.start(1))
            return _Source(_LEADING_THE_RE.sub("", phrase), phrase, (start, start + len(phrase)), self.mentions.get(si, []))
        return None

    def _introduced(self, si: int) -> tuple[Attribution, _Source] | None:
        """A quoted passage after a line ending in a colon ("The key lines:") is the words of
        the organisation the sentences just before it open with ("The US-led coalition has
        published its overnight strike summary.")."""
        if si - 1 < self.first or not self.parsed.sentences[si - 1].text.rstrip().endswith(":"):
            return None
        for j in range(si - 1, max(self.first, si - 1 - _INTRODUCTION_REACH) - 1, -1):
            subject = self._subject_of(j)
            if subject is not None:
                return Attribution(subject.name, 0, 0, 0, len(self.parsed.sentences[si].text), "quoted", False), subject
        return None

    def _named_before(self, head: str, before: int) -> _Source | None:
        """"the same ministry": the last capitalised name ending in that word before ``before``
        ("Russia's Defence Ministry"), though nobody was quoted under it."""
        if not head.isalpha():
            return None
        pattern = re.compile(rf"(?:[A-Z][\w’'-]*\s+){{1,4}}{head.capitalize()}\b")
        found = None
        for sentence in self.parsed.sentences:
            if sentence.start >= before:
                break
            for m in pattern.finditer(sentence.text):
                if sentence.start + m.end() <= before:
                    found = (sentence.start + m.start(), sentence.start + m.end(), m.group())
        if found is None:
            return None
        start, end, name = found
        return _Source(name, name, (start, end), self.parsed.mentions)

    def _titled_name(self, word: str, before: int) -> _Source | None:
        """A surname first written with its title ("Russian Foreign Minister Sergey Lavrov")."""
        pattern = re.compile(rf"(?:(?:[A-Z][\w’'-]*\.?|{_TITLE_WORDS}) ){{1,6}}(?:[a-z]{{1,3}}-)?{re.escape(word)}\b")
        for sentence in self.parsed.sentences:
            if sentence.start >= before:
                break
            m = pattern.search(sentence.text)
            if m:
                span = (sentence.start + m.start(), sentence.start + m.end())
                return _Source(m.group(), m.group(), span, self.parsed.mentions)
        return None


# -- sentences that may hold a claim -----------------------------------------
# What makes a pattern depend on the text around its match: anchors, word
# boundaries, lookarounds, back-references, conditionals (checked conservatively).
_CONTEXT_RE = re.compile(r"\\[bBAZz0-9]|[\^$]|\(\?(?:[=!<(]|P=)")


@vocab.cached
def _claim_words() -> re.Pattern | None:
    """Strike or casualty words in a sentence, wherever its reported content turns out to lie.

    A sentence with none can hold no claim, so who it quotes need not be worked
    out unless a later sentence refers back to it. The content is a slice of the
    sentence, and a word at the slice's edge may pass guards there that it fails
    in the whole sentence; but :func:`find_attribution` cuts right after a word
    only before a mark (content starting at a quote, after "that"), and right
    before a word only after a mark (a quote closing before "according to"). So
    a word may start after no word character, or at a mark (not when every strike
    word starts with a letter), and may end before no word character, or with a
    mark. ``None`` (every sentence may claim) when a strike pattern looks beyond
    its own match.
    """
    strikes = []
    for p in vocab.triggers().get("strike", ()):
        body = p.body
        if _CONTEXT_RE.search(body):
            return None
        strikes.append((body, bool(p.regex.flags & re.IGNORECASE)))
    end = r"(?:(?![\w-])|(?<![\w-]))"
    letters = by_first_letter([(None, b, ignorecase, end) for b, ignorecase in strikes] + [(None, HARM_WORDS, True, r"\b")])
    if letters is not None:  # every word starts with a letter: one check per position suffices
        return re.compile(rf"(?<!\w){letters}")
    strike = "|".join(f"(?i:{b})" if ignorecase else f"(?:{b})" for b, ignorecase in strikes) or r"(?!x)x"
    start = r"(?<!\w)" if all(starts_with_word_character(b) for b, _ in strikes) else r"(?:(?<!\w)|(?=[^\w\s]))"
    return re.compile(rf"{start}(?:(?:{strike}){end}|(?i:{HARM_WORDS})\b)")


def _tells_of_a_strike(text: str) -> bool:
    """A strike word or a list of targets anywhere in ``text``. Sentences are separated by
    white space, so a word that searching sentence by sentence finds, this search over the
    whole text finds too."""
    if _claim_words() is None:  # a strike pattern looks beyond its match: no shortcut
        return True
    start, screen = 0, _strike_openings()
    if screen is not None:  # most texts with no such word are ruled out by plain string search
        strings, reach = screen
        folded = text.lower()
        if len(folded) != len(text) or "\u017f" in folded or "\u0131" in folded:  # rare, and translate is slow
            folded = text.translate(_ASCII_TWINS).lower()
        found = [at for at in map(folded.find, strings) if at >= 0]
        if not found:
            return False
        if len(folded) == len(text):  # a match opens at most ``reach`` before one of the strings it holds
            start = max(0, min(found) - reach)
    return bool(vocab.alternation("triggers", "strike").regex.search(text, start)
                or _LISTED_TARGETS_ANYWHERE_RE.search(text, start))


@vocab.cached
def _strike_openings() -> tuple[tuple[str, ...], int] | None:
    """Lower-case strings one of which every strike word and list of targets holds, and the
    longest opening they come from: each opens a match (:func:`literal_openings`) or lies in
    one that does. ``None`` when some pattern cannot be read so."""
    bodies = [p.body for p in vocab.triggers().get("strike", ())]
    found: list[str] = []
    for body in [*bodies, _LISTED_TARGETS]:
        openings = literal_openings(body)
        if openings is None or min(map(len, openings), default=0) < 3:  # too short to rule much out
            return None
        found += openings
    return least(found), max(map(len, found))


# Letters that match an ASCII letter in a pattern that ignores case, but lower-case to something else.
_ASCII_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


# -- targets, strikers, casualties -------------------------------------------
def _targets(text: str, start: int, end: int, toks: TokenIndex, places: list[Mention]) -> list[_Target]:
    """Target phrases in ``text[start:end]``, widened to their determiners and modifiers."""
    found: list[_Target] = []
    taken: list[tuple[int, int]] = [(m.start, m.end) for m in places]
    for p, m in _scan("targets").finditer(text[start:end]):
        s, e = start + m.start(), start + m.end()
        if any(s < b and a < e for a, b in taken):
            continue
        taken.append((s, e))
        generic = p.label in ("positions", "fighters")
        found.append(_Target(_widen(s, toks, start), e, p.label, not generic))
    found.sort(key=lambda t: t.start)
    return found


@vocab.cached
def _scan(vocabulary: str) -> VocabularyScan:
    """The targets' or the strikers' scan, built once."""
    return VocabularyScan(vocab.targets() if vocabulary == "targets" else vocab.strikers())


def _is_modifier(t: Token) -> bool:
    """Words that may stand before a target noun: determiners, numbers, names, adjectives."""
    low = t.lower
    return (
        low in _DETERMINERS
        or low in NUMBER_WORDS
        or low.replace(",", "").isdigit()
        or t.is_capitalised
        or "-" in low
        or low.endswith(_ADJECTIVE_ENDINGS)
        or low in _TARGET_MODIFIERS
    )


def _widen(s: int, toks: TokenIndex, floor: int) -> int:
    """Start of the noun phrase whose head starts at ``s`` ("two ammunition dumps")."""
    before = toks.within(floor, s)
    count = 0
    for t in reversed(before):
        if t.text in "“”\"‘’'":
            continue
        if count >= 4 or t.lower in _TARGET_STOPS or not _is_modifier(t) or _is_trigger(t.lower):
            break
        s = t.start
        count += 1
    return s


@vocab.cached(maxsize=4096)
def _is_trigger(word: str) -> bool:
    """A strike word; asked of the same few modifier words again and again."""
    return any(p.regex.fullmatch(word) for p in vocab.triggers()["strike"])


def _affiliation(*texts: str) -> str:
    """The first affiliation named in the first text that names one."""
    for text in texts:
        for p in vocab.affiliations():
            if p.regex.search(text):
                return p.label
    return ""


def _after(text: str, end: int, limit: int, words: int = 8) -> str:
    """Up to ``words`` words of ``text`` after ``end`` (not past ``limit``): "positions of the group"."""
    return " ".join(text[end:limit].split()[:words])


def _strikers(text: str, start: int, end: int, mentions: list[Mention], claimant: _Source) -> list[tuple[int, str, str]]:
    """(offset, striker as written, striker country) in ``text[start:end]``, in text order.

    A match inside a longer name ("Free Syrian Army") is not a striker; "its
    warplanes" and "it has carried out" name the claimant's side.
    """
    found = []
    for p, m in _scan("strikers").finditer(text[start:end]):
        s = start + m.start()
        before = text[max(0, s - 30):s].split()
        if before and before[-1][:1].isupper() and not before[-1].endswith((".", ",", ":")):
            continue
        if any(a <= s < b for a, _, _, b in found):
            continue
        phrase = m.group()
        country = _country_in((s, start + m.end()), mentions)
        if p.label == "self" or phrase.lower().startswith(("its ", "their ", "our ")):
            country = country or claimant.country
            phrase = claimant.name if p.label == "self" else phrase
        found.append((s, phrase, country, start + m.end()))
    found.sort()
    return [(s, phrase, country) for s, phrase, country, _ in found]


# -- segments ----------------------------------------------------------------
def _groups(roles: list[PlaceRole]) -> list[list[int]]:
    """Strike places that are listed together form one group."""
    groups: list[list[int]] = []
    where: dict[int, int] = {}
    for i, r in enumerate(roles):
        if r.role != "strike":
            continue
        if r.link is not None and r.link in where:
            groups[where[r.link]].append(i)
            where[i] = where[r.link]
        else:
            where[i] = len(groups)
            groups.append([i])
    return groups


def _pick_targets(candidates: list[_Target]) -> list[_Target]:
    specific = [t for t in candidates if t.specific]
    return specific or candidates[:1]


def _segments(roles, targets, content) -> list[tuple[list[Mention], list[_Target]]]:
    """(places, targets) per claim: each group of places takes the targets written before it."""
    groups = _groups(roles)
    if not groups:
        return [([], _pick_targets(targets))]
    segments = []
    floor = content[0]
    for gi, group in enumerate(groups):
        first = roles[group[0]].mention
        last = roles[group[-1]].mention
        ceiling = roles[groups[gi + 1][0]].mention.start if gi + 1 < len(groups) else content[1]
        before = [t for t in targets if floor <= t.start and t.end <= first.start]
        after = [t for t in targets if last.end <= t.start and t.end <= ceiling]
        chosen = _pick_targets(before) if any(t.specific for t in before) else _pick_targets(after) or _pick_targets(before)
        if not chosen and not segments:
            chosen = _pick_targets(before)
        segments.append(([roles[i].mention for i in group], chosen))
        floor = last.end
    return segments


def _strike(content: str) -> re.Match | None:
    """The first strike pattern's first match in ``content`` that tells of an air or artillery
    strike (not "suicide bombings" or "a car bomb")."""
    first = vocab.alternation("triggers", "strike").regex.search(content)
    if first is None:
        return None
    if first.lastgroup != "p0":  # another pattern may match earlier in pattern order
        first = next((m for p in vocab.triggers()["strike"] for m in [p.regex.search(content)] if m), None)
    if first is not None and not _from_afar(first, content):
        rest = [m for m in vocab.alternation("triggers", "strike").regex.finditer(content) if _from_afar(m, content)]
        return rest[0] if rest else None
    return first


def _from_afar(m: re.Match, content: str) -> bool:
    """Not a bomb carried or driven to its target: "twin suicide bombings", "a car bomb"."""
    # Only the words just before it can say so: look at those, not the whole sentence.
    return _GROUND_BOMB_RE.search(content, max(0, m.start() - _GROUND_BOMB_REACH), m.start()) is None


# Right before a strike word: what makes it no strike from the air ("suicide bombings", "car bomb").
_GROUND_BOMB_RE = re.compile(rf"(?<![\w-])(?:{vocab.words_pattern('ground_bomb_words')})\s+$", re.IGNORECASE)
_GROUND_BOMB_REACH = max(map(len, vocab.words("ground_bomb_words"))) + 4  # characters: the longest word and the spaces after it


def _point_like(m: Mention, precisions: tuple[str, ...] = ("locality", "site")) -> bool:
    return m.literal and m.place is not None and m.place.precision in precisions


def _place_outside_content(sentence: Span, att: Attribution | None, mentions: list[Mention]) -> Mention | None:
    """The place a strike report with no place of its own is set in, though it stands outside the
    reported words: the place the sentence opens with ("In al-Latamneh, the rebel group said its
    headquarters had been hit"), or where witnesses speak from ("Doctors in al-Lataminah said
    their clinic was damaged"). Kept only inside the article's theatre ("In Moscow, the ministry
    said ..." is where it spoke; see :func:`_theatre_only`)."""
    if att is None or att.claimant_start == 0 and not _LOCAL_WITNESS_RE.search(att.claimant):
        return None
    start, claimant_end = sentence.start + att.claimant_start, sentence.start + att.claimant_end
    if att.claimant_start > 0 and _FRONTED_PLACE_RE.match(sentence.text[:att.claimant_start]):
        return next((m for m in mentions if m.start < start and _point_like(m, ("locality", "site", "admin1"))), None)
    if att.claimant_start > 0:
        where = _WHERE_BEFORE_SOURCE_RE.search(sentence.text, 0, att.claimant_start)
        if where is not None:
            return _where_antecedent(sentence, where.start(), mentions)
    if _LOCAL_WITNESS_RE.search(att.claimant):
        return next((m for m in mentions if start <= m.start < claimant_end and _point_like(m)), None)
    return None


# "..., where the agency said 24 air raids hit": the source speaks of the place "where" refers to.
_WHERE_BEFORE_SOURCE_RE = re.compile(r",\s*where\s+$", re.IGNORECASE)
# A piece between commas that describes the name before it: "the mountainous heartland of ...".
_APPOSITION_RE = re.compile(r"\s*(?:the|a|an)\s+[a-z]")


def _where_antecedent(sentence: Span, comma: int, mentions: list[Mention]) -> Mention | None:
    """The place a ", where" at ``comma`` (an offset in the sentence) refers to: the last one
    named before it, passing over a description set off by commas ("Saada province, the
    heartland of the Huthi movement on the Saudi border, where ...")."""
    text = sentence.text
    end = comma
    start = text.rfind(",", 0, end) + 1
    if start > 0 and _APPOSITION_RE.match(text, start):
        end, start = start - 1, text.rfind(",", 0, start - 1) + 1
    lo, hi = sentence.start + start, sentence.start + end
    named = [m for m in mentions if lo <= m.start and m.end <= hi and _point_like(m, ("locality", "site", "admin1"))]
    return named[-1] if named else None


# "The strikes come a week after ...", "The raids came as ...": what follows dates the strikes,
# it does not place them.
_TIMING_FRAME_RE = re.compile(
    r"\b(?:come|comes|came|coming)\s+(?:(?:just|only|barely|a|an|one|two|three|few|several|day|days|week|weeks|"
    r"hours?|months?|shortly|soon|less|more|than)\s+){0,4}(?:after|as|amid|since|while|despite)\b", re.IGNORECASE)


def _background_after(roles: list[PlaceRole], cut: int, triggers: tuple[int, ...]) -> list[PlaceRole]:
    """Places after ``cut`` are background, unless a strike or casualty word follows it."""
    if any(t >= cut for t in triggers):
        return roles
    return [PlaceRole(r.mention, "other") if r.mention.start >= cut and r.role == "strike" else r for r in roles]


def _headline_source(title: str) -> _Source | None:
    """The source a headline names before a colon ("SOHR: 31 civilians killed ..."), or that
    the title line is ("Syrian Network for Human Rights (SNHR)" over its daily report): the
    article reports its findings, so its own narration is that source's claim."""
    m = _HEADLINE_SOURCE_RE.match(title or "")
    name = m.group(1).strip() if m else (title or "").strip()
    if not name or actor_in(name) is None or (m is None and not _PUBLISHER_RE.fullmatch(name)):
        return None
    return _Source(_LEADING_THE_RE.sub("", name), name, (0, 0), [])


# A title line that is only a name: capitalised words, "for"/"of"/"and", an acronym in brackets.
_PUBLISHER_RE = re.compile(r"(?:The\s+)?[A-Z][\w’'.-]*(?:\s+(?:for|of|and|the|[A-Z][\w’'.-]*))*(?:\s+\([A-Z]{2,8}\))?")


_BYLINE_LINES = 2  # lines under a headline that may name the publisher
_BYLINE_MAX_WORDS = 12
_BYLINE_SPLIT_RE = re.compile(r"\s+[-–—|]\s+|\s*[|•]\s*")
_HEADLINE_SOURCE_RE = re.compile(r"^\s*([^:\n]{2,60}?)\s*:\s+\S")


def _trigger_offsets(content: str, offset: int) -> tuple[int, ...]:
    """Where strike and casualty words stand in ``content`` (shifted by ``offset``)."""
    strikes = [m for m in vocab.alternation("triggers", "strike").regex.finditer(content) if _from_afar(m, content)]
    listed = _LISTED_TARGETS_RE.finditer(content)  # "Among the targets ... was": what a strike hit
    return tuple(sorted([m.start() + offset for m in strikes] + [m.start() + offset for m in _HARM_WORD_RE.finditer(content)]
                        + [m.start() + offset for m in listed]))


def _theatre_only(claims: list[Claim], generic: set[str]) -> list[Claim]:
    """Claims told with the generic "attack(s)" keep only places in the countries the
    article's other strike claims are in ("the deadliest attack fell on a hospital in
    Maarat al-Numan" in a report on Syria), not "the attacks in Paris"; those left with no
    place are dropped."""
    theatre = {m.place.country for c in claims if c.claim_id not in generic for m in c.places if m.place is not None}
    out = []
    for c in claims:
        if c.claim_id in generic and c.places:
            kept = tuple(m for m in c.places if m.place is not None and m.place.country in theatre)
            if not kept:
                continue
            c = replace(c, places=kept)
        out.append(c)
    return out


def _only_generic(strike: re.Match | None, content: str) -> bool:
    """Whether the sentence's only strike word is the generic "attack(s)" with nothing from
    the air or from afar beside it ("jets", "missiles", "shelling"): "the attacks in Paris"
    may be no air strike at all (see :meth:`ClaimExtractor.extract`)."""
    return (strike is not None and _GENERIC_ATTACK_RE.fullmatch(strike.group()) is not None
            and _AERIAL_RE.search(content) is None)


_GENERIC_ATTACK_RE = re.compile(r"attack(?:ed|ing|s)?", re.IGNORECASE)
_AERIAL_RE = re.compile(rf"\b(?:{vocab.words_pattern('aerial_words')})\b", re.IGNORECASE)


# Unnamed sources a publisher cites as its own: "according to reliable sources".
_OWN_SOURCES_RE = re.compile(rf"(?:the\s+)?(?:{vocab.words_pattern('own_sources_words')})?\s*sources?", re.IGNORECASE)
# Sources who speak from where a strike happened: "Doctors in al-Lataminah", "residents of Ariha".
_LOCAL_WITNESS_RE = re.compile(
    rf"^(?:an?\s+|the\s+|some\s+|several\s+|two\s+|three\s+)?(?:local\s+)?(?:{vocab.words_pattern('witness_words')})"
    r"\s+(?:in|of|from|at)\b", re.IGNORECASE)
# A sentence that opens by setting the scene in a place: "In Saraqeb, ...", "Near Raqqa, ...".
_FRONTED_PLACE_RE = re.compile(r"^\s*(?:(?i:further|farther|meanwhile|elsewhere|separately)(?:\s+(?i:south|north|east|west|afield))?,\s*)?"
                               r"(?i:in|near|around|outside|at)\s+(?:the\s+)?(?:town\s+of\s+|city\s+of\s+)?"
                               rf"(?:(?:{vocab.words_pattern('arabic_articles')})-)?[A-Z][^,]{{0,40}},(?:[^,]{{0,80}},)?\s*$")
# A sentence listing what a strike reported just before hit: "Among them, it said, were a command post ...".
_LISTED_TARGETS = (r"(?:among (?:them|the targets|those hit)|(?:they|these|the targets) included|"
                   r"(?:other |the )?targets\b[^.;]{0,60}\bincluded)\b")
_LISTED_TARGETS_RE = re.compile(rf"^\W*{_LISTED_TARGETS}", re.IGNORECASE)
# The same words anywhere in a text: a sentence opening with them holds them after a word boundary.
_LISTED_TARGETS_ANYWHERE_RE = re.compile(rf"\b{_LISTED_TARGETS}", re.IGNORECASE)
# A sentence that opens by saying "it" or "the town" was struck: the place is the one named before.
_ANAPHOR_STRUCK_RE = re.compile(
    r"^\W*(?:it|the (?:town|city|village|area|district|base|airport|camp))\s+(?:was|were|had been|has been|is)\s+"
    r"(?:(?:also|again|reportedly|repeatedly|heavily|\w+ly)\s+)*"
    rf"(?:{'|'.join(sorted(STRIKE_PARTICIPLES))})\b", re.IGNORECASE)
_HARM_WORD_RE = re.compile(rf"\b(?:{HARM_WORDS})\b", re.IGNORECASE)


@vocab.cached
def _judging_denials() -> tuple[re.Pattern, ...]:
    """The denial patterns that judge a report ("groundless"): they deny with no source verb."""
    return tuple(p.regex for p in vocab.triggers().get(vocab.VERDICT, ()))


def _claim_id(article: str, sentence: Span, index: int) -> str:
    digest = hashlib.sha1(f"{article}|{sentence.start}|{sentence.end}|{index}".encode()).hexdigest()
    return f"c{digest[:12]}"


# -- the extractor -----------------------------------------------------------
class ClaimExtractor:
    """Extracts :class:`Claim` objects from articles."""

    def __init__(self) -> None:
        # The last text screened and the answer: extract() after may_claim() does not screen twice.
        self._screened: tuple[str, bool] | None = None

    def may_claim(self, text: str) -> bool:
        """False when ``text`` tells of no strike: no strike word anywhere, no list of targets.

        Such a text holds no claim (the dead it counts are no strike's: a fire, a
        crash), and need not be geoparsed.
        """
        if self._screened is None or self._screened[0] is not text:
            self._screened = (text, _tells_of_a_strike(text))
        return self._screened[1]

    def extract(self, article: Article, parsed: ParsedText | None = None) -> list[Claim]:
        if not self.may_claim(article.text):
            return []
        parsed = parsed or parse(article.text)
        by_sentence: dict[int, list[Mention]] = {}
        for m in parsed.mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        # A headline is not anybody's claim.
        first = 1 if parsed.sentences and parsed.sentences[0].text.strip() == article.title else 0
        sources = _Sources(parsed, by_sentence, first)
        narrator = _headline_source(article.title) or self._byline_source(parsed, first)
        claims: list[Claim] = []
        generic: set[str] = set()  # claims whose only strike word is "attack(s)", nothing aerial beside it
        claim_words = _claim_words()
        for si in range(first, len(parsed.sentences)):
            sentence = parsed.sentences[si]
            if claim_words is not None and not claim_words.search(sentence.text) and not _LISTED_TARGETS_RE.search(sentence.text):
                continue
            att, source = sources.speaker(si) or sources.lead_source(si) or (None, None)
            before = (parsed.sentences[si - 1].text if si > first else "") + " " + article.title
            claims.extend(self._sentence_claims(article, sentence, by_sentence.get(si, []), att, source, narrator, generic,
                                                before, by_sentence.get(si - 1, []) if si > first else [],
                                                sentence_tokens=partial(parsed.sentence_tokens, si)))
        return _theatre_only(claims, generic) if generic else claims

    @staticmethod
    def _byline_source(parsed: ParsedText, first: int) -> _Source | None:
        """A source named on a short line under the headline ("26 October 2015 - The Syrian
        Observatory for Human Rights"): the publisher, who narrates the article."""
        for sentence in parsed.sentences[first:first + _BYLINE_LINES]:
            if len(sentence.text.split()) > _BYLINE_MAX_WORDS:
                break
            for piece in _BYLINE_SPLIT_RE.split(sentence.text):
                found = _headline_source(piece.strip()) if ":" not in piece else None
                if found is not None:
                    return found
        return None

    def _sentence_claims(self, article, sentence, mentions, att, source, narrator=None, generic=None,
                         before: str = "", antecedents: list[Mention] | None = None, *,
                         sentence_tokens: Callable[[], list[Token]]) -> list[Claim]:
        offset = sentence.start
        cs, ce = (att.content_start, att.content_end) if att else (0, len(sentence.text))
        content = sentence.text[cs:ce]
        strike = _strike(content) or _LISTED_TARGETS_RE.search(content)
        harm = parse_casualties(content)
        casualties = harm.minimum if harm.minimum is not None else harm.maximum
        if strike is None and not harm.phrase:
            return []
        if strike is None and any(not _from_afar(m, content) for m in vocab.alternation("triggers", "strike").regex.finditer(content)):
            return []  # the dead of "twin suicide bombings at a rally in Ankara" are no air strike's
        when = resolve_date(content, article.published_date)
        if not when.phrase and len(content) < len(sentence.text):
            when = resolve_date(sentence.text, article.published_date)
        toks = TokenIndex(sentence_tokens())  # made only for sentences that get this far
        content_span = (offset + cs, offset + ce)
        roles = assign_roles(mentions, toks, content_span, partial(_trigger_offsets, content, offset + cs))
        timing = _TIMING_FRAME_RE.search(content)
        if timing is not None and roles:
            roles = _background_after(roles, offset + cs + timing.end(), _trigger_offsets(content, offset + cs))
        fronted = None
        if strike is not None and not any(r.role == "strike" for r in roles):
            fronted = _place_outside_content(sentence, att, mentions)
            if fronted is not None:
                roles = [PlaceRole(fronted, "strike"), *[r for r in roles if r.mention is not fronted]]
            elif antecedents and _ANAPHOR_STRUCK_RE.match(content):
                # "Konashenkov devoted the briefing to Jisr ash-Shughur. It was bombed twice overnight":
                # the town the sentence before names.
                named = [m for m in antecedents if _point_like(m)]
                if named:
                    roles = [PlaceRole(named[-1], "strike"), *roles]
        targets = _targets(article.text, *content_span, toks, mentions)
        if source is None:
            source = narrator or _Source.known(UNATTRIBUTED, "media", "")
        elif narrator is not None and _OWN_SOURCES_RE.fullmatch(source.name):
            source = narrator  # "according to reliable sources" in a monitor's release: the monitor's own
        strikers = _strikers(article.text, *content_span, mentions, source)
        denial = bool(att and att.denial) or any(regex.search(content) for regex in _judging_denials())
        segments = _segments(roles, targets, content_span)
        out = []
        for places, chosen in segments:
            if not self._worth_keeping(att, places, chosen, casualties, strike):
                continue
            striker, striker_country = self._segment_striker(strikers, places)
            target_text = self._target_text(article.text, chosen)
            near_target = self._near_target(article.text, chosen, places, content_span)
            place_countries = {m.place.country for m in places if m.place}
            claimant_type = self._relative_type(source, place_countries, striker_country)
            out.append(
                Claim(
                    claim_id=_claim_id(article.id, sentence, len(out)),
                    article=article.id,
                    article_title=article.title,
                    article_url=article.url,
                    published=article.published,
                    source=article.source,
                    claimant=source.name,
                    claimant_type=claimant_type,
                    claimant_country=source.country,
                    striker=striker,
                    striker_country=striker_country,
                    target=target_text,
                    target_category="; ".join(dict.fromkeys(t.category for t in chosen)),
                    target_affiliation=_affiliation(target_text, near_target) if chosen else "",
                    stance="denies" if denial else "asserts",
                    casualties=casualties,
                    casualties_min=harm.minimum,
                    casualties_max=harm.maximum,
                    casualty_type=harm.type,
                    casualty_phrase=harm.phrase,
                    event_date=when.date,
                    date_precision=when.precision,
                    date_phrase=when.phrase,
                    trigger=strike.group() if strike else "",
                    sentence=sentence.text,
                    sentence_start=sentence.start,
                    sentence_end=sentence.end,
                    places=tuple(places),
                )
            )
        if out and fronted is not None and generic is not None:
            generic.update(c.claim_id for c in out)  # kept only inside the article's theatre
        if out and _only_generic(strike, content):
            if _AERIAL_RE.search(before) is None:  # nothing from the air here or just before: a ground attack
                return []
            if generic is not None:
                generic.update(c.claim_id for c in out)
        return out

    @staticmethod
    def _near_target(text: str, chosen: list[_Target], places: list[Mention], content: tuple[int, int]) -> str:
        """Words after the target that may say whose it was, up to the segment's own places."""
        if not chosen:
            return ""
        end = chosen[-1].end
        limit = max(m.end for m in places) if places and places[-1].start > end else content[1]
        return _after(text, end, limit)

    @staticmethod
    def _segment_striker(strikers: list[tuple[int, str, str]], places: list[Mention]) -> tuple[str, str]:
        """The last striker named before the segment's places, else the first one named."""
        if not strikers:
            return "", ""
        first = places[0].start if places else None
        before = [s for s in strikers if first is not None and s[0] < first]
        _, phrase, country = before[-1] if before else strikers[0]
        return phrase, country

    @staticmethod
    def _worth_keeping(att, places, targets, casualties, strike) -> bool:
        if att is None:  # the article's own narration: only concrete, located strikes
            return strike is not None and bool(places) and (
                any(t.specific for t in targets) or any(m.place.precision in ("locality", "site") for m in places))
        return bool(places or targets or casualties is not None)

    @staticmethod
    def _target_text(text: str, chosen: list[_Target]) -> str:
        if not chosen:
            return ""
        phrase = text[chosen[0].start : chosen[-1].end]
        return phrase.strip(" “”\"‘’'")

    @staticmethod
    def _relative_type(source: _Source, place_countries: set[str], striker_country: str) -> str:
        """Governments other than the struck country's and the striker's are foreign governments."""
        if source.type in ("government", "military") and source.country:
            involved = place_countries | {striker_country}
            if involved - {""} and source.country not in involved:
                return "foreign government"
        return source.type


def extract_claims(article: Article, parsed: ParsedText | None = None) -> list[Claim]:
    return ClaimExtractor().extract(article, parsed)
