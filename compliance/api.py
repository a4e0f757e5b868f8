"""The library API: everything the `lscb` command does is an `Assessor` method or a function.

    from compliance import api
    assessor = api.Assessor()                        # the rulebook, bound and compiled once
    run = assessor.assess(["evidence/"])             # a RunResult: verdicts with their trace
    check = assessor.check(["evidence/"], baseline="old/evidence/")  # for CI: regressions only
    comparison = assessor.compare("evidence/a-2014.yaml", "evidence/a-2015.yaml")  # what moved
    result, verdict = assessor.explain("evidence/x.yaml", "lay-members")
    run, gaps = assessor.gaps(["evidence/"])         # what to ask, grouped by person
    listing = api.rules_in_force(datetime.date(2018, 6, 29))
    schema = api.evidence_schema()                   # JSON Schema of an evidence file
    schema = api.result_schema("assessment")         # ... of the JSON output

An `Assessor` is given `rules` (a rulebook folder; default: the one the package carries, or
its checkout's), `params` (practice-norm overrides), `packs` (recommendation packs) and
`source_root` (where source documents may lie; default: each evidence file's own folder); it
opens, binds and compiles that rulebook once, and every judgement it makes uses the one
compiled engine. The functions that read only the rulebook take `rules` themselves.
Everything loads and checks its input before judging anything, so bad input raises
`InputError` with every problem located, and nothing half-done is returned.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from compliance.engine import EngineLimit
from compliance.evidence import Evidence, evidence_model, load_evidence
from compliance.evidence.skeleton import skeleton
from compliance.judge import Judge
from compliance.judge.law import applicability, bases_in_force, window_words
from compliance.reading.errors import InputError, Problem
from compliance.reading.files import IS_A_FOLDER, path_problem
from compliance.reading.inert import excerpt
from compliance.reading.inputs import Inputs
from compliance.reading.near import did_you_mean
from compliance.render.documents import Kind, output_schema
from compliance.result.check import Check, against_baseline, ordered_pair, plain
from compliance.result.compare import Comparison
from compliance.result.compare import compare as compare_results
from compliance.result.gaps import Gaps, gaps_of
from compliance.result.run import (
    Result,
    RulebookInfo,
    RulebookListing,
    RuleStatus,
    RunResult,
    Verdict,
)
from compliance.rulebook import (
    BoundRulebook,
    Overrides,
    Rulebook,
    bind,
    find_rulebook,
    load_rulebook,
)
from compliance.rulebook.packs import available_packs
from compliance.rulebook.requirement import Requirement
from compliance.values import DayRange

EVIDENCE_SUFFIXES = (".yaml", ".yml")
# Folders inside an evidence folder that hold no evidence files.
NOT_EVIDENCE = ("sources", "expected")
ALL_TIME = DayRange(dt.date.min, dt.date.max)
# Told (steps done, steps in all) as a run advances; see `assess`.
Progress = Callable[[int, int], None]


def open_rulebook(rules: Path | None = None, packs: Sequence[str] = ()) -> Rulebook:
    """The rulebook in use (`rules` if given, else the checkout's, else the packaged copy),
    with the recommendation packs named."""
    path, origin = find_rulebook(rules)
    return load_rulebook(path, origin, packs)


class Assessor:
    """A rulebook opened, bound to its parameters and compiled once, and everything that
    judges evidence with it: `assess`, `check`, `compare`, `explain`, `gaps`.

    Nothing is read until it is first needed, so that a command reports the same problem first
    whatever it is built from: the rulebook is opened and bound (a bad folder, pack or
    parameter raises `InputError`) by the first call, and compiled into one `Judge` when the
    first evidence file is judged. Every later call, a check's baseline included, reuses both.
    """

    def __init__(
        self,
        rules: Path | None = None,
        params: Overrides | None = None,
        packs: Sequence[str] = (),
        source_root: Path | None = None,
    ) -> None:
        self._rules = rules
        self._params = params
        self._packs = tuple(packs)
        self.source_root = source_root

    @functools.cached_property
    def bound(self) -> BoundRulebook:
        """The rulebook, with the recommendation packs, its parameters fixed."""
        return bind(open_rulebook(self._rules, self._packs), self._params)

    @property
    def rulebook(self) -> Rulebook:
        return self.bound.rulebook

    @functools.cached_property
    def judge(self) -> Judge:
        """The bound rulebook compiled into durable_rules, once."""
        return Judge(self.bound)

    def assess(self, paths: Sequence[Path | str], progress: Progress | None = None) -> RunResult:
        """Assess every evidence file under `paths`; each is judged alone, in a fresh state.

        `progress(done, total)`, if given, is called as the work advances, in steps: each file
        counts once loaded and once judged.
        """
        rulebook = self.rulebook
        files = evidence_files([Path(p) for p in paths])
        advance = _steps(progress, 2 * len(files))
        # Each file is judged as soon as it is loaded and then let go, so a run holds its
        # results and one file's evidence, never every file's. Once a file is invalid, nothing
        # more is judged (the run will raise), but every file is still read for its problems;
        # an engine limit met while judging is raised only if no file is invalid.
        results: list[Result] = []
        problems: list[Problem] = []
        read: list[tuple[Path, str]] = []
        stopped: EngineLimit | None = None
        for path in files:
            try:
                evidence = load_evidence(path, rulebook, self.source_root)
            except InputError as exc:
                problems += exc.problems
                continue
            finally:
                advance(1)
            read += _inputs(evidence)
            if not problems and stopped is None:
                try:
                    results.append(self.judge.assess(evidence))
                except EngineLimit as exc:
                    stopped = exc
            advance(1)
        if problems:
            raise InputError(problems)
        if stopped is not None:
            raise stopped
        inputs = Inputs.of(read, [(rulebook.location.path, "the rulebook")])
        return RunResult(_info(rulebook), tuple(results), inputs)

    def check(
        self,
        paths: Sequence[Path | str],
        baseline: Path | str | None = None,
        progress: Progress | None = None,
    ) -> Check:
        """Every evidence file assessed, as `assess` does, and paired with its baseline if given.

        `baseline` is an evidence file or folder of earlier assessments of the same boards,
        judged by the same compiled rulebook; then `Check.exit_code` fails only on regressions
        (see `compliance.result.check`). `progress` is told of each run in turn.
        """
        run = self.assess(paths, progress)
        if baseline is None:
            return plain(run)
        return against_baseline(run, self.assess([baseline], progress))

    def compare(self, old: Path | str, new: Path | str) -> Comparison:
        """Two assessments of one board, requirement by requirement: what moved, and why.

        Both are judged with the same rulebook. Two boards, or an `old` dated after `new`,
        raise `InputError`: a comparison across boards, or backwards in time, would read as a
        trend.
        """
        files = [Path(old), Path(new)]
        problems = [Problem(p, None, m) for p in files if (m := path_problem(p))]
        if problems:
            raise InputError(problems)
        run = self.assess(files)
        if len(run.results) != 2:
            raise InputError.at(Path(new), None, "is the same file as the old one; name two files")
        before, after = run.results
        ordered_pair(before, after)
        return compare_results(run.rulebook, before, after, run.inputs)

    def gaps(self, paths: Sequence[Path | str]) -> tuple[RunResult, tuple[Gaps, ...]]:
        """Every evidence file assessed, and the questions that would decide what it leaves
        open."""
        run = self.assess(paths)
        return run, tuple(gaps_of(result) for result in run.results)

    def explain(self, path: Path | str, requirement: str) -> tuple[RunResult, Verdict]:
        """One evidence file judged, and the verdict on one requirement with its whole trace."""
        rulebook = self.rulebook
        if requirement not in rulebook.requirements:
            near = did_you_mean(requirement, rulebook.requirements)
            hint = near or f"; known: {', '.join(sorted(rulebook.requirements))}"
            raise InputError.at(
                Path(path), None, f"unknown requirement {excerpt(requirement)}{hint}"
            )
        problem = path_problem(Path(path))
        if problem:
            raise InputError.at(Path(path), None, problem)
        evidence = load_evidence(Path(path), rulebook, self.source_root)
        result = self.judge.assess(evidence)
        return RunResult(_info(rulebook), (result,)), result.verdict(requirement)


def _inputs(evidence: Evidence) -> list[tuple[Path, str]]:
    """The evidence file and the documents it declares: what no output may replace."""
    files = [(evidence.path, "an evidence file")]
    return files + [
        (evidence.path.parent / s.file, "a source document") for s in evidence.sources.values()
    ]


def _steps(progress: Progress | None, total: int) -> Callable[[int], None]:
    """A counter that tells `progress` how far along the run is, or does nothing."""
    done = 0

    def advance(steps: int) -> None:
        nonlocal done
        done += steps
        if progress is not None:
            progress(done, total)

    return advance


def rules_in_force(
    on: dt.date | None = None, rules: Path | None = None, packs: Sequence[str] = ()
) -> RulebookListing:
    """Every requirement with its window; on a date, whether it applied and on what basis."""
    rulebook = open_rulebook(rules, packs)
    found = []
    for rid, req in rulebook.requirements.items():
        words = window_words(rulebook, rid)
        if on is None:
            every = bases_in_force(rulebook, rid, ALL_TIME)
            labels = tuple(dict.fromkeys(b.cited for b in every))
            found.append(RuleStatus(rid, req.title, words, "", labels, ()))
            continue
        day = DayRange(on, on)
        state = applicability(rulebook, rid, day)
        status = "not in force" if not state.applies else "in force"
        if state.applies and state.not_applicable:
            status = "start unverified"
        bases = bases_in_force(rulebook, rid, day) if state.applies else ()
        found.append(
            RuleStatus(
                rid,
                req.title,
                words,
                status,
                tuple(b.cited for b in bases),
                state.caveats + ((state.reason,) if state.reason and state.applies else ()),
            )
        )
    available = available_packs(rulebook.location.path)
    found = [
        dataclasses.replace(rule, parameters=_parameters(rulebook.requirements[rule.requirement]))
        for rule in found
    ]
    return RulebookListing(_info(rulebook), on, tuple(found), available)


def _parameters(requirement: Requirement) -> tuple[str, ...]:
    return tuple(
        f"{name} = {p.value} {p.unit} ({p.force.replace('-', ' ')}): {' '.join(p.meaning.split())}"
        for name, p in requirement.parameters.items()
    )


def evidence_schema(rules: Path | None = None) -> dict[str, Any]:
    """The JSON Schema of an evidence file, generated from the rulebook's vocabulary."""
    rulebook = open_rulebook(rules)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **evidence_model(rulebook).model_json_schema(),
    }


