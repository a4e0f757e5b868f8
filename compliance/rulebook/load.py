"""Finding and loading the rulebook: which folder is in use, and everything in it checked.

Unless --rules names one, the rulebook is the copy an installed package carries
(`compliance/_rulebook`, put there when a wheel is built) if there is one, and otherwise the
`rules/` of the checkout the package runs from: a source tree or an editable install carries no
copy, so there editing a rule and running `lscb` uses the edit. Every output names the rulebook
it used and a digest of its files, so a stale copy can never be used by surprise.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from compliance.reading.errors import InputError, Problem
from compliance.reading.files import IS_A_FOLDER, path_problem
from compliance.reading.validation import validate
from compliance.reading.yamlfile import LoadedYaml, load_yaml
from compliance.rulebook import prebuilt
from compliance.rulebook.authority import SourceKinds
from compliance.rulebook.bind import coverage_problems
from compliance.rulebook.book import Rulebook, RulebookLocation
from compliance.rulebook.checks import check_requirement
from compliance.rulebook.composites import worst_part_cases
from compliance.rulebook.grades import GradeScales
from compliance.rulebook.groups import Group, LawGroups
from compliance.rulebook.instruments import Instrument, Register
from compliance.rulebook.packs import read_pack
from compliance.rulebook.requirement import Requirement, RuleCase
from compliance.rulebook.vocabulary import Vocabulary

REGISTER, VOCABULARY, SOURCE_KINDS = "instruments.yaml", "facts", "source-kinds.yaml"
GROUPS = "groups.yaml"
GRADES = "grades.yaml"  # optional: a rulebook without it declares no grade scale
REQUIREMENTS = "requirements"
M = TypeVar("M", Requirement, Vocabulary)
PACKAGE = Path(__file__).resolve().parent.parent
BUNDLED, BUNDLED_ORIGIN = PACKAGE / "_rulebook", "bundled with the installed package"


def find_rulebook(explicit: Path | None = None) -> tuple[Path, str]:
    """The rulebook folder to use, and in words why it is that one.

    A `rules/` folder in the working directory is used only when named with --rules: CI runs
    `lscb` inside repositories anyone can change, and a rulebook found there by default would
    let a change to the repository decide its own verdicts."""
    if explicit is not None:
        return explicit, "given with --rules"
    for candidate, origin in (
        (BUNDLED, BUNDLED_ORIGIN),
        (PACKAGE.parent / "rules", "the checkout the package runs from"),
    ):
        if _is_rulebook(candidate):
            return candidate, origin
    raise InputError.at(PACKAGE, None, "no rulebook found; pass --rules DIR")


def _is_rulebook(path: Path) -> bool:
    return (path / REGISTER).is_file() and (path / REQUIREMENTS).is_dir()


def load_rulebook(
    root: Path, origin: str = "given with --rules", packs: Sequence[str] = ()
) -> Rulebook:
    """Load and check `root/instruments.yaml`, `facts/`, `source-kinds.yaml`, `groups.yaml`,
    the requirements, and the recommendation packs named (`root/packs/NAME/`).

    The bundled rulebook, found by default and without packs, is the one the wheel's build
    loaded and checked, if its files are still those it was built from (see `prebuilt`)."""
    if not packs and origin == BUNDLED_ORIGIN and root == BUNDLED:
        built = _prebuilt(root, origin)
        if built is not None:
            return built
    problem = path_problem(root)
    if problem != IS_A_FOLDER:
        said = problem or "is a file"
        raise InputError.at(root, None, f"{said}: not a rulebook folder; pass --rules DIR")
    register = validate(Register, load_yaml(root / REGISTER), "the instruments register")
    selected = {name: read_pack(root, name) for name in dict.fromkeys(packs)}
    if selected:
        declared = {p.instrument_id: p.instrument for p, _ in selected.values()}
        register = _with_instruments(register, declared, root)
    fact_files = _yaml_files(root / VOCABULARY, "fact files")
    vocabulary = _vocabulary(fact_files)
    kinds = validate(SourceKinds, load_yaml(root / SOURCE_KINDS), "the source kinds")
    groups = validate(LawGroups, load_yaml(root / GROUPS), "the law's groups").by_key()
    scales = _grade_scales(root, register)
    files = _yaml_files(root / REQUIREMENTS, "requirement files")
    pack_of = {
        path: name
        for name, (_, folder) in selected.items()
        for path in _yaml_files(folder, "requirement files")
    }
    files += list(pack_of)
    documents, problems = _validated(files, Requirement, "the requirement")
    loaded: dict[str, tuple[Requirement, LoadedYaml]] = {}
    for requirement, document in documents:
        if requirement.id in loaded:
            line = document.line_of(("id",))
            message = f"requirement id '{requirement.id}' is used twice"
            problems.append(Problem(document.path, line, message))
        loaded[requirement.id] = (requirement, document)
    for requirement, document in loaded.values():
        found = check_requirement(
            requirement, document.path.stem, register, vocabulary, set(loaded)
        )
        problems += [Problem(document.path, document.line_of(k), m) for k, m in found]
    packed = {req.id: pack_of[doc.path] for req, doc in loaded.values() if doc.path in pack_of}
    problems += _pack_problems(loaded, packed)
    problems += _group_problems(loaded, packed, groups)
    if problems:
        raise InputError(problems)
    layers = _layers(loaded)
    rulebook = Rulebook(
        location=RulebookLocation(root, origin, _digest(root, [*fact_files, *files])),
        register=register,
        vocabulary=vocabulary,
        source_kinds=kinds,
        requirements={rid: req for rid, (req, _) in sorted(loaded.items())},
        files={rid: doc.path for rid, (_, doc) in loaded.items()},
        cases=_cases(loaded),
        layers=layers,
        packs={name: pack for name, (pack, _) in selected.items()},
        pack_of=packed,
        groups=groups,
        grade_scales=scales,
    )
    found_gaps = coverage_problems(rulebook, {})
    if found_gaps:
        raise InputError(found_gaps)
    return rulebook


def _prebuilt(root: Path, origin: str) -> Rulebook | None:
    """The rulebook the wheel's build loaded, or None to load the YAML (none shipped, files
    changed since, or a pickle that does not read back)."""
    try:
        data = prebuilt.PREBUILT.read_bytes()
        fact_files = _yaml_files(root / VOCABULARY, "fact files")
        files = _yaml_files(root / REQUIREMENTS, "requirement files")
        digest = _digest(root, [*fact_files, *files])
    except (OSError, InputError):
        return None
    try:
        return prebuilt.load(data, root, origin, digest)
    except Exception:  # any failure to read it back is a reason to load the YAML, never an error
        return None


def _grade_scales(root: Path, register: Register) -> GradeScales:
    """The inspectorates' grade scales, each framework an edition the register declares."""
    path = root / GRADES
    if not path.exists():
        return GradeScales()
    document = load_yaml(path)
    scales = validate(GradeScales, document, "the grade scales")
    problems = [
        Problem(path, document.line_of(("scales", key, "framework")), message)
        for key, message in scales.framework_problems(register.edition_ids())
    ]
    if problems:
        raise InputError(problems)
    return scales


