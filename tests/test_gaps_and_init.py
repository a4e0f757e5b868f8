"""`lscb gaps` (questions by person, with the law) and `lscb init` (a skeleton a chair fills in)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from compliance import api
from compliance.cli.commands import main
from compliance.result.gaps import PEOPLE
from tests.conftest import EVIDENCE, RULES

BEXLEY_2018 = EVIDENCE / "bexley-2018-ofsted-ilacs.yaml"


def test_gaps_group_every_open_question_by_whom_to_ask_with_its_law() -> None:
    run, (gaps,) = api.Assessor(RULES).gaps([BEXLEY_2018])
    (result,) = run.results
    undecided = {v.requirement for v in result.verdicts if v.verdict == "not-evidenced"}
    assert {u.requirement for u in gaps.undecided} == undecided
    asked = {gap.about: (group.ask, gap) for group in gaps.groups for gap in group.gaps}
    # every missing fact of every undecided verdict is asked, of the person its definition names
    rulebook = api.open_rulebook(RULES)
    for verdict in result.verdicts:
        for fact in verdict.missing:
            if fact in rulebook.vocabulary:
                assert asked[fact][0] == rulebook.vocabulary[fact].ask
    ask, lay = asked["lay_members_appointed"]
    assert ask == "chair"
    assert "lay-members" in lay.requirements
    assert any("s13(5A)" in law for law in lay.law)
    # the local switch date is asked once for every requirement it could end, with its own law
    _, switch = asked["transition"]
    assert set(switch.requirements) == undecided
    assert switch.law == ("End of the LSCB (local switch to safeguarding partners) [V-S]",)
    assert sorted(g.ask for g in gaps.groups) == sorted(PEOPLE)  # everyone is asked something


def test_gaps_ask_first_what_bears_on_most() -> None:
    """Bexley 2018: the local switch date bears on every requirement; it was 56th of 63."""
    _, (gaps,) = api.Assessor(RULES).gaps([BEXLEY_2018])
    assert gaps.first[0].about == "transition"
    assert len(gaps.first[0].requirements) == len(gaps.undecided)
    every = [gap for group in gaps.groups for gap in group.gaps]
    for group in gaps.groups:  # within a person, by rank; each person at their best question
        assert [g.rank for g in group.gaps] == sorted(g.rank for g in group.gaps)
    assert [g.gaps[0].rank for g in gaps.groups] == sorted(g.gaps[0].rank for g in gaps.groups)
    assert all(g.duties <= len(g.requirements) for g in every)
    assert [g.rank for g in gaps.first] == sorted(g.rank for g in every)[: len(gaps.first)]
    # one provision once: never the same provision twice with two tags
    for gap in every:
        provisions = [law.split(", as applied by ")[0].rsplit(" [", 1)[0] for law in gap.law]
        assert len(provisions) == len(set(provisions)), gap.law


def test_no_question_presumes_an_answer_that_is_itself_open() -> None:
    """'With fewer than two lay members appointed, ...' was asked while the number was open."""
    _, (gaps,) = api.Assessor(RULES).gaps([BEXLEY_2018])
    texts = [gap.text for group in gaps.groups for gap in group.gaps]
    assert not [t for t in texts if t.startswith(("With ", "Given "))]


def test_the_gaps_command_prints_one_list_per_person_and_json_on_request() -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["gaps", "--rules", str(RULES), str(BEXLEY_2018)])
    assert out.exit_code == 0, out.output
    assert "Ask the chair\n" in out.output
    assert "Ask the local authority" in out.output
    assert "On what date did the safeguarding partner arrangements take over" in out.output
    as_json = runner.invoke(
        main, ["gaps", "--format", "json", "--rules", str(RULES), str(BEXLEY_2018)]
    )
    document = json.loads(as_json.output)
    (assessment,) = document["assessments"]
    assert assessment["assessment"]["board"] == "Bexley Local Safeguarding Children Board"
    assert {g["ask"] for g in assessment["groups"]} <= set(PEOPLE)


def _skeleton(tmp_path: Path, on: str = "2016-03-31") -> Path:
    runner = CliRunner()
    target = tmp_path / "self-2016.yaml"
    out = runner.invoke(
        main,
        [
            "init",
            "--board",
            "Exampleshire LSCB",
            "--date",
            on,
            "-o",
            str(target),
            "--rules",
            str(RULES),
        ],
    )
    assert out.exit_code == 0, out.output
    return target


def test_an_unfilled_skeleton_assesses_and_decides_nothing(tmp_path: Path) -> None:
    target = _skeleton(tmp_path)
    run = api.Assessor(RULES).assess([target])
    verdicts = {v.verdict for v in run.results[0].verdicts}
    assert verdicts <= {"not-evidenced", "not-applicable"}
    # every fact a requirement in force reads is offered, with whom to ask
    text = target.read_text(encoding="utf-8")
    rulebook = api.open_rulebook(RULES)
    listing = api.rules_in_force(dt.date(2016, 3, 31), RULES)
    for rule in listing.rules:
        if rule.status == "not in force":
            continue
        for fact in rulebook.reads(rule.requirement):
            if fact in rulebook.vocabulary:
                assert f"  # {fact}:\n" in text, fact
    assert "Ask the chair: How many lay members were appointed" in text


def test_a_skeleton_filled_in_by_hand_is_assessed_from_the_chairs_quotes(tmp_path: Path) -> None:
    target = _skeleton(tmp_path)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "board-papers.txt").write_text(
        "Membership\n\nTwo lay members, appointed in January 2016, attend every board meeting.\n",
        encoding="utf-8",
    )
    text = target.read_text(encoding="utf-8")
    blank = (
        "  # lay_members_appointed:\n  #   value:\n"
        '  #   citations: [{source: board-papers, section: "", quote: ""}]\n'
    )
    filled = (
        "  lay_members_appointed:\n    value: 2\n"
        '    citations: [{source: board-papers, section: "Membership", '
        'quote: "Two lay members, appointed in January 2016"}]\n'
    )
    assert blank in text
    target.write_text(text.replace(blank, filled), encoding="utf-8")
    run = api.Assessor(RULES).assess([target])
    verdict = run.results[0].verdict("lay-members")
    assert verdict.verdict == "met"
    assert str(verdict.facts[0].statements[0].quotes[0].locator) == "section 'Membership'"


def test_init_never_overwrites_a_file(tmp_path: Path) -> None:
    target = _skeleton(tmp_path)
    before = target.read_text(encoding="utf-8")
    out = CliRunner().invoke(
        main, ["init", "--board", "X", "--date", "2016-03-31", "-o", str(target)]
    )
    assert out.exit_code == 2
    assert out.output.strip() == f"{target}: already exists; choose a new file name"
    assert target.read_text(encoding="utf-8") == before


def test_a_skeleton_lists_only_what_was_in_force_on_its_date(tmp_path: Path) -> None:
    text = api.evidence_skeleton("B", "A", dt.date(2009, 6, 1), RULES)
    assert "# lay_members_appointed:" not in text  # s13(5A) began on 1 April 2010
    assert "lay-members" in text.rsplit("Not in force on 2009-06-01:", 1)[1]
