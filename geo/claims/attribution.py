"""Who says it: find the source of a reported statement and the part it covers.

Handled frames (offsets are sentence-relative):

- ``X said (that) ...``, ``X has denied reports that ...``
- ``... , X said.`` and ``..., X reported.`` (attribution after the content)
- ``“...,” X said`` / ``“...,” said X`` (a quote followed by its source)
- ``according to X, ...`` / ``..., according to X``
- appositions: ``The Institute for the Study of War, a Washington-based think tank, said``

The claimant phrase must look like a source (a known actor word, a proper
name, or a pronoun to resolve), so "a conflict that has claimed 250,000 lives"
is not read as a claim by "a conflict".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from .. import vocab
from ..text import DATELINE_RE
from .scan import VocabularyScan

QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»"}
_LEADING_FILLER_RE = re.compile(
    r"^(?:(?:meanwhile|however|but|and|also|earlier|later|separately|in addition|in a statement|what|"
    r"in (?:a|an|its|his|her|their) (?:(?:second|separate|later|further|another|new|earlier|follow-up) )?"
    r"(?:message|statement|post|tweet|video|interview|briefing|note)|"
    r"at the same time|within (?:hours|minutes|days|an hour|a day)|(?:earlier |late )?(?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?: (?:morning|afternoon|"
    r"evening|night))?|on \w+day|earlier in the day|in an interview|(?:earlier |later )?(?:this|last|that|the same|"
    r"the previous|the following) (?:week|month|morning|evening|afternoon|night|day|year|weekend)|"
    r"overnight|yesterday|today|tonight)\b[\s,]*|asked (?:about|whether|if|on|for)\b[^,;:“”\"]{0,80},\s*|"
    r"(?:from|in) (?-i:[A-Z])[\w'’-]+(?:\s(?-i:[A-Z])[\w'’-]+)?,\s*|"  # "From Moscow, the Russian defence ministry"
    r"(?:further |farther )?(?:north|south|east|west)(?:-?(?:east|west))?(?:wards)? of (?:the )?[\w'’ -]{2,30}?,\s*|"
    r"(?:outside|inside|beyond|across|around|in) (?:the )?(?:city|town|capital|region|village|camp|area|country)"
    r"(?: centre| center)?,\s*|"  # "Outside the city, monitors verified drone attacks in Antonivka"
    r"(?:(?:further|farther) (?:north|south|east|west|afield|away|inland)|elsewhere|closer to (?:the )?[\w'’ -]{2,30}?),\s*)+",
    re.IGNORECASE,
)
# ("now" only in lower case: "Myanmar Now" is an outlet's name)
_TRAILING_AUX_RE = re.compile(
    r"(?:\s+(?:has|had|have|also|would|will|did|does|not|could|may|might|can|cannot|"
    r"(?:did|does|has|have|had|would|wo|could|ca)n['’]t|later|then|further|again|earlier|repeatedly|in the past|"
    r"in (?:early |mid-|late )?(?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"went on to|on \w+day(?: (?:morning|evening|afternoon|night))?|previously|separately|quickly|immediately|publicly|(?-i:now)|just|since|already|reportedly|"
    r"subsequently|officially|flatly|categorically|strongly|firmly|vehemently|strenuously|emphatically|angrily|swiftly|"
    r"formally|explicitly|initially|originally|privately|openly|roundly|vigorously|briefly|only|consistently|both|jointly|"
    r"together))+\s*$",
    re.IGNORECASE,
)
# (or a country's: "Magen David Adom, Israel's ambulance service, said")
_APPOSITION_RE = re.compile(r"^(?:a|an|the|[A-Z][\w-]*['’]s|(?:head|chief|governor|mayor|spokesman|spokeswoman|"
                            r"spokesperson|director|commander|leader|secretary|minister)\s+(?:of|for))\s+[^,]*$",
                            re.IGNORECASE)
_ADVERBIAL_RE = re.compile(r"^(?:on|in|at|during|after|before|earlier|later|last|this|late|meanwhile|overnight|today|"
                           r"yesterday|tonight|separately|elsewhere|however|afterwards|recently|previously|initially|"
                           r"also|still|then|now)\b", re.IGNORECASE)
_TIME_PHRASE_RE = re.compile(r"(?:by|on|in|at|early|late|later|earlier|shortly|hours|minutes|days)\b(?:\s+[\w-]+){0,3}$",
                             re.IGNORECASE)
# A comma-separated piece that describes the claimant rather than names it: a relative
# clause ("which monitors the war from Britain"), a participle ("citing a military source",
# "speaking by phone"), a prepositional phrase ("from a group fighting in Idlib").
_DETAIL_RE = re.compile(
    r"^(?:which|who|whom|whose|that|where|from|with|for|by|under|near|inside|outside|based|one of|"
    r"among|(?!(?:acting|outgoing|incoming|ruling|sitting|founding)\b)[a-z]+ing|(?:also |better |widely )?known (?:as|by)|as (?:published|posted|reported|quoted|cited|carried)|"  # "The Congolese army, known by its French acronym FARDC,"
    r"(?:run|operated|led|backed|funded|supported|controlled|owned|managed|headed|founded|set up) by|"  # ", run by the British navy,"
    r"(?:issued|released|published|posted|read out|read|broadcast|carried|signed|sent|dated|distributed) "
    r"(?:in|on|by|from|at|late|early|overnight|to))\b"  # "The Peshmerga statement, issued in Erbil, said"
    r"|^(?:(?:about|some|around|roughly|nearly|almost|just|more than)\s+)?[\d,.]+\s*(?:km|kilomet(?:re|er)s|miles?)\b"  # "about 230 km to the southwest"
    r"|^(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s"  # "the governor of the Ryazan region, southeast of Moscow,"
    r"|^(?:just\s+)?(?:across|beyond|over|along|on the other side of)\s+the\s+(?:[\w-]+\s+)?(?:border|frontier|river|line)\b")
# ("Officials in Islamabad, across the border, said")
# The piece just before a speech verb opened by a relative word with its own subject:
# "where the agency", "which the ministry" (not "who", whose subject is the name before it).
_RELATIVE_SUBJECT_RE = re.compile(r"^(?:where|which|whom)\s+(\S.*)$", re.IGNORECASE | re.DOTALL)
# A piece that can hold a name an apposition describes: short, not a clause joined on.
_NAME_PIECE_MAX_WORDS = 8
# Words that make a piece a clause ("Coalition aircraft struck Ramadi, the coalition said"), not a name.
_FINITE_VERB_RE = re.compile(r"\b(?:was|were|is|are|has|have|had|did|does|do|will|would|could|can|must|should|shall|might)\b", re.IGNORECASE)
_CONJUNCTION_RE = re.compile(r"^(?:and|but|or|while|as|when|after|before)\b", re.IGNORECASE)
# A dateline's end ("BEIRUT, Oct 20 (Reuters) - "): a spaced hyphen breaks the clause.
_SPACED_HYPHEN = " - "
# A speech verb in a clause that times the one before: "..., as they announced", "while the army said"
_CLAUSE_OPENER_CHARS = 60  # how far before a source its clause's opener ("as they", ", which the group's") is looked for
_TIMING_CLAUSE_RE = re.compile(r"\s(?:as|while|when)\s+(?:[\w'’-]+\s+){1,3}$", re.IGNORECASE)
# A source in a relative clause on what the words before told: "..., which the group's spokesman said"
_WHICH_BEFORE_SOURCE_RE = re.compile(r",\s+which\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
# A source whose clause is joined to the one before with "and": "..., and police said ..."
_AND_BEFORE_SOURCE_RE = re.compile(r",\s+and\s+(?:the\s+)?$", re.IGNORECASE)
PRONOUNS = vocab.words("pronouns")


@dataclass(frozen=True)
class Attribution:
    """A claimant phrase and the content span it covers, sentence-relative."""

    claimant: str
    claimant_start: int
    claimant_end: int
    content_start: int
    content_end: int
    verb: str
    denial: bool


_OPENING_QUOTE_RE = re.compile("|".join(map(re.escape, QUOTE_PAIRS)))


_CARRIED_CLOSE_RE = re.compile(r"[^“\"«”»]*?(?:[”»]|(?<=[,.!?…])\")")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted passages, quote marks included; an unclosed quote runs to the end.

    A sentence may end a quote an earlier sentence opened (``hospitals," he told
    reporters``): a closing mark before any opening one closes a quote that runs from
    the start of the sentence.
    """
    spans = []
    carried = _CARRIED_CLOSE_RE.match(text)
    if carried:
        spans.append((0, carried.end()))
    m = _OPENING_QUOTE_RE.search(text, carried.end() if carried else 0)
    while m:
        i = m.start()
        j = text.find(QUOTE_PAIRS[m.group()], i + 1)
        j = len(text) - 1 if j < 0 else j
        spans.append((i, j + 1))
        m = _OPENING_QUOTE_RE.search(text, j + 1)
    return spans


