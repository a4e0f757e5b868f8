"""The reviewers' own conclusions, found as candidate findings and kept apart from facts.

A conclusion is a judgement ("is inadequate", "requires improvement", "is effective", "meet
the legislative requirements", "this recommendation is met", "overdue") or a direction ("Ensure that ...", "should", "must",
"needs to"). Each found sentence is offered as a finding with its requirement and its verdict
left for the person: the verdict its words suggest, and the requirements that read the facts
the sentence scores best for, are comments. Judgements are offered before directions, which
inspections give by the dozen. The words are below; each candidate names the one that found it.
"""

from __future__ import annotations

import re

# The verdict a direction suggests; a direction ranks this much lower as a fact's candidate.
DIRECTION = "improvement-needed"
DIRECTION_PENALTY = 1.5

_WORDS = (
    ("inadequate", r"\b(?:is|are|was|were|be|remains?)\s+(?:judged\s+)?inadequate\b", "unmet"),
    ("not effective", r"\b(?:is|are)\s+not\s+(?:yet\s+)?(?:effective|demonstrating)\b", "unmet"),
    ("overdue", r"\boverdue\b", "unmet"),
    ("requires improvement", r"\brequires?\s+improvement\b", "partly-met"),
    (
        "meets the requirements",
        r"\bmeets?\s+(?:the\s+)?(?:legislative|statutory)\s+requirements?\b",
        "met",
    ),
    ("strong", r"\bstrong\s+area\b|\bis\s+(?:good|outstanding|effective|strong)\b", "met"),
    (
        "is met",
        r"\b(?:is|are|has\s+been|have\s+been)\s+(?:therefore\s+|now\s+|fully\s+)?met\b",
        "met",
    ),
    (
        "ensure that",
        r"^\W*(?:ensure|establish|undertake|review|introduce|improve)\b",
        DIRECTION,
    ),
    ("should", r"\bshould\b", DIRECTION),
    (
        "needs to",
        r"\b(?:needs?|has)\s+to\s+(?:be\s+)?(?:improve|develop|ensure|strengthen)",
        DIRECTION,
    ),
    ("must", r"\bmust\b", DIRECTION),
)
# (label, pattern, the verdict the words suggest), in the order tried: the first that matches
# names the candidate, and candidates are offered in this order.
CONCLUSIONS: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (label, re.compile(pattern, re.IGNORECASE), says) for label, pattern, says in _WORDS
)
ORDER = {label: i for i, (label, _pattern, _says) in enumerate(_WORDS)}


def conclusion(sentence: str) -> tuple[str, str] | None:
    """(the words that found it, the verdict they suggest) for a conclusion, or None."""
    for label, pattern, says in CONCLUSIONS:
        if pattern.search(sentence):
            return label, says
    return None
