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
from ..gazetteer.place import distance_km
from ..geoparser import Mention
from .rules import Example, RuleSet, Trace
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
_APPOSITION_REACH = 18  # tokens an apposition between a place and its passive verb may take
_APPOSED_OBJECT_WORDS = 9  # words of the object a name after a comma may restate ("the grounds of Israel's main airport")
SKIPPABLE = vocab.words("skippable")
_OPENING_QUOTES = frozenset('"“‘')
_HELD_RE = re.compile(r"[a-z]+-(?:held|controlled|run|occupied)")  # "Houthi-held", "Russian-occupied"
PLACE_PARTS = vocab.words("place_parts")
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
_LISTING = COORDINATORS | SKIPPABLE | {"as", "well", "its", "their"}  # "Jisr al-Shughur and its countryside, and"


@dataclass(frozen=True)
class PlaceRole:
    mention: Mention
    role: str  # strike | container | reference | origin | other
    link: int | None = None  # index of the mention it is coordinated with
    # Where a strike was relative to the place (vocab.LOCATION_QUALIFIERS): "" is in it,
    # "near", "outskirts", "north of", "road to", "between"; with the distance given, if any.
    qualifier: str = ""
    distance_km: float | None = None


def assign_roles(mentions: list[Mention], toks: TokenIndex, content: tuple[int, int],
                 triggers: Callable[[], tuple[int, ...]] | None = None, trace: Trace | None = None,
                 si: int = -1) -> list[PlaceRole]:
    """Roles of ``mentions`` (in text order) inside one sentence's content span: each by the
    first :data:`ROLES` rule that decides, then changed by the :data:`SENTENCE_ROLES` rules.

    ``triggers``: gives the offsets of the strike and casualty words in the sentence
    (asked only when a strike place shares the sentence with a subordinate clause); when
    given, a place in a subordinate clause with none of them is no strike location (nor is
    one in the main clause when they all stand in subordinate clauses).
    """
    roles: list[PlaceRole] = []
    demonyms = {d.start for d in mentions if d.kind == "demonym"}
    for i, m in enumerate(mentions):
        roles.append(ROLES.decide(PlaceContext(i, m, mentions, roles, toks, content, demonyms), trace, si, m.text))
    state = SentenceRoles(roles, toks, content, triggers)
    SENTENCE_ROLES.run_all(state, trace, si)
    return state.roles


@dataclass
class SentenceRoles:
    """A sentence's roles, once every place has one, for the rules that look at them together."""

    roles: list[PlaceRole]
    toks: TokenIndex
    content: tuple[int, int]
    triggers: Callable[[], tuple[int, ...]] | None


#: Changes to a sentence's roles once all are known, in order.
SENTENCE_ROLES: RuleSet[SentenceRoles] = RuleSet("sentence roles")


@SENTENCE_ROLES.rule(10, "clause with no strike word", decides="other",
                     why="a strike place in a subordinate clause that tells of no strike: 'hours after parliament in Moscow voted'",
                     examples=[Example("Jets struck Talbiseh after rebels advanced in Hama province.", "", "not struck: Hama province"),
                               Example("Officials said Ukrainian forces had fired rockets at the Antonivskyi road bridge, which "
                                       "spans the Dnipro on the eastern edge of Kherson, while talks went on in Istanbul.",
                                       "", "not struck: Istanbul")])
def _clause_without_strike(state: SentenceRoles) -> str | None:
    if state.triggers is None or not any(r.role == "strike" for r in state.roles):
        return None
    before = [r.role for r in state.roles]
    state.roles = _outside_strike_clauses(state.roles, state.toks, state.content, state.triggers)
    moved = [r.mention.text for r, was in zip(state.roles, before) if r.role != was]
    return f"not struck: {', '.join(moved)}" if moved else None


@SENTENCE_ROLES.rule(20, "country overview", decides="container",
                     why="a country named beside finer strike places in it is their overview, not a location",
                     examples=[Example("Russian jets struck Syria, hitting Idlib and Hama.", "", "overview: Syria")])
def _country_overview(state: SentenceRoles) -> str | None:
    before = [r.role for r in state.roles]
    state.roles = _demote_overviews(state.roles)
    moved = [r.mention.text for r, was in zip(state.roles, before) if r.role != was]
    return f"overview: {', '.join(moved)}" if moved else None


@SENTENCE_ROLES.rule(30, "a list after an area", decides="reference",
                     why="'several villages west of Kherson, including Bilozerka and Antonivka': the places listed are "
                         "the strike places, the area they are said to lie in only places them",
                     examples=[Example("Several villages west of Kherson, including Bilozerka, Antonivka and Zelenyi Hai, were "
                                       "shelled.",
                                       "", "an area of a list: Kherson")])
def _area_of_a_list(state: SentenceRoles) -> str | None:
    roles, moved = state.roles, []
    for k, r in enumerate(roles[:-1]):
        if r.role != "strike" or not (r.qualifier or r.mention.place.precision in ("admin1", "admin2", "region")):
            continue
        listed = roles[k + 1]
        gap = [t.lower for t in state.toks.within(r.mention.end, listed.mention.start)]
        if listed.role == "strike" and tuple(w for w in gap if w != ",") in _INCLUDING:
            roles[k] = PlaceRole(r.mention, "reference" if r.qualifier else "container", r.link)
            moved.append(r.mention.text)
    return f"an area of a list: {', '.join(moved)}" if moved else None


@SENTENCE_ROLES.rule(32, "the ends of a long road", decides="reference",
                     why="'a strike on a petrol station on the main road between Sanaa and Saada': two towns this far "
                         "apart only say which road; the strike is at neither ('between Djibo and Arbinda', towns close "
                         "together, stays near both)",
                     examples=[Example("Monitors documented an air strike on a petrol station on the main road between Sanaa "
                                       "and Saada.", "", "the ends of a road: Sanaa, Saada"),
                              Example("The road bridge that carried the main highway from Chernihiv to Kyiv was destroyed by "
                                      "a Russian air strike.", "", "the ends of a road: Chernihiv, Kyiv")])
def _ends_of_a_long_road(state: SentenceRoles) -> str | None:
    roles, moved = state.roles, []
    for k, r in enumerate(roles[:-1]):
        other = roles[k + 1]
        if r.role != "strike" or r.qualifier != "between" or other.role != "strike" or other.link != k:
            continue
        a, b = r.mention.place, other.mention.place
        ends = {a.place_id, b.place_id}
        if any(o.mention.place.place_id in ends for o in roles[k + 2:]):
            continue  # "on the road between Gao and Ansongo, about 40 km south of Gao": where on the road is said
        before = [t.lower for t in state.toks.within(max(state.content[0], r.mention.start - 30), r.mention.start)]
        apart = distance_km(a.lat, a.lon, b.lat, b.lon)
        # ("a column between Djibo and Arbinda", 80 km apart, was near both: only a road says it may be anywhere)
        if apart > _FAR_APART_KM or apart > _LONG_ROAD_KM and any(w in ROUTE_WORDS for w in before):
            roles[k], roles[k + 1] = PlaceRole(r.mention, "reference", r.link), PlaceRole(other.mention, "reference", k)
            moved += [r.mention.text, other.mention.text]
    for k, r in enumerate(roles[:-1]):  # "the main highway from Chernihiv to Kyiv": a road's two ends
        other = roles[k + 1]
        if r.role not in ("strike", "origin") or other.role != "strike":
            continue
        before = [t.lower for t in state.toks.within(max(state.content[0], r.mention.start - 20), r.mention.start)]
        gap = [t.lower for t in state.toks.within(r.mention.end, other.mention.start)]
        a, b = r.mention.place, other.mention.place
        if (gap == ["to"] and before[-1:] == ["from"] and len(before) >= 2 and before[-2] in ROUTE_WORDS
                and distance_km(a.lat, a.lon, b.lat, b.lon) > _LONG_ROAD_KM):
            roles[k], roles[k + 1] = PlaceRole(r.mention, "reference", r.link), PlaceRole(other.mention, "reference", k)
            moved += [r.mention.text, other.mention.text]
    return f"the ends of a road: {', '.join(moved)}" if moved else None


_LONG_ROAD_KM = 60.0  # towns farther apart than this bound no strike site on the road between them
_FAR_APART_KM = 150.0  # nor anywhere between them


@SENTENCE_ROLES.rule(34, "a facility named after another town", decides="reference",
                     why="'the Arak heavy water reactor at Khondab': a facility takes the name of a town it is not in; "
                         "the strike is where the text says the facility is",
                     examples=[Example("Israeli jets struck the Arak heavy water reactor at Khondab.", "", "named after: Arak")])
def _facility_named_after(state: SentenceRoles) -> str | None:
    roles, moved = state.roles, []
    for k in range(len(roles) - 1):
        first, second = roles[k], roles[k + 1]
        if first.role != "strike" or second.role != "strike" or first.mention.place.place_id == second.mention.place.place_id:
            continue
        gap = [t.lower for t in state.toks.within(first.mention.end, second.mention.start)]
        # (not "the Khondab heavy water reactor near Arak": the reactor is at Khondab, near the city)
        if (len(gap) >= 2 and gap[-1] in ("at", "in") and all(w in _SITE_NAME_WORDS for w in gap[:-1])
                and any(w in _SITE_NOUNS for w in gap[:-1])):
            roles[k] = PlaceRole(first.mention, "reference", first.link)
            moved.append(first.mention.text)
    return f"named after: {', '.join(moved)}" if moved else None


_SITE_NOUNS = frozenset(("reactor", "refinery", "plant", "station", "port", "base", "airbase", "airport", "airfield", "complex",
                         "facility", "depot", "terminal", "factory", "dam", "barracks", "garrison", "works", "mine"))
_SITE_NAME_WORDS = _SITE_NOUNS | frozenset(("air", "gas", "oil", "power", "naval", "nuclear", "heavy", "water", "thermal",
                                            "military", "main", "enrichment", "fuel", "hydroelectric", "international",
                                            "coal", "chemical", "steel", "missile", "research", "storage"))


@SENTENCE_ROLES.rule(35, "places inside a launch area", decides="origin",
                     why="'the missiles were launched from sites in western Iran, including launchers positioned around "
                         "Tabriz and Kermanshah': the places an origin includes are where the attack came from",
                     examples=[Example("Iranian missiles hit Beersheba overnight, the IDF said. The missiles were launched from "
                                       "sites in western Iran, including launchers positioned around Tabriz and Kermanshah.",
                                       "", "inside a launch area: Tabriz, Kermanshah")])
def _inside_launch_area(state: SentenceRoles) -> str | None:
    roles, moved = state.roles, []
    for k, r in enumerate(roles[:-1]):
        if r.role != "origin":
            continue
        words = [t.lower for t in state.toks.within(r.mention.end, roles[k + 1].mention.start)]
        if not any(tuple(words[j:j + len(w)]) in _INCLUDING for w in _INCLUDING for j in range(min(len(words), 3))):
            continue
        for j in range(k + 1, len(roles)):  # the first place after "including" and the places listed with it
            if roles[j].role != "strike" or (j > k + 1 and roles[j].link is None):
                break
            roles[j] = PlaceRole(roles[j].mention, "origin", k)
            moved.append(roles[j].mention.text)
    return f"inside a launch area: {', '.join(moved)}" if moved else None


_INCLUDING = frozenset((("including",), ("such", "as"), ("among", "them"), ("notably",), ("namely",), ("in", "particular")))


@SENTENCE_ROLES.rule(37, "the launcher struck where it fired from", decides="strike",
                     why="'a projectile launched from central Gaza was intercepted ... and its aircraft later struck the "
                         "launcher': the launch site is where the answering strike hit",
                     examples=[Example("The military said a rocket launched from central Gaza was intercepted and that its "
                                       "aircraft later struck the launcher.", "", "launcher struck at: central Gaza")])
def _launcher_struck(state: SentenceRoles) -> str | None:
    origins = [k for k, r in enumerate(state.roles) if r.role == "origin"]
    if not origins or any(r.role == "strike" for r in state.roles):
        return None
    last = state.roles[origins[-1]].mention
    text = " ".join(t.lower for t in state.toks.within(last.end, state.content[1]))
    if _LAUNCHER_STRUCK_RE.search(text) is None:
        return None
    state.roles[origins[-1]] = PlaceRole(last, "strike")
    return f"launcher struck at: {last.text}"


# "struck the launcher", "hit the launch site", "the launchers were destroyed" (tokens in lower case, spaced)
_LAUNCHER_STRUCK_RE = re.compile(
    r"\b(?:struck|hit|targeted|destroyed|bombed|eliminated|attacked)\s+(?:the|a|its|their)\s+(?:\w+\s+)?"
    r"(?:launchers?|launch\s+(?:sites?|pads?|points?|positions?)|launching\s+(?:sites?|points?|pads?))\b"
    r"|\b(?:launchers?|launch\s+(?:sites?|pads?|points?))\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+"
    r"(?:later\s+)?(?:struck|hit|targeted|destroyed|bombed|eliminated)\b")


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
    if struck:  # "..., while a gas station near Vilniansk, 30 km away, was set on fire": the harm an attack beside it did
        words = toks.within(*content)
        opens = [s for s, _, clause in ranges if clause] + [content[1]]
        for s, _, clause in ranges:
            if clause and clause not in struck:
                reach = next(o for o in opens if o > s)  # (its verb may stand past an apposition's commas)
                if _HARMED_RE.search(" ".join(t.lower for t in words if s <= t.start < reach)):
                    struck.add(clause)
    if struck and 0 not in struck and (_refers_back(toks.within(*content), ranges, struck)
                                       or _caused_by(toks.within(*content), ranges, struck)
                                       and not _a_response(toks.within(*content), ranges)):
        struck.add(0)  # "a hospital in Ariha was put out of service after its entrance was hit": the same hospital
    if struck:
        struck |= _locating_clauses(toks.within(*content), ranges, struck, roles, clause_of)
    # "In Rafah, tanks moved into the west of the city, while artillery shells fell on the camp in the centre": a
    # place set before the whole sentence is the place of a struck clause that names none of its own
    placeless = any(not any(clause_of(r.mention.start) == k and r.role == "strike" for r in roles) for k in struck)
    out: list[PlaceRole] = []
    for r in roles:
        if placeless and r.role == "strike" and _opens_the_sentence(r.mention, toks, content):
            out.append(r)
            continue
        # A place listed after a demoted one shares its clause: "which holds Raqqa, Deir ez-Zor and ...".
        demoted = r.role == "strike" and (clause_of(r.mention.start) not in struck
                                          or (r.link is not None and out[r.link].role == "other"))
        out.append(PlaceRole(r.mention, "other", r.link) if demoted else r)
    return out


def _locating_clauses(toks: list, ranges: list[tuple[int, int, int]], struck: set[int], roles: list[PlaceRole],
                      clause_of: Callable[[int], int]) -> set[int]:
    """Clauses that say where what a struck clause hit lies, when that clause names no place of its own: "fired
    rockets at the Antonivskyi road bridge, which spans the Dnipro on the eastern edge of Kherson"."""
    out = set()
    for k, (s, _, clause) in enumerate(ranges):
        if not clause or clause in struck or k == 0 or ranges[k - 1][2] not in struck:
            continue
        words = [t.lower for t in toks if t.start >= s][:3]
        before = [t for t in toks if t.start < s][-1:]
        if (words[:1] == ["which"] and before and before[0].text == "," and len(words) > 1
                and (words[1] in _LOCATING_VERBS or words[1] in ("is", "was") and words[2:3] in (["located"], ["situated"]))
                and not any(clause_of(r.mention.start) == ranges[k - 1][2] and r.role == "strike" for r in roles)):
            out.add(clause)
    return out


_LOCATING_VERBS = frozenset(("lies", "lay", "sits", "sat", "stands", "stood", "spans", "spanned", "overlooks", "straddles"))


_HARMED_RE = re.compile(r"\b(?:set (?:on fire|ablaze|alight)|caught fire|burst into flames|went up in flames|"
                        r"engulfed in flames|(?:was|were|been) (?:badly |heavily |severely |partly |partially )?"
                        r"(?:damaged|destroyed|hit))\b")


# Words by which a subordinate clause speaks of what the main clause names.
_BACK_REFERENCES = vocab.words("back_references")


def _caused_by(toks: list, ranges: list[tuple[int, int, int]], struck: set[int]) -> bool:
    """A struck "clause" that is only a phrase of cause ("a fire at a facility in Feodosia after a
    drone attack"): what the main clause tells, the attack did."""
    for s, e, clause in ranges:
        if clause not in struck:
            continue
        words = [t.lower for t in toks if s <= t.start < e]
        cut = next((k for k, w in enumerate(words) if w in _CAUSE_ENDS), len(words))
        # "after a drone attack but gave no details", "after an attack by Ukrainian UAVs", "after a series of
        # Russian drone strikes on energy infrastructure": the phrase's head
        words = words[:cut]
        if words and words[0] in ("after", "following") and len(words) <= _CAUSE_WORDS and not any(
                w in _PASSIVE_AUXILIARIES or w in ("had", "has", "have") or w in STRIKE_VERBS or w.endswith("ed")
                for w in words[1:]):  # a noun phrase ("after a drone attack"), not a clause ("after jets struck X")
            return True
    return False


def _a_response(toks: list, ranges: list[tuple[int, int, int]]) -> bool:
    """The main clause tells what was done in answer to the attack, not what it hit: "the army had reinforced its
    positions in Ouallam and Abala after the attacks in December"."""
    return any(t.lower in _RESPONSE_VERBS for t in toks if any(s <= t.start < e for s, e, clause in ranges if clause == 0))


_RESPONSE_VERBS = frozenset(("reinforced", "reinforce", "reinforcing", "deployed", "redeployed", "dispatched", "withdrew",
                             "withdrawn", "tightened", "bolstered", "beefed", "boosted", "vowed", "pledged", "condemned",
                             "evacuated", "relocated", "suspended", "alert", "mobilised", "mobilized"))
_CAUSE_WORDS = 7  # "after a series of Russian drone strikes": a phrase, not a clause
_CAUSE_ENDS = frozenset(("but", "and", "while", "as", "by", "from", "on", "against", "targeting", "in", "at"))


