"""A locator for a candidate's quote that the evidence loader accepts, checked as it will be.

The narrowest the document allows is preferred: a numbered paragraph, else the heading above
(`section`), else a PDF's page, else a line of a plain text, else none (a quote standing once).
Each is checked by the loader's own check (`evidence.quotes.citation_problem`) before it is
offered, so a draft's quote verifies when a person accepts it, as it is written; a sentence no
locator verifies (a heading's text found twice, say) is left out of the draft.
"""

from __future__ import annotations

from typing import Any

from compliance.evidence.model import Citation, SourceRef
from compliance.evidence.quotes import Citing, citation_problem
from compliance.evidence.sources import ReadTooMuch
from compliance.extract.sentences import Sentence


def locators(sentence: Sentence, paged: bool) -> list[dict[str, Any]]:
    """The locators to try for a sentence, narrowest first."""
    at = sentence.located
    page = {"page": at.page.counted} if at.page is not None else {}
    tried: list[dict[str, Any]] = []
    if at.paragraph is not None:
        tried += [{"paragraph": at.paragraph}, {**page, "paragraph": at.paragraph}]
    if at.heading is not None:
        tried += [{"section": at.heading}, {**page, "section": at.heading}]
    if page:
        tried.append(page)
    elif not paged:
        tried.append({"line": at.line})
    tried.append({})
    unique = []
    for each in tried:
        if each not in unique:
            unique.append(each)
    return unique


def verified_citation(
    sentence: Sentence, source: str, ref: SourceRef, citing: Citing, paged: bool
) -> dict[str, Any] | None:
    """{source, locator..., quote} for the sentence, verified, or None if no locator holds."""
    for locator in locators(sentence, paged):
        data = {"source": source, **locator, "quote": sentence.quote}
        try:
            citation = Citation.model_validate(data)
        except ValueError:
            return None
        try:
            if citation_problem(citation, {source: ref}, citing) is None:
                return data
        except ReadTooMuch:
            # The draft's checks have read the documents as often as one evidence file's may
            # (`Reading`): what is not verified by then is not offered.
            return None
    return None
