"""The terminal table: one per evidence file, a row per requirement, fitted to the terminal.

`lscb compare` in the terminal: what moved between two assessments of one board, and why.
The requirements whose verdict moved get a row each, with the sentence that says why; those
that did not are listed by name after the table (their reasons are in every other format),
so the table shows the change, not the whole assessment again.
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections import Counter

from tabulate import tabulate

from compliance.reading.inert import for_terminal
from compliance.render.base import Format, RenderOptions
from compliance.render.text import (
    BOARD_FINDINGS_DECIDE_NOTHING,
    caveat_lines,
    force_line,
    locator,
    on_the_board,
    rulebook_line,
    shorten,
    summary_line,
    verdict_label,
    wrap,
)
from compliance.result.compare import Comparison, RequirementMove
from compliance.result.run import Result, RunResult, Verdict, caveats_of

HEADERS = ("requirement", "verdict", "legal basis", "evidence")
MIN_WIDTH = 80
# Below this, four columns starve (at 80 the evidence column was 14 characters and one file
# 784 lines): each requirement is drawn as a block of lines instead.
GRID_WIDTH = 100
FIXED = (26, 16)  # requirement and verdict columns
GRID = 3 * len(HEADERS) + 1  # simple_grid's borders and padding
HEADER_PADDING = 2  # tabulate makes a column at least its header plus this (its MIN_PADDING)

QUOTE = 90  # characters of a quote shown in a cell; `lscb explain` shows it whole


def render(run: RunResult, options: RenderOptions) -> str:
    """One table per result. Every text is made safe once: a cell as it is fitted to its
    column (so the column is as wide as the escaped text), every other line as it is written;
    tabulate's borders need nothing."""
    width = max(options.width, MIN_WIDTH)
    tables = [_result(result, width) for result in run.results]
    if len(run.results) > 1:
        counts = Counter[str]()
        for result in run.results:
            counts.update(result.counts())
        every = f"{len(run.results)} assessments, " + summary_line(dict(counts)).replace(
            " requirements:", " verdicts:"
        )
        tables.append("\n".join(map(for_terminal, wrap(every, width))))
    said = "\n".join(map(for_terminal, wrap(rulebook_line(run.rulebook), width)))
    return "\n\n".join([*tables, said + "\n"])


def _result(result: Result, width: int) -> str:
    info = result.assessment
    above = [
        *wrap(f"{info.board}, {info.date} ({info.kind}): {info.title}", width),
        *wrap(f"Evidence: {result.path}", width),
        *wrap(f"Date: {info.date}, because: {info.date_basis}", width),
    ]
    for finding in result.findings:
        quote = shorten(finding.quotes[0].quote, width)
        above += wrap(f'{on_the_board(finding)}, "{quote}"', width)
    if result.findings:
        above += wrap(BOARD_FINDINGS_DECIDE_NOTHING, width)
    below = [*wrap(summary_line(result.counts()), width)]
    below += caveat_lines(caveats_of(result.verdicts), width)
    if result.unused_facts:
        below += wrap("Facts no requirement reads: " + ", ".join(result.unused_facts), width)
    body = _grid(result, width) if width >= GRID_WIDTH else _blocks(result, width)
    return "\n".join([*map(for_terminal, above), body, *map(for_terminal, below)])


def _blocks(result: Result, width: int) -> str:
    """A narrow terminal: each requirement a block, its verdict on the first line, then its
    law, force and evidence indented below, every line within the width."""
    blocks = []
    for v in result.verdicts:
        lines = wrap(f"{v.requirement}: {verdict_label(v)}", width)
        said = ["Law: " + "; ".join(v.law)] if v.law else []
        said += [*force_line(v), *_evidence(v, width - 2).split("\n")]
        lines += [line for text in said for line in wrap(text, width, "  ")]
        blocks.append("\n".join(map(for_terminal, lines)))
    rule = "\u2500" * width
    return "\n".join([rule, *(f"{block}\n{rule}" for block in blocks)])


