"""What a verdict takes from the rulebook alone, worked out once per judge, not per assessment.

A requirement's title, summary, window, pack, group, the facts it reads and its cases' tests in words
are the same for every board; only the law in force depends on the date (cached by date in the
judge). Judging the bundled evidence spent about half its time rebuilding these strings.
"""

from __future__ import annotations

from dataclasses import dataclass

from compliance.judge.force import CaseForce, case_forces
from compliance.judge.law import window_words
from compliance.judge.trace import CasePlan, plan_cases
from compliance.result.run import DUTY_FORCES, Standing
from compliance.rulebook import BoundRulebook
from compliance.rulebook.groups import Group


@dataclass(frozen=True)
class RequirementPlan:
    title: str
    summary: str  # with its whitespace folded, as every output shows it
    window: str  # when it was in force, in words
    pack: str | None
    standing: Standing
    group: Group | None
    parameters: dict[str, int]  # the bound values; each verdict gets its own copy
    reads: tuple[str, ...]  # the facts (or parts) its cases test, in first-use order
    context: tuple[str, ...]
    parts: tuple[str, ...]
    cases: tuple[CasePlan, ...]
    forces: tuple[CaseForce, ...]  # what lowers each case's force, in case order
    units: dict[str, str]  # each parameter's unit, as a ground names it


def plan_requirements(bound: BoundRulebook) -> dict[str, RequirementPlan]:
    rulebook = bound.rulebook
    plans = {}
    for rid, req in rulebook.requirements.items():
        plans[rid] = RequirementPlan(
            title=req.title,
            summary=" ".join(req.summary.split()),
            window=window_words(rulebook, rid),
            pack=rulebook.pack_of.get(rid),
            standing=_standing(req.legal_basis, rid in rulebook.pack_of),
            group=rulebook.groups[req.group] if req.group else None,
            parameters=bound.parameters[rid],
            reads=rulebook.reads(rid),
            context=tuple(req.context),
            parts=tuple(req.parts or ()),
            cases=plan_cases(bound.cases[rid]),
            forces=case_forces(req, rulebook.cases[rid]),
            units={name: p.unit for name, p in req.parameters.items()},
        )
    return plans


def _standing(basis: list, in_pack: bool) -> Standing:
    """A duty if any provision of its basis, in any edition, is an Act or regulations: the
    standing of a verdict not in force; any other takes its standing from its force."""
    if in_pack:
        return "recommendation"
    deciding = [entry for entry in basis if entry.decides]
    return "duty" if any(entry.force in DUTY_FORCES for entry in deciding) else "guidance"
