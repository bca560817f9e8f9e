"""What a place mention does in a strike sentence.

Only places in a *locative* phrase of the reported content are strike
locations: "in Idlib", "around the towns of Talbiseh, Rastan and Salamiyah",
"over northern Homs", "at the Sha’ar gas field". Places elsewhere are not:

``container``   the division a named place lies in ("Qaryatain in Homs province")
                or a country when finer places are named
``reference``   a point others are placed relative to ("north of the city of Homs")
``origin``      where the strike came from ("the fleet in the Caspian", "from Iran")
``other``       anything not in a locative phrase: subjects and objects of other
                verbs ("Moscow had informed Ankara"), meeting places in sentences
                with no strike in them, demonyms, adjectives ("Washington-based");
                and locatives that say where something else is: a venue ("told
                reporters in Moscow", "the embassy in Baghdad"), a route ("on the
                Damascus-Aleppo highway"), a flight path ("flew across Iran"), or a
                clause with no strike in it ("hours after parliament in Moscow
                voted", "Islamic State, which holds Raqqa")
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import vocab
from ..geoparser import Mention
from .scan import TokenIndex

LOCATIVE = vocab.words("locative")
ORIGIN = vocab.words("origin")
RELATIONAL = vocab.words("relational")
STRIKE_VERBS = vocab.words("strike_verbs")
STRIKE_PARTICIPLES = vocab.words("strike_participles")
_PASSIVE_AUXILIARIES = vocab.words("passive_auxiliaries")
_PASSIVE_FILLERS = _PASSIVE_AUXILIARIES | vocab.words("passive_fillers")
_OBJECT_REACH = 4
# Strike verbs that cannot be nouns ("strike aircraft at its base near Latakia" is no strike on the base).
_STRIKING = frozenset(w for w in STRIKE_VERBS if w.endswith("ing"))
_NEAR = vocab.words("near_words")
_LIST_GAP_TOKENS = 8
_UNKNOWN_NAME_RE = re.compile(rf"^(?:[A-Z]|(?:{vocab.words_pattern('arabic_articles')})-[A-Z])")
_CALLS_ON = vocab.words("calls_on")
_STANCE_NOUNS = vocab.words("stance_nouns")
_TOWN_WORDS = vocab.words("town_words")
_COORDINATED_REACH = 7  # tokens of a noun phrase joined to the place before the passive verb
_APPOSITION_REACH = 12  # tokens an apposition between a place and its passive verb may take
_APPOSED_OBJECT_WORDS = 6  # words of the object a name after a comma may restate
SKIPPABLE = vocab.words("skippable")
COORDINATORS = vocab.words("coordinators")  # and "as well as"
LAUNCH_NOUNS = vocab.words("launch_nouns")
VENUE_NOUNS = vocab.words("venue_nouns")
ROUTE_WORDS = vocab.words("route_words")
PATH_PREPOSITIONS = vocab.words("path_prepositions")
MOTION_VERBS = vocab.words("motion_verbs")
_MOTION_REACH = 8  # tokens back from the preposition
# A place in a clause opened by a subordinator is a strike location only if the clause itself
# tells of a strike. Not "where" (its clause is about the place before it) nor "that" (it
# opens reported content).
SUBORDINATORS = vocab.words("subordinators")
_CLAUSE_ENDS = frozenset(",;:—–()")
_TIME_PREPOSITIONS = vocab.words("time_prepositions")
_TIME_WORDS = vocab.words("time_words")


def _is_time(tok) -> bool:
    return tok.lower in _TIME_WORDS or tok.text[:1].isdigit()

# Words that may stand between two places listed together.
_LISTING = COORDINATORS | SKIPPABLE | {"as", "well"}


@dataclass(frozen=True)
class PlaceRole:
    mention: Mention
    role: str  # strike | container | reference | origin | other
    link: int | None = None  # index of the mention it is coordinated with


def assign_roles(mentions: list[Mention], toks: TokenIndex, content: tuple[int, int],
                 triggers: Callable[[], tuple[int, ...]] | None = None) -> list[PlaceRole]:
    """Roles of ``mentions`` (in text order) inside one sentence's content span.

    ``triggers``: gives the offsets of the strike and casualty words in the sentence
    (asked only when a strike place shares the sentence with a subordinate clause); when
    given, a place in a subordinate clause with none of them is no strike location (nor is
    one in the main clause when they all stand in subordinate clauses).
    """
    roles: list[PlaceRole] = []
    demonyms = {d.start for d in mentions if d.kind == "demonym"}
    for i, m in enumerate(mentions):
        roles.append(_role(i, m, mentions, roles, toks, content, demonyms))
    if triggers is not None and any(r.role == "strike" for r in roles):
        roles = _outside_strike_clauses(roles, toks, content, triggers)
    return _demote_overviews(roles)


def _outside_strike_clauses(roles: list[PlaceRole], toks: TokenIndex, content: tuple[int, int],
                            find_triggers: Callable[[], tuple[int, ...]]) -> list[PlaceRole]:
    """Strike places moved to ``other`` when their clause tells of no strike."""
    ranges = _clauses(toks.within(*content))
    if not any(clause for _, _, clause in ranges):
        return roles  # one clause: the sentence's strike words are its own
    triggers = find_triggers()

    def clause_of(pos: int) -> int:
        return next((clause for s, e, clause in ranges if s <= pos < e), 0)

    struck = {clause_of(t) for t in triggers if content[0] <= t < content[1]}
    if struck and 0 not in struck and _refers_back(toks.within(*content), ranges, struck):
        struck.add(0)  # "a hospital in Ariha was put out of service after its entrance was hit": the same hospital
    out: list[PlaceRole] = []
    for r in roles:
        # A place listed after a demoted one shares its clause: "which holds Raqqa, Deir ez-Zor and ...".
        demoted = r.role == "strike" and (clause_of(r.mention.start) not in struck
                                          or (r.link is not None and out[r.link].role == "other"))
        out.append(PlaceRole(r.mention, "other", r.link) if demoted else r)
    return out


# Words by which a subordinate clause speaks of what the main clause names.
_BACK_REFERENCES = vocab.words("back_references")


def _refers_back(toks: list, ranges: list[tuple[int, int, int]], struck: set[int]) -> bool:
    """A struck subordinate clause names its target by a pronoun: the main clause's own."""
    spans = [(s, e) for s, e, clause in ranges if clause in struck]
    return any(t.lower in _BACK_REFERENCES and any(s <= t.start < e for s, e in spans) for t in toks)


