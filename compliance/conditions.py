"""The condition language of the rulebook: what a rule may say about one fact.

A case in a rule is a conjunction: each named fact must satisfy one test. A bare value means
equality; otherwise a single operator. Keeping the language this small is deliberate: every
test maps to one durable_rules comparison against a constant, never a join comparison between
facts (which can crash the engine) and never negation (which it does not apply reliably).
"""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from compliance.validation import Strict
from compliance.vocabulary import FactDefinition

Scalar = bool | int | str
Operator = Literal["one_of", "at_least", "at_most", "within_months", "older_than_months"]


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
        return getattr(self, self.operator)


Condition = Scalar | Test
# durable_rules loops for ever compiling more than 512 sibling tests; a one_of becomes one
# sibling per value, so lists are kept far below that.
MAX_ONE_OF = 64


def check_condition(
    fact: str, definition: FactDefinition, condition: Condition, parameters: dict[str, int]
) -> str | None:
    """Why `condition` cannot apply to `fact`, or None when it is well typed."""
    if not isinstance(condition, Test):
        if definition.type == "date":
            return f"a date fact like '{fact}' is tested with within_months or older_than_months"
        return _impossible(fact, definition, [condition])
    operator, operand = condition.operator, condition.operand
    if operator == "one_of":
        return _impossible(fact, definition, operand)  # type: ignore[arg-type]
    wanted = "count" if operator in ("at_least", "at_most") else "date"
    if definition.type != wanted:
        return f"{operator} applies to {wanted}s; '{fact}' is a {definition.type}"
    if isinstance(operand, str) and operand not in parameters:
        return f"unknown parameter '{operand}'; declare it under 'parameters'"
    return None


def _impossible(fact: str, definition: FactDefinition, values: list[Scalar]) -> str | None:
    if len(values) > MAX_ONE_OF:
        return f"one_of lists at most {MAX_ONE_OF} values; split the case"
    bad = [v for v in values if not definition.accepts(v)]
    if bad:
        return f"{bad[0]!r} is not a possible value of '{fact}' ({definition.describe()})"
    return None


def resolve(condition: Condition, parameters: dict[str, int]) -> Condition:
    """The condition with any parameter name replaced by its value."""
    if (
        isinstance(condition, Test)
        and isinstance(condition.operand, str)
        and condition.operator
        in (
            "within_months",
            "older_than_months",
        )
    ):
        return Test(**{condition.operator: parameters[condition.operand]})
    return condition


def holds(condition: Condition, value: object, age_months: int | None) -> bool:
    """Plain-Python reading of a resolved condition, used to explain and to cross-check."""
    if not isinstance(condition, Test):
        return type(value) is type(condition) and value == condition
    operator, operand = condition.operator, condition.operand
    if operator == "one_of":
        return any(type(value) is type(v) and value == v for v in operand)  # type: ignore[union-attr]
    if operator == "at_least":
        return value >= operand  # type: ignore[operator]
    if operator == "at_most":
        return value <= operand  # type: ignore[operator]
    if operator == "within_months":
        return age_months is not None and age_months <= operand  # type: ignore[operator]
    return age_months is not None and age_months > operand  # type: ignore[operator]


def describe(fact: str, condition: Condition) -> str:
    """The test in words, for `lscb rules` and `lscb explain`."""
    if not isinstance(condition, Test):
        shown = str(condition).lower() if isinstance(condition, bool) else condition
        return f"{fact} = {shown}"
    words = {
        "one_of": "is one of",
        "at_least": ">=",
        "at_most": "<=",
        "within_months": "within (months)",
        "older_than_months": "older than (months)",
    }[condition.operator]
    operand = condition.operand
    shown = ", ".join(map(str, operand)) if isinstance(operand, list) else operand
    return f"{fact} {words} {shown}"
