"""The offline gazetteer: look a name up, rank what it may mean, explain why.

>>> gaz = Gazetteer.default()
>>> gaz.resolve("Idlib province").place.precision
'admin1'
>>> gaz.resolve("Tallbīsah", context=Context(countries={"SY": 1.0})).place.name
'Tallbīsah'
"""
from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Mapping, NamedTuple

from .. import vocab
from .index import GazetteerIndex, StackedIndex, load_or_build
from .normalize import ARABIC_ARTICLES, folded_key, name_key, single_letters, skeleton_key, spellings_alike
from .place import Candidate, Place, distance_km
from .sources import DEFAULT_LAYERS, VILLAGES
from .user import user_sources

# Countries whose own place names are in Latin letters: no skeleton matches among their places.
LATIN_SCRIPT_COUNTRIES = vocab.words("latin_script_countries")
# The Arabic article written with its hyphen ("al-Omar", "Ad-Dawr"): "El Paso" has none.
_ARABIC_ARTICLE_RE = re.compile(rf"(?:the\s+)?(?:{'|'.join(sorted(ARABIC_ARTICLES, key=len, reverse=True))})-\w",
                                re.IGNORECASE)
# Words that turn a name into a first-level division, before or after it.
ADMIN1_WORDS = vocab.word_list("admin1_words")
LOCALITY_WORDS = vocab.word_list("locality_words")
DIRECTIONS = {
    "north": (1, 0), "northern": (1, 0), "south": (-1, 0), "southern": (-1, 0),
    "east": (0, 1), "eastern": (0, 1), "west": (0, -1), "western": (0, -1),
    "northeast": (1, 1), "northeastern": (1, 1), "northwest": (1, -1), "northwestern": (1, -1),
    "southeast": (-1, 1), "southeastern": (-1, 1), "southwest": (-1, -1), "southwestern": (-1, -1),
    "central": (0, 0),
}
_DIRECTION_RE = re.compile(
    r"^(?P<dir>(?:north|south)[\s-]?(?:east|west)(?:ern)?|" + "|".join(sorted(DIRECTIONS, key=len, reverse=True)) + r")\s+(?P<rest>.+)$",
    re.IGNORECASE,
)


@vocab.cached
def not_place_names() -> dict[str, str]:
    """Name key -> kind ("armed group", "person" ...) of the names that are never places
    (``data/vocab/not_place_names.csv`` and the user's layers of it)."""
    from ..vocab.layers import rows

    return {name_key(r.values["name"]): r.values["kind"] for r in rows("not_place_names.csv")}


_OF_RE = re.compile(r"^(?:the\s+)?(?P<word>\w+)\s+of\s+(?P<rest>.+)$", re.IGNORECASE)
_SUFFIX_RE = re.compile(r"^(?P<rest>.+?)\s+(?P<word>\w+)$")


def _type_word(word: str) -> str:
    """"admin1", "locality" or "" for a place-type word, plural forms included."""
    w = word.lower()
    singular = w[:-3] + "y" if w.endswith("ies") else w[:-1] if w.endswith("s") else w
    for form in (w, singular):
        if form in ADMIN1_WORDS:
            return "admin1"
        if form in LOCALITY_WORDS:
            return "locality"
    return ""


@dataclass(frozen=True)
class Query:
    """A place phrase split into the name and what the words around it say."""

    text: str
    name: str
    want: str = ""  # "admin1" | "locality" | "" (no hint)
    direction: str = ""  # "north", "southwest", "central" ...

    @classmethod
    def parse(cls, text: str) -> "Query":
        name = re.sub(r"^the\s+", "", " ".join(text.split()), flags=re.IGNORECASE)
        direction = want = ""
        m = _DIRECTION_RE.match(name)
        if m:
            direction = m["dir"].lower().replace("-", "").replace(" ", "")
            direction = direction.removesuffix("ern") if direction != "central" else direction
            name = m["rest"]
        m = _OF_RE.match(name)
        if m and _type_word(m["word"]):
            want, name = _type_word(m["word"]), m["rest"]
        elif m and m["word"].lower() in vocab.words("area_words"):  # "the area of Sanaa airport": no kind said
            name = m["rest"]
        m = _SUFFIX_RE.match(name)  # also a division word after "of": "the countryside of Hama province"
        if m and _type_word(m["word"]) and (not want or _type_word(m["word"]) == "admin1"):
            # the division word after the name is the outer one: "the Nikopol district of Dnipropetrovsk region"
            want, name = _type_word(m["word"]) if _type_word(m["word"]) == "admin1" else want or _type_word(m["word"]), m["rest"]
        return cls(text=text, name=name, want=want, direction=direction)


