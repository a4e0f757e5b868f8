"""Isolation: an assessment judged in one process, after any others, gives exactly what it gives
alone.

`lscb assess` judges a folder's files one after another with one `Judge` (one durable_rules
host), so whatever an earlier evaluation leaves in the engine must never reach a later one.
The law, checked here as a property: fact sets (random dates, values in every form; `synthetic`
in benchmarks/bench_engine.py) are judged in sequence by the session's judge, after whatever
the suite has judged before, and then each alone by a fresh judge whose durable_rules host was
never used; every verdict, every field and trace included, must be the same. Then the sequence
is judged again in reverse by the same judge: each set follows another history and must decide
the same.

The scale part (10,000 judgements, memory flat from 1,000 to 10,000) served a dropped goal;
the memory figure is measured by `python benchmarks/bench_isolation.py`, not by the tests.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.bench_engine import synthetic
from compliance.engine import CoreRuleset
from compliance.judge import Judge
from compliance.rulebook import Rulebook, bind

# A few hundred judgements: 3 examples of 30 to 60 fact sets, each set judged three times.
EXAMPLES, LARGEST = 3, 60


@pytest.fixture(scope="module")
def alone(rulebook: Rulebook) -> Judge:
    """A judge of its own, whose host is replaced before each set it judges."""
    return Judge(bind(rulebook))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seeds=st.lists(st.integers(0, 2**32), min_size=LARGEST // 2, max_size=LARGEST, unique=True))
def test_each_assessment_in_a_sequence_gives_what_it_gives_alone(
    rulebook: Rulebook, judge: Judge, alone: Judge, seeds: list[int]
) -> None:
    sets = [synthetic(rulebook.vocabulary, random.Random(seed)) for seed in seeds]
    in_sequence = [repr(judge.verdicts(facts, days)) for facts, days in sets]
    for (facts, days), seen in zip(sets, in_sequence, strict=True):
        alone.host = CoreRuleset(alone.compiled)  # nothing of any earlier evaluation remains
        assert repr(alone.verdicts(facts, days)) == seen
    backwards = [repr(judge.verdicts(facts, days)) for facts, days in reversed(sets)]
    assert backwards[::-1] == in_sequence
    assert len(set(in_sequence)) > 1  # the sets really differ
