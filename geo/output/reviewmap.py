"""The review map (``strikemap run --review``): a reviewer's decisions made in the page, downloaded as a corrections file.

Every claim's popup, and every claim in the list of claims not on the map, gets the review
buttons (correct, wrong place, wrong claimant, not a strike, note); :class:`ReviewDesk`, a panel
in the top-left corner under the title, keeps the reviewer's name and decisions (in the browser's storage, so a
closed tab loses nothing) and downloads them as the corrections CSV that ``strikemap run
--corrections`` applies (:mod:`geo.corrections.decisions`): a browser download, no server, so the
page works offline. Each claim is named in the file by what a person sees (article, sentence,
place as written), never by its id.
"""
from __future__ import annotations

import hashlib
import json

from branca.element import Template

from ..corrections.decisions import CORRECTION_COLUMNS, FINDER_COLUMNS, POINT_PRECISIONS, SHOWN_COLUMNS
from ..store import ClaimStore
from .branca_adapter import Placed, set_kind
from .webmap import _RenderedOnce

#: The buttons, in order: the decision each writes and the values it asks for (``required``: it cannot be saved
#: without). The decision words are those of the corrections file.
BUTTONS = (
    {"decision": "correct", "label": "Correct", "fields": []},
    {"decision": "wrong place", "label": "Wrong place",
     "hint": "A name or gazetteer id, or latitude and longitude; all empty if the article gives no better place "
             "(the place is taken away).",
     "fields": [{"name": "new_place", "label": "Right place (name or gazetteer id)"},
                {"name": "new_lat", "label": "or latitude"}, {"name": "new_lon", "label": "and longitude"},
                {"name": "new_precision", "label": "a", "choices": ["", *POINT_PRECISIONS]}]},
    {"decision": "wrong claimant", "label": "Wrong claimant",
     "fields": [{"name": "new_claimant", "label": "Who makes the claim", "required": True}]},
    {"decision": "not a strike", "label": "Not a strike", "fields": []},
    {"decision": "note", "label": "Note", "fields": [{"name": "note", "label": "Note", "required": True, "long": True}]},
)
_ROW_COLUMNS = (*FINDER_COLUMNS, *SHOWN_COLUMNS)


def review_rows(claims: ClaimStore) -> dict[str, dict]:
    """What names each row of the map in a corrections file (article, sentence, place as written ...), by position."""
    names = ", ".join(f'"{c}"' for c in _ROW_COLUMNS)
    return {str(pos): {c: ("" if v is None else v) for c, v in zip(_ROW_COLUMNS, values)}
            for pos, *values in claims.query(f"SELECT pos, {names} FROM claims ORDER BY pos")}


