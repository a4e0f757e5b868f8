"""Assessing many evidence files in worker processes, with the output of one process.

Why processes: loading (the quotes especially) and judging are pure Python and hold the GIL,
so threads would not help; and durable_rules keeps its state in a C library with one live
state per host, so it must never be shared. Each worker therefore loads the rulebook and
compiles its own `Judge` once, in its initializer, and nothing of durable_rules crosses a
process boundary: a worker receives file paths and returns `Result`s, which are plain frozen
dataclasses and pickle.

Why the output is byte-identical to one process: files are dealt in chunks in the order
`evidence_files` gives them, chunks are collected in that same order (not as they finish),
and each file is judged alone in a fresh engine state, exactly as in one process. Input
problems from every file are gathered and raised as one `InputError`, which sorts them.

Workers are started with "spawn": a fresh interpreter, never a fork of a process that may hold
engine states, locks or threads.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from compliance.collector import young_only
from compliance.errors import InputError, Problem
from compliance.evidence import load_evidence
from compliance.judge import Judge
from compliance.result import Result
from compliance.rulebook import Overrides, Rulebook, bind, load_rulebook

# Enough chunks per worker that one slow chunk at the end does not leave a core idle, few
# enough that the cost of each round trip (a pickle of the paths, one of the results) is small.
CHUNKS_PER_WORKER = 8
MAX_CHUNK = 64


@dataclass(frozen=True)
class Setup:
    """What a worker needs to build the same rulebook and judge as the parent."""

    rules: Path
    origin: str
    packs: tuple[str, ...]
    params: Overrides | None
    source_root: Path | None


@dataclass(frozen=True)
class Outcome:
    """One chunk: its results in input order, or every input problem in its files."""

    results: tuple[Result, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass
class _Worker:
    """What a worker process holds: its rulebook, its own judge, or why it has none."""

    setup: Setup
    rulebook: Rulebook | None = None
    judge: Judge | None = None
    error: Exception | None = None


# Built once by `_start`, in the worker process only: the pool's initializer has nowhere else
# to put it.
_worker: _Worker | None = None


def _start(setup: Setup) -> None:
    """Initializer: load the rulebook and compile it into this process's own engine.

    Interrupts are left to the parent (one Ctrl-C, one message, no traceback per worker).
    An error here is kept and raised by each chunk that needs what failed: an error in an
    initializer would only break the pool, with no message saying why."""
    global _worker  # noqa: PLW0603
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = _Worker(setup)
    try:
        _worker.rulebook = load_rulebook(setup.rules, setup.origin, setup.packs)
        _worker.judge = Judge(bind(_worker.rulebook, setup.params))
    except Exception as exc:  # raised again, in the parent, by `_chunk`
        _worker.error = exc


def _chunk(paths: Sequence[Path]) -> Outcome:
    """Load every file of the chunk; if all loaded, judge each alone, in order.

    As in one process, a rulebook that loads but does not compile is reported only when
    no evidence file has a problem; and as in one process, the collector is paused and
    settled after each file (see collector.py)."""
    worker = _worker
    if worker is None:
        raise RuntimeError("a chunk was sent to a worker that was not started")
    if worker.rulebook is None:
        raise worker.error or RuntimeError("the worker has no rulebook")
    loaded, problems = [], []
    with young_only() as settle:
        for path in paths:
            try:
                loaded.append(load_evidence(path, worker.rulebook, worker.setup.source_root))
            except InputError as exc:
                problems += exc.problems
            settle()
        if problems:
            return Outcome(problems=tuple(problems))
        if worker.judge is None:
            raise worker.error or RuntimeError("the worker has no judge")
        results = []
        for item in loaded:
            results.append(worker.judge.assess(item))
            settle()
    return Outcome(results=tuple(results))


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """SIGINT blocked while the workers are spawned, then delivered. A worker inherits the
    block through exec and keeps it: a Ctrl-C while it was still importing (before `_start`
    could ignore it) printed a traceback of that import. The parent gets the interrupt as soon
    as the workers are started."""
    held = {signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def _hand_out(pool: ProcessPoolExecutor, chunks: list[tuple[Path, ...]]) -> list[Future[Outcome]]:
    """Every chunk submitted. A worker that dies this early (as the out-of-memory killer or a
    signal may make it) breaks the pool while the rest are being handed out: `submit` then
    raises whatever the pool's state gives (a closed pipe, a shut-down pool), said here as
    what it is."""
    try:
        return [pool.submit(_chunk, chunk) for chunk in chunks]
    except BrokenProcessPool:
        raise
    except (OSError, RuntimeError) as exc:
        raise BrokenProcessPool(
            f"a worker process ended while work was handed out ({exc})"
        ) from exc


def _abandon(pool: ProcessPoolExecutor, before: set[int | None]) -> None:
    """End the workers without waiting on the pool. Once a worker has died, the pool's own
    clean-up can wait for ever on a worker spawned while it was giving up (CPython 3.11: a
    `submit` racing the executor's manager thread, measured about once in 15 runs), so every
    worker process this run started is terminated, and the pool is left to finish alone."""
    for process in multiprocessing.active_children():
        if process.pid not in before:
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def assess_files(
    files: Sequence[Path],
    setup: Setup,
    jobs: int,
    advance: Callable[[int], None] | None = None,
    each: Callable[[Result], None] | None = None,
) -> tuple[Result, ...]:
    """Every file judged by `jobs` worker processes; the results in the order of `files`.

    `advance` is told, as each chunk arrives, how many files it held (for a progress bar);
    `each` is given each result of a chunk as it arrives, in order, while the workers go on
    (once any chunk has failed, no more: the run will raise)."""
    size = max(1, min(MAX_CHUNK, -(-len(files) // (jobs * CHUNKS_PER_WORKER))))
    chunks = [tuple(files[i : i + size]) for i in range(0, len(files), size)]
    workers = min(jobs, len(chunks))
    context = multiprocessing.get_context("spawn")
    before = {process.pid for process in multiprocessing.active_children()}
    pool = ProcessPoolExecutor(workers, context, initializer=_start, initargs=(setup,))
    # Unpickling the results creates millions of objects, and the cyclic garbage collector's
    # full collections meanwhile scan every result received so far: with it on, the parent spends
    # five times as long per result as unpickling takes (measured: 7.4 ms against 1.5 ms per
    # result at 4,000 results). The results are kept whatever happens, so the collector is
    # paused while they arrive and restored as it was.
    collecting = gc.isenabled()
    gc.disable()
    gathered = _Gathered()
    try:
        with _interrupts_held():  # the workers are spawned as the first chunks are handed out
            futures = _hand_out(pool, chunks)
        for chunk, future in zip(chunks, futures, strict=True):  # input order
            gathered.take(future)
            if advance is not None:
                advance(len(chunk))
            if each is not None and gathered.fine:
                for result in gathered.latest:
                    each(result)
    except BaseException:  # an interrupt, or the pool broken while work was handed out
        _abandon(pool, before)
        raise
    finally:
        if collecting:
            gc.enable()
    if gathered.failure is None:
        pool.shutdown(wait=True)
    else:
        _abandon(pool, before)
    if gathered.problems:
        raise InputError(gathered.problems)
    if gathered.failure is not None:
        raise gathered.failure
    return tuple(gathered.results)


@dataclass
class _Gathered:
    """What the chunks gave, in input order: results, input problems, the first failure."""

    results: list[Result] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    failure: BaseException | None = None
    latest: tuple[Result, ...] = ()  # the last chunk's results

    @property
    def fine(self) -> bool:
        return not self.problems and self.failure is None

    def take(self, future: Future[Outcome]) -> None:
        self.latest = ()
        try:
            outcome = future.result()
        except InputError as exc:
            self.problems += exc.problems
            return
        except Exception as exc:  # kept: input problems in other chunks come first
            self.failure = self.failure or exc
            return
        self.latest = outcome.results
        self.results += outcome.results
        self.problems += outcome.problems
