"""Finding a decision's claim by what a person sees: the article, the sentence, the place as written.

A claim's id is a hash of where its sentence lies and of its rank among the sentence's
claims, so a rule that adds or drops a claim earlier in a sentence hands the ids on to
other claims. A reviewer's decision names none of that: it names the article, quotes the
sentence and the place as written, and is matched here against the claims of this run.

1. The sentence: the claims whose sentence reads the same (spaces, quotes and case aside);
   else, where sentences are now split differently, whose sentence holds the quoted one or is
   held in it; else whose sentence overlaps the decision's offsets and, where a sentence is
   quoted, reads nearly as it does (the article was edited: a typo fixed). Where the text comes
   twice, the offsets choose.
2. The place: the row naming the place as written; else a row whose place as written holds its
   words or is held in them ("Aleppo" and "province of Aleppo"). An empty place is the claim as a
   whole (the sentence's one claim, or its claim with no place).
3. Claims still alike are told apart by the mention's offset and by what the reviewer saw
   (place, claimant, target); if two remain, the decision is ambiguous and applied to neither.

Nothing found is a stale decision: reported, never applied elsewhere.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .decisions import Decision, normal

MIN_QUOTED = 20  # characters: a shorter quote says too little to be found inside another sentence
SAME_SENTENCE = 0.8  # likeness (difflib's ratio) of a quoted sentence and the one at its offsets, to be taken for it


@dataclass
class WorkingClaim:
    """A claim of one article while decisions are applied: its rows (claims-table values and ``point``)."""

    claim_id: str
    rows: list[dict]
    rejected: str = ""  # the reason, once a reviewer rejected it
    rejected_by: str = ""  # the decision that did (file:line)

    @property
    def span(self) -> tuple[int, int]:
        first = self.rows[0]
        return first["sentence_start"], first["sentence_end"]

    @property
    def sentence(self) -> str:
        return self.rows[0]["sentence"]


@dataclass
class Found:
    """A decision's claim and, when the decision names a place, the row of that place."""

    claim: WorkingClaim
    row: dict | None


@dataclass
class Miss:
    """No claim found (``stale``), or more than one (``ambiguous``), and why, in words."""

    kind: str
    message: str


@dataclass
class ArticleClaims:
    """The claims of one article, in table order."""

    article: str
    claims: list[WorkingClaim] = field(default_factory=list)

    def live(self) -> list[WorkingClaim]:
        return [c for c in self.claims if not c.rejected]

    def find(self, decision: Decision, exact_only: bool = False) -> Found | Miss:
        """The claim ``decision`` is about (``exact_only``: the sentence and place as written, nothing looser)."""
        found = self._find(decision, self.live(), exact_only)
        gone = [c for c in self.claims if c.rejected]
        if isinstance(found, Miss) and gone:  # say so when an earlier decision took the claim out
            earlier = self._find(decision, gone, exact_only)
            if isinstance(earlier, Found):
                claim = earlier.claim
                return Miss("stale", f"an earlier decision ({claim.rejected_by}) rejected this claim ({claim.rejected})")
        return found

    def _find(self, decision: Decision, claims: list[WorkingClaim], exact_only: bool) -> Found | Miss:
        if not claims:
            return Miss("stale", f"article {self.article} has no claims in this run (is it among the inputs?)")
        spans = self._spans(decision, claims, exact_only)
        if isinstance(spans, Miss):
            return spans
        in_sentence = [c for c in claims if c.span in spans]
        return self._in_sentence(decision, in_sentence, exact_only)

    # -- the sentence ----------------------------------------------------------------------
    def _spans(self, d: Decision, claims: list[WorkingClaim], exact_only: bool) -> set[tuple[int, int]] | Miss:
        sentences = {c.span: normal(c.sentence) for c in claims}
        found: list[tuple[int, int]] = []
        if d.sentence:
            want = normal(d.sentence)
            found = [span for span, text in sentences.items() if text == want]
            if not found and not exact_only and len(want) >= MIN_QUOTED:
                found = [span for span, text in sentences.items() if want in text or (len(text) >= MIN_QUOTED and text in want)]
        if not found and d.sentence_start is not None and d.sentence_end is not None and not exact_only:
            found = [span for span in sentences if span[0] < d.sentence_end and d.sentence_start < span[1]
                     and (not d.sentence or _alike(normal(d.sentence), sentences[span]))]
        if not found:
            said = "no claim of this run is made in the sentence" if d.sentence else "no claim of this run is made at characters"
            where = "" if d.sentence else f" {d.sentence_start}-{d.sentence_end}"
            return Miss("stale", f"{said}{where} ({d.describe()})")
        if len(found) > 1:
            chosen = _by_offsets(found, d)
            if chosen is None:
                return Miss("ambiguous", f"the sentence comes {len(found)} times in article {self.article}: "
                                         "give sentence_start and sentence_end to say which")
            found = [chosen]
        return set(found)

    # -- the place and the claim ----------------------------------------------------------
    def _in_sentence(self, d: Decision, claims: list[WorkingClaim], exact_only: bool) -> Found | Miss:
        if d.place_text:
            want = normal(d.place_text)
            hits = [(c, r) for c in claims for r in c.rows if r["place_text"] and normal(r["place_text"]) == want]
            if not hits and not exact_only:
                words = _words(want)
                hits = [(c, r) for c in claims for r in c.rows if r["place_text"] and _nested(words, _words(normal(r["place_text"])))]
            if not hits:
                named = sorted({r["place_text"] for c in claims for r in c.rows if r["place_text"]})
                now = f"; its claims name {', '.join(repr(n) for n in named)}" if named else "; its claims name no place"
                return Miss("stale", f"no claim of this run in the sentence names '{d.place_text}'{now} ({d.describe()})")
        else:
            placeless = [c for c in claims if not any(r["place_text"] or r["place"] for r in c.rows)]
            hits = [(c, None) for c in (claims if len(claims) == 1 or not placeless else placeless)]
        return _one(hits, d)


