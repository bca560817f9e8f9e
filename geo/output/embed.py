"""Outputs for publishing: an embeddable map, a CMS snippet, and a static image.

``embed.html``
    The interactive map built for an iframe: it fills its frame and reports its
    height to the parent page (``postMessage``), so a CMS can size the frame.
``embed-snippet.html``
    What to paste into a CMS: a responsive iframe with a ``title``, a fixed
    aspect ratio on small screens, a listener for the height messages, and a
    ``<noscript>`` fallback to the static image.
``strikes.png``
    A locator map a newsroom can print (geopandas/matplotlib): land, country and
    province outlines from the world basemap, claims coloured as on the web map,
    province claims as dashed outlines, place and country names that never
    overlap, a scale bar, an inset locating the area in its region, the legend
    inside the frame, the title and the source line; for print, social cards and
    ``<noscript>``. ``strikes.png.txt`` holds its alt text.
"""
from __future__ import annotations

import html
import math
from pathlib import Path

import geopandas as gpd
from branca.element import MacroElement, Template

from ..store import ClaimStore, as_store
from .atomic import atomic_path, write_text
from .branca_adapter import set_kind

SOURCE_LINE = ("Source: claims extracted by strikemap from the news articles listed with the map. "
               "Places: GeoNames (CC BY 4.0); power stations: WRI (CC BY 4.0). Boundaries: Natural Earth.")


class HeightReporter(MacroElement):
    """Tells the parent page how tall the map is, for iframe embeds."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <style>html, body { height: 100%; margin: 0; } .folium-map { min-height: 320px; }</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            function report() {
                if (window.parent !== window) {
                    window.parent.postMessage({ strikemap: "height", value: document.documentElement.scrollHeight }, "*");
                }
            }
            window.addEventListener("load", report);
            window.addEventListener("resize", report);
        })();
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        set_kind(self, "HeightReporter")


SNIPPET = """<!-- strikemap embed: paste into your CMS; upload {embed} and {png} beside the page. -->
<div class="strikemap-embed" style="position:relative;width:100%;max-width:1200px;margin:0 auto;">
  <iframe src="{embed}" title="{title}" loading="lazy" referrerpolicy="no-referrer"
          style="display:block;width:100%;height:640px;border:0;aspect-ratio:4/3;"
          sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>
  <noscript><img src="{png}" alt="{alt}" style="width:100%;height:auto;"></noscript>
</div>
<style>@media (max-width: 640px) {{ .strikemap-embed iframe {{ height: auto !important; aspect-ratio: 3/4 !important; }} }}</style>
<script>
  window.addEventListener("message", function (event) {{
    if (!event.data || event.data.strikemap !== "height") return;
    document.querySelectorAll(".strikemap-embed iframe").forEach(function (frame) {{
      if (frame.contentWindow === event.source && window.innerWidth > 640) frame.style.height = event.data.value + "px";
    }});
  }});
</script>
"""


def alt_text(claims: ClaimStore | gpd.GeoDataFrame, summary=None) -> str:
    """A one-paragraph description of the static map; its counts from the run's summary."""
    from ..summary import summarise
    from .webmap import DRAWN, _counts

    claims = as_store(claims)
    found = summary or summarise(claims)
    places = ", ".join(f"{p} ({n})" for p, n in
                       _counts(claims.query(f"SELECT place FROM claims WHERE {DRAWN} ORDER BY pos")).most_common(6))
    claimants = ", ".join(c for c, _ in
                          _counts(claims.query(f"SELECT claimant FROM claims WHERE {DRAWN} ORDER BY pos")).most_common(4))
    return (f"Map of {found.words()}; {found.source_words()}"
            + (f". Places on the map: {places}" if places else "") + (f"; claimants include {claimants}" if claimants else "") + ".")


SCALE_STEPS_KM = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000)
MIN_SPAN_DEGREES = 1.5  # a locator map of one town still shows its surroundings
ASPECT = 4 / 3  # the map frame's width to its height


