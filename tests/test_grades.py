"""An inspectorate's own grade, as data: the scales in rules/grades.yaml, a finding's `grade`
checked against them, shown as such in every output, and never turned into a verdict."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance import api
from compliance.reading.errors import InputError
from compliance.result.run import FindingTrace, GradeTrace, Result
from compliance.rulebook import load_rulebook
from compliance.values import DayRange, Value
from tests.cli import lscb
from tests.conftest import EVIDENCE, RULES
from tests.evidence_text import header
from tests.test_properties import JUDGE, RULEBOOK, SETTINGS, evidence, known, verdicts

BEXLEY_2014 = EVIDENCE / "bexley-2014-ofsted-review.yaml"
BROMLEY_2016 = EVIDENCE / "bromley-2016-ofsted-review.yaml"
SCALE = "ofsted-lscb-review"
GRADES = ["outstanding", "good", "requires-improvement", "inadequate"]
ALLOWED = "'outstanding', 'good', 'requires-improvement' or 'inadequate'"
REPORT_2014 = EVIDENCE / "sources" / "bexley-2014-ofsted-inspection-and-lscb-review.txt"
LOCATED = re.compile(r"^\S+:\d+: ")


def board_grade(result: Result) -> GradeTrace:
    (graded,) = [f.grade for f in result.findings if f.grade is not None]
    return graded


# The scales, as data


def test_the_lscb_review_scale_is_ofsted_s_four_grades_best_first() -> None:
    scale = RULEBOOK.grade_scales.scales[SCALE]
    assert list(scale.grades) == GRADES
    assert [g.words for g in scale.grades.values()] == [
        "outstanding",
        "good",
        "requires improvement",
        "inadequate",
    ]
    assert (scale.by, scale.judges, scale.framework) == ("Ofsted", "board", "ofsted-sif-2013")
    assert [scale.rank(g) for g in GRADES] == [1, 2, 3, 4]


def test_each_grade_s_words_stand_in_ofsted_s_own_descriptors() -> None:
    """The words are Ofsted's: its 2014 report prints each grade in bold in "What the
    inspection judgements mean: the LSCB"."""
    text = REPORT_2014.read_text(encoding="utf-8")
    meaning = text[text.index("What the inspection judgements mean: the LSCB\n\n") :]
    for grade in RULEBOOK.grade_scales.scales[SCALE].grades.values():
        assert f"**{grade.words}**" in meaning


def rulebook_with(tmp_path: Path, grades: str) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(RULES, root)
    (root / "grades.yaml").write_text(grades, encoding="utf-8")
    return root


SCALE_TEXT = """scales:
  a-scale:
    title: A scale
    by: An inspectorate
    judges: board
    framework: ofsted-sif-2013
    verification: U
    source: nowhere
    grades:
      high: {words: high}
      low: {words: low}
"""


@pytest.mark.parametrize(
    ("change", "line", "said"),
    [
        (("framework: ofsted-sif-2013", "framework: ofsted-2099"), 6, "not an edition"),
        (("judges: board", "judges: council"), 5, "judges"),
        (("verification: U", "verification: sure"), 7, "verification"),
        (("      low: {words: low}\n", ""), 9, "grades"),
        (("high: {words: high}", "High: {words: high}"), 10, "High"),
        (("source: nowhere", "source: nowhere\n    extra: 1"), 9, "extra"),
    ],
    ids=["framework", "judges", "tag", "one-grade", "key", "unknown-key"],
)
def test_a_broken_grade_scale_stops_the_rulebook_at_its_line(
    tmp_path: Path, change: tuple[str, str], line: int, said: str
) -> None:
    root = rulebook_with(tmp_path, SCALE_TEXT.replace(*change))
    with pytest.raises(InputError) as raised:
        load_rulebook(root)
    (problem,) = raised.value.problems
    assert problem.path == root / "grades.yaml"
    assert problem.line == line
    assert said in problem.message
    ran = lscb("assess", "--rules", root, BEXLEY_2014)
    assert (ran.returncode, ran.stdout) == (2, "")
    assert len(ran.stderr.splitlines()) == 1
    assert LOCATED.match(ran.stderr)


