"""The board report: its HTML as written, and as a real browser prints it on A4.

The HTML tests read the page as a browser's parser would (its tags, their text) on the bundled
evidence and on values built to break it. The browser tests print the bundled Bexley report
with headless Chromium, as a chair would save it to PDF, and read back the text Chromium laid
out: what a board member holds is what is asserted. Without Chromium they skip, unless
LSCB_REQUIRE_BROWSER=1 (as in CI) makes its absence a failure.
"""

from __future__ import annotations

import dataclasses
import html
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from compliance import api
from compliance.cli.commands import main
from compliance.render import FORMATS, RenderOptions
from compliance.render.report_model import report
from compliance.result.compare import compare
from compliance.result.run import Quote, RunResult
from tests.browser import print_page
from tests.conftest import EVIDENCE, GROUPS, RULES
from tests.test_hostile import raw_unsafe

BEXLEY = sorted(EVIDENCE.glob("bexley-*.yaml"))
BROMLEY = EVIDENCE / "bromley-2016-ofsted-review.yaml"
BOARD = "Bexley Local Safeguarding Children Board"
DATES = ("2014-04-02", "2015-02-26", "2018-04 to 2018-10")
# A quote in the latest Bexley assessment, the one shown in full.
QUOTE = "A telephone consultation line helps to manage the anxieties of other professionals"