@dataclass(frozen=True)
class Context:
    """What the surrounding document says about where its places are.

    Attributes
    ----------
    countries : mapping of ISO2 code to weight in [0, 1]
        How strongly the document is about each country.
    admin1 : mapping of (country, admin1 code) to weight in [0, 1]
        Divisions the text places this mention in: 1 for "X in Homs province",
        less for a division named elsewhere in the document.
    evidence : bool
        The text says the name is a place ("jets pounded X"): its skeleton may match anywhere.
    """

    countries: Mapping[str, float] = field(default_factory=dict)
    admin1: Mapping[tuple[str, str], float] = field(default_factory=dict)
    # The words around the name say it is a place ("jets pounded X", "X city"): a spelling
    # close to a known place's may then be read as that place in any country.
    evidence: bool = False
    # Whether the fallback layer of villages may answer: a caller that knows no word before the name
    # says it is somewhere ("Shia pilgrims") says False.
    villages: bool = True


@dataclass(frozen=True)
class Resolution:
    """The answer to one query: a place, or ``unknown`` with the reason."""

    query: str
    place: Place | None
    candidates: tuple[Candidate, ...] = ()
    reason: str = ""
    # The divisions of every reading, also those beyond the ranked few kept.
    all_divisions: frozenset[tuple[str, str]] | None = field(default=None, compare=False, repr=False)

    @property
    def status(self) -> str:
        return "resolved" if self.place is not None else "unknown"

    @property
    def score(self) -> float:
        return self.candidates[0].score if self.candidates else 0.0

    # Read for every mention of a name; computed once per resolution.
    @cached_property
    def runners_up(self) -> tuple[str, ...]:
        """Place ids of the next three readings."""
        return tuple(c.place.place_id for c in self.candidates[1:4])

    @cached_property
    def divisions(self) -> frozenset[tuple[str, str]]:
        """The (country, admin1) divisions the readings lie in."""
        if self.all_divisions is not None:
            return self.all_divisions
        return frozenset(c.place.admin1_key for c in self.candidates)

    @cached_property
    def margin(self) -> float:
        """The lead of the best reading over the next (9 when there is no other)."""
        return self.candidates[0].score - self.candidates[1].score if len(self.candidates) > 1 else 9.0


# Readings a resolution ranks in full (the divisions of all are kept: a division named
# in the text finds its namesake among the 30 Washington Counties).
RESOLVE_LIMIT = 10
# Ranking weights. A name match outweighs a skeleton match; the document's
# country outweighs population; a hint in the phrase ("province") outweighs both.
W_NAME, W_SKELETON, W_PRIMARY = 1.0, 0.55, 0.4
# A skeleton match whose vowels agree too, once doubled letters and vowel digraphs are folded
# ("Maarat al-Numan", "Maarrat an-Numan"): nearly as good as the name itself.
W_ALIKE = 0.9
W_KIND = {"country": 1.6, "macroregion": 1.6, "admin1": 0.3, "site": 0.4, "region": 0.4, "locality": 0.0, "admin2": 0.1}
W_POPULATION = 0.2  # per decade of population, localities
W_DISTRICT_BY_NAME = 0.2  # a district of the fallback layer named with no division word, below a village of the name
W_POPULATION_AREA = 0.1  # per decade of population, divisions (named for their seat more often than not)
W_SEAT = 0.4  # a town whose division bears its name: a bare "Idlib" is the town
W_COUNTRY, W_ADMIN1, W_HINT, W_HINT_MISS = 0.8, 1.0, 2.0, -0.5
CENTRAL_CITY_POPULATION = 500_000  # "central X": the centre of a city this large, not the middle of its division
# A town named like a country, ocean or continent ("Mexico", Missouri; "Atlantic",
# Iowa) is meant only when the text says so: named beside its division.
W_NAMESAKE = 0.8
# A name of everyday words that is one place's own name and another's nickname or translation
# ("Garden City": Singapore; "White House": Casablanca; "Broken Hill": Kabwe) means the first.
W_NICKNAME = 0.8


class _Entry(NamedTuple):
    """One row a query matches, with the part of its score that needs no document context."""

    base: float  # match, canonical name, kind, population, seat
    hint: float  # what the phrase asks for ("province", "northern")
    place_id: str
    row: int
    match: str  # "name" | "nickname" | "skeleton" | "alike" | "village" (the fallback layer)
    country: str
    division: tuple[str, str]  # (country, admin1)
    precision: str


