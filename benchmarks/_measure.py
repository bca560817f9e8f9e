"""Run a Python child process and measure its wall time, its own peak memory and its workers'."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Runs ``-c CODE`` or ``-m MODULE ARGS`` in the child and writes, on exit, the child's own peak
# RSS and that of the largest process it forked and waited for (KB). The child's own is read
# from /proc (VmHWM, the high-water mark of its memory map): getrusage's ru_maxrss survives
# exec, so a child started by a large parent would report the parent's size.
_WRAPPER = (
    "import atexit, os, resource, runpy, sys\n"
    "out, me = sys.argv.pop(1), os.getpid()\n"
    "def peaks():\n"
    "    if os.getpid() != me: return\n"  # a forked child that runs atexit handlers is not the one measured
    "    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "    try: own = int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])\n"
    "    except (OSError, StopIteration): pass\n"
    "    open(out, 'w').write(f'{own} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}')\n"
    "atexit.register(peaks)\n"
    "mode, target = sys.argv[1], sys.argv[2]\n"
    "sys.argv = [target] + sys.argv[3:]\n"
    "exec(target) if mode == '-c' else runpy.run_module(target, run_name='__main__', alter_sys=True)\n"
)


@dataclass(frozen=True)
class Measured:
    wall: float  # seconds
    peak_mb: float  # the process's own peak RSS
    child_peak_mb: float  # the largest peak RSS of the processes it forked (workers), 0 if none


def measured(args: list[str], env: dict[str, str], stdout=subprocess.DEVNULL, one_core: bool = False) -> Measured:
    """Wall time and peak memory of one Python child: ``args`` is ["-c", code] or ["-m", module, ...]."""
    prefix = ["taskset", "-c", "0"] if one_core else []
    with tempfile.NamedTemporaryFile(suffix=".rss") as rss:
        t0 = time.perf_counter()
        proc = subprocess.run([*prefix, sys.executable, "-c", _WRAPPER, rss.name, *args], env=env, cwd=ROOT,
                              stdout=stdout)
        wall = time.perf_counter() - t0
        own_kb, child_kb = (float(v) for v in (Path(rss.name).read_text() or "0 0").split())
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {args}")
    return Measured(wall, own_kb / 1024, child_kb / 1024)


def timed(args: list[str], env: dict[str, str], stdout=subprocess.DEVNULL, one_core: bool = False) -> tuple[float, float]:
    """Wall seconds and the process's own peak RSS (MB), as :func:`measured` gives them."""
    m = measured(args, env, stdout, one_core)
    return m.wall, m.peak_mb


def own_cache(folder: Path) -> dict[str, str]:
    """An environment whose cache folder (``STRIKEMAP_CACHE_DIR``) is ``folder``, made empty, with
    links to the compiled gazetteer index of the usual one: a run there starts with no extraction
    cache, and the user's is not touched."""
    from geo.gazetteer import Gazetteer
    from geo.gazetteer.index import cache_dir

    Gazetteer.default()  # compiled, if need be, in the usual cache folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for index in cache_dir().glob("gazetteer-*.pickle"):
        (folder / index.name).symlink_to(index.resolve())
    return {**os.environ, "STRIKEMAP_CACHE_DIR": str(folder)}
