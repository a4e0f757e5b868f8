"""The `lscb` command: parse options, call the library API, render. Nothing else lives here."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import click

from compliance import __version__, api
from compliance.cli.exits import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, Lscb
from compliance.cli.options import (
    AssessmentDay,
    Day,
    GivenPath,
    format_option,
    judging_options,
    notes_option,
    output_option,
    pack_option,
    progress_bar,
    rules_option,
    source_root_option,
    threshold_options,
)
from compliance.cli.output import write_atomically
from compliance.reading.errors import MAX_MESSAGE, InputError
from compliance.reading.inert import clip, for_json
from compliance.reading.inputs import Inputs
from compliance.render import FORMATS, RenderOptions
from compliance.render.views import check_summary
from compliance.render.views import explain as explain_view
from compliance.render.views import gaps as gaps_view
from compliance.render.views import rulebook as rulebook_view
from compliance.result.run import (
    EXIT_BELOW_THRESHOLD,
    EXIT_INTERNAL_ERROR,
    EXIT_OK,
    Threshold,
)

# How every command's exit codes end: the code no input can cause.
INTERNAL = (
    f"{EXIT_INTERNAL_ERROR} an internal error (a bug: please report it); "
    f"{EXIT_INTERRUPTED} interrupted; {EXIT_BROKEN_PIPE} stdout was closed by its reader."
)
EXIT_CODES = (
    "Exit codes: 0 no verdict named by --fail-on (or --duty-fail-on, --guidance-fail-on); "
    "1 some verdict so named occurred; "
    "2 invalid input (each problem printed as FILE:LINE: message, nothing on stdout); " + INTERNAL
)


@click.group(cls=Lscb, context_settings={"help_option_names": ["-h", "--help"]})
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
      lscb extract sources/report.pdf --board B --date D -o draft.yaml
                                         a first draft from published documents
      lscb schema > evidence.schema.json JSON Schema for editing evidence files
      lscb check evidence/               for CI: exit 1 if a requirement is unmet
      lscb compare OLD.yaml NEW.yaml     what moved between two assessments, and why
      lscb report evidence/ -o b.html   the printable board report
    """


def _width() -> int:
    """The terminal's width; through a pipe, `COLUMNS` or 80, never a guess."""
    return shutil.get_terminal_size((80, 24)).columns


@main.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, required=True, type=GivenPath())
@format_option
@notes_option
@threshold_options(frozenset(), "any verdict")
@judging_options
def assess(
    *,
    paths: tuple[Path, ...],
    fmt: str,
    notes: bool,
    threshold: Threshold,
    assessor: api.Assessor,
) -> None:
    """Assess evidence files (or folders of them): a verdict per requirement.

    Every file is validated and every quote verified before anything is printed.
    """
    run = assessor.assess(paths)
    options = RenderOptions(width=_width(), threshold=threshold, notes=notes)
    click.echo(FORMATS[fmt].render(run, options), nl=False)
    sys.exit(run.exit_code(threshold))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=GivenPath())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one list per person to ask; json: the same, for machines.",
)
@judging_options
def gaps(
    *,
    paths: tuple[Path, ...],
    fmt: str,
    assessor: api.Assessor,
) -> None:
    """List what would decide each requirement the evidence leaves open.

    For every not-evidenced verdict, the facts that would decide it, worded as the questions a
    peer team would ask in interviews, grouped by whom to ask (the chair, the business manager,
    the local authority, the partner agencies; questions about the law or the evidence date are
    for the review team), each with the requirements it decides and the law behind them.
    """
    run, found = assessor.gaps(paths)
    if fmt == "json":
        click.echo(gaps_view.as_json(found, run.rulebook), nl=False)
    else:
        click.echo(gaps_view.text(found, run.rulebook, _width()), nl=False)


@main.command()
@click.option("--board", required=True, help="The board's name, e.g. 'Exampleshire LSCB'.")
@click.option(
    "--date", "on", type=AssessmentDay(), required=True, help="The date the assessment speaks for."
)
@click.option("--area", default=None, help="The local authority area (default: the board's name).")
@click.option(
    "-o",
    "--output",
    type=GivenPath(dir_okay=False),
    default=None,
    help="Write the skeleton to this new file (default: print it). Never overwrites a file.",
)
@rules_option
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
    shown = clip(str(output), MAX_MESSAGE)
    click.echo(f"Wrote {shown}; fill it in from the board's papers, then: lscb assess {shown}")


