"""Laws the assessment must obey, checked with generated evidence (hypothesis).

durable_rules runs for real in every example, and every evaluation also cross-checks the
engine's firing against the trace's plain reading of each case (a disagreement raises). The
generated values take every form documents use: exact, bounded, a year, a financial year,
'never', a level or a choice of levels, or not stated at all.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.evidence import KnownFact
from compliance.judge import Judge
from compliance.result.run import FindingTrace
from compliance.rulebook import bind, load_rulebook
from compliance.rulebook.vocabulary import FactDefinition
from compliance.values import ChoiceValue, CountValue, DateValue, DayRange, Value
from tests.conftest import PACKS, RULES

RULEBOOK = load_rulebook(RULES, packs=PACKS)
JUDGE = Judge(bind(RULEBOOK))
GRADED = {"unmet": 0, "partly-met": 1, "met": 2}
# 60 examples per law: each judges the whole rulebook with every pack, so 120 doubled the
# module's time (the slowest in the suite); the laws are the same, each run samples anew.
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SWITCH = RULEBOOK.register.lscb_end.local_fact
READ = sorted(
    {f for rid in RULEBOOK.requirements for f in RULEBOOK.reads(rid)}
    & set(RULEBOOK.vocabulary.facts)
)

# Mostly dates when every requirement applied, sometimes any date from before LSCBs to after.
in_force = st.dates(dt.date(2013, 4, 15), dt.date(2018, 6, 28))
days = st.one_of(in_force, in_force, in_force, st.dates(dt.date(2004, 1, 1), dt.date(2021, 12, 31)))


@st.composite
def date_values(draw: st.DrawFn, before: dt.date) -> DateValue:
    if draw(st.integers(0, 9)) == 0:
        return DateValue(None, True, "never")
    first = draw(st.dates(dt.date(2000, 1, 1), before))
    last = draw(st.dates(first, before))
    earliest = None if draw(st.integers(0, 5)) == 0 else first
    return DateValue(DayRange(earliest, last), False, f"{earliest} to {last}")


@st.composite
def count_values(draw: st.DrawFn) -> CountValue:
    low = draw(st.integers(0, 6))
    high = draw(st.one_of(st.none(), st.integers(low, low + 4)))
    return CountValue(low, high, f"{low} to {high}")


def values_of(definition: FactDefinition, before: dt.date) -> st.SearchStrategy[Value]:
    if definition.type == "count":
        return count_values()
    if definition.type == "date":
        return date_values(before)
    options = st.lists(st.sampled_from(definition.options), min_size=1, unique=True)
    return options.map(lambda chosen: ChoiceValue.of(chosen, definition.options))


@st.composite
def evidence(draw: st.DrawFn, names: list[str] | None = None) -> tuple[dict[str, Value], DayRange]:
    first = draw(days)
    last = (
        first if draw(st.integers(0, 4)) else draw(st.dates(first, first + dt.timedelta(days=200)))
    )
    chosen = names if names is not None else draw(st.lists(st.sampled_from(READ), unique=True))
    values = {n: draw(values_of(RULEBOOK.vocabulary[n], first)) for n in chosen}
    return values, DayRange(first, last)


def certainly_in_force(requirement: str) -> dt.date:
    """From when a requirement and all its parts are certainly in force."""
    window = RULEBOOK.window(requirement)
    parts = RULEBOOK.requirements[requirement].parts or []
    return max([window.certain_from or window.start, *map(certainly_in_force, parts)])


def known(values: dict[str, Value]) -> dict[str, KnownFact]:
    return {name: KnownFact(name, value) for name, value in values.items()}


def verdicts(values: dict[str, Value], as_of: DayRange, judge: Judge = JUDGE) -> dict[str, Any]:
    return {v.requirement: v for v in judge.verdicts(known(values), as_of)}


def a_point(value: Value, as_of: DayRange, rnd: random.Random) -> Value:
    """One value the statement allows: a day, a count, a level."""
    if isinstance(value, ChoiceValue):
        return ChoiceValue((rnd.choice(value.options),))
    if isinstance(value, CountValue):
        n = rnd.randint(value.low, value.high if value.high is not None else value.low + 5)
        return CountValue(n, n, str(n))
    if value.days is None or (value.never and rnd.random() < 0.3):
        return DateValue(None, True, "never")
    earliest = value.days.earliest or dt.date(1990, 1, 1)
    latest = min(value.days.latest or as_of.earliest, as_of.earliest)  # type: ignore[type-var]
    day = earliest + dt.timedelta(days=rnd.randint(0, max((latest - earliest).days, 0)))
    return DateValue(DayRange(day, day), False, str(day))


def exact_values_in_force(
    requirement: str, data: st.DataObject
) -> tuple[DayRange, Callable[[str], Value]]:
    """A day on which the requirement certainly applies, and a drawer of one exact value (a
    day, a count, a level) for any fact on that day."""
    window = RULEBOOK.window(requirement)
    day = data.draw(st.dates(certainly_in_force(requirement), window.end))
    as_of = DayRange(day, day)
    rnd = data.draw(st.randoms(use_true_random=False))

    def point(name: str) -> Value:
        return a_point(data.draw(values_of(RULEBOOK.vocabulary[name], day)), as_of, rnd)

    return as_of, point


@SETTINGS
@given(evidence(), st.randoms(use_true_random=False))
def test_a_decided_verdict_holds_at_every_point_the_evidence_allows(
    case: tuple[dict[str, Value], DayRange], rnd: random.Random
) -> None:
    """The issue's law: a rule decides only when every value in the interval agrees."""
    values, as_of = case
    day = DayRange(as_of.earliest, as_of.earliest)
    wide = verdicts(values, day)
    for _ in range(3):
        point = {n: a_point(v, day, rnd) for n, v in values.items()}
        narrow = verdicts(point, day)
        for rid, verdict in wide.items():
            if verdict.verdict in GRADED or verdict.verdict == "not-applicable":
                assert narrow[rid].verdict == verdict.verdict, rid
            else:
                assert narrow[rid].verdict in (*verdict.open, "not-evidenced"), rid


