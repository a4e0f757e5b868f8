"""A repository's own defaults for `lscb`: `lscb.toml`, or `[tool.lscb]` in `pyproject.toml`.

An evidence repository sets once what every run there should use (how `check` fails, where
source documents may lie, the packs, practice-norm parameters) instead of repeating options in
each hook and CI job. The file is looked for in the working folder and its parents up to the
repository's root (the folder holding `.git`); `lscb.toml` wins over `pyproject.toml` in the
same folder. An option on the command line wins over the file.

What a file may not do is read outside its repository or change the law: `source_root` must
lie inside the file's own folder, and there is no key for the rulebook (`--rules` only), so a
change to a repository can never choose the rulebook it is judged by.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from compliance.reading.errors import InputError
from compliance.reading.files import MAX_YAML_BYTES, read_text
from compliance.reading.inert import excerpt
from compliance.reading.validation import Strict

LSCB_TOML, PYPROJECT = "lscb.toml", "pyproject.toml"
# The commands each key is a default for: thresholds are `check`'s (the run CI and hooks gate
# on); the rest are every judging command's.
JUDGING = ("assess", "check", "compare", "explain", "gaps", "report")


Verdicts = str | list[str]


class Settings(Strict):
    """The keys a configuration may set: each the command-line option of the same name."""

    fail_on: Verdicts | None = Field(default=None, description="check's --fail-on")
    duty_fail_on: Verdicts | None = Field(default=None, description="check's --duty-fail-on")
    guidance_fail_on: Verdicts | None = Field(
        default=None, description="check's --guidance-fail-on"
    )
    source_root: str | None = Field(default=None, description="--source-root, inside the repo")
    packs: list[str] = Field(default_factory=list, description="--pack, each")
    params: dict[str, int] = Field(
        default_factory=dict, description="--param: REQUIREMENT.PARAMETER = WHOLE_NUMBER"
    )


def find(start: Path) -> Path | None:
    """The configuration file for a run in `start`, or None: looked for up to the repository's
    root, or in `start` alone outside a repository, and only as a file inside that folder
    (never through a link leading out of it)."""
    folders = (start, *start.parents)
    root = next((f for f in folders if (f / ".git").exists()), start)
    for folder in folders[: folders.index(root) + 1]:
        for name in (LSCB_TOML, PYPROJECT):
            path = folder / name
            if not path.is_file() or not path.resolve().is_relative_to(root.resolve()):
                continue  # the common case, every run: no file here, so nothing is resolved
            if name == LSCB_TOML or _has_tool_table(path):
                return path
    return None


def _has_tool_table(path: Path) -> bool:
    return "[tool.lscb" in read_text(path, MAX_YAML_BYTES, "a configuration file")


def default_map(path: Path) -> dict[str, dict[str, Any]]:
    """click's defaults per command, from the file: what each option takes if not given."""
    text = read_text(path, MAX_YAML_BYTES, "a configuration file")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = int(found[1]) if (found := re.search(r"line (\d+)", str(exc))) else None
        raise InputError.at(path, line, "is not valid TOML; fix the syntax") from None
    table = data if path.name == LSCB_TOML else data.get("tool", {}).get("lscb", {})
    try:
        settings = Settings.model_validate(table)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = str(error["loc"][0]) if error["loc"] else ""
        allowed = ", ".join(Settings.model_fields)
        message = (
            f"unknown key {excerpt(key)}; the keys are {allowed}"
            if error["type"] == "extra_forbidden"
            else f"{excerpt(key)}: {error['msg'].lower()}"
        )
        raise InputError.at(path, _line_of(text, key), message) from None
    judging: dict[str, Any] = {}
    if settings.source_root is not None:
        judging["source_root"] = _inside(path, text, settings.source_root)
    if settings.packs:
        judging["packs"] = settings.packs
    if settings.params:
        judging["overrides"] = [f"{key}={value}" for key, value in settings.params.items()]
    thresholds = {
        name: ",".join(value) if isinstance(value, list) else value
        for name in ("fail_on", "duty_fail_on", "guidance_fail_on")
        if (value := getattr(settings, name)) is not None
    }
    return {
        command: {**judging, **(thresholds if command == "check" else {})} for command in JUDGING
    }


def _inside(path: Path, text: str, root: str) -> str:
    """The source root, resolved from the file's folder; never outside it."""
    folder = path.parent.resolve()
    resolved = (folder / root).resolve()
    if not resolved.is_relative_to(folder):
        raise InputError.at(
            path,
            _line_of(text, "source_root"),
            "source_root leads outside the repository; a configuration may only narrow where "
            "sources lie (--source-root on the command line may widen it)",
        )
    return str(resolved)


def _line_of(text: str, key: str) -> int | None:
    """The line where `key` is set (the first), for the message."""
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", re.MULTILINE)
    found = pattern.search(text) if key else None
    return text[: found.start()].count("\n") + 1 if found else None
