"""PDF sources: a bundled report printed to PDF by headless Chromium (running header and
footer, page numbers, a cover numbered "i"), quoted by page as counted and as printed, by a
paragraph that runs across a page break, and with no locator; and hostile PDFs, each refused
with one located line. Without Chromium the printed-report tests skip, unless
LSCB_REQUIRE_BROWSER=1 makes its absence a failure; the hostile PDFs need no browser."""

from __future__ import annotations

import functools
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tracemalloc
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from compliance.evidence.documents import DocumentProblem
from compliance.evidence.documents import pdf as pdf_module
from tests.browser import print_page
from tests.cli import Ran, locators
from tests.cli import lscb as run_lscb
from tests.conftest import ROOT
from tests.evidence_text import LAY_MEMBERS, header

SOURCE = ROOT / "evidence" / "sources" / "bexley-2014-ofsted-inspection-and-lscb-review.txt"
HEAD = (
    header("sources/report.pdf", publisher="Ofsted", kind="inspection", published="2014-05-23")
    + LAY_MEMBERS
)
CITATIONS_LINE = HEAD.count("\n") + 1
# Where the source names its file: a document that cannot be read is reported there, once.
FILE_LINE = next(i for i, line in enumerate(HEAD.splitlines(), 1) if "file:" in line)
RULES = ("--rules", str(ROOT / "rules"))

CSS = """
@page { size: A4; margin: 22mm 20mm;
  @top-center { content: "London Borough of Bexley inspection report"; font: 9pt Arial }
  @bottom-right { content: "Page " counter(page); font: 9pt Arial } }
@page :first { @top-center { content: none } @bottom-right { content: none } }
body { font: 11pt/1.35 Arial, sans-serif; }
h1 { font-size: 20pt; page-break-after: always; }
h2 { font-size: 13pt; }
"""


def _page(text: str) -> str:
    """The bundled text as a web page: a title page, then its lines as headings (short, no
    final stop) and paragraphs."""
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{CSS}</style></head>"]
    parts.append("<body><h1>London Borough of Bexley</h1>")
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        escaped = html.escape(line, quote=False)
        if len(line) < 90 and not re.search(r"[.,;:]$", line) and not re.match(r"\d+\.", line):
            parts.append(f"<h2>{escaped}</h2>")
        else:
            parts.append(f"<p>{escaped}</p>")
    return "\n".join(parts) + "</body></html>"


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report as a PDF, its cover labelled "i" and the other pages by their number."""
    folder = tmp_path_factory.mktemp("pdf")
    out = folder / "printed.pdf"
    print_page(_page(SOURCE.read_text(encoding="utf-8")), folder, f"--print-to-pdf={out}")
    writer = PdfWriter(clone_from=out)
    pages = len(writer.pages)
    writer.set_page_label(0, 0, "/r")
    writer.set_page_label(1, pages - 1, "/D", start=2)
    labelled = folder / "report.pdf"
    writer.write(labelled)
    return labelled


@functools.cache
def _texts(pdf: Path) -> list[str]:
    """Each page's words, as pypdf (not the library under test) reads them: once per PDF, since
    pypdf takes seconds over the printed report."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages]


def assess(folder: Path, pdf: Path | bytes, citations: str, *args: str) -> Ran:
    (folder / "sources").mkdir(exist_ok=True)
    target = folder / "sources" / "report.pdf"
    if isinstance(pdf, Path):
        shutil.copyfile(pdf, target)
    else:
        target.write_bytes(pdf)
    (folder / "evidence.yaml").write_text(HEAD + citations, encoding="utf-8")
    return run_lscb("assess", "--rules", str(ROOT / "rules"), "evidence.yaml", *args, cwd=folder)


def cite(**locator: object) -> str:
    lines = ["      - source: doc"]
    lines += [f"        {key}: {json.dumps(value)}" for key, value in locator.items()]
    return "\n".join(lines) + "\n"