def _refers_back(toks: list, ranges: list[tuple[int, int, int]], struck: set[int]) -> bool:
    """A struck subordinate clause names its target by a pronoun: the main clause's own."""
    spans = [(s, e) for s, e, clause in ranges if clause in struck]
    if any(t.lower in _BACK_REFERENCES and any(s <= t.start < e for s, e in spans) for t in toks):
        return True
    # "a blaze at the Shahran fuel depot in north-western Tehran, which was struck in an Israeli attack": a relative
    # clause of what the main clause names, passive and struck
    for k in range(1, len(toks) - 2):
        if (toks[k].lower == "which" and toks[k - 1].text == "," and any(s == toks[k].start for s, _ in spans)
                and toks[k + 1].lower in ("was", "were", "had", "has", "have") and any(
                    w.lower in STRIKE_PARTICIPLES for w in toks[k + 2:k + 4])):
            return True
    return False


_LIST_OPENERS = frozenset(("including", "notably", "especially", "particularly"))


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
        while j < n and toks[j].text not in _CLAUSE_ENDS and not _quote_closes_clause(toks, j):
            j += 1
        while j + 2 < n and toks[j].text == "," and (_says_where(toks, j + 1) or toks[j + 1].lower in _LIST_OPENERS):
            # ("while much of the left bank, including Nova Kakhovka, remains occupied": the clause's own list)
            # "when aircraft bombed tents in the Al-Mawasi area, west of Khan Younis, ...": where it was goes on
            j += 2
            while j < n and toks[j].text not in _CLAUSE_ENDS:
                j += 1
        end = toks[j].start if j < n else toks[-1].end + 1
        clause += 1
        ranges.append((toks[i].start, end, clause))
        stretch, i = end, j
    if toks and stretch <= toks[-1].end:
        ranges.append((stretch, toks[-1].end + 1, 0))
    return ranges


def _opens_the_sentence(m: Mention, toks: TokenIndex, content: tuple[int, int]) -> bool:
    """"In Rafah, ...": the place opens the sentence after "In" and a comma follows it."""
    before = toks.within(content[0], m.start)
    after = toks.within(m.end, content[1])[:1]
    return len(before) == 1 and before[0].lower in ("in", "inside", "around") and bool(after) and after[0].text == ","


def _quote_closes_clause(toks: list, j: int) -> bool:
    """A quotation closing before "and" or "or" ends the clause opened inside it: 'hit "the depot, which
    supplies the troops" and "the terminal in Novorossiysk"'."""
    return toks[j].text in _QUOTES and j + 1 < len(toks) and toks[j + 1].lower in ("and", "or")


_QUOTES = frozenset(('"', "”", "’", "'"))


def _after_of(before: list, j: int) -> bool:
    """Whether the noun phrase ending at ``before[j]`` follows "of" ("north of the state capital")."""
    k = j - 1
    while k >= 0 and before[k].lower in _CAPITAL_MODIFIERS:
        k -= 1
    return k >= 0 and before[k].lower == "of"


_CAPITAL_MODIFIERS = frozenset(("the", "a", "state", "provincial", "regional", "national", "district", "federal"))


def _says_where(toks: list, k: int) -> bool:
    """The words from ``k`` say where: "west of ...", "near ...", "on the outskirts of ..."."""
    word = toks[k].lower
    return (word in RELATIONAL and toks[k + 1].lower == "of") or word in ("near", "outside") or (
        word == "on" and toks[k + 1].lower == "the" and k + 2 < len(toks) and toks[k + 2].lower == "outskirts")


class PlaceContext:
    """What the role rules look at for one place mention: the words before it, back to the
    preposition or verb that governs it (``prev``, and the word before that, ``prev2``),
    past determiners, place-type words and adjectives ("in the northern Syrian town of")."""

    __slots__ = ("i", "m", "mentions", "roles", "toks", "content", "before", "j", "prev", "prev2", "locative", "of_direction",
                 "qualifier", "distance_km")

    def __init__(self, i: int, m: Mention, mentions: list[Mention], roles: list[PlaceRole], toks: TokenIndex,
                 content: tuple[int, int], demonyms: set[int]):
        self.i, self.m, self.mentions, self.roles, self.toks, self.content = i, m, mentions, roles, toks, content
        self.of_direction = False
        self.qualifier, self.distance_km = "", None
        if not (content[0] <= m.start and m.end <= content[1] and m.literal):
            return
        before = self.before = toks.within(content[0], m.start)
        # Walk back over determiners, place-type words and adjectives ("the northern Syrian town of"),
        # and over a place that says what kind of place this one is ("the Red Sea port of").
        j = len(before) - 1
        if m.text.split(maxsplit=1)[0].lower() in _KIND_WORDS:
            # "the Barmal district of Paktika province": a name the gazetteer lacks before the kind of place
            k = j
            while k >= 0 and j - k < _UNKNOWN_NAME_WORDS and before[k].text[:1].isupper() and not any(
                    o.start <= before[k].start < o.end for o in mentions):
                k -= 1
            if k < j and k >= 0 and before[k].lower in SKIPPABLE:
                j = k
            elif j >= 1 and m.text.split()[1:2] == ["of"]:
                # "the outskirts of the abandoned old city of Quneitra": words that describe the place, then its article
                k = j
                while k >= 0 and j - k < _DESCRIBING_WORDS and before[k].text.isalpha() and before[k].text.islower() \
                        and before[k].lower not in SKIPPABLE and before[k].lower not in STRIKE_VERBS:
                    k -= 1
                if k < j and k >= 0 and before[k].lower in _ARTICLES:
                    j = k
        while j >= 0:
            if (i > 0 and mentions[i - 1].start <= before[j].start <= mentions[i - 1].end
                    and before[j].lower.endswith(("'s", "’s")) and mentions[i - 1].place is not None
                    and mentions[i - 1].place.precision in ("admin1", "admin2", "country")):
                # "in Sagaing Region's Kanbalu Township": the division that holds this place, passed over
                j -= sum(1 for t in before if mentions[i - 1].start <= t.start <= mentions[i - 1].end)
                continue
            if before[j].lower in _OWNERS or (before[j].text[:1].isupper() and before[j].lower.endswith(("'s", "’s"))
                                                and j >= 1 and (before[j - 1].lower in ("of", "in", "at", "near", "on")
                                                                or before[j - 1].lower in LOCATIVE
                                                                or before[j - 1].lower in STRIKE_VERBS)):
                # ("outside Karachi's Jinnah International Airport")
                j -= 1  # "the city's Saltivka district", "near the main terminal of Israel's Ben Gurion Airport"
                continue
            if before[j].text in _OPENING_QUOTES:  # fired at "the so-called Ben Gurion airport"
                j -= 1
                continue
            if (before[j].text == "," and j == len(before) - 1 and j >= 2 and before[j - 1].lower == "capital"
                    and not _after_of(before, j - 1) and (before[j - 2].lower == "the" or j >= 3 and before[j - 3].lower
                                                          == "the" and before[j - 2].text[:1].isupper())):
                j -= 2  # "in the Yemeni capital, Sanaa"
                continue
            if before[j].lower == "capital" and j == len(before) - 1 and not _after_of(before, j):
                # "attacked the state capital Loikaw" (not "Erbil, capital of the Kurdistan region", nor "in the
                # Ouallam department, north of the capital Niamey", which only says where that lies)
                j -= 1
                continue
            if before[j].lower == "to" and j >= 1 and before[j - 1].lower in _PARTS_TO:
                self.qualifier = self.qualifier or _PART_QUALIFIERS[before[j - 1].lower]
                j -= 2
                continue
            following = before[j + 1].lower if j + 1 < len(before) else m.text.split(maxsplit=1)[0].lower()
            if (j >= 1 and (following in _KIND_WORDS or following in PLACE_PARTS) and before[j].text.replace("-", "").isalpha()
                    and before[j].text.islower() and before[j].lower not in SKIPPABLE and before[j - 1].lower in _ARTICLES):
                j -= 1  # "the resort village of", "the jade-mining town of", "the industrial area of": what kind of place
                continue
            if (j == len(before) - 1 and before[j].text.isalpha() and before[j].text.islower()
                    and before[j].lower not in SKIPPABLE and j >= 1
                    and (before[j - 1].lower in _ARTICLES or before[j - 1].lower.endswith("ly") and j >= 2
                         and before[j - 2].lower in _ARTICLES) and _kind_after(toks, m)):
                # "hit the crowded Jabalia refugee camp", "the densely populated Shujaiya neighbourhood": a word
                # that describes the place, between the article and a name a kind of place follows
                j -= 1 if before[j - 1].lower in _ARTICLES else 2
                continue
            if before[j].lower in SKIPPABLE or before[j].start in demonyms or _HELD_RE.fullmatch(before[j].lower):
                if before[j].lower == "of" and j >= 1 and before[j - 1].lower in RELATIONAL:
                    self.of_direction = True  # "north of the city of Homs"
                    self.qualifier = direction_qualifier(before[j - 1].lower)
                    self.distance_km = _distance_before(before, j - 2)
                    break
                if before[j].lower == "of" and j >= 1 and (before[j - 1].lower in PLACE_PARTS or (
                        before[j - 1].lower in ("side", "sides") and j >= 2 and before[j - 2].lower in _SIDE_DIRECTIONS)):
                    # ("the government-held western side of Aleppo"; not "the Pacific side of the Andes")
                    self.qualifier = self.qualifier or _PART_QUALIFIERS.get(before[j - 1].lower, "")
                    j = _over_modifiers(before, j - 2)  # "struck several densely populated neighbourhoods of"
                    continue
                j -= 1
            elif i > 0 and before[j].end == mentions[i - 1].end and _names_the_kind_of(mentions[i - 1], toks, content):
                j -= sum(1 for t in before if mentions[i - 1].start <= t.start < mentions[i - 1].end)  # the whole name
            elif (i > 0 and j >= 1 and before[j].lower in _KIND_WORDS and before[j - 1].end == mentions[i - 1].end
                  and _names_the_kind_of(mentions[i - 1], toks, content)):
                # "in the Red Sea port city of Hodeidah" (the mention is "city of Hodeidah"): the region and the kind
                j -= 1 + sum(1 for t in before if mentions[i - 1].start <= t.start < mentions[i - 1].end)
            else:
                break
        self.j = j
        self.prev = before[j].lower if j >= 0 else ""
        self.prev2 = before[j - 1].lower if j >= 1 else ""
        if self.prev == "from" and (km := _distance_before(before, j - 1)) is not None and km <= _NEAR_FROM_KM:
            # "about 15 kilometres from Tera": a distance from the place, as "15 km south of" is
            self.of_direction, self.qualifier, self.distance_km = True, "near", km
        # "a repair shop close to Dar al-Kabira" is near it
        self.locative = "near" if self.prev == "to" and self.prev2 in ("close", "next") else self.prev
        if self.prev == "on" and self.prev2 in _BLAMING:
            self.locative = ""  # "drone attacks that Moscow blames on Kyiv": who did it, not where
        if self.prev in ("toward", "towards") and self.prev2 in ROUTE_WORDS:
            self.qualifier = self.qualifier or "road to"  # "on the road towards Marib": along it
        elif self.prev in ("toward", "towards") and (self.prev2 in _ADVANCING or any(
                t.lower in ROUTE_WORDS for t in before[max(0, j - _ROAD_TOWARD_REACH):j])):
            # "forces have been trying to push toward Sanaa", "on the road north-west of Kherson towards Mykolaiv":
            # where they went or the road leads, not what was hit
            self.locative = ""
        if self.prev == "through" and self.prev2 in ROUTE_WORDS:
            self.locative = "in"  # "a fuel station on the main road through Mawiyah district": on it, in the district
        if self.locative in _NEAR:
            self.qualifier = self.qualifier or "near"
        elif self.prev in ("to", "out") and (self.prev2 in ROUTE_WORDS or self.prev2 in _HEADING and j >= 2
                                             and before[j - 2].lower in ROUTE_WORDS):
            self.qualifier = "road to"  # "on the road to Marib", "the road leading out of Bint Jbeil": along it
        elif self.prev == "between":
            self.qualifier = "between"

    def in_content(self) -> bool:
        m = self.m
        return self.content[0] <= m.start and m.end <= self.content[1] and m.literal and m.place is not None

    def role(self, role: str, link: int | None = None) -> PlaceRole:
        if role == "strike" and self.qualifier:
            return PlaceRole(self.m, role, link, self.qualifier, self.distance_km)
        return PlaceRole(self.m, role, link)


#: What a place does in a strike sentence: the first rule that decides, from the top.
ROLES: RuleSet[PlaceContext] = RuleSet("place role")


@ROLES.rule(10, "outside the reported words", decides="other",
            why="a place outside what the source reports, not a literal place, or one the gazetteer cannot place",
            examples=[Example("Activists in Syria said jets struck a camp.", "Syria", "other")])
def _outside_content(c: PlaceContext) -> PlaceRole | None:
    return None if c.in_content() else c.role("other")


@ROLES.rule(15, "a continent or a world region", decides="other",
            why="'in the Middle East', 'across Europe': a place too wide to say where anything was hit",
            examples=[Example("Russian jets struck targets across the Middle East.", "Middle East", "other")])
def _too_wide(c: PlaceContext) -> PlaceRole | None:
    return c.role("other") if c.m.place.precision == "macroregion" else None


@ROLES.rule(17, "a country naming whose forces", decides="other",
            why="a country's name before a force or base noun says whose they are ('targeting US forces', 'strikes on "
                "US bases in Iraq'), not where anything was hit",
            examples=[Example("Militias began targeting US forces in Iraq and Syria.", "US", "other")])
def _whose_forces(c: PlaceContext) -> PlaceRole | None:
    if c.m.place.precision != "country":
        return None
    after = c.toks.within(c.m.end, c.content[1])[:1]
    return c.role("other") if after and (after[0].lower in _FORCE_NOUNS or after[0].lower in _BASE_NOUNS) else None


_FORCE_NOUNS = frozenset(w.lower() for w in vocab.words("attack_agents")) | frozenset((
    "personnel", "servicemen", "bases", "base", "embassy", "warplanes", "jets",
    # whose people: "a drone attack killed three U.S. soldiers at a base in Jordan"
    "soldiers", "troops", "sailors", "marines", "diplomats", "citizens", "nationals", "contractors", "servicemembers",
    "bombers", "planes", "aircraft", "drones", "helicopters", "warships"))


@ROLES.rule(18, "a building named after a place", decides="other",
            why="'al-Quds hospital', 'al-Yarmouk stadium': a building whose Arabic name is a place's, not that place",
            examples=[Example("A drone struck a car near al-Quds hospital in Gaza City.", "al-Quds", "other")])
def _named_building(c: PlaceContext) -> PlaceRole | None:
    article = c.m.text.split("-", 1)[0].lower() if "-" in c.m.text[:4] else ""
    if article not in _ARTICLE_WORDS:
        return None
    after = c.toks.within(c.m.end, c.content[1])[:1]
    return c.role("other") if after and after[0].start - c.m.end <= 1 and after[0].lower in _NAMED_BUILDINGS else None


_NAMED_BUILDINGS = vocab.words("named_building_words")


@ROLES.rule(19, "a valley or river named like a town abroad", decides="other",
            why="'along the Juba valley' in Somalia: a valley or river whose name the gazetteer knows only as a town in "
                "another country than the sentence's other places (the Bekaa valley, a division, is the place itself)",
            examples=[Example("Somali officials said a US air strike hit a camp near Bu'aale, north of Jilib in the Juba valley.", "Juba",
                              "other")])
def _terrain_named_like_a_town(c: PlaceContext) -> PlaceRole | None:
    if c.m.place.precision != "locality":
        return None
    after = c.toks.within(c.m.end, c.content[1])[:1]
    if not (after and after[0].lower in _TERRAIN_AFTER):
        return None
    here = c.m.place.country
    others = {m.place.country for m in c.mentions if m is not c.m and m.place is not None and m.literal
              and m.place.precision in ("locality", "site", "admin1")}
    return c.role("other") if others and here not in others else None


_TERRAIN_AFTER = frozenset(("valley", "valleys", "river", "basin", "delta", "plain", "plains", "plateau", "mountains", "hills"))


@ROLES.rule(16, "a river named like a town", decides="other",
            why="'the Samara region on the Volga', 'east of the Euphrates': a river's name (river_names) after 'the' and a "
                "word of banks or crossing is the river, though the gazetteer knows the name only as a town",
            examples=[Example("Drones hit the Syzran refinery in the Samara region on the Volga.", "Volga", "other")])
def _river_named_like_a_town(c: PlaceContext) -> PlaceRole | None:
    if c.m.place.precision != "locality" or c.m.text.strip().lower() not in _RIVERS or c.j < 0 or c.j + 2 != len(c.before):
        return None
    if c.before[c.j + 1].lower != "the" or c.prev not in _ALONG_A_RIVER:
        return None
    after = c.toks.within(c.m.end, c.content[1])[:1]
    # (not "the strike on the Douma market", "the Falam strikes": a noun after the name says it is no river)
    return c.role("other") if not after or not after[0].text.isalpha() or after[0].lower in _AFTER_A_RIVER else None


_RIVERS = vocab.words("river_names")
_ALONG_A_RIVER = frozenset(("on", "along", "across", "beyond", "over", "up", "down", "bank", "banks", "crossing", "of"))
_AFTER_A_RIVER = frozenset(("river", "and", "or", "in", "near", "at", "to", "from", "on", "which", "that", "where", "as", "with",
                            "for", "after", "before", "by", "north", "south", "east", "west", "upstream", "downstream"))


@ROLES.rule(20, "says what kind of place the next one is", decides="other",
            why="a place before a kind of place and 'of' another name: 'the Red Sea port of Mokha'",
            examples=[Example("Jets struck the Hama town of Kafr Zita.", "Hama", "other"),
                      Example("An air strike flattened a block in the al-Fallujah area of Jabalia refugee camp.", "al-Fallujah",
                              "other")])
def _kind_of_next(c: PlaceContext) -> PlaceRole | None:
    if not _names_the_kind_of(c.m, c.toks, c.content):
        return c.role("other") if _area_named_after_elsewhere(c) else None
    # "the Saltivka district of Kharkiv": a neighbourhood the gazetteer has, in that city, is the place
    return None if _quarter_of(c.m, c.mentions[c.i + 1] if c.i + 1 < len(c.mentions) else None, c.toks) else c.role("other")


