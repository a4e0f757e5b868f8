"""The CLI as a user meets it: the commands the README and --help teach, on real files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from compliance.cli import main
from tests.conftest import EVIDENCE, ROOT

BEXLEY_2015 = str(EVIDENCE / "bexley-2015-lga-diagnostic.yaml")


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(ROOT)

    def invoke(*args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return invoke


def test_assess_prints_a_table_per_assessment_with_counts(run) -> None:
    code, out, err = run("assess", "evidence/")
    assert (code, err) == (0, "")
    assert out.count("5 requirements:") == 4
    assert "5 requirements: 3 met, 1 partly-met, 1 unmet, 0 not-evidenced, 0 not-applicable" in out
    assert '"It is appropriately constituted and includes two' in out
    assert "(para 119)" in out
    assert "WT 2015 ch.3" in out


def test_assess_json_carries_the_full_chain(run) -> None:
    code, out, _ = run("assess", "--format", "json", BEXLEY_2015)
    assert code == 0
    (assessment,) = json.loads(out)["assessments"]
    lay = next(v for v in assessment["verdicts"] if v["requirement"] == "lay-members")
    assert lay["verdict"] == "partly-met"
    assert "Working Together to Safeguard Children 2013" in lay["editions"]
    citation = lay["facts"][0]["citations"][0]
    assert citation["file"] == "sources/bexley-2015-lga-lscb-diagnostic-letter.txt"
    assert citation["quote"].startswith("There is currently one lay member")
    s11 = next(v for v in assessment["verdicts"] if v["requirement"] == "section-11-audits")
    assert s11["missing"] == ["section_11_audit_last_completed"]
    assert s11["questions"] == ["When was the most recent round of Section 11 audits completed?"]


def test_explain_shows_law_cases_facts_and_quotes(run) -> None:
    code, out, _ = run("explain", BEXLEY_2015, "lay-members")
    assert code == 0
    assert "Verdict: partly-met" in out
    assert (
        "the local authority must take reasonable steps to ensure that the LSCB includes two" in out
    )
    assert "partly-met  when lay_members_appointed = 1 [yes] <- matched" in out
    assert "met         when lay_members_appointed >= 2 [no]" in out
    assert "lay_member_recruitment_under_way = true\n                   [missing]" in out
    assert "There is currently one lay member, who is enthusiastic about her role." in out


def test_explain_names_what_to_ask_when_not_evidenced(run) -> None:
    code, out, _ = run("explain", BEXLEY_2015, "section-11-audits")
    assert code == 0
    assert "Not evidenced: questions to ask" in out
    assert "- When was the most recent round of Section 11 audits completed?" in out
    assert "Parameters: cycle_months = 24" in out


def test_explain_rejects_an_unknown_requirement(run) -> None:
    code, _, err = run("explain", BEXLEY_2015, "lay-member")
    assert code == 2
    assert "unknown requirement 'lay-member'" in err


def test_rules_as_of_shows_what_was_in_force_and_its_edition(run) -> None:
    code, out, _ = run("rules", "--as-of", "2015-02-26")
    assert code == 0
    assert "Rulebook on 2015-02-26: 5 requirements" in out
    assert "WT 2013" in out
    assert "WT 2015" not in out
    code, out, _ = run("rules", "--as-of", "2012-01-01")
    assert out.count("not in force") == 2  # section 11 and the annual report start with WT 2013


def test_schema_is_generated_from_the_vocabulary(run) -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    facts = schema["$defs"]["Facts"]["properties"]
    assert "lay_members_appointed" in facts
    assert schema["$defs"]["Facts"]["additionalProperties"] is False


def test_param_overrides_the_practice_norm(run, tmp_path: Path) -> None:
    bromley = str(EVIDENCE / "bromley-2016-ofsted-review.yaml")
    _, out, _ = run(
        "assess", "--format", "json", "--param", "section-11-audits.cycle_months=12", bromley
    )
    s11 = next(
        v
        for v in json.loads(out)["assessments"][0]["verdicts"]
        if v["requirement"] == "section-11-audits"
    )
    assert s11["parameters"] == {"cycle_months": 12}
    code, _, err = run("assess", "--param", "section-11-audits.cycle=12", bromley)
    assert code == 2
    assert "has no parameter 'cycle' (parameters: cycle_months)" in err
    code, _, err = run("assess", "--param", "cycle_months=twelve", bromley)
    assert code == 2
    assert "write REQUIREMENT.PARAMETER=WHOLE_NUMBER" in err


def test_fail_on_gives_ci_a_failing_exit_code(run) -> None:
    code, _, _ = run("assess", "--fail-on", "unmet", "evidence/bromley-2016-ofsted-review.yaml")
    assert code == 1
    code, _, _ = run("assess", "--fail-on", "not-applicable", "evidence/")
    assert code == 0
    code, _, err = run("assess", "--fail-on", "bad", "evidence/")
    assert code == 2
    assert "unknown verdict(s) bad" in err


def test_missing_paths_are_reported_not_raised(run) -> None:
    code, out, err = run("assess", "no-such-folder/")
    assert (code, out) == (2, "")
    assert err == "no-such-folder: no such file or folder\n"


def test_help_teaches_the_commands(run) -> None:
    code, out, _ = run("--help")
    assert code == 0
    for command in ("assess", "explain", "rules", "schema", "--fail-on"):
        assert command in out


def test_the_installed_rulebook_is_found_from_any_directory(tmp_path: Path) -> None:
    os.chdir(tmp_path)
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    assert "5 requirements" in result.stdout
