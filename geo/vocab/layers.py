"""Where vocabulary rows come from: the bundled files, with the user's layers over them.

A vocabulary is a file name (``actors.csv``, ``not_places.txt`` ...). The bundled folder
(``data/vocab``, shipped as ``geo.data``) holds every vocabulary; a user layer is a folder
holding some of them, in the same format, in the user vocabulary folder
(``STRIKEMAP_VOCAB_DIR``; files directly in it form one layer, each sub-folder another).
Layers add, they never replace: their rows come *before* the bundled ones (so in the
vocabularies where the first matching row wins, a user's specific name beats a bundled
generic word), in the order of the layers' names.
"""
from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..resources import data_file, user_vocab_dir


class VocabularyError(ValueError):
    """A vocabulary file has a row that cannot be used; the message names file and row."""


@dataclass(frozen=True)
class Row:
    """One data row of a vocabulary CSV, with where it came from (for error messages)."""

    values: dict[str, str]
    where: str  # "path, data row N"


def bundled_dir() -> Path:
    return data_file("vocab")


def vocabulary_names() -> list[str]:
    """The vocabularies strikemap reads: the file names in the bundled folder."""
    return sorted(p.name for p in bundled_dir().iterdir() if p.suffix in (".csv", ".txt"))


def user_layers(folder: Path | None = None) -> list[Path]:
    """The user's layer folders, in the order their rows are read."""
    folder = folder or user_vocab_dir()
    if not folder.is_dir():
        return []
    names = set(vocabulary_names())
    own = [folder] if any((folder / n).is_file() for n in names) else []
    return own + sorted(p for p in folder.iterdir() if p.is_dir() and any((p / n).is_file() for n in names))


def files_for(name: str) -> list[Path]:
    """Every file holding vocabulary ``name``: the user layers' first, the bundled one last."""
    return [layer / name for layer in user_layers() if (layer / name).is_file()] + [bundled_dir() / name]


def lines(name: str) -> list[str]:
    """The non-comment lines of a word-list vocabulary (``.txt``), across layers."""
    out: list[str] = []
    for path in files_for(name):
        with open(path, encoding="utf-8") as fh:
            out += [ln.strip() for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    return out


def header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            if not line.startswith("#"):
                return next(csv.reader([line]))
    return []


def file_rows(path: Path, columns: list[str] | None = None, shown: str | Path | None = None) -> list[Row]:
    """The data rows of one vocabulary CSV (``#`` lines are comments). A row with more or fewer
    fields than the header is an error, not columns silently shifted or left empty. With
    ``columns`` (the bundled file's header), a user file may leave optional columns out (they
    read as empty) but may name no column the bundled file lacks. ``shown``: the name
    messages give the file (default: its path)."""
    shown = shown or path
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(line for line in fh if not line.startswith("#"))
        rows = list(reader)
        fields = list(reader.fieldnames or [])
    if columns is not None:
        unknown = [f for f in fields if f not in columns]
        if unknown or (columns and columns[0] not in fields):
            raise VocabularyError(f"{shown}: columns {fields} do not fit this vocabulary ({', '.join(columns)})")
    out = []
    for number, row in enumerate(rows, start=1):
        if None in row or None in row.values():  # extra fields go under None; missing ones are None
            given = sum(row[k] is not None for k in fields) + len(row.get(None) or ())
            raise VocabularyError(f"{shown}, data row {number}: {given} fields where the header has {len(fields)}"
                                  " (quote a field that holds a comma)")
        values = {c: row.get(c, "") for c in columns} if columns is not None else dict(row)
        out.append(Row(values, f"{shown}, data row {number}"))
    return out


def rows(name: str) -> list[Row]:
    """The data rows of vocabulary ``name`` across layers (user layers first)."""
    paths = files_for(name)
    columns = header(paths[-1])
    return [row for path in paths for row in file_rows(path, columns if path != paths[-1] else None)]


def fingerprint() -> str:
    """A hash of every vocabulary file in use, bundled and user: what a cached extraction
    depends on besides the gazetteer and the code."""
    digest = hashlib.sha256()
    for name in vocabulary_names():
        for path in files_for(name):
            digest.update(f"{path.parent.name}/{name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
