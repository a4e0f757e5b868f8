"""A fact's cues: the words, phrases and patterns `lscb extract` looks for the fact by.

They are data beside the fact in `rules/facts/*.yaml`, so that improving a fact's draft needs
no Python, and they are checked when the rulebook loads: a pattern that is not a regular
expression, or one built to take exponential time, is an error at its own line.

    cues:
      - lay member                          # a phrase: weight 1
      - {phrase: second lay member, weight: 3}
      - {pattern: 'lay (?:member|person)s?', weight: 2}

A phrase matches its words in order, in any letter case, with any whitespace between them,
starting at a word's start, each word of four letters or more in its plural or possessive form
too ("lay member role" matches "lay members' role", "Section 11 audits" matches "a Section 11
audit"). A pattern is a Python regular
expression, matched in any letter case. A sentence's score for a fact is the sum of the
weights of the distinct cues it matches, so a ranking can always be explained by the cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from compliance.reading.inert import excerpt

MAX_CUE = 300
MAX_WEIGHT = 10
# A group holding a quantifier, itself repeated: `(a+)+`, `(\w*\s?)*`. Python's matcher may take
# exponential time on such a pattern; cues never need one.
_NESTED = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]")

CUE_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "properties": {
                "phrase": {"type": "string"},
                "pattern": {"type": "string"},
                "weight": {"type": "number"},
            },
            "additionalProperties": False,
        },
    ]
}


@dataclass(frozen=True)
class Cue:
    """One cue, compiled: `label` is how the rulebook writes it (shown with every candidate).
    A phrase has `literal` too: its words in lower case, matched case-sensitively in a
    lower-cased text (a word's start checked by the caller), which runs some thirty times
    faster than `regex`'s case-insensitive search and finds the same."""

    label: str
    weight: float
    regex: re.Pattern[str]
    literal: re.Pattern[str] | None = None


def parse_cue(raw: Any) -> Cue:
    """A cue as written (a phrase, or a mapping of `phrase` or `pattern` and `weight`);
    ValueError says what is wrong in words."""
    if isinstance(raw, str):
        return _phrase(raw, 1)
    if not isinstance(raw, dict):
        raise ValueError("a cue is a phrase, or {phrase: ..., weight: N} or {pattern: ...}")
    unknown = set(raw) - {"phrase", "pattern", "weight"}
    if unknown:
        raise ValueError(f"unknown key {excerpt(sorted(unknown)[0])} in a cue")
    weight = raw.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, int | float):
        raise ValueError("a cue's weight is a number")
    if not (-MAX_WEIGHT <= weight <= MAX_WEIGHT) or weight == 0:
        raise ValueError(f"a cue's weight is from -{MAX_WEIGHT} to {MAX_WEIGHT}, not 0")
    if ("phrase" in raw) == ("pattern" in raw):
        raise ValueError("a cue has either a 'phrase' or a 'pattern'")
    if "phrase" in raw:
        return _phrase(raw["phrase"], weight)
    return _pattern(raw["pattern"], weight)


def _phrase(text: Any, weight: float) -> Cue:
    if not isinstance(text, str) or not text.split():
        raise ValueError("a cue's phrase is some words")
    if len(text) > MAX_CUE:
        raise ValueError(f"a cue's phrase is at most {MAX_CUE} characters")
    words = text.split()
    body = r"\s+".join(_inflected(word, last=i == len(words) - 1) for i, word in enumerate(words))
    lowered = r"\s+".join(
        _inflected(word.lower(), last=i == len(words) - 1) for i, word in enumerate(words)
    )
    return Cue(text, weight, re.compile(r"(?<!\w)" + body, re.IGNORECASE), re.compile(lowered))


# The endings a phrase's word may take where the phrase has it plain, or lose where it has one:
# "lay member" finds "lay members'", "Section 11 audits" finds "a Section 11 audit".
_ENDING = r"(?:['\u2019]s|s['\u2019]|es|s)?"


def _inflected(word: str, last: bool) -> str:
    """A phrase's word as a pattern: its plain form with an optional plural or possessive
    ending (the last word is matched from its start anyway, so only a plural it has is made
    optional; not in "process", "status", "analysis"). Only a word of four letters or more is
    changed: 'is', 'LSCB', '11' stand as written."""
    if not (word.isalpha() and len(word) >= 4):
        return re.escape(word)
    plural = word.lower().endswith("s") and not word.lower().endswith(("ss", "us", "is"))
    stem = word[:-1] if plural else word
    if last:
        return re.escape(stem)
    return re.escape(stem) + _ENDING


def _pattern(text: Any, weight: float) -> Cue:
    if not isinstance(text, str) or not text:
        raise ValueError("a cue's pattern is a regular expression")
    if len(text) > MAX_CUE:
        raise ValueError(f"a cue's pattern is at most {MAX_CUE} characters")
    if _NESTED.search(text):
        raise ValueError(
            f"the pattern {excerpt(text)} repeats a group that repeats (such as '(a+)+'), "
            "which may take exponential time; write it without the nesting"
        )
    try:
        regex = re.compile(text, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(
            f"the pattern {excerpt(text)} is not a regular expression: {exc}"
        ) from None
    if regex.search(""):
        raise ValueError(f"the pattern {excerpt(text)} matches nothing at all; make it match words")
    return Cue(f"/{text}/", weight, regex)
