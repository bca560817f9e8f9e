"""Shared fixtures: the project root, the shared material beside it, the gazetteer."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# The tests see the bundled gazetteer only, never layers a user imported on this machine.
os.environ["STRIKEMAP_GAZETTEER_DIR"] = tempfile.mkdtemp(prefix="strikemap-test-gazetteers-")

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STRIKEMAP_SHARED", ROOT.parent / "shared"))


def copy_seeds(folder: Path) -> Path:
    """The seed articles copied into ``folder`` (created), for tests that add files beside them."""
    folder.mkdir(parents=True, exist_ok=True)
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        (folder / p.name).write_bytes(p.read_bytes())
    return folder


@pytest.fixture(scope="session")
def gazetteer():
    from geo.gazetteer import Gazetteer

    return Gazetteer.default()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold" / "seeds.json").exists():
        pytest.skip(f"shared material not found at {SHARED} (set STRIKEMAP_SHARED)")
    return SHARED
