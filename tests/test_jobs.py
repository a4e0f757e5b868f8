"""`--jobs N`: the same output, byte for byte, and the same errors, from N worker processes.

Every test here starts real worker processes (nothing is mocked): what is compared is what a
user would see from `lscb assess` or `lscb gaps` with `--jobs 1` and with `--jobs 2`.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from click.testing import CliRunner

from compliance import api
from compliance.cli import main
from compliance.parallel import _hand_out, _interrupts_held
from tests.conftest import EVIDENCE, FIXTURES, ROOT


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    monkeypatch.chdir(ROOT)


def lscb(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_two_jobs_print_exactly_what_one_prints(fmt: str) -> None:
    one = lscb("assess", "--format", fmt, "evidence/")
    two = lscb("assess", "--format", fmt, "--jobs", "2", "evidence/")
    assert one[0] == 0
    assert one[1].count("bexley-2014-ofsted-review.yaml") >= 1
    assert two == one


def test_two_jobs_find_the_same_gaps() -> None:
    for fmt in ("text", "json"):
        one = lscb("gaps", "--format", fmt, "evidence/")
        assert one[0] == 0
        assert lscb("gaps", "--format", fmt, "-j", "2", "evidence/") == one


def test_two_jobs_report_every_problem_in_every_file_as_one_job_does() -> None:
    args = ["--source-root", str(ROOT), str(FIXTURES / "broken")]
    one = lscb("assess", *args)
    two = lscb("assess", "--jobs", "2", *args)
    assert one[0] == 2
    assert one[2].count("\n") >= 10  # every broken fixture, each on its own line
    assert two == one


def test_the_library_gives_equal_results_in_the_same_order() -> None:
    paths = [EVIDENCE, EVIDENCE / "bexley-2014-ofsted-review.yaml"]
    assert api.assess(paths, jobs=2) == api.assess(paths, jobs=1)
    with pytest.raises(ValueError, match="jobs must be 1 or more"):
        api.assess(paths, jobs=0)


@pytest.mark.parametrize("value", ["0", "-1", "two", ""])
def test_a_number_of_jobs_below_one_is_refused_before_anything_runs(value: str) -> None:
    code, out, err = lscb("assess", "--jobs", value, "evidence/")
    assert (code, out) == (2, "")
    assert "Invalid value for '--jobs'" in err


def _children(pid: int) -> list[int]:
    """The worker processes `pid` has spawned (Linux: read from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            command = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"spawn_main" in command:
            found.append(int(entry))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds workers through /proc")
def test_a_worker_that_dies_is_an_internal_error_in_one_line(tmp_path: Path) -> None:
    """A worker killed outright (as the out-of-memory killer would) is a real failure of a
    worker process: it must reach the user as the internal-error line and exit 3."""
    shutil.copytree(EVIDENCE / "sources", tmp_path / "sources")
    for i in range(60):
        shutil.copy(EVIDENCE / "bexley-2015-lga-diagnostic.yaml", tmp_path / f"copy-{i:02d}.yaml")
    command = [sys.executable, "-m", "compliance.cli", "assess", "--jobs", "2", str(tmp_path)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as run:
        deadline = time.monotonic() + 60
        while run.poll() is None and time.monotonic() < deadline:
            workers = _children(run.pid)
            if workers:
                os.kill(workers[0], signal.SIGKILL)
                break
            time.sleep(0.01)
        out, err = run.communicate(timeout=120)
    assert (run.returncode, out) == (3, b"")
    assert err.decode().startswith("internal error: BrokenProcessPool: ")
    assert err.decode().count("\n") == 1
    assert err.decode().endswith("with the command you ran and the output of lscb --version\n")
    assert err.count(b"\n") == 1


def test_a_pool_that_breaks_while_work_is_handed_out_is_reported_as_broken() -> None:
    """`submit` on a pool already given up says so in whatever words its state gives (a
    closed pipe, a shut-down pool); the run reports it as the broken pool it is."""
    pool = ProcessPoolExecutor(1, multiprocessing.get_context("spawn"))
    pool.shutdown()
    with pytest.raises(BrokenProcessPool, match="ended while work was handed out"):
        _hand_out(pool, [(ROOT / "evidence",)])


def _report_mask(queue: multiprocessing.Queue) -> None:
    queue.put(signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, []))


def test_a_worker_is_started_with_interrupts_held() -> None:
    """Ctrl-C reaches every process of the group; a worker still importing (before its
    initializer ignores SIGINT) printed a traceback of the import. Spawned while SIGINT is
    blocked, it keeps it blocked through exec; the parent blocks it only meanwhile."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    with _interrupts_held():
        worker = context.Process(target=_report_mask, args=(queue,))
        worker.start()
    assert queue.get(timeout=60) is True
    worker.join(timeout=60)
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
