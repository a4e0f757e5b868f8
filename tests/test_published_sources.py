"""HTML pages and Word documents as sources: made here from a bundled report (the page as a
chair would save it from the web, the document with python-docx), quoted by their headings, by
paragraph and with no locator; and broken or hostile ones, each refused with one located line."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from tests.cli import Ran, locators
from tests.cli import lscb as run_lscb
from tests.conftest import ROOT
from tests.evidence_text import LAY_MEMBERS, header

SOURCE = ROOT / "evidence" / "sources" / "bexley-2014-ofsted-inspection-and-lscb-review.txt"
HEAD = (
    header("sources/{name}", publisher="Ofsted", kind="inspection", published="2014-05-23")
    + LAY_MEMBERS
)
CITATIONS_LINE = HEAD.count("\n") + 1
HEADING = "Information about this inspection"
UNDER_IT = "Inspectors have looked closely at the experiences of children and young people"


def _blocks() -> list[tuple[str, str]]:
    """The bundled text's lines as ("h", heading) or ("p", paragraph): a heading is short and
    ends without a stop, and is not numbered."""
    out = []
    for raw in SOURCE.read_text(encoding="utf-8").splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        heading = (
            len(line) < 90 and not re.search(r"[.,;:]$", line) and not re.match(r"\d+\.", line)
        )
        out.append(("h" if heading else "p", line))
    return out


def _html() -> bytes:
    import html

    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Report</title>",
        "<style>h2 { color: #333 }</style><script>var x = '<h2>Not a heading</h2>';</script>",
        "</head><body><nav><a href='/'>Home</a> &rsaquo; Reports</nav><main>",
    ]
    for kind, line in _blocks():
        escaped = html.escape(line, quote=False).replace("'", "&rsquo;")
        if kind == "h":
            parts.append(f"<h2>{escaped}</h2>")
        else:
            number = re.match(r"(\d+)\. (.*)", escaped)
            if number:  # numbered as Ofsted's pages are: the number, a no-break space
                escaped = f"{number.group(1)}.&nbsp;{number.group(2)}"
            parts.append(f"<p>{escaped}</p>")
    parts.append("</main><footer>&copy; Crown copyright</footer></body></html>")
    return "\n".join(parts).encode()


def _docx() -> bytes:
    document = docx.Document()
    for kind, line in _blocks():
        if kind == "h":
            document.add_heading(line, level=2)
        else:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def assess(folder: Path, name: str, data: bytes, citations: str, *args: str) -> Ran:
    (folder / "sources").mkdir(exist_ok=True)
    (folder / "sources" / name).write_bytes(data)
    (folder / "evidence.yaml").write_text(HEAD.format(name=name) + citations, encoding="utf-8")
    return run_lscb("assess", "--rules", str(ROOT / "rules"), "evidence.yaml", *args, cwd=folder)


def cite(**locator: object) -> str:
    lines = ["      - source: doc"]
    lines += [f"        {key}: {json.dumps(value)}" for key, value in locator.items()]
    return "\n".join(lines) + "\n"


def refused(run: Ran, line: int, message: str) -> None:
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.splitlines() == [f"evidence.yaml:{line}: {message}"]


FORMATS = {"report.html": _html, "report.htm": _html, "report.docx": _docx}


@pytest.mark.parametrize("name", FORMATS)
def test_a_quote_by_heading(tmp_path: Path, name: str) -> None:
    run = assess(
        tmp_path, name, FORMATS[name](), cite(section=HEADING, quote=UNDER_IT), "--format", "json"
    )
    assert locators(run)[0]["section"] == HEADING


@pytest.mark.parametrize("name", FORMATS)
def test_a_quote_under_another_heading_names_its_own(tmp_path: Path, name: str) -> None:
    run = assess(tmp_path, name, FORMATS[name](), cite(section="Contents", quote=UNDER_IT))
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"evidence.yaml:{CITATIONS_LINE + 1}: the quote is at line ")
    assert line.endswith(f", in section '{HEADING}', not in section 'Contents'; fix the locator"), (
        line
    )


@pytest.mark.parametrize("name", FORMATS)
def test_a_paragraph_and_no_locator(tmp_path: Path, name: str) -> None:
    quote = "Until the middle of 2013 children were still not being properly helped"
    citations = cite(paragraph=2, quote=quote) + cite(quote=UNDER_IT)
    first, second = locators(
        assess(tmp_path, name, FORMATS[name](), citations, "--format", "json")
    )[:2]
    assert first["paragraph"] == 2
    assert (second["section"], second["found"]) == (HEADING, True)


def test_what_a_page_does_not_show_is_not_text(tmp_path: Path) -> None:
    run = assess(tmp_path, "report.html", _html(), cite(quote="Not a heading at all"))
    (line,) = run.stderr.splitlines()
    assert "quote not found in sources/report.html" in line


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def _bomb() -> bytes:
    """A part of 120 MB of zeros, some 120 KB packed: over what a document may unpack to."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("bomb.xml", "w", force_zip64=True) as part,
    ):
        zeros = bytes(1024 * 1024)
        for _ in range(120):
            part.write(zeros)
    return out.getvalue()


HOSTILE: dict[str, list[tuple[Callable[[], bytes], str]]] = {
    "report.docx": [
        (lambda: b"PK\x03\x04 not a zip", "is not a readable Word document (BadZipFile)"),
        (lambda: _docx()[:2000], "is not a readable Word document (BadZipFile)"),
        (
            lambda: _zip({"word/document.xml": b"<w:document/>"}),
            "is not a readable Word document",
        ),
        (_bomb, "unpacks to more than 100 MB"),
    ],
    "report.html": [
        # Quadratic in the standard html.parser (256 KB took 69 s); read at once here.
        (lambda: b"<a" * (2 * 1024 * 1024), "quote not found"),
        (lambda: b"<p>" * 300_000, "has more than 200,000 elements"),
        (
            lambda: b"<p>caf\xe9 1. the board</p>",
            "(line 1): not UTF-8 text (byte 7); save the file as UTF-8",
        ),
    ],
}


@pytest.mark.parametrize(
    ("name", "case"), [(name, i) for name, cases in HOSTILE.items() for i in range(len(cases))]
)
def test_a_broken_document_is_one_located_line(tmp_path: Path, name: str, case: int) -> None:
    make, message = HOSTILE[name][case]
    run = assess(tmp_path, name, make(), cite(paragraph=1, quote="two lay members appointed"))
    assert (run.returncode, run.stdout) == (2, "")
    (line,) = run.stderr.splitlines()
    assert line.startswith("evidence.yaml:"), line
    assert message in line
