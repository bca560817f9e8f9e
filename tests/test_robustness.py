"""Bad input, interrupted runs, parallel runs and arbitrary text: nothing lost, nothing raised."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.articles import Article
from geo.claims.extract import extract_claims
from geo.geoparser import Geoparser

from .conftest import ROOT, copy_seeds

STRIKE = "SANA reported that Russian jets struck ISIL positions in Rastan on Wednesday."


def _cli(*args, env=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "geo.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=cwd or ROOT)


def test_bad_input_folder(tmp_path):
    src = tmp_path / "in"
    (src / "deep" / "deeper").mkdir(parents=True)
    (src / "good.txt").write_text(f"Good\n{STRIKE}\n", encoding="utf-8")
    (src / "cp1252.txt").write_bytes(f"Caf\u00e9 \u2013 report\n{STRIKE} \u201cquoted\u201d\n".encode("cp1252"))
    (src / "latin1.txt").write_bytes(f"R\u00e9sum\u00e9\n{STRIKE}\n".encode("latin-1"))
    (src / "utf16.txt").write_bytes(f"UTF-16 story\n{STRIKE}\n".encode("utf-16"))
    (src / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (src / "empty.txt").write_bytes(b"")
    (src / "page.txt").write_text(
        "<!DOCTYPE html><html><head><title>Saved page</title></head><body><nav>Menu</nav><article>"
        f"<h1>Saved page</h1><p>{STRIKE} Residents described the heavy bombardment in detail.</p></article></body></html>",
        encoding="utf-8")
    (src / "huge.txt").write_bytes(b"A" * (2 * 1024 * 1024))
    (src / "feed.jsonl").write_text(json.dumps({"id": "j1", "text": STRIKE}) + "\n{broken\n", encoding="utf-8")
    (src / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (src / "loop_a.txt").symlink_to(src / "loop_b.txt")
    (src / "loop_b.txt").symlink_to(src / "loop_a.txt")
    (src / "deep" / "folder_link").symlink_to(src, target_is_directory=True)  # a folder loop, never followed
    for i in range(300):
        (src / "deep" / "deeper" / f"n{i:03d}.txt").write_text(f"Nested {i}\n{STRIKE}\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = _cli("run", str(src), "--out", str(out), "--jobs", "2", env={"STRIKEMAP_MAX_BYTES": str(1024 * 1024)})
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    report = json.loads((out / "run-report.json").read_text(encoding="utf-8"))
    rejected = {os.path.basename(r["path"].split(":")[0]) + (":" + r["path"].split(":")[1] if ":" in r["path"] else ""): r["reason"]
                for r in report["files_rejected"]}
    assert "binary" in rejected["binary.txt"]
    assert "empty" in rejected["empty.txt"]
    assert "limit" in rejected["huge.txt"]
    assert "JSON" in rejected["feed.jsonl:2"]
    assert "broken symbolic link" in rejected["dangling.txt"]
    assert "loop" in rejected["loop_a.txt"] and "loop" in rejected["loop_b.txt"]
    warned = {os.path.basename(w["path"]): w["message"] for w in report["warnings"]}
    assert "cp1252" in warned["cp1252.txt"] and "UTF-16" in warned["utf16.txt"] and "latin1.txt" in warned
    # Every readable article was processed: good, cp1252, latin1, utf16, the saved page, the JSONL record, 300 nested.
    assert report["articles_read"] == 306
    for name in ("binary.txt", "huge.txt", "dangling.txt"):
        assert name in proc.stderr


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_named(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text(STRIKE, encoding="utf-8")
    f.chmod(0)
    proc = _cli("run", str(tmp_path), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2 and "secret.txt" in proc.stderr and "Traceback" not in proc.stderr


def _big_corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:04d}.txt").write_text(f"Story {i}\n{STRIKE}\n", encoding="utf-8")
    return folder


def test_a_run_killed_midway_leaves_the_previous_outputs_intact(tmp_path):
    out = tmp_path / "out"
    assert _cli("run", str(ROOT / "seeds"), "--out", str(out)).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    big = _big_corpus(tmp_path / "big", 12000)  # far more than is read in the 2.5 s before the kill
    proc = subprocess.Popen([sys.executable, "-m", "geo.cli", "run", str(big), "--out", str(out), "--jobs", "1"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert {k: v for k, v in after.items() if not k.startswith(".")} == before


def test_a_writer_failing_in_its_own_process_is_one_clear_line(tmp_path):
    out = tmp_path / "out"
    (out / "strikes.html" / "in-the-way").mkdir(parents=True)  # the map cannot be renamed into place
    proc = _cli("run", str(ROOT / "seeds"), "--out", str(out), "--jobs", "2")
    assert proc.returncode == 1
    assert proc.stderr.startswith("strikemap: IsADirectoryError:") and "strikes.html" in proc.stderr
    assert "Traceback" not in proc.stderr and not list(out.glob(".*"))


def test_outputs_are_identical_whatever_the_number_of_jobs(tmp_path):
    src = copy_seeds(tmp_path / "in")
    for i in range(40):
        (src / f"extra{i:02d}.txt").write_text(f"Title: Extra {i}\nDate: 2015-10-0{1 + i % 5}\nSource: Outlet {i % 3}\n\n{STRIKE}\n",
                                              encoding="utf-8")
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert _cli("run", str(src), "--out", str(out), "--jobs", jobs).returncode == 0
        outputs[jobs] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert outputs["1"] == outputs["2"]


_parser = None


def _geoparser():
    global _parser
    _parser = _parser or Geoparser()
    return _parser


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises_and_offsets_index_it(text):
    parsed = _geoparser().parse(text)
    for m in parsed.mentions:
        assert text[m.start:m.end] == m.text
    claims = extract_claims(Article("x", "x.txt", text[:40], text), parsed)
    for c in claims:
        assert text[c.sentence_start:c.sentence_end] == c.sentence


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["Rastan", "Idlib province", "SANA said", "jets hit", "“", "”", ",", ".", "\n",
                                 "al-", "Ḩamāh", "northern", "the town of", "Moscow", "‘", "'s", " ", "36 civilians"]),
                max_size=40))
def test_sentence_shaped_noise_never_raises(parts):
    text = " ".join(parts)
    parsed = _geoparser().parse(text)
    assert all(text[m.start:m.end] == m.text for m in parsed.mentions)
    extract_claims(Article("x", "x.txt", "t", text), parsed)


def _corpus_sentences() -> list[str]:
    from geo.text import sentences
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "benchmarks" / "claims_corpus").glob("set*/*.txt"))]
    return [s.text for text in texts for s in sentences(text)]


def tells_of_a_strike(sentence: str) -> bool:
    """A strike word, or a list of targets; a word that tells of an attack only with a weapon beside it
    ("damaged") only in a sentence that names one."""
    from geo import vocab
    from geo.claims.screen import LISTED_TARGETS_RE
    strike = vocab.triggers()["strike"]
    plain = vocab.Alternation(tuple(p for p in strike if p.attrs.get("certainty") != vocab.WITH_WEAPON)).regex
    needs = vocab.Alternation(tuple(p for p in strike if p.attrs.get("certainty") == vocab.WITH_WEAPON)).regex
    armed = needs.search(sentence) is not None and any(p.regex.search(sentence) for p in vocab.weapons())
    return bool(plain.search(sentence) or LISTED_TARGETS_RE.search(sentence) or armed)


def test_the_whole_text_check_finds_every_strike_sentence_of_the_corpora():
    """Texts that may not claim are not geoparsed: the check over the whole text (plain
    string search first) never misses a sentence that tells of a strike."""
    from geo.claims.extract import ClaimExtractor
    told = 0
    for sentence in _corpus_sentences():
        if tells_of_a_strike(sentence):
            told += 1
            assert ClaimExtractor().may_claim(sentence), sentence
    assert told > 500


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["Rastan", "Idlib province", "SANA said", "jets", "struck", "strike", "air", "-", "raid",
                                 "killed", "dead", "“", "”", ",", ".", ". ", "\n", "among them", "Among", "them were",
                                 "The targets", "included", "bombed", "It was", "‘", "'s", " ", "36 civilians", "(", ")",
                                 "ſtruck", "KILLED", "AIR STRIKES", "İnjured", "Kılled", "air strikes", "airstrike"]),
                max_size=40), st.sampled_from(["", " ", "\n\n"]))
def test_a_text_ruled_out_has_no_sentence_telling_of_a_strike(parts, glue):
    """Also for letters that match an ASCII letter only when case is ignored ("ſtruck")."""
    from geo.claims.extract import ClaimExtractor
    from geo.text import sentences
    text = glue.join(parts) if glue else "".join(parts)
    if not ClaimExtractor().may_claim(text):
        assert not any(tells_of_a_strike(s.text) for s in sentences(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("aZé Ü.-’'`ʿ,5\n_!?(\"") + ["U.S.", "Capt.", "D.", "al-", "1,000", "Ma", ". ", "\n\n",
                                                                "12", ",000", "1,0001", "½", "٣"]),
                max_size=40))
def test_whole_text_tokens_are_each_sentences_tokens(parts):
    """The geoparser's tokens of a whole text, cut at its sentences, are exactly what
    :func:`geo.text.tokens` gives for each sentence alone; word starts and ends agree."""
    from geo.text import TextTokens, sentences, tokens

    text = "".join(parts)
    spans = sentences(text)
    whole = TextTokens(text, spans)
    capitalised = []
    for si, span in enumerate(spans):
        alone = tokens(span.text, span.start)
        assert whole.sentence(si) == alone
        lo, _ = whole.bounds[si]
        capitalised += [lo + t.index for t in alone if t.is_capitalised]
    assert [t for t in whole.capitalised() if any(lo <= t < hi for lo, hi in whole.bounds)] == capitalised
    assert all(text[s:e] == w for w, s, e in zip(whole.words, whole.starts, whole.ends))
    assert whole.starting_at(range(len(text) + 1)) == list(range(len(whole)))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("a .!?\n\"”’')]\t") + ["\n\n", "U.S.", ". "]), max_size=30))
def test_sentence_ends_are_found_as_the_plain_pattern_finds_them(parts):
    import re

    from geo.text import _SENTENCE_END_RE, SENTENCE_END_PLAIN

    text = "".join(parts)
    assert [m.span() for m in _SENTENCE_END_RE.finditer(text)] == [m.span() for m in re.finditer(SENTENCE_END_PLAIN, text)]


def _sentences_reference(text):
    """Sentences as first written: every full stop's word looked at, letter by letter."""
    import re

    from geo.text import _ABBREVIATIONS, SENTENCE_END_PLAIN, Span

    spans, start = [], 0
    for m in re.finditer(SENTENCE_END_PLAIN, text):
        if m.group().startswith("."):
            i = m.start()
            while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
                i -= 1
            word = text[i:m.start()].lower()
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        piece = text[start:m.end()]
        if piece.strip():
            s = start + len(piece) - len(piece.lstrip())
            spans.append(Span(s, s + len(piece.strip()), piece.strip()))
        start = m.end()
    piece = text[start:]
    if piece.strip():
        s = start + len(piece) - len(piece.lstrip())
        spans.append(Span(s, s + len(piece.strip()), piece.strip()))
    return spans


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "Dr", "U.S", "abcdef", "Mr", "e.g", ".", ". ", "\n", " ", "!", "x", "é"]), max_size=25))
def test_sentences_are_split_as_the_plain_reading_splits_them(parts):
    from geo.text import sentences

    text = "".join(parts)
    assert sentences(text) == _sentences_reference(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_gazetteer_never_raises_on_any_name(name):
    from geo.gazetteer import Gazetteer

    resolution = Gazetteer.default().resolve(name)
    assert resolution.status in ("resolved", "unknown")


def test_output_cut_short_by_a_closed_pipe_is_no_error(tmp_path):
    """`strikemap geoparse ... | head -1`: the reader stops early; no traceback, status 0."""
    for i in range(30):
        (tmp_path / f"{i}.txt").write_text("Jets hit Idlib, Hama, Homs and Aleppo.\n" * 20, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "geo.cli", "geoparse", str(tmp_path), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    proc.stdout.readline()
    proc.stdout.close()  # like `head -1` exiting
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and b"Traceback" not in err and b"Error" not in err


def test_template_syntax_in_articles_reaches_the_map_as_text(tmp_path):
    """branca compiles rendered pieces as Jinja templates: quoted "{{ 7*7 }}" must not run,
    and a stray "{#" or "{%" must not break the page."""
    from geo.pipeline import run

    src = tmp_path / "in"
    src.mkdir()
    (src / "jinja.txt").write_text(
        "Title: {{ 7*7 }} report {# unclosed\n\n"
        "The {{ 7*7 }} Brigade {% if true %}said{% endif %} that jets hit depots in Rastan {#.\n"
        "Activists of the {{ 6*9 }} Committee said jets struck a bakery in Talbiseh.\n", encoding="utf-8")
    result = run([src], tmp_path / "out", map_options={"self_contained": True, "tiles": "none"})
    page = Path(result.outputs["map"]).read_text(encoding="utf-8")
    assert "49 Brigade" not in page and "54 Committee" not in page and "49 report" not in page
    assert result.counts["claims"] >= 2
    assert "&#123;&#123; 6*9 &#125;&#125;" in page or "{{ 6*9 }}" in page


def test_articles_with_no_claims_make_empty_outputs(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "weather.txt").write_text("Weather\n\nIt rained in London today.\n", encoding="utf-8")
    proc = _cli("run", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    report = json.loads((tmp_path / "out" / "run-report.json").read_text(encoding="utf-8"))
    assert report["articles_read"] == 1 and report["counts"]["claims"] == 0 and report["counts"]["events"] == 0


# A synthetic article (benchmarks/make_corpus.py) whose votes tie between Libya and Yemen.
_TIED_ARTICLE = (
    'BAGHDAD (Middle East Eye) - Local residents said US-led coalition warplanes struck oil facilities of Islamic State in Inkhil in Daraa province today, killing dozens of fighters.\n\n'
    '“The strikes targeted Islamic State positions around Al Bayda and Inkhil,” Local residents said in a statement.\n\n'
    "According to activists, US-led coalition warplanes also bombed villages near Al Bayda in Al Bayda' province overnight.\n\n"
    'Diplomats met in Geneva on Thursday to discuss a ceasefire. Warships in the Mediterranean have been placed on alert.\n\n'
    'Rebels made rapid gains in the region earlier this year, analysts in London said. Warships in the Mediterranean have been placed on alert.\n\n'
    'The conflict has displaced millions of people since it began. Diplomats met in Geneva on Thursday to discuss a ceasefire.\n\n'
    'Rebels made rapid gains in the region earlier this year, analysts in London said. The talks in New York ended without agreement.\n\n'
    'Rebels made rapid gains in the region earlier this year, analysts in London said. Warships in the Mediterranean have been placed on alert.\n\n'
    'The talks in New York ended without agreement. Warships in the Mediterranean have been placed on alert.\n\n'
    'The United Nations said it could not independently verify the reports. Warships in the Mediterranean have been placed on alert.\n\n'
    'Rebels made rapid gains in the region earlier this year, analysts in London said. The United Nations said it could not independently verify the reports.\n\n'
    'Warships in the Mediterranean have been placed on alert. Rebels made rapid gains in the region earlier this year, analysts in London said.\n\n'
    'Warships in the Mediterranean have been placed on alert. Aid agencies in Amman warned of shortages of food and medicine.\n\n'
    'The United Nations said it could not independently verify the reports. The conflict has displaced millions of people since it began.\n\n'
    'The conflict has displaced millions of people since it began. Diplomats met in Geneva on Thursday to discuss a ceasefire.\n\n'
    'The conflict has displaced millions of people since it began. Rebels made rapid gains in the region earlier this year, analysts in London said.\n\n'
    'The United Nations said it could not independently verify the reports. Warships in the Mediterranean have been placed on alert.\n'
)


def test_places_do_not_depend_on_the_hash_seed(tmp_path):
    """Ties between countries are broken in a fixed order, not in set order: "Al Bayda"
    (a town and a division in Libya, a town and a division in Yemen) lands in the same
    place whatever PYTHONHASHSEED is."""
    article = tmp_path / "a.txt"
    article.write_text(_TIED_ARTICLE, encoding="utf-8")
    outputs = set()
    for seed in ("0", "1", "2", "3"):
        proc = subprocess.run([sys.executable, "-m", "geo.cli", "geoparse", str(article), "--json"], capture_output=True,
                              text=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}, timeout=120)
        assert proc.returncode == 0, proc.stderr
        outputs.add(proc.stdout)
    assert len(outputs) == 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30), st.text(max_size=20), st.one_of(st.none(), st.floats(), st.integers(-90, 90)), st.booleans())
