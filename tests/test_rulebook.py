"""Mistakes in the rulebook are caught with file and line when it loads, never as a wrong verdict.

Also the law as the rulebook states it: no legal-basis entry claims more certainty than its
sources support, s11 and the national minimum standards are dated apart from the LSCB
provisions, and the 2018 transitional arrangements apply from 29 June 2018.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from compliance import api
from compliance.cli.commands import main
from compliance.judge.law import bases_in_force, edition_caveats, law_signature
from compliance.reading.errors import InputError
from compliance.rulebook import Rulebook, bind, load_rulebook
from compliance.rulebook.checks import certainty_problems
from compliance.values import DayRange
from tests.conftest import GROUPS, RULES


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


def line_of(rules: Path, name: str, text: str) -> int:
    lines = (rules / "requirements" / f"{name}.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_a_case_on_an_unknown_fact(rules: Path) -> None:
    edit(rules, "cdop", "{cdop_in_place: false}", "{cdop_exists: false}")
    assert only_problem(rules) == (
        "cdop.yaml",
        line_of(rules, "cdop", "{cdop_exists: false}"),
        "unknown fact 'cdop_exists'; declare it in rules/facts/",
    )


def test_a_constant_of_the_wrong_type(rules: Path) -> None:
    edit(rules, "lay-members", "{lay_members_appointed: 1,", "{lay_members_appointed: 'one',")
    name, _, message = only_problem(rules)
    assert (name, message) == (
        "lay-members.yaml",
        "'one' is not a possible value of 'lay_members_appointed' (a whole number of lay members)",
    )


def test_a_fact_declared_in_two_topic_files(rules: Path) -> None:
    extra = rules / "facts" / "zz-extra.yaml"
    extra.write_text(
        "facts:\n  cdop_in_place:\n    type: yes-no\n    about: board\n    ask: chair\n"
        "    meaning: again\n",
        encoding="utf-8",
    )
    assert only_problem(rules) == (
        "zz-extra.yaml",
        2,
        "fact 'cdop_in_place' is already declared in child-deaths.yaml; declare it once",
    )


def test_a_fact_without_whom_to_ask(rules: Path) -> None:
    path = rules / "facts" / "child-deaths.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    ask: business-manager\n", "", 1), encoding="utf-8")
    name, line, message = only_problem(rules)
    assert (name, line) == ("child-deaths.yaml", 2)
    assert "ask" in message


def test_an_operator_that_does_not_fit_the_fact(rules: Path) -> None:
    edit(rules, "cdop", "{cdop_in_place: false}", "{cdop_in_place: {at_least: 1}}")
    assert only_problem(rules)[2] == "at_least applies to counts; 'cdop_in_place' is a yes-no"


def test_an_unknown_edition(rules: Path) -> None:
    edit(rules, "cdop", "editions: [wt-2010]", "editions: [wt-2011]")
    assert only_problem(rules)[2] == "'wt-2011' is not an edition of wt"


def test_a_window_that_is_neither_an_edition_nor_a_date(rules: Path) -> None:
    edit(rules, "section-11-audits", "  from: wt-2013", "  from: wt-2031")
    assert only_problem(rules)[2].startswith("'wt-2031' is neither an edition id nor a date")


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


def test_a_case_may_not_read_a_fact_about_the_council(rules: Path) -> None:
    edit(
        rules,
        "private-fostering-oversight",
        "- when: {board_private_fostering_awareness: not-addressed}",
        "- when: {la_private_fostering_awareness: not-addressed}",
    )
    with pytest.raises(InputError) as caught:
        load_rulebook(rules)
    assert (
        "'la_private_fostering_awareness' is about the local-authority, not the board; a case "
        "reads only facts about the board (list it under 'context' to show it)"
    ) in [p.message for p in caught.value.problems]


def test_overlapping_cases_are_found_when_the_rulebook_loads(rules: Path) -> None:
    edit(
        rules, "lay-members", "{lay_members_appointed: 1,", "{lay_members_appointed: {at_least: 1},"
    )
    assert only_problem(rules) == (
        "lay-members.yaml",
        line_of(rules, "lay-members", "{lay_members_appointed: {at_least: 1},"),
        "cases overlap where lay_members_appointed = 2 and lay_member_recruitment_under_way = yes: "
        "met case 1 and partly-met case 1 both apply; make them exclude each other",
    )


def test_a_gap_over_yes_no_and_levels_is_found_when_the_rulebook_loads(rules: Path) -> None:
    edit(
        rules,
        "cdop",
        "{cdop_in_place: false}",
        "{cdop_in_place: false, cdop_review_practice: gaps}",
    )
    assert only_problem(rules)[2] == (
        "no case covers cdop_in_place = no and cdop_review_practice = reviews-and-analyses; "
        "add a case for it"
    )


def test_a_level_without_a_case_is_a_gap(rules: Path) -> None:
    edit(
        rules,
        "annual-report-analysis",
        "    - when: {annual_report_assessment: partial-assessment}\n"
        "      reason: The annual report assesses some of the board's work but not its "
        "effectiveness in full.\n"
        "      force: statutory-guidance\n",
        "",
    )
    text = (rules / "requirements" / "annual-report-analysis.yaml").read_text(encoding="utf-8")
    text = text.replace("  partly-met:\n  unmet:", "  unmet:")
    (rules / "requirements" / "annual-report-analysis.yaml").write_text(text, encoding="utf-8")
    assert only_problem(rules)[2] == (
        "no case covers annual_report_assessment = partial-assessment; add a case for it"
    )


def test_a_date_case_must_say_what_never_means(rules: Path) -> None:
    edit(
        rules,
        "section-11-audits",
        "    - when:\n        section_11_round_last_completed: never\n"
        "      reason: No round of Section 11 audits has ever been completed.\n",
        "",
    )
    assert only_problem(rules)[2] == (
        "no case covers section_11_round_last_completed = never and "
        "section_11_returns_challenged = no; add a case for it"
    )


def test_a_parameter_that_opens_a_gap_is_refused_when_bound(rulebook: Rulebook) -> None:
    with pytest.raises(InputError, match="must be from 1 to 1,000,000, not 0"):
        bind(rulebook, {"section-11-audits": {"cycle_months": 0}})
    with pytest.raises(InputError, match="has no parameter 'cycle'"):
        bind(rulebook, {"section-11-audits": {"cycle": 12}})


def test_an_entry_claiming_more_certainty_than_its_source(rules: Path) -> None:
    edit(
        rules,
        "cdop",
        'editions: [wt-2013]\n    provision: ch.5 "Child death reviews"\n'
        "    force: statutory-guidance\n    verification: P",
        'editions: [wt-2013]\n    provision: ch.5 "Child death reviews"\n'
        "    force: statutory-guidance\n    verification: V-S",
    )
    assert only_problem(rules)[2] == (
        "claims V-S but its wording is verified for wt-2015 only, not wt-2013; mark it P"
    )


def test_no_entry_in_the_rulebook_claims_more_than_its_sources_support(
    whole_rulebook: Rulebook,
) -> None:
    register = whole_rulebook.register
    for rid, req in whole_rulebook.requirements.items():
        for entry in req.legal_basis:
            own = [e.id for e in register.instruments[entry.instrument].editions]
            assert certainty_problems(entry, entry.editions or own, register) == [], rid


def test_an_example_can_only_expect_missing_what_the_requirement_reads(rules: Path) -> None:
    edit(rules, "cdop", "    missing: [cdop_review_practice]", "    missing: [cdop_practice]")
    assert only_problem(rules)[2] == "'cdop_practice' is not read by this requirement"


def test_a_composite_cannot_contain_itself(rules: Path) -> None:
    edit(
        rules,
        "annual-report",
        "parts: [annual-report-published,",
        "parts: [annual-report,",
    )
    with pytest.raises(InputError) as caught:
        load_rulebook(rules)
    messages = [p.message for p in caught.value.problems]
    assert "unknown part 'annual-report'; parts are requirement ids" in messages


def test_a_one_of_too_long_for_the_engine_is_refused_at_load(rules: Path) -> None:
    values = ", ".join(["gaps", "reviews-and-analyses"] * 33)
    edit(
        rules,
        "cdop",
        "{cdop_in_place: true, cdop_review_practice: gaps}",
        f"{{cdop_in_place: true, cdop_review_practice: {{one_of: [{values}]}}}}",
    )
    name, line, message = only_problem(rules)
    assert (name, message) == ("cdop.yaml", "one_of lists at most 64 values; split the case")
    assert line is not None


def test_the_cli_reports_a_broken_rulebook_on_one_line_with_exit_2(rules: Path) -> None:
    edit(rules, "cdop", "{cdop_in_place: false}", "{cdop_exists: false}")
    result = CliRunner().invoke(main, ["rules", "--rules", str(rules)])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "cdop.yaml:"
        f"{line_of(rules, 'cdop', '{cdop_exists: false}')}: unknown fact 'cdop_exists'; "
        "declare it in rules/facts/"
    )
    assert result.stdout == ""


def test_section_11_and_the_standards_are_dated_apart_from_the_lscb_provisions(
    rulebook: Rulebook,
) -> None:
    day = DayRange(dt.date(2016, 5, 5), dt.date(2016, 5, 5))
    s11 = [b for b in bases_in_force(rulebook, "section-11-audits", day) if "s11" in b.label]
    assert [b.edition for b in s11] == [
        "Children Act 2004, s11 (duty on persons and bodies to safeguard and promote welfare)"
    ]
    assert rulebook.register.edition("nms-pf-2005").until is None
    assert rulebook.register.lscb_end.last_day == dt.date(2019, 9, 29)
    assert "latest possible day of any LSCB" in rulebook.register.lscb_end.meaning


def _dates_around_the_law(rulebook: Rulebook) -> list[DayRange]:
    """Days every month from 2003 to 2021, each month and year as a range, and ranges that
    start, end or straddle each edition's start and the LSCBs' end by a day."""
    months = [dt.date(y, m, 1) for y in range(2003, 2022) for m in range(1, 13)]
    found = [DayRange(d, d) for d in months]
    found += [DayRange(a, b - dt.timedelta(days=1)) for a, b in itertools.pairwise(months)]
    found += [DayRange(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in range(2003, 2022)]
    edges = [e.start for e in rulebook.register.editions()]
    edges += [e.days.latest for e in rulebook.register.editions() if e.days.latest]
    edges.append(rulebook.register.lscb_end.last_day)
    for edge in edges:
        for a, b in [(-1, -1), (0, 0), (1, 1), (-1, 0), (0, 1), (-1, 1), (-40, 40)]:
            found.append(DayRange(edge + dt.timedelta(days=a), edge + dt.timedelta(days=b)))
    return found


def test_dates_with_the_same_law_signature_have_the_same_law(whole_rulebook: Rulebook) -> None:
    """The judge works the law out once per signature: that is only right if the signature
    decides every basis, period and caveat, for every requirement."""
    groups: dict[Any, list[DayRange]] = {}
    for days in _dates_around_the_law(whole_rulebook):
        groups.setdefault(law_signature(whole_rulebook, days), []).append(days)
    assert 10 < len(groups) < len(_dates_around_the_law(whole_rulebook)) / 2
    for members in groups.values():
        first, rest = members[0], members[1:]
        for rid in whole_rulebook.requirements:
            law = bases_in_force(whole_rulebook, rid, first)
            caveats = edition_caveats(whole_rulebook, rid, first)
            for days in rest:
                assert bases_in_force(whole_rulebook, rid, days) == law, (rid, first, days)
                assert edition_caveats(whole_rulebook, rid, days) == caveats, (rid, first, days)


def _wt_labels(on: dt.date, requirement: str = "lay-members") -> list[str]:
    listing = api.rules_in_force(on, RULES)
    rule = next(r for r in listing.rules if r.requirement == requirement)
    return [b for b in rule.bases if b.startswith("WT")]


def test_the_transitional_arrangements_apply_from_29_june_2018_not_4_july() -> None:
    assert _wt_labels(dt.date(2018, 6, 28)) == ['WT 2015 ch.3 "LSCB membership" [V-S]']
    assert _wt_labels(dt.date(2018, 6, 29)) == [
        'WT 2015 ch.3 "LSCB membership", as applied by the WT 2018 transitional arrangements [P]'
    ]
    for day in (dt.date(2018, 6, 29), dt.date(2019, 9, 29)):
        assert not any(label.startswith("WT 2018") for label in _wt_labels(day))


def test_rules_on_a_date_in_the_transition_carry_the_local_switch_caveat() -> None:
    listing = api.rules_in_force(dt.date(2018, 6, 29), RULES)
    lay = next(r for r in listing.rules if r.requirement == "lay-members")
    assert lay.status == "in force"
    assert any("without this area's own date, the LSCB is assumed" in c for c in lay.caveats)
    before = api.rules_in_force(dt.date(2018, 6, 28), RULES)
    assert not next(r for r in before.rules if r.requirement == "lay-members").caveats


def test_an_uncertain_start_is_shown_as_such_not_as_in_force() -> None:
    listing = api.rules_in_force(dt.date(2012, 1, 1), RULES)
    analysis = next(r for r in listing.rules if r.requirement == "annual-report-analysis")
    assert analysis.status == "start unverified"
    assert any("certainly from 2013-04-15" in c for c in analysis.caveats)
    lay = next(r for r in listing.rules if r.requirement == "lay-members")
    assert lay.status == "in force"
    s11 = next(r for r in listing.rules if r.requirement == "section-11-audits")
    assert s11.status == "not in force"


# -- the bundled rulebook's quality ----------------------------------------------------------


def test_every_fact_in_the_vocabulary_is_read_by_some_rule(whole_rulebook: Rulebook) -> None:
    assert set(whole_rulebook.vocabulary.facts) - whole_rulebook.facts_used() == set()


def test_every_requirement_has_examples_either_side_of_its_window_and_questions(
    whole_rulebook: Rulebook,
) -> None:
    for rid, req in whole_rulebook.requirements.items():
        outcomes = {example.expect for example in req.examples}
        assert {"not-applicable"} < outcomes, f"{rid}: examples need a date before its start"
        if req.parts is None:
            assert set(req.questions) == set(whole_rulebook.reads(rid)), rid
        else:  # a composite asks what its undecided parts ask
            assert set(req.parts) <= set(whole_rulebook.requirements), rid


def test_the_engine_limits_are_far_from_reached(whole_rulebook: Rulebook) -> None:
    from compliance.engine import compile_rulebook

    for what, used, limit in compile_rulebook(bind(whole_rulebook)).margins():
        assert used * 2 <= limit, f"{what}: {used} of {limit}"


@pytest.mark.parametrize("count", range(1, 7))
def test_worst_part_cases_are_exclusive_and_complete_for_any_number_of_parts(
    rulebook: Rulebook, count: int
) -> None:
    from compliance.rulebook.composites import worst_part_cases
    from compliance.rulebook.coverage import coverage_problem

    whole = rulebook.requirements["annual-report"]
    parts = [f"part-{i}" for i in range(count)]
    composite = whole.model_copy(update={"parts": parts})
    cases = worst_part_cases(composite, dict.fromkeys(parts, "A part"), None)
    known = set(parts)

    def definition(fact: str) -> Any:
        assert fact in known
        return rulebook.definition("annual-report")  # a part's verdict, read as a fact

    assert coverage_problem(cases, definition) is None


# -- groups: where the law groups each requirement, for the board report ---------------------


def test_a_statutory_requirement_must_say_where_the_law_groups_it(rules: Path) -> None:
    edit(rules, "cdop", "group: child-deaths\n", "")
    assert only_problem(rules) == (
        "cdop.yaml",
        line_of(rules, "cdop", "title:"),
        f"no 'group'; name one of: {', '.join(GROUPS)}",
    )


def test_a_group_the_law_does_not_make_is_refused(rules: Path) -> None:
    edit(rules, "cdop", "group: child-deaths", "group: deaths")
    name, line, message = only_problem(rules)
    assert (name, line) == ("cdop.yaml", line_of(rules, "cdop", "group:"))
    assert message.endswith("or 'transition', got 'deaths' (text)")


def test_every_group_holds_a_requirement_and_follows_the_law_s_order(rulebook: Rulebook) -> None:
    used = {req.group for req in rulebook.requirements.values()}
    assert used == set(GROUPS)
    assert [g.order for g in GROUPS.values()] == list(range(len(GROUPS)))
