"""The review map in real Chromium (Selenium): click the review buttons, download the decisions, apply them, re-run.

Skipped, with the reason, where Chromium or ChromeDriver is not installed (``.ci/run`` installs them).
"""
from __future__ import annotations

import csv
import json
import shutil
import time
from pathlib import Path

import pytest

from geo.corrections import CORRECTION_COLUMNS
from geo.pipeline import run

from .conftest import copy_seeds

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="needs Debian's chromium and chromium-driver")
REVIEW_MAP = {"self_contained": True, "tiles": "none", "review": True}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review-map")
    copy_seeds(folder / "in")
    run([folder / "in"], folder / "first", map_options=REVIEW_MAP, jobs=1)
    return folder


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,900"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _load(browser, path: Path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(path.as_uri())
    WebDriverWait(browser, 20).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".strikemap-review-desk")))


# Opens the popup of the claim whose popup holds both texts: a point (its popup in the page's popup store)
# or an area (a layer with a popup of its own), as a click on it would.
_OPEN = """
const [first, second] = arguments;
const map = Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k])[0];
map.closePopup();
const all = [];
map.eachLayer(l => { all.push(l); if (l.refreshClusters) l.getLayers().forEach(m => all.push(m)); });
const html = l => {
    if (l.feature && l.feature.properties && typeof l.feature.properties.popup === 'number') {
        return window.strikemap_popups[l.feature.properties.popup];
    }
    const popup = l.getPopup && l.getPopup();
    if (!popup || l.feature) return '';
    const content = popup.getContent();
    return typeof content === 'string' ? content : (content && content.innerHTML) || '';
};
const layer = all.find(l => { const h = html(l); return h.indexOf(first) >= 0 && h.indexOf(second) >= 0; });
if (!layer) return false;
if (layer.getLatLng) { layer.fire('click', {latlng: layer.getLatLng()}, true); } else { layer.openPopup(); }
return !!document.querySelector('.leaflet-popup-content .strikemap-review button');
"""


def _click(browser, selector: str):
    browser.find_element("css selector", selector).click()


def _open(browser, first: str, second: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    assert browser.execute_script(_OPEN, first, second), (first, second)
    # The popup closed fades out for a moment: wait until it is gone, so only the open one is found.
    WebDriverWait(browser, 5).until(lambda b: b.execute_script("return document.querySelectorAll('.leaflet-popup').length") == 1)


def _decide_in_popup(browser, first: str, second: str, decision: str, **fields):
    _open(browser, first, second)
    _click(browser, f'.leaflet-popup-content .strikemap-review button[data-decision="{decision}"]')
    _fill(browser, ".leaflet-popup-content", fields)


def _fill(browser, scope: str, fields: dict):
    from selenium.webdriver.support.ui import Select

    if not fields:
        return
    for name, value in fields.items():
        element = browser.find_element("css selector", f'{scope} form [name="{name}"]')
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        else:
            element.send_keys(value)
    _click(browser, f'{scope} form button[type="submit"]')


def _decide_in_list(browser, words: str, decision: str, **fields):
    """A claim in the list of claims not on the map (the panel is opened as a reader would)."""
    browser.execute_script("document.querySelector('details.strikemap-unlocated').open = true")
    items = browser.find_elements("css selector", ".strikemap-unlocated li")
    (item,) = [i for i in items if words in i.text]
    item.find_element("css selector", f'button[data-decision="{decision}"]').click()
    if fields:
        row = item.find_element("css selector", ".strikemap-review").get_attribute("data-row")
        _fill(browser, f'.strikemap-unlocated .strikemap-review[data-row="{row}"]', fields)


def _count(browser) -> int:
    return int(browser.find_element("css selector", ".strikemap-review-count").text)


def _downloaded(folder: Path, seconds: float = 15) -> Path:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done = [p for p in folder.glob("*.csv")]
        if done and not list(folder.glob("*.crdownload")):
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"nothing downloaded into {folder}")


def _features(out: Path, name: str = "strikes.geojson") -> list[dict]:
    return [f["properties"] | {"_point": f["geometry"] and f["geometry"]["coordinates"]}
            for f in json.loads((out / name).read_text(encoding="utf-8"))["features"]]


