"""The one interface every output format implements."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from compliance.result import RunResult

DEFAULT_WIDTH = 120


@dataclass(frozen=True)
class RenderOptions:
    width: int = DEFAULT_WIDTH  # the terminal's width, for formats people read there


@dataclass(frozen=True)
class Renderer:
    name: str
    help: str
    render: Callable[[RunResult, RenderOptions], str]
