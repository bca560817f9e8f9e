"""The whole job: articles -> places -> claims -> claims table -> GeoJSON and map.

Each stage lives in its own module; this one only strings them together and
keeps the counts the command line reports.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd

from .articles import Problem, read_articles
from .claims.extract import ClaimExtractor
from .geoparser import Geoparser
from .events import build_events
from .table import claims_table, summary

STRIKES_GEOJSON = "strikes.geojson"
EVENTS_GEOJSON = "events.geojson"
STRIKES_HTML = "strikes.html"


@dataclass
class RunResult:
    """What a run read, found and wrote."""

    articles: int
    problems: list[Problem]
    table: gpd.GeoDataFrame
    events: gpd.GeoDataFrame
    counts: dict[str, int]
    outputs: dict[str, Path] = field(default_factory=dict)


def extract(paths: Iterable[str | Path], online=None) -> tuple[gpd.GeoDataFrame, int, list[Problem]]:
    """Read the articles under ``paths`` and build their claims table.

    ``online``: an optional :class:`~geo.gazetteer.online.OnlineFallback`.
    """
    articles, problems = read_articles(paths)
    parser = Geoparser(online=online)
    extractor = ClaimExtractor()
    claims = []
    for article in articles:
        claims.extend(extractor.extract(article, parser.parse(article.text)))
    return claims_table(claims), len(articles), problems


def run(paths: Iterable[str | Path], out_dir: str | Path = "maps", title: str | None = None, online=None) -> RunResult:
    """Extract claims and write ``strikes.geojson`` and ``strikes.html`` into ``out_dir``."""
    from .output.geojson import write_geojson
    from .output.webmap import write_map

    table, n_articles, problems = extract(paths, online)
    events, table = build_events(table)
    out = Path(out_dir)
    counts = {**summary(table), "events": len(events)}
    subtitle = f"{counts['claims']} claims, {len(events)} events, from {n_articles} articles · every point carries its quoted source"
    outputs = {
        "geojson": write_geojson(table, out / STRIKES_GEOJSON),
        "events": write_geojson(events, out / EVENTS_GEOJSON, layer="events"),
        "map": write_map(table, out / STRIKES_HTML, events=events, title=title or "Who says what was hit where",
                         subtitle=subtitle),
    }
    return RunResult(n_articles, problems, table, events, counts, outputs)
