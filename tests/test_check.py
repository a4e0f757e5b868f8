"""`lscb check` as CI runs it: a process, its exit code, stdout for the format, stderr for people.

Regressions are made in scratch copies of the bundled evidence: Bexley 2015 with its child
death overview panel gone (cdop, met -> unmet; guidance since the audit's M4 note: the panel is
Working Together's mechanism for reg 6(1)(a)).
"""

from __future__ import annotations

import json
import os
import pty
import re
import shlex
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from compliance import api
from compliance.cli.commands import main
from tests.cli import lscb
from tests.conftest import EVIDENCE, ROOT, RULES

BEXLEY_2014 = EVIDENCE / "bexley-2014-ofsted-review.yaml"
BEXLEY_2015 = EVIDENCE / "bexley-2015-lga-diagnostic.yaml"
BROMLEY = EVIDENCE / "bromley-2016-ofsted-review.yaml"
# The bundled evidence files, and the unmet verdicts they give (evidence/expected/, as reviewed),
# in the order `lscb check evidence/` lists them.
FILES = [p.name for p in api.evidence_files([EVIDENCE])]
UNMET = sorted(
    (f"{p.stem}.yaml", requirement)
    for p in (EVIDENCE / "expected").glob("*.yaml")
    for requirement, want in yaml.safe_load(p.read_text(encoding="utf-8")).items()
    if want["verdict"] == "unmet"
)
# The bundled unmet verdicts whose deciding force is guidance or practice, not an Act or
# regulation (issue 19, audit H1 and H2): the Section 11 cycle (a practice norm) and what sets
# monitoring-evaluation, the annual report's analysis (guidance on s14A's report) and what sets
# annual-report, and private fostering awareness (inspection practice).
GUIDANCE = {
    "annual-report",
    "annual-report-analysis",
    "monitoring-evaluation",
    "private-fostering-oversight",
    "section-11-audits",
}


def standing(requirement: str) -> str:
    return "guidance" if requirement in GUIDANCE else "duty"


def copy_evidence(folder: Path, *files: Path) -> None:
    shutil.copytree(EVIDENCE / "sources", folder / "sources")
    for file in files:
        shutil.copy(file, folder / file.name)


@pytest.fixture
def regressed(tmp_path: Path) -> Path:
    """A folder holding Bexley 2015 with cdop regressed from met to unmet."""
    folder = tmp_path / "new"
    copy_evidence(folder)
    text = BEXLEY_2015.read_text(encoding="utf-8")
    broken = text.replace("  cdop_in_place:\n    value: true", "  cdop_in_place:\n    value: false")
    assert broken != text
    (folder / BEXLEY_2015.name).write_text(broken, encoding="utf-8")
    return folder


def test_unmet_fails_by_default_each_listed_on_stderr() -> None:
    run = lscb("check", "evidence/")
    assert run.returncode == 1
    assert run.stdout.startswith("Bexley Local Safeguarding Children Board, 2014-04-02")
    assert run.stdout.count(" requirements: ") == len(FILES)
    assert run.stderr.splitlines() == [
        *(f"evidence/{file}: {req} is unmet ({standing(req)})" for file, req in UNMET),
        f"lscb check: {len(FILES)} assessments; {len(UNMET)} requirements below the threshold "
        "(failing on unmet)",
    ]


def test_what_fails_is_chosen_per_bar() -> None:
    run = lscb("check", "--fail-on", "none", "evidence/")
    assert (run.returncode, run.stderr) == (
        0,
        f"lscb check: {len(FILES)} assessments; 0 requirements below the threshold "
        "(failing on nothing)\n",
    )
    run = lscb("check", "--duty-fail-on", "none", "evidence/")  # only guidance fails
    assert run.returncode == 1
    assert run.stderr.splitlines()[:-1] == [
        f"evidence/{file}: {req} is unmet (guidance)" for file, req in UNMET if req in GUIDANCE
    ]
    run = lscb("check", "--guidance-fail-on", "none", "evidence/")  # only duties fail
    assert run.stderr.splitlines()[:-1] == [
        f"evidence/{file}: {req} is unmet (duty)" for file, req in UNMET if req not in GUIDANCE
    ]
    run = lscb("check", "--duty-fail-on", "none", "--guidance-fail-on", "partly-met", BROMLEY)
    assert run.returncode == 1
    assert [line.split(": ", 1)[1] for line in run.stderr.splitlines()] == [
        "annual-report-analysis is partly-met (guidance)",  # guidance on s14A's report (H1)
        "lscb-independence is partly-met (guidance)",
        "voice-of-child is partly-met (guidance)",
        "1 assessment; 3 requirements below the threshold (duties failing on nothing; guidance and "
        "recommendations on partly-met)",
    ]
    run = lscb("check", "--fail-on", "partly-met,unmet", "--guidance-fail-on", "none", BROMLEY)
    assert run.returncode == 1
    # 4, not 5: annual-report-analysis is guidance on the report s14A asks for (audit H1)
    assert run.stderr.count("(duty)") == 4


