"""`lscb` run in this process, with click's runner, for the tests whose point is not the process.

`lscb(*args, cwd=...)` gives what `subprocess.run` gave them (`returncode`, `stdout`, `stderr`),
so a test reads the same either way. The command group ends every run with `sys.exit`, which
the runner catches; an exception that escapes it is a bug in the tool and fails the test. The
tests whose point is the process (a signal, a closed or full stdout, the console script) start
one of their own.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from compliance.cli.commands import main
from tests.conftest import ROOT


@dataclass(frozen=True)
class Ran:
    """What one run printed and how it ended, named as `subprocess.CompletedProcess` names it."""

    returncode: int
    stdout: str
    stderr: str


def lscb(*args: str | Path, cwd: Path = ROOT, columns: int | None = 120) -> Ran:
    """Run `lscb ARGS` in `cwd`, in this process, with a terminal `columns` wide."""
    env = {"COLUMNS": str(columns)} if columns else {}
    before = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(
            main, [str(a) for a in args], env=env, catch_exceptions=False, prog_name="lscb"
        )
    finally:
        os.chdir(before)
    return Ran(result.exit_code, result.stdout, result.stderr)


def locators(run: Ran) -> list[dict[str, object]]:
    """Every quote's locator in a run's JSON output, in document order; the run must have
    judged (exit 0 or 1) and said nothing on stderr."""
    assert (run.returncode in (0, 1), run.stderr) == (True, "")
    found: list[dict[str, object]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "locator" in node:
                found.append(node["locator"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(run.stdout))
    return found
