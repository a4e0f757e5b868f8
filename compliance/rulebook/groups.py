"""How the law itself groups what a board must do (`rules/groups.yaml`), for reports.

The groups are data, as the source kinds and the instruments are: each names the provisions
that make it a group, so a reader can check it against the law, and the order of the file is
the law's own order, which a board report follows. Each requirement file names its group under
`group:`; a recommendation pack's requirements stand under their pack instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import Field

from compliance.reading.validation import Strict

GROUP_KEY = r"^[a-z]+(-[a-z]+)*$"


@dataclass(frozen=True)
class Group:
    key: str
    title: str  # in plain words, as a board's agenda would put it
    law: str  # the provisions that make this a group, as the law numbers them
    order: int  # its place in the law's own order, for reports


class _Entry(Strict):
    title: str
    law: str


class LawGroups(Strict):
    groups: Annotated[dict[Annotated[str, Field(pattern=GROUP_KEY)], _Entry], Field(min_length=1)]

    def by_key(self) -> dict[str, Group]:
        """Each group with its place in the law's order."""
        return {
            key: Group(key, entry.title, entry.law, order)
            for order, (key, entry) in enumerate(self.groups.items())
        }