_QUOTE_MARK_RE = re.compile(r'[“”"]')


def quotations(text: str) -> list[tuple[int, int]]:
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


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < pos < e for s, e in spans)


@vocab.cached
def _verb_scan() -> VocabularyScan:
    """Speech then denial patterns, scanned together."""
    kinds = vocab.triggers()
    return VocabularyScan(kinds.get(vocab.SPEECH, ()) + kinds.get(vocab.DENIAL, ()))


_NEGATED_BEFORE_RE = re.compile(r"\b(?:not|never|n['’]t)\s+(?:yet\s+|publicly\s+|officially\s+|immediately\s+|explicitly\s+)?$")


def _verbs(text: str, quotes: list[tuple[int, int]]) -> list[tuple[re.Match, bool]]:
    """Speech and denial verbs outside quotes in text order, each with whether it denies."""
    found = [(m, p.label == vocab.DENIAL) for p, m in _verb_scan().finditer(text)
             if not (quotes and _inside(m.start(), quotes))
             and not (m.group() == "states" and _STATES_NOUN_RE.search(text, 0, m.start()))
             # "Initial reports had blamed the air force": a noun
             and not (m.group().lower() in ("reports", "report") and _REPORTS_NOUN_AFTER_RE.match(text, m.end()))
             and not (_PASSIVE_BEFORE_VERB_RE.search(text, max(0, m.start() - 12), m.start())
                      and _REPORTED_AS_RE.match(text, m.end()))
             # "it has not publicly claimed any of the strikes", "the army did not say": no words of theirs
             and not _NEGATED_BEFORE_RE.search(text, max(0, m.start() - 24), m.start())]
    found.sort(key=lambda x: x[0].start())
    return found


@vocab.cached(maxsize=4096)
def actor_in(phrase: str) -> vocab.Pattern | None:
    """The actor pattern matching first (leftmost) in a claimant phrase; phrases recur across articles."""
    found = vocab.alternation("actors").search(phrase)
    return found[1] if found else None


def looks_like_source(phrase: str) -> bool:
    """A known actor word, a capitalised name, or a pronoun (not a clause: "state media have
    carried daily" before the noun "reports")."""
    words = phrase.split()
    if not words or _CLAUSE_INSIDE_RE.search(_RELATIVE_TAIL_RE.sub("", phrase)):
        return False
    if words[0].lower() in _NOBODY:  # "No Palestinian group claimed responsibility": nobody speaks
        return False
    if len(words) == 1 and words[0].lower() in _DETERMINERS:  # "- A reported drone attack on a farm": no source
        return False
    if phrase.lower() in PRONOUNS or words[0].lower() in _DETERMINERS and len(words) <= 3 and words[-1].islower():
        return True
    if actor_in(phrase):
        return True
    return any(w[:1].isupper() or _PARTICLE_NAME_RE.match(w) for w in words[1:] + ([words[0]] if len(words) == 1 else []))


# A passive speech verb tells of a report, not of who speaks: "13 health facilities have been reported hit".
_PASSIVE_BEFORE_VERB_RE = re.compile(r"\b(?:been|being|was|were)\s+$")
_REPORTED_AS_RE = re.compile(r"\s+(?:hit|struck|shot|[a-z]+ed)\b(?!\s+by\b)")
# "states" as a noun: "blackouts in several states", "the Gulf states", "member states"
_REPORTS_NOUN_AFTER_RE = re.compile(r"\s+(?:had|have|has|were|was|are|is|said|say|suggested|suggest|indicated|indicate|"
                                    r"claimed|of|from|by)\b", re.IGNORECASE)
_STATES_NOUN_RE = re.compile(r"\b(?:several|many|some|all|other|two|three|four|five|\d+|neighbouring|neighboring|Gulf|"
                             r"Arab|member|federal|these|those|both|the|nine|ten|six|seven|eight)\s+$", re.IGNORECASE)
_DETERMINERS = frozenset(("the", "a", "an", "its", "their"))  # "the spokesman", "its director"
# Words that open a phrase naming nobody: "no group", "none of the factions", "neither side".
_NOBODY = frozenset(("no", "none", "nobody", "neither", "nor", "noone", "no-one"))
# A surname after a particle: "al-Dulaimi", "el-Sisi", "ad-Din".
_PARTICLE_NAME_RE = re.compile(rf"(?:{vocab.words_pattern('arabic_articles')}|{vocab.words_pattern('arabic_particles')})-[A-Z]")
_RELATIVE_TAIL_RE = re.compile(r"\s(?:that|which|who|whose)\s.*$", re.IGNORECASE | re.DOTALL)
_CLAUSE_INSIDE_RE = re.compile(r"\s(?:has|have|had|was|were|is|are)\s+[a-z]+\s+\S")  # (not "Raqqa Is Being Slaughtered Silently")
# A live blog entry's time: "10:42", "17:55 GMT", "9.30am".
_ENTRY_TIME = r"\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.|GMT|UTC|BST|CET|CEST|EET|EEST|local time))?"
_LEADING_TIME_RE = re.compile(rf"{_ENTRY_TIME}\s*(?:[-–—|:]\s*)?(?=\S)", re.IGNORECASE)
_TRAILING_DETAIL_RE = re.compile(r"\s+(?:with|who|which|whose)\b.*$|,\s+(?:who|which)\b.*$"
                                 # "was reported by the Somali army near Bu'aale": where, not who
                                 r"|(?<=[a-z])\s+(?:near|outside|around)\s+(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)*$",
                                 re.IGNORECASE | re.DOTALL)
# ... and a relative "that" inside an apposition ("Tajamu al-Izza, a rebel group that fights under the FSA banner"; not
# "A rebel faction that has received American-made missiles", which says who an unnamed source is)
_APPOSED_THAT_RE = re.compile(r"^([^,]+,[^,]*?)\s+that\b.*$", re.DOTALL)
# "Residents of Kallaseh, a neighbourhood on the front line that ...": where they live, after the place's name
_PLACE_APPOSITION_RE = re.compile(r"(?<=[a-z’'])\b,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:neighbou?rhood|district|town|"
                                  r"village|city|suburb|camp|area|region|province|capital|port)\b.*$", re.IGNORECASE | re.DOTALL)
# "A police official in Peshawar, the capital of Khyber Pakhtunkhwa, said": the apposition says what the place is
_PLACE_DESCRIBED_RE = re.compile(r"(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:capital|city|town|village|port|neighbou?rhood|district|"
                                 r"suburb|province|region)(?:\s+(?:of|in|on|near)\s.*)?$", re.IGNORECASE | re.DOTALL)
_SOURCE_IN_PLACE_RE = re.compile(r"\b(?:in|at|from|of|near|outside|around)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}$")


def _clean(phrase: str, start: int) -> tuple[str, int, int]:
    """Trim punctuation, fillers, auxiliaries and relative tails around a claimant phrase.

    "Meanwhile, France" -> "France"; "The opposition leader went on to" -> "The
    opposition leader"; "a monitoring group with extensive contacts" -> "a
    monitoring group".
    """
    stripped = phrase.lstrip(" ,;:”\"’\n-–—•*·")  # a list's bullet is no part of a name
    start += len(phrase) - len(stripped)
    phrase = stripped
    dateline = DATELINE_RE.match(phrase)  # "BEIRUT (AP) — A Kurdish militia spokesman": the spokesman
    if dateline and dateline.end() < len(phrase):
        start += dateline.end()
        phrase = phrase[dateline.end():]
    stamp = _LEADING_TIME_RE.match(phrase)  # a live blog's entry time: "10:42 Kharkiv governor ..."
    if stamp and stamp.end() < len(phrase):
        start += stamp.end()
        phrase = phrase[stamp.end():]
    m = _LEADING_FILLER_RE.match(phrase)
    if m:
        start += m.end()
        phrase = phrase[m.end():]
    phrase = _TRAILING_DETAIL_RE.sub("", phrase)
    phrase = _APPOSED_THAT_RE.sub(r"\1", phrase)
    apposed = _PLACE_APPOSITION_RE.search(phrase)
    if apposed is not None and ((last := phrase[:apposed.start()].split()[-1])[:1].isupper() or _PARTICLE_NAME_RE.match(last)):
        phrase = phrase[:apposed.start()]
    phrase = _TRAILING_AUX_RE.sub("", phrase)
    phrase = phrase.rstrip(" ,;:“\"")
    return phrase, start, start + len(phrase)


