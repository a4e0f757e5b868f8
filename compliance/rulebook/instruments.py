"""The legal instruments and their dated editions, declared once in `rules/instruments.yaml`.

Law is dated: the same requirement rests on Working Together 2013 in February 2015 and on the
2015 edition a month later. Everything that asks "which text applied on this day?" asks here.
An edition may apply another edition's text (from 29 June 2018 the WT 2018 transitional
arrangements kept WT 2015 chapters 3-5 for LSCBs): its citations then name both, and carry the
weaker of the two certainty tags.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, get_args

from pydantic import Field, model_validator

from compliance.reading.validation import DateField, Strict
from compliance.values import DayRange

Verification = Literal["V-P", "V-S", "P", "U"]
# Strongest first: a claim is only as certain as the weakest thing it rests on.
VERIFICATION_ORDER: tuple[Verification, ...] = ("V-P", "V-S", "P", "U")
# Strongest first: what a verdict resting on it may be read as. An Act binds more than the
# regulations made under it, both more than guidance the board must have regard to, and that
# more than a national minimum standard, an inspectorate's practice or a common practice norm;
# a pack's recommendation or notice binds one board once. A verdict is never stated with more
# force than what decided it (see `compliance/judge/force.py`).
Force = Literal[
    "statute",
    "regulation",
    "statutory-guidance",
    "national-minimum-standard",
    "inspection-practice",
    "practice-norm",
    "improvement-notice",
    "inspection-recommendation",
]
FORCE_ORDER: tuple[Force, ...] = get_args(Force)
Certainty = Literal["verified", "uncertain"]
LSCB_END = "lscb-end"


def weakest(*tags: Verification) -> Verification:
    return max(tags, key=VERIFICATION_ORDER.index)


def strongest_force(*forces: Force) -> Force:
    return min(forces, key=FORCE_ORDER.index)


def weakest_force(*forces: Force) -> Force:
    return max(forces, key=FORCE_ORDER.index)


class Edition(Strict):
    id: str
    short: str
    title: str
    from_: DateField = Field(alias="from")
    certainty: Certainty
    verification: Verification
    source: str
    until: Literal["lscb-end"] | None = None
    applies: str | None = Field(
        default=None, description="The edition whose text this one applies, if not its own."
    )
    applied_by: str | None = Field(default=None, description="What applies that text.")

    @property
    def start(self) -> dt.date:
        return self.days.earliest  # type: ignore[return-value]

    @property
    def days(self) -> DayRange:
        return self.from_.days  # type: ignore[no-any-return]

    @model_validator(mode="after")
    def _applies_with_its_reason(self) -> Edition:
        if (self.applies is None) != (self.applied_by is None):
            raise ValueError("give 'applies' and 'applied_by' together")
        if self.from_.days is None or not self.from_.days.bounded:
            raise ValueError("'from' must be a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        return self


class Instrument(Strict):
    title: str
    kind: Force
    citation: str
    editions: list[Edition] = Field(min_length=1)

    @model_validator(mode="after")
    def _editions_in_order(self) -> Instrument:
        starts = [e.start for e in self.editions]
        if starts != sorted(starts):
            raise ValueError("editions must be listed oldest first")
        return self


class LscbEnd(Strict):
    """When LSCBs ended: locally at the switch to safeguarding partners, by a national deadline."""

    @property
    def transition_start(self) -> dt.date:
        return self.transition_from.days.earliest  # type: ignore[no-any-return]

    @property
    def last_day(self) -> dt.date:
        return self.latest.days.latest  # type: ignore[no-any-return]

    title: str
    transition_from: DateField
    latest: DateField
    meaning: str
    verification: Verification
    source: str
    local_fact: str
    question: str


class Register(Strict):
    instruments: dict[str, Instrument]
    lscb_end: LscbEnd

    @model_validator(mode="after")
    def _ids_unique(self) -> Register:
        ids = [e.id for i in self.instruments.values() for e in i.editions]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"edition ids must be unique; repeated: {', '.join(repeated)}")
        unknown = sorted({e.applies for e in self.editions() if e.applies} - set(ids))
        if unknown:
            raise ValueError(f"'applies' names unknown edition(s): {', '.join(unknown)}")
        return self

    def editions(self) -> list[Edition]:
        return [e for i in self.instruments.values() for e in i.editions]

    def edition(self, edition_id: str) -> Edition:
        return next(e for e in self.editions() if e.id == edition_id)

    def edition_ids(self) -> set[str]:
        return {e.id for e in self.editions()}

    def editions_in_force(self, instrument_id: str, days: DayRange) -> list[InForce]:
        """Each edition in force on some day of `days`, with the part of `days` it covers."""
        editions = self.instruments[instrument_id].editions
        found = []
        for edition, following in zip(editions, [*editions[1:], None], strict=True):
            span = DayRange(edition.start, self._end(edition, following)).intersect(days)
            if span is not None:
                found.append(InForce(edition, span, span != days))
        return found

    def _end(self, edition: Edition, following: Edition | None) -> dt.date | None:
        if following is not None:
            return following.start - dt.timedelta(days=1)
        return self.lscb_end.last_day if edition.until == LSCB_END else None


@dataclass(frozen=True)
class InForce:
    """An edition in force on part (or all) of the days an assessment speaks for."""

    edition: Edition
    days: DayRange
    partial: bool
