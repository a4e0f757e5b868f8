"""The durable_rules wrapper, tested against the real engine (no mocks of durable_rules)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest
from durable.engine import MessageObservedException

from compliance.dates import PartialDate
from compliance.engine import (
    MAX_FACT_NAMES,
    MAX_TESTS_PER_FACT,
    Engine,
    EngineError,
    RuleKey,
    _SyncHost,
    check_identities,
    dr_hash,
)
from compliance.rulebook import Requirement, Rulebook

ROOT = Path(__file__).parent.parent
AS_OF = dt.date(2016, 6, 1)
FULL = {
    "lay_members_appointed": 1,
    "cdop_in_place": True,
    "cdop_review_practice": "gaps",
    "annual_report_assessment": "rigorous-assessment",
    "private_fostering_monitoring": "regular",
    "private_fostering_awareness": "effective",
    "section_11_audit_last_completed": PartialDate(2015, 9),
    "section_11_returns_challenged": False,
}
FULL_FIRES = [
    "annual-report-analysis|met|0",
    "cdop|partly-met|0",
    "lay-members|partly-met|0",
    "private-fostering-oversight|met|0",
    "section-11-audits|partly-met|0",
]
# Each fact alone only half-satisfies a two-fact case: stored, no action runs (the segfault case).
HALF_A = {"lay_members_appointed": 0, "cdop_in_place": True}
HALF_B = {"lay_member_recruitment_under_way": False, "cdop_review_practice": "gaps"}


def names(firings: list[Any]) -> list[str]:
    return [f.rule.name for f in firings]


def with_cases(rulebook: Rulebook, *requirements: list[dict[str, Any]]) -> Rulebook:
    """The rulebook with its requirements replaced by copies of lay-members with these cases."""
    base = rulebook.requirements["lay-members"].model_dump(by_alias=True, exclude_none=True)
    made = {}
    for i, cases in enumerate(requirements):
        outcomes = {"met": [{"when": when, "reason": "r"} for when in cases]}
        made[f"r{i}"] = Requirement.model_validate(base | {"id": f"r{i}", "outcomes": outcomes})
    return dataclasses.replace(rulebook, requirements=made)


def test_actions_run_on_the_callers_thread_with_no_background_threads(rulebook):
    seen: list[int] = []

    class Noting(Engine):  # the project's own recorder, wrapped to note the thread it runs on
        def _recorder(self, key):
            inner = super()._recorder(key)

            def record(c: Any) -> None:
                seen.append(threading.get_ident())
                inner(c)

            return record

    before = threading.active_count()
    engine = Noting(rulebook)
    assert threading.active_count() == before
    fired = engine.evaluate(FULL, AS_OF)
    assert threading.active_count() == before
    assert names(fired) == FULL_FIRES  # complete when evaluate returns, nothing pending
    assert fired[1].facts == ("cdop_in_place", "cdop_review_practice")
    assert seen == [threading.get_ident()] * len(FULL_FIRES)


@pytest.mark.parametrize(
    "facts", [{}, {"lay_members_appointed": 0}, {"cdop_review_practice": "gaps"}, HALF_A]
)
def test_first_evaluation_in_which_no_rule_fires_returns_nothing(rulebook, facts):
    assert Engine(rulebook).evaluate(facts, AS_OF) == []  # fresh host: no slot used before


def test_repeated_evaluations_give_identical_results(rulebook):
    engine = Engine(rulebook)
    sets = [{}, FULL, HALF_A, {"lay_members_appointed": 3}, HALF_B]
    first = [engine.evaluate(facts, AS_OF) for facts in sets]
    assert [names(f) for f in first] == [[], FULL_FIRES, [], ["lay-members|met|0"], []]
    for _ in range(240):  # 1,200 states in all: more than the 1,024 the engine holds live at once
        assert [engine.evaluate(facts, AS_OF) for facts in sets] == first


def test_one_evaluation_leaves_nothing_for_the_next(rulebook):
    together = Engine(rulebook).evaluate(HALF_A | HALF_B, AS_OF)
    assert names(together) == ["cdop|partly-met|0", "lay-members|unmet|0"]  # so B could join A
    engine = Engine(rulebook)
    assert engine.evaluate(HALF_A, AS_OF) == []
    assert engine.evaluate(HALF_B, AS_OF) == Engine(rulebook).evaluate(HALF_B, AS_OF) == []
    assert engine.evaluate(FULL, AS_OF) == Engine(rulebook).evaluate(FULL, AS_OF)


def test_facts_no_case_tests_are_ignored(rulebook):
    engine = Engine(with_cases(rulebook, [{"lay_members_appointed": {"at_least": 2}}]))
    assert engine.evaluate({"lay_members_appointed": 1}, AS_OF) == []  # not handled: no raise
    assert names(engine.evaluate({"lay_members_appointed": 2}, AS_OF)) == ["r0|met|0"]
    real = Engine(rulebook)
    unread = {"lscb_replaced_on": PartialDate(2019), "no_such_fact": 1}
    assert real.evaluate(unread, AS_OF) == []
    assert real.evaluate({"annual_report_assessment": "no-such-level"}, AS_OF) == []


def test_dr_hash_matches_the_engine():
    assert dr_hash("id") == 926444256
    assert dr_hash("sid") == 3593476751
    assert dr_hash("f6059") == dr_hash("f264602")
    assert dr_hash("\u00e9828918") == dr_hash("\u00e91212600")  # only with signed chars
    assert dr_hash("f6059") != dr_hash("f6060")
    # The engine itself takes the colliding ids for one fact: a false duplicate.
    host = _SyncHost({"noop": lambda c: None})
    host.register_rulesets({"h": {"r": {"all": [{"m": {"v": 1}}], "run": "noop"}}})
    host.assert_fact("h", {"sid": "s", "id": "f6059", "v": 1})
    with pytest.raises(MessageObservedException):
        host.assert_fact("h", {"sid": "s", "id": "f264602", "v": 1})
    host.delete_state("h", "s")


def test_check_identities_finds_a_collision_by_birthday_search():
    seen: dict[int, str] = {}
    pair = None
    for i in range(400_000):
        name = f"f{i}"
        if (other := seen.setdefault(dr_hash(name), name)) != name:
            pair = (other, name)
            break
    assert pair is not None
    with pytest.raises(EngineError, match="same durable_rules identity hash"):
        check_identities(["lay_members_appointed", *pair])
    check_identities([pair[0], "lay_members_appointed"])


def test_real_rulebook_names_are_accepted_and_colliding_fact_names_refused(rulebook):
    engine = Engine(rulebook)
    check_identities([*engine.reads, *rulebook.requirements, "sid", "id", "value"])
    clash = with_cases(rulebook, [{"f6059": 1}, {"f264602": 1}])
    with pytest.raises(EngineError, match="'f264602' and 'f6059'"):
        Engine(clash)


def test_durable_rules_itself_swallows_an_error_raised_in_an_action():
    def boom(c: Any) -> None:
        raise ValueError("bad thing in an action")

    host = _SyncHost({"boom": boom})
    host.register_rulesets({"h": {"r": {"all": [{"m": {"v": 1}}], "run": "boom"}}})
    host.assert_fact("h", {"sid": "s", "id": "x", "v": 1})  # returns normally
    assert "bad thing in an action" in host.get_state("h", "s")["exception"]
    host.delete_state("h", "s")


class Raising(Engine):
    """An engine whose recorder raises instead of recording: the state's exception backstop."""

    def _recorder(self, key):
        def record(c: Any) -> None:
            raise ValueError(f"recorder failed for {key.name}")

        return record


