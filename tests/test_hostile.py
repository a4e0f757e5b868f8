"""Hostile and careless input: exit 2, one located line on stderr, nothing on stdout, quickly.

CI runs `lscb` on evidence repositories anyone can change. Each case below is one way an input
can be built to crash the tool, hang it, exhaust its memory, read files it was not given, or
write to the terminal what a reader did not expect. Each runs the command in this process
(click's runner), in a scratch repository, and asserts the exact message; the few whose point is
the process (a signal, a full disk under stdout) start one. That work stays bounded is asserted
by counting it (what the quotes read), never by a clock; the process tests' timeout is only a
guard against a true hang, minutes long, not a speed goal (the benchmark measures speed).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click
import pytest

from compliance.cli import launch
from compliance.cli.commands import main
from compliance.evidence import sources
from compliance.reading.files import MAX_YAML_BYTES
from compliance.render import FORMATS
from tests.cli import Ran
from tests.cli import lscb as run_lscb
from tests.conftest import ROOT
from tests.evidence_text import header

HANG_GUARD = 300  # seconds: only a true hang reaches it, however busy the machine

DOCUMENT = "Review of the board\n\n1. The board has two lay members, appointed in 2014.\n"
QUOTE = "The board has two lay members"

HEAD = header("{file}", title="Hostile fixture")
FACT = """  lay_members_appointed:
    value: {value}
    citations:
      - source: doc
        paragraph: 1
        quote: {quote}
