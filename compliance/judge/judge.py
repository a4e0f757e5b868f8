"""From evidence to one verdict per requirement, evaluated by durable_rules in layers.

The order of decisions is fixed and visible. A requirement not in force on the evidence date
is not-applicable. Otherwise the engine finds which of its cases the evidence leaves possible
(a fact not stated is every value it could have); the verdict follows from those (see
`select`). Requirements are judged layer by layer: once the parts of a composite are judged,
their verdicts are asserted back into the same engine state as facts, and the composite's
cases fire on them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from compliance.engine import CoreRuleset, EngineFact, compile_rulebook
from compliance.engine.encoding import properties
from compliance.evidence import Evidence, KnownFact
from compliance.evidence.model import BOARD
from compliance.judge import force, select
from compliance.judge.law import (
    LawSignature,
    applicability,
    bases_in_force,
    edition_caveats,
    law_signature,
)
from compliance.judge.plan import plan_requirements
from compliance.judge.presentation import assessment, fact_trace, finding_trace, source_info
from compliance.judge.trace import Shared, trace_cases
from compliance.result import run as result
from compliance.result.run import (
    Basis,
    FactTrace,
    FindingTrace,
    PartTrace,
    Question,
    Verdict,
)
from compliance.rulebook import BoundRulebook
from compliance.rulebook.conditions import ChoiceSpan, Span, age_words, compared, span_of
from compliance.rulebook.requirement import RuleCase
from compliance.values import DateValue, DayRange

_Law = tuple[tuple[Basis, ...], tuple[str, ...]]
_MAX_LAWS = 16384


class Judge:
    """The thing that judges: a bound rulebook, compiled once into one durable_rules ruleset.

    `assess` judges a loaded evidence file into a `Result`; `verdicts` judges known facts on
    dates (what worked examples and tests use).
    """

    def __init__(self, bound: BoundRulebook, *, findings_decide: bool = True) -> None:
        self.bound = bound
        self.rulebook = bound.rulebook
        self.compiled = compile_rulebook(bound)
        self.host = CoreRuleset(self.compiled)
        self._kinds = self.rulebook.source_kinds if findings_decide else None
        # What a verdict takes from the rulebook alone is worked out here, once.
        self._plans = plan_requirements(bound)
        self._facts_used = frozenset(self.rulebook.facts_used())
        # A fact's message depends only on its definition and span, and an unstated fact's
        # span and words only on the dates: both recur across boards, so both are cached.
        self._message = functools.lru_cache(maxsize=8192)(self._encode)
        self._unstated = functools.lru_cache(maxsize=8192)(self._unknown)
        # The law in force is the same for all dates with the same editions in force (see
        # `law_signature`): worked out once per requirement and signature, not per date.
        self._signature = functools.lru_cache(maxsize=4096)(
            functools.partial(law_signature, self.rulebook)
        )
        self._laws: dict[tuple[str, LawSignature], _Law] = {}
        # Equal traces and questions, one object each, shared by every result (see trace.py).
        self._shared: Shared = {}

    def _law_on(self, rid: str, days: DayRange) -> _Law:
        """The legal basis in force on the dates, and the editions' caveats."""
        key = (rid, self._signature(days))
        law = self._laws.get(key)
        if law is None:
            if len(self._laws) >= _MAX_LAWS:  # bounded, as dates that split editions vary
                self._laws.clear()
            law = (
                bases_in_force(self.rulebook, rid, days),
                edition_caveats(self.rulebook, rid, days),
            )
            self._laws[key] = law
        return law

    def _encode(self, name: str, span: Span) -> EngineFact:
        """The engine's fact for a fact (or part) allowing `span`."""
        return EngineFact.of({"name": name, **properties(self.rulebook.definition(name), span)})

    def _unknown(self, name: str, days: DayRange) -> tuple[Span, str]:
        """The span and words of a fact the evidence does not state."""
        value = self.rulebook.vocabulary[name].unknown()
        return span_of(value, days), compared(value, days)

    def assess(self, evidence: Evidence) -> result.Result:
        sources = evidence.sources
        traces = {
            name: fact_trace(self.rulebook, fact, sources, evidence.days)
            for name, fact in evidence.facts.items()
        }
        scales = self.rulebook.grade_scales
        findings = [(f.subjects, finding_trace(f, sources, scales)) for f in evidence.findings]
        # A fact stated only undated is shown (its trace) but judged as not stated.
        dated = {name: fact for name, fact in evidence.facts.items() if not fact.undated}
        return result.Result(
            path=evidence.path,
            assessment=assessment(evidence.assessment),
            sources=tuple(source_info(key, ref) for key, ref in sorted(sources.items())),
            findings=tuple(f for subjects, f in findings if BOARD in subjects),
            verdicts=self.verdicts(
                dated, evidence.days, findings, traces, evidence.assessment.area
            ),
            unused_facts=tuple(sorted(set(evidence.facts) - self._facts_used)),
            authority=self.rulebook.source_kinds.order,
        )

    def verdicts(
        self,
        facts: Mapping[str, KnownFact],
        days: DayRange,
        findings: Sequence[tuple[list[str], FindingTrace]] = (),
        traces: Mapping[str, FactTrace] | None = None,
        area: str | None = None,
    ) -> tuple[Verdict, ...]:
        """One verdict per requirement, in id order, for known facts on the evidence dates
        (`area`, when known, limits a recommendation pack to the area it addresses)."""
        vocabulary = self.rulebook.vocabulary
        if traces is None:
            traces = {
                name: FactTrace(name, vocabulary[name].about, fact.value.describe())
                for name, fact in facts.items()
            }
        ev = _Evaluation(facts, days, findings, traces)
        ev.switch = facts.get(self.rulebook.register.lscb_end.local_fact)
        ev.area = area
        for name in self.compiled.facts:
            if name in facts:
                value = facts[name].value
                ev.spans[name], ev.shown[name] = span_of(value, days), compared(value, days)
            else:
                ev.spans[name], ev.shown[name] = self._unstated(name, days)
                ev.missing.add(name)
        with self.host.session() as session:
            for depth, layer in enumerate(self.rulebook.layers):
                names = list(self.compiled.facts) if depth == 0 else self._parts_of(layer, ev)
                messages = (self._message(n, ev.spans[n]) for n in names)
                fired = set(session.assert_facts(messages))
                for rid in layer:
                    ev.verdicts[rid] = self._verdict(rid, ev, fired)
        return tuple(ev.verdicts[rid] for rid in sorted(ev.verdicts))

    def _parts_of(self, layer: tuple[str, ...], ev: _Evaluation) -> list[str]:
        """The parts a layer of composites reads, as facts: the verdicts they still allow."""
        parts = list(dict.fromkeys(p for rid in layer for p in self._plans[rid].reads))
        for part in parts:
            ev.spans[part] = ChoiceSpan(frozenset(_open(ev.verdicts[part])))
            ev.shown[part] = _shown(ev.verdicts[part])
        return parts

    def _verdict(self, rid: str, ev: _Evaluation, fired: set[str]) -> Verdict:
        rulebook = self.rulebook
        plan = self._plans[rid]
        app = applicability(rulebook, rid, ev.days, ev.switch, ev.area)
        about = [f for subjects, f in ev.findings if rid in subjects]
        basis, edition_notes = self._law_on(rid, ev.days)
        common: dict[str, Any] = {
            "requirement": rid,
            "title": plan.title,
            "summary": plan.summary,
            "window": plan.window,
            "pack": plan.pack,
            "standing": plan.standing,
            "group": plan.group,
            "basis": basis,
            "caveats": app.caveats + edition_notes,
            "parameters": dict(plan.parameters),
            "context": tuple(ev.traces[f] for f in plan.context if f in ev.traces),
        }
        if not app.applies:
            return Verdict(
                verdict="not-applicable",
                reason=app.reason,
                decided_by="window",
                findings=tuple(about),
                **common,
            )
        cases = self.bound.cases[rid]
        case_traces = trace_cases(
            plan.cases, ev.spans, ev.shown, ev.missing, fired, shared=self._shared
        )
        parts = tuple(ev.verdicts[p] for p in plan.parts)

        def ask(fact: str, value: str | None) -> tuple[Question, ...]:
            if fact in ev.verdicts:  # an undecided part: what would decide it decides this
                return ev.verdicts[fact].questions
            undated = fact in ev.traces and fact not in ev.facts
            key = ("question", rid, fact, value, undated)
            asked = self._shared.get(key)
            if asked is None:
                text = rulebook.requirements[rid].questions[fact]
                if value is not None:
                    text = f"{text} (stated only as {value})"
                elif undated:
                    text = f"{text} (stated only undated, for no particular date)"
                asked = self._shared[key] = (Question(fact, text, rulebook.vocabulary[fact].ask),)
            return asked  # type: ignore[no-any-return]

        decision = select.decide(
            cases,
            case_traces,
            app,
            findings=[f for f in about if f.undated is None],  # undated: shown only
            kinds=None if rid in rulebook.pack_of else self._kinds,  # packs: facts alone
            fill=self._filler(rid, ev),
            ask=ask,
            parts=frozenset(plan.parts),
            undated=frozenset(f for f in plan.reads if f in ev.traces and f not in ev.facts),
        )
        if plan.parts:
            stated, setter, grounds = force.composite_force(
                decision.verdict, decision.decided_by, parts
            )
        else:
            setter = None
            stated, grounds = force.leaf_force(
                basis,
                [plan.forces[i] for i in decision.cases],
                plan.parameters,
                plan.units,
                weakest=decision.decided_by == "finding",
            )
        common["standing"] = force.standing(stated, plan.pack, plan.standing)
        return Verdict(
            verdict=decision.verdict,
            reason=decision.reason,
            decided_by=decision.decided_by,
            force=stated,
            decided_by_part=setter,
            grounds=grounds,
            open=decision.open,
            cases=case_traces,
            facts=tuple(ev.traces[f] for f in plan.reads if f in ev.traces),
            parts=tuple(PartTrace(p.requirement, p.verdict, p.reason, p.decided_by) for p in parts),
            findings=tuple(_with_agreement(f, decision.verdict, cases) for f in about),
            missing=decision.missing,
            questions=tuple(dict.fromkeys(decision.questions)),
            **common,
        )

    def _filler(self, rid: str, ev: _Evaluation) -> Callable[[str], str]:
        """Fills a case's reason: values as stated, dates' ages as ranges, parameters.

        The facts' words are the same for every requirement of one evaluation: they are
        worked out on the first reason filled, not once per requirement judged.
        """
        parameters = self._plans[rid].parameters

        def fill(template: str) -> str:
            if ev.fields is None:
                ev.fields = _fields(ev)
            fields = _Fields({**ev.fields, **parameters}) if parameters else ev.fields
            text = " ".join(template.format_map(fields).split())
            return text[:1].upper() + text[1:]

        return fill


