"""The one interface every output format implements."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType

from compliance.result.compare import Comparison
from compliance.result.run import RunResult, Threshold

DEFAULT_WIDTH = 120


@dataclass(frozen=True)
class RenderOptions:
    width: int = DEFAULT_WIDTH  # the terminal's width, for formats people read there
    # What counts as a failure, for formats that mark one (JUnit, SARIF, the exit code).
    threshold: Threshold = field(default_factory=Threshold)


@dataclass(frozen=True)
class Renderer:
    """A format: its name, its line of help, and the module that renders it.

    The module is imported when the format is first used, not when `lscb` starts: every CI run
    and pre-commit hook pays for the start, and the formats bring libraries (Jinja2, XML
    writers) that a run in one format never needs. Each module has `render(RunResult,
    RenderOptions)` for an assessment and `compare(Comparison, RenderOptions)` for two.
    """

    name: str
    help: str
    module: str

    def render(self, run: RunResult, options: RenderOptions) -> str:
        return self._module().render(run, options)  # type: ignore[no-any-return]

    def compare(self, comparison: Comparison, options: RenderOptions) -> str:
        return self._module().compare(comparison, options)  # type: ignore[no-any-return]

    def _module(self) -> ModuleType:
        return importlib.import_module(self.module)
