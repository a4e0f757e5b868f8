"""The rules engine: compiling the bound rulebook and evaluating it in durable_rules."""

from compliance.engine.compile import (
    CompiledRulebook,
    EngineError,
    EngineLimit,
    compile_rulebook,
)
from compliance.engine.host import EngineFact, FencedHost, Session

__all__ = [
    "CompiledRulebook",
    "EngineError",
    "EngineFact",
    "EngineLimit",
    "FencedHost",
    "Session",
    "compile_rulebook",
]
