"""Who speaks in each sentence: the sentence's own source, or one it refers back to.

:mod:`.attribution` finds a sentence's own source frame ("X said that ...", "according to
X"); this module decides, by rules, whose words a sentence is:

- :data:`SPEAKERS`: its own source; reported speech that goes on after a source's
  sentence; a quotation that continues one attributed before; a quoted passage that a line
  ending in a colon introduces.
- :data:`REFERENCES`: who a source that refers back stands for: a pronoun, "the ministry",
  "the same source", "the group", "the general", a surname, "a spokesman for the alliance".
- the narrator: a publisher named in the headline or on a byline line.

A sentence's attribution and source are found at most once, and only for the sentences
that need them; they are what reading the article from its start would give.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .. import vocab
from ..doc import Doc
from ..text import AGENCY_DATELINE_LINE_RE, DATELINE_RE
from .attribution import CARRIED, LABEL, LEAD_SUBJECT_RE, PRONOUNS, QUOTE_PAIRS, Attribution, actor_in, find_attribution, named_opening, quote_spans
from .model import Source, narration
from .rules import Example, RuleSet

Speaker = tuple[Attribution, Source]
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
_CLAUSE_VERB_RE = re.compile(r"\b(?:was|were|is|are|has|have|had|did|does|will|would)\b", re.IGNORECASE)
# A pronoun this close to its sentence's end speaks the whole sentence ("..., he added on Telegram.").
_TRAILING_SOURCE_WORDS = 5
# An item of a list that opens with its label, no bullet: "Krasnopillia community: mortar shelling ..."
_LABEL_ITEM_RE = re.compile(rf"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,3}}"
                            rf"(?:\s+(?:{vocab.words_pattern('label_kinds')}))?\s*:\s")
_BULLET_RE = re.compile(r"[ \t]*[-•*–—▪·][ \t]")  # a list item's mark at its line's start
_QUOTE_SENTENCES = 5  # sentences a quotation attributed at its end may run over
_INTRODUCTION_REACH = 3  # sentences back from "The key lines:" to the organisation they quote
_LABEL_REACH = 4  # sentences of a live blog's entry that go on in its label source's words
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


# Words by which a sentence speaks of an attack told just before: its dead and wounded, its damage.
_SAME_ATTACK_RE = re.compile(r"\b(?:killed|dead|died|wounded|injured|hurt|casualties|damaged|destroyed|the (?:strike|attack|"
                             r"blast|explosion|shelling|raid|bombing|missile|rocket|drone|shell|bomb|projectile)s?|it|they)\b", re.IGNORECASE)


def _quotes_words(text: str) -> bool:
    """Whether ``text`` quotes someone's words: more than a term in scare quotes ("a "humanitarian zone"")."""
    return any(len(text[a:b].split()) > _SCARE_QUOTE_WORDS for a, b in quote_spans(text))


_SCARE_QUOTE_WORDS = 4


def _mostly_quoted(text: str) -> bool:
    """A sentence that is a quotation (it opens with one, or quotes fill most of it), not narration that quotes a
    phrase ('The second was conducted against militants "approximately 35 kilometres northwest of Kismayo"')."""
    spans = quote_spans(text)
    if not spans:
        return False
    return not text[:spans[0][0]].strip(" -–—") or sum(e - s for s, e in spans) > _QUOTED_SHARE * len(text)


_QUOTED_SHARE = 0.5