def _with_instruments(register: Register, added: dict[str, Instrument], root: Path) -> Register:
    """The register with the selected packs' documents declared as instruments of their own."""
    ids = register.edition_ids()
    for instrument_id, instrument in added.items():
        taken = [instrument_id] if instrument_id in register.instruments else []
        taken += [e.id for e in instrument.editions if e.id in ids]
        if taken:
            message = f"a pack declares '{taken[0]}', already an instrument or edition of the law"
            raise InputError.at(root / REGISTER, None, message)
    return Register(instruments={**register.instruments, **added}, lscb_end=register.lscb_end)


def _pack_problems(
    loaded: dict[str, tuple[Requirement, LoadedYaml]], packed: dict[str, str]
) -> list[Problem]:
    """A pack stands apart: it reads facts and its own parts, and the law never reads a pack."""
    problems = []
    for rid, (req, document) in loaded.items():
        for part in req.parts or []:
            if packed.get(part) != packed.get(rid):
                whose = f"pack '{packed[part]}'" if part in packed else "the statutory rulebook"
                message = f"part '{part}' belongs to {whose}; a pack and the law do not mix parts"
                problems.append(Problem(document.path, document.line_of(("parts",)), message))
    return problems


def _group_problems(
    loaded: dict[str, tuple[Requirement, LoadedYaml]],
    packed: dict[str, str],
    groups: dict[str, Group],
) -> list[Problem]:
    """Every statutory requirement names one of the law's groups; a pack's stand under the pack."""
    problems = []
    for rid, (req, document) in loaded.items():
        if req.group is None and rid not in packed:
            known = ", ".join(groups)
            line = document.line_of(("title",))
            problems.append(Problem(document.path, line, f"no 'group'; name one of: {known}"))
        elif req.group is not None and req.group not in groups:
            *first, last = (f"'{key}'" for key in groups)
            expected = f"{', '.join(first)} or {last}" if first else last
            message = f"'group': expected {expected}, got '{req.group}' (text)"
            problems.append(Problem(document.path, document.line_of(("group",)), message))
    return problems


