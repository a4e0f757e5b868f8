"""SARIF 2.1.0: each open or failing requirement as an annotation on its evidence file.

Code-review tools (GitHub code scanning, for one) read SARIF and show each result beside the
line it names, so a change to an evidence file shows what it does to the verdicts where the
fact was changed. One run; its driver's rules are the requirements, with their law.

What becomes a result, and at what level, follows the threshold that sets the exit code: a
verdict below it is an `error`; any other unmet or partly-met verdict a `warning`; with
`--notes`, a not-evidenced one a `note` (the evidence cannot decide it; the message says what
to ask). Met and not-applicable verdicts are not results. A result points at the evidence file,
at the line of the first fact the requirement reads that the file states (a composite: that of
the part that set its verdict), or at line 1 when it states none; its fingerprint is its file
and requirement, so an alert stays one alert from commit to commit.
Relative paths stay relative, to `%SRCROOT%`: the directory lscb ran in (in CI, the repository's
root), which a reader of the log resolves; nothing about this machine is written.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from compliance import __version__
from compliance.reading.inert import for_json, for_terminal
from compliance.render.annotation import details, evidence_line, questions
from compliance.render.base import Format, RenderOptions
from compliance.result.compare import Comparison
from compliance.result.run import Result, RulebookInfo, RunResult, Verdict

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
TOOL = "lscb-compliance"
ROOT_ID = "%SRCROOT%"
ROOT_DESCRIPTION = "The directory lscb ran in; evidence paths given relative are relative to it."
LEVELS = {"unmet": "warning", "partly-met": "warning", "not-evidenced": "note"}


def render(run: RunResult, options: RenderOptions) -> str:
    verdicts = [v for result in run.results for v in result.verdicts]
    rules, index = _rules(verdicts)
    results = [
        _result(result, verdict, level, index)
        for result in run.results
        for verdict in result.verdicts
        if (level := _level(verdict, options))
    ]
    return _log(run.rulebook, rules, results)


def compare(comparison: Comparison, options: RenderOptions) -> str:
    """A result per regression below the threshold, on the newer evidence file."""
    new = comparison.new
    rules, index = _rules([*comparison.old.verdicts, *new.verdicts])
    results = [
        _result(
            new,
            new.verdict(move.requirement),
            "error",
            index,
            moved=f"{move.requirement} fell below the threshold: {move.why}\n\n",
            more={"move": move.move, "cause": move.cause, "previous": move.old},
        )
        for move in comparison.regressions(options.threshold)
    ]
    return _log(comparison.rulebook, rules, results)


def _log(rulebook: RulebookInfo, rules: list[dict], results: list[dict]) -> str:
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL,
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {ROOT_ID: {"description": {"text": ROOT_DESCRIPTION}}},
                "results": results,
                "properties": {"rulebook": dataclasses.asdict(rulebook)},
            }
        ],
    }
    return for_json(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"


def _level(verdict: Verdict, options: RenderOptions) -> str | None:
    """An error below the threshold, a warning for any other unmet or partly-met verdict, and
    a note for a not-evidenced one only when asked (--notes): 100 notes of 139 results, 82 at
    line 1, buried the few that mattered in code review."""
    if options.threshold.fails(verdict):
        return "error"
    if verdict.verdict == "not-evidenced" and not options.notes:
        return None
    return LEVELS.get(verdict.verdict)


def _rules(verdicts: list[Verdict]) -> tuple[list[dict], dict[str, int]]:
    """Each requirement once, in the order first judged, with the law cited on any date."""
    grouped: dict[str, list[Verdict]] = {}
    for verdict in verdicts:
        grouped.setdefault(verdict.requirement, []).append(verdict)
    rules = [_rule(same) for same in grouped.values()]
    return rules, {rid: i for i, rid in enumerate(grouped)}


def _rule(verdicts: list[Verdict]) -> dict[str, Any]:
    first = verdicts[0]
    law = list(dict.fromkeys(cited for v in verdicts for cited in v.law))
    certainty = list(dict.fromkeys(b.verification for v in verdicts for b in v.basis))
    asked = list(dict.fromkeys(q for v in verdicts for q in questions(v)))
    help_text = "\n".join(
        [
            first.summary,
            *(["", "Law: " + "; ".join(law)] if law else []),
            *(["", "What would decide it:", *asked] if asked else []),
        ]
    )
    return {
        "id": first.requirement,
        "name": _pascal(first.requirement),
        "shortDescription": {"text": _plain(first.title)},
        "fullDescription": {"text": _plain(first.summary)},
        "help": {"text": _plain(help_text)},
        "properties": {
            "standing": first.standing,
            "legalBasis": law,
            "certainty": certainty,
            "window": first.window,
            "tags": ["lscb", first.standing],
        },
    }


def _result(
    result: Result,
    verdict: Verdict,
    level: str,
    index: dict[str, int],
    *,
    moved: str = "",
    more: dict[str, str] | None = None,
) -> dict:
    info = result.assessment
    return {
        "ruleId": verdict.requirement,
        "ruleIndex": index[verdict.requirement],
        "level": level,
        "message": {"text": _plain(moved + details(verdict, result.findings))},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _location(result.path),
                    "region": {"startLine": evidence_line(verdict, result)},
                }
            }
        ],
        # The same open requirement on the same file is the same alert from run to run, as
        # the evidence around it changes (code scanning matches alerts by these).
        "partialFingerprints": {
            "lscbRequirement/v1": f"{result.path.as_posix()}:{verdict.requirement}"
        },
        "properties": {
            "verdict": verdict.verdict,
            "standing": verdict.standing,
            "force": verdict.force,
            "board": info.board,
            "date": info.date,
            **_judgements(result),
            **(more or {}),
        },
    }


def _judgements(result: Result) -> dict[str, Any]:
    """The board's graded judgements as data, where the evidence records any."""
    graded = [dataclasses.asdict(f.grade) for f in result.findings if f.grade is not None]
    return {"boardJudgements": graded} if graded else {}


def _location(path: Path) -> dict[str, str]:
    if path.is_absolute():
        return {"uri": path.as_uri()}
    return {"uri": quote(path.as_posix(), safe="/"), "uriBaseId": ROOT_ID}


def _pascal(requirement: str) -> str:
    """`lay-members` as `LayMembers`: SARIF's rule name is an identifier, not a sentence."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", requirement))


def _plain(text: str) -> str:
    """Text a viewer shows: every control, format or separator character as a visible escape,
    and every square bracket escaped as SARIF asks (2.1.0, 3.11.6): in a plain text message
    `[text](target)` is a link, so a quote holding one would put a link in the viewer."""
    return for_terminal(text).replace("[", "\\[").replace("]", "\\]")


FORMAT = Format(
    "sarif",
    "SARIF 2.1.0, a result per open or failing requirement on its evidence file's line, for "
    "code review",
    render,
    compare,
)
