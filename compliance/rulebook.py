"""The rulebook: instruments, fact vocabulary and one YAML file per requirement.

Loading cross-checks everything a rule refers to (facts, editions, parameters, templates,
examples) so that a mistake in the rules is reported with its file and line at load time,
never discovered as a wrong verdict later.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter, ValidationError

from compliance.conditions import Condition, check_condition
from compliance.dates import PartialDate
from compliance.errors import InputError, Problem
from compliance.instruments import LSCB_END, Force, Register, Verification, load_register
from compliance.validation import Strict, validate
from compliance.vocabulary import Vocabulary, load_vocabulary
from compliance.yamlsource import LoadedYaml, PathKey, load_yaml

Outcome = Literal["met", "partly-met", "unmet"]
VerdictName = Literal["met", "partly-met", "unmet", "not-evidenced", "not-applicable"]
REQUIREMENT_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# durable_rules hangs compiling more than 512 sibling tests under one node (see engine notes);
# one requirement never needs more than a handful of cases.
MAX_CASES_PER_REQUIREMENT = 24


class Window(Strict):
    from_: dt.date | str = Field(alias="from")
    certain_from: dt.date | str | None = None
    until: dt.date | Literal["lscb-end"]
    note: str | None = None


class LegalBasis(Strict):
    instrument: str
    editions: list[str] | None = None
    provision: str
    force: Force
    verification: Verification
    text: str | None = None
    text_source: str | None = None
    note: str | None = None


class Parameter(Strict):
    value: Annotated[int, Field(gt=0)]
    unit: str
    force: Force
    meaning: str


class Case(Strict):
    when: Annotated[dict[str, Condition], Field(min_length=1)]
    reason: str


class Example(Strict):
    name: str
    date: dt.date
    facts: dict[str, Any]
    expect: VerdictName
    parameters: dict[str, int] = Field(default_factory=dict)


class Requirement(Strict):
    id: Annotated[str, Field(pattern=REQUIREMENT_ID)]
    title: str
    summary: str
    in_force: Window
    legal_basis: Annotated[list[LegalBasis], Field(min_length=1)]
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    outcomes: dict[Outcome, Annotated[list[Case], Field(min_length=1)]]
    questions: dict[str, str]
    examples: Annotated[list[Example], Field(min_length=1)]

    @property
    def reads(self) -> list[str]:
        """Every fact any case of this requirement tests, in first-use order."""
        seen: dict[str, None] = {}
        for cases in self.outcomes.values():
            for case in cases:
                seen.update(dict.fromkeys(case.when))
        return list(seen)

    def parameter_values(self, overrides: dict[str, int] | None = None) -> dict[str, int]:
        values = {name: p.value for name, p in self.parameters.items()}
        values.update(overrides or {})
        return values


@dataclass(frozen=True)
class Rulebook:
    """Everything needed to judge evidence: validated and cross-checked."""

    root: Path
    register: Register
    vocabulary: Vocabulary
    requirements: dict[str, Requirement]
    sources: dict[str, Path]

    def window(self, requirement: Requirement) -> tuple[dt.date, dt.date | None, dt.date]:
        """(earliest start, date from which certainly in force or None, latest end)."""
        window = requirement.in_force
        start = self._date(window.from_)
        certain = self._date(window.certain_from) if window.certain_from else None
        end = self.register.lscb_end.latest if window.until == LSCB_END else window.until
        return start, certain, end  # type: ignore[return-value]

    def _date(self, value: dt.date | str) -> dt.date:
        return value if isinstance(value, dt.date) else self.register.start(value)


def load_rulebook(root: Path) -> Rulebook:
    """Load `root/instruments.yaml`, `root/facts.yaml` and `root/requirements/*.yaml`."""
    if not root.is_dir():
        raise InputError.at(root, None, "rulebook folder not found; pass --rules DIR")
    register = load_register(root / "instruments.yaml")
    vocabulary = load_vocabulary(root / "facts.yaml")
    files = sorted((root / "requirements").glob("*.yaml"))
    if not files:
        raise InputError.at(root / "requirements", None, "no requirement files (*.yaml) found")
    problems: list[Problem] = []
    requirements: dict[str, Requirement] = {}
    sources: dict[str, Path] = {}
    for path in files:
        try:
            loaded = load_yaml(path)
            requirement = validate(Requirement, loaded, "the requirement")
            problems += _cross_check(requirement, loaded, register, vocabulary)
        except InputError as exc:
            problems += exc.problems
            continue
        if requirement.id in requirements:
            problems.append(
                Problem(
                    path,
                    loaded.line_of(("id",)),
                    f"requirement id '{requirement.id}' is used twice",
                )
            )
        requirements[requirement.id] = requirement
        sources[requirement.id] = path
    if problems:
        raise InputError(problems)
    return Rulebook(root, register, vocabulary, requirements, sources)


def _cross_check(
    req: Requirement, loaded: LoadedYaml, register: Register, vocabulary: Vocabulary
) -> list[Problem]:
    """Every reference the requirement makes, checked; each problem located in its file."""
    found: list[tuple[PathKey, str]] = []
    if loaded.path.stem != req.id:
        found.append((("id",), f"the file must be named after its id: {req.id}.yaml"))
    found += _check_law(req, register)
    found += _check_cases(req, vocabulary)
    found += _check_questions(req, vocabulary)
    found += _check_examples(req, vocabulary)
    return [Problem(loaded.path, loaded.line_of(key), message) for key, message in found]


def _check_law(req: Requirement, register: Register) -> list[tuple[PathKey, str]]:
    found: list[tuple[PathKey, str]] = []
    editions = register.edition_ids()
    for key in ("from_", "certain_from"):
        value = getattr(req.in_force, key)
        if isinstance(value, str) and value not in editions:
            found.append((("in_force", key.rstrip("_")), f"unknown edition '{value}' in in_force"))
    for i, basis in enumerate(req.legal_basis):
        instrument = register.instruments.get(basis.instrument)
        if instrument is None:
            known = ", ".join(register.instruments)
            found.append(
                (
                    ("legal_basis", i, "instrument"),
                    f"unknown instrument '{basis.instrument}'; known: {known}",
                )
            )
            continue
        own = {e.id for e in instrument.editions}
        found += [
            (("legal_basis", i, "editions"), f"'{edition}' is not an edition of {basis.instrument}")
            for edition in basis.editions or []
            if edition not in own
        ]
    return found


def _check_cases(req: Requirement, vocabulary: Vocabulary) -> list[tuple[PathKey, str]]:
    found: list[tuple[PathKey, str]] = []
    parameters = req.parameter_values()
    cases = [(o, j, case) for o, listed in req.outcomes.items() for j, case in enumerate(listed)]
    if len(cases) > MAX_CASES_PER_REQUIREMENT:
        found.append(
            (("outcomes",), f"{len(cases)} cases; at most {MAX_CASES_PER_REQUIREMENT} are allowed")
        )
    for outcome, j, case in cases:
        where = ("outcomes", outcome, j)
        for fact, condition in case.when.items():
            if fact not in vocabulary:
                why: str | None = f"unknown fact '{fact}'; declare it in facts.yaml"
            else:
                why = check_condition(fact, vocabulary[fact], condition, parameters)
            if why:
                found.append(((*where, "when", fact), why))
        dates = {
            f"{f}_months_ago" for f in case.when if f in vocabulary and vocabulary[f].type == "date"
        }
        allowed = set(parameters) | set(case.when) | dates
        found += [
            ((*where, "reason"), f"the reason uses {{{name}}}, which this case does not know")
            for name in _placeholders(case.reason)
            if name not in allowed
        ]
    return found


def _check_questions(req: Requirement, vocabulary: Vocabulary) -> list[tuple[PathKey, str]]:
    known = {f for f in req.reads if f in vocabulary}
    return [
        (("questions",), f"add a question for '{fact}' (asked when it is not evidenced)")
        for fact in sorted(known - set(req.questions))
    ] + [
        (("questions", fact), f"'{fact}' is not read by any case; remove its question")
        for fact in sorted(set(req.questions) - set(req.reads))
    ]


def _check_examples(req: Requirement, vocabulary: Vocabulary) -> list[tuple[PathKey, str]]:
    found: list[tuple[PathKey, str]] = []
    for i, example in enumerate(req.examples):
        for fact, value in example.facts.items():
            key = ("examples", i, "facts", fact)
            if fact not in vocabulary:
                found.append((key, f"unknown fact '{fact}' in the example"))
                continue
            try:
                TypeAdapter(vocabulary[fact].value_type()).validate_python(value)
            except ValidationError:
                found.append(
                    (key, f"'{fact}' must be {vocabulary[fact].describe()}, got {value!r}")
                )
        found += [
            (("examples", i, "parameters"), f"unknown parameter '{name}'")
            for name in sorted(set(example.parameters) - set(req.parameters))
        ]
    return found


def _placeholders(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def example_facts(rulebook: Rulebook, example: Example) -> dict[str, Any]:
    """An example's facts with their declared types (dates as `PartialDate`)."""
    return {
        fact: PartialDate.parse(value) if rulebook.vocabulary[fact].type == "date" else value
        for fact, value in example.facts.items()
    }