@dataclass
class _Evaluation:
    """One assessment in progress: what the evidence allows, and the verdicts so far."""

    facts: Mapping[str, KnownFact]
    days: DayRange
    findings: Sequence[tuple[list[str], FindingTrace]]
    traces: Mapping[str, FactTrace]
    spans: dict[str, Span] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    switch: KnownFact | None = None
    area: str | None = None  # the evidence's area, which a recommendation pack must match
    fields: _Fields | None = None  # the facts in words for reasons, once one is filled


def _fields(ev: _Evaluation) -> _Fields:
    """The facts as a reason names them: values as stated, and dates' ages as ranges."""
    fields = _Fields({name: fact.value.describe() for name, fact in ev.facts.items()})
    fields.update(
        {
            f"{name}_months_ago": age_words(fact.value, ev.days)
            for name, fact in ev.facts.items()
            if isinstance(fact.value, DateValue)
        }
    )
    return fields


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "(not stated)"


def _open(verdict: Verdict) -> tuple[str, ...]:
    return verdict.open if verdict.verdict == "not-evidenced" else (verdict.verdict,)


def _shown(verdict: Verdict) -> str:
    if verdict.verdict == "not-evidenced":
        return f"not-evidenced ({' or '.join(verdict.open)})"
    return verdict.verdict


def _with_agreement(
    finding: FindingTrace, verdict: str, cases: Sequence[RuleCase] = ()
) -> FindingTrace:
    return replace(finding, agrees=select.agrees(finding, verdict, cases))
