"""The output formats, one module each, and the registry that lists them.

Each module defines its `Format` (see `compliance.render.base`) as `FORMAT`; `lscb` offers
exactly the formats listed here, so adding one is a module and a line below.
"""

from __future__ import annotations

from compliance.render.base import Format
from compliance.render.formats import html, json, junit, markdown, sarif, table

FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        table.FORMAT,
        json.FORMAT,
        markdown.FORMAT,
        html.FORMAT,
        junit.FORMAT,
        sarif.FORMAT,
    )
}

__all__ = ["FORMATS"]
