"""The exports in real QGIS (Debian's qgis and python3-qgis, headless).

QGIS's Python bindings belong to the system Python, so the checks run there,
in a child process with QT_QPA_PLATFORM=offscreen. Skipped, saying why, where
QGIS is not installed (``.ci/run`` installs it with apt-get).
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from geo.pipeline import run

from .conftest import ROOT

SYSTEM_PYTHON = "/usr/bin/python3"


def _qgis_available() -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True,
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(not _qgis_available(), reason="needs Debian's qgis and python3-qgis")

PROBE = r"""
import json, sys
from qgis.core import QgsApplication, QgsVectorLayer
app = QgsApplication([], False)
app.initQgis()
out = {}
for name, uri in json.loads(sys.argv[1]).items():
    layer = QgsVectorLayer(uri, name, "ogr")
    message, styled = layer.loadDefaultStyle()
    out[name] = {
        "valid": layer.isValid(),
        "features": layer.featureCount(),
        "fields": {f.name(): f.typeName() for f in layer.fields()},
        "styled": bool(styled),
        "renderer": layer.renderer().type() if layer.renderer() else None,
        "null_geometries": sum(1 for f in layer.getFeatures() if not f.hasGeometry()),
    }
print(json.dumps(out), flush=True)
import os
os._exit(0)  # QGIS's own shutdown (exitQgis) can crash headless; the answer is already out
"""


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    result = run([ROOT / "seeds"], tmp_path_factory.mktemp("qgis"))
    out = result.outputs
    uris = {
        "strikes_geojson": str(out["geojson"]),
        "events_geojson": str(out["events"]),
        "claims_gpkg": f"{out['geopackage']}|layername=claims",
        "events_gpkg": f"{out['geopackage']}|layername=events",
        "places_gpkg": f"{out['geopackage']}|layername=places",
    }
    proc = subprocess.run([SYSTEM_PYTHON, "-c", PROBE, json.dumps(uris)], capture_output=True, text=True, timeout=180,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "partially supported" not in proc.stderr  # a GeoPackage version this QGIS reads fully
    return result, json.loads(proc.stdout.strip().splitlines()[-1])


def test_every_layer_loads_with_every_feature(loaded):
    result, layers = loaded
    assert all(layer["valid"] for layer in layers.values())
    assert layers["strikes_geojson"]["features"] == layers["claims_gpkg"]["features"] == len(result.table)
    assert layers["events_geojson"]["features"] == layers["events_gpkg"]["features"] == len(result.events)
    # Claims with no place are kept, with no geometry, in both formats.
    no_place = int(result.table.geometry.isna().sum())
    assert layers["strikes_geojson"]["null_geometries"] == layers["claims_gpkg"]["null_geometries"] == no_place > 0


def test_every_field_keeps_its_type(loaded):
    _, layers = loaded
    for name in ("strikes_geojson", "claims_gpkg"):
        fields = layers[name]["fields"]
        assert fields["claimant"] == fields["sentence"] == fields["place_id"] == "String"
        assert fields["casualties"] in ("Integer", "Integer64") and fields["sentence_start"] in ("Integer", "Integer64")
        assert fields["uncertainty_km"] == "Real"
    assert layers["events_gpkg"]["fields"]["n_claims"] in ("Integer", "Integer64")


def test_stored_and_sidecar_styles_are_applied(loaded):
    _, layers = loaded
    for name in ("strikes_geojson", "events_geojson", "claims_gpkg", "events_gpkg"):
        assert layers[name]["styled"] and layers[name]["renderer"] == "categorizedSymbol", name
    assert layers["places_gpkg"]["styled"] and layers["places_gpkg"]["renderer"] == "singleSymbol"


RENDER = r"""
import json, sys
from qgis.core import (QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings, QgsRectangle, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor
app = QgsApplication([], False)
app.initQgis()
gpkg, image_path, points = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
layers = {}
for name in ("places", "claims", "events"):  # places on top: the worst case for the claims beneath
    layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
    layer.loadDefaultStyle()
    layers[name] = layer
settings = QgsMapSettings()
settings.setLayers([layers["places"], layers["claims"], layers["events"]])  # the first is drawn on top
extent = QgsRectangle(35.8, 34.0, 38.2, 36.4)
settings.setExtent(extent)
settings.setOutputSize(QSize(900, 900))
settings.setBackgroundColor(QColor(255, 255, 255))
settings.setDestinationCrs(layers["claims"].crs())
job = QgsMapRendererSequentialJob(settings)
job.start()
job.waitForFinished()
image = job.renderedImage()
image.save(image_path)
to_pixel = settings.mapToPixel()
colours = {}
for key, (lon, lat) in points.items():
    p = to_pixel.transform(lon, lat)
    c = image.pixelColor(int(round(p.x())), int(round(p.y())))
    colours[key] = [c.red(), c.green(), c.blue()]
labels = [label.labelText for label in job.takeLabelingResults().allLabels()]
print(json.dumps({"labels": labels, "colours": colours,
                  "labelled": {n: l.labelsEnabled() for n, l in layers.items()}}), flush=True)
import os
os._exit(0)
"""


def test_the_geopackage_renders_with_labels_and_claims_above_areas(loaded, tmp_path):
    from geo.output.webmap import GROUPINGS, layer_entries

    result, _ = loaded
    table = result.table
    colours = {value: colour for value, colour, _ in layer_entries(result.summary, GROUPINGS[0])}
    towns = table[table["precision"].isin(["site", "locality"]) & table.geometry.notna()]
    towns = towns.assign(actor=towns["claimant_actor"].where(towns["claimant_actor"] != "", towns["claimant"]))
    # Town claims whose place only one claimant names (the point's colour is then that claimant's).
    single = towns.groupby("place_id").filter(lambda g: g["actor"].nunique() == 1).drop_duplicates("place_id")
    points = {row.actor + "|" + row.place: [row.geometry.x, row.geometry.y] for row in single.itertuples()
              if 35.9 < row.geometry.x < 38.1 and 34.1 < row.geometry.y < 36.3}
    assert points
    image = Path(os.environ.get("STRIKEMAP_QGIS_IMAGE", tmp_path / "claims.png"))
    proc = subprocess.run([SYSTEM_PYTHON, "-c", RENDER, str(result.outputs["geopackage"]), str(image), json.dumps(points)],
                          capture_output=True, text=True, timeout=180, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    rendered = json.loads(proc.stdout.strip().splitlines()[-1])
    assert image.stat().st_size > 1000
    # The places layer names each place once (the claims layer, beneath, is not labelled again).
    assert rendered["labelled"]["places"] and not rendered["labelled"]["claims"]
    assert {"Rastan", "Talbiseh"} <= set(rendered["labels"])  # as the articles write them
    assert len(rendered["labels"]) <= table.loc[table.geometry.notna(), "place_id"].nunique()
    for key, rgb in rendered["colours"].items():
        want = colours[key.split("|")[0]].lstrip("#")
        expected = [int(want[i:i + 2], 16) for i in (0, 2, 4)]
        assert all(abs(a - b) <= 40 for a, b in zip(rgb, expected)), (key, rgb, expected)
