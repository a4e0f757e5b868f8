"""The text of a PDF, page by page, with each page's number as printed.

Two libraries, each for what it does best (measured on PDFs printed from the bundled reports,
in one and two columns, with running headers and footers and hyphenation):

- pypdf (pure Python) reads the file first, within limits, before anything else sees it: the
  page count from the page tree's root, then each page's content streams decompressed under a
  bound on each and on all (a Flate bomb is refused as soon as it passes the bound, not after
  gigabytes), encryption (a password other than the empty one is refused) and the page labels
  (the numbers as printed). A file it cannot read is refused with why.
- PDFium (pypdfium2) then extracts the text: it keeps the columns' order, keeps words
  hyphenated at a line end whole, and gives the same text on every run. It has no limits of
  its own, which is why pypdf reads the file first.

Lines repeated at the top or the bottom of most pages (running headers and footers; the digits
in them may differ, as page numbers do) are dropped, so that a paragraph that runs across a
page break reads on.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from io import BytesIO
from typing import Any

from compliance.evidence.documents import (
    MAX_TEXT,
    Document,
    DocumentProblem,
    PageStart,
    too_much_text,
)

MAX_PAGES = 1_000
# Decompressed, each stream and every page's content together (fonts and images are not read).
# A page of an inspection report is some tens of kilobytes of content.
MAX_STREAM_BYTES = 10 * 1024 * 1024
MAX_CONTENT_BYTES = 100 * 1024 * 1024
# Running headers and footers: looked for in this many lines at each edge of a page.
_EDGE_LINES = 3
_DIGITS = re.compile(r"\d+")
# What PDFium gives that is not text: '\x02' marks a hyphen it found at a line end (a soft
# hyphen: the projection drops it), other control characters go.
_CONTROLS = {c: None for c in range(32) if chr(c) not in "\n\t"} | {2: "\u00ad", 0xFFFE: None}


# pypdf logs what it repairs in a broken file ("EOF marker not found") to stderr: the one line
# a refused file gets is ours, and a file read after repairs needs no words.
_PYPDF_LOG = logging.getLogger("pypdf")
_PYPDF_LOG.addHandler(logging.NullHandler())
_PYPDF_LOG.propagate = False


def extract(data: bytes) -> Document:
    """The document's text, pages joined by line breaks, and where each page starts."""
    labels = _preflight(data)
    texts = _page_texts(data, len(labels))
    texts = _without_running_lines(texts)
    pages, parts, at = [], [], 0
    for printed, text in zip(labels, texts, strict=True):
        pages.append(PageStart(at, printed))
        parts.append(text)
        at += len(text) + 1
    return Document("\n".join(parts), pages=pages)