@SETTINGS
@given(evidence())
def test_every_point_verdict_is_one_the_open_verdict_allowed(
    case: tuple[dict[str, Value], DayRange],
) -> None:
    """Stating more (adding a missing fact) can only pick among the outcomes left open."""
    values, as_of = case
    before = verdicts(values, as_of)
    missing = [n for n in READ if n not in values]
    if not missing:
        return
    more = {**values, missing[0]: RULEBOOK.vocabulary[missing[0]].unknown()}
    after = verdicts(more, as_of)
    for rid, verdict in before.items():
        assert after[rid].verdict == verdict.verdict or after[rid].verdict in verdict.open, rid


@SETTINGS
@given(evidence())
def test_the_same_input_always_gives_the_same_output(
    case: tuple[dict[str, Value], DayRange],
) -> None:
    values, as_of = case
    assert JUDGE.verdicts(known(values), as_of) == JUDGE.verdicts(known(values), as_of)


@SETTINGS
@given(evidence(), st.randoms(use_true_random=False))
def test_fact_order_does_not_matter(
    case: tuple[dict[str, Value], DayRange], rnd: random.Random
) -> None:
    values, as_of = case
    items = list(values.items())
    rnd.shuffle(items)
    assert JUDGE.verdicts(known(dict(items)), as_of) == JUDGE.verdicts(known(values), as_of)


@settings(max_examples=30, deadline=None)
@given(st.lists(evidence(), min_size=2, max_size=5), st.randoms(use_true_random=False))
def test_batch_equals_solo_in_any_order(
    cases: list[tuple[dict[str, Value], DayRange]], rnd: random.Random
) -> None:
    solo = [JUDGE.verdicts(known(v), d) for v, d in cases]
    fresh = Judge(bind(RULEBOOK))
    order = list(range(len(cases)))
    rnd.shuffle(order)
    batch = {i: fresh.verdicts(known(cases[i][0]), cases[i][1]) for i in order}
    assert [batch[i] for i in range(len(cases))] == solo


def rank(value: Value, definition: FactDefinition) -> tuple[int, ...]:
    """A point value's place in the order its definition calls better for the board."""
    if isinstance(value, ChoiceValue):
        place = (definition.options.index(value.options[0]),)
    elif isinstance(value, CountValue):
        place = (value.low,)
    else:
        place = (0,) if value.never else (1, value.days.earliest.toordinal())  # type: ignore[union-attr]
    return place if definition.better == "more" else tuple(-p for p in place)


