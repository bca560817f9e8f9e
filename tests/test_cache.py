"""The per-file extraction cache: incremental runs give the bytes of a full run, whatever happened before."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo import cache
from geo.pipeline import run

from .conftest import ROOT, copy_seeds

STRIKE = ("Title: Strike {i}\nDate: 2015-10-0{day}\nSource: Outlet {outlet}\n\n"
          "SANA reported that Russian jets struck ISIL positions in {town} on Wednesday, killing {dead} fighters.\n")
TOWNS = ("Rastan", "Talbiseh", "Salma", "Latamneh", "Maarat al-Numan", "Jisr al-Shughour")


def _own_cache_dir(folder: Path, monkeypatch) -> Path:
    """Make ``folder`` the cache directory, with links to the compiled gazetteer index in the usual
    one (so that strikemap processes started by the test need not compile it again)."""
    from geo.gazetteer import Gazetteer
    from geo.gazetteer.index import cache_dir

    Gazetteer.default()  # compiled, if need be, where the other tests find it
    folder.mkdir()
    for index in cache_dir().glob("gazetteer-*.pickle"):
        (folder / index.name).symlink_to(index)
    monkeypatch.setenv("STRIKEMAP_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    """A cache directory of the test's own."""
    return _own_cache_dir(tmp_path / "cache", monkeypatch)


def _strike(i: int) -> str:
    return STRIKE.format(i=i, day=1 + i % 5, outlet=i % 3, town=TOWNS[i % len(TOWNS)], dead=10 + i)


