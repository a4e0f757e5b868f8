"""The shape of an evidence file: one model that reads every file, one that describes it.

One file is one assessment of one board: a header (`assessment`), the source documents quoted,
the facts (observations, each a statement or several, each quoted) and the findings (reviewers'
own conclusions, kept apart from observations).

Files are read by one generic model (`reading_model`): every fact's statements have the same
shape, and their values are kept as written, to be parsed by their fact's definition
(`evidence.load.validate_stage`), so that no class is made per fact. The JSON Schema for
editors (`evidence_model`) is generated from the fact vocabulary and the declared source kinds,
a class per fact, only when it is asked for.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    create_model,
    model_validator,
)

from compliance.reading.validation import DATE_SCHEMA, Strict, parsed
from compliance.rulebook import Rulebook
from compliance.rulebook.requirement import FindingSays
from compliance.values import DateValue, DayRange
from compliance.values.dates import UNKNOWN, parse_day_range, parse_publication

MIN_QUOTE_WORDS = 3
BOARD = "board"


def _bounded(raw: Any) -> DateValue:
    days, text = parse_day_range(raw)
    return DateValue(days, False, text)


BoundedDate = parsed(_bounded, DATE_SCHEMA)
# A publication date may be open ({after: 2015-05-13}) or 'unknown' (an undated web page).
PublishedDate = parsed(
    parse_publication,
    {
        **DATE_SCHEMA,
        "description": "When the document was published, as it says: a date, bounds (one "
        "end may be open), or 'unknown'.",
        "anyOf": [*DATE_SCHEMA["anyOf"], {"const": UNKNOWN}],
    },
)


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


class _Described:
    """What a source and a quoted document share: the date and the words that name them."""

    if TYPE_CHECKING:  # the fields, declared by each model (a mixin with fields reorders them)
        title: str
        publisher: str
        published: DateValue
        covers: DateValue | None

    @property
    def speaks_for(self) -> DateValue:
        """The date its words speak for: what it covers, else its publication date, which
        may be an interval or unknown (`evidence.dating` says what that allows)."""
        return self.covers or self.published

    @property
    def label(self) -> str:
        """The document in a few words, as a quote quoting it names it."""
        return f"{self.publisher}, {' '.join(self.title.split())} ({self.speaks_for.text})"


_COVERS = (
    "The period the document speaks for (an inspection's dates, a report's year), if not its "
    "publication date."
)


class SourceRef(_Described, Strict):
    file: str = Field(
        description="Path of the document, relative to this file: plain text, or a PDF "
        "(.pdf), an HTML page (.html, .htm) or a Word document (.docx)."
    )
    title: str
    publisher: str
    kind: str
    published: PublishedDate
    covers: BoundedDate | None = Field(default=None, description=_COVERS)


class QuotedDocument(_Described, Strict):
    """A document a source quotes that is not itself among the sources (no file to read)."""

    title: str
    publisher: str
    kind: str
    published: PublishedDate
    covers: BoundedDate | None = Field(default=None, description=_COVERS)


class Citation(Strict):
    source: str = Field(description="A key of `sources`.")
    page: Annotated[int, Field(ge=1)] | Annotated[str, Field(min_length=1)] | None = Field(
        default=None,
        description="The page the quote stands on: a number as counted from the first page "
        '(1, 2, ...), or a string as printed on the page ("iv", "12").',
    )
    paragraph: Annotated[int, Field(ge=1)] | None = Field(
        default=None,
        description="The numbered paragraph the quote stands in (on `page`, if given).",
    )
    section: str | None = Field(
        default=None,
        description="The heading of the section the quote stands in (nearest above; on "
        "`page`, if given).",
    )
    line: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="For a short text: the line the quote starts on."
    )
    quote: str = Field(
        description="Verbatim text of the source (line wraps may differ). With no locator, "
        "it must stand exactly once in the document."
    )
    quoting: str | QuotedDocument | None = Field(
        default=None,
        description="When the source quotes another document (a board's page quoting its "
        "Ofsted review): a key of `sources`, or the quoted document described (title, "
        "publisher, kind, published). The words then have its authority and date; the "
        "locator still points into `source`, where they were read.",
    )
    # Where the quote was found, when the file gives no locator: set as it is verified.
    _found: Any = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _one_locator(self) -> Citation:
        if self.paragraph is not None and self.section is not None:
            raise ValueError("give at most one of paragraph (a number) and section (a heading)")
        if self.line is not None and (
            self.paragraph is not None or self.section is not None or self.page is not None
        ):
            raise ValueError("line stands alone: give it without page, paragraph or section")
        if len(self.quote.split()) < MIN_QUOTE_WORDS:
            raise ValueError(f"a quote needs at least {MIN_QUOTE_WORDS} words to be checkable")
        return self

    @property
    def has_locator(self) -> bool:
        return any(
            value is not None for value in (self.page, self.paragraph, self.section, self.line)
        )


Citations = Annotated[list[Citation], Field(min_length=1)]


class Statement(Strict):
    """One document's statement of a fact's value (the value field is added per fact)."""

    citations: Citations
    holds_for: BoundedDate | None = Field(
        default=None,
        description="The date the statement holds for, if not the date its source speaks for.",
    )
    note: str | None = Field(default=None, description="How the value was read from the quotes.")


class GradeGiven(Strict):
    """An inspectorate's graded judgement on its own scale (`rules/grades.yaml`): shown as
    such, and never turned into met, partly-met or unmet."""

    scale: str = Field(description="A grade scale of the rulebook (e.g. ofsted-lscb-review).")
    grade: str = Field(description="One of the scale's grades (e.g. inadequate).")

    @model_validator(mode="before")
    @classmethod
    def _a_mapping(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise ValueError("give a grade as {scale: SCALE, grade: GRADE} (see rules/grades.yaml)")
        return data


class Finding(Strict):
    """A reviewer's own conclusion: shown beside the verdict, never taken for an observation.

    `says` is the conclusion in our terms, and only it may narrow an undecided verdict;
    `grade` is the inspectorate's judgement on its own scale, shown beside the verdicts and
    never read as `says`. A finding gives either or both."""

    about: str | Annotated[list[str], Field(min_length=1)] = Field(
        description="A requirement id, a list of them, or 'board'."
    )
    says: FindingSays | None = Field(
        default=None,
        description="The conclusion in our terms: met, partly-met, unmet or improvement-needed.",
    )
    grade: GradeGiven | None = Field(
        default=None, description="The inspectorate's graded judgement, on its own scale."
    )
    by: str | None = Field(default=None, description="Who concluded it (default: the publisher).")
    on: BoundedDate | None = Field(
        default=None, description="When (default: what the source covers)."
    )
    citations: Citations
    note: str | None = None

    @model_validator(mode="after")
    def _says_or_grade(self) -> Finding:
        if self.says is None and self.grade is None:
            raise ValueError(
                "a finding needs 'says' (our terms), 'grade' (the inspectorate's), or both"
            )
        return self

    @property
    def subjects(self) -> list[str]:
        return [self.about] if isinstance(self.about, str) else list(self.about)


def _statements(raw: Any) -> Any:
    """One statement may be written on its own; several as a list."""
    return [raw] if isinstance(raw, dict) else raw


class StatementAsWritten(Statement):
    """A statement with its value as the file writes it, to be parsed by its fact's definition."""

    value: Any


