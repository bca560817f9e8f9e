"""Sentence-level strike claims: who says what was hit where.

The extractor takes a :class:`~geo.doc.Doc` whose places are resolved and reads it
sentence by sentence. Each sentence that may hold a claim goes through :data:`STEPS`, a
rule set run in order on a :class:`SentenceState`: screens and exclusions that drop it,
the roles of its places (:mod:`.roles`), places that stand outside its reported words,
the source of last resort, the stance, and the segments that make its claims. Who speaks
is :mod:`.sources`' to say; what was hit and by whom, :mod:`.targets`'. Strike places split
the content into segments, each binding the targets written before it ("a command post
in Hama, a camp in Idlib"); places listed together ("Talbiseh, Rastan and Salamiyah")
share one claim. A claim with no place is still a claim: it is kept, with no location.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from functools import partial

from .. import vocab
from ..articles import Article
from ..doc import Doc, make_doc
from ..gazetteer.place import distance_km
from ..geoparser import Mention, capital_of, is_capital, parse, seat_of, town_airport
from ..recognition import PLACE_TYPE_WORDS, opens_line
from ..text import Span
from .actors import canonical_actor
from .attribution import CARRIED, Attribution, actor_in, find_attribution
from .casualties import HARM_WORDS, NONE, Casualties, casualties, tells_of_harm
from .dates import UNKNOWN, EventDate, resolve
from .frame import AttackWord, article_at_war, attack_context, spoken_of_otherwise
from .model import UNATTRIBUTED, Claim, Source, Target
from .roles import STRIKE_PARTICIPLES, UNITS_KM, VENUE_NOUNS, PlaceRole, assign_roles, direction_qualifier
from .rules import Example, RuleSet, Trace
from .scan import TokenIndex
from .screen import LISTED_TARGETS_RE, sentences_with_claim_words, tells_of_a_strike
from .sources import (Speakers, byline_source, headline_source, outlet_narrator, publisher_source, release_narrator,
                      self_named_publisher)
from .targets import affiliation, find_strikers, find_targets, segments, words_after

__all__ = ["Claim", "ClaimExtractor", "STEPS", "extract_claims"]


def _point_like(m: Mention, precisions: tuple[str, ...] = ("locality", "site")) -> bool:
    return m.literal and m.place is not None and m.place.precision in precisions


_LIVING_NOW_RE = re.compile(r"\b(?:living|live|lives|staying|sheltering|displaced|resettled|settled|refuge|fled\s+to)\b"
                            r"[^.,;]{0,30}$", re.IGNORECASE)


_AWAY_AFTER_RE = re.compile(r"(?:\s+(?:city|town|village))?,\s+(?:(?:about|some|around|roughly|nearly|almost|more than|over)\s+)?"
                            r"\d[\d,.]*\s*(?:km|kilometers|kilometres|miles)\s+away\b", re.IGNORECASE)


def _lives_there_now(sentence: Span, m: Mention) -> bool:
    """Whether the words before the place say people live there now: "now living in camps near Mueda"."""
    at = m.start - sentence.start
    return _LIVING_NOW_RE.search(sentence.text, max(0, at - 40), at) is not None


_DISTRICT_OF_TOWN_KM = 20.0  # a place this near the town set before it may be one of its districts


def _place_outside_content(sentence: Span, att: Attribution | None, mentions: list[Mention]) -> Mention | None:
    """The place a strike report with no place of its own is set in, though it stands outside the
    reported words: the place the sentence opens with ("In al-Latamneh, the rebel group said its
    headquarters had been hit"), or where witnesses speak from ("Doctors in al-Lataminah said
    their clinic was damaged"). Kept only inside the article's theatre ("In Moscow, the ministry
    said ..." is where it spoke; see :func:`_theatre_only`)."""
    if att is None or att.claimant_start == 0 and not (_LOCAL_WITNESS_RE.search(att.claimant) or _THE_TOWN_RE.search(
            sentence.text, att.content_start, att.content_end) or _OWN_PREMISES_RE.search(
            sentence.text, att.content_start, att.content_end)):
        return None
    start, claimant_end = sentence.start + att.claimant_start, sentence.start + att.claimant_end
    if att.claimant_start > 0 and _FRONTED_PLACE_RE.match(sentence.text[:att.claimant_start]):
        fronted = next((m for m in mentions if m.start < start and _point_like(m, ("locality", "site", "admin1"))), None)
        witness = next((m for m in mentions if start <= m.start < claimant_end and _point_like(m)), None) if (
            _LOCAL_WITNESS_RE.search(att.claimant)) else None
        # "In South Kordofan, residents of Kadugli said ... shelled the town": the witnesses' town, not the province
        # (or a region no point names: "Further south, in the Nuba Mountains, residents of Kadugli said")
        # (and the witnesses' own district of the town set before them: "In Tehran, residents of the northern district
        # of Tajrish said they were woken by heavy blasts")
        return witness if witness is not None and (fronted is None or fronted.place.precision == "admin1" or (
            witness.place.place_id != fronted.place.place_id and witness.place.population < fronted.place.population
            and distance_km(witness.place.lat, witness.place.lon, fronted.place.lat, fronted.place.lon) <= _DISTRICT_OF_TOWN_KM
        )) else fronted
    if att.claimant_start > 0:
        where = _WHERE_BEFORE_SOURCE_RE.search(sentence.text, 0, att.claimant_start)
        if where is not None:
            return _where_antecedent(sentence, where.start(), mentions)
    if _OWN_PREMISES_RE.search(sentence.text, att.content_start, att.content_end) and _INSTITUTION_IN_RE.search(att.claimant):
        # "The Weizmann Institute of Science in Rehovot says buildings on its campus were damaged": the source's own place
        return next((m for m in mentions if start <= m.start < claimant_end and _point_like(m)), None)
    if _LOCAL_WITNESS_RE.search(att.claimant):  # "Doctors in Kafr Nabl said ..."
        # (not where they live now: "Residents who fled Mocimboa da Praia and are now living in camps near Mueda said")
        # (nor a town said to lie far off: "A resident of Khost city, about 40 kilometers away, said the blasts were
        # audible there")
        witness = next((m for m in mentions if start <= m.start < claimant_end and _point_like(m)
                        and not _lives_there_now(sentence, m) and not _AWAY_AFTER_RE.match(sentence.text, m.end - sentence.start)),
                       None)
        if witness is not None or not _SEAT_WORD_RE.search(sentence.text, att.content_start, att.content_end):
            return witness
    if (the_town := _THE_TOWN_RE.search(sentence.text, att.content_start, att.content_end)) is not None:
        # "the head of the Chernihiv city military administration, Dmytro Bryzhynskyi, said a drone hit an energy
        # facility in the city": the town the source's words call "the city" is the one named before them
        # (not where the source speaks, after its verb: "told a news conference in Maputo that")
        # (nor the capital the source sits in: "a spokesman for the Joint Operations Command in Baghdad said ... the
        # town", though "Officials in Kapan said ... the city" speak of their own town)
        before = [m for m in mentions if m.end <= sentence.start + att.content_start and _point_like(m, ("locality",))
                  and not _after_the_verb(sentence.text, att, m.start - sentence.start)
                  and not (start <= m.start < claimant_end and is_capital(m.place)
                           and _SITS_IN_RE.search(sentence.text, 0, m.start - sentence.start))
                  and not _in_a_venue(sentence.text, m.start - sentence.start)
                  and not _lives_there_now(sentence, m)
                  # (nor a city of a million for "the village": "a spokesman for the Odesa regional administration")
                  and m.place.population < _ANAPHOR_LARGEST.get(the_town[1].lower(), 10**9)]
        if not before and _SEAT_WORD_RE.search(sentence.text, att.content_start, att.content_end):
            # "The deputy governor of Kermanshah province told IRNA that a military site to the west of the provincial
            # capital had been hit": the division's seat
            division = [m for m in mentions if m.end <= sentence.start + att.content_start and m.literal
                        and m.place is not None and m.place.precision == "admin1"]
            seat = seat_of(division[-1]) if division else None
            return seat
        # (not a town things were shot down over: "Over Jerusalem, interceptors lit up the sky; police said")
        return before[-1] if before and not _OVER_BEFORE_RE.search(sentence.text, 0, before[-1].start - sentence.start) else None
    return None


def _in_a_venue(text: str, at: int) -> bool:
    """The place at ``at`` is where something was said or shown: its clause names a venue before it ("In a
    statement read on the state broadcaster RTB in Ouagadougou, ...")."""
    clause = text[text.rfind(",", 0, at) + 1:at]
    return clause.rstrip().endswith((" in", " at")) and any(w.lower() in VENUE_NOUNS for w in _WORD_RE.findall(clause))


_WORD_RE = re.compile(r"[A-Za-z]+")


def _place_label(sentence: Span, mentions: list[Mention]) -> Mention | None:
    """The place a digest's or live blog's entry is labelled with ("Kryvyi Rih: Shahed hit a
    building", "Dnipro ‼️ Ballistic missile strike on the city"): a town the line opens with."""
    first = next((m for m in mentions if m.literal and m.place is not None), None)
    if first is None or not _point_like(first):
        return None
    text = sentence.text
    at = first.start - sentence.start
    after = _LABEL_AFTER_RE.match(text, at + len(first.text))
    if not _LABEL_BEFORE_RE.fullmatch(text[:at]) or after is None:
        return None
    if first.text.isupper() and ":" not in after.group():
        return None  # "BEIRUT — Israeli strikes hit ...": a dateline says where the story was filed, not where it hit
    return first


def _paragraph_label(doc: Doc, si: int) -> Mention | None:
    """The place a monitoring report's paragraph is headed with, in a sentence of its own ("Wana,
    South Waziristan, 11 March. A quadcopter dropped two mortar rounds into the compound of the
    police station ..."): its first name, when that is a town or a site."""
    before = doc.paragraph_before(si, _LABEL_REACH)
    if not before:
        return None
    head = before[-1]  # the paragraph's first sentence
    sentence = doc.sentences[head]
    if len(sentence.text) > _LABEL_LONGEST:
        return None
    named = [m for m in doc.mentions_in(head) if m.literal]
    if not named or named[0].start != sentence.start:
        return None
    rest = doc.text[named[0].start:sentence.end]
    for m in named[1:]:  # the names after the first, each set off by a comma, then the date
        rest = rest.replace(m.text, "X", 1)
    rest = rest.replace(named[0].text, "X", 1)
    if _PARAGRAPH_LABEL_RE.fullmatch(rest) is None:
        return None
    return named[0] if _point_like(named[0]) else None


_LABEL_REACH = 12  # sentences back to a paragraph's head
_LABEL_LONGEST = 90
# "X, X, 15 and 20 March.", "X, March 3:", "X (Kachin State), 2 May 2025."
_PARAGRAPH_LABEL_RE = re.compile(
    r"X(?:\s*\([^()]{1,40}\))?(?:,\s*(?:X|[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})(?:\s*\([^()]{1,40}\))?){0,3},?\s+"
    r"(?:(?:on\s+)?\d{1,2}(?:\s*(?:and|to|-|–)\s*\d{1,2})?\s+[A-Z][a-z]{2,8}\.?|[A-Z][a-z]{2,8}\.?\s+\d{1,2}"
    r"(?:\s*(?:and|to|-|–)\s*\d{1,2})?)(?:,?\s+\d{4})?\s*[.:–—-]?\s*")


_SITS_IN_RE = re.compile(r"\b(?:in|at|from)\s+(?:the\s+)?$")  # "the Joint Operations Command in Baghdad"


# Before a place label: nothing, a list mark or an entry's time ("06:40 "); after it, a colon or a mark.
_LABEL_BEFORE_RE = re.compile(r"\s*(?:[-•*–—▪·]\s+)?(?:\d{1,2}[\s.)]+)?(?:\d{1,2}[:.]\d{2}\s*(?:GMT|UTC|local time)?\s*[-–—|]?\s*)?")
# (a digest's entry may date itself after its place: "Baghdad International Airport, July 4: ISIS claimed ...")
# (and a kind of place may follow it: "Krasnopillia community: mortar shelling")
_LABEL_AFTER_RE = re.compile(rf"(?:\s+(?:{vocab.words_pattern('label_kinds')})\b)?"
                             r"\s*(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})"
                             r"(?:\s*[-–]\s*(?:[A-Z][a-z]{2,8}\.?\s+)?\d{1,2})?\s*)?(?::(?!\d)|[‼❗❕⚡🔴🟠🟡💥]|\s[-–—]\s)")


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


# "two weeks after the", "days after": the time since an earlier event.
_ELAPSED_AFTER_RE = re.compile(r"\b(?:a|one|two|three|four|five|six|several|few|\d+)\s+(?:days?|weeks?|months?|years?)\s+"
                               r"(?:after|since)\s+(?:the\s+)?", re.IGNORECASE)
_CLAUSE_STOP_RE = re.compile(r"[;.!?]|,\s+(?:and|but|while|as)\b")


def _background_after(roles: list[PlaceRole], cut: int, triggers: tuple[int, ...]) -> list[PlaceRole]:
    """Places after ``cut`` are background, unless a strike or casualty word follows it."""
    if any(t >= cut for t in triggers):
        return roles
    return [PlaceRole(r.mention, "other") if r.mention.start >= cut and r.role == "strike" else r for r in roles]


def _trigger_offsets(s: SentenceState) -> tuple[int, ...]:
    """Where the attack and casualty words of the reported words stand (text offsets)."""
    lo, hi = s.content_span
    content = s.content
    attacks = [a.start for a in s.attacks]
    listed = [m.start() + lo for m in LISTED_TARGETS_RE.finditer(content)]  # "Among the targets ... was": what a strike hit
    otherwise = spoken_of_otherwise(s.doc, s.si)
    harm = [m.start() + lo for m in _HARM_WORD_RE.finditer(content)]
    harm = [at for at in harm if not any(a <= at < b for a, b in otherwise)]
    return tuple(sorted(attacks + harm + listed))


def _theatre_only(claims: list[Claim], generic: set[str], about: dict[str, float]) -> list[Claim]:
    """Claims whose attack only their paragraph or headline told of, and those placed outside
    their reported words, keep only places in the countries the article's other claims are in
    ("the hospital in Maarat al-Numan was hit" in a report on Syria), not "the blasts in
    Paris"; those left with no place are dropped."""
    theatre = {m.place.country for c in claims if c.claim_id not in generic for m in c.places if m.place is not None}
    if not theatre:  # no claim of its own places the article: the countries the text is about
        theatre = {cc for cc, weight in about.items() if weight >= _THEATRE_WEIGHT}
    out = []
    for c in claims:
        if c.claim_id in generic and c.places:
            # (a village the gazetteer lacks stays: nothing says it is outside the theatre)
            kept = tuple(m for m in c.places if m.place is None or m.place.country in theatre)
            if not kept:
                continue
            c = replace(c, places=kept)
        out.append(c)
    return out


_THEATRE_WEIGHT = 0.5  # of the strongest country's: the countries a text is about
# Claimants who speak from capitals and headquarters, not from where strikes fell.
_SPEAK_FROM_AFAR = frozenset((vocab.GOVERNMENT, vocab.FOREIGN_GOVERNMENT, vocab.MILITARY, vocab.INTERNATIONAL, vocab.THINK_TANK))

# Unnamed sources a publisher cites as its own: "according to reliable sources".
_OWN_SOURCES_RE = re.compile(rf"(?:the\s+)?(?:{vocab.words_pattern('own_sources_words')})?\s*sources?"
                             # "Our researchers documented ...": the publisher in the first person
                             r"|we|our\s+(?:[\w-]+\s+)?(?:researchers?|team|teams|monitors?|investigators?|staff|"
                             r"field\s+\w+|organi[sz]ation|colleagues)", re.IGNORECASE)
# Sources who speak from where a strike happened: "Doctors in al-Lataminah", "residents of Ariha".
_LOCAL_WITNESS_RE = re.compile(
    rf"^(?:an?\s+|the\s+|some\s+|several\s+|two\s+|three\s+)?(?:local\s+)?(?:{vocab.words_pattern('witness_words')})"
    r"\s+(?:in|of|from|at)\b", re.IGNORECASE)
# A sentence that opens by setting the scene in a place: "In Saraqeb, ...", "Near Raqqa, ...".
_FRONTED_PLACE_RE = re.compile(r"^\s*(?:[-•*–—▪·]\s+)?(?:(?i:further|farther|meanwhile|elsewhere|separately)(?:\s+(?i:south|north|east|west|afield))?,\s*)?"
                               r"(?i:in|inside|near|around|outside|at)\s+(?:the\s+)?(?:(?:[a-z-]+\s+){0,2}(?:town|city|village|port|capital)\s+of\s+)?"
                               rf"(?:(?:{vocab.words_pattern('arabic_articles')})-)?[A-Z][^,]{{0,60}},(?:[^,]{{0,80}},)?\s*$")
# A sentence that opens by saying "it" or "the town" was struck: the place is the one named before.
_ANAPHOR_STRUCK_RE = re.compile(
    # ("The town, about 120 km southwest of the capital, has been hit": what the apposition names only says where it lies)
    r"^\W*(?:it|the (?:town|city|village|area|district|base|airport|camp))(?:,[^,;]{1,120},)?\s+(?:was|were|had been|has been|is)\s+"
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


# -- the sentence's way to its claims ------------------------------------------------------
@dataclass
class SentenceState:
    """One sentence on its way through :data:`STEPS`; each step reads it and adds to it."""

    doc: Doc
    si: int
    first: int
    att: Attribution | None
    source: Source | None
    narrator: Source | None
    speakers: Speakers
    generic: set[str]  # claims (of the whole article) told only with the generic "attack"
    cs: int = 0  # the reported content, sentence-relative
    ce: int = 0
    strike: AttackWord | None = None  # the first word that tells of the attack
    attacks: list[AttackWord] = field(default_factory=list)
    harm: Casualties = NONE
    when: EventDate = UNKNOWN
    toks: TokenIndex | None = None
    roles: list[PlaceRole] = field(default_factory=list)
    fronted: Mention | None = None
    targets: list[Target] = field(default_factory=list)
    strikers: list[tuple[int, str, str]] = field(default_factory=list)
    denial: bool = False
    claims: list[Claim] = field(default_factory=list)
    dropped: str = ""  # why the sentence holds no claim, once a step says so
    denied_from: int | None = None  # where a denial inside the source's assertion starts (text offset)
    asserted_from: int | None = None  # where an assertion inside the source's denial starts (text offset)
    dead_after_attack: bool = False  # its dead are those of an attack the sentence right before told
    earlier: list[Claim] = field(default_factory=list)  # the article's claims before this sentence
    id_offset: int = 0  # where the claim ids of this part of the sentence start (a narrated clause's apart)

    @property
    def sentence(self) -> Span:
        return self.doc.sentences[self.si]

    @property
    def content(self) -> str:
        return self.sentence.text[self.cs:self.ce]

    @property
    def content_span(self) -> tuple[int, int]:
        offset = self.sentence.start
        return offset + self.cs, offset + self.ce

    @property
    def mentions(self) -> list[Mention]:
        return self.doc.mentions_in(self.si)

    def is_dropped(self) -> bool:
        return bool(self.dropped)

    def drop(self, why: str) -> str:
        self.dropped = why
        return why


#: The steps a sentence goes through, in order; one that drops the sentence ends its way.
STEPS: RuleSet[SentenceState] = RuleSet("step")


@STEPS.rule(10, "source of last resort", decides="the lead's source, the narrator, or the article text",
            why="a sentence nobody is quoted in: a wire lead, or the article's own account of an attack, takes the "
                "next sentence's source when that one speaks of the same attack",
            examples=[Example("Russian bombers have pounded Raqqa for a third day running. The Defence Ministry said the raids went on.", "",
                              "Defence Ministry")])
def _last_resort_source(s: SentenceState) -> str | None:
    if s.att is not None or s.doc.table_row(s.si):
        return None  # (a row of a table is its publisher's account: the narrator's)
    lead = s.speakers.lead_source(s.si)
    if lead is not None:
        s.att, s.source = lead
        return f"the lead's source, named in the next sentence: {s.source.name}"
    if s.doc.attacks(s.si):
        after = s.speakers.next_source(s.si)
        if after is not None:
            s.att, s.source = after
            return f"the source of the sentence after, on the same attack: {s.source.name}"
    return None


# What kills people in a sentence that tells of no attack, when not the attack its paragraph told of.
_OTHER_CAUSE_RE = re.compile(r"\b(?:earthquakes?|quakes?|floods?|flooding|storms?|cyclones?|hurricanes?|typhoons?|landslides?|"
                             r"mudslides?|tsunamis?|avalanches?|heat ?waves?|epidemics?|cholera|diseases?|outbreaks?|famine|"
                             r"crash(?:es)?|collisions?|accidents?|drownings?|stampedes?|overdoses?)\b", re.IGNORECASE)


@STEPS.rule(20, "an attack told", decides="no claim without one",
            why="the reported words hold a word that tells of an attack (geo.claims.frame), a list of targets after "
                "one, or count the dead of an attack its paragraph or headline tells of",
            examples=[Example("After the air strikes, the minister said talks would go on.", "", "no attack"),
                      Example("Jets struck Idlib.\n\nThe floods killed 1,600 people, the UN said.", "", "casualties with no attack"),
                      Example("Jets bombed Sagaing villages.\nThe junta announced a truce after the earthquake, which killed "
                              "3,700 people in Mandalay.", "", "the dead of another cause")])
def _screen(s: SentenceState) -> str | None:
    s.cs, s.ce = (s.att.content_start, s.att.content_end) if s.att else (0, len(s.sentence.text))
    lo, hi = s.content_span
    s.attacks = [a for a in s.doc.attacks(s.si) if lo <= a.start and a.end <= hi]
    told = [a for a in s.attacks if _said_as_done(s.doc.text, s.sentence.start, a)]
    if s.attacks and not told:
        return s.drop(f"{s.attacks[0].text!r} said as what may come or as what attacks told before did, not as done")
    s.attacks = told
    s.harm = _casualties(s)
    if s.attacks:
        s.strike = s.attacks[0]
        return f"{s.strike.text!r}: {s.strike.event_type or 'an attack'} ({s.strike.evidence})"
    context = attack_context(s.doc, s.si)
    if not context and s.harm.phrase:
        # "Since the beginning of the Russian raids, the Observatory has documented the death of 39 civilians": the
        # attack its own sentence names before the source
        fronted = next((a for a in s.doc.attacks(s.si) if a.end <= lo and _said_as_done(s.doc.text, s.sentence.start, a)), None)
        context = f"{fronted.text!r} before its source" if fronted is not None else ""
    # "They included what they described as the headquarters ...": the list may open the sentence before its source
    listed, base = LISTED_TARGETS_RE.search(s.content), lo
    if listed is None:
        # ("They named the air bases at Rafiqui, ...": the sentence opens with the list's words, its source's verb inside)
        listed, base = LISTED_TARGETS_RE.search(s.sentence.text), s.sentence.start
    if listed is not None and not context:  # "Two officers named the targets. They included ...": an article at war
        war = article_at_war(s.doc)
        context = f"an article at war ({war})" if war else ""
    if listed is not None and context:  # "Among the targets were ...": what the attack told before hit
        s.strike = AttackWord(base + listed.start(), base + listed.end(), listed.group(), "", f"a list of targets after {context}", True)
        return f"targets listed after {context}"
    if s.harm.phrase and context:
        toll = _WAR_TOLL_RE.search(s.content)
        if toll is not None:  # "More than 290,000 people have been killed since the conflict began"
            return s.drop(f"the toll of a war or of fighting, not of an attack: {toll.group()!r}")
        if (cause := _OTHER_CAUSE_RE.search(s.content)) is not None:  # "the earthquake ... killed more than 3,700 people"
            return s.drop(f"the dead of another cause: {cause.group()!r}")
        # attack_context finds attacks only in the paragraph just before or in the headline
        s.dead_after_attack = _WAR_DEAD_RE.search(s.content) is None
        return f"the dead of {context}"
    return s.drop("no attack told in the reported words" + (" (casualties with no attack told in their paragraph)"
                                                           if s.harm.phrase else ""))


@STEPS.rule(40, "date", decides="the event date",
            why="the first time phrase in the reported words, else in the sentence, against the publication date",
            examples=[Example("Russian jets struck Talbiseh on Wednesday.", "", "on Wednesday")])
def _date(s: SentenceState) -> str | None:
    published = s.doc.article.published_date if s.doc.article is not None else None
    lo, hi = s.content_span
    times = s.doc.times(s.si)
    inside = next((t for t in times if lo <= t.start and t.end <= hi), None)
    if inside is None and s.ce - s.cs < len(s.sentence.text):
        inside = times[0] if times else None
    s.when = resolve(inside, published)
    return s.when.phrase or None


@STEPS.rule(50, "place roles", decides="which places are strike locations",
            why="each place by the place-role rules (geo.claims.roles), then the sentence-role rules",
            examples=[Example("Jets struck a command post in Hama.", "", "strike: Hama")])
def _roles(s: SentenceState) -> str | None:
    s.toks = TokenIndex(s.doc.sentence_tokens(s.si))  # made only for sentences that get this far
    lo, _ = s.content_span
    s.roles = assign_roles(s.mentions, s.toks, s.content_span, partial(_trigger_offsets, s), s.doc.trace, s.si)
    struck = [r.mention.text for r in s.roles if r.role == "strike"]
    return f"strike: {', '.join(struck)}" if struck else None


@STEPS.rule(52, "a table's place column", decides="strike, or other",
            why="in a row of an incident log ('08 | 8 Feb | Khartoum Bahri, Haj Yousif | Drone strike | SAF'), the cell "
                "under the heading that names a place says where the attack was; the places of the other cells "
                "(sources, perpetrators) are not strike places",
            examples=[Example("No. | Date | Location | Type | Source\n08 | 8 Feb | Khartoum, Haj Yousif | Drone strike | "
                              "Residents of Omdurman", "", "strike: Khartoum; other: Omdurman")])
def _table_place_column(s: SentenceState) -> str | None:
    row = s.doc.table_row(s.si)
    if row is None or row.place_column is None:
        return None
    if row.heading_row:
        return s.drop("the headings of a table")
    column, struck, other = row.place_column, [], []
    head = next((k for k, r in enumerate(s.roles) if row.cell_at(r.mention.start) == column), None)
    for k, r in enumerate(s.roles):
        inside = row.cell_at(r.mention.start) == column
        if k == head and r.role == "other" and r.mention.kind != "demonym":
            # The cell's first place is where ("Bara, North Kordofan (approx. 60 km north of El Obeid)"); the
            # names after it place it, or lie within it, and keep their roles.
            s.roles[k] = PlaceRole(r.mention, "strike", r.link, r.qualifier, r.distance_km)
        elif not inside and r.role == "strike":
            s.roles[k] = PlaceRole(r.mention, "other", r.link)
        (struck if s.roles[k].role == "strike" else other).append(r.mention.text)
    return f"strike: {', '.join(struck) or 'none'}; other: {', '.join(other) or 'none'}"


_SURE_BY_ITSELF = "a strike word by itself"  # (frame._sure's evidence: "roadside bomb", "air strike")


@STEPS.rule(55, "places of what was no attack", decides="other",
            why="a place in a clause that opens with a phrase telling of no attack: 'The October 7 attack killed "
                "1,200 people in Israel, and on Tuesday an air strike hit Khan Younis'",
            examples=[Example("The October 7 attack killed about 1,200 people in Israel, and on Tuesday an Israeli air "
                              "strike hit a school in Khan Younis.", "", "not struck: Israel")])
def _told_otherwise(s: SentenceState) -> str | None:
    otherwise = spoken_of_otherwise(s.doc, s.si)
    # (not a clause that tells of an attack by itself: "a police van was targeted by a roadside bomb on the Ring Road")
    otherwise = [(a, b) for a, b in otherwise
                 if not any(w.evidence == _SURE_BY_ITSELF and a <= w.start < b for w in s.attacks)]
    if not otherwise or not s.roles:
        return None
    moved = [r.mention.text for r in s.roles if r.role == "strike" and any(a <= r.mention.start < b for a, b in otherwise)]
    if not moved:
        return None
    s.roles = [PlaceRole(r.mention, "other") if r.role == "strike" and r.mention.text in moved
               and any(a <= r.mention.start < b for a, b in otherwise) else r for r in s.roles]
    return f"not struck: {', '.join(moved)}"


@STEPS.rule(57, "where a reaction happens", decides="other",
            why="attacks that are the object of a reaction ('officials in Amman condemned the raids', 'In Washington, "
                "officials declined to comment on the strikes'): the places before are where people reacted",
            examples=[Example("In Washington, officials declined to comment on the air strikes.", "",
                              "reacted in: Washington"),
                      Example("In Geneva, UN officials raised concern over the air strikes on Bahir Dar.", "", "reacted in: Geneva"),
                      Example("In Baghdad, the foreign ministry condemned Tuesday's drone strike on Sinjar.", "",
                              "reacted in: Baghdad"),
                      Example("Officials in Washington and Kigali appealed to both sides to stop the air strikes.", "",
                              "reacted in: Washington, Kigali"),
                      Example("Missiles hit Serhiivka overnight. In Kyiv, President Volodymyr Zelensky's chief of staff, "
                              "Andriy Yermak, called the attack \"terror against civilians\".", "", "reacted in: Kyiv")])
def _reaction_places(s: SentenceState) -> str | None:
    if not s.attacks or not any(r.role == "strike" for r in s.roles):
        return None
    text, floor = s.doc.text, s.sentence.start
    first = min(a.start for a in s.attacks)
    # "called the attack on X 'a deliberate targeting'" (a word of judgement must stand before the attack words)
    # ("called the attack 'terror'": the judged words may be the attack words themselves)
    judged = _JUDGED_RE.search(text, floor, max(a.end for a in s.attacks)) if _JUDGING_WORD_RE.search(text, floor, first) else None
    if judged is not None and judged.start() <= first and not _WHAT_BEFORE_RE.search(text, max(floor, judged.start() - 50),
                                                                                judged.start()):
        first = judged.start()
    elif not all(_REACTION_RE.search(text, max(floor, a.start - _REACTION_REACH), a.start) for a in s.attacks):
        return None
    moved = [r.mention.text for r in s.roles if r.role == "strike" and r.mention.start < first]
    if not moved:
        return None
    s.roles = [PlaceRole(r.mention, "other") if r.role == "strike" and r.mention.start < first else r for r in s.roles]
    if not any(r.role == "strike" for r in s.roles):
        s.fronted = None
    return f"reacted in: {', '.join(moved)}"


_REACTION_REACH = 50  # characters before the attack word
# "after what its administration called an air strike": the source names the attack, no reaction
_WHAT_BEFORE_RE = re.compile(r"\bwhat\s+(?:[\w'’-]+\s+){0,4}$", re.IGNORECASE)
# A judgement of an attack named before the sentence's attack words: "Mikati called the attack on the
# Nabatieh municipality 'a deliberate targeting of a civilian institution'".
_JUDGING_WORD_RE = re.compile(r"(?:call|describ|brand|term|label|denounc|condemn)", re.IGNORECASE)
_JUDGED_RE = re.compile(r"\b(?:called|calls|described|describes|branded|brands|termed|labell?ed|denounced|condemned)\s+"
                        r"(?:the|this|that|these|those|an|a|Israel's|Russia's)\s+(?:[\w-]+\s+){0,2}?"
                        r"(?:attacks?|strikes?|air ?strikes?|raids?|bombings?|shelling|bombardment)\b", re.IGNORECASE)
# A reaction whose object is the attacks: "condemned the raids", "comment on the strikes", "an end to the attacks".
_REACTION_RE = re.compile(
    r"\b(?:condemn\w*|denounc\w*|criticis\w*|criticiz\w*|deplor\w*|welcom\w*|discuss\w*|debat\w*|protest\w*|celebrat\w*|"
    r"cheer\w*|hail\w*|"
    r"mourn\w*|decr[iy]\w*|(?:comment|react\w*|respond\w*|reply|replied|spoke|speak\w*|talk\w*) (?:on|to|about)|"
    r"(?:an? )?(?:end|halt|stop|pause|moratorium) (?:to|of|on)|(?:revenge|retaliat\w*|respon\w*|reaction) (?:for|to)|"
    r"calls? for|called for|outrage (?:at|over)|anger (?:at|over)|"
    # "appealed to both sides to stop the air strikes"
    r"(?:appeal\w*|urg\w*|ask\w*|press\w*|call\w*) (?:on |upon )?(?:[\w-]+ ){0,4}to (?:stop|halt|end|cease|suspend)|"
    r"(?:rais|express|voic)\w* (?:\w+ )?concerns? (?:about|over|at)|(?:concerned|alarmed|worried) (?:about|over|at|by))"
    r"(?:\s+[\"“”']?(?:the|these|those|such|recent|latest|continued|ongoing|russian|israeli|american|us|u\.s\.|its|their|any|all|"
    r"deadly|overnight|reports?\s+of|alleged|alarming|unconfirmed|[\w.-]+['’]s)[\"“”']?)*\s*$", re.IGNORECASE)


@STEPS.rule(60, "places that date the strikes", decides="background",
            why="places after 'came after', 'comes as' ... with no strike word after them date the strikes",
            examples=[Example("The raids came as rebels advanced near Hama.", "", "background: Hama")])
def _timing_frame(s: SentenceState) -> str | None:
    if s.roles and (elapsed := _ELAPSED_AFTER_RE.search(s.content)) is not None:
        # "two weeks after the killing of 26 people near Pahalgam": an earlier event that is no strike dates this one
        lo, _ = s.content_span
        start = lo + elapsed.end()
        stop = _CLAUSE_STOP_RE.search(s.doc.text, start, lo + len(s.content))
        end = stop.start() if stop else lo + len(s.content)
        if vocab.alternation("triggers", vocab.STRIKE).regex.search(s.doc.text, start, end) is None:
            moved = [r.mention.text for r in s.roles if r.role == "strike" and start <= r.mention.start < end]
            if moved:
                s.roles = [PlaceRole(r.mention, "other") if r.role == "strike" and start <= r.mention.start < end
                           else r for r in s.roles]
                return f"background: {', '.join(moved)}"
    timing = _TIMING_FRAME_RE.search(s.content)
    if timing is None or not s.roles:
        return None
    lo, _ = s.content_span
    before = s.roles
    s.roles = _background_after(s.roles, lo + timing.end(), _trigger_offsets(s))
    moved = [r.mention.text for r, was in zip(s.roles, before) if r.role != was.role]
    return f"background: {', '.join(moved)}" if moved else None


@STEPS.rule(62, "what followed the attack", decides="other",
            why="a sentence whose only attack is named in a phrase of what it led to ('Security was tightened in Lahore "
                "following the Peshawar blast'): the places outside that phrase are where its aftermath happened",
            examples=[Example("Security was tightened in Lahore and Karachi following the Peshawar suicide bombing, officials said.",
                              "", "after the attack: Lahore, Karachi")])
def _aftermath(s: SentenceState) -> str | None:
    if not s.attacks or not any(r.role == "strike" for r in s.roles):
        return None
    spans = [m.span() for m in _AFTERMATH_RE.finditer(s.doc.text, *s.content_span)]
    if not spans or not all(any(a <= w.start and w.end <= b for a, b in spans) for w in s.attacks):
        return None
    def after(r: PlaceRole) -> bool:  # a strike place outside the phrase that names the attack
        return r.role == "strike" and not any(a <= r.mention.start < b for a, b in spans)

    moved = [r.mention.text for r in s.roles if after(r)]
    if not moved:
        return None
    s.roles = [PlaceRole(r.mention, "other", r.link) if after(r) else r for r in s.roles]
    return f"after the attack: {', '.join(moved)}"


# "following the Peshawar blast", "in the wake of Sunday's bombing": an attack named as what something followed
_AFTERMATH_RE = re.compile(r"\b(?:following|in the wake of|in response to|in reaction to)\s+(?:the|a|an|this|that|"
                           r"[A-Z][\w'’-]*['’]s|last\s+\w+['’]s)\s+(?:[\w'’-]+\s+){0,3}?(?:blast|bombing|attack|strike|"
                           r"air ?strike|explosion|raid|shelling|bombardment)s?\b")


@STEPS.rule(70, "the place the report is set in", decides="strike",
            why="a strike report with no place of its own, set in a place outside its reported words: "
                "'In al-Latamneh, the group said its headquarters had been hit'; 'Doctors in Kafr Nabl said ...'",
            examples=[Example("In Latamneh, the rebel group said its headquarters had been hit.", "", "strike: Latamneh")])
def _fronted_place(s: SentenceState) -> str | None:
    if s.strike is None or any(r.role == "strike" for r in s.roles):
        return None
    s.fronted = _place_label(s.sentence, s.mentions)  # a digest's entry labelled with its place: "Kryvyi Rih: ..."
    if s.fronted is None:
        s.fronted = _paragraph_label(s.doc, s.si)  # a report's paragraph headed "Wana, South Waziristan, 11 March."
    if s.fronted is None and s.att is not None and not _LOCAL_WITNESS_RE.search(s.att.claimant) and all(
            a.from_context and _THE_ATTACKS_BEFORE_RE.search(s.doc.text, max(0, a.start - 8), a.start) for a in s.attacks):
        return None  # "In Mosul, the governor said the strikes were obstructing efforts": strikes told before, elsewhere
    outside = s.fronted or _place_outside_content(s.sentence, s.att, s.mentions)
    if s.fronted is None and outside is not None and _attack_named_elsewhere(s, outside):
        return None  # "Doctors at the hospital in Dera Ismail Khan said the injured from the Sheen Warsak attack ..."
    if (s.fronted is None and s.source is not None and s.source.type in _SPEAK_FROM_AFAR and not _THE_TOWN_RE.search(s.content)
            and not _OWN_PREMISES_RE.search(s.content)
            and not (outside is not None and _PART_AFTER_RE.match(s.doc.text, outside.end))):
        # "In Washington, the defence secretary said ..." (not "In Omdurman, the ministry said ... the city", nor
        # "In Jenin refugee camp, the military reported ...": no venue a government speaks from)
        return None
    if (s.fronted is None and outside is not None and s.source is not None and outside.place is not None
            and is_capital(outside.place) and _SEAT_OF_POWER_RE.search(s.source.name)):
        # "In Kabul, the Taliban's defence ministry said its forces had targeted ...": where a ministry sits
        return None
    if (s.fronted is None and outside is not None
            and (_SEAT_BEFORE_RE.search(s.doc.text, max(0, outside.start - 40), outside.start)
                 or _SPOKE_FROM_RE.search(s.doc.text, max(0, outside.start - 40), outside.start))):
        # "A spokesman for the federal forces' headquarters in Mozdok ... said", "speaking by telephone from
        # Benghazi, said": where the source sits or speaks
        return None
    s.fronted = outside
    if s.fronted is None:
        return None
    s.roles = [PlaceRole(s.fronted, "strike"), *[r for r in s.roles if r.mention is not s.fronted]]
    return f"strike: {s.fronted.text}"


_PART_AFTER_RE = re.compile(r"\s+(?:refugee\s+)?(?:camp|neighbou?rhood|district|quarter)\b", re.IGNORECASE)
# An attack the reported words name by its place: "the injured from the Sheen Warsak attack"
_NAMED_ATTACK_RE = re.compile(r"\bthe\s+((?:[A-Z][\w'’-]+\s+){1,3})(?:attack|strike|air ?strike|bombing|blast|raid|shelling|"
                              r"explosion)s?\b")


def _attack_named_elsewhere(s: SentenceState, outside: Mention) -> bool:
    """Whether the reported words name the attack after a place of its own, not the one set outside them:
    a hospital's doctors speak of "the injured from the Sheen Warsak attack" (not of the hospital's town)."""
    lo, _ = s.content_span
    for named in _NAMED_ATTACK_RE.finditer(s.content):
        start, end = lo + named.start(1), lo + named.end(1)
        inside = [m for m in s.mentions if start <= m.start < end]
        if inside:
            if all(m.place is None or m.place.precision != "country" and m.place.place_id != (
                    outside.place.place_id if outside.place is not None else None) for m in inside):
                return True
        elif _unknown_place_name(named.group(1).split()):
            return True
    return False


_CALENDAR_WORDS = vocab.words("calendar_words")


def _unknown_place_name(words: list[str]) -> bool:
    """Whether capitalised words before an attack word may be a place the gazetteer lacks ("the Sheen Warsak
    attack"), not whose attack or when ("the Russian strike", "the Taliban attack", "the October attack")."""
    demonyms, common = vocab.demonyms(), vocab.common_words()
    phrase = " ".join(words)
    return (not any(w in demonyms or w.lower() in _CALENDAR_WORDS for w in words)
            and not all(w.lower() in common for w in words)
            and not any(p.regex.search(phrase) for p in vocab.actors()))
# A source that sits in a capital: the capital set before its words is where it speaks from.
# (and where a spokesman or ministry sits: "A military spokesman in Port Sudan said ... in the town", another town)
_SEAT_BEFORE_RE = re.compile(r"\b(?:headquarters|HQ|command|base|bureau|office|offices|embassy|mission|spokes(?:man|woman|person|people)"
                             r"|minister|ministry|government)\s+(?:in|at)\s+(?:the\s+)?$")
_SPOKE_FROM_RE = re.compile(r"\b(?:speaking|spoke|talking|calling|writing|reached)\s+(?:[\w-]+\s+){0,3}?(?:from|in)\s+(?:the\s+)?$")
_SEAT_OF_POWER_RE = re.compile(r"\b(?:ministry|ministries|government|presidency|cabinet|parliament|office|spokes\w*)\b",
                               re.IGNORECASE)


def _after_the_verb(text: str, att: Attribution, pos: int) -> bool:
    """Whether ``pos`` lies after the source's speech verb (and before its words)."""
    return att.claimant_end <= pos and re.search(rf"\b{re.escape(att.verb)}\b", text[att.claimant_end:pos]) is not None


# A country's capital not named after it: "Yemen's capital" (not "Yemen's capital, Sanaa", "Yemen's capital Sanaa").
_CAPITAL_AFTER_RE = re.compile(r"['’]s\s+capital\b(?!\s*,?\s*(?:city\s+)?(?:of\s+)?[A-Z])")
_THE_ATTACKS_BEFORE_RE = re.compile(r"\b(?:the|these|those|such)\s+$", re.IGNORECASE)
_OVER_BEFORE_RE = re.compile(r"\b[Oo]ver\s+(?:the\s+)?$")
# The reported words speak of the place set before them as "the city": "In Omdurman, the ministry said
# shelling hit a market in the north of the city".
# What a source's words say was its own: "buildings on its campus were damaged".
_OWN_PREMISES_RE = re.compile(r"\b(?:its|their) (?:own )?(?:campus|premises|compound|grounds|facility|facilities|warehouse|"
                              r"warehouses|plant|depot|offices|office|headquarters|clinic|hospital|school)\b", re.IGNORECASE)
# A source that is an institution in a place: "The Weizmann Institute of Science in Rehovot".
_INSTITUTION_IN_RE = re.compile(r"\b(?:institute|university|college|hospital|clinic|school|company|firm|plant|factory|"
                                r"refinery|port|airport|charity|organisation|organization)\b(?: of [\w ]{2,40}?)? (?:in|at)\b",
                                re.IGNORECASE)
_THE_TOWN_RE = re.compile(r"\b(?:the|that) (?:(?:provincial|regional|state) )?(city|town|village|capital|camp|island)\b(?! of\b)",
                          re.IGNORECASE)
_SEAT_WORD_RE = re.compile(r"\bthe (?:provincial|regional|state) capital\b", re.IGNORECASE)


@STEPS.rule(80, "'it was bombed'", decides="strike",
            why="a sentence opening by saying 'it' or 'the town' was struck: the place the sentence before names",
            examples=[Example("Konashenkov devoted the briefing to Jisr ash-Shughur. It was bombed twice overnight.",
                              "", "strike: Jisr ash-Shughur"),
                      Example("Troops fired mortars at Qoryooley on Thursday. The town, about 120 km southwest of the "
                              "capital, has been hit by mortar fire several times this year.", "", "strike: Qoryooley")])
def _anaphor_struck(s: SentenceState) -> str | None:
    if s.strike is None or s.fronted is not None or any(r.role == "strike" for r in s.roles):
        return None
    antecedents = s.doc.mentions_in(s.si - 1) if s.si > s.first else []
    if not antecedents or not _ANAPHOR_STRUCK_RE.match(s.content):
        return None
    named = [m for m in antecedents if _point_like(m)]
    if not named:
        return None
    s.roles = [PlaceRole(named[-1], "strike"), *s.roles]
    return f"strike: {named[-1].text}"


@STEPS.rule(81, "the town named before", decides="strike",
            why="a report of an attack on 'the town's outskirts' or 'in the city', with no place of its own: the town "
                "the sentence before names ('... around Bint Jbeil, a town a few kilometres from the border. The army "
                "said it had called in air support against positions on the town's outskirts.'); or, 'north of the "
                "town', the town its own words named before (the point moved by the distance given)",
            examples=[Example("Troops fought guerrillas around Bint Jbeil on Monday. The army said it had called in air "
                              "strikes against positions on the town's outskirts.", "", "strike: Bint Jbeil"),
                      Example("The army said its aircraft caught a column as it withdrew from Djibo, striking it about "
                              "20 kilometres north of the town.", "", "strike: 20 kilometres north of the town (Djibo)"),
                      Example("Residents said air strikes hit the port of Hodeidah. Others hit a road junction east of the "
                              "city.", "", "strike: east of the city (Hodeidah)"),
                      Example("The army did not dispute that it had bombed Kabkabiya. A military spokesman in Port Sudan "
                              "said the air force had destroyed fuel stores in the town.", "", "strike: Kabkabiya")])
def _town_before(s: SentenceState) -> str | None:
    if s.strike is None or s.fronted is not None or any(r.role == "strike" for r in s.roles):
        return None
    found = _TOWN_ANAPHOR_RE.search(s.content)
    away = None if found is not None else _TOWN_DIRECTION_RE.search(s.content)
    if found is None and away is None:
        return None
    noun = away["noun"] if away is not None else found["noun"] or found["noun2"] or found["noun3"] or found["noun4"]
    # (not a dateline's city, nor a city of a million for "the village")
    largest = _ANAPHOR_LARGEST[noun.lower()]
    towns = []
    if away is not None:  # "striking it about 20 kilometres north of the town": the town this sentence named before
        at = s.content_span[0] + away.start()
        towns = [m for m in s.mentions if s.content_span[0] <= m.start < at]
        if not towns and s.si > s.first and s.doc.paragraph_before(s.si, 1):
            # "... hit the area around Hodeidah port. Others hit the Kilo 16 road junction east of the city": the town
            # the sentence before, in its paragraph, named
            towns = s.doc.mentions_in(s.si - 1)
            towns = [m for m in towns if m.kind != "city part"] or towns  # (the city itself, not its district)
    else:
        # "Residents of Myinmu, a river town ..., pulled bodies from the town's main market": the town its own sentence
        # named before, else the sentence before's
        at = s.content_span[0] + found.start()
        # (not where the source speaks from: "speaking by telephone from Benghazi, said rockets hit ... the city")
        towns = [m for m in s.mentions if m.start < at and _point_like(m, ("locality",))
                 and not _SPOKE_FROM_RE.search(s.doc.text, max(0, m.start - 40), m.start)
                 and not _SEAT_BEFORE_RE.search(s.doc.text, max(0, m.start - 40), m.start)]
        if not towns and s.si > s.first:
            towns = s.doc.mentions_in(s.si - 1)
            if not s.doc.paragraph_before(s.si, 1):
                # across a paragraph break, only a town an earlier claim was placed at ("Russian warplanes fly from the
                # Hmeimim air base near the coastal city of Latakia." then "... in the east of the city": Aleppo)
                struck = {p.place.place_id for c in s.earlier for p in c.places if p.place is not None}
                towns = [m for m in towns if m.place is not None and m.place.place_id in struck]
    towns = [m for m in towns if _point_like(m, ("locality",)) and m.place.population < largest
             and not (m.text.isupper() and opens_line(s.doc.text, m.start))]
    if len({m.place.place_id for m in towns}) != 1:  # one town only: which one is meant is then plain
        return None
    if away is not None:
        km = float(away["km"]) * UNITS_KM[away["unit"].lower()] if away["km"] else None
        s.roles = [PlaceRole(towns[-1], "strike", qualifier=direction_qualifier(away["direction"].lower()), distance_km=km),
                   *s.roles]
        return f"strike: {away.group()} ({towns[-1].text})"
    part = found["part"] or found["part2"] or ""
    s.roles = [PlaceRole(towns[-1], "strike", qualifier=_TOWN_ANAPHOR_QUALIFIER.get(part.lower(), "")), *s.roles]
    return f"strike: {towns[-1].text}"


# "the town's outskirts", "on the outskirts of the city", "in the village"
_TOWN_ANAPHOR_RE = re.compile(r"\b(?:the (?P<noun>town|city|village)['’]s (?:(?P<part>outskirts|edge|centre|center|east|west|north|south)"
                              # "the town's general hospital": a building of the town (not its people)
                              r"|(?:main |only |central |general |largest |biggest |old |grand |district |regional |"
                              r"teaching |referral |public |sole )*(?:hospital|market|mosque|church|school|power station|"
                              r"water (?:station|plant|tower)|bakery|bridge|stadium|prison|police station|bus station|"
                              r"railway station|airport|port|refinery|clinic)s?\b)"
                              r"|(?:on )?the (?:(?:north|south)?-?(?:east|west)?(?:ern)? )?(?P<part2>outskirts|edge) of the "
                              r"(?P<noun2>town|city|village)\b"
                              r"|\b(?:in|inside|across) the (?P<noun3>town|city|village)\b(?! of\b)"
                              # "a reception building on al-Khamseen Street in the south of the city"
                              r"|\bin the (?:(?:north|south)-?(?:east|west)?|east|west|centre|center|heart|middle)(?:ern)? "
                              r"(?:part )?of the (?P<noun4>town|city|village)\b(?! of\b))", re.IGNORECASE)
# "about 20 kilometres north of the town" (not "north of the town of X", which names its own, nor "in the east of
# the city", a part of it)
_TOWN_DIRECTION_RE = re.compile(r"(?:(?P<km>\d+(?:\.\d+)?)\s*(?P<unit>km|kms|kilometres|kilometers|miles|mi)\s+)?"
                                r"(?<!\bthe )\b(?P<direction>north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
                                r"\s+of\s+the\s+(?P<noun>town|city|village)\b(?!\s+of\b)", re.IGNORECASE)
_ANAPHOR_LARGEST = {"village": 100_000, "town": 1_000_000, "city": 10**9}  # population of what the word may name
_TOWN_ANAPHOR_QUALIFIER = {"outskirts": "outskirts", "edge": "outskirts"}


@STEPS.rule(83, "the capital named before", decides="strike",
            why="a report of an attack 'on the capital' or 'south of the capital', with no place of its own: the "
                "capital city the article has named ('... Sanaa airport ... the Haziz power station south of the capital')",
            examples=[Example("Jets struck Sanaa on Monday. Residents said the raids also hit a power station "
                              "south of the capital.", "", "strike: Sanaa")])
def _capital_before(s: SentenceState) -> str | None:
    if s.strike is None or s.fronted is not None or any(r.role == "strike" for r in s.roles):
        return None
    found = _CAPITAL_ANAPHOR_RE.search(s.content)
    if found is None:
        return None
    capitals = [m for si in range(s.first, s.si + 1) for m in s.doc.mentions_in(si)
                if m.literal and m.place is not None and m.place.precision == "locality" and is_capital(m.place)
                and m.start < s.content_span[0] + found.start()]
    if not capitals or len({m.place.place_id for m in capitals[-_CAPITALS_BACK:]}) != 1:
        return None  # (no capital, or two named lately: which one is meant is not plain)
    direction = (found["direction"] or "").lower()
    s.roles = [PlaceRole(capitals[-1], "strike", qualifier=direction_qualifier(direction) if direction else
                         _TOWN_ANAPHOR_QUALIFIER.get((found["part"] or "").lower(), "")), *s.roles]
    return f"strike: {capitals[-1].text}"


# "in the capital", "south of the capital", "on the outskirts of the capital" (not "the capital's", a part it owns)
_CAPITAL_ANAPHOR_RE = re.compile(r"\b(?:(?P<direction>north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
                                 r"\s+of|in|on|across|around|near|outside|(?:on\s+)?the\s+(?P<part>outskirts|edge)\s+of)"
                                 r"\s+the\s+(?-i:[A-Z][a-z]+\s+)?capital\b(?!['’])", re.IGNORECASE)  # ("the Yemeni capital")
_CAPITALS_BACK = 2  # the capitals named last must be one city


@STEPS.rule(82, "the facility named before", decides="strike",
            why="a report that 'the airbase' or 'the refinery' was hit, with no place of its own: the place the "
                "article last named with that facility ('the Engels military airbase' ... 'rejected reports that "
                "the airbase had been hit')",
            examples=[Example("Drones struck the Engels military airbase overnight, the General Staff said. The governor "
                              "said windows were broken in Saratov. He rejected reports that the airbase had been hit.",
                              "", "strike: Engels"),
                      Example("Residents said a helicopter fired on the district hospital in Macomia. The contractor "
                              "denied that its helicopters had fired at the hospital.", "", "strike: Macomia")])
def _facility_named_before(s: SentenceState) -> str | None:
    if s.strike is None or s.fronted is not None or any(r.role == "strike" for r in s.roles):
        return None
    said = (_FACILITY_STRUCK_RE.search(s.content) or _STRUCK_IN_FACILITY_RE.search(s.content)
            or _STRUCK_FACILITY_RE.search(s.content))
    # only a place an earlier claim struck: not "the Savasleyka air base" the jets took off from
    struck = {m.place.place_id for c in s.earlier for m in c.places if m.place is not None}
    if said is None or not struck:
        return None
    kind = _FACILITY_KIND_RE.compile_for(said["kind"])
    named = []  # (gap, sentences back, start, place)
    for si in range(s.si - 1, max(s.first, s.si - _FACILITY_REACH) - 1, -1):
        sentence = s.doc.sentences[si]
        for found in kind.finditer(sentence.text):
            at = sentence.start + found.start()
            end = at + len(found.group())
            # the place named nearest the facility word: "the Engels military airbase", "the airbase at Engels",
            # a name holding the word itself first ("Port Sudan" over "Suakin, the old port town")
            gaps = [(0 if m.start <= at < m.end else at - m.end if m.end <= at else m.start - end + 1, m)
                    for m in s.doc.mentions_in(si) if _point_like(m)]
            named += [(gap, s.si - si, m.start, m) for gap, m in gaps
                      if 0 <= gap <= _FACILITY_GAP and m.place.place_id in struck]
    if not named:
        return None
    # the nearest its word ("Port Sudan" over "Suakin, the old port town"), a modifier between counting
    # for nothing ("the Ryazan oil refinery"), then the last named
    place = min(named, key=lambda row: (max(0, row[0] - _MODIFIER_GAP), row[1], row[2]))[3]
    s.roles = [PlaceRole(place, "strike"), *s.roles]
    return f"strike: {place.text}"


class _FacilityKinds:
    """The words by which a report names a facility again ("the airbase"), each with the spellings
    the article may have used before ("the Engels military airbase", "Engels air base")."""

    _spellings = {"airbase": r"air ?base|air ?field", "air base": r"air ?base|air ?field", "airfield": r"air ?field|air ?base",
                  "refinery": "refinery",
                  "port": "port", "plant": r"(?:power )?plant", "depot": r"(?:oil |fuel |ammunition )?depot",
                  "airport": "airport", "terminal": "terminal", "hospital": "hospital", "power station": r"power station",
                  "prison": "prison", "bridge": "bridge"}

    @property
    def pattern(self) -> str:
        return "|".join(sorted(self._spellings, key=len, reverse=True))

    def compile_for(self, kind: str) -> re.Pattern:
        return re.compile(rf"\b(?:{self._spellings[kind.lower()]})\b", re.IGNORECASE)


_FACILITY_KIND_RE = _FacilityKinds()
_FACILITY_STRUCK_RE = re.compile(
    rf"\bthe (?P<kind>{_FACILITY_KIND_RE.pattern})\s+(?:was|were|had been|has been|is|had|have been)\s+"
    r"(?:(?:also|again|reportedly|not|never|\w+ly)\s+)*" rf"(?:{'|'.join(sorted(STRIKE_PARTICIPLES))})\b", re.IGNORECASE)
# "denied that RSF drones had struck the fuel depots in the port itself"
_STRUCK_IN_FACILITY_RE = re.compile(
    rf"\b(?:struck|hit|targeted|attacked|bombed|shelled)\b[^.;:]{{0,60}}?\b(?:in|at|on) the (?P<kind>{_FACILITY_KIND_RE.pattern})\b"
    r"(?!\s+(?:of|in|at|near)\s+[A-Z])", re.IGNORECASE)
# "denied that its forces had shelled the airport"
_STRUCK_FACILITY_RE = re.compile(
    rf"\b(?:struck|hit|targeted|attacked|bombed|shelled|fired (?:on|at|upon))\s+the "
    r"(?:(?:northern|southern|eastern|western|main|old|new|central|city's|town's)\s+)?"  # "struck the northern port"
    rf"(?P<kind>{_FACILITY_KIND_RE.pattern})\b"
    r"(?!\s+(?:of|in|at|near)\s+[A-Z])", re.IGNORECASE)
_FACILITY_REACH = 20  # sentences back
_MODIFIER_GAP = 9  # characters of modifiers between a place and its facility word: "oil ", "military "
_FACILITY_GAP = 25  # characters between the place and its facility word ("Engels military airbase")


@STEPS.rule(90, "targets", decides="what was hit",
            why="target phrases in the reported words (targets.csv), widened to their modifiers",
            examples=[Example("Jets struck a command post in Hama.", "", "a command post")])
def _targets(s: SentenceState) -> str | None:
    otherwise = spoken_of_otherwise(s.doc, s.si)
    row = s.doc.table_row(s.si)
    s.targets = [t for t in find_targets(s.doc.text, *s.content_span, s.toks, s.mentions)
                 if not any(a <= t.start < b for a, b in otherwise)
                 and not (row is not None and row.cell_at(t.start) != row.cell_at(t.end))]  # (one cell's words)
    return ", ".join(s.doc.text[t.start:t.end] for t in s.targets) or None


def _headline_narrator(title: str, speakers: Speakers, first: int) -> Source | None:
    """The source a headline names; where it names only "officials" ("... 47 times in a day, officials say"), the
    source of the lead that names them ("..., the Sumy Regional Military Administration said on Tuesday")."""
    found = headline_source(title)
    if found is None or not _GENERIC_SOURCE_RE.fullmatch(found.name):
        return found
    lead = speakers.speaker(first)
    source = lead[1] if lead else None
    return source if source is not None and not _GENERIC_SOURCE_RE.fullmatch(source.name) and actor_in(source.name) else found


_GENERIC_SOURCE_RE = re.compile(r"(?:(?:[A-Z][\w-]*|local|the)\s+)?(?:officials|authorities|sources)", re.IGNORECASE)


@STEPS.rule(100, "the narrator speaks", decides="the publisher, or the article text",
            why="nobody quoted: the publisher the headline or a byline names, else the news outlet telling the article "
                "in its own words (its Source: line or dateline agency), else the article itself; a publisher's own "
                "'reliable sources' are the publisher",
            examples=[Example("Jets struck a market in Ariha, killing 12 people.", "", UNATTRIBUTED)])
def _narrator(s: SentenceState) -> str | None:
    if s.source is None:
        s.source = s.narrator or Source.known(UNATTRIBUTED, vocab.MEDIA, "")
        return f"claimant: {s.source.name}"
    if s.narrator is not None and _OWN_SOURCES_RE.fullmatch(s.source.name):
        s.source = s.narrator  # "according to reliable sources" in a monitor's release: the monitor's own
        return f"claimant: {s.source.name}"
    return None


@STEPS.rule(110, "strikers", decides="who struck",
            why="striker phrases in the reported words (strikers.csv); 'its warplanes' is the claimant's side",
            examples=[Example("Russian jets struck a camp in Idlib.", "", "Russian jets")])
def _strikers(s: SentenceState) -> str | None:
    s.strikers = find_strikers(s.doc.text, *s.content_span, s.mentions, s.source)
    return ", ".join(phrase for _, phrase, _ in s.strikers) or None


@STEPS.rule(120, "stance", decides="denies",
            why="a denial frames the source's words ('denied reports that'), or words judge the report false ('groundless')",
            examples=[Example("The Kremlin denied reports that its jets struck a hospital in Sarmin.", "", "denies")])
def _stance(s: SentenceState) -> str | None:
    s.denial = bool(s.att and s.att.denial) or any(regex.search(s.content) for regex in _judging_denials())
    return "denies" if s.denial else None


@STEPS.rule(125, "a denial inside an assertion", decides="denies, for the places after it",
            why="'said it struck a workshop in Odesa and denied hitting civilian areas in Mykolaiv': the places after "
                "the denial are denied, those before asserted",
            examples=[Example("The Defence Ministry said its missiles struck a depot in Odesa and denied hitting homes in Mykolaiv.", "",
                              "denied from 'denied hitting'")])
def _inner_denial(s: SentenceState) -> str | None:
    if s.denial:
        return None
    found = _INNER_DENIAL_RE.search(s.content)
    if found is None:
        return None
    s.denied_from = s.content_span[0] + found.start()
    return f"denied from {found.group(1)!r}"


@STEPS.rule(126, "an assertion inside a denial", decides="asserts, for the places after it",
            why="'denied that its aircraft had struck Kas, saying that the only targets struck were militia positions at "
                "Nyala airport': the places the source goes on to say it hit are asserted",
            examples=[Example("The army denied that its jets had struck Kas, saying the only targets it hit were positions "
                              "at Nyala airport.", "", "asserted from 'saying'")])
def _assertion_in_denial(s: SentenceState) -> str | None:
    if not s.denial:
        return None
    found = _SAYING_RE.search(s.content)
    if found is None or _NEGATION_RE.search(s.content, found.end()):
        return None
    s.asserted_from = s.content_span[0] + found.start()
    return f"asserted from {found.group(1)!r}"


_SAYING_RE = re.compile(r",\s*(saying|adding|insisting)\s+(?:that\s+)?(?=[^,;]*\b(?:struck|hit|targeted|targets?|attacked|"
                        r"bombed|shelled)\b)", re.IGNORECASE)
_NEGATION_RE = re.compile(r"\b(?:not|never|no|none|nothing|denied|n't)\b", re.IGNORECASE)


# "... and denied hitting civilian areas", "but rejected claims that": the source's own words turn to a denial.
_INNER_DENIAL_RE = re.compile(
    r"(?:,\s*|\s)(?:and|but|while)\s+(?:also\s+|flatly\s+|strongly\s+)?((?:denied|denies|denying|rejected|rejects|dismissed|"
    r"dismisses)\s+(?:hitting|striking|targeting|targetting|attacking|bombing|shelling|that|any|claims|reports|accusations|"
    r"responsibility|involvement))", re.IGNORECASE)


@STEPS.rule(128, "a history, not an event", decides="no claim",
            why="the article's own words, with no time, of what usually happens or has gone on for years ('U.S. "
                "strikes in Somalia are usually carried out by drones', 'It has carried out large bomb attacks in "
                "Mogadishu'): background, not an attack that happened",
            examples=[Example("U.S. strikes in Somalia are usually carried out by armed drones.", "", "a history")])
def _history(s: SentenceState) -> str | None:
    if s.when.phrase:
        return None
    # A source's words of a habit are no event either ("The jets from Morozovsk regularly drop glide bombs on
    # Kharkiv, the General Staff said"); its other histories may be its own reasons for an attack it tells.
    found = _HISTORY_RE.search(s.content) if s.att is None or s.att.verb == CARRIED else None
    if found is None and s.att is not None and s.att.verb.lower() in ("claimed", "claims"):
        # "Jaish al-Adl ... has claimed a string of attacks, including a raid in Rask": the source's own record
        found = _HISTORY_RE.search(s.sentence.text, s.att.claimant_end)
    if found is None and s.strike is not None:
        # the habit is the attack's own: said before its word in its clause ("regularly drop glide bombs"), not
        # a clause after it ("bombers, which are regularly used to launch cruise missiles")
        lo = s.sentence.start + s.cs
        habit = _HABIT_RE.search(s.doc.text, lo, s.strike.start)
        if habit is not None and _ARTICLE_BEFORE_RE.search(s.doc.text, max(lo, habit.start() - 4), habit.start()):
            habit = None  # "a usually quiet city": an adverb of the adjective after it
        if habit is not None and (not _CLAUSE_BREAK_RE.search(s.doc.text, habit.end(), s.strike.start)
                                  or _HABIT_VERB_RE.match(s.doc.text, habit.end()) or habit.group().lower().startswith("use")):
            found = habit  # (or said of a strike verb of its own: "regularly shell Nikopol, ... and target")
        elif (habit := _HABIT_AFTER_RE.match(s.doc.text, s.strike.end)) is not None:  # "is targeted regularly by"
            found = habit
    return s.drop(f"a history, not an event: {found.group()!r}") if found else None


_ARTICLE_BEFORE_RE = re.compile(r"\b(?:a|an|the)\s+\Z", re.IGNORECASE)
_HABIT_VERB_RE = re.compile(r"\s+(?:shell|strike|bomb|hit|target|attack|pound|fire|launch|drop|use|send)\w*\b", re.IGNORECASE)
_HABIT_AFTER_RE = re.compile(r"\s+(?:usually|typically|routinely|regularly|habitually|frequently|daily|nightly|"
                             r"(?:almost|nearly) (?:daily|nightly|every day|every night)|on a daily basis)\b", re.IGNORECASE)
_CLAUSE_BREAK_RE = re.compile(r"[,;:]|\b(?:which|who|that|while|but|and)\b", re.IGNORECASE)


@STEPS.rule(129, "a war's toll", decides="no claim",
            why="the dead counted since a war or an operation began ('Since the start of the Gaza war, more than 850 "
                "Palestinians have been killed in the West Bank'): a war's sum, not an attack that happened",
            examples=[Example("Since the start of the Gaza war, more than 850 Palestinians have been killed in the West Bank, "
                              "according to the health ministry, while 30 Israelis have been killed in rocket attacks.",
                              "", "a war's toll"),
                      Example("Before Wednesday, at least 650 Palestinians had been killed in the West Bank since the start "
                              "of the war, many of them in clashes with troops during raids.", "", "a war's toll")])
def _war_toll(s: SentenceState) -> str | None:
    since = _SINCE_WAR_RE.search(s.sentence.text)
    if since is None or not _TOLL_SO_FAR_RE.search(s.sentence.text):
        return None
    return s.drop(f"a war's toll: {since.group()!r}")


# "Since the start of the Gaza war", "since the war began", "since October 2023": the time a toll counts from.
_SINCE_WAR_RE = re.compile(
    r"\bsince\s+(?:(?:the\s+)?(?:start|beginning|outbreak|onset)\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}"
    r"(?:war|conflict|fighting|offensive|invasion|operation|campaign|hostilities|uprising)\b"
    r"|(?:the\s+)?(?:[\w'’-]+\s+){0,2}(?:war|conflict|fighting|offensive|invasion|operation|hostilities|uprising)\s+"
    r"(?:first\s+)?(?:began|started|erupted|broke out)\b)", re.IGNORECASE)
# A sum of the dead so far: "have been killed", "has killed more than".
_TOLL_SO_FAR_RE = re.compile(r"\b(?:have|has|had)\s+(?:now\s+)?(?:been\s+)?(?:killed|died|wounded|injured)\b", re.IGNORECASE)


# How the narrator tells of a history or a habit rather than of an attack that happened.
_HISTORY_RE = re.compile(
    r"\b(?:usually|typically|generally|normally|often|routinely|traditionally)\b|"
    r"\b(?:has|have)\s+(?:long\s+|repeatedly\s+|also\s+|frequently\s+|often\s+)?(?:continued to carry out|"
    r"continued to launch|continued to stage|kept up|carried out|conducted|launched|"
    r"staged|mounted|waged|claimed|stepped up|intensified|escalated|responded with|retaliated with)\s+"
    r"(?:[\w-]+\s+){0,3}(?:attacks|strikes|bombings|raids|campaigns?)\b|"
    r"\b(?:has|have)\s+(?:increasingly|repeatedly|long|frequently|often)\s+(?:used|relied on|turned to)\s+(?:[\w-]+\s+){0,2}"
    r"(?:drones|air ?strikes|airstrikes|jets|warplanes|aircraft|helicopters|artillery|missiles)\b|"
    r"\b(?:has|have|had)\s+been\s+(?:the\s+)?(?:target|targets|scene|site)\s+of\s+(?:repeated|frequent|regular|numerous|"
    r"several|many|multiple|countless|dozens\s+of|hundreds\s+of)\b|"
    r"\b(?:attacks|strikes|bombings|raids|shelling)\s+(?:[\w-]+\s+){0,3}(?:have|has|had)\s+(?:\w+\s+)?(?:declined|fallen|dropped|"
    r"decreased|increased|risen|surged|grown|doubled|tripled|slowed)\b", re.IGNORECASE)


# What a source says happens as a habit (the adverbs that never tell one attack).
# "Russian forces use the border areas to fire artillery at towns": what a side does, in the present
_HABIT_RE = re.compile(r"\b(?:usually|typically|routinely|regularly|habitually|frequently)\b"
                       r"|\b(?:has|have)\s+increasingly\b"
                       r"|\b(?:use|uses)\s+(?:[\w-]+\s+){0,5}?to\s+(?:fire|launch|strike|shell|bomb|attack|target|hit)\b",
                       re.IGNORECASE)


@STEPS.rule(130, "claims", decides="one claim per group of places",
            why="each group of strike places, with the targets written before it; the article's own narration only "
                "when it locates a concrete strike",
            examples=[Example("Activists said jets struck a command post in Hama and a camp in Idlib.", "", "2 claim(s)")])
def _claims(s: SentenceState) -> str | None:
    s.claims = _segment_claims(s)
    return f"{len(s.claims)} claim(s)" if s.claims else s.drop("no place, target or casualty to claim")


@STEPS.rule(135, "the reports a denial names", decides="the reports' own claims",
            why="a denial of reports it names ('denied reports in Indian media that missiles had struck Sialkot'): "
                "those who reported it claim what is denied",
            examples=[Example("Tarar denied reports in Indian media that missiles had struck a base in Sialkot.", "",
                              "asserted by: Indian media")])
def _denied_reports(s: SentenceState) -> str | None:
    if not s.claims or s.att is None or not s.att.denial:
        return None
    found = _REPORTS_BY_RE.match(s.sentence.text, s.att.content_start)
    if found is None:
        return None
    start, end = s.sentence.start + found.start("who"), s.sentence.start + found.end("who")
    reporter = Source(found.group("who"), found.group("who"), (start, end), s.mentions)
    copies = [replace(c, claim_id=_claim_id(s.doc.article.id, s.sentence, s.id_offset + len(s.claims) + k), claimant=reporter.name,
                      claimant_type=reporter.type, claimant_country=reporter.country, stance="asserts",
                      claimant_actor=canonical_actor(reporter.name, reporter.country))
              for k, c in enumerate(s.claims) if c.stance == "denies"]
    s.claims = [*s.claims, *copies]
    return f"asserted by: {reporter.name}" if copies else None


# "denied reports in Indian media that", "rejected reports by the SDF that": who reported what is denied
_REPORTS_BY_RE = re.compile(r"\s*(?:the\s+)?reports?\s+(?:in|by|from)\s+(?P<who>(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,4}?)"
                            r"\s+that\b", re.IGNORECASE)


@STEPS.rule(140, "an attack told only around it", decides="kept inside the article's theatre",
            why="claims whose attack only the paragraph or headline told of, or placed outside their reported words, keep "
                "the places in the countries the article's other claims are in",
            examples=[Example("Air strikes pounded Idlib on Tuesday. A market in Ariha was hit.", "", "theatre")])
def _told_around(s: SentenceState) -> str | None:
    if s.claims and (s.fronted is not None or (s.attacks and all(a.from_context for a in s.attacks))
                     or (not s.attacks and s.strike is not None and s.strike.from_context)):
        s.generic.update(c.claim_id for c in s.claims)
        return "kept inside the article's theatre"
    return None


# The dead of a whole war, or of fighting on the ground: no attack's toll.
_WAR_TOLL_RE = re.compile(
    r"\b(?:war|conflict|fighting|uprising|violence|crisis|unrest|insurgency|battle|clashes|offensive)\b[^.;]{0,60}?\b"
    r"(?:has|have|had)\s+(?:\w+\s+)?(?:killed|claimed|cost|left)|\bsince\s+(?:the\s+)?(?:\w+\s+)?(?:war|conflict|uprising|"
    r"crisis|fighting|revolution|unrest)\s+(?:first\s+)?(?:began|started|erupted|broke out)|\bsince\s+(?:(?:early|mid-?|late)\s*)?"
    r"(?:March\s+)?20\d\d\b|\bsince\s+(?:(?:early|mid-?|late)\s*)?(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+(?:last\s+year|20\d\d)\b|\bsince\s+the\s+(?:start|beginning|outbreak)\s+of\b|\b(?:died|killed|dead)\s+in\s+(?:the\s+)?(?:\w+\s+)?(?:combat|fighting|clashes|battles?)\b",
    re.IGNORECASE)


# The dead of a war, a conflict or an operation on the ground, not of one attack.
_WAR_DEAD_RE = re.compile(r"\b(?:war|conflict|uprising|operation|assault|offensive|fighting|clashes|since)\b", re.IGNORECASE)


def _casualties(s: SentenceState) -> Casualties:
    """The first casualty figure in the reported words, if they tell of harm."""
    content = s.content
    if not tells_of_harm(content):
        return NONE
    lo, hi = s.content_span
    otherwise = spoken_of_otherwise(s.doc, s.si)  # "The October 7 attack killed 1,200": no toll of this attack
    figure = next((f for f in s.doc.numbers(s.si) if lo <= f.start and f.end <= hi
                   and not any(a <= f.start < b for a, b in otherwise)), None)
    return casualties(figure, s.doc.text[figure.end:min(figure.end + 40, hi)]) if figure else NONE


def _segment_claims(s: SentenceState) -> list[Claim]:
    article, doc, sentence = s.doc.article, s.doc, s.sentence
    harm = s.harm
    count = harm.minimum if harm.minimum is not None else harm.maximum
    out: list[Claim] = []
    told = _told_plainly(s)
    claimed: set[tuple[str, str]] = set()  # (stance, place) the sentence's claims so far hold
    unplaced = _unplaced_sites(s)
    for places, chosen in segments(s.roles, s.targets, s.content_span):
        if not places and unplaced and not out:
            places = unplaced  # "the strike on the village of Urum al-Joz": kept, with the words, for a reviewer to place
        if not places and chosen and not out:
            places = _speakers_own_site(s, chosen)
        if not _worth_keeping(s.att, places, chosen, count, s.strike, told, bool(s.when.phrase), s.dead_after_attack):
            continue
        stance = ("denies" if s.denial and not (s.asserted_from is not None and places and places[0].start > s.asserted_from)
                  or (s.denied_from is not None and places and places[0].start > s.denied_from) else "asserts")
        # A place named again in the same words ("in the Pokrovsk direction ... near Pokrovsk") is the
        # same claim: a second point only where the words add a target of their own.
        fresh = _first_naming(places, stance, claimed)
        target_keys = {(stance, f"target@{t.start}") for t in chosen}
        if places and not fresh and target_keys <= claimed:
            continue
        claimed |= target_keys
        places = fresh or places
        striker, striker_country = _segment_striker(s.strikers, places)
        event_type = _segment_event_type(s, places, stance)
        target_text = _target_text(doc.text, chosen)
        # "on the south-western edge of Yemen's capital": the capital, not the country
        places = [capital_of(m) if m.place is not None and m.place.precision == "country"
                  and _CAPITAL_AFTER_RE.match(doc.text, m.end) else m for m in places]
        if places and _AIRPORT_TARGET_RE.match(target_text):  # "missiles slammed into the airport": the town's airport
            places = [town_airport(m) for m in places]
        near_target = _near_target(doc.text, chosen, places, s.content_span)
        place_countries = {m.place.country for m in places if m.place}
        out.append(Claim(
            claim_id=_claim_id(article.id, sentence, s.id_offset + len(out)),
            article=article.id,
            article_title=article.title,
            article_url=article.url,
            published=article.published,
            source=article.source,
            claimant=s.source.name,
            claimant_type=_relative_type(s.source, place_countries, striker_country),
            claimant_country=s.source.country,
            striker=striker,
            striker_country=striker_country,
            target=target_text,
            target_category="; ".join(dict.fromkeys(t.category for t in chosen)),
            target_affiliation=affiliation(target_text, near_target) if chosen else "",
            stance=stance,
            casualties=count,
            casualties_min=harm.minimum,
            casualties_max=harm.maximum,
            casualty_type=harm.type,
            casualty_phrase=harm.phrase,
            event_date=s.when.date,
            date_precision=s.when.precision,
            date_phrase=s.when.phrase,
            trigger=(_segment_word(s, places) or s.strike).text if s.strike else "",
            sentence=sentence.text,
            sentence_start=sentence.start,
            sentence_end=sentence.end,
            places=tuple(places),
            event_type=event_type,
            claimant_actor=canonical_actor(s.source.name, s.source.country),
            qualifiers=tuple((r.mention.start, r.qualifier, r.distance_km) for r in s.roles
                             if r.qualifier and r.role == "strike" and any(r.mention is m for m in places)),
        ))
    return out


# A target that is a town's airport and nothing else: "the airport", "the city's international airport".
_AIRPORT_TARGET_RE = re.compile(r"(?:the\s+|its\s+|the\s+(?:city|town|capital)['’]s\s+)?(?:main\s+|international\s+|civilian\s+)?"
                                r"airport\b(?!\s+(?:road|hotel|district|area|roundabout)\b)(?:(?!\band\b).)*$", re.IGNORECASE)


def _speakers_own_site(s: SentenceState, chosen: list[Target]) -> list[Mention]:
    """"The director of Kamal Adwan hospital in Beit Lahia says shells hit the hospital": where the building the
    source speaks for stands, when the target is that building and the sentence names no other place."""
    found = _OWN_SITE_RE.search(s.source.phrase)
    if found is None:
        return []
    noun = found.group(1).lower()
    if not any(re.search(rf"\b(?:the|its|our|their)\s+{noun}\b", s.doc.text[t.start:t.end], re.IGNORECASE) for t in chosen):
        return []
    at = s.source.span[0] + found.end()
    return [m for m in s.source.mentions if m.start == at and m.place is not None and m.literal
            and m.place.precision in ("locality", "site")][:1]


# A source who speaks for a building, and where it stands: "the director of Kamal Adwan hospital in Beit Lahia".
_OWN_SITE_RE = re.compile(r"\b(hospital|clinic|school|mosque|church|university|shelter|bakery|camp)\s+in\s+(?=[A-Z])",
                          re.IGNORECASE)


def _unplaced_sites(s: SentenceState) -> list[Mention]:
    """Places the reported words call a village, town or district ("the village of Tlajabin") that the
    gazetteer cannot place: where the strike was, as written, when the sentence names no place it can."""
    lo, hi = s.content_span
    return [r.mention for r in s.roles if r.mention.place is None and lo <= r.mention.start and r.mention.end <= hi
            and _KIND_OF_NAME_RE.match(r.mention.text)]


# "village of Tlajabin", "the town of Kafr Nuranat": the words that say an unknown name is a place.
_KIND_OF_NAME_RE = re.compile(r"(?:the\s+)?(?:" + "|".join(sorted(PLACE_TYPE_WORDS)) + r")\s+of\s+[A-Z\u00C0-\u024F]",
                              re.IGNORECASE)


def _first_naming(places: list[Mention], stance: str, claimed: set[tuple[str, str]]) -> list[Mention]:
    """The places of a segment the sentence's earlier claims of this stance do not hold yet,
    each once; ``claimed`` takes them in."""
    fresh = []
    for m in places:
        key = (stance, m.place.place_id if m.place is not None else m.text.lower())
        if key not in claimed:
            claimed.add(key)
            fresh.append(m)
    return fresh


def _segment_word(s: SentenceState, places: list[Mention]) -> AttackWord | None:
    """The attack word a segment's places belong to: the last one before its first place, else the first."""
    if not s.attacks:
        return None
    first = places[0].start if places else None
    before = [a for a in s.attacks if first is not None and a.start < first]
    if len(before) >= 2 and before[-2].interception and not before[-1].interception and len(
            s.doc.text[before[-2].end:before[-1].start].split()) <= _SHOT_DOWN_OBJECT_WORDS:
        return before[-2]  # "intercepted and destroyed an explosive-laden drone over Jazan": what was shot down
    return before[-1] if before else s.attacks[0]


_SHOT_DOWN_OBJECT_WORDS = 2  # words between an interception verb and the weapon it names: "an", "Iranian-made"


def _segment_event_type(s: SentenceState, places: list[Mention], stance: str = "asserts") -> str:
    """The kind of attack a segment's claim tells of: its attack word's, else any word's of the
    sentence that says, else what its paragraph told (the dead of an attack told before). A
    denial denies a hit, not an interception ("drones were shot down over Millerovo but the air
    base had not been hit")."""
    word = _segment_word(s, places)
    if word is not None and word.event_type and not (stance == "denies" and word.interception):
        return word.event_type
    typed = next((a.event_type for a in s.attacks if a.event_type and not a.interception), "")
    return typed or (s.strike.event_type if s.strike is not None else "")


def _near_target(text: str, chosen: list[Target], places: list[Mention], content: tuple[int, int]) -> str:
    """Words after the target that may say whose it was, up to the segment's own places."""
    if not chosen:
        return ""
    end = chosen[-1].end
    limit = max(m.end for m in places) if places and places[-1].start > end else content[1]
    return words_after(text, end, limit)


def _segment_striker(strikers: list[tuple[int, str, str]], places: list[Mention]) -> tuple[str, str]:
    """The last striker named before the segment's places, else the first one named."""
    if not strikers:
        return "", ""
    first = places[0].start if places else None
    before = [s for s in strikers if first is not None and s[0] < first]
    _, phrase, country = before[-1] if before else strikers[0]
    return phrase, country


def _worth_keeping(att, places, targets, casualties, strike, told: bool, dated: bool = False,
                   dead_after_attack: bool = False) -> bool:
    """Whether a segment makes a claim: something concrete (a place, a target, a toll), or an
    attack the sentence tells of plainly ("Then violence erupted: shelling and then airstrikes"),
    kept with no place rather than dropped."""
    if att is None or att.verb == CARRIED:  # narration (a source carried on vouches for nothing more): a
        # strike word of its own, and something concrete
        # (a village the gazetteer lacks is as concrete as one it has)
        located = any(m.place is None or m.place.precision in ("locality", "site") for m in places) or (
            places and any(t.specific for t in targets))
        if strike is None:  # a named source's dead, counted town by town right after its attack: "One person was killed in X"
            return bool(att is not None and dead_after_attack and casualties is not None
                        and any(m.place is not None and m.place.precision in ("locality", "site") for m in places))
        return bool(located or (not strike.from_context and (any(t.specific for t in targets) or casualties is not None))
                    # nor a country named in passing; the narrator's own plain account needs a time ("on Monday")
                    or (told and not places and dated))
    return bool(places or targets or casualties is not None or told)


def _told_plainly(s: SentenceState) -> bool:
    """An attack word sure of itself, said as done: not 'would strike', 'threatened to bomb', 'if'."""
    word = s.strike
    if word is None or not word.sure or word.interception or word.text.lower().endswith(("ers", "er")):
        return False  # nor "suicide bombers", "attackers": people, not an attack
    before = s.doc.text[max(s.sentence.start, word.start - _MODAL_REACH):word.start]
    return (_MODAL_RE.search(before) is None and _MODAL_AFTER_RE.match(s.doc.text, word.end) is None
            and _REACTION_RE.search(before) is None)  # nor "condemned the air strikes": a reaction


_MODAL_REACH = 60  # characters before the attack word
# A verb of what may come right before an attack word: "would stop air strikes", "threatened to
# bomb", "if the jets strike" (not "may have struck": a hedged report is a claim).
_MAY_COME_RE = re.compile(
    r"\b(?:would|could|will|shall|might|may|must|should|can|cannot|won't|wouldn't|threaten\w* to|vow\w* to|"
    r"plan\w* to|prepar\w* to|ready to|intend\w* to|seek\w* to|aim\w* to|wants? to|"
    r"(?:capacity|capability|capabilities|ability|abilities|means|power|able) to|"
    r"(?:has|have|had|is|are|was|were|been|being) (?:also )?used (?:[\w-]+ ){0,3}?to|"
    r"(?:permission|permitted|allowed|authori[sz]ation|authori[sz]ed|approval|go-ahead|green light|right|clearance) to|if|unless|fear\w*|warn\w* of|(?:in order |so as )?to "
    r"(?=launch|carry out|conduct|stage|mount)|(?:order|instruct|direct)(?:ed|s)?\s+(?:[\w-]+\s+){0,4}?to)\s*"
    r"(?:(?:not|also|soon|further|continue to|continue|keep|keep on|go on|be able to|try to|attempt to|start|begin|stop|halt|end|resume|carry out|launch|conduct|"
    r"step up|intensify|expand|escalate|widen|use|allow|permit|the|a|an|its|their|more|new|any)\s+){0,3}$", re.IGNORECASE)


def _said_as_done(text: str, floor: int, word: AttackWord) -> bool:
    """Whether an attack word tells of an attack said as done, not one that may come, nor attacks told
    before whose effects are told ("the bombings have disrupted the distribution of aid around Sagaing")."""
    if (text.startswith(_HAVE_AFTER, word.end) and _EFFECT_AFTER_RE.match(text, word.end)
            and _KNOWN_BEFORE_RE.search(text, max(floor, word.start - 12), word.start)):
        return False
    if _PLANNED_WORD_RE.search(text, word.end, word.end + _PLANNED_REACH) and _PLANNED_AFTER_RE.match(text, word.end):
        return False  # "from where many attacks on the capital are planned"
    if _NOT_YET_RE.search(text, max(floor, word.start - _MODAL_REACH), word.start):
        return False  # "a staging post for the long-awaited assault on Mosul"
    if _UNTIL_RE.search(text, max(floor, word.start - _MODAL_REACH), word.start):
        return False  # "the operation will continue until the rebels are destroyed": a goal
    if (word.text.lower().startswith(("explosion", "blast")) and
            _NONE_BEFORE_RE.search(text, max(floor, word.start - _MODAL_REACH), word.start)):
        # "they had heard the sound of aircraft overnight, but no explosions" (not "no missile struck the base":
        # a denial, its source's claim)
        return False
    may_come = _MAY_COME_RE.search(text, max(floor, word.start - _MODAL_REACH), word.start)
    # "it was unclear if the raids on the Marjeh district were carried out by Syrian or Russian jets": the raids
    # were made; only who made them is asked
    return may_come is None or (_ASKED_WHO_BEFORE_RE.search(text, max(floor, may_come.start() - 24), may_come.end()) is not None
                                and _ASKED_WHO_AFTER_RE.match(text, word.end) is not None)


# An attack whose maker is in question, not whether it was made.
_ASKED_WHO_BEFORE_RE = re.compile(r"\b(?:unclear|not (?:immediately )?clear|not known|unknown|uncertain|not say|not said)\s+"
                                  r"(?:if|whether)\s+(?:the|these|those)\s+$", re.IGNORECASE)
_ASKED_WHO_AFTER_RE = re.compile(r"[^.;:!?]{0,80}?\b(?:was|were|had been|have been)\s+(?:carried out|conducted|launched|"
                                 r"fired|mounted|staged|made|dropped)\s+by\b", re.IGNORECASE)


# An attack said not to have happened: "but no explosions", "not a single strike".
_NONE_BEFORE_RE = re.compile(r"\b(?:no|not any|not a single|without any)\s+(?:further\s+|more\s+|new\s+|other\s+)?$",
                             re.IGNORECASE)
# An attack still to come, named by what is awaited of it: "the long-awaited assault", "an expected offensive".
_NOT_YET_RE = re.compile(r"\b(?:long-awaited|long-planned|long-expected|much-anticipated|planned|expected|anticipated|upcoming|"
                         r"forthcoming|impending|looming|imminent|eventual|future|threatened|potential)\s+(?:[\w-]+\s+)?$",
                         re.IGNORECASE)


_UNTIL_RE = re.compile(r"\b(?:until|till)\s+(?:[\w'’-]+\s+){0,4}?(?:are|is|have been|has been)\s+$", re.IGNORECASE)
_HAVE_AFTER = (" have ", " has ", " had ")
_PLANNED_WORD_RE = re.compile(r"planned|plotted|prepared|organi[sz]ed|masterminded|coordinated")
_PLANNED_REACH = 60  # characters after the attack word its "are planned" stands in
_PLANNED_AFTER_RE = re.compile(r"\s+(?:[\w-]+\s+){0,4}?(?:are|is|were|was|being|get|gets|had been|have been)\s+"
                               r"(?:planned|plotted|prepared|organi[sz]ed|masterminded|coordinated)\b", re.IGNORECASE)
_KNOWN_BEFORE_RE = re.compile(r"\b(?:the|these|those|such)\s+$", re.IGNORECASE)
_EFFECT_AFTER_RE = re.compile(r"\s+(?:have|has|had)\s+(?:also\s+|further\s+|repeatedly\s+)?(?:disrupted|hampered|hindered|"
                              r"forced|displaced|driven|prevented|slowed|halted|complicated|cut off|deterred)\b", re.IGNORECASE)
_MODAL_RE = re.compile(r"\b(?:would|could|will|may|might|shall|should|must|can|threat\w*|vow\w*|plan\w*|prepar\w*|ready|"
                       r"if|unless|whether|risk\w*|fear\w*|warn\w*|avoid\w*|prevent\w*|stop\w*|against|no|any|possible)"
                       r"\b(?:\W+\w+){0,4}\W*$", re.IGNORECASE)
_MODAL_AFTER_RE = re.compile(r"\s+(?:would|could|will|may|might|threat\w*|are|is)\b", re.IGNORECASE)  # nor "barrel bombs are crude weapons"


def _target_text(text: str, chosen: list[Target]) -> str:
    if not chosen:
        return ""
    phrase = text[chosen[0].start : chosen[-1].end].split("|", 1)[0]  # (in a table row, the first target's cell)
    # The targets of one clause: not on into what happened to them or into another clause ("a house in the Afghan
    # Dubai area was destroyed, while in Barmal the bombs fell on homes" -> "a house in the Afghan Dubai area")
    brk = _TARGET_BREAK_RE.search(phrase, chosen[0].end - chosen[0].start)
    if brk is not None:
        phrase = phrase[:brk.start()]
    return phrase.strip(" ,“”\"‘’'")


_TARGET_BREAK_RE = re.compile(r";|,\s+(?:while|whereas|but|and that|killing|wounding|injuring|leaving|according|damaging|"
                              r"destroying|setting)\b"
                              r"|,?\s+(?:was|were|had been|has been|have been)\s+(?:\w+ly\s+)?(?:\w+ed|hit|struck|shot|torn|"
                              r"blown|burnt)\b", re.IGNORECASE)


def _relative_type(source: Source, place_countries: set[str], striker_country: str) -> str:
    """Governments other than the struck country's and the striker's are foreign governments.

    With no struck country named nothing says so; nor when a military tells of strikes by
    nobody named ("the Israeli military said jets struck Nabatieh"): its own."""
    struck = place_countries - {""}
    if source.type not in (vocab.GOVERNMENT, vocab.MILITARY) or not source.country or not struck:
        return source.type
    if source.type == vocab.MILITARY and not striker_country:
        return source.type
    return vocab.FOREIGN_GOVERNMENT if source.country not in struck | {striker_country} else source.type


_JOINER_CHARS = 12  # ", whereas " and the spaces around it
NARRATED_IDS = 100  # the claims of a narrated clause before a source's are numbered from here: the others keep their ids
# The narrator's clause ends where another clause brings in a source: "..., while Syrian state media said"
_REPORTING_RE = re.compile(r"\b(?:said|says|say|claim(?:s|ed)?|report(?:s|ed)?|announced|stated|told|according)\b",
                           re.IGNORECASE)
_SOURCE_CLAUSE_RE = re.compile(r"(?:,\s+(?:while|whereas|as)|;)\s+$", re.IGNORECASE)


def _narrated_clause(doc: Doc, si: int, att: Attribution | None) -> Attribution | None:
    """The narrator's own clause before a source's ("Israeli warplanes struck the Hama airport and the T4
    airbase, while Syrian state media said nine people were killed in Daraa"), when it tells of an
    attack: an attribution of the article's own voice, up to the clause's end."""
    if att is None or att.verb == CARRIED or att.claimant_start <= 0 or att.content_start < att.claimant_end:
        return None
    sentence = doc.sentences[si]
    joined = _SOURCE_CLAUSE_RE.search(sentence.text, max(0, att.claimant_start - _JOINER_CHARS), att.claimant_start)
    if joined is None:
        return None
    end = joined.start()
    if _REPORTING_RE.search(sentence.text, 0, end) or not any(a.end <= sentence.start + end for a in doc.attacks(si)):
        return None  # (not "Houthis claim a drone attack on Eilat; Israel says ...": a clause with its own source)
    return Attribution("", 0, 0, 0, end, CARRIED, False)


SECOND_SOURCE_IDS = 200  # the claims of a second source's clause are numbered from here: the first clause's keep their ids
# "..., the health ministry said, while a separate strike on ... killed 15 people, according to medics": right after
# the first source's verb (and when it spoke), a clause of its own
_SECOND_CLAUSE_RE = re.compile(r"(?:\s+(?:on\s+)?\w+day)?\s*,\s+(?:while|whereas)\s+", re.IGNORECASE)


def _second_source(doc: Doc, si: int, att: Attribution | None) -> tuple[Attribution, Attribution] | None:
    """A sentence whose clause after the first source's words has its own source ("Israeli air strikes hit
    Jabalia, the health ministry said, while a separate strike in Nuseirat killed 15 people, according to
    medics"): the first source's attribution cut at the joiner, and the second's, both sentence-relative."""
    if att is None or att.verb == CARRIED:
        return None
    text = doc.sentences[si].text
    if att.claimant_start <= 0 and att.content_start >= att.claimant_end:
        # "Palestinian health officials said an Israeli strike ... killed 12 people; the Israeli military said it had
        # targeted a Hamas commander": a second source after a semicolon
        return _second_speaker_inside(text, att) if ";" in text[att.content_start:att.content_end] else None
    if att.claimant_start <= 0 or att.content_end <= att.claimant_end:
        return None
    verb_end = text.find(att.verb, att.claimant_end)
    joined = _SECOND_CLAUSE_RE.match(text, verb_end + len(att.verb)) if verb_end >= 0 else None
    if joined is None:
        return _second_speaker_inside(text, att)
    rest = text[joined.end():]
    second = find_attribution(rest)
    if second is None or second.verb == CARRIED:
        return None
    return replace(att, content_end=min(att.content_end, joined.start())), _shifted(second, joined.end())


def _shifted(att: Attribution, shift: int) -> Attribution:
    """An attribution found in the rest of a sentence, its offsets made the whole sentence's."""
    return replace(att, claimant_start=att.claimant_start + shift, claimant_end=att.claimant_end + shift,
                   content_start=att.content_start + shift, content_end=att.content_end + shift)


def _second_speaker_inside(text: str, att: Attribution) -> tuple[Attribution, Attribution] | None:
    """A second source opening a clause of its own inside the first one's words ("the Israeli army said it had
    hit targets around Tyre, and the National News Agency reported strikes on the town of Qana"): the first
    source's words end at the joiner."""
    if att.content_start < att.claimant_end:
        return None
    for joiner in _SPEAKER_JOINER_RE.finditer(text, att.content_start, att.content_end):
        rest = text[joiner.end():]
        second = find_attribution(rest)
        if (second is None or second.verb == CARRIED or second.claimant_start != 0
                or actor_in(second.claimant) is None or second.content_start <= second.claimant_end):
            continue
        return replace(att, content_end=joiner.start()), _shifted(second, joiner.end())
    return None


_SPEAKER_JOINER_RE = re.compile(r"(?:,\s+(?:and|while|but|whereas)|;(?:\s+(?:but|while|whereas))?)\s+(?=(?:the\s+)?[A-Z])"
                                # "..., and in the Bint Jbeil area near the border, where the National News Agency said"
                                r"|,\s+and\s+(?:in|at|near|around|on)\s+[^,;]{3,60},\s+where\s+(?=(?:the\s+)?[A-Z])")


# -- the extractor -----------------------------------------------------------------------
class ClaimExtractor:
    """Extracts :class:`Claim` objects from documents: the claim stage of the pipeline."""

    def __init__(self) -> None:
        # The last text screened and the answer: extract() after may_claim() does not screen twice.
        self._screened: tuple[str, bool] | None = None

    def may_claim(self, text: str) -> bool:
        """False when ``text`` tells of no strike: no strike word anywhere, no list of targets.

        Such a text holds no claim (the dead it counts are no strike's: a fire, a
        crash), and need not be geoparsed.
        """
        if self._screened is None or self._screened[0] is not text:
            self._screened = (text, tells_of_a_strike(text))
        return self._screened[1]

    def __call__(self, doc: Doc) -> Doc:
        """Add the claims of ``doc`` (whose places are resolved) to it."""
        doc.claims = self.extract(doc.article, doc)
        return doc

    def extract(self, article: Article, doc: Doc | None = None) -> list[Claim]:
        if not self.may_claim(article.text):
            return []
        if doc is None:
            doc = parse(article.text, article)
        doc.article = article
        # A headline is not anybody's claim.
        first = 1 if doc.sentences and doc.sentences[0].text.strip() == article.title else 0
        speakers = Speakers(doc, first)
        narrator = (_headline_narrator(article.title, speakers, first) or byline_source(doc, first)
                    or publisher_source(article.source) or self_named_publisher(doc, first) or release_narrator(article, doc)
                    or outlet_narrator(article, doc))
        claims: list[Claim] = []
        generic: set[str] = set()  # claims whose only strike word is "attack(s)", nothing aerial beside it
        worded = sentences_with_claim_words(doc.text, doc.sentences)
        for si in range(first, len(doc.sentences)):
            if worded is not None and not worded[si]:
                continue
            att, source = speakers.speaker(si) or (None, None)
            told = _narrated_clause(doc, si, att)
            if told is not None:  # "Israeli jets hit the T4 airbase, while Syrian media said ...": the narrator's own
                state = SentenceState(doc, si, first, told, None, narrator, speakers, generic, earlier=claims,
                                      id_offset=NARRATED_IDS)
                STEPS.run_all(state, doc.trace, si, stop=SentenceState.is_dropped)
                claims.extend(state.claims)
            second = _second_source(doc, si, att)
            if second is not None:  # "..., the ministry said, while ... killed 15 people, according to medics"
                att, other = second
                state = SentenceState(doc, si, first, other, speakers.source_of(si, other), narrator, speakers, generic,
                                      earlier=claims, id_offset=SECOND_SOURCE_IDS)
                STEPS.run_all(state, doc.trace, si, stop=SentenceState.is_dropped)
                claims.extend(state.claims)
            state = SentenceState(doc, si, first, att, source, narrator, speakers, generic, earlier=claims)
            STEPS.run_all(state, doc.trace, si, stop=SentenceState.is_dropped)
            claims.extend(state.claims)
        return _theatre_only(claims, generic, doc.countries) if generic else claims


def extract_claims(article: Article, doc: Doc | None = None) -> list[Claim]:
    return ClaimExtractor().extract(article, doc)


def explain(article: Article, extractor: ClaimExtractor | None = None, geoparser=None) -> Doc:
    """The article's document with its claims and a :class:`~geo.claims.rules.Trace` of every
    rule that fired (``strikemap explain``)."""
    from ..geoparser import Geoparser

    doc = make_doc(article.text, article)
    doc.trace = Trace()
    (geoparser or Geoparser())(doc)
    (extractor or ClaimExtractor())(doc)
    return doc