@pytest.mark.parametrize(
    ("value", "message"),
    [("bad", "unknown verdict(s) bad"), ("", "no verdict given"), ("none,unmet", "unknown")],
)
def test_a_bad_verdict_list_is_a_usage_error(value: str, message: str) -> None:
    for option in ("--fail-on", "--duty-fail-on", "--guidance-fail-on"):
        run = lscb("check", option, value, BROMLEY)
        assert (run.returncode, run.stdout) == (2, "")
        assert message in run.stderr


def test_assess_still_fails_nothing_unless_asked() -> None:
    assert lscb("assess", BEXLEY_2014).returncode == 0
    assert lscb("assess", "--duty-fail-on", "unmet", BEXLEY_2014).returncode == 1
    # Bexley 2014's Section 11 cycle is a practice norm, failed: guidance (audit H1)
    assert lscb("assess", "--guidance-fail-on", "unmet", BEXLEY_2014).returncode == 1
    assert lscb("assess", "--guidance-fail-on", "partly-met", BROMLEY).returncode == 1


def test_output_goes_to_the_file_and_stdout_stays_empty(tmp_path: Path) -> None:
    output = tmp_path / "lscb.json"
    run = lscb("check", "--format", "json", "-o", output, "evidence/")
    assert (run.returncode, run.stdout) == (1, "")
    assert len(json.loads(output.read_text(encoding="utf-8"))["results"]) == len(FILES)
    assert run.stderr.endswith(
        f"{len(UNMET)} requirements below the threshold (failing on unmet)\n"
    )


def test_invalid_input_leaves_the_output_file_as_it_was(tmp_path: Path) -> None:
    copy_evidence(tmp_path, BROMLEY)
    broken = tmp_path / BROMLEY.name
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("value: 2\n", "value: two\n", 1),
        encoding="utf-8",
    )
    output = tmp_path / "report.md"
    output.write_text("the last good report\n", encoding="utf-8")
    run = lscb("check", "--format", "markdown", "-o", "report.md", BROMLEY.name, cwd=tmp_path)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.startswith(f"{BROMLEY.name}:")
    assert output.read_text(encoding="utf-8") == "the last good report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["sources", BROMLEY.name, "report.md"]
    )


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "missing/out.json",
            "missing/out.json: cannot write it: the folder 'missing' does not exist",
        ),
        (".", "Invalid value for '-o' / '--output'"),
    ],
)
def test_an_output_that_cannot_be_written_is_exit_2(
    tmp_path: Path, target: str, message: str
) -> None:
    run = lscb("check", "-o", target, BROMLEY, cwd=tmp_path)
    assert (run.returncode, run.stdout) == (2, "")
    assert message in run.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_output_through_a_link_replaces_the_file_it_names(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "out.json").write_text("old\n", encoding="utf-8")
    (tmp_path / "latest.json").symlink_to("reports/out.json")
    run = lscb("check", "--format", "json", "-o", "latest.json", BROMLEY, cwd=tmp_path)
    assert (run.returncode, run.stdout) == (0, "")
    assert (tmp_path / "latest.json").is_symlink()
    assert json.loads((tmp_path / "reports/out.json").read_text(encoding="utf-8"))["results"]


