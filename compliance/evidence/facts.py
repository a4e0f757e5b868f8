"""One fact from several statements: narrowed where they agree, decided by authority where not.

Documents are combined as a careful reader would. Statements that can all be true narrow each
other: "the most recent audits were in 2011" (an April 2014 inspection) and "the audits had been
completed" over the last year (a March 2015 letter) together date a round to between the two.
Statements that cannot all be true make the fact contested: both are shown, and the statements
resting on the most authoritative kind of source decide, by the declared order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import reduce

from compliance.evidence.model import Citation
from compliance.rulebook.authority import SourceKinds
from compliance.values import DayRange, Value


@dataclass(frozen=True)
class StatementRecord:
    """One statement as loaded: its value, quotes, the date it holds for, its authority."""

    value: Value
    citations: tuple[Citation, ...]
    note: str | None
    holds_for: DayRange
    holds_for_text: str
    kind: str  # the weakest kind of source it rests on
    undated: str | None = None  # why it is not read as holding on the evidence date


@dataclass(frozen=True)
class KnownFact:
    """A fact as the judge reads it: one value, and the statements it came from."""

    name: str
    value: Value
    statements: tuple[StatementRecord, ...] = ()
    contested: bool = False
    deciding: tuple[int, ...] = ()  # indices of the statements whose value counts
    decided_by: str | None = None  # the kind of source that decided a contest
    line: int | None = None
    undated: bool = False  # every statement is undated: judged as not stated (evidence.dating)


def combine(
    name: str, statements: Sequence[StatementRecord], kinds: SourceKinds, line: int | None = None
) -> KnownFact:
    """One fact from its statements. An undated statement is kept to be shown but counts for
    nothing: the others decide, and a fact stated only undated is judged as not stated."""
    dated = tuple(i for i, s in enumerate(statements) if s.undated is None)
    if len(dated) < len(statements):
        if not dated:
            value = reduce(lambda a, b: a.hull(b), (s.value for s in statements))  # type: ignore[arg-type]
            return KnownFact(name, value, tuple(statements), line=line, undated=True)
        known = combine(name, [statements[i] for i in dated], kinds, line)
        return replace(
            known,
            statements=tuple(statements),
            deciding=tuple(dated[i] for i in known.deciding),
        )
    everyone = tuple(range(len(statements)))
    agreed = _intersection(statements, everyone)
    if agreed is not None:
        return KnownFact(name, agreed, tuple(statements), False, everyone, None, line)
    strongest = min(kinds.rank(s.kind) for s in statements)
    top = tuple(i for i, s in enumerate(statements) if kinds.rank(s.kind) == strongest)
    value = _intersection(statements, top)
    if value is None:  # equally authoritative sources disagree: any of their values may hold
        value = reduce(lambda a, b: a.hull(b), (statements[i].value for i in top))  # type: ignore[arg-type]
        return KnownFact(name, value, tuple(statements), True, top, None, line)
    return KnownFact(name, value, tuple(statements), True, top, statements[top[0]].kind, line)


def _intersection(statements: Sequence[StatementRecord], chosen: tuple[int, ...]) -> Value | None:
    value: Value | None = statements[chosen[0]].value
    for i in chosen[1:]:
        if value is None:
            return None
        value = value.intersect(statements[i].value)  # type: ignore[arg-type]
    return value
