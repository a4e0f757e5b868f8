"""The text of a Word document (.docx), with its headings (paragraphs in a Heading style).

Read with python-docx (MIT): on documents made from the bundled reports it found every
sentence and every heading. A .docx is a zip archive: its entries are counted and their
declared sizes summed before anything is unpacked (a zip bomb is refused unread), and the
unpacking never gives more than an entry declares. Its XML is parsed by lxml without resolving
entities (python-docx's parser). Paragraphs, and the rows of tables (cells separated by a tab),
are paragraphs of the text in document order, a blank line between them.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from typing import Any

from compliance.evidence.documents import MAX_TEXT, Document, DocumentProblem, too_much_text

MAX_ENTRIES = 10_000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024


def extract(data: bytes) -> Document:
    _check_archive(data)
    import docx

    try:
        document = docx.Document(BytesIO(data))
        blocks = list(_blocks(document))
    except DocumentProblem:
        raise
    except RecursionError:
        raise DocumentProblem("is not a readable Word document (it nests without end)") from None
    # A broken file may fail anywhere in a parser: whatever it raises, it is the file's fault.
    except Exception as exc:
        raise DocumentProblem(f"is not a readable Word document ({type(exc).__name__})") from None
    parts, headings, at = [], [], 0
    for is_heading, text in blocks:
        if is_heading:
            headings.append((at, " ".join(text.split())))
        parts.append(text)
        at += len(text) + 2
    return Document("\n\n".join(parts), headings=headings)


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise DocumentProblem(f"is not a readable Word document ({type(exc).__name__})") from None
    if len(entries) > MAX_ENTRIES:
        raise DocumentProblem(
            f"is an archive of {len(entries):,} parts; a Word document has a few dozen"
        )
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise DocumentProblem(
            f"unpacks to more than {MAX_UNPACKED_BYTES // (1024 * 1024)} MB; it is not a "
            "document to read (a zip bomb?)"
        )


def _blocks(document: Any) -> Any:
    """(is a heading, text) for each paragraph and table row, in document order."""
    size = 0
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            rows = [
                "\t".join(" ".join(cell.text.split()) for cell in row.cells) for row in item.rows
            ]
            found = [(False, row) for row in rows if row.strip()]
        else:
            style = item.style.name if item.style is not None else ""
            heading = style.startswith("Heading") or style == "Title"
            found = [(heading, item.text.strip())] if item.text.strip() else []
        for block in found:
            size += len(block[1]) + 2
            if size > MAX_TEXT:
                raise too_much_text()
            yield block
