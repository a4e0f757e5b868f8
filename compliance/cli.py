"""The `lscb` command: parse options, call the library, render. Nothing else lives here."""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from compliance import __version__
from compliance.engine import EngineError
from compliance.errors import InputError, RulebookDefect
from compliance.evidence import evidence_model
from compliance.render import explain as explain_view
from compliance.render import json_out, rulebook_list, table
from compliance.rulebook import load_rulebook
from compliance.run import assess_one, assess_paths, default_rules_dir
from compliance.verdicts import EXIT_INPUT_ERROR, VERDICTS, RunResult

F = TypeVar("F", bound=Callable[..., Any])
RENDERERS: dict[str, Callable[[RunResult], str]] = {"table": table.render, "json": json_out.render}


def _reports_input_errors(command: F) -> F:
    """Turn every problem with rules or evidence into located lines on stderr and exit 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
        except (RulebookDefect, EngineError) as exc:
            click.echo(f"rulebook error: {exc}", err=True)
        sys.exit(EXIT_INPUT_ERROR)

    return wrapper  # type: ignore[return-value]


def _parse_params(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> dict:
    overrides: dict[str, dict[str, int]] = {}
    for item in values:
        key, sep, raw = item.partition("=")
        requirement, dot, name = key.partition(".")
        if not (sep and dot and requirement and name) or not raw.strip().isdigit():
            raise click.BadParameter(
                f"'{item}': write REQUIREMENT.PARAMETER=WHOLE_NUMBER, "
                "e.g. section-11-audits.cycle_months=12"
            )
        overrides.setdefault(requirement, {})[name] = int(raw)
    return overrides


def _parse_verdicts(_ctx: click.Context, _param: click.Parameter, value: str | None) -> frozenset:
    if not value:
        return frozenset()
    names = {v.strip() for v in value.split(",") if v.strip()}
    unknown = names - set(VERDICTS)
    if unknown:
        raise click.BadParameter(
            f"unknown verdict(s) {', '.join(sorted(unknown))}; choose from {', '.join(VERDICTS)}"
        )
    return frozenset(names)


rules_option = click.option(
    "--rules",
    "rules_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Rulebook folder (instruments.yaml, facts.yaml, requirements/). Default: the bundled one.",
)
param_option = click.option(
    "--param",
    "overrides",
    multiple=True,
    callback=_parse_params,
    metavar="REQ.NAME=N",
    help="Override a practice-norm parameter, e.g. section-11-audits.cycle_months=12. Repeatable.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lscb")
def main() -> None:
    """Check Local Safeguarding Children Boards against the law that applied to them.

    Evidence files (YAML) state facts quoted from real documents: Ofsted reports, peer-review
    letters, board papers. Each quote is checked against its source. The rulebook, dated law
    as data, is evaluated by durable_rules, and every requirement gets a verdict: met,
    partly-met, unmet, not-evidenced (a fact it needs is missing) or not-applicable (not in
    force on the evidence date), with the law and the quote it rests on.

    \b
    Start with:
      lscb assess evidence/              one table per evidence file
      lscb explain FILE lay-members      the full reasoning for one requirement
      lscb rules --as-of 2015-02-26      what was in force on a date
      lscb schema > evidence.schema.json JSON Schema for editing evidence files

    Exit codes: 0 success; 1 a verdict named by --fail-on occurred; 2 invalid input (each
    problem is printed as FILE:LINE: message).
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(RENDERERS)),
    default="table",
    show_default=True,
    help="table for people, json for the full result.",
)
@click.option(
    "--fail-on",
    callback=_parse_verdicts,
    default=None,
    metavar="VERDICTS",
    help="Exit 1 if any verdict is one of these, e.g. unmet,partly-met (for CI).",
)
@rules_option
@param_option
@_reports_input_errors
def assess(
    paths: tuple[Path, ...], fmt: str, fail_on: frozenset, rules_dir: Path | None, overrides: dict
) -> None:
    """Assess evidence files (or folders of them) and print a verdict per requirement.

    Every file is validated and every quote verified before anything is printed.
    """
    result = assess_paths(paths, rules_dir, overrides)
    click.echo(RENDERERS[fmt](result), nl=False)
    sys.exit(result.exit_code(fail_on))


@main.command()
@click.argument("evidence", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("requirement")
@rules_option
@param_option
@_reports_input_errors
def explain(evidence: Path, requirement: str, rules_dir: Path | None, overrides: dict) -> None:
    """Show how REQUIREMENT was decided for one EVIDENCE file: law, cases, facts, quotes."""
    rulebook, loaded, result = assess_one(evidence, rules_dir, overrides)
    if requirement not in rulebook.requirements:
        known = ", ".join(sorted(rulebook.requirements))
        raise click.BadParameter(
            f"unknown requirement '{requirement}'; known: {known}", param_hint="REQUIREMENT"
        )
    click.echo(explain_view.render(rulebook, loaded, result, requirement), nl=False)


@main.command()
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Show what was in force on this date (YYYY-MM-DD) and its legal basis then.",
)
@rules_option
@_reports_input_errors
def rules(as_of: dt.datetime | None, rules_dir: Path | None) -> None:
    """List the requirements with their legal bases and the dates they were in force."""
    rulebook = load_rulebook(rules_dir or default_rules_dir())
    click.echo(rulebook_list.render(rulebook, as_of.date() if as_of else None), nl=False)


@main.command()
@rules_option
@_reports_input_errors
def schema(rules_dir: Path | None) -> None:
    """Print the JSON Schema of an evidence file, generated from the fact vocabulary."""
    rulebook = load_rulebook(rules_dir or default_rules_dir())
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **evidence_model(rulebook.vocabulary).model_json_schema(),
    }
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
