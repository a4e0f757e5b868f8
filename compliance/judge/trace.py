"""The trace of one requirement: each case, each test in it, and its state over the values.

durable_rules decides which cases are possible; this module records why, test by test, in
words a reader can check. The two must agree on every case of every evaluation: a case fired
by the engine must have no test that fails, and a case it did not fire must have one. Any
disagreement stops the run, so the trace can never explain a verdict the engine did not reach.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from compliance.engine import EngineError
from compliance.engine.compile import rule_name
from compliance.result import CaseTrace, TestTrace
from compliance.rulebook.conditions import Span, describe, state
from compliance.rulebook.requirement import RuleCase


def trace_cases(
    cases: Sequence[RuleCase],
    spans: Mapping[str, Span],
    shown: Mapping[str, str],
    missing: set[str],
    fired: set[str],
) -> tuple[CaseTrace, ...]:
    traces = []
    for case in cases:
        tests = tuple(
            TestTrace(
                fact=fact,
                test=describe(fact, condition),
                state=state(condition, spans[fact], fact in missing),
                value=None if fact in missing else shown[fact],
            )
            for fact, condition in case.when.items()
        )
        possible = all(t.state != "not-satisfied" for t in tests)
        if possible != (rule_name(case) in fired):
            raise EngineError(
                f"durable_rules {'did not fire' if possible else 'fired'} {rule_name(case)}, "
                "which the trace reads the other way; report this as a bug"
            )
        certain = all(t.state == "satisfied" for t in tests)
        traces.append(CaseTrace(case.label, case.outcome, case.line, tests, possible, certain))
    return tuple(traces)
