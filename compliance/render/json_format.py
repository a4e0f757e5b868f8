"""The full result as JSON: every verdict with its whole trace, for machines and archives."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from compliance import __version__
from compliance.inert import for_json
from compliance.render.base import Renderer, RenderOptions
from compliance.result import RunResult

FORMAT_VERSION = 2


def render(run: RunResult, options: RenderOptions) -> str:
    document = {
        "tool": "lscb-compliance",
        "version": __version__,
        "format": FORMAT_VERSION,
        **dataclasses.asdict(run),
    }
    for result, source in zip(document["results"], run.results, strict=True):
        result["summary"] = source.counts()
    return for_json(json.dumps(document, indent=2, ensure_ascii=False, default=_plain)) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


RENDERER = Renderer("json", "the full result with every verdict's trace, for machines", render)