@ROLES.rule(22, "a district of the place before", decides="other",
            why="'Kharkiv's Kyivskyi district': a district of the city before, named after another place, is no place "
                "of its own (the city is where it is), unless the gazetteer has it in that city",
            examples=[Example("Shelling hit the Gaza Strip's Sabra neighbourhood overnight.", "Sabra", "other")])
def _district_of_owner(c: PlaceContext) -> PlaceRole | None:
    if c.i == 0 or not c.in_content():
        return None
    owner = c.mentions[c.i - 1]
    gap = c.toks.within(owner.end, c.m.start)
    possessive = owner.text.endswith(("'s", "’s")) or (len(gap) == 1 and gap[0].text in ("'s", "’s")) or any(
        t.start < owner.end < t.end and t.text.endswith(("'s", "’s")) for t in c.toks.within(owner.start, c.m.start))
    if not possessive or owner.place is None or gap and not (len(gap) == 1 and gap[0].text in ("'s", "’s")):
        return None
    words = c.m.text.lower().split()
    after = c.toks.within(c.m.end, c.content[1])[:1]
    if not (words[-1] in _QUARTER_WORDS or (after and after[0].lower in _QUARTER_WORDS)):
        return None
    q, p = c.m.place, owner.place
    near = q.precision in ("locality", "site") and distance_km(q.lat, q.lon, p.lat, p.lon) <= _QUARTER_KM
    return None if near else c.role("other")


@ROLES.rule(25, "the city of a neighbourhood named before", decides="container",
            why="'the Saltivka district of Kharkiv' where the gazetteer has Saltivka in Kharkiv: the city holds the strike place",
            examples=[Example("Shelling hit the Saltivka district of Kharkiv.", "district of Kharkiv", "container")])
def _city_of_quarter(c: PlaceContext) -> PlaceRole | None:
    if c.i > 0 and c.in_content() and _quarter_of(c.mentions[c.i - 1], c.m, c.toks):
        return c.role("container", c.i - 1)
    return None


@ROLES.rule(30, "direction of a place before", decides="reference",
            why="a direction that says where the place before lies: 'Khan Sheikhoun, 30 km south of Idlib'",
            examples=[Example("Jets struck Khan Sheikhoun, 30 km south of Idlib.", "Idlib", "reference"),
                      Example("The mission said from El Fasher, the North Darfur state capital about 60 kilometres east of "
                              "Tawila, that jets had bombed both areas.", "Tawila", "reference")])
def _direction_of(c: PlaceContext) -> PlaceRole | None:
    if c.of_direction and c.i > 0 and _places_previous(c.mentions[c.i - 1], c.before, c.j - 1) and not _bound_for(c):
        return c.role("reference")
    return None


def _bound_for(c: PlaceContext) -> bool:
    """"travelling from Macomia towards Mocimboa da Praia, about 15 kilometres north of Macomia town": after a
    journey's destination, the direction says where the attack was, not where the destination lies."""
    return (c.i <= len(c.roles) and c.roles[c.i - 1].role == "other"
            and any(t.lower in _HEADING_TO for t in c.toks.within(c.mentions[c.i - 1].start - 12, c.mentions[c.i - 1].start)))


@ROLES.rule(31, "across from a place before", decides="reference",
            why="a river or border across which the place before lies says where it is: 'In Izmail, across the "
                "Danube from Romania, drones damaged a grain elevator'",
            examples=[Example("In Izmail, across the Danube from Romania, drones damaged a grain elevator.", "Danube",
                              "reference")])
def _across_from(c: PlaceContext) -> PlaceRole | None:
    if c.prev != "across" or c.i == 0 or c.mentions[c.i - 1].place is None:
        return None
    gap = [t.lower for t in c.toks.within(c.mentions[c.i - 1].end, c.m.start)]
    return c.role("reference") if gap and gap[0] == "," and set(gap) <= {",", "across", "the", "river"} else None


@ROLES.rule(32, "the road a place before lies on", decides="reference",
            why="a road that says where the place before lies: 'about 15 km from Tera, on the road to Dori'",
            examples=[Example("A roadside bomb hit an army patrol about 15 km from Tera, on the road to Dori.", "Dori", "reference"),
                      Example("Konduga, which lies on the road to the town of Bama, has been hit repeatedly by suicide "
                              "bombers.", "town of Bama", "reference"),
                      Example("A roadside bomb struck an army supply truck about 30 km south of Djibo on the road to Kongoussi.", "Kongoussi",
                              "reference")])
def _road_of(c: PlaceContext) -> PlaceRole | None:
    if c.qualifier == "road to" and c.i > 0 and (_road_after_previous(c.mentions[c.i - 1], c.before, c.j)
                                                  or _road_after_a_distance(c)):
        return c.role("reference")
    return None


def _road_after_a_distance(c: PlaceContext) -> bool:
    """"about 30 km south of Djibo on the road to Kongoussi": the place before, a direction from it, says where the
    strike was; the road's end only which road that is."""
    if c.i > len(c.roles) or c.roles[c.i - 1].role != "strike" or c.roles[c.i - 1].distance_km is None:
        return False
    gap = [t for t in c.before[:max(c.j - 1, 0)] if t.start >= c.mentions[c.i - 1].end]
    return 0 < len(gap) <= 4 and all(t.lower in ("on", "along", "the", "main", "a") for t in gap)


def _road_after_previous(previous: Mention, before: list, j: int) -> bool:
    """Only a comma and "on the road" stand between the place before and the road's "to"."""
    if not previous.literal:
        return False
    gap = [t for t in before[:max(j - 1, 0)] if t.start >= previous.end]  # up to the route word
    if previous.place is not None and bool(gap) and gap[0].text == "," and len(gap) <= 4 and all(
            t.text == "," or t.lower in ("on", "along", "the", "main", "a") for t in gap):
        return True
    # "Konduga, which lies on the road to the town of Bama": a relative clause saying where the place before lies
    if (previous.place is not None and len(gap) >= 4 and gap[0].text == "," and gap[1].lower == "which"
            and gap[2].lower in _LOCATING_VERBS | {"is", "was"} and len(gap) <= 7
            and all(t.lower in ("on", "along", "the", "main", "a", "just", "off") for t in gap[3:])):
        return True
    # "the village of Kalungu, about 15 km south of Minova on the road to Bukavu": where the place before lies,
    # by a distance from a town and the road it is on (the town may be one the gazetteer lacks)
    return (bool(gap) and gap[0].text == "," and len(gap) <= _ROAD_GAP_WORDS and any(t.lower in RELATIONAL for t in gap)
            and gap[-1].lower in ("on", "along", "the") and all(
                t.text == "," or t.lower in _DISTANCE_WORDS or t.lower in RELATIONAL or t.text[:1].isupper()
                or t.text[:1].isdigit() for t in gap))


_ROAD_GAP_WORDS = 12
_DISTANCE_WORDS = frozenset(("on", "along", "the", "main", "a", "about", "some", "roughly", "around", "nearly", "almost",
                             "km", "kms", "kilometres", "kilometers", "miles", "of", "from"))


@ROLES.rule(33, "where the facility before lies", decides="reference",
            why="a direction after a struck place and its facility word only says where that facility lies: "
                "'near the Baiji refinery north of Baghdad' (the strike is at Baiji, 200 km from Baghdad)",
            examples=[Example("Aircraft carried out strikes near the Baiji refinery north of Baghdad.", "Baghdad", "reference")])
def _facility_lies(c: PlaceContext) -> PlaceRole | None:
    if not c.of_direction or c.i == 0 or c.roles[c.i - 1].role != "strike":
        return None
    prev = c.mentions[c.i - 1]
    if prev.place is None or prev.place.precision not in ("locality", "site"):
        return None
    gap = c.toks.within(prev.end, c.m.start)
    # "refinery north of", "air base, 30 km south of" are the facility's words, then the direction
    k = next((n for n, t in enumerate(gap) if t.lower in RELATIONAL or t.text[:1].isdigit()), None)
    head = gap[:k] if k is not None else gap
    while head and (head[-1].text == "," or head[-1].lower in _PLACING_WORDS):  # "the Harir base, north of Erbil",
        head = head[:-1]                                                          # "Air College, some 200 km east of"
    return c.role("reference", c.i - 1) if head and len(head) <= 3 and all(
        t.lower in _FACILITY_NOUNS for t in head) else None


def _kind_after(toks: TokenIndex, m: Mention) -> bool:
    """A kind of place or a facility follows the name: "Jabalia refugee camp", "Shujaiya neighbourhood"."""
    last = m.text.rsplit(None, 1)[-1].lower()
    if " " in m.text and (last in _FACILITY_NOUNS or last in _KIND_WORDS):
        return True  # the kind is the name's own last word: the gazetteer's "Jabalia refugee camp"
    after = toks.within(m.end, m.end + _KIND_AFTER_CHARS)
    return bool(after) and (after[0].lower in _FACILITY_NOUNS or after[0].lower in PLACE_PARTS or after[0].lower in _KIND_WORDS
                            or after[0].lower == "refugee")


_KIND_AFTER_CHARS = 24  # "refugee camp", "neighbourhood": the next word or two
_WORKS = frozenset(("facility", "facilities", "complex"))  # "the Natanz facility", "the Parchin complex"
_FACILITY_NOUNS = vocab.words("facility_words") | vocab.words("built_site_words") | vocab.words("facility_fillers") | _WORKS | frozenset(
    ("air", "gas", "oil", "power", "naval", "nuclear", "cement", "fuel", "thermal", "hydroelectric", "coal", "heating"))


@ROLES.rule(35, "direction of a place", decides="strike, near it",
            why="a strike placed by a direction from a place: 'a camp south of Hodeidah' (location_qualifier 'south of')",
            examples=[Example("Jets struck a camp 20 km south of Hodeidah.", "Hodeidah", "strike")])
def _direction_from(c: PlaceContext) -> PlaceRole | None:
    return c.role("strike") if c.of_direction else None


@ROLES.rule(40, "where the strike came from", decides="origin",
            why="after 'from' or 'off': 'missiles fired from the Caspian'",
            examples=[Example("Warships fired missiles from Crimea at a depot in Odesa.", "Crimea", "origin"),
                      Example("Glide bombs hit Kostiantynivka. The bombs are released by jets flying over occupied "
                              "territory near Horlivka.", "Horlivka", "origin"),
                      Example("Missiles hit Odesa. The cruise missiles were launched by Tu-95 bombers over the Volgodonsk "
                              "area, the air force said.", "Volgodonsk", "origin")])
def _origin(c: PlaceContext) -> PlaceRole | None:
    if c.prev in ("in", "at", "near", "around", "outside") and (_launch_site_before(c) or _describes_origin(c)):
        return c.role("origin")  # "jets flying from airfields in Russia's Rostov region"
    if c.prev == "over" and c.prev2 == "from":
        return c.role("origin")  # "aircraft fired missiles from over north-western Lebanon"
    if _released_from_over(c.before):
        return c.role("origin")  # "the bombs are released by Su-34 jets flying over occupied territory near Horlivka"
    if c.prev in ("in", "from") and _fired_by_before(c.before[:c.j]):
        return c.role("origin")  # "a missile fired by the Houthi movement in Yemen has struck ..."
    if c.prev not in ORIGIN or (c.prev == "off" and _off_the_struck(c)):
        return None
    if _names_the_attack(c) is not None:  # "the death toll from the Serhiivka strike"
        return None
    return c.role("origin")


def _released_from_over(before: list) -> bool:
    """Whether the place closes "released by jets flying over ...": where the aircraft were, not what was hit."""
    tail = before[-_OVER_REACH:]
    for k in range(len(tail) - 1, 0, -1):
        t = tail[k]
        if t.text in _CLAUSE_ENDS:
            return False
        if t.lower in ("over", "above") and (tail[k - 1].lower in _AIRBORNE or tail[k - 1].lower in _AIRCRAFT):
            verbs = _RELEASED if tail[k - 1].lower in _AIRBORNE else _LAUNCHED
            return any(w.lower in verbs for w in before[:len(before) - len(tail) + k - 1][-_RELEASE_REACH:])
    return False


_OVER_REACH = 7  # tokens from "over" to the place: "over Russian-held territory near Horlivka"
_RELEASE_REACH = 8  # tokens from the release verb to the aircraft's verb: "released by Su-34 aircraft operating"
_AIRBORNE = frozenset(("flying", "flew", "flown", "operating", "circling", "patrolling", "hovering", "cruising"))
# ... or the aircraft itself, for what is launched from afar: "cruise missiles were launched by Tu-95 bombers over the
# Volgodonsk area" (not "barrel bombs were dropped by helicopters over Daraya", which fell there)
_AIRCRAFT = frozenset(("bombers", "bomber", "jets", "jet", "aircraft", "warplanes", "warplane", "planes", "plane"))
_LAUNCHED = frozenset(("launched", "launch", "launches", "fired", "fire"))
_RELEASED = frozenset(("released", "release", "releases", "dropped", "drop", "drops", "launched", "launch", "launches",
                       "fired", "fire"))


@ROLES.rule(39, "the first end of a range of targets", decides="strike",
            why="'from X to Y' after words that spread what was hit over a range: 'the targets were spread across "
                "Houthi-held territory, from the northern stronghold of Saada to sites around the capital'",
            examples=[Example("Jets struck targets spread across the north, from the stronghold of Saada to sites around "
                              "Sanaa.", "Saada", "strike")])
def _range_start(c: PlaceContext) -> PlaceRole | None:
    return c.role("strike") if c.prev == "from" and _range_of_targets(c) else None


def _range_of_targets(c: PlaceContext) -> bool:
    """"from X to Y" after words that spread what was hit over a range ("spread", "ranging", "stretching")."""
    after = [t.lower for t in c.toks.within(c.m.end, c.content[1])[:_RANGE_REACH]]
    return "to" in after and any(t.lower in _SPREAD_WORDS for t in c.before[max(0, c.j - _RANGE_REACH):c.j])


_RANGE_REACH = 8  # tokens between "from" and the word that spreads the targets, and from the place to "to"
_SPREAD_WORDS = frozenset(("spread", "ranging", "ranged", "range", "stretching", "stretched", "extending", "scattered"))


def _describes_origin(c: PlaceContext) -> bool:
    """"came from the direction of the Tada-U air base near Mandalay": the place a launch site just named
    lies in or near is where the attack came from too."""
    if c.i == 0 or c.i > len(c.roles) or c.roles[c.i - 1].role != "origin":
        return False
    between = c.toks.within(c.mentions[c.i - 1].end, c.m.start)
    return 0 < len(between) <= _SITE_WORDS_REACH and all(t.text.islower() for t in between)


_SITE_WORDS_REACH = 4  # "air base near", "naval base in"


def _fired_by_before(before: list) -> bool:
    """"fired by the Houthi movement": the words before the place's preposition name who fired, where they are."""
    for k in range(len(before) - 1, max(0, len(before) - 1 - _FIRED_BY_REACH), -1):
        if before[k].lower == "by":
            return before[k - 1].lower in _FIRED_BY
        if before[k].text in _CLAUSE_ENDS or before[k].lower in STRIKE_VERBS:
            return False
    return False


_FIRED_BY = frozenset(("fired", "launched", "sent", "flown", "lobbed"))
_FIRED_BY_REACH = 6  # tokens from "by" to the place's preposition: "by the Iran-backed Houthi movement"


def _launch_site_before(c: PlaceContext) -> bool:
    """"from airfields in", "from Primorsko-Akhtarsk in": "from", a short noun phrase or a place, then this
    place's preposition, with no strike verb or clause break between."""
    before = c.before[:c.j]
    for k in range(len(before) - 1, max(-1, len(before) - 1 - _LAUNCH_PHRASE_REACH), -1):
        word = before[k].lower
        if word == "from" and k > 0 and before[k - 1].lower in _DISTANCE_BEFORE_FROM:
            return False  # "about two blocks from the town hall in Jamundi": how near, not where the fire came from
        if word in ORIGIN and word != "off" or word in ("at", "in") and k > 0 and before[k - 1].lower in _BASED:
            return True  # (and "the jets are based at the airport in Kisangani")
        if (before[k].text in _CLAUSE_ENDS or word in STRIKE_VERBS or word in ("at", "on", "against", "into", "to")
                or word in _LANDED):  # "shells fired from Congolese territory had landed in the town of Gisenyi"
            return False
    return False


# (short distances only: "30 kilometres from the front line in Nagorno-Karabakh" places nothing there)
_DISTANCE_BEFORE_FROM = frozenset("blocks block metres meters metre meter yards yard feet steps".split())
_LANDED = vocab.words("landing_verbs")
_OPENED = frozenset(("opened", "opening", "open", "opens"))
_BASED = frozenset(("based", "stationed"))
_LAUNCH_PHRASE_REACH = 5  # tokens from "from" to the place's "in": "from military airfields in"


def _off_the_struck(c: PlaceContext) -> bool:
    """"targeted a ship off the coast of Hodeidah": after the strike verb, with no "from" between,
    "off" says where the struck thing was, not where the fire came from ("warships off Crimea fired")."""
    before = c.before[:c.j]
    verb = next((k for k in range(len(before) - 1, -1, -1) if before[k].lower in STRIKE_VERBS
                 or before[k].lower == "fire" and k and before[k - 1].lower in _OPENED), None)  # ("opened fire on boats off")
    return verb is not None and not any(t.lower == "from" for t in before[verb:])


@ROLES.rule(41, "where the wounded were taken, or the strike launched from", decides="other or origin",
            why="'the wounded were brought across the border to hospitals in Hatay': where they were treated; "
                "'jets were reported near Tripoli, from where the missiles were launched': where it came from",
            examples=[Example("Jets struck Idlib; the wounded were brought to hospitals in Hatay.", "Hatay", "other"),
                      Example("Missiles hit Masyaf; jets were seen near Tripoli, from where the missiles were launched.",
                              "Tripoli", "origin")])
