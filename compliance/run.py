"""The library entry points the CLI calls: find files, load, validate everything, assess.

Everything is loaded and verified before anything is judged or rendered, so a bad file stops
the run with all its problems listed and no partial output.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from compliance.assessment import Assessor
from compliance.errors import InputError, Problem
from compliance.evidence import Evidence, load_evidence
from compliance.rulebook import Rulebook, load_rulebook
from compliance.verdicts import AssessmentResult, RunResult

EVIDENCE_SUFFIXES = (".yaml", ".yml")


def default_rules_dir() -> Path:
    """The rulebook shipped inside an installed package, or the repository's `rules/`."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "_rulebook", package.parent / "rules"):
        if (candidate / "instruments.yaml").is_file():
            return candidate
    return package.parent / "rules"


def evidence_files(paths: Iterable[Path]) -> list[Path]:
    """The evidence files named, folders searched recursively for *.yaml and *.yml."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.suffix in EVIDENCE_SUFFIXES)
            if not inside:
                problems.append(Problem(path, None, "no evidence files (*.yaml) in this folder"))
            found += inside
        elif path.is_file():
            found.append(path)
        else:
            problems.append(Problem(path, None, "no such file or folder"))
    if problems:
        raise InputError(problems)
    return list(dict.fromkeys(found))


def load_all(paths: Sequence[Path], rulebook: Rulebook) -> list[Evidence]:
    """Every evidence file, verified; all problems in all files are reported together."""
    loaded, problems = [], []
    for path in evidence_files(paths):
        try:
            loaded.append(load_evidence(path, rulebook.vocabulary))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return loaded


def assess_paths(
    paths: Sequence[Path],
    rules: Path | None = None,
    overrides: Mapping[str, Mapping[str, int]] | None = None,
) -> RunResult:
    """Assess every evidence file under `paths`; each is judged alone, in a fresh state."""
    rulebook = prepare(rules, overrides)
    evidence = load_all(paths, rulebook)
    assessor = Assessor(rulebook, overrides)
    return RunResult(tuple(assessor.assess(item) for item in evidence))


def assess_one(
    path: Path,
    rules: Path | None = None,
    overrides: Mapping[str, Mapping[str, int]] | None = None,
) -> tuple[Rulebook, Evidence, AssessmentResult]:
    """One evidence file with everything `lscb explain` shows: rulebook, facts and verdicts."""
    rulebook = prepare(rules, overrides)
    evidence = load_evidence(path, rulebook.vocabulary)
    return rulebook, evidence, Assessor(rulebook, overrides).assess(evidence)


def prepare(rules: Path | None, overrides: Mapping[str, Mapping[str, int]] | None) -> Rulebook:
    """The rulebook, loaded and checked against any parameter overrides."""
    rulebook = load_rulebook(rules or default_rules_dir())
    check_overrides(rulebook, overrides or {})
    return rulebook


def check_overrides(rulebook: Rulebook, overrides: Mapping[str, Mapping[str, int]]) -> None:
    for requirement, values in overrides.items():
        if requirement not in rulebook.requirements:
            raise InputError.at(
                rulebook.root, None, f"--param names unknown requirement '{requirement}'"
            )
        known = rulebook.requirements[requirement].parameters
        for name in values:
            if name not in known:
                listed = ", ".join(known) or "none"
                raise InputError.at(
                    rulebook.sources[requirement],
                    None,
                    f"--param: '{requirement}' has no parameter '{name}' (parameters: {listed})",
                )
