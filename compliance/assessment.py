"""From facts and a date to one verdict per requirement.

The order of decisions is fixed and visible: a requirement not in force on the date is
not-applicable; otherwise durable_rules finds which cases the facts satisfy; exactly one
outcome must result, none means a fact the rule needs is missing (not-evidenced, with the
question to ask), and more than one means the rulebook is defective, which stops the run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from compliance.dates import PartialDate, months_before
from compliance.engine import Engine, Firing
from compliance.errors import RulebookDefect
from compliance.evidence import Evidence
from compliance.rulebook import Requirement, Rulebook
from compliance.verdicts import AssessmentResult, Basis, UsedFact, Verdict

Overrides = Mapping[str, Mapping[str, int]]


@dataclass(frozen=True)
class Applicability:
    applies: bool
    reason: str = ""
    caveats: tuple[str, ...] = ()


class Assessor:
    """Judges evidence against a rulebook; one compiled engine per set of parameters."""

    def __init__(self, rulebook: Rulebook, overrides: Overrides | None = None) -> None:
        self.rulebook = rulebook
        self.engine = Engine(rulebook, overrides)

    def assess(self, evidence: Evidence) -> AssessmentResult:
        verdicts = self.judge(evidence.values(), evidence.date, evidence.facts)
        used_anywhere = self.engine.reads | {self.rulebook.register.lscb_end.local_fact}
        unused = tuple(sorted(set(evidence.facts) - used_anywhere))
        return AssessmentResult(
            evidence.path, evidence.assessment, verdicts, evidence.sources, unused
        )

    def judge(
        self, values: Mapping[str, Any], as_of: dt.date, cited: Mapping[str, Any] | None = None
    ) -> tuple[Verdict, ...]:
        """One verdict per requirement, in id order, for plain fact values on a date."""
        firings: dict[str, list[Firing]] = {rid: [] for rid in self.rulebook.requirements}
        for firing in self.engine.evaluate(values, as_of):
            firings[firing.rule.requirement].append(firing)
        return tuple(
            self._verdict(self.rulebook.requirements[rid], values, as_of, firings[rid], cited or {})
            for rid in sorted(self.rulebook.requirements)
        )

    def _verdict(
        self,
        req: Requirement,
        values: Mapping[str, Any],
        as_of: dt.date,
        firings: list[Firing],
        cited: Mapping[str, Any],
    ) -> Verdict:
        basis = bases_in_force(self.rulebook, req, as_of)
        params = self.engine.parameters(req.id)
        common = {"requirement": req.id, "title": req.title, "basis": basis, "parameters": params}
        applicability = applicable(self.rulebook, req, as_of, values)
        if not applicability.applies:
            return Verdict(verdict="not-applicable", reason=applicability.reason, **common)
        caveats = applicability.caveats + edition_caveats(self.rulebook, basis, as_of)
        outcomes = sorted({f.rule.outcome for f in firings})
        if len(outcomes) > 1:
            raise RulebookDefect(
                f"{req.id}: the facts {dict(values)} satisfy both '{outcomes[0]}' and "
                f"'{outcomes[1]}'; make the cases in {req.id}.yaml exclude each other"
            )
        if not firings:
            return self._not_evidenced(req, values, cited, caveats, common)
        firing = min(firings, key=lambda f: f.rule.case)
        case = req.outcomes[firing.rule.outcome][firing.rule.case]
        return Verdict(
            verdict=firing.rule.outcome,
            reason=_fill(case.reason, values, as_of, params),
            facts=_used(firing.facts, values, cited),
            caveats=caveats,
            case=firing.rule.name,
            **common,
        )

    def _not_evidenced(
        self,
        req: Requirement,
        values: Mapping[str, Any],
        cited: Mapping[str, Any],
        caveats: tuple[str, ...],
        common: dict[str, Any],
    ) -> Verdict:
        missing = tuple(f for f in req.reads if f not in values)
        if not missing:
            raise RulebookDefect(
                f"{req.id}: no case covers the facts {dict(values)}; add a case to {req.id}.yaml"
            )
        present = [f for f in req.reads if f in values]
        if present:
            reason = f"The evidence does not say {_listed(missing)}, which the decision needs."
        else:
            reason = f"The evidence states none of the facts this requirement reads ({_listed(missing)})."
        return Verdict(
            verdict="not-evidenced",
            reason=reason,
            facts=_used(present, values, cited),
            missing=missing,
            questions=tuple(req.questions[f] for f in missing),
            caveats=caveats,
            **common,
        )


def applicable(
    rulebook: Rulebook, req: Requirement, as_of: dt.date, values: Mapping[str, Any]
) -> Applicability:
    """Whether a requirement was in force for this board on this date."""
    start, certain, end = rulebook.window(req)
    if as_of < start:
        return Applicability(False, f"Not yet in force on {as_of}: it applies from {start}.")
    if as_of > end:
        return Applicability(
            False, f"No longer in force on {as_of}: LSCB duties ended by {end} at the latest."
        )
    caveats: list[str] = []
    if certain and as_of < certain:
        caveats.append(
            f"Its commencement is unverified: it was possibly in force from {start} and "
            f"certainly from {certain}."
        )
    event = rulebook.register.lscb_end
    replaced = values.get(event.local_fact or "")
    if req.in_force.until == "lscb-end" and isinstance(replaced, PartialDate):
        if as_of >= replaced.latest:
            return Applicability(
                False, f"The LSCB was replaced by safeguarding partners ({replaced}) by {as_of}."
            )
        if as_of >= replaced.earliest:
            caveats.append(
                f"The LSCB may already have been replaced by safeguarding partners ({replaced})."
            )
    return Applicability(True, caveats=tuple(caveats))


def bases_in_force(rulebook: Rulebook, req: Requirement, as_of: dt.date) -> tuple[Basis, ...]:
    """The provisions of the requirement's legal basis in force on the date, with editions."""
    found = []
    for item in req.legal_basis:
        edition = rulebook.register.edition_in_force(item.instrument, as_of)
        if edition is None or (item.editions is not None and edition.id not in item.editions):
            continue
        found.append(
            Basis(
                instrument=item.instrument,
                edition=edition.short,
                edition_title=edition.title,
                provision=item.provision,
                force=item.force,
                verification=item.verification,
                text=item.text,
                text_source=item.text_source,
                note=item.note,
            )
        )
    return tuple(found)


