"""The fact vocabulary: which facts evidence may state, their types, units and meaning.

It is the one contract between evidence and rules: evidence is validated against it, rule
conditions are type-checked against it, and the evidence JSON Schema is generated from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from compliance.dates import PartialDate
from compliance.validation import Strict, validate
from compliance.yamlsource import load_yaml

FactType = Literal["count", "yes-no", "date", "level"]
FACT_NAME = r"^[a-z][a-z0-9_]*$"


class FactDefinition(Strict):
    type: FactType
    meaning: str
    unit: str | None = None
    levels: dict[str, str] | None = None

    @model_validator(mode="after")
    def _shape_fits_type(self) -> FactDefinition:
        if self.type == "count" and not self.unit:
            raise ValueError("a count needs a 'unit' (what is counted)")
        if self.type == "level" and not self.levels:
            raise ValueError("a level needs 'levels', each defined in words")
        if self.type != "level" and self.levels:
            raise ValueError(f"only a level has 'levels', not a {self.type}")
        return self

    @property
    def level_names(self) -> list[str]:
        return list(self.levels or {})

    def value_type(self) -> Any:
        """The strict pydantic type a value of this fact must have."""
        if self.type == "count":
            return Annotated[int, Field(ge=0, strict=True)]
        if self.type == "yes-no":
            return Annotated[bool, Field(strict=True)]
        if self.type == "date":
            return PartialDate
        return Literal[tuple(self.level_names)]

    def accepts(self, value: Any) -> bool:
        """Whether a rule constant is a possible value of this fact (no coercion)."""
        if self.type == "count":
            return isinstance(value, int) and not isinstance(value, bool) and value >= 0
        if self.type == "yes-no":
            return isinstance(value, bool)
        if self.type == "level":
            return value in self.level_names
        return False  # dates are compared by age, never by equality

    def describe(self) -> str:
        if self.type == "count":
            return f"a whole number of {self.unit}"
        if self.type == "yes-no":
            return "yes or no (true/false)"
        if self.type == "date":
            return "a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        return "one of: " + ", ".join(self.level_names)


class Vocabulary(Strict):
    facts: dict[Annotated[str, Field(pattern=FACT_NAME)], FactDefinition]

    def __contains__(self, name: object) -> bool:
        return name in self.facts

    def __getitem__(self, name: str) -> FactDefinition:
        return self.facts[name]


def load_vocabulary(path: Path) -> Vocabulary:
    return validate(Vocabulary, load_yaml(path), "the fact vocabulary")
