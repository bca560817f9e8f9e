"""Screens: which texts and sentences may hold a claim at all, found by the cheapest means.

A text with no strike word and no list of targets holds no claim (the dead of a fire or a
crash are no strike's), and need not be geoparsed: plain string search rules most such
texts out before any regular expression runs. A sentence with no strike or casualty word
needs no source worked out, unless a later sentence refers back to it.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from .. import vocab
from .casualties import HARM_WORDS
from ..text import Span
from ..vocab.keywords import ASCII_TWINS, KeywordIndex, fold, starts_with_word_character

# A sentence listing what a strike reported just before hit: "Among them, it said, were a command post ...".
_LISTED_TARGETS = (r"(?:among (?:them|the targets|those hit)|(?:they|these|the targets) included|"
                   # "They named the air bases at Rafiqui, ...; Murid, ...": the places of the strikes told before
                   r"(?:they|it|officials|the officers|the military|the army|the ministry) (?:named|listed|identified) "
                   r"(?:the |as the |as )?(?:\w+ )?(?:air ?bases|bases|targets|sites|locations|facilities|airfields|airports)\b|"
                   r"(?:other |the )?targets\b[^.;]{0,60}\bincluded|"
                   r"(?:the |other )(?:sites|targets|locations) (?:hit |struck |targeted )?(?:were|was|included|lay)\b"
                   # "The targets were downed over Mykolaiv": weapons shot down, not places hit
                   r"(?! (?:\w+ )?(?:downed|shot down|intercepted|neutrali[sz]ed)))")
LISTED_TARGETS_RE = re.compile(rf"^\W*{_LISTED_TARGETS}", re.IGNORECASE)
# The same words anywhere in a text: a sentence opening with them holds them after a word boundary.
LISTED_TARGETS_ANYWHERE_RE = re.compile(rf"\b{_LISTED_TARGETS}", re.IGNORECASE)

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
    for p in vocab.triggers().get(vocab.STRIKE, ()):
        if _CONTEXT_RE.search(p.body):
            return None
        strikes.append(f"(?i:{p.body})" if p.regex.flags & re.IGNORECASE else f"(?:{p.body})")
    strike = "|".join(strikes) or r"(?!x)x"
    end = r"(?:(?![\w-])|(?<![\w-]))"
    start = r"(?<!\w)" if all(map(starts_with_word_character, strikes)) else r"(?:(?<!\w)|(?=[^\w\s]))"
    return re.compile(rf"{start}(?:(?:{strike}){end}|(?i:{HARM_WORDS})\b)")


def tells_of_a_strike(text: str) -> bool:
    """A strike word or a list of targets anywhere in ``text``. Sentences are separated by
    white space, so a word that searching sentence by sentence finds, this search over the
    whole text finds too."""
    if claim_words() is None:  # a strike pattern looks beyond its match: no shortcut
        return True
    index, strike = _strike_openings(), _article_strike_words()
    if index.usable:  # most texts with no such word are ruled out by plain string search
        folded = fold(text)
        if folded is not None:  # a match opens where one of its openings stands: try there only
            found = any(strike.match(text, at) or LISTED_TARGETS_ANYWHERE_RE.match(text, at) for at in index.starts(folded))
            return found or _weapon_words_with_a_weapon(text, folded)
        if not index.any(text.translate(ASCII_TWINS).lower()):  # lower case moved some positions: no place to start from
            return _weapon_words_with_a_weapon(text)
    return bool(strike.search(text) or LISTED_TARGETS_ANYWHERE_RE.search(text)) or _weapon_words_with_a_weapon(text)


def _weapon_words_with_a_weapon(text: str, folded: str | None = None) -> bool:
    """Words that tell of an attack only with a weapon beside them ("damaged": certainty ``weapon``) in a text
    that names a weapon: the storms and markets that "damaged" something need not be geoparsed."""
    words = _with_weapon_words()
    if words is None:
        return False
    index = _with_weapon_openings()
    if index.usable and (folded := folded if folded is not None else fold(text)) is not None and not index.any(folded):
        return False  # (plain string search first, as for the other strike words)
    if words.search(text) is None:
        return False
    from .frame import _weapon_scan  # (the weapons' vocabulary, scanned by its own keyword index)

    return bool(_weapon_scan().finditer(text))


def _strike_patterns(with_weapon: bool) -> tuple[vocab.Pattern, ...]:
    return tuple(p for p in vocab.triggers().get(vocab.STRIKE, ())
                 if (p.attrs.get("certainty") == vocab.WITH_WEAPON) == with_weapon)


@vocab.cached
def _article_strike_words() -> re.Pattern:
    """The strike words that tell of an attack with no weapon needed beside them, in one pattern."""
    return vocab.Alternation(_strike_patterns(False)).regex


@vocab.cached
def _with_weapon_openings() -> KeywordIndex:
    return KeywordIndex([p.body for p in _strike_patterns(True)], shortest=3)


@vocab.cached
def _with_weapon_words() -> re.Pattern | None:
    found = _strike_patterns(True)
    return vocab.Alternation(found).regex if found else None


@vocab.cached
def _strike_openings() -> KeywordIndex:
    """The openings of every strike word that needs no weapon beside it and of a list of targets (too short ones
    rule little out)."""
    bodies = [p.body for p in vocab.triggers().get(vocab.STRIKE, ()) if p.attrs.get("certainty") != vocab.WITH_WEAPON]
    return KeywordIndex([*bodies, _LISTED_TARGETS], shortest=3)


def sentences_with_claim_words(text: str, sentences: Sequence[Span]) -> list[bool] | None:
    """For each of ``text``'s sentences, whether :func:`claim_words` or a list of targets stands
    in it (``None``: every sentence may claim).

    The words' openings are found in the whole text at once, and a sentence with
    none of them is passed over before any regular expression runs; in one with
    some, the patterns are tried where the openings stand (a match opens at one).
    """
    words = claim_words()
    if words is None:
        return None
    index = _sentence_openings()
    folded = fold(text) if index.usable else None
    if folded is None:
        return [bool(words.search(s.text) or LISTED_TARGETS_ANYWHERE_RE.search(s.text)) for s in sentences]
    starts = index.starts(folded)
    out = []
    for s in sentences:
        k, found = bisect_left(starts, s.start), False
        while not found and k < len(starts) and starts[k] < s.end:
            at = starts[k] - s.start
            found = words.match(s.text, at) is not None or LISTED_TARGETS_ANYWHERE_RE.match(s.text, at) is not None
            k += 1
        out.append(found)
    return out


@vocab.cached
def _sentence_openings() -> KeywordIndex:
    """The openings of every strike and casualty word and list of targets."""
    bodies = [p.body for kind in (vocab.STRIKE, vocab.CASUALTY) for p in vocab.triggers().get(kind, ())]
    return KeywordIndex([*bodies, _LISTED_TARGETS])
