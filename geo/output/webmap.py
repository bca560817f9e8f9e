"""The interactive strike map (folium/Leaflet).

One toggleable layer per claimant, coloured by claimant, with a legend, a
title and a panel listing the claims the map cannot pin (no place, or a whole
country). Precision is drawn honestly: towns and sites are points, regions
wide circles, governorates their outline (or an equal-area circle where no
outline is bundled). Every piece of article text is HTML-escaped before it
reaches the page, and element ids are assigned deterministically so the same
claims give the same file.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement, Template
from folium.elements import JSCSSMixin
from jinja2.utils import htmlsafe_json_dumps

from ..gazetteer.areas import outline
from ..store import ClaimStore, as_store
from ..table import COLUMNS, INTEGER_COLUMNS
from ..summary import DRAWN, GROUPINGS, POINT_PRECISIONS, Grouping, Summary, groupings, summarise
from .atomic import atomic_path
from .branca_adapter import (Placed, child_named, children_of, held_elements, macros, plain_text_elements, render_own_template,
                             rekey_children, replace_child, set_id, set_kind)
from .mapcontrols import CLUSTER_ABOVE  # noqa: F401  (where tests and callers look for it)
from .styles import GRADE_STYLE, OTHER_COLOUR, PALETTE, claimant_colours, group_colours, layer_entries  # noqa: F401

try:  # folium is a core dependency; the import is here to keep start-up light.
    import folium
    from folium.plugins import Timeline, TimelineSlider
    from folium.utilities import JsCode
except ImportError as exc:  # pragma: no cover - folium is declared in pyproject
    raise ImportError("strikemap's maps need folium: python -m pip install folium") from exc

ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    ' | Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0), villages and districts through'
    ' <a href="https://whosonfirst.org/">Who\'s On First</a> (CC BY 4.0), power stations:'
    ' <a href="https://github.com/wri/global-power-plant-database">WRI</a> (CC BY 4.0)'
    ' | Boundaries: <a href="https://www.naturalearthdata.com/">Natural Earth</a>'
)
OTHER_CLAIMANTS = GROUPINGS[0].other  # the claimants past the twelve with most claims on the map share one layer


_ESCAPES = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#x27;",
            ord("$"): "&#36;", ord("`"): "&#96;", ord("{"): "&#123;", ord("}"): "&#125;"}
_ESCAPED = re.compile("[&<>\"'$`{}]")


def _text(value) -> str:
    """Escape text for HTML that folium embeds in a JavaScript template literal: ``html.escape``, and
    ``$``, backquote and braces made entities too (in one pass, where there is any to escape).

    Braces too: branca renders some rendered pieces again as Jinja templates, where
    an article's "{{ ... }}" or "{% ... %}" would run and a stray "{#" would break the page.
    """
    text = "" if value is None else str(value)
    return text.translate(_ESCAPES) if _ESCAPED.search(text) else text


class _Verbatim(Element):
    """A rendered piece of the page, kept as the text branca's template of it would render.

    branca compiles every piece as a template: for a panel listing thousands of
    claims that takes tens of MB, and it would run any template syntax quoted in
    an article. For text without such syntax, the template renders the text with
    its newlines made ``\\n`` and the last one dropped; so does this.
    """

    def __init__(self, text: str):
        super().__init__()
        text = re.sub(r"\r\n?", "\n", text)
        self.text = text[:-1] if text.endswith("\n") else text

    def render(self, **kwargs) -> str:
        return self.text


class _RenderedOnce(MacroElement):
    """A map piece whose macros are rendered once and go into the page as text (see
    :class:`_Verbatim`): claimant names, titles and article lists reach the page as
    written, never as template code."""

    def render(self, **kwargs):
        module, root = macros(self), self.get_root()
        for part in ("header", "html", "script"):
            macro = getattr(module, part, None)
            if macro is not None:
                getattr(root, part).add_child(_Verbatim(macro(self, kwargs)), name=self.get_name())


class _ListedText(Element):
    """A rendered panel listing many items, kept as its opening and closing text and
    rendered a chunk of items at a time as the page is written (see :class:`_ListedPanel`)."""

    def __init__(self, head: str, items: Callable[[], Iterator[str]], tail: str):
        super().__init__()
        self.head, self.items, self.tail = head, items, tail

    def chunks(self) -> Iterator[str]:
        yield self.head
        yield from self.items()
        yield self.tail

    def render(self, **kwargs) -> str:
        return "".join(self.chunks())


class _ListedPanel(_RenderedOnce):
    """A panel listing items that may be many (one per article, per claim): its ``html`` macro
    renders :attr:`ITEMS` where the list goes, its ``items`` macro the list of a chunk of items.

    The page gets the text one template would give (the list's loop in the ``html``
    macro), as :class:`_Verbatim` keeps it, but never the whole list at once: the
    items are read and rendered a chunk at a time as the page is written.
    """

    ITEMS = "\x00strikemap-items\x00"
    CHUNK = 1000

    def render(self, **kwargs):
        module, root = macros(self), self.get_root()
        head, found, tail = _Verbatim(module.html(self, kwargs)).text.partition(self.ITEMS)
        if not found:
            raise ValueError(f"{type(self).__name__}'s html macro does not place its items")

        def items() -> Iterator[str]:
            rows = self.rows()
            while chunk := list(islice(rows, self.CHUNK)):  # a chunk's text ends in the loop's indent: no line is cut
                yield re.sub(r"\r\n?", "\n", module.items(self, chunk))

        root.html.add_child(_ListedText(head, items, tail), name=self.get_name())

    def rows(self) -> Iterator[tuple]:
        raise NotImplementedError


class MapTitle(_RenderedOnce):
    """The title and subtitle, placed in the top-left corner by :class:`~geo.output.mapcontrols.ResponsiveLayout`."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div class="strikemap-title strikemap-box leaflet-control" role="heading" aria-level="1">
          {{ this.title|e }}<div class="strikemap-subtitle">{{ this.subtitle|e }}</div>{% if this.review %}<div class="strikemap-subtitle strikemap-review-status">{{ this.review|e }}</div>{% endif %}
        </div>
        {% endmacro %}
        """
    )

    def __init__(self, title: str, subtitle: str = "", review: str = ""):
        super().__init__()
        set_kind(self, "MapTitle")
        self.title = title
        self.subtitle = subtitle
        self.review = review  # how many claims a reviewer checked (where corrections were applied)


class GroupedLayers(Placed, JSCSSMixin, MacroElement):
    """The layer list in groups ("Claimant", "Target affiliation", "Events"), with counts.

    Its own element rather than folium's GroupedLayerControl, which takes the
    layers' names when it is built: here they are read when the page is
    rendered, after the ids are made deterministic.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control.groupedLayers(null, {
            {%- for group, layers in this.groups %}
            {{ group|tojson }}: {
                {%- for layer in layers %}
                {{ layer.layer_name|tojson }}: {{ layer.get_name() }},
                {%- endfor %}
            },
            {%- endfor %}
        }, {{ this.options|tojson }}).addTo({{ this.parent_name() }});
        {% endmacro %}
        """
    )
    default_js = [("leaflet.groupedlayercontrol.min.js",
                   "https://cdnjs.cloudflare.com/ajax/libs/leaflet-groupedlayercontrol/0.6.1/leaflet.groupedlayercontrol.min.js")]
    default_css = [("leaflet.groupedlayercontrol.min.css",
                    "https://cdnjs.cloudflare.com/ajax/libs/leaflet-groupedlayercontrol/0.6.1/leaflet.groupedlayercontrol.min.css")]

    def __init__(self, groups: list[tuple[str, list]], collapsed: bool = False):
        super().__init__()
        set_kind(self, "GroupedLayers")
        self.groups = [(name, layers) for name, layers in groups if layers]
        self.options = {"collapsed": collapsed, "groupCheckboxes": True}


class AccessibleMarkers(Placed, _RenderedOnce):
    """Markers a keyboard and a screen reader can use: a name, a tab stop, Enter opens the popup.

    The name is the marker's tooltip text, read with DOMParser (which runs no
    script and loads nothing); the map itself is labelled with its description.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this.parent_name() }};
            var container = map.getContainer();
            container.setAttribute("role", "region");
            container.setAttribute("aria-label", {{ this.description|tojson }});
            function textOf(html) {
                return new DOMParser().parseFromString(html || "", "text/html").body.textContent;
            }
            function label(layer) {
                if (!layer.feature || !layer.feature.properties || !layer.getElement) { return; }
                var el = layer.getElement();
                if (!el || el.hasAttribute("aria-label")) { return; }
                el.setAttribute("aria-label", textOf(layer.feature.properties.tooltip));
                el.setAttribute("role", "button");
                el.setAttribute("tabindex", "0");
                el.addEventListener("keydown", function (event) {
                    if (event.key === "Enter" || event.key === " ") {
                        event.preventDefault();
                        layer.fire("click", { latlng: layer.getLatLng ? layer.getLatLng() : map.getCenter() }, true);
                    }
                });
            }
            map.on("layeradd", function (event) { label(event.layer); });
            map.eachLayer(label);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, description: str):
        super().__init__()
        set_kind(self, "AccessibleMarkers")
        self.description = description


