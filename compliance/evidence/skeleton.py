"""`lscb init`: a commented evidence file for a chair starting a self-assessment.

Every fact a requirement in force on the date reads is listed under that requirement, with
the law, the question to answer, whom a peer team would ask and the values allowed, and a
statement ready to uncomment. Nothing is filled in: a fact the chair does not state stays
unknown, and the file assesses as it stands (every requirement not evidenced) until quotes
from the board's own papers are added.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap

from compliance.judge.law import applicability, bases_in_force
from compliance.reading.inert import clip, for_json
from compliance.rulebook import Rulebook
from compliance.values import DayRange

SOURCE_KEY = "board-papers"
SOURCE_FILE = "sources/board-papers.txt"
WIDTH = 96

# An editor with a YAML language server (VS Code's YAML extension, for one) checks the file as
# you type against the schema this line names; `lscb schema > evidence.schema.json` writes it.
SCHEMA_LINE = "# yaml-language-server: $schema=./evidence.schema.json"

HEADER = """\
{schema_line}
# Self-assessment of {board} on {date}, started with `lscb init`.
#
# For an editor that checks the file as you type: lscb schema > evidence.schema.json (beside it)
#
# For each fact below: find where the board's own papers (minutes, reports, audit records)
# say it, copy the words verbatim into `quote`, name the heading above them (`section`) or
# the paragraph number (`paragraph: 12` instead of `section`), give the value as precisely as
# the papers give it, and uncomment the statement. Leave a fact commented out where the papers
# are silent: an unknown fact is honest, a guess is not. A reviewer's conclusion ("we comply")
# is not a fact; record it under `findings:` instead (see the project README).
#
# The papers: put each document in sources/ beside this file as it is published (a PDF, a
# Word .docx, a web page saved as .html) or as plain text, and list it under `sources:` with
# its kind and date (`published: unknown` for an undated page); a PDF's page may be cited with
# `page:`. `lscb assess THIS-FILE` checks every quote against its document. For a first draft
# of the statements, with the sentences that may state each fact found for you:
#   lscb extract sources/DOCUMENT.pdf --board "..." --date YYYY-MM-DD -o draft.yaml
#
# Then: lscb assess THIS-FILE      the verdicts
#       lscb gaps THIS-FILE        what is still open, as questions by person
"""


def skeleton(rulebook: Rulebook, board: str, area: str, on: dt.date) -> str:
    day = DayRange(on, on)
    lines = [
        HEADER.format(schema_line=SCHEMA_LINE, board=clip(board, 200), date=on.isoformat()),
        "assessment:",
        f"  board: {_quoted(board)}",
        f"  area: {_quoted(area)}",
        f"  date: {on.isoformat()}",
        "  date_basis: The date of this self-assessment.",
        "  kind: self-assessment",
        f"  title: {_quoted(f'Self-assessment of {board}')}",
        "",
        "sources:",
        f"  {SOURCE_KEY}:",
        f"    file: {SOURCE_FILE}",
        "    title: Board papers (minutes, reports and audit records) used for this assessment",
        f"    publisher: {_quoted(board)}",
        "    kind: self-assessment",
        f"    published: {on.isoformat()}",
        "",
        "facts:",
    ]
    listed: set[str] = set()
    not_in_force = []
    for rid, req in rulebook.requirements.items():
        if not applicability(rulebook, rid, day).applies:
            not_in_force.append(rid)
            continue
        facts = [
            f
            for f in (*rulebook.reads(rid), *req.context)
            if f in rulebook.vocabulary and f not in listed
        ]
        if not facts:
            continue
        listed |= set(facts)
        law = "; ".join(dict.fromkeys(b.cited for b in bases_in_force(rulebook, rid, day)))
        lines += [
            "",
            *_comment(f"== {rid}: {req.title}", "  # "),
            *_comment(f"Law: {law}", "  #    "),
        ]
        for fact in facts:
            lines += _fact(rulebook, fact, req.questions.get(fact), fact in req.context)
    lines += ["", "findings: []", ""]
    if not_in_force:
        lines += _comment(f"Not in force on {on.isoformat()}: {', '.join(not_in_force)}.", "# ")
    return "\n".join(lines) + "\n"


def _fact(rulebook: Rulebook, name: str, question: str | None, context: bool) -> list[str]:
    definition = rulebook.vocabulary[name]
    who = definition.ask.replace("-", " ")
    asked = (
        f"Ask the {who}: {question}" if question else f"Ask the {who} about: {definition.meaning}"
    )
    lines = [""]
    lines += _comment(asked, "  # ")
    if context:
        note = f"(About the {definition.about}: shown beside the verdict, never deciding it.)"
        lines += _comment(note, "  # ")
    lines += _comment(f"Allowed: {definition.forms()}", "  # ")
    lines += [
        f"  # {name}:",
        "  #   value:",
        f'  #   citations: [{{source: {SOURCE_KEY}, section: "", quote: ""}}]',
    ]
    return lines


def _comment(text: str, prefix: str) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()),
        width=WIDTH,
        initial_indent=prefix,
        subsequent_indent=prefix + "  ",
        break_on_hyphens=False,
    )


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: JSON's escapes are YAML's, and nothing is left raw."""
    return for_json(json.dumps(text, ensure_ascii=False))
