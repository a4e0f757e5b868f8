"""`lscb check`: a run held to a threshold, or to a baseline of earlier assessments.

Without a baseline, every requirement below the threshold fails the run. With one, CI asks a
narrower question: did this change make anything worse? Each new assessment is paired with
the latest baseline assessment of the same board dated no later than it (an edited file and
its earlier version share a date), and only requirements below the threshold now that were
not below it then fail. A board the baseline holds no earlier assessment of has nothing to
regress from, so all its failures count, and the summary says so: a new board, or an older
assessment added to a repository that already holds a later one.
"""

from __future__ import annotations

from dataclasses import dataclass

from compliance.reading.errors import InputError
from compliance.result.compare import Comparison, compare
from compliance.result.run import (
    EXIT_BELOW_THRESHOLD,
    EXIT_OK,
    Result,
    RunResult,
    Threshold,
    Verdict,
)


@dataclass(frozen=True)
class Check:
    """The run, and for each of its results the comparison with its baseline, if any."""

    run: RunResult
    # Aligned with `run.results`; all None when no baseline was given.
    comparisons: tuple[Comparison | None, ...]
    baselined: bool = False

    @property
    def unpaired(self) -> tuple[Result, ...]:
        """The new assessments the baseline held nothing for (only with a baseline)."""
        if not self.baselined:
            return ()
        return tuple(
            r for r, c in zip(self.run.results, self.comparisons, strict=True) if c is None
        )

    def failures(self, threshold: Threshold) -> list[tuple[Result, Verdict]]:
        """What fails the run, in the run's order: below the threshold, or newly so."""
        if not self.baselined:
            return self.run.below(threshold)
        failed = []
        for result, comparison in zip(self.run.results, self.comparisons, strict=True):
            if comparison is None:
                failed += [(result, v) for v in result.verdicts if threshold.fails(v)]
            else:
                failed += [
                    (result, result.verdict(m.requirement))
                    for m in comparison.regressions(threshold)
                ]
        return failed

    def exit_code(self, threshold: Threshold) -> int:
        if not self.baselined:
            return self.run.exit_code(threshold)
        return EXIT_BELOW_THRESHOLD if self.failures(threshold) else EXIT_OK


def same_board(a: Result, b: Result) -> bool:
    """One board, however its name is spaced or capitalised in the two files."""
    return _board(a) == _board(b)


def _board(result: Result) -> str:
    return " ".join(result.assessment.board.split()).casefold()


def against_baseline(run: RunResult, baseline: RunResult) -> Check:
    """Each result of `run` compared with its board's latest baseline dated no later."""
    comparisons: list[Comparison | None] = []
    for result in run.results:
        earlier = [
            old
            for old in baseline.results
            if same_board(old, result) and not old.assessment.after(result.assessment)
        ]
        if earlier:
            old = max(earlier, key=lambda o: _recency(o, result))
            comparisons.append(compare(run.rulebook, old, result))
        else:
            comparisons.append(None)
    both = RunResult(run.rulebook, run.results, run.inputs | baseline.inputs)
    return Check(both, tuple(comparisons), baselined=True)


def _recency(old: Result, new: Result) -> tuple[str, str, bool]:
    """The latest first; between equals, the earlier version of the same file."""
    return (old.assessment.earliest, old.assessment.latest, old.path.name == new.path.name)


def plain(run: RunResult) -> Check:
    """A run held to the threshold alone."""
    return Check(run, (None,) * len(run.results))


def ordered_pair(old: Result, new: Result) -> None:
    """Refuse two assessments `lscb compare` cannot compare: other boards, or old after new."""
    if not same_board(old, new):
        raise InputError.at(
            new.path,
            None,
            f"is about {new.assessment.board}, but {old.path} is about "
            f"{old.assessment.board}; compare two assessments of one board",
        )
    if old.assessment.after(new.assessment):
        raise InputError.at(
            old.path,
            None,
            f"is dated {old.assessment.date}, after {new.path} "
            f"({new.assessment.date}); the older assessment comes first: swap them",
        )
