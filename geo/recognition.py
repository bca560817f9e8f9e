"""Find the names a text may use for places: the recognition half of the geoparser.

Recognition works on proper-noun runs: capitalised words (with the lower-case
particles of Arabic and European names inside them). A run is a place only
when the gazetteer knows the *whole* run, so "Ash Carter" or "Istanbul Bilgi
University" yield no place even though "Carter" and "Istanbul" are names of
places. Phrases around the name that say what kind of place it is ("the
province of Aleppo", "Idlib province", "northern Homs", "the Sha’ar gas
field") are taken into the mention and into the gazetteer query.

Most of what decides a run depends on its own words only (is it known, is it a
person's name, which places stand inside it), and runs repeat within an article
and across a corpus. That part is worked out once per distinct run
(:class:`RunForm`) and remembered; what the words around each occurrence say
("in", "province", "said") is read from the text's token arrays.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from . import vocab
from .gazetteer import Gazetteer, Place, name_key, skeleton_key
from .gazetteer.normalize import spellings_alike
from .gazetteer.gazetteer import ADMIN1_WORDS, DIRECTIONS, LOCALITY_WORDS, PEOPLES, not_place_names
from .text import TextTokens, Token, tokens

# Lower-case particles that may stand inside a name ("Jisr al-Shughour",
# "Deir ez Zor", "Bosnia and Herzegovina" is handled by the gazetteer key).
NAME_PARTICLES = vocab.words("name_particles")
_ENGLISH_PARTICLES = frozenset(("as", "at", "an"))
# Division words after a name, plurals too: "Raqqa, Aleppo and Idlib provinces".
_ADMIN1_AFTER = frozenset(ADMIN1_WORDS) | frozenset(w + "s" for w in ADMIN1_WORDS if w != "countryside")
PLACE_TYPE_WORDS = frozenset(ADMIN1_WORDS + LOCALITY_WORDS) | vocab.words("place_type_plurals")
# Lower-case words that may complete a facility or landform name ("gas field").
NAME_TAILS = 3
ADJECTIVE_SUFFIXES = vocab.word_list("adjective_suffixes")
_DEMONYM_ADJECTIVE_SUFFIXES = vocab.word_list("demonym_adjective_suffixes")
# Verbs that make a capital or country stand for its government ("Moscow had informed Ankara").
AGENT_VERBS = vocab.words("agent_verbs")
RELATION_NOUNS = vocab.words("relation_nouns")  # "relations between Islamabad and Kabul"
AUXILIARIES = vocab.words("auxiliaries")
POSSESSIVE_RE = re.compile(r"[’']s?$")
# Words before a name that make an unusual spelling of a known place acceptable.
_PLACE_CONTEXT = vocab.words("place_context")
_PART_NOUNS = frozenset(("neighbourhood", "neighborhood", "quarter", "suburb"))
_PART_NOUNS_OF = _PART_NOUNS | {"district"}  # "the district of X": of a city, where X is no town the gazetteer holds
# Words before a name that say it is a place whatever the text is about ("pounded X").
_PLACE_EVIDENCE = vocab.words("place_evidence")
_CALENDAR_WORDS = vocab.words("calendar_words")
# One settlement named by the word after it ("Rajouri town"; not "Shiite villages", "Shiite area": who lives there).
_ONE_TOWN_WORDS = frozenset(("town", "city", "village"))
_HOLIDAYS = vocab.words("holiday_words")
# Lower-case words that may follow a place's name in a sentence (not a noun it would modify).
_AFTER_A_PLACE = frozenset(("and", "or", "in", "on", "at", "near", "of", "from", "to", "as", "with", "where", "which", "that",
                            "while", "when", "after", "before", "since", "for", "by", "again", "overnight", "late", "early",
                            "today", "yesterday", "was", "were", "is", "are", "has", "had", "have", "but", "until"))
_TIME_BEFORE = frozenset(("before", "after", "since", "during", "on", "at", "by", "until", "till", "over", "for", "around",
                          "ahead", "of"))
_MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_DATE_AFTER_RE = re.compile(r"\.?\s*\d")  # "Jan. 24", "Sept 3"
_AIRFIELD_WORDS = vocab.word_list("airfield_words")
_OF_TYPE_RE = re.compile(r"^(?:town|city|village|province|governorate|district|region)s? of\s")
_FACILITY_FILLERS = vocab.words("facility_fillers")
# Sites whose names another spelling may match: built sites, not roads, fields or camps named by everyday words.
_SKELETON_SITE_WORDS = frozenset(("station", "plant", "refinery", "dam", "airbase", "airfield", "airport", "base"))
# Words that open a clause and never continue a name: written with a capital inside a
# run of capitalised words, they mark a sentence the text forgot to end ("in Parkland,
# Florida The controversy"). Not "A", "I" or "It", which do ("Group A", "World War I").
_CLAUSE_OPENERS = vocab.words("clause_openers")
_PREPOSITIONS = vocab.words("locative")  # "At Metula": a preposition, though "at" is also an Arabic article
# Titles that stand before people's names ("President Putin", "Gov. Jerry Brown").
_TITLES = vocab.words("titles")
MAJOR_POPULATION = 50_000
AREA_PRECISIONS = ("region", "admin1", "country", "macroregion")
# Words of the local institutions a town names ("Beverly Hills Police Department", "Nenagh
# District Council"): a town too small to name a firm after is still where these stand.
LOCAL_INSTITUTION_WORDS = vocab.words("local_institution_words")
# Prepositions of place: "in Riverdale" is a place even where the text also names "Riverdale Luke Oil".
LOCATIVE_BEFORE = vocab.words("locative_before")
# Before a name the gazetteer lacks, these make it a place worth asking an online service about, or
# looking up among the villages of the fallback layer.
_UNKNOWN_PLACE_BEFORE = LOCATIVE_BEFORE | {"at"}
_VILLAGE_BEFORE = _UNKNOWN_PLACE_BEFORE | _PLACE_EVIDENCE | {"of", "from", "on", "into", "towards", "toward"}
_LIST_JOINS = frozenset((",", "and", "or"))  # a village listed after a place ("Sohmor, Machghara and Douris")
_VILLAGE_OR_LIST_BEFORE = _VILLAGE_BEFORE | _LIST_JOINS
_DIVISION_PART_FORMS = frozenset(("district", "districts", "tehsil", "county", "township", "agency"))
_DISTRICT_BEFORE = _VILLAGE_OR_LIST_BEFORE | {"the"}  # "in the Kurram district"
_ADJECTIVAL_NAME_RE = re.compile(r"(?:sk[yi]y?i?|sky|ska|ske|nyi|nyy|niy|ny|ovo|evo)$", re.IGNORECASE)
# A name followed by one of these is a person's ("the Obama administration").
NOT_PLACE_BEFORE = vocab.words("not_place_before")
_KIN_WORDS = vocab.words("kin_words")
# Lower-case words that end facility and landform names ("the Sha’ar gas field").
FACILITY_WORDS = vocab.words("facility_words")
# Words that end place names, not people's ("Jordan Valley", "Victoria Station").
_PLACE_WORDS = FACILITY_WORDS | PLACE_TYPE_WORDS | frozenset(DIRECTIONS)
# Parts of a city named by a word after the name ("the Sviatoshynskyi district"): placed at the city
# the text is about there (geoparser), when the gazetteer lacks the part itself.
CITY_PART_WORDS = vocab.words("city_part_words")
_CITY_PARTS_PLURAL = frozenset(w + "s" for w in CITY_PART_WORDS)  # "the Solomianskyi and Darnytskyi districts"
_CITY_PART_FORMS = CITY_PART_WORDS | _CITY_PARTS_PLURAL
_APPOSITION_OPENERS = frozenset(("a", "an", "the", "two", "three", "four", "several", "both"))
_NO_CITY_PART_MODIFIERS = frozenset(("school", "vocational", "joint", "unified", "independent", "special", "congressional",
                                     "legislative", "electoral", "election", "voting", "water", "fire", "sewer", "sanitary",
                                     "irrigation", "park", "library", "hospital", "transit", "business", "shopping",
                                     "historic", "entertainment", "financial", "theater", "theatre", "arts", "warehouse",
                                     "judicial", "taxing", "improvement", "conservation", "wine", "lake", "rural"))
_APPOSITION_REACH = 5  # words from an apposition's opener to its part noun ("a densely populated district")


def _part_apposition(doc, k: int, hi: int) -> str:
    """The word of an apposition from ``k`` (after a name) calling it a part of a city, if there is one:
    ", a neighbourhood ...", or " and Y, two districts ..." (a pair named with one plural); else ""."""
    words = doc.tt.words
    j = k
    if j < hi and words[j] == "and":
        j += 1
        while j < hi and j < k + 5 and (words[j][:1].isupper() or words[j].lower() in ("al", "el", "-")):
            j += 1
    if not (j + 2 < hi and words[j] == "," and words[j + 1].lower() in _APPOSITION_OPENERS):
        return ""
    for w in words[j + 2:min(hi, j + 2 + _APPOSITION_REACH)]:
        if not w.islower() or w in _NO_CITY_PART_MODIFIERS:
            # (the words are its own, in lower case: not "the Huntingdon and District Sea Cadets"; nor "a joint
            # vocational district", a school's)
            return ""
        if w in _CITY_PART_FORMS:
            return w
    return ""
_ABOUT = frozenset(("about", "some", "around", "roughly", "nearly", "approximately", "just", "only"))
_DISTANCE_RE = re.compile(r"(?:(?:about|some|around|roughly|nearly|approximately|just|only)\s+)?\d[\d,.]*\s*-?\s*"
                          r"(?:km|kms|kilometres|kilometers|miles|mi)\b", re.IGNORECASE)
_CITY_NOUNS = frozenset(("city", "capital", "town"))  # "the X district of the city"
_CITY_OWNERS = frozenset(f"{w}{a}s" for w in ("city", "capital") for a in ("'", "’"))
# Distinct runs remembered between documents (then forgotten at once): ~1 KB each.
FORM_MEMO_SIZE = 20_000

_CAPITALISED_RUN_END = re.compile(r"(?:[A-Z][\w’'.-]*\s)+$")
_PARTICLES = "|".join(vocab.word_list("arabic_articles") + vocab.word_list("arabic_particles"))
_PARTICLE_NAME_RE = re.compile(rf"^(?:{_PARTICLES})[-‑][A-Z]")
_PARTICLE_SET = frozenset(_PARTICLES.split("|"))
_PARTICLE_LENGTHS = sorted({len(p) for p in _PARTICLE_SET})
# "We’re", "I'll", "Don't": a pronoun or a negated verb, never a name ("Sa'd" is one).
_CONTRACTION_RE = re.compile(r"^(?:i|you|he|she|it|we|they|who|that|there|what)[’'](?:re|ll|ve|d|m)$|n[’']t$", re.IGNORECASE)


_MAJOR_AREA_PRECISIONS = ("country", "admin1", "macroregion")
# A short acronym with a capital after a small letter names a body ("MoD", "DoD", "DfE"), never a place.
_CAMEL_ACRONYM_RE = re.compile(r"[A-Z][a-z]{1,2}[A-Z][a-z]?")


def major_area(place: Place) -> bool:
    return place.precision in _MAJOR_AREA_PRECISIONS


def major(place: Place) -> bool:
    """Places that names of organisations and titles are built from: not small villages."""
    return major_area(place) or place.population >= MAJOR_POPULATION


# A military or infrastructure site named after its town, written in capitals ("the Misrata Air College", "the Bannu
# Cantonment"): the site lies at the town, so the town is named literally. The last word says what the site is.
_SITE_HEADS = frozenset("base airbase airport airfield barracks cantonment garrison hospital refinery port prison dam "
                        "station plant academy college".split())
_SITE_MODIFIERS = frozenset("air military naval international main general central power oil gas nuclear police "
                            "force army district".split())
_SCHOOL_HEADS = frozenset(("academy", "college"))  # "Boston College" is no site: these only after a modifier


def _names_a_site(tail: list[Token]) -> bool:
    """Whether the words after a town inside a longer name make it a site there ("Air College")."""
    if not tail or len(tail) > 3 or tail[-1].lower not in _SITE_HEADS:
        return False
    if tail[-1].lower in _SCHOOL_HEADS and len(tail) < 2:
        return False
    return all(t.lower in _SITE_MODIFIERS for t in tail[:-1])


# Facilities a text names as "the airport of X" that the gazetteer holds as "X airport".
_FACILITY_OF = frozenset(("airport", "airbase", "airfield", "port", "refinery", "dam"))
_DESCRIBING_ENDINGS = ("ing", "ern", "ed")  # "Neighbouring", "Eastern", "Besieged": adjectives, no names' first words
_ARTICLE_BEFORE_RE = re.compile(r"(?<![\w-])(?:Al|El)[ -]$")


@dataclass(slots=True)
class PlaceName:
    """A name in the text that may be a place, before it is resolved.

    ``kind``: name | demonym | adjective | embedded (inside a longer name) | modifier | city part
    ("the Sviatoshynskyi district", placed at its city).
    """

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
    # The words around say it is a place ("the town of X", "X city", "jets pounded X"): enough
    # to read an unusual spelling as a known place's in a country the text does not name.
    evidence: bool = False
    again: bool = False  # a part of a city named again alone: placed where the text placed it first
    # A word before it says it is somewhere ("in X", "of X", "X, Y", "shelled X"), or ``evidence``: what a
    # village of the fallback layer needs to be read, its names being people's and peoples' as often.
    located: bool = False
    # Taken only because the fallback layer holds it: read as one of its villages or not at all (no skeleton reading)
    only_village: bool = False

    def placed(self, offset: int, sentence: int) -> PlaceName:
        """This name found ``offset`` characters further on, in sentence ``sentence``."""
        return PlaceName(self.start + offset, self.end + offset, self.name, self.query, sentence, self.literal,
                         self.kind, self.possessive, self.local, self.common, self.evidence, located=self.located,
                         only_village=self.only_village)


def _a_persons(name: str, person_parts: set[str]) -> bool:
    """Whether the text names a person by ``name`` ("President Omar Al-Bashir": no village Bashir)."""
    return name in person_parts or any(p.endswith(("-" + name, " " + name)) for p in person_parts)


def _placed(names: list[PlaceName], offset: int, sentence: int) -> list[PlaceName]:
    return [n.placed(offset, sentence) for n in names] if names else []


@dataclass(slots=True)
class RunForm:
    """What a run of capitalised words is, as far as its own words tell.

    Offsets are from the start of the run; ``front`` and ``back`` count the
    words trimmed off its ends ("The", "Monday"). Lists of names that would
    change if one of the run's words were a person's name elsewhere in the text
    are worked out again then (``lone``).
    """

    toks: list[Token]
    skip: bool = False  # a lone common word ("The", "But"): nothing here
    parts: frozenset = frozenset()  # the words of a person's name the run is
    front: int = 0
    back: int = 0
    hyphen: list[PlaceName] | None = None  # "Washington-based", "Amsterdam-London"
    name: str = ""
    end: int = 0
    possessive: bool = False
    verdict: str = ""  # "demonym" or "none" when the words alone decide
    upper: bool = False  # a lone word in capitals: an acronym or a speaker label
    short: bool = False  # ... of at most four letters
    known: bool = True  # the gazetteer knows the name (or it with a type word stripped)
    skeleton: bool | None = None  # the gazetteer knows a spelling close to it (asked when the text allows one)
    personal: bool = False  # a given name and a surname
    common: bool = False  # a lone everyday word ("Hope", "Star")
    lower: str = ""  # the first word, lower-cased
    all_caps: bool = False  # the first word is written in capitals
    acronyms: list[PlaceName] | None = None
    inside: list[PlaceName] | None = None  # demonyms and places inside the run
    inside_org: list[PlaceName] | None = None  # places inside it, where it names an organisation
    lone: set[str] = field(default_factory=set)  # lone words among those places: no place if a person's name

    @property
    def chunk(self) -> list[Token]:
        return self.toks[self.front: len(self.toks) - self.back]


class _LowerCaseWords:
    """Whether a word is written in lower case somewhere in the text (a capitalised one
    is then a common word): answered by searching the text, remembered per word."""

    __slots__ = ("text", "seen")

    def __init__(self, text: str):
        self.text, self.seen = text, {}

    def __contains__(self, word: str) -> bool:
        found = self.seen.get(word)
        if found is None:
            found = self.seen[word] = _written_in_lower_case(self.text, word)
        return found


def _written_in_lower_case(text: str, word: str) -> bool:
    """Whether ``word`` (of two or more letters a-z) stands in ``text`` as a whole word."""
    if len(word) < 2 or not (word.isascii() and word.isalpha() and word.islower()):
        return False
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _is_word_char(text[at - 1])) and (end == len(text) or not _is_word_char(text[end])):
            return True
        at = text.find(word, at + 1)
    return False


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what \w matches


@dataclass(slots=True)
class _Document:
    """One text's tokens and what recognition reads from all of it."""

    text: str
    tt: TextTokens
    masked: list[tuple[int, int]]
    lowercase: _LowerCaseWords
    person_parts: set[str]

    def lower(self, i: int) -> str:
        return self.tt.words[i].lower()


