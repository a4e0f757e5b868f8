"""The terminal table: one per assessment, a row per requirement, a line of counts."""

from __future__ import annotations

from tabulate import tabulate

from compliance.render.common import basis_labels, locator, shorten, summary_line
from compliance.verdicts import AssessmentResult, RunResult, Verdict

HEADERS = ("requirement", "verdict", "legal basis", "evidence")
WIDTHS = (22, 13, 30, 52)
QUOTE_WIDTH = 80
LOCATOR_WIDTH = 40


def render(result: RunResult) -> str:
    return "\n\n".join(_assessment(a) for a in result.assessments) + "\n"


def _assessment(result: AssessmentResult) -> str:
    info = result.assessment
    title = f"{info.board}, {info.date} ({info.kind}): {info.title}\n{result.path}"
    rows = [(v.requirement, v.verdict, basis_labels(v), _evidence(v)) for v in result.verdicts]
    table = tabulate(rows, headers=HEADERS, tablefmt="simple_grid", maxcolwidths=list(WIDTHS))
    lines = [title, table, summary_line(result.counts())]
    if result.unused_facts:
        lines.append("Facts no requirement reads: " + ", ".join(result.unused_facts))
    return "\n".join(lines)


def _evidence(verdict: Verdict) -> str:
    if verdict.verdict == "not-applicable":
        return verdict.reason
    cells: dict[tuple[str, str], str] = {}
    for fact in verdict.facts:
        if fact.citations:
            first = fact.citations[0]
            where = shorten(locator(first), LOCATOR_WIDTH)
            # Two facts often rest on one sentence: show it once.
            key = (where, shorten(first.quote, 40))
            cells.setdefault(key, f'"{shorten(first.quote, QUOTE_WIDTH)}" ({where})')
    lines = list(cells.values())
    if verdict.verdict == "not-evidenced":
        lines.append("Ask: " + " ".join(verdict.questions))
    return "\n".join(lines) or verdict.reason
