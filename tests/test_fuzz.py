"""Fuzzing: what any input, valid or broken, may make the tool do (hypothesis).

Laws:

1. Valid evidence (generated from the fact vocabulary, every quote a real slice of a bundled
   document under a locator it really stands in) loads and is judged without an error, with
   exactly one verdict per requirement of the rulebook; each output format renders it to the
   same bytes twice, and again after its facts and sources are written in another order.
2. Broken evidence (arbitrary YAML-ish structures put where the evidence shape has values, with
   odd scalars, tags, anchors and aliases; hostile values in the fields the loader acts on:
   a source's file, a quote, a locator, a date; byte-level mutations of the bundled files)
   raises nothing but `InputError` (and stops: no hang), and every problem in it has a path and
   is one line shorter than 400 characters. A source outside the evidence file's own folder
   tree is broken evidence too, even when the quote stands in it.
3. Mutated rule files raise nothing but `InputError` or `EngineError` (both exit 2), whether
   loading the rulebook or judging the bundled evidence with it; a rulebook that loads still
   gives one verdict per requirement.
4. The `lscb assess` command exits 0 or 1 on valid evidence and 2 on broken evidence, printing
   nothing on stdout and one line per problem on stderr, and never a traceback.

The tool runs in a forked child (see tests/fuzzing.py), so a crash in C code cannot end the run
and a true hang is cut off (after minutes: a guard, not a speed goal) and reported. The command
tests run `lscb` in this process (tests/cli.py). Examples are derandomized, so CI sees the same ones every
run; shrinking is off (a failing example may hang, and each attempt would cost seconds), so a
failure is reported as found; the minimal inputs found so far are kept in KNOWN below, each a
test of its own. Every example runs the tool for real, so the module takes about 40 seconds.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from compliance import api
from compliance.judge import Judge
from compliance.render import FORMATS, RenderOptions
from compliance.result.run import FactTrace, Result, RulebookInfo, RunResult
from compliance.rulebook import Rulebook, bind, load_rulebook
from tests.cli import lscb
from tests.conftest import PACKS, RULES
from tests.fuzzing import (
    BUNDLED,
    Generated,
    Outcome,
    bad_problems,
    broken_structures,
    dump,
    hostile_sources,
    isolated,
    mutated_bytes,
    mutated_rule_data,
    valid_evidence,
)

LAW = load_rulebook(RULES)
WHOLE = load_rulebook(RULES, packs=PACKS)
JUDGES = {id(LAW): Judge(bind(LAW)), id(WHOLE): Judge(bind(WHOLE))}
ORIGINALS = [path.read_bytes() for path in BUNDLED]
BASES = [yaml.safe_load(data) for data in ORIGINALS]
RULE_FILES = sorted(path.relative_to(RULES) for path in RULES.rglob("*.yaml"))
FACT_NAMES = sorted(LAW.vocabulary.facts)

COMMON: dict[str, Any] = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}


def no_shrink(examples: int) -> settings:
    """Settings for a law a failing example may break by hanging: no shrinking, first failure."""
    return settings(
        **COMMON,
        max_examples=examples,
        phases=[Phase.explicit, Phase.generate],
        report_multiple_bugs=False,
    )


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for evidence files, with a sources/ folder of the documents (and odd files)."""
    folder = tmp_path_factory.mktemp("fuzz")
    hostile_sources(folder)
    for i, data in enumerate(ORIGINALS):  # read every document once, here: not in each child
        (folder / f"warm-{i}.yaml").write_bytes(data)
        assessed([folder / f"warm-{i}.yaml"])
    return folder


def assessed(paths: list[Path], rulebook: Rulebook = LAW) -> RunResult:
    """Load and judge: what `Assessor.assess` does, with the rulebook loaded once for the module."""
    evidence = api.load_all(paths, rulebook)
    results = tuple(JUDGES[id(rulebook)].assess(item) for item in evidence)
    for result in results:
        verdicts = sorted(v.requirement for v in result.verdicts)
        assert verdicts == sorted(rulebook.requirements), f"not one verdict each: {verdicts}"
    location = rulebook.location
    info = RulebookInfo(str(location.path), location.origin, location.digest, tuple(rulebook.packs))
    return RunResult(info, results)