def masked_spans(text: str) -> list[tuple[int, int]]:
    """Organisation names in the text, inside which place names are not literal."""
    whole, heads = vocab.organisations_regex()
    spans = whole.spans(text)
    for start, end in heads.spans(text):
        before = _CAPITALISED_RUN_END.search(text, max(0, start - 80), start)
        if before:  # "Istanbul Bilgi University": the capitalised words before the head word
            spans.append((before.start(), end))
    return spans


def part_key(name: str) -> str:
    """The name of a part of a city, as a key, without the word that says what it is: "the district of
    Grbavica", "al-Sheikh Maqsoud neighborhood" and "Grbavica" name the same parts."""
    return name_key(_PART_WORDS_AROUND_RE.sub("", name))


_PART_WORDS_AROUND_RE = re.compile(r"^(?:the\s+)?(?:[\w'’-]+\s+){0,2}?(?:neighbou?rhood|quarter|suburb|district)\s+of\s+(?:the\s+)?"
                                   r"|\s+(?:neighbou?rhoods?|quarters?|suburbs?|districts?|microdistricts?)$", re.IGNORECASE)


def _particle_starts(text: str) -> list[int]:
    """Offsets where an article and a hyphen stand ("al-", "ash-"): where such a name may
    start (tokens join their parts with "-" only). Found from the text's few hyphens."""
    found = set()
    at = text.find("-")
    while at >= 0:
        found.update(at - n for n in _PARTICLE_LENGTHS if at >= n and text[at - n:at] in _PARTICLE_SET)
        at = text.find("-", at + 1)
    return sorted(found)


