"""`lscb compare` in the terminal: what moved between two assessments of one board, and why.

The requirements whose verdict moved get a row each, with the sentence that says why; those
that did not are listed by name after the table (their reasons are in every other format),
so the table shows the change, not the whole assessment again.
"""

from __future__ import annotations

import textwrap

from tabulate import tabulate

from compliance.reading.inert import for_terminal
from compliance.render.base import RenderOptions
from compliance.render.text import rulebook_line, wrap
from compliance.result.compare import Comparison, RequirementMove

HEADERS = ("requirement", "move", "why")
FIXED = (26, 20)  # every column but the reason
GRID = 3 * len(HEADERS) + 1  # simple_grid's borders and padding
MIN_WIDTH = 80
BELOW = "below the threshold"


def render(comparison: Comparison, options: RenderOptions) -> str:
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
        widths = [*FIXED, width - sum(FIXED) - GRID]
        rows = [
            tuple(_fit(c, w) for c, w in zip(_row(m, failing), widths, strict=True)) for m in moved
        ]
        lines.append(tabulate(rows, headers=HEADERS, tablefmt="simple_grid"))
    else:
        lines.append("No verdict moved.")
    lines += wrap(_counts(comparison), width)
    if unchanged:
        lines += wrap(f"Unchanged: {', '.join(unchanged)}", width, "", "  ")
    if failing:
        lines += wrap(
            f"{len(failing)} newly {BELOW}: {', '.join(sorted(failing))}", width, "", "  "
        )
    lines.append(rulebook_line(comparison.rulebook))
    return for_terminal("\n".join(lines) + "\n")


def _row(move: RequirementMove, failing: set[str]) -> tuple[str, ...]:
    label = f"{move.move} ({BELOW})" if move.requirement in failing else move.move
    return (move.requirement, label, move.why)


def _counts(comparison: Comparison) -> str:
    """Each move that occurred, unchanged last; 'regressed' always, even at 0."""
    counted = comparison.counts()
    order = [name for name in counted if name != "unchanged"] + ["unchanged"]
    shown = ", ".join(f"{counted[n]} {n}" for n in order if counted[n] or n == "regressed")
    return f"{len(comparison.moves)} requirements: {shown}"


def _fit(text: str, width: int) -> str:
    """The cell wrapped to its column, long words broken, so no column overflows."""
    return "\n".join(
        wrapped
        for line in for_terminal(text).split("\n")
        for wrapped in textwrap.wrap(line, width, break_long_words=True) or [""]
    )
