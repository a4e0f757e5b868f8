"""Loading one evidence file: parsed, validated, every quote verified, statements combined.

Everything is checked before anything is judged: an unknown fact, a wrong type, a quote that
is not in its source, a statement that speaks for a date after the evidence date. All problems
in a file are reported together, each with its line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from compliance.evidence.dating import after_evidence, dating, speaker
from compliance.evidence.facts import KnownFact, StatementRecord, combine
from compliance.evidence.grades import grade_problems
from compliance.evidence.model import (
    BOARD,
    Assessment,
    Finding,
    QuotedDocument,
    SourceRef,
    reading_model,
)
from compliance.evidence.quotes import Citing, citation_problem
from compliance.evidence.sources import ReadTooMuch
from compliance.evidence.worded import propose
from compliance.reading.errors import InputError, Problem
from compliance.reading.inert import excerpt
from compliance.reading.near import nearest
from compliance.reading.validation import validate, value_problem
from compliance.reading.yamlfile import LoadedYaml, PathKey, parse_yaml, read_yaml_text
from compliance.rulebook import Rulebook
from compliance.rulebook.authority import SourceKinds
from compliance.rulebook.conditions import split
from compliance.rulebook.packs import unselected_pack_requirements
from compliance.values import DateValue, DayRange

# The key under which `lscb extract` writes what a person has still to accept.
DRAFT = "draft"


@dataclass(frozen=True)
class Evidence:
    path: Path
    assessment: Assessment
    sources: dict[str, SourceRef]
    facts: dict[str, KnownFact]
    findings: tuple[Finding, ...]

    @property
    def days(self) -> DayRange:
        return self.assessment.days


def load_evidence(path: Path, rulebook: Rulebook, source_root: Path | None = None) -> Evidence:
    """Load, validate and verify one evidence file.

    Its source documents must lie inside its own folder, or inside `source_root` if given.
    The work is the stages below, in order; each raises `InputError` with every problem it
    finds, so a file that fails early is not checked further (a quote is not searched for in
    a file that does not validate). They are separate so that each can be timed alone
    (benchmarks/bench_pipeline.py) and a validate-only floor measured."""
    text = read_stage(path)
    loaded = parse_stage(text, path)
    checked = validate_stage(loaded, rulebook)
    verify_stage(checked, rulebook, source_root)
    return combine_stage(checked, rulebook)


@dataclass
class Validated:
    """An evidence file that has passed validation, with its parts as the model gives them."""

    loaded: LoadedYaml
    model: Any
    sources: dict[str, SourceRef]
    statements: dict[str, list[Any]]
    findings: list[Finding]


def read_stage(path: Path) -> str:
    """The file's text: a regular file, of bounded size, strictly UTF-8."""
    return read_yaml_text(path)


def parse_stage(text: str, path: Path) -> LoadedYaml:
    """The parsed document with its line index; it must be a mapping."""
    loaded = parse_yaml(text, path)
    if not isinstance(loaded.data, dict):
        raise InputError.at(
            path, 1, "an evidence file is a mapping with 'assessment', 'sources' and 'facts'"
        )
    if DRAFT in loaded.data:
        # `lscb extract` proposes; only a person asserts. Nothing of a draft is judged.
        raise InputError.at(
            path,
            loaded.line_of((DRAFT,)),
            "this is a draft from `lscb extract`, not yet evidence: move each candidate you "
            "accept under `facts:` (or `findings:`), fill in the header, then delete `draft:`",
        )
    return loaded


def validate_stage(loaded: LoadedYaml, rulebook: Rulebook) -> Validated:
    """Every fact known to the vocabulary, every value of its type: the generic model, then
    each stated value parsed by its fact's definition, all problems reported together."""
    _reject_unknown_facts(loaded, rulebook)
    singles = _alias_single_statements(loaded)
    problems: list[Problem] = []
    model: Any = None
    try:
        model = validate(reading_model(rulebook), loaded, "the evidence file", _hints(rulebook))
    except InputError as exc:
        problems += exc.problems
    values = _values(loaded, rulebook, problems)
    if problems:
        raise InputError([_as_written(p, singles) for p in problems]) from None
    facts = model.facts.__pydantic_extra__
    return Validated(
        loaded=loaded,
        model=model,
        sources=dict(model.sources),
        statements={
            name: [
                entry.model_copy(update={"value": values[name, i]})
                for i, entry in enumerate(facts[name])
            ]
            for name in rulebook.vocabulary.facts
            if facts.get(name) is not None
        },
        findings=list(model.findings),
    )


