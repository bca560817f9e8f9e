"""What an archive is about (``--region``) and what an article says it is about (a ``Region:`` line,
a record's ``region`` field): evidence for which of same-named places is meant, never stronger than
what the text itself says; the article's own comes first; cached results are kept apart by region."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from geo import cache
from geo.articles import read_articles
from geo.cli import main
from geo.doc import make_doc
from geo.gazetteer.source_prior import parse_regions, source_countries
from geo.geoparser import Geoparser
from geo.pipeline import run

from .test_cache import _own_cache_dir

# "Al Bayda" is a town in Libya (130,000 people) and one in Yemen (38,000): with nothing else
# to go by, the larger.
STRIKE = "Coalition jets struck Al Bayda on Monday, killing five people, residents said."
LIBYA, YEMEN = "geonames:89055", "geonames:79836"


def _where(parser: Geoparser, text: str, name: str, article=None) -> str | None:
    found = [m for m in parser(make_doc(text, article)).mentions if m.text == name]
    assert len(found) == 1, [m.text for m in parser(make_doc(text, article)).mentions]
    return found[0].place.place_id if found[0].place is not None else None


def test_regions_are_codes_or_country_names():
    assert parse_regions("UA") == (("UA",), [])
    assert parse_regions("sy, iq; YE") == (("SY", "IQ", "YE"), [])
    assert parse_regions("UA IL") == (("UA", "IL"), [])
    assert parse_regions("Syria and Iraq") == (("SY", "IQ"), [])
    assert parse_regions(["Ukraine", "RUS", "the United Kingdom", "UK"]) == (("UA", "RU", "GB"), [])
    assert parse_regions("Bosnia and Herzegovina, Narnia") == (("BA",), ["Narnia"])
    with pytest.raises(ValueError, match="'Narnia' names no country"):
        Geoparser(regions=("UA", "Narnia"))


def test_a_region_hint_decides_between_namesakes():
    assert _where(Geoparser(), STRIKE, "Al Bayda") == LIBYA
    assert _where(Geoparser(regions=("YE",)), STRIKE, "Al Bayda") == YEMEN
    assert _where(Geoparser(regions="Yemen"), STRIKE, "Al Bayda") == YEMEN


def test_a_region_hint_never_overrides_what_the_text_says():
    yemen = Geoparser(regions=("YE",))
    # The country named beside the town, or elsewhere in the text, pins it down.
    assert _where(yemen, "Jets struck Al Bayda in eastern Libya on Monday.", "Al Bayda") == LIBYA
    assert _where(yemen, "Jets struck Al Bayda, Libya, on Monday.", "Al Bayda") == LIBYA
    # A division named beside a town: Paris, Texas in an archive about France.
    assert _where(Geoparser(regions=("FR",)), "A tornado hit Paris, Texas on Monday.", "Paris") == "geonames:4717560"
    # A group's name stays no place, whatever the archive is about.
    doc = Geoparser(regions=("PS", "DE"))(make_doc("A Hamas commander was killed, Hamas said."))
    assert [m.text for m in doc.mentions if m.place is not None] == []


def test_the_articles_own_region_comes_before_the_archives_and_its_address(tmp_path):
    (tmp_path / "own").mkdir()
    (tmp_path / "bare").mkdir()
    own = read_articles([_file_with(tmp_path / "own", "Region: Libya\nURL: https://www.sabanews.net/x\n")])[0][0]
    assert own.region == "LY"
    assert source_countries(own, ("YE",)) == ["LY"]
    assert _where(Geoparser(regions=("YE",)), STRIKE, "Al Bayda", own) == LIBYA
    bare = read_articles([_file_with(tmp_path / "bare", "URL: https://www.sabanews.net/x\n")])[0][0]
    assert source_countries(bare, ()) == ["YE"]  # the address's country when nothing else is given
    assert _where(Geoparser(), STRIKE, "Al Bayda", bare) == YEMEN
    assert source_countries(bare, ("LY",)) == ["LY"]  # the archive's region before the publisher's country
    assert _where(Geoparser(regions=("LY",)), STRIKE, "Al Bayda", bare) == LIBYA


def _file_with(folder: Path, header: str, name: str = "a.txt") -> Path:
    path = folder / name
    path.write_text(f"Title: Jets strike Al Bayda\n{header}\n{STRIKE}\n", encoding="utf-8")
    return path


def _records(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "yemen.txt").write_text(f"Title: Strike\nRegion: YE\n\n{STRIKE}\n", encoding="utf-8")
    (folder / "plain.txt").write_text(f"Title: Strike\n\n{STRIKE}\n", encoding="utf-8")
    rows = [{"id": "r-ye", "text": STRIKE, "region": ["Yemen"]}, {"id": "r-ly", "text": STRIKE, "region": "LY"},
            {"id": "r-none", "text": STRIKE}, {"id": "r-bad", "text": STRIKE, "region": "Narnia"}]
    (folder / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (folder / "sheet.csv").write_text(f'id,region,text\nc-ye,"YE",{STRIKE}\nc-none,,{STRIKE}\n', encoding="utf-8")
    return folder


def test_the_reader_takes_region_lines_fields_and_columns(tmp_path):
    articles, problems = read_articles([_records(tmp_path / "in")])
    assert not problems
    by_id = {a.id: a for a in articles}
    assert {i: a.region for i, a in by_id.items()} == {
        "c-ye": "YE", "c-none": "", "plain": "", "r-ye": "YE", "r-ly": "LY", "r-none": "", "r-bad": "", "yemen": "YE"}
    assert "'Narnia' names no country" in by_id["r-bad"].note
    # The header line is blanked like the others: offsets into the text are offsets into the file.
    raw = (tmp_path / "in" / "yemen.txt").read_text(encoding="utf-8")
    assert len(by_id["yemen"].text) == len(raw) and "Region" not in by_id["yemen"].text
    assert by_id["yemen"].text.index("Al Bayda") == raw.index("Al Bayda")


def test_each_articles_region_beats_the_option_in_geoparse(tmp_path, capsys):
    folder = _records(tmp_path / "in")

    def places(*options: str) -> dict[str, str]:
        assert main(["geoparse", str(folder), "--json", *options]) == 0
        lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        return {Path(r["file"]).name: r["place_id"] for r in lines if r["text"] == "Al Bayda"}

    own = {"yemen.txt": YEMEN, "wire.jsonl:1": YEMEN, "wire.jsonl:2": LIBYA, "sheet.csv:2": YEMEN}
    assert places() == {**own, "plain.txt": LIBYA, "wire.jsonl:3": LIBYA, "wire.jsonl:4": LIBYA, "sheet.csv:3": LIBYA}
    assert places("--region", "YE") == {**own, "plain.txt": YEMEN, "wire.jsonl:3": YEMEN, "wire.jsonl:4": YEMEN,
                                        "sheet.csv:3": YEMEN}
    assert places("--region", "ly", "--region", "Yemen") == {**own, "plain.txt": LIBYA, "wire.jsonl:3": LIBYA,
                                                             "wire.jsonl:4": LIBYA, "sheet.csv:3": LIBYA}


def test_a_region_that_is_no_country_is_refused_in_one_line(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["run", str(tmp_path), "--region", "UA,Narnia"])
    assert "argument --region: 'Narnia' names no country" in capsys.readouterr().err


def test_run_places_each_article_by_its_region_and_keeps_results_apart_by_region(tmp_path, monkeypatch):
    cache_dir = _own_cache_dir(tmp_path / "cache", monkeypatch)
    folder = _records(tmp_path / "in")
    files = 4

    def placed(result) -> dict[str, str]:
        table = result.table
        return dict(zip(table["article"], table["place_id"]))

    yemen = run([folder], tmp_path / "out-ye", jobs=2, cache=True, regions=("YE",))
    assert yemen.reused == 0
    assert placed(yemen) == {"yemen": YEMEN, "r-ye": YEMEN, "r-ly": LIBYA, "c-ye": YEMEN,
                             "plain": YEMEN, "r-none": YEMEN, "r-bad": YEMEN, "c-none": YEMEN}
    report = json.loads((tmp_path / "out-ye" / "run-report.json").read_text(encoding="utf-8"))
    assert report["regions"] == ["YE"]
    assert any("'Narnia' names no country" in w["message"] for w in report["warnings"])
    again = run([folder], tmp_path / "out-ye2", jobs=1, cache=True, regions="Yemen")
    assert again.reused == files and placed(again) == placed(yemen)
    # Another region: nothing from the cache, and the articles with no region of their own placed anew.
    plain = run([folder], tmp_path / "out", jobs=1, cache=True)
    assert plain.reused == 0
    assert placed(plain) == {**placed(yemen), "plain": LIBYA, "r-none": LIBYA, "r-bad": LIBYA, "c-none": LIBYA}
    assert "regions" not in json.loads((tmp_path / "out" / "run-report.json").read_text(encoding="utf-8"))
    with sqlite3.connect(cache_dir / cache.CACHE_FILE) as db:
        assert db.execute("SELECT count(*) FROM results").fetchone()[0] == 2 * files
    # An article's own region is in its bytes: changing it changes its key alone.
    (folder / "yemen.txt").write_text(f"Title: Strike\nRegion: LY\n\n{STRIKE}\n", encoding="utf-8")
    changed = run([folder], tmp_path / "out2", jobs=1, cache=True)
    assert changed.reused == files - 1 and placed(changed)["yemen"] == LIBYA