def _care_or_launch(c: PlaceContext) -> PlaceRole | None:
    after = c.toks.within(c.m.end, c.content[1])[:_FROM_WHERE_REACH]
    words = [t.lower for t in after]
    if words[:3] in ([",", "from", "where"], [",", "from", "which"]) and not _LAUNCH_VERBS.isdisjoint(words[3:]):
        return c.role("origin")
    if c.prev not in ("in", "at") or c.j < 2:
        return None
    before = c.before[:c.j]
    if before[-1].lower not in _CARE_PLACES:
        return None
    for t in reversed(before[max(0, len(before) - _CARE_REACH):-1]):
        if t.lower in _TAKEN_VERBS:
            return c.role("other")
        if t.text in _CLAUSE_ENDS or t.lower in STRIKE_VERBS:
            return None
    return None


_FROM_WHERE_REACH = 14  # tokens after the place: ", from where the missiles were apparently launched"
_LAUNCH_VERBS = frozenset(("launched", "fired", "flew", "took", "launch", "fire"))
_CARE_PLACES = frozenset(("hospital", "hospitals", "clinic", "clinics", "centre", "centres", "center", "centers", "facilities",
                          "facility", "morgue", "morgues"))
_TAKEN_VERBS = frozenset(("taken", "brought", "rushed", "evacuated", "transferred", "transported", "airlifted", "moved",
                          "admitted", "flown", "treated", "sent"))
_CARE_REACH = 10  # tokens from "brought" to "hospitals": "brought across the border to hospitals in"


@ROLES.rule(43, "where witnesses now live", decides="other",
            why="'survivors, most of them now living in displacement camps around Dohuk and Erbil, about strikes on Tal "
                "Afar': where the people who tell of a strike live, before any word of the strike",
            examples=[Example("Researchers interviewed survivors now living in camps around Dohuk about air strikes on Tal Afar.",
                              "Dohuk", "other"),
                      Example("Of the 200,000 Ezidis still in camps around Duhok, many said continued drone strikes were a "
                              "reason not to return.", "Duhok", "other")])
def _where_witnesses_live(c: PlaceContext) -> PlaceRole | None:
    if c.prev not in _LIVING_PLACE_WORDS:
        return None
    before = c.before[:c.j]
    for k in range(len(before) - 1, max(-1, len(before) - 1 - _LIVING_REACH), -1):
        t = before[k]
        if t.text in _CLAUSE_ENDS and t.text != ",":
            return None
        if t.lower in _LIVING or t.lower in _STILL and k + 2 < len(before) and before[k + 1].lower == "in" and any(
                w.lower in _CAMPS for w in before[k + 2:k + 4]):  # "Ezidis still in camps around Duhok"
            # (not "strikes on tents where families were living near Khan Younis": the strike told first)
            told = any(w.lower in STRIKE_VERBS or w.lower in STRIKE_PARTICIPLES or w.lower in _ATTACK_NOUNS for w in before[:k])
            return None if told else c.role("other")
    return None


# (not "sheltering", "displaced": "a school sheltering displaced families in Azaz was hit" is where the strike was)
_LIVING = frozenset(("living", "live", "lives", "staying", "resettled", "settled"))
_LIVING_PLACE_WORDS = frozenset(("in", "at", "around", "near", "outside"))
_STILL = frozenset(("still", "remain", "remains", "remained", "remaining"))
_CAMPS = frozenset(("camps", "camp", "tents", "shelters"))
_LIVING_REACH = 6  # tokens from "living" to the place: "living in displacement camps around"


@ROLES.rule(44, "the topic of a stance or a talk", decides="other",
            why="'would not change the Houthis' position on Gaza', 'talks on Sudan', 'sanctions on Iran': what a position, "
                "a talk or a measure is about is no place where anything was hit",
            examples=[Example("The group said the air strikes would not change its position on Gaza.", "Gaza", "other")])
def _topic(c: PlaceContext) -> PlaceRole | None:
    # (the words right before it: "struck its positions on the edge of the town of Latamneh" is where they are)
    words = [t.lower for t in c.before[-2:]]
    return c.role("other") if len(words) == 2 and words[1] in ("on", "over", "about") and words[0] in _TOPIC_NOUNS else None


_TOPIC_NOUNS = frozenset(("position", "positions", "stance", "stances", "policy", "policies", "view", "views", "talks",
                          "negotiations", "deal", "agreement", "resolution", "resolutions", "vote", "votes", "sanctions",
                          "pressure", "summit", "conference", "debate", "dispute", "row", "consultations"))


@ROLES.rule(45, "where a journey was going", decides="other",
            why="'as a convoy was travelling from Macomia towards Mocimboa da Praia': the place a convoy or the people "
                "hit were heading for is no strike place",
            examples=[Example("A roadside bomb hit an army convoy travelling from Macomia towards Mocimboa da Praia.", "Mocimboa da Praia",
                              "other"),
                      Example("Jets struck Hezbollah depots in the Damascus area used to smuggle weapons into Lebanon.",
                              "Lebanon", "other"),
                      Example("Another air strike hit a building in al-Mayadin, about 45 km up the Euphrates towards Deir al-Zor.",
                              "Deir al-Zor", "other")])
def _destination(c: PlaceContext) -> PlaceRole | None:
    if c.prev not in _HEADING_TO and c.prev != "into":
        return None
    before = c.before[:c.j]
    for k in range(len(before) - 1, max(-1, len(before) - 1 - _JOURNEY_REACH), -1):
        word = before[k].lower
        if word in _SENDING_VERBS or c.prev != "into" and (word in _JOURNEY_VERBS or c.prev.startswith("toward")
                                                           and word in _DISTANCE_UNITS):
            # (and "45 km up the Euphrates towards Deir al-Zor": which way the place before lies)
            return c.role("other")
        if before[k].text in _CLAUSE_ENDS or word in STRIKE_VERBS:
            return None
    return None


_HEADING_TO = frozenset(("towards", "toward", "to", "for"))
# Weapons and goods on their way: "used to smuggle weapons into Lebanon", "arms sent to Ukraine".
_SENDING_VERBS = frozenset(("smuggle", "smuggled", "smuggling", "smuggles", "ship", "shipped", "shipping", "transfer",
                            "transferred", "transferring", "supply", "supplied", "supplying", "deliver", "delivered",
                            "delivering", "funnel", "funnelled", "funneled", "funnelling", "funneling"))
_DISTANCE_UNITS = frozenset(("km", "kms", "kilometres", "kilometers", "miles", "metres", "meters"))
_JOURNEY_VERBS = vocab.words("journey_verbs")
_JOURNEY_REACH = 6  # tokens from the verb to the place's preposition: "travelling from Macomia towards"


@ROLES.rule(50, "object of a strike verb", decides="strike",
            why="right after a strike verb: 'jets pounded Kafr Zita'",
            examples=[Example("Russian jets pounded Kafr Zita on Tuesday.", "Kafr Zita", "strike"),
                      Example("Jets struck a staging area near Zlitan that was being used by regime forces to shell Misrata.",
                              "Misrata", "other")])
def _strike_object(c: PlaceContext) -> PlaceRole | None:
    if c.prev not in STRIKE_VERBS:
        return None
    if _USED_TO_RE.search(" ".join(t.lower for t in c.before[max(0, c.j - _USED_TO_REACH):c.j + 1])):
        return c.role("other")  # "a staging area that was being used by regime forces to shell Misrata": what it is for
    # "struck Yemen's Houthi-held port of Hodeidah": the owner holds the place its object names
    return c.role("container") if _owns_a_place_of(c) else c.role("strike")


# A purpose: "used by regime forces to shell", "used to launch attacks on" (the strike verb ends it).
# (not "using drones to strike Odesa's port": an attack told as done)
_USED_TO_RE = re.compile(r"\b(?:is|are|was|were|been|being|has|have|had) used(?: [\w-]+){0,4} to \w+$")
_USED_TO_REACH = 8  # tokens from "used" to the strike verb


@ROLES.rule(52, "named after the struck targets' dash", decides="strike",
            why="'targeted three air bases - Nevatim and Hatzerim': places that spell out, after a dash or a colon, the "
                "targets a strike verb has just named",
            examples=[Example("The Guards said their missiles had targeted three air bases - Nevatim, Hatzerim and Tel Nof.", "Nevatim",
                              "strike")])
def _after_targets_dash(c: PlaceContext) -> PlaceRole | None:
    j = c.j
    if j >= 0 and c.prev not in _SPELLING_OUT:  # "three bases: Shaddadi and al-Tanf": past names the gazetteer lacks
        k = j
        while k >= 0 and j - k < _UNKNOWN_NAMES_BACK and (c.before[k].lower in ("and", ",") or c.before[k].text[:1].isupper()
                                                         or c.before[k].lower in _ARTICLE_WORDS):
            k -= 1
        j = k if k >= 0 and c.before[k].text in _SPELLING_OUT and k < j else j
    if j < 2 or c.before[j].text not in _SPELLING_OUT:
        return None
    words = [t.lower for t in c.before[max(0, j - _TARGETS_DASH_REACH):j]]
    if not words or words[-1] not in _PLURAL_TARGETS:
        return None
    return c.role("strike") if any(w in STRIKE_VERBS or w == "against" for w in words[:-1]) else None


_SPELLING_OUT = frozenset(("-", "–", "—", ":"))
_UNKNOWN_NAMES_BACK = 8  # tokens of names the gazetteer lacks between the colon and a known one
_TARGETS_DASH_REACH = 8  # tokens from the strike verb to the dash: "targeted three major air bases -"
_PLURAL_TARGETS = frozenset(("bases", "airbases", "airfields", "airports", "sites", "facilities", "towns", "cities",
                             "villages", "ports", "targets", "positions", "camps", "refineries", "depots"))


def _owns_a_place_of(c: PlaceContext) -> bool:
    """The place is a possessive whose noun phrase goes on to "of" another place the text names."""
    own = c.toks.within(c.m.start, c.m.end + 2)
    if not own or not own[-1].text.endswith(("'s", "’s")) or own[-1].end != c.m.end + 2:
        return False
    after = c.toks.within(c.m.end + 2, c.content[1])
    for k, t in enumerate(after[:_OWNED_PHRASE_REACH]):
        if t.text in _CLAUSE_ENDS:
            return False
        if t.lower == "of" and k + 1 < len(after):
            named = after[k + 2] if after[k + 1].lower == "the" and k + 2 < len(after) else after[k + 1]
            return any(o.start == named.start for o in c.mentions if o.place is not None and o.literal)
    return False


_OWNED_PHRASE_REACH = 6  # tokens from "Yemen's" to the "of" of "Houthi-held port of"


@ROLES.rule(55, "owns a strike verb's object", decides="strike",
            why="'of' a place after what a strike verb hit: 'hit the main hospital of Kabkabiya'",
            examples=[Example("An air strike hit the main hospital of Kabkabiya on Monday.", "Kabkabiya", "strike"),
                      Example("Pakistani shells fell on residential pockets of Poonch town on Thursday.", "Poonch",
                              "strike")])
def _object_of_place(c: PlaceContext) -> PlaceRole | None:
    before, j = c.before, c.j
    if not (0 <= j + 1 < len(before) and before[j + 1].lower == "of" and before[-1].lower in ("of", "the")):
        return None  # the place's "of" is the word after the noun before it ("the main market of")
    for k in range(j - 1, max(-1, j - 1 - _OWNED_OBJECT_REACH), -1):
        word = before[k].lower
        if word in _STRUCK or word in STRIKE_PARTICIPLES or word in _AIMED_AT:  # "a strike against the infrastructure of"
            return c.role("strike")
        if word in ("on", "onto", "into") and k > 0 and before[k - 1].lower in _LANDED_VERBS:
            return c.role("strike")  # "shells fell on residential pockets of Rajouri town"
        if before[k].text in _CLAUSE_ENDS or not (word in SKIPPABLE or word.isalpha()):
            break
    return None


_OWNED_OBJECT_REACH = 3  # words between the strike verb and the noun: "hit the main market of"
_LANDED_VERBS = frozenset(("fell", "landed", "rained", "crashed", "slammed", "smashed", "ploughed", "plowed"))
_AIMED_AT = frozenset(("against", "targeting", "targetting"))


@ROLES.rule(57, "what an attack noun is of", decides="strike",
            why="'intensified their bombing on Saturday of a strategic rebel-held area of Aleppo': the place an attack "
                "noun's 'of' names",
            examples=[Example("Russian and Syrian planes intensified their bombing on Saturday of a rebel-held area of Aleppo.",
                              "area of Aleppo", "strike")])
def _of_an_attack_noun(c: PlaceContext) -> PlaceRole | None:
    words = "".join(t.lower + " " for t in c.before[max(0, len(c.before) - _OF_ATTACK_REACH):])
    if not _OF_ATTACK_RE.search(words):
        return None
    # (not "compare it to the Russian bombardment of Grozny in 1999": a past war's)
    after = [t.lower for t in c.toks.within(c.m.end, c.content[1])[:3]]
    if any(t.isdigit() and len(t) == 4 for t in after) or any(t.lower in _LIKENING for t in c.before):
        return None
    return c.role("strike")


_LIKENING = frozenset(("compare", "compared", "compares", "comparing", "reminiscent", "recalls", "recalled", "like"))
_OF_ATTACK_REACH = 12  # tokens before the place: "bombing on Saturday of a strategic rebel-held area of"
_OF_ATTACK_RE = re.compile(r"\b(?:bombing|bombings|shelling|bombardment|bombardments|air strikes|airstrikes|air raids|"
                           r"targeting|strafing)(?: (?:on|last|early|late) \w+| overnight| again| yesterday| today)? of "
                           r"(?:the |a |an )?(?:[\w-]+ ){0,5}$")


@ROLES.rule(60, "restates a strike verb's object", decides="strike",
            why="a name after a comma that restates a strike verb's object: 'pounded Islamic State's capital, Raqqa'",
            examples=[Example("Bombers pounded Islamic State's self-declared capital, Raqqa.", "Raqqa", "strike")])
def _apposed_object(c: PlaceContext) -> PlaceRole | None:
    return c.role("strike") if c.prev == "," and _object_apposition(c.before, c.j) else None


@ROLES.rule(70, "listed with a place before", decides="the role of the place it is listed with",
            why="after 'and', 'or', a comma or 'as well as': 'Talbiseh, Rastan and Salamiyah'",
            examples=[Example("Jets struck Talbiseh, Rastan and Salamiyah.", "Salamiyah", "strike"),
                      Example("Warplanes struck headquarters in Idleb city and the towns of Sarmadaq and Maarat Misrin.",
                              "Maarat Misrin", "strike"),
                      Example("Russian artillery shelled the village of Lyptsi, about 20 km to the north, and the town of "
                              "Derhachi, the governor said.", "town of Derhachi", "strike")])
def _listed(c: PlaceContext) -> PlaceRole | None:
    if not (c.prev in COORDINATORS or (c.prev == "as" and c.prev2 == "well")):
        return None
    if (c.prev == "," and c.m.place is not None and c.m.place.precision == "admin2"
            and _is_container(c.i, c.m, c.mentions, c.toks, c.before, c.j)):
        return c.role("container", c.i - 1)  # "in Mir Ali, North Waziristan": the town's district, no second place
    linked = _previous_listed(c.i, c.mentions, c.roles, c.toks)
    if linked is None and c.prev == "as":  # "struck Kafr Nabudah on October 5, as well as Khan Sheikhoun"
        linked = next((k for k in range(c.i - 1, -1, -1) if c.roles[k].role == "strike"), None)
    if linked is None:
        return None
    if c.mentions[linked].place is None:  # "on the villages of Aitaroun, Bint Jbeil and Qana": the list's phrase
        return _after_unknown_head(c, linked)
    first = c.roles[linked]
    if first.role == "strike" and first.qualifier:  # "between Djibo and Arbinda", "near Hodeidah and Zabid"
        return PlaceRole(c.m, "strike", linked, first.qualifier, first.distance_km)
    return c.role(first.role, linked)


@ROLES.rule(72, "the next group of a list by divisions", decides="the role of the places of the group before",
            why="a summary lists places by division, the groups set apart by semicolons: 'air strikes on the areas of "
                "Kostiantynivka and Druzhkivka in Donetsk region; Huliaipole and Stepnohirsk in Zaporizhzhia region'",
            examples=[Example("Jets struck Kostiantynivka and Druzhkivka in Donetsk region; Huliaipole and Stepnohirsk "
                              "in Zaporizhzhia region.", "Huliaipole", "strike")])
def _next_group(c: PlaceContext) -> PlaceRole | None:
    if not _after_semicolon(c) or c.i < 2:
        return None
    division = c.i - 1  # the group before ends on its division ("in Donetsk region")
    if c.roles[division].role != "container" or c.roles[division].link is None:
        return None
    first = c.roles[c.roles[division].link]
    return c.role("strike", c.roles[division].link) if first.role == "strike" and not first.qualifier else None


def _after_semicolon(c: PlaceContext) -> bool:
    """The place opens a group after a semicolon ("; Huliaipole", "; and Chunian")."""
    return c.prev == ";" or c.prev in COORDINATORS and c.prev2 == ";"


@ROLES.rule(79, "the next item of a list set apart by semicolons", decides="strike",
            why="a list whose items carry their own commas, set apart by semicolons: 'the air bases at Rafiqui, near "
                "Shorkot; Murid, in Chakwal district; Rahim Yar Khan; Sukkur; and Chunian'",
            examples=[Example("Officers said jets struck the air bases at Rafiqui, near Shorkot; Murid, in Chakwal district; "
                              "Rahim Yar Khan; Sukkur; and Chunian.", "Sukkur", "strike")])
def _next_semicolon_item(c: PlaceContext) -> PlaceRole | None:
    if not _after_semicolon(c) or c.i < 1:
        return None
    semicolons = [t for t in c.toks.within(*c.content) if t.text == ";"]
    if len(semicolons) < 2:  # (one semicolon joins two clauses; a list has several)
        return None
    before = next((k for k in range(c.i - 1, -1, -1) if c.roles[k].role == "strike"), None)
    if before is None or c.roles[before].qualifier:
        return None
    return c.role("strike", before)


