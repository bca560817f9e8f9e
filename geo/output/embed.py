"""Outputs for publishing: an embeddable map, a CMS snippet, and a static image.

``embed.html``
    The interactive map built for an iframe: it fills its frame and reports its
    height to the parent page (``postMessage``), so a CMS can size the frame.
``embed-snippet.html``
    What to paste into a CMS: a responsive iframe with a ``title``, a fixed
    aspect ratio on small screens, a listener for the height messages, and a
    ``<noscript>`` fallback to the static image.
``strikes.png``
    A static map (geopandas/matplotlib): governorate outlines, claims coloured by
    claimant, a legend and a source line, for print, social cards and ``<noscript>``;
    ``strikes.png.txt`` holds its alt text.
"""
from __future__ import annotations

import html
import math
from pathlib import Path

import geopandas as gpd
import numpy as np
from branca.element import MacroElement, Template

from ..gazetteer.areas import BOUNDARIES_DIR
from ..store import ClaimStore, as_store
from .atomic import atomic_path, write_text

SOURCE_LINE = "Claims extracted by strikemap from news articles. Places: GeoNames (CC BY 4.0). Boundaries: Natural Earth."


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
        self._name = "HeightReporter"


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


def alt_text(claims: ClaimStore | gpd.GeoDataFrame) -> str:
    """A one-paragraph description of the static map."""
    from .webmap import DRAWN, _counts

    claims = as_store(claims)
    places = ", ".join(f"{p} ({n})" for p, n in
                       _counts(claims.query(f"SELECT place FROM claims WHERE {DRAWN} ORDER BY pos")).most_common(6))
    claimants = ", ".join(c for c, _ in
                          _counts(claims.query(f"SELECT claimant FROM claims WHERE {DRAWN} ORDER BY pos")).most_common(4))
    (mapped,) = claims.one(f"SELECT count(DISTINCT claim_id) FROM claims WHERE {DRAWN}")
    (articles,) = claims.one("SELECT count(DISTINCT article) FROM claims")
    return (f"Map of {mapped} located strike claims from {articles} news articles"
            + (f", at {places}" if places else "") + (f"; claimants include {claimants}" if claimants else "") + ".")


def write_png(claims: ClaimStore | gpd.GeoDataFrame, path: str | Path, title: str = "Strike claims") -> Path:
    """The static map, deterministic for the same claims (no time stamps in the file)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .webmap import DRAWN, _counts, claimant_colours

    claims = as_store(claims)
    pad = 1.0
    low_lon, high_lon, low_lat, high_lat = claims.one(f"SELECT min(lon), max(lon), min(lat), max(lat) FROM claims WHERE {DRAWN}")
    if low_lon is not None:
        west, east = low_lon - pad, high_lon + pad
        south, north = low_lat - pad, high_lat + pad
    else:
        west, east, south, north = 35.0, 42.5, 32.0, 37.5
    # Degrees of longitude shrink with latitude: size the figure to the extent as drawn.
    stretch = 1 / math.cos(math.radians((south + north) / 2))
    width = 8.0
    height = max(4.0, min(12.0, width * (north - south) * stretch / (east - west)))
    fig, ax = plt.subplots(figsize=(width + 3.5, height), dpi=100)
    outlines = [gpd.read_file(p) for p in sorted(BOUNDARIES_DIR.glob("*.geojson"))]
    for frame in outlines:
        frame.plot(ax=ax, facecolor="#f4f1ea", edgecolor="#9a9a9a", linewidth=0.5)
    counts = _counts(claims.query(f"SELECT claimant FROM claims WHERE {DRAWN} ORDER BY pos"))
    colours = claimant_colours(counts)
    for claimant in sorted(counts):
        lon, lat = np.array(list(claims.query(f"SELECT lon, lat FROM claims WHERE {DRAWN} AND claimant = ? ORDER BY pos",
                                              (claimant,))), dtype=np.float64).T
        ax.scatter(lon, lat, s=60, color=colours[claimant], edgecolor="#232323", linewidth=0.6,
                   label=f"{claimant} ({counts[claimant]})", zorder=3)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(stretch)
    if counts:
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, title="Claimant", title_fontsize=9, frameon=False)
    ax.set_title(title, loc="left", fontsize=13, fontweight="bold")
    ax.set_axis_off()
    ax.annotate(SOURCE_LINE, xy=(0, -0.02), xycoords="axes fraction", va="top", fontsize=7, color="#555555")
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return Path(path)


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
