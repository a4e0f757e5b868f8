"""How values become durable_rules messages, and conditions become durable_rules tests.

Both sides live here because they must agree: a case's rule fires exactly when every one of its
tests is *possible* over the values the evidence leaves open (see rulebook.conditions).

- a level or yes/no fact carries one 0/1 property per option (`p0`, `p1`, ...): 1 if possible;
- a count carries its least and greatest possible value (`lo`, `hi`);
- a date carries whether a date and whether 'never' are possible (`dated`, `never`) and its
  least and greatest age in months before the evidence date (`age_lo`, `age_hi`).

Every test compares one property with a constant; "no upper bound" is the constant `UNBOUNDED`.
"""

from __future__ import annotations

from typing import Any

from compliance.rulebook.conditions import ChoiceSpan, Condition, CountSpan, Span, split
from compliance.rulebook.vocabulary import FactDefinition

UNBOUNDED = 10**9
PROPERTIES = ("lo", "hi", "dated", "never", "age_lo", "age_hi")


def option_property(index: int) -> str:
    return f"p{index}"


def properties(definition: FactDefinition, span: Span) -> dict[str, int]:
    """The message properties that carry a span."""
    if isinstance(span, ChoiceSpan):
        return {
            option_property(i): int(option in span.options)
            for i, option in enumerate(definition.options)
        }
    if isinstance(span, CountSpan):
        return {"lo": _bound(span.low), "hi": _bound(span.high)}
    least, most = span.ages if span.ages is not None else (0, 0)
    return {
        "dated": int(span.ages is not None),
        "never": int(span.never),
        "age_lo": least,
        "age_hi": _bound(most),
    }


def tests(definition: FactDefinition, condition: Condition) -> list[dict[str, Any]]:
    """The durable_rules tests (to be joined by $and) that say the condition is possible."""
    operator, operand = split(condition)
    if definition.type in ("level", "yes-no"):
        values = operand if operator == "one_of" else [operand]
        alternatives = [{_option(definition, v): 1} for v in values]  # type: ignore[union-attr]
        return alternatives if len(alternatives) == 1 else [{"$or": alternatives}]
    if definition.type == "count":
        return {
            "equals": [{"$lte": {"lo": operand}}, {"$gte": {"hi": operand}}],
            "at_least": [{"$gte": {"hi": operand}}],
            "at_most": [{"$lte": {"lo": operand}}],
        }[operator]
    return {
        "equals": [{"never": 1}],
        "within_months": [{"dated": 1}, {"$lte": {"age_lo": operand}}],
        "older_than_months": [{"dated": 1}, {"$gt": {"age_hi": operand}}],
    }[operator]


def option_properties(definition: FactDefinition) -> list[str]:
    return [option_property(i) for i in range(len(definition.options))]


def _option(definition: FactDefinition, value: Any) -> str:
    index = next(
        i for i, o in enumerate(definition.options) if type(o) is type(value) and o == value
    )
    return option_property(index)


def _bound(value: int | None) -> int:
    return UNBOUNDED if value is None else min(value, UNBOUNDED)