class Speakers:
    """Who speaks in each sentence of an article, worked out only for the sentences that need it.

    A sentence's source may be one quoted earlier ("he said", "the ministry said",
    "Khoja said"): resolving it looks back through the sources of earlier sentences,
    which are then worked out too.
    """

    def __init__(self, doc: Doc, first: int):
        self.doc = doc
        self.first = first  # sentences before it (a headline) quote nobody
        self._attributions: dict[int, Attribution | None] = {}
        self._sources: dict[int, Source] = {}
        self._speakers: dict[int, Speaker | None] = {}

    def attribution(self, si: int) -> Attribution | None:
        if si not in self._attributions:  # (a table's cells are no prose: nobody in a row says anything)
            self._attributions[si] = None if self.doc.table_row(si) else find_attribution(self.doc.sentences[si].text)
        return self._attributions[si]

    def quoted(self, si: int) -> bool:
        """The sentence opens with a quotation mark, or inside a quotation opened before."""
        return self.doc.sentences[si].text.lstrip().startswith(("“", '"')) or self.doc.in_quotation(si)

    def speaker(self, si: int) -> Speaker | None:
        """The attribution and source of sentence ``si`` (by the :data:`SPEAKERS` rules)."""
        if si < self.first or self.doc.table_row(si):  # a row of a table: the log is its publisher's account
            return None
        if si in self._speakers:
            return self._speakers[si]
        # A quoted sentence with no source of its own takes the one before it: the sentences of a
        # long quotation are settled in text order, each once (never one recursion per sentence).
        j = si
        while j - 1 >= self.first and j - 1 not in self._speakers and self.quoted(j) and self.attribution(j) is None:
            j -= 1
        for k in range(j, si + 1):
            self._speakers[k] = SPEAKERS.decide(SpeakerContext(self, k), self.doc.trace, k)
        return self._speakers[si]

    def lead_source(self, si: int) -> Speaker | None:
        """A news lead with no source of its own takes the next sentence's, when that one
        names its source: "Russian bombers have pounded Raqqa. The Defence Ministry said
        ..." (wire copy attributes the lead in the sentence after it)."""
        if si != self._lead() or si + 1 >= len(self.doc.sentences) or quote_spans(self.doc.sentences[si].text):
            return None
        att = self.attribution(si + 1)
        if att is None or att.denial:
            return None
        text = self.doc.sentences[si].text
        return Attribution(att.claimant, 0, 0, 0, len(text), att.verb, False), self.source(si + 1)

    def next_source(self, si: int) -> Speaker | None:
        """A sentence of the article's own that tells of an attack takes the source of the sentence
        after it, in its paragraph, when that one names its source and speaks of the same attack's
        toll or damage: "Shells struck the Sabreen market in Omdurman. The health ministry said 56
        people were killed." (not a denial, nor someone with words of their own in quotes)."""
        if si + 1 >= len(self.doc.sentences) or not self.doc.paragraph_before(si + 1, 1) or _quotes_words(self.doc.sentences[si].text):
            return None
        att = self.attribution(si + 1)
        if att is None or att.denial:
            return None
        following = self.doc.sentences[si + 1].text[att.content_start:att.content_end]
        if not _SAME_ATTACK_RE.search(following) or quote_spans(following):
            return None
        return Attribution(att.claimant, 0, 0, 0, len(self.doc.sentences[si].text), att.verb, False), self.source(si + 1)

    def _lead(self) -> int:
        """The first sentence of the story: after the headline and any short date or byline lines."""
        si = self.first
        while si < len(self.doc.sentences) - 1 and len(self.doc.sentences[si].text.split()) <= _BYLINE_WORDS:
            si += 1
        return si

    def _reported_on(self, si: int) -> Speaker | None:
        """A sentence in the tense of reported speech right after a source's own words goes on
        reporting them: "Konashenkov said bombers had struck Raqqa. Aircraft had also hit
        positions around Deir ez-Zor." (only after a sentence that names its source)."""
        text = self.doc.sentences[si].text
        if si - 1 < self.first or not _REPORTED_TENSE_RE.search(text) or quote_spans(text):
            return None
        att = self.attribution(si - 1)
        if att is None or att.denial:
            return None
        return Attribution(att.claimant, 0, 0, 0, len(text), att.verb, False), self.source(si - 1)

    def _paragraph_source(self, si: int) -> Speaker | None:
        """The speaker of the sentence before, when it is in this sentence's paragraph and names
        (or carries) a source that asserts."""
        if not self.doc.paragraph_before(si, 1) or si - 1 < self.first:
            return None
        previous = self.speaker(si - 1)
        if previous is None or previous[0].denial or _mostly_quoted(self.doc.sentences[si].text):
            return None
        if self.next_source(si) is not None:  # the toll the next sentence's source gives is the surer reading
            return None
        att, source = previous
        return Attribution(att.claimant, 0, 0, 0, len(self.doc.sentences[si].text), CARRIED, False), source

    def _labelled_paragraph(self, si: int) -> Speaker | None:
        """The label source of the paragraph's first sentence, when no sentence between names its own."""
        for j in self.doc.paragraph_before(si, _LABEL_REACH):
            if j < self.first:
                return None
            att = self.attribution(j)
            if att is not None:
                if att.verb != LABEL:
                    return None
                return Attribution(att.claimant, 0, 0, 0, len(self.doc.sentences[si].text), att.verb, False), self.source(j)
        return None

    def _attributed_at_close(self, si: int) -> Speaker | None:
        """The source of the sentence in which a quotation that runs on past sentence ``si`` closes,
        in its paragraph, when that sentence attributes it."""
        sentence = self.doc.sentences[si]
        closing = next((closed for opened, closed in self.doc.quotations
                        if opened < sentence.end and sentence.end <= closed), None)
        if closing is None:
            return None
        for sj in range(si + 1, min(len(self.doc.sentences), si + 1 + _QUOTE_SENTENCES)):
            if self.doc.sentences[sj].start > closing:
                return None
            if si not in self.doc.paragraph_before(sj, _QUOTE_SENTENCES):
                return None
            if self.doc.sentences[sj].end > closing:
                att = self.attribution(sj)
                if att is None:
                    return None
                return Attribution(att.claimant, 0, 0, 0, len(sentence.text), att.verb, att.denial), self.source(sj)
        return None

    def _continued(self, si: int, previous: Speaker | None) -> Speaker | None:
        """A quoted sentence with no source, right after an attributed quote, continues it."""
        prev_text = self.doc.sentences[si - 1].text
        if previous is None or not prev_text.rstrip().endswith(("”", '"', ".", ":")) or not (
                quote_spans(prev_text) or self.doc.in_quotation(si - 1)):
            return None
        att, source = previous
        return Attribution(att.claimant, 0, 0, 0, len(self.doc.sentences[si].text), att.verb, att.denial), source

    def source(self, si: int, depth: int = 0) -> Source:
        """The source of sentence ``si``, which has an attribution: the one a reference stands
        for (:data:`REFERENCES`), else the phrase as written."""
        if si in self._sources:
            return self._sources[si]
        if depth > _LOOKBACK_DEPTH:
            self._resolve_before(si)  # long chains of "he said": resolved in text order, no deep recursion
        source = self._sources[si] = self.source_of(si, self.attribution(si), depth)
        return source

    def source_of(self, si: int, att: Attribution, depth: int = 0) -> Source:
        """The source of attribution ``att`` in sentence ``si`` (its own, or a second clause's): the one
        a reference stands for (:data:`REFERENCES`), else the phrase as written."""
        sentence = self.doc.sentences[si]
        span = (sentence.start + att.claimant_start, sentence.start + att.claimant_end)
        found = self.earlier(att.claimant, si, span, depth)
        return found or Source(_LEADING_THE_RE.sub("", att.claimant), att.claimant, span, self.doc.mentions_in(si))

    def _resolve_before(self, si: int) -> None:
        for j in range(self.first, si):
            if j not in self._sources and self.attribution(j) is not None:
                self.source(j)

    def _seen(self, si: int, depth: int) -> Iterator[Source]:
        """The sources quoted before sentence ``si``, latest first."""
        for j in range(si - 1, self.first - 1, -1):
            if self.attribution(j) is not None:
                yield self.source(j, depth + 1)

    def earlier(self, name: str, si: int, span: tuple[int, int], depth: int) -> Source | None:
        """Who ``name`` (a source's words at ``span`` in sentence ``si``) refers back to, if anyone."""
        found = REFERENCES.decide(ReferenceContext(self, name, si, span, depth), self.doc.trace, si, name)
        return None if found is NOBODY else found

    def _own_subject(self, si: int, start: int) -> Source | None:
        """A pronoun inside its sentence refers to the name the sentence opens with, when it
        opens with one before a comma ("Ministry spokesman Igor Konashenkov, briefing ...")."""
        sentence = self.doc.sentences[si]
        comma = sentence.text.find(",")
        if start <= sentence.start or comma < 0 or sentence.start + comma >= start:
            return None
        if len(self.doc.text[start:sentence.end].split()) <= _TRAILING_SOURCE_WORDS:
            return None  # "Another bomb hit the Barskyi district, he added.": the one quoted before, not the clause
        phrase = sentence.text[:comma].strip()
        if _NOT_A_SUBJECT_RE.match(phrase) or _TIME_PHRASE_RE.fullmatch(phrase):
            # "Days later, Colonel-General Andrei Kartapolov of the General Staff showed reporters ..."
            lead = _SUBJECT_RE.match(sentence.text, comma + 1)
            if lead is None or sentence.start + lead.end(1) >= start or actor_in(lead.group(1)) is None and len(lead.group(1).split()) < 2:
                return None
            phrase = lead.group(1)
            span = (sentence.start + lead.start(1), sentence.start + lead.end(1))
            return Source(_LEADING_THE_RE.sub("", phrase), phrase, span, self.doc.mentions_in(si))
        words = phrase.split()
        if phrase[:1] in QUOTE_MARKS:  # a quote's words, not its speaker
            return None
        if (not 1 <= len(words) <= _SUBJECT_MAX_WORDS or not any(w[:1].isupper() for w in words[1:] or words)
                or _NOT_A_SUBJECT_RE.match(phrase) or phrase.isupper()  # nor a dateline's "BEIRUT"
                or _CLAUSE_VERB_RE.search(phrase)):  # nor a clause: "Two people were killed at Muridke, where he said"
            return None
        if len(words) == 1 and actor_in(phrase) is None and (
                words[0].lower() in vocab.common_words() or _ADVERB_ENDING_RE.search(words[0])):
            return None  # "Upriver, Russian forces shelled Beryslav, he said": a word of where or when, no one
        span = (sentence.start, sentence.start + len(phrase))
        return Source(_LEADING_THE_RE.sub("", phrase), phrase, span, self.doc.mentions_in(si))

    def _person_introduced(self, si: int) -> Source | None:
        """The person a sentence before ``si``, in its paragraph, opens with and describes, quoting
        nobody: "Mikhail Razvozhayev, the Moscow-appointed governor of Sevastopol, gave a different
        account." ("he" in the sentence after is he, not the last source quoted)."""
        before = self.doc.paragraph_before(si, 1)
        if not before or before[0] < self.first or self.attribution(before[0]) is not None:
            return None
        sentence = self.doc.sentences[before[0]]
        at = _TIMESTAMP_RE.match(sentence.text).end()
        titled = _TITLED_RE.match(sentence.text, at)
        if titled is not None and titled.group(2).lower() in _PERSON_TITLES and _may_be_person(titled.group(3)):
            # "Houthi military spokesman Yahya Saree has just appeared on al-Masirah. He claims ..."
            span = (sentence.start + titled.start(1), sentence.start + titled.end(1))
            return Source(titled.group(1), titled.group(1), span, self.doc.mentions_in(before[0]))
        m = _INTRODUCED_RE.match(sentence.text, at)
        if m is None or not _may_be_person(m.group(1)) or not any(
                w.lower().strip(",.") in _PERSON_TITLES for w in m.group(2).split()):
            return None
        phrase = m.group(1) + ", " + m.group(2)
        span = (sentence.start + m.start(1), sentence.start + m.end(2))
        return Source(phrase, phrase, span, self.doc.mentions_in(before[0]))

    def _subject_of(self, si: int) -> Source | None:
        """The organisation a sentence that quotes nobody opens with, as "it" refers back to it:
        "The Syrian Observatory for Human Rights, a British-based group, gave a different picture."."""
        if si < self.first or self.attribution(si) is not None:
            return None
        sentence = self.doc.sentences[si]
        at = _TIMESTAMP_RE.match(sentence.text).end()
        for lead in (_SUBJECT_RE.match(sentence.text, at), LEAD_SUBJECT_RE.match(sentence.text[at:]),
                     named_opening(sentence.text[at:])):
            if lead is None:
                continue
            phrase = lead.group(1)
            actor = actor_in(phrase)
            if actor is None or actor.label == vocab.PERSON or len(phrase.split()) > _SUBJECT_MAX_WORDS:
                continue
            start = sentence.start + (lead.start(1) - at if lead.re is _SUBJECT_RE else at + lead.start(1))
            return Source(_LEADING_THE_RE.sub("", phrase), phrase, (start, start + len(phrase)), self.doc.mentions_in(si))
        return None

    def _introduced(self, si: int) -> Speaker | None:
        """A quoted passage after a line ending in a colon ("The key lines:") is the words of
        the organisation the sentences just before it open with ("The US-led coalition has
        published its overnight strike summary.")."""
        if si - 1 < self.first or not self.doc.sentences[si - 1].text.rstrip().endswith(":"):
            return None
        for j in range(si - 1, max(self.first, si - 1 - _INTRODUCTION_REACH) - 1, -1):
            subject = self._subject_of(j)
            if subject is not None:
                return Attribution(subject.name, 0, 0, 0, len(self.doc.sentences[si].text), "quoted", False), subject
        return None

    def _listed_under(self, si: int) -> Speaker | None:
        """The source of the line that introduces, with a colon, the bulleted list sentence ``si`` stands in."""
        text = self.doc.text
        line = text.rfind("\n", 0, self.doc.sentences[si].start) + 1
        if not (_BULLET_RE.match(text, line) or _LABEL_ITEM_RE.match(text, line)):
            return None
        j = si
        while j > self.first:  # back over the list's items, to the line before them
            j -= 1
            start = text.rfind("\n", 0, self.doc.sentences[j].start) + 1
            if not (_BULLET_RE.match(text, start) or _LABEL_ITEM_RE.match(text, start)):
                break
        intro = self.doc.sentences[j]
        if j < self.first or not intro.text.rstrip().endswith(":") or text.find("\n", intro.end, line) < 0:
            return None
        att = self.attribution(j)
        if att is not None:
            return Attribution(att.claimant, 0, 0, 0, len(self.doc.sentences[si].text), att.verb, False), self.source(j)
        subject = self._subject_of(j)
        if subject is None:
            return None
        subject = self.earlier(subject.phrase, j, subject.span, 0) or subject  # "The regional administration": the one named before
        return Attribution(subject.name, 0, 0, 0, len(self.doc.sentences[si].text), "listed", False), subject

    def _named_before(self, head: str, before: int) -> Source | None:
        """"the same ministry": the last capitalised name ending in that word before ``before``
        ("Russia's Defence Ministry"), though nobody was quoted under it."""
        if not head.isalpha():
            return None
        pattern = re.compile(rf"(?:[A-Z][\w’'-]*\s+){{1,4}}{head.capitalize()}\b")
        found = None
        for sentence in self.doc.sentences:
            if sentence.start >= before:
                break
            for m in pattern.finditer(sentence.text):
                if sentence.start + m.end() <= before:
                    found = (sentence.start + m.start(), sentence.start + m.end(), m.group())
        if found is None:
            return None
        start, end, name = found
        return Source(name, name, (start, end), self.doc.mentions)

    def _titled_name(self, word: str, before: int) -> Source | None:
        """A surname first written with its title ("Russian Foreign Minister Sergey Lavrov")."""
        pattern = re.compile(rf"(?:(?:[A-Z][\w’'-]*\.?|{_TITLE_WORDS}) ){{1,6}}(?:[a-z]{{1,3}}-)?{re.escape(word)}\b")
        for sentence in self.doc.sentences:
            if sentence.start >= before:
                break
            m = pattern.search(sentence.text)
            if m:
                span = (sentence.start + m.start(), sentence.start + m.end())
                return Source(m.group(), m.group(), span, self.doc.mentions)
        return None