def _values(
    loaded: LoadedYaml, rulebook: Rulebook, problems: list[Problem]
) -> dict[tuple[str, int], Any]:
    """Every statement's value parsed by its fact's definition, by (fact, statement index); a
    value that does not parse adds its problem, where the file states it."""
    facts = loaded.data.get("facts")
    values: dict[tuple[str, int], Any] = {}
    if not isinstance(facts, dict):
        return values
    for name, entry in facts.items():
        statements = [entry] if isinstance(entry, dict) else entry
        if not isinstance(statements, list):
            continue
        parse = rulebook.vocabulary.facts[name].parse
        for i, statement in enumerate(statements):
            if not isinstance(statement, dict) or "value" not in statement:
                continue
            try:
                values[name, i] = parse(statement["value"])
            except ValueError as exc:
                problems.append(value_problem(loaded, ("facts", name, i, "value"), exc))
    return values


def verify_stage(checked: Validated, rulebook: Rulebook, source_root: Path | None) -> None:
    """Every quote found in its source at its locator, every finding about a known
    requirement: what the file cites exists. Both kinds of problem are reported together."""
    loaded = checked.loaded
    problems = _citation_problems(
        loaded, checked.sources, checked.statements, checked.findings, source_root
    )
    problems += _finding_problems(loaded, rulebook, checked.findings)
    problems += _quoting_problems(loaded, rulebook, checked)
    problems += _contradicted_values(checked, rulebook)
    if problems:
        raise InputError(problems)


def _contradicted_values(checked: Validated, rulebook: Rulebook) -> list[Problem]:
    """A count or a date its own quote states otherwise, where the quote's words can be read
    safely (`worded`: one number before the fact's unit, one date after "in"): "0" quoting
    "includes two lay members" is an error to fix, never a verdict to judge."""
    loaded, problems = checked.loaded, []
    on = checked.model.assessment.days.latest
    for name, entries in checked.statements.items():
        definition = rulebook.vocabulary.facts[name]
        if definition.type not in ("count", "date"):
            continue
        for i, entry in enumerate(entries):
            for citation in entry.citations:
                said = propose(definition, " ".join(citation.quote.split()), on)
                # "over the last year" is read to a date the quote does not give: not compared
                read = definition.parse(said) if isinstance(said, (int, str)) else None
                if read is None or entry.value.intersect(read) is not None:
                    continue
                message = (
                    f"the value {excerpt(entry.value.describe())} contradicts its own quote, "
                    f"which states {excerpt(read.describe())} "
                    f"({excerpt(' '.join(citation.quote.split()), 100)}); write the value the quote "
                    "states, or quote the words that state yours"
                )
                problems.append(
                    Problem(loaded.path, loaded.line_of(("facts", name, i, "value")), message)
                )
                break
    return problems


