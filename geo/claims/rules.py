"""The rule registry: every decision the claim stage makes is a small named rule.

A :class:`Rule` says what it matches (``why``), what it decides (``decides``), where it
stands among its kind (``priority``: the rules of a :class:`RuleSet` are tried from the
lowest priority up, and the first that decides wins), and carries a table of
:class:`Example` sentences that document it and that ``tests/test_rules.py`` runs.
The rule sets, and the modules that hold them:

=====================  =========================================  ===========================
rule set               decides                                    module
=====================  =========================================  ===========================
``SPEAKERS``           who speaks in a sentence (its own source,  :mod:`geo.claims.sources`
                       a quote it continues, a lead's source)
``REFERENCES``         who a pronoun, title or surname is         :mod:`geo.claims.sources`
``ROLES``              what a place does in a strike sentence     :mod:`geo.claims.roles`
                       (strike location, reference, origin ...)
``SENTENCE_ROLES``     changes to a sentence's roles once all     :mod:`geo.claims.roles`
                       are known (clauses, overviews)
``STEPS``              the sentence's way to its claims: screen,  :mod:`geo.claims.extract`
                       exclusions, places outside the content,
                       sources of last resort, stance, segments
=====================  =========================================  ===========================

``strikemap explain FILE`` prints, sentence by sentence, which rules fired and why (a
:class:`Trace` the rules write to only while explaining; otherwise they pay nothing).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

Context = TypeVar("Context")


@dataclass(frozen=True)
class Example:
    """A sentence (or a few) that shows a rule at work.

    ``subject`` is what the rule decides about, as written (a place, a source's words),
    or "" for the sentence; ``expect`` is the decision: a place role ("strike"), a
    claimant ("Russian Defence Ministry"), or a step's outcome ("no claim").
    """

    text: str
    subject: str
    expect: str
    title: str = ""


@dataclass(frozen=True)
class Rule(Generic[Context]):
    """One decision: ``apply(context)`` gives a decision, or ``None`` when the rule does not match."""

    name: str
    priority: int
    decides: str
    why: str
    apply: Callable[[Context], Any]
    examples: tuple[Example, ...] = ()


class RuleSet(Generic[Context]):
    """The rules of one kind, in priority order. :meth:`decide` tries them from the top; the
    first decision wins. Rules are added with the :meth:`rule` decorator, beside their code."""

    def __init__(self, kind: str):
        self.kind = kind
        self.rules: list[Rule[Context]] = []

    def rule(self, priority: int, name: str, *, decides: str, why: str,
             examples: tuple[Example, ...] | list[Example] = ()) -> Callable:
        def register(apply: Callable[[Context], Any]) -> Callable[[Context], Any]:
            if any(r.name == name or r.priority == priority for r in self.rules):
                raise ValueError(f"{self.kind}: a rule named {name!r} or with priority {priority} exists")
            self.rules.append(Rule(name, priority, decides, why, apply, tuple(examples)))
            self.rules.sort(key=lambda r: r.priority)
            return apply

        return register

    def decide(self, context: Context, trace: Trace | None = None, si: int = -1, subject: str = "") -> Any:
        """The first rule's decision (``None`` when no rule decides)."""
        for rule in self.rules:
            decision = rule.apply(context)
            if decision is not None:
                if trace is not None:
                    trace.add(si, self.kind, rule.name, subject, decision)
                return decision
        return None

    def run_all(self, context: Context, trace: Trace | None = None, si: int = -1,
                stop: Callable[[Context], bool] | None = None) -> list[str]:
        """Run every rule in order, each on what the ones before left (rules that change a
        state rather than decide it), until ``stop(context)`` says so; the names of those
        that changed something."""
        changed = []
        for rule in self.rules:
            if stop is not None and stop(context):
                break
            note = rule.apply(context)
            if note is not None:
                changed.append(rule.name)
                if trace is not None:
                    trace.add(si, self.kind, rule.name, "", note)
        return changed

    def __iter__(self) -> Iterator[Rule[Context]]:
        return iter(self.rules)


@dataclass(frozen=True)
class Fired:
    """One rule's decision on one sentence, as ``explain`` prints it."""

    sentence: int
    kind: str
    rule: str
    subject: str
    decision: str


@dataclass
class Trace:
    """The rules that fired while an article's claims were extracted."""

    fired: list[Fired] = field(default_factory=list)

    def add(self, si: int, kind: str, rule: str, subject: str = "", decision: Any = "") -> None:
        self.fired.append(Fired(si, kind, rule, subject, _words(decision)))

    def for_sentence(self, si: int) -> list[Fired]:
        return [f for f in self.fired if f.sentence == si]


def _words(decision: Any) -> str:
    """A decision in words: a role's name, a source's name, or the value itself."""
    if isinstance(decision, tuple) and decision:  # (attribution, source): who speaks
        decision = decision[-1]
    describe = getattr(decision, "describe", None)
    if callable(describe):
        return describe()
    for attribute in ("role", "name"):
        value = getattr(decision, attribute, None)
        if isinstance(value, str):
            return value
    return decision if isinstance(decision, str) else repr(decision)
