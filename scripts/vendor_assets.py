#!/usr/bin/env python3
"""Vendor the JavaScript and CSS a self-contained strikemap page inlines.

    python scripts/vendor_assets.py

Fetches, with ``npm pack``, the exact versions folium uses for the libraries
strikemap's maps need -- Leaflet 1.9.3 (BSD-2-Clause), jQuery 3.7.1 (MIT;
folium's popups use it), Leaflet.markercluster 1.1.0 (MIT; maps with many
points), leaflet-groupedlayercontrol 0.6.1 (MIT; the grouped layer list),
Leaflet.timeline 1.6.0 and moment 2.18.1 (MIT; the time slider) -- and writes them with their licences to
``geo/output/vendor/``. Leaflet's CSS images become data URIs so the page
fetches nothing. Folium's other defaults (Bootstrap, Font Awesome, the
awesome-markers plugin) style widgets strikemap does not use and are left out.
"""
from __future__ import annotations

import base64
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[1] / "geo" / "output" / "vendor"
PACKAGES = {
    "leaflet@1.9.3": {"dist/leaflet.js": "leaflet-1.9.3.js", "dist/leaflet.css": "leaflet-1.9.3.css", "LICENSE": "LICENSE-leaflet.txt"},
    "jquery@3.7.1": {"dist/jquery.min.js": "jquery-3.7.1.min.js", "LICENSE.txt": "LICENSE-jquery.txt"},
    "leaflet.markercluster@1.1.0": {"dist/leaflet.markercluster.js": "leaflet.markercluster-1.1.0.js",
                                    "dist/MarkerCluster.css": "MarkerCluster-1.1.0.css",
                                    "dist/MarkerCluster.Default.css": "MarkerCluster.Default-1.1.0.css",
                                    "MIT-LICENCE.txt": "LICENSE-leaflet.markercluster.txt"},
    "leaflet-groupedlayercontrol@0.6.1": {"dist/leaflet.groupedlayercontrol.min.js": "leaflet.groupedlayercontrol-0.6.1.min.js",
                                          "dist/leaflet.groupedlayercontrol.min.css": "leaflet.groupedlayercontrol-0.6.1.min.css",
                                          "LICENSE.txt": "LICENSE-leaflet-groupedlayercontrol.txt"},
    # The time slider: folium's Timeline plugin (the CDN serves a minified copy of this file).
    "leaflet.timeline@1.6.0": {"dist/leaflet.timeline.js": "leaflet.timeline-1.6.0.js", "LICENSE": "LICENSE-leaflet.timeline.txt"},
    "moment@2.18.1": {"min/moment.min.js": "moment-2.18.1.min.js", "LICENSE": "LICENSE-moment.txt"},
}


def unpack(spec: str, workdir: Path) -> Path:
    out = subprocess.run(["npm", "pack", spec, "--silent"], cwd=workdir, capture_output=True, text=True, check=True)
    tarball = workdir / out.stdout.strip().splitlines()[-1]
    target = workdir / spec.replace("@", "-")
    with tarfile.open(tarball) as tar:
        tar.extractall(target, filter="data")
    return target / "package"


def inline_images(css: str, folder: Path) -> str:
    def data_uri(match: re.Match) -> str:
        image = folder / match.group(1)
        return f"url(data:image/png;base64,{base64.b64encode(image.read_bytes()).decode()})" if image.exists() else match.group(0)

    return re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)


def main() -> None:
    VENDOR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for spec, files in PACKAGES.items():
            package = unpack(spec, Path(tmp))
            for source, name in files.items():
                data = (package / source).read_bytes()
                if name.endswith(".css"):
                    data = inline_images(data.decode("utf-8"), (package / source).parent).encode("utf-8")
                (VENDOR / name).write_bytes(data)
                print(f"{spec}: {source} -> {VENDOR / name} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
