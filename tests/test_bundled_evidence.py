"""The verdicts for every bundled evidence file, asserted one by one.

These are the documents' plain statements, so each expected verdict names the paragraph or
section it follows from; a change to the rules that moves one must be a deliberate change here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.run import assess_paths, evidence_files
from compliance.verdicts import AssessmentResult
from tests.conftest import EVIDENCE, ROOT, RULES

EXPECTED: dict[str, dict[str, str]] = {
    "bexley-2014-ofsted-review.yaml": {
        "lay-members": "partly-met",  # para 187: first lay person appointed during the inspection
        "section-11-audits": "unmet",  # para 183: overdue, last undertaken in 2011
        "cdop": "met",  # para 185: the panel effectively carries out its role
        "annual-report-analysis": "unmet",  # para 190: activity, not an assessment
        "private-fostering-oversight": "not-evidenced",  # awareness only; monitoring not stated
    },
    "bexley-2015-lga-diagnostic.yaml": {
        "lay-members": "partly-met",  # one lay member where two are required
        "section-11-audits": "not-evidenced",  # audits completed and challenged, but not dated
        "cdop": "met",  # arrangements meet the legislative requirements
        "annual-report-analysis": "unmet",  # "commentary, not an analysis"
        "private-fostering-oversight": "not-evidenced",  # no notifications; monitoring not stated
    },
    "bromley-2016-ofsted-review.yaml": {
        "lay-members": "met",  # para 119: includes two lay members
        "section-11-audits": "met",  # para 127: 2014-16 cycle complete, challenge logged
        "cdop": "met",  # para 129: annual report, trends analysed
        "annual-report-analysis": "partly-met",  # para 133: could better identify progress
        "private-fostering-oversight": "unmet",  # para 133: does not sufficiently monitor
    },
    "bexley-2018-ofsted-ilacs.yaml": dict.fromkeys(
        [
            "lay-members",
            "section-11-audits",
            "cdop",
            "annual-report-analysis",
            "private-fostering-oversight",
        ],
        "not-evidenced",  # the 2018 framework has no LSCB review; the LSCB still existed
    ),
}


@pytest.fixture(scope="module")
def results() -> dict[str, AssessmentResult]:
    run = assess_paths([EVIDENCE], RULES)
    return {a.path.name: a for a in run.assessments}


def test_every_bundled_evidence_file_is_asserted(results: dict[str, AssessmentResult]) -> None:
    assert set(results) == set(EXPECTED)


@pytest.mark.parametrize(
    ("file", "requirement", "verdict"),
    [(f, r, v) for f, verdicts in EXPECTED.items() for r, v in verdicts.items()],
)
def test_bundled_verdict(
    results: dict[str, AssessmentResult], file: str, requirement: str, verdict: str
) -> None:
    found = results[file].verdict(requirement)
    assert found.verdict == verdict, found.reason


@pytest.mark.parametrize(
    ("file", "edition"),
    [
        ("bexley-2014-ofsted-review.yaml", "Working Together to Safeguard Children 2013"),
        ("bexley-2015-lga-diagnostic.yaml", "Working Together to Safeguard Children 2013"),
        ("bromley-2016-ofsted-review.yaml", "Working Together to Safeguard Children 2015"),
    ],
)
def test_verdicts_cite_the_edition_in_force_on_the_evidence_date(
    results: dict[str, AssessmentResult], file: str, edition: str
) -> None:
    for verdict in results[file].verdicts:
        assert edition in verdict.editions, verdict.requirement


def test_decided_verdicts_carry_quotes_and_a_reason(results: dict[str, AssessmentResult]) -> None:
    for result in results.values():
        for verdict in result.verdicts:
            assert verdict.reason.endswith(".")
            if verdict.verdict in ("met", "partly-met", "unmet"):
                assert verdict.facts, verdict.requirement
                assert all(f.citations for f in verdict.facts), verdict.requirement


def test_not_evidenced_verdicts_say_what_to_ask(results: dict[str, AssessmentResult]) -> None:
    for result in results.values():
        for verdict in result.verdicts:
            if verdict.verdict == "not-evidenced":
                assert verdict.missing
                assert len(verdict.questions) == len(verdict.missing)


def test_the_overdue_section_11_reason_gives_the_months(
    results: dict[str, AssessmentResult],
) -> None:
    reason = results["bexley-2014-ofsted-review.yaml"].verdict("section-11-audits").reason
    assert "27 months before the evidence date, beyond the 24-month cycle" in reason


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
    found = evidence_files([EVIDENCE])
    assert [p.name for p in found] == sorted(EXPECTED)
    assert all(isinstance(p, Path) and p.suffix == ".yaml" for p in found)


def test_files_assessed_together_give_what_each_gives_alone_in_any_order() -> None:
    files = evidence_files([EVIDENCE])
    alone = {f.name: assess_paths([f], RULES).assessments[0].verdicts for f in files}
    for order in (files, files[::-1], files[1::2] + files[::2]):
        together = assess_paths(order, RULES).assessments
        assert [a.path.name for a in together] == [f.name for f in order]
        assert {a.path.name: a.verdicts for a in together} == alone