def _extent(claims: ClaimStore) -> tuple[float, float, float, float]:
    """(west, east, south, north) around the drawn claims, or the world when none is drawn."""
    from .webmap import DRAWN

    low_lon, high_lon, low_lat, high_lat = claims.one(f"SELECT min(lon), max(lon), min(lat), max(lat) FROM claims WHERE {DRAWN}")
    if low_lon is None:
        return -170.0, 180.0, -58.0, 78.0
    pad_lon = max(0.6, (high_lon - low_lon) * 0.15, (MIN_SPAN_DEGREES - (high_lon - low_lon)) / 2)
    pad_lat = max(0.5, (high_lat - low_lat) * 0.15, (MIN_SPAN_DEGREES - (high_lat - low_lat)) / 2)
    west, east, south, north = low_lon - pad_lon, high_lon + pad_lon, low_lat - pad_lat, high_lat + pad_lat
    # Widen whichever side is short of a 4:3 frame as drawn (a degree of longitude shrinks with latitude).
    stretch = 1 / math.cos(math.radians(max(-70.0, min(70.0, (south + north) / 2))))
    wide, tall = east - west, (north - south) * stretch
    if wide < tall * ASPECT:
        grow = (tall * ASPECT - wide) / 2
        west, east = west - grow, east + grow
    else:
        grow = (wide / ASPECT - tall) / 2 / stretch
        south, north = south - grow, north + grow
    return west, east, max(-85.0, south), min(85.0, north)


def _frame(features: list[dict]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame.from_features(features, crs="EPSG:4326") if features else gpd.GeoDataFrame(geometry=[], crs="EPSG:4326")


def _draw_basemap(ax, extent, claimed: set[str]) -> list[tuple[float, str, float, float, str]]:
    """Land, countries and (for the countries in view) divisions; returns their labels (priority, text, lon, lat, kind)."""
    from . import basemap

    west, east, south, north = extent
    world = basemap.world()
    _frame(world).plot(ax=ax, facecolor="#f4f1ea", edgecolor="#8c8c8c", linewidth=0.7, zorder=1)
    fine = basemap.countries_in(west, south, east, north, claimed)
    labels = []
    for iso2 in fine:
        features = list(basemap.country(iso2))
        _frame([f for f in features if f["properties"]["kind"] == "country"]).plot(
            ax=ax, facecolor="#f4f1ea", edgecolor="#7a7a7a", linewidth=0.9, zorder=2)
        divisions = [f for f in features if f["properties"]["kind"] == "admin1"]
        _frame(divisions).boundary.plot(ax=ax, color="#b3aca0", linewidth=0.5, linestyle=(0, (3, 2)), zorder=2)
        labels += [(1e6 - f["properties"]["area"], f["properties"]["name"], *f["properties"]["label"], "division")
                   for f in divisions if f["properties"]["name"]]
    for f in world:
        lon, lat = f["properties"]["label"]
        if west <= lon <= east and south <= lat <= north:
            labels.append((-f["properties"]["area"], f["properties"]["name"], lon, lat, "country"))
    return labels


LABEL_STYLE = {
    "place": {"fontsize": 9, "fontweight": "bold", "color": "#111111"},
    "area": {"fontsize": 9, "fontweight": "bold", "fontstyle": "italic", "color": "#333333"},
    "country": {"fontsize": 9, "color": "#6b6b6b", "fontweight": "bold"},
    "division": {"fontsize": 7, "color": "#8a8378", "fontstyle": "italic"},
}


def _place_labels(ax, labels: list[tuple[str, float, float, str]], avoid: list) -> None:
    """Write the labels in priority order, leaving out any that would meet one already written or ``avoid``."""
    import matplotlib.patheffects as effects

    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed = list(avoid)
    halo = [effects.withStroke(linewidth=2.5, foreground="white")]
    for text, lon, lat, kind in labels:
        beside = kind in ("place", "area")
        label = ax.annotate(text.upper() if kind == "country" else text, (lon, lat), xytext=(7, 0) if beside else (0, 0),
                            textcoords="offset points", ha="left" if beside else "center", va="center", zorder=6,
                            path_effects=halo, annotation_clip=True, **LABEL_STYLE[kind])
        box = label.get_window_extent(renderer).expanded(1.05, 1.15)
        inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
        if not inside or any(box.overlaps(other) for other in placed):
            label.remove()
        else:
            placed.append(box)


def _scale_bar(ax, extent) -> None:
    """A scale bar in the lower right, a round number of kilometres about a fifth of the map's width."""
    west, east, south, north = extent
    km_per_degree = 111.32 * math.cos(math.radians((south + north) / 2))
    width_km = (east - west) * km_per_degree
    length = max([s for s in SCALE_STEPS_KM if s <= width_km / 5] or [SCALE_STEPS_KM[0]])
    degrees = length / km_per_degree
    x1 = east - (east - west) * 0.04
    x0, y = x1 - degrees, south + (north - south) * 0.05
    tick = (north - south) * 0.008
    ax.plot([x0, x1], [y, y], color="#222222", linewidth=3, solid_capstyle="butt", zorder=7)
    ax.plot([x0, x0 + degrees / 2], [y, y], color="white", linewidth=1.5, solid_capstyle="butt", zorder=8)
    ax.text((x0 + x1) / 2, y + tick * 1.5, f"{length} km", ha="center", va="bottom", fontsize=8, zorder=8,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1})


