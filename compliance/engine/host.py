"""durable_rules, driven through its C core: the only code that touches the engine.

durable_rules is two layers: a C core (`durable_rules_engine`) that holds the rulesets and the
states and does all the matching, and a Python host (`durable.engine`) that runs each fired
rule's action as a callback. We drive the core ourselves and leave the host out, so that its
pitfalls are gone rather than fenced (see tests/test_engine.py and durable-rules-notes.md):

- no threads: the host's background loop and timers are never started;
- no swallowed errors: the host catches whatever an action raises and keeps it as a string in
  the state; here there are no callbacks, the driver reads which rule is ready and records it
  itself, so an error is raised where it happens;
- no clock that ends a run early: the host drops the rest of a chain of actions once its local
  wall clock says an action took more than ten seconds (`Closure._has_completed`), which a
  long garbage collection or a clock step triggered; the core's own lease (30 s on `time()`)
  is released each time an action is completed, before the next is looked for, so it never
  holds one back;
- a fraction of the cost: the host built a closure and decoded and re-encoded the state for
  every fired rule (about 25 µs each, per the field notes); asserting an assessment's 73
  facts and running its 127 fired rules fell from 2.1 ms to 0.9 (generated files, measured).

Kept from before: one live state at a time, deleted when the session ends, so one board's facts
never meet another's; a sentinel fact that fires at the start of every state, because deleting
a state in which no action ran can crash the interpreter; facts asserted one at a time.

A session is evaluated in layers: the judge asserts the evidence facts, reads which rules
fired, judges those requirements, then asserts their verdicts as facts for composites.
"""

from __future__ import annotations

import json
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import durable_rules_engine as core

from compliance.engine.compile import RULESET, SENTINEL, STATE_ID, CompiledRulebook, EngineError

# What `core.assert_fact` answers first: the fact was taken and matched a test, it matched no
# test, or an equal fact (by identity hash) is already in the state.
HANDLED, NOT_HANDLED = 0, 1


@dataclass(frozen=True)
class EngineFact:
    """A fact as the core reads it, encoded once: the same facts recur in board after board
    (an unstated fact, a level, a count), and encoding each anew was about a seventh of the
    engine's time (profiled)."""

    name: str
    text: str  # the JSON the core is given, its id the fact's name

    @classmethod
    def of(cls, message: Mapping[str, Any]) -> EngineFact:
        name = message["name"]
        return cls(name, json.dumps({"sid": STATE_ID, "id": name, **message}, ensure_ascii=False))


_OPENING = EngineFact.of({"name": SENTINEL, SENTINEL: 1})


class Session:
    """One assessment's state in the engine, open for a sequence of layers."""

    def __init__(self, ruleset: CoreRuleset) -> None:
        self._ruleset = ruleset

    def assert_facts(self, facts: Iterable[EngineFact]) -> list[str]:
        """Assert each fact; the names of the rules that fired as a result, in order."""
        fired: list[str] = []
        for fact in facts:
            self._ruleset.assert_fact(fact, fired)
        return fired


class CoreRuleset:
    """A compiled rulebook, created as a ruleset in durable_rules' C core and driven there
    directly, on the caller's thread: no Python host, so nothing of it to fence. Each fact is
    asserted alone, each rule the core makes ready is checked against the facts it tests and
    recorded, and one assessment's state is live at a time (`session`)."""

    def __init__(self, compiled: CompiledRulebook) -> None:
        # The facts each rule tests, in pattern order (m_0, m_1, ...): what it must match.
        self._tests = {name: sorted(case.when) for name, case in compiled.rules.items()}
        self._tests[SENTINEL] = []
        self._lock = threading.Lock()
        definition = json.dumps(compiled.ruleset, ensure_ascii=False)
        self._ruleset = core.create_ruleset(RULESET, definition)
        # The core keeps a ruleset until told; one no longer used here frees its own.
        weakref.finalize(self, core.delete_ruleset, self._ruleset)

    def assert_fact(self, fact: EngineFact, fired: list[str]) -> None:
        """Assert one fact and run every rule it makes ready, noting each in `fired`."""
        name = fact.name
        try:
            answer, state = core.assert_fact(self._ruleset, fact.text)
        except Exception as exc:  # the core's errors (an exhausted limit, a bad fact)
            raise EngineError(f"durable_rules refused fact '{name}': {exc}") from exc
        if answer == NOT_HANDLED:
            return  # the fact passes no rule's test: nothing fires for it
        if answer != HANDLED:
            raise EngineError(f"durable_rules refused fact '{name}' (answer {answer})")
        try:
            ready = core.start_action_for_state(self._ruleset, state)
            action = ready[1] if ready else None
            while action is not None:
                fired.append(self._matched(json.loads(action)))
                action = core.complete_and_start_action(self._ruleset, state)
        except Exception as exc:
            core.abandon_action(self._ruleset, state)
            if isinstance(exc, EngineError):
                raise
            raise EngineError(f"durable_rules failed after fact '{name}': {exc}") from exc

    def _matched(self, action: dict[str, dict[str, Any]]) -> str:
        """The rule the core made ready, after checking it matched the facts it tests."""
        ((rule, patterns),) = action.items()
        tests = self._tests.get(rule)
        if tests is None:
            raise EngineError(f"durable_rules fired '{rule}', which is not in the rulebook")
        matched = [patterns[f"m_{i}"]["name"] for i in range(len(tests))]
        if matched != tests:
            raise EngineError(f"durable_rules fired '{rule}' on {matched}, expected {tests}")
        return rule

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A fresh state for one assessment, deleted afterwards whatever happens."""
        with self._lock:
            self.assert_fact(_OPENING, [])
            try:
                yield Session(self)
            finally:
                core.delete_state(self._ruleset, STATE_ID)
