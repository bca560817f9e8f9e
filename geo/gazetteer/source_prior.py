"""Where an article's source says its news is: the countries its record, archive, address or outlet name.

A local paper's "Parkland" is most likely its own country's, and a Ukrainian outlet's "Kherson"
Ukraine's. The prior comes from the first of: the article's own ``region`` (a ``Region:`` header
line, a record's ``region`` field), the regions the user gives for the whole archive
(``--region``), the address's country-code ending (``.uk``, ``.sy``, ``.com.ua``) or its outlet
in ``data/outlet_countries.csv``. What an article says of itself is more particular than what
is said of its archive, and both say what the news is about, where an address says only who
published it. The geoparser counts the prior as one strong vote among the text's own, so what
the text says still decides.

Regions are written as ISO 3166-1 alpha-2 codes ("UA", "sy, iq", "UA IL"), alpha-3 codes or
country names ("Ukraine", "Syria; Iraq"): :func:`parse_regions`.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from urllib.parse import urlsplit

from .sources import DATA_DIR, _csv_rows

# Country-code endings used as generic ones (".co" companies, ".tv" broadcasters, ".io" startups ...).
_GENERIC_CC = frozenset("co io tv me ai fm am ly to cc ws nu gg im la".split())


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


_SEPARATORS = re.compile(r"[,;|/+]")


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Every way a region may name a country, lowercased -> its alpha-2 code: the codes
    themselves (alpha-2 and alpha-3), names and alternate names (``data/countries.csv``),
    and the short forms news uses (``data/country_aliases.csv``: "UK", "U.S.")."""
    names: dict[str, str] = {}
    for row in _csv_rows(DATA_DIR / "countries.csv"):
        code = row["iso2"].upper()
        for name in (row["name"], *(row.get("alternate_names") or "").split("|")):
            if name.strip():
                names.setdefault(_name_key(name), code)
        names[row["iso3"].lower()] = code
        names[code.lower()] = code  # codes win over any name spelled alike
    for row in _csv_rows(DATA_DIR / "country_aliases.csv"):
        names.setdefault(_name_key(row["alias"]), row["country"].upper())
    return names


def _name_key(name: str) -> str:
    return " ".join(name.lower().split()).removeprefix("the ")


def parse_regions(value: str | list | tuple | None) -> tuple[tuple[str, ...], list[str]]:
    """The alpha-2 codes a region option or field names, in order and once each, and the parts
    that name no country.

    ``value``: "UA", "sy, iq", "UA IL", "Ukraine", "Syria; Iraq", "SYR", or a list of such.
    A part is read whole first ("United States", "Central African Republic"), then word by
    word ("UA IL", "Syria and Iraq").
    """
    if value is None:
        return (), []
    parts = [p for v in ([value] if isinstance(value, str) else value) for p in _SEPARATORS.split(str(v))]
    names = _country_names()
    codes, unknown = [], []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        whole = names.get(_name_key(part))
        if whole:
            codes.append(whole)
            continue
        words = [names.get(_name_key(w)) for w in part.split() if w.lower() not in ("and", "&")]
        if all(words):
            codes.extend(words)
        else:
            unknown.append(part)
    return tuple(dict.fromkeys(codes)), unknown


def regions_given(value: str | list | tuple | None) -> tuple[str, ...]:
    """The alpha-2 codes of regions the user gives (``--region``), or :class:`ValueError` naming
    a part that is no country."""
    codes, unknown = parse_regions(value)
    if unknown:
        raise ValueError(f"{', '.join(map(repr, unknown))} names no country: give ISO 3166-1 codes (UA, SY, YE) "
                         "or country names (Ukraine, Syria)")
    return codes


def region_codes(value: str) -> list[str]:
    """The alpha-2 codes a region field or option names ("SY", "sy, iq", "UA IL", "Ukraine"); parts
    that name no country are left out."""
    return list(parse_regions(value)[0])


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
    """The countries an article's source points to: the article's own ``region`` (codes, as
    :class:`~geo.articles.Article` holds them), else the archive's ``regions`` (``--region``),
    else its address's country."""
    own = getattr(article, "region", "") if article is not None else ""
    if own:
        return region_codes(own)
    if regions:
        return list(dict.fromkeys(c.upper() for c in regions))
    country = url_country(getattr(article, "url", "") or "") if article is not None else ""
    return [country] if country else []