class Attribution(Placed, MacroElement):
    """Credits added to Leaflet's attribution control (for maps drawn without tiles)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.parent_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        set_kind(self, "Attribution")
        self.text = text


class Legend(_RenderedOnce):
    """What the colours and shapes mean: a section per layer group (shown while the group has a layer on,
    see :class:`~geo.output.mapcontrols.LegendFollows`), counts in claims, as the layer list gives them."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <details class="strikemap-legend strikemap-panel strikemap-box leaflet-control" aria-label="Legend" open>
          <summary>Legend</summary>
          {% for group, entries in this.sections %}
          <div data-legend-group="{{ group|e }}">
          <div style="font-weight: 600; margin-top: 4px;">{{ group|e }} <span style="font-weight: 400; color: #555;">(claims on the map)</span></div>
          {% for name, colour, count in entries %}
          <div><span style="display:inline-block;width:11px;height:11px;border-radius:50%;background:{{ colour|e }};
               margin-right:6px;vertical-align:middle;"></span>{{ name|e }} ({{ count }})</div>
          {% endfor %}
          </div>
          {% endfor %}
          <div style="margin-top: 6px; color: #444;">&#9679; a town or site &nbsp; &#9711; a region &nbsp;
               &#9633; a province (dashed outline: somewhere inside) &nbsp; <b>3</b> claims at one point: click to spread them out</div>
          {% if this.grades %}<div data-legend-group="Events"><div style="font-weight: 600; margin-top: 6px;">Events (rings)</div>
          {% for name, colour, dash, count in this.grades %}
          <div><span style="display:inline-block;width:11px;height:11px;border-radius:50%;border:2px {{ 'dashed' if dash else 'solid' }} {{ colour|e }};
               margin-right:6px;vertical-align:middle;"></span>{{ name|e }} ({{ count }})</div>
          {% endfor %}</div>{% endif %}
        </details>
        {% endmacro %}
        """
    )

    def __init__(self, sections: list[tuple[str, list[tuple[str, str, int]]]], grades: list[tuple[str, str, str | None, int]] = ()):
        super().__init__()
        set_kind(self, "Legend")
        self.sections = [(group, entries) for group, entries in sections if entries]
        self.grades = list(grades)


class SourcesPanel(_ListedPanel):
    """The articles the map is built from, with links, and a text description for screen readers."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <p class="strikemap-description" style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);">
          {{ this.description|e }}</p>
        <details class="strikemap-sources strikemap-panel strikemap-box leaflet-control">
          <summary>Sources ({{ this.count }} articles)</summary>
          <ol style="padding-left: 18px; margin: 4px 0;">
          {{ this.ITEMS }}
          </ol>
        </details>
        {% endmacro %}
        {% macro items(this, items) %}{% for title, url, outlet, published in items %}
            <li>{% if url %}<a href="{{ url|e }}" target="_blank" rel="noopener noreferrer">{{ title|e }}</a>{% else %}{{ title|e }}{% endif %}
                {% if outlet %} &mdash; {{ outlet|e }}{% endif %}{% if published %}, {{ published|e }}{% endif %}</li>
          {% endfor %}{% endmacro %}
        """
    )

    def __init__(self, claims: ClaimStore, description: str):
        super().__init__()
        set_kind(self, "SourcesPanel")
        self.claims = claims
        (self.count,) = claims.one("SELECT count(DISTINCT article) FROM claims")
        self.description = description

    def rows(self) -> Iterator[tuple[str, str, str, str]]:
        return _sources(self.claims)


def _sources(claims: ClaimStore) -> Iterator[tuple[str, str, str, str]]:
    """Each article's title, link, outlet and date (from its first row), by article."""
    articles = claims.query("SELECT article, article_title, article_url, source, published FROM claims "
                            "WHERE pos IN (SELECT min(pos) FROM claims GROUP BY article) ORDER BY article")
    return ((title or article, url if str(url).lower().startswith(("http://", "https://")) else "", source, published)
            for article, title, url, source, published in articles)


def _counts(rows: Iterator[tuple]) -> Counter:
    """How often each value comes (rows of one value each), in order of first sight as ``Counter`` keeps them."""
    return Counter(value for (value,) in rows)


def _description(found: Summary, claims: ClaimStore, events) -> str:
    """What the map shows, in words, for people who cannot see it (its counts from the summary)."""
    places = _counts(claims.query(f"SELECT place FROM claims WHERE {DRAWN} ORDER BY pos"))
    top = places.most_common(8)
    claimants = _counts(claims.query("SELECT claimant FROM claims WHERE pos IN "
                                     "(SELECT min(pos) FROM claims GROUP BY claim_id) ORDER BY pos")).most_common(5)
    text = f"Map of {found.words()}; {found.source_words()}; drawn at {found.places} places. "
    if top:
        text += "Most named places: " + ", ".join(f"{p} ({n})" for p, n in top) + ". "
    if claimants:
        text += "Main claimants: " + ", ".join(f"{c} ({n})" for c, n in claimants) + ". "
    if found.gradings:
        text += "Events: " + ", ".join(f"{n} {g}" for g, n in sorted(found.gradings.items())) + "."
    return text


class UnlocatedPanel(_ListedPanel):
    """Claims the map cannot pin: no place named, or only a whole country; who says it, and whether they assert or deny."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <details class="strikemap-unlocated strikemap-panel strikemap-box leaflet-control">
          <summary>Claims not on the map ({{ this.count }})</summary>
          <div style="color:#555;">{{ this.note|e }}</div>
          <ul style="padding-left: 16px; margin: 4px 0;">
          {{ this.ITEMS }}
          </ul>
        </details>
        {% endmacro %}
        {% macro items(this, items) %}{% for who, says, where, what, quote, source, row in items %}
            <li><b>{{ who|e }}</b> {{ says|e }}{% if what %} {{ what|e }}{% endif %} &mdash; {{ where|e }}
                <div style="color:#555;">&ldquo;{{ quote|e }}&rdquo;</div><div style="color:#777;">{{ source|e }}</div>{% if row is not none %}<div class="strikemap-review" data-row="{{ row }}"></div>{% endif %}</li>
          {% endfor %}{% endmacro %}
        """
    )

    def __init__(self, items: list[tuple[str, str, str, str, str, str, int | None]], count: int, note: str):
        super().__init__()
        set_kind(self, "UnlocatedPanel")
        self.items = items
        self.count = count
        self.note = note

    def rows(self) -> Iterator[tuple[str, str, str, str, str, str, int | None]]:
        return iter(self.items)


def _link(url: str, text: str) -> str:
    """An escaped link that opens in a new tab; only http(s) addresses (never javascript:)."""
    if not str(url).lower().startswith(("http://", "https://")):
        return _text(text)
    return f"<a href=\"{_text(url)}\" target=\"_blank\" rel=\"noopener noreferrer\">{_text(text)}</a>"


def _when(row) -> str:
    if row["event_date"]:
        return f"{row['event_date']} ({row['date_precision']}; &ldquo;{_text(row['date_phrase'])}&rdquo;)"
    return f"unknown (&ldquo;{_text(row['date_phrase'])}&rdquo;)" if row["date_phrase"] else "not stated"


