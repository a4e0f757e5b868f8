"""The durable_rules engine, fenced off from its pitfalls.

durable_rules evaluates every rule; this module is the only code that touches it. What the
fence is for (each is measured; see tests/test_engine.py):

- no background threads: `_SyncHost` overrides `Host._run`, so actions run during `assert_fact`
  on the caller's thread;
- no swallowed errors: actions only record, catch their own errors, and the state's
  "exception" key is checked after every evaluation;
- strict types: only validated evidence values reach the engine, one fact name per message,
  and every rule constant was type-checked against the vocabulary when the rulebook loaded;
- one live state at a time, deleted after each evaluation, so one board's facts never meet
  another's; a sentinel fact that fires a no-op action opens every state, because deleting a
  state in which no action ran can crash the interpreter;
- identity is a 32-bit hash compared by hash alone, so every string the engine identifies
  things by is checked for collisions when the rulebook is compiled;
- limits that hang or crash (512 sibling tests, 64 tests satisfied by one fact) are guarded
  at compile time.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from durable.engine import Host, MessageNotHandledException

from compliance.conditions import MAX_ONE_OF, Condition, Test, resolve
from compliance.dates import PartialDate, months_before
from compliance.rulebook import Outcome, Rulebook

RULESET = "lscb"
STATE_ID = "assessment"
_SENTINEL = "$begin"
_PROPERTIES = ("sid", "id", "name", "value", "age_months", _SENTINEL)
MAX_FACT_NAMES = 400  # the engine hangs compiling more than 512 sibling tests under one node
MAX_TESTS_PER_FACT = 64  # more tests satisfied by one fact at one level fail with error 303


class EngineError(RuntimeError):
    """durable_rules reported an error, or the rulebook would reach one of its known limits."""


@dataclass(frozen=True)
class RuleKey:
    requirement: str
    outcome: Outcome
    case: int

    @property
    def name(self) -> str:
        return f"{self.requirement}|{self.outcome}|{self.case}"


@dataclass(frozen=True)
class Firing:
    """One rule that matched: which case of which requirement, and the facts it matched."""

    rule: RuleKey
    facts: tuple[str, ...]


class _SyncHost(Host):
    """A Host with no background loop: every action runs inside `assert_fact`."""

    def __init__(self, actions: Mapping[str, Callable[[Any], None]]) -> None:
        self._actions = dict(actions)
        super().__init__()

    def _run(self) -> None:  # the base class starts timer threads here
        return None

    def get_action(self, action_name: str) -> Callable[[Any], None]:
        return self._actions[action_name]


def dr_hash(text: str) -> int:
    """durable_rules' identity hash: 32-bit FNV-1a over UTF-8 bytes read as signed chars."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value ^= byte if byte < 0x80 else (byte | 0xFFFFFF00)
        value = (value * 16777619) & 0xFFFFFFFF
    return value


def check_identities(names: Iterable[str]) -> None:
    """Refuse a set of identifying strings in which two share a hash."""
    seen: dict[int, str] = {}
    for name in sorted(set(names)):
        other = seen.setdefault(dr_hash(name), name)
        if other != name:
            raise EngineError(
                f"'{other}' and '{name}' have the same durable_rules identity hash; rename one"
            )


