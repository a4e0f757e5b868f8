"""Checking a finding's `grade` against the rulebook's grade scales (`rules/grades.yaml`).

A grade is the inspectorate's own word for its judgement; a scale or grade the rulebook does
not declare would be shown as if it were one, so each is refused with its line and the values
allowed. A scale that judges the board as a whole is given only in a finding about the board.
"""

from __future__ import annotations

from collections.abc import Sequence

from compliance.evidence.model import BOARD, Finding
from compliance.reading.errors import Problem
from compliance.reading.inert import excerpt
from compliance.reading.yamlfile import LoadedYaml
from compliance.rulebook.grades import GradeScales, either


def grade_problems(
    loaded: LoadedYaml, scales: GradeScales, findings: Sequence[Finding]
) -> list[Problem]:
    problems = []
    for i, finding in enumerate(findings):
        if finding.grade is None:
            continue
        at = ("findings", i, "grade")
        scale = scales.scales.get(finding.grade.scale)
        if scale is None:
            message = (
                f"unknown grade scale {excerpt(finding.grade.scale)}; "
                f"use {either(scales.scales)} (rules/grades.yaml)"
            )
            problems.append(Problem(loaded.path, loaded.line_of((*at, "scale")), message))
        elif finding.grade.grade not in scale.grades:
            message = (
                f"{excerpt(finding.grade.grade)} is not a grade of '{finding.grade.scale}'; "
                f"use {either(scale.grades)} (best first)"
            )
            problems.append(Problem(loaded.path, loaded.line_of((*at, "grade")), message))
        elif scale.judges == BOARD and finding.subjects != [BOARD]:
            message = (
                f"'{finding.grade.scale}' grades the board as a whole; "
                f"give its grade in a finding with about: {BOARD}"
            )
            problems.append(Problem(loaded.path, loaded.line_of(("findings", i, "about")), message))
    return problems
