"""Figures for the whole pipeline, stage by stage, from 1 to 10,000 evidence files.

    python benchmarks/bench_pipeline.py [--sizes 1,100,10000] [--jobs 2] [--runs 7]

For each size, a folder of generated evidence files like the bundled ones (benchmarks/corpus.py)
is assessed in this process, one stage at a time: read, parse, validate, verify quotes,
combine, evaluate, render (the table). The stages are the functions `load_evidence` and
`Judge.assess` call, in the same order and with the collector paused as `Assessor.assess` pauses
it, so their sum is a one-job run. Printed: seconds and milliseconds per file for each stage,
assessments per second, peak memory, and the whole run against its floor, read + parse +
validate (what any tool that reads these files must spend).
Then the same folder through `Assessor.assess(jobs=N)` and the table renderer: its time against the
one-job run, and whether the output is byte for byte the same.

Last, the command line for one file (`lscb assess FILE`, as a process) against the bare import
of its dependencies (`python -c "import durable_rules_engine, pydantic, click, yaml, tabulate"`:
durable_rules' C core, which is all of durable_rules the tool loads), as medians of `--runs`
runs each, taken in turn; beside it, the same imports with each dependency used once (pydantic
defers most of its loading to the first model); and where that one file's time goes, phase by
phase.

For each size it also prints the time spent inside durable_rules and inside tabulate, and the
ratio the whole run would have were nothing else spent: how far the fixed choices alone
bound the whole-run goal.

The goals, printed with PASS or FAIL: the whole pipeline within 2x the floor at 10,000 files;
one file from the command line within 1.5x the import floor; cost linear in the number of
files (the cost per file at the largest size within 1.25x of that at the next largest); with
`--jobs 2` on two cores, a run at the largest size in at most 0.6 of its one-job time (close
to half) with identical output. Timings are wall clock: on a shared machine, run it idle.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STAGES = ("read", "parse", "validate", "verify quotes", "combine", "evaluate", "render")
FLOOR = ("read", "parse", "validate")
IMPORT_FLOOR = "import durable_rules_engine, pydantic, click, yaml, tabulate"
# The same, each dependency then used once, as any program using it must: pydantic 2 loads its
# model machinery only when the first model is made, so the bare import leaves that out.
FIRST_USE = f"""{IMPORT_FLOOR}
durable_rules_engine.create_ruleset("r", '{{"r0": {{"all": [{{"m": {{"x": 1}}}}]}}}}')
class M(pydantic.BaseModel):
    x: int
M.model_validate(yaml.load("x: 1", Loader=yaml.CSafeLoader))
tabulate.tabulate([["a", "b"]], headers=("x", "y"), tablefmt="simple_grid")
click.command()(lambda: None).main([], standalone_mode=False)
"""
ONE_FILE = ROOT / "evidence" / "bexley-2015-lga-diagnostic.yaml"
# The goals, as the issue states them, each a ratio and its bound.
WHOLE_TO_FLOOR, CLI_TO_IMPORT, LINEAR, JOBS_TO_ONE = 2.0, 1.5, 1.25, 0.6


def machine() -> list[str]:
    """What the figures were taken on: they mean little without it."""
    import yaml

    from compliance.reading import yamlfile

    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    libyaml = yamlfile._SafeBase is getattr(yaml, "CSafeLoader", None)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return [
        f"machine: {model}, {os.cpu_count()} cores ({usable} usable), {platform.system()}",
        f"python: {platform.python_implementation()} {platform.python_version()}; "
        f"libyaml in use: {'yes (CSafeLoader)' if libyaml else 'NO (pure-Python parser)'}",
        f"load average at start: {load} (other work on the machine skews wall-clock figures)",
    ]


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def rss_mb() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return float("nan")
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


# Seconds spent inside the fixed choices during `staged`: durable_rules (the driver of its C
# core: asserting each fact, the opening sentinel included, and taking the fired rules) and
# tabulate.
# Together with the floor they bound the whole run's ratio from below (see `one_size`).
INSIDE = {"durable_rules": 0.0, "tabulate": 0.0}


def _timing(what: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def timed_call(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            INSIDE[what] += time.perf_counter() - start

    return timed_call


def _timed_engine(judge: Any) -> None:
    """The judge's host, with the time spent in durable_rules counted (its session too)."""
    from compliance.engine import CoreRuleset

    class Timed(CoreRuleset):
        assert_fact = _timing("durable_rules", CoreRuleset.assert_fact)

    judge.host = Timed(judge.compiled)


