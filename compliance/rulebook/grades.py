"""The inspectorates' own grade scales (`rules/grades.yaml`), for graded findings.

Ofsted judged an LSCB outstanding, good, requires improvement or inadequate. Our verdicts
(met, partly-met, unmet) are another scale: outstanding and good would both be "met", so a
grade is kept on its own scale, as the inspectorate's words, and never turned into a verdict.
The scales are data, so a reader can check each grade's words against the document they were
read in, and a new inspectorate's scale needs no Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Literal

from pydantic import Field

from compliance.reading.validation import Strict
from compliance.rulebook.instruments import Verification

SCALE_KEY = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Grade(Strict):
    words: Annotated[str, Field(min_length=1)]  # exactly as the inspectorate writes them
    note: str | None = None


class Scale(Strict):
    title: str
    by: str  # the inspectorate, as outputs name it: "Ofsted's judgement"
    judges: Literal["board"]  # what the scale grades: the board as a whole
    framework: str  # an edition id in the instruments register
    verification: Verification
    source: str
    grades: Annotated[
        dict[Annotated[str, Field(pattern=SCALE_KEY)], Grade], Field(min_length=2)
    ]  # best first

    def rank(self, grade: str) -> int:
        """1 for the best grade; larger is worse."""
        return list(self.grades).index(grade) + 1


class GradeScales(Strict):
    scales: dict[Annotated[str, Field(pattern=SCALE_KEY)], Scale] = Field(default_factory=dict)

    def framework_problems(self, editions: set[str]) -> list[tuple[str, str]]:
        """(scale, message) for each scale whose framework is not an edition of the register."""
        return [
            (key, f"framework '{scale.framework}' is not an edition in instruments.yaml")
            for key, scale in self.scales.items()
            if scale.framework not in editions
        ]


def either(values: Iterable[str]) -> str:
    """Allowed values in words, for a message: 'a', 'b' or 'c'."""
    quoted = [f"'{value}'" for value in values]
    if len(quoted) < 2:
        return "".join(quoted) or "none (the rulebook declares no grade scale)"
    return f"{', '.join(quoted[:-1])} or {quoted[-1]}"
