"""The collector paused during a run: cycles still freed as the run goes, its state restored."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from benchmarks.corpus import generate
from compliance import api
from compliance.errors import InputError

FILES = 60


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("corpus")
    generate(where, FILES, seed=3)
    return where


def test_a_run_frees_each_files_cycles_as_it_goes(folder: Path) -> None:
    """durable_rules leaves about 2,000 objects in cycles a file. Were they kept until the run
    ends, one collection would then find them all, about 130,000 for these files; each
    collection during the run must instead find a few files' worth at most."""
    found: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            found.append(info["collected"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        run = api.assess([folder])
    finally:
        gc.callbacks.remove(count)
    assert len(run.results) == FILES
    assert len(found) >= FILES  # one after each file, at least
    assert sum(found) > FILES * 1000  # the cycles are there, and freed
    assert max(found) < 30_000, sorted(found)[-5:]


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was_even_after_bad_input(
    folder: Path, tmp_path: Path, enabled: bool
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("facts: [\n", encoding="utf-8")
    (gc.enable if enabled else gc.disable)()
    try:
        api.assess([folder])
        assert gc.isenabled() is enabled
        with pytest.raises(InputError):
            api.assess([folder, bad])
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