def _alike(a: str, b: str) -> bool:
    """Whether two sentences are one, edited (a typo fixed, a word changed): offsets alone never find another."""
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= SAME_SENTENCE


def _by_offsets(spans: list[tuple[int, int]], d: Decision) -> tuple[int, int] | None:
    if d.sentence_start is None:
        return None
    exact = [s for s in spans if s == (d.sentence_start, d.sentence_end)]
    return exact[0] if exact else min(spans, key=lambda s: (abs(s[0] - d.sentence_start), s))


_WORD_RE = re.compile(r"\w+")


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD_RE.findall(text))


def _nested(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether one run of words stands inside the other ("aleppo" in "province of aleppo")."""
    if not a or not b:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return any(long[i:i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _one(hits: list[tuple[WorkingClaim, dict | None]], d: Decision) -> Found | Miss:
    """The one claim among ``hits``: the best told apart by the mention's offset and what the reviewer saw."""
    if not hits:
        return Miss("stale", f"no claim found ({d.describe()})")
    scored = [(_likeness(claim, row, d), i) for i, (claim, row) in enumerate(hits)]
    best = max(score for score, _ in scored)
    chosen = [hits[i] for score, i in scored if score == best]
    claims = {id(claim) for claim, _ in chosen}
    if len(claims) > 1:
        names = "; ".join(f"{c.rows[0]['claimant']} on {c.rows[0]['target'] or 'no target named'}" for c, _ in chosen)
        return Miss("ambiguous", f"{len(claims)} claims in this sentence fit ({names}): fill in place_text, claimant "
                                 f"or target as the review sheet lists them ({d.describe()})")
    claim, row = chosen[0]
    return Found(claim, row)


def _likeness(claim: WorkingClaim, row: dict | None, d: Decision) -> tuple:
    """How well a candidate fits what the reviewer saw: nearer the mention's offset, then the same place,
    claimant and target shown."""
    near = 0
    if row is not None and d.mention_start is not None and row["mention_start"] is not None:
        if d.sentence_start is not None:  # where in the sentence: the article may have been edited above it
            near = -abs((row["mention_start"] - row["sentence_start"]) - (d.mention_start - d.sentence_start))
        else:
            near = -abs(row["mention_start"] - d.mention_start)
    first = row or claim.rows[0]
    same = lambda shown, value: bool(shown) and normal(shown) == normal(value or "")  # noqa: E731
    return (near, same(d.shown.get("place", ""), first["place"]), same(d.shown.get("claimant", ""), first["claimant"]),
            same(d.shown.get("target", ""), first["target"]))