# -- who speaks in a sentence ------------------------------------------------------------
@dataclass
class SpeakerContext:
    speakers: Speakers
    si: int

    @property
    def previous(self) -> Speaker | None:
        """The speaker of the sentence before (settled before this one is decided)."""
        return self.speakers._speakers.get(self.si - 1) if self.si - 1 >= self.speakers.first else None


#: Whose words a sentence is: the first rule that decides, from the top.
SPEAKERS: RuleSet[SpeakerContext] = RuleSet("speaker")


@SPEAKERS.rule(10, "its own source", decides="the source it names",
               why="a source frame in the sentence: 'X said (that) ...', '..., X said', 'according to X'",
               examples=[Example("The Russian Defence Ministry said jets struck a camp in Idlib.", "", "Russian Defence Ministry")])
def _own_source(c: SpeakerContext) -> Speaker | None:
    att = c.speakers.attribution(c.si)
    return (att, c.speakers.source(c.si)) if att is not None else None


@SPEAKERS.rule(20, "reported speech goes on", decides="the source of the sentence before",
               why="past perfect right after a sentence that names its source: 'Aircraft had also hit positions ...'",
               examples=[Example("Konashenkov said bombers had struck Raqqa. Aircraft had also hit positions around Deir ez-Zor.",
                                 "", "Konashenkov")])
def _reported_speech(c: SpeakerContext) -> Speaker | None:
    return None if c.speakers.quoted(c.si) else c.speakers._reported_on(c.si)


@SPEAKERS.rule(30, "continues a quotation", decides="the source of the quotation before",
               why="a quoted sentence with no source, right after an attributed quote",
               examples=[Example('"We struck a depot in Raqqa," the ministry said. "Jets also hit a camp in Idlib."',
                                 "", "ministry")])
