"""Extraction on a Dask cluster (a LocalCluster of two worker processes) gives the local run's output."""
from __future__ import annotations

import pytest

from geo.pipeline import run

from .conftest import copy_seeds
from .test_cache import _own_cache_dir

distributed = pytest.importorskip("distributed")


def test_dask_local_cluster_gives_identical_output(tmp_path, monkeypatch):
    _own_cache_dir(tmp_path / "cache", monkeypatch)
    src = copy_seeds(tmp_path / "in")
    for i in range(12):
        (src / f"extra{i:02d}.txt").write_text(
            f"Title: Extra {i}\nDate: 2015-10-0{1 + i % 5}\nSource: Outlet {i % 3}\n\n"
            "SANA reported that Russian jets struck ISIL positions in Rastan on Wednesday.\n", encoding="utf-8")
    (src / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    local = run([src], tmp_path / "local", jobs=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = run([src], tmp_path / "dask", scheduler=cluster.scheduler_address)
        # With the extraction cache: the client keeps the results, and sends the cluster only the files it lacks.
        (src / "extra05.txt").write_text("Title: Changed\n\nSANA said Russian jets struck Talbiseh.\n", encoding="utf-8")
        local_changed = run([src], tmp_path / "local-changed", jobs=1)
        filled = run([src], tmp_path / "dask-filled", scheduler=cluster.scheduler_address, cache=True)
        (src / "extra05.txt").write_text("Title: Changed again\n\nSANA said Russian jets struck Rastan.\n", encoding="utf-8")
        reused = run([src], tmp_path / "dask-reused", scheduler=cluster.scheduler_address, cache=True)
        # The archive's region goes to the workers: "Al Bayda" is the Yemeni town there too.
        bayda = tmp_path / "bayda"
        bayda.mkdir()
        (bayda / "a.txt").write_text("Title: Raid\n\nCoalition jets struck Al Bayda on Monday, killing five people, "
                                     "residents said.\n", encoding="utf-8")
        (bayda / "b.txt").write_text("Title: Raid\n\nJets struck Al Bayda again on Tuesday, residents said.\n", encoding="utf-8")
        in_yemen = run([bayda], tmp_path / "dask-yemen", scheduler=cluster.scheduler_address, regions=("YE",))
    local_again = run([src], tmp_path / "local-again", jobs=1)
    assert set(in_yemen.table["country"]) == {"YE"}
    assert (filled.reused, reused.reused) == (0, 17)
    assert remote.articles == local.articles == 17
    assert [p.path for p in remote.problems] == [p.path for p in local.problems]
    for kind in ("geojson", "events", "map", "geopackage", "csv", "report"):
        assert remote.outputs[kind].read_bytes() == local.outputs[kind].read_bytes(), kind
        assert filled.outputs[kind].read_bytes() == local_changed.outputs[kind].read_bytes(), kind
        assert reused.outputs[kind].read_bytes() == local_again.outputs[kind].read_bytes(), kind