class MisWired(Engine):
    """lay-members|partly-met|0 (one fact) recorded by the recorder of a two-fact case."""

    def _recorder(self, key):
        if key.name == "lay-members|partly-met|0":
            key = RuleKey("lay-members", "partly-met", 1)
        return super()._recorder(key)


@pytest.mark.parametrize(
    ("engine_class", "message"),
    [(Raising, "recorder failed for lay-members|met|0"), (MisWired, "AttributeError")],
)
def test_an_action_error_is_raised_by_evaluate(rulebook, engine_class, message):
    engine = engine_class(rulebook)
    bad = {"lay_members_appointed": 2 if engine_class is Raising else 1}
    with pytest.raises(EngineError, match=message):
        engine.evaluate(bad, AS_OF)
    assert engine.evaluate({"cdop_review_practice": "gaps"}, AS_OF) == []  # state was cleaned
    with pytest.raises(EngineError):
        engine.evaluate(bad, AS_OF)


def test_tests_per_fact_are_limited_across_requirements(rulebook):
    def spread(count: int) -> list[list[dict[str, Any]]]:  # 24 cases at most per requirement
        tests = [{"lay_members_appointed": {"at_most": k}} for k in range(10, 10 + count)]
        return [tests[i : i + 24] for i in range(0, count, 24)]

    at_limit = with_cases(rulebook, *spread(MAX_TESTS_PER_FACT))
    fired = Engine(at_limit).evaluate({"lay_members_appointed": 3}, AS_OF)
    assert len(fired) == MAX_TESTS_PER_FACT  # all 64 tests hold for 3, and the engine copes
    with pytest.raises(EngineError, match=f"tested {MAX_TESTS_PER_FACT + 1} ways"):
        Engine(with_cases(rulebook, *spread(MAX_TESTS_PER_FACT + 1)))