def _name_word(word: str) -> bool:
    """A word that can be part of a proper name: capitalised, or "al-Numan"-style."""
    if word[0].isupper():
        return word[0].isalpha() and not (("’" in word or "'" in word) and _CONTRACTION_RE.search(word))
    # Only words with a hyphen among their first letters can be "al-Numan".
    return "-" in word[1:5] and bool(_PARTICLE_NAME_RE.match(word))


def _is_acronym_or_label(toks: list[Token], tok: Token) -> bool:
    """"IS", "NATO", "U.S." or a speaker label ("KENYON:")."""
    letters = list(filter(str.isalpha, tok.text))
    upper = bool(letters) and all(map(str.isupper, letters))
    nxt = toks[tok.index + 1].text if tok.index + 1 < len(toks) else ""
    return upper and (len(letters) <= 4 or nxt == ":")


def strip_possessive(word: str) -> tuple[str, bool]:
    if len(word) > 2 and word[-2] in "’'" and word[-1] in "sS":
        return word[:-2], True
    if word[-1:] in "’'":
        return word[:-1], True
    return word, False


class Recogniser:
    """Finds the names a text may use for places; one instance serves many texts."""

    def __init__(self, gazetteer: Gazetteer, unknown_names: bool = False):
        """``unknown_names``: also yield names the gazetteer lacks where the text puts them as
        places ("in Mawasi"), for an online fallback to look up (off: offline they resolve to nothing)."""
        self.gazetteer = gazetteer
        self.unknown_names = unknown_names
        self.not_places = vocab.not_places()
        # Groups' and people's names that some gazetteer entry carries ("Hamas", "Nasrallah"): never places.
        self.never_places = frozenset(not_place_names())
        self.demonyms = vocab.demonyms()
        self.given_names, self.surnames = vocab.given_names(), vocab.surnames()
        self.organisation_words = vocab.organisation_words()
        self.common_words = vocab.common_words()
        self.person_parts: set[str] = set()  # of the last text read
        self._forms: dict[str, RunForm] = {}
        self._lone: dict[str, bool] = {}

    def find(self, text: str, tt: TextTokens) -> list[PlaceName]:
        """The names in ``text`` (whose tokens are ``tt``) that may be places, in order."""
        if len(self._forms) > FORM_MEMO_SIZE:
            self._forms.clear()
        runs = self._runs(tt, text)
        starts, ends, known = tt.starts, tt.ends, self._forms.get
        forms = [known(run) or self._form(run) for run in [text[starts[a]:ends[b - 1]] for a, b, _ in runs]]
        self.person_parts = set().union(*[f.parts for f in forms if f.parts])
        doc = _Document(text, tt, masked_spans(text), _LowerCaseWords(text), self.person_parts)
        found: list[PlaceName] = []
        unread: list[tuple[int, int, int, RunForm]] = []  # runs that named nothing the gazetteer knows
        for (a, b, si), form in zip(runs, forms):
            if not form.skip:
                names = self._run_names(doc, form, a, b, si)
                found.extend(names)
                if not names and not form.known and not form.verdict and not form.personal:
                    unread.append((a, b, si, form))
        if unread and any(n.kind == "city part" for n in found):
            found = self._parts_named_again(doc, found, unread)
        return found

    @staticmethod
    def _parts_named_again(doc: _Document, found: list[PlaceName],
                           unread: list[tuple[int, int, int, RunForm]]) -> list[PlaceName]:
        """"the al-Sheikh Maqsoud neighbourhood ... shells on al-Sheikh Maqsoud": a part of a city the
        text named as one is that part wherever else it is named after a word of place."""
        # (not "Shiite neighbourhoods": who lives there, no part's name)
        parts = {part_key(n.name) for n in found if n.kind == "city part" and n.name.split()[-1].lower() not in _CITY_PARTS_PLURAL}
        tt, again = doc.tt, []
        for a, b, si, form in unread:
            f, last = a + form.front, b - 1 - form.back
            lo = tt.bounds[si][0]
            nxt = tt.words[last + 1] if last + 1 < tt.bounds[si][1] else ""
            if (f > lo and doc.lower(f - 1) in _PLACE_CONTEXT and form.name not in doc.person_parts
                    and name_key(form.name) in parts
                    # (not "Shiite civilians": a name before a noun says what kind of thing that is)
                    and not (nxt.isalpha() and nxt.islower() and nxt not in _AFTER_A_PLACE and not nxt.endswith(("ing", "ed")))):
                again.append(PlaceName(tt.starts[f], tt.ends[last], form.name, form.name, si, True, "city part", again=True))
        return sorted(found + again, key=lambda n: n.start) if again else found

    def _known(self, name: str, endings: bool = True) -> bool:
        """Whether the gazetteer knows the name, as written or spelled alike (``endings``: a Slavic adjectival ending
        romanised otherwise too)."""
        key = name_key(name)
        has_name = self.gazetteer.index.has_name
        return has_name(key) or any(has_name(alike) for alike in spellings_alike(key, endings))

    def _listed_after_place(self, doc: _Document, f: int, lo: int) -> bool:
        """Whether the name follows "," or "and" after a name of a place: "shelled Sohmor, Machghara and Douris"."""
        words = doc.tt.words
        if f - lo < 2 or doc.lower(f - 1) not in _LIST_JOINS:
            return False
        before = words[f - 2]
        return before[:1].isupper() and (self._known(before) or self._village(before))

    def _village(self, name: str) -> bool:
        """Whether the fallback layer of villages holds the name (read only where the text puts it as a place)."""
        key = name_key(name)
        return self.gazetteer.index.has_fallback_name(key) and key not in PEOPLES

    def _fallback_district(self, name: str) -> bool:
        """Whether the fallback layer holds a district of the name ("Kurram", "Nihm"); not one named with an adjective,
        as a city's districts are too ("the Kuibyshevskyi district" of Donetsk, not the raion of that name)."""
        if _ADJECTIVAL_NAME_RE.search(name):
            return False
        index = self.gazetteer.index
        precision = index.columns["precision"]
        return any(precision[r] == "admin2" for r in index.rows_by_fallback_name(name_key(name)))

    def _known_site(self, name: str) -> bool:
        index = self.gazetteer.index
        precision = index.columns["precision"]
        return any(precision[r] == "site" for r in index.rows_by_name(name_key(name)))

    def _known_skeleton(self, name: str, shortest: int = 4) -> bool:
        skel = skeleton_key(name)
        return len(skel) >= shortest and self.gazetteer.index.has_skeleton(skel)

    # runs -------------------------------------------------------------------
    def _runs(self, tt: TextTokens, text: str) -> list[tuple[int, int, int]]:
        """Runs of capitalised words with name particles inside them, as token ranges
        ``(first, end, sentence)``; runs the gazetteer knows joined by "and" are one."""
        words, starts, ends = tt.words, tt.starts, tt.ends
        openers = tt.capitalised()
        particles = tt.starting_at(_particle_starts(text))  # lower-case words that may open a name: "al-Numan"
        if particles:
            openers = sorted(set(openers).union(particles))
        runs: list[tuple[int, int, int]] = []
        end = 0
        for si, (lo, hi) in enumerate(tt.bounds):
            begin, end = bisect_left(openers, lo, end), bisect_left(openers, hi, end)
            taken = lo  # the end of the last run: its words start no other
            first_of_sentence = len(runs)
            for i in openers[begin:end]:
                if i < taken:
                    continue
                word = words[i]
                # _name_word, for its commonest case first: a capitalised word with no apostrophe.
                first = word[0]
                if not (first.isupper() and first.isalpha() and "’" not in word and "'" not in word) and not _name_word(word):
                    continue
                j = i + 1
                if j < hi:  # most runs are one word followed by a lower-case one: settled here
                    nxt = words[j]
                    if nxt[0].isupper() or "-" in nxt[1:5] or nxt.lower() in NAME_PARTICLES:
                        j = self._run_end(words, starts, ends, i, hi, opens=i == lo)
                if j < hi and words[j].isdigit() and len(words[j]) <= 3 and self._known_site(text[starts[i]:ends[j]]):
                    j += 1  # "Tower 22": a site the gazetteer holds with its number (not "Ward 5": every town has one)
                joins_last = len(runs) > first_of_sentence and i == runs[-1][1] + 1
                if joins_last:
                    self._add_run(runs, words, i, j, si)
                elif j > i + 1 or not self._lone_common(word) or (j < hi and words[j].lower() in ("and", "&")):
                    runs.append((i, j, si))
                # else a lone common word ("The", "But") with no "and" to join it to a name: no run
                taken = j
        return runs

    def _lone_common(self, word: str) -> bool:
        """:meth:`_common_word` for a word alone, remembered (sentences open with a few of them)."""
        found = self._lone.get(word)
        if found is None:
            if len(self._lone) > FORM_MEMO_SIZE:
                self._lone.clear()
            found = self._lone[word] = self._common_word(word)
        return found

    def _run_end(self, words: list[str], starts: list[int], ends: list[int], i: int, hi: int,
                 opens: bool = False) -> int:
        """The end of the run opened by word ``i``; ``opens``: it opens its sentence."""
        last, j = i, i + 1
        if opens and words[j].lower() == "of" and self._described_people(words[i]) and not (
                j + 1 < hi and self._known(" ".join(words[i:j + 2]))):
            return j  # "Residents of Dikwa said": a description of people, capitalised to open the sentence
        while j < hi:
            text = words[last]
            if len(text) > 2 and text[-2] in "’'" and POSSESSIVE_RE.search(text):
                break
            nxt = words[j]
            if nxt[1:].islower() and nxt.lower() in _CLAUSE_OPENERS and nxt[0].isupper():
                break
            if starts[j] - ends[last] <= 1 and (nxt[0].isupper() or "-" in nxt[1:5]) and _name_word(nxt):
                last, j = j, j + 1
            elif nxt.lower() in NAME_PARTICLES and j + 1 < hi and words[j + 1][0].isupper() and words[j + 1][0].isalpha():
                # "Tall as Sultan", but not "Syria as Turkish forces": a particle that is an English
                # word joins only a name the gazetteer holds.
                if nxt.lower() in _ENGLISH_PARTICLES and not self._known(" ".join(words[i:j + 2])):
                    break
                last, j = j + 1, j + 2
            else:
                break
        return j

    def _described_people(self, word: str) -> bool:
        """A capitalised plural of an everyday noun ("Residents", "Families", "Witnesses"), no name's first word."""
        lower = word.lower()
        if not (word[1:].islower() and lower.endswith("s")):
            return False
        common = self.common_words
        return (lower[:-1] in common or (lower.endswith("ies") and lower[:-3] + "y" in common)
                or (lower.endswith("es") and lower[:-2] in common))

    def _add_run(self, runs: list[tuple[int, int, int]], words: list[str], i: int, j: int, si: int) -> None:
        """Add a run one word after the last run of its sentence, joining names the gazetteer
        knows with "and" inside ("Trinidad and Tobago", "Bosnia and Herzegovina"), and
        names joined by "&" (firms, "Johnson & Johnson")."""
        a, b, _ = runs[-1]
        if words[b].lower() in ("and", "&"):
            # "Johnson & Johnson" is a firm: its parts are no places either.
            if words[b] == "&" or self._known(strip_possessive(" ".join(words[a:j]))[0]):
                runs[-1] = (a, j, si)
                return
        runs.append((i, j, si))

    # what a run's own words tell --------------------------------------------
    def _form(self, run: str) -> RunForm:
        form = self._forms.get(run)
        if form is None:
            form = self._forms[run] = self._analyse(run)
        return form

    def _analyse(self, run: str) -> RunForm:
        toks = tokens(run)
        form = RunForm(toks)
        if len(toks) == 1 and self._common_word(toks[0].text):
            form.skip = True
            return form
        form.parts = self._person_name_parts(toks)
        chunk = self._trim(toks)
        form.front, form.back = chunk[0].index, len(toks) - 1 - chunk[-1].index
        first, last = chunk[0], chunk[-1]
        form.hyphen = self._hyphenated(first)
        if form.hyphen is not None:
            return form
        words = [t.text for t in chunk]
        words[-1], form.possessive = strip_possessive(words[-1])
        if len(chunk) == 1 and not form.possessive:
            words[-1], form.possessive = self._bare_possessive(words[-1])
        form.end = last.start + len(words[-1])
        form.name = " ".join(words) if all(t.end == n.start - 1 for t, n in zip(chunk, chunk[1:])) else run[first.start:form.end]
        form.lower, form.all_caps = first.lower, first.text.isupper()
        single = len(chunk) == 1
        if words[0] in self.demonyms if single else form.name in self.demonyms:  # "Syrian", "Central American"
            form.verdict = "demonym"
            return form
        if single and _CAMEL_ACRONYM_RE.fullmatch(strip_possessive(first.text)[0]):  # "MoD", "DoD", "DfE": bodies, no places
            form.verdict = "none"
            return form
        if single and strip_possessive(first.text)[0].lower() in self.not_places and not (form.all_caps and len(first.text) > 1):
            form.verdict = "none"
            return form
        if single and name_key(strip_possessive(first.text)[0]) in self.never_places:
            form.verdict = "none"
            return form
        letters = list(filter(str.isalpha, first.text))
        form.upper = single and bool(letters) and all(map(str.isupper, letters))
        form.short = len(letters) <= 4
        if not self._known(form.name) and self._strip_type_word(form.name) is None:
            form.known = False
            form.personal = self._is_personal_name(chunk)
        form.common = single and words[0].lower() in self.common_words
        return form

    def _bare_possessive(self, word: str) -> tuple[str, bool]:
        """A possessive that lost its apostrophe in copying ("Syrias capital", "Aleppos Sukkari"):
        a word the gazetteer does not know whose stem, one "s" shorter, names a country, a
        division or a city of a million ("the Carolinas" are no Carolina, Puerto Rico). Returns the
        name and whether it was one."""
        if not (len(word) > 4 and word.endswith("s") and not word.endswith("ss") and word[0].isupper()
                and not word.isupper() and not self._known(word) and self._known(word[:-1])):
            return word, False
        index = self.gazetteer.index
        precision, population = index.columns["precision"], index.columns["population"]
        if any(precision[r] in _MAJOR_AREA_PRECISIONS or population[r] >= 1_000_000 for r in index.rows_by_name(name_key(word[:-1]))):
            return word[:-1], True
        return word, False

    def _common_word(self, word: str) -> bool:
        """A lone capitalised common word ("The", "But"): no place, and nothing inside it is one.

        The quick answer for the commonest run; :meth:`_run_names` would give the same.
        """
        if "-" in word:
            return False
        bare = strip_possessive(word)[0]
        return bare.lower() in self.not_places and bare not in self.demonyms and not (word.isupper() and len(word) > 1)

    def _acronyms(self, form: RunForm) -> list[PlaceName]:
        if form.acronyms is None:
            form.acronyms = self._acronym_candidates(form.chunk[0])
        return form.acronyms

    def _inside(self, form: RunForm, person_parts: set[str]) -> list[PlaceName]:
        """Demonyms and places inside a run that is no place as a whole."""
        if form.inside is None:
            chunk = form.chunk
            demonyms = self._demonyms_inside(chunk)
            form.inside = demonyms + self._embedded(chunk, {c.start for c in demonyms}, form.lone)
        if form.lone and not form.lone.isdisjoint(person_parts):  # a person's name here: worked out again
            chunk = form.chunk
            demonyms = self._demonyms_inside(chunk)
            return demonyms + self._embedded(chunk, {c.start for c in demonyms}, set(), person_parts)
        return form.inside

    def _inside_organisation(self, form: RunForm, person_parts: set[str]) -> list[PlaceName]:
        """Places inside a run that stands in an organisation's name."""
        if form.inside_org is None:
            form.inside_org = self._embedded(form.chunk, set(), form.lone, whole=True)
        if form.lone and not form.lone.isdisjoint(person_parts):
            return self._embedded(form.chunk, set(), set(), person_parts, whole=True)
        return form.inside_org

    def _trim(self, chunk: list[Token]) -> list[Token]:
        """Drop capitalised function words before a name and weekdays or months after it."""
        def droppable(chunk: list[Token]) -> bool:
            t = chunk[0]
            if (t.lower not in self.not_places and not (self._describing(t) and self._known(
                    strip_possessive(" ".join(x.text for x in chunk[1:]))[0]))) or (
                    t.text.isupper() and len(t.text) > 1):
                return False
            # "New York Times": a known name that starts with the word keeps it (not one whose key drops the
            # word, as it drops the Arabic article: "At Metula" is "Metula" after "at")
            # (and a district of the fallback layer: "North Waziristan")
            return not any((self._known(name := strip_possessive(" ".join(x.text for x in chunk[:n]))[0])
                            or self._village(name))
                           and not (t.lower in _PREPOSITIONS
                                    and name_key(name) == name_key(" ".join(x.text for x in chunk[1:n])))
                           for n in range(len(chunk), 1, -1))

        while len(chunk) > 1 and droppable(chunk):
            chunk = chunk[1:]
        while len(chunk) > 1 and chunk[-1].lower in _CALENDAR_WORDS:
            chunk = chunk[:-1]
        while len(chunk) > 1 and not _name_word(chunk[0].text):  # a particle left in front ("of Iraq")
            chunk = chunk[1:]
        return chunk

    def _hyphenated(self, tok: Token) -> list[PlaceName] | None:
        """"Washington-based" (a place as adjective) and "Amsterdam-London" (two places)."""
        if "-" not in tok.text:
            return None
        if tok.lower.endswith(_DEMONYM_ADJECTIVE_SUFFIXES) and tok.text.rsplit("-", 1)[0] in self.demonyms:
            head = tok.text.rsplit("-", 1)[0]  # "Russian-occupied Donetsk": the demonym, then the city
            return [PlaceName(tok.start, tok.start + len(head), head, head, 0, False, "demonym")]
        if tok.lower.endswith(ADJECTIVE_SUFFIXES):
            head = tok.text.rsplit("-", 1)[0]
            if head in self.demonyms:  # "Turkish-backed"
                return [PlaceName(tok.start, tok.start + len(head), head, head, 0, False, "demonym")]
            if self._known(head) and head.lower() not in self.not_places and name_key(head) not in self.never_places:
                return [PlaceName(tok.start, tok.start + len(head), head, head, 0, False, "adjective")]
            return []
        if self._known(tok.text):
            return None  # "Novhorod-Siverskyi": one town, though "Siverskyi" alone is a spelling of another
        parts, out, offset = tok.text.split("-"), [], tok.start
        for part in parts:
            if part in self.demonyms:  # "the Syrian-Turkish border"
                out.append(PlaceName(offset, offset + len(part), part, part, 0, False, "demonym"))
            elif (part[:1].isupper() and len(part) > 1 and self._known(part) and part.lower() not in self.not_places
                  and name_key(part) not in self.never_places):
                out.append(PlaceName(offset, offset + len(part), part, part, 0, True, "name"))
            offset += len(part) + 1
        return out if len(parts) > 1 and len(out) == len(parts) else None

    def _embedded(self, chunk: list[Token], skip: set[int], lone: set[str], person_parts: frozenset | set = frozenset(),
                  whole: bool = False) -> list[PlaceName]:
        """Places inside a longer name: at its start ("The Washington Post", "US Special
        Forces") or after "of" ("University of Alberta"). They are reported, not literal.

        A lone word that is part of a person's name in the text is no place here;
        ``lone`` gathers the lone words found, which such a name would take away.
        """
        out = []
        starts = [0] + [i + 1 for i, t in enumerate(chunk[:-1]) if t.lower == "of"]
        for i in starts:
            if chunk[i].start in skip:
                continue
            # The whole chunk was already tried as a name, unless it sits inside an organisation's.
            for n in range(min(4, len(chunk) - i - (0 if i or whole else 1)), 0, -1):
                words = chunk[i : i + n]
                name = " ".join(t.text for t in words)
                name, _ = strip_possessive(name)
                if n == 1 and (words[0].lower in self.not_places or words[0].text in person_parts
                               or name_key(strip_possessive(words[0].text)[0]) in self.never_places):
                    continue
                if self._known(name) and not _is_acronym_or_label(chunk, words[0]) or (
                    n == 1 and _is_acronym_or_label(chunk, words[0]) and self._acronym_candidates(words[0])
                ):
                    if n == 1:
                        lone.add(words[0].text)
                    site = i == 0 and _names_a_site(chunk[n:]) and self._may_read_as(name, ("locality",))
                    local = site or any(t.lower in LOCAL_INSTITUTION_WORDS for t in chunk[i + n:])
                    out.append(PlaceName(words[0].start, words[0].start + len(name), name, name, 0, site, "embedded", local=local))
                    break
        return out + self._embedded_at_end(chunk, out)

    def _embedded_at_end(self, chunk: list[Token], found: list[PlaceName]) -> list[PlaceName]:
        """A country or division closing a longer name ("HSBC Bank Malta", "DeSmog Canada")."""
        taken = max((c.end for c in found), default=-1)
        for n in range(min(3, len(chunk) - 1), 0, -1):
            words = chunk[-n:]
            name, _ = strip_possessive(" ".join(t.text for t in words))
            if words[0].start < taken or words[0].lower in self.not_places or not self._known(name):
                continue
            best = self.gazetteer.candidates(name, limit=1) if self._may_read_as(name, ("country", "admin1")) else []
            if best and best[0].place.precision in ("country", "admin1") and best[0].match == "name":
                return [PlaceName(words[0].start, words[0].start + len(name), name, name, 0, False, "embedded")]
            return []
        return []

    def _acronym_candidates(self, tok: Token) -> list[PlaceName]:
        """Upper-case words are places only as abbreviations of countries, divisions and
        unions of them ("US", "UK", "EU")."""
        best = self.gazetteer.candidates(tok.text, limit=1) if self._may_read_as(tok.text, _MAJOR_AREA_PRECISIONS) else []
        if best and best[0].place.precision in ("country", "admin1", "macroregion") and best[0].match == "name":
            return [PlaceName(tok.start, tok.end, tok.text, tok.text, 0, True, "name")]
        return []

    def _demonyms_inside(self, chunk: list[Token]) -> list[PlaceName]:
        """Countries inside a longer name still say which country it belongs to.

        Demonyms anywhere ("the Russian Defense Ministry") and a country name
        that premodifies an institution ("US Defense Secretary Ash Carter").
        """
        out = []
        skip = -1
        for i, t in enumerate(chunk):
            if i <= skip:
                continue
            if i + 1 < len(chunk) and chunk[i + 1].start == t.end + 1:  # two words: "Central American migrants"
                pair, _ = strip_possessive(f"{t.text} {chunk[i + 1].text}")
                if pair in self.demonyms:
                    out.append(PlaceName(t.start, t.start + len(pair), pair, pair, 0, False, "demonym"))
                    skip = i + 1
                    continue
            word, _ = strip_possessive(t.text)
            if word in self.demonyms:
                out.append(PlaceName(t.start, t.start + len(word), word, word, 0, False, "demonym"))
        head, _ = strip_possessive(chunk[0].text)
        rest = " ".join(t.text for t in chunk[1:])
        if not out and rest and vocab.alternation("actors").regex.match(rest):
            best = self.gazetteer.candidates(head, limit=1) if self._may_read_as(head, ("country",)) else []
            if best and best[0].place.precision == "country" and best[0].match == "name":
                out.append(PlaceName(chunk[0].start, chunk[0].start + len(head), head, head, 0, False, "modifier"))
        return out

    def _strip_type_word(self, name: str) -> str | None:
        words = name.split()
        if len(words) > 1 and words[-1].lower() in PLACE_TYPE_WORDS and self._known(" ".join(words[:-1])):
            return " ".join(words[:-1])
        # A capitalised direction is part of a name ("West Wing", "North Side") unless
        # what follows is an area with parts ("North Hama", "Western Europe").
        if len(words) > 1 and words[0].lower() in DIRECTIONS and self._known(" ".join(words[1:])):
            rest = " ".join(words[1:])
            if self._may_read_as(rest, AREA_PRECISIONS) and any(
                    c.place.precision in AREA_PRECISIONS for c in self.gazetteer.candidates(rest, limit=3)):
                return rest
        return None

    # people -----------------------------------------------------------------
    def _describing(self, t: Token) -> bool:
        """A capitalised adjective that may open a sentence before a name: "Neighbouring", "Besieged"."""
        return t.lower.endswith(_DESCRIBING_ENDINGS) and t.text.upper() not in self.given_names

    def _person_name_parts(self, chunk: list[Token]) -> frozenset:
        """The words of a person's name, when the run is one ("John Kelly", "President Putin").

        A run of 2-4 capitalised words made only of titles and words that are no
        country, division or common word is taken for a person's name; its words,
        standing alone elsewhere in the text, are then that person, not a namesake village.
        """
        if len(chunk) < 2 or any(t.lower in self.organisation_words for t in chunk):  # "Hammonton Police Department"
            return frozenset()
        if strip_possessive(chunk[-1].text)[0].lower() in ("people", "peoples"):  # "the Myinmu People's Defence Force"
            return frozenset()
        if ("-" in chunk[0].lower and chunk[0].lower.endswith(ADJECTIVE_SUFFIXES)) or self._describing(chunk[0]):
            return frozenset()  # "Russian-held Tokmak", "Neighbouring Marhanets": a word describing the place after it
        chunk = [t for t in chunk if t.lower.rstrip(".") in _TITLES or t.lower not in self.not_places]
        if not 2 <= len(chunk) <= 4 or self._known(" ".join(t.text for t in chunk)):
            return frozenset()
        names = [t for t in chunk if t.lower.rstrip(".") not in _TITLES]
        titled = len(names) < len(chunk)
        if not names or (len(names) < 2 and not titled) or (not titled and not self._name_shaped(names)):
            return frozenset()
        if any(self._is_person_blocker(t) for t in names):
            if not self._is_personal_name(chunk):
                return frozenset()
            # "Tyler Williams": Tyler is his name here and below; a country or
            # division ("Jordan Henderson") stays a place elsewhere in the text.
            names = [t for t in names if not self._is_area_name(t)]
        return frozenset(strip_possessive(t.text)[0] for t in names)

    def _name_shaped(self, words: list[Token]) -> bool:
        """Could these words be a person's name? Not with digits or acronyms in them ("A429
        Cirencester", "Immokalee TIGER Grant"), nor a town followed by no surname ("Burton
        Albion", "Allendale Woman's Club"); "Paris Hilton" and "Sergei Lavrov" could."""
        if any(any(map(str.isdigit, t.text)) or (t.text.isalpha() and t.text.isupper() and len(t.text) > 1) for t in words):
            return False
        first, last = (strip_possessive(t.text)[0] for t in (words[0], words[-1]))
        return not self._known(first) or first.upper() in self.given_names or last.upper() in self.surnames

    def _is_personal_name(self, chunk: list[Token]) -> bool:
        """A given name and a surname, perhaps with a middle name or initial between
        ("Victoria Rowell", "Mary Ann Smith", "John F. Kennedy"), not known as a place."""
        words = [strip_possessive(t.text)[0] for t in chunk]
        if not 2 <= len(words) <= 3 or words[0].upper() not in self.given_names:
            return False
        middle_ok = len(words) == 2 or words[1].upper() in self.given_names or (len(words[1]) == 2 and words[1][1] == ".")
        last = words[-1]
        return (middle_ok and last.upper() in self.surnames and last.lower() not in _PLACE_WORDS
                and not self._known(" ".join(words)))

    def _is_person_blocker(self, t: Token) -> bool:
        word = strip_possessive(t.text)[0]
        if t.lower in self.not_places or word in self.demonyms or not word[:1].isupper() or "-" in word[1:3]:
            return not bool(_PARTICLE_NAME_RE.match(word))
        if not self._known(word) or not self._names_something_big(word):
            return False
        ranked = self.gazetteer.candidates(word, limit=3)
        # A big city blocks only by its own name: "Sam" is Damascus in Turkish, "Wang" a
        # name of Huizhou, yet "Sam Gallagher" and "Wang Quanzhang" are people.
        return any(major_area(c.place) or (c.place.population >= 100_000 and name_key(c.place.name) == name_key(word))
                   for c in ranked)

    def _may_read_as(self, name: str, precisions: tuple[str, ...]) -> bool:
        """Whether some place of one of these kinds has this name: the best readings of a
        name can be of a kind only if one of its places is (and ranking costs more)."""
        precision = self.gazetteer.index.columns["precision"]
        return any(precision[r] in precisions for r in self.gazetteer.index.rows_by_name(name_key(name)))

    def _names_something_big(self, word: str) -> bool:
        """Whether any place named ``word`` is a major area or a city of 100,000: without
        one, no ranking of its readings can find one (and ranking costs more)."""
        index = self.gazetteer.index
        precision, population = index.columns["precision"], index.columns["population"]
        return any(precision[r] in _MAJOR_AREA_PRECISIONS or population[r] >= 100_000 for r in index.rows_by_name(name_key(word)))

    def _is_area_name(self, t: Token) -> bool:
        word = strip_possessive(t.text)[0]
        return (self._known(word) and self._may_read_as(word, _MAJOR_AREA_PRECISIONS)
                and any(major_area(c.place) for c in self.gazetteer.candidates(word, limit=3)))

    # what the words around a run tell ----------------------------------------
    def _run_names(self, doc: _Document, form: RunForm, a: int, b: int, si: int) -> list[PlaceName]:
        """The names in run ``a:b`` (token positions) of sentence ``si``."""
        if form.skip:
            return []
        tt, text = doc.tt, doc.text
        words = tt.words
        lo, hi = tt.bounds[si]
        offset = tt.starts[a]
        f, last = a + form.front, b - 1 - form.back  # the run's first and last words, trimmed
        first_start = tt.starts[f]
        if doc.masked and any(s <= first_start < e for s, e in doc.masked) and not self._names_a_site(form):
            return _placed(self._inside_organisation(form, doc.person_parts), offset, si)
        if form.hyphen is not None:
            rest = self._run_names(doc, self._form(text[tt.starts[f + 1]:tt.ends[last]]), f + 1, last + 1, si) if last > f else []
            return _placed(form.hyphen, offset, si) + rest
        name, end = form.name, offset + form.end
        if form.verdict:
            return [PlaceName(first_start, end, name, name, si, False, "demonym", form.possessive)] if form.verdict == "demonym" else []
        single = f == last
        if single and name.lower().rstrip(".") in _MONTH_ABBREVIATIONS and _DATE_AFTER_RE.match(text, tt.ends[f]):
            return []  # "On Jan. 24": a date
        if single and form.lower in _HOLIDAYS and f > lo and doc.lower(f - 1) in _TIME_BEFORE:
            return []  # "retaken by the army before Christmas": a time, not the town in Florida
        after = words[f + 1].lower() if f + 1 < hi else ""
        if single and (after in NOT_PLACE_BEFORE or f > lo and words[f - 1] in _KIN_WORDS):
            return []  # "the Obama administration", "his brother Alex"
        k = last + 1  # the first word after the run
        if form.upper and (form.short or after == ":") and not (single and after in (",", "(") and opens_line(text, first_start)):
            # "the T4 airbase": a facility the gazetteer holds under a short capitalised name
            facility = (self._facility(doc, first_start, last, hi, si)
                        if k < hi and not FACILITY_WORDS.isdisjoint(words[k:min(k + NAME_TAILS, hi)]) else None)
            # (but a dateline's "KYIV, July 10" is the city)
            return [facility] if facility is not None else _placed(self._acronyms(form), offset, si)
        # "the city's Kyivskyi district" is a part of the city, even when named after a place elsewhere
        owned = f > lo and doc.lower(f - 1) in _CITY_OWNERS
        # "Kyiv's Solomianskyi and Darnytskyi districts": the first of two parts named with one plural word
        paired = k + 2 < hi and words[k] == "and" and words[k + 1][:1].isupper() and words[k + 2].lower() in _CITY_PARTS_PLURAL
        # ... but "the Rajouri and Poonch districts", the second a town the gazetteer holds: two districts named
        # after their towns (the first, a name the gazetteer may spell otherwise, is read as the text says it is)
        towns = (paired and not owned and not form.known and words[k + 2].lower() == "districts"
                 and self._known(words[k + 1]))
        paired = paired and not towns
        part = ((k < hi and words[k].lower() in _CITY_PART_FORMS or paired)
                and not form.personal and not form.upper
                and not form.common
                and _CALENDAR_WORDS.isdisjoint(re.split(r"[\s-]+", form.name.lower())))  # not "the October-December quarter"
        # ... and so is "the Shevchenkivskyi district of the city"
        if part and (owned or k + 3 < hi and words[k + 1] == "of" and doc.lower(k + 2) == "the"
                     and doc.lower(k + 3) in _CITY_NOUNS):
            return self._city_part(doc, first_start, k, hi, si)
        # A facility name ends in a lower-case facility word, so only words written so need a look.
        if k < hi and not FACILITY_WORDS.isdisjoint(words[k:min(k + NAME_TAILS, hi)]):
            facility = self._facility(doc, first_start, last, hi, si)
            if facility is not None:
                return [facility]
        # "the airport of Kassala" (the gazetteer's "Kassala Airport"); "Israel's main international airport, Ben Gurion,
        # ...": the facility named before the name
        kind = words[f - 2].lower() if f - lo >= 2 else ""
        if ((words[f - 1].lower() == "of" and kind in _FACILITY_OF and not form.possessive)
                or (words[f - 1] == "," and kind in FACILITY_WORDS and not form.known)) and self._known(f"{name} {kind}"):
            return [PlaceName(first_start, tt.ends[last], name, f"{name} {kind}", si, True, "name")]
        if (not part and not form.known and not form.personal and not form.upper and not form.common
                and (apposed := _part_apposition(doc, k, hi))
                # ("Marjah, the district west of the capital": a country's district, named after a village it holds)
                and not (apposed == "district" and self._village(form.name))):
            # "Kallaseh, a neighbourhood on the front line"; "al-Shaar and Masaken Hanano, two districts on the
            # north-eastern side of the enclave": parts of the city the text is in, by what the text calls them
            if "of" in words[f + 1:last]:  # "Residents of Kallaseh, a neighbourhood ...": the name after "of"
                first_start = tt.starts[words.index("of", f + 1, last) + 1]
            own = text[first_start:tt.ends[last]]
            return [PlaceName(first_start, tt.ends[last], own, own, si, True, "city part")]
        # (a name known only in another romanisation of its ending is still a part the gazetteer lacks: "the Primorsky
        # district" of Novorossiysk, not Ukraine's Primorskyi)
        if part and not (form.known and self._known(form.name, endings=False)) and not (
                words[k].lower() in _DIVISION_PART_FORMS and self._fallback_district(form.name)):
            # (a district the fallback layer holds is a country's: "the Kurram district")
            if "of" not in words[f + 1:last]:
                return self._city_part(doc, first_start, k, hi, si)
            of = words.index("of", f + 1, last)
            # "tambon Ban Phue of Kantharalak district": a place, then the district it lies in
            return (self._run_names(doc, self._form(text[tt.starts[f]:tt.ends[of - 1]]), f, of, si)
                    + self._run_names(doc, self._form(text[tt.starts[of + 1]:tt.ends[last]]), of + 1, last + 1, si))
        # "the village of X", "X province": the text itself says X is a place.
        # (also "the western Kabul neighbourhood of Dasht-e-Barchi": a part of a city, named as one)
        cue = ((f - lo >= 2 and words[f - 1].lower() == "of" and (words[f - 2].lower() in PLACE_TYPE_WORDS
                                                                 or words[f - 2].lower() in _PART_NOUNS))
               or (k < hi and words[k].lower() in _ADMIN1_AFTER) or towns)
        if (not form.known and not form.personal and f - lo >= 2 and words[f - 1].lower() == "of"
                and words[f - 2].lower() in _PART_NOUNS_OF):
            # "the Serb-held district of Grbavica", "the western suburb of Dobrinja": a part of a city the gazetteer
            # lacks, to be placed at its city
            start = self._extend_before(doc, f, lo, name)[0]
            own = text[start:tt.ends[last]]
            return [PlaceName(start, tt.ends[last], own, own, si, True, "city part")]
        only_village = False
        if not form.known:
            if form.personal and not cue:  # "Tyler Williams", "Peter Cook": no town in it, nor a spelling of one
                return []
            if not cue and not (self._skeleton_allowed(doc, form, f, last, lo, hi) and (
                    self._spelled_close(form) or last + 1 < hi and doc.lower(last + 1) in _ONE_TOWN_WORDS
                    and self._known_skeleton(form.name, shortest=3))):  # "Rajouri town": the gazetteer's Rajaori
                inside = self._inside(form, doc.person_parts)
                district = k < hi and words[k].lower() in _DIVISION_PART_FORMS and self._fallback_district(form.name)
                village = (f > lo and (doc.lower(f - 1) in _VILLAGE_BEFORE or self._listed_after_place(doc, f, lo)
                                       or district)  # "the Kurram district": the words say it is a district
                           and self._village(form.name) and not _a_persons(form.name, doc.person_parts))
                before = (_DISTRICT_BEFORE if district else _VILLAGE_OR_LIST_BEFORE) if village else _UNKNOWN_PLACE_BEFORE
                if inside or not ((self.unknown_names or village) and self._unknown_place(doc, form, f, lo, before)):
                    return _placed(inside, offset, si)
                only_village = village and not self.unknown_names
        cued = cue or (not form.possessive and f > lo and words[f - 1].lower() in LOCATIVE_BEFORE)
        # A word the text also writes in lower case ("a strike hit ...") is that word, unless the
        # text says it is a place: "the town of Hit", or "near Hit" after the headline.
        if single and form.lower in doc.lowercase and not form.all_caps and not cue and not (cued and si > 0):
            return []
        if single and name in doc.person_parts and not cued:
            return []
        start, query = self._extend_before(doc, f, lo, name)
        end = max(end, self._extend_after(doc, last, hi))
        query = text[start:end] if end > first_start + len(name) and not form.possessive else query
        # "Border Patrol", "Star paid": an everyday word is a small place only where the text says so.
        common = form.common and not cued and not self._apposition_follows(doc, last, hi)
        evidence = cue or (k < hi and words[k].lower() in PLACE_TYPE_WORDS) or (f > lo and doc.lower(f - 1) in _PLACE_EVIDENCE)
        located = evidence or (f > lo and doc.lower(f - 1) in _PLACE_CONTEXT)
        return [PlaceName(start, end, name, query, si, True, "name", form.possessive, common=common, evidence=evidence,
                          located=located, only_village=only_village)]

    @staticmethod
    def _city_part(doc: _Document, first_start: int, k: int, hi: int, si: int) -> list[PlaceName]:
        """"the western Sviatoshynskyi district": a part of a city the gazetteer lacks, to be placed at
        its city. Not where the city follows ("the Shuja'iyya neighbourhood of Gaza City"): that names it."""
        if k + 2 < hi and doc.lower(k + 1) == "of" and doc.tt.words[k + 2][:1].isupper():
            return []
        end = doc.tt.ends[k - 1 if doc.lower(k) == "and" else k]  # "Solomianskyi and Darnytskyi districts": the name
        return [PlaceName(first_start, end, doc.text[first_start:end], doc.text[first_start:end], si, True, "city part")]

    def _unknown_place(self, doc: _Document, form: RunForm, f: int, lo: int,
                       before: frozenset[str] = _UNKNOWN_PLACE_BEFORE) -> bool:
        """A name the gazetteer lacks after a preposition of place ("in Mawasi", "at Kafr Zita"; for a village of
        the fallback layer also "shelled Sohmor", "residents of Deribat"): not a person's or an organisation's, nor
        a word the text also writes in lower case."""
        return (f > lo and doc.lower(f - 1) in before and not form.possessive and not form.personal
                and not form.common and form.lower not in doc.lowercase
                and not any(t.lower in self.organisation_words for t in form.chunk))

    def _names_a_site(self, form: RunForm) -> bool:
        """An institution's name the gazetteer holds as a site ("Damascus International
        Airport"): the site itself, not a name with a town inside."""
        return form.known and form.hyphen is None and not form.verdict and self._may_read_as(form.name, ("site",))

    def _facility(self, doc: _Document, first_start: int, last: int, hi: int, si: int) -> PlaceName | None:
        """Facility and landform names end in lower-case words: "Sha’ar gas field"."""
        words, k = doc.tt.words, last + 1
        tail = words[k: min(k + NAME_TAILS, hi)]
        article = _ARTICLE_BEFORE_RE.search(doc.text, max(0, first_start - 4), first_start)
        if article is not None:  # "the Al Dailami air base": the article, trimmed off the run, is the name's
            first_start = article.start()
        for n in range(NAME_TAILS, 0, -1):
            if len(tail) >= n and all(w.islower() for w in tail[:n]) and tail[n - 1].lower() in FACILITY_WORDS:
                longer = doc.text[first_start: doc.tt.ends[k + n - 1]]
                if self._known(longer):
                    return PlaceName(first_start, doc.tt.ends[k + n - 1], longer, longer, si, True, "name")
                # "the Kuweires military air base": the gazetteer's "Kuweires air base".
                plain = " ".join(w for w in longer.split() if w.lower() not in _FACILITY_FILLERS)
                for word in _AIRFIELD_WORDS:  # "the Kweires base", "Kuweires airport": the gazetteer's "air base"
                    if plain.endswith(" " + word) and not plain.endswith(" air base"):
                        plain = plain[:-len(word)] + "air base"
                        break
                if plain != longer and self._known(plain):
                    return PlaceName(first_start, doc.tt.ends[k + n - 1], longer, plain, si, True, "name")
                if tail[n - 1].lower() in _SKELETON_SITE_WORDS and self._known_skeleton(longer):
                    # "the Dhahban power station": the gazetteer's "Dhaban power station"
                    return PlaceName(first_start, doc.tt.ends[k + n - 1], longer, longer, si, True, "name")
        return None

    def _spelled_close(self, form: RunForm) -> bool:
        if form.skeleton is None:
            form.skeleton = self._known_skeleton(form.name)
        return form.skeleton

    @staticmethod
    def _skeleton_allowed(doc: _Document, form: RunForm, f: int, last: int, lo: int, hi: int) -> bool:
        """A spelling the gazetteer lacks is accepted only where the text says it is a place:
        a word before it ("in", "pounded") or a place-type word after it ("Talbisa city")."""
        nxt = doc.lower(last + 1) if last + 1 < hi else ""
        # The words around first: searching the text for the word in lower case costs more.
        return ((f > lo and doc.lower(f - 1) in _PLACE_CONTEXT) or nxt in PLACE_TYPE_WORDS) and form.lower not in doc.lowercase

    @staticmethod
    def _apposition_follows(doc: _Document, last: int, hi: int) -> bool:
        """"Hope, Arkansas": a comma and a capitalised word after the name; "Sake, about 25km from Goma":
        a comma and a distance."""
        k = last + 1
        if not (k + 1 < hi and doc.tt.words[k] == ","):
            return False
        nxt = doc.tt.words[k + 1]
        if nxt in _ABOUT and k + 2 < hi:
            nxt = doc.tt.words[k + 2]
        return nxt[0].isupper() or (nxt[0].isdigit() and _DISTANCE_RE.match(doc.text, doc.tt.starts[k + 1]) is not None)

    @staticmethod
    def _extend_before(doc: _Document, f: int, lo: int, name: str) -> tuple[int, str]:
        """Take "the province of", "northern" before the name into the mention."""
        starts, words = doc.tt.starts, doc.tt.words
        start, query, i = starts[f], name, f
        if i - lo >= 2 and doc.lower(i - 1) == "of" and doc.lower(i - 2) in PLACE_TYPE_WORDS:
            start = starts[i - 2]
            query = f"{doc.lower(i - 2)} of {name}"
            i -= 2
        if i - lo >= 1 and doc.lower(i - 1).replace("-", "") in DIRECTIONS and words[i - 1].islower():
            start = starts[i - 1]
            query = f"{doc.lower(i - 1)} {query}"
        return start, query

    @staticmethod
    def _extend_after(doc: _Document, last: int, hi: int) -> int:
        """Take a following "province", "governorate", "countryside" into the mention."""
        k = last + 1
        if k < hi and doc.lower(k) in _ADMIN1_AFTER and not POSSESSIVE_RE.search(doc.tt.words[last]):
            return doc.tt.ends[k]
        return 0


