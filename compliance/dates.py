"""Dates as documents state them: a year, a month, or a day.

Reports often say "the most recent audits were undertaken in 2011". Recording that as
2011-01-01 would invent precision; so a date keeps its precision, and comparisons use the
latest day it could mean, which gives the board the benefit of the doubt.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def latest(self) -> dt.date:
        """The last day this date could mean."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Accept a YAML date, a year as an integer, or 'YYYY', 'YYYY-MM', 'YYYY-MM-DD'."""
        if isinstance(value, dt.datetime):
            raise ValueError("give a date without a time of day")
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            match = _PATTERN.match(value.strip())
            if match:
                year, month, day = (int(g) if g else None for g in match.groups())
                date = cls(year, month, day)  # type: ignore[arg-type]
                try:
                    date.latest  # noqa: B018 - validates month and day
                except ValueError:
                    raise ValueError(f"'{value}' is not a real calendar date") from None
                return date
        raise ValueError("expected a date as YYYY, YYYY-MM or YYYY-MM-DD")

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            lambda v: v if isinstance(v, PartialDate) else cls.parse(v),
            serialization=core_schema.to_string_ser_schema(),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": _PATTERN.pattern,
            "description": "A date as precise as the source states it: YYYY, YYYY-MM or YYYY-MM-DD.",
        }


def whole_months_between(earlier: dt.date, later: dt.date) -> int:
    """Completed calendar months from `earlier` to `later` (negative if reversed)."""
    months = (later.year - earlier.year) * 12 + (later.month - earlier.month)
    if later.day < earlier.day:
        months -= 1
    return months


def months_before(date: PartialDate, as_of: dt.date) -> int:
    """How many whole months before `as_of` the date lies, reading it as late as it can be.

    A year-only date in the same year as `as_of` may be no later than `as_of` itself.
    """
    return whole_months_between(min(date.latest, as_of), as_of)