def _after_unknown_head(c: PlaceContext, linked: int) -> PlaceRole | None:
    """A list whose first name the gazetteer does not know takes its role from the phrase that
    governs that name: a strike place in a locative phrase, nothing otherwise."""
    demonyms = {d.start for d in c.mentions if d.kind == "demonym"}
    head = PlaceContext(linked, c.mentions[linked], c.mentions, c.roles, c.toks, c.content, demonyms)
    if not hasattr(head, "prev"):
        return None
    if head.prev in COORDINATORS and (before := _previous_listed(linked, c.mentions, c.roles, c.toks)) is not None \
            and c.mentions[before].place is not None:
        # "in Idleb city and the towns of Sarmada and Maarat Misrin": the unknown name is listed too
        return c.role(c.roles[before].role, before)
    if head.locative not in LOCATIVE:
        return None
    return PlaceRole(c.m, "strike", linked, head.qualifier, head.distance_km) if head.qualifier else c.role("strike", linked)


@ROLES.rule(73, "where observers are", decides="other",
            why="the place of people who comment from afar: 'Analysts in Islamabad believe the resumption of drone "
                "strikes ...'",
            examples=[Example("Analysts in Islamabad believe the drone strikes will resume.", "Islamabad", "other")])
def _observers_in(c: PlaceContext) -> PlaceRole | None:
    return c.role("other") if c.prev in ("in", "from", "based") and c.prev2 in _OBSERVERS else None


_OBSERVERS = vocab.words("observer_nouns")


@ROLES.rule(71, "in a clause of what a striker habitually does", decides="other",
            why="a relative clause that tells what a weapon or unit regularly does describes it, not this attack: "
                "'bombers, which regularly take part in missile attacks on cities including Kyiv and Lviv'",
            examples=[Example("Drones hit a fuel depot at Engels, home to bombers which regularly take part in missile "
                              "attacks on cities including Kyiv and Lviv.", "Kyiv", "other")])
def _in_a_habit_clause(c: PlaceContext) -> PlaceRole | None:
    for k in range(len(c.before) - 1, max(-1, len(c.before) - 1 - _HABIT_CLAUSE_REACH), -1):
        word = c.before[k].lower
        if word in (";", ":") or c.before[k].text in _OPENING_QUOTES:
            return None
        if word in ("which", "who"):
            habit = any(t.lower in _HABIT_ADVERBS for t in c.before[k + 1:])
            return c.role("other") if habit else None
    return None


_HABIT_CLAUSE_REACH = 14  # tokens back to "which": "which regularly take part in missile attacks on Ukrainian cities including"
_HABIT_ADVERBS = frozenset(("regularly", "routinely", "habitually", "frequently", "usually", "typically", "often"))


@ROLES.rule(74, "between two governments", decides="other",
            why="places that stand for the two sides of a relation: 'tacit coordination between Islamabad and "
                "Washington', 'talks between Moscow and Kyiv'",
            examples=[Example("The drone strikes signalled tacit coordination between Islamabad and Washington.",
                              "Islamabad", "other")])
def _between_governments(c: PlaceContext) -> PlaceRole | None:
    if c.prev != "between":
        return None
    words = [t.lower for t in c.before[max(0, c.j - 3):c.j]]
    return c.role("other") if any(w in _RELATION_NOUNS for w in words) else None


_RELATION_NOUNS = vocab.words("between_relation_nouns")


@ROLES.rule(75, "named among what was hit", decides="strike",
            why="a place after 'including' (or a source's 'naming') once a strike verb has named what was hit: 'had hit "
                "dozens of military centres and air bases, including the Nevatim air base'",
            examples=[Example("The missiles hit dozens of military centres and air bases, including the Nevatim air base.",
                              "Nevatim air base", "strike")])
def _among_the_hit(c: PlaceContext) -> PlaceRole | None:
    if not (c.prev in ("including", "naming", "listing") or (c.prev, c.prev2) in (("as", "such"), ("them", "among"))):
        return None  # (a source that names the places after its words: "WAFA reported, naming Kafr Dan and Burqin")
    return c.role("strike") if any(t.lower in STRIKE_VERBS for t in c.before[:c.j]) else None


@ROLES.rule(76, "listed in a locative phrase", decides="strike",
            why="the places a locative phrase's settlements include are where it places the attack: 'drone attacks "
                "were documented in villages along the right bank of the river, including Bilozerka and Stanislav'",
            examples=[Example("Drone attacks were documented in villages along the river, including Bilozerka and "
                              "Stanislav.", "Bilozerka", "strike")])
def _listed_in_a_locative(c: PlaceContext) -> PlaceRole | None:
    if c.prev != "including":
        return None
    start = c.j - 2 if c.j >= 1 and c.before[c.j - 1].text == "," else c.j - 1  # ", including"
    for k in range(start, max(-1, start - _LISTED_REACH), -1):
        word = c.before[k]
        if word.text in _CLAUSE_ENDS or word.lower in ("that", "which", "who", "where", "after", "before"):
            return None
        if word.lower in _SETTLEMENT_PLURALS:
            # "in villages", "in several villages", "across the border villages"
            gap = [t.lower for t in c.before[max(0, k - _PLURAL_MODIFIERS):k]]
            return c.role("strike") if any(w in LOCATIVE for w in gap) else None
    return None


@ROLES.rule(77, "listed after names the gazetteer lacks", decides="strike",
            why="a list a locative or a strike verb opens, whose first names the gazetteer lacks: 'precision strikes "
                "on military targets at Rafiqui, Murid, Chaklala and Rahim Yar Khan'",
            examples=[Example("Jets carried out precision strikes on targets at Rafiki, Chaklala and Sargodha.",
                              "Chaklala", "strike")])
def _listed_after_unknown_names(c: PlaceContext) -> PlaceRole | None:
    if c.prev not in (",", "and") or c.locative in LOCATIVE:
        return None
    after = c.toks.first(c.m.end, c.content[1])
    if after is not None and after.lower in _CLAUSE_VERBS:  # "..., and Washington has redesignated the group"
        return None
    names, k = 0, c.j - 1
    while k >= 0:
        t = c.before[k]
        if t.text[:1].isupper() and t.text.replace("-", "").isalpha() and t.lower not in _CALENDAR and not any(
                o.start <= t.start < o.end for o in c.mentions):
            names += 1
        elif t.text != "," and t.lower != "and":
            break
        k -= 1
    if k > 0 and c.before[k].lower == "the":  # "in the Metina, Gara and Qandil regions"
        k -= 1
    if not names or k < 0 or names > _UNKNOWN_LISTED:
        return None
    opener = c.before[k].lower
    return c.role("strike") if opener in LOCATIVE or opener in STRIKE_VERBS else None


_UNKNOWN_LISTED = 8  # words of names the gazetteer lacks before the place, in the list
_CLAUSE_VERBS = frozenset("has have had is was were are said says will would could can did does".split())
_CALENDAR = frozenset("january february march april may june july august september october november december monday "
                      "tuesday wednesday thursday friday saturday sunday".split())


_LISTED_REACH = 10  # tokens back from "including" to the settlements: "villages along the right bank of the river,"
_PLURAL_MODIFIERS = 3  # "in several nearby villages", "across the border villages"
_SETTLEMENT_PLURALS = vocab.words("settlement_plurals")


@ROLES.rule(78, "named after 'including' in what was hit", decides="strike",
            why="'opened fire on Armenian positions and towns along the border, including Jermuk, Goris and Sotk': the "
                "places a list of what was hit names",
            examples=[Example("The ministry said Azerbaijani forces had opened fire \"with artillery\" on Armenian positions and "
                              "towns along the eastern border, including Jermuk.", "Jermuk", "strike")])
def _including_in_what_was_hit(c: PlaceContext) -> PlaceRole | None:
    if c.prev not in _LIST_OPENERS:
        return None
    for t in reversed(c.before[max(0, c.j - _INCLUDING_REACH):c.j]):
        if t.text in (";", ":"):
            return None
        if t.lower in STRIKE_VERBS or t.lower in STRIKE_PARTICIPLES or t.lower in _ATTACK_NOUNS or t.lower == "fire":
            return c.role("strike")
    return None


_INCLUDING_REACH = 32  # tokens from the attack word to "including"


@ROLES.rule(80, "stands for its government", decides="other",
            why="a place whose possessive owns a stance or a policy: 'Moscow's insistence'",
            examples=[Example("Jets struck Idlib despite Moscow's insistence on a truce.", "Moscow", "other"),
                      Example("Ukraine struck three refineries in long-range drone attacks aimed at Moscow's fuel exports.",
                              "Moscow", "other")])
def _government(c: PlaceContext) -> PlaceRole | None:
    return c.role("other") if _stands_for_its_government(c.m, c.toks, c.content) else None


@ROLES.rule(90, "subject of a passive strike verb", decides="strike",
            why="'the nearby town of al-Rastan was also bombarded', 'X had been shelled'",
            examples=[Example("The nearby town of Rastan was also bombarded.", "town of Rastan", "strike")])
def _passive_subject(c: PlaceContext) -> PlaceRole | None:
    return c.role("strike") if _struck_in_passive(c.m, c.toks, c.content) else None


@ROLES.rule(93, "left without power by the attack", decides="strike",
            why="the place whose power or water an attack cut is where it struck: 'Chernihiv is almost entirely "
                "without electricity after a series of Russian drone strikes on energy infrastructure'",
            examples=[Example("Chernihiv is almost entirely without electricity after Russian drone strikes on energy "
                              "infrastructure.", "Chernihiv", "strike")])
def _left_without_power(c: PlaceContext) -> PlaceRole | None:
    words = [t.lower for t in c.toks.within(c.m.end, c.content[1])[:_OUTAGE_REACH]]
    if not words or words[0] not in _OUTAGE_VERBS:
        return None
    k = next((j for j, w in enumerate(words) if w in _OUTAGE_OPENERS), None)
    return c.role("strike") if k is not None and k + 1 < len(words) and words[k + 1] in _SUPPLIES else None


_OUTAGE_REACH = 8  # "Chernihiv is almost entirely without electricity": words after the name
_OUTAGE_VERBS = frozenset(("is", "was", "were", "are", "remains", "remained", "has", "have", "had", "lost", "left"))
_OUTAGE_OPENERS = frozenset(("without", "lost", "losing"))
_SUPPLIES = frozenset(("power", "electricity", "water", "heat", "heating", "gas", "light"))


@ROLES.rule(95, "a list that came under fire", decides="strike",
            why="places listed as the subject of 'came under fire', 'were shelled': 'the communities of Yunakivka, "
                "Khotin and Esman came under fire'",
            examples=[Example("The villages of Yunakivka, Khotin and Esman came under fire.", "villages of Yunakivka",
                              "strike"),
                      Example("Nikopol, Marhanets and Pokrovske communities came under fire.", "Nikopol", "strike"),
                      Example("The governor said Russian shelling hit 14 settlements, with Stepnohirsk and "
                              "Prymorske, south of the city, among the hardest hit.", "Stepnohirsk", "strike")])
def _list_under_fire(c: PlaceContext) -> PlaceRole | None:
    if _list_then_struck(c.i, c.mentions, c.toks, c.content):
        return c.role("strike")
    # "412 attacks were recorded, with Stepnohirsk and Prymorske, on the southern approaches, among the hardest hit"
    after = c.toks.within(c.m.end, c.content[1])[:_HARDEST_HIT_REACH]
    if not any(t.lower in ("hardest", "worst") for t in after):
        return None
    return c.role("strike") if _HARDEST_HIT_RE.match(" " + " ".join(t.text for t in after)) else None


# A place (or list) the attacks told hit hardest, an apposition between: "..., among the hardest hit"
_HARDEST_HIT_REACH = 20  # tokens after the place
_HARDEST_HIT_RE = re.compile(r"(?:(?:,?\s+(?:and|or)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)*)?(?:\s*,[^,.;]{0,60},)?\s*"
                             r"(?:(?:were|was)\s+)?(?:among\s+)?the\s+(?:hardest|worst)[- ](?:hit|affected)\b")


def _list_then_struck(i: int, mentions: list[Mention], toks: TokenIndex, content: tuple[int, int]) -> bool:
    """Whether the list this place stands in (names, commas, "and", "the communities of") is
    followed by "came under fire" or a passive strike verb."""
    k = i
    while k + 1 < len(mentions) and mentions[k + 1].start < content[1]:
        gap = toks.within(mentions[k].end, mentions[k + 1].start)
        if not gap or len(gap) > 4 or not all(t.text == "," or t.lower in _LIST_JOINERS for t in gap):
            break
        k += 1
    after = toks.within(mentions[k].end, content[1])[:_LIST_TAIL_REACH]
    # names the gazetteer lacks may end the list: "the towns of Bint Jbeil and Aitaroun came under fire"
    n = 0
    while n < len(after) and n < _UNKNOWN_NAMES_REACH and after[n].text[:1].isupper() or (
            n < len(after) and after[n].lower in (",", "and", "or", "-", *_ARTICLE_WORDS) and n + 1 < len(after)):
        n += 1
    if n and any(t.text[:1].isupper() for t in after[:n]) and after[n - 1].text[:1].isupper():
        after, k = after[n:], k + 1  # (k moved on: a list, not a single place)
    after = after[:6]
    words = [t.lower for t in after]
    if words and words[0] in _LIST_KIND_WORDS:  # "Nikopol, Marhanets and Pokrovske communities came under fire"
        words = words[1:]
    if len(words) >= 2 and words[0] in ("came", "come", "comes") and words[1] == "under":
        return True
    if k == i:  # a single place before a passive verb: the passive-subject rule reads it
        return False
    aux = next((j for j, w in enumerate(words[:3]) if w in _PASSIVE_AUXILIARIES), None)
    return aux is not None and any(w in STRIKE_PARTICIPLES for w in words[aux + 1:aux + 3])


_LIST_KIND_WORDS = vocab.words("list_kind_words")
_LIST_TAIL_REACH = 14  # tokens after the list's last known name
_UNKNOWN_NAMES_REACH = 8  # tokens of names the gazetteer lacks at the list's end
_ARTICLE_WORDS = vocab.words("arabic_articles")
_LIST_JOINERS = frozenset(("and", "or", "the", "of", "as", "well")) | _LIST_KIND_WORDS


@ROLES.rule(100, "describes the place before", decides="reference",
            why="'Hmeimim airbase, near Latakia': where the place before lies, not a strike of its own",
            examples=[Example("Jets struck the Shaer gas field, near Palmyra.", "Palmyra", "reference"),
                      Example("Air strikes hit a market in Douma, a rebel-held town on the edge of the Syrian capital.",
                              "Syrian capital", "reference"),
                      Example("Indian missiles struck Muridke near Lahore.", "Lahore", "reference"),
                      Example("Troops in Debaltseve, a key rail junction between the rebel strongholds of Donetsk and "
                              "Luhansk, came under heavy bombardment.", "Donetsk", "reference"),
                      Example("A drone targeted the Imam Ali air base in Dhi Qar province, near the southern city of "
                              "Nasiriyah.", "southern city of Nasiriyah", "strike")])
def _describes(c: PlaceContext) -> PlaceRole | None:
    if c.prev in _NEAR and c.i > 0 and _describes_previous(c.m, c.mentions[c.i - 1], c.toks):
        before = c.mentions[c.i - 1].place
        if (before is not None and before.precision == "admin1" and c.m.place.precision == "locality"
                and c.m.place.admin1_key == before.admin1_key and c.roles[c.i - 1].role == "strike"):
            # "the Imam Ali air base in Dhi Qar province, near the southern city of Nasiriyah": the town says where
            # in the division the strike was (the division then only holds it)
            return PlaceRole(c.m, "strike", c.i - 1, "near")
        return c.role("reference")
    if (c.i > 0 and c.mentions[c.i - 1].place is not None and c.mentions[c.i - 1].place.precision == "locality"
            and _kind_apposition(c.toks.within(c.mentions[c.i - 1].end, c.m.start))):
        return c.role("reference")  # "Douma, a rebel-held town on the edge of the Syrian capital"
    return None


def _kind_apposition(gap: list) -> bool:
    """", a rebel-held town on the edge of the": an apposition that says what the place before is and where it lies."""
    if len(gap) < 4 or gap[0].text != "," or gap[1].lower not in ("a", "an") or len(gap) > _KIND_APPOSITION_WORDS:
        return False
    words = [t.lower for t in gap[2:]]
    kind = next((k for k, w in enumerate(words) if w in _PLACE_KINDS), None)
    return (kind is not None and kind + 1 < len(words) and words[-1] in _WHERE_WORDS_END
            and not any(w in STRIKE_VERBS or w in STRIKE_PARTICIPLES or w in (",", ";") for w in words))


# (not "camp", "base", "port": ", a militant field camp in Idlib" is the next item of a list of targets)
_PLACE_KINDS = frozenset(("town", "village", "city", "district", "suburb", "neighbourhood", "neighborhood", "hamlet",
                          "junction", "hub", "crossroads"))  # (", a key rail junction between ...")
_WHERE_WORDS_END = frozenset(("of", "the", "near", "outside", "in", "from", "to"))
_KIND_APPOSITION_WORDS = 14  # tokens from the comma to the place: ", a small farming town on the southern edge of the"


@ROLES.rule(110, "division of a named place", decides="container",
            why="'Qaryatain in Homs province': the division or country the place before lies in",
            examples=[Example("Jets struck Qaryatain in Homs province.", "Homs province", "container"),
                      Example("Missiles hit a training ground near the village of Starychi in the Yavoriv district.",
                              "Yavoriv", "container")])
def _container(c: PlaceContext) -> PlaceRole | None:
    if c.locative in LOCATIVE and _is_container(c.i, c.m, c.mentions, c.toks, c.before, c.j):
        return c.role("container", c.i - 1)
    return None


@ROLES.rule(120, "where the striker was", decides="origin",
            why="a locative right after a launch noun: 'the fleet in the Caspian', 'jets based in Latakia'",
            examples=[Example("Jets based in Latakia struck a camp in Idlib.", "Latakia", "origin")])
