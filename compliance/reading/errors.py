"""Input errors that a user can act on.

Every problem with rules or evidence becomes an `InputError` carrying the file and line, so the
CLI can print one line a person can fix from, and exit 2, instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from compliance.reading.inert import clip

# A message is one line a person reads in a CI log: values quoted in it are short excerpts,
# and this caps whatever else might make it long.
MAX_MESSAGE = 400
MAX_PATH = 200


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one place: rendered as `file:line: message`."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        """One line, safe to print: control characters escaped, length bounded."""
        path = clip(str(self.path), MAX_PATH)
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {clip(self.message, MAX_MESSAGE)}"


class InputError(Exception):
    """Raised when rules or evidence cannot be used; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line or 0, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, path: Path, line: int | None, message: str) -> InputError:
        return cls([Problem(path, line, message)])