class Engine:
    """A rulebook compiled into one durable_rules ruleset, with fixed parameter values."""

    def __init__(
        self, rulebook: Rulebook, overrides: Mapping[str, Mapping[str, int]] | None = None
    ):
        self.rulebook = rulebook
        self._parameters = {
            rid: req.parameter_values(dict((overrides or {}).get(rid, {})))
            for rid, req in rulebook.requirements.items()
        }
        self._rules: dict[str, RuleKey] = {}
        self.reads: set[str] = set()
        ruleset = self._compile()
        self._fired: list[Firing] = []
        self._errors: list[str] = []
        self._lock = threading.Lock()
        actions: dict[str, Callable[[Any], None]] = {_SENTINEL: _no_op}
        actions.update({name: self._recorder(key) for name, key in self._rules.items()})
        self._host = _SyncHost(actions)
        # register_rulesets deletes the "run" keys of what it is given: hand it a copy.
        self._host.register_rulesets(copy.deepcopy({RULESET: ruleset}))

    def parameters(self, requirement: str) -> dict[str, int]:
        return dict(self._parameters[requirement])

    # -- compiling -----------------------------------------------------------------------------

    def _compile(self) -> dict[str, Any]:
        ruleset: dict[str, Any] = {_SENTINEL: {"all": [{"m": {_SENTINEL: 1}}], "run": _SENTINEL}}
        tests_per_fact: dict[str, set[str]] = defaultdict(set)
        for rid, requirement in self.rulebook.requirements.items():
            params = self._parameters[rid]
            for outcome, cases in requirement.outcomes.items():
                for index, case in enumerate(cases):
                    key = RuleKey(rid, outcome, index)
                    patterns = []
                    for i, fact in enumerate(sorted(case.when)):
                        test = _test(resolve(case.when[fact], params))
                        # Each alternative of a one_of is a sibling test of its own.
                        for alternative in test.get("$or", [test]):
                            tests_per_fact[fact].add(json.dumps(alternative, sort_keys=True))
                        patterns.append({f"m_{i}": {"$and": [{"name": fact}, test]}})
                        self.reads.add(fact)
                    ruleset[key.name] = {"all": patterns, "run": key.name}
                    self._rules[key.name] = key
        if len(self.reads) > MAX_FACT_NAMES:
            raise EngineError(
                f"{len(self.reads)} facts are read; the engine allows {MAX_FACT_NAMES}"
            )
        for fact, tests in tests_per_fact.items():
            if len(tests) > MAX_TESTS_PER_FACT:
                raise EngineError(
                    f"'{fact}' is tested {len(tests)} ways; at most {MAX_TESTS_PER_FACT}"
                )
        check_identities([*_PROPERTIES, STATE_ID, RULESET, *ruleset, *self.reads, *self._levels()])
        return ruleset

    def _levels(self) -> list[str]:
        return [lvl for d in self.rulebook.vocabulary.facts.values() for lvl in d.level_names]

    def _recorder(self, key: RuleKey) -> Callable[[Any], None]:
        patterns = len(
            self.rulebook.requirements[key.requirement].outcomes[key.outcome][key.case].when
        )

        def record(c: Any) -> None:
            try:
                facts = tuple(getattr(c, f"m_{i}").id for i in range(patterns))
                self._fired.append(Firing(key, facts))
            except Exception as exc:  # durable_rules would swallow it: keep it to re-raise
                self._errors.append(f"{key.name}: {exc!r}")

        return record

    # -- evaluating ----------------------------------------------------------------------------

    def evaluate(self, facts: Mapping[str, Any], as_of: dt.date) -> list[Firing]:
        """Every rule the facts satisfy, evaluated in a fresh state that is deleted after."""
        with self._lock:
            self._fired, self._errors = [], []
            self._host.assert_fact(RULESET, {"sid": STATE_ID, "id": _SENTINEL, _SENTINEL: 1})
            try:
                for name in sorted(set(facts) & self.reads):
                    try:
                        self._host.assert_fact(RULESET, _message(name, facts[name], as_of))
                    except MessageNotHandledException:
                        continue  # the fact satisfies no rule's test: nothing fires for it
                    except Exception as exc:  # any other engine error must not pass silently
                        raise EngineError(f"durable_rules refused fact '{name}': {exc}") from exc
                exception = self._host.get_state(RULESET, STATE_ID).get("exception")
            finally:
                self._host.delete_state(RULESET, STATE_ID)
            if exception or self._errors:
                raise EngineError(f"a rule action failed: {exception or self._errors[0]}")
            return sorted(self._fired, key=lambda f: f.rule.name)


def _no_op(c: Any) -> None:
    return None


def _message(name: str, value: Any, as_of: dt.date) -> dict[str, Any]:
    message: dict[str, Any] = {"sid": STATE_ID, "id": name, "name": name}
    if isinstance(value, PartialDate):
        message["value"] = min(value.latest, as_of).isoformat()
        message["age_months"] = months_before(value, as_of)
    else:
        message["value"] = value
    return message


def _test(condition: Condition) -> dict[str, Any]:
    """One condition as a durable_rules test against a constant."""
    if not isinstance(condition, Test):
        return {"value": condition}
    operand = condition.operand
    if condition.operator == "one_of" and len(operand) > MAX_ONE_OF:  # type: ignore[arg-type]
        raise EngineError(f"a one_of lists more than {MAX_ONE_OF} values; the engine would hang")
    return {
        "one_of": lambda: {"$or": [{"value": v} for v in operand]},  # type: ignore[union-attr]
        "at_least": lambda: {"$gte": {"value": operand}},
        "at_most": lambda: {"$lte": {"value": operand}},
        "within_months": lambda: {"$lte": {"age_months": operand}},
        "older_than_months": lambda: {"$gt": {"age_months": operand}},
    }[condition.operator]()
