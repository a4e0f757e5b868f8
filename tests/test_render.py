"""Renderers read the result's trace and nothing else; every registered format draws both kinds
of result. The tests of each format are in tests/formats/, one module per format; tests over
all formats take the list from the registry, so a new format module breaks none of them."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from compliance import api
from compliance.render import FORMATS, Format, RenderOptions
from tests.conftest import EVIDENCE, ROOT, RULES

RENDER = ROOT / "compliance" / "render"
FORMAT_MODULES = sorted(p for p in (RENDER / "formats").glob("*.py") if p.stem != "__init__")
# A renderer reads the result model, the package version, its own helpers and libraries; it
# never imports the rulebook's conditions, date arithmetic, the engine or the judge.
FORBIDDEN = (
    "compliance.rulebook",
    "compliance.values",
    "compliance.engine",
    "compliance.judge",
    "compliance.evidence",
    "durable",
)


@pytest.mark.parametrize("module", sorted(RENDER.rglob("*.py")), ids=lambda p: p.name)
def test_renderers_import_only_the_result_model(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    imported = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
    }
    imported |= {
        a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names
    }
    assert {m for m in imported if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)} == set()
    assert 'split("|")' not in module.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", FORMAT_MODULES, ids=lambda p: p.stem)
def test_each_format_module_defines_the_format_registered_under_its_name(path: Path) -> None:
    module = importlib.import_module(f"compliance.render.formats.{path.stem}")
    assert isinstance(module.FORMAT, Format)
    assert FORMATS[module.FORMAT.name] is module.FORMAT


def test_every_registered_format_has_its_module_and_its_tests() -> None:
    for fmt in FORMATS.values():
        assert fmt.render.__module__ == f"compliance.render.formats.{fmt.name}", fmt.name
        assert (ROOT / "tests" / "formats" / f"test_{fmt.name}.py").is_file(), fmt.name
    assert len(FORMATS) == len(FORMAT_MODULES)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_renders_an_assessment_and_a_comparison(name: str) -> None:
    """Each format draws both kinds of result."""
    old, new = (
        EVIDENCE / "bexley-2014-ofsted-review.yaml",
        EVIDENCE / "bexley-2015-lga-diagnostic.yaml",
    )
    comparison = api.Assessor(RULES).compare(old, new)
    compare = FORMATS[name].compare
    assert compare is not None
    assessed = FORMATS[name].render(api.Assessor(RULES).assess([new]), RenderOptions())
    compared = compare(comparison, RenderOptions())
    assert "Bexley" in assessed
    assert "section-11-audits" in compared
    assert compared != assessed
