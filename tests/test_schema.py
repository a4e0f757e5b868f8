"""The JSON Schema `lscb schema` prints accepts every evidence file the tool accepts.

Editors validate as you type with it, so it must not reject a good file; and a value in none of
the forms the tool reads must be refused by both.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from compliance import api
from compliance.reading.yamlfile import load_yaml
from tests.conftest import EVIDENCE, FIXTURES, RULES

GOOD = sorted(EVIDENCE.glob("*.yaml")) + sorted((FIXTURES / "statements").glob("*.yaml"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = api.evidence_schema(RULES)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_every_good_evidence_file_validates(
    validator: jsonschema.protocols.Validator, path: Path
) -> None:
    errors = [e.message for e in validator.iter_errors(load_yaml(path).data)]
    assert errors == []


@pytest.mark.parametrize(
    "name", ["wrong-type.yaml", "unknown-fact.yaml", "unknown-level.yaml", "no-citation.yaml"]
)
def test_broken_values_are_refused_by_the_schema_too(
    validator: jsonschema.protocols.Validator, name: str
) -> None:
    data = load_yaml(FIXTURES / "broken" / name).data
    assert list(validator.iter_errors(data))