def _continued_quote(c: SpeakerContext) -> Speaker | None:
    return c.speakers._continued(c.si, c.previous) if c.speakers.quoted(c.si) else None


@SPEAKERS.rule(32, "a quotation attributed at its end", decides="the source named after the quotation closes",
               why="a quotation running over several sentences, its source named after its last one: '\"Our troops "
                   "have not targeted Poonch. We only responded to fire,\" Chaudhry said.'",
               examples=[Example('"Our troops have not targeted any civilians in Poonch. We only responded to Indian '
                                 'fire," Chaudhry said.', "", "Chaudhry")])
def _quotation_attributed_later(c: SpeakerContext) -> Speaker | None:
    return c.speakers._attributed_at_close(c.si) if c.speakers.quoted(c.si) else None


@SPEAKERS.rule(35, "a labelled entry goes on", decides="the source its paragraph opens with as a label",
               why="a live blog's entry that opens with its source as a label ('11:05 Ukraine's air force: ...') "
                   "goes on in that source's words to the paragraph's end",
               examples=[Example("11:05 Ukraine's air force: 38 of 45 drones were shot down. Drones struck an energy "
                                 "facility in Odesa region.", "", "Ukraine's air force")])
def _labelled_entry(c: SpeakerContext) -> Speaker | None:
    return None if c.speakers.quoted(c.si) else c.speakers._labelled_paragraph(c.si)


@SPEAKERS.rule(38, "the paragraph's source goes on", decides="the source of the sentence before, in its paragraph",
               why="wire copy tells a source's details in the sentences after the one that names it: 'Russian "
                   "forces shelled 11 settlements, Fedorov reported. A woman was killed in Huliaipole when a shell "
                   "hit her house.' (not after a denial, nor into a quotation)",
               examples=[Example("Russian forces shelled 11 settlements, Governor Ivan Fedorov reported. A woman was killed "
                                 "in Huliaipole when a shell hit her house.", "", "Governor Ivan Fedorov")])
def _paragraph_goes_on(c: SpeakerContext) -> Speaker | None:
    return None if c.speakers.quoted(c.si) else c.speakers._paragraph_source(c.si)


@SPEAKERS.rule(40, "introduced by a colon", decides="the organisation the lines before open with",
               why="a quoted passage after a line ending in a colon ('The key lines:')",
               examples=[Example('The US-led coalition has published its overnight strike summary. The key lines:\n'
                                 '"Near Raqqa, two strikes destroyed a fighting position."', "", "US-led coalition")])
def _introduced_quote(c: SpeakerContext) -> Speaker | None:
    return c.speakers._introduced(c.si) if c.speakers.quoted(c.si) else None


@SPEAKERS.rule(42, "a list introduced by a colon", decides="the source of the line before the list",
               why="a bulleted list after a line ending in a colon ('The regional administration published the following "
                   "breakdown:') is in the words of that line's source or subject, item by item",
               examples=[Example("The regional administration published the following breakdown:\n\n- Krasnopillia "
                                 "community: a drone attack on Uhroidy.", "", "regional administration")])
def _introduced_list(c: SpeakerContext) -> Speaker | None:
    return c.speakers._listed_under(c.si)


# -- who a source that refers back stands for -------------------------------------------
class _Nobody:
    """A reference rule's answer when the reference resolves to nobody: the words stand as written."""

    name = "nobody before: the words as written"


NOBODY: Any = _Nobody()


@dataclass
class ReferenceContext:
    speakers: Speakers
    name: str
    si: int
    span: tuple[int, int]
    depth: int

    @property
    def words(self) -> list[str]:
        # (where it sits is no part of its name: "The ministry in Moscow" is the ministry)
        return _SITS_IN_TAIL_RE.sub("", self.name).split()

    def seen(self) -> Iterator[Source]:
        return self.speakers._seen(self.si, self.depth)

    def described(self) -> bool:
        """'the X' in at most four words."""
        words = self.words
        return len(words) <= 4 and words[0].lower() == "the"


_SITS_IN_TAIL_RE = re.compile(r"\s+(?:in|at|from)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*$")


#: Who a source that refers back stands for: the first rule that decides, from the top.
REFERENCES: RuleSet[ReferenceContext] = RuleSet("reference")


@REFERENCES.rule(10, "pronoun: the sentence's own subject", decides="the name the sentence opens with",
                 why="a pronoun inside a sentence that opens with a name and a comma",
                 examples=[Example("Ministry spokesman Igor Konashenkov, briefing reporters, read out places he said were hit, "
                                   "including a camp in Idlib.", "he", "Ministry spokesman Igor Konashenkov")])
def _pronoun_own_subject(c: ReferenceContext) -> Source | None:
    if c.name.lower() not in PRONOUNS:
        return None
    found = c.speakers._own_subject(c.si, c.span[0]) or _relative_subject(c)
    if found is not None and c.name.lower() in ("he", "she") and found.name and _plural_noun(found.name.split()[0]):
        return None  # "Villages in the Martuni region, in the south-east, were also hit, he said": no one he stands for
    return found


def _plural_noun(word: str) -> bool:
    """An everyday noun in the plural ("Villages", "Residents"), which "he" or "she" never stands for."""
    w = word.lower()
    if not w.endswith("s") or w.endswith("ss"):
        return False
    common = vocab.common_words()
    return w[:-1] in common or w.endswith("es") and w[:-2] in common or w.endswith("ies") and w[:-3] + "y" in common


def _relative_subject(c: ReferenceContext) -> Source | None:
    """"(Reuters) - The United Nations human rights office on Friday condemned strikes that it said had killed
    scores": a pronoun opening a relative clause's speech is the sentence's own subject (past a dateline)."""
    sentence = c.speakers.doc.sentences[c.si]
    at = c.span[0] - sentence.start
    if at <= 0 or not _RELATIVE_BEFORE_RE.search(sentence.text, 0, at):
        return None
    dateline = DATELINE_RE.match(sentence.text)
    offset = dateline.end() if dateline else 0
    lead = named_opening(sentence.text[offset:at])
    if lead is None:
        return None
    name = lead.group(1)
    span = (sentence.start + offset + lead.start(1), sentence.start + offset + lead.end(1))
    return Source(_LEADING_THE_RE.sub("", name), name, span, c.speakers.doc.mentions_in(c.si))


_RELATIVE_BEFORE_RE = re.compile(r"\b(?:that|which)\s+$")


@REFERENCES.rule(20, "'it': the organisation before", decides="the organisation the sentence before opens with",
                 why="'it' after a sentence that opens with an organisation and quotes nobody",
                 examples=[Example("The Syrian Observatory for Human Rights gave a different picture. It said jets hit a "
                                   "market in Idlib.", "It", "Syrian Observatory for Human Rights")])
def _it_subject(c: ReferenceContext) -> Source | None:
    return c.speakers._subject_of(c.si - 1) if c.name.lower() == "it" else None


@REFERENCES.rule(22, "its member: the organisation before", decides="the member of the organisation the sentence before "
                                                                    "opens with",
                 why="'Its political spokesman said ...' after a sentence that opens with an organisation",
                 examples=[Example("The M23 rebel movement denies shelling the camps. Its political spokesman said the army "
                                   "bombed Rutshuru.", "Its political spokesman", "M23 rebel movement political spokesman")])
