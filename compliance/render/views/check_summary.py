"""What `lscb check` and `lscb compare` tell a person on stderr.

Stdout carries the chosen format only, since it may be SARIF or JSON that a machine reads
(or be written to a file with -o); the lines a person reads in a CI log go to stderr: each
requirement that fails the run, located by its evidence file, what a baseline could not
pair, and one closing count. Long lists stop after a few, as input problems do.
"""

from __future__ import annotations

from compliance.reading.inert import for_terminal
from compliance.render.text import describe
from compliance.result.check import Check
from compliance.result.compare import Comparison
from compliance.result.run import Threshold

MAX_SHOWN = 20


def check_lines(check: Check, threshold: Threshold) -> list[str]:
    lines = [
        f"{result.path}: no baseline assessment of {result.assessment.board} dated on or before "
        f"{result.assessment.date}; every requirement below the threshold counts"
        for result in check.unpaired
    ]
    paired = {
        id(result): {m.requirement: m.old for m in comparison.moves}
        for result, comparison in zip(check.run.results, check.comparisons, strict=True)
        if comparison is not None
    }
    failed = []
    for result, verdict in check.failures(threshold):
        before = paired.get(id(result), {})
        was = f", was {before[verdict.requirement]}" if verdict.requirement in before else ""
        failed.append(
            f"{result.path}: {verdict.requirement} is {verdict.verdict} ({verdict.standing}{was})"
        )
    lines += _capped(failed)
    count = len(check.run.results)
    against = " against the baseline" if check.baselined else ""
    below = "newly below" if check.baselined else "below"
    lines.append(
        f"lscb check: {count} assessment{'s' if count != 1 else ''}{against}; "
        f"{len(failed)} requirement{'s' if len(failed) != 1 else ''} {below} the threshold "
        f"({describe(threshold)})"
    )
    return [for_terminal(line, keep_newlines=False) for line in lines]


def compare_lines(comparison: Comparison, threshold: Threshold) -> list[str]:
    """The regressions that fail `lscb compare --fail-on`; nothing when none do."""
    new = comparison.new
    failed = [
        f"{new.path}: {m.requirement} regressed, {m.old} \u2192 {m.new} "
        f"({new.verdict(m.requirement).standing})"
        for m in comparison.regressions(threshold)
    ]
    if not failed:
        return []
    lines = [
        *_capped(failed),
        f"lscb compare: {len(failed)} requirement{'s' if len(failed) != 1 else ''} newly below "
        f"the threshold ({describe(threshold)})",
    ]
    return [for_terminal(line, keep_newlines=False) for line in lines]


def _capped(lines: list[str]) -> list[str]:
    hidden = len(lines) - MAX_SHOWN
    return lines[:MAX_SHOWN] + ([f"... and {hidden} more"] if hidden > 0 else [])
