"""`lscb gaps`: the interview questions for each undecided requirement, grouped by whom to ask."""

from __future__ import annotations

import dataclasses
import json

from compliance.reading.inert import for_json, for_terminal
from compliance.render.text import HEADINGS, wrap
from compliance.result.gaps import Gap, Gaps
from compliance.result.run import RulebookInfo


def text(all_gaps: tuple[Gaps, ...], rulebook: RulebookInfo, width: int) -> str:
    blocks = [_one(gaps, width) for gaps in all_gaps]
    footer = f"Rulebook: {rulebook.path} (digest {rulebook.digest})"
    return for_terminal("\n\n".join([*blocks, footer]) + "\n")


def _one(gaps: Gaps, width: int) -> str:
    info = gaps.assessment
    lines = [*wrap(f"{info.board}, {info.date}: {info.title}", width), f"Evidence: {gaps.path}"]
    if not gaps.undecided:
        return "\n".join([*lines, "Every requirement is decided or not applicable: no gaps."])
    ids = ", ".join(u.requirement for u in gaps.undecided)
    count = len(gaps.undecided)
    counted = f"{count} requirement{'s' if count != 1 else ''} not evidenced: {ids}"
    lines += wrap(counted, width, "", "  ")
    if gaps.first:
        lines += ["", "Ask first: the questions that bear on most"]
        for i, gap in enumerate(gaps.first, 1):
            who = WHO.get(gap.ask, gap.ask)
            lines += wrap(f"{i}. {gap.text} (ask {who}; {_bears(gap)})", width, "  ", "     ")
    number = 0
    for group in gaps.groups:
        lines += ["", HEADINGS[group.ask]]
        for gap in group.gaps:
            number += 1
            under = " " * (len(str(number)) + 4)
            lines += wrap(f"{number}. {gap.text}", width, "  ", under)
            bears = f"{_bears(gap)}: {', '.join(gap.requirements)}"
            lines += wrap(bears, width, under, under + "  ")
            lines += wrap(f"law: {'; '.join(gap.law) or '-'}", width, under, under + "  ")
    return "\n".join(lines)


WHO = {
    "chair": "the chair",
    "business-manager": "the business manager",
    "local-authority": "the local authority",
    "partner-agencies": "the partner agencies",
    "review-team": "the review team",
}


def _bears(gap: Gap) -> str:
    count = len(gap.requirements)
    said = f"bears on {count} requirement{'s' if count != 1 else ''}"
    return said + (
        f" ({gap.duties} statutory dut{'ies' if gap.duties != 1 else 'y'})" if gap.duties else ""
    )


def as_json(all_gaps: tuple[Gaps, ...], rulebook: RulebookInfo) -> str:
    document = {
        "rulebook": dataclasses.asdict(rulebook),
        "assessments": [dataclasses.asdict(gaps) for gaps in all_gaps],
    }
    return for_json(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"
