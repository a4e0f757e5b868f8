"""What the board report shows, read off the run's result: boards, the law's groups, gaps,
quotes and, where a board was assessed more than once, its trajectory.

A board meets to ask three things: where do we stand, what is missing and who do we ask, and
are we getting better. So each board's assessments are put in date order; each assessment's
verdicts are grouped as the law groups them (a recommendation pack under its pack); each gap
keeps the law that asks and the questions to put; and consecutive assessments are compared
with `compliance.result.compare`, whose sentence says what moved and why. Nothing is judged here.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from compliance.result.compare import RequirementMove, compare
from compliance.result.run import (
    Question,
    Quote,
    Result,
    RulebookInfo,
    RunResult,
    SourceInfo,
    Verdict,
    caveats_of,
)

GAPS = ("partly-met", "unmet", "not-evidenced")
# Questions about the law's dates rather than the board: asked once, before the gaps.
ASKED_ONCE = ("transition",)
OTHER = "Other requirements"
# Pack sections come after the law's groups, and anything ungrouped after them.
_PACK_ORDER, _OTHER_ORDER = 10_000, 20_000


@dataclass(frozen=True)
class Section:
    """Requirements under one heading: a group the law makes, or a recommendation pack."""

    key: str
    title: str
    law: str  # what makes it a group, as the law numbers it
    requirements: tuple[str, ...]


@dataclass(frozen=True)
class QuoteUse:
    """One passage quoted from a source, with the requirements whose facts rest on it."""

    quote: Quote
    source: SourceInfo | None
    requirements: tuple[str, ...]


@dataclass(frozen=True)
class AssessmentView:
    result: Result
    sections: tuple[Section, ...]
    gaps: tuple[Verdict, ...]  # in the sections' order
    quotes: tuple[QuoteUse, ...]
    # What to ask for each gap, less what its parts' own gaps ask and what is asked once for
    # all (`common`): a composite repeats its parts' questions, and the local switch to
    # safeguarding partners is one question behind every requirement of a 2018-19 assessment.
    asks: dict[str, tuple[Question, ...]]
    common: tuple[Question, ...]
    caveats: tuple[tuple[str, tuple[str, ...]], ...]  # each caveat once, with its requirements

    def verdict(self, requirement: str) -> Verdict:
        return self.result.verdict(requirement)

    def source(self, key: str) -> SourceInfo | None:
        return next((s for s in self.result.sources if s.key == key), None)


@dataclass(frozen=True)
class Step:
    """From one assessment to the next: the requirements that moved, and why."""

    old: Result
    new: Result
    moved: tuple[RequirementMove, ...]
    unchanged: int


@dataclass(frozen=True)
class Cell:
    verdict: str | None  # None: not judged in that assessment
    move: str | None  # how it moved since the assessment before; None for the first


@dataclass(frozen=True)
class Trajectory:
    dates: tuple[str, ...]
    sections: tuple[Section, ...]
    cells: dict[str, tuple[Cell, ...]]  # by requirement, one per date
    titles: dict[str, str]
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class BoardView:
    board: str
    areas: tuple[str, ...]
    assessments: tuple[AssessmentView, ...]  # oldest first
    trajectory: Trajectory | None  # only with two or more assessments

    @property
    def latest(self) -> AssessmentView:
        return self.assessments[-1]


@dataclass(frozen=True)
class Report:
    boards: tuple[BoardView, ...]
    rulebook: RulebookInfo


def report(run: RunResult) -> Report:
    """The run's results as one view per board, boards in the order first met."""
    by_board: dict[str, list[Result]] = {}
    for result in run.results:
        by_board.setdefault(result.assessment.board, []).append(result)
    boards = tuple(_board(name, results, run.rulebook) for name, results in by_board.items())
    return Report(boards, run.rulebook)


def in_date_order(results: Iterable[Result]) -> list[Result]:
    """Oldest first; an evidence date is ISO text (a day, a month, or 'A to B'), so its text
    sorts as its start does; the file's path breaks ties, so the order never depends on input
    order."""
    return sorted(results, key=lambda r: (r.assessment.date, str(r.path)))


def _board(name: str, results: list[Result], rulebook: RulebookInfo) -> BoardView:
    ordered = in_date_order(results)
    views = tuple(assessment_view(r) for r in ordered)
    areas = tuple(dict.fromkeys(r.assessment.area for r in ordered))
    trajectory = _trajectory(ordered, rulebook) if len(ordered) > 1 else None
    return BoardView(name, areas, views, trajectory)


