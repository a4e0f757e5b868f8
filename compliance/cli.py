"""The `lscb` command: parse options, call the library API, render. Nothing else lives here."""

from __future__ import annotations

import datetime as dt
import functools
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from compliance import __version__, api
from compliance.engine import EngineLimit
from compliance.errors import MAX_MESSAGE, InputError
from compliance.inert import clip, for_json
from compliance.render import FORMATS, RenderOptions
from compliance.render import explain as explain_view
from compliance.render import gaps as gaps_view
from compliance.render import rulebook as rulebook_view
from compliance.result import EXIT_INPUT_ERROR, EXIT_INTERNAL_ERROR, VERDICTS, Threshold

F = TypeVar("F", bound=Callable[..., Any])
# A file built to hold thousands of mistakes must not flood a CI log: the first few say enough.
MAX_PROBLEMS_SHOWN = 20
EXIT_CODES = (
    "Exit codes: 0 no verdict named by --fail-on; 1 some verdict named by --fail-on occurred; "
    "2 invalid input (each problem printed as FILE:LINE: message, nothing on stdout); "
    f"{EXIT_INTERNAL_ERROR} an internal error (a bug: please report it)."
)


def _reports_errors(command: F) -> F:
    """Input problems become located lines on stderr and exit 2; a bug exits 3, one line."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            for problem in exc.problems[:MAX_PROBLEMS_SHOWN]:
                click.echo(str(problem), err=True)
            hidden = len(exc.problems) - MAX_PROBLEMS_SHOWN
            if hidden > 0:
                click.echo(f"... and {hidden} more problems; fix these first", err=True)
            sys.exit(EXIT_INPUT_ERROR)
        except EngineLimit as exc:
            click.echo(f"rulebook error: {clip(str(exc), MAX_MESSAGE)}", err=True)
            sys.exit(EXIT_INPUT_ERROR)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # a bug: never a traceback, never exit 1
            click.echo(
                f"internal error: {type(exc).__name__}: {clip(str(exc), MAX_MESSAGE)}; "
                "please report it to the lscb-compliance maintainers with the command you ran "
                "and the output of lscb --version",
                err=True,
            )
            sys.exit(EXIT_INTERNAL_ERROR)

    return wrapper  # type: ignore[return-value]


class _Day(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a date as YYYY-MM-DD, e.g. 2015-02-26", param, ctx)


def _parse_params(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> dict:
    overrides: dict[str, dict[str, int]] = {}
    for item in values:
        key, sep, raw = item.partition("=")
        requirement, dot, name = key.partition(".")
        digits = raw.strip()
        if not (sep and dot and requirement and name) or not (
            digits.isascii() and digits.isdigit()
        ):
            raise click.BadParameter(
                f"'{item}': write REQUIREMENT.PARAMETER=WHOLE_NUMBER, "
                "e.g. section-11-audits.cycle_months=12"
            )
        overrides.setdefault(requirement, {})[name] = int(digits)
    return overrides


def _parse_verdicts(_ctx: click.Context, _param: click.Parameter, value: str | None) -> frozenset:
    if value is None:
        return frozenset()
    names = {v.strip() for v in value.split(",") if v.strip()}
    unknown = names - set(VERDICTS)
    if unknown or not names:
        wrong = (
            f"unknown verdict(s) {', '.join(sorted(unknown))}" if unknown else "no verdict given"
        )
        raise click.BadParameter(f"{wrong}; choose from {', '.join(VERDICTS)}")
    return frozenset(names)


rules_option = click.option(
    "--rules",
    "rules_dir",
    type=click.Path(path_type=Path, file_okay=False),
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
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    metavar="DIR",
    help="Let source documents lie anywhere inside DIR, absolute paths included. Default: "
    "each evidence file's own folder; a path leading outside it (by '..', an absolute path "
    "or a symbolic link) is refused, and nothing outside is read.",
)
jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    metavar="N",
    help="Load and judge the files in N worker processes (at most one per core helps). The "
    "output, and every error, is the same as with one.",
)
param_option = click.option(
    "--param",
    "overrides",
    multiple=True,
    callback=_parse_params,
    metavar="REQ.NAME=N",
    help="Override a practice-norm parameter, e.g. section-11-audits.cycle_months=12. Repeatable.",
)


def judging_options(command: F) -> F:
    """The options of every command that judges evidence: the rulebook, packs, practice-norm
    parameters and where source documents may lie."""
    for option in (source_root_option, param_option, pack_option, rules_option):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lscb")
def main() -> None:
    """Check Local Safeguarding Children Boards against the law that applied to them.

    Evidence files (YAML) state facts quoted from real documents: Ofsted reports, peer-review
    letters, board papers. Each quote is checked against its source. The rulebook, dated law
    as data, is evaluated by durable_rules, and every requirement gets a verdict: met,
    partly-met, unmet, not-evidenced (the evidence cannot decide it: what to ask is listed)
    or not-applicable (not in force on the evidence date), with the law and the quotes it
    rests on.

    \b
    Start with:
      lscb assess evidence/              one table per evidence file
      lscb explain FILE lay-members      the full reasoning for one requirement
      lscb gaps evidence/x.yaml          what to ask to decide what is open
      lscb rules --as-of 2015-02-26      what was in force on a date
      lscb init --board B --date D       start a self-assessment
      lscb schema > evidence.schema.json JSON Schema for editing evidence files
    """


def _paths(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> tuple[Path, ...]:
    if any(not value for value in values):
        raise click.BadParameter("an empty path was given; name a file or folder")
    return tuple(Path(value) for value in values)


def _width() -> int:
    return shutil.get_terminal_size((120, 24)).columns


@main.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, required=True, callback=_paths)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    metavar="FORMAT",  # the formats, each with its help, are listed below it
    default="table",
    show_default=True,
    help="; ".join(f"{name}: {FORMATS[name].help}" for name in sorted(FORMATS)) + ".",
)
@click.option(
    "--fail-on",
    callback=_parse_verdicts,
    default=None,
    metavar="VERDICTS",
    help=f"Exit 1 if any verdict is one of these (comma-separated: {', '.join(VERDICTS)}), "
    "e.g. --fail-on unmet,partly-met in CI.",
)
@judging_options
@jobs_option
@_reports_errors
def assess(
    *,
    paths: tuple[Path, ...],
    fmt: str,
    fail_on: frozenset,
    rules_dir: Path | None,
    packs: tuple[str, ...],
    overrides: dict,
    source_root: Path | None,
    jobs: int,
) -> None:
    """Assess evidence files (or folders of them): a verdict per requirement.

    Every file is validated and every quote verified before anything is printed.
    """
    run = api.assess(paths, rules_dir, overrides, packs, source_root=source_root, jobs=jobs)
    threshold = Threshold(fail_on, fail_on)  # what the exit code, JUnit and SARIF fail on
    click.echo(FORMATS[fmt].render(run, RenderOptions(_width(), threshold)), nl=False)
    sys.exit(run.exit_code(threshold))


@main.command()
@click.argument("paths", nargs=-1, required=True, callback=_paths)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one list per person to ask; json: the same, for machines.",
)
@judging_options
@jobs_option
@_reports_errors
def gaps(
    *,
    paths: tuple[Path, ...],
    fmt: str,
    rules_dir: Path | None,
    packs: tuple[str, ...],
    overrides: dict,
    source_root: Path | None,
    jobs: int,
) -> None:
    """List what would decide each requirement the evidence leaves open.

    For every not-evidenced verdict, the facts that would decide it, worded as the questions a
    peer team would ask in interviews, grouped by whom to ask (the chair, the business manager,
    the local authority, the partner agencies; questions about the law or the evidence date are
    for the review team), each with the requirements it decides and the law behind them.
    """
    run, found = api.gaps(paths, rules_dir, overrides, packs, source_root=source_root, jobs=jobs)
    if fmt == "json":
        click.echo(gaps_view.as_json(found, run.rulebook), nl=False)
    else:
        click.echo(gaps_view.text(found, run.rulebook, _width()), nl=False)


@main.command()
@click.option("--board", required=True, help="The board's name, e.g. 'Exampleshire LSCB'.")
@click.option(
    "--date", "on", type=_Day(), required=True, help="The date the assessment speaks for."
)
@click.option("--area", default=None, help="The local authority area (default: the board's name).")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the skeleton to this new file (default: print it). Never overwrites a file.",
)
@rules_option
@_reports_errors
def init(
    board: str, on: dt.date, area: str | None, output: Path | None, rules_dir: Path | None
) -> None:
    """Start a self-assessment: a commented evidence file listing every fact to look for.

    Each requirement in force on the date is listed with its law; under it, each fact it
    reads, with the question to answer, whom a peer team would ask and the values allowed, and
    a statement ready to uncomment once a quote from the board's papers supports it.

    \b
      lscb init --board "Exampleshire LSCB" --date 2016-03-31 -o evidence/self-2016.yaml
    """
    text = api.evidence_skeleton(board, area or board, on, rules_dir)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        with output.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise InputError.at(output, None, "already exists; choose a new file name") from None
    except OSError as exc:
        raise InputError.at(output, None, f"cannot write it: {exc.strerror}") from None
    click.echo(f"Wrote {output}; fill it in from the board's papers, then: lscb assess {output}")


@main.command()
@click.argument("evidence", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("requirement")
@judging_options
@_reports_errors
def explain(
    *,
    evidence: Path,
    requirement: str,
    rules_dir: Path | None,
    packs: tuple[str, ...],
    overrides: dict,
    source_root: Path | None,
) -> None:
    """Show how REQUIREMENT was decided for one EVIDENCE file: law, cases, facts, quotes."""
    run, verdict = api.explain(
        evidence, requirement, rules_dir, overrides, packs, source_root=source_root
    )
    click.echo(explain_view.render(run, verdict), nl=False)


@main.command()
@click.option(
    "--as-of",
    type=_Day(),
    default=None,
    help="Show what was in force on this day, and its legal basis then.",
)
@rules_option
@pack_option
@_reports_errors
def rules(as_of: dt.date | None, rules_dir: Path | None, packs: tuple[str, ...]) -> None:
    """List the requirements with their legal bases and the dates they were in force."""
    listing = api.rules_in_force(as_of, rules_dir, packs)
    click.echo(rulebook_view.render(listing, _width()), nl=False)


@main.command()
@click.option(
    "--of",
    "kind",
    type=click.Choice(["evidence", "assessment", "comparison"]),
    default="evidence",
    show_default=True,
    help="evidence: an evidence file, from the rulebook's fact vocabulary (for editors); "
    "assessment: the JSON `lscb assess --format json` writes; comparison: the JSON of a "
    "comparison of two assessments. The last two are versioned by their `format` field.",
)
@rules_option
@_reports_errors
def schema(kind: str, rules_dir: Path | None) -> None:
    """Print a JSON Schema: of an evidence file (the default), or of a JSON output."""
    document = api.evidence_schema(rules_dir) if kind == "evidence" else api.result_schema(kind)
    click.echo(for_json(json.dumps(document, indent=2, ensure_ascii=False)))


if __name__ == "__main__":
    main()
