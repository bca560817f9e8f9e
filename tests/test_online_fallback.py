"""The opt-in online fallback, against a small Nominatim-format server on 127.0.0.1."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from geo.gazetteer.online import OnlineFallback
from geo.geoparser import Geoparser

KNOWN = {
    "zqarin kafr": {
        "place_id": 1, "osm_type": "node", "osm_id": 424242, "lat": "35.61", "lon": "36.52",
        "display_name": "Zqarin Kafr, Idlib Governorate, Syria", "class": "place", "type": "village",
        "addresstype": "village", "name": "Zqarin Kafr", "address": {"village": "Zqarin Kafr", "country_code": "sy"},
    }
}


class _Nominatim(BaseHTTPRequestHandler):
    hits: list[dict] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        type(self).hits.append(query)
        found = KNOWN.get(query.get("q", "").lower())
        body = json.dumps([found] if url.path == "/search" and found else []).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Nominatim.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Nominatim)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _fallback(server, tmp_path):
    return OnlineFallback(domain=server, scheme="http", min_delay_seconds=0.01, cache_path=tmp_path / "cache.json")


def test_lookup_is_rate_limited_geopy_and_cached(server, tmp_path):
    online = _fallback(server, tmp_path)
    place = online.resolve("Zqarin Kafr", ["SY"])
    assert place.place_id == "nominatim:node/424242"
    assert (place.precision, place.country, round(place.lat, 2)) == ("locality", "SY", 35.61)
    assert _Nominatim.hits[0]["countrycodes"] == "sy" and _Nominatim.hits[0]["format"] == "json"
    assert online.resolve("Nowhere Qqq") is None
    assert len(_Nominatim.hits) == 2
    # Answers, "not found" included, come from the disk cache the next time, even in a new process.
    again = _fallback(server, tmp_path)
    assert again.resolve("Zqarin Kafr", ["SY"]).place_id == "nominatim:node/424242"
    assert again.resolve("Nowhere Qqq") is None
    assert len(_Nominatim.hits) == 2


def test_geoparser_asks_online_only_for_unknown_names(server, tmp_path):
    text = "Shelling hit the village of Zqarin Kafr near Idlib in Syria."
    offline = {m.text: m for m in Geoparser().parse(text).mentions}
    assert offline["village of Zqarin Kafr"].place is None
    assert _Nominatim.hits == []  # off by default: nothing went out
    online = {m.text: m for m in Geoparser(online=_fallback(server, tmp_path)).parse(text).mentions}
    assert online["village of Zqarin Kafr"].place.place_id == "nominatim:node/424242"
    assert online["Idlib"].place.place_id.startswith("geonames:")  # known names never go online
    assert [h["q"] for h in _Nominatim.hits] == ["Zqarin Kafr"]


def test_cli_geocode_online(server, tmp_path):
    cmd = [sys.executable, "-m", "geo.cli", "geocode", "Zqarin Kafr", "--country", "SY",
           "--online", "nominatim", "--online-domain", server, "--online-scheme", "http", "--online-delay", "0"]
    out = subprocess.run(cmd, capture_output=True, text=True)  # the answer is cached under the test server's address
    assert out.returncode == 0, out.stderr
    assert "nominatim:node/424242" in out.stdout
