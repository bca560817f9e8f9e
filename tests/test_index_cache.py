"""The compiled gazetteer index's cache keeps only the current index, and removes none in use."""
from __future__ import annotations

import os
import time

import pytest

from geo.gazetteer import index as index_module
from geo.gazetteer.sources import DATA_DIR, extra

fcntl = pytest.importorskip("fcntl", reason="the locks that keep an index being loaded are POSIX file locks")


def _sources(path=None):
    path = path or DATA_DIR / "places_extra.csv"
    return {"extra": (lambda: extra(path), lambda: [path])}


def _aged(path, seconds: float = 2 * index_module.STALE_AFTER_SECONDS):
    path.write_bytes(b"an old index")
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_only_the_current_index_is_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("STRIKEMAP_CACHE_DIR", str(tmp_path))
    old = _aged(tmp_path / "gazetteer-0000000000000000.pickle")
    killed_build = _aged(tmp_path / "gazetteer-0000000000000000-abc123.tmp")
    just_used = _aged(tmp_path / "gazetteer-1111111111111111.pickle", seconds=60)  # another version's, in use
    user_layers = _aged(tmp_path / "gazetteer-user-2222222222222222.pickle")  # another kind
    loading = _aged(tmp_path / "gazetteer-3333333333333333.pickle")
    unrelated = _aged(tmp_path / "online-nominatim-default.json")
    with open(loading, "rb") as reader:
        fcntl.flock(reader.fileno(), fcntl.LOCK_SH)  # as a process loading it holds it
        built = index_module.load_or_build(_sources())
    assert len(built) > 10
    current = sorted(p.name for p in tmp_path.glob("gazetteer-*.pickle") if p not in (just_used, user_layers, loading))
    assert len(current) == 1
    assert not old.exists() and not killed_build.exists()
    assert just_used.exists() and user_layers.exists() and loading.exists() and unrelated.exists()
    # Loaded again, the current index stays, and what was loading then is removed now.
    assert len(index_module.load_or_build(_sources())) == len(built)
    assert not loading.exists() and (tmp_path / current[0]).exists()


def test_a_rebuilt_index_replaces_the_old_one_once_unused(tmp_path, monkeypatch):
    monkeypatch.setenv("STRIKEMAP_CACHE_DIR", str(tmp_path))
    places = tmp_path / "places.csv"
    places.write_bytes((DATA_DIR / "places_extra.csv").read_bytes())
    index_module.load_or_build(_sources(places))
    (first,) = tmp_path.glob("gazetteer-*.pickle")
    with open(places, "a", encoding="utf-8") as fh:  # the data changed: a new index
        fh.write("strikemap:test-place,Qqqtown,,1.0,1.0,village,locality,SY,,0,test\n")
    index_module.load_or_build(_sources(places))
    assert len(list(tmp_path.glob("gazetteer-*.pickle"))) == 2  # the old one was used a moment ago
    _aged(first)  # an hour later
    index_module.load_or_build(_sources(places))
    (left,) = tmp_path.glob("gazetteer-*.pickle")
    assert left != first and not list(tmp_path.glob("*.tmp"))


def test_user_layers_have_their_own_kind(tmp_path, monkeypatch):
    monkeypatch.setenv("STRIKEMAP_CACHE_DIR", str(tmp_path))
    world = _aged(tmp_path / "gazetteer-4444444444444444.pickle")
    stale_user = _aged(tmp_path / "gazetteer-user-5555555555555555.pickle")
    path = DATA_DIR / "places_extra.csv"
    index_module.load_or_build({"user:mine": (lambda: extra(path, source="user:mine"), lambda: [path])})
    assert world.exists() and not stale_user.exists()
    assert len(list(tmp_path.glob("gazetteer-user-*.pickle"))) == 1
