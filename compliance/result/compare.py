"""Two assessments of one board, requirement by requirement: what moved, and why.

A move is read off the two verdicts alone (see `MOVES`); why it moved is read off their
traces: the evidence changed when a fact the requirement reads (or a part it combines) has
another value, the law changed when the editions or provisions in force on the two dates
differ, or the requirement came into force (or ceased) between them. Both
can hold at once; neither may hold for an unchanged verdict. A move one of whose verdicts rests
on a reviewer's finding is caused by that finding first: the facts alone did not decide that
side, so "the evidence changed" would credit the facts with what the finding did (Bexley's
multiagency-training-policy, 2014 -> 2015, is met on the LGA team's finding while the facts it
reads grew less precise). Nothing is judged again here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, get_args

from compliance.reading.inputs import Inputs
from compliance.result.run import GRADED, Result, RulebookInfo, Threshold, Verdict

Move = Literal[
    "improved",
    "regressed",
    "unchanged",
    "newly-evidenced",
    "no-longer-evidenced",
    "newly-applicable",
    "no-longer-applicable",
]
MOVES: tuple[Move, ...] = get_args(Move)
# What moved a verdict, named in this order and joined as a sentence joins them.
Cause = Literal[
    "finding",
    "evidence",
    "law",
    "finding and evidence",
    "finding and law",
    "evidence and law",
    "finding, evidence and law",
    "nothing",
]
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
    inputs: Inputs = field(default_factory=Inputs)  # what was read: never an output

    def counts(self) -> dict[Move, int]:
        counted = Counter(m.move for m in self.moves)
        return {name: counted.get(name, 0) for name in MOVES}

    def regressions(self, threshold: Threshold) -> list[RequirementMove]:
        """Requirements below the threshold now that were not below it before."""
        return [
            m
            for m in self.moves
            if threshold.fails(self.new.verdict(m.requirement))
            and not threshold.fails(self.old.verdict(m.requirement))
        ]


def compare(
    rulebook: RulebookInfo, old: Result, new: Result, inputs: Inputs | None = None
) -> Comparison:
    """Every requirement judged in both, in the new assessment's order."""
    before = {v.requirement: v for v in old.verdicts}
    moves = tuple(_move(before[v.requirement], v) for v in new.verdicts if v.requirement in before)
    return Comparison(rulebook, old, new, moves, inputs or Inputs())


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
    law_moved = (
        old.editions != new.editions
        or old_law != new_law
        or (old.verdict == "not-applicable") != (new.verdict == "not-applicable")
    )
    move = move_of(old.verdict, new.verdict)
    on_finding = move != "unchanged" and "finding" in (old.decided_by, new.decided_by)
    named = [
        name
        for name, holds in (("finding", on_finding), ("evidence", bool(facts)), ("law", law_moved))
        if holds
    ]
    cause: Cause = _joined(named) or "nothing"  # type: ignore[assignment]
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
    """One sentence a reader can check against the two traces: the move, then its causes."""
    if cause == "nothing":
        return f"Still {new.verdict}: neither the evidence it reads nor the law in force changed."
    causes = []
    if "finding" in cause:
        causes.append(_on_findings(old, new))
    if "evidence" in cause:
        changes = "; ".join(
            f"{c.fact} {c.old or 'not stated'} \u2192 {c.new or 'not stated'}" for c in facts
        )
        causes.append(f"the evidence it reads changed ({changes})")
    if "law" in cause:
        causes.append(_law_change(old, new))
    said = _joined(causes)
    if move == "unchanged":
        return f"Still {new.verdict}, although {said}."
    return f"{move.capitalize()}, {old.verdict} \u2192 {new.verdict}, because {said}."


def _on_findings(old: Verdict, new: Verdict) -> str:
    """Which side rests on a finding, whose, and in what words."""
    sides = []
    for side, verdict in (("earlier", old), ("later", new)):
        finding = next((f for f in verdict.findings if f.agrees), None)
        if verdict.decided_by == "finding" and finding is not None:
            quote = f' ("{finding.quotes[0].quote}")' if finding.quotes else ""
            sides.append(f"the {side} verdict rests on the finding of {finding.by}{quote}")
    return f"{' and '.join(sides) or 'a finding decided it'}, the facts alone leaving it open"


def _joined(words: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return " and ".join(filter(None, [", ".join(words[:-1]), *words[-1:]]))


def _law_change(old: Verdict, new: Verdict) -> str:
    """What changed in the law between the two dates, in the editions' own names."""
    if old.verdict == "not-applicable" and new.verdict != "not-applicable":
        return f"it came into force between the two dates (before: {_plain(old.reason)})"
    if new.verdict == "not-applicable" and old.verdict != "not-applicable":
        return f"it was no longer in force on the later date ({_plain(new.reason)})"
    gone = [e for e in old.editions if e not in new.editions]
    came = [e for e in new.editions if e not in old.editions]
    if gone or came:
        said = [f"no longer in force: {'; '.join(gone)}"] if gone else []
        said += [f"now in force: {'; '.join(came)}"] if came else []
        return f"the law in force changed ({'; '.join(said)})"
    old_cited = {b.cited for b in old.basis}
    added = [b.cited for b in new.basis if b.cited not in old_cited]
    return "the provisions in force changed" + (f" (now also {'; '.join(added)})" if added else "")


def _plain(reason: str) -> str:
    """A reason as a clause inside a sentence: no capital to start, no full stop to end."""
    reason = reason.strip().rstrip(".")
    return reason[:1].lower() + reason[1:]
