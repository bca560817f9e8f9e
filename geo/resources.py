"""Where strikemap's data lives: the files bundled in the package, and the user's own layers.

The bundled data (gazetteer extras, vocabularies, boundaries) ships inside the package as
``geo.data`` (the project's top-level ``data/`` folder, mapped in ``pyproject.toml``), so
an installed wheel finds it wherever it is installed; it is read through
:mod:`importlib.resources`, never by a path relative to the source tree.

A user adds to the bundled data, never replaces it: gazetteer layers
(``strikemap gazetteer import``, :mod:`geo.gazetteer.user`) and vocabulary layers
(``strikemap vocab import``, :mod:`geo.vocab`) live in the user data directory, which
``STRIKEMAP_GAZETTEER_DIR`` and ``STRIKEMAP_VOCAB_DIR`` move. Compiled indexes go to the
user cache directory (``STRIKEMAP_CACHE_DIR``).
"""
from __future__ import annotations

import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path


@lru_cache(maxsize=None)
def data_dir() -> Path:
    """The bundled data folder, as a file-system path (pip installs packages as files)."""
    folder = files("geo.data")
    path = Path(str(folder))
    if not (path / "vocab").is_dir():
        raise FileNotFoundError(f"strikemap's bundled data is missing ({folder}): reinstall strikemap")
    return path


def data_file(*parts: str) -> Path:
    """A bundled data file: ``data_file("vocab", "actors.csv")``."""
    return data_dir().joinpath(*parts)


def user_data_dir() -> Path:
    """The user's strikemap data folder (``~/.local/share/strikemap`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("strikemap"))


def user_cache_dir() -> Path:
    """Where compiled indexes are cached (``STRIKEMAP_CACHE_DIR`` moves it)."""
    env = os.environ.get("STRIKEMAP_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("strikemap"))


def user_gazetteer_dir() -> Path:
    """The user's gazetteer layers (``STRIKEMAP_GAZETTEER_DIR`` moves them)."""
    env = os.environ.get("STRIKEMAP_GAZETTEER_DIR")
    return Path(env) if env else user_data_dir() / "gazetteers"


def user_vocab_dir() -> Path:
    """The user's vocabulary layers (``STRIKEMAP_VOCAB_DIR`` moves them)."""
    env = os.environ.get("STRIKEMAP_VOCAB_DIR")
    return Path(env) if env else user_data_dir() / "vocab"
