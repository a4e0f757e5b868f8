"""Broken evidence gives one exact, located line that says what to fix, and exit code 2.

Each fixture in tests/fixtures/broken is wrong in one way. The messages are asserted in full:
they are the user interface for a board chair whose file does not load.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from compliance.api import load_all
from compliance.evidence import load_evidence
from compliance.reading.errors import InputError
from compliance.reading.yamlfile import load_yaml
from compliance.rulebook import Rulebook
from tests.cli import lscb
from tests.conftest import EVIDENCE, FIXTURES, ROOT, RULES

BROKEN = FIXTURES / "broken"
# The fixtures cite the bundled documents, outside their own folder: the tests allow that with
# the repository as the source root (--source-root), as a user with a shared sources folder would.
SOURCE = "../../../evidence/sources/bexley-2014-ofsted-inspection-and-lscb-review.txt"

# The kinds as the rulebook declares them, as the message lists them: a kind added breaks no test.
_QUOTED = [f"'{k}'" for k in load_yaml(RULES / "source-kinds.yaml").data["kinds"]]
_KINDS = ", ".join(_QUOTED[:-1]) + f" or {_QUOTED[-1]}"

EXPECTED = {
    "malformed-yaml.yaml": (
        19,
        "malformed YAML: did not find expected key; check indentation and quoting",
    ),
    "unknown-fact.yaml": (
        17,
        "unknown fact 'lay_member_count'; did you mean 'lay_members_appointed'?",
    ),
    "wrong-type.yaml": (
        18,
        "'facts.lay_members_appointed.value': expected a whole number (0 or more), or a bound "
        "such as {at_least: 4} or {at_most: 1}; got 'one'",
    ),
    "bad-count.yaml": (
        18,
        "'facts.lay_members_appointed.value': at_least and at_most take whole numbers, 0 or more",
    ),
    "unknown-level.yaml": (
        18,
        "'facts.annual_report_assessment.value': expected one of describes-activity, "
        "partial-assessment, rigorous-assessment, or {one_of: [...]} where the source fits "
        "more than one, got 'poor' (text)",
    ),
    "quote-not-in-source.yaml": (
        22,
        f"quote not found in {SOURCE}; it matches up to paragraph 187 (line 408), then "
        "differs at "
        "'two lay persons were appointed during th'; copy it verbatim from the document",
    ),
    "wrong-paragraph.yaml": (
        21,
        f"the quote is at line 408 of {SOURCE}, in paragraph 187, not in paragraph 185; "
        "fix the locator",
    ),
    "missing-source-file.yaml": (
        10,
        "source 'ofsted-2014': file 'sources/bexley-2014-report.txt' not found; "
        "put the document there or fix the path",
    ),
    "duplicate-fact.yaml": (23, "duplicate key 'cdop_in_place' (first at line 17); keep one"),
    "future-date.yaml": (
        18,
        "'section_11_round_last_completed' is 2015-06, after the evidence date 2014-04-02; "
        "an observation cannot be of the future",
    ),
    "no-citation.yaml": (
        19,
        "'facts.lay_members_appointed.citations' needs at least 1 item; it is empty",
    ),
    "impossible-date.yaml": (4, "'assessment.date': '2014-02-30' is not a real calendar date"),
    "later-statement.yaml": (
        9,
        "source 'lga-2015' speaks for 2015-03-13 (its publication date), after the evidence date "
        "2014-04-02; give it 'covers:' with the dates it speaks for, or give each statement "
        "that cites it 'holds_for:'",
    ),
    "unknown-finding.yaml": (
        18,
        "a finding about unknown requirement 'cdop-panel'; use a requirement id "
        "(see `lscb rules`) or 'board'",
    ),
    "unknown-source-kind.yaml": (
        13,
        f"'sources.ofsted-2014.kind' must be one of {_KINDS}, got 'newspaper' (text)",
    ),
}


def test_every_fixture_has_an_expected_message() -> None:
    assert {p.name for p in BROKEN.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize(("name", "expected"), EXPECTED.items())
def test_fixture_message(rulebook: Rulebook, name: str, expected: tuple[int, str]) -> None:
    path = BROKEN / name
    with pytest.raises(InputError) as caught:
        load_evidence(path, rulebook, ROOT)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line, problem.message) == (path, *expected)


@pytest.mark.parametrize(
    "name", ["wrong-type.yaml", "quote-not-in-source.yaml", "malformed-yaml.yaml"]
)
def test_cli_prints_one_line_and_exits_2_with_nothing_on_stdout(name: str) -> None:
    relative = f"tests/fixtures/broken/{name}"
    run = lscb("assess", "--source-root", ".", "evidence/", relative, columns=None)
    line, message = EXPECTED[name]
    assert run.returncode == 2
    assert run.stdout == ""  # the good files are not half-printed before the bad one
    assert run.stderr == f"{relative}:{line}: {message}\n"


def test_problems_in_several_files_are_all_reported(rulebook: Rulebook) -> None:
    with pytest.raises(InputError) as caught:
        load_all([BROKEN / "wrong-type.yaml", BROKEN / "unknown-fact.yaml"], rulebook, ROOT)
    assert [p.path.name for p in caught.value.problems] == ["unknown-fact.yaml", "wrong-type.yaml"]


def test_a_missing_document_is_one_problem_at_its_file_line(
    rulebook: Rulebook, tmp_path: Path
) -> None:
    """A document is looked for once per evidence file, however often it is cited, and a
    missing one is reported once, where the file names it: not once per quote (72 lines)."""
    evidence = tmp_path / "board.yaml"
    shutil.copy(EVIDENCE / "bexley-2015-lga-diagnostic.yaml", evidence)  # no sources/ beside it
    text = evidence.read_text(encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_evidence(evidence, rulebook)
    files = [i for i, line in enumerate(text.splitlines(), 1) if line.strip().startswith("file:")]
    assert [p.line for p in caught.value.problems] == files
    assert all(
        " not found; put the document there or fix the path" in p.message
        for p in caught.value.problems
    )
