"""Reading an input file without trusting it: a regular file, of bounded size, in UTF-8.

Evidence repositories are changed by anyone, and CI runs `lscb` on them. A path may name a
folder, a FIFO that blocks forever, a device that never ends, a symbolic link to nothing or to
itself, or a file of gigabytes. Every such case is refused here, before anything is parsed,
with a message a person can act on, and without echoing a byte of the file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from compliance.reading.errors import InputError

# Documented in the README ("Limits"). Evidence and rule files are a few tens of kilobytes
# (the largest bundled is 34 KB); the largest source document bundled is about 100 KB. The
# limits leave room for a quote of a megabyte and a report of a thousand pages, and keep the
# worst case, a file at the limit built to be slow, to a few seconds and a few hundred MB.
MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_SOURCE_BYTES = 8 * 1024 * 1024
# A PDF carries fonts and images besides its text: a report of a few hundred pages is often
# 5-20 MB. Its text is bounded as a plain text's is (MAX_SOURCE_BYTES characters).
MAX_PDF_BYTES = 50 * 1024 * 1024

NOT_FOUND = "no such file or folder"
IS_A_FOLDER = "is a folder, not a file"
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def path_problem(path: Path) -> str | None:
    """Why `path` cannot be read as a file, in words, or None if it can be opened."""
    text = str(path)
    if "\x00" in text:
        return "the path contains a NUL character"
    try:
        info = os.stat(path)
    except OSError as exc:
        return os_problem(path, exc)
    if stat.S_ISDIR(info.st_mode):
        return IS_A_FOLDER
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a device, FIFO or socket); name a file"
    return None


def read_text(path: Path, limit: int, what: str) -> str:
    """The text of a regular file of at most `limit` bytes, strictly UTF-8."""
    return decode(read_bytes(path, limit, what), path)


def read_bytes(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes.

    The file is opened without blocking and checked again on the open descriptor, so a path
    swapped for a FIFO between the check and the read cannot hang the run.
    """
    problem = path_problem(path)
    if problem:
        raise InputError.at(path, None, problem)
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:
        raise InputError.at(path, None, os_problem(path, exc)) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputError.at(path, None, "is not a regular file; name a file")
        if info.st_size > limit:
            raise InputError.at(path, None, _too_big(info.st_size, limit, what))
        try:
            data = handle.read(limit + 1)
        except OSError as exc:  # e.g. a file of the /proc kind that refuses to be read
            raise InputError.at(path, None, os_problem(path, exc)) from None
    if len(data) > limit:
        raise InputError.at(path, None, _too_big(len(data), limit, what))
    return data


def decode(data: bytes, path: Path) -> str:
    """Strict UTF-8 (a byte-order mark is allowed), or the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError.at(
            path, line, f"not UTF-8 text (byte {exc.start + 1}); save the file as UTF-8"
        ) from None


def _too_big(size: int, limit: int, what: str) -> str:
    return (
        f"{_megabytes(size)} is over the {_megabytes(limit)} limit for {what}; "
        "split it or cut it down"
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


_OS_PROBLEMS = {
    errno.ELOOP: "is a symbolic link that loops; point it at a file",
    errno.EACCES: "cannot be read: permission denied",
    errno.EPERM: "cannot be read: permission denied",
    errno.ENOTDIR: f"{NOT_FOUND} (a part of the path is not a folder)",
    errno.ENAMETOOLONG: "the path is too long",
}


def os_problem(path: Path, exc: OSError) -> str:
    """Why `path` could not be opened or looked at, in words (never its content)."""
    if exc.errno == errno.ENOENT:
        return (
            "is a symbolic link to nothing; point it at a file" if path.is_symlink() else NOT_FOUND
        )
    known = _OS_PROBLEMS.get(exc.errno or 0)
    return known or f"cannot be read: {os.strerror(exc.errno) if exc.errno else 'unknown error'}"