def test_geoparse_json_lines_are_what_json_dumps_writes(path, name, lat, literal):
    """`strikemap geoparse --json` composes its lines; they are json.dumps of each mention's record."""
    import json

    from geo.cli import _json_lines
    from geo.gazetteer.place import Place
    from geo.geoparser import Mention

    place = None if lat is None else Place(f"id:{name}", name, lat, -lat if isinstance(lat, int) else 1.5, "SY", "11", 0,
                                            "locality", "town", "test")
    mentions = [Mention(0, len(name), name + "\u2028\"\\", name, 0, literal, "name", place),
                Mention(3, 4, "x", "x", 1, not literal, "demonym", None)]
    assert _json_lines(path, mentions) == [json.dumps(m.record(path), ensure_ascii=False) for m in mentions]


def test_a_run_of_text_with_no_sentence_end_is_cut_at_white_space(tmp_path):
    from geo.pipeline import process_file
    from geo.text import MAX_SENTENCE, split_sentences

    listed = "Russian jets struck " + ", ".join(["Homs", "Hama", "Idlib", "Rastan"] * 2500) + " overnight."
    spans, cuts = split_sentences("Title line\n" + listed)
    assert cuts > 0 and len(spans) == cuts + 2
    assert all(len(s.text) <= MAX_SENTENCE for s in spans)
    text = "Title line\n" + listed
    assert all(text[a.end:b.start].isspace() for a, b in zip(spans, spans[1:]))  # nothing between them but white space
    assert "".join(s.text for s in spans).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    article = tmp_path / "list.txt"
    article.write_text("Title: A list\n\n" + listed + "\n", encoding="utf-8")
    result = process_file(article)
    assert result.articles == 1 and result.rows and not result.problems
    assert [n.message.split(" cut(s) made in runs of text longer than")[1:] != [] for n in result.notes] == [True]


def test_the_bundled_strike_words_keep_the_screen_before_geoparsing():
    # A strike pattern that looks beyond its match (a lookahead) would turn the screen off for every text.
    from geo.claims.screen import _strike_openings, claim_words, tells_of_a_strike

    assert claim_words() is not None and _strike_openings() is not None
    assert not tells_of_a_strike("A fire at a warehouse in Najaf killed five people, the civil defence said.")