@main.command()
@click.argument("evidence", type=GivenPath(dir_okay=False))
@click.argument("requirement")
@judging_options
def explain(
    *,
    evidence: Path,
    requirement: str,
    assessor: api.Assessor,
) -> None:
    """Show how REQUIREMENT was decided for one EVIDENCE file: law, cases, facts, quotes."""
    run, verdict = assessor.explain(evidence, requirement)
    click.echo(explain_view.render(run, verdict), nl=False)


@main.command()
@click.option(
    "--as-of",
    type=Day(),
    default=None,
    help="Show what was in force on this day, and its legal basis then.",
)
@rules_option
@pack_option
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
def schema(kind: str, rules_dir: Path | None) -> None:
    """Print a JSON Schema: of an evidence file (the default), or of a JSON output."""
    document = api.evidence_schema(rules_dir) if kind == "evidence" else api.result_schema(kind)
    click.echo(for_json(json.dumps(document, indent=2, ensure_ascii=False)))


CHECK_EXIT_CODES = (
    "Exit codes: 0 no requirement below the threshold (with --baseline: none newly below it); "
    "1 some requirement below it (each listed on stderr); 2 invalid input (each problem printed "
    "as FILE:LINE: message, nothing on stdout, no file written); " + INTERNAL
)
COMPARE_EXIT_CODES = (
    "Exit codes: 0 done (or, with --fail-on, no requirement newly below the threshold); 1 with "
    "--fail-on, some requirement regressed below it; 2 invalid input (two boards, OLD dated "
    "after NEW, a bad file); " + INTERNAL
)


def _emit(text: str, output: Path | None, inputs: Inputs) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomically(output, text, inputs)


@main.command(epilog=CHECK_EXIT_CODES)
@click.argument("paths", nargs=-1, required=True, type=GivenPath())
@format_option
@notes_option
@output_option
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print no report on stdout, only what fails (on stderr): for pre-commit hooks. "
    "With -o the report is still written.",
)
@threshold_options(frozenset({"unmet"}), "a requirement's verdict")
@click.option(
    "--baseline",
    type=GivenPath(),
    default=None,
    metavar="OLD",
    help="An evidence file or folder of earlier assessments of the same boards (e.g. the "
    "main branch's evidence/). Each assessment is paired with the latest of its board's dated "
    "no later than it, judged with the same rulebook, and only regressions fail: requirements "
    "below the threshold now that were not before. A board with no baseline dated no later "
    "is held to the threshold alone (said on stderr).",
)
@judging_options
def check(
    *,
    paths: tuple[Path, ...],
    fmt: str,
    notes: bool,
    output: Path | None,
    quiet: bool,
    threshold: Threshold,
    baseline: Path | None,
    assessor: api.Assessor,
) -> None:
    """Check evidence files for CI: validate everything, judge, exit by the threshold.

    As `assess`, but the exit code fails on unmet requirements by default, the output may go
    to a file (-o), and what fails is listed on stderr, so stdout holds the chosen format only.

    \b
      lscb check evidence/
      lscb check --format sarif -o lscb.sarif evidence/
      lscb check --duty-fail-on unmet,partly-met --guidance-fail-on none evidence/
      lscb check --baseline ../main/evidence evidence/
    """
    with progress_bar() as progress:
        result = assessor.check(paths, baseline, progress)
    if output is not None or not quiet:
        options = RenderOptions(width=_width(), threshold=threshold, notes=notes)
        _emit(FORMATS[fmt].render(result.run, options), output, result.run.inputs)
    for line in check_summary.check_lines(result, threshold):
        click.echo(line, err=True)
    sys.exit(result.exit_code(threshold))


@main.command(epilog=COMPARE_EXIT_CODES)
@click.argument("old", type=GivenPath())
@click.argument("new", type=GivenPath())
@format_option
@output_option
@threshold_options(frozenset(), "a requirement's new verdict, but not its old,")
@judging_options
def compare(
    *,
    old: Path,
    new: Path,
    fmt: str,
    output: Path | None,
    threshold: Threshold,
    assessor: api.Assessor,
) -> None:
    """Compare two assessments of one board, OLD then NEW: what moved, and why.

    Each requirement judged in both is improved, regressed, unchanged, newly or no longer
    evidenced, or newly or no longer applicable, because the evidence it reads changed, the
    law in force changed, or both. Both files are judged with the same rulebook.

    \b
      lscb compare evidence/bexley-2014-ofsted-review.yaml evidence/bexley-2015-lga-diagnostic.yaml
    """
    comparison = assessor.compare(old, new)
    options = RenderOptions(width=_width(), threshold=threshold)
    _emit(FORMATS[fmt].compare(comparison, options), output, comparison.inputs)
    for line in check_summary.compare_lines(comparison, threshold):
        click.echo(line, err=True)
    sys.exit(EXIT_BELOW_THRESHOLD if comparison.regressions(threshold) else EXIT_OK)


