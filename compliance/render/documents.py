"""The JSON documents we write, their format version, and the JSON Schema of each.

A program reading our JSON needs a contract it can check, not prose. The schemas are generated
from the result models themselves (pydantic reads the dataclasses) and closed: every field is
required and none beyond those listed is allowed, so a document that validates against the
schema of its format is exactly what a reader of that format expects, and any change of shape
shows as a failing test until `FORMAT_VERSION` is raised and the schema files under `schemas/`
are written anew (`tests/test_schema_output.py` keeps the files equal to what is generated here).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import TypeAdapter
from typing_extensions import TypedDict  # pydantic reads only this TypedDict on Python 3.11

from compliance import __version__
from compliance.result.compare import Comparison, RequirementMove
from compliance.result.run import Result, RulebookInfo, RunResult

# Raise it on any change of shape: a field added, removed, renamed or retyped, or a new value
# of an enumerated field (a verdict, a move). Format 6 adds each verdict's `force` (of what
# decided it), `decided_by_part` and `grounds`, each basis's `decides`, a quote's `quoting` (the
# document whose words a quote gives, when its source quotes another), a finding's `grade` (an
# inspectorate's graded judgement on its own scale, or null; its `says` may then be null), and
# a move's cause `finding`. Format 5 adds a locator's `page` and `line`, and
# `found` (no locator given: where the tool found the quote). Format 4 gives a quote's locator as data
# ({"paragraph": N} or {"section": "..."}), not words; 3 added `kind`; 2 had no schema.
FORMAT_VERSION = 6
TOOL = "lscb-compliance"
Kind = Literal["assessment", "comparison"]
KINDS: tuple[Kind, ...] = ("assessment", "comparison")
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# How many verdicts of each name an evidence file got; every name is present, zeros included.
Summary = TypedDict(
    "Summary",
    {"met": int, "partly-met": int, "unmet": int, "not-evidenced": int, "not-applicable": int},
)


@dataclass(frozen=True)
class AssessedFile(Result):
    """The verdicts on one evidence file, with how many there are of each (`summary`)."""

    summary: Summary


class Envelope(TypedDict):
    tool: str  # always "lscb-compliance"
    version: str  # the version of lscb-compliance that wrote it
    format: int  # FORMAT_VERSION: which schema the document follows
    kind: str  # which document this is: "assessment" or "comparison"


class AssessmentDocument(Envelope):
    """`lscb assess --format json`: every evidence file's verdicts with their whole trace."""

    rulebook: RulebookInfo
    results: tuple[AssessedFile, ...]


class ComparisonDocument(Envelope):
    """Two assessments of one board, and how each requirement moved between them."""

    rulebook: RulebookInfo
    old: AssessedFile
    new: AssessedFile
    moves: tuple[RequirementMove, ...]


DOCUMENTS: dict[Kind, type] = {
    "assessment": AssessmentDocument,
    "comparison": ComparisonDocument,
}


def assessment_document(run: RunResult) -> dict[str, Any]:
    return {
        **_envelope("assessment"),
        "rulebook": dataclasses.asdict(run.rulebook),
        "results": [_assessed(result) for result in run.results],
    }


def comparison_document(comparison: Comparison) -> dict[str, Any]:
    return {
        **_envelope("comparison"),
        "rulebook": dataclasses.asdict(comparison.rulebook),
        "old": _assessed(comparison.old),
        "new": _assessed(comparison.new),
        "moves": [dataclasses.asdict(move) for move in comparison.moves],
    }


def _envelope(kind: Kind) -> dict[str, Any]:
    return {"tool": TOOL, "version": __version__, "format": FORMAT_VERSION, "kind": kind}


def _assessed(result: Result) -> dict[str, Any]:
    return {**dataclasses.asdict(result), "summary": result.counts()}


def schema_id(kind: Kind) -> str:
    """A name, not an address: the schema is in the package and in `schemas/`, never fetched."""
    return f"urn:lscb-compliance:schema:{kind}:v{FORMAT_VERSION}"


def schema_file_name(kind: Kind) -> str:
    return f"{kind}.v{FORMAT_VERSION}.schema.json"


def output_schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the document of this kind, in this format version."""
    document = DOCUMENTS[kind]
    generated = TypeAdapter(document).json_schema(mode="serialization")
    _close(generated)
    properties = generated["properties"]
    properties["tool"] = {"const": TOOL}
    properties["version"] = {"type": "string", "description": "The lscb version that wrote it."}
    properties["format"] = {"const": FORMAT_VERSION, "description": "Which schema it follows."}
    properties["kind"] = {"const": kind, "description": "Which document it is."}
    generated.pop("title", None)
    return {
        "$schema": DRAFT,
        "$id": schema_id(kind),
        "title": f"lscb-compliance {kind}, format {FORMAT_VERSION}",
        **generated,
    }


def _close(node: Any) -> None:
    """Every object with listed fields requires them all and allows no other, recursively.

    `dataclasses.asdict` writes every field, defaults included, so each is always present; the
    per-field titles and defaults pydantic adds say nothing a reader needs, and go.
    """
    if isinstance(node, list):
        for item in node:
            _close(item)
        return
    if not isinstance(node, dict):
        return
    fields = node.get("properties")
    if isinstance(fields, dict) and node.get("type") == "object":
        node["required"] = list(fields)
        node["additionalProperties"] = False
        for field in fields.values():
            if isinstance(field, dict):
                field.pop("title", None)
                field.pop("default", None)
                if field.get("format") == "path":  # pydantic's, for a Path; no JSON format
                    del field["format"]
    for value in node.values():
        _close(value)