def test_identical_tests_count_once(rulebook):
    same = with_cases(rulebook, [{"lay_members_appointed": {"at_least": 2}}] * 100)
    assert len(Engine(same).evaluate({"lay_members_appointed": 2}, AS_OF)) == 100


def test_fact_names_read_are_limited(rulebook):
    cases = [{f"g{i}": True} for i in range(MAX_FACT_NAMES + 1)]
    with pytest.raises(EngineError, match=f"{MAX_FACT_NAMES + 1} facts are read"):
        Engine(with_cases(rulebook, cases))


ONE_OF_HANG = """
import dataclasses, sys
from pathlib import Path
from compliance.engine import Engine, EngineError
from compliance.rulebook import Requirement, load_rulebook
rb = load_rulebook(Path("rules"))
data = rb.requirements["lay-members"].model_dump(by_alias=True, exclude_none=True)
when = {"lay_members_appointed": {"one_of": list(range(2, 600))}}
data["outcomes"] = {"met": [{"when": when, "reason": "r"}]}
req = Requirement.model_validate(data)
try:
    Engine(dataclasses.replace(rb, requirements={"lay-members": req}))
except EngineError:
    sys.exit(0)
sys.exit(1)
"""


def test_a_one_of_with_more_than_511_values_is_refused_not_hung():
    try:
        run = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(ONE_OF_HANG)], cwd=ROOT, timeout=5, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail("Engine() hung compiling a one_of of 598 values")
    assert run.returncode == 0


def test_one_of_values_count_as_separate_tests_towards_the_limit(rulebook: Rulebook) -> None:
    """Two cases of 40 values each are 80 sibling tests, over the limit, though only 2 cases."""
    data = rulebook.requirements["lay-members"].model_dump(by_alias=True, exclude_none=True)
    data["outcomes"] = {
        "met": [{"when": {"lay_members_appointed": {"one_of": list(range(40))}}, "reason": "r"}],
        "unmet": [
            {"when": {"lay_members_appointed": {"one_of": list(range(40, 80))}}, "reason": "r"}
        ],
    }
    requirement = Requirement.model_validate(data)
    with pytest.raises(EngineError, match="'lay_members_appointed' is tested 80 ways; at most 64"):
        Engine(dataclasses.replace(rulebook, requirements={"lay-members": requirement}))
