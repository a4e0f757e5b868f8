"""Writing an output file so that it is whole or absent, never half-written.

CI uploads whatever file a step leaves behind: a SARIF or JUnit file cut short by a full disk
or an interrupted run would be read as a report, and a stale one from an earlier run as this
run's. So the text is rendered first, written to a temporary file beside the target, flushed
to disk, and renamed over the target in one step; on any error the temporary file is removed
and the target is left as it was.

An output never replaces an input: `-o` naming the evidence, a source document, a baseline
or a file of the rulebook is refused before anything is written.

A rename replaces whatever the name stands for, so the target is first resolved and looked at:
a symbolic link is followed (the file it names is replaced; the link stays), and a device or
FIFO (`-o /dev/null`, a pipe) is written to as a shell's `>` would, never replaced by a file:
run as root, a rename over /dev/null would destroy it for the whole machine.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from compliance.reading.errors import InputError
from compliance.reading.files import os_problem
from compliance.reading.inputs import Inputs


def write_atomically(path: Path, text: str, inputs: Inputs) -> None:
    """Replace the file `path` names with `text` in one rename, or write to the device or FIFO
    it names; an OSError, or a path that is one of the run's `inputs`, is the user's to fix
    (exit 2)."""
    role = inputs.role_of(path)
    if role is not None:
        raise InputError.at(
            path, None, f"is {role} this run read; write the output to another file"
        )
    target = Path(os.path.realpath(path))
    folder = target.parent
    if not folder.is_dir():
        # the folder as the user gave it, unless a link led elsewhere
        missing = path.parent if Path(os.path.realpath(path.parent)) == folder else folder
        raise InputError.at(path, None, f"cannot write it: the folder '{missing}' does not exist")
    try:
        mode: int | None = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None  # made by the rename
    except OSError as exc:  # a link that loops names no file to replace
        raise InputError.at(path, None, os_problem(path, exc)) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise InputError.at(path, None, "is a folder; name a file to write")
    if mode is not None and not stat.S_ISREG(mode):
        _write_through(path, target, text)
        return
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError.at(path, None, f"cannot write it: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o666 & ~_umask())  # as an ordinary new file, not mkstemp's 0600
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            reason = "is a folder" if target.is_dir() else f"cannot write it: {exc.strerror}"
            raise InputError.at(path, None, reason) from None
        raise


def _write_through(path: Path, target: Path, text: str) -> None:
    """Write to a device or FIFO in place. A socket cannot be opened and says so."""
    try:
        with open(target, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise InputError.at(path, None, f"cannot write it: {exc.strerror}") from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
