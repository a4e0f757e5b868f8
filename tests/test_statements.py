"""Every kind of statement a document makes can be said in evidence, and is judged honestly.

The Exampleshire files (tests/fixtures/statements) say, one kind each, what real reviews and
board papers say; their expected verdicts and reasons are data beside them. The rest checks the
trace: a contested fact names both quotes and the authority that decided; a later document is
refused unless it says what date it holds for; equal authorities that disagree leave every
value they allow open.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from compliance import api
from compliance.evidence import load_evidence
from compliance.evidence.facts import StatementRecord, combine
from compliance.judge.select import allowed_by
from compliance.reading.errors import InputError
from compliance.result.run import FindingTrace, Result
from compliance.rulebook import Rulebook
from compliance.values import DayRange
from compliance.values.counts import parse_count
from tests.conftest import FIXTURES, RULES
from tests.expected import expected_problems

STATEMENTS = FIXTURES / "statements"


@pytest.fixture(scope="module")
def results() -> dict[str, Result]:
    return {r.path.stem: r for r in api.Assessor(RULES).assess([STATEMENTS]).results}


@pytest.mark.parametrize(
    "expected", sorted((STATEMENTS / "expected").glob("*.yaml")), ids=lambda p: p.stem
)
def test_expected_verdicts_and_reasons(results: dict[str, Result], expected: Path) -> None:
    assert expected_problems(results[expected.stem], expected) == []


def test_disagreeing_sources_are_shown_and_the_inspection_decides(
    results: dict[str, Result],
) -> None:
    result = results["exampleshire-2016-inspection"]
    (fact,) = [f for f in result.verdict("lay-members").facts if f.name == "lay_members_appointed"]
    assert (fact.contested, fact.decided_by, fact.value) == (True, "inspection", "1")
    assert [(s.value, s.kind, s.decides) for s in fact.statements] == [
        ("1", "inspection", True),
        ("at most 1", "inspection", True),
        ("2", "self-assessment", False),
    ]
    assert result.authority.startswith("inspection > government > peer-review")


def test_a_finding_without_a_date_decides_only_what_the_facts_leave_open(
    results: dict[str, Result],
) -> None:
    verdict = results["exampleshire-2016-inspection"].verdict("section-11-audits")
    assert (verdict.verdict, verdict.decided_by) == ("unmet", "finding")
    assert verdict.findings[0].quotes[0].quote == (
        "Section 11 audits have not been conducted recently."
    )


def test_one_partners_failure_is_context_not_the_boards_round(results: dict[str, Result]) -> None:
    verdict = results["exampleshire-2017-board-papers"].verdict("section-11-audits")
    assert verdict.verdict == "met"
    assert [(f.name, f.about, f.value) for f in verdict.context] == [
        ("section_11_agencies_non_compliant", "partners", "at least 1")
    ]


def test_a_later_document_counts_when_it_says_what_date_it_holds_for(
    results: dict[str, Result],
) -> None:
    verdict = results["exampleshire-2017-board-papers"].verdict("cdop")
    assert verdict.verdict == "met"
    quotes = [q for f in verdict.facts for s in f.statements for q in s.quotes]
    assert {q.source for q in quotes} == {"minutes-october"}


def board_papers_edited(tmp_path: Path, old: str, new: str, count: int = -1) -> Path:
    """A copy of the Exampleshire files, with the board papers' evidence file edited."""
    copy = tmp_path / "statements"
    shutil.copytree(STATEMENTS, copy)
    path = copy / "exampleshire-2017-board-papers.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, count), encoding="utf-8")
    return path


def test_a_later_document_is_refused_without_the_date_it_holds_for(
    rulebook: Rulebook, tmp_path: Path
) -> None:
    path = board_papers_edited(tmp_path, "    holds_for: 2017-09-14\n", "")
    with pytest.raises(InputError) as caught:
        load_evidence(path, rulebook)
    assert [p.message for p in caught.value.problems] == [
        "source 'minutes-october' speaks for 2017-10-19 (its publication date), after the "
        "evidence date 2017-09-14; give it 'covers:' with the dates it speaks for, or give each "
        "statement that cites it 'holds_for:'"
    ]


def _statement(value: str | int | dict, kind: str) -> StatementRecord:
    day = dt.date(2016, 1, 1)
    return StatementRecord(parse_count(value), (), None, DayRange(day, day), "2016", kind)


def test_equal_authorities_that_disagree_leave_every_value_they_allow_open(
    rulebook: Rulebook,
) -> None:
    fact = combine(
        "lay_members_appointed",
        [_statement(1, "board-papers"), _statement(3, "board-papers")],
        rulebook.source_kinds,
    )
    assert (fact.contested, fact.decided_by, fact.value.describe()) == (True, None, "1 or 3")
    assert fact.deciding == (0, 1)
    agreeing = combine(
        "lay_members_appointed",
        [_statement({"at_most": 1}, "peer-review"), _statement(1, "inspection")],
        rulebook.source_kinds,
    )
    assert (agreeing.contested, agreeing.value.describe()) == (False, "1")


def test_disagreeing_findings_are_weighed_by_authority(rulebook: Rulebook) -> None:
    def finding(says: str, kind: str) -> FindingTrace:
        return FindingTrace("cdop", says, "someone", "2016", kind, ())

    kinds = rulebook.source_kinds
    assert allowed_by(
        [finding("met", "self-assessment"), finding("unmet", "inspection")], kinds
    ) == {"unmet"}
    assert allowed_by(
        [finding("improvement-needed", "peer-review"), finding("unmet", "inspection")], kinds
    ) == {"unmet"}


def test_a_statement_that_says_it_holds_for_a_later_date_is_refused(
    rulebook: Rulebook, tmp_path: Path
) -> None:
    path = board_papers_edited(tmp_path, "holds_for: 2017-09-14", "holds_for: 2017-10", count=1)
    with pytest.raises(InputError) as caught:
        load_evidence(path, rulebook)
    (problem,) = caught.value.problems
    assert problem.message == (
        "this says it holds for 2017-10-01 to 2017-10-31, which ends after the evidence date "
        "2017-09-14; an observation cannot be of the future"
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].strip() == "holds_for: 2017-10"  # type: ignore[operator]
