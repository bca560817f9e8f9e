"""The attack frame: which strike words in a sentence tell of an attack, and of what kind.

Claims are military attacks at a distance, typed after ACLED's "Explosions/Remote violence"
(``event_type``: air/drone strike, shelling/artillery/missile attack, remote explosive/IED,
suicide bomb, chemical weapon; and interception, when air defences shot weapons down). Some words tell of an
attack by themselves ("air strike", "shelled", "car bomb": ``certainty`` sure in
``triggers.csv``); the others ("hit", "struck", "targeted", "destroyed", "attack", "fired",
"blast") only with something military beside them: a weapon (``weapons.csv``), an armed
force or a war (``words.csv``: ``attack_agents``, ``war_setting``) in their sentence, or an
attack told in their paragraph or headline. Inside a phrase of ``not_attacks.csv`` ("struck
by a car", "hit a record high", "heart attack", "went on strike") no word tells of one.

Each strike word of a sentence goes through :data:`ATTACK_WORDS`, a rule set; the words it
keeps are the sentence's :class:`AttackWord` annotation (:meth:`geo.doc.Doc.attacks`).
"""
from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import vocab
from .attribution import QUOTE_PAIRS
from .rules import Example, RuleSet
from .scan import VocabularyScan

if TYPE_CHECKING:
    from ..doc import Doc

_PARAGRAPH_REACH = 3  # sentences back, inside the paragraph, an attack may be told in
_ARTICLE_AT_WAR = 3  # sure strike words in an article that make it an article about attacks


@dataclass(frozen=True)
class AttackWord:
    """A strike word that tells of an attack: its offsets in the text, the kind of attack, and why."""

    start: int
    end: int
    text: str
    event_type: str  # vocab.EVENT_TYPES, or "" when nothing says how
    evidence: str  # what made it an attack, in words
    from_context: bool = False  # only the paragraph or the headline said it was war
    strong: bool = True  # told by itself, or by a weapon, an armed force or a war beside it
    sure: bool = False  # told by itself or by a weapon beside it: an attack even with no place or target named

    @property
    def interception(self) -> bool:
        return self.event_type == vocab.INTERCEPTION

    def describe(self) -> str:
        return f"{self.event_type or 'an attack'} ({self.evidence})"

    def group(self) -> str:  # reads like the regular-expression match it stands for
        return self.text


