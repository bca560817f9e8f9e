"""Exports for GIS analysts: a styled GeoPackage, QGIS style sidecars, and an ACLED-like CSV.

``strikes.gpkg``
    Layers ``claims``, ``events`` and ``places`` (one row per distinct place with
    its claim count), written by GDAL through pyogrio; QGIS styles are stored in
    the GeoPackage's ``layer_styles`` table (QGIS's own convention) so the layers
    open already styled.
``strikes.qml``, ``events.qml``
    The same styles beside the GeoJSON files: QGIS applies a ``.qml`` with the
    layer's file name when it loads the layer.
``strikes.csv``
    One row per (claim, place) with ACLED's column names where they exist, so
    the claims can be merged with datasets analysts already keep (see
    :data:`ACLED_COLUMNS` for the mapping).
"""
from __future__ import annotations

import csv
import re
import sqlite3
import xml.etree.ElementTree as ET
from itertools import groupby
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from ..store import ClaimStore, as_store, batch_rows
from ..table import COLUMNS
from .atomic import atomic_path, write_text

# ACLED-like CSV: (column, how it is filled).
ACLED_COLUMNS = (
    ("event_id", "the strikemap event the claim belongs to (event_id), else the claim_id"),
    ("claim_id", "the claim"),
    ("event_date", "ISO date of the claim (event_date); empty when unknown"),
    ("time_precision", "ACLED's code: 1 day, 2 week, 3 month; empty when the date is unknown"),
    ("event_type", "ACLED's: Explosions/Remote violence"),
    ("sub_event_type", "ACLED's: Air/drone strike, Shelling/artillery/missile attack, Remote explosive/landmine/IED, "
                       "Suicide bomb, Chemical weapon; empty when the text does not say how"),
    ("actor1", "the striker as written"),
    ("actor1_country", "ISO 3166-1 alpha-2 code of the striker's country"),
    ("claimant", "who makes the claim (ACLED's source for the event's reporting), as written"),
    ("claimant_actor", "the claimant's one name, however the articles write it"),
    ("claimant_type", "kind of claimant"),
    ("stance", "asserts or denies"),
    ("target", "the target as written"),
    ("target_affiliation", "whose target it was"),
    ("country", "ISO 3166-1 alpha-2 code of the place"),
    ("admin1", "GeoNames first-level division code of the place"),
    ("location", "the place's name as readers know it (the article's spelling, else an English or plain-letter one); for "
                 "a place the gazetteer lacks, the words that name it, with no coordinates"),
    ("location_qualifier", "where the strike was relative to the location: in, near, outskirts, north of ..., road to, between"),
    ("latitude", "WGS84, 7 decimals; empty for claims with no place"),
    ("longitude", "WGS84, 7 decimals"),
    ("geo_precision", "ACLED's code: 1 a town or site, 2 near a town or a district, 3 a province or larger"),
    ("fatalities", "the conservative casualty figure (casualties); empty when none is stated"),
    ("fatalities_max", "the upper bound when one is stated"),
    ("source", "the outlet, else the article file"),
    ("source_url", "the article's address"),
    ("notes", "the quoted sentence"),
    ("review_status", "unreviewed, verified, corrected or added (by a reviewer; see strikemap review)"),
    ("review_note", "the reviewer's notes, each with who wrote it and when"),
)
FIXED_TIMESTAMP = "2000-01-01T00:00:00.000Z"
_TIME_PRECISION = {"day": "1", "week": "2", "month": "3"}
# ACLED's sub-event types for strikemap's event types.
_SUB_EVENT_TYPES = {"air/drone strike": "Air/drone strike", "shelling/artillery/missile attack": "Shelling/artillery/missile attack",
                    "remote explosive/IED": "Remote explosive/landmine/IED", "suicide bomb": "Suicide bomb",
                    "chemical weapon": "Chemical weapon"}
_GEO_PRECISION = {"site": "1", "locality": "1", "region": "2", "admin2": "2", "admin1": "3", "country": "3", "macroregion": "3"}


def _geo_precision(precision: str, qualifier: str) -> str:
    """ACLED's code, 2 for a town the strike was only near ("south of Hodeidah")."""
    code = _GEO_PRECISION.get(precision, "")
    return "2" if code == "1" and qualifier not in ("", "in") else code


