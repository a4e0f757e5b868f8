"""What the tool concludes, in one shape for every output: verdicts that carry their own trace.

A verdict carries everything needed to check it by hand: the law in force on the evidence
date, each case tried and each test in it with the value it compared, the facts with their
quotes, the reviewers' findings beside it, what is missing and what to ask. Renderers only
read these objects; nothing downstream decides anything again. The exit-code policy lives
here too, so the CLI stays thin.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from compliance.reading.inputs import Inputs
from compliance.rulebook.conditions import TestState
from compliance.rulebook.groups import Group
from compliance.rulebook.requirement import VerdictName

VERDICTS: tuple[VerdictName, ...] = (
    "met",
    "partly-met",
    "unmet",
    "not-evidenced",
    "not-applicable",
)
GRADED: tuple[VerdictName, ...] = ("met", "partly-met", "unmet")
DecidedBy = Literal["facts", "finding", "window"]
# What a requirement rests on: a duty in an Act or regulations, statutory guidance only, or a
# recommendation pack (an inspection's recommendations, an improvement notice).
Standing = Literal["duty", "guidance", "recommendation"]
DUTY_FORCES = frozenset({"statute", "regulation"})
EXIT_OK, EXIT_BELOW_THRESHOLD, EXIT_INPUT_ERROR, EXIT_INTERNAL_ERROR = 0, 1, 2, 3


@dataclass(frozen=True)
class Locator:
    """Where in its document a quote stands, as the evidence file gives it (or, when it gives
    none, where the quote was found: `found`): kept as data, so that each output words it (and
    shortens a heading) without reading words back."""

    paragraph: int | None = None
    section: str | None = None
    page: int | str | None = None  # an int as counted from the first page; a str as printed
    line: int | None = None
    found: bool = False  # the evidence gave no locator; this is where the quote stands

    def __str__(self) -> str:
        return self.words(self.section)

    def words(self, section: str | None) -> str:
        """The locator in words, with `section` standing for the heading (maybe shortened)."""
        parts = [] if self.page is None else [f"page {self.page}"]
        if self.paragraph is not None:
            parts.append(f"para {self.paragraph}")
        elif self.section is not None:
            parts.append(f"section '{section}'")
        elif self.line is not None:
            parts.append(f"line {self.line}")
        said = ", ".join(parts)
        return f"found at {said}" if self.found else said


@dataclass(frozen=True)
class Quote:
    source: str  # the source it was read in (`file`, at `locator`)
    file: str
    locator: Locator
    quote: str
    # Set when the statement speaks for an earlier date than the evidence ("2014-03").
    holds_for: str | None = None
    quoting: str | None = None  # the document whose words these are, when `source` quotes it
    # Set, saying why, when the statement speaks for no particular date (see evidence.dating).
    undated: str | None = None

    @property
    def when(self) -> str:
        """The date it speaks for in words, for the outputs: '', 'as of 2014-03' or 'undated: ...'."""
        if self.undated is not None:
            return self.undated
        return "" if self.holds_for is None else f"as of {self.holds_for}"

    @property
    def provenance(self) -> str:
        """Whose words, where read: the file and locator, and the document it quotes."""
        where = f"{self.file}, {self.locator}"
        if self.quoting:
            where = f"{self.quoting}, as quoted in {where}"
        return f"{where}; {self.when}" if self.when else where


@dataclass(frozen=True)
class StatementTrace:
    value: str
    quotes: tuple[Quote, ...]
    note: str | None
    kind: str  # the kind of source it rests on (the weakest, if several)
    decides: bool  # False when a more authoritative statement outweighs it, or it is undated

    @property
    def undated(self) -> bool:
        """It speaks for no particular date, so it decides nothing on the evidence date."""
        return bool(self.quotes) and all(q.undated is not None for q in self.quotes)


@dataclass(frozen=True)
class FactTrace:
    name: str
    about: str  # whom the fact is about: board, local-authority, partners, area
    value: str  # the value that counts, in the words the documents give
    statements: tuple[StatementTrace, ...] = ()
    contested: bool = False
    decided_by: str | None = None  # the kind of source that decided a contest
    line: int | None = None  # where the fact stands in its evidence file


@dataclass(frozen=True)
class TestTrace:
    fact: str
    test: str
    state: TestState
    value: str | None  # the value as compared; None when the fact is missing


@dataclass(frozen=True)
class CaseTrace:
    label: str  # "met case 1"
    outcome: str
    line: int | None  # where the case stands in the requirement's file
    tests: tuple[TestTrace, ...]
    possible: bool  # durable_rules fired it: every test can hold over the values given
    certain: bool  # every test holds for every value the evidence leaves open


@dataclass(frozen=True)
class GradeTrace:
    """An inspectorate's graded judgement on its own scale, in its words: shown as such beside
    the verdicts, never turned into one (outstanding and good would both be "met")."""

    scale: str  # the scale's key in rules/grades.yaml
    scale_title: str
    by: str  # the inspectorate, as in "Ofsted's judgement"
    grade: str  # the grade's key
    words: str  # the inspectorate's words for the grade
    rank: int  # its place on the scale, 1 for the best
    scale_words: tuple[str, ...]  # every grade of the scale in the inspectorate's words, best first

    @property
    def label(self) -> str:
        """ "Ofsted's judgement: inadequate": whose judgement, and its word."""
        return f"{self.by}'s judgement: {self.words}"

    @property
    def place(self) -> str:
        """Where the grade stands on its scale, for a reader who does not know it."""
        return f"{self.rank} of {len(self.scale_words)}, best first: {', '.join(self.scale_words)}"


@dataclass(frozen=True)
class FindingTrace:
    about: str
    says: str | None  # in our terms; None when the finding gives only a grade
    by: str
    on: str
    kind: str
    quotes: tuple[Quote, ...]
    note: str | None = None
    agrees: bool | None = None  # with the verdict beside it; None where it cannot tell
    grade: GradeTrace | None = None  # the inspectorate's own judgement, never a verdict
    # Set, saying why, when nothing places the finding in time: then it decides nothing.
    undated: str | None = None

    @property
    def when(self) -> str:
        """When it was concluded, in words: its date, or why it has none."""
        return self.undated or self.on


@dataclass(frozen=True)
class Basis:
    label: str  # e.g. "WT 2015 ch.3 ..., as applied by the WT 2018 transitional arrangements"
    edition: str
    provision: str
    force: str
    verification: str  # the weaker of the entry's and the edition's tags
    text: str | None = None
    text_source: str | None = None
    note: str | None = None
    period: str | None = None  # when this edition covers only part of the evidence dates
    decides: bool = True  # False: cited beside the verdict; its force is never the verdict's

    @property
    def cited(self) -> str:
        """The label with its certainty, as every output cites it."""
        return f"{self.label} [{self.verification}]"


@dataclass(frozen=True)
class Ground:
    """One thing a verdict's force rests on: a provision in force, a practice-norm parameter,
    or (for a composite) a part with its own verdict. `decides` marks what set the verdict;
    the others are shown beside it, so that a statutory core and a guidance element both show.
    """

    force: str
    cited: str  # a provision as cited, "cycle_months = 24 months", or a part's deciding law
    decides: bool
    part: str | None = None  # the part, for a composite
    verdict: str | None = None  # the part's verdict, for a composite

    @property
    def words(self) -> str:
        force = self.force.replace("-", " ")
        if self.part is None:
            return f"{force}: {self.cited}"
        return f"{self.part} {self.verdict} under {force} ({self.cited})"


@dataclass(frozen=True)
class Question:
    about: str  # a fact, a part, "date", "law" or "transition"
    text: str
    ask: str  # whom to ask: a person at the board (see the vocabulary), or the review team
    law: tuple[str, ...] = ()  # the law that raises it, when not the requirement's own basis


# Questions the documents cannot answer and no one at the board is asked: when the law began,
# or which day an evidence file speaks for, are for whoever assesses to settle.
REVIEW_TEAM = "review-team"


@dataclass(frozen=True)
class PartTrace:
    requirement: str
    verdict: VerdictName
    reason: str
    decided_by: DecidedBy | None


@dataclass(frozen=True)
class Verdict:
    requirement: str
    title: str
    summary: str  # what the law asks, in plain words
    window: str  # when the requirement was in force
    verdict: VerdictName
    reason: str
    decided_by: DecidedBy | None  # None when not evidenced
    open: tuple[str, ...] = ()  # the outcomes still possible, when undecided
    basis: tuple[Basis, ...] = ()
    cases: tuple[CaseTrace, ...] = ()
    facts: tuple[FactTrace, ...] = ()
    context: tuple[FactTrace, ...] = ()
    parts: tuple[PartTrace, ...] = ()
    findings: tuple[FindingTrace, ...] = ()
    missing: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    caveats: tuple[str, ...] = ()
    parameters: dict[str, int] = field(default_factory=dict)
    pack: str | None = None  # the recommendation pack it comes from; None for the law
    standing: Standing = "guidance"  # set by the judge from `force` (see judge/force.py)
    group: Group | None = None  # where the law groups it; None for a pack's requirement
    # The force of what decided the verdict (a provision, a parameter, a part), never more;
    # None when not in force. `grounds` lists what it rests on, the deciding first.
    force: str | None = None
    decided_by_part: str | None = None  # the part that set a composite's verdict
    grounds: tuple[Ground, ...] = ()

    @property
    def under(self) -> str:
        """The force of the verdict and what it rests on, in words every output shows."""
        if self.force is None:
            return ""
        deciding = [g for g in self.grounds if g.decides]
        others = [g for g in self.grounds if not g.decides]
        if self.decided_by_part is None:
            force = self.force.replace("-", " ")
            said = "; ".join(
                g.cited if g.force == self.force else f"{g.cited} ({g.force.replace('-', ' ')})"
                for g in deciding
            )
            return f"{force}: {said}" if said else force
        first = "; ".join(g.words for g in deciding)
        rest = "; ".join(g.words for g in others)
        return f"Set by {first}" + (f"; also {rest}" if rest else "")

    @property
    def editions(self) -> tuple[str, ...]:
        """The editions of the law this verdict rests on, without repeats, in basis order."""
        return tuple(dict.fromkeys(b.edition for b in self.basis))

    @property
    def law(self) -> tuple[str, ...]:
        """The law it rests on as every output cites it, without repeats, in basis order."""
        return tuple(dict.fromkeys(b.cited for b in self.basis))


@dataclass(frozen=True)
class Assessment:
    board: str
    area: str
    date: str
    date_basis: str
    kind: str
    title: str
    # The first and last day `date` allows, as YYYY-MM-DD: what orders two assessments of a
    # board (a baseline, a comparison) when `date` is a month or a range.
    earliest: str
    latest: str

    def after(self, other: Assessment) -> bool:
        """Whether this assessment speaks for a time wholly after `other`'s."""
        return self.earliest > other.latest