def _launch_site(c: PlaceContext) -> PlaceRole | None:
    if c.locative not in LOCATIVE or c.prev2 not in LAUNCH_NOUNS:
        return None
    if c.prev2 in _FIRING and c.prev in _AIMED:  # "Turkey fired on Qamishli": where the fire went
        return None
    # unless the base is what was struck: "struck bases outside X"
    struck = any(t.lower in STRIKE_PARTICIPLES or t.lower in _STRIKING or t.lower == "by"
                 for t in c.before[max(0, c.j - 1 - _OBJECT_REACH):c.j - 1])
    if not struck and c.prev2 in _BASE_NOUNS:  # "hit one of its headquarters at the Kalsu military base near X"
        # "a strike ... on a military airfield near X": the base is what the attack went against
        lead = c.before[max(0, c.j - 1 - _BASE_MODIFIERS):c.j - 1]
        aimed = c.before[max(0, c.j - 1 - _AIMED_REACH):c.j - 1]
        # ("the group fired mortars at a military base in Dikwa": the aiming verb a few words before "at")
        struck = any(t.lower in _ATTACKED_BASE for t in lead) or any(
            t.lower in _AIMED and any(a.lower in _AIMING for a in aimed[max(0, k - _AIM_GAP):k]) for k, t in enumerate(aimed))
        # ("missiles were fired at Ain al-Asad air base in western Anbar": the base fired at, where it lies)
    if not struck:
        # "missiles struck the headquarters of the Black Sea Fleet in Sevastopol": what the verb hit, unless
        # the launcher is where the fire came from ("hit targets in Syria from ships in the Caspian")
        clause = c.before[:c.j - 1]
        opened = max((k for k, t in enumerate(clause) if t.text in _CLAUSE_ENDS), default=-1)
        verb = max((k for k in range(opened + 1, len(clause)) if clause[k].lower in _STRUCK
                    or clause[k].lower in STRIKE_PARTICIPLES), default=None)
        struck = verb is not None and (c.prev2 in _BASE_NOUNS or not any(
            t.lower in _LAUNCHED_FROM for t in clause[verb + 1:]))
        # "air defence batteries at bases near Tabriz", "and at an air base on the edge of Tabriz": a base
        # is where strikers were only when the clause says they set out or are kept there
        if not struck and c.prev2 in _BASE_NOUNS and not any(t.lower in _LAUNCH_CUES for t in clause[opened + 1:]):
            return None
    return None if struck else c.role("origin")


_LAUNCH_CUES = vocab.words("launch_cues")


_BASE_NOUNS = vocab.words("base_nouns")
_LAUNCHED_FROM = frozenset(("from", "by", "aboard", "off", "using", "with"))
# ... a base: what an attack went at ("targets, including the air bases at Udhampur")
_ATTACKED_BASE = frozenset(("on", "against", "targeting", "targeted", "including"))
_AIMED_REACH = 8  # "fired at Ain al - Asad air": tokens back from the base noun to the aimed verb
_AIM_GAP = 3  # "fired two mortars at": tokens from the aiming verb to its preposition
_BASE_MODIFIERS = 4  # words between such a word and the base noun: "on a Russian military air base"
_FIRING = frozenset(("fired", "launched"))
_AIMING = _FIRING | frozenset(("aimed", "directed", "lobbed", "shot"))
_AIMED = frozenset(("on", "upon", "into", "onto", "toward", "towards", "at"))
# Strike verbs that are no nouns ("strike aircraft at its base" strikes nothing there).
_STRUCK = frozenset(w for w in STRIKE_VERBS if w.endswith(("ed", "ing")) or w in ("hit", "hits", "struck"))


@ROLES.rule(130, "where people meet, speak or govern", decides="other",
            why="a locative after a venue noun ('told reporters in Moscow'), 'called on X', a road, a flight path",
            examples=[Example("Activists said jets struck Idlib as ministers met in Vienna.", "Vienna", "other"),
                      Example("The shelling of Barda came on the day the foreign minister met the mediators of the Minsk "
                              "Group in Geneva.", "Geneva", "other"),
                      Example("Iraq's Ministry of Foreign Affairs in Baghdad condemned the drone strikes on Sinjar.",
                              "Baghdad", "other"),
                      Example("The strikes on Barmal marked a sharp deterioration in relations with the Taliban rulers in "
                              "Kabul.", "Kabul", "other"),
                      Example("Missiles hit Mykolaiv on Tuesday as peace talks resumed in Istanbul.", "Istanbul", "other"),
                      Example("The raids came as the envoy was in Kabul for talks with Taliban officials.", "Kabul", "other"),
                      Example("Drone strikes killed 12 people and the UN office in Geneva condemned the attacks.", "Geneva", "other"),
                      Example("Jets struck camps in Sambisa on Monday, a day after a parade at the Air Force Military School "
                              "in Jos.", "Jos", "other"),
                      Example("The Huthis accused the coalition of shelling Hodeidah, in breach of a ceasefire agreed in Sweden.",
                              "Sweden", "other"),
                      Example("Jets struck a convoy on the Damascus-Aleppo highway.", "Damascus", "other"),
                      Example("The raid came as security forces tried to reassert control over the Jenin camp.", "Jenin",
                              "other"),
                      Example("Jets struck militants behind attacks along the Maiduguri-Damaturu and Damaturu-Biu roads.",
                              "Maiduguri", "other"),
                      Example("Its spokesman told state television late on Tuesday in the capital, Naypyitaw, that the air "
                              "force had targeted an office in Pazigyi.", "Naypyitaw", "other"),
                      Example("A drone strike in March on a tribal council in Datta Khel killed 40 people and triggered "
                              "protests in Peshawar.", "Peshawar", "other"),
                      Example("MSF said the bombing went on for 30 minutes after it alerted officials in Kabul that its "
                              "hospital in Kunduz was being hit.", "Kabul", "other"),
                      Example("The group said it had verified each strike and had sent its findings to the Israeli military's "
                              "media office in Tel Aviv.", "Tel Aviv", "other")])
def _venue(c: PlaceContext) -> PlaceRole | None:
    if c.locative not in LOCATIVE:
        return None
    before, j = c.before, c.j
    if c.prev2 in _GATHERED and _struck_gathering(before, j - 1):
        return None  # "a drone strike neutralised twenty terrorists gathered near Inekar": where the strike hit them
    if c.prev2 in VENUE_NOUNS and _venue_struck(before, j - 1):
        return None  # "A strike in March last year on a tribal council in Datta Khel": the gathering was what was hit
    if c.prev2 in VENUE_NOUNS or (c.prev == "on" and c.prev2 in _CALLS_ON) or (c.prev == "over" and c.prev2 in _RULE_OVER) \
            or _names_route(c.m, c.toks, c.content) or (
            c.prev in PATH_PREPOSITIONS and any(t.lower in MOTION_VERBS for t in before[max(0, j - _MOTION_REACH):j])):
        return c.role("other")
    if c.prev in ("in", "at") and (_held_venue(before, j) or _for_a_meeting(c) or _speaks_from(c) or _named_venue(before, j)
                                   or _venue_of_a_name(before, j)
                                   or _reacts_in(c) or _said_there(c) or _officials_contacted(before, j)
                                   or c.prev2 in _OFFICE_NOUNS and _sent_to(before, j - 1)):
        return c.role("other")
    # "a news conference at army headquarters in Rawalpindi": the venue's own place
    for k in range(j - 2, max(0, j - 2 - _VENUE_REACH), -1):
        if before[k].lower in ("at", "in") and before[k - 1].lower in VENUE_NOUNS:
            return c.role("other")
        if before[k].text in _CLAUSE_ENDS or before[k].lower in STRIKE_VERBS:
            break
    return None


# "reassert control over the Jenin camp", "a dispute over Abyei": who rules a place, not a strike on it
_RULE_OVER = frozenset(("control", "authority", "sovereignty", "jurisdiction", "influence", "dispute", "disputes", "row",
                        "tensions", "talks", "negotiations", "claims", "power"))
_SIDE_DIRECTIONS = frozenset("north south east west northern southern eastern western north-eastern north-western "
                             "south-eastern south-western northeastern northwestern southeastern southwestern".split())
_GATHERED = frozenset(("gathered", "gathering", "massed", "massing", "assembled"))
# What a strike does to the people it finds gathered: "killed", "neutralised", "hit", "a drone strike".
_STRUCK_PEOPLE = STRIKE_VERBS | frozenset(("killed", "killing", "neutralised", "neutralized", "neutralising", "neutralizing",
                                           "strikes", "raid", "raids", "airstrike", "airstrikes"))
_CLAUSE_JOINERS = frozenset(("as", "while", "when", "after", "before", "and", "but", "where"))


def _sent_to(before: list, k: int) -> bool:
    """The office ``before[k]`` is where something was sent or said: "sent its findings to the military's media office"."""
    for i in range(k - 1, max(-1, k - 1 - _SENT_TO_REACH), -1):
        if before[i].lower == "to":
            return i > 0 and any(t.lower in _SENDING for t in before[max(0, i - _SENT_TO_REACH):i])
        if before[i].text in _CLAUSE_ENDS or before[i].lower in STRIKE_VERBS:
            return False
    return False


_OFFICE_NOUNS = frozenset(("office", "offices", "headquarters", "bureau", "mission", "secretariat"))
_SENDING = frozenset(("sent", "send", "sends", "sending", "submitted", "submit", "forwarded", "handed", "delivered", "passed",
                      "addressed", "wrote", "written", "complained", "complaint", "appealed", "reported", "shared", "provided"))
_SENT_TO_REACH = 6  # words between "to" and the office, and between the sending verb and "to"


def _venue_of_a_name(before: list, j: int) -> bool:
    """The place's "in" follows a name whose head is a venue noun or a ministry: "met the mediators of the Minsk
    Group in Geneva", "Iraq's Ministry of Foreign Affairs in Baghdad", "the Taliban rulers in Kabul" (not what an
    attack went at: "a strike on the Ministry of Defence in Kyiv")."""
    for k in range(j - 1, max(-1, j - 1 - _NAME_REACH), -1):
        t = before[k]
        if t.lower in VENUE_NOUNS or t.lower in _GOVERNING_NOUNS:
            # (what an attack went at is no venue: "the suicide bombing outside the Interior Ministry in Ankara")
            return k > 0 and (t.text[0].isupper() or before[k - 1].lower in ("the", "its", "their", "his", "her") or
                              before[k - 1].text[0].isupper()) and not _venue_struck(before, k) and not any(
                w.lower in _ATTACK_NOUN_WORDS or w.lower in STRIKE_VERBS or w.lower in STRIKE_PARTICIPLES
                for w in before[max(0, k - _ATTACK_BEFORE_NAME):k])
        if not (t.text[0].isupper() or t.lower in ("of", "the", "for", "and", "'s", "’s")):
            return False
    return False


_NAME_REACH = 6  # words of a name between its head and "in": "the mediators of the Minsk Group in"
_ATTACK_BEFORE_NAME = 4  # words from an attack noun to the name's head: "bombing outside the Interior Ministry"
_GOVERNING_NOUNS = frozenset(("ministry", "ministries", "rulers"))


def _venue_struck(before: list, k: int) -> bool:
    """The venue noun ``before[k]`` is what an attack went at: "a strike ... on a tribal council", "bombed a meeting"."""
    lo = max(0, k - _VENUE_OBJECT_REACH)
    for i in range(k - 1, lo - 1, -1):
        t = before[i]
        if t.lower in _VENUE_HIT:
            if t.lower not in ("on", "against"):
                return True
            # ("on a tribal council" after "A strike in March last year", not "on state television", "calls on the
            # governments in London")
            for x in reversed(before[max(0, i - _ATTACK_BEFORE_ON):i]):
                if x.text in _CLAUSE_ENDS:
                    return False
                if x.lower in _ATTACK_NOUN_WORDS or x.lower in STRIKE_PARTICIPLES:
                    return True
            return False
        if not (t.lower in ("a", "an", "the") or t.text.isalpha() and t.text.islower() and t.lower not in STRIKE_VERBS):
            return False  # ("the strike came as talks in Geneva": no attack on the talks)
    return False


_VENUE_OBJECT_REACH = 3  # words between "on" or a strike verb and the venue noun: "on a tribal council"
_ATTACK_BEFORE_ON = 8  # words from the attack noun to its "on": "A strike in March last year on"
_VENUE_HIT = frozenset(("on", "against", "targeting", "targeted", "hit", "struck", "bombed", "shelled", "attacked"))


def _struck_gathering(before: list, k: int) -> bool:
    """The people gathered (``before[k]``) are what a strike told earlier in their clause hit (not
    "as mourners gathered in Tehran")."""
    for t in reversed(before[:k]):
        if t.text in ",;:—–" or t.lower in _CLAUSE_JOINERS:  # (past brackets: "of the Islamic State (ISSP) gathered")
            return False
        if t.lower in _STRUCK_PEOPLE:
            return True
    return False


_VENUE_REACH = 3  # words between a venue's "at" and the place's preposition: "at army headquarters in"
# What talks do where they are held: "as peace talks resumed in Istanbul", "the summit being held in".
_HELD_WORDS = vocab.words("held_words")
_AGREED_WORDS = vocab.words("agreed_words")
_AGREEMENT_NOUNS = vocab.words("agreement_nouns")
_MEETING_NOUNS = vocab.words("meeting_nouns")


def _held_venue(before: list, j: int) -> bool:
    """A venue noun and a few words of its happening before the place's "in": "talks resumed in";
    or an agreement and where it was made: "a ceasefire agreed in Sweden"."""
    k = j - 1
    while k >= 0 and j - 1 - k < 3 and (before[k].lower in _HELD_WORDS or before[k].lower in _AGREED_WORDS):
        k -= 1
    if k == j - 1 or k < 0:
        return False
    agreed = any(t.lower in _AGREED_WORDS for t in before[k + 1:j])
    return before[k].lower in VENUE_NOUNS or agreed and before[k].lower in _AGREEMENT_NOUNS


def _named_venue(before: list, j: int) -> bool:
    """"said at a passing-out parade at the Air Force Military School in Jos": a named hall, school or
    base where an event or a speech took place."""
    k = j - 1
    while k >= 0 and j - 1 - k < _NAMED_VENUE_WORDS and (before[k].text[:1].isupper() or before[k].lower in _ARTICLES):
        k -= 1
    return k < j - 1 and k >= 1 and before[k].lower == "at" and (before[k - 1].lower in VENUE_NOUNS
                                                                  or before[k - 1].lower in _EVENT_NOUNS)


_NAMED_VENUE_WORDS = 6  # "the Air Force Military School": a venue's name between "at" and "in"
_EVENT_NOUNS = vocab.words("venue_events")


def _reacts_in(c: PlaceContext) -> bool:
    """"In Kyiv, President Zelensky called the attack a brutal blow": a place set before a reaction to the
    attack (the attack its object, no strike verb in the clause) is where the reaction was."""
    if c.j != 0:  # the place's "in" opens the reported words
        return False
    after = c.toks.within(c.m.end, c.content[1])
    if not after or after[0].text != ",":
        return False
    for k, t in enumerate(after[1:_REACTOR_WORDS + 2], start=1):
        if t.lower in STRIKE_VERBS or t.text in ";:":
            return False
        if t.lower in _REACTION_VERBS:
            return not any(u.lower in STRIKE_VERBS for u in after[k + 1:])
    return False


_REACTOR_WORDS = 6  # "President Volodymyr Zelensky": the subject between the place's comma and its verb
_REACTION_VERBS = vocab.words("reaction_verbs")


def _speaks_from(c: PlaceContext) -> bool:
    """"the UN human rights office in Geneva raised concerns": the place of whoever speaks next."""
    after = [t.lower for t in c.toks.within(c.m.end, c.content[1])[:_SPEAKING_REACH]]
    k = 0  # past "has", "had", "also", "repeatedly": "the office in Geneva has repeatedly raised concerns"
    while k < len(after) - 1 and (after[k] in _HELPING_WORDS or after[k].endswith("ly")):
        k += 1
    return bool(after) and after[k] in _SPEAKING_VERBS


def _officials_contacted(before: list, j: int) -> bool:
    """"after it alerted officials in Kabul and Washington that its hospital was being hit": where the people told are."""
    return (j >= 2 and before[j - 1].lower in _OFFICIAL_NOUNS
            and any(t.lower in _CONTACTING for t in before[max(0, j - 4):j - 1]))


_OFFICIAL_NOUNS = frozenset(("officials", "authorities", "commanders", "leaders", "counterparts", "allies", "partners"))
_CONTACTING = frozenset(("alerted", "alert", "alerting", "informed", "inform", "notified", "notify", "contacted", "contact",
                         "warned", "warn", "told", "tell", "urged", "urge", "asked", "ask", "briefed", "brief", "lobbied",
                         "pressed", "called", "phoned"))


def _said_there(c: PlaceContext) -> bool:
    """"told state television late Tuesday in the capital, Naypyitaw, that ...": where the words were said, between
    the speech verb and what it says."""
    after = [t.lower for t in c.toks.within(c.m.end, c.content[1])[:2]]
    if not (after[:1] == ["that"] or after == [",", "that"]):
        return False
    back = c.toks.within(max(0, c.m.start - _SAID_THERE_REACH), c.m.start)  # (the verb may stand before the reported words)
    return any(t.lower in _SPEAKING_VERBS for t in back) and not any(t.lower in STRIKE_VERBS for t in back)


_SAID_THERE_REACH = 80  # characters back from the place to the speech verb
_SPEAKING_REACH = 4  # words after the place: up to two helping words or adverbs, then the verb
_HELPING_WORDS = frozenset(("has", "have", "had", "also", "again", "already", "did", "does", "do", "not", "never", "would"))


_SPEAKING_VERBS = vocab.words("speaking_verbs")


def _for_a_meeting(c: PlaceContext) -> bool:
    """"was in Kabul for talks with Taliban officials": the place is where someone went to meet."""
    after = c.toks.within(c.m.end, c.content[1])[:4]
    if not after or after[0].lower != "for":
        return False
    rest = [t.lower for t in after[1:]]
    if rest and rest[0] in _ARTICLES:
        rest = rest[1:]
    return bool(rest) and (rest[0] in _MEETING_NOUNS or len(rest) > 1 and rest[1] in _MEETING_NOUNS)


@ROLES.rule(133, "the cause a strike was for", decides="other",
            why="a place inside 'in support of', 'in solidarity with', 'in retaliation for', 'to avenge' ... : whom or "
                "what the attackers name as their cause ('in support of our people in the Gaza Strip'), not where they hit",
            examples=[Example("Hezbollah said it had targeted the Metula settlement with guided missiles in support of "
                              "the Palestinian people in the Gaza Strip.", "Gaza Strip", "other"),
                      Example("The group said it had targeted the base with missiles and would go on as long as the aggression "
                              "on Gaza continues.", "Gaza", "other"),
                      Example("Jets struck a camp near Sabratha, killing an operative linked to two attacks in Tunisia last "
                              "year.", "Tunisia", "other"),
                      Example("Jets struck a camp near Sabratha, killing a man who helped organise the killing of 21 "
                              "tourists at the Bardo museum in Tunis.", "Tunis", "other")])