def judged(paths: list[Path], rulebook: Rulebook = LAW, *, located: bool = True) -> dict[str, str]:
    """Every output format's rendering of the assessment: what `lscb assess` prints.

    `located=False` drops the line each fact stands on in its file, which moves, rightly,
    when the facts are written in another order: all else must stay the same."""
    run = assessed(paths, rulebook)
    if not located:
        run = replace(run, results=tuple(_unlocated(r) for r in run.results))
    return {name: fmt.render(run, RenderOptions()) for name, fmt in FORMATS.items()}


def _unlocated(result: Result) -> Result:
    def facts(traces: tuple[FactTrace, ...]) -> tuple[FactTrace, ...]:
        return tuple(replace(f, line=None) for f in traces)

    verdicts = tuple(
        replace(v, facts=facts(v.facts), context=facts(v.context)) for v in result.verdicts
    )
    return replace(result, verdicts=verdicts)


def only_input_errors(outcome: Outcome, data: bytes, allowed: set[str] | None = None) -> None:
    """The law for broken input: success or InputError, each problem one located line."""
    allowed = allowed or {"ok", "input"}
    shown = f"input bytes: {data[:4000]!r}\n{outcome.describe()}"
    assert outcome.kind in allowed, shown
    if outcome.kind == "input":
        assert not bad_problems(outcome), f"{bad_problems(outcome)}\n{shown}"


def evidence_run(workspace: Path, data: bytes, name: str = "case.yaml") -> tuple[Outcome, Path]:
    path = workspace / name
    path.write_bytes(data)
    return isolated(lambda: bool(assessed([path]))), path


# -- 1. valid evidence --------------------------------------------------------------------------


def _written(workspace: Path, data: st.DataObject) -> tuple[Rulebook, Generated, Path]:
    """A generated valid evidence file, written beside the documents; and its rulebook."""
    rulebook = WHOLE if data.draw(st.booleans(), label="with the packs") else LAW
    generated: Generated = data.draw(valid_evidence(rulebook), label="evidence")
    path = workspace / "valid.yaml"
    path.write_text(dump(generated.data), encoding="utf-8")
    return rulebook, generated, path


@no_shrink(40)
@given(data=st.data())
def test_valid_evidence_gets_one_verdict_per_requirement_the_same_every_run(
    workspace: Path, data: st.DataObject
) -> None:
    rulebook, _, path = _written(workspace, data)
    first = judged([path], rulebook)  # asserts one verdict per requirement
    assert judged([path], rulebook) == first, "two runs on one file rendered differently"


@pytest.mark.parametrize("part", ["facts", "sources"])
@no_shrink(30)
@given(data=st.data())
def test_valid_evidence_renders_the_same_whatever_order_its_parts_are_in(
    workspace: Path, part: str, data: st.DataObject
) -> None:
    rulebook, generated, path = _written(workspace, data)
    first = judged([path], rulebook, located=False)
    order = {key: list(generated.data[key]) for key in ("facts", "sources")}
    order[part] = data.draw(st.permutations(order[part]), label=f"{part} order")
    path.write_text(dump(generated.permuted(order["facts"], order["sources"])))
    again = judged([path], rulebook, located=False)
    for name, text in first.items():
        assert again[name] == text, f"the {name} output depends on the order of the {part}"


def test_the_bundled_evidence_is_judged_the_same_as_by_the_api() -> None:
    """The fuzz tests' shortcut (`judged`) is `Assessor.assess` with the rulebook loaded once."""
    run = api.Assessor(RULES).assess(BUNDLED)
    ours = judged(BUNDLED)
    assert ours["json"] == FORMATS["json"].render(run, RenderOptions())


# -- 2. broken evidence -------------------------------------------------------------------------


