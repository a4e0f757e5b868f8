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

from compliance.evidence.model import Citation, SourceRef
from compliance.evidence.sources import QuoteTooCommon, Reading, SourceText
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
    return _read(path, path_problem(folder / file), written)


# Runs of many evidence files cite the same few documents; a few are kept, not every one.
@lru_cache(maxsize=8)
def _read(path: Path, problem: str | None, written: str) -> SourceText | str:
    """The document at `path` (resolved), or why not (`problem`, found on the path as written,
    which names a link to nothing as such)."""
    if problem == NOT_FOUND:
        return f"file {written} not found; put the document there or fix the path"
    if problem:
        return f"the file {written} {problem}"
    try:
        return SourceText.read(path)
    except InputError as exc:
        (first, *_) = exc.problems
        where = f" (line {first.line})" if first.line else ""
        return f"the file {written}{where}: {first.message}"


def _quote_problem(
    citation: Citation, text: SourceText, file: str, reading: Reading
) -> tuple[str, str] | None:
    key = "paragraph" if citation.paragraph is not None else "section"
    if citation.paragraph is not None:
        wanted, words = text.paragraph(citation.paragraph), f"paragraph {citation.paragraph}"
    else:
        wanted, words = text.section(citation.section or ""), f"section {excerpt(citation.section)}"
    # Looked for where the locator says first: a sound quote reads its paragraph, not the
    # document. Only a quote not there is looked for in the whole document, to say why.
    if wanted and text.within(citation.quote, wanted, reading):
        return None
    found = text.first(citation.quote, reading)
    if found is None:
        line, differs = text.closest(citation.quote, reading)
        where = (
            f"; it matches up to line {line}, then differs at {excerpt(differs)}" if line else ""
        )
        return f"quote not found in {file}{where}; copy it verbatim from the document", "quote"
    if not wanted:
        return f"{words} not found in {file}; check the locator", key
    at = text.locate(found)
    actual = (
        f"paragraph {at.paragraph}"
        if at.paragraph is not None
        else f"section {excerpt(at.heading)}"
    )
    return (
        f"the quote is at line {at.line} of {file}, in {actual}, not in {words}; fix the locator",
        key,
    )
