"""Output formats: one module each, behind one interface, listed in one registry.

A format is a `Renderer` (see `base`): a name, a line of help and a function from the run's
result to text. The `lscb` command offers exactly the formats registered here, so adding one is
a module with its renderer and a line below.
"""

from compliance.render import html, json_format, junit, markdown, sarif, table
from compliance.render.base import Renderer, RenderOptions

FORMATS: dict[str, Renderer] = {
    r.name: r
    for r in (
        table.RENDERER,
        json_format.RENDERER,
        markdown.RENDERER,
        html.RENDERER,
        junit.RENDERER,
        sarif.RENDERER,
    )
}

__all__ = ["FORMATS", "RenderOptions", "Renderer"]
