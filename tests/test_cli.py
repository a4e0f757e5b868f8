"""The CLI as a user meets it: the commands the README and --help teach, on real files."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from compliance import api
from compliance.cli.commands import main
from compliance.render import FORMATS
from compliance.render.documents import FORMAT_VERSION
from tests.conftest import EVIDENCE, ROOT, RULES

BEXLEY_2015 = str(EVIDENCE / "bexley-2015-lga-diagnostic.yaml")
BROMLEY = str(EVIDENCE / "bromley-2016-ofsted-review.yaml")
# Without --rules: the copy installed with the package, or the checkout an editable install
# runs from.
DEFAULT_ORIGINS = ("bundled with the installed package", "the checkout the package runs from")


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # tables fit the terminal; a wide one wraps nothing


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(ROOT)

    def invoke(*args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return invoke


def test_assess_prints_a_table_per_assessment_and_names_the_rulebook(run) -> None:
    code, out, err = run("assess", "evidence/")
    assert (code, err) == (0, "")
    assert out.count(" requirements: ") == len(api.evidence_files([EVIDENCE]))
    assert '"It is appropriately constituted and includes two lay members."' in out
    assert "(para 119)" in out
    assert "Date: 2018-04 to 2018-10, because: The extract gives no inspection date." in out
    assert "Finding on the board by Ofsted" in out
    assert re.search(rf"Rulebook: \S+ \(({'|'.join(DEFAULT_ORIGINS)}); digest \w+\)", out)


def test_assess_json_carries_the_trace(run) -> None:
    code, out, _ = run("assess", "--format", "json", BEXLEY_2015)
    assert code == 0
    document = json.loads(out)
    assert (document["format"], document["kind"]) == (FORMAT_VERSION, "assessment")
    assert document["rulebook"]["origin"] in DEFAULT_ORIGINS
    (result,) = document["results"]
    lay = next(v for v in result["verdicts"] if v["requirement"] == "lay-members")
    assert lay["verdict"] == "not-evidenced"  # steps to recruit the second unstated (L1)
    assert lay["force"] == "statute"  # the question is whether s13(5A) is met
    quote = lay["facts"][0]["statements"][0]["quotes"][0]
    assert quote["file"] == "sources/bexley-2015-lga-lscb-diagnostic-letter.txt"
    assert quote["quote"].startswith("There is currently one lay member")
    tests = [t["state"] for case in lay["cases"] for t in case["tests"]]
    assert set(tests) <= {"satisfied", "not-satisfied", "indeterminate", "missing"}
    published = next(v for v in result["verdicts"] if v["requirement"] == "annual-report-published")
    assert published["missing"] == ["annual_report_published"]
    assert published["open"] == ["met", "unmet"]


def test_explain_shows_law_cases_facts_quotes_and_findings(run) -> None:
    code, out, _ = run("explain", BEXLEY_2015, "cdop")
    assert code == 0
    assert "Verdict: met (on a finding)" in out
    assert "Date basis: The last day of the diagnostic" in out
    assert "met case 1, line " in out
    assert "cdop_review_practice = reviews-and-analyses: fact missing" in out
    assert "Findings (reviewers' own conclusions)" in out
    assert "the LGA peer team (2015-02-24 to 2015-02-26) says met, agrees" in out
    assert "cdop_cross_border_arrangements = planned (about the board)" in out
    assert "Sources (authority: inspection > government > peer-review" in out
    assert "speaks for 2014-03-11 to 2014-04-02" in " ".join(out.split())


def test_explain_names_what_to_ask_when_not_evidenced(run) -> None:
    code, out, _ = run("explain", BROMLEY, "private-fostering-oversight")
    assert code == 0
    assert "Verdict: not-evidenced (partly-met or unmet)" in out
    assert "What has the board itself done to make known that private fostering" in out
    assert (
        "la_private_fostering_practice = basic-safeguards-lacking (about the local-authority)"
        in out
    )


def test_explain_rejects_an_unknown_requirement(run) -> None:
    code, out, err = run("explain", BEXLEY_2015, "lay-member")
    assert (code, out) == (2, "")
    assert "unknown requirement 'lay-member'" in err


def test_rules_as_of_shows_what_was_in_force_and_its_edition(run) -> None:
    code, out, _ = run("rules", "--as-of", "2015-02-26")
    assert code == 0
    assert out.splitlines()[0].endswith(" requirements, as the law stood on 2015-02-26")
    assert "WT 2013" in out
    assert "WT 2015" not in out
    code, out, _ = run("rules", "--as-of", "2018-06-29")
    assert "as applied by the WT 2018 transitional" in out


def test_rules_help_shows_the_date_form_not_a_strftime_pattern(run) -> None:
    code, out, _ = run("rules", "--help")
    assert "--as-of YYYY-MM-DD" in out
    assert "%Y" not in out
    code, _, err = run("rules", "--as-of", "26/02/2015")
    assert code == 2
    assert "is not a date as YYYY-MM-DD" in err


def test_schema_is_generated_from_the_vocabulary(run) -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    facts = schema["$defs"]["Facts"]["properties"]
    assert "lay_members_appointed" in facts
    assert schema["$defs"]["Facts"]["additionalProperties"] is False
    assert "findings" in schema["properties"]


def test_param_overrides_the_practice_norm(run) -> None:
    _, out, _ = run(
        "assess", "--format", "json", "--param", "section-11-audits.cycle_months=12", BROMLEY
    )
    s11 = next(
        v
        for v in json.loads(out)["results"][0]["verdicts"]
        if v["requirement"] == "section-11-audits"
    )
    assert s11["parameters"] == {"cycle_months": 12}
    code, _, err = run("assess", "--param", "section-11-audits.cycle=12", BROMLEY)
    assert code == 2
    assert "has no parameter 'cycle' (parameters: cycle_months)" in err
    for bad in ("cycle_months=twelve", "section-11-audits.cycle_months=\u0661\u0662"):
        code, _, err = run("assess", "--param", bad, BROMLEY)
        assert code == 2
        assert "write REQUIREMENT.PARAMETER=WHOLE_NUMBER" in err
    code, _, err = run("assess", "--param", "section-11-audits.cycle_months=0", BROMLEY)
    assert code == 2
    assert "must be from 1 to 1,000,000, not 0" in err


def test_fail_on_gives_ci_a_failing_exit_code(run) -> None:
    code, _, _ = run("assess", "--fail-on", "unmet", "evidence/bexley-2014-ofsted-review.yaml")
    assert code == 1
    # in 2018 every LSCB duty still applied: nothing is not-applicable there
    code, _, _ = run(
        "assess", "--fail-on", "not-applicable", "evidence/bexley-2018-ofsted-ilacs.yaml"
    )
    assert code == 0
    for bad, message in (("bad", "unknown verdict(s) bad"), ("", "no verdict given")):
        code, _, err = run("assess", "--fail-on", bad, "evidence/")
        assert code == 2
        assert message in err


def test_assess_help_lists_the_verdicts_formats_and_exit_codes(run) -> None:
    code, out, _ = run("assess", "--help")
    assert code == 0
    flat = " ".join(out.split())
    assert "met, partly-met, unmet, not-evidenced, not-applicable" in flat
    assert "Exit codes: 0" in flat
    assert "2 invalid input" in flat
    for name in FORMATS:
        assert name in flat


def test_missing_and_empty_paths_are_reported_not_raised(run) -> None:
    code, out, err = run("assess", "no-such-folder/")
    assert (code, out) == (2, "")
    assert err == "no-such-folder: no such file or folder\n"
    code, out, err = run("assess", "")
    assert (code, out) == (2, "")
    assert "an empty path was given" in err


def test_an_internal_error_is_one_line_and_its_own_exit_code(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from compliance import api

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug\nspread over\x1b[2J lines" + "!" * 1000)

    monkeypatch.setattr(api.Assessor, "assess", broken)
    code, out, err = run("assess", "evidence/")
    assert (code, out) == (3, "")
    assert err == (
        "internal error: ZeroDivisionError: a bug\\x0aspread over\\x1b[2J lines"
        + "!" * 373
        + "\u2026; please report it to the lscb-compliance maintainers with the command you ran "
        "and the output of lscb --version\n"
    )


def test_a_rules_folder_in_the_working_directory_is_used_only_when_named(tmp_path: Path) -> None:
    """CI runs lscb inside repositories anyone can change: a rulebook placed there must not
    quietly decide the verdicts."""
    shutil.copytree(RULES, tmp_path / "rules")
    edited = tmp_path / "rules" / "requirements" / "lay-members.yaml"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace(
            "title: The board includes two lay members from the local community",
            "title: Lay members, as edited in this checkout",
        ),
        encoding="utf-8",
    )
    os.chdir(tmp_path)
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    assert "Lay members, as edited in this checkout" not in result.stdout
    result = CliRunner().invoke(main, ["rules", "--rules", "rules"])
    assert result.exit_code == 0
    assert "Lay members, as edited in this checkout" in result.stdout
    assert "Rulebook: rules (given with --rules" in result.stdout


def test_without_a_rulebook_in_the_working_directory_the_packaged_one_is_used(
    tmp_path: Path,
) -> None:
    os.chdir(tmp_path)
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    assert "(bundled with the installed package" in result.stdout or (
        "(the checkout the package runs from" in result.stdout
    )


def test_an_engine_failure_is_an_internal_error_but_an_engine_limit_is_the_rulebooks(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine disagreeing with the trace is the tool's failure (exit 3); a rulebook past
    the engine's limits is a fault in what was given (exit 2)."""
    from compliance import api
    from compliance.engine import EngineError, EngineLimit

    for error, expected in ((EngineError("did not fire"), 3), (EngineLimit("too many"), 2)):

        def broken(*args: object, error: Exception = error, **kwargs: object) -> None:
            raise error

        monkeypatch.setattr(api.Assessor, "assess", broken)
        code, out, err = run("assess", "evidence/")
        assert (code, out, err.count("\n")) == (expected, "", 1)


LEAN_RUN = """
import sys
from compliance.cli.commands import main
try:
    main(["assess", "evidence/bexley-2015-lga-diagnostic.yaml"])
except SystemExit as exit:
    loaded = sorted(set(sys.argv[1:]) & set(sys.modules))
    print(f"exit {exit.code}; loaded {loaded}", file=sys.stderr)
"""


def test_one_file_in_one_job_loads_nothing_it_does_not_use() -> None:
    """Start-up is most of a hook's run: the other formats' libraries, worker processes and
    durable_rules' Python host are loaded only by the runs that use them."""
    unused = ["jinja2", "xml.etree.ElementTree", "multiprocessing", "durable.engine"]
    done = subprocess.run(
        [sys.executable, "-c", LEAN_RUN, *unused],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stderr.strip().splitlines()[-1] == "exit 0; loaded []"
