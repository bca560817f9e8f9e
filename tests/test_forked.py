"""Writers in forked processes: results and failures come back, a dead child is named, never waited on."""
from __future__ import annotations

import os
import signal

import pytest

from geo.output.forked import Forked, can_fork

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
    while not started.exists():
        pass
    child.cancel()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["started"]  # no output, no temporary file
