"""Evidence: files stating facts about one board, each quoted from a document and verified."""

from compliance.evidence.facts import KnownFact, StatementRecord
from compliance.evidence.load import Evidence, load_evidence
from compliance.evidence.model import evidence_model

__all__ = ["Evidence", "KnownFact", "StatementRecord", "evidence_model", "load_evidence"]
