"""`lscb compare` and `Assessor.compare`: what moved between two assessments of one board, and why.

The bundled example is Bexley: Ofsted's review of April 2014, then the LGA's diagnostic of
February 2015, both under Working Together 2013; and Ofsted's 2018 inspection, under the 2015
edition as applied by the 2018 transitional arrangements, for a change in the law.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance import api
from compliance.reading.errors import InputError
from compliance.render import FORMATS
from compliance.result.compare import MOVES, Comparison, compare, move_of
from compliance.result.run import GRADED, VERDICTS, Threshold
from compliance.rulebook import Rulebook
from tests.cli import lscb
from tests.conftest import EVIDENCE, ROOT, RULES
from tests.test_hostile import HOSTILE, HOSTILE_QUOTE, evidence, raw_unsafe

BEXLEY_2014 = EVIDENCE / "bexley-2014-ofsted-review.yaml"
BEXLEY_2015 = EVIDENCE / "bexley-2015-lga-diagnostic.yaml"
BEXLEY_2018 = EVIDENCE / "bexley-2018-ofsted-ilacs.yaml"
BROMLEY = EVIDENCE / "bromley-2016-ofsted-review.yaml"
# What the LGA's diagnostic changed, read against Ofsted's review ten months before.
BEXLEY_2014_TO_2015 = {
    "communication-awareness": ("partly-met", "met", "improved"),
    "early-help-evaluation": ("unmet", "partly-met", "improved"),
    "lscb-established": ("partly-met", "met", "improved"),
    "membership-statutory-partners": ("not-evidenced", "met", "newly-evidenced"),
    "monitoring-evaluation": ("unmet", "partly-met", "improved"),
    "multiagency-audit": ("partly-met", "met", "improved"),
    "multiagency-training-policy": ("partly-met", "met", "improved"),
    "planning-participation": ("partly-met", "not-evidenced", "no-longer-evidenced"),
    "private-fostering-oversight": ("unmet", "partly-met", "improved"),
    "safer-recruitment": ("not-evidenced", "partly-met", "newly-evidenced"),
    "scr-function": ("partly-met", "not-evidenced", "no-longer-evidenced"),
    "section-11-audits": ("unmet", "met", "improved"),
}
OPPOSITE = {
    "improved": "regressed",
    "regressed": "improved",
    "unchanged": "unchanged",
    "newly-evidenced": "no-longer-evidenced",
    "no-longer-evidenced": "newly-evidenced",
    "newly-applicable": "no-longer-applicable",
    "no-longer-applicable": "newly-applicable",
}
verdicts = st.sampled_from(VERDICTS)


@given(verdicts, verdicts)
def test_swapping_old_and_new_turns_each_move_into_its_opposite(old: str, new: str) -> None:
    assert move_of(new, old) == OPPOSITE[move_of(old, new)]


@given(verdicts, verdicts)
def test_a_move_is_unchanged_exactly_when_the_verdict_is(old: str, new: str) -> None:
    move = move_of(old, new)
    assert move in MOVES
    assert (move == "unchanged") == (old == new)
    if move in ("improved", "regressed"):
        assert {old, new} <= set(GRADED)
        assert (move == "improved") == (GRADED.index(new) < GRADED.index(old))


@pytest.fixture(scope="module")
def bexley_2015() -> Comparison:
    return api.Assessor(RULES).compare(BEXLEY_2014, BEXLEY_2015)


@pytest.fixture(scope="module")
def bexley_2018() -> Comparison:
    return api.Assessor(RULES).compare(BEXLEY_2014, BEXLEY_2018)


def test_bexley_2014_to_2015_moves_as_the_documents_say(
    bexley_2015: Comparison, rulebook: Rulebook
) -> None:
    moved = {m.requirement: (m.old, m.new, m.move) for m in bexley_2015.moves if m.old != m.new}
    assert moved == BEXLEY_2014_TO_2015
    assert [m.requirement for m in bexley_2015.moves] == list(rulebook.requirements)
    unchanged = len(rulebook.requirements) - len(BEXLEY_2014_TO_2015)
    assert bexley_2015.counts()["unchanged"] == unchanged


def test_under_one_edition_only_the_evidence_moves_anything(bexley_2015: Comparison) -> None:
    """Both dates fall under Working Together 2013: the law is never a cause."""
    assert {m.cause for m in bexley_2015.moves} <= {"evidence", "finding and evidence", "nothing"}
    assert all(m.old_law == m.new_law == () for m in bexley_2015.moves)
    assert all(m.cause != "nothing" for m in bexley_2015.moves if m.move != "unchanged")


@pytest.mark.parametrize(
    ("old", "new"),
    [(BEXLEY_2014, BEXLEY_2015), (BEXLEY_2014, BEXLEY_2018), (BEXLEY_2015, BEXLEY_2018)],
    ids=["2014-2015", "2014-2018", "2015-2018"],
)
def test_a_move_names_a_finding_exactly_when_one_decided_either_side(old: Path, new: Path) -> None:
    comparison = api.Assessor(RULES).compare(old, new)
    for move in comparison.moves:
        on_finding = move.move != "unchanged" and "finding" in (
            comparison.old.verdict(move.requirement).decided_by,
            comparison.new.verdict(move.requirement).decided_by,
        )
        assert move.cause.startswith("finding") == on_finding, move.requirement


def test_the_why_names_the_move_and_each_fact_that_changed(bexley_2015: Comparison) -> None:
    why = {m.requirement: m.why for m in bexley_2015.moves}
    assert why["section-11-audits"] == (
        "Improved, unmet \u2192 met, because the evidence it reads changed "
        "(section_11_round_last_completed 2011 \u2192 after 2014-04-02 and in the 12 months to "
        "2015-03-13; section_11_returns_challenged not stated \u2192 yes)."
    )
    assert why["monitoring-evaluation"] == (
        "Improved, unmet \u2192 partly-met, because the evidence it reads changed "
        "(multiagency-audit partly-met \u2192 met; section-11-audits unmet \u2192 met)."
    )
    assert why["lay-members"] == (  # one lay member, recruitment unstated: undecided (L1)
        "Still not-evidenced: neither the evidence it reads nor the law in force changed."
    )
    assert why["voice-of-child"] == (
        "Still partly-met, although the evidence it reads changed "
        "(board_children_views not-routine \u2192 developing)."
    )


def test_a_change_of_edition_is_the_law_changing(bexley_2018: Comparison) -> None:
    """2014 (Working Together 2013) against 2018 (the 2015 edition, as applied in transition)."""
    by = {m.requirement: m for m in bexley_2018.moves}
    chair = by["chair-independent"]
    assert (chair.move, chair.cause) == ("unchanged", "law")
    assert chair.old_law == ('WT 2013 ch.3 "LSCB Chair, accountability and resourcing" [P]',)
    assert 'WT 2015 ch.3 "LSCB Chair, accountability and resourcing" [V-S]' in chair.new_law
    assert chair.why.startswith(
        "Still not-evidenced, although the law in force changed (no longer in force: Working "
        "Together to Safeguard Children 2013; now in force: Working Together to Safeguard "
        "Children 2015; "
    )
    lay = by["lay-members"]  # undecided on both dates since the audit's L1
    assert (lay.move, lay.cause) == ("unchanged", "evidence and law")
    assert lay.why.startswith(
        "Still not-evidenced, although the evidence it reads changed (lay_members_appointed 1 "
        "\u2192 not stated) and the law in force changed"
    )
    transition = by["transition-to-safeguarding-partners"]
    assert (transition.move, transition.cause) == ("newly-applicable", "law")
    assert transition.why == (
        "Newly-applicable, not-applicable \u2192 not-evidenced, because it came into force "
        "between the two dates (before: not yet in force on 2014-04-02: it applies from "
        "2018-06-29)."
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [(BEXLEY_2014, BEXLEY_2015), (BEXLEY_2014, BEXLEY_2018), (BEXLEY_2015, BEXLEY_2018)],
    ids=["2014-2015", "2014-2018", "2015-2018"],
)
def test_every_move_has_a_cause_and_reversing_reverses_it(old: Path, new: Path) -> None:
    run = api.Assessor(RULES).assess([old, new])
    forward = compare(run.rulebook, *run.results)
    backward = compare(run.rulebook, *reversed(run.results))
    assert all(m.cause != "nothing" for m in forward.moves if m.move != "unchanged")
    back = {m.requirement: m for m in backward.moves}
    for m in forward.moves:
        assert back[m.requirement].move == OPPOSITE[m.move]
        assert back[m.requirement].cause == m.cause
        assert (back[m.requirement].old_law, back[m.requirement].new_law) == (m.new_law, m.old_law)


def test_two_boards_or_the_wrong_order_are_refused() -> None:
    with pytest.raises(InputError, match="compare two assessments of one board"):
        api.Assessor(RULES).compare(BROMLEY, BEXLEY_2018)
    with pytest.raises(InputError, match="the older assessment comes first: swap them"):
        api.Assessor(RULES).compare(BEXLEY_2015, BEXLEY_2014)


@pytest.fixture
def regressed(tmp_path: Path) -> Path:
    """Bexley 2015 with the child death overview panel gone: cdop met -> unmet (guidance: the
    panel is Working Together's mechanism for reg 6(1)(a), audit M4's note)."""
    shutil.copytree(EVIDENCE / "sources", tmp_path / "sources")
    text = BEXLEY_2015.read_text(encoding="utf-8")
    broken = text.replace("  cdop_in_place:\n    value: true", "  cdop_in_place:\n    value: false")
    assert broken != text
    path = tmp_path / BEXLEY_2015.name
    path.write_text(broken, encoding="utf-8")
    return path


def test_a_regression_is_below_the_threshold_only_if_it_fell_below(regressed: Path) -> None:
    comparison = api.Assessor(RULES).compare(BEXLEY_2015, regressed)
    (move,) = (m for m in comparison.moves if m.move != "unchanged")
    # met on the LGA team's finding before; unmet on the facts now
    assert (move.requirement, move.move, move.cause) == (
        "cdop",
        "regressed",
        "finding and evidence",
    )
    assert move.why == (
        "Regressed, met \u2192 unmet, because the earlier verdict rests on the finding of the LGA "
        'peer team ("The Child Death Overview Panel (CDOP) arrangements meet the legislative '
        'requirements"), the facts alone leaving it open and the evidence it reads changed '
        "(cdop_in_place yes \u2192 no)."
    )
    assert [m.requirement for m in comparison.regressions(Threshold())] == ["cdop"]
    # annual-report is unmet in both: below the bar, but not newly
    # cdop's unmet is guidance (no panel: Working Together's mechanism, audit M4's note)
    assert comparison.regressions(Threshold(frozenset({"unmet"}), frozenset())) == []
    assert comparison.regressions(Threshold(frozenset(), frozenset({"unmet"}))) == [move]
    assert comparison.regressions(Threshold.never()) == []


# -- the command ---------------------------------------------------------------------------


def test_the_command_prints_what_moved_and_exits_0(rulebook: Rulebook) -> None:
    run = lscb("compare", BEXLEY_2014, BEXLEY_2015)
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout.startswith(
        "Bexley Local Safeguarding Children Board: 2014-04-02 \u2192 2015-02-26\n"
    )
    assert (
        f"{len(rulebook.requirements)} requirements: 8 improved, 0 regressed, 2 newly-evidenced, "
        f"2 no-longer-evidenced, {len(rulebook.requirements) - 12} unchanged\n"
    ) in run.stdout
    assert "\u2502 section-11-audits " in run.stdout
    assert "Unchanged: allegations-lado, annual-report," in run.stdout


def test_fail_on_fails_only_what_regressed_below_it(regressed: Path) -> None:
    run = lscb("compare", BEXLEY_2015, regressed)
    assert run.returncode == 0  # by default compare reports; `lscb check --baseline` gates
    run = lscb("compare", "--fail-on", "unmet", BEXLEY_2015, regressed)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        f"{regressed}: cdop regressed, met \u2192 unmet (guidance)",
        "lscb compare: 1 requirement newly below the threshold (failing on unmet)",
    ]
    assert "\n1 newly below the threshold: cdop\n" in run.stdout
    run = lscb(
        "compare", "--fail-on", "unmet", "--guidance-fail-on", "none", BEXLEY_2015, regressed
    )
    assert (run.returncode, run.stderr) == (0, "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (BEXLEY_2015, BEXLEY_2014),
            "evidence/bexley-2015-lga-diagnostic.yaml: is dated 2015-02-26, after "
            "evidence/bexley-2014-ofsted-review.yaml (2014-04-02); the older assessment comes "
            "first: swap them",
        ),
        (
            (BROMLEY, BEXLEY_2018),
            "evidence/bexley-2018-ofsted-ilacs.yaml: is about Bexley Local Safeguarding Children "
            "Board, but evidence/bromley-2016-ofsted-review.yaml is about Bromley Safeguarding "
            "Children Board; compare two assessments of one board",
        ),
        (
            (BEXLEY_2015, BEXLEY_2015),
            "evidence/bexley-2015-lga-diagnostic.yaml: is the same file as the old one; name two "
            "files",
        ),
        ((EVIDENCE, BEXLEY_2015), "evidence: is a folder, not a file"),
        ((BEXLEY_2014, "nowhere.yaml"), "nowhere.yaml: no such file or folder"),
    ],
    ids=["swapped", "two boards", "same file", "folder", "missing"],
)
def test_what_cannot_be_compared_is_one_line_and_exit_2(
    args: tuple[Path | str, ...], message: str
) -> None:
    relative = [str(Path(a).relative_to(ROOT)) if Path(a).is_absolute() else a for a in args]
    run = lscb("compare", *relative)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.splitlines() == [message]


def test_compare_offers_every_format_that_can_compare(tmp_path: Path) -> None:
    run = lscb("compare", "--help")
    flat = " ".join(run.stdout.split())
    for name, renderer in FORMATS.items():
        assert (f"{name}:" in flat) == (renderer.compare is not None), name
    output = tmp_path / "compare.md"
    run = lscb("compare", "--format", "markdown", "-o", output, BEXLEY_2014, BEXLEY_2015)
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")
    assert output.read_text(encoding="utf-8").startswith(
        "## Bexley Local Safeguarding Children Board: 2014-04-02 \u2192 2015-02-26\n"
    )


@pytest.mark.parametrize("fmt", sorted(n for n, r in FORMATS.items() if r.compare is not None))
def test_a_hostile_comparison_is_printed_inert(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources/doc.txt").write_text(HOSTILE + "\n", encoding="utf-8")
    base = evidence(quote=json.dumps(HOSTILE_QUOTE)).replace(
        "board: Test Board", 'board: "Test \\e]0;pwned\\a Board <b>|x|</b> \\u202e"'
    )
    (tmp_path / "old.yaml").write_text(base, encoding="utf-8")
    # less precise, so lay-members moves; a value the quote contradicts would be refused
    (tmp_path / "new.yaml").write_text(
        base.replace("value: 2", "value: {at_least: 1}"), encoding="utf-8"
    )
    run = lscb(
        "compare", "--format", fmt, "--fail-on", "unmet", "old.yaml", "new.yaml", cwd=tmp_path
    )
    assert run.returncode in (0, 1), run.stderr
    assert raw_unsafe(run.stdout) == []
    assert raw_unsafe(run.stderr) == []
    assert "lay-members" in run.stdout
