"""Small pieces of wording shared by the renderers."""

from __future__ import annotations

from compliance.evidence import Citation, SourceRef
from compliance.sources import canonical
from compliance.verdicts import Verdict


def locator(citation: Citation) -> str:
    if citation.paragraph is not None:
        return f"para {citation.paragraph}"
    return f"section '{citation.section}'"


def shorten(text: str, width: int) -> str:
    text = canonical(text)
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return cut + "\u2026"


def source_file(citation: Citation, sources: dict[str, SourceRef]) -> str:
    ref = sources.get(citation.source)
    return ref.file if ref else citation.source


def basis_labels(verdict: Verdict) -> str:
    return "; ".join(f"{b.label} [{b.verification}]" for b in verdict.basis) or "-"


def summary_line(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    parts = ", ".join(f"{n} {name}" for name, n in counts.items())
    return f"{total} requirements: {parts}"