def _grid(result: Result, width: int) -> str:
    rest = width - sum(FIXED) - GRID
    basis = max(rest * 2 // 5, len(HEADERS[2]) + HEADER_PADDING)
    widths = [*FIXED, basis, rest - basis]
    rows = [
        (
            _fit_shared(v.requirement, widths[0]),
            _fit_shared(verdict_label(v), widths[1]),
            _fit_shared("\n".join([*v.law, *force_line(v)]) or "-", widths[2]),
            _fit(_evidence(v, widths[3]), widths[3]),
        )
        for v in result.verdicts
    ]
    return tabulate(
        rows, headers=HEADERS, tablefmt="simple_grid", disable_numparse=not _numbers_possible(rows)
    )


def _fit(cell: str, width: int) -> str:
    """The cell wrapped to its column, long words and ids broken, so no column overflows."""
    return "\n".join(
        wrapped for line in for_terminal(cell).split("\n") for wrapped in _wrapped(line, width)
    )


# Requirement ids, verdicts and citations come from the rulebook and recur in every table.
# Measured (issue 17, point 4; a fresh process, 120 columns): one bundled file draws in the
# same time with or without the two caches (9.4 ms against 9.9 ms, the least of 9), while 1,000
# generated files draw in 6.3 s with them and 13.1 s without (the least of 2): they halve the
# cost per file at scale and cost one file nothing, so they stay.
_fit_shared = functools.lru_cache(maxsize=4096)(_fit)


@functools.lru_cache(maxsize=8192)
def _wrapped(line: str, width: int) -> tuple[str, ...]:
    """textwrap's lines, `textwrap.wrap(line, width, break_long_words=True) or [""]`, without
    its cost for a line that fits as it is, or that is words and single spaces with no hyphen (where
    textwrap's chunks are exactly the words and the spaces).

    Kept for lines seen again: most lines of the evidence column come from the rulebook (the
    questions to ask, each part's verdict) and recur in every table; at 300 files, 216
    distinct lines were filled 12,161 times, and 1,048 with hyphens 8,004 times."""
    simple = line.isprintable() and line[:1] != " " and line[-1:] != " "
    if simple and len(line) <= width:
        return (line,)
    if simple and "-" not in line and "  " not in line:
        return tuple(greedy_wrap(line, width))
    return tuple(textwrap.wrap(line, width, break_long_words=True)) or ("",)


def greedy_wrap(line: str, width: int) -> list[str]:
    """textwrap's own line filling (`TextWrapper._wrap_chunks`, long words broken) over a
    line's words and the single spaces between them: the same lines at a fifth of the cost,
    which was a third of drawing a table (tests/formats/test_table.py holds it to textwrap)."""
    chunks: list[str] = []
    for word in reversed(line.split(" ")):
        chunks += (word, " ")
    chunks.pop()  # reversed: the line's first word is last, and is taken first
    lines: list[str] = []
    while chunks:
        if lines and chunks[-1] == " ":  # a space that would start a line is dropped
            chunks.pop()
        current: list[str] = []
        filled = 0
        while chunks and filled + len(chunks[-1]) <= width:
            filled += len(chunks[-1])
            current.append(chunks.pop())
        if chunks and len(chunks[-1]) > width:  # a word longer than a line: cut to fill it
            word = chunks[-1]
            current.append(word[: width - filled])
            chunks[-1] = word[width - filled :]
        if current and not current[-1].strip():
            current.pop()
        if current:
            lines.append("".join(current))
    return lines


# Every character a cell could hold and still be read by tabulate as a number, a boolean or
# empty ("1e5", " 1_000 ", "-inf", "NaN", "True", "١٢"), and ESC, which it strips first.
_MAYBE_NUMBER = re.compile(r"[\s\d+\-._,eEiInNfFtTyYaArRuUsSlL\x1b]*")


def _numbers_possible(rows: list[tuple[str, ...]]) -> bool:
    """Whether tabulate could read any column as numbers (and so align and format it so).

    A column with one cell that cannot be a number is text, with or without number parsing;
    when every column has one, parsing (a third of tabulate's time here) is skipped and the
    table is the same. Measured: one bundled file 9.4 ms with the skip, 17.3 ms without; 1,000
    generated files 6.3 s with it, 11.9 s without."""
    return any(
        all(_MAYBE_NUMBER.fullmatch(cell) for cell in column) for column in zip(*rows, strict=True)
    )


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
            if statement.undated:
                lines.append(f"undated, not counted: {quoted}")
            elif not fact.contested:
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


# -- two assessments -------------------------------------------------------------------------

MOVE_HEADERS = ("requirement", "move", "why")
MOVE_FIXED = (26, 20)  # every column but the reason
MOVE_GRID = 3 * len(MOVE_HEADERS) + 1
BELOW = "below the threshold"


def compare(comparison: Comparison, options: RenderOptions) -> str:
    width = max(options.width, MIN_WIDTH)
    old, new = comparison.old, comparison.new
    failing = {m.requirement for m in comparison.regressions(options.threshold)}
    moved = [m for m in comparison.moves if m.move != "unchanged"]
    unchanged = [m.requirement for m in comparison.moves if m.move == "unchanged"]
    lines = [
        *wrap(f"{new.assessment.board}: {old.assessment.date} \u2192 {new.assessment.date}", width),
        *wrap(f"Before: {old.path} - {old.assessment.title} ({old.assessment.kind})", width),
        *wrap(f"After: {new.path} - {new.assessment.title} ({new.assessment.kind})", width),
    ]
    if moved:
        widths = [*MOVE_FIXED, width - sum(MOVE_FIXED) - MOVE_GRID]
        rows = [
            tuple(_fit(c, w) for c, w in zip(_row(m, failing), widths, strict=True)) for m in moved
        ]
        # The cells were made safe as they were fitted; every other line is, as it is written.
        table = [tabulate(rows, headers=MOVE_HEADERS, tablefmt="simple_grid")]
    else:
        table = ["No verdict moved."]
    below = wrap(_counts(comparison), width)
    if unchanged:
        below += wrap(f"Unchanged: {', '.join(unchanged)}", width, "", "  ")
    if failing:
        below += wrap(
            f"{len(failing)} newly {BELOW}: {', '.join(sorted(failing))}", width, "", "  "
        )
    below.append(rulebook_line(comparison.rulebook))
    return "\n".join([*map(for_terminal, lines), *table, *map(for_terminal, below)]) + "\n"


def _row(move: RequirementMove, failing: set[str]) -> tuple[str, ...]:
    label = f"{move.move} ({BELOW})" if move.requirement in failing else move.move
    return (move.requirement, label, move.why)


def _counts(comparison: Comparison) -> str:
    """Each move that occurred, unchanged last; 'regressed' always, even at 0."""
    counted = comparison.counts()
    order = [name for name in counted if name != "unchanged"] + ["unchanged"]
    shown = ", ".join(f"{counted[n]} {n}" for n in order if counted[n] or n == "regressed")
    return f"{len(comparison.moves)} requirements: {shown}"


FORMAT = Format("table", "a table per evidence file, for people", render, compare)
