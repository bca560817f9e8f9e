"""The offline gazetteer behind geopy's geocoder interface.

:class:`OfflineGazetteer` is a :class:`geopy.geocoders.base.Geocoder`: code that
takes "a geocoder" can be handed this one, or Nominatim, or any geopy service,
and :func:`get_geocoder` picks one by name. ``geocode`` returns geopy
:class:`~geopy.location.Location` objects whose ``raw`` holds the gazetteer record,
the score and the reasons; an unknown name gives ``None``, as in geopy.
"""
from __future__ import annotations

from dataclasses import asdict

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .gazetteer import Context, Gazetteer


class OfflineGazetteer(Geocoder):
    """Geocode with the offline world gazetteer; never touches the network.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to :meth:`Gazetteer.default`.
    country_bias : str, optional
        ISO2 code of the country queries are most likely about.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, country_bias: str | None = None):
        super().__init__()
        self.gazetteer = gazetteer or Gazetteer.default()
        self.country_bias = country_bias

    def _context(self, country_codes: str | list[str] | None) -> Context:
        codes = [country_codes] if isinstance(country_codes, str) else list(country_codes or [])
        if self.country_bias:
            codes.append(self.country_bias)
        return Context(countries={c.upper(): 1.0 for c in codes})

    def geocode(self, query: str, *, exactly_one: bool = True, country_codes=None, limit: int = 10, **_ignored):
        """Return the best :class:`Location` (or a list of them), ``None`` when unknown."""
        context = self._context(country_codes)
        resolution = self.gazetteer.resolve(query, context)
        if resolution.place is None:
            return None
        locations = [self._location(resolution.place, resolution.candidates[0])]
        if not exactly_one:
            locations += [self._location(c.place, c) for c in resolution.candidates[1:limit]]
        return locations[0] if exactly_one else locations

    def reverse(self, query, *, exactly_one: bool = True, **_ignored):
        raise NotImplementedError("the offline gazetteer does not reverse-geocode")

    @staticmethod
    def _location(place, candidate) -> Location:
        raw = asdict(place)
        raw.update(score=candidate.score, match=candidate.match, reasons=list(candidate.reasons))
        return Location(place.name, (place.lat, place.lon, 0.0), raw)


def get_geocoder(name: str = "offline", **options) -> Geocoder:
    """A geocoder by name: ``"offline"`` (the default) or any geopy service name.

    Online services ("nominatim", ...) are opt-in and need ``user_agent`` etc. in
    ``options``, as geopy requires.
    """
    if name in ("offline", "gazetteer", "strikemap"):
        return OfflineGazetteer(**options)
    from geopy.geocoders import get_geocoder_for_service

    return get_geocoder_for_service(name)(**options)
