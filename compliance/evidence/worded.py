"""A value read from a sentence's words, only where they state one in a form read safely.

Two users: `lscb extract` proposes it for a candidate sentence, and loading evidence refuses a
stated value that its own quote contradicts (`lscb` would otherwise judge `lay_members_appointed:
0` quoting "includes two lay members", and a falsely improved value would pass CI).

Read safely means one reading and no judgement: for a count, one number (in digits or words)
just before the fact's unit ("one lay member", "12 children"); for a date, one year, month, day
or financial year after "in", "on" or "during" ("in 2011", "in June 2014", "in the 2016/17
financial year"), or "over the last year" (or "in the past 12 months") up to the document's
date. Anything hedged ("at least four", "over 30", "about 12", "since 2011", "by June") or
vague ("in recent years", "recently"), or a sentence stating two of them, gets no proposal:
the person reads the quote and writes the value. A yes-no or a level is never proposed; its
allowed values and its question are shown instead.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from compliance.rulebook.vocabulary import FactDefinition

_NUMBER_WORDS = {
    word: n
    for n, word in enumerate(
        (
            *("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
            *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"),
            *("seventeen", "eighteen", "nineteen", "twenty"),
        )
    )
}
_NUMBER = r"(?<![\w./-])(\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")(?![\w/%-])"
# Words that make a number a bound, an estimate or a part: never read as the count itself.
_HEDGE = re.compile(
    r"\b(?:at\s+least|at\s+most|more\s+than|fewer\s+than|less\s+than|over|under|up\s+to|"
    r"about|around|approximately|nearly|almost|some|only|over|above|below|roughly|"
    r"approx\.|circa|c\.|a\s+further|another|per\s+cent|percent|"
    r"requires?|required|needs?|should\s+have|must\s+have|target\s+of)\s*$",
    re.IGNORECASE,
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        (
            *("january", "february", "march", "april", "may", "june", "july", "august"),
            *("september", "october", "november", "december"),
        ),
        1,
    )
}
_MONTH = "|".join(m.capitalize() for m in _MONTHS)
_YEAR = r"(?:19[89]\d|20[0-4]\d)"
_DATES = re.compile(
    rf"(?P<fy>\b{_YEAR}[/-]\d{{2}}\b)"
    rf"|(?P<day>\b\d{{1,2}}\s+(?:{_MONTH})\s+{_YEAR}\b)"
    rf"|(?P<month>\b(?:{_MONTH})\s+{_YEAR}\b)"
    rf"|(?P<year>\b{_YEAR}\b)"
)
_BEFORE_DATE = re.compile(r"\b(?:in|on|during)(?:\s+the)?\s*$", re.IGNORECASE)
_LAST_YEAR = re.compile(
    r"\b(?:over|in|during|within)\s+the\s+(?:last|past)\s+(?:year|12\s+months|twelve\s+months)\b",
    re.IGNORECASE,
)


def propose(definition: FactDefinition, sentence: str, document_date: dt.date) -> Any:
    """The value the sentence states for a fact of this definition, or None."""
    if definition.type == "count":
        return _count(sentence, definition.unit or "")
    if definition.type == "date":
        return _date(sentence, document_date)
    return None


def _unit_word(unit: str) -> str:
    """The head noun of a unit, singular, to match its singular and plural: "member"."""
    last = unit.rsplit(maxsplit=1)[-1].lower() if unit.split() else ""
    if last.endswith("ies"):
        return last[:-3] + "(?:y|ies)"
    if last == "children":
        return "child(?:ren)?"
    return re.escape(last.removesuffix("s")) + "s?"


def _count(sentence: str, unit: str) -> int | None:
    if not unit:
        return None
    noun = _unit_word(unit)
    found = []
    # The number, then at most three words (adjectives: "new", "lay", "partner"), then the noun.
    pattern = re.compile(_NUMBER + r"((?:\s+[\w-]+){0,3}?)\s+" + noun + r"\b", re.IGNORECASE)
    for m in pattern.finditer(sentence):
        if _HEDGE.search(sentence[: m.start()]):
            return None
        if _NAMING.search(sentence[: m.start()]):
            continue  # "Section 11 audits", "Tier 2 services": a name, not a count
        if _NUMBER_RE.search(m.group(2)) or re.search(r"\bof\b", m.group(2)):
            continue
        word = m.group(1).lower()
        found.append(int(word) if word.isdigit() else _NUMBER_WORDS[word])
    return found[0] if len(set(found)) == 1 else None


_NUMBER_RE = re.compile(_NUMBER, re.IGNORECASE)
# Words after which a number names something (a provision, a page, a level) rather than counts.
_NAMING = re.compile(
    r"\b(?:section|s|regulation|reg|paragraph|para|chapter|ch|page|part|schedule|article|"
    r"annex|appendix|no|number|tier|level|stage|step|phase|priority|year|key\s+stage)\.?\s*$",
    re.IGNORECASE,
)


def _date(sentence: str, document_date: dt.date) -> Any:
    stated = list(_DATES.finditer(sentence))
    last_year = _LAST_YEAR.search(sentence)
    if last_year and not stated:
        return {"last_months": 12, "to": document_date.isoformat()}
    if len(stated) != 1 or last_year or not _BEFORE_DATE.search(sentence[: stated[0].start()]):
        return None
    return _stated(stated[0])


def _stated(m: re.Match[str]) -> Any:
    """The value of one date as written: a financial year, a year, a month or a day."""
    if m.lastgroup == "fy":
        start, end = int(m.group()[:4]), int(m.group()[5:7])
        return f"{start}/{end:02d}" if (start + 1) % 100 == end else None
    if m.lastgroup == "year":
        return int(m.group())
    parts = m.group().split()
    if m.lastgroup == "month":
        return f"{parts[1]}-{_MONTHS[parts[0].lower()]:02d}"
    try:
        return dt.date(int(parts[2]), _MONTHS[parts[1].lower()], int(parts[0])).isoformat()
    except ValueError:
        return None
