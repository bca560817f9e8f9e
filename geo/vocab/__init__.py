"""The vocabularies strikemap reads: bundled in ``data/vocab/``, with the user's layers added.

They are data so that users can extend them for new conflicts, outlets and phrasings
without touching code (:mod:`.layers`: where the rows come from; :mod:`.user`: adding a
layer); each file documents its own columns. Everything is read once per process;
:func:`reload` forgets it (after a layer is imported).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .layers import VocabularyError, fingerprint, lines, rows

__all__ = ["VocabularyError", "fingerprint", "reload"]


def _lines(name: str) -> list[str]:
    return lines(name)


_CACHED: list = []


def cached(function=None, *, maxsize: int | None = None):
    """``functools.lru_cache`` for what is read from, or built from, the vocabularies: kept for
    the process, forgotten by :func:`reload`. Other modules use it for their compiled patterns
    (``@vocab.cached``, or ``@vocab.cached(maxsize=4096)`` for answers per phrase)."""
    def wrap(f):
        wrapped = lru_cache(maxsize=maxsize)(f)
        _CACHED.append(wrapped)
        return wrapped

    return wrap(function) if function is not None else wrap


@dataclass(frozen=True)
class Pattern:
    """A vocabulary row's regular expression with the label and attributes it assigns.

    ``body`` is the pattern as the file writes it; ``regex`` is it compiled inside the
    word guards every vocabulary phrase stands in (:data:`GUARD_BEFORE`, :data:`GUARD_AFTER`).
    """

    regex: re.Pattern
    label: str
    attrs: dict
    body: str = ""

    def finditer(self, text: str):
        return self.regex.finditer(text)


class Alternation:
    """Patterns scanned as one regular expression, for texts most of which match none.

    :meth:`search` gives what searching with each pattern and keeping the
    leftmost match (the earlier pattern on a tie) would give, in one pass.
    """

    def __init__(self, patterns: tuple[Pattern, ...]):
        self.patterns = patterns
        # Every vocabulary pattern is wrapped in the same word guards: checked once
        # per position, not once per pattern, which makes the scan several times faster.
        parts = [f"(?P<p{i}>(?i:{p.body}))" if p.regex.flags & re.IGNORECASE else f"(?P<p{i}>{p.body})"
                 for i, p in enumerate(patterns)]
        self.regex = re.compile(GUARD_BEFORE + "|".join(parts) + GUARD_AFTER if parts else r"(?!x)x")

    def search(self, text: str) -> tuple[re.Match, Pattern] | None:
        m = self.regex.search(text)
        return None if m is None else (m, self.patterns[int(m.lastgroup[1:])])


def _scoped(regex: re.Pattern) -> str:
    return f"(?i:{regex.pattern})" if regex.flags & re.IGNORECASE else f"(?:{regex.pattern})"


@cached
def alternation(vocabulary: str, kind: str = "") -> Alternation:
    """One :class:`Alternation` over the actors, or over one kind of trigger ("speech", "strike")."""
    return Alternation(actors() if vocabulary == "actors" else triggers().get(kind, ()))


#: A vocabulary phrase stands as whole words: "ISIL" not inside "ISILs" or "pro-ISIL".
GUARD_BEFORE, GUARD_AFTER = r"(?<![\w-])(?:", r")(?![\w-])"


def guarded(body: str) -> str:
    """A pattern's body inside the word guards."""
    return GUARD_BEFORE + body + GUARD_AFTER


def _patterns(name: str, label_column: str) -> tuple[Pattern, ...]:
    out = []
    for row in rows(name):
        values = row.values
        flags = 0 if values.get("case") == "sensitive" else re.IGNORECASE
        try:
            regex = re.compile(guarded(values["pattern"]), flags)
        except (re.error, TypeError) as exc:
            raise VocabularyError(f"{row.where}: bad pattern ({exc})") from None
        out.append(Pattern(regex, values[label_column], {k: v for k, v in values.items() if k != "pattern"}, values["pattern"]))
    return tuple(out)


@cached
def _word_lists() -> dict[str, tuple[str, ...]]:
    lists: dict[str, list[str]] = {}
    for row in rows("words.csv"):
        listed = lists.setdefault(row.values["list"].strip(), [])
        listed += [w for w in row.values["words"].split() if w not in listed]
    return {name: tuple(found) for name, found in lists.items()}


def word_list(name: str) -> tuple[str, ...]:
    """The words of list ``name`` in ``words.csv``, in order (user layers' words first)."""
    try:
        return _word_lists()[name]
    except KeyError:
        raise VocabularyError(f"words.csv has no list {name!r}") from None


