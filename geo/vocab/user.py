"""User vocabulary layers: ``strikemap vocab import FILE`` and ``strikemap vocab list``.

A layer is a folder in the user vocabulary folder (:func:`geo.resources.user_vocab_dir`)
holding files named and written like the bundled ones (``actors.csv``, ``affiliations.csv``,
``not_places.txt`` ...). ``import`` takes either

- a file named like a bundled vocabulary (``actors.csv``), in its format; columns the user
  leaves out read as empty; or
- one CSV for a whole theatre, with a ``vocabulary`` column naming, on each row, the
  vocabulary the row adds to (``actors``, ``affiliations``, ``strikers`` ...) and that
  vocabulary's columns beside it (a newsroom's outlets, officials and armed groups in one
  file).

Every row is checked (its columns, its pattern) before anything is written; the layer is
written whole or not at all.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..resources import user_vocab_dir
from . import reload
from .layers import VocabularyError, bundled_dir, file_rows, header, user_layers, vocabulary_names


@dataclass(frozen=True)
class VocabularyLayer:
    name: str
    path: Path
    rows: dict[str, int]  # vocabulary file -> rows it adds


def list_layers(folder: Path | None = None) -> list[VocabularyLayer]:
    out = []
    for layer in user_layers(folder):
        counts = {}
        for name in vocabulary_names():
            path = layer / name
            if path.is_file():
                counts[name] = len(file_rows(path)) if name.endswith(".csv") else _word_count(path)
        out.append(VocabularyLayer(layer.name, layer, counts))
    return out


def _word_count(path: Path) -> int:
    with open(path, encoding="utf-8") as fh:
        return sum(1 for ln in fh if ln.strip() and not ln.lstrip().startswith("#"))


def import_file(path: str | Path, name: str | None = None, folder: Path | None = None) -> VocabularyLayer:
    """Check ``path`` and add it to the user layer ``name`` (default: the file's stem)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise VocabularyError(f"{path}: cannot read it as UTF-8 text ({exc})") from None
    files = _split_by_vocabulary(path, text) if path.suffix == ".csv" and "vocabulary" in _first_row(text) else {path.name: text}
    for target, body in files.items():
        _check(path, target, body)
    layer = (folder or user_vocab_dir()) / _layer_name(name or path.stem)
    layer.mkdir(parents=True, exist_ok=True)
    for target, body in files.items():
        existing = (layer / target).read_text(encoding="utf-8") if (layer / target).is_file() else ""
        merged = body if not existing else existing.rstrip("\n") + "\n" + _without_header(body, target)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=layer, delete=False, suffix=".tmp", newline="") as tmp:
            tmp.write(merged)
        shutil.move(tmp.name, layer / target)
    reload()
    return next(found for found in list_layers(folder) if found.path == layer)


def _first_row(text: str) -> list[str]:
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            return next(csv.reader([line]))
    return []


def _split_by_vocabulary(path: Path, text: str) -> dict[str, str]:
    """A theatre's CSV as one CSV per vocabulary, each in that vocabulary's columns."""
    reader = csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#"))
    by_target: dict[str, list[dict[str, str]]] = {}
    for number, row in enumerate(reader, start=1):
        vocabulary = (row.get("vocabulary") or "").strip()
        target = f"{vocabulary}.csv"
        if target not in vocabulary_names():
            known = ", ".join(n[:-4] for n in vocabulary_names() if n.endswith(".csv"))
            raise VocabularyError(f"{path}, data row {number}: no vocabulary {vocabulary!r} (one of: {known})")
        by_target.setdefault(target, []).append(row)
    out = {}
    for target, found in by_target.items():
        columns = header(bundled_dir() / target)
        for row in found:
            extra = [k for k, v in row.items() if k not in columns and k != "vocabulary" and (v or "").strip()]
            if extra:
                raise VocabularyError(f"{path}: {target[:-4]} rows take no {', '.join(extra)} (columns: {', '.join(columns)})")
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows({c: row.get(c) or "" for c in columns} for row in found)
        out[target] = buffer.getvalue()
    return out


def _check(source: Path, target: str, body: str) -> None:
    """Every row of ``body`` (for vocabulary ``target``) reads as the vocabulary reads it."""
    if target not in vocabulary_names():
        raise VocabularyError(f"{source}: not a vocabulary strikemap reads (a file named like one of: "
                              f"{', '.join(vocabulary_names())}; or a CSV with a 'vocabulary' column)")
    if not target.endswith(".csv"):
        return
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / target
        probe.write_text(body, encoding="utf-8")
        columns = header(bundled_dir() / target)
        for row in file_rows(probe, columns, shown=f"{source} ({target[:-4]})"):
            pattern = row.values.get("pattern")
            if pattern is not None:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise VocabularyError(f"{row.where}: bad pattern {pattern!r} ({exc})") from None


def _without_header(body: str, target: str) -> str:
    if not target.endswith(".csv"):
        return body
    lines = [ln for ln in body.splitlines(keepends=True) if not ln.startswith("#")]
    return "".join(lines[1:])


def _layer_name(name: str) -> str:
    slug = re.sub(r"[^\w.-]+", "-", name).strip("-.")
    if not slug:
        raise VocabularyError(f"{name!r} is no usable layer name")
    return slug