def test_an_output_to_a_fifo_is_written_through_and_the_fifo_stays(tmp_path: Path) -> None:
    """As `-o /dev/null` must: a rename over a device run as root would replace it for the
    whole machine (a FIFO stands in for the device here, which a test must not risk)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = tmp_path / "received.json"
    with received.open("wb") as sink:  # not a pipe of ours: a full one would stop the reader
        reader = subprocess.Popen(["cat", str(fifo)], stdout=sink)
        run = lscb("check", "--format", "json", "-o", fifo, BROMLEY, cwd=tmp_path)
        reader.wait(timeout=60)
    assert (run.returncode, run.stdout) == (0, "")
    assert json.loads(received.read_text(encoding="utf-8"))["results"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe", "received.json"]


def test_an_output_that_is_a_link_that_loops_is_exit_2_and_stays(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to("loop")
    run = lscb("check", "-o", "loop", BROMLEY, cwd=tmp_path)
    assert (run.returncode, run.stdout, run.stderr) == (
        2,
        "",
        "loop: is a symbolic link that loops; point it at a file\n",
    )
    assert (tmp_path / "loop").is_symlink()


def test_an_output_that_is_a_socket_is_exit_2_and_stays(tmp_path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(tmp_path / "sock"))
        run = lscb("check", "-o", "sock", BROMLEY, cwd=tmp_path)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.startswith("sock: cannot write it: ")
    assert stat.S_ISSOCK(os.lstat(tmp_path / "sock").st_mode)


def test_broken_evidence_is_exit_2_with_nothing_on_stdout(tmp_path: Path) -> None:
    run = lscb("check", ROOT / "tests/fixtures/broken/unknown-fact.yaml", cwd=tmp_path)
    assert (run.returncode, run.stdout) == (2, "")
    assert "unknown fact" in run.stderr


# -- baseline ------------------------------------------------------------------------------


def test_against_itself_nothing_regresses() -> None:
    run = lscb("check", "--baseline", "evidence/", "evidence/")
    assert (run.returncode, run.stderr) == (
        0,
        "lscb check: 4 assessments against the baseline; 0 requirements newly below the "
        "threshold (failing on unmet)\n",
    )


def test_only_a_regression_fails_against_the_baseline(regressed: Path) -> None:
    run = lscb("check", "--baseline", "evidence/", regressed)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        f"{regressed / BEXLEY_2015.name}: cdop is unmet (guidance, was met)",
        "lscb check: 1 assessment against the baseline; 1 requirement newly below the "
        "threshold (failing on unmet)",
    ]


def test_each_assessment_is_paired_with_its_boards_latest_baseline_no_later(
    regressed: Path,
) -> None:
    """The baseline folder holds Bexley 2014, 2015 and 2018: 2015 is the one for 2015."""
    check = api.Assessor(RULES).check([regressed], baseline=EVIDENCE)
    (comparison,) = check.comparisons
    assert comparison is not None
    assert comparison.old.path == BEXLEY_2015
    assert check.unpaired == ()


def test_a_board_without_a_baseline_is_held_to_the_threshold(regressed: Path) -> None:
    run = lscb("check", "--baseline", BROMLEY, regressed)
    assert run.returncode == 1
    new = regressed / BEXLEY_2015.name
    assert run.stderr.splitlines() == [
        f"{new}: no baseline assessment of Bexley Local Safeguarding Children Board dated on or "
        "before 2015-02-26; every requirement below the threshold counts",
        f"{new}: annual-report is unmet (guidance)",
        f"{new}: annual-report-analysis is unmet (guidance)",
        f"{new}: cdop is unmet (guidance)",
        "lscb check: 1 assessment against the baseline; 3 requirements newly below the "
        "threshold (failing on unmet)",
    ]


def test_a_baseline_dated_only_after_is_no_baseline() -> None:
    """An older assessment added beside a later one has nothing to regress from."""
    run = lscb("check", "--baseline", BEXLEY_2015.relative_to(ROOT), BEXLEY_2014.relative_to(ROOT))
    assert (run.returncode, run.stdout != "") == (1, True)
    assert run.stderr.splitlines()[0] == (
        "evidence/bexley-2014-ofsted-review.yaml: no baseline assessment of Bexley Local "
        "Safeguarding Children Board dated on or before 2014-04-02; every requirement below "
        "the threshold counts"
    )


# -- progress, help, internal errors -----------------------------------------------------------


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    copy_evidence(folder)
    for i in range(10):
        shutil.copy(BROMLEY, folder / f"bromley-{i}.yaml")
    return folder


def test_progress_is_drawn_on_a_terminal_only(many: Path) -> None:
    quiet = lscb("check", ".", cwd=many)
    assert quiet.returncode == 0
    assert quiet.stderr.splitlines() == [
        "lscb check: 10 assessments; 0 requirements below the threshold (failing on unmet)"
    ]
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "compliance.cli.commands", "check", "."],
        cwd=many,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ) as process:
        os.close(follower)
        drawn = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: the process has exited
                break
            if not chunk:
                break
            drawn += chunk
        assert process.wait(timeout=300) == 0
    os.close(leader)
    assert b"assessing" in drawn
    assert b"100%" in drawn
    assert drawn.rstrip().endswith(b"0 requirements below the threshold (failing on unmet)")


def test_the_library_reports_progress_in_steps_to_the_end() -> None:
    seen: list[tuple[int, int]] = []
    api.Assessor(RULES).assess([EVIDENCE], progress=lambda done, total: seen.append((done, total)))
    steps = 2 * len(FILES)  # each file loaded and judged
    assert seen[-1] == (steps, steps)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert {total for _, total in seen} == {steps}


def test_help_documents_the_exit_codes() -> None:
    run = lscb("check", "--help")
    flat = " ".join(run.stdout.split())
    assert (
        "Exit codes: 0 no requirement below the threshold (with --baseline: none newly below"
        in flat
    )
    assert "1 some requirement below it" in flat
    assert "2 invalid input" in flat
    assert "3 an internal error" in flat
    for option in ("--fail-on", "--duty-fail-on", "--guidance-fail-on", "--baseline", "--output"):
        assert option in flat


def test_an_internal_error_is_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(api.Assessor, "check", broken)
    result = CliRunner().invoke(main, ["check", str(BROMLEY)], catch_exceptions=False)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.startswith("internal error: KeyError: 'a bug'; please report it")


# -- the pre-commit hook and the example workflow --------------------------------------------


def test_quiet_prints_only_what_fails_and_still_writes_the_file(tmp_path: Path) -> None:
    quiet = lscb("check", "--quiet", BEXLEY_2014.relative_to(ROOT))
    assert (quiet.returncode, quiet.stdout) == (1, "")
    assert quiet.stderr == lscb("check", BEXLEY_2014.relative_to(ROOT)).stderr
    assert "section-11-audits is unmet (guidance)" in quiet.stderr
    target = tmp_path / "out.json"
    written = lscb("check", "-q", "--format", "json", "-o", target, BEXLEY_2014)
    assert (written.returncode, written.stdout) == (1, "")
    assert json.loads(target.read_text(encoding="utf-8"))["kind"] == "assessment"


HOOKS = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}


def _hook(hook_id: str, cwd: Path) -> int:
    """The hook's command as pre-commit runs it (entry, then args; no file names)."""
    hook = HOOKS[hook_id]
    assert hook["pass_filenames"] is False
    program, *entry = shlex.split(hook["entry"])
    assert program == "lscb"
    return lscb(*entry, *hook["args"], cwd=cwd).returncode