def _clauses(toks: list) -> list[tuple[int, int, int]]:
    """``(start, end, clause)`` offset ranges of the clauses among ``toks``: each subordinate
    clause runs from its opening word to the next comma (clauses 1, 2 ...); the stretches
    between them are the main clause (clause 0)."""
    ranges: list[tuple[int, int, int]] = []
    i, n, stretch, clause = 0, len(toks), toks[0].start if toks else 0, 0
    while i < n:
        word = toks[i].lower
        if word not in SUBORDINATORS or (word in _TIME_PREPOSITIONS and i + 1 < n and _is_time(toks[i + 1])):
            i += 1  # "since Thursday", "after dawn": a time, no clause
            continue
        if toks[i].start > stretch:
            ranges.append((stretch, toks[i].start, 0))
        j = i + 1
        while j < n and toks[j].text not in _CLAUSE_ENDS:
            j += 1
        end = toks[j].start if j < n else toks[-1].end + 1
        clause += 1
        ranges.append((toks[i].start, end, clause))
        stretch, i = end, j
    if toks and stretch <= toks[-1].end:
        ranges.append((stretch, toks[-1].end + 1, 0))
    return ranges


def _role(i: int, m: Mention, mentions, roles, toks, content, demonyms: set[int]) -> PlaceRole:
    if not (content[0] <= m.start and m.end <= content[1]) or not m.literal or m.place is None:
        return PlaceRole(m, "other")
    if _names_the_kind_of(m, toks, content):  # "the Red Sea port of Mokha": where Mokha lies
        return PlaceRole(m, "other")
    before = toks.within(content[0], m.start)
    # Walk back over determiners, place-type words and adjectives ("the northern Syrian town of"),
    # and over a place that says what kind of place this one is ("the Red Sea port of").
    j = len(before) - 1
    while j >= 0:
        if before[j].lower in SKIPPABLE or before[j].start in demonyms:
            if before[j].lower == "of" and j >= 1 and before[j - 1].lower in RELATIONAL:
                return PlaceRole(m, "reference")
            j -= 1
        elif i > 0 and before[j].end == mentions[i - 1].end and _names_the_kind_of(mentions[i - 1], toks, content):
            j -= sum(1 for t in before if mentions[i - 1].start <= t.start < mentions[i - 1].end)  # the whole name
        else:
            break
    prev = before[j].lower if j >= 0 else ""
    prev2 = before[j - 1].lower if j >= 1 else ""
    if prev in ORIGIN:
        return PlaceRole(m, "origin")
    if prev in STRIKE_VERBS:  # the verb's object: "raids had hit the southern Aleppo countryside"
        return PlaceRole(m, "strike")
    if prev == "," and _object_apposition(before, j):  # "pounded Islamic State's capital, Raqqa"
        return PlaceRole(m, "strike")
    if prev in COORDINATORS or (prev == "as" and prev2 == "well"):
        linked = _previous_listed(i, mentions, roles, toks)
        if linked is None and prev == "as":  # "struck Kafr Nabudah on October 5, as well as Khan Sheikhoun"
            linked = next((k for k in range(i - 1, -1, -1) if roles[k].role == "strike"), None)
        if linked is not None:
            return PlaceRole(m, roles[linked].role, linked)
    if _stands_for_its_government(m, toks, content):  # "casting doubt on Moscow's insistence"
        return PlaceRole(m, "other")
    if _struck_in_passive(m, toks, content):  # "the nearby town of al-Rastan was also bombarded"
        return PlaceRole(m, "strike")
    if prev in _NEAR and i > 0 and _describes_previous(m, mentions[i - 1], toks):
        # "Hmeimim airbase, near Latakia": where the place before lies, not a strike of its own.
        return PlaceRole(m, "reference")
    if prev == "to" and prev2 in ("close", "next"):  # "a repair shop close to Dar al-Kabira"
        prev = "near"
    if prev in LOCATIVE:
        if _is_container(i, m, mentions, toks, before, j):
            return PlaceRole(m, "container", i - 1)
        if prev2 in LAUNCH_NOUNS and not any(t.lower in STRIKE_PARTICIPLES or t.lower in _STRIKING or t.lower == "by"
                                             for t in before[max(0, j - 1 - _OBJECT_REACH):j - 1]):
            return PlaceRole(m, "origin")  # unless the base is what was struck: "struck bases outside X"
        if prev2 in VENUE_NOUNS or (prev == "on" and prev2 in _CALLS_ON) or _names_route(m, toks, content) or (
                prev in PATH_PREPOSITIONS and any(t.lower in MOTION_VERBS for t in before[max(0, j - _MOTION_REACH):j])):
            return PlaceRole(m, "other")
        return PlaceRole(m, "strike")
    return PlaceRole(m, "other")


