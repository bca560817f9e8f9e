"""Sentence-level strike claims: who says what was hit where.

For each sentence the extractor finds the source (:mod:`.attribution`), the
reported content, the strike and casualty words in it, the targets, and the
places with their roles (:mod:`.roles`). Strike places split the content into
segments, each binding the targets written before it ("a command post in Hama,
a camp in Idlib"); places listed together ("Talbiseh, Rastan and Salamiyah")
share one claim. A claim with no place is still a claim: it is kept, with no
location.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from .. import vocab
from ..articles import Article
from ..geoparser import Mention, ParsedText, parse
from ..text import Span, Token, tokens
from .attribution import PRONOUNS, Attribution, find_attribution, quote_spans
from .casualties import NUMBER_WORDS, parse_casualties
from .dates import resolve_date
from .roles import PlaceRole, assign_roles

UNATTRIBUTED = "unattributed (article text)"
# Lower-case titles that stand inside a person's full name ("opposition spokesman Yahya al-Aridi").
_TITLE_WORDS = "spokes(?:man|woman|person)|president|minister|secretary|director|commander|chief|leader|official|head|envoy|ambassador|general|colonel|governor"
_TARGET_STOPS = frozenset(
    "in at on of to from with by for against and or but including include includes included which that who "
    "were was is are be been being had has have said says around near over across as than while after before "
    "belonging held".split()
)
_DETERMINERS = frozenset("a an the its their his her our this these those some several many all both each dozen".split())
_ADJECTIVE_ENDINGS = ("ist", "ian", "ary", "al", "ic", "ive", "ous", "ed", "ern")
_TARGET_MODIFIERS = frozenset(
    "field training command control militant military rebel civilian underground key main "
    "weapon weapons ammunition arms fuel oil gas storage supply logistics air residential".split()
)


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


@dataclass(frozen=True)
class _Source:
    name: str
    type: str
    country: str


@dataclass(frozen=True)
class _Target:
    start: int
    end: int
    category: str
    specific: bool


# -- claimants ---------------------------------------------------------------
def _country_in(span: tuple[int, int], mentions: list[Mention]) -> str:
    for m in mentions:
        if span[0] <= m.start and m.end <= span[1] and m.place is not None:
            return m.place.country
    return ""


def _classify(name: str, span: tuple[int, int], mentions: list[Mention]) -> tuple[str, str]:
    """Claimant type and country, from the actor vocabulary and the places in the name."""
    ctype, country = "", ""
    # The actor word nearest the start of the phrase is its head: "the defence
    # ministry in Moscow" is a ministry, not the Kremlin.
    found = vocab.alternation("actors").search(name)
    if found:
        ctype, country = found[1].label, found[1].attrs.get("country", "")
    inner = _country_in(span, mentions)
    country = inner or country
    if not ctype:
        whole = [m for m in mentions if m.start <= span[0] and span[1] <= m.end + 1 and m.place is not None]
        if whole and whole[0].place.precision == "country":
            ctype = "government"  # "France said": a country speaks through its government
        elif name[:1].isupper():
            ctype = "person"
        else:
            ctype = "other"
    return ctype, country


class _Sources:
    """The sources an article has quoted so far, for "he said", "the ministry said", "Khoja said"."""

    def __init__(self, parsed: ParsedText):
        self.parsed = parsed
        self.seen: list[_Source] = []

    def resolve(self, name: str, span: tuple[int, int], mentions: list[Mention]) -> _Source:
        low = name.lower()
        words = name.split()
        earlier = self._earlier(low, words, span[0])
        if earlier:
            source = earlier
        else:
            ctype, country = _classify(name, span, mentions)
            source = _Source(re.sub(r"^(?:the)\s+", "", name, flags=re.IGNORECASE), ctype, country)
        self.seen.append(source)
        return source

    def _earlier(self, low: str, words: list[str], start: int) -> _Source | None:
        if low in PRONOUNS:
            return self.seen[-1] if self.seen else None
        if len(words) <= 3 and words[0].lower() == "the":
            head = words[-1].lower()
            return next((s for s in reversed(self.seen) if head in s.name.lower()), None)
        if len(words) == 1 and words[0][:1].isupper():
            word = words[0]
            hit = next((s for s in reversed(self.seen) if re.search(rf"\b{re.escape(word)}\b", s.name)), None)
            if hit:
                return hit
            return self._titled_name(word, start)
        return None

    def _titled_name(self, word: str, before: int) -> _Source | None:
        """A surname first written with its title ("Russian Foreign Minister Sergey Lavrov")."""
        pattern = re.compile(rf"(?:(?:[A-Z][\w’'-]*\.?|{_TITLE_WORDS}) ){{1,6}}(?:[a-z]{{1,3}}-)?{re.escape(word)}\b")
        for sentence in self.parsed.sentences:
            if sentence.start >= before:
                break
            m = pattern.search(sentence.text)
            if m:
                span = (sentence.start + m.start(), sentence.start + m.end())
                return _Source(m.group(), *_classify(m.group(), span, self.parsed.mentions))
        return None


# -- targets, strikers, casualties -------------------------------------------
def _targets(text: str, start: int, end: int, toks: list[Token], places: list[Mention]) -> list[_Target]:
    """Target phrases in ``text[start:end]``, widened to their determiners and modifiers."""
    found: list[_Target] = []
    taken: list[tuple[int, int]] = [(m.start, m.end) for m in places]
    patterns = vocab.targets()
    for p in patterns:
        for m in p.finditer(text[start:end]):
            s, e = start + m.start(), start + m.end()
            if any(s < b and a < e for a, b in taken):
                continue
            taken.append((s, e))
            generic = p.label in ("positions", "fighters")
            found.append(_Target(_widen(s, toks, start), e, p.label, not generic))
    found.sort(key=lambda t: t.start)
    return found


def _is_modifier(t: Token) -> bool:
    """Words that may stand before a target noun: determiners, numbers, names, adjectives."""
    low = t.lower
    return (
        low in _DETERMINERS
        or low in NUMBER_WORDS
        or low.replace(",", "").isdigit()
        or t.is_capitalised
        or "-" in low
        or low.endswith(_ADJECTIVE_ENDINGS)
        or low in _TARGET_MODIFIERS
    )


def _widen(s: int, toks: list[Token], floor: int) -> int:
    """Start of the noun phrase whose head starts at ``s`` ("two ammunition dumps")."""
    before = [t for t in toks if t.end <= s and t.start >= floor]
    count = 0
    for t in reversed(before):
        if t.text in "“”\"‘’'":
            continue
        if count >= 4 or t.lower in _TARGET_STOPS or not _is_modifier(t) or _is_trigger(t.lower):
            break
        s = t.start
        count += 1
    return s


def _is_trigger(word: str) -> bool:
    return any(p.regex.fullmatch(word) for p in vocab.triggers()["strike"])


def _affiliation(*texts: str) -> str:
    """The first affiliation named in the first text that names one."""
    for text in texts:
        for p in vocab.affiliations():
            if p.regex.search(text):
                return p.label
    return ""


def _after(text: str, end: int, limit: int, words: int = 8) -> str:
    """Up to ``words`` words of ``text`` after ``end`` (not past ``limit``): "positions of the group"."""
    return " ".join(text[end:limit].split()[:words])


def _strikers(text: str, start: int, end: int, mentions: list[Mention], claimant: _Source) -> list[tuple[int, str, str]]:
    """(offset, striker as written, striker country) in ``text[start:end]``, in text order.

    A match inside a longer name ("Free Syrian Army") is not a striker; "its
    warplanes" and "it has carried out" name the claimant's side.
    """
    found = []
    for p in vocab.strikers():
        for m in p.finditer(text[start:end]):
            s = start + m.start()
            before = text[max(0, s - 30):s].split()
            if before and before[-1][:1].isupper() and not before[-1].endswith((".", ",", ":")):
                continue
            if any(a <= s < b for a, _, _, b in found):
                continue
            phrase = m.group()
            country = _country_in((s, start + m.end()), mentions)
            if p.label == "self" or phrase.lower().startswith(("its ", "their ", "our ")):
                country = country or claimant.country
                phrase = claimant.name if p.label == "self" else phrase
            found.append((s, phrase, country, start + m.end()))
    found.sort()
    return [(s, phrase, country) for s, phrase, country, _ in found]


# -- segments ----------------------------------------------------------------
def _groups(roles: list[PlaceRole]) -> list[list[int]]:
    """Strike places that are listed together form one group."""
    groups: list[list[int]] = []
    where: dict[int, int] = {}
    for i, r in enumerate(roles):
        if r.role != "strike":
            continue
        if r.link is not None and r.link in where:
            groups[where[r.link]].append(i)
            where[i] = where[r.link]
        else:
            where[i] = len(groups)
            groups.append([i])
    return groups


def _pick_targets(candidates: list[_Target]) -> list[_Target]:
    specific = [t for t in candidates if t.specific]
    return specific or candidates[:1]


def _segments(roles, targets, content) -> list[tuple[list[Mention], list[_Target]]]:
    """(places, targets) per claim: each group of places takes the targets written before it."""
    groups = _groups(roles)
    if not groups:
        return [([], _pick_targets(targets))]
    segments = []
    floor = content[0]
    for gi, group in enumerate(groups):
        first = roles[group[0]].mention
        last = roles[group[-1]].mention
        ceiling = roles[groups[gi + 1][0]].mention.start if gi + 1 < len(groups) else content[1]
        before = [t for t in targets if floor <= t.start and t.end <= first.start]
        after = [t for t in targets if last.end <= t.start and t.end <= ceiling]
        chosen = _pick_targets(before) if any(t.specific for t in before) else _pick_targets(after) or _pick_targets(before)
        if not chosen and not segments:
            chosen = _pick_targets(before)
        segments.append(([roles[i].mention for i in group], chosen))
        floor = last.end
    return segments


def _claim_id(article: str, sentence: Span, index: int) -> str:
    digest = hashlib.sha1(f"{article}|{sentence.start}|{sentence.end}|{index}".encode()).hexdigest()
    return f"c{digest[:12]}"


# -- the extractor -----------------------------------------------------------
class ClaimExtractor:
    """Extracts :class:`Claim` objects from articles."""

    def extract(self, article: Article, parsed: ParsedText | None = None) -> list[Claim]:
        parsed = parsed or parse(article.text)
        sources = _Sources(parsed)
        claims: list[Claim] = []
        by_sentence: dict[int, list[Mention]] = {}
        for m in parsed.mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        previous: tuple[Attribution, _Source, Span] | None = None
        for si, sentence in enumerate(parsed.sentences):
            if si == 0 and sentence.text.strip() == article.title:
                continue  # a headline is not anybody's claim
            mentions = by_sentence.get(si, [])
            att = find_attribution(sentence.text)
            source = None
            if att:
                span = (sentence.start + att.claimant_start, sentence.start + att.claimant_end)
                source = sources.resolve(att.claimant, span, mentions)
            elif previous and self._continues_quote(sentence, previous):
                att, source = previous[0], previous[1]
                att = Attribution(att.claimant, 0, 0, 0, len(sentence.text), att.verb, att.denial)
            claims.extend(self._sentence_claims(article, sentence, mentions, att, source))
            previous = (att, source, sentence) if att and source else None
        return claims

    @staticmethod
    def _continues_quote(sentence: Span, previous) -> bool:
        """A quoted sentence right after an attributed quote continues it."""
        _, _, prev_sentence = previous
        return sentence.text.lstrip().startswith(("“", '"')) and not find_attribution(sentence.text) and (
            prev_sentence.text.rstrip().endswith(("”", '"', ".", ":"))
        ) and bool(quote_spans(prev_sentence.text))

    def _sentence_claims(self, article, sentence, mentions, att, source) -> list[Claim]:
        offset = sentence.start
        cs, ce = (att.content_start, att.content_end) if att else (0, len(sentence.text))
        content = sentence.text[cs:ce]
        triggers = vocab.triggers()
        strike = None
        if vocab.alternation("triggers", "strike").regex.search(content):  # most sentences have none
            strike = next((m for p in triggers["strike"] for m in [p.regex.search(content)] if m), None)
        harm = parse_casualties(content)
        casualties = harm.minimum if harm.minimum is not None else harm.maximum
        if strike is None and not harm.phrase:
            return []
        when = resolve_date(content, article.published_date)
        if not when.phrase:
            when = resolve_date(sentence.text, article.published_date)
        toks = tokens(sentence.text, offset)
        content_span = (offset + cs, offset + ce)
        roles = assign_roles(mentions, toks, content_span)
        targets = _targets(article.text, *content_span, toks, mentions)
        if source is None:
            source = _Source(UNATTRIBUTED, "media", "")
        strikers = _strikers(article.text, *content_span, mentions, source)
        denial = bool(att and att.denial) or any(p.regex.search(content) for p in triggers.get("denial", ()) if p.regex.pattern.find("groundless") >= 0)
        segments = _segments(roles, targets, content_span)
        out = []
        for places, chosen in segments:
            if not self._worth_keeping(att, places, chosen, casualties, strike):
                continue
            striker, striker_country = self._segment_striker(strikers, places)
            target_text = self._target_text(article.text, chosen)
            near_target = self._near_target(article.text, chosen, places, content_span)
            place_countries = {m.place.country for m in places if m.place}
            claimant_type = self._relative_type(source, place_countries, striker_country)
            out.append(
                Claim(
                    claim_id=_claim_id(article.id, sentence, len(out)),
                    article=article.id,
                    article_title=article.title,
                    article_url=article.url,
                    published=article.published,
                    source=article.source,
                    claimant=source.name,
                    claimant_type=claimant_type,
                    claimant_country=source.country,
                    striker=striker,
                    striker_country=striker_country,
                    target=target_text,
                    target_category="; ".join(dict.fromkeys(t.category for t in chosen)),
                    target_affiliation=_affiliation(target_text, near_target) if chosen else "",
                    stance="denies" if denial else "asserts",
                    casualties=casualties,
                    casualties_min=harm.minimum,
                    casualties_max=harm.maximum,
                    casualty_type=harm.type,
                    casualty_phrase=harm.phrase,
                    event_date=when.date,
                    date_precision=when.precision,
                    date_phrase=when.phrase,
                    trigger=strike.group() if strike else "",
                    sentence=sentence.text,
                    sentence_start=sentence.start,
                    sentence_end=sentence.end,
                    places=tuple(places),
                )
            )
        return out

    @staticmethod
    def _near_target(text: str, chosen: list[_Target], places: list[Mention], content: tuple[int, int]) -> str:
        """Words after the target that may say whose it was, up to the segment's own places."""
        if not chosen:
            return ""
        end = chosen[-1].end
        limit = max(m.end for m in places) if places and places[-1].start > end else content[1]
        return _after(text, end, limit)

    @staticmethod
    def _segment_striker(strikers: list[tuple[int, str, str]], places: list[Mention]) -> tuple[str, str]:
        """The last striker named before the segment's places, else the first one named."""
        if not strikers:
            return "", ""
        first = places[0].start if places else None
        before = [s for s in strikers if first is not None and s[0] < first]
        _, phrase, country = before[-1] if before else strikers[0]
        return phrase, country

    @staticmethod
    def _worth_keeping(att, places, targets, casualties, strike) -> bool:
        if att is None:  # the article's own narration: only concrete, located strikes
            return strike is not None and bool(places) and any(t.specific for t in targets)
        return bool(places or targets or casualties is not None)

    @staticmethod
    def _target_text(text: str, chosen: list[_Target]) -> str:
        if not chosen:
            return ""
        phrase = text[chosen[0].start : chosen[-1].end]
        return phrase.strip(" “”\"‘’'")

    @staticmethod
    def _relative_type(source: _Source, place_countries: set[str], striker_country: str) -> str:
        """Governments other than the struck country's and the striker's are foreign governments."""
        if source.type in ("government", "military") and source.country:
            involved = place_countries | {striker_country}
            if involved - {""} and source.country not in involved:
                return "foreign government"
        return source.type


def extract_claims(article: Article, parsed: ParsedText | None = None) -> list[Claim]:
    return ClaimExtractor().extract(article, parsed)
