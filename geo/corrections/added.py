"""Claims a reviewer adds: the article they are in, read again, and the sentence found in its text.

An added claim quotes its article and sentence like any decision; its offsets, title, link and
date are taken from the article itself, so it reads in every output like an extracted claim.
The sentence is found as quoted (spaces aside), near the offsets given where it comes twice,
and widened to the whole sentences it lies in, as the extractor splits them.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..articles import Article, Problem, article_paths, read_path
from ..text import sentences

SINGLE_ARTICLE_SUFFIXES = (".txt", ".html", ".htm")  # a file of one article, named by its id


def find_articles(paths: Iterable[str | Path], ids: set[str]) -> dict[str, Article]:
    """The articles with ``ids`` among the inputs at ``paths`` (files of one article are opened only when
    their name is an id sought; files of records are read through)."""
    found: dict[str, Article] = {}
    if not ids:
        return found
    for path in article_paths(paths):
        if isinstance(path, Problem):
            continue
        if path.suffix.lower() in SINGLE_ARTICLE_SUFFIXES and path.stem not in ids:
            continue
        for item in read_path(path):
            if isinstance(item, Article) and item.id in ids and item.id not in found:
                found[item.id] = item
        if len(found) == len(ids):
            break
    return found


def locate_sentence(text: str, quoted: str, start: int | None, end: int | None) -> tuple[int, int] | None:
    """Where the quoted sentence (or, with none quoted, the offsets) lies in ``text``, widened to whole sentences."""
    if quoted:
        pattern = r"\s+".join(re.escape(word) for word in _straight(quoted).split())
        matches = [m.span() for m in re.finditer(pattern, _straight(text))] if pattern else []
        if not matches:
            return None
        span = min(matches, key=lambda s: (abs(s[0] - start), s)) if start is not None else matches[0]
    elif start is not None and end is not None and 0 <= start < end <= len(text):
        span = (start, end)
    else:
        return None
    inside = [s for s in sentences(text) if s.start < span[1] and span[0] < s.end]
    return (inside[0].start, inside[-1].end) if inside else span


def locate_mention(text: str, sentence: tuple[int, int], place_text: str, near: int | None) -> tuple[int, int] | None:
    """Where the place as written stands in the sentence (nearest ``near`` where it comes twice)."""
    if not place_text.strip():
        return None
    pattern = r"\s+".join(re.escape(word) for word in _straight(place_text).split())
    start, end = sentence
    spans = [(start + m.start(), start + m.end())
             for m in re.finditer(pattern, _straight(text[start:end]), re.IGNORECASE)]
    if not spans:
        return None
    return min(spans, key=lambda s: (abs(s[0] - near), s)) if near is not None else spans[0]


# Typographic quotes as straight ones, one character for one (offsets stay those of the text).
_STRAIGHT = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def _straight(text: str) -> str:
    return text.translate(_STRAIGHT)