@dataclass
class WordContext:
    """One strike word of a sentence, with what the rules look at around it."""

    doc: Doc
    si: int
    match: re.Match  # in the sentence's text
    pattern: vocab.Pattern

    @property
    def sentence(self):
        return self.doc.sentences[self.si]

    @property
    def kind(self) -> str:
        return self.pattern.label

    @property
    def certainty(self) -> str:
        return self.pattern.attrs.get("certainty", "")

    def word(self, event_type: str, evidence: str, from_context: bool = False, strong: bool = True,
             sure: bool = False) -> AttackWord:
        offset = self.sentence.start
        return AttackWord(offset + self.match.start(), offset + self.match.end(), self.match.group(),
                          event_type, evidence, from_context, strong and not from_context, sure and not from_context)

    def others(self, found: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
        """Matches that are not this word itself (a weapon noun is no evidence for itself)."""
        s, e = self.match.span()
        return [f for f in found if f[1] <= s or f[0] >= e]

    def nearest(self, found: list[tuple[int, int, str, str]]) -> tuple[int, int, str, str] | None:
        others = self.others(found)
        return min(others, key=lambda f: abs(f[0] - self.match.start())) if others else None


#: What a strike word tells of: the first rule that decides, from the top.
ATTACK_WORDS: RuleSet[WordContext] = RuleSet("attack word")


@ATTACK_WORDS.rule(10, "no attack in this phrase", decides="no attack",
                   why="the word stands in a phrase of not_attacks.csv: a crash, weather, crime, sport, the economy "
                       "or a figure of speech, a labour strike, an arms deal, an illness",
                   examples=[Example("A woman was struck by a car in Kharkiv during the war.", "struck", "no attack: vehicle"),
                             Example("Stock markets in Kyiv hit all-time highs despite the war.", "hit",
                                     "no attack: economy or figure of speech")])
def _not_an_attack(c: WordContext) -> str | None:
    s, e = c.match.span()
    for start, end, label, _ in _not_attacks(c.doc, c.si):
        if start <= s and e <= end:
            return f"no attack: {label}"
    return None


@ATTACK_WORDS.rule(12, "a word in scare quotes", decides="no attack",
                   why="a strike word quoted by itself is someone's figure of speech: 'accusing it of \"bombing\" the "
                       "hospital system with budget cuts'",
                   examples=[Example('Critics accused the ministry of "bombing" the health system with budget cuts during the war.',
                                     "bombing", "no attack: a word in scare quotes")])
def _scare_quoted(c: WordContext) -> str | None:
    text, (s, e) = c.match.string, c.match.span()
    if (0 < s and e < len(text) and text[s - 1] in _OPENING_MARKS and text[e] in _CLOSING_MARKS
            and " " not in c.match.group() and _ACCUSED_OF_RE.search(text, max(0, s - 40), s - 1)):
        return "no attack: a word in scare quotes"
    return None


# (only where the quoted word is what someone is accused of: a source's own word quoted, "pounded", is its claim)
_ACCUSED_OF_RE = re.compile(r"\b(?:accus\w+|charg\w+|guilty|blam\w+)\s+(?:\w+\s+){0,3}of\s+\Z", re.IGNORECASE)


_OPENING_MARKS = frozenset(QUOTE_PAIRS) | frozenset("‘'")  # (single quotes too: 'scare quotes' are often single)
_CLOSING_MARKS = frozenset(QUOTE_PAIRS.values()) | frozenset("’'")


@ATTACK_WORDS.rule(15, "damage told beside its cause", decides="no attack",
                   why="'their clinic was damaged after jets struck Saraqeb': the attack is the cause told after it",
                   examples=[Example("Their clinic in Ariha was damaged after Russian jets struck Saraqeb.", "was damaged",
                                     "no attack: damage told beside its cause")])
def _damage_beside_cause(c: WordContext) -> str | None:
    if c.match.group().lower().endswith("damaged") and _CAUSE_AFTER_RE.match(c.sentence.text, c.match.end()):
        return "no attack: damage told beside its cause"
    return None


_CAUSE_AFTER_RE = re.compile(r"\s+(?:after|when|as|while)\b", re.IGNORECASE)


@ATTACK_WORDS.rule(18, "a launch a relative clause says was shot down", decides="interception",
                   why="'fired a Scud missile at Khamis Mushait, which the Saudi defence ministry said had been "
                       "intercepted': what was fired was shot down, however sure the words of the launch",
                   examples=[Example("The agency said the rebels had fired a Scud missile at the Saudi city of Khamis "
                                     "Mushait, which the Saudi defence ministry said had been intercepted.",
                                     "fired a Scud missile", "interception")])
def _launch_then_shot_down(c: WordContext) -> AttackWord | None:
    if c.kind != vocab.STRIKE or _ATTACK_NOUN_RE.match(c.match.group()):
        return None
    which = _WHICH_SHOT_DOWN_RE.match(c.sentence.text, c.match.end())
    return c.word(vocab.INTERCEPTION, f"then {which.group(1)}") if which is not None else None


@ATTACK_WORDS.rule(20, "an attack by itself", decides="attack",
                   why="a sure strike word: 'air strike', 'shelled', 'car bomb', 'suicide bomber'",
                   examples=[Example("An air strike hit a market in Ariha.", "air strike", "air/drone strike")])
def _sure(c: WordContext) -> AttackWord | None:
    if c.kind != vocab.STRIKE or c.certainty != vocab.SURE:
        return None
    event_type = c.pattern.attrs.get("event_type") or _weapon_type(c)
    return c.word(event_type, "a strike word by itself", sure=True)


@ATTACK_WORDS.rule(30, "weapons shot down", decides="interception",
                   why="air defences at work ('air defences destroyed'), or 'shot down', 'intercepted' with a weapon "
                       "beside it: not a strike on the place named",
                   examples=[Example("Ukraine's air force said four missiles were shot down over the Poltava region.", "shot down over the",
                                     "interception")])
def _interception(c: WordContext) -> AttackWord | str | None:
    if c.kind != vocab.INTERCEPTION_WORDS:
        return None
    if c.certainty == vocab.SURE:
        return c.word(vocab.INTERCEPTION, "air defences")
    if _STRUCTURE_AFTER_RE.match(c.sentence.text, c.match.end()):
        # "NATO missiles brought down the last bridge across the Danube": a building felled is no weapon downed
        return "no interception: a structure brought down"
    weapon = c.nearest(_weapons(c.doc, c.si))
    return c.word(vocab.INTERCEPTION, f"weapon: {weapon[3]}") if weapon else "no attack: nothing shot down"


_STRUCTURE_AFTER_RE = re.compile(r"\s+(?:(?:the|a|an|two|three|four|several|its|their|his|her)\s+)?(?:[\w-]+\s+){0,3}?"
                                 r"(?:bridges?|span|buildings?|towers?|blocks?|houses?|homes?|roofs?|walls?|masts?|"
                                 r"minarets?|chimneys?|pylons?|dams?|ceilings?)\b", re.IGNORECASE)


@ATTACK_WORDS.rule(35, "the weapons then shot down", decides="interception",
                   why="a weapon or a launch in the subject of 'were intercepted', 'had been shot down': 'all the "
                       "rockets fired towards Haifa had been intercepted' tells of no hit on Haifa",
                   examples=[Example("The army said all the rockets fired towards the Haifa area had been intercepted.",
                                     "fired", "interception")])
def _then_shot_down(c: WordContext) -> AttackWord | None:
    if c.kind != vocab.STRIKE or c.certainty == vocab.SURE:
        return None
    text = c.sentence.text
    which = _WHICH_SHOT_DOWN_RE.match(text, c.match.end())
    if which is not None and not _ATTACK_NOUN_RE.match(c.match.group()):
        # "firing a Scud missile at Khamis Mushait, which the Saudi defence ministry said had been intercepted"
        return c.word(vocab.INTERCEPTION, f"then {which.group(1)}")
    after = _SHOT_DOWN_AFTER_RE.match(text, c.match.end())
    if after is None or _ATTACK_NOUN_RE.match(c.match.group()) or (
            _CLAUSE_BETWEEN_RE.search(after.group()) and not _AFTER_IT_RE.search(after.group())):
        # "12 strikes on Jabal al-Akrad since the plane was shot down": another clause's plane (but "debris of a
        # missile was found in a field after it was intercepted" is the missile's)
        return None
    return c.word(vocab.INTERCEPTION, f"then {after.group(1) or after.group(2)}")


@ATTACK_WORDS.rule(36, "blasts heard as air defences worked", decides="interception",
                   why="explosions heard where air defences engaged drones or missiles are the interceptions: "
                       "'Loud explosions were heard in Jammu and Amritsar as air defence units engaged drones'",
                   examples=[Example("Loud explosions were heard in Jammu and Amritsar as air defence units engaged drones.",
                                     "explosions", "interception"),
                             Example("Air defences shot down a drone near Erbil airport. Residents of Ainkawa said they heard "
                                     "a loud explosion and saw a flash in the sky.", "explosion", "interception"),
                             Example("Loud explosions are reported in Amritsar as air defence guns open up.", "explosions",
                                     "interception")])
def _heard_as_intercepted(c: WordContext) -> AttackWord | None:
    if c.kind != vocab.STRIKE or c.certainty == vocab.SURE or not _BLAST_NOUN_RE.fullmatch(c.match.group()):
        return None
    text, doc = c.sentence.text, c.doc
    if not (_HEARD_RE.match(text, c.match.end()) or _HEARD_BEFORE_RE.search(text, 0, c.match.start())):
        return None  # "explosions were heard", "they heard a loud explosion"
    # the air defences in its sentence, or in the next one when it is a heading ("Explosions heard in Jammu, Amritsar"),
    # or in the one before in its paragraph ("air defences had shot down a drone ... Residents heard a loud explosion")
    sentences = [c.si] + ([c.si + 1] if c.si + 1 < len(doc.sentences) and "\n" in doc.text[
        c.sentence.end:doc.sentences[c.si + 1].start] else [])
    if c.si > 0 and "\n" not in doc.text[doc.sentences[c.si - 1].end:c.sentence.start]:
        sentences.append(c.si - 1)
    if not any(_AIR_DEFENCE_AT_WORK_RE.search(doc.sentences[k].text) for k in sentences):
        return None
    return c.word(vocab.INTERCEPTION, "air defences at work")


_BLAST_NOUN_RE = re.compile(r"(?:loud |powerful |several |multiple )?(?:explosions?|blasts?|booms?)", re.IGNORECASE)
_HEARD_RE = re.compile(r"\s+(?:(?:were|was|are|is|have been|had been|could be|can be)\s+)?(?:heard|reported)\b", re.IGNORECASE)
_HEARD_BEFORE_RE = re.compile(r"\bheard\s+(?:an?\s+|the\s+|several\s+|multiple\s+|two\s+|three\s+)?"
                              r"(?:(?:loud|powerful|huge|massive|big|distant)\s+)?$", re.IGNORECASE)
_AIR_DEFENCE_AT_WORK_RE = re.compile(r"\bair[- ]defen[cs]es?\b|\bintercept(?:ed|ing|ion|ors?)\b|\bshot down\b|"
                                     r"\bflash(?:es)? (?:of light )?in the sky\b", re.IGNORECASE)


@ATTACK_WORDS.rule(37, "the weapons shot down before", decides="interception",
                   why="a weapon that is what 'shot down', 'intercepted' or 'destroyed' took, in the same clause: "
                       "'shot down four missiles over Crimea and 17 drones over the Krasnodar region' tells of no hit",
                   examples=[Example("Air defences shot down four missiles over Crimea and 17 drones over the Krasnodar "
                                     "region.", "missiles", "interception")])
def _shot_down_before(c: WordContext) -> AttackWord | None:
    if c.kind != vocab.STRIKE or c.certainty == vocab.SURE or not _WEAPON_NOUN_RE.fullmatch(c.match.group()):
        return None
    before = c.sentence.text[max(0, c.match.start() - 120):c.match.start()]
    found = _SHOT_DOWN_BEFORE_RE.search(before)
    if found is None or _CLAUSE_BETWEEN_RE.search(found.group()):
        return None
    return c.word(vocab.INTERCEPTION, f"{found.group(1)} before it")


# What air defences took, up to the weapon noun: "shot down four US-made ATACMS missiles over Crimea
# and 17" (a list of weapons and where), with no clause break between.
_SHOT_DOWN_BEFORE_RE = re.compile(
    r"\b(shot down|intercepted|downed|destroyed|neutrali[sz]ed)\s+(?:[^;:.!?]{0,80}?\s(?:and|as well as)\s+)?"
    r"(?:[\w’'-]+\s+){0,4}$", re.IGNORECASE)
_WEAPON_NOUN_RE = re.compile(r"(?:\w+[- ])?(?:missiles?|rockets?|drones?|UAVs?|projectiles?|bombs?|shells?)", re.IGNORECASE)


_AFTER_IT_RE = re.compile(r"\bafter (?:it|they) (?:was|were|had been|has been|have been) (?:\w+ly )?\w+$", re.IGNORECASE)
_CLAUSE_BETWEEN_RE = re.compile(r"\b(?:since|after|when|before|because|while|until|where|which|that|but)\b", re.IGNORECASE)


# From a weapon or a launch to the passive that says it was shot down, in the same clause:
# "rockets fired towards the Haifa area had been intercepted" (not "...; 30 were intercepted").
# A relative clause saying the weapon just told of was shot down, whoever says so.
_WHICH_SHOT_DOWN_RE = re.compile(r"[^;:.!?,]{0,80},\s+which\s+(?:[^,;:.!?]{0,60}?\s+(?:said|says|reported|claimed)\s+)?"
                                 r"(?:it\s+)?(?:was|were|had been|has been|have been)\s+(?:\w+ly\s+)?"
                                 r"(intercepted|shot down|downed)\b", re.IGNORECASE)
_SHOT_DOWN_AFTER_RE = re.compile(
    r"(?:[^;:.!?,]|,(?=\s+[A-Z]\w+(?:\s+[A-Z]\w+)?\s*(?:,|and\b))){0,80}?"  # (a list's commas: "towards Jammu, Samba and")
    r"\b(?:(?:was|were|had been|have been|has been|being)\s+(?:\w+ly\s+)?"
    r"(intercepted|shot down|downed|destroyed in the air|neutrali[sz]ed)\b"
    r"|(intercepted|shot down|downed|destroyed)\s+(?:over|above)\b)", re.IGNORECASE)  # a headline's "Missile ... intercepted over X"


@ATTACK_WORDS.rule(40, "a weapon beside it", decides="attack",
                   why="a weapon in the sentence (weapons.csv): 'drones hit', 'a missile struck', 'struck by artillery'",
                   examples=[Example("A Russian missile hit an apartment block in Dnipro.", "hit",
                                     "shelling/artillery/missile attack")])
def _weapon_beside(c: WordContext) -> AttackWord | None:
    weapon = c.nearest(_weapons(c.doc, c.si))
    return c.word(weapon[2], f"weapon: {weapon[3]}", sure=True) if weapon else None


@ATTACK_WORDS.rule(45, "damage with no weapon beside it", decides="no attack",
                   why="words that tell of an attack only when a weapon did it (certainty 'weapon' in triggers.csv): "
                       "'a drone damaged the station', not 'the storm damaged homes' nor 'the fighting damaged the town'",
                   examples=[Example("Shelling and heavy fighting damaged the hospital in Kharkiv during the war.", "damaged",
                                     "no attack: no weapon beside it")])
def _damage_without_weapon(c: WordContext) -> str | None:
    return "no attack: no weapon beside it" if c.certainty == vocab.WITH_WEAPON else None


@ATTACK_WORDS.rule(50, "'attack' by armed men", decides="no attack",
                   why="'attack(s)' beside gunmen, a storming, an ambush, clashes, a stabbing: an attack at close "
                       "quarters, not from a distance",
                   examples=[Example("Gunmen attacked a checkpoint near Homs, killing 12 soldiers.", "attacked",
                                     "no attack: at close quarters"),
                             Example("Indian missiles hit nine sites two weeks after gunmen killed 26 men near Pahalgam. India "
                                     "blames Pakistan for the April 22 attack near Pahalgam.", "attack",
                                     "no attack: at close quarters (told before)")])
def _attack_by_armed_men(c: WordContext) -> str | None:
    if not _is_attack_word(c):
        return None
    if _words(c.doc, c.si, "close_quarters_words"):
        return "no attack: at close quarters"
    # "Pakistan denied any involvement in the Pahalgam attack": an attack the text told before as one by gunmen
    named = _NAMED_ATTACK_RE.search(c.sentence.text, max(0, c.match.start() - 40), c.match.start())
    # (or by where it was: "India blames Pakistan for the April 22 attack near Pahalgam", after "gunmen killed 26 men at
    # a tourist meadow near Pahalgam")
    where = _ATTACK_PLACE_AFTER_RE.match(c.sentence.text, c.match.end()) if named is None and _THE_BEFORE_RE.search(
        c.sentence.text, max(0, c.match.start() - 30), c.match.start()) else None
    name = named.group(1).strip() if named is not None else where.group(1).strip() if where is not None else ""
    if name and any(name in c.doc.sentences[j].text and _words(c.doc, j, "close_quarters_words") for j in range(c.si)):
        return _TOLD_BEFORE_CLOSE
    # "a PKK attack on a military outpost": an insurgency's raid, unless a weapon beside it says otherwise
    words = c.sentence.text[max(0, c.match.start() - 30):c.match.start()].split()
    if (words and _POSSESSIVE_RE.sub("", words[-1]).lower() in vocab.words("insurgent_names") and not _weapons(c.doc, c.si)
            and _ASSAULTED_RE.match(c.sentence.text, c.match.end())):
        return _INSURGENTS_RAID
    return None


_TOLD_BEFORE_CLOSE = "no attack: at close quarters (told before)"
_NAMED_ATTACK_RE = re.compile(r"\bthe\s+((?:[A-Z][\w'’-]+\s+){1,3})$")
_THE_BEFORE_RE = re.compile(r"\bthe\s+(?:(?:[A-Z][a-z]+\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+|[\w-]+)\s+)?$")  # "the April 22 attack"
_ATTACK_PLACE_AFTER_RE = re.compile(r"\s+(?:near|in|at|on)\s+((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})")


@ATTACK_WORDS.rule(55, "crime or the police around it", decides="no attack",
                   why="police, a robbery, a suspect, an arrest in its sentence (crime_words): a raid or a shot, no attack "
                       "from a distance (a weapon beside it would have said so)",
                   examples=[Example("The man's house in Ankara was raided and his roommate, a police officer, was taken into "
                                     "custody during the war.", "raided", "no attack: crime or police")])
def _crime(c: WordContext) -> str | None:
    if _is_weapon(c) and not _words(c.doc, c.si, "crime_acts"):
        return None  # "a missile ... landed outside, police said": the police tell of a strike (no robbery, no arrest)
    text = c.sentence.text
    armed = bool(_weapons(c.doc, c.si)) or (
        (_ON_AFTER_RE.match(c.match.string, c.match.end()) is not None or c.match.group().lower() in _BLAST_WORDS)
        and bool(article_at_war(c.doc)))
    # (not police who only speak of a weapon, or in an article at war: "a drone exploded near a storage facility, UAE
    # police said"; "Israel's police say there have been direct hits on a residential tower in Ramat Gan")
    acting = [w for w in _words(c.doc, c.si, "crime_words") if not armed or not (
        _SPEAKS_AFTER_RE.match(text, w[1]) or _ACCORDING_TO_RE.search(text, max(0, w[0] - 40), w[0]))]
    return "no attack: crime or police" if acting else None


_BLAST_WORDS = frozenset(("exploded", "explosion", "explosions", "blast", "blasts"))
_ON_AFTER_RE = re.compile(r"\s+on\s")  # "direct hits on a residential tower": the noun of an attack on something
_SPEAKS_AFTER_RE = re.compile(r"\s+(?:(?:also|later|earlier)\s+)?(?:said|say|says|told|added|reported)\b")
_ACCORDING_TO_RE = re.compile(r"\baccording to (?:the )?(?:[\w-]+ ){0,2}$", re.IGNORECASE)


def _is_weapon(c: WordContext) -> bool:
    """Whether the strike word is itself a weapon fired from a distance ("missile", "rocket", "drone")."""
    s, e = c.match.span()
    return any(f[0] <= s and e <= f[1] for f in _weapons(c.doc, c.si))


@ATTACK_WORDS.rule(57, "a game around it", decides="no attack",
                   why="goals, strikers, innings, wickets in its sentence (sport_words) and no weapon: 'hit for four by "
                       "a rampant Pakistan Army side, whose strikers attacked down both flanks' is a match, its army a team",
                   examples=[Example("WAPDA were hit for four by a rampant Pakistan Army side, whose strikers fired in "
                                     "three goals before half-time.", "hit", "no attack: a game")])
def _a_game(c: WordContext) -> str | None:
    return "no attack: a game" if _words(c.doc, c.si, "sport_words") and not _weapons(c.doc, c.si) else None


@ATTACK_WORDS.rule(60, "an armed force beside it", decides="attack",
                   why="an armed force in the sentence (attack_agents): 'Russian forces struck Kharkiv'",
                   examples=[Example("Russian forces struck a power plant in Kharkiv.", "struck", "armed force")])
def _armed_force(c: WordContext) -> AttackWord | None:
    # "rebels attacked government positions", "the army destroyed hideouts": a ground assault as
    # often as not; a weapon must say
    if _is_attack_word(c) or _is_destroy_word(c):
        return None
    agent = c.nearest(_words(c.doc, c.si, "attack_agents"))
    return c.word(_weapon_type(c), f"armed force: {agent[3]}") if agent else None


@ATTACK_WORDS.rule(70, "a war in its sentence", decides="attack",
                   why="a war named in the sentence (war_setting): 'the offensive', 'the front line', 'the ceasefire'",
                   examples=[Example("Despite the ceasefire, a depot in Idlib was hit overnight.", "hit", "war")])
def _war(c: WordContext) -> AttackWord | None:
    if _is_attack_word(c):
        return None
    war = c.nearest(_words(c.doc, c.si, "war_setting"))
    return c.word(_weapon_type(c), f"war: {war[3]}") if war else None


# Nouns that name attacks ("its strikes had killed 14"); verbs such as "hit" or "destroyed" kill in crashes and fires too.
_ATTACK_NOUN_RE = re.compile(r"(?:air ?)?(?:strikes?|raids?|attacks?|bombings?|bombardments?|barrages?|salvos?|shelling)$",
                             re.IGNORECASE)


@ATTACK_WORDS.rule(75, "the dead beside it", decides="attack",
                   why="people killed or hurt in its sentence ('its strikes had killed 14 civilians'): labour strikes "
                       "and market hits kill nobody, and crashes, storms and crime are phrases of not_attacks.csv",
                   examples=[Example("The Kremlin denied reports that its strikes had killed at least 14 civilians in Homs.",
                                     "strikes", "the dead")])
def _the_dead(c: WordContext) -> AttackWord | None:
    if _is_attack_word(c) or _BLAST_RE.match(c.match.group()) or not _ATTACK_NOUN_RE.match(c.match.group()) \
            or not _killed(c.doc, c.si):
        return None  # a gas explosion kills too, and a car that "hit" a woman: blasts and verbs need a weapon or a war
    return c.word(_weapon_type(c), f"the dead: {_killed(c.doc, c.si)[0][3]}", strong=False)


@ATTACK_WORDS.rule(80, "an attack told in its paragraph", decides="attack (kept inside the article's theatre)",
                   why="an attack or a weapon in the sentences just before it in its paragraph, or in the headline",
                   examples=[Example("Air strikes pounded Idlib on Tuesday. A market and a school were hit.", "hit",
                                     "paragraph")])
def _paragraph(c: WordContext) -> AttackWord | None:
    told = _told_before(c.doc, c.si)
    return c.word(_weapon_type(c) or told[1], f"paragraph: {told[0]}", from_context=True) if told else None


@ATTACK_WORDS.rule(90, "an article at war", decides="attack (kept inside the article's theatre)",
                   why=f"the article tells of attacks in so many words ({_ARTICLE_AT_WAR} or more strike words that are "
                       "attacks by themselves, or weapons): a strike word there is one",
                   examples=[Example("Shelling hit Kharkiv.\n\nThe air raid siren sounded.\n\nA drone strike followed.\n\n"
                                     "Rescuers said the strike brought down a roof.", "strike", "article at war"),
                             Example("Shelling hit Kharkiv.\n\nThe air raid siren sounded.\n\nA drone strike followed.\n\n"
                                     "Officials said that attack had killed two children in a village near Panjgur.",
                                     "attack", "article at war")])
def _article_at_war(c: WordContext) -> AttackWord | None:
    # "fighters launched a dawn attack" in a report on air strikes: a ground assault; but "that attack",
    # "this attack" point back to one the article told
    if _is_attack_word(c) and not _POINTS_BACK_RE.search(c.doc.sentences[c.si].text, 0, c.match.start()):
        return None
    told = article_at_war(c.doc)
    return c.word(_weapon_type(c), f"article at war: {told}", from_context=True) if told else None


_POINTS_BACK_RE = re.compile(r"\b(?:that|this|the same|these|those)\s+$", re.IGNORECASE)


@ATTACK_WORDS.rule(1000, "nothing military beside it", decides="no attack",
                   why="an ambiguous strike word with no weapon, armed force or war near it: 'profits were hit'",
                   examples=[Example("Sales at the company's plant in Lviv were hit last year, its director said.", "hit",
                                     "no attack")])
def _nothing_military(c: WordContext) -> str:
    return "no attack: nothing military beside it"


# -- the sentence's annotations ----------------------------------------------------------------
def attack_words(doc: Doc, si: int) -> tuple[list[AttackWord], list[tuple[int, int, str, str]]]:
    """The strike words of sentence ``si`` that tell of an attack (:data:`ATTACK_WORDS`), and those
    whose own phrase tells of none (start, end, verdict, word). :meth:`Doc.attacks` keeps both."""
    sentence = doc.sentences[si]
    found: list[AttackWord] = []
    taken: list[tuple[int, int]] = []  # a word inside a longer one ("strike" in "air strike") is that one
    rejected: list[tuple[int, int, str, str]] = []  # "the attack on tourists at Pahalgam ... by gunmen"
    for pattern, m in sorted(_trigger_scan().finditer(sentence.text), key=_leftmost_longest):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        taken.append(m.span())
        decision = ATTACK_WORDS.decide(WordContext(doc, si, m, pattern), doc.trace, si, m.group())
        if isinstance(decision, AttackWord):
            found.append(decision)
        elif decision in _OWN_PHRASE_VERDICTS:
            rejected.append((m.start(), m.end(), decision, m.group()))
    found.sort(key=lambda a: a.start)
    return found, rejected


# Verdicts a strike word gets from its own phrase, not from the sentence around it: what that
# phrase places ("the attack on tourists at Pahalgam, in which gunmen ...") is no strike place.
_INSURGENTS_RAID = "no attack: an insurgents' raid"
_OWN_PHRASE_VERDICTS = frozenset(("no attack: at close quarters", _INSURGENTS_RAID, _TOLD_BEFORE_CLOSE))


def _leftmost_longest(found: tuple[vocab.Pattern, re.Match]) -> tuple[int, int]:
    return found[1].start(), -found[1].end()


def attack_context(doc: Doc, si: int) -> str:
    """Why the sentence's paragraph (before it) or the headline tells of an attack, or "": the dead a
    sentence counts, and the targets it lists, are that attack's."""
    told = _told_before(doc, si)
    return told[0] if told else ""


def _told_before(doc: Doc, si: int) -> tuple[str, str] | None:
    """(what, event type) of an attack told before sentence ``si`` in its paragraph, or in the headline."""
    for j in doc.paragraph_before(si, _PARAGRAPH_REACH):
        for a in doc.attacks(j):
            if a.strong and not a.interception:  # an attack the sentence before tells of by itself (a weapon shot down is none)
                return f"{a.text!r} in the sentence before", a.event_type
        weapons = _weapons(doc, j)
        if weapons:
            return f"{weapons[0][3]!r} in the sentence before", weapons[0][2]
    headline = _headline_attack(doc)
    return (f"{headline[0]!r} in the headline", headline[1]) if headline else None


def article_at_war(doc: Doc) -> str:
    """The first words of an article that tells of attacks in so many words, or "": sure strike
    words and weapons (as written in the text, outside phrases of no attack) counted once each."""
    return doc.annotation("article at war", -1, lambda text, _: _count_sure(doc))


def _count_sure(doc: Doc) -> str:
    # Words inside a phrase of no attack ("his players had been \"shelled\"", "a police helicopter")
    # do not count: a sports page or a police report is no article at war. Only the sentences that
    # hold such words are scanned for those phrases (their annotation serves the attack frame too).
    text, starts = doc.text, [sentence.start for sentence in doc.sentences]
    sure = (m for p, m in _trigger_scan().finditer(text) if p.label == vocab.STRIKE and p.attrs.get("certainty") == vocab.SURE)
    weapons = (m for _, m in _weapon_matches(text))
    if _FIREWORKS_RE.search(text):  # bare "shells and rockets" beside fireworks may be theirs: they make no war
        weapons = (m for m in weapons if not _BARE_PROJECTILE_RE.fullmatch(m.group()))
    found: list[str] = []
    for m in itertools.chain(sure, weapons):
        if not _in_a_phrase_of_no_attack(doc, starts, m.span()):
            found.append(m.group())
            if len(found) == _ARTICLE_AT_WAR:
                return ", ".join(repr(w) for w in found)
    return ""


def _in_a_phrase_of_no_attack(doc: Doc, starts: list[int], span: tuple[int, int]) -> bool:
    si = bisect_right(starts, span[0]) - 1
    if si < 0:
        return False
    offset = doc.sentences[si].start
    return any(a <= span[0] - offset and span[1] - offset <= b for a, b, _, _ in _not_attacks(doc, si))


def _weapon_matches(text: str):
    """The weapons ``text`` names, leaving out craft that carry no arms ("a police helicopter",
    "a surveillance drone") and similes ("like a bomb")."""
    for pattern, m in _weapon_scan().finditer(text):
        before = text[max(0, m.start() - 24):m.start()].lower().split()
        if before and (before[-1] in vocab.words("unarmed_craft_words") and not _ARMED_AFTER_RE.match(text, m.end())
                       or before[-2:] in (["like", "a"], ["like", "an"])):
            continue
        if m.start() > 0 and text[m.start() - 1] in _SCARE_QUOTES and text[m.end():m.end() + 1] in _SCARE_QUOTES:
            continue  # "mortar" tubes on a stage: a word in scare quotes, not the weapon
        if _TRADE_AFTER_RE.match(text, m.end()):
            continue  # "aircraft makers", "the aircraft's manufacturer", "aviation safety experts": a trade, no weapon used
        yield pattern, m


_SCARE_QUOTES = frozenset('"“”‘’\'')
_TRADE_AFTER_RE = re.compile(r"(?:['’]s)?\s+(?:makers?|manufacturers?|industry|industries|safety|maintenance|enthusiasts?|"
                             r"spotters?|museums?|engineers?|dealers?|leasing|orders?)\b", re.IGNORECASE)
# "a commercial drone carrying a homemade explosive charge": armed after all
_ARMED_AFTER_RE = re.compile(r"\s+(?:carrying|armed with|laden with|loaded with|fitted with|rigged with)\s+(?:[\w-]+\s+){0,3}?"
                             r"(?:explosives?|bombs?|grenades?|charges?|munitions|warheads?|mortar rounds?)\b", re.IGNORECASE)


def _headline_attack(doc: Doc) -> tuple[str, str] | None:
    title = doc.title
    if not title:
        return None
    for pattern, m in _trigger_scan().finditer(title):
        if pattern.label == vocab.STRIKE and pattern.attrs.get("certainty") == vocab.SURE:
            return m.group(), pattern.attrs.get("event_type", "")
    for pattern, m in _weapon_matches(title):
        if _BARE_PROJECTILE_RE.fullmatch(m.group()) and _of_fireworks(doc):
            continue  # "Blasts, smoke and rockets over Belgrade" above a story of a fireworks show
        return m.group(), pattern.label
    return None


_POSSESSIVE_RE = re.compile(r"['’]s?$")
# What an insurgency storms ("a PKK attack on Sunday on a military outpost"), not what a bomb hits ("in Istanbul").
_ASSAULTED_RE = re.compile(r"\s+(?:[\w,]+\s+){0,3}?on\s+(?:an?|the|two|three|several)\s+(?:\w+\s+){0,2}?"
                           r"(?:outposts?|checkpoints?|posts?|bases?|convoys?|patrols?|police stations?|barracks|positions?)\b",
                           re.IGNORECASE)


def _is_attack_word(c: WordContext) -> bool:
    """"attack", "attacks", "attacked": the word that most often tells of other violence."""
    return c.match.group().lower().startswith("attack")


def _is_destroy_word(c: WordContext) -> bool:
    """"destroyed", "destroying": what troops on the ground do as often as aircraft."""
    return c.match.group().lower().startswith("destroy")


def _weapon_type(c: WordContext) -> str:
    """The kind of attack the weapon nearest the word says, else ""."""
    weapon = c.nearest(_weapons(c.doc, c.si))
    return weapon[2] if weapon else ""


def _weapons(doc: Doc, si: int) -> list[tuple[int, int, str, str]]:
    """(start, end, event type, words) of the weapons in sentence ``si`` (sentence offsets), but those in a phrase
    of no attack ("no trace of any explosive device", "aerial shells" of fireworks)."""
    def found(text: str, _) -> list[tuple[int, int, str, str]]:
        weapons = [(m.start(), m.end(), p.label, m.group()) for p, m in _weapon_matches(text)]
        if weapons and _of_fireworks(doc):  # "several rockets struck the wall of a kiosk" at a fireworks show
            weapons = [w for w in weapons if not _BARE_PROJECTILE_RE.fullmatch(w[3])]
        phrases = _not_attacks(doc, si) if weapons else []
        return [w for w in weapons if not any(a <= w[0] and w[1] <= b for a, b, _, _ in phrases)]

    return doc.annotation("weapons", si, found)


def _of_fireworks(doc: Doc) -> bool:
    """An article that names fireworks and tells of no attacks in so many words: its bare "rockets" and
    "shells" are fireworks'."""
    return doc.annotation("of fireworks", -1, lambda text, _: bool(_FIREWORKS_RE.search(text)) and not article_at_war(doc))


_FIREWORKS_RE = re.compile(r"\b(?:fireworks?|firecrackers?|pyrotechnics?)\b", re.IGNORECASE)
_BARE_PROJECTILE_RE = re.compile(r"\s*(?:rockets?|shells?)", re.IGNORECASE)


def _killed(doc: Doc, si: int) -> list[tuple[int, int, str, str]]:
    """People killed or wounded in the sentence ("killed", "wounded", "dead"; not "lives", "deaths")."""
    return doc.annotation("killed", si, lambda text, _: [(m.start(), m.end(), "harm", m.group()) for m in _KILLED_RE.finditer(text)])


_KILLED_RE = re.compile(r"\b(?:killed|killing|kills|wounded|wounding|injured|injuring|dead|casualties)\b", re.IGNORECASE)
_BLAST_RE = re.compile(r"blasts?|explosions?|exploded|detonated", re.IGNORECASE)


def spoken_of_otherwise(doc: Doc, si: int) -> list[tuple[int, int]]:
    """Text offsets of the clauses that open with a phrase telling of no attack ("The October
    7 attack killed 1,200 people", "a car struck and killed a woman", a strike word the attack
    frame finds no attack: "the attack on tourists at Pahalgam, in which gunmen ..."), up to the next clause
    break: the dead counted there are no attack's."""
    sentence = doc.sentences[si]
    text = sentence.text
    out = []
    for start, end, _, _ in _not_attacks(doc, si) + doc.words_of_no_attack(si):
        brk = _CLAUSE_BREAK_RE.search(text, end)
        named = _NAMED_ATTACK_RE.search(text, max(0, start - 40), start)
        if named is not None:  # "the Pahalgam attack": the place names the event that was no attack
            start = named.start(1)
        out.append((sentence.start + start, sentence.start + (brk.start() if brk else len(text))))
    return out


_CLAUSE_BREAK_RE = re.compile(r"[,;:](?=\s)|\s(?:and|but|while|as)\s")  # not the comma of "1,200"


def _not_attacks(doc: Doc, si: int) -> list[tuple[int, int, str, str]]:
    return doc.annotation("not attacks", si, lambda text, _: [(m.start(), m.end(), p.label, m.group())
                                                              for p, m in _not_attack_scan().finditer(text)])


def _words(doc: Doc, si: int, name: str) -> list[tuple[int, int, str, str]]:
    regex = _word_regex(name)
    return doc.annotation(name, si, lambda text, _: [(m.start(), m.end(), name, m.group()) for m in regex.finditer(text)])


@vocab.cached
def _word_regex(name: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{vocab.words_pattern(name)})(?![\w-])", re.IGNORECASE)


@vocab.cached
def _trigger_scan() -> VocabularyScan:
    kinds = vocab.triggers()
    return VocabularyScan(kinds.get(vocab.STRIKE, ()) + kinds.get(vocab.INTERCEPTION_WORDS, ()))


@vocab.cached
def _weapon_scan() -> VocabularyScan:
    return VocabularyScan(vocab.weapons())


@vocab.cached
def _not_attack_scan() -> VocabularyScan:
    return VocabularyScan(vocab.not_attacks())
