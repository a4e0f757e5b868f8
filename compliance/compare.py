"""Two assessments of one board, requirement by requirement: what moved, and why.

A move is read off the two verdicts alone (see `MOVES`); why it moved is read off their
traces: the evidence changed when a fact the requirement reads (or a part it combines) has
another value, the law changed when the provisions in force on the two dates differ. Both
can hold at once; neither may hold for an unchanged verdict. Nothing is judged again here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from compliance.result import GRADED, Result, RulebookInfo, Threshold, Verdict

Move = Literal[
    "improved",
    "regressed",
    "unchanged",
    "newly-evidenced",
    "no-longer-evidenced",
    "newly-applicable",
    "no-longer-applicable",
]
MOVES: tuple[Move, ...] = (
    "improved",
    "regressed",
    "unchanged",
    "newly-evidenced",
    "no-longer-evidenced",
    "newly-applicable",
    "no-longer-applicable",
)
Cause = Literal["evidence", "law", "evidence and law", "nothing"]
RANK = {name: len(GRADED) - i for i, name in enumerate(GRADED)}  # met 3, partly-met 2, unmet 1


@dataclass(frozen=True)
class FactChange:
    """A fact (or a combined part) the requirement reads, as each assessment states it."""

    fact: str
    old: str | None  # None: not stated
    new: str | None


@dataclass(frozen=True)
class RequirementMove:
    requirement: str
    title: str
    old: str  # the verdict names; the verdicts themselves are in the two results
    new: str
    move: Move
    cause: Cause
    facts: tuple[FactChange, ...]  # what changed in the evidence it reads
    old_law: tuple[str, ...]  # the provisions cited on each date, when they differ
    new_law: tuple[str, ...]
    why: str  # the move and its cause in one sentence


@dataclass(frozen=True)
class Comparison:
    rulebook: RulebookInfo
    old: Result
    new: Result
    moves: tuple[RequirementMove, ...]

    def regressions(self, threshold: Threshold) -> list[RequirementMove]:
        """Requirements below the threshold now that were not below it before."""
        return [
            m
            for m in self.moves
            if threshold.fails(self.new.verdict(m.requirement))
            and not threshold.fails(self.old.verdict(m.requirement))
        ]


def compare(rulebook: RulebookInfo, old: Result, new: Result) -> Comparison:
    """Every requirement judged in both, in the new assessment's order."""
    before = {v.requirement: v for v in old.verdicts}
    moves = tuple(_move(before[v.requirement], v) for v in new.verdicts if v.requirement in before)
    return Comparison(rulebook, old, new, moves)


def move_of(old: str, new: str) -> Move:
    if old == new:
        return "unchanged"
    if new == "not-applicable":
        return "no-longer-applicable"
    if old == "not-applicable":
        return "newly-applicable"
    if new == "not-evidenced":
        return "no-longer-evidenced"
    if old == "not-evidenced":
        return "newly-evidenced"
    return "improved" if RANK[new] > RANK[old] else "regressed"


def _move(old: Verdict, new: Verdict) -> RequirementMove:
    facts = _fact_changes(old, new)
    old_law = tuple(b.cited for b in old.basis)
    new_law = tuple(b.cited for b in new.basis)
    law_moved = old_law != new_law or (old.verdict == "not-applicable") != (
        new.verdict == "not-applicable"
    )
    cause: Cause = (
        "evidence and law"
        if facts and law_moved
        else "evidence"
        if facts
        else "law"
        if law_moved
        else "nothing"
    )
    move = move_of(old.verdict, new.verdict)
    return RequirementMove(
        requirement=new.requirement,
        title=new.title,
        old=old.verdict,
        new=new.verdict,
        move=move,
        cause=cause,
        facts=facts,
        old_law=old_law if law_moved else (),
        new_law=new_law if law_moved else (),
        why=_why(move, cause, facts, old, new),
    )


def _fact_changes(old: Verdict, new: Verdict) -> tuple[FactChange, ...]:
    before = _stated(old)
    after = _stated(new)
    return tuple(
        FactChange(name, before.get(name), after.get(name))
        for name in dict.fromkeys([*before, *after])
        if before.get(name) != after.get(name)
    )


def _stated(verdict: Verdict) -> dict[str, str]:
    stated = {fact.name: fact.value for fact in verdict.facts}
    stated.update({part.requirement: part.verdict for part in verdict.parts})
    return stated


def _why(
    move: Move, cause: Cause, facts: tuple[FactChange, ...], old: Verdict, new: Verdict
) -> str:
    moved = f"{old.verdict} \u2192 {new.verdict}" if move != "unchanged" else f"still {new.verdict}"
    if cause == "nothing":
        return f"{moved}: neither the evidence it reads nor the law in force changed."
    said = []
    if "evidence" in cause:
        said.append(
            "the evidence changed ("
            + "; ".join(
                f"{c.fact}: {c.old or 'not stated'} \u2192 {c.new or 'not stated'}" for c in facts
            )
            + ")"
        )
    if "law" in cause:
        if old.verdict == "not-applicable" or new.verdict == "not-applicable":
            said.append(
                f"the law changed ({new.reason if new.verdict == 'not-applicable' else old.reason})"
            )
        else:
            said.append(f"the law in force changed ({', '.join(new.editions) or 'none'} now)")
    return f"{moved}: " + " and ".join(said) + "."
