"""The claims table spilled to disk: the same table, the same events and the same output bytes, whatever the batch size."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from geo.events import build_events
from geo.output import webmap
from geo.pipeline import run
from geo.store import PREFIX, ClaimStore, order_key, prepared, store_of
from geo.table import TableBuilder

from .conftest import copy_seeds
from .test_table import _row

ROWS = [
    [_row("c2", "b", 40, 45, "Rastan", (36.6, 34.9), claimant="SANA", casualties=3)],
    [],
    [_row("c1", "a", 900, None, None, None, claimant=None, published=None),
     _row("c3", "a", 900, 905, "Homs", (36.7, 34.7), claimant="SANA", casualty_phrase=7),
     _row("c4", "a", 12, 20, "Ḥamāh \u201cquoted\u201d", (-0.0, 0.1234567), target="x\r\ny", casualties_max=2**40)],
]


def _store(rows: list[list[tuple]]) -> ClaimStore:
    store = ClaimStore()
    for batch in rows:
        store.add(batch)
    store.finish()
    return store


@pytest.mark.parametrize("size", [1, 2, 100])
def test_the_store_reads_back_the_table_the_builder_makes(size):
    builder = TableBuilder()
    for batch in ROWS:
        builder.add(batch)
    expected = builder.table()
    store = _store(ROWS)
    assert len(store) == len(expected)
    pd.testing.assert_frame_equal(pd.concat(list(store.batches(size=size))), expected)
    pd.testing.assert_frame_equal(store.take([1, 3]), expected.iloc[[1, 3]])


def test_rows_that_arrive_in_table_order_are_kept_as_they_are_others_sorted():
    """A store given its rows in table order keeps them unsorted (the fast way); given them in any other
    order, it sorts them: the same table either way, points and ties (arrival order) included."""
    rows = [row for batch in ROWS for row in prepared(batch)]
    rows += [rows[-1][:-2] + (36.5, 35.0)]  # a tie with the row before it in every sort key: arrival order decides
    ordered = sorted(rows, key=order_key)
    fast, slow = ClaimStore(), ClaimStore()
    fast.add_prepared(ordered[:2])
    fast.add_prepared(ordered[2:])
    slow.add_prepared(rows)  # out of order ("b" first): sorted by SQLite, ties in arrival order
    fast.finish(), slow.finish()
    assert fast._in_order and not slow._in_order
    every = "SELECT * FROM claims ORDER BY pos"
    assert list(fast.query(every)) == list(slow.query(every))
    assert [r[0] for r in fast.query(every)] == list(range(len(rows)))
    assert fast.one("SELECT count(*) FROM claims WHERE geometry IS NULL AND lon IS NOT NULL")[0] == 0


def test_an_empty_store_reads_as_one_empty_table():
    (frame,) = list(_store([]).batches())
    pd.testing.assert_frame_equal(frame, TableBuilder().table())


def test_a_table_in_memory_keeps_its_order_and_event_ids():
    table = TableBuilder()
    for batch in ROWS:
        table.add(batch)
    table = table.table().iloc[::-1].reset_index(drop=True).assign(event_id=pd.array(["e1", "", "e2", ""], dtype="str"))
    pd.testing.assert_frame_equal(pd.concat(list(store_of(table).batches())), table)


def test_a_store_sent_to_another_process_reads_the_same_file_which_only_the_sender_removes(tmp_path, monkeypatch):
    import pickle

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    store = _store(ROWS)
    received = pickle.loads(pickle.dumps(store))  # as the map's writer, forked before the claims were read, gets it
    assert received.path == store.path and len(received) == len(store)
    pd.testing.assert_frame_equal(pd.concat(list(received.batches())), pd.concat(list(store.batches())))
    received.close()
    assert Path(store.path).exists()
    store.close()
    assert not Path(store.path).parent.exists()


def test_the_file_is_removed_when_the_store_is_closed_or_collected(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    store = _store(ROWS)
    folder = Path(store.path).parent
    assert folder.parent == tmp_path and Path(store.path).exists()
    store.close()
    assert not folder.exists()
    store = _store(ROWS)
    folder = Path(store.path).parent
    del store
    assert not folder.exists()


def test_a_new_store_removes_those_left_by_processes_that_are_gone(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = tmp_path / f"{PREFIX}{int(gone.stdout)}-abc"
    left.mkdir()
    (left / "claims.sqlite").write_bytes(b"rows of a killed run")
    alive = tmp_path / f"{PREFIX}{os.getpid()}-def"
    alive.mkdir()
    other = tmp_path / "strikemap-something-else"
    other.mkdir()
    store = ClaimStore()
    assert not left.exists() and alive.exists() and other.exists() and Path(store.path).parent.exists()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seeds and more articles, so that batches of a few rows make many."""
    src = copy_seeds(tmp_path_factory.mktemp("in"))
    strike = "{} said Russian jets struck ISIL positions in {} on Wednesday, killing {} fighters."
    for i in range(30):
        (src / f"extra{i:02d}.txt").write_text(
            f"Title: Extra {i}\nDate: 2015-10-0{1 + i % 5}\nSource: Outlet {i % 4}\n\n"
            + strike.format(("SANA", "Activists", "The Kremlin")[i % 3], ("Rastan", "Homs province", "Talbiseh")[i % 3], i)
            + (" No place is named in the next claim. Activists said jets struck a convoy." if i % 4 == 0 else "") + "\n",
            encoding="utf-8")
    return src


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_outputs_do_not_depend_on_the_batch_size(corpus, tmp_path, monkeypatch):
    options = {"self_contained": True, "tiles": "none"}
    whole = run([corpus], tmp_path / "whole", jobs=1, map_options=options, embed=True)
    # Batches of 3 rows: the GeoJSON joined from many GDAL writes, the GeoPackage's claims streamed in many
    # batches, the map's lists and layers read a few rows at a time.
    monkeypatch.setenv("STRIKEMAP_BATCH_ROWS", "3")
    monkeypatch.setattr(webmap._ListedPanel, "CHUNK", 2)
    monkeypatch.setattr(webmap._Features, "CHUNK", 3)
    batched = run([corpus], tmp_path / "batched", jobs=2, map_options=options, embed=True)
    assert whole.counts == batched.counts and whole.counts["rows"] > 30 and whole.counts["events"] > 1
    assert _outputs(tmp_path / "whole") == _outputs(tmp_path / "batched")


def test_events_of_a_table_in_memory_are_the_run_s(corpus, tmp_path):
    result = run([corpus], tmp_path / "out", jobs=1)
    table = result.table
    events, claims = build_events(table.assign(event_id=pd.array([""] * len(table), dtype="str")))
    pd.testing.assert_frame_equal(events, result.events)
    pd.testing.assert_frame_equal(claims, table)
