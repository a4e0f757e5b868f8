"""Verifying a citation: its source is declared and confined, its quote and locator hold.

A source document must lie inside the allowed root: the evidence file's own folder unless the
caller widens it (`--source-root`). The check is made on the path with every symbolic link
resolved and before the file is opened, so nothing outside is read, and its messages name only
the path the evidence file wrote, never anything from the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from compliance.evidence.documents import DocumentProblem
from compliance.evidence.model import Citation, SourceRef
from compliance.evidence.sources import QuoteTooCommon, Reading, SourceText, Span
from compliance.reading.errors import InputError
from compliance.reading.files import NOT_FOUND, path_problem
from compliance.reading.inert import excerpt


@dataclass
class Citing:
    """What one evidence file's citations share: each document found once (resolved, confined,
    read), and what its quotes may still read of them (see `Reading`)."""

    folder: Path
    root: Path | None
    documents: dict[str, SourceText | str] = field(default_factory=dict)
    reading: Reading = field(default_factory=Reading)

    def document(self, file: str) -> SourceText | str:
        if file not in self.documents:
            found = self.documents[file] = source_text(file, self.folder, self.root)
            if not isinstance(found, str):
                self.reading.allow(found)
        return self.documents[file]


def citation_problem(
    citation: Citation, sources: dict[str, SourceRef], citing: Citing
) -> tuple[str, str] | None:
    """(message, offending key) for a citation that does not hold, or None when it does.
    `ReadTooMuch` when the file's quotes have read all they may."""
    ref = sources.get(citation.source)
    if ref is None:
        known = ", ".join(sources)
        return f"unknown source {excerpt(citation.source)}; declared sources: {known}", "source"
    found = citing.document(ref.file)
    if isinstance(found, str):
        return f"source {excerpt(citation.source)}: {found}", "source"
    try:
        return _quote_problem(citation, found, ref.file, citing.reading)
    except QuoteTooCommon:
        return (
            f"{ref.file} repeats this quote's letters too often to check it in bounded time; "
            "quote a longer, more distinctive passage"
        ), "quote"


def source_text(file: str, folder: Path, root: Path | None) -> SourceText | str:
    """The source document `file` names, read relative to `folder`, or why it cannot be."""
    written = excerpt(file, 80)
    if "\x00" in file:
        return f"the path {written} contains a NUL character"
    if Path(file).is_absolute() and root is None:
        return (
            f"the path {written} is absolute; write it relative to the evidence file, or allow "
            "a root for sources with --source-root"
        )
    allowed = Path(os.path.realpath(root or folder))
    # Not `Path.resolve`, which looks at where the path ends (to name a loop) before anything
    # is known to be inside: that would tell a link looping outside from one leading outside.
    path = Path(os.path.realpath(folder / file))
    if not path.is_relative_to(allowed):
        where = "the evidence file's folder" if root is None else "the --source-root folder"
        return f"the path {written} leads outside {where}; keep source documents inside it" + (
            "" if root is not None else ", or allow a wider root with --source-root"
        )
    return _read(path, path_problem(folder / file), written, _stamp(path))


