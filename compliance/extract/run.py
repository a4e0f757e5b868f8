"""`lscb extract` as a function: read the sources, make the draft, say what was read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from compliance.extract.draft import Draft, make_draft
from compliance.extract.read import read_sources
from compliance.reading.errors import InputError
from compliance.reading.inert import excerpt
from compliance.reading.inputs import Inputs
from compliance.rulebook import Rulebook


class UnknownKind(ValueError):
    """A source kind the rulebook does not declare."""


def extract(
    rulebook: Rulebook,
    paths: Sequence[Path],
    *,
    board: str,
    on: dt.date,
    kind: str | None = None,
    folder: Path = Path("."),
    source_root: Path | None = None,
) -> tuple[Draft, Inputs]:
    """The draft evidence for `board` on `on` from the documents at `paths`, which must lie in
    `folder` (where the draft is written) or `source_root`; and the files read, which the
    draft must never be written over. `UnknownKind` for a kind the rulebook does not declare;
    `InputError` for a document that cannot be read."""
    if kind is not None and kind not in rulebook.source_kinds.kinds:
        known = ", ".join(rulebook.source_kinds.kinds)
        raise UnknownKind(f"unknown source kind {excerpt(kind)}; choose from {known}")
    if not paths:
        raise InputError.at(folder, None, "no source document given; name one or more")
    sources, citing = read_sources(paths, folder, source_root, kind)
    draft = make_draft(rulebook, sources, citing, board=board, on=on, kind=kind)
    inputs = Inputs.of(
        [(path, "a source document") for path in paths],
        [(rulebook.location.path, "the rulebook")],
    )
    return draft, inputs
