"""Levels and yes/no answers as documents give them: one of a few named possibilities.

A document usually settles on one level ("commentary, not an analysis"); where its words fit two
levels, the evidence may say so, and a fact it does not state is every level at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Option = str | bool


@dataclass(frozen=True)
class ChoiceValue:
    """The options a level or yes/no fact could be, in the vocabulary's order."""

    options: tuple[Option, ...]

    @classmethod
    def of(cls, options: Iterable[Option], order: Iterable[Option]) -> ChoiceValue:
        wanted = set(options)
        return cls(tuple(o for o in order if o in wanted))

    def describe(self) -> str:
        return " or ".join(show(o) for o in self.options) if self.options else "nothing"

    def intersect(self, other: ChoiceValue) -> ChoiceValue | None:
        kept = tuple(o for o in self.options if o in other.options)
        return ChoiceValue(kept) if kept else None

    def hull(self, other: ChoiceValue) -> ChoiceValue:
        return ChoiceValue(self.options + tuple(o for o in other.options if o not in self.options))


def show(option: Option) -> str:
    if isinstance(option, bool):
        return "yes" if option else "no"
    return option
