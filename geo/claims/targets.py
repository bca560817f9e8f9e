"""What was hit, and who struck: target phrases, strikers, and the segments that bind
targets to the places of a sentence ("a command post in Hama, a camp in Idlib")."""
from __future__ import annotations

import re


from .. import vocab
from ..geoparser import Mention
from ..text import Token
from .casualties import NUMBER_WORDS
from .model import Source, Target, country_in
from .roles import PlaceRole
from .scan import TokenIndex, VocabularyScan

_TARGET_STOPS = vocab.words("target_stops")
_DETERMINERS = vocab.words("determiners")
_ADJECTIVE_ENDINGS = vocab.word_list("adjective_endings")
_TARGET_MODIFIERS = vocab.words("target_modifiers")


def find_targets(text: str, start: int, end: int, toks: TokenIndex, places: list[Mention]) -> list[Target]:
    """Target phrases in ``text[start:end]``, widened to their determiners and modifiers."""
    found: list[Target] = []
    taken: list[tuple[int, int]] = [(m.start, m.end) for m in places]
    for p, m in _scan("targets").finditer(text[start:end]):
        s, e = start + m.start(), start + m.end()
        if any(s < b and a < e for a, b in taken):
            continue
        taken.append((s, e))
        widened = _widen(s, toks, start)
        if p.label in _ARMS and ((_ACTIVE_STRIKE_AFTER_RE.match(text, e, end) and _CLAUSE_OPENS_RE.search(text[start:widened]))
                                 or _INSTRUMENT_BEFORE_RE.search(text, start, widened)):
            continue  # "Israeli artillery also shelled", "opened fire with artillery": what struck, not what was hit
        found.append(Target(widened, e, p.label, p.attrs.get("specific") != "no"))
    found.sort(key=lambda t: t.start)
    return found


# Target categories that may also strike: artillery, tanks, launchers; fighters and militants.
_ARMS = frozenset(("equipment / vehicles", "fighters"))
# "fire with artillery", "using drones": the arms are the instrument.
_INSTRUMENT_BEFORE_RE = re.compile(r"\b(?:with|using|by|from)\s+$", re.IGNORECASE)
# A strike verb in the active right after a phrase that opens a clause: the phrase is its subject.
_CLAUSE_OPENS_RE = re.compile(r"(?:^|[,;:]|\b(?:and|but|while|as|when|after))\s*$", re.IGNORECASE)
_ACTIVE_STRIKE_AFTER_RE = re.compile(
    r"(?:\s+and\s+[\w-]+)?\s+(?:also\s+|again\s+|then\s+|later\s+|reportedly\s+|repeatedly\s+|heavily\s+)?"
    r"(?:shelled|pounded|bombarded|struck|hit|fired|targeted|attacked|bombed|opened fire)\b(?!\s+by\b)", re.IGNORECASE)


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


def affiliation(*texts: str) -> str:
    """The first affiliation named in the first text that names one."""
    for text in texts:
        for p in vocab.affiliations():
            if p.regex.search(text):
                return p.label
    return ""


def words_after(text: str, end: int, limit: int, words: int = 8) -> str:
    """Up to ``words`` words of ``text`` after ``end`` (not past ``limit``): "positions of the group"."""
    return " ".join(text[end:limit].split()[:words])


def find_strikers(text: str, start: int, end: int, mentions: list[Mention], claimant: Source) -> list[tuple[int, str, str]]:
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
        country = country_in((s, start + m.end()), mentions)
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


def _pick_targets(candidates: list[Target]) -> list[Target]:
    specific = [t for t in candidates if t.specific]
    return specific or candidates[:1]


def segments(roles, targets, content) -> list[tuple[list[Mention], list[Target]]]:
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
