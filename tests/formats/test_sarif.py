"""SARIF as code-review tools read it: valid against the official SARIF 2.1.0 schema (vendored
under tests/data, see its README), one rule per requirement, and each result on the line of
its evidence file where the deciding fact stands.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from compliance import __version__
from compliance.cli.commands import main
from compliance.render import FORMATS, RenderOptions
from compliance.result.run import Threshold
from tests import outputs
from tests.conftest import ROOT, RULES
from tests.test_hostile import raw_unsafe

SARIF = FORMATS["sarif"]
SCHEMA = json.loads((ROOT / "tests/data/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(SCHEMA)
    cls.check_schema(SCHEMA)
    # Every format jsonschema knows, uri-reference (an artifact's location) included.
    return cls(SCHEMA, format_checker=jsonschema.FormatChecker())


def valid(validator: jsonschema.protocols.Validator, text: str) -> dict[str, Any]:
    log = json.loads(text)
    assert [e.message for e in validator.iter_errors(log)] == []
    return log


def test_the_bundled_evidence_is_valid_sarif_with_a_rule_per_requirement(validator) -> None:
    run = outputs.bundled()
    log = valid(validator, SARIF.render(run, RenderOptions()))
    assert log["version"] == "2.1.0"
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("lscb-compliance", __version__)
    requirements = list(dict.fromkeys(v.requirement for r in run.results for v in r.verdicts))
    assert [rule["id"] for rule in driver["rules"]] == requirements
    lay = next(rule for rule in driver["rules"] if rule["id"] == "lay-members")
    verdict = run.results[1].verdict("lay-members")
    assert lay["name"] == "LayMembers"
    assert lay["shortDescription"]["text"] == verdict.title
    assert lay["fullDescription"]["text"] == verdict.summary
    # a square bracket is escaped in SARIF's plain text (3.11.6), as in "[V-S]"
    escaped = verdict.basis[0].cited.replace("[", "\\[").replace("]", "\\]")
    assert escaped in lay["help"]["text"]
    assert lay["properties"]["standing"] == verdict.standing == "duty"
    assert verdict.basis[0].cited in lay["properties"]["legalBasis"]
    assert verdict.basis[0].verification in lay["properties"]["certainty"]
    assert sarif_run["properties"]["rulebook"]["digest"] == run.rulebook.digest


@pytest.mark.parametrize("notes", [False, True])
@pytest.mark.parametrize("threshold", [Threshold(), Threshold.never(), outputs.STRICT])
def test_the_threshold_decides_the_errors_and_the_rest_are_warnings_or_notes(
    validator, threshold: Threshold, notes: bool
) -> None:
    """Notes (not-evidenced requirements) only when asked: 100 of 139 results were notes."""
    run = outputs.bundled()
    log = valid(validator, SARIF.render(run, RenderOptions(threshold=threshold, notes=notes)))
    found = [(r["properties"]["date"], r["ruleId"], r["level"]) for r in log["runs"][0]["results"]]
    expected = []
    for result in run.results:
        for v in result.verdicts:
            level = (
                "error"
                if threshold.fails(v)
                else {"unmet": "warning", "partly-met": "warning", "not-evidenced": "note"}.get(
                    v.verdict
                )
            )
            if level == "note" and not notes:
                continue
            if level:
                expected.append((result.assessment.date, v.requirement, level))
    assert found == expected
    assert sum(level == "error" for *_, level in found) == len(run.below(threshold))
    assert ("note" in {level for *_, level in found}) == notes


def test_a_result_points_at_the_line_of_the_deciding_fact(validator) -> None:
    run = outputs.bundled()
    log = valid(validator, SARIF.render(run, RenderOptions(notes=True)))
    results = log["runs"][0]["results"]
    (lay,) = (
        r for r in results if r["ruleId"] == "lay-members" and "2015" in r["properties"]["date"]
    )
    (location,) = lay["locations"]
    artifact = location["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": str(outputs.BEXLEY_2015), "uriBaseId": "%SRCROOT%"}
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["description"]["text"]
    line = location["physicalLocation"]["region"]["startLine"]
    text = (ROOT / outputs.BEXLEY_2015).read_text(encoding="utf-8").splitlines()
    assert text[line - 1] == "  lay_members_appointed:"
    assert "There is currently one lay member" in lay["message"]["text"]
    # undecided since the audit's L1: whether steps to recruit the second were taken
    assert lay["message"]["text"].startswith("lay-members: not-evidenced (duty)\nReason: ")
    for result in results:  # every result names a real line; a fact's line names that fact
        (where,) = result["locations"]
        uri = where["physicalLocation"]["artifactLocation"]["uri"]
        start = where["physicalLocation"]["region"]["startLine"]
        lines = (ROOT / uri).read_text(encoding="utf-8").splitlines()
        judged = next(r for r in run.results if str(r.path) == uri)
        verdict = judged.verdict(result["ruleId"])
        stated = [f for f in verdict.facts if f.line is not None]
        if stated:
            assert lines[start - 1] == f"  {stated[0].name}:"
        elif verdict.parts and start != 1:  # a composite: at a line one of its parts points to
            parts = [judged.verdict(p.requirement) for p in verdict.parts]
            facts = {f.name for part in parts for f in part.facts if f.line is not None}
            assert lines[start - 1].strip().rstrip(":") in facts
        else:
            assert start == 1


def test_a_composite_points_at_the_part_that_set_its_verdict(validator) -> None:
    run = outputs.bundled()
    log = valid(validator, SARIF.render(run, RenderOptions()))
    (annual,) = (
        r
        for r in log["runs"][0]["results"]
        if r["ruleId"] == "annual-report" and r["properties"]["date"] == "2015-02-26"
    )
    text = (ROOT / outputs.BEXLEY_2015).read_text(encoding="utf-8").splitlines()
    line = annual["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert text[line - 1] == "  annual_report_assessment:"  # annual-report-analysis decided it


def test_an_alert_keeps_its_fingerprint_from_run_to_run() -> None:
    first, again = (
        json.loads(SARIF.render(outputs.bundled(), RenderOptions()))["runs"][0]["results"]
        for _ in range(2)
    )
    prints = [r["partialFingerprints"] for r in first]
    assert prints == [r["partialFingerprints"] for r in again]
    assert len({json.dumps(p, sort_keys=True) for p in prints}) == len(prints)


def test_not_evidenced_says_what_to_ask_and_points_at_the_top(validator) -> None:
    run = outputs.bundled()
    log = valid(validator, SARIF.render(run, RenderOptions(notes=True)))
    verdict = run.results[1].verdict("chair-independent")
    assert (verdict.verdict, verdict.facts) == ("not-evidenced", ())
    (result,) = (
        r
        for r in log["runs"][0]["results"]
        if r["ruleId"] == "chair-independent" and r["properties"]["date"] == "2015-02-26"
    )
    assert result["level"] == "note"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert f"Ask the chair: {verdict.questions[0].text}" in result["message"]["text"]


def test_the_hostile_document_is_valid_and_inert(validator, tmp_path: Path) -> None:
    run = outputs.hostile(tmp_path)
    text = SARIF.render(run, RenderOptions(threshold=Threshold(frozenset({"met"}), frozenset())))
    assert raw_unsafe(text) == []
    log = valid(validator, text)
    results = log["runs"][0]["results"]
    (lay,) = (r for r in results if r["ruleId"] == "lay-members")
    assert lay["level"] == "error"
    message = lay["message"]["text"]
    assert "The board \\x1b\\[31mhas\\x1b\\[0m two lay members <script>" in message
    assert "\\u202egnp.exe\\u202c \\x9b2J" in message
    # SARIF reads [text](target) in a plain message as a link; escaped, it is text (3.11.6)
    assert "\\[the minutes\\](https://evil.example/phish)" in message
    assert "[the minutes]" not in message.replace("\\[", "").replace("\\]", "")
    artifact = lay["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": (tmp_path / "evidence.yaml").as_uri()}
    assert results[0]["properties"]["board"].startswith("Test \x1b]0;pwned")  # data, escaped


def test_a_path_with_spaces_is_a_valid_uri(validator, tmp_path: Path) -> None:
    with contextlib.chdir(tmp_path):
        relative = outputs.hostile(Path("a folder #1"))
    absolute = outputs.hostile(tmp_path / "a folder #1")
    uris = [
        valid(validator, SARIF.render(run, RenderOptions(notes=True)))["runs"][0]["results"][0][
            "locations"
        ][0]["physicalLocation"]["artifactLocation"]
        for run in (relative, absolute)
    ]
    assert uris[0] == {"uri": "a%20folder%20%231/evidence.yaml", "uriBaseId": "%SRCROOT%"}
    assert uris[1] == {"uri": (tmp_path / "a folder #1/evidence.yaml").as_uri()}
    assert uris[1]["uri"].endswith("/a%20folder%20%231/evidence.yaml")
    assert not jsonschema.FormatChecker().conforms("a folder/evidence.yaml", "uri-reference")


def test_a_comparison_is_a_result_per_regression_on_the_newer_file(validator) -> None:
    comparison = outputs.bexley()
    log = valid(validator, SARIF.compare(comparison, RenderOptions()))
    assert log["runs"][0]["results"] == []
    log = valid(validator, SARIF.compare(comparison, RenderOptions(threshold=outputs.STRICT)))
    (result,) = log["runs"][0]["results"]
    (move,) = comparison.regressions(outputs.STRICT)
    assert (result["ruleId"], result["level"]) == (move.requirement, "error")
    assert result["message"]["text"].startswith(
        f"{move.requirement} fell below the threshold: {move.why}\n\n"
    )
    assert result["properties"]["move"] == move.move
    artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact["uri"] == str(outputs.BEXLEY_2015)


def test_the_cli_writes_sarif_that_errors_on_what_fail_on_names(validator) -> None:
    args = ["assess", "--format", "sarif", "--rules", str(RULES), str(ROOT / "evidence")]
    result = CliRunner().invoke(main, [*args, "--fail-on", "unmet"], catch_exceptions=False)
    assert result.exit_code == 1
    levels = [r["level"] for r in valid(validator, result.stdout)["runs"][0]["results"]]
    assert levels.count("error") == len(outputs.bundled().below(Threshold()))