class Page(HTMLParser):
    """The page as a browser's parser sees it: each element's tag, attributes and text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self._open: list[str] = []
        self.by_tag: dict[str, list[str]] = {}
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)
        self.by_tag.setdefault(tag, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        for tag in set(self._open):
            self.by_tag[tag][-1] += data

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())

    def all(self, tag: str) -> list[str]:
        return [" ".join(t.split()) for t in self.by_tag.get(tag, [])]


@pytest.fixture(scope="module")
def bexley() -> RunResult:
    return api.Assessor(RULES).assess(BEXLEY)


@pytest.fixture(scope="module")
def page(bexley: RunResult) -> str:
    return FORMATS["html"].render(bexley, RenderOptions())


# -- the page -------------------------------------------------------------------------------


def test_the_report_is_one_self_contained_page_that_needs_no_script(page: str) -> None:
    parsed = Page(page)
    tags = {tag for tag, _ in parsed.tags}
    assert "script" not in tags
    assert not tags & {"img", "link", "iframe", "object", "embed", "form"}
    assert not any(
        key in attrs for _, attrs in parsed.tags for key in ("src", "href", "onload", "onclick")
    )
    (style,) = parsed.all("style")
    assert "@page { size: A4;" in style
    assert "thead { display: table-header-group; }" in style
    assert "url(" not in style
    assert "@import" not in style
    assert page.startswith("<!DOCTYPE html>")


def test_the_board_its_evidence_and_its_sources_come_first(page: str) -> None:
    parsed = Page(page)
    assert parsed.all("h1") == [BOARD]
    text = parsed.text
    assert text.index("The evidence") < text.index("How to read this report")
    for date in DATES:
        assert date in text
    assert "Ofsted review of the effectiveness of the LSCB, 2014 (inspection)" in text
    assert "LGA LSCB diagnostic, February 2015 (peer-review)" in text
    assert "Local Government Association, Letter to the chair of Bexley LSCB reporting" in text
    assert "published 2015-03-13" in text
    assert "Finding on the board as a whole, by Ofsted" in text


def test_verdicts_are_grouped_as_the_law_groups_them_in_the_law_s_order(
    bexley: RunResult,
) -> None:
    (board,) = report(bexley).boards
    latest = board.latest
    assert latest.result.assessment.date == DATES[-1]  # the latest is shown in full
    keys = [s.key for s in latest.sections]
    assert keys == sorted(keys, key=lambda k: GROUPS[k].order)
    assert keys[0] == "establishment-membership"
    rows = [rid for s in latest.sections for rid in s.requirements]
    assert sorted(rows) == sorted(v.requirement for v in latest.result.verdicts)
    functions = next(s for s in latest.sections if s.key == "policies-procedures")
    assert functions.law == "LSCB Regulations 2006 reg 5(1)(a)(i)-(vi)"
    assert "thresholds-document" in functions.requirements


def test_each_gap_says_what_is_missing_the_law_with_its_certainty_and_what_to_ask(
    bexley: RunResult,
) -> None:
    only_2014 = dataclasses.replace(bexley, results=bexley.results[:1])
    parsed = Page(FORMATS["html"].render(only_2014, RenderOptions()))
    gaps = parsed.all("article")
    result = only_2014.results[0]
    expected = [v for v in result.verdicts if v.verdict in ("partly-met", "unmet", "not-evidenced")]
    assert len(gaps) == len(expected)
    lay = next(g for g in gaps if g.startswith("The board includes two lay members"))
    # one lay member and nothing said of recruitment: undecided since the audit's L1 (was
    # partly met), and the gap asks for the steps that decide s13(5A)
    assert "not-evidenced" in lay
    assert "CA 2004 s13(5A) [V-S] statute" in lay
    assert "what steps has the local authority taken to recruit to the vacant seats?" in lay
    lado = next(g for g in gaps if "allegations" in g and "not-evidenced" in g)
    question = result.verdict("allegations-lado").questions[0]
    assert f"{question.text} (ask: business-manager)" in lado
    assert "LSCB Regs 2006 reg 5(1)(a)(iv) [V-S] regulation" in lado
    legend = parsed.text
    assert "[U] unverified: not confirmed against any source" in legend
    assert "[V-P] the law's wording was verified against the primary text" in legend


def test_the_trajectory_shows_each_date_and_what_moved_and_why(
    bexley: RunResult, page: str
) -> None:
    parsed = Page(page)
    heads = parsed.all("h2")
    assert f"Trajectory: {' → '.join(DATES)}" in heads
    text = parsed.text
    assert "From 2014-04-02 (inspection) to 2015-02-26 (peer-review)" in text
    assert "From 2015-02-26 (peer-review) to 2018-04 to 2018-10 (inspection)" in text
    why = compare(bexley.rulebook, bexley.results[0], bexley.results[1])
    moved = next(m for m in why.moves if m.requirement == "section-11-audits")
    assert moved.move == "improved"
    assert " ".join(moved.why.split()) in text
    (board,) = report(bexley).boards
    cells = board.trajectory.cells["section-11-audits"]
    assert [c.verdict for c in cells] == ["unmet", "met", "not-evidenced"]
    assert [c.move for c in cells] == [None, "improved", "no-longer-evidenced"]


def test_the_assessments_are_put_in_date_order_whatever_order_they_are_given_in(
    page: str,
) -> None:
    backwards = api.Assessor(RULES).assess(list(reversed(BEXLEY)))
    assert FORMATS["html"].render(backwards, RenderOptions()) == page


def test_each_board_gets_its_own_section_and_only_a_board_assessed_twice_a_trajectory() -> None:
    run = api.Assessor(RULES).assess([*BEXLEY[:2], BROMLEY])
    parsed = Page(FORMATS["html"].render(run, RenderOptions()))
    assert parsed.all("h1") == [BOARD, "Bromley Safeguarding Children Board"]
    assert sum(h.startswith("Trajectory:") for h in parsed.all("h2")) == 1


def test_a_pack_s_requirements_stand_under_the_pack_not_the_law() -> None:
    run = api.Assessor(RULES, packs=["ofsted-bexley-2014"]).assess([BEXLEY[0]])
    (board,) = report(run).boards
    sections = board.latest.sections
    assert sections[-1].title == "Recommendations: ofsted-bexley-2014"
    assert "not the law" in sections[-1].law
    assert all(s.key in GROUPS for s in sections[:-1])


def test_a_recommendation_shows_the_reviewer_s_own_verdict_beside_the_pack_s() -> None:
    """The LGA letter's verdict on each recommendation is read from the result's findings."""
    lga = EVIDENCE / "bexley-2015-lga-diagnostic.yaml"
    run = api.Assessor(RULES, packs=["ofsted-bexley-2014"]).assess([lga])
    rows = Page(FORMATS["html"].render(run, RenderOptions())).all("tr")
    shown = 0
    for v in run.results[0].verdicts:
        if v.pack is None:
            continue
        (row,) = [r for r in rows if r.startswith(v.title + v.requirement)]
        assert f"{v.requirement} {v.verdict}" in row
        for f in v.findings:
            said = f"{f.by}'s own verdict: {f.says}"
            beside = ", as here" if f.agrees else f", where this is {v.verdict}"
            assert said + beside in row, v.requirement
            shown += 1
    assert shown == 9  # the letter states a verdict on nine of the ten
    # the letter's "met" on para 169 stands beside the pack's partly-met, not in its place
    (row,) = [r for r in rows if r.startswith("Ofsted 2014, para 169")]
    assert "ofsted-2014-169-lead-role-governance partly-met" in row
    assert "own verdict: met, where this is partly-met" in row


def test_the_comparison_page_lists_every_requirement_with_its_move_and_why(
    bexley: RunResult,
) -> None:
    comparison = compare(bexley.rulebook, bexley.results[0], bexley.results[1])
    renderer = FORMATS["html"].compare
    assert renderer is not None
    parsed = Page(renderer(comparison, RenderOptions()))
    assert parsed.all("h1") == [BOARD]
    rows = [r for r in parsed.all("tr") if r.startswith(tuple(m.title for m in comparison.moves))]
    assert len(rows) == len(comparison.moves)
    moved = sum(m.move != "unchanged" for m in comparison.moves)
    assert f"{moved} moved; {len(comparison.moves) - moved} unchanged." in parsed.text


# -- escaping --------------------------------------------------------------------------------

HOSTILE = (
    "<script>alert(1)</script></td></table><img src=x onerror=alert(2)> {{ 7 * 7 }} {% raw %} "
    "& &amp; \x1b[2J \u202eevil\u202c \u2028 line"
)


def _hostile(run: RunResult) -> RunResult:
    """The bundled result with the board's name, a reason, a question and a quote hostile."""
    result = run.results[0]
    verdicts = list(result.verdicts)
    lay = next(i for i, v in enumerate(verdicts) if v.requirement == "lay-members")
    fact = verdicts[lay].facts[0]
    statement = fact.statements[0]
    quote: Quote = dataclasses.replace(statement.quotes[0], quote=HOSTILE, locator=HOSTILE)
    statement = dataclasses.replace(statement, quotes=(quote,))
    verdicts[lay] = dataclasses.replace(
        verdicts[lay],
        reason=HOSTILE,
        title=HOSTILE,
        facts=(dataclasses.replace(fact, statements=(statement,)),),
    )
    info = dataclasses.replace(result.assessment, board=HOSTILE, title=HOSTILE)
    hostile = dataclasses.replace(result, assessment=info, verdicts=tuple(verdicts))
    return dataclasses.replace(run, results=(hostile,))