@cached
def words(name: str) -> frozenset[str]:
    """The words of list ``name`` in ``words.csv``, as a set."""
    return frozenset(word_list(name))


@cached
def words_pattern(name: str) -> str:
    """The words of list ``name`` as a regular-expression alternation, longest first (so that
    "warplanes" is tried before "warplane"), for a rule's pattern to hold; "_" in a word stands for
    the white space of a phrase ("home_invasion")."""
    return "|".join(re.escape(w).replace("_", r"\s+") for w in sorted(word_list(name), key=lambda w: (-len(w), w)))


@cached
def not_places() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines("not_places.txt"))


@cached
def demonyms() -> dict[str, str]:
    """Demonym (as written, e.g. "Syrian") -> ISO2 country code ("" when stateless).

    ``demonyms.csv`` is curated; ``demonyms_countries.csv`` is derived from a
    country database (``scripts/build_demonyms.py``) and fills in the rest.
    """
    derived = {r.values["demonym"]: r.values["country"] for r in rows("demonyms_countries.csv")}
    return derived | {r.values["demonym"]: r.values["country"] for r in rows("demonyms.csv")}


@cached
def demonym_rows() -> tuple[tuple[str, str], ...]:
    """(demonym, country) in the order the files give them: the curated ones first."""
    rows_ = [(r.values["demonym"], r.values["country"]) for r in rows("demonyms.csv")]
    return tuple(rows_ + [(r.values["demonym"], r.values["country"]) for r in rows("demonyms_countries.csv")])


@cached
def organisation_words() -> frozenset[str]:
    """Words that make a capitalised run an organisation's name, not a person's (lower case)."""
    return frozenset(w.lower() for w in _lines("organisation_words.txt"))


@cached
def common_words() -> frozenset[str]:
    """Everyday English words, lower case (``scripts/build_common_words.py``)."""
    return frozenset(_lines("common_words.txt"))


@cached
def given_names() -> frozenset[str]:
    """Given names, upper case (US census lists: ``scripts/build_names.py``)."""
    return frozenset(_lines("given_names.txt"))


@cached
def surnames() -> frozenset[str]:
    """Common surnames, upper case (US census lists: ``scripts/build_names.py``)."""
    return frozenset(_lines("surnames.txt"))


@cached
def boilerplate() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in _lines("boilerplate.txt"))


@cached
def boilerplate_regex() -> re.Pattern:
    """The boilerplate lines as one pattern: it matches where any of them does."""
    patterns = boilerplate()
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns) if patterns else r"(?!x)x", re.IGNORECASE)


@cached
def actors() -> tuple[Pattern, ...]:
    """Who makes claims: pattern -> claimant_type (and the actor's country when fixed)."""
    return _patterns("actors.csv", "claimant_type")


@cached
def actor_names() -> tuple[Pattern, ...]:
    """One name for each actor: pattern -> canonical (``{country}``: the claimant's country's adjective)."""
    return _patterns("actor_names.csv", "canonical")


@cached
def organisations() -> tuple[Pattern, ...]:
    """Names of organisations that contain place names ("Islamic State of Iraq and the Levant")."""
    return _patterns("organisations.csv", "kind")


@cached
def organisations_regex() -> tuple[Scanner, Scanner]:
    """Organisation patterns as two scanners, to scan a text in one pass each: whole names,
    and head words whose name extends to the capitalised words before them."""
    rows = organisations()
    return (Scanner(tuple(p for p in rows if p.attrs.get("expand") != "left")),
            Scanner(tuple(p for p in rows if p.attrs.get("expand") == "left")))