"""


def evidence(
    file: str = "sources/doc.txt", value: str = "2", quote: str = json.dumps(QUOTE)
) -> str:
    return HEAD.format(file=file) + FACT.format(value=value, quote=quote)


def nested(depth: int) -> str:
    return evidence(value="[" * depth + "]" * depth)


def laughs() -> str:
    lines = ['  a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"  {chr(97 + i)}: &{chr(97 + i)} [{', '.join([f'*{chr(96 + i)}'] * 9)}]")
    return "assessment:\n" + "\n".join(lines) + "\n"


@dataclass
class Case:
    files: dict[str, bytes | str]
    message: str  # the one line expected on stderr
    args: tuple[str, ...] = ("evidence.yaml",)
    setup: Callable[[Path], None] | None = None


def _symlink(name: str, target: str) -> Callable[[Path], None]:
    return lambda root: os.symlink(target, root / name)


def _fifo(name: str) -> Callable[[Path], None]:
    return lambda root: os.mkfifo(root / name)


CASES: dict[str, Case] = {
    # YAML the constructors refuse
    "impossible date": Case(
        {"evidence.yaml": evidence().replace("date: 2015-03-13\n", "date: 2015-02-30\n", 1)},
        "evidence.yaml:4: 'assessment.date': '2015-02-30' is not a real calendar date",
    ),
    "tagged impossible date": Case(
        {"evidence.yaml": evidence(value="!!timestamp 2015-02-30")},
        "evidence.yaml:17: the tag 'timestamp' is not allowed; evidence and rules hold plain "
        "values: remove the tag",
    ),
    # text under !!int; Python's int() would read Arabic-Indic digits, or spaced ones, as 12
    **{
        f"int tag on {what}": Case(
            {"evidence.yaml": evidence(value=f"!!int {written}")},
            f"evidence.yaml:17: the value '{shown}' cannot be read as int; write plain decimal "
            "digits, or remove its tag",
        )
        for what, written, shown in (
            ("text", "abc", "abc"),
            ("Arabic-Indic digits", '"\\u0661\\u0662"', "\u0661\u0662"),
            ("digits in spaces", '" 12 "', " 12 "),
        )
    },
    "integer too long to convert": Case(
        {"evidence.yaml": evidence(value="9" * 5000)},
        "evidence.yaml:17: the number '" + "9" * 40 + "…' is 5,000 characters long; no value "
        "here needs more than 30: quote it if it is text",
    ),
    "hex integer of thousands of digits": Case(
        {"evidence.yaml": evidence(value="0x" + "F" * 5000)},
        "evidence.yaml:17: the number '0x" + "F" * 38 + "…' is 5,002 characters long; no value "
        "here needs more than 30: quote it if it is text",
    ),
    "base-60 integer of thousands of digits": Case(
        {"evidence.yaml": evidence(value=":".join(["59"] * 2000))},
        "evidence.yaml:17: the number '" + ":".join(["59"] * 14)[:40] + "…' is 5,999 characters "
        "long; no value here needs more than 30: quote it if it is text",
    ),
    "number YAML would read as octal": Case(
        {"evidence.yaml": evidence(value="017")},
        "evidence.yaml:17: the number '017' must be plain decimal digits: YAML reads a leading "
        "zero, '+', '_', 0x, 0b or ':' in its own ways; write it as the document does, or quote "
        "it if it is text",
    ),
    "date in Arabic-Indic digits": Case(
        {
            "evidence.yaml": evidence().replace(
                "date: 2015-03-13\n", "date: \u0662\u0660\u0661\u0665\n"
            )
        },
        "evidence.yaml:4: 'assessment.date': expected a date as YYYY, YYYY-MM or YYYY-MM-DD, a "
        "financial year as YYYY/YY, 'never', or bounds such as {after: 2011, before: "
        "2015-02-24} or {last_months: 12, to: 2015-03-13}; got '\u0662\u0660\u0661\u0665'",
    ),
    "count too large": Case(
        {"evidence.yaml": evidence(value="9" * 30)},
        "evidence.yaml:17: 'facts.lay_members_appointed.value': a count above 1,000,000 is not "
        "plausible here; check it",
    ),
    "NUL character": Case(
        {"evidence.yaml": evidence(value="2\x00")},
        "evidence.yaml:17: malformed YAML: control characters are not allowed",
    ),
    "escape character": Case(
        {"evidence.yaml": evidence(value="\x1b[2J2")},
        "evidence.yaml:17: malformed YAML: control characters are not allowed",
    ),
    "non-scalar key": Case(
        {"evidence.yaml": evidence() + "  ? [a, b]\n  : c\n"},
        "evidence.yaml:22: a key must be a single value, not a list or mapping",
    ),
    "unknown tag": Case(
        {"evidence.yaml": evidence(value="!!python/object/apply:os.system [echo hi]")},
        "evidence.yaml:17: the tag 'python/object/apply:os.system' is not allowed; evidence "
        "and rules hold plain values: remove the tag",
    ),
    "local tag": Case(
        {"evidence.yaml": evidence(value="!count 2")},
        "evidence.yaml:17: the tag '!count' is not allowed; evidence and rules hold plain "
        "values: remove the tag",
    ),
    "second document": Case(
        {"evidence.yaml": evidence() + "---\nfacts: {}\n"},
        "evidence.yaml:22: a second document ('---'); keep one per file",
    ),
    # alias expansion, recursion, size
    "billion laughs": Case(
        {"evidence.yaml": laughs()},
        "evidence.yaml:7: more than 500,000 values once aliases are expanded; write repeated "
        "lists and mappings out, or split the file",
    ),
    "alias of what contains it": Case(
        {"evidence.yaml": evidence(value="&loop [1, *loop]")},
        "evidence.yaml:17: alias *loop repeats what contains it",
    ),
    # past our limit, and past libyaml's own (about 1,000): the same message either way
    "sixty levels": Case(
        {"evidence.yaml": nested(60)},
        "evidence.yaml:17: nested more than 50 levels deep; flatten it",
    ),
    "ten thousand levels": Case(
        {"evidence.yaml": nested(10_000)},
        "evidence.yaml:17: nested more than 50 levels deep; flatten it",
    ),
    "fifteen hundred block levels": Case(
        {"evidence.yaml": "".join(f"{' ' * i}k{i}:\n" for i in range(1_500))},
        "evidence.yaml:51: nested more than 50 levels deep; flatten it",
    ),
    "over the size limit": Case(
        {"evidence.yaml": evidence() + "#" * MAX_YAML_BYTES + "\n"},
        "evidence.yaml: 2.0 MB is over the 2.0 MB limit for a YAML file; split it or cut it down",
    ),
    # text that is not UTF-8
    "evidence not UTF-8": Case(
        {"evidence.yaml": evidence().encode() + b"  # caf\xe9\n"},
        "evidence.yaml:22: not UTF-8 text (byte 445); save the file as UTF-8",
    ),
    "source not UTF-8": Case(
        {
            "evidence.yaml": evidence(),
            "sources/doc.txt": DOCUMENT.encode() + b"\n\xff\xfe\n",
        },
        "evidence.yaml:10: source 'doc': the file 'sources/doc.txt' (line 5): not UTF-8 text "
        "(byte 76); save the file as UTF-8",
    ),
    # paths
    "evidence path is a folder of nothing": Case(
        {"evidence.yaml": evidence(), "empty/README": ""},
        "empty: no evidence files (*.yaml) in this folder",
        args=("empty",),
    ),
    "evidence path dangling link": Case(
        {},
        "evidence.yaml: is a symbolic link to nothing; point it at a file",
        setup=_symlink("evidence.yaml", "nowhere.yaml"),
    ),
    "evidence path looping link": Case(
        {},
        "evidence.yaml: is a symbolic link that loops; point it at a file",
        setup=_symlink("evidence.yaml", "evidence.yaml"),
    ),
    "evidence path is a FIFO": Case(
        {},
        "evidence.yaml: is not a regular file (a device, FIFO or socket); name a file",
        setup=_fifo("evidence.yaml"),
    ),
    "source path is a folder": Case(
        {"evidence.yaml": evidence(file="sources"), "sources/doc.txt": DOCUMENT},
        "evidence.yaml:10: source 'doc': the file 'sources' is a folder, not a file",
    ),
    "source path is a FIFO": Case(
        {"evidence.yaml": evidence(file="pipe.txt")},
        "evidence.yaml:10: source 'doc': the file 'pipe.txt' is not a regular file (a device, "
        "FIFO or socket); name a file",
        setup=_fifo("pipe.txt"),
    ),
    "source path dangling link": Case(
        {"evidence.yaml": evidence(file="sources/gone.txt"), "sources/doc.txt": DOCUMENT},
        "evidence.yaml:10: source 'doc': the file 'sources/gone.txt' is a symbolic link to "
        "nothing; point it at a file",
        setup=_symlink("sources/gone.txt", "missing.txt"),
    ),
    "source path looping link": Case(
        {"evidence.yaml": evidence(file="sources/loop.txt"), "sources/doc.txt": DOCUMENT},
        "evidence.yaml:10: source 'doc': the file 'sources/loop.txt' is a symbolic link that "
        "loops; point it at a file",
        setup=_symlink("sources/loop.txt", "loop.txt"),
    ),
    "source path with NUL": Case(
        {"evidence.yaml": evidence(file='"sources/doc.txt\\0.sh"'), "sources/doc.txt": DOCUMENT},
        "evidence.yaml:10: source 'doc': the path 'sources/doc.txt\\x00.sh' contains a NUL "
        "character",
    ),
    # quotes of a megabyte
    "megabyte quote not found": Case(
        {
            "evidence.yaml": evidence(quote=json.dumps("word " * 209_716)),
            "sources/doc.txt": DOCUMENT,
        },
        "evidence.yaml:21: quote not found in sources/doc.txt; it matches up to paragraph 1 "
        "(line 3), then differs at 'rd word word word word word word word wo'; copy it verbatim from the "
        "document",
    ),
    # dates
    "evidence date in the future": Case(
        {"evidence.yaml": evidence().replace("date: 2015-03-13\n", "date: 2099-01-01\n", 1)},
        "evidence.yaml:4: the evidence date 2099-01-01 is after today, {today}; an assessment "
        "speaks for a day that has come",
    ),
    # options
    "empty --fail-on": Case(
        {"evidence.yaml": evidence()},
        "lscb assess: Invalid value for '--fail-on': no verdict given; choose from met, "
        "partly-met, unmet, not-evidenced, not-applicable; see 'lscb assess --help'",
        args=("--fail-on", "", "evidence.yaml"),
    ),
    "--format with escape sequences": Case(
        {"evidence.yaml": evidence()},
        "lscb assess: Invalid value for '--format': '\\x1b]52;c;eA==\\x07' is not one of "
        + ", ".join(f"'{name}'" for name in sorted(FORMATS))
        + "; see 'lscb assess --help'",
        args=("--format", "\x1b]52;c;eA==\x07", "evidence.yaml"),
    ),
    "--param of five thousand digits": Case(
        {"evidence.yaml": evidence()},
        "lscb assess: Invalid value for '--param': 'section-11-audits.cycle_months="
        + "9" * 29
        + "…': too large; a parameter is from 1 to 1,000,000; see 'lscb assess --help'",
        args=("--param", "section-11-audits.cycle_months=" + "9" * 5000, "evidence.yaml"),
    ),
    "--param above a million": Case(
        {"evidence.yaml": evidence()},
        f"{ROOT / 'rules/requirements/section-11-audits.yaml'}: --param: "
        "section-11-audits.cycle_months must be from 1 to 1,000,000, not 1000000000",
        args=("--param", "section-11-audits.cycle_months=1000000000", "evidence.yaml"),
    ),
    "path too long": Case(
        {"evidence.yaml": evidence()},
        "x" * 200 + "…: the path is too long",
        args=("x" * 300 + ".yaml",),
    ),
    "empty path": Case(
        {"evidence.yaml": evidence()},
        "lscb assess: Invalid value for 'PATHS...': an empty path was given; name a file or "
        "folder; see 'lscb assess --help'",
        args=("",),
    ),
}


def build(root: Path, case: Case) -> None:
    files = {"sources/doc.txt": DOCUMENT, **case.files} if case.files else {}
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode() if isinstance(content, str) else content
        path.write_bytes(data)
    (root / "sources").mkdir(exist_ok=True)
    if case.setup:
        case.setup(root)


def lscb(root: Path, *args: str) -> Ran:
    return run_lscb(*args, cwd=root)


@pytest.mark.parametrize("name", CASES)
def test_hostile_input_is_one_located_line_and_exit_2(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    build(tmp_path, case)
    run = lscb(tmp_path, "assess", "--rules", str(ROOT / "rules"), *case.args)
    expected = case.message.replace("{today}", dt.date.today().isoformat())
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.splitlines() == [expected]


def test_a_megabyte_quote_that_is_in_its_document_is_found(tmp_path: Path) -> None:
    words = " ".join(f"word{i % 991}" for i in range(150_000))
    build(tmp_path, Case({"evidence.yaml": evidence(quote=json.dumps(words[:1_048_576]))}, ""))
    (tmp_path / "sources/doc.txt").write_text(f"Review\n\n1. {words}\n", encoding="utf-8")
    run = lscb(tmp_path, "assess", "--format", "json", "evidence.yaml")
    assert (run.returncode, run.stderr) == (0, "")
    result = json.loads(run.stdout)["results"][0]
    (verdict,) = (v for v in result["verdicts"] if v["requirement"] == "lay-members")
    assert verdict["verdict"] == "met"


# -- how a run ends --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("assess", "--format", "\x1b]0;title\x07", "evidence.yaml"),
        ("assess", "--fail-on", "\x1b]8;;http://example.org\x07" + "y" * 5000, "evidence.yaml"),
        ("assess", "--param", "9" * 5000, "evidence.yaml"),
        ("check", "--baseline", "", "evidence.yaml"),
        ("rules", "--as-of", "x" * 100_000),
        ("init", "--board", "b", "--date", "\x1b]52;c;eA==\x072016-01-01"),
        ("init", "--board", "b", "--date", "2099-01-01"),  # assess would refuse the skeleton
        ("init", "--board", "b", "--date", "1899-12-31"),
        ("check", "-o", ".", "evidence.yaml"),
        ("assess",),
        ("assess", "--no-such-option", "evidence.yaml"),
        ("assess", "evidence.yaml", "--format"),  # the parser names no command: the group does
        ("no-such-command",),
    ],
    ids=lambda args: " ".join(args)[:30],
)
def test_a_bad_option_is_one_short_inert_line_and_exit_2(tmp_path: Path, args: tuple) -> None:
    """Click's own report is four lines (usage, a hint, a blank, the error) with the value
    as typed: raw escape sequences and all, however long."""
    build(tmp_path, Case({"evidence.yaml": evidence()}, ""))
    run = lscb(tmp_path, *args)
    assert (run.returncode, run.stdout) == (2, "")
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"lscb {args[0]}: " if args[0] != "no-such-command" else "lscb: ")
    assert line.endswith(" --help'")
    assert len(line) < 600
    assert raw_unsafe(line) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("assess", "evidence.yaml"), ("--help",), ("--version",)])
def test_a_full_disk_under_stdout_is_one_line_and_exit_2(tmp_path: Path, args: tuple) -> None:
    build(tmp_path, Case({"evidence.yaml": evidence()}, ""))
    with open("/dev/full", "w") as full:  # only written to, never replaced
        run = subprocess.run(
            [sys.executable, "-m", "compliance.cli.commands", *args],
            cwd=tmp_path,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=HANG_GUARD,
            check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    assert (run.returncode, run.stderr) == (
        2,
        "<stdout>: cannot write the output: No space left on device\n",
    )


def test_an_interrupt_is_exit_130_and_one_line(tmp_path: Path) -> None:
    """Not click's exit 1 ("Aborted!"), which CI would read as a requirement below the bar.
    The run is held still by writing to a FIFO no one reads, then interrupted."""
    build(tmp_path, Case({"evidence.yaml": evidence()}, ""))
    os.mkfifo(tmp_path / "pipe")
    process = subprocess.Popen(
        [sys.executable, "-m", "compliance.cli.commands", "check", "-o", "pipe", "evidence.yaml"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    wchan = Path(f"/proc/{process.pid}/wchan")
    for _ in range(HANG_GUARD * 10):  # until it waits for a reader (or, without /proc, a while)
        time.sleep(0.1)
        # blocked opening the FIFO: fifo_open, or (newer kernels) its wait_for_partner
        if wchan.exists() and any(w in wchan.read_text() for w in ("fifo", "wait_for_partner")):
            break
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=HANG_GUARD)
    assert (process.returncode, out) == (130, "")
    assert err == "lscb: interrupted\n"  # not after click's blank line


def test_an_interrupt_while_lscb_starts_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Starting imports for a few hundred milliseconds; Ctrl-C then stopped an import."""

    class Interrupting:
        def find_spec(self, name: str, *args: object) -> None:
            if name == "compliance.cli.commands":
                raise KeyboardInterrupt

    monkeypatch.delitem(sys.modules, "compliance.cli.commands")
    monkeypatch.setattr(sys, "meta_path", [Interrupting(), *sys.meta_path])
    with pytest.raises(SystemExit) as ended:
        launch.run()
    assert ended.value.code == 130
    assert capsys.readouterr().err == "lscb: interrupted\n"


