"""Turning pydantic's validation errors into one-line, located problems.

Pydantic reports a path into the data (`loc`); the YAML line index turns that into a line, and
the messages are rephrased where a person would otherwise have to decode pydantic's wording.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from compliance.errors import InputError, Problem
from compliance.yamlsource import LoadedYaml

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


class Strict(BaseModel):
    """Base for every data model: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def validate(model: type[Model], loaded: LoadedYaml, what: str) -> Model:
    """Validate `loaded.data` as `model`, raising `InputError` with a line per problem."""
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        raise InputError(_problems(exc, loaded, what)) from None


def _problems(exc: ValidationError, loaded: LoadedYaml, what: str) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if not _is_union_tag(part))
        problems.append(Problem(loaded.path, loaded.line_of(loc), _message(error, loc, what)))
    return problems


def _is_union_tag(part: Any) -> bool:
    # Pydantic inserts the name of the tried type ("int", "function-plain[...]") into loc.
    return isinstance(part, str) and ("[" in part or part in _TYPE_WORDS)


def _message(error: dict[str, Any], loc: tuple[Any, ...], what: str) -> str:
    field = ".".join(str(p) for p in loc) or what
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        return f"unknown key '{loc[-1]}' in {what}; remove it or check its spelling"
    if kind == "missing":
        return f"missing '{loc[-1]}' in {what}; add it"
    if kind.endswith("_type") or kind.endswith("_parsing"):
        wanted = _TYPE_WORDS.get(kind.split("_")[0], kind.removesuffix("_type"))
        return f"'{field}' must be {wanted}, got {_shown(value)}"
    if kind == "literal_error":
        return f"'{field}' must be one of {error['ctx']['expected']}, got {_shown(value)}"
    if kind == "too_short":
        least = error["ctx"]["min_length"]
        return f"'{field}' needs at least {least} item{'s' if least > 1 else ''}; it is empty"
    message = error["msg"].removeprefix("Value error, ")
    return f"'{field}': {message}"


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}' (text)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)
