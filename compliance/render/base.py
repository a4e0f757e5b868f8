"""The one interface every output format implements."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType
from typing import Protocol

from compliance.compare import Comparison
from compliance.result import Result, RunResult, Threshold

DEFAULT_WIDTH = 120


@dataclass(frozen=True)
class RenderOptions:
    width: int = DEFAULT_WIDTH  # the terminal's width, for formats people read there
    # What counts as a failure, for formats that mark one (JUnit, SARIF, the exit code).
    threshold: Threshold = field(default_factory=Threshold)


class Drawing(Protocol):
    """An assessment's output drawn as its results come, in order (`add`), and completed once
    the run is known (`finish`, which draws whatever was not added). With `--jobs`, the results
    of each chunk are drawn while the workers judge the rest."""

    def add(self, result: Result) -> None: ...

    def finish(self, run: RunResult) -> str: ...


@dataclass(frozen=True)
class _WholeDrawing:
    """For a format drawn from the whole run at once: nothing is done until `finish`."""

    renderer: Renderer
    options: RenderOptions

    def add(self, result: Result) -> None:
        return None

    def finish(self, run: RunResult) -> str:
        return self.renderer.render(run, options=self.options)


@dataclass(frozen=True)
class Renderer:
    """A format: its name, its line of help, and the module that renders it.

    The module is imported when the format is first used, not when `lscb` starts: every CI run
    and pre-commit hook pays for the start, and the formats bring libraries (Jinja2, XML
    writers) that a run in one format never needs. Each module has `render(RunResult,
    RenderOptions)` for an assessment and `compare(Comparison, RenderOptions)` for two; a format
    that can be drawn a result at a time also has a `Drawing` class (see `Drawing`).
    """

    name: str
    help: str
    module: str

    def render(self, run: RunResult, options: RenderOptions) -> str:
        return self._module().render(run, options)  # type: ignore[no-any-return]

    def drawing(self, options: RenderOptions) -> Drawing:
        """The output drawn a result at a time where the format can, else all at the end."""
        made = getattr(self._module(), "Drawing", None)
        return made(options) if made is not None else _WholeDrawing(self, options)  # type: ignore[no-any-return]

    def compare(self, comparison: Comparison, options: RenderOptions) -> str:
        return self._module().compare(comparison, options)  # type: ignore[no-any-return]

    def _module(self) -> ModuleType:
        return importlib.import_module(self.module)
