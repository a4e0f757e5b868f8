"""The speed and memory goals of issue 17, as ratios: one file's latency, linear cost, memory.

    python benchmarks/bench_pipeline.py [--lscb PATH] [--runs 21] [--large 10000] [--quick]

Run it with an installed copy (`pip install .` into a venv, then that venv's python): the
figures are for `lscb` as users run it, the rulebook pickled at build time included.

1. One file's latency. `lscb check <one bundled evidence file>` as a whole process against a
   floor: a script (benchmarks/floor.py) that imports what `lscb` cannot do without
   (durable_rules' C core, pydantic, click, PyYAML, tabulate) and uses each once (one model, one
   parse, one table, one ruleset, one command). The two run in turn, A B A B ..., after one
   warm-up each; printed: the medians of wall and CPU seconds, and the median of the ratios
   pair by pair (pairing keeps the ratio meaningful while the machine's speed drifts).
   Goal: within 1.5x.
2. Linear cost. Folders of generated evidence files (benchmarks/corpus.py) assessed by
   `Assessor.assess` and drawn as the table, in a fresh interpreter of the installed copy for each
   size. Cost per file = (seconds for N files - seconds for 1 file, in the same process after
   a warm-up) / (N - 1): what each further file costs, start-up left out. Goal: the cost per
   file at 10,000 files within 1.2x of that at 100.
3. Peak memory. That process's peak resident set at 10,000 files. Goal: under 1 GB.

`--quick` takes fewer runs and 2,000 files as the large size (the goals are stated at
10,000). Timings are wall clock and CPU time: on a shared machine, run it idle.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLOOR = ROOT / "benchmarks" / "floor.py"
ONE_FILE = ROOT / "evidence" / "bexley-2015-lga-diagnostic.yaml"
ONE_FILE_GOAL, LINEAR_GOAL, MEMORY_GOAL_MB = 1.5, 1.2, 1024
SMALL = 100

# In a fresh interpreter of the installed copy: one folder assessed and drawn, timed, after
# the same for one file (twice: a warm-up, then the fixed cost). Prints seconds for one file,
# seconds for the folder, and the peak resident set in kilobytes.
SIZED = """
import resource, sys, time
from compliance import api
from compliance.render import FORMATS, RenderOptions
def once(folder):
    start = time.perf_counter()
    FORMATS["table"].render(api.Assessor().assess([folder]), RenderOptions(120))
    return time.perf_counter() - start
