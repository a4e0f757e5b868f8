"""The wheel's build hook: the bundled rulebook loaded and checked once, shipped as a pickle.

`lscb` on one file spends most of its start-up loading the rulebook from YAML; an installed
copy reads this pickle instead when its `_rulebook/` still has the digest the pickle was made
from (compliance/rulebook/prebuilt.py says when else it falls back to the YAML). Only the
rulebook's loading is imported here (pydantic, PyYAML): never durable_rules, which the build
environment need not have.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PrebuiltRulebook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads the checkout's rules/ as it stands
        sys.path.insert(0, self.root)
        try:
            from compliance.rulebook import load_rulebook, prebuilt
        finally:
            sys.path.remove(self.root)
        rulebook = load_rulebook(Path(self.root) / "rules", "the wheel's build")
        self._scratch = tempfile.TemporaryDirectory(prefix="lscb-build-")
        target = Path(self._scratch.name) / "_rulebook.pickle"
        target.write_bytes(prebuilt.dump(rulebook))
        build_data["force_include"][str(target)] = "compliance/_rulebook.pickle"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            scratch.cleanup()
