"""The full result as JSON: every verdict with its whole trace, for machines and archives.

The documents' shape, and the JSON Schema of each, are in `documents`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from compliance.reading.inert import for_json
from compliance.render.base import Format, RenderOptions
from compliance.render.documents import assessment_document, comparison_document
from compliance.result.compare import Comparison
from compliance.result.run import RunResult


def render(run: RunResult, options: RenderOptions) -> str:
    return _dump(assessment_document(run))


def compare(comparison: Comparison, options: RenderOptions) -> str:
    return _dump(comparison_document(comparison))


def _dump(document: dict[str, Any]) -> str:
    return for_json(json.dumps(document, indent=2, ensure_ascii=False, default=_plain)) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


FORMAT = Format("json", "the full result with every verdict's trace, for machines", render, compare)