def test_a_rulebook_without_grades_yaml_declares_no_scale_and_refuses_a_grade(
    tmp_path: Path,
) -> None:
    root = tmp_path / "rules"
    shutil.copytree(RULES, root)
    (root / "grades.yaml").unlink()
    assert load_rulebook(root).grade_scales.scales == {}
    ran = lscb("assess", "--rules", root, BEXLEY_2014)
    assert (ran.returncode, ran.stdout) == (2, "")
    assert "unknown grade scale 'ofsted-lscb-review'" in ran.stderr
    assert "the rulebook declares no grade scale" in ran.stderr


def test_the_grades_file_is_part_of_the_rulebook_s_digest(tmp_path: Path) -> None:
    root = rulebook_with(tmp_path, (RULES / "grades.yaml").read_text(encoding="utf-8"))
    before = load_rulebook(root).location.digest
    (root / "grades.yaml").write_text(SCALE_TEXT, encoding="utf-8")
    assert load_rulebook(root).location.digest != before


# A finding's grade, checked


def graded_file(tmp_path: Path, finding: str) -> Path:
    (tmp_path / "doc.txt").write_text(
        "1. The effectiveness of the board is inadequate today.\n", encoding="utf-8"
    )
    text = header("doc.txt", publisher="Ofsted", kind="inspection") + "findings:\n" + finding
    path = tmp_path / "e.yaml"
    path.write_text(text, encoding="utf-8")
    return path


CITED = """    citations:
      - source: doc
        paragraph: 1
        quote: The effectiveness of the board is inadequate
"""


def test_a_graded_finding_loads_and_carries_the_inspectorate_s_words(tmp_path: Path) -> None:
    path = graded_file(
        tmp_path, f"  - about: board\n    grade: {{scale: {SCALE}, grade: good}}\n" + CITED
    )
    (result,) = api.Assessor().assess([path]).results
    grade = board_grade(result)
    assert (grade.scale, grade.grade, grade.words, grade.rank, grade.by) == (
        SCALE,
        "good",
        "good",
        2,
        "Ofsted",
    )
    assert grade.label == "Ofsted's judgement: good"
    assert result.findings[0].says is None


@pytest.mark.parametrize(
    ("finding", "line", "said"),
    [
        (
            "  - about: board\n    grade: {scale: ofsted-review, grade: good}\n",
            18,
            "unknown grade scale 'ofsted-review'; use 'ofsted-lscb-review' (rules/grades.yaml)",
        ),
        (
            "  - about: board\n    grade: {scale: ofsted-lscb-review, grade: excellent}\n",
            18,
            f"'excellent' is not a grade of 'ofsted-lscb-review'; use {ALLOWED} (best first)",
        ),
        (
            "  - about: board\n    grade:\n      scale: ofsted-lscb-review\n"
            "      grade: requires improvement\n",
            20,
            "'requires improvement' is not a grade of 'ofsted-lscb-review'; use",
        ),
        (
            "  - about: cdop\n    grade: {scale: ofsted-lscb-review, grade: good}\n",
            17,
            "'ofsted-lscb-review' grades the board as a whole; give its grade in a finding "
            "with about: board",
        ),
        ("  - about: board\n", 17, "needs 'says' (our terms), 'grade' (the inspectorate's)"),
        (
            "  - about: board\n    grade: inadequate\n",
            18,
            "give a grade as {scale: SCALE, grade: GRADE}",
        ),
        ("  - about: board\n    grade: {scale: ofsted-lscb-review}\n", 18, "missing 'grade'"),
        (
            "  - about: board\n    grade: {scale: ofsted-lscb-review, grade: good, rank: 2}\n",
            18,
            "rank",
        ),
    ],
    ids=[
        "unknown-scale",
        "unknown-grade",
        "words-not-key",
        "board-scale-on-requirement",
        "neither",
        "not-a-mapping",
        "no-grade",
        "unknown-key",
    ],
)
def test_a_wrong_grade_is_refused_with_its_line_and_what_is_allowed(
    tmp_path: Path, finding: str, line: int, said: str
) -> None:
    path = graded_file(tmp_path, finding + CITED)
    ran = lscb("assess", path)
    assert (ran.returncode, ran.stdout) == (2, "")
    (message,) = ran.stderr.splitlines()
    assert message.startswith(f"{path}:{line}: ")
    assert said in message
    assert "Traceback" not in ran.stderr


