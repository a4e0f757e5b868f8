"""Quote matching: tolerant of what text conversion does, and of nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.evidence.sources import SourceText

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
    assert source.find(quote)


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
    assert source.find(quote) == []


def test_locators(source: SourceText) -> None:
    (span,) = source.find("is multi-agency in scope")
    assert any(area.contains(span) for area in source.paragraph(12))
    assert not any(area.contains(span) for area in source.paragraph(13))
    assert any(area.contains(span) for area in source.section("Heading One"))
    located = source.locate(span)
    assert (located.line, located.paragraph, located.heading) == (4, 12, "Heading One")
