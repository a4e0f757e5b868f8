"""The near miss in a wrong name or value: what the person most likely meant, to say so.

An error that lists forty allowed values leaves the person to find their own typo; one that says
"did you mean 'in-place'?" fixes it. Suggestions are offered only where they are very likely:
the same words spelt with other separators or case, a unique name the words begin, or a close
spelling; and a date written in words ("27 June 2016", "April 2015") is shown in the form the
file takes, at the same precision.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from collections.abc import Iterable

# A name or value longer than this is no typo of a short one; comparing it costs for nothing.
MAX_COMPARED = 200
_SEPARATORS = re.compile(r"[\s_\-]+")
_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTH = "(?P<month>[A-Za-z]{3,9})\\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WORDED_DATES = [
    re.compile(rf"^{_DAY}\s+{_MONTH},?\s+{_YEAR}$"),  # 27 June 2016
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$"),  # June 27, 2016
    re.compile(rf"^{_MONTH},?\s+{_YEAR}$"),  # April 2015
]


def _key(text: str) -> str:
    return _SEPARATORS.sub("-", text.strip().lower()).strip("-")


def nearest(given: object, choices: Iterable[str]) -> str | None:
    """The one choice `given` most likely meant, or None when none is likely enough."""
    if not isinstance(given, str) or not given.strip() or len(given) > MAX_COMPARED:
        return None
    options = list(choices)
    wanted = _key(given)
    by_key = {_key(option): option for option in options}
    if wanted in by_key:
        return by_key[wanted]
    begun = [option for key, option in by_key.items() if key.startswith(wanted + "-")]
    if len(begun) == 1:
        return begun[0]
    close = difflib.get_close_matches(wanted, list(by_key), n=1)
    return by_key[close[0]] if close else None


def did_you_mean(given: object, choices: Iterable[str]) -> str:
    """ "; did you mean 'x'?" when a choice is likely, else nothing: to end a message with."""
    near = nearest(given, choices)
    return f"; did you mean '{near}'?" if near is not None else ""


def date_in_words(given: object) -> str | None:
    """A date written in words, in the file's form at the precision given ("April 2015" is
    2015-04, a month, never a day of it), or None if it is not one."""
    if not isinstance(given, str) or len(given) > 40:
        return None
    for pattern in _WORDED_DATES:
        found = pattern.match(given.strip())
        if found is None:
            continue
        month = _MONTHS.get(found["month"].lower())
        if month is None:
            return None
        year = int(found["year"])
        if "day" not in found.groupdict() or found["day"] is None:
            return f"{year:04d}-{month:02d}"
        try:
            return dt.date(year, month, int(found["day"])).isoformat()
        except ValueError:
            return None
    return None
