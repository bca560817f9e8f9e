"""Read articles from disk: the first stage of the pipeline.

Formats, by file name:

``.txt``
    UTF-8 text. It may open with a header block of ``Title:``, ``Date:``,
    ``URL:``, ``Source:`` and ``Region:`` lines, ended by a blank line; otherwise
    the first non-empty line is the title.
``.html``, ``.htm``
    A saved web page: the article body, title, date, URL and site name are
    extracted with trafilatura, which drops navigation, comments and share widgets.
``.jsonl``
    One article per line: a JSON object with ``text`` and optionally ``id``,
    ``url``, ``title``, ``published``, ``source`` (what newsroom and scraper tools export)
    and ``region`` (a string, or a list of strings).
``.csv``
    The same fields as columns, with a header row.

An article's region names the countries it is about ("UA", "SY, IQ", "Ukraine"): evidence for
which of same-named places it means, ahead of ``--region`` and the address's country (see
:mod:`geo.gazetteer.source_prior`). A part that names no country is left out, with a note.

Web boilerplate lines ("Share this article", comment forms, messaging
widgets; patterns in ``data/vocab/boilerplate.txt``) and the ``.txt`` header are
blanked out with spaces rather than removed, so character offsets into an
article's text are offsets into the file as decoded (for HTML, into the
extracted text; for JSONL and CSV, into the ``text`` field).

Files and lines that cannot be read are reported, one message each, never raised.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from . import vocab
from .text import DATELINE_RE, unwrap

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".csv")
MAX_BYTES = int(os.environ.get("STRIKEMAP_MAX_BYTES", 50 * 1024 * 1024))
_HTML_START_RE = re.compile(r"^\s*(?:<!doctype html|<html\b|<head\b|<body\b)", re.IGNORECASE)
_HEADER_RE = re.compile(r"^(?P<key>title|date|published|url|source|region)\s*:\s*(?P<value>.*?)\s*$", re.IGNORECASE)
_SAFE_ID_RE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class Article:
    """One news article.

    Attributes
    ----------
    id : str
        Names the article in every output: the file name without its extension,
        or the ``id`` of a JSONL/CSV record.
    path : str
        The file it came from (``file:line`` for a JSONL/CSV record).
    title, text : str
        The text with boilerplate blanked (for ``.txt``, the same length as the file).
    url, published, source : str
        Where and when it was published ("" when unknown); ``published`` is an ISO date.
    region : str
        The countries the article says it is about, as alpha-2 codes joined by commas
        ("UA", "SY,IQ"; "" when it says none).
    """

    id: str
    path: str
    title: str
    text: str
    url: str = ""
    published: str = ""
    source: str = ""
    note: str = ""  # how it was read when that needs saying ("decoded as cp1252")
    region: str = ""

    @property
    def published_date(self) -> date | None:
        return date.fromisoformat(self.published) if self.published else None


@dataclass(frozen=True)
class Problem:
    """A file (or record) that was not read, and why, in words a user can act on."""

    path: str
    message: str


def clean_boilerplate(text: str) -> str:
    """Blank out boilerplate lines, keeping every other character where it was."""
    boilerplate = vocab.boilerplate_regex().match
    out = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if boilerplate(body.strip()):
            line = " " * len(body) + line[len(body):]
        out.append(line)
    return "".join(out)


def title_of(text: str) -> str:
    """The first line with something on it (as ``str.splitlines`` cuts lines), its white space
    made single spaces, when it reads like a headline (:func:`reads_like_title`); else "".

    Wire copy pasted without its headline opens with the lead ("ODESA, June 3 (Reuters) -
    Russian drones struck ..."): taken for a title, the lead would never be read.
    """
    first = _NON_SPACE_RE.search(text)
    if first is None:
        return ""
    end = _LINE_BREAK_RE.search(text, first.start())
    if end is None:  # the whole text is one line: no headline above it
        return ""
    line = " ".join(text[first.start():end.start()].split())
    return line if reads_like_title(line) else ""


def reads_like_title(line: str) -> bool:
    """A headline: short, no dateline before it, not a long sentence with its full stop."""
    words = line.split()
    if len(words) > _TITLE_MAX_WORDS or DATELINE_RE.match(line):
        return False
    return not (line.endswith(".") and len(words) >= _SENTENCE_WORDS)


_TITLE_MAX_WORDS = 25
_SENTENCE_WORDS = 12  # a line this long ending in a full stop is a sentence, not a headline
_NON_SPACE_RE = re.compile(r"\S")
_LINE_BREAK_RE = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # where str.splitlines cuts


def parse_date(value: str) -> str:
    """An ISO date from a date as news metadata writes it, or "" when it cannot be read."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    from dateutil import parser as dateparser  # installed with pandas

    try:
        return dateparser.parse(value, fuzzy=False).date().isoformat()
    except (ValueError, OverflowError):
        return ""


def _header(text: str) -> tuple[dict[str, str], str]:
    """The ``Title:``/``Date:``/``URL:``/``Source:``/``Region:`` block at the top, and the text with it blanked."""
    meta: dict[str, str] = {}
    lines = text.splitlines(keepends=True)
    used = 0
    for line in lines:
        m = _HEADER_RE.match(line.strip())
        if not m:
            break
        meta[m["key"].lower().replace("published", "date")] = m["value"]
        used += 1
    if not meta or (used < len(lines) and lines[used].strip()):
        return {}, text  # a header block must end with a blank line
    blanked = "".join(" " * len(line.rstrip("\r\n")) + line[len(line.rstrip("\r\n")):] for line in lines[:used])
    return meta, blanked + "".join(lines[used:])


def _article(article_id: str, path: str, text: str, title: str = "", url: str = "", published: str = "",
             source: str = "", titles: bool = True, region: str | list = "") -> Article | Problem:
    if not text.strip():
        return Problem(path, "skipped: no article text")
    cleaned = unwrap(clean_boilerplate(text))
    title = " ".join(title.split()) or (title_of(cleaned) if titles else "")
    codes, note = _region(region) if region else ("", "")
    return Article(_SAFE_ID_RE.sub("_", article_id).strip("_") or "article", path, title,
                   cleaned, url.strip(), parse_date(published) or _dated_line(cleaned), source.strip(), note, codes)


# A date written out in full: "14 November 2024", "October 1, 2024", "2024-10-01"
_MONTH_NAMES = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_FULL_DATE_RE = re.compile(rf"\b(?:\d{{1,2}}\s+{_MONTH_NAMES}\s+(?:19|20)\d\d|{_MONTH_NAMES}\s+\d{{1,2}},?\s+(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)\b")
_DATED_LINES = 5  # lines from the top a byline or a release's date stands in
_DATED_SCAN = 40  # lines split off the top to find them (blank ones included)
_DATED_LINE_CHARS = 100
_DATED_LINE_WORDS = 12  # a byline ("By Libya Herald reporter | 14 November 2024"), not a sentence of the story


def _dated_line(text: str) -> str:
    """The publication date a short line near the top gives when no header did: a byline's or a
    release's date ("Rudaw English | Tuesday, October 1, 2024"); "" when none does."""
    seen = 0
    for line in text.split("\n", _DATED_SCAN)[:_DATED_SCAN]:
        if not line or line.isspace():
            continue
        seen += 1
        if seen > _DATED_LINES:
            break
        line = line.strip()
        if len(line) > _DATED_LINE_CHARS or line.endswith((".", "\"", "”")) or len(line.split()) > _DATED_LINE_WORDS:
            continue  # a sentence of the story, not a byline
        found = _FULL_DATE_RE.search(line)
        if found is not None:
            return parse_date(found.group())
    return ""


def _region(value: str | list) -> tuple[str, str]:
    """An article's region as codes joined by commas, and a note on the parts that name no country."""
    from .gazetteer.source_prior import parse_regions

    codes, unknown = parse_regions(value)
    note = (f"region {', '.join(map(repr, unknown))} names no country (ISO codes such as UA or SY, or country names): "
            + ("the rest is used" if codes else "not used")) if unknown else ""
    return ",".join(codes), note


def _decode(path: Path) -> tuple[str, str] | Problem:
    """The file's text and a note on its encoding ("" for UTF-8), or why it cannot be read."""
    try:
        with open(path, "rb") as fh:  # one open, one size check, one read
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_BYTES:
                return Problem(str(path), f"skipped: {size / 2**20:.0f} MB is larger than the {MAX_BYTES / 2**20:.0f} MB limit"
                                          " (set STRIKEMAP_MAX_BYTES to raise it)")
            data = fh.read()
    except OSError as exc:
        if path.is_symlink() and not path.exists():
            return Problem(str(path), "skipped: a broken symbolic link (or a loop of links)")
        return Problem(str(path), f"cannot be read: {exc.strerror or exc}")
    if not data.strip():
        return Problem(str(path), "skipped: the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _text_or_binary(path, data.decode("utf-16"), "decoded as UTF-16 (byte-order mark)")
        except UnicodeDecodeError:
            return Problem(str(path), "skipped: starts with a UTF-16 mark but is not valid UTF-16")
    try:
        return _text_or_binary(path, data.decode("utf-8-sig"), "")  # control bytes are valid UTF-8 too
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:8192]:
        return Problem(str(path), "skipped: looks like a binary file, not text")
    return _guess_encoding(path, data)


def _guess_encoding(path: Path, data: bytes) -> tuple[str, str] | Problem:
    """Decode text that is not UTF-8 (old Windows and Latin-1 exports are common).

    Mostly-ASCII text with a few other bytes is read as Windows-1252, the usual
    legacy encoding of Western news exports (detectors guess poorly from a few
    bytes); anything else is left to charset-normalizer.
    """
    from charset_normalizer import from_bytes

    high = sum(1 for b in data[: 1 << 20] if b > 0x7F)
    if high <= max(len(data[: 1 << 20]) * 0.05, 16):
        try:
            return _text_or_binary(path, data.decode("cp1252"), "not UTF-8: decoded as cp1252")
        except UnicodeDecodeError:
            pass

    best = from_bytes(data[: 1 << 20]).best()
    if best is None or best.encoding is None:
        return Problem(str(path), "skipped: not text in any encoding strikemap can recognise")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return Problem(str(path), f"skipped: not valid UTF-8, and not valid {best.encoding} either")
    return _text_or_binary(path, text, f"not UTF-8: decoded as {best.encoding}")


def _text_or_binary(path: Path, text: str, note: str) -> tuple[str, str] | Problem:
    """Text decoded from a guessed encoding, unless it is mostly control characters."""
    sample = text[:4096]
    # Most samples are wholly printable: one C-level check instead of one per character
    # (replace, not str.translate, which looks each character up in a dict: 30x slower).
    layout_free = sample.replace("\n", "")
    if "\r" in layout_free or "\t" in layout_free:  # most texts have neither
        layout_free = layout_free.replace("\r", "").replace("\t", "")
    unprintable = 0 if layout_free.isprintable() else len(layout_free) - sum(map(str.isprintable, layout_free))
    if not sample.strip() or unprintable > len(sample) * 0.05:
        return Problem(str(path), "skipped: looks like a binary file, not text")
    return text, note


def _from_txt(path: Path, text: str, titles: bool = True) -> Iterator[Article | Problem]:
    if _HTML_START_RE.match(text[:1024]):  # a web page saved with a .txt name
        yield from _from_html(path, text, titles)
        return
    meta, body = _header(text)
    yield _article(path.stem, str(path), body, meta.get("title", ""), meta.get("url", ""), meta.get("date", ""),
                   meta.get("source", ""), titles, meta.get("region", ""))


def _from_html(path: Path, text: str, titles: bool = True) -> Iterator[Article | Problem]:
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a declared dependency
        yield Problem(str(path), "skipped: reading HTML needs trafilatura (python -m pip install trafilatura)")
        return
    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, favor_precision=True)
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not body.strip():
        yield Problem(str(path), "skipped: no article text found in the HTML page")
        return
    yield _article(path.stem, str(path), body, doc.title or "", doc.url or "", doc.date or "", doc.sitename or doc.hostname or "",
                   titles)


