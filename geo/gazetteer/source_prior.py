"""Where an article's source says its news is: the country of its address or outlet.

A local paper's "Parkland" is most likely its own country's, and a Ukrainian outlet's "Kherson"
Ukraine's. The prior comes from, in order: the regions the user gives (``--region``, a
record's ``region`` field), the address's country-code ending (``.uk``, ``.sy``, ``.com.ua``)
and the outlets in ``data/outlet_countries.csv``. The geoparser counts it as one strong vote
among the text's own, so what the text says still decides.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from urllib.parse import urlsplit

from .sources import DATA_DIR

# Country-code endings used as generic ones (".co" companies, ".tv" broadcasters, ".io" startups ...).
_GENERIC_CC = frozenset("co io tv me ai fm am ly to cc ws nu gg im la".split())
_CODES = re.compile(r"[A-Za-z]{2}")


@lru_cache(maxsize=1)
def _outlets() -> dict[str, str]:
    with open(DATA_DIR / "outlet_countries.csv", encoding="utf-8", newline="") as fh:
        return {r["domain"].strip().lower(): r["country"].strip().upper()
                for r in csv.DictReader(line for line in fh if not line.startswith("#"))}


@lru_cache(maxsize=1)
def _neighbours() -> dict[str, frozenset[str]]:
    with open(DATA_DIR / "country_neighbours.csv", encoding="utf-8", newline="") as fh:
        return {r["iso2"]: frozenset(r["neighbours"].split()) for r in csv.DictReader(fh)}


def borders(country: str, countries) -> bool:
    """Whether ``country`` borders one of ``countries`` (ISO codes): ``data/country_neighbours.csv``."""
    return not _neighbours().get(country, frozenset()).isdisjoint(countries)


def region_codes(value: str) -> list[str]:
    """ISO codes from a region field or option: "SY", "sy, iq", "UA IL"."""
    return [c.upper() for c in _CODES.findall(value or "") if len(c) == 2]


@lru_cache(maxsize=4096)
def url_country(url: str) -> str:
    """The country an address belongs to, or ""."""
    if not url:
        return ""
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower().rstrip(".")
    if not host:
        return ""
    labels = host.split(".")
    outlets = _outlets()
    for i in range(len(labels) - 1):
        found = outlets.get(".".join(labels[i:]))
        if found:
            return found
    tld = labels[-1]
    if len(tld) == 2 and tld.isalpha() and tld not in _GENERIC_CC:
        return "GB" if tld == "uk" else tld.upper()
    return ""


def source_countries(article, regions: tuple[str, ...] = ()) -> list[str]:
    """The countries an article's source points to: the given regions, the record's own ``region``
    field, else its address's country."""
    given = [c.upper() for c in regions] + region_codes(getattr(article, "region", "") if article is not None else "")
    if given:
        return list(dict.fromkeys(given))
    country = url_country(getattr(article, "url", "") or "") if article is not None else ""
    return [country] if country else []