MONOTONE = sorted(
    rid
    for rid, req in RULEBOOK.requirements.items()
    if req.not_monotone is None and req.parts is None
)


@SETTINGS
@given(st.sampled_from(MONOTONE), st.data())
def test_better_evidence_never_gives_a_worse_verdict(requirement: str, data: st.DataObject) -> None:
    """Monotonicity, per rule: move one fact the way its definition calls better (a later
    level, more, later, yes), everything else fixed, and the verdict never falls. A rule where
    this does not hold says why (`not_monotone`) and is left out."""
    as_of, point = exact_values_in_force(requirement, data)
    reads = [f for f in RULEBOOK.reads(requirement) if f in RULEBOOK.vocabulary]
    values = {name: point(name) for name in reads}
    moved = data.draw(st.sampled_from(reads))
    definition = RULEBOOK.vocabulary[moved]
    other = point(moved)
    worse, better = sorted((values[moved], other), key=lambda v: rank(v, definition))
    low = verdicts({**values, moved: worse}, as_of)[requirement].verdict
    high = verdicts({**values, moved: better}, as_of)[requirement].verdict
    assert GRADED[high] >= GRADED[low], (moved, worse.describe(), better.describe())


@SETTINGS
@given(evidence(), st.sampled_from(sorted(RULEBOOK.requirements)))
def test_no_requirement_is_applicable_outside_its_window(
    case: tuple[dict[str, Value], DayRange], requirement: str
) -> None:
    values, as_of = case
    window = RULEBOOK.window(requirement)
    verdict = verdicts(values, as_of)[requirement]
    start = window.certain_from or window.start
    if as_of.latest < window.start or as_of.earliest > window.end:  # type: ignore[operator]
        assert verdict.verdict == "not-applicable"
    elif start <= as_of.earliest and as_of.latest <= window.end:  # type: ignore[operator]
        assert verdict.verdict != "not-applicable"


@SETTINGS
@given(evidence(), st.data())
def test_a_board_replaced_by_safeguarding_partners_has_no_lscb_requirements(
    case: tuple[dict[str, Value], DayRange], data: st.DataObject
) -> None:
    values, as_of = case
    replaced = (
        data.draw(st.dates(dt.date(2018, 6, 29), as_of.earliest))
        if as_of.earliest >= dt.date(2018, 6, 29)
        else None
    )  # type: ignore[operator]
    if replaced is None:
        return
    switch = DateValue(DayRange(replaced, replaced), False, str(replaced))
    found = verdicts({**values, SWITCH: switch}, as_of)
    assert {v.verdict for v in found.values()} == {"not-applicable"}


@SETTINGS
@given(st.sampled_from(sorted(RULEBOOK.requirements)), st.data())
def test_every_value_stated_exactly_gives_exactly_one_graded_verdict(
    requirement: str, data: st.DataObject
) -> None:
    """Cases are exclusive and complete: with every fact a point, a verdict is decided."""
    as_of, point = exact_values_in_force(requirement, data)
    values = {name: point(name) for name in READ}
    assert verdicts(values, as_of)[requirement].verdict in GRADED


@SETTINGS
@given(
    evidence(),
    st.sampled_from(sorted(RULEBOOK.requirements)),
    st.sampled_from(["met", "partly-met", "unmet", "improvement-needed", "overdue", "recent"]),
)
def test_a_finding_never_overrides_what_the_facts_decide(
    case: tuple[dict[str, Value], DayRange], requirement: str, says: str
) -> None:
    values, as_of = case
    plain = verdicts(values, as_of)
    finding = [
        ([requirement], FindingTrace(requirement, says, "a reviewer", "then", "inspection", ()))
    ]
    verdict = {v.requirement: v for v in JUDGE.verdicts(known(values), as_of, finding)}[requirement]
    if plain[requirement].verdict != "not-evidenced":
        assert verdict.verdict == plain[requirement].verdict
    elif verdict.decided_by == "finding":
        assert verdict.verdict in plain[requirement].open
    never_from_findings = Judge(bind(RULEBOOK), findings_decide=False)  # as packs will be
    judged = never_from_findings.verdicts(known(values), as_of, finding)
    assert {v.requirement: v.verdict for v in judged} == {r: v.verdict for r, v in plain.items()}
