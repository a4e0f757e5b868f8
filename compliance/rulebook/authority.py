"""Kinds of source document and their declared order of authority (`rules/source-kinds.yaml`).

When two documents state different values of one fact, the one of the more authoritative kind
decides (an inspection over a peer review over a self-assessment). The order is data, so a
reader can see it and a board can argue with it, and every contested fact names it.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from compliance.reading.validation import Strict

KIND_NAME = r"^[a-z]+(-[a-z]+)*$"


class SourceKinds(Strict):
    kinds: Annotated[dict[Annotated[str, Field(pattern=KIND_NAME)], str], Field(min_length=1)]

    def rank(self, kind: str) -> int:
        """0 for the most authoritative kind; larger is weaker."""
        return list(self.kinds).index(kind)

    @property
    def order(self) -> str:
        return " > ".join(self.kinds)