@pytest.mark.parametrize(
    ("ending", "code"),
    [(BrokenPipeError(32, "Broken pipe"), 141), (KeyboardInterrupt(), 130)],
)
def test_endings_that_are_not_input_errors_have_their_own_codes(
    ending: BaseException, code: int
) -> None:
    """A reader that closes stdout early (`lscb check | head`): this machine's pipes cannot be
    made to refuse a write, so the ending is given to the group as a command would raise it."""

    @click.command()
    def ends() -> None:
        raise ending

    main.add_command(ends, "ends-for-a-test")
    try:
        with pytest.raises(SystemExit) as ended:
            main.main(["ends-for-a-test"])
    finally:
        del main.commands["ends-for-a-test"]
    assert ended.value.code == code


def test_a_thousand_wrong_quotes_of_a_large_document_stop_after_bounded_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each wrong quote is searched for in the whole document, to say where it parts from it:
    a thousand of them against 8 MB took minutes. What one file's quotes may read is bounded
    by its documents' size, and the rest are said to be unchecked."""
    build(tmp_path, Case({"evidence.yaml": evidence(quote=json.dumps("not quoted at all"))}, ""))
    lines = "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do.\n" * 60_000
    (tmp_path / "sources/doc.txt").write_text(f"Review\n\n1. {lines}", encoding="utf-8")
    citation = '      - {source: doc, paragraph: 1, quote: "not quoted at all"}\n'
    with (tmp_path / "evidence.yaml").open("a", encoding="utf-8") as handle:
        handle.write(citation * 1000)
    charged: list[int] = []
    charge = sources.Reading.charge
    monkeypatch.setattr(
        sources.Reading, "charge", lambda self, n: (charged.append(n), charge(self, n))[1]
    )
    run = lscb(tmp_path, "assess", "evidence.yaml")
    document = len((tmp_path / "sources/doc.txt").read_text(encoding="utf-8"))
    # The work is bounded by the file's documents, not by how many quotes it holds: what was
    # read before the charge that overdrew the budget stays within it.
    assert sum(charged[:-1]) <= sources._READING_FLOOR + sources._READS_PER_DOCUMENT * document
    assert (run.returncode, run.stdout) == (2, "")
    lines = run.stderr.splitlines()
    assert lines[0].startswith("evidence.yaml:21: quote not found in sources/doc.txt")
    assert "quotes from here on are not checked" in run.stderr