def _yaml_files(folder: Path, what: str) -> list[Path]:
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        raise InputError.at(folder, None, f"no {what} (*.yaml) found")
    return files


def _validated(
    files: list[Path], model: type[M], what: str
) -> tuple[list[tuple[M, LoadedYaml]], list[Problem]]:
    """Each file parsed and validated; every file's problems gathered, none stopping the rest."""
    documents: list[tuple[M, LoadedYaml]] = []
    problems: list[Problem] = []
    for path in files:
        try:
            document = load_yaml(path)
            documents.append((validate(model, document, what), document))
        except InputError as exc:
            problems += exc.problems
    return documents, problems


def _vocabulary(files: list[Path]) -> Vocabulary:
    """One vocabulary from the topic files, each fact declared in exactly one of them."""
    facts: dict[str, Any] = {}
    declared: dict[str, Path] = {}
    documents, problems = _validated(files, Vocabulary, "the fact vocabulary")
    for part, document in documents:
        for name, definition in part.facts.items():
            if name in declared:
                where = declared[name].name
                message = f"fact '{name}' is already declared in {where}; declare it once"
                problems.append(Problem(document.path, document.line_of(("facts", name)), message))
            declared.setdefault(name, document.path)
            facts.setdefault(name, definition)
    if problems:
        raise InputError(problems)
    return Vocabulary(facts=facts)


def _cases(loaded: dict[str, tuple[Requirement, LoadedYaml]]) -> dict[str, tuple[RuleCase, ...]]:
    titles = {rid: req.title for rid, (req, _) in loaded.items()}
    cases: dict[str, tuple[RuleCase, ...]] = {}
    for rid, (req, document) in loaded.items():
        if req.parts is not None:
            cases[rid] = tuple(worst_part_cases(req, titles, document.line_of(("parts",))))
            continue
        cases[rid] = tuple(
            RuleCase(
                rid,
                outcome,
                j,
                case.when,
                case.reason,
                document.line_of(("outcomes", outcome, j - 1)),
                case.force,
            )
            for outcome, listed in (req.outcomes or {}).items()
            for j, case in enumerate(listed, 1)
        )
    return cases


def _layers(loaded: dict[str, tuple[Requirement, LoadedYaml]]) -> tuple[tuple[str, ...], ...]:
    """Requirements grouped so that every part is judged in a layer before its composite."""
    depth: dict[str, int] = {}

    def visit(rid: str, path: tuple[str, ...]) -> int:
        if rid in path:
            _req, document = loaded[rid]
            cycle = " -> ".join((*path[path.index(rid) :], rid))
            raise InputError.at(
                document.path, document.line_of(("parts",)), f"parts form a cycle: {cycle}"
            )
        if rid not in depth:
            parts = loaded[rid][0].parts or []
            depth[rid] = 1 + max((visit(p, (*path, rid)) for p in parts), default=-1)
        return depth[rid]

    for rid in sorted(loaded):
        visit(rid, ())
    return tuple(
        tuple(sorted(r for r in depth if depth[r] == level))
        for level in range(max(depth.values()) + 1)
    )


def _digest(root: Path, rule_files: list[Path]) -> str:
    digest = hashlib.sha256()
    grades = [root / GRADES] if (root / GRADES).exists() else []
    for path in [root / REGISTER, root / SOURCE_KINDS, root / GROUPS, *grades, *rule_files]:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