def _records(path: Path, text: str) -> Iterator[tuple[int, dict | None, str]]:
    if path.suffix.lower() == ".jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                yield number, None, f"not valid JSON ({exc.msg})"
                continue
            yield (number, record, "") if isinstance(record, dict) else (number, None, "not a JSON object")
    else:
        for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
            yield number, {(k or "").strip().lower(): v for k, v in row.items()}, ""


def _csv_without_text(path: Path, text: str) -> str | None:
    """Why a CSV file holds no articles at all (no ``text`` column), said once for
    the file rather than once a row; a review sheet or a claims table saved
    beside the articles is the usual case."""
    if path.suffix.lower() != ".csv":
        return None
    header = {(name or "").strip().lower() for name in next(csv.reader(io.StringIO(text)), [])}
    if "text" in header:
        return None
    if "decision" in header:
        return "skipped: a review sheet of decisions, not articles (pass it with --corrections FILE)"
    if "claim_id" in header:
        return "skipped: a claims table strikemap wrote, not articles"
    return "skipped: a CSV of articles needs a 'text' column (and may have id, title, url, published, source)"


def _from_records(path: Path, text: str, titles: bool = True) -> Iterator[Article | Problem]:
    reason = _csv_without_text(path, text)
    if reason is not None:
        yield Problem(str(path), reason)
        return
    for number, record, error in _records(path, text):
        where = f"{path}:{number}"
        if record is None:
            yield Problem(where, f"skipped line: {error}")
            continue
        body = record.get("text")
        if not isinstance(body, str):
            yield Problem(where, "skipped line: no 'text' field")
            continue
        fields = {key: "" if record.get(key) is None else str(record[key]) for key in ("id", "title", "url", "published", "date", "source")}
        yield _article(fields["id"] or f"{path.stem}-{number}", where, body, fields["title"], fields["url"],
                       fields["published"] or fields["date"], fields["source"], titles, _record_region(record.get("region")))