def _preflight(data: bytes) -> list[str]:
    """Each page's number as printed; or why the file is refused, before PDFium reads it."""
    import pypdf
    from pypdf.errors import FileNotDecryptedError, LimitReachedError

    limits = dict.fromkeys(
        (
            "zlib_maximum_output_length",
            "lzw_maximum_output_length",
            "run_length_maximum_output_length",
            "jbig2_maximum_output_length",
            "brotli_maximum_output_length",
            "array_based_stream_maximum_output_length",
        ),
        MAX_STREAM_BYTES,
    )
    try:
        with pypdf.apply_configuration(**limits):
            reader = pypdf.PdfReader(BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise DocumentProblem("is encrypted with a password; save an unencrypted copy")
            declared = reader.trailer["/Root"]["/Pages"].get("/Count", 0)
            _check_pages(int(declared))
            count = len(reader.pages)
            _check_pages(count)
            total = 0
            for page in reader.pages:
                total += _content_bytes(page)
                if total > MAX_CONTENT_BYTES:
                    raise DocumentProblem(
                        f"has more than {MAX_CONTENT_BYTES // (1024 * 1024)} MB of page content "
                        "decompressed; split it or cut it down"
                    )
            labels = list(reader.page_labels)
    except DocumentProblem:
        raise
    except LimitReachedError:
        raise DocumentProblem(
            f"has a stream that decompresses to more than {MAX_STREAM_BYTES // (1024 * 1024)} "
            "MB; it is not a document to read (a decompression bomb?)"
        ) from None
    except FileNotDecryptedError:
        raise DocumentProblem("is encrypted with a password; save an unencrypted copy") from None
    except RecursionError:
        raise DocumentProblem("is not a readable PDF (its objects nest without end)") from None
    # A broken file may fail anywhere in a parser: whatever it raises, it is the file's fault.
    except Exception as exc:
        raise DocumentProblem(f"is not a readable PDF ({_why(exc)})") from None
    if count == 0:
        raise DocumentProblem("is a PDF without pages")
    return [labels[i] if i < len(labels) else str(i + 1) for i in range(count)]


def _check_pages(count: int) -> None:
    if count > MAX_PAGES:
        raise DocumentProblem(
            f"has {count:,} pages; at most {MAX_PAGES:,}: split it, or cite the part quoted"
        )


def _content_bytes(page: Any) -> int:
    """How many bytes the page's content and the forms it draws decompress to."""
    contents = page.get_contents()
    total = len(contents.get_data()) if contents is not None else 0
    seen: set[int] = set()
    forms = [page.get("/Resources")]
    while forms:
        resources = forms.pop()
        resources = resources.get_object() if resources is not None else None
        if not hasattr(resources, "get"):
            continue
        xobjects = resources.get("/XObject")
        xobjects = xobjects.get_object() if xobjects is not None else None
        if not hasattr(xobjects, "values"):
            continue
        for ref in xobjects.values():
            form = ref.get_object()
            key = id(form) if not hasattr(ref, "idnum") else ref.idnum
            if key in seen or not hasattr(form, "get_data") or form.get("/Subtype") != "/Form":
                continue
            seen.add(key)
            total += len(form.get_data())
            if total > MAX_CONTENT_BYTES:
                return total
            forms.append(form.get("/Resources"))
    return total


def _page_texts(data: bytes, count: int) -> list[str]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise DocumentProblem(f"is not a readable PDF ({_why(exc)})") from None
    try:
        if len(pdf) != count:
            raise DocumentProblem("is not a readable PDF (its pages cannot be counted)")
        texts, total = [], 0
        for i in range(count):
            page = pdf[i]
            try:
                textpage = page.get_textpage()
                try:
                    raw = textpage.get_text_bounded()
                finally:
                    textpage.close()
            finally:
                page.close()
            text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)
            total += len(text) + 1
            if total > MAX_TEXT:
                raise too_much_text()
            texts.append(text)
        return texts
    finally:
        pdf.close()


def _without_running_lines(pages: list[str]) -> list[str]:
    """The pages without the lines repeated at the top or bottom of at least half of them
    (and of two at least): running headers and footers, page numbers and all."""
    split = [page.split("\n") for page in pages]
    counts: Counter[str] = Counter()
    for lines in split:
        counts.update({_key(line) for line in _edges(lines)})
    least = max(2, (len(pages) + 1) // 2)
    running = {key for key, n in counts.items() if n >= least and key}
    if not running:
        return pages
    kept = []
    for lines in split:
        edge = _EDGE_LINES
        top = [i for i in range(min(edge, len(lines))) if _key(lines[i]) in running]
        bottom = [
            i for i in range(max(len(lines) - edge, 0), len(lines)) if _key(lines[i]) in running
        ]
        drop = set(top) | set(bottom)
        kept.append("\n".join(line for i, line in enumerate(lines) if i not in drop))
    return kept


def _edges(lines: list[str]) -> list[str]:
    return lines[:_EDGE_LINES] + lines[max(_EDGE_LINES, len(lines) - _EDGE_LINES) :]


def _key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()))


def _why(exc: BaseException) -> str:
    """The kind of failure, in the library's class name: never the file's bytes."""
    return type(exc).__name__
