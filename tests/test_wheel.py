"""The package installs anywhere: a wheel built from the checkout runs outside it.

The wheel is built with this environment's setuptools (no build isolation, so no network)
and installed with no dependencies into a fresh virtual environment that borrows the
dependencies already installed here (a ``.pth`` file naming this environment's site folders:
they go on the path, but the editable install's own hook in them is not run); then
``strikemap`` runs from a folder far from the checkout, so the only data it can find is what
the wheel carries.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                           "--no-index", "-w", str(out), "-q"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return next(out.glob("strikemap-*.whl"))


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    env = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True, timeout=300)
    site_folder = subprocess.run([str(env / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                 capture_output=True, text=True, check=True).stdout.strip()
    here = {sysconfig.get_paths()[k] for k in ("purelib", "platlib")}
    (Path(site_folder) / "borrowed-dependencies.pth").write_text("\n".join(sorted(here)) + "\n", encoding="utf-8")
    proc = subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return env


def _strikemap(env: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(env / "bin" / "strikemap"), *args], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)})


def test_the_wheel_carries_the_data_folder(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("geo/data/admin1.csv", "geo/data/places_extra.csv", "geo/data/villages.csv.gz", "geo/data/vocab/triggers.csv",
                   "geo/data/vocab/actors.csv", "geo/output/vendor/leaflet-1.9.3.css"):
        assert needed in names, needed


def test_the_installed_wheel_geocodes_and_maps_the_seeds_from_elsewhere(venv, tmp_path):
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import geo, geo.resources as r; print(geo.__file__); print(r.data_dir())"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.split()
    assert all(str(venv) in line and str(ROOT) not in line for line in where), where

    geocode = _strikemap(venv, "geocode", "Damascus", cwd=tmp_path)
    assert geocode.returncode == 0, geocode.stderr
    assert "Damascus" in geocode.stdout and "SY" in geocode.stdout

    seeds = shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    run = _strikemap(venv, "run", "--jobs", "1", "--quiet", cwd=tmp_path)  # the default input: ./seeds
    assert run.returncode == 0, run.stderr
    features = json.loads((tmp_path / "maps" / "strikes.geojson").read_text(encoding="utf-8"))["features"]
    assert features and {f["properties"]["article"] for f in features} <= {p.stem for p in seeds.glob("*.txt")}