def _paragraph_across_a_break(pdf: Path) -> tuple[int, str, int]:
    """A numbered paragraph of the bundled text that begins on one page and ends on the next:
    its number, its text, and the page (as counted) it begins on."""
    texts = _texts(pdf)
    source = SOURCE.read_text(encoding="utf-8")
    numbered: dict[int, list[str]] = {}
    for line in source.splitlines():
        match = re.match(r"(\d+)\. (.{200,})$", line.strip())
        if match:
            numbered.setdefault(int(match.group(1)), []).append(match.group(2))
    for number, bodies in sorted(numbered.items()):
        if len(bodies) != 1:
            continue
        words = bodies[0].split()
        start, end = " ".join(words[:8]), " ".join(words[-6:])
        for i in range(len(texts) - 1):
            if start in texts[i] and end not in texts[i] and end in texts[i + 1]:
                return number, bodies[0], i + 1
    raise AssertionError("no paragraph of the report runs across a page break")


def test_a_quote_by_page_as_counted_and_as_printed(printed: Path, tmp_path: Path) -> None:
    texts = _texts(printed)
    quote = "The LSCB is not demonstrating that it has effective arrangements"
    counted = next(i for i, text in enumerate(texts, 1) if quote in text)
    assert counted > 1  # not the cover: printed as its own number
    run = assess(
        tmp_path,
        printed,
        cite(page=counted, quote=quote) + cite(page=str(counted), quote=quote),
        "--format",
        "json",
    )
    found = locators(run)
    assert {"page": counted, "found": False}.items() <= found[0].items()
    assert {"page": str(counted), "found": False}.items() <= found[1].items()


def test_the_cover_is_printed_as_i(printed: Path, tmp_path: Path) -> None:
    quote = "London Borough of Bexley"
    run = assess(tmp_path, printed, cite(page="i", quote=quote), "--format", "json")
    assert locators(run)[0]["page"] == "i"
    wrong = assess(tmp_path, printed, cite(page="ii", quote=quote))
    assert (wrong.returncode, wrong.stdout) == (2, "")
    assert wrong.stderr.splitlines() == [
        f"evidence.yaml:{CITATIONS_LINE + 1}: page 'ii' not found in sources/report.pdf; "
        "check the locator"
    ]


def test_a_wrong_page_names_the_page_as_printed_and_counted(printed: Path, tmp_path: Path) -> None:
    texts = _texts(printed)
    quote = "The LSCB is not demonstrating that it has effective arrangements"
    counted = next(i for i, text in enumerate(texts, 1) if quote in text)
    run = assess(tmp_path, printed, cite(page=counted + 1, quote=quote))
    assert (run.returncode, run.stdout) == (2, "")
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"evidence.yaml:{CITATIONS_LINE + 1}: the quote is at line ")
    assert f", in page {counted}, " in line
    assert line.endswith(f"not in page {counted + 1}; fix the locator")


def test_a_paragraph_across_a_page_break(printed: Path, tmp_path: Path) -> None:
    number, body, page = _paragraph_across_a_break(printed)
    by_paragraph = cite(paragraph=number, quote=body)
    on_its_page = cite(page=page, paragraph=number, quote=body)
    from_its_page = cite(page=page, quote=body)  # a page alone: where the quote starts
    run = assess(tmp_path, printed, by_paragraph + on_its_page + from_its_page, "--format", "json")
    first, second, third = locators(run)[:3]
    assert (first["paragraph"], first["page"]) == (number, None)
    assert (second["paragraph"], second["page"]) == (number, page)
    assert (third["paragraph"], third["page"]) == (None, page)
    on_the_next = assess(tmp_path, printed, cite(page=page + 1, quote=body))
    assert (on_the_next.returncode, on_the_next.stdout) == (2, "")
    (line,) = on_the_next.stderr.splitlines()
    assert line.endswith(
        f", in page {page}, paragraph {number}, not in page {page + 1}; fix the locator"
    ), line


def test_a_quote_with_no_locator_is_found_on_its_page(printed: Path, tmp_path: Path) -> None:
    number, body, page = _paragraph_across_a_break(printed)
    run = assess(tmp_path, printed, cite(quote=body), "--format", "json")
    (locator, *_) = locators(run)
    assert locator == {
        "paragraph": number,
        "section": None,
        "page": page,
        "line": None,
        "found": True,
    }


