"""Exactly one outcome for every combination of values: checked when the rulebook loads.

For each requirement, every fact it reads is split into regions in which none of its tests
changes answer (each level, yes and no, never, and ranges of counts and ages cut at the rule's
thresholds). Every combination of regions must satisfy the cases of exactly one outcome. A gap
or an overlap is a defect in the rules, reported with the file and line, before any evidence
happens to hit it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from compliance.rulebook.conditions import (
    ChoiceSpan,
    CountSpan,
    Span,
    certain,
    regions,
)
from compliance.rulebook.requirement import RuleCase
from compliance.rulebook.vocabulary import FactDefinition
from compliance.values.choices import show

MAX_COMBINATIONS = 4096


def coverage_problem(
    cases: Sequence[RuleCase], definition: Callable[[str], FactDefinition]
) -> tuple[int | None, str] | None:
    """The first gap or overlap in one requirement's cases, as (line, message), or None."""
    facts = list(dict.fromkeys(f for case in cases for f in case.when))
    spans = {
        fact: regions(definition(fact), [c.when[fact] for c in cases if fact in c.when])
        for fact in facts
    }
    total = 1
    for fact in facts:
        total *= len(spans[fact])
    if total > MAX_COMBINATIONS:
        return cases[0].line, (
            f"{total} combinations of values to check; at most {MAX_COMBINATIONS}: "
            "split the requirement into parts"
        )
    for combination in itertools.product(*(spans[f] for f in facts)):
        point = dict(zip(facts, combination, strict=True))
        hits = [c for c in cases if all(certain(c.when[f], point[f]) for f in c.when)]
        outcomes = list(dict.fromkeys(c.outcome for c in hits))
        where = _words(point)
        if not hits:
            return cases[0].line, f"no case covers {where}; add a case for it"
        if len(outcomes) > 1:
            first, second = (next(c for c in hits if c.outcome == o) for o in outcomes[:2])
            return second.line, (
                f"cases overlap where {where}: {first.label} and {second.label} both apply; "
                "make them exclude each other"
            )
    return None


def _words(point: dict[str, Span]) -> str:
    return " and ".join(f"{fact} {_point(span)}" for fact, span in point.items())


def _point(span: Span) -> str:
    if isinstance(span, ChoiceSpan):
        return "= " + show(next(iter(span.options)))
    if isinstance(span, CountSpan):
        return f"= {span.low}"
    if span.ages is None:
        return "= never"
    return f"{span.ages[0]} months ago"
