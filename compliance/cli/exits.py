"""How every `lscb` run ends: one located line on stderr at most, and an exit code that means it.

CI reads the exit code: 1 must mean only "a requirement fell below the threshold", so no other
way of ending may produce it, and none may print a traceback. Click's own endings would: a bad
option prints four lines (usage, a hint, a blank line, the error) with the value as typed, raw
escape sequences and all; an interrupt exits 1 ("Aborted!"); a full disk under `--help` is a
traceback. So the command group runs click without its standalone handling and ends every
run here, in one place for every command.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from compliance.cli import config
from compliance.cli.launch import EXIT_INTERRUPTED, INTERRUPTED
from compliance.engine import EngineLimit
from compliance.reading.errors import MAX_MESSAGE, InputError
from compliance.reading.inert import clip
from compliance.result.run import EXIT_INPUT_ERROR, EXIT_INTERNAL_ERROR

EXIT_BROKEN_PIPE = 141  # as a shell reports a process ended by SIGPIPE: the reader went away
# A file built to hold thousands of mistakes must not flood a CI log: the first few say enough.
MAX_PROBLEMS_SHOWN = 20
# Writing stdout failed for want of room or a working device: the environment's to fix.
_WRITE_FAILURES = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


class Lscb(click.Group):
    """The `lscb` group, ending every run as the module says."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        prog_name = prog_name or "lscb"  # also as `python -m compliance.cli.commands`
        if not standalone_mode:  # a caller that handles click's exceptions itself
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except SystemExit:
            raise
        except BaseException as exc:
            _end(exc)
        # A command that returns has printed its output (`--help`, `--version`, `init`).
        sys.exit(code if isinstance(code, int) else 0)

    # Click ends two things itself wherever it meets them in `main`: a broken pipe (exit 1) and
    # an interrupt (a blank line on stderr, then its Abort). The two places where anything
    # happens (parsing, which prints --help; invoking) hand them on as what they are.
    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        if "default_map" not in kwargs and (found := config.find(Path.cwd())) is not None:
            kwargs["default_map"] = config.default_map(found)  # the repository's defaults
        with _handed_on():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with _handed_on():
            try:
                return super().invoke(ctx)
            except click.UsageError as exc:
                # An option of the command missing its value is reported by the parser with
                # no context: it is the command's, named as the group was about to invoke it.
                name = ctx.invoked_subcommand
                command = self.get_command(ctx, name) if exc.ctx is None and name else None
                if command is not None:
                    exc.ctx = click.Context(command, info_name=name, parent=ctx)
                raise


@contextlib.contextmanager
def _handed_on() -> Iterator[None]:
    try:
        yield
    except BrokenPipeError as exc:
        raise ReaderGone from exc
    except KeyboardInterrupt as exc:
        raise Interrupted from exc


class Interrupted(Exception):
    """Ctrl-C (SIGINT), wherever it came."""


class ReaderGone(Exception):
    """Stdout's reader closed it before the output was written (`lscb check | head`)."""


def _end(exc: BaseException) -> NoReturn:
    """Say how the run ended, in one line (or one per input problem), and exit with its code."""
    if isinstance(exc, InputError):
        for problem in exc.problems[:MAX_PROBLEMS_SHOWN]:
            _say(str(problem))
        hidden = len(exc.problems) - MAX_PROBLEMS_SHOWN
        if hidden > 0:
            _say(f"... and {hidden} more problems; fix these first")
        sys.exit(EXIT_INPUT_ERROR)
    if isinstance(exc, EngineLimit):
        _say(f"rulebook error: {clip(str(exc), MAX_MESSAGE)}")
        sys.exit(EXIT_INPUT_ERROR)
    if isinstance(exc, click.UsageError):
        where = exc.ctx.command_path if exc.ctx else "lscb"
        said = clip(exc.format_message().rstrip("."), MAX_MESSAGE)
        _say(f"{where}: {said}; see '{where} --help'")
        sys.exit(EXIT_INPUT_ERROR)
    if isinstance(exc, click.ClickException):  # a file click itself could not open
        _say(f"lscb: {clip(exc.format_message(), MAX_MESSAGE)}")
        sys.exit(EXIT_INPUT_ERROR)
    if isinstance(exc, Interrupted | click.Abort | KeyboardInterrupt):
        _say(INTERRUPTED)
        sys.exit(EXIT_INTERRUPTED)
    if isinstance(exc, ReaderGone):
        _silence_stdout()
        sys.exit(EXIT_BROKEN_PIPE)
    if isinstance(exc, OSError) and exc.errno in _WRITE_FAILURES:
        _silence_stdout()
        _say(f"<stdout>: cannot write the output: {exc.strerror}")
        sys.exit(EXIT_INPUT_ERROR)
    _say(
        f"internal error: {type(exc).__name__}: {clip(str(exc), MAX_MESSAGE)}; "
        "please report it to the lscb-compliance maintainers with the command you ran "
        "and the output of lscb --version"
    )
    sys.exit(EXIT_INTERNAL_ERROR)


def _say(line: str) -> None:
    with contextlib.suppress(OSError):  # stderr gone too: the exit code says it
        click.echo(line, err=True)


def _silence_stdout() -> None:
    """Point stdout at nothing, so the interpreter's last flush of what could not be written
    does not fail again (and print its own message) on the way out."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