def _stamp(path: Path) -> tuple[int, int] | None:
    """What tells a changed document from the one read before (a long-lived caller, such as
    a test or an editor's server, may see it change between runs)."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


# Runs of many evidence files cite the same few documents; a few are kept, not every one.
@lru_cache(maxsize=8)
def _read(
    path: Path, problem: str | None, written: str, _stamp: tuple[int, int] | None
) -> SourceText | str:
    """The document at `path` (resolved), or why not (`problem`, found on the path as written,
    which names a link to nothing as such)."""
    if problem == NOT_FOUND:
        return f"file {written} not found; put the document there or fix the path"
    if problem:
        return f"the file {written} {problem}"
    try:
        return SourceText.read(path)
    except DocumentProblem as exc:
        return f"the file {written} {exc}"
    except InputError as exc:
        (first, *_) = exc.problems
        where = f" (line {first.line})" if first.line else ""
        return f"the file {written}{where}: {first.message}"


# How many places a quote without a locator names when it stands in several.
_PLACES_NAMED = 5


def _quote_problem(
    citation: Citation, text: SourceText, file: str, reading: Reading
) -> tuple[str, str] | None:
    if not citation.has_locator:
        return _unlocated_problem(citation, text, file, reading)
    wanted, words, key = _wanted(citation, text, file)
    if isinstance(wanted, str):
        return wanted, key
    # Looked for where the locator says first: a sound quote reads its paragraph, not the
    # document. Only a quote not there is looked for in the whole document, to say why.
    # A line or a page alone is where the quote starts: it may run on past its end.
    starts = citation.line is not None or (
        citation.page is not None and citation.paragraph is None and citation.section is None
    )
    holds = text.starts_within if starts else text.within
    if wanted and holds(citation.quote, wanted, reading):
        return None
    found = text.first(citation.quote, reading)
    if found is None:
        return _not_found(citation, text, file, reading), "quote"
    if not wanted:
        return f"{words} not found in {file}; check the locator", key
    at = text.locate(found)
    actual = at.words()
    within = "" if actual == f"line {at.line}" else f", in {actual}"
    return (
        f"the quote is at line {at.line} of {file}{within}, not in {words}; fix the locator",
        key,
    )


def _wanted(citation: Citation, text: SourceText, file: str) -> tuple[list[Span] | str, str, str]:
    """The spans the locator names (or why it cannot name any), its words, and its key."""
    if citation.line is not None:
        return text.line(citation.line), f"line {citation.line}", "line"
    wanted: list[Span] | None = None
    words: list[str] = []
    key = "page"
    if citation.page is not None:
        if not text.pages:
            return (
                f"{file} has no pages (it is not a PDF); give a paragraph, a section "
                "or a line, or no locator",
                "",
                "page",
            )
        wanted = text.page(citation.page)
        words.append(
            f"page {excerpt(citation.page) if isinstance(citation.page, str) else citation.page}"
        )
    if citation.paragraph is not None:
        spans, key = text.paragraph(citation.paragraph), "paragraph"
        words.append(f"paragraph {citation.paragraph}")
    elif citation.section is not None:
        spans, key = text.section(citation.section), "section"
        words.append(f"section {excerpt(citation.section)}")
    else:
        return wanted or [], words[0], key
    if wanted is not None:
        spans = [s for s in spans if any(s.start < p.end and p.start < s.end for p in wanted)]
    return spans, " of ".join(reversed(words)), key


def _unlocated_problem(
    citation: Citation, text: SourceText, file: str, reading: Reading
) -> tuple[str, str] | None:
    """A quote without a locator stands exactly once in its document; where is recorded."""
    places = text.places(citation.quote, reading, _PLACES_NAMED)
    if not places:
        return _not_found(citation, text, file, reading), "quote"
    if len(places) > 1:
        said = [text.locate(place).words() for place in places[:_PLACES_NAMED]]
        # "page 2, paragraph 3; page 26, paragraph 183": places of two parts kept apart.
        named = ("; " if any(", " in words for words in said) else ", ").join(said)
        count = f"{len(places)}" if len(places) <= _PLACES_NAMED else f"more than {_PLACES_NAMED}"
        more = ", ..." if len(places) > _PLACES_NAMED else ""
        more = more.replace(",", ";") if "; " in named else more
        return (
            f"the quote stands in {count} places in {file} ({named}{more}); give a locator",
            "quote",
        )
    citation._found = text.locate(places[0])
    return None


def _not_found(citation: Citation, text: SourceText, file: str, reading: Reading) -> str:
    offset, differs = text.closest(citation.quote, reading)
    where = ""
    if offset is not None:
        at = text.locate(Span(offset, offset + 1))
        where = (
            f"; it matches up to {at.words()} (line {at.line}), then differs at {excerpt(differs)}"
        )
        if at.paragraph is None and at.heading is None and at.page is None:
            where = f"; it matches up to line {at.line}, then differs at {excerpt(differs)}"
    return f"quote not found in {file}{where}; copy it verbatim from the document"
