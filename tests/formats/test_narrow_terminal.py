"""An 80-column terminal, and a pipe: the table stays readable within the width (issue 20)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter

import pytest

from tests.cli import lscb
from tests.conftest import ROOT

FILE = "evidence/bexley-2015-lga-diagnostic.yaml"


@pytest.mark.parametrize("columns", [80, 99])
def test_a_narrow_terminal_gets_a_block_per_requirement_within_its_width(columns: int) -> None:
    run = lscb("assess", FILE, columns=columns)
    assert (run.returncode, run.stderr) == (0, "")
    lines = run.stdout.splitlines()
    assert max(map(len, lines)) <= columns
    assert "│" not in run.stdout  # no grid of starved columns
    assert any(line.startswith("lay-members: ") for line in lines)
    assert len(lines) < 450  # a grid at 80 columns drew 784


def test_a_wide_terminal_keeps_the_grid() -> None:
    run = lscb("assess", FILE, columns=120)
    assert "│ requirement" in run.stdout
    assert max(map(len, run.stdout.splitlines())) <= 120


def test_several_files_end_with_one_line_across_them() -> None:
    run = lscb("assess", "evidence/", columns=120)
    (line,) = [x for x in run.stdout.splitlines() if x.startswith("4 assessments, ")]
    results = json.loads(lscb("assess", "--format", "json", "evidence/").stdout)["results"]
    total = Counter[str]()
    for result in results:
        total.update(result["summary"])
    listed = ", ".join(f"{n} {name}" for name, n in total.items())
    assert line == f"4 assessments, {total.total()} verdicts: {listed}"


def test_through_a_pipe_the_width_is_columns_or_80_never_a_guess() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    run = subprocess.run(
        [sys.executable, "-m", "compliance.cli.commands", "assess", FILE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (run.returncode, run.stderr) == (0, "")
    assert max(map(len, run.stdout.splitlines())) <= 80
