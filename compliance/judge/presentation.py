"""Evidence as the trace shows it: facts, statements, quotes and findings in words.

The judge turns the loaded evidence into plain trace objects once, so that every renderer reads
the same words and none of them needs the evidence model, the sources or date arithmetic.
"""

from __future__ import annotations

from collections.abc import Mapping

from compliance.evidence import KnownFact
from compliance.evidence.dating import dating, speaker
from compliance.evidence.model import Assessment, Citation, Finding, SourceRef
from compliance.result import run as result
from compliance.result.run import (
    FactTrace,
    FindingTrace,
    GradeTrace,
    Locator,
    Quote,
    SourceInfo,
    StatementTrace,
)
from compliance.rulebook import Rulebook
from compliance.rulebook.grades import GradeScales
from compliance.values import DayRange


def fact_trace(
    rulebook: Rulebook, fact: KnownFact, sources: Mapping[str, SourceRef], days: DayRange
) -> FactTrace:
    statements = []
    for i, statement in enumerate(fact.statements):
        latest = statement.holds_for.latest
        earlier = latest is not None and latest < days.earliest  # type: ignore[operator]
        holds = statement.holds_for_text if earlier and not statement.undated else None
        said = (holds, statement.undated)
        statements.append(
            StatementTrace(
                value=statement.value.describe(),
                quotes=tuple(quote(c, sources, *said) for c in statement.citations),
                note=statement.note,
                kind=statement.kind,
                decides=i in fact.deciding,
            )
        )
    return FactTrace(
        name=fact.name,
        about=rulebook.vocabulary[fact.name].about,
        value=UNDATED_FACT if fact.undated else fact.value.describe(),
        statements=tuple(statements),
        contested=fact.contested,
        decided_by=fact.decided_by,
        line=fact.line,
    )


# A fact whose only statements are undated is judged as not stated (evidence.dating).
UNDATED_FACT = "not stated for the evidence date (its statements are undated)"


def finding_trace(
    finding: Finding, sources: Mapping[str, SourceRef], scales: GradeScales
) -> FindingTrace:
    """The finding as shown; undated (saying why) when nothing places it in time, and then it
    decides nothing (see the judge)."""
    first = speaker(finding.citations[0], sources)
    undated = None
    if finding.on is not None:
        on = finding.on.text
    else:
        when = dating(None, finding.citations[:1], sources)
        on, undated = when.text, when.undated
    return FindingTrace(
        about=", ".join(finding.subjects),
        says=finding.says,
        by=finding.by or first.publisher,
        on=on,
        kind=first.kind,
        quotes=tuple(quote(c, sources) for c in finding.citations),
        note=finding.note,
        grade=grade_trace(finding, scales),
        undated=undated,
    )


def grade_trace(finding: Finding, scales: GradeScales) -> GradeTrace | None:
    """The finding's grade in the inspectorate's words (checked against the scale on loading)."""
    if finding.grade is None:
        return None
    scale = scales.scales[finding.grade.scale]
    return GradeTrace(
        scale=finding.grade.scale,
        scale_title=scale.title,
        by=scale.by,
        grade=finding.grade.grade,
        words=scale.grades[finding.grade.grade].words,
        rank=scale.rank(finding.grade.grade),
        scale_words=tuple(g.words for g in scale.grades.values()),
    )


def quote(
    citation: Citation,
    sources: Mapping[str, SourceRef],
    holds_for: str | None = None,
    undated: str | None = None,
) -> Quote:
    quoted = speaker(citation, sources) if citation.quoting is not None else None
    return Quote(
        source=citation.source,
        file=sources[citation.source].file,
        locator=locator(citation),
        quote=" ".join(citation.quote.split()),
        holds_for=holds_for,
        quoting=quoted.label if quoted is not None else None,
        undated=undated,
    )


def locator(citation: Citation) -> Locator:
    """The citation's locator; with none, where its quote was found as it was verified."""
    found = citation._found
    if citation.has_locator or found is None:
        return Locator(citation.paragraph, citation.section, citation.page, citation.line)
    page = None
    if found.page is not None:
        printed = found.page.printed
        page = found.page.counted if printed == str(found.page.counted) else printed
    if found.paragraph is not None:
        return Locator(paragraph=found.paragraph, page=page, found=True)
    if found.heading is not None:
        return Locator(section=found.heading, page=page, found=True)
    return Locator(page=page, line=None if page is not None else found.line, found=True)


def source_info(key: str, ref: SourceRef) -> SourceInfo:
    return SourceInfo(
        key=key,
        file=ref.file,
        title=" ".join(ref.title.split()),
        publisher=ref.publisher,
        kind=ref.kind,
        published=ref.published.text,
        covers=ref.covers.text if ref.covers else None,
    )


def assessment(header: Assessment) -> result.Assessment:
    days = header.days
    return result.Assessment(
        header.board,
        header.area,
        header.date.text,
        header.date_basis,
        header.kind,
        header.title,
        earliest=days.earliest.isoformat(),  # type: ignore[union-attr]  # bounded: see the model
        latest=days.latest.isoformat(),  # type: ignore[union-attr]
    )
