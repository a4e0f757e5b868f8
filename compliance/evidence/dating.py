"""Whose words a quote gives, and for what date they speak: what a source may speak for.

A quote speaks with the authority and for the date of the document whose words it gives: its
source, or the document its source quotes (`quoting:`, a board's page quoting its Ofsted
review). That document speaks for what it covers, else for when it was published, which it may
give as a day, an interval (`{after: 2015-05-13}`) or not at all.

A statement holds for the date it gives itself (`holds_for:`), else for the dates its documents
speak for. It is read against the evidence date only when that places it: on a known day or
interval that ends on or before the evidence date (an earlier one is shown "as of" it). Where
nothing places it (a page with no date, or published "after" a day and so perhaps after the
evidence date) the statement is **undated**: it is shown with why, but never taken as holding on
the evidence date, so it decides nothing there; a fact stated only so is judged as not stated,
and the question asks for the date. A document that certainly speaks for a later date than the
evidence is an error, as before: the file must say the date each statement holds for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import reduce

from compliance.evidence.model import Citation, QuotedDocument, SourceRef
from compliance.values import DateValue, DayRange

Speaker = SourceRef | QuotedDocument


def speaker(citation: Citation, sources: Mapping[str, SourceRef]) -> Speaker:
    """The document whose words the quote gives: the one its source quotes, else its source."""
    quoted = citation.quoting
    if isinstance(quoted, QuotedDocument):
        return quoted
    return sources[quoted if quoted is not None else citation.source]


@dataclass(frozen=True)
class Dating:
    """When a statement holds, as far as the documents say."""

    days: DayRange
    text: str
    undated: str | None = None  # why it is not read as holding on the evidence date

    @property
    def dated(self) -> bool:
        return self.undated is None


def dating(
    holds_for: DateValue | None,
    citations: Sequence[Citation],
    sources: Mapping[str, SourceRef],
) -> Dating:
    """The date a statement holds for: its own `holds_for`, else its documents' dates taken
    together; undated, with the reason in words, when that does not place it on or before the
    evidence date. (Certainly later dates are refused at loading: see `after_evidence`.)"""
    if holds_for is not None:
        return Dating(holds_for.days, holds_for.text)  # type: ignore[arg-type]
    values = [speaker(c, sources).speaks_for for c in citations]
    days: DayRange = reduce(lambda a, b: a.hull(b), (v.days for v in values))  # type: ignore[arg-type, return-value]
    text = " and ".join(dict.fromkeys(v.text for v in values))
    if days.latest is None:
        return Dating(days, text, _undated(days, text))
    return Dating(days, text)


def _undated(days: DayRange, text: str) -> str:
    if days.earliest is None:
        return "undated: the source gives no date; it speaks for no particular date"
    return (
        f"undated: the source is dated only {text}, perhaps after the evidence date; it "
        "speaks for no particular date on or before it"
    )


def after_evidence(days: DayRange, evidence: DayRange) -> bool:
    """Whether dates run past the evidence date where that is known: a bounded span that ends
    after it, or an open one that starts after it."""
    assert evidence.latest is not None
    if days.latest is not None:
        return days.latest > evidence.latest
    return days.earliest is not None and days.earliest > evidence.latest
