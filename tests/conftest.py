"""Shared fixtures: the real rulebook, bound, and a real, compiled durable_rules engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.judge import Judge
from compliance.reading.yamlfile import load_yaml
from compliance.rulebook import Rulebook, bind, load_rulebook
from compliance.rulebook.groups import LawGroups
from compliance.rulebook.packs import available_packs

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
# The law's groups as the bundled rulebook declares them, in the law's order.
GROUPS = LawGroups.model_validate(load_yaml(RULES / "groups.yaml").data).by_key()
EVIDENCE = ROOT / "evidence"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PACKS = available_packs(RULES)  # the recommendation packs, loaded wherever the rulebook's
# quality is tested, so that a pack's examples, laws and facts are held to the same standard


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return load_rulebook(RULES)


@pytest.fixture(scope="session")
def whole_rulebook() -> Rulebook:
    """The law with every recommendation pack."""
    return load_rulebook(RULES, packs=PACKS)


@pytest.fixture(scope="session")
def judge(rulebook: Rulebook) -> Judge:
    return Judge(bind(rulebook))