def write_csv(claims: ClaimStore | gpd.GeoDataFrame, path: str | Path) -> Path:
    """``strikes.csv``: the claims table with the columns of :data:`ACLED_COLUMNS`, written as the rows are read."""
    rows = as_store(claims).query(
        "SELECT event_id, claim_id, event_date, date_precision, event_type, striker, striker_country, claimant, "
        "claimant_actor, claimant_type, stance, "
        "target, target_affiliation, country, admin1, CASE WHEN place = '' THEN place_text ELSE place END, location_qualifier, lat, "
        "lon, precision, casualties, casualties_max, "
        "source, article, article_url, sentence, review_status, review_note FROM claims ORDER BY pos")
    # UTF-8 with a byte-order mark: Excel opens the file as UTF-8 only when it has one
    # ("Ḩamāh" would read "á¸¨amÄh"); pandas, R, QGIS and LibreOffice read it either way.
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([c for c, _ in ACLED_COLUMNS])
        writer.writerows(_acled_row(*r) for r in rows)
    return Path(path)


def _acled_row(event_id, claim_id, event_date, date_precision, event_type, striker, striker_country, claimant, claimant_actor,
               claimant_type, stance, target, target_affiliation, country, admin1, place, qualifier, lat, lon, precision,
               casualties, casualties_max, source, article, article_url, sentence, review_status, review_note) -> list:
    located = lon is not None
    return [
        event_id or claim_id, claim_id, event_date, _TIME_PRECISION.get(date_precision, ""),
        "Explosions/Remote violence", _SUB_EVENT_TYPES.get(event_type, ""),
        striker, striker_country, claimant, claimant_actor, claimant_type, stance, target, target_affiliation,
        country, admin1, place, qualifier, f"{lat:.7f}" if located else "", f"{lon:.7f}" if located else "",
        _geo_precision(precision, qualifier), "" if casualties is None else casualties,
        "" if casualties_max is None else casualties_max, source or article, article_url, sentence, review_status,
        review_note,
    ]


# -- QGIS styles ----------------------------------------------------------------
def _rgba(hex_colour: str, alpha: int = 255) -> str:
    h = hex_colour.lstrip("#")
    return f"{int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha}"


#: Claims at a town or site are drawn last, above the province- and region-wide ones (QGIS's order by).
POINTS_LAST = "\"precision\" IN ('site', 'locality')"
#: Province- and region-wide claims: a wide, faint, dashed ring (the web map draws their outline).
AREA_SIZE = "CASE WHEN \"precision\" IN ('site', 'locality') THEN 3.2 ELSE 9 END"
AREA_FILL = ("CASE WHEN \"precision\" IN ('site', 'locality') THEN @symbol_color "
             "ELSE set_color_part(@symbol_color, 'alpha', 45) END")
AREA_OUTLINE = "CASE WHEN \"precision\" IN ('site', 'locality') THEN 'solid' ELSE 'dash' END"


def _option_map(parent: ET.Element, values: dict, name: str | None = None) -> ET.Element:
    attributes = {"type": "Map", **({"name": name} if name else {})}
    options = ET.SubElement(parent, "Option", attributes)
    for key, value in values.items():
        if isinstance(value, dict):
            _option_map(options, value, key)
        else:
            kind = "bool" if isinstance(value, bool) else "int" if isinstance(value, int) else "QString"
            text = ("true" if value else "false") if isinstance(value, bool) else str(value)
            ET.SubElement(options, "Option", {"name": key, "type": kind, "value": text})
    return options


def _marker(name: str, colour: str, size: float, outline: str = "#232323", fill_alpha: int = 230, dashed: bool = False,
            defined: dict[str, str] | None = None) -> ET.Element:
    """A circle marker symbol; ``defined`` maps symbol properties (size, fillColor, outlineStyle) to expressions."""
    symbol = ET.Element("symbol", {"type": "marker", "name": name, "alpha": "1", "clip_to_extent": "1", "force_rhr": "0"})
    layer = ET.SubElement(symbol, "layer", {"class": "SimpleMarker", "enabled": "1", "locked": "0", "pass": "0"})
    props = {
        "name": "circle", "color": _rgba(colour, fill_alpha), "outline_color": _rgba(outline), "size": str(size),
        "size_unit": "MM", "outline_width": "0.6" if dashed else "0.3", "outline_style": "dash" if dashed else "solid",
    }
    options = ET.SubElement(layer, "Option", {"type": "Map"})
    for key, value in props.items():  # both spellings: <Option> (QGIS >= 3.26) and <prop> (older)
        ET.SubElement(options, "Option", {"name": key, "type": "QString", "value": value})
        ET.SubElement(layer, "prop", {"k": key, "v": value})
    if defined:
        properties = {key: {"active": True, "expression": expression, "type": 3} for key, expression in defined.items()}
        _option_map(ET.SubElement(layer, "data_defined_properties"), {"name": "", "properties": properties, "type": "collection"})
    return symbol


