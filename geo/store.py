"""The claims table on disk: rows spilled to a temporary SQLite file as they arrive, read back in batches.

Holding every (claim, place) row in memory until the end made a run's peak grow
with the corpus (about 1.2 KB a row, 695 MB at 100k articles). Here the rows go
to a file as the files are read, are sorted there into table order (SQLite
sorts out of core), and every later stage reads them back a batch at a time, as
frames with the claims table's columns and types (:mod:`geo.table`). Memory is
then one batch and the few aggregates a stage keeps.

The file lives in a folder of its own in the system's temporary folder (``TMPDIR``;
about 1.3 KB a row, twice that while the rows are sorted), removed when the
store is closed or collected; a run that was killed cannot remove its own, so a
new store removes those of processes that are gone. Processes forked while the
store is open (the map writer) open their own connection: an SQLite connection
must not cross a fork.
"""
from __future__ import annotations

import math
import os
import shutil
import sqlite3
import struct
import tempfile
import weakref
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from .table import COLUMNS, INTEGER_COLUMNS, Row, _text, rows_frame

#: Rows per batch read back (``STRIKEMAP_BATCH_ROWS`` to change: small values test the batching).
DEFAULT_BATCH_ROWS = 2048

# Table order, as TableBuilder sorts (stable, missing offsets last); pos keeps arrival order among equals.
_ORDER = ('"article", "sentence_start" IS NULL, "sentence_start", "mention_start" IS NULL, "mention_start", '
          '"claim_id", pos')
_FIELDS = (*COLUMNS, "lon", "lat")
_NAMES = ", ".join(f'"{c}"' for c in _FIELDS)  # quoted: "trigger" and "precision" are SQL words
_ARRIVED_NAMES = ", ".join(f'a."{c}"' for c in _FIELDS)
# The point is made as the row goes in (numbered parameters: lon and lat are given once).
_INSERT = (f"INSERT INTO arrived ({_NAMES}, geometry) VALUES ({', '.join(f'?{i}' for i in range(1, len(_FIELDS) + 1))}, "
           f"wkb_point(?{len(_FIELDS) - 1}, ?{len(_FIELDS)}))")
_ARTICLE, _SENTENCE, _MENTION, _CLAIM = (COLUMNS.index(c) for c in ("article", "sentence_start", "mention_start", "claim_id"))


def order_key(row: tuple) -> tuple:
    """A prepared row's place in table order (:data:`_ORDER` but arrival), as Python compares: SQLite
    compares text as Python does (code point by code point) and numbers as numbers."""
    sentence, mention = row[_SENTENCE], row[_MENTION]
    return (row[_ARTICLE], sentence is None, sentence or 0, mention is None, mention or 0, row[_CLAIM])
# BIGINT, not INTEGER: GDAL reads INTEGER columns as 32-bit (the GeoPackage is written from this file through GDAL).
_DECLARED = ", ".join(f'"{c}" {"BIGINT" if c in INTEGER_COLUMNS else "REAL" if c == "uncertainty_km" else "TEXT"}'
                      for c in COLUMNS)
# What GDAL's SQLite driver needs to read the claims table as a layer of points: the geometry column, as WKB.
_LAYER_METADATA = (
    "CREATE TABLE geometry_columns (f_table_name TEXT, f_geometry_column TEXT, geometry_type INTEGER, "
    "coord_dimension INTEGER, srid INTEGER, geometry_format TEXT)",
    "INSERT INTO geometry_columns VALUES ('claims', 'geometry', 1, 2, 4326, 'WKB')",
    "CREATE TABLE spatial_ref_sys (srid INTEGER UNIQUE, auth_name TEXT, auth_srid TEXT, srtext TEXT)",
)


def _wkb_point(lon: float | None, lat: float | None) -> bytes | None:
    return None if lon is None else struct.pack("<BIdd", 1, 1, lon, lat)  # little-endian Point


