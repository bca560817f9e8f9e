"""The compiled gazetteer index and its on-disk cache.

Parsing GeoNames' JSON and normalising ~1.2 million names takes seconds, so the
result is compiled once into flat columns and two key tables and pickled into
the user cache directory. The cache file name carries a fingerprint of the
source files, so changed data rebuilds the index by itself.

Key tables map a normalised key to either a row number (the common case of a
key naming one place) or ``-(offset + 1)`` into a flat ``postings`` array that
holds ``count, row, row, ...``. Plain ``dict[str, int]`` unpickles several times
faster than a dict of lists.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .normalize import name_key, skeleton_key
from .place import Place, PlaceRecord

INDEX_FORMAT = 3  # bump when the compiled layout or the normalisation changes
_PLACE_FIELDS = Place.__slots__
_HASH_CONTENT_BELOW = 16 << 20


def _flatten(table: dict[str, set[int]]) -> tuple[dict[str, int], np.ndarray]:
    keys: dict[str, int] = {}
    postings: list[int] = []
    for key in sorted(table):
        rows = sorted(table[key])
        if len(rows) == 1:
            keys[key] = rows[0]
        else:
            keys[key] = -(len(postings) + 1)
            postings.append(len(rows))
            postings.extend(rows)
    return keys, np.asarray(postings, dtype=np.int32)


@dataclass
class GazetteerIndex:
    """Places as columns, plus name-key and skeleton-key tables over them."""

    columns: dict[str, list]
    name_keys: dict[str, int]
    name_postings: np.ndarray
    skeleton_keys: dict[str, int]
    skeleton_postings: np.ndarray
    primary_keys: list[str]  # name key of each place's canonical name
    layers: dict[str, int]  # layer name -> number of places

    @classmethod
    def compile(cls, layers: dict[str, Iterable[PlaceRecord]]) -> "GazetteerIndex":
        columns: dict[str, list] = {f: [] for f in _PLACE_FIELDS}
        names: dict[str, set[int]] = defaultdict(set)
        primary: list[str] = []
        counts: dict[str, int] = {}
        row = 0
        for layer, records in layers.items():
            start = row
            for record in records:
                for f in _PLACE_FIELDS:
                    columns[f].append(getattr(record.place, f))
                for n in record.names or (record.place.name,):
                    key = name_key(n)
                    if key:
                        names[key].add(row)
                primary.append(name_key(record.place.name))
                row += 1
            counts[layer] = row - start
        skeletons: dict[str, set[int]] = defaultdict(set)
        for key, rows in names.items():
            skel = skeleton_key(key)
            if len(skel) >= 2:
                skeletons[skel].update(rows)
        name_keys, name_postings = _flatten(names)
        skeleton_keys, skeleton_postings = _flatten(skeletons)
        return cls(columns, name_keys, name_postings, skeleton_keys, skeleton_postings, primary, counts)

    def __len__(self) -> int:
        return len(self.primary_keys)

    def place(self, row: int) -> Place:
        return Place(*(self.columns[f][row] for f in _PLACE_FIELDS))

    @staticmethod
    def _rows(keys: dict[str, int], postings: np.ndarray, key: str) -> list[int]:
        ref = keys.get(key)
        if ref is None:
            return []
        if ref >= 0:
            return [ref]
        start = -ref - 1
        count = int(postings[start])
        return postings[start + 1 : start + 1 + count].tolist()

    def has_name(self, key: str) -> bool:
        return key in self.name_keys

    def has_skeleton(self, key: str) -> bool:
        return key in self.skeleton_keys

    def rows_by_name(self, key: str) -> list[int]:
        return self._rows(self.name_keys, self.name_postings, key)

    def rows_by_skeleton(self, key: str) -> list[int]:
        return self._rows(self.skeleton_keys, self.skeleton_postings, key)


class _Concat(Sequence):
    """Two sequences read as one, without copying either."""

    def __init__(self, first: Sequence, second: Sequence):
        self.first, self.second, self.split = first, second, len(first)

    def __len__(self) -> int:
        return self.split + len(self.second)

    def __getitem__(self, i):
        return self.first[i] if i < self.split else self.second[i - self.split]


class StackedIndex:
    """The world index with small user layers on top, queried as one index.

    User layers are compiled on their own (in milliseconds), so importing a
    gazetteer never rebuilds the world index; their rows follow the base rows.
    """

    def __init__(self, base: GazetteerIndex, top: GazetteerIndex):
        self.base, self.top, self.offset = base, top, len(base)
        self.columns = {f: _Concat(base.columns[f], top.columns[f]) for f in base.columns}
        self.primary_keys = _Concat(base.primary_keys, top.primary_keys)
        self.layers = {**base.layers, **top.layers}

    def __len__(self) -> int:
        return self.offset + len(self.top)

    def place(self, row: int) -> Place:
        return self.base.place(row) if row < self.offset else self.top.place(row - self.offset)

    def has_name(self, key: str) -> bool:
        return self.base.has_name(key) or self.top.has_name(key)

    def has_skeleton(self, key: str) -> bool:
        return self.base.has_skeleton(key) or self.top.has_skeleton(key)

    def rows_by_name(self, key: str) -> list[int]:
        return self.base.rows_by_name(key) + [r + self.offset for r in self.top.rows_by_name(key)]

    def rows_by_skeleton(self, key: str) -> list[int]:
        return self.base.rows_by_skeleton(key) + [r + self.offset for r in self.top.rows_by_skeleton(key)]


def cache_dir() -> Path:
    env = os.environ.get("STRIKEMAP_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("strikemap"))


def fingerprint(files: Iterable[Path]) -> str:
    """Hash of the index format and of every source file.

    Small files (the project's CSVs, which people edit) are hashed by content;
    large package files by size and modification time, which keeps start-up fast.
    """
    digest = hashlib.sha256(f"format {INDEX_FORMAT}".encode())
    for path in files:
        stat = path.stat()
        digest.update(f"{path.name} {stat.st_size}".encode())
        if stat.st_size > _HASH_CONTENT_BELOW:
            digest.update(str(stat.st_mtime_ns).encode())
        else:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_or_build(
    sources: dict[str, tuple[Callable[[], Iterable[PlaceRecord]], Callable[[], list[Path]]]],
) -> GazetteerIndex:
    """Load the compiled index for these sources from the cache, building it if needed.

    A cache that cannot be written (read-only home, full disk) only costs speed.
    """
    files = [path for _, paths in sources.values() for path in paths()]
    target = cache_dir() / f"gazetteer-{fingerprint(files)}.pickle"
    try:
        with open(target, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    index = GazetteerIndex.compile({name: make() for name, (make, _) in sources.items()})
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".tmp") as tmp:
            pickle.dump(index, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, target)
    except OSError:
        pass
    return index