def _labels(root: ET.Element, field: str, size: float = 9.0, bold: bool = True, priority: str | None = None) -> None:
    """Name each feature by ``field`` beside its point, with a white halo; QGIS hides labels that would collide."""
    root.set("labelsEnabled", "1")
    settings = ET.SubElement(ET.SubElement(root, "labeling", {"type": "simple"}), "settings", {"calloutType": "simple"})
    style = ET.SubElement(settings, "text-style", {
        "fieldName": field, "isExpression": "0", "fontSize": str(size), "fontSizeUnit": "Point", "fontWeight": "75" if bold else "50",
        "textColor": "17,17,17,255", "textOpacity": "1", "namedStyle": "Bold" if bold else "Regular", "fontFamily": "DejaVu Sans"})
    ET.SubElement(style, "text-buffer", {"bufferDraw": "1", "bufferSize": "0.8", "bufferSizeUnits": "MM",
                                         "bufferColor": "255,255,255,255", "bufferOpacity": "0.9"})
    ET.SubElement(settings, "placement", {"placement": "6", "dist": "1.2", "distUnits": "MM", "priority": "6",
                                          "predefinedPositionOrder": "TR,TL,BR,BL,R,L,TSR,BSR"})
    ET.SubElement(settings, "rendering", {"obstacle": "1", "displayAll": "0", "upsidedownLabels": "0", "labelPerPart": "0",
                                          "limitNumLabels": "0", "scaleVisibility": "0"})
    if priority:
        properties = {"Priority": {"active": True, "expression": priority, "type": 3}}
        _option_map(ET.SubElement(settings, "dd_properties"), {"name": "", "properties": properties, "type": "collection"})


def _root() -> ET.Element:
    return ET.Element("qgis", {"version": "3.28.0", "styleCategories": "Symbology|Labeling"})


def _qml(root: ET.Element) -> str:
    ET.SubElement(root, "layerGeometryType").text = "0"
    ET.indent(root)
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + ET.tostring(root, encoding="unicode") + "\n"


def categorized_qml(field: str, categories: list[tuple[str, str, str]], size: float = 3.0,
                    dashed: frozenset[str] = frozenset(), defined: dict[str, str] | None = None,
                    order_by: str | None = None, label: str | None = None) -> str:
    """A QGIS style (QML) colouring point features by ``field``: (value, label, colour) per category (the
    value "" stands for all other values); drawn in ``order_by``'s order, labelled by the field ``label``."""
    root = _root()
    renderer = ET.SubElement(root, "renderer-v2", {"type": "categorizedSymbol", "attr": field, "symbollevels": "0",
                                                  "enableorderby": "1" if order_by else "0", "forceraster": "0"})
    cats = ET.SubElement(renderer, "categories")
    symbols = ET.SubElement(renderer, "symbols")
    for i, (value, text, colour) in enumerate(categories):
        ET.SubElement(cats, "category", {"render": "true", "symbol": str(i), "value": value, "label": text})
        hollow = value in dashed
        symbols.append(_marker(str(i), colour, size, outline=colour if hollow else "#232323",
                               fill_alpha=60 if hollow else 230, dashed=hollow, defined=defined))
    if order_by:
        order = ET.SubElement(renderer, "orderby")
        ET.SubElement(order, "orderByClause", {"asc": "1", "nullsFirst": "0"}).text = order_by
    if label:
        _labels(root, label)
    return _qml(root)


def single_qml(colour: str, size: float = 3.0, fill_alpha: int = 230, label: str | None = None,
               priority: str | None = None) -> str:
    """A QGIS style (QML) drawing every point with one symbol (``fill_alpha`` 0: a ring), labelled by ``label``."""
    root = _root()
    renderer = ET.SubElement(root, "renderer-v2", {"type": "singleSymbol", "symbollevels": "0", "enableorderby": "0",
                                                  "forceraster": "0"})
    symbols = ET.SubElement(renderer, "symbols")
    symbols.append(_marker("0", colour, size, outline=colour, fill_alpha=fill_alpha))
    if label:
        _labels(root, label, priority=priority)
    return _qml(root)


