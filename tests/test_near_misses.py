"""A wrong name or value names the near miss, when one is likely (issue 20: errors)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.reading.near import date_in_words, did_you_mean, nearest
from tests.cli import lscb
from tests.conftest import EVIDENCE
from tests.evidence_text import header

LEVELS = ("in-place", "not-in-place", "describes-activity", "partial-assessment")


@pytest.mark.parametrize(
    ("given", "meant"),
    [
        ("in place", "in-place"),
        ("In_Place", "in-place"),
        ("describes activity", "describes-activity"),
        ("partial-assesment", "partial-assessment"),
        ("not in place", "not-in-place"),
        ("describes", "describes-activity"),  # the unique name its words begin
        ("nothing like these", None),
        ("", None),
        ("x" * 1000, None),
    ],
)
def test_the_near_miss_is_named_only_when_likely(given: str, meant: str | None) -> None:
    assert nearest(given, LEVELS) == meant


@given(st.sampled_from(LEVELS))
def test_a_choice_is_its_own_nearest(choice: str) -> None:
    assert nearest(choice, LEVELS) == choice


@given(st.text(max_size=40))
def test_a_suggestion_is_always_one_of_the_choices(given: str) -> None:
    assert nearest(given, LEVELS) in (None, *LEVELS)
    assert did_you_mean(given, LEVELS) in ("", f"; did you mean '{nearest(given, LEVELS)}'?")


@pytest.mark.parametrize(
    ("words", "form"),
    [
        ("27 June 2016", "2016-06-27"),
        ("27th June 2016", "2016-06-27"),
        ("June 27, 2016", "2016-06-27"),
        ("April 2015", "2015-04"),  # a month stays a month
        ("Apr. 2015", "2015-04"),
        ("31 February 2015", None),  # no such day: no suggestion
        ("Smarch 2015", None),
        ("2015-04", None),  # already the form: the error is elsewhere
        ("the spring of 2015", None),
    ],
)
def test_a_date_in_words_is_shown_in_the_files_form_at_its_precision(
    words: str, form: str | None
) -> None:
    assert date_in_words(words) == form


def _with(
    tmp_path: Path, old: str, new: str, source: Path = EVIDENCE / "bexley-2014-ofsted-review.yaml"
) -> Path:
    """A bundled evidence file with one edit, beside the bundled sources (--source-root)."""
    text = source.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "sources").symlink_to(EVIDENCE / "sources")
    path = tmp_path / source.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "ending"),
    [
        (
            "value: describes-activity",
            "value: describes activity",
            "did you mean 'describes-activity'?",
        ),
        ("  date: 2014-04-02", "  date: 2 April 2014", "write it as 2014-04-02"),
        ("  date: 2014-04-02", "  date: April 2014", "write it as 2014-04"),
    ],
)
def test_the_command_names_the_near_miss_at_the_line(
    tmp_path: Path, old: str, new: str, ending: str
) -> None:
    path = _with(tmp_path, old, new)
    run = lscb("assess", "--source-root", str(EVIDENCE), path.name, cwd=tmp_path)
    assert (run.returncode, run.stdout) == (2, "")
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"{path.name}:")
    assert line.endswith(ending)


def test_explain_names_the_requirement_meant() -> None:
    run = lscb("explain", "evidence/bexley-2015-lga-diagnostic.yaml", "section 11")
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.strip().endswith(
        "unknown requirement 'section 11'; did you mean 'section-11-audits'?"
    )


# -- a value its own quote contradicts -------------------------------------------------------

BROMLEY = EVIDENCE / "bromley-2016-ofsted-review.yaml"
LAY = "  lay_members_appointed:\n    value: 2\n"


def _bromley(tmp_path: Path, old: str, new: str) -> Path:
    return _with(tmp_path, old, new, BROMLEY)


def test_a_count_its_own_quote_contradicts_is_refused_with_both_shown(tmp_path: Path) -> None:
    """`0` quoting "includes two lay members" would let a falsely changed value pass CI."""
    path = _bromley(tmp_path, LAY, LAY.replace("2", "0"))
    run = lscb("assess", "--source-root", str(EVIDENCE), path.name, cwd=tmp_path)
    assert (run.returncode, run.stdout) == (2, "")
    (line,) = run.stderr.splitlines()
    text = BROMLEY.read_text(encoding="utf-8")
    value_line = text[: text.index(LAY)].count("\n") + 2
    assert line.startswith(f"{path.name}:{value_line}: ")
    assert "the value '0' contradicts its own quote, which states '2'" in line
    assert "includes two lay members" in line


@pytest.mark.parametrize("agreeing", ["{at_least: 1}", "{at_most: 2}", "2"])
def test_a_value_the_quote_allows_passes(tmp_path: Path, agreeing: str) -> None:
    path = _bromley(tmp_path, LAY, LAY.replace("2", agreeing))
    run = lscb("assess", "--source-root", str(EVIDENCE), path.name, cwd=tmp_path)
    assert (run.returncode, run.stderr) == (0, "")


@pytest.mark.parametrize(
    ("value", "refused"), [("2013", True), ("2011", False), ("2011-06", False)]
)
def test_a_year_its_own_quote_contradicts_is_refused(
    tmp_path: Path, value: str, refused: bool
) -> None:
    (tmp_path / "sources").mkdir()
    sentence = "The most recent section 11 audits were undertaken in 2011."
    (tmp_path / "sources/doc.txt").write_text(f"Review\n\n1. {sentence}\n", encoding="utf-8")
    text = header("sources/doc.txt") + (
        f"  section_11_round_last_completed:\n    value: {value}\n    citations:\n"
        f"      - {{source: doc, paragraph: 1, quote: {sentence}}}\n"
    )
    (tmp_path / "evidence.yaml").write_text(text, encoding="utf-8")
    run = lscb("assess", "evidence.yaml", cwd=tmp_path)
    if refused:
        assert (run.returncode, run.stdout) == (2, "")
        assert run.stderr.startswith(
            "evidence.yaml:17: the value '2013' contradicts its own quote, which states '2011'"
        )
    else:
        assert (run.returncode, run.stderr) == (0, "")


def test_no_bundled_statement_contradicts_its_quote() -> None:
    run = lscb("assess", "--format", "json", "evidence/")
    assert (run.returncode, run.stderr) == (0, "")
