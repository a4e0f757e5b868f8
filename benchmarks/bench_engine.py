"""Figures for the rules engine: load, bind, compile, and cost per assessment.

    python benchmarks/bench_engine.py [--repeat N] [--seed S]

Prints the time to load the rulebook, to bind and compile it into durable_rules, and
milliseconds per assessment for (a) the bundled evidence files, loaded once and assessed N
times each, and (b) N synthetic fact sets on random dates, with values in every form documents
use (exact, bounded, a range of dates, a choice of levels, not stated); then peak memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

Rows = list[tuple[str, int, float]]  # (what, how many runs, median seconds per run)


def timed(func: Callable[[], Any], times: int) -> tuple[list[float], Any]:
    """Seconds for each of `times` calls, and the last result."""
    spans, result = [], None
    for _ in range(times):
        start = time.perf_counter()
        result = func()
        spans.append(time.perf_counter() - start)
    return spans, result


def synthetic(vocabulary: Any, rng: random.Random) -> tuple[dict[str, Any], Any]:
    """A random set of known facts, as evidence validation would accept them, and a date."""
    from compliance.evidence import KnownFact
    from compliance.values import ChoiceValue, CountValue, DateValue, DayRange

    day = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(10 * 365))
    facts: dict[str, Any] = {}
    for name, definition in vocabulary.facts.items():
        if rng.random() > (0.1 if name == "lscb_replaced_on" else 0.75):
            continue
        if definition.type == "count":
            low = rng.randrange(4)
            value: Any = CountValue(low, rng.choice([low, low + 2, None]), "")
        elif definition.type == "date":
            latest = day - dt.timedelta(days=rng.randrange(6 * 365))
            earliest = latest - dt.timedelta(days=rng.choice([0, 30, 365]))
            value = DateValue(DayRange(earliest, latest), False, "")
        else:
            options = list(definition.options)
            value = ChoiceValue(tuple(rng.sample(options, rng.choice([1, 1, len(options)]))))
        facts[name] = KnownFact(name, value)
    return facts, DayRange(day, day)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def bench_evidence(rows: Rows, rulebook: Any, judge: Any, repeat: int) -> Counter[str]:
    """Bundled evidence: load once (quotes checked), then assess each file `repeat` times."""
    from compliance.api import load_all

    files = [ROOT / "evidence"]
    spans, evidence = timed(lambda: load_all(files, rulebook), 1)
    rows.append((f"load {len(evidence)} evidence files (quotes checked)", 1, spans[0]))
    verdicts: Counter[str] = Counter()
    for item in evidence:
        spans, result = timed(lambda item=item: judge.assess(item), repeat)
        verdicts.update(v.verdict for v in result.verdicts)
        rows.append((f"assess {item.path.name}", repeat, statistics.median(spans)))
    return verdicts


def bench_synthetic(rows: Rows, rulebook: Any, judge: Any, repeat: int, seed: int) -> None:
    rng = random.Random(seed)
    sets = [synthetic(rulebook.vocabulary, rng) for _ in range(repeat)]
    spans = [timed(lambda f=f, d=d: judge.verdicts(f, d), 1)[0][0] for f, d in sets]
    rows.append((f"judge synthetic fact sets (seed {seed})", len(spans), statistics.median(spans)))
    spans, _ = timed(lambda: judge.verdicts({}, sets[0][1]), repeat)
    rows.append(("judge with no facts stated", repeat, statistics.median(spans)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000, help="assessments per input")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic fact sets")
    args = parser.parse_args()

    from compliance.engine import compile_rulebook
    from compliance.judge import Judge
    from compliance.rulebook import bind, load_rulebook

    rows: Rows = []
    spans, rulebook = timed(lambda: load_rulebook(ROOT / "rules"), 1)
    rows.append(("load rulebook, coverage checked (first)", 1, spans[0]))
    spans, _ = timed(lambda: load_rulebook(ROOT / "rules"), 20)
    rows.append(("load rulebook (again)", 20, statistics.median(spans)))
    bound = bind(rulebook)
    spans, compiled = timed(lambda: compile_rulebook(bound), 50)
    what = f"compile ({len(compiled.rules)} rules, {len(compiled.facts)} facts read)"
    rows.append((what, 50, statistics.median(spans)))
    judge = Judge(bound)
    rss_setup = peak_rss_mb()
    verdicts = bench_evidence(rows, rulebook, judge, args.repeat)
    bench_synthetic(rows, rulebook, judge, args.repeat, args.seed)

    width = max(len(what) for what, _, _ in rows)
    print(f"Python {sys.version.split()[0]}, --repeat {args.repeat}")
    print(f"{'what':<{width}}  {'runs':>6}  {'ms each (median)':>16}")
    print(f"{'-' * width}  {'-' * 6}  {'-' * 16}")
    for what, count, seconds in rows:
        print(f"{what:<{width}}  {count:>6}  {seconds * 1000:>16.3f}")
    print()
    print(f"verdicts, last run of each bundled file: {dict(sorted(verdicts.items()))}")
    print(f"peak RSS: {rss_setup:.1f} MB after setup, {peak_rss_mb():.1f} MB at the end")
    print()
    from compliance.rulebook.packs import available_packs

    packs = available_packs(ROOT / "rules")
    everything = compile_rulebook(bind(load_rulebook(ROOT / "rules", packs=packs)))
    print(f"engine limits with every pack ({', '.join(packs)}), the margin left before")
    print("durable_rules hangs or fails:")
    for what, used, limit in everything.margins():
        print(f"  {what:<48} {used:>4} of {limit:>4}  ({limit / max(used, 1):.0f}x margin)")


if __name__ == "__main__":
    main()
