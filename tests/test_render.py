"""Renderers read the result's trace and nothing else; what they print fits and stays faithful."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from compliance import api
from compliance.reading.inert import for_terminal
from compliance.render import FORMATS, RenderOptions, table
from compliance.render.text import locator, shorten
from compliance.result.run import Quote, RunResult
from tests.conftest import EVIDENCE, ROOT, RULES

RENDER = ROOT / "compliance" / "render"
# A renderer may read the result model, the package version, its own helpers and libraries;
# it never imports the rulebook's conditions, date arithmetic, the engine or the judge.
ALLOWED = {
    "compliance",
    "compliance.result.run",
    "compliance.result.gaps",
    "compliance.render",
    "tabulate",
}


@pytest.fixture(scope="module")
def run() -> RunResult:
    return api.Assessor(RULES).assess([EVIDENCE])


@pytest.mark.parametrize("width", [80, 100, 160])
def test_the_table_fits_the_terminal(run: RunResult, width: int) -> None:
    out = FORMATS["table"].render(run, RenderOptions(width=width))
    longest = max(len(line) for line in out.splitlines())
    assert longest <= width, longest


def test_a_shortened_heading_keeps_its_closing_quote() -> None:
    quote = Quote(
        "lga-2015",
        "letter.txt",
        "section 'Question One: Is the Board discharging its statutory functions effectively?'",
        "The membership of the BSCB is comprehensive",
    )
    short = locator(quote, 40)
    assert short.startswith("section 'Question One")
    assert short.endswith("\u2026'")
    assert len(short) <= 40
    assert shorten("one two three four", 9) == "one two\u2026"


def test_every_format_is_registered_under_its_own_name() -> None:
    assert {name: r.name for name, r in FORMATS.items()} == {name: name for name in FORMATS}
    assert set(FORMATS) == {"table", "json", "html", "markdown", "junit", "sarif"}


@pytest.mark.parametrize("module", sorted(RENDER.glob("*.py")), ids=lambda p: p.name)
def test_renderers_import_only_the_result_model(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    imported = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
    }
    imported |= {
        a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names
    }
    ours = {m for m in imported if m.split(".")[0] in ("compliance", "tabulate", "durable")}
    assert {m for m in ours if not any(m == a or m.startswith(a + ".") for a in ALLOWED)} == set()
    assert 'split("|")' not in module.read_text(encoding="utf-8")


def test_json_is_the_whole_trace_and_nothing_is_re_decided(run: RunResult) -> None:
    import json

    document = json.loads(FORMATS["json"].render(run, RenderOptions()))
    first = document["results"][0]["verdicts"][0]
    assert set(first) >= {"verdict", "reason", "decided_by", "open", "cases", "facts", "findings"}
    assert document["results"][0]["summary"] == run.results[0].counts()


def test_a_contested_fact_shows_every_quote_and_who_decided() -> None:
    run = api.Assessor(RULES).assess([ROOT / "tests" / "fixtures" / "statements"])
    out = FORMATS["table"].render(run, RenderOptions(width=400))
    assert '"The board has one lay member." (para 41) (contested: the inspection decides)' in out
    assert (
        'outweighed: "The board has two lay members, both of whom attend regularly." '
        "(section 'Membership') (self-assessment)"
    ) in out


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_renders_an_assessment_and_a_comparison(name: str) -> None:
    """The registry names a module per format; each must draw both kinds of result."""
    old, new = (
        EVIDENCE / "bexley-2014-ofsted-review.yaml",
        EVIDENCE / "bexley-2015-lga-diagnostic.yaml",
    )
    comparison = api.Assessor(RULES).compare(old, new)
    assessed = FORMATS[name].render(api.Assessor(RULES).assess([new]), RenderOptions())
    compared = FORMATS[name].compare(comparison, RenderOptions())
    assert "Bexley" in assessed
    assert "section-11-audits" in compared
    assert compared != assessed


# -- the table's shortcuts give what tabulate and textwrap give ------------------------------

_TEXT = st.text(
    alphabet=st.sampled_from(list("ab -.,1eE9_+\t\r\x0b\x0c\xa0\u2003\u3000Tru\x1b[m٣"))
    | st.characters(),
    max_size=40,
)


# Cells as the table makes them: escaped for the terminal, so without control characters.
_CELL = st.sampled_from(
    ["1", "-2.5", " 1_000 ", "1e5", "inf", "NaN", "True", "1,000", "", "٣", "x", "1\n2"]
) | st.builds(for_terminal, _TEXT)


@given(st.lists(st.tuples(_CELL, _CELL, _CELL, _CELL), min_size=1, max_size=4))
@settings(max_examples=2000, deadline=None)
def test_a_table_is_the_same_with_number_parsing_skipped_where_it_is(
    rows: list[tuple[str, str, str, str]],
) -> None:
    skip = not table._numbers_possible(rows)
    assert tabulate(
        rows, headers=table.HEADERS, tablefmt="simple_grid", disable_numparse=skip
    ) == tabulate(rows, headers=table.HEADERS, tablefmt="simple_grid")
