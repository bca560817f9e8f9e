"""``strikemap gazetteer download``: GeoNames' per-country dumps fetched from a local HTTP server
(127.0.0.1, started here) that serves dumps built by the test, with GeoNames' file layout,
range requests, and connections cut on purpose."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from geo.gazetteer import Context, Gazetteer
from geo.gazetteer.download import DownloadError, check_zip, fetch, fetch_country
from geo.gazetteer.user import import_file


def _row(gid, name, alternates, lat, lon, fclass, fcode, admin1="12", population="0", ascii_name=None):
    return [str(gid), name, ascii_name or name, alternates, str(lat), str(lon), fclass, fcode, "SY", "", admin1, "", "", "",
            str(population), "", "300", "Asia/Damascus", "2024-01-01"]


# Every kind of feature a strike report names, and some it never does (a well, a farm).
ROWS = [
    _row(9990001, "Tall Zqarin", "Tal Zkarin,Tell Zqarin", 35.51234, 36.70123, "P", "PPL"),  # a village of no population
    _row(9990002, "Madinat Zqarin", "Zqarin City", 35.40, 36.60, "P", "PPLA2", population=120000),
    _row(9990003, "Hayy Zqarin al-Gharbi", "West Zqarin quarter", 35.41, 36.58, "P", "PPLX"),  # a neighbourhood
    _row(9990004, "Mintaqat Zqarin", "Zqarin District", 35.45, 36.65, "A", "ADM2"),
    _row(9990005, "Nahiyat Zqarin", "Zqarin Subdistrict", 35.46, 36.66, "A", "ADM3"),
    _row(9990006, "Matar Zqarin al-Askari", "Zqarin air base", 35.47, 36.67, "S", "AIRB"),
    _row(9990007, "Jibal Zqarun", "Zqarun Mountains", 35.60, 36.90, "T", "MTS"),
    _row(9990008, "Sahl Zqarun", "Zqarun Plain", 35.62, 36.92, "L", "RGN"),
    _row(9990009, "Wadi Zqarun", "", 35.63, 36.93, "H", "WAD"),
    _row(9990010, "Bir Zqarun", "", 35.64, 36.94, "H", "WLL"),  # a well: left out
    _row(9990011, "Mazraat Zqarun", "", 35.65, 36.95, "S", "FRM"),  # a farm: left out
    _row(169387, "Muḩāfaz̧at Idlib", "Idlib Governorate", 35.83333, 36.83333, "A", "ADM1", population=1501000),
    _row(163843, "Syrian Arab Republic", "Syria", 35.0, 38.0, "A", "PCLI", admin1="00", population=22198110),
]
# GeoNames' alternate names: id, geonameid, language, name, preferred, short, colloquial, historic, from, to.
ALTERNATES = [
    ["1", "9990002", "en", "Zqarin", "1", "", "", "", "", ""],
    ["2", "9990002", "ar", "مدينة زقرين", "", "", "", "", "", ""],
    ["3", "9990002", "link", "https://en.wikipedia.org/wiki/Zqarin", "", "", "", "", "", ""],
    ["4", "9990002", "", "Old Zqarin", "", "", "", "1", "", ""],  # historic: not a name used now
]


def _zip(member: str, rows: list[list[str]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("readme.txt", "GeoNames extract (test)")
        z.writestr(member, "".join("\t".join(r) + "\n" for r in rows))
    return buffer.getvalue()


class _DumpServer:
    """GeoNames' dump folder on 127.0.0.1: ``/SY.zip``, ``/alternatenames/SY.zip``; honours
    ``Range``; ``cut[path] = n`` breaks the next answer for ``path`` off after ``n`` bytes."""

    def __init__(self, files: dict[str, bytes]):
        self.files, self.cut, self.requests = files, {}, []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                outer.requests.append((self.path, self.headers.get("Range")))
                body = outer.files.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                start = 0
                if self.headers.get("Range"):
                    start = int(self.headers["Range"].split("=")[1].split("-")[0])
                    if start >= len(body):
                        self.send_error(416)
                        return
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                else:
                    self.send_response(200)
                self.send_header("Content-Length", str(len(body) - start))
                self.end_headers()
                limit = outer.cut.pop(self.path, None)
                payload = body[start:] if limit is None else body[start:start + limit]
                self.wfile.write(payload)
                if limit is not None:
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(2)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = _DumpServer({"/SY.zip": _zip("SY.txt", ROWS), "/alternatenames/SY.zip": _zip("SY.txt", ALTERNATES)})
    yield s
    s.close()


@pytest.fixture
def env(tmp_path, server, monkeypatch):
    monkeypatch.setenv("STRIKEMAP_GEONAMES_URL", server.url)
    monkeypatch.setenv("STRIKEMAP_DOWNLOAD_DIR", str(tmp_path / "downloads"))
    return tmp_path


def test_download_imports_every_kind_of_place_with_its_precision(env, server):
    dump, names = fetch_country("sy", alternate_names=True)
    assert not dump.cached and dump.path.name == "SY.zip" and names.path.parent.name == "alternatenames"
    layer, skipped = import_file(dump.path, name="geonames-SY", folder=env / "layers", alternate_names=names.path)
    assert (layer.name, layer.places, layer.left_out, skipped) == ("geonames-sy", 11, 2, 0)
    gaz = Gazetteer.load(env / "layers")
    syria = Context(countries={"SY": 1.0})
    found = {q: gaz.resolve(q, syria).place for q in (
        "Tell Zqarin", "Zqarin", "West Zqarin quarter", "Zqarin District", "Zqarin Subdistrict", "Zqarin air base",
        "Zqarun Mountains", "Zqarun Plain", "Wadi Zqarun")}
    assert {q: (p.place_id, p.precision) for q, p in found.items()} == {
        "Tell Zqarin": ("geonames:9990001", "locality"), "Zqarin": ("geonames:9990002", "locality"),
        "West Zqarin quarter": ("geonames:9990003", "locality"), "Zqarin District": ("geonames:9990004", "admin2"),
        "Zqarin Subdistrict": ("geonames:9990005", "admin2"), "Zqarin air base": ("geonames:9990006", "site"),
        "Zqarun Mountains": ("geonames:9990007", "region"), "Zqarun Plain": ("geonames:9990008", "region"),
        "Wadi Zqarun": ("geonames:9990009", "region")}
    assert found["West Zqarin quarter"].kind == "section of Madinat Zqarin"  # linked to its town
    assert found["Zqarin"].english_name == "Zqarin" and found["Zqarin"].readable_name == "Zqarin"
    assert gaz.resolve("Bir Zqarun", syria).place is None and gaz.resolve("Mazraat Zqarun", syria).place is None
    assert gaz.resolve("Old Zqarin", syria).place is None  # a historic name, and codes or links, are no names
    # The country's and the division's own GeoNames rows give the bundled rows their points; names stay.
    idlib, country = gaz.resolve("Idlib province").place, gaz.country_by_code("SY")
    assert (idlib.place_id, idlib.name, idlib.lat, idlib.lon) == ("geonames:169387", "Idlib", 35.83333, 36.83333)
    assert gaz.admin1_of(found["Tell Zqarin"]).lat == 35.83333 and (country.name, country.lat) == ("Syria", 35.0)


def test_a_cut_download_resumes_and_the_cache_answers_next_time(env, server):
    size = len(server.files["/SY.zip"])
    server.cut["/SY.zip"] = size // 3
    first = fetch_country("SY")[0]
    assert first.resumed and first.size == size and first.path.read_bytes() == server.files["/SY.zip"]
    assert server.requests[0] == ("/SY.zip", None) and server.requests[1] == ("/SY.zip", f"bytes={size // 3}-")
    again = fetch_country("SY")[0]
    assert again.cached and len(server.requests) == 2  # no request: the cache has it
    refreshed = fetch_country("SY", refresh=True)[0]
    assert not refreshed.cached and len(server.requests) == 3


def test_what_is_not_a_dump_is_refused_and_not_kept(env, server):
    server.files["/IQ.zip"] = b"<html>Proxy error</html>"
    with pytest.raises(DownloadError, match="not a zip archive"):
        fetch_country("IQ")
    assert not list((env / "downloads").glob("IQ.zip*"))
    server.files["/YE.zip"] = _zip("YE.txt", [["not", "geonames"]])
    with pytest.raises(DownloadError, match="not in GeoNames' format"):
        fetch_country("YE")
    with pytest.raises(DownloadError, match="not found"):
        fetch_country("LB")
    with pytest.raises(DownloadError, match="two-letter country code"):
        fetch_country("Syria")
    server.files["/SD.zip"] = _zip("OTHER.txt", ROWS)
    with pytest.raises(DownloadError, match="holds no SD.txt"):
        fetch(server.url + "SD.zip", env / "SD.zip", check_zip("SD.txt", (19, 19)))


def test_a_connection_that_keeps_failing_says_how_to_resume(env, server):
    size = len(server.files["/SY.zip"])
    step = size // 10

    class Cutter(dict):  # every answer for SY.zip is cut after a tenth of the file
        def pop(self, key, default=None):
            return step if key == "/SY.zip" else default

    server.cut = Cutter()
    with pytest.raises(DownloadError, match="run the command again to resume"):
        fetch(server.url + "SY.zip", env / "SY.zip", check_zip("SY.txt", (19, 19)), attempts=3)
    assert (env / "SY.zip.part").stat().st_size == 3 * step
    server.cut = {}
    assert fetch(server.url + "SY.zip", env / "SY.zip", check_zip("SY.txt", (19, 19))).resumed


def test_cli_download(env, server):
    environ = {**os.environ, "STRIKEMAP_GAZETTEER_DIR": str(env / "cli-layers"), "STRIKEMAP_GEONAMES_URL": server.url,
               "STRIKEMAP_DOWNLOAD_DIR": str(env / "downloads")}
    cmd = [sys.executable, "-m", "geo.cli", "gazetteer", "download", "SY", "xx", "--alternate-names"]
    out = subprocess.run(cmd, capture_output=True, text=True, env=environ)
    assert out.returncode == 2, out.stderr  # one country done, one not
    assert "SY: 11 places as layer 'geonames-sy'" in out.stdout and "with alternate names" in out.stdout
    assert "2 features no strike map needs left out" in out.stdout
    assert "XX.zip: not found" in out.stderr and "Traceback" not in out.stderr
    listed = subprocess.run([sys.executable, "-m", "geo.cli", "gazetteer", "list"], capture_output=True, text=True, env=environ)
    assert "user:geonames-sy" in listed.stdout
    geocoded = subprocess.run([sys.executable, "-m", "geo.cli", "geocode", "Tell Zqarin", "--country", "SY"],
                              capture_output=True, text=True, env=environ)
    assert "geonames:9990001" in geocoded.stdout
