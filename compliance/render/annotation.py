"""A verdict in a few plain lines, for the formats that annotate a CI run (JUnit, SARIF).

A CI page or a code-review tool shows one message per requirement, so the message must carry
what a reviewer needs without `lscb explain`: the verdict, its reason, the law, the quotes it
rests on (each cut to a readable length: the JSON output keeps them whole) and, when the
evidence cannot decide, what to ask. The text is plain and not yet made safe: each format
escapes it for where it goes.
"""

from __future__ import annotations

import re
import unicodedata

from compliance.render.text import board_judgements, finding_said, force_line, shorten
from compliance.result.run import FindingTrace, Quote, Result, Verdict

QUOTE_LIMIT = 400  # characters of one quote in a message
FIRST_LINE = 1  # where a verdict with no stated fact points in its evidence file


def details(verdict: Verdict, board: tuple[FindingTrace, ...] = ()) -> str:
    """The verdict, its reason, the law, the quotes and findings, and the open questions;
    `board`: the findings on the board as a whole, whose graded judgements stand beside it."""
    lines = [
        f"{verdict.requirement}: {verdict.verdict} ({verdict.standing})",
        f"Reason: {verdict.reason}",
        *board_judgements(board),
    ]
    if verdict.law:
        lines.append("Law: " + "; ".join(verdict.law))
    lines += force_line(verdict)
    for fact in verdict.facts:
        for statement in fact.statements:
            weight = (
                " (undated: not counted)"
                if statement.undated
                else ""
                if statement.decides
                else " (outweighed)"
            )
            lines += [
                f"{fact.name} = {statement.value}{weight}: {quoted(q)}" for q in statement.quotes
            ]
    lines += [f"{part.requirement}: {part.verdict}" for part in verdict.parts]
    for finding in verdict.findings:
        said = f" {finding_said(finding)}" if finding.grade is not None else ""
        lines += [
            f"Finding of {finding.by} ({finding.when}){said}: {quoted(q)}" for q in finding.quotes
        ]
    if verdict.missing:
        lines.append("Missing: " + ", ".join(verdict.missing))
    if verdict.verdict == "not-evidenced":
        lines += questions(verdict)
    return "\n".join(lines)


def questions(verdict: Verdict) -> list[str]:
    asked = dict.fromkeys(f"Ask the {q.ask.replace('-', ' ')}: {q.text}" for q in verdict.questions)
    return list(asked)


def quoted(quote: Quote) -> str:
    return f'"{shorten(quote.quote, QUOTE_LIMIT)}" ({quote.provenance})'


def evidence_line(verdict: Verdict, result: Result | None = None) -> int:
    """The line of the first fact the requirement reads that the evidence file states; for a
    composite, which states none of its own, the line of the part that set its verdict (or of
    its first part that states one), so a reviewer sees it beside the fact that moved it."""
    stated = next((f.line for f in verdict.facts if f.line is not None), None)
    if stated is not None or result is None or not verdict.parts:
        return stated or FIRST_LINE
    named = [p.requirement for p in verdict.parts]
    if verdict.decided_by_part in named:
        named.remove(verdict.decided_by_part)
        named.insert(0, verdict.decided_by_part)
    for part in named:
        line = evidence_line(result.verdict(part), result)
        if line != FIRST_LINE:
            return line
    return FIRST_LINE


def slug(text: str) -> str:
    """Lower-case ASCII letters, digits and hyphens: a stable name part from a board or date."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "unnamed"