@dataclass(frozen=True)
class SourceInfo:
    key: str
    file: str
    title: str
    publisher: str
    kind: str
    published: str
    covers: str | None


@dataclass(frozen=True)
class RulebookInfo:
    path: str
    origin: str
    digest: str
    packs: tuple[str, ...] = ()  # the recommendation packs selected with the law


@dataclass(frozen=True)
class Result:
    """The verdicts on one evidence file."""

    path: Path
    assessment: Assessment
    sources: tuple[SourceInfo, ...]
    findings: tuple[FindingTrace, ...]  # about the board as a whole
    verdicts: tuple[Verdict, ...]
    unused_facts: tuple[str, ...]
    authority: str  # the declared order of source kinds

    def counts(self) -> dict[VerdictName, int]:
        counted = Counter(v.verdict for v in self.verdicts)
        return {name: counted.get(name, 0) for name in VERDICTS}

    def verdict(self, requirement: str) -> Verdict:
        return next(v for v in self.verdicts if v.requirement == requirement)


@dataclass(frozen=True)
class Threshold:
    """Which verdicts fall below the bar, for duties and for guidance separately.

    A CI pipeline may fail a board on any unmet statutory duty but only warn on guidance;
    recommendations (packs) are held to the guidance bar. The empty threshold fails nothing.
    """

    duty: frozenset[VerdictName] = frozenset({"unmet"})
    guidance: frozenset[VerdictName] = frozenset({"unmet"})

    @classmethod
    def never(cls) -> Threshold:
        return cls(frozenset(), frozenset())

    def fails(self, verdict: Verdict) -> bool:
        bar = self.duty if verdict.standing == "duty" else self.guidance
        return verdict.verdict in bar


