"""Every worked example in the rulebook, run through the real engine.

The examples live beside the rules they illustrate (rules/requirements/*.yaml), named as legal
sentences with a date, so adding a requirement adds its tests without touching Python.
"""

from __future__ import annotations

import pytest

from compliance.assessment import Assessor
from compliance.rulebook import Example, Requirement, example_facts, load_rulebook
from tests.conftest import RULES

_RULEBOOK = load_rulebook(RULES)
CASES = [
    pytest.param(req, example, id=f"{req.id}: {example.name}")
    for req in _RULEBOOK.requirements.values()
    for example in req.examples
]
_ASSESSORS: dict[tuple, Assessor] = {}


def _assessor(req: Requirement, example: Example) -> Assessor:
    key = (req.id, tuple(sorted(example.parameters.items())))
    if key not in _ASSESSORS:
        _ASSESSORS[key] = Assessor(_RULEBOOK, {req.id: example.parameters})
    return _ASSESSORS[key]


@pytest.mark.parametrize(("req", "example"), CASES)
def test_worked_example(req: Requirement, example: Example) -> None:
    verdicts = _assessor(req, example).judge(example_facts(_RULEBOOK, example), example.date)
    verdict = next(v for v in verdicts if v.requirement == req.id)
    assert verdict.verdict == example.expect, verdict.reason


def test_every_requirement_has_an_example_of_each_verdict_it_can_give() -> None:
    for req in _RULEBOOK.requirements.values():
        expected = {e.expect for e in req.examples}
        assert set(req.outcomes) | {"not-evidenced", "not-applicable"} <= expected, req.id


def test_the_five_named_requirements_are_in_the_rulebook() -> None:
    assert set(_RULEBOOK.requirements) >= {
        "lay-members",
        "section-11-audits",
        "cdop",
        "annual-report-analysis",
        "private-fostering-oversight",
    }
