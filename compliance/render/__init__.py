"""Output formats: one module each, behind one interface, listed in one registry.

A format is a `Renderer` (see `base`): a name, a line of help and the module that renders an
assessment (and a comparison) as text, imported on first use. The `lscb` command offers exactly
the formats registered here, so adding one is a module with `render` and `compare` and an entry
below.
"""

from compliance.render.base import Renderer, RenderOptions

FORMATS: dict[str, Renderer] = {
    r.name: r
    for r in (
        Renderer("table", "a table per evidence file, for people", "compliance.render.table"),
        Renderer(
            "json",
            "the full result with every verdict's trace, for machines",
            "compliance.render.json_format",
        ),
        Renderer(
            "markdown",
            "Markdown for a CI job summary or a pull request: a table per evidence file",
            "compliance.render.markdown",
        ),
        Renderer(
            "html",
            "a printable board report (one HTML page, A4): verdicts by the law's groups, gaps "
            "with the law and questions, quotes, and each board's trajectory over its "
            "assessments",
            "compliance.render.html",
        ),
        Renderer(
            "junit",
            "JUnit XML, a test case per requirement; below --fail-on is a failure, for CI test "
            "reports",
            "compliance.render.junit",
        ),
        Renderer(
            "sarif",
            "SARIF 2.1.0, a result per open or failing requirement on its evidence file's line, "
            "for code review",
            "compliance.render.sarif",
        ),
    )
}

__all__ = ["FORMATS", "RenderOptions", "Renderer"]
