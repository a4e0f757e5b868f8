"""Writing an output file so that it is whole or absent, never half-written.

CI uploads whatever file a step leaves behind: a SARIF or JUnit file cut short by a full disk
or an interrupted run would be read as a report, and a stale one from an earlier run as this
run's. So the text is rendered first, written to a temporary file beside the target, flushed
to disk, and renamed over the target in one step; on any error the temporary file is removed
and the target is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from compliance.errors import InputError


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` in one rename; an OSError is the user's to fix (exit 2)."""
    folder = path.parent
    if not folder.is_dir():
        raise InputError.at(path, None, f"cannot write it: the folder '{folder}' does not exist")
    if path.is_dir():
        raise InputError.at(path, None, "is a folder; name a file to write")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError.at(path, None, f"cannot write it: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o666 & ~_umask())  # as an ordinary new file, not mkstemp's 0600
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            reason = "is a folder" if path.is_dir() else f"cannot write it: {exc.strerror}"
            raise InputError.at(path, None, reason) from None
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
