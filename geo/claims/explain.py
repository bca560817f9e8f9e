"""``strikemap explain``: for each sentence, which rules fired and why a place was or was not
made a strike location. The first thing to read when a claim is missing or wrong."""
from __future__ import annotations

from collections.abc import Iterator

from ..doc import Doc
from ..geoparser import Mention
from .rules import Fired


def explain_lines(doc: Doc, everything: bool = False) -> Iterator[str]:
    """The explanation of an explained document (:func:`geo.claims.extract.explain`), as lines.

    Sentences that no rule looked at (no strike or casualty word) are left out unless
    ``everything``.
    """
    article = doc.article
    yield f"{article.path}: {article.title!r}" + (f" ({article.published})" if article.published else "")
    claims_by_sentence: dict[int, list] = {}
    starts = {s.start: i for i, s in enumerate(doc.sentences)}
    for claim in doc.claims:
        claims_by_sentence.setdefault(starts.get(claim.sentence_start, -1), []).append(claim)
    unplaced: dict[int, list[Mention]] = {}
    for m in doc.unplaced:
        unplaced.setdefault(m.sentence, []).append(m)
    for si, sentence in enumerate(doc.sentences):
        fired = doc.trace.for_sentence(si)
        if not fired and si not in claims_by_sentence and not everything:
            continue
        yield ""
        yield f"[{si}] {' '.join(sentence.text.split())}"
        places = [_place(m) for m in doc.mentions_in(si)] + [f"{m.text} (no place: {m.reason or 'not in the gazetteer'})"
                                                               for m in unplaced.get(si, [])]
        if places:
            yield f"    places: {'; '.join(places)}"
        if not fired:
            yield "    (no strike or casualty word: no rule looked at it)"
        for f in fired:
            yield "    " + _fired(f)
        for claim in claims_by_sentence.get(si, []):
            where = ", ".join(m.text for m in claim.places) or "no place"
            yield (f"    => claim {claim.claim_id}: {claim.claimant} ({claim.claimant_type}) {claim.stance} "
                   f"{claim.target or 'a strike'} at {where}")


def _place(m: Mention) -> str:
    p = m.place
    if p is None:
        return f"{m.text} (no place)"
    literal = "" if m.literal else ", not literal"
    return f"{m.text} = {p.name} ({p.precision}, {p.country}{literal})"


def _fired(f: Fired) -> str:
    subject = f"{f.subject}: " if f.subject else ""
    return f"{f.kind:>14}  {subject}{f.decision}  [{f.rule}]"
