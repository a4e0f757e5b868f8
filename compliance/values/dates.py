"""Dates as documents give them: every day the date could be, or that it never happened.

"In 2011" is a year, not 31 December 2011; "in the 2016/17 financial year" is April to March;
"completed over the last year" in a letter of 13 March 2015 is the twelve months before it;
"after the 2011 round and before the diagnostic" is a pair of bounds. Each is kept as the
interval of days it allows, with the words it was given in, so that a rule comparing it can
tell whether every day in the interval gives the same answer.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from compliance.reading.inert import excerpt
from compliance.reading.near import date_in_words

# ASCII digits only: `\d` would read 2015 written in Arabic-Indic or full-width digits too.
_SIMPLE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
_FINANCIAL_YEAR = re.compile(r"^([0-9]{4})/([0-9]{2})$")
NEVER = "never"
UNKNOWN = "unknown"
LOWER_BOUNDS = ("from", "after")
UPPER_BOUNDS = ("to", "before")
BOUND_KEYS = (*LOWER_BOUNDS, *UPPER_BOUNDS, "last_months")
# Evidence about LSCBs speaks of the 20th and 21st centuries; a year outside is a typo.
YEARS = range(1900, 2100)
FORMS = (
    "a date as YYYY, YYYY-MM or YYYY-MM-DD, a financial year as YYYY/YY, 'never', or bounds "
    "such as {after: 2011, before: 2015-02-24} or {last_months: 12, to: 2015-03-13}"
)


@dataclass(frozen=True)
class DayRange:
    """Every day a date could be, both ends included; None where no bound is known."""

    earliest: dt.date | None
    latest: dt.date | None

    @property
    def bounded(self) -> bool:
        return self.earliest is not None and self.latest is not None

    def intersect(self, other: DayRange) -> DayRange | None:
        """The days both allow, or None when they share none."""
        earliest = _later(self.earliest, other.earliest)
        latest = _earlier(self.latest, other.latest)
        if earliest is not None and latest is not None and earliest > latest:
            return None
        return DayRange(earliest, latest)

    def hull(self, other: DayRange) -> DayRange:
        """The smallest range holding both."""
        earliest = (
            None
            if self.earliest is None or other.earliest is None
            else min(self.earliest, other.earliest)
        )
        latest = (
            None if self.latest is None or other.latest is None else max(self.latest, other.latest)
        )
        return DayRange(earliest, latest)

    def describe(self) -> str:
        if self.earliest == self.latest and self.earliest is not None:
            return self.earliest.isoformat()
        if self.earliest is None and self.latest is None:
            return "any date"
        if self.earliest is None:
            return f"on or before {self.latest}"
        if self.latest is None:
            return f"on or after {self.earliest}"
        return f"{self.earliest} to {self.latest}"


@dataclass(frozen=True)
class DateValue:
    """A date fact: the days it could be (None if none), whether 'never' is possible, its words."""

    days: DayRange | None
    never: bool
    text: str

    @classmethod
    def unknown(cls) -> DateValue:
        return cls(DayRange(None, None), True, "not stated")

    def describe(self) -> str:
        return self.text

    def intersect(self, other: DateValue) -> DateValue | None:
        days = self.days.intersect(other.days) if self.days and other.days else None
        never = self.never and other.never
        if days is None and not never:
            return None
        return DateValue(days, never, _joined(self.text, other.text))

    def hull(self, other: DateValue) -> DateValue:
        days = self.days.hull(other.days) if self.days and other.days else (self.days or other.days)
        return DateValue(days, self.never or other.never, f"{self.text} or {other.text}")


def parse_date(raw: Any) -> DateValue:
    """A date value from YAML, in any of the forms documents use (ValueError says which)."""
    if isinstance(raw, str) and raw.strip() == NEVER:
        return DateValue(None, True, NEVER)
    if isinstance(raw, dict):
        return _parse_bounds(raw)
    days, text = _parse_simple(raw)
    return DateValue(days, False, text)


def parse_day_range(raw: Any) -> tuple[DayRange, str]:
    """The date an assessment speaks for: a day, or bounded days (never open, never 'never')."""
    value = parse_date(raw)
    if value.days is None or not value.days.bounded:
        raise ValueError(
            "give the date the evidence speaks for as a day, month or year, or as bounds with "
            "both ends, e.g. {from: 2018-04, to: 2018-10}"
        )
    return value.days, value.text


def parse_publication(raw: Any) -> DateValue:
    """When a document was published, as it describes itself: a day, month or year, bounds
    (an open one too: a page "updated after the review" is `{after: 2015-05-13}`), or
    'unknown' for an undated page. A document that exists was published: never 'never'."""
    if isinstance(raw, str) and raw.strip() == UNKNOWN:
        return DateValue(DayRange(None, None), False, UNKNOWN)
    value = parse_date(raw)
    if value.days is None:
        raise ValueError(
            "a document that exists was published: give its date, bounds such as "
            "{after: 2015-05-13}, or 'unknown' when it gives no date"
        )
    return value


def _parse_simple(raw: Any) -> tuple[DayRange, str]:
    if isinstance(raw, dt.datetime):
        raise ValueError("give a date without a time of day")
    if isinstance(raw, dt.date):
        return DayRange(raw, raw), raw.isoformat()
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if isinstance(raw, str):
        text = raw.strip()
        fy = _FINANCIAL_YEAR.match(text)
        if fy:
            return _financial_year(int(fy.group(1)), int(fy.group(2)), text), text
        match = _SIMPLE.match(text)
        if match:
            year, month, day = (int(g) if g else None for g in match.groups())
            return _calendar(year, month, day, text), text  # type: ignore[arg-type]
    worded = date_in_words(raw)
    hint = f"; write it as {worded}" if worded else ""
    raise ValueError(f"expected {FORMS}; got {excerpt(raw)}{hint}")


def _calendar(year: int, month: int | None, day: int | None, text: str) -> DayRange:
    if year not in YEARS:
        raise ValueError(
            f"'{text}' is not a plausible year for this evidence ({YEARS[0]} to {YEARS[-1]})"
        )
    if day is None and month is not None and month == (year + 1) % 100 and month > 12:
        raise ValueError(
            f"'{text}' reads as month {month}; write a financial year as {year}/{month:02d}"
        )
    try:
        if month is None:
            return DayRange(dt.date(year, 1, 1), dt.date(year, 12, 31))
        last = calendar.monthrange(year, month)[1]
        if day is None:
            return DayRange(dt.date(year, month, 1), dt.date(year, month, last))
        return DayRange(dt.date(year, month, day), dt.date(year, month, day))
    except (ValueError, calendar.IllegalMonthError):
        raise ValueError(f"{excerpt(text)} is not a real calendar date") from None


def _financial_year(first: int, second: int, text: str) -> DayRange:
    if first not in YEARS:
        raise ValueError(
            f"'{text}' is not a plausible year for this evidence ({YEARS[0]} to {YEARS[-1]})"
        )
    if (first + 1) % 100 != second:
        raise ValueError(f"{excerpt(text)} is not a financial year: write YYYY/YY, e.g. 2016/17")
    return DayRange(dt.date(first, 4, 1), dt.date(first + 1, 3, 31))


def _parse_bounds(raw: dict[Any, Any]) -> DateValue:
    unknown = [str(k) for k in raw if k not in BOUND_KEYS]
    if unknown or not raw:
        raise ValueError(f"bounds take {', '.join(BOUND_KEYS)}; expected {FORMS}")
    if sum(k in raw for k in LOWER_BOUNDS) > 1 or sum(k in raw for k in UPPER_BOUNDS) > 1:
        raise ValueError("give at most one of from/after and one of to/before")
    if "last_months" in raw:
        return _parse_last_months(raw)
    earliest = latest = None
    words = []
    for key in BOUND_KEYS:
        if key not in raw:
            continue
        days, text = _parse_simple(raw[key])
        words.append(f"{key} {text}")
        if key == "from":
            earliest = days.earliest
        elif key == "after":
            earliest = days.latest + dt.timedelta(days=1)  # type: ignore[operator]
        elif key == "to":
            latest = days.latest
        else:
            latest = days.earliest - dt.timedelta(days=1)  # type: ignore[operator]
    if earliest is not None and latest is not None and earliest > latest:
        raise ValueError(f"the bounds ({', '.join(words)}) leave no day between them")
    if set(raw) == {"from", "to"}:
        words = [words[0].removeprefix("from "), words[1].removeprefix("to ")]
        text = " to ".join(words)
    else:
        text = " and ".join(words)
    return DateValue(DayRange(earliest, latest), False, text)


def _parse_last_months(raw: dict[Any, Any]) -> DateValue:
    months = raw["last_months"]
    if set(raw) != {"last_months", "to"}:
        raise ValueError("last_months goes with 'to' alone: {last_months: 12, to: 2015-03-13}")
    if not isinstance(months, int) or isinstance(months, bool) or months < 1:
        raise ValueError("last_months must be a whole number of months, 1 or more")
    days, text = _parse_simple(raw["to"])
    end: dt.date = days.latest  # type: ignore[assignment]
    start = add_months(end, -min(months, 12 * (end.year - YEARS[0])))
    return DateValue(DayRange(start, end), False, f"in the {months} months to {text}")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later (or earlier), clipped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def whole_months_between(earlier: dt.date, later: dt.date) -> int:
    """Completed calendar months from `earlier` to `later` (negative if reversed)."""
    months = (later.year - earlier.year) * 12 + (later.month - earlier.month)
    if later.day < earlier.day:
        months -= 1
    return months


def age_in_months(days: DayRange, as_of: DayRange) -> tuple[int, int | None]:
    """How many whole months before the evidence date a date lies: the least and the most.

    A date cannot lie after the day the evidence speaks for, so the least age is 0 whenever
    the two ranges share a day. The most is None when the date has no earliest bound.
    """
    assert as_of.earliest is not None
    assert as_of.latest is not None
    latest = days.latest if days.latest is not None else as_of.latest
    least = 0 if latest >= as_of.earliest else whole_months_between(latest, as_of.earliest)
    most = None if days.earliest is None else whole_months_between(days.earliest, as_of.latest)
    return max(least, 0), None if most is None else max(most, least, 0)


def describe_months(least: int, most: int | None) -> str:
    """An age in months as a range: '11 months', '27 to 39 months', 'at least 27 months'."""
    if most is None:
        return f"at least {_months(least)}"
    if least == most:
        return _months(least)
    return f"{least} to {most} months"


def _months(count: int) -> str:
    if count < 1:
        return "less than a month"
    return "1 month" if count == 1 else f"{count} months"


def _later(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else max(a, b)


def _earlier(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else min(a, b)


def _joined(a: str, b: str) -> str:
    return a if a == b else f"{a} and {b}"
