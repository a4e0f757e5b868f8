"""Source documents as they are published: the text of each format, with its structure.

A source is read by its file's suffix: `.pdf` (pages, numbered as counted and as printed),
`.html`/`.htm` (a page saved from the web; headings h1-h6) and `.docx` (a Word document;
headings by their Heading styles); any other file is plain UTF-8 text, as it always was, whose
headings are guessed from its layout (`SourceText`). Each format is read by its own module,
from the file's bytes read once, within the same confinement and size limits; whatever is
wrong with a file, however it was made, is a `DocumentProblem`: one message, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from compliance.reading.files import MAX_SOURCE_BYTES


class DocumentProblem(Exception):
    """Why a document cannot be read, worded to follow "the file X"."""


@dataclass(frozen=True)
class PageStart:
    """Where a page's text starts in the document's text, and its number as printed."""

    start: int
    printed: str


@dataclass
class Document:
    text: str
    pages: list[PageStart] | None = None  # a paged document's pages, in order
    headings: list[tuple[int, str]] | None = field(default=None)  # (offset, heading)


# The most text any document may give, in characters: what a plain text may hold.
MAX_TEXT = MAX_SOURCE_BYTES

KINDS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".docx": "docx"}


def kind_of(path: Path) -> str:
    """ "pdf", "html", "docx" or "text", by the file's suffix (any letter case)."""
    return KINDS.get(path.suffix.lower(), "text")


def too_much_text() -> DocumentProblem:
    """A document that gives more text than `MAX_TEXT`, whatever its format."""
    return DocumentProblem(
        f"gives more than {MAX_TEXT:,} characters of text; split it or cut it down"
    )