class Scanner:
    """Where any of some patterns matches in a text, as one alternation's ``finditer`` finds it.

    The alternation is tried only where one of the patterns' openings stands
    (:class:`~geo.vocab.keywords.KeywordIndex`): most texts hold none, and plain string search
    finds that much sooner than the regex would.
    """

    def __init__(self, patterns: tuple[Pattern, ...]):
        parts = [_scoped(p.regex) for p in patterns]
        # Names start with a capital (or "al-"): the guard lets most positions fail at once.
        self.regex = re.compile(r"(?=[A-Z]|[Aa]l[- ])(?:" + "|".join(parts) + ")" if parts else r"(?!x)x")
        from .keywords import KeywordIndex

        self.index = KeywordIndex(p.body for p in patterns)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the regex matches in ``text``, as ``finditer`` finds them (left to right, not overlapping)."""
        from .keywords import fold

        folded = fold(text) if self.index.usable else None
        if folded is None:
            return [m.span() for m in self.regex.finditer(text)]
        out: list[tuple[int, int]] = []
        for at, _ in self.index.candidates(folded):
            if out and at < out[-1][1]:
                continue
            m = self.regex.match(text, at)
            if m is not None:
                out.append(m.span())
        return out


@cached
def targets() -> tuple[Pattern, ...]:
    """What was hit: pattern -> target_category."""
    return _patterns("targets.csv", "category")


@cached
def affiliations() -> tuple[Pattern, ...]:
    """Whose the target was: pattern -> target_affiliation."""
    return _patterns("affiliations.csv", "affiliation")


#: The kinds of affiliation (``affiliations.csv``'s kind column): civilians, a named armed group or
#: side, or fighters of no named side.
CIVILIAN, GROUP, GENERIC = "civilian", "group", "generic"
AFFILIATION_KINDS = (CIVILIAN, GROUP, GENERIC)


@cached
def affiliation_labels(kind: str) -> frozenset[str]:
    """The affiliation labels of one kind (:data:`CIVILIAN`, :data:`GROUP`, :data:`GENERIC`)."""
    return frozenset(p.label for p in affiliations() if p.attrs.get("kind") == kind)


#: The claimant types the outputs use (``actors.csv``'s claimant_type column, and those the
#: code gives: a country speaking through its government, a person, anything else).
MILITARY, GOVERNMENT, FOREIGN_GOVERNMENT, STATE_MEDIA, MEDIA = "military", "government", "foreign government", "state media", "media"
OPPOSITION, ARMED_GROUP, MONITOR, THINK_TANK, INTERNATIONAL = "opposition", "armed group", "monitor/NGO", "think tank", "international organisation"
LOCAL_SOURCES, PERSON, OTHER = "local sources", "person", "other"
LOCAL_AUTHORITIES = "local authorities"  # governors, mayors, regional administrations: they speak where strikes fell
CLAIMANT_TYPES = (MILITARY, GOVERNMENT, FOREIGN_GOVERNMENT, LOCAL_AUTHORITIES, STATE_MEDIA, MEDIA, OPPOSITION, ARMED_GROUP, MONITOR,
                  THINK_TANK, INTERNATIONAL, LOCAL_SOURCES, PERSON, OTHER)


#: The kinds of trigger words (``triggers.csv``'s kind column).
STRIKE, INTERCEPTION_WORDS, CASUALTY, SPEECH, DENIAL, VERDICT = "strike", "interception", "casualty", "speech", "denial", "verdict"
TRIGGER_KINDS = (STRIKE, INTERCEPTION_WORDS, CASUALTY, SPEECH, DENIAL, VERDICT)


@cached
def triggers() -> dict[str, tuple[Pattern, ...]]:
    """Words that signal a strike, a casualty count, a report or a denial, by kind."""
    by_kind: dict[str, list[Pattern]] = {}
    for p in _patterns("triggers.csv", "kind"):
        by_kind.setdefault(p.label, []).append(p)
    return {k: tuple(v) for k, v in by_kind.items()}


@cached
def weapons() -> tuple[Pattern, ...]:
    """How an attack was delivered: pattern -> event_type."""
    return _patterns("weapons.csv", "event_type")


@cached
def not_attacks() -> tuple[Pattern, ...]:
    """Phrases in which a strike word tells of no attack: pattern -> class ("vehicle", "weather" ...)."""
    return _patterns("not_attacks.csv", "class")


#: The kinds of attack (``event_type``), after ACLED's "Explosions/Remote violence".
AIR_STRIKE, SHELLING, REMOTE_EXPLOSIVE, SUICIDE_BOMB, CHEMICAL, INTERCEPTION = (
    "air/drone strike", "shelling/artillery/missile attack", "remote explosive/IED", "suicide bomb", "chemical weapon",
    "interception")
EVENT_TYPES = (AIR_STRIKE, SHELLING, REMOTE_EXPLOSIVE, SUICIDE_BOMB, CHEMICAL, INTERCEPTION)
SURE, AMBIGUOUS, WITH_WEAPON = "sure", "ambiguous", "weapon"


@cached
def strikers() -> tuple[Pattern, ...]:
    """Who is said to have struck: pattern -> striker kind."""
    return _patterns("strikers.csv", "kind")


def reload() -> None:
    """Forget every vocabulary read so far, and everything built from one (:func:`cached`):
    the next use reads the files, and the layers, again."""
    for function in _CACHED:
        function.cache_clear()