@no_shrink(150)
@given(
    text=broken_structures(
        st.one_of(st.sampled_from(BASES), valid_evidence(LAW).map(lambda g: g.data))
    )
)
def test_broken_structures_raise_only_located_input_errors(workspace: Path, text: str) -> None:
    data = text.encode("utf-8")
    outcome, _ = evidence_run(workspace, data)
    only_input_errors(outcome, data)


@no_shrink(150)
@given(data=mutated_bytes(ORIGINALS))
def test_byte_mutations_raise_only_located_input_errors(workspace: Path, data: bytes) -> None:
    outcome, _ = evidence_run(workspace, data)
    only_input_errors(outcome, data)


# The smallest inputs found to break the law for broken evidence, kept so that each is checked
# on every run and whoever fixes one sees it pass. Each file sits beside a sources/ folder that
# holds the documents and tests/fuzzing.py's odd files (not-utf8.txt, loop.txt, empty.txt).
SOURCE_OF = b"""assessment: {board: B, area: A, date: 2015-02-26, date_basis: d, kind: inspection, title: t}
sources:
  s: {file: %s, title: t, publisher: p, kind: inspection, published: 2014}
facts:
  cdop_in_place:
    value: true
    citations: [{source: s, paragraph: 1, quote: one two three}]
"""
KNOWN: dict[str, bytes] = {
    "bool tag on other text": b"!!bool x\n",
    "int tag on nothing": b"!!int\n",
    "timestamp tag on other text": b"!!timestamp x\n",
    "recursive alias": b"a: &a [*a]\n",
    "recursive alias in a mapping": b"facts: &a {x: *a}\n",
    "deep nesting": b"[" * 1000 + b"]" * 1000 + b"\n",
    "alias bomb": b"a: [&a [x,x,x,x,x,x,x,x,x,x], &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a], "
    b"&c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b], &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c], "
    b"&e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d], &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e], "
    b"&g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]]\n",
    "NUL in a source path": SOURCE_OF % b'"sources/x\\0.txt"',
    "source not UTF-8": SOURCE_OF % b"sources/not-utf8.txt",
    "source a symlink loop": SOURCE_OF % b"sources/loop.txt",
    "source unreadable": SOURCE_OF % b"/proc/self/mem",
    "source name too long": SOURCE_OF % (b"sources/" + b"x" * 300 + b".txt"),
    "newline in a value shown": b'assessment: {kind: "a\\nb"}\nsources: {}\n',
    "long value shown": b"assessment: {kind: " + b"x" * 500 + b"}\nsources: {}\n",
    "control character in the file": b"a: b\x07\n",
    "long quote": SOURCE_OF.replace(
        b"paragraph: 1, quote: one two three", b"section: Dear Barbara, quote: %s"
    )
    % (b"sources/bexley-2015-lga-lscb-diagnostic-letter.txt", b"a " * 160000),
}


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_known_breakers_raise_only_located_input_errors(workspace: Path, name: str) -> None:
    outcome, _ = evidence_run(workspace, KNOWN[name], f"known-{slug(name)}.yaml")
    only_input_errors(outcome, KNOWN[name])


# -- 3. mutated rulebooks -----------------------------------------------------------------------


def _assess_with(rules: Path, packs: tuple[str, ...]) -> tuple[list[list[str]], list[str]]:
    """What `lscb assess --rules RULES evidence/` does: the verdicts' requirements, per file."""
    rulebook = api.open_rulebook(rules, packs)
    judge = Judge(bind(rulebook))
    results = [judge.assess(item) for item in api.load_all(BUNDLED, rulebook)]
    return [sorted(v.requirement for v in r.verdicts) for r in results], sorted(
        rulebook.requirements
    )