_KIND_WORDS = vocab.words("kind_words")


def _names_the_kind_of(m: Mention, toks: TokenIndex, content: tuple[int, int]) -> bool:
    """The place is followed by a kind of place and "of" another name: "the Red Sea port of Mokha"."""
    after = toks.within(m.end, content[1])[:3]
    return (len(after) == 3 and after[0].lower in _KIND_WORDS and after[1].lower == "of"
            and (after[2].is_capitalised or after[2].lower in ("al", "el")))


def _object_apposition(before: list, comma: int) -> bool:
    """The name after this comma restates a strike verb's object: "bombers pounded Islamic
    State's self-declared capital, Raqqa" (a short noun phrase, no verb or comma between)."""
    for k in range(comma - 1, max(-1, comma - 1 - _APPOSED_OBJECT_WORDS), -1):
        word = before[k].lower
        if word in STRIKE_VERBS:
            return k < comma - 1
        if word in ",;:" or word in _PASSIVE_AUXILIARIES or word in LOCATIVE:
            return False
    return False


def _describes_previous(m: Mention, previous: Mention, toks: TokenIndex) -> bool:
    """Only a comma and "near"/"outside" stand between the place before and this one."""
    gap = toks.within(previous.end, m.start)
    return bool(gap) and gap[0].text == "," and all(t.lower in _NEAR or t.lower in ("the", "a", ",") or t.lower in SKIPPABLE
                                                    for t in gap)


