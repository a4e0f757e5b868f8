"""One requirement, as its YAML file states it: the law, the window, the cases, the examples.

A requirement is either decided from facts by its own cases, or (a composite) from the verdicts
of its parts, combined by a declared rule such as "no better than the worst applicable part".
Either way the cases end up as `RuleCase`s, which is all the engine and the judge ever see.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from compliance.reading.validation import DateField, Strict
from compliance.rulebook.conditions import Condition
from compliance.rulebook.groups import GROUP_KEY
from compliance.rulebook.instruments import Force, Verification
from compliance.values.counts import MAX_COUNT

Outcome = Literal["met", "partly-met", "unmet", "not-applicable"]
VerdictName = Literal["met", "partly-met", "unmet", "not-evidenced", "not-applicable"]
# A finding says a verdict, or (overdue, recent) judges how recently something was done
# without giving a date: "not conducted recently" (see judge.select).
FindingSays = Literal["met", "partly-met", "unmet", "improvement-needed", "overdue", "recent"]
REQUIREMENT_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# durable_rules hangs compiling more than 512 sibling tests under one node (see engine notes);
# one requirement never needs more than a handful of cases.
MAX_CASES_PER_REQUIREMENT = 24


class Window(Strict):
    """When a requirement applied: each end an edition id, a date, or (the end) lscb-end."""

    from_: str = Field(alias="from")
    certain_from: str | None = None
    until: str
    note: str | None = None
    settle: str | None = Field(
        default=None, description="How to settle an uncertain start (required with certain_from)."
    )
    after_switch: str | None = Field(
        default=None,
        description="What the law still asked of the board after its area's switch to "
        "safeguarding partners (a saved duty this requirement does not judge): said with the "
        "not-applicable verdict, so a saved duty is never silently dropped (until: lscb-end).",
    )

    @model_validator(mode="after")
    def _uncertain_start_says_how_to_settle(self) -> Window:
        if self.certain_from is not None and not self.settle:
            raise ValueError("with 'certain_from', say under 'settle' how to settle the start")
        return self


class TextSource(Strict):
    """Where the wording of a legal basis was verified, and for which edition."""

    reproduces: str = Field(description="The edition whose wording the source gives.")
    verification: Verification
    where: str


class LegalBasis(Strict):
    instrument: str
    editions: list[str] | None = None
    provision: str
    force: Force
    verification: Verification
    text: str | None = None
    source: TextSource | None = None
    note: str | None = None
    decides: bool = Field(
        default=True,
        description="false: cited beside the verdict (the duty its subject belongs to, a "
        "power it uses) but setting none of what the cases test, so its force is never the "
        "verdict's; say why in 'note'.",
    )

    @model_validator(mode="after")
    def _context_says_why(self) -> LegalBasis:
        if not self.decides and not self.note:
            raise ValueError("with 'decides: false', say under 'note' why it does not decide")
        return self


class Parameter(Strict):
    value: Annotated[int, Field(gt=0, le=MAX_COUNT)]
    unit: str
    force: Force
    meaning: str


class Case(Strict):
    when: Annotated[dict[str, Condition], Field(min_length=1)]
    reason: str
    force: Force | None = Field(
        default=None,
        description="The force of the reading this case's outcome rests on, where weaker "
        "than the strongest of the requirement's basis (guidance on a statutory duty's "
        "content, a practice in using a power); never stronger than its strongest basis.",
    )


class Example(Strict):
    """A worked example: facts on a date, and what the verdict must be (and may be checked by)."""

    name: str
    date: DateField
    facts: dict[str, Any] = Field(default_factory=dict)
    findings: list[FindingSays] = Field(
        default_factory=list, description="What findings about this requirement say."
    )
    parameters: dict[str, int] = Field(default_factory=dict)
    expect: VerdictName
    reason: str | None = Field(default=None, description="The exact reason expected.")
    cites: list[str] = Field(
        default_factory=list, description="Labels of the legal basis that must be cited."
    )
    missing: list[str] | None = Field(
        default=None, description="The facts the verdict must say are missing."
    )
    force: Force | None = Field(
        default=None, description="The force the verdict must state (of what decided it)."
    )
    decided_by_part: str | None = Field(
        default=None, description="For a composite: the part that must have set its verdict."
    )


class Requirement(Strict):
    id: Annotated[str, Field(pattern=REQUIREMENT_ID)]
    title: str
    summary: str
    group: Annotated[str, Field(pattern=GROUP_KEY)] | None = Field(
        default=None,
        description="Where the law groups it (a key of rules/groups.yaml), so a report "
        "follows the law's order; every statutory requirement names one, a pack's need not.",
    )
    in_force: Window
    legal_basis: Annotated[list[LegalBasis], Field(min_length=1)]
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    parts: list[str] | None = None
    combine: Literal["worst-part"] | None = None
    outcomes: dict[Outcome, Annotated[list[Case], Field(min_length=1)]] | None = None
    context: list[str] = Field(
        default_factory=list, description="Facts shown beside the verdict that do not decide it."
    )
    questions: dict[str, str] = Field(default_factory=dict)
    examples: Annotated[list[Example], Field(min_length=1)]
    not_monotone: str | None = Field(
        default=None,
        description="Why better evidence (a fact moved the way its definition calls better) "
        "can give a worse verdict here; without it the rule is tested to be monotone.",
    )

    @model_validator(mode="after")
    def _cases_or_parts(self) -> Requirement:
        if (self.parts is None) != (self.combine is None):
            raise ValueError("a composite gives both 'parts' and 'combine'")
        if (self.outcomes is None) == (self.parts is None):
            raise ValueError("give either 'outcomes' (cases on facts) or 'parts' and 'combine'")
        return self

    def parameter_values(self, overrides: dict[str, int] | None = None) -> dict[str, int]:
        values = {name: p.value for name, p in self.parameters.items()}
        values.update(overrides or {})
        return values


@dataclass(frozen=True)
class RuleCase:
    """One case of one requirement: the unit durable_rules evaluates as a rule."""

    requirement: str
    outcome: Outcome
    number: int  # 1-based within its outcome, as a reader counts them in the file
    when: dict[str, Condition]
    reason: str
    line: int | None
    force: Force | None = None  # declared where weaker than the requirement's strongest basis

    @property
    def label(self) -> str:
        return f"{self.outcome} case {self.number}"
