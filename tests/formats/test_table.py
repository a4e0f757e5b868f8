"""The terminal table: it fits the terminal, shows every quote a verdict rests on, and its fast
paths give exactly what tabulate and textwrap give."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from compliance import api
from compliance.reading.inert import for_terminal
from compliance.render import FORMATS, RenderOptions
from compliance.render.formats import table
from compliance.render.formats.table import _wrapped, greedy_wrap
from compliance.render.text import locator, shorten
from compliance.result.run import Locator, Quote, RunResult
from tests.conftest import EVIDENCE, ROOT, RULES

TABLE = FORMATS["table"]


@pytest.fixture(scope="module")
def run() -> RunResult:
    return api.Assessor(RULES).assess([EVIDENCE])


@pytest.mark.parametrize("width", [80, 100, 160])
def test_the_table_fits_the_terminal(run: RunResult, width: int) -> None:
    out = TABLE.render(run, RenderOptions(width=width))
    longest = max(len(line) for line in out.splitlines())
    assert longest <= width, longest


def test_a_shortened_heading_keeps_its_closing_quote() -> None:
    quote = Quote(
        "lga-2015",
        "letter.txt",
        Locator(
            section="Question One: Is the Board discharging its statutory functions effectively?"
        ),
        "The membership of the BSCB is comprehensive",
    )
    short = locator(quote, 40)
    assert short.startswith("section 'Question One")
    assert short.endswith("\u2026'")
    assert len(short) <= 40
    assert shorten("one two three four", 9) == "one two\u2026"


def test_a_contested_fact_shows_every_quote_and_who_decided() -> None:
    run = api.Assessor(RULES).assess([ROOT / "tests" / "fixtures" / "statements"])
    out = TABLE.render(run, RenderOptions(width=400))
    assert '"The board has one lay member." (para 41) (contested: the inspection decides)' in out
    assert (
        'outweighed: "The board has two lay members, both of whom attend regularly." '
        "(section 'Membership') (self-assessment)"
    ) in out


# -- the table's shortcuts give what tabulate and textwrap give ------------------------------

WORD = st.text(st.characters(categories=("L", "N", "P", "S"), exclude_characters="-"), min_size=1)
LINE = st.lists(WORD, min_size=1, max_size=30).map(" ".join)


@settings(max_examples=600)
@given(LINE, st.integers(min_value=1, max_value=40))
def test_greedy_filling_equals_textwrap_on_words_and_single_spaces(line: str, width: int) -> None:
    assert greedy_wrap(line, width) == textwrap.wrap(line, width, break_long_words=True)


# Whatever a line holds: hyphens, runs of spaces, tabs, other spaces, controls, digits.
ANY_LINE = st.text(
    alphabet=st.sampled_from(list("ab -.,1eE9_+\t\r\x0b\x0c\xa0\u2003\u3000Tru\x1b[m٣"))
    | st.characters(),
    max_size=200,
)


@settings(max_examples=3000, deadline=None)
@given(ANY_LINE, st.integers(min_value=1, max_value=40))
def test_every_line_is_wrapped_as_textwrap_wraps_it(line: str, width: int) -> None:
    """Whatever the line, the shortcuts agree; asked again, the kept answer is the same."""
    expected = tuple(textwrap.wrap(line, width, break_long_words=True)) or ("",)
    assert _wrapped(line, width) == expected
    assert _wrapped(line, width) == expected


def test_a_long_word_is_cut_to_fill_the_line_it_starts_on() -> None:
    assert greedy_wrap("ab abcdefghij", 5) == ["ab ab", "cdefg", "hij"]
    assert greedy_wrap("abcde fg", 5) == ["abcde", "fg"]


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
