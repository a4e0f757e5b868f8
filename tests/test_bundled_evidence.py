"""The verdicts on every bundled evidence file, with their reasons, as data beside the evidence.

`evidence/expected/<file>.yaml` says, for each requirement, the verdict the documents decide and
the reason word for word. A requirement added to the rulebook that the bundled documents do not
speak to needs no entry; one they decide must be added there, deliberately.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance import api
from compliance.result.run import Result
from tests.conftest import EVIDENCE, ROOT, RULES
from tests.expected import expected_problems

EXPECTED_DIR = EVIDENCE / "expected"


@pytest.fixture(scope="module")
def results() -> dict[str, Result]:
    run = api.Assessor(RULES).assess([EVIDENCE])
    return {r.path.stem: r for r in run.results}


def test_every_bundled_evidence_file_has_expected_verdicts(results: dict[str, Result]) -> None:
    assert {p.stem for p in EXPECTED_DIR.glob("*.yaml")} == set(results)


@pytest.mark.parametrize("expected", sorted(EXPECTED_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_bundled_verdicts_and_reasons(results: dict[str, Result], expected: Path) -> None:
    assert expected_problems(results[expected.stem], expected) == []


@pytest.mark.parametrize(
    ("stem", "edition"),
    [
        ("bexley-2014-ofsted-review", "Working Together to Safeguard Children 2013"),
        ("bexley-2015-lga-diagnostic", "Working Together to Safeguard Children 2013"),
        ("bromley-2016-ofsted-review", "Working Together to Safeguard Children 2015"),
    ],
)
def test_verdicts_cite_the_edition_in_force_on_the_evidence_date(
    results: dict[str, Result], stem: str, edition: str
) -> None:
    for verdict in results[stem].verdicts:
        if any(b.edition.startswith("Working Together") for b in verdict.basis):
            assert edition in verdict.editions, verdict.requirement


def test_bexley_2018_cites_both_editions_of_its_uncertain_date_and_the_transition(
    results: dict[str, Result],
) -> None:
    result = results["bexley-2018-ofsted-ilacs"]
    assert result.assessment.date == "2018-04 to 2018-10"
    lay = result.verdict("lay-members")
    periods = {b.label: b.period for b in lay.basis if b.label.startswith("WT")}
    assert periods == {
        'WT 2015 ch.3 "LSCB membership"': "2018-04-01 to 2018-06-28",
        'WT 2015 ch.3 "LSCB membership", as applied by the WT 2018 transitional arrangements': (
            "2018-06-29 to 2018-10-31"
        ),
    }
    transitional = next(b for b in lay.basis if "transitional" in b.label)
    assert transitional.verification == "P"
    assert any(q.about == "transition" for q in lay.questions)
    assert any("safeguarding partners" in c for c in lay.caveats)


def test_findings_are_shown_apart_from_facts(results: dict[str, Result]) -> None:
    bromley = results["bromley-2016-ofsted-review"]
    board = [(f.says, f.quotes[0].quote) for f in bromley.findings]
    assert (
        "met",
        "Bromley Safeguarding Children Board complies with its statutory responsibilities as "
        "defined in 'Working together 2015'.",
    ) in board
    cdop = results["bexley-2015-lga-diagnostic"].verdict("cdop")
    assert cdop.decided_by == "finding"
    assert [f.name for f in cdop.facts] == ["cdop_in_place"]
    assert cdop.findings[0].agrees is True


def test_the_councils_practice_is_context_not_the_boards_verdict(
    results: dict[str, Result],
) -> None:
    verdict = results["bromley-2016-ofsted-review"].verdict("private-fostering-oversight")
    assert [f.name for f in verdict.facts] == ["board_private_fostering_monitoring"]
    context = {f.name: (f.about, f.value) for f in verdict.context}
    assert context["la_private_fostering_practice"] == (
        "local-authority",
        "basic-safeguards-lacking",
    )
    assert context["private_fostering_notifications"] == ("area", "increasing")


def test_one_fact_from_two_documents(results: dict[str, Result]) -> None:
    verdict = results["bexley-2015-lga-diagnostic"].verdict("section-11-audits")
    (fact,) = [f for f in verdict.facts if f.name == "section_11_round_last_completed"]
    assert [s.kind for s in fact.statements] == ["inspection", "peer-review"]
    assert not fact.contested
    assert {q.source for s in fact.statements for q in s.quotes} == {"ofsted-2014", "lga-2015"}
    assert fact.statements[0].quotes[0].holds_for == "2014-03-11 to 2014-04-02"


def test_decided_verdicts_carry_quotes_and_every_open_verdict_a_question(
    results: dict[str, Result],
) -> None:
    for result in results.values():
        for verdict in result.verdicts:
            assert verdict.reason.endswith(".")
            if verdict.decided_by == "facts" and not verdict.parts:
                assert verdict.facts
                assert all(s.quotes for f in verdict.facts for s in f.statements)
            if verdict.verdict == "not-evidenced":
                assert verdict.questions, verdict.requirement
                assert len(verdict.open) > 1, verdict.requirement


SHARED = ROOT.parent / "shared" / "sources"
COPIES = {
    "000_365e1ef2b819a726.txt": "bexley-2014-ofsted-inspection-and-lscb-review.txt",
    "001_8323bf4d90f91e8e.txt": "bromley-2016-ofsted-inspection-and-lscb-review.txt",
    "002_bded3d3a858af9ea.txt": "bexley-2018-ofsted-ilacs-inspection-extract.txt",
    "003_a4313703945996fd.txt": "bexley-2012-dfe-improvement-notice.txt",
    "004_6dff51be23297be1.txt": "bexley-2015-lga-lscb-diagnostic-letter.txt",
}


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared sources are not beside this checkout")
@pytest.mark.parametrize(("original", "copy"), COPIES.items())
def test_source_documents_are_unchanged_copies(original: str, copy: str) -> None:
    assert (EVIDENCE / "sources" / copy).read_bytes() == (SHARED / original).read_bytes()


def test_every_source_document_is_listed_with_provenance() -> None:
    readme = (EVIDENCE / "sources" / "README.md").read_text(encoding="utf-8")
    for path in (EVIDENCE / "sources").glob("*.txt"):
        assert f"`{path.name}`" in readme, path.name


def test_folders_are_searched_for_evidence_files_only() -> None:
    found = api.evidence_files([EVIDENCE])
    assert [p.stem for p in found] == sorted(p.stem for p in EXPECTED_DIR.glob("*.yaml"))


def test_files_assessed_together_give_what_each_gives_alone_in_any_order() -> None:
    files = api.evidence_files([EVIDENCE])
    alone = {f.name: api.Assessor(RULES).assess([f]).results[0].verdicts for f in files}
    for order in (files, files[::-1], files[1::2] + files[::2]):
        together = api.Assessor(RULES).assess(order).results
        assert [r.path.name for r in together] == [f.name for f in order]
        assert {r.path.name: r.verdicts for r in together} == alone