def edition_caveats(rulebook: Rulebook, basis: Iterable[Basis], as_of: dt.date) -> tuple[str, ...]:
    """Caveats for editions whose uncertain start could put the date on either side of it."""
    caveats = []
    for item in basis:
        instrument = rulebook.register.instruments[item.instrument]
        edition = next(e for e in instrument.editions if e.short == item.edition)
        if edition.certainty == "uncertain" and as_of <= edition.from_.latest:
            caveats.append(f"The start of {edition.short} is uncertain: {edition.source}")
    return tuple(dict.fromkeys(caveats))


def display(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _fill(template: str, values: Mapping[str, Any], as_of: dt.date, params: dict[str, int]) -> str:
    fields: dict[str, Any] = {name: display(v) for name, v in values.items()}
    fields.update(
        {
            f"{n}_months_ago": _months(months_before(v, as_of))
            for n, v in values.items()
            if isinstance(v, PartialDate)
        }
    )
    fields.update(params)
    return " ".join(template.format_map(fields).split())


def _used(
    names: Iterable[str], values: Mapping[str, Any], cited: Mapping[str, Any]
) -> tuple[UsedFact, ...]:
    used = []
    for name in names:
        fact = cited.get(name)
        citations = fact.citations if fact is not None else ()
        note = fact.note if fact is not None else None
        used.append(UsedFact(name, values[name], citations, note))
    return tuple(used)


def _months(count: int) -> str:
    if count < 1:
        return "less than a month"
    return "1 month" if count == 1 else f"{count} months"


def _listed(names: Iterable[str]) -> str:
    return ", ".join(names)