# Shown as such, in every output


@pytest.fixture(scope="module")
def bexley_2014() -> Result:
    (result,) = api.Assessor().assess([BEXLEY_2014]).results
    return result


def test_the_bundled_reviews_record_ofsted_s_grade_of_each_board(bexley_2014: Result) -> None:
    grade = board_grade(bexley_2014)
    assert (grade.grade, grade.rank) == ("inadequate", 4)
    (bromley,) = api.Assessor().assess([BROMLEY_2016]).results
    assert board_grade(bromley).grade == "requires-improvement"
    # the grade stands alone: the finding says nothing in our terms
    assert [f.says for f in bexley_2014.findings if f.grade] == [None]


JUDGEMENT = "Ofsted's judgement of the board (2014-03-11 to 2014-04-02): inadequate (4 of 4"


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_the_text_formats_show_the_judgement_above_the_verdicts(fmt: str) -> None:
    ran = lscb("assess", "--format", fmt, BEXLEY_2014, columns=200)
    assert ran.returncode == 0
    out = ran.stdout.replace("\\:", ":")
    assert JUDGEMENT in out
    assert "outstanding, good, requires improvement, inadequate" in out
    assert out.index(JUDGEMENT) < out.index("allegations-lado")


def test_json_carries_the_grade_as_data() -> None:
    ran = lscb("assess", "--format", "json", BEXLEY_2014)
    (result,) = json.loads(ran.stdout)["results"]
    graded = [f for f in result["findings"] if f["grade"]]
    assert graded[0]["says"] is None
    assert graded[0]["grade"] == {
        "scale": SCALE,
        "scale_title": "Ofsted's review of the effectiveness of the LSCB",
        "by": "Ofsted",
        "grade": "inadequate",
        "words": "inadequate",
        "rank": 4,
        "scale_words": ["outstanding", "good", "requires improvement", "inadequate"],
    }


def test_junit_gives_the_judgement_as_a_suite_property_and_beside_each_verdict() -> None:
    ran = lscb("assess", "--format", "junit", BEXLEY_2014)
    suite = ET.fromstring(ran.stdout).find("testsuite")
    assert suite is not None
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    name = "judgement of the board: Ofsted's review of the effectiveness of the LSCB"
    assert properties[name] == "inadequate"
    cdop = next(c for c in suite.iter("testcase") if c.get("name") == "cdop")
    assert JUDGEMENT in "".join(cdop.itertext())


def test_sarif_gives_the_judgement_with_each_result() -> None:
    ran = lscb("check", "--format", "sarif", "--fail-on", "not-evidenced", BEXLEY_2014)
    results = json.loads(ran.stdout)["runs"][0]["results"]
    assert results
    for result in results:
        (judgement,) = result["properties"]["boardJudgements"]
        assert (judgement["scale"], judgement["grade"]) == (SCALE, "inadequate")
        assert JUDGEMENT in result["message"]["text"]


def test_explain_shows_the_board_s_judgement_beside_the_verdict() -> None:
    ran = lscb("explain", BEXLEY_2014, "cdop")
    assert ran.returncode == 0
    lines = ran.stdout.splitlines()
    judged = next(i for i, line in enumerate(lines) if line.startswith("Ofsted's judgement"))
    assert judged < next(i for i, line in enumerate(lines) if line.startswith("Verdict:"))
    assert "inadequate" in lines[judged]