def _stands_for_its_government(m: Mention, toks: TokenIndex, content: tuple[int, int]) -> bool:
    """A place whose possessive owns a stance or a policy stands for its government:
    "Moscow's insistence", "Ankara's position", "Washington's strategy"."""
    from_start = toks.within(m.start, content[1])
    # The name's last token reaches past it with the possessive: "Moscow's" is one token.
    straddling = next((t for t in from_start if t.start < m.end <= t.end), None)
    if straddling is None or not straddling.text.endswith(("'s", "’s", "s'", "s’")) or straddling.end == m.end:
        if not m.text.endswith(("'s", "’s")):
            return False
    after = toks.within(m.end, content[1])
    return bool(after) and after[0].lower in _STANCE_NOUNS


def _struck_in_passive(m: Mention, toks: TokenIndex, content: tuple[int, int]) -> bool:
    """The place is the subject of a passive strike verb: "Darayya was hit", "X had been shelled",
    "Talbisa city, in the northern countryside of Homs, was targeted"."""
    after = toks.within(m.end, content[1])
    k = 0
    if after and after[0].lower in _TOWN_WORDS:
        k += 1
    if k < len(after) and after[k].text == ",":  # an apposition between: up to its closing comma
        close = next((i for i in range(k + 1, min(len(after), k + 1 + _APPOSITION_REACH)) if after[i].text == ","), None)
        if close is None:
            return False
        k = close + 1
    if k < len(after) and after[k].lower in ("and", "or"):  # "Jisr al-Shughour and the villages around it were pounded"
        aux = next((i for i in range(k + 1, min(len(after), k + 1 + _COORDINATED_REACH))
                    if after[i].lower in _PASSIVE_AUXILIARIES or after[i].text in ",;"), None)
        if aux is None or after[aux].text in ",;":
            return False
        k = aux
    start = k
    while k < len(after) and after[k].lower in _PASSIVE_FILLERS:
        k += 1
    return start < k < len(after) and after[k].lower in STRIKE_PARTICIPLES and any(
        t.lower in _PASSIVE_AUXILIARIES for t in after[start:k])


def _names_route(m: Mention, toks: TokenIndex, content: tuple[int, int]) -> bool:
    """"on the Damascus-Aleppo highway", "the Homs road": the place names a road."""
    after = toks.within(m.end, content[1])
    return bool(after) and after[0].lower in ROUTE_WORDS


def _previous_listed(i, mentions, roles, toks) -> int | None:
    """The mention this one is listed after ("Talbiseh, Rastan and Salamiyah").

    A container between them ("Qaryatain in Homs province, as well as Atshan")
    passes the list on to the place it contains.
    """
    k = i - 1
    if k < 0:
        return None
    gap = toks.within(mentions[k].end, mentions[i].start)
    if len(gap) > 2 and gap[0].text == "," and gap[1].lower in ("where", "which", "whose"):
        # "the town of Saraqeb, where 4 were killed, and the town of Binnish": the clause is the first's.
        close = next((j for j in range(2, len(gap)) if gap[j].text == ","), None)
        if close is not None:
            gap = gap[close:]
    # Names the gazetteer does not know may stand in the list too: "in al-Hader, al-Eis and Khan Touman".
    listed = len(gap) <= _LIST_GAP_TOKENS and all(
        t.lower in _LISTING or t.text in ",;" or _UNKNOWN_NAME_RE.match(t.text) for t in gap)
    if not listed:
        return None
    while roles[k].role == "container" and roles[k].link is not None:
        k = roles[k].link
    if roles[k].role == "reference" and k > 0:  # "Saraqeb, east of Ariha, and Kafr Nubl": the list is Saraqeb's
        k -= 1
    return k


def _is_container(i, m, mentions, toks, before, j) -> bool:
    """"X in Y" where Y is the division or country X lies in."""
    if i == 0 or m.place.precision not in ("admin1", "country"):
        return False
    prev_m = mentions[i - 1]
    if prev_m.place is None:
        return False
    gap = toks.within(prev_m.end, m.start)
    if len(gap) > 8:
        return False
    if m.place.precision == "admin1":
        return prev_m.place.admin1_key == m.place.admin1_key and prev_m.place.precision != "admin1"
    return prev_m.place.country == m.place.country and prev_m.place.precision != "country"


def _demote_overviews(roles: list[PlaceRole]) -> list[PlaceRole]:
    """A country named beside finer strike places in it is their overview, not a location."""
    finer = {r.mention.place.country for r in roles if r.role == "strike" and r.mention.place.precision != "country"}
    return [
        PlaceRole(r.mention, "container", r.link)
        if r.role == "strike" and r.mention.place.precision == "country" and r.mention.place.country in finer
        else r
        for r in roles
    ]
