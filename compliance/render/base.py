"""The one interface every output format implements: a `Format` object per format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from compliance.result.compare import Comparison
from compliance.result.run import RunResult, Threshold

DEFAULT_WIDTH = 120


@dataclass(frozen=True)
class RenderOptions:
    width: int = DEFAULT_WIDTH  # the terminal's width, for formats people read there
    # What counts as a failure, for formats that mark one (JUnit, SARIF, the exit code).
    threshold: Threshold = field(default_factory=Threshold)
    # SARIF: give not-evidenced requirements as notes too (what to ask), not only failures.
    notes: bool = False


@dataclass(frozen=True)
class Format:
    """An output format: its name, its line of help, and its two functions, one drawing an
    assessment and one a comparison of two (None for a format that cannot compare).

    Each module of `compliance.render.formats` defines one, as `FORMAT`. Every module there is
    imported when `lscb` starts, so a module imports what only its drawing needs (Jinja2, an
    XML writer) inside the functions that draw: a run in one format never pays for another's
    libraries, and every CI run and pre-commit hook pays for the start.
    """

    name: str
    help: str
    render: Callable[[RunResult, RenderOptions], str]
    compare: Callable[[Comparison, RenderOptions], str] | None
