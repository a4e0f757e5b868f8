"""Compiling a bound rulebook into a durable_rules ruleset: a pure function, no engine state.

Each case of each requirement becomes one rule: one pattern per fact it tests, every pattern a
conjunction of comparisons against constants. The limits at which durable_rules hangs or
crashes, and its hash-only identity of names, are checked here, before any host sees the rules.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from compliance.engine.encoding import PROPERTIES, option_properties, tests
from compliance.rulebook import BoundRulebook
from compliance.rulebook.requirement import RuleCase

RULESET = "lscb"
STATE_ID = "assessment"
SENTINEL = "$begin"
BASE_PROPERTIES = ("sid", "id", "name", SENTINEL)
MAX_FACT_NAMES = 400  # the engine hangs compiling more than 512 sibling tests under one node
MAX_TESTS_PER_FACT = 64  # more tests satisfied by one fact at one level fail with error 303
MAX_RULES = 1024  # no measured limit; a guard well below anything measured to misbehave


class EngineError(RuntimeError):
    """durable_rules reported an error, or the rulebook would reach one of its known limits."""


class EngineLimit(EngineError):
    """The rulebook would reach one of durable_rules' known limits: a fault of the rulebook
    given, reported as invalid input; every other `EngineError` is a failure of the tool."""


@dataclass(frozen=True)
class CompiledRulebook:
    ruleset: dict[str, Any]
    rules: dict[str, RuleCase]  # rule name -> the case it evaluates
    facts: tuple[str, ...]  # the evidence facts the rules read, each sent as one message
    tests_per_fact: dict[str, int]  # distinct tests on each fact (or part) the rules read

    def margins(self) -> tuple[tuple[str, int, int], ...]:
        """How close the rulebook is to the engine's known limits: (what, used, limit)."""
        busiest = max(self.tests_per_fact.values(), default=0)
        return (
            (
                "fact names read (sibling tests under the root)",
                len(self.tests_per_fact),
                MAX_FACT_NAMES,
            ),
            ("distinct tests on the most-tested fact", busiest, MAX_TESTS_PER_FACT),
            ("rules (cases) in the ruleset", len(self.rules), MAX_RULES),
        )


def rule_name(case: RuleCase) -> str:
    return f"{case.requirement}|{case.outcome}|{case.number}"


def compile_rulebook(bound: BoundRulebook) -> CompiledRulebook:
    rulebook = bound.rulebook
    ruleset: dict[str, Any] = {SENTINEL: {"all": [{"m": {SENTINEL: 1}}]}}
    rules: dict[str, RuleCase] = {}
    tests_per_fact: dict[str, set[str]] = defaultdict(set)
    for requirement in rulebook.requirements:
        for case in bound.cases[requirement]:
            patterns = []
            for i, fact in enumerate(sorted(case.when)):
                fact_tests = tests(rulebook.definition(fact), case.when[fact])
                for test in fact_tests:
                    for alternative in test.get("$or", [test]):
                        tests_per_fact[fact].add(json.dumps(alternative, sort_keys=True))
                patterns.append({f"m_{i}": {"$and": [{"name": fact}, *fact_tests]}})
            name = rule_name(case)
            ruleset[name] = {"all": patterns}
            rules[name] = case
    _check_limits(tests_per_fact, len(rules))
    read = set(tests_per_fact)
    facts = tuple(sorted(read & set(rulebook.vocabulary.facts)))
    options = {p for f in read for p in option_properties(rulebook.definition(f))}
    check_identities([*BASE_PROPERTIES, *PROPERTIES, *options, STATE_ID, RULESET, *ruleset, *read])
    counted = {fact: len(found) for fact, found in sorted(tests_per_fact.items())}
    return CompiledRulebook(ruleset, rules, facts, counted)


def _check_limits(tests_per_fact: dict[str, set[str]], rules: int) -> None:
    if rules > MAX_RULES:
        raise EngineLimit(f"{rules} cases in the rulebook; the engine is guarded at {MAX_RULES}")
    if len(tests_per_fact) > MAX_FACT_NAMES:
        raise EngineLimit(
            f"{len(tests_per_fact)} facts are read; the engine allows {MAX_FACT_NAMES}"
        )
    for fact, found in tests_per_fact.items():
        if len(found) > MAX_TESTS_PER_FACT:
            raise EngineLimit(f"'{fact}' is tested {len(found)} ways; at most {MAX_TESTS_PER_FACT}")


def dr_hash(text: str) -> int:
    """durable_rules' identity hash: 32-bit FNV-1a over UTF-8 bytes read as signed chars."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value ^= byte if byte < 0x80 else (byte | 0xFFFFFF00)
        value = (value * 16777619) & 0xFFFFFFFF
    return value


def check_identities(names: Iterable[str]) -> None:
    """Refuse a set of identifying strings in which two share a hash."""
    seen: dict[int, str] = {}
    for name in sorted(set(names)):
        other = seen.setdefault(dr_hash(name), name)
        if other != name:
            raise EngineLimit(
                f"'{other}' and '{name}' have the same durable_rules identity hash; rename one"
            )
