"""Cross-checks of one requirement against the register, the vocabulary and itself.

Everything a rule refers to (facts, editions, parameters, templates, examples) is checked when
the rulebook loads, so a mistake is reported with its file and line instead of surfacing as a
wrong verdict. Each check returns (path in the file, message) pairs; the loader adds the line.
"""

from __future__ import annotations

import string

from compliance.reading.yamlfile import PathKey
from compliance.rulebook.book import window_date
from compliance.rulebook.conditions import check_condition
from compliance.rulebook.instruments import (
    FORCE_ORDER,
    LSCB_END,
    VERIFICATION_ORDER,
    Register,
    strongest_force,
)
from compliance.rulebook.requirement import MAX_CASES_PER_REQUIREMENT, LegalBasis, Requirement
from compliance.rulebook.vocabulary import Vocabulary

Found = list[tuple[PathKey, str]]


def check_requirement(
    req: Requirement, stem: str, register: Register, vocabulary: Vocabulary, known: set[str]
) -> Found:
    found: Found = []
    if stem != req.id:
        found.append((("id",), f"the file must be named after its id: {req.id}.yaml"))
    found += check_law(req, register)
    found += _check_parts(req, known)
    found += _check_cases(req, vocabulary)
    found += _check_context(req, vocabulary)
    found += _check_questions(req, vocabulary)
    found += _check_examples(req, vocabulary)
    return found


def check_law(req: Requirement, register: Register) -> Found:
    found: Found = []
    editions = register.edition_ids()
    for key in ("from_", "certain_from", "until"):
        value = getattr(req.in_force, key)
        if value is None or (key == "until" and value == LSCB_END):
            continue
        try:
            window_date(value, editions, register)
        except ValueError:
            found.append(
                (
                    ("in_force", key.rstrip("_")),
                    f"'{value}' is neither an edition id nor a date (YYYY-MM-DD); "
                    f"editions: {', '.join(sorted(editions))}",
                )
            )
    if not any(basis.decides for basis in req.legal_basis):
        found.append((("legal_basis",), "at least one basis must decide (not 'decides: false')"))
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
        own = [e.id for e in instrument.editions]
        bad = [e for e in basis.editions or [] if e not in own]
        found += [
            (("legal_basis", i, "editions"), f"'{e}' is not an edition of {basis.instrument}")
            for e in bad
        ]
        if not bad:
            found += [
                (("legal_basis", i, *key), message)
                for key, message in certainty_problems(basis, basis.editions or own, register)
            ]
    return found


def certainty_problems(
    basis: LegalBasis, editions: list[str], register: Register
) -> list[tuple[PathKey, str]]:
    """Why an entry claims more certainty than its source supports (empty if it does not).

    A source verifies wording for one edition. An entry that covers another edition (one that
    does not merely apply the verified edition's text) is at most partly verified (P).
    """
    claimed = basis.verification
    if claimed == "U":
        return []
    source = basis.source
    if source is None:
        return [(("verification",), f"{claimed} needs a 'source' that verifies it; or mark it U")]
    if source.reproduces not in register.edition_ids():
        return [(("source", "reproduces"), f"unknown edition '{source.reproduces}'")]
    supported = source.verification
    uncovered = [
        e
        for e in editions
        if e != source.reproduces and register.edition(e).applies != source.reproduces
    ]
    if uncovered and VERIFICATION_ORDER.index(supported) < VERIFICATION_ORDER.index("P"):
        supported = "P"
    if VERIFICATION_ORDER.index(claimed) < VERIFICATION_ORDER.index(supported):
        why = (
            f"its wording is verified for {source.reproduces} only, not {', '.join(uncovered)}"
            if uncovered
            else f"its source is {source.verification}"
        )
        return [(("verification",), f"claims {claimed} but {why}; mark it {supported}")]
    return []


def _check_parts(req: Requirement, known: set[str]) -> Found:
    return [
        (("parts", i), f"unknown part '{part}'; parts are requirement ids")
        for i, part in enumerate(req.parts or [])
        if part not in known or part == req.id
    ]


def _check_cases(req: Requirement, vocabulary: Vocabulary) -> Found:
    found: Found = []
    parameters = req.parameter_values()
    cases = [(o, j, c) for o, listed in (req.outcomes or {}).items() for j, c in enumerate(listed)]
    if len(cases) > MAX_CASES_PER_REQUIREMENT:
        found.append(
            (("outcomes",), f"{len(cases)} cases; at most {MAX_CASES_PER_REQUIREMENT} are allowed")
        )
    forces = {b.force for b in req.legal_basis if b.decides}
    forces |= {p.force for p in req.parameters.values()}
    for outcome, j, case in cases:
        where = ("outcomes", outcome, j)
        for fact, condition in case.when.items():
            if fact not in vocabulary:
                why: str | None = f"unknown fact '{fact}'; declare it in rules/facts/"
            elif vocabulary[fact].about != "board":
                why = (
                    f"'{fact}' is about the {vocabulary[fact].about}, not the board; a case "
                    "reads only facts about the board (list it under 'context' to show it)"
                )
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
        if case.force is not None and forces and stronger(case.force, strongest_force(*forces)):
            found.append(
                (
                    (*where, "force"),
                    f"force '{case.force}' is stronger than any of this requirement's bases "
                    f"or parameters ({', '.join(sorted(forces))})",
                )
            )
    return found


def _check_context(req: Requirement, vocabulary: Vocabulary) -> Found:
    return [
        (("context", i), f"unknown fact '{fact}' in context")
        for i, fact in enumerate(req.context)
        if fact not in vocabulary
    ]


def _check_questions(req: Requirement, vocabulary: Vocabulary) -> Found:
    read = {f for cases in (req.outcomes or {}).values() for c in cases for f in c.when}
    known = {f for f in read if f in vocabulary}
    return [
        (("questions",), f"add a question for '{fact}' (asked when it is not evidenced)")
        for fact in sorted(known - set(req.questions))
    ] + [
        (("questions", fact), f"'{fact}' is not read by any case; remove its question")
        for fact in sorted(set(req.questions) - read)
    ]


def _check_examples(req: Requirement, vocabulary: Vocabulary) -> Found:
    found: Found = []
    read = {f for cases in (req.outcomes or {}).values() for c in cases for f in c.when}
    read |= set(req.parts or [])
    for i, example in enumerate(req.examples):
        found += [
            (("examples", i, "missing"), f"'{name}' is not read by this requirement")
            for name in example.missing or []
            if name not in read
        ]
        if example.decided_by_part is not None and example.decided_by_part not in (req.parts or []):
            found.append(
                (("examples", i, "decided_by_part"), f"'{example.decided_by_part}' is not a part")
            )
        for fact, value in example.facts.items():
            key = ("examples", i, "facts", fact)
            if fact not in vocabulary:
                found.append((key, f"unknown fact '{fact}' in the example"))
                continue
            try:
                vocabulary[fact].parse(value)
            except ValueError as exc:
                found.append((key, f"'{fact}': {exc}"))
        found += [
            (("examples", i, "parameters"), f"unknown parameter '{name}'")
            for name in sorted(set(example.parameters) - set(req.parameters))
        ]
    return found


def stronger(force: str, than: str) -> bool:
    """Whether `force` binds more than `than` (see FORCE_ORDER)."""
    return FORCE_ORDER.index(force) < FORCE_ORDER.index(than)  # type: ignore[arg-type]


def _placeholders(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]