def test_a_quote_in_several_places_names_each_page_and_paragraph(
    printed: Path, tmp_path: Path
) -> None:
    run = assess(tmp_path, printed, cite(quote="The LSCB is not"))
    assert (run.returncode, run.stdout) == (2, "")
    (line,) = run.stderr.splitlines()
    named = re.search(
        r"the quote stands in \d+ places in sources/report.pdf \((.*)\); give a", line
    )
    assert named, line
    places = named.group(1).split("; ")
    assert len(places) > 1
    assert all(re.fullmatch(r"page \d+, (paragraph \d+|line \d+)", place) for place in places)


def test_the_running_header_and_footer_are_not_text(printed: Path, tmp_path: Path) -> None:
    quote = "London Borough of Bexley inspection report"
    run = assess(tmp_path, printed, cite(quote=quote))
    assert (run.returncode, run.stdout) == (2, "")
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"evidence.yaml:{CITATIONS_LINE + 1}: quote not found in ")


# -- hostile PDFs: built here, with pypdf; none needs a browser -----------------------------


def _one_page(content: bytes, extra: bytes = b"") -> bytes:
    """A PDF of one page whose content stream is `content`, Flate-compressed."""
    compressed = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(compressed)
        + compressed
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out + extra)


TEXT = b"BT /F1 12 Tf 72 720 Td (1. The board has two lay members appointed.) Tj ET\n"


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _encrypted(password: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(_one_page(TEXT)))
    writer.encrypt(user_password=password, owner_password="owner", algorithm="AES-256")
    return _written(writer)


def _pages(count: int) -> bytes:
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(612, 792)
    return _written(writer)


# A content stream of 200 MB of text operators, a few hundred kilobytes compressed.
BOMB = _one_page(TEXT * (200 * 1024 * 1024 // len(TEXT)))

HOSTILE = {
    "truncated": (
        _one_page(TEXT)[:300],
        "is not a readable PDF",
    ),
    "not a PDF at all": (b"%PDF-1.7\n" + bytes(range(256)) * 40, "is not a readable PDF"),
    "encrypted with a password": (
        _encrypted("secret"),
        "is encrypted with a password; save an unencrypted copy",
    ),
    "a Flate bomb": (BOMB, "has a stream that decompresses to more than 10 MB"),
    "5,000 pages": (_pages(5_000), "has 5,000 pages; at most 1,000"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_pdf_is_one_located_line_and_exit_2(tmp_path: Path, name: str) -> None:
    data, message = HOSTILE[name]
    run = assess(tmp_path, data, cite(paragraph=1, quote="two lay members appointed"))
    assert (run.returncode, run.stdout) == (2, "")
    (line,) = run.stderr.splitlines()
    assert line.startswith(
        f"evidence.yaml:{FILE_LINE}: source 'doc': the file 'sources/report.pdf' {message}"
    ), line
    # Bounded work, counted in memory: the file is refused having decompressed no more than
    # one stream's limit (the bomb's content is 200 MB).
    tracemalloc.start()
    try:
        with pytest.raises(DocumentProblem):
            pdf_module.extract(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * pdf_module.MAX_STREAM_BYTES


def test_a_pdf_encrypted_with_the_empty_password_is_read(tmp_path: Path) -> None:
    run = assess(
        tmp_path,
        _encrypted(""),
        cite(paragraph=1, quote="two lay members appointed"),
        "--format",
        "json",
    )
    assert locators(run)[0]["paragraph"] == 1


def test_a_pdf_is_read_the_same_every_time(tmp_path: Path) -> None:
    path = tmp_path / "one.pdf"
    path.write_bytes(_one_page(TEXT))
    first = pdf_module.extract(path.read_bytes())
    assert first.text.startswith("1. The board has two lay members appointed.")
    assert pdf_module.extract(path.read_bytes()) == first


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_pdf_gives_one_line_from_the_process_too(tmp_path: Path, name: str) -> None:
    """In a process of its own, where a library's log would reach stderr: nothing but ours."""
    data, message = HOSTILE[name]
    assess(tmp_path, data, cite(paragraph=1, quote="two lay members appointed"))
    run = subprocess.run(
        [sys.executable, "-m", "compliance.cli.commands", "assess", *RULES, "evidence.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,  # a guard against a hang only: the work is bounded above, not timed
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert (run.returncode, run.stdout) == (2, "")
    (line,) = run.stderr.splitlines()
    assert message in line
