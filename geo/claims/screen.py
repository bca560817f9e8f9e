"""Screens: which texts and sentences may hold a claim at all, found by the cheapest means.

A text with no strike word and no list of targets holds no claim (the dead of a fire or a
crash are no strike's), and need not be geoparsed: plain string search rules most such
texts out before any regular expression runs. A sentence with no strike or casualty word
needs no source worked out, unless a later sentence refers back to it.
"""
from __future__ import annotations

import re

from .. import vocab
from .casualties import HARM_WORDS
from .scan import by_first_letter, least, literal_openings, starts_with_word_character

# A sentence listing what a strike reported just before hit: "Among them, it said, were a command post ...".
_LISTED_TARGETS = (r"(?:among (?:them|the targets|those hit)|(?:they|these|the targets) included|"
                   r"(?:other |the )?targets\b[^.;]{0,60}\bincluded)\b")
LISTED_TARGETS_RE = re.compile(rf"^\W*{_LISTED_TARGETS}", re.IGNORECASE)
# The same words anywhere in a text: a sentence opening with them holds them after a word boundary.
_LISTED_TARGETS_ANYWHERE_RE = re.compile(rf"\b{_LISTED_TARGETS}", re.IGNORECASE)

# What makes a pattern depend on the text around its match: anchors, word
# boundaries, lookarounds, back-references, conditionals (checked conservatively).
_CONTEXT_RE = re.compile(r"\\[bBAZz0-9]|[\^$]|\(\?(?:[=!<(]|P=)")


@vocab.cached
def claim_words() -> re.Pattern | None:
    """Strike or casualty words in a sentence, wherever its reported content turns out to lie.

    A sentence with none can hold no claim, so who it quotes need not be worked
    out unless a later sentence refers back to it. The content is a slice of the
    sentence, and a word at the slice's edge may pass guards there that it fails
    in the whole sentence; but :func:`find_attribution` cuts right after a word
    only before a mark (content starting at a quote, after "that"), and right
    before a word only after a mark (a quote closing before "according to"). So
    a word may start after no word character, or at a mark (not when every strike
    word starts with a letter), and may end before no word character, or with a
    mark. ``None`` (every sentence may claim) when a strike pattern looks beyond
    its own match.
    """
    strikes = []
    for p in vocab.triggers().get("strike", ()):
        body = p.body
        if _CONTEXT_RE.search(body):
            return None
        strikes.append((body, bool(p.regex.flags & re.IGNORECASE)))
    end = r"(?:(?![\w-])|(?<![\w-]))"
    letters = by_first_letter([(None, b, ignorecase, end) for b, ignorecase in strikes] + [(None, HARM_WORDS, True, r"\b")])
    if letters is not None:  # every word starts with a letter: one check per position suffices
        return re.compile(rf"(?<!\w){letters}")
    strike = "|".join(f"(?i:{b})" if ignorecase else f"(?:{b})" for b, ignorecase in strikes) or r"(?!x)x"
    start = r"(?<!\w)" if all(starts_with_word_character(b) for b, _ in strikes) else r"(?:(?<!\w)|(?=[^\w\s]))"
    return re.compile(rf"{start}(?:(?:{strike}){end}|(?i:{HARM_WORDS})\b)")


def tells_of_a_strike(text: str) -> bool:
    """A strike word or a list of targets anywhere in ``text``. Sentences are separated by
    white space, so a word that searching sentence by sentence finds, this search over the
    whole text finds too."""
    if claim_words() is None:  # a strike pattern looks beyond its match: no shortcut
        return True
    start, screen = 0, _strike_openings()
    if screen is not None:  # most texts with no such word are ruled out by plain string search
        strings, reach = screen
        folded = text.lower()
        if len(folded) != len(text) or "\u017f" in folded or "\u0131" in folded:  # rare, and translate is slow
            folded = text.translate(_ASCII_TWINS).lower()
        found = [at for at in map(folded.find, strings) if at >= 0]
        if not found:
            return False
        if len(folded) == len(text):  # a match opens at most ``reach`` before one of the strings it holds
            start = max(0, min(found) - reach)
    return bool(vocab.alternation("triggers", "strike").regex.search(text, start)
                or _LISTED_TARGETS_ANYWHERE_RE.search(text, start))


@vocab.cached
def _strike_openings() -> tuple[tuple[str, ...], int] | None:
    """Lower-case strings one of which every strike word and list of targets holds, and the
    longest opening they come from: each opens a match (:func:`literal_openings`) or lies in
    one that does. ``None`` when some pattern cannot be read so."""
    bodies = [p.body for p in vocab.triggers().get("strike", ())]
    found: list[str] = []
    for body in [*bodies, _LISTED_TARGETS]:
        openings = literal_openings(body)
        if openings is None or min(map(len, openings), default=0) < 3:  # too short to rule much out
            return None
        found += openings
    return least(found), max(map(len, found))


# Letters that match an ASCII letter in a pattern that ignores case, but lower-case to something else.
_ASCII_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
