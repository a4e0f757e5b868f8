"""Every worked example in the rulebook, run through the real engine.

The examples live beside the rules they illustrate (rules/requirements/*.yaml), named as legal
sentences with a date, so adding a requirement adds its tests without touching Python. An
example may assert the reason word for word, the legal basis cited and the missing facts.
"""

from __future__ import annotations

import pytest

from compliance.judge import Judge
from compliance.judge.examples import example_problems, examples_of, judge_example
from compliance.rulebook import bind, load_rulebook
from compliance.rulebook.requirement import Example
from tests.conftest import PACKS, RULES

_RULEBOOK = load_rulebook(RULES, packs=PACKS)
_ASSESSORS: dict[tuple, Judge] = {}


def _assessor(requirement: str, example: Example) -> Judge:
    key = (requirement, tuple(sorted(example.parameters.items())))
    if key not in _ASSESSORS:
        overrides = {requirement: example.parameters} if example.parameters else None
        _ASSESSORS[key] = Judge(bind(_RULEBOOK, overrides))
    return _ASSESSORS[key]


@pytest.mark.parametrize(
    ("requirement", "example"),
    [pytest.param(r, e, id=f"{r}: {e.name}") for r, e in examples_of(_RULEBOOK)],
)
def test_worked_example(requirement: str, example: Example) -> None:
    verdict = judge_example(_assessor(requirement, example), requirement, example)
    assert example_problems(verdict, example) == []


def test_every_requirement_has_an_example_of_each_verdict_it_can_give() -> None:
    for rid, req in _RULEBOOK.requirements.items():
        given = {case.outcome for case in _RULEBOOK.cases[rid]} - {"not-applicable"}
        expected = {e.expect for e in req.examples}
        assert given | {"not-evidenced", "not-applicable"} <= expected, rid


def test_an_example_that_is_wrong_says_what_differed() -> None:
    req = _RULEBOOK.requirements["lay-members"]
    wrong = req.examples[0].model_copy(
        update={"expect": "unmet", "reason": "No.", "cites": ["WT 2099 ch.9"], "missing": ["x"]}
    )
    verdict = judge_example(_assessor("lay-members", wrong), "lay-members", wrong)
    problems = example_problems(verdict, wrong)
    assert [p.split(" ")[0] for p in problems] == ["verdict", "reason", "does", "missing"]
