"""What a run read, resolved: the files an output (`-o`) must never replace.

`lscb check -o evidence.yaml evidence.yaml` would replace the evidence it just judged, and
`lscb report -o source.txt` a quoted document. Every path is compared after resolving links,
so a link to an input, or `./x/../evidence.yaml`, is the input.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


def resolved(path: Path) -> Path:
    return Path(os.path.realpath(path))


@dataclass(frozen=True)
class Inputs:
    """Each file read, with what it was to the run, and the folders read whole (the rulebook)."""

    files: dict[Path, str] = field(default_factory=dict)
    folders: dict[Path, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls, files: Iterable[tuple[Path, str]] = (), folders: Iterable[tuple[Path, str]] = ()
    ) -> Inputs:
        return cls(
            {resolved(p): role for p, role in files}, {resolved(p): role for p, role in folders}
        )

    def __or__(self, other: Inputs) -> Inputs:
        return Inputs(other.files | self.files, other.folders | self.folders)

    def role_of(self, path: Path) -> str | None:
        """What `path` was to the run (its role), or None if the run did not read it."""
        target = resolved(path)
        if target in self.files:
            return self.files[target]
        return next((role for f, role in self.folders.items() if target.is_relative_to(f)), None)