def result_schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of a JSON output: "assessment" (`lscb assess`) or "comparison"."""
    return output_schema(kind)


def evidence_skeleton(board: str, area: str, on: dt.date, rules: Path | None = None) -> str:
    """A commented evidence file for a self-assessment: every fact to look for, with its question."""
    return skeleton(open_rulebook(rules), board, area, on)


def evidence_files(paths: Iterable[Path]) -> list[Path]:
    """The evidence files named; folders searched for *.yaml and *.yml (not in sources/).

    A folder scan never leaves the folder: a symbolic link that leads out of it, or to
    nothing, is not followed. A path named outright is the user's choice and is used as named.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        problem = path_problem(path)
        if problem == IS_A_FOLDER:
            inside = _scan(path)
            if not inside:
                problems.append(Problem(path, None, "no evidence files (*.yaml) in this folder"))
            found += inside
        elif problem:
            problems.append(Problem(path, None, problem))
        else:
            found.append(path)
    if problems:
        raise InputError(problems)
    return list(dict.fromkeys(found))


def _scan(folder: Path) -> list[Path]:
    root = folder.resolve()
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix in EVIDENCE_SUFFIXES
        and not set(p.relative_to(folder).parts[:-1]) & set(NOT_EVIDENCE)
        and _regular_inside(p, root)
    )


def _regular_inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root) and path.is_file()
    except (OSError, RuntimeError):  # a loop of symbolic links
        return False


def load_all(
    paths: Sequence[Path], rulebook: Rulebook, source_root: Path | None = None
) -> list[Evidence]:
    """Every evidence file, verified; all problems in all files are reported together."""
    loaded, problems = [], []
    for path in evidence_files(paths):
        try:
            loaded.append(load_evidence(path, rulebook, source_root))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return loaded


def _info(rulebook: Rulebook) -> RulebookInfo:
    location = rulebook.location
    return RulebookInfo(str(location.path), location.origin, location.digest, tuple(rulebook.packs))


__all__ = [
    "Assessor",
    "Check",
    "Comparison",
    "Result",
    "RuleStatus",
    "RulebookListing",
    "RunResult",
    "Verdict",
    "evidence_files",
    "evidence_schema",
    "load_all",
    "open_rulebook",
    "result_schema",
    "rules_in_force",
]