@pytest.mark.parametrize(
    ("changed", "runs"),
    [
        ("evidence/bexley-2014-ofsted-review.yaml", True),
        ("evidence/sources/bexley-2014-ofsted-inspection-and-lscb-review.txt", True),
        ("boards/evidence/x.yaml", True),
        ("README.md", False),
        ("rules/facts/membership.yaml", False),
    ],
)
def test_each_hook_runs_when_evidence_or_a_source_document_changes(
    changed: str, runs: bool
) -> None:
    for hook in HOOKS.values():
        assert bool(re.search(hook["files"], changed)) == runs


def test_the_validating_hook_passes_an_honest_unmet_board_and_stops_invalid_input(
    tmp_path: Path,
) -> None:
    shutil.copytree(ROOT / "evidence", tmp_path / "evidence")
    assert _hook("lscb-validate", tmp_path) == 0  # Bexley 2014 is unmet: recorded honestly
    assert _hook("lscb-check-unmet", tmp_path) == 1
    source = tmp_path / "evidence/sources/bexley-2014-ofsted-inspection-and-lscb-review.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("lay person", "lay member"))
    assert _hook("lscb-validate", tmp_path) == 2  # a changed source breaks a quote: stopped
    assert _hook("lscb-check-unmet", tmp_path) == 2


def test_the_example_workflow_runs_check_in_every_ci_format() -> None:
    text = (ROOT / "examples/github-actions/lscb.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    steps = workflow["jobs"]["lscb"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    for command in (
        "lscb check",
        "--format sarif -o lscb.sarif",
        "--format junit -o lscb-junit.xml",
        "--format markdown",
        "$GITHUB_STEP_SUMMARY",
    ):
        assert command in runs
    uses = [step.get("uses", "") for step in steps]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