def _subject_only(found: tuple[str, int, int]) -> tuple[str, int, int]:
    """A claimant before its speech verb that ran on into what its subject did ("Sahel Security Observatory
    recorded 14 incidents and at least 61 deaths, it said"): the subject."""
    phrase, start, end = found
    verb = _FIRST_PAST_VERB_RE.search(phrase) if len(phrase.split()) > _CLAIMANT_WITH_VERB_WORDS else None
    if verb is not None and not _THAT_RE.search(phrase, 0, verb.start()):  # (not a relative clause's verb)
        phrase = _TRAILING_AUX_RE.sub("", phrase[:verb.start()]).rstrip(" ,;:")  # ("The agency also quoted ...")
        return phrase, start, start + len(phrase)
    return found


_THAT_RE = re.compile(r"\bthat\b")
_CLAIMANT_WITH_VERB_WORDS = 4  # a longer claimant with a past verb in it ran on into what its subject did
_NAME_AFTER_PHRASE_RE = re.compile(r"\S\s+((?:the|a|an)\s+[A-Z])")
_SUBORDINATOR_RE = re.compile(r"\b(?:after|before|when|while|because|since|although|though|until|once|whereas)\b",
                              re.IGNORECASE)


def _name_and_apposition(piece: str) -> bool:
    """"the Islamic State West Africa Province (ISWAP), a rival jihadist faction,": a name, then what it is."""
    parts = piece.split(",")
    return 2 <= len(parts) <= 3 and re.match(r"\s*(?:the\s+)?[A-Z]", parts[0]) is not None and all(
        _APPOSED_PIECE_RE.match(p) for p in parts[1:] if p.strip())


_APPOSED_PIECE_RE = re.compile(r"\s*(?:an?|the)\s+[a-z][\w-]*(?:\s+[\w-]+){0,4}\s*$")


def _clause_start(text: str, end: int, quotes) -> int:
    """Where the clause ending at ``end`` starts: after the last break, closed quote or "that"."""
    brk = max(text.rfind(";", 0, end), _colon_before(text, end), text.rfind("—", 0, end), text.rfind("–", 0, end))
    hyphen = text.rfind(_SPACED_HYPHEN, 0, end)
    if hyphen >= 0:
        brk = max(brk, hyphen + len(_SPACED_HYPHEN) - 1)
    for _, e in quotes:
        if e <= end:
            brk = max(brk, e - 1)
    # Only a "that" after the break counts: scan from there (no "that" spans a break character).
    # A "that" with a comma after it opens a relative clause inside the subject ("a rebel
    # group that fights under the FSA banner, said"), not the clause the verb ends.
    thats = [m for m in _THAT_RE.finditer(text, brk + 1, end)
             if "," not in text[m.end():end] and not _after_actor_noun(text, m.start())]
    start = thats[-1].end() if thats else brk + 1
    # "The escalation came hours after the Kremlin acknowledged ...": the verb's clause
    # starts at the conjunction that opens it.
    # ("came days after ISWAP, a rival jihadist faction, said": its subject's apposition inside the clause)
    joins = [m for m in _SUBORDINATOR_RE.finditer(text, start, end)
             if "," not in text[m.end():end] or _name_and_apposition(text[m.end():end])]
    if not joins:
        return start
    # "After Tuesday's incident the Syrian Observatory said": the subject is the name after the
    # subordinate phrase the writer left without a comma.
    name = _NAME_AFTER_PHRASE_RE.search(text, joins[-1].end(), end)
    return name.start(1) if name else joins[-1].end()


def _colon_before(text: str, end: int) -> int:
    """The last colon before ``end`` that breaks a clause: a time's ("10:42") does not."""
    at = text.rfind(":", 0, end)
    while at > 0 and text[at - 1:at].isdigit() and text[at + 1:at + 2].isdigit():
        at = text.rfind(":", 0, at)
    return at


def _after_actor_noun(text: str, at: int) -> bool:
    """A "that" right after a source's noun opens a relative clause inside the source ("a
    rebel faction that has received missiles said ..."), not the clause the verb reports."""
    before = text[max(0, at - _ACTOR_NOUN_REACH):at].split()[-2:]
    return bool(before) and actor_in(" ".join(before)) is not None and before[-1][:1].islower()


_ACTOR_NOUN_REACH = 40  # characters


def _claimant_before(text: str, end: int, quotes) -> tuple[str, int, int]:
    """The noun phrase ending at ``end``: back to the last clause break, appositions joined."""
    left = text[:end]
    pronoun = _PRONOUN_BEFORE_RE.search(left)
    if pronoun:  # "a list of places he said had been struck": the verb's own subject
        return pronoun.group(1), pronoun.start(1), pronoun.end(1)
    start = _clause_start(text, end, quotes)
    pieces = [start]
    comma = left.find(",", start)
    while comma >= 0:
        if left.count("(", start, comma) <= left.count(")", start, comma):  # not "(NNA, official)"
            pieces.append(comma + 1)
        comma = left.find(",", comma + 1)
    # Walk back over comma-separated pieces: an apposition ("a Pentagon spokesman"),
    # an adverbial ("on Tuesday") or a description ("citing a military source") is not
    # the claimant's own name.
    def piece(k: int) -> str:
        return left[pieces[k]:pieces[k + 1] - 1 if k + 1 < len(pieces) else end].strip()

    idx = len(pieces) - 1
    relative = _RELATIVE_SUBJECT_RE.match(piece(idx))
    if relative:  # "Saada province, ..., where the agency said": the verb is the relative clause's own
        at = left.index(relative.group(1), pieces[idx])
        return _clean(left[at:], at)
    # "U.S. Africa Command, which is headquartered in Stuttgart, Germany, said": a relative
    # clause inside the subject, its own commas included, is no part of the name.
    # (its last piece may be long where a comma closes it right before the verb: "the MNJTF, which groups troops from
    # Cameroon, Nigeria, Chad, Niger and Benin and is headquartered in N'Djamena, said")
    # (but "In the Bryansk region, which borders Ukraine, Governor Alexander Bogomaz said": the clause is the fronted
    # place's, and a source of its own follows it)
    clause = next((k for k in range(idx, max(0, idx - _RELATIVE_PIECES), -1) if _WHICH_RE.match(piece(k))
                   and all(len(piece(n).split()) <= _RELATIVE_TAIL_WORDS or n == idx - 1 and not piece(idx)
                           for n in range(k + 1, idx))
                   and not (k < idx and _ADVERBIAL_RE.match(piece(k - 1)) and actor_in(piece(idx)) is not None)
                   # (nor "... and the town of Derhachi, which sits on the city's outskirts, Syniehubov said": the clause
                   # of a place the source's words list, the source after it)
                   and not (k < idx and piece(idx)[:1].isupper() and _LISTED_PLACE_PIECE_RE.search(piece(k - 1)))), None)
    if clause is not None:
        idx = clause - 1
    while idx > 0:
        here = piece(idx)
        if not here or _ADVERBIAL_RE.match(here) or _DETAIL_RE.match(here) or _AUXILIARY_ONLY_RE.fullmatch(here):
            idx -= 1
            continue
        if _PLACE_DESCRIBED_RE.match(here) and _SOURCE_IN_PLACE_RE.search(piece(idx - 1)):
            idx -= 1  # the source is before the place it is in: walk on from there
            continue
        if (_APPOSITION_RE.match(here) and _describes(here) and _names_something(piece(idx - 1))
                and not _TIME_PHRASE_RE.match(piece(idx - 1))  # "By late evening, the coalition said"
                # (nor the country of a town before: "from its headquarters in Stuttgart, Germany, the command said")
                and not (idx > 1 and _COUNTRY_PIECE_RE.fullmatch(piece(idx - 1)) and _IN_TOWN_END_RE.search(piece(idx - 2)))
                # (not the end of a list: "including X, Y and Z, the agency said"; but two sources may be joined:
                # "Iraqi security sources and a spokesman for the PMF, the state-sanctioned umbrella ...")
                and (" and " not in piece(idx - 1) or actor_in(piece(idx - 1)) is not None)):
            idx -= 1
        break
    if " and " in piece(idx) and _LIST_ITEM_RE.fullmatch(piece(idx).split(" and ")[0].strip()):
        # "the United States, Britain, France, Saudi Arabia and Turkey voiced concern": the whole list speaks
        k = idx
        while k > 0 and _LIST_ITEM_RE.fullmatch(piece(k - 1)):
            k -= 1
        idx = k
    phrase_start = pieces[idx]
    phrase = left[phrase_start:]
    # Drop an adverbial piece at the end ("NATO, on Tuesday,") but keep appositions.
    parts = phrase.split(",")
    while len(parts) > 1 and (not parts[-1].strip() or _ADVERBIAL_RE.match(parts[-1].strip())
                              or _DETAIL_RE.match(parts[-1].strip()) or _AUXILIARY_ONLY_RE.fullmatch(parts[-1].strip())):
        parts.pop()
    phrase = ",".join(parts)
    statement = _STATEMENT_BY_RE.match(phrase)
    if statement is not None:  # "A statement read on air by the group's missile force says": its author speaks
        return _clean(statement.group(1), phrase_start + statement.start(1))
    tail = _trailing_source(phrase)
    if tail is not None:
        return _clean(phrase[tail:], phrase_start + tail)
    return _subject_only(_clean(phrase, phrase_start))


