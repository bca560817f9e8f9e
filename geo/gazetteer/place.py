"""The records the gazetteer holds and returns."""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

#: Location precision, finest first. ``site`` is a named facility (an air base, a
#: gas field), ``locality`` a town or village, ``region`` a named natural or
#: cultural area smaller than a country (a plain, a mountain range), ``admin1`` a
#: governorate or province, ``country`` a whole country, ``macroregion`` an area
#: larger than a country (a continent, an ocean, "the Middle East").
PRECISIONS = ("site", "locality", "region", "admin2", "admin1", "country", "macroregion")


EARTH_RADIUS_KM = 6371.0  # mean radius


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return EARTH_RADIUS_KM * 2 * math.asin(min(1.0, math.sqrt(a)))


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
    match: str  # "name" (normalised name equal) or "skeleton" (consonant skeleton equal)
    explain: Callable[[], tuple[str, ...]] = field(default=tuple, compare=False, repr=False)

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.explain()
