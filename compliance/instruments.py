"""The legal instruments and their dated editions, declared once in `rules/instruments.yaml`.

Law is dated: the same requirement rests on Working Together 2013 in February 2015 and on the
2015 edition a month later. Everything that asks "which text applied on this day?" asks here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from compliance.dates import PartialDate
from compliance.validation import Strict, validate
from compliance.yamlsource import load_yaml

Verification = Literal["V-P", "V-S", "P", "U"]
Force = Literal[
    "statute",
    "regulation",
    "statutory-guidance",
    "national-minimum-standard",
    "practice-norm",
]
Certainty = Literal["verified", "uncertain"]

LSCB_END = "lscb-end"


class Edition(Strict):
    id: str
    short: str
    title: str
    from_: PartialDate = Field(alias="from")
    certainty: Certainty
    verification: Verification
    source: str
    until: Literal["lscb-end"] | PartialDate | None = None


class Instrument(Strict):
    title: str
    kind: Force
    citation: str
    editions: list[Edition] = Field(min_length=1)

    @model_validator(mode="after")
    def _editions_in_order(self) -> Instrument:
        starts = [e.from_.earliest for e in self.editions]
        if starts != sorted(starts):
            raise ValueError("editions must be listed oldest first")
        return self


class Event(Strict):
    title: str
    latest: dt.date
    verification: Verification
    source: str
    local_fact: str | None = None


class Register(Strict):
    instruments: dict[str, Instrument]
    events: dict[str, Event]

    @model_validator(mode="after")
    def _ids_unique(self) -> Register:
        ids = [e.id for i in self.instruments.values() for e in i.editions]
        duplicates = {i for i in ids if ids.count(i) > 1}
        if duplicates:
            raise ValueError(
                f"edition ids must be unique; repeated: {', '.join(sorted(duplicates))}"
            )
        if LSCB_END not in self.events:
            raise ValueError(f"the event '{LSCB_END}' must be declared")
        return self

    @property
    def lscb_end(self) -> Event:
        return self.events[LSCB_END]

    def edition(self, edition_id: str) -> tuple[str, Edition]:
        """The instrument id and edition for an edition id (KeyError if unknown)."""
        for instrument_id, instrument in self.instruments.items():
            for edition in instrument.editions:
                if edition.id == edition_id:
                    return instrument_id, edition
        raise KeyError(edition_id)

    def edition_ids(self) -> set[str]:
        return {e.id for i in self.instruments.values() for e in i.editions}

    def start(self, edition_id: str) -> dt.date:
        return self.edition(edition_id)[1].from_.earliest

    def edition_in_force(self, instrument_id: str, on: dt.date) -> Edition | None:
        """The edition of an instrument in force on a date, or None before the first/after the last."""
        editions = self.instruments[instrument_id].editions
        for edition, following in zip(editions, [*editions[1:], None], strict=True):
            if on < edition.from_.earliest:
                return None
            ends = self._end(edition, following)
            if ends is None or on <= ends:
                return edition
        return None

    def _end(self, edition: Edition, following: Edition | None) -> dt.date | None:
        if following is not None:
            return following.from_.earliest - dt.timedelta(days=1)
        if edition.until == LSCB_END:
            return self.lscb_end.latest
        if isinstance(edition.until, PartialDate):
            return edition.until.latest
        return None


def load_register(path: Path) -> Register:
    return validate(Register, load_yaml(path), "the instruments register")
