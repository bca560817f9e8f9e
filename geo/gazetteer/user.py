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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..output.atomic import atomic_path
from ..resources import user_gazetteer_dir
from .place import distance_km
from .sources import CODE_FILES, DATA_DIR, _clean_names, extra

LAYER_COLUMNS = ("place_id", "name", "alternate_names", "lat", "lon", "kind", "precision", "country", "admin1", "population",
                 "source", "english_name", "part_of")
GEONAMES_COLUMNS = 19
# A section of a populated place (PPLX: a neighbourhood) belongs to the nearest town within this distance.
SECTION_REACH_KM = 15.0
# Alternate names that are codes or links, not names (GeoNames' "isolanguage" pseudo-languages).
_NOT_NAMES = {"link", "post", "iata", "icao", "faac", "tcid", "unlc", "wkdt", "fr_1793"}


@lru_cache(maxsize=1)
def feature_table() -> dict[tuple[str, str], tuple[str, str]]:
    """(feature class, feature code) -> (precision, kind) of the GeoNames features kept
    (``data/geonames_features.csv``); a code "*" stands for the rest of its class, and an
    empty precision means left out."""
    with open(DATA_DIR / "geonames_features.csv", encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {(r["fclass"], r["fcode"]): (r["precision"], r["kind"]) for r in rows}


def feature(fclass: str, fcode: str) -> tuple[str, str]:
    """The precision and kind of a GeoNames feature; precision "" when it is not kept."""
    table = feature_table()
    return table.get((fclass, fcode)) or table.get((fclass, "*")) or ("", "")


class GazetteerImportError(ValueError):
    """The file is not a format strikemap can import; the message says what was expected."""


@dataclass(frozen=True)
class Layer:
    name: str
    path: Path
    places: int
    left_out: int = 0  # GeoNames features no strike map needs (wells, farms, schools ...)


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


def _geonames_rows(text: str, layer: str, alternates: dict[str, "AlternateNames"] | None = None) -> Iterator[dict[str, str] | None | str]:
    """The places of a GeoNames dump as layer rows; ``None`` for a bad row, ``"left out"`` for a
    feature no strike map needs (``data/geonames_features.csv``)."""
    alternates = alternates or {}
    for line in text.splitlines():
        if not line.strip():
            continue
        f = line.split("\t")
        if len(f) != GEONAMES_COLUMNS or not f[0].isdigit() or not _valid(f[4], f[5]):
            yield None
            continue
        precision, kind = feature(f[6], f[7])
        if not precision:
            yield "left out"
            continue
        extra = alternates.get(f[0])
        names = [f[2], *f[3].split(","), *(extra.names if extra is not None else ())]
        names = [n for n in _clean_names(f[1], names) if n != f[1]]  # no codes ("DEZ"), Latin or Arabic script
        yield {
            "place_id": f"geonames:{f[0]}", "name": f[1], "alternate_names": "|".join(names),
            "lat": f[4], "lon": f[5], "kind": kind, "precision": precision, "country": f[8], "admin1": f[10],
            "population": f[14] or "0", "source": f"GeoNames dump ({layer}), CC BY 4.0",
            "english_name": extra.english if extra is not None else "", "part_of": "", "_code": f[7],
        }


@dataclass
class AlternateNames:
    """A place's names from GeoNames' alternate-names file: the usable ones, and its English name."""

    names: list[str]
    english: str = ""
    english_rank: int = 9


def read_alternate_names(text: str) -> dict[str, AlternateNames]:
    """GeoNames' per-country alternate names (``alternatenames/CC.txt``: id, geonameid, language,
    name, preferred, short, colloquial, historic, from, to) by geonameid. The English name is the
    preferred English one, else the short one, else any."""
    out: dict[str, AlternateNames] = {}
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) < 8 or not f[1].isdigit() or not f[3].strip() or f[2] in _NOT_NAMES or f[7] == "1":
            continue
        entry = out.get(f[1])
        if entry is None:
            entry = out[f[1]] = AlternateNames([])
        name = f[3].strip()
        entry.names.append(name)
        if f[2] == "en":
            rank = 0 if f[4] == "1" else 1 if f[5] == "1" else 2
            if rank < entry.english_rank:
                entry.english, entry.english_rank = name, rank
    return out


def _link_sections(rows: list[dict[str, str]]) -> None:
    """Name each section of a town (PPLX: a neighbourhood) with the town it is part of: the
    nearest populated place that is no section, within SECTION_REACH_KM, in its country."""
    towns = [r for r in rows if r["precision"] == "locality" and r["_code"] not in ("PPLX", "LCTY")]
    if not towns:
        return
    grid: dict[tuple[int, int], list[dict[str, str]]] = {}
    for t in towns:  # 0.2-degree cells: a section's town is in its cell or the next
        grid.setdefault((int(float(t["lat"]) // 0.2), int(float(t["lon"]) // 0.2)), []).append(t)
    for r in rows:
        if r["_code"] != "PPLX":
            continue
        lat, lon = float(r["lat"]), float(r["lon"])
        cell = (int(lat // 0.2), int(lon // 0.2))
        near = [t for dy in (-1, 0, 1) for dx in (-1, 0, 1) for t in grid.get((cell[0] + dy, cell[1] + dx), ())
                if t["country"] == r["country"]]
        best = min(near, key=lambda t: (distance_km(lat, lon, float(t["lat"]), float(t["lon"])), -int(t["population"] or 0),
                                        t["place_id"]), default=None)
        if best is not None and distance_km(lat, lon, float(best["lat"]), float(best["lon"])) <= SECTION_REACH_KM:
            r["part_of"], r["kind"] = best["place_id"], f"section of {best['name']}"


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


def import_file(path: str | Path, name: str | None = None, folder: Path | None = None,
                alternate_names: str | Path | None = None) -> tuple[Layer, int]:
    """Import ``path`` as a user layer; returns the layer and the number of rows skipped.

    ``alternate_names``: GeoNames' alternate-names file for the same country (``alternatenames/CC.zip``),
    whose names (and English name) join the dump's. Raises :class:`GazetteerImportError` with a
    readable message for unusable files.
    """
    path = Path(path)
    if not path.is_file():
        raise GazetteerImportError(f"{path}: no such file")
    layer = _slug(name or path.name.split(".")[0])
    text = _read_text(path)
    geonames = _is_geonames(text)
    if alternate_names is not None and not geonames:
        raise GazetteerImportError(f"{path.name}: alternate names go with a GeoNames dump, not a CSV of places")
    alternates = read_alternate_names(_read_text(Path(alternate_names))) if alternate_names is not None else None
    rows = _geonames_rows(text, layer, alternates) if geonames else _csv_rows(text, layer)
    kept, skipped, left_out = [], 0, 0
    for row in rows:
        if row is None:
            skipped += 1
        elif row == "left out":
            left_out += 1
        else:
            kept.append(row)
    del text
    if not kept:
        raise GazetteerImportError(f"{path.name}: no usable places (rows skipped: {skipped}, features left out: {left_out})")
    if geonames:
        _link_sections(kept)
    kept.sort(key=lambda r: r["place_id"])
    target = (folder or user_dir()) / f"{layer}.csv"
    with atomic_path(target) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=LAYER_COLUMNS, lineterminator="\n", extrasaction="ignore")
            writer.writeheader()
            writer.writerows(kept)
    return Layer(layer, target, len(kept), left_out), skipped
