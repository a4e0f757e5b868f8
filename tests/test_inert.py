"""What every output passes through: unsafe characters escaped, the data itself unchanged."""

from __future__ import annotations

import json
import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from compliance.reading.inert import clip, excerpt, for_json, for_terminal

UNSAFE = ("Cc", "Cf", "Cs", "Zl", "Zp")


def test_every_control_format_and_separator_character_is_escaped() -> None:
    """Checked against this Python's Unicode database; newer characters are only added."""
    missed = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in UNSAFE
        and chr(code) != "\n"
        and for_terminal(chr(code)) == chr(code)
    ]
    assert missed == []


def test_ordinary_text_is_left_alone() -> None:
    text = (
        "Bexley LSCB: \u201ctwo lay members\u201d \u2013 café, naïve, 日本語, emoji 🙂\nnext line"
    )
    assert for_terminal(text) == text


@given(st.text())
def test_json_escapes_change_nothing_a_parser_reads(text: str) -> None:
    document = json.dumps({"quote": text}, ensure_ascii=False)
    inert = for_json(document)
    assert json.loads(inert) == {"quote": text}
    assert not [c for c in inert if c != "\n" and unicodedata.category(c) in UNSAFE]


@given(st.text())
def test_terminal_text_keeps_its_lines_and_nothing_else_acts(text: str) -> None:
    inert = for_terminal(text)
    assert inert.count("\n") == text.count("\n")
    assert not [c for c in inert if c != "\n" and unicodedata.category(c) in UNSAFE]


def test_an_excerpt_is_short_quoted_and_on_one_line() -> None:
    assert excerpt("a\nb\x1b[2J" + "x" * 100, 10) == "'a\\x0ab\\x1b[2Jxxx…'"
    assert clip("short", 10) == "short"


def test_every_character_escaped_is_one_isprintable_rejects() -> None:
    """What lets `for_terminal` pass printable text through without its expression."""
    printable_yet_escaped = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if chr(code).isprintable() and for_terminal(f"\x00{chr(code)}") != f"\\x00{chr(code)}"
    ]
    assert printable_yet_escaped == []
