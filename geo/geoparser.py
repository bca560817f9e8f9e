"""Find the places a text names and resolve them against the gazetteer.

Recognition works on proper-noun chunks: runs of capitalised words (with the
lower-case particles of Arabic and European names inside them). A chunk is a
place only when the gazetteer knows the *whole* chunk, so "Ash Carter" or
"Istanbul Bilgi University" yield no place even though "Carter" and "Istanbul"
are names of places. Phrases around the name that say what kind of place it is
("the province of Aleppo", "Idlib province", "northern Homs", "the Sha’ar gas
field") are taken into the mention and into the gazetteer query.

Resolution uses the document: the countries it is about (named, as demonyms,
or through places that can only be in one country) and the divisions a place
is said to be in ("Qaryatain in Homs province").
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from . import vocab
from .gazetteer import Candidate, Context, Gazetteer, Place, Query, Resolution, name_key, skeleton_key
from .gazetteer.gazetteer import ADMIN1_WORDS, DIRECTIONS, LOCALITY_WORDS
from .gazetteer.place import EARTH_RADIUS_KM, distance_km
from .text import SentenceTokens, Span, Token, sentences

# Lower-case particles that may stand inside a name ("Jisr al-Shughour",
# "Deir ez Zor", "Bosnia and Herzegovina" is handled by the gazetteer key).
NAME_PARTICLES = frozenset("al el ar as ash ad an az ez es en er at et de del la le du da di bin ibn abu of the".split())
PLACE_TYPE_WORDS = frozenset(ADMIN1_WORDS + LOCALITY_WORDS + ("villages", "towns", "cities", "provinces", "area"))
# Lower-case words that may complete a facility or landform name ("gas field").
NAME_TAILS = 3
ADJECTIVE_SUFFIXES = ("-based", "-led", "-backed", "-held", "-controlled", "-born", "-owned", "-made", "-run", "-allied")
# Verbs that make a capital or country stand for its government ("Moscow had informed Ankara").
AGENT_VERBS = frozenset(
    "said says say informed informs told tells announced announces insisted insists denied denies warned warns "
    "agreed agrees demanded demands rejected rejects accused accuses urged urges wants wanted called calls "
    "believes believed claimed claims responded responds supports supported backed backs opposes opposed "
    "condemned condemns welcomed welcomes signed signs".split()
)
AUXILIARIES = frozenset("had has have would will was is were did does also has".split())
POSSESSIVE_RE = re.compile(r"[’']s?$")
# A match must score this much to count as a place: more when it lies outside the
# countries the document is about (a small namesake far away is more likely a
# surname or a word: "Obama", a city in Japan).
MIN_SCORE = 1.3
# Words before a name that make an unusual spelling of a known place acceptable.
_PLACE_CONTEXT = frozenset("in near around of at outside over on into from and , town towns village villages city".split())
MIN_SCORE_ELSEWHERE = 2.4
_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)
# Titles that stand before people's names ("President Putin", "Gov. Jerry Brown").
_TITLES = frozenset(
    "president minister secretary mr mrs ms dr gen general capt king queen prince princess governor gov "
    "senator sen rep chief director commander spokesman spokeswoman prime pope sheikh judge mayor lt col "
    "sgt maj adm officer professor prof coach sir lord lady".split()
)
MAJOR_POPULATION = 50_000
AREA_PRECISIONS = ("region", "admin1", "country", "macroregion")
RESOLUTION_MEMO_SIZE = 5_000  # resolutions kept between documents (then forgotten at once): ~3.5 KB each
DOCUMENT_DIVISION_WEIGHT = 0.6
OWN_VOTE_WEIGHT = 0.5
# Co-mentioned places: a reading within NEAR_KM of a confidently placed town gains W_NEAR.
ANCHOR_MARGIN, NEAR_KM, W_NEAR = 1.2, 150.0, 0.8
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
# Words of the local institutions a town names ("Beverly Hills Police Department", "Nenagh
# District Council"): a town too small to name a firm after is still where these stand.
LOCAL_INSTITUTION_WORDS = frozenset(
    "police pd sheriff sheriff's council court courthouse school academy hospital fire library college "
    "chamber municipal borough constabulary garda".split()
)
# Mentions the rest of the text may re-place: names, and names inside others
# ("the Montgomery County Democrats" in an article set in Iowa).
_RERANKED_KINDS = ("name", "embedded")
# Prepositions of place: "in Riverdale" is a place even where the text also names "Riverdale Luke Oil".
_LOCATIVE_BEFORE = frozenset("in near outside around across".split())
# A name followed by one of these is a person's ("the Obama administration").
NOT_PLACE_BEFORE = frozenset("administration family dynasty".split())
# Lower-case words that end facility and landform names ("the Sha’ar gas field").
FACILITY_WORDS = frozenset(
    "field fields base airbase airport airfield plain plains valley mountain mountains mount hills desert "
    "river lake sea dam crossing camp district quarter neighbourhood neighborhood square bridge road highway "
    "refinery plant station prison port".split()
)
# Words that end place names, not people's ("Jordan Valley", "Victoria Station").
_PLACE_WORDS = FACILITY_WORDS | PLACE_TYPE_WORDS | frozenset(DIRECTIONS)


@dataclass(frozen=True)
class Mention:
    """A place named in a text.

    ``start``/``end`` index the original text; ``text`` is the mention as written
    (with "province of", "northern" ...), ``query`` what was looked up.
    ``literal`` is False when the name stands for something else: a government
    ("Moscow had informed Ankara"), a demonym ("Syrian"), an adjective
    ("Washington-based"), a part of an organisation's name.
    """

    start: int
    end: int
    text: str
    query: str
    sentence: int
    literal: bool = True
    kind: str = "name"  # name | demonym | adjective | dateline
    place: Place | None = None
    score: float = 0.0
    reason: str = ""
    alternatives: tuple[str, ...] = field(default=(), compare=False)
    # Divisions the candidate places lie in: a division named elsewhere can only
    # change the reading when it holds one of them.
    candidate_divisions: frozenset = field(default=frozenset(), compare=False, repr=False)
    margin: float = field(default=0.0, compare=False, repr=False)  # lead of the best reading over the next

    def record(self, file: str = "") -> dict:
        """The JSON-lines record of ``strikemap geoparse``."""
        p = self.place
        return {
            "file": file,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "name": p.name if p else None,
            "lat": p.lat if p else None,
            "lon": p.lon if p else None,
            "place_id": p.place_id if p else None,
            "precision": p.precision if p else None,
            "country": p.country if p else None,
            "literal": self.literal,
        }


@dataclass
class ParsedText:
    """A text with its sentences and place mentions, as later stages need them."""

    text: str
    sentences: list[Span]
    mentions: list[Mention]
    countries: dict[str, float]


# -- recognition -------------------------------------------------------------
# Words written in lower case somewhere in the text: a capitalised one is then a common word.
_LOWER_CASE_WORD_RE = re.compile(r"\b[a-z][a-z]+\b")
_CAPITALISED_RUN_END = re.compile(r"(?:[A-Z][\w’'.-]*\s)+$")


def _masked_spans(text: str) -> list[tuple[int, int]]:
    """Organisation names in the text, inside which place names are not literal."""
    whole, heads = vocab.organisations_regex()
    spans = [(m.start(), m.end()) for m in whole.finditer(text)]
    for m in heads.finditer(text):
        before = _CAPITALISED_RUN_END.search(text, max(0, m.start() - 80), m.start())
        if before:  # "Istanbul Bilgi University": the capitalised words before the head word
            spans.append((before.start(), m.end()))
    return spans


_PARTICLE_NAME_RE = re.compile(r"^(?:al|el|ar|as|ash|ad|an|az|ez|es|en|er|at|et|ad|adh|ath|ul|bin|ibn|abu|bani|beni)[-‑][A-Z]")


# "We’re", "I'll", "Don't": a pronoun or a negated verb, never a name ("Sa'd" is one).
_CONTRACTION_RE = re.compile(r"^(?:i|you|he|she|it|we|they|who|that|there|what)[’'](?:re|ll|ve|d|m)$|n[’']t$", re.IGNORECASE)


def _name_word(t: Token) -> bool:
    """A word that can be part of a proper name: capitalised, or "al-Numan"-style."""
    if t.is_capitalised:
        text = t.text
        return text[0].isalpha() and not (("’" in text or "'" in text) and _CONTRACTION_RE.search(text))
    # Only words with a hyphen among their first letters can be "al-Numan".
    return "-" in t.text[1:5] and bool(_PARTICLE_NAME_RE.match(t.text))


def _chunks(toks: SentenceTokens) -> list[list[Token]]:
    """Runs of capitalised words, with name particles inside them."""
    chunks: list[list[Token]] = []
    n = len(toks)
    taken = 0  # the end of the last run: its words start no other
    # Most words are lower-case: only those that may open a name are looked at.
    for i in toks.capitalised_or_hyphenated():
        if i < taken:
            continue
        t = toks[i]
        if not _name_word(t):
            continue
        run = [t]
        j = i + 1
        while j < n:
            last, nxt = run[-1], toks[j]
            if len(last.text) > 2 and last.text[-2] in "’'" and POSSESSIVE_RE.search(last.text):
                break
            if nxt.start - last.end <= 1 and (nxt.is_capitalised or "-" in nxt.text[1:5]) and _name_word(nxt):
                run.append(nxt)
                j += 1
            elif nxt.lower in NAME_PARTICLES and j + 1 < n and toks[j + 1].is_capitalised and toks[j + 1].text[0].isalpha():
                run.extend([nxt, toks[j + 1]])
                j += 2
            else:
                break
        chunks.append(run)
        taken = j
    return chunks


def _has_place_cue(toks: SentenceTokens, first: Token, last: Token) -> bool:
    """"the village of X", "X province": the text itself says X is a place."""
    i, k = first.index, last.index + 1
    before = i >= 2 and toks[i - 1].lower == "of" and toks[i - 2].lower in PLACE_TYPE_WORDS
    after = k < len(toks) and toks[k].lower in ADMIN1_WORDS
    return before or after


def _apposition_follows(toks: SentenceTokens, last: Token) -> bool:
    """"Hope, Arkansas": a comma and a capitalised word after the name."""
    k = last.index + 1
    return k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].is_capitalised


def _major_area(place: Place) -> bool:
    return place.precision in ("country", "admin1", "macroregion")


def _major(place: Place) -> bool:
    """Places that names of organisations and titles are built from: not small villages."""
    return _major_area(place) or place.population >= MAJOR_POPULATION


def _next_word(toks: SentenceTokens, tok: Token) -> str:
    return toks[tok.index + 1].lower if tok.index + 1 < len(toks) else ""


def _is_acronym_or_label(toks: Sequence[Token], tok: Token) -> bool:
    """"IS", "NATO", "U.S." or a speaker label ("KENYON:")."""
    letters = [c for c in tok.text if c.isalpha()]
    upper = bool(letters) and all(c.isupper() for c in letters)
    nxt = toks[tok.index + 1].text if tok.index + 1 < len(toks) else ""
    return upper and (len(letters) <= 4 or nxt == ":")


def _strip_possessive(word: str) -> tuple[str, bool]:
    if len(word) > 2 and word[-2] in "’'" and word[-1] in "sS":
        return word[:-2], True
    if word[-1:] in "’'":
        return word[:-1], True
    return word, False


@dataclass
class _Candidate:
    start: int
    end: int
    name: str
    query: str
    sentence: int
    literal: bool
    kind: str
    possessive: bool = False
    local: bool = False  # embedded in the name of a local institution ("Slidell Police")
    common: bool = False  # an everyday word standing alone ("Star", "Border")


class _CountryWeights:
    """The countries a document is about, as weights for resolving each of its names.

    A name's own votes count half, so an ambiguous name cannot decide its own
    country against the rest of the text.
    """

    def __init__(self, votes: dict[str, Counter[str]]):
        self.votes = votes
        self.total: Counter[str] = sum(votes.values(), Counter())
        self._by_key: dict[str, dict[str, float]] = {}  # names repeat in a document

    def without(self, key: str) -> dict[str, float]:
        found = self._by_key.get(key)
        if found is None:
            own = self.votes.get(key, {})
            weights = {cc: v - (1 - OWN_VOTE_WEIGHT) * own.get(cc, 0.0) for cc, v in self.total.items()}
            found = self._by_key[key] = _normalised(weights)
        return found


class Geoparser:
    """Finds and resolves place mentions; one instance can parse many texts."""

    def __init__(self, gazetteer: Gazetteer | None = None, online=None):
        """``online``: an optional :class:`~geo.gazetteer.online.OnlineFallback` for names
        the offline gazetteer does not know (off unless the user asks for it)."""
        self.gazetteer = gazetteer or Gazetteer.default()
        self.online = online
        self.not_places = vocab.not_places()
        self.demonyms = vocab.demonyms()
        self.person_parts: set[str] = set()
        self.given_names, self.surnames = vocab.given_names(), vocab.surnames()
        self.organisation_words = vocab.organisation_words()
        self.common_words = vocab.common_words()
        self._memo: dict[tuple, Resolution] = {}

    # recognition ----------------------------------------------------------
    def _known(self, name: str) -> bool:
        return self.gazetteer.index.has_name(name_key(name))

    def _known_skeleton(self, name: str) -> bool:
        skel = skeleton_key(name)
        return len(skel) >= 4 and self.gazetteer.index.has_skeleton(skel)

    def _candidates_in(self, text: str, sentence: Span, si: int, lowercase_words: set[str], toks: SentenceTokens,
                       chunks: list[list[Token]], masked: list[tuple[int, int]]) -> list[_Candidate]:
        masked = [(s, e) for s, e in masked if s < sentence.end and e > sentence.start]
        out: list[_Candidate] = []
        for chunk in chunks:
            if len(chunk) == 1 and self._common_word(chunk[0]):
                continue
            out.extend(self._chunk_candidates(text, toks, chunk, si, masked, lowercase_words))
        return out

    def _common_word(self, tok: Token) -> bool:
        """A lone capitalised common word ("The", "But"): no place, and nothing inside it is one.

        The quick answer for the commonest chunk; :meth:`_chunk_candidates` would give the same.
        """
        if "-" in tok.text:
            return False
        bare = _strip_possessive(tok.text)[0]
        return bare.lower() in self.not_places and bare not in self.demonyms and not (tok.text.isupper() and len(tok.text) > 1)

    def _joined(self, chunks: list[list[Token]], toks: SentenceTokens) -> list[list[Token]]:
        """Join names the gazetteer knows with "and" inside ("Trinidad and Tobago",
        "Bosnia and Herzegovina"), and names joined by "&" (firms, "Johnson & Johnson")."""
        out: list[list[Token]] = []
        for chunk in chunks:
            prev = out[-1] if out else None
            if prev is not None and chunk[0].index == prev[-1].index + 2 and toks[prev[-1].index + 1].lower in ("and", "&"):
                joiner = toks[prev[-1].index + 1]
                joined = prev + [joiner] + chunk
                # "Johnson & Johnson" is a firm: its parts are no places either.
                if joiner.text == "&" or self._known(_strip_possessive(" ".join(t.text for t in joined))[0]):
                    out[-1] = joined
                    continue
            out.append(chunk)
        return out

    def _trim(self, chunk: list[Token]) -> list[Token]:
        """Drop capitalised function words before a name and weekdays or months after it."""
        def droppable(chunk: list[Token]) -> bool:
            t = chunk[0]
            if t.lower not in self.not_places or (t.text.isupper() and len(t.text) > 1):
                return False
            # "New York Times": a known name that starts with the word keeps it.
            return not any(self._known(_strip_possessive(" ".join(x.text for x in chunk[:n]))[0])
                           for n in range(len(chunk), 1, -1))

        while len(chunk) > 1 and droppable(chunk):
            chunk = chunk[1:]
        while len(chunk) > 1 and chunk[-1].lower in _CALENDAR_WORDS:
            chunk = chunk[:-1]
        while len(chunk) > 1 and not _name_word(chunk[0]):  # a particle left in front ("of Iraq")
            chunk = chunk[1:]
        return chunk

    def _hyphenated(self, tok: Token, si: int) -> list[_Candidate] | None:
        """"Washington-based" (a place as adjective) and "Amsterdam-London" (two places)."""
        if "-" not in tok.text:
            return None
        if tok.lower.endswith(ADJECTIVE_SUFFIXES):
            head = tok.text.rsplit("-", 1)[0]
            if head in self.demonyms:  # "Turkish-backed"
                return [_Candidate(tok.start, tok.start + len(head), head, head, si, False, "demonym")]
            if self._known(head) and head.lower() not in self.not_places:
                return [_Candidate(tok.start, tok.start + len(head), head, head, si, False, "adjective")]
            return []
        parts, out, offset = tok.text.split("-"), [], tok.start
        for part in parts:
            if part in self.demonyms:  # "the Syrian-Turkish border"
                out.append(_Candidate(offset, offset + len(part), part, part, si, False, "demonym"))
            elif part[:1].isupper() and len(part) > 1 and self._known(part) and part.lower() not in self.not_places:
                out.append(_Candidate(offset, offset + len(part), part, part, si, True, "name"))
            offset += len(part) + 1
        return out if len(parts) > 1 and len(out) == len(parts) else None

    def _embedded(self, chunk: list[Token], si: int, skip: set[int], whole: bool = False) -> list[_Candidate]:
        """Places inside a longer name: at its start ("The Washington Post", "US Special
        Forces") or after "of" ("University of Alberta"). They are reported, not literal."""
        out = []
        starts = [0] + [i + 1 for i, t in enumerate(chunk[:-1]) if t.lower == "of"]
        for i in starts:
            if chunk[i].start in skip:
                continue
            # The whole chunk was already tried as a name, unless it sits inside an organisation's.
            for n in range(min(4, len(chunk) - i - (0 if i or whole else 1)), 0, -1):
                words = chunk[i : i + n]
                name = " ".join(t.text for t in words)
                name, _ = _strip_possessive(name)
                if n == 1 and (words[0].lower in self.not_places or words[0].text in self.person_parts):
                    continue
                if self._known(name) and not _is_acronym_or_label(chunk, words[0]) or (
                    n == 1 and _is_acronym_or_label(chunk, words[0]) and self._acronym_candidates(words[0], si)
                ):
                    local = any(t.lower in LOCAL_INSTITUTION_WORDS for t in chunk[i + n:])
                    out.append(_Candidate(words[0].start, words[0].start + len(name), name, name, si, False, "embedded", local=local))
                    break
        return out + self._embedded_at_end(chunk, si, out)

    def _embedded_at_end(self, chunk: list[Token], si: int, found: list[_Candidate]) -> list[_Candidate]:
        """A country or division closing a longer name ("HSBC Bank Malta", "DeSmog Canada")."""
        taken = max((c.end for c in found), default=-1)
        for n in range(min(3, len(chunk) - 1), 0, -1):
            words = chunk[-n:]
            name, _ = _strip_possessive(" ".join(t.text for t in words))
            if words[0].start < taken or words[0].lower in self.not_places or not self._known(name):
                continue
            best = self.gazetteer.candidates(name, limit=1)
            if best and best[0].place.precision in ("country", "admin1") and best[0].match == "name":
                return [_Candidate(words[0].start, words[0].start + len(name), name, name, si, False, "embedded")]
            return []
        return []

    def _chunk_candidates(self, text, toks, chunk, si, masked, lowercase_words) -> list[_Candidate]:
        chunk = self._trim(chunk)
        first = chunk[0]
        if any(s <= first.start < e for s, e in masked):
            return self._embedded(chunk, si, set(), whole=True)
        hyphenated = self._hyphenated(first, si)
        if hyphenated is not None:
            rest = self._chunk_candidates(text, toks, chunk[1:], si, masked, lowercase_words) if len(chunk) > 1 else []
            return hyphenated + rest
        last = chunk[-1]
        words = [t.text for t in chunk]
        words[-1], possessive = _strip_possessive(words[-1])
        end = last.start + len(words[-1])
        name = " ".join(words) if all(t.end == n.start - 1 for t, n in zip(chunk, chunk[1:])) else text[first.start:end]
        if len(chunk) == 1 and words[0] in self.demonyms:
            return [_Candidate(first.start, end, words[0], words[0], si, False, "demonym", possessive)]
        single = len(chunk) == 1
        bare = _strip_possessive(first.text)[0].lower()
        if single and bare in self.not_places and not (first.text.isupper() and len(first.text) > 1):
            return []
        if single and _next_word(toks, first) in NOT_PLACE_BEFORE:
            return []
        if single and _is_acronym_or_label(toks, first):
            return self._acronym_candidates(first, si)
        # Facility and landform names end in lower-case words: "Sha’ar gas field".
        k = last.index + 1
        if any(t.lower in FACILITY_WORDS for t in toks[k : k + NAME_TAILS]):
            for n in range(NAME_TAILS, 0, -1):
                tail = toks[k : k + n]
                if len(tail) == n and all(t.text.islower() for t in tail) and tail[-1].lower in FACILITY_WORDS:
                    longer = text[first.start : tail[-1].end]
                    if self._known(longer):
                        return [_Candidate(first.start, tail[-1].end, longer, longer, si, True, "name")]
        if not self._known(name):
            stripped = self._strip_type_word(name)
            if stripped is None:
                skeleton_ok = self._skeleton_allowed(toks, first, lowercase_words) and self._known_skeleton(name)
                if not skeleton_ok and not _has_place_cue(toks, first, last):
                    if self._is_personal_name(chunk):  # "Tyler Williams": no town Tyler in it
                        return []
                    demonyms = self._demonyms_inside(chunk, si)
                    return demonyms + self._embedded(chunk, si, {c.start for c in demonyms})
        if single and first.lower in lowercase_words and not first.text.isupper():
            return []
        cued = _has_place_cue(toks, first, last) or (not possessive and first.index > 0 and toks[first.index - 1].lower in _LOCATIVE_BEFORE)
        if single and words[0] in self.person_parts and not cued:
            return []
        start, query = self._extend_phrase(text, toks, first, last, end, name)
        end = max(end, self._extend_after(toks, last))
        query = text[start:end] if end > first.start + len(name) and not possessive else query
        # "Border Patrol", "Star paid": an everyday word is a small place only where the text says so.
        common = single and words[0].lower() in self.common_words and not cued and not _apposition_follows(toks, last)
        return [_Candidate(start, end, name, query, si, True, "name", possessive, common=common)]

    def _acronym_candidates(self, tok: Token, si: int) -> list[_Candidate]:
        """Upper-case words are places only as abbreviations of countries, divisions and
        unions of them ("US", "UK", "EU")."""
        best = self.gazetteer.candidates(tok.text, limit=1)
        if best and best[0].place.precision in ("country", "admin1", "macroregion") and best[0].match == "name":
            return [_Candidate(tok.start, tok.end, tok.text, tok.text, si, True, "name")]
        return []

    def _demonyms_inside(self, chunk, si) -> list[_Candidate]:
        """Countries inside a longer name still say which country it belongs to.

        Demonyms anywhere ("the Russian Defense Ministry") and a country name
        that premodifies an institution ("US Defense Secretary Ash Carter").
        """
        out = []
        for t in chunk:
            word, _ = _strip_possessive(t.text)
            if word in self.demonyms:
                out.append(_Candidate(t.start, t.start + len(word), word, word, si, False, "demonym"))
        head, _ = _strip_possessive(chunk[0].text)
        rest = " ".join(t.text for t in chunk[1:])
        if not out and rest and vocab.alternation("actors").regex.match(rest):
            best = self.gazetteer.candidates(head, limit=1)
            if best and best[0].place.precision == "country" and best[0].match == "name":
                out.append(_Candidate(chunk[0].start, chunk[0].start + len(head), head, head, si, False, "modifier"))
        return out

    def _strip_type_word(self, name: str) -> str | None:
        words = name.split()
        if len(words) > 1 and words[-1].lower() in PLACE_TYPE_WORDS and self._known(" ".join(words[:-1])):
            return " ".join(words[:-1])
        # A capitalised direction is part of a name ("West Wing", "North Side") unless
        # what follows is an area with parts ("North Hama", "Western Europe").
        if len(words) > 1 and words[0].lower() in DIRECTIONS and self._known(" ".join(words[1:])):
            rest = " ".join(words[1:])
            if any(c.place.precision in AREA_PRECISIONS for c in self.gazetteer.candidates(rest, limit=3)):
                return rest
        return None

    @staticmethod
    def _skeleton_allowed(toks, first, lowercase_words) -> bool:
        """A spelling the gazetteer lacks is accepted only where the text says it is a place."""
        if first.lower in lowercase_words or first.index == 0:
            return False
        prev = toks[first.index - 1].lower if first.index > 0 else ""
        nxt = toks[first.index + 1].lower if first.index + 1 < len(toks) else ""
        return prev in _PLACE_CONTEXT or nxt in PLACE_TYPE_WORDS

    @staticmethod
    def _extend_phrase(text, toks, first, last, end, name) -> tuple[int, str]:
        """Take "the province of", "northern" before the name into the mention."""
        start, query = first.start, name
        i = first.index
        if i >= 2 and toks[i - 1].lower == "of" and toks[i - 2].lower in PLACE_TYPE_WORDS:
            start = toks[i - 2].start
            query = f"{toks[i - 2].lower} of {name}"
            i -= 2
        if i >= 1 and toks[i - 1].lower.replace("-", "") in DIRECTIONS and toks[i - 1].text.islower():
            start = toks[i - 1].start
            query = f"{toks[i - 1].lower} {query}"
        return start, query

    @staticmethod
    def _extend_after(toks, last) -> int:
        """Take a following "province", "governorate", "countryside" into the mention."""
        k = last.index + 1
        if k < len(toks) and toks[k].lower in ADMIN1_WORDS and not POSSESSIVE_RE.search(last.text):
            return toks[k].end
        return 0

    @staticmethod
    def _non_literal(toks: SentenceTokens, starts: list[int], cand: _Candidate) -> bool:
        """A capital as agent or addressee of a government's act stands for that government.

        ``starts`` are the tokens' start offsets, for finding the words around the name.
        """
        first_after = bisect.bisect_left(starts, cand.end)
        first_in = bisect.bisect_left(starts, cand.start)
        after, before = toks[first_after:first_after + 3], toks[max(0, first_in - 2):first_in]
        if before and before[-1].lower in _LOCATIVE_BEFORE:  # "Police in New Jersey said": where they are
            return False
        words_after = [t.lower for t in after]
        while words_after and words_after[0] in AUXILIARIES:
            words_after.pop(0)
        if words_after and words_after[0] in AGENT_VERBS:
            return True
        return bool(before) and before[-1].lower in AGENT_VERBS

    # resolution -----------------------------------------------------------
    def _country_votes(self, cands: list[_Candidate]) -> dict[str, Counter[str]]:
        """Each name's votes for the countries the text is about.

        Countries, divisions and demonyms are strong evidence; an ambiguous town
        name splits its vote among the countries of its plausible readings.
        """
        votes: dict[str, Counter[str]] = {}
        for c in cands:
            own = votes.setdefault(name_key(c.name), Counter())
            if c.kind == "demonym":
                target = self.demonyms.get(c.name, "")
                if len(target) == 2 and target.isupper():
                    own[target] += 1.0
                continue
            ranked = self.gazetteer.candidates(c.query, limit=5)
            if not ranked:
                continue
            countries = {r.place.country for r in ranked if r.score >= ranked[0].score - 0.3} - {""}
            strong = ranked[0].place.precision in ("country", "admin1")
            for cc in sorted(countries):  # in a fixed order: ties between countries keep it
                own[cc] += (1.5 if strong else 1.0) / len(countries)
        return votes

    def _person_parts(self, chunks: list[list[Token]]) -> set[str]:
        """Words the document uses as parts of people's names ("John Kelly", "President Putin").

        A run of 2-4 capitalised words made only of titles and words that are no
        country, division or common word is taken for a person's name; its words,
        standing alone elsewhere, are then that person, not a namesake village.
        """
        parts: set[str] = set()
        for chunk in chunks:
            if any(t.lower in self.organisation_words for t in chunk):  # "Hammonton Police Department"
                continue
            chunk = [t for t in chunk if t.lower.rstrip(".") in _TITLES or t.lower not in self.not_places]
            if not 2 <= len(chunk) <= 4 or self._known(" ".join(t.text for t in chunk)):
                continue
            names = [t for t in chunk if t.lower.rstrip(".") not in _TITLES]
            titled = len(names) < len(chunk)
            if not names or (len(names) < 2 and not titled) or (not titled and not self._name_shaped(names)):
                continue
            if any(self._is_person_blocker(t) for t in names):
                if not self._is_personal_name(chunk):
                    continue
                # "Tyler Williams": Tyler is his name here and below; a country or
                # division ("Jordan Henderson") stays a place elsewhere in the text.
                names = [t for t in names if not self._is_area_name(t)]
            parts.update(_strip_possessive(t.text)[0] for t in names)
        return parts

    def _name_shaped(self, words: list[Token]) -> bool:
        """Could these words be a person's name? Not with digits or acronyms in them ("A429
        Cirencester", "Immokalee TIGER Grant"), nor a town followed by no surname ("Burton
        Albion", "Allendale Woman's Club"); "Paris Hilton" and "Sergei Lavrov" could."""
        if any(any(c.isdigit() for c in t.text) or (t.text.isalpha() and t.text.isupper() and len(t.text) > 1) for t in words):
            return False
        first, last = (_strip_possessive(t.text)[0] for t in (words[0], words[-1]))
        return not self._known(first) or first.upper() in self.given_names or last.upper() in self.surnames

    def _is_personal_name(self, chunk: list[Token]) -> bool:
        """A given name and a surname, perhaps with a middle name or initial between
        ("Victoria Rowell", "Mary Ann Smith", "John F. Kennedy"), not known as a place."""
        words = [_strip_possessive(t.text)[0] for t in chunk]
        if not 2 <= len(words) <= 3 or words[0].upper() not in self.given_names:
            return False
        middle_ok = len(words) == 2 or words[1].upper() in self.given_names or (len(words[1]) == 2 and words[1][1] == ".")
        last = words[-1]
        return (middle_ok and last.upper() in self.surnames and last.lower() not in _PLACE_WORDS
                and not self._known(" ".join(words)))

    def _is_person_blocker(self, t: Token) -> bool:
        word = _strip_possessive(t.text)[0]
        if t.lower in self.not_places or word in self.demonyms or not word[:1].isupper() or "-" in word[1:3]:
            return not bool(_PARTICLE_NAME_RE.match(word))
        ranked = self.gazetteer.candidates(word, limit=3) if self._known(word) else []
        # A big city blocks only by its own name: "Sam" is Damascus in Turkish, "Wang" a
        # name of Huizhou, yet "Sam Gallagher" and "Wang Quanzhang" are people.
        return any(_major_area(c.place) or (c.place.population >= 100_000 and name_key(c.place.name) == name_key(word))
                   for c in ranked)

    def _is_area_name(self, t: Token) -> bool:
        word = _strip_possessive(t.text)[0]
        return self._known(word) and any(_major_area(c.place) for c in self.gazetteer.candidates(word, limit=3))

    def parse(self, text: str) -> ParsedText:
        """Sentences and resolved place mentions of ``text``."""
        if len(self._memo) > RESOLUTION_MEMO_SIZE:
            self._memo.clear()
        spans = sentences(text)
        lowercase_words = set(_LOWER_CASE_WORD_RE.findall(text))
        sentence_tokens = [SentenceTokens(s.text, s.start) for s in spans]
        sentence_chunks = [self._joined(_chunks(toks), toks) for toks in sentence_tokens]
        self.person_parts = self._person_parts([c for chunks in sentence_chunks for c in chunks])
        masked = _masked_spans(text)
        cands: list[_Candidate] = []
        for si, s in enumerate(spans):
            cands.extend(self._candidates_in(text, s, si, lowercase_words, sentence_tokens[si], sentence_chunks[si], masked))
        votes = _CountryWeights(self._country_votes(cands))
        countries = votes.without("")
        mentions = []
        for c in cands:
            toks = sentence_tokens[c.sentence]
            literal = c.literal and not self._non_literal(toks, toks.starts, c)
            mentions.append(self._resolve(text, c, literal, votes.without(name_key(c.name))))
        mentions = self._apply_appositions(text, mentions, votes)
        mentions = self._apply_proximity(self._apply_containers(mentions, votes), votes)
        mentions = _apply_same_name(mentions)
        mentions = [m for m in mentions if _worth_reporting(m)]
        return ParsedText(text, spans, mentions, countries)

    def _lookup(self, query: str, countries: dict[str, float], divisions: dict | None = None) -> Resolution:
        """Gazetteer resolution, remembered across documents: names repeat, and so do the
        contexts of a corpus about one conflict."""
        key = (query, tuple(sorted(countries.items())), tuple(sorted((divisions or {}).items())))
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self.gazetteer.resolve(query, Context(countries=countries, admin1=divisions or {}))
        return found

    def _resolve(self, text: str, c: _Candidate, literal: bool, countries: dict[str, float]) -> Mention:
        query = self.demonym_country_query(c) if c.kind == "demonym" else c.query
        res = self._lookup(query, countries) if query else None
        place, score, reason = None, 0.0, "stateless demonym"
        if res is not None:
            place, score, reason = res.place, res.score, res.reason
            # A small town far from the document's countries needs more evidence; a
            # country, division or continent named outright does not.
            elsewhere = place is not None and place.country not in countries and not _major_area(place)
            needed = MIN_SCORE_ELSEWHERE if elsewhere else MIN_SCORE
            if place is not None and c.common and not _major(place):
                place, reason = None, f"{c.name!r} is an everyday word, and {res.place.name!r} a small place"
            elif place is not None and score < needed and c.kind == "name":
                place, reason = None, f"best match {res.place.name!r} scores {score:.2f}, below {needed}"
            elif place is not None and c.kind == "embedded" and not _major(place) and not (
                    c.local and countries.get(place.country, 0.0) >= 0.5 and score >= needed):
                place, reason = None, f"{res.place.name!r} is too small to be named inside another name"
            if place is None and self.online is not None and c.kind == "name" and res.place is None:
                name = Query.parse(query).name
                place = self.online.resolve(name, [cc for cc, w in countries.items() if w >= 0.5])
                reason = reason if place is None else "found online"
        alts, held, margin = (res.runners_up, res.divisions, res.margin) if res else ((), frozenset(), 9.0)
        return Mention(c.start, c.end, text[c.start:c.end], query or c.name, c.sentence, literal, c.kind, place, score, reason,
                       alts, held, margin)

    def demonym_country_query(self, c: _Candidate) -> str:
        """What a demonym names: a country by ISO code ("SY"), or a place by name ("Europe")."""
        target = self.demonyms.get(c.name, "")
        if len(target) == 2 and target.isupper():
            country = self.gazetteer.country_by_code(target)
            return country.name if country else ""
        return target

    def _apply_proximity(self, mentions: list[Mention], votes: _CountryWeights) -> list[Mention]:
        """Re-rank ambiguous towns by the towns the text places with confidence: a reading
        near the article's other places beats a namesake far away ("Parkland" beside "Broward")."""
        anchors = [m for m in mentions if m.kind == "name" and m.place is not None and m.margin >= ANCHOR_MARGIN
                   and m.place.precision in ("locality", "site", "admin1")]
        if not anchors:
            return mentions
        points: dict[str, set[tuple[float, float]]] = {}  # anchor points by name key
        for a in anchors:
            points.setdefault(name_key(a.query), set()).add((a.place.lat, a.place.lon))
        winners: dict[str, Candidate | None] = {}  # by query: names repeat in a document
        out = []
        for m in mentions:
            if (m.kind in _RERANKED_KINDS and m.place is not None and m.margin < ANCHOR_MARGIN
                    and m.place.precision in ("locality", "site", "admin2")):
                if m.query not in winners:
                    winners[m.query] = self._nearest_reading(m.query, points, votes)
                best = winners[m.query]
                if best is not None and best.place.place_id != m.place.place_id and best.score >= MIN_SCORE:
                    m = replace(m, place=best.place, score=best.score)
            out.append(m)
        return out

    def _nearest_reading(self, query: str, points: dict[str, set[tuple[float, float]]], votes: _CountryWeights) -> Candidate | None:
        """The reading of ``query`` that wins once closeness to the other names' places counts."""
        key = name_key(query)
        near = [pt for k, pts in points.items() if k != key for pt in pts]
        if not near:
            return None
        res = self._lookup(query, votes.without(key))
        # Only readings within W_NEAR of the best can overtake it.
        contenders = [c for c in res.candidates[:8] if c.score >= res.candidates[0].score - W_NEAR]
        if len(contenders) <= 1:
            return contenders[0] if contenders else None
        return min(contenders, key=lambda c: (-(c.score + _closeness(c.place, near)), c.place.place_id))

    def _apply_appositions(self, text: str, mentions: list[Mention], votes: _CountryWeights) -> list[Mention]:
        """"Tacoma, Washington", "Alexandria, Virginia": a name after a town and a comma is
        the division that holds it, when one of its readings is such a division."""
        out = list(mentions)
        for i in range(1, len(out)):
            town, area = out[i - 1], out[i]
            if (area.kind != "name" or town.kind != "name" or town.sentence != area.sentence
                    or text[town.end:area.start] != ", " or area.place is None or area.place.precision == "admin1"):
                continue
            res = self._lookup(area.query, votes.without(name_key(area.query)))
            holding = [c for c in res.candidates if c.place.precision == "admin1" and c.place.admin1_key in town.candidate_divisions]
            if holding:
                out[i] = replace(area, place=holding[0].place, score=holding[0].score, reason="the division written after a town it holds")
        return out

    def _apply_containers(self, mentions: list[Mention], votes: _CountryWeights) -> list[Mention]:
        """Re-resolve places with the divisions the text names: fully for one named in the
        same sentence ("Qaryatain in Homs province"), partly for one named elsewhere in
        the document ("Alexandria" in an article that mentions Louisiana)."""
        named = [m for m in mentions if m.literal and m.place is not None and m.place.precision == "admin1"]
        document = {m.place.admin1_key: DOCUMENT_DIVISION_WEIGHT for m in named}
        out = []
        for m in mentions:
            divisions = dict(document)
            divisions.update({o.place.admin1_key: 1.0 for o in named if o.sentence == m.sentence and o is not m})
            divisions = {k: w for k, w in divisions.items() if k in m.candidate_divisions}
            if divisions and m.kind in _RERANKED_KINDS and (m.place is None or m.place.precision != "admin1"):
                countries = votes.without(name_key(m.query))
                better = self._lookup(m.query, countries, divisions)
                if better.place is not None and better.score >= MIN_SCORE:
                    m = replace(m, place=better.place, score=better.score)
            out.append(m)
        return out


def _normalised(weights: dict[str, float]) -> dict[str, float]:
    """The strongest countries, scaled so the first weighs 1."""
    weights = {cc: v for cc, v in weights.items() if v > 1e-9}
    if not weights:
        return {}
    top = max(weights.values())
    ranked = sorted(weights.items(), key=lambda kv: -kv[1])[:8]  # stable: ties keep their first-seen order
    return {cc: round(v / top, 3) for cc, v in ranked if v / top >= 0.2}


def _closeness(place: Place, near: list[tuple[float, float]]) -> float:
    """Bonus for a reading close to the places the text already fixes."""
    # A great-circle distance is at least the latitude difference: far rows are skipped unmeasured.
    reach = 3 * NEAR_KM / KM_PER_DEGREE * 1.001
    best = math.inf
    for lat, lon in near:
        if abs(lat - place.lat) <= reach:
            best = min(best, distance_km(place.lat, place.lon, lat, lon))
            if best <= NEAR_KM:
                break
    return W_NEAR if best <= NEAR_KM else W_NEAR / 2 if best <= 3 * NEAR_KM else 0.0


def _apply_same_name(mentions: list[Mention]) -> list[Mention]:
    """A name inside another name is the place the text names that way elsewhere
    ("a car in Beverly Hills ... the Beverly Hills Police Department"), however small."""
    named = {name_key(m.query): m.place for m in mentions if m.kind == "name" and m.literal and m.place is not None}
    return [replace(m, place=named[key], reason="named as a place elsewhere in the text")
            if m.kind == "embedded" and m.place is None and (key := name_key(m.query)) in named else m
            for m in mentions]


def _worth_reporting(m: Mention) -> bool:
    """Unresolved bare names were only guesses; a name the text calls a place is kept."""
    if m.place is not None:
        return True
    query = Query.parse(m.query)
    return m.kind == "name" and bool(query.want or query.direction)


_default_parser: Geoparser | None = None


def parse(text: str) -> ParsedText:
    """Parse ``text`` with the default gazetteer (see :class:`Geoparser`)."""
    global _default_parser
    if _default_parser is None:
        _default_parser = Geoparser()
    return _default_parser.parse(text)


def geoparse(text: str) -> list[Mention]:
    """Place mentions of ``text``, in order, resolved where the gazetteer allows."""
    return parse(text).mentions
