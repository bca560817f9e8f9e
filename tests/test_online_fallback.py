"""The opt-in online fallback, against a small Nominatim-format server on 127.0.0.1.

The server answers, times out, returns HTTP 429 and 500, and garbage, by the name
asked; a port where nothing listens stands for a service that refuses connections.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from geo.gazetteer.online import OnlineFallback
from geo.geoparser import Geoparser
from geo.pipeline import run

from .test_cache import _own_cache_dir

KNOWN = {
    "zqarin kafr": {
        "place_id": 1, "osm_type": "node", "osm_id": 424242, "lat": "35.61", "lon": "36.52",
        "display_name": "Zqarin Kafr, Idlib Governorate, Syria", "class": "place", "type": "village",
        "addresstype": "village", "name": "Zqarin Kafr", "address": {"village": "Zqarin Kafr", "country_code": "sy"},
    },
    "masharqa": {
        "place_id": 2, "osm_type": "node", "osm_id": 777001, "lat": "31.3547", "lon": "34.2741",
        "display_name": "Masharqa, Khan Younis, Gaza Strip", "class": "place", "type": "suburb",
        "addresstype": "suburb", "name": "Masharqa", "address": {"suburb": "Masharqa", "country_code": "ps"},
    },
}
SLOW_SECONDS = 2.0


class _Nominatim(BaseHTTPRequestHandler):
    """Answers like Nominatim's /search, or fails as the name asked says; ``broken`` makes
    every request fail with HTTP 500 (a service that is down, then back)."""

    hits: list[tuple[float, dict]] = []
    broken = False

    def do_GET(self):  # noqa: N802 (http.server's name)
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        type(self).hits.append((time.monotonic(), query))
        name = query.get("q", "").lower()
        if type(self).broken or name == "brokentown":
            return self._send(500, b"<html>Internal Server Error</html>", "text/html")
        if name == "busytown":
            return self._send(429, b"Too Many Requests", "text/plain", {"Retry-After": "1"})
        if name == "patienttown":
            return self._send(429, b"Too Many Requests", "text/plain", {"Retry-After": "3600"})
        if name == "slowtown":
            time.sleep(SLOW_SECONDS)
        if name == "garbagetown":
            return self._send(200, b"<html>\x00\xff not json", "application/json")
        if name == "shapelesstown":
            return self._send(200, json.dumps([{"lat": "north", "lon": None}]).encode(), "application/json")
        found = KNOWN.get(name)
        self._send(200, json.dumps([found] if url.path == "/search" and found else []).encode(), "application/json")

    def _send(self, status: int, body: bytes, kind: str, headers: dict | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting (time-out test)
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Nominatim.hits, _Nominatim.broken = [], False
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Nominatim)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def refusing() -> str:
    """host:port of a port on 127.0.0.1 where nothing listens: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"127.0.0.1:{port}"


def _asked() -> list[str]:
    return [q.get("q", "") for _, q in _Nominatim.hits]


def _fallback(server, tmp_path, lines: list[str] | None = None, **options):
    return OnlineFallback(domain=server, scheme="http", min_delay_seconds=0.01, cache_path=tmp_path / "cache.json",
                          report=(lines.append if lines is not None else None), **options)


def test_lookup_is_rate_limited_geopy_and_cached(server, tmp_path):
    online = _fallback(server, tmp_path)
    place = online.resolve("Zqarin Kafr", ["SY"])
    assert place.place_id == "nominatim:node/424242"
    assert (place.precision, place.country, round(place.lat, 2)) == ("locality", "SY", 35.61)
    assert _Nominatim.hits[0][1]["countrycodes"] == "sy" and _Nominatim.hits[0][1]["format"] == "json"
    assert online.resolve("Nowhere Qqq") is None
    assert len(_Nominatim.hits) == 2
    # Answers, "not found" included, come from the disk cache the next time, even in a new process.
    again = _fallback(server, tmp_path)
    assert again.resolve("Zqarin Kafr", ["SY"]).place_id == "nominatim:node/424242"
    assert again.resolve("Nowhere Qqq") is None
    assert len(_Nominatim.hits) == 2
    assert again.counts()["answered_from_cache"] == 2 and again.counts()["names_sent"] == 0