def claims_qml(claims: ClaimStore | gpd.GeoDataFrame, summary=None, labelled: bool = True) -> str:
    """Claims coloured by claimant as the web map colours them (its twelve layers, the rest grey), town and site
    claims drawn above province-wide ones, labelled by place (unless ``labelled`` is false: in the GeoPackage
    the places layer names them, once each)."""
    from ..summary import GROUPINGS, summarise
    from .styles import layer_entries

    store = as_store(claims)
    grouping = GROUPINGS[0]
    entries = layer_entries(summary or summarise(store), grouping)
    categories = [("" if value == grouping.other else value, f"{value} ({count} on the map)", colour)
                  for value, colour, count in entries]
    if not any(value == "" for value, _, _ in categories):
        categories.append(("", grouping.other, OTHER_GREY))
    return categorized_qml(grouping.expression(), categories, defined={"size": AREA_SIZE, "fillColor": AREA_FILL,
                                                           "outlineStyle": AREA_OUTLINE},
                           order_by=POINTS_LAST, label="place" if labelled else None)


OTHER_GREY = "#888888"


def events_qml(events: gpd.GeoDataFrame) -> str:
    from .styles import GRADE_STYLE

    counts = events["grading"].value_counts() if len(events) else pd.Series(dtype=int)
    cats = [(g, f"{g} ({int(counts.get(g, 0))})", colour) for g, (colour, _, _) in GRADE_STYLE.items()]
    return categorized_qml("grading", cats, size=5.0, dashed=frozenset(GRADE_STYLE))


def places_qml() -> str:
    """Places as thin rings (never hiding the claims' colours beneath them), labelled with their names,
    the most-claimed first when names collide."""
    return single_qml("#444444", size=4.4, fill_alpha=0, label="place", priority='least(10, 3 + "n_claims")')


# -- GeoPackage -------------------------------------------------------------------
def places_table(claims: ClaimStore | gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per distinct place named as a strike location, with how many claims name it
    (its values from the first row naming it)."""
    store = as_store(claims)
    claimants = groupby(store.query("SELECT place_id, claimant FROM claims WHERE lon IS NOT NULL "
                                    "GROUP BY place_id, claimant ORDER BY place_id, claimant"), key=lambda r: r[0])
    first = store.query("SELECT g.place_id, c.place, c.precision, c.country, c.admin1, g.n, c.lon, c.lat FROM "
                        "(SELECT place_id, min(pos) AS first, count(DISTINCT claim_id) AS n FROM claims "
                        "WHERE lon IS NOT NULL GROUP BY place_id) g JOIN claims c ON c.pos = g.first ORDER BY g.place_id")
    rows = []
    for (place_id, place, precision, country, admin1, n, lon, lat), (_, names) in zip(first, claimants):
        rows.append({"place_id": place_id, "place": place, "precision": precision, "country": country, "admin1": admin1,
                     "n_claims": n, "claimants": "; ".join(name for _, name in names), "geometry": shapely.Point(lon, lat)})
    frame = pd.DataFrame(rows, columns=["place_id", "place", "precision", "country", "admin1", "n_claims", "claimants", "geometry"])
    frame["n_claims"] = frame["n_claims"].astype("Int64")
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")


_LAYER_STYLES_DDL = """
CREATE TABLE IF NOT EXISTS layer_styles (
  id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256),
  f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT,
  useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), update_time DATETIME DEFAULT CURRENT_TIMESTAMP
)"""


def _store_styles(path: Path, styles: dict[str, str]) -> None:
    """Write QML styles into the GeoPackage's ``layer_styles`` table, as QGIS does."""
    with sqlite3.connect(path) as db:
        db.execute(_LAYER_STYLES_DDL)
        db.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, last_change) "
                   "VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles', ?)", (FIXED_TIMESTAMP,))
        for layer, qml in sorted(styles.items()):
            db.execute("INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, "
                       "styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) "
                       "VALUES ('', '', ?, 'geom', ?, ?, '', 1, 'strikemap default style', '', '', ?)",
                       (layer, f"strikemap {layer}", qml, FIXED_TIMESTAMP))


