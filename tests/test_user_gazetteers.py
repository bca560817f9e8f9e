"""User gazetteers: GeoNames dumps (plain and zipped) and CSVs of custom places."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from geo.gazetteer import Context, Gazetteer
from geo.gazetteer.user import GazetteerImportError, import_file, list_layers

# Real GeoNames dump rows (19 tab-separated columns): a village cities500 lacks,
# a mountain, and a town cities500 already has (imported twice, counted once).
GEONAMES_ROWS = [
    ["9999001", "Tall Zqarin", "Tall Zqarin", "Tal Zkarin,Tell Zqarin,تل زقرين", "35.51234", "36.70123", "P", "PPL",
     "SY", "", "12", "", "", "", "0", "", "250", "Asia/Damascus", "2020-01-01"],
    ["9999002", "Jabal Zqarun", "Jabal Zqarun", "Jebel Zqaroun", "35.6", "36.9", "T", "MT",
     "SY", "", "12", "", "", "", "0", "820", "815", "Asia/Damascus", "2020-01-01"],
    ["163779", "Tallbīsah", "Tallbisah", "Talbiseh,Talbisah", "34.84072", "36.73092", "P", "PPL",
     "SY", "", "11", "", "", "", "38491", "", "400", "Asia/Damascus", "2020-01-01"],
    ["bad", "row"],
]


def _dump(rows) -> str:
    return "\n".join("\t".join(r) for r in rows) + "\n"


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "layers"


def test_geonames_dump_import_makes_villages_resolvable(tmp_path, folder):
    dump = tmp_path / "SY.txt"
    dump.write_text(_dump(GEONAMES_ROWS), encoding="utf-8")
    layer, skipped = import_file(dump, folder=folder)
    assert (layer.name, layer.places, skipped) == ("sy", 3, 1)
    gaz = Gazetteer.load(folder)
    village = gaz.resolve("Tell Zqarin", Context(countries={"SY": 1.0})).place
    assert village.place_id == "geonames:9999001" and village.precision == "locality" and village.admin1 == "12"
    assert gaz.resolve("Jebel Zqaroun").place.precision == "region"
    # Talbiseh is in both layers: one candidate, not two.
    ids = [c.place.place_id for c in gaz.candidates("Talbiseh")]
    assert ids.count("geonames:163779") == 1
    assert "user:sy" in gaz.index.layers


def test_zipped_dump_and_listing(tmp_path, folder):
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "GeoNames readme")
        z.writestr("SY.txt", _dump(GEONAMES_ROWS[:2]))
    layer, _ = import_file(archive, name="syria villages", folder=folder)
    assert layer.name == "syria-villages"
    assert [(layer.name, layer.places) for layer in list_layers(folder)] == [("syria-villages", 2)]


def test_csv_of_custom_places(tmp_path, folder):
    f = tmp_path / "sites.csv"
    f.write_text(
        "name,alternate_names,lat,lon,kind,admin1,country,source\n"
        "Zqarin field hospital,Zqarin hospital|Mashfa Zqarin,35.50,36.70,hospital,12,sy,field report 2016\n"
        "No coordinates,,,,village,,SY,x\n",
        encoding="utf-8",
    )
    layer, skipped = import_file(f, folder=folder)
    assert (layer.places, skipped) == (1, 1)
    place = Gazetteer.load(folder).resolve("Zqarin hospital").place
    assert (place.country, place.precision, place.place_id) == ("SY", "site", "user:sites:zqarin-field-hospital")


def test_unusable_files_give_clear_errors(tmp_path, folder):
    wrong = tmp_path / "notes.csv"
    wrong.write_text("title,body\na,b\n", encoding="utf-8")
    with pytest.raises(GazetteerImportError, match="name, lat and lon"):
        import_file(wrong, folder=folder)
    with pytest.raises(GazetteerImportError, match="no such file"):
        import_file(tmp_path / "missing.txt", folder=folder)


def test_cli_import_and_list(tmp_path):
    dump = tmp_path / "SY.txt"
    dump.write_text(_dump(GEONAMES_ROWS), encoding="utf-8")
    env = {**os.environ, "STRIKEMAP_GAZETTEER_DIR": str(tmp_path / "cli-layers")}
    out = subprocess.run([sys.executable, "-m", "geo.cli", "gazetteer", "import", str(dump)], capture_output=True, text=True, env=env)
    assert out.returncode == 0 and "imported 3 places" in out.stdout and "1 rows skipped" in out.stdout
    listed = subprocess.run([sys.executable, "-m", "geo.cli", "gazetteer", "list"], capture_output=True, text=True, env=env)
    assert "user:sy" in listed.stdout and "geonames-cities500" in listed.stdout
    bad = subprocess.run([sys.executable, "-m", "geo.cli", "gazetteer", "import", str(tmp_path / "nope.txt")],
                         capture_output=True, text=True, env=env)
    assert bad.returncode == 1 and "no such file" in bad.stderr and "Traceback" not in bad.stderr


def test_imported_towns_count_in_the_division_they_lie_in(tmp_path, folder):
    """A user layer's towns join their division's localities (from which "northern Homs" is
    placed) and find their division, as the world gazetteer's own do."""
    town = ["9999010", "Qaryat Zqarin", "Qaryat Zqarin", "", "35.2", "36.75", "P", "PPL",
            "SY", "", "11", "", "", "", "900000", "", "400", "Asia/Damascus", "2020-01-01"]
    dump = tmp_path / "SY.txt"
    dump.write_text(_dump([town]), encoding="utf-8")
    import_file(dump, folder=folder)
    world, stacked = Gazetteer.default(), Gazetteer.load(folder)
    north_before, north_after = world.resolve("northern Homs").place, stacked.resolve("northern Homs").place
    assert north_after.population == north_before.population + 900_000
    place = stacked.resolve("Qaryat Zqarin", Context(countries={"SY": 1.0})).place
    assert stacked.admin1_of(place) == world.admin1_of(stacked.resolve("Talbiseh").place)
    assert stacked.country_by_code("SY") == world.country_by_code("SY")
