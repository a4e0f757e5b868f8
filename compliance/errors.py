"""Input errors that a user can act on.

Every problem with rules or evidence becomes an `InputError` carrying the file and line, so the
CLI can print one line a person can fix from, and exit 2, instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one place: rendered as `file:line: message`."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class InputError(Exception):
    """Raised when rules or evidence cannot be used; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line or 0, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, path: Path, line: int | None, message: str) -> InputError:
        return cls([Problem(path, line, message)])
