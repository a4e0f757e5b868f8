"""The fact vocabulary: which facts evidence may state, their types, units, meaning and subject.

It is the one contract between evidence and rules: evidence is validated against it, rule
conditions are type-checked against it, and the evidence JSON Schema is generated from it.
Every fact says whom it is about (the board, the local authority, partner agencies, the area),
because the law keeps the council's own practice apart from the board's oversight of it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import Field, model_validator

from compliance.reading.near import did_you_mean
from compliance.reading.validation import DATE_SCHEMA, Strict, parsed, shown
from compliance.rulebook.cues import CUE_SCHEMA, parse_cue
from compliance.values import ChoiceValue, CountValue, DateValue, Value
from compliance.values.counts import FORMS as COUNT_FORMS
from compliance.values.counts import parse_count
from compliance.values.dates import FORMS as DATE_FORMS
from compliance.values.dates import parse_date

FactType = Literal["count", "yes-no", "date", "level"]
About = Literal["board", "local-authority", "partners", "area"]
# Whom a peer team would ask: `lscb gaps` groups its questions by this.
Ask = Literal["chair", "business-manager", "local-authority", "partner-agencies"]
ASK_ORDER: tuple[str, ...] = get_args(Ask)
FACT_NAME = r"^[a-z][a-z0-9_]*$"
YES_NO = (False, True)


class FactDefinition(Strict):
    type: FactType
    about: About
    ask: Ask
    meaning: str
    unit: str | None = None
    levels: dict[str, str] | None = None
    # Which way is better for the board: "more" (a higher count, a later date, yes, a later
    # level) or "less" (a count of things gone wrong). Rules are property-tested to be
    # monotone in this direction: better evidence never gives a worse verdict.
    better: Literal["more", "less"] = "more"
    # What `lscb extract` looks for this fact by: phrases and patterns, each with a weight
    # (`rulebook.cues`). Data, so that improving a fact's draft needs no Python.
    cues: list[parsed(parse_cue, CUE_SCHEMA)] = Field(default_factory=list)  # type: ignore[valid-type]

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
    def options(self) -> tuple[str | bool, ...]:
        """The possible values of a level or yes-no fact, in declared order."""
        if self.type == "yes-no":
            return YES_NO
        return tuple(self.levels or ())

    def unknown(self) -> Value:
        """What a fact the evidence does not state could be: every value of its type."""
        if self.type == "count":
            return CountValue.unknown()
        if self.type == "date":
            return DateValue.unknown()
        return ChoiceValue(self.options)

    def parse(self, raw: Any) -> Value:
        """A stated value, in any form a document may use (ValueError teaches the forms)."""
        if self.type == "count":
            return parse_count(raw)
        if self.type == "date":
            return parse_date(raw)
        if self.type == "yes-no":
            if isinstance(raw, bool):
                return ChoiceValue((raw,))
            said = str(raw).strip().lower()
            near = {"yes": "true", "no": "false", "true": "true", "false": "false"}.get(said)
            hint = f"; write {near}, without quotes" if near else ""
            raise ValueError(f"expected yes or no (true/false), got {shown(raw)}{hint}")
        return self._parse_level(raw)

    def _parse_level(self, raw: Any) -> ChoiceValue:
        names = raw.get("one_of") if isinstance(raw, dict) and set(raw) == {"one_of"} else [raw]
        if isinstance(names, list) and names and all(n in self.options for n in names):
            return ChoiceValue.of(names, self.options)
        near = did_you_mean(raw, self.options)  # type: ignore[arg-type]
        raise ValueError(f"expected {self.forms()}, got {shown(raw)}{near}")

    def forms(self) -> str:
        """The forms a value may take, in words (for errors and the schema)."""
        if self.type == "count":
            return f"{COUNT_FORMS} ({self.unit})"
        if self.type == "date":
            return DATE_FORMS
        if self.type == "yes-no":
            return "yes or no (true/false)"
        listed = ", ".join(self.options)  # type: ignore[arg-type]
        return f"one of {listed}, or {{one_of: [...]}} where the source fits more than one"

    def describe(self) -> str:
        """The type in a few words, for `lscb rules` and error messages."""
        if self.type == "count":
            return f"a whole number of {self.unit}"
        if self.type == "date":
            return "a date (as precise as the source)"
        if self.type == "yes-no":
            return "yes or no (true/false)"
        return "one of: " + ", ".join(self.options)  # type: ignore[arg-type]

    def json_schema(self) -> dict[str, Any]:
        if self.type == "count":
            bound = {"type": "integer", "minimum": 0}
            return {
                "anyOf": [
                    bound,
                    {
                        "type": "object",
                        "properties": {"at_least": bound, "at_most": bound},
                        "additionalProperties": False,
                        "minProperties": 1,
                    },
                ]
            }
        if self.type == "date":
            return dict(DATE_SCHEMA)
        if self.type == "yes-no":
            return {"type": "boolean"}
        names = {"enum": list(self.options)}
        return {
            "anyOf": [
                names,
                {
                    "type": "object",
                    "properties": {"one_of": {"type": "array", "items": names, "minItems": 1}},
                    "required": ["one_of"],
                    "additionalProperties": False,
                },
            ]
        }


# A composite requirement reads its parts' verdicts as facts of this kind.
VERDICT_FACT = FactDefinition(
    type="level",
    about="board",
    ask="chair",
    meaning="The verdict on a part of a composite requirement.",
    levels={
        "met": "The part is met.",
        "partly-met": "The part is partly met.",
        "unmet": "The part is not met.",
        "not-applicable": "The part was not in force on the date.",
    },
)


class Vocabulary(Strict):
    facts: dict[Annotated[str, Field(pattern=FACT_NAME)], FactDefinition]

    def __contains__(self, name: object) -> bool:
        return name in self.facts

    def __getitem__(self, name: str) -> FactDefinition:
        return self.facts[name]
