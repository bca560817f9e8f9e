"""Opt-in online fallback for names the offline gazetteer does not know.

Off by default: strikemap touches the network only when asked (``--online
nominatim``). Requests go through a geopy geocoder wrapped in geopy's
:class:`~geopy.extra.rate_limiter.RateLimiter` (Nominatim's usage policy asks for
at most one request a second), and every answer, including "not found", is
cached on disk so a name is asked for once.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path

from ..output.atomic import write_text
from .index import cache_dir
from .place import Place

# Nominatim's place types -> strikemap precision.
_LOCALITY_TYPES = {"city", "town", "village", "hamlet", "suburb", "neighbourhood", "quarter", "isolated_dwelling", "municipality", "locality"}
_ADMIN1_TYPES = {"state", "province", "region", "governorate"}
_COUNTRY_TYPES = {"country"}


def _precision(raw: dict) -> str:
    kind = (raw.get("addresstype") or raw.get("type") or "").lower()
    if kind in _LOCALITY_TYPES:
        return "locality"
    if kind in _ADMIN1_TYPES:
        return "admin1"
    if kind in _COUNTRY_TYPES:
        return "country"
    if kind in {"county", "district"}:
        return "admin2"
    return "site"


def place_from_nominatim(raw: dict) -> Place:
    """A :class:`Place` from one Nominatim search result (its JSON object)."""
    address = raw.get("address") or {}
    return Place(
        place_id=f"nominatim:{raw.get('osm_type', 'x')}/{raw.get('osm_id', raw.get('place_id', ''))}",
        name=(raw.get("name") or str(raw.get("display_name", "")).split(",")[0]).strip(),
        lat=round(float(raw["lat"]), 7),
        lon=round(float(raw["lon"]), 7),
        country=str(address.get("country_code", "")).upper(),
        admin1="",
        population=0,
        precision=_precision(raw),
        kind=str(raw.get("type", "")),
        source="nominatim (online)",
    )


class OnlineFallback:
    """Looks names up with an online geopy service, rate-limited and cached on disk.

    Parameters
    ----------
    service : str
        A geopy service name; only ``"nominatim"`` is mapped to places today.
    domain, scheme : str, optional
        Where the service lives (a self-hosted Nominatim, or a test server).
    min_delay_seconds : float
        Pause between requests (RateLimiter).
    cache_path : Path, optional
        JSON file of answers; defaults to the user cache directory.
    """

    def __init__(self, service: str = "nominatim", domain: str | None = None, scheme: str | None = None,
                 user_agent: str = "strikemap (https://github.com/strikemap)", min_delay_seconds: float = 1.0,
                 timeout: float = 10.0, cache_path: Path | None = None):
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import get_geocoder_for_service

        if service != "nominatim":
            raise ValueError(f"online fallback supports 'nominatim', not {service!r}")
        options = {"user_agent": user_agent, "timeout": timeout}
        if domain:
            options["domain"] = domain
        if scheme:
            options["scheme"] = scheme
        self.geocoder = get_geocoder_for_service(service)(**options)
        self.geocode = RateLimiter(self.geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=1,
                                   swallow_exceptions=True, return_value_on_exception=None)
        self.cache_path = cache_path or cache_dir() / f"online-{service}-{(domain or 'default').replace(':', '_').replace('/', '_')}.json"
        self._cache = self._load()
        self._lock = threading.Lock()
        self.requests = 0

    def _load(self) -> dict[str, dict | None]:
        try:
            return json.loads(self.cache_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _save(self) -> None:
        try:
            write_text(self.cache_path, json.dumps(self._cache, ensure_ascii=False, sort_keys=True, indent=0))
        except OSError:
            pass  # a cache that cannot be written only costs requests

    def resolve(self, name: str, country_codes: list[str] | None = None) -> Place | None:
        """The best online match for ``name`` (biased to ``country_codes``), or ``None``."""
        codes = sorted({c.lower() for c in country_codes or [] if c})
        key = f"{name}|{','.join(codes)}"
        with self._lock:
            if key not in self._cache:
                self.requests += 1
                location = self.geocode(name, exactly_one=True, country_codes=codes or None, addressdetails=True)
                self._cache[key] = location.raw if location is not None else None
                self._save()
            raw = self._cache[key]
        return place_from_nominatim(raw) if raw else None
