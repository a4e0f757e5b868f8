"""A finding on the board as a whole is shown, and said once to decide no requirement."""

from __future__ import annotations

import pytest

from tests.cli import lscb


@pytest.mark.parametrize(
    "args",
    [
        ("assess",),
        ("assess", "--format", "markdown"),
        ("assess", "--format", "html"),
        ("explain", "{file}", "cdop"),
    ],
    ids=["table", "markdown", "html", "explain"],
)
def test_a_finding_on_the_whole_board_says_once_that_it_decides_no_requirement(
    args: tuple[str, ...],
) -> None:
    """Bromley 2016: Ofsted finds the board "complies with its statutory responsibilities";
    that decides none of the requirements left not-evidenced, and the output says so once."""
    file = "evidence/bromley-2016-ofsted-review.yaml"
    argv = [a.replace("{file}", file) for a in args]
    run = lscb(*argv) if "{file}" in args else lscb(*argv, file)
    assert (run.returncode, run.stderr) == (0, "")
    flat = " ".join(run.stdout.split())
    assert flat.count("A finding on the board as a whole decides no requirement") == 1