def _record_region(value) -> str | list[str]:
    """A record's ``region``: a string ("UA", "SY, IQ"), a list of them, or nothing."""
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    return "" if value is None else str(value)


_READERS = {".txt": _from_txt, ".html": _from_html, ".htm": _from_html, ".jsonl": _from_records, ".csv": _from_records}


def read_path(path: str | Path, titles: bool = True) -> Iterator[Article | Problem]:
    """The articles in one file (several for JSONL and CSV), or the problems met.

    ``titles=False``: an article with no title of its own gets none (not its first
    line): for readers that need only the text, such as ``strikemap geoparse``.
    """
    path = path if isinstance(path, Path) else Path(path)
    decoded = _decode(path)
    if isinstance(decoded, Problem):
        yield decoded
        return
    text, note = decoded
    reader = _READERS.get(path.suffix.lower(), _from_txt)
    for item in reader(path, text, titles):
        yield replace(item, note="; ".join(filter(None, (note, item.note)))) if note and isinstance(item, Article) else item


def read_article(path: str | Path) -> Article | Problem:
    """The first article (or problem) of a file."""
    return next(read_path(path))


def article_paths(paths: Iterable[str | Path]) -> Iterator[Path | Problem]:
    """Article files under ``paths`` (files or folders), sorted, each once (the same file
    reached through links counts once)."""
    seen: set[str] = set()
    for given in paths:
        p = Path(given)
        if p.is_dir():
            # Sorted as paths are (part by part), on strings: comparing Path objects is slow.
            found = sorted(_files_under(str(p)), key=lambda pair: _path_parts(pair[0]))
        elif p.exists() or p.is_symlink():
            found = [(str(p), _real(str(p)))]
        else:
            yield Problem(str(p), "not found")
            continue
        for path, key in found:
            if key not in seen:
                seen.add(key)
                yield Path(path)


