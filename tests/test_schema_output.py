"""The JSON outputs follow the schemas committed under schemas/, and those are what the code
generates: a reader can validate what we write, and the contract cannot drift unseen.

And the evidence schema serves an editor: an evidence file that names it on its first line
still loads, and `lscb init` writes that line.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from compliance import __version__, api
from compliance.cli.commands import main
from compliance.reading.yamlfile import load_yaml
from compliance.render import FORMATS, RenderOptions
from compliance.render.documents import (
    FORMAT_VERSION,
    KINDS,
    Kind,
    Summary,
    output_schema,
    schema_file_name,
)
from compliance.result.run import VERDICTS
from tests import outputs
from tests.conftest import EVIDENCE, ROOT, RULES

SCHEMAS = ROOT / "schemas"


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def validator(kind: Kind) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / schema_file_name(kind)).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def errors(kind: Kind, document: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator(kind).iter_errors(document)]


@pytest.mark.parametrize("kind", KINDS)
def test_the_committed_schema_is_what_the_code_generates(kind: Kind) -> None:
    committed = (SCHEMAS / schema_file_name(kind)).read_text(encoding="utf-8")
    generated = json.dumps(output_schema(kind), indent=2, ensure_ascii=False) + "\n"
    assert committed == generated, (
        f"the result models changed: raise FORMAT_VERSION if the shape changed, then write "
        f"schemas/ anew with: lscb schema --of {kind} > schemas/{schema_file_name(kind)}"
    )
    assert cli("schema", "--of", kind) == (0, committed, "")


@pytest.mark.parametrize("kind", KINDS)
def test_each_schema_is_valid_draft_2020_12_and_names_its_version(kind: Kind) -> None:
    schema = output_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:lscb-compliance:schema:{kind}:v{FORMAT_VERSION}"
    assert schema["properties"]["format"] == {
        "const": FORMAT_VERSION,
        "description": "Which schema it follows.",
    }
    assert schema["properties"]["kind"]["const"] == kind


def test_lscb_schema_still_prints_the_evidence_schema_by_default() -> None:
    code, out, _ = cli("schema", "--rules", str(RULES))
    assert code == 0
    assert json.loads(out) == api.evidence_schema(RULES)
    assert json.loads(out) != output_schema("assessment")


def test_the_bundled_assessment_follows_its_schema() -> None:
    run = outputs.bundled()
    document = json.loads(FORMATS["json"].render(run, RenderOptions()))
    assert errors("assessment", document) == []
    assert (document["tool"], document["version"]) == ("lscb-compliance", __version__)
    assert (document["format"], document["kind"]) == (FORMAT_VERSION, "assessment")
    assert [r["path"] for r in document["results"]] == [str(r.path) for r in run.results]


def test_the_cli_writes_what_the_schema_describes() -> None:
    code, out, _ = cli("assess", "--format", "json", "--rules", str(RULES), str(EVIDENCE))
    assert code == 0
    assert errors("assessment", json.loads(out)) == []


def test_the_hostile_document_follows_the_schema(tmp_path: Path) -> None:
    document = json.loads(FORMATS["json"].render(outputs.hostile(tmp_path), RenderOptions()))
    assert errors("assessment", document) == []
    assert document["results"][0]["assessment"]["board"].startswith("Test \x1b]0;pwned\x07")


def test_a_comparison_of_the_two_bexley_files_follows_its_schema() -> None:
    comparison = outputs.bexley()
    document = json.loads(FORMATS["json"].compare(comparison, RenderOptions()))
    assert errors("comparison", document) == []
    assert document["kind"] == "comparison"
    assert (document["old"]["path"], document["new"]["path"]) == (
        str(outputs.BEXLEY_2014),
        str(outputs.BEXLEY_2015),
    )
    assert [m["requirement"] for m in document["moves"]] == [
        m.requirement for m in comparison.moves
    ]
    assert document["new"]["summary"] == comparison.new.counts()
    assert errors("assessment", document) != []  # a comparison is not an assessment


def test_the_schemas_are_closed_so_a_change_of_shape_is_caught() -> None:
    good = json.loads(FORMATS["json"].render(outputs.bundled(), RenderOptions()))
    added = copy.deepcopy(good)
    added["results"][0]["verdicts"][0]["severity"] = "high"
    dropped = copy.deepcopy(good)
    del dropped["results"][0]["verdicts"][0]["standing"]
    older = {**good, "format": 2}
    unknown = copy.deepcopy(good)
    unknown["results"][0]["verdicts"][0]["verdict"] = "compliant"
    for document in (added, dropped, older, unknown):
        assert errors("assessment", document) != []


def test_the_summary_names_every_verdict() -> None:
    assert tuple(Summary.__annotations__) == VERDICTS


# -- editors ---------------------------------------------------------------------------------

SCHEMA_LINE = "# yaml-language-server: $schema=./evidence.schema.json\n"


def test_an_evidence_file_may_name_its_schema_for_an_editor(tmp_path: Path) -> None:
    original = EVIDENCE / "bexley-2015-lga-diagnostic.yaml"
    named = tmp_path / "evidence" / original.name
    named.parent.mkdir()
    (named.parent / "sources").symlink_to(EVIDENCE / "sources")
    named.write_text(SCHEMA_LINE + original.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_yaml(named).data == load_yaml(original).data
    before, after = (
        api.Assessor(RULES, source_root=EVIDENCE).assess([p]).results[0] for p in (original, named)
    )
    assert [v.verdict for v in after.verdicts] == [v.verdict for v in before.verdicts]
    # Every fact's line moves down by the one added line, and nothing else moves.
    lines = [[f.line for v in r.verdicts for f in v.facts] for r in (before, after)]
    assert lines[1] == [line + 1 for line in lines[0] if line is not None]
    assert lines[0]


def test_init_names_the_schema_on_its_first_line(tmp_path: Path) -> None:
    text = api.evidence_skeleton("Exampleshire LSCB", "Exampleshire", dt.date(2016, 3, 31), RULES)
    assert text.startswith(SCHEMA_LINE)
    path = tmp_path / "self.yaml"
    path.write_text(text, encoding="utf-8")
    schema = api.evidence_schema(RULES)
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(load_yaml(path).data)) == []


# Editors' YAML language servers implement JSON Schema draft-07 (yaml-language-server 1.25
# validated the bundled evidence with this schema, and flagged the broken fixtures, when last
# checked by hand); the evidence schema keeps to what draft-07 knows, so they apply all of it.
DRAFT_7_KEYWORDS = {
    *("$ref", "$schema", "$defs", "title", "description", "default", "type", "enum", "const"),
    *("anyOf", "oneOf", "allOf", "not", "items", "minItems", "maxItems", "required"),
    *("additionalProperties", "minProperties", "maxProperties", "pattern", "format"),
    *("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength"),
}


def keywords(node: Any) -> set[str]:
    if isinstance(node, list):
        return set().union(*map(keywords, node)) if node else set()
    if not isinstance(node, dict):
        return set()
    found = set(node) - {"properties", "$defs"}
    for key, value in node.items():
        children = value.values() if key in ("properties", "$defs") else [value]
        found |= set().union(*map(keywords, children)) if children else set()
    return found


def test_the_evidence_schema_keeps_to_what_an_editor_applies() -> None:
    schema = api.evidence_schema(RULES)
    assert keywords(schema) <= DRAFT_7_KEYWORDS
    draft_7 = jsonschema.Draft7Validator(schema)
    for path in sorted(EVIDENCE.glob("*.yaml")):
        assert list(draft_7.iter_errors(load_yaml(path).data)) == [], path.name
    broken = ROOT / "tests/fixtures/broken/unknown-fact.yaml"
    assert list(draft_7.iter_errors(load_yaml(broken).data))
