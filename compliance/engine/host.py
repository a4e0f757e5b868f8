"""The durable_rules engine, fenced off from its pitfalls: the only code that touches it.

What the fence is for (each is measured; see tests/test_engine.py):

- no background threads: `_SyncHost` overrides `Host._run`, so actions run during
  `assert_fact` on the caller's thread;
- no swallowed errors: actions only record, catch their own errors, and the state's
  "exception" key is checked after every batch of facts;
- one live state at a time, deleted when the session ends, so one board's facts never meet
  another's; a sentinel fact that fires a no-op action opens every state, because deleting a
  state in which no action ran can crash the interpreter;
- facts are asserted one at a time (a batch with one unhandled fact leaves the others'
  actions pending);
- no clock: durable_rules drops the rest of a chain of actions once it thinks an action took
  more than ten seconds, measured on the local wall clock (`Closure._has_completed`), so a
  long pause of the process (a garbage collection over a large heap, a suspended machine) or
  the clock stepping forward would leave rules unfired; each action therefore tells its
  closure it started at no time at all.

A session is evaluated in layers: the judge asserts the evidence facts, reads which rules
fired, judges those requirements, then asserts their verdicts as facts for composites.
"""

from __future__ import annotations

import copy
import math
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from durable.engine import Host, MessageNotHandledException

from compliance.engine.compile import RULESET, SENTINEL, STATE_ID, CompiledRulebook, EngineError


class _SyncHost(Host):
    """A Host with no background loop: every action runs inside `assert_fact`."""

    def __init__(self, actions: Mapping[str, Callable[[Any], None]]) -> None:
        self._actions = dict(actions)
        super().__init__()

    def _run(self) -> None:  # the base class starts timer threads here
        return None

    def get_action(self, action_name: str) -> Callable[[Any], None]:
        return self._actions[action_name]


class Session:
    """One assessment's state in the engine, open for a sequence of layers."""

    def __init__(self, host: _SyncHost, fired: list[str], errors: list[str]) -> None:
        self._host, self._fired, self._errors = host, fired, errors

    def assert_facts(self, messages: Iterable[dict[str, Any]]) -> list[str]:
        """Assert each message; the names of the rules that fired as a result, in order."""
        self._fired.clear()
        for message in messages:
            try:
                self._host.assert_fact(RULESET, {"sid": STATE_ID, "id": message["name"], **message})
            except MessageNotHandledException:
                continue  # the fact passes no rule's test: nothing fires for it
            except Exception as exc:  # any other engine error must not pass silently
                raise EngineError(f"durable_rules refused fact '{message['name']}': {exc}") from exc
        exception = self._host.get_state(RULESET, STATE_ID).get("exception")
        if exception or self._errors:
            raise EngineError(f"a rule action failed: {exception or self._errors[0]}")
        return list(self._fired)


class FencedHost:
    """A compiled rulebook registered in its own durable_rules host."""

    def __init__(self, compiled: CompiledRulebook) -> None:
        self._fired: list[str] = []
        self._errors: list[str] = []
        self._lock = threading.Lock()
        actions: dict[str, Callable[[Any], None]] = {SENTINEL: _no_op}
        actions.update(
            {name: self._recorder(name, sorted(case.when)) for name, case in compiled.rules.items()}
        )
        self._host = _SyncHost(actions)
        # register_rulesets deletes the "run" keys of what it is given: hand it a copy.
        self._host.register_rulesets(copy.deepcopy({RULESET: compiled.ruleset}))

    def _recorder(self, name: str, facts: list[str]) -> Callable[[Any], None]:
        """An action that records its rule, after checking it matched the facts it tests."""

        # The matched facts are read from the closure's message dict (`c._m`, durable_rules
        # 2.0.28, which is pinned) rather than through `c.m_0.name`: that public path raises
        # and catches an AttributeError and wraps two objects per pattern, about 3 µs a fired
        # rule against 0.2 µs. Should the attribute ever change, every action fails loudly.
        keys = tuple(f"m_{i}" for i in range(len(facts)))

        def record(c: Any) -> None:
            try:
                message = c._m
                matched = [message[key]["name"] for key in keys]
                if matched != facts:
                    raise EngineError(f"matched {matched}, expected {facts}")
                self._fired.append(name)
            except Exception as exc:  # durable_rules would swallow it: keep it to re-raise
                self._errors.append(f"{name}: {exc!r}")
            finally:
                _timeless(c)

        return record

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A fresh state for one assessment, deleted afterwards whatever happens."""
        with self._lock:
            self._fired.clear()
            self._errors.clear()
            self._host.assert_fact(RULESET, {"sid": STATE_ID, "id": SENTINEL, SENTINEL: 1})
            try:
                yield Session(self._host, self._fired, self._errors)
            finally:
                self._host.delete_state(RULESET, STATE_ID)


def _no_op(c: Any) -> None:
    _timeless(c)


def _timeless(c: Any) -> None:
    """Read by durable_rules right after an action returns: "now - start > 10 s" ends the
    chain of actions and leaves the state locked, so nothing fires in it again. With no
    start, no pause or clock step can end it."""
    c._start_time = math.inf
