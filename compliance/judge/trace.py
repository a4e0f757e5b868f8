"""The trace of one requirement: each case, each test in it, and its state over the values.

durable_rules decides which cases are possible; this module records why, test by test, in
words a reader can check. The two must agree on every case of every evaluation: a case fired
by the engine must have no test that fails, and a case it did not fire must have one. Any
disagreement stops the run, so the trace can never explain a verdict the engine did not reach.

What does not depend on the evidence (each test's words, its operator and operand, the rule's
name) is worked out once per rulebook in `plan_cases`; an evaluation only reads each test
over the values the evidence allows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from compliance.engine import EngineError
from compliance.engine.compile import rule_name
from compliance.result.run import CaseTrace, TestTrace
from compliance.rulebook.conditions import Scalar, Span, TestState, describe, split, state_of
from compliance.rulebook.requirement import RuleCase


@dataclass(frozen=True)
class TestPlan:
    """One test of a case, as far as the rulebook alone fixes it."""

    fact: str
    words: str  # the test in words (`describe`)
    operator: str
    operand: Scalar | list[Scalar]


@dataclass(frozen=True)
class CasePlan:
    """One case, as far as the rulebook alone fixes it: the rule it compiles to, its tests."""

    rule: str  # the durable_rules rule name, as the engine reports it fired
    label: str
    outcome: str
    line: int | None
    tests: tuple[TestPlan, ...]


def plan_cases(cases: Sequence[RuleCase]) -> tuple[CasePlan, ...]:
    """The evidence-independent part of tracing `cases`, in case and test order."""
    return tuple(
        CasePlan(
            rule=rule_name(case),
            label=case.label,
            outcome=case.outcome,
            line=case.line,
            tests=tuple(
                TestPlan(fact, describe(fact, condition), *split(condition))
                for fact, condition in case.when.items()
            ),
        )
        for case in cases
    )


# Traces are immutable and recur across evaluations (the same test, state and value): a judge
# keeps one of each, so thousands of results share them instead of holding a copy each.
Shared = dict[tuple[Any, ...], Any]
MAX_SHARED = 1 << 16


def trace_cases(
    plans: Sequence[CasePlan],
    spans: Mapping[str, Span],
    shown: Mapping[str, str],
    missing: set[str],
    fired: set[str],
    *,
    shared: Shared | None = None,
) -> tuple[CaseTrace, ...]:
    """Each case's trace; with `shared` (owned by one judge, whose plans stay alive), equal
    traces are the same objects."""
    if shared is None:
        shared = {}
    elif len(shared) > MAX_SHARED:  # bounded: values vary without end across boards
        shared.clear()
    traces = []
    for case in plans:
        tests = []
        possible = certain = True
        for test in case.tests:
            fact = test.fact
            result: TestState
            value: str | None
            if fact in missing:
                result, value = "missing", None
            else:
                result = state_of(test.operator, test.operand, spans[fact], False)
                value = shown[fact]
            possible = possible and result != "not-satisfied"
            certain = certain and result == "satisfied"
            key = (id(test), result, value)
            one = shared.get(key)
            if one is None:
                one = shared[key] = TestTrace(fact, test.words, result, value)
            tests.append(one)
        if possible != (case.rule in fired):
            raise EngineError(
                f"durable_rules {'did not fire' if possible else 'fired'} {case.rule}, "
                "which the trace reads the other way; report this as a bug"
            )
        key = (id(case), *map(id, tests))  # the tests are shared: their ids say which
        one = shared.get(key)
        if one is None:
            one = shared[key] = CaseTrace(
                case.label, case.outcome, case.line, tuple(tests), possible, certain
            )
        traces.append(one)
    return tuple(traces)