one, many = sys.argv[1:3]
once(one)
fixed = once(one)
seconds = once(many)
print(fixed, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (
        f"machine: {model}, {os.cpu_count()} cores, {platform.system()}; "
        f"python {platform.python_version()}; load average at start: {load}"
    )


def interpreter_of(script: Path) -> str:
    """The python a console script runs with (its #! line): the installed copy's."""
    first = script.read_text(encoding="utf-8", errors="replace").splitlines()[0]
    return first[2:].strip() if first.startswith("#!") else sys.executable


def timed_process(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one whole process, its output thrown away."""
    start = time.perf_counter()
    child = subprocess.Popen(
        command,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):  # 1: `check` found a requirement below the threshold
        raise SystemExit(f"{command} ended with {child.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def one_file(lscb: Path, python: str, runs: int, scratch: Path) -> float:
    print(f"\n== 1. one file's latency ({runs} paired runs each, after one warm-up)", flush=True)
    ours = [str(lscb), "check", str(ONE_FILE)]
    floor = [python, str(FLOOR)]
    spans: dict[str, list[tuple[float, float]]] = {"lscb": [], "floor": []}
    for round_ in range(runs + 1):
        for name, command in (("lscb", ours), ("floor", floor)):
            figures = timed_process(command, scratch)  # never the checkout: nothing read from it
            if round_:
                spans[name].append(figures)
    for name, label in (("lscb", f"lscb check {ONE_FILE.name}"), ("floor", "floor.py")):
        wall = statistics.median(w for w, _ in spans[name]) * 1000
        cpu = statistics.median(c for _, c in spans[name]) * 1000
        print(f"  {label:<48} wall {wall:6.0f} ms   cpu {cpu:6.0f} ms (medians)")
    pairs = list(zip(spans["lscb"], spans["floor"], strict=True))
    wall_ratio = statistics.median(a[0] / b[0] for a, b in pairs)
    cpu_ratio = statistics.median(a[1] / b[1] for a, b in pairs)
    print(f"  lscb / floor, median of the pairs: wall {wall_ratio:.2f}x, cpu {cpu_ratio:.2f}x")
    return wall_ratio


def sized(python: str, one: Path, many: Path, scratch: Path) -> tuple[float, float, float]:
    """Seconds for one file, seconds for the folder, peak MB: in a fresh interpreter."""
    out = subprocess.run(
        [python, "-c", SIZED, str(one), str(many)],
        cwd=scratch,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]) / 1024


def scaling(python: str, large: int, repeats: int, scratch: Path) -> tuple[float, float]:
    from benchmarks.corpus import generate

    print(f"\n== 2. linear cost and 3. peak memory ({SMALL} and {large:,} files)", flush=True)
    one = scratch / "n1"
    generate(one, 1)
    per_file: dict[int, float] = {}
    peak: dict[int, float] = {}
    for size, times in ((SMALL, repeats), (large, 1)):
        folder = scratch / f"n{size}"
        start = time.perf_counter()
        generate(folder, size)
        print(f"  ({size:,} files generated in {time.perf_counter() - start:.1f} s)", flush=True)
        costs, peaks = [], []
        for _ in range(times):
            fixed, seconds, mb = sized(python, one, folder, scratch)
            costs.append((seconds - fixed) / (size - 1))
            peaks.append(mb)
        per_file[size], peak[size] = statistics.median(costs), max(peaks)
        print(
            f"  {size:>6,} files: {per_file[size] * 1000:6.2f} ms per file"
            f"{f' (median of {times} processes)' if times > 1 else ''}; "
            f"peak resident set {peak[size]:.0f} MB",
            flush=True,
        )
        shutil.rmtree(folder)
    return per_file[large] / per_file[SMALL], peak[large]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lscb", type=Path, help="the installed `lscb` (default: on PATH)")
    parser.add_argument("--runs", type=int, default=21, help="paired runs of one file")
    parser.add_argument("--large", type=int, default=10_000, help="the large size, in files")
    parser.add_argument("--repeats", type=int, default=5, help=f"processes at {SMALL} files")
    parser.add_argument("--quick", action="store_true", help="7 runs, 2,000 files, 3 repeats")
    parser.add_argument("--skip", choices=("latency", "scale"), help="leave one part out")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.large, args.repeats = 7, 2_000, 3
    found = args.lscb or shutil.which(
        "lscb", path=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"
    )
    if found is None:
        raise SystemExit("no `lscb` found: install the package (pip install .) or give --lscb")
    lscb = Path(found)
    python = interpreter_of(lscb)
    print(machine())
    print(f"lscb: {lscb} (python: {python})")
    lines = []
    with tempfile.TemporaryDirectory(prefix="lscb-bench-") as name:
        scratch = Path(name)
        if args.skip != "latency":
            ratio = one_file(lscb, python, args.runs, scratch)
            lines.append(
                f"one file / floor (wall):     {ratio:5.2f}x   goal within {ONE_FILE_GOAL}x"
            )
        if args.skip != "scale":
            linear, peak = scaling(python, args.large, args.repeats, scratch)
            lines.append(
                f"cost per file {args.large:,} / {SMALL}: {linear:5.2f}x   goal within {LINEAR_GOAL}x"
            )
            lines.append(
                f"peak memory at {args.large:,} files: {peak:5.0f} MB  goal under {MEMORY_GOAL_MB} MB"
            )
    print("\n== the goals, as ratios\n  " + "\n  ".join(lines))
    if args.large < 10_000 and args.skip != "scale":
        print(f"  (the goals are stated at 10,000 files; the large size here is {args.large:,})")


if __name__ == "__main__":
    main()