def _review_line(row) -> str:
    """What a reviewer made of the row, for its popup ("" while unreviewed, with no note)."""
    status, note = row.get("review_status", ""), row.get("review_note", "")
    if status in ("", "unreviewed") and not note:
        return ""
    if status in ("", "unreviewed"):  # a note alone decides nothing
        line = "<b>Review:</b> unreviewed"
    else:
        who = f" by {_text(row['reviewed_by'])}, {_text(str(row['reviewed_at'])[:10])}" if row.get("reviewed_by") else ""
        line = f"<b>Review:</b> {_text(status)}{who}"
    return line + (f" &mdash; <i>{_text(note)}</i>" if note else "")


def _popup_html(row, review: bool = False) -> str:
    """A claim's popup; ``review``: with a place for the review buttons (see :mod:`geo.output.reviewmap`)."""
    casualties = "" if row["casualties"] is None or str(row["casualties"]) == "<NA>" else row["casualties"]
    where = where_words(row["place"], row["precision"], row["uncertainty_km"], row["country"], row["place_id"])
    written = f" (as written: &ldquo;{_text(row['place_text'])}&rdquo;)" if row["place_text"] and row["place_text"] != row["place"] else ""
    if not row["place"] and row["place_text"]:
        where, written = unplaced_words(row["place_text"]), ""
    lines = [
        f"<b>{_text(row['claimant'])}</b> <i>({_text(row['claimant_type'])})</i> {_text(stance_words(row['stance'], ''))}",
        f"<b>Target:</b> {_text(row['target'] or 'not stated')}"
        + (f" &mdash; {_text(row['target_affiliation'])}" if row["target_affiliation"] else ""),
        f"<b>Where:</b> {_text(where)}{written}",
        f"<b>When:</b> {_when(row)}",
        f"<b>Stance:</b> {_text(row['stance'])}"
        + (f" &nbsp; <b>Casualties:</b> {_text(casualties)}" if casualties != "" else ""),
        f"<blockquote style='margin:4px 0;padding-left:6px;border-left:3px solid #999;'>{_text(row['sentence'])}</blockquote>",
        f"<b>Article:</b> {_link(row['article_url'], row['article_title'] or row['source'] or row['article'])}"
        + (f" &mdash; {_text(row['source'])}" if row["source"] and row["article_title"] else "")
        + (f", {_text(row['published'])}" if row["published"] else ""),
    ]
    if reviewed := _review_line(row):
        lines.append(reviewed)
    buttons = f"<div class='strikemap-review' data-row='{int(row.name)}'></div>" if review else ""
    return "<div style='font:12px/1.4 sans-serif;min-width:200px;'>" + "<br>".join(lines) + buttons + "</div>"


class _Popups:
    """Popups as :func:`_popup_html` makes them, each line made once for all the rows that share what it shows
    (a claimant and their stance, a place, a date, an article): only the quoted sentence is new in most popups.
    What is kept is bounded: a line's table is emptied when it grows past :attr:`KEPT` entries."""

    KEPT = 4096

    def __init__(self, review: bool = False):
        self.review = review
        self.lines: list[dict] = [{} for _ in range(6)]

    def _line(self, n: int, key: tuple, make: Callable[[], str]) -> str:
        made = self.lines[n].get(key)
        if made is None:
            if len(self.lines[n]) >= self.KEPT:
                self.lines[n].clear()
            made = self.lines[n][key] = make()
        return made

    def __call__(self, row) -> str:
        r = row
        casualties = "" if r["casualties"] is None or str(r["casualties"]) == "<NA>" else r["casualties"]
        lines = [
            self._line(0, (r["claimant"], r["claimant_type"], r["stance"]), lambda: (
                f"<b>{_text(r['claimant'])}</b> <i>({_text(r['claimant_type'])})</i> {_text(stance_words(r['stance'], ''))}")),
            self._line(1, (r["target"], r["target_affiliation"]), lambda: (
                f"<b>Target:</b> {_text(r['target'] or 'not stated')}"
                + (f" &mdash; {_text(r['target_affiliation'])}" if r["target_affiliation"] else ""))),
            self._line(2, (r["place"], r["precision"], r["uncertainty_km"], r["country"], r["place_id"], r["place_text"]),
                       lambda: self._where(r)),
            self._line(3, (r["event_date"], r["date_precision"], r["date_phrase"]), lambda: f"<b>When:</b> {_when(r)}"),
            self._line(4, (r["stance"], casualties), lambda: (
                f"<b>Stance:</b> {_text(r['stance'])}" + (f" &nbsp; <b>Casualties:</b> {_text(casualties)}" if casualties != "" else ""))),
            f"<blockquote style='margin:4px 0;padding-left:6px;border-left:3px solid #999;'>{_text(r['sentence'])}</blockquote>",
            self._line(5, (r["article_url"], r["article_title"], r["source"], r["article"], r["published"]), lambda: (
                f"<b>Article:</b> {_link(r['article_url'], r['article_title'] or r['source'] or r['article'])}"
                + (f" &mdash; {_text(r['source'])}" if r["source"] and r["article_title"] else "")
                + (f", {_text(r['published'])}" if r["published"] else ""))),
        ]
        if reviewed := _review_line(r):
            lines.append(reviewed)
        buttons = f"<div class='strikemap-review' data-row='{int(r.name)}'></div>" if self.review else ""
        return "<div style='font:12px/1.4 sans-serif;min-width:200px;'>" + "<br>".join(lines) + buttons + "</div>"

    @staticmethod
    def _where(r) -> str:
        where = where_words(r["place"], r["precision"], r["uncertainty_km"], r["country"], r["place_id"])
        written = f" (as written: &ldquo;{_text(r['place_text'])}&rdquo;)" if r["place_text"] and r["place_text"] != r["place"] else ""
        return f"<b>Where:</b> {_text(where)}{written}"


def _tooltip(row) -> str:
    return f"{row['place']} — {row['claimant']}"


def _json(value) -> str:
    """``value`` as Jinja's ``tojson`` filter writes it into folium's templates."""
    return str(htmlsafe_json_dumps(value, sort_keys=True))


def _script_json(value) -> str:
    """``value`` as JSON that is safe inside a ``<script>``: nothing in it can close the
    script or open an HTML comment, and the popups' markup is not spelled out in escapes."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "\\u003c!--")


class _Record(dict):
    """A table row as ``DataFrame.iterrows`` gives it -- ``row["column"]``, ``row.column``, ``row.name``
    (its label), the same values -- without making a Series of each row, which costs more than the popup."""

    __slots__ = ("name",)

    def __getattr__(self, column: str):
        try:
            return self[column]
        except KeyError:
            raise AttributeError(column) from None


def _records(frame: pd.DataFrame) -> Iterator[_Record]:
    """The rows of ``frame`` as :class:`_Record`; its values as ``iterrows`` takes them (``frame.values``)."""
    columns = list(frame.columns)
    for label, values in zip(frame.index, frame.values):
        record = _Record(zip(columns, values))
        record.name = label
        yield record


#: The rows the map draws: located below the country level (a country-wide claim would cover it).
_POINT_COLUMNS = ("place", "claimant")  # all a point claim's feature reads (its popup is in the popup store)
_TIMELINE_COLUMNS = ("place", "claimant", "event_date", "date_precision")
# All a popup reads (see _popup_html).
_POPUP_COLUMNS = ("claimant", "claimant_type", "stance", "target", "target_affiliation", "place", "precision",
                  "uncertainty_km", "country", "place_id", "place_text", "event_date", "date_precision", "date_phrase",
                  "casualties", "sentence", "article_url", "article_title", "source", "article", "published",
                  "review_status", "review_note", "reviewed_by", "reviewed_at")


@dataclass
class _Drawn:
    """The rows the map draws, by position in the store, and what puts each in its layers and draws its point."""

    positions: np.ndarray
    keys: dict[str, np.ndarray]  # grouping title -> each row's value (objects: one string per distinct value)
    points: np.ndarray  # bools: a town or a site, drawn as a point (the rest as areas)
    dated: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    tooltips: np.ndarray  # each row's (place, claimant), as its number in ``tooltip_texts``
    tooltip_texts: list[tuple[str, str]]
    dates: np.ndarray  # each row's (event date, date precision), as its number in ``date_texts``
    date_texts: list[tuple[str, str]]

    def key_at(self, title: str, position: int):
        """The value of grouping ``title`` for the row at ``position`` in the store."""
        return self.keys[title][int(np.searchsorted(self.positions, position))]

    def geometry(self, at: np.ndarray) -> list[str]:
        """The point of the rows at indices ``at``, as ``_json`` writes a feature's geometry (made once a row:
        a claim is drawn in several layers)."""
        made = self.__dict__.setdefault("_geometries", {})
        out = []
        for i, lon, lat in zip(at.tolist(), self.lon[at].tolist(), self.lat[at].tolist()):
            text = made.get(i)
            if text is None:
                text = made[i] = f'{{"coordinates": [{round(lon, 7)!r}, {round(lat, 7)!r}], "type": "Point"}}'
            out.append(text)
        return out

    def tooltip_json(self) -> list[str]:
        """Each tooltip (a place and a claimant, by its number) as ``_json`` writes it into a feature: made once
        for all the layers that draw the rows."""
        made = self.__dict__.get("_tooltip_json")
        if made is None:
            made = self.__dict__["_tooltip_json"] = [_json(_text(f"{place} — {claimant}"))
                                                     for place, claimant in self.tooltip_texts]
        return made

    def made_beforehand(self) -> None:
        """The points' and tooltips' text, made now: the map's process makes them while the events are
        grouped, when it would otherwise wait, rather than while the page is written, the run's last step."""
        self.geometry(np.flatnonzero(self.points))
        self.tooltip_json()