@dataclass
class _Prepared:
    """A parsed query and the rows it matches, scored as far as no context is needed.

    Kept across documents: names repeat ("US", "Aleppo"), and only the document's
    country and division weights change between them.
    """

    query: Query
    key: str
    skeleton: str
    rows: frozenset[int]  # rows the name itself matches (to see whether a town names its division)
    by_name: list[_Entry]
    names_big_area: bool  # the name is also a country's, an ocean's, a continent's
    everyday_own_name: bool = False  # everyday words ("Garden City") that are some row's own name
    by_skeleton: list[_Entry] | None = None  # computed when a context first needs them
    countries: frozenset[str] = frozenset()  # of the rows the name matches
    divisions: frozenset[tuple[str, str]] = frozenset()  # (country, admin1) of those rows
    villages: list[_Entry] = field(default_factory=list)  # rows of the fallback layer of villages (see _fallback)
    village_areas: tuple[frozenset, frozenset] = (frozenset(), frozenset())  # their countries and divisions


# Peoples, faiths and sects, whose names hamlets of the fallback layer of villages bear too ("Shia", "Tajik"):
# never a village.
PEOPLES = vocab.words("peoples")
# Words that make a name a division's, which no village of the fallback layer answers for.
_DIVISION_WORD_RE = re.compile(r"\b(?:district|province|governorate|region|county|state|oblast|raion|township|"
                               r"prefecture|division|municipality|wilaya|muhafazah)s?\b", re.IGNORECASE)

def _may_be_village(query: Query, key: str) -> bool:
    """Whether a village of the fallback layer may answer for the name as written: not "X district" or "X province"
    ("Kech district", "Barmal district": a division, not the hamlet of its name), nor a people's or faith's name."""
    return query.want in ("", "locality") and not _DIVISION_WORD_RE.search(query.text) and key not in PEOPLES


# A village a dump lists with no population yields a name to a town of at least this many people,
# unless the text places the name in the village's division (see _known_town_first).
KNOWN_TOWN_POPULATION = 1_000


def _unpopulated_village(place: Place) -> bool:
    return place.precision == "locality" and place.population == 0


def _known_town_first(ranked: list[Candidate], context: Context) -> list[Candidate]:
    """A village of no recorded population never takes a name from a known town without evidence:
    downloaded dumps hold hundreds of hamlets named like towns, and one of them in a country the
    text is about outranks the town it means. Evidence is the text placing the name in the
    village's division in the same sentence ("X in Homs province"), or being more about the
    village's country than the town's; the other places the text names nearby are weighed later
    (the geoparser's proximity step)."""
    best = ranked[0].place
    if not _unpopulated_village(best) or context.admin1.get(best.admin1_key, 0.0) >= 1.0:
        return ranked
    weight = context.countries.get(best.country, 0.0)  # a town in a country the text is less about is no rival
    for i, c in enumerate(ranked[1:], start=1):
        p = c.place
        if (c.match == "name" and (p.population >= KNOWN_TOWN_POPULATION or p.precision in ("admin1", "country"))
                and context.countries.get(p.country, 0.0) >= weight):
            return [c, *ranked[:i], *ranked[i + 1:]]
    return ranked


# A city this big is the one meant by its name over a namesake a hundredth its size, unless the text
# places the name in the namesake's division (see _world_city_first).
WORLD_CITY_POPULATION, WORLD_CITY_RATIO = 1_000_000, 100
# A city this big keeps its name from a namesake a thirtieth its size that lies in a division the text
# names only elsewhere, not beside the name: "Louisville" in a story that also names Mississippi.
BIG_CITY_POPULATION, BIG_CITY_RATIO = 100_000, 30


def _world_city_first(ranked: list[Candidate], context: Context) -> list[Candidate]:
    """"London" in an American story is London, England, not London, Kentucky: the country a text is
    about lifts its own small namesakes, but not over a city of a million a hundred times their
    size; the text naming the namesake's division (or its neighbours, weighed in the geoparser's
    proximity step) is what makes the small one meant. A division named only elsewhere in the text
    (weight under 1) lifts a small namesake over neither a world city nor a big city (BIG_CITY_*) of a
    country the text is as much about: "Washington" in a story that names California is still the capital."""
    best = ranked[0].place
    if best.precision != "locality":
        return ranked
    division = context.admin1.get(best.admin1_key, 0.0) if context.admin1 else 0.0
    if division >= 1.0:
        return ranked
    weight = context.countries.get(best.country, 0.0)
    for i, c in enumerate(ranked[1:], start=1):
        p = c.place
        if c.match != "name" or p.precision != "locality":
            continue
        world = (not division and p.population >= WORLD_CITY_POPULATION
                 and p.population >= WORLD_CITY_RATIO * max(best.population, 1))
        big = (division and p.population >= BIG_CITY_POPULATION and p.population >= BIG_CITY_RATIO * max(best.population, 1)
               and context.countries.get(p.country, 0.0) >= weight)
        if world or big:
            return [c, *ranked[:i], *ranked[i + 1:]]
    return ranked


