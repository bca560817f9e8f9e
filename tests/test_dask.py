"""Extraction on a Dask cluster (a LocalCluster of two worker processes) gives the local run's output."""
from __future__ import annotations

import pytest

from geo.pipeline import run

from .conftest import copy_seeds

distributed = pytest.importorskip("distributed")


def test_dask_local_cluster_gives_identical_output(tmp_path):
    src = copy_seeds(tmp_path / "in")
    for i in range(12):
        (src / f"extra{i:02d}.txt").write_text(
            f"Title: Extra {i}\nDate: 2015-10-0{1 + i % 5}\nSource: Outlet {i % 3}\n\n"
            "SANA reported that Russian jets struck ISIL positions in Rastan on Wednesday.\n", encoding="utf-8")
    (src / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    local = run([src], tmp_path / "local", jobs=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = run([src], tmp_path / "dask", scheduler=cluster.scheduler_address)
    assert remote.articles == local.articles == 17
    assert [p.path for p in remote.problems] == [p.path for p in local.problems]
    for kind in ("geojson", "events", "map", "geopackage", "csv", "report"):
        assert remote.outputs[kind].read_bytes() == local.outputs[kind].read_bytes(), kind