def _its_member(c: ReferenceContext) -> Source | None:
    member = _ITS_MEMBER_RE.match(c.name)
    if member is None:
        return None
    group = c.speakers._subject_of(c.si - 1) or next(c.seen(), None)  # (or the last source quoted)
    if group is None or group is NOBODY or not group.name or _may_be_person(group.name) or actor_in(group.name) is None:
        return None
    named = f"{group.name} {member.group(1)}"
    return Source(_LEADING_THE_RE.sub("", named), group.name, c.span, c.speakers.doc.mentions_in(c.si))


_ITS_MEMBER_RE = re.compile(rf"^(?:its|their)\s+((?:\w+\s+)?(?:{vocab.words_pattern('member_words')}))$", re.IGNORECASE)


@REFERENCES.rule(25, "he, she: the person introduced before", decides="the person the sentence before opens with",
                 why="'he' or 'she' after a sentence that opens with a person's name and title and quotes nobody",
                 examples=[Example("Pletenchuk said the ship was hit. Mikhail Razvozhayev, the governor of Sevastopol, gave a "
                                   "different account. He said missiles hit a pier in Sevastopol.", "He",
                                   "Mikhail Razvozhayev, the governor of Sevastopol"),
                           Example("The IDF said the missile was intercepted. Houthi military spokesman Yahya Saree has "
                                   "just appeared on al-Masirah. He claims missiles hit Eilat.", "He",
                                   "Houthi military spokesman Yahya Saree")])
def _pronoun_introduced(c: ReferenceContext) -> Source | None:
    return c.speakers._person_introduced(c.si) if c.name.lower() in ("he", "she") else None


@REFERENCES.rule(27, "he, she: a source its own sentence names", decides="the source quoted before whose surname the "
                                                                         "sentence writes before the pronoun",
                 why="'Fedorov's morning summary also lists the villages that came under fire: he says ...' after others spoke",
                 examples=[Example("Ivan Fedorov, the regional governor, said drones hit Zaporizhzhia. Yevgeny Balitsky said "
                                   "nothing was hit. Fedorov's summary lists the villages shelled: he says artillery hit "
                                   "Orikhiv.", "he", "Ivan Fedorov, the regional governor")])
def _pronoun_named_in_sentence(c: ReferenceContext) -> Source | None:
    if c.name.lower() not in ("he", "she"):
        return None
    sentence = c.speakers.doc.sentences[c.si]
    names = _POSSESSIVE_NAME_RE.findall(c.speakers.doc.text, sentence.start, c.span[0])
    for name in reversed(names):
        found = next((s for s in c.seen() if s.name and name in re.findall(r"[\w-]+", s.name)), None)
        if found is not None:
            return found
    return None


_POSSESSIVE_NAME_RE = re.compile(r"\b([A-Z][a-z][\w-]+)['’]s\b")


@REFERENCES.rule(30, "pronoun: the last source quoted", decides="the last source quoted before",
                 why="any other pronoun",
                 examples=[Example("Lavrov said talks would go on. He said jets hit a camp in Homs.", "He", "Lavrov")])
def _pronoun_last(c: ReferenceContext) -> Source | None:
    return next(c.seen(), None) or NOBODY if c.name.lower() in PRONOUNS else None


@REFERENCES.rule(40, "the same source", decides="the last source quoted, or a name ending in the head before",
                 why="'the same source', 'the same ministry'",
                 examples=[Example("The Defence Ministry said jets hit a camp. According to the same source, bombers struck "
                                   "a depot in Raqqa.", "the same source", "Defence Ministry")])
def _same_source(c: ReferenceContext) -> Source | None:
    if not (c.described() and len(c.words) > 1 and c.words[1].lower() == "same"):
        return None
    return next(c.seen(), None) or c.speakers._named_before(c.words[-1].lower(), c.span[0]) or NOBODY


@REFERENCES.rule(50, "the X: a source named so", decides="the last source quoted whose name holds the head word",
                 why="'the ministry' after 'the Russian Defence Ministry said'; 'the general' after 'Maj. Gen. ...'",
                 examples=[Example("The Russian Defence Ministry said talks went well. The ministry said jets hit a depot "
                                   "in Hama.", "The ministry", "Russian Defence Ministry")])
def _head_named(c: ReferenceContext) -> Source | None:
    if not c.described():
        return None
    head = c.words[-1].lower()
    heads = (head, *_HEAD_ABBREVIATIONS.get(head, ()))
    return next((s for s in c.seen() if any(h in s.name.lower() for h in heads) and _same_names(c.words, s.name)), None)


def _same_names(words: list[str], name: str) -> bool:
    """The names inside a description are in the source's name: "the Palestinian health ministry"
    is not "Lebanon's health ministry", nor "the US military" "Ukraine's military"."""
    own = [w.lower() for w in re.findall(r"[\w-]+", name.replace(".", ""))]
    for word in words[1:-1]:
        if word[:1].isupper():
            stem = word.lower().replace(".", "").removesuffix("'s").removesuffix("’s")[:5]
            if not any(w.startswith(stem) for w in own):
                return False
    return True


@REFERENCES.rule(55, "the statement: its author before", decides="the last source quoted",
                 why="'the statement said', 'the communique added': a document the text named with its author before",
                 examples=[Example("The Syrian Foreign Ministry said in a statement that Israel struck Hama. The statement said "
                                   "the strikes also targeted Latakia.", "The statement", "Syrian Foreign Ministry")])
def _document_head(c: ReferenceContext) -> Source | None:
    if not (c.described() and len(c.words) <= 3 and c.words[-1].lower() in _DOCUMENT_HEADS):
        return None
    last = next(c.seen(), None)
    # "the police statement": a document its author's word names is that author's, not the last source's
    words = " ".join(c.words[1:-1]).lower().replace("’s", "").replace("'s", "")
    owner = actor_in(words) if len(c.words) == 3 else None
    if owner is not None and last is not None and actor_in(last.name) is not owner and words not in last.name.lower():
        return None  # ("the ministry's statement" is the Defence Ministry's quoted before)
    return last


_DOCUMENT_HEADS = frozenset("statement communique communiqué report post release bulletin update message".split())


@REFERENCES.rule(60, "the group: an organisation before", decides="the organisation the sentence before opens with, "
                 "else the last one of the same kind quoted", why="'the group', 'the monitor', 'the Britain-based watchdog'",
                 examples=[Example("The Syrian Observatory for Human Rights gave a different picture. The Britain-based "
                                   "monitor said jets hit a market in Idlib.", "The Britain-based monitor",
                                   "Syrian Observatory for Human Rights"),
                           Example("The ELN rebels claimed the truck bomb. Police said the army base was hit. The group "
                                   "denied any role in a motorcycle bomb that exploded in Saravena.", "The group",
                                   "ELN rebels")])
