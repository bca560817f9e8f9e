"""The map's colours and layers, shared with the QGIS styles: kept apart from the map itself, so that
writing the styles needs no map library."""
from __future__ import annotations

from collections import Counter

from ..summary import Grouping, Summary

# Colour-blind-safe qualitative palette (Okabe–Ito first, then Tableau).
# Event rings use colours of their own (red, black, dark green, grey).
PALETTE = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#332288", "#F0E442",
    "#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#9C755F", "#76B7B2", "#EDC948", "#FF9DA7",
)
OTHER_COLOUR = "#888888"
# Event rings by grading: colour, dash pattern, radius (px).
GRADE_STYLE = {
    "denied": ("#000000", "2 4", 16),
    "contested": ("#E31A1C", "7 4", 16),
    "multiple sources": ("#1B5E20", None, 13),
    "single source": ("#777777", None, 12),
}


def group_colours(values, other: str = "") -> dict[str, str]:
    """A stable colour per layer value (sorted values take palette colours in turn); ``other`` is grey."""
    names = sorted(set(values) - {other})
    colours = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}
    if other:
        colours[other] = OTHER_COLOUR
    return colours


def layer_entries(found: Summary, grouping: Grouping) -> list[tuple[str, str, int]]:
    """A grouping's layers: (value, colour, claims on the map), sorted, the shared "other" layer last.

    Counts come from the summary, so the layer list and legend add up to its claims on the map.
    """
    counts = Counter(found.groups.get(grouping.title, {}))
    kept = [v for v, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    if grouping.limit and len(kept) > grouping.limit:
        kept = kept[:grouping.limit]
        other = sum(n for v, n in counts.items() if v not in kept)
        counts = Counter({**{v: counts[v] for v in kept}, grouping.other: other})
    colours = group_colours(counts, grouping.other if grouping.other in counts else "")
    return [(v, colours[v], counts[v]) for v in sorted(counts, key=lambda v: (v == grouping.other, v))]


def claimant_colours(claimants) -> dict[str, str]:
    """A stable colour per claimant (sorted names take palette colours in turn)."""
    return group_colours(claimants)
