"""Rendering a result as text.

`formats/`: the output formats `--format` offers, one module each, each defining its `Format`
object, listed in one registry (`FORMATS`). `views/`: what the other commands print (`lscb
explain`, `gaps`, `rules`, and the summary on stderr). Beside them, what several share: the
options and the interface (`base`), wording (`text`), a verdict's plain lines for the CI formats
(`annotation`), the JSON documents and their schemas (`documents`) and the board report's
model and templates (`report_model`, `templates/`).
"""

from compliance.render.base import Format, RenderOptions
from compliance.render.formats import FORMATS

__all__ = ["FORMATS", "Format", "RenderOptions"]