def staged(folder: Path, width: int) -> tuple[dict[str, float], float, str]:
    """A one-job run, each stage timed: seconds per stage, seconds in all, the output."""
    from compliance.collector import young_only

    from compliance import api
    from compliance.engine import EngineError
    from compliance.evidence import load as stages
    from compliance.judge import Judge
    from compliance.result.run import RunResult

    spent = dict.fromkeys(("setup", *STAGES), 0.0)
    clock = time.perf_counter
    start = clock()
    bound = api.Assessor().bound
    files = api.evidence_files([folder])
    judge = Judge(bound)
    _timed_engine(judge)
    rulebook = bound.rulebook
    spent["setup"] = clock() - start
    INSIDE.update(dict.fromkeys(INSIDE, 0.0))
    evidence = []
    # As `Assessor.assess` does: the collector's young generation only, settled after each file
    # (that time is counted in "combine" while loading, in "evaluate" while judging).
    with young_only() as settle:
        for path in files:  # every file loaded before any is judged, as `Assessor.assess` does
            t0 = clock()
            text = stages.read_stage(path)
            t1 = clock()
            loaded = stages.parse_stage(text, path)
            t2 = clock()
            checked = stages.validate_stage(loaded, rulebook)
            t3 = clock()
            stages.verify_stage(checked, rulebook, None)
            t4 = clock()
            evidence.append(stages.combine_stage(checked, rulebook))
            settle()
            t5 = clock()
            spent["read"] += t1 - t0
            spent["parse"] += t2 - t1
            spent["validate"] += t3 - t2
            spent["verify quotes"] += t4 - t3
            spent["combine"] += t5 - t4
        t0 = clock()
        results = []
        evidence.reverse()  # each file let go once judged, as `Assessor.assess` does
        while evidence:
            item = evidence.pop()
            try:
                results.append(judge.assess(item))
            except EngineError as exc:  # a bug in the engine: reported, and the figures go on
                print(f"ENGINE ERROR on {item.path.name} (judged {len(results)}): {exc}")
            settle()
    t1 = clock()
    text = _drawn(RunResult(api._info(rulebook), tuple(results)), width)
    t2 = clock()
    spent["evaluate"], spent["render"] = t1 - t0, t2 - t1
    return spent, t2 - start, text


def _drawn(run: Any, width: int) -> str:
    """The table of the run, with the time inside tabulate counted."""
    from compliance.render import FORMATS, RenderOptions
    from compliance.render.formats import table

    drawing = table.tabulate
    table.tabulate = _timing("tabulate", drawing)
    try:
        return FORMATS["table"].render(run, RenderOptions(width))
    finally:
        table.tabulate = drawing


def floor_only(folder: Path) -> float:
    """Seconds to read, parse and validate every file, and nothing else: with the collector
    paused and settled after each file as in the whole run, which makes the floor lower (about
    1 ms a file less than with the collector left on), so the ratio compares like with like."""
    from compliance.collector import young_only

    from compliance import api
    from compliance.evidence import load as stages

    start = time.perf_counter()
    rulebook = api.open_rulebook()
    with young_only() as settle:
        for path in api.evidence_files([folder]):
            stages.validate_stage(stages.parse_stage(stages.read_stage(path), path), rulebook)
            settle()
    return time.perf_counter() - start


def cpu_seconds() -> float:
    """CPU seconds of this process and of its children that have ended (the workers)."""
    mine, theirs = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return mine.ru_utime + mine.ru_stime + theirs.ru_utime + theirs.ru_stime


def with_jobs(folder: Path, jobs: int, width: int) -> tuple[float, float, str]:
    """Wall and CPU seconds (workers included) for `Assessor.assess(jobs=...)` and the table, as
    the command runs them (each chunk's tables drawn as it arrives); and the table."""
    from compliance import api
    from compliance.engine import EngineError
    from compliance.render import FORMATS, RenderOptions

    start, cpu = time.perf_counter(), cpu_seconds()
    drawing = FORMATS["table"].drawing(RenderOptions(width))
    try:
        run = api.Assessor().assess([folder], jobs=jobs, each=drawing.add)
    except EngineError as exc:
        print(f"ENGINE ERROR with --jobs {jobs}: {exc}")
        return time.perf_counter() - start, cpu_seconds() - cpu, ""
    text = drawing.finish(run)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    print(f"resident memory holding the --jobs {jobs} results: {rss_mb():.0f} MB")
    return seconds, cpu, text