# -- lscb extract: a first draft of evidence from the documents ------------------------------


@main.command(
    epilog="Exit codes: 0 the draft was written; 2 invalid input (a document that cannot be "
    "read or lies outside the draft's folder, a bad option; one line each, nothing on stdout, "
    "no file written); " + INTERNAL
)
@click.argument("sources", nargs=-1, required=True, type=GivenPath())
@click.option("--board", required=True, help="The board's name, e.g. 'Exampleshire LSCB'.")
@click.option(
    "--date", "on", type=AssessmentDay(), required=True, help="The date the evidence speaks for."
)
@click.option(
    "--kind",
    default=None,
    metavar="KIND",
    help="The documents' source kind (rules/source-kinds.yaml: inspection, peer-review, ...).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml", "json"]),
    default="yaml",
    show_default=True,
    help="yaml: a draft evidence file to review; json: the candidates as data.",
)
@output_option
@rules_option
@source_root_option
def extract(
    *,
    sources: tuple[Path, ...],
    board: str,
    on: dt.date,
    kind: str | None,
    fmt: str,
    output: Path | None,
    rules_dir: Path | None,
    source_root: Path | None,
) -> None:
    """Draft evidence from SOURCE documents (PDF, web page, Word, text), for a person to review.

    For each fact, the sentences that may state it, ranked by the fact's cues, each with a
    verified quote and locator, and a value only where the words state one plainly; the
    reviewers' conclusions as candidate findings. All of it stands under `draft:`, which
    `lscb assess` refuses until a person has moved what is right under `facts:` and
    `findings:`. The documents must lie in the draft's folder (or --source-root).

    \b
      lscb extract evidence/sources/report.pdf --board "Exampleshire LSCB" \\
          --date 2016-04-28 --kind inspection -o evidence/exampleshire-2016.yaml
    """
    from compliance.extract import render
    from compliance.extract.run import UnknownKind
    from compliance.extract.run import extract as draft_of

    folder = output.parent if output is not None else Path(".")
    try:
        draft, inputs = draft_of(
            api.open_rulebook(rules_dir),
            sources,
            board=board,
            on=on,
            kind=kind,
            folder=folder,
            source_root=source_root,
        )
    except UnknownKind as exc:
        raise click.BadParameter(str(exc), param_hint="'--kind'") from None
    _emit(render.as_json(draft) if fmt == "json" else render.as_yaml(draft), output, inputs)
    if output is not None:
        click.echo(f"Wrote the draft to {clip(str(output), MAX_MESSAGE)}; review it", err=True)


# -- lscb report: the printable board report ------------------------------------------------


@main.command(
    epilog="Exit codes: 0 the report was written; 2 invalid input (each problem printed as "
    "FILE:LINE: message; no file is written, nothing on stdout); " + INTERNAL
)
@click.argument("paths", nargs=-1, required=True, type=GivenPath())
@output_option
@judging_options
def report(
    *,
    paths: tuple[Path, ...],
    output: Path | None,
    assessor: api.Assessor,
) -> None:
    """Write the board report: one HTML page to read, print on A4 or save as PDF.

    For each board: the evidence (its kind, date and sources), a red-amber-green table of the
    requirements grouped as the law groups them, and for each gap what is missing, which law
    asks for it (with how certain its wording is) and the questions to ask; the quotes relied
    on; the rulebook used. Given several assessments of one board, the latest is shown in
    full, with a trajectory: each requirement's verdict on each date, and what moved and why.
    The page needs no network and no script. Same as `lscb assess --format html`, written
    safely to a file.

    \b
      lscb report evidence/bexley-*.yaml -o bexley-board-report.html
      chromium --headless --print-to-pdf=report.pdf bexley-board-report.html
    """
    run = assessor.assess(paths)
    _emit(FORMATS["html"].render(run, RenderOptions(width=_width())), output, run.inputs)
    if output is not None:
        click.echo(f"Wrote the board report to {clip(str(output), MAX_MESSAGE)}", err=True)


if __name__ == "__main__":
    main()
