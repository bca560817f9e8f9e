"""Writers in forked processes: results and failures come back, a dead child is named, never waited on."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from geo.output.forked import Forked, can_fork

from .conftest import ROOT

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork")


class Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("not picklable")


def _raise(exc: BaseException):
    raise exc


def test_the_result_comes_back():
    assert Forked("sum", lambda: sum(range(10))).result() == 45


def test_an_error_comes_back_as_raised():
    with pytest.raises(ValueError, match="bad input"):
        Forked("fails", lambda: _raise(ValueError("bad input"))).result()


def test_an_error_that_cannot_travel_comes_back_as_its_text():
    with pytest.raises(RuntimeError, match="Unpicklable: odd"):
        Forked("odd", lambda: _raise(Unpicklable("odd"))).result()


def test_a_child_that_dies_is_named_not_waited_on():
    with pytest.raises(RuntimeError, match=r"the map was not written: .*\(exit status -9\)"):
        Forked("the map", lambda: os.kill(os.getpid(), signal.SIGKILL)).result()


def test_a_cancelled_child_unwinds(tmp_path):
    from geo.output.atomic import atomic_path

    started = tmp_path / "started"

    def write_slowly():
        with atomic_path(tmp_path / "out.txt") as tmp:
            tmp.write_text("partial")
            started.write_text("")
            signal.pause()  # until terminated

    child = Forked("slow", write_slowly)
    deadline = time.monotonic() + 60
    while not started.exists():
        assert time.monotonic() < deadline, "the writer never started"
        time.sleep(0.01)
    child.cancel()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["started"]  # no output, no temporary file


_WRITE_UNTIL_KILLED = """
import signal, sys
from pathlib import Path
from geo.output.atomic import atomic_path
from geo.output.forked import Forked

def write():
    with atomic_path(Path(sys.argv[1])) as tmp:
        tmp.write_text("new")
        Path(sys.argv[2]).write_text("")
        signal.pause()

Forked("the map", write).result()
"""


def test_a_writer_ends_with_its_killed_parent_and_leaves_the_output_as_it_was(tmp_path):
    out, started = tmp_path / "strikes.html", tmp_path / "started"
    out.write_text("old")
    proc = subprocess.Popen([sys.executable, "-c", _WRITE_UNTIL_KILLED, str(out), str(started)], cwd=ROOT)
    deadline = time.monotonic() + 60
    while not started.exists():
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 30
    while sorted(p.name for p in tmp_path.iterdir()) != ["started", "strikes.html"]:  # the temporary file is removed
        assert time.monotonic() < deadline, "the writer outlived its parent"
        time.sleep(0.05)
    time.sleep(0.5)
    assert out.read_text() == "old"


def test_a_child_started_early_waits_for_what_it_is_sent(tmp_path):
    made = tmp_path / "made"

    def work(receive):
        made.write_text("ready")  # its own work first
        return receive() * 2

    child = Forked("early", work, waits=True)
    deadline = time.monotonic() + 60
    while not made.exists():
        assert time.monotonic() < deadline, "the child did not begin"
        time.sleep(0.01)
    child.send(21)
    assert child.result() == 42


def test_a_child_left_waiting_is_cancelled_or_ends_when_the_parent_gives_up():
    child = Forked("early", lambda receive: receive(), waits=True)
    child.cancel()  # the parent failed before it could send anything
    assert not child._process.is_alive()
    child = Forked("early", lambda receive: receive(), waits=True)
    child._outbox.close()  # the parent is gone: the child stops waiting
    with pytest.raises(RuntimeError, match="nothing was sent"):
        child.result()


def test_a_run_that_fails_while_the_map_waits_leaves_no_process(tmp_path, monkeypatch):
    import multiprocessing

    from geo import pipeline

    from .conftest import copy_seeds

    def fail(store):
        raise RuntimeError("grouping failed")

    monkeypatch.setattr(pipeline, "group_events", fail)
    with pytest.raises(RuntimeError, match="grouping failed"):
        pipeline.run([copy_seeds(tmp_path / "in")], tmp_path / "out", jobs=2)
    assert not multiprocessing.active_children()
    assert not (tmp_path / "out" / "strikes.html").exists()