def _group_head(c: ReferenceContext) -> Source | None:
    if not c.described() or c.words[-1].lower() not in _GROUP_HEADS:
        return None
    if len(c.words) >= 4 and all(w[:1].isupper() for w in c.words[1:]):  # "the Sudan Doctors Network": a name
        return None
    kind = actor_in(c.name)
    # "the monitor" is no armed group; "the channel" may be a state broadcaster
    kinds = None if kind is None else _MEDIA_KINDS if kind.label in _MEDIA_KINDS else (kind.label,)
    # "the group", "the faction": never the police or a ministry
    unlike = _STATE_KINDS if c.words[-1].lower() in _NON_STATE_HEADS else ()
    subject = c.speakers._subject_of(c.si - 1)
    if subject is not None and (kinds is None or subject.type in kinds) and subject.type not in unlike:
        return subject
    return next((s for s in c.seen() if s.type not in (vocab.PERSON, vocab.OTHER, "") and s.type not in unlike
                 and (kinds is None or s.type in kinds)), None)


_MEDIA_KINDS = (vocab.MEDIA, vocab.STATE_MEDIA)
_PERSON_KINDS = (vocab.PERSON, vocab.OTHER, "", vocab.MILITARY, vocab.GOVERNMENT, vocab.FOREIGN_GOVERNMENT,
                 vocab.LOCAL_AUTHORITIES)  # the kinds a titled person quoted before may have been typed
_NON_STATE_HEADS = frozenset(("group", "faction", "movement", "brigade", "alliance"))
_STATE_KINDS = (vocab.LOCAL_AUTHORITIES, vocab.GOVERNMENT, vocab.FOREIGN_GOVERNMENT)  # (rebel "armies" are typed military)


@REFERENCES.rule(70, "the title: the last person quoted", decides="the last source quoted",
                 why="'according to the general', 'the spokesman said'",
                 examples=[Example("Konashenkov said talks went well. According to the general, jets hit a camp in Homs.",
                                   "the general", "Konashenkov")])
def _title_head(c: ReferenceContext) -> Source | None:
    if not c.described() or c.words[-1].lower() not in _TITLE_HEADS:
        return None
    head = c.words[-1].lower()
    # the last source quoted, if a title can be its: a person, or a name holding the title ("the
    # minister" is no "civil defence" quoted before)
    last = next(c.seen(), None)
    if last is None or not (head in last.name.lower() or _may_be_person(last.name) and last.type in _PERSON_KINDS):
        return None  # (not "Witnesses" for "the army's spokesman")
    owners = [w.lower().removesuffix("'s").removesuffix("’s") for w in c.words if w.lower().endswith(("'s", "’s"))]
    # "the M23 spokesman": the name before the title says whose
    owners += [w.lower() for w in c.words[1:-1] if w[:1].isupper() or any(ch.isdigit() for ch in w)]
    # "the army's spokesman" is no spokesman of another body quoted before
    return last if all(o in last.name.lower() for o in owners) else None


# A sentence that opens with a person's name and a description set off by commas.
# ... or with the title first: "Houthi military spokesman Yahya Saree has just appeared on al-Masirah."
_TITLED_RE = re.compile(r"\s*((?:[\w’'-]+\s+){0,4}?([\w-]+)\s+([A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,2}))\s+"
                        r"(?:has|had|is|was|appeared|went|made|gave|took|spoke|posted|arrived|held|visited)\b")
_INTRODUCED_RE = re.compile(r"\s*([A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,2}),\s+((?:the|a|an)\s+[^,;:“”\"]{3,80}?),\s+[a-z]")


_ADVERB_ENDING_RE = re.compile(r"(?:ly|wards?|river|stream|hill|side|where)$", re.IGNORECASE)


def _may_be_person(name: str) -> bool:
    """A name written as a person's: a title and a capitalised name after it ("defence ministry
    spokesman Igor Konashenkov"), or a few capitalised words with no organisation's word in them."""
    words = [w.strip(",.").replace("’s", "").replace("'s", "") for w in name.split()]
    tail = 0  # the capitalised words that close the name and are no organisation's or title's
    while tail < len(words) and _may_be_name_word(words[-1 - tail]):
        tail += 1
    rest = words[:len(words) - tail]
    # "head of the Dnipropetrovsk Regional Military Administration Serhiy Lysak": a title, then the person
    return 0 < tail <= _PERSON_NAME_WORDS and (not rest or any(w.lower() in _PERSON_TITLES for w in rest))


def _may_be_name_word(word: str) -> bool:
    low = word.lower()
    return (word[:1].isupper() and low not in vocab.organisation_words() and low not in _GROUP_HEADS
            and low not in _PERSON_TITLES)


_PERSON_TITLES = vocab.words("titles") | vocab.words("title_heads") | vocab.words("title_words")
_PERSON_NAME_WORDS = 3  # "Igor Konashenkov", "Yahya Saree", "Mohammed Abdul Salam"


@REFERENCES.rule(80, "the X: a name before", decides="the last capitalised name ending in the head word",
                 why="'the ministry' when nobody was quoted under 'Russia's Defence Ministry' before",
                 examples=[Example("Russia's Defence Ministry published a video. The ministry said jets hit a camp in Hama.",
                                   "The ministry", "Russia's Defence Ministry")])
def _named_before(c: ReferenceContext) -> Source | None:
    if not c.described():
        return None
    found = c.speakers._named_before(c.words[-1].lower(), c.span[0])
    if found is not None and not _same_names(c.words, found.name):
        return None  # "The Sudanese Armed Forces" is no "Rapid Support Forces": a name of its own
    return found or NOBODY


@REFERENCES.rule(45, "an acronym the text defined", decides="the name written before it in brackets",
                 why="'AA' after 'the Arakan Army (AA)': a short name the article gave a group, read as the group",
                 examples=[Example("Fighting between the junta and the Arakan Army (AA) went on. The AA said jets hit the "
                                   "market in Mrauk U.", "The AA", "Arakan Army")])
def _acronym_defined(c: ReferenceContext) -> Source | None:
    words = c.words
    acronym = words[-1] if len(words) <= 2 and (len(words) == 1 or words[0].lower() == "the") else ""
    if not _ACRONYM_RE.fullmatch(acronym):
        return None
    text = c.speakers.doc.text
    at = text.rfind(f"({acronym})", 0, c.span[0])
    if at < 0:
        return None
    name = _name_before(text, at, len(acronym))
    if not name:
        return None
    return Source(name, name, c.span, c.speakers.doc.mentions_in(c.si))


_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&]{1,6}")
_SMALL_WORDS = frozenset(("of", "for", "the", "and", "de", "du", "al", "el", "in", "on", "to"))


def _name_before(text: str, end: int, letters: int) -> str:
    """The capitalised name that ends at ``end``, of as many capitalised words as the acronym has
    letters (small words between them counted free): "Arakan Army" before "(AA)"."""
    words = re.findall(r"[\w’'.-]+", text[max(0, end - 120):end])
    taken, capitals = [], 0
    for word in reversed(words):
        if word[:1].isupper():
            taken.append(word)
            capitals += 1
            if capitals == letters:
                break
        elif word.lower() in _SMALL_WORDS and taken:
            taken.append(word)
        else:
            break
    while taken and taken[-1].lower() in _SMALL_WORDS:
        taken.pop()
    return " ".join(reversed(taken)) if capitals == letters else ""