_BUSY_MS = 600_000  # how long a statement waits for another process's on the same store
PREFIX = "strikemap-claims-"  # then the process id: a folder whose process is gone is left over


def _sweep(folder: str) -> None:
    """Remove the folders of stores whose process is gone (a run that was killed)."""
    for path in Path(folder).glob(f"{PREFIX}*"):
        pid = path.name[len(PREFIX):].partition("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        return True
    return True


def batch_rows() -> int:
    return max(1, int(os.environ.get("STRIKEMAP_BATCH_ROWS") or DEFAULT_BATCH_ROWS))


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f'c."{n}"' for n in names)


def prepared(rows: Iterable[Row]) -> list[tuple]:
    """Rows of the claims table (:data:`geo.table.Row`) as the store keeps them: each cell as the table
    holds it (see :func:`_cell`), then lon and lat (None for no place).

    Plain tuples of plain values: made once, where a file is read (a worker), and kept so in the
    extraction cache, they go into the store as they are.
    """
    made = []
    for *values, point in rows:
        lon, lat = point if point is not None else (None, None)
        made.append((*map(_cell, COLUMNS, values), lon, lat))
    return made


def _cell(name: str, value):
    """A value as the claims table holds it (see TableBuilder): text "" rather than missing."""
    if name in INTEGER_COLUMNS:
        return None if value is None or value is pd.NA else int(value)
    if name == "uncertainty_km":
        return None if value is None or value is pd.NA or math.isnan(value) else float(value)
    return _text(value)


