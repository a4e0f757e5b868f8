"""What a peer team would still have to ask: the undecided verdicts turned into interview questions.

A verdict the documents cannot decide already carries the questions that would decide it; this
view gathers them across requirements, merges the same question asked for several duties, and
groups them by the person to ask, so that a team preparing a diagnostic has one list per
interview, each question with the duties and the law it serves.
"""

from __future__ import annotations

from dataclasses import dataclass

from compliance.result.run import REVIEW_TEAM, Assessment, Result
from compliance.rulebook.vocabulary import ASK_ORDER

PEOPLE: tuple[str, ...] = (*ASK_ORDER, REVIEW_TEAM)


@dataclass(frozen=True)
class Gap:
    """One question, and everything it would help decide."""

    text: str
    about: str  # the fact (or "date", "law", "transition") the answer would state
    requirements: tuple[str, ...]  # the undecided requirements that ask it
    law: tuple[str, ...]  # the provisions in force behind those requirements, with certainty


@dataclass(frozen=True)
class GapGroup:
    ask: str
    gaps: tuple[Gap, ...]


@dataclass(frozen=True)
class Undecided:
    requirement: str
    title: str
    open: tuple[str, ...]  # the verdicts still possible


@dataclass(frozen=True)
class Gaps:
    path: str
    assessment: Assessment
    undecided: tuple[Undecided, ...]
    groups: tuple[GapGroup, ...]


def gaps_of(result: Result) -> Gaps:
    """The questions that would decide every not-evidenced verdict of one assessment."""
    undecided = [v for v in result.verdicts if v.verdict == "not-evidenced"]
    merged: dict[tuple[str, str, str], tuple[list[str], list[str]]] = {}
    for verdict in undecided:
        for question in verdict.questions:
            key = (question.ask, question.about, question.text)
            requirements, law = merged.setdefault(key, ([], []))
            requirements.append(verdict.requirement)
            law += question.law or [b.cited for b in verdict.basis]
    groups = []
    for person in PEOPLE:
        gaps = tuple(
            Gap(text, about, tuple(dict.fromkeys(reqs)), tuple(dict.fromkeys(law)))
            for (ask, about, text), (reqs, law) in merged.items()
            if ask == person
        )
        if gaps:
            groups.append(GapGroup(person, gaps))
    return Gaps(
        path=str(result.path),
        assessment=result.assessment,
        undecided=tuple(Undecided(v.requirement, v.title, v.open) for v in undecided),
        groups=tuple(groups),
    )
