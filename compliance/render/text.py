"""Small pieces of wording shared by the text renderers."""

from __future__ import annotations

import textwrap

from compliance import __version__
from compliance.result.run import FindingTrace, Quote, RulebookInfo, Threshold, Verdict

ELLIPSIS = "\u2026"
# Whom to ask, as `lscb gaps` and the Markdown output head each group of questions.
HEADINGS = {
    "chair": "Ask the chair",
    "business-manager": "Ask the business manager (the board's records)",
    "local-authority": "Ask the local authority (its officers and its own duties)",
    "partner-agencies": "Ask the partner agencies",
    "review-team": "For the review team to settle (the law or the evidence date)",
}


def shorten(text: str, width: int) -> str:
    """The text on one line, cut at a word boundary with an ellipsis if longer than `width`."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return cut + ELLIPSIS


def locator(quote: Quote, width: int) -> str:
    """The locator within `width`; a long heading is shortened inside its quotes."""
    where = quote.locator
    if where.section is None or len(str(where)) <= width:
        return shorten(str(where), width)
    room = width - len(where.words(""))
    return where.words(shorten(where.section, max(room, 1)))


def force_line(verdict: Verdict) -> list[str]:
    """The force of the verdict and what decided it, as every format words it (read off the
    result, `Verdict.under`, never worked out here), or nothing for a verdict not in force."""
    return [f"Force: {verdict.under}"] if verdict.under else []


def verdict_label(verdict: Verdict) -> str:
    if verdict.decided_by == "finding":
        return f"{verdict.verdict} (on a finding)"
    if verdict.verdict == "not-evidenced" and verdict.open:
        return f"not-evidenced ({' or '.join(verdict.open)})"
    return verdict.verdict


def finding_said(finding: FindingTrace) -> str:
    """What a finding says: its conclusion in our terms ("unmet"), or the inspectorate's
    judgement as such, on its own scale ("Ofsted's judgement: inadequate (4 of 4, best first:
    ...)"), and with it any conclusion in our terms ("; says unmet"). A grade is never put in
    our terms."""
    if finding.grade is None:
        return finding.says or ""
    said = f"{finding.grade.label} ({finding.grade.place})"
    return said if finding.says is None else f"{said}; says {finding.says}"


def on_the_board(finding: FindingTrace) -> str:
    """A finding on the board as a whole, before its quote: a graded one as the
    inspectorate's judgement ("Ofsted's judgement of the board (2014-03-11 to 2014-04-02):
    inadequate (4 of 4, best first: ...)"), any other as the reviewer's conclusion."""
    if finding.grade is None:
        return f"Finding on the board by {finding.by} ({finding.when}): {finding.says}"
    grade = finding.grade
    said = f"{grade.by}'s judgement of the board ({finding.when}): {grade.words} ({grade.place})"
    if finding.by != grade.by:
        said += f", as {finding.by} records it"
    return said if finding.says is None else f"{said}; the finding says {finding.says}"


# Said once wherever findings on the board as a whole are shown: without it, "complies with its
# statutory responsibilities" beside 38 not-evidenced requirements reads as the tool ignoring it.
BOARD_FINDINGS_DECIDE_NOTHING = (
    "A finding on the board as a whole decides no requirement: each is judged on the facts "
    "observed and the findings about it."
)


def board_judgements(findings: tuple[FindingTrace, ...]) -> list[str]:
    """Each graded judgement of the board as a whole, one line each, to stand beside every
    verdict on the assessment."""
    return [on_the_board(f) for f in findings if f.grade is not None]


def rulebook_named(info: RulebookInfo) -> str:
    """The rulebook as a printed report names it: by lscb's version and the digest of its
    files, never by a path on the machine that printed it (a board paper is read elsewhere)."""
    packs = f"; with the pack(s) {', '.join(info.packs)}" if info.packs else ""
    return f"Rulebook of lscb {__version__}, digest {info.digest}{packs}"


def rulebook_line(info: RulebookInfo) -> str:
    packs = f"; with the pack(s) {', '.join(info.packs)}" if info.packs else ""
    return f"Rulebook: {info.path} ({info.origin}; digest {info.digest}){packs}"


def summary_line(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    parts = ", ".join(f"{n} {name}" for name, n in counts.items())
    return f"{total} requirements: {parts}"


def wrap(text: str, width: int, indent: str = "", subsequent: str | None = None) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()),
        width=width,
        initial_indent=indent,
        subsequent_indent=subsequent if subsequent is not None else indent,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def caveat_lines(caveats: dict[str, list[str]], width: int) -> list[str]:
    """Each distinct caveat once, with the requirements it concerns."""
    lines = []
    for caveat, requirements in caveats.items():
        lines += wrap(f"Caveat ({', '.join(requirements)}): {caveat}", width, "", "  ")
    return lines


def describe(threshold: Threshold) -> str:
    """The bars in words, e.g. 'failing on unmet' or 'duties failing on ...; guidance on ...'."""

    def bar(names: frozenset[str]) -> str:
        return ", ".join(sorted(names)) or "nothing"

    if threshold.duty == threshold.guidance:
        return f"failing on {bar(threshold.duty)}"
    return (
        f"duties failing on {bar(threshold.duty)}; guidance and recommendations on "
        f"{bar(threshold.guidance)}"
    )