def _archive(folder: Path, n: int = 12) -> Path:
    copy_seeds(folder)
    for i in range(n):
        (folder / f"extra{i:02d}.txt").write_text(_strike(i), encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    return folder


def _same_outputs(a, b) -> None:
    assert a.outputs.keys() == b.outputs.keys()
    for kind in a.outputs:
        assert a.outputs[kind].read_bytes() == b.outputs[kind].read_bytes(), kind


def _entries(folder: Path) -> int:
    with sqlite3.connect(folder / cache.CACHE_FILE) as db:
        return db.execute("SELECT count(*) FROM results").fetchone()[0]


def test_added_changed_and_removed_files_give_the_bytes_of_a_full_run(cache_dir, tmp_path):
    src = _archive(tmp_path / "in")
    first = run([src], tmp_path / "first", jobs=2, cache=True)
    assert first.reused == 0 and _entries(cache_dir) == 18
    (src / "added.txt").write_text(_strike(40), encoding="utf-8")
    (src / "extra03.txt").write_text(_strike(41), encoding="utf-8")  # changed
    (src / "extra05.txt").unlink()  # removed
    (src / "sub").mkdir()
    (src / "sub" / "moved.txt").write_bytes((src / "extra07.txt").read_bytes())  # the same bytes under a new name
    (src / "extra07.txt").unlink()
    again = run([src], tmp_path / "again", jobs=2, cache=True)
    full = run([src], tmp_path / "full", jobs=1)
    assert again.reused == 15  # 18 files, less the changed, removed and moved ones
    assert "extra05" not in again.outputs["geojson"].read_text() and "moved" in again.outputs["geojson"].read_text()
    _same_outputs(again, full)
    assert (again.articles, [p.path for p in again.problems]) == (full.articles, [p.path for p in full.problems])
    # One process or several, from the cache or not: the same bytes.
    _same_outputs(run([src], tmp_path / "one", jobs=1, cache=True), full)


def test_no_cache_reads_everything_and_keeps_nothing(cache_dir, tmp_path):
    src = _archive(tmp_path / "in", 3)
    result = run([src], tmp_path / "out", cache=False)
    assert result.reused is None and not (cache_dir / cache.CACHE_FILE).exists()
    cli = subprocess.run([sys.executable, "-m", "geo.cli", "run", str(src), "--out", str(tmp_path / "cli"), "--no-cache",
                          "--jobs", "1"], capture_output=True, text=True, env=os.environ)
    assert cli.returncode == 2, cli.stderr  # bad.txt is skipped
    assert "files from the cache" not in cli.stdout and not (cache_dir / cache.CACHE_FILE).exists()
    for name in ("strikes.geojson", "strikes.csv", "run-report.json"):
        assert (tmp_path / "cli" / name).read_bytes() == (tmp_path / "out" / name).read_bytes()


def test_cli_reuses_and_cache_clear_empties(cache_dir, tmp_path):
    src = _archive(tmp_path / "in", 3)
    cli = [sys.executable, "-m", "geo.cli"]
    subprocess.run([*cli, "run", str(src), "--out", str(tmp_path / "a"), "--jobs", "1"], capture_output=True, check=False)
    second = subprocess.run([*cli, "run", str(src), "--out", str(tmp_path / "b"), "--jobs", "1"], capture_output=True, text=True)
    assert "files from the cache  9 " in second.stdout
    info = subprocess.run([*cli, "cache", "info"], capture_output=True, text=True, check=True)
    assert f"{cache_dir / cache.CACHE_FILE}: 9 file results" in info.stdout
    cleared = subprocess.run([*cli, "cache", "clear"], capture_output=True, text=True, check=True)
    assert cleared.stdout.startswith("removed 9 cached file results") and _entries(cache_dir) == 0
    third = subprocess.run([*cli, "run", str(src), "--out", str(tmp_path / "c"), "--jobs", "1"], capture_output=True, text=True)
    assert "files from the cache" not in third.stdout
    for name in ("strikes.geojson", "strikes.html", "strikes.gpkg", "run-report.json"):
        assert (tmp_path / "c" / name).read_bytes() == (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_a_killed_run_leaves_a_usable_cache(cache_dir, tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from make_corpus import write
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    src = write(tmp_path / "in", 800, seed=3)
    child = subprocess.Popen([sys.executable, "-m", "geo.cli", "run", str(src), "--out", str(tmp_path / "killed"),
                              "--jobs", "1", "--quiet"], env=os.environ)
    deadline = time.monotonic() + 300
    try:
        while child.poll() is None and time.monotonic() < deadline:
            try:
                if (cache_dir / cache.CACHE_FILE).exists() and _entries(cache_dir) > 0:
                    break
            except sqlite3.OperationalError:  # created, its table not yet
                pass
            time.sleep(0.05)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    with sqlite3.connect(cache_dir / cache.CACHE_FILE) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = _entries(cache_dir)
    assert 0 < kept < 800
    resumed = run([src], tmp_path / "resumed", jobs=2, cache=True)
    assert resumed.reused == kept
    _same_outputs(resumed, run([src], tmp_path / "full", jobs=2))


def test_a_vocabulary_change_invalidates_the_cache(cache_dir, tmp_path, monkeypatch):
    layers = tmp_path / "vocab"
    monkeypatch.setenv("STRIKEMAP_VOCAB_DIR", str(layers))  # read by the strikemap processes started here
    src = _archive(tmp_path / "in", 6)
    cli = [sys.executable, "-m", "geo.cli", "run", str(src), "--jobs", "1", "--out"]

    def places(out: str) -> str:
        subprocess.run([*cli, str(tmp_path / out)], capture_output=True, env=os.environ)
        return (tmp_path / out / "strikes.geojson").read_text(encoding="utf-8")

    assert '"Ar Rastan"' in places("before")
    stored = _entries(cache_dir)
    (layers / "mine").mkdir(parents=True)
    (layers / "mine" / "not_places.txt").write_text("rastan\n", encoding="utf-8")  # "Rastan" is no place any more
    after = places("after")
    assert '"Ar Rastan"' not in after  # not the claims the cache kept from before
    assert _entries(cache_dir) == 2 * stored  # every file read again, under new keys


def test_the_fingerprint_covers_data_user_layers_and_vocabulary_layers(tmp_path, monkeypatch):
    from geo.gazetteer import sources

    before = cache.fingerprint()
    assert cache.fingerprint() == before
    vocab = tmp_path / "vocab"
    vocab.mkdir()
    monkeypatch.setenv("STRIKEMAP_VOCAB_DIR", str(vocab))
    assert cache.fingerprint() == before  # no vocabulary layer in it
    (vocab / "mine.csv").write_text("pattern,label\n", encoding="utf-8")
    with_a_layer = cache.fingerprint()
    (vocab / "mine.csv").write_text("pattern,label\nblitz,strike\n", encoding="utf-8")
    assert len({before, with_a_layer, cache.fingerprint()}) == 3
    monkeypatch.delenv("STRIKEMAP_VOCAB_DIR")
    gazetteers = tmp_path / "gazetteers"
    gazetteers.mkdir()
    monkeypatch.setenv("STRIKEMAP_GAZETTEER_DIR", str(gazetteers))
    assert cache.fingerprint() == before  # no user layer, as in the tests' own folder
    (gazetteers / "mine.csv").write_text("place_id,name,lat,lon,kind,precision,country\nx:1,Qqq,1,1,village,locality,SY\n",
                                         encoding="utf-8")
    assert cache.fingerprint() != before
    (gazetteers / "mine.csv").unlink()
    assert cache.fingerprint() == before
    data = tmp_path / "data"
    shutil.copytree(sources.DATA_DIR, data)
    monkeypatch.setattr(sources, "DATA_DIR", data)
    assert cache.fingerprint() == before  # the same files, elsewhere
    (data / "vocab" / "triggers.csv").write_bytes((data / "vocab" / "triggers.csv").read_bytes() + b"\n")
    assert cache.fingerprint() != before


def test_two_runs_at_once_share_the_cache(cache_dir, tmp_path):
    src = _archive(tmp_path / "in", 40)
    runs = [subprocess.Popen([sys.executable, "-m", "geo.cli", "run", str(src), "--out", str(tmp_path / f"out{i}"),
                              "--jobs", "1", "--quiet"], env=os.environ) for i in range(2)]
    assert [r.wait() for r in runs] == [2, 2]  # bad.txt skipped
    with sqlite3.connect(cache_dir / cache.CACHE_FILE) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert _entries(cache_dir) == 46
    for name in ("strikes.geojson", "events.geojson", "strikes.csv", "strikes.gpkg", "strikes.html"):
        assert (tmp_path / "out0" / name).read_bytes() == (tmp_path / "out1" / name).read_bytes(), name


def test_a_damaged_entry_is_read_as_missing(cache_dir, tmp_path):
    src = _archive(tmp_path / "in", 2)
    first = run([src], tmp_path / "first", cache=True)
    with sqlite3.connect(cache_dir / cache.CACHE_FILE) as db:
        db.execute("UPDATE results SET value = substr(value, 1, length(value) / 2)")  # every value cut in half
    again = run([src], tmp_path / "again", cache=True)
    assert again.reused == 0
    _same_outputs(again, first)
    assert run([src], tmp_path / "third", cache=True).reused == 8


def test_the_cache_is_bounded_least_recently_used_out_first(cache_dir, tmp_path):
    src = _archive(tmp_path / "in", 30)
    run([src], tmp_path / "out", cache=True)
    with sqlite3.connect(cache_dir / cache.CACHE_FILE) as db:
        sizes = dict(db.execute("SELECT key, size FROM results"))
        db.execute("UPDATE results SET used = used - 100")
    total = sum(sizes.values())
    (src / "new.txt").write_text(_strike(99), encoding="utf-8")
    with cache.ExtractionCache(limit=total) as kept:  # one more result will not fit
        keys = kept.keys([src / "new.txt", src / "extra00.txt"])
        assert kept.get(keys[1]) is not None  # used now: kept
        kept.put(src / "new.txt", keys[0], "a result")
    with sqlite3.connect(cache_dir / cache.CACHE_FILE) as db:
        left = dict(db.execute("SELECT key, size FROM results"))
    assert sum(left.values()) <= 0.9 * total
    assert keys[0].digest in left and keys[1].digest in left
    assert len(left) < len(sizes)


def test_an_unusable_cache_folder_costs_only_speed(tmp_path, monkeypatch):
    from geo.gazetteer import Gazetteer

    Gazetteer.default()  # loaded before the cache directory is made unusable
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("STRIKEMAP_CACHE_DIR", str(blocked))
    src = _archive(tmp_path / "in", 2)
    result = run([src], tmp_path / "out", cache=True)
    assert result.reused is None and "cannot be used" in result.cache_error
    assert result.articles == 7


def test_a_damaged_database_file_is_said_and_cleared(cache_dir, tmp_path):
    src = _archive(tmp_path / "in", 2)
    (cache_dir / cache.CACHE_FILE).write_bytes(b"not a database " * 1000)
    damaged = run([src], tmp_path / "damaged", cache=True)
    assert damaged.articles == 7 and damaged.reused is None
    assert "file is not a database" in damaged.cache_error and "strikemap cache clear" in damaged.cache_error
    cleared = subprocess.run([sys.executable, "-m", "geo.cli", "cache", "clear"], capture_output=True, text=True,
                             env=os.environ)
    assert cleared.returncode == 0 and cleared.stdout.startswith("removed 0 cached file results (0.0 MB)")
    run([src], tmp_path / "first", cache=True)
    again = run([src], tmp_path / "again", cache=True)
    assert again.reused == 8 and not again.cache_error
    _same_outputs(again, damaged)


def test_a_database_failure_during_the_run_costs_only_speed(cache_dir, tmp_path, monkeypatch):
    src = _archive(tmp_path / "in", 2)
    run([src], tmp_path / "first", cache=True)
    (src / "new.txt").write_text(_strike(50), encoding="utf-8")
    monkeypatch.setattr(cache, "_BUSY_MS", 200)
    holder = sqlite3.connect(cache_dir / cache.CACHE_FILE, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writes, for longer than a run waits
    holder.execute("UPDATE results SET used = used")
    try:
        held = run([src], tmp_path / "held", cache=True)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert held.reused == 8  # read while the other process writes
    assert "database is locked" in held.cache_error and "the run went on" in held.cache_error
    _same_outputs(held, run([src], tmp_path / "full"))
    assert _entries(cache_dir) == 8  # the new file's result could not be kept: read again next time
    assert run([src], tmp_path / "later", cache=True).reused == 8


def _age_digests(folder: Path, seconds: int) -> None:
    """Make the kept digests as if the files had been hashed ``seconds`` ago, long after they were written."""
    with sqlite3.connect(folder / cache.CACHE_FILE) as db:
        db.execute("UPDATE contents SET hashed = hashed + ?", (seconds * 10**9,))


def test_a_file_hashed_once_is_not_read_again_until_it_changes(cache_dir, tmp_path, monkeypatch):
    src = _archive(tmp_path / "in", 3)
    files = sorted(src.glob("*.txt"))
    with cache.ExtractionCache() as kept:
        first = kept.keys(files)
    _age_digests(cache_dir, 10)  # the files' times now lie well before their hashing: trusted
    reads = []
    hashed = cache._hashed
    monkeypatch.setattr(cache, "_hashed", lambda path: reads.append(Path(path).name) or hashed(path))
    changed = src / "extra01.txt"
    stat = changed.stat()
    text = changed.read_bytes()
    changed.write_bytes(text.replace(b"Title", b"title", 1))  # the same size ...
    os.utime(changed, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # ... and modification time: only the change time tells
    with cache.ExtractionCache() as kept:
        again = kept.keys(files)
    assert reads == ["extra01.txt"]
    assert [k.digest for k in again if k] != [k.digest for k in first if k]
    assert [a.digest == b.digest for a, b in zip(first, again) if a] == [f.name != "extra01.txt" for f, a in zip(files, first) if a]
    changed.write_bytes(text)  # back as it was: the key it had
    with cache.ExtractionCache() as kept:
        assert kept.keys([changed])[0].digest == first[files.index(changed)].digest


def test_a_file_changed_soon_after_hashing_is_hashed_again(cache_dir, tmp_path, monkeypatch):
    """Written in the two seconds before it was hashed: a later write in the same clock tick would not show."""
    src = _archive(tmp_path / "in", 1)
    with cache.ExtractionCache() as kept:
        kept.keys([src / "extra00.txt"])
    reads = []
    hashed = cache._hashed
    monkeypatch.setattr(cache, "_hashed", lambda path: reads.append(path) or hashed(path))
    with cache.ExtractionCache() as kept:
        kept.keys([src / "extra00.txt"])
    assert reads == [str(src / "extra00.txt")]


def test_digests_of_files_long_unseen_are_forgotten_and_cache_clear_empties_them(cache_dir, tmp_path):
    src = _archive(tmp_path / "in", 2)
    with cache.ExtractionCache() as kept:
        kept.keys([src / "extra00.txt", src / "extra01.txt"])
    with sqlite3.connect(cache_dir / cache.CACHE_FILE) as db:
        db.execute("UPDATE contents SET seen = seen - ? WHERE path LIKE '%extra00.txt'", (cache.FORGET_AFTER + 1,))
    with cache.ExtractionCache() as kept:
        pass
    with sqlite3.connect(cache_dir / cache.CACHE_FILE) as db:
        assert [Path(p).name for (p,) in db.execute("SELECT path FROM contents")] == ["extra01.txt"]
    cache.clear()
    with sqlite3.connect(cache_dir / cache.CACHE_FILE) as db:
        assert db.execute("SELECT count(*) FROM contents").fetchone()[0] == 0


def test_the_cache_is_closed_while_forked_writers_finish(cache_dir, tmp_path, monkeypatch):
    from geo import pipeline

    order = []
    close = cache.ExtractionCache.close
    monkeypatch.setattr(cache.ExtractionCache, "close", lambda self: order.append("closed") or close(self))
    write = pipeline._write
    monkeypatch.setattr(pipeline, "_write", lambda *a, **k: order.append("writing") or write(*a, **k))
    src = _archive(tmp_path / "in", 2)
    result = run([src], tmp_path / "out", jobs=2, cache=True)
    assert order[:2] == ["writing", "closed"] and result.reused == 0 and _entries(cache_dir) == 8
    calls = []
    pipeline._write({"a": lambda: calls.append("a") or {}}, meanwhile=lambda: calls.append("meanwhile"))
    assert calls == ["a", "meanwhile"]