def _drawn(claims: ClaimStore) -> _Drawn:
    """Read a batch at a time into machine arrays: a Python object per row would cost ten times more."""
    names: dict[str, str] = {}
    tooltips: dict[tuple[str, str], int] = {}
    dates: dict[tuple[str, str], int] = {}
    parts: list[tuple[np.ndarray, ...]] = []
    chosen = groupings()
    values = "".join(f"{expr}, " for _, expr in chosen)
    rows = claims.query(f"SELECT pos, {values}precision, event_date, lon, lat, place, claimant, date_precision "
                        f"FROM claims WHERE {DRAWN} ORDER BY pos")
    while batch := list(islice(rows, _Features.CHUNK)):
        columns = list(zip(*batch))
        keys = [np.array([names.setdefault(v or g.empty, v or g.empty) for v in column], dtype=object)
                for (g, _), column in zip(chosen, columns[1:-7])]
        place, claimant, date, precision = columns[-3], columns[-2], columns[-6], columns[-1]
        parts.append((np.array(columns[0], dtype=np.int64), *keys,
                      np.array([p in POINT_PRECISIONS for p in columns[-7]], dtype=bool),
                      np.array([d != "" for d in date], dtype=bool),
                      np.array(columns[-5], dtype=np.float64), np.array(columns[-4], dtype=np.float64),
                      np.array([tooltips.setdefault(t, len(tooltips)) for t in zip(place, claimant)], dtype=np.int32),
                      np.array([dates.setdefault(d, len(dates)) for d in zip(date, precision)], dtype=np.int32)))
    if not parts:
        empty, none = np.zeros(0, object), np.zeros(0, bool)
        return _Drawn(np.zeros(0, np.int64), {g.title: empty for g, _ in chosen}, none, none, np.zeros(0), np.zeros(0),
                      np.zeros(0, np.int32), [], np.zeros(0, np.int32), [])
    joined = [np.concatenate(column) for column in zip(*parts)]
    n = len(chosen)
    return _Drawn(joined[0], {g.title: keys for (g, _), keys in zip(chosen, joined[1:1 + n])}, *joined[1 + n:5 + n],
                  joined[5 + n], list(tooltips), joined[6 + n], list(dates))


def _reader(claims: ClaimStore, columns: tuple[str, ...]) -> Callable[[np.ndarray], Iterator[_Record]]:
    return lambda positions: _plain_records(claims, positions, columns)


class _Point(NamedTuple):
    """A row's point, read as a shapely point is (``x`` the longitude, ``y`` the latitude)."""

    x: float
    y: float


def _plain_records(claims: ClaimStore, positions: np.ndarray, columns: Sequence[str] = COLUMNS) -> Iterator[_Record]:
    """The rows at ``positions`` (ascending) as ``_records(claims.take(positions, columns))`` gives them, the
    same values, read from the store with no frame made: a frame costs more than the rows' popups."""
    missing = [math.nan if c not in INTEGER_COLUMNS and c != "uncertainty_km" else pd.NA for c in columns]
    for pos, *values, lon, lat in claims.take_rows(positions, columns):
        if None in values:  # as the table's frames hold missing values
            values = [gone if value is None else value for value, gone in zip(values, missing)]
        record = _Record(zip(columns, values))
        record["geometry"] = None if lon is None else _Point(lon, lat)
        record.name = pos
        yield record


class _Features:
    """A layer's features, made from its rows (``positions``, read with ``rows``) only while the page is written.

    The layers' GeoJSON is most of the page: every claim's popup, in up to three
    layers. Made feature by feature as it is written, it is never all in memory.
    """

    CHUNK = 1024  # rows read from the store at a time

    def __init__(self, rows: Callable[[np.ndarray], Iterator[_Record]], positions: np.ndarray,
                 make: Callable[[_Record], dict], texts: Callable[[np.ndarray], Iterator[str]] | None = None):
        self.rows, self.positions, self.make = rows, positions, make
        # The features of rows at some positions as JSON, the text _feature_json gives (made faster), if known.
        self.texts = texts
        first = next(iter(self))
        # What folium checks the popup fields against and writes into the script, to be
        # replaced by the features: the first one's shape, with no article text in it.
        self.sample = {**first, "properties": dict.fromkeys(first["properties"], "")}

    def __len__(self) -> int:
        return len(self.positions)

    def __iter__(self) -> Iterator[dict]:
        for start in range(0, len(self.positions), self.CHUNK):
            for row in self.rows(self.positions[start:start + self.CHUNK]):
                yield self.make(row)

    def json(self) -> Iterator[str]:
        """The features as JSON (``_json`` of each), in pieces, ", " between them."""
        if self.texts is None:
            for i, feature in enumerate(self):
                if i:
                    yield ", "
                yield from _feature_json(feature)
            return
        for start in range(0, len(self.positions), self.CHUNK):
            yield (", " if start else "") + ", ".join(self.texts(self.positions[start:start + self.CHUNK]))


def _feature_json(feature: dict) -> Iterator[str]:
    """``_json(feature)`` in pieces; a popup given in parts is encoded part by part.

    JSON and HTML-safe escaping work character by character, so the parts
    encoded one at a time give the text of the whole popup encoded at once.
    """
    popup = feature["properties"]["popup"]
    if isinstance(popup, (str, int)):  # an int points into the page's popup store
        yield _json(feature)
        return
    head, _, tail = _json({**feature, "properties": {**feature["properties"], "popup": ""}}).partition('"popup": ""')
    yield head + '"popup": "'
    for part in popup:
        yield _json(part)[1:-1]
    yield '"' + tail


class _LayerScript(Element):
    """A streamed layer's script: folium's text, with the sample feature replaced by the layer's features."""

    def __init__(self, script: str, features: _Features):
        super().__init__()
        self.head, found, self.tail = script.partition(_json(features.sample))
        if not found:
            raise ValueError("the layer's script does not hold its sample feature")
        self.features = features

    def chunks(self) -> Iterator[str]:
        yield self.head
        yield from self.features.json()
        yield self.tail

    def render(self, **kwargs) -> str:
        return "".join(self.chunks())


class _Streamed:
    """A GeoJSON layer whose features go into the page as it is written (see :class:`_Features`)."""

    def __init__(self, features: _Features, **kwargs):
        self.features = features
        super().__init__({"type": "FeatureCollection", "features": [features.sample]}, **kwargs)

    def render(self, **kwargs):
        super().render(**kwargs)
        scripts = self.get_root().script
        replace_child(scripts, self.get_name(), _LayerScript(child_named(scripts, self.get_name()).render(), self.features))


class _StreamedGeoJson(_Streamed, folium.GeoJson):
    pass


class _StreamedTimeline(_Streamed, Timeline):
    pass


