"""Binding parameters: the rulebook with every practice-norm value fixed, ready to compile.

A practice norm (the Section 11 cycle length) is a visible parameter a user may override with
`--param`. Binding substitutes the values into the cases and re-checks that the cases still
give exactly one outcome everywhere, since moving a threshold can open a gap.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from compliance.reading.errors import InputError, Problem
from compliance.reading.inert import excerpt
from compliance.reading.near import did_you_mean
from compliance.rulebook.book import Rulebook
from compliance.rulebook.conditions import resolve
from compliance.rulebook.coverage import coverage_problem
from compliance.rulebook.requirement import RuleCase
from compliance.values.counts import MAX_COUNT

Overrides = Mapping[str, Mapping[str, int]]


@dataclass(frozen=True)
class BoundRulebook:
    rulebook: Rulebook
    parameters: dict[str, dict[str, int]]
    cases: dict[str, tuple[RuleCase, ...]]


def bind(rulebook: Rulebook, overrides: Overrides | None = None) -> BoundRulebook:
    """The rulebook with parameter values fixed (defaults, or `overrides` checked first)."""
    overrides = overrides or {}
    _check_overrides(rulebook, overrides)
    parameters, cases = _bound(rulebook, overrides)
    problems = coverage_problems(rulebook, overrides) if overrides else []
    if problems:
        raise InputError(problems)
    return BoundRulebook(rulebook, parameters, cases)


def coverage_problems(rulebook: Rulebook, overrides: Overrides) -> list[Problem]:
    """Gaps and overlaps in the cases of every requirement whose values `overrides` touch."""
    _, cases = _bound(rulebook, overrides)
    problems = []
    for rid in overrides or rulebook.requirements:
        if rulebook.requirements[rid].parts is not None:
            # worst-part cases are generated, exclusive and complete by construction (tested
            # for one to six parts); checking six parts at load would cost 4,096 combinations
            continue
        found = coverage_problem(cases[rid], rulebook.definition)
        if found:
            line, message = found
            problems.append(Problem(rulebook.files[rid], line, message))
    return problems


def _bound(
    rulebook: Rulebook, overrides: Overrides
) -> tuple[dict[str, dict[str, int]], dict[str, tuple[RuleCase, ...]]]:
    parameters = {
        rid: req.parameter_values(dict(overrides.get(rid, {})))
        for rid, req in rulebook.requirements.items()
    }
    cases = {
        rid: tuple(
            dataclasses.replace(
                case, when={f: resolve(c, parameters[rid]) for f, c in case.when.items()}
            )
            for case in listed
        )
        for rid, listed in rulebook.cases.items()
    }
    return parameters, cases


def _check_overrides(rulebook: Rulebook, overrides: Overrides) -> None:
    for requirement, values in overrides.items():
        if requirement not in rulebook.requirements:
            raise InputError.at(
                rulebook.location.path,
                None,
                f"--param names unknown requirement {excerpt(requirement)}"
                + did_you_mean(requirement, rulebook.requirements),
            )
        known = rulebook.requirements[requirement].parameters
        for name, value in values.items():
            if name not in known:
                listed = ", ".join(known) or "none"
                raise InputError.at(
                    rulebook.files[requirement],
                    None,
                    f"--param: '{requirement}' has no parameter {excerpt(name)} "
                    f"(parameters: {listed}){did_you_mean(name, known)}",
                )
            if not 1 <= value <= MAX_COUNT:  # as any count it is compared with
                raise InputError.at(
                    rulebook.files[requirement],
                    None,
                    f"--param: {requirement}.{name} must be from 1 to {MAX_COUNT:,}, not {value}",
                )