def _files_under(folder: str) -> Iterator[tuple[str, str]]:
    """(path, what it resolves to) of each article file below ``folder``, as ``os.walk`` finds
    them: folder links are not followed (no loops); file links are read. A file that is no
    link resolves to its folder's real path and its name: one ``realpath`` a folder."""
    pending = [folder]
    while pending:
        here = pending.pop()
        try:
            entries = list(os.scandir(here))
        except OSError:
            continue  # an unreadable folder: os.walk passes over it too
        real_here = None
        for entry in entries:
            if _is_dir(entry):
                if not entry.is_symlink():
                    pending.append(entry.path)
            elif entry.name.lower().endswith(ARTICLE_SUFFIXES):
                if entry.is_symlink():
                    yield entry.path, _real(entry.path)
                else:
                    real_here = real_here or os.path.realpath(here)
                    yield entry.path, os.path.join(real_here, entry.name)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a loop of links: as os.walk, a file
        return False


def _real(path: str) -> str:
    """The file ``path`` leads to; the path itself for a broken link or a loop of links."""
    try:
        return os.path.realpath(path, strict=True)
    except (OSError, RuntimeError, ValueError):
        return path


def _path_parts(path: str) -> list[str]:
    return path.split(os.sep)


def iter_articles(paths: Iterable[str | Path], titles: bool = True) -> Iterator[Article | Problem]:
    """The articles under ``paths`` and the problems met, one file at a time (nothing held)."""
    for item in article_paths(paths):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_path(item, titles)


def read_articles(paths: Iterable[str | Path]) -> tuple[list[Article], list[Problem]]:
    """All the articles under ``paths``, and the problems met (for small inputs)."""
    articles, problems = [], []
    for result in iter_articles(paths):
        (problems if isinstance(result, Problem) else articles).append(result)
    return articles, problems
