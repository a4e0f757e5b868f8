"""The options `lscb` commands share, and how each is read: one place for each.

Every value a user types is checked here, before any file is read, and a bad one is a click
usage error (exit 2, one line saying what to write instead).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from compliance import api
from compliance.reading.inert import excerpt
from compliance.render import FORMATS
from compliance.result.run import VERDICTS, Threshold
from compliance.rulebook import Overrides
from compliance.values.counts import MAX_COUNT
from compliance.values.dates import YEARS

F = TypeVar("F", bound=Callable[..., Any])


class Day(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{excerpt(value)} is not a date as YYYY-MM-DD, e.g. 2015-02-26", param, ctx)


class AssessmentDay(Day):
    """The date an assessment speaks for, held to the rules an evidence file's date is: a
    skeleton `lscb init` writes must be one `lscb assess` accepts."""

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        day = super().convert(value, param, ctx)
        if day.year not in YEARS:
            self.fail(f"{day} is not a plausible year ({YEARS[0]} to {YEARS[-1]})", param, ctx)
        if day > dt.date.today():
            self.fail(
                f"{day} is after today; an assessment speaks for a day that has come", param, ctx
            )
        return day


class GivenPath(click.Path):
    """A path option or argument, which may not be empty: `Path("")` is the working folder,
    and `--baseline ''` (a variable left unset) would quietly scan all of it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(path_type=Path, **kwargs)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value == "":
            self.fail("an empty path was given; name a file or folder", param, ctx)
        return super().convert(value, param, ctx)


_MAX_DIGITS = 18