class ReviewDesk(Placed, _RenderedOnce):
    """The reviewer's panel and the review buttons of every claim (see the module docstring).

    ``rows``: :func:`review_rows` of the map's claims. Rendered once into the page as text
    (:class:`~geo.output.webmap._RenderedOnce`): the rows quote article text.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .strikemap-review-desk { max-width: 300px; }
        .strikemap-review-desk label { display: block; margin: 4px 0; }
        .strikemap-review-desk input { width: 100%; box-sizing: border-box; }
        .strikemap-review-desk ol { max-height: 20vh; overflow: auto; padding-left: 18px; margin: 4px 0; }
        .strikemap-review-desk .strikemap-review-message { color: #a00; }
        .strikemap-review { margin-top: 6px; border-top: 1px solid #ddd; padding-top: 4px; }
        .strikemap-review button { font: 11px sans-serif; margin: 2px 2px 0 0; padding: 2px 6px; cursor: pointer; }
        .strikemap-review-done { color: #1b5e20; }
        .strikemap-review-form label { display: block; margin-top: 3px; }
        .strikemap-review-form input, .strikemap-review-form textarea { width: 100%; box-sizing: border-box; }
        .strikemap-review-hint { color: #555; }
        </style>
        {% endmacro %}
        {% macro html(this, kwargs) %}
        <details class="strikemap-review-desk strikemap-panel strikemap-box">
          <summary>Review: <span class="strikemap-review-count">0</span> decided</summary>
          <label>Your name <input type="text" class="strikemap-reviewer" autocomplete="name"></label>
          <div class="strikemap-review-message" role="status"></div>
          <button type="button" class="strikemap-review-export">Download corrections (CSV)</button>
          <button type="button" class="strikemap-review-clear">Start over</button>
          <ol class="strikemap-review-log"></ol>
          <div class="strikemap-review-hint">Open a claim to decide on it. Run the file you download with
            strikemap run --corrections FILE.</div>
        </details>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this.parent_name() }};
            var o = {{ this.options|tojson }};
            var desk = document.querySelector(".strikemap-review-desk");
            var Holder = L.Control.extend({
                onAdd: function () {
                    L.DomEvent.disableClickPropagation(desk);
                    L.DomEvent.disableScrollPropagation(desk);
                    return desk;
                }
            });
            new Holder({position: "topleft"}).addTo(map);  // under the title: the top-right stack is long already
            var reviewer = desk.querySelector(".strikemap-reviewer");
            var message = desk.querySelector(".strikemap-review-message");
            var storage = null;
            try { storage = window.localStorage; } catch (e) { storage = null; }
            var saved = {};
            try { saved = JSON.parse((storage && storage.getItem(o.key)) || "{}") || {}; } catch (e) { saved = {}; }
            var decisions = Array.isArray(saved.decisions) ? saved.decisions.filter(function (d) { return o.rows[d.row]; }) : [];
            reviewer.value = saved.reviewer || "";
            function save() {
                if (!storage) { return; }
                try { storage.setItem(o.key, JSON.stringify({reviewer: reviewer.value, decisions: decisions})); } catch (e) {}
            }
            reviewer.addEventListener("input", function () { message.textContent = ""; save(); });
            function make(tag, className, text) {
                var el = document.createElement(tag);
                if (className) { el.className = className; }
                if (text !== undefined) { el.textContent = text; }
                return el;
            }
            function named(row) {
                var r = o.rows[row];
                return (r.place || r.place_text || "no place") + " \\u2014 " + r.claimant;
            }
            function said(d) {
                var extra = ["new_place", "new_lat", "new_lon", "new_claimant", "note"].filter(function (k) { return d[k]; })
                    .map(function (k) { return d[k]; });
                return d.decision + (extra.length ? ": " + extra.join(", ") : "");
            }
            function boxes(row) {
                return Array.prototype.filter.call(document.querySelectorAll(".strikemap-review[data-row]"), function (box) {
                    return row === undefined || box.getAttribute("data-row") === String(row);
                });
            }
            function log() {
                desk.querySelector(".strikemap-review-count").textContent = decisions.length;
                var list = desk.querySelector(".strikemap-review-log");
                list.textContent = "";
                decisions.forEach(function (d, i) {
                    var item = make("li", "", named(d.row) + ": " + said(d) + " ");
                    var undo = make("button", "", "undo");
                    undo.type = "button";
                    undo.addEventListener("click", function () { decisions.splice(i, 1); save(); log(); boxes(d.row).forEach(fill); });
                    item.appendChild(undo);
                    list.appendChild(item);
                });
            }
            function record(row, values) {
                var who = reviewer.value.trim();
                if (!who) {
                    message.textContent = "Write your name first: every decision says who made it.";
                    desk.open = true;
                    reviewer.focus();
                    return false;
                }
                decisions.push(Object.assign({row: row, decided_by: who, decided_at: new Date().toISOString()}, values));
                save();
                log();
                return true;
            }
            function form(box, row, button) {
                var f = make("form", "strikemap-review-form");
                if (button.hint) { f.appendChild(make("div", "strikemap-review-hint", button.hint)); }
                button.fields.forEach(function (field) {
                    var label = make("label", "", field.label + " ");
                    var input;
                    if (field.choices) {
                        input = make("select");
                        field.choices.forEach(function (c) { input.appendChild(make("option", "", c || "(precision)")).value = c; });
                    } else {
                        input = make(field.long ? "textarea" : "input");
                        if (!field.long) { input.type = "text"; }
                    }
                    input.name = field.name;
                    label.appendChild(input);
                    f.appendChild(label);
                });
                var problem = make("div", "strikemap-review-message");
                f.appendChild(problem);
                var ok = make("button", "", "Save");
                ok.type = "submit";
                var cancel = make("button", "", "Cancel");
                cancel.type = "button";
                cancel.addEventListener("click", function () { fill(box); });
                f.appendChild(ok);
                f.appendChild(cancel);
                f.addEventListener("submit", function (event) {
                    event.preventDefault();
                    var values = {decision: button.decision};
                    button.fields.forEach(function (field) {
                        var value = f.elements[field.name].value.trim();
                        if (value) { values[field.name] = value; }
                    });
                    var missing = button.fields.filter(function (field) { return field.required && !values[field.name]; });
                    if (missing.length) { problem.textContent = missing[0].label + ": please fill in."; return; }
                    if (!values.new_lat !== !values.new_lon) { problem.textContent = "Give both latitude and longitude."; return; }
                    if (record(row, values)) { fill(box); }
                });
                box.textContent = "";
                box.appendChild(f);
                var first = f.querySelector("input, textarea");
                if (first) { first.focus(); }
            }
            function fill(box) {
                var row = box.getAttribute("data-row");
                box.textContent = "";
                var mine = decisions.filter(function (d) { return String(d.row) === row; });
                if (mine.length) {
                    box.appendChild(make("div", "strikemap-review-done", "Your decisions: " + mine.map(said).join("; ")));
                }
                o.buttons.forEach(function (button) {
                    var b = make("button", "", button.label);
                    b.type = "button";
                    b.setAttribute("data-decision", button.decision);
                    b.addEventListener("click", function (event) {
                        event.stopPropagation();
                        if (button.fields.length) { form(box, row, button); }
                        else if (record(row, {decision: button.decision})) { fill(box); }
                    });
                    box.appendChild(b);
                });
            }
            function cell(value) {
                var text = value === undefined || value === null ? "" : String(value);
                if (/^[=+@]/.test(text)) { text = "'" + text; }  // read back by strikemap as written
                return /[",\\r\\n]/.test(text) || /^\\s|\\s$/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
            }
            function csv() {
                var lines = [o.columns.map(cell).join(",")];
                decisions.forEach(function (d) {
                    var r = o.rows[d.row];
                    lines.push(o.columns.map(function (c) { return cell(c in d ? d[c] : r[c]); }).join(","));
                });
                return lines.join("\\r\\n") + "\\r\\n";
            }
            desk.querySelector(".strikemap-review-export").addEventListener("click", function () {
                if (!decisions.length) { message.textContent = "No decisions yet: open a claim to decide on it."; return; }
                var stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
                var who = reviewer.value.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
                var link = make("a");
                link.href = URL.createObjectURL(new Blob(["\\ufeff" + csv()], {type: "text/csv;charset=utf-8"}));
                link.download = "corrections-" + (who ? who + "-" : "") + stamp + ".csv";
                document.body.appendChild(link);
                link.click();
                setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
                message.textContent = "Downloaded " + link.download + ": run it with strikemap run --corrections.";
            });
            desk.querySelector(".strikemap-review-clear").addEventListener("click", function () {
                if (decisions.length && !window.confirm("Forget all " + decisions.length + " decisions made in this page?")) { return; }
                decisions = [];
                save();
                log();
                boxes().forEach(fill);
            });
            map.on("popupopen", function (event) {
                var el = event.popup.getElement();
                if (el) { el.querySelectorAll(".strikemap-review[data-row]").forEach(fill); }
                if (reviewer.value.trim()) { desk.open = false; }  // the popup says what was decided: room for it
            });
            boxes().forEach(fill);
            log();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, rows: dict[str, dict]):
        super().__init__()
        set_kind(self, "ReviewDesk")
        key = hashlib.sha1(json.dumps(rows, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
        self.options = {"rows": rows, "columns": list(CORRECTION_COLUMNS), "buttons": list(BUTTONS),
                        "key": f"strikemap-review-{key}"}
