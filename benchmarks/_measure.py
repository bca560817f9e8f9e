"""Run a Python child process and measure its wall time and its own peak memory."""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Runs ``-c CODE`` or ``-m MODULE ARGS`` in the child and writes the child's own
# peak RSS (KB) to a file on exit, so each measured process reports only itself.
_WRAPPER = (
    "import atexit, resource, runpy, sys\n"
    "out = sys.argv.pop(1)\n"
    "atexit.register(lambda: open(out, 'w').write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))\n"
    "mode, target = sys.argv[1], sys.argv[2]\n"
    "sys.argv = [target] + sys.argv[3:]\n"
    "exec(target) if mode == '-c' else runpy.run_module(target, run_name='__main__', alter_sys=True)\n"
)


def timed(args: list[str], env: dict[str, str], stdout=subprocess.DEVNULL, one_core: bool = False) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one Python child: ``args`` is ["-c", code] or ["-m", module, ...]."""
    prefix = ["taskset", "-c", "0"] if one_core else []
    with tempfile.NamedTemporaryFile(suffix=".rss") as rss:
        t0 = time.perf_counter()
        proc = subprocess.run([*prefix, sys.executable, "-c", _WRAPPER, rss.name, *args], env=env, cwd=ROOT,
                              stdout=stdout)
        wall = time.perf_counter() - t0
        peak_kb = float(Path(rss.name).read_text() or 0)
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {args}")
    return wall, peak_kb / 1024
