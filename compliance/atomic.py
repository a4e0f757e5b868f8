"""Writing an output file whole or not at all.

A board report is opened, printed and mailed; a half-written one (the disk filled, the run
was stopped) would look like a report and say less than the evidence does. So the text goes
to a temporary file beside the target, is flushed to disk, and only then renamed over it: a
reader sees the old file or the new one, never a part. A failure leaves no temporary behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from compliance.errors import InputError


def write_atomically(path: Path, text: str) -> None:
    """`text` as UTF-8 at `path`, replacing any file there; an OSError becomes an InputError."""
    folder = path.parent
    if not folder.is_dir():
        raise InputError.at(path, None, f"cannot write it: the folder '{folder}' does not exist")
    if path.is_dir():
        raise InputError.at(path, None, "is a folder; name a file to write")
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # as open() would make it, not mkstemp's 0600
        os.replace(temporary, path)
        temporary = None
    except OSError as exc:
        raise InputError.at(path, None, f"cannot write it: {exc.strerror or exc}") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
