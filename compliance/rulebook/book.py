"""The loaded rulebook: everything needed to judge evidence, validated and cross-checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from compliance.rulebook.authority import SourceKinds
from compliance.rulebook.grades import GradeScales
from compliance.rulebook.groups import Group
from compliance.rulebook.instruments import LSCB_END, Register
from compliance.rulebook.packs import Pack
from compliance.rulebook.requirement import Requirement, RuleCase
from compliance.rulebook.vocabulary import VERDICT_FACT, FactDefinition, Vocabulary
from compliance.values import DayRange
from compliance.values.dates import parse_date


@dataclass(frozen=True)
class RulebookLocation:
    """Which rulebook is in use, where it came from, and a digest of its files."""

    path: Path
    origin: str
    digest: str

    def describe(self) -> str:
        return f"{self.path} ({self.origin}; digest {self.digest})"


@dataclass(frozen=True)
class Window:
    """A requirement's dates: its earliest start, the date from which that is certain, its end."""

    start: dt.date
    certain_from: dt.date | None
    end: dt.date
    settle: str | None


@dataclass(frozen=True)
class Rulebook:
    location: RulebookLocation
    register: Register
    vocabulary: Vocabulary
    source_kinds: SourceKinds
    requirements: dict[str, Requirement]
    files: dict[str, Path]
    cases: dict[str, tuple[RuleCase, ...]]
    layers: tuple[tuple[str, ...], ...]
    packs: dict[str, Pack] = field(default_factory=dict)  # the recommendation packs selected
    pack_of: dict[str, str] = field(default_factory=dict)  # a pack's requirement -> the pack
    windows: dict[str, Window] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)  # the law's groups, in its order
    grade_scales: GradeScales = field(default_factory=GradeScales)  # inspectorates' own grades

    def __post_init__(self) -> None:
        # Window dates are read once; judging asks for them on every verdict.
        self.windows.update({rid: self._window(rid) for rid in self.requirements})

    def definition(self, fact: str) -> FactDefinition:
        """A fact's definition; a composite's parts are read as verdict facts."""
        return VERDICT_FACT if fact in self.requirements else self.vocabulary[fact]

    def reads(self, requirement: str) -> tuple[str, ...]:
        """Every fact (or part) the requirement's cases test, in first-use order."""
        return tuple(dict.fromkeys(f for case in self.cases[requirement] for f in case.when))

    def facts_used(self) -> set[str]:
        """Every fact a requirement tests or shows as context, and the one that ends LSCBs."""
        used = {f for rid in self.requirements for f in self.reads(rid)}
        used |= {f for req in self.requirements.values() for f in req.context}
        return used | {self.register.lscb_end.local_fact}

    def window(self, requirement: str) -> Window:
        return self.windows[requirement]

    def _window(self, requirement: str) -> Window:
        window = self.requirements[requirement].in_force
        if window.until == LSCB_END:
            end = self.register.lscb_end.last_day
        else:
            end = window_date(window.until, self.register.edition_ids(), self.register).latest
        certain = self._start(window.certain_from) if window.certain_from else None
        return Window(self._start(window.from_), certain, end, window.settle)  # type: ignore[arg-type]

    def _start(self, value: str) -> dt.date:
        return window_date(value, self.register.edition_ids(), self.register).earliest  # type: ignore[return-value]


def window_date(value: str, editions: set[str], register: Register) -> DayRange:
    """An end of a window: an edition id (its first day) or a date (ValueError if neither)."""
    if value in editions:
        start = register.edition(value).start
        return DayRange(start, start)
    days = parse_date(value).days
    if days is None or not days.bounded:
        raise ValueError(f"'{value}' is neither an edition id nor a date")
    return days
