"""A published document read from its file: the bytes read once, within its format's size
limit, then given to its format's module."""

from __future__ import annotations

from pathlib import Path

from compliance.evidence.documents import Document
from compliance.reading.files import MAX_PDF_BYTES, MAX_SOURCE_BYTES, read_bytes, read_text


def extract(path: Path, kind: str) -> Document:
    """The text and structure of the document at `path`, of `kind` ("pdf", "html", "docx").
    `InputError` for a file that cannot be read; `DocumentProblem` for one that is not a
    document of its kind within the limits."""
    if kind == "pdf":
        from compliance.evidence.documents import pdf

        return pdf.extract(read_bytes(path, MAX_PDF_BYTES, "a PDF"))
    if kind == "html":
        from compliance.evidence.documents import html

        return html.extract(read_text(path, MAX_SOURCE_BYTES, "an HTML page"))
    from compliance.evidence.documents import docx

    return docx.extract(read_bytes(path, MAX_PDF_BYTES, "a Word document"))
