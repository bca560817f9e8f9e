"""Screenshots of the published map for the README: a Syria map (the seeds) and a Ukraine map
(``tests/fixtures/ukraine``), offline basemap, at phone (400 x 700) and desktop (1400 x 900) size,
each in an article page's iframe, in Debian's headless Chromium.

    python scripts/map_screenshots.py [--out maps]

Writes ``syria-desktop.png``, ``syria-phone.png``, ``ukraine-desktop.png`` and ``ukraine-phone.png``.
Needs chromium and chromium-driver.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_DIR))

from geo.pipeline import run  # noqa: E402

SIZES = {"phone": (400, 700), "desktop": (1400, 900)}
MAPS = {"syria": (REPO_DIR / "seeds", "Russia's first strikes in Syria, as five articles report them"),
        "ukraine": (REPO_DIR / "tests" / "fixtures" / "ukraine", "Strikes on Ukrainian cities, as four test articles report them")}
HOST = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Story</title>
<style>body {{ margin: 0; font: 17px/1.5 Georgia, serif; color: #222; }} p {{ margin: 10px 12px; }}</style></head><body>
<p>The story's text runs above the map ...</p>
<iframe src="strikes.html" title="Strike claims map" style="display:block;width:100%;height:{height}px;border:0"></iframe>
<p>... and below it.</p></body></html>
"""


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=REPO_DIR / "maps")
    args = ap.parse_args()
    driver = browser()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, (source, subtitle) in MAPS.items():
                folder = Path(tmp) / name
                run([source], folder, subtitle=subtitle, map_options={"self_contained": True, "tiles": "none"}, jobs=1)
                for size, (width, height) in SIZES.items():
                    host = folder / f"host-{size}.html"
                    host.write_text(HOST.format(height=height - 110), encoding="utf-8")
                    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": size == "phone"})
                    driver.get(host.as_uri())
                    time.sleep(1.5)  # the map draws, the labels settle
                    target = args.out / f"{name}-{size}.png"
                    driver.save_screenshot(str(target))
                    print(f"wrote {target}")
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