class ClaimStore:
    """Claims-table rows in a temporary SQLite file.

    :meth:`add` rows as they come, :meth:`finish` once (sorts them into table
    order: a row's position is its place in the table), then read them with
    :meth:`batches`, :meth:`frame`, :meth:`take`, :meth:`query` and :meth:`one`.
    Grouping records each row's event with :meth:`set_membership` and
    :meth:`set_event_ids`; frames then show it in ``event_id``. The file's
    ``claims`` table is also a layer GDAL reads (points in ``geometry``).
    """

    INSERT_BATCH = 4096  # rows inserted at once: one call per row would cost more than the insert

    def __init__(self, directory: str | None = None):
        directory = directory or tempfile.gettempdir()
        _sweep(directory)
        self._dir = tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=directory)
        self.path = os.path.join(self._dir, "claims.sqlite")
        self._cleanup = weakref.finalize(self, shutil.rmtree, self._dir, True)
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._pending: list[tuple] = []
        self.rows = 0
        self._last: tuple | None = None  # the order key of the last row added while they come in table order
        self._in_order = True
        db = self._connection()
        # The rows go in as the claims table holds them, numbered from 0 (SQLite numbers a row one past the
        # largest number: a placeholder at -1 makes it start at 0): rows that arrive in table order are the
        # table as they are, with no sorted copy (see finish).
        db.execute(f"CREATE TABLE arrived (pos INTEGER PRIMARY KEY, {_DECLARED}, lon REAL, lat REAL, geometry BLOB)")
        db.execute("INSERT INTO arrived (pos) VALUES (-1)")

    def __getstate__(self) -> dict:
        """What a store sent to another process is (see :meth:`__setstate__`): its file and its size."""
        self._flush()
        return {"path": self.path, "dir": self._dir, "rows": self.rows}

    def __setstate__(self, state: dict) -> None:
        """The store as another process (a writer forked before the claims were read) receives it: the
        same file, opened by a connection of its own, to read; the sender removes it."""
        self.path, self._dir, self.rows = state["path"], state["dir"], state["rows"]
        self._db, self._pid, self._pending = None, 0, []
        self._cleanup = lambda: None

    def _connection(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():  # a forked child opens its own
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._pid = os.getpid()
            # A scratch file: nothing to recover after a crash, so no journal and no syncing;
            # a bounded page cache and sorts spilled to files keep SQLite's own memory flat too.
            # Another process may read it while this one groups events (the map's): each waits for the other.
            for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -4096", "temp_store = FILE",
                           f"busy_timeout = {_BUSY_MS}"):
                self._db.execute(f"PRAGMA {pragma}")
        return self._db

    # -- writing ---------------------------------------------------------------
    def add(self, rows: Iterable[Row]) -> None:
        """Rows of the claims table (:data:`geo.table.Row`), in any order."""
        self.add_prepared(prepared(rows))

    def add_prepared(self, rows: list[tuple]) -> None:
        """Rows as :func:`prepared` makes them (a worker, or the extraction cache, made them): in any order;
        in table order (see :func:`order_key`), :meth:`finish` need not sort them."""
        if self._in_order and rows:
            keys = list(map(order_key, rows))
            if (self._last is not None and keys[0] < self._last) or any(b < a for a, b in zip(keys, keys[1:])):
                self._in_order = False
            self._last = keys[-1]
        self._pending.extend(rows)
        if len(self._pending) >= self.INSERT_BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            db = self._connection()
            db.create_function("wkb_point", 2, _wkb_point, deterministic=True)
            db.execute("BEGIN")
            db.executemany(_INSERT, self._pending)
            db.execute("COMMIT")
            self._pending = []

    def finish(self, sort: bool = True) -> None:
        """Sort the rows into table order (``sort=False``: keep the order they came in); positions are 0, 1, ... in it."""
        self._flush()
        db = self._connection()
        db.execute("BEGIN")
        db.execute("DELETE FROM arrived WHERE pos = -1")
        if sort and not self._in_order:
            # The sort keys alone are sorted (the rows whole would be, spilled to files, for twice the time);
            # then the rows are copied in their order.
            db.execute(f"CREATE TABLE claims (pos INTEGER PRIMARY KEY, {_DECLARED}, lon REAL, lat REAL, geometry BLOB)")
            db.execute("CREATE TEMP TABLE sorted (pos INTEGER PRIMARY KEY, seq INTEGER NOT NULL)")
            db.execute(f"INSERT INTO sorted SELECT row_number() OVER (ORDER BY {_ORDER}) - 1, pos FROM arrived ORDER BY {_ORDER}")
            db.execute(f"INSERT INTO claims SELECT s.pos, {_ARRIVED_NAMES}, a.geometry "
                       "FROM sorted s JOIN arrived a ON a.pos = s.seq ORDER BY s.pos")
            db.execute("DROP TABLE sorted")
            db.execute("DROP TABLE arrived")
        else:  # already in table order, numbered from 0: the table as it is
            db.execute("ALTER TABLE arrived RENAME TO claims")
        for statement in _LAYER_METADATA:
            db.execute(statement)
        db.execute("CREATE TABLE membership (pos INTEGER PRIMARY KEY, event INTEGER NOT NULL)")
        db.execute("CREATE TABLE events (event INTEGER PRIMARY KEY, event_id TEXT NOT NULL)")
        db.execute("COMMIT")
        self.rows = self.one("SELECT count(*) FROM claims")[0]

    def split_off(self, where: str) -> ClaimStore:
        """Move the rows ``where`` holds for (SQL over the claims table, after :meth:`finish`) into a
        store of their own; both keep table order and number their rows from 0."""
        other = ClaimStore(os.path.dirname(self._dir))
        db = self._connection()
        (moving,) = self.one(f"SELECT count(*) FROM claims WHERE {where}")
        if moving:
            db.execute("ATTACH DATABASE ? AS other", (other.path,))
            db.execute("BEGIN")
            db.execute(f"INSERT INTO other.arrived ({_NAMES}, geometry) SELECT {_NAMES}, geometry FROM claims "
                       f"WHERE {where} ORDER BY pos")
            db.execute("COMMIT")
            db.execute("DETACH DATABASE other")
            db.execute("BEGIN")
            db.execute(f"DELETE FROM claims WHERE {where}")
            # Positions 0, 1 ... again, through negative ones so that no two rows ever share one.
            db.execute("CREATE TEMP TABLE renumbered (old INTEGER PRIMARY KEY, new INTEGER)")
            db.execute("INSERT INTO renumbered SELECT pos, row_number() OVER (ORDER BY pos) - 1 FROM claims")
            db.execute("UPDATE claims SET pos = -1 - (SELECT new FROM renumbered WHERE old = claims.pos)")
            db.execute("UPDATE claims SET pos = -1 - pos")
            db.execute("DROP TABLE renumbered")
            db.execute("COMMIT")
            self.rows -= moving
        other.finish(sort=False)
        return other

    def set_membership(self, membership: Iterable[tuple[int, int]]) -> None:
        """Each grouped row's event number, as ``(position, event number)`` in position order."""
        self._insert("membership", membership)

    def scratch_file(self, name: str) -> str:
        """A path in the store's own folder, for a file made from the store (removed with the store)."""
        return os.path.join(self._dir, name)

    def scratch(self, sql: str) -> None:
        """Run ``sql`` that makes or drops a temporary table (a stage's working table)."""
        self._connection().execute(sql)

    def record_nodes(self, nodes: Iterable[tuple[int, int]]) -> None:
        """Grouping's node of rows, as ``(position, node)``: see :meth:`set_membership_of_nodes`."""
        db = self._connection()
        db.execute("CREATE TEMP TABLE IF NOT EXISTS nodes (pos INTEGER PRIMARY KEY, node INTEGER NOT NULL)")
        db.execute("BEGIN")
        db.executemany("INSERT INTO nodes VALUES (?, ?)", nodes)
        db.execute("COMMIT")

    def set_membership_of_nodes(self, node_events: Iterable[tuple[int, int]]) -> None:
        """Each recorded row's event number, from the event number of each node, as ``(node, event number)``
        (the nodes recorded are then forgotten)."""
        db = self._connection()
        db.execute("CREATE TEMP TABLE IF NOT EXISTS nodes (pos INTEGER PRIMARY KEY, node INTEGER NOT NULL)")
        db.execute("CREATE TEMP TABLE node_events (node INTEGER PRIMARY KEY, event INTEGER NOT NULL)")
        db.execute("BEGIN")
        db.executemany("INSERT INTO node_events VALUES (?, ?)", node_events)
        db.execute("DELETE FROM membership")
        db.execute("INSERT INTO membership SELECT n.pos, e.event FROM nodes n JOIN node_events e ON e.node = n.node "
                   "ORDER BY n.pos")
        db.execute("DROP TABLE nodes")
        db.execute("DROP TABLE node_events")
        db.execute("COMMIT")

    def set_event_ids(self, event_ids: Sequence[str]) -> None:
        """Each event number's id, and each row's ``event_id`` from them ("" for rows in no event)."""
        self._insert("events", enumerate(event_ids))
        db = self._connection()
        db.execute("BEGIN")
        db.execute("UPDATE claims SET event_id = coalesce((SELECT e.event_id FROM membership m JOIN events e "
                   "ON e.event = m.event WHERE m.pos = claims.pos), '')")
        db.execute("COMMIT")
        self.index_events()

    def index_events(self) -> None:
        """An index of rows by event: the map reads each event's claims."""
        self._connection().execute('CREATE INDEX IF NOT EXISTS claims_event ON claims ("event_id", pos)')

    def _insert(self, table: str, rows: Iterable[tuple[int, object]]) -> None:
        db = self._connection()
        db.execute("BEGIN")
        db.execute(f"DELETE FROM {table}")
        db.executemany(f"INSERT INTO {table} VALUES (?, ?)", rows)
        db.execute("COMMIT")

    # -- reading ---------------------------------------------------------------
    def __len__(self) -> int:
        return self.rows

    def query(self, sql: str, params: Sequence = ()) -> Iterator[tuple]:
        """Rows of ``sql`` over the tables ``claims``, ``membership`` and ``events``, fetched a batch at a time."""
        cursor = self._connection().execute(sql, params)
        while batch := cursor.fetchmany(batch_rows()):
            yield from batch

    def one(self, sql: str, params: Sequence = ()) -> tuple:
        """The first row of ``sql`` (an aggregate's), its statement then closed."""
        cursor = self._connection().execute(sql, params)
        try:
            return cursor.fetchone()
        finally:
            cursor.close()

    def _select(self, columns: Sequence[str]) -> str:
        return f"SELECT c.pos, {_quoted(columns)}, c.lon, c.lat FROM claims c"

    def frame(self, start: int, stop: int, columns: Sequence[str] = COLUMNS) -> gpd.GeoDataFrame:
        """Rows at positions ``start`` to ``stop`` (excluded), labelled by position, as the claims table has them."""
        fetched = self._connection().execute(f"{self._select(columns)} WHERE c.pos >= ? AND c.pos < ? ORDER BY c.pos",
                                             (start, stop)).fetchall()
        return _frame(fetched, columns)

    def take(self, positions: Sequence[int] | np.ndarray, columns: Sequence[str] = COLUMNS) -> gpd.GeoDataFrame:
        """Rows at ``positions`` (ascending), labelled by position."""
        return _frame(self.take_rows(positions, columns), columns)

    def take_rows(self, positions: Sequence[int] | np.ndarray, columns: Sequence[str] = COLUMNS) -> list[tuple]:
        """Rows at ``positions`` (ascending) as the store holds them: (position, the values of ``columns``, lon, lat)."""
        fetched: list[tuple] = []
        positions = np.asarray(positions, dtype=np.int64)
        low, high = (int(positions.min()), int(positions.max())) if len(positions) else (0, 0)
        if len(positions) > 1 and high - low < 2 * len(positions):
            # Most rows of a stretch of the table: read the stretch in one query, keep those asked for.
            wanted = set(positions.tolist())
            rows = self._connection().execute(f"{self._select(columns)} WHERE c.pos >= ? AND c.pos <= ? ORDER BY c.pos",
                                              (low, high))
            return [row for row in rows if row[0] in wanted]
        step = 500  # SQLite's limit on bound parameters is far above; a few hundred keep each query cheap
        for start in range(0, len(positions), step):
            chunk = positions[start:start + step].tolist()
            fetched += self._connection().execute(
                f"{self._select(columns)} WHERE c.pos IN ({', '.join('?' * len(chunk))}) ORDER BY c.pos", chunk).fetchall()
        return fetched

    def batches(self, columns: Sequence[str] = COLUMNS, size: int | None = None) -> Iterator[gpd.GeoDataFrame]:
        """The whole table, a frame of ``size`` rows (default :func:`batch_rows`) at a time; one empty frame if it has none."""
        size = size or batch_rows()
        for start in range(0, max(self.rows, 1), size):
            yield self.frame(start, min(start + size, self.rows), columns)

    def close(self) -> None:
        """Remove the file (also done when the store is collected)."""
        if self._db is not None and self._pid == os.getpid():
            self._db.close()
        self._db = None
        self._cleanup()


def _frame(fetched: list[tuple], columns: Sequence[str]) -> gpd.GeoDataFrame:
    rows = [(*r[1:-2], None if r[-2] is None else (r[-2], r[-1])) for r in fetched]
    return rows_frame(rows, columns, [r[0] for r in fetched])


def store_of(table: gpd.GeoDataFrame) -> ClaimStore:
    """A store holding ``table``'s rows (in its order; its event ids kept): for callers that have a table in memory."""
    store = ClaimStore()
    columns = [table[c].tolist() for c in COLUMNS]
    points = [None if g is None or g.is_empty else (g.x, g.y) for g in table.geometry]
    store.add((*values, point) for *values, point in zip(*columns, points))
    store.finish(sort=False)
    store.index_events()
    return store


def as_store(claims: ClaimStore | gpd.GeoDataFrame) -> ClaimStore:
    """``claims`` if it is a store, else a store of the table (see :func:`store_of`)."""
    return claims if isinstance(claims, ClaimStore) else store_of(claims)
