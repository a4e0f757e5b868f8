"""A draft written out: as an evidence file in the making (YAML), or as data (JSON).

The YAML is an evidence file whose header is filled in as far as the command knows it (the
unknown parts left empty, each with a comment saying what to write) and whose `facts:` and
`findings:` are empty: every candidate stands under `draft:`, which `lscb assess` refuses. A
candidate is written as a statement (`value`, `citations`), so accepting it is moving it under
`facts:`; its rank, score and cues are comments. Every text from a document is written as a
double-quoted scalar with its unsafe characters escaped, so a quote can break nothing.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from compliance.extract.draft import (
    READ_FIRST,
    Candidate,
    Draft,
    FactDraft,
    FindingCandidate,
    reading,
)
from compliance.reading.inert import clip, for_json

FORMAT = "lscb-extract/1"
WIDTH = 96
FINDING_SAYS = "met, partly-met, unmet or improvement-needed"

HEADER = """\
# A DRAFT of evidence for {board} on {date}, proposed by `lscb extract` from {count}.
#
# Nothing under `draft:` is asserted. For each fact, its candidates are the sentences that may
# speak to it, best first, ranked by the fact's cues (rules/facts/*.yaml; the cues matched are
# shown). Read them; for each that states the fact, move the entry (its `value:` and
# `citations:`) under `facts:`, as a statement of that fact, and check or write its value: one
# is proposed only where the words state it plainly. A reviewer's conclusion goes under
# `findings:`, with `about:` and `says:` written. Then delete `draft:` and fill in the blanks
# of the header below. `lscb assess` refuses this file while it has `draft:`.
#
# To read: {to_read} sentence{plural} (the first {first} candidates of each fact and every
# candidate finding, each sentence once: one that is a candidate for several facts says where
# it was read first), about {minutes} minutes at {seconds} seconds a sentence.
"""
SECONDS_PER_SENTENCE = 15


def as_yaml(draft: Draft) -> str:
    count = f"{len(draft.sources)} document{'s' if len(draft.sources) != 1 else ''}"
    first = reading(draft)
    header = HEADER.format(
        # A comment is one line: a name is never let run onto the next, where it would be YAML.
        board=_one_line(draft.board),
        date=draft.date.isoformat(),
        count=count,
        to_read=len(first),
        plural="" if len(first) == 1 else "s",
        first=READ_FIRST,
        minutes=round(len(first) * SECONDS_PER_SENTENCE / 60),
        seconds=SECONDS_PER_SENTENCE,
    )
    lines = [
        header,
        "assessment:",
        f"  board: {_q(draft.board)}",
        "  area:  # the local authority area, e.g. London Borough of Exampleshire",
        f"  date: {draft.date.isoformat()}",
        "  date_basis:  # why this date: what in the sources fixes it (e.g. the inspection's last day)",
        *_kind("  ", draft.kind),
        "  title:  # e.g. the report's title and year",
        "",
        "sources:",
    ]
    for source in draft.sources:
        title = source.first_heading
        lines += [
            f"  {source.key}:",
            f"    file: {_q(source.file)}",
            f"    title: {_q(title)}  # the document's first heading: check it"
            if title
            else "    title:  # the document's title",
            "    publisher:  # who published it (Ofsted, the LGA, the board)",
            *_kind("    ", source.kind),
            "    published:  # when, as precisely as the document says (2014-05-23, 2014-05)",
            "    # covers: {from: YYYY-MM-DD, to: YYYY-MM-DD}  # the period it speaks for, if not then",
        ]
    lines += ["", "facts: {}", "", "findings: []", "", "draft:", "  facts:"]
    for fact in draft.facts:
        lines += _fact(fact, first)
    lines += ["  findings:" if draft.findings else "  findings: []"]
    for finding in draft.findings:
        lines += _finding(finding, first)
    return "\n".join(lines) + "\n"


def _kind(indent: str, kind: str | None) -> list[str]:
    if kind is not None:
        return [f"{indent}kind: {kind}"]
    return [
        f"{indent}kind:  # a source kind: inspection, peer-review, board-papers, ... (see rules/source-kinds.yaml)"
    ]


def _read_before(citation: dict[str, Any], here: str, first: dict[tuple[str, str], str]) -> str:
    """'; the same sentence as X: decide it there' where the sentence is read first elsewhere."""
    at = first.get((citation["source"], citation["quote"]))
    if at is None or at == here:
        return ""
    return f"; the same sentence as {at}: decide it there"


def _fact(fact: FactDraft, first: dict[tuple[str, str], str]) -> list[str]:
    definition = fact.definition
    lines = [f"    {fact.fact}:"]
    lines += _comment(f"Ask the {definition.ask.replace('-', ' ')}: {fact.question}", "      # ")
    lines += _comment(f"Allowed: {definition.forms()}", "      # ")
    if not fact.candidates:
        return [*lines, "      candidates: []"]
    lines.append("      candidates:")
    for candidate in fact.candidates:
        lines += _candidate(candidate, first)
    return lines


def _candidate(candidate: Candidate, first: dict[tuple[str, str], str]) -> list[str]:
    part = "in the part on the board; " if candidate.board_part else ""
    part += "a direction, ranked lower; " if candidate.direction else ""
    why = f"{candidate.rank}. score {candidate.score:g} ({part}cues: {', '.join(candidate.cues)})"
    if candidate.rank <= READ_FIRST:
        why += _read_before(
            candidate.citation, f"{candidate.fact} candidate {candidate.rank}", first
        )
    lines = _comment(why, "        # ")
    if candidate.value is None:
        lines.append("        - value:  # write it as the quote states it, or leave the fact out")
    else:
        lines.append(f"        - value: {_value(candidate.value)}  # proposed: check it")
    lines += ["          citations:", *_citation(candidate.citation, "            ")]
    return lines


def _finding(finding: FindingCandidate, first: dict[tuple[str, str], str]) -> list[str]:
    about = ", ".join(finding.about) or "board"
    lines = _comment(
        f"{finding.rank}. '{finding.cue}': the words suggest {finding.says}; about, perhaps: "
        f"{about}" + _read_before(finding.citation, f"finding {finding.rank}", first),
        "    # ",
    )
    lines += [
        "    - about:  # a requirement id (lscb rules), a list of them, or board",
        f"      says:  # {FINDING_SAYS}",
        "      citations:",
        *_citation(finding.citation, "        "),
    ]
    return lines


def _citation(citation: dict[str, Any], indent: str) -> list[str]:
    lines = [f"{indent}- source: {citation['source']}"]
    for key in ("page", "paragraph", "section", "line"):
        if key in citation:
            lines.append(f"{indent}  {key}: {_q(citation[key])}")
    lines.append(f"{indent}  quote: {_q(citation['quote'])}")
    return lines


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    return _q(value)


def _q(value: Any) -> str:
    """A YAML scalar: a number as it is, text double-quoted with JSON's escapes (YAML's)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return for_json(json.dumps(str(value), ensure_ascii=False))


