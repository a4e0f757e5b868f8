"""Memory over many evaluations in one process: does judging leave anything behind?

    python benchmarks/bench_isolation.py [--evaluations 100000] [--every 10000] [--seed S]

One `Judge` judges generated fact sets (`synthetic` in bench_engine.py; a pool of 10,000
distinct ones, reused in turn) in sequence, as a long-running service or a 100,000-file run
would. The resident set is printed every `--every` evaluations. The goal (tests/test_scale.py
checks it at a tenth of this scale): memory after 100,000 evaluations within 10% of memory
after 10,000. It takes about ten minutes at the default size.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

POOL = 10_000
GOAL = 1.10


def resident_mb() -> float:
    """The resident set now (not the peak): what a leak would raise."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaluations", type=int, default=100_000)
    parser.add_argument("--every", type=int, default=10_000, help="print memory this often")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from benchmarks.bench_engine import synthetic
    from compliance.judge import Judge
    from compliance.rulebook import bind, load_rulebook

    rulebook = load_rulebook(ROOT / "rules")
    judge = Judge(bind(rulebook))
    rng = random.Random(args.seed)
    sets = [synthetic(rulebook.vocabulary, rng) for _ in range(min(POOL, args.evaluations))]
    print(f"Python {sys.version.split()[0]}; {len(sets)} distinct fact sets, judged in turn")
    print(f"{'evaluations':>12} {'resident MB':>12} {'ms each':>8}")
    print(f"{0:>12} {resident_mb():>12.1f}")
    at: dict[int, float] = {}
    start = time.perf_counter()
    for n in range(1, args.evaluations + 1):
        judge.verdicts(*sets[(n - 1) % len(sets)])
        if n % args.every == 0 or n == args.evaluations:
            gc.collect()  # what is still reachable, not garbage waiting for a collection
            at[n] = resident_mb()
            spent = (time.perf_counter() - start) / n * 1000
            print(f"{n:>12} {at[n]:>12.1f} {spent:>8.2f}", flush=True)
    base = 10_000 if 10_000 in at and args.evaluations > 10_000 else min(at)
    last = max(at)
    ratio = at[last] / at[base]
    verdict = "PASS" if ratio <= GOAL else "FAIL"
    print(
        f"memory after {last:,} / after {base:,} evaluations: {ratio:.3f}x "
        f"(goal <= {GOAL}x)  {verdict}"
    )


if __name__ == "__main__":
    main()
