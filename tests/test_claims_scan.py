"""The shortcuts claim extraction takes must find exactly what the plain scans find."""
from __future__ import annotations

import random
import re
import string

from geo import vocab
from geo.articles import Article
from geo.claims import casualties, dates
from geo.claims.attribution import find_attribution
from geo.claims.casualties import parse_casualties
from geo.claims.extract import extract_claims
from geo.claims.screen import LISTED_TARGETS_ANYWHERE_RE, claim_words, sentences_with_claim_words, tells_of_a_strike
from geo.claims.scan import VocabularyScan
from geo.text import sentences
from geo.vocab.keywords import expand, openings, starts_with_word_character

_FOLDS = {"s": "ſ", "k": "\u212a", "i": "ıİ"}  # characters Python's re takes for these letters when ignoring case


def _pattern(body: str, ignorecase: bool) -> vocab.Pattern:
    return vocab.Pattern(re.compile(vocab.guarded(body), re.IGNORECASE if ignorecase else 0), "x", {}, body)


def _texts(words: list[str], seed: int, n: int) -> list[str]:
    """Texts of vocabulary words in any case, cut short, folded, glued by spaces, hyphens and marks."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 8)):
            w = rng.choice(words)
            r = rng.random()
            if r < 0.2:
                w = w.upper()
            elif r < 0.35:
                w = "".join(rng.choice(_FOLDS.get(c.lower(), c)) if rng.random() < 0.5 else c for c in w)
            elif r < 0.5:
                w = w[:rng.randint(0, len(w))]
            parts.append(w + rng.choice(["", " ", " ", "-", ", ", "“", "s "]))
        out.append("".join(parts))
    return out


def _words(patterns) -> list[str]:
    return sorted({w for p in patterns for w in re.findall(r"[A-Za-z]+|\d+", p.regex.pattern)}) + ["-", "x", "_"]


def test_letters_never_match_one_another_ignoring_case():
    everything = "".join(map(chr, range(0x110000))).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    seen: dict[str, str] = {}
    for letter in string.ascii_lowercase:
        for c in set(re.findall(f"(?i:{letter})", everything)):
            assert seen.setdefault(c, letter) == letter, (c, letter)
    assert {c for c, letter in seen.items() if c not in (letter, letter.upper())} == {"ſ", "\u212a", "ı", "İ"}


def test_expand_distributes_leading_groups():
    assert expand("(?:a|b)?c") == ["ac", "bc", "c"]
    assert expand("(?:a|b)+c|d") == ["a(?:a|b)*c", "b(?:a|b)*c", "d"]
    assert expand("(?:a)??b") is None and expand("(?:a){2}b") is None
    assert starts_with_word_character(r"(?:on\s+)?\d{1,2}")
    assert not starts_with_word_character(r"(?:on)?\s") and not starts_with_word_character("[ab]c")


def test_vocabulary_scan_finds_what_each_pattern_finds():
    synthetic = (_pattern("Strike|sorties", False), _pattern("(?:field |s)?strikes?", True), _pattern("SANA|sana agency", False),
                 _pattern("ki(?:ll|t)", True), _pattern("(?:a|b)+c|is", True), _pattern("Is|IS|is", False), _pattern("1(?:2|3)?", True))
    kinds = vocab.triggers()
    for patterns in (vocab.targets(), vocab.strikers(), vocab.actors(), kinds["speech"] + kinds["denial"], synthetic):
        scan = VocabularyScan(patterns)
        for text in _texts(_words(patterns), seed=len(patterns), n=1500):
            plain = [(p.label, m.span()) for p in patterns for m in p.regex.finditer(text)]
            assert [(p.label, m.span()) for p, m in scan.finditer(text)] == plain, text


def test_first_phrase_and_figure_are_the_leftmost_of_all_patterns():
    words = ["on", "On", "12", "3rd", "Sept", "May", "30", "2015", "today", "Tonight", "last", "night", "previous", "week",
             "Monday's", "earlier", "this", "month", "between", "and", "10", "to", "15", "people", "at", "least", "more", "than",
             "over", "up", "many", "dozens", "of", "a", "family", "six", "some", "1,200", "–", "killed", "children", "\u0661"]
    for first, patterns in ((dates._FIRST_PHRASE, dates._PATTERNS), (casualties._FIRST_FIGURE, casualties._PATTERNS)):
        for text in _texts(words, seed=7, n=3000):
            found = [(m.start(), k, m) for k, (_, p) in enumerate(patterns) for m in [p.search(text)] if m]
            expected = min(found, key=lambda x: (x[0], x[1])) if found else None
            got = first.search(text)
            assert (got and (got[0], got[1].span(), got[1].groupdict())) == (
                expected and (expected[1], expected[2].span(), expected[2].groupdict())), text


def test_sentences_skipped_hold_no_strike_or_casualty_word_in_their_content():
    words = ["the", "ministry", "He", "jets", "strikes", "airstrikes", "hit", "killed", "12", "people", "said", "that", "according to",
             "According to", "officials", "denied", "groundless", "in", "Idlib", "on", "Tuesday", "a", "camp", "told", "dead", "not true",
             "struck", "“", "”", '"', "-", "—", ",", ":", ";", ".", "’", "«", "»"]
    strike = vocab.alternation("triggers", "strike").regex
    for text in _texts(words, seed=3, n=20000):
        text = text.strip()
        att = find_attribution(text)
        content = text[att.content_start:att.content_end] if att else text
        if strike.search(content) or parse_casualties(content).phrase:
            assert claim_words().search(text), text


def test_screens_tried_at_openings_find_what_searching_finds():
    # Both screens try their patterns only where an opening stands; searching every position must agree.
    # (a text whose only strike word needs a weapon beside it, "damaged", is one only if it names a weapon)
    needs_weapon = [p for p in vocab.triggers()["strike"] if p.attrs.get("certainty") == vocab.WITH_WEAPON]
    strike = vocab.Alternation(tuple(p for p in vocab.triggers()["strike"] if p not in needs_weapon)).regex
    with_weapon = vocab.Alternation(tuple(needs_weapon)).regex
    bodies = [*vocab.triggers()["strike"], *vocab.triggers()["casualty"]]
    words = _words(bodies) + ["among them", "the targets included", "others were", "said", "in", "x.", "drone", "shells"]
    for k, text in enumerate(_texts(words, seed=11, n=4000)):
        text = text + (". " + _texts(words, seed=k, n=1)[0] if k % 3 else "")
        armed = with_weapon.search(text) is not None and any(p.regex.search(text) for p in vocab.weapons())
        assert tells_of_a_strike(text) == bool(strike.search(text) or LISTED_TARGETS_ANYWHERE_RE.search(text) or armed), text
        spans = sentences(text)
        expected = [bool(claim_words().search(s.text) or LISTED_TARGETS_ANYWHERE_RE.search(s.text)) for s in spans]
        assert sentences_with_claim_words(text, spans) == expected, text


def test_sources_resolve_through_sentences_that_claim_nothing():
    # Long chains of "he said" and "the ministry said" with no claim in them, each referring back.
    quiet = " ".join(["He said the talks went well."] * 300 + ["The ministry said talks would go on."] * 50)
    text = (f"Talks\n\nRussian Foreign Minister Sergey Lavrov said talks began. {quiet} "
            "He said jets hit a camp in Homs. The ministry said jets hit a depot in Hama. Lavrov said bombs hit a school in Idlib.")
    claims = extract_claims(Article(id="t", path="t.txt", title="Talks", text=text))
    # "He" is the last source quoted before him: "The ministry", named by nothing fuller in the text,
    # so "ministry" as written; so is "The ministry" itself; "Lavrov" is the full name he was first
    # quoted under, 351 sentences back. (Resolved in text order: no recursion 350 deep.)
    assert [c.claimant for c in claims] == ["ministry", "ministry", "Russian Foreign Minister Sergey Lavrov"]


def test_literal_openings_read_optional_characters_and_stop_at_groups():
    assert openings(r"air ?raids?") == ["air raids", "air raid", "airraids", "airraid"]
    assert openings(r"kill(?:ed|ing)?|Dead") == ["kill", "dead"]
    assert openings(r"(?:other |the )?targets\b") == ["other targets", "the targets", "targets"]
    assert openings(r"shel+s") == ["shel"]
    assert openings(r"\bx") == ["x"]  # a word boundary takes no characters
    assert openings(r"(?<=\bthe )x") == ["x"]  # nor does a look-behind
    assert openings(r"\$|\d") == ["$", *"0123456789"]
    assert openings(r"(?-i:Shells?)") == ["shells", "shell"]


def test_the_bundled_vocabularies_keep_their_keyword_indexes():
    """A pattern whose opening cannot be read turns its whole vocabulary's index off, and every
    sentence is then scanned with every regex: a new row must not do that silently."""
    from geo.claims import attribution, frame, screen, targets

    scans = [frame._trigger_scan(), frame._weapon_scan(), frame._not_attack_scan(), attribution._verb_scan(),
             targets._scan("targets"), targets._scan("strikers")]
    assert all(s.index.usable for s in scans)
    assert screen._strike_openings().usable and screen._sentence_openings().usable
    assert screen.claim_words() is not None  # (None: every sentence a candidate)