@pytest.mark.parametrize("name, kind, said", [
    ("Brokentown", "server error", "HTTP 500 server error"),
    ("Busytown", "rate limited", "HTTP 429 too many requests (Retry-After: 1 s)"),
    ("Garbagetown", "malformed answer", "malformed answer (not JSON)"),
    ("Shapelesstown", "malformed answer", "malformed answer (not a list of places with coordinates)"),
    ("Slowtown", "timed out", "no answer within 0.5 s"),
])
def test_a_failure_is_one_line_and_never_cached(server, tmp_path, name, kind, said):
    lines: list[str] = []
    online = _fallback(server, tmp_path, lines, timeout=0.5)
    assert online.resolve(name) is None
    assert lines == [f"online look-up of {name!r} failed: nominatim at {server}: {said}; not cached"]
    assert online.counts()["failures"] == {kind: 1} and online.unanswered == 1
    assert online.resolve(name) is None and len(_Nominatim.hits) == 1  # not sent twice in one run
    cached = json.loads((tmp_path / "cache.json").read_text()) if (tmp_path / "cache.json").exists() else {}
    assert not any(key.startswith(f"{name}|") for key in cached)
    # A later run asks again.
    assert _fallback(server, tmp_path, [], timeout=0.5).resolve(name) is None
    assert len(_Nominatim.hits) == 2


def test_a_service_that_refuses_connections(refusing, tmp_path):
    lines: list[str] = []
    online = _fallback(refusing, tmp_path, lines)
    assert online.resolve("Zqarin Kafr", ["SY"]) is None
    assert lines == [f"online look-up of 'Zqarin Kafr' failed: nominatim at {refusing}: unreachable (Connection refused); "
                     "not cached"]
    # The rest goes on offline: nothing more is sent, and that is said once.
    assert online.resolve("Masharqa") is None and online.resolve("Kafr Zita") is None
    assert lines[1:] == [f"online look-ups stopped ({refusing} is unreachable): the rest of the run goes on offline"]
    counts = online.counts()
    assert (counts["names_sent"], counts["failed"], counts["not_sent"]) == (1, 1, 2)
    assert not (tmp_path / "cache.json").exists()


def test_a_service_back_up_is_asked_again(server, tmp_path):
    _Nominatim.broken = True
    lines: list[str] = []
    down = _fallback(server, tmp_path, lines)
    for name in ("Zqarin Kafr", "Masharqa", "Kafr Zita", "Sarmin"):
        assert down.resolve(name) is None
    assert len(lines) == 4 and len(_Nominatim.hits) == 3  # three failures in a row end the look-ups
    assert lines[-1].startswith("online look-ups stopped (3 failures in a row from")
    _Nominatim.broken = False
    up = _fallback(server, tmp_path)
    assert up.resolve("Zqarin Kafr").place_id == "nominatim:node/424242"


def test_retry_after_is_honoured(server, tmp_path):
    online = _fallback(server, tmp_path, [])
    assert online.resolve("Busytown") is None
    assert online.resolve("Zqarin Kafr").place_id == "nominatim:node/424242"
    (first, _), (second, _) = _Nominatim.hits
    assert second - first >= 0.9  # the service said 1 s


def test_a_retry_after_too_long_ends_the_lookups(server, tmp_path):
    lines: list[str] = []
    online = _fallback(server, tmp_path, lines)
    assert online.resolve("Patienttown") is None and online.resolve("Zqarin Kafr") is None
    assert "Retry-After: 3600 s" in lines[0] and "asks to wait 3600 s" in lines[1]
    assert len(_Nominatim.hits) == 1


def test_geoparser_asks_online_only_for_unknown_names(server, tmp_path):
    text = "Shelling hit the village of Zqarin Kafr near Idlib in Syria."
    offline = {m.text: m for m in Geoparser().parse(text).mentions}
    assert offline["village of Zqarin Kafr"].place is None
    assert _Nominatim.hits == []  # off by default: nothing went out
    online = {m.text: m for m in Geoparser(online=_fallback(server, tmp_path)).parse(text).mentions}
    assert online["village of Zqarin Kafr"].place.place_id == "nominatim:node/424242"
    assert online["Idlib"].place.place_id.startswith("geonames:")  # known names never go online
    assert _asked() == ["Zqarin Kafr"]


MASHARQA = ("Title: Strikes on the coast\nDate: 2024-01-10\nSource: Example Wire\n\n"
          "Israeli jets struck tents in Masharqa on Tuesday, killing 12 people, the Gaza health ministry said.\n")


