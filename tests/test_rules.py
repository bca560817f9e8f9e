"""Every claim rule carries example sentences; each example makes its own rule fire, as documented."""
from __future__ import annotations

import pytest

from geo.articles import Article
from geo.claims.extract import STEPS, explain
from geo.claims.frame import ATTACK_WORDS
from geo.claims.roles import ROLES, SENTENCE_ROLES
from geo.claims.rules import Rule, RuleSet
from geo.claims.sources import REFERENCES, SPEAKERS

RULE_SETS: tuple[RuleSet, ...] = (SPEAKERS, REFERENCES, ATTACK_WORDS, ROLES, SENTENCE_ROLES, STEPS)
CASES = [(rules, rule, example) for rules in RULE_SETS for rule in rules for example in rule.examples]


def test_every_rule_has_examples_a_name_and_a_place_in_the_order():
    for rules in RULE_SETS:
        priorities = [r.priority for r in rules]
        assert priorities == sorted(priorities) and len(set(priorities)) == len(priorities), rules.kind
        for rule in rules:
            assert isinstance(rule, Rule) and rule.name and rule.why and rule.decides, rule
            assert rule.examples, f"{rules.kind}: {rule.name!r} has no example"


@pytest.mark.parametrize("rules,rule,example", CASES, ids=[f"{r.kind}:{rule.name}:{i}" for i, (r, rule, _) in enumerate(CASES)])
def test_each_example_fires_its_rule(rules, rule, example):
    doc = explain(Article(id="t", path="t.txt", title=example.title or "Example", text=example.text))
    fired = [f for f in doc.trace.fired if f.kind == rules.kind and f.rule == rule.name]
    if example.subject:
        fired = [f for f in fired if f.subject == example.subject]
    assert fired, f"{rule.name!r} did not fire on {example.text!r}: {[(f.rule, f.subject, f.decision) for f in doc.trace.fired]}"
    assert any(example.expect in f.decision for f in fired), [f.decision for f in fired]