def opens_line(text: str, start: int) -> bool:
    """Whether the word at ``start`` is the first on its line (a dateline's place)."""
    return not text[text.rfind("\n", 0, start) + 1:start].strip()


def _short_lower(word: str) -> str:
    """A word in lower case, or "" for one too long to be any of the words looked for (a
    name inside a token thousands of characters long would lower it again and again)."""
    return word.lower() if len(word) <= 40 else ""


def non_literal(tt: TextTokens, si: int, name: PlaceName) -> bool:
    """A capital as agent or addressee of a government's act stands for that government."""
    lo, hi = tt.bounds[si]
    words = tt.words
    first_after = bisect_left(tt.starts, name.end, lo, hi)
    first_in = bisect_left(tt.starts, name.start, lo, hi)
    before = _short_lower(words[first_in - 1]) if first_in > lo else ""
    if before in LOCATIVE_BEFORE or before == "of":  # "Police in New Jersey said", "doctors in the town of X said"
        return False
    if name.query[:1].islower() and _OF_TYPE_RE.match(name.query):  # "the town of X" names a place, never a government
        return False
    back = [_short_lower(w) for w in words[max(lo, first_in - 5):first_in]]
    if "between" in back[:-1] or back[-1:] == ["between"]:
        k = len(back) - 1 - back[::-1].index("between")
        if k > 0 and back[k - 1] in RELATION_NOUNS:  # "relations between Islamabad and Kabul": two governments
            return True
    words_after = list(map(_short_lower, words[first_after: min(first_after + 3, hi)]))
    if words_after and words_after[0] in _QUOTE_MARKS:  # says Fordow “has not been attacked”
        words_after = list(map(_short_lower, words[first_after + 1: min(first_after + 4, hi)]))
    auxiliaries = bool(words_after) and words_after[0] in AUXILIARIES
    while words_after and words_after[0] in AUXILIARIES:
        words_after.pop(0)
    if auxiliaries and words_after and words_after[0] in ("been", "not", "never"):
        return False  # "says Fordow “has not been attacked”": the place, the subject of what was (not) done to it
    if len(words_after) > 1 and (words_after[0].endswith("ly") or words_after[0] in ("also", "again", "already")):
        words_after.pop(0)  # "Damascus has repeatedly denied": an adverb between the capital and its act
    if words_after and words_after[0] in AGENT_VERBS:
        return True
    return before in AGENT_VERBS


_QUOTE_MARKS = frozenset('"“”‘’\'')