def assessment_view(result: Result) -> AssessmentView:
    sections = sections_of(result.verdicts)
    by_id = {v.requirement: v for v in result.verdicts}
    ordered = [by_id[rid] for section in sections for rid in section.requirements]
    order = [v.requirement for v in ordered]
    gaps = tuple(v for v in ordered if v.verdict in GAPS)
    common = tuple(dict.fromkeys(q for v in gaps for q in v.questions if q.about in ASKED_ONCE))
    asks = {v.requirement: _own_questions(v, result, common) for v in gaps}
    caveats = caveats_of(ordered)
    return AssessmentView(
        result,
        sections,
        gaps,
        _quotes(result, order),
        asks,
        common,
        tuple((caveat, tuple(rids)) for caveat, rids in caveats.items()),
    )


def _own_questions(
    verdict: Verdict, result: Result, common: tuple[Question, ...]
) -> tuple[Question, ...]:
    known = {v.requirement for v in result.verdicts}
    asked_by_parts = {
        q
        for part in verdict.parts
        if part.requirement in known and part.verdict in GAPS
        for q in result.verdict(part.requirement).questions
    }
    return tuple(q for q in verdict.questions if q not in asked_by_parts and q not in common)


def sections_of(verdicts: Iterable[Verdict]) -> tuple[Section, ...]:
    """The verdicts' requirements under the law's groups in the law's order, then packs."""
    found: dict[str, tuple[int, Section]] = {}
    members: dict[str, list[str]] = {}
    for verdict in verdicts:
        key, rank, section = _place(verdict)
        found.setdefault(key, (rank, section))
        members.setdefault(key, []).append(verdict.requirement)
    ranked = sorted(found.items(), key=lambda item: (item[1][0], item[0]))
    return tuple(
        Section(key, section.title, section.law, tuple(sorted(members[key])))
        for key, (_, section) in ranked
    )


def _place(verdict: Verdict) -> tuple[str, int, Section]:
    if verdict.group is not None:
        group = verdict.group
        return group.key, group.order, Section(group.key, group.title, group.law, ())
    if verdict.pack is not None:
        key = f"pack:{verdict.pack}"
        law = f"recommendation pack '{verdict.pack}': recommendations, not the law"
        return key, _PACK_ORDER, Section(key, f"Recommendations: {verdict.pack}", law, ())
    return "other", _OTHER_ORDER, Section("other", OTHER, "not grouped in the rulebook", ())


def _quotes(result: Result, order: list[str]) -> tuple[QuoteUse, ...]:
    """Each passage once, in report order, with every requirement that rests on it."""
    users: dict[Quote, list[str]] = {}
    for finding in result.findings:
        for quote in finding.quotes:
            users.setdefault(quote, [])
    for rid in order:
        verdict = result.verdict(rid)
        traces = [*verdict.facts, *verdict.context]
        quotes = [q for fact in traces for s in fact.statements for q in s.quotes]
        quotes += [q for finding in verdict.findings for q in finding.quotes]
        for quote in quotes:
            used = users.setdefault(quote, [])
            if rid not in used:
                used.append(rid)
    sources = {s.key: s for s in result.sources}
    return tuple(QuoteUse(q, sources.get(q.source), tuple(rids)) for q, rids in users.items())


def _trajectory(ordered: list[Result], rulebook: RulebookInfo) -> Trajectory:
    """Each requirement on each date, and each step between consecutive dates, in the law's
    order. A requirement missing from one assessment (another rulebook's) is shown as not
    judged there."""
    everything = {v.requirement: v for r in ordered for v in r.verdicts}
    sections = sections_of(everything.values())
    rank = {rid: i for i, rid in enumerate(r for s in sections for r in s.requirements)}
    steps = []
    moves: list[dict[str, RequirementMove]] = []
    for old, new in itertools.pairwise(ordered):
        comparison = compare(rulebook, old, new)
        moved = sorted(
            (m for m in comparison.moves if m.move != "unchanged"),
            key=lambda m: rank[m.requirement],
        )
        steps.append(Step(old, new, tuple(moved), len(comparison.moves) - len(moved)))
        moves.append({m.requirement: m for m in comparison.moves})
    verdicts = [{v.requirement: v.verdict for v in r.verdicts} for r in ordered]
    cells = {}
    for rid in everything:
        row = []
        for i, judged in enumerate(verdicts):
            move = moves[i - 1].get(rid) if i else None
            row.append(Cell(judged.get(rid), move.move if move else None))
        cells[rid] = tuple(row)
    titles = {rid: v.title for rid, v in everything.items()}
    dates = tuple(r.assessment.date for r in ordered)
    return Trajectory(dates, sections, cells, titles, tuple(steps))