def test_hostile_values_are_shown_as_text_never_as_markup_or_template(bexley: RunResult) -> None:
    out = FORMATS["html"].render(_hostile(bexley), RenderOptions())
    parsed = Page(out)
    assert "script" not in {tag for tag, _ in parsed.tags}
    assert "img" not in {tag for tag, _ in parsed.tags}
    assert raw_unsafe(out) == []
    inert = "<script>alert(1)</script></td></table><img src=x onerror=alert(2)> {{ 7 * 7 }}"
    assert parsed.all("h1") == [
        f"{inert} {{% raw %}} & &amp; \\x1b[2J \\u202eevil\\u202c \\u2028 line"
    ]
    assert "49" not in parsed.all("h1")[0]
    assert parsed.text.count(inert) >= 4  # board, title, reason, quote and locator
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&amp;amp;" in out


def test_the_comparison_page_escapes_too(bexley: RunResult) -> None:
    hostile = _hostile(bexley).results[0]
    comparison = compare(bexley.rulebook, bexley.results[1], hostile)
    renderer = FORMATS["html"].compare
    assert renderer is not None
    out = renderer(comparison, RenderOptions())
    assert "script" not in {tag for tag, _ in Page(out).tags}
    assert raw_unsafe(out) == []
    assert html.unescape("&lt;script&gt;") in Page(out).text


# -- lscb report -----------------------------------------------------------------------------


