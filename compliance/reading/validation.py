"""Turning pydantic's validation errors into one-line, located problems.

Pydantic reports a path into the data (`loc`); the YAML line index turns that into a line, and
the messages are rephrased where a person would otherwise have to decode pydantic's wording.
Values in the forms documents use (dates, counts) are parsed by plain validators, so a wrong
value gets one message that lists the forms accepted, not one per branch of a union.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, PlainValidator, ValidationError, WithJsonSchema

from compliance.reading.errors import InputError, Problem
from compliance.reading.inert import clip, excerpt
from compliance.reading.yamlfile import LoadedYaml
from compliance.values.dates import BOUND_KEYS, parse_date

Model = TypeVar("Model", bound=BaseModel)

_TYPE_WORDS = {
    "int": "a whole number",
    "bool": "yes or no (true/false)",
    "str": "text",
    "float": "a number",
    "dict": "a mapping (key: value lines)",
    "list": "a list (lines starting with '- ')",
    "date": "a date (YYYY-MM-DD)",
}
DATE_SCHEMA: dict[str, Any] = {
    "description": (
        "A date as precise as the source states it: YYYY, YYYY-MM, YYYY-MM-DD, a financial "
        "year YYYY/YY, 'never', or bounds."
    ),
    "anyOf": [
        {"type": "integer", "minimum": 1000, "maximum": 9999},
        {
            "type": "string",
            "pattern": r"^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|[0-9]{4}/[0-9]{2}|never)$",
        },
        {
            "type": "object",
            "properties": {key: {"type": ["string", "integer"]} for key in BOUND_KEYS},
            "additionalProperties": False,
            "minProperties": 1,
        },
    ],
}


class Strict(BaseModel):
    """Base for every data model: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def parsed(parse: Callable[[Any], Any], schema: dict[str, Any]) -> Any:
    """A field type whose value is made by `parse` (ValueError gives the user's message)."""
    return Annotated[Any, PlainValidator(parse), WithJsonSchema(schema)]


DateField = parsed(parse_date, DATE_SCHEMA)


def validate(
    model: type[Model], loaded: LoadedYaml, what: str, hints: Mapping[str, str] | None = None
) -> Model:
    """Validate `loaded.data` as `model`, raising `InputError` with a line per problem.

    `hints` says, for a key that is missing, what to write there.
    """
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        raise InputError(problems(exc, loaded, what, hints or {})) from None


def value_problem(loaded: LoadedYaml, loc: tuple[Any, ...], exc: ValueError) -> Problem:
    """A value parsed outside the model that did not parse: said as if the model had parsed it
    (as a `parsed` field does), at its line."""
    error = {"type": "value_error", "msg": f"Value error, {exc}", "input": None}
    return Problem(loaded.path, loaded.line_of(loc), _message(error, loc, "", {}))


def problems(
    exc: ValidationError, loaded: LoadedYaml, what: str, hints: Mapping[str, str]
) -> list[Problem]:
    found = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if not _is_union_tag(part))
        message = _message(error, loc, what, hints)
        found.append(Problem(loaded.path, loaded.line_of(loc), message))
    return found


_UNION_TAGS = {"int", "str", "bool", "float", "dict", "list"}


def _is_union_tag(part: Any) -> bool:
    # Pydantic inserts the name of the tried type ("int", "function-plain[...]") into loc.
    return isinstance(part, str) and ("[" in part or part in _UNION_TAGS)


def _message(
    error: dict[str, Any], loc: tuple[Any, ...], what: str, hints: Mapping[str, str]
) -> str:
    field = clip(".".join(str(p) for p in loc), 120) or what
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        return f"unknown key {excerpt(loc[-1])} in {what}; remove it or check its spelling"
    if kind == "missing":
        where = ".".join(str(p) for p in loc[:-1]) or what
        hint = f" ({hints[loc[-1]]})" if loc[-1] in hints else ""
        return f"missing '{loc[-1]}' in {clip(where, 120)}; add it{hint}"
    if kind.endswith("_type") or kind.endswith("_parsing"):
        wanted = _TYPE_WORDS.get(kind.split("_")[0], kind.removesuffix("_type"))
        return f"'{field}' must be {wanted}, got {shown(value)}"
    if kind == "literal_error":
        return f"'{field}' must be one of {error['ctx']['expected']}, got {shown(value)}"
    if kind == "too_short":
        least = error["ctx"]["min_length"]
        return f"'{field}' needs at least {least} item{'s' if least > 1 else ''}; it is empty"
    message = error["msg"].removeprefix("Value error, ")
    return f"'{field}': {message}"


def shown(value: Any) -> str:
    """A wrong value as an error message shows it, saying what kind of value it was."""
    if isinstance(value, str):
        return f"{excerpt(value)} (text)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return clip(repr(value), 60)
