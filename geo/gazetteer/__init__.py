"""Find places by name: the offline world gazetteer and its geopy face."""
from .gazetteer import Context, Gazetteer, Query, Resolution
from .geocoder import OfflineGazetteer, get_geocoder
from .normalize import name_key, skeleton_key
from .place import PRECISIONS, Candidate, Place

__all__ = [
    "Candidate", "Context", "Gazetteer", "OfflineGazetteer", "Place", "PRECISIONS",
    "Query", "Resolution", "get_geocoder", "name_key", "skeleton_key",
]
