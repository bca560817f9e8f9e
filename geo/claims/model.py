"""What the claim stage produces: a :class:`Claim`, and the sources and targets it is built from."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .. import vocab
from ..geoparser import Mention
from .attribution import actor_in

UNATTRIBUTED = "unattributed (article text)"
_NARRATION = " (article text)"


def narration(outlet: str = "") -> str:
    """The claimant of what an article tells in its own words: its outlet's, where the record or the
    dateline names one ("Reuters (article text)"), else nobody's in particular."""
    return f"{outlet}{_NARRATION}" if outlet else UNATTRIBUTED


def is_narration(claimant: str) -> bool:
    """Whether a claimant is an article's own words (:func:`narration`)."""
    return claimant.endswith(_NARRATION)


@dataclass(frozen=True)
class Claim:
    """One claim: a source says a strike hit a target, at zero or more places.

    Offsets (``sentence_start``/``sentence_end``) index the article text.
    """

    claim_id: str
    article: str
    article_title: str
    article_url: str
    published: str
    source: str
    claimant: str
    claimant_type: str
    claimant_country: str
    striker: str
    striker_country: str
    target: str
    target_category: str
    target_affiliation: str
    stance: str
    casualties: int | None
    casualties_min: int | None
    casualties_max: int | None
    casualty_type: str
    casualty_phrase: str
    event_date: str
    date_precision: str
    date_phrase: str
    trigger: str
    sentence: str
    sentence_start: int
    sentence_end: int
    places: tuple[Mention, ...] = field(default=())
    event_type: str = ""  # vocab.EVENT_TYPES, or "" when the text does not say how the attack was made
    claimant_actor: str = ""  # one name for the claimant, however the text writes it (geo.claims.actors)
    # Places the strike was only near: (mention start, location qualifier, distance in km or None).
    qualifiers: tuple[tuple[int, str, float | None], ...] = ()

    def qualifier_of(self, mention: Mention) -> tuple[str, float | None]:
        """Where the strike was relative to one of its places: ("", None) when in it."""
        for start, qualifier, distance in self.qualifiers:
            if start == mention.start:
                return qualifier, distance
        return "", None


class Source:
    """A claimant as the outputs name it; its type and country are worked out when first read.

    Most sources quoted in an article are never the claimant of a strike claim, so
    they are classified (:func:`classify`) only when one is.
    """

    __slots__ = ("name", "_phrase", "_span", "_mentions", "_kind")

    def __init__(self, name: str, phrase: str, span: tuple[int, int], mentions: list[Mention]):
        self.name = name
        self._phrase, self._span, self._mentions = phrase, span, mentions
        self._kind: tuple[str, str] | None = None

    @classmethod
    def known(cls, name: str, type_: str, country: str) -> Source:
        source = cls(name, name, (0, 0), [])
        source._kind = (type_, country)
        return source

    def _classified(self) -> tuple[str, str]:
        if self._kind is None:
            self._kind = classify(self._phrase, self._span, self._mentions)
        return self._kind

    @property
    def phrase(self) -> str:
        """The words the text names the source by."""
        return self._phrase

    @property
    def span(self) -> tuple[int, int]:
        """Where those words stand in the text."""
        return self._span

    @property
    def mentions(self) -> list[Mention]:
        """The places named in the sentence those words stand in."""
        return self._mentions

    @property
    def type(self) -> str:
        return self._classified()[0]

    @property
    def country(self) -> str:
        return self._classified()[1]


class Target(NamedTuple):
    """A target phrase: its offsets, its category (targets.csv), whether it names something specific."""

    start: int
    end: int
    category: str
    specific: bool



def country_in(span: tuple[int, int], mentions: list[Mention]) -> str:
    for m in mentions:
        if span[0] <= m.start and m.end <= span[1] and m.place is not None:
            return m.place.country
    return ""


_MEMBER_FOR_RE = re.compile(rf"^(?:(?:a|an|the)\s+)?(?:[\w-]+\s+)?(?:{vocab.words_pattern('member_words')})s?\s+(?:for|of)\s+(.+)$",
                            re.IGNORECASE)


def classify(name: str, span: tuple[int, int], mentions: list[Mention]) -> tuple[str, str]:
    """Claimant type and country, from the actor vocabulary and the places in the name."""
    ctype, country = "", ""
    # The actor word nearest the start of the phrase is its head: "the defence
    # ministry in Moscow" is a ministry, not the Kremlin.
    member = _MEMBER_FOR_RE.match(name)  # "a spokesperson for the Fano forces": the group's kind
    actor = (actor_in(member.group(1)) if member else None) or actor_in(name)
    if actor:
        ctype, country = actor.label, actor.attrs.get("country", "")
    inner = country_in(span, mentions)
    country = inner or country
    if not ctype:
        whole = [m for m in mentions if m.start <= span[0] and span[1] <= m.end + 1 and m.place is not None]
        if whole and (whole[0].place.precision == "country" or not whole[0].literal):
            # "France said", and a city that stands for its government ("Baku denied"): a country speaks
            ctype = vocab.GOVERNMENT
            country = country or whole[0].place.country
        elif name[:1].isupper():
            ctype = vocab.PERSON
        else:
            ctype = vocab.OTHER
    return ctype, country