# Caches kept across documents, bounded so that memory stays flat over any corpus:
# context-free candidate lists (a few KB each), prepared queries, places by row.
PLAIN_CACHE_SIZE = 20_000
PLAIN_LIMIT = 5  # readings kept per name looked up without context (the most any caller asks for)
PREPARED_CACHE_SIZE = 20_000
PLACE_CACHE_SIZE = 100_000


_HOLDING_RATIO = 3  # times the people of a district a city holding it has


class Gazetteer:
    """Names to places, offline, over a compiled :class:`GazetteerIndex`."""

    _default: "Gazetteer | None" = None

    def __init__(self, index: GazetteerIndex):
        self.index = index
        # Lookups with no document context repeat across articles ("US", "Russia").
        self._plain_cache: dict[str, tuple[Candidate, ...]] = {}
        self._prepared: dict[str, _Prepared] = {}
        self._places: dict[int, Place] = {}
        self._big_towns: dict[tuple[str, str, int], list[Place]] = {}  # (country, admin1, people) -> its towns that big
        self._sites: dict[frozenset[str], list[Place]] = {}  # kinds -> the sites of those kinds

    @classmethod
    def default(cls) -> "Gazetteer":
        """The world gazetteer with the user's imported layers, loaded once per process."""
        if cls._default is None:
            cls._default = cls.load()
        return cls._default

    @classmethod
    def load(cls, user_folder: Path | None = None) -> "Gazetteer":
        """The default layers, with the user layers in ``user_folder`` (default: the user's) on top."""
        base = load_or_build(DEFAULT_LAYERS, fallback=(VILLAGES,))
        users = user_sources(user_folder)
        return cls(StackedIndex(base, load_or_build(users)) if users else base)

    # -- lookups ---------------------------------------------------------
    @cached_property
    def _by_id(self) -> dict[str, int]:
        ids = self.index.columns["place_id"]
        return dict(zip(ids, range(len(ids))))

    def get(self, place_id: str) -> Place | None:
        row = self._by_id.get(place_id)
        return None if row is None else self.index.place(row)

    @property
    def _admin1_rows(self) -> dict[tuple[str, str], int]:
        return self.index.areas.admin1

    @property
    def _country_rows(self) -> dict[str, int]:
        return self.index.areas.country

    def admin1_of(self, place: Place) -> Place | None:
        row = self._admin1_rows.get(place.admin1_key)
        return None if row is None else self.index.place(row)

    def country_by_code(self, iso2: str) -> Place | None:
        row = self._country_rows.get(iso2)
        return None if row is None else self.index.place(row)

    @property
    def _localities_by_area(self) -> dict[tuple[str, str], Sequence[int]]:
        return self.index.areas.localities

    def city_holding(self, place: Place, min_population: int, within_km: float) -> Place | None:
        """A town of the same first-level division within ``within_km`` of ``place``, of at least
        ``min_population`` people and several times as many as ``place``: the city ``place`` is a
        district of ("Dniprovskyi", Kyiv's; not Rafah, a city of its own beside Khan Younis)."""
        key = (place.country, place.admin1, min_population)
        big = self._big_towns.get(key)
        if big is None:
            rows = self._localities_by_area.get((place.country, place.admin1), ())
            big = self._big_towns[key] = [c for c in map(self._place, rows) if c.population >= min_population]
        return next((c for c in big if c.population >= _HOLDING_RATIO * place.population and c.place_id != place.place_id
                     and distance_km(c.lat, c.lon, place.lat, place.lon) <= within_km), None)

    def nearest_site(self, lat: float, lon: float, kinds: frozenset[str], within_km: float) -> Place | None:
        """The site of one of ``kinds`` ("airport", "air base") nearest the point, if one lies within
        ``within_km``: the airport "serving Taiz", which its own names do not call so."""
        sites = self._sites.get(kinds)
        if sites is None:
            kind = self.index.columns["kind"]
            sites = self._sites[kinds] = [self.index.place(r) for r in range(len(self.index)) if kind[r] in kinds]
        near = [(distance_km(lat, lon, p.lat, p.lon), p.place_id, p) for p in sites
                if abs(p.lat - lat) < 1.0 and distance_km(lat, lon, p.lat, p.lon) <= within_km]
        return min(near)[2] if near else None

    # -- ranking ---------------------------------------------------------
    def _place(self, row: int) -> Place:
        place = self._places.get(row)
        if place is None:
            if len(self._places) >= PLACE_CACHE_SIZE:
                self._places.clear()
            place = self._places[row] = self.index.place(row)
        return place

    def _prepare(self, text: str) -> _Prepared:
        """The query's rows with their context-free scores, remembered across documents."""
        prepared = self._prepared.get(text)
        if prepared is None:
            query = self.parse_query(text)
            key = name_key(query.name)
            rows = self.index.rows_by_name(key)
            for alike in spellings_alike(key) if not rows else ():
                rows = self.index.rows_by_name(alike)  # "Tajoura": the gazetteer's Tajura; "Afipsky": its Afipskiy
                if rows:
                    break
            if rows and _ARABIC_ARTICLE_RE.match(query.name):
                # "al-Omar" is no Omar in West Virginia: a name written with the Arabic article is no place of a
                # country whose names are not romanised from Arabic script
                country = self.index.columns["country"]
                rows = [r for r in rows if country[r].upper() not in LATIN_SCRIPT_COUNTRIES]
            if _may_be_village(query, key):
                villages = self.index.rows_by_fallback_name(key)
            elif key not in PEOPLES and _DIVISION_WORD_RE.search(query.text):
                # "Kurram district", "Nihm district": the layer's districts answer a division's phrasing, not its hamlets
                precision = self.index.columns["precision"]
                villages = [r for r in self.index.rows_by_fallback_name(key) if precision[r] == "admin2"]
            else:
                villages = []
            big = any(self.index.columns["precision"][r] in ("country", "macroregion") for r in rows)
            prepared = _Prepared(query, key, skeleton_key(key), frozenset(rows), [], big,
                                 self._everyday_own_name(query.name, key, rows))
            prepared.by_name = [self._entry(r, self._name_match(r, prepared), prepared) for r in rows]
            prepared.countries = frozenset(e.country for e in prepared.by_name)
            prepared.divisions = frozenset(e.division for e in prepared.by_name)
            if villages:
                prepared.villages = [self._entry(r, "village", prepared) for r in villages]
                prepared.village_areas = (frozenset(e.country for e in prepared.villages),
                                          frozenset(e.division for e in prepared.villages))
            if len(self._prepared) < PREPARED_CACHE_SIZE:
                self._prepared[text] = prepared
        return prepared

    def _everyday_own_name(self, name: str, key: str, rows: Sequence[int]) -> bool:
        """Whether ``name`` is two or more everyday English words and some row's own name."""
        words = name.lower().split()
        common = vocab.common_words()
        return (len(words) > 1 and all(w in common for w in words)
                and any(self.index.primary_keys[r] == key for r in rows))

    def _name_match(self, row: int, q: _Prepared) -> str:
        """"name", or "nickname" for a row that bears everyday words that are another row's own name
        and share no word with its own ("White House" for Casablanca, not "New York" for New York City)."""
        if not q.everyday_own_name or self.index.primary_keys[row] == q.key:
            return "name"
        return "name" if set(q.key.split()) & set(self.index.primary_keys[row].split()) else "nickname"

    def _skeleton_entries(self, prepared: _Prepared) -> list[_Entry]:
        if prepared.by_skeleton is None:
            seen, skel = prepared.rows, prepared.skeleton
            rows = self.index.rows_by_skeleton(skel) if len(skel) >= 3 else []
            if (single := single_letters(prepared.key)) != prepared.key:
                # "Radaa": the gazetteer's Rada' (a transliteration's doubled letter), however short its skeleton
                rows = list(dict.fromkeys([*rows, *self.index.rows_by_name(single)]))
            country = self.index.columns["country"]
            folded, primary = folded_key(prepared.key), self.index.primary_keys
            prepared.by_skeleton = [self._entry(r, "alike" if folded_key(primary[r]) == folded else "skeleton", prepared)
                                    for r in rows if r not in seen and country[r].upper() not in LATIN_SCRIPT_COUNTRIES]
        return prepared.by_skeleton

    def context_key(self, text: str, countries: Mapping[str, float], admin1: Mapping[tuple[str, str], float]) -> tuple | None:
        """What of ``context`` can change how ``text`` resolves, as a hashable key.

        A reading's score reads only the weights of its own country and division,
        so two documents that weigh those alike resolve the name alike, whatever
        else they are about. ``None`` when readings by skeleton would join, which
        happens according to the whole context.
        """
        if not text or not text.strip():
            return ()
        prepared = self._prepare(text)
        if self._uses_skeleton(prepared, countries):
            return None
        village_countries, village_divisions = prepared.village_areas
        relevant = sorted([(cc, countries[cc]) for cc in prepared.countries | village_countries if cc in countries])
        if admin1:
            divisions = prepared.divisions | village_divisions
            return bool(countries), tuple(relevant), tuple(sorted((d, w) for d, w in admin1.items() if d in divisions))
        return bool(countries), tuple(relevant), ()

    @staticmethod
    def _uses_skeleton(prepared: _Prepared, countries: Mapping[str, float], evidence: bool = False) -> bool:
        """Whether rows matching the skeleton join those matching the name: when the name
        alone finds nothing, or nothing in the document's countries; and only with evidence
        for them (see :meth:`_entries`)."""
        short = len(prepared.skeleton) < 3 and single_letters(prepared.key) == prepared.key
        if short or not (countries or prepared.query.want or evidence):
            return False
        return not prepared.by_name or (bool(countries) and prepared.countries.isdisjoint(countries))

    def _entries(self, prepared: _Prepared, context: Context) -> list[_Entry]:
        """Rows matching the name; rows matching its skeleton too when the name alone finds
        nothing, or nothing in the document's countries.

        A skeleton is coarse ("Erdogan" is Ardahan's, "Holopaw" Aleppo's), so it is tried only among
        places whose names are transliterated (not in LATIN_SCRIPT_COUNTRIES), and a spelling the
        gazetteer lacks is read as a known one only with evidence: in a country the document is
        about, or, in a text that names no country, where the words around say it is a place
        ("the town of X", "jets pounded X")."""
        entries = prepared.by_name + self._fallback(prepared, context) if prepared.villages else prepared.by_name
        if self._uses_skeleton(prepared, context.countries, context.evidence):
            skeletons = self._skeleton_entries(prepared)
            countries = context.countries
            if countries:
                skeletons = [e for e in skeletons if countries.get(e.country, 0.0) > 0.0]
            return entries + skeletons
        return entries

    @staticmethod
    def _fallback(prepared: _Prepared, context: Context) -> list[_Entry]:
        """The villages of the fallback layer that may answer for the name: those in a country the
        text is about (or a division it names), unless a bundled place of that name lies in a
        country the text is as much about. The layer holds hundreds of thousands of hamlets named
        like people, tribes and towns ("Hassan", "Shire"): with no country to place them, or with a
        known place the name already means there, they would only be namesakes."""
        if not context.villages:
            return []
        countries, divisions = context.countries, context.admin1 or {}
        weight = {e.place_id: max(countries.get(e.country, 0.0), divisions.get(e.division, 0.0)) for e in prepared.villages}
        rival = max((max(countries.get(e.country, 0.0), divisions.get(e.division, 0.0)) for e in prepared.by_name), default=0.0)
        return [e for e in prepared.villages if weight[e.place_id] > 0.0 and weight[e.place_id] > rival]

    def _entry(self, row: int, match: str, q: _Prepared) -> _Entry:
        cols = self.index.columns
        precision, country, admin1 = cols["precision"][row], cols["country"][row], cols["admin1"][row]
        base, _ = self._base_score(row, match, q, explain=False)
        hint, _ = self._hint_score(precision, q, cols["population"][row])
        return _Entry(base, hint, cols["place_id"][row], row, match, country, (country, admin1), precision)

    def _base_score(self, row: int, match: str, q: _Prepared, explain: bool) -> tuple[float, list[str]]:
        """The part of a row's score that depends on the query alone."""
        cols = self.index.columns
        precision, country = cols["precision"][row], cols["country"][row]
        reasons: list[str] = []
        score = W_SKELETON if match == "skeleton" else W_ALIKE if match == "alike" else W_NAME
        if explain:
            reasons.append(f"{match} match")
        if self.index.primary_keys[row] == q.key:
            score += W_PRIMARY
            if explain:
                reasons.append("canonical name")
        elif match == "nickname":
            score -= W_NICKNAME
            if explain:
                reasons.append("a nickname: another place's own name")
        score += W_KIND.get(precision, 0.0)
        if match == "village" and precision == "admin2" and not _DIVISION_WORD_RE.search(q.query.text):
            # a bare "Ayod" or "Barmal" is the town or village more than the district named after it
            score -= W_DISTRICT_BY_NAME
            if explain:
                reasons.append("a district's name said alone")
        pop = cols["population"][row]
        if precision == "locality":
            score += W_POPULATION * math.log10(pop + 1)
            if explain:
                reasons.append(f"population {pop:,}")
            division = self._admin1_rows.get((country, cols["admin1"][row]))
            if division is not None and division in q.rows:
                score += W_SEAT
                if explain:
                    reasons.append("its division is named after it")
            if q.names_big_area:
                score -= W_NAMESAKE
                if explain:
                    reasons.append("a country or sea bears the name")
        elif precision in ("admin1", "admin2"):
            score += W_POPULATION_AREA * math.log10(pop + 1)
            if explain:
                reasons.append(f"population {pop:,}")
        return score, reasons

    @staticmethod
    def _hint_score(precision: str, q: _Prepared, population: int = 0) -> tuple[float, list[str]]:
        """What the phrase around the name asks for: "province of", "northern"; "central Belgrade", the centre
        of a large city."""
        if (q.query.direction == "central" and not q.query.want and precision == "locality"
                and population >= CENTRAL_CITY_POPULATION):
            return W_HINT, ["a large city's centre"]
        want = q.query.want or ("admin1" if q.query.direction and precision in ("admin1", "country") else "")
        if not want:
            return 0.0, []
        hit = (precision == want or (want == "admin1" and precision == "country" and q.query.direction)
               # "Kurram district": a district the gazetteer holds as one (a district named after a town is the town)
               or (want == "locality" and precision == "admin2" and _DIVISION_WORD_RE.search(q.query.text) is not None))
        return (W_HINT if hit else W_HINT_MISS), [f"phrase asks for {want}" + ("" if hit else " (not this)")]

    @staticmethod
    def _score(e: _Entry, context: Context) -> float:
        # Added in the order the reasons are listed, so the rounding is the same everywhere.
        score = e.base
        weight = context.countries.get(e.country, 0.0)
        if weight:
            score += W_COUNTRY * weight
        division_weight = context.admin1.get(e.division, 0.0) if context.admin1 else 0.0
        if division_weight and e.precision != "admin1":
            score += W_ADMIN1 * division_weight
        if e.hint:
            score += e.hint
        return round(score, 4)

    def _reasons(self, e: _Entry, q: _Prepared, context: Context) -> tuple[str, ...]:
        """Why a candidate scores what it does, spelled out for the few that are shown."""
        _, reasons = self._base_score(e.row, e.match, q, explain=True)
        weight = context.countries.get(e.country, 0.0)
        if weight:
            reasons.append(f"document country {e.country} ({weight:.2f})")
        division_weight = context.admin1.get(e.division, 0.0) if context.admin1 else 0.0
        if division_weight and e.precision != "admin1":
            reasons.append(f"inside a division the text names ({division_weight:.1f})")
        reasons += self._hint_score(e.precision, q, self.index.columns["population"][e.row])[1]
        return tuple(reasons)

    def parse_query(self, text: str) -> Query:
        """Split ``text`` into name and hints, unless the whole text is itself a name.

        "United States", "South Korea" and "West Virginia" are names, not
        "States" with a division hint or "Korea" with a direction.
        """
        whole = re.sub(r"^the\s+", "", " ".join(text.split()), flags=re.IGNORECASE)
        if self.index.has_name(name_key(whole)) or self.index.has_fallback_name(name_key(whole)):
            # (and a district of the fallback layer: "North Waziristan")
            return Query(text=text, name=whole)
        return Query.parse(text)

    def candidates(self, text: str, context: Context | None = None, limit: int = 10) -> list[Candidate]:
        """Ranked places ``text`` may name, best first (ties broken by place id)."""
        if (context is None or not (context.countries or context.admin1 or context.evidence)) and limit <= PLAIN_LIMIT:
            # One ranking per name serves every shorter list asked for (1, 3, 5 ...).
            cached = self._plain_cache.get(text)
            if cached is None:
                cached = tuple(self._candidates(text, Context(), PLAIN_LIMIT))
                if len(self._plain_cache) < PLAIN_CACHE_SIZE:
                    self._plain_cache[text] = cached
            return list(cached[:limit])
        return self._candidates(text, context or Context(), limit)

    def _candidates(self, text: str, context: Context, limit: int) -> list[Candidate]:
        prepared, scored = self._scored(text, context)
        return self._made(prepared, scored[:limit], context)

    def _scored(self, text: str, context: Context) -> tuple[_Prepared, list[tuple[float, str, _Entry]]]:
        """Every row ``text`` matches, scored in ``context``, best first (ties broken by place id)."""
        prepared = self._prepare(text)
        best: dict[str, tuple[float, str, _Entry]] = {}
        for e in self._entries(prepared, context):
            entry = (self._score(e, context), e.place_id, e)
            if e.place_id not in best or entry[0] > best[e.place_id][0]:  # a place imported twice counts once
                best[e.place_id] = entry
        return prepared, sorted(best.values(), key=lambda x: (-x[0], x[1]))

    def _made(self, prepared: _Prepared, scored: list[tuple[float, str, _Entry]], context: Context) -> list[Candidate]:
        return [Candidate(self._place(e.row), score, e.match, functools.partial(self._reasons, e, prepared, context))
                for score, _, e in scored]

    def resolve(self, text: str, context: Context | None = None) -> Resolution:
        """The best place for ``text``, or an ``unknown`` resolution; never raises."""
        if not text or not text.strip():
            return Resolution(text, None, (), "empty query")
        context = context or Context()
        prepared, scored = self._scored(text, context)
        query = prepared.query
        kind = not_place_names().get(prepared.key)
        if kind:
            article = "an" if kind[:1] in "aeiou" else "a"
            return Resolution(text, None, (), f"{query.name!r} names {article} {kind}, not a place (data/vocab/not_place_names.csv)")
        ranked = self._made(prepared, scored[:RESOLVE_LIMIT], context)
        # (a fallback village's division is no reason to read the name again in it: see _fallback)
        divisions = frozenset(e.division for _, _, e in scored if e.match != "village")
        if not ranked:
            if prepared.villages:  # ("geocode Deribat" with no country: the layer answers only in one)
                countries = " ".join(sorted(prepared.village_areas[0]))
                return Resolution(text, None, (), f"{query.name!r} is only a village of the fallback layer ({countries}), "
                                                  f"read in a text about its country (or with --country)")
            return Resolution(text, None, (), f"no place named {query.name!r} in the gazetteer")
        ranked = _world_city_first(_known_town_first(ranked, context), context)
        best = ranked[0].place
        if query.direction and best.precision in ("admin1", "country"):
            best = self._part_of(best, query.direction)
        if ranked[0].match == "village":
            # but where a village is the reading already, the division the text names says which ("Léré in the
            # Timbuktu region", not the Léré of Mopti)
            divisions |= {c.place.admin1_key for c in ranked if c.match == "village"}
        return Resolution(text, best, tuple(ranked), all_divisions=divisions)

    # -- parts of areas --------------------------------------------------
    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one gazetteer per process; areas repeat
    def _part_of(self, area: Place, direction: str) -> Place:
        """The populated part of ``area`` that lies toward ``direction``.

        Its point is the population-weighted centre of the area's localities on
        that side of the area's own centre: where "northern Homs" puts events.
        """
        key = (area.country, area.admin1 if area.precision == "admin1" else "")
        rows = self._localities_by_area.get(key, [])
        dlat, dlon = DIRECTIONS.get(direction, DIRECTIONS.get(direction + "ern", (0, 0)))
        cols = self.index.columns
        chosen = [
            r for r in rows
            if (dlat == 0 or (cols["lat"][r] - area.lat) * dlat > 0)
            and (dlon == 0 or (cols["lon"][r] - area.lon) * dlon > 0)
        ]
        if not chosen or direction == "central":
            return area
        weights = [max(cols["population"][r], 500) for r in chosen]
        total = sum(weights)
        lat = sum(cols["lat"][r] * w for r, w in zip(chosen, weights)) / total
        lon = sum(cols["lon"][r] * w for r, w in zip(chosen, weights)) / total
        word = direction if direction == "central" else f"{direction}ern"
        return Place(
            place_id=f"{area.place_id}#{direction}",
            name=f"{word} {area.name}",
            lat=round(lat, 5),
            lon=round(lon, 5),
            country=area.country,
            admin1=area.admin1,
            population=sum(cols["population"][r] for r in chosen),
            precision=area.precision,
            kind=f"part of {area.kind}",
            source=area.source,
        )