_STATEMENT_BY_RE = re.compile(r"\s*(?:an?|the)\s+(?:(?:written|joint|brief|short|televised|video|new|later|separate|"
                              r"official)\s+)?(?:statement|communiqu[eé]|message|video|post|notice|release|announcement)\s+"
                              r"(?:[\w-]+\s+){0,4}?(?:by|from)\s+(\S.*)$", re.IGNORECASE | re.DOTALL)
_WHICH_RE = re.compile(r"(?:which|who|whose)\s", re.IGNORECASE)
_LIST_ITEM_RE = re.compile(r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}")
_COUNTRY_PIECE_RE = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?")
_IN_TOWN_END_RE = re.compile(r"\b(?:in|at|from|near|outside)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*$")
_LISTED_PLACE_PIECE_RE = re.compile(r"\b(?:town|village|city|district|region|province|settlement|camp|neighbou?rhood|port|"
                                    r"base)\s+of\s+[A-Z][\w'’-]*(?:[\s-][A-Z][\w'’-]*)?\s*$")
# "Yevgeny Balitsky, has accused": the auxiliary after an apposition's comma is the verb's, no name
_AUXILIARY_ONLY_RE = re.compile(r"(?:has|have|had|also|has also|have also|had also)", re.IGNORECASE)
_RELATIVE_PIECES = 6  # comma-separated pieces a relative clause inside a source may run over (a list of members)
_RELATIVE_TAIL_WORDS = 3  # ... its pieces after the first are short ("Stuttgart, Germany"), no clause of their own


def _trailing_source(phrase: str) -> int | None:
    """Where the source starts in a "subject" that runs over what it reports, in text that lost
    its commas ("A bomb blast killed six people in Aleppo Syrian state television reported"):
    the actor's noun phrase at its end, or None when the phrase reads as one subject."""
    words = list(_PHRASE_WORD_RE.finditer(phrase))
    if len(words) <= _SUBJECT_MAX_WORDS or (vocab.alternation("triggers", "strike").regex.search(phrase) is None
                                            and vocab.alternation("triggers", "casualty").regex.search(phrase) is None):
        return None
    matches = list(vocab.alternation("actors").regex.finditer(phrase))
    found = matches[-1] if matches else None  # the last actor named
    if found is None or found.end() < len(phrase.rstrip()) - _ACTOR_TAIL_CHARS:
        return None
    k = next(i for i, w in enumerate(words) if w.end() > found.start())
    first = k
    while first > 0 and k - first < _SOURCE_WORDS and (
            words[first - 1].group()[:1].isupper() or words[first - 1].group().lower() in _SOURCE_MODIFIERS):
        first -= 1
    if first > 0 and words[first - 1].group().lower() in _PREPOSITIONS:  # "of Aleppo Syrian state television"
        demonyms = vocab.demonyms()
        while first < k and words[first].group() not in demonyms:
            first += 1
    return words[first].start()


_PHRASE_WORD_RE = re.compile(r"[\w’'().-]+")
_SUBJECT_MAX_WORDS = 12
_ACTOR_TAIL_CHARS = 25  # the actor's words end the phrase, give or take a name after them
_SOURCE_WORDS = 5
_SOURCE_MODIFIERS = frozenset("the a an state local official news media activist government opposition military".split())
_PREPOSITIONS = frozenset("of in at on near from to into across".split())


def named_opening(text: str) -> re.Match | None:
    """The source a sentence opens with: its longest first words (up to seven, before any
    comma) that end in a capitalised word and hold an actor ("State news agency SANA made no
    mention ...", "The Local Coordination Committees, an activist network, gave ..."), as a
    match whose group 1 is the name."""
    words = list(_OPENING_WORD_RE.finditer(text, 0, _OPENING_REACH))[:_OPENING_WORDS]
    for k in range(len(words), 0, -1):
        phrase = text[:words[k - 1].end()]
        if "," in phrase:
            continue
        found = vocab.alternation("actors").search(phrase)
        # It ends in a capitalised word or with the actor's own words ("Syrian state television").
        if found and (words[k - 1].group(1)[:1].isupper() or found[0].end() == len(phrase)):
            return _WHOLE_RE.match(phrase)
    return None


_OPENING_REACH = 120  # characters
# A place a sentence opens with: "In Washington, ", "08:00 - In Tehran, ".
_FRONTED_WHERE_RE = re.compile(r"\s*(?:\d{1,2}[:.]\d{2}\s*[-–—]?\s*)?(?:In|At|From|Inside)\s+(?:the\s+)?[A-Z][\w’'-]*"
                               r"(?:\s+[A-Z][\w’'-]*){0,3},\s*")
_OPENING_WORDS = 7
_OPENING_WORD_RE = re.compile(r"\s*([\w’'().-]+)")
_WHOLE_RE = re.compile(r"\s*(.+)")


def _describes(piece: str) -> bool:
    """An apposition that describes ("a Washington think tank", "a Free Syrian Army brigade",
    "the British-based group"), not a name in its own right ("the Defence Ministry"): it
    opens with "a", or its words are mostly lower case."""
    first, *words = piece.split()
    return first.lower() in ("a", "an") or sum(w[:1].isupper() for w in words) * 2 < len(words)


def _only_source_between(text: str, quote: tuple[int, int], verb: int) -> bool:
    """Whether only the source stands between a quote and its verb: "“...,” the Pentagon
    press secretary, Peter Cook, told" -- the quote closes a sentence of its own (a comma,
    "?" or "!" inside its marks, or a comma after them), and a few words follow."""
    between = text[quote[1]:verb]
    if text[quote[1] - 2: quote[1] - 1] not in (",", "?", "!", "…") and not between.lstrip().startswith(","):
        return not between.strip(" ,")
    words = between.replace(",", " ").split()
    return len(words) <= _SOURCE_AFTER_QUOTE_WORDS and not any(q in between for q in QUOTE_PAIRS)


_SOURCE_AFTER_QUOTE_WORDS = 10


def _names_something(piece: str) -> bool:
    """Whether a comma-separated piece may be the name an apposition after it describes:
    "The Institute for the Study of War, a Washington think tank" -- not an adverbial
    ("In Idlib province, the ministry"), nor a clause ("..., and three were killed in X,
    the monitoring group said")."""
    words = piece.split()
    if (len(words) > 1 and words[0].lower() in ("the", "a", "an") and words[1][:1].islower()
            and actor_in(piece) is None):
        return False  # "the largest power generator for Kyiv region, the state company said": what was hit, described
    titled = all(w[:1].isupper() for w in words)  # a name in title case may hold a verb: "Raqqa Is Being Slaughtered Silently"
    # (a source and where it is: "An SDF field commander in the eastern al-Mishlab district")
    located = _LOCATED_SOURCE_RE.match(piece) is not None and actor_in(piece) is not None
    # (or two sources joined: "Iraqi security sources and a spokesman for the Popular Mobilization Forces (PMF)")
    joined = " and " in piece and actor_in(piece) is not None
    return (0 < len(words) <= (_NAME_PIECE_MAX_WORDS + 4 if located or joined else _NAME_PIECE_MAX_WORDS)
            and (words[0][:1].isupper() or words[0].lower() in ("the", "a", "an") or actor_in(piece) is not None)
            and not _ADVERBIAL_RE.match(piece)
            and not _CONJUNCTION_RE.match(piece) and not _DETAIL_RE.match(piece)
            and (titled or not _FINITE_VERB_RE.search(piece)) and vocab.alternation("triggers", "strike").regex.search(piece) is None
            and not _PLACES_LISTED_RE.search(piece))