def _child_env() -> dict[str, str]:
    """The environment of a timed child: this checkout importable, and byte code written on the
    warm-up round, as an installed copy has it from pip."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    return env


def paired_medians(commands: list[list[str]], runs: int) -> list[float]:
    """Median wall seconds of each command as a process, run in turn (A B C A B C ...) so that
    a drift in the machine's speed falls on all of them alike; one warm-up round first."""
    env = _child_env()
    spans: list[list[float]] = [[] for _ in commands]
    for round_ in range(runs + 1):
        for i, command in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=True)
            if round_:
                spans[i].append(time.perf_counter() - start)
    return [statistics.median(s) for s in spans]


def verdict(ratio: float, bound: float) -> str:
    return f"{ratio:6.2f}x  (goal <= {bound}x)  {'PASS' if ratio <= bound else 'FAIL'}"


def timed(what: str, func: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = func()
    print(f"  ({what}: {time.perf_counter() - start:.1f} s)", flush=True)
    return result


def one_size(folder: Path, size: int, args: argparse.Namespace) -> tuple[float, str, str]:
    """Every figure for one size: seconds per file, the whole-run goal, the --jobs goal."""
    from benchmarks.corpus import generate

    print(f"\n== {size} evidence file{'s' if size != 1 else ''}", flush=True)
    timed("generated", lambda: generate(folder, size, args.seed))
    cpu = cpu_seconds()
    spent, whole, text = staged(folder, args.width)
    cpu = cpu_seconds() - cpu
    floor = floor_only(folder)
    print(f"{'stage':<16} {'seconds':>9} {'ms/file':>9} {'share':>6}")
    for stage, seconds in spent.items():
        share = seconds / whole * 100
        print(f"{stage:<16} {seconds:>9.3f} {seconds / size * 1000:>9.3f} {share:>5.1f}%")
    print(f"{'whole run':<16} {whole:>9.3f} {whole / size * 1000:>9.3f}   (CPU {cpu:.3f} s)")
    print(f"assessments per second: {size / whole:.1f}")
    staged_floor = sum(spent[s] for s in FLOOR)
    print(
        f"floor (read + parse + validate, run alone): {floor:.3f} s; the same stages "
        f"within the whole run: {staged_floor:.3f} s"
    )
    whole_line = f"whole run / floor at {size} files: {verdict(whole / floor, WHOLE_TO_FLOOR)}"
    print(whole_line)
    fixed = INSIDE["durable_rules"] + INSIDE["tabulate"]
    print(
        f"inside the fixed choices: durable_rules {INSIDE['durable_rules'] / size * 1000:.3f} "
        f"ms/file (within evaluate), tabulate {INSIDE['tabulate'] / size * 1000:.3f} ms/file "
        f"(within render); with nothing else spent, the whole run would still be "
        f"{(floor + fixed) / floor:.2f}x the floor"
    )
    print(f"peak RSS so far: {peak_mb():.0f} MB (now {rss_mb():.0f} MB)")
    jobs_line = ""
    if size > 1 and args.jobs > 1:
        seconds, jobs_cpu, parallel_text = with_jobs(folder, args.jobs, args.width)
        same = parallel_text == text
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        ratio = seconds / whole
        print(f"--jobs {args.jobs}: {seconds:.3f} s, CPU {jobs_cpu:.3f} s (parent and workers)")
        jobs_line = (
            f"--jobs {args.jobs} / one job at {size} files: {seconds:.3f} s / {whole:.3f} s = "
            f"{ratio:.2f}x (goal <= {JOBS_TO_ONE}x); output "
            f"{'identical' if same else 'DIFFERENT'} (sha256 {digest}...)  "
            f"{'PASS' if ratio <= JOBS_TO_ONE and same else 'FAIL'}"
        )
        print(jobs_line)
    return whole / size, whole_line, jobs_line


# One file, as `lscb assess` does it, in phases, in a fresh interpreter: where start-up goes.
PHASES = f"""
import time
from pathlib import Path
clock = [time.perf_counter()]
def mark(): clock.append(time.perf_counter())
import durable_rules_engine, pydantic, click, yaml, tabulate; from pydantic import BaseModel
mark()
from compliance import api
from compliance.cli import commands as cli
from compliance.evidence import evidence_model, load_evidence
from compliance.judge import Judge
from compliance.render import FORMATS, RenderOptions
from compliance.result.run import RunResult
mark()
bound = api.Assessor().bound; mark()
evidence_model(bound.rulebook); mark()
evidence = load_evidence(Path({str(ONE_FILE)!r}), bound.rulebook, None); mark()
result = Judge(bound).assess(evidence); mark()
FORMATS["table"].render(RunResult(api._info(bound.rulebook), (result,)), RenderOptions(120))
mark()
print(" ".join(str(b - a) for a, b in zip(clock, clock[1:])))
"""
PHASE_NAMES = (
    "import the dependencies",
    "import our modules",
    "load and bind the rulebook",
    "build the evidence model (pydantic)",
    "load the file (parse, validate, quotes)",
    "judge (compile, durable_rules, trace)",
    "render the table",
)


def phases(runs: int) -> None:
    """Where one file's time goes, phase by phase, as medians of `runs` fresh interpreters."""
    env = _child_env()
    rounds = [
        [
            float(x)
            for x in subprocess.run(
                [sys.executable, "-c", PHASES],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
        ]
        for _ in range(runs + 1)
    ][1:]
    print(f"where one file's time goes, in one process (median of {runs}):")
    for i, name in enumerate(PHASE_NAMES):
        print(f"  {name:<42} {statistics.median(r[i] for r in rounds) * 1000:>6.1f} ms")


def command_line(runs: int) -> float:
    """One file from the command line against the import floor: their ratio."""
    print("\n== one file from the command line, as a process", flush=True)
    cli = [sys.executable, "-m", "compliance.cli.commands", "assess", str(ONE_FILE)]
    bare = [sys.executable, "-c", IMPORT_FLOOR]
    used = [sys.executable, "-c", FIRST_USE]
    ours = [sys.executable, "-c", "import compliance.cli.commands"]
    t_cli, t_bare, t_used, t_ours = paired_medians([cli, bare, used, ours], runs)
    print(f"lscb assess {ONE_FILE.name}: {t_cli * 1000:.0f} ms (median of {runs})")
    print(f"bare import of its dependencies: {t_bare * 1000:.0f} ms ({IMPORT_FLOOR})")
    print(
        f"the same, each then used once (a pydantic model, a libyaml parse, a table, a click "
        f"command, a durable_rules ruleset): {t_used * 1000:.0f} ms; one file against that: "
        f"{t_cli / t_used:.2f}x"
    )
    print(f"import compliance.cli.commands alone: {t_ours * 1000:.0f} ms")
    phases(runs)
    return t_cli / t_bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,100,10000", help="numbers of files, e.g. 1,100")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes to compare")
    parser.add_argument("--runs", type=int, default=7, help="runs of each command, one file")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated files")
    parser.add_argument("--width", type=int, default=120, help="terminal width of the table")
    args = parser.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})

    print("\n".join(machine()), flush=True)
    per_file: dict[int, float] = {}
    whole_line = jobs_line = ""
    with tempfile.TemporaryDirectory(prefix="lscb-bench-") as scratch:
        for size in sizes:
            per_file[size], whole_line, line = one_size(Path(scratch) / f"n{size}", size, args)
            jobs_line = line or jobs_line
    cli_ratio = command_line(args.runs)

    print("\n== goals")
    print(whole_line)
    print(f"one file from the command line / import floor: {verdict(cli_ratio, CLI_TO_IMPORT)}")
    big = [s for s in sizes if s >= 100]
    if len(big) >= 2:
        a, b = big[-2], big[-1]
        ratio = per_file[b] / per_file[a]
        print(f"cost per file at {b} / at {a} files (linear): {verdict(ratio, LINEAR)}")
    else:
        print("cost linear in the number of files: needs two sizes of 100 files or more")
    print(jobs_line or "--jobs: needs a size above 1 and --jobs 2 or more")
    if max(sizes) < 10_000:
        print(f"(the goals are stated at 10,000 files; the largest size here is {max(sizes)})")


if __name__ == "__main__":
    main()