# -- confinement -----------------------------------------------------------------------------

SECRET = "secret-token-8c1f: The board has two lay members"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the evidence repository, holding the very sentence a quote asks for."""
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(f"Secrets\n\n1. {SECRET}.\n", encoding="utf-8")
    return secret


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "sources").mkdir(parents=True)
    (repo / "sources/doc.txt").write_text(DOCUMENT, encoding="utf-8")
    return repo


@pytest.mark.parametrize(
    ("file", "link"),
    [
        ("../outside/secret.txt", None),
        ("sources/../../outside/secret.txt", None),
        ("sources/leak.txt", "../../outside/secret.txt"),
        ("{absolute}", None),
    ],
)
def test_a_source_outside_the_evidence_folder_is_refused_unread(
    repository: Path, outside: Path, file: str, link: str | None
) -> None:
    file = file.replace("{absolute}", str(outside))
    if link:
        os.symlink(link, repository / file)
    (repository / "evidence.yaml").write_text(evidence(file=json.dumps(file)), encoding="utf-8")
    run = lscb(repository, "assess", "evidence.yaml")
    assert (run.returncode, run.stdout) == (2, "")
    assert "secret-token" not in run.stderr
    if file.startswith("/"):
        assert run.stderr.startswith("evidence.yaml:10: source 'doc': the path '/")
        assert run.stderr.endswith(
            "' is absolute; write it relative to the evidence file, or allow a root for "
            "sources with --source-root\n"
        )
    else:
        assert run.stderr == (
            f"evidence.yaml:10: source 'doc': the path '{file}' leads outside the evidence "
            "file's folder; keep source documents inside it, or allow a wider root with "
            "--source-root\n"
        )


def test_the_refusal_is_no_oracle_for_what_lies_outside(repository: Path, outside: Path) -> None:
    """Whether the outside file exists, holds the quote, or is a link that loops, the message
    is the same."""
    messages = []
    for content in (f"1. {SECRET}.\n", "1. Something else entirely.\n", None, "loop"):
        if content is None:
            outside.unlink()
        elif content == "loop":
            outside.symlink_to(outside.name)
        else:
            outside.write_text(content, encoding="utf-8")
        (repository / "evidence.yaml").write_text(
            evidence(file="../outside/secret.txt"), encoding="utf-8"
        )
        messages.append(lscb(repository, "assess", "evidence.yaml").stderr)
    assert len(set(messages)) == 1


def test_source_root_allows_a_shared_folder_of_documents(repository: Path, outside: Path) -> None:
    quote = json.dumps(SECRET)
    text = evidence(file="../outside/secret.txt", quote=quote)
    (repository / "evidence.yaml").write_text(text, encoding="utf-8")
    run = lscb(repository, "assess", "--source-root", "..", "evidence.yaml")
    assert (run.returncode, run.stderr) == (0, "")
    absolute = evidence(file=json.dumps(str(outside)), quote=quote)
    (repository / "evidence.yaml").write_text(absolute, encoding="utf-8")
    run = lscb(repository, "assess", "--source-root", str(outside.parent), "evidence.yaml")
    assert (run.returncode, run.stderr) == (0, "")


def test_a_folder_scan_does_not_follow_links_out_of_the_folder(
    repository: Path, tmp_path: Path
) -> None:
    (repository / "evidence.yaml").write_text(evidence(), encoding="utf-8")
    stray = tmp_path / "outside-evidence.yaml"
    stray.write_text("not: [valid", encoding="utf-8")  # would fail the run if it were read
    os.symlink(stray, repository / "linked.yaml")
    os.symlink(tmp_path, repository / "linked-folder")
    os.symlink("nowhere.yaml", repository / "dangling.yaml")
    run = lscb(repository, "assess", "--format", "json", ".")
    assert (run.returncode, run.stderr) == (0, "")
    assert [r["path"] for r in json.loads(run.stdout)["results"]] == ["evidence.yaml"]


# -- output is inert -------------------------------------------------------------------------

HOSTILE = (
    "Review\n\n1. The board \x1b[31mhas\x1b[0m two lay members <script>alert(1)</script> "
    "| **bold** ]]> &amp; $(rm -rf ~) `id` \u202egnp.exe\u202c \x9b2J \u2028split, "
    "[the minutes](https://evil.example/phish)."
)
HOSTILE_QUOTE = HOSTILE.split("1. ")[1]


@pytest.fixture
def hostile(repository: Path) -> Path:
    """One document and evidence file made of everything an output must not act on."""
    (repository / "sources/doc.txt").write_text(HOSTILE + "\n", encoding="utf-8")
    text = evidence(quote=json.dumps(HOSTILE_QUOTE)).replace(
        "board: Test Board", 'board: "Test \\e]0;pwned\\a Board <b>|x|</b> \\u202e"'
    )
    (repository / "evidence.yaml").write_text(text, encoding="utf-8")
    return repository


def strings(document: object) -> set[str]:
    if isinstance(document, dict):
        return set().union(*map(strings, document.values())) if document else set()
    if isinstance(document, list):
        return set().union(*map(strings, document)) if document else set()
    return {document} if isinstance(document, str) else set()


def raw_unsafe(text: str) -> list[str]:
    """Characters a terminal or a reader could act on: controls, formats, separators."""
    unsafe = ("Cc", "Cf", "Cs", "Zl", "Zp")
    return [c for c in text if c != "\n" and unicodedata.category(c) in unsafe]


@pytest.mark.parametrize(
    "args",
    [
        *(("assess", "--format", name, "evidence.yaml") for name in sorted(FORMATS)),
        ("explain", "evidence.yaml", "lay-members"),
        ("gaps", "evidence.yaml"),
        ("gaps", "--format", "json", "evidence.yaml"),
    ],
    ids=lambda args: " ".join(args[:3]),
)
def test_a_hostile_document_is_printed_inert_in_every_output(
    hostile: Path, args: tuple[str, ...]
) -> None:
    run = lscb(hostile, *args)
    assert run.returncode in (0, 1), run.stderr
    assert raw_unsafe(run.stdout) == []
    if "json" in args:
        document = json.loads(run.stdout)  # the escapes are JSON's: the data is unchanged
        assert "gaps" in args or " ".join(HOSTILE_QUOTE.split()) in strings(document)
    elif "lay-members" in args or "table" in args:
        assert "\\x1b[31mhas" in run.stdout


def test_an_error_message_quotes_a_hostile_value_clipped_and_inert(repository: Path) -> None:
    name = "\\e[2J" + "x" * 1000  # YAML allows keys of up to 1024 characters
    text = evidence() + f'  "{name}": {{value: 1, citations: []}}\n'
    (repository / "evidence.yaml").write_text(text, encoding="utf-8")
    run = lscb(repository, "assess", "evidence.yaml")
    assert (run.returncode, run.stdout) == (2, "")
    (line,) = run.stderr.splitlines()
    assert line.startswith("evidence.yaml:22: unknown fact '\\x1b[2Jxxx")
    assert len(line) < 500
    assert raw_unsafe(line) == []


def test_thousands_of_problems_do_not_flood_the_log(repository: Path) -> None:
    unknown = "".join(f"  unknown_fact_{i}: {{value: 1}}\n" for i in range(5000))
    (repository / "evidence.yaml").write_text(evidence() + unknown, encoding="utf-8")
    run = lscb(repository, "assess", "evidence.yaml")
    assert (run.returncode, run.stdout) == (2, "")
    lines = run.stderr.splitlines()
    assert len(lines) == 21
    assert lines[0].startswith("evidence.yaml:22: unknown fact 'unknown_fact_0'")
    assert lines[-1] == "... and 4980 more problems; fix these first"