_LOCATED_SOURCE_RE = re.compile(r"(?:an?|the)\s+(?:[\w-]+\s+){0,4}?(?:in|at|from)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}[\w-]+$",
                                re.IGNORECASE)
# "Kotli and Bhimber in Pakistan-administered Kashmir, the officials said": places listed, no name
_PLACES_LISTED_RE = re.compile(r"\band\b.*\b(?:in|near|outside)\s+[A-Z]")


def find_attribution(text: str) -> Attribution | None:
    """The first source frame in a sentence, or ``None`` when nobody is quoted.

    The content it marks out never starts right after a word character except at
    a mark (a quote, a dash after "that"), and never ends right before one except
    after a mark: which sentences may hold a claim is judged on that
    (``extract._claim_words``).
    """
    quotes = quote_spans(text)
    for m, denial in _verbs(text, quotes):
        verb = m.group()
        if verb.lower() == "according to":
            att = _according_to(text, m)
        else:
            att = _speech_frame(text, m, quotes, denial)
        att = _document_owner(att) if att else att
        if att and looks_like_source(att.claimant) and not _speech_in_a_time_clause(text, att):
            return att
    return labelled(text) or bracketed(text)


def _document_owner(att: Attribution) -> Attribution:
    """"The administration's summary listed ...": the document speaks for its owner."""
    owned = _OWNED_DOCUMENT_RE.fullmatch(att.claimant)
    if owned is None:
        return att
    return Attribution(owned.group(1), att.claimant_start, att.claimant_start + owned.end(1), att.content_start,
                       att.content_end, att.verb, att.denial)


_OWNED_DOCUMENT_RE = re.compile(r"(.+?)['’]s\s+(?:\w+\s+)?(?:summary|statement|report|account|tally|update|bulletin|"
                                r"communiqu[eé]|release|post|figures|data)")


def _speech_in_a_time_clause(text: str, att: Attribution) -> bool:
    """"An air strike destroyed the tower, an hour after the military warned the owner to evacuate": words
    said in a clause of time after the attack, which the narrator tells; they frame no strike."""
    if not _TIME_CLAUSE_BEFORE_RE.search(text, max(0, att.claimant_start - _TIME_CLAUSE_REACH), att.claimant_start):
        return False
    strike = vocab.alternation("triggers", "strike").regex
    return (strike.search(text, 0, att.claimant_start) is not None
            and strike.search(text, att.content_start, att.content_end) is None)


_TIME_CLAUSE_REACH = 40  # characters before the source: ", an hour after the "
_TIME_CLAUSE_BEFORE_RE = re.compile(r",\s*(?:(?:[\w-]+\s+)?(?:hours?|minutes?|days?|weeks?)\s+)?(?:after|before|when|as|since|until|while)\s+$",
                                    re.IGNORECASE)


#: The verb of a source given in brackets after its words: "... injuring three workers (National Police)."
BRACKETED = "()"
_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&-]{1,9}")
_NAME_BEFORE_RE = re.compile(r"(?:[A-Z][\w'’-]*\s+(?:(?:of|for|and|the|al|el)\s+)?){1,6}[A-Z][\w'’-]*$")
_NAME_REACH = 80
_BRACKETED_RE = re.compile(r"\s\(\s*(?:(?:per|via|source|sources|according to)\s*:?\s*)?([^()\d][^()]{1,60}?)\s*\)[\s.;]*$",
                           re.IGNORECASE)


def bracketed(text: str) -> Attribution | None:
    """A digest's source in brackets after the words it gave ("Two missiles hit an enterprise, injuring
    three workers (National Police)."): only a known kind of source, never a place or a figure."""
    m = _BRACKETED_RE.search(text)
    if m is None or actor_in(m.group(1)) is None or vocab.alternation("triggers", vocab.STRIKE).regex.search(m.group(1)):
        return None
    if _ACRONYM_RE.fullmatch(m.group(1)) and _NAME_BEFORE_RE.search(text, max(0, m.start() - _NAME_REACH), m.start()):
        return None  # "... blamed on the paramilitary Rapid Support Forces (RSF)": the acronym of the name before it
    claimant, cs, ce = _clean(m.group(1), m.start(1))
    return Attribution(claimant, cs, ce, 0, m.start(), BRACKETED, False) if claimant else None


#: The verb of a source carried on from the sentence before, in its paragraph: who speaks, but
#: with no frame of its own that vouches for the words as a report (they need what narration needs).
CARRIED = "(goes on)"
#: The verb of a source given as a label: "Ukraine's air force: 38 of 45 drones were shot down".
LABEL = ":"
# A live blog's or a digest's label before a colon: "11:05 Ukraine's air force:", "From the Israeli
# military:", "Gaza civil defence -" is not (a dash is a dateline's).
_LABEL_RE = re.compile(rf"\s*(?:{_ENTRY_TIME}\s*[-–—|]?\s*)?"
                       r"(?:(?:(?:more|latest|an update|update|also) )?(?:from|per|via)\s+)?([^:;,.!?“”\"()\d][^:;,.!?“”\"()]{1,70}?)"
                       r"\s*:\s+(?=\S)", re.IGNORECASE)
