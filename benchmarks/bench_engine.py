"""Figures for the rules engine: load, compile, and cost per assessment.

    python benchmarks/bench_engine.py [--repeat N] [--seed S]

Prints the time to load the rulebook, to compile it into durable_rules, and milliseconds per
assessment for (a) the bundled evidence files, loaded once and assessed N times each, and (b)
N synthetic, well-typed fact sets on random dates; then the peak resident memory.
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


def timed(func: Callable[[], Any], times: int) -> tuple[list[float], Any]:
    """Seconds for each of `times` calls, and the last result."""
    spans, result = [], None
    for _ in range(times):
        start = time.perf_counter()
        result = func()
        spans.append(time.perf_counter() - start)
    return spans, result


def synthetic(vocabulary: Any, rng: random.Random) -> tuple[dict[str, Any], dt.date]:
    """A random fact set that evidence validation would accept, and a date to judge it on."""
    from compliance.dates import PartialDate

    as_of = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(10 * 365))
    facts: dict[str, Any] = {}
    for name, definition in vocabulary.facts.items():
        if rng.random() > (0.1 if name == "lscb_replaced_on" else 0.75):
            continue
        if definition.type == "count":
            facts[name] = rng.randrange(5)
        elif definition.type == "yes-no":
            facts[name] = rng.random() < 0.5
        elif definition.type == "level":
            facts[name] = rng.choice(definition.level_names)
        else:
            day = as_of - dt.timedelta(days=rng.randrange(6 * 365))
            precision = rng.choice(("year", "month", "day"))
            facts[name] = PartialDate(
                day.year,
                day.month if precision != "year" else None,
                day.day if precision == "day" else None,
            )
    return facts, as_of


Rows = list[tuple[str, int, float]]  # (what, how many runs, median seconds per run)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def bench_evidence(rows: Rows, rulebook: Any, assessor: Any, repeat: int) -> Counter[str]:
    """Bundled evidence: load once (quotes checked), then assess each file `repeat` times."""
    from compliance.evidence import load_evidence

    files = sorted((ROOT / "evidence").glob("*.yaml"))
    spans, evidence = timed(lambda: [load_evidence(p, rulebook.vocabulary) for p in files], 1)
    rows.append((f"load {len(files)} evidence files (quotes checked)", 1, spans[0]))
    verdicts: Counter[str] = Counter()
    for item in evidence:
        spans, result = timed(lambda item=item: assessor.assess(item), repeat)
        verdicts.update(v.verdict for v in result.verdicts)
        rows.append((f"assess {item.path.name}", repeat, statistics.median(spans)))
    engine = assessor.engine
    spans = [
        s
        for e in evidence
        for s in timed(lambda e=e: engine.evaluate(e.values(), e.date), repeat)[0]
    ]
    rows.append(("  of which engine.evaluate (all files)", len(spans), statistics.median(spans)))
    return verdicts


def bench_synthetic(rows: Rows, rulebook: Any, assessor: Any, repeat: int, seed: int) -> int:
    """`repeat` random well-typed fact sets, judged once each; returns how many hit a defect."""
    from compliance.errors import RulebookDefect

    rng = random.Random(seed)
    sets = [synthetic(rulebook.vocabulary, rng) for _ in range(repeat)]
    defects = 0

    def judge(facts: dict[str, Any], as_of: dt.date) -> None:
        nonlocal defects
        try:
            assessor.judge(facts, as_of)
        except RulebookDefect:
            defects += 1

    engine = assessor.engine
    for what, func in (
        (f"judge synthetic fact sets (seed {seed})", judge),
        ("  of which engine.evaluate", engine.evaluate),
    ):
        spans = [timed(lambda f=f, d=d, func=func: func(f, d), 1)[0][0] for f, d in sets]
        rows.append((what, len(spans), statistics.median(spans)))
    spans, _ = timed(lambda: engine.evaluate({}, dt.date(2016, 1, 1)), repeat)
    rows.append(("engine.evaluate, no facts", repeat, statistics.median(spans)))
    return defects


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000, help="assessments per input")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic fact sets")
    args = parser.parse_args()

    from compliance.assessment import Assessor
    from compliance.engine import Engine
    from compliance.rulebook import load_rulebook

    rows: Rows = []
    spans, rulebook = timed(lambda: load_rulebook(ROOT / "rules"), 1)
    rows.append(("load rulebook (first)", 1, spans[0]))
    spans, _ = timed(lambda: load_rulebook(ROOT / "rules"), 20)
    rows.append(("load rulebook (again)", 20, statistics.median(spans)))
    spans, engine = timed(lambda: Engine(rulebook), 50)
    what = f"compile engine ({len(engine._rules)} rules, {len(engine.reads)} facts read)"
    rows.append((what, 50, statistics.median(spans)))
    assessor = Assessor(rulebook)
    rss_setup = peak_rss_mb()
    verdicts = bench_evidence(rows, rulebook, assessor, args.repeat)
    defects = bench_synthetic(rows, rulebook, assessor, args.repeat, args.seed)

    width = max(len(what) for what, _, _ in rows)
    print(f"Python {sys.version.split()[0]}, --repeat {args.repeat}")
    print(f"{'what':<{width}}  {'runs':>6}  {'ms each (median)':>16}")
    print(f"{'-' * width}  {'-' * 6}  {'-' * 16}")
    for what, count, seconds in rows:
        print(f"{what:<{width}}  {count:>6}  {seconds * 1000:>16.3f}")
    print()
    print(f"verdicts, last run of each bundled file: {dict(sorted(verdicts.items()))}")
    print(f"synthetic sets that hit a RulebookDefect: {defects}")
    print(f"peak RSS: {rss_setup:.1f} MB after setup, {peak_rss_mb():.1f} MB at the end")


if __name__ == "__main__":
    main()
