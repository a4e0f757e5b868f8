"""Starting `lscb`: an interpreter it does not support, or a durable-rules that cannot load on
Python 3.13, is one sentence that says what to do, and an exit code that no verdict uses."""

from __future__ import annotations

import builtins
import sys
from typing import Any

import pytest

from compliance.cli import launch


def test_an_unsupported_python_is_refused_in_one_sentence_naming_those_that_work(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "version_info", (3, 10, 13, "final", 0))
    with pytest.raises(SystemExit) as ended:
        launch.run()
    assert ended.value.code == launch.EXIT_CANNOT_START != 1
    assert capsys.readouterr().err == (
        "lscb: runs on Python 3.11, 3.12 or 3.13, not 3.10; install it with one of those\n"
    )


def test_durable_rules_built_without_the_313_fix_says_how_to_rebuild_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_import = builtins.__import__

    def broken(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "compliance.cli.commands":
            raise ImportError("rules.cpython-313.so: undefined symbol: PyEval_CallObject")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", broken)
    with pytest.raises(SystemExit) as ended:
        launch.run()
    assert ended.value.code == launch.EXIT_CANNOT_START
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert launch.DURABLE_RULES_313 in err