StatementsAsWritten = Annotated[
    list[StatementAsWritten], BeforeValidator(_statements), Field(min_length=1)
]


class FactsAsWritten(Strict):
    """Every fact's statements, under the fact's name (unknown names are refused before)."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, StatementsAsWritten | None]  # type: ignore[assignment]


def reading_model(rulebook: Rulebook) -> type[BaseModel]:
    """The model every evidence file under this rulebook is validated with."""
    return _reading_model(tuple(rulebook.source_kinds.kinds))


@lru_cache(maxsize=4)  # one per set of source kinds: every file of a run shares one
def _reading_model(kinds: tuple[str, ...]) -> type[BaseModel]:
    return _file_model(kinds, FactsAsWritten)


def evidence_model(rulebook: Rulebook) -> type[BaseModel]:
    """The pydantic model of an evidence file under this rulebook, a class per fact: its
    JSON Schema is the one editors use (`lscb schema`)."""
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
    return _file_model(tuple(rulebook.source_kinds.kinds), facts)


def _none_is_empty(raw: Any) -> Any:
    """`facts:` with every entry still commented out (an `lscb init` skeleton) states nothing."""
    return {} if raw is None else raw


def _file_model(kinds: tuple[str, ...], facts: type[BaseModel]) -> type[BaseModel]:
    kind = Literal[kinds]  # type: ignore[valid-type]
    header = create_model("Assessment", __base__=Assessment, kind=(kind, ...))
    source = create_model("SourceRef", __base__=SourceRef, kind=(kind, ...))
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
