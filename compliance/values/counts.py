"""Counts as documents give them: an exact number or a bound.

"Four new lay members" means at least four; "a vacant lay member position" on a board with two
lay seats means at most one. A count is the range of whole numbers the words allow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from compliance.reading.inert import excerpt

FORMS = "a whole number (0 or more), or a bound such as {at_least: 4} or {at_most: 1}"
# Nothing a board counts (members, audits, notifications) comes near this; a larger number is
# a slip of the keyboard, or input built to be large.
MAX_COUNT = 1_000_000


@dataclass(frozen=True)
class CountValue:
    """Every whole number a count could be: from `low` to `high` (None: no upper bound)."""

    low: int
    high: int | None
    text: str

    @classmethod
    def unknown(cls) -> CountValue:
        return cls(0, None, "not stated")

    def describe(self) -> str:
        return self.text

    def intersect(self, other: CountValue) -> CountValue | None:
        low = max(self.low, other.low)
        highs = [h for h in (self.high, other.high) if h is not None]
        high = min(highs) if highs else None
        if high is not None and low > high:
            return None
        return CountValue(low, high, _range_text(low, high))

    def hull(self, other: CountValue) -> CountValue:
        high = None if self.high is None or other.high is None else max(self.high, other.high)
        low = min(self.low, other.low)
        return CountValue(low, high, f"{self.text} or {other.text}")


def parse_count(raw: Any) -> CountValue:
    """A count from YAML: a number, or at_least / at_most bounds (ValueError says which)."""
    if _whole(raw) or (isinstance(raw, dict) and all(_whole(v) for v in raw.values())):
        values = raw.values() if isinstance(raw, dict) else [raw]
        if any(v > MAX_COUNT for v in values):
            raise ValueError(f"a count above {MAX_COUNT:,} is not plausible here; check it")
    if _whole(raw):
        return CountValue(raw, raw, str(raw))
    if isinstance(raw, dict) and raw and set(raw) <= {"at_least", "at_most"}:
        if not all(_whole(v) for v in raw.values()):
            raise ValueError("at_least and at_most take whole numbers, 0 or more")
        low, high = raw.get("at_least", 0), raw.get("at_most")
        if high is not None and low > high:
            raise ValueError(f"at_least {low} is more than at_most {high}")
        return CountValue(low, high, _range_text(low, high))
    raise ValueError(f"expected {FORMS}; got {excerpt(raw)}")


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _range_text(low: int, high: int | None) -> str:
    if high is None:
        return f"at least {low}"
    if low == high:
        return str(low)
    if low == 0:
        return f"at most {high}"
    return f"{low} to {high}"
