"""Expected verdicts kept as data beside evidence: `expected/<evidence file stem>.yaml`.

`evidence/expected/<stem>.yaml` holds the verdict and reason each bundled evidence file must give
for the requirements it decides, and `evidence/expected/packs/<pack>/<stem>.yaml` each pack's;
`tests/fixtures/statements/expected/` does the same for the worked statements there.
After a change that is meant to move them (a new requirement, a reworded reason, new evidence),
regenerate them from the current code with one command from the repository's root and review
the change as a diff:

    python -m tests.expected --update
    git diff evidence/expected/ tests/fixtures/statements/expected/

The update keeps each file's header and every entry's hand-written comment, rewrites only the
entries whose verdict or reason moved, drops requirements the rulebook no longer has, and adds
each newly decided requirement at the end (with a comment asking for its reason). Without
`--update` the command only lists what differs, and exits 1 if anything does.
"""

from __future__ import annotations

import dataclasses
import re
import sys
import textwrap
from pathlib import Path

import yaml

from compliance.result.run import Result

ROOT = Path(__file__).resolve().parent.parent
EVIDENCE = ROOT / "evidence"
RULES = ROOT / "rules"
EXPECTED = EVIDENCE / "expected"
STATEMENTS = ROOT / "tests" / "fixtures" / "statements"
UNDECIDED = ("not-evidenced", "not-applicable")  # need no entry (see expected_problems)


def expected_problems(result: Result, expected: Path) -> list[str]:
    """How a result differs from its expected verdicts and reasons (empty when it matches).

    A requirement missing from the expected file is allowed only while the evidence leaves it
    not-evidenced or it is not in force on the date, so adding a requirement the documents do
    not speak to, or one of another period, breaks no test.
    """
    wanted = yaml.safe_load(expected.read_text(encoding="utf-8"))
    problems = []
    for requirement, want in wanted.items():
        verdict = result.verdict(requirement)
        got = (verdict.verdict, verdict.reason)
        if got != (want["verdict"], want["reason"]):
            problems.append(
                f"{requirement}: got {got}, expected {(want['verdict'], want['reason'])}"
            )
    problems += [
        f"{v.requirement}: decided ({v.verdict}) but not in {expected.name}; if that is meant, "
        "run `python -m tests.expected --update` and review the diff"
        for v in result.verdicts
        if v.requirement not in wanted and v.verdict not in UNDECIDED
    ]
    return problems


# -- regenerating ------------------------------------------------------------------------------

_KEY = re.compile(r"^([^\s#][^:]*):")


def _blocks(text: str) -> tuple[list[str], dict[str, list[str]]]:
    """A file's header lines, and each top-level entry's lines (its key line first)."""
    header: list[str] = []
    blocks: dict[str, list[str]] = {}
    current: list[str] = header
    for line in text.splitlines():
        key = _KEY.match(line)
        if key:
            current = blocks[key.group(1).strip()] = []
        current.append(line)
    return header, blocks


def _entry(requirement: str, verdict: str, reason: str, comment: str) -> list[str]:
    lines = [f"{requirement}:{comment}", f"  verdict: {verdict}"]
    folded = textwrap.wrap(reason, width=91, break_long_words=False, break_on_hyphens=False)
    block = ["  reason: >-", *(f"    {line}" for line in folded)]
    back = yaml.safe_load("\n".join(["x: >-", *(f"  {line}" for line in folded)]))
    if back == {"x": reason}:
        return lines + block
    return [*lines, f"  reason: {yaml.safe_dump(reason, width=10**6).splitlines()[0]}"]


def regenerate(result: Result, expected: Path, about: str) -> str:
    """The text `expected` should hold for `result`, keeping what people wrote in it."""
    text = expected.read_text(encoding="utf-8") if expected.exists() else ""
    header, blocks = _blocks(text)
    if not text:
        header = [f"# Expected verdicts {about}, with the reason each must give word for word.", ""]
    wanted = yaml.safe_load(text) or {}
    by_id = {v.requirement: v for v in result.verdicts}
    lines = list(header)
    for requirement, block in blocks.items():
        verdict = by_id.get(requirement)
        if verdict is None:
            continue  # the rulebook no longer has it
        want = wanted[requirement]
        if (verdict.verdict, verdict.reason) == (want["verdict"], want["reason"]):
            lines += block
            continue
        comment = block[0][len(requirement) + 1 :]
        trailing = [line for line in block[1:] if not line.strip() or line.lstrip() == line]
        lines += _entry(requirement, verdict.verdict, verdict.reason, comment) + trailing
    for verdict in result.verdicts:
        if verdict.requirement not in blocks and verdict.verdict not in UNDECIDED:
            comment = "  # added by `python -m tests.expected --update`: say what decides it"
            lines += _entry(verdict.requirement, verdict.verdict, verdict.reason, comment)
    return "\n".join(lines) + "\n"


def current() -> dict[Path, tuple[Result, str]]:
    """Every expected file there should be, with the result it must describe."""
    from compliance import api

    wanted: dict[Path, tuple[Result, str]] = {}
    for folder in (EVIDENCE, STATEMENTS):
        for result in api.Assessor(RULES).assess([folder]).results:
            about = f"on {result.path.name}"
            wanted[folder / "expected" / f"{result.path.stem}.yaml"] = (result, about)
    for expected in sorted((EXPECTED / "packs").glob("*/*.yaml")):
        pack = expected.parent.name
        run = api.Assessor(RULES, packs=[pack]).assess([EVIDENCE / f"{expected.stem}.yaml"])
        (result,) = run.results
        of_pack = tuple(v for v in result.verdicts if v.pack == pack)
        about = f"of the pack {pack} on {expected.stem}.yaml"
        wanted[expected] = (dataclasses.replace(result, verdicts=of_pack), about)
    return wanted


def main(argv: list[str]) -> int:
    update = argv == ["--update"]
    if argv and not update:
        print("usage: python -m tests.expected [--update]", file=sys.stderr)
        return 2
    changed = []
    for expected, (result, about) in current().items():
        text = regenerate(result, expected, about)
        old = expected.read_text(encoding="utf-8") if expected.exists() else None
        if text != old:
            changed.append(expected)
            if update:
                expected.write_text(text, encoding="utf-8")
    for path in changed:
        print(f"{'updated' if update else 'differs'}: {path.relative_to(ROOT)}")
    if changed and update:
        print(
            "review the change with: git diff evidence/expected/ tests/fixtures/statements/expected/"
        )
    return 1 if changed and not update else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
