"""The condition language of the rulebook, and what a test means over a value a document gives.

A case in a rule is a conjunction: each named fact must pass one test. A bare value means
equality; otherwise a single operator. Every test compares one fact with a constant, so it maps
to one durable_rules comparison (never a join between facts, which can crash the engine, and
never negation, which it does not apply reliably).

A value as a document gives it allows a range of points (a year is 365 days; "at least four"
is every count from four up; an unstated fact is everything). Over such a span a test is
*possible* when some point passes it and *certain* when every point does. The engine fires a
case when every test in it is possible; since the rulebook's cases are checked to be exclusive
and complete, a verdict is decided exactly when all the cases still possible agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import model_validator

from compliance.reading.validation import Strict
from compliance.rulebook.vocabulary import FactDefinition
from compliance.values import ChoiceValue, CountValue, DateValue, DayRange, Value
from compliance.values.choices import show
from compliance.values.dates import NEVER, age_in_months, describe_months

Scalar = bool | int | str
Operator = Literal["one_of", "at_least", "at_most", "within_months", "older_than_months"]
TestState = Literal["satisfied", "not-satisfied", "indeterminate", "missing"]
# durable_rules loops for ever compiling more than 512 sibling tests; a one_of becomes one
# sibling per value, so lists are kept far below that.
MAX_ONE_OF = 64


class Test(Strict):
    """One operator test; exactly one field is set."""

    one_of: list[Scalar] | None = None
    at_least: int | None = None
    at_most: int | None = None
    within_months: int | str | None = None
    older_than_months: int | str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Test:
        set_fields = [name for name in type(self).model_fields if getattr(self, name) is not None]
        if len(set_fields) != 1:
            raise ValueError(
                "give exactly one test: one_of, at_least, at_most, "
                "within_months or older_than_months"
            )
        return self

    @property
    def operator(self) -> Operator:
        return next(n for n in type(self).model_fields if getattr(self, n) is not None)  # type: ignore[return-value]

    @property
    def operand(self) -> Scalar | list[Scalar]:
        return getattr(self, self.operator)  # type: ignore[no-any-return]


Condition = Scalar | Test


@dataclass(frozen=True)
class ChoiceSpan:
    options: frozenset[str | bool]


@dataclass(frozen=True)
class CountSpan:
    low: int
    high: int | None


@dataclass(frozen=True)
class DateSpan:
    """Ages in whole months before the evidence date (None if no date is possible), and never."""

    ages: tuple[int, int | None] | None
    never: bool


Span = ChoiceSpan | CountSpan | DateSpan


def span_of(value: Value, as_of: DayRange) -> Span:
    """The points a value allows, in the terms tests compare (dates become ages)."""
    if isinstance(value, ChoiceValue):
        return ChoiceSpan(frozenset(value.options))
    if isinstance(value, CountValue):
        return CountSpan(value.low, value.high)
    ages = age_in_months(value.days, as_of) if value.days is not None else None
    return DateSpan(ages, value.never)


def compared(value: Value, as_of: DayRange) -> str:
    """The value as the tests read it: a date also as its age before the evidence date."""
    if isinstance(value, DateValue) and value.days is not None:
        least, most = age_in_months(value.days, as_of)
        return f"{value.describe()} ({describe_months(least, most)} before the evidence date)"
    return value.describe()


def age_words(value: DateValue, as_of: DayRange) -> str:
    """How long before the evidence date a date lies, as a range: for reasons."""
    if value.days is None:
        return NEVER
    return describe_months(*age_in_months(value.days, as_of))


def possible(condition: Condition, span: Span) -> bool:
    """Whether some point of the span passes the test."""
    return _reading(condition, span)[0]


def certain(condition: Condition, span: Span) -> bool:
    """Whether every point of the span passes the test."""
    return _reading(condition, span)[1]


def state(condition: Condition, span: Span, missing: bool) -> TestState:
    return state_of(*split(condition), span, missing)


def state_of(operator: str, operand: Scalar | list[Scalar], span: Span, missing: bool) -> TestState:
    """`state` of a test already split (judging splits each rulebook test once, not per use)."""
    if missing:
        return "missing"
    can, must = _read(operator, operand, span)
    return "satisfied" if must else "indeterminate" if can else "not-satisfied"


def _reading(condition: Condition, span: Span) -> tuple[bool, bool]:
    """(possible, certain) for one test over one span."""
    return _read(*split(condition), span)


def _read(operator: str, operand: Scalar | list[Scalar], span: Span) -> tuple[bool, bool]:
    if isinstance(span, ChoiceSpan):
        allowed = set(operand) if operator == "one_of" else {operand}  # type: ignore[arg-type]
        return bool(span.options & allowed), span.options <= allowed
    if isinstance(span, CountSpan):
        return _count_reading(operator, operand, span)  # type: ignore[arg-type]
    return _date_reading(operator, operand, span)  # type: ignore[arg-type]


def _count_reading(operator: str, n: int, span: CountSpan) -> tuple[bool, bool]:
    high_at_least = span.high is None or span.high >= n
    if operator == "at_least":
        return high_at_least, span.low >= n
    if operator == "at_most":
        return span.low <= n, span.high is not None and span.high <= n
    return span.low <= n and high_at_least, span.low == span.high == n


def _date_reading(operator: str, operand: int | str, span: DateSpan) -> tuple[bool, bool]:
    if operator == "equals":  # the only bare value a date takes is 'never'
        return span.never, span.never and span.ages is None
    if span.ages is None:
        return False, False
    least, most = span.ages
    months: int = operand  # type: ignore[assignment]
    sure = not span.never
    if operator == "within_months":
        return least <= months, sure and most is not None and most <= months
    return most is None or most > months, sure and least > months


def split(condition: Condition) -> tuple[str, Scalar | list[Scalar]]:
    """(operator, operand); a bare value is the operator 'equals'."""
    if isinstance(condition, Test):
        return condition.operator, condition.operand
    return "equals", condition


def check_condition(
    fact: str, definition: FactDefinition, condition: Condition, parameters: dict[str, int]
) -> str | None:
    """Why `condition` cannot apply to `fact`, or None when it is well typed."""
    operator, operand = split(condition)
    kind = definition.type
    if operator == "one_of" and kind not in ("level", "yes-no"):
        return f"one_of applies to levels and yes-no facts; '{fact}' is a {kind}"
    if operator in ("equals", "one_of"):
        values = operand if isinstance(operand, list) else [operand]
        return _impossible(fact, definition, values)
    wanted = "count" if operator in ("at_least", "at_most") else "date"
    if kind != wanted:
        return f"{operator} applies to {wanted}s; '{fact}' is a {kind}"
    if isinstance(operand, str):
        known = operand in parameters
        return None if known else f"unknown parameter '{operand}'; declare it under 'parameters'"
    bad = isinstance(operand, bool) or operand < 0
    return f"{operator} takes a whole number, 0 or more" if bad else None


def _impossible(fact: str, definition: FactDefinition, values: list[Scalar]) -> str | None:
    if len(values) > MAX_ONE_OF:
        return f"one_of lists at most {MAX_ONE_OF} values; split the case"
    for value in values:
        if definition.type == "date" and value != NEVER:
            return f"a date fact like '{fact}' is tested with within_months, older_than_months or 'never'"
        if not _possible_value(definition, value):
            return f"{value!r} is not a possible value of '{fact}' ({definition.describe()})"
    return None


def _possible_value(definition: FactDefinition, value: Scalar) -> bool:
    if definition.type == "count":
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if definition.type == "date":
        return value == NEVER
    return any(type(value) is type(o) and value == o for o in definition.options)


def resolve(condition: Condition, parameters: dict[str, int]) -> Condition:
    """The condition with any parameter name replaced by its value."""
    months = ("within_months", "older_than_months")
    if (
        isinstance(condition, Test)
        and isinstance(condition.operand, str)
        and condition.operator in months
    ):
        return Test(**{condition.operator: parameters[condition.operand]})
    return condition


def describe(fact: str, condition: Condition) -> str:
    """The test in words, for the trace."""
    operator, operand = split(condition)
    if operator == "equals":
        return f"{fact} = {show(operand)}"  # type: ignore[arg-type]
    if operator == "one_of":
        return f"{fact} is one of {', '.join(show(v) for v in operand)}"  # type: ignore[union-attr]
    words = {
        "at_least": f"{fact} >= {operand}",
        "at_most": f"{fact} <= {operand}",
        "within_months": f"{fact} within {operand} months",
        "older_than_months": f"{fact} more than {operand} months ago",
    }
    return words[operator]


def regions(definition: FactDefinition, conditions: list[Condition]) -> list[Span]:
    """One point from each region in which every one of `conditions` is constant.

    Checking one point per region is exact: within a region no test changes its answer. This
    is how overlapping and missing cases are found when the rulebook loads.
    """
    if definition.type in ("level", "yes-no"):
        return [ChoiceSpan(frozenset([option])) for option in definition.options]
    cuts = {0}
    for condition in conditions:
        operator, operand = split(condition)
        if isinstance(operand, int) and not isinstance(operand, bool):
            cuts |= {operand, operand + 1} if operator == "equals" else {operand + 1}
            if operator == "at_least":
                cuts |= {operand}
    if definition.type == "count":
        return [CountSpan(point, point) for point in sorted(cuts)]
    return [DateSpan(None, True), *(DateSpan((age, age), False) for age in sorted(cuts))]