_LABEL_MAX_WORDS = 7
_SURNAME_RE = re.compile(r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?")
_MORE_FROM_RE = re.compile(r"\s*(?:more|latest|an update|update|also) from\s", re.IGNORECASE)


def labelled(text: str) -> Attribution | None:
    """A source given as a label at the sentence's start, its words after the colon: only a
    short phrase that names a known kind of source ("the Israeli military", "Kharkiv governor"),
    never a place or a heading ("Ukraine:", "Breaking:")."""
    m = _LABEL_RE.match(text)
    if m is None:
        return None
    phrase = m.group(1)
    # "More from Tkachenko:" in a live blog: a name said to be speaking (resolved to the one named before)
    named = _MORE_FROM_RE.match(text, m.start()) is not None and _SURNAME_RE.fullmatch(phrase)
    if (len(phrase.split()) > _LABEL_MAX_WORDS or (actor_in(phrase) is None and not named) or _FINITE_VERB_RE.search(phrase)
            or vocab.alternation("triggers", vocab.STRIKE).regex.search(phrase)):
        return None
    claimant, cs, ce = _clean(phrase, m.start(1))
    return Attribution(claimant, cs, ce, m.end(), len(text), LABEL, False) if claimant else None


# Where a source's words stop: a comma, a semicolon, a full stop that ends no abbreviation
# ("according to the U.S. Geological Survey", "Gen. Igor Konashenkov").
_ABBREVIATIONS = ("Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm", "Mr", "Mrs", "Ms", "Dr", "St", "Rep", "Sen", "Gov",
                  "Brig", "Cmdr", "Prof", "Pres", "Jr", "Sr", "No", "Inc", "Co", "Corp", "Dept")
_STOP_RE = re.compile(r"[,;]|(?<!\b[A-Z])" + "".join(rf"(?<!\b{a}\.)" for a in _ABBREVIATIONS)
                      .replace(r"\.)", ")") + r"\.(?![\w,])|$")
# The verb ends the source's part ("..., X said." / "X said on Monday."), unless a clause
# follows ("X said on Monday that ...").
_TAIL_END_RE = re.compile(
    r"^\s*(?:(?:(?:early|late)\s+)?(?:(?:on \w+day|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)(?: (?:morning|afternoon|"
    r"evening|night))?|today|yesterday|tonight|overnight|afterward|later|"
    r"in [A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*)?)\b\s*)?(?:[,.;:!?—–]|-\s|$)")

# "..., the ministry said on Tuesday without giving details.": how it spoke, not what.
_WITHOUT_RE = re.compile(r"\s*(?:on \w+day\s+|late \w+\s+|earlier\s+)?,?\s*without\s[^,;:.!?“”\"]{0,60}[.!?]?\s*")
_CONTENT_LEAD_RE = re.compile(r"^\s*(?:that\b|:)?\s*")
# After "..., X said" to the sentence's end: only whom it told and where or how it spoke
# ("reported on its Telegram channel on Tuesday.", "told President Putin at a meeting.").
_SPOKE_WHERE_RE = re.compile(r"\s*(?:(?:reporters|journalists|[A-Z][\w’'.-]*)\s){0,4}(?:on|in|at|via|through|during|to|from|by)\s"
                             r"(?:(?!\bthat\b)[^,;:.!?“”\"]){0,140}[.!?]?[\"”’)]*\s*")


# Where and when a source spoke, then more of its words: "in a statement on Wednesday, adding that".
# (or blaming, accusing, calling ...: "the ministry said in a statement, blaming the RSF")
_WHERE_THEN_GOES_ON_RE = re.compile(r"([^,;:“”\"]{0,140}),\s*(?:and\s+)?(?:adding|saying|added|adds|blaming|accusing|citing|"
                                    r"calling|condemning|describing|urging|warning|vowing|noting)\b")


# Whom a source told, and nothing after: "... a source at Aleppo Police Command told SANA."
_TOLD_WHOM_RE = re.compile(r"\s*(?:the\s+)?(?:[A-Z][\w.&-]*|reporters|journalists|a reporter|a journalist|local media)"
                           r"(?:\s+[A-Z][\w.&-]*){0,3}(?:\s+(?:on \w+day|by (?:tele)?phone|late \w+))?"
                           r"(?:,\s*(?:killing|wounding|injuring|leaving|destroying|damaging)\b[^;:“”\"]*)?\s*[.!?]?[\"”’)]*\s*")


def _spoke_where(after: str) -> bool:
    return _SPOKE_WHERE_RE.fullmatch(after) is not None and vocab.alternation("triggers", vocab.STRIKE).regex.search(after) is None


# How and where the source spoke, before "that": "said in a statement issued in Washington that",
# "said on Tuesday that", "told reporters by telephone from Riyadh that". Not the content.
_LEAD_TO_THAT_RE = re.compile(
    r"^\s*(?:in|on|at|from|during|by|via|through|late|early|earlier|later|reporters|journalists|\w+day)\b"
    r"[^,;:.“”\"]{0,80}?\bthat\b\s*")
# Whom a source told, and where, up to "that": "told state media in Naypyitaw that".
_TOLD_TO_THAT_RE = re.compile(r"^\s*(?:[\w’'.-]+\s+){1,8}?that\b\s*")
# A subject pronoun right before the verb, inside a longer clause.
_PRONOUN_BEFORE_RE = re.compile(r"\s(he|she|they|we|it)\s+(?:also\s+|later\s+)?$")
# After a quote's source: more of the source's words ("..., adding that ...", "and said ...").
_GOES_ON_RE = re.compile(r"^\s*(?:on \w+day\s*)?,?\s*(?:and\s+)?(?:adding|saying|added|said|says|adds)\b")
# Speech verbs that, followed by "by X", are participles whatever stands before them:
# "Other targets listed by the ministry included ...".
_PARTICIPLE_VERBS = vocab.words("participle_verbs")
# A speech verb in the passive and its agent: "were announced (on Tuesday) by X".
_PASSIVE_BEFORE_RE = re.compile(r"\b(?:was|were|been|is|are|being)\s+(?:\w+ly\s+)?$")
_AGENT_RE = re.compile(r"^\s*(?:on \w+day\s+|\w+ly\s+)?by\s+([^,;:]+?)(?=\s*(?:,|;|:|\.|$|\s(?:which|who|that|as|on|"
                       r"included|includes|include|were|was|had|has|have|is|are|"
                       # "Drone attacks claimed by Yemen's Houthi rebels struck the heart of ...": the main verb
                       r"struck|hit|hits|targeted|slammed|killed|destroyed|damaged|set|ignited|exploded|landed|pounded|"
                       r"rocked|tore|ripped)\b))")
# A verb joined to an earlier one, with no subject of its own: "..., but said", "... and added".
_JOINED_VERB_RE = re.compile(r"(?:,\s*|\s)(?:but|and)\s+(?:also\s+)?$")
# A person's name and the apposition that says who they are, then the sentence's verb: "Ahmed al-Mismari,
# the spokesman for the Libyan National Army, did not claim responsibility, but told ...".
_NAME_APPOSED_RE = re.compile(r"\s*([A-Z][\w’'.-]+(?:\s+(?:[A-Z]|(?:al|el|ad|as|ash|at|az|bin|ibn|abu|de|van|von)[- ])[\w’'.-]+){1,3},\s+(?:the|a|an)\s[^,;:“”\"]{3,120}?),\s+"
                              r"(?:did|does|has|had|was|were|is|are|would|will|could|also|however|then|later)\b")
# A sentence's subject, up to its first auxiliary or negation.
_PARTICIPLES_OF_SPEECH = vocab.words("participles_of_speech")
_SUBJECT_WORDS = 6  # a longer "source" before ", saying" is a clause, not a name
LEAD_SUBJECT_RE = re.compile(
    r"^\s*((?:[\w’'().-]+\s+){0,7}?[\w’'().-]+)\s+(?:did|does|do|has|have|had|was|were|is|are|would|will|"
    r"could|can|may|might|also|not|never)\b")
# A relative clause after an according-to source describes it: "according to a charity that supports it".
_RELATIVE_AFTER_RE = re.compile(r"\s+(?:that|which|who|whose)\s")
# After "X said": a comma and a clause of its own (not "adding ...", which is X's too).
_PARENTHETICAL_RE = re.compile(r"^\s*,\s*(?!adding\b|saying\b|citing\b|according\b|which\b|who\b|whose\b)[\w“\"]")


# "Gladkov's account", "the ministry's latest figures": what someone said, named by its owner.
_COMPILED_BY_RE = re.compile(r"(?:(?:the|a|an|new|latest|preliminary|official|initial)\s+)*(?:figures|data|tally|count|"
                             r"reports?|statistics|estimates?|records|toll|documentation|tallies|statements?|communiqu[eé]s?|"
                             r"releases?|bulletins?)\s+(?:compiled\s+|collected\s+|gathered\s+|released\s+|published\s+|"
                             r"issued\s+|provided\s+|kept\s+|posted\s+)?(?:by|from)\s+(.+)$", re.IGNORECASE)
_ACCOUNT_OF_RE = re.compile(r"(.+?)['’]s?\s+(?:own\s+|latest\s+|daily\s+|official\s+|preliminary\s+|initial\s+)*"
                            r"(?:account|statement|tally|figures|count|post|posts|report|reports|data|update|"
                            r"estimates?|records|toll|summary|version)$")


# An apposition after an according-to source that says what it is, then the reported words after its comma
_SOURCE_APPOSITION_RE = re.compile(r"\s*(?:the|a|an|[A-Z][\w-]*['’]s)\s+(?:[\w'’-]+\s+){0,4}?(?:wing|agency|arm|office|service|"
                                   r"group|monitor|organi[sz]ation|ministry|spokes(?:man|woman|person)|department|unit|"
                                   r"watchdog|charity|network|observatory|broadcaster|channel|website|newspaper|mouthpiece|"
                                   r"outlet|body)\b[^,;.]{0,60},\s*")


def _opens(text: str, at: int) -> bool:
    """Whether ``at`` opens the sentence, past a dateline ("MOSCOW (Sputnik) According to ...")."""
    before = text[:at]
    return at < 3 or (len(before) < 60 and not any(ch.islower() for ch in re.sub(r"\([^)]*\)", "", before)))


def _according_to(text: str, m: re.Match) -> Attribution | None:
    rest = text[m.end():]
    stop = _STOP_RE.search(rest)
    relative = _RELATIVE_AFTER_RE.search(rest, 0, stop.start())  # "according to a charity that supports it"
    claimant, cs, ce = _clean(rest[: relative.start() if relative else stop.start()], m.end())
    owner = _ACCOUNT_OF_RE.match(claimant)
    if owner:  # "according to Gladkov's account": the account's owner speaks
        claimant, ce = owner.group(1), cs + owner.end(1)
    compiled = _COMPILED_BY_RE.match(claimant)
    if compiled:  # "according to figures compiled by humanitarian agencies": who compiled them speaks
        claimant, cs = compiled.group(1), cs + compiled.start(1)
    name_end = _runaway_source_end(claimant)
    if name_end is not None:  # text that lost its commas: "According to Reuters over a dozen airstrikes ..."
        claimant, ce = claimant[:name_end].rstrip(), cs + len(claimant[:name_end].rstrip())
        if _opens(text, m.start()):
            return Attribution(claimant, cs, ce, ce, len(text), m.group(), False)
    if _opens(text, m.start()):  # "According to X, content"
        content = m.end() + stop.end()
        apposed = _SOURCE_APPOSITION_RE.match(text, content)
        if apposed is not None:  # "According to ISPR, the military's media wing in Rawalpindi, jets ...": the source's
            content = apposed.end()
        return Attribution(claimant, cs, ce, content, len(text), m.group(), False)
    if _PARENTHETICAL_RE.match(rest[stop.start():]):  # "In Latakia, according to X, a bunker was hit"
        return Attribution(claimant, cs, ce, 0, len(text), m.group(), False)
    return Attribution(claimant, cs, ce, 0, m.start(), m.group(), False)


_PREPOSITIONS_AFTER_VERB = frozenset(("on", "in", "at", "to", "from", "via", "through", "during", "after", "before"))


def _inverted(text: str, m: re.Match, after: str, denial: bool) -> Attribution | None:
    """"The shells hit the Mugunga camp shortly before noon, said Lieutenant Colonel Guillaume
    Ndjike": the verb before its subject, after a comma; the words before the comma are said."""
    if m.group().lower() not in _INVERTING_VERBS:
        return None
    comma = text.rfind(",", 0, m.start())
    if comma < 0 or text[comma + 1:m.start()].strip():
        return _inverted_without_comma(text, m, after, denial)
    stop = _STOP_RE.search(after)
    claimant, cs, ce = _clean(after[:stop.start()], m.end())
    if not claimant or not looks_like_source(claimant) or _FINITE_VERB_RE.search(claimant) or _THAT_RE.search(claimant):
        return None
    if claimant.split()[0] in _PREPOSITIONS_AFTER_VERB:
        return None  # "..., head of the regional administration, wrote on Telegram": where, not who
    if actor_in(claimant) is None and sum(w[:1].isupper() for w in claimant.split()) < 2 and not _TITLED_RE.match(claimant):
        return None  # "said Su-24M, Su-25 and Su-34 jets had flown": a list, no source (but "said the deputy
        # commissioner of Neelum district": a title)
    rest = after[stop.start():]  # only an apposition may follow: ", the army spokesman in North Kivu."
    goes_on = _SPEECH_GOES_ON_RE.match(rest)
    if goes_on is not None:
        after, rest = after[:stop.start()], ""
    if _FINITE_VERB_RE.search(rest) or vocab.alternation("triggers", "strike").regex.search(after):
        return None
    return Attribution(claimant, cs, ce, 0, comma, m.group(), denial)


_TITLED_RE = re.compile(rf"(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}(?:{vocab.words_pattern('title_words')})\b", re.IGNORECASE)
# "..., said residents, adding that five houses were destroyed": the source's words go on, no new clause
_SPEECH_GOES_ON_RE = re.compile(r"\s*,\s*(?:adding|saying|noting|explaining|stressing)\b", re.IGNORECASE)


# The first verb of a clause whose subject speaks again after "and": "monitors visited the site ... and confirmed"
_FIRST_PAST_VERB_RE = re.compile(r"(?<=\S)\s+(?!(?:armed|based|backed|led|allied|united|occupied|affiliated|linked|unnamed|"
                                 r"named|unidentified|elected|retired|appointed|designated|displaced|injured|wounded|"
                                 r"concerned|involved|detained|exiled|trusted)\b)[a-z]+ed\b")


_JOINER_AFTER_QUOTE_RE = re.compile(r"[\s,;”\"’']*(?:while|whereas|as|and|but)\b", re.IGNORECASE)


# "..., in what the ministry said was ...": the source tells what the whole event was.
# "in what the ministry said was ...", "in raids that Syria's Foreign Ministry said had left ...", "strikes that
# it said had killed scores": the source vouches for the main clause's attack too
# A relative clause that opens a source's words aside: ", which the occupation claims", ", where officials say".
_ASIDE_REACH = 80  # characters before the verb
# What an army's aside says its targets were: "..., which the military said were being readied for launches"
_TARGETS_DESCRIBED_RE = re.compile(r"\s+(?:had\s+been|have\s+been|were|was|are|is)\s+(?:being\s+)?(?:readied|prepared|used|"
                                   r"stored|housed|hiding|held|launching|deployed|positioned)\b", re.IGNORECASE)
_ASIDE_BEFORE_RE = re.compile(r",\s*(?:which|where|whom)\s+(?:[\w'’.-]+\s+){1,5}$")
_IN_WHAT_RE = re.compile(r"\b(?:[Ii]n what|(?:raids?|strikes?|attacks?|bombings?|shelling|barrages?|operations?) (?:that|which))"
                         r"\s+([^,;:“”\"]{2,90}?)\s*$")
_INVERTING_VERBS = vocab.words("inverting_verbs")
# "... struck what Legesse described as ...": a source naming what the attack hit vouches for the attack
# ("... was destroyed by what Ukrainian officials described as an air-dropped bomb": what did it)
_WHAT_RE = re.compile(r"\b(?:struck|hit|targeted|bombed|shelled|attacked|destroyed|pounded|at|on|by|hitting|striking|targeting|"
                      r"bombing|shelling|destroying)\s+what\s+"
                      r"([^,;:“”\"]{2,60}?)\s*$", re.IGNORECASE)


def _inverted_without_comma(text: str, m: re.Match, after: str, denial: bool) -> Attribution | None:
    """"Airstrikes hit a school in al-Mayadin tweeted the Syrian Network for Human Rights.": in text
    that lost its commas, a known source right after the verb and ending the sentence, the attack before."""
    before = text[:m.start()].split()
    if not before or before[-1][:1].isupper() and before[-1].lower().strip(").,") not in _TIME_WORDS:
        return None  # "..., Syniehubov said on Telegram": the subject stands before (not "... on Thursday said X")
    subject = text[text.rfind(",", 0, m.start()) + 1:m.start()].split()
    if 0 < len(subject) <= _SUBJECT_WORDS and subject[0].lower() in _DETERMINERS and actor_in(" ".join(subject)):
        return None  # "..., the governor said in a statement carried by SUNA": the subject stands before, named as a source
    end = _SENTENCE_END_RE.search(after)
    claimant, cs, ce = _clean(after[:end.start()], m.end())
    if (not claimant or actor_in(claimant) is None or claimant.split()[0].lower() in _PREPOSITIONS or len(claimant.split()) > _NAME_PIECE_MAX_WORDS
            or _FINITE_VERB_RE.search(claimant) or _THAT_RE.search(claimant)
            or not vocab.alternation("triggers", "strike").regex.search(text, 0, m.start())):
        return None
    return Attribution(claimant, cs, ce, 0, m.start(), m.group(), denial)


_SENTENCE_END_RE = re.compile(r"\s*[.!?]?[\"”’)]*\s*$")
_TIME_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may june "
                        "july august september october november december gmt utc".split())


