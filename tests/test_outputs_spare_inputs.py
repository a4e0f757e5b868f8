"""`-o` never replaces what the run read: an evidence file, a source document it declares, a
baseline, or anything in the rulebook's folder, named directly or through a link. Each is exit
2, one line naming the file, nothing on stdout, and the input left byte for byte as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from compliance.cli.commands import main
from tests.conftest import EVIDENCE, RULES

BEXLEY_2014 = "bexley-2014-ofsted-review.yaml"
BEXLEY_2015 = "bexley-2015-lga-diagnostic.yaml"


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    shutil.copytree(EVIDENCE / "sources", tmp_path / "sources")
    for name in (BEXLEY_2014, BEXLEY_2015):
        shutil.copy(EVIDENCE / name, tmp_path / name)
    shutil.copytree(RULES, tmp_path / "rules")
    shutil.copytree(EVIDENCE / "sources", tmp_path / "base" / "sources")
    shutil.copy(EVIDENCE / BEXLEY_2014, tmp_path / "base" / BEXLEY_2014)
    (tmp_path / "link.yaml").symlink_to(tmp_path / BEXLEY_2015)
    return tmp_path


def _source_of(folder: Path) -> str:
    """A source document the Bexley 2015 evidence declares, as its `file:` names it."""
    line = next(line for line in (folder / BEXLEY_2015).read_text().splitlines() if "file:" in line)
    return line.split("file:", 1)[1].strip().strip("'\"")


CASES = {
    "check -o the evidence": ("check", "-o", BEXLEY_2015, BEXLEY_2015),
    "check -o a link to the evidence": ("check", "-o", "link.yaml", BEXLEY_2015),
    "check -o the evidence by another path": (
        "check", "-o", f"sources/../{BEXLEY_2015}", BEXLEY_2015,
    ),
    "check -o the baseline": (
        "check", "--baseline", "base", "-o", f"base/{BEXLEY_2014}", BEXLEY_2015,
    ),
    "compare -o the old file": ("compare", "-o", BEXLEY_2014, BEXLEY_2014, BEXLEY_2015),
    "report -o a quoted source": ("report", "-o", "{source}", BEXLEY_2015),
    "report -o a rule file": (
        "report", "--rules", "rules", "-o", "rules/instruments.yaml", BEXLEY_2015,
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", CASES)
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(
    scratch: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(scratch)
    args = [a.replace("{source}", _source_of(scratch)) for a in CASES[name]]
    target = scratch / args[args.index("-o") + 1]
    before = target.read_bytes()
    result = CliRunner().invoke(main, args)
    assert (result.exit_code, result.stdout) == (2, "")
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{args[args.index('-o') + 1]}: is ")
    assert "this run read; write the output to another file" in line
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")) == []


def test_an_output_beside_the_inputs_is_written(
    scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(scratch)
    result = CliRunner().invoke(main, ["check", "-o", "out.json", "--format", "json", BEXLEY_2015])
    assert result.exit_code in (0, 1)
    assert (scratch / "out.json").read_text().startswith("{")
