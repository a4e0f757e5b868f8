"""Recommendation packs: apart from the law, selected by name, decided by facts alone."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from compliance import api
from compliance.cli.commands import main
from compliance.reading.errors import InputError
from compliance.rulebook import load_rulebook
from tests.conftest import EVIDENCE, RULES
from tests.expected import expected_problems

PACK = """\
title: A test pack
board: Bexley Local Safeguarding Children Board
area: London Borough of Bexley
summary: One recommendation on lay members.
instrument_id: test-recs
instrument:
  title: Test recommendations
  kind: inspection-recommendation
  citation: a test document
  editions:
    - id: test-recs
      short: Test recs
      title: Test recommendations
      from: 2014-05-23
      certainty: verified
      verification: V-P
      source: made up for the test
      until: lscb-end
"""

RECOMMENDATION = """\
id: test-rec-lay-members
title: Appoint two lay members
summary: The test pack asks for two lay members.
in_force: {from: test-recs, until: lscb-end}
legal_basis:
  - instrument: test-recs
    provision: para 1
    force: inspection-recommendation
    verification: V-P
    source: {reproduces: test-recs, verification: V-P, where: the test document itself}
parts: PARTS
combine: worst-part
examples:
  - name: Not in force before the report
    date: 2014-01-01
    expect: not-applicable
"""


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    copy = tmp_path / "rules"
    shutil.copytree(RULES, copy)  # the bundled packs stay: the bundled evidence cites them
    folder = copy / "packs" / "test-pack" / "requirements"
    folder.mkdir(parents=True)
    (folder.parent / "pack.yaml").write_text(PACK, encoding="utf-8")
    (folder / "test-rec-part.yaml").write_text(
        (RULES / "requirements" / "lay-members.yaml")
        .read_text(encoding="utf-8")
        .replace("id: lay-members", "id: test-rec-part"),
        encoding="utf-8",
    )
    (folder / "test-rec-lay-members.yaml").write_text(
        RECOMMENDATION.replace("PARTS", "[test-rec-part]"), encoding="utf-8"
    )
    return copy


def test_a_pack_is_read_only_when_selected(rules: Path) -> None:
    assert "test-rec-lay-members" not in load_rulebook(rules).requirements
    with_pack = load_rulebook(rules, packs=["test-pack"])
    assert with_pack.pack_of == {
        "test-rec-lay-members": "test-pack",
        "test-rec-part": "test-pack",
    }
    assert "lay-members" in with_pack.requirements


def test_an_unknown_pack_names_the_known_ones(rules: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_rulebook(rules, packs=["no-such-pack"])
    assert str(caught.value.problems[0]).endswith(
        "unknown pack 'no-such-pack'; packs: dfe-bexley-2012-notice, ofsted-bexley-2014, test-pack"
    )


def test_a_pack_may_not_build_on_the_law_s_verdicts(rules: Path) -> None:
    path = rules / "packs" / "test-pack" / "requirements" / "test-rec-lay-members.yaml"
    path.write_text(RECOMMENDATION.replace("PARTS", "[lay-members]"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_rulebook(rules, packs=["test-pack"])
    (problem,) = caught.value.problems
    assert problem.message == (
        "part 'lay-members' belongs to the statutory rulebook; a pack and the law do not mix parts"
    )


def test_a_finding_never_decides_a_pack_requirement(rules: Path, tmp_path: Path) -> None:
    evidence = tmp_path / "evidence"
    shutil.copytree(EVIDENCE, evidence)
    path = evidence / "bexley-2015-lga-diagnostic.yaml"
    text = path.read_text(encoding="utf-8")
    # drop the lay-member facts, and let the peer team say the recommendation is met
    start = text.index("  lay_members_appointed:")
    end = text.index("\n  section_11_round_last_completed:")
    text = text[:start] + text[end + 1 :]
    text += """
  - about: [test-rec-part, lay-members]
    says: met
    by: the LGA peer team
    citations:
      - source: lga-2015
        section: Working Together compliance - areas for consideration and improvement
        quote: There is currently one lay member, who is enthusiastic about her role.