def _archive(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(MASHARQA, encoding="utf-8")
    (src / "b.txt").write_text(MASHARQA.replace("Tuesday", "Wednesday"), encoding="utf-8")
    return src


def test_run_sends_unknown_names_once_and_counts_them(server, tmp_path):
    src = _archive(tmp_path)
    result = run([src], tmp_path / "out", online=_fallback(server, tmp_path), jobs=2)
    assert _asked() == ["Masharqa"]  # named in both articles, sent once
    places = {f["properties"]["place_id"] for f in json.loads((tmp_path / "out" / "strikes.geojson").read_text())["features"]}
    assert "nominatim:node/777001" in places
    report = json.loads((tmp_path / "out" / "run-report.json").read_text())
    assert report["online"] == result.online
    assert {k: report["online"][k] for k in ("names_sent", "found", "not_found", "failed", "not_sent")} == \
        {"names_sent": 1, "found": 1, "not_found": 0, "failed": 0, "not_sent": 0}


def test_run_goes_on_offline_when_the_service_is_down(refusing, tmp_path):
    src = _archive(tmp_path)
    lines: list[str] = []
    result = run([src], tmp_path / "out", online=_fallback(refusing, tmp_path, lines))
    offline = run([src], tmp_path / "offline")
    assert result.articles == offline.articles == 2 and not result.problems
    for name in ("strikes.geojson", "events.geojson", "strikes.csv"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "offline" / name).read_bytes(), name
    assert lines == [f"online look-up of 'Masharqa' failed: nominatim at {refusing}: unreachable (Connection refused); not cached"]
    report = json.loads((tmp_path / "out" / "run-report.json").read_text())["online"]
    assert report["failures"] == {"unreachable": 1} and report["stopped"] == f"{refusing} is unreachable"


def test_run_with_the_cache_keeps_no_result_that_lacked_an_answer(server, tmp_path, monkeypatch):
    monkeypatch.setenv("STRIKEMAP_CACHE_DIR", str(tmp_path / "cache"))
    src = _archive(tmp_path)
    _Nominatim.broken = True
    down = run([src], tmp_path / "down", online=_fallback(server, tmp_path, []), cache=True)
    assert "nominatim:node/777001" not in (tmp_path / "down" / "strikes.geojson").read_text()
    _Nominatim.broken = False
    up = run([src], tmp_path / "up", online=_fallback(server, tmp_path, []), cache=True)
    assert down.reused == up.reused == 0  # the files that lacked an answer were read again
    assert "nominatim:node/777001" in (tmp_path / "up" / "strikes.geojson").read_text()
    again = run([src], tmp_path / "again", online=_fallback(server, tmp_path, []), cache=True)
    assert again.reused == 2
    assert (tmp_path / "again" / "strikes.geojson").read_bytes() == (tmp_path / "up" / "strikes.geojson").read_bytes()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo.cli", *args], capture_output=True, text=True, env=os.environ)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A cache folder of the test's own: the answers the command caches go there."""
    return _own_cache_dir(tmp_path / "cache", monkeypatch)


def test_cli_geocode_online(server, tmp_path, cache_dir):
    out = _cli("geocode", "Zqarin Kafr", "--country", "SY", "--online", "nominatim", "--online-domain", server,
               "--online-scheme", "http", "--online-delay", "0")
    assert out.returncode == 0, out.stderr
    assert "nominatim:node/424242" in out.stdout
    assert list(cache_dir.glob("online-nominatim-*.json"))  # the answer, cached under the test server's address


def test_cli_geocode_with_the_service_unreachable_says_so_in_one_line(refusing, cache_dir):
    out = _cli("geocode", "Masharqa", "--online", "nominatim", "--online-domain", refusing, "--online-scheme", "http")
    assert out.returncode == 1
    assert out.stderr.splitlines() == [f"strikemap: online look-up of 'Masharqa' failed: nominatim at {refusing}: "
                                       "unreachable (Connection refused); not cached"]
    assert out.stdout.startswith("unknown: ")


def test_cli_run_with_the_service_unreachable(refusing, tmp_path, cache_dir):
    src = _archive(tmp_path)
    out = _cli("run", str(src), "--out", str(tmp_path / "out"), "--online", "nominatim", "--online-domain", refusing,
               "--online-scheme", "http")
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.splitlines()) == 1
    assert "online look-ups       1 names sent, 0 found, 0 not found, 1 failed" in out.stdout


def test_no_network_at_all_reads_as_unreachable():
    """What geopy raises on a machine with no network (no name server answers): one kind, one line."""
    from urllib.error import URLError

    from geopy.exc import GeocoderServiceError

    from geo.gazetteer.online import classify

    try:
        try:
            raise URLError(socket.gaierror(-3, "Temporary failure in name resolution"))
        except URLError as error:  # as geopy's urllib adapter turns it into its own error
            raise GeocoderServiceError(str(error.args[0]))  # noqa: B904 (geopy raises it so: the URLError is its context)
    except GeocoderServiceError as exc:
        failure = classify(exc, 10)
    assert (failure.kind, str(failure)) == ("unreachable", "unreachable (Temporary failure in name resolution)")
