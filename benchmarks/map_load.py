#!/usr/bin/env python3
"""How big the strike map gets and how long it takes to load, in headless Chromium.

    python benchmarks/map_load.py [--sizes 1000 10000] [--seed 1] [--corpora DIR] [--repeat 3]

For each size, the synthetic corpus of benchmarks/make_corpus.py (kept in
--corpora between runs) goes through `strikemap run --self-contained --tiles
none` (no network: the page carries its scripts and draws outlines instead of
tiles). The map is then opened in Debian's Chromium driven headless through
Selenium, and the time from navigation until the page has loaded and Leaflet
has added every feature is printed with the page's size, the number of claims,
and how many features the map holds (clustered points included).

Figures only; nothing here asserts a speed. Needs chromium and chromium-driver.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import corpus

READY_JS = """
const maps = Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k]);
if (!maps.length || document.readyState !== 'complete' || !document.querySelector('.leaflet-control-layers')) return null;
// Features held by the map's layers, clustered ones included (a cluster draws them on zoom).
const seen = new Set();
const visit = l => { if (l.feature) seen.add(l); if (l.getLayers) l.getLayers().forEach(visit); };
maps[0].eachLayer(visit);
return seen.size;
"""


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not (chromium and driver):
        sys.exit("needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--window-size=1400,900"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(driver), options=options)


def load_seconds(driver, page: Path, timeout: float = 120.0) -> tuple[float, int]:
    """Seconds from navigation until every feature is on the map, and how many there are."""
    driver.get("about:blank")
    start = time.perf_counter()
    driver.get(page.as_uri())  # returns once the load event has fired
    while time.perf_counter() - start < timeout:
        shapes = driver.execute_script(READY_JS)
        if shapes:
            return time.perf_counter() - start, shapes
        time.sleep(0.02)
    raise TimeoutError(f"{page} was not ready after {timeout:.0f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpora", type=Path, default=Path(tempfile.gettempdir()) / "strikemap-corpora")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    driver = browser()
    try:
        for size in args.sizes:
            folder, _ = corpus(args.corpora, size, args.seed)
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp)
                subprocess.run([sys.executable, "-m", "geo.cli", "run", str(folder), "--out", str(out), "--quiet",
                                "--self-contained", "--tiles", "none"], check=False)
                page = out / "strikes.html"
                report = json.loads((out / "run-report.json").read_text(encoding="utf-8"))
                times = []
                for _ in range(args.repeat):
                    seconds, shapes = load_seconds(driver, page)
                    times.append(seconds)
                print(f"== {size} articles: {report['counts']['claims']:,} claims, {report['counts']['events']:,} events; "
                      f"map {page.stat().st_size / 2**20:.1f} MB, {shapes:,} features on the map")
                print(f"  headless Chromium load until drawn: median {statistics.median(times):.2f} s "
                      f"(min {min(times):.2f}, max {max(times):.2f}, n={len(times)})")
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
