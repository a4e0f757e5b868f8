"""`lscb explain`: one requirement against one evidence file, in full.

It shows the whole chain a reader needs to check the verdict: the rule, the law's text and
edition, every case with which of its tests the facts pass, the quotes and their locators,
what is missing and what to ask.
"""

from __future__ import annotations

import textwrap

from compliance.assessment import display
from compliance.conditions import describe, holds, resolve
from compliance.dates import PartialDate, months_before
from compliance.evidence import Evidence
from compliance.render.common import locator, source_file
from compliance.rulebook import Requirement, Rulebook
from compliance.verdicts import AssessmentResult, Verdict

WIDTH = 100


def render(
    rulebook: Rulebook, evidence: Evidence, result: AssessmentResult, requirement_id: str
) -> str:
    req = rulebook.requirements[requirement_id]
    verdict = result.verdict(requirement_id)
    info = result.assessment
    start, certain, end = rulebook.window(req)
    window = f"from {start}" + (f" (certainly from {certain})" if certain else "") + f" to {end}"
    out = [
        f"{req.id}: {req.title}",
        f"Evidence: {result.path} - {info.board}, {info.date} ({info.kind})",
        "",
        f"Verdict: {verdict.verdict}",
        *_wrap(f"Reason: {verdict.reason}"),
        "",
        "What the law asks",
        *_wrap(req.summary, "  "),
        f"  In force {window}.",
        *(_wrap(f"Note: {req.in_force.note}", "  ") if req.in_force.note else []),
        "",
        f"Legal basis in force on {info.date}",
        *_basis(verdict),
        "",
        "How it is decided (each case is one durable_rules rule; at most one outcome may match)",
        *_cases(req, evidence, verdict),
    ]
    out += ["", "Facts used", *_facts(verdict, result)]
    if verdict.missing:
        out += ["", "Not evidenced: questions to ask"]
        out += [line for q in verdict.questions for line in _wrap(f"- {q}", "  ")]
    if verdict.caveats:
        out += ["", "Caveats", *[line for c in verdict.caveats for line in _wrap(f"- {c}", "  ")]]
    if verdict.parameters:
        params = ", ".join(f"{k} = {v}" for k, v in verdict.parameters.items())
        out += ["", f"Parameters: {params} (practice norms; override with --param)"]
    return "\n".join(out) + "\n"


def _basis(verdict: Verdict) -> list[str]:
    if not verdict.basis:
        return ["  (none in force on this date)"]
    lines = []
    for b in verdict.basis:
        lines.append(f"  - {b.label}: {b.edition_title} [{b.force}; verification {b.verification}]")
        if b.text:
            lines += _wrap(f'"{" ".join(b.text.split())}"', "      ")
        if b.text_source:
            lines += _wrap(f"wording from: {b.text_source}", "      ")
        if b.note:
            lines += _wrap(f"note: {b.note}", "      ")
    return lines


def _cases(req: Requirement, evidence: Evidence, verdict: Verdict) -> list[str]:
    values = evidence.values()
    params = verdict.parameters
    lines = []
    for outcome, cases in req.outcomes.items():
        for index, case in enumerate(cases):
            marker = "  <- matched" if verdict.case == f"{req.id}|{outcome}|{index}" else ""
            tests = []
            for fact, condition in case.when.items():
                resolved = resolve(condition, params)
                if fact not in values:
                    state = "missing"
                else:
                    value = values[fact]
                    age = (
                        months_before(value, evidence.date)
                        if isinstance(value, PartialDate)
                        else None
                    )
                    state = "yes" if holds(resolved, value, age) else "no"
                tests.append(f"{describe(fact, resolved)} [{state}]")
            lines += _wrap("when " + " and ".join(tests) + marker, f"  {outcome:<11} ", " " * 19)
    return lines


def _facts(verdict: Verdict, result: AssessmentResult) -> list[str]:
    if not verdict.facts:
        return ["  (none)"]
    lines = []
    for fact in verdict.facts:
        lines.append(f"  {fact.name} = {display(fact.value)}")
        for c in fact.citations:
            where = f"{source_file(c, result.sources)}, {locator(c)}"
            lines += _wrap(f'"{" ".join(c.quote.split())}" ({where})', "      ")
        if fact.note:
            lines += _wrap(f"note: {fact.note}", "      ")
    return lines


def _wrap(text: str, indent: str = "", subsequent: str | None = None) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()),
        width=WIDTH,
        initial_indent=indent,
        subsequent_indent=subsequent if subsequent is not None else indent,
        break_on_hyphens=False,
    )
