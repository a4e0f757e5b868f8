"""The generic reading model (values parsed by their fact's definition) reports every problem
the per-fact model (`evidence_model`, the schema's) reports, at the same line, in the same
words; and reads a valid file to the same statements."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.evidence import load as stages
from compliance.evidence.model import evidence_model
from compliance.reading.errors import InputError, Problem
from compliance.reading.validation import validate
from compliance.reading.yamlfile import LoadedYaml
from compliance.rulebook import Rulebook
from tests.conftest import ROOT

BUNDLED = sorted((ROOT / "evidence").glob("*.yaml"))
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3000),
    st.sampled_from(["2015", "2015-02", "2015/16", "never", "x", "", "12", "yes", "met"]),
    st.text(max_size=8),
    st.lists(st.integers(0, 3), max_size=2),
    st.dictionaries(st.sampled_from(["after", "before", "min", "max", "x"]), st.integers(0, 9)),
)


@pytest.fixture(scope="module")
def schema_model(rulebook: Rulebook) -> Any:
    return evidence_model(rulebook)


def by_schema_model(
    loaded: LoadedYaml, rulebook: Rulebook, model: Any
) -> list[Problem] | dict[str, Any]:
    """What the per-fact model made of the file: its problems, or every statement's value."""
    singles = stages._alias_single_statements(loaded)
    try:
        read: Any = validate(model, loaded, "the evidence file", stages._hints(rulebook))
    except InputError as exc:
        return InputError([stages._as_written(p, singles) for p in exc.problems]).problems
    return {name: [s.value for s in entry] for name, entry in read.facts if entry is not None}


def by_reading_model(loaded: LoadedYaml, rulebook: Rulebook) -> list[Problem] | dict[str, Any]:
    try:
        checked = stages.validate_stage(loaded, rulebook)
    except InputError as exc:
        return exc.problems
    return {name: [s.value for s in entries] for name, entries in checked.statements.items()}


PARSED = {path: stages.parse_stage(stages.read_stage(path), path).data for path in BUNDLED}
LINES = {path: stages.parse_stage(stages.read_stage(path), path).lines for path in BUNDLED}


def loaded_copy(path: Path, data: dict[str, Any]) -> LoadedYaml:
    return LoadedYaml(path, data, dict(LINES[path]))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_a_bundled_file_reads_to_the_same_values(
    path: Path, rulebook: Rulebook, schema_model: Any
) -> None:
    first, second = (loaded_copy(path, copy.deepcopy(PARSED[path])) for _ in range(2))
    assert by_reading_model(first, rulebook) == by_schema_model(second, rulebook, schema_model)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_broken_file_gets_the_same_problems(
    data: st.DataObject, rulebook: Rulebook, schema_model: Any
) -> None:
    path = data.draw(st.sampled_from(BUNDLED))
    document = copy.deepcopy(PARSED[path])
    facts = document["facts"]
    for name in data.draw(st.lists(st.sampled_from(sorted(facts)), max_size=4, unique=True)):
        entry = facts[name]
        statements = [entry] if isinstance(entry, dict) else entry
        statement = statements[data.draw(st.integers(0, len(statements) - 1))]
        change = data.draw(st.sampled_from(["value", "drop value", "drop citations", "entry"]))
        if change == "value":
            statement["value"] = data.draw(VALUES)
        elif change == "drop value":
            statement.pop("value", None)
        elif change == "drop citations":
            statement.pop("citations", None)
        else:
            facts[name] = data.draw(st.one_of(VALUES, st.just([]), st.just([3])))
    if data.draw(st.booleans()):
        document["assessment"]["kind"] = data.draw(st.sampled_from(["ofsted", "x", 3]))
    first, second = (loaded_copy(path, copy.deepcopy(document)) for _ in range(2))
    assert by_reading_model(first, rulebook) == by_schema_model(second, rulebook, schema_model)
