"""The full result as JSON: everything a verdict carries, for machines and archives."""

from __future__ import annotations

import json
from typing import Any

from compliance import __version__
from compliance.dates import PartialDate
from compliance.render.common import source_file
from compliance.verdicts import AssessmentResult, RunResult, Verdict

FORMAT_VERSION = 1


def render(result: RunResult) -> str:
    document = {
        "tool": "lscb-compliance",
        "version": __version__,
        "format": FORMAT_VERSION,
        "assessments": [_assessment(a) for a in result.assessments],
    }
    return json.dumps(document, indent=2, ensure_ascii=False, default=_plain) + "\n"


def _assessment(result: AssessmentResult) -> dict[str, Any]:
    return {
        "file": str(result.path),
        **result.assessment.model_dump(mode="json"),
        "summary": result.counts(),
        "unused_facts": list(result.unused_facts),
        "verdicts": [_verdict(v, result) for v in result.verdicts],
    }


def _verdict(verdict: Verdict, result: AssessmentResult) -> dict[str, Any]:
    return {
        "requirement": verdict.requirement,
        "title": verdict.title,
        "verdict": verdict.verdict,
        "reason": verdict.reason,
        "editions": list(verdict.editions),
        "basis": [
            {
                "instrument": b.instrument,
                "edition": b.edition_title,
                "provision": b.provision,
                "force": b.force,
                "verification": b.verification,
                "text": b.text,
                "text_source": b.text_source,
                "note": b.note,
            }
            for b in verdict.basis
        ],
        "facts": [
            {
                "name": f.name,
                "value": f.value,
                "note": f.note,
                "citations": [
                    {
                        "source": c.source,
                        "file": source_file(c, result.sources),
                        **({"paragraph": c.paragraph} if c.paragraph else {"section": c.section}),
                        "quote": c.quote,
                    }
                    for c in f.citations
                ],
            }
            for f in verdict.facts
        ],
        "missing": list(verdict.missing),
        "questions": list(verdict.questions),
        "caveats": list(verdict.caveats),
        "case": verdict.case,
        "parameters": verdict.parameters,
    }


def _plain(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
