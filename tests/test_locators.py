"""Locators of every form on plain text: none (the quote stands once), line, and the messages
that say where a quote stands when its locator is wrong or it is not found."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli import Ran, locators
from tests.cli import lscb as run_lscb
from tests.conftest import ROOT
from tests.evidence_text import LAY_MEMBERS, header

HEAD = header("{file}") + LAY_MEMBERS + "      - source: doc\n"
CITATION_LINE = HEAD.count("\n") + 1  # the line of the citation's first key after `source`

DOCUMENT = (
    "Review of the board\n"
    "\n"
    "119. The board has two lay members, appointed in 2014 after an open recruitment.\n"
    "\n"
    "120. Partners attend. The board meets quarterly.\n"
    "\n"
    "121. The board meets quarterly.\n"
    "\n"
    "Challenge\n"
    "\n"
    "122. The board meets quarterly, and its chair challenges partners.\n"
    "\n"
    "123. The board has two new members from the voluntary sector, appointed in 2015.\n"
)
SHORT = "The chair wrote to us.\nThe board has two lay members now.\nThat is all.\n"


def assess(tmp_path: Path, locator: str, document: str = DOCUMENT, *args: str) -> Ran:
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "doc.txt").write_text(document, encoding="utf-8")
    text = HEAD.format(file="sources/doc.txt") + "".join(
        f"        {line}\n" for line in locator.strip().splitlines()
    )
    (tmp_path / "evidence.yaml").write_text(text, encoding="utf-8")
    return run_lscb("assess", "--rules", str(ROOT / "rules"), "evidence.yaml", *args, cwd=tmp_path)


def refused(run: Ran, line: int, message: str) -> None:
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.splitlines() == [f"evidence.yaml:{line}: {message}"]


def test_a_quote_without_locator_standing_once_is_found_and_where_is_recorded(
    tmp_path: Path,
) -> None:
    quote = 'quote: "two lay members, appointed in 2014"'
    run = assess(tmp_path, quote, DOCUMENT, "--format", "json")
    (locator, *_) = locators(run)
    assert locator == {
        "paragraph": 119,
        "section": None,
        "page": None,
        "line": None,
        "found": True,
    }
    shown = assess(
        tmp_path, 'quote: "two lay members, appointed in 2014"', DOCUMENT, "--format", "markdown"
    )
    assert "(found at para 119)" in shown.stdout


def test_a_quote_without_locator_standing_in_several_places_is_refused(tmp_path: Path) -> None:
    run = assess(tmp_path, 'quote: "The board meets quarterly"')
    refused(
        run,
        CITATION_LINE,
        "the quote stands in 3 places in sources/doc.txt (paragraph 120, paragraph 121, "
        "paragraph 122); give a locator",
    )


def test_a_quote_standing_in_more_places_than_named_says_so(tmp_path: Path) -> None:
    document = "".join(f"{n}. The board meets quarterly.\n\n" for n in range(1, 9))
    run = assess(tmp_path, 'quote: "The board meets quarterly"', document)
    refused(
        run,
        CITATION_LINE,
        "the quote stands in more than 5 places in sources/doc.txt (paragraph 1, paragraph 2, "
        "paragraph 3, paragraph 4, paragraph 5, ...); give a locator",
    )


def test_a_line_locator_holds_for_a_short_text(tmp_path: Path) -> None:
    run = assess(tmp_path, 'line: 2\nquote: "two lay members now"', SHORT, "--format", "json")
    (locator, *_) = locators(run)
    assert locator == {"paragraph": None, "section": None, "page": None, "line": 2, "found": False}


def test_a_wrong_line_names_the_line_the_quote_is_on(tmp_path: Path) -> None:
    run = assess(tmp_path, 'line: 3\nquote: "two lay members now"', SHORT)
    refused(
        run,
        CITATION_LINE,
        "the quote is at line 2 of sources/doc.txt, not in line 3; fix the locator",
    )


def test_a_line_past_the_end_is_named(tmp_path: Path) -> None:
    run = assess(tmp_path, 'line: 9\nquote: "two lay members now"', SHORT)
    refused(run, CITATION_LINE, "line 9 not found in sources/doc.txt; check the locator")


def test_a_page_of_a_plain_text_is_refused(tmp_path: Path) -> None:
    run = assess(tmp_path, 'page: 1\nquote: "two lay members now"', SHORT)
    refused(
        run,
        CITATION_LINE,
        "sources/doc.txt has no pages (it is not a PDF); give a paragraph, a section or a line, "
        "or no locator",
    )


@pytest.mark.parametrize(
    ("locator", "message"),
    [
        (
            'paragraph: 119\nsection: Challenge\nquote: "two lay members, appointed"',
            "give at most one of paragraph (a number) and section (a heading)",
        ),
        (
            'line: 2\nparagraph: 119\nquote: "two lay members, appointed"',
            "line stands alone: give it without page, paragraph or section",
        ),
    ],
)
def test_locators_that_cannot_go_together_are_refused(
    tmp_path: Path, locator: str, message: str
) -> None:
    run = assess(tmp_path, locator)
    assert (run.returncode, run.stdout) == (2, "")
    (line,) = run.stderr.splitlines()
    assert line.startswith("evidence.yaml:"), line
    assert line.endswith(message), line


def test_a_paraphrase_is_placed_in_the_paragraph_where_its_prefix_matches(
    tmp_path: Path,
) -> None:
    # The prefix "The board has two " stands in paragraphs 119 and 123; the longer one
    # matched, "The board has two lay members, appointed in 201", only in 119.
    run = assess(
        tmp_path,
        'paragraph: 119\nquote: "The board has two lay members, appointed in 2016 after"',
    )
    refused(
        run,
        CITATION_LINE + 1,
        "quote not found in sources/doc.txt; it matches up to paragraph 119 (line 3), then "
        "differs at '6 after'; copy it verbatim from the document",
    )
