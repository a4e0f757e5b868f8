"""The table's fast line filling gives exactly textwrap's lines, wherever it is used."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.render.table import _wrapped, greedy_wrap

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
