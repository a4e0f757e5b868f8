"""Mistakes in the rulebook are caught with file and line, or stop the run, never mis-judge."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from compliance.assessment import Assessor
from compliance.cli import main
from compliance.errors import InputError, RulebookDefect
from compliance.rulebook import load_rulebook
from tests.conftest import RULES


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    copy = tmp_path / "rules"
    shutil.copytree(RULES, copy)
    return copy


def edit(rules: Path, name: str, old: str, new: str) -> Path:
    path = rules / "requirements" / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def only_problem(rules: Path) -> tuple[str, int | None, str]:
    with pytest.raises(InputError) as caught:
        load_rulebook(rules)
    (problem,) = caught.value.problems
    return problem.path.name, problem.line, problem.message


def test_a_case_on_an_unknown_fact(rules: Path) -> None:
    edit(rules, "cdop", "{cdop_in_place: false}", "{cdop_exists: false}")
    assert only_problem(rules) == (
        "cdop.yaml",
        54,
        "unknown fact 'cdop_exists'; declare it in facts.yaml",
    )


def test_a_constant_of_the_wrong_type(rules: Path) -> None:
    edit(rules, "lay-members", "{lay_members_appointed: 1}", "{lay_members_appointed: 'one'}")
    name, _, message = only_problem(rules)
    assert (name, message) == (
        "lay-members.yaml",
        "'one' is not a possible value of 'lay_members_appointed' (a whole number of lay members)",
    )


def test_an_operator_that_does_not_fit_the_fact(rules: Path) -> None:
    edit(rules, "cdop", "{cdop_in_place: false}", "{cdop_in_place: {at_least: 1}}")
    assert only_problem(rules)[2] == "at_least applies to counts; 'cdop_in_place' is a yes-no"


def test_an_unknown_edition(rules: Path) -> None:
    edit(rules, "cdop", "editions: [wt-2010]", "editions: [wt-2011]")
    assert only_problem(rules)[2] == "'wt-2011' is not an edition of wt"


def test_a_reason_that_names_an_unknown_value(rules: Path) -> None:
    edit(
        rules,
        "cdop",
        "reason: No Child Death Overview Panel carries out the board's child death functions.",
        "reason: '{cdop_count} panels carry out the child death functions.'",
    )
    assert only_problem(rules)[2] == "the reason uses {cdop_count}, which this case does not know"


def test_every_fact_read_needs_a_question(rules: Path) -> None:
    edit(rules, "cdop", "  cdop_in_place: Does a", "  cdop_in_placed: Does a")
    with pytest.raises(InputError) as caught:
        load_rulebook(rules)
    assert sorted(p.message for p in caught.value.problems) == [
        "'cdop_in_placed' is not read by any case; remove its question",
        "add a question for 'cdop_in_place' (asked when it is not evidenced)",
    ]


def test_overlapping_cases_stop_the_run_instead_of_picking_one(rules: Path) -> None:
    edit(
        rules, "lay-members", "{lay_members_appointed: 1}", "{lay_members_appointed: {at_least: 1}}"
    )
    assessor = Assessor(load_rulebook(rules))
    with pytest.raises(RulebookDefect, match="satisfy both 'met' and 'partly-met'"):
        assessor.judge({"lay_members_appointed": 3}, dt.date(2016, 1, 1))


def test_a_gap_in_the_cases_stops_the_run(rules: Path) -> None:
    edit(
        rules,
        "cdop",
        "{cdop_in_place: false}",
        "{cdop_in_place: false, cdop_review_practice: gaps}",
    )
    assessor = Assessor(load_rulebook(rules))
    with pytest.raises(RulebookDefect, match="no case covers"):
        assessor.judge(
            {"cdop_in_place": False, "cdop_review_practice": "reviews-and-analyses"},
            dt.date(2016, 1, 1),
        )


def test_the_cli_reports_a_broken_rulebook_on_one_line_with_exit_2(rules: Path) -> None:
    edit(rules, "cdop", "{cdop_in_place: false}", "{cdop_exists: false}")
    result = CliRunner().invoke(main, ["rules", "--rules", str(rules)])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "cdop.yaml:54: unknown fact 'cdop_exists'; declare it in facts.yaml"
    )
    assert result.stdout == ""


def test_a_one_of_too_long_for_the_engine_is_refused_at_load(rules: Path) -> None:
    values = ", ".join(str(n) for n in range(2, 70))
    edit(
        rules,
        "lay-members",
        "{lay_members_appointed: {at_least: 2}}",
        f"{{lay_members_appointed: {{one_of: [{values}]}}}}",
    )
    name, line, message = only_problem(rules)
    assert (name, message) == ("lay-members.yaml", "one_of lists at most 64 values; split the case")
    assert line is not None
