"""Opt-in online fallback for names the offline gazetteer does not know.

Off by default: strikemap touches the network only when asked (``--online
nominatim``). Requests go through a geopy geocoder wrapped in geopy's
:class:`~geopy.extra.rate_limiter.RateLimiter` (Nominatim's usage policy asks for
at most one request a second). Every answer, "not found" included, is cached on
disk, so a name is asked for once.

A request that gets no answer (the service unreachable, a time-out, HTTP 429 or
a server error, a malformed answer) is reported in one line and never cached:
the next run asks again. Within a run a name is sent at most once; a 429's
``Retry-After`` is honoured before the next request; and when the service is
unreachable, or fails several times in a row, the rest of the run goes on
offline, counting the names it did not send.
"""
from __future__ import annotations

import json
import math
import re
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..output.atomic import write_text
from .index import cache_dir
from .place import Place

# Nominatim's place types -> strikemap precision.
_LOCALITY_TYPES = {"city", "town", "village", "hamlet", "suburb", "neighbourhood", "quarter", "isolated_dwelling", "municipality", "locality"}
_ADMIN1_TYPES = {"state", "province", "region", "governorate"}
_COUNTRY_TYPES = {"country"}

#: The kinds of failure counted in the run report, in the order they are listed.
FAILURE_KINDS = ("unreachable", "timed out", "rate limited", "server error", "malformed answer", "refused")
#: Failures in a row after which a run stops asking (an unreachable service: at the first).
MAX_FAILURES_IN_A_ROW = 3
#: The longest ``Retry-After`` a run waits for; a longer one ends the look-ups for the run.
MAX_RETRY_AFTER = 120.0
_ERRNO_RE = re.compile(r"\[Errno -?\d+\] ([^'\")\]]+)")
_NOT_FOUND = False  # how a "not found" answer is cached (a found place is its JSON object)
_NOT_PLACES = "malformed answer (not a list of places with coordinates)"


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


def _well_formed(raw) -> bool:
    """Whether a search result can be read as a place: an object with coordinates on the globe."""
    if not isinstance(raw, dict) or not isinstance(raw.get("address", {}), dict):
        return False
    try:
        lat, lon = float(raw["lat"]), float(raw["lon"])
    except (KeyError, TypeError, ValueError):
        return False
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


