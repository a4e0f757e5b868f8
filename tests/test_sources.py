"""Quote matching: tolerant of what text conversion does, and of nothing else."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.evidence.sources import (
    MAX_DROPPED,
    QuoteTooCommon,
    Reading,
    ReadTooMuch,
    SourceText,
    Span,
    canonical,
)
from compliance.reading.errors import InputError

TEXT = """Heading One

12. The board's \u201cannual report\u201d was pub-
lished in 2014\u20132015 and is multi-agency
in scope.

13. The next paragraph.
"""


@pytest.fixture
def source(tmp_path: Path) -> SourceText:
    path = tmp_path / "doc.txt"
    path.write_text(TEXT, encoding="utf-8")
    return SourceText.read(path)


@pytest.mark.parametrize(
    "quote",
    [
        'The board\'s "annual report" was published in 2014-2015',  # straight quotes, ASCII dash
        "was pub-lished in 2014\u20132015 and is multi-agency in scope.",  # hyphen kept
        "was published in 2014-2015 and is   multi-agency\nin scope.",  # wrap and spaces
        "The board\u2019s \u201cannual report\u201d",  # typographic as in the source
    ],
)
def test_tolerated_differences_still_match(source: SourceText, quote: str) -> None:
    assert source.first(quote, Reading())


@pytest.mark.parametrize(
    "quote",
    [
        "the board's annual report",  # letter case and dropped quotes
        "was published in 2014 and is multi-agency",  # a changed word
        "was published in 2014-2015, and is",  # added punctuation
        "multiagency in scope",  # a hyphen that is not at a line end
    ],
)
def test_other_differences_do_not_match(source: SourceText, quote: str) -> None:
    assert source.first(quote, Reading()) is None


def test_locators(source: SourceText) -> None:
    quote = "is multi-agency in scope"
    span = source.first(quote, Reading())
    assert span is not None
    assert source.within(quote, source.paragraph(12), Reading())
    assert not source.within(quote, source.paragraph(13), Reading())
    assert source.within(quote, source.section("Heading One"), Reading())
    located = source.locate(span)
    assert (located.line, located.paragraph, located.heading) == (4, 12, "Heading One")


# -- the search is the specification, made linear -------------------------------------------

SOFT_BREAK = re.compile(r"(?<=[^\W\d_])-[ \t\r]*\n\s*(?=[^\W\d_])")


def found_by_reading(text: str, quote: str) -> bool:
    """The rule as the module states it, by brute force: some reading of the line-end hyphens
    (each as "-" or as nothing) contains the quote, whitespace and typography made plain."""
    breaks = list(SOFT_BREAK.finditer(text))
    for readings in itertools.product(("-", ""), repeat=len(breaks)):
        pieces, done = [], 0
        for match, reading in zip(breaks, readings, strict=True):
            pieces += [text[done : match.start()], reading]
            done = match.end()
        read = canonical("".join([*pieces, text[done:]]).replace("\u00ad", ""))
        if canonical(quote) in read:
            return True
    return False


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(alphabet="ab -\n", max_size=40).filter(lambda t: t.count("-\n") <= 5),
    quote=st.from_regex(r"[ab][ab -]{0,6}[ab]", fullmatch=True),
)
def test_the_linear_search_agrees_with_the_rule(text: str, quote: str) -> None:
    source = SourceText(Path("doc.txt"), text)
    assert (source.first(quote, Reading()) is not None) == found_by_reading(text, quote)


def test_a_found_span_covers_the_quote_in_the_original(tmp_path: Path) -> None:
    source = SourceText(Path("doc.txt"), "Intro.\n\n  The  multi-\n  agency audit was done.\n")
    span = source.first("multi-agency audit", Reading())
    assert span is not None
    assert source.text[span.start : span.end] == "multi-\n  agency audit"


def test_a_megabyte_quote_is_found_or_not_without_a_pattern_per_letter() -> None:
    """The old search compiled a regular expression with a group per letter of the quote."""
    words = " ".join(f"word{i % 997}x" for i in range(200_000))
    source = SourceText(Path("doc.txt"), f"Start.\n\n1. {words}\n")
    quote = words[: 1024 * 1024]
    assert source.first(quote, Reading()) is not None
    assert source.within(quote, source.paragraph(1), Reading())
    assert source.first(quote + " not there", Reading()) is None


def test_a_document_made_to_repeat_a_quote_is_refused_not_searched_forever() -> None:
    """Every place the letters stand must be checked for hyphens; past a budget linear in the
    document and the quote, the search stops and says so."""
    source = SourceText(Path("doc.txt"), "a-" * 200_000 + "a")
    quote = "a-" * 20_000 + "aa"  # matches the letters everywhere, the hyphens nowhere
    with pytest.raises(QuoteTooCommon):
        source.first(quote, Reading())


def test_a_text_no_document_resembles_is_refused_as_it_is_read(tmp_path: Path) -> None:
    """Millions of hyphens between letters would cost seconds to project, and memory with it."""
    (tmp_path / "doc.txt").write_text("a-" * (MAX_DROPPED + 2), encoding="utf-8")
    with pytest.raises(InputError, match="has more than 500,000 hyphens between letters"):
        SourceText.read(tmp_path / "doc.txt")
    (tmp_path / "doc.txt").write_text("a-" * (MAX_DROPPED - 1), encoding="utf-8")
    assert SourceText.read(tmp_path / "doc.txt").first("a-a-a", Reading()) == Span(0, 5)


def test_what_a_files_quotes_may_read_is_linear_in_its_documents() -> None:
    source = SourceText(Path("doc.txt"), "Review.\n\n1. " + "Lorem ipsum dolor sit. " * 50_000)
    reading = Reading()
    reading.allow(source)
    searches = 0
    try:
        while searches < 10_000:
            source.first("not in the document at all", reading)
            searches += 1
    except ReadTooMuch:
        pass
    # the floor, and sixteen times the document, each search reading it (all but a space) once
    floor = Reading().left // len(source.text)
    assert floor + 15 <= searches <= floor + 17


def test_a_long_document_of_paragraph_numbers_is_indexed_once() -> None:
    """Locating a paragraph among a hundred thousand of the same number does not rescan."""
    source = SourceText(Path("doc.txt"), "1. a\n" * 100_000)
    spans = source.paragraph(1)
    assert len(spans) == 100_000
    assert spans[1] == Span(5, 10)