def combine_stage(checked: Validated, rulebook: Rulebook) -> Evidence:
    """The statements of each fact combined into one known fact, after checking that nothing
    speaks for a date after the evidence date (which must itself have come)."""
    loaded, model, sources = checked.loaded, checked.model, checked.sources
    statements, findings, path = checked.statements, checked.findings, loaded.path
    days = model.assessment.days
    if days.earliest > dt.date.today():  # type: ignore[operator]
        line = loaded.line_of(("assessment", "date"))
        message = (
            f"the evidence date {days.describe()} is after today, {dt.date.today()}; "
            "an assessment speaks for a day that has come"
        )
        raise InputError.at(path, line, message)
    problems = _late_sources(loaded, sources, statements, findings, days)
    facts: dict[str, KnownFact] = {}
    for name, entries in statements.items():
        records = [_record(entry, sources, rulebook.source_kinds) for entry in entries]
        for i, entry in enumerate(entries):
            problems += _date_problems(loaded, name, i, entry, days)
        line = loaded.line_of(("facts", name))
        facts[name] = combine(name, records, rulebook.source_kinds, line)
    for i, finding in enumerate(findings):
        if finding.on is not None and finding.on.days.latest > days.latest:
            key = ("findings", i, "on")
            problems.append(Problem(path, loaded.line_of(key), _after(finding.on.days, days)))
    if problems:
        raise InputError(problems)
    return Evidence(path, model.assessment, sources, facts, tuple(findings))


def _hints(rulebook: Rulebook) -> dict[str, str]:
    """What to write where a key is missing, for the keys whose values are a choice."""
    return {
        "kind": "one of " + ", ".join(rulebook.source_kinds.kinds),
        "says": "met, partly-met, unmet, improvement-needed, overdue or recent",
        "about": "a requirement id, a list of them, or board",
        "citations": "a list of source, a locator (paragraph, section, page or line) and quote",
    }


def _reject_unknown_facts(loaded: LoadedYaml, rulebook: Rulebook) -> None:
    """Name the unknown fact and the nearest known one, which pydantic's message cannot."""
    facts = loaded.data.get("facts")
    if not isinstance(facts, dict):
        return
    known = list(rulebook.vocabulary.facts)
    problems = []
    unknown = [name for name in facts if name not in rulebook.vocabulary]
    for i, name in enumerate(unknown):
        near = _nearest(str(name), known, i)
        hint = f"did you mean '{near}'?" if near else "see `lscb schema` for the known facts"
        line = loaded.line_of(("facts", name))
        problems.append(Problem(loaded.path, line, f"unknown fact {excerpt(name)}; {hint}"))
    if problems:
        raise InputError(problems)


# Suggesting a name compares it with every known one; a file of thousands of unknown names
# gets suggestions for the first few, which are all a person reads.
MAX_SUGGESTIONS = 20


def _nearest(name: str, known: list[str], index: int) -> str | None:
    """The known name nearest `name`, for the first `MAX_SUGGESTIONS` unknown names only."""
    return nearest(name, known) if index < MAX_SUGGESTIONS else None


def _alias_single_statements(loaded: LoadedYaml) -> list[str]:
    """A fact written as one statement is read as a list of one: its lines answer to both."""
    facts = loaded.data.get("facts")
    if not isinstance(facts, dict):
        return []
    singles = [name for name, entry in facts.items() if isinstance(entry, dict)]
    chosen = set(singles)
    for key, line in list(loaded.lines.items()):
        if len(key) > 2 and key[0] == "facts" and key[1] in chosen:
            loaded.lines.setdefault((*key[:2], 0, *key[2:]), line)
    return singles


def _as_written(problem: Problem, singles: list[str]) -> Problem:
    """A problem in a single statement named as the file writes it (no list index)."""
    message = problem.message
    for name in singles:
        message = message.replace(f"'facts.{name}.0.", f"'facts.{name}.")
    return Problem(problem.path, problem.line, message)