def test_review_in_the_browser_download_apply_and_run_again(folder, browser, downloads):
    _load(browser, folder / "first" / "strikes.html")
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    # No decision without a name: every decision says who made it.
    _decide_in_popup(browser, "Russian Defense Ministry", "in or near Idlib", "correct")
    assert _count(browser) == 0
    assert "Write your name first" in browser.find_element("css selector", ".strikemap-review-message").text
    browser.find_element("css selector", ".strikemap-reviewer").send_keys("Ana Reviewer")
    _decide_in_popup(browser, "Russian Defense Ministry", "in or near Idlib", "correct")
    _decide_in_popup(browser, "National Coalition president Khaled Khoja", "northern Homs", "wrong claimant",
                     new_claimant="Khaled Khoja (Syrian National Coalition)")
    _decide_in_popup(browser, "State television", "in or near Atshan", "wrong place",
                     new_lat="35.2301", new_lon="37.0802", new_precision="locality")
    _decide_in_list(browser, "Tensions between the USA and Russia", "not a strike")
    _decide_in_list(browser, "Kremlin", "note", note="the Kremlin's denial, as the ministry's")
    assert _count(browser) == 5
    log = browser.execute_script("return document.querySelector('.strikemap-review-desk ol').textContent")
    assert "Idlib \u2014 Russian Defense Ministry: correct" in log and "Atshan \u2014 State television: wrong place" in log
    # A reload loses nothing (the page keeps the decisions in the browser's storage).
    _load(browser, folder / "first" / "strikes.html")
    assert _count(browser) == 5
    assert browser.find_element("css selector", ".strikemap-reviewer").get_attribute("value") == "Ana Reviewer"
    _click(browser, ".strikemap-review-desk > summary")  # the panel opens as a reader opens it
    _click(browser, ".strikemap-review-export")
    downloaded = _downloaded(downloads)
    assert downloaded.name.startswith("corrections-ana-reviewer-")
    with open(downloaded, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(CORRECTION_COLUMNS)
    assert [r["decision"] for r in rows] == ["correct", "wrong claimant", "wrong place", "not a strike", "note"]
    assert {r["decided_by"] for r in rows} == {"Ana Reviewer"} and all(r["decided_at"].endswith("Z") for r in rows)
    assert rows[0]["place_text"] == "Idlib" and rows[0]["sentence"].startswith("The Russian Defense Ministry said")

    # Apply, as the reviewer's colleague would: strikemap run --corrections FILE.
    kept = folder / "corrections.csv"
    shutil.copy(downloaded, kept)
    result = run([folder / "in"], folder / "second", corrections=[kept], jobs=1, map_options=REVIEW_MAP)
    assert [o.kind for o in result.review.outcomes] == ["applied"] * 5, result.review.not_applied()
    claims = _features(folder / "second")
    idlib = next(c for c in claims if c["place_text"] == "Idlib" and c["claimant"] == "Russian Defense Ministry")
    assert idlib["review_status"] == "verified" and idlib["reviewed_by"] == "Ana Reviewer"
    homs = next(c for c in claims if c["place_text"] == "northern Homs")
    assert homs["claimant"] == "Khaled Khoja (Syrian National Coalition)" and homs["review_status"] == "corrected"
    atshan = next(c for c in claims if c["place_text"] == "Atshan")
    assert atshan["_point"] == [37.0802, 35.2301] and atshan["place_id"] == "reviewer:35.23010,37.08020"
    assert not [c for c in claims if c["sentence"].startswith("Tensions between the USA")]
    kremlin = next(c for c in claims if c["claimant"] == "Kremlin")
    assert kremlin["review_note"].startswith("the Kremlin's denial, as the ministry's (Ana Reviewer, ")
    total = result.summary.claims + result.summary.interceptions
    assert result.summary.review == {"unreviewed": total - 3, "verified": 1, "corrected": 2, "added": 0, "rejected": 1}
    # The new review map says what was decided, in its header and in the popups.
    _load(browser, folder / "second" / "strikes.html")
    assert f"3 of {total} claims reviewed (1 verified, 2 corrected); 1 rejected" in browser.find_element(
        "css selector", ".strikemap-title").text
    _open(browser, "Russian Defense Ministry", "in or near Idlib")
    assert "Review: verified by Ana Reviewer" in browser.execute_script(
        "return document.querySelector('.leaflet-popup-content').textContent")
    assert _count(browser) == 0  # a page of other claims starts a review of its own
    # Run again with the same corrections: the same bytes.
    run([folder / "in"], folder / "third", corrections=[kept], jobs=1, map_options=REVIEW_MAP)
    for path in sorted((folder / "second").iterdir()):
        assert path.read_bytes() == (folder / "third" / path.name).read_bytes(), path.name
