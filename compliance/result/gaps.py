"""What a peer team would still have to ask: the undecided verdicts turned into interview questions.

A verdict the documents cannot decide already carries the questions that would decide it; this
view gathers them across requirements, merges the same question asked for several duties, and
groups them by the person to ask, so that a team preparing a diagnostic has one list per
interview, each question with the duties and the law it serves.

Questions are ranked by what they bear on: the statutory duties first, then every requirement.
For Bexley 2018 the date the safeguarding partners took over bears on all 43 requirements and
was the 56th of 63 questions; ranked, it is asked first. The people are ordered by their most
telling question, and the few that bear on most are named first, whoever is to be asked.
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
    duties: int = 0  # how many of those requirements are statutory duties
    ask: str = ""  # whom to ask

    @property
    def rank(self) -> tuple[int, int]:
        """What the answer bears on, most first: statutory duties, then every requirement."""
        return (-self.duties, -len(self.requirements))


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
    first: tuple[Gap, ...] = ()  # the questions that bear on most, whoever is to be asked


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
    duty = {v.requirement for v in undecided if v.standing == "duty"}
    every = [
        Gap(
            text,
            about,
            tuple(dict.fromkeys(reqs)),
            one_per_provision(law),
            duties=len(duty.intersection(reqs)),
            ask=ask,
        )
        for (ask, about, text), (reqs, law) in merged.items()
    ]
    every.sort(key=lambda gap: gap.rank)  # stable: equal ranks keep the rulebook's order
    groups = [
        GapGroup(person, tuple(g for g in every if g.ask == person))
        for person in dict.fromkeys(g.ask for g in every)  # each person at their best question
        if person in PEOPLE
    ]
    return Gaps(
        path=str(result.path),
        assessment=result.assessment,
        undecided=tuple(Undecided(v.requirement, v.title, v.open) for v in undecided),
        groups=tuple(groups),
        first=tuple(g for g in every[:FIRST] if len(g.requirements) > 1),
    )


# How many of the questions that bear on most are named first, before the lists by person.
FIRST = 5
_APPLIED = ", as applied by "


def one_per_provision(law: list[str]) -> tuple[str, ...]:
    """Each provision once: an edition cited for part of the period and again as applied by
    a later edition's transitional arrangements is one line, not two with two tags."""
    merged: dict[str, list[str]] = {}
    for cited in dict.fromkeys(law):
        provision = cited.split(_APPLIED)[0].rsplit(" [", 1)[0]
        merged.setdefault(provision, []).append(cited)
    return tuple(
        said[0]
        + "".join(
            f" (also{_APPLIED[1:]}{c.split(_APPLIED, 1)[1]})" for c in said[1:] if _APPLIED in c
        )
        for said in merged.values()
    )
