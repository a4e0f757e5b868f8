"""Expected verdicts kept as data beside evidence: `expected/<evidence file stem>.yaml`."""

from __future__ import annotations

from pathlib import Path

import yaml

from compliance.result.run import Result


def expected_problems(result: Result, expected: Path) -> list[str]:
    """How a result differs from its expected verdicts and reasons (empty when it matches).

    A requirement missing from the expected file is allowed only while the evidence leaves it
    not-evidenced or it is not in force on the date, so adding a requirement the documents do
    not speak to, or one of another period, breaks no test.
    """
    wanted = yaml.safe_load(expected.read_text(encoding="utf-8"))
    problems = []
    for requirement, want in wanted.items():
        verdict = result.verdict(requirement)
        got = (verdict.verdict, verdict.reason)
        if got != (want["verdict"], want["reason"]):
            problems.append(
                f"{requirement}: got {got}, expected {(want['verdict'], want['reason'])}"
            )
    problems += [
        f"{v.requirement}: decided ({v.verdict}) but not in {expected.name}; add it"
        for v in result.verdicts
        if v.requirement not in wanted and v.verdict not in ("not-evidenced", "not-applicable")
    ]
    return problems
