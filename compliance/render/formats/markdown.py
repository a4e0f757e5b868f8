"""Markdown for a CI job summary ($GITHUB_STEP_SUMMARY), a pull request or an issue.

Per evidence file: a heading, the counts, a table (requirement, verdict, legal basis,
evidence), and what to ask folded away in <details>. Requirements below the threshold are
marked, so a reader sees at once why the job failed. Everything quoted from input passes
through `inline` or `cell` (below); everything else here is the renderer's own words.

Text from input is made literal in GitHub-flavoured Markdown, wherever it is quoted. A quote, a board's name or a reason may hold anything: `**`, `[a](javascript:...)`, `<script>`,
`|` (which would end a table cell), a backtick, `$` (GitHub renders `$...$` as mathematics),
`http://`, `www.` or an e-mail address (autolinked), a line break (which would end a table row
or a heading), terminal escapes and bidi overrides. Control and format characters are first written as
escapes (`compliance.reading.inert`); then `& < >` become HTML entities, and every other character
Markdown acts on is backslash-escaped (CommonMark makes any escaped ASCII punctuation literal).
Nothing the input holds starts a line: the renderer writes each line's start itself.
"""

from __future__ import annotations

import re

from compliance.reading.inert import for_terminal
from compliance.render.base import Format, RenderOptions
from compliance.render.text import (
    BOARD_FINDINGS_DECIDE_NOTHING,
    HEADINGS,
    describe,
    force_line,
    locator,
    on_the_board,
    shorten,
    summary_line,
    verdict_label,
)
from compliance.result.compare import Comparison, RequirementMove
from compliance.result.gaps import gaps_of
from compliance.result.run import Result, RulebookInfo, RunResult, Threshold, Verdict, caveats_of

QUOTE = 120  # characters of a quote in a cell; `lscb explain` shows it whole
BELOW = "\u2717"  # marks a requirement below the threshold
HEADERS = ("requirement", "verdict", "legal basis", "evidence")

