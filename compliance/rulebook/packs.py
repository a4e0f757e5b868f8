"""Recommendation packs: requirements set by another source than the law, selected by name.

An inspection's recommendations or a government improvement notice bind one board at one time;
they are not the law every board answered to. A pack keeps them apart from the statutory
rulebook (`rules/packs/NAME/`: a `pack.yaml` declaring the document as an instrument, and
`requirements/*.yaml` in the same form as the statutory ones), read only when `--pack NAME`
selects it. A pack's requirements are judged from observed facts alone: a reviewer's finding
never decides one, because a pack is used to check reviewers' verdicts against the facts.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import Field

from compliance.reading.errors import InputError
from compliance.reading.validation import Strict, validate
from compliance.reading.yamlfile import load_yaml
from compliance.rulebook.instruments import Instrument

PACKS = "packs"
PACK_FILE = "pack.yaml"
PACK_NAME = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Pack(Strict):
    title: str
    board: str = Field(description="The board the source addressed.")
    area: str = Field(
        description="Its local authority area, as evidence files name it: the pack binds "
        "this area only."
    )
    summary: str
    note: str | None = None
    instrument_id: str = Field(description="The id its requirements cite as their instrument.")
    instrument: Instrument


def available_packs(root: Path) -> tuple[str, ...]:
    folder = root / PACKS
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name for p in folder.iterdir() if (p / PACK_FILE).is_file()))


def unselected_pack_requirements(root: Path, selected: Iterable[str]) -> frozenset[str]:
    """The requirement ids of the packs not selected (a file's stem is its id): evidence may
    record a reviewer's finding about one, shown only when its pack is selected."""
    return frozenset(
        path.stem
        for name in available_packs(root)
        if name not in set(selected)
        for path in (root / PACKS / name / "requirements").glob("*.yaml")
    )


def read_pack(root: Path, name: str) -> tuple[Pack, Path]:
    """The pack's declaration and its requirements folder; an unknown name lists the known ones."""
    known = available_packs(root)
    if name not in known:
        listed = ", ".join(known) or "none in this rulebook"
        raise InputError.at(root / PACKS, None, f"unknown pack '{name}'; packs: {listed}")
    folder = root / PACKS / name
    return validate(Pack, load_yaml(folder / PACK_FILE), "the pack"), folder / "requirements"