# Words that go on with a source's name in lower case: "the Sana news agency", "Syria's state television".
_NAME_GOES_ON = frozenset("of for news agency agencies ministry media television tv radio channel group monitor network "
                          "office service command committee council spokesman spokeswoman officials".split())


def _runaway_source_end(phrase: str) -> int | None:
    """Where the source's name ends in an according-to phrase that ran on into what it reports
    (the text lost its commas): after the actor named first and the capitalised words that go on
    with it ("the Sana news agency | the coalition's strikes hit ..."), or after the capitalised
    words it opens with ("Reuters | over a dozen airstrikes ..."). None when the phrase is a name."""
    words = phrase.split()
    if not vocab.alternation("triggers", "strike").regex.search(phrase):
        return None
    found = vocab.alternation("actors").regex.search(phrase)
    end = found.end() if found else 0
    for word in _PHRASE_WORD_RE.finditer(phrase, end):
        between = phrase[end:word.start()]
        if between.strip() or not (word.group()[:1].isupper() or word.group().lower() in _NAME_GOES_ON):
            break
        end = word.end()
    while phrase[:end].split() and phrase[:end].split()[-1].lower() in ("of", "for"):
        end = phrase.rfind(" ", 0, end)
    if not 0 < end < len(phrase):
        return None
    if len(words) <= _SUBJECT_MAX_WORDS and not (_RUN_ON_CLAUSE_RE.match(phrase, end)
                                               and vocab.alternation("triggers", "strike").regex.search(phrase, end)):
        return None  # a short phrase is a name, unless a clause of its own with an attack word follows the name
    return end


# What opens the reported clause in a short according-to phrase that lost its comma: "According to
# Anadolu Agency | the blast targeted the Atmeh refugee camp".
_RUN_ON_CLAUSE_RE = re.compile(r"\s+(?:the|a|an|at\s+least|more\s+than|over|some|several|\d+)\s+\w", re.IGNORECASE)