# -- text from input, made literal ---------------------------------------------------------

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Emphasis, code, links and images, tables, strikethrough, headings, maths, autolinks (the
# ':' of 'http:', the '.' of 'www.'), mentions, HTML, and the backslash itself. Parentheses
# need no escape once no '[' can open a link; a full stop, only after 'www'.
_ACTIVE = re.compile(r"[\\`*_\[\]|~!#:@$&<>]|(?<=www)\.", re.IGNORECASE)


# GitHub links an e-mail address however its characters are escaped (its autolinker reads the
# text after escapes are undone), so an empty HTML comment stands before every '@': it splits
# the text, and a reader (or GitHub's sanitiser, which drops comments) sees nothing of it. Input
# can never make a comment itself: its '<' is always an entity.
_UNLINKED_AT = "<!---->\\@"


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char == "@":
        return _UNLINKED_AT
    return _ENTITIES.get(char) or "\\" + char


def inline(text: str) -> str:
    """One line of literal text: line breaks become spaces."""
    return _literal(for_terminal(" ".join(text.split()), keep_newlines=False))


def cell(text: str) -> str:
    """A table cell of literal text: its own line breaks kept as <br>, never ending the row."""
    lines = for_terminal(text).split("\n")
    return "<br>".join(_literal(" ".join(line.split())) for line in lines if line.strip()) or " "


def _literal(inert: str) -> str:
    """Text already made inert, made literal in Markdown: each is done once."""
    return _ACTIVE.sub(_escape, inert)


def render(run: RunResult, options: RenderOptions) -> str:
    parts = [_result(result, options.threshold) for result in run.results]
    return "\n".join([*parts, _rulebook(run.rulebook)]) + "\n"


def _result(result: Result, threshold: Threshold) -> str:
    info = result.assessment
    below = [v for v in result.verdicts if threshold.fails(v)]
    lines = [
        f"## {inline(info.board)}, {inline(info.date)} ({inline(info.kind)})",
        "",
        f"{inline(info.title)}. Evidence: {inline(str(result.path))}. "
        f"Dated {inline(info.date)} because: {inline(info.date_basis)}",
        "",
        f"**{summary_line(result.counts())}.** {_below(below, threshold)}",
        "",
    ]
    for finding in result.findings:
        quote = shorten(finding.quotes[0].quote, QUOTE) if finding.quotes else ""
        lines.append(f"- {inline(on_the_board(finding))}, \u201c{inline(quote)}\u201d")
    if result.findings:
        lines += [f"- {BOARD_FINDINGS_DECIDE_NOTHING}", ""]
    lines += _table(HEADERS, [_row(v, threshold) for v in result.verdicts])
    lines += _gaps(result)
    lines += _notes(result)
    return "\n".join(lines) + "\n"


def _below(below: list[Verdict], threshold: Threshold) -> str:
    if not (threshold.duty or threshold.guidance):
        return ""
    if not below:
        return f"None below the threshold ({describe(threshold)})."
    return f"{BELOW} marks the {len(below)} below the threshold ({describe(threshold)})."


def _row(verdict: Verdict, threshold: Threshold) -> tuple[str, ...]:
    mark = f"{BELOW} " if threshold.fails(verdict) else ""
    basis = "\n".join([*verdict.law, *force_line(verdict)]) or "-"
    return (
        cell(verdict.requirement),
        mark + cell(verdict_label(verdict)),
        cell(basis),
        cell(_evidence(verdict)),
    )


def _evidence(verdict: Verdict) -> str:
    """The quotes a verdict rests on, each once, shortened; or why there are none."""
    if verdict.verdict == "not-applicable":
        return verdict.reason
    lines: list[str] = []
    shown: set[str] = set()
    if verdict.decided_by == "finding":
        for finding in verdict.findings:
            if finding.agrees and finding.quotes:
                quote = finding.quotes[0].quote
                lines.append(f"Finding of {finding.by}: \u201c{shorten(quote, QUOTE)}\u201d")
                shown.add(quote)
    lines += [f"{part.requirement}: {part.verdict}" for part in verdict.parts]
    for fact in verdict.facts:
        for statement in fact.statements:
            if not statement.quotes or statement.quotes[0].quote in shown:
                continue
            first = statement.quotes[0]
            shown.add(first.quote)
            outweighed = (
                "undated, not counted: "
                if statement.undated
                else ""
                if statement.decides
                else f"outweighed ({statement.kind}): "
            )
            lines.append(
                f"{outweighed}\u201c{shorten(first.quote, QUOTE)}\u201d ({locator(first, 60)})"
            )
    if verdict.verdict == "not-evidenced":
        lines.append("Undecided: see what to ask below.")
    return "\n".join(lines) or verdict.reason


def _gaps(result: Result) -> list[str]:
    gaps = gaps_of(result)
    if not gaps.undecided:
        return []
    count = len(gaps.undecided)
    lines = [
        "",
        "<details><summary>What to ask to decide the "
        f"{count} not-evidenced requirement{'s' if count != 1 else ''}</summary>",
        "",
    ]
    for group in gaps.groups:
        lines += [f"**{inline(HEADINGS[group.ask])}**", ""]
        for gap in group.gaps:
            lines.append(f"- {inline(gap.text)} (decides: {inline(', '.join(gap.requirements))})")
        lines.append("")
    return [*lines, "</details>"]


def _notes(result: Result) -> list[str]:
    caveats = caveats_of(result.verdicts)
    if not caveats and not result.unused_facts:
        return []
    lines = ["", "<details><summary>Caveats and unused facts</summary>", ""]
    lines += [f"- {inline(c)} ({inline(', '.join(reqs))})" for c, reqs in caveats.items()]
    if result.unused_facts:
        lines.append(f"- Facts no requirement reads: {inline(', '.join(result.unused_facts))}")
    return [*lines, "", "</details>"]


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    return [
        "| " + " | ".join(headers) + " |",
        "|" + "---|" * len(headers),
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def _rulebook(info: RulebookInfo) -> str:
    packs = f"; with the pack(s) {inline(', '.join(info.packs))}" if info.packs else ""
    return f"Rulebook: {inline(info.path)} ({inline(info.origin)}; digest {inline(info.digest)}){packs}"


# -- two assessments -------------------------------------------------------------------------


def compare(comparison: Comparison, options: RenderOptions) -> str:
    old, new = comparison.old, comparison.new
    failing = {m.requirement for m in comparison.regressions(options.threshold)}
    moved = [m for m in comparison.moves if m.move != "unchanged"]
    unchanged = [m for m in comparison.moves if m.move == "unchanged"]
    lines = [
        f"## {inline(new.assessment.board)}: {inline(old.assessment.date)} \u2192 "
        f"{inline(new.assessment.date)}",
        "",
        f"- Before: {inline(old.assessment.title)} ({inline(str(old.path))})",
        f"- After: {inline(new.assessment.title)} ({inline(str(new.path))})",
        "",
        f"**{_counts(comparison)}.**"
        + (f" {BELOW} marks the {len(failing)} newly below the threshold." if failing else ""),
        "",
    ]
    if moved:
        lines += _table(
            ("requirement", "move", "why"),
            [_move_row(m, m.requirement in failing) for m in moved],
        )
    else:
        lines.append("No verdict moved.")
    if unchanged:
        lines += [
            "",
            f"<details><summary>{len(unchanged)} unchanged</summary>",
            "",
            *_table(
                ("requirement", "why"),
                [(cell(m.requirement), cell(m.why)) for m in unchanged],
            ),
            "",
            "</details>",
        ]
    return "\n".join([*lines, "", _rulebook(comparison.rulebook)]) + "\n"


def _counts(comparison: Comparison) -> str:
    """Each move that occurred, unchanged last; 'regressed' always, even at 0."""
    counted = comparison.counts()
    order = [name for name in counted if name != "unchanged"] + ["unchanged"]
    shown = ", ".join(f"{counted[n]} {n}" for n in order if counted[n] or n == "regressed")
    return f"{len(comparison.moves)} requirements: {shown}"


def _move_row(move: RequirementMove, failing: bool) -> tuple[str, ...]:
    mark = f"{BELOW} " if failing else ""
    return (cell(move.requirement), mark + cell(move.move), cell(move.why))


FORMAT = Format(
    "markdown",
    "Markdown for a CI job summary or a pull request: a table per evidence file",
    render,
    compare,
)
