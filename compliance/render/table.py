"""The terminal table: one per evidence file, a row per requirement, fitted to the terminal."""

from __future__ import annotations

import textwrap

from tabulate import tabulate

from compliance.collector import young_only
from compliance.inert import for_terminal
from compliance.render.base import Renderer, RenderOptions
from compliance.render.text import (
    caveat_lines,
    locator,
    rulebook_line,
    shorten,
    summary_line,
    verdict_label,
    wrap,
)
from compliance.result import Result, RunResult, Verdict

HEADERS = ("requirement", "verdict", "legal basis", "evidence")
MIN_WIDTH = 80
FIXED = (26, 16)  # requirement and verdict columns
GRID = 3 * len(HEADERS) + 1  # simple_grid's borders and padding
HEADER_PADDING = 2  # tabulate makes a column at least its header plus this (its MIN_PADDING)
QUOTE = 90  # characters of a quote shown in a cell; `lscb explain` shows it whole


def render(run: RunResult, options: RenderOptions) -> str:
    width = max(options.width, MIN_WIDTH)
    tables = []
    with young_only() as settle:  # the results rendered are many objects: see collector.py
        for result in run.results:
            tables.append(_result(result, width))
            settle()
    return for_terminal("\n\n".join([*tables, rulebook_line(run.rulebook)]) + "\n")


def _result(result: Result, width: int) -> str:
    info = result.assessment
    rest = width - sum(FIXED) - GRID
    basis = max(rest * 2 // 5, len(HEADERS[2]) + HEADER_PADDING)
    widths = [*FIXED, basis, rest - basis]
    rows = [
        tuple(
            _fit(cell, w)
            for cell, w in zip(
                (v.requirement, verdict_label(v), _basis(v), _evidence(v, widths[3])),
                widths,
                strict=True,
            )
        )
        for v in result.verdicts
    ]
    table = tabulate(rows, headers=HEADERS, tablefmt="simple_grid")
    lines = [
        *wrap(f"{info.board}, {info.date} ({info.kind}): {info.title}", width),
        f"Evidence: {result.path}",
        *wrap(f"Date: {info.date}, because: {info.date_basis}", width),
    ]
    for finding in result.findings:
        quote = shorten(finding.quotes[0].quote, width)
        lines += wrap(
            f'Finding on the board by {finding.by} ({finding.on}): {finding.says}, "{quote}"', width
        )
    lines += [table, *wrap(summary_line(result.counts()), width)]
    lines += _caveats(result.verdicts, width)
    if result.unused_facts:
        lines += wrap("Facts no requirement reads: " + ", ".join(result.unused_facts), width)
    return "\n".join(lines)


def _fit(cell: str, width: int) -> str:
    """The cell wrapped to its column, long words and ids broken, so no column overflows."""
    return "\n".join(
        wrapped
        for line in for_terminal(cell).split("\n")
        for wrapped in textwrap.wrap(line, width, break_long_words=True) or [""]
    )


def _basis(verdict: Verdict) -> str:
    labels = [b.cited for b in verdict.basis]
    return "\n".join(dict.fromkeys(labels)) or "-"


def _evidence(verdict: Verdict, width: int) -> str:
    if verdict.verdict == "not-applicable":
        return verdict.reason
    lines: list[str] = []
    shown: set[str] = set()
    if verdict.decided_by == "finding":
        finding = next(f for f in verdict.findings if f.agrees)
        lines.append(f'Finding of {finding.by}: "{shorten(finding.quotes[0].quote, QUOTE)}"')
        shown.add(finding.quotes[0].quote)
    lines += [f"{part.requirement}: {part.verdict}" for part in verdict.parts]
    for fact in verdict.facts:
        for statement in fact.statements:
            first = statement.quotes[0] if statement.quotes else None
            if first is None or first.quote in shown:
                continue
            shown.add(first.quote)
            quoted = f'"{shorten(first.quote, QUOTE)}" ({locator(first, width)})'
            if not fact.contested:
                lines.append(quoted)
            elif statement.decides:
                who = f"the {fact.decided_by} decides" if fact.decided_by else "no source outweighs"
                lines.append(f"{quoted} (contested: {who})")
            else:
                lines.append(f"outweighed: {quoted} ({statement.kind})")
    if verdict.verdict == "not-evidenced":
        asked = [q.text for q in verdict.questions if q.about != "transition"]
        lines.append("Ask: " + " ".join(dict.fromkeys(asked)))
    return "\n".join(lines) or verdict.reason


def _caveats(verdicts: tuple[Verdict, ...], width: int) -> list[str]:
    found: dict[str, list[str]] = {}
    for verdict in verdicts:
        for caveat in verdict.caveats:
            found.setdefault(caveat, []).append(verdict.requirement)
    return caveat_lines(found, width)


RENDERER = Renderer("table", "a table per evidence file, for people", render)
