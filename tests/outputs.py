"""The real runs the machine-format tests read: the bundled evidence, a hostile document, and
Bexley's 2014 inspection compared with its 2015 peer review.

Paths are given relative to the checkout, as a CI job gives them, except the hostile
document's, which lies in a scratch folder and so is absolute.
"""

from __future__ import annotations

import contextlib
import functools
import json
from pathlib import Path

from compliance import api
from compliance.result.compare import Comparison, compare
from compliance.result.run import RunResult, Threshold
from tests.conftest import ROOT, RULES
from tests.test_hostile import HOSTILE, HOSTILE_QUOTE, evidence

BEXLEY_2014 = Path("evidence/bexley-2014-ofsted-review.yaml")
BEXLEY_2015 = Path("evidence/bexley-2015-lga-diagnostic.yaml")
# As YAML writes it: a terminal title sequence, a bell, markup, a bidi override, NUL, a vertical
# tab and the two noncharacters XML 1.0 forbids.
HOSTILE_BOARD = '"Test \\e]0;pwned\\a Board <b>|x|</b> \\u202e \\0 \\v \\uFFFE \\uFFFF"'
# Fails partly-met as well as unmet: Bexley's 2015 review then has a regression.
STRICT = Threshold(frozenset({"unmet", "partly-met"}), frozenset({"unmet", "partly-met"}))


@functools.cache
def bundled() -> RunResult:
    with contextlib.chdir(ROOT):
        return api.Assessor(RULES).assess([Path("evidence")])


@functools.cache
def bexley() -> Comparison:
    with contextlib.chdir(ROOT):
        run = api.Assessor(RULES).assess([BEXLEY_2014, BEXLEY_2015])
    return compare(run.rulebook, *run.results)


def hostile(folder: Path) -> RunResult:
    """The hostile document of `test_hostile`, with a board name XML cannot hold raw."""
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources/doc.txt").write_text(HOSTILE + "\n", encoding="utf-8")
    text = evidence(quote=json.dumps(HOSTILE_QUOTE)).replace(
        "board: Test Board", f"board: {HOSTILE_BOARD}"
    )
    (folder / "evidence.yaml").write_text(text, encoding="utf-8")
    return api.Assessor(RULES).assess([folder / "evidence.yaml"])
