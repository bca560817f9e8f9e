"""The published map as readers meet it: in an article page's iframe, in real Chromium, on a phone and a desktop.

At 400 x 700 and 1400 x 900 (CSS pixels, set through the DevTools protocol): no
control overlaps another, a popup opened on a marker is fully visible and clear
of every control, the legend follows the layer group that is on, the time
slider's claims draw in a self-contained page, co-located claims spread out
when clicked, labels are on the map, and no script fails. Skipped, with the
reason, where Chromium or ChromeDriver is not installed.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.pipeline import run

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="needs Debian's chromium and chromium-driver")

UKRAINE = ROOT / "tests" / "fixtures" / "ukraine"
SIZES = {"phone": (400, 700), "desktop": (1400, 900)}
HOST = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Story</title>
<style>body {{ margin: 0; font: 17px/1.5 Georgia, serif; }} p {{ margin: 12px; }}</style></head><body>
<p>Reporting above the map.</p>
<iframe id="map" src="{page}" title="Strike claims map" style="display:block;width:100%;height:{height}px;border:0"></iframe>
<p>Reporting below the map.</p></body></html>
"""


@pytest.fixture(scope="module")
def maps(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layout")
    pages = {}
    for name, source in (("syria", ROOT / "seeds"), ("ukraine", UKRAINE)):
        out = folder / name
        run([source], out, map_options={"self_contained": True, "tiles": "none"}, jobs=1)
        for size, (_width, height) in SIZES.items():
            host = out / f"host-{size}.html"
            host.write_text(HOST.format(page="strikes.html", height=min(640, height - 60)), encoding="utf-8")
            pages[name, size] = host
    return pages


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,900", "--hide-scrollbars"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def open_map(browser, host: Path, size: str):
    """The host page at ``size``, switched into the map's frame once the map has drawn."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    width, height = SIZES[size]
    browser.switch_to.default_content()
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": size == "phone"})
    browser.get(host.as_uri())
    browser.get_log("browser")  # only this page's messages from here on
    WebDriverWait(browser, 20).until(ec.frame_to_be_available_and_switch_to_it((By.ID, "map")))
    WebDriverWait(browser, 20).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".leaflet-control-layers")))
    browser.execute_script("return new Promise(r => setTimeout(r, 300))")
    return browser


MAP = "Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k])[0]"
CONTROL_BOXES = """
return Array.from(document.querySelectorAll('.leaflet-control')).map(el => {
    const r = el.getBoundingClientRect();
    return {name: el.className, left: r.left, top: r.top, right: r.right, bottom: r.bottom};
}).filter(r => r.right > r.left && r.bottom > r.top);
"""


def _overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5 and a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5


def _no_overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(a["name"], b["name"]) for i, a in enumerate(boxes) for b in boxes[i + 1:] if _overlap(a, b)]


def _severe(browser) -> list:
    return [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


@pytest.mark.parametrize("name", ["syria", "ukraine"])
@pytest.mark.parametrize("size", list(SIZES))
def test_controls_never_overlap_and_labels_show(maps, browser, name, size):
    open_map(browser, maps[name, size], size)
    boxes = browser.execute_script(CONTROL_BOXES)
    width, height = browser.execute_script("return [window.innerWidth, window.innerHeight]")
    assert len(boxes) >= 6  # title, zoom, layers, legend, panels, attribution, scale
    assert _no_overlaps(boxes) == []
    assert all(b["left"] >= 0 and b["top"] >= 0 and b["right"] <= width + 0.5 and b["bottom"] <= height + 0.5 for b in boxes)
    labels = browser.execute_script(
        "return Array.from(document.querySelectorAll('.strikemap-label')).filter(e => e.style.display === 'block')"
        ".map(e => e.textContent)")
    assert labels
    if size == "phone":  # the layer list and the legend wait behind buttons
        assert not browser.execute_script(
            "return document.querySelector('.leaflet-control-layers').classList.contains('leaflet-control-layers-expanded')")
        assert not browser.execute_script("return document.querySelector('.strikemap-legend').open")
    else:
        assert browser.execute_script("return document.querySelector('.strikemap-legend').open")
    assert _severe(browser) == []


def test_country_and_place_names_are_on_the_ukraine_map(maps, browser):
    open_map(browser, maps["ukraine", "desktop"], "desktop")
    labels = browser.execute_script(
        "return Array.from(document.querySelectorAll('.strikemap-label')).filter(e => e.style.display === 'block')"
        ".map(e => e.textContent)")
    assert "UKRAINE" in [label.upper() for label in labels] and "Kharkiv" in labels and "Odesa" in labels
    # The offline basemap is drawn there: outlines of the country and its divisions.
    assert browser.execute_script(
        "return document.querySelectorAll('.leaflet-strikemap-basemap-pane path').length") > 20


@pytest.mark.parametrize("size", list(SIZES))
def test_a_popup_opens_fully_visible_clear_of_every_control(maps, browser, size):
    open_map(browser, maps["syria", size], size)
    browser.execute_script(f"""
        const map = {MAP};
        let marker = null;
        map.eachLayer(l => {{ if (!marker && l.feature && l.feature.properties.layer === 'claim' && l.getLatLng) marker = l; }});
        marker.fire('click', {{latlng: marker.getLatLng()}}, true);
    """)
    browser.execute_script("return new Promise(r => setTimeout(r, 300))")
    popup = browser.execute_script("const r = document.querySelector('.leaflet-popup').getBoundingClientRect();"
                                   "return {name: 'popup', left: r.left, top: r.top, right: r.right, bottom: r.bottom};")
    width, height = browser.execute_script("return [window.innerWidth, window.innerHeight]")
    assert popup["left"] >= 0 and popup["top"] >= 0 and popup["right"] <= width and popup["bottom"] <= height
    assert [b["name"] for b in browser.execute_script(CONTROL_BOXES) if _overlap(popup, b)] == []
    assert "Where:" in browser.execute_script("return document.querySelector('.leaflet-popup-content').innerText")


def test_the_legend_follows_the_layer_group_that_is_on(maps, browser):
    open_map(browser, maps["syria", "desktop"], "desktop")
    shown = "return Array.from(document.querySelectorAll('[data-legend-group]')).filter(e => !e.hidden).map(e => e.dataset.legendGroup)"
    assert "Claimant" in browser.execute_script(shown) and "Target affiliation" not in browser.execute_script(shown)
    # Through the layer list, as a reader would: every claimant layer off, the target affiliation group on.
    browser.execute_script("""
        const group = name => Array.from(document.querySelectorAll('.leaflet-control-layers-group-name'))
            .find(e => e.textContent.trim() === name).closest('.leaflet-control-layers-group');
        group('Claimant').querySelectorAll('input.leaflet-control-layers-selector:checked').forEach(i => i.click());
        group('Target affiliation').querySelector('input.leaflet-control-layers-group-selector').click();
    """)
    now = browser.execute_script(shown)
    assert "Target affiliation" in now and "Claimant" not in now


def test_the_time_slider_draws_its_claims_in_a_self_contained_page(maps, browser):
    open_map(browser, maps["ukraine", "desktop"], "desktop")
    before = browser.execute_script("return document.querySelectorAll('path.leaflet-interactive').length")
    # Move the slider to the first dated claim's day, as dragging it would.
    readout = browser.execute_script("""
        const slider = document.querySelector('.leaflet-timeline-control input[type=range]');
        slider.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true}));
        slider.value = slider.min;
        slider.dispatchEvent(new Event('input', {bubbles: true}));
        return document.querySelector('.leaflet-timeline-control output').textContent;
    """)
    assert readout.startswith("2024-03")
    state = browser.execute_script(f"""
        const map = {MAP};
        const dated = [];
        map.eachLayer(l => {{ if (l.feature && l.feature.properties.layer === 'claim-by-date') dated.push(l); }});
        return {{dated: dated.length, circles: dated.filter(l => l instanceof L.CircleMarker).length,
                 images: document.querySelectorAll('img.leaflet-marker-icon').length,
                 claims: (() => {{ let n = 0; map.eachLayer(l => {{ if (l.feature && l.feature.properties.layer === 'claim') n++; }}); return n; }})()}};
    """)
    assert state["dated"] >= 1 and state["circles"] == state["dated"] and state["images"] == 0
    assert state["claims"] == 0  # the time view shows the dated claims alone
    assert before > 0 and _severe(browser) == []


def test_claims_at_one_point_spread_out_when_clicked(maps, browser):
    open_map(browser, maps["ukraine", "desktop"], "desktop")
    clusters = browser.execute_script("return document.querySelectorAll('.strikemap-cluster').length")
    assert clusters >= 1
    count, spread = browser.execute_script(f"""
        const map = {MAP};
        let cluster = null;
        map.eachLayer(l => {{ if (!cluster && l.getChildCount && l.getChildCount() >= 3) cluster = l; }});
        cluster.spiderfy();
        const markers = cluster.getAllChildMarkers();
        const points = markers.map(m => map.latLngToContainerPoint(m.getLatLng()));
        const distinct = new Set(points.map(p => Math.round(p.x) + ',' + Math.round(p.y)));
        return [markers.length, distinct.size];
    """)
    assert count >= 3 and spread == count  # every claim now has a point of its own to click
    assert browser.execute_script("return document.querySelector('.strikemap-cluster').getAttribute('aria-label')")