class _PopupStore(Element):
    """Every point claim's popup, written once into the page: the claimant, target-affiliation
    and timeline layers show the same claims, and their features point here by number
    (``popup``) instead of carrying three copies of each popup."""

    def __init__(self, claims: ClaimStore, positions: np.ndarray, review: bool = False, written: str | None = None):
        super().__init__()
        set_kind(self, "PopupStore")
        self.claims, self.positions, self.review = claims, positions, review
        self.written = written  # a file holding the popups' text, made beforehand (see prepare_map)

    def number(self, position: int) -> int:
        """The popup's number: where the row is among the stored ones (a search in their sorted positions)."""
        return int(np.searchsorted(self.positions, position))

    def popups(self) -> Iterator[str]:
        """The popups as JSON, ", " between them, a chunk of rows at a time."""
        popup = _Popups(self.review)
        for start in range(0, len(self.positions), _Features.CHUNK):
            rows = _plain_records(self.claims, self.positions[start:start + _Features.CHUNK], _POPUP_COLUMNS)
            yield (", " if start else "") + ", ".join([_script_json(popup(row)) for row in rows])

    def chunks(self) -> Iterator[str]:
        yield f"var {POPUP_STORE} = ["
        if self.written is None:
            yield from self.popups()
        else:
            with open(self.written, encoding="utf-8", newline="") as made:
                while block := made.read(1 << 20):
                    yield block
        yield "];"

    def render(self, **kwargs) -> str:
        return "".join(self.chunks())


class StoredPopup(Placed, MacroElement):
    """The popups (from the page's popup store, by each feature's number) and tooltips of a claims layer.

    Bound to every marker (``per_marker``), not to the layer: a layer handed to
    a marker cluster is never on the map itself, and Leaflet opens a layer's
    popup only when it is, so clustered claims would open nothing.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {% if this.per_marker %}
        {{ this.parent_name() }}.eachLayer(function(layer) {
            layer.bindPopup(function() {
                return {{ this.store }}[layer.feature.properties.popup];
            }, {{ this.options|tojson }});
            layer.bindTooltip(layer.feature.properties.tooltip, {"sticky": true});
        });
        {% else %}
        {{ this.parent_name() }}.bindPopup(function(layer) {
            return {{ this.store }}[layer.feature.properties.popup];
        }, {{ this.options|tojson }});
        {% endif %}
        {% endmacro %}
        """
    )

    def __init__(self, max_width: int = 380, per_marker: bool = False):
        super().__init__()
        set_kind(self, "StoredPopup")
        self.store = POPUP_STORE
        self.options = {"maxWidth": max_width}
        self.per_marker = per_marker


def _point_layer(features: _Features, marker: folium.CircleMarker, max_width: int = 380, stored: bool = True) -> folium.GeoJson:
    """Many points as one GeoJSON layer (not one object each): pages stay small and fast.

    Each feature carries its tooltip, and its popup or the popup's number in the
    page's popup store (``stored``), as HTML in which every piece of article text
    is already escaped; the popups insert them as HTML.
    """
    if stored:
        layer = _StreamedGeoJson(features, marker=marker)
        layer.add_child(StoredPopup(max_width, per_marker=True))
        return layer
    return _StreamedGeoJson(
        features,
        marker=marker,
        popup=folium.GeoJsonPopup(fields=["popup"], labels=False, localize=False, max_width=max_width),
        tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False, localize=False),
    )


def _point_feature(lat: float, lon: float, layer: str, popup: str | int | Iterator[str], tooltip: str) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(lon, 7), round(lat, 7)]},
            "properties": {"layer": layer, "popup": popup, "tooltip": _text(tooltip)}}


def _claim_feature(row, tag: str, store: _PopupStore) -> dict:
    return _point_feature(row.geometry.y, row.geometry.x, tag, store.number(row.name), _tooltip(row))


class _ClaimFeatureTexts:
    """Point claims' features as JSON: what ``_json`` gives of :func:`_claim_feature` (and, with ``colours``,
    of the timeline's features), written from the drawn rows' arrays.

    ``_json`` sorts the keys and escapes character by character, so each value's JSON is made on its own;
    a tooltip (a place and a claimant) is made once for all the rows with it, and so are a date's days.
    """

    def __init__(self, drawn: _Drawn, tag: str, store: _PopupStore, colours: Callable[[np.ndarray], list[str]] | None = None):
        self.drawn, self.layer, self.store, self.colours = drawn, _json(tag), store, colours
        self.days: dict[int, tuple[str, str]] = {}

    def _days(self, code: int) -> tuple[str, str]:
        """The timeline's start and end (the day after the last) of a date, as JSON."""
        from datetime import timedelta

        from ..claims.dates import date_range

        made = self.days.get(code)
        if made is None:
            start, end = date_range(*self.drawn.date_texts[code])
            made = self.days[code] = (_json(start.isoformat()), _json((end + timedelta(days=1)).isoformat()))
        return made

    def __call__(self, positions: np.ndarray) -> Iterator[str]:
        drawn = self.drawn
        at = np.searchsorted(drawn.positions, positions)
        tooltips = drawn.tooltip_json()
        rows = zip(drawn.geometry(at), np.searchsorted(self.store.positions, positions).tolist(), drawn.tooltips[at].tolist())
        if self.colours is None:
            for geometry, number, tooltip in rows:
                yield (f'{{"geometry": {geometry}, "properties": {{"layer": {self.layer}, "popup": {number}, '
                       f'"tooltip": {tooltips[tooltip]}}}, "type": "Feature"}}')
            return
        for (geometry, number, tooltip), date, colour in zip(rows, drawn.dates[at].tolist(), self.colours(positions)):
            start, end = self._days(date)
            yield (f'{{"geometry": {geometry}, '
                   f'"properties": {{"colour": {_json(colour)}, "end": {end}, "layer": {self.layer}, "popup": {number}, '
                   f'"start": {start}, "tooltip": {tooltips[tooltip]}}}, "type": "Feature"}}')


def _add_points(group: folium.FeatureGroup, features: _Features, colour: str, members: list) -> None:
    """Point claims as one GeoJSON layer of ``group``; it joins its group's cluster (``members``, see
    :class:`~geo.output.mapcontrols.SpreadClaims`), which spreads out claims at one point."""
    marker = folium.CircleMarker(radius=7, color="#222222", weight=1, fill=True, fill_color=colour, fill_opacity=0.9)
    layer = _point_layer(features, marker)
    layer.add_to(group)
    members.append((group, layer))


def _add_area(group: folium.FeatureGroup, row, colour: str, review: bool = False) -> None:
    popup = folium.Popup(_popup_html(row, review), max_width=380)
    tooltip = folium.Tooltip(_text(_tooltip(row)))
    lat, lon = row.geometry.y, row.geometry.x
    precision = row["precision"]
    shape = _division_outline(row) if precision in ("admin1", "region") else None  # a region with an extent: its outline
    if shape is not None:
        folium.GeoJson(
            {"type": "Feature", "geometry": shape, "properties": {}},
            style_function=lambda _f, c=colour: {"color": c, "weight": 2, "dashArray": "6 4", "fillColor": c, "fillOpacity": 0.08},
            highlight_function=lambda _f, c=colour: {"weight": 3, "fillOpacity": 0.2},
            popup=popup, tooltip=tooltip,
        ).add_to(group)
    else:
        folium.Circle(
            (lat, lon), radius=float(row["uncertainty_km"] or 25) * 1000, color=colour, weight=2, dash_array="6 4",
            fill=True, fill_color=colour, fill_opacity=0.08, popup=popup, tooltip=tooltip,
        ).add_to(group)


def _division_outline(row) -> dict | None:
    """The province's (or region's) outline: the world basemap's, else the gazetteer's bundled one."""
    from .basemap import division

    feature = division(row["country"], row["place_id"]) if row["country"] else None
    return feature["geometry"] if feature else outline(row["place_id"])


def _quoted(sentence: str) -> str:
    """The sentence in quotation marks, unless it already opens with one."""
    text = _text(sentence.strip())
    return text if sentence.strip()[:1] in "“\"‘'«" else f"&ldquo;{text}&rdquo;"


POPUP_STORE = "strikemap_popups"  # the page's one array of point claims' popups

# Claims side by side in an event's popup: more are unreadable (and would make pages huge).
EVENT_POPUP_CLAIMS = 12