def _lscb(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_report_writes_the_page_that_assess_prints(tmp_path: Path, page: str) -> None:
    target = tmp_path / "board.html"
    code, out, err = _lscb("report", "--rules", str(RULES), *map(str, BEXLEY), "-o", str(target))
    assert (code, out) == (0, "")
    assert err == f"Wrote the board report to {target}\n"
    assert target.read_text(encoding="utf-8") == page
    assert list(tmp_path.iterdir()) == [target]  # no temporary left beside it
    code, out, _ = _lscb("report", "--rules", str(RULES), *map(str, BEXLEY))
    assert (code, out) == (0, page)
    code, assessed, _ = _lscb(
        "assess", "--rules", str(RULES), "--format", "html", *map(str, BEXLEY)
    )
    assert (code, assessed) == (0, page)


def test_report_on_bad_input_writes_nothing_and_keeps_the_old_report(tmp_path: Path) -> None:
    target = tmp_path / "board.html"
    target.write_text("the last good report", encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("board: [unclosed\n", encoding="utf-8")
    code, out, err = _lscb("report", str(broken), "-o", str(target))
    assert (code, out) == (2, "")
    assert err.startswith(f"{broken}:")
    assert target.read_text(encoding="utf-8") == "the last good report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.html", "broken.yaml"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing/board.html", "cannot write it: the folder '{tmp}/missing' does not exist"),
        (".", "Invalid value for '-o' / '--output'"),
    ],
)
def test_report_to_a_place_it_cannot_write_is_an_input_error(
    tmp_path: Path, name: str, message: str
) -> None:
    target = tmp_path / name
    code, out, err = _lscb("report", "--rules", str(RULES), str(BEXLEY[0]), "-o", str(target))
    assert (code, out) == (2, "")
    assert message.format(tmp=tmp_path) in err
    assert sorted(tmp_path.iterdir()) == []


# -- as a browser prints it ------------------------------------------------------------------

A4_POINTS = (595.28, 841.89)
WINDOW = (1000, 1300)


@pytest.fixture(scope="module")
def pdf(page: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    print_page(page, folder, f"--print-to-pdf={folder / 'report.pdf'}")
    return folder / "report.pdf"


@pytest.fixture(scope="module")
def png(page: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("png")
    width, height = WINDOW
    print_page(
        page, folder, f"--screenshot={folder / 'report.png'}", f"--window-size={width},{height}"
    )
    return folder / "report.png"


def test_chromium_prints_the_report_on_several_a4_pages(pdf: Path) -> None:
    from pypdf import PdfReader

    pages = PdfReader(pdf).pages
    assert len(pages) > 1
    for sheet in pages:
        size = (float(sheet.mediabox.width), float(sheet.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=1.5)


def test_the_printed_report_holds_the_board_the_verdicts_a_quote_and_the_dates(pdf: Path) -> None:
    from pypdf import PdfReader

    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages]
    text = " ".join(pages)
    assert BOARD in pages[0]
    for word in ("met", "partly-met", "unmet", "not-evidenced", "not-applicable"):
        assert f" {word} " in text, word
    assert QUOTE in text
    trajectory = next(p for p in pages if "Trajectory:" in p)
    for date in DATES:
        assert date in trajectory
    assert "From 2014-04-02 (inspection) to 2015-02-26 (peer-review)" in text
    assert "[V-S]" in text
    assert "Rulebook of lscb " in text  # by version and digest: no path of the machine


def _pixels(png: Path) -> tuple[int, int, list[bytes]]:
    """The PNG's size and its rows of RGB(A) bytes, unfiltered (8-bit truecolour only)."""
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = {}, 8
    idat = b""
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + length]
        chunks[kind] = body
        idat += body if kind == b"IDAT" else b""
        at += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour) in ((8, 2), (8, 6))
    step = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * step
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for x in range(stride):
            left = line[x - step] if x >= step else 0
            up = previous[x]
            corner = previous[x - step] if x >= step else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                guess = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + guess) & 0xFF
        rows.append(bytes(line[i] for i in range(stride) if i % step < 3))
        previous = line
    return width, height, rows


def test_the_screenshot_is_a_real_page_with_text_and_colour(png: Path) -> None:
    width, height, rows = _pixels(png)
    assert (width, height) == WINDOW
    pixels = [row[i : i + 3] for row in rows[::4] for i in range(0, len(row), 12)]
    inked = sum(1 for p in pixels if max(p) < 160)  # text and rules
    coloured = sum(1 for p in pixels if max(p) - min(p) > 40)  # the verdicts' colours
    assert 0.005 < inked / len(pixels) < 0.5
    assert coloured > 0
