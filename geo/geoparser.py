"""Find the places a text names and resolve them against the gazetteer.

Recognition (:mod:`geo.recognition`) finds the names that may be places;
resolution, here, uses the document: the countries it is about (named, as
demonyms, or through places that can only be in one country), the divisions a
place is said to be in ("Qaryatain in Homs province"), and the other places it
names nearby.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import TYPE_CHECKING

from .gazetteer import Candidate, Context, Gazetteer, Place, Query, Resolution, name_key
from .gazetteer.gazetteer import BIG_CITY_POPULATION, KNOWN_TOWN_POPULATION, WORLD_CITY_POPULATION
from .gazetteer.place import PointSet, distance_km, haversine_term
from .gazetteer.source_prior import borders, regions_given, source_countries
from .gazetteer.sources import DATA_DIR, VILLAGES, _csv_rows
from .recognition import PlaceName, Recogniser, opens_line, major, major_area, non_literal, part_key
from . import vocab
from .doc import Doc, make_doc

if TYPE_CHECKING:
    from .articles import Article

# A match must score this much to count as a place: more when it lies outside the
# countries the document is about (a small namesake far away is more likely a
# surname or a word: "Obama", a city in Japan).
MIN_SCORE = 1.3
MIN_SCORE_ELSEWHERE = 2.4
# Less when it lies in a country bordering theirs: strikes cross borders (a Turkish drone over
# Iraqi Kurdistan, an Israeli jet over southern Lebanon), namesakes far away are the risk.
MIN_SCORE_NEIGHBOUR = 1.9
_HOME_WEIGHT = 0.2  # a name match in a country the text names at all, over a namesake abroad scoring too low
RESOLUTION_MEMO_SIZE = 5_000  # resolutions kept between documents (then forgotten at once): ~3.5 KB each
DOCUMENT_DIVISION_WEIGHT = 0.6
# The article's source (address, outlet, the user's --region) votes for its country as a demonym does.
SOURCE_VOTE, _SOURCE_VOTE = 1.0, "\x00source"
OWN_VOTE_WEIGHT = 0.5
# Co-mentioned places: a reading within NEAR_KM of a confidently placed town gains W_NEAR.
ANCHOR_MARGIN, NEAR_KM, W_NEAR = 1.2, 150.0, 0.8
# ... and W_WEAK within NEAR_KM of where another ambiguous name is read: a tie-break among close readings.
W_WEAK = 0.2
_READINGS_WEIGHED = 8  # a name's best readings the proximity and distance steps weigh
_NEAR_TERM, _FAIRLY_NEAR_TERM = haversine_term(NEAR_KM), haversine_term(3 * NEAR_KM)  # see PointSet
WEAK_READINGS = 5  # readings of an ambiguous name that may support another's (see Geoparser._plausible_points)
# Mentions the rest of the text may re-place: names, and names inside others
# ("the Montgomery County Democrats" in an article set in Iowa).
_RERANKED_KINDS = ("name", "embedded")


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
    # The place's name for readers: the article's own spelling of it ("Hama", "Talbiseh"), else the
    # gazetteer's English or plain-letter name; set once the mention is resolved (see place_label).
    label: str = field(default="", compare=False, repr=False)

    def placed_at(self, place: Place, score: float | None = None, reason: str | None = None) -> Mention:
        """This mention read as ``place`` (``dataclasses.replace`` does the same, ten times slower)."""
        return _mention(self.start, self.end, self.text, self.query, self.sentence, self.literal, self.kind, place,
                        self.score if score is None else score, self.reason if reason is None else reason,
                        self.alternatives, self.candidate_divisions, self.margin, self.label)

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


_MENTION_FIELDS = tuple(f.name for f in fields(Mention))


def _mention(*values) -> Mention:
    """``Mention(*values)``, its fields filled at once: a frozen dataclass's ``__init__``
    sets them one by one through ``object.__setattr__``, twice as slow, and a text has dozens."""
    m = object.__new__(Mention)
    m.__dict__.update(zip(_MENTION_FIELDS, values))
    return m


class _CountryWeights:
    """The countries a document is about, as weights for resolving each of its names.

    A name's own votes count half, so an ambiguous name cannot decide its own
    country against the rest of the text.
    """

    def __init__(self, votes: dict[str, dict[str, float]]):
        self.votes = votes
        self.total: dict[str, float] = {}
        get = self.total.get
        for own in votes.values():
            for cc, vote in own.items():
                self.total[cc] = vote + get(cc, 0)
        self._by_key: dict[str, _Weights] = {}  # names repeat in a document
        self._by_votes: dict[tuple, _Weights] = {}  # and many names vote alike
        # The countries by total vote, strongest first (ties in the order they came):
        # a name's own votes change only a few of them.
        order = {cc: i for i, cc in enumerate(self.total)}
        self._ranked = sorted(((cc, v, order[cc]) for cc, v in self.total.items() if v > 1e-9), key=_strongest_first)
        self._order = order

    def without(self, key: str) -> _Weights:
        found = self._by_key.get(key)
        if found is None:
            own = self.votes.get(key, {})
            signature = tuple(own.items())
            found = self._by_votes.get(signature)
            if found is None:
                found = self._by_votes[signature] = _Weights(self._normalised_without(own))
            self._by_key[key] = found
        return found

    def _normalised_without(self, own: dict[str, float]) -> dict[str, float]:
        """The strongest countries once ``own`` counts at OWN_VOTE_WEIGHT, scaled so the first
        weighs 1 (those under a fifth of it left out). The eight strongest are among the
        eight strongest of the others and the countries ``own`` changes."""
        changed = [(cc, self.total[cc] - (1 - OWN_VOTE_WEIGHT) * v, self._order[cc]) for cc, v in own.items()]
        ranked = [r for r in changed if r[1] > 1e-9]
        kept = 0
        for r in self._ranked:
            if kept == _TOP_COUNTRIES:
                break
            if r[0] not in own:
                ranked.append(r)
                kept += 1
        ranked.sort(key=_strongest_first)
        out: dict[str, float] = {}
        for cc, v, _ in ranked[:_TOP_COUNTRIES]:
            share = v / ranked[0][1]
            if share < 0.2:
                break
            out[cc] = round(share, 3)
        return out


class _Weights(dict):
    """Country weights, with the sorted items that key remembered resolutions."""

    __slots__ = ("key", "memo_keys")

    def __init__(self, weights: dict[str, float]):
        super().__init__(weights)
        self.key = tuple(sorted(weights.items()))
        self.memo_keys: dict[str, tuple] = {}  # query -> its resolution's memo key, for the document


class Geoparser:
    """Finds and resolves place mentions; one instance can parse many texts."""

    def __init__(self, gazetteer: Gazetteer | None = None, online=None, regions: tuple[str, ...] | list[str] | str = ()):
        """``online``: an optional :class:`~geo.gazetteer.online.OnlineFallback` for names
        the offline gazetteer does not know (off unless the user asks for it). ``regions``: ISO
        codes (or names) of the countries the articles are about (a newsroom's ``--region``),
        counted as the source of each article that names no region of its own (see
        :mod:`geo.gazetteer.source_prior`); :class:`ValueError` for one that is no country."""
        self.gazetteer = gazetteer or Gazetteer.default()
        self.online = online
        self.regions = regions_given(regions)
        self.recogniser = Recogniser(self.gazetteer, unknown_names=online is not None)
        self.demonyms = self.recogniser.demonyms
        self._memo: dict[tuple, Resolution] = {}
        self._labels: dict[tuple, str] = {}
        self._vote_memo: dict[str, tuple[tuple[str, float], ...]] = {}

    @property
    def person_parts(self) -> set[str]:
        """Words the last text parsed uses as parts of people's names."""
        return self.recogniser.person_parts

    # resolution -----------------------------------------------------------
    def _country_votes(self, cands: list[PlaceName]) -> dict[str, dict[str, float]]:
        """Each name's votes for the countries the text is about.

        Countries, divisions and demonyms are strong evidence; an ambiguous town
        name splits its vote among the countries of its plausible readings.
        """
        votes: dict[str, dict[str, float]] = {}
        for c in cands:
            key = name_key(c.name)
            own = votes.get(key)
            if own is None:
                own = votes[key] = {}
            if c.kind == "demonym":
                target = self.demonyms.get(c.name, "")
                if len(target) == 2 and target.isupper():
                    own[target] = own.get(target, 0) + 1.0
                continue
            for cc, vote in self._votes_of(c.query):
                own[cc] = own.get(cc, 0) + vote
        return votes

    def _votes_of(self, query: str) -> tuple[tuple[str, float], ...]:
        """A name's votes, the same in every text: remembered."""
        found = self._vote_memo.get(query)
        if found is None:
            ranked = self.gazetteer.candidates(query, limit=5)
            found = ()
            if ranked:
                countries = {r.place.country for r in ranked if r.score >= ranked[0].score - 0.3} - {""}
                strong = ranked[0].place.precision in ("country", "admin1")
                # In a fixed order: ties between countries keep it.
                found = tuple((cc, (1.5 if strong else 1.0) / len(countries)) for cc in sorted(countries))
            self._vote_memo[query] = found
        return found

    def parse(self, text: str) -> Doc:
        """A :class:`~geo.doc.Doc` of ``text`` with its place mentions resolved."""
        return self(make_doc(text))

    def __call__(self, doc: Doc) -> Doc:
        """Add the place mentions of ``doc``, resolved, and the countries it is about."""
        if len(self._memo) > RESOLUTION_MEMO_SIZE:
            self._memo.clear()
        if len(self._vote_memo) > RESOLUTION_MEMO_SIZE:
            self._vote_memo.clear()
        text, tt = doc.text, doc.tokens
        names = self.recogniser.find(text, tt)
        cast = self._country_votes(names)
        source = source_countries(doc.article, self.regions)
        if source:  # the outlet's or the newsroom's country: one strong vote among the text's own
            cast[_SOURCE_VOTE] = {cc: SOURCE_VOTE / len(source) for cc in source}
        votes = _CountryWeights(cast)
        countries = votes.without("")
        mentions = []
        readings: dict[tuple, tuple] = {}  # names repeat in a text: each reading is worked out once
        lowered = text.lower()  # most texts name no neighbourhood, district or held side: nothing to look at
        parts_named = any(w in lowered for w in _PART_WORDS)
        districts_named = " district" in lowered
        old_town = "Old City" in text or "Old Town" in text
        for c in names:
            literal = c.literal and not non_literal(tt, c.sentence, c)
            countries_for = votes.without(name_key(c.name))
            key = (c.query, c.name, c.kind, c.common, c.local, c.evidence, c.located, c.only_village, id(countries_for))
            reading = readings.get(key)
            if reading is None:
                reading = readings[key] = self._reading(c, countries_for)
            query, place, score, reason, alts, held, margin = reading
            kind = c.kind
            if c.again:
                reason = _NAMED_AGAIN
            if kind == "name" and (parts_named or districts_named or old_town) and (place is None or _abroad(place, countries) or (
                    place.precision == "admin1" and countries_for.get(place.country, 0.0) < 0.5)):  # (al-Shati, a Libyan district)
                if (_PART_WORD_AFTER_RE.match(text, c.end) or _PART_WORD_BEFORE_RE.search(text, max(0, c.start - 40), c.start)
                        # (not "several neighbourhoods of Shire": the parts of the town named)
                        and not _PARTS_OF_TOWN_BEFORE_RE.search(text, max(0, c.start - 60), c.start)
                        # "the Serb suburb of Vraca" is no town in Bulgaria
                        or place is not None and _abroad(place, countries) and _PART_WORD_OF_RE.match(text, c.start, c.end)
                        # "the hillside district of Siloe" in a story set in Cali: no namesake abroad
                        or place is not None and _abroad(place, countries)
                        and (_DISTRICT_BEFORE_RE.search(text, max(0, c.start - 40), c.start)
                             or _DISTRICT_OF_RE.match(text, c.start, c.end))
                        # "the al-Badu district" of an Arab city: a quarter (a country's district is no "al-" name abroad)
                        or _ARTICLE_NAME_RE.match(text, c.start) and _DISTRICT_AFTER_RE.match(text, c.end)):
                    # "the Zeitoun neighbourhood", "the residential neighbourhood of al-Hamdaniya": no town of its
                    # own (the namesake abroad is not it: "the Mayo neighbourhood in southern Khartoum" is no
                    # town in Maryland), a part of the city the text is in
                    kind, place, reason = "city part", None, "a part of a city the gazetteer lacks"
                elif _OLD_TOWN_RE.fullmatch(c.name):
                    # "the Old City" of a city abroad from the text (Mosul's, not Jerusalem's): which one is not said
                    kind, place, reason = "city part", None, _OLD_QUARTER
            mentions.append(_mention(c.start, c.end, text[c.start:c.end], query, c.sentence, literal, kind, place, score,
                                     reason, alts, held, margin))
        if "the old city" in lowered or "the old town" in lowered:
            mentions = _old_quarters_in_lower_case(doc, mentions)
        mentions = _parts_named_again(mentions, countries)
        if parts_named or " city" in lowered or " town" in lowered:
            mentions = _parts_of_towns(text, mentions, self.gazetteer)
        if any(w in text for w in _HELD_BY_WORDS):
            mentions = self._administered_by(text, mentions, votes)
        mentions = self._apply_listed_kinds(text, self._apply_appositions(text, mentions, votes), votes)
        divisions_of = _DivisionWeights(mentions)  # the divisions named: the containers step leaves them as they are
        mentions = self._apply_proximity(self._apply_containers(mentions, votes, divisions_of), votes, divisions_of)
        mentions = _one_village_per_name(mentions, divisions_of)
        if "known as" in lowered or "called" in lowered:
            mentions = _also_known_as(text, mentions)
        mentions = self._apply_distances(text, mentions, votes)
        if "river" in lowered or "bank" in lowered or "across the" in lowered or "delta" in lowered:
            mentions = _rivers(text, mentions)  # (before the parts of cities: a river is no city a part lies in)
        mentions = _apply_parts_of(text, _apply_city_parts(doc, _apply_same_name(mentions), self.gazetteer, countries))
        mentions = _quarters_at_their_points(mentions, self.gazetteer)
        mentions = _buildings_named_after(text, _far_villages(_far_skeletons(_strays_abroad(mentions, countries))), countries)
        if " city" in lowered or " port" in lowered or " town" in lowered:
            mentions = _epithets(text, mentions)
        if "air base" in lowered or "airbase" in lowered or "airfield" in lowered:
            mentions = self._air_bases_named(doc, mentions)
        if "airport" in lowered:
            mentions = self._airports_of_towns(text, mentions)
        if " border" in lowered or " communities" in lowered or " front" in lowered:
            mentions = _divisions_as_modifiers(text, mentions)
        mentions = _apply_parts_in_sentence(mentions)
        if any(w in lowered for w in _DIVISION_WORDS):
            mentions = _divisions_abroad(text, mentions, countries)
        if " capital" in lowered:
            mentions = self._capitals_by_demonym(text, mentions)
        doc.mentions = [self._labelled(m) for m in mentions if _worth_reporting(m)]
        if doc.trace is not None:  # explaining: the names set aside, with why
            doc.unplaced = [m for m in mentions if not _worth_reporting(m)]
        doc.countries = countries
        return doc

    def _capitals_by_demonym(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """"the Libyan capital", "the Ukrainian capital": the country's capital city, named by the country's
        people (not where the name follows: "the Syrian capital, Damascus")."""
        out = []
        for m in mentions:
            capital = _DEMONYM_CAPITAL_RE.match(text, m.end) if m.kind == "demonym" and m.place is not None else None
            name = _capital_names().get(m.place.country) if capital is not None else None
            if name:
                found = self.gazetteer.resolve(name, Context(countries={m.place.country: 1.0})).place
                if found is not None and found.country == m.place.country and found.precision == "locality":
                    end = capital.end()
                    m = _mention(m.start, end, text[m.start:end], name, m.sentence, True, "name", found, m.score,
                                 f"{_CAPITAL_OF} {m.place.name}, as the text calls it", (), frozenset(), m.margin)
            out.append(m)
        return out

    def _labelled(self, m: Mention) -> Mention:
        """``m`` with its :attr:`Mention.label` set (a resolved mention's only); labels are
        remembered across documents, as names and their readings repeat."""
        if m.place is not None:
            key = (m.kind, m.query, m.place.place_id)
            label = self._labels.get(key)
            if label is None:
                if len(self._labels) > RESOLUTION_MEMO_SIZE:
                    self._labels.clear()
                label = self._labels[key] = place_label(m, self.gazetteer)
            object.__setattr__(m, "label", label)
        return m

    def _lookup(self, query: str, countries: dict[str, float], divisions: dict | None = None,
                evidence: bool = False, villages: bool = True) -> Resolution:
        """Gazetteer resolution, remembered across documents: names repeat, and so do the
        contexts of a corpus about one conflict. ``evidence``: the words around say it is a place;
        ``villages``: the fallback layer of villages may answer (see :class:`Context`)."""
        divisions = divisions or {}
        if evidence:  # rare: remembered under a key of its own
            countries_key = countries.key if isinstance(countries, _Weights) else tuple(sorted(countries.items()))
            key = ("evidence", query, countries_key, tuple(sorted(divisions.items())))
            found = self._memo.get(key)
            if found is None:
                found = self._memo[key] = self.gazetteer.resolve(query, Context(countries, divisions, evidence=True))
            return found
        known = countries.memo_keys if isinstance(countries, _Weights) and not divisions else None
        key = known.get(query) if known is not None else None
        if key is None:
            relevant = self.gazetteer.context_key(query, countries, divisions)  # documents about other countries alike
            if relevant is None:
                countries_key = countries.key if isinstance(countries, _Weights) else tuple(sorted(countries.items()))
                relevant = ("whole", countries_key, tuple(sorted(divisions.items())))
            key = (query, relevant)
            if known is not None:
                known[query] = key
        if not villages:
            key = (*key, "no villages")
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self.gazetteer.resolve(query, Context(countries=countries, admin1=divisions,
                                                                            villages=villages))
        return found

    def _air_bases_named(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """"three air bases - Nevatim and Hatzerim": in a sentence about air bases, a village's name that an air base
        beside it bears is the air base."""
        sentences = _air_base_sentences(doc)
        out = []
        for m in mentions:
            p = m.place
            if p is not None and m.kind == "name" and m.literal and p.precision == "locality" and m.sentence in sentences:
                base = next((c.place for c in self.gazetteer.candidates(m.query, limit=5)
                             if c.place.precision == "site" and c.place.kind == "air base" and c.match == "name"
                             and distance_km(c.place.lat, c.place.lon, p.lat, p.lon) <= _AIR_BASE_KM), None)
                if base is not None:
                    m = m.placed_at(base, reason=f"the air base beside {p.name}, in a sentence about air bases")
            out.append(m)
        return out

    def _airports_of_towns(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """"the airport serving Taiz", "the airport of the port city of Hodeidah", "Taiz airport": a town's airport,
        which its own names may not call so (Ta'izz International Airport), is the one nearest the town."""
        out = []
        for m in mentions:
            p = m.place
            if (p is not None and m.literal and p.precision == "locality"
                    and (_AIRPORT_BEFORE_RE.search(text, max(0, m.start - 60), m.start) or _AIRPORT_AFTER_RE.match(text, m.end))):
                site = self.gazetteer.nearest_site(p.lat, p.lon, _AIRPORT_KINDS, _TOWN_AIRPORT_KM)
                if site is not None:
                    m = m.placed_at(site, reason=f"{_AIRPORT_OF} {p.name}, the one nearest it")
            out.append(m)
        return out

    def _reading(self, c: PlaceName, countries: dict[str, float]) -> tuple:
        """What a name in the text is: (query, place, score, reason, runners-up, divisions, margin)."""
        if c.kind == "city part":  # placed at its city once the text's places are known (_apply_city_parts)
            return c.query, None, 0.0, "a part of a city the gazetteer lacks", (), frozenset(), 9.0
        query = self.demonym_country_query(c) if c.kind == "demonym" else c.query
        # "Shia pilgrims", "a Tajik commander": the fallback layer's hamlets bear the names of peoples, faiths and
        # people, so one is read only where a word before the name says it is somewhere ("in X", "shelled X")
        villages = c.kind == "name" and c.located and not c.common
        res = self._lookup(query, countries, evidence=c.evidence, villages=villages) if query else None
        place, score, reason = None, 0.0, "stateless demonym"
        villages_in: frozenset = frozenset()
        if res is not None:
            place, score, reason = res.place, res.score, res.reason
            # A small town far from the document's countries needs more evidence; a
            # country, division or continent named outright does not, nor a region the news
            # names (the Golan Heights, Darfur: a curated list, no namesakes).
            elsewhere = (place is not None and place.country not in countries and not major_area(place)
                         and not (place.precision == "region" and place.place_id.startswith("strikemap:")))
            # A facility named in full ("Ben Gurion Airport") is its own evidence: no namesake town shares the name.
            named_site = (place is not None and place.precision == "site" and res.candidates[0].match == "name"
                          and any(w in _SITE_WORDS for w in query.lower().split()[1:]))
            needed = MIN_SCORE_ELSEWHERE if elsewhere and (countries or not c.evidence) and not named_site else MIN_SCORE
            if needed == MIN_SCORE_ELSEWHERE and borders(place.country, [cc for cc, w in countries.items() if w >= 0.5]):
                needed = MIN_SCORE_NEIGHBOUR
            if place is not None and c.only_village and place.source != VILLAGES:
                # "Jesus, Muhammad and Buddha": a name taken only as a village of the fallback layer is that or nothing
                place, reason = None, f"{c.name!r}{_VILLAGE_ONLY}, and reads as {res.place.name!r}"
            elif place is not None and elsewhere and res.candidates[0].match == "skeleton" and (countries or not c.evidence):
                # A spelling the gazetteer lacks is read as a known one only near the document.
                place, reason = None, f"{c.name!r} is spelled like {res.place.name!r}, which lies outside the text's countries"
            elif place is not None and res.candidates[0].match == "skeleton":
                reason = _BY_SKELETON  # (only near the text's other places: see _far_skeletons)
            elif place is not None and c.common and not major(place):
                place, reason = None, f"{c.name!r} is an everyday word, and {res.place.name!r} a small place"
            elif (place is not None and place.precision in ("admin1", "admin2", "region")
                  and countries.get(place.country, 0.0) < 0.5 and _DIRECTIONAL_NAME_RE.fullmatch(name_key(query))):
                # "rid the North-East of terrorists" in a story about Nigeria: no province of Singapore
                place, reason = None, f"{c.name!r} names a part of a country by its direction, and {res.place.name!r} lies abroad"
            elif (place is not None and place.precision in ("admin1", "admin2")
                  and countries.get(place.country, 0.0) < max(countries.values(), default=0.0)
                  and Query.parse(query).want == "locality"):
                # "the village of Kalungu" in a story about Congo: not the Ugandan district of that name (a country
                # the story names less)
                place, reason = None, f"the text names a town or village, and {res.place.name!r} is a division abroad"
            elif place is not None and score < needed and c.kind == "name":
                # "the Spera district" in a story about Afghanistan: not a hamlet in Italy, the reading in the
                # text's countries when it is a name match that scores as a place there would
                home = next((r for r in res.candidates[1:] if elsewhere and r.match in ("name", "village") and (
                    r.score >= MIN_SCORE and countries.get(r.place.country, 0.0) >= _HOME_WEIGHT
                    # ("the occupied Golan": the Golan Heights the news names, not a hamlet in Iran)
                    or r.place.precision == "region" and r.place.place_id.startswith("strikemap:"))), None)
                if home is not None:
                    place, score, reason = home.place, home.score, f"the best reading in the text's countries ({res.place.name!r} lies outside them)"
                    if home.match == "village":  # the division the text names says which village (see Gazetteer.resolve)
                        villages_in = frozenset(r.place.admin1_key for r in res.candidates if r.match == "village")
                else:
                    place, reason = None, f"best match {res.place.name!r} scores {score:.2f}, below {needed}"
            elif (place is not None and c.kind == "name" and place.precision == "locality" and place.population == 0
                  and _longer_name(place.name, query)
                  and countries.get(place.country, 0.0) < 1.0 <= max(countries.values(), default=0.0)):
                # "the northeastern town of Nasir" in a South Sudan story: not Khartoum's Nasir Extension, a
                # neighbourhood with no recorded population in a country the story names less
                place, reason = None, (f"{res.place.name!r} has no recorded population and lies outside the text's "
                                       f"main country")
            elif place is not None and c.kind == "embedded" and not major(place) and not (
                    c.local and countries.get(place.country, 0.0) >= 0.5 and score >= needed):
                place, reason = None, f"{res.place.name!r} is too small to be named inside another name"
            elif (place is not None and c.kind == "embedded" and place.precision in ("admin1", "locality", "site")
                  and countries.get(place.country, 0.0) < 0.5
                  and (place.precision == "admin1" or place.population < WORLD_CITY_POPULATION)):
                # "Macmillan Support Centre", "Federal University of Technology", "Human Rights Watch": a division
                # or town abroad read inside another name is a word of that name (Centre, Burkina Faso; Federal,
                # Brazil; Uman, Ukraine), unless the text is about its country or it is a city of millions
                # ("Istanbul Bilgi University").
                place, reason = None, f"{res.place.name!r} lies outside the text's countries, and is read inside another name"
            if place is None and self.online is not None and c.kind == "name" and res.place is None:
                name = Query.parse(query).name
                place = self.online.resolve(name, [cc for cc, w in countries.items() if w >= 0.5])
                reason = reason if place is None else "found online"
        alts, held, margin = (res.runners_up, res.divisions | villages_in, res.margin) if res else ((), frozenset(), 9.0)
        return query or c.name, place, score, reason, alts, held, margin

    def _administered_by(self, text: str, mentions: list[Mention], votes: _CountryWeights) -> list[Mention]:
        """"Pakistan-occupied Jammu and Kashmir": the side a country holds of a divided region, as the
        gazetteer names it (Azad Kashmir), not the other side that the bare name reads as."""
        out = mentions
        for i, m in enumerate(mentions):
            if m.place is None or m.place.precision not in ("admin1", "region"):
                continue
            held = _HELD_BY_RE.search(text, max(0, m.start - 30), m.start)
            if held is None:
                continue
            res = self._lookup(text[held.start():m.end], votes.without(name_key(m.query)))
            if res.place is not None and res.place.precision == m.place.precision and res.place.place_id != m.place.place_id:
                out = out if out is not mentions else list(mentions)
                out[i] = m.placed_at(res.place, res.score, f"the side {held.group(1)} holds")
        return out

    def demonym_country_query(self, c: PlaceName) -> str:
        """What a demonym names: a country by ISO code ("SY"), or a place by name ("Europe")."""
        target = self.demonyms.get(c.name, "")
        if len(target) == 2 and target.isupper():
            country = self.gazetteer.country_by_code(target)
            return country.name if country else ""
        return target

    def _apply_proximity(self, mentions: list[Mention], votes: _CountryWeights,
                         divisions_of: _DivisionWeights | None = None) -> list[Mention]:
        """Re-rank ambiguous towns by the towns the text places with confidence: a reading
        near the article's other places beats a namesake far away ("Parkland" beside "Broward").
        What the text says of divisions still counts, as it did in the containers step ("Pike County"
        in an article about Kentucky stays in Kentucky when an Ohio namesake lies nearer one of its
        towns). A division named is no anchor: its weight lifts the readings inside it already, and
        its point says little of nearness (the centre of Kentucky lies 130 km from an Ohio county)."""
        sure: dict[tuple[str, str], bool] = {}  # by query and reading: names repeat in a document
        anchors = []
        for m in mentions:
            if m.kind == "name" and m.place is not None and m.place.precision in ("locality", "site", "admin2"):
                key = (m.query, m.place.place_id)
                found = sure.get(key)
                if found is None:
                    found = sure[key] = self._sure(m, votes)
                if found:
                    anchors.append(m)
        points: dict[str, set[tuple[float, float]]] = {}  # anchor points by name key
        for a in anchors:
            points.setdefault(name_key(a.query), set()).add((a.place.lat, a.place.lon))
        weak = self._plausible_points(mentions, votes)
        if not points and len(weak) < 2:
            return mentions
        divisions_of = divisions_of or _DivisionWeights(mentions)
        winners: dict[tuple, Candidate | None] = {}  # by query and divisions: names repeat in a document
        near = PointSet((lat, lon, k) for k, pts in points.items() for lat, lon in pts)
        others = PointSet((lat, lon, k) for k, pts in weak.items() for lat, lon in pts)
        box = _union_box(near.box(3 * NEAR_KM), others.box(NEAR_KM))
        out = []
        for m in mentions:
            if (m.kind in _RERANKED_KINDS and m.place is not None and m.margin < (ANCHOR_MARGIN if points else W_WEAK)
                    and m.reason != _TOWN_BEFORE_DIVISION and m.place.precision in ("locality", "site", "admin2")):
                # (with no anchor, only where the other ambiguous names are read can tip the reading: a lead
                # over W_WEAK stands)
                divisions = divisions_of(m)
                key = (m.query, tuple(divisions.items()))
                if key not in winners:
                    winners[key] = self._nearest_reading(m.query, near, votes, m.place, divisions, others, box)
                best = winners[key]
                if best is not None and best.place.place_id != m.place.place_id and best.score >= MIN_SCORE:
                    m = m.placed_at(best.place, best.score)
            out.append(m)
        return out

    def _nearest_reading(self, query: str, near: PointSet, votes: _CountryWeights, current: Place,
                         divisions: dict | None = None, others: PointSet | None = None,
                         box: tuple[float, float, float, float] | None = None) -> Candidate | None:
        """The reading of ``query`` that wins once closeness to the other names' places counts; None
        when it lies no closer to them than ``current`` does (the reading the other steps made, with
        what the text says of divisions, stands then). ``near``: where the text's sure names are read,
        labelled by name key; ``others``: where its ambiguous names are (see :meth:`_plausible_points`);
        ``box``: a box outside which no reading is near either (None: no box)."""
        key = name_key(query)
        res = self._lookup(query, votes.without(key), divisions)
        top = res.candidates[0] if res.candidates else None
        if top is None or (top.place.place_id == current.place_id and not any(
                c.score >= top.score - W_NEAR for c in res.candidates[1:_READINGS_WEIGHED])):
            # No namesake scores close enough to overtake the reading held: nothing for nearness to decide.
            return None
        others = others if others is not None and others.has_other_than(key) else None
        if not near.has_other_than(key) and others is None:
            return None
        known: dict[str, float] = {}  # by place id: each reading is weighed a few times

        def closeness(place: Place) -> float:
            found = known.get(place.place_id)
            if found is None and box is not None and not (box[0] <= place.lat <= box[1] and box[2] <= place.lon <= box[3]):
                found = known[place.place_id] = 0.0  # most namesakes lie far from all the text's places
            if found is None:
                found = _closeness(place, near, key)
                if found < W_WEAK and others is not None and others.any_within(place.lat, place.lon, NEAR_KM, key):
                    found = W_WEAK
                known[place.place_id] = found
            return found

        # Only readings within W_NEAR of the best can overtake it; a village with no recorded population
        # overtakes a town of the same name only where it lies among the text's other places.
        # A reading the gazetteer put first over better-scored ones (a known town over a hamlet, a big
        # city over a small namesake) counts as scoring as well as they do: a namesake then overtakes it
        # only by lying among the text's other places (within NEAR_KM of one).
        top_score = max(c.score for c in res.candidates[:_READINGS_WEIGHED])
        promoted = top.score < top_score
        contenders = [c for c in res.candidates[:_READINGS_WEIGHED] if c.score >= top_score - W_NEAR
                      and not ((promoted or (c.place.precision == "locality" and c.place.population == 0
                                             and top.place.population >= KNOWN_TOWN_POPULATION))
                               and closeness(c.place) < W_NEAR)]
        if top not in contenders:
            contenders.insert(0, top)
        if len(contenders) <= 1:
            best = contenders[0] if contenders else None
        else:
            best = min(contenders, key=lambda c: (-((top_score if c is top else c.score) + closeness(c.place)),
                                                  c is not top, c.place.place_id))
        if best is not None and closeness(best.place) <= closeness(current):
            return None
        if (best is not None and not divisions and is_capital(current) and closeness(best.place) <= W_NEAR
                and best.place.population * _CAPITAL_RATIO < current.population):
            # "In Washington, some of the 60 Russian diplomats ...": the capital, in a London story too (but the
            # village beside the story's towns in "Worthing, Storrington and Washington")
            return None
        return best

    def _sure(self, m: Mention, votes: _CountryWeights) -> bool:
        """Whether a mention's reading is sure enough to anchor others: it leads the next by
        ANCHOR_MARGIN, or every reading that comes that close lies within NEAR_KM of it ("Kyiv",
        the city, and Kyiv, the division that is the city)."""
        if m.margin >= ANCHOR_MARGIN:
            return True
        ranked = self._lookup(m.query, votes.without(name_key(m.query))).candidates
        if not ranked or ranked[0].place.place_id != m.place.place_id:
            return False
        top = ranked[0]
        return all(distance_km(top.place.lat, top.place.lon, c.place.lat, c.place.lon) <= NEAR_KM
                   for c in ranked[1:] if c.score > top.score - ANCHOR_MARGIN)

    @staticmethod
    def _plausible_points(mentions: list[Mention], votes: _CountryWeights) -> dict[str, tuple[tuple[float, float], ...]]:
        """Where the text's ambiguous town names are read, by name key: too unsure to anchor others
        alone, two such readings side by side ("Riverdale" and "Morris County", both in New Jersey)
        still say where the story is."""
        out: dict[str, set[tuple[float, float]]] = {}
        for m in mentions:
            if (m.kind == "name" and m.place is not None and m.margin < ANCHOR_MARGIN
                    and m.place.precision in ("locality", "site", "admin2")):
                out.setdefault(name_key(m.query), set()).add((m.place.lat, m.place.lon))
        return {k: tuple(sorted(v)) for k, v in out.items()}

    def _apply_distances(self, text: str, mentions: list[Mention], votes: _CountryWeights) -> list[Mention]:
        """"the town of Martuni, about 30 km east of Stepanakert": the text says how far the place lies
        from another; a reading that far off (Martuni in Armenia) gives way to one that lies there
        (Martuni, the Karabakh town also called Khojavend)."""
        out = list(mentions)
        fixed: dict[str, tuple[str, Candidate]] = {}  # by name key: the reading given way, and the one the text says
        for i in range(len(out) - 1):
            m, ref = out[i], out[i + 1]
            if m.place is None or ref.place is None or m.kind != "name" or m.place.precision not in ("locality", "site"):
                continue
            said = _DISTANCE_APPOSITION_RE.fullmatch(text, m.end, ref.start)
            if said is not None:
                km = float(said.group(1).replace(",", "")) * (1.609 if said.group(2).lower().startswith("mile") else 1.0)
                reach, how = km * 1.5 + _DISTANCE_SLACK_KM, f"{km:g} km from {ref.text}"
            elif (text.startswith(",", m.end) and ref.literal and ref.place.precision in ("locality", "site")
                  and _DIRECTION_APPOSITION_RE.fullmatch(text, m.end, ref.start)):
                # "the port of Pivdennyi, east of Odesa": beside that city, not the Pivdennyi 300 km away
                reach, how = _BESIDE_REACH_KM, f"beside {ref.text}"
            else:
                continue
            if distance_km(m.place.lat, m.place.lon, ref.place.lat, ref.place.lon) <= reach:
                continue
            res = self._lookup(m.query, votes.without(name_key(m.query)))
            there = [c for c in res.candidates[:_READINGS_WEIGHED]
                     if distance_km(c.place.lat, c.place.lon, ref.place.lat, ref.place.lon) <= reach]
            if there:
                out[i] = m.placed_at(there[0].place, there[0].score, f"the reading {how}, as the text says")
                fixed.setdefault(name_key(Query.parse(m.query).name), (m.place.place_id, there[0]))
            elif said is None or distance_km(m.place.lat, m.place.lon, ref.place.lat, ref.place.lon) > _FAR_OFF * reach:
                # ("Al-Talh, about 12 km north of Saada": not the Al-Talh 400 km away, a place the gazetteer lacks)
                out[i] = m.placed_at(None, 0.0, f"no reading of {m.text!r} lies {how}, as the text says")
        # the same name elsewhere in the text, read the way given up: the place the text said ("the attacks on
        # Izmail, Odesa and Pivdennyi" after "Pivdennyi, the deep-water port about 30 km north-east of Odesa")
        for i, m in enumerate(out if fixed else ()):
            given = fixed.get(name_key(Query.parse(m.query).name)) if m.kind == "name" and m.place is not None else None
            if given is not None and m.place.place_id == given[0]:
                out[i] = m.placed_at(given[1].place, given[1].score, "the reading the text places elsewhere")
        return out

    def _apply_listed_kinds(self, text: str, mentions: list[Mention], votes: _CountryWeights) -> list[Mention]:
        """"the provinces of Hama, Idlib, Latakia and Deir al-Zour": the names listed after a
        plural division word are divisions too, not the towns that share their names."""
        out = list(mentions)
        for i, head in enumerate(out):
            if head.place is None or head.place.precision != "admin1":
                continue
            before, after = _LIST_HEAD_RE.match(head.query), _LIST_TAIL_RE.search(head.query)
            listed = before or after
            if listed is None:
                continue
            word = _SINGULAR.get(listed.group(1).lower(), "province")
            step = 1 if before else -1  # "the provinces of Hama, Idlib" / "Raqqa, Aleppo and Idlib provinces"
            j = i + step
            while (0 <= j < len(out) and out[j].sentence == head.sentence and out[j].kind == "name"
                   and _LIST_GAP_RE.fullmatch(text[min(out[j].end, out[j - step].end):max(out[j].start, out[j - step].start)])):
                m = out[j]
                if m.place is not None and m.place.precision != "admin1":
                    # "the frontline towns of Donetsk, Kharkiv and Zaporizhzhia oblasts": the towns lie in them
                    name = Query.parse(m.query).name
                    res = self._lookup(f"{word} of {name}", votes.without(name_key(name)))
                    if res.place is not None and res.place.precision == "admin1":
                        out[j] = m.placed_at(res.place, res.score, f"listed with {listed.group(0).strip()!r}")
                j += step
        return out

    def _apply_appositions(self, text: str, mentions: list[Mention], votes: _CountryWeights) -> list[Mention]:
        """"Tacoma, Washington", "Alexandria, Virginia": a name after a town and a comma is
        the division that holds it, when one of its readings is such a division."""
        out = list(mentions)
        for i in range(1, len(out)):
            town, area = out[i - 1], out[i]
            if (area.kind != "name" or town.kind != "name" or town.sentence != area.sentence
                    or text[town.end:area.start] != ", " or area.place is None):
                continue
            if area.place.precision == "country":  # "Bogota, Colombia"
                out[i - 1] = self._town_in_country(town, area.place, votes)
                continue
            if area.place.precision != "admin1":
                res = self._lookup(area.query, votes.without(name_key(area.query)))
                holding = [c for c in res.candidates if c.place.precision == "admin1" and c.place.admin1_key in town.candidate_divisions]
                if not holding or self._listed_cities(text, out, i, holding[0].place):
                    continue
                area = out[i] = area.placed_at(holding[0].place, holding[0].score, "the division written after a town it holds")
            out[i - 1] = self._town_in(town, area.place, votes)
        return out

    @staticmethod
    def _listed_cities(text: str, mentions: list[Mention], i: int, division: Place) -> bool:
        """"stops in Washington, New York and Boston": a list of towns, not a town and its division,
        when the list goes on after the second name, that name is a town before it is a division, and
        the first is a big city outside that division (BIG_CITY_POPULATION)."""
        town, area = mentions[i - 1], mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        listed = (nxt is not None and nxt.sentence == area.sentence and nxt.kind == "name"
                  and _LIST_GAP_RE.fullmatch(text[area.end:nxt.start]) is not None)
        return (listed and town.place is not None and town.place.precision == "locality"
                and town.place.population >= BIG_CITY_POPULATION and town.place.admin1_key != division.admin1_key)

    def _town_in_country(self, town: Mention, country: Place, votes: _CountryWeights) -> Mention:
        """"Bogota, Colombia", "Paris, France": the town written before a country is that country's
        when one of its readings lies there; no later step moves it."""
        if town.place is None or town.place.precision not in ("locality", "site", "admin2"):
            return town
        if town.place.country == country.country:
            return town.placed_at(town.place, reason=_TOWN_BEFORE_DIVISION)
        res = self._lookup(town.query, {country.country: 1.0})
        inside = next((c for c in res.candidates if c.place.country == country.country
                       and c.place.precision in ("locality", "site", "admin2")), None)
        return town if inside is None else town.placed_at(inside.place, inside.score, _TOWN_BEFORE_DIVISION)

    def _town_in(self, town: Mention, division: Place, votes: _CountryWeights) -> Mention:
        """"Lebanon, Tenn.": the town written before a division is that division's, whatever else
        its name names (a country, a bigger namesake), when one of its readings lies there."""
        if town.place is not None and town.place.admin1_key == division.admin1_key:
            return town.placed_at(town.place, reason=_TOWN_BEFORE_DIVISION)  # settled: no later step moves it
        if division.admin1_key not in town.candidate_divisions:
            return town
        res = self._lookup(town.query, votes.without(name_key(town.query)), {division.admin1_key: 1.0})
        inside = next((c for c in res.candidates if c.place.admin1_key == division.admin1_key and c.place.precision != "admin1"), None)
        return town if inside is None else town.placed_at(inside.place, inside.score, _TOWN_BEFORE_DIVISION)

    def _apply_containers(self, mentions: list[Mention], votes: _CountryWeights,
                          divisions_of: _DivisionWeights | None = None) -> list[Mention]:
        """Re-resolve places with the divisions the text names: fully for one named in the
        same sentence ("Qaryatain in Homs province"), partly for one named elsewhere in
        the document ("Alexandria" in an article that mentions Louisiana)."""
        divisions_of = divisions_of or _DivisionWeights(mentions)
        if not divisions_of.document:
            return mentions
        out = []
        for m in mentions:
            if (m.kind not in _RERANKED_KINDS or not m.candidate_divisions or m.reason == _TOWN_BEFORE_DIVISION
                    or (m.place is not None and m.place.precision == "admin1")):
                out.append(m)
                continue
            divisions = divisions_of(m)
            if divisions:
                countries = votes.without(name_key(m.query))
                better = self._lookup(m.query, countries, divisions)
                # A word of a longer name set aside as too small a place stays aside unless the division
                # makes it a major one ("Crossroads Correctional Center" holds no Powells Crossroads).
                # (and a village read already is no division of its name that the first reading set aside, "the village
                # of Kalungu" no Ugandan district, nor a town spelled only alike: Shire no Sheraro)
                if better.place is not None and better.score >= MIN_SCORE and not (
                        m.place is None and m.kind == "embedded" and not major(better.place)) and not (
                        (m.place is not None and m.place.source == VILLAGES or _VILLAGE_ONLY in m.reason)
                        and better.place.source != VILLAGES
                        # (but the town of that name in the division the text names does: "the Spera district of Khost")
                        and (better.candidates[0].match == "skeleton" or better.place.precision in ("admin1", "admin2"))):
                    m = m.placed_at(better.place, better.score)
            out.append(m)
        return out


class _DivisionWeights:
    """The divisions a text names, as weights for each of its mentions: 1 for one named in the
    mention's sentence, DOCUMENT_DIVISION_WEIGHT for one named elsewhere; only those that hold
    one of the mention's readings."""

    def __init__(self, mentions: list[Mention]):
        named = [m for m in mentions if m.literal and m.place is not None and m.place.precision == "admin1"]
        self.document = {m.place.admin1_key: DOCUMENT_DIVISION_WEIGHT for m in named}
        self.rank = {k: i for i, k in enumerate(self.document)}  # a sentence's weights keep the document's order
        # Each sentence's weights are built once: a sentence listing thousands of divisions
        # (a garbled page, a table) would otherwise cost the square of its length.
        self.in_sentence: dict[int, dict[str, float]] = {}
        for o in named:
            self.in_sentence.setdefault(o.sentence, dict(self.document))[o.place.admin1_key] = 1.0
        self._memo: dict[tuple[int, frozenset], dict[tuple[str, str], float]] = {}  # names repeat

    def __call__(self, m: Mention) -> dict[tuple[str, str], float]:
        if not self.document or not m.candidate_divisions:
            return {}
        weights = self.in_sentence.get(m.sentence, self.document)
        key = (id(weights), m.candidate_divisions)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = _among(weights, m.candidate_divisions, self.rank)
        return found

_SITE_WORDS = vocab.words("site_words")
_TOP_COUNTRIES = 8  # countries a document's weights name at most
_TOWN_BEFORE_DIVISION = "the town written before its division"  # "Lebanon, Tenn.": no later step moves it
# A plural division word before a list of names, and what may stand between the names.
_LIST_HEAD_RE = re.compile(r"^(?:the\s+)?(provinces|governorates|regions|states|districts|oblasts)\s+of\s", re.IGNORECASE)
_LIST_TAIL_RE = re.compile(r"\s(provinces|governorates|regions|states|districts|oblasts)$", re.IGNORECASE)
_SINGULAR = {"provinces": "province", "governorates": "governorate", "regions": "region", "states": "state",
             "districts": "district", "oblasts": "oblast"}
_LIST_GAP_RE = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def _among(weights: dict[str, float], keys: frozenset, rank: dict[str, int]) -> dict[str, float]:
    """The entries of ``weights`` whose key is in ``keys``, in ``weights``' order (``rank``)."""
    if len(weights) <= len(keys):
        return {k: w for k, w in weights.items() if k in keys}
    return {k: weights[k] for k in sorted((k for k in keys if k in weights), key=rank.__getitem__)}


def _strongest_first(row: tuple[str, float, int]) -> tuple[float, int]:
    return -row[1], row[2]


def _union_box(a: tuple[float, float, float, float] | None,
               b: tuple[float, float, float, float] | None) -> tuple[float, float, float, float] | None:
    """The smallest box that holds boxes ``a`` and ``b`` (see :meth:`PointSet.box`; None: no box)."""
    if a is None or b is None:
        return None
    if a[0] > a[1]:
        return b
    if b[0] > b[1]:
        return a
    return min(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3])


def _longer_name(name: str, query: str) -> bool:
    """The place's own name holds the name written and more: "Nasir Extension" for "Nasir"."""
    own, written = name_key(name).split(), name_key(Query.parse(query).name).split()
    return len(own) > len(written) and all(w in own for w in written)


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    """(country, name key) of each national capital (``data/countries.csv``)."""
    return frozenset((country, name_key(name)) for country, name in _capital_names().items())


def is_capital(place: Place) -> bool:
    """A country's capital, by ``data/countries.csv``."""
    return place.precision == "locality" and (place.country, name_key(place.name)) in _capitals()


_CAPITAL_RATIO = 10  # a capital keeps its name, by nearness alone, from a namesake a tenth its size


def _closeness(place: Place, near: PointSet, key: str) -> float:
    """Bonus for a reading close to the places the text already fixes (``near``), those of the
    name read (``key``) left out."""
    term = near.nearest_term(place.lat, place.lon, 3 * NEAR_KM, _BESIDE_KM, key)
    if term <= _BESIDE_TERM:  # beside one of them: "Nikopol, Marhanets and Pokrovske" (not the Pokrovske 140 km off)
        return W_NEAR + W_BESIDE
    return W_NEAR if term <= _NEAR_TERM else W_NEAR / 2 if term <= _FAIRLY_NEAR_TERM else 0.0


_BESIDE_KM, W_BESIDE = 30.0, 0.2
_BESIDE_TERM = haversine_term(_BESIDE_KM)


def _abroad(place: Place, countries: dict[str, float]) -> bool:
    """Whether ``place`` is a town or site in a country the text is little about (under half the
    weight of its main one), and no country, division or world city named outright."""
    return (countries.get(place.country, 0.0) < 0.5 and place.precision in ("locality", "site")
            and place.population < WORLD_CITY_POPULATION)


def _divisions_abroad(text: str, mentions: list[Mention], countries: dict[str, float]) -> list[Mention]:
    """"An airstrike in Kani Township" (Sagaing, Myanmar): a district or township the gazetteer lacks,
    not the namesake town that the reading found in a country the text is little about (Kani, Japan)."""
    return [m.placed_at(None, 0.0, f"{m.text!r} names a division, and {m.place.name!r} lies outside the text's countries")
            if m.kind == "name" and m.place is not None and m.place.precision == "locality" and _abroad(m.place, countries)
            and (_DISTRICT_AFTER_RE.match(text, m.end) or _DISTRICT_AFTER_RE.search(m.text)) else m
            for m in mentions]


def _rivers(text: str, mentions: list[Mention]) -> list[Mention]:
    """"Across the Volga river", "the banks of the river Dnipro": a river, not the town that shares its name
    (a reading that is no town, a river in a downloaded dump, stays)."""
    return [m.placed_at(None, 0.0, f"{m.text!r} names a river, and {m.place.name!r} is a {_KIND_NAMES[m.place.precision]}")
            if m.place is not None and m.kind == "name" and (
                m.place.precision in ("locality", "site")
                and (_RIVER_AFTER_RE.match(text, m.end) or _RIVER_BEFORE_RE.search(text, max(0, m.start - 20), m.start))
                # "the left bank of the Sava" is no region of Madagascar (but "across the Kharkiv region" is one)
                or m.place.precision in ("admin1", "admin2") and " " not in m.text
                and _BANK_BEFORE_RE.search(text, max(0, m.start - 20), m.start)) else m
            for m in mentions]


_KIND_NAMES = {"locality": "town", "site": "site", "admin1": "division", "admin2": "division"}
_BANK_BEFORE_RE = re.compile(r"\b(?:em)?bank(?:ment)?s?\s+of\s+the\s+$", re.IGNORECASE)


_RIVER_AFTER_RE = re.compile(r"\s+(?:river|delta|estuary)\b", re.IGNORECASE)
# (and "the right bank of the Dnipro", "across the Dnipro": a town takes no "the")
_RIVER_BEFORE_RE = re.compile(r"\b(?:the|a)\s+river\s+$|\b(?:em)?bank(?:ment)?s?\s+of\s+the\s+$|\bacross\s+the\s+$",
                              re.IGNORECASE)


_NAMED_AGAIN = "a part of a city the text names so elsewhere"




def _parts_named_again(mentions: list[Mention], countries: dict[str, float]) -> list[Mention]:
    """A name the text calls a part of a city ("the Mayo neighbourhood") is that part wherever else
    it is named ("civilian deaths in Mayo"), not the namesake abroad its reading found."""
    parts = {part_key(m.query) for m in mentions if m.kind == "city part"}
    if not parts:
        return mentions
    return [_mention(m.start, m.end, m.text, m.query, m.sentence, m.literal, "city part", None, 0.0,
                     _NAMED_AGAIN, m.alternatives, m.candidate_divisions, m.margin, m.label)
            if m.kind == "name" and m.place is not None and part_key(m.query) in parts and _abroad(m.place, countries)
            else m for m in mentions]


def _parts_of_towns(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A division's name before "camp", "neighbourhood" or "city" ("the Jenin refugee camp", "Tulkarm camp",
    "Jenin city") names the division's town of that name (or a part of it), not the division."""
    out = []
    for m in mentions:
        if (m.kind == "name" and m.place is not None and m.place.precision == "admin1"
                and (_PART_WORD_AFTER_RE.match(text, m.end) or _TOWN_WORD_AFTER_RE.match(text, m.end))):
            name = Query.parse(m.query).name
            town = next((c.place for c in gazetteer.candidates(name, limit=5)
                         if c.place.precision == "locality" and c.place.country == m.place.country
                         and (c.place.admin1 == m.place.admin1
                              or distance_km(c.place.lat, c.place.lon, m.place.lat, m.place.lon) < _TOWN_OF_DIVISION_KM)),
                        None)
            if town is not None:
                m = m.placed_at(town, reason=f"a part of {town.name}, the town its division is named after")
        out.append(m)
    return out


_TOWN_WORD_AFTER_RE = re.compile(r"\s+(?:city|town)\b(?!\s+of\b)", re.IGNORECASE)  # "Jenin city"
_TOWN_OF_DIVISION_KM = 40.0  # a division's town lies this near its point where their codes differ (Jenin's)


def _also_known_as(text: str, mentions: list[Mention]) -> list[Mention]:
    """"Shire, also known as Inda Selassie": one town under two names; a name read only by its consonants, or as a
    hamlet of the fallback layer, is the town its other name reads as outright."""
    aliases: dict[str, Place] = {}
    for first, second in zip(mentions, mentions[1:]):
        if (second.place is not None and second.kind == "name" and second.reason != _BY_SKELETON
                and second.place.precision in ("locality", "site") and _ALSO_KNOWN_AS_RE.fullmatch(text, first.end, second.start)
                and first.kind == "name" and _weakly_read(first)):
            aliases.setdefault(name_key(first.query), second.place)
    if not aliases:
        return mentions
    # (the name written alone elsewhere in the text is that town too)
    return [m.placed_at(aliases[key], reason=f"another name of {aliases[key].name}, as the text says")
            if m.kind == "name" and (key := name_key(m.query)) in aliases and _weakly_read(m) else m for m in mentions]


def _weakly_read(m: Mention) -> bool:
    """Unplaced, or read only by its consonants or as a hamlet of the fallback layer."""
    return m.place is None or m.reason == _BY_SKELETON or m.place.source == VILLAGES


_ALSO_KNOWN_AS_RE = re.compile(r",?\s+\(?(?:also\s+|locally\s+|sometimes\s+)?(?:known|called|spelled|spelt|written)\s+(?:as\s+)?")


def _old_quarters_in_lower_case(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"Four other rounds landed in the old town", "a house near the old city was struck": a city's old quarter
    written in lower case, a part of the city the text is in there (see :func:`_apply_city_parts`)."""
    taken = [(m.start, m.end) for m in mentions]
    starts = [s.start for s in doc.sentences]
    found = []
    for hit in _OLD_QUARTER_RE.finditer(doc.text):
        if any(s < hit.end() and hit.start() < e for s, e in taken) or not starts:
            continue
        si = max(0, bisect_right(starts, hit.start()) - 1)
        found.append(_mention(hit.start(), hit.end(), hit.group(), hit.group(), si, True, "city part", None, 0.0,
                              _OLD_QUARTER_WRITTEN, (), frozenset(), 0.0, ""))
    return sorted(mentions + found, key=lambda m: m.start) if found else mentions


# (not "the old city of Homs": the city named after it; nor "the old town's Bascarsija square", a possessive)
_OLD_QUARTER_RE = re.compile(r"(?<=\bthe )old (?:city|town)\b(?!\s+of\b|['’]s\b|\s+hall\b)")
_OLD_QUARTER_WRITTEN = "a city's old quarter, written in lower case"


def _one_village_per_name(mentions: list[Mention], divisions_of: "_DivisionWeights") -> list[Mention]:
    """A village's name read as several namesakes in one text is the one a sentence names the division of
    ("near Gangaw, in the northwest of Magway Region" ... "Resistance sources in Gangaw": not Sagaing's Gangaw)."""
    # (a bundled town's reading counts too: "in the Spera district of Khost province" ... "killed in Spera, he said"
    # is Khost's Spera, not a village of the name near Peshawar)
    if not any(m.place is not None and m.place.source == VILLAGES for m in mentions):
        return mentions
    readings: dict[str, dict[str, Place]] = {}
    villages = set()
    for m in mentions:
        if m.kind == "name" and m.place is not None:
            readings.setdefault(key := name_key(m.query), {})[m.place.place_id] = m.place
            if m.place.source == VILLAGES:
                villages.add(key)
    ambiguous = {key for key in villages if len(readings[key]) > 1}
    if not ambiguous:
        return mentions
    said: dict[str, set[str]] = {}  # by name key: the readings whose division a sentence naming them names too
    for m in mentions:
        if m.kind == "name" and (key := name_key(m.query)) in ambiguous and m.place is not None \
                and divisions_of(m).get(m.place.admin1_key, 0.0) >= 1.0:
            said.setdefault(key, set()).add(m.place.place_id)
    chosen = {key: readings[key][next(iter(ids))] for key, ids in said.items() if len(ids) == 1}
    return [m.placed_at(chosen[key], reason=f"{chosen[key].name} of the division the text names beside it")
            if m.place is not None and m.place.source == VILLAGES and (key := name_key(m.query)) in chosen
            and m.place.place_id != chosen[key].place_id else m for m in mentions]


def _apply_same_name(mentions: list[Mention]) -> list[Mention]:
    """A name inside another name is the place the text names that way elsewhere
    ("a car in Beverly Hills ... the Beverly Hills Police Department"), however small."""
    named = {name_key(m.query): m.place for m in mentions if m.kind == "name" and m.literal and m.place is not None}
    return [m.placed_at(named[key], reason="named as a place elsewhere in the text")
            if m.kind == "embedded" and m.place is None and (key := name_key(m.query)) in named else m
            for m in mentions]


def _divisions_as_modifiers(text: str, mentions: list[Mention]) -> list[Mention]:
    """A town's name before "border", "communities" or "front" is the region of that name the text
    names elsewhere ("the Sumy and Chernihiv regions ... fire on the Chernihiv border"), not the town."""
    divisions = {_DIVISION_NOUN_RE.sub("", name_key(m.query)): m.place for m in mentions
                 if m.literal and m.place is not None and m.place.precision == "admin1"}
    if not divisions:
        return mentions
    return [m.placed_at(divisions[key], reason="a region's name before 'border', 'communities' or 'front'")
            if m.place is not None and m.place.precision == "locality" and (key := name_key(m.query)) in divisions
            and divisions[key].country == m.place.country and _REGION_NOUN_AFTER_RE.match(text, m.end) else m
            for m in mentions]


_DIVISION_NOUN_RE = re.compile(r" (?:regions?|oblasts?|provinces?|governorates?)$")  # "chernihiv regions"
_REGION_NOUN_AFTER_RE = re.compile(r"\s+(?:border(?:lands?)?|border\s+areas?|communities|front(?:line)?)\b(?!\s+of\b)",
                                   re.IGNORECASE)


def _apply_parts_of(text: str, mentions: list[Mention]) -> list[Mention]:
    """"the Sahar district of Saada province": a part whose reading lies away from the place it is
    said to be part of is a namesake (a village near Sanaa); the part is placed at its container."""
    out = list(mentions)
    moved: dict[str, Place] = {}  # the namesake read -> the container the text says
    for i in range(len(mentions) - 1):
        first, second = mentions[i], mentions[i + 1]
        gap = text[first.end:second.start]
        if _PART_OF_RE.fullmatch(gap) or (not gap.strip() and _PART_OF_RE.match(" " + second.text.lower())):
            k, part, whole = i, first, second
        elif (_IN_DISTRICT_RE.fullmatch(gap) and _DISTRICT_OR_AREA_AFTER_RE.match(text, second.end) and first.place is not None
              and second.place is not None and second.place.precision in ("locality", "admin2")
              and first.place.precision == "locality"):
            # "Serhiivka in Bilhorod-Dnistrovskyi district": a village of that district ("the village of al-Rawda, in the
            # Bir al-Abed area": of the town's area, not a namesake 120 km away)
            k, part, whole = i, first, second
        elif (second.kind == "name" and second.place is not None and second.place.precision in ("admin1", "admin2")
              and _TOWN_DIVISION_GAP_RE.fullmatch(gap) and not _list_goes_on(text, mentions, i + 1)
              and (first.place.precision == "locality" and first.place.country != second.place.country
                   if first.place is not None else first.kind == "name")):
            # "Rockingham, Northamptonshire", "Kani, Sagaing Region": a town the gazetteer reads abroad, or
            # set aside as too small a place abroad, is one it lacks in the division written after it
            k, part, whole = i, first, second
        elif (_OWNED_RE.fullmatch(gap) and first.place is not None and first.place.precision in ("locality", "admin1")
              and second.place is not None):
            # "Mogadishu's Lido Beach": no beach in New York; "Sagaing Region's Kani Township": no town in Japan;
            # "Kherson's Dniprovskyi district": not Kyiv's (a part is placed at its owner only when read far from it)
            k, part, whole = i + 1, second, first
        else:
            continue
        if part.kind != "name" or whole.place is None or whole.place.precision not in _CONTAINER_PRECISIONS:
            continue
        p, w = part.place, whole.place
        reach = _DISTRICT_KM if k == i and _IN_DISTRICT_RE.fullmatch(gap) else _PART_KM
        if p is not None and p.precision == "admin2" and w.precision == "admin1" and p.country == w.country:
            reach = _DISTRICT_IN_PROVINCE_KM  # "the Barmal district of Paktika province": a district, anywhere in it
        if p is None or (p.place_id != w.place_id and not (w.precision == "admin1" and p.admin1_key == w.admin1_key)
                         and distance_km(p.lat, p.lon, w.lat, w.lon) > reach):
            out[k] = part.placed_at(whole.place, reason=f"a part of {whole.place.name}, as the text says")
            if p is not None and not part.reason.startswith("a part of"):  # (the namesake's own reading, not a city)
                moved[p.place_id] = whole.place
    if moved:  # the namesake read elsewhere in the text ("Kani town") is the same part
        out = [m.placed_at(moved[m.place.place_id], reason="a part of a place, as the text says elsewhere")
               if m.place is not None and m.place.place_id in moved and m.kind != "demonym" else m for m in out]
    return out


def _list_goes_on(text: str, mentions: list[Mention], i: int) -> bool:
    """Whether another name follows ``mentions[i]`` in a list ("Paris, Kent and Essex")."""
    nxt = mentions[i + 1] if i + 1 < len(mentions) else None
    return (nxt is not None and nxt.sentence == mentions[i].sentence
            and _LIST_GAP_RE.fullmatch(text[mentions[i].end:nxt.start]) is not None)


# "X district of Y", "X neighbourhood of Y" (Y's own words may hold "district of": "district of Saada province").
_PART_OF_RE = re.compile(r"\s+(?:district|neighbou?rhood|quarter|suburb)\s+of\s+(?:the\s+)?", re.IGNORECASE)
_CONTAINER_PRECISIONS = ("locality", "admin2", "admin1")
_PART_WORD_AFTER_RE = re.compile(r"(?:['’]?s)?\s+(?:neighbou?rhoods?|quarters?|suburbs?|microdistricts?|(?:refugee\s+)?camps?)\b(?!\s+of\b)",
                                 re.IGNORECASE)
_HELD_BY_WORDS = ("-occupied", "-administered", "-controlled", "-held")
_PART_APPOSITION_RE = re.compile(r"(?:\s+and\s+(?:al-|el-)?[A-Z][\w'’-]*(?:\s+(?:al-|el-)?[A-Z][\w'’-]*){0,2})?,\s+"
                                 r"(?:a|an|the|two|three|four|several|both)\s+(?:[\w-]+\s+){0,4}?"
                                 r"(?:neighbou?rhoods?|districts?|quarters?|suburbs?)\b")
_CLAUSE_MARK_RE = re.compile(r"[,;.!?]")  # where an apposition ends
# A town's airport: "the airport serving Taiz", "the airport of the Red Sea port city of Hodeidah", "Taiz airport".
_AIRPORT_BEFORE_RE = re.compile(r"\bairport\s+(?:serving|of|outside|near|in)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?$", re.IGNORECASE)
# ("Port Sudan's international airport" is left to the town: the text goes on about the town it owns)
_AIRPORT_AFTER_RE = re.compile(r"\s+(?:international\s+)?airport\b", re.IGNORECASE)
_AIRPORT_KINDS = frozenset(("airport",))
_AIRPORT_OF = "the airport of"
_TOWN_AIRPORT_KM = 30.0
_OLD_QUARTER = "a city's old quarter: not the namesake abroad"
_OLD_TOWN_RE = re.compile(r"(?:the\s+)?Old\s+(?:City|Town)", re.IGNORECASE)
_ARTICLE_NAME_RE = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|ad-Dar)-[A-Z]", re.IGNORECASE)  # "al-Badu"
_PART_WORDS = ("neighbourhood", "neighborhood", "quarter", "suburb", "microdistrict", "camp")  # (the regexes' words)
_DIVISION_WORDS = ("district", "raion", "rayon", "county", "tehsil", "township", "municipality", "hromada")
_HELD_BY_RE = re.compile(r"\b([A-Z][a-z]+)-(?:occupied|administered|controlled|held)\s+\Z")
# "the residential neighbourhood of al-Hamdaniya": the name that follows is the part's own
_DISTRICT_OF_RE = re.compile(r"districts?\s+of\s+", re.IGNORECASE)  # a mention that holds the words: "district of Siloe"
_DISTRICT_BEFORE_RE = re.compile(r"\bdistricts?\s+of\s+(?:the\s+)?\Z", re.IGNORECASE)
_PART_WORD_BEFORE_RE = re.compile(r"\b(?:neighbou?rhoods?|quarters?|suburbs?)\s+of\s+(?:the\s+)?\Z", re.IGNORECASE)
_PARTS_OF_TOWN_BEFORE_RE = re.compile(r"\b(?:several|many|some|various|all|other|multiple|numerous|most|two|three|four|five|"
                                      r"six|\d+)\s+(?:[\w-]+\s+)?(?:neighbou?rhoods|quarters|suburbs|districts)\s+of\s+"
                                      r"(?:the\s+)?\Z", re.IGNORECASE)
# "Serhiivka in Bilhorod-Dnistrovskyi district": a place in the district a town names, which lies this near the town.
_IN_DISTRICT_RE = re.compile(r",?\s+in\s+(?:the\s+)?")
_DISTRICT_NOUNS = "district|raion|rayon|county|tehsil|township|municipality|hromada"
_DISTRICT_AFTER_RE = re.compile(rf"\s+(?:{_DISTRICT_NOUNS})\b", re.IGNORECASE)
_DISTRICT_KM = 80.0
_DISTRICT_IN_PROVINCE_KM = 250.0  # a district said to be a province's lies this near the province's point, at most
_DISTRICT_OR_AREA_AFTER_RE = re.compile(rf"\s+(?:{_DISTRICT_NOUNS}|area)\b", re.IGNORECASE)
# "Rockingham, Northamptonshire", "the town of Léré, in the region of Timbuktu" (the mention may hold "region of")
_TOWN_DIVISION_GAP_RE = re.compile(r",\s+(?:in\s+(?:the\s+)?(?:(?:region|province|governorate|state|department|district|"
                                   r"county|oblast|prefecture)\s+of\s+)?)?")
_OWNED_RE = re.compile(r"['’]s\s+")  # a city's own part: "Mogadishu's Lido Beach"
_PART_KM = 40.0  # a city's part lies this near its point; a province's, by the text's word, anywhere in it


def _apply_parts_in_sentence(mentions: list[Mention]) -> list[Mention]:
    """"In the city of Zaporizhzhia, a drone hit a house in the Shevchenkivskyi district": a district the
    gazetteer places far from the city its sentence names before it (Kyiv's district of that name) is that
    city's part, placed at the city."""
    out = list(mentions)
    for i, m in enumerate(mentions):
        if (m.kind != "name" or m.place is None or m.place.precision != "locality"
                or not m.text.endswith(_PART_NAME_ENDS)):
            continue
        # (the city named as one: "in the city of Zaporizhzhia", not "In Peshawar, ... in Bannu district")
        city = next((o for o in reversed(mentions[:i]) if o.sentence == m.sentence and o.literal and o.kind == "name"
                     and o.place is not None and o.place.precision == "locality" and _CITY_OF_RE.match(o.text)
                     and o.place.population >= _CITY_WITH_PARTS), None)
        if city is not None and distance_km(m.place.lat, m.place.lon, city.place.lat, city.place.lon) > _PART_KM:
            out[i] = m.placed_at(city.place, reason=f"a part of {city.place.name}, the city its sentence names")
    return out


_PART_NAME_ENDS = tuple(f" {w}" for word in ("district", "neighbourhood", "neighborhood", "quarter", "microdistrict")
                        for w in (word, word.capitalize()))
_CITY_WITH_PARTS = 100_000  # a city large enough to have named districts


def _epithets(text: str, mentions: list[Mention]) -> list[Mention]:
    """"a week of drone strikes on the Red Sea city": a sea or a division naming the kind of town, with no name after
    it, is the town the text named last in it (Port Sudan, in Red Sea State), not the sea or the division."""
    out = list(mentions)
    for i, m in enumerate(mentions):
        p = m.place
        if (p is None or m.kind != "name" or p.precision not in ("admin1", "macroregion", "region")
                or not _EPITHET_AFTER_RE.match(text, m.end) or not text[max(0, m.start - 4):m.start].lower() == "the "):
            continue
        town = next((o.place for o in reversed(out[:i]) if o.place is not None and o.literal and o.kind == "name"
                     and o.place.precision == "locality" and m.sentence - o.sentence <= _EPITHET_SENTENCES
                     and (o.place.admin1_key == p.admin1_key if p.precision == "admin1"
                          else distance_km(o.place.lat, o.place.lon, p.lat, p.lon) <= _EPITHET_KM)), None)
        if town is not None:
            out[i] = m.placed_at(town, reason=f"the {town.name} the text names before, called a {p.name} town")
    return out


_EPITHET_AFTER_RE = re.compile(r"\s+(?:port\s+)?(?:city|port|town)\b(?!\s+of\b)(?!['’]s)", re.IGNORECASE)
_EPITHET_SENTENCES = 3  # sentences back to the town an epithet stands for
_EPITHET_KM = 600.0  # from a sea's or a region's point to a town on it


def _air_base_sentences(doc: Doc) -> set[int]:
    return {i for i, sent in enumerate(doc.sentences) if _AIR_BASE_WORD_RE.search(sent.text)}


_AIR_BASE_WORD_RE = re.compile(r"\b(?:air ?bases?|airbases?|airfields?)\b", re.IGNORECASE)
_AIR_BASE_KM = 30.0  # an air base named after the village beside it lies this near


def _far_skeletons(mentions: list[Mention]) -> list[Mention]:
    """A name read by its consonants alone is that place only near the text's other places: one lying far
    from every town the text names is a namesake, and the name one the gazetteer lacks."""
    if not any(m.reason == _BY_SKELETON for m in mentions):
        return mentions
    towns = [m.place for m in mentions if m.place is not None and m.reason != _BY_SKELETON and m.literal
             and m.place.precision in ("locality", "site")]
    distinct = {t.place_id: t for t in towns}
    if len(distinct) < _SKELETON_NEIGHBOURS:
        return mentions
    out = []
    for m in mentions:
        if m.reason == _BY_SKELETON and m.place is not None and m.place.precision in ("locality", "site") and not any(
                distance_km(m.place.lat, m.place.lon, t.lat, t.lon) <= _SKELETON_REACH_KM
                for t in distinct.values() if t.place_id != m.place.place_id):
            m = m.placed_at(None, reason=f"{m.text!r} is spelled like {m.place.name!r}, which lies far from the text's "
                                         f"other places")
            object.__setattr__(m, "label", "")
        out.append(m)
    return out


def _far_villages(mentions: list[Mention]) -> list[Mention]:
    """A village of the fallback layer is the one meant only near the text's other places: within
    _VILLAGE_REACH_KM of a town, site or division it names (a division's point), or inside a division it names. One far from all of
    them is a namesake ("Maydan" in a story about Mosul's old city: a hamlet in the south), and the name a
    place the gazetteer lacks. A text that names no such place leaves its villages be."""
    if not any(m.place is not None and m.place.source == VILLAGES for m in mentions):
        return mentions
    anchors = {m.place.place_id: m.place for m in mentions if m.place is not None and m.literal
               and m.place.source != VILLAGES and m.place.precision in ("locality", "site", "admin1", "admin2")}
    divisions = {m.place.admin1_key for m in mentions if m.place is not None and m.place.precision in ("admin1", "admin2")}
    if not anchors and not divisions:
        return mentions
    out = []
    for m in mentions:
        p = m.place
        if p is not None and p.source == VILLAGES and p.admin1_key not in divisions and not any(
                distance_km(p.lat, p.lon, a.lat, a.lon) <= _VILLAGE_REACH_KM for a in anchors.values()):
            m = m.placed_at(None, reason=f"{m.text!r} reads as the village {p.name!r}, which lies far from the text's "
                                         f"other places")
            object.__setattr__(m, "label", "")
        out.append(m)
    return out


_VILLAGE_REACH_KM = 200.0  # (Jebel Marra's villages lie 130 km from El Fasher)
_BY_SKELETON = "read by its consonants"
_VILLAGE_ONLY = " was taken as a village only"  # (a name recognised only as a village of the fallback layer: that or nothing)
_SKELETON_NEIGHBOURS = 2  # other towns the text names, to tell where it is
_SKELETON_REACH_KM = 300.0  # ("Noshki, about 150 km west of Quetta": remote places lie far apart)


def _strays_abroad(mentions: list[Mention], countries: dict[str, float]) -> list[Mention]:
    """"the Arbat agricultural airfield, south-east of Sulaymaniyah" in a story about Iraq: not Arbat in Armenia. A
    small town in a country the text hardly names, whose own sentence names towns of the text's main countries, all
    far from it, is a place the gazetteer lacks; so is the same reading wherever else the text names it."""
    if not countries:
        return mentions
    strays: set[str] = set()
    for m in mentions:
        p = m.place
        if (p is None or not m.literal or p.precision != "locality" or p.population >= _STRAY_POPULATION
                or countries.get(p.country, 0.0) >= 0.5 or p.place_id in strays):
            continue
        home = [o.place for o in mentions if o.sentence == m.sentence and o is not m and o.literal and o.place is not None
                and o.place.precision in ("locality", "site") and o.place.country != p.country
                and countries.get(o.place.country, 0.0) >= 0.5]
        if home and all(distance_km(p.lat, p.lon, o.lat, o.lon) > _STRAY_KM for o in home):
            strays.add(p.place_id)
    if not strays:
        return mentions
    return [_mention(m.start, m.end, m.text, m.query, m.sentence, m.literal, m.kind, None, 0.0,
                     f"{m.place.name!r} ({m.place.country}) lies far from the places the text names with it",
                     m.alternatives, m.candidate_divisions, m.margin)
            if m.place is not None and m.place.place_id in strays else m for m in mentions]


def _buildings_named_after(text: str, mentions: list[Mention], countries: dict[str, float]) -> list[Mention]:
    """"the Ouagadougou conference centre" in Sirte, "the Paris hotel" in Kabul: a town abroad from the text, right
    before the word for a building, names the building, not the town."""
    if not countries:
        return mentions

    if not any(m.literal and m.kind == "name" and m.place is not None and _BUILDING_AFTER_RE.match(text, m.end)
               for m in mentions):
        return mentions  # (most texts: no name before a building's word, nothing to work out)
    top = max(countries.values())
    names_in: dict[str, set[str]] = {}  # by country: the names the text has read there
    for m in mentions:
        if m.place is not None:
            names_in.setdefault(m.place.country, set()).add(name_key(m.query))

    def abroad(m: Mention) -> bool:
        # (a country named only by this name is no country the text is about, whatever the name's own votes)
        return (m.literal and m.kind == "name" and m.place is not None and m.place.precision == "locality"
                and (countries.get(m.place.country, 0.0) < 0.5 or countries.get(m.place.country, 0.0) < top
                     and names_in.get(m.place.country) == {name_key(m.query)}))

    # (and the same name alone elsewhere: "Lido beach" in Mogadishu, then "Lido, popular with families")
    named = {name_key(m.query) for m in mentions if abroad(m) and _BUILDING_AFTER_RE.match(text, m.end)}
    if not named:
        return mentions
    return [_mention(m.start, m.end, m.text, m.query, m.sentence, False, "embedded", m.place, m.score,
                     f"names a building ({m.place.name} lies in a country the text is not about)", m.alternatives,
                     m.candidate_divisions, m.margin)
            if abroad(m) and name_key(m.query) in named else m
            for m in mentions]


_BUILDING_AFTER_RE = re.compile(r"\s+(?:conference\s+|convention\s+|exhibition\s+|shopping\s+|business\s+)?(?:centre|center|"
                                r"hall|hotel|stadium|street|square|avenue|tower|palace|hospital|mosque|church|cinema|"
                                r"theatre|theater|restaurant|club|mall|building|beach|bazaar|roundabout|junction)\b",
                                re.IGNORECASE)


_CAMP_AFTER_RE = re.compile(r"\s+(?:(?:refugee|displacement|displaced|IDP)\s+)?camps?\b", re.IGNORECASE)


def _town_of_camp(doc: Doc, mentions: list[Mention], i: int, countries: dict[str, float]) -> Place | None:
    """The town a camp's sentence names before it: a literal locality of the text's countries, no dateline nor a
    place a direction or a distance is taken from."""
    part = mentions[i]
    towns = [m.place for m in mentions[:i] if m.sentence == part.sentence and m.literal and m.kind == "name"
             and m.place is not None and m.place.precision == "locality" and countries.get(m.place.country, 0.0) >= 0.5
             and not (m.text.isupper() and opens_line(doc.text, m.start))
             and not _REFERENCE_BEFORE_RE.search(doc.text, max(0, m.start - 40), m.start)
             and not _VENUE_BEFORE_RE.search(doc.text, max(0, m.start - 40), m.start)]
    return towns[-1] if towns else None


# A direction away from a place right after a district: "the Nihm district east of the city".
_AWAY_AFTER_RE = re.compile(r",?\s+(?:(?:about|some|around|roughly|nearly|just)\s+)?(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
                            r"(?:north|south|east|west)(?:-?(?:east|west))?\s+of\b", re.IGNORECASE)
_STRAY_POPULATION = 20_000  # a town this small abroad needs the text's places around it
_STRAY_KM = 300.0


def _quarters_at_their_points(mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A part of a city placed at its city ("the western suburb of Dobrinja", Sarajevo) is placed at its own point
    where the fallback layer holds a place of that name within _QUARTER_REACH_KM of the city: GeoNames' section of it."""
    out = []
    for m in mentions:
        city = m.place
        if m.kind == "city part" and city is not None and city.precision == "locality":
            rows = gazetteer.index.rows_by_fallback_name(part_key(m.query))
            near = sorted((distance_km(q.lat, q.lon, city.lat, city.lon), q.place_id, q)
                          for q in map(gazetteer.index.place, rows) if q.country == city.country)
            if near and near[0][0] <= _QUARTER_REACH_KM:
                m = m.placed_at(near[0][2], reason=f"{near[0][2].name}, a part of {city.name}")
        out.append(m)
    return out


_QUARTER_REACH_KM = 15.0  # (as far as a section of a town lies from it: gazetteer.user.SECTION_REACH_KM)


def _apply_city_parts(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer,
                      countries: dict[str, float]) -> list[Mention]:
    """A part of a city the gazetteer lacks ("the western Sviatoshynskyi district") is placed at the
    city the text is about there: the city said right after it ("the al-Jadida neighbourhood in
    western Mosul"), else the last city named before it in its paragraph, else in the paragraph
    before, else the dateline's. Only a city large enough to have named districts. Districts listed
    in a sentence that names a region and no city are placed at the region; a part named again
    where it was placed before."""
    if not any(m.kind == "city part" for m in mentions) and not (
            (any(w in doc.text for w in _PART_WORDS[:4] + ("district",)) or _RESIDENTIAL_AREA_RE.search(doc.text))
            and any(_town_called_a_part(doc.text, m, gazetteer) for m in mentions)):
        return mentions
    out = list(mentions)
    placed: dict[str, Place] = {}
    moved: dict[str, Place] = {}  # a namesake town's id -> the city it is a part of here
    for i, m in enumerate(mentions):
        if _town_called_a_part(doc.text, m, gazetteer):
            # "the al-Rawdah neighbourhood in the city" (Taiz): a town of that name 200 km away is a namesake
            if _holder_named_near(doc, mentions, m, gazetteer) or _OWNER_BEFORE_RE.search(doc.text, max(0, m.start - 60),
                                                                                       m.start):
                # "in Injil district, just outside Herat": the district of the city it lies by; "Kherson's
                # Dniprovskyi district": its owner places it (_apply_parts_of)
                continue
            city = _city_after(doc.text, out, i, gazetteer) or _city_before(doc, out, i, gazetteer, countries)
            if city is None and _CITY_DISTRICT_RE.search(m.text):
                # "KHERSON CITY ... In the Dniprovskyi district, along the riverfront": the city the text is about (the
                # one whose district has the name is not named near it)
                city = _city_written_most(doc.text, out, countries, dateline=False, besides=m.place)
            # (the city of another country the text is about is not the part's: "the X neighbourhood" is in the
            # country of its namesake town, or that town lies in a country the text hardly names)
            if (city is not None and (city.country == m.place.country or not any(
                    o is not m and o.place is not None and o.place.country == m.place.country for o in mentions))
                    and distance_km(m.place.lat, m.place.lon, city.lat, city.lon) > _PART_REACH_KM):
                out[i] = m.placed_at(city, reason=f"a part of {city.name}, the city the text is in (not the town "
                                                  f"{m.place.name} {distance_km(m.place.lat, m.place.lon, city.lat, city.lon):.0f} km away)")
                placed.setdefault(part_key(m.query), city)
                moved.setdefault(m.place.place_id, city)
            continue
        if m.kind != "city part" or m.reason == _NAMED_AGAIN:
            continue
        owner = out[i - 1] if i else None
        if (owner is not None and owner.place is not None and owner.place.precision == "locality"
                and _OWNED_RE.fullmatch(doc.text, owner.end, m.start)):
            # "Mosul's Old City", "Gaza City's Rimal neighbourhood": the city that owns it
            out[i] = m.placed_at(owner.place, reason=f"a part of {owner.place.name}, as the text says")
            placed.setdefault(part_key(m.query), owner.place)
            continue
        city = _city_after(doc.text, out, i, gazetteer)
        earlier = placed.get(part_key(m.query))
        if city is None and earlier is not None:
            # the region's districts named again ("In the Millerovsky and Kamensky districts, all the drones ..."),
            # a city's district named again ("the shelling of the Korabelnyi district") where a city named between
            # is only where someone speaks ("Prosecutors in Kherson say")
            out[i] = m.placed_at(earlier, reason=f"a part of {earlier.name}, as the text names it before")
        elif city is not None:
            out[i] = m.placed_at(city, reason=f"a part of {city.name}, the city named after it")
        elif m.reason == _OLD_QUARTER_WRITTEN:
            # the town its own sentence names ("residents of Zabid said a house near the old city was struck"), else
            # the city of its paragraph, else the one the text is about ("SARAJEVO - ... rounds landed in the old town")
            own = [o.place for o in out[:i] if o.sentence == m.sentence and o.kind == "name" and o.literal
                   and o.place is not None and o.place.precision == "locality" and countries.get(o.place.country, 0.0) >= 0.5
                   and not (o.text.isupper() and opens_line(doc.text, o.start))]
            paragraph = {m.sentence, *doc.paragraph_before(m.sentence, 50)}
            near = [o.place for o in out[:i] if o.sentence in paragraph and o.kind == "name" and o.literal
                    and o.place is not None and o.place.precision == "locality"
                    and countries.get(o.place.country, 0.0) >= 0.5 and not (o.text.isupper() and opens_line(doc.text, o.start))
                    and not _VENUE_BEFORE_RE.search(doc.text, max(0, o.start - 40), o.start)]
            city = own[-1] if own else near[-1] if near else _city_written_most(doc.text, out, countries)
            if city is not None:
                out[i] = m.placed_at(city, reason=f"the old quarter of {city.name}")
        elif m.reason == _OLD_QUARTER:
            # every old city has one: the city the text says it is of ("Mosul's Old City"), or the one its paragraph,
            # or the paragraph before, names ("MOSUL - ... troops closed in on the compound in the Old City")
            city = _city_written_most(doc.text, out, countries)
            if city is not None:
                out[i] = m.placed_at(city, reason=f"the old quarter of {city.name}, the city the text names most")
        elif _AWAY_AFTER_RE.match(doc.text, m.end):
            pass  # "the mountainous Nihm district east of the city": outside the city named before
        elif _CAMP_AFTER_RE.match(doc.text, m.end) and (town := _town_of_camp(doc, out, i, countries)) is not None:
            # "the outskirts of Kutum and the edge of the Kassab camp": a camp lies by the town its sentence named
            # before it, however small (not the dateline's city)
            out[i] = m.placed_at(town, reason=f"a camp by {town.name}, named before it")
            city = town
        elif (city := _city_before(doc, out, i, gazetteer, countries, own_sentence=True)) is not None:
            out[i] = m.placed_at(city, reason=f"a part of {city.name}, named before it")
        elif (city := _only_city_before(doc, out, i, countries)) is not None:
            out[i] = m.placed_at(city, reason=f"a part of {city.name}, the one city the text has named")
        elif _CITY_DISTRICT_RE.search(m.text) and (city := _dateline_city(doc.text, out, countries)) is not None:
            # "A third and fourth struck the Industrialnyi district" (KHARKIV, Ukraine (Reuters) - ...): a city's
            # district by its form, in the city the story is filed from (no city named: no guess)
            out[i] = m.placed_at(city, reason=f"a district of {city.name}, the dateline's city")
        if city is not None:
            placed.setdefault(part_key(m.query), city)
    if moved:  # the namesake town named again elsewhere in the text ("Residents of Dniprovskyi told ...")
        out = [o.placed_at(moved[o.place.place_id], reason="a part of a city, as the text names it elsewhere")
               if o.place is not None and o.place.place_id in moved and o.kind in ("name", "embedded") else o for o in out]
    for i, m in enumerate(mentions):  # named again: where the text called it a part ("deaths in Mayo")
        if m.kind == "city part" and m.reason == _NAMED_AGAIN and (city := placed.get(part_key(m.query))) is not None:
            out[i] = m.placed_at(city, reason=f"a part of {city.name}, as the text names it elsewhere")
    return out


def _holder_named_near(doc: Doc, mentions: list[Mention], m: Mention, gazetteer: Gazetteer) -> bool:
    """Whether the city a district reading lies in is named in the district's paragraph."""
    holder = gazetteer.city_holding(m.place, _HOLDING_CITY, _DISTRICT_REACH_KM)
    if holder is None:
        return False
    paragraph = {m.sentence, *doc.paragraph_before(m.sentence, 50), *doc.paragraph_after(m.sentence, 50)}
    return any(o.place is not None and o.place.place_id == holder.place_id and o.sentence in paragraph for o in mentions)


def _town_called_a_part(text: str, m: Mention, gazetteer: Gazetteer) -> bool:
    """A name the gazetteer reads as a town though the text calls it a neighbourhood or quarter
    ("the al-Rawdah neighbourhood"), or as a district of another city ("the Dniprovskyi district" in
    Kherson, not Kyiv's): a part of the city the text is in, unless the town lies by that city."""
    if m.kind != "name" or m.place is None or m.place.precision != "locality":
        return False
    listed = _LISTED_PARTS_RE.match(text, m.end)  # "the Shevchenkivskyi, Khortytskyi and Oleksandrivskyi districts"
    if _NEIGHBOURHOOD_AFTER_RE.match(text, m.end) is not None or listed and not listed.group(1).lower().startswith("district"):
        return True
    apposed = _PART_APPOSITION_RE.match(text, m.end)
    if apposed is not None and apposed.group().lower().endswith(_TOWN_PART_WORDS):
        # "Bel Air, the hillside neighbourhood just above downtown Port-au-Prince" (a "district" may be a country's
        # division, a "suburb" a town of its own: "Darayya, the besieged suburb southwest of the capital")
        return True
    named_district = (_DISTRICT_AFTER_RE.match(text, m.end) is not None or m.text.lower().endswith(" district")
                      or listed is not None)
    # (a district named with an adjective, "the Shevchenkivskyi district", is a city's, not a raion named after a town)
    # (but "the Bilhorod-Dnistrovskyi district" names the town of that name: a reading by the name itself stays)
    adjectival = (_ADJECTIVAL_DISTRICT_RE.search(m.text) is not None
                  and name_key(m.place.name) != name_key(_DISTRICT_WORD_RE.sub("", m.text)))
    return named_district and (adjectival or gazetteer.city_holding(m.place, _HOLDING_CITY, _DISTRICT_REACH_KM) is not None)


_TOWN_PART_WORDS = ("neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods", "quarter", "quarters")
_DIRECTIONAL_NAME_RE = re.compile(r"(?:the )?(?:(?:north|south|east|west|central|middle|upper|lower|far)(?:ern)?[ -]?){1,2}"
                                  r"(?: (?:region|zone|province|state))?")
# A city's district by its adjectival form ("the Industrialnyi district", "the Kyivskyi district"), not a country's
# division ("the Kurram district")
_CITY_DISTRICT_RE = re.compile(r"(?:s?k[yi]y?i?|nyi|nyy|niy|ny)\s+district\b", re.IGNORECASE)
_ADJECTIVAL_DISTRICT_RE = re.compile(r"(?:skyi|skyy|skiy|sky|ski)\b(?=\s+district\b|\s*$)", re.IGNORECASE)
_DISTRICT_WORD_RE = re.compile(r"^(?:the\s+)?|\s+district$", re.IGNORECASE)
_OWNER_BEFORE_RE = re.compile(r"[A-Z][\w-]*['’]s\s+(?:the\s+)?\Z")
_RESIDENTIAL_AREA_RE = re.compile(r"residential (?:areas?|districts?|quarters?|estates?)|housing estates?")
_NEIGHBOURHOOD_AFTER_RE = re.compile(r"\s+(?:neighbou?rhoods?|quarters?|suburbs?|microdistricts?|residential (?:areas?|districts?|"
                                     r"quarters?|estates?)|housing estates?)\b(?!\s+of\b)",
                                     re.IGNORECASE)
# the rest of a list of parts named by one plural after it: ", Khortytskyi and Oleksandrivskyi districts"
_LISTED_PARTS_RE = re.compile(r"(?:\s*,\s*[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*)?)*,?\s+(?:and|or)\s+[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*)?"
                              r"\s+(districts|neighbou?rhoods|quarters|suburbs|microdistricts)\b")
_PART_REACH_KM = 25.0  # a town this near the city may be the part's own name (a suburb grown into it)
_CITY_OF_ITS_OWN = 1_000_000  # a town this large is no district of a city beside it
_DISTRICT_REACH_KM = 12.0  # a city's district the gazetteer holds as a town lies this near its centre
_HOLDING_CITY = 500_000  # ... of a city this large (Kyiv's Dniprovskyi; not Marjayoun, a district town by Nabatieh)
_MAIN_CITY_MENTIONS = 3  # times a story names the city it is about, at least
_MAIN_CITY_POPULATION = 20_000
_CITY_OF_RE = re.compile(r"\bcity of\b", re.IGNORECASE)


# "the al-Jadida neighbourhood in western Mosul", "the Mayo neighbourhood of southern Khartoum"
# (and a list of parts: "the al-Hamdaniyah neighbourhood and the New Aleppo area of Aleppo city")
_PART_WORD_OF_RE = re.compile(r"(?:the\s+)?(?:[\w'’-]+\s+){0,2}?(?:neighbou?rhood|quarter|suburb|district)\s+of\s", re.IGNORECASE)
_PART_OF_BEFORE_RE = re.compile(r"\b(?:neighbou?rhood|quarter|suburb|district)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_PART_WORD_END_RE = re.compile(r"\s(?:neighbou?rhoods?|quarters?|suburbs?|districts?|microdistricts?)$", re.IGNORECASE)
_IN_CITY_RE = re.compile(r",?\s+(?:in|of)\s+(?:the\s+)?(?:[\w'’-]+\s+)?")
_PART_IN_CITY_RE = re.compile(r"(?:,\s+(?:a|an|the|two|three|four|several|both)(?:\s+[\w'’-]+){0,4}?)?"  # ", the island"
                              r"\s+(?:neighbou?rhoods?|quarters?|suburbs?|districts?|microdistricts?)"
                              r"(?:\s+and\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}(?:neighbou?rhoods?|quarters?|areas?|districts?))?"
                              r"\s+(?:in|of)\s+(?:the\s+)?"
                              r"(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west|centre|center|heart|edge|outskirts)(?:ern)?"
                              r"\s+(?:part\s+)?of\s+(?:the\s+)?)?",
                              re.IGNORECASE)  # (and "in the south of Gaza City")


def _city_after(text: str, mentions: list[Mention], i: int, gazetteer: Gazetteer) -> Place | None:
    """The city a part named at ``mentions[i]`` is said to lie in right after it ("the al-Jadida
    neighbourhood in western Mosul"), however little else the text is about that city's country."""
    part = mentions[i]
    for nxt in mentions[i + 1:i + 4]:  # (a name inside the list may come first: "New Aleppo")
        if nxt.sentence != part.sentence:
            break
        said = _PART_IN_CITY_RE.match(text, part.end, nxt.end)  # (the mention may hold the words: "area of Aleppo")
        if said is None and (_PART_WORD_OF_RE.match(part.text) or _PART_WORD_END_RE.search(part.text)
                             or _PART_OF_BEFORE_RE.search(text, max(0, part.start - 20), part.start)):
            # "the district of Grbavica in Sarajevo", "the neighbourhood of Bab al-Nairab in eastern Aleppo": the part word said
            said = _IN_CITY_RE.match(text, part.end, nxt.end)
        if said is not None and nxt.start <= said.end() < nxt.end and nxt.place is not None and nxt.literal:
            # (the text says whose part it is: a town however small, "the island neighbourhood of Kherson")
            return _city_of(nxt.place, nxt.query, gazetteer) or (nxt.place if nxt.place.precision == "locality" else None)
    apposition = _PART_APPOSITION_RE.match(text, part.end)
    if apposition is not None:  # "Gogjali, the eastern district that was the first part of Mosul retaken ..."
        stop = _CLAUSE_MARK_RE.search(text, apposition.end())
        end = stop.start() if stop else len(text)
        for nxt in mentions[i + 1:i + 4]:
            if nxt.start >= end or nxt.sentence != part.sentence:
                break
            if nxt.place is not None and nxt.literal and nxt.place.precision == "locality":
                return _city_of(nxt.place, nxt.query, gazetteer) or nxt.place
    return None


def _only_city_before(doc: Doc, mentions: list[Mention], i: int, countries: dict[str, float]) -> Place | None:
    """The one large city the text has named before a part it calls a neighbourhood ("Kallaseh, a
    neighbourhood on the front line that has split the city"), when it has named no other: the
    city the story is in, though named only once ("the rebel-held east of Aleppo")."""
    part = mentions[i]
    if _DISTRICT_PART_RE.search(part.text):  # (a "district" may be a country's division: "the Kurram district")
        return None
    cities = {m.place.place_id: m.place for m in _towns_named_before(doc, mentions, i, countries)
              if m.place.population >= _ONLY_CITY_POPULATION}
    return next(iter(cities.values())) if len(cities) == 1 else None


def _towns_named_before(doc: Doc, mentions: list[Mention], i: int, countries: dict[str, float]) -> list[Mention]:
    """The towns the text names as themselves before ``mentions[i]``, in a country it is about (not a dateline's)."""
    return [m for m in mentions[:i] if m.place is not None and m.literal and m.kind == "name"
            and m.place.precision == "locality" and countries.get(m.place.country, 0.0) >= 0.5
            and not (m.text.isupper() and opens_line(doc.text, m.start))]


_ONLY_CITY_POPULATION = 100_000  # a city with named neighbourhoods


_SPEECH_BETWEEN_RE = re.compile(r"\b(?:said|says|say|told|tells|reported|reports|announced|according)\b")


def _dateline_city(text: str, mentions: list[Mention], countries: dict[str, float]) -> Place | None:
    """The large city of the dateline the text opens a line with ("KHARKIV, Ukraine, May 3 (Reuters) -"), if any."""
    return next((m.place for m in mentions if m.kind == "name" and m.place is not None and m.place.precision == "locality"
                 and m.place.population >= _MAIN_CITY_POPULATION and countries.get(m.place.country, 0.0) >= 0.5
                 and m.text.isupper() and opens_line(text, m.start)), None)


def _city_written_most(text: str, mentions: list[Mention], countries: dict[str, float],
                       dateline: bool = True, besides: Place | None = None) -> Place | None:
    """The large city the text names most often (by the words it writes for it), if one does: the city
    an "Old City" with no owner named is the old quarter of ("MOSUL - ... the compound in the Old City")."""
    written: dict[str, tuple[Place, set[str]]] = {}
    for m in mentions:
        if (m.kind == "name" and m.place is not None and m.place.precision == "locality"
                and m.place.population >= _MAIN_CITY_POPULATION and countries.get(m.place.country, 0.0) >= 0.5
                and (besides is None or m.place.place_id != besides.place_id)):
            if m.text.isupper() and opens_line(text, m.start):
                if dateline or not text[m.end:text.find("\n", m.end) % (len(text) + 1)].strip():
                    return m.place  # the dateline's: the city the story is told from; a section's heading ("KHERSON CITY")
                continue  # (a district's city is the one the story names, not where it was filed: "KYIV - ... Odesa")
            written.setdefault(m.place.place_id, (m.place, set()))[1].add(Query.parse(m.query).name)
    # (whole words: "Kyiv" is not counted in "the Kyivskyi district")
    counts = sorted(((sum(len(re.findall(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)) for w in words), place.place_id)
                     for place, words in written.values()), reverse=True)
    if not counts or len(counts) > 1 and 2 * counts[0][0] < 3 * counts[1][0]:
        return None  # (no city, or two named about as often: which one's is not plain)
    return written[counts[0][1]][0]


def _city_before(doc: Doc, mentions: list[Mention], i: int, gazetteer: Gazetteer,
                 countries: dict[str, float], own_sentence: bool = False) -> Place | None:
    """The city a part named at ``mentions[i]`` belongs to (see :func:`_apply_city_parts`); a region
    named instead stands for its city of the same name ("the Kharkiv region ... the city's")."""
    si = mentions[i].sentence
    paragraph = {si, *doc.paragraph_before(si, 50)}
    first = min(paragraph)
    previous = set(doc.paragraph_before(first - 1, 50)) | {first - 1} if first > 0 else set()
    cities = [(m, city) for m in mentions[:i] if m.place is not None
              and (m.literal and m.kind == "name" or m.kind in ("name", "embedded")
                   and _RESIDENTS_OF_RE.search(doc.text, max(0, m.start - 20), m.start))  # "Residents of Kharkiv say"
              and not _WATER_AFTER_RE.match(doc.text, m.end)  # "the Dnipro river" is no city
              and not _VENUE_BEFORE_RE.search(doc.text, max(0, m.start - 40), m.start)  # nor where someone spoke
              and not _REFERENCE_BEFORE_RE.search(doc.text, max(0, m.start - 40), m.start)  # nor "60 km west of Mosul"
              and not _FAR_AFTER_RE.match(doc.text, m.end)  # nor "in Mosul, 60 km (40 miles) to the east"
              and countries.get(m.place.country, 0.0) >= 0.5  # not where a reaction came from ("in London")
              and (city := _city_of(m.place, m.query, gazetteer)) is not None]
    part = mentions[i]
    district = (_DISTRICT_PART_RE.search(part.text) is not None  # but "the capital's Shoub district" is the city's
                and not _CITYS_RE.search(doc.text, max(0, part.start - 30), part.start))
    if _DISTRICT_LIST_RE.match(doc.text, part.start):
        # "the Rostov region governor ... repelled in the Millerovsky and Kamensky districts": districts listed
        # where the sentence names a region and no city are the region's, not the parts of its city
        region = [m for m in mentions[:i] if m.sentence == si and m.literal and m.place is not None
                  and m.place.precision in ("admin1", "locality", "admin2", "site")]
        if region and all(m.place.precision == "admin1" for m in region):
            return region[-1].place

    def moved_on(m: Mention, city: Place) -> bool:
        """Whether the story names places away from a dateline's city after it: "ISLAMABAD - ... Barmal,
        Paktika ... the Kurram district" (a district is as often a country's division as a city's)."""
        return district and m.text.isupper() and opens_line(doc.text, m.start) and any(
            o.literal and o.place is not None and o.start > m.end
            and (o.place.precision in ("locality", "admin2", "site") and o.place.place_id != city.place_id
                 or o.place.precision == "admin1" and o.place.admin1_key != city.admin1_key)
            for o in mentions[:i])

    # "In the southern city of Rafah, ... in the western Tal as-Sultan neighbourhood": a town the sentence itself
    # names and calls a city, though smaller than a city with districts
    called_city = [m.place for m in mentions[:i] if m.sentence == si and m.literal and m.place is not None
                   and m.place.precision == "locality" and _CITY_OF_RE.search(m.query)
                   and countries.get(m.place.country, 0.0) >= 0.5]
    if called_city:
        return called_city[-1]
    if _CITYS_RE.search(doc.text, max(0, part.start - 30), part.start):
        # "Kherson had another sleepless night. ... shelled the city's Korabelnyi district": the town the paragraph
        # names, though the gazetteer counts fewer people in it than a city with districts
        # (its own sentence's city even where it stands for the officials in it: "officials in occupied Donetsk said
        # Ukrainian forces had shelled the city's Kyivskyi and Kuibyshevskyi districts")
        towns = [m.place for m in mentions[:i] if m.sentence in paragraph and (m.literal or m.sentence == si)
                 and m.kind == "name" and m.place is not None and m.place.precision == "locality"
                 and m.place.population >= _MAIN_CITY_POPULATION and countries.get(m.place.country, 0.0) >= 0.5]
        if towns:
            return towns[-1]
    if own_sentence and not any(m.sentence == si for m, _ in cities):
        # "at least eight strikes hit Baalbek itself, one of them landing in the Sheikh Abdullah neighbourhood": the
        # town its own sentence names, before a bigger city the paragraph or the dateline names
        towns = [m.place for m in mentions[:i] if m.sentence == si and m.literal and m.kind == "name"
                 and m.place is not None and m.place.precision == "locality"
                 and m.place.population >= _MAIN_CITY_POPULATION and countries.get(m.place.country, 0.0) >= 0.5
                 and not _VENUE_BEFORE_RE.search(doc.text, max(0, m.start - 40), m.start)
                 and not _REFERENCE_BEFORE_RE.search(doc.text, max(0, m.start - 40), m.start)
                 and not _FAR_AFTER_RE.match(doc.text, m.end) and not _WATER_AFTER_RE.match(doc.text, m.end)
                 # (not where the source speaks from: "The Health Ministry in Ramallah said ... the Damaj neighbourhood";
                 # but witnesses' own town: "residents of Zabid said a house near the old city was struck")
                 and (not _SPEECH_BETWEEN_RE.search(doc.text, m.end, part.start)
                      or _RESIDENTS_OF_RE.search(doc.text, max(0, m.start - 20), m.start))]
        if towns:
            return towns[-1]
    # (a district is as often a country's division as a city's: only its own paragraph's city holds it)
    for sentences in (paragraph,) if district else (paragraph, previous):
        near = [(m, city) for m, city in cities if m.sentence in sentences]
        if near:
            return None if moved_on(*near[-1]) else near[-1][1]
    # "... the eastern districts of al-Kifah and al-Nour, ... the city's western approaches": the town the story
    # names as "the city", however few people the gazetteer counts in it (Tal Afar), when the last it named is one
    sentence = doc.sentences[si]
    if _THE_CITY_RE.search(sentence.text):
        towns = [m.place for m in _towns_named_before(doc, mentions, i, countries) if not _FAR_AFTER_RE.match(doc.text, m.end)
                 and not _REFERENCE_BEFORE_RE.search(doc.text, max(0, m.start - 40), m.start)]
        if towns and len({t.place_id for t in towns[-_LAST_TOWNS:]}) == 1:
            return towns[-1]
    # A dateline: the city in capitals that opens a paragraph ("KYIV, July 10 (Reuters) -").
    dateline = [(m, city) for m, city in cities if m.text.isupper() and opens_line(doc.text, m.start)]
    if dateline:
        return None if moved_on(*dateline[0]) else dateline[0][1]
    # A headline's one city: "LIVE: Deadly attack on Mogadishu's Lido Beach" ... "the nearby Wadajir district"
    headline = {city.place_id: city for m, city in cities if m.sentence == 0 and _is_headline(doc)}
    if len(headline) == 1:
        return next(iter(headline.values()))
    # The city the story is about: named far more often than any other ("Kherson" six times, "Kyiv" once), when
    # no other town is named in the part's sentence ("In Rafah, ... the Tal al-Sultan neighbourhood": Rafah's,
    # though smaller than a city with districts), and the part is no district a country may have ("the Kurram
    # district"; but "the Dniprovskyi district", Kyiv's, in a story about Kherson, is a city's)
    if district and part.place is None:
        return None
    named = Counter(m.place.place_id for m in mentions if m.place is not None and m.kind == "name"
                    and m.place.precision == "locality").most_common(2)
    if not named or named[0][1] < _MAIN_CITY_MENTIONS or len(named) > 1 and named[0][1] < 2 * named[1][1]:
        return None
    main = next(m.place for m in mentions if m.place is not None and m.place.place_id == named[0][0])
    # (a smaller city than a part's city elsewhere must be: GeoNames gives wartime Kherson 66,000 people)
    if main.population < _MAIN_CITY_POPULATION or countries.get(main.country, 0.0) < 0.5:
        return None
    towns_in_sentence = {m.place.place_id for m in mentions[:i] if m.place is not None and m.literal
                         and m.place.precision == "locality" and m.sentence == si}
    return main if towns_in_sentence <= {main.place_id} else None


def _is_headline(doc: Doc) -> bool:
    """Whether the text's first sentence is the article's title."""
    title = doc.title.strip()
    return bool(title and doc.sentences) and title.startswith(doc.sentences[0].text.strip()[:_TITLE_PREFIX])


_TITLE_PREFIX = 30


# ", about 30 km east of ", ", some 20 miles (32 km) north-west of the city of ": a distance and a direction.
_FAR_OFF = 4  # a reading this many times farther than the text says is no reading of the place
_DISTANCE_APPOSITION_RE = re.compile(
    # (what kind of place it is may come first: "the Al-Talh market area, about 12 km north of Saada")
    r"(?:\s+(?:market|area|camp|village|town|district|neighbou?rhood|base|port|plant|station|complex|site|field|airport|"
    r"refinery|dam|bridge|checkpoint|crossing)){0,3}"
    r",?\s+(?:(?:about|some|around|roughly|approximately|nearly|almost|just|over|under|more than|less than)\s+)?"
    r"(\d[\d,]*(?:\.\d+)?)\s*(km|kilomet(?:er|re)s?|miles?)\s+(?:\([^)]{1,20}\)\s+)?"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)"
    r"(?:ern)?\s+of\s+(?:the\s+)?(?:(?:city|town|village|capital)\s+of\s+)?", re.IGNORECASE)
_DISTANCE_SLACK_KM = 25.0  # what "about 30 km" may be off by, and the size of the places
# "Pivdennyi, east of Odesa", "Kibumba, just north of Goma": a direction with no distance
_DIRECTION_APPOSITION_RE = re.compile(
    r",\s+(?:(?:just|some|a few|few)\s+(?:\w+\s+)?)?"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)"
    r"(?:ern)?\s+of\s+(?:the\s+)?(?:(?:city|town|village|capital|port)\s+of\s+)?", re.IGNORECASE)
_BESIDE_REACH_KM = 200.0  # how far "east of X", with no distance, may lie from X
_RESIDENTS_OF_RE = re.compile(r"\b(?:residents|inhabitants|people|citizens)\s+(?:of|in)\s+\Z", re.IGNORECASE)
_DISTRICT_LIST_RE = re.compile(r"(?:[\w'’-]+(?:,\s+|,?\s+and\s+))*[\w'’-]+\s+(?:districts|raions|rayons)\b")
_DISTRICT_PART_RE = re.compile(r"\bdistricts?\b", re.IGNORECASE)
_CITYS_RE = re.compile(r"\b(?:city|capital|town)['’]s\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# Where someone spoke or is based holds no district the text goes on to name: "ISPR said in Rawalpindi".
_VENUE_BEFORE_RE = re.compile(r"\b(?:said|says|told|speaking|spoke|announced|based|headquartered|met|meeting|"
                              r"briefing|reporters)\s+(?:\w+\s+){0,4}(?:in|from)\s+(?:the\s+)?$"
                              # "the defence ministry in Kabul said": where a source sits
                              r"|\b(?:ministry|ministries|government|office|headquarters|embassy|presidency)\s+(?:in|from)\s+$",
                              re.IGNORECASE)


# A city named only as the point another place lies from: "Tal Afar, 60 km west of Mosul"
_REFERENCE_BEFORE_RE = re.compile(r"\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
                                  r"\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?\Z", re.IGNORECASE)
_FAR_AFTER_RE = re.compile(r",\s*(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+)?\d[\d,.]*\s*-?\s*"
                           r"(?:km|kilomet(?:re|er)s?|miles?)\b", re.IGNORECASE)
_THE_CITY_RE = re.compile(r"\bthe city\b", re.IGNORECASE)
_LAST_TOWNS = 3  # towns named last that must all be one for "the city" to be plain
_SITE_OF_CITY_KM = 40.0  # a site named after its city lies this near it ("Deir ez-Zor military airport")


def _city_of(place: Place, query: str, gazetteer: Gazetteer) -> Place | None:
    """``place`` if it is a city with districts; for a first-level division, its city of the same name; for
    a site, the city its name starts with."""
    if place.precision == "locality":
        if place.population < CITY_WITH_DISTRICTS:
            return None
        # a city's own district the gazetteer holds as a town (Kharkiv's "Saltivka", 300,000 people): that city
        holding = gazetteer.city_holding(place, _HOLDING_CITY, _DISTRICT_REACH_KM) if (
            place.population < _CITY_OF_ITS_OWN) else None
        return holding or place
    if place.precision == "site":  # "the Deir ez-Zor military airport ... the Joura neighbourhood of the city"
        words = Query.parse(query).name.split()
        for n in range(len(words) - 1, 0, -1):
            town = next((c.place for c in gazetteer.candidates(" ".join(words[:n]), limit=5)
                         if c.place.precision == "locality" and c.place.country == place.country
                         and c.place.population >= CITY_WITH_DISTRICTS
                         and distance_km(c.place.lat, c.place.lon, place.lat, place.lon) < _SITE_OF_CITY_KM), None)
            if town is not None:
                return town
        return None
    if place.precision != "admin1":
        return None
    name = Query.parse(query).name
    return next((c.place for c in gazetteer.candidates(name, limit=5)
                 if c.place.precision == "locality" and c.place.country == place.country
                 and c.place.admin1 == place.admin1 and c.place.population >= CITY_WITH_DISTRICTS), None)


def place_label(m: Mention, gazetteer: Gazetteer) -> str:
    """The name a reader of English news knows a mention's place by: the article's own spelling
    when the mention names the place ("Hama" for Ḩamāh, "Khan Younis" for Khān Yūnis; "northern Homs"
    for the northern part of Ḩimş), else the gazetteer's English name or its name in plain letters
    (a demonym's country, an abbreviation, a name written in capitals)."""
    place = m.place
    if place is None:
        return ""
    # (not the airport a town's name led to, nor the capital a country's)
    if m.kind in ("name", "embedded") and not m.reason.startswith((_AIRPORT_OF, _CAPITAL_OF)):
        query = gazetteer.parse_query(m.query)
        if _written_plainly(query.name):
            if query.direction and "#" in place.place_id:
                word = query.direction if query.direction == "central" else f"{query.direction}ern"
                return f"{word} {query.name}"
            if "#" not in place.place_id:
                return query.name
    return place.readable_name


def _written_plainly(name: str) -> bool:
    """A name as a reader would write it: not in capitals ("ALEPPO", "US"), no abbreviation ("U.S."), no line break."""
    return (0 < len(name) <= 60 and any(c.isalpha() for c in name) and not name.isupper() and "." not in name
            and "\n" not in name)


def _worth_reporting(m: Mention) -> bool:
    """Unresolved bare names were only guesses; a name the text calls a place is kept."""
    if m.place is not None:
        return True
    query = Query.parse(m.query)
    return m.kind == "name" and bool(query.want or query.direction)


_WATER_AFTER_RE = re.compile(r"\s+(?:river|sea|lake|canal|bay|reservoir|estuary|delta)\b", re.IGNORECASE)
# A city with named districts: smaller towns' quarters are rarely news.
CITY_WITH_DISTRICTS = 100_000

_default_parser: Geoparser | None = None


def town_airport(m: Mention) -> Mention:
    """``m``, a town, placed at the town's airport (the one nearest it, in the default gazetteer), if it has one."""
    if m.place is None or m.place.precision != "locality":
        return m
    gazetteer = _default().gazetteer
    site = gazetteer.nearest_site(m.place.lat, m.place.lon, _AIRPORT_KINDS, _TOWN_AIRPORT_KM)
    if site is None:
        return m
    moved = m.placed_at(site, reason=f"{_AIRPORT_OF} {m.place.name}, the one nearest it")
    object.__setattr__(moved, "label", place_label(moved, gazetteer))
    return moved


_CAPITAL_OF = "the capital of"
# "the Libyan capital" (not "the Syrian capital, Damascus", "the Ukrainian capital Kyiv", "capital punishment")
_DEMONYM_CAPITAL_RE = re.compile(r"\s+capital\b(?!\s*,?\s*[A-Z])(?!\s+(?:punishment|city\s+[A-Z]|markets?|gains?|"
                                 r"investment|flows?|spending|expenditure|goods)\b)")


@lru_cache(maxsize=1)
def _capital_names() -> dict[str, str]:
    """Each country's capital, by name (``data/countries.csv``)."""
    return {row["iso2"].upper(): row["capital"] for row in _csv_rows(DATA_DIR / "countries.csv") if row.get("capital")}


def seat_of(m: Mention) -> Mention | None:
    """``m``, a first-level division, placed at its town of the same name ("Kermanshah province" ... "the provincial
    capital"), where the default gazetteer has one inside it; None where it has none."""
    if m.place is None or m.place.precision != "admin1":
        return None
    gazetteer = _default().gazetteer
    name = _DIVISION_WORD_RE.sub("", Query.parse(m.query).name).strip()
    found = gazetteer.resolve(name, Context(countries={m.place.country: 1.0})).place if name else None
    if found is None or found.precision != "locality" or found.admin1_key != m.place.admin1_key:
        return None
    moved = m.placed_at(found, reason=f"the seat of {m.place.name}, as the text calls it")
    object.__setattr__(moved, "label", place_label(moved, gazetteer))
    return moved


_DIVISION_WORD_RE = re.compile(r"\b(?:province|governorate|region|oblast|state|district|county)\b", re.IGNORECASE)


def capital_of(m: Mention) -> Mention:
    """``m``, a country, placed at its capital ("Yemen's capital"), where the default gazetteer has it."""
    if m.place is None or m.place.precision != "country" or not (name := _capital_names().get(m.place.country)):
        return m
    gazetteer = _default().gazetteer
    found = gazetteer.resolve(name, Context(countries={m.place.country: 1.0})).place
    if found is None or found.country != m.place.country or found.precision != "locality":
        return m
    moved = m.placed_at(found, reason=f"{_CAPITAL_OF} {m.place.name}, as the text calls it")
    object.__setattr__(moved, "label", place_label(moved, gazetteer))
    return moved


def parse(text: str, article: Article | None = None) -> Doc:
    """Parse ``text`` (``article``'s, whose title and source the geoparser weighs) with the default
    gazetteer (see :class:`Geoparser`)."""
    return _default()(make_doc(text, article))


def _default() -> Geoparser:
    """The geoparser of the default gazetteer, made on first use."""
    global _default_parser
    if _default_parser is None:
        _default_parser = Geoparser()
    return _default_parser


def geoparse(text: str) -> list[Mention]:
    """Place mentions of ``text``, in order, resolved where the gazetteer allows."""
    return parse(text).mentions