@dataclass(frozen=True)
class RunResult:
    rulebook: RulebookInfo
    results: tuple[Result, ...]
    inputs: Inputs = field(default_factory=Inputs)  # what was read: never an output

    def below(self, threshold: Threshold) -> list[tuple[Result, Verdict]]:
        """Every verdict below the threshold, with the assessment it belongs to."""
        return [(r, v) for r in self.results for v in r.verdicts if threshold.fails(v)]

    def exit_code(self, threshold: Threshold) -> int:
        """0, or 1 when any verdict falls below the threshold (for CI)."""
        return EXIT_BELOW_THRESHOLD if self.below(threshold) else EXIT_OK


@dataclass(frozen=True)
class RuleStatus:
    """One requirement in a rulebook listing, in words."""

    requirement: str
    title: str
    window: str
    status: str  # "" when no date was asked for
    bases: tuple[str, ...]
    caveats: tuple[str, ...]
    # What --param (or `params` in lscb.toml) may set: "cycle_months = 24 months (practice
    # norm): ...", its default, force and meaning.
    parameters: tuple[str, ...] = ()


def caveats_of(items: Iterable[Verdict | RuleStatus]) -> dict[str, list[str]]:
    """Each caveat once, with the requirements it is said of, in the order given: outputs
    print a caveat shared by many requirements once, not beside each."""
    found: dict[str, list[str]] = {}
    for item in items:
        for caveat in item.caveats:
            found.setdefault(caveat, []).append(item.requirement)
    return found


@dataclass(frozen=True)
class RulebookListing:
    rulebook: RulebookInfo
    on: dt.date | None
    rules: tuple[RuleStatus, ...]
    packs_available: tuple[str, ...] = ()