def _cause(c: PlaceContext) -> PlaceRole | None:
    if c.locative not in LOCATIVE:
        return None
    before = c.before[:c.j]
    for k in range(len(before) - 1, max(-1, len(before) - 1 - _CAUSE_REACH), -1):
        word = before[k].lower
        if word in STRIKE_VERBS or before[k].text in _CLAUSE_ENDS:
            return None
        if word in _CAUSE_HEADS and _CAUSE_RE.match(" ".join(t.lower for t in before[max(0, k - 1):k + 2])):
            return c.role("other")
    return None


_CAUSE_REACH = 20  # words from "in support of" to the place: "in support of our steadfast Palestinian people in"
_CAUSE_HEADS = frozenset(("support", "solidarity", "retaliation", "revenge", "response", "avenge", "defence", "defense", "long",
                          "responsible", "blamed", "behind", "linked", "tied", "connected", "organise", "organize",
                          "organised", "organized", "orchestrated", "masterminded", "plotted"))
# ... or the condition they set for going on: "as long as the aggression on Gaza continues"; or the past
# attacks the targets are blamed for: "commanders responsible for recent attacks inside Pakistan"
_CAUSE_RE = re.compile(r"^(?:in (?:support|solidarity|retaliation|revenge|response|defen[cs]e) (?:of|with|for|to)|to avenge \S+|as long as"
                       r"|(?!(?:was|were|is|are|be|been|being|held|not) )\w+ (?:responsible|blamed) for"
                       # "a Tunisian operative linked to two deadly attacks in Tunisia"
                       r"|(?!(?:was|were|is|are|be|been|being|not) )\w+ (?:linked|tied|connected) to"
                       # "who Washington says helped organise the killing of 21 tourists at the Bardo museum in Tunis"
                       r"|\w+ (?:organi[sz]ed?|orchestrated|masterminded|plotted) \S+"
                       r"|(?!(?:was|were|is|are|be|been|being|not) )\w+ behind (?:recent|previous|earlier|past|several|many|a series))")


@ROLES.rule(134, "where a toll was counted since a date", decides="other",
            why="'more than 650 Palestinians have been killed in the West Bank since October 7': the dead of a war "
                "counted over a time, not a strike there",
            examples=[Example("An Israeli drone struck Jenin camp. The ministry says more than 650 people have been killed in "
                              "the West Bank and East Jerusalem since October 7, when Hamas's attack on southern Israel began "
                              "the war.", "West Bank", "other"),
                      Example("Israeli drone strikes hit Tammun. Israeli air and drone strikes have killed more than 120 "
                              "Palestinians in the West Bank since October 2023, UN figures show.", "West Bank", "other")])
def _toll_since(c: PlaceContext) -> PlaceRole | None:
    if c.prev not in ("in", "across", "throughout"):
        return None
    # the dead right before the place ("killed in"), or the toll's count ("have killed more than 120 Palestinians in")
    if c.prev2 not in _TOLL_WORDS and not any(t.lower in _TOLL_WORDS for t in c.before[max(0, c.j - _TOLL_REACH):c.j]):
        return None
    after = c.toks.within(c.m.end, c.content[1])
    for k, t in enumerate(after[:_TOLL_SINCE_REACH]):
        if t.lower == "since":
            # since a month, a year or the war's start, not "since Monday" (the strikes of a few days)
            nxt = after[k + 1] if k + 1 < len(after) else None
            long_ago = nxt is not None and (nxt.lower.rstrip(".") in _MONTHS or nxt.text.isdigit() and len(nxt.text) == 4
                                            or nxt.lower == "the")
            return c.role("other") if long_ago else None
        if not (t.text in (",", "and", "or", "the") or t.text[:1].isupper()):  # past the list of places only
            return None
    return None


_TOLL_WORDS = frozenset(("killed", "died", "wounded", "injured", "dead", "detained", "displaced"))
_TOLL_SINCE_REACH = 8  # tokens after the place, over the rest of a list ("and East Jerusalem"), to "since"
_TOLL_REACH = 6  # tokens before the place's preposition to the toll: "killed more than 120 Palestinians"
_MONTHS = frozenset("january february march april may june july august september october november december "
                    "jan feb mar apr jun jul aug sep sept oct nov dec".split())


@ROLES.rule(135, "where a war is", decides="other",
            why="'the war in Gaza', 'the conflict in Sudan', 'support of Israel in the Gaza war': the setting a text "
                "names as background, not a strike's place",
            examples=[Example("Iranian missiles struck Panjgur, in a region strained by the war in Gaza.", "Gaza", "other"),
                      Example("Drones struck Erbil late on Thursday in the latest attack since the Gaza war began.", "Gaza",
                              "other")])
def _war_setting(c: PlaceContext) -> PlaceRole | None:
    if c.prev in ("in", "on") and c.prev2 in _WAR_NOUNS:
        return c.role("other")
    if c.prev in ("in", "on") and c.prev2 in ("and", "or") and c.i > 0:
        # "army advances in Gezira state and in Khartoum": the war's second setting
        before = [t.lower for t in c.toks.within(c.content[0], c.mentions[c.i - 1].start)][-2:]
        if len(before) == 2 and before[1] in ("in", "on") and before[0] in _WAR_NOUNS:
            return c.role("other")
    after = c.toks.first(c.m.end, c.content[1])
    # "the Gaza war": a war named by its place, after "the" (not "struck Gaza war-damaged ...")
    return c.role("other") if after is not None and after.lower in _WAR_NOUNS and any(
        t.lower == "the" for t in (c.before[c.j:] if c.j >= 0 else [])) else None


_WAR_NOUNS = vocab.words("war_nouns")


@ROLES.rule(140, "in a locative phrase", decides="strike",
            why="governed by a preposition of place inside the reported words: 'in Idlib', 'around the towns of'",
            examples=[Example("Russian jets struck a command post in Hama.", "Hama", "strike"),
                      Example("Mortar shells hit a fish market in the Red Sea port city of Hodeidah.", "city of Hodeidah",
                              "strike")])
def _locative(c: PlaceContext) -> PlaceRole | None:
    if c.qualifier == "between" and c.m.place.precision in _WIDE:  # "the border between Lebanon and Israel"
        return None
    return c.role("strike") if c.locative in LOCATIVE or c.qualifier in _PHRASE_QUALIFIERS else None


_PHRASE_QUALIFIERS = ("road to", "between")
_DESCRIBING_WORDS = 2  # "the abandoned old city of": lower-case words between the article and a kind of place
_ARTICLES = frozenset(("the", "a", "an"))
_UNKNOWN_NAME_WORDS = 3  # "the Tungar Kara village of": capitalised words the gazetteer does not know
_NEAR_FROM_KM = 100.0  # "15 km from Tera" places a strike near it; "1,000 kilometres from the Donbas city" does not
_HEADING = vocab.words("heading_words")
_ADVANCING = vocab.words("advancing_words")
_ROAD_TOWARD_REACH = 6  # tokens back from "towards" to a road it names the way of
_BLAMING = frozenset(("blame", "blames", "blamed", "blaming", "pinned", "pins", "pin"))
_WIDE = frozenset(("country", "admin1", "macroregion"))


@ROLES.rule(145, "names the attack", decides="strike",
            why="a town's name before an attack noun names where the attack was: 'denied that it was behind the Kosti "
                "attack', 'the Arbil strikes had killed four civilians'",
            examples=[Example("An RSF adviser denied that the paramilitary was behind the Kosti drone attack.", "Kosti",
                              "strike"),
                      Example("The death toll from the Serhiivka missile strike has risen to 17.", "Serhiivka", "strike")])
def _names_the_attack(c: PlaceContext) -> PlaceRole | None:
    if not _town_after_article(c):
        return None
    after = c.toks.within(c.m.end, c.content[1])[:2]
    if after and after[0].lower in _ATTACK_NOUN_WORDS or len(after) == 2 and after[0].lower in _ATTACK_NOUN_MODIFIERS \
            and after[1].lower in _ATTACK_NOUN_WORDS:
        return c.role("strike")
    return None


@ROLES.rule(146, "names a facility of the attack", decides="strike",
            why="a town's name before the facility a strike hit: 'claimed a drone strike had set the Dobrotvir thermal "
                "power plant on fire'",
            examples=[Example("Channels claimed a drone strike had set the Dobrotvir cement plant on fire.", "Dobrotvir",
                              "strike"),
                      Example("Channels claimed a drone strike had set the Dobrotvir thermal power plant on fire.",
                              "Dobrotvir thermal power plant", "strike")])
def _names_the_facility(c: PlaceContext) -> PlaceRole | None:
    if not _town_after_article(c):
        return None
    if _site_named_with_its_kind(c.m):  # "the Burshtyn thermal power plant" as the gazetteer's own site
        end = c.m.end
    else:
        after = c.toks.within(c.m.end, c.content[1])[:_FACILITY_NAME_WORDS]
        words = [t.lower for t in after]
        k = 0
        while k < len(words) and words[k] in _FACILITY_NOUNS:
            k += 1
        if not k or words[k - 1] not in _FACILITY_HEADS:
            return None
        end = after[k - 1].end
    if _struck_after(c.toks.within(end, c.content[1])):
        return c.role("strike")  # "the Amran cement factory, which lies on the outskirts of Amran, was hit twice"
    # what a strike in its own clause hit ("a drone strike had set the Dobrotvir ... plant on fire"), not a plant
    # the clause only names ("no indication of damage to the Bushehr nuclear power plant")
    for t in reversed(c.before[max(0, len(c.before) - 1 - _FACILITY_OBJECT_REACH):-1]):
        if t.text in _CLAUSE_ENDS or t.lower in ("that", "which", "who", "where"):
            return None
        if t.lower in STRIKE_VERBS or t.lower in _ATTACK_NOUN_WORDS:
            return c.role("strike")
    return None


_FACILITY_OBJECT_REACH = 5  # tokens back from the place's article to the strike word: "strike had set the"


def _site_named_with_its_kind(m) -> bool:
    """A site the gazetteer knows under a name that ends in what it is ("Burshtyn TPP", "the Ras Kanatib power station")."""
    words = m.text.split()
    return (m.place is not None and m.place.precision == "site" and len(words) > 1
            and words[-1].lower() in _FACILITY_HEADS | _PLANT_ABBREVIATIONS)


_PLANT_ABBREVIATIONS = frozenset(("tpp", "hpp", "npp", "chp"))
_FACILITY_HEADS = (vocab.words("facility_words") | vocab.words("built_site_words") | _WORKS) - frozenset((  # built sites, not parts of a town nor terrain
    "district", "quarter", "neighbourhood", "neighborhood", "square", "road", "highway", "crossing", "sea", "lake", "river",
    "valley", "plain", "plains", "mountain", "mountains", "mount", "hills", "desert"))
def _struck_after(rest: list) -> bool:
    """Whether the words after a facility's name say it was struck: "was hit", ", which lies by the river, was hit"."""
    j = 0
    if rest and rest[0].text == ",":  # a relative clause set off by commas, passed over
        close = next((n for n, t in enumerate(rest[1:_RELATIVE_REACH], 1) if t.text == ","), None)
        # (or where it lies: "the Natanz facility, some 225 km (140 miles) south of the capital, had been attacked")
        if close is None or rest[1].lower not in ("which", "that", "where") and not any(
                t.lower in _DISTANCE_UNITS for t in rest[1:close]):
            return False
        j = close + 1
    if j < len(rest) and rest[j].lower in ("has", "have", "had"):
        j += 1  # "had been attacked"
    words = [t.lower for t in rest[j:j + 3]]
    return len(words) >= 2 and words[0] in _PASSIVE_AUXILIARIES and (
        words[1] in STRIKE_PARTICIPLES or len(words) == 3 and words[1] in ("also", "reportedly", "again", "been")
        and words[2] in STRIKE_PARTICIPLES)


_RELATIVE_REACH = 16  # tokens of a relative clause between commas


def _town_after_article(c: PlaceContext) -> bool:
    """A town or site named right after "the": a name used as a modifier ("the Kosti attack", "the Dobrotvir plant")."""
    return c.m.place.precision in ("locality", "site") and bool(c.before) and c.before[-1].lower in _ARTICLES


_ATTACK_NOUN_WORDS = vocab.words("attack_nouns")
_ATTACK_NOUNS = _ATTACK_NOUN_WORDS | frozenset(("explosion",))  # an attack told before a place, by its noun
_ATTACK_NOUN_MODIFIERS = vocab.words("attack_noun_modifiers")


@ROLES.rule(1000, "no locative phrase", decides="other",
            why="anything else: subjects and objects of other verbs, demonyms, adjectives",
            examples=[Example("Jets struck a camp in Idlib while the army held Hama.", "Hama", "other")])
def _no_locative(c: PlaceContext) -> PlaceRole | None:
    return c.role("other")


_QUARTER_WORDS = vocab.words("quarter_words")
_KIND_WORDS = vocab.words("kind_words") | _QUARTER_WORDS
_QUARTER_KM = 20.0
# "the city's", "the capital's": a place the text has named already, owning the part named next.
_OWNERS = frozenset(f"{w}{a}s" for w in ("city", "town", "capital", "village", "region", "province", "port")
                    for a in ("'", "’"))  # a neighbourhood the gazetteer places this close to its city is mapped itself


def _over_modifiers(before: list, j: int) -> int:
    """Back from ``j`` over the words that qualify a part of a place ("several densely
    populated"), to the verb or preposition that governs the phrase (at most a few words)."""
    k = j
    while k >= 0 and j - k < _MODIFIER_REACH and (_modifier_word(before[k].text) or before[k].text in _QUOTE_CHARS
                                                  or _joins_modifiers(before, k)) and not (
            before[k].lower in LOCATIVE or before[k].lower in ORIGIN or before[k].lower in STRIKE_VERBS
            or (before[k].lower in _BOUNDARY_WORDS and not _joins_names(before, k) and not _joins_modifiers(before, k))):
        k -= 1
    return k if k >= 0 and (before[k].lower in LOCATIVE or before[k].lower in STRIKE_VERBS) else j


_MODIFIER_REACH = 6


def _joins_modifiers(before: list, k: int) -> bool:
    """An "and" or "or" between two words that qualify a part: "the southern and western outskirts of"."""
    return (before[k].lower in ("and", "or") and 0 < k < len(before) - 1
            and before[k - 1].lower in _DIRECTION_ADJECTIVES and before[k + 1].lower in _DIRECTION_ADJECTIVES)


_DIRECTION_ADJECTIVES = frozenset(f"{d}ern" for d in ("north", "south", "east", "west", "north-east", "north-west",
                                                       "south-east", "south-west", "northeast", "northwest",
                                                       "southeast", "southwest")) | frozenset(("central", "eastern"))
_QUOTE_CHARS = frozenset('"“”‘’')  # 'Azerbaijan "is not striking" residential areas of Khankendi'


def _joins_names(before: list, k: int) -> bool:
    """"and" between two names that qualify a part: "the Mendhar and Krishna Ghati sectors of"."""
    return (before[k].lower == "and" and 0 < k < len(before) - 1 and before[k - 1].text[:1].isupper()
            and before[k + 1].text[:1].isupper())


def _modifier_word(text: str) -> bool:
    """A word that may qualify or name a part of a place: "densely populated", "Shuja'iyya", "al-Shaar"."""
    return text.replace("'", "").replace("’", "").replace("-", "").isalpha() and (
        text.islower() or text[:1].isupper() or "-" in text[1:4] and text.split("-", 1)[1][:1].isupper())  # "an-Najjar"
_BOUNDARY_WORDS = frozenset("of by for to with and or but that which who as than".split())


def _names_the_kind_of(m: Mention, toks: TokenIndex, content: tuple[int, int]) -> bool:
    """The place is followed by a kind of place and "of" another name: "the Red Sea port of Mokha"."""
    after = toks.within(m.end, content[1])[:4]
    if not after or after[0].lower not in _KIND_WORDS:
        return False
    k = 2 if len(after) > 1 and after[1].lower in _KIND_WORDS else 1  # "the Red Sea port city of Hodeidah"
    return len(after) >= k + 2 and after[k].lower == "of" and (after[k + 1].is_capitalised or after[k + 1].lower in ("al", "el"))


def _area_named_after_elsewhere(c: PlaceContext) -> bool:
    """"the al-Fallujah area of Jabalia refugee camp": a part of a town or camp named after a place far from it
    (an "area of" a country or province, "the Kherson area of southern Ukraine", is that place's own)."""
    after = c.toks.within(c.m.end, c.content[1])[:3]
    if not (len(after) == 3 and after[0].lower in ("area", "areas") and after[1].lower == "of" and c.i + 1 < len(c.mentions)):
        return False
    town, here = c.mentions[c.i + 1].place, c.m.place
    return (town is not None and town.precision in ("locality", "site") and c.mentions[c.i + 1].start == after[2].start
            and distance_km(here.lat, here.lon, town.lat, town.lon) > _QUARTER_KM)


_DIVISION_PART_WORDS = frozenset(("district", "township", "county", "sub-district", "subdistrict", "directorate"))
_DISTRICT_OF_PROVINCE_KM = 150  # from a province's capital to a district of the province


def _quarter_of(quarter: Mention, city: Mention | None, toks: TokenIndex) -> bool:
    """The gazetteer's place for a neighbourhood's name lies in the city written after it:
    "the Saltivka district of Kharkiv" (not "the Salah al-Din district of Aleppo", which it
    places in Iraq)."""
    if city is None or quarter.place is None or city.place is None or not quarter.literal:
        return False
    gap = [t.lower for t in toks.within(quarter.end, city.start)]
    written = city.text.lower().split()[:2]
    if not ((len(gap) == 2 and gap[0] in _QUARTER_WORDS and gap[1] == "of")
            or (not gap and len(written) == 2 and written[0] in _QUARTER_WORDS and written[1] == "of")):
        return False
    q, p = quarter.place, city.place
    if q.place_id == p.place_id:  # placed at the place it is said to be part of (the geoparser's parts step)
        return True
    if q.population > p.population > 0:  # "the Tripoli suburb of Tajoura": the city first, its suburb after "of"
        return False
    if q.precision not in ("locality", "site") or q.country != p.country:
        return False
    distance = distance_km(q.lat, q.lon, p.lat, p.lon)
    # "the al-Mahabisha district of Hajjah": a district of the province named after its capital, where the place lies
    province = (gap[:1] or written[:1])[0] in _DIVISION_PART_WORDS and q.admin1 and q.admin1 == p.admin1
    return distance <= _QUARTER_KM or province and distance <= _DISTRICT_OF_PROVINCE_KM


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


