"""The board report: one self-contained HTML page, printable on A4, for a board meeting.

The page carries its stylesheet inline and needs no script, font or picture from anywhere, so
it can be mailed, archived and printed as it is. Jinja2 writes it from the templates in
`compliance/render/templates/`, with autoescape on: every value from the evidence, the sources or
the rulebook is escaped for HTML, and before that made inert (`compliance.reading.inert`), so a quote
holding markup, a terminal escape or a bidi override shows as text and is never acted on.
What the page shows is worked out in `report_model`; the templates only lay it out.
Jinja2 and `report_model` are imported when a page is first drawn, never when `lscb` starts.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from compliance import __version__
from compliance.reading.inert import for_terminal
from compliance.render.base import Format, RenderOptions
from compliance.render.text import BOARD_FINDINGS_DECIDE_NOTHING, rulebook_named
from compliance.result.compare import Comparison
from compliance.result.run import RunResult, Verdict

if TYPE_CHECKING:
    from jinja2 import Environment

# How a move reads in a cell, next to the verdict word.
MOVES = {
    "improved": "\u25b2 improved",
    "regressed": "\u25bc regressed",
    "unchanged": "unchanged",
    "newly-evidenced": "+ newly evidenced",
    "no-longer-evidenced": "\u2212 no longer evidenced",
    "newly-applicable": "+ newly applicable",
    "no-longer-applicable": "\u2212 no longer applicable",
}


def _inert(value: Any) -> Any:
    """Every printed value, made inert before autoescape escapes it; our own markup passes."""
    from markupsafe import Markup

    if isinstance(value, Markup):
        return value
    return "" if value is None else for_terminal(str(value))


def verdict_note(verdict: Verdict) -> str:
    """What the verdict word alone does not say: a finding decided it, or what is still open."""
    if verdict.decided_by == "finding":
        return "on a reviewer's finding"
    if verdict.verdict == "not-evidenced" and verdict.open:
        return "open: " + " or ".join(verdict.open)
    return ""


@functools.cache
def environment() -> Environment:
    """Jinja2 and the templates, loaded on the first page drawn, never when `lscb` starts."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("compliance.render", "templates"),
        autoescape=True,
        finalize=_inert,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        version=__version__,
        moves=MOVES,
        note=verdict_note,
        board_findings_decide_nothing=BOARD_FINDINGS_DECIDE_NOTHING,
    )
    return env


def render(run: RunResult, options: RenderOptions) -> str:
    from compliance.render.report_model import report

    template = environment().get_template("report.html.j2")
    return template.render(report=report(run), rulebook_line=rulebook_named(run.rulebook))


def compare(comparison: Comparison, options: RenderOptions) -> str:
    from compliance.render.report_model import sections_of

    template = environment().get_template("compare.html.j2")
    return template.render(
        comparison=comparison,
        old=comparison.old.assessment,
        new=comparison.new.assessment,
        sections=sections_of(comparison.new.verdict(m.requirement) for m in comparison.moves),
        by_requirement={m.requirement: m for m in comparison.moves},
        moved=sum(m.move != "unchanged" for m in comparison.moves),
        rulebook_line=rulebook_named(comparison.rulebook),
    )


FORMAT = Format(
    "html",
    "a printable board report (one HTML page, A4): verdicts by the law's groups, gaps with the "
    "law and questions, quotes, and each board's trajectory over its assessments",
    render,
    compare,
)