def parse_params(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> dict:
    overrides: dict[str, dict[str, int]] = {}
    for item in values:
        key, sep, raw = item.partition("=")
        requirement, dot, name = key.partition(".")
        digits = raw.strip()
        if not (sep and dot and requirement and name) or not (
            digits.isascii() and digits.isdigit()
        ):
            raise click.BadParameter(
                f"{excerpt(item)}: write REQUIREMENT.PARAMETER=WHOLE_NUMBER, "
                "e.g. section-11-audits.cycle_months=12"
            )
        if len(digits) > _MAX_DIGITS:  # past what int() converts, or any parameter allows
            raise click.BadParameter(
                f"{excerpt(item)}: too large; a parameter is from 1 to {MAX_COUNT:,}"
            )
        overrides.setdefault(requirement, {})[name] = int(digits)
    return overrides


NO_VERDICT = "none"


def parse_verdicts(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> frozenset | None:
    """The verdicts named, or None when the option was not given (its default then applies);
    'none' names no verdict, so that a bar can be lowered to fail nothing."""
    if value is None:
        return None
    names = {v.strip() for v in value.split(",") if v.strip()}
    if names == {NO_VERDICT}:
        return frozenset()
    unknown = names - set(VERDICTS)
    if unknown or not names:
        wrong = (
            f"unknown verdict(s) {', '.join(sorted(unknown))}" if unknown else "no verdict given"
        )
        raise click.BadParameter(f"{wrong}; choose from {', '.join(VERDICTS)}")
    return frozenset(names)


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="table",
    show_default=True,
    metavar="FORMAT",  # the formats, each with its help, are listed below it
    help="; ".join(f"{name}: {FORMATS[name].help}" for name in sorted(FORMATS)) + ".",
)
rules_option = click.option(
    "--rules",
    "rules_dir",
    type=GivenPath(file_okay=False),
    default=None,
    help="Rulebook folder. Default: the rulebook installed with lscb (or, run from a checkout, "
    "the checkout's rules/); a rules/ folder in the working directory is used only when named "
    "here. Every output names the rulebook it used.",
)
pack_option = click.option(
    "--pack",
    "packs",
    multiple=True,
    metavar="NAME",
    help="Also judge a recommendation pack (an inspection's recommendations, an improvement "
    "notice) from the facts alone, never from findings. `lscb rules` lists the packs. "
    "Repeatable.",
)
source_root_option = click.option(
    "--source-root",
    type=GivenPath(file_okay=False),
    default=None,
    metavar="DIR",
    help="Let source documents lie anywhere inside DIR, absolute paths included. Default: "
    "each evidence file's own folder; a path leading outside it (by '..', an absolute path "
    "or a symbolic link) is refused, and nothing outside is read.",
)
param_option = click.option(
    "--param",
    "overrides",
    multiple=True,
    callback=parse_params,
    metavar="REQ.NAME=N",
    help="Override a practice-norm parameter, e.g. section-11-audits.cycle_months=12. Repeatable.",
)


def judging_options(command: F) -> F:
    """The options of every command that judges evidence (the rulebook, packs, practice-norm
    parameters and where source documents may lie), given to it as one `assessor`."""

    @functools.wraps(command)
    def wrapper(
        *args: Any,
        rules_dir: Path | None,
        overrides: Overrides | None,
        packs: tuple[str, ...],
        source_root: Path | None,
        **kwargs: Any,
    ) -> Any:
        assessor = api.Assessor(rules_dir, overrides, packs, source_root)
        return command(*args, assessor=assessor, **kwargs)

    for option in (source_root_option, param_option, pack_option, rules_option):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


def threshold_options(default: frozenset[str], what: str) -> Callable[[F], F]:
    """--fail-on (both bars) and --duty-fail-on / --guidance-fail-on (one bar each), given to
    the command as one `threshold`. `what` says what fails, in the help."""
    verdicts = ", ".join(VERDICTS)
    shown = ",".join(v for v in VERDICTS if v in default) or NO_VERDICT
    options = (
        click.option(
            "--fail-on",
            callback=parse_verdicts,
            default=None,
            metavar="VERDICTS",
            help=f"Comma-separated verdicts ({verdicts}) or {NO_VERDICT}: exit 1 if {what} is "
            f"one of them, for duties and guidance alike. Default: {shown}.",
        ),
        click.option(
            "--duty-fail-on",
            callback=parse_verdicts,
            default=None,
            metavar="VERDICTS",
            help="The same, for statutory duties (an Act or regulations) only; overrides "
            "--fail-on for them.",
        ),
        click.option(
            "--guidance-fail-on",
            callback=parse_verdicts,
            default=None,
            metavar="VERDICTS",
            help="The same, for requirements resting on statutory guidance only, and for "
            "recommendation packs; overrides --fail-on for them.",
        ),
    )

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(
            *args: Any,
            fail_on: frozenset | None,
            duty_fail_on: frozenset | None,
            guidance_fail_on: frozenset | None,
            **kwargs: Any,
        ) -> Any:
            both = default if fail_on is None else fail_on
            threshold = Threshold(
                both if duty_fail_on is None else duty_fail_on,
                both if guidance_fail_on is None else guidance_fail_on,
            )
            return command(*args, threshold=threshold, **kwargs)

        for option in reversed(options):
            wrapper = option(wrapper)
        return wrapper  # type: ignore[return-value]

    return decorate


# A bar on stderr only for runs long enough to wait for: this many files or more.
PROGRESS_FILES = 10

notes_option = click.option(
    "--notes",
    is_flag=True,
    help="SARIF: also give each not-evidenced requirement as a note, with what to ask. By "
    "default only unmet and partly-met requirements are results.",
)

output_option = click.option(
    "-o",
    "--output",
    type=GivenPath(dir_okay=False),
    default=None,
    metavar="FILE",
    help="Write the output to FILE instead of stdout, whole or not at all: it replaces FILE "
    "in one step, and on invalid input or any error FILE is left as it was.",
)


@contextlib.contextmanager
def progress_bar() -> Iterator[api.Progress | None]:
    """A progress bar on stderr when a person watches it (a terminal) and the run is long;
    nothing in CI, where stderr is a log."""
    if not sys.stderr.isatty():
        yield None
        return
    bars: list[Any] = []

    def update(done: int, total: int) -> None:
        if total < 2 * PROGRESS_FILES:
            return
        if not bars or done < bars[-1].pos:  # a second run (the baseline) has begun
            if bars:
                bars[-1].render_finish()
            bars.append(click.progressbar(length=total, label="assessing", file=sys.stderr))
        bars[-1].update(done - bars[-1].pos)

    try:
        yield update
    finally:
        if bars:
            bars[-1].render_finish()
