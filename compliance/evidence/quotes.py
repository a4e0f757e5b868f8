"""Verifying a citation: its source is declared, its file exists, its quote and locator hold."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from compliance.evidence.model import Citation, SourceRef
from compliance.evidence.sources import SourceText


def citation_problem(
    citation: Citation, sources: dict[str, SourceRef], folder: Path
) -> tuple[str, str] | None:
    """(message, offending key) for a citation that does not hold, or None when it does."""
    ref = sources.get(citation.source)
    if ref is None:
        known = ", ".join(sources)
        return f"unknown source '{citation.source}'; declared sources: {known}", "source"
    path = (folder / ref.file).resolve()
    if not path.is_file():
        return (
            f"source file not found: {ref.file} (source '{citation.source}'); "
            "put the document there or fix the path"
        ), "source"
    text = read_source(path)
    spans = text.find(citation.quote)
    if not spans:
        line, differs = text.closest(citation.quote)
        where = f"; it matches up to line {line}, then differs at '{differs}'" if line else ""
        return f"quote not found in {ref.file}{where}; copy it verbatim from the document", "quote"
    key = "paragraph" if citation.paragraph is not None else "section"
    if citation.paragraph is not None:
        wanted, words = text.paragraph(citation.paragraph), f"paragraph {citation.paragraph}"
    else:
        wanted, words = text.section(citation.section or ""), f"section '{citation.section}'"
    if not wanted:
        return f"{words} not found in {ref.file}; check the locator", key
    if any(area.contains(span) for area in wanted for span in spans):
        return None
    found = text.locate(spans[0])
    actual = (
        f"paragraph {found.paragraph}"
        if found.paragraph is not None
        else f"section '{found.heading}'"
    )
    return (
        f"the quote is at line {found.line} of {ref.file}, in {actual}, not in {words}; "
        "fix the locator"
    ), key


@cache
def read_source(path: Path) -> SourceText:
    return SourceText.read(path)