class Failure(Exception):
    """A request that got no usable answer: its kind (one of :data:`FAILURE_KINDS`), what
    happened in words, and how long the service asked us to wait (HTTP 429), if it did."""

    def __init__(self, kind: str, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.kind, self.retry_after = kind, retry_after


def classify(exc: Exception, timeout: float) -> Failure:
    """A geopy error (or anything a malformed answer raised while it was read) as a :class:`Failure`."""
    from geopy.adapters import AdapterHTTPError
    from geopy.exc import GeocoderParseError, GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable

    http = exc if isinstance(exc, AdapterHTTPError) else exc.__cause__
    if isinstance(http, AdapterHTTPError):  # geopy files 503 under time-outs: the status says what it was
        status = http.status_code
        if status == 429:
            retry_after = getattr(exc, "retry_after", None)
            wait = f"Retry-After: {retry_after:g} s" if retry_after is not None else "no Retry-After"
            return Failure("rate limited", f"HTTP 429 too many requests ({wait})", retry_after)
        if status >= 500:
            return Failure("server error", f"HTTP {status} server error")
        return Failure("refused", f"HTTP {status}")
    network = _network_error(exc)
    if isinstance(exc, GeocoderTimedOut) or isinstance(network, TimeoutError):
        return Failure("timed out", f"no answer within {timeout:g} s")
    if isinstance(exc, GeocoderParseError):
        return Failure("malformed answer", "malformed answer (not JSON)")
    if network is not None or isinstance(exc, GeocoderUnavailable):
        reason = getattr(network, "strerror", None) or _ERRNO_RE.search(str(exc))
        reason = reason.group(1).strip() if isinstance(reason, re.Match) else reason
        return Failure("unreachable", f"unreachable ({reason or 'no connection'})")
    if isinstance(exc, GeocoderServiceError):
        return Failure("refused", " ".join(str(exc).split())[:200] or type(exc).__name__)
    return Failure("malformed answer", _NOT_PLACES)


def _network_error(exc: BaseException) -> OSError | None:
    """The socket error behind a geopy error (connection refused, no such host, time-out), if any."""
    from urllib.error import URLError

    seen = exc
    while seen is not None:
        if isinstance(seen, URLError) and isinstance(seen.reason, OSError):
            return seen.reason
        if isinstance(seen, OSError) and not isinstance(seen, URLError) and type(seen).__module__ != "geopy.adapters":
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _to_stderr(line: str) -> None:
    print(f"strikemap: {line}", file=sys.stderr, flush=True)


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
    timeout : float
        Seconds to wait for an answer.
    cache_path : Path, optional
        JSON file of answers; defaults to the user cache directory.
    report : callable, optional
        Told each failure, and the end of the look-ups, in one line (default: standard error).
    """

    def __init__(self, service: str = "nominatim", domain: str | None = None, scheme: str | None = None,
                 user_agent: str = "strikemap (https://github.com/strikemap)", min_delay_seconds: float = 1.0,
                 timeout: float = 10.0, cache_path: Path | None = None, report: Callable[[str], None] | None = None):
        from geopy.adapters import URLLibAdapter
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import get_geocoder_for_service

        if service != "nominatim":
            raise ValueError(f"online fallback supports 'nominatim', not {service!r}")
        # The standard library's HTTP client: it never retries by itself (requests, through
        # urllib3, would send a name again after a 429 or a refused connection).
        options = {"user_agent": user_agent, "timeout": timeout, "adapter_factory": URLLibAdapter}
        if domain:
            options["domain"] = domain
        if scheme:
            options["scheme"] = scheme
        self.geocoder = get_geocoder_for_service(service)(**options)
        # No retries and nothing swallowed: each failure is told here in one line, not logged with its traceback.
        self.geocode = RateLimiter(self.geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=0,
                                   swallow_exceptions=False)
        self.service, self.timeout = service, timeout
        self.host = getattr(self.geocoder, "domain", None) or domain or service
        self.cache_salt = f"online {service} {self.host}"  # what results found with its help depend on
        self.cache_path = cache_path or cache_dir() / f"online-{service}-{(domain or 'default').replace(':', '_').replace('/', '_')}.json"
        self.report = report or _to_stderr
        self._cache = self._load()
        self._new: dict[str, dict | bool] = {}  # answers got in this run, merged into the file on saving
        self._lock = threading.Lock()
        self._failed: set[str] = set()  # not asked again in this run; never written to the cache
        self._not_sent: set[str] = set()
        self._from_cache: set[str] = set()
        self._failures = dict.fromkeys(FAILURE_KINDS, 0)
        self._in_a_row = 0
        self._not_before = 0.0  # monotonic time before which no request goes (a 429's Retry-After)
        self.stopped = ""  # why the look-ups ended for this run, if they did
        self.requests = self.found = self.not_found = 0
        self.unanswered = 0  # look-ups that got no answer (failed, or not sent): what they found is incomplete

    # -- the answers on disk ---------------------------------------------------
    def _load(self) -> dict[str, dict | bool]:
        try:
            data = json.loads(self.cache_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        # Earlier versions wrote failures as null, like "not found": those are asked again.
        return {k: v for k, v in data.items() if v is _NOT_FOUND or _well_formed(v)} if isinstance(data, dict) else {}

    def _save(self) -> None:
        """Write this run's answers, merged with what other runs wrote meanwhile."""
        merged = {**self._load(), **self._new}
        try:
            write_text(self.cache_path, json.dumps(merged, ensure_ascii=False, sort_keys=True, indent=0))
        except OSError:
            pass  # a cache that cannot be written only costs requests

    # -- counts ------------------------------------------------------------------

    def counts(self) -> dict:
        """What the look-ups did in this run, for the run report."""
        return {
            "service": self.service, "host": self.host,
            "names_sent": self.requests, "found": self.found, "not_found": self.not_found,
            "answered_from_cache": len(self._from_cache),
            "failed": sum(self._failures.values()),
            "failures": {kind: n for kind, n in self._failures.items() if n},
            "not_sent": len(self._not_sent), "stopped": self.stopped,
        }

    # -- looking up ----------------------------------------------------------------
    def resolve(self, name: str, country_codes: list[str] | None = None) -> Place | None:
        """The best online match for ``name`` (biased to ``country_codes``), or ``None``
        (not found, or no answer: then said in one line)."""
        codes = sorted({c.lower() for c in country_codes or [] if c})
        key = f"{name}|{','.join(codes)}"
        with self._lock:
            if key in self._cache:
                self._from_cache.add(key)
                raw = self._cache[key]
            elif key in self._failed or key in self._not_sent:
                raw = None
            elif self.stopped:
                if not self._not_sent:  # said once, when it first costs a name
                    self.report(f"online look-ups stopped ({self.stopped}): the rest of the run goes on offline")
                self._not_sent.add(key)
                raw = None
            else:
                raw = self._ask(key, name, codes)
            if raw is None:
                self.unanswered += 1
        return place_from_nominatim(raw) if raw else None

    def _ask(self, key: str, name: str, codes: list[str]) -> dict | bool | None:
        wait = self._not_before - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self.requests += 1
        try:
            location = self.geocode(name, exactly_one=True, country_codes=codes or None, addressdetails=True)
            raw = _NOT_FOUND if location is None else location.raw
            if raw is not _NOT_FOUND and not _well_formed(raw):
                raise Failure("malformed answer", _NOT_PLACES)
        except Exception as exc:  # every failure, whatever raised it, is one line and no cache entry
            self._fail(key, name, exc if isinstance(exc, Failure) else classify(exc, self.timeout))
            return None
        self._in_a_row = 0
        self._cache[key] = self._new[key] = raw
        self.found += raw is not _NOT_FOUND
        self.not_found += raw is _NOT_FOUND
        self._save()
        return raw

    def _fail(self, key: str, name: str, failure: Failure) -> None:
        self._failed.add(key)
        self._failures[failure.kind] += 1
        self._in_a_row += 1
        self.report(f"online look-up of {name!r} failed: {self.service} at {self.host}: {failure}; not cached")
        if failure.kind == "unreachable":
            self.stopped = f"{self.host} is unreachable"
        elif failure.kind == "rate limited" and (failure.retry_after or 0) > MAX_RETRY_AFTER:
            self.stopped = f"{self.host} asks to wait {failure.retry_after:g} s"
        elif self._in_a_row >= MAX_FAILURES_IN_A_ROW:
            self.stopped = f"{self._in_a_row} failures in a row from {self.host}"
        elif failure.retry_after:
            self._not_before = time.monotonic() + failure.retry_after