def _one_line(text: str) -> str:
    return clip(for_json(" ".join(text.split())), 200)


def _comment(text: str, prefix: str) -> list[str]:
    return textwrap.wrap(
        for_json(" ".join(text.split())),
        width=WIDTH,
        initial_indent=prefix,
        subsequent_indent=prefix + "  ",
        break_on_hyphens=False,
    )


def as_json(draft: Draft) -> str:
    """The candidates as data: for tools, and for measuring (benchmarks/bench_extract.py)."""
    document = {
        "format": FORMAT,
        "board": draft.board,
        "date": draft.date.isoformat(),
        "kind": draft.kind,
        "sources": [{"key": s.key, "file": s.file, "kind": s.kind} for s in draft.sources],
        "candidates": [
            {
                "fact": c.fact,
                "rank": c.rank,
                "score": c.score,
                "cues": list(c.cues),
                "board_part": c.board_part,
                "direction": c.direction,
                "source": c.citation["source"],
                "locator": _locator(c.citation),
                "quote": c.citation["quote"],
                "value": c.value,
            }
            for fact in draft.facts
            for c in fact.candidates
        ],
        "findings": [
            {
                "rank": f.rank,
                "cue": f.cue,
                "says": f.says,
                "about": list(f.about),
                "source": f.citation["source"],
                "locator": _locator(f.citation),
                "quote": f.citation["quote"],
            }
            for f in draft.findings
        ],
    }
    return for_json(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def _locator(citation: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in citation.items() if k not in ("source", "quote")}
