"""`lscb` run in this process, with click's runner, for the tests whose point is not the process.

`lscb(*args, cwd=...)` gives what `subprocess.run` gave them (`returncode`, `stdout`, `stderr`),
so a test reads the same either way. The command group ends every run with `sys.exit`, which
the runner catches; an exception that escapes it is a bug in the tool and fails the test. The
tests whose point is the process (a signal, a closed or full stdout, the console script) start
one of their own.
"""

from __future__ import annotations

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
