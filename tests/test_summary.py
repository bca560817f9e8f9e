"""One summary feeds every count a reader sees, and runs leave nothing stale behind.

On the seeds, through the command line: the numbers it prints, ``run-report.json``,
the map's header, layer list, legend, "Claims not on the map" panel and
screen-reader description, and the static map's alt text all say the same.
"""
from __future__ import annotations

import html as html_lib
import json
import os
import re
import subprocess
import sys

import pytest

from geo.summary import GROUPINGS

from .conftest import ROOT


def _cli(*args, cwd, env=None):
    return subprocess.run([sys.executable, "-m", "geo.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    out = tmp_path_factory.mktemp("summary")
    proc = _cli("run", str(ROOT / "seeds"), "--out", str(out), "--embed", "--self-contained", "--tiles", "none",
                "--jobs", "1", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return out, proc.stdout


def _number(pattern: str, text: str) -> int:
    return int(re.search(pattern, text).group(1))


def test_one_summary_feeds_every_count(seeds):
    out, stdout = seeds
    counts = json.loads((out / "run-report.json").read_text(encoding="utf-8"))["counts"]
    claims, on_map, not_on_map = counts["claims"], counts["on_map"], counts["not_on_map"]
    assert claims == on_map + not_on_map and on_map == counts["at_point"] + counts["as_area"] and not_on_map > 0
    words = (f"{claims} claims: {counts['at_point']} on the map at a town or site, {counts['as_area']} as areas, "
             f"{not_on_map} with no place or only a country")
    assert counts["in_words"].startswith(words)
    # The command line.
    assert _number(r"claims found\s+(\d+)", stdout) == claims
    assert _number(r"on the map\s+(\d+)", stdout) == on_map
    assert _number(r"not on the map\s+(\d+)", stdout) == not_on_map
    assert _number(r"events\s+(\d+)", stdout) == counts["events"]
    assert words in stdout
    for page in ("strikes.html", "embed.html"):
        text = (out / page).read_text(encoding="utf-8")
        # The header, the panel of claims not on the map and the description for screen readers.
        assert words in html_lib.unescape(text)
        assert f"Claims not on the map ({not_on_map})" in text
        assert f"Map of {words}" in html_lib.unescape(text)
        # The legend and the layer list: each claim group's counts add up to the claims on the map.
        legend = text[text.index('class="strikemap-legend'):text.index("</details>", text.index('class="strikemap-legend'))]
        for grouping in GROUPINGS:
            if grouping.title not in counts["groups"]:
                continue
            section = legend.split(f'data-legend-group="{grouping.title}"')[1].split("data-legend-group=")[0]
            assert sum(int(n) for n in re.findall(r"\((\d+)\)</div>", section)) == on_map, grouping.title
        control = re.search(r"L\.control\.groupedLayers\(null, \{(.*?)\}, \{", text, re.S).group(1)
        claimant_layers = control.split('"Target affiliation"')[0]
        assert sum(int(n) for n in re.findall(r'\((\d+)\)"\s*:', claimant_layers)) == on_map
        events = control.split('"Events"')[1].split('"Dates"')[0]
        assert sum(int(n) for n in re.findall(r'\((\d+)\)"\s*:', events)) == counts["events"]
    # The static map's alt text, and the snippet's copy of it.
    alt = (out / "strikes.png.txt").read_text(encoding="utf-8")
    assert alt.startswith(f"Map of {words}; from {counts['articles']} articles; {counts['events']} events")
    assert html_lib.escape(alt.strip(), quote=True) in (out / "embed-snippet.html").read_text(encoding="utf-8")


def test_title_and_subtitle_from_the_command_line(tmp_path):
    proc = _cli("run", str(ROOT / "seeds"), "--out", str(tmp_path), "--title", "Russia's first strikes in Syria",
                "--subtitle", "Claims in five articles, 30 Sep - 1 Oct 2015", "--jobs", "1", "--quiet", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    page = html_lib.unescape((tmp_path / "strikes.html").read_text(encoding="utf-8"))
    assert "Russia's first strikes in Syria" in page and "Claims in five articles, 30 Sep - 1 Oct 2015" in page


def test_a_rerun_removes_the_outputs_it_did_not_write(tmp_path):
    assert _cli("run", str(ROOT / "seeds"), "--out", str(tmp_path), "--embed", "--jobs", "1", "--quiet", cwd=ROOT).returncode == 0
    assert (tmp_path / "embed.html").exists() and (tmp_path / "strikes.png").exists()
    (tmp_path / "notes.txt").write_text("the user's own file", encoding="utf-8")
    proc = _cli("run", str(ROOT / "seeds"), "--out", str(tmp_path), "--jobs", "1", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    stale = ["embed.html", "embed-snippet.html", "strikes.png", "strikes.png.txt"]
    assert not any((tmp_path / name).exists() for name in stale)
    assert (tmp_path / "notes.txt").exists()  # only strikemap's own outputs are touched
    report = json.loads((tmp_path / "run-report.json").read_text(encoding="utf-8"))
    assert report["removed_stale_outputs"] == stale
    assert "removed" in proc.stdout and "embed.html" in proc.stdout


def test_no_article_read_is_an_error_that_writes_nothing_and_the_first_run_says_it_builds_the_index(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    cache = tmp_path / "fresh-cache"
    proc = _cli("run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), cwd=tmp_path,
                env={"STRIKEMAP_CACHE_DIR": str(cache)})
    assert proc.returncode == 1
    assert "no article could be read" in proc.stderr and "nothing written" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert "building the gazetteer index once" in proc.stderr
    assert re.search(r"gazetteer index built in \d+\.\d s", proc.stderr)
