"""`lscb extract`: a first draft of evidence from source documents, for a person to review.

The documents are read as every source is (`evidence.quotes.source_text`: confined, bounded,
each format by its own reader), cut into sentences (`sentences`), and each sentence is scored
for each fact of the vocabulary by the fact's cues (`rulebook.cues`, data in `rules/facts/`),
with a bonus inside the document's part on the board (`board`). The best candidates of each
fact are kept, each quote verified with a locator the evidence loader accepts (`locate`), a
value proposed only where the words state one in a form read safely (`evidence.worded`), and the
reviewers' own conclusions kept apart as candidate findings (`conclusions`). Nothing in a draft
is asserted: it stands under `draft:`, which `lscb assess` refuses until a person accepts what
is right (`render`).
"""

from compliance.extract.draft import Candidate, Draft, FactDraft, FindingCandidate, make_draft

__all__ = ["Candidate", "Draft", "FactDraft", "FindingCandidate", "make_draft"]
