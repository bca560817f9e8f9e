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
                with no strike in them, demonyms, adjectives ("Washington-based")
"""
from __future__ import annotations

from dataclasses import dataclass

from ..geoparser import Mention
from .scan import TokenIndex

LOCATIVE = frozenset(
    "in at on near around over across outside inside into throughout within toward towards "
    "along onto upon beside by".split()
)
ORIGIN = frozenset("from off".split())
RELATIONAL = frozenset(
    "north south east west northeast northwest southeast southwest north-east north-west south-east "
    "south-west northeastern northwestern outskirts".split()
)
# Words that may stand between a preposition and the name without changing its role.
SKIPPABLE = frozenset(
    "the a an of town towns village villages city cities province provinces governorate area areas "
    "region regions district districts countryside central northern southern eastern western "
    "rebel-held government-held militant-held opposition-held nearby neighbouring neighboring "
    "strategic key besieged small large main ancient desert".split()
)
COORDINATORS = frozenset(", and or & as well".split())
# A locative right after one of these nouns says where the striker was, not the strike.
LAUNCH_NOUNS = frozenset(
    "fleet ships warships navy submarines submarine base bases jets planes bombers aircraft "
    "based stationed deployed flying flew launched fired".split()
)

# Words that may stand between two places listed together.
_LISTING = COORDINATORS | SKIPPABLE | {"as", "well"}


@dataclass(frozen=True)
class PlaceRole:
    mention: Mention
    role: str  # strike | container | reference | origin | other
    link: int | None = None  # index of the mention it is coordinated with


def assign_roles(mentions: list[Mention], toks: TokenIndex, content: tuple[int, int]) -> list[PlaceRole]:
    """Roles of ``mentions`` (in text order) inside one sentence's content span."""
    roles: list[PlaceRole] = []
    for i, m in enumerate(mentions):
        roles.append(_role(i, m, mentions, roles, toks, content))
    return _demote_overviews(roles)


def _role(i: int, m: Mention, mentions, roles, toks, content) -> PlaceRole:
    if not (content[0] <= m.start and m.end <= content[1]) or not m.literal or m.place is None:
        return PlaceRole(m, "other")
    before = toks.within(content[0], m.start)
    # Walk back over determiners, place-type words and adjectives.
    j = len(before) - 1
    while j >= 0 and before[j].lower in SKIPPABLE:
        if before[j].lower == "of" and j >= 1 and before[j - 1].lower in RELATIONAL:
            return PlaceRole(m, "reference")
        j -= 1
    prev = before[j].lower if j >= 0 else ""
    prev2 = before[j - 1].lower if j >= 1 else ""
    if prev in ORIGIN:
        return PlaceRole(m, "origin")
    if prev in COORDINATORS or (prev == "as" and prev2 == "well"):
        linked = _previous_listed(i, mentions, roles, toks)
        if linked is not None:
            return PlaceRole(m, roles[linked].role, linked)
    if prev in LOCATIVE:
        if _is_container(i, m, mentions, toks, before, j):
            return PlaceRole(m, "container", i - 1)
        if prev2 in LAUNCH_NOUNS:
            return PlaceRole(m, "origin")
        return PlaceRole(m, "strike")
    return PlaceRole(m, "other")


def _previous_listed(i, mentions, roles, toks) -> int | None:
    """The mention this one is listed after ("Talbiseh, Rastan and Salamiyah").

    A container between them ("Qaryatain in Homs province, as well as Atshan")
    passes the list on to the place it contains.
    """
    k = i - 1
    if k < 0:
        return None
    gap = toks.within(mentions[k].end, mentions[i].start)
    listed = all(t.lower in _LISTING or t.text in ",;" for t in gap)
    if not listed:
        return None
    while roles[k].role == "container" and roles[k].link is not None:
        k = roles[k].link
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
