"""Shared fixtures: the real rulebook, bound, and a real, compiled durable_rules engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.judge import Judge
from compliance.rulebook import Rulebook, bind, load_rulebook

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
EVIDENCE = ROOT / "evidence"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return load_rulebook(RULES)


@pytest.fixture(scope="session")
def judge(rulebook: Rulebook) -> Judge:
    return Judge(bind(rulebook))