@REFERENCES.rule(90, "a surname quoted before", decides="the source quoted before whose name holds it",
                 why="one capitalised word that a source quoted before holds: 'Lavrov' after 'Sergey Lavrov said'",
                 examples=[Example("Russian Foreign Minister Sergey Lavrov said talks began. Lavrov said bombs hit a school "
                                   "in Idlib.", "Lavrov", "Russian Foreign Minister Sergey Lavrov")])
def _surname_seen(c: ReferenceContext) -> Source | None:
    words = c.words
    if len(words) != 1 or not words[0][:1].isupper():
        return None
    # (a particle opening a sentence is capitalised: "Al-Mesmari" after "Ahmed al-Mesmari said")
    particle = _PARTICLE_OPENING_RE.match(words[0])
    word = re.compile(rf"\b(?i:{re.escape(particle.group(1))}){re.escape(words[0][particle.end(1):])}\b" if particle
                      else rf"\b{re.escape(words[0])}\b")
    return next((s for s in c.seen() if word.search(s.name)), None)


_PARTICLE_OPENING_RE = re.compile(r"((?:Al|El|Ad|Ar|As|An|At|Az|Ash|Abu|Bin|Ben)-)")


@REFERENCES.rule(100, "a surname first written with its title", decides="the name with its title",
                 why="one capitalised word written before with its title, though not quoted: 'Foreign Minister Sergey Lavrov'",
                 examples=[Example("Russian Foreign Minister Sergey Lavrov met his counterpart. Lavrov said bombs hit a "
                                   "school in Idlib.", "Lavrov", "Russian Foreign Minister Sergey Lavrov")])
def _surname_titled(c: ReferenceContext) -> Source | None:
    words = c.words
    if len(words) != 1 or not words[0][:1].isupper():
        return None
    return c.speakers._titled_name(words[0], c.span[0]) or NOBODY


@REFERENCES.rule(110, "a member for a group before", decides="the member, of the group's type",
                 why="'a spokesman for the alliance': someone speaking for a group the text names before",
                 examples=[Example("The Army of Conquest alliance said it was preparing an offensive. A spokesman for the "
                                   "alliance said jets hit a camp in Idlib.", "A spokesman for the alliance",
                                   "spokesman for Army of Conquest alliance")])
def _member_for(c: ReferenceContext) -> Source | None:
    member = _MEMBER_OF_RE.match(c.name)
    return _member(c, member.group(2), lambda group: f"{member.group(1)} for {group}") if member else None


def _member(c: ReferenceContext, group_words: str, named: Callable[[str], str]) -> Source | None:
    """Someone speaking for the group ``group_words`` refers back to, named by ``named(group)``,
    classified as the group is."""
    group = c.speakers.earlier(group_words, c.si, c.span, c.depth)
    if group is None:
        return None
    return Source(_LEADING_THE_RE.sub("", named(group.name)), group.name, c.span, c.speakers.doc.mentions_in(c.si))


@REFERENCES.rule(79, "a member of a group before, by its possessive", decides="the member, of the group's type",
                 why="'the group's spokesman Lawrence Kanyuka': someone speaking for a group the text names before",
                 examples=[Example("The M23 denied responsibility. The group's spokesman Lawrence Kanyuka said the army shelled "
                                   "the camps near Goma.", "The group's spokesman Lawrence Kanyuka",
                                   "M23 spokesman Lawrence Kanyuka")])
def _member_by_possessive(c: ReferenceContext) -> Source | None:
    member = _MEMBER_POSSESSIVE_RE.match(c.name)
    return _member(c, member.group(1), lambda group: f"{group} {member.group(2)}") if member else None


_MEMBER_POSSESSIVE_RE = re.compile(
    rf"^((?:the|its)\s+[\w-]+(?:\s+[\w-]+)?)['’]s\s+((?:\w+\s+)?(?:{vocab.words_pattern('member_words')})(?:\s+[A-Z][\w’'.-]*)*)$",
    re.IGNORECASE)


# -- the narrator -----------------------------------------------------------------------
def headline_source(title: str) -> Source | None:
    """The source a headline names before a colon ("SOHR: 31 civilians killed ..."), or after its
    last comma ("... kill five, governor says"), or that
    the title line is ("Syrian Network for Human Rights (SNHR)" over its daily report): the
    article reports its findings, so its own narration is that source's claim."""
    m = _HEADLINE_SOURCE_RE.match(title or "") or _HEADLINE_SAYS_RE.search(title or "")
    name = m.group(1).strip() if m else (title or "").strip()
    if not name or actor_in(name) is None or (m is None and not _PUBLISHER_RE.fullmatch(name)):
        return None
    return Source(_LEADING_THE_RE.sub("", name), name, (0, 0), [])


def outlet_narrator(article, doc: Doc) -> Source | None:
    """The news outlet that tells an article in its own words: its record's ``Source:`` line, else
    the agency its dateline names ("ODESA, June 3 (Reuters) -")."""
    name = " ".join((getattr(article, "source", "") or "").split())
    if not (name and len(name.split()) <= _OUTLET_WORDS and _PUBLISHER_RE.fullmatch(name)):
        agency = AGENCY_DATELINE_LINE_RE.search(doc.text, 0, _DATELINE_REACH)
        byline = _BYLINE_RE.search(doc.text, 0, _DATELINE_REACH)
        name = (agency['agency'] or agency['after']) if agency else byline.group(1) if byline else ""
    return Source.known(narration(name), vocab.MEDIA, "") if name else None


_OUTLET_WORDS = 6
# A byline line near the top: "By a staff correspondent | Analysis | 2 October 2025", "By Jane Doe".
_BYLINE_RE = re.compile(r"^By\s+(?:an?\s+|our\s+)?([A-Za-z][\w’'.-]*(?:\s+[\w’'.-]+){0,3}?)\s*(?:[|•–—,]|\s-\s|$)",
                        re.MULTILINE)
_DATELINE_REACH = 600  # characters from the text's start a dateline stands in


def publisher_source(source: str) -> Source | None:
    """The publisher a record names (its ``Source:`` line or field) when it is no news outlet: a
    monitor's bulletin, a ministry's or an army's statement narrate that body's own findings."""
    name = _DOCUMENT_KIND_RE.sub("", _TRANSLATION_NOTE_RE.sub("", (source or "").strip()))  # "Amnesty International (press release)"
    name = _RECORD_NOTE_RE.sub("", _SEAT_AFTER_RE.sub("", name))  # "(English service)": which of its outlets; ", Oslo": its seat
    body = _SUB_BODY_RE.split(name, 1)[0]  # "Ministère de la Défense - État-major des armées": a ministry's office
    actor = actor_in(name) if name else None
    # (a body the actors' list lacks publishes its own "monitoring report" all the same: "Truth Hounds (monitoring report)")
    own_report = actor is None and _MONITORING_KIND_RE.search(source or "") is not None
    if (actor is None and not own_report) or actor is not None and actor.label in (vocab.MEDIA, vocab.STATE_MEDIA) \
            or not _PUBLISHER_RE.fullmatch(body):
        return None
    if own_report:
        return Source.known(_LEADING_THE_RE.sub("", name), vocab.MONITOR, "")
    return Source(_LEADING_THE_RE.sub("", name), name, (0, 0), [])


