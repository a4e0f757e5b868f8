"""A wrong name or value names the near miss, when one is likely (issue 20: errors)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.reading.near import date_in_words, did_you_mean, nearest
from tests.cli import lscb
from tests.conftest import EVIDENCE

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


def _with(tmp_path: Path, old: str, new: str) -> Path:
    source = EVIDENCE / "bexley-2014-ofsted-review.yaml"
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
