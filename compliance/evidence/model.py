"""The shape of an evidence file, generated from the rulebook's vocabulary.

One file is one assessment of one board: a header (`assessment`), the source documents quoted,
the facts (observations, each a statement or several, each quoted) and the findings (reviewers'
own conclusions, kept apart from observations). The model is generated from the fact
vocabulary and the declared source kinds, so the same model validates files and produces the
JSON Schema for editors.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field, create_model, model_validator

from compliance.reading.validation import DATE_SCHEMA, Strict, parsed
from compliance.rulebook import Rulebook
from compliance.rulebook.requirement import FindingSays
from compliance.values import DateValue, DayRange
from compliance.values.dates import parse_day_range

MIN_QUOTE_WORDS = 3
BOARD = "board"


def _bounded(raw: Any) -> DateValue:
    days, text = parse_day_range(raw)
    return DateValue(days, False, text)


BoundedDate = parsed(_bounded, DATE_SCHEMA)


class Assessment(Strict):
    """The evidence file's header: which board, on what date, from what kind of source."""

    board: str
    area: str
    date: BoundedDate = Field(description="The date the evidence speaks for, as precise as known.")
    date_basis: str = Field(description="Why this date: what in the sources fixes it.")
    kind: str
    title: str

    @property
    def days(self) -> DayRange:
        return self.date.days  # type: ignore[no-any-return]


class SourceRef(Strict):
    file: str = Field(description="Path of the plain-text document, relative to this file.")
    title: str
    publisher: str
    kind: str
    published: BoundedDate
    covers: BoundedDate | None = Field(
        default=None,
        description="The period the document speaks for (an inspection's dates, a report's "
        "year), if not its publication date.",
    )

    @property
    def speaks_for(self) -> DateValue:
        return self.covers or self.published  # type: ignore[no-any-return]


class Citation(Strict):
    source: str = Field(description="A key of `sources`.")
    paragraph: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="The numbered paragraph the quote stands in."
    )
    section: str | None = Field(
        default=None, description="The heading of the section the quote stands in (nearest above)."
    )
    quote: str = Field(description="Verbatim text of the source (line wraps may differ).")

    @model_validator(mode="after")
    def _one_locator(self) -> Citation:
        if (self.paragraph is None) == (self.section is None):
            raise ValueError(
                "give exactly one locator: paragraph (a number) or section (a heading)"
            )
        if len(self.quote.split()) < MIN_QUOTE_WORDS:
            raise ValueError(f"a quote needs at least {MIN_QUOTE_WORDS} words to be checkable")
        return self


Citations = Annotated[list[Citation], Field(min_length=1)]


class Statement(Strict):
    """One document's statement of a fact's value (the value field is added per fact)."""

    citations: Citations
    holds_for: BoundedDate | None = Field(
        default=None,
        description="The date the statement holds for, if not the date its source speaks for.",
    )
    note: str | None = Field(default=None, description="How the value was read from the quotes.")


class Finding(Strict):
    """A reviewer's own conclusion: shown beside the verdict, never taken for an observation."""

    about: str | Annotated[list[str], Field(min_length=1)] = Field(
        description="A requirement id, a list of them, or 'board'."
    )
    says: FindingSays
    by: str | None = Field(default=None, description="Who concluded it (default: the publisher).")
    on: BoundedDate | None = Field(
        default=None, description="When (default: what the source covers)."
    )
    citations: Citations
    note: str | None = None

    @property
    def subjects(self) -> list[str]:
        return [self.about] if isinstance(self.about, str) else list(self.about)


def _statements(raw: Any) -> Any:
    """One statement may be written on its own; several as a list."""
    return [raw] if isinstance(raw, dict) else raw


def evidence_model(rulebook: Rulebook) -> type[BaseModel]:
    """The pydantic model of an evidence file under this rulebook (built once per rulebook)."""
    cached = _MODELS.get(id(rulebook))
    if cached is None or cached[0] is not rulebook:
        cached = _MODELS[id(rulebook)] = (rulebook, _build(rulebook))
    return cached[1]


_MODELS: dict[int, tuple[Rulebook, type[BaseModel]]] = {}


def _none_is_empty(raw: Any) -> Any:
    """`facts:` with every entry still commented out (an `lscb init` skeleton) states nothing."""
    return {} if raw is None else raw


def _build(rulebook: Rulebook) -> type[BaseModel]:
    kinds = Literal[tuple(rulebook.source_kinds.kinds)]  # type: ignore[valid-type]
    header = create_model("Assessment", __base__=Assessment, kind=(kinds, ...))
    source = create_model("SourceRef", __base__=SourceRef, kind=(kinds, ...))
    fields: dict[str, Any] = {}
    for name, definition in rulebook.vocabulary.facts.items():
        statement = create_model(
            f"Statement_{name}",
            __base__=Statement,
            __doc__=definition.meaning,
            value=(
                parsed(definition.parse, definition.json_schema()),
                Field(description=definition.forms()),
            ),
        )
        entry = Annotated[
            list[statement],  # type: ignore[valid-type]
            BeforeValidator(_statements, json_schema_input_type=statement | list[statement]),  # type: ignore[valid-type]
            Field(min_length=1, description=f"About the {definition.about}: {definition.meaning}"),
        ]
        fields[name] = (entry | None, None)
    facts = create_model("Facts", __base__=Strict, __doc__="Observations, each quoted.", **fields)
    return create_model(
        "EvidenceFile",
        __base__=Strict,
        __doc__="One assessment of one Local Safeguarding Children Board at one date.",
        assessment=(header, ...),
        sources=(Annotated[dict[str, source], Field(min_length=1)], ...),  # type: ignore[valid-type]
        facts=(
            Annotated[facts, BeforeValidator(_none_is_empty, json_schema_input_type=facts | None)],
            Field(default_factory=facts),
        ),
        findings=(list[Finding], Field(default_factory=list)),
    )
