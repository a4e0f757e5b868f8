"""The source documents `lscb extract` reads, confined as every source is.

A draft is an evidence file in the making, and its sources must be where the evidence loader
will look for them: inside the folder the draft is written to (or printed from: the working
folder), unless `--source-root` allows a wider one. A document outside is refused before it is
read, and a message names only the path as given, never anything from the file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from compliance.evidence.quotes import Citing
from compliance.extract.draft import DraftSource
from compliance.reading.errors import InputError

_KEY_LENGTH = 40


def read_sources(
    paths: Sequence[Path], folder: Path, root: Path | None, kind: str | None
) -> tuple[list[DraftSource], Citing]:
    """Each document read and keyed, in the order given; `InputError` for one that cannot be."""
    citing = Citing(folder, root)
    base = Path(os.path.realpath(folder))
    allowed = Path(os.path.realpath(root)) if root is not None else base
    found: list[DraftSource] = []
    keys: set[str] = set()
    for path in paths:
        resolved = Path(os.path.realpath(path))
        if not resolved.is_relative_to(allowed):
            where = (
                "the --source-root folder" if root is not None else f"the draft's folder ({folder})"
            )
            hint = "" if root is not None else ", or allow a wider root with --source-root"
            raise InputError.at(
                path,
                None,
                f"lies outside {where}, where the evidence loader looks for sources; put the "
                f"document inside it (e.g. in sources/ beside the draft){hint}",
            )
        file = (
            resolved.relative_to(base).as_posix()
            if resolved.is_relative_to(base)
            else str(resolved)
        )
        document = citing.document(file)
        if isinstance(document, str):
            raise InputError.at(path, None, document)
        key = _key(path, keys)
        keys.add(key)
        found.append(DraftSource(key, file, kind, document))
    return found, citing


def _key(path: Path, taken: set[str]) -> str:
    """A short key for the document, from its file name, unique in the draft."""
    stem = re.sub(r"[^a-z0-9]+", "-", path.stem.lower())[:_KEY_LENGTH].strip("-") or "source"
    key, n = stem, 2
    while key in taken:
        key, n = f"{stem}-{n}", n + 1
    return key
