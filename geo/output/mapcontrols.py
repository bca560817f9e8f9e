"""The map's own controls and layers, each a small branca element with its template.

:class:`OfflineBasemap`
    Country and division outlines with no tiles: the world coarse, the countries in view finer from zoom 5.
:class:`PlaceLabels`
    Names of the strike places (most-claimed first), countries and divisions, placed so none overlaps another.
:class:`SpreadClaims`
    One marker cluster per layer group: claims at the same point gather into one marker that spreads them
    out when clicked (Leaflet.markercluster's spiderfy); above :data:`CLUSTER_ABOVE` points, nearby ones too.
:class:`LegendFollows`
    Shows the legend section of each layer group that has a layer on.
:class:`TimeMode`
    Moving the time slider shows the dated claims alone; switching a claim layer on leaves the time view.
:class:`ResponsiveLayout`
    Puts the title, legend and panels in Leaflet's control corners so none overlaps another; below
    :data:`NARROW` pixels the layer list and legend collapse behind buttons and everything at the bottom
    stacks in one column; popups open clear of every control.

Options reach the page as JSON (``tojson``); the scripts are written in the templates, never assembled
from strings.
"""
from __future__ import annotations

from branca.element import MacroElement, Template
from folium.elements import JSCSSMixin

from .branca_adapter import Placed, set_kind

NARROW = 600  # px: below this the map is laid out for a phone
CLUSTER_ABOVE = 300  # point claims; beyond this, nearby markers cluster until zoomed in
CLUSTER_UNTIL_ZOOM = 10