def write_gpkg(claims: ClaimStore | gpd.GeoDataFrame, events: gpd.GeoDataFrame, path: str | Path, summary=None,
               interceptions: ClaimStore | None = None) -> Path:
    """``strikes.gpkg``: claims, events and places layers, styled for QGIS; a layer of the claims of
    each kind of attack (``event_type``), and the interceptions apart."""
    import pyogrio

    path, store = Path(path), as_store(claims)
    # GDAL stamps gpkg_contents with the current time; a fixed stamp keeps the same
    # input giving the same file, byte for byte.
    # SQLite need not sync each of GDAL's transactions to disk: the file is a temporary one, renamed
    # into place once whole (as every output is); the same bytes, a fifth sooner.
    previous = {name: pyogrio.get_gdal_config_option(name) for name in _GDAL_OPTIONS}
    pyogrio.set_gdal_config_options(_GDAL_OPTIONS)
    try:
        with atomic_path(path) as tmp:
            _write_claims_layer(store, tmp)
            for name, frame in (("events", events), ("places", places_table(store))):
                pyogrio.write_dataframe(frame, tmp, layer=name, driver="GPKG", **_LAYER_KWARGS)
            for name, kind in _type_layers(store):
                _write_claims_layer(store, tmp, name, f"event_type = '{kind}'")
            if interceptions is not None and len(interceptions):
                _write_claims_layer(interceptions, tmp, "interceptions")
            _store_styles(tmp, {"claims": claims_qml(store, summary, labelled=False), "events": events_qml(events), "places": places_qml()})
    finally:
        pyogrio.set_gdal_config_options(previous)
    return path


_GDAL_OPTIONS = {"OGR_CURRENT_DATE": FIXED_TIMESTAMP, "OGR_SQLITE_SYNCHRONOUS": "OFF"}


# GeoPackage 1.2: what the GDAL of older desktop GIS (QGIS 3.22 on Debian 12) reads fully.
_LAYER_KWARGS = {"geometry_type": "Point", "promote_to_multi": False, "dataset_options": {"VERSION": "1.2"}}


def _type_layers(store: ClaimStore) -> list[tuple[str, str]]:
    """(layer name, event type) for each kind of attack the claims hold ("air_drone_strike" ...)."""
    kinds = [kind for (kind,) in store.query("SELECT DISTINCT event_type FROM claims ORDER BY 1")]
    return [(re.sub(r"[^a-z]+", "_", (kind or "type not stated").lower()).strip("_"), kind) for kind in kinds]


def _write_claims_layer(store: ClaimStore, path: Path, layer: str = "claims", where: str | None = None) -> None:
    """The claims layer, streamed by GDAL from the store's file a batch at a time: never the whole table in memory.

    GDAL commits each batch in a transaction of its own, where one write of a table
    in memory commits one; only SQLite's count of them in the file header differs
    (file change counter, bytes 24-27, and its copy at 92-95). It is set back to
    what one write gives, so the file is the same whatever the batch size.
    """
    from pyogrio.raw import open_arrow, write_arrow

    size = batch_rows()
    with open_arrow(store.path, layer="claims", columns=list(COLUMNS), batch_size=size, where=where) as (meta, stream):
        write_arrow(stream, path, layer=layer, driver="GPKG", geometry_name=meta["geometry_name"], crs="EPSG:4326",
                    geometry_type=_LAYER_KWARGS["geometry_type"], dataset_options=_LAYER_KWARGS["dataset_options"])
    rows = len(store) if where is None else store.one(f"SELECT count(*) FROM claims WHERE {where}")[0]
    batches = -(-rows // size)
    if batches > 1:
        with open(path, "r+b") as db:
            header = bytearray(db.read(100))
            counter = int.from_bytes(header[24:28], "big") - (batches - 1)
            header[24:28] = header[92:96] = counter.to_bytes(4, "big")
            db.seek(0)
            db.write(header)


def write_sidecars(claims: ClaimStore | gpd.GeoDataFrame, events: gpd.GeoDataFrame, claims_geojson: Path,
                   events_geojson: Path, summary=None) -> list[Path]:
    """``.qml`` styles beside the GeoJSON files."""
    return [write_text(claims_geojson.with_suffix(".qml"), claims_qml(claims, summary)),
            write_text(events_geojson.with_suffix(".qml"), events_qml(events))]
