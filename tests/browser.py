"""Headless Chromium for the tests that print a page: the board report, and the PDF sources
they build from the bundled texts. Skipped where it is absent, unless CI requires it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("LSCB_REQUIRE_BROWSER") == "1":
        pytest.fail("LSCB_REQUIRE_BROWSER=1, but headless Chromium is not installed")
    pytest.skip(
        "headless Chromium is not installed (Debian: apt-get install chromium); "
        "set LSCB_REQUIRE_BROWSER=1 to make this a failure"
    )


def print_page(page: str, folder: Path, *output: str) -> Path:
    """One run of headless Chromium on the HTML `page`, written into `folder`, in a fresh
    profile, with no network; `output` says what to make (`--print-to-pdf=...`, a screenshot)."""
    source = folder / "report.html"
    source.write_text(page, encoding="utf-8")
    profile = folder / "profile"
    profile.mkdir()
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--no-pdf-header-footer",
        f"--user-data-dir={profile}",
        *output,
        source.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return folder