def _speech_frame(text, m, quotes, denial) -> Attribution | None:
    after = text[m.end():]
    strike_words = vocab.alternation("triggers", "strike").regex
    timing = _TIMING_CLAUSE_RE.search(text, max(0, m.start() - _CLAUSE_OPENER_CHARS), m.start())
    if timing is not None and strike_words.search(text, 0, timing.start()) and not strike_words.search(after):
        # "Fighters unleashed a barrage of rockets on Aleppo as they announced an offensive": the speech is the
        # timing of the attack the narrator tells, not its source
        return None
    aside = _ASIDE_BEFORE_RE.search(text, max(0, m.start() - _ASIDE_REACH), m.start())
    if aside is not None and strike_words.search(text, 0, aside.start()) \
            and not strike_words.search(after):
        # "... bombed tents in the Al-Mawasi area, west of Khan Younis, which the occupation claims is a
        # 'humanitarian zone'": a source's word on a place, said aside; the attack is the narrator's
        # (but an army that says what its targets were vouches for the attack: "jets struck launchers around
        # Kermanshah, which the military said were being readied for launches")
        speaker = aside.group().split(None, 2)[-1] if len(aside.group().split()) > 2 else ""
        army = actor_in(speaker)
        if army is None or army.label != "military" or not _TARGETS_DESCRIBED_RE.match(after):
            return None
        claimant, cs, ce = _clean(speaker.strip(), aside.start() + aside.group().index(speaker.strip()))
        return Attribution(claimant, cs, ce, 0, len(text), m.group(), denial)
    # "“...,” said X." — source after the verb, content the quote.
    closing = [q for q in quotes if q[1] <= m.start() and not text[q[1]:m.start()].strip(" ,")]
    if closing:
        stop = _STOP_RE.search(after)
        claimant, cs, ce = _clean(after[: stop.start()], m.end())
        q = closing[-1]
        return Attribution(claimant, cs, ce, q[0], q[1], m.group(), denial)
    inverted = _inverted(text, m, after, denial)
    if inverted is not None:
        return inverted
    what, clause = _IN_WHAT_RE.search(text, 0, m.start()), 0
    if what is None and (what := _WHAT_RE.search(text, 0, m.start())) is not None:
        clause = text.rfind(",", 0, what.start()) + 1  # (its own clause: not "In 2019, after a bombing in Pulwama, ...")
        if what.group().lower().split()[0].endswith("ing"):  # "jets struck X, hitting what CENTCOM described as": the
            clause = 0  # participle goes on with the main clause's attack
    if what is not None:  # "drones struck Zawiya, in what the defence ministry said was an operation against gangs",
        # "the air force struck what Legesse described as a training centre near Adwa"
        claimant, cs, ce = _clean(what.group(1), what.start(1))
        if claimant and looks_like_source(claimant):
            return Attribution(claimant, cs, ce, clause, len(text), m.group(), denial)
    agent = _AGENT_RE.match(after)
    if agent and (_PASSIVE_BEFORE_RE.search(text, 0, m.start()) or m.group().lower() in _PARTICIPLE_VERBS):
        # "The raids were announced on Tuesday by Russia's Defence Ministry, which said ...":
        # the source is the agent; what it said is the whole sentence.
        claimant, cs, ce = _clean(agent.group(1), m.end() + agent.start(1))
        return Attribution(claimant, cs, ce, 0, len(text), m.group(), denial)
    claimant, cs, ce = _claimant_before(text, m.start(), quotes)
    if m.group().lower() in _PARTICIPLES_OF_SPEECH and text[:m.start()].rstrip().endswith(",") and (
            len(claimant.split()) > _SUBJECT_WORDS or strike_words.search(claimant)):
        # "India launched missile strikes on nine sites, saying it had hit ...": the main clause's subject speaks
        lead = named_opening(text)
        if lead is not None:
            claimant, cs, ce = _clean(lead.group(1), lead.start(1))
        elif (verb := strike_words.search(text, 0, m.start())) is not None:
            subject = text[:verb.start()].strip()  # the words before the main clause's strike verb
            if subject[:1].isupper() and 0 < len(subject.split()) <= _SUBJECT_WORDS and "," not in subject:
                claimant, cs, ce = _clean(subject, text.index(subject))
    if _JOINED_VERB_RE.search(text, 0, m.start()):
        # "SANA did not mention Sarmin, but said ...", "The committees, an activist network, gave a
        # similar account and said ...": the verb shares the sentence's subject.
        # ("In Washington, the U.S. State Department condemns the attack and says ...": the subject after the place)
        shift = where.end() if (where := _FRONTED_WHERE_RE.match(text)) is not None else 0
        lead = named_opening(text[shift:]) if shift else None
        if lead is None:
            shift = 0
            lead = named_opening(text) or _NAME_APPOSED_RE.match(text) or (None if claimant else LEAD_SUBJECT_RE.match(text))
        if lead:
            claimant, cs, ce = _clean(lead.group(1), shift + lead.start(1))
        if (verb := _FIRST_PAST_VERB_RE.search(claimant)) is not None:
            # "UCHT monitors visited the site on 4 June and confirmed ...": the subject of the first verb
            claimant, cs, ce = _clean(claimant[:verb.start()], cs)
    # "“...,” X wrote on Twitter." — a quote right before the source is its content.
    prior = [q for q in quotes if q[1] <= cs]
    if prior and _only_source_between(text, prior[-1], m.start()):
        # "“...,” it says, adding that bombers also hit X": the source's words go on after it.
        end = len(text) if _GOES_ON_RE.match(after) else prior[-1][1]
        # A quote inside a clause of its own ("missiles hit the base, causing “light damage”, he said"):
        # the source's words are the whole clause, from the sentence's start.
        # (Not across a joiner: "X condemned the attacks as “a threat”, while Egypt's ministry said ...".)
        own_clause = text[:prior[-1][0]].strip() and not text[:prior[-1][0]].rstrip().endswith(":")
        start = 0 if own_clause and not _JOINER_AFTER_QUOTE_RE.match(text, prior[-1][1]) else prior[-1][0]
        return Attribution(claimant, cs, ce, start, end, m.group(), denial)
    comma = text.rfind(",", 0, cs)
    if comma < 0 and cs > 0 and _trailing_source(text[:m.start()].rstrip()) is not None:
        comma = cs  # no comma left before the source ("... in Aleppo Syrian state television reported"): it starts there
    if (_TAIL_END_RE.match(after) or _WITHOUT_RE.fullmatch(after) or (comma > 0 and _spoke_where(after))
            or (m.group().lower() in ("told", "tells", "tell") and _TOLD_WHOM_RE.fullmatch(after))) \
            and not after.lstrip().startswith(":"):
        if comma > 0 and _PARENTHETICAL_RE.match(after):
            # "In Homs province, the spokesman said, air strikes hit ...": the source
            # stands inside its content, which runs on both sides.
            return Attribution(claimant, cs, ce, 0, len(text), m.group(), denial)
        # "..., USA officials said, ..." — the content is the clause before the source.
        if comma > 0:
            return Attribution(claimant, cs, ce, 0, comma, m.group(), denial)
        return None
    goes_on = _WHERE_THEN_GOES_ON_RE.match(after)
    if comma > 0 and goes_on and (not goes_on.group(1).strip() or _spoke_where(goes_on.group(1))):
        # "X was hit, the ministry said in a statement on Wednesday, adding that ...": its words on both sides
        return Attribution(claimant, cs, ce, 0, len(text), m.group(), denial)
    if comma == cs and strike_words.search(text, 0, cs) and not strike_words.search(after):
        # Text that lost its commas: "Air raids on Aleppo killed 13 civilians Monday the Observatory
        # said most of them in the Bab al-Maqam neighborhood": the source's words run on both sides.
        return Attribution(claimant, cs, ce, 0, len(text), m.group(), denial)
    if _WHICH_BEFORE_SOURCE_RE.search(text, max(0, cs - _CLAUSE_OPENER_CHARS), cs) and strike_words.search(text, 0, cs):
        # "... a drone and missile attack on Abu Dhabi on Monday, which the group's spokesman said had targeted oil
        # facilities": the attack the source's words go on about is theirs too
        return Attribution(claimant, cs, ce, 0, len(text), m.group(), denial)
    if (_AND_BEFORE_SOURCE_RE.search(text, max(0, cs - _CLAUSE_OPENER_CHARS), cs) and strike_words.search(text, 0, cs)
            and not strike_words.search(after)):
        # "A suicide bomber killed several people at a market in Konduga, and police said investigators were
        # examining ...": the one source of the sentence, whose words go on from the attack it joins
        return Attribution(claimant, cs, ce, 0, len(text), m.group(), denial)
    content = _LEAD_TO_THAT_RE.match(after)
    if content is None and m.group().lower() in ("told", "tells", "telling", "tell"):
        content = _TOLD_TO_THAT_RE.match(after)  # "told state media in Naypyitaw that": whom and where, not what
    if content is None or strike_words.search(content.group()):
        content = _CONTENT_LEAD_RE.match(after)  # no "that", or the words before it tell of a strike: content
    return Attribution(claimant, cs, ce, m.end() + content.end(), len(text), m.group(), denial)
