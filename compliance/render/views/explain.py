"""`lscb explain`: one requirement against one evidence file, with its whole trace.

It shows the chain a reader needs to check the verdict by hand: the law's text and edition,
each case with the state of each of its tests, the facts with their quotes and locators, the
findings beside it, what is missing and what to ask. It only prints the verdict's trace.
"""

from __future__ import annotations

from compliance.reading.inert import for_terminal
from compliance.render.text import (
    BOARD_FINDINGS_DECIDE_NOTHING,
    board_judgements,
    finding_said,
    force_line,
    rulebook_line,
    verdict_label,
    wrap,
)
from compliance.result.run import FactTrace, FindingTrace, Quote, Result, RunResult, Verdict

WIDTH = 100
STATES = {
    "satisfied": "holds",
    "not-satisfied": "fails",
    "indeterminate": "undecided over the values given",
    "missing": "fact missing",
}


def render(run: RunResult, verdict: Verdict) -> str:
    result = run.results[0]
    info = result.assessment
    out = [
        f"{verdict.requirement}: {verdict.title}",
        f"Evidence: {result.path} - {info.board}, {info.date} ({info.kind})",
        *wrap(f"Date basis: {info.date_basis}", WIDTH),
        *(line for said in board_judgements(result.findings) for line in wrap(said, WIDTH)),
        *(wrap(BOARD_FINDINGS_DECIDE_NOTHING, WIDTH) if result.findings else []),
        rulebook_line(run.rulebook),
        "",
        f"Verdict: {verdict_label(verdict)}",
        *wrap(f"Reason: {verdict.reason}", WIDTH),
        "",
        "What the law asks",
        *wrap(verdict.summary, WIDTH, "  "),
        f"  In force {verdict.window}.",
        "",
        f"Legal basis in force on the evidence date ({info.date})",
        *_basis(verdict),
        *(part for line in force_line(verdict) for part in wrap(line, WIDTH, "", "  ")),
    ]
    if verdict.cases:
        out += ["", "How it was decided (each case is one durable_rules rule)", *_cases(verdict)]
    if verdict.parts:
        out += ["", "Parts"]
        out += [
            line
            for p in verdict.parts
            for line in wrap(f"{p.requirement}: {p.verdict}. {p.reason}", WIDTH, "  ", "    ")
        ]
    out += ["", "Facts used", *_facts(verdict.facts, result)]
    if verdict.context:
        out += ["", "Context (shown, not deciding)", *_facts(verdict.context, result)]
    if verdict.findings:
        out += ["", "Findings (reviewers' own conclusions)", *_findings(verdict.findings)]
    if verdict.questions:
        out += ["", "Questions to ask"]
        out += [
            line for q in verdict.questions for line in wrap(f"- {q.text}", WIDTH, "  ", "    ")
        ]
    if verdict.caveats:
        out += ["", "Caveats"]
        out += [line for c in verdict.caveats for line in wrap(f"- {c}", WIDTH, "  ", "    ")]
    if verdict.parameters:
        params = ", ".join(f"{k} = {v}" for k, v in verdict.parameters.items())
        out += ["", f"Parameters: {params} (practice norms; override with --param)"]
    out += ["", f"Sources (authority: {result.authority})"]
    for source in result.sources:
        covers = f", speaks for {source.covers}" if source.covers else ""
        line = f"{source.key}: {source.title} ({source.publisher}, {source.kind}; published {source.published}{covers}) - {source.file}"
        out += wrap(line, WIDTH, "  ", "    ")
    return for_terminal("\n".join(out) + "\n")


def _basis(verdict: Verdict) -> list[str]:
    if not verdict.basis:
        return ["  (none in force on this date)"]
    lines = []
    for b in verdict.basis:
        period = f" (for {b.period})" if b.period else ""
        beside = "" if b.decides else "; cited beside it, does not decide"
        lines += wrap(
            f"- {b.label}: {b.edition} [{b.force}; verification {b.verification}{beside}]{period}",
            WIDTH,
            "  ",
            "    ",
        )
        if b.text:
            lines += wrap(f'"{b.text}"', WIDTH, "      ")
        if b.text_source:
            lines += wrap(f"wording from: {b.text_source}", WIDTH, "      ")
        if b.note:
            lines += wrap(f"note: {b.note}", WIDTH, "      ")
    return lines


def _cases(verdict: Verdict) -> list[str]:
    lines = []
    for case in verdict.cases:
        state = "holds" if case.certain else "possible" if case.possible else "ruled out"
        line = f", line {case.line}" if case.line else ""
        lines.append(f"  {case.label}{line}: {state}")
        for test in case.tests:
            value = f" (value: {test.value})" if test.value is not None else ""
            lines += wrap(f"{test.test}: {STATES[test.state]}{value}", WIDTH, "      ", "        ")
    return lines


def _facts(facts: tuple[FactTrace, ...], result: Result) -> list[str]:
    if not facts:
        return ["  (none stated)"]
    lines = []
    for fact in facts:
        contest = ""
        if fact.contested:
            who = (
                f"the {fact.decided_by} decides"
                if fact.decided_by
                else "equal authority: any may hold"
            )
            contest = f" [contested: {who}; authority {result.authority}]"
        lines += wrap(
            f"{fact.name} = {fact.value} (about the {fact.about}){contest}", WIDTH, "  ", "    "
        )
        for statement in fact.statements:
            if fact.contested or len(fact.statements) > 1 or statement.undated:
                outweighed = (
                    ", undated: not counted"
                    if statement.undated
                    else ""
                    if statement.decides
                    else ", outweighed"
                )
                lines.append(f"    stated as {statement.value} ({statement.kind}{outweighed}):")
            lines += [line for q in statement.quotes for line in _quote(q)]
            if statement.note:
                lines += wrap(f"note: {statement.note}", WIDTH, "      ")
    return lines


def _findings(findings: tuple[FindingTrace, ...]) -> list[str]:
    lines = []
    for finding in findings:
        agrees = {True: ", agrees with the verdict", False: ", differs from the verdict"}.get(
            finding.agrees,
            "",  # type: ignore[arg-type]
        )
        said = f"says {finding.says}" if finding.grade is None else f"- {finding_said(finding)}"
        lines += wrap(f"{finding.by} ({finding.when}) {said}{agrees}:", WIDTH, "  ")
        lines += [line for q in finding.quotes for line in _quote(q)]
        if finding.note:
            lines += wrap(f"note: {finding.note}", WIDTH, "      ")
    return lines


def _quote(quote: Quote) -> list[str]:
    return wrap(f'"{quote.quote}" ({quote.provenance})', WIDTH, "      ")