def _citation_problems(
    loaded: LoadedYaml,
    sources: dict[str, SourceRef],
    statements: dict[str, list[Any]],
    findings: list[Finding],
    root: Path | None,
) -> list[Problem]:
    cited: list[tuple[PathKey, Any]] = [
        (("facts", name, i, "citations", j), citation)
        for name, entries in statements.items()
        for i, entry in enumerate(entries)
        for j, citation in enumerate(entry.citations)
    ]
    cited += [
        (("findings", i, "citations", j), citation)
        for i, finding in enumerate(findings)
        for j, citation in enumerate(finding.citations)
    ]
    problems = []
    citing = Citing(loaded.path.parent, root)
    # A cited document that cannot be read is one problem, at its `file:` line, not one per
    # quote (a source declared and never cited, as in a fresh `lscb init`, is not read).
    unreadable = set()
    for name in dict.fromkeys(citation.source for _, citation in cited):
        if name not in sources:
            continue  # an unknown source is named at each citation below
        found = citing.document(sources[name].file)
        if isinstance(found, str):
            unreadable.add(name)
            line = loaded.line_of(("sources", name, "file"))
            problems.append(Problem(loaded.path, line, f"source {excerpt(name)}: {found}"))
    for done, (key, citation) in enumerate(cited):
        if citation.source in unreadable:
            continue
        try:
            found = citation_problem(citation, sources, citing)
        except ReadTooMuch:
            message = (
                "checking this file's quotes has read their documents as often as one file's "
                f"may; {len(cited) - done} quotes from here on are not checked: fix the "
                "problems above, or split the file"
            )
            problems.append(Problem(loaded.path, loaded.line_of((*key, "quote")), message))
            break
        if found:
            message, field = found
            problems.append(Problem(loaded.path, loaded.line_of((*key, field)), message))
    return problems


def _finding_problems(
    loaded: LoadedYaml, rulebook: Rulebook, findings: list[Finding]
) -> list[Problem]:
    problems = []
    known = sorted(rulebook.requirements)
    elsewhere = unselected_pack_requirements(rulebook.location.path, rulebook.packs)
    for i, finding in enumerate(findings):
        if finding.says in RECENCY:
            problems += _recency_problems(loaded, rulebook, finding, i)
        for subject in finding.subjects:
            if subject in elsewhere:
                continue  # a pack's requirement, judged only with its pack
            if subject != BOARD and subject not in rulebook.requirements:
                near = _nearest(subject, known, len(problems))
                hint = (
                    f"did you mean '{near}'?"
                    if near
                    else f"use a requirement id (see `lscb rules`) or '{BOARD}'"
                )
                message = f"a finding about unknown requirement {excerpt(subject)}; {hint}"
                problems.append(
                    Problem(loaded.path, loaded.line_of(("findings", i, "about")), message)
                )
    return problems + grade_problems(loaded, rulebook.grade_scales, findings)


RECENCY = ("overdue", "recent")


def _recency_problems(
    loaded: LoadedYaml, rulebook: Rulebook, finding: Finding, index: int
) -> list[Problem]:
    """'overdue' and 'recent' judge how long ago something was: each subject must be a
    requirement whose cases test that (within_months or older_than_months)."""
    untimed = []
    for subject in finding.subjects:
        requirement = rulebook.requirements.get(subject)
        if subject == BOARD:
            untimed.append(BOARD)
        elif requirement is not None and not any(
            split(condition)[0] in ("within_months", "older_than_months")
            for cases in (requirement.outcomes or {}).values()
            for case in cases
            for condition in case.when.values()
        ):
            untimed.append(subject)
    if not untimed:
        return []
    message = (
        f"'{finding.says}' judges how recently something was done, but {', '.join(untimed)} "
        "tests no date's age; say met, partly-met, unmet or improvement-needed, or name a "
        "requirement with a cycle (such as section-11-audits)"
    )
    return [Problem(loaded.path, loaded.line_of(("findings", index, "says")), message)]


def _record(entry: Any, sources: dict[str, SourceRef], kinds: SourceKinds) -> StatementRecord:
    """A validated statement with the date it holds for (or why it is undated) and the
    weakest kind of document whose words it rests on (a quoted document's, when quoted)."""
    when = dating(entry.holds_for, entry.citations, sources)
    return StatementRecord(
        value=entry.value,
        citations=tuple(entry.citations),
        note=entry.note,
        holds_for=when.days,
        holds_for_text=when.text,
        kind=max((speaker(c, sources).kind for c in entry.citations), key=kinds.rank),
        undated=when.undated,
    )


