"""Judging evidence: applicability by date, the engine's cases, the verdict and its trace."""

from compliance.judge.judge import Judge

__all__ = ["Judge"]