class OfflineBasemap(Placed, MacroElement):
    """Outlines for a map drawn with no tiles (see :mod:`geo.output.basemap`), in a pane below the claims."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this.parent_name() }};
            var o = {{ this.options|tojson }};
            map.createPane("strikemap-basemap").style.zIndex = 250;
            var fine = {};
            o.fine_countries.forEach(function (c) { fine[c] = true; });
            var land = {pane: "strikemap-basemap", interactive: false};
            var world = L.geoJSON(o.world, Object.assign({style: o.land}, land)).addTo(map);
            var countries = L.geoJSON(o.countries, Object.assign({style: o.land}, land));
            var divisions = L.geoJSON(o.divisions, Object.assign({style: o.division}, land));
            function update() {
                var detailed = map.getZoom() >= o.detail_zoom;
                world.setStyle(function (f) { return detailed && fine[f.properties.iso2] ? o.hidden : o.land; });
                [countries, divisions].forEach(function (layer) {
                    if (detailed && !map.hasLayer(layer)) { layer.addTo(map); }
                    if (!detailed && map.hasLayer(layer)) { map.removeLayer(layer); }
                });
                divisions.bringToFront();
            }
            map.on("zoomend", update);
            map.whenReady(update);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, world: dict, countries: dict, divisions: dict, fine_countries: list[str], detail_zoom: int = 5):
        super().__init__()
        set_kind(self, "OfflineBasemap")
        self.options = {
            "world": world, "countries": countries, "divisions": divisions, "fine_countries": fine_countries,
            "detail_zoom": detail_zoom,
            "land": {"color": "#8c8c8c", "weight": 1, "fill": True, "fillColor": "#f4f1ea", "fillOpacity": 1},
            "division": {"color": "#b3aca0", "weight": 0.6, "fill": False, "dashArray": "3 3"},
            "hidden": {"stroke": False, "fill": False},
        }


class PlaceLabels(Placed, MacroElement):
    """Labels in priority order (``labels``: text, lat, lon, kind, min_zoom), shown where they fit.

    Kinds: ``place`` (a strike place, beside its point), ``country`` and ``division``
    (centred on their label point). After every move and zoom each label that
    meets one placed before it, or lies outside the view, is hidden.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .strikemap-label { position: absolute; white-space: nowrap; pointer-events: none; font: 12px/1.2 sans-serif;
            color: #222; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }
        .strikemap-label-place { font-weight: 600; }
        .strikemap-label-area { font-style: italic; font-weight: 600; color: #333; }
        .strikemap-label-country { font: 600 11px/1.2 sans-serif; letter-spacing: .12em; text-transform: uppercase; color: #6b6b6b; }
        .strikemap-label-division { font-size: 10px; color: #8a8378; font-style: italic; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this.parent_name() }};
            var labels = {{ this.labels|tojson }};
            var pane = map.createPane("strikemap-labels");
            pane.style.zIndex = 450;
            pane.style.pointerEvents = "none";
            var sizes = null;
            var elements = labels.map(function (d) {
                var el = L.DomUtil.create("div", "strikemap-label strikemap-label-" + d.kind, pane);
                el.textContent = d.text;
                return el;
            });
            function overlaps(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }
            function layout() {
                if (!sizes) { sizes = elements.map(function (el) { return [el.offsetWidth, el.offsetHeight]; }); }
                var view = map.getSize(), zoom = map.getZoom(), placed = [];
                labels.forEach(function (d, i) {
                    var el = elements[i], w = sizes[i][0], h = sizes[i][1];
                    var at = map.latLngToContainerPoint([d.lat, d.lon]);
                    var x = d.kind === "place" || d.kind === "area" ? at.x + 17 : at.x - w / 2, y = at.y - h / 2;
                    var box = [x - 2, y - 1, x + w + 2, y + h + 1];
                    var shown = zoom >= d.min_zoom && box[0] >= 0 && box[1] >= 0 && box[2] <= view.x && box[3] <= view.y
                        && !placed.some(function (b) { return overlaps(b, box); });
                    el.style.display = shown ? "block" : "none";
                    if (shown) {
                        placed.push(box);
                        L.DomUtil.setPosition(el, map.containerPointToLayerPoint([x, y]));
                    }
                });
            }
            map.on("zoomend moveend resize", layout);
            map.whenReady(layout);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, labels: list[dict]):
        super().__init__()
        set_kind(self, "PlaceLabels")
        self.labels = labels


class SpreadClaims(Placed, JSCSSMixin, MacroElement):
    """A marker cluster holding the point layers of one layer group (``members``: (feature group, point layer)).

    Each point layer leaves its feature group for the cluster, and joins it while
    its group is on the map. Markers at one point stay gathered at every zoom and
    spread out when clicked; above :data:`CLUSTER_ABOVE` points, markers within
    80 px gather too until zoom :data:`CLUSTER_UNTIL_ZOOM`.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .strikemap-cluster div { width: 30px; height: 30px; border-radius: 50%; display: flex; align-items: center;
            justify-content: center; box-shadow: 0 0 0 2px #fff, 0 1px 4px rgba(0,0,0,.5); }
        .strikemap-cluster span { background: #fff; border-radius: 50%; min-width: 18px; line-height: 18px;
            font: 700 11px/18px sans-serif; text-align: center; color: #111; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var map = {{ this.parent_name() }};
            var o = {{ this.options|tojson }};
            var cluster = L.markerClusterGroup({
                showCoverageOnHover: false,
                spiderfyOnMaxZoom: true,
                spiderfyDistanceMultiplier: 1.6,
                maxClusterRadius: function (zoom) { return o.many && zoom < o.until_zoom ? o.radius : 1; },
                iconCreateFunction: function (group) {
                    var colours = [];
                    group.getAllChildMarkers().forEach(function (m) {
                        var c = m.options.fillColor || m.options.color;
                        if (colours.indexOf(c) < 0) { colours.push(c); }
                    });
                    colours.sort();
                    var n = group.getChildCount(), step = 100 / colours.length;
                    var stops = colours.map(function (c, i) { return c + " " + (i * step) + "% " + ((i + 1) * step) + "%"; });
                    var icon = L.divIcon({
                        html: "<div style=\\"background: conic-gradient(" + stops.join(", ") + ")\\"><span>" + n + "</span></div>",
                        className: "marker-cluster strikemap-cluster", iconSize: L.point(30, 30)
                    });
                    return icon;
                }
            });
            cluster.addTo(map);
            [{% for group, layer in this.members %}[{{ group.get_name() }}, {{ layer.get_name() }}],{% endfor %}]
            .forEach(function (pair) {
                var group = pair[0], layer = pair[1];
                group.removeLayer(layer);
                group.on("add", function () { cluster.addLayers(layer.getLayers()); });
                group.on("remove", function () { cluster.removeLayers(layer.getLayers()); });
                if (map.hasLayer(group)) { cluster.addLayers(layer.getLayers()); }
            });
            function name(group) {
                var n = group.getChildCount();
                var el = group.getElement && group.getElement();
                if (el && !el.hasAttribute("aria-label")) {
                    el.setAttribute("aria-label", n + " claims here: press Enter to spread them out");
                    el.setAttribute("role", "button");
                    el.setAttribute("tabindex", "0");
                    el.addEventListener("keydown", function (event) {
                        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); group.spiderfy(); }
                    });
                }
            }
            map.on("layeradd", function (event) { if (event.layer.getChildCount) { name(event.layer); } });
            return cluster;
        })();
        {% endmacro %}
        """
    )
    default_js = [("leaflet.markercluster.js",
                   "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js")]
    default_css = [("MarkerCluster.css", "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css"),
                   ("MarkerCluster.Default.css",
                    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.Default.css")]

    def __init__(self, members: list[tuple], many: bool):
        super().__init__()
        set_kind(self, "SpreadClaims")
        self.members = members
        self.options = {"many": many, "radius": 80, "until_zoom": CLUSTER_UNTIL_ZOOM}


class LegendFollows(Placed, MacroElement):
    """Shows each legend section (``[data-legend-group]``) only while a layer of its group is on the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this.parent_name() }};
            var groups = {
                {%- for group, layers in this.groups %}
                {{ group|tojson }}: [{% for layer in layers %}{{ layer.get_name() }},{% endfor %}],
                {%- endfor %}
            };
            function follow() {
                Object.keys(groups).forEach(function (group) {
                    var on = groups[group].some(function (layer) { return map.hasLayer(layer); });
                    document.querySelectorAll("[data-legend-group]").forEach(function (el) {
                        if (el.getAttribute("data-legend-group") === group) { el.hidden = !on; }
                    });
                });
            }
            map.on("layeradd layerremove", follow);
            follow();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, groups: list[tuple[str, list]]):
        super().__init__()
        set_kind(self, "LegendFollows")
        self.groups = [(name, layers) for name, layers in groups if layers]


class TimeMode(Placed, MacroElement):
    """The time slider drives the map: touching it shows the dated claims alone (their layer on,
    the other claim layers off); switching a claim layer on again leaves the time view."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this.parent_name() }};
            var timeline = {{ this.timeline.get_name() }};
            var others = [{% for layer in this.others %}{{ layer.get_name() }},{% endfor %}];
            var entering = false;
            function enter(event) {
                if (!event.target.closest || !event.target.closest(".leaflet-timeline-control") || map.hasLayer(timeline)) { return; }
                entering = true;
                others.forEach(function (layer) { map.removeLayer(layer); });
                map.addLayer(timeline);
                entering = false;
            }
            ["pointerdown", "keydown", "input", "click"].forEach(function (type) { document.addEventListener(type, enter, true); });
            map.on("layeradd", function (event) {
                if (!entering && others.indexOf(event.layer) >= 0 && map.hasLayer(timeline)) { map.removeLayer(timeline); }
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, timeline, others: list):
        super().__init__()
        set_kind(self, "TimeMode")
        self.timeline = timeline
        self.others = others


class ResponsiveLayout(Placed, MacroElement):
    """Every control in a Leaflet corner (stacked, never overlapping), a phone layout, and popups clear of them.

    ``layers`` and ``slider`` are the layer list and time slider elements (the slider may be ``None``).
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .strikemap-box { background: rgba(255,255,255,.95); border-radius: 4px; box-shadow: 0 1px 5px rgba(0,0,0,.35);
            font: 12px/1.4 sans-serif; color: #222; padding: 6px 10px; box-sizing: border-box; }
        .strikemap-title { font: 600 16px/1.3 sans-serif; max-width: min(620px, calc(100vw - 240px)); }
        .strikemap-title .strikemap-subtitle { font-weight: 400; font-size: 12px; color: #444; }
        .strikemap-panel { max-width: 340px; max-height: 38vh; overflow: auto; }
        .strikemap-panel > summary { font-weight: 600; cursor: pointer; }
        .leaflet-control-layers { font: 12px/1.4 sans-serif; }
        .leaflet-control-layers-list { max-height: 46vh; overflow-y: auto; }
        .leaflet-control-layers-group-name { font-weight: 600; }
        .leaflet-control.leaflet-timeline-control { width: min(460px, calc(100vw - 20px)); margin: 0 10px 10px 10px; }
        .leaflet-popup-content { max-width: calc(100vw - 80px); overflow-x: auto; }
        .strikemap-narrow .strikemap-title { font-size: 13px; max-width: calc(100vw - 84px); padding: 4px 8px; }
        .strikemap-narrow .strikemap-title .strikemap-subtitle { font-size: 11px; }
        .strikemap-narrow .strikemap-panel { max-width: calc(100vw - 20px); max-height: 34vh; }
        .strikemap-narrow .leaflet-control-attribution { max-width: calc(100vw - 20px); white-space: normal; }
        .strikemap-narrow .leaflet-control.leaflet-timeline-control .sldr-ctrl-container { width: 28%; }
        .strikemap-narrow .leaflet-control.leaflet-timeline-control input[type="range"] { width: 68%; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this.parent_name() }};
            var o = {{ this.options|tojson }};
            var layers = {{ this.layers.get_name() }};
            var slider = {% if this.slider %}{{ this.slider.get_name() }}{% else %}null{% endif %};
            var Holder = L.Control.extend({
                onAdd: function () {
                    var el = this.options.element;
                    L.DomEvent.disableClickPropagation(el);
                    L.DomEvent.disableScrollPropagation(el);
                    return el;
                }
            });
            function held(selector) {
                var el = document.querySelector(selector);
                return el ? new Holder({element: el}) : null;
            }
            var title = held(".strikemap-title"), legend = held(".strikemap-legend"),
                unlocated = held(".strikemap-unlocated"), sources = held(".strikemap-sources");
            var scale = L.control.scale({maxWidth: 120});
            var narrow = null;
            // Controls per corner; top corners listed top-down, bottom corners bottom-up (as Leaflet stacks them).
            function corners(small) {
                return small ? {
                    topleft: [title, map.zoomControl], topright: [layers],
                    bottomleft: [map.attributionControl, scale, slider, sources, unlocated, legend], bottomright: []
                } : {
                    topleft: [title, map.zoomControl], topright: [layers, sources],
                    bottomleft: [scale, legend], bottomright: [map.attributionControl, slider, unlocated]
                };
            }
            function panels() { return document.querySelectorAll(".strikemap-panel"); }
            function place() {
                var small = map.getSize().x < o.narrow;
                if (small === narrow) { return; }
                narrow = small;
                map.getContainer().classList.toggle("strikemap-narrow", small);
                layers.options.collapsed = small;
                var stacks = corners(small);
                Object.keys(stacks).forEach(function (corner) {
                    stacks[corner].forEach(function (control) {
                        if (!control) { return; }
                        control.setPosition(corner);  // moves a control on the map; only sets it for one not yet on
                        var el = control.getContainer();
                        if (!el || !el.parentNode) { control.addTo(map); }
                    });
                });
                var legendBox = document.querySelector(".strikemap-legend");
                if (legendBox) { legendBox.open = !small; }
                fitPopups();
            }
            function rects(selector) {
                return Array.prototype.map.call(map.getContainer().querySelectorAll(selector), function (el) {
                    return el.getBoundingClientRect();
                }).filter(function (r) { return r.width > 0 && r.height > 0; });
            }
            // The band of the map between the top and the bottom controls.
            function freeBand() {
                var box = map.getContainer().getBoundingClientRect();
                var top = box.top, bottom = box.bottom;
                rects(".leaflet-top .leaflet-control").forEach(function (r) { top = Math.max(top, r.bottom); });
                rects(".leaflet-bottom .leaflet-control").forEach(function (r) { bottom = Math.min(bottom, r.top); });
                return {top: top + 6, bottom: bottom - 6, left: box.left + 6, right: box.right - 6};
            }
            function fitPopups() {
                var band = freeBand();
                L.Popup.prototype.options.maxHeight = Math.max(120, band.bottom - band.top - 30);
                L.Popup.prototype.options.autoPan = false;  // panned clear of the controls below instead
            }
            map.on("popupopen", function (event) {
                var el = event.popup.getElement();
                if (!el) { return; }
                var band = freeBand(), r = el.getBoundingClientRect(), dx = 0, dy = 0;
                if (r.top < band.top) { dy = r.top - band.top; } else if (r.bottom > band.bottom) { dy = r.bottom - band.bottom; }
                if (r.left < band.left) { dx = r.left - band.left; } else if (r.right > band.right) { dx = r.right - band.right; }
                if (dx || dy) { map.panBy([dx, dy], {animate: false}); }
            });
            // On a phone, one panel open at a time: opening one closes the others and the layer list.
            document.addEventListener("toggle", function (event) {
                if (!narrow || !event.target.open || !event.target.classList || !event.target.classList.contains("strikemap-panel")) { return; }
                panels().forEach(function (el) { if (el !== event.target) { el.open = false; } });
                layers.getContainer().classList.remove("leaflet-control-layers-expanded");
            }, true);
            map.on("click", function () {
                if (narrow) { layers.getContainer().classList.remove("leaflet-control-layers-expanded"); }
            });
            map.whenReady(place);
            map.on("resize", place);
            place();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, layers, slider=None):
        super().__init__()
        set_kind(self, "ResponsiveLayout")
        self.layers = layers
        self.slider = slider
        self.options = {"narrow": NARROW}