def _date_problems(
    loaded: LoadedYaml, name: str, index: int, entry: Any, days: DayRange
) -> list[Problem]:
    """A statement whose value, or the date it says it holds for, is after the evidence date."""
    problems = []
    value = entry.value
    earliest = value.days.earliest if isinstance(value, DateValue) and value.days else None
    if earliest is not None and earliest > days.latest:  # type: ignore[operator]
        line = loaded.line_of(("facts", name, index, "value"))
        message = (
            f"'{name}' is {value.text}, after the evidence date {days.describe()}; "
            "an observation cannot be of the future"
        )
        problems.append(Problem(loaded.path, line, message))
    if entry.holds_for is not None and entry.holds_for.days.latest > days.latest:
        line = loaded.line_of(("facts", name, index, "holds_for"))
        problems.append(Problem(loaded.path, line, _after(entry.holds_for.days, days)))
    return problems


def _late_sources(
    loaded: LoadedYaml,
    sources: dict[str, SourceRef],
    statements: dict[str, list[Any]],
    findings: list[Finding],
    days: DayRange,
) -> list[Problem]:
    """Documents that speak for a later date than the evidence, relied on without a date:
    a source (or a document a quote quotes) whose dates certainly run past the evidence date."""
    cited: list[tuple[PathKey, Any]] = [
        (("facts", name, i, "citations", j), c)
        for name, entries in statements.items()
        for i, e in enumerate(entries)
        if e.holds_for is None
        for j, c in enumerate(e.citations)
    ]
    cited += [
        (("findings", i, "citations", j), c)
        for i, f in enumerate(findings)
        if f.on is None
        for j, c in enumerate(f.citations)
    ]
    late: dict[PathKey, tuple[str, Any]] = {}
    for key, citation in cited:
        document = speaker(citation, sources)
        if isinstance(document, QuotedDocument):
            late.setdefault((*key, "quoting"), ("the quoted document", document))
        else:
            name = citation.quoting if citation.quoting is not None else citation.source
            late.setdefault(("sources", name), (f"source '{name}'", document))
    problems = []
    for where, (what, document) in sorted(late.items(), key=lambda kv: str(kv[0])):
        when = document.speaks_for.days
        if not after_evidence(when, days):
            continue
        basis = "what it covers" if document.covers else "its publication date"
        problems.append(
            Problem(
                loaded.path,
                loaded.line_of(where),
                f"{what} speaks for {when.describe()} ({basis}), after the evidence "
                f"date {days.describe()}; give it 'covers:' with the dates it speaks for, "
                "or give each statement that cites it 'holds_for:'",
            )
        )
    return problems


def _quoting_problems(loaded: LoadedYaml, rulebook: Rulebook, checked: Validated) -> list[Problem]:
    """A quote's `quoting:` names another declared source, or describes a document of a
    known kind."""
    cited: list[tuple[PathKey, Any]] = [
        (("facts", name, i, "citations", j), c)
        for name, entries in checked.statements.items()
        for i, e in enumerate(entries)
        for j, c in enumerate(e.citations)
    ]
    cited += [
        (("findings", i, "citations", j), c)
        for i, f in enumerate(checked.findings)
        for j, c in enumerate(f.citations)
    ]
    problems = []
    kinds = rulebook.source_kinds.kinds
    for key, citation in cited:
        quoted, message = citation.quoting, None
        if quoted is None:
            continue
        if isinstance(quoted, QuotedDocument):
            if quoted.kind not in kinds:
                message = (
                    f"the quoted document's kind {excerpt(quoted.kind)} is not a source kind; "
                    f"use one of {', '.join(kinds)}"
                )
        elif quoted == citation.source:
            message = "a source does not quote itself; leave 'quoting' out"
        elif quoted not in checked.sources:
            message = (
                f"'quoting' names {excerpt(quoted)}, which is not a key of 'sources'; name a "
                "declared source, or describe the quoted document with title, publisher, kind "
                "and published"
            )
        if message:
            problems.append(Problem(loaded.path, loaded.line_of((*key, "quoting")), message))
    return problems


def _after(holds: DayRange, days: DayRange) -> str:
    return (
        f"this says it holds for {holds.describe()}, which ends after the evidence date "
        f"{days.describe()}; an observation cannot be of the future"
    )
