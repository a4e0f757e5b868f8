"""The markdown format, read back by GitHub's own parser (cmark-gfm) with raw HTML allowed.

Parsing with raw HTML allowed is the strict reading: whatever the escaping missed would come
back as a tag, a link, emphasis or a split table cell. What the format quotes must come back
as the same text, literally.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import example, given, settings
from hypothesis import strategies as st

from compliance import api
from compliance.reading.inert import for_terminal
from compliance.render import FORMATS, RenderOptions
from compliance.render.formats.markdown import cell, inline
from compliance.result.run import Result, RunResult, Threshold
from tests.conftest import EVIDENCE, RULES
from tests.test_hostile import HOSTILE, HOSTILE_QUOTE, evidence

BEXLEY_2014 = EVIDENCE / "bexley-2014-ofsted-review.yaml"
BEXLEY_2015 = EVIDENCE / "bexley-2015-lga-diagnostic.yaml"
# Markdown's and GitHub's own characters, HTML's, line breaks and controls, mixed with text.
TRICKY = st.lists(
    st.one_of(
        st.sampled_from([*"|\\`*_[]()<>&#!:@$~.-+=\"' \n\t\r", "www.", "http://", "&amp;", ":+1:"]),
        st.characters(),
    ),
    max_size=40,
).map("".join)


def to_html(markdown: str) -> str:
    """The HTML GitHub shows: its sanitiser drops comments (the format writes an empty one
    before each '@', to stop e-mail autolinks), so they are dropped here too."""
    shown = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    return shown.replace("<!---->", "")


def cells(document: str) -> list[list[str]]:
    """Each table row of the HTML, as the text of its cells (line breaks as newlines)."""
    rows = re.findall(r"<tr>\n(.*?)</tr>", document, re.DOTALL)
    return [
        [
            html.unescape(c.replace("<br>", "\n"))
            for c in re.findall(r"<t[hd]>(.*?)</t[hd]>", row, re.DOTALL)
        ]
        for row in rows
    ]


def tags(document: str) -> set[str]:
    return set(re.findall(r"<(/?[a-z0-9]+)", document))


@given(TRICKY)
@example("\t@www.www.")  # an e-mail autolink, found by this test in a fresh clone's run
@example("write to lscb@example.org, or x@y.z")
@settings(max_examples=400, deadline=None)
def test_a_cell_comes_back_as_the_same_text_in_one_cell(text: str) -> None:
    document = to_html(f"| a | b |\n|---|---|\n| {cell(text)} | x |\n")
    assert tags(document) <= {"table", "/table", "thead", "/thead", "tbody", "/tbody"} | {
        "tr",
        "/tr",
        "th",
        "/th",
        "td",
        "/td",
        "br",
    }
    expected = "\n".join(
        " ".join(line.split())
        for line in for_terminal(text).split("\n")
        if line.strip() and " ".join(line.split())
    )
    assert cells(document)[1] == [for_terminal(expected, keep_newlines=True), "x"]


@given(TRICKY)
@settings(max_examples=400, deadline=None)
def test_inline_text_comes_back_as_the_same_text_on_one_line(text: str) -> None:
    document = to_html(f"Text: {inline(text)} end\n")
    assert tags(document) == {"p", "/p"}
    body = html.unescape(document.removeprefix("<p>Text: ").removesuffix(" end</p>\n"))
    assert body == for_terminal(" ".join(text.split()), keep_newlines=False).strip()
    assert "\n" not in body


@pytest.fixture(scope="module")
def bexley_run() -> RunResult:
    return api.Assessor(RULES).assess([BEXLEY_2014, BEXLEY_2015])


@pytest.fixture(scope="module")
def bexley(bexley_run: RunResult) -> str:
    return FORMATS["markdown"].render(bexley_run, RenderOptions(threshold=Threshold()))


def _counts_line(result: Result) -> str:
    counts = ", ".join(f"{n} {name}" for name, n in result.counts().items())
    return f"<strong>{len(result.verdicts)} requirements: {counts}.</strong>"


def test_each_file_has_a_heading_counts_and_a_row_per_requirement(
    bexley: str, bexley_run: RunResult
) -> None:
    document = to_html(bexley)
    assert re.findall(r"<h2>(.*?)</h2>", document) == [
        "Bexley Local Safeguarding Children Board, 2014-04-02 (inspection)",
        "Bexley Local Safeguarding Children Board, 2015-02-26 (peer-review)",
    ]
    assert _counts_line(bexley_run.results[1]) in document
    tables = re.findall(r"<table>.*?</table>", document, re.DOTALL)
    assert len(tables) == 2
    rows = cells(tables[1])
    assert rows[0] == ["requirement", "verdict", "legal basis", "evidence"]
    assert len(rows) == 1 + len(bexley_run.results[1].verdicts)
    assert all(len(row) == 4 for row in rows)
    lay = next(row for row in rows if row[0] == "lay-members")
    assert lay[1] == "not-evidenced (partly-met or unmet)"  # steps to recruit unstated (L1)
    assert "CA 2004 s13(5A) [V-S]" in lay[2].split("\n")


def test_requirements_below_the_threshold_are_marked_and_counted(bexley: str) -> None:
    rows = [
        r for t in re.findall(r"<table>.*?</table>", to_html(bexley), re.DOTALL) for r in cells(t)
    ]
    marked = {row[0] for row in rows if row[1].startswith("\u2717 ")}
    assert marked == {
        "annual-report",
        "annual-report-analysis",
        "early-help-evaluation",
        "monitoring-evaluation",
        "private-fostering-oversight",
        "section-11-audits",
    }
    assert "\u2717 marks the 6 below the threshold (failing on unmet)." in bexley
    assert "\u2717 marks the 2 below the threshold (failing on unmet)." in bexley


def test_what_to_ask_is_folded_away_by_person(bexley: str, bexley_run: RunResult) -> None:
    document = to_html(bexley)
    open_ = bexley_run.results[1].counts()["not-evidenced"]
    assert (
        f"<details><summary>What to ask to decide the {open_} not-evidenced requirements</summary>"
        in document
    )
    assert "<strong>Ask the chair</strong>" in document


def test_the_comparison_lists_what_moved_and_folds_what_did_not() -> None:
    comparison = api.Assessor(RULES).compare(BEXLEY_2014, BEXLEY_2015)
    document = to_html(FORMATS["markdown"].compare(comparison, RenderOptions()))
    moved, unchanged = (cells(t) for t in re.findall(r"<table>.*?</table>", document, re.DOTALL))
    assert moved[0] == ["requirement", "move", "why"]
    still = comparison.counts()["unchanged"]
    assert len(moved) == 1 + len(comparison.moves) - still
    assert len(unchanged) == 1 + still
    section_11 = next(row for row in moved if row[0] == "section-11-audits")
    assert section_11[1] == "improved"
    assert section_11[2].startswith(
        "Improved, unmet \u2192 met, because the evidence it reads changed"
    )
    assert f"<details><summary>{still} unchanged</summary>" in document


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The hostile document of tests/test_hostile.py, with a board name made to break tables."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources/doc.txt").write_text(HOSTILE + "\n", encoding="utf-8")
    text = evidence(quote=json.dumps(HOSTILE_QUOTE)).replace(
        "board: Test Board", 'board: "Test | [x](javascript:alert(1)) **B** <b>board</b> \\u202e"'
    )
    (tmp_path / "evidence.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "evidence.yaml"


def test_a_hostile_document_is_quoted_literally(hostile: Path) -> None:
    run = api.Assessor(RULES).assess([hostile])
    markdown = FORMATS["markdown"].render(run, RenderOptions())
    document = to_html(markdown)
    assert not {"script", "b", "a", "em", "img"} & tags(document)
    assert "javascript" not in re.findall(r'href="([^"]*)"', document)
    heading = html.unescape(re.findall(r"<h2>(.*?)</h2>", document)[0])
    assert heading == (
        "Test | [x](javascript:alert(1)) **B** <b>board</b> \\u202e, 2015-03-13 (peer-review)"
    )
    rows = cells(re.findall(r"<table>.*?</table>", document, re.DOTALL)[0])
    assert all(len(row) == 4 for row in rows)
    lay = next(row for row in rows if row[0] == "lay-members")
    assert "<script>alert(1)</script> | **bold** ]]> &amp; $(rm -rf ~) `id`" in lay[3]
    assert "\\x1b[31mhas" in lay[3]
