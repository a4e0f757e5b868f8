"""Judging evidence: applicability by date, the engine's cases, the verdict and its trace."""

from compliance.judge.assessor import Assessor

__all__ = ["Assessor"]