def test_the_report_shows_the_judgement_in_its_first_part(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    ran = lscb("report", BEXLEY_2014, "-o", out)
    assert ran.returncode == 0
    page = out.read_text(encoding="utf-8")
    header_part = page[page.index("<header>") : page.index("</header>")]
    assert 'Ofsted&rsquo;s judgement: <strong class="grade">inadequate</strong>' in header_part
    assert '<li class="given">inadequate</li>' in header_part
    assert "Ofsted's review of the effectiveness of the LSCB, 2014-03-11 to 2014-04-02" in (
        header_part.replace("&#39;", "'")
    )


def test_an_ungraded_assessment_shows_no_judgement(tmp_path: Path) -> None:
    lga = EVIDENCE / "bexley-2015-lga-diagnostic.yaml"
    ran = lscb("assess", lga)
    assert "judgement of the board" not in ran.stdout
    out = tmp_path / "report.html"
    lscb("report", lga, "-o", out)
    assert 'class="judgement' not in out.read_text(encoding="utf-8")


# Never a verdict


def with_grade(finding: FindingTrace, grade: str) -> FindingTrace:
    scale = RULEBOOK.grade_scales.scales[SCALE]
    words = tuple(g.words for g in scale.grades.values())
    trace = GradeTrace(SCALE, scale.title, scale.by, grade, scale.grades[grade].words, 1, words)
    return replace(finding, grade=trace)


@SETTINGS
@given(
    evidence(),
    st.sampled_from(sorted(RULEBOOK.requirements)),
    st.sampled_from([None, "met", "partly-met", "unmet", "improvement-needed"]),
    st.sampled_from(GRADES),
)
def test_a_grade_never_changes_a_verdict(
    case: tuple[dict[str, Value], DayRange], requirement: str, says: str | None, grade: str
) -> None:
    """The same evidence judged with a finding's grade and without it gives the same verdicts,
    reasons included; a finding that gives only a grade decides nothing."""
    values, as_of = case
    finding = FindingTrace(requirement, says, "a reviewer", "then", "inspection", ())
    graded = [([requirement], with_grade(finding, grade))]
    judged = {
        v.requirement: (v.verdict, v.reason) for v in JUDGE.verdicts(known(values), as_of, graded)
    }
    ungraded = [([requirement], finding)] if says is not None else []
    plain = {
        v.requirement: (v.verdict, v.reason) for v in JUDGE.verdicts(known(values), as_of, ungraded)
    }
    assert judged == plain
    if says is None:
        assert judged == {r: (v.verdict, v.reason) for r, v in verdicts(values, as_of).items()}


@pytest.mark.parametrize("grade", GRADES)
def test_every_grade_on_the_bundled_reviews_leaves_every_verdict_as_it_is(
    tmp_path: Path, grade: str
) -> None:
    shutil.copytree(EVIDENCE / "sources", tmp_path / "sources")
    for path in (BEXLEY_2014, BROMLEY_2016):
        text = path.read_text(encoding="utf-8")
        given_grade = re.search(r"grade: \{scale: ofsted-lscb-review, grade: ([a-z-]+)\}", text)
        assert given_grade is not None
        regraded = tmp_path / path.name
        regraded.write_text(
            text.replace(
                given_grade.group(0),
                given_grade.group(0).replace(
                    f"grade: {given_grade.group(1)}}}", f"grade: {grade}}}"
                ),
            ),
            encoding="utf-8",
        )
        (before,) = api.Assessor().assess([path]).results
        (after,) = api.Assessor().assess([regraded]).results
        assert board_grade(after).grade == grade
        assert [(v.requirement, v.verdict, v.reason) for v in after.verdicts] == [
            (v.requirement, v.verdict, v.reason) for v in before.verdicts
        ]