def direction_qualifier(word: str) -> str:
    """"south-west of", whichever way the direction is written ("southwest", "southwestern")."""
    word = word.removesuffix("ern")
    for a in ("north", "south"):
        if word.startswith(a) and len(word) > len(a) and word[len(a)] != "-":
            word = f"{a}-{word[len(a):]}"
    return f"{word} of"


UNITS_KM = {"km": 1.0, "kms": 1.0, "kilometres": 1.0, "kilometers": 1.0, "kilometre": 1.0, "kilometer": 1.0,
             "miles": 1.609, "mile": 1.609, "mi": 1.609}
_NAUTICAL_MILE_KM = 1.852
_PART_QUALIFIERS = {"outskirts": "outskirts", "edge": "outskirts", "edges": "outskirts",
                    "entrance": "outskirts", "entrances": "outskirts", "approaches": "outskirts", "gates": "outskirts",
                    "vicinity": "near", "environs": "near", "coast": "near", "coasts": "near", "coastline": "near",
                    "shore": "near", "shores": "near", "waters": "near", "direction": "near"}
# "at the entrance to Jenin", "on the approaches to Kherson": a part of the place, as "of" gives it.
_PARTS_TO = vocab.words("parts_to")
_NUMBER_RE = re.compile(r"^\d+(?:[.,]\d+)?$")


def _distance_before(before: list, k: int) -> float | None:
    """The distance written before a direction: "30 km", "20 kilometres", "some 12 miles", "25km"."""
    if k >= 0 and before[k].text == ")":  # "35 kilometers (20 miles) east of": the first figure
        k = next((i for i in range(k - 1, max(-1, k - 5), -1) if before[i].text == "("), 0) - 1
    if k < 0:
        return None
    unit = before[k].lower
    if unit in ("miles", "mile") and k >= 2 and before[k - 1].lower == "nautical" and _NUMBER_RE.match(before[k - 2].text):
        return round(float(before[k - 2].text.replace(",", "")) * _NAUTICAL_MILE_KM, 1)  # "90 nautical miles east of Aden"
    if unit in UNITS_KM and k >= 1 and _NUMBER_RE.match(before[k - 1].text):
        return round(float(before[k - 1].text.replace(",", "")) * UNITS_KM[unit], 1)
    glued = re.match(r"^(\d+(?:\.\d+)?)(km|kms|mi)$", unit)
    return round(float(glued.group(1)) * UNITS_KM[glued.group(2)], 1) if glued else None


# Words that may stand between a place and the direction that places it ("Khan Sheikhoun, some 30 km south of").
_PLACING_WORDS = frozenset("some about around roughly approximately nearly almost just located lying situated which is "
                           "the a area town village city district nautical".split()) | frozenset(UNITS_KM)
# ... and, after a kind of place in an apposition, where it lies: "a small town in the mountains about 100 km north-east of".
_SETTING_WORDS = frozenset("in on the mountains mountain hills desert valley coast plain plains countryside".split())


def _places_previous(previous: Mention, before: list, k: int) -> bool:
    """The direction ending at ``before[k]`` says where the place before lies: only a comma,
    a distance and a few words stand between ("Khan Sheikhoun, 30 km south of Idlib")."""
    if previous.place is None or not previous.literal:
        return False
    gap = [t for t in before[:max(k, 0)] if t.start >= previous.end]
    if ")" in [t.text for t in gap] and "(" in [t.text for t in gap]:  # a conversion in brackets: "35 kilometers (20 miles)"
        opened = max(i for i, t in enumerate(gap) if t.text == "(")
        closed = max(i for i, t in enumerate(gap) if t.text == ")")
        gap = gap[:opened] + gap[closed + 1:]
    # ", a mainly Assyrian Christian town 40 km northwest of Hasakah": an apposition saying what it is, first
    # (", the North Darfur state capital about 60 kilometres east of Tawila" too)
    kind = next((i for i, t in enumerate(gap[:_APPOSED_KIND_WORDS]) if t.lower in _KIND_WORDS or t.lower in _AREA_KINDS
                 or t.lower == "capital"), None)
    if gap and gap[0].lower == "capital" and previous.place.precision in ("admin1", "admin2", "region"):
        gap = gap[1:]  # "El Fasher, the North Darfur state capital about 60 kilometres east of": the division's capital
    elif kind is not None and len(gap) > 1 and gap[0].text == "," and gap[1].lower in ("a", "an", "the") and all(
            t.text[:1].isupper() or t.lower.replace("-", "").isalpha() and t.lower not in STRIKE_VERBS for t in gap[2:kind]):
        gap = gap[kind + 1:]
        if gap and gap[0].lower in ("in", "on"):  # "in the mountains", "in the dry zone"
            setting = next((i for i, t in enumerate(gap) if t.lower not in _SETTING_WORDS), len(gap))
            while (setting < min(len(gap), _SETTING_REACH) and gap[setting].text.isalpha() and gap[setting].text.islower()
                   and gap[setting].lower not in STRIKE_VERBS and gap[setting].lower not in _PASSIVE_AUXILIARIES
                   and gap[setting].lower not in _PLACING_WORDS):
                setting += 1
            gap = gap[setting:]
    if len(gap) >= 4 and gap[0].text == "," and gap[1].lower in ("on", "along") and gap[2].lower in ("the", "a"):
        # "near the village of Kyselivka, on the road north-west of Kherson": where on which road it lies
        road = next((i for i in range(3, min(len(gap), 6)) if gap[i].lower in ROUTE_WORDS), None)
        if road is not None:
            gap = gap[road + 1:]
    return len(gap) <= 6 and all(t.text in ",(" or t.lower in _PLACING_WORDS or _NUMBER_RE.match(t.text)
                                 or re.match(r"^\d+(?:km|mi)$", t.lower) for t in gap)


_APPOSED_KIND_WORDS = 8  # "a mainly Assyrian Christian town": the kind of place within these words
_AREA_KINDS = frozenset(("region", "province", "district", "governorate", "area", "state"))  # "Sagaing, a rural region"
_SETTING_REACH = 5  # words of where an apposition's place lies: "in the dry zone"


def _describes_previous(m: Mention, previous: Mention, toks: TokenIndex) -> bool:
    """Only a comma and "near"/"outside" stand between the place before and this one."""
    gap = toks.within(previous.end, m.start)
    if len(gap) == 1 and gap[0].lower in _NEAR and _better_known(m, previous):
        return True  # "Muridke near Lahore": a town placed by a city far larger
    return bool(gap) and gap[0].text == "," and all(t.lower in _NEAR or t.lower in ("the", "a", ",") or t.lower in SKIPPABLE
                                                    for t in gap)


def _better_known(m: Mention, previous: Mention) -> bool:
    p, q = m.place, previous.place
    return (p is not None and q is not None and p.precision == "locality" and q.precision in ("locality", "site")
            and p.population >= _REFERENCE_RATIO * max(q.population, 1))


_REFERENCE_RATIO = 5  # how much larger a town must be to serve as the reference for the one before it


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
    if len(after) >= 2 and after[0].lower in _OWNED_MODIFIERS:
        after = after[1:]  # "Moscow's fuel exports", "Russia's war effort"
    return bool(after) and after[0].lower in _STANCE_NOUNS


_OWNED_MODIFIERS = frozenset(("oil", "fuel", "gas", "energy", "export", "military", "war", "economic", "defence", "defense",
                              "nuclear", "foreign", "own"))


_FACILITY_NAME_WORDS = 3  # "oil refinery", "thermal power plant"
_CONTAINER_WORDS = 5  # "in the Krasnodar region", "in Russia's Rostov region"
_REGION_WORDS = frozenset(("region", "province", "oblast", "governorate", "state", "district", "krai", "county"))


def _struck_in_passive(m: Mention, toks: TokenIndex, content: tuple[int, int]) -> bool:
    """The place is the subject of a passive strike verb: "Darayya was hit", "X had been shelled",
    "Talbisa city, in the northern countryside of Homs, was targeted"."""
    after = toks.within(m.end, content[1])
    k = 0
    if after and after[0].lower in _TOWN_WORDS:
        k += 1
    if k < len(after) and after[k].lower == "itself":  # "Nikopol itself was shelled"
        k += 1
    elif after and after[0].lower in _FACILITY_NOUNS:
        # "the Tuapse oil refinery in the Krasnodar region had been hit": the town names what was hit
        while k < len(after) and k < _FACILITY_NAME_WORDS and after[k].lower in _FACILITY_NOUNS:
            k += 1
        if k < len(after) and after[k].lower == "in":
            k = next((i for i in range(k + 1, min(len(after), k + 1 + _CONTAINER_WORDS))
                      if after[i].lower in _PASSIVE_AUXILIARIES or not (after[i].lower == "the" or after[i].text[:1].isupper()
                                                                         or after[i].lower in _REGION_WORDS)), len(after))
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
    k = _past_where_it_lies(after, k)
    if k < len(after) and after[k].text in _OPENING_QUOTES:  # says Fordow “has not been attacked”
        k += 1
    start = k
    while k < len(after) and (after[k].lower in _PASSIVE_FILLERS or after[k].lower.endswith("ly")):
        k += 1
    if k + 2 < len(after) and after[k].lower in _CAME and after[k + 1].lower == "under" and (
            after[k + 2].lower in _UNDER_WHAT):  # "the port of Novorossiysk also came under attack"
        return True
    # "X was subjected to an attack by UAVs": the attack the sentence tells was on X
    subjected = k + 1 < len(after) and after[k].lower == "subjected" and after[k + 1].lower == "to"
    return start < k < len(after) and (after[k].lower in STRIKE_PARTICIPLES or subjected) and any(
        t.lower in _PASSIVE_AUXILIARIES for t in after[start:k])


_CAME = frozenset(("came", "come", "comes", "coming"))
_UNDER_WHAT = frozenset(("attack", "fire", "shelling", "bombardment", "drone", "missile", "rocket", "artillery",
                         "heavy", "intense", "renewed", "repeated", "sustained"))


def _past_where_it_lies(after: list, k: int) -> int:
    """Past a phrase saying where the place lies, between it and its verb: "Novorossiysk on Russia's Black
    Sea coast came under attack", "the refinery in the Krasnodar region was hit"; ``k`` itself when none."""
    if k >= len(after) or after[k].lower not in ("on", "in"):
        return k
    end = next((i for i in range(k + 1, min(len(after), k + 1 + _LIES_IN_WORDS))
                if not (after[i].lower in ("the", "'s", "’s", "s", "'", "’") or after[i].text[:1].isupper()
                        or after[i].lower in _REGION_WORDS or after[i].lower in _SHORE_WORDS)), None)
    return end if end is not None and end > k + 1 else k


_LIES_IN_WORDS = 6  # "on Russia's Black Sea coast"
_SHORE_WORDS = frozenset(("coast", "shore", "border", "bank", "outskirts", "edge", "north", "south", "east", "west"))


def _names_route(m: Mention, toks: TokenIndex, content: tuple[int, int]) -> bool:
    """"on the Damascus-Aleppo highway", "the Homs road": the place names a road."""
    after = toks.within(m.end, content[1])
    k = 0  # "the Maiduguri-Damaturu and Damaturu-Biu roads": more paired names before the road word
    while k < min(len(after), _PAIRED_ROUTES) and (after[k].lower in ("and", "or", ",")
                                                   or "-" in after[k].text and after[k].text[:1].isupper()):
        k += 1
    return k < len(after) and after[k].lower in ROUTE_WORDS and (k == 0 or any("-" in t.text for t in after[:k]))


_PAIRED_ROUTES = 4  # tokens of paired names after the place: "and Damaturu-Biu"


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
    if len(gap) > 3 and gap[0].text == "," and any(w.lower in _DISTANCE_UNITS for w in gap[1:6]):
        # "the village of Lyptsi, about 20 km to the north, and the town of Derhachi": the distance is the first's
        close = next((j for j in range(2, len(gap)) if gap[j].text == ","), None)
        if close is not None and all(w.lower in _APPOSED_DISTANCE_WORDS or w.text.replace(".", "").isdigit()
                                     for w in gap[1:close]):
            gap = gap[close:]
    gap = _past_time(gap)  # "struck the port of Reni on 2 August 2023 and Izmail": the time is the first's
    if gap and gap[0].lower in _WHERE_NOUNS:  # "Hodeidah on the Red Sea coast and the Bajil cement factory"
        gap = gap[1:]
    # Names the gazetteer does not know may stand in the list too: "in al-Hader, al-Eis and Khan Touman".
    listed = len(gap) <= _LIST_GAP_TOKENS and all(
        t.lower in _LISTING or t.text in ",;" or _UNKNOWN_NAME_RE.match(t.text) for t in gap)
    if not listed:
        return None
    while roles[k].role == "container" and roles[k].link is not None:
        k = roles[k].link
    if roles[k].role == "reference" and k > 0 and not any(
            t.lower == "between" for t in toks.within(mentions[k - 1].end, mentions[k].start)):
        k -= 1  # "Saraqeb, east of Ariha, and Kafr Nubl": the list is Saraqeb's (not "between Donetsk and Luhansk")
    elif roles[k].role == "other" and k > 0 and roles[k - 1].role == "strike" and _where_of(toks, mentions[k - 1], mentions[k]):
        k -= 1  # "the port of Hodeidah on the Red Sea coast and the Bajil cement factory": the list is Hodeidah's
    return k


def _where_of(toks: TokenIndex, place: Mention, where: Mention) -> bool:
    """``where`` only says where ``place`` lies: "Hodeidah on the Red Sea coast"."""
    gap = [t.lower for t in toks.within(place.end, where.start)]
    return bool(gap) and gap[0] in _WHERE_OF and all(w in _WHERE_OF or w == "the" for w in gap)


_WHERE_OF = frozenset(("on", "in", "near", "along", "off", "at", "by"))
# The words of a distance set off by commas after a place listed: ", about 20 km to the north,"
_APPOSED_DISTANCE_WORDS = _DISTANCE_UNITS | frozenset((
    "about", "some", "around", "roughly", "nearly", "almost", "just", "over", "more", "than", "less", "to", "the", "of", "from",
    "away", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
    "south-east", "south-west", "city", "town"))
_WHERE_NOUNS = vocab.words("where_nouns")


def _past_time(gap: list) -> list:
    """``gap`` without a time phrase it opens with ("on 2 August 2023", "early on Monday")."""
    k = 0
    while k < len(gap) and (gap[k].lower in _TIME_FILLERS or gap[k].lower in _CALENDAR_WORDS or gap[k].text.isdigit()):
        k += 1
    timed = any(t.lower in _CALENDAR_WORDS or t.text.isdigit() for t in gap[:k])
    return gap[k:] if timed and k < len(gap) else gap


_TIME_FILLERS = frozenset(("on", "in", "early", "late", "last", "this", "the", "of"))
_CALENDAR_WORDS = vocab.words("calendar_words")


def _is_container(i, m, mentions, toks, before, j) -> bool:
    """"X in Y" where Y is the division or country X lies in, or the district named after a town
    near X ("Ahmedpur East, in Bahawalpur district")."""
    if i == 0 or m.place.precision not in ("admin1", "admin2", "country", "locality", "region"):
        return False
    prev_m = mentions[i - 1]
    if prev_m.place is None:
        return False
    gap = toks.within(prev_m.end, m.start)
    if len(gap) > 8:
        return False
    if m.place.precision == "locality":
        after = toks.within(m.end, m.end + 12)[:1]
        p, q = prev_m.place, m.place
        return (bool(after) and after[0].lower in _DISTRICT_WORDS and p.precision == "locality" and p is not q
                and [t.lower for t in gap] in ([",", "in"], ["in"], ["in", "the"], [",", "in", "the"])
                and distance_km(p.lat, p.lon, q.lat, q.lon) <= _DISTRICT_KM)
    if m.place.precision == "admin1":
        return prev_m.place.admin1_key == m.place.admin1_key and prev_m.place.precision != "admin1"
    if m.place.precision == "admin2":  # "an army post in Mir Ali, North Waziristan": the district the town lies in
        p, q = prev_m.place, m.place
        return (p.precision in ("locality", "site") and p.country == q.country
                and all(t.lower in ("in", "the", ",", "of") for t in gap)
                and distance_km(p.lat, p.lon, q.lat, q.lon) <= _REGION_KM)
    if m.place.precision == "region":  # "the Nevatim air base in the Negev desert"
        p, q = prev_m.place, m.place
        return (p.precision in ("locality", "site") and all(t.lower in ("in", "the", ",") for t in gap)
                and distance_km(p.lat, p.lon, q.lat, q.lon) <= _REGION_KM)
    return prev_m.place.country == m.place.country and prev_m.place.precision != "country"


_DISTRICT_WORDS = vocab.words("district_words")
_DISTRICT_KM = 100.0  # how far from the town a district named after it may hold a place
_REGION_KM = 150.0  # how far from a region's point a place it holds may lie


def _demote_overviews(roles: list[PlaceRole]) -> list[PlaceRole]:
    """A country or first-level division named beside finer strike places in it is their overview,
    not a location ("in Borno State, ... a suicide bomber struck a market in Konduga")."""
    struck = [r.mention.place for r in roles if r.role == "strike"]
    countries = {p.country for p in struck if p.precision != "country"}
    divisions = {p.admin1_key for p in struck if p.precision not in ("country", "admin1", "region", "macroregion")}

    def overview(p) -> bool:
        return p.country in countries if p.precision == "country" else p.precision == "admin1" and p.admin1_key in divisions

    return [PlaceRole(r.mention, "container", r.link) if r.role == "strike" and overview(r.mention.place) else r
            for r in roles]
