"""The records the gazetteer holds and returns."""
from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

#: Location precision, finest first. ``site`` is a named facility (an air base, a
#: gas field), ``locality`` a town or village, ``region`` a named natural or
#: cultural area smaller than a country (a plain, a mountain range), ``admin1`` a
#: governorate or province, ``country`` a whole country, ``macroregion`` an area
#: larger than a country (a continent, an ocean, "the Middle East").
PRECISIONS = ("site", "locality", "region", "admin2", "admin1", "country", "macroregion")


EARTH_RADIUS_KM = 6371.0  # mean radius
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180  # of latitude


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return EARTH_RADIUS_KM * 2 * math.asin(min(1.0, math.sqrt(a)))


class PointSet:
    """Labelled points, asked again and again which of them lie within some distance of a place.

    Kept sorted by latitude: a great-circle distance is at least the latitude difference, so only
    the points in a band are measured, found by bisection; a place whose longitude lies beyond the
    reach of every point's is turned away before that. Distances are compared as haversine terms
    against the term of the limit, which orders them alike with no square root or arcsine. A
    question may leave out the points of one label (a name's own readings, say).
    """

    __slots__ = ("_lats", "_rows", "_lons")

    def __init__(self, points: Iterable[tuple[float, float, str]]):
        ordered = sorted(set(points))
        self._lats = [lat for lat, _, _ in ordered]
        self._rows = [(math.radians(lat), math.radians(lon), math.cos(math.radians(lat)), label)
                      for lat, lon, label in ordered]
        self._lons = (min(r[1] for r in self._rows), max(r[1] for r in self._rows)) if ordered else (0.0, 0.0)

    def box(self, km: float) -> tuple[float, float, float, float] | None:
        """(south, north, west, east) in degrees: a box that holds every place within ``km`` of a
        point; None where no such box is cheap to state (near a pole or across the antimeridian)."""
        if not self._lats:
            return (1.0, -1.0, 1.0, -1.0)  # holds nothing
        reach = km / KM_PER_DEGREE * 1.001 + 1e-6
        south, north = self._lats[0] - reach, self._lats[-1] + reach
        widest = math.radians(max(abs(south), abs(north)))
        angle = km / EARTH_RADIUS_KM
        if widest + angle >= math.pi / 2:
            return None
        spread = math.degrees(math.asin(math.sin(angle) / math.cos(widest))) * 1.001 + 1e-6
        west, east = math.degrees(self._lons[0]) - spread, math.degrees(self._lons[1]) + spread
        if west <= -180 or east >= 180:
            return None
        return south, north, west, east

    def has_other_than(self, label: str) -> bool:
        """Whether a point has a label other than ``label``."""
        return any(row[3] != label for row in self._rows)

    def nearest_term(self, lat: float, lon: float, km: float, enough_km: float = 0.0, exclude: str | None = None) -> float:
        """The haversine term of the nearest point within ``km`` of (lat, lon), leaving out those
        labelled ``exclude``; 1.0 (the far side of the Earth) when none lies that near. The search
        stops at a point within ``enough_km``."""
        angle = km / EARTH_RADIUS_KM
        p1, l1 = math.radians(lat), math.radians(lon)
        if abs(p1) + angle < math.pi / 2:
            # The widest longitude difference a point within ``angle`` of (p1, l1) can have.
            spread = math.asin(math.sin(angle) / math.cos(p1))
            low, high = self._lons
            if low - spread > -math.pi and high + spread < math.pi and not low - spread <= l1 <= high + spread:
                return 1.0
        limit, enough = math.sin(angle / 2) ** 2, math.sin(enough_km / EARTH_RADIUS_KM / 2) ** 2
        reach = km / KM_PER_DEGREE * 1.001 + 1e-6
        c1 = math.cos(p1)
        best = 1.0
        rows, lats = self._rows, self._lats
        for i in range(bisect_left(lats, lat - reach), len(rows)):
            if lats[i] > lat + reach:
                break
            p2, l2, c2, label = rows[i]
            if label == exclude:
                continue
            a = math.sin((p2 - p1) / 2) ** 2 + c1 * c2 * math.sin((l2 - l1) / 2) ** 2
            if a < best:
                best = a
                if best <= enough:
                    break
        return best if best <= limit else 1.0

    def any_within(self, lat: float, lon: float, km: float, exclude: str | None = None) -> bool:
        """Whether a point not labelled ``exclude`` lies within ``km`` of (lat, lon)."""
        return self.nearest_term(lat, lon, km, km, exclude) < 1.0


def haversine_term(km: float) -> float:
    """The haversine term ``a`` of a great-circle distance (``distance_km`` is 2R·asin(√a))."""
    return math.sin(min(km / EARTH_RADIUS_KM, math.pi) / 2) ** 2


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    Attributes
    ----------
    place_id : str
        Stable identifier with its namespace, e.g. ``"geonames:170063"``.
    name : str
        Canonical name.
    lat, lon : float
        WGS84 coordinates of the place; for areas, the point that stands for them.
    country : str
        ISO 3166-1 alpha-2 code ("" when unknown).
    admin1 : str
        GeoNames first-level division code inside ``country`` ("" when unknown).
    population : int
    precision : str
        One of :data:`PRECISIONS`.
    kind : str
        What the place is, in words ("populated place", "air base" ...).
    source : str
        The gazetteer layer it comes from.
    english_name : str
        The name English news knows it by, where the source gives one (GeoNames' English
        alternate name, downloaded with ``--alternate-names``); "" otherwise.
    """

    place_id: str
    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    population: int
    precision: str
    kind: str
    source: str
    english_name: str = ""

    @property
    def admin1_key(self) -> tuple[str, str]:
        return (self.country, self.admin1)

    @property
    def readable_name(self) -> str:
        """The name a reader of English news can read: the English name where known, else the
        name with its diacritics and ʿayn/hamza marks dropped, as GeoNames' ASCII name has it
        ("Ḩamāh" -> "Hamah", "Khān Yūnis" -> "Khan Yunis")."""
        return self.english_name or ascii_name(self.name)


_MARKS = str.maketrans("", "", "’‘`´ʿʾʻʼ′")


def ascii_name(name: str) -> str:
    """``name`` in plain letters: combining marks and ʿayn/hamza signs removed."""
    if name.isascii():
        return name
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return plain.translate(_MARKS)


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """A place as a source layer provides it, before it is compiled into the index."""

    place: Place
    names: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a query may mean, with the score that ranks it and the reasons for it.

    The reasons are spelled out only when read: ranking needs the scores alone.
    """

    place: Place
    score: float
    match: str  # "name" (normalised name equal), "nickname" (equal to an alternate name of everyday
    # words that is another place's own name: "White House" for Casablanca), "skeleton" (consonant skeleton equal),
    # "alike" (spelled alike) or "village" (a name of the fallback layer of villages)
    explain: Callable[[], tuple[str, ...]] = field(default=tuple, compare=False, repr=False)

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.explain()
