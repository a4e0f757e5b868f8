"""The bundled rulebook, loaded and checked when the wheel is built, shipped beside it.

Loading the rulebook from YAML (parse, validate, cross-check, coverage) is most of one file's
start-up. The wheel's build hook (hatch_build.py) loads the rulebook once and pickles it into
the package as `_rulebook.pickle`; `load_rulebook` takes it instead only when every one of these
holds, and otherwise loads the YAML as before:

- the rulebook in use is the copy bundled inside the installed package, found by default (not
  `--rules`, not a checkout's `rules/`), with no recommendation pack;
- the pickle is the package's own file (never one from the working directory or `--rules`);
- it was made from files with the very digest the bundled rulebook has now, under the same
  pydantic version;
- it reads back whole.

Paths inside the rulebook are stored relative to its folder and rebased on reading, so the
result is the rulebook the YAML would give at the installed place, byte for byte in every output.
"""

from __future__ import annotations

import io
import pickle
from pathlib import Path, PurePath
from typing import Any

import pydantic

from compliance.rulebook.book import Rulebook, RulebookLocation

PREBUILT = Path(__file__).resolve().parent.parent / "_rulebook.pickle"
FORMAT = 1


def key(digest: str) -> tuple[int, str, str]:
    """What a pickle must have been made from to stand for the rulebook now on disk."""
    return (FORMAT, digest, pydantic.VERSION)


def dump(rulebook: Rulebook) -> bytes:
    """The rulebook pickled, its paths relative to its folder, behind its key."""
    root = rulebook.location.path
    out = io.BytesIO()
    pickle.dump(key(rulebook.location.digest), out, protocol=pickle.HIGHEST_PROTOCOL)
    _Pickler(out, root, rulebook.location).dump(rulebook)
    return out.getvalue()


def load(data: bytes, root: Path, origin: str, digest: str) -> Rulebook | None:
    """The pickled rulebook placed at `root`, or None if it was made from other files."""
    stream = io.BytesIO(data)
    if pickle.load(stream) != key(digest):
        return None
    location = RulebookLocation(root, origin, digest)
    rulebook = _Unpickler(stream, root, location).load()
    return rulebook if isinstance(rulebook, Rulebook) else None


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, root: Path, location: RulebookLocation) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.root, self.location = root, location

    def persistent_id(self, obj: Any) -> Any:
        if obj is self.location:
            return ("location",)
        if isinstance(obj, PurePath):
            # a path elsewhere (the build's own folders) would mean nothing where it is read
            return ("path", Path(obj).relative_to(self.root).as_posix())
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, root: Path, location: RulebookLocation) -> None:
        super().__init__(file)
        self.root, self.location = root, location

    def persistent_load(self, pid: Any) -> Any:
        if pid == ("location",):
            return self.location
        if isinstance(pid, tuple) and len(pid) == 2 and pid[0] == "path":
            return self.root / pid[1] if pid[1] != "." else self.root
        raise pickle.UnpicklingError(f"unknown reference {pid!r}")
