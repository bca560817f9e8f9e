"""Village-level gazetteers on demand: GeoNames' per-country dumps, downloaded and imported.

``strikemap gazetteer download SY IQ`` fetches ``SY.zip`` and ``IQ.zip`` from GeoNames'
dump folder (``https://download.geonames.org/export/dump/``; ``--alternate-names`` also
fetches ``alternatenames/SY.zip``, the names in every language with the English one
marked), checks each file, and imports it as the user layer ``geonames-sy``: every
populated place whatever its size, neighbourhoods linked to their town, second- and
third-level divisions, sites, terrain, areas, rivers and wadis
(``data/geonames_features.csv``).

Downloads are made for unreliable links: a file is written to ``NAME.part`` and renamed
only once complete, a cut connection is resumed where it stopped (an HTTP range request),
the size is checked against what the server announced, and the content must be a zip
archive holding the country's tab-separated file. Finished files stay in the cache folder
(``geonames/`` in the user cache directory, or ``STRIKEMAP_DOWNLOAD_DIR``), so importing again costs no download;
``refresh=True`` fetches them anew. Only this module touches the network, and only when
asked.
"""
from __future__ import annotations

import http.client
import os
import re
import socket
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..resources import user_cache_dir

#: GeoNames' dump folder; a mirror (or a test server) can stand in for it.
GEONAMES_DUMP_URL = "https://download.geonames.org/export/dump/"
ENV_URL = "STRIKEMAP_GEONAMES_URL"
CHUNK = 1 << 16
ATTEMPTS = 6  # a cut connection is resumed this many times before giving up
TIMEOUT_SECONDS = 60.0
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
GEONAMES_COLUMNS = 19
ALTERNATE_COLUMNS = (4, 10)  # GeoNames' alternate-names files: 4 columns (old) to 10 (with from/to)

Progress = Callable[[int, int | None], None]  # (bytes just received, total size or None)


class DownloadError(RuntimeError):
    """A file could not be fetched or is not what was expected; the message says which and why."""


@dataclass(frozen=True)
class Fetched:
    """A file in the cache, and how it got there."""

    path: Path
    size: int
    cached: bool  # already in the cache: nothing downloaded
    resumed: bool  # the download went on from an earlier, cut one


def base_url() -> str:
    url = os.environ.get(ENV_URL) or GEONAMES_DUMP_URL
    return url if url.endswith("/") else url + "/"


def country_code(text: str) -> str:
    """``text`` as an ISO 3166-1 alpha-2 code, or :class:`DownloadError` saying what is wrong."""
    code = text.strip().upper()
    if not _COUNTRY_RE.match(code):
        raise DownloadError(f"{text!r} is not a two-letter country code (ISO 3166-1 alpha-2, e.g. SY, UA, YE)")
    return code


def dump_url(code: str, base: str | None = None) -> str:
    """Where GeoNames keeps a country's dump: ``.../export/dump/SY.zip``."""
    return f"{base or base_url()}{code}.zip"


def alternate_names_url(code: str, base: str | None = None) -> str:
    """Where GeoNames keeps a country's alternate names: ``.../export/dump/alternatenames/SY.zip``."""
    return f"{base or base_url()}alternatenames/{code}.zip"


ENV_FOLDER = "STRIKEMAP_DOWNLOAD_DIR"


def cache_folder() -> Path:
    """Where downloaded dumps are kept: ``geonames/`` in the user cache directory
    (``STRIKEMAP_DOWNLOAD_DIR`` moves it: a country's files can run to hundreds of MB)."""
    env = os.environ.get(ENV_FOLDER)
    return Path(env) if env else user_cache_dir() / "geonames"


# -- fetching ---------------------------------------------------------------------
def fetch(url: str, target: Path, check: Callable[[Path], None], *, refresh: bool = False,
          progress: Progress | None = None, attempts: int = ATTEMPTS, timeout: float = TIMEOUT_SECONDS) -> Fetched:
    """Download ``url`` to ``target`` (resuming a cut download), then ``check`` it.

    A ``target`` that exists and passes ``check`` is used as it is, unless ``refresh``.
    Raises :class:`DownloadError` when the server refuses, the connection fails
    ``attempts`` times running, the size differs from the announced one, or ``check`` fails.
    """
    if target.is_file() and not refresh:
        try:
            check(target)
            return Fetched(target, target.stat().st_size, cached=True, resumed=False)
        except DownloadError:
            target.unlink()  # a damaged cached file is fetched again
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    if refresh and part.exists():
        part.unlink()
    resumed, failures, last_error = False, 0, ""
    while failures < attempts:
        have = part.stat().st_size if part.exists() else 0
        try:
            complete, was_resumed = _get(url, part, have, progress, timeout)
            resumed = resumed or was_resumed
        except _Cut as exc:
            failures, last_error = failures + 1, str(exc)
            time.sleep(min(0.2 * failures, 2.0))
            continue
        if complete:
            break
    else:
        raise DownloadError(f"{url}: the connection failed {attempts} times ({last_error}); "
                            f"run the command again to resume from {part.stat().st_size if part.exists() else 0:,} bytes")
    try:
        check(part)
    except DownloadError:
        part.unlink()
        raise
    os.replace(part, target)
    return Fetched(target, target.stat().st_size, cached=False, resumed=resumed)


