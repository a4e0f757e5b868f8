"""Combining parts' verdicts into the verdict on the whole, as cases the engine evaluates.

A composite (the annual report duty is publication plus analysis) is decided by durable_rules
like any requirement: its cases read the parts' verdicts, asserted back into the engine as
facts once the parts are judged. "worst-part" writes those cases for the author: the whole is
never better than its worst applicable part, and a part that was not in force is left out.
"""

from __future__ import annotations

from compliance.rulebook.conditions import Condition, Test
from compliance.rulebook.requirement import Requirement, RuleCase

NOT_APPLICABLE = "not-applicable"


def worst_part_cases(req: Requirement, titles: dict[str, str], line: int | None) -> list[RuleCase]:
    parts = req.parts or []

    def case(outcome: str, number: int, when: dict[str, Condition], reason: str) -> RuleCase:
        return RuleCase(req.id, outcome, number, when, reason, line)  # type: ignore[arg-type]

    def others(part: str, allowed: list[str]) -> dict[str, Condition]:
        return {p: Test(one_of=allowed) for p in parts if p != part}  # type: ignore[arg-type]

    cases = [
        case("unmet", i, {part: "unmet"}, f"{_named(part, titles)} is unmet.")
        for i, part in enumerate(parts, 1)
    ]
    cases += [
        case(
            "partly-met",
            i,
            {part: "partly-met", **others(part, ["met", "partly-met", NOT_APPLICABLE])},
            f"{_named(part, titles)} is only partly met, and no part is unmet.",
        )
        for i, part in enumerate(parts, 1)
    ]
    cases += [
        case(
            "met",
            i,
            {part: "met", **others(part, ["met", NOT_APPLICABLE])},
            "Every part in force is met.",
        )
        for i, part in enumerate(parts, 1)
    ]
    cases.append(
        case(NOT_APPLICABLE, 1, dict.fromkeys(parts, NOT_APPLICABLE), "No part was in force.")
    )
    return cases


def _named(part: str, titles: dict[str, str]) -> str:
    return f"The part '{part}' ({titles[part].rstrip('.')})"
