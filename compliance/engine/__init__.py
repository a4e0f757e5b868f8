"""The rules engine: compiling the bound rulebook and evaluating it in durable_rules."""

from compliance.engine.compile import (
    CompiledRulebook,
    EngineError,
    EngineLimit,
    compile_rulebook,
)
from compliance.engine.host import CoreRuleset, EngineFact, Session

__all__ = [
    "CompiledRulebook",
    "CoreRuleset",
    "EngineError",
    "EngineFact",
    "EngineLimit",
    "Session",
    "compile_rulebook",
]
