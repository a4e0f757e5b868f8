"""A repository's defaults in lscb.toml or [tool.lscb]: used, overridden, refused when wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli import lscb
from tests.conftest import EVIDENCE

BEXLEY_2014 = "evidence/bexley-2014-ofsted-review.yaml"  # unmet duties: check fails by default


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """An evidence repository: its own .git, the bundled evidence, and nothing else."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(EVIDENCE, tmp_path / "evidence")
    return tmp_path


def test_without_a_file_check_fails_on_unmet(repository: Path) -> None:
    assert lscb("check", "-q", BEXLEY_2014, cwd=repository).returncode == 1


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("lscb.toml", 'fail_on = "none"\n'),
        ("pyproject.toml", '[project]\nname = "x"\n\n[tool.lscb]\nfail_on = "none"\n'),
    ],
)
def test_the_repositorys_threshold_is_checks_default(
    repository: Path, name: str, text: str
) -> None:
    (repository / name).write_text(text, encoding="utf-8")
    assert lscb("check", "-q", BEXLEY_2014, cwd=repository).returncode == 0
    # from a folder below, up to the repository's root
    run = lscb("check", "-q", Path(BEXLEY_2014).name, cwd=repository / "evidence")
    assert run.returncode == 0
    # an option on the command line wins
    assert lscb("check", "-q", "--fail-on", "unmet", BEXLEY_2014, cwd=repository).returncode == 1


def test_a_file_above_the_repository_is_not_read(repository: Path, tmp_path: Path) -> None:
    inner = repository / "inner"
    (inner / ".git").mkdir(parents=True)
    shutil.copytree(EVIDENCE, inner / "evidence")
    (repository / "lscb.toml").write_text('fail_on = "none"\n', encoding="utf-8")
    assert lscb("check", "-q", BEXLEY_2014, cwd=inner).returncode == 1


def test_packs_and_parameters_are_every_judging_commands_defaults(repository: Path) -> None:
    (repository / "lscb.toml").write_text(
        'packs = ["ofsted-bexley-2014"]\n\n[params]\n"section-11-audits.cycle_months" = 12\n',
        encoding="utf-8",
    )
    run = lscb("explain", BEXLEY_2014, "section-11-audits", cwd=repository)
    assert run.returncode == 0
    assert "cycle_months = 12 months" in run.stdout
    assert "with the pack(s) ofsted-bexley-2014" in " ".join(run.stdout.split())
    # thresholds are check's alone: assess still fails nothing by default
    (repository / "lscb.toml").write_text('fail_on = "unmet"\n', encoding="utf-8")
    assert lscb("assess", BEXLEY_2014, cwd=repository).returncode == 0


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('fail_ob = "none"\n', 1, "unknown key 'fail_ob'; the keys are fail_on, "),
        ('\nsource_root = "../.."\n', 2, "source_root leads outside the repository"),
        ("packs = \n", 1, "is not valid TOML; fix the syntax"),
        ('packs = "x"\n', 1, "'packs': "),
        ('fail_on = "sometimes"\n', None, "--fail-on"),
    ],
)
def test_a_bad_file_is_one_located_line_and_exit_2(
    repository: Path, text: str, line: int | None, message: str
) -> None:
    (repository / "lscb.toml").write_text(text, encoding="utf-8")
    run = lscb("check", BEXLEY_2014, cwd=repository)
    assert (run.returncode, run.stdout) == (2, "")
    (said,) = run.stderr.splitlines()
    assert message in said
    if line is not None:
        assert said.startswith(f"{repository / 'lscb.toml'}:{line}: ")


def test_rules_lists_the_parameters_with_default_and_force() -> None:
    run = lscb("rules")
    flat = " ".join(run.stdout.split())
    assert "section-11-audits.cycle_months = 24 months (practice norm)" in flat


def test_outside_a_repository_only_the_working_folder_is_looked_in(tmp_path: Path) -> None:
    (tmp_path / "lscb.toml").write_text('fail_on = "none"\n', encoding="utf-8")
    work = tmp_path / "work"
    shutil.copytree(EVIDENCE, work / "evidence")
    assert lscb("check", "-q", BEXLEY_2014, cwd=work).returncode == 1
    assert lscb("check", "-q", f"work/{BEXLEY_2014}", cwd=tmp_path).returncode == 0


def test_a_link_leading_out_of_the_repository_is_not_read(repository: Path, tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside.toml"
    outside.write_text('fail_on = "none"\n', encoding="utf-8")
    (repository / "lscb.toml").symlink_to(outside)
    assert lscb("check", "-q", BEXLEY_2014, cwd=repository).returncode == 1
