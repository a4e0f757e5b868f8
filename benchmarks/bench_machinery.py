"""Does each piece of speed machinery earn its lines? Each measured with and without it.

    python benchmarks/bench_machinery.py [N]      # N generated evidence files (default 300)

In this process, on N files like the bundled ones (benchmarks/corpus.py): loading them with
and without the cache of read source documents (evidence/quotes.py `_read`); judging them with
and without the judge's caches (judge/judge.py `_message`, `_unstated`, `_signature`); what
the per-judge plan (judge/plan.py) saves each assessment (one `plan_requirements`, which
every assessment would otherwise make); drawing the table and the JSON with and without the
printable-text shortcut (reading/inert.py `_plainly_safe`); and building the reading model,
which its cache (evidence/model.py `_reading_model`) spares every file but the first. Each
figure is the median of three passes, in milliseconds per file.
"""

import functools
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import generate
from compliance import api
from compliance.evidence import load as stages
from compliance.evidence import quotes
from compliance.evidence.model import _reading_model
from compliance.judge import Judge
from compliance.judge import plan as planmod
from compliance.judge.law import law_signature
from compliance.reading import inert
from compliance.render import FORMATS, RenderOptions
from compliance.result.run import RunResult

Files = list[Path]


def per_file(func: Callable[[], Any], count: int) -> tuple[float, Any]:
    """Milliseconds per file (median of three passes) and the last pass's result."""
    spans, result = [], None
    for _ in range(3):
        start = time.perf_counter()
        result = func()
        spans.append(time.perf_counter() - start)
    return statistics.median(spans) / count * 1000, result


def each(func: Callable[[], Any], times: int) -> float:
    start = time.perf_counter()
    for _ in range(times):
        func()
    return (time.perf_counter() - start) / times * 1000


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    folder = Path(tempfile.mkdtemp(prefix="lscb-machinery-"))
    try:
        generate(folder, count)
        measure(api.evidence_files([folder]))
    finally:
        shutil.rmtree(folder)


def measure(files: Files) -> None:
    count = len(files)
    bound = api.Assessor().bound
    rulebook = bound.rulebook

    def load_all() -> list[Any]:
        return [stages.load_evidence(path, rulebook, None) for path in files]

    def judge_all(evidence: list[Any], cached: bool = True) -> list[Any]:
        judge = Judge(bound)
        if not cached:
            judge._message, judge._unstated = judge._encode, judge._unknown  # type: ignore[method-assign]
            judge._signature = functools.partial(law_signature, rulebook)  # type: ignore[method-assign]
        return [judge.assess(e) for e in evidence]

    print(f"{count} files; milliseconds per file, with / without")
    with_cache, evidence = per_file(load_all, count)
    cached_read = quotes._read
    quotes._read = cached_read.__wrapped__  # type: ignore[assignment]
    try:
        without, _ = per_file(load_all, count)
    finally:
        quotes._read = cached_read
    print(f"  load, quotes._read cache:            {with_cache:8.3f} / {without:8.3f}")
    with_cache, results = per_file(lambda: judge_all(evidence), count)
    without, _ = per_file(lambda: judge_all(evidence, cached=False), count)
    print(f"  judge, the judge's lru_caches:       {with_cache:8.3f} / {without:8.3f}")
    plan = each(lambda: planmod.plan_requirements(bound), 20)
    print(f"  judge, the per-judge plan:            (each assessment would add {plan:.3f})")
    run = RunResult(api._info(rulebook), tuple(results))
    for name in ("table", "json"):
        draw = functools.partial(FORMATS[name].render, run, RenderOptions(120))
        shortcut, _ = per_file(draw, count)
        kept = inert._plainly_safe
        inert._plainly_safe = lambda text, newlines_allowed=False: False  # type: ignore[assignment]
        try:
            without, _ = per_file(draw, count)
        finally:
            inert._plainly_safe = kept
        print(f"  render {name:<5}, isprintable shortcut: {shortcut:8.3f} / {without:8.3f}")
    kinds = tuple(rulebook.source_kinds.kinds)
    build = each(lambda: _reading_model.__wrapped__(kinds), 10)
    print(f"  validate, the reading model's cache:  (each file would add {build:.3f})")


if __name__ == "__main__":
    main()
