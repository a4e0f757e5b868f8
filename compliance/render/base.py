"""The one interface every output format implements."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from compliance.compare import Comparison
from compliance.result import RunResult, Threshold

DEFAULT_WIDTH = 120


@dataclass(frozen=True)
class RenderOptions:
    width: int = DEFAULT_WIDTH  # the terminal's width, for formats people read there
    # What counts as a failure, for formats that mark one (JUnit, SARIF, the exit code).
    threshold: Threshold = field(default_factory=Threshold)


@dataclass(frozen=True)
class Renderer:
    name: str
    help: str
    render: Callable[[RunResult, RenderOptions], str]
    # Two assessments of one board (`lscb compare`). None only while a format is being built.
    compare: Callable[[Comparison, RenderOptions], str] | None = None