"""
    path.write_text(text, encoding="utf-8")
    run = api.Assessor(rules, packs=["test-pack"]).assess([path])
    (result,) = run.results
    assert result.verdict("lay-members").decided_by == "finding"  # the law: findings may decide
    assert result.verdict("test-rec-part").verdict == "not-evidenced"  # a pack: never
    assert result.verdict("test-rec-part").pack == "test-pack"
    assert run.rulebook.packs == ("test-pack",)


def test_rules_lists_the_packs_and_assess_takes_them_by_name(rules: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(main, ["rules", "--rules", str(rules)])
    assert (
        "Recommendation packs (add with --pack NAME): dfe-bexley-2012-notice, ofsted-bexley-2014,"
        " test-pack"
    ) in " ".join(listed.output.split())
    out = runner.invoke(
        main,
        [
            "assess",
            "--rules",
            str(rules),
            "--pack",
            "test-pack",
            str(EVIDENCE / "bexley-2015-lga-diagnostic.yaml"),
        ],
    )
    assert out.exit_code == 0, out.output
    assert "test-rec-lay-members" in out.output
    assert "with the pack(s) test-pack" in out.output


PACK_EXPECTED = sorted((EVIDENCE / "expected" / "packs").glob("*/*.yaml"))


@pytest.mark.parametrize("expected", PACK_EXPECTED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_bundled_pack_gives_its_expected_verdicts(expected: Path) -> None:
    pack = expected.parent.name
    run = api.Assessor(RULES, packs=[pack]).assess([EVIDENCE / f"{expected.stem}.yaml"])
    (result,) = run.results
    of_pack = dataclasses.replace(
        result, verdicts=tuple(v for v in result.verdicts if v.pack == pack)
    )
    assert of_pack.verdicts
    assert expected_problems(of_pack, expected) == []
    assert all(v.decided_by != "finding" for v in of_pack.verdicts)


def test_a_pack_binds_only_the_area_it_addresses() -> None:
    run = api.Assessor(RULES, packs=["ofsted-bexley-2014"]).assess(
        [EVIDENCE / "bromley-2016-ofsted-review.yaml"]
    )
    pack = [v for v in run.results[0].verdicts if v.pack == "ofsted-bexley-2014"]
    assert len(pack) == len(list((RULES / "packs/ofsted-bexley-2014/requirements").glob("*.yaml")))
    assert {v.verdict for v in pack} == {"not-applicable"}
    assert pack[0].reason == (
        "The pack binds London Borough of Bexley only; this evidence is about London Borough of "
        "Bromley."
    )


# The LGA letter's own verdicts in "Progress against the ten OFSTED recommendations", in the
# order of Ofsted's paras 169-178 (item 10 gives none).
LETTER = {
    169: "met",
    170: "met",
    171: "met",
    172: "met",
    173: "partly-met",
    174: "met",
    175: "met",
    176: "met",
    177: "met",
    178: None,
}
AT_FAULT = ("the letter is at fault", "in the evidence", "the rule")

# The pack's verdict on Bexley 2015 per recommendation, and whether it agrees with the letter:
# a change to either is a reviewed diff. Activity verbs ("undertakes", "introduced", "developed
# and implemented") are met by the activity done; outcome verbs ("clearly established",
# "rationalised", "manageable", "robustly analysed") only by the outcome.
PACK_ON_BEXLEY_2015 = {
    169: ("partly-met", False),  # "clearly established": the lead role is still the SIB's
    170: ("not-evidenced", False),  # "rationalised": "over complex sub-group work programme"
    171: ("met", True),  # "undertakes": audits done within "a developing framework"
    172: ("met", True),  # "undertaken" and "actioned": audits generate action plans
    173: ("partly-met", True),  # "robustly analysed": analysis "at an early stage"
    174: ("partly-met", False),  # "manageable and ... co-ordinated": "over complex"
    175: ("met", True),  # "promptly undertaken" and "acted upon": Section 11 round challenged
    176: ("met", True),  # "reviewed" and "developed and implemented": plan and impact evaluation
    177: ("met", True),  # "introduced": "Steps are in place to use existing forums"
    178: ("unmet", True),  # "analyses": "commentary, not an analysis"; the letter gives no verdict
}


def test_the_ofsted_pack_against_the_letter_item_by_item() -> None:
    """Each item agrees with the letter, or its rule says who is at fault; never a finding."""
    path = EVIDENCE / "bexley-2015-lga-diagnostic.yaml"
    run = api.Assessor(RULES, packs=["ofsted-bexley-2014"]).assess([path])
    rulebook = api.open_rulebook(RULES, packs=["ofsted-bexley-2014"])
    verdicts = {
        int(v.requirement.split("-")[2]): v
        for v in run.results[0].verdicts
        if v.pack == "ofsted-bexley-2014"
    }
    assert sorted(verdicts) == sorted(LETTER)
    agreed = []
    for para, letter in LETTER.items():
        verdict = verdicts[para]
        assert verdict.decided_by != "finding"
        agrees = verdict.verdict == letter or (
            letter is None and verdict.verdict != "not-evidenced"
        )
        assert (verdict.verdict, agrees) == PACK_ON_BEXLEY_2015[para], para
        if agrees:
            agreed.append(para)
            continue
        notes = " ".join(
            " ".join((entry.note or "").split())
            for entry in rulebook.requirements[verdict.requirement].legal_basis
        )
        assert any(words in notes for words in AT_FAULT), verdict.requirement
    assert agreed == [171, 172, 173, 175, 176, 177, 178]
