"""Isolation at scale: ten thousand assessments in one process, each as if judged alone.

What is compared, exactly (judging costs milliseconds, so the suite cannot afford everything):

- 10,000 generated fact sets (random dates, values in every form; `synthetic` in
  benchmarks/bench_engine.py) are judged in sequence by one `Judge`, in this process, as
  `lscb assess` judges a folder. For every 10th (a fixed sample of 1,000) the verdicts, every
  field and trace included, are kept as a digest of their repr; for all, the verdict names,
  to show that the sets really differ.
- Every 10th of them (1,000, a fixed sample) is judged alone in another process: a fresh
  interpreter that regenerates the same fact sets from the seed and gives each sampled one a
  fresh durable_rules host (the compiled rules registered anew), so no engine state of any
  earlier evaluation exists where it is judged. Every sampled digest must equal its digest
  from the sequence. (A fresh host costs 10 ms; for all 10,000 the suite cannot wait.)
- All 10,000 are judged again in that process, in reverse order by one judge, so that each
  follows a different history; every one's decisions (verdict and reason per requirement) must
  equal its decisions in the forward sequence. This runs on the second core while this
  process judges the sequence.
- Memory: the resident set after 10,000 evaluations must be within 10% of what it was after
  1,000 (the suite's scale). The issue's figure, 100,000 against 10,000, takes ten minutes
  and is printed by `python benchmarks/bench_isolation.py`.

The test takes as long as 10,000 judgements in a row: about 60 s at 6 ms each, two minutes
at the 12 ms measured on a busy two-core machine. Faster judging makes it faster.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from benchmarks.bench_engine import synthetic
from compliance.engine import CoreRuleset
from compliance.judge import Judge
from compliance.rulebook import bind, load_rulebook
from tests.conftest import RULES

COUNT, EVERY, SEED = 10_000, 10, 20240601
MEMORY_CHECKPOINT = 1_000


def fact_sets(vocabulary: Any, count: int, seed: int) -> list[tuple[dict[str, Any], Any]]:
    rng = random.Random(seed)
    return [synthetic(vocabulary, rng) for _ in range(count)]


def digest(verdicts: Any) -> str:
    """The verdicts, every field, as a short string that is the same in any process (no sets
    in them, so their repr does not depend on the hash seed)."""
    return hashlib.sha256(repr(verdicts).encode()).hexdigest()


def decisions(verdicts: Any) -> str:
    """Each requirement's verdict and reason, as a digest (kept for all 10,000, so small)."""
    return digest(tuple((v.requirement, v.verdict, v.reason) for v in verdicts))


def judged_alone(
    rules: Path, count: int, seed: int, every: int
) -> tuple[dict[int, str], list[str]]:
    """In a fresh process: each `every`th fact set judged in a fresh durable_rules host, and
    then every fact set judged in reverse order by one judge (its decisions, in input order)."""
    rulebook = load_rulebook(rules)
    judge = Judge(bind(rulebook))
    sets = fact_sets(rulebook.vocabulary, count, seed)
    found = {}
    for i in range(0, count, every):
        judge.host = CoreRuleset(judge.compiled)  # nothing of any earlier evaluation remains
        found[i] = digest(judge.verdicts(*sets[i]))
    backwards = [decisions(judge.verdicts(*sets[i])) for i in reversed(range(count))]
    return found, backwards[::-1]


def resident_mb() -> float:
    """The resident set now, after a collection: what is still reachable, not the peak."""
    gc.collect()
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads memory from /proc")
def test_ten_thousand_in_sequence_give_what_each_gives_alone_and_memory_stays_flat() -> None:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, context) as pool:
        alone = pool.submit(judged_alone, RULES, COUNT, SEED, EVERY)
        rulebook = load_rulebook(RULES)
        judge = Judge(bind(rulebook))
        sets = fact_sets(rulebook.vocabulary, COUNT, SEED)
        in_sequence: dict[int, str] = {}
        forwards, outcomes, rss = [], set(), {}
        for i, (facts, days) in enumerate(sets):
            verdicts = judge.verdicts(facts, days)
            forwards.append(decisions(verdicts))
            outcomes.add(tuple(v.verdict for v in verdicts))
            if i % EVERY == 0:  # a digest costs a millisecond: only for the sample
                in_sequence[i] = digest(verdicts)
            if i + 1 in (MEMORY_CHECKPOINT, COUNT):
                rss[i + 1] = resident_mb()
        sample, backwards = alone.result()
    reordered = [i for i in range(COUNT) if forwards[i] != backwards[i]]
    assert reordered == [], f"{len(reordered)} decided otherwise after another history"
    assert sorted(sample) == sorted(in_sequence) == list(range(0, COUNT, EVERY))
    differ = [i for i, found in sample.items() if in_sequence[i] != found]
    assert differ == [], f"{len(differ)} of {len(sample)} differ when judged alone: {differ[:10]}"
    assert len(outcomes) > 100  # the fact sets really give different verdicts
    growth = rss[COUNT] / rss[MEMORY_CHECKPOINT]
    assert growth <= 1.10, f"resident memory grew {growth:.3f}x from 1,000 to 10,000: {rss}"
