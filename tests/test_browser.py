"""The map in a real browser: Debian's Chromium driven headless through Selenium.

Skipped, with the reason, where Chromium or ChromeDriver is not installed
(``.ci/run`` installs them with apt-get).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.pipeline import run

from .conftest import ROOT, copy_seeds

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="needs Debian's chromium and chromium-driver")

HOSTILE = (
    "Title: <script>window.__pwned = 'title'</script>\nDate: 2015-10-01\nSource: Hostile <b>outlet</b>\n\n"
    "SANA reported that Russian jets hit <img src=x onerror=\"window.__pwned='img'\"> depots ${window.__pwned='tpl'} "
    "in Rastan </script><script>window.__pwned='script'</script>.\n"
    "The <svg onload=\"window.__pwned='svg'\"> Observatory said jets struck depots in Talbiseh.\n"
)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    src = copy_seeds(folder / "in")
    (src / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    result = run([src], folder / "out", map_options={"self_contained": True, "tiles": "none"})
    return result, Path(result.outputs["map"])


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,900"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _load(browser, path: Path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(path.as_uri())
    WebDriverWait(browser, 20).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".leaflet-control-layers")))
    return browser


def test_map_loads_without_errors_and_shows_its_layers_and_markers(page, browser):
    result, path = page
    _load(browser, path)
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
    labels = [e.text.strip() for e in browser.find_elements("css selector", ".leaflet-control-layers-overlays label span")]
    table, events = result.table, result.events
    mapped = table[table.geometry.notna() & ~table["precision"].isin(["country", "macroregion"])]
    assert any(label.startswith("SANA") for label in labels)  # the canonical actor names the layer
    assert any(label.startswith("Events: contested") for label in labels)
    # Every point-like claim, every area claim and every event is one shape on the map; claims at one
    # point are gathered in a cluster that spreads them out when clicked (so the shapes are counted in the map).
    shapes = browser.execute_script("""
        const map = Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k])[0];
        const seen = new Set();
        const claimed = f => f.properties.layer || Object.keys(f.properties).length === 0;  // not the basemap's outlines
        const visit = l => { if (l.feature && claimed(l.feature)) seen.add(l); if (l.getLayers) l.getLayers().forEach(visit); };
        map.eachLayer(visit);
        return seen.size;
    """)
    assert shapes == len(mapped) + len(events)


def test_a_popup_opens_on_click_and_hostile_text_never_runs(page, browser):
    result, path = page
    _load(browser, path)
    opened = browser.execute_script("""
        const map = Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k])[0];
        const found = [];
        map.eachLayer(l => { if (l.feature && l.feature.properties && l.feature.properties.layer) found.push(l); });
        found.forEach(l => { l.fire('click', {latlng: l.getLatLng()}, true); });
        const popup = document.querySelector('.leaflet-popup-content');
        return popup ? popup.innerText : null;
    """)
    assert opened  # the last clicked point's popup is open and has text
    from selenium.webdriver.common.action_chains import ActionChains

    shape = browser.find_elements("css selector", "path.leaflet-interactive")[0]
    ActionChains(browser).move_to_element(shape).click().perform()
    browser.execute_script("document.querySelector('details.strikemap-unlocated').open = true")
    assert browser.execute_script("return window.__pwned === undefined")
    hostile = browser.execute_script("""
        const map = Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k])[0];
        let text = null;
        const all = [];  // claims on the map and claims gathered in a cluster
        map.eachLayer(l => { all.push(l); if (l.refreshClusters) l.getLayers().forEach(m => all.push(m)); });
        all.forEach(l => {
            const popup = l.feature && l.feature.properties.popup;
            const shown = typeof popup === 'number' ? window.strikemap_popups[popup] : popup;  // the page's popup store
            if (!text && l.feature && l.feature.properties.layer === 'claim' && shown.indexOf('onerror') >= 0) {
                document.querySelectorAll('.leaflet-popup-close-button').forEach(b => b.click());
                map.closePopup();
                L.popup().setLatLng(l.getLatLng()).setContent(shown).openOn(map);  // as the marker's own popup shows it
                text = Array.from(document.querySelectorAll('.leaflet-popup-content')).map(p => p.innerText).join('\\n');
            }
        });
        return text;
    """)
    assert "<img src=x onerror=" in hostile and "</script><script>" in hostile  # shown as text, never as markup
    assert browser.execute_script("return window.__pwned === undefined")
    assert browser.execute_script("return document.querySelectorAll('img[src=\"x\"], svg[onload]').length") == 0

def test_self_contained_page_requests_nothing(page, browser):
    _, path = page
    _load(browser, path)
    requests = browser.execute_script(
        "return performance.getEntriesByType('resource').map(r => r.name).filter(n => !n.startsWith('data:'))")
    assert requests == []


def test_many_points_cluster_and_load_without_errors(browser, tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_corpus import write

    write(tmp_path / "corpus", 150, seed=3)
    result = run([tmp_path / "corpus"], tmp_path / "out", map_options={"self_contained": True, "tiles": "none"})
    html = result.outputs["map"].read_text(encoding="utf-8")
    assert "markerClusterGroup" in html and "cdnjs" not in html
    _load(browser, Path(result.outputs["map"]))
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    assert browser.execute_script("return document.querySelectorAll('.marker-cluster').length") > 0


def test_markers_have_names_and_open_from_the_keyboard(page, browser):
    _, path = page
    _load(browser, path)
    labelled = browser.execute_script(
        "return Array.from(document.querySelectorAll('path.leaflet-interactive[aria-label]')).map(e => e.getAttribute('aria-label'))")
    assert labelled and any("Rastan" in name for name in labelled)
    assert all("<" not in name for name in labelled)  # plain text, never markup
    assert browser.execute_script("return document.querySelector('.folium-map').getAttribute('aria-label')").startswith("Map of ")
    opened = browser.execute_script("""
        const el = document.querySelector('path.leaflet-interactive[aria-label*="Rastan"]');
        el.focus();
        el.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
        return Array.from(document.querySelectorAll('.leaflet-popup-content')).map(p => p.innerText).join(' ');
    """)
    assert "Rastan" in opened


def test_dated_claims_get_a_time_slider(browser, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for day, town in ((1, "Rastan"), (5, "Talbiseh"), (9, "Saraqib")):
        (src / f"{town}.txt").write_text(f"Title: {town}\nDate: 2015-10-{day:02d}\nSource: Wire\n\n"
                                         f"SANA reported that Russian jets struck ISIL positions in {town} yesterday.\n", encoding="utf-8")
    result = run([src], tmp_path / "out", map_options={"self_contained": True, "tiles": "none"})
    html = result.outputs["map"].read_text(encoding="utf-8")
    assert "L.timelineSliderControl" in html and "Claims over time (3)" in html and "cdn.jsdelivr" not in html
    _load(browser, Path(result.outputs["map"]))
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    assert browser.execute_script("return document.querySelectorAll('.leaflet-timeline-control').length") == 1


def test_clustered_claims_open_their_popups(page, browser, tmp_path):
    """Above CLUSTER_ABOVE points the claims are clustered: each marker still opens its popup."""
    import pandas as pd

    from geo.output.webmap import CLUSTER_ABOVE, POINT_PRECISIONS, write_map

    result, _ = page
    points = int(result.table["precision"].isin(POINT_PRECISIONS).sum())
    copies = CLUSTER_ABOVE // max(1, points) + 2
    big = pd.concat([result.table.assign(claim_id=result.table["claim_id"] + f"-{i}") for i in range(copies)],
                    ignore_index=True)
    path = write_map(big, tmp_path / "clustered.html", events=result.events, self_contained=True, tiles="none")
    _load(browser, path)
    # Leaflet opens a layer's popup only when that layer is on the map; a clustered layer never
    # is, so each marker must carry its own popup (opening it needs a zoom that headless
    # Chromium does not animate, so the test reads the marker's popup as a click would).
    text = browser.execute_script("""
        const map = Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k])[0];
        let marker = null;
        map.eachLayer(l => {
            if (!marker && l.zoomToShowLayer) marker = l.getLayers().find(m => m.feature && m.feature.properties.layer === 'claim');
        });
        const popup = marker && marker.getPopup();
        if (!popup) return null;
        const content = popup._content;
        return typeof content === 'function' ? content(marker) : content;
    """)
    assert text and "Target:" in text
