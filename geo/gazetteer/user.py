"""User gazetteers: places a user imports, stacked over the world gazetteer.

``strikemap gazetteer import FILE`` reads either

- a GeoNames dump (``SY.txt``, ``allCountries.txt``: 19 tab-separated columns,
  zipped or not) — the way to get village-level coverage of a country; or
- a CSV of custom places with a header naming at least ``name``, ``lat`` and
  ``lon``, and optionally ``alternate_names`` (``|``-separated), ``kind``,
  ``precision``, ``admin1``, ``country``, ``population``, ``source``, ``place_id``.

Each import is normalised into one CSV per layer (the ``places_extra.csv``
format) in the user data folder (``STRIKEMAP_GAZETTEER_DIR`` to move it), and
the layers are compiled into a small index of their own, cached like the world
index, so later runs find the places with no rebuild of the world gazetteer.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..output.atomic import atomic_path
from ..resources import user_gazetteer_dir
from .sources import CODE_FILES, extra

LAYER_COLUMNS = ("place_id", "name", "alternate_names", "lat", "lon", "kind", "precision", "country", "admin1", "population", "source")
GEONAMES_COLUMNS = 19

# GeoNames feature classes and codes -> precision (https://www.geonames.org/export/codes.html).
_COUNTRY_CODES = {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"}
_CLASS_PRECISION = {"P": "locality", "S": "site", "R": "site", "H": "region", "T": "region", "L": "region", "V": "region", "U": "region"}
_KIND_WORDS = {
    "AIRB": "air base", "AIRP": "airport", "AIRF": "airfield", "PPL": "populated place", "PPLA": "seat of a first-order division",
    "PPLA2": "seat of a second-order division", "PPLC": "capital", "PPLX": "section of populated place", "ADM1": "first-level division",
    "ADM2": "second-level division", "MT": "mountain", "MTS": "mountains", "PLN": "plain", "VAL": "valley", "STM": "stream",
    "OILF": "oil field", "GASF": "gas field", "CMP": "camp", "CMPRF": "refugee camp", "DAM": "dam", "BDG": "bridge",
}


class GazetteerImportError(ValueError):
    """The file is not a format strikemap can import; the message says what was expected."""


@dataclass(frozen=True)
class Layer:
    name: str
    path: Path
    places: int


def user_dir() -> Path:
    return user_gazetteer_dir()


def layer_files(folder: Path | None = None) -> list[Path]:
    folder = folder or user_dir()
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


def list_layers(folder: Path | None = None) -> list[Layer]:
    out = []
    for path in layer_files(folder):
        with open(path, encoding="utf-8", newline="") as fh:
            count = sum(1 for _ in csv.DictReader(fh))
        out.append(Layer(path.stem, path, count))
    return out


def user_sources(folder: Path | None = None) -> dict:
    """The user layers in the shape :func:`index.load_or_build` takes."""
    return {
        f"user:{path.stem}": (lambda p=path: extra(p, source=f"user:{p.stem}"), lambda p=path: [p, *CODE_FILES])
        for path in layer_files(folder)
    }


# -- reading the input --------------------------------------------------------
def _read_text(path: Path) -> str:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.lower().endswith((".txt", ".csv", ".tsv")) and "readme" not in m.lower()]
            if not members:
                raise GazetteerImportError(f"{path.name}: the zip file holds no .txt, .csv or .tsv file")
            return archive.read(sorted(members, key=lambda m: -archive.getinfo(m).file_size)[0]).decode("utf-8-sig")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GazetteerImportError(f"{path.name}: not UTF-8 text (byte {exc.start})") from None


def _is_geonames(text: str) -> bool:
    first = next((line for line in text.splitlines() if line.strip()), "")
    fields = first.split("\t")
    return len(fields) == GEONAMES_COLUMNS and fields[0].isdigit()


def _valid(lat: str, lon: str) -> bool:
    try:
        return -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180
    except ValueError:
        return False


def _geonames_rows(text: str, layer: str) -> Iterator[dict[str, str] | None]:
    for line in text.splitlines():
        if not line.strip():
            continue
        f = line.split("\t")
        if len(f) != GEONAMES_COLUMNS or not f[0].isdigit() or not _valid(f[4], f[5]):
            yield None
            continue
        fclass, fcode = f[6], f[7]
        if fclass == "A":
            precision = "country" if fcode in _COUNTRY_CODES else "admin1" if fcode == "ADM1" else "admin2" if fcode.startswith("ADM") else "region"
        else:
            precision = _CLASS_PRECISION.get(fclass, "site")
        yield {
            "place_id": f"geonames:{f[0]}", "name": f[1], "alternate_names": "|".join(n for n in f[3].split(",") if n),
            "lat": f[4], "lon": f[5], "kind": _KIND_WORDS.get(fcode, f"{fclass}.{fcode}"), "precision": precision,
            "country": f[8], "admin1": f[10], "population": f[14] or "0", "source": f"GeoNames dump ({layer}), CC BY 4.0",
        }


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "place"


def _precision_for(kind: str) -> str:
    k = kind.lower()
    if any(w in k for w in ("village", "town", "city", "settlement", "populated", "neighbourhood", "neighborhood")):
        return "locality"
    if any(w in k for w in ("province", "governorate", "state")):
        return "admin1"
    if any(w in k for w in ("plain", "mountain", "valley", "region", "area", "desert", "river", "lake")):
        return "region"
    return "site"


def _csv_rows(text: str, layer: str) -> Iterator[dict[str, str] | None]:
    reader = csv.DictReader(io.StringIO(text))
    fields = {f.strip().lower(): f for f in (reader.fieldnames or [])}
    lat_col = fields.get("lat") or fields.get("latitude")
    lon_col = fields.get("lon") or fields.get("lng") or fields.get("longitude")
    if "name" not in fields or not lat_col or not lon_col:
        raise GazetteerImportError("expected a GeoNames dump (19 tab-separated columns) or a CSV with a header naming "
                           "name, lat and lon (and optionally alternate_names, kind, admin1, country, source)")
    seen: set[str] = set()
    for row in reader:
        def get(key: str, row: dict = row) -> str:
            return (row.get(fields.get(key, ""), "") or "").strip()

        name, lat, lon = get("name"), row.get(lat_col, ""), row.get(lon_col, "")
        if not name or not _valid(lat, lon):
            yield None
            continue
        kind = get("kind") or "place"
        pid = get("place_id") or f"user:{_slug(layer)}:{_slug(name)}"
        while pid in seen:
            pid += "-2"
        seen.add(pid)
        yield {
            "place_id": pid, "name": name, "alternate_names": get("alternate_names"), "lat": lat.strip(), "lon": lon.strip(),
            "kind": kind, "precision": get("precision") or _precision_for(kind), "country": get("country").upper(),
            "admin1": get("admin1"), "population": get("population") or "0", "source": get("source") or f"user import ({layer})",
        }


def import_file(path: str | Path, name: str | None = None, folder: Path | None = None) -> tuple[Layer, int]:
    """Import ``path`` as a user layer; returns the layer and the number of rows skipped.

    Raises :class:`GazetteerImportError` with a readable message for unusable files.
    """
    path = Path(path)
    if not path.is_file():
        raise GazetteerImportError(f"{path}: no such file")
    layer = _slug(name or path.name.split(".")[0])
    text = _read_text(path)
    rows: Iterable[dict[str, str] | None] = _geonames_rows(text, layer) if _is_geonames(text) else _csv_rows(text, layer)
    kept, skipped = [], 0
    for row in rows:
        if row is None:
            skipped += 1
        else:
            kept.append(row)
    if not kept:
        raise GazetteerImportError(f"{path.name}: no usable places (rows skipped: {skipped})")
    kept.sort(key=lambda r: r["place_id"])
    target = (folder or user_dir()) / f"{layer}.csv"
    with atomic_path(target) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=LAYER_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(kept)
    return Layer(layer, target, len(kept)), skipped
