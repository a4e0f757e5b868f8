"""From the cases still possible to one verdict, or to an honest "undecided" with its question.

The rulebook's cases are exclusive and complete (checked when it loads), so the outcomes of the
cases durable_rules found possible are exactly the verdicts the evidence still allows:

- one outcome: decided, with the reason of the case that holds;
- several: the observations cannot decide. A finding about this requirement (a reviewer's own
  conclusion, by its `says`: an inspectorate's grade never narrows) may then narrow them, and
  the verdict says it rests on that finding; otherwise it is not-evidenced, naming the
  outcomes still open, the facts that would settle them, and the questions to ask. A finding
  never overrides what the facts decide.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from compliance.judge.law import Applicability
from compliance.result.run import CaseTrace, DecidedBy, FindingTrace, Question
from compliance.rulebook.authority import SourceKinds
from compliance.rulebook.conditions import split
from compliance.rulebook.requirement import RuleCase, VerdictName
from compliance.values.dates import NEVER

ORDER = ("met", "partly-met", "unmet", "not-applicable")
SAYS: dict[str, frozenset[str]] = {
    "met": frozenset({"met"}),
    "partly-met": frozenset({"partly-met"}),
    "unmet": frozenset({"unmet"}),
    "improvement-needed": frozenset({"partly-met", "unmet"}),
}
# A document's judgement of recency without a date ("not conducted recently", "a recent
# audit"): not a date, and never read as one. It says which side of the requirement's
# timeliness test the date lies on, so it allows the outcomes of the cases that agree: overdue
# rules out every case that needs the date within its cycle; recent every case that needs it
# older, or never. Only a requirement that tests how long ago something was takes one.
RECENCY = ("overdue", "recent")


@dataclass(frozen=True)
class Decision:
    verdict: VerdictName
    reason: str
    decided_by: DecidedBy | None
    open: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    # The cases the verdict rests on (indexes): the one whose reason it gives; those a finding
    # chose between; those still open when undecided. Their force is the verdict's.
    cases: tuple[int, ...] = ()


def decide(
    cases: Sequence[RuleCase],
    traces: Sequence[CaseTrace],
    app: Applicability,
    *,
    findings: Sequence[FindingTrace],
    kinds: SourceKinds | None,
    fill: Callable[[str], str],
    ask: Callable[[str, str | None], tuple[Question, ...]],
    parts: frozenset[str] = frozenset(),
    undated: frozenset[str] = frozenset(),
) -> Decision:
    """The verdict; `kinds` is None where findings may not decide (recommendation packs).
    `undated` names the facts stated only undated, judged as not stated (evidence.dating)."""
    outcomes = {t.outcome for t in traces if t.possible}
    open_ = tuple(
        o for o in ORDER if o in outcomes or (o == "not-applicable" and app.not_applicable)
    )
    if len(open_) == 1:
        chosen = _reason_case(cases, traces, open_[0])
        return Decision(
            open_[0],  # type: ignore[arg-type]
            fill(chosen.reason),
            "facts",
            cases=(list(cases).index(chosen),),
        )
    # Only a conclusion in our terms narrows; an inspectorate's grade is never read as one.
    concluding = [f for f in findings if f.says is not None]
    if kinds is not None and concluding and not app.not_applicable:
        possible = [c for c, t in zip(cases, traces, strict=True) if t.possible]
        allowed = allowed_by(concluding, kinds, possible)
        narrowed = [o for o in open_ if o in allowed]
        if len(narrowed) == 1:
            return Decision(
                narrowed[0],  # type: ignore[arg-type]
                _on_finding(narrowed[0], concluding, open_, possible),
                "finding",
                cases=_possible(traces, narrowed[0]),
            )
    missing, vague = _unsettled(traces, parts)
    asked = [ask(f, None) for f in missing] + [ask(f, value) for f, value in vague.items()]
    questions = tuple(q for found in asked for q in found)
    reason = _undecided(
        open_, traces, app, missing=missing, vague=vague, parts=parts, undated=undated
    )
    return Decision(
        "not-evidenced",
        reason,
        None,
        open_,
        tuple(missing),
        questions + app.questions,
        _possible(traces, None),
    )


def _possible(traces: Sequence[CaseTrace], outcome: str | None) -> tuple[int, ...]:
    """The cases still possible (with `outcome`, if given)."""
    return tuple(
        i for i, t in enumerate(traces) if t.possible and (outcome is None or t.outcome == outcome)
    )


def allowed_by(
    findings: Sequence[FindingTrace], kinds: SourceKinds, cases: Sequence[RuleCase] = ()
) -> frozenset[str]:
    """The outcomes the findings allow (a judgement of recency: those of `cases` that agree
    with it); where they disagree, the most authoritative decide."""
    common = frozenset.intersection(*(says(f, cases) for f in findings))
    if common:
        return common
    best = min(kinds.rank(f.kind) for f in findings)
    strongest = [says(f, cases) for f in findings if kinds.rank(f.kind) == best]
    return frozenset.intersection(*strongest)


def says(finding: FindingTrace, cases: Sequence[RuleCase]) -> frozenset[str]:
    """The outcomes a finding allows, among those of `cases` for a judgement of recency."""
    if finding.says in RECENCY:
        return frozenset(c.outcome for c in cases if _agrees_with_recency(c, finding.says))
    return SAYS[finding.says]


def _agrees_with_recency(case: RuleCase, judged: str) -> bool:
    for condition in case.when.values():
        operator, operand = split(condition)
        if judged == "overdue" and operator == "within_months":
            return False
        never = operand == NEVER or (
            operator == "one_of" and isinstance(operand, list) and set(operand) == {NEVER}
        )
        if judged == "recent" and (operator == "older_than_months" or never):
            return False
    return True


def agrees(finding: FindingTrace, verdict: str, cases: Sequence[RuleCase] = ()) -> bool | None:
    if verdict not in ("met", "partly-met", "unmet") or finding.says is None:
        return None
    return verdict in says(finding, cases)


def _reason_case(cases: Sequence[RuleCase], traces: Sequence[CaseTrace], outcome: str) -> RuleCase:
    """The case that explains the outcome best: one that certainly holds, else the nearest."""
    candidates = [
        (c, t) for c, t in zip(cases, traces, strict=True) if t.possible and t.outcome == outcome
    ]
    candidates.sort(
        key=lambda pair: (not pair[1].certain, sum(x.state != "satisfied" for x in pair[1].tests))
    )
    return candidates[0][0]


def _unsettled(
    traces: Sequence[CaseTrace], parts: frozenset[str]
) -> tuple[list[str], dict[str, str]]:
    """Facts (or undecided parts) left missing, and facts stated too vaguely to decide."""
    missing: dict[str, None] = {}
    vague: dict[str, str] = {}
    for trace in traces:
        if not trace.possible:
            continue
        for test in trace.tests:
            if test.state == "missing" or (test.state == "indeterminate" and test.fact in parts):
                missing[test.fact] = None
            elif test.state == "indeterminate":
                vague.setdefault(test.fact, test.value or "")
    return list(missing), vague


def _undecided(
    open_: tuple[str, ...],
    traces: Sequence[CaseTrace],
    app: Applicability,
    *,
    missing: list[str],
    vague: dict[str, str],
    parts: frozenset[str],
    undated: frozenset[str] = frozenset(),
) -> str:
    tests = [t for trace in traces for t in trace.tests]
    read = list(dict.fromkeys(t.fact for t in tests))
    if tests and all(t.state == "missing" for t in tests) and not app.not_applicable:
        if not undated.intersection(read):
            return (
                f"The evidence states none of the facts this requirement reads ({', '.join(read)})."
            )
        only = ", ".join(f for f in read if f in undated)
        return (
            f"The evidence states none of the facts this requirement reads ({', '.join(read)}) "
            f"for the evidence date: {only} is stated only undated, for no particular date."
        )
    why = []
    facts = [f for f in missing if f not in parts and f not in undated]
    if facts:
        why.append(f"the evidence does not state {', '.join(facts)}")
    stale = [f for f in missing if f in undated]
    if stale:
        why.append(f"{', '.join(stale)} is stated only undated, for no particular date")
    why += [f"the part {p} is undecided" for p in missing if p in parts]
    why += [f"{fact} is stated only as {value}" for fact, value in vague.items()]
    if app.not_applicable:
        why.append(app.reason)
    return f"Undecided between {_listed(open_, 'and')}: {'; '.join(why)}."


def _on_finding(
    outcome: str,
    findings: Sequence[FindingTrace],
    open_: tuple[str, ...],
    cases: Sequence[RuleCase],
) -> str:
    finding = next(f for f in findings if outcome in says(f, cases))
    quote = f': "{finding.quotes[0].quote.rstrip(".")}"' if finding.quotes else ""
    recency = (
        f" that it is {finding.says}, a judgement of recency that gives no date"
        if finding.says in RECENCY
        else ""
    )
    return (
        f"{outcome.capitalize().replace('-', ' ')} on the finding of {finding.by} "
        f"({finding.when}){recency}{quote}; the observed facts alone leave it "
        f"{_listed(open_, 'or')}."
    )


def _listed(outcomes: Sequence[str], conjunction: str) -> str:
    words = list(outcomes)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
