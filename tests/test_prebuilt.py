"""The rulebook pickled at build time (compliance/rulebook/prebuilt.py): read back, it is the
rulebook the YAML gives at the place it is read; made from other files, or unreadable, it is
not used and the YAML is loaded instead."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from compliance.rulebook import load, load_rulebook, prebuilt
from compliance.rulebook.book import Rulebook
from tests.conftest import PACKS, RULES


@pytest.fixture(scope="module")
def pickled() -> bytes:
    """A rulebook of its own, loaded here: no other test's use of the shared one shows in it."""
    return prebuilt.dump(load_rulebook(RULES))


def test_read_back_elsewhere_it_is_the_rulebook_the_yaml_gives_there(
    pickled: bytes, tmp_path: Path
) -> None:
    root = tmp_path / "copy"
    shutil.copytree(RULES, root)
    from_yaml = load_rulebook(root, "a copy")
    read = prebuilt.load(pickled, root, "a copy", from_yaml.location.digest)
    assert read == from_yaml
    assert read is not None
    assert read.location == from_yaml.location
    assert set(read.files.values()) == set(from_yaml.files.values())
    assert all(path.is_file() for path in read.files.values())


def test_made_from_other_files_it_is_not_used(pickled: bytes, rulebook: Rulebook) -> None:
    assert prebuilt.load(pickled, RULES, "here", "0" * 12) is None


def test_a_path_outside_the_rulebook_is_refused(rulebook: Rulebook, tmp_path: Path) -> None:
    elsewhere = Rulebook(
        **{**vars(rulebook), "files": {"x": tmp_path / "x.yaml"}, "windows": {}},
    )
    with pytest.raises(ValueError, match="is not in the subpath"):
        prebuilt.dump(elsewhere)


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05K\x01.", None], ids=str)
def test_a_missing_or_unreadable_pickle_falls_back_to_the_yaml(
    content: bytes | None, pickled: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "_rulebook.pickle"
    if content is not None:
        target.write_bytes(content)
    monkeypatch.setattr(prebuilt, "PREBUILT", target)
    assert load._prebuilt(RULES, "here") is None


def test_a_truncated_pickle_falls_back_to_the_yaml(
    pickled: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "_rulebook.pickle"
    target.write_bytes(pickled[: len(pickled) // 2])
    monkeypatch.setattr(prebuilt, "PREBUILT", target)
    assert load._prebuilt(RULES, "here") is None


def test_the_pickle_is_read_only_for_the_bundled_copy_found_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not for --rules (even naming the bundled copy), not for a checkout's rules/, not with a
    pack: only the bundled copy, found by default, with no pack."""
    asked: list[Path] = []
    monkeypatch.setattr(load, "BUNDLED", RULES)  # this checkout's rules/ standing for the copy
    monkeypatch.setattr(load, "_prebuilt", lambda root, origin: asked.append(root))
    load_rulebook(RULES, "given with --rules")
    load_rulebook(RULES, "the checkout the package runs from")
    load_rulebook(RULES, load.BUNDLED_ORIGIN, packs=PACKS[:1])
    assert asked == []
    load_rulebook(RULES, load.BUNDLED_ORIGIN)
    assert asked == [RULES]