class _Cut(Exception):
    """The connection broke off or timed out: worth resuming."""


def _get(url: str, part: Path, have: int, progress: Progress | None, timeout: float) -> tuple[bool, bool]:
    """One request: the rest of the file after ``have`` bytes (or all of it). Returns whether
    the file is complete and whether this request resumed an earlier one."""
    headers = {"User-Agent": f"strikemap/{__version__} (+gazetteer download)"}
    if have:
        headers["Range"] = f"bytes={have}-"
    request = urllib.request.Request(url, headers=headers)
    try:
        response = urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - http(s) URLs only, see base_url
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # nothing after what we have: the server says it is all there
            return True, True
        if exc.code == 404:
            raise DownloadError(f"{url}: not found (404); is the country code right?") from None
        if exc.code >= 500:
            raise _Cut(f"server error {exc.code}") from None
        raise DownloadError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, socket.timeout, ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, (TimeoutError, socket.timeout, ConnectionError)):
            raise _Cut(str(reason) or type(reason).__name__) from None
        raise DownloadError(f"{url}: cannot connect ({reason})") from None
    with response:
        resuming = have > 0 and response.status == 206
        total = _announced_size(response, have if resuming else 0)
        if progress is not None and have and resuming:
            progress(have, total)  # what an earlier try already had
        received = have if resuming else 0
        try:
            with open(part, "ab" if resuming else "wb") as out:
                while True:
                    chunk = response.read(CHUNK)
                    if not chunk:
                        break
                    out.write(chunk)
                    received += len(chunk)
                    if progress is not None:
                        progress(len(chunk), total)
        except (http.client.IncompleteRead, TimeoutError, socket.timeout, ConnectionError) as exc:
            raise _Cut(type(exc).__name__) from None
    if total is not None and received < total:
        raise _Cut(f"{received:,} of {total:,} bytes")
    if total is not None and received > total:
        part.unlink()
        raise DownloadError(f"{url}: received {received:,} bytes where the server announced {total:,}")
    return True, resuming


def _announced_size(response, offset: int) -> int | None:
    """The whole file's size as the server announces it (Content-Range's total, else offset
    plus Content-Length), or None when it does not say."""
    content_range = response.headers.get("Content-Range", "")
    m = re.match(r"bytes\s+\d+-\d+/(\d+)", content_range)
    if m:
        return int(m.group(1))
    length = response.headers.get("Content-Length")
    return offset + int(length) if length and length.isdigit() else None


# -- checking -----------------------------------------------------------------------
def check_zip(member: str, columns: tuple[int, int]) -> Callable[[Path], None]:
    """A check that a file is a whole zip archive holding ``member``, a tab-separated file whose
    first line has between ``columns[0]`` and ``columns[1]`` fields."""
    def check(path: Path) -> None:
        if not zipfile.is_zipfile(path):
            raise DownloadError(f"{path.name}: not a zip archive (a proxy's error page, or a cut file?)")
        try:
            with zipfile.ZipFile(path) as archive:
                names = {n.lower(): n for n in archive.namelist()}
                name = names.get(member.lower())
                if name is None:
                    raise DownloadError(f"{path.name}: holds no {member} ({', '.join(sorted(names)) or 'nothing'})")
                bad = archive.testzip()
                if bad is not None:
                    raise DownloadError(f"{path.name}: {bad} is damaged (CRC check failed)")
                with archive.open(name) as fh:
                    first = fh.readline().decode("utf-8", "replace").rstrip("\r\n")
        except zipfile.BadZipFile as exc:
            raise DownloadError(f"{path.name}: damaged zip archive ({exc})") from None
        fields = first.split("\t")
        if first and not (columns[0] <= len(fields) <= columns[1] and fields[0].isdigit()):
            raise DownloadError(f"{path.name}: {member} is not in GeoNames' format "
                                f"({len(fields)} tab-separated fields where {columns[0]}-{columns[1]} were expected)")
    return check


def fetch_country(code: str, *, alternate_names: bool = False, refresh: bool = False,
                  progress: Callable[[str], Progress | None] | None = None) -> tuple[Fetched, Fetched | None]:
    """Fetch (or find in the cache) a country's dump and, when asked, its alternate names.

    ``progress(label)`` makes the progress callback for one file (or None).
    """
    code = country_code(code)
    folder = cache_folder()
    dump = fetch(dump_url(code), folder / f"{code}.zip", check_zip(f"{code}.txt", (GEONAMES_COLUMNS, GEONAMES_COLUMNS)),
                 refresh=refresh, progress=progress(f"{code}.zip") if progress else None)
    names = None
    if alternate_names:
        names = fetch(alternate_names_url(code), folder / "alternatenames" / f"{code}.zip",
                      check_zip(f"{code}.txt", ALTERNATE_COLUMNS), refresh=refresh,
                      progress=progress(f"alternatenames/{code}.zip") if progress else None)
    return dump, names