def _inset(ax, extent):
    """A small map of the region in the upper right, the main map's area outlined in red."""
    from matplotlib.patches import Rectangle

    from . import basemap

    west, east, south, north = extent
    span = max(24.0, (east - west) * 5, (north - south) * 5)
    cx, cy = (west + east) / 2, (south + north) / 2
    inset = ax.inset_axes([0.77, 0.72, 0.22, 0.26])
    _frame(basemap.world()).plot(ax=inset, facecolor="#e6e1d6", edgecolor="#9a9a9a", linewidth=0.3)
    inset.set_xlim(max(-180, cx - span / 2), min(180, cx + span / 2))
    inset.set_ylim(max(-85, cy - span / 2 * 0.75), min(85, cy + span / 2 * 0.75))
    inset.set_aspect(1 / math.cos(math.radians(max(-60.0, min(60.0, cy)))))
    inset.add_patch(Rectangle((west, south), east - west, north - south, fill=False, edgecolor="#E31A1C", linewidth=1.5))
    inset.set_facecolor("#cfdfeb")
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_xlabel("")
    inset.set_ylabel("")
    for spine in inset.spines.values():
        spine.set_edgecolor("#555555")
    return inset


def write_png(claims: ClaimStore | gpd.GeoDataFrame, path: str | Path, title: str = "Strike claims", summary=None,
              subtitle: str = "") -> Path:
    """The static locator map (see the module docstring), deterministic for the same claims (no time stamps)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from ..summary import GROUPINGS, summarise
    from .webmap import DRAWN, _division_outline, _records, layer_entries

    claims = as_store(claims)
    found = summary or summarise(claims)
    extent = west, east, south, north = _extent(claims)
    # Degrees of longitude shrink with latitude: size the figure to the extent as drawn.
    stretch = 1 / math.cos(math.radians(max(-70.0, min(70.0, (south + north) / 2))))
    width = 10.0
    frame_height = max(3.0, min(14.0, (width - 0.2) * (north - south) * stretch / (east - west)))
    height = frame_height + 1.2  # title and subtitle above, source line below
    fig, ax = plt.subplots(figsize=(width, height), dpi=110)
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.45 / height, top=1 - 0.75 / height)
    ax.set_facecolor("#cfdfeb")
    claimed = {c for (c,) in claims.query(f"SELECT DISTINCT country FROM claims WHERE {DRAWN}")}
    basemap_labels = _draw_basemap(ax, extent, claimed)
    grouping = GROUPINGS[0]
    entries = layer_entries(found, grouping)
    colours = {value: colour for value, colour, _ in entries}
    expr = next((e for g, e in _groupings() if g.title == grouping.title), '"claimant"')
    rows = list(claims.query(f"SELECT pos, {expr}, lon, lat, precision FROM claims WHERE {DRAWN} ORDER BY pos"))
    for pos, key, lon, lat, precision in rows:
        colour = colours.get(key or grouping.empty, colours.get(grouping.other, "#888888"))
        if precision in ("site", "locality"):
            ax.scatter([lon], [lat], s=55, color=colour, edgecolor="#222222", linewidth=0.6, zorder=5)
            continue
        row = next(_records(claims.take([pos])))
        shape = _division_outline(row) if precision in ("admin1", "region") else None  # a region with an extent: its outline
        if shape is not None:
            _frame([{"type": "Feature", "properties": {}, "geometry": shape}]).plot(
                ax=ax, facecolor=colour, alpha=0.12, edgecolor=colour, linewidth=1.6, linestyle="--", zorder=3)
        else:
            ax.scatter([lon], [lat], s=900, facecolor="none", edgecolor=colour, linewidth=1.4, linestyle="--", zorder=3)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(stretch)
    ax.set_xticks([])
    ax.set_yticks([])
    handles = [Line2D([], [], marker="o", linestyle="", markersize=7, markerfacecolor=colour, markeredgecolor="#222222",
                      label=f"{value} ({count})") for value, colour, count in entries]
    if handles:
        legend = ax.legend(handles=handles, loc="lower left", fontsize=8, title=f"{grouping.title} (claims on the map)",
                           title_fontsize=8, frameon=True, framealpha=0.92, edgecolor="#999999")
        legend.set_zorder(9)
    _scale_bar(ax, extent)
    inset = _inset(ax, extent)
    fig.canvas.draw()
    avoid = [inset.get_window_extent()] + ([legend.get_window_extent()] if handles else [])
    from .webmap import _place_labels as place_labels

    strike_places = [(d["text"], d["lon"], d["lat"], d["kind"]) for d in place_labels(claims)]
    named = {text for text, *_ in strike_places}
    _place_labels(ax, strike_places + [(t, lon, lat, k) for _, t, lon, lat, k in sorted(basemap_labels) if t not in named], avoid)
    ax.set_xlabel("")
    ax.set_ylabel("")
    fig.text(0.01, 1 - 0.12 / height, title, fontsize=14, fontweight="bold", va="top")
    fig.text(0.01, 1 - 0.45 / height, subtitle or f"{found.words()}; {found.source_words()}", fontsize=9, color="#444444", va="top")
    fig.text(0.01, 0.1 / height, SOURCE_LINE, fontsize=7, color="#555555", va="bottom")
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", metadata={"Software": None})
    plt.close(fig)
    return Path(path)


def _groupings():
    from ..summary import groupings

    return groupings()


def write_embed(claims: ClaimStore | gpd.GeoDataFrame, events, out: Path, title: str, subtitle: str,
                map_options: dict, summary=None) -> dict[str, Path]:
    """``embed.html``, ``embed-snippet.html``, ``strikes.png`` and its alt text."""
    from .webmap import _stable_ids, build_map, write_page

    from ..summary import summarise

    claims = as_store(claims)
    summary = summary or summarise(claims, events)
    fmap = build_map(claims, events=events, title=title, subtitle=subtitle, summary=summary, **map_options)
    fmap.add_child(HeightReporter())
    _stable_ids(fmap)  # the reporter joined after the ids were fixed
    png = write_png(claims, out / "strikes.png", title, summary=summary, subtitle=subtitle)
    alt = alt_text(claims, summary)
    return {
        "embed": write_page(fmap, out / "embed.html"),
        "png": png,
        "png_alt": write_text(out / "strikes.png.txt", alt + "\n"),
        "snippet": write_text(out / "embed-snippet.html", SNIPPET.format(
            embed="embed.html", png="strikes.png", title=html.escape(title, quote=True), alt=html.escape(alt, quote=True))),
    }