def _event_popup_html(event, shown: list[_Record], n_claims: int) -> Iterator[str]:
    """The event's competing claims side by side: one column per claim shown (see :func:`_shown_claims`).

    In parts, one per claim: an event may gather thousands of claims, and its
    popup is written a part at a time (see :func:`_feature_json`).
    """
    date = f" &middot; {_text(event['event_date'])} ({_text(event['date_precision'])})" if event["event_date"] else ""
    yield (
        "<div style='font:12px/1.4 sans-serif;max-width:640px;'>"
        f"<b>Event at {_text(event['places'])}</b>{date}<br>"
        f"<b>{_text(event['grading'])}</b>: {_text(event['grading_reason'])}"
        "<table style='margin-top:4px;border-collapse:collapse;'><tr>"
    )
    for c in shown:
        affiliation = f" &mdash; {_text(c['target_affiliation'])}" if c["target_affiliation"] else ""
        yield (
            "<td style='vertical-align:top;padding:4px 6px;border-left:2px solid #ccc;min-width:160px;'>"
            f"<b>{_text(c['claimant'])}</b><br><i>{_text(stance_words(c['stance'], c['target']))}</i>{affiliation}"
            f"<br><span style='color:#555'>{_quoted(c['sentence'])}</span>"
            f"<br><span style='color:#777'>{_text(source_words(c['article_title'], c['source'], '', c['article']))}</span></td>"
        )
    yield "</tr></table>"
    if len(shown) < n_claims:
        yield (f"<i>and {n_claims - len(shown)} more claims: every claim of this event is in strikes.geojson "
               f"with event_id {_text(event['event_id'])}</i>")
    yield "</div>"


def _shown_claims(claims: ClaimStore, event_id: str) -> tuple[list[int], int]:
    """Which claims an event's popup sets side by side (the positions of their first rows), and how many it has:
    every claimant's every stance first (the competing claims are the point), then the rest in order,
    EVENT_POPUP_CLAIMS at most. Chosen in SQL: an event may gather thousands of claims."""
    firsts = 'SELECT min(pos) AS pos FROM claims WHERE "event_id" = ? GROUP BY claim_id'
    (n_claims,) = claims.one(f"SELECT count(*) FROM ({firsts})", (event_id,))
    voices = [pos for (pos,) in claims.query(
        f"SELECT min(c.pos) FROM ({firsts}) f JOIN claims c ON c.pos = f.pos "
        "GROUP BY c.claimant || char(0) || c.stance ORDER BY 1 LIMIT ?", (event_id, EVENT_POPUP_CLAIMS))]
    rest = [pos for (pos,) in claims.query(f"SELECT pos FROM ({firsts}) WHERE pos NOT IN ({', '.join('?' * len(voices))}) "
                                          "ORDER BY pos LIMIT ?", (event_id, *voices, EVENT_POPUP_CLAIMS - len(voices)))]
    return sorted(voices + rest), n_claims


def _add_events(fmap: folium.Map, events: gpd.GeoDataFrame, claims: ClaimStore, layers: list) -> list[tuple[str, str, str | None, int]]:
    """One layer per grading (appended to ``layers``); each event a ring around its claims' points."""
    legend = []
    columns = ["claim_id", "claimant", "stance", "target", "target_affiliation", "sentence", "article_title", "source", "article"]

    def feature(event, grade: str) -> dict:
        shown, n_claims = _shown_claims(claims, event["event_id"])
        return _point_feature(event.geometry.y, event.geometry.x, "event",
                              _event_popup_html(event, list(_plain_records(claims, np.asarray(shown, dtype=np.int64), columns)), n_claims),
                              f"Event at {event['place']}: {grade}")

    for grade, (colour, dash, radius) in GRADE_STYLE.items():
        chosen = np.flatnonzero(events["grading"] == grade)
        if not len(chosen):
            continue
        group = folium.FeatureGroup(name=_text(f"Events: {grade} ({len(chosen)})"), show=True)
        features = _Features(lambda p: _records(events.iloc[p]), chosen, lambda e, grade=grade: feature(e, grade))
        marker = folium.CircleMarker(radius=radius, color=colour, weight=3, dash_array=dash, fill=True, fill_opacity=0.05)
        _point_layer(features, marker, max_width=660, stored=False).add_to(group)
        group.add_to(fmap)
        layers.append(group)
        legend.append((grade, colour, dash, len(chosen)))
    return legend


def _unlocated(claims: ClaimStore, review: bool = False) -> list[tuple[str, str, str, str, str, str, int | None]]:
    """Claims with no place, or only country-level places, in table order: who, what they say
    (the stance in words), where, the quote, the article by title and outlet, and (``review``) the
    position of the claim's first row, where its review buttons go (else ``None``)."""
    rows = claims.query(f"SELECT claim_id, place, place_text, claimant, stance, target, sentence, article_title, source, "
                        f"published, article, pos FROM claims WHERE claim_id NOT IN (SELECT claim_id FROM claims WHERE "
                        f"{DRAWN}) ORDER BY pos")
    first: dict[str, tuple] = {}
    places: dict[str, set[str]] = defaultdict(set)
    for claim_id, place, written, claimant, stance, target, sentence, title, source, published, article, pos in rows:
        first.setdefault(claim_id, (claimant, stance_words(stance, target), sentence,
                                    source_words(title, source, published, article), pos if review else None,
                                    unplaced_words(written) if place == "" and written else "no place named"))
        if place != "":
            places[claim_id].add(place)
    return [(claimant, says, f"only {', '.join(sorted(places[c]))} as a whole" if c in places else nowhere,
             "", sentence, source, pos) for c, (claimant, says, sentence, source, pos, nowhere) in first.items()]


def unplaced_words(written: str) -> str:
    """Where a claim with no place says the strike was, when the gazetteer lacks the place it names."""
    return f"“{written}”, a place the gazetteer lacks"


def stance_words(stance: str, target: str) -> str:
    """What a claimant says, in words: "reports a strike on a command post", "denies a strike on civilians"."""
    verb = "denies" if stance == "denies" else "reports"
    return f"{verb} a strike" + (f" on {target}" if target else "")


def source_words(title: str, outlet: str, published: str = "", article: str = "") -> str:
    """An article as a reader names it: its title and outlet (and date); its file name only when it has neither."""
    words = " \u2014 ".join(part for part in (title, outlet) if part) or f"article {article}"
    return words + (f", {published}" if published else "")


def where_words(place: str, precision: str, uncertainty_km, country: str = "", place_id: str = "") -> str:
    """Where a claim puts the strike, as a reader understands it: "somewhere in Homs province (about 230 km across)"."""
    from .basemap import division

    if not place:
        return "no place named"
    across = _across(uncertainty_km)
    if precision == "site":
        return f"at {place} (a site; within about {across} km)"
    if precision == "locality":
        return f"in or near {place} (a town or village; within about {across} km)"
    if precision == "admin1":
        feature = division(country, place_id) if country else None
        kind = (feature["properties"].get("type") if feature else "") or "province"
        return f"somewhere in {place} {kind} (about {across} km across)"
    if precision in ("country", "macroregion"):
        return f"somewhere in {place} (the whole country)"
    return f"somewhere in the {place} area (about {across} km across)"


def _across(radius_km) -> int:
    """A circle's width from its radius, rounded as a reader would say it."""
    try:
        width = 2 * float(radius_km)
    except (TypeError, ValueError):
        return 0
    step = 1 if width < 20 else 10 if width < 200 else 50
    return int(max(step, round(width / step) * step))


def _stable_ids(root: Element) -> None:
    """Replace folium's random element ids with ids derived from tree position.

    Elements hang off their parents both as children and as attributes (a
    popup's ``html``), so both are walked, in a fixed order.
    """
    seen: set[int] = set()

    def walk(element: Element, path: str) -> None:
        if id(element) in seen:
            return
        seen.add(id(element))
        set_id(element, hashlib.sha1(path.encode()).hexdigest()[:16])
        children = children_of(element)
        for i, child in enumerate(children):
            walk(child, f"{path}/{i}")
        # Templates use the keys of _children as variable names: re-key them too.
        rekey_children(element)
        for name, value in held_elements(element):
            walk(value, f"{path}.{name}")

    walk(root.get_root(), "figure")


