"""Read articles from disk: the first stage of the pipeline.

An article is a UTF-8 ``.txt`` file. Its first non-empty line that is not web
boilerplate is the title. Boilerplate lines ("Share this article", comment
forms, messaging widgets; patterns in ``data/vocab/boilerplate.txt``) are blanked
out with spaces rather than removed, so character offsets into the article
text are offsets into the file as decoded.

Files that cannot be read are reported, one message each, never raised.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import vocab

ARTICLE_SUFFIXES = (".txt",)
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Article:
    """One news article.

    Attributes
    ----------
    id : str
        File name without its extension; names the article in every output.
    path : str
    title : str
    text : str
        The decoded file with boilerplate lines blanked (same length as the file text).
    """

    id: str
    path: str
    title: str
    text: str


@dataclass(frozen=True)
class Problem:
    """A file that was not read, and why, in words a user can act on."""

    path: str
    message: str


def clean_boilerplate(text: str) -> str:
    """Blank out boilerplate lines, keeping every other character where it was."""
    patterns = vocab.boilerplate()
    out = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if any(p.match(body.strip()) for p in patterns):
            line = " " * len(body) + line[len(body):]
        out.append(line)
    return "".join(out)


def title_of(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())
    return ""


def read_article(path: str | Path) -> Article | Problem:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Problem(str(path), f"skipped: {size / 1e6:.0f} MB is larger than the {MAX_BYTES // 2**20} MB limit")
        data = path.read_bytes()
    except OSError as exc:
        return Problem(str(path), f"cannot be read: {exc.strerror or exc}")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem(str(path), "skipped: looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Problem(str(path), f"skipped: not valid UTF-8 (byte {exc.start}); save it as UTF-8")
    if not text.strip():
        return Problem(str(path), "skipped: the file is empty")
    cleaned = clean_boilerplate(text)
    return Article(id=path.stem, path=str(path), title=title_of(cleaned), text=cleaned)


def article_paths(paths: Iterable[str | Path]) -> Iterator[Path | Problem]:
    """Article files under ``paths`` (files or folders), sorted, each once."""
    seen: set[str] = set()
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = sorted(
                Path(root) / name
                for root, _dirs, names in os.walk(p)
                for name in names
                if name.lower().endswith(ARTICLE_SUFFIXES)
            )
        elif p.exists():
            found = [p]
        else:
            yield Problem(str(p), "not found")
            continue
        for f in found:
            key = str(f.resolve()) if f.exists() else str(f)
            if key not in seen:
                seen.add(key)
                yield f


def read_articles(paths: Iterable[str | Path]) -> tuple[list[Article], list[Problem]]:
    articles, problems = [], []
    for item in article_paths(paths):
        result = item if isinstance(item, Problem) else read_article(item)
        (problems if isinstance(result, Problem) else articles).append(result)
    return articles, problems