@no_shrink(25)
@given(data=st.data())
def test_mutated_rule_files_raise_only_input_or_engine_errors(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        rules = Path(folder) / "rules"
        shutil.copytree(RULES, rules)
        outcome, written = _mutated_rulebook_run(rules, data)
    only_input_errors(outcome, written, {"ok", "input", "engine"})
    if outcome.kind == "ok":
        per_file, requirements = outcome.value
        assert all(found == requirements for found in per_file), "not one verdict each"


def _mutated_rulebook_run(rules: Path, data: st.DataObject) -> tuple[Outcome, bytes]:
    target = data.draw(st.sampled_from(RULE_FILES), label="file")
    original = (RULES / target).read_bytes()
    if data.draw(st.booleans(), label="structural"):
        mutated = data.draw(mutated_rule_data(yaml.safe_load(original), FACT_NAMES))
        written = dump(mutated).encode("utf-8")
    else:
        written = data.draw(mutated_bytes([original]))
    (rules / target).write_bytes(written)
    packs = data.draw(st.sampled_from([(), tuple(PACKS)]), label="packs")
    return isolated(lambda: _assess_with(rules, packs)), written


# -- 4. the command -----------------------------------------------------------------------------


def _truncated(data: bytes) -> bytes:
    """Cut inside a flow mapping, as an interrupted save would."""
    return data[: data.index(b"{from: ") + 7]


def _not_utf8(data: bytes) -> bytes:
    return data.replace(b"board:", b"bo\xffard:", 1)


def _tab_indented(data: bytes) -> bytes:
    return data.replace(b"\n  ", b"\n\t", 3)


def _surrogate_in_a_message(_: bytes) -> bytes:
    return b'assessment: {kind: "\\ud800"}\nsources: {}\n'


def _recursive_alias(_: bytes) -> bytes:
    return KNOWN["recursive alias"]


BREAKERS: dict[str, Callable[[bytes], bytes]] = {
    "truncated": _truncated,
    "not UTF-8": _not_utf8,
    "tab-indented": _tab_indented,
    "a surrogate shown in a message": _surrogate_in_a_message,
    "recursive alias": _recursive_alias,
}


def test_the_command_judges_valid_evidence(workspace: Path) -> None:
    path = workspace / "cli-valid.yaml"
    path.write_bytes(ORIGINALS[1])
    done = lscb("assess", path)
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout.strip(), "nothing printed for valid evidence"
    assert "Traceback" not in done.stderr + done.stdout


@pytest.mark.parametrize("name", sorted(BREAKERS))
def test_the_command_reports_broken_evidence_one_line_a_problem(workspace: Path, name: str) -> None:
    data = BREAKERS[name](ORIGINALS[0])
    path = workspace / f"cli-{slug(name)}.yaml"
    path.write_bytes(data)
    done = lscb("assess", path)
    assert "Traceback" not in done.stderr + done.stdout
    assert done.returncode == 2, f"exit {done.returncode}: {done.stderr[-2000:]}"
    assert done.stdout == ""
    outcome = isolated(lambda: api.load_all([path], LAW))
    assert outcome.kind == "input", outcome.describe()
    assert done.stderr.splitlines() == [text for *_, text in outcome.problems]
    assert all(line.startswith(f"{path}:") for line in done.stderr.splitlines())


@settings(**COMMON, max_examples=3, phases=[Phase.generate])
@given(data=mutated_bytes(ORIGINALS))
def test_the_command_exits_2_or_judges_mutated_evidence(workspace: Path, data: bytes) -> None:
    path = workspace / "cli-mutated.yaml"
    path.write_bytes(data)
    done = lscb("assess", path)
    assert "Traceback" not in done.stderr + done.stdout, done.stderr[-2000:]
    loaded = isolated(lambda: bool(api.load_all([path], LAW)))
    expected = (0, 1) if loaded.kind == "ok" else (2,)
    shown = f"exit {done.returncode} ({loaded.kind} in-process): {done.stderr[-2000:]}\n{data!r}"
    assert done.returncode in expected, shown
    if done.returncode == 2:
        assert done.stdout == ""
        assert done.stderr.splitlines() == [text for *_, text in loaded.problems]
    else:
        assert done.stdout.strip()