VENDOR = Path(__file__).resolve().parent / "vendor"
# What a self-contained page inlines (see scripts/vendor_assets.py): the exact
# versions folium uses of the libraries these maps need.
INLINE_CSS = ("leaflet-1.9.3.css",)
INLINE_JS = ("leaflet-1.9.3.js", "jquery-3.7.1.min.js")
CLUSTER_CSS = ("MarkerCluster-1.1.0.css", "MarkerCluster.Default-1.1.0.css")
CLUSTER_JS = ("leaflet.markercluster-1.1.0.js",)
TIMELINE_JS = ("moment-2.18.1.min.js", "leaflet.timeline-1.6.0.js")
CONTROL_CSS = ("leaflet.groupedlayercontrol-0.6.1.min.css",)
CONTROL_JS = ("leaflet.groupedlayercontrol-0.6.1.min.js",)


def _inline_assets(fmap: folium.Map, scripted: list) -> None:
    """Put the vendored scripts and stylesheets in the page instead of CDN links (``scripted``: the
    elements that would link their own)."""
    fmap.default_js, fmap.default_css = [], []
    css, js = [*INLINE_CSS, *CONTROL_CSS, *CLUSTER_CSS], [*INLINE_JS, *CONTROL_JS, *CLUSTER_JS]
    for element in scripted:
        if isinstance(element, TimelineSlider):
            js += TIMELINE_JS
        element.default_js, element.default_css = [], []
    header = fmap.get_root().header
    for name in css:
        header.add_child(Element(f"<style>{(VENDOR / name).read_text(encoding='utf-8')}</style>"), name=name)
    for name in js:
        code = (VENDOR / name).read_text(encoding="utf-8").replace("</", "<\\/")  # never close the script tag early
        header.add_child(Element(f"<script>{code}</script>"), name=name)


#: Place labels at most (the most-claimed): beyond, names would only hide one another.
MAX_PLACE_LABELS = 400


def _view(claims: ClaimStore) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) of the drawn claims, padded; ``None`` when nothing is drawn."""
    low_lat, low_lon, high_lat, high_lon = claims.one(f"SELECT min(lat), min(lon), max(lat), max(lon) FROM claims WHERE {DRAWN}")
    if low_lat is None:
        return None
    pad = 0.3
    return round(low_lat - pad, 5), round(low_lon - pad, 5), round(high_lat + pad, 5), round(high_lon + pad, 5)


def _offline_basemap(fmap: folium.Map, claims: ClaimStore, view) -> list[dict]:
    """The world's outlines (coarse), and the countries around the claims (finer, from zoom 5), for maps
    drawn with no tiles; returns the labels of those countries and their divisions."""
    from . import basemap
    from .mapcontrols import OfflineBasemap

    world = basemap.world()
    fine: list[str] = []
    west = south = east = north = margin_lat = margin_lon = 0.0
    if view is not None:
        south, west, north, east = view
        margin_lat, margin_lon = max(2.0, (north - south) / 2), max(2.0, (east - west) / 2)
        claimed = {c for (c,) in claims.query(f"SELECT DISTINCT country FROM claims WHERE {DRAWN}")}
        fine = basemap.countries_in(west - margin_lon, south - margin_lat, east + margin_lon, north + margin_lat, claimed)
    outline_of = lambda f: {"type": "Feature", "properties": {"iso2": f["properties"].get("iso2", "")}, "geometry": f["geometry"]}  # noqa: E731
    countries, divisions, labels = [], [], []
    for iso2 in fine:
        for f in basemap.country(iso2):
            clipped = basemap.clipped(f["geometry"], west - 2 * margin_lon, south - 2 * margin_lat, east + 2 * margin_lon,
                                      north + 2 * margin_lat)
            if clipped is None:
                continue
            (countries if f["properties"]["kind"] == "country" else divisions).append(outline_of({**f, "geometry": clipped}))
            if f["properties"]["kind"] == "admin1" and f["properties"]["name"]:
                labels.append((-f["properties"]["area"], f["properties"]["name"], f["properties"]["label"]))
    collection = lambda features: {"type": "FeatureCollection", "features": features}  # noqa: E731
    fmap.add_child(OfflineBasemap(collection([outline_of(f) for f in world]), collection(countries), collection(divisions), fine))
    by_area = sorted(world, key=lambda f: (-f["properties"]["area"], f["properties"]["name"]))
    return ([{"text": f["properties"]["name"], "lon": f["properties"]["label"][0], "lat": f["properties"]["label"][1],
              "kind": "country", "min_zoom": _country_zoom(f["properties"]["area"])} for f in by_area]
            + [{"text": name, "lon": at[0], "lat": at[1], "kind": "division", "min_zoom": 6 if -area >= 1 else 7}
               for area, name, at in sorted(labels)])


def _country_zoom(area: float) -> int:
    """The zoom from which a country's name is worth showing, by its area in square degrees."""
    for zoom, least in ((2, 150.0), (3, 20.0), (4, 3.0), (5, 0.5)):
        if area >= least:
            return zoom
    return 6


def _place_labels(claims: ClaimStore) -> list[dict]:
    """The strike places' names, the most-claimed first (ties by name)."""
    points = ", ".join(repr(p) for p in POINT_PRECISIONS)
    rows = claims.query(f"SELECT place, min(lat), min(lon), count(DISTINCT claim_id) AS n, max(precision IN ({points})) "
                        f"FROM claims WHERE {DRAWN} AND place != '' GROUP BY place_id ORDER BY n DESC, place, place_id "
                        f"LIMIT {MAX_PLACE_LABELS}")
    return [{"text": place, "lat": round(lat, 5), "lon": round(lon, 5), "kind": "place" if point else "area", "min_zoom": 0}
            for place, lat, lon, _, point in rows]


NO_AFFILIATION = "not stated"
_CIRCLE_POINTS = JsCode(
    "function (feature, latlng) { return L.circleMarker(latlng, {radius: 7, color: '#222222', weight: 1, "
    "fillColor: feature.properties.colour, fillOpacity: 0.9}); }")


def _add_timeline(fmap: folium.Map, claims: ClaimStore, drawn: _Drawn, store: _PopupStore, colours: dict[str, str],
                  count: int) -> tuple[list, object]:
    """Dated town and site claims on a time slider (folium's Timeline), when any claim has a date; drawn as
    the claimant layers draw them (circles in the claimant's colour, never Leaflet's image markers).

    Each claim shows for the days its date stands for (a day, a week, a month).
    """
    from datetime import timedelta

    from ..claims.dates import date_range

    dated = drawn.positions[drawn.dated & drawn.points]
    if not len(dated):
        return [], None
    first = GROUPINGS[0].title

    def feature(row) -> dict:
        start, end = date_range(row["event_date"], row["date_precision"])
        made = _claim_feature(row, "claim-by-date", store)
        made["properties"].update(start=start.isoformat(), end=(end + timedelta(days=1)).isoformat(),
                                  colour=colours.get(drawn.key_at(first, row.name), OTHER_COLOUR))
        return made

    def colours_at(positions: np.ndarray) -> list[str]:
        keys = drawn.keys[first][np.searchsorted(drawn.positions, positions)]
        return [colours.get(key, OTHER_COLOUR) for key in keys]

    features = _Features(_reader(claims, _TIMELINE_COLUMNS), dated, feature,
                         _ClaimFeatureTexts(drawn, "claim-by-date", store, colours_at))
    group = folium.FeatureGroup(name=_text(f"Claims over time ({count})"), show=False)
    timeline = _StreamedTimeline(features, point_to_layer=_CIRCLE_POINTS)
    timeline.add_child(StoredPopup(380))
    timeline.add_to(group)
    group.add_to(fmap)
    slider = TimelineSlider(auto_play=False, show_ticks=True, enable_keyboard_controls=False, date_options="YYYY-MM-DD")
    slider.add_timelines(timeline)
    slider.add_to(fmap)
    return [group], slider


