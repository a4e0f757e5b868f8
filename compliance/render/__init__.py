"""Output formats: one module each, behind one interface, listed in one registry.

A format is a `Renderer` (see `base`): a name, a line of help and a function from the run's
result to text. The `lscb` command offers exactly the formats registered here, so adding one is
a module with its renderer and a line below.
"""

from compliance.render import json_format, table
from compliance.render.base import Renderer, RenderOptions

FORMATS: dict[str, Renderer] = {r.name: r for r in (table.RENDERER, json_format.RENDERER)}

# Machine formats for CI and code review.
from compliance.render import junit, sarif  # noqa: E402

FORMATS.update({r.name: r for r in (junit.RENDERER, sarif.RENDERER)})

__all__ = ["FORMATS", "RenderOptions", "Renderer"]
