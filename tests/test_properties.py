"""Laws the assessment must obey, checked with generated facts and dates (hypothesis).

durable_rules runs for real in every example. The generated facts are any values the
vocabulary allows, so these laws hold for evidence we have never seen, not only ours.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.assessment import Assessor
from compliance.conditions import holds, resolve
from compliance.dates import PartialDate, months_before
from compliance.rulebook import load_rulebook
from compliance.vocabulary import FactDefinition
from tests.conftest import RULES

RULEBOOK = load_rulebook(RULES)
ASSESSOR = Assessor(RULEBOOK)
GRADED = {"unmet": 0, "partly-met": 1, "met": 2}
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Facts that decide applicability, not outcomes, are generated separately.
OUTCOME_FACTS = [n for n in RULEBOOK.vocabulary.facts if n != "lscb_replaced_on"]

dates = st.dates(dt.date(2004, 1, 1), dt.date(2021, 12, 31))


@st.composite
def partial_dates(draw: st.DrawFn, before: dt.date) -> PartialDate:
    day = draw(st.dates(dt.date(2000, 1, 1), before))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(day.year)
    return (
        PartialDate(day.year, day.month)
        if precision == "month"
        else PartialDate(day.year, day.month, day.day)
    )


def values_of(definition: FactDefinition, as_of: dt.date) -> st.SearchStrategy[Any]:
    if definition.type == "count":
        return st.integers(0, 12)
    if definition.type == "yes-no":
        return st.booleans()
    if definition.type == "level":
        return st.sampled_from(definition.level_names)
    return partial_dates(as_of)


@st.composite
def evidence(draw: st.DrawFn, names: list[str] | None = None) -> tuple[dict[str, Any], dt.date]:
    as_of = draw(dates)
    chosen = (
        names if names is not None else draw(st.lists(st.sampled_from(OUTCOME_FACTS), unique=True))
    )
    facts = {n: draw(values_of(RULEBOOK.vocabulary[n], as_of)) for n in chosen}
    return facts, as_of


def verdicts(
    facts: dict[str, Any], as_of: dt.date, assessor: Assessor = ASSESSOR
) -> dict[str, str]:
    return {v.requirement: v.verdict for v in assessor.judge(facts, as_of)}


@SETTINGS
@given(evidence())
def test_the_same_input_always_gives_the_same_output(case: tuple[dict[str, Any], dt.date]) -> None:
    facts, as_of = case
    assert ASSESSOR.judge(facts, as_of) == ASSESSOR.judge(facts, as_of)


@SETTINGS
@given(evidence(), st.randoms(use_true_random=False))
def test_fact_order_does_not_matter(
    case: tuple[dict[str, Any], dt.date], rnd: random.Random
) -> None:
    facts, as_of = case
    items = list(facts.items())
    rnd.shuffle(items)
    assert ASSESSOR.judge(dict(items), as_of) == ASSESSOR.judge(facts, as_of)


@settings(max_examples=40, deadline=None)
@given(st.lists(evidence(), min_size=2, max_size=6), st.randoms(use_true_random=False))
def test_batch_equals_solo_in_any_order(
    cases: list[tuple[dict[str, Any], dt.date]], rnd: random.Random
) -> None:
    solo = [verdicts(facts, as_of, Assessor(RULEBOOK)) for facts, as_of in cases]
    order = list(range(len(cases)))
    rnd.shuffle(order)
    batch = {i: verdicts(*cases[i]) for i in order}  # one engine, one state at a time
    assert [batch[i] for i in range(len(cases))] == solo


@SETTINGS
@given(evidence(), st.integers(0, 12), st.integers(0, 12))
def test_more_lay_members_never_gives_a_worse_verdict(
    case: tuple[dict[str, Any], dt.date], fewer: int, more: int
) -> None:
    facts, as_of = case
    fewer, more = sorted((fewer, more))
    low = verdicts({**facts, "lay_members_appointed": fewer}, as_of)["lay-members"]
    high = verdicts({**facts, "lay_members_appointed": more}, as_of)["lay-members"]
    if low in GRADED:
        assert high in GRADED
        assert GRADED[high] >= GRADED[low]


@SETTINGS
@given(evidence(), st.sampled_from(sorted(RULEBOOK.requirements)))
def test_no_requirement_is_applicable_outside_its_window(
    case: tuple[dict[str, Any], dt.date], requirement: str
) -> None:
    facts, as_of = case
    start, _, end = RULEBOOK.window(RULEBOOK.requirements[requirement])
    verdict = verdicts(facts, as_of)[requirement]
    if as_of < start or as_of > end:
        assert verdict == "not-applicable"
    else:
        assert verdict != "not-applicable"


@SETTINGS
@given(evidence(), st.data())
def test_a_board_replaced_by_safeguarding_partners_has_no_lscb_requirements(
    case: tuple[dict[str, Any], dt.date], data: st.DataObject
) -> None:
    facts, as_of = case
    replaced = data.draw(partial_dates(as_of))
    if as_of >= replaced.latest:
        found = verdicts({**facts, "lscb_replaced_on": replaced}, as_of)
        assert set(found.values()) == {"not-applicable"}


@SETTINGS
@given(st.sampled_from(sorted(RULEBOOK.requirements)), st.data())
def test_complete_facts_give_exactly_one_graded_verdict(
    requirement: str, data: st.DataObject
) -> None:
    """Cases are exclusive (a defect would raise) and complete (never not-evidenced)."""
    req = RULEBOOK.requirements[requirement]
    start, _, end = RULEBOOK.window(req)
    facts, _ = data.draw(evidence(req.reads))
    as_of = data.draw(st.dates(start, end))
    facts = {n: _no_later(v, as_of) for n, v in facts.items()}
    assert verdicts(facts, as_of)[requirement] in GRADED


@SETTINGS
@given(evidence())
def test_the_engine_agrees_with_a_plain_reading_of_the_cases(
    case: tuple[dict[str, Any], dt.date],
) -> None:
    """Differential check: durable_rules' verdict equals evaluating the cases in Python."""
    facts, as_of = case
    found = verdicts(facts, as_of)
    for rid, req in RULEBOOK.requirements.items():
        if found[rid] == "not-applicable":
            continue
        params = req.parameter_values()
        matched = {
            outcome
            for outcome, cases in req.outcomes.items()
            for case_ in cases
            if all(
                name in facts
                and holds(resolve(cond, params), facts[name], _age(facts[name], as_of))
                for name, cond in case_.when.items()
            )
        }
        assert found[rid] == (matched.pop() if matched else "not-evidenced")


def _age(value: Any, as_of: dt.date) -> int | None:
    return months_before(value, as_of) if isinstance(value, PartialDate) else None


def _no_later(value: Any, as_of: dt.date) -> Any:
    if isinstance(value, PartialDate) and value.earliest > as_of:
        return PartialDate(as_of.year, as_of.month, as_of.day)
    return value