_MONITORING_KIND_RE = re.compile(r"[(\[,]\s*(?:monitoring|NGO|field|investigation|human rights)\s+(?:report|update|bulletin)",
                                 re.IGNORECASE)
# What kind of document a publisher's record is, after its name ("(press release)", "(NGO report)").
_DOCUMENT_KIND_RE = re.compile(r"\s*(?:[(\[]\s*(?:[A-Za-z]+\s+){0,2}(?:KINDS)(?:\s*[,;]\s*[^()\[\]]{0,40})?\s*[)\]]"
                               r"|,\s*(?:[a-z][\w-]*\s+){0,3}(?:KINDS)|\s[-–—|:]\s*(?:KINDS|(?:[A-Z][\w-]*\s+){1,3}(?:Desk|Team|Unit|Bureau)))$".replace(
    "KINDS", r"(?:press|news|media) release|(?:press |official )?statement|report|bulletin|briefing|update|communiqu[eé]"),
    re.IGNORECASE)
# A note that the record is a translation: "(unofficial English translation)", "[translated]".
_TRANSLATION_NOTE_RE = re.compile(r"\s*[(\[][^()\[\]]*\btranslat(?:ion|ed)\b[^()\[\]]*[)\]]\s*$", re.IGNORECASE)
# The city a publisher's record names after a comma: "Iran Civil Monitoring Network (ICMN), Oslo".
_SEAT_AFTER_RE = re.compile(r",\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)?$")
# A note in brackets after a publisher's name that is no acronym of it: "(English service)", "(website)".
_RECORD_NOTE_RE = re.compile(r"\s*[(\[](?![A-Z0-9]{2,8}[)\]])[^()\[\]]{2,40}[)\]]\s*$")
_SUB_BODY_RE = re.compile(r"\s+[-–—|]\s+")  # "Ministry - Staff": the body, then its office
# A title line that is only a name: capitalised words, "for"/"of"/"and" (and French or Spanish "de la",
# "des"), an acronym in brackets.
_PUBLISHER_RE = re.compile(r"(?:The\s+)?[A-Z\u00c0-\u00de][\w’'.-]*(?:\s+(?:for|of|and|the|de|la|des|du|del|[A-Z\u00c0-\u00de][\w’'.-]*))*"
                           r"(?:\s+\([A-Z]{2,8}\))?")


_BYLINE_LINES = 2  # lines under a headline that may name the publisher
_BY_RE = re.compile(r"^By\s+")
_BYLINE_MAX_WORDS = 12
_BYLINE_SPLIT_RE = re.compile(r"\s+[-–—|]\s+|\s*[|•]\s*")
_HEADLINE_SOURCE_RE = re.compile(r"^\s*([^:\n]{2,60}?)\s*:\s+\S")
# "Russian attacks on Donetsk region kill five, governor says": the source the headline closes with
_HEADLINE_SAYS_RE = re.compile(r",\s+((?:[\w'’.-]+\s+){0,5}?[\w'’.-]+)\s+(?:says|say|said|claims|claim|reports)\s*$")


def self_named_publisher(doc: Doc, first: int) -> Source | None:
    """A report that names who produced it near its top ("This flash update is produced by OCHA
    Sudan in collaboration with partners."): that body narrates it."""
    for sentence in doc.sentences[first:first + _SELF_NAMED_REACH]:
        found = _PRODUCED_BY_RE.match(sentence.text.strip())
        if found is not None and actor_in(found.group(1)) is not None:
            name = found.group(1) + (f" ({found.group(2)})" if found.group(2) else "")  # "... Affairs (OCHA)"
            return Source(name, name, (sentence.start, sentence.end), [])
    return None


def release_narrator(article, doc: Doc) -> Source | None:
    """A numbered press release ("Release Number: 25-0317") narrated by the body its headline opens
    with: "U.S. Africa Command conducts airstrikes against ISIS-Somalia" is the command's own account."""
    title = (getattr(article, "title", "") or "").strip()
    kind_line = _KIND_LINE_RE.match(doc.text, len(title) + 1) if title and doc.text.startswith(title) else None
    if kind_line is not None and _PUBLISHER_RE.fullmatch(_PLACED_RE.sub("", title)) and actor_in(title) is not None:
        # "UN Human Rights Monitoring Mission in Ukraine" over "PRESS RELEASE": the body issuing it
        return Source(title, title, (0, 0), [])
    if "elease" not in doc.text[:_DATELINE_REACH] or _RELEASE_NUMBER_RE.search(doc.text, 0, _DATELINE_REACH) is None:
        return None
    found = _HEADLINE_SUBJECT_RE.match(title)
    if found is None or actor_in(found.group(1)) is None:
        return None
    name = found.group(1)
    return Source(name, name, (0, 0), [])


# A line under a publisher's name that says what the document is: "PRESS RELEASE", "Statement".
_KIND_LINE_RE = re.compile(r"[ \t]*(?i:(?:press|news|media) release|(?:press |official )?statement|communiqu[eé])[ \t]*$",
                           re.MULTILINE)
_PLACED_RE = re.compile(r"\s+in\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*$")  # "... Mission in Ukraine"
_RELEASE_NUMBER_RE = re.compile(r"^(?:(?:Press|News) )?Release (?:Number|No\.?|#)\s*:?\s*[\w-]+\s*$", re.MULTILINE | re.IGNORECASE)
# The capitalised name a headline opens with, up to its lower-case verb
_HEADLINE_SUBJECT_RE = re.compile(r"((?:[A-Z][\w.&’'-]*\s+){0,5}[A-Z][\w.&’'-]*)(?:\s+\([A-Z]{2,10}\))?\s+[a-z]")


_SELF_NAMED_REACH = 6  # sentences from the top
_PRODUCED_BY_RE = re.compile(
    r"(?:This (?:flash |situation |weekly |daily |monthly )?(?:update|report|bulletin|sitrep|brief(?:ing)?|release|"
    r"statement|overview|snapshot|digest) (?:is|was|has been) )?(?i:produced|published|issued|prepared|compiled|written) "
    r"by (?:the )?([A-Z][\w&.’'-]*(?: (?:of |for |and )?(?:the )?[A-Z][\w&.’'-]*){0,6})(?: \(([A-Z][A-Za-z]{1,9})\))?")


_DATELINE_PIECE_RE = re.compile(r"[A-Z][A-Z .'’/-]+(?:,\s*[A-Z][\w .'’-]*)?\s*\([^()]+\)")


def byline_source(doc: Doc, first: int) -> Source | None:
    """A source named on a short line under the headline ("26 October 2015 - The Syrian
    Observatory for Human Rights"): the publisher, who narrates the article."""
    for sentence in doc.sentences[first:first + _BYLINE_LINES]:
        if len(sentence.text.split()) > _BYLINE_MAX_WORDS:
            break
        for piece in _BYLINE_SPLIT_RE.split(sentence.text):
            if _DATELINE_PIECE_RE.fullmatch(piece.strip()):
                continue  # "BEIRUT (AFP) - October 2, 2015": a dateline, whose agency tells the article (outlet_narrator)
            # "By Patrick Martin and the ISW Iraq Team": the authors, not the word "By"
            found = headline_source(_BY_RE.sub("", piece.strip())) if ":" not in piece else None
            if found is not None:
                return found
    return None
