"""Find places by name: the offline world gazetteer and its geopy face."""
from .gazetteer import Context, Gazetteer, Query, Resolution
from .normalize import name_key, skeleton_key
from .place import PRECISIONS, Candidate, Place

__all__ = [
    "Candidate", "Context", "Gazetteer", "OfflineGazetteer", "Place", "PRECISIONS",
    "Query", "Resolution", "get_geocoder", "name_key", "skeleton_key",
]


def __getattr__(name: str):
    # Lazy: geopy takes longer to import than the gazetteer takes to load.
    if name in ("OfflineGazetteer", "get_geocoder"):
        from . import geocoder

        return getattr(geocoder, name)
    raise AttributeError(name)
