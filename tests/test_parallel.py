"""A worker process that dies costs no file: in a local pool, on a Dask cluster, and end to end."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo import parallel

from .conftest import ROOT

STRIKE = "SANA reported that Russian jets struck ISIL positions in Rastan on Wednesday."


def _work(path: str) -> str:
    """Stands for the work on a file; a file named 'poison' kills the process reading it, for real."""
    if path.endswith("poison"):
        os.kill(os.getpid(), signal.SIGKILL)
    return path.upper()


def _exit_on_poison(path: str) -> str:
    if path.endswith("poison"):
        os._exit(3)
    return path.upper()


def _lost(path: str, how: str) -> str:
    return f"LOST {path}: {how}"


def _files(n: int, poison_at: int | None = None) -> list[str]:
    return [f"f{i:03d}" + ("poison" if i == poison_at else "") for i in range(n)]


def test_how_a_process_ended_is_said_in_words():
    assert parallel.ended(-signal.SIGKILL) == "it was killed (SIGKILL), most often by the system for want of memory"
    assert parallel.ended(-signal.SIGSEGV) == "it crashed (SIGSEGV)"
    assert parallel.ended(3) == "it exited with status 3 before returning a result"


@pytest.mark.parametrize("work, how", [(_work, "it was killed (SIGKILL)"), (_exit_on_poison, "it exited with status 3")])
def test_a_file_that_kills_its_pool_process_is_the_only_one_lost(work, how):
    files = _files(300, poison_at=170)
    notices = []
    results = list(parallel.local_results(work, files, 2, _lost, lambda *n: notices.append(n)))
    assert results[:170] == [f.upper() for f in files[:170]]
    assert results[170].startswith(f"LOST f170poison: {how}")
    assert results[171:] == [f.upper() for f in files[171:]]


def test_local_results_keep_input_order_whatever_the_pool():
    files = _files(1000)
    assert list(parallel.local_results(_work, files, 2, _lost)) == [f.upper() for f in files]


def test_a_pool_asked_to_begin_at_once_says_so_first_whatever_happens():
    files = _files(50)
    assert list(parallel.local_results(_work, files, 2, _lost, begin=True)) == [parallel.BEGUN, *(f.upper() for f in files)]
    assert list(parallel.local_results(_work, [], 2, _lost, begin=True)) == [parallel.BEGUN]
    poisoned = list(parallel.local_results(_work, _files(6, poison_at=0), 2, _lost, begin=True))
    assert poisoned[0] is parallel.BEGUN and poisoned[1].startswith("LOST f000poison") and len(poisoned) == 7


def test_dask_chunk_that_kills_workers_is_run_again_file_by_file():
    distributed = pytest.importorskip("distributed")

    files = _files(64, poison_at=9)  # 64 files on two worker threads: chunks of four
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        results = list(parallel.dask_results(_exit_on_poison, files, cluster.scheduler_address, _lost))
    assert results[9].startswith("LOST f009poison: each Dask worker that read it died")
    assert results[:9] + results[10:] == [f.upper() for f in files[:9] + files[10:]]


def _pool_workers(pid: int) -> list[int]:
    """The child processes of ``pid`` that are forks of it (not the resource tracker), but the writers
    forked before the pool (named "strikemap ...", as the map's is)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        own = Path(f"/proc/{pid}/cmdline").read_bytes()
        return [int(c) for c in children if Path(f"/proc/{c}/cmdline").read_bytes() == own
                and not Path(f"/proc/{c}/comm").read_text().startswith("strikemap")]
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux's /proc to find the pool's processes")
def test_a_pool_process_killed_midway_loses_no_article(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(1500):
        (src / f"a{i:04d}.txt").write_text(f"Story {i}\nDate: 2015-10-0{1 + i % 5}\n\n{STRIKE}\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "geo.cli", "run", str(src), "--out", str(tmp_path / "two"),
                             "--jobs", "2"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline, killed = time.monotonic() + 60, None
    while killed is None and proc.poll() is None and time.monotonic() < deadline:
        workers = _pool_workers(proc.pid)
        if workers:  # looked at again a moment later: a writer names itself just after it is forked
            time.sleep(0.05)
            workers = [w for w in _pool_workers(proc.pid) if w in workers]
        if workers:
            killed = workers[0]
            os.kill(killed, signal.SIGKILL)  # as the out-of-memory killer would
        time.sleep(0.01)
    out, err = proc.communicate(timeout=300)
    assert killed is not None, "the run ended before its pool started"
    assert proc.returncode == 0, err
    one = subprocess.run([sys.executable, "-m", "geo.cli", "run", str(src), "--out", str(tmp_path / "one"),
                          "--jobs", "1", "--no-cache"], cwd=ROOT, capture_output=True, text=True)  # read again, in one process
    assert one.returncode == 0 and one.stdout.splitlines()[:5] == out.splitlines()[:5]
    for name in ("strikes.geojson", "events.geojson", "strikes.gpkg", "strikes.csv", "strikes.html"):
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name
    report = json.loads((tmp_path / "two" / "run-report.json").read_text())
    assert report["files_rejected"] == [] and report["articles_read"] == 1500
    assert [w["message"].startswith("a worker process died") for w in report["warnings"]] == [True]
