"""Headless Chromium for the tests that print a page: the board report, and the PDF sources
they build from the bundled texts. Skipped where it is absent, unless CI requires it."""

from __future__ import annotations

import os
import shutil

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
