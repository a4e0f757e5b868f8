"""Evidence files: one assessment of one board at one date, with facts quoted from sources.

The evidence model is generated from the fact vocabulary, so the vocabulary is the only place
a fact is declared; the same model validates files and produces the JSON Schema for editors.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, create_model, model_validator

from compliance.dates import PartialDate
from compliance.errors import InputError, Problem
from compliance.sources import SourceText
from compliance.validation import Strict, validate
from compliance.vocabulary import Vocabulary
from compliance.yamlsource import LoadedYaml, load_yaml

AssessmentKind = Literal["inspection", "peer-review", "self-assessment"]
MIN_QUOTE_WORDS = 3


class Assessment(Strict):
    board: str
    area: str
    date: dt.date = Field(description="The date the evidence speaks for.")
    date_basis: str = Field(description="Why this date: what in the sources fixes it.")
    kind: AssessmentKind
    title: str


class SourceRef(Strict):
    file: str = Field(description="Path of the plain-text document, relative to this file.")
    title: str
    publisher: str
    published: PartialDate


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


class FactEntry(Strict):
    citations: Annotated[list[Citation], Field(min_length=1)]
    note: str | None = Field(default=None, description="How the value was read from the quotes.")


@dataclass(frozen=True)
class Fact:
    name: str
    value: Any
    citations: tuple[Citation, ...]
    note: str | None


@dataclass(frozen=True)
class Evidence:
    path: Path
    assessment: Assessment
    sources: dict[str, SourceRef]
    facts: dict[str, Fact]

    @property
    def date(self) -> dt.date:
        return self.assessment.date

    def values(self) -> dict[str, Any]:
        return {name: fact.value for name, fact in self.facts.items()}


_MODELS: dict[int, tuple[Vocabulary, type[BaseModel]]] = {}


def evidence_model(vocabulary: Vocabulary) -> type[BaseModel]:
    """The pydantic model of an evidence file under this vocabulary (built once per vocabulary)."""
    cached = _MODELS.get(id(vocabulary))
    if cached is None or cached[0] is not vocabulary:
        cached = _MODELS[id(vocabulary)] = (vocabulary, _build_model(vocabulary))
    return cached[1]


def _build_model(vocabulary: Vocabulary) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for name, definition in vocabulary.facts.items():
        entry = create_model(
            f"Fact_{name}",
            __base__=FactEntry,
            __doc__=definition.meaning,
            value=(definition.value_type(), Field(description=definition.describe())),
        )
        fields[name] = (entry | None, Field(default=None, description=definition.meaning))
    facts = create_model("Facts", __base__=Strict, __doc__="Observations, each quoted.", **fields)
    return create_model(
        "EvidenceFile",
        __base__=Strict,
        __doc__="One assessment of one Local Safeguarding Children Board at one date.",
        assessment=(Assessment, ...),
        sources=(Annotated[dict[str, SourceRef], Field(min_length=1)], ...),
        facts=(facts, ...),
    )


def load_evidence(path: Path, vocabulary: Vocabulary) -> Evidence:
    """Load, validate and verify one evidence file (every quote checked in its source)."""
    loaded = load_yaml(path)
    _reject_unknown_facts(loaded, vocabulary)
    model = validate(evidence_model(vocabulary), loaded, "the evidence file")
    facts = {
        name: Fact(name, entry.value, tuple(entry.citations), entry.note)
        for name, entry in model.facts  # type: ignore[attr-defined]
        if entry is not None
    }
    evidence = Evidence(path, model.assessment, dict(model.sources), facts)  # type: ignore[attr-defined]
    problems = _check_dates(evidence, loaded) + _check_citations(evidence, loaded)
    if problems:
        raise InputError(problems)
    return evidence


def _reject_unknown_facts(loaded: LoadedYaml, vocabulary: Vocabulary) -> None:
    """Name the unknown fact and the nearest known one, which pydantic's message cannot."""
    facts = loaded.data.get("facts") if isinstance(loaded.data, dict) else None
    if not isinstance(facts, dict):
        return
    problems = []
    for name in facts:
        if name not in vocabulary:
            near = difflib.get_close_matches(str(name), list(vocabulary.facts), n=1)
            hint = f"did you mean '{near[0]}'?" if near else "see `lscb schema` for the known facts"
            problems.append(
                Problem(
                    loaded.path, loaded.line_of(("facts", name)), f"unknown fact '{name}'; {hint}"
                )
            )
    if problems:
        raise InputError(problems)


def _check_dates(evidence: Evidence, loaded: LoadedYaml) -> list[Problem]:
    problems = []
    for fact in evidence.facts.values():
        if isinstance(fact.value, PartialDate) and fact.value.earliest > evidence.date:
            problems.append(
                Problem(
                    loaded.path,
                    loaded.line_of(("facts", fact.name, "value")),
                    f"'{fact.name}' is {fact.value}, after the evidence date {evidence.date}; "
                    "an observation cannot be of the future",
                )
            )
    return problems


def _check_citations(evidence: Evidence, loaded: LoadedYaml) -> list[Problem]:
    problems = []
    for fact in evidence.facts.values():
        for i, citation in enumerate(fact.citations):
            key = ("facts", fact.name, "citations", i)
            message, field = _citation_problem(evidence, citation)
            if message:
                problems.append(Problem(loaded.path, loaded.line_of((*key, field)), message))
    return problems


def _citation_problem(evidence: Evidence, citation: Citation) -> tuple[str | None, str]:
    ref = evidence.sources.get(citation.source)
    if ref is None:
        known = ", ".join(evidence.sources)
        return f"unknown source '{citation.source}'; declared sources: {known}", "source"
    path = (evidence.path.parent / ref.file).resolve()
    if not path.is_file():
        return (
            f"source file not found: {ref.file} (source '{citation.source}'); "
            "put the document there or fix the path"
        ), "source"
    text = read_source(path)
    spans = text.find(citation.quote)
    if not spans:
        line, differs = text.closest(citation.quote)
        where = f"; it matches up to line {line}, then differs at '{differs}'" if line else ""
        return (
            f"quote not found in {ref.file}{where}; copy it verbatim from the document"
        ), "quote"
    if citation.paragraph is not None:
        wanted, kind = text.paragraph(citation.paragraph), f"paragraph {citation.paragraph}"
    else:
        wanted, kind = text.section(citation.section or ""), f"section '{citation.section}'"
    if not wanted:
        return f"{kind} not found in {ref.file}; check the locator", (
            "paragraph" if citation.paragraph is not None else "section"
        )
    if any(area.contains(span) for area in wanted for span in spans):
        return None, ""
    found = text.locate(spans[0])
    actual = (
        f"paragraph {found.paragraph}"
        if found.paragraph is not None
        else f"section '{found.heading}'"
    )
    return (
        f"the quote is at line {found.line} of {ref.file}, in {actual}, not in {kind}; "
        "fix the locator"
    ), "paragraph" if citation.paragraph is not None else "section"


@cache
def read_source(path: Path) -> SourceText:
    return SourceText.read(path)