def _layers_by(fmap: folium.Map, claims: ClaimStore, drawn: _Drawn, grouping: Grouping, entries, store: _PopupStore,
               members: list, tag: str, review: bool = False) -> list:
    """One layer per entry of a grouping (value, colour, claims), drawn in its colour; each value's rows from
    ``drawn`` (values outside the entries go to the grouping's "other" layer).

    Leaflet's layer control inserts names as HTML: they are escaped like any article text.
    """
    keys = drawn.keys[grouping.title]
    named = {value for value, _, _ in entries}
    if grouping.other in named:
        keys = np.where(np.isin(keys, list(named)), keys, grouping.other).astype(object)
    points, positions = drawn.points, drawn.positions
    layers = []
    for value, colour, count in entries:
        group = folium.FeatureGroup(name=_text(f"{value} ({count})"), show=grouping.show)
        chosen = keys == value
        if (chosen & points).any():
            features = _Features(_reader(claims, _POINT_COLUMNS), positions[chosen & points],
                                 lambda r: _claim_feature(r, tag, store), _ClaimFeatureTexts(drawn, tag, store))
            _add_points(group, features, colour, members)
        for row in _plain_records(claims, positions[chosen & ~points]):
            _add_area(group, row, colour, review)
        group.add_to(fmap)
        layers.append(group)
    return layers


@dataclass
class MapParts:
    """What the map draws of the claims that does not depend on their events, made beforehand (while the
    events are grouped, in another process): the drawn rows and the popups' text, in a file (removed with it)."""

    drawn: _Drawn
    popups: str
    review: bool

    def remove(self) -> None:
        try:
            os.unlink(self.popups)
        except OSError:
            pass


def prepare_map(claims: ClaimStore, review: bool = False) -> MapParts:
    """The parts of the map of ``claims`` that their events do not change (see :class:`MapParts`); the popups'
    text is written to a file in the store's folder. The store may be grouping its events meanwhile."""
    drawn = _drawn(claims)
    drawn.made_beforehand()
    path = claims.scratch_file("popups.json")
    popups = _PopupStore(claims, drawn.positions[drawn.points], review)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.writelines(popups.popups())
    return MapParts(drawn, path, review)


def build_map(table: ClaimStore | gpd.GeoDataFrame, events: gpd.GeoDataFrame | None = None, title: str = "Strike claims",
              subtitle: str | None = None, self_contained: bool = False, tiles: str = "openstreetmap",
              summary: Summary | None = None, review: bool = False, parts: MapParts | None = None) -> folium.Map:
    """A folium map of the claims table (see module docstring), in its store or in memory.

    Every count on it comes from ``summary`` (made here when not given); the rows
    are read from the store as the page is written, a chunk at a time. ``review``:
    the review map, with review buttons for every claim (:mod:`geo.output.reviewmap`).
    ``parts``: what :func:`prepare_map` made of these claims beforehand.
    """
    with plain_text_elements():
        return _build_map(table, events, title, subtitle, self_contained, tiles, summary, review, parts)


def _build_map(table, events, title, subtitle, self_contained, tiles, summary, review, parts) -> folium.Map:
    from .mapcontrols import LegendFollows, PlaceLabels, ResponsiveLayout, SpreadClaims, TimeMode

    claims = as_store(table.to_crs("EPSG:4326") if isinstance(table, gpd.GeoDataFrame) and table.crs
                      and table.crs.to_epsg() != 4326 else table)
    found = summary or summarise(claims, events)
    subtitle = f"{found.words()}; {found.source_words()}" if subtitle is None else subtitle
    if parts is not None and parts.review != review:
        raise ValueError("the map's parts were made for another kind of map")
    drawn = _drawn(claims) if parts is None else parts.drawn
    view = _view(claims)
    fmap = folium.Map(location=(20.0, 10.0), zoom_start=2, tiles=None, control_scale=False)
    # maxZoom on the map itself (folium gives max_zoom only to tile layers): clustering
    # needs it, and a map drawn with no tiles has nothing else to set it.
    fmap.options["max_zoom"] = 18
    labels = []
    if tiles == "none":
        labels = _offline_basemap(fmap, claims, view)
        fmap.get_root().header.add_child(Element("<style>.folium-map.leaflet-container{background:#cfdfeb}</style>"), name="sea")
        fmap.add_child(Attribution(ATTRIBUTION.split(" | ", 1)[1]))  # no tiles: only the data's credits
    else:
        folium.TileLayer("OpenStreetMap", attr=ATTRIBUTION, name="OpenStreetMap", control=False).add_to(fmap)
    store = _PopupStore(claims, drawn.positions[drawn.points], review, None if parts is None else parts.popups)
    fmap.get_root().script.add_child(store, name=POPUP_STORE)
    spreads, groups, sections, claim_layers, colours = [], [], [], [], {}
    for grouping, _ in groupings():
        entries = layer_entries(found, grouping)
        members: list = []
        tag = "claim" if not claim_layers else f"claim-by-{grouping.title.lower().replace(' ', '-')}"
        layers = _layers_by(fmap, claims, drawn, grouping, entries, store, members, tag, review)
        if members:
            spreads.append(SpreadClaims(members, many=int(drawn.points.sum()) > CLUSTER_ABOVE))
        groups.append((grouping.title, layers))
        sections.append((grouping.title, entries))
        claim_layers += layers
        colours = colours or {value: colour for value, colour, _ in entries}
    for spread in spreads:
        fmap.add_child(spread)
    event_layers: list = []
    grades = _add_events(fmap, events, claims, event_layers) if events is not None and len(events) else []
    time_layers, slider = _add_timeline(fmap, claims, drawn, store, colours, found.dated_points)
    control = GroupedLayers([*groups, ("Events", event_layers), ("Dates", time_layers)])
    fmap.add_child(control)
    if slider is not None:
        fmap.add_child(TimeMode(time_layers[0], claim_layers))
    fmap.add_child(MapTitle(title, subtitle, found.review_words()))
    fmap.add_child(Legend(sections, grades))
    first = groups[0][0] if groups else ""
    fmap.add_child(LegendFollows([(name, layers + (time_layers if name == first else [])) for name, layers in groups]
                                 + [("Events", event_layers)]))
    fmap.add_child(UnlocatedPanel(_unlocated(claims, review), found.not_on_map, found.not_on_map_words()))
    description = _description(found, claims, events)
    fmap.add_child(SourcesPanel(claims, description))
    places = _place_labels(claims)
    named = {label["text"] for label in places}
    fmap.add_child(PlaceLabels(places + [label for label in labels if label["text"] not in named]))
    fmap.add_child(AccessibleMarkers(description))
    fmap.add_child(ResponsiveLayout(control, slider))
    if review:
        from .reviewmap import ReviewDesk, review_rows

        fmap.add_child(ReviewDesk(review_rows(claims)))
    if view is not None:
        south, west, north, east = view
        fmap.fit_bounds([[south, west], [north, east]])
    if self_contained:
        _inline_assets(fmap, [control, *spreads, *([slider] if slider is not None else [])])
    _stable_ids(fmap)
    return fmap


_MARK = "<!-- strikemap: {} -->"


def write_page(fmap: folium.Map, path: str | Path) -> Path:
    """Write the page ``fmap.get_root().render()`` would give to ``path`` (atomically), piece by piece.

    The rendered page is several times the size of the file in memory (each
    element's script, branca's template of it, the joined sections and page,
    its encoding); written a piece at a time, with the layers' features made as
    they go in, it never is all in memory.
    """
    with plain_text_elements():
        return _write_page(fmap, path)


def _write_page(fmap: folium.Map, path: str | Path) -> Path:
    figure = fmap.get_root()
    for child in children_of(figure):  # as Figure.render: the elements fill header, html and script
        child.render()
    sections = (figure.html, figure.script)
    figure.html, figure.script = Element(_MARK.format("html")), Element(_MARK.format("script"))
    try:
        head, _, rest = render_own_template(figure, this=figure, kwargs={}).partition(_MARK.format("html"))
    finally:
        figure.html, figure.script = sections
    middle, _, tail = rest.partition(_MARK.format("script"))
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as out:
        for text, section in zip((head, middle), sections):
            out.write(text)
            for piece in children_of(section):
                out.write("\n    ")  # as branca's Element template joins its children
                out.writelines(piece.chunks() if isinstance(piece, (_LayerScript, _PopupStore, _ListedText)) else [piece.render()])
        out.write(tail)
    return Path(path)


def write_map(table: ClaimStore | gpd.GeoDataFrame, path: str | Path, parts: MapParts | None = None, **options) -> Path:
    """Render the map to ``path`` atomically; returns the path. ``parts``: see :func:`prepare_map` (removed once used)."""
    try:
        return write_page(build_map(table, parts=parts, **options), path)
    finally:
        if parts is not None:
            parts.remove()
