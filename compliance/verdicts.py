"""Verdicts and results: what the tool concludes, in one shape for every renderer.

A verdict carries everything needed to trace it: the requirement, the law in force on the
evidence date with its edition, the facts used with their quotes, and a one-sentence reason.
The exit-code policy lives here, on the result, so the CLI stays thin.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compliance.evidence import Assessment, Citation, SourceRef
from compliance.rulebook import VerdictName

VERDICTS: tuple[VerdictName, ...] = (
    "met",
    "partly-met",
    "unmet",
    "not-evidenced",
    "not-applicable",
)
EXIT_OK, EXIT_FAILED_POLICY, EXIT_INPUT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class Basis:
    """One provision of one edition in force on the evidence date."""

    instrument: str
    edition: str
    edition_title: str
    provision: str
    force: str
    verification: str
    text: str | None
    text_source: str | None
    note: str | None

    @property
    def label(self) -> str:
        return f"{self.edition} {self.provision}"


@dataclass(frozen=True)
class UsedFact:
    name: str
    value: Any
    citations: tuple[Citation, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Verdict:
    requirement: str
    title: str
    verdict: VerdictName
    reason: str
    basis: tuple[Basis, ...]
    facts: tuple[UsedFact, ...] = ()
    missing: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    case: str | None = None
    parameters: dict[str, int] = field(default_factory=dict)

    @property
    def editions(self) -> tuple[str, ...]:
        """The editions of the law this verdict rests on, without repeats, in basis order."""
        return tuple(dict.fromkeys(b.edition_title for b in self.basis))


@dataclass(frozen=True)
class AssessmentResult:
    path: Path
    assessment: Assessment
    verdicts: tuple[Verdict, ...]
    sources: dict[str, SourceRef] = field(default_factory=dict)
    unused_facts: tuple[str, ...] = ()

    @property
    def date(self) -> dt.date:
        return self.assessment.date

    def counts(self) -> dict[VerdictName, int]:
        counted = Counter(v.verdict for v in self.verdicts)
        return {name: counted.get(name, 0) for name in VERDICTS}

    def verdict(self, requirement: str) -> Verdict:
        return next(v for v in self.verdicts if v.requirement == requirement)


@dataclass(frozen=True)
class RunResult:
    assessments: tuple[AssessmentResult, ...]

    def exit_code(self, fail_on: frozenset[VerdictName] = frozenset()) -> int:
        """0, or 1 when any verdict is one the caller said should fail the run (for CI)."""
        hit = any(v.verdict in fail_on for a in self.assessments for v in a.verdicts)
        return EXIT_FAILED_POLICY if hit else EXIT_OK
