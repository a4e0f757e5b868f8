"""The force of a verdict: that of the provision, parameter or part that decided it, never more.

A chair who reads "unmet: CA 2004 s14A" tells the board it has broken the law. So a verdict
states the force of what set it, not the strongest force of everything its requirement cites:

- a requirement decided by its own cases takes the strongest force of its bases in force on
  the date (leaving out those cited only beside it, `decides: false`), lowered to the force a case declares (`force:` in the rule, where the case reads
  guidance on a statutory duty's content) and to the force of any parameter the case tests (a
  practice norm, such as the Section 11 cycle, decides only as a practice norm);
- a composite takes the force of the part that set its verdict (the strongest of the parts
  with that verdict), names it, and shows every other part in force beside it, so a
  statutory core and a guidance element both show;
- a verdict resting on a finding takes the weakest force of what the finding chose between
  (the finding does not say which element it judged); a not-evidenced verdict the strongest
  of what is still open (what the question is about); a verdict not in force has no force.

The standing `check` fails on (duty or guidance) follows from this force, so a practice norm
or an inspectorate's practice is never counted as the failure of an Act or regulation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from compliance.result.run import DUTY_FORCES, Basis, Ground, Standing, Verdict
from compliance.rulebook.conditions import split
from compliance.rulebook.instruments import FORCE_ORDER, Force, strongest_force, weakest_force
from compliance.rulebook.requirement import Requirement, RuleCase


@dataclass(frozen=True)
class CaseForce:
    """What lowers one case's force, as far as the rulebook alone fixes it."""

    declared: Force | None
    parameters: tuple[tuple[str, Force], ...]  # the parameters its tests name, with their force


def case_forces(req: Requirement, cases: Sequence[RuleCase]) -> tuple[CaseForce, ...]:
    """Each case's declared force and the parameters it tests (from the unbound cases)."""
    found = []
    for case in cases:
        named = []
        for condition in case.when.values():
            operand = split(condition)[1]
            if isinstance(operand, str) and operand in req.parameters:
                named.append((operand, req.parameters[operand].force))
        found.append(CaseForce(case.force, tuple(dict.fromkeys(named))))
    return tuple(found)


def leaf_force(
    basis: Sequence[Basis],
    cases: Sequence[CaseForce],
    values: Mapping[str, int],
    units: Mapping[str, str],
    *,
    weakest: bool = False,
) -> tuple[Force | None, tuple[Ground, ...]]:
    """The force of a verdict set by `cases` (one, or several a finding chose between: then
    the weakest of theirs, else the strongest), and the grounds it rests on."""
    each = [_one_case([b for b in basis if b.decides], case) for case in cases]
    forces = [f for f in each if f is not None]
    if not forces:
        return None, ()
    force = weakest_force(*forces) if weakest else strongest_force(*forces)
    named = dict(p for case in cases for p in case.parameters)
    basis = [b for b in basis if b.decides]
    grounds = [Ground(b.force, b.cited, b.force == force) for b in basis]
    grounds += [
        Ground(f, f"{name} = {values[name]} {units[name]}", f == force) for name, f in named.items()
    ]
    if not any(g.decides for g in grounds):  # nothing of exactly that force in force: the
        weaker = [g for g in grounds if _rank(g.force) > _rank(force)]  # weaker ones decide,
        chosen = weaker or grounds  # else all (the force then stays below all of them)
        grounds = [Ground(g.force, g.cited, g in chosen) for g in grounds]
    return force, tuple(grounds)


def _one_case(basis: Sequence[Basis], case: CaseForce) -> Force | None:
    caps = [f for _, f in case.parameters]
    if case.declared is not None:
        caps.append(case.declared)
    if basis:
        caps.append(strongest_force(*(b.force for b in basis)))  # type: ignore[arg-type]
    return weakest_force(*caps) if caps else None


def composite_force(
    verdict: str, decided_by: str | None, parts: Sequence[Verdict]
) -> tuple[Force | None, str | None, tuple[Ground, ...]]:
    """A composite's force, the part that set it, and each part in force as a ground."""
    in_force = [p for p in parts if p.verdict != "not-applicable" and p.force is not None]
    if decided_by == "finding":
        deciding = [p for p in in_force if verdict in (p.open or (p.verdict,))]
    elif verdict == "not-evidenced":
        deciding = [p for p in in_force if p.verdict == "not-evidenced"]
    else:
        deciding = [p for p in in_force if p.verdict == verdict]
    if not deciding:
        return None, None, ()
    forces = [p.force for p in deciding]
    pick = weakest_force if decided_by == "finding" else strongest_force
    force = pick(*forces)  # type: ignore[arg-type]
    setter = next(p for p in deciding if p.force == force)
    ordered = [setter, *(p for p in in_force if p is not setter)]
    grounds = tuple(
        Ground(p.force, _cited(p), p is setter, p.requirement, p.verdict)  # type: ignore[arg-type]
        for p in ordered
    )
    return force, setter.requirement, grounds


def _cited(part: Verdict) -> str:
    """The law that decided a part, as the composite cites it."""
    if part.decided_by_part is not None:
        return f"set by {part.decided_by_part}"
    return "; ".join(g.cited for g in part.grounds if g.decides) or "-"


def standing(force: str | None, pack: str | None, otherwise: Standing) -> Standing:
    """What `check` holds a verdict to: a duty only when an Act or regulations decided it."""
    if pack is not None:
        return "recommendation"
    if force is None:
        return otherwise
    return "duty" if force in DUTY_FORCES else "guidance"


def _rank(force: str) -> int:
    return FORCE_ORDER.index(force)  # type: ignore[arg-type]
